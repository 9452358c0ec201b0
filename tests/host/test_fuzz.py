"""Smoke runs of the host fuzz harnesses (tests/fuzz, docs/fuzzing.md) for make check: each
libFuzzer harness built with Debian's clang (-fsanitize=fuzzer,address,undefined) and run
2000 times from the corpus in the tree, the trace reader's mutation harness 300 times. The
long runs are make fuzz's."""
import os
import subprocess
import sys

import pytest

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(TOP, "scripts"))
import fuzz  # noqa: E402  (scripts/fuzz.py)


@pytest.mark.parametrize("name", sorted(fuzz.HARNESSES))
def test_libfuzzer_harness_smoke(tmp_path, name):
    exe = str(tmp_path / f"fuzz_{name}")
    b = fuzz.build_harness(name, exe)
    assert b.returncode == 0, b.stderr[-2000:]
    grown = tmp_path / "corpus"	# libFuzzer adds new inputs to the first folder: not the tree's
    grown.mkdir()
    r = subprocess.run([exe, "-seed=1", "-runs=2000", f"-artifact_prefix={tmp_path}/", str(grown),
                        os.path.join(TOP, "tests/fuzz/corpus", name)],
                       capture_output=True, text=True, env=dict(os.environ, ASAN_OPTIONS="detect_leaks=0"),
                       timeout=120)
    assert r.returncode == 0, r.stderr[-3000:]
    assert "Done 2000 runs" in r.stderr


def test_trace_reader_harness_smoke():
    r = subprocess.run([sys.executable, os.path.join(TOP, "tests/fuzz/trace_reader.py"), "--runs=300",
                        "--seed=1"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "executions=300: ok" in r.stdout
