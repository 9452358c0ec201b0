# SPDX-License-Identifier: GPL-2.0
"""Debian's Linux beside Ferry: fetch the cloud kernel images, boot them on the same QEMU with
the same CPU model, memory and -icount, with the bench probe as /init, and parse the same
BENCH lines.

Fetching (cache outside the repository, default ~/.cache/ferry/linux):
  apt-cache depends linux-image-cloud-<arch>   -> the versioned linux-image-6.x-cloud-<arch>
  apt-get download <that package>              (arm64: needs "dpkg --add-architecture arm64"
                                                and "apt-get update"; done here when root)
  dpkg-deb -x <deb> <dir>                      -> boot/vmlinuz-*
x86_64's vmlinuz is a bzImage (QEMU -kernel boots it); arm64's is an Image, gunzipped here if
a Debian release ever ships it gzip'd.

Boot: console=ttyS0|ttyAMA0, panic=-1 and -no-reboot so QEMU ends when /init exits (Linux
panics "Attempted to kill init", reboots, and -no-reboot turns that into an exit); nokaslr
and norandmaps so the kernel and the probe sit at the same addresses every run.
"""
import gzip
import os
import re
import shutil
import subprocess
import tempfile
import time

import parse
import qemu

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CACHE = os.path.join(os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")),
                     "ferry", "linux")
DEB_ARCH = {"x86_64": "amd64", "arm64": "arm64"}
CONSOLE = {"x86_64": "ttyS0", "arm64": "ttyAMA0"}


class FetchError(Exception):
    pass


def sh(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def _ensure_foreign_arch(deb_arch):
    host = sh(["dpkg", "--print-architecture"]).stdout.strip()
    if deb_arch == host or deb_arch in sh(["dpkg", "--print-foreign-architectures"]).stdout.split():
        return
    if os.geteuid() != 0:
        raise FetchError(f"apt does not know {deb_arch} packages: run 'dpkg --add-architecture "
                         f"{deb_arch} && apt-get update' as root")
    for cmd in (["dpkg", "--add-architecture", deb_arch], ["apt-get", "update"]):
        r = sh(cmd)
        if r.returncode:
            raise FetchError(f"{' '.join(cmd)} failed: {r.stderr[-500:]}")


def fetch(arch, log=print):
    """Path of the kernel image for arch, downloading and unpacking it on first use."""
    deb_arch = DEB_ARCH[arch]
    _ensure_foreign_arch(deb_arch)
    meta = f"linux-image-cloud-{deb_arch}:{deb_arch}"
    r = sh(["apt-cache", "depends", meta])
    m = re.search(r"Depends: (linux-image-[0-9][^\s:]*)", r.stdout)
    if not m:
        raise FetchError(f"apt-cache depends {meta}: no versioned image found\n{r.stdout}{r.stderr}")
    pkg = m.group(1)
    unpacked = os.path.join(CACHE, pkg)
    boot = os.path.join(unpacked, "boot")
    if not os.path.isdir(boot):
        os.makedirs(CACHE, exist_ok=True)
        debs = [f for f in os.listdir(CACHE) if f.startswith(pkg + "_") and f.endswith(".deb")]
        if not debs:
            log(f"  FETCH   {pkg} ({deb_arch}) into {CACHE}")
            r = sh(["apt-get", "download", f"{pkg}:{deb_arch}"], cwd=CACHE)
            debs = [f for f in os.listdir(CACHE) if f.startswith(pkg + "_") and f.endswith(".deb")]
            if r.returncode or not debs:
                raise FetchError(f"apt-get download {pkg}:{deb_arch} failed: {r.stderr[-800:]}")
        tmp = unpacked + ".tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        r = sh(["dpkg-deb", "-x", os.path.join(CACHE, debs[0]), tmp])
        if r.returncode:
            raise FetchError(f"dpkg-deb -x {debs[0]} failed: {r.stderr}")
        os.rename(tmp, unpacked)
    vmlinuz = [f for f in os.listdir(boot) if f.startswith("vmlinuz-")]
    if not vmlinuz:
        raise FetchError(f"{pkg}: no boot/vmlinuz-* in the package")
    image = os.path.join(boot, vmlinuz[0])
    if arch == "arm64":
        with open(image, "rb") as f:
            gz = f.read(2) == b"\x1f\x8b"
        if gz:
            raw = image + ".Image"
            if not os.path.exists(raw):
                with gzip.open(image) as src, open(raw, "wb") as dst:
                    shutil.copyfileobj(src, dst)
            image = raw
    return {"package": pkg, "image": image, "image_bytes": os.path.getsize(image)}


def command(arch, image, initrd, args, smp=1, icount=True):
    append = f"console={CONSOLE[arch]} panic=-1 nokaslr norandmaps -- {args}".strip()
    clock = ["-icount", qemu.icount_arg(arch)] if icount else []
    common = ["-m", qemu.MEM, *(["-smp", str(smp)] if smp != 1 else []),
              "-display", "none", "-monitor", "none", "-serial", "stdio",
              "-nic", "none", "-no-reboot", *clock, *qemu.RTC,
              "-kernel", image, "-initrd", initrd, "-append", append]
    if arch == "x86_64":
        return ["qemu-system-x86_64", "-cpu", qemu.CPU[arch]] + common
    return ["qemu-system-aarch64", "-M", "virt", "-cpu", qemu.CPU[arch]] + common


def run(abi, image, probe, out_dir, tag, args="", timeout=600, events=None, tracer=None, smp=1,
        icount=True):
    """Boot Linux once with probe as /init; the parsed figures plus 'wall_s' and 'log'.
    smp: QEMU's -smp; icount=False: on the host's clock (wall-time figures).
    events ('raw_syscalls' or 'getpid') with tracer (userspace/probes/ftrace_bench.c built for
    the ABI): tracer is /init, switches those ftrace events on and execs the probe (/bench)."""
    arch = qemu.ARCH_OF[abi]
    os.makedirs(out_dir, exist_ok=True)
    log = os.path.join(out_dir, f"{tag}.console.txt")
    with tempfile.TemporaryDirectory(prefix="ferry-bench-") as tmp:
        cpio = os.path.join(tmp, "initramfs.cpio")
        files = [f"/init={probe}"]
        if events:
            files = [f"/init={tracer}", f"/bench={probe}"]
            args = f"events={events} {args}".strip()
        subprocess.run(["/usr/bin/python3", os.path.join(TOP, "scripts/mkinitramfs.py"), "-o", cpio,
                        *files], check=True)
        t0 = time.monotonic()
        try:
            r = subprocess.run(command(arch, image, cpio, args, smp, icount),
                               stdin=subprocess.DEVNULL,
                               capture_output=True, timeout=timeout)
            out, status = r.stdout, r.returncode
        except subprocess.TimeoutExpired as e:
            out, status = e.stdout or b"", 124
        wall = time.monotonic() - t0
    text = out.decode(errors="replace")
    with open(log, "w") as f:
        f.write(text)
    fig = parse.console(text)
    fig.update(status=status, wall_s=round(wall, 2), log=os.path.relpath(log, TOP))
    return fig
