#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write the seed corpus of the ELF plan's fuzz harness (tests/fuzz/fuzz_elf.c) into
tests/fuzz/corpus/elf: the probes' own images (a static program of each ABI and a dynamically
linked one, cut after their last loaded byte so the seeds stay small), and ELFs made here
for the cases the loader must refuse or take with care: a static ET_DYN, segments that
overlap, a segment in the kernel half, one larger than the file, p_filesz > p_memsz, an
offset not congruent to its address, the entry outside the code, program headers beyond
exec's first 256 bytes (and past the file's end), 32-bit ones near the 4 GiB top.

  tests/fuzz/make_elf_corpus.py [PROBE_DIR]     (default build/probes; make probes first)

The files are in the tree; run this again only to change them.
"""
import os
import struct
import sys

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(TOP, "tests/fuzz/corpus/elf")
PT_LOAD, PT_INTERP = 1, 3
PF_X, PF_W, PF_R = 1, 2, 4
MACHINE = {"x86_64": (64, 62), "i386": (32, 3), "arm64": (64, 183), "arm": (32, 40)}


def elf(bits, machine, phdrs, entry, etype=2, pad_to=0, phoff=None, flags=0):
    """An ELF file: header, program headers (type, flags, offset, vaddr, filesz, memsz)."""
    ehsize, phsize = (64, 56) if bits == 64 else (52, 32)
    phoff = ehsize if phoff is None else phoff
    ident = b"\x7fELF" + bytes([2 if bits == 64 else 1, 1, 1]) + bytes(9)
    if bits == 64:
        head = ident + struct.pack("<HHIQQQIHHHHHH", etype, machine, 1, entry, phoff, 0, flags,
                                   ehsize, phsize, len(phdrs), 0, 0, 0)
    else:
        head = ident + struct.pack("<HHIIIIIHHHHHH", etype, machine, 1, entry, phoff, 0, flags,
                                   ehsize, phsize, len(phdrs), 0, 0, 0)
    table = b""
    for t, f, off, va, fsz, msz in phdrs:
        if bits == 64:
            table += struct.pack("<IIQQQQQQ", t, f, off, va, va, fsz, msz, 0x1000)
        else:
            table += struct.pack("<IIIIIIII", t, off, va, va, fsz, msz, f, 0x1000)
    data = bytearray(max(pad_to, phoff + len(table), ehsize))
    data[:ehsize] = head
    data[phoff:phoff + len(table)] = table
    return bytes(data)


def synthetic():
    out = {}
    for abi, (bits, m) in MACHINE.items():
        base = 0x400000 if bits == 64 else 0x10000
        text = (PT_LOAD, PF_R | PF_X, 0, base, 0x200, 0x200)
        data = (PT_LOAD, PF_R | PF_W, 0x200, base + 0x1200, 0x40, 0x2000)
        top = (1 << 47) if bits == 64 else 0xffffe000
        eabi = 0x05000000 if abi == "arm" else 0	# arm: EABI version 5 in e_flags
        out[f"{abi}_minimal"] = elf(bits, m, [text, data], base + 0x100, pad_to=0x240,
                                    flags=eabi)
        out[f"{abi}_static_pie"] = elf(bits, m, [text], 0x100, etype=3, pad_to=0x200)
        out[f"{abi}_interp"] = elf(bits, m, [(PT_INTERP, PF_R, 0x1c0, base + 0x1c0, 0x20, 0x20),
                                             text], base + 0x100, pad_to=0x200)
        out[f"{abi}_overlap"] = elf(bits, m, [text, (PT_LOAD, PF_R | PF_W, 0x100, base + 0x100,
                                                     0x100, 0x3000)], base + 0x80, pad_to=0x200)
        out[f"{abi}_kernel_half"] = elf(bits, m, [text, (PT_LOAD, PF_R | PF_W, 0, top - 0x1000,
                                                         0, 0x2000)], base + 0x100, pad_to=0x200)
        out[f"{abi}_beyond_file"] = elf(bits, m, [text, (PT_LOAD, PF_R, 0x100, base + 0x3100,
                                                         0x10000, 0x10000)], base + 0x100,
                                        pad_to=0x200)
        out[f"{abi}_filesz_over_memsz"] = elf(bits, m, [(PT_LOAD, PF_R | PF_X, 0, base, 0x200,
                                                         0x100)], base + 0x10, pad_to=0x200)
        out[f"{abi}_misaligned_offset"] = elf(bits, m, [(PT_LOAD, PF_R | PF_X, 0x10, base, 0x100,
                                                         0x100)], base + 0x10, pad_to=0x200)
        out[f"{abi}_entry_outside"] = elf(bits, m, [text], base + 0x5000, pad_to=0x200)
        out[f"{abi}_many_phdrs"] = elf(bits, m, [text] + [data] * 9, base + 0x100, pad_to=0x800)
        out[f"{abi}_phdrs_past_end"] = elf(bits, m, [text], base + 0x100, phoff=0x1f0)[:0x200]
    return out


def probe_images(probes):
    """Each ABI's hello and arm64's dynamic_hello, cut after their last PT_LOAD file byte."""
    out = {}
    for abi, name in [(a, "hello") for a in MACHINE] + [("x86_64", "dynamic_hello"),
                                                         ("arm", "dynamic_hello")]:
        path = os.path.join(probes, abi, name)
        if not os.path.exists(path):
            sys.exit(f"{path}: missing (make probes)")
        d = open(path, "rb").read()
        bits = 64 if d[4] == 2 else 32
        phoff, phnum = (struct.unpack_from("<Q", d, 32)[0], struct.unpack_from("<H", d, 56)[0]) \
            if bits == 64 else (struct.unpack_from("<I", d, 28)[0], struct.unpack_from("<H", d, 44)[0])
        end = 0
        for i in range(phnum):
            if bits == 64:
                t, _, off, _, _, fsz = struct.unpack_from("<IIQQQQ", d, phoff + 56 * i)
            else:
                t, off, _, _, fsz = struct.unpack_from("<IIIII", d, phoff + 32 * i)
            if t in (PT_LOAD, PT_INTERP):
                end = max(end, off + fsz)
        out[f"probe_{abi}_{name}"] = d[:max(end, phoff + phnum * (56 if bits == 64 else 32))]
    return out


def main():
    probes = sys.argv[1] if len(sys.argv) > 1 else os.path.join(TOP, "build/probes")
    os.makedirs(OUT, exist_ok=True)
    files = {**synthetic(), **probe_images(probes)}
    for name, data in sorted(files.items()):
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
    print(f"{len(files)} files, {sum(map(len, files.values()))} bytes in {OUT}")


if __name__ == "__main__":
    main()
