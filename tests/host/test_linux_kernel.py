"""The linux-kernel column: Debian's Linux booted with ftrace_init, its console read back as
records (scripts/trace/linux_kernel.py), on a console captured from the arm64 kernel running
build/probes/arm/libc_hello (Linux 6.1.0-57-cloud-arm64 under qemu-system-aarch64 -icount)."""
import pytest

from ferrytrace import comparison, fmt, known, linux_kernel, records, values

CONSOLE = "linux_kernel_arm_libc_hello.console.txt"


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def kernel_trace(fixture_path):
    recs = linux_kernel.parse_console(read(fixture_path(CONSOLE)), "arm", "libc_hello")
    head = {"type": "header", "source": "linux-kernel", "arch": "arm64", "abi": "arm",
            "probe": "libc_hello"}
    return records.loads("\n".join(records.dumps_record(r) for r in [head] + recs),
                         warn=lambda m: None, label="linux-kernel-arm")


def test_console_becomes_records(fixture_path, tables):
    recs = linux_kernel.parse_console(read(fixture_path(CONSOLE)), "arm", "libc_hello")
    sc = [r for r in recs if r["type"] == "syscall"]
    # ftrace_init's own calls in the child (close, read, close, execve) are dropped
    assert [r["name"] for r in sc[:4]] == ["brk", "brk", "set_tls", "set_tid_address"]
    assert {(r["abi"], r["route"], r["decoded"]) for r in sc} == {("arm", "svc32", None)}
    tls = sc[2]
    assert tls["nr"] == 0x0f0005 and tls["ret"] == 0 and len(tls["args"]) == 6
    by = {r["name"]: r for r in sc}
    assert (by["ugetrlimit"]["nr"], by["ugetrlimit"]["ret"]) == (191, 0)
    assert (by["set_robust_list"]["ret"], by["set_robust_list"]["errno"]) == (0, None)
    assert (by["rseq"]["nr"], by["rseq"]["ret"]) == (398, 0)
    assert by["ioctl"]["args"][:2] == ["0x1", "0x5401"]
    assert sc[-1]["name"] == "exit_group" and sc[-1]["ret"] is None
    assert recs[-1] == {"type": "exit", "pid": 77, "status": 7}
    assert fmt.syscall_line(by["write"], tables).endswith("= 74")


def test_no_trace_is_an_error(fixture_path):
    text = read(fixture_path(CONSOLE))
    with pytest.raises(linux_kernel.NoTrace, match="markers"):
        linux_kernel.parse_console(text.replace("ftrace_init: trace ends", ""), "arm")
    with pytest.raises(linux_kernel.NoTrace, match="how the probe ended"):
        linux_kernel.parse_console(text.replace("exited with 7", "went away"), "arm")
    with pytest.raises(linux_kernel.NoTrace, match="execve"):
        linux_kernel.parse_console(text.replace("NR 221 (", "NR 220 ("), "arm")


def test_a_killed_probe_and_an_unfinished_call():
    text = ("ftrace_init: probe pid 9 killed by signal 11\nftrace_init: trace begins\n"
            "  init-9  [000] .....  1.000000: sys_enter: NR 59 (1, 2, 3, 0, 0, 0)\n"
            "  init-9  [000] .....  1.000100: sys_exit: NR 59 = 0\n"
            "  init-9  [000] .....  1.000200: sys_enter: NR 39 (0, 0, 0, 0, 0, 0)\n"
            "  init-9  [000] .....  1.000300: sys_exit: NR 39 = 9\n"
            "  init-9  [000] .....  1.000400: sys_enter: NR 1 (1, 10, 8, 0, 0, 0)\n"
            "ftrace_init: trace ends\n")
    a, b, end = linux_kernel.parse_console(text, "x86_64", "p")
    assert (a["name"], a["ret"], a["ts"], a["dur_us"]) == ("getpid", 9, 1000200, 100)
    assert (b["name"], b["ret"], b["args"][1]) == ("write", None, "0x10")
    assert end == {"type": "exit", "pid": 9, "status": None, "signal": "SIGSEGV"}


def test_ferry_arm_against_linux_arm64_compat(fixture_path, norm):
    ferry = records.load(fixture_path("ferry_arm_libc_hello.jsonl"), warn=lambda m: None,
                         label="ferry-arm")
    kernel = kernel_trace(fixture_path)
    cmp = comparison.Comparison([ferry, kernel], norm, known_entries=known.load())
    (v,) = cmp.verdicts()
    assert v["unexpected"] == 0 and v["line"].startswith("libc_hello: arm matching ("), v["line"]
    ids = {k for p in cmp.sides[0]["pairs"] for k in p["known"] or ()}
    assert {"stat-gap-isatty", "ferry-gap-stat", "ferry-gap-rlimit", "pids"} <= ids
    # set_tls is in both traces here: the private call is compared, not excused
    assert "qemu-arm-private-calls" not in ids
    without = [e for e in known.load() if e["id"] != "stat-gap-isatty"]
    cmp = comparison.Comparison([ferry, kernel], norm, known_entries=without)
    assert cmp.verdicts()[0]["unexpected"] == 1		# Linux's TCGETS needs its entry


def test_raw_registers_are_read_at_the_abi_width():
    raw, minus1 = {"kind": None, "value": "0xffffffff"}, {"kind": "int", "value": "-1"}
    assert values.arg_compatible(raw, minus1, 32)
    assert not values.arg_compatible(raw, minus1, 64)
    assert not values.arg_compatible(raw, {"kind": "int", "value": "1"}, 32)
    ferry = {"abi": "arm", "decoded": [{"name": "fd", "kind": "int", "value": "-1"}]}
    linux = {"abi": "arm", "decoded": None, "args": ["0xffffffff"]}
    assert values.args_differences(ferry, linux) == []
    assert values.args_differences(dict(ferry, abi="x86_64"), dict(linux, abi="x86_64")) == ["fd"]


def test_boot_command_puts_rdinit_among_the_kernel_parameters():
    cmd = linux_kernel.boot_command("arm64", "Image", "initrd.cpio")
    append = cmd[cmd.index("-append") + 1]
    assert "rdinit=/ftrace_init" in append.split(" --")[0]
    assert cmd[0] == "qemu-system-aarch64" and "-icount" in cmd
