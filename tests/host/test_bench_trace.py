"""make bench's tracer figures (issue 15; scripts/bench/trace_figures.py, report.trace_text):
extra instructions per traced call judged against 600 / 1,000 beside Linux's ftrace, and the
throughput row, which counts only when the decoded trace holds every call and drops nothing."""
import json

import pytest




# The bench probe's lines on x86_64 (Ferry untraced, Ferry traced, Linux, Linux raw_syscalls).
def console(getpid, write32, openat30):
    return (f"BENCH abi=x86_64 route=syscall call=getpid n=64 batches=16 per_call={getpid} "
            "spread=0 empty=20\n"
            f"BENCH abi=x86_64 route=syscall call=uname n=64 batches=16 per_call=180 spread=0 "
            "empty=20\n"
            f"BENCH abi=x86_64 route=int80 call=getpid n=64 batches=16 per_call={getpid} "
            "spread=0 empty=20\n"
            f"BENCH abi=x86_64 route=syscall call=write32 n=64 batches=16 per_call={write32} "
            "spread=0 empty=30\n"
            f"BENCH abi=x86_64 route=syscall call=openat30 n=64 batches=16 per_call={openat30} "
            "spread=0 empty=30\nBENCH done\n")


def rows(bench, ferry, traced, lin=None, lin_raw=None, lin_getpid=None):
    import parse
    f, t = parse.console(ferry), parse.console(traced)
    lf = parse.console(lin) if lin else None
    routes = [bench.route_row("x86_64", key, f, t, {}, lf) for key in f["routes"]]
    conv = {}
    for name, text in (("raw", lin_raw), ("getpid", lin_getpid)):
        fig = parse.console(text) if text else {"routes": {}}
        conv[name] = {("x86_64", *k.split("/")): bench.per_call_insns(fig, k, "x86_64")
                      for k in fig["routes"]}
    import trace_figures
    return {(r["route"], r["call"]): r for r in trace_figures.extra_rows(
        routes, conv["raw"], conv["getpid"])}


def test_extra_is_traced_minus_untraced_judged_per_call(bench):
    r = rows(bench, console(107, 2296, 1779), console(707, 3296, 2780),
             console(306, 7915, 6513.89), console(1535.57, 9150.35, 7739.12),
             console(1644, 7915, 6513.89))
    assert set(r) == {("syscall", "getpid"), ("int80", "getpid"), ("syscall", "write32"),
                      ("syscall", "openat30")}		# uname has no target
    g = r[("syscall", "getpid")]
    assert (g["ferry_extra"], g["target"], g["meets"]) == (600, 600, True)
    assert g["linux_raw_extra"] == 1229.57 and g["linux_getpid_extra"] == 1338
    assert (r[("syscall", "write32")]["ferry_extra"], r[("syscall", "write32")]["meets"]) == (1000, True)
    o = r[("syscall", "openat30")]
    assert (o["ferry_extra"], o["target"], o["meets"]) == (1001, 1000, False)
    # int 0x80 from 64-bit code is a compat call: Linux's sys_*_getpid events skip it
    assert "linux_getpid_extra" not in r[("int80", "getpid")]
    assert r[("int80", "getpid")]["meets"] is True


def test_report_says_miss_and_the_run_goes_on(bench):
    import report
    import trace_figures
    r = rows(bench, console(107, 2296, 1779), console(9839.25, 20389, 24964.5))
    res = {"trace_extra": list(r.values()), "trace_rate": []}
    lines = {ln.split("  ")[0].strip(): ln for ln in report.trace_text(res).splitlines()}
    assert "MISS" in lines["x86_64 syscall getpid"] and "9,732.25" in lines["x86_64 syscall getpid"]
    assert "<= 1,000" in lines["x86_64 syscall openat30"]
    assert trace_figures.misses(res["trace_extra"], [])[0] == \
        "x86_64 syscall getpid traced: 9,732.25 extra > 600"
    # the whole table carries the section, and a run without Linux prints '-'
    full = {"routes": [], "process": [], "boot": [], "size": {}, "build": {}, **res}
    assert "Tracing: extra guest instructions per traced call" in report.text(full)
    assert lines["x86_64 syscall getpid"].split()[-3:] == ["-", "-", "-"]


RATE_CONSOLE = "BENCH abi=x86_64 rate=trace_getpid n=4 ns=2000 pid=1\nBENCH done\n"


def write_trace(path, getpids, dropped=0, pid=1):
    recs = [{"type": "header", "source": "ferry", "arch": "x86_64", "version": 1}]
    recs += [{"type": "syscall", "seq": i + 1, "ts": i, "pid": pid, "tid": pid, "abi": "x86_64",
              "route": "syscall", "nr": 39, "name": "getpid", "args": ["0"] * 6, "ret": pid}
             for i in range(getpids)]
    if dropped:
        recs.append({"type": "dropped", "count": dropped})
    with open(path, "w") as f:
        f.write("".join(json.dumps(r) + "\n" for r in recs))
    return str(path)


def test_rate_counts_only_a_whole_trace(bench, tmp_path):
    import parse
    import trace_figures
    fig = parse.console(RATE_CONSOLE)
    assert fig["rates"]["trace_getpid"] == {"n": 4, "ns": 2000, "pid": 1}
    ok = trace_figures.rate_row("x86_64", fig, write_trace(tmp_path / "a.jsonl", 5))
    assert (ok["per_s"], ok["records"], ok["dropped"], ok["meets"]) == (2_000_000, 5, 0, True)
    assert "error" not in ok
    short = trace_figures.rate_row("x86_64", fig, write_trace(tmp_path / "b.jsonl", 4))
    assert short["meets"] is False and short["error"] == \
        "4 getpid records in the trace, expected 5"
    lost = trace_figures.rate_row("x86_64", fig, write_trace(tmp_path / "c.jsonl", 5, dropped=3))
    assert lost["meets"] is False and lost["error"] == "3 records dropped"
    other = trace_figures.rate_row("x86_64", fig, write_trace(tmp_path / "d.jsonl", 5, pid=2))
    assert other["meets"] is False
    slow = trace_figures.rate_row("x86_64", parse.console(RATE_CONSOLE.replace("ns=2000", "ns=5000000")),
                                  write_trace(tmp_path / "e.jsonl", 5))
    assert (slow["per_s"], slow["meets"]) == (800, False)
    none = trace_figures.rate_row("arm64", {"rates": {}, "status": 1}, "")
    assert none["meets"] is False and "no rate line" in none["error"]
    # of two runs the faster whole one counts; both are listed
    best = trace_figures.best_rate([slow, ok, lost])
    assert best["per_s"] == 2_000_000 and best["runs"][:2] == [800, 2_000_000]
    import report
    text = report.trace_text({"trace_rate": [best, lost]})
    assert "2,000,000" in text and "3 records dropped" in text and "MISS" in text
