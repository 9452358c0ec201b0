"""Running the kernel: scripts/run, make run / qemu-gdb, scripts/qemu-run.py, scripts/gdb/attach.sh.

What a user relies on: the exit status is the kernel's (or a documented runner status), a bare
run does something useful, and every mistake (bad argument, unusable file, QEMU refusing to
start, too little memory, no QEMU to attach to) ends in one line and a non-zero status, fast.

Most tests put a fake QEMU first on PATH (it prints what it is told and exits with a given
code) and hand the runner a synthetic kernel, so they need no build. The end-to-end tests at
the bottom build the real kernels with scripts/run itself, into the objtree 'make check'
uses ($CHECK_O/<arch>-gcc, build/check by default), so check's build stage reuses them.
"""
import os
import shutil
import socket
import struct
import subprocess
import sys
import time

import pytest

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
QEMU_RUN = os.path.join(TOP, "scripts", "qemu-run.py")
RUN = os.path.join(TOP, "scripts", "run")
ATTACH = os.path.join(TOP, "scripts", "gdb", "attach.sh")
STATUS_RUNNER = 125		# documented in scripts/qemu-run.py


# ---- helpers ----------------------------------------------------------------------------------
def synthetic_vmlinux(path, start=0x200000, memsz=0x79000):
    """An ELF64 x86-64 header with one PT_LOAD at physical `start`: enough for the runner's
    checks (QEMU never gets to run it in these tests)."""
    ehdr = struct.pack("<4sBBBBB7sHHIQQQIHHHHHH", b"\x7fELF", 2, 1, 1, 0, 0, bytes(7),
                       2, 62, 1, 0xffffffff80200000, 64, 0, 0, 64, 56, 1, 64, 0, 0)
    phdr = struct.pack("<IIQQQQQQ", 1, 5, 0x1000, 0xffffffff80000000 + start, start,
                       0x1000, memsz, 0x1000)
    with open(path, "wb") as f:
        f.write(ehdr + phdr)
        f.truncate(0x2000)


def synthetic_image(path, image_size=0x8b000):
    """An arm64 Image header (magic "ARM\\x64" at 0x38) whose code branches to itself."""
    hdr = struct.pack("<IIQQQQQQ4sI", 0x14000000, 0, 0, image_size, 0xa, 0, 0, 0,
                      b"ARM\x64", 0)
    with open(path, "wb") as f:
        f.write(hdr)
        f.truncate(0x10000)


@pytest.fixture
def objtree(tmp_path):
    """Synthetic objtrees for both arches under one folder: objtree(arch) -> path."""
    def make(arch):
        o = tmp_path / f"obj-{arch}"
        if arch == "x86_64":
            o.mkdir(exist_ok=True)
            synthetic_vmlinux(str(o / "vmlinux"))
        else:
            (o / "arch/arm64/boot").mkdir(parents=True, exist_ok=True)
            synthetic_image(str(o / "arch/arm64/boot/Image"))
        return str(o)
    return make


FAKE_QEMU = r"""#!/bin/sh
# A stand-in for qemu-system-*: logs its arguments, prints what the test asked, exits.
for a in "$@"; do printf '%s\n' "$a"; done > "$FAKE_QEMU_LOG"
[ -n "$FAKE_QEMU_OUT" ] && printf '%b' "$FAKE_QEMU_OUT"
[ -n "$FAKE_QEMU_ERR" ] && printf '%b' "$FAKE_QEMU_ERR" >&2
exit "${FAKE_QEMU_RC:-0}"
"""


@pytest.fixture
def fake_qemu(tmp_path):
    """fake_qemu(out=, err=, rc=) -> (env, path of the argument log)."""
    bindir = tmp_path / "fakebin"
    bindir.mkdir()
    for name in ("qemu-system-x86_64", "qemu-system-aarch64"):
        p = bindir / name
        p.write_text(FAKE_QEMU)
        p.chmod(0o755)
    log = tmp_path / "qemu-args.log"

    def setup(out="", err="", rc=0):
        env = dict(os.environ, PATH=f"{bindir}:{os.environ['PATH']}", FAKE_QEMU_LOG=str(log),
                   FAKE_QEMU_OUT=out, FAKE_QEMU_ERR=err, FAKE_QEMU_RC=str(rc))
        return env, log
    return setup


def qemu_run(*args, env=None, timeout=30):
    t0 = time.monotonic()
    r = subprocess.run([PYTHON, QEMU_RUN, *args], capture_output=True, text=True, env=env,
                       cwd=TOP, timeout=timeout, stdin=subprocess.DEVNULL)
    r.elapsed = time.monotonic() - t0
    return r


def lines(text):
    return [l for l in text.splitlines() if l.strip()]


def one_line_failure(r, *words, after_build=False):
    """A refusal: non-zero, exactly one line on stderr naming every word, no traceback.
    after_build: scripts/run's build output ("  CC ...") may come first."""
    assert r.returncode != 0, (r.returncode, r.stdout, r.stderr)
    assert "Traceback" not in r.stderr, r.stderr
    got = [l for l in lines(r.stderr) if not (after_build and l.startswith("  "))]
    assert len(got) == 1, got
    for w in words:
        assert w in got[0], (w, got[0])
    return got[0]


def listening(port):
    """Whether a socket listens on this TCP port (without connecting to it)."""
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as f:
                rows = [l.split() for l in f.readlines()[1:]]
        except OSError:
            continue
        if any(r[1].endswith(f":{port:04X}") and r[3] == "0A" for r in rows):
            return True
    return False


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---- C: QEMU's own failure is not kernel status 0 ------------------------------------------------
@pytest.mark.parametrize("arch", ["x86_64", "arm64"])
def test_qemu_failing_to_start_is_not_success(arch, objtree):
    # Real QEMU, a CPU model it does not know: it exits 1 before the guest runs.
    r = qemu_run("--arch", arch, "--objtree", objtree(arch), "--cpu", "no-such-cpu",
                 "--timeout", "20")
    assert r.returncode == STATUS_RUNNER, (r.returncode, r.stderr)
    line = one_line_failure(r, "QEMU did not start", "no-such-cpu")
    assert "status 125" in line


def test_qemu_bad_object_path_is_not_success(objtree):
    r = qemu_run("--arch", "x86_64", "--objtree", objtree("x86_64"), "--timeout", "20",
                 "--extra=-object memory-backend-file,id=m,size=1M,mem-path=/nonexistent/dir/f")
    assert r.returncode == STATUS_RUNNER, (r.returncode, r.stderr)
    one_line_failure(r, "QEMU did not start")


@pytest.mark.parametrize("arch,rc,out,status", [
    # x86_64: isa-debug-exit gives (N << 1) | 1; the console line gives N in full.
    ("x86_64", 1, "Power down (status 0)\n", 0),
    ("x86_64", (250 << 1 | 1) & 0xff, "Power down (status 250)\n", 250),
    ("x86_64", 1, "Ferry x86_64: ready\n", STATUS_RUNNER),	# QEMU's own exit 1
    ("x86_64", 0, "Ferry x86_64: ready\n", 253),		# triple fault under -no-reboot
    # arm64: semihosting exit N; a PSCI power-off exits 0 after the line.
    ("arm64", 1, "Power down (status 1)\n", 1),
    ("arm64", 1, "", STATUS_RUNNER),
    ("arm64", 0, "Power down (status 7)\nPower off with status 7 (PSCI SYSTEM_OFF: the exit "
                 "code will be 0)\n", 7),
    ("arm64", 0, "", 253),
])
def test_status_needs_the_power_down_line(arch, rc, out, status, objtree, fake_qemu):
    env, _ = fake_qemu(out=out, rc=rc)
    r = qemu_run("--arch", arch, "--objtree", objtree(arch), env=env)
    assert r.returncode == status, (r.returncode, r.stdout, r.stderr)


def test_qemu_message_after_the_console_started_is_shown_once(objtree, fake_qemu):
    env, _ = fake_qemu(out="Ferry x86_64: ready\n", err="qemu: fatal: something broke\n", rc=1)
    r = qemu_run("--arch", "x86_64", "--objtree", objtree("x86_64"), env=env)
    assert r.returncode == STATUS_RUNNER
    assert r.stderr.count("something broke") == 1, r.stderr


@pytest.mark.parametrize("init,words", [
    ("/nonexistent", ["/nonexistent", "no such file"]),
    ("/tmp", ["/tmp", "directory"]),
    (os.path.join(TOP, "README.md"), ["README.md", "not an ELF"]),
])
def test_bad_init_is_one_line(init, words, objtree, fake_qemu):
    env, log = fake_qemu(rc=1)
    r = qemu_run("--arch", "x86_64", "--objtree", objtree("x86_64"), "--init", init, env=env)
    one_line_failure(r, *words)
    assert r.returncode == STATUS_RUNNER
    assert not log.exists(), "QEMU was started"


# ---- D: a trace file that cannot be written is refused before booting ---------------------------
@pytest.mark.parametrize("arch", ["x86_64", "arm64"])
@pytest.mark.parametrize("trace", ["/nonexistent/dir/t.jsonl", "/tmp"])
def test_unwritable_trace_refused(arch, trace, objtree, fake_qemu):
    env, log = fake_qemu(out="Power down (status 0)\n", rc=1 if arch == "x86_64" else 0)
    r = qemu_run("--arch", arch, "--objtree", objtree(arch), "--trace", trace, env=env)
    one_line_failure(r, trace)
    assert r.returncode == STATUS_RUNNER
    assert not log.exists(), "QEMU was started"


# ---- E: any QEMU argument string passes through -----------------------------------------------
@pytest.mark.parametrize("form", ["separate", "equals"])
def test_extra_and_args_starting_with_a_dash(form, objtree, fake_qemu):
    env, log = fake_qemu(out="Power down (status 0)\n", rc=1)
    opts = {"--extra": "-no-reboot", "--args": "-v", "--cmdline": "-x"}
    argv = []
    for k, v in opts.items():
        argv += [k, v] if form == "separate" else [f"{k}={v}"]
    r = qemu_run("--arch", "x86_64", "--objtree", objtree("x86_64"), *argv, env=env)
    assert r.returncode == 0, r.stderr
    qargs = log.read_text().splitlines()
    assert qargs[-1] == "-no-reboot"
    assert qargs[qargs.index("-append") + 1] == "-x -- -v"


def test_make_run_passes_extra_as_one_value():
    r = subprocess.run(["make", "-n", "run", "ARCH=x86_64", "QEMU_EXTRA=-no-reboot",
                        "ARGS=it's -v"], capture_output=True, text=True, cwd=TOP)
    assert r.returncode == 0, r.stderr
    assert "QEMU_EXTRA=-no-reboot" in r.stdout.replace("'", ""), r.stdout
    # The recipe must survive a quote in a value (the shell sees it quoted).
    assert "scripts/run" in r.stdout


# ---- F: too little memory: one line within a second ---------------------------------------------
@pytest.mark.parametrize("arch,mem,least", [("x86_64", "1M", "3M"), ("x86_64", "2M", "3M"),
                                            ("arm64", "1M", "5M"), ("arm64", "4M", "5M")])
def test_too_little_memory_is_one_fast_line(arch, mem, least, objtree):
    # x86: the kernel (loaded at 2 MiB) would lie beyond RAM: SeaBIOS jumps into nothing and
    # the run is silent until the timeout. arm64: QEMU wants the DTB at the next 2 MiB
    # boundary after the Image. Either way the runner names the minimum, at once.
    r = qemu_run("--arch", arch, "--objtree", objtree(arch), "--mem", mem, "--timeout", "10")
    assert r.elapsed < 2, f"took {r.elapsed:.1f} s"
    line = one_line_failure(r, f"--mem {mem}", f"at least {least}")
    assert r.returncode == STATUS_RUNNER, line


def test_memory_qemu_refuses_is_one_fast_line(objtree, fake_qemu):
    # Whatever else QEMU refuses about memory comes as its own message, on one line.
    env, _ = fake_qemu(err="qemu-system-aarch64: Not enough space for DTB after kernel/initrd\n",
                       rc=1)
    r = qemu_run("--arch", "arm64", "--objtree", objtree("arm64"), "--mem", "64M", env=env)
    one_line_failure(r, "QEMU did not start", "DTB")
    assert r.returncode == STATUS_RUNNER


# ---- G: attach.sh with no QEMU waiting --------------------------------------------------------
def test_attach_without_qemu_is_one_line(objtree):
    r = subprocess.run(["sh", ATTACH, "ARCH=x86_64", f"O={objtree('x86_64')}",
                        f"GDB_PORT={free_port()}"], capture_output=True, text=True,
                       stdin=subprocess.DEVNULL, timeout=60, cwd=TOP)
    one_line_failure(r, "no QEMU")


# ---- H: V=1 shows the QEMU command line ---------------------------------------------------------
def test_print_command(objtree, fake_qemu):
    env, _ = fake_qemu(out="Power down (status 0)\n", rc=1)
    r = qemu_run("--arch", "x86_64", "--objtree", objtree("x86_64"), "--print-command", env=env)
    assert r.returncode == 0
    assert "qemu-system-x86_64 " in r.stderr and "isa-debug-exit" in r.stderr


def test_make_run_v1_asks_for_the_command():
    r = subprocess.run(["make", "-n", "run", "ARCH=arm64", "V=1"], capture_output=True,
                       text=True, cwd=TOP)
    assert r.returncode == 0 and "V=1" in r.stdout.replace("'", ""), r.stdout


# ---- I: bad arguments: one line, non-zero, never a traceback ------------------------------------
@pytest.mark.parametrize("args,words", [
    (["--timeout", "abc"], ["--timeout", "abc"]),
    (["--frobnicate"], ["--frobnicate"]),
    (["--boot", "floppy"], ["floppy"]),
    (["--trace-size", "3"], ["--trace-size"]),
    (["--extra", "'unclosed"], ["--extra"]),
    (["--log", "/nonexistent/dir/log"], ["/nonexistent/dir/log"]),
    (["--initrd", "/nonexistent"], ["/nonexistent"]),
    (["--mem", "lots"], ["lots"]),
])
def test_qemu_run_bad_argument_is_one_line(args, words, objtree, fake_qemu):
    env, log = fake_qemu(rc=1)
    r = qemu_run("--arch", "x86_64", "--objtree", objtree("x86_64"), *args, env=env)
    one_line_failure(r, *words)
    assert not log.exists(), "QEMU was started"


def test_qemu_run_bad_arch_is_one_line(tmp_path):
    one_line_failure(qemu_run("--arch", "mips", "--objtree", str(tmp_path)), "mips")


def test_qemu_run_missing_kernel_is_one_line(tmp_path):
    one_line_failure(qemu_run("--arch", "x86_64", "--objtree", str(tmp_path)), "vmlinux")


@pytest.mark.parametrize("args,words", [
    (["ARCH=mips"], ["ARCH=mips"]),
    (["TIMEOUT=abc"], ["TIMEOUT=abc"]),
    (["FOO=1"], ["FOO"]),
    (["notavariable"], ["notavariable"]),
    (["ICOUNT=yes"], ["ICOUNT=yes"]),
    (["ARCH=x86_64", "BOOT=uboot"], ["BOOT=uboot"]),
])
def test_run_bad_argument_is_one_line(args, words):
    r = subprocess.run([PYTHON, RUN, *args], capture_output=True, text=True, cwd=TOP,
                       stdin=subprocess.DEVNULL, timeout=60)
    one_line_failure(r, *words)


@pytest.mark.parametrize("args,words", [(["ARCH=mips"], ["mips"]),
                                        (["ARCH=x86_64", "O=/nonexistent"], ["vmlinux"])])
def test_attach_bad_argument_is_one_line(args, words):
    r = subprocess.run(["sh", ATTACH, *args], capture_output=True, text=True, cwd=TOP,
                       stdin=subprocess.DEVNULL, timeout=60)
    one_line_failure(r, *words)


def test_make_help_says_what_run_returns():
    out = subprocess.run(["make", "help"], capture_output=True, text=True, cwd=TOP).stdout
    assert "scripts/run" in out and "125" in out and "exits 2" in out, out


# ---- end to end: real kernels, built by scripts/run ---------------------------------------------
CHECK_O = os.path.abspath(os.path.join(TOP, os.environ.get("CHECK_O") or "build/check"))
ABI = {"x86_64": "x86_64", "arm64": "arm64"}


def kernel_o(arch):
    return os.path.join(CHECK_O, f"{arch}-gcc")


def run_script(*args, timeout=600, gdb=False):
    cmd = [PYTHON, RUN] + (["--gdb"] if gdb else []) + list(args) + [f"PROBE_O={CHECK_O}/probes"]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=TOP,
                          stdin=subprocess.DEVNULL, timeout=timeout)


@pytest.mark.parametrize("arch", ["x86_64", "arm64"])
def test_bare_run_runs_the_tour_probe(arch):
    r = run_script(f"ARCH={arch}", f"O={kernel_o(arch)}")
    probe = os.path.relpath(os.path.join(CHECK_O, "probes", ABI[arch], "tour"), TOP)
    assert f"run: no INIT= given: running the tour probe ({probe})" in r.stderr, r.stderr
    assert "tour: hello" in r.stdout, r.stdout[-2000:]
    assert r.returncode == 0, (r.returncode, r.stderr[-2000:])
    assert lines(r.stderr)[-1] == "run: kernel status 0 (success)", r.stderr


def test_run_exits_with_the_kernel_status():
    r = run_script("ARCH=x86_64", f"O={kernel_o('x86_64')}", "CMDLINE=crash=panic", "V=1")
    assert r.returncode == 250, (r.returncode, r.stderr[-2000:])
    assert lines(r.stderr)[-1] == "run: kernel status 250 (kernel panic)", r.stderr
    assert "qemu-system-x86_64 " in r.stderr and "-append crash=panic" in r.stderr	# V=1


def test_make_run_last_line_is_the_status():
    # make turns any failing recipe into 2; the runner's last line still names the status.
    r = subprocess.run(["make", "run", "ARCH=arm64", f"O={kernel_o('arm64')}",
                        "CMDLINE=crash=panic", f"PROBE_O={CHECK_O}/probes"], capture_output=True,
                       text=True, cwd=TOP, stdin=subprocess.DEVNULL, timeout=600)
    assert r.returncode == 2, r.returncode
    run_lines = [l for l in lines(r.stderr) if not l.startswith("make")]
    assert run_lines[-1] == "run: kernel status 250 (kernel panic)", r.stderr
    assert "Error 250" in lines(r.stderr)[-1]


@pytest.mark.parametrize("arch,mem,least", [("x86_64", "1M", "3M"), ("arm64", "4M", "5M")])
def test_run_names_the_memory_minimum_truthfully(arch, mem, least):
    r = run_script(f"ARCH={arch}", f"O={kernel_o(arch)}", f"QEMU_MEM={mem}")
    one_line_failure(r, f"QEMU_MEM={mem}", f"at least {least}", after_build=True)
    assert r.returncode == STATUS_RUNNER
    # With the minimum the kernel is loaded and speaks for itself: it runs (arm64), or says
    # in one panic line that it has no RAM left above itself (x86_64).
    r = run_script(f"ARCH={arch}", f"O={kernel_o(arch)}", f"QEMU_MEM={least}", "TIMEOUT=20")
    if arch == "x86_64":
        assert r.returncode == 250 and "no usable RAM above the kernel" in r.stdout, r.stdout
    else:
        assert r.returncode == 0, (r.stdout[-2000:], r.stderr)


def test_run_refuses_bad_init_in_one_line():
    r = run_script("ARCH=x86_64", f"O={kernel_o('x86_64')}", "INIT=/tmp")
    one_line_failure(r, "INIT=/tmp", "directory")
    assert r.returncode == STATUS_RUNNER


@pytest.mark.parametrize("arch,symbol", [("x86_64", "do_syscall_64"), ("arm64", "do_el0_svc")])
def test_qemu_gdb_reaches_a_syscall(arch, symbol):
    if not shutil.which("gdb-multiarch"):
        pytest.skip("gdb-multiarch is not installed")
    o = kernel_o(arch)
    port = free_port()
    qemu = subprocess.Popen([PYTHON, RUN, "--gdb", f"ARCH={arch}", f"O={o}", f"GDB_PORT={port}",
                             f"PROBE_O={CHECK_O}/probes"], cwd=TOP, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 600	# scripts/run may have to build first
        while not listening(port) and qemu.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert listening(port), "QEMU never listened for gdb"
        g = subprocess.run(["sh", ATTACH, f"ARCH={arch}", f"O={o}", f"GDB_PORT={port}", "-batch",
                            "-ex", f"break {symbol}", "-ex", "continue", "-ex", "bt 1"],
                           capture_output=True, text=True, cwd=TOP, stdin=subprocess.DEVNULL,
                           timeout=120)
        assert f"Breakpoint 2, {symbol}" in g.stdout, g.stdout + g.stderr
        out, err = qemu.communicate(timeout=120)
        assert qemu.returncode == 0, err
    finally:
        if qemu.poll() is None:
            qemu.kill()
            qemu.wait()
