# SPDX-License-Identifier: GPL-2.0
"""The benchmark's outputs from its results dict: the terminal table, bench.json and a chart
(matplotlib, Debian's python3-matplotlib; skipped with a note when it is missing)."""
import json
import os


def fmt(v, unit=""):
    if v is None:
        return "-"
    if isinstance(v, str):
        return v
    if isinstance(v, float) and not v.is_integer():
        return f"{v:,.2f}{unit}"
    return f"{int(v):,}{unit}"


def ratio(a, b):
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and b:
        return round(a / b, 3)
    return None


def table(rows, headers):
    cells = [[fmt(c) if not isinstance(c, str) else c for c in r] for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h)
              for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths))
    out = [line, "  ".join("-" * w for w in widths)]
    for r in cells:
        out.append("  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))))
    return "\n".join(out)


def target_text(r):
    """'<= 160', and ', <= 0.5x linux' where the route is also held to a share of Linux's."""
    parts = []
    if r.get("target"):
        parts.append(f"<= {r['target']}")
    if r.get("linux_share_target"):
        parts.append(f"<= {fmt(r['linux_share_target'])}x linux")
    return ", ".join(parts)


def verdict(r):
    """'ok', 'MISS' or '' for a route row; a share of Linux not yet measured leaves the
    instruction target to decide, with a note."""
    checks = [r.get("meets"), r.get("meets_linux_share")]
    if False in checks:
        return "MISS"
    if r.get("linux_share_target") and r.get("meets_linux_share") is None:
        return "ok (linux not run)" if r.get("meets") else ""
    return "ok" if True in checks else ""


def figure(v, key=None):
    """One op's or memory figure for a one-line comparison: per_op, kib, or what is missing
    (or the named field, e.g. spread when only that differs)."""
    if not isinstance(v, dict):
        return "-"
    for k in ((key,) if key else ("per_op", "kib", "missing")):
        if k in v:
            return fmt(v[k])
    return "-"


def alternation(p):
    """'16/16, 9/16': the switch figures' batches that alternated strictly, of Ferry and Linux."""
    if "ferry_alternating" not in p and "linux_alternating" not in p:
        return ""
    return ", ".join(str(p.get(k, "-")) for k in ("ferry_alternating", "linux_alternating"))


def trace_text(res):
    """The tracer's tables (issue 15): extra instructions per traced call beside Linux's
    ftrace, and records per second of wall time. '' when neither was measured."""
    parts = []
    rows = [[f"{r['abi']} {r['route']} {r['call']}", r.get("ferry"), r.get("ferry_traced"),
             r.get("ferry_extra"), f"<= {r['target']:,}",
             {True: "ok", False: "MISS", None: ""}[r.get("meets")], r.get("linux_raw_extra"),
             r.get("linux_getpid_extra") if "linux_getpid_extra" in r else "n/a",
             fmt(ratio(r.get("ferry_extra"), r.get("linux_raw_extra")))
             if ratio(r.get("ferry_extra"), r.get("linux_raw_extra")) is not None else "-"]
            for r in res.get("trace_extra", [])]
    if rows:
        parts.append("Tracing: extra guest instructions per traced call (traced - untraced, "
                     "icount; lower is better)\n" + table(
                         rows, ["route", "untraced", "traced", "ferry extra", "target", "",
                                "linux raw_syscalls", "linux sys_*_getpid",
                                "ferry/linux raw"])
                     + "\n  linux columns: Debian's 6.1 with ftrace's events on (userspace/"
                       "probes/ftrace_bench.c); n/a: Linux gives compat tasks no sys_*_getpid "
                       "events")
    rows = [[r["arch"] + (f" -smp {r['smp']}, {r.get('cpus', '?')} CPU(s) pinned"
                          if r.get("smp") else ""),
             r.get("n"), fmt(r["ns"] / 1e6) + " ms" if r.get("ns") else "-",
             r.get("per_s"), r.get("untraced_per_s"), r.get("records"), r.get("dropped"),
             f">= {r['target']:,}",
             "ok" if r.get("meets") else "MISS",
             r.get("error") or " / ".join(fmt(x) for x in r.get("runs", []))]
            for r in res.get("trace_rate", [])]
    if rows:
        parts.append("Tracing throughput: traced getpid records per second of wall time, no "
                     "icount (trace_rate; checked against the decoded trace)\n" + table(
                         rows, ["arch", "calls", "wall", "records/s", "untraced calls/s",
                                "getpid records",
                                "dropped", "target", "", "runs (records/s) or why not"]))
    return "\n\n".join(parts)


def text(res):
    parts = []
    rows = [[f"{r['abi']} {r['route']} {r['call']}", r["ferry"], r.get("linux"),
             fmt(r.get("ratio")) if r.get("ratio") is not None else "-",
             target_text(r), verdict(r),
             r.get("ferry_traced"), r.get("ferry_notrace"), r.get("trace_off_extra")]
            for r in res["routes"]]
    parts.append("Syscall routes: guest instructions per call (icount; lower is better)\n" + table(
        rows, ["route", "ferry", "linux", "ferry/linux", "target", "", "traced", "no-trace kernel",
               "trace-off extra"]))
    if trace_text(res):
        parts.append(trace_text(res))
    rows = [[f"{p['abi']} {p['op']}", p["ferry"], p.get("linux"),
             fmt(p.get("ratio")) if p.get("ratio") is not None else "-",
             target_text(p), verdict(p), alternation(p)]
            for p in res["process"]]
    parts.append("Process costs: guest instructions per operation (icount; lower is better)\n"
                 + table(rows, ["operation", "ferry", "linux", "ferry/linux", "target", "",
                                "alternated (ferry, linux)"])
                 + "".join(f"\n  {name}: {why}" for name, why in res.get("not_measured", {}).items()))
    for key, title in (("files", "File costs"), ("signals", "Signal costs"),
                       ("vdso", "The vDSO against the syscall")):
        rows = [[f"{p['abi']} {p['op']}", p["ferry"], p.get("linux"),
                 fmt(p.get("ratio")) if p.get("ratio") is not None else "-",
                 target_text(p), verdict(p)]
                for p in res.get(key, [])]
        if rows:
            parts.append(f"{title}: guest instructions per operation (icount; lower is better)\n"
                         + table(rows, ["operation", "ferry", "linux", "ferry/linux", "target", ""]))
    import smp_figures
    if smp_figures.text(res):
        parts.append(smp_figures.text(res))
    rows = [[m["abi"], fmt(m["ferry_kib"]), fmt(m.get("linux_kib"))]
            for m in res.get("memory_per_process", [])]
    if rows:
        parts.append("Memory per process (KiB of free memory per forked child, 100 asleep)\n"
                     + table(rows, ["abi", "ferry", "linux"]))
    if res.get("varies"):
        parts.append("Figures that differed between the two runs (run 1 / run 2)\n" + "\n".join(
            f"  {name}: " + "; ".join(f"{k} {figure(v[0])} / {figure(v[1])}"
                                      + (f" (spread {figure(v[0], 'spread')} / "
                                         f"{figure(v[1], 'spread')})"
                                         if figure(v[0]) == figure(v[1]) else "")
                                      for k, v in d.items())
            for name, d in res["varies"].items()))
    rows = [[f"{b['arch']} {b['path']}", b.get("ready"), b.get("first_user"), b.get("linux_first_user"),
             fmt(b.get("linux_over_ferry")) if b.get("linux_over_ferry") else "-",
             {True: "ok", False: "MISS", None: ""}[b.get("meets")]]
            for b in res["boot"]]
    varies = [f"{b['arch']} {b['path']}: second run {fmt(b['varies']['ready'][1])} / "
              f"{fmt(b['varies']['first_user'][1])} (disk I/O timing)" for b in res["boot"] if b.get("varies")]
    parts.append("Boot: guest virtual ns from QEMU start (= instructions, plus idle time skipped)\n" + table(
        rows, ["arch / boot path", "to ready line", "to first user insn", "linux first user",
               "linux/ferry", "target >= 100x"]) + "".join("\n  " + v for v in varies))
    if res.get("boot_prompt"):
        rows = [[r["abi"], r.get("ferry"), r.get("linux"),
                 fmt(r.get("linux_over_ferry")) if r.get("linux_over_ferry") else "-",
                 "" if len(set(r.get("linux_runs", []))) < 2 else
                 "linux runs " + " / ".join(f"{v:,}" for v in r["linux_runs"])]
                for r in res["boot_prompt"]]
        parts.append("Boot to the busybox shell's prompt: guest instructions from QEMU start "
                     "(the same initramfs on both kernels)\n" + table(
                         rows, ["abi", "ferry", "linux", "linux/ferry", ""]))
    rows = []
    for arch, s in res["size"].items():
        rows.append([arch, s["text"], s["data"], s["bss"], s["image_bytes"], s.get("mem_used_k"),
                     s.get("linux_image_bytes"), s.get("linux_mem_used_k")])
    parts.append("Size (bytes; memory in KiB: total - available at the Memory: line)\n" + table(
        rows, ["arch", "text", "data", "bss", "image file", "mem used K", "linux image", "linux mem used K"]))
    rows = [[k, v] for k, v in res["build"].items()]
    parts.append("Build and test wall times (s)\n" + table(rows, ["what", "seconds"]))
    return "\n\n".join(parts)


def write_json(res, path):
    with open(path, "w") as f:
        json.dump(res, f, indent=1, sort_keys=False)


def chart(res, path):
    """Grouped bars: Ferry vs Linux per route. Returns None or why it was skipped."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        matplotlib.rcParams["svg.hashsalt"] = "ferry-bench"	# same figures, same file
        import matplotlib.pyplot as plt
    except ImportError:
        return "python3-matplotlib is not installed (apt-get install python3-matplotlib)"
    # write32 and openat30 (thousands of instructions, for the tracer's panel) would squeeze
    # the round trips the targets of 120-160 are about: the table has them.
    rows = [r for r in res["routes"] if isinstance(r["ferry"], (int, float))
            and r["call"] not in ("write32", "openat30")]
    labels = [f"{r['abi']}\n{r['route']}\n{r['call']}" for r in rows]
    ferry = [r["ferry"] for r in rows]
    linux = [r["linux"] if isinstance(r.get("linux"), (int, float)) else 0 for r in rows]
    x = range(len(rows))
    procs = [p for p in res.get("process", []) if isinstance(p.get("ferry"), (int, float))
             and p["op"] != "fork_exec_exit_wait"]
    files = [p for p in res.get("files", []) if isinstance(p.get("ferry"), (int, float))]
    # the signal round trip shares the file panel's scale (thousands of instructions)
    signals = [p for p in res.get("signals", []) if isinstance(p.get("ferry"), (int, float))]
    files += signals
    traced = [r for r in res.get("trace_extra", []) if isinstance(r.get("ferry_extra"), (int, float))]
    smp = [r for r in res.get("smp_boot", []) if r.get("ferry_first_user")]
    panels = [x for x in (procs, files, traced, smp) if x]
    fig, axes = plt.subplots(1 + len(panels), 1,
                             figsize=(max(8, len(rows) * 0.9), 4.8 * (1 + len(panels))))
    ax = axes[0] if panels else axes
    w = 0.4
    ax.bar([i - w / 2 for i in x], ferry, w, label="Ferry", color="#2b7bb9")
    if any(linux):
        ax.bar([i + w / 2 for i in x], linux, w, label="Debian Linux 6.1", color="#d95f02")
    for i, r in enumerate(rows):
        if r.get("target"):
            ax.plot([i - w, i + w], [r["target"]] * 2, color="black", lw=1, ls="--")
        if r.get("linux_share_target") and isinstance(r.get("linux"), (int, float)):
            ax.plot([i - w, i + w], [r["linux_share_target"] * r["linux"]] * 2, color="black",
                    lw=1, ls=":")
    ax.set_xticks(list(x))
    ax.set_xticklabels(labels, fontsize=7)
    ax.set_ylabel("guest instructions per call")
    ax.set_title("Syscall round trip under QEMU -icount (dashed: target; dotted: half of Linux)"
                 if any(r.get("linux_share_target") for r in rows)
                 else "Syscall round trip under QEMU -icount (dashed: target)")
    ax.legend()
    if procs:
        process_panel(axes[1], procs, w)
    if traced:
        trace_panel(axes[-1 - bool(smp)], traced, w)
    if smp:
        import smp_figures
        smp_figures.panel(axes[-1], res, w)
    if files:
        process_panel(axes[1 + bool(procs)], files, w,
                      "File costs under QEMU -icount, log scale (dotted: half of Linux, the "
                      "target)" + ("; the signal round trip last" if signals else ""))
    fig.tight_layout()
    fig.savefig(path, metadata={"Date": None})
    plt.close(fig)
    return None


def process_panel(ax, procs, w,
                  title="Process costs under QEMU -icount, log scale (dotted: half of Linux, the target)"):
    """Operation costs (processes, files) on a log scale, half of Linux's dotted."""
    x = range(len(procs))
    ax.bar([i - w / 2 for i in x], [p["ferry"] for p in procs], w, label="Ferry", color="#2b7bb9")
    linux = [p["linux"] if isinstance(p.get("linux"), (int, float)) else 0 for p in procs]
    if any(linux):
        ax.bar([i + w / 2 for i in x], linux, w, label="Debian Linux 6.1", color="#d95f02")
    for i, p in enumerate(procs):
        if p.get("linux_share_target") and isinstance(p.get("linux"), (int, float)):
            ax.plot([i - w, i + w], [p["linux_share_target"] * p["linux"]] * 2, color="black",
                    lw=1, ls=":")
    ax.set_yscale("log")
    ax.set_xticks(list(x))
    ax.set_xticklabels(["\n".join([p["abi"]] + p["op"].split("_")) for p in procs], fontsize=6)
    ax.set_ylabel("guest instructions per operation")
    ax.set_title(title)
    ax.legend()


def trace_panel(ax, rows, w):
    """Extra instructions per traced call: Ferry's tracer beside Linux's raw_syscalls events,
    each call's target dashed."""
    x = range(len(rows))
    ax.bar([i - w / 2 for i in x], [r["ferry_extra"] for r in rows], w, label="Ferry, trace=all",
           color="#2b7bb9")
    linux = [r["linux_raw_extra"] if isinstance(r.get("linux_raw_extra"), (int, float)) else 0
             for r in rows]
    if any(linux):
        ax.bar([i + w / 2 for i in x], linux, w, label="Debian Linux 6.1, ftrace raw_syscalls",
               color="#d95f02")
    for i, r in enumerate(rows):
        ax.plot([i - w, i + w], [r["target"]] * 2, color="black", lw=1, ls="--")
    ax.set_yscale("log")
    ax.set_xticks(list(x))
    ax.set_xticklabels([f"{r['abi']}\n{r['route']}\n{r['call']}" for r in rows], fontsize=6)
    ax.set_ylabel("extra guest instructions per call")
    ax.set_title("Tracing a call under QEMU -icount: traced minus untraced, log scale "
                 "(dashed: target)")
    ax.legend()
