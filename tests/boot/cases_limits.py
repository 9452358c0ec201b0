# Resources a user can make the kernel allocate run out as the process's error (issue 16,
# "Boundaries"; userspace/probes/limits.c): open files to EMFILE, memory areas to ENOMEM at
# vm.max_map_count, pipe buffers past fs.pipe-user-pages-soft; every ABI. With mm_selfcheck
# the kernel checks its allocator, slabs and areas at each exit and, at init's, that pages
# and kmalloc objects in use are back at the first fork's baseline (mm/selfcheck.c).
for _arch, _abis in {"x86_64": ("x86_64", "i386"), "arm64": ("arm64", "arm")}.items():
    for _abi in _abis:
        add(f"{_arch}_user_{_abi}_limits", _arch, cmdline="mm_selfcheck", init=f"{_abi}/limits",
            ktap=False, timeout=120,
            expect=[r"# probe: 8 passed, 0 failed", r"# mm_selfcheck: 4 passed, 0 failed"],
            reject=[r"Oops", r"Kernel panic", r"BUG", r"WARNING", r"^not ok"])
