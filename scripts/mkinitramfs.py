#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write a "newc" cpio archive (the initramfs format Linux unpacks) from DEST=SOURCE pairs.

  mkinitramfs.py -o initramfs.cpio /init=build/probes/x86_64/hello [/bin/x=path ...]

Directories on the way to each DEST are created; files keep mode 0755 when executable.
Like Linux's default initramfs (usr/default_cpio_list), the archive always holds /dev with
the console node /dev/console (character device 5:1, mode 0600) and /root (0700), so init
can open /dev/console before anything mounts devtmpfs.
"""
import argparse
import os
import sys


def pad4(n):
    return (4 - n % 4) % 4


def entry(out, ino, name, mode, data=b"", nlink=1, rdev=(0, 0)):
    name_b = name.encode() + b"\0"
    hdr = "070701" + "".join("%08X" % v for v in (
        ino, mode, 0, 0, nlink, 0, len(data), 0, 0, rdev[0], rdev[1], len(name_b), 0))
    out.write(hdr.encode() + name_b + b"\0" * pad4(110 + len(name_b)))
    out.write(data + b"\0" * pad4(len(data)))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("-o", "--output", required=True)
    p.add_argument("files", nargs="+", help="DEST=SOURCE")
    a = p.parse_args()

    dirs, files = set(), []
    for spec in a.files:
        dest, _, src = spec.partition("=")
        if not src:
            sys.exit(f"mkinitramfs: expected DEST=SOURCE, got {spec!r}")
        dest = dest.strip("/")
        parts = dest.split("/")
        for i in range(1, len(parts)):
            dirs.add("/".join(parts[:i]))
        files.append((dest, src))

    with open(a.output, "wb") as out:
        ino = 1
        for d in sorted(dirs | {"dev", "root"}):
            entry(out, ino, d, 0o040700 if d == "root" else 0o040755, nlink=2)
            ino += 1
        if "dev/console" not in dict(files):
            entry(out, ino, "dev/console", 0o020600, rdev=(5, 1))
            ino += 1
        for dest, src in files:
            with open(src, "rb") as f:
                data = f.read()
            mode = 0o100755 if os.access(src, os.X_OK) else 0o100644
            entry(out, ino, dest, mode, data)
            ino += 1
        entry(out, 0, "TRAILER!!!", 0, nlink=1)
        size = out.tell()
        out.write(b"\0" * ((512 - size % 512) % 512))


if __name__ == "__main__":
    main()
