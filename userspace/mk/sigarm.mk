# Signals on arm64 and arm (issue 13; owner: sigarm): the frames handlers see, sigreturn's
# checks, restart of svc from A64, A32 and Thumb (tests/boot/cases_sigarm.py).
probes-arm64-extra += sigframe_arm
probes-arm-extra += sigframe_arm
# bench_signals (sigx86's probe; its arm64/arm forms are ours): the signal round trip,
# run by hand: make ARCH=arm64 run ICOUNT=1 INIT=build/probes/<abi>/bench_signals
probes-arm64-extra += bench_signals
probes-arm-extra += bench_signals
