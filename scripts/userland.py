#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Assemble the busybox userland for one ABI as an initramfs (newc cpio).

  userland.py --abi x86_64|i386|arm64|arm -o OUT.cpio [--add DEST=SRC ...]

As a module: busybox(abi) -> host path of the ABI's bin/busybox, build(abi, out, add=()) -> out.

Where things come from (docs/userland.md has the whole story):
  busybox     Debian's busybox-static for the ABI (amd64, i386, arm64, armhf), fetched on first
              use with 'apt-get download' into build/userland/debs/ and unpacked under
              build/userland/<abi>/; never committed. A foreign architecture is added to dpkg
              (dpkg --add-architecture, apt-get update) when we are root.
  applets     the ABI's own 'busybox --list-full' (run natively when the host can, else through
              qemu-user: qemu-i386, qemu-aarch64, qemu-arm), cached beside the unpacked package:
              each applet is a symbolic link to /bin/busybox in /bin, /sbin, /usr/bin or /usr/sbin.
  /etc        userspace/rootfs/ (inittab, init.d/rcS, init.d/shell, profile, passwd, group,
              hostname), @ABI@ and @TTY@ replaced for this ABI.
  /init       a link to busybox, so the kernel's /init is busybox init reading /etc/inittab.
  scripts     userspace/scripts/*.sh as /usr/share/scripts/ (rcS runs them for script=).
  programs    the ABI's probes and static glibc programs from build/probes/<abi>/ (PROBE_O), when
              built, in /usr/bin; one whose name is an applet's (sleep, ...) would hide the
              applet, so it is only in /usr/libexec/probes/, where every program also is.
  --add       more files, DEST=SRC, last (they replace what the layout put there).
"""
import argparse
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(TOP, "scripts"))
import mkinitramfs  # noqa: E402

ABIS = ("x86_64", "i386", "arm64", "arm")
DEB_ARCH = {"x86_64": "amd64", "i386": "i386", "arm64": "arm64", "arm": "armhf"}
ARCH_OF = {"x86_64": "x86_64", "i386": "x86_64", "arm64": "arm64", "arm": "arm64"}
# The serial line each kernel names its console (Ferry's and Linux's are the same): the tty the
# interactive shell runs on (userspace/rootfs/etc/inittab).
TTY = {"x86_64": "ttyS0", "arm64": "ttyAMA0"}
# How the host runs the ABI's busybox to ask it for its applets: natively when it can (a host
# kernel without 32-bit support refuses i386 with ENOEXEC), else under qemu-user.
QEMU_USER = {"x86_64": "qemu-x86_64", "i386": "qemu-i386", "arm64": "qemu-aarch64",
             "arm": "qemu-arm"}
PACKAGE = "busybox-static"
# The one build the suite's expected outputs were recorded with (tests/scripts/expected/
# README.md): another Debian release of it may change a message or an applet, which would
# fail the suite for a reason that is not the kernel's. Changing it means re-recording.
VERSION = "1:1.35.0-4+deb12u1+b1"
ROOTFS = os.path.join(TOP, "userspace", "rootfs")
SCRIPTS = os.path.join(TOP, "userspace", "scripts")
# Directories that exist empty: mount points, and the one a program may want to write in.
EMPTY_DIRS = ("proc", "sys", "dev", "tmp", "mnt", "root", "var/log", "usr/share/scripts")


class UserlandError(Exception):
    """A step that cannot be done; the message is one line saying why."""


def build_dir():
    return os.path.join(TOP, "build", "userland")


def run(cmd, what, **kw):
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    except FileNotFoundError:
        raise UserlandError(f"{cmd[0]} is not installed (make install-deps), needed for {what}")
    if r.returncode:
        msg = (r.stderr.strip().splitlines() or [f"exit status {r.returncode}"])[-1]
        raise UserlandError(f"{what} failed: {' '.join(cmd)}: {msg}")
    return r.stdout


def ensure_foreign_arch(deb_arch):
    """dpkg must know deb_arch for apt-get download to find its packages."""
    host = run(["dpkg", "--print-architecture"], "dpkg").strip()
    if deb_arch == host or deb_arch in run(["dpkg", "--print-foreign-architectures"],
                                            "dpkg").split():
        return
    if os.geteuid() != 0:
        raise UserlandError(f"apt does not know {deb_arch} packages: run 'dpkg "
                            f"--add-architecture {deb_arch} && apt-get update' as root "
                            "(or scripts/install-deps.sh)")
    run(["dpkg", "--add-architecture", deb_arch], "adding a dpkg architecture")
    try:
        run(["apt-get", "update", "-q"], "apt-get update")
    except UserlandError:
        # One index that failed (a mirror in sync) is not fatal when the package is there.
        if "Candidate: (none)" in run(["apt-cache", "policy", f"{PACKAGE}:{deb_arch}"],
                                      "apt-cache policy") or not candidate(deb_arch):
            raise


def candidate(deb_arch):
    out = run(["apt-cache", "policy", f"{PACKAGE}:{deb_arch}"], "apt-cache policy")
    return "Candidate:" in out and "Candidate: (none)" not in out


class Lock:
    """One fetch at a time on this host: apt-get and dpkg take locks of their own and fail
    rather than wait, and two worktrees may fetch at once."""
    def __enter__(self):
        self.f = open(os.path.join(tempfile.gettempdir(), "ferry-userland.lock"), "w")
        fcntl.flock(self.f, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc):
        fcntl.flock(self.f, fcntl.LOCK_UN)
        self.f.close()


def unpacked(abi):
    return os.path.join(build_dir(), abi, "pkg")


def unpacked_version(abi):
    """The package version unpacked for abi (its stamp file), or None."""
    try:
        with open(os.path.join(unpacked(abi), ".deb-version")) as f:
            return f.read().strip()
    except OSError:
        return None


def busybox(abi, log=None):
    """Host path of the ABI's bin/busybox (package version VERSION), fetching and unpacking
    the package on first use."""
    if abi not in ABIS:
        raise UserlandError(f"{abi}: not an ABI ({', '.join(ABIS)})")
    path = os.path.join(unpacked(abi), "bin", "busybox")
    if os.path.exists(path) and unpacked_version(abi) == VERSION:
        return path
    deb_arch = DEB_ARCH[abi]
    debs_dir = os.path.join(build_dir(), "debs")
    deb = os.path.join(debs_dir, f"{PACKAGE}_{VERSION.replace(':', '%3a')}_{deb_arch}.deb")
    os.makedirs(debs_dir, exist_ok=True)
    with Lock():
        if os.path.exists(path) and unpacked_version(abi) == VERSION:
            return path
        if not os.path.exists(deb):
            ensure_foreign_arch(deb_arch)
            if log:
                log(f"  FETCH   {PACKAGE}:{deb_arch}={VERSION} into {os.path.relpath(debs_dir, TOP)}")
            run(["apt-get", "download", "-q", f"{PACKAGE}:{deb_arch}={VERSION}"],
                f"fetching {PACKAGE}:{deb_arch} {VERSION} (the version the suite's expected "
                "outputs were recorded with)", cwd=debs_dir)
            if not os.path.exists(deb):
                raise UserlandError(f"apt-get download {PACKAGE}:{deb_arch}={VERSION} left no "
                                    f"{os.path.basename(deb)}")
        tmp = unpacked(abi) + ".tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        os.makedirs(tmp)
        run(["dpkg-deb", "-x", deb, tmp], "unpacking busybox")
        with open(os.path.join(tmp, ".deb-version"), "w") as f:
            f.write(VERSION + "\n")
        shutil.rmtree(unpacked(abi), ignore_errors=True)
        os.rename(tmp, unpacked(abi))
    if not os.path.exists(path):
        raise UserlandError(f"{PACKAGE}:{deb_arch} has no bin/busybox")
    return path


def applets(abi):
    """The applets' install paths ('bin/ls', 'usr/sbin/chroot', ...) from the ABI's own busybox
    --list-full, cached in build/userland/<abi>/applets.txt."""
    bb = busybox(abi)
    cache = os.path.join(build_dir(), abi, "applets.txt")
    if not os.path.exists(cache) or os.path.getmtime(cache) < os.path.getmtime(bb):
        what = f"listing the {abi} busybox's applets"
        try:
            out = run([bb, "--list-full"], what)
        except (OSError, UserlandError):
            out = run([QEMU_USER[abi], bb, "--list-full"], what)
        # A name of its own: two builds of the ABI at once (check's pool) must not publish
        # each other's half-written list.
        with tempfile.NamedTemporaryFile("w", dir=os.path.dirname(cache), delete=False,
                                         prefix="applets.", suffix=".tmp") as f:
            f.write(out)
        os.replace(f.name, cache)
    with open(cache) as f:
        names = [l.strip().strip("/") for l in f if l.strip()]
    # Only the four folders; a root-level one (linuxrc) is left out: /init is ours.
    return [n for n in names if n.split("/")[0] in ("bin", "sbin", "usr") and "/" in n]


def probe_dir():
    return os.path.join(TOP, os.environ.get("PROBE_O") or os.path.join("build", "probes"))


def programs(abi):
    """The ABI's built probes and static programs: (name, host path) of each ELF file."""
    d = os.path.join(probe_dir(), abi)
    found = []
    if not os.path.isdir(d):
        return found
    for name in sorted(os.listdir(d)):
        path = os.path.join(d, name)
        if not os.path.isfile(path) or not os.access(path, os.X_OK):
            continue
        with open(path, "rb") as f:
            if f.read(4) != b"\x7fELF":
                continue
        found.append((name, path))
    return found


def etc_files(abi, workdir):
    """userspace/rootfs/ with @ABI@ and @TTY@ replaced, written under workdir: (DEST, path)."""
    subst = {"@ABI@": abi, "@TTY@": TTY[ARCH_OF[abi]]}
    out = []
    for root, _, names in os.walk(ROOTFS):
        for name in sorted(names):
            src = os.path.join(root, name)
            dest = os.path.relpath(src, ROOTFS)
            with open(src) as f:
                text = f.read()
            for k, v in subst.items():
                text = text.replace(k, v)
            path = os.path.join(workdir, dest)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as f:
                f.write(text)
            os.chmod(path, 0o755 if os.access(src, os.X_OK) else 0o644)
            out.append((dest, path))
    return out


def suite_scripts():
    if not os.path.isdir(SCRIPTS):
        return []
    return [(f"usr/share/scripts/{n}", os.path.join(SCRIPTS, n))
            for n in sorted(os.listdir(SCRIPTS)) if n.endswith(".sh")]


def build(abi, out, add=(), log=None, with_programs=True):
    """Write the ABI's userland to the cpio out; add: more (DEST, SRC) or 'DEST=SRC' files.
    with_programs=False leaves the probes out (a smaller archive, for a test of the shell)."""
    bb = busybox(abi, log)
    links = [("init", "bin/busybox")]
    applet_names = set()
    for path in applets(abi):
        if path != "bin/busybox":
            links.append((path, "/bin/busybox"))
            applet_names.add(os.path.basename(path))
    files = [("bin/busybox", bb)]
    with tempfile.TemporaryDirectory(prefix="ferry-userland-") as workdir:
        files += etc_files(abi, workdir)
        files += suite_scripts()
        for name, path in programs(abi) if with_programs else ():
            files.append((f"usr/libexec/probes/{name}", path))
            if name not in applet_names:
                files.append((f"usr/bin/{name}", path))
        for spec in add:
            dest, src = spec.split("=", 1) if isinstance(spec, str) else spec
            if not dest.strip("/"):		# an entry with no name: refused, as mkinitramfs does
                raise UserlandError(f"--add {dest}={src}: no destination path")
            if not os.path.isfile(src):
                raise UserlandError(f"--add {dest}={src}: no such file")
            files.append((dest, src))
        added = {d.strip("/") for d, _ in files[-len(add):]} if add else set()
        links = [(d, t) for d, t in links if d not in added]
        mkinitramfs.write_cpio(out, files, links, EMPTY_DIRS)
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--abi", required=True, choices=ABIS)
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--add", action="append", default=[], metavar="DEST=SRC",
                   help="another file in the userland (repeatable)")
    a = p.parse_args()
    for spec in a.add:
        if "=" not in spec or not spec.split("=", 1)[0].strip("/"):
            p.error(f"--add {spec}: expected DEST=SRC")
    try:
        build(a.abi, a.output, a.add, log=lambda m: print(m, file=sys.stderr))
    except (UserlandError, OSError) as e:	# OSError: an output folder that does not exist
        sys.exit(f"userland: {e}")


if __name__ == "__main__":
    main()
