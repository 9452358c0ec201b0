"""Load and validate trace files (JSON Lines, one record per line), tolerant of damage.

Record types: header, syscall, dropped, exit, and signal (written by the Linux-column
parsers); fork and comm (from binary traces, binary.py; consumers that do not follow tasks
ignore them). A damaged file still loads: a line that is not JSON is skipped (a cut-off last
line is expected after a crash), unknown record types and unknown fields are ignored; each
such problem is reported once through `warn` (default: a line on stderr).

A record whose fields have the wrong type ("name": 5, "args": "x", "ret": "abc", a header
whose "probe" is not a string) is not damage to skip over: it is dropped, warned about, and
listed in the trace's `bad` ([(line number, what is wrong)]); compare.py refuses a trace
with a bad record (a comparison without it would judge a trace that is not the one traced).

After loading, every syscall record has all fields of the format, filled in where the file
left them out: abi (from the route and header), route (the ABI's default), name and nr (from
the tables), errno (from ret), and "decoded" (None when unknown).
"""
import json
import os
import sys

from . import tables as tbl

FIELDS = {
    "header": {"type", "source", "arch", "abi", "version", "cycles_per_sec", "icount", "probe",
               "command", "host", "note", "insns_per_cycle", "nr_cpus", "rings"},
    "syscall": {"type", "seq", "ts", "cpu", "pid", "tid", "comm", "abi", "route", "nr", "name",
                "args",
                "decoded", "ret", "errno", "cycles", "insns", "dur_us"},
    "dropped": {"type", "count", "ts", "cpu", "seq"},
    "exit": {"type", "pid", "status", "signal", "ts", "cpu", "seq", "dropped_total"},
    "signal": {"type", "pid", "tid", "signal", "info", "ts", "cpu", "seq"},
    # From binary traces (binary.py): a task made (by its parent) and a task's new name.
    "fork": {"type", "seq", "ts", "cpu", "pid", "tid", "child_pid", "child_tid", "clone_flags"},
    "comm": {"type", "seq", "ts", "cpu", "pid", "tid", "comm", "abi", "exec"},
}
DECODED_FIELDS = {"name", "type", "kind", "value", "truncated", "regs"}
KINDS = ("int", "uint", "fd", "str", "buf", "ptr", "flags", "hex", "argv")
# Field types (None is always allowed): strings, lists, numbers, and integers (an int, or a string
# int(v, 0) reads; a bool or a whole float is taken as the int it is).
STRINGS = {"source", "arch", "abi", "probe", "note", "host", "comm", "route", "name", "errno",
           "signal", "clone_flags"}
LISTS = {"command", "args", "decoded"}
NUMBERS = {"cycles_per_sec", "insns_per_cycle"}
INTS = {"version", "seq", "ts", "cpu", "nr_cpus", "rings", "pid", "tid", "nr", "ret",
        "cycles", "insns", "dur_us", "count", "status", "dropped_total", "child_pid",
        "child_tid"}
ROUTE_ABI = {"int80": "i386", "sysenter": "i386", "syscall32": "i386", "svc": "arm64",
             "svc32": "arm"}


class Trace:
    """One loaded trace: its header, its records (in file order) and what was wrong."""

    def __init__(self, path, header, records, warnings, label=None, bad=()):
        self.path = path
        self.bad = list(bad)	# [(line number, what is wrong)]: records dropped as bad
        self.header = header
        self.records = records
        self.warnings = warnings
        self.label = label or (os.path.splitext(os.path.basename(path))[0] if path else "trace")

    @property
    def syscalls(self):
        return [r for r in self.records if r["type"] == "syscall"]

    @property
    def source(self):
        return self.header.get("source") or "unknown"

    @property
    def cycles_per_sec(self):
        return self.header.get("cycles_per_sec")

    @property
    def dropped(self):
        return sum(r.get("count") or 0 for r in self.records if r["type"] == "dropped")

    @property
    def abis(self):
        return sorted({r["abi"] for r in self.syscalls if r.get("abi")})

    @property
    def abi(self):
        """The ABI the trace is of: the header's "abi" (make compare writes it), else the ABI
        most of its syscalls use (an x86_64 probe may make a few int80 calls), else the
        header's "arch"."""
        if self.header.get("abi"):
            return self.header["abi"]
        n = {}
        for r in self.syscalls:
            if r.get("abi"):
                n[r["abi"]] = n.get(r["abi"], 0) + 1
        if n:
            return max(n, key=lambda a: n[a])
        return self.header.get("arch")

    @property
    def probe(self):
        """The probe's name: the header's "probe", else the first syscall's comm, else the label."""
        if self.header.get("probe"):
            return self.header["probe"]
        for r in self.syscalls:
            if r.get("comm"):
                return r["comm"]
        return self.label


def _stderr_warn(msg):
    print(f"warning: {msg}", file=sys.stderr)


def _wrong_type(rec):
    """What is wrong with the types of a record's fields ("field 'name' is 5, not a string"),
    or None."""
    for k, v in rec.items():
        if v is None:
            continue
        if k in STRINGS and not isinstance(v, str):
            return f"field {k!r} is {v!r}, not a string"
        if k in LISTS and not isinstance(v, list):
            return f"field {k!r} is {v!r}, not a list"
        if k in NUMBERS and (isinstance(v, bool) or not isinstance(v, (int, float))):
            return f"field {k!r} is {v!r}, not a number"
        if k in INTS and _int_or_none(v) is None:
            return f"field {k!r} is {v!r}, not an integer"
    return None


def _int_or_none(v):
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, int) or v is None:
        return v
    if isinstance(v, str):
        try:
            return int(v, 0)
        except ValueError:
            return None
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return None


class _Loader:
    def __init__(self, name, warn, tables):
        self.name = name
        self.warn_fn = warn
        self.tables = tables
        self.warned = set()
        self.warnings = []
        self.bad = []

    def warn(self, key, msg):
        if key in self.warned:
            return
        self.warned.add(key)
        text = f"{self.name}: {msg}"
        self.warnings.append(text)
        self.warn_fn(text)

    def syscall(self, rec, header, lineno):
        t = self.tables
        rec.setdefault("seq", None)
        for k in ("ts", "pid", "tid", "nr", "ret", "cycles", "insns"):
            v = rec.get(k)
            rec[k] = _int_or_none(v)
            if v is not None and rec[k] is None:
                self.warn(("badint", k), f"line {lineno}: field {k!r} is not an integer: {v!r}")
        route = rec.get("route")
        if route is not None and route not in tbl.ROUTES:
            self.warn(("route", route), f"line {lineno}: unknown route {route!r}")
        abi = rec.get("abi") or ROUTE_ABI.get(route) or header.get("arch")
        if abi not in tbl.ABIS:
            self.warn(("abi", abi), f"line {lineno}: unknown abi {abi!r}")
        rec["abi"] = abi
        rec["route"] = route or tbl.DEFAULT_ROUTE.get(abi)
        if rec.get("name") is None and rec["nr"] is not None:
            rec["name"] = t.name(abi, rec["nr"])
        elif rec.get("name") is not None and rec["nr"] is None:
            rec["nr"] = t.nr(abi, rec["name"])
        elif rec.get("name") is not None and t.name(abi, rec["nr"]) not in (None, rec["name"]):
            self.warn(("nameclash", abi, rec["nr"]),
                      f"line {lineno}: {abi} nr {rec['nr']} is {t.name(abi, rec['nr'])!r} in the "
                      f"tables but the record says {rec['name']!r}")
        rec.setdefault("name", None)
        args = rec.get("args")
        rec["args"] = [str(a) for a in args] if isinstance(args, list) else []
        dec = rec.get("decoded")
        if dec is not None and not isinstance(dec, list):
            self.warn(("decoded", lineno), f"line {lineno}: 'decoded' is not a list; ignored")
            dec = None
        if dec is not None:
            clean = []
            for d in dec:
                if not isinstance(d, dict):
                    d = {"value": str(d)}
                for k in d:
                    if k not in DECODED_FIELDS:
                        self.warn(("dfield", k), f"unknown field {k!r} in a decoded argument; ignored")
                kind = d.get("kind")
                if kind is not None and kind not in KINDS:
                    self.warn(("kind", kind), f"unknown argument kind {kind!r}; compared as unknown")
                entry = {"name": d.get("name"), "type": d.get("type"), "kind": kind,
                         "value": "" if d.get("value") is None else str(d.get("value")),
                         "truncated": bool(d.get("truncated"))}
                regs = d.get("regs")
                if regs is not None:
                    if (isinstance(regs, list) and regs and len(regs) <= 2 and all(
                            type(x) is int and 0 <= x < 6 for x in regs)):
                        entry["regs"] = regs
                    else:
                        self.warn(("regs", lineno), f"line {lineno}: a decoded argument's "
                                  f"'regs' is not one or two register indexes; ignored")
                clean.append(entry)
            dec = clean
        rec["decoded"] = dec
        ret = rec["ret"]
        if rec.get("errno") is None and ret is not None and -4095 <= ret < 0:
            rec["errno"] = t.errno_name(-ret) or f"E{-ret}"
        rec.setdefault("errno", None)
        rec.setdefault("comm", None)
        return rec

    def load_lines(self, lines):
        header = {}
        records = []
        n = len(lines)
        last = n
        while last > 0 and not lines[last - 1].strip():
            last -= 1
        for lineno, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except ValueError:
                if lineno == last:
                    self.warn(("trunc",), f"line {lineno}: last line is cut off; ignored")
                else:
                    self.warn(("json", lineno), f"line {lineno}: not JSON; ignored")
                continue
            if not isinstance(rec, dict):
                self.warn(("notobj", lineno), f"line {lineno}: not a JSON object; ignored")
                continue
            typ = rec.get("type")
            if typ not in FIELDS:
                self.warn(("type", typ), f"line {lineno}: unknown record type {typ!r}; ignored")
                continue
            for k in [k for k in rec if k not in FIELDS[typ]]:
                self.warn(("field", typ, k), f"line {lineno}: unknown field {k!r} in a {typ} "
                          "record; ignored")
                del rec[k]
            wrong = _wrong_type(rec)
            if wrong:
                self.bad.append((lineno, wrong))
                self.warn(("bad", lineno), f"line {lineno}: bad {typ} record: {wrong}; dropped")
                continue
            if typ == "header":
                if header:
                    self.warn(("header2",), f"line {lineno}: a second header; ignored")
                    continue
                if records:
                    self.warn(("header-late",), f"line {lineno}: header after records")
                header = rec
                continue
            if typ == "syscall":
                rec = self.syscall(rec, header, lineno)
            elif typ == "dropped":
                rec["count"] = _int_or_none(rec.get("count")) or 0
            elif typ == "exit":
                rec["status"] = _int_or_none(rec.get("status"))
            records.append(rec)
        if not header:
            self.warn(("noheader",), "no header record")
        return header, records


def loads(text, name="<string>", warn=None, tables=None, label=None):
    """Load a trace from text. warn(msg) is called once per kind of problem."""
    ld = _Loader(name, warn or _stderr_warn, tables or tbl.load())
    header, records = ld.load_lines(text.splitlines())
    return Trace(name if name != "<string>" else None, header, records, ld.warnings, label,
                 ld.bad)


def load(path, warn=None, tables=None, label=None):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    tr = loads(text, path, warn, tables, label)
    tr.path = path
    if label is None:
        tr.label = os.path.splitext(os.path.basename(path))[0]
    return tr


def dumps_record(rec):
    """One record as a JSON Lines line (no newline)."""
    return json.dumps(rec, ensure_ascii=False, separators=(",", ":"))
