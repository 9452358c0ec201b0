# Issue 16, "every resource a user can make the kernel allocate is bounded" (owner: audit16):
# open files, memory maps and pipe buffers run out as errors (userspace/probes/limits.c).
probes-common += limits
