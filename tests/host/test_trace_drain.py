"""The host end of the trace channel (scripts/trace/drain.py, scripts/qemu-run.py --trace):
the ring file, its live drain into the raw stream file (*.ftr), and the runner around it.

Records are written here the way the contract (include/uapi/linux/ferry_trace.h) says the
kernel writes them: whole records at pos & (ring_size - 1), an FTR_PAD filler when the next
one does not fit before the ring's end, head published after the bytes."""
import json
import os
import struct
import subprocess
import sys

import pytest

from ferrytrace import drain

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
DRAIN = os.path.join(TOP, "scripts", "trace", "drain.py")
QEMU_RUN = os.path.join(TOP, "scripts", "qemu-run.py")

HDR = struct.Struct("<BBHHH")		# struct ftr_hdr
SYSCALL_SIZE = 104			# struct ftr_syscall


def record(seq, size=SYSCALL_SIZE, cpu=0, typ=1):
    """A syscall record whose seq says where it belongs; the rest of the body is seq too."""
    body = struct.pack("<Q", seq) + bytes([seq & 0xff]) * (size - 16)
    return HDR.pack(typ, 2, size, cpu, 0) + body


class Writer:
    """The guest's side of one ring, in Python."""

    def __init__(self, path, ring=0):
        self.f = open(path, "r+b", buffering=0)	# the drain writes tail behind our back
        nr_rings, self.size = struct.unpack_from("<II", self.header(), 24)
        self.ctl = 4096 + ring * (4096 + self.size)
        self.data = self.ctl + 4096
        self.head = 0
        self.records = 0

    def header(self):
        self.f.seek(0)
        return self.f.read(4096)

    def u64(self, off, value=None):
        self.f.seek(off)
        if value is None:
            return struct.unpack("<Q", self.f.read(8))[0]
        self.f.write(struct.pack("<Q", value))
        self.f.flush()
        return value

    def tail(self):
        return self.u64(self.ctl + 64)

    def put(self, rec, publish=True):
        """Store a record (a pad first if it does not fit before the end); False if the ring
        has no room for it (as the kernel, it is then not written)."""
        off = self.head & (self.size - 1)
        need = len(rec) + (self.size - off if self.size - off < len(rec) else 0)
        if need > self.size - (self.head - self.tail()):
            return False
        if need > len(rec):
            self.f.seek(self.data + off)
            self.f.write(HDR.pack(0, 2, self.size - off, 0, 0))
            self.head += self.size - off
            off = 0
        self.f.seek(self.data + off)
        self.f.write(rec)
        self.head += len(rec)
        self.records += 1
        if publish:
            self.publish()
        return True

    def publish(self):
        self.u64(self.ctl + 8, self.records)
        self.u64(self.ctl, self.head)


def stream(ftr, nr_rings=1):
    """(header page, control blocks, records as (type, seq, size)) of a raw stream file."""
    with open(ftr, "rb") as f:
        data = f.read()
    base = 4096 + nr_rings * 4096
    ctls = [data[4096 + i * 4096:4096 + (i + 1) * 4096] for i in range(nr_rings)]
    recs, at = [], base
    while at < len(data):
        typ, _, size, _, _ = HDR.unpack_from(data, at)
        recs.append((typ, struct.unpack_from("<Q", data, at + 8)[0], size))
        at += size
    return data[:4096], ctls, recs


@pytest.fixture
def ring_file(tmp_path):
    def make(nr_rings=1, ring_size=4096):
        path = str(tmp_path / "trace.shm")
        drain.create(path, nr_rings, ring_size)
        return path
    return make


def test_created_file_is_the_contracts_header_and_a_power_of_two(ring_file):
    path = ring_file(nr_rings=2, ring_size=4096)
    with open(path, "rb") as f:
        data = f.read()
    magic, version, hsize, size, nr_rings, ring_size = struct.unpack_from("<8sIIQII", data)
    assert (magic, version, hsize, nr_rings, ring_size) == (b"FERRYTR2", 2, 4096, 2, 4096)
    # 4096 + 2 * (4096 + 4096) = 20 KiB of rings, in a 32 KiB file (one power-of-two BAR)
    assert size == len(data) == 32768
    assert data[32:] == bytes(len(data) - 32)


def test_wrap_drops_the_pad_and_keeps_every_record_in_order(ring_file, tmp_path):
    """A 4 KiB ring holds 39 records of 104 bytes; the 40th needs a pad of 40 bytes first.
    Drained every few records, 200 records wrap the ring five times."""
    path, ftr = ring_file(), str(tmp_path / "t.ftr")
    w, d = Writer(path), drain.Drain(path, ftr)
    for seq in range(1, 201):
        if not w.put(record(seq)):
            d.poll()
            assert w.put(record(seq))
        if seq % 7 == 0:
            d.poll()
            assert w.tail() == w.head	# everything published is consumed
    s = d.finish()
    _, ctls, recs = stream(ftr)
    assert [r[1] for r in recs] == list(range(1, 201))
    assert all(r[0] == 1 and r[2] == SYSCALL_SIZE for r in recs)	# no pad in the stream
    assert s["pads"] >= 5 and s["bytes"] == 200 * SYSCALL_SIZE
    assert struct.unpack_from("<Q", ctls[0], 64)[0] == w.head		# final tail


def test_tail_moves_over_published_records_only(ring_file, tmp_path):
    path, ftr = ring_file(), str(tmp_path / "t.ftr")
    w, d = Writer(path), drain.Drain(path, ftr)
    w.put(record(1))
    w.put(record(2))
    w.put(record(3), publish=False)	# written, head not yet moved over it
    d.poll()
    assert w.tail() == 2 * SYSCALL_SIZE
    w.publish()
    d.finish()
    assert [r[1] for r in stream(ftr)[2]] == [1, 2, 3]


def test_impossible_record_size_stops_that_ring_at_the_last_whole_record(ring_file, tmp_path):
    """The segment that reaches the ring's end is walked (to drop its pad): a record size
    that cannot be stops the ring there, after the whole records before it."""
    path, ftr = ring_file(), str(tmp_path / "t.ftr")
    warnings = []
    w, d = Writer(path), drain.Drain(path, ftr, warn=warnings.append)
    for seq in range(1, 40):
        w.put(record(seq))
        if seq == 5:
            d.poll()				# records 1-5 consumed: room for 40 below
    w.f.seek(w.data + 19 * SYSCALL_SIZE + 2)	# record 20 claims 12 bytes (not 8-aligned)
    w.f.write(struct.pack("<H", 12))
    w.f.flush()
    assert w.put(record(40))			# a pad at 4056, record 40 at 0
    d.poll()
    assert w.tail() == 19 * SYSCALL_SIZE
    d.finish()
    assert [r[1] for r in stream(ftr)[2]] == list(range(1, 20))
    assert len(warnings) == 1 and "12 bytes" in warnings[0]


def test_head_beyond_the_ring_is_refused_not_followed(ring_file, tmp_path):
    path, ftr = ring_file(), str(tmp_path / "t.ftr")
    warnings = []
    w, d = Writer(path), drain.Drain(path, ftr, warn=warnings.append)
    w.u64(w.ctl, 3 * 4096)		# more unconsumed bytes than the ring holds
    assert d.poll() == 0 and w.tail() == 0
    d.finish()
    assert len(warnings) == 1 and "head 12288" in warnings[0]


def test_final_pages_are_what_the_guest_left(ring_file, tmp_path):
    """The .ftr starts with the header page and control blocks as they were at the end:
    fields the guest wrote after the drain started (ready, dropped) are in them."""
    path, ftr = ring_file(nr_rings=2), str(tmp_path / "t.ftr")
    w0, w1 = Writer(path, 0), Writer(path, 1)
    d = drain.Drain(path, ftr)
    w0.put(record(1))
    w1.put(record(1, cpu=1))
    d.poll()
    w1.put(record(2, cpu=1))
    w0.u64(w0.ctl + 16, 5)		# ring 0 lost 5 records
    w0.f.seek(72)
    w0.f.write(struct.pack("<I", 1))	# ready
    w0.f.seek(80)
    w0.f.write(b"Ferry test\0")
    w0.f.flush()
    s = d.finish()
    header, ctls, recs = stream(ftr, nr_rings=2)
    with open(path, "rb") as f:
        assert header == f.read(4096)
    assert struct.unpack_from("<I", header, 72)[0] == 1 and header[80:90] == b"Ferry test"
    assert struct.unpack_from("<QQQ", ctls[0]) == (SYSCALL_SIZE, 1, 5)
    assert struct.unpack_from("<Q", ctls[1])[0] == struct.unpack_from("<Q", ctls[1], 64)[0] \
        == 2 * SYSCALL_SIZE
    assert sorted(recs) == [(1, 1, SYSCALL_SIZE)] * 2 + [(1, 2, SYSCALL_SIZE)]
    assert s["dropped"] == 5 and s["ready"] == 1 and s["changed"] is None


def test_live_thread_drains_while_the_writer_writes(ring_file, tmp_path):
    """The thread keeps a 4 KiB ring (39 records) flowing for 2,000 records."""
    import time
    path, ftr = ring_file(), str(tmp_path / "t.ftr")
    w, d = Writer(path), drain.Drain(path, ftr)
    d.start()
    deadline = time.monotonic() + 20
    for seq in range(1, 2001):
        while not w.put(record(seq)):
            assert time.monotonic() < deadline, f"the drain stopped at {seq}"
            time.sleep(0.0005)
    d.finish()
    assert [r[1] for r in stream(ftr)[2]] == list(range(1, 2001))


def test_guest_overwriting_the_host_header_is_reported(ring_file, tmp_path):
    path, ftr = ring_file(), str(tmp_path / "t.ftr")
    d = drain.Drain(path, ftr)
    with open(path, "r+b") as f:
        f.seek(24)
        f.write(struct.pack("<I", 9))	# nr_rings
    assert "sizes changed" in d.finish()["changed"]


@pytest.mark.parametrize("content,words", [
    (b"", ["0 bytes", "truncated"]),
    (b"FERRYTR2" + bytes(100), ["108 bytes", "truncated"]),
    (b"\x7fELF" + bytes(8188), ["not a Ferry trace ring file"]),
    (b"FERRYTRC" + bytes(8184), ["not a Ferry trace ring file", "FERRYTRC"]),
    (struct.pack("<8sIIQII", b"FERRYTR2", 3, 4096, 16384, 1, 4096) + bytes(16352),
     ["version 3"]),
    (struct.pack("<8sIIQII", b"FERRYTR2", 2, 4096, 16384, 1, 4000) + bytes(16352),
     ["ring size 4000"]),
    (struct.pack("<8sIIQII", b"FERRYTR2", 2, 4096, 16384, 1, 8192) + bytes(8160),
     ["truncated", "the file has 8192"]),
])
def test_foreign_or_truncated_ring_file_is_one_line(tmp_path, content, words):
    path = tmp_path / "bad.shm"
    path.write_bytes(content)
    r = subprocess.run([PYTHON, DRAIN, str(path), str(tmp_path / "out.ftr")],
                       capture_output=True, text=True)
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    got = [l for l in r.stderr.splitlines() if l.strip()]
    assert len(got) == 1, got
    for w in words:
        assert w in got[0], (w, got[0])


# ---- the runner: qemu-run.py --trace with a stand-in QEMU that writes records ------------------
FAKE_GUEST = r'''#!PYTHON
# A stand-in for qemu-system-*: logs its arguments, writes N records into the ivshmem ring
# file (mem-path=) as the kernel would, prints the power-down line and exits.
import os, struct, sys, time
args = sys.argv[1:]
open(os.environ["FAKE_QEMU_LOG"], "w").write("\n".join(args))
obj = next(a for a in args if a.startswith("memory-backend-file"))
path = dict(kv.split("=", 1) for kv in obj.split(",")[1:])["mem-path"]
f = open(path, "r+b")
ring = struct.unpack_from("<I", f.read(32), 28)[0]
arch = 2 if "aarch64" in sys.argv[0] else 1
# The guest's half of the header: arch, icount, cycles_per_sec, insns_per_cycle, nr_cpus,
# boot_ts, orphan_dropped, ready, and the kernel's name.
os.pwrite(f.fileno(), struct.pack("<IIQIIQQII64s", arch, 0, 10**9, 1, 1, 0, 0, 1, 0,
                                  b"Ferry fake"), 32)
n = int(os.environ["FAKE_RECORDS"])
head = 0
for seq in range(1, n + 1):
    while head + 104 - struct.unpack("<Q", os.pread(f.fileno(), 8, 4096 + 64))[0] > ring:
        time.sleep(0.001)		# wait for the drain (the kernel would drop instead)
    off = head % ring
    if ring - off < 104:
        os.pwrite(f.fileno(), struct.pack("<BBHHH", 0, 2, ring - off, 0, 0), 8192 + off)
        head += ring - off
        off = 0
    abi = 3 if arch == 2 else 1
    nr, route = (172, 4) if arch == 2 else (39, 0)
    body = struct.pack("<QQQIIiBBBB6Qq", seq, seq * 1000, 10, 1, 1, nr, abi, route,
                       0, 0, 0, 0, 0, 0, 0, 0, 1)		# getpid, returning 1
    os.pwrite(f.fileno(), struct.pack("<BBHHH", 1, 2, 104, 0, 0) + body, 8192 + off)
    head += 104
    os.pwrite(f.fileno(), struct.pack("<Q", head), 4096)
if os.environ.get("FAKE_CLOBBER"):
    os.pwrite(f.fileno(), b"GARBAGE!", 0)	# a guest writing over the host's header
if os.environ.get("FAKE_HANG"):
    time.sleep(60)
print("Power down (status 0)", flush=True)
sys.exit(int(os.environ["FAKE_RC"]))
'''


@pytest.fixture
def fake_guest(tmp_path):
    bindir = tmp_path / "fakebin"
    bindir.mkdir()
    for name in ("qemu-system-x86_64", "qemu-system-aarch64"):
        p = bindir / name
        p.write_text(FAKE_GUEST.replace("PYTHON", PYTHON))
        p.chmod(0o755)

    def env(records, rc, hang=False, clobber=False):
        e = dict(os.environ, PATH=f"{bindir}:{os.environ['PATH']}", FAKE_RECORDS=str(records),
                 FAKE_RC=str(rc), FAKE_QEMU_LOG=str(tmp_path / "args.log"))
        if hang:
            e["FAKE_HANG"] = "1"
        if clobber:
            e["FAKE_CLOBBER"] = "1"
        return e
    return env


def objtree_for(tmp_path, arch):
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import test_run
    o = tmp_path / f"obj-{arch}"
    if arch == "x86_64":
        o.mkdir()
        test_run.synthetic_vmlinux(str(o / "vmlinux"))
    else:
        (o / "arch/arm64/boot").mkdir(parents=True)
        test_run.synthetic_image(str(o / "arch/arm64/boot/Image"))
    return str(o)


@pytest.mark.parametrize("arch,rc", [("x86_64", 1), ("arm64", 0)])
def test_runner_gives_both_arches_the_device_and_keeps_the_raw_stream(tmp_path, fake_guest,
                                                                      arch, rc):
    """500 records through an 8 KiB ring: only a live drain lets the stand-in finish."""
    trace = str(tmp_path / "t.jsonl")
    r = subprocess.run([PYTHON, QEMU_RUN, "--arch", arch, "--objtree", objtree_for(tmp_path, arch),
                        "--trace", trace, "--trace-size", "8192", "--timeout", "30"],
                       capture_output=True, text=True, env=fake_guest(500, rc))
    args = (tmp_path / "args.log").read_text().splitlines()
    assert "ivshmem-plain,memdev=ferrytrace" in args
    assert any(a.startswith("memory-backend-file,id=ferrytrace,size=16384,") and
               a.endswith(",share=on,prealloc=on") for a in args), args
    assert not any("trace.file=" in a or "debugcon" in a for a in args), args
    assert [x[1] for x in stream(trace + ".ftr")[2]] == list(range(1, 501)), r.stderr
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    with open(trace) as f:		# decoded by scripts/trace/binary.py into today's schema
        recs = [json.loads(line) for line in f]
    assert recs[0]["type"] == "header" and recs[0]["arch"] == arch
    assert [(x["seq"], x["name"], x["ret"]) for x in recs[1:]] == \
        [(i, "getpid", 1) for i in range(1, 501)]


def test_runner_says_a_clobbered_ring_file_in_one_line(tmp_path, fake_guest):
    trace = str(tmp_path / "t.jsonl")
    r = subprocess.run([PYTHON, QEMU_RUN, "--arch", "arm64", "--objtree",
                        objtree_for(tmp_path, "arm64"), "--trace", trace],
                       capture_output=True, text=True, env=fake_guest(3, 0, clobber=True))
    assert r.returncode == 125 and "Traceback" not in r.stderr, r.stderr
    got = [l for l in r.stderr.splitlines() if l.strip()]
    assert len(got) == 1 and "magic, version or sizes changed" in got[0], got


def test_runner_keeps_the_trace_of_a_hang(tmp_path, fake_guest):
    trace = str(tmp_path / "t.jsonl")
    r = subprocess.run([PYTHON, QEMU_RUN, "--arch", "arm64", "--objtree",
                        objtree_for(tmp_path, "arm64"), "--trace", trace, "--timeout", "3"],
                       capture_output=True, text=True, env=fake_guest(100, 0, hang=True))
    assert r.returncode == 124, r.stderr
    assert [x[1] for x in stream(trace + ".ftr")[2]] == list(range(1, 101))


def test_runner_drain_off_leaves_the_ring_to_fill(tmp_path, fake_guest):
    """With --trace-drain off nothing is consumed while QEMU runs: a stand-in that waits for
    room never gets it (timeout), and what it wrote is still collected at the end."""
    trace = str(tmp_path / "t.jsonl")
    r = subprocess.run([PYTHON, QEMU_RUN, "--arch", "x86_64", "--objtree",
                        objtree_for(tmp_path, "x86_64"), "--trace", trace, "--trace-size",
                        "4096", "--trace-drain", "off", "--timeout", "3"],
                       capture_output=True, text=True, env=fake_guest(100, 1))
    assert r.returncode == 124, r.stderr
    assert [x[1] for x in stream(trace + ".ftr")[2]] == list(range(1, 40))


def test_runner_gives_each_guest_cpu_a_ring(tmp_path, fake_guest):
    """-smp 3 in the extra QEMU arguments: 3 rings of 8 KiB, 40 KiB, in a 64 KiB file."""
    trace = str(tmp_path / "t.jsonl")
    subprocess.run([PYTHON, QEMU_RUN, "--arch", "arm64", "--objtree",
                    objtree_for(tmp_path, "arm64"), "--trace", trace, "--trace-size", "8192",
                    "--extra", "-smp cpus=3"], capture_output=True, text=True,
                   env=fake_guest(1, 0))
    header, ctls, recs = stream(trace + ".ftr", nr_rings=3)
    assert struct.unpack_from("<QII", header, 16) == (65536, 3, 8192)
    assert recs == [(1, 1, SYSCALL_SIZE)]
