# Memory for processes and files (issue 11, issue 12's mmap part): resource limits on
# address space, data and stack.
probes-common += mmrlimit
probes-common += madvise
probes-common += mmapfile
