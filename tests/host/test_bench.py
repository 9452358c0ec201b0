"""make bench's pure parts (scripts/bench.py, scripts/bench/{parse,qemu,report}.py): the arm
ABI's rows (issue 10) are parsed, converted, judged against both of their targets (at most 160
instructions and at most half of Linux's) and printed."""

import pytest




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


# bench_procs' console (issue 11's process figures), as Ferry printed it on arm64.
PROCS_CONSOLE = """\
Ferry arm64: ready (cycles 1435223)
BENCH abi=arm64 probe=bench_procs
BENCH abi=arm64 op=fork_exit_wait n=16 batches=4 per_op=60785 spread=12.75
BENCH abi=arm64 op=fork_exec_exit_wait n=8 batches=4 per_op=236019 spread=25.50
BENCH abi=arm64 op=switch_yield n=128 batches=16 per_op=389.52 spread=0 alternating=16
BENCH abi=arm64 op=switch_futex n=128 batches=8 per_op=1310.55 spread=411.72 alternating=8
BENCH abi=arm64 op=thread_create_join n=32 batches=8 per_op=8417.12 spread=6.37
BENCH abi=arm64 mem=per_process n=100 kib=55.96 before_kib=258456 after_kib=252860
BENCH abi=arm64 op=fork16m_exit_wait n=4 batches=4 missing=failed_1
BENCH done
"""


def test_procs_lines_are_parsed(bench):
    fig = __import__("parse").console(PROCS_CONSOLE)
    assert fig["done"]
    assert fig["ops"]["switch_yield"]["alternating"] == 16
    assert fig["mem"]["per_process"] == {"kib": 55.96, "n": 100, "before_kib": 258456,
                                         "after_kib": 252860}
    assert fig["ops"]["fork16m_exit_wait"] == {"missing": "failed_1"}
    # execve is derived: fork+execve+exit+wait4 minus fork+exit+wait4
    assert bench.process_insns(fig, "execve", "arm64") == 236019 - 60785
    assert bench.process_insns(fig, "fork16m_exit_wait", "arm64") is None


def test_process_rows_judge_half_of_linux(bench):
    ferry = __import__("parse").console(PROCS_CONSOLE)
    linux = __import__("parse").console(PROCS_CONSOLE.replace("per_op=60785", "per_op=100000")
                                        .replace("alternating=16", "alternating=9"))
    rows = {(r["abi"], r["op"]): r for r in bench.process_rows(
        lambda abi, op: ferry if op != "page_fault" else {},
        lambda abi, op: linux if op != "page_fault" else {}, ["arm64"])}
    assert rows[("arm64", "fork_exit_wait")]["meets_linux_share"] is False	# 60,785 > 50,000
    assert rows[("arm64", "switch_yield")]["meets_linux_share"] is False	# same figure
    assert rows[("arm64", "switch_yield")]["linux_alternating"] == 9
    assert rows[("arm64", "fork_exec_exit_wait")].get("linux_share_target") is None
    assert rows[("arm64", "page_fault")]["ferry"] is None
    mem = bench.memory_rows(lambda abi: ferry, lambda abi: {}, ["arm64"])
    assert mem == [{"abi": "arm64", "ferry_kib": 55.96, "linux_kib": None}]
    # a figure that moved between two runs is named with both values
    other = __import__("parse").console(PROCS_CONSOLE.replace("per_op=8417.12", "per_op=8420"))
    d = bench.differences(ferry, other)
    assert list(d) == ["thread_create_join"] and d["thread_create_join"][1]["per_op"] == 8420


def test_report_prints_process_rows(bench):
    import report
    ferry = __import__("parse").console(PROCS_CONSOLE)
    proc = bench.process_rows(lambda abi, op: ferry, lambda abi, op: {}, ["arm64"])
    res = {"routes": [], "process": proc, "boot": [], "size": {}, "build": {},
           "memory_per_process": bench.memory_rows(lambda abi: ferry, lambda abi: {}, ["arm64"]),
           "varies": {"procs/arm64/direct": bench.differences(ferry, {})}}
    out = report.text(res)
    line = [ln for ln in out.splitlines() if ln.startswith("arm64 switch_yield")][0]
    assert "389.52" in line and "<= 0.50x linux" in line and "16, -" in line
    assert [ln.split() for ln in out.splitlines() if ln.startswith("arm64  ")] == [["arm64", "55.96", "-"]]
    assert "procs/arm64/direct: fork16m_exit_wait failed_1 / -; " in out
    # only the spread moved: say so rather than print two equal figures
    moved = __import__("parse").console(PROCS_CONSOLE.replace("spread=6.37", "spread=7"))
    res["varies"] = {"linux-procs/arm64": bench.differences(ferry, moved)}
    assert "thread_create_join 8,417.12 / 8,417.12 (spread 6.37 / 7)" in report.text(res)


# bench_signals' console (issue 13's signal round trip), as Ferry printed it on x86_64.
SIGNALS_CONSOLE = """\
BENCH abi=x86_64 probe=bench_signals
BENCH abi=x86_64 op=signal_roundtrip n=64 batches=8 per_op=1839.10 spread=0
BENCH done
"""


def test_signal_rows_judge_half_of_linux(bench):
    import report
    parse = __import__("parse")
    ferry = parse.console(SIGNALS_CONSOLE)
    assert ferry["done"] and ferry["ops"]["signal_roundtrip"]["per_op"] == 1839.10
    rows = {r["abi"]: r for r in bench.signal_rows(
        lambda abi, op: ferry,
        lambda abi, op: parse.console(SIGNALS_CONSOLE.replace("1839.10", "3725")
                                      if abi == "x86_64" else
                                      SIGNALS_CONSOLE.replace("1839.10", "3000")),
        ["x86_64", "i386"])}
    assert rows["x86_64"]["ferry"] == 1839.1 and rows["x86_64"]["linux"] == 3725
    assert rows["x86_64"]["meets_linux_share"] is True	# 1,839.1 <= 1,862.5
    assert rows["i386"]["meets_linux_share"] is False	# 1,839.1 > 1,500
    # no Linux run: no verdict
    assert bench.signal_rows(lambda abi, op: ferry, lambda abi, op: {},
                             ["x86_64"])[0]["meets_linux_share"] is None
    res = {"routes": [], "process": [], "signals": list(rows.values()), "boot": [],
           "size": {}, "build": {}}
    line = [ln for ln in report.text(res).splitlines()
            if ln.startswith("x86_64 signal_roundtrip")][0]
    assert "1,839.1" in line or "1839.1" in line
    assert "<= 0.50x linux" in line


def test_unknown_abi_is_one_line_and_status_2():
    import os
    import subprocess
    import sys
    top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    for abis in ("bogus", "x86_64 mips", ""):
        r = subprocess.run([sys.executable, os.path.join(top, "scripts", "bench.py"), "--smp-only",
                            "--abis", abis], capture_output=True, text=True, timeout=60)
        assert r.returncode == 2, (abis, r.stderr)
        assert r.stderr.count("\n") == 1 and r.stderr.startswith("bench: --abis"), r.stderr
        assert "Traceback" not in r.stderr
