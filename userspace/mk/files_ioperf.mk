# Reading files and directories (issue 12; owner: ioperf): getdents' buffers and positions,
# readv/writev's vector, the atime rules (tests/boot/cases_ioperf.py).
probes-libc-extra += libc_files_io
$(foreach abi,x86_64 i386 arm64 arm,\
	$(eval $(PROBE_O)/$(abi)/libc_files_io: userspace/libc/files_check.h))
# (Rules made here would become make's default goal: leave that to userspace/Makefile's all.)
.DEFAULT_GOAL :=
