"""scripts/bench/host_cost.py's pure parts: callgrind's totals line, callgrind_annotate's
per-function lines, and the two-run difference that leaves one call's cost."""

import os
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "scripts", "bench"))
import host_cost  # noqa: E402

ANNOTATED = """\
--------------------------------------------------------------------------------
Ir
--------------------------------------------------------------------------------
1,462,467,120 (100.0%)  PROGRAM TOTALS

--------------------------------------------------------------------------------
Ir                    file:function
--------------------------------------------------------------------------------
249,100,000 (17.03%)  ???:0x00000000007e19a0 [/usr/bin/qemu-system-aarch64]
 72,700,000 ( 4.97%)  ???:cpu_exec [/usr/bin/qemu-system-aarch64]
  1,200,000 ( 0.08%)  ./nptl/./nptl/pthread_mutex_lock.c:pthread_mutex_lock@@GLIBC_2.2.5 [/usr/lib/x86_64-linux-gnu/libc.so.6]
"""


def test_totals_line():
    assert host_cost.totals("events: Ir\nsummary: 5\ntotals: 1462467120\n") == 1462467120


def test_totals_missing_is_an_error():
    with pytest.raises(host_cost.HostCostError):
        host_cost.totals("events: Ir\n")


def test_per_function_names_and_counts():
    f = host_cost.per_function(ANNOTATED)
    assert f == {"???:0x00000000007e19a0": 249100000, "???:cpu_exec": 72700000,
                 "./nptl/./nptl/pthread_mutex_lock.c:pthread_mutex_lock@@GLIBC_2.2.5": 1200000}


def test_per_call_cancels_what_both_runs_share():
    # boot and power-off cost 500,000 in both runs; each call 17
    assert host_cost.per_call(100, 500000 + 17 * 100, 1100, 500000 + 17 * 1100) == 17
    assert host_cost.per_call(100, {"a": 1000, "b": 5}, 1100, {"a": 3000}) == {"a": 2, "b": -0.005}


def test_bad_arguments_are_one_line_and_status_2(capsys):
    assert host_cost.main(["--arch", "arm64", "--low", "9", "--high", "3",
                           "--objtree", "/nonexistent"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("host_cost: ")
