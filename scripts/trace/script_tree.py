"""The part of a whole-system trace that belongs to one script: its shell and every process
the shell and its descendants created (make compare PROBES="sh:NAME.sh").

A script runs as `/bin/sh /usr/share/scripts/NAME` (the userland's rcS on Ferry and on the
booted Linux, scripts/trace/linux_script.py's chroot under strace and qemu-user): its shell
is the process whose exec had that command line. Ferry's trace (trace=all) also holds init,
rcS and the rest of the boot; strace's holds the chroot and mount commands that set the
scratch root up. Both are cut down to the script the same way, here:

  - the root is the process of the first successful exec whose argv is [".../sh",
    "/usr/share/scripts/NAME"]; its records start *after* that exec (the calls before it
    are rcS's, or the runner's, and qemu-user has no exec line for the program it started);
  - a trace with no such exec (qemu-user: the log of the script's shell starts with the
    shell itself) is the script's from its first record, its first process the root;
  - the descendants: every process a fork, vfork, clone or clone3 of a kept process
    returned (not a thread: procs.tree's rule), found over the whole trace, since a child's
    first records may come before its parent's fork returns.
"""
from . import procs

SCRIPT_DIR = "/usr/share/scripts"


def script_path(name):
    return f"{SCRIPT_DIR}/{name}"


def is_script_exec(rec, name):
    """Whether rec is the exec that started the script's shell."""
    argv = procs.command_line(rec)
    return (argv is not None and len(argv) >= 2 and procs.exec_succeeded(rec)
            and argv[0].rsplit("/", 1)[-1] == "sh" and argv[-1] == script_path(name))


def _children(records, start):
    """{pid: [child pids]} from the creating calls at or after index start."""
    tids = {}
    for r in records[start:]:
        if r.get("type") == "syscall" and r.get("pid") is not None and r.get("tid") is not None:
            tids.setdefault(r["pid"], set()).add(r["tid"])
    out = {}
    for r in records[start:]:
        if r.get("type") != "syscall" or (r.get("name") or "") not in procs.CREATORS:
            continue
        ret, pid = r.get("ret"), r.get("pid")
        if not isinstance(ret, int) or ret <= 0 or pid is None or ret == pid:
            continue
        if procs._is_thread(r, ret, tids.get(pid, ())):
            continue
        out.setdefault(pid, []).append(ret)
    return out


def subtree(records, name):
    """(records of the script's processes, root pid or None): see the module comment.
    Records without a pid ("dropped") inside the script's stretch are kept."""
    start = next((n for n, r in enumerate(records) if is_script_exec(r, name)), None)
    if start is None:
        root = next((r.get("pid") for r in records
                     if r.get("type") == "syscall" and r.get("pid") is not None), None)
        first = 0
    else:
        root, first = records[start].get("pid"), start + 1
    if root is None:
        return [], None
    kids, keep, todo = _children(records, first), {root}, [root]
    while todo:
        for c in kids.get(todo.pop(), ()):
            if c not in keep:
                keep.add(c)
                todo.append(c)
    out = []
    for r in records[first:]:
        pid = r.get("pid")
        if pid in keep or (pid is None and r.get("type") == "dropped"):
            out.append(r)
    return out, root
