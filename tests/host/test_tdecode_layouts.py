"""Decoders of the ABIs the host cannot run under strace (i386 without IA32 emulation here,
arm64 and arm): structures packed in each ABI's layout (Linux's UAPI) must print as the
x86_64 fixture's strace text prints the same values."""
import struct

import pytest

from ferrytrace.decode import flags as fl, signals, structs

REG = 0o100644


def stat64_i386(mode, size):
    b = bytearray(96)
    struct.pack_into("<I", b, 16, mode)
    struct.pack_into("<q", b, 44, size)
    return bytes(b)


def stat64_arm(mode, size):
    b = bytearray(104)
    struct.pack_into("<I", b, 16, mode)
    struct.pack_into("<q", b, 48, size)
    return bytes(b)


def stat_arm64(mode, size, rdev=0):
    b = bytearray(128)
    struct.pack_into("<I", b, 16, mode)
    struct.pack_into("<Q", b, 32, rdev)
    struct.pack_into("<q", b, 48, size)
    return bytes(b)


STAT_TEXT = "{st_mode=S_IFREG|0644, st_size=1294, ...}"


@pytest.mark.parametrize("dec,data,abi", [
    (structs.stat64, stat64_i386(REG, 1294), "i386"),
    (structs.stat64, stat64_arm(REG, 1294), "arm"),
    (structs.stat_native, stat_arm64(REG, 1294), "arm64"),
    (structs.compat_stat, struct.pack("<IIHHHHIIIII", 1, 2, REG, 1, 0, 0, 0, 1294, 4096, 8, 0),
     "i386"),
])
def test_stat_layouts(dec, data, abi):
    assert dec(data, abi) == STAT_TEXT


def test_arm64_char_device():
    assert structs.stat_native(stat_arm64(0o20666, 0, (1 << 8) | 3), "arm64") == \
        "{st_mode=S_IFCHR|0666, st_rdev=makedev(0x1, 0x3), ...}"


def test_compat_sigaction_and_native():
    text = ("{sa_handler=0x401615, sa_mask=[INT], sa_flags=SA_RESTORER|SA_RESTART, "
            "sa_restorer=0x1234}")
    flags = 0x04000000 | 0x10000000
    assert structs.sigaction(struct.pack("<IIIQ", 0x401615, flags, 0x1234, 2), "i386") == text
    assert structs.sigaction(struct.pack("<QQQQ", 0x401615, flags, 0x1234, 2), "arm64") == text
    assert structs.sigaction(struct.pack("<IIIQ", 0, 0, 0, 0), "arm") == \
        "{sa_handler=SIG_DFL, sa_mask=[], sa_flags=0}"


def test_32_bit_time_and_limits():
    assert structs.timespec32(struct.pack("<ii", 64829, 608503528), "i386") == \
        "{tv_sec=64829, tv_nsec=608503528}"
    assert structs.compat_rlimit(struct.pack("<II", 8192 * 1024, 0xffffffff), "i386") == \
        "{rlim_cur=8192*1024, rlim_max=RLIM_INFINITY}"
    assert structs.rlimit_native(struct.pack("<QQ", 20000, 20000), "arm64") == \
        "{rlim_cur=20000, rlim_max=20000}"


def test_compat_sysinfo():
    data = struct.pack("<i3I4I2IH2xII I", 5, 1, 2, 3, 100, 50, 0, 7, 0, 0, 9, 0, 0, 1)
    assert structs.sysinfo(data, "arm") == (
        "{uptime=5, loads=[1, 2, 3], totalram=100, freeram=50, sharedram=0, bufferram=7, "
        "totalswap=0, freeswap=0, procs=9, totalhigh=0, freehigh=0, mem_unit=1}")


def test_open_flags_per_arch():
    # O_DIRECTORY is 0200000 on x86, 040000 on arm and arm64
    assert fl.open_flags(0o2200000, "i386") == "O_RDONLY|O_CLOEXEC|O_DIRECTORY"
    assert fl.open_flags(0o2040000, "arm64") == "O_RDONLY|O_CLOEXEC|O_DIRECTORY"
    assert fl.open_flags(0o2040000, "x86_64") == "O_RDONLY|O_DIRECT|O_CLOEXEC"
    assert fl.open_flags(0o100101, "i386") == "O_WRONLY|O_CREAT|O_LARGEFILE"


def test_wait_status_sigsets_clone_flags():
    assert structs.wait_status(struct.pack("<i", 3 << 8), "arm") == \
        "[{WIFEXITED(s) && WEXITSTATUS(s) == 3}]"
    assert structs.wait_status(struct.pack("<i", 9), "arm64") == \
        "[{WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL}]"
    assert signals.sigset((1 << 64) - 1 & ~(1 << 8)) == "~[KILL]"
    assert signals.sigset(1 << 30 | 1 << 31 | 1 << 32) == "[SYS RTMIN RT_1]"
    assert fl.clone_flags(0x01200011) == "CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD"


def test_32_bit_iovec_and_short_data():
    assert structs.iovec(struct.pack("<IIII", 0x1000, 2, 0, 3), "arm") == \
        "[{iov_base=0x1000, iov_len=2}, {iov_base=NULL, iov_len=3}]"
    assert structs.stat64(b"\0" * 20, "i386") is None     # too short: the caller shows the pointer


def test_clone_in_strace_s_shape():
    from ferrytrace.decode import Call, decode_call
    from ferrytrace.meta import Entry
    args = (("unsigned long", "clone_flags"), ("unsigned long", "newsp"),
            ("int *", "parent_tidptr"), ("int *", "child_tidptr"), ("unsigned long", "tls"))
    call = Call("x86_64", "clone", 56, [0x01200011, 0, 0, 0x7f2307afaa10, 0], 7159,
                Entry("clone", "native", "sys_clone", args), ())
    assert [d["value"] for d in decode_call(call)] == [
        "child_stack=NULL", "flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD",
        "child_tidptr=0x7f2307afaa10"]       # strace -f of a fork() on the host
