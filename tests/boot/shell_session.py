#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Sit at the console's busybox shell as a person would: type through the guest's serial line
and check what comes back, on Ferry (as a boot case) or on Debian's Linux 6.1.

  shell_session.py --abi ABI [qemu-run.py's options: --arch --objtree --timeout ...]
  shell_session.py --abi ABI --kernel linux [--timeout SEC]

check.py runs it in place of scripts/qemu-run.py for tests/boot/cases_userland.py's shell
cases. It builds the ABI's userland (scripts/userland.py, without the probes), boots it with
QEMU's serial port on a Unix socket, waits for the prompt, then plays SESSION: each step types
its bytes and waits for its pattern (regular expressions on the raw bytes the line sends back,
echoes and prompts included). The session covers line editing (DEL and ^U), ^C on a foreground
job, ^Z then jobs/bg/fg, a background job and wait, and exit, after which the machine powers
off. The console goes to stdout; a last line says how many steps passed. Exit status: the
kernel's (0 after the power-off) when every step passed; 1 when a step did not (its name, and
the last bytes seen, on stderr); 124 on the timeout.

The patterns are what Linux 6.1 gives (run with --kernel linux); busybox ash prints the job
lines ("[1]+  Stopped  sleep 30"). Job control needs a controlling terminal: without one ash
says "can't access tty; job control turned off", ^Z stops nothing and the ^Z step fails.
"""
import argparse
import importlib.util
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(TOP, "scripts"))
import userland  # noqa: E402
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tty_session  # noqa: E402  (boot_on_socket: QEMU's serial line on a socket)

PROMPT = rb"root@ferry [a-z0-9_]+/%s ~ # "
RETYPE = 3.0	# seconds before a job-control key is typed again (Line.expect)
KEYS = (b"\x03", b"\x1a")	# ^C, ^Z
TYPED_OUT = b"".join(b"%d" % (i % 10) for i in range(120))
TYPED = b"echo " + TYPED_OUT + b"\r"


def session(abi):
    """(name, bytes to type, pattern to wait for, seconds to wait before typing)."""
    prompt = PROMPT % abi.encode()
    return [
        ("prompt", b"", prompt, 0),
        # DEL erases "xo", "lo wor" is typed, ^U kills the whole line, the rest is run.
        ("line editing", b"echo helxo\x7f\x7flo wor\x15echo edited\r", rb"\r\nedited\r\n" + prompt, 0),
        ("^C a foreground sleep", b"sleep 30\r", rb"sleep 30\r\n", 0),
        ("", b"\x03", prompt, 0.5),
        ("its status is 130", b"echo st=$?\r", rb"\r\nst=130\r\n" + prompt, 0),
        ("^Z stops it", b"sleep 30\r", rb"sleep 30\r\n", 0),
        ("", b"\x1a", rb"\[1\]\+ +Stopped +sleep 30\r\n" + prompt, 0.5),
        ("jobs lists it", b"jobs\r", rb"\[1\]\+ +Stopped +sleep 30\r\n" + prompt, 0),
        ("bg runs it", b"bg\r", rb"\[1\] sleep 30\r\n" + prompt, 0),
        ("jobs: running", b"jobs\r", rb"\[1\]\+ +Running +sleep 30\r\n" + prompt, 0),
        ("fg, then ^C", b"fg\r", rb"sleep 30\r\n", 0),
        ("", b"\x03", prompt, 0.5),
        ("its status is 130", b"echo st=$?\r", rb"\r\nst=130\r\n" + prompt, 0),
        ("& and wait", b"sleep 0.1 & wait; echo waited=$?\r",
         rb"wait; echo waited=\$\?\r\n(\[1\] \d+\r\n)?waited=0\r\n"
         rb"(\[1\]\+ +Done +sleep 0\.1\r\n)?" + prompt, 0),
        # A pasted line: 125 bytes at once, each arriving while the receive interrupt of the
        # one before may still be running (a byte lost there hangs the line: pl011.c).
        ("a pasted line", TYPED, rb"\r\n" + TYPED_OUT + rb"\r\n" + prompt, 0),
        ("exit", b"exit\r", rb"exit\r\n", 0),
    ]


class Line:
    """The guest's serial line through QEMU's socket: what came back, and where we are in it."""
    def __init__(self, sock, log):
        self.sock, self.log, self.data, self.pos = sock, log, b"", 0

    def read(self, wait):
        self.sock.settimeout(max(0.01, wait))
        try:
            chunk = self.sock.recv(4096)
        except socket.timeout:
            return None
        if chunk:
            self.data += chunk
            self.log(chunk)
        return chunk

    def expect(self, pattern, deadline, again=None):
        """Wait for pattern after what was already matched. again: bytes to type once more
        every RETYPE seconds until it comes (a job-control key that reached the terminal
        before the job was its foreground group, on a loaded host, did nothing)."""
        rx = re.compile(pattern, re.S)
        retype = time.monotonic() + RETYPE
        while True:
            m = rx.search(self.data, self.pos)
            if m:
                self.pos = m.end()
                return True
            left = deadline - time.monotonic()
            if left <= 0 or self.read(min(left, 0.5)) == b"":
                return False
            if again and time.monotonic() > retype:
                self.sock.sendall(again)
                retype = time.monotonic() + RETYPE


def play(cmd, abi, timeout, workdir):
    """Boot cmd (its serial moved to a socket) and play the session: (QEMU's exit code or
    None on a timeout, bytes seen, name of the failed step or None)."""
    sock_path = os.path.join(workdir, "serial.sock")
    deadline = time.monotonic() + timeout
    proc, s = tty_session.boot_on_socket(cmd, sock_path, deadline)

    def log(chunk):
        sys.stdout.buffer.write(chunk)
        sys.stdout.buffer.flush()

    line = Line(s, log)
    failed, passed, name = None, 0, ""
    for step, typed, pattern, pause in session(abi):
        name = step or name
        if pause:
            time.sleep(pause)	# the job has started and owns the terminal
        if typed:
            s.sendall(typed)
        if not line.expect(pattern, deadline, typed if typed in KEYS else None):
            failed = name
            break
        if step:
            passed += 1
    # The rest of the console, to the power-down and QEMU's exit.
    while not failed and proc.poll() is None and time.monotonic() < deadline:
        if line.read(0.2) == b"":
            break
    try:
        rc = proc.wait(timeout=max(1, deadline - time.monotonic()) if not failed else 0.1)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        rc = None if not failed else -signal.SIGKILL
    s.close()
    print(f"\n# shell_session: {passed} steps passed" + (f", failed at '{failed}'" if failed
                                                          else ""))
    return rc, line.data, failed


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--abi", required=True, choices=userland.ABIS)
    p.add_argument("--kernel", choices=("ferry", "linux"), default="ferry")
    ours, rest = p.parse_known_args()
    with tempfile.TemporaryDirectory(prefix="ferry-shell-") as workdir:
        try:
            cpio = userland.build(ours.abi, os.path.join(workdir, "userland.cpio"),
                                  with_programs=False)
        except userland.UserlandError as e:	# offline, apt failing: one line, no traceback
            print(f"shell_session: {e}", file=sys.stderr)
            return 125
        if ours.kernel == "linux":
            import userland_boot
            t = argparse.ArgumentParser()
            t.add_argument("--timeout", type=float, default=300)
            timeout = t.parse_known_args(rest)[0].timeout
            try:
                cmd = userland_boot.linux_command(ours.abi, cpio, "")
            except userland_boot.linux.FetchError as e:
                print(f"shell_session: {e}", file=sys.stderr)
                return 125
            arch, qr = userland.ARCH_OF[ours.abi], None
        else:
            spec = importlib.util.spec_from_file_location(
                "qemu_run", os.path.join(TOP, "scripts", "qemu-run.py"))
            qr = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(qr)
            a = qr.parse(rest + ["--initrd", cpio])
            qr.check_args(a)
            qr.check_kernel(a)
            cmd, timeout, arch = qr.qemu_command(a, workdir), a.timeout, a.arch
        try:
            rc, data, failed = play(cmd, ours.abi, timeout, workdir)
        except RuntimeError as e:
            print(f"shell_session: {e}", file=sys.stderr)
            return 125
    if rc is None:
        print(f"shell_session: timeout after {timeout:g} s", file=sys.stderr)
        return 124
    if failed:
        print(f"shell_session: step '{failed}' did not see what it waited for; the last "
              f"bytes: {data[-300:]!r}", file=sys.stderr)
        return 1
    if qr is None:
        return rc		# Linux: QEMU's own exit code, 0 after the power-off
    status, why = qr.judge(arch, rc, data[-4096:], len(data) <= 4096)
    if why:
        print(f"shell_session: {why}", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
