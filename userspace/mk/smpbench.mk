# Issue 17's figures (area: smpbench), for scripts/bench.py.
# bench_smp: a futex ping-pong between two processes pinned to different CPUs (and to one).
probes-common += bench_smp
