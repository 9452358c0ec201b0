#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Type into a probe through a real terminal line and compare what comes back with Linux.

  tty_session.py --abi ABI --init ELF [qemu-run.py's options: --arch --objtree --timeout ...]
  tty_session.py --abi ABI --init ELF --linux-only

check.py runs it in place of scripts/qemu-run.py for the cases of tests/boot/cases_tty.py
(Case(runner=...)), with the same options.

Ferry's side: QEMU's serial port (the guest's console, /dev/console and ttyS0/ttyAMA0) is a
Unix socket (-chardev socket); this script connects to it, answers each "@@ STEP" line the
probe prints with that step's bytes (STEPS), and keeps every byte the line sends back.
Linux's side: the same probe under qemu-user with its stdin/stdout/stderr on the slave of a
host pseudo-terminal (pty.openpty), driven the same way through the master.

The two transcripts (from "tty probe: start" to "tty probe: end": echoes, erasures and the
probe's KTAP lines) must be byte for byte the same. The guest's whole console goes to
stdout (check.py judges its KTAP and status); the exit status is the kernel's, or 1 when
the transcripts differ (the difference on stderr), 124 on a timeout.
"""
import argparse
import importlib.util
import os
import pty
import signal
import socket
import subprocess
import sys
import tempfile
import time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
QEMU_USER = {"x86_64": "qemu-x86_64", "i386": "qemu-i386", "arm64": "qemu-aarch64",
             "arm": "qemu-arm"}

# What the driver types for each "@@ STEP" (userspace/probes/tty.c says what it checks).
STEPS = {
    "erase": b"abx\x7fc\n",
    "kill": b"junk\x15ok\n",
    "werase": b"one two\x17three\n",
    "eof": b"\x04",
    "eof-mid": b"ab\x04",
    "ctl": b"a\x01b\n",
    "cr": b"cr\r",
    "eol-split": b"long!!\n",
    "igncr": b"x\ry\n",
    "noecho": b"secret\n",
    "echonl": b"hid\n",
    "echo-noechoe": b"ab\x7fc\n",
    "min1": b"k",
    "min3": b"xyz",
    "min2time3": b"q",
    "raw-echo": b"\n",
    "inq": b"abcd",
    "inq-canon": b"ab\ncd",
    "poll": b"z\n",
    "intr": b"\x03",
    # Job control (issue 13): keys typed while the foreground job sleeps in nanosleep.
    "intr-sleep": b"\x03",
    "intr-handler": b"\x03",
    "quit": b"\x1c",
    "susp": b"\x1a",
}
START, END = b"tty probe: start", b"tty probe: end\r\n"


class Timeout(Exception):
    pass


def converse(read, write, deadline, log):
    """Answer the probe's prompts until the end marker (or EOF). Returns everything read."""
    data, answered = b"", 0
    while END not in data:
        if time.monotonic() > deadline:
            raise Timeout(data)
        chunk = read(max(0.05, min(1.0, deadline - time.monotonic())))
        if chunk is None:
            continue
        if chunk == b"":
            break
        data += chunk
        log(chunk)
        # Prompts not yet answered, in order.
        while True:
            at = data.find(b"@@ ", answered)
            if at < 0:
                break
            eol = data.find(b"\r\n", at)
            if eol < 0:
                break
            step = data[at + 3:eol].decode(errors="replace")
            answered = eol + 2
            time.sleep(0.2)	# the probe is on its way to read(): let it get there
            write(STEPS.get(step, b""))
    return data


def transcript(data):
    start = data.find(START)
    end = data.find(END, start if start >= 0 else 0)
    if start < 0 or end < 0:
        return None
    return data[start:end + len(END)]


def run_linux(abi, probe, timeout):
    """The probe under qemu-user on a host pty: its transcript (bytes)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([QEMU_USER[abi], probe], stdin=slave, stdout=slave, stderr=slave,
                            start_new_session=True, close_fds=True)
    os.close(slave)

    def read(wait):
        import select
        r, _, _ = select.select([master], [], [], wait)
        if not r:
            return None
        try:
            return os.read(master, 4096)
        except OSError:		# EIO: every slave fd closed
            return b""

    try:
        data = converse(read, lambda b: os.write(master, b), time.monotonic() + timeout,
                        lambda c: None)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()
        os.close(master)
    return data


def load_qemu_run():
    spec = importlib.util.spec_from_file_location("qemu_run", os.path.join(TOP, "scripts",
                                                                           "qemu-run.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def boot_on_socket(cmd, sock_path, deadline):
    """Start QEMU's cmd with its serial line moved to a Unix socket (QEMU the server, waiting
    for us) and connect: (process, socket). RuntimeError with QEMU's stderr when it ends or
    the deadline passes first. Shared with tests/boot/shell_session.py."""
    i = cmd.index("-serial")
    cmd = cmd[:i] + ["-chardev", f"socket,id=ttyline,path={sock_path},server=on,wait=on",
                     "-serial", "chardev:ttyline"] + cmd[i + 2:]
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True)
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    while True:
        try:
            s.connect(sock_path)
            return proc, s
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                err = proc.stderr.read().decode(errors="replace")
                raise RuntimeError("QEMU did not start: " + err)
            time.sleep(0.05)


def run_ferry(qr, a, workdir):
    """Boot with the serial line on a socket: (kernel status or runner status, console)."""
    sock_path = os.path.join(workdir, "serial.sock")
    deadline = time.monotonic() + a.timeout
    try:
        proc, s = boot_on_socket(qr.qemu_command(a, workdir), sock_path, deadline)
    except RuntimeError as e:
        return 125, str(e).encode()

    def read(wait):
        s.settimeout(wait)
        try:
            return s.recv(4096)
        except socket.timeout:
            return None

    out = sys.stdout.buffer

    def log(chunk):
        out.write(chunk)
        out.flush()

    status = None
    try:
        data = converse(read, s.sendall, deadline, log)
        # The rest of the console, to the kernel's power-down line and QEMU's exit.
        while proc.poll() is None and time.monotonic() < deadline:
            chunk = read(0.2)
            if chunk:
                data += chunk
                log(chunk)
            elif chunk == b"":
                break
        proc.wait(timeout=max(1, deadline - time.monotonic()))
    except (Timeout, subprocess.TimeoutExpired):
        status = 124
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        data = b""
    s.close()
    if status is None:
        status, why = qr.judge(a.arch, proc.returncode, data[-4096:], len(data) <= 4096)
        if why:
            print(f"tty_session: {why}", file=sys.stderr)
    return status, data


def show_difference(ours, theirs):
    a, b = ours.split(b"\n"), theirs.split(b"\n")
    for i in range(max(len(a), len(b))):
        x = a[i] if i < len(a) else b"<none>"
        y = b[i] if i < len(b) else b"<none>"
        if x != y:
            print(f"tty_session: transcripts differ at line {i + 1}:\n  Ferry: {x!r}\n"
                  f"  Linux: {y!r}", file=sys.stderr)
            return


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--abi", required=True, choices=sorted(QEMU_USER))
    p.add_argument("--init", required=True, help="the probe (also /init in the guest)")
    p.add_argument("--linux-only", action="store_true",
                   help="only the qemu-user run: print its transcript")
    ours, rest = p.parse_known_args()
    probe = os.path.abspath(ours.init)
    timeout = 240.0
    if ours.linux_only:
        data = run_linux(ours.abi, probe, timeout)
        sys.stdout.buffer.write(data)
        return 0 if transcript(data) else 1

    qr = load_qemu_run()
    a = qr.parse(rest + ["--init", probe])
    qr.check_args(a)
    qr.check_kernel(a)
    with tempfile.TemporaryDirectory(prefix="ferry-tty-") as workdir:
        status, console = run_ferry(qr, a, workdir)
    try:
        linux = run_linux(ours.abi, probe, a.timeout)
    except Timeout as e:
        print("tty_session: qemu-user timed out after:\n" +
              e.args[0][-1500:].decode(errors="replace"), file=sys.stderr)
        return 124
    mine, theirs = transcript(console), transcript(linux)
    if theirs is None:
        print("tty_session: no complete transcript from qemu-user:\n" +
              linux.decode(errors="replace")[-2000:], file=sys.stderr)
        return 1
    if mine != theirs:
        if mine is None:
            print("tty_session: no complete transcript from Ferry", file=sys.stderr)
        else:
            show_difference(mine, theirs)
        print("tty_session: Linux's transcript:\n" + theirs.decode(errors="replace"),
              file=sys.stderr)
        return 1 if status == 0 else status
    print(f"# tty_session: the transcript matches Linux's ({len(mine)} bytes)")
    return status


if __name__ == "__main__":
    sys.exit(main())
