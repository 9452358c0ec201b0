"""make check's case for make compare of a whole script (docs/tracing.md, "Comparing whole
scripts"): tests/compare/forks.sh on x86_64, the way `make compare
PROBES=sh:tests/compare/forks.sh ABIS=x86_64 LINUX=1` runs it, on the kernel check.py built:
the userland booted with script=forks.sh and everything traced, the script's processes cut
out, the same cpio under strace -f in a chroot, and scripts/trace/compare.py's JSON report.

It passes when the comparison ran (status 0 or 1: a verdict), every process of the script is
in both columns at the same place, and Ferry's trace names the command line of each exec'd
program (tr, wc, cat: the tracer's argv decoding, which the matching relies on). The verdict
itself is not required to match: Ferry's own differences (sendfile to the console, time()
without an RTC) are the report's business, shown in the diagnostics. A host that cannot run
the strace column (no user namespaces, not x86_64) skips the case with linux_script.py's
reason (KTAP # SKIP), as it is the host's limit and not a regression.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
SCRIPT = os.path.join("tests", "compare", "forks.sh")
NAME = "forks.sh"
WANT = {("tr", "a-z", "A-Z"), ("wc", "-l"), ("cat", "/etc/hostname")}


class Skip(Exception):
    """The host cannot run the strace column (no user namespaces, not an x86_64 host): the
    case is skipped with this reason, not failed."""


# What linux_script.py's "skipping" line says when the host is the limit: no user namespaces
# (unshare refused, or a mount in it refused: a container's seccomp/AppArmor profile, a
# sysctl), not an x86_64 host, no strace. Any other reason (no trace, a script that did not
# run) is a failure of the case, as before.
HOST_LIMITS = re.compile(r"unshare failed|did not enter a user namespace|does not run \S+ "
                         r"natively|Operation not permitted|Permission denied")


def skip_reason(stderr):
    """linux_script.py's reason for skipping the column when the host cannot run it (it says
    so on stderr and exits 0), or None."""
    for line in stderr.splitlines():
        if "linux_script.py: skipping " in line and HOST_LIMITS.search(line):
            return line.split("linux_script.py: ", 1)[1]
    return None


def run(objtree, abi="x86_64"):
    """(ok, diagnostic lines); raises Skip when the host cannot run the strace column."""
    for sub in ("scripts", os.path.join("scripts", "trace")):
        if os.path.join(TOP, sub) not in sys.path:
            sys.path.insert(0, os.path.join(TOP, sub))
    import userland			# noqa: E402 (scripts/userland.py)
    import _boot			# noqa: E402
    _boot.package()
    from ferrytrace import records, script_tree	# noqa: E402
    with tempfile.TemporaryDirectory(prefix="ferry-shcompare-") as tmp:
        cpio = os.path.join(tmp, f"{abi}.cpio")
        try:
            userland.build(abi, cpio, add=[(script_tree.script_path(NAME), os.path.join(TOP, SCRIPT))])
        except Exception as e:		# noqa: BLE001 - any failure is this case's
            return False, [f"userland: {e}"]
        boot = os.path.join(tmp, "boot.jsonl")
        r = subprocess.run([PYTHON, os.path.join(TOP, "scripts", "qemu-run.py"), "--arch", "x86_64",
                            "--objtree", objtree, "--initrd", cpio, "--cmdline",
                            f"script={NAME} trace=all", "--trace", boot, "--icount",
                            "--timeout", "120"], capture_output=True, text=True)
        if r.returncode or not os.path.exists(boot):
            return False, [f"Ferry boot: status {r.returncode}"] + r.stdout.splitlines()[-20:]
        tr = records.load(boot, warn=lambda m: None)
        recs, _ = script_tree.subtree(tr.records, NAME)
        ferry = os.path.join(tmp, "ferry.jsonl")
        with open(ferry, "w") as f:
            for rec in [dict(tr.header, probe="sh:" + NAME, abi=abi)] + recs:
                f.write(records.dumps_record(rec) + "\n")
        r = subprocess.run([PYTHON, os.path.join(TOP, "scripts", "trace", "linux_script.py"),
                            "--cpio", cpio, "--abi", abi, "--script", NAME, "--via", "strace",
                            "--out", tmp], capture_output=True, text=True)
        linux = os.path.join(tmp, f"{abi}-{NAME}.strace.jsonl")
        skipped = skip_reason(r.stderr)
        if skipped and not os.path.exists(linux):
            raise Skip(skipped)
        if not os.path.exists(linux):
            return False, ["linux_script.py wrote no trace"] + r.stderr.splitlines()[-10:]
        report = os.path.join(tmp, "report.json")
        c = subprocess.run([PYTHON, os.path.join(TOP, "scripts", "trace", "compare.py"), ferry, linux,
                            "--labels", f"ferry-{abi},linux-strace-{abi}", "--json", report],
                           capture_output=True, text=True)
        if c.returncode not in (0, 1) or not os.path.exists(report):
            return False, [f"compare.py: status {c.returncode}"] + c.stderr.splitlines()[-5:]
        with open(report) as f:
            rep = json.load(f)
    problems = []
    tree = rep["process_tree"]
    for row in tree:
        if any(c is None for c in row["cells"]):
            problems.append(f"process {row['place']} ({row['command']}) is not in both columns")
    ferry_argvs = {tuple(row["cells"][0]["argv"]) for row in tree
                   if row["cells"][0] and row["cells"][0]["argv"]}
    if ferry_argvs != WANT:
        problems.append(f"Ferry's execs name {sorted(ferry_argvs)}, not {sorted(WANT)}")
    if len(tree) != 7:
        problems.append(f"{len(tree)} processes, forks.sh makes 7")
    lines = [f"{row['place']:<8} {row['command'] or '(fork)'}" for row in tree]
    lines += [v["line"] for v in rep["verdicts"]]
    return not problems, problems + lines
