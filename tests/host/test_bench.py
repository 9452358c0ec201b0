"""make bench's pure parts (scripts/bench.py, scripts/bench/{parse,qemu,report}.py): the arm
ABI's rows (issue 10) are parsed, converted, judged against both of their targets (at most 160
instructions and at most half of Linux's) and printed."""
import importlib.util
import os

import pytest

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_main", os.path.join(TOP, "scripts",
                                                                             "bench.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)	# puts scripts/bench/ on sys.path
    return mod


ARM_CONSOLE = """\
Ferry arm64: ready (cycles 1435223)
Memory: 258932K/262144K available (96K kernel code, 392K data+bss)
BENCH abi=arm counter=cntvct first_user=1561975
BENCH abi=arm route=svc32 call=getpid n=64 batches=16 per_call=141 spread=0 empty=258
BENCH abi=arm route=svc32 call=uname n=64 batches=16 per_call=320 spread=2.21 empty=258
BENCH abi=arm route=svc32 call=enosys n=64 batches=16 per_call=157 spread=0 empty=258
BENCH abi=arm op=page_fault n=16 batches=8 per_op=1261.37 spread=0
BENCH done
"""


def test_arm_runs_on_the_arm64_kernel_one_tick_one_instruction(bench):
    import qemu
    assert qemu.ARCH_OF["arm"] == "arm64"
    fig = __import__("parse").console(ARM_CONSOLE)
    assert fig["done"] and fig["first_user"] == 1561975
    assert bench.per_call_insns(fig, "svc32/getpid", "arm64") == 141
    assert bench.op_insns(fig, "page_fault", "arm") == 1261.37


def test_arm_is_a_default_abi(bench):
    assert bench.DEFAULT_ABIS.split() == ["x86_64", "i386", "arm64", "arm"]


def row(abi, route, call, ferry, linux=None):
    return {"abi": abi, "route": route, "call": call, "ferry": ferry, "linux": linux}


def test_arm_svc32_getpid_targets(bench):
    r = bench.judge_targets(row("arm", "svc32", "getpid", 141, 400))
    assert (r["target"], r["meets"]) == (160, True)
    assert (r["linux_share_target"], r["meets_linux_share"]) == (0.5, True)
    # over half of Linux's figure: a miss although under 160
    r = bench.judge_targets(row("arm", "svc32", "getpid", 141, 250))
    assert r["meets"] is True and r["meets_linux_share"] is False
    # over 160
    assert bench.judge_targets(row("arm", "svc32", "getpid", 161, 1000))["meets"] is False
    # without Linux the share is not judged
    assert bench.judge_targets(row("arm", "svc32", "getpid", 141))["meets_linux_share"] is None
    # the existing targets are unchanged; other arm rows have none
    assert bench.judge_targets(row("arm64", "svc", "getpid", 126, 438))["target"] == 160
    assert "meets_linux_share" not in bench.judge_targets(row("arm64", "svc", "getpid", 126, 438))
    assert "target" not in bench.judge_targets(row("arm", "svc32", "uname", 320, 900))


def test_report_prints_both_targets_and_the_miss(bench):
    import report
    res = {"routes": [bench.judge_targets(row("arm", "svc32", "getpid", 141, 400)),
                      bench.judge_targets(row("arm", "svc32", "getpid", 141, 250)),
                      bench.judge_targets(row("arm", "svc32", "getpid", 141))],
           "process": [], "boot": [], "size": {}, "build": {}}
    lines = [ln for ln in report.text(res).splitlines() if ln.startswith("arm svc32 getpid")]
    assert len(lines) == 3
    assert all("<= 160, <= 0.50x linux" in ln for ln in lines)
    cols = [[c for c in ln.split("  ") if c.strip()] for ln in lines]
    assert cols[0][5].strip() == "ok"
    assert cols[1][5].strip() == "MISS"
    assert cols[2][5].strip() == "ok (linux not run)"
