# SPDX-License-Identifier: GPL-2.0
"""make check: gdb's backtrace of a system call names every function of its route, in order,
and ends at the entry symbol (the user boundary) with no garbage frame.

For each route, QEMU boots the bench probe in "once" mode (userspace/probes/bench.c: two calls
of that route only) and waits for gdb on a Unix socket of its own (no TCP port to share with
anyone). gdb-multiarch, with scripts/gdb/ferry.gdb, stops at invoke_syscall (ferry-syscall-bp)
when the route's entry symbol is among the callers, prints `bt` and the registers
(ferry-regs), and kills QEMU. The backtrace must list ROUTES[name].chain, innermost
first, with the entry symbol as the last frame: no "?? ()", no "Backtrace stopped" (gdb's
"previous frame identical to this frame (corrupt stack?)").

  python3 tests/boot/gdb_backtrace.py [--objtree-x86_64 DIR] [--objtree-arm64 DIR]
                                      [--probes DIR] [ROUTE...]
prints each backtrace and "ok"/"not ok" per route; exit status 1 if any failed.
"""
import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
TIMEOUT = 60		# seconds for one route, boot included (a few seconds when it works)


class Route:
    def __init__(self, abi, bench_route, chain, cpu=None):
        self.abi, self.bench_route, self.chain, self.cpu = abi, bench_route, chain, cpu
        self.arch = "arm64" if abi == "arm64" else "x86_64"


INT80 = ["invoke_syscall", "do_syscall_32_irqs_on", "do_int80_syscall_32", "entry_INT80_compat"]
# Innermost first, as gdb prints them; inline functions are frames of their own in gdb.
ROUTES = {
    "x86_64_syscall": Route("x86_64", "syscall",
                            ["invoke_syscall", "do_syscall_64", "entry_SYSCALL_64"]),
    "x86_64_int80": Route("x86_64", "int80", INT80),
    "i386_int80": Route("i386", "int80", INT80),
    # __kernel_vsyscall uses sysenter on an Intel-kind CPU (syscall-path-x86.md).
    "i386_sysenter": Route("i386", "vsyscall",
                           ["invoke_syscall", "do_syscall_32_irqs_on", "do_fast_syscall_32",
                            "do_SYSENTER_32", "entry_SYSENTER_compat"], cpu="Skylake-Client"),
    "i386_syscall32": Route("i386", "syscall32",
                            ["invoke_syscall", "do_syscall_32_irqs_on", "do_fast_syscall_32",
                             "do_SYSCALL_32", "entry_SYSCALL_compat"], cpu="qemu64"),
    "arm64_svc": Route("arm64", "svc",
                       ["invoke_syscall", "el0_svc_common", "do_el0_svc", "el0_svc",
                        "el0t_64_sync_handler", "el0t_64_sync"]),
}

FRAME = re.compile(r"^#(\d+)\s+(?:0x[0-9a-f]+ in )?(\S+) \(")


def judge(route, bt):
    """(ok, why) for the text gdb printed for `bt`."""
    frames = [m.group(2) for m in map(FRAME.match, bt.splitlines()) if m]
    if not frames:
        return False, "no backtrace (gdb never stopped at invoke_syscall on this route)"
    problems = []
    pos = 0
    for name in frames:
        if pos < len(route.chain) and name == route.chain[pos]:
            pos += 1
    if pos < len(route.chain):
        problems.append(f"missing {route.chain[pos]} (and any after it): "
                        f"expected {' <- '.join(route.chain)}")
    if frames[-1] != route.chain[-1]:
        problems.append(f"last frame is {frames[-1]}, not the entry symbol {route.chain[-1]}")
    if "??" in frames:
        problems.append("a frame gdb cannot name (?? ())")
    stopped = [ln for ln in bt.splitlines() if ln.startswith("Backtrace stopped")]
    problems += stopped
    return not problems, "; ".join(problems)


# What gdb printed before the fix (commit c8554ec's parent): the harness must reject each.
BROKEN = {
    "x86_64_syscall": """\
#0  invoke_syscall (table=<optimized out>, nr_max=451, nr=1, regs=0xffffc9000000bf58) at include/linux/entry-common.h:55
#1  do_syscall_64 (regs=0xffffc9000000bf58, nr=1) at arch/x86/entry/common.c:42
#2  0xffffffff802047d8 in entry_SYSCALL_64 ()
#3  0x00007fffffffee48 in ?? ()
#4  0x0000000000000000 in ?? ()
""",
    "i386_sysenter": """\
#0  invoke_syscall (table=<optimized out>, nr_max=451, nr=20, regs=0xffffc9000000bf58) at include/linux/entry-common.h:55
#1  do_syscall_32_irqs_on (nr=20, regs=0xffffc9000000bf58) at arch/x86/entry/common.c:49
#2  do_fast_syscall_32 (regs=0xffffc9000000bf58) at arch/x86/entry/common.c:81
#3  0xffffffff802048b0 in entry_SYSENTER_compat ()
#4  0x0000000000000000 in ?? ()
""",
    "arm64_svc": """\
#0  invoke_syscall (table=<optimized out>, nr_max=451, nr=64, regs=0xffff80010000bed0) at include/linux/entry-common.h:55
#1  el0_svc_common (syscall_table=<optimized out>, sc_nr=451, scno=64, regs=0xffff80010000bed0) at arch/arm64/kernel/syscall.c:36
#2  do_el0_svc (regs=0xffff80010000bed0) at arch/arm64/kernel/syscall.c:42
#3  0xffff800080003434 in el0t_64_sync ()
Backtrace stopped: previous frame identical to this frame (corrupt stack?)
""",
}


def judge_catches_broken():
    """(ok, text): judge() rejects every backtrace in BROKEN, and says why."""
    lines, ok = [], True
    for name, bt in BROKEN.items():
        good, why = judge(ROUTES[name], bt)
        ok = ok and not good and bool(why)
        lines.append(f"{name}: {'accepted (wrong)' if good else 'rejected: ' + why}")
    return ok, "\n".join(lines)


def backtrace(route, objtree, probe):
    """Boot, stop at invoke_syscall on this route, return (gdb's output, console)."""
    gdbarch = "aarch64" if route.arch == "arm64" else "i386:x86-64"
    with tempfile.TemporaryDirectory(prefix="ferry-bt-") as tmp:
        sock = os.path.join(tmp, "gdb.sock")
        console = os.path.join(tmp, "console.txt")
        extra = (f"-chardev socket,id=ferrygdb,path={sock},server=on,wait=off "
                 "-gdb chardev:ferrygdb -S")
        cmd = [PYTHON, os.path.join(TOP, "scripts/qemu-run.py"), "--arch", route.arch,
               "--objtree", objtree, "--init", probe, "--timeout", str(TIMEOUT),
               "--args", f"once route={route.bench_route} call=getpid", "--extra", extra]
        if route.cpu:
            cmd += ["--cpu", route.cpu]
        with open(console, "wb") as out:
            qemu = subprocess.Popen(cmd, cwd=TOP, stdin=subprocess.DEVNULL, stdout=out,
                                    stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 10
            while not os.path.exists(sock) and qemu.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)
            if not os.path.exists(sock):
                return "", f"QEMU did not open its gdb socket\n{open(console, errors='replace').read()}"
            # Stop on the route's own entry; other syscalls (the probe's printf) pass by.
            entry = route.chain[-1]
            gdb = ["gdb-multiarch", "-nx", "-batch", os.path.join(objtree, "vmlinux"),
                   "-ex", f"set architecture {gdbarch}",
                   "-ex", f"source {os.path.join(TOP, 'scripts/gdb/ferry.gdb')}",
                   "-ex", f"target remote {sock}",
                   "-ex", "ferry-syscall-bp",
                   "-ex", f'condition 1 $_any_caller_is("{entry}", 10)',
                   "-ex", "continue",
                   "-ex", "echo FERRY-BT-BEGIN\\n", "-ex", "bt", "-ex", "echo FERRY-BT-END\\n",
                   "-ex", "ferry-regs", "-ex", "kill"]
            try:
                g = subprocess.run(gdb, cwd=TOP, stdin=subprocess.DEVNULL, capture_output=True,
                                   text=True, errors="replace", timeout=TIMEOUT)
                out = g.stdout + g.stderr
            except subprocess.TimeoutExpired as e:
                out = f"gdb timed out after {TIMEOUT} s\n" + (e.stdout or b"").decode(errors="replace")
        finally:
            stop(qemu)
        return out, open(console, errors="replace").read()


def stop(proc):
    """Wait for qemu-run.py (gdb's kill ended QEMU); if it lingers, SIGINT makes it kill its
    QEMU, which runs in a process group of its own; SIGKILL as the last resort."""
    for sig, wait in ((None, 5), (signal.SIGINT, 10), (signal.SIGKILL, None)):
        if sig:
            proc.send_signal(sig)
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            pass


def bt_text(out):
    m = re.search(r"FERRY-BT-BEGIN\n(.*?)FERRY-BT-END", out, re.S)
    return m.group(1) if m else ""


def check(name, objtree, probes):
    """(ok, diagnostic text) for one route: the backtrace, and what is wrong with it."""
    route = ROUTES[name]
    vmlinux = os.path.join(objtree, "vmlinux")
    probe = os.path.join(probes, route.abi, "bench")
    for path in (vmlinux, probe):
        if not os.path.exists(path):
            return False, f"{path} missing"
    t0 = time.monotonic()
    out, console = backtrace(route, objtree, probe)
    bt = bt_text(out)
    ok, why = judge(route, bt)
    if ok and not re.search(r"^\$1 = \{.*\b(orig_ax|orig_x0) = 0x", out, re.M):
        ok, why = False, "ferry-regs (scripts/gdb/ferry.gdb) printed no pt_regs"
    text = f"{bt.rstrip()}\n({time.monotonic() - t0:.1f} s)"
    if not ok:
        text = f"{why}\n{text}\ngdb:\n{out[-3000:]}\nconsole:\n{console[-1500:]}"
    return ok, text


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--objtree-x86_64", default="build/x86_64")
    p.add_argument("--objtree-arm64", default="build/arm64")
    p.add_argument("--probes", default="build/probes")
    p.add_argument("routes", nargs="*", metavar="ROUTE", help=" ".join(ROUTES))
    a = p.parse_args()
    unknown = [r for r in a.routes if r not in ROUTES]
    if unknown:
        p.error(f"unknown route {' '.join(unknown)}; routes: {' '.join(ROUTES)}")
    ok, text = judge_catches_broken()
    failed = not ok
    print("\n".join("    " + ln for ln in text.splitlines()))
    print(f"{'ok' if ok else 'not ok'} judge_catches_broken", flush=True)
    for name in a.routes or list(ROUTES):
        objtree = a.objtree_arm64 if ROUTES[name].arch == "arm64" else a.objtree_x86_64
        ok, text = check(name, objtree, a.probes)
        failed += not ok
        print(f"# {name}")
        print("\n".join("    " + ln for ln in text.splitlines()))
        print(f"{'ok' if ok else 'not ok'} {name}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
