"""The byte layouts the host reads, checked against the real C headers, not against
themselves (packing with binary.py's own formats cannot see a drift).

- ferry_trace.h: compiled with the host's gcc; every field's offset and size must be what
  binary.py's struct formats read (the contract of issue 15).
- The UAPI structures the decoders read (stat, stat64, statx, the old sigaction, user_desc),
  per ABI: the offsets in decode/structs.py become _Static_asserts compiled against each
  ABI's own headers (gcc for x86_64, gcc -m32 for i386, the arm and arm64 cross compilers),
  so a wrong offset is a compile error naming the field.
"""
import os
import re
import shutil
import struct
import subprocess

import pytest

from ferrytrace import binary
from ferrytrace.decode import structs

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
HEADER = os.path.join(TOP, "include", "uapi", "linux", "ferry_trace.h")

# binary.py's formats, item by item, and the C field each item is (None: padding 'x').
LAYOUTS = [
    ("ftr_file_header", binary.HEADER, 0,
     ["magic", "version", "header_size", "size", "nr_rings", "ring_size", "arch", "icount",
      "cycles_per_sec", "insns_per_cycle", "nr_cpus", "boot_ts", "orphan_dropped", "ready",
      "reserved0", "kernel"]),
    ("ftr_ring_ctl", binary.RING_CTL, 0, ["head", "records", "dropped", None, "tail"]),
    ("ftr_hdr", binary.HDR, 0, ["type", "version", "size", "cpu", "flags"]),
    ("ftr_capture", binary.CAPTURE, 0, ["arg", "kind", "flags", "reserved", "len", "want"]),
    ("ftr_syscall", binary.BODY[binary.SYSCALL], 8,
     ["seq", "ts", "cost", "pid", "tid", "nr", "abi", "route", "nr_captures", "reserved",
      "args", "ret"]),
    ("ftr_dropped", binary.BODY[binary.DROPPED], 8, ["seq", "ts", "count"]),
    ("ftr_fork", binary.BODY[binary.FORK], 8,
     ["seq", "ts", "pid", "tid", "child_pid", "child_tid", "clone_flags"]),
    ("ftr_comm", binary.BODY[binary.COMM], 8, ["seq", "ts", "pid", "tid", "abi", None, "comm"]),
    ("ftr_exit", binary.BODY[binary.EXIT], 8, ["seq", "ts", "pid", "tid", "status", "reserved"]),
    ("ftr_signal", binary.BODY[binary.SIGNAL], 8,
     ["seq", "ts", "pid", "tid", "signo", "code", "errno_", "sender_pid", "sender_uid",
      "child_status", "child_utime", "child_stime", "fault_addr", "value"]),
]
# Whole records: the header and body formats are the whole C structure.
WHOLE = {"ftr_hdr", "ftr_capture", "ftr_syscall", "ftr_dropped", "ftr_fork", "ftr_comm",
         "ftr_exit", "ftr_signal", "ftr_file_header"}


def items(st):
    """[(offset, size)] of each item of a struct.Struct's format, 'x' padding as None."""
    out, fmt, off = [], st.format.lstrip("<"), 0
    for count, code in re.findall(r"(\d*)([a-zA-Z?])", fmt):
        n = int(count or 1)
        size = struct.calcsize("<" + (count or "") + code)
        out.append(None if code == "x" else (off, size))
        off += size
    return out


def compile_run(tmp_path, src):
    c = tmp_path / "lay.c"
    c.write_text(src)
    exe = tmp_path / "lay"
    subprocess.run(["gcc", "-o", str(exe), str(c)], check=True, capture_output=True)
    return subprocess.run([str(exe)], check=True, capture_output=True, text=True).stdout


@pytest.mark.skipif(not shutil.which("gcc"), reason="no gcc")
def test_binary_formats_are_ferry_trace_h_s(tmp_path):
    lines = ["#include <stdio.h>", "#include <stddef.h>", f'#include "{HEADER}"',
             "int main(void) {"]
    for name, st, base, fields in LAYOUTS:
        for f in fields:
            if f:
                lines.append(f'printf("{name}.{f} %zu %zu\\n", offsetof(struct {name}, {f}), '
                             f"sizeof(((struct {name} *)0)->{f}));")
        lines.append(f'printf("{name} %zu\\n", sizeof(struct {name}));')
    lines.append("return 0; }")
    got = {}
    for line in compile_run(tmp_path, "\n".join(lines)).splitlines():
        key, *vals = line.split()
        got[key] = tuple(int(v) for v in vals)
    bad = []
    for name, st, base, fields in LAYOUTS:
        its = items(st)
        assert len(its) == len(fields), name
        for f, it in zip(fields, its):
            if f and (base + it[0], it[1]) != got[f"{name}.{f}"]:
                bad.append(f"{name}.{f}: binary.py reads {base + it[0]}/{it[1]}, "
                           f"the header says {got[f'{name}.{f}']}")
        if name in WHOLE and base + st.size != got[name][0]:
            bad.append(f"struct {name}: {got[name][0]} bytes, binary.py reads {base + st.size}")
    assert not bad, "\n".join(bad)


# Each ABI's compiler and the headers with the structures the decoders read.
TOOLCHAINS = {
    "x86_64": (["gcc"], ["asm/stat.h", "linux/stat.h"]),
    "i386": (["gcc", "-m32", "-I/usr/include/x86_64-linux-gnu"],
             ["asm/stat.h", "asm/signal.h", "asm/ldt.h", "linux/stat.h"]),
    "arm": (["arm-linux-gnueabihf-gcc"], ["asm/stat.h", "asm/signal.h", "linux/stat.h"]),
    "arm64": (["aarch64-linux-gnu-gcc"], ["asm/stat.h", "linux/stat.h"]),
}


def uapi_checks(abi):
    """[(C struct, field, offset, size)] the decoders assume for abi."""
    out = []
    for (layout, a), fields in structs.STAT_FIELDS.items():
        if a == abi:
            out += [(layout, f, off, struct.calcsize("<" + fmt))
                    for f, (off, fmt) in fields.items()]
    out += [("statx", f, off, struct.calcsize("<" + fmt))
            for f, (off, fmt) in structs.STATX_FIELDS.items()]
    if abi in ("i386", "arm"):      # asm/signal.h's struct sigaction is the old one there
        out += [("sigaction", f, off, struct.calcsize("<" + fmt))
                for f, (off, fmt) in structs.OLD_SIGACTION_FIELDS.items()
                if f != "sa_handler"]         # a member of a union on arm (no offsetof)
    if abi == "i386":
        out += [("user_desc", f, off, struct.calcsize("<" + fmt))
                for f, (off, fmt) in structs.USER_DESC_FIELDS.items() if f != "flags"]
    return out


@pytest.mark.parametrize("abi", sorted(TOOLCHAINS))
def test_decoders_read_each_abi_s_uapi_offsets(abi, tmp_path):
    cc, headers = TOOLCHAINS[abi]
    if not shutil.which(cc[0]):
        pytest.skip(f"no {cc[0]}")
    src = ["#include <stddef.h>"] + [f"#include <{h}>" for h in headers]
    checks = uapi_checks(abi)
    for name, f, off, size in checks:
        src.append(f"_Static_assert(offsetof(struct {name}, {f}) == {off} && "
                   f"sizeof(((struct {name} *)0)->{f}) == {size}, "
                   f'"{abi} struct {name}.{f} is not at {off} ({size} bytes)");')
    c = tmp_path / "uapi.c"
    c.write_text("\n".join(src) + "\n")
    p = subprocess.run(cc + ["-c", "-o", str(tmp_path / "uapi.o"), str(c)],
                       capture_output=True, text=True)
    assert p.returncode == 0, "\n".join(ln for ln in p.stderr.splitlines()
                                        if "error" in ln) or p.stderr
    assert len(checks) >= 7
