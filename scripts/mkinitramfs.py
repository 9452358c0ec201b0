#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write a "newc" cpio archive (the initramfs format Linux unpacks) from DEST=SOURCE pairs.

  mkinitramfs.py -o initramfs.cpio /init=build/probes/x86_64/hello [/bin/x=path ...]
                 [--link /bin/ls=busybox ...] [--dir /proc ...]

Directories on the way to each DEST are created; files keep mode 0755 when executable.
--link DEST=TARGET adds a symbolic link DEST whose contents are TARGET (as ln -s TARGET DEST),
--dir DEST an empty directory (mount points such as /proc and /tmp).
Like Linux's default initramfs (usr/default_cpio_list), the archive always holds /dev with
the console node /dev/console (character device 5:1, mode 0600) and /root (0700), so init
can open /dev/console before anything mounts devtmpfs.

Every entry belongs to root (uid 0, gid 0) and has mtime 0, so the same inputs give the same
archive byte for byte. scripts/userland.py builds whole userlands through write_cpio().
"""
import argparse
import os
import sys

S_IFDIR, S_IFREG, S_IFLNK, S_IFCHR = 0o040000, 0o100000, 0o120000, 0o020000


def pad4(n):
    return (4 - n % 4) % 4


def entry(out, ino, name, mode, data=b"", nlink=1, rdev=(0, 0)):
    name_b = name.encode() + b"\0"
    hdr = "070701" + "".join("%08X" % v for v in (
        ino, mode, 0, 0, nlink, 0, len(data), 0, 0, rdev[0], rdev[1], len(name_b), 0))
    out.write(hdr.encode() + name_b + b"\0" * pad4(110 + len(name_b)))
    out.write(data + b"\0" * pad4(len(data)))


def parent_dirs(dest):
    parts = dest.split("/")
    return {"/".join(parts[:i]) for i in range(1, len(parts))}


def write_cpio(path, files=(), links=(), dirs=()):
    """files: (DEST, SOURCE path) pairs; links: (DEST, TARGET) pairs; dirs: DEST names.
    DEST may start with '/'. A later entry for the same DEST replaces an earlier one.
    Directories come first (sorted, so parents precede children), then links and files."""
    files = {d.strip("/"): src for d, src in files}
    links = {d.strip("/"): target for d, target in links}
    for dest in links:
        files.pop(dest, None)
    all_dirs = {d.strip("/") for d in dirs} | {"dev", "root"}
    for dest in list(files) + list(links) + list(all_dirs):
        all_dirs |= parent_dirs(dest)
    all_dirs.discard("")
    for dest, src in files.items():	# every source readable before a byte is written
        if not os.path.isfile(src) or not os.access(src, os.R_OK):
            raise FileNotFoundError(f"{dest}={src}: no such readable file")
    # Written under a temporary name and renamed: a failure halfway leaves no truncated
    # archive that a make rule would take as up to date.
    tmp = f"{path}.tmp{os.getpid()}"
    try:
        with open(tmp, "wb") as out:
            write_entries(out, files, links, all_dirs)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise
    return path


def write_entries(out, files, links, all_dirs):
    """The archive's entries in write_cpio's order, then the trailer and the padding."""
    ino = 1
    for d in sorted(all_dirs):
        entry(out, ino, d, S_IFDIR | (0o700 if d == "root" else 0o755), nlink=2)
        ino += 1
    if "dev/console" not in files and "dev/console" not in links:
        entry(out, ino, "dev/console", S_IFCHR | 0o600, rdev=(5, 1))
        ino += 1
    for dest, target in sorted(links.items()):
        entry(out, ino, dest, S_IFLNK | 0o777, target.encode())
        ino += 1
    for dest, src in files.items():
        with open(src, "rb") as f:
            data = f.read()
        mode = 0o755 if os.access(src, os.X_OK) else 0o644
        entry(out, ino, dest, S_IFREG | mode, data)
        ino += 1
    entry(out, 0, "TRAILER!!!", 0, nlink=1)
    size = out.tell()
    out.write(b"\0" * ((512 - size % 512) % 512))


def pair(spec, what):
    dest, _, src = spec.partition("=")
    if not src or not dest.strip("/"):
        sys.exit(f"mkinitramfs: expected {what}, got {spec!r}")
    return dest, src


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--link", action="append", default=[], metavar="DEST=TARGET",
                   help="a symbolic link DEST pointing to TARGET (repeatable)")
    p.add_argument("--dir", action="append", default=[], metavar="DEST",
                   help="an empty directory (repeatable)")
    p.add_argument("files", nargs="*", help="DEST=SOURCE")
    a = p.parse_args()
    if not (a.files or a.link or a.dir):
        p.error("nothing to pack: give DEST=SOURCE, --link or --dir")
    files = [pair(s, "DEST=SOURCE") for s in a.files]
    links = [pair(s, "DEST=TARGET") for s in a.link]
    try:
        write_cpio(a.output, files, links, a.dir)
    except OSError as e:		# a missing source, an output folder that does not exist
        sys.exit(f"mkinitramfs: {e}")


if __name__ == "__main__":
    main()
