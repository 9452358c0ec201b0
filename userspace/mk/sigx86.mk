# x86 signal frames, sigreturn, faults and syscall restart (issue 13; owner: sigx86). Built
# for every ABI; on arm it only prints a KTAP skip (the boot cases run it on x86 alone).
probes-common += sigframe_x86
# bench_signals: the signal round trip figure (docs/benchmarks.md), run by hand:
# make run ICOUNT=1 INIT=build/probes/<abi>/bench_signals
probes-common += bench_signals
