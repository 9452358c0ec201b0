"""The normaliser: mapping derived from the tables, plus the checked legacy table."""
import pytest

from ferrytrace import normalize, tables as tbl


def fam(norm, abi, name):
    return norm.family_of(norm.canonical(abi, name))


def test_same_entry_point_is_same_call(norm):
    assert norm.canonical("i386", "_newselect") == norm.canonical("x86_64", "select") == "select"
    assert norm.canonical("i386", "uname") == norm.canonical("arm64", "uname") == "uname"
    assert norm.canonical("i386", "getuid32") == "getuid"
    assert norm.canonical("i386", "clock_gettime64") == "clock_gettime"


def test_name_clash_uses_entry_point(norm):
    # i386 mmap is sys_old_mmap and i386 select sys_old_select: not the generic calls
    assert norm.canonical("i386", "mmap") == "old_mmap"
    assert norm.canonical("i386", "select") == "old_select"
    assert norm.canonical("i386", "getuid") == "getuid16"


def test_legacy_families(norm):
    assert fam(norm, "x86_64", "open") == "openat"
    assert fam(norm, "x86_64", "stat") == fam(norm, "i386", "stat64") == "newfstatat"
    assert fam(norm, "i386", "fstat64") == "fstat"
    assert fam(norm, "x86_64", "fork") == fam(norm, "i386", "vfork") == "clone"
    assert fam(norm, "i386", "_newselect") == "pselect6"
    assert fam(norm, "i386", "mmap2") == fam(norm, "i386", "mmap") == "mmap"
    assert fam(norm, "i386", "_llseek") == "lseek"
    assert fam(norm, "i386", "getuid") == "getuid"          # sys_getuid16 by the suffix rule
    assert fam(norm, "i386", "lchown") == "fchownat"        # lchown16 -> lchown -> fchownat
    assert fam(norm, "arm64", "exit_group") == "exit_group"
    assert fam(norm, "x86_64", "exit") == "exit"


def test_unknown_numbers_and_names(norm):
    assert norm.canonical("x86_64", None, 0x1234) == "syscall_0x1234"
    # Linux reads the low 32 bits: -64 and 0xffffffffffffffc0 are one number
    assert norm.canonical("x86_64", None, -64) == norm.canonical("x86_64", None, 0xffffffffffffffc0)
    assert norm.canonical("x86_64", "not_in_tables") == "not_in_tables"


def test_legacy_table_is_checked(tables, monkeypatch):
    monkeypatch.setattr(normalize, "LEGACY", normalize.LEGACY + [(("x86_64",), "open", "open2", "x")])
    with pytest.raises(tbl.TableError, match="open2 is not in the arm64 table"):
        normalize.Normalizer(tables)
    monkeypatch.setattr(normalize, "LEGACY", [(("arm64",), "nosuchcall", "openat", "x")])
    with pytest.raises(tbl.TableError, match="no arm64 call normalises to nosuchcall"):
        normalize.Normalizer(tables)


def test_mapping_derived_from_tables_not_a_list():
    # a made-up table set: the mapping follows the entry points given
    rows = {"x86_64": tbl.parse_tbl("0 64 frob sys_frob\n1 64 open sys_open\n"),
            "i386": tbl.parse_tbl("0 i386 _oldfrob sys_frob\n1 i386 open sys_open\n"),
            "arm64": tbl.parse_tbl("0 common frob2 sys_frob\n56 common openat sys_openat\n")}
    t = tbl.Tables(rows, {"ENOENT": 2})
    n = normalize.Normalizer.__new__(normalize.Normalizer)
    n.tables, n.canon, n.entry_of, n.family = t, {a: {} for a in tbl.ABIS}, {}, {}
    n._derive_canonical()
    assert n.canonical("x86_64", "frob") == n.canonical("i386", "_oldfrob") == "frob2"


def test_mapping_rows(norm):
    rows = {(r["abi"], r["name"]): r for r in norm.mapping_rows()}
    assert rows[("i386", "_newselect")]["canonical"] == "select"
    assert rows[("i386", "_newselect")]["rule"].startswith("entry")
    assert rows[("x86_64", "open")]["family"] == "openat"
    assert ("arm64", "openat") not in rows                   # identity rows are left out
    used = norm.mapping_rows({("x86_64", "open"), ("arm64", "write")})
    assert [(r["abi"], r["name"]) for r in used] == [("x86_64", "open")]


def test_arm_names_are_the_i386_calls_of_the_same_entry_points(norm):
    assert norm.canonical("arm", "getuid32") == norm.canonical("i386", "getuid32") == "getuid"
    assert norm.canonical("arm", "clock_gettime64") == "clock_gettime"
    assert norm.canonical("arm", "_newselect") == "select"
    assert norm.canonical("arm", "getuid") == "getuid16"          # 16-bit, as on i386
    assert norm.canonical("arm", "clock_gettime") == "clock_gettime32"
    assert norm.canonical("arm", "semctl") == "old_semctl"        # sys_old_semctl, not semctl
    assert norm.canonical("arm", "set_tls") == "set_tls"          # a private call keeps its name


def test_arm_families(norm):
    assert fam(norm, "arm", "_llseek") == "lseek"
    assert fam(norm, "arm", "mmap2") == "mmap"
    assert fam(norm, "arm", "fstat64") == "fstat"
    assert fam(norm, "arm", "stat64") == fam(norm, "arm", "fstatat64") == "newfstatat"
    assert fam(norm, "arm", "statfs64") == "statfs" and fam(norm, "arm", "fcntl64") == "fcntl"
    assert fam(norm, "arm", "ugetrlimit") == fam(norm, "i386", "ugetrlimit") == "getrlimit"
    assert fam(norm, "arm", "_newselect") == "pselect6"
    assert fam(norm, "arm", "arm_fadvise64_64") == fam(norm, "i386", "fadvise64_64") == "fadvise64"
    assert fam(norm, "arm", "arm_sync_file_range") == "sync_file_range"
    assert fam(norm, "arm", "semctl") == "semctl"
    assert fam(norm, "arm", "open") == fam(norm, "arm", "creat") == "openat"
    assert fam(norm, "arm", "getuid") == "getuid" and fam(norm, "arm", "chown32") == "fchownat"
    # the 64-bit time calls of both 32-bit ABIs: <stem>_time64 and <stem>64
    for abi in ("arm", "i386"):
        assert fam(norm, abi, "clock_settime64") == "clock_settime"
        assert fam(norm, abi, "clock_getres_time64") == "clock_getres"
        assert fam(norm, abi, "futex_time64") == "futex"
        assert fam(norm, abi, "timerfd_settime64") == "timerfd_settime"
        assert fam(norm, abi, "clock_gettime") == "clock_gettime"   # the 32-bit time one
    assert fam(norm, "arm", "set_tls") == "set_tls"


def test_arm_legacy_entries_are_checked(tables, monkeypatch):
    # arm has no old_mmap (EABI has only mmap2): an entry claiming it is refused
    monkeypatch.setattr(normalize, "LEGACY", [(("arm",), "old_mmap", "mmap", "x")])
    with pytest.raises(tbl.TableError, match="no arm call normalises to old_mmap"):
        normalize.Normalizer(tables)


def test_arm_mapping_rows(norm):
    rows = {(r["abi"], r["name"]): r for r in norm.mapping_rows()}
    assert rows[("arm", "_llseek")]["family"] == "lseek"
    assert rows[("arm", "getuid32")]["canonical"] == "getuid"
    assert ("arm", "set_tls") not in rows                  # identity: no row
