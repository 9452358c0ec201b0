"""Chrome / Perfetto trace-event JSON: {"traceEvents": [...]}, to open in ui.perfetto.dev.

One "X" (complete) event per syscall: ts is the record's ts converted to microseconds with
the header's cycles_per_sec, rebased so each trace starts at 0; dur is cycles converted the
same way (or strace's -T duration "dur_us"). Records without a usable ts (qemu-user has no
clock) are laid out one per microsecond in order, with args.synthetic_time true. Each trace
is its own process in the UI (pid = 1000000 * trace index + pid, named by a metadata event
"label: comm"); tid likewise. args carry the strace line, nr, ABI, route, ret, errno,
cycles and insns.
"""
import json

from . import fmt

PID_STRIDE = 1000000


def events(traces, tables=None):
    out = []
    for k, t in enumerate(traces):
        cps = t.cycles_per_sec
        recs = t.syscalls
        have_ts = bool(cps) and all(r.get("ts") is not None for r in recs) and recs
        base = min(r["ts"] for r in recs) if have_ts else 0
        named = set()
        for n, r in enumerate(recs):
            pid = PID_STRIDE * k + (r.get("pid") or 0)
            tid = PID_STRIDE * k + (r.get("tid") or r.get("pid") or 0)
            if pid not in named:
                named.add(pid)
                out.append({"name": "process_name", "ph": "M", "pid": pid, "tid": tid,
                            "args": {"name": f"{t.label}: {r.get('comm') or t.probe} [pid {r.get('pid')}]"}})
                out.append({"name": "process_sort_index", "ph": "M", "pid": pid, "tid": tid,
                            "args": {"sort_index": k}})
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
                    "route": r.get("route"), "ret": r.get("ret"), "errno": r.get("errno"),
                    "cycles": r.get("cycles"), "insns": r.get("insns"), "seq": r.get("seq")}
            if not have_ts:
                args["synthetic_time"] = True
            out.append({"name": fmt.syscall_name(r), "cat": f"syscall,{r.get('abi')},{r.get('route')}",
                        "ph": "X", "ts": round(ts, 3), "dur": round(dur, 3), "pid": pid, "tid": tid,
                        "args": args})
    return out


def render(traces, tables=None):
    return json.dumps({"traceEvents": events(traces, tables), "displayTimeUnit": "ns"}, indent=None)
