"""scripts/syscalltbl.sh on small fixture tables: which function each row's number runs.

A row is <number> <abi> <name> [<entry point> [<compat entry point>]] (Linux's format). The
kernel's tables are all served by a 64-bit kernel, so a row runs its compat entry point where
it names one, its entry point otherwise, and sys_ni_syscall (-ENOSYS) when it names neither.
"""
import os
import re
import subprocess

import pytest

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPT = os.path.join(TOP, "scripts", "syscalltbl.sh")

TABLE = """\
# a comment line
0\ti386\trestart_syscall\tsys_restart_syscall
3\ti386\tread\t\t\tsys_read
5\ti386\topen\t\t\tsys_open\t\t\tcompat_sys_open
17\ti386\tbreak
78\ti386\tgettimeofday\t\tsys_gettimeofday\t\tcompat_sys_gettimeofday   # trailing comment
113\ti386\tvm86old\t\t\tsys_vm86old\t\t\tsys_ni_syscall
149\ti386\t_sysctl\t\t\tsys_ni_syscall
"""


def run(mode, text, tmp_path, extra=()):
    tbl = tmp_path / "t.tbl"
    tbl.write_text(text)
    out = tmp_path / "out.h"
    r = subprocess.run([SCRIPT, mode, str(tbl), str(out), *extra], capture_output=True,
                       text=True, cwd=TOP)
    return r, (out.read_text() if out.exists() else None)


def body(text):
    return [line for line in text.splitlines() if not line.startswith("/*")]


def test_table_uses_the_compat_column_and_falls_back_to_the_entry_point(tmp_path):
    r, out = run("table", TABLE, tmp_path)
    assert r.returncode == 0, r.stderr
    assert body(out) == [
        "__SYSCALL(0, sys_restart_syscall)",
        "__SYSCALL(3, sys_read)",                       # no compat column: the entry point
        "__SYSCALL(5, compat_sys_open)",                # the compat column wins
        "__SYSCALL(17, sys_ni_syscall)",                # no entry point: -ENOSYS
        "__SYSCALL(78, compat_sys_gettimeofday)",       # a trailing comment is not a column
        "__SYSCALL(113, sys_ni_syscall)",               # compat column says -ENOSYS
        "__SYSCALL(149, sys_ni_syscall)",
    ]


def test_entries_are_the_functions_the_table_runs(tmp_path):
    r, out = run("entries", TABLE, tmp_path)
    assert r.returncode == 0, r.stderr
    assert body(out) == ["__SYSCALL_ENTRY(compat_sys_gettimeofday)",
                         "__SYSCALL_ENTRY(compat_sys_open)",
                         "__SYSCALL_ENTRY(sys_read)",
                         "__SYSCALL_ENTRY(sys_restart_syscall)"]
    # The native entry point of a row with a compat one is not the table's: no weak alias.
    assert "__SYSCALL_ENTRY(sys_open)" not in out and "sys_ni_syscall" not in out


def test_abi_metadata_follows_the_compat_column(tmp_path):
    r, out = run("abi", TABLE, tmp_path, ["i386"])
    assert r.returncode == 0, r.stderr
    assert "\t[5] = &__syscall_meta_compat_sys_open," in out
    assert "\t[3] = &__syscall_meta_sys_read," in out
    assert "extern const struct syscall_metadata __syscall_meta_compat_sys_gettimeofday" in out
    assert "__syscall_meta_sys_open " not in out and "[17] = &" not in out
    assert '\t[17] = "break",' in out                  # the name is still known


def test_names_and_unistd_ignore_the_entry_columns(tmp_path):
    r, out = run("unistd", TABLE, tmp_path, ["_T_H"])
    assert r.returncode == 0, r.stderr
    assert "#define __NR_open 5" in out and "#define __NR_break 17" in out
    assert "#define __NR_syscalls 150" in out


@pytest.mark.parametrize("dup, what", [
    ("5\ti386\topen2\tsys_open2\n", "lists number 5 twice (also line 4)"),
    ("6\ti386\topen\tsys_close\n", "lists name open twice (also line 4)"),
])
def test_a_number_or_name_listed_twice_is_refused(tmp_path, dup, what):
    r, out = run("table", TABLE + dup, tmp_path)
    assert r.returncode != 0
    assert r.stderr.strip() == f"syscalltbl.sh: {tmp_path / 't.tbl'}:9: {what}"
    assert out is None                                 # nothing half-written


@pytest.mark.parametrize("row", [
    "7\ti386",                                                  # too few columns
    "7\ti386\twaitpid\tsys_waitpid\tcompat_sys_waitpid\textra",  # too many
    "0x7\ti386\twaitpid\tsys_waitpid",                          # not a decimal number
    "7\ti386\twaitpid\tsys-waitpid",                            # not a C identifier
    "7\ti386\twaitpid\tsys_waitpid\tcompat-sys_waitpid",         # compat not an identifier
])
def test_a_malformed_row_is_refused_with_one_message(tmp_path, row):
    r, out = run("table", TABLE + row + "\n", tmp_path)
    assert r.returncode != 0
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert re.fullmatch(r"syscalltbl\.sh: .*t\.tbl:9: malformed row \".*\": want <number> <abi> "
                        r"<name> \[<entry point> \[<compat entry point>\]\]", lines[0]), lines[0]
    assert " ".join(row.split()) in lines[0]
    assert out is None


@pytest.mark.parametrize("tbl", ["arch/x86/entry/syscalls/syscall_32.tbl",
                                 "arch/x86/entry/syscalls/syscall_64.tbl",
                                 "scripts/syscall.tbl", "arch/arm64/tools/syscall_32.tbl"])
def test_the_real_tables_generate(tmp_path, tbl):
    for mode in ("table", "entries", "names", "abi"):
        r = subprocess.run([SCRIPT, mode, tbl, str(tmp_path / "o.h"), "x"], cwd=TOP,
                           capture_output=True, text=True)
        assert r.returncode == 0, f"{tbl} {mode}: {r.stderr}"
