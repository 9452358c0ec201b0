# The files issue's figures and ABI-variant probes (area: filesbench).
# files_abi: each ABI's forms of the file calls (stat64, _llseek, getdents, fcntl64, the
# split 64-bit offsets, statfs64, chown16, statx), checked against Linux under qemu-user.
# bench_files: what open/stat/read/pipe/getdents cost, for scripts/bench.py.
probes-common += files_abi bench_files
