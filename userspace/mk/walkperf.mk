# The path walk's names and dentry cache (issue 12; owner: walkperf): walk_names, a glibc
# program on every ABI, on Ferry and under qemu-user (tests/boot/cases_walkperf.py).
probes-libc-extra += libc_walk_names
$(foreach abi,x86_64 i386 arm64 arm,\
	$(eval $(PROBE_O)/$(abi)/libc_walk_names: userspace/libc/files_check.h))
.DEFAULT_GOAL :=
