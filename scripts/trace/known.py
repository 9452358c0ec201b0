"""Known (expected) differences between traces, from known_differences.json.

An entry applies to an aligned pair that is not equal when every field it gives matches
(sources, abi, probe, syscall, classes: see the file's _comment). What it then covers:
  - a call only in one trace (only-a, only-b): the whole pair;
  - a pair that differs: only the fields the entry names in "differs" ("arg len",
    "result", "errno", "exit status", ... as align.py names the reasons). The pair is known
    when every one of its reasons is covered by an entry that applies; one entry may cover
    one field and another entry the rest (own-path names the file name, qemu-user-fds the
    descriptor). A reason no entry names leaves the pair unexpected: an mmap whose length
    differs is not excused by an entry for the address.
So every entry that can apply to a "differ" pair must say which fields it covers; load()
refuses one that does not. Likewise an entry that can apply to a call only in one trace
(classes left out, or only-a / only-b) covers that call whole, so it must say which calls
with "syscall" or "lines"; load() refuses one that names neither (it would excuse any extra
or missing call of its sources and probe). "lines" narrows an entry to records of one shape: fnmatch
patterns on the strace line of the pair's first record (the reference's: the Ferry trace
when a Linux trace is judged; for a call only in the other trace, that record), e.g.
'write(1, "ok * getpid = *' or 'prlimit64(* = -1 ENOSYS*'. Matched pairs keep their class and get the ids of the entries
that covered them in "known" (a list); every report counts and lists them apart.
"process" narrows an entry to the records of processes at some places of the process tree
(procs.py): fnmatch patterns on the place's name, "1" the probe itself, "1.*" every process
it forked and theirs; such an entry names its calls as well as "syscall" would (a column that
cannot see the probe's children: every record of theirs only in the other trace).
"""
import fnmatch
import json
import os

from . import align, fmt, procs

DEFAULT_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "known_differences.json")
FIELDS = {"id", "sources", "abi", "probe", "syscall", "lines", "process", "classes", "differs",
          "why"}
ONLY = (align.ONLY_A, align.ONLY_B)


def load(path=None):
    with open(path or DEFAULT_FILE, encoding="utf-8") as f:
        data = json.load(f)
    entries = data["known"] if isinstance(data, dict) else data
    ids = set()
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ValueError("the known differences must be a list of objects")
    for e in entries:
        bad = set(e) - FIELDS
        if bad or "id" not in e or "why" not in e:
            raise ValueError(f"known difference {e.get('id')!r}: needs id and why; "
                             f"unknown fields {sorted(bad)}")
        for k in ("sources", "abi", "syscall", "lines", "process", "classes", "differs"):
            if k in e and not (isinstance(e[k], list) and e[k]
                               and all(isinstance(x, str) for x in e[k])):
                raise ValueError(f"known difference {e['id']!r}: {k!r} must be a non-empty "
                                 f"list of strings")
        for k in ("id", "probe", "why"):
            if k in e and not isinstance(e[k], str):
                raise ValueError(f"known difference {e.get('id')!r}: {k!r} must be a string")
        for c in e.get("classes", []):
            if c not in align.CLASSES:
                raise ValueError(f"known difference {e['id']!r}: unknown class {c!r}")
        if e["id"] in ids:
            raise ValueError(f"known difference {e['id']!r}: the id is used twice")
        ids.add(e["id"])
        if set(ONLY) & set(e.get("classes", align.CLASSES)) and not (
                e.get("syscall") or e.get("lines") or e.get("process")):
            raise ValueError(f"known difference {e['id']!r}: it can match a call only in one "
                             f"trace, which it would cover whole, so it must name the calls in "
                             f"\"syscall\", \"lines\" or \"process\", or leave only-a and only-b out of "
                             f"classes")
        if align.DIFFER in e.get("classes", align.CLASSES) and not e.get("differs"):
            raise ValueError(f"known difference {e['id']!r}: it can match a pair that differs, "
                             f"so it must name the fields it covers in \"differs\" (e.g. "
                             f"[\"result\"], [\"arg addr\"]), or leave \"differ\" out of classes")
    return entries


def _names(item):
    if item is None:
        return set()
    r = item.rec
    out = {item.canonical, item.key}
    if r.get("name"):
        out.add(r["name"])
    return out


def _side_ok(entry, trace, item):
    """sources and abi hold for one side: its trace's source, its record's ABI (or, for a
    side without a record or a record without an ABI, one of its trace's ABIs)."""
    if "sources" in entry and trace.source not in entry["sources"]:
        return False
    if "abi" in entry:
        abi = item.rec.get("abi") if item is not None else None
        abis = {abi} if abi else set(trace.abis)
        if not abis & set(entry["abi"]):
            return False
    return True


def applies(entry, pair, x, y, ta, tb):
    """Whether entry is about this pair (x, y are the pair's Items, ta, tb the traces);
    which of a differing pair's fields it covers is covering()'s business."""
    if pair["class"] == align.EQUAL:
        return False
    if "classes" in entry and pair["class"] not in entry["classes"]:
        return False
    if "probe" in entry and not any(fnmatch.fnmatchcase(p, entry["probe"])
                                    for p in (ta.probe, tb.probe)):
        return False
    if ("sources" in entry or "abi" in entry) and not (
            _side_ok(entry, ta, x) or _side_ok(entry, tb, y)):
        return False
    if "syscall" in entry:
        names = _names(x) | _names(y)
        if not any(fnmatch.fnmatchcase(n, pat) for n in names for pat in entry["syscall"]):
            return False
    if "process" in entry:
        place = procs.place_name((x or y).proc)
        if not any(fnmatch.fnmatchcase(place, pat) for pat in entry["process"]):
            return False
    if "lines" in entry:
        line = fmt.record_line((x or y).rec, None)
        if not any(fnmatch.fnmatchcase(line, pat) for pat in entry["lines"]):
            return False
    return True


def covering(entries, pair, x, y, ta, tb):
    """The ids of the entries that together cover the pair, or None when it stays unexpected."""
    hits = [e for e in entries if applies(e, pair, x, y, ta, tb)]
    if not hits:
        return None
    if pair["class"] in ONLY or not pair["why"]:
        return [hits[0]["id"]]
    ids = []
    for reason in pair["why"]:
        e = next((e for e in hits if reason in e.get("differs", ())), None)
        if e is None:
            return None
        if e["id"] not in ids:
            ids.append(e["id"])
    return ids


def apply(entries, pairs, ia, ib, ta, tb):
    """Mark pairs covered by known differences (pair["known"] = the entries' ids)."""
    for p in pairs:
        x = None if p["a"] is None else ia[p["a"]]
        y = None if p["b"] is None else ib[p["b"]]
        p["known"] = covering(entries, p, x, y, ta, tb)
    return pairs
