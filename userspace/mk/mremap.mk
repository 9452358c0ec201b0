# mremap (issues 11 and 12): the libc-free probe on every ABI, and glibc's realloc of large
# blocks, which is mremap underneath.
probes-common += mremap
probes-libc-extra += libc_realloc
probes-common += bench_mremap
