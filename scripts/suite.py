#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The script suite: userspace/scripts/*.sh run by busybox sh at boot, their output compared
with what Debian's Linux 6.1 printed for the same scripts from the same initramfs.

  suite.py [--abi ABI ...] [--kernel ferry|linux] [--record] [--expected DIR] [--jobs N]
           [--objtree ARCH=DIR ...] [--timeout S] [NAME ...]

For each ABI (default: all four) it builds the userland cpio (scripts/userland.py), boots it
once with script=NAMES on the kernel command line (script=all when no NAME is given; rcS
runs each script in /tmp/run/NAME and wraps its output in marker lines, docs/userland.md),
splits the console by the markers and compares each script's output and exit status with
tests/scripts/expected/<abi>/<name>.out. KTAP: one ok / not ok per script and ABI (the
unified diff on failure as '#' lines), one for each boot (it reached '@@@ done' and QEMU
ended with status 0), the wall time of each boot as a '#' line, and a last line
"N passed, N failed". Exit status 0 when everything passed.

  --kernel linux   boot Debian's Linux 6.1 instead (x86_64's kernel for the x86_64 and i386
                   userlands, arm64's for arm64 and arm; scripts/bench/linux.py fetches them)
  --record         write the expected files from this run instead of comparing (with
                   --kernel linux only: the expected output is Linux's, never ours)
  --expected DIR   where the expected files are (default tests/scripts/expected); make check
                   LINUX=1 records into a temporary folder and checks Ferry against it
  --objtree ARCH=DIR  the Ferry kernel of ARCH to boot, as built (default: build/ARCH, brought
                   up to date with make first, as make run does)

Known differences: tests/scripts/known_differences.json names each way Ferry's output may
still differ from Linux's because of something Ferry lacks (each with its reason): the lines
only Linux prints and the lines only Ferry prints, as regular expressions, per script and ABI.
A script whose every differing line is covered passes, its diff and the reason printed as '#'
lines; any other difference fails as before.

Console noise: both kernels boot with 'quiet', which keeps all but error messages off the
console; a marker is found anywhere in a line (a message without a newline before it does
not hide it), and lines in a script's output that carry Linux's printk timestamp
("[    1.234567] ...") are dropped from the comparison and listed as noise.
"""
import argparse
import concurrent.futures as cf
import difflib
import inspect
import os
import re
import sys
import tempfile
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(TOP, "scripts"))

ABIS = ("x86_64", "i386", "arm64", "arm")
ARCH_OF = {"x86_64": "x86_64", "i386": "x86_64", "arm64": "arm64", "arm": "arm64"}
SCRIPTS = os.path.join(TOP, "userspace", "scripts")
EXPECTED = os.path.join(TOP, "tests", "scripts", "expected")
KNOWN = os.path.join(TOP, "tests", "scripts", "known_differences.json")
# The words every boot adds to the command line (see the comment above on noise).
CMDLINE = "quiet"
# TCG runs the whole suite of one ABI in one boot (Ferry 5-20 s, Linux 15-50 s on 2 cores);
# the bound is for a hung script, kept well inside make check's budget.
TIMEOUT = 300

MARKER = re.compile(r"@@@ (?:begin (\S+)|end (\S+) status (-?\d+)|done)\s*$")
PRINTK = re.compile(r"^\[\s*\d+\.\d+\] ")


class Section:
    """One script's part of the console: its lines, and its status once '@@@ end' came."""
    def __init__(self, name):
        self.name, self.lines, self.status, self.noise = name, [], None, []

    def text(self):
        """The form of an expected file: the output, then 'status N' (or nothing)."""
        body = "".join(l + "\n" for l in self.lines)
        return body + (f"status {self.status}\n" if self.status is not None else "")


class Console:
    """A boot's console split by the markers: sections by name, in the order they began."""
    def __init__(self):
        self.sections, self.done, self.outside = {}, False, []


def split(text):
    con = Console()
    cur = None
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        m = MARKER.search(raw)
        before = raw[:m.start()] if m else raw
        if cur is not None and (not m or before):
            # A marker after text on the same line: the text is the script's (a last line
            # printed without a newline) or noise; either way it comes before the marker.
            (cur.noise if PRINTK.match(before) else cur.lines).append(before)
        elif cur is None and before:
            con.outside.append(before)
        if not m:
            continue
        begin, end, status = m.groups()
        if begin:
            cur = con.sections[begin] = Section(begin)
        elif end:
            sec = con.sections.get(end)
            if sec is not None:
                sec.status = int(status)
            cur = None
        else:
            con.done = True
            cur = None
    return con


def expected_file(expected_dir, abi, name):
    return os.path.join(expected_dir, abi, re.sub(r"\.sh$", "", name) + ".out")


def load_known(path=KNOWN):
    """The known differences: a list of dicts with id, reason, scripts, abis, linux_only and
    ferry_only (regular expressions a whole line must match)."""
    import json
    if not os.path.exists(path):
        return []
    with open(path) as f:
        entries = json.load(f)
    for e in entries:
        for key in ("id", "reason", "scripts", "abis", "linux_only", "ferry_only"):
            if key not in e:
                raise ValueError(f"{path}: entry {e.get('id', '?')} has no {key!r}")
        e["linux_re"] = [re.compile(r) for r in e["linux_only"]]
        e["ferry_re"] = [re.compile(r) for r in e["ferry_only"]]
    return entries


def covered_by_known(expected_lines, got_lines, known):
    """The ids of the known differences that explain every line only one side has, or None
    when some differing line is explained by none of them."""
    used = set()
    sm = difflib.SequenceMatcher(None, expected_lines, got_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        for side, lines in (("linux_re", expected_lines[i1:i2]), ("ferry_re", got_lines[j1:j2])):
            for line in lines:
                hit = next((e for e in known if any(r.fullmatch(line) for r in e[side])), None)
                if hit is None:
                    return None
                used.add(hit["id"])
    return used


def judge(sec, expected_text, name, kernel="ferry", known=(), abi=None):
    """(ok, diagnostic lines) for one script's section against its expected text; known:
    the known differences (load_known) that apply to this script and ABI."""
    if sec is None:
        return False, [f"{name} did not run (no '@@@ begin {name}' on the console)"]
    got = sec.text()
    why = []
    if sec.status is None:
        why.append(f"{name} did not finish (no '@@@ end'): the boot timed out or stopped")
    if expected_text is None:
        return False, why + ["no expected output recorded (suite.py --kernel linux --record)"]
    if got == expected_text and not why:
        return True, [f"noise dropped: {l}" for l in sec.noise]
    diff = list(difflib.unified_diff(expected_text.splitlines(), got.splitlines(),
                                     "expected (Linux 6.1)", kernel, lineterm="", n=2))
    applies = [e for e in known if re.sub(r"\.sh$", "", name) in e["scripts"]
               and (abi is None or abi in e["abis"])]
    used = None if why or not applies else covered_by_known(
        expected_text.splitlines(), got.splitlines(), applies)
    if used:
        return True, [f"known difference {e['id']}: {e['reason']}"
                      for e in applies if e["id"] in used] + diff
    return False, why + diff


def scripts(names):
    """The scripts to run: the names given (with or without .sh) or every *.sh, sorted."""
    if names:
        return [n if n.endswith(".sh") else n + ".sh" for n in names]
    return sorted(f for f in os.listdir(SCRIPTS) if f.endswith(".sh"))


def boot(kernel, abi, cpio, cmdline, timeout, objtree):
    """Boot the cpio on one kernel: (status, console text). The boot itself is the
    userland's (scripts/userland_boot.py), shared with make compare."""
    import userland_boot
    kw = dict(kernel=kernel, abi=abi, cpio=cpio, cmdline=cmdline, timeout=timeout)
    if objtree and "objtree" in inspect.signature(userland_boot.boot).parameters:
        kw["objtree"] = objtree
    return userland_boot.boot(**kw)


def run_abi(abi, a, names, workdir):
    """Build, boot and split one ABI: (Console, status, seconds, log path)."""
    import userland
    cpio = userland.build(abi, os.path.join(workdir, f"userland-{abi}.cpio"))
    want = "all" if not a.names else ",".join(names)
    t0 = time.monotonic()
    status, text = boot(a.kernel, abi, cpio, f"{CMDLINE} script={want}", a.timeout,
                        a.objtrees.get(ARCH_OF[abi]))
    seconds = time.monotonic() - t0
    log = os.path.join(workdir, f"console-{a.kernel}-{abi}.txt")
    with open(log, "w") as f:
        f.write(text)
    return split(text), status, seconds, log


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--abi", action="append", choices=ABIS)
    p.add_argument("--kernel", choices=("ferry", "linux"), default="ferry")
    p.add_argument("--record", action="store_true")
    p.add_argument("--expected", default=EXPECTED)
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    p.add_argument("--objtree", action="append", default=[], metavar="ARCH=DIR")
    p.add_argument("--timeout", type=int, default=TIMEOUT)
    p.add_argument("--keep", metavar="DIR", help="keep the cpios and consoles in DIR")
    p.add_argument("names", nargs="*", metavar="NAME")
    a = p.parse_args(argv)
    if a.record and a.kernel != "linux":
        p.error("--record writes Linux's output: use it with --kernel linux")
    a.abis = a.abi or list(ABIS)
    a.objtrees = {}
    for spec in a.objtree:
        arch, eq, path = spec.partition("=")
        if not eq or arch not in ("x86_64", "arm64"):
            p.error(f"--objtree {spec}: expected x86_64=DIR or arm64=DIR")
        a.objtrees[arch] = os.path.abspath(path)
    for n in a.names:
        if not os.path.exists(os.path.join(SCRIPTS, n if n.endswith(".sh") else n + ".sh")):
            p.error(f"{n}: no such script in userspace/scripts")
    return a


def build_kernels(a):
    """Bring build/<arch> up to date for every ARCH without --objtree (a stale kernel would
    judge old code); make's output goes to stderr, a failure is one line and status 2."""
    import subprocess
    env = {k: v for k, v in os.environ.items()
           if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES")}
    for arch in sorted({ARCH_OF[abi] for abi in a.abis} - set(a.objtrees)):
        objtree = os.path.join(TOP, "build", arch)
        cmd = ["make", "-s", f"-j{os.cpu_count() or 1}", "--no-print-directory", "-C", TOP,
               f"ARCH={arch}", f"O={objtree}", "all"]
        if subprocess.run(cmd, stdout=sys.stderr, stdin=subprocess.DEVNULL, env=env).returncode:
            sys.exit(f"suite.py: building the {arch} kernel failed ({' '.join(cmd)})")
        a.objtrees[arch] = objtree


def main(argv=None):
    a = parse_args(argv)
    if a.kernel == "ferry":
        build_kernels(a)
    names = scripts(a.names)
    print("KTAP version 1")
    print(f"1..{len(a.abis) * (len(names) + 1)}")
    sys.stdout.flush()
    tmp = None
    if a.keep:
        workdir = os.path.abspath(a.keep)
        os.makedirs(workdir, exist_ok=True)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="ferry-suite-")
        workdir = tmp.name
    n, passed = 0, 0
    figures = []
    try:
        known = [] if a.record else load_known()
    except (ValueError, OSError) as e:		# json.JSONDecodeError is a ValueError
        sys.exit(f"suite.py: known differences: {e}")
    with cf.ThreadPoolExecutor(max_workers=max(1, a.jobs)) as ex:
        futs = {abi: ex.submit(run_abi, abi, a, names, workdir) for abi in a.abis}
        for abi in a.abis:		# in ABI order, so the report reads the same every time
            results = []
            try:
                con, status, seconds, log = futs[abi].result()
                boot_ok = con.done and status == 0
                boot_why = [f"console: {log}" if a.keep else "",
                            f"QEMU status {status}" + ("" if con.done else ", no '@@@ done'")]
                figures.append(f"{abi} on {a.kernel}: {len(names)} scripts in {seconds:.1f} s")
            except Exception as e:		# the build or the boot could not be done at all
                con, boot_ok, boot_why = split(""), False, [f"{type(e).__name__}: {e}"]
            for name in names:
                exp = expected_file(a.expected, abi, name)
                sec = con.sections.get(name)
                if a.record:
                    ok = sec is not None and sec.status is not None
                    why = [] if ok else judge(sec, None, name)[1][:1]
                    if ok:
                        os.makedirs(os.path.dirname(exp), exist_ok=True)
                        with open(exp, "w") as f:
                            f.write(sec.text())
                        why = [f"recorded {os.path.relpath(exp, TOP)}"]
                else:
                    text = None
                    if os.path.exists(exp):
                        with open(exp) as f:
                            text = f.read()
                    ok, why = judge(sec, text, name, a.kernel, known if a.kernel == "ferry"
                                    else (), abi)
                results.append((ok, f"{abi}_{name[:-3]}", why))
            results.append((boot_ok, f"{abi}_boot_{a.kernel}_reached_done_and_powered_off",
                            [] if boot_ok else boot_why))
            for ok, test, why in results:
                n += 1
                passed += ok
                for line in why:
                    if line:
                        print("# " + line)
                print(f"{'ok' if ok else 'not ok'} {n} {test}")
            sys.stdout.flush()
    for f in figures:
        print("# wall time: " + f)
    if tmp:
        tmp.cleanup()
    print(f"{passed} passed, {n - passed} failed")
    return 0 if passed == n else 1


if __name__ == "__main__":
    sys.exit(main())
