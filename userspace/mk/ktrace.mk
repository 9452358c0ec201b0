# The tracer's probes (issue 15, kernel writer): forkexec, a small process family for the
# follow-fork boot tests (tests/boot/cases_ktrace.py); caps, the captures beyond the metadata.
probes-common += forkexec caps
