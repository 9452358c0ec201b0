"""pytest set-up for the host tests: load scripts/trace/ as the package "ferrytrace"."""
import importlib.util
import os
import sys

import pytest

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(TOP, "scripts", "trace"))
import _boot  # noqa: E402

_boot.package()
FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")


@pytest.fixture
def fixture_path():
    return lambda name: os.path.join(FIXTURES, name)


@pytest.fixture(scope="session")
def tables():
    from ferrytrace import tables as tbl
    return tbl.load()


@pytest.fixture(scope="session")
def norm(tables):
    from ferrytrace import normalize
    return normalize.Normalizer(tables)


@pytest.fixture
def script():
    return lambda name: os.path.join(TOP, "scripts", "trace", name)


# scripts/bench.py as a module (test_bench.py, test_bench_trace.py).
@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_main", os.path.join(TOP, "scripts",
                                                                             "bench.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)	# puts scripts/bench/ on sys.path
    return mod
