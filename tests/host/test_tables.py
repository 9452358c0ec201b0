"""The .tbl and errno.h parsers, on small texts and on the repo's real tables."""
import pytest

from ferrytrace import tables as tbl


def test_parse_tbl_rows_comments_and_missing_entry():
    rows = tbl.parse_tbl("# c\n0\tcommon\tio_setup\t\tsys_io_setup\n\n5 64 foo # trailing\n")
    assert rows == [tbl.Row(0, "common", "io_setup", "sys_io_setup"), tbl.Row(5, "64", "foo", None)]


def test_parse_tbl_rejects_duplicates_and_bad_numbers():
    with pytest.raises(tbl.TableError, match="number 1 also on line 1"):
        tbl.parse_tbl("1 64 a sys_a\n1 64 b sys_b\n")
    with pytest.raises(tbl.TableError, match="bad number"):
        tbl.parse_tbl("x 64 a sys_a\n")


def test_parse_errno_resolves_aliases():
    e = tbl.parse_errno("#define EAGAIN 11\n#define EWOULDBLOCK EAGAIN\n# define ENOENT  2\n")
    assert e == {"EAGAIN": 11, "EWOULDBLOCK": 11, "ENOENT": 2}


def test_real_tables(tables):
    assert tables.name("x86_64", 1) == "write"
    assert tables.name("i386", 4) == "write"
    assert tables.name("arm64", 64) == "write"
    assert tables.nr("x86_64", "getpid") == 39
    assert tables.nr("i386", "getpid") == 20
    assert tables.nr("arm64", "getpid") == 172
    assert tables.nr("arm64", "open") is None            # asm-generic has no open
    assert tables.entry("i386", "_newselect") == "sys_select"
    assert tables.name("x86_64", 0x1234) is None


def test_real_errno(tables):
    assert tables.errno_name(2) == "ENOENT"
    assert tables.errno_name(11) == "EAGAIN"              # not the alias EWOULDBLOCK
    assert tables.errno_number("ENOSYS") == 38
    assert tables.errno_number("EWOULDBLOCK") == 11
    assert tbl.Tables.strerror(2) == "No such file or directory"


def test_arm_table_and_private_calls(tables):
    # arch/arm64/tools/syscall_32.tbl: the arm EABI's numbers and names
    assert tables.name("arm", 4) == "write"
    assert tables.nr("arm", "getpid") == 20
    assert tables.nr("arm", "_llseek") == 140 and tables.nr("arm", "mmap2") == 192
    assert tables.nr("arm", "clock_gettime64") == 403
    assert tables.entry("arm", "_newselect") == "sys_select"
    assert tables.name("arm", 13) is None                 # time: OABI only
    # ARM's private calls, from asm/unistd.h's __ARM_NR_compat_* (no entry point)
    assert tables.name("arm", 0x0f0005) == "set_tls" and tables.entry("arm", "set_tls") is None
    assert tables.name("arm", 0x0f0002) == "cacheflush"
    assert tables.name("arm", 0x0f0800) is None
    assert tables.name("arm64", 0x0f0005) is None        # arm's alone
    assert tbl.ABI_BITS["arm"] == 32 and tbl.DEFAULT_ROUTE["arm"] == "svc32"


def test_parse_arm_private():
    text = ("#define __ARM_NR_COMPAT_BASE\t\t0x0f0000\n"
            "#define __ARM_NR_compat_cacheflush\t(__ARM_NR_COMPAT_BASE + 2)\n"
            "#define __ARM_NR_compat_set_tls\t\t(__ARM_NR_COMPAT_BASE + 5)\n"
            "#define __ARM_NR_COMPAT_END\t\t(__ARM_NR_COMPAT_BASE + 0x800)\n")
    assert tbl.parse_arm_private(text) == [tbl.Row(0x0f0002, "arm", "cacheflush", None),
                                           tbl.Row(0x0f0005, "arm", "set_tls", None)]
    with pytest.raises(tbl.TableError):
        tbl.parse_arm_private("#define __ARM_NR_compat_set_tls (__ARM_NR_COMPAT_BASE + 5)\n")
