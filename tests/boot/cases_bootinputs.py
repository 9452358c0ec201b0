# Bad boot inputs (issue 16, "Fuzzing"): a corrupt initramfs and init programs that are not
# what they should be each end with one clear console line and a status, never an Oops,
# a panic or a hang. (The corrupt DTBs are arm64_dtb_* in cases.py; the parsers themselves
# are fuzzed on the host, docs/fuzzing.md.) Run in cases.py's namespace (add, Case, ...).
#
# init programs, made on the spot from the hello probe of the kernel's own 64-bit ABI:
#   not_elf          a text file with execute permission        ENOEXEC (126)
#   dynamic          a dynamically linked ELF (dynamic_hello)   ENOEXEC, names the interpreter
#   phdrs_outside    program headers past the end of the file   ENOEXEC
#   segment_past_file  a segment's file bytes past the file's end  ENOEXEC
#   filesz_over_memsz  more file bytes than memory for them      EINVAL (126)
#   segment_in_kernel  a PT_LOAD at the start of the kernel half  EINVAL
#   huge_bss         a segment of 2^40 bytes (far more than RAM)  runs: pages come on first touch
#                    (known difference: Linux 6.1 refuses it. load_elf_binary's set_brk ->
#                    vm_brk_flags -> security_vm_enough_memory_mm, whose default heuristic
#                    (vm.overcommit_memory 0) turns down more pages than RAM + swap: -ENOMEM
#                    after the point of no return, so the exec ends in SIGSEGV. Ferry keeps no
#                    commit count: the area is made and only the pages touched are taken, so
#                    running out comes at a fault, as the mm tests check. docs/security.md)
#   overlapping      the second PT_LOAD over the first (MAP_FIXED replaces it, as Linux)
#   entry_in_kernel  e_entry in the kernel half                  ENOEXEC: not in the text
# initramfs archives (scripts/mkinitramfs.py's, then broken): the kernel names the error,
# keeps the entries before it, and with no /init ends in 127:
#   bad_magic, huge_namesize (0xffffffff), huge_filesize, truncated (inside /init's data)
import struct as _struct

_TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# \bBUG\b: the kernel's "BUG at file:line", not a DEBUG in some line of output
BOOT_INPUT_REJECT = [r"Oops", r"Kernel panic", r"\bBUG\b", r"WARNING", r"kernel stack overflow"]
PT_LOAD = 1


def _phdrs(elf):
    """(offset of each program header, its layout) for ELF32 or ELF64, little-endian."""
    is64 = elf[4] == 2
    if is64:
        phoff, = _struct.unpack_from("<Q", elf, 0x20)
        phentsize, phnum = _struct.unpack_from("<HH", elf, 0x36)
        fmt = "<IIQQQQQQ"	# type flags offset vaddr paddr filesz memsz align
    else:
        phoff, = _struct.unpack_from("<I", elf, 0x1c)
        phentsize, phnum = _struct.unpack_from("<HH", elf, 0x2a)
        fmt = "<IIIIIIII"	# type offset vaddr paddr filesz memsz flags align
    return is64, [phoff + i * phentsize for i in range(phnum)], fmt


def _loads(elf):
    """[(header offset, dict of fields)] of the PT_LOAD headers."""
    is64, offs, fmt = _phdrs(elf)
    names = ("type", "flags", "offset", "vaddr", "paddr", "filesz", "memsz", "align") if is64 \
        else ("type", "offset", "vaddr", "paddr", "filesz", "memsz", "flags", "align")
    out = []
    for off in offs:
        f = dict(zip(names, _struct.unpack_from(fmt, elf, off)))
        if f["type"] == PT_LOAD:
            out.append((off, f, names, fmt))
    return out


def _put(elf, load, **changes):
    off, f, names, fmt = load
    f = dict(f, **changes)
    _struct.pack_into(fmt, elf, off, *(f[n] for n in names))


def _mutate_elf(kind):
    """fn(elf bytearray) -> None: one way to break the program."""
    def phdrs_outside(elf):
        if elf[4] == 2:
            _struct.pack_into("<Q", elf, 0x20, len(elf) + 0x1000)
        else:
            _struct.pack_into("<I", elf, 0x1c, len(elf) + 0x1000)

    def segment_past_file(elf):
        first = _loads(elf)[0]
        _put(elf, first, filesz=len(elf) * 4, memsz=max(first[1]["memsz"], len(elf) * 4))

    def filesz_over_memsz(elf):
        first = _loads(elf)[0]
        _put(elf, first, memsz=first[1]["filesz"] - 1)

    def segment_in_kernel(elf):
        first = _loads(elf)[0]
        base = 0xffff800000000000 if elf[4] == 2 else 0xfffff000
        _put(elf, first, vaddr=base + (first[1]["offset"] & 0xfff))

    def huge_bss(elf):
        last = _loads(elf)[-1]
        _put(elf, last, memsz=(1 << 40) if elf[4] == 2 else 0x40000000)

    def overlapping(elf):
        first, second = _loads(elf)[:2]
        _put(elf, second, vaddr=(first[1]["vaddr"] & ~0xfff) + (second[1]["offset"] & 0xfff))

    def entry_in_kernel(elf):
        if elf[4] == 2:
            _struct.pack_into("<Q", elf, 0x18, 0xffff800000001000)
        else:
            _struct.pack_into("<I", elf, 0x18, 0xfffff000)
    return locals()[kind]


def _pack(tmp, init, name):
    """scripts/mkinitramfs.py's archive with init as /init."""
    out = os.path.join(tmp, name)
    subprocess.run([sys.executable, os.path.join(_TOP, "scripts/mkinitramfs.py"), "-o", out,
                    f"/init={init}"], check=True)
    return out


def _bad_init(abi, kind):
    def initrd(tmp, probes):
        path = os.path.join(tmp, f"init_{kind}")
        if kind == "not_elf":
            data = b"this is a text file, not a program\n"
        elif kind == "dynamic":
            with open(os.path.join(probes, abi, "dynamic_hello"), "rb") as f:
                data = f.read()
        else:
            with open(os.path.join(probes, abi, "hello"), "rb") as f:
                data = bytearray(f.read())
            _mutate_elf(kind)(data)
        with open(path, "wb") as f:
            f.write(data)
        os.chmod(path, 0o755)
        return _pack(tmp, path, "initramfs.cpio")
    return initrd


# (kind, status, console line that must be there)
FAIL_8 = r"Failed to execute /init \(error -8: not a static executable"
FAIL_22 = r"Failed to execute /init \(error -22: bad program image"
BAD_INITS = [
    ("not_elf", 126, FAIL_8),
    ("dynamic", 126, r"a dynamically linked program \(interpreter "),
    ("phdrs_outside", 126, FAIL_8),
    ("segment_past_file", 126, FAIL_8),
    ("filesz_over_memsz", 126, FAIL_22),
    ("segment_in_kernel", 126, FAIL_22),
    ("huge_bss", 0, r"hello from /init"),
    # The data segment laid over the text: on x86_64 (text first, entry in it) nothing
    # executable is left where the entry is, so exec refuses it; on arm64 the text survives
    # in part and the program dies of SIGSEGV. Linux loads both and the process dies.
    ("overlapping", {"x86_64": 126, "arm64": SIGSEGV_STATUS},
     {"x86_64": FAIL_8, "arm64": r"killed by SIGSEGV"}),
    # Stricter than Linux (which loads it and the process dies): the entry must lie in a
    # loaded executable segment (fs/binfmt_elf.c), else ENOEXEC.
    ("entry_in_kernel", 126, FAIL_8),
]
for _arch in ("x86_64", "arm64"):
    for _kind, _status, _line in BAD_INITS:
        _status = _status[_arch] if isinstance(_status, dict) else _status
        _line = _line[_arch] if isinstance(_line, dict) else _line
        # The archive is the case's own (initrd=); init= only has the probes built.
        add(f"{_arch}_bootinput_init_{_kind}", _arch, cmdline="", init=f"{_arch}/hello",
            initrd=_bad_init(_arch, _kind), status=_status, ktap=False, expect=[_line],
            reject=BOOT_INPUT_REJECT, timeout=30)


def _cpio_entries(cpio):
    """[(header offset, name, data offset, data size)] of a newc archive."""
    out, pos = [], 0
    while pos + 110 <= len(cpio) and cpio[pos:pos + 6] == b"070701":
        namesize = int(cpio[pos + 94:pos + 102], 16)
        filesize = int(cpio[pos + 54:pos + 62], 16)
        name = cpio[pos + 110:pos + 110 + namesize - 1].decode()
        data = (pos + 110 + namesize + 3) & ~3
        out.append((pos, name, data, filesize))
        if name == "TRAILER!!!":
            break
        pos = (data + filesize + 3) & ~3
    return out


def _broken_initramfs(arch, kind):
    def initrd(tmp, probes):
        good = _pack(tmp, os.path.join(probes, arch, "hello"), "good.cpio")
        with open(good, "rb") as f:
            cpio = bytearray(f.read())
        hdr, _, data, size = next(e for e in _cpio_entries(cpio) if e[1] == "init")
        if kind == "bad_magic":
            cpio[0:6] = b"070777"
        elif kind == "huge_namesize":
            cpio[hdr + 94:hdr + 102] = b"FFFFFFFF"
        elif kind == "huge_filesize":
            cpio[hdr + 54:hdr + 62] = b"FFFFFFFF"
        elif kind == "truncated":
            cpio = cpio[:data + size // 2]
        out = os.path.join(tmp, f"{kind}.cpio")
        with open(out, "wb") as f:
            f.write(cpio)
        return out
    return initrd


BAD_INITRAMFS = {
    "bad_magic": r"initramfs: bad magic \(not a newc cpio header\) in entry 1 at offset 0 ",
    "huge_namesize": r"initramfs: truncated name in entry \d+ ",
    "huge_filesize": r"initramfs: truncated data in entry \d+ ",
    "truncated": r"initramfs: truncated data in entry \d+ ",
}
for _arch in ("x86_64", "arm64"):
    for _kind, _line in BAD_INITRAMFS.items():
        add(f"{_arch}_bootinput_initramfs_{_kind}", _arch, cmdline="", init=f"{_arch}/hello",
            initrd=_broken_initramfs(_arch, _kind), status=127, ktap=False,
            expect=[_line, r"Failed to execute /init \(error -2"], reject=BOOT_INPUT_REJECT,
            timeout=30)
