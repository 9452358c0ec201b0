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
