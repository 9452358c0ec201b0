"""The process tree of a trace, so that traces from different kernels can be matched process
by process although their pids differ.

A process is a thread group: the records' "pid" (Ferry writes the task's tgid there, the
Linux parsers the process id; "tid" is the thread). Each process gets a *place* in the tree:
the root (the first process in the trace, the probe) is (), the Nth child that process P
created, counted in the order P's fork, vfork, clone and clone3 calls returned, is
P's place + (N,), N from 1. Places, not pids, are what two traces have in common: the 2nd
child of the 1st child of the probe is (1, 2) on Ferry, under qemu-user, strace and a booted
Linux alike.

A creating call is a new process, not a thread, unless it is a thread of its own group:
its flags name CLONE_THREAD (decoded text, or clone's raw first register), or records of
the caller's group carry the returned id as their tid. A creating call whose child left no
record (it exited before its first call, or the trace cannot see it) still takes its number,
so its younger siblings keep their places.

Records of a pid that no creating call in the trace returned (a trace that starts late, a
parser that could not see the fork) are processes of their own, placed after the tree, in
the order they first appear: (UNATTACHED + n,).
"""
from collections import namedtuple

CREATORS = ("fork", "vfork", "clone", "clone3")
CLONE_THREAD = 0x00010000
UNATTACHED = 1000000

Process = namedtuple("Process", "place pid tids comm")


def place_name(place):
    """"1" for the root, "1.2.1" for the 1st child of the 2nd child of the root;
    "?3" for the third process of unknown parent."""
    if place and place[0] >= UNATTACHED:
        return f"?{place[0] - UNATTACHED + 1}"
    return ".".join(["1"] + [str(n) for n in place])


def _name(rec):
    return rec.get("name") or ""


def _is_thread(rec, ret, tids_of_caller):
    if ret in tids_of_caller:
        return True
    for d in rec.get("decoded") or ():
        if d and "CLONE_THREAD" in str(d.get("value") or ""):
            return True
    if _name(rec) == "clone" and rec.get("args"):
        try:
            return bool(int(rec["args"][0], 16) & CLONE_THREAD)
        except (TypeError, ValueError):
            return False
    return False


def tree(records):
    """{pid: Process} for the records (syscall, exit and signal records with a pid; a
    record without one belongs to the root), places as the module comment says."""
    order, tids, comm = [], {}, {}
    for r in records:
        if r.get("type") not in ("syscall", "exit", "signal") or r.get("pid") is None:
            continue
        pid = r["pid"]
        if pid not in tids:
            order.append(pid)
            tids[pid] = []
        tid = r.get("tid")
        if r.get("type") == "syscall" and tid is not None and tid not in tids[pid]:
            tids[pid].append(tid)
        if r.get("comm") and r.get("type") == "syscall":
            comm[pid] = r["comm"]           # the last name: an exec'd program's
    if not order:
        return {}
    created = {}                            # pid: the processes it created, in order
    for r in records:
        if r.get("type") != "syscall" or _name(r) not in CREATORS:
            continue
        ret, pid = r.get("ret"), r.get("pid")
        if not isinstance(ret, int) or ret <= 0 or pid is None or ret == pid:
            continue
        if ret not in tids and _is_thread(r, ret, tids.get(pid, ())):
            continue
        created.setdefault(pid, []).append(ret)
    # From the root down (a child's own fork may be recorded before its parent's returned).
    places, todo = {order[0]: ()}, [order[0]]
    while todo:
        pid = todo.pop()
        for n, child in enumerate(created.get(pid, ()), 1):
            if child not in places:
                places[child] = places[pid] + (n,)
                todo.append(child)
    loose = 0
    for pid in order:
        if pid not in places:
            places[pid] = (UNATTACHED + loose,)
            loose += 1
    return {pid: Process(places[pid], pid, tids.get(pid) or [pid], comm.get(pid))
            for pid in order}


def place_of(tree_, rec):
    """The place of the process a record belongs to (records without a pid: the root)."""
    p = tree_.get(rec.get("pid"))
    return p.place if p else ()


def by_place(tree_):
    """{place: Process}."""
    return {p.place: p for p in tree_.values()}
