# SMP (issue 17): a process moved onto each CPU in turn, forking there (cpu_hop); the stress
# test, threads on every CPU hammering futexes, pipes, fork/exit and mmap/munmap, and the
# runner that puts several probes in one boot (userspace/libc/smp_stress.c, run_probes.c;
# tests/boot/cases_smp.py).
probes-common += cpu_hop
probes-libc-extra += libc_smp_stress libc_run_probes
