# Signals on arm64 and arm (issue 13; owner: sigarm): the frames handlers see, sigreturn's
# checks, restart of svc from A64, A32 and Thumb (tests/boot/cases_sigarm.py).
probes-arm64-extra += sigframe_arm
probes-arm-extra += sigframe_arm
