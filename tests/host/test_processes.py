"""Traces of several processes and threads: the parsers keep pid/tid, processes are matched by
their place in the process tree and aligned one by one, the text report reads like strace -f,
Perfetto has a track per thread, and a process in one trace only is a difference, not a crash.

Fixtures (real runs, x86_64): ferry_x86_64_procs.jsonl (Ferry at 6a4e9f8, make compare's traced boot),
qemu_x86_64_procs.log (qemu-x86_64 -d strace of the same binary), strace_x86_64_libc_threads.log
(strace -f -ttt -T of libc_threads on the host's Linux).
"""
import json

import pytest

from ferrytrace import comparison, known, linuxparse, perfetto, procs, records, report_text


def load(path, label="ferry-x86_64"):
    return records.load(path, warn=lambda m: None, label=label)


def parsed(path, parse, abi, probe, label):
    """The trace linux.py would write from that log."""
    with open(path) as f:
        recs = parse(f.read(), abi, probe)
    via = "qemu-user" if parse is linuxparse.parse_qemu else "strace"
    header = {"type": "header", "source": via, "arch": abi, "version": 1,
              "cycles_per_sec": 1000000 if via == "strace" else None, "icount": False,
              "probe": probe}
    text = "".join(records.dumps_record(r) + "\n" for r in [header] + recs)
    return records.loads(text, warn=lambda m: None, label=label)


@pytest.fixture
def ferry(fixture_path):
    return load(fixture_path("ferry_x86_64_procs.jsonl"))


@pytest.fixture
def qemu(fixture_path):
    return parsed(fixture_path("qemu_x86_64_procs.log"), linuxparse.parse_qemu, "x86_64",
                  "procs", "linux-qemu-user-x86_64")


@pytest.fixture
def threads(fixture_path):
    return parsed(fixture_path("strace_x86_64_libc_threads.log"), linuxparse.parse_strace,
                  "x86_64", "libc_threads", "linux-strace-x86_64")


def test_qemu_log_of_several_processes_keeps_each_call_with_its_pid(qemu):
    recs = qemu.syscalls
    # "18933 wait4(18952,...)18952 exit_group(0)" then " = 18952": two calls, two pids
    wait = next(r for r in recs if r["name"] == "wait4"
                and (r["decoded"] or [{}])[0].get("value") == "18952")
    assert wait["pid"] == 18933 and wait["ret"] == 18952
    assert any(r["name"] == "exit_group" and r["pid"] == 18952 for r in recs)
    # a fork child's own " = 0" is no call; a result that cannot be attributed is unknown
    assert all(r["name"] for r in recs)
    hidden = next(r for r in recs if r["name"] == "wait4"
                  and (r["decoded"] or [{}])[0].get("value") == "18964")
    assert hidden["ret"] is None
    # "18986 execve(...) = 18986": the parent's fork result appended to the child's execve
    execve = next(r for r in recs if r["name"] == "execve" and r["pid"] == 18986)
    assert execve["ret"] is None


def test_strace_threads_get_their_process_id(threads):
    pids = {r["pid"] for r in threads.syscalls}
    tids = {r["tid"] for r in threads.syscalls}
    assert pids == {22774, 22782, 22784}
    assert {22777, 22778, 22779, 22780, 22781, 22785} <= tids
    tree = procs.tree(threads.records)
    assert tree[22774].place == () and tree[22774].tids[:2] == [22774, 22777]
    assert tree[22782].place == (1,) and tree[22784].place == (2,)


def test_process_tree_places_children_in_fork_order(ferry, qemu):
    for t, root in ((ferry, 1), (qemu, 18933)):
        tree = procs.tree(t.records)
        assert tree[root].place == ()
        places = sorted(p.place for p in tree.values())
        assert (1,) in places and (5, 1) in places, places
    q = procs.tree(qemu.records)
    assert q[18945].place == (1,) and q[18975].place == (5,) and q[18978].place == (5, 1)
    assert procs.place_name((5, 1)) == "1.5.1"


def test_alignment_is_per_process(norm, ferry, qemu):
    cmp = comparison.Comparison([ferry, qemu], norm, known_entries=[])
    fpl, qpl = cmp.places
    # the grandchild's calls stand beside the grandchild's, whatever their pids
    for p in cmp.side[1]["pairs"]:
        if p["a"] is not None and p["b"] is not None:
            assert cmp.items[0][p["a"]].proc == cmp.items[1][p["b"]].proc
    grand = [p for p in cmp.side[1]["pairs"] if p["proc"] == (5, 1) and p["a"] is not None
             and p["b"] is not None]
    assert any(cmp.items[1][p["b"]].rec["name"] == "getppid" for p in grand)
    assert cmp.items[0][grand[0]["a"]].rec["pid"] == fpl[(5, 1)].pid
    assert cmp.items[1][grand[0]["b"]].rec["pid"] == 18978
    # rows come process by process, in tree order
    order = [r["proc"] for r in cmp.rows]
    assert order == sorted(order)


def test_text_report_is_strace_f_style(norm, ferry, qemu):
    cmp = comparison.Comparison([ferry, qemu], norm, known_entries=[])
    out = report_text.render(cmp, width=200, colour=False, view="full")
    fpid = cmp.places[0][(5, 1)].pid
    assert f"process 1.5.1: ferry-x86_64 pid {fpid}" in out
    assert "linux-qemu-user-x86_64 pid 18978" in out
    assert "[pid 18978] getppid() = " in out
    assert f"[pid {fpid}] getppid() = " in out
    data = cmp.to_json()
    assert {"process": "1.5.1", "pids": [fpid, 18978]} in data["processes"]


def test_perfetto_has_a_track_per_thread(threads):
    ev = perfetto.events([threads])
    names = {(e["pid"], e["tid"]): e["args"]["name"] for e in ev if e["name"] == "thread_name"}
    assert names[(22774, 22777)] == "libc_threads [tid 22777]"
    assert (22774, 22781) in names and (22784, 22785) in names
    procs_ = [e["args"]["name"] for e in ev if e["name"] == "process_name"]
    assert "linux-strace-x86_64: libc_threads [pid 22774] (process 1)" in procs_
    assert "linux-strace-x86_64: libc_threads [pid 22784] (process 1.2)" in procs_
    calls = [e for e in ev if e["ph"] == "X"]
    assert {e["pid"] for e in calls} == {22774, 22782, 22784}
    assert {e["tid"] for e in calls if e["pid"] == 22774} >= {22774, 22777, 22778}


def test_a_process_in_one_trace_only_is_a_difference(norm, ferry, fixture_path):
    tree = procs.tree(ferry.records)
    gone = next(p.pid for p in tree.values() if p.place == (5, 1))
    other = load(fixture_path("ferry_x86_64_procs.jsonl"))
    other.records[:] = [r for r in other.records if r.get("pid") != gone]
    other.header = dict(other.header, source="qemu-user")
    other.label = "without-grandchild"
    cmp = comparison.Comparison([ferry, other], norm, known_entries=[])
    side = cmp.side[1]
    assert side["only_a"] == [(5, 1)] and side["only_b"] == []
    assert side["counts"]["only-a"] > 0
    out = report_text.render(cmp, width=200, colour=False, view="full")
    assert f"process 1.5.1 (pid {gone}) only in ferry-x86_64" in out
    assert "process 1.5.1: ferry-x86_64 pid" in out and "without-grandchild -" in out
    v = cmp.verdicts()[0]
    assert v["unexpected"] == side["counts"]["only-a"]
    json.dumps(cmp.to_json())


def test_known_difference_by_process(norm, ferry, fixture_path, tmp_path):
    tree = procs.tree(ferry.records)
    gone = next(p.pid for p in tree.values() if p.place == (5, 1))
    other = load(fixture_path("ferry_x86_64_procs.jsonl"))
    other.records[:] = [r for r in other.records if r.get("pid") != gone]
    other.header = dict(other.header, source="qemu-user")
    f = tmp_path / "k.json"
    f.write_text(json.dumps({"known": [{"id": "no-grandchild", "process": ["1.5.*"],
                                        "classes": ["only-a"], "why": "test"}]}))
    cmp = comparison.Comparison([ferry, other], norm, known_entries=known.load(str(f)))
    assert cmp.verdicts()[0]["unexpected"] == 0
    covered = [p for p in cmp.side[1]["pairs"] if p["known"]]
    assert covered and all(p["proc"] == (5, 1) for p in covered)
