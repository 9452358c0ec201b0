#!/usr/bin/env python3
"""The "Linux kernel" column: boot Debian's Linux 6.1 with a probe and trace it with ftrace.

  linux_kernel.py PROBE [PROBE ...] [--out DIR] [--jobs N] [--keep-logs] [--timeout S]

qemu-user stands in for Linux by emulating it; this column is Linux itself. For each probe
(a static ELF; its ABI from the ELF header) it boots Debian's cloud kernel of the ABI's arch
(x86_64 for x86_64 and i386, arm64 for arm64 and arm: the arm64 kernel is built with
CONFIG_COMPAT, so arm programs run through its compat layer, as on Ferry) on the QEMU the
bench uses (scripts/bench/linux.py fetches the image into ~/.cache/ferry/linux and gives the
command line: same CPU model, memory, -icount, nokaslr norandmaps), with an initramfs of two
files: the probe as /init and userspace/probes/ftrace_init.c, built for the kernel's arch, as
/ftrace_init (rdinit=/ftrace_init). That init mounts tracefs, keeps the raw_syscalls events of
its child only (set_event_pid), execs the probe in the child as /init with Ferry's
environment, waits, and prints the trace buffer on the console between "ftrace_init: trace
begins" and "ftrace_init: trace ends" (and before them "ftrace_init: probe pid N exited with
S" or "... killed by signal S"). The trace lines read

      init-77      [000] .....    12.446081: sys_enter: NR 20 (0, 0, 0, 0, 0, 0)
      init-77      [000] .....    12.446096: sys_exit: NR 20 = 77

and become records of Ferry's format (parse_console): the number is the task's ABI's (an arm
task shows arm's numbers) and is named from that ABI's .tbl, the six arguments are raw
registers (no "decoded": compatible with Ferry's decoded values unless provably different),
the result is raw (errno from it), "ts" is the timestamp in microseconds. The child's calls
before the exec (this init's read of its pipe, close, execve) are dropped: the trace starts
after the exit of the first execve. exit_group has no exit event (it does not return). The
probe's end becomes the exit record. It writes DIR/<abi>-<probe>.kernel.jsonl (header source
"linux-kernel"; make compare labels it linux-kernel-<abi>) and prints each file. A machine
that cannot fetch the image (no network, no apt source for the foreign arch) is told why and
writes nothing for that arch (status 0: a column it cannot have, like strace for a foreign
ABI); a boot that gives no trace is an error (status 1).
"""
import argparse
import concurrent.futures as cf
import importlib.util
import os
import re
import subprocess
import sys
import tempfile
import time

if not __package__:
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import _boot
    _boot.package()
    __package__ = "ferrytrace"

from . import TOP, linux, records, tables as tbl  # noqa: E402

ARCH_OF = {"x86_64": "x86_64", "i386": "x86_64", "arm64": "arm64", "arm": "arm64"}
INIT = "ftrace_init"
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
BEGIN, END = "ftrace_init: trace begins", "ftrace_init: trace ends"
_EVENT = re.compile(r"^\s*(?P<comm>.*?)-(?P<pid>\d+)\s+\[\d+\]\s+\S+\s+(?P<ts>\d+\.\d+): "
                    r"(?P<ev>sys_enter|sys_exit): NR (?P<nr>-?\d+) "
                    r"(?:\((?P<args>[^)]*)\)|= (?P<ret>-?\d+))\s*$")
_END = re.compile(r"^ftrace_init: probe pid (\d+) (exited with|killed by signal) (\d+)$")
_SIGNALS = {4: "SIGILL", 5: "SIGTRAP", 6: "SIGABRT", 7: "SIGBUS", 8: "SIGFPE", 9: "SIGKILL",
            11: "SIGSEGV", 13: "SIGPIPE", 15: "SIGTERM"}


class NoTrace(ValueError):
    """The console holds no whole trace (ftrace_init failed, the boot stopped early)."""


def bench_linux():
    """scripts/bench/linux.py (fetch, command): loaded by path, it imports its neighbours."""
    here = os.path.join(TOP, "scripts", "bench")
    if "ferry_bench_linux" not in sys.modules:
        sys.path.insert(0, here)
        try:
            spec = importlib.util.spec_from_file_location("ferry_bench_linux",
                                                          os.path.join(here, "linux.py"))
            mod = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(mod)
            sys.modules["ferry_bench_linux"] = mod
        finally:
            sys.path.remove(here)
    return sys.modules["ferry_bench_linux"]


def parse_console(text, abi, probe=None, tables=None):
    """Records (syscalls, then the exit) from a console log of ftrace_init; NoTrace when it
    holds no whole trace."""
    t = tables or tbl.load()
    lines = text.splitlines()
    end = next((m for m in map(_END.match, (ln.strip() for ln in lines)) if m), None)
    try:
        first = next(i for i, ln in enumerate(lines) if ln.strip() == BEGIN)
        last = next(i for i, ln in enumerate(lines) if ln.strip() == END)
    except StopIteration:
        raise NoTrace("no trace between the ftrace_init markers on the console") from None
    if end is None:
        raise NoTrace("ftrace_init did not say how the probe ended")
    init_execve = t.nr(ARCH_OF[abi], "execve")
    events = [m for m in map(_EVENT.match, lines[first + 1:last]) if m]
    # The child's calls up to its execve of the probe are ftrace_init's, not the probe's.
    start = next((i for i, m in enumerate(events) if m["ev"] == "sys_enter"
                  and int(m["nr"]) == init_execve), None)
    if start is None:
        raise NoTrace("the trace holds no execve of the probe")
    start += 1
    if start < len(events) and events[start]["ev"] == "sys_exit":
        start += 1
    recs, open_calls = [], {}           # pid: its call entered and not yet returned
    for m in events[start:]:
        nr, pid, ts = int(m["nr"]), int(m["pid"]), int(round(float(m["ts"]) * 1e6))
        if m["ev"] == "sys_enter":
            args = [hex(int(a, 16)) for a in m["args"].split(",")] if m["args"] else []
            open_call = {"type": "syscall", "seq": len(recs) + 1, "ts": ts, "pid": pid,
                         "tid": pid, "comm": (probe or "")[:15] or None, "abi": abi,
                         "route": tbl.DEFAULT_ROUTE[abi], "nr": nr, "name": t.name(abi, nr),
                         "args": args, "decoded": None, "ret": None, "errno": None,
                         "cycles": None, "insns": None}
            recs.append(open_call)
            open_calls[pid] = open_call
        elif pid in open_calls:
            open_call = open_calls.pop(pid)
            ret = int(m["ret"])
            open_call["ret"] = ret
            open_call["errno"] = (t.errno_name(-ret) or f"E{-ret}") if -4095 <= ret < 0 else None
            open_call["dur_us"] = ts - open_call["ts"]
    pid, how, value = int(end[1]), end[2], int(end[3])
    if how == "exited with":
        recs.append({"type": "exit", "pid": pid, "status": value})
    else:
        recs.append({"type": "exit", "pid": pid, "status": None,
                     "signal": _SIGNALS.get(value, f"SIG{value}")})
    return recs


def build_init(arch, probe_o):
    """The ftrace_init ELF for arch (the probes' Makefile rule builds any userspace/probes/*.c)."""
    target = os.path.join(probe_o, arch, INIT)
    r = subprocess.run(["make", "-s", "-f", "userspace/Makefile", f"PROBE_O={probe_o}", target],
                       cwd=TOP, capture_output=True, text=True)
    if r.returncode:
        raise RuntimeError(f"building {target} failed:\n{r.stdout[-1500:]}{r.stderr[-1500:]}")
    return os.path.join(TOP, target)


def boot_command(arch, image, initrd):
    """The bench's QEMU command for Debian's kernel, with ftrace_init as the initramfs init."""
    cmd = bench_linux().command(arch, image, initrd, "")
    i = cmd.index("-append") + 1
    k = cmd[i].rfind(" --")			# the kernel's parameters end there
    k = len(cmd[i]) if k < 0 else k
    cmd[i] = cmd[i][:k] + f" rdinit=/{INIT}" + cmd[i][k:]
    return cmd


def run(probe, image, init, timeout=600, keep_log=None):
    """Boot Linux with probe; return (header, records)."""
    abi = linux.elf_abi(probe)
    arch = ARCH_OF[abi]
    name = os.path.basename(probe)
    with tempfile.TemporaryDirectory(prefix="ferry-linux-kernel-") as tmp:
        cpio = os.path.join(tmp, "initramfs.cpio")
        subprocess.run([PYTHON, os.path.join(TOP, "scripts", "mkinitramfs.py"), "-o", cpio,
                        f"/init={probe}", f"/{INIT}={init}"], check=True)
        cmd = boot_command(arch, image["image"], cpio)
        try:
            p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                               timeout=timeout)
            text = p.stdout.decode("utf-8", "replace")
        except subprocess.TimeoutExpired as e:
            text = (e.stdout or b"").decode("utf-8", "replace")
    if keep_log:
        with open(keep_log, "w", encoding="utf-8") as f:
            f.write(text)
    recs = parse_console(text, abi, name)
    header = {"type": "header", "source": "linux-kernel", "arch": arch, "abi": abi,
              "version": 1, "cycles_per_sec": 1000000, "icount": False, "probe": name,
              "command": ["initramfs" if c == cpio else c for c in cmd],
              "note": f"Debian {image['package']}, raw_syscalls of the probe (ftrace_init)"}
    return header, recs


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("probes", nargs="+", metavar="PROBE")
    ap.add_argument("--out", default=os.path.join(TOP, "build", "trace", "linux"))
    ap.add_argument("--probe-out", default=os.path.join("build", "probes"),
                    help="where ftrace_init is built (PROBE_O, relative to the tree)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--keep-logs", action="store_true", help="keep the consoles beside the traces")
    a = ap.parse_args(argv)
    os.makedirs(a.out, exist_ok=True)
    status, jobs, images, inits = 0, [], {}, {}
    for probe in a.probes:
        abi = linux.elf_abi(probe) if os.path.isfile(probe) else None
        if abi is None:
            print(f"linux_kernel.py: {probe}: not a static probe of a known ABI", file=sys.stderr)
            status = 1
            continue
        arch = ARCH_OF[abi]
        if arch not in images:
            try:
                images[arch] = bench_linux().fetch(arch, log=lambda m: print(m, file=sys.stderr))
                inits[arch] = build_init(arch, a.probe_out)
            except Exception as e:	# the bench's FetchError, a failed build
                images[arch] = None
                print(f"linux_kernel.py: skipping the {arch} kernel: {e}", file=sys.stderr)
        if images[arch] is None:
            continue
        jobs.append((probe, abi, arch))

    def one(job):
        probe, abi, arch = job
        base = os.path.join(a.out, f"{abi}-{os.path.basename(probe)}.kernel")
        t0 = time.monotonic()
        header, recs = run(probe, images[arch], inits[arch], a.timeout,
                           base + ".console.txt" if a.keep_logs else None)
        with open(base + ".jsonl", "w", encoding="utf-8") as f:
            for r in [header] + recs:
                f.write(records.dumps_record(r) + "\n")
        n = sum(1 for r in recs if r["type"] == "syscall")
        return f"{base}.jsonl  ({n} syscalls, {time.monotonic() - t0:.1f} s)"

    with cf.ThreadPoolExecutor(max_workers=max(1, a.jobs)) as ex:
        futs = {ex.submit(one, j): j for j in jobs}
        for f in cf.as_completed(futs):
            try:
                print(f.result(), flush=True)
            except (NoTrace, OSError, subprocess.SubprocessError) as e:
                print(f"linux_kernel.py: {futs[f][0]} on Linux: {e}", file=sys.stderr)
                status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
