# SPDX-License-Identifier: GPL-2.0
"""Where the instructions of one syscall go: boot Ferry with the bench probe in "once" mode
under QEMU's gdbstub, single-step one call of a route with gdb-multiarch (gdb_step.py), and
attribute every executed instruction to the function it belongs to (nm of vmlinux and of the
probe; addresses in neither are the vDSO on i386).

The count is the same quantity -icount measures: the user's call instruction, every kernel
instruction, and the return, up to the instruction after it.
"""
import bisect
import os
import socket
import subprocess
import sys
import tempfile

import qemu

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
NM = {"x86_64": "nm", "arm64": "aarch64-linux-gnu-nm"}
ADDR2LINE = {"x86_64": "addr2line", "arm64": "aarch64-linux-gnu-addr2line"}
ONCE_KIND = {"syscall": "syscall", "int80": "int80", "vsyscall": "vsyscall",
             "syscall32": "syscall32", "svc": "svc", "svc32": "svc32", "signal": "signal"}


# ABIs whose user code runs in AArch32 state: gdb_step.py steps them its own way.
USER32 = {"arm"}


class BreakdownError(Exception):
    pass


def symbols(nm, path):
    r = subprocess.run([nm, "-n", path], capture_output=True, text=True)
    out = []
    for line in r.stdout.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "tTwW":
            out.append((int(parts[0], 16), parts[2]))
    return out


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def step(abi, objtree, probe, route, call):
    """Program counters of one call, in order."""
    arch = qemu.ARCH_OF[abi]
    syms = dict((n, a) for a, n in symbols(NM[arch], probe))
    kind = ONCE_KIND[route]
    begin, end = syms.get(f"bench_once_{kind}_begin"), syms.get(f"bench_once_{kind}_end")
    if begin is None:
        raise BreakdownError(f"{probe} has no bench_once_{kind}_begin")
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="ferry-bd-") as tmp:
        out = os.path.join(tmp, "pcs.txt")
        q = subprocess.Popen([PYTHON, os.path.join(TOP, "scripts/qemu-run.py"), "--arch", arch,
                              "--objtree", objtree, "--init", probe, "--cpu", qemu.CPU[arch],
                              "--args", f"once route={route} call={call}", "--timeout", "300",
                              "--extra", f"-gdb tcp:127.0.0.1:{port} -S " + " ".join(qemu.RTC)],
                             cwd=TOP, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        env = dict(os.environ, BENCH_GDB_ARCH=arch, BENCH_GDB_PORT=str(port),
                   BENCH_GDB_BEGIN=f"{begin:x}", BENCH_GDB_END=f"{end:x}", BENCH_GDB_HIT="2",
                   BENCH_GDB_OUT=out, BENCH_GDB_USER32="1" if abi in USER32 else "0")
        try:
            g = subprocess.run(["gdb-multiarch", "-nx", "-batch", "-x",
                                os.path.join(os.path.dirname(__file__), "gdb_step.py")],
                               env=env, capture_output=True, text=True, timeout=600)
        finally:
            try:
                q.wait(timeout=10)
            except subprocess.TimeoutExpired:
                q.kill()
                q.wait()
        if not os.path.exists(out):
            raise BreakdownError(f"gdb produced no trace: {g.stderr[-800:]}")
        return [int(x, 16) for x in open(out).read().split()]


def inline_names(arch, vmlinux, pcs):
    """{pc: innermost function} from the DWARF inline records (addr2line -i): the fast path's
    generic steps are inline functions, so the symbol table alone would credit their
    instructions to the arch function they are compiled into."""
    if not pcs:
        return {}
    r = subprocess.run([ADDR2LINE[arch], "-a", "-f", "-i", "-e", vmlinux] +
                       [f"{pc:#x}" for pc in sorted(pcs)], capture_output=True, text=True)
    chains, pc = {}, None
    for line in r.stdout.splitlines():
        if line.startswith("0x"):
            pc = int(line, 16)
            chains[pc] = []
        elif pc is not None and ":" not in line and line != "??":
            chains[pc].append(line.strip())
    # One frame: not inline (assembly too, whose DWARF names the enclosing .type symbol).
    return {pc: c[0] for pc, c in chains.items() if len(c) >= 2}


class Symbolizer:
    def __init__(self, arch, vmlinux, probe, pcs=()):
        self.k = symbols(NM[arch], vmlinux)
        self.u = symbols(NM[arch], probe)
        self.ka = [a for a, _ in self.k]
        self.ua = [a for a, _ in self.u]
        self.inline = inline_names(arch, vmlinux,
                                   {pc for pc in pcs if self.ka and pc >= self.ka[0]})

    def __call__(self, pc):
        """('kernel'|'user', function name) of a program counter; an inline function's
        instructions are named 'inner (in outer)'."""
        if self.ka and pc >= self.ka[0]:
            outer = self.k[bisect.bisect_right(self.ka, pc) - 1][1]
            inner = self.inline.get(pc, outer)
            return "kernel", outer if inner == outer else f"{inner} (in {outer})"
        if self.ua and self.ua[0] <= pc < self.ua[-1] + 0x1000:
            return "user", self.u[bisect.bisect_right(self.ua, pc) - 1][1]
        return "user", "[vdso]"


def run(abi, objtree, probe, route, call):
    arch = qemu.ARCH_OF[abi]
    pcs = step(abi, objtree, probe, route, call)
    sym = Symbolizer(arch, os.path.join(TOP, objtree, "vmlinux"), probe, pcs)
    per_fn, seq = {}, []
    for pc in pcs:
        where, name = sym(pc)
        per_fn[name] = per_fn.get(name, 0) + 1
        if seq and seq[-1][0] == name:
            seq[-1][1] += 1
        else:
            seq.append([name, 1])
    return {"total": len(pcs), "per_function": sorted(per_fn.items(), key=lambda kv: -kv[1]),
            "sequence": seq}


def text(b):
    if "error" in b:
        return f"  (no breakdown: {b['error']})"
    loop = b.get("loop_figure")
    check = "" if loop is None else (f" (the icount loop measured {loop}: "
                                     f"{'agrees' if loop == b['total'] else 'DIFFERS'})")
    lines = [f"  {b['total']} instructions{check}; per function:"]
    lines += [f"    {n:5d}  {name}" for name, n in b["per_function"]]
    lines.append("  in order: " + " > ".join(f"{name}({n})" for name, n in b["sequence"]))
    return "\n".join(lines)
