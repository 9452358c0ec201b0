"""Binary traces a Ferry kernel really wrote (fixtures/ftr/README): read by binary.py into
what the boot checks and strace expect. Expected texts are strace's forms of those calls."""
import json
import os
import sys

from ferrytrace import binary, fmt

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "ftr")
META = os.path.join(HERE, "x86_64_meta.json")
META_ARM64 = os.path.join(HERE, "arm64_meta.json")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                "boot"))


def read(name, meta=META):
    warns = []
    recs = binary.read(os.path.join(HERE, name), meta, warn=warns.append)
    assert warns == []
    return recs


def lines(recs):
    return [fmt.record_line(r) for r in recs if r["type"] in ("syscall", "exit")]


def test_tour_passes_the_boot_check():
    import cases
    recs = read("x86_64_tour.ftr")
    assert cases.check_tour("x86_64")(json.loads(json.dumps(recs))) is None
    assert recs[0]["note"].startswith("Ferry ") and recs[0]["arch"] == "x86_64"
    assert {r["comm"] for r in recs if r["type"] == "syscall"} == {"init"}
    text = lines(recs)
    assert 'uname({sysname="Linux", nodename="ferry", ...}) = 0' in text
    assert "mmap(NULL, 12288, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = " \
        "0x7fffff6fc000" in text
    assert 'read(3, "\\177ELF", 4) = 4' in text
    assert "write(1, 0x10, 8) = -1 EFAULT (Bad address)" in text


def test_i386_compat_calls_print_as_strace():
    text = lines(read("i386_files_abi.ftr"))
    for want in [
            "umask(022) = 022",
            'stat64("/tmp/files_abi.1/f", {st_mode=S_IFREG|0640, st_size=5000, ...}) = 0',
            "fstat64(3, {st_mode=S_IFREG|0640, st_size=5000, ...}) = 0",
            "_llseek(3, 4294967312, [4294967312], SEEK_SET) = 0",
            "_llseek(3, -4, [4996], SEEK_END) = 0",
            "getdents64(3, 0x8051140 /* 6 entries */, 4096) = 168",
            "getdents(3, 0x8051140 /* 6 entries */, 4096) = 120",
            "fcntl64(3, F_DUPFD_CLOEXEC, 20) = 20",
            'openat(AT_FDCWD, "/tmp/files_abi.1/f", O_RDWR|O_LARGEFILE) = 4',
            "+++ exited with 0 +++"]:
        assert want in text, want
    assert any(x.startswith("clock_gettime64(CLOCK_REALTIME, {tv_sec=") for x in text)


def test_arm64_tour_passes_the_boot_check():
    import cases
    recs = read("arm64_tour.ftr", META_ARM64)
    assert cases.check_tour("arm64")(json.loads(json.dumps(recs))) is None
    assert 'openat(AT_FDCWD, "/init", O_RDONLY) = 3' in lines(recs)


def test_32_bit_split_offsets_print_as_one():
    """i386's poslo/poshi and arm's __pad, pos_lo/pos_hi: strace prints one 64-bit offset."""
    for name, meta in (("arm_files_abi.ftr", META_ARM64), ("i386_files_abi.ftr", META)):
        text = lines(read(name, meta))
        assert 'pread64(3, "", 64, 4294967312) = 0' in text, name
        assert 'pwrite64(3, "XYZ", 3, 6000) = 3' in text, name
    text = lines(read("arm_files_abi.ftr", META_ARM64))
    assert 'openat(AT_FDCWD, "/tmp/files_abi.1/big", O_RDWR|O_LARGEFILE) = 4' in text
    assert "ftruncate64(4, 3000) = 0" in text
