"""Align two traces' syscall sequences and classify each aligned pair.

The sequences are the traces' syscalls (key: normalised family name, see normalize.py),
exits ("+++exit") and signals ("---SIGxxx"); "dropped" records are left out (their count
is reported). The alignment is difflib.SequenceMatcher's diff of the key sequences, so an
inserted or missing call shifts nothing after it (this is not a zip). A "replace" block is
shown as its deletions followed by its insertions. A SIGCHLD delivery (and the sigreturn
after it) is diffed apart from the calls, since where it lands is the scheduler's choice
(FLOATING_SIGNALS below) -- in the traces of a script (sh:NAME), where the shell's children
come and go as the scheduler lets them; in a C probe every signal, SIGCHLD too, is aligned
in place, since where it comes is the program's doing.

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
import bisect
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


def diff(ka, kb):
    """[(i, j)] of difflib's diff of two key lists; i or j is None on one side only."""
    sm = difflib.SequenceMatcher(None, ka, kb, autojunk=False)
    out = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            out.extend(zip(range(i1, i2), range(j1, j2)))
        else:
            out.extend((i, None) for i in range(i1, i2))
            out.extend((None, j) for j in range(j1, j2))
    return out


# A child's exit reaches its parent as SIGCHLD whenever the scheduler lets it: on one kernel
# the signal interrupts a read of the child's pipe, on another it comes after the read
# returned, or with wait4's return. Its delivery (and the sigreturn after it, whose result
# is the interrupted call's) therefore floats: it is aligned apart from the calls, so that
# a SIGCHLD taken one call earlier or later moves no call out of its pair.
FLOATING_SIGNALS = ("---SIGCHLD",)
SIGRETURNS = ("rt_sigreturn", "sigreturn")


def floating(its):
    """Indices of the items that float: each SIGCHLD delivery and a sigreturn right after
    it."""
    out = set()
    for n, it in enumerate(its):
        if it.key in FLOATING_SIGNALS:
            out.add(n)
            if n + 1 < len(its) and its[n + 1].key in SIGRETURNS:
                out.add(n + 1)
    return out


def align(a, b, float_sigchld=False):
    """[(i, j)] aligning item lists a and b; i or j is None on one side only. With
    float_sigchld the calls are diffed first, without the floating signal deliveries; those
    are diffed among themselves and each pair is put back after the last call pair that
    comes before it in its first trace (in the other, for a delivery only there)."""
    fa, fb = (floating(a), floating(b)) if float_sigchld else (set(), set())
    ca = [i for i in range(len(a)) if i not in fa]
    cb = [j for j in range(len(b)) if j not in fb]
    sa, sb = sorted(fa), sorted(fb)
    core = [(None if i is None else ca[i], None if j is None else cb[j])
            for i, j in diff([a[i].key for i in ca], [b[j].key for j in cb])]
    if not fa and not fb:
        return core
    sig = [(None if i is None else sa[i], None if j is None else sb[j])
           for i, j in diff([a[i].key for i in sa], [b[j].key for j in sb])]
    # A floating pair goes just after the last core pair before it on its side: the index
    # of the last item of each side seen up to each core pair never decreases, so bisect.
    last_a, last_b = [], []
    for i, j in core:
        last_a.append(i if i is not None else (last_a[-1] if last_a else -1))
        last_b.append(j if j is not None else (last_b[-1] if last_b else -1))

    def rank(i, j):
        seen, pos = (last_a, i) if i is not None else (last_b, j)
        return bisect.bisect_left(seen, pos) - 0.5

    merged = [(r, 0, p) for r, p in enumerate(core)]
    merged += [(rank(i, j), 1 + n, (i, j)) for n, (i, j) in enumerate(sig)]
    return [p for _, _, p in sorted(merged, key=lambda m: (m[0], m[1]))]


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


def align_processes(ia, ib, float_sigchld=False):
    """[(i, j)] aligning two item lists process by process (matched by place), in tree
    order; the records of a process only in one list are only in that list."""
    ga, gb = groups(ia), groups(ib)
    out = []
    for place in sorted(set(ga) | set(gb)):
        xa, xb = ga.get(place, []), gb.get(place, [])
        for i, j in align([ia[n] for n in xa], [ib[n] for n in xb], float_sigchld):
            out.append((None if i is None else xa[i], None if j is None else xb[j]))
    return out


def compare(ta, tb, norm, ia=None, ib=None, float_sigchld=False):
    """Align and classify two traces: (items_a, items_b, [pair dicts]).

    Each pair: {"a": index or None, "b": index or None, "class": ..., "why": [...],
    "known": None, "proc": the process's place}.
    """
    ia = items(ta, norm) if ia is None else ia
    ib = items(tb, norm) if ib is None else ib
    pairs = []
    for i, j in align_processes(ia, ib, float_sigchld):
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
