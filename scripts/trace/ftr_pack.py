"""Write binary trace records and raw stream files (*.ftr) in Python, from the contract
(include/uapi/linux/ferry_trace.h): for tests of the reader and of the host's consumer.

  f = FtrFile(arch=1, nr_rings=1)
  f.add(syscall(cpu=0, seq=1, ts=100, cost=5, pid=1, tid=1, nr=39, abi=1, route=0))
  data = f.bytes()          # header page, ring control blocks, then the records
"""
import struct

from .binary import (BODY, CAPTURE, COMM, DROPPED, EXIT, FORK, HDR, HEADER, HEADER_SIZE, MAGIC,
                     RING_CTL, RING_CTL_SIZE, SIGNAL, SYSCALL, VERSION)

CAP_KIND = {"string": 1, "in": 2, "out": 3, "argv": 4, "iov": 5, "nr_ptrs": 6}


def _rec(typ, body, cpu=0, flags=0, tail=b"", version=VERSION, size=None):
    n = HDR.size + len(body) + len(tail)
    return HDR.pack(typ, version, n if size is None else size, cpu, flags) + body + tail


def capture(arg, kind, data, flags=0, want=0):
    pad = (-len(data)) % 8
    return CAPTURE.pack(arg, CAP_KIND.get(kind, kind), flags, 0, len(data), want) + data + \
        b"\0" * pad


def syscall(cpu=0, seq=1, ts=0, cost=0, pid=1, tid=1, nr=0, abi=1, route=0, args=(0,) * 6,
            ret=0, flags=0, captures=(), **kw):
    caps = b"".join(captures)
    body = BODY[SYSCALL].pack(seq, ts, cost, pid, tid, nr, abi, route, len(captures), 0,
                              *(list(args) + [0] * 6)[:6], ret)
    return _rec(SYSCALL, body, cpu, flags, caps, **kw)


def dropped(cpu=0, seq=1, ts=0, count=1):
    return _rec(DROPPED, BODY[DROPPED].pack(seq, ts, count), cpu)


def fork(cpu=0, seq=1, ts=0, pid=1, tid=1, child_pid=2, child_tid=2, clone_flags=17):
    return _rec(FORK, BODY[FORK].pack(seq, ts, pid, tid, child_pid, child_tid, clone_flags), cpu)


def comm(cpu=0, seq=1, ts=0, pid=1, tid=1, abi=1, name=b"init", exec_=True):
    return _rec(COMM, BODY[COMM].pack(seq, ts, pid, tid, abi, name), cpu, 1 if exec_ else 0)


def exit_(cpu=0, seq=1, ts=0, pid=1, tid=1, status=0, group=True):
    return _rec(EXIT, BODY[EXIT].pack(seq, ts, pid, tid, status, 0), cpu, 1 if group else 0)


def signal(cpu=0, seq=1, ts=0, pid=1, tid=1, signo=17, code=1, errno=0, si_pid=0, si_uid=0,
           si_status=0, si_utime=0, si_stime=0, si_addr=0, si_value=0):
    return _rec(SIGNAL, BODY[SIGNAL].pack(seq, ts, pid, tid, signo, code, errno, si_pid, si_uid,
                                          si_status, si_utime, si_stime, si_addr, si_value), cpu)


def pad(size, cpu=0):
    return HDR.pack(0, VERSION, size, cpu, 0) + b"\0" * (size - HDR.size)


class FtrFile:
    """A raw stream file: the header as a guest would leave it, ring blocks, records."""

    def __init__(self, arch=1, nr_rings=1, ring_size=65536, icount=1, cycles_per_sec=10**9,
                 insns_per_cycle=1, orphan_dropped=0, ready=1, kernel=b"Ferry test x86_64",
                 magic=MAGIC, version=VERSION):
        self.hdr = dict(arch=arch, nr_rings=nr_rings, ring_size=ring_size, icount=icount,
                        cps=cycles_per_sec, ipc=insns_per_cycle, orphan=orphan_dropped,
                        ready=ready, kernel=kernel, magic=magic, version=version)
        self.rings = [dict(head=0, records=0, dropped=0, tail=0) for _ in range(nr_rings)]
        self.records = b""

    def add(self, *recs):
        for r in recs:
            self.records += r
        return self

    def bytes(self):
        h = self.hdr
        size = HEADER_SIZE + h["nr_rings"] * (RING_CTL_SIZE + h["ring_size"])
        head = HEADER.pack(h["magic"], h["version"], HEADER_SIZE, size, h["nr_rings"],
                           h["ring_size"], h["arch"], h["icount"], h["cps"], h["ipc"],
                           h["nr_rings"], 0, h["orphan"], h["ready"], 0, h["kernel"])
        out = head.ljust(HEADER_SIZE, b"\0")
        for rg in self.rings:
            out += RING_CTL.pack(rg["head"], rg["records"], rg["dropped"], rg["tail"]).ljust(
                RING_CTL_SIZE, b"\0")
        return out + self.records


def u64s(*vals):
    return struct.pack("<%dQ" % len(vals), *vals)
