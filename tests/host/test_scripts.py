"""make compare of whole scripts (PROBES="sh:NAME"): a script's processes cut out of a
whole-boot trace and out of strace's and qemu-user's logs, processes matched across traces by
the command lines they exec'd in fork order, the process tree and the syscall families in the
reports, fork/exec/exit in Perfetto.

Fixtures (real runs of tests/compare/forks.sh, busybox-static 1.35): ferry_x86_64_forks.boot.jsonl
(Ferry x86_64 booted with the userland and script=forks.sh, trace=all: init, rcS and the script),
strace_x86_64_forks.log (linux_script.py's strace -f of the chroot on this host's Linux),
qemu_arm64_forks/ (the logs of linux_script.py's qemu-aarch64 emulators: ql.<pid>, one per
program started, ROOTPID the script's shell).
"""
import json
import os
import subprocess
import sys

import pytest

from ferrytrace import (comparison, families, linux_script, linuxparse, perfetto, procs, records,
                        report_html, report_text, script_tree)

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CHILDREN = {("tr", "a-z", "A-Z"), ("wc", "-l"), ("cat", "/etc/hostname")}


def trace_of(recs, source, abi, label, probe="sh:forks.sh"):
    header = {"type": "header", "source": source, "arch": abi, "abi": abi, "version": 1,
              "cycles_per_sec": 1000000 if source == "strace" else None, "icount": False,
              "probe": probe}
    text = "".join(records.dumps_record(r) + "\n" for r in [header] + recs)
    return records.loads(text, warn=lambda m: None, label=label)


@pytest.fixture
def ferry(fixture_path):
    boot = records.load(fixture_path("ferry_x86_64_forks.boot.jsonl"), warn=lambda m: None)
    recs, root = script_tree.subtree(boot.records, "forks.sh")
    return boot, recs, root


@pytest.fixture
def strace(fixture_path):
    with open(fixture_path("strace_x86_64_forks.log")) as f:
        recs = linuxparse.parse_strace(f.read(), "x86_64", "sh:forks.sh")
    return recs


def test_the_boot_trace_is_cut_to_the_script_and_its_descendants(ferry):
    boot, recs, root = ferry
    pids = {r.get("pid") for r in recs}
    assert 1 not in pids, "init's records are not the script's"
    # the script's shell starts after its exec: busybox's start-up, not rcS's calls
    assert recs[0]["pid"] == root and recs[0]["name"] == "brk"
    assert not any(script_tree.is_script_exec(r, "forks.sh") for r in recs)
    assert any(script_tree.is_script_exec(r, "forks.sh") for r in boot.records)
    tree = procs.tree(recs)
    assert len(tree) == 7 and tree[root].place == ()
    assert set(procs.command_lines(recs).values()) == CHILDREN
    # the whole boot had more processes: mount, hostname, the rcS subshells
    assert len(procs.tree(boot.records)) > len(tree)


def test_ferry_decodes_execs_argv_as_strace_does(ferry):
    boot, _, _ = ferry
    execs = [r for r in boot.records if r.get("name") == "execve"]
    argvs = [d for r in execs for d in r["decoded"] if d["name"] == "argv"]
    assert argvs and all(d["kind"] == "argv" for d in argvs)
    assert '["/bin/sh", "/usr/share/scripts/forks.sh"]' in [d["value"] for d in argvs]


def test_strace_log_is_cut_to_the_script(strace):
    recs, root = script_tree.subtree(strace, "forks.sh")
    assert recs and all(r.get("name") not in ("chdir",) or r["pid"] != root for r in recs[:1])
    cmds = procs.command_lines(recs)
    assert set(cmds.values()) == CHILDREN
    assert len(procs.tree(recs)) == 7
    # the chroot and the outer sh -c are not the script's
    assert not any("chroot" in json.dumps(r.get("decoded")) for r in recs)


def test_qemu_user_logs_of_each_program_are_merged(fixture_path):
    d = fixture_path("qemu_arm64_forks")
    with open(os.path.join(d, "ROOTPID")) as f:
        rootpid = int(f.read())
    recs = linux_script.merge_qemu_logs(d, "arm64", "sh:forks.sh", rootpid)
    assert recs[0]["pid"] == rootpid
    execs = [r for r in recs if r.get("name") == "execve"]
    assert {procs.command_line(r) for r in execs} == CHILDREN
    # an exec that worked prints no result under qemu-user: it returned 0
    assert all(r["ret"] == 0 for r in execs)
    # each exec'd program's own log follows: its calls after the exec are there
    for r in execs:
        own = [x for x in recs if x.get("pid") == r["pid"]]
        assert own.index(r) < len(own) - 2


def fake(pid, name, ret=0, argv=None, **kw):
    dec = None
    if argv is not None:
        dec = [{"name": "filename", "kind": "str", "value": '"/proc/self/exe"'},
               {"name": "argv", "kind": "argv", "value": json.dumps(list(argv)).replace('","', '", "')},
               {"name": "envp", "kind": "ptr", "value": "0x1000"}]
    return dict({"type": "syscall", "pid": pid, "tid": pid, "name": name, "abi": "x86_64",
                 "args": [], "decoded": dec, "ret": ret, "errno": None}, **kw)


def two_execs(root, kids, extra=None):
    """A shell (root) that forks a child exec'ing tr, then one exec'ing wc; extra: a fork
    that runs no program, forked first."""
    recs = [fake(root, "getpid", root)]
    order = ([extra] if extra else []) + list(kids)
    for k in order:
        recs.append(fake(root, "clone", k))
    if extra:
        recs += [fake(extra, "getppid", root), fake(extra, "exit_group", None)]
    for k, argv in zip(kids, (("tr", "a-z", "A-Z"), ("wc", "-l"))):
        recs += [fake(k, "execve", 0, argv), fake(k, "read", 4), fake(k, "exit_group", None)]
    recs += [fake(root, "wait4", k) for k in order] + [fake(root, "exit_group", None)]
    return recs


def test_processes_are_matched_by_command_line_not_only_by_fork_order():
    a = trace_of(two_execs(10, (11, 12)), "ferry", "x86_64", "ferry-x86_64")
    b = trace_of(two_execs(50, (52, 53), extra=51), "strace", "x86_64", "linux-strace-x86_64")
    cmp = comparison.Comparison([a, b])
    # tr and wc stand at a's places 1.1 and 1.2 although they are b's 2nd and 3rd children
    assert cmp.pids_of((1,)) == [11, 52] and cmp.pids_of((2,)) == [12, 53]
    # the fork that ran nothing is only in b, after a's children
    assert cmp.pids_of((3,)) == [None, 51]
    assert cmp.processes_only(cmp.sides[0]) == ["process 1.3 (pid 51) only in linux-strace-x86_64"]
    tr = [p for p in cmp.sides[0]["pairs"] if p["proc"] == (1,)]
    assert tr and all(p["class"] == "equal" for p in tr)
    tree = cmp.process_tree()
    assert [r["place"] for r in tree] == ["1", "1.1", "1.2", "1.3"]
    assert tree[1]["command"] == "tr a-z A-Z" and tree[3]["cells"][0] is None
    # the verdict per process: the Linux column's, never the reference's
    assert [r["cells"][1]["verdict"]["unexpected"] for r in tree] == [2, 0, 0, 2]
    assert all(r["cells"][0] is None or r["cells"][0]["verdict"] is None for r in tree)
    assert "1.1 " in report_text.render(cmp, 200) and ": 2 unexpected" in report_text.render(cmp, 200)
    v = cmp.verdicts()[0]
    # the extra process's two calls, and its parent's clone and wait4 for it
    assert v["unexpected"] == 4 and v["by_trace"] == [("linux-strace-x86_64", 4)]


def test_the_reports_show_the_tree_and_the_families(ferry, strace):
    _, recs, _ = ferry
    s_recs, _ = script_tree.subtree(strace, "forks.sh")
    a = trace_of(recs, "ferry", "x86_64", "ferry-x86_64")
    b = trace_of(s_recs, "strace", "x86_64", "linux-strace-x86_64")
    cmp = comparison.Comparison([a, b])
    assert not cmp.sides[0]["only_a"] and not cmp.sides[0]["only_b"]
    tree = cmp.process_tree()
    assert tree[0]["command"] == "/bin/sh /usr/share/scripts/forks.sh"
    by_cmd = {r["command"]: r for r in tree}
    for argv in CHILDREN:
        cells = by_cmd[" ".join(argv)]["cells"]
        assert all(c and c["argv"] == list(argv) and c["exit"] == "exit 0" for c in cells)
    text = report_text.render(cmp, 160)
    assert "Process tree" in text and "Syscalls by family" in text
    assert "  1.1.2" in text and "tr a-z A-Z" in text
    page = report_html.render(cmp)
    assert 'id="tree"' in page and 'id="families"' in page
    j = json.loads(json.dumps(cmp.to_json()))
    assert j["process_tree"] and j["families"]["rows"]


def test_families_name_each_abis_calls():
    def t(abi, calls, label):
        recs = [dict(fake(1, n), abi=abi, insns=100) for n in calls]
        return trace_of(recs, "ferry", abi, label)
    x = t("x86_64", ["newfstatat", "newfstatat", "mmap", "lseek"], "ferry-x86_64")
    i = t("i386", ["statx", "fstatat64", "mmap2", "_llseek"], "ferry-i386")
    cmp = comparison.Comparison([x, i], known_entries=[])
    rows = {r["family"]: r["cells"] for r in families.summary(cmp.traces, cmp.norm)["rows"]}
    assert families.cell_text(rows["newfstatat"][0]) == "newfstatat 2"
    assert families.cell_text(rows["newfstatat"][1]) == "fstatat64 1"
    assert families.cell_text(rows["mmap"][1]) == "mmap2 1"
    assert families.cell_text(rows["lseek"][1]) == "_llseek 1"
    assert rows["newfstatat"][0]["insns"] == 200
    lines = families.text_lines(cmp.traces, cmp.norm)
    assert any("mmap2 1" in line for line in lines)


def test_perfetto_draws_fork_exec_and_exit():
    recs = two_execs(10, (11, 12))
    for n, r in enumerate(recs):
        r.update(ts=1000 * n, cycles=10)
    recs += [{"type": "exit", "pid": p, "status": 0} for p in (11, 12, 10)]
    t = trace_of(recs, "ferry", "x86_64", "ferry-x86_64")
    t.header["cycles_per_sec"] = 1000000
    ev = json.loads(perfetto.render([t]))["traceEvents"]
    names = [e["name"] for e in ev if e["ph"] == "i"]
    assert names.count("fork -> pid 11") == 1 and "exec tr a-z A-Z" in names
    assert names.count("exit 0") == 3
    starts = {e["id"]: e for e in ev if e["ph"] == "s"}
    ends = {e["id"]: e for e in ev if e["ph"] == "f"}
    assert len(starts) == 2 and starts.keys() == ends.keys()
    assert {ends[i]["pid"] for i in ends} == {11, 12}


def test_argv_in_every_tools_spelling():
    assert procs.argv_words('["wc", "-l"]') == ("wc", "-l")
    assert procs.argv_words('{"wc","-l",NULL}') == ("wc", "-l")
    assert procs.argv_words('["a\\tb", "x\\"y", ...]') == ("a\tb", 'x"y')
    assert procs.argv_words("0x7ffe1000") is None
    strace_rec = {"type": "syscall", "name": "execve", "ret": 0, "errno": None, "decoded": [
        {"name": None, "kind": "str", "value": '"/bin/sh"'},
        {"name": None, "kind": None, "value": '["/bin/sh", "/usr/share/scripts/x.sh"]'},
        {"name": None, "kind": None, "value": "0x1 /* 6 vars */"}]}
    assert script_tree.is_script_exec(strace_rec, "x.sh")
    assert not script_tree.is_script_exec(dict(strace_rec, ret=-2, errno="ENOENT"), "x.sh")


def test_the_linux_chroot_setup():
    s = linux_script.setup_script("/tmp/r", "x.sh", "qemu-user", "arm", "/q/qemu-arm-static")
    assert "mount -t binfmt_misc" in s and ":FP'" in s and r"\x28\x00" in s
    assert "QEMU_LOG=strace" in s and "qemu-arm-static:FP" in s
    assert "env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin" in s and "/usr/share/scripts/x.sh" in s
    s = linux_script.setup_script("/tmp/r", "x.sh", "strace", "x86_64", None, "/tmp/log",
                                  "/tmp/u.cpio", "/tmp/logs")
    assert "binfmt" not in s and "strace -f -ttt -T -s 256 -o /tmp/log chroot" in s
    # the root is a ramfs the cpio is unpacked into, in its order; the logs are the host's
    assert s.index("mount -t ramfs") < s.index("cpio -idm") < s.index("mount --bind /tmp/logs")


def test_values_a_getcwd_nul_and_a_number_against_a_string():
    from ferrytrace import values
    assert values.strings_match({"kind": "buf", "value": '"/tmp/run\\0"'},
                                {"kind": None, "value": '"/tmp/run"'})
    assert values.arg_compatible({"kind": "uint", "value": "140737488350200"},
                                 {"kind": "str", "value": '"sh"'})
    assert not values.arg_compatible({"kind": "str", "value": '"a"'},
                                     {"kind": "str", "value": '"b"'})
    # qemu-x86_64 prints wait4's pid -1 as 4294967295: an int is 32 bits on every ABI
    pid = {"kind": "int", "type": "pid_t", "value": "-1"}
    assert values.arg_compatible(pid, {"kind": None, "value": "4294967295"})
    assert not values.arg_compatible(dict(pid, type="long"), {"kind": None, "value": "4294967295"})


def test_make_compare_names_scripts():
    sys.path.insert(0, os.path.join(TOP, "scripts"))
    import compare
    assert compare.script_source("sh:tests/compare/forks.sh") == "tests/compare/forks.sh"
    assert compare.probe_dir("sh:tests/compare/forks.sh") == "sh-forks.sh"
    assert compare.script_name("sh:files.sh") == "files.sh"
    r = subprocess.run([sys.executable, os.path.join(TOP, "scripts", "compare.py"),
                        "--probes", "sh:nosuch.sh"], capture_output=True, text=True)
    assert r.returncode == 2 and "no probe named sh:nosuch.sh" in r.stderr
