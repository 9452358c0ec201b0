# The tracer's figures (issue 15; area: tbench), for scripts/bench.py.
# trace_rate: n traced getpid calls against the wall clock (records per second kept).
# ftrace_bench: not a probe, the init that switches Linux's syscall tracer on and execs the
# bench probe (make bench LINUX=1's traced Linux columns); built for every ABI so it execs
# the probe without switching ABI.
probes-common += trace_rate ftrace_bench
.DEFAULT_GOAL :=
