"""Align two traces' syscall sequences and classify each aligned pair.

The sequences are the traces' syscalls (key: normalised family name, see normalize.py),
exits ("+++exit") and signals ("---SIGxxx"); "dropped" records are left out (their count
is reported). The alignment is difflib.SequenceMatcher's diff of the key sequences, so an
inserted or missing call shifts nothing after it (this is not a zip). A "replace" block is
shown as its deletions followed by its insertions.

Classes of a pair (a from the first trace, b from the other):
  equal      same canonical call, compatible arguments (values.py) and result
  name-only  same family but different ABI names (open vs openat), compatible result and
             compatible arguments of the same parameter name
  differ     same call (or family), different arguments or result; the reasons name each
             field that differs: "arg <parameter name>" (or its index when the first trace
             has no names), "number of args", "result" (two successful results), "errno" (an
             error on either side), "exit status"
  only-a     only in the first trace
  only-b     only in the other trace
A pair matched by a known difference (known.py) keeps its class and is also marked known.

Traces of several processes are aligned process by process: the processes are matched by
their place in the process tree (procs.py: the Nth child of the Mth process, in the order
the forks returned; pids differ between kernels), and each matched pair of processes is
aligned as above. The items of a trace are therefore listed process by process, in tree
order (the root, then its first child and that child's children, ...), each process's
records in their own order; every Item carries its process's place. A process in one trace
only has all its records only in that trace. A trace of one process is one such group.
"""
import difflib
from collections import namedtuple

from . import procs, values

EQUAL, NAME_ONLY, DIFFER, ONLY_A, ONLY_B = "equal", "name-only", "differ", "only-a", "only-b"
CLASSES = (EQUAL, NAME_ONLY, DIFFER, ONLY_A, ONLY_B)
LABELS = {EQUAL: "equal", NAME_ONLY: "name only", DIFFER: "args/results differ",
          ONLY_A: "only in first", ONLY_B: "only in other"}

Item = namedtuple("Item", "rec key canonical proc")


def items(trace, norm, tree=None):
    """The trace's comparable records as Items: process by process in tree order, each
    process's records in order (see the module comment)."""
    tree = procs.tree(trace.records) if tree is None else tree
    out = []
    for r in trace.records:
        place = procs.place_of(tree, r)
        if r["type"] == "syscall":
            canonical, family = norm.key(r)
            out.append(Item(r, family, canonical, place))
        elif r["type"] == "exit":
            out.append(Item(r, "+++exit", "+++exit", place))
        elif r["type"] == "signal":
            sig = "---" + str(r.get("signal"))
            out.append(Item(r, sig, sig, place))
    return sorted(out, key=lambda it: it.proc)     # stable: each process keeps its order


def align(a, b):
    """[(i, j)] aligning item lists a and b; i or j is None on one side only."""
    sm = difflib.SequenceMatcher(None, [x.key for x in a], [y.key for y in b], autojunk=False)
    out = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            out.extend(zip(range(i1, i2), range(j1, j2)))
        else:
            out.extend((i, None) for i in range(i1, i2))
            out.extend((None, j) for j in range(j1, j2))
    return out


def classify(x, y):
    """(class, [reasons]) of two aligned Items (either may be None)."""
    if y is None:
        return ONLY_A, []
    if x is None:
        return ONLY_B, []
    ra, rb = x.rec, y.rec
    if ra["type"] == "exit":
        same = (ra.get("status"), ra.get("signal")) == (rb.get("status"), rb.get("signal"))
        return (EQUAL, []) if same else (DIFFER, ["exit status"])
    if ra["type"] == "signal":
        return EQUAL, []
    renamed = x.canonical != y.canonical
    why = ["number of args" if d is values.ARG_COUNT else f"arg {d}"
           for d in values.args_differences(ra, rb, by_name=renamed)]
    if not values.results_compatible(ra, rb):
        why.append("errno" if ra.get("errno") or rb.get("errno") else "result")
    if why:
        return DIFFER, why
    return (NAME_ONLY if renamed else EQUAL), []


def groups(its):
    """{place: [indices of its items of that process]}, in tree order."""
    out = {}
    for n, it in enumerate(its):
        out.setdefault(it.proc, []).append(n)
    return out


def align_processes(ia, ib):
    """[(i, j)] aligning two item lists process by process (matched by place), in tree
    order; the records of a process only in one list are only in that list."""
    ga, gb = groups(ia), groups(ib)
    out = []
    for place in sorted(set(ga) | set(gb)):
        xa, xb = ga.get(place, []), gb.get(place, [])
        for i, j in align([ia[n] for n in xa], [ib[n] for n in xb]):
            out.append((None if i is None else xa[i], None if j is None else xb[j]))
    return out


def compare(ta, tb, norm, ia=None, ib=None):
    """Align and classify two traces: (items_a, items_b, [pair dicts]).

    Each pair: {"a": index or None, "b": index or None, "class": ..., "why": [...],
    "known": None, "proc": the process's place}.
    """
    ia = items(ta, norm) if ia is None else ia
    ib = items(tb, norm) if ib is None else ib
    pairs = []
    for i, j in align_processes(ia, ib):
        x, y = None if i is None else ia[i], None if j is None else ib[j]
        cls, why = classify(x, y)
        pairs.append({"a": i, "b": j, "class": cls, "why": why, "known": None,
                      "proc": (x or y).proc})
    return ia, ib, pairs


def counts(pairs):
    c = {k: 0 for k in CLASSES}
    c["known"] = 0
    for p in pairs:
        if p.get("known"):
            c["known"] += 1
        else:
            c[p["class"]] += 1
    return c
