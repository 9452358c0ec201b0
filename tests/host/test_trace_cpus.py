"""Per-CPU tracing on the host (issue 17): a ring per CPU, each record carrying its CPU, the
rings merged by timestamp; read.py's CPU column, the JSON Lines' "cpu", the Perfetto CPU
tracks and the HTML report's per-CPU table. The trace files are synthetic (ftr_pack.py,
packed from the contract): two rings interleaved in time, and one ring full with drops.
"""
import json
import os
import subprocess
import sys

from ferrytrace import binary, comparison, ftr_pack as P, meta as metamod, perfetto, records
from ferrytrace import report_html

HERE = os.path.dirname(os.path.abspath(__file__))
META = os.path.join(HERE, "fixtures", "strace", "meta.json")
READ = os.path.join(os.path.dirname(HERE), os.pardir, "scripts", "trace", "read.py")
GETPID, GETTID, WRITE = 39, 186, 1


def two_rings():
    """Two threads of pid 5, tid 5 on CPU 0 and tid 6 on CPU 1, calls alternating in time;
    each ring's records are in its own seq order, the file has ring 0's all first (as a
    drain that took ring 0's segment, then ring 1's, leaves them)."""
    f = P.FtrFile(nr_rings=2)
    f.rings[0]["records"] = f.rings[1]["records"] = 4
    f.add(*[P.syscall(cpu=0, seq=i + 1, ts=10 + 20 * i, cost=3, pid=5, tid=5, nr=GETPID, ret=5)
            for i in range(4)])
    f.add(*[P.syscall(cpu=1, seq=i + 1, ts=20 + 20 * i, cost=4, pid=5, tid=6, nr=GETTID, ret=6)
            for i in range(4)])
    return f


def full_ring():
    """Ring 1 filled up: an FTR_DROPPED record said 5 calls were lost, then 2 more were lost
    at the end with nothing after them (its control block counts 7); ring 0 lost nothing."""
    f = P.FtrFile(nr_rings=2, ring_size=4096)
    f.rings[0]["records"] = 3
    f.rings[1]["records"] = 3
    f.rings[1]["dropped"] = 7
    f.add(P.syscall(cpu=0, seq=1, ts=1, pid=1, tid=1, nr=GETPID, ret=1),
          P.syscall(cpu=0, seq=2, ts=4, pid=1, tid=1, nr=GETPID, ret=1),
          P.syscall(cpu=0, seq=3, ts=9, pid=1, tid=1, nr=GETPID, ret=1),
          P.syscall(cpu=1, seq=1, ts=2, pid=2, tid=2, nr=WRITE, args=(1, 0x1000, 4), ret=4),
          P.dropped(cpu=1, seq=2, ts=5, count=5),
          P.syscall(cpu=1, seq=3, ts=6, pid=2, tid=2, nr=WRITE, args=(1, 0x1000, 4), ret=4))
    return f


def read(f):
    warns = []
    raw = binary.parse(f.bytes(), warn=warns.append)
    return binary.records(raw, metamod.load(META), warn=warns.append), warns


def test_two_rings_interleave_by_time_and_keep_their_cpu():
    recs, warns = read(two_rings())
    assert warns == []
    assert recs[0]["nr_cpus"] == 2 and recs[0]["rings"] == 2
    sc = [(r["ts"], r["cpu"], r["tid"], r["name"]) for r in recs[1:]]
    assert sc == [(10 + 10 * i, i % 2, 5 + i % 2, ("getpid", "gettid")[i % 2])
                  for i in range(8)]
    assert [r["seq"] for r in recs[1:]] == list(range(1, 9))


def test_a_full_ring_s_drops_carry_its_cpu():
    recs, warns = read(full_ring())
    body = [(r["type"], r.get("cpu"), r.get("count")) for r in recs[1:]]
    assert body == [("syscall", 0, None), ("syscall", 1, None), ("syscall", 0, None),
                    ("dropped", 1, 5), ("syscall", 1, None), ("syscall", 0, None),
                    ("dropped", 1, 2)]
    # the FTR_DROPPED sorts before the call after it in its ring (ts 6), not at its own ts
    assert "2 records lost" in warns[-1]


def test_json_lines_keep_the_cpu(tmp_path):
    ftr, out = tmp_path / "t.ftr", tmp_path / "t.jsonl"
    ftr.write_bytes(full_ring().bytes())
    binary.convert(str(ftr), str(out), META, warn=lambda m: None)
    warns = []
    tr = records.load(str(out), warn=warns.append)
    assert warns == []
    assert [r.get("cpu") for r in tr.records] == [0, 1, 0, 1, 1, 0, 1]
    assert tr.header["nr_cpus"] == 2


def run_read(tmp_path, f, *opts):
    ftr = tmp_path / "t.ftr"
    ftr.write_bytes(f.bytes())
    r = subprocess.run([sys.executable, READ, str(ftr), "--meta", META, *opts],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return r.stdout.splitlines(), r


def test_read_shows_the_cpu_when_several_wrote(tmp_path):
    lines, _ = run_read(tmp_path, two_rings())
    assert lines[:3] == ["[000] getpid() = 5", "[001] gettid() = 6", "[000] getpid() = 5"]
    assert len(lines) == 8
    lines, _ = run_read(tmp_path, two_rings(), "-f")
    assert lines[1] == "[001] [pid     6] gettid() = 6"
    lines, _ = run_read(tmp_path, full_ring())
    assert "[001] <... 5 records dropped ...>" in lines
    assert lines[-1] == "[001] <... 2 records dropped ...>"


def test_read_s_cpu_option_on_one_cpu_and_the_summary(tmp_path):
    one = P.FtrFile().add(P.syscall(seq=1, ts=1, nr=GETPID, ret=1))
    lines, _ = run_read(tmp_path, one)
    assert lines == ["getpid() = 1"]            # one CPU: strace's lines, unchanged
    lines, _ = run_read(tmp_path, one, "--cpu")
    assert lines == ["[000] getpid() = 1"]
    lines, _ = run_read(tmp_path, two_rings(), "-c")
    assert lines[-1] == "calls per CPU: cpu 0: 4, cpu 1: 4"


def test_read_json_has_the_cpu(tmp_path):
    out = tmp_path / "o.jsonl"
    run_read(tmp_path, two_rings(), "-q", "--json", str(out))
    rows = [json.loads(x) for x in out.read_text().splitlines()]
    assert [r["cpu"] for r in rows[1:]] == [0, 1] * 4
    assert rows[2]["line"] == "gettid() = 6" and rows[2]["tid"] == 6


def loaded(tmp_path, f, name="t"):
    ftr, out = tmp_path / f"{name}.ftr", tmp_path / f"{name}.jsonl"
    ftr.write_bytes(f.bytes())
    binary.convert(str(ftr), str(out), META, warn=lambda m: None)
    return records.load(str(out), warn=lambda m: None)


def test_perfetto_has_a_track_per_cpu(tmp_path, tables):
    tr = loaded(tmp_path, two_rings())
    ev = perfetto.events([tr], tables)
    cpu_pid = perfetto.CPU_PID
    names = {e["tid"]: e["args"]["name"] for e in ev
             if e["ph"] == "M" and e["name"] == "thread_name" and e["pid"] == cpu_pid}
    assert names == {cpu_pid + 1: "CPU 0", cpu_pid + 2: "CPU 1"}
    on_cpu = [(e["tid"] - cpu_pid - 1, e["name"], e["args"]["task"]) for e in ev
              if e["ph"] == "X" and e["pid"] == cpu_pid]
    assert on_cpu[:2] == [(0, "getpid", "t [pid 5 tid 5]"), (1, "gettid", "t [pid 5 tid 6]")]
    assert len(on_cpu) == 8
    # the per-thread tracks are still there, each event saying its CPU
    th = [e for e in ev if e["ph"] == "X" and e["pid"] == 5]
    assert len(th) == 8 and {e["args"]["cpu"] for e in th} == {0, 1}
    # a trace of one CPU has no CPU tracks
    one = loaded(tmp_path, P.FtrFile().add(P.syscall(seq=1, ts=1, nr=GETPID, ret=1)), "one")
    assert not [e for e in perfetto.events([one], tables) if e["pid"] == cpu_pid]


def test_html_report_has_a_per_cpu_table(tmp_path, norm):
    tr = loaded(tmp_path, full_ring())
    cmp = comparison.Comparison([tr, loaded(tmp_path, two_rings(), "u")], norm,
                                known_entries=[])
    page = report_html.render(cmp)
    assert '<h2 id="cpus">Per CPU</h2>' in page
    table = page.split('<h2 id="cpus">')[1].split("</table>")[0]
    rows = [r for r in table.split("<tr>")[2:]]
    assert len(rows) == 4
    assert "<td>t</td><td class=\"num\">1</td><td class=\"num\">2</td><td>2</td>" in rows[1]
    assert rows[1].rstrip().endswith('<td class="num">7</td></tr>')   # 5 announced + 2 at the end
