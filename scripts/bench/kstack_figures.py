# SPDX-License-Identifier: GPL-2.0
"""The random kernel stack offset's cost (issue 16; bench.py --kstack-only): guest
instructions per call of every route of the bench probe, under -icount, on three kernels:

  none  CONFIG_RANDOMIZE_KSTACK_OFFSET=n (OUT/<arch>-nokstack)
  off   defconfig, booted as Linux boots by default (compiled in, off: a flag test each way)
  on    defconfig booted with randomize_kstack_offset=on

'off' minus 'none' is what having the option costs a kernel that does not use it; 'on' minus
'off' what turning it on costs. The figures are exact (icount): each pair of boots agrees.
"""
import os
import shutil

import builds

SYMBOL = "CONFIG_RANDOMIZE_KSTACK_OFFSET"


def nokstack_build(arch, objtree):
    """defconfig with the option switched off, then make (incremental after the first time)."""
    top = builds.TOP
    cfg = os.path.join(top, objtree, ".config")
    if not os.path.exists(cfg):
        shutil.rmtree(os.path.join(top, objtree), ignore_errors=True)
        builds.make(f"ARCH={arch}", f"O={objtree}", "defconfig")
        lines = [ln for ln in open(cfg) if not ln.startswith((SYMBOL + "=",
                                                               f"# {SYMBOL} is not set"))]
        lines.append(f"# {SYMBOL} is not set\n")
        with open(cfg, "w") as f:
            f.writelines(lines)
        builds.make(f"ARCH={arch}", f"O={objtree}", "olddefconfig")
    if f"{SYMBOL}=y" in open(cfg).read():
        raise builds.BuildError(f"{objtree}: olddefconfig turned {SYMBOL} back on")
    builds.make(f"ARCH={arch}", f"O={objtree}", f"-j{builds.JOBS}")


def rows(abis, runs, per_call):
    """runs: {(kind, abi): parsed boot}; per_call(fig, key, arch) -> instructions or None."""
    out = []
    for abi in abis:
        for key in sorted(runs[("off", abi)].get("routes", {})):
            arch = "x86_64" if abi in ("x86_64", "i386") else "arm64"
            v = {k: per_call(runs[(k, abi)], key, arch) for k in ("none", "off", "on")}
            route, call = key.split("/", 1)
            diff = lambda a, b: None if a is None or b is None else round(a - b, 2)  # noqa: E731
            out.append({"abi": abi, "route": route, "call": call, **v,
                        "off_minus_none": diff(v["off"], v["none"]),
                        "on_minus_off": diff(v["on"], v["off"])})
    return out


def text(table):
    lines = ["Random kernel stack offset: guest instructions per call (icount)",
             f"{'abi':7} {'route':10} {'call':10} {'none':>7} {'off':>7} {'on':>7} "
             f"{'off-none':>9} {'on-off':>7}"]
    fmt = lambda x: "-" if x is None else str(x)  # noqa: E731
    for r in table:
        lines.append(f"{r['abi']:7} {r['route']:10} {r['call']:10} {fmt(r['none']):>7} "
                     f"{fmt(r['off']):>7} {fmt(r['on']):>7} {fmt(r['off_minus_none']):>9} "
                     f"{fmt(r['on_minus_off']):>7}")
    return "\n".join(lines)
