"""make compare gives a verdict (issue 9): a verdict per probe and an exit status, known
differences that name the field that differs, a text table that fits the terminal, and an
HTML report that starts with the verdict."""
import json
import os
import re
import subprocess
import sys

import pytest

from ferrytrace import comparison, known, records, report_html, report_text

X86, ARM = "ferry_x86_64_files.jsonl", "ferry_arm64_files.jsonl"
LINUX = "linux_x86_64_files.jsonl"    # the x86_64 fixture as strace saw it, mmap's length changed
TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def load(p):
    return records.load(p, warn=lambda m: None)


def trace(calls, abi="x86_64", source="ferry", probe="p"):
    """A trace from (name, [(kind, value, name)...], ret[, errno]) tuples."""
    lines = [json.dumps({"type": "header", "source": source, "arch": abi, "probe": probe})]
    for c in calls:
        name, args, ret = c[:3]
        dec = [{"name": a[2], "kind": a[0], "value": a[1]} for a in args]
        lines.append(json.dumps({"type": "syscall", "abi": abi, "name": name, "decoded": dec,
                                 "ret": ret, "errno": c[3] if len(c) > 3 else None, "pid": 1}))
    return records.loads("\n".join(lines), warn=lambda m: None, label=f"{source}-{abi}")


def run_compare(*args, env=None):
    e = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "NO_COLOR")}
    e.update(env or {})
    return subprocess.run([sys.executable, os.path.join(TOP, "scripts", "trace", "compare.py"),
                           *args], capture_output=True, text=True, env=e)


# ---- 1. a verdict per probe, and the exit status ---------------------------------------------

def test_text_ends_with_a_verdict_per_probe(fixture_path):
    r = run_compare(fixture_path(X86), fixture_path(ARM), fixture_path(LINUX),
                    "--labels", "x86,arm,linux", "--text")
    assert r.returncode == 1
    assert r.stdout.rstrip().splitlines()[-1] == \
        "files: x86_64 1 unexpected difference (linux 1; 2 known), arm64 not judged"
    r = run_compare(fixture_path(X86), fixture_path(X86), "--text")
    assert r.returncode == 0
    assert r.stdout.rstrip().splitlines()[-1] == "files: x86_64 matching"


def test_make_compare_rejects_a_probe_that_does_not_exist(tmp_path):
    out = tmp_path / "cmp"
    out.mkdir()
    (out / "summary.json").write_text('{"tour": "from an earlier run"}')
    r = subprocess.run([sys.executable, os.path.join(TOP, "scripts", "compare.py"),
                        "--probes", "no_such_probe", "--out", str(out)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode != 0
    said = (r.stdout + r.stderr).strip().splitlines()
    assert len(said) == 1 and "no_such_probe" in said[0], said
    assert (out / "summary.json").read_text() == '{"tour": "from an earlier run"}'
    assert sorted(os.listdir(out)) == ["summary.json"]


def test_html_starts_with_the_verdict(fixture_path, norm):
    cmp = comparison.Comparison([load(fixture_path(X86)), load(fixture_path(ARM)),
                                 load(fixture_path(LINUX))], norm)
    doc = report_html.render(cmp)
    body = doc.split("<body>", 1)[1]
    first = " ".join(re.sub(r"<[^>]+>", " ", body.split("<h2>", 1)[0]).split())
    assert "files: x86_64 1 unexpected difference" in first
    assert "3 ABI differences between the Ferry traces" in first


# ---- 2. a known difference names what differs -------------------------------------------------

def test_mmap_length_is_not_an_address(fixture_path, norm):
    """mmap(NULL, 4096, ...) against mmap(NULL, 8192, ...) is a real difference."""
    cmp = comparison.Comparison([load(fixture_path(X86)), load(fixture_path(ARM))], norm)
    mm = [p for p in cmp.sides[0]["pairs"]
          if p["a"] is not None and cmp.items[0][p["a"]].rec.get("name") == "mmap"]
    assert len(mm) == 1
    assert (mm[0]["class"], mm[0]["why"], mm[0]["known"]) == ("differ", ["arg len"], None)


def test_a_differing_address_is_still_known(norm):
    a = trace([("brk", [("uint", "0x406000", "brk")], 0x406000),
               ("munmap", [("uint", "0x7fffff6fc000", "addr"), ("uint", "4096", "len")], 0),
               ("munmap", [("uint", "0x7fffff6fc000", "addr"), ("uint", "4096", "len")], 0)])
    b = trace([("brk", [("uint", "0x4f85000", "brk")], 0x4f85000),
               ("munmap", [("uint", "0x7f79f9469000", "addr"), ("uint", "4096", "len")], 0),
               ("munmap", [("uint", "0x7f79f9469000", "addr"), ("uint", "8192", "len")], 0)],
              source="strace")
    cmp = comparison.Comparison([a, b], norm)
    got = [(p["why"], p["known"]) for p in cmp.sides[0]["pairs"]]
    assert got[0] == (["arg brk"], ["addresses"])
    assert got[1] == (["arg addr"], ["addresses"])
    assert got[2][1] is None                        # the length differs too: not only an address
    # a returned address that differs (the classifier's "result") is known too
    pair = {"class": "differ", "why": ["result"], "known": None}
    x = cmp.items[0][0]
    assert known.covering(known.load(), pair, x, cmp.items[1][0], a, b) == ["addresses"]
    # ... but an error is never an address
    pair = {"class": "differ", "why": ["errno"], "known": None}
    assert known.covering(known.load(), pair, x, cmp.items[1][0], a, b) is None


def test_a_known_difference_must_name_what_differs(tmp_path):
    bad = tmp_path / "k.json"
    bad.write_text(json.dumps({"known": [{"id": "wide", "syscall": ["mmap"], "classes": ["differ"],
                                          "why": "too wide"}]}))
    with pytest.raises(ValueError, match="differs"):
        known.load(str(bad))


# ---- 3. the text table follows the terminal ---------------------------------------------------

def test_table_fits_the_width_and_keeps_the_result(fixture_path, norm):
    cmp = comparison.Comparison([load(fixture_path(X86)), load(fixture_path(ARM))], norm,
                                known_entries=[])
    for width in (100, 200):
        rows = report_text.table(cmp, width, colour=False)      # short: every row
        assert all(len(r) <= width for r in rows), width
    rows = report_text.table(cmp, 100, colour=False)
    op = next(r for r in rows if "/etc/motd" in r)
    assert op.count("= -1 ENOENT") == 2                 # the result is never cut ...
    assert "\u2026" in op                               # ... the middle of the arguments is
    mm = next(r for r in rows if "mmap(" in r)
    assert mm.count(" = 0x") == 2
    wide = report_text.table(cmp, 200, colour=False)
    assert any("openat(AT_FDCWD, \"/etc/motd\", O_RDONLY, 0) = -1 ENOENT (No such file or directory)"
               in r for r in wide)


def test_mark_has_its_own_column(fixture_path, norm):
    cmp = comparison.Comparison([load(fixture_path(X86)), load(fixture_path(ARM))], norm,
                                known_entries=[])
    rows = report_text.table(cmp, 160, colour=False)
    only = next(r for r in rows if r.lstrip().startswith("8 "))
    assert re.search(r" - *$", only)                    # only in the first: the mark alone
    row2 = next(r for r in rows if r.lstrip().startswith("2 "))
    assert " ~  openat(" in row2                        # mark, known flag, space, text


def test_cli_follows_columns_and_colour(fixture_path):
    r = run_compare(fixture_path(X86), fixture_path(ARM), "--text", env={"COLUMNS": "100"})
    table = [l for l in r.stdout.splitlines() if re.match(r"\s+\d+ ", l)]
    assert table and all(len(l) <= 100 for l in table)
    assert max(len(l) for l in table) > 90
    r = run_compare(fixture_path(X86), fixture_path(ARM), "--text", "--color", "always",
                    env={"COLUMNS": "200"})
    table = [ANSI.sub("", l) for l in r.stdout.splitlines() if re.match(r"\s+\d+ ", ANSI.sub("", l))]
    assert "\x1b[" in r.stdout and max(len(l) for l in table) > 150


def test_long_traces_show_a_diff_with_context(norm):
    calls = [("getpid", [], 1)] * 40
    a = trace(calls + [("write", [("fd", "1", "fd")], 3)] + calls)
    b = trace(calls + [("write", [("fd", "2", "fd")], 3)] + calls, source="strace")
    cmp = comparison.Comparison([a, b], norm, known_entries=[])
    rows = report_text.table(cmp, 120, colour=False)              # long: the diff view
    body = [r for r in rows if re.match(r"\s+\d+ ", r)]
    assert len(body) == 7 and "write(1)" in body[3] and "! " in body[3]
    assert [r.split()[0] for r in body] == [str(n) for n in range(38, 45)]
    assert any("rows 1-37" in r for r in rows) and any("rows 45-81" in r for r in rows)
    full = report_text.table(cmp, 120, colour=False, view="full")
    assert len([r for r in full if re.match(r"\s+\d+ ", r)]) == 81
    r = report_text.table(cmp, 120, colour=False, view="diff", context=0)
    assert len([x for x in r if re.match(r"\s+\d+ ", x)]) == 1


# ---- 5. the HTML report ----------------------------------------------------------------------

def test_html_report_explains_itself(fixture_path, norm):
    cmp = comparison.Comparison([load(fixture_path(X86)), load(fixture_path(ARM))], norm)
    doc = report_html.render(cmp)
    css = doc.split("<style>", 1)[1].split("</style>", 1)[0]
    colour = lambda cls: re.search(r"\." + cls + r"\b[^{]*\{[^}]*background:([^;}]+)", css).group(1)
    assert colour("only-a") != colour("only-b")
    visible = re.sub(r'title="[^"]*"', "", doc)
    assert "arg len" in visible                         # the reason, without hovering
    assert "instructions" in doc and "CNTVCT" in doc    # what a cycle is
    assert "break-all" not in css and "overflow-wrap" in css
    assert FIXTURE_DIR not in doc and TOP not in doc    # no machine paths


FIXTURE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")


def test_a_host_that_refuses_the_binary_gives_no_linux_trace():
    """An x86_64 host kernel without IA32 emulation refuses i386 probes: that is no trace
    of the probe to compare (it would show as 24 unexpected differences), so linux.py skips it."""
    from ferrytrace import linux, linuxparse
    log = ('500 execve("build/probes/i386/tour", ["build/probes/i386/tour"], 0x7ffc6d220588 '
           '/* 46 vars */) = -1 ENOEXEC (Exec format error)\n500 +++ exited with 1 +++\n')
    assert linux.refused_exec(linuxparse.parse_strace(log, "i386", "tour")) == "ENOEXEC"
    ok = log.replace("-1 ENOEXEC (Exec format error)", "0") + '500 getpid() = 500\n'
    assert linux.refused_exec(linuxparse.parse_strace(ok, "i386", "tour")) is None


def test_make_compare_ends_with_an_overall_verdict(capsys):
    import importlib.util
    spec = importlib.util.spec_from_file_location("make_compare", os.path.join(TOP, "scripts", "compare.py"))
    mc = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mc)
    ok = {"probe": "tour", "unexpected": 0, "line": "tour: matching (41 known differences)"}
    bad = {"probe": "routes", "unexpected": 3, "line": "routes: 3 unexpected differences (ferry-i386 3)"}
    assert mc.verdict([ok], [], False) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "compare: tour matches (known differences aside)"
    assert mc.verdict([ok, bad], [], False) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-3:] == ["  tour: matching (41 known differences)",
                        "  routes: 3 unexpected differences (ferry-i386 3)",
                        "compare: unexpected differences in 1 of 2 probes (routes)"]
    assert mc.verdict([ok], ["hello: not compared: 1 trace(s), a comparison needs two"], False) == 2
