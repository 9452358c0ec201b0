#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The host end of the trace channel: the ring file the guest writes, drained while it runs.

scripts/qemu-run.py --trace FILE creates a ring file (create()), hands it to QEMU as the
ivshmem-plain device's memory (the guest sees it as PCI BAR 2 and writes records into it,
one ring per CPU), runs a Drain in a thread while QEMU runs, and finishes it when QEMU has
exited. The layout is the contract's, include/uapi/linux/ferry_trace.h:

  0x0000               the file header (the host fills magic..ring_size, the guest the rest)
  0x1000 + i * stride  ring i: its control block (FTR_RING_CTL_SIZE bytes: head, records,
                       dropped by the guest; tail at offset 64 by us), then ring_size bytes

Draining a ring: read head (the guest publishes it after the records), copy the bytes of
[tail, head) to the raw stream, store tail. A record never straddles the ring's end, and
only a whole record is ever published, so [tail, head) is whole records; the one record
that ends exactly at the ring's end may be an FTR_PAD filler, which is dropped. Only a
segment reaching the ring's end is walked record by record (to find that filler): the
rest is copied as it is, which is what lets one Python thread keep up with a million
records a second.

The raw stream file (FILE.ftr, what scripts/trace/binary.py reads) is the file header page
and the ring control blocks as the guest left them at the end, then the record bytes in the
order we consumed them. We write the records after a placeholder for those pages and fill
the pages in at the end (finish()).

Ordering: the head load, the byte copies and the tail store are ordinary Python loads and
stores on the mmap, so their order is the host CPU's: right on an x86_64 host (TSO: loads are
not reordered with loads, nor stores with earlier loads), not promised on an arm64 host,
where the record bytes could be read before head and tail seen before the copy. Hosts are
x86_64 only for the trace channel until a C helper does an acquire load and a release store.

Run alone, it drains a ring file that QEMU left behind (what a crashed runner leaves), never
one that a runner still drains (two drains store their own tails, so tail moves backwards
and the guest counts the ring as full):
  drain.py RING_FILE OUT.ftr
"""
import os
import mmap
import struct
import sys
import threading
import time

MAGIC = b"FERRYTR2"
VERSION = 2
HEADER_SIZE = 4096
RING_CTL_SIZE = 4096
TAIL_OFFSET = 64			# struct ftr_ring_ctl.tail
FTR_PAD = 0
RING_MIN, RING_MAX = 4096, 1 << 30
# The most of a ring file either arch's kernel maps (kernel/trace/trace.h TRACE_MAP_MAX; arm64's
# vmalloc area is 4 GiB): a bigger file is refused here, not met by a guest that cannot use it.
MAP_MAX = 1 << 30

# struct ftr_file_header's host part: magic, version, header_size, size, nr_rings, ring_size.
HOST_HEADER = struct.Struct("<8sIIQII")
READY_OFFSET = 72			# struct ftr_file_header.ready
RING_HEAD = struct.Struct("<Q")		# head at offset 0 of the control block, tail at 64

# Polling: every POLL_BUSY seconds while records flow; when a poll finds nothing the pause
# doubles up to POLL_IDLE. The runner's 16 MiB ring takes 160 ms to fill at 100 MB/s, so
# even the longest pause leaves room for the burst that ends it.
POLL_BUSY = 0.0005
POLL_IDLE = 0.01


class DrainError(Exception):
    """A ring file we cannot read as the contract's (one line: the message)."""


def file_size(nr_rings, ring_size):
    """Bytes of the ring file: the header and the rings, rounded up to a power of two, since
    QEMU's ivshmem exposes the whole file as one PCI BAR, which is a power of two."""
    need = HEADER_SIZE + nr_rings * (RING_CTL_SIZE + ring_size)
    return 1 << (need - 1).bit_length()


def check_geometry(nr_rings, ring_size):
    """None, or why these cannot be a ring file."""
    if not 1 <= nr_rings <= 256:
        return f"{nr_rings} rings: 1 to 256"
    if ring_size < RING_MIN or ring_size > RING_MAX or ring_size & (ring_size - 1):
        return f"ring size {ring_size}: a power of two from {RING_MIN} to {RING_MAX}"
    if file_size(nr_rings, ring_size) > MAP_MAX:
        return (f"{nr_rings} rings of {ring_size >> 10} KiB make a "
                f"{file_size(nr_rings, ring_size) >> 20} MiB file: the guest maps at most "
                f"{MAP_MAX >> 20} MiB (fewer rings or a smaller --trace-size)")
    return None


def create(path, nr_rings, ring_size):
    """A fresh ring file: the host part of the header, everything else zero (sparse)."""
    size = file_size(nr_rings, ring_size)
    with open(path, "wb") as f:
        f.write(HOST_HEADER.pack(MAGIC, VERSION, HEADER_SIZE, size, nr_rings, ring_size))
        f.truncate(size)
    return size


def read_geometry(mm, length, where):
    """(nr_rings, ring_size) of a ring file's header, checked against its length."""
    if length < HEADER_SIZE:
        raise DrainError(f"{where}: {length} bytes, shorter than the trace file header "
                         f"({HEADER_SIZE}): truncated, or not a Ferry trace file")
    magic, version, header_size, size, nr_rings, ring_size = HOST_HEADER.unpack_from(mm, 0)
    if magic != MAGIC:
        raise DrainError(f"{where}: not a Ferry trace ring file (magic {magic!r}, expected "
                         f"{MAGIC.decode()})")
    if version != VERSION or header_size != HEADER_SIZE:
        raise DrainError(f"{where}: format version {version} (header {header_size} bytes); "
                         f"this reader knows version {VERSION}")
    why = check_geometry(nr_rings, ring_size)
    if why:
        raise DrainError(f"{where}: corrupt header: {why}")
    if size != length or HEADER_SIZE + nr_rings * (RING_CTL_SIZE + ring_size) > size:
        raise DrainError(f"{where}: corrupt or truncated: the header says {size} bytes for "
                         f"{nr_rings} ring(s) of {ring_size}, the file has {length}")
    return nr_rings, ring_size


class Ring:
    """One ring of the file: where its control block and data are, and how far we got."""

    def __init__(self, index, ring_size):
        self.ctl = HEADER_SIZE + index * (RING_CTL_SIZE + ring_size)
        self.data = self.ctl + RING_CTL_SIZE
        self.size = ring_size
        self.mask = ring_size - 1
        self.tail = 0
        self.broken = None		# why we stopped draining it


class Drain:
    """Drains a ring file (shm_path) into a raw stream file (ftr_path).

    poll() once drains every ring; start() runs poll() in a thread until stop(); finish()
    drains what is left and writes the final header and control blocks. warn(msg) hears of
    damage (a ring whose head runs backwards or too far, a bad record size): that ring is
    not drained further and the message says so."""

    def __init__(self, shm_path, ftr_path, warn=None):
        self.warn = warn or (lambda msg: print(f"drain: {msg}", file=sys.stderr))
        self.shm_path = shm_path
        try:
            self.fd = os.open(shm_path, os.O_RDWR)
        except OSError as e:
            raise DrainError(f"{shm_path}: {e.strerror}") from None
        try:
            length = os.fstat(self.fd).st_size
            if length < HEADER_SIZE:
                read_geometry(b"", length, shm_path)
            self.mm = mmap.mmap(self.fd, length)
            nr_rings, ring_size = read_geometry(self.mm, length, shm_path)
        except (DrainError, OSError, ValueError) as e:
            os.close(self.fd)
            if isinstance(e, DrainError):
                raise
            raise DrainError(f"{shm_path}: cannot map it: {e}") from None
        self.view = memoryview(self.mm)
        self.host_header = bytes(self.view[0:HOST_HEADER.size])	# the guest must keep it
        self.rings = [Ring(i, ring_size) for i in range(nr_rings)]
        for r in self.rings:		# a file left by a crashed run may have been drained
            r.tail = RING_HEAD.unpack_from(self.mm, r.ctl + TAIL_OFFSET)[0]
        try:
            self.out = open(ftr_path, "wb")
            self.out.write(bytes(HEADER_SIZE + nr_rings * RING_CTL_SIZE))	# finish() fills it
        except OSError as e:
            self.view.release()
            self.mm.close()
            os.close(self.fd)
            raise DrainError(f"{ftr_path}: {e.strerror}") from None
        self.bytes = 0			# record bytes written to the raw stream
        self.pads = 0
        self._stop = threading.Event()
        self._thread = None
        self.error = None		# an exception the thread died of
        self.longest_gap = 0.0		# seconds between two polls of the thread, at most
        # What the consumer did (finish()'s summary; qemu-run.py --trace-stats prints it): its
        # polls, those that found records, the fullest any ring was when polled (bytes: the
        # guest's lead over us; near the ring's size, the drain is what holds the guest back),
        # and the drain thread's CPU seconds.
        self.polls = self.busy_polls = 0
        self.high_water = 0
        self.cpu_s = 0.0

    # ---- one pass over the rings -------------------------------------------------------------
    def poll(self):
        """Drain every ring once; the bytes consumed (pads included)."""
        moved = 0
        for r in self.rings:
            if not r.broken:
                moved += self._drain_ring(r)
        return moved

    def _drain_ring(self, r):
        head = RING_HEAD.unpack_from(self.mm, r.ctl)[0]
        tail = r.tail
        if head == tail:
            return 0
        if head - tail > self.high_water:
            self.high_water = head - tail
        if head < tail or head - tail > r.size or head & 7:
            r.broken = (f"ring {self.rings.index(r)}: head {head} against tail {tail} "
                        f"(ring of {r.size}): not drained further")
            self.warn(r.broken)
            return 0
        pos = tail
        while pos < head and not r.broken:
            off = pos & r.mask
            n = min(head - pos, r.size - off)	# up to head, or to the ring's end
            if off + n == r.size:
                n = self._copy_to_end(r, off, n)
            else:
                self._write(r.data + off, r.data + off + n)
            pos += n
        # The bytes are in our file: the guest may reuse them.
        struct.pack_into("<Q", self.mm, r.ctl + TAIL_OFFSET, pos)
        r.tail = pos
        return pos - tail

    def _write(self, start, end):
        self.out.write(self.view[start:end])
        self.bytes += end - start

    def _copy_to_end(self, r, off, n):
        """A segment that ends at the ring's end: walk it so that a final FTR_PAD is left
        out. Returns the bytes consumed (the pad's included); at an impossible record it
        stops there and marks the ring broken."""
        base = at = r.data + off
        end, mm = base + n, self.mm
        while at < end:
            size = mm[at + 2] | mm[at + 3] << 8
            if size < 8 or size & 7 or at + size > end:
                r.broken = (f"ring {self.rings.index(r)}: a record of {size} bytes at ring "
                            f"offset {at - r.data}: not drained further")
                break
            if mm[at] == FTR_PAD:
                if at + size != end:
                    r.broken = (f"ring {self.rings.index(r)}: a pad record at ring offset "
                                f"{at - r.data} does not reach the ring's end: not drained "
                                "further")
                    break
                self.pads += 1
                self._write(base, at)
                return n
            at += size
        if r.broken:
            self.warn(r.broken)
        self._write(base, at)
        return at - base

    # ---- the thread -----------------------------------------------------------------------------
    def _run(self):
        pause, last = POLL_BUSY, time.monotonic()
        try:
            while not self._stop.is_set():
                now = time.monotonic()
                self.longest_gap, last = max(self.longest_gap, now - last), now
                self.polls += 1
                if self.poll():
                    self.busy_polls += 1
                    pause = POLL_BUSY
                else:
                    pause = min(pause * 2, POLL_IDLE)
                self._stop.wait(pause)
        except Exception as e:		# reported by stop(); finish() still writes the pages
            self.error = e
        self.cpu_s = time.thread_time()

    def start(self):
        self._thread = threading.Thread(target=self._run, name="trace-drain", daemon=True)
        self._thread.start()

    def stop(self):
        if self._thread:
            self._stop.set()
            self._thread.join()
            self._thread = None
        if self.error:
            self.warn(f"the drain thread stopped: {self.error}")

    # ---- the end ----------------------------------------------------------------------------------
    def finish(self):
        """Drain what is left, then write the final header page and control blocks at the
        start of the raw stream. Returns a summary dict."""
        self.stop()
        self.poll()
        self.out.flush()
        self.out.seek(0)
        self.out.write(self.view[0:HEADER_SIZE])
        for r in self.rings:
            self.out.write(self.view[r.ctl:r.ctl + RING_CTL_SIZE])
        self.out.close()
        summary = {"bytes": self.bytes, "pads": self.pads, "longest_gap": self.longest_gap,
                   "ready": struct.unpack_from("<I", self.mm, READY_OFFSET)[0],
                   "dropped": sum(struct.unpack_from("<Q", self.mm, r.ctl + 16)[0]
                                  for r in self.rings),
                   "broken": [r.broken for r in self.rings if r.broken],
                   "changed": None, "polls": self.polls, "busy_polls": self.busy_polls,
                   "high_water": self.high_water, "ring_size": self.rings[0].size,
                   "cpu_s": round(self.cpu_s, 3)}
        if bytes(self.view[0:HOST_HEADER.size]) != self.host_header:
            summary["changed"] = "the file header's magic, version or sizes changed"
        self.view.release()
        self.mm.close()
        os.close(self.fd)
        return summary


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2 or argv[0].startswith("-"):
        print("usage: drain.py RING_FILE OUT.ftr  (never on a file the runner still drains: "
              "two drains move tail backwards)", file=sys.stderr)
        return 2
    try:
        d = Drain(argv[0], argv[1])
    except DrainError as e:
        print(f"drain: {e}", file=sys.stderr)
        return 1
    try:
        s = d.finish()
    except OSError as e:	# writing OUT.ftr (ENOSPC...): one line, not a traceback
        print(f"drain: {argv[1]}: {e.strerror or e}", file=sys.stderr)
        return 1
    print(f"{argv[1]}: {s['bytes']} bytes of records, {s['dropped']} dropped by the guest")
    return 0


if __name__ == "__main__":
    sys.exit(main())
