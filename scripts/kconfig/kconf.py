#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Configuration front end over kconfiglib (Debian's python3-kconfiglib).

Usage: kconf.py ACTION [ARG]
  defconfig FILE      .config from a defconfig file (unset symbols get defaults)
  olddefconfig        bring .config up to date, new symbols get their defaults
  oldconfig           same as olddefconfig (no interactive questions here)
  syncconfig HEADER   olddefconfig, then write the C header (include/generated/autoconf.h)
  savedefconfig OUT   minimal defconfig of the current .config
  menuconfig          the terminal menu (kconfiglib's menuconfig)
  allnoconfig / allyesconfig / listnewconfig

Environment: srctree, ARCH, SRCARCH, KCONFIG_CONFIG (path of .config).
"""
import os
import sys

try:
    import kconfiglib
except ImportError:
    sys.exit("kconf.py: kconfiglib is missing: run scripts/install-deps.sh "
             "(Debian package python3-kconfiglib) and use /usr/bin/python3")


def load():
    os.chdir(os.environ.get("srctree", "."))
    kconf = kconfiglib.Kconfig("Kconfig", warn_to_stderr=True, suppress_traceback=True)
    return kconf


def config_path():
    return os.environ.get("KCONFIG_CONFIG", ".config")


def write_config(kconf):
    path = config_path()
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    kconf.write_config(path, header="# Ferry kernel configuration (kconfiglib)\n",
                       save_old=False)


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    action = argv[1]
    kconf = load()
    cfg = config_path()

    if action == "defconfig":
        kconf.load_config(argv[2])
        write_config(kconf)
        print(f"  CONFIG  {cfg} from {argv[2]}")
    elif action in ("olddefconfig", "oldconfig"):
        if os.path.exists(cfg):
            kconf.load_config(cfg)
        write_config(kconf)
    elif action == "syncconfig":
        kconf.load_config(cfg)
        write_config(kconf)
        header = argv[2]
        os.makedirs(os.path.dirname(header), exist_ok=True)
        kconf.write_autoconf(header, header="/* Generated from .config by kconf.py: do not edit. */\n")
    elif action == "savedefconfig":
        kconf.load_config(cfg)
        kconf.write_min_config(argv[2])
    elif action == "menuconfig":
        os.environ["KCONFIG_CONFIG"] = cfg
        import menuconfig
        menuconfig.menuconfig(kconf)
    elif action == "allnoconfig":
        for sym in kconf.unique_defined_syms:
            sym.set_value(2 if sym.is_allnoconfig_y else 0)
        write_config(kconf)
    elif action == "allyesconfig":
        for sym in kconf.unique_defined_syms:
            if sym.orig_type in (kconfiglib.BOOL, kconfiglib.TRISTATE):
                sym.set_value(2)
        write_config(kconf)
    elif action == "listnewconfig":
        kconf.load_config(cfg)
        for sym in kconf.unique_defined_syms:
            if sym.user_value is None and sym.visibility:
                print(f"CONFIG_{sym.name}={sym.str_value}")
    else:
        sys.exit(f"kconf.py: unknown action {action!r}\n{__doc__}")


if __name__ == "__main__":
    main(sys.argv)
