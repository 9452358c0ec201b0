# SPDX-License-Identifier: GPL-2.0
"""The random kernel stack offset's cost (issue 16; bench.py --kstack-only): guest
instructions per call of every route of the bench probe, under -icount, on three kernels:

  none  CONFIG_RANDOMIZE_KSTACK_OFFSET=n (OUT/<arch>-nokstack)
  off   defconfig, booted as Linux boots by default (compiled in, off: one NOP per syscall)
  on    defconfig booted with randomize_kstack_offset=on

'off' minus 'none' is what having the option costs a kernel that does not use it; 'on' minus
'off' what turning it on costs. The figures are exact (icount): each pair of boots agrees.
"""
import os
import shutil

import builds

SYMBOL = "CONFIG_RANDOMIZE_KSTACK_OFFSET"


def nokstack_build(arch, objtree):
    """defconfig with the option (and builds.DEBUG_OFF, as the kernels it is compared with)
    switched off, then make (incremental after the first time)."""
    top = builds.TOP
    cfg = os.path.join(top, objtree, ".config")
    if not os.path.exists(cfg):
        shutil.rmtree(os.path.join(top, objtree), ignore_errors=True)
        builds.configure(arch, objtree, (SYMBOL,) + builds.DEBUG_OFF)
    if f"{SYMBOL}=y" in open(cfg).read():
        raise builds.BuildError(f"{objtree}: olddefconfig turned {SYMBOL} back on")
    builds.make(f"ARCH={arch}", f"O={objtree}", f"-j{builds.JOBS}")


KINDS = ("none", "off", "on")
DIFFS = [("off", "none"), ("on", "off")]
TITLE = "Random kernel stack offset: guest instructions per call (icount)"


def cmdline(kind):
    return "randomize_kstack_offset=on" if kind == "on" else ""
