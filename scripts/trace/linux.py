#!/usr/bin/env python3
"""The "real Linux" column: run a static probe under qemu-user and native strace, write traces.

  linux.py PROBE [PROBE ...] [--via qemu-user,strace] [--out DIR] [--keep-logs] [-- ARGS]

For each probe (a static ELF; its ABI is read from the ELF header) this runs

  qemu-user  qemu-x86_64 / qemu-i386 / qemu-aarch64 / qemu-arm -d strace -D LOG PROBE ARGS
  strace     strace -f -ttt -T -s 256 -o LOG PROBE ARGS   (only for ABIs the host runs
             natively: x86_64 and i386 on an x86_64 host, arm64 and arm on an arm64 host)

and writes DIR/<abi>-<probe>.<via>.jsonl (default DIR: build/trace/linux) in Ferry's record
format: header "source" is "qemu-user" or "strace", the abi comes from the binary, the route
is the ABI's default (syscall / int80 / svc / svc32), cycles and insns are null. strace's -ttt
timestamps become "ts" in microseconds (header cycles_per_sec 1000000) and -T durations
"dur_us". The probe's exit (status or signal) is the last record. Prints the files written.
A host whose kernel refuses the binary (strace's first execve fails, e.g. ENOEXEC for i386
on a kernel built without IA32 emulation) cannot run it: that run is skipped, like an ABI
the host does not run natively, and no trace is written. The header's "command" names the
log "LOG" and the probe as given (make compare gives paths relative to the source tree).
"""
import argparse
import os
import platform
import shutil
import signal
import struct
import subprocess
import sys
import tempfile

if not __package__:
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import _boot
    _boot.package()
    __package__ = "ferrytrace"

from . import TOP, linuxparse, records  # noqa: E402

QEMU = {"x86_64": "qemu-x86_64", "i386": "qemu-i386", "arm64": "qemu-aarch64", "arm": "qemu-arm"}
# e_machine: EM_386 3, EM_ARM 40 (32-bit ARM: the arm EABI), EM_X86_64 62, EM_AARCH64 183.
E_MACHINE = {62: "x86_64", 3: "i386", 183: "arm64", 40: "arm"}
# An arm64 host runs arm programs only when its CPU has AArch32 at EL0 and its kernel
# CONFIG_COMPAT; when not, exec fails with ENOEXEC and the strace run is skipped (CannotRun).
NATIVE = {"x86_64": {"x86_64", "i386"}, "aarch64": {"arm64", "arm"}, "arm64": {"arm64", "arm"}}
VIAS = ("qemu-user", "strace")


def elf_abi(path):
    """ABI of an ELF executable from its header (e_machine), or None."""
    with open(path, "rb") as f:
        head = f.read(20)
    if len(head) < 20 or head[:4] != b"\x7fELF":
        return None
    endian = "<" if head[5] == 1 else ">"
    return E_MACHINE.get(struct.unpack(endian + "H", head[18:20])[0])


def can_run(via, abi):
    if via == "qemu-user":
        return shutil.which(QEMU[abi]) is not None
    return shutil.which("strace") is not None and abi in NATIVE.get(platform.machine(), set())


class CannotRun(Exception):
    """The host would not start the probe under this tool."""


def refused_exec(recs):
    """strace's errno when the host's kernel refused to exec the probe, else None."""
    calls = [r for r in recs if r["type"] == "syscall"]
    if len(calls) == 1 and calls[0].get("name") == "execve" and calls[0].get("errno"):
        return calls[0]["errno"]
    return None


def exit_record(returncode, pid=None):
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"SIG{-returncode}"
        return {"type": "exit", "pid": pid, "status": None, "signal": name}
    return {"type": "exit", "pid": pid, "status": returncode}


def run(probe, via, args=(), timeout=60, keep_log=None):
    """Run probe under via; return (header, records, stdout text)."""
    abi = elf_abi(probe)
    if abi is None:
        raise ValueError(f"{probe}: not an ELF executable of a known ABI")
    name = os.path.basename(probe)
    with tempfile.TemporaryDirectory(prefix="ferry-linux-") as tmp:
        log = os.path.join(tmp, "log")
        if via == "qemu-user":
            cmd = [QEMU[abi], "-d", "strace", "-D", log, probe, *args]
        else:
            cmd = ["strace", "-f", "-ttt", "-T", "-s", "256", "-o", log, probe, *args]
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
        try:
            with open(log, encoding="utf-8", errors="replace") as f:
                text = f.read()
        except FileNotFoundError:
            text = ""
        if keep_log:
            with open(keep_log, "w", encoding="utf-8") as f:
                f.write(text)
    parse = linuxparse.parse_qemu if via == "qemu-user" else linuxparse.parse_strace
    recs = parse(text, abi, name)
    if via == "strace" and refused_exec(recs):
        raise CannotRun(f"this host's kernel refuses to exec it ({refused_exec(recs)}: "
                        f"no {abi} support)")
    if via == "qemu-user":
        # qemu reports the probe's death itself; the exit status comes from the run.
        pid = next((r["pid"] for r in recs if r.get("pid")), None)
        if not any(r["type"] == "exit" for r in recs):
            recs.append(exit_record(p.returncode, pid))
    header = {"type": "header", "source": via, "arch": abi, "version": 1,
              "cycles_per_sec": 1000000 if via == "strace" else None, "icount": False,
              "probe": name, "command": ["LOG" if c == log else c for c in cmd],
              "host": f"{platform.system()} {platform.release()} {platform.machine()}"}
    return header, recs, p.stdout.decode("utf-8", "replace")


def write_trace(path, header, recs):
    with open(path, "w", encoding="utf-8") as f:
        f.write(records.dumps_record(header) + "\n")
        for r in recs:
            f.write(records.dumps_record(r) + "\n")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("probes", nargs="+", metavar="PROBE")
    ap.add_argument("--via", default="qemu-user,strace",
                    help="comma-separated: qemu-user, strace (default both)")
    ap.add_argument("--out", default=os.path.join(TOP, "build", "trace", "linux"))
    ap.add_argument("--keep-logs", action="store_true", help="keep the raw logs next to the traces")
    ap.add_argument("--timeout", type=float, default=60)
    argv = sys.argv[1:] if argv is None else list(argv)
    extra = []
    if "--" in argv:
        i = argv.index("--")
        argv, extra = argv[:i], argv[i + 1:]
    a = ap.parse_args(argv)
    vias = [v for v in a.via.split(",") if v]
    for v in vias:
        if v not in VIAS:
            ap.error(f"unknown --via {v!r} (choose from {', '.join(VIAS)})")
    os.makedirs(a.out, exist_ok=True)
    status = 0
    for probe in a.probes:
        abi = elf_abi(probe) if os.path.isfile(probe) else None
        if abi is None:
            print(f"linux.py: {probe}: not a static probe of a known ABI", file=sys.stderr)
            status = 1
            continue
        for via in vias:
            if not can_run(via, abi):
                print(f"linux.py: skipping {via} for {abi} {probe}: this host cannot run it",
                      file=sys.stderr)
                continue
            base = os.path.join(a.out, f"{abi}-{os.path.basename(probe)}.{via}")
            try:
                header, recs, _ = run(probe, via, extra, a.timeout,
                                      base + ".log" if a.keep_logs else None)
            except CannotRun as e:
                print(f"linux.py: skipping {via} for {abi} {probe}: {e}", file=sys.stderr)
                continue
            except (OSError, subprocess.SubprocessError, ValueError) as e:
                print(f"linux.py: {probe} under {via}: {e}", file=sys.stderr)
                status = 1
                continue
            write_trace(base + ".jsonl", header, recs)
            n = sum(1 for r in recs if r["type"] == "syscall")
            print(f"{base}.jsonl  ({n} syscalls)")
    return status


if __name__ == "__main__":
    sys.exit(main())
