#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""How fast the host drains a trace ring, and what it costs the host: a C writer
(ring_writer.c, standing in for the guest) fills ring 0 of a ring file while drain.py's
thread drains it into a raw stream file, as scripts/qemu-run.py --trace does.

  drain_bench.py [--records N] [--ring-size BYTES] [--rate R ...]

For each rate (records per second; 0 = as fast as the ring allows, the writer waiting for
room) it prints the records written and dropped, the wall time, the records per second that
reached the .ftr file, and the drain's CPU time as a share of one core. Every record must
arrive once and in order (checked by seq).
"""
import argparse
import os
import resource
import struct
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import drain  # noqa: E402


def build_writer(workdir):
    exe = os.path.join(workdir, "ring_writer")
    subprocess.run(["cc", "-O2", "-o", exe, os.path.join(HERE, "ring_writer.c")], check=True)
    return exe


def cpu_seconds():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def check_stream(ftr, nr_rings):
    """The seq numbers of the records in the raw stream: 1, 2, 3... with no gap."""
    with open(ftr, "rb") as f:
        data = f.read()
    at, want = drain.HEADER_SIZE + nr_rings * drain.RING_CTL_SIZE, 1
    while at < len(data):
        typ, size = data[at], struct.unpack_from("<H", data, at + 2)[0]
        seq = struct.unpack_from("<Q", data, at + 8)[0]
        if typ != 1 or seq != want:
            return f"record at {at}: type {typ} seq {seq}, expected a syscall with seq {want}"
        at, want = at + size, want + 1
    return None if want > 1 else "no records"


def run(exe, workdir, records, ring_size, rate):
    shm, ftr = os.path.join(workdir, "ring.shm"), os.path.join(workdir, "out.ftr")
    drain.create(shm, 1, ring_size)
    d = drain.Drain(shm, ftr)
    cpu0, t0 = cpu_seconds(), time.monotonic()
    d.start()
    out = subprocess.run([exe, shm, str(records), str(rate)], capture_output=True, text=True,
                         check=True).stdout.split()
    summary = d.finish()
    wall, cpu = time.monotonic() - t0, cpu_seconds() - cpu0
    written, dropped, secs = int(out[1]), int(out[3]), float(out[5])
    bad = check_stream(ftr, 1) if written else None
    got = summary["bytes"] // 104
    return {"rate": rate, "written": written, "dropped": dropped, "writer_s": secs,
            "wall_s": wall, "drained_per_s": got / secs if secs else 0,
            "drain_cpu_share": cpu / wall, "gap_ms": 1000 * summary["longest_gap"], "bad": bad or (None if got == written else
                                                          f"{got} records in the .ftr")}


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--records", type=int, default=2_000_000)
    p.add_argument("--ring-size", type=int, default=4 << 20)
    p.add_argument("--rate", type=float, action="append",
                   help="records per second (repeatable; default: 0 and 1000000)")
    a = p.parse_args(argv)
    status = 0
    with tempfile.TemporaryDirectory(prefix="ferry-drain-") as workdir:
        exe = build_writer(workdir)
        for rate in a.rate or [0, 1_000_000]:
            r = run(exe, workdir, a.records, a.ring_size, rate)
            print(f"rate {'max' if not rate else f'{rate:,.0f}/s'}: {r['written']:,} written, "
                  f"{r['dropped']:,} dropped, {r['drained_per_s']:,.0f} records/s drained, "
                  f"drain CPU {100 * r['drain_cpu_share']:.0f}% of a core over "
                  f"{r['wall_s']:.2f} s, longest pause between polls {r['gap_ms']:.1f} ms"
                  + (f"; BAD: {r['bad']}" if r["bad"] else ""))
            status |= bool(r["bad"])
    return status


if __name__ == "__main__":
    sys.exit(main())
