# SMP (issue 17): a process moved onto each CPU in turn, forking there (cpu_hop).
probes-common += cpu_hop
