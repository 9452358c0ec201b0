"""make bench's SMP figures (issue 17; scripts/bench/smp_figures.py): the CPUs each kernel
brought up read from its console, boot to the first user instruction per -smp beside Linux,
routes at -smp 2 judged against -smp 1, and bench_smp's futex round trips (a kernel of one
CPU says so: missing=1_cpu); and trace_rate's procs= line counted over all its processes."""


def boot_console(first_user, cpus, kernel="Ferry"):
    up = f"smp: Brought up 1 node, {cpus} CPU{'s' if cpus > 1 else ''}\n"
    return (up + f"BENCH abi=x86_64 counter=rdtsc first_user={first_user}\n"
            "BENCH abi=x86_64 route=syscall call=getpid n=64 batches=16 per_call=101 spread=0 "
            "empty=20\nBENCH done\n")


def test_console_gives_cpus_up_and_allowed_cpus(bench):
    import parse
    f = parse.console(boot_console(1000, 2))
    assert f["cpus_up"] == 2 and f["first_user"] == 1000
    assert parse.console("smp: Brought up 1 node, 1 CPU\n")["cpus_up"] == 1
    f = parse.console("BENCH abi=x86_64 probe=bench_smp cpus=1\n"
                      "BENCH abi=x86_64 op=futex_samecpu n=64 batches=8 per_op=3012.50 spread=0\n"
                      "BENCH abi=x86_64 op=futex_xcpu missing=1_cpu\n")
    assert f["allowed_cpus"] == 1
    assert f["ops"]["futex_xcpu"] == {"missing": "1_cpu"}
    assert f["ops"]["futex_samecpu"]["per_op"] == 3012.5


def test_boot_rows_say_how_many_cpus_came_up(bench):
    import parse
    import smp_figures
    ferry = {("x86_64", n): parse.console(boot_console(1000 + n, 1)) for n in (1, 2, 4)}
    linux = {("x86_64", n): parse.console(boot_console(200000 * n, n)) for n in (1, 2, 4)}
    rows = smp_figures.boot_rows(ferry, linux, ["x86_64"])
    assert [(r["smp"], r["ferry_cpus"], r["ferry_first_user"], r["linux_cpus"],
             r["linux_first_user"]) for r in rows] == [
        (1, 1, 1001, 1, 200000), (2, 1, 1002, 2, 400000), (4, 1, 1004, 4, 800000)]
    assert rows[0]["linux_over_ferry"] == 199.8
    text = smp_figures.text({"smp_boot": rows})
    assert "x86_64 -smp 4" in text and "linux CPUs" in text


def test_routes_at_smp2_must_match_smp1(bench):
    import parse
    import smp_figures
    one = {"x86_64": parse.console(boot_console(1, 1))}
    same = {"x86_64": parse.console(boot_console(1, 2))}
    more = {"x86_64": parse.console(boot_console(1, 2).replace("per_call=101", "per_call=104"))}
    r = smp_figures.route_rows(one, same, ["x86_64"], bench.per_call_insns)[0]
    assert (r["smp1"], r["smp2"], r["extra"], r["meets"], r["cpus"]) == (101, 101, 0, True, 2)
    r = smp_figures.route_rows(one, more, ["x86_64"], bench.per_call_insns)[0]
    assert r["extra"] == 3 and r["meets"] is False
    assert smp_figures.misses({"smp_routes": [r]}) == [
        "x86_64 syscall getpid: 3 more at -smp 2 than at -smp 1 (target within 2)"]


def test_futex_rows_one_cpu_and_two(bench):
    import parse
    import smp_figures
    one_cpu = parse.console("BENCH abi=x86_64 probe=bench_smp cpus=1\n"
                            "BENCH abi=x86_64 op=futex_samecpu n=64 batches=8 per_op=3000 "
                            "spread=0\nBENCH abi=x86_64 op=futex_xcpu missing=1_cpu\n")
    two = parse.console("BENCH abi=x86_64 probe=bench_smp cpus=2\n"
                        "BENCH abi=x86_64 op=futex_samecpu n=64 batches=8 per_op=9000 spread=0\n"
                        "BENCH abi=x86_64 op=futex_xcpu n=64 batches=8 per_op=12000 spread=0\n"
                        "BENCH abi=x86_64 rate=futex_xcpu n=4096 ns=40960000 pid=1\n")
    r = smp_figures.futex_rows({"x86_64": one_cpu}, {"x86_64": two}, {}, {"x86_64": two},
                               ["x86_64"], bench.op_insns)[0]
    assert r["cpus"] == 1 and r["futex_xcpu"] is None and r["futex_xcpu_missing"] == "1_cpu"
    assert r["linux_futex_xcpu"] == 12000 and r["linux_wall_ns"] == 10000
    assert r["ferry_wall_ns"] is None
    text = smp_figures.text({"smp_futex": [r]})
    assert "1_cpu" in text and "12,000" in text


def test_trace_rate_procs_counts_every_process(bench, tmp_path):
    import json
    import parse
    import trace_figures
    fig = parse.console("BENCH abi=arm64 rate=trace_getpid n=4 ns=4000 pid=1 procs=2 cpus=2\n")
    assert fig["rates"]["trace_getpid"]["procs"] == 2
    path = tmp_path / "t.jsonl"
    lines = [{"type": "header", "source": "ferry", "arch": "arm64"}]
    lines += [{"type": "syscall", "name": "getpid", "abi": "arm64", "pid": 1 + i % 2,
               "cpu": i % 2, "ret": 1} for i in range(5)]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    row = trace_figures.rate_row("arm64", fig, str(path))
    assert row["records"] == 5 and "error" not in row
    assert row["procs"] == 2 and row["cpus"] == 2 and row["ring_cpus"] == 2
    assert row["per_s"] == 1000000 and row["meets"] is True
    one = parse.console("BENCH abi=arm64 rate=trace_getpid n=4 ns=4000 pid=1\n")
    assert "error" in trace_figures.rate_row("arm64", one, str(path))  # pid 1's 3 only


def test_a_linux_boot_that_timed_out_says_so(bench):
    import parse
    import smp_figures
    hung = dict(parse.console("x86: Booting SMP configuration:\n"), status=124)
    ferry = {("x86_64", n): parse.console(boot_console(1000, n)) for n in (1, 2, 4)}
    rows = smp_figures.boot_rows(ferry, {("x86_64", 2): hung}, ["x86_64"])
    assert rows[1]["linux_cpus"] == "timeout" and rows[1]["linux_first_user"] is None
    assert rows[0]["linux_cpus"] is None                 # not booted: no claim
    r = smp_figures.futex_rows({}, {"x86_64": hung}, {}, {}, ["x86_64"], bench.op_insns)[0]
    assert r["linux_cpus"] == "timeout" and r["linux_futex_xcpu"] is None
    assert "timeout" in smp_figures.text({"smp_boot": rows, "smp_futex": [r]})
