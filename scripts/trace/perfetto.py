"""Chrome / Perfetto trace-event JSON: {"traceEvents": [...]}, to open in ui.perfetto.dev.

One "X" (complete) event per syscall: ts is the record's ts converted to microseconds with
the header's cycles_per_sec, rebased so each trace starts at 0; dur is cycles converted the
same way (or strace's -T duration "dur_us"). Records without a usable ts (qemu-user has no
clock) are laid out one per microsecond in order, with args.synthetic_time true.

Each process of each trace is a process in the UI and each of its threads a track of its
own: pid = 1000000 * trace index + the record's pid (the process), tid = 1000000 * trace
index + the record's tid (the thread; the pid where a trace has no thread ids, as
qemu-user's). Metadata events name them: the process "label: comm [pid N] (process 1.2)"
with the process's comm (the last one: an exec'd program's name) and, when the trace has
several processes, its place in the process tree (procs.py); each thread "comm [tid N]".
args carry the strace line, nr, ABI, route, ret, errno, cycles and insns.

A trace whose records came from more than one CPU (a Ferry trace of an SMP guest: one ring
per CPU, merged by timestamp) also gets one process "label: CPUs" with a track per CPU,
"CPU N" (pid = 1000000 * trace index + CPU_PID, tid = that + 1 + N), holding each syscall
again where it ran, so what ran beside what on which CPU is read off one screen, as a
kernel trace's CPU rows; its args name the task ("task": "comm [pid P tid T]").

The process tree is drawn on top (process_events): an instant "fork -> pid N" on the
creating call, with a flow arrow from it to the child's first call; an instant "exec ARGV"
on each exec that replaced a program; an instant "exit S" (or "killed by SIGx") after a
process's last call.
"""
import json

from . import fmt, procs

PID_STRIDE = 1000000
CPU_PID = 900000                # the CPUs' process within a trace's stride (pids stay below)


def cpus(recs):
    """The CPUs the syscall records say they ran on."""
    return sorted({r["cpu"] for r in recs if isinstance(r.get("cpu"), int)})


def events(traces, tables=None):
    out, flow = [], [0]
    for k, t in enumerate(traces):
        at = {}                             # id(record) -> (ts, dur, pid, tid) as laid out
        cps = t.cycles_per_sec
        recs = t.syscalls
        have_ts = bool(cps) and all(r.get("ts") is not None for r in recs) and recs
        base = min(r["ts"] for r in recs) if have_ts else 0
        tree = procs.tree(t.records)
        named = set()
        for n, r in enumerate(recs):
            rpid = r.get("pid") or 0
            rtid = r.get("tid") or rpid
            pid, tid = PID_STRIDE * k + rpid, PID_STRIDE * k + rtid
            proc = tree.get(r.get("pid"))
            comm = (proc.comm if proc else None) or r.get("comm") or t.probe
            if pid not in named:
                named.add(pid)
                where = f" (process {procs.place_name(proc.place)})" if proc and len(tree) > 1 else ""
                out.append({"name": "process_name", "ph": "M", "pid": pid, "tid": pid,
                            "args": {"name": f"{t.label}: {comm} [pid {rpid}]{where}"}})
                out.append({"name": "process_sort_index", "ph": "M", "pid": pid, "tid": pid,
                            "args": {"sort_index": k}})
            if (pid, tid) not in named:
                named.add((pid, tid))
                out.append({"name": "thread_name", "ph": "M", "pid": pid, "tid": tid,
                            "args": {"name": f"{r.get('comm') or comm} [tid {rtid}]"}})
                out.append({"name": "thread_sort_index", "ph": "M", "pid": pid, "tid": tid,
                            "args": {"sort_index": rtid}})
            if have_ts:
                ts = (r["ts"] - base) * 1e6 / cps
                if r.get("cycles") is not None:
                    dur = r["cycles"] * 1e6 / cps
                elif r.get("dur_us") is not None:
                    dur = float(r["dur_us"])
                else:
                    dur = 0.0
            else:
                ts, dur = float(n), 0.5
            args = {"line": fmt.syscall_line(r, tables), "nr": r.get("nr"), "abi": r.get("abi"),
                    "cpu": r.get("cpu"),
                    "route": r.get("route"), "ret": r.get("ret"), "errno": r.get("errno"),
                    "cycles": r.get("cycles"), "insns": r.get("insns"), "seq": r.get("seq")}
            if not have_ts:
                args["synthetic_time"] = True
            out.append({"name": fmt.syscall_name(r), "cat": f"syscall,{r.get('abi')},{r.get('route')}",
                        "ph": "X", "ts": round(ts, 3), "dur": round(dur, 3), "pid": pid, "tid": tid,
                        "args": args})
            at[id(r)] = (ts, dur, pid, tid)
        out += process_events(t, k, tree, at, flow)
        out += cpu_events(t, k, recs, at, tables)
    return out


def cpu_events(t, k, recs, at, tables):
    """Trace k's syscalls again, on a track per CPU (only when more than one CPU wrote)."""
    on = cpus(recs)
    if len(on) < 2:
        return []
    pid = PID_STRIDE * k + CPU_PID
    out = [{"name": "process_name", "ph": "M", "pid": pid, "tid": pid,
            "args": {"name": f"{t.label}: CPUs"}},
           {"name": "process_sort_index", "ph": "M", "pid": pid, "tid": pid,
            "args": {"sort_index": -1}}]
    for cpu in on:
        out.append({"name": "thread_name", "ph": "M", "pid": pid, "tid": pid + 1 + cpu,
                    "args": {"name": f"CPU {cpu}"}})
        out.append({"name": "thread_sort_index", "ph": "M", "pid": pid, "tid": pid + 1 + cpu,
                    "args": {"sort_index": cpu}})
    for r in recs:
        pos = at.get(id(r))
        if pos is None or not isinstance(r.get("cpu"), int):
            continue
        task = f"{r.get('comm') or t.probe} [pid {r.get('pid')} tid {r.get('tid')}]"
        out.append({"name": fmt.syscall_name(r), "cat": f"cpu,{r.get('abi')}", "ph": "X",
                    "ts": round(pos[0], 3), "dur": round(pos[1], 3), "pid": pid,
                    "tid": pid + 1 + r["cpu"],
                    "args": {"task": task, "line": fmt.syscall_line(r, tables),
                             "seq": r.get("seq"), "cpu": r["cpu"]}})
    return out


def process_events(t, k, tree, at, flow):
    """Fork, exec and exit of trace k's processes as instants, each fork a flow to its child."""
    out = []
    first, last = {}, {}                    # pid -> layout of its first / last call
    for r in t.syscalls:
        if id(r) in at:
            first.setdefault(r.get("pid"), at[id(r)])
            last[r.get("pid")] = at[id(r)]
    cmds = procs.command_lines(t.records)
    instant = lambda name, pos, args: {"name": name, "cat": "process", "ph": "i", "s": "t",
                                       "ts": round(pos[0] + pos[1], 3), "pid": pos[2],
                                       "tid": pos[3], "args": args}
    for r in t.syscalls:
        pos = at.get(id(r))
        if pos is None:
            continue
        ret = r.get("ret")
        if (r.get("name") in procs.CREATORS and isinstance(ret, int) and ret > 0
                and ret in tree and ret != r.get("pid")):
            out.append(instant(f"fork -> pid {ret}", pos, {"child": ret,
                               "place": procs.place_name(tree[ret].place)}))
            if ret in first:
                flow[0] += 1
                fid = PID_STRIDE * k + flow[0]
                out.append({"name": "fork", "cat": "process", "ph": "s", "id": fid,
                            "ts": round(pos[0], 3), "pid": pos[2], "tid": pos[3]})
                c = first[ret]
                out.append({"name": "fork", "cat": "process", "ph": "f", "bp": "e", "id": fid,
                            "ts": round(c[0], 3), "pid": c[2], "tid": c[3]})
        argv = procs.command_line(r)
        if argv is not None and procs.exec_succeeded(r):
            out.append(instant("exec " + " ".join(argv)[:80], pos, {"argv": list(argv)}))
    for pid, end in procs.exits(t.records).items():
        if pid in last:
            out.append(instant(end, last[pid], {"pid": pid}))
    return out


def render(traces, tables=None):
    return json.dumps({"traceEvents": events(traces, tables), "displayTimeUnit": "ns"}, indent=None)
