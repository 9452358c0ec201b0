# The fixes of the files reviews' known problems (issue 12; owner: fsfixes): a glibc program
# run on every ABI and under qemu-user (docs/files.md, "Known problems").
probes-libc-extra += libc_fsfixes
$(foreach abi,x86_64 i386 arm64 arm,\
	$(eval $(PROBE_O)/$(abi)/libc_fsfixes: userspace/libc/files_check.h))
.DEFAULT_GOAL :=
