# Fuzzing (issue 16): the syscall fuzzer, one source for every ABI (docs/fuzzing.md).
probes-common += fuzz
$(foreach abi,x86_64 i386 arm64 arm,$(PROBE_O)/$(abi)/fuzz): userspace/include/ferry/fuzz_routes.h \
	userspace/probes/fuzz_args.h
# The kernel bugs the fuzzer found, replayed one check each (tests/boot/cases_fuzz.py).
probes-i386-extra += fuzz_found
# init growing after the baseline is no leak (mm_selfcheck; tests/boot/cases_fuzz.py).
probes-common += selfcheck_growth
