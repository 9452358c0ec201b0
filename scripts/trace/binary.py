"""Read a raw binary trace (*.ftr, format version 2) into records in records.py's schema.

The contract is include/uapi/linux/ferry_trace.h. What the host keeps (scripts/qemu-run.py
--trace) is a raw stream file:

  the file header page (FTR_HEADER_SIZE bytes) as the guest left it,
  nr_rings ring control blocks (FTR_RING_CTL_SIZE bytes each), final values,
  the record bytes in the order the host consumed them (whole records, FTR_PAD dropped).

parse() walks it and returns the header, the ring blocks and the raw records (dicts per
type); records() turns those into JSON-Lines records: merged across rings by (ts, cpu, seq),
comm tracked from FTR_COMM / FTR_FORK, arguments decoded on the host (decode/) from the
kernel's syscall metadata (meta.py) and the captured user memory. convert() writes them.

Damage never raises: a bad magic or version, a truncated header, a record whose size is
impossible (not a multiple of 8, under 8) or that is cut at the end stop the walk with a
warning and keep what came before (the stream has no framing past a record's size); a
record of an unknown type or version, or one too short for its type, is stepped over by
its size with a warning.

Losses in transit (a ring the host gave up on, a walk stopped on damage, a host that died
between drains) are found per ring: its records carry consecutive seq numbers and its
control block counts the records written, so a gap in seq, or fewer records than counted,
becomes a "dropped" record where the gap is, and a warning, apart from the losses the guest
announced (FTR_DROPPED, for want of room).
"""
import json
import os
import struct
import sys
from collections import namedtuple

from . import decode, meta as metamod, tables as tbl
from .decode.text import CAP_FAULT, CAP_TRUNCATED, chex, ptr  # noqa: F401

MAGIC = b"FERRYTR2"
VERSION = 2
HEADER_SIZE = 4096
RING_CTL_SIZE = 4096

PAD, SYSCALL, DROPPED, FORK, COMM, EXIT, SIGNAL = range(7)
TYPE_NAMES = {PAD: "pad", SYSCALL: "syscall", DROPPED: "dropped", FORK: "fork", COMM: "comm",
              EXIT: "exit", SIGNAL: "signal"}
SC_NO_RETURN, SC_ENTRY_ONLY = 0x1, 0x2
COMM_EXEC = 0x1
EXIT_GROUP = 0x1
CAP_KINDS = {1: "string", 2: "in", 3: "out", 4: "argv", 5: "iov", 6: "nr_ptrs"}

ARCHES = {1: "x86_64", 2: "arm64"}
ABIS = {1: "x86_64", 2: "i386", 3: "arm64", 4: "arm"}
ROUTES = {0: "syscall", 1: "int80", 2: "sysenter", 3: "syscall32", 4: "svc", 5: "svc32"}

# struct ftr_file_header up to kernel[64]; struct ftr_ring_ctl's head, records, dropped, tail.
HEADER = struct.Struct("<8sIIQIIIIQIIQQII64s")
RING_CTL = struct.Struct("<QQQ40xQ")
HDR = struct.Struct("<BBHHH")
# The body of each type after its 8-byte ftr_hdr.
BODY = {
    SYSCALL: struct.Struct("<QQQIIiBBBB6Qq"),
    DROPPED: struct.Struct("<QQQ"),
    FORK: struct.Struct("<QQIIIIQ"),
    COMM: struct.Struct("<QQIIB7x16s"),
    EXIT: struct.Struct("<QQIIiI"),
    SIGNAL: struct.Struct("<QQIIiiiiIiqqQQ"),
}
CAPTURE = struct.Struct("<BBBBHH")

Capture = namedtuple("Capture", "arg kind flags data want")


def _warn_stderr(msg):
    print(f"warning: {msg}", file=sys.stderr)


def _cstr(b):
    return b.split(b"\0", 1)[0].decode("utf-8", "replace")


class Raw:
    """What parse() found: header (dict or None), rings [dict], recs [dict], warnings."""

    def __init__(self):
        self.header = None
        self.rings = []
        self.recs = []
        self.warnings = []


def parse_header(data, raw, warn):
    if len(data) < HEADER.size:
        warn(f"file of {len(data)} bytes: shorter than the header; no records")
        return False
    (magic, version, header_size, size, nr_rings, ring_size, arch, icount, cps, ipc, nr_cpus,
     boot_ts, orphan, ready, _r, kernel) = HEADER.unpack_from(data, 0)
    if magic != MAGIC and magic[:7] == MAGIC[:7]:
        warn(f"format {magic[7:].decode('ascii', 'replace')} ({magic!r}), this reader knows "
             f"{VERSION}; no records")
        return False
    if magic == bytes(8):
        warn("the header is all zeros (the runner never wrote it back: a crashed run?); "
             "no records")
        return False
    if magic != MAGIC:
        warn(f"bad magic {magic!r} (not a Ferry binary trace, or not format 2); no records")
        return False
    if version != VERSION:
        warn(f"format version {version}, this reader knows {VERSION}; no records")
        return False
    if header_size != HEADER_SIZE:
        warn(f"header size {header_size}, not {HEADER_SIZE}; no records")
        return False
    if not ready:
        warn("the guest never marked the header ready (tracing did not start)")
    raw.header = {"size": size, "nr_rings": nr_rings, "ring_size": ring_size,
                  "arch": ARCHES.get(arch), "icount": bool(icount), "cycles_per_sec": cps,
                  "insns_per_cycle": ipc, "nr_cpus": nr_cpus, "boot_ts": boot_ts,
                  "orphan_dropped": orphan, "ready": bool(ready), "kernel": _cstr(kernel)}
    if arch not in ARCHES and ready:
        warn(f"unknown arch {arch} in the header")
    return True


def parse_record(data, off, typ, size, cpu, flags):
    """One record's fields (a dict with 'type', 'cpu', 'flags', ...) or a string saying what
    is wrong with it."""
    body = BODY[typ]
    if size < HDR.size + body.size:
        return f"{TYPE_NAMES[typ]} record of {size} bytes, needs {HDR.size + body.size}"
    v = body.unpack_from(data, off + HDR.size)
    r = {"type": typ, "cpu": cpu, "flags": flags, "seq": v[0], "ts": v[1]}
    if typ == SYSCALL:
        (r["cost"], r["pid"], r["tid"], r["nr"], r["abi"], r["route"], ncap, _res) = v[2:10]
        r["args"], r["ret"] = list(v[10:16]), v[16]
        caps, p, end = [], off + HDR.size + body.size, off + size
        for i in range(ncap):
            if p + CAPTURE.size > end:
                return f"syscall record's capture {i} of {ncap} runs past its end"
            arg, kind, cflags, _r, length, want = CAPTURE.unpack_from(data, p)
            p += CAPTURE.size
            if p + length > end:
                return f"syscall record's capture {i} ({length} bytes) runs past its end"
            caps.append(Capture(arg, CAP_KINDS.get(kind, kind), cflags, bytes(data[p:p + length]),
                                want))
            p += (length + 7) & ~7
        r["captures"] = caps
    elif typ == DROPPED:
        r["count"] = v[2]
    elif typ == FORK:
        r["pid"], r["tid"], r["child_pid"], r["child_tid"], r["clone_flags"] = v[2:7]
    elif typ == COMM:
        r["pid"], r["tid"], r["abi"], r["comm"] = v[2], v[3], v[4], _cstr(v[5])
    elif typ == EXIT:
        r["pid"], r["tid"], r["status"] = v[2:5]
    elif typ == SIGNAL:
        (r["pid"], r["tid"], r["signo"], r["code"], r["errno"], r["si_pid"], r["si_uid"],
         r["si_status"], r["si_utime"], r["si_stime"], r["si_addr"], r["si_value"]) = v[2:14]
    return r


def parse(data, warn=None):
    """Parse a raw stream file's bytes into a Raw."""
    raw = Raw()

    def w(msg):
        raw.warnings.append(msg)
        (warn or _warn_stderr)(msg)

    data = memoryview(data)
    if not parse_header(data, raw, w):
        return raw
    n = raw.header["nr_rings"]
    off = HEADER_SIZE
    for i in range(n):
        if off + RING_CTL.size > len(data):
            w(f"file ends in ring control block {i} of {n}; no records")
            return raw
        head, records, dropped, tail = RING_CTL.unpack_from(data, off)
        raw.rings.append({"head": head, "records": records, "dropped": dropped, "tail": tail})
        off += RING_CTL_SIZE
    if off > len(data):
        w(f"file ends in the ring control blocks ({len(data)} of {off} bytes); no records")
        return raw
    while off < len(data):
        if off + HDR.size > len(data):
            w(f"offset {off}: a record is cut at the end ({len(data) - off} of 8 header bytes)")
            break
        typ, version, size, cpu, flags = HDR.unpack_from(data, off)
        if size < HDR.size or size % 8:
            w(f"offset {off}: record size {size} is impossible; stopping here")
            break
        if off + size > len(data):
            w(f"offset {off}: a {TYPE_NAMES.get(typ, typ)} record is cut at the end "
              f"({len(data) - off} of {size} bytes)")
            break
        if version != VERSION:
            w(f"offset {off}: record of format version {version}, not {VERSION}; skipped")
            off += size
            continue
        if typ not in BODY:
            if typ != PAD:
                w(f"offset {off}: unknown record type {typ} ({size} bytes); skipped")
            off += size
            continue
        r = parse_record(data, off, typ, size, cpu, flags)
        if isinstance(r, str):
            w(f"offset {off}: {r}; skipped")
            off += size
            continue
        raw.recs.append(r)
        off += size
    return raw


# ---- raw records -> JSON Lines records ----------------------------------------------------

_hexarg = chex      # raw registers as the kernel's %#lx printed them


CLD_EXITED = 1


def signal_info(r):
    """strace's {si_signo=..., si_code=..., ...} text of a signal record (strace 6.1's
    print_si_info: si_errno when set; the sender for user codes and SIGCHLD; a child's
    status as a signal name unless it exited; the fault address for SI_KERNEL too)."""
    sig, code = r["signo"], r["code"]
    text = f"{{si_signo={decode.signame(sig)}, si_code={decode.si_code_name(sig, code)}"
    if r.get("errno"):
        text += f", si_errno={tbl.load().errno_name(r['errno']) or r['errno']}"
    if code <= 0 or sig == decode.SIGCHLD:
        text += f", si_pid={r['si_pid']}, si_uid={r['si_uid']}"
    if code == decode.SI_QUEUE:
        val = r["si_value"]
        if val:
            sival_int = struct.unpack("<i", struct.pack("<I", val & 0xffffffff))[0]
            text += f", si_int={sival_int}, si_ptr={ptr(val)}"
    elif sig == decode.SIGCHLD and code > 0:
        st = r["si_status"]
        status = st if code == CLD_EXITED else decode.signame(st)
        text += f", si_status={status}, si_utime={r['si_utime']}, si_stime={r['si_stime']}"
    elif sig in decode.FAULT_SIGNALS and (code > 0 or code == decode.SI_KERNEL):
        text += f", si_addr={ptr(r['si_addr'])}"
    return text + "}"


def transit_losses(raw, warn):
    """Per ring: duplicate records left out, records lost between the guest and this file
    (gaps in seq; fewer records than the ring counted) as synthetic DROPPED records with
    'transit' set, and each FTR_DROPPED given the sort time of the record after it in its
    ring (its own ts is when it was written, the next record's is that call's entry).
    Returns the records to merge."""
    by_ring = {}
    for r in raw.recs:
        by_ring.setdefault(r["cpu"], []).append(r)
    out = []
    for cpu, recs in sorted(by_ring.items()):
        recs.sort(key=lambda r: r["seq"])
        kept, dup, same = [], 0, 0
        for r in recs:
            if kept and r["seq"] == kept[-1]["seq"]:
                if r == kept[-1]:           # the same bytes twice (a drain read them again)
                    dup += 1
                    continue
                same += 1
            kept.append(r)
        if dup:
            warn(f"ring {cpu}: {dup} records read twice; the copies left out")
        if same:
            warn(f"ring {cpu}: {same} records share a seq number with another; kept")
        gaps = 0
        for a, b in zip(kept, kept[1:]):
            n = b["seq"] - a["seq"] - 1
            if n > 0:
                gaps += n
                out.append({"type": DROPPED, "cpu": cpu, "flags": 0, "seq": a["seq"] + 0.5,
                            "ts": b["ts"], "count": n, "transit": True})
        for a, b in zip(kept, kept[1:]):
            if a["type"] == DROPPED:
                a["sort_ts"] = b["ts"]
        out.extend(kept)
        ring = raw.rings[cpu] if cpu < len(raw.rings) else None
        if ring is None:
            warn(f"records of cpu {cpu}, which has no ring (the header has "
                 f"{len(raw.rings)}); kept")
            continue
        tail = ring["records"] - len(kept) - gaps
        if tail > 0 and kept:
            out.append({"type": DROPPED, "cpu": cpu, "flags": 0, "seq": kept[-1]["seq"] + 0.5,
                        "ts": kept[-1]["ts"], "count": tail, "transit": True})
        if gaps or tail > 0:
            warn(f"ring {cpu}: {gaps + max(tail, 0)} records lost in transit (written by the "
                 f"guest, {ring['records']} in all, but not in this file: "
                 f"{gaps} in seq gaps, {max(tail, 0)} after the last one read)")
    for cpu, ring in enumerate(raw.rings):
        if cpu not in by_ring and ring["records"]:
            warn(f"ring {cpu}: {ring['records']} records written, none in this file "
                 "(lost in transit)")
            out.append({"type": DROPPED, "cpu": cpu, "flags": 0, "seq": 0, "ts": 0,
                        "count": ring["records"], "transit": True})
    return out


class _Comms:
    """Each task's name over time, from FTR_COMM and FTR_FORK, looked up by time."""

    def __init__(self, recs):
        self.events = sorted((r["ts"], r["cpu"], r["seq"], n, r) for n, r in enumerate(recs)
                             if r["type"] in (COMM, FORK))
        self.now = {}
        self.i = 0

    def at(self, ts, tid):
        """tid's name once every change up to ts has been applied (ts never goes back)."""
        while self.i < len(self.events) and self.events[self.i][0] <= ts:
            r = self.events[self.i][4]
            if r["type"] == COMM:
                self.now[r["tid"]] = r["comm"]
            elif r["tid"] in self.now:
                self.now[r["child_tid"]] = self.now[r["tid"]]
            self.i += 1
        return self.now.get(tid)


def records(raw, meta=None, tables=None, warn=None):
    """The JSON-Lines records (header first) of a parsed raw trace."""
    tables = tables or tbl.load()
    h = raw.header
    if h is None:
        return []
    ipc = h["insns_per_cycle"]
    out = [{"type": "header", "source": "ferry", "arch": h["arch"], "version": VERSION,
            "cycles_per_sec": h["cycles_per_sec"], "icount": h["icount"],
            "insns_per_cycle": ipc, "note": h["kernel"] or None, "nr_cpus": h["nr_cpus"],
            "rings": h["nr_rings"]}]
    w = warn or _warn_stderr
    recs = sorted(transit_losses(raw, w),
                  key=lambda r: (r.get("sort_ts", r["ts"]), r["cpu"], r["seq"]))
    # A syscall record's comm is its task's name when it was written (at exit, after an exec
    # renamed it), as the JSON writer's current->comm was.
    comm_lookups = sorted(((r["ts"] + r["cost"], n) for n, r in enumerate(recs)
                           if r["type"] == SYSCALL))
    comms, comm_of = _Comms(raw.recs), {}
    for t, n in comm_lookups:
        comm_of[n] = comms.at(t, recs[n]["tid"])
    dropped_total, seq, odd, announced = 0, 0, set(), {}
    for n, r in enumerate(recs):
        typ = r["type"]
        if typ in (FORK, COMM):
            seq += 1
            rec = {"type": TYPE_NAMES[typ], "seq": seq, "ts": r["ts"], "cpu": r["cpu"],
                   "pid": r["pid"], "tid": r["tid"]}
            if typ == FORK:
                rec.update(child_pid=r["child_pid"], child_tid=r["child_tid"],
                           clone_flags=hex(r["clone_flags"]))
            else:
                rec.update(comm=r["comm"], abi=ABIS.get(r["abi"]),
                           exec=bool(r["flags"] & COMM_EXEC))
            out.append(rec)
            continue
        seq += 1
        if typ == SYSCALL:
            for what, table, v in (("abi", ABIS, r["abi"]), ("route", ROUTES, r["route"])):
                if v not in table and (what, v) not in odd:
                    odd.add((what, v))
                    w(f"syscall records with an unknown {what} {v} (first: seq {r['seq']} of "
                      f"cpu {r['cpu']}); {what} left null/unknown")
            out.append(syscall_record(r, seq, comm_of.get(n), meta, tables, ipc if h["icount"]
                                      else None))
        elif typ == DROPPED:
            if not r.get("transit"):        # the guest's own count (FTR_DROPPED)
                dropped_total += r["count"]
                announced[r["cpu"]] = announced.get(r["cpu"], 0) + r["count"]
            out.append({"type": "dropped", "seq": seq, "ts": r["ts"], "cpu": r["cpu"],
                        "count": r["count"]})
        elif typ == EXIT:
            if not r["flags"] & EXIT_GROUP:
                seq -= 1                # a thread's end: strace says nothing either
                continue
            st = r["status"]
            rec = {"type": "exit", "seq": seq, "ts": r["ts"], "cpu": r["cpu"], "pid": r["pid"],
                   "status": None if st & 0x7f else (st >> 8) & 0xff,
                   "dropped_total": dropped_total}
            if st & 0x7f:
                rec["signal"] = decode.signame(st & 0x7f)
            out.append(rec)
        elif typ == SIGNAL:
            out.append({"type": "signal", "seq": seq, "ts": r["ts"], "cpu": r["cpu"],
                        "pid": r["pid"], "tid": r["tid"], "signal": decode.signame(r["signo"]),
                        "info": signal_info(r)})
    # Losses no FTR_DROPPED record announced: at the end of a ring (nothing fitted after
    # them) and on CPUs without a ring.
    # Losses no FTR_DROPPED record announced: at the end of a ring (nothing fitted after
    # them), one record per such ring (its CPU's), and on CPUs without a ring (no CPU).
    last_ts = recs[-1]["ts"] if recs else None
    tails = [(cpu, rg["dropped"] - announced.get(cpu, 0)) for cpu, rg in enumerate(raw.rings)]
    tails.append((None, h["orphan_dropped"]))
    lost = 0
    for cpu, n in tails:
        if n > 0:
            seq += 1
            lost += n
            out.append({"type": "dropped", "seq": seq, "ts": last_ts, "cpu": cpu, "count": n})
    if lost > 0:
        w(f"{lost} records lost after the last one kept (a full ring at the end, or CPUs "
          "without a ring)")
    return out


def syscall_record(r, seq, comm, meta, tables, ipc):
    abi = ABIS.get(r["abi"])
    nr = r["nr"]
    ent = meta.entry(abi, nr) if meta else None
    name = ent.name if ent else tables.name(abi, nr)
    no_ret = bool(r["flags"] & (SC_NO_RETURN | SC_ENTRY_ONLY))
    ret = None if no_ret else r["ret"]
    bits = tbl.ABI_BITS.get(abi, 64)
    args = [a & ((1 << bits) - 1) for a in r["args"]]
    dec = None
    if ent is not None and ent.args is not None:
        dec = decode.decode_call(decode.Call(abi, name, nr, args, ret, ent, r["captures"]))
    errno = None
    if ret is not None and -4095 <= ret < 0:
        errno = tables.errno_name(-ret) or f"E{-ret}"
    return {"type": "syscall", "seq": seq, "ts": r["ts"], "cpu": r["cpu"], "pid": r["pid"],
            "tid": r["tid"],
            "comm": comm, "abi": abi, "route": ROUTES.get(r["route"], "unknown"), "nr": nr,
            "name": name, "args": [_hexarg(a) for a in args], "decoded": dec, "ret": ret,
            "errno": errno, "cycles": r["cost"], "insns": r["cost"] * ipc if ipc else None}


def read(path, meta_path=None, warn=None, tables=None, guess_meta=False):
    """The JSON-Lines records of a .ftr file. meta_path: the kernel's syscall_meta.json;
    None: arguments stay raw, unless guess_meta (read.py by hand) takes this checkout's
    build/<arch>/syscall_meta.json, which may be another build's."""
    warn = warn or _warn_stderr
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        warn(f"{path}: {e}")
        return []
    raw = parse(data, lambda m: warn(f"{path}: {m}"))
    if raw.header is None:
        return []
    if meta_path is None and guess_meta and raw.header["arch"]:
        meta_path = metamod.default_path(raw.header["arch"])
    m = metamod.load(meta_path, warn) if meta_path else None
    return records(raw, m, tables, lambda msg: warn(f"{path}: {msg}"))


def convert(ftr_path, jsonl_path, meta_path=None, warn=None):
    """Write the .ftr file's records as JSON Lines; returns the number of records written."""
    recs = read(ftr_path, meta_path, warn)
    tmp = jsonl_path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")
    os.replace(tmp, jsonl_path)
    return len(recs)


def main(argv=None):
    import argparse
    ap = argparse.ArgumentParser(description="Convert a Ferry binary trace (.ftr) to JSON Lines")
    ap.add_argument("ftr")
    ap.add_argument("jsonl")
    ap.add_argument("--meta", help="the kernel's syscall_meta.json (else arguments stay raw)")
    a = ap.parse_args(argv)
    n = convert(a.ftr, a.jsonl, a.meta)
    print(f"{a.jsonl}: {n} records")
    return 0
