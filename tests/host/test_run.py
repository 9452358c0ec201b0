"""Running the kernel: scripts/run, make run / qemu-gdb, scripts/qemu-run.py, scripts/gdb/attach.sh.

What a user relies on: the exit status is the kernel's (or a documented runner status), a bare
run does something useful, and every mistake (bad argument, unusable file, QEMU refusing to
start, too little memory, no QEMU to attach to) ends in one line and a non-zero status, fast.

Most tests put a fake QEMU first on PATH (it prints what it is told and exits with a given
code) and hand the runner a synthetic kernel, so they need no build. The end-to-end tests at
the bottom build the real kernels with scripts/run itself, into the objtree 'make check'
uses ($CHECK_O/<arch>-gcc, build/check by default), so check's build stage reuses them.
"""
import importlib.machinery
import importlib.util
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


def load_qemu_run():
    """scripts/qemu-run.py as a module, for its functions (judge, parse_size) on their own."""
    spec = importlib.util.spec_from_file_location("qemu_run", QEMU_RUN)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


qr = load_qemu_run()


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


# x86 keeps only 7 bits of a status: without the kernel's line they are not its status.
PANIC = "Kernel panic - not syncing: something\r\n"


@pytest.mark.parametrize("console", [
    PANIC,						# a panic while panicking: no line
    "Power down (status 0)\r\n" + PANIC,		# init's words first, then no line
])
def test_x86_low_bits_without_the_line_are_not_a_status(console):
    status, why = qr.judge("x86_64", (250 << 1 | 1) & 0xff, console.encode())
    assert status == 253, (status, why)
    assert "122" in why and "low 7 bits" in why, why


def test_x86_low_bits_without_the_line_end_to_end(objtree, fake_qemu):
    env, _ = fake_qemu(out=PANIC, rc=(250 << 1 | 1) & 0xff)
    r = qemu_run("--arch", "x86_64", "--objtree", objtree("x86_64"), "--status-line", env=env)
    assert r.returncode == 253, (r.returncode, r.stderr)
    line = one_line_failure(r, "without a status from the kernel", "122", "low 7 bits")
    assert "kernel status" not in line


# The kernel's line (kernel/panic.c: kernel_power_off) goes straight to the console: no printk
# level or timestamp before it, "\n" sent as "\r\n", nothing after it but arm64's PSCI line.
@pytest.mark.parametrize("arch,rc,console,status", [
    # What init prints inside a line is not the kernel's line.
    ("x86_64", 1, "init: Power down (status 0)\r\nbye\r\n", STATUS_RUNNER),
    ("arm64", 0, "init: Power down (status 0)\r\nbye\r\n", 253),
    ("arm64", 0, "Power down (status 0) is what I print\r\n", 253),
    ("arm64", 250, "init: Power down (status 0)\r\nKernel panic - not syncing: x\r\n", 250),
    # Several lines: the last is the kernel's.
    ("x86_64", (3 << 1 | 1), "Power down (status 0)\r\nPower down (status 3)\r\n", 3),
    ("arm64", 3, "Power down (status 0)\r\nPower down (status 3)\r\n", 3),
    ("x86_64", 1, "Power down (status 0)\r\n", 0),
    ("arm64", 0, "Power down (status 7)\r\nPower off with status 7 (PSCI SYSTEM_OFF: the "
                 "exit code will be 0)\r\n", 7),
    # init's last output without a newline (under 'quiet' nothing comes between): the
    # kernel's line still ends the console. (The kernel always prints after init's output,
    # so init's words cannot end it unless the kernel stopped silently: x86 then exits 0.)
    ("x86_64", 1, "donePower down (status 0)\r\n", 0),
    ("arm64", 0, "donePower down (status 0)\r\n", 0),
    ("arm64", 0, "donePower down (status 5)\r\nPower off with status 5 (PSCI SYSTEM_OFF: "
                 "the exit code will be 0)\r\n", 5),
])
def test_power_down_line_is_the_kernels(arch, rc, console, status):
    assert qr.judge(arch, rc, console.encode())[0] == status


def test_power_down_line_cut_by_the_tail_window():
    # The runner keeps the console's last 4 KiB: its first bytes may be the end of a line.
    tail = b"Power down (status 0)\r\nbye\r\n"
    assert qr.judge("arm64", 0, tail)[0] == 0		# the whole console: a line start
    assert qr.judge("arm64", 0, tail, from_start=False)[0] == 253
    assert qr.judge("arm64", 0, b"Power down (status 0)\r\n", from_start=False)[0] == 0


def test_init_printing_the_line_is_not_the_kernel_end_to_end(objtree, fake_qemu):
    # arm64: init prints the words, then QEMU exits 0 with no line from the kernel.
    env, _ = fake_qemu(out="echo: Power down (status 0)\r\nbye\r\n", rc=0)
    r = qemu_run("--arch", "arm64", "--objtree", objtree("arm64"), env=env)
    assert r.returncode == 253, (r.returncode, r.stderr)


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


# ---- C2: --file puts more files in the initramfs beside /init -----------------------------------
def cpio_entries(path):
    """{name: (mode, data)} of a newc cpio."""
    out, data, pos = {}, open(path, "rb").read(), 0
    while True:
        hdr = data[pos:pos + 110]
        assert hdr[:6] == b"070701", hdr
        mode, size, namesize = (int(hdr[6 + 8 * i:14 + 8 * i], 16) for i in (1, 6, 11))
        name = data[pos + 110:pos + 110 + namesize - 1].decode()
        pos += 110 + namesize
        pos += -pos % 4
        if name == "TRAILER!!!":
            return out
        out[name] = (mode, data[pos:pos + size])
        pos += size
        pos += -pos % 4


def test_files_go_into_the_initramfs_with_their_modes(objtree, tmp_path):
    init = os.path.join(objtree("x86_64"), "vmlinux")	# any ELF will do as /init
    script, data = tmp_path / "script", tmp_path / "data"
    script.write_text("#!/init\n")
    script.chmod(0o755)
    data.write_text("not executable\n")
    data.chmod(0o644)
    a = qr.parse(["--arch", "x86_64", "--objtree", objtree("x86_64"), "--init", init,
                  "--file", f"/bin/s={script}", f"--file=/bin/sub/d={data}"])
    qr.check_args(a)
    work = tmp_path / "work"
    work.mkdir()
    cmd = qr.qemu_command(a, str(work))
    files = cpio_entries(cmd[cmd.index("-initrd") + 1])
    assert files["bin/s"] == (0o100755, b"#!/init\n")
    assert files["bin/sub/d"] == (0o100644, b"not executable\n")
    assert files["bin"][0] == files["bin/sub"][0] == 0o040755
    assert "init" in files


@pytest.mark.parametrize("args,words", [
    (["--file", "/bin/x"], ["/bin/x", "DEST=SOURCE"]),
    (["--file", "/bin/x=/nonexistent"], ["/nonexistent", "no such file"]),
    (["--file", "/init=README.md"], ["/init"]),
])
def test_bad_file_is_one_line(args, words, objtree, fake_qemu):
    env, log = fake_qemu(rc=1)
    r = qemu_run("--arch", "x86_64", "--objtree", objtree("x86_64"), "--init",
                 os.path.join(objtree("x86_64"), "vmlinux"), *args, env=env)
    one_line_failure(r, *words)
    assert not log.exists(), "QEMU was started"


def test_file_without_init_is_one_line(objtree, fake_qemu):
    env, log = fake_qemu(rc=1)
    r = qemu_run("--arch", "x86_64", "--objtree", objtree("x86_64"), "--file",
                 "/bin/x=README.md", env=env)
    one_line_failure(r, "--file", "--init")
    assert not log.exists(), "QEMU was started"


def test_make_run_passes_files():
    r = subprocess.run(["make", "-n", "run", "ARCH=x86_64", "FILES=/bin/a=x /bin/b=y"],
                       capture_output=True, text=True, cwd=TOP)
    assert r.returncode == 0, r.stderr
    assert "FILES='/bin/a=x /bin/b=y'" in r.stdout, r.stdout


def test_run_turns_files_into_file_options(tmp_path):
    spec = importlib.util.spec_from_loader("run_script", importlib.machinery.SourceFileLoader(
        "run_script", RUN))
    run = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run)
    _, v = run.parse(["ARCH=x86_64", "FILES=/bin/a=rel/x /bin/b=/abs/y"])
    run.check(v)
    argv = run.qemu_run_argv(v, False)
    assert f"--file=/bin/a={os.path.abspath('rel/x')}" in argv, argv
    assert "--file=/bin/b=/abs/y" in argv, argv


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


# QEMU's -m (7.2): [size=]N[suffix][,slots=..,maxmem=..]; a size ending in a digit gets "M"
# appended (so hex too: 0x100 is 256 MiB); suffixes B K M G T P E in either case; fractions
# need a suffix other than B; 0 or no size is the machine's default, 128 MiB. Checked against
# qemu-system-x86_64 and -aarch64 7.2 ('info memory_size_summary').
@pytest.mark.parametrize("text,size", [
    ("256", 256 << 20), ("256M", 256 << 20), ("256m", 256 << 20), ("1G", 1 << 30),
    ("1g", 1 << 30), ("256k", 256 << 10), ("262144K", 256 << 20), ("268435456B", 256 << 20),
    ("268435456b", 256 << 20), ("1.5G", 3 << 29), ("1.5M", 3 << 19), ("0.25G", 256 << 20),
    ("1T", 1 << 40), ("1P", 1 << 50), ("1e", 1 << 60), ("15E", 15 << 60),
    ("0x100", 256 << 20), ("0x10000000", 0x10000000 << 20), ("0x100M", 256 << 20),
    ("0x10000000B", 0x10000000B), ("0x1f", 0x1f), ("0x1P", 1 << 50),
    ("+256M", 256 << 20), (" 256M", 256 << 20),
    ("size=256M", 256 << 20), ("slots=1,size=300M,maxmem=1G", 300 << 20),
    ("256M,slots=1,maxmem=1G", 256 << 20), ("size=1G,size=512M", 512 << 20),
    ("0", 128 << 20), ("", 128 << 20),
])
def test_parse_size_takes_what_qemu_takes(text, size):
    assert qr.parse_size(text) == size


@pytest.mark.parametrize("text", ["1.5", "1.5B", "256MB", "256M ", "256 M", "-1", "16E",
                                  "0x1.8M", "size=", "lots", "256M,frob=1", "1.5e3M", ".5G"])
def test_parse_size_refuses_what_qemu_refuses(text):
    assert qr.parse_size(text) is None


def test_hex_memory_size_is_accepted(objtree, fake_qemu):
    env, log = fake_qemu(out="Power down (status 0)\r\n", rc=1)
    r = qemu_run("--arch", "x86_64", "--objtree", objtree("x86_64"), "--mem", "0x100", env=env)
    assert r.returncode == 0, r.stderr
    qargs = log.read_text().splitlines()
    assert qargs[qargs.index("-m") + 1] == "0x100"


# ---- G: attach.sh with no QEMU waiting --------------------------------------------------------
def test_attach_without_qemu_is_one_line(objtree):
    r = subprocess.run(["sh", ATTACH, "ARCH=x86_64", f"O={objtree('x86_64')}",
                        f"GDB_PORT={free_port()}"], capture_output=True, text=True,
                       stdin=subprocess.DEVNULL, timeout=60, cwd=TOP)
    one_line_failure(r, "no QEMU")


def test_attach_without_tcp6_finds_qemu(objtree, tmp_path):
    # A host without IPv6 has no /proc/net/tcp6: a listener in /proc/net/tcp still counts.
    script = tmp_path / "attach.sh"
    text = open(ATTACH).read()
    assert "/proc/net/tcp6" in text
    script.write_text(text.replace("/proc/net/tcp6", str(tmp_path / "no-such-tcp6")))
    bindir = tmp_path / "bin"
    bindir.mkdir()
    gdb = bindir / "gdb-multiarch"
    gdb.write_text("#!/bin/sh\necho fake gdb \"$@\"\n")
    gdb.chmod(0o755)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        r = subprocess.run(["sh", str(script), "ARCH=x86_64", f"O={objtree('x86_64')}",
                            f"GDB_PORT={port}"], capture_output=True, text=True, timeout=60,
                           stdin=subprocess.DEVNULL, cwd=TOP,
                           env=dict(os.environ, PATH=f"{bindir}:{os.environ['PATH']}"))
    assert r.returncode == 0, r.stderr
    assert f"target remote :{port}" in r.stdout, r.stdout


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


def tour_probe(arch):
    """The tour probe, built: an /init that ends the run by itself, for the tests of the runner
    that a bare run's interactive userland would keep waiting (or not fit in a tiny QEMU_MEM)."""
    tour = os.path.join(CHECK_O, "probes", ABI[arch], "tour")
    subprocess.run(["make", "-s", "-f", "userspace/Makefile", f"PROBE_O={CHECK_O}/probes",
                    f"ABIS={ABI[arch]}", tour], cwd=TOP, check=True, stdin=subprocess.DEVNULL)
    return tour


@pytest.mark.parametrize("arch", ["x86_64", "arm64"])
def test_bare_run_boots_the_userland(arch):
    # No INIT=: the busybox userland (docs/userland.md). Its shell would wait for a person, so
    # init= runs one command instead, as CMDLINE='init=/bin/sh -- -c "..."' does for a user.
    r = run_script(f"ARCH={arch}", f"O={kernel_o(arch)}",
                   'CMDLINE=init=/bin/sh -- -c "echo hi from $(uname -m); poweroff -f"',
                   "TIMEOUT=120")
    cpio = os.path.relpath(os.path.join(kernel_o(arch), f"userland-{ABI[arch]}.cpio"), TOP)
    assert f"run: no INIT= given: the {ABI[arch]} userland's shell ({cpio})" in r.stderr, r.stderr
    assert f"hi from {arch.replace('arm64', 'aarch64')}" in r.stdout, r.stdout[-2000:]
    assert r.returncode == 0, (r.returncode, r.stderr[-2000:])
    assert lines(r.stderr)[-1] == "run: kernel status 0 (success)", r.stderr


def test_userland_abi_must_fit_the_arch():
    r = run_script("ARCH=x86_64", f"O={kernel_o('x86_64')}", "USERLAND=arm", timeout=60)
    assert r.returncode == STATUS_RUNNER, r.stderr
    assert lines(r.stderr)[-1] == "run: USERLAND=arm: ARCH=x86_64 runs the x86_64 and i386 userlands"


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
    # With the minimum the kernel is loaded and speaks for itself: it runs, or says in one
    # panic line that it has no RAM left above itself (x86_64 always; arm64 once its image
    # and bss leave less than it needs below the device tree QEMU puts at the next 2 MiB,
    # which a growing kernel reached in issue 14) -- never silence, never a hang.
    r = run_script(f"ARCH={arch}", f"O={kernel_o(arch)}", f"QEMU_MEM={least}", "TIMEOUT=20",
                   f"INIT={tour_probe(arch)}")
    said_no_ram = r.returncode == 250 and "no usable RAM above the kernel" in r.stdout
    if arch == "x86_64":
        assert said_no_ram, r.stdout
    else:
        assert r.returncode == 0 or said_no_ram, (r.stdout[-2000:], r.stderr)


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
    # The tour probe as init: it ends the run by itself (the userland's shell would wait).
    qemu = subprocess.Popen([PYTHON, RUN, "--gdb", f"ARCH={arch}", f"O={o}", f"GDB_PORT={port}",
                             f"PROBE_O={CHECK_O}/probes", f"INIT={tour_probe(arch)}"], cwd=TOP,
                            stdin=subprocess.DEVNULL,
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
