# SPDX-License-Identifier: GPL-2.0
"""Issue 17's figures: what more CPUs cost (scripts/bench.py; docs/benchmarks.md, "SMP").

  boot     the bench probe as /init with -smp 1, 2 and 4, Ferry beside Linux, per arch: guest
           virtual ns from QEMU's start to the probe's first instruction (the counter it
           reads first), and how many CPUs each kernel brought up ("smp: Brought up 1 node,
           N CPUs", which both print): a kernel that brings up one CPU says so here.
  routes   every route of every ABI at -smp 2 beside -smp 1 (the same kernel and probe): the
           per-CPU data the entry code reaches must not cost a route anything, so the two
           must agree within ROUTE_MAX_EXTRA instructions.
  futex    userspace/probes/bench_smp.c at -smp 2: a futex round trip between two processes
           pinned to CPUs 0 and 1 (a cross-CPU wake-up each way), beside the same pair pinned
           to CPU 0, Ferry beside Linux, in guest instructions under -icount; and the cross-
           CPU round trip in wall-clock ns without -icount (native ABIs).

Under -icount QEMU runs the vCPUs of -smp 2 round robin on one host thread and the virtual
clock counts the instructions of both; an idle CPU's time is skipped (sleep=off). A round
trip's figure is therefore the instructions *both* CPUs executed for it (the waker's
FUTEX_WAKE and its wake-up interrupt, the sleeper's wake and its FUTEX_WAIT back, both idle
loops), not a latency. The wall-clock figure is the latency on this host's TCG, two vCPU
threads (MTTCG), and varies with the host's load.
"""
import qemu
import report

CPUS = (1, 2, 4)
# Seconds a Linux boot at -smp N may take: an arm64 one takes about two minutes on a loaded
# host; Debian's x86_64 kernel never gets past "x86: Booting SMP configuration:" under
# -icount here, so this bounds what that costs.
LINUX_TIMEOUT = 300
ROUTE_SMP = 2
ROUTE_MAX_EXTRA = 2


def boot_rows(ferry, linux, arches):
    """ferry, linux: {(arch, n): parsed boot of the bench probe at -smp n}."""
    rows = []
    for arch in arches:
        k = qemu.insns_per_tick(arch)
        for n in CPUS:
            f, lx = ferry.get((arch, n)) or {}, linux.get((arch, n)) or {}
            row = {"arch": arch, "smp": n,
                   "ferry_cpus": f.get("cpus_up"),
                   "ferry_first_user": round(f["first_user"] * k) if f.get("first_user") else None,
                   "linux_cpus": lx.get("cpus_up"),
                   "linux_first_user": (round(lx["first_user"] * k) if lx.get("first_user")
                                        else None)}
            if lx.get("status") == 124:
                row["linux_cpus"] = "timeout"
            row["linux_over_ferry"] = report.ratio(row["linux_first_user"], row["ferry_first_user"])
            if row["linux_over_ferry"] is not None:
                row["linux_over_ferry"] = round(row["linux_over_ferry"], 1)
            rows.append(row)
    return rows


def route_rows(one, two, abis, per_call_insns):
    """one, two: {abi: parsed bench boot at -smp 1 / ROUTE_SMP}; a row per route of one."""
    rows = []
    for abi in abis:
        a, b = one.get(abi) or {}, two.get(abi) or {}
        arch = qemu.ARCH_OF[abi]
        for key in a.get("routes", {}):
            route, call = key.split("/")
            v1, v2 = per_call_insns(a, key, arch), per_call_insns(b, key, arch)
            row = {"abi": abi, "route": route, "call": call, "smp1": v1, "smp2": v2,
                   "cpus": b.get("cpus_up")}
            if isinstance(v1, (int, float)) and isinstance(v2, (int, float)):
                row["extra"] = round(v2 - v1, 2)
                row["meets"] = abs(row["extra"]) <= ROUTE_MAX_EXTRA
            rows.append(row)
    return rows


def futex_rows(ferry, linux, wall_ferry, wall_linux, abis, op_insns):
    """ferry, linux: {abi: parsed bench_smp boot at -smp 2 under icount}; wall_*: the same
    without icount ({abi: parsed}, native ABIs)."""
    rows = []
    for abi in abis:
        f, lx = ferry.get(abi) or {}, linux.get(abi) or {}
        row = {"abi": abi, "cpus": f.get("allowed_cpus"),
               "linux_cpus": "timeout" if lx.get("status") == 124 else lx.get("allowed_cpus")}
        for op in ("futex_samecpu", "futex_xcpu"):
            row[op] = op_insns(f, op, abi) if f else None
            row[f"linux_{op}"] = op_insns(lx, op, abi) if lx else None
            why = (f.get("ops", {}).get(op) or {}).get("missing")
            if why:
                row[f"{op}_missing"] = why
        row["ratio"] = report.ratio(row["futex_xcpu"], row["linux_futex_xcpu"])
        for who, runs in (("ferry", wall_ferry), ("linux", wall_linux)):
            r = ((runs.get(abi) or {}).get("rates") or {}).get("futex_xcpu") or {}
            row[f"{who}_wall_ns"] = round(r["ns"] / r["n"]) if r.get("ns") and r.get("n") else None
        rows.append(row)
    return rows


def text(res):
    """The SMP tables; '' when nothing was measured."""
    parts = []
    rows = [[f"{r['arch']} -smp {r['smp']}", r.get("ferry_cpus"), r.get("ferry_first_user"),
             r.get("linux_cpus"), r.get("linux_first_user"),
             report.fmt(r.get("linux_over_ferry")) if r.get("linux_over_ferry") else "-"]
            for r in res.get("smp_boot", [])]
    if rows:
        parts.append("SMP boot: guest virtual ns from QEMU start to the first user instruction "
                     "(icount), and the CPUs each kernel brought up\n" + report.table(
                         rows, ["arch / -smp", "ferry CPUs", "ferry", "linux CPUs", "linux",
                                "linux/ferry"]))
    rows = [[f"{r['abi']} {r['route']} {r['call']}", r.get("smp1"), r.get("smp2"),
             r.get("extra"), r.get("cpus"),
             {True: "ok", False: "MISS", None: ""}[r.get("meets")]]
            for r in res.get("smp_routes", [])]
    if rows:
        parts.append(f"Syscall routes at -smp {ROUTE_SMP} beside -smp 1: guest instructions per "
                     f"call (icount; target: within {ROUTE_MAX_EXTRA})\n" + report.table(
                         rows, ["route", "-smp 1", f"-smp {ROUTE_SMP}", "extra", "CPUs up", ""]))
    rows = [[r["abi"], f"{report.fmt(r.get('cpus'))} / {report.fmt(r.get('linux_cpus'))}",
             r.get("futex_samecpu"), r.get("linux_futex_samecpu"),
             r.get("futex_xcpu") if r.get("futex_xcpu") is not None
             else r.get("futex_xcpu_missing"),
             r.get("linux_futex_xcpu"),
             report.fmt(r.get("ratio")) if r.get("ratio") is not None else "-",
             r.get("ferry_wall_ns"), r.get("linux_wall_ns")]
            for r in res.get("smp_futex", [])]
    if rows:
        parts.append(f"Futex ping-pong at -smp {ROUTE_SMP}: guest instructions of both CPUs per "
                     "round trip (icount), and wall ns per cross-CPU round trip without icount\n"
                     + report.table(rows, ["abi", "CPUs ferry / linux", "same CPU", "linux same", "cross-CPU",
                                           "linux cross", "ferry/linux", "wall ns",
                                           "linux wall ns"])
                     + "\n  same CPU: both processes pinned to CPU 0; cross-CPU: to CPUs 0 and 1 "
                       "(userspace/probes/bench_smp.c); 1_cpu: the kernel runs one CPU; "
                       "timeout: the boot did not finish")
    return "\n\n".join(parts)


def misses(res):
    return [f"{r['abi']} {r['route']} {r['call']}: {r['extra']} more at -smp {ROUTE_SMP} than "
            f"at -smp 1 (target within {ROUTE_MAX_EXTRA})"
            for r in res.get("smp_routes", []) if r.get("meets") is False]


def panel(ax, res, w):
    """The chart's SMP panel: boot to the first user instruction per arch and -smp, Ferry
    beside Linux, log scale."""
    rows = [r for r in res.get("smp_boot", []) if r.get("ferry_first_user")]
    x = range(len(rows))
    ax.bar([i - w / 2 for i in x], [r["ferry_first_user"] for r in rows], w, label="Ferry",
           color="#2b7bb9")
    linux = [r.get("linux_first_user") or 0 for r in rows]
    if any(linux):
        ax.bar([i + w / 2 for i in x], linux, w, label="Debian Linux 6.1", color="#d95f02")
    ax.set_yscale("log")
    ax.set_xticks(list(x))
    ax.set_xticklabels([f"{r['arch']}\n-smp {r['smp']}\n{r.get('ferry_cpus') or '?'} up"
                        for r in rows], fontsize=7)
    ax.set_ylabel("guest ns to the first user instruction")
    ax.set_title("Boot with 1, 2 and 4 CPUs under QEMU -icount, log scale "
                 "(\"N up\": CPUs Ferry brought up)")
    ax.legend()
