"""Known (expected) differences between traces, from known_differences.json.

An entry matches an aligned pair that is not equal when every field it gives matches (see
the file's _comment). Matched pairs keep their class and get the entry's id in "known";
every report counts and lists them apart from the unexpected differences.
"""
import fnmatch
import json
import os

from . import align

DEFAULT_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "known_differences.json")
FIELDS = {"id", "sources", "abi", "probe", "syscall", "classes", "reasons", "why"}


def load(path=None):
    with open(path or DEFAULT_FILE, encoding="utf-8") as f:
        data = json.load(f)
    entries = data["known"] if isinstance(data, dict) else data
    for e in entries:
        bad = set(e) - FIELDS
        if bad or "id" not in e or "why" not in e:
            raise ValueError(f"known difference {e.get('id')!r}: needs id and why; "
                             f"unknown fields {sorted(bad)}")
        for c in e.get("classes", []):
            if c not in align.CLASSES:
                raise ValueError(f"known difference {e['id']!r}: unknown class {c!r}")
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


def matches(entry, pair, x, y, ta, tb):
    """Whether entry covers the pair (x, y are the pair's Items, ta, tb the traces)."""
    if pair["class"] == align.EQUAL:
        return False
    if "classes" in entry and pair["class"] not in entry["classes"]:
        return False
    if "reasons" in entry and not set(pair["why"]) <= set(entry["reasons"]):
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
    return True


def apply(entries, pairs, ia, ib, ta, tb):
    """Mark pairs covered by a known difference (pair["known"] = the entry's id)."""
    for p in pairs:
        x = None if p["a"] is None else ia[p["a"]]
        y = None if p["b"] is None else ib[p["b"]]
        for e in entries:
            if matches(e, p, x, y, ta, tb):
                p["known"] = e["id"]
                break
    return pairs
