# SPDX-License-Identifier: GPL-2.0
"""make bench's file figures (issue 12): bench_files' op= lines become the "File costs"
rows, each held to half of Linux's instructions, printed and charted beside the others."""
import importlib.util
import os

import pytest

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_files_main",
                                                  os.path.join(TOP, "scripts", "bench.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)	# puts scripts/bench/ on sys.path
    return mod


FILES_CONSOLE = """\
BENCH abi=x86_64 probe=bench_files
BENCH abi=x86_64 op=open_close n=64 batches=8 per_op=1500 spread=0
BENCH abi=x86_64 op=newfstatat n=64 batches=8 per_op=900.5 spread=0
BENCH abi=x86_64 op=read_4k n=64 batches=8 per_op=700 spread=3
BENCH abi=x86_64 op=getdents64_100 n=16 batches=8 per_op=9000 spread=0
BENCH abi=x86_64 op=pipe_roundtrip missing=failed_1
BENCH done
"""
LINUX_CONSOLE = FILES_CONSOLE.replace("per_op=1500", "per_op=2000").replace(
    "per_op=900.5", "per_op=2000").replace("per_op=700", "per_op=1400").replace(
    "per_op=9000", "per_op=20000").replace(
    "op=pipe_roundtrip missing=failed_1", "op=pipe_roundtrip n=64 batches=8 per_op=9000 spread=0")


def parsed(text):
    return __import__("parse").console(text)


def test_file_rows_judge_half_of_linux(bench):
    ferry, linux = parsed(FILES_CONSOLE), parsed(LINUX_CONSOLE)
    rows = {r["op"]: r for r in bench.file_rows(lambda abi, op: ferry, lambda abi, op: linux,
                                                ["x86_64"])}
    assert [op for op, _ in bench.FILE_OPS] == list(rows)
    assert rows["open_close"]["meets_linux_share"] is False	# 1,500 > 1,000
    assert rows["newfstatat"]["meets_linux_share"] is True	# 900.5 <= 1,000
    assert rows["read_4k"]["meets_linux_share"] is True	# exactly half
    assert rows["getdents64_100"]["ratio"] == 0.45
    assert rows["pipe_roundtrip"]["ferry"] is None and rows["pipe_roundtrip"]["linux"] == 9000
    assert rows["pipe_roundtrip"]["meets_linux_share"] is None	# not measured: no verdict


def test_file_rows_without_linux(bench):
    ferry = parsed(FILES_CONSOLE)
    rows = bench.file_rows(lambda abi, op: ferry, lambda abi, op: {}, ["x86_64"])
    assert all(r["linux"] is None and r["meets_linux_share"] is None for r in rows)


def test_report_prints_the_file_table(bench):
    import report
    ferry, linux = parsed(FILES_CONSOLE), parsed(LINUX_CONSOLE)
    files = bench.file_rows(lambda abi, op: ferry, lambda abi, op: linux, ["x86_64"])
    res = {"routes": [], "process": [], "files": files, "boot": [], "size": {}, "build": {}}
    out = report.text(res)
    assert "File costs: guest instructions per operation" in out
    line = [ln for ln in out.splitlines() if ln.startswith("x86_64 open_close")][0]
    assert "1,500" in line and "2,000" in line and "<= 0.50x linux" in line and "MISS" in line
    line = [ln for ln in out.splitlines() if ln.startswith("x86_64 newfstatat")][0]
    assert "900.50" in line and line.rstrip().endswith("ok")


def test_chart_has_a_file_panel(bench, tmp_path):
    import report
    pytest.importorskip("matplotlib")
    ferry, linux = parsed(FILES_CONSOLE), parsed(LINUX_CONSOLE)
    files = bench.file_rows(lambda abi, op: ferry, lambda abi, op: linux, ["x86_64"])
    route = {"abi": "x86_64", "route": "syscall", "call": "getpid", "ferry": 107, "linux": 306}
    res = {"routes": [route], "process": [], "files": files}
    path = tmp_path / "bench.svg"
    assert report.chart(res, str(path)) is None
    assert "File costs under QEMU -icount" in path.read_text()
