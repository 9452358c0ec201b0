"""The reports: text table, JSON, self-contained HTML, Perfetto trace events; known differences."""
import html.parser
import json
import subprocess
import sys

import pytest

from ferrytrace import comparison, known, linuxparse, perfetto, records, report_html, report_text

X86, ARM = "ferry_x86_64_files.jsonl", "ferry_arm64_files.jsonl"
VOID = {"meta", "br", "hr", "img", "input", "link", "col", "wbr"}


def load(p):
    return records.load(p, warn=lambda m: None)


@pytest.fixture
def cmp(fixture_path, norm):
    # No known differences: the counts below must not depend on the evolving known list.
    return comparison.Comparison([load(fixture_path(X86)), load(fixture_path(ARM))], norm,
                                 known_entries=[])


class Checker(html.parser.HTMLParser):
    """Checks tags are balanced and nothing external or scripted is referenced."""

    def __init__(self):
        super().__init__()
        self.stack, self.errors, self.tags = [], [], set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for k, v in attrs:
            if k in ("src", "href") or (v and ("http:" in v or "https:" in v or "url(" in v)):
                self.errors.append(f"external reference {k}={v}")
            if k.startswith("on"):
                self.errors.append(f"script attribute {k}")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unbalanced </{tag}> (open: {self.stack[-3:]})")
        else:
            self.stack.pop()


def test_html_is_self_contained_and_complete(cmp):
    doc = report_html.render(cmp)
    c = Checker()
    c.feed(doc)
    assert c.errors == [] and c.stack == []
    assert "script" not in c.tags and "link" not in c.tags and "style" in c.tags
    assert "@import" not in doc and "http" not in doc
    assert 'open(&quot;/etc/motd&quot;, O_RDONLY, 0)' in doc       # escaped side-by-side cell
    assert 'class="m name-only abi"' in doc and 'class="m differ abi"' in doc  # ABI differences
    assert '<td class="num equal">6</td>' in doc                   # the counts table
    assert "Name normalisation" in doc and "open(p, f, m) = openat(AT_FDCWD, p, f, m)" in doc
    assert 'class="bar' in doc and "svc" in doc and "int80" in doc  # cost bars per route


def test_text_report(cmp):
    out = report_text.render(cmp, width=150, colour=False)
    assert "\x1b[" not in out
    rows = out.splitlines()
    row2 = next(r for r in rows if r.strip().startswith("2 "))
    assert "open(\"/etc/motd\"" in row2 and " ~  openat(AT_FDCWD" in row2
    assert ("probe files: ferry_x86_64_files vs ferry_arm64_files (ferry, ABI differences, not "
            "judged): equal 6, name only 1, args/results differ 2, only in first 1, only in other "
            "0, known 0") in out
    assert "x86_64  open           -> open           family openat" in out
    assert "2 records DROPPED" in out
    assert "\x1b[36m~ \x1b[0m" in report_text.render(cmp, width=150, colour=True)


def test_json_report_has_the_same_content(cmp):
    data = json.loads(json.dumps(cmp.to_json()))
    assert [t["label"] for t in data["traces"]] == ["ferry_x86_64_files", "ferry_arm64_files"]
    assert data["comparisons"][0]["counts"]["name-only"] == 1
    pair = data["comparisons"][0]["pairs"][1]
    assert pair["class"] == "name-only" and pair["b_line"].startswith("openat(AT_FDCWD")
    assert data["rows"][1]["classes"] == [None, "name-only"]
    assert data["normalisation"]["used"][0]["name"] == "open"
    assert len(data["normalisation"]["all"]) > 50
    assert data["cost"][1]["routes"][0]["route"] == "svc"


def test_perfetto(fixture_path, tables):
    tr = [load(fixture_path(X86)), load(fixture_path(ARM))]
    doc = json.loads(perfetto.render(tr, tables))
    ev = [e for e in doc["traceEvents"] if e["ph"] == "X"]
    assert len(ev) == 9 + 8
    op = next(e for e in ev if e["name"] == "openat")
    # arm64 trace: 62.5 MHz, first ts 100: (400 - 100) / 62.5 = 4.8 us; 1500 cycles = 24 us
    assert op["ts"] == pytest.approx(4.8) and op["dur"] == pytest.approx(24.0)
    assert op["pid"] == perfetto.PID_STRIDE + 1
    assert op["args"]["errno"] == "ENOENT" and op["args"]["route"] == "svc"
    meta = [e for e in doc["traceEvents"] if e["ph"] == "M" and e["name"] == "process_name"]
    assert [m["args"]["name"] for m in meta] == ["ferry_x86_64_files: files [pid 1]",
                                                 "ferry_arm64_files: files [pid 1]"]
    for e in ev:
        assert {"name", "ph", "ts", "dur", "pid", "tid", "args"} <= set(e)


def test_perfetto_without_clock_is_sequential(fixture_path):
    recs = linuxparse.parse_qemu(open(fixture_path("qemu_x86_64_routes.log")).read(), "x86_64", "routes")
    tr = records.Trace(None, {"type": "header", "source": "qemu-user"}, recs, [], "q")
    ev = [e for e in perfetto.events([tr]) if e["ph"] == "X"]
    assert [e["ts"] for e in ev[:3]] == [0.0, 1.0, 2.0] and ev[0]["args"]["synthetic_time"]


def test_known_differences_file_and_matching(fixture_path, norm):
    """The routes probe on Ferry x86_64 beside qemu-x86_64 and native strace, as make compare
    LINUX=1 traced them on a host without IA32 emulation: every difference is a known one,
    each for its own reason."""
    entries = known.load()
    assert {"pids", "execve-start", "qemu-int80-from-64bit"} <= {e["id"] for e in entries}
    ferry = load(fixture_path("ferry_x86_64_routes.jsonl"))
    qemu = load(fixture_path("linux_x86_64_routes.qemu-user.jsonl"))
    strace = load(fixture_path("linux_x86_64_routes.strace.jsonl"))
    c = comparison.Comparison([ferry, qemu, strace], norm, entries)
    by = {}
    for side in c.sides:
        assert side["judged"] and side["a"] == 0
        for p in side["pairs"]:
            for kid in p["known"] or [None]:
                by.setdefault((c.traces[side["b"]].source, kid), []).append(p)
    assert by[("strace", "execve-start")][0]["class"] == "only-b"
    assert all(p["class"] == "differ" for p in by[("qemu-user", "pids")])
    assert len(by[("qemu-user", "ktap-pid")]) == len(by[("strace", "ktap-pid")]) == 1
    assert ("qemu-user", "qemu-int80-from-64bit") in by
    assert ("strace", "host-without-ia32") in by
    assert all(p["class"] == "equal" for (_, kid), ps in by.items() if kid is None for p in ps)
    assert c.unexpected() == 0


def test_known_entry_needs_the_same_side(fixture_path, norm):
    # the qemu-int80 entry is for qemu-user x86_64 only: an arm64 qemu trace is not covered
    entry = {"id": "t", "sources": ["qemu-user"], "abi": ["x86_64"], "differs": ["result"],
             "why": "w"}
    a = records.loads('{"type":"header","source":"strace"}\n'
                      '{"type":"syscall","abi":"x86_64","name":"getppid","ret":1}', warn=lambda m: None)
    b = records.loads('{"type":"header","source":"qemu-user"}\n'
                      '{"type":"syscall","abi":"arm64","name":"getppid","ret":2}', warn=lambda m: None)
    c = comparison.Comparison([a, b], norm, [entry])
    assert c.sides[0]["pairs"][0]["known"] is None
    b.records[0]["abi"] = "x86_64"
    c = comparison.Comparison([a, b], norm, [entry])
    assert c.sides[0]["pairs"][0]["known"] == ["t"]


def test_known_file_is_validated(tmp_path):
    bad = tmp_path / "k.json"
    bad.write_text(json.dumps({"known": [{"id": "x", "why": "y", "classes": ["weird"]}]}))
    with pytest.raises(ValueError, match="unknown class"):
        known.load(str(bad))


def test_compare_cli(fixture_path, tmp_path, script):
    h, j, p = tmp_path / "r.html", tmp_path / "r.json", tmp_path / "r.perfetto.json"
    r = subprocess.run([sys.executable, script("compare.py"), fixture_path(X86), fixture_path(ARM),
                        "--labels", "x86,arm", "--text", "--html", str(h), "--json", str(j),
                        "--perfetto", str(p)], capture_output=True, text=True)
    assert r.returncode == 0                      # two ABIs: ABI differences, not judged
    assert "\x1b[" not in r.stdout and "x86 vs arm (ferry, ABI differences, not judged): equal 6" in r.stdout
    assert h.read_text().startswith("<!DOCTYPE html>")
    assert json.loads(j.read_text())["traces"][1]["label"] == "arm"
    assert "traceEvents" in json.loads(p.read_text())
    r = subprocess.run([sys.executable, script("compare.py"), fixture_path(X86), fixture_path(X86)],
                       capture_output=True, text=True)
    assert r.returncode == 0 and "equal 10," in r.stdout
    r = subprocess.run([sys.executable, script("compare.py"), "--mapping"], capture_output=True, text=True)
    assert "i386    _newselect       select           pselect6" in r.stdout
