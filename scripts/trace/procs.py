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
import re
from collections import namedtuple

CREATORS = ("fork", "vfork", "clone", "clone3")
EXECS = ("execve", "execveat")
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


# ---- command lines ---------------------------------------------------------------------
# A quoted word of an argv array, as Ferry and strace print it ("wc") or qemu-user ("wc" too,
# inside {...,NULL}); the C escapes strace and Ferry use are undone so the sources agree.
_WORD = re.compile(r'"((?:[^"\\]|\\.)*)"')
_ESC = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


def _unquote(text):
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            if nxt in _ESC:
                out.append(_ESC[nxt])
                i += 2
                continue
            m = re.match(r"[0-7]{1,3}", text[i + 1:])
            if m:
                out.append(chr(int(m.group(0), 8)))
                i += 1 + len(m.group(0))
                continue
        out.append(c)
        i += 1
    return "".join(out)


def argv_words(text):
    """The words of an argv array as a trace prints it: ["wc", "-l"] (Ferry, strace),
    {"wc","-l",NULL} (qemu-user); a cut array ends with "..." (dropped). None when the text
    is no array (a pointer)."""
    t = str(text or "").strip()
    if not t or t[0] not in "[{":
        return None
    return tuple(_unquote(m.group(1)) for m in _WORD.finditer(t))


def command_line(rec):
    """The argv of an execve/execveat record (a tuple of words), or None when the record
    is no exec or its argv was not decoded."""
    if rec.get("type") != "syscall" or (rec.get("name") or "") not in EXECS:
        return None
    dec = rec.get("decoded") or []
    entry = next((d for d in dec if d and (d.get("name") == "argv" or d.get("kind") == "argv")),
                 None)
    if entry is None:                   # the Linux parsers do not name arguments
        pos = 2 if rec.get("name") == "execveat" else 1
        entry = dec[pos] if len(dec) > pos else None
    return argv_words(entry.get("value")) if entry else None


def exec_succeeded(rec):
    """An exec that replaced the program: result 0, or no result at all (qemu-user never
    prints one for an exec that worked, the new program's log starts elsewhere)."""
    return rec.get("errno") is None and rec.get("ret") in (0, None)


def command_lines(records):
    """{pid: argv tuple of the last exec that replaced its program}."""
    out = {}
    for r in records:
        argv = command_line(r)
        if argv is not None and exec_succeeded(r) and r.get("pid") is not None:
            out[r["pid"]] = argv
    return out



# ---- matching the processes of two traces ----------------------------------------------
def command_key(argv):
    """What two command lines must share to be the same process's: the first 8 words, each
    cut at 32 characters (the tools cut long words at different lengths)."""
    return None if argv is None else tuple(w[:32] for w in argv[:8])


def _children(places):
    kids = {}
    for pl in places:
        if pl and pl[0] < UNATTACHED:
            kids.setdefault(pl[:-1], []).append(pl)
    return {p: sorted(c) for p, c in kids.items()}


def match(tree_a, tree_b, records_a, records_b):
    """{place in b: place in a}: where each process of trace b stands in trace a's tree.

    The roots match. The children of two matched processes are matched by their command
    lines (the argv of the exec each ran; none for a child that ran no program) in fork
    order: their two lists are aligned as a diff, so a child one trace lacks shifts none of
    its later siblings, and children at the same position of a stretch where the command
    lines disagree are paired in fork order. A child of b left unmatched gets a place of its
    own under its parent's, after a's children (1.5 when a's process 1 has four); its
    descendants follow it. A process of b whose creator the trace cannot show (an unattached
    "?N": qemu-user's log can lose a fork's result) takes the place of an unmatched process
    of a with the same command line, if there is one."""
    import difflib
    pa, pb = by_place(tree_a), by_place(tree_b)
    ca, cb = command_lines(records_a), command_lines(records_b)
    key_a = {pl: command_key(ca.get(p.pid)) for pl, p in pa.items()}
    key_b = {pl: command_key(cb.get(p.pid)) for pl, p in pb.items()}
    kids_a, kids_b = _children(pa), _children(pb)
    out = {}

    def walk(b_place, a_place, in_a):
        out[b_place] = a_place
        xs, ys = (kids_a.get(a_place, []) if in_a else []), kids_b.get(b_place, [])
        pairs = {}
        sm = difflib.SequenceMatcher(None, [key_a[x] for x in xs], [key_b[y] for y in ys],
                                     autojunk=False)
        for op, i1, i2, j1, j2 in sm.get_opcodes():
            if op == "equal" or (op == "replace" and i2 - i1 == j2 - j1):
                pairs.update(zip(ys[j1:j2], xs[i1:i2]))
        last = max((x[-1] for x in xs), default=0)
        for y in ys:
            if y in pairs:
                walk(y, pairs[y], True)
            else:
                last += 1
                walk(y, a_place + (last,), False)

    if () in pb:
        walk((), (), () in pa)
    free = [pl for pl in sorted(pa) if pl not in out.values() and pl and pl[0] < UNATTACHED]
    loose = 0
    for pl in sorted(pb):
        if pl in out:
            continue
        same = next((x for x in free if key_a[x] is not None and key_a[x] == key_b[pl]), None)
        if same is not None:
            free.remove(same)
            walk(pl, same, True)
        else:
            out[pl] = (UNATTACHED + loose,)
            loose += 1
    return out


def remap(tree_, mapping):
    """The tree with each process moved to mapping's place for it."""
    return {pid: p._replace(place=mapping.get(p.place, p.place)) for pid, p in tree_.items()}


def exits(records):
    """{pid: "exit 0" or "killed by SIGKILL"} from a trace's exit records."""
    out = {}
    for r in records:
        if r.get("type") == "exit" and r.get("pid") is not None:
            out[r["pid"]] = (f"killed by {r['signal']}" if r.get("signal")
                             else f"exit {r.get('status')}")
    return out
