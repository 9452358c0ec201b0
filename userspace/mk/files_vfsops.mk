# The calls that change directories and metadata (docs/files.md, "Directory and metadata
# calls"): glibc programs run on every ABI, on Ferry and under qemu-user.
probes-libc-extra += libc_files_dirops libc_files_attr libc_files_fcntl libc_files_perm
# They share userspace/libc/files_check.h (the KTAP helpers).
$(foreach abi,x86_64 i386 arm64 arm,$(foreach p,dirops attr fcntl perm,\
	$(eval $(PROBE_O)/$(abi)/libc_files_$(p): userspace/libc/files_check.h)))
# (Rules made here would become make's default goal: leave that to userspace/Makefile's all.)
.DEFAULT_GOAL :=
