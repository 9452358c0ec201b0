"""Load scripts/trace/ as the package "ferrytrace" so the CLIs and tests can use relative
imports without clashing with the standard library's "trace" module."""
import importlib.util
import os
import sys

NAME = "ferrytrace"


def package():
    """Import (once) and return the ferrytrace package."""
    if NAME in sys.modules:
        return sys.modules[NAME]
    here = os.path.dirname(os.path.abspath(__file__))
    spec = importlib.util.spec_from_file_location(
        NAME, os.path.join(here, "__init__.py"), submodule_search_locations=[here])
    mod = importlib.util.module_from_spec(spec)
    sys.modules[NAME] = mod
    spec.loader.exec_module(mod)
    return mod
