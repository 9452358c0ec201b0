#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Boot a Ferry kernel under QEMU, console on stdout, and exit with the kernel's status.

  qemu-run.py --arch x86_64|arm64 --objtree build/x86_64 [--boot direct|uboot|grub]
              [--cpu MODEL] [--smp N] [--mem SIZE] [--cmdline TEXT] [--initrd FILE] [--init ELF
              [--file DEST=SOURCE ...]] [--args TEXT] [--extra 'QEMU ARGS'] [--machine OPTS] [--icount] [--timeout SEC]
              [--gdb [--gdb-port N]] [--log FILE] [--dtb FILE] [--print-command]
              [--status-line] [--interactive] [--trace FILE [--trace-size BYTES]
              [--trace-rings N] [--trace-drain on|off] [--trace-stats]]

Users run it through scripts/run (make run, make qemu-gdb), which builds what is needed
first. --interactive hands our stdin to the guest's serial line (the console's shell, make run
with no INIT=): keys such as Ctrl-C and Ctrl-Z go to the guest, not to QEMU or to us
(QEMU's stdio chardev with signal=off), Ctrl-A X leaves QEMU (its multiplexer's escape; Ctrl-A
A types a Ctrl-A), and the terminal's settings are restored when QEMU ends, however it ends. Values may start with '-' (--extra -no-reboot and --extra=-no-reboot both work).
--smp N gives the guest N CPUs (QEMU's -smp N; default 1; the machine's limit: 255 for q35's
x2APIC-less pc, 512 for virt with GICv3, 8 with GICv2, and the kernel's CONFIG_NR_CPUS).
--mem takes what QEMU's -m takes (a number alone is MiB; suffixes B K M G T P E).
--file (repeatable, with --init) puts more files in the initramfs beside /init, e.g.
--file /bin/other=build/probes/i386/exec; each keeps its mode from SOURCE (0755 when the
host may execute it, else 0644), as scripts/mkinitramfs.py packs it.

--trace FILE (both arches): a ring file (one ring per CPU, --trace-rings, default --smp, or
the -smp of --extra, or 1; each
--trace-size bytes, a power of two, default 16 MiB) is the memory of an ivshmem-plain device
the kernel writes binary records into (include/uapi/linux/ferry_trace.h); a thread drains the
rings into FILE.ftr while QEMU runs (--trace-drain off leaves them to fill, for a test of a
full ring), and when QEMU has gone, however it went, what is left is drained and FILE.ftr
decoded into FILE as JSON Lines (scripts/trace/binary.py). docs/tracing.md has the details.
--trace-stats prints one line on what the drain did (the consumer's side of the throughput
figure): its polls, its thread's CPU seconds, and the fullest any ring was when polled.

How a status leaves the guest: the kernel prints "Power down (status N)" before every
power-off (kernel/panic.c, straight to the console: a line of its own with no printk level or
timestamp; only such a whole line counts, the last one if there are several, so an /init
printing the words inside a line of its own is not taken for the kernel), then
  x86_64  writes N to isa-debug-exit (port 0xf4); QEMU exits with ((N<<1)|1) & 0xff, which keeps
          only N's low 7 bits, so the full N comes from the console line and the exit code must
          agree with its low bits. Without the line the 7 bits are no status: 253 (below).
  arm64   makes the semihosting SYS_EXIT call with N; QEMU exits with N. (Without semihosting
          the kernel says "Power off with status N (PSCI SYSTEM_OFF ...)" and QEMU exits 0: the
          line still gives N.)
A run counts as the kernel's only when that line was seen (the one exception: arm64's
semihosting exit code is the whole status, so a panic while panicking still gives 250 there):
QEMU's own exit code 1 (it could not start, or failed) is never read as a status. The line
that ends the console may also follow what init left without a newline (under 'quiet').

Exit status:
  0          the kernel powered off with status 0 (init exited 0, or the selftests passed)
  1-255      the kernel's status, as the kernel defines it (include/linux/reboot.h): init's
             exit status; 126 init could not be executed, 127 no /init; 128+n init killed by
             signal n; 249 in-kernel selftests failed; 250 panic; 251 Oops
  and statuses of the runner itself, each with one line on stderr saying why:
  124        the timeout expired (--timeout, like timeout(1)); QEMU was killed
  125        the kernel did not run, or gave no status: a bad argument, a file that cannot be
             used (--init, --initrd, --trace, ...), too little memory for the kernel image, or
             QEMU refused to start or failed (its message on that line; 125 as timeout(1)
             uses it when it fails itself)
  130        interrupted (Ctrl-C; 143 for SIGTERM, 129 SIGHUP); QEMU was killed
  253        QEMU stopped without a status from the kernel (a triple fault under -no-reboot, a
             guest reset, a PSCI power-off that never printed its line, an x86 isa-debug-exit
             write without the line, e.g. a panic while panicking: the message names the 7 bits)
An init that exits with 124, 125, 130 or 253 is not told apart from these by the status
alone: the runner's own line says which it was. --status-line adds a last line naming the
kernel's status ("kernel status 250 (kernel panic)").
"""
import argparse
import os
import re
import shlex
import shutil
import signal
import struct
import subprocess
import sys
import tempfile

STATUS_TIMEOUT = 124
STATUS_RUNNER = 125
STATUS_NO_STATUS = 253

# Who we are in messages, and how the user named each option: scripts/run sets these so
# that a message says "INIT=/tmp" rather than "--init /tmp".
PROG = "qemu-run"
NAMES = {}

UBOOT_ARM64 = "/usr/lib/u-boot/qemu_arm64/u-boot.bin"
ICOUNT = "shift=0,align=off,sleep=off"
# arm64's default CPU: cortex-a72 without its PMU. Ferry never programs the PMU (head.S reads
# PMCR_EL0 only when ID_AA64DFR0_EL1 says there is one), but QEMU 7.2 brings an emulated PMU's
# counters up to date on every exception level change, two clock reads per syscall: about
# 230 ns of every arm64 syscall without -icount (docs/tracing.md, "arm64 throughput").
# --cpu cortex-a72 gives the PMU back.
ARM64_CPU = "cortex-a72,pmu=off"


def say(msg):
    print(f"{PROG}: {msg}", file=sys.stderr)
    sys.stderr.flush()


def die(msg, status=STATUS_RUNNER):
    say(msg)
    sys.exit(status)


def given(opt, value):
    """An option as the user wrote it: '--init /tmp', or 'INIT=/tmp' through scripts/run."""
    if opt in NAMES:
        return f"{NAMES[opt]}={value}"
    return f"--{opt} {value}"


def need(path, hint):
    if not os.path.exists(path):
        die(f"{path} is missing ({hint})")
    return path


def tool(cmd, what):
    """Run a helper program; its failure is one line."""
    try:
        r = subprocess.run(cmd, capture_output=True, text=True)
    except FileNotFoundError:
        die(f"{cmd[0]} is not installed (make install-deps), needed for {what}")
    if r.returncode:
        msg = (r.stderr.strip().splitlines() or [f"exit status {r.returncode}"])[-1]
        die(f"{what} failed: {msg}")
    return r


def make_initramfs(init_elf, files, workdir):
    """A newc cpio with the ELF as /init and the --file DEST=SOURCE pairs beside it
    (scripts/mkinitramfs.py), for INIT= and FILES=."""
    out = os.path.join(workdir, "initramfs.cpio")
    cmd = [sys.executable, os.path.join(os.path.dirname(__file__), "mkinitramfs.py"),
           "-o", out, f"/init={init_elf}"] + list(files)
    tool(cmd, "packing the initramfs")
    return out


def grub_iso(vmlinux, cmdline, initrd, workdir):
    """A per-run GRUB rescue ISO whose grub.cfg carries this run's command line and initrd."""
    root = os.path.join(workdir, "iso")
    os.makedirs(os.path.join(root, "boot", "grub"))
    shutil.copy(vmlinux, os.path.join(root, "boot", "vmlinux"))
    cfg = ["set timeout=0", "set default=0", 'menuentry "Ferry" {',
           f"  multiboot2 /boot/vmlinux {cmdline}"]
    if initrd:
        shutil.copy(initrd, os.path.join(root, "boot", "initrd"))
        cfg.append("  module2 /boot/initrd initrd")
    cfg += ["  boot", "}"]
    with open(os.path.join(root, "boot", "grub", "grub.cfg"), "w") as f:
        f.write("\n".join(cfg) + "\n")
    iso = os.path.join(workdir, "ferry.iso")
    tool(["grub-mkrescue", "-o", iso, root], "grub-mkrescue (BOOT=grub)")
    return iso


def uboot_env(workdir, cmdline, initrd):
    """A U-Boot environment (flash bank 1) that boots at once: no 2-second autoboot delay,
    and a bootcmd that does what a board's boot script does: load the Image (and initrd)
    from QEMU's fw_cfg, then booti with U-Boot's own copy of the device tree."""
    txt = os.path.join(workdir, "uboot-env.txt")
    img = os.path.join(workdir, "uboot-env.img")
    ramdisk = f"${{ramdisk_addr_r}}:{os.path.getsize(initrd):#x}" if initrd else "-"
    with open(txt, "w") as f:
        f.write("bootdelay=0\n"
                "kernel_addr_r=0x40400000\n"
                "ramdisk_addr_r=0x44000000\n"
                f"bootargs={cmdline}\n"
                "bootcmd=qfw load ${kernel_addr_r} ${ramdisk_addr_r}; "
                f"booti ${{kernel_addr_r}} {ramdisk} ${{fdtcontroladdr}}\n")
    tool(["mkenvimage", "-s", "0x40000", "-o", img, txt], "mkenvimage (BOOT=uboot)")
    # virt's second flash bank is 64 MiB; U-Boot keeps its environment at its start.
    with open(img, "r+b") as f:
        f.truncate(64 << 20)
    return img


# Where --dtb places things in guest RAM (QEMU virt: RAM starts at 0x40000000).
SHIM_ADDR, IMAGE_ADDR, DTB_ADDR = 0x40100000, 0x40200000, 0x48000000


def arm64_dtb_shim(workdir):
    """A stand-in boot loader for --dtb: six instructions that do what the arm64 boot protocol
    asks of a loader (x0 = DTB address, x1..x3 = 0) and jump to the Image. QEMU's generic
    loader puts the Image, the DTB and this shim in RAM and starts the CPU at the shim."""
    words = [
        0x580000C0,  # ldr x0, .+24      x0 = DTB address (the literal below)
        0x580000E4,  # ldr x4, .+28      x4 = Image address
        0xAA1F03E1,  # mov x1, xzr       x1..x3 must be zero
        0xAA1F03E2,  # mov x2, xzr
        0xAA1F03E3,  # mov x3, xzr
        0xD61F0080,  # br  x4
    ]
    blob = b"".join(w.to_bytes(4, "little") for w in words)
    blob += DTB_ADDR.to_bytes(8, "little") + IMAGE_ADDR.to_bytes(8, "little")
    path = os.path.join(workdir, "dtb-shim.bin")
    with open(path, "wb") as f:
        f.write(blob)
    return path


# The trace channel (both arches): a ring file the guest sees as ivshmem PCI memory, drained
# live by scripts/trace/drain.py. A 16 MiB ring holds about 160,000 syscall records: 160 ms
# of a guest writing a million a second, which covers the drain thread waiting for a core on
# a loaded host (up to 110 ms seen with 8 runnable tasks on 2 cores). The file, 32 MiB with
# the header and rounded to a power of two, is created sparse; QEMU maps it with
# prealloc=on, which touches every page before the guest starts (keeping the header), so the
# guest's first record on each page does not wait for the host to fault the page in. Without
# it the first 100,000 traced getpid calls ran up to twice as long as the next ones.
TRACE_RING_SIZE = 16 << 20


def trace_modules():
    """scripts/trace/ as the package ferrytrace (its drain and binary modules)."""
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "trace")
    if here not in sys.path:
        sys.path.insert(0, here)
    import _boot
    return _boot.package()


def trace_file_args(workdir, a):
    """Create the ring file; QEMU's arguments that make it the ivshmem device's BAR 2 (on
    x86 the pc machine's PCI bus 0, on arm64 the virt machine's PCIe root bus 0)."""
    trace_modules()
    from ferrytrace import drain
    path = os.path.join(workdir, "trace.shm")
    size = drain.create(path, a.trace_rings, a.trace_size)
    return path, ["-object", f"memory-backend-file,id=ferrytrace,size={size},mem-path={path},"
                             "share=on,prealloc=on",
                  "-device", "ivshmem-plain,memdev=ferrytrace"]


def qemu_command(a, workdir):
    initrd = a.initrd
    if a.init:
        initrd = make_initramfs(a.init, a.file, workdir)
    cmdline = a.cmdline or ""
    if a.trace:
        # Records go to a channel of their own (docs/tracing.md): the ring file below.
        # trace=all unless the caller chose.
        words = cmdline.split()
        if not any(w.startswith("trace=") for w in words):
            words.append("trace=all")
        if a.icount:
            words.append("trace.icount=1")
        cmdline = " ".join(words)
    if a.args:
        cmdline = (cmdline + " -- " + a.args).strip()
    serial = ["-serial", "stdio"]
    if a.interactive:
        serial = ["-chardev", "stdio,id=console,mux=on,signal=off", "-serial", "chardev:console"]
    common = ["-m", a.mem, "-display", "none", "-monitor", "none"] + serial + [
              "-nic", "none", "-no-reboot"]
    if a.smp:
        common += ["-smp", str(a.smp)]
    if a.icount:
        common += ["-icount", ICOUNT]
    if a.gdb:
        common += ["-gdb", f"tcp::{a.gdb_port}", "-S"]

    if a.arch == "x86_64":
        vmlinux = kernel_file(a)
        cmd = ["qemu-system-x86_64", "-cpu", a.cpu or "qemu64",
               "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
        if a.machine:
            cmd += ["-machine", a.machine]
        if a.boot == "direct":
            cmd += ["-kernel", vmlinux, "-append", cmdline]
            if initrd:
                cmd += ["-initrd", initrd]
        elif a.boot == "grub":
            cmd += ["-cdrom", grub_iso(vmlinux, cmdline, initrd, workdir), "-boot", "d"]
    else:
        image = kernel_file(a)
        machine = "virt" + ("," + a.machine if a.machine else "")
        cmd = ["qemu-system-aarch64", "-M", machine, "-cpu", a.cpu or ARM64_CPU,
               "-semihosting-config", "enable=on,target=native"]
        if a.dtb:
            # Hand the kernel an arbitrary (possibly corrupt) DTB, as a boot loader would.
            cmd += ["-device", f"loader,file={image},addr={IMAGE_ADDR:#x},force-raw=on",
                    "-device", f"loader,file={a.dtb},addr={DTB_ADDR:#x},force-raw=on",
                    "-device", f"loader,file={a.dtb_shim or arm64_dtb_shim(workdir)},"
                               f"addr={SHIM_ADDR:#x},"
                               "force-raw=on,cpu-num=0"]
        elif a.boot == "direct":
            cmd += ["-kernel", image, "-append", cmdline]
        elif a.boot == "uboot":
            # U-Boot's default boot order loads -kernel/-initrd/-append from fw_cfg and
            # runs booti with its own copy of the DTB.
            cmd += ["-bios", need(UBOOT_ARM64, "apt-get install u-boot-qemu"),
                    "-drive",
                    f"if=pflash,unit=1,format=raw,file={uboot_env(workdir, cmdline, initrd)}",
                    "-kernel", image, "-append", cmdline]
        if initrd:
            cmd += ["-initrd", initrd]
    if a.trace:
        a.trace_shm, args = trace_file_args(workdir, a)
        cmd += args
    return cmd + common + a.extra_args


# ---- checks on the host, before QEMU starts: one line each -----------------------------------
BOOT_PATHS = {"x86_64": ("direct", "grub"), "arm64": ("direct", "uboot")}
KERNEL_FILE = {"x86_64": "vmlinux", "arm64": "arch/arm64/boot/Image"}
MiB = 1 << 20


def kernel_file(a):
    return os.path.join(a.objtree, KERNEL_FILE[a.arch])


def readable_file(opt, path):
    """A file the runner will read (--init, --initrd, --dtb): there, not a folder, readable."""
    if not os.path.exists(path):
        die(f"{given(opt, path)}: no such file")
    if os.path.isdir(path):
        die(f"{given(opt, path)}: is a directory, not a file")
    try:
        with open(path, "rb") as f:
            return f.read(64)
    except OSError as e:
        die(f"{given(opt, path)}: cannot read it: {e.strerror}")


def writable_file(opt, path):
    """A file the run will write (--trace, --log): creating it now proves it can be."""
    if os.path.isdir(path):
        die(f"{given(opt, path)}: is a directory, not a file")
    try:
        with open(path, "wb"):
            pass
    except OSError as e:
        die(f"{given(opt, path)}: cannot write it: {e.strerror}")


QEMU_DEFAULT_RAM = 128 * MiB		# x86 pc and arm64 virt, for -m 0 or no size
SIZE_UNITS = {"B": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40, "P": 1 << 50,
              "E": 1 << 60}
QEMU_SIZE = re.compile(r"\s*\+?(?:0[xX](?P<hex>[0-9a-fA-F]+)|(?P<int>\d+)(?P<frac>\.\d*)?)"
                       r"(?P<unit>[bBkKmMgGtTpPeE]?)", re.ASCII)


def qemu_strtosz(text):
    """QEMU 7.2's qemu_strtosz (util/cutils.c): bytes, or None where QEMU refuses. Decimal
    with an optional fraction, or 0x hex (whose digits take B and E, so hex suffixes are
    K M G T P, deprecated but accepted); a suffix in either case; no suffix is bytes; a
    fraction needs a suffix other than B; the result must fit 64 bits."""
    m = QEMU_SIZE.fullmatch(text)
    if not m:
        return None
    unit = SIZE_UNITS[m["unit"].upper()] if m["unit"] else 1
    if m["hex"] is not None:
        size = int(m["hex"], 16) * unit
    else:
        size = int(m["int"]) * unit
        frac = float("0" + m["frac"]) if m["frac"] else 0.0
        if frac:
            if unit == 1:
                return None
            size += (min(int(frac * 2.0 ** 64), 2 ** 64 - 1) * unit) >> 64
    return size if size < 1 << 64 else None


def parse_size(text):
    """QEMU's -m (7.2): [size=]N[,slots=N][,maxmem=N], size= anywhere and the last one counts.
    N is qemu_strtosz's; one that ends in a digit then gets "M" appended ("256" and "0x100"
    are 256 MiB, "0x10000000" is 256 TiB), other suffixes are bytes; 0 or no size is the
    machine's default. Bytes, or None if QEMU would refuse it."""
    size = None
    for i, item in enumerate(text.split(",") if text else []):
        key, eq, value = item.partition("=")
        if not eq:
            if i:
                return None		# a bare word after the first means "word=on"
            key, value = "size", item
        if key not in ("size", "slots", "maxmem"):
            return None
        if key == "slots":
            if not re.fullmatch(r"\s*\+?[0-9]+", value):
                return None
            continue
        n = qemu_strtosz(value)
        if n is None:
            return None
        if key == "size":
            size = qemu_strtosz(value + "M") if value[-1] in "0123456789" else n
            if size is None:
                return None
    return size or QEMU_DEFAULT_RAM


def kernel_extent(path, arch):
    """How far into RAM the kernel image reaches once QEMU has loaded it (RAM starts at 0 on
    x86, at 0x40000000 on arm64 virt): x86 from vmlinux's PT_LOAD segments (physical
    addresses), arm64 from the Image header, as QEMU places it (text_offset, plus 2 MiB
    when that offset would overlap QEMU's own boot stub)."""
    with open(path, "rb") as f:
        data = f.read(1 << 16)
    if arch == "arm64":
        if len(data) < 64 or data[0x38:0x3c] != b"ARM\x64":
            return None
        text_offset, image_size = struct.unpack_from("<QQ", data, 8)
        if not image_size:
            return None
        return (text_offset + 2 * MiB if text_offset < 4096 else text_offset) + image_size
    if data[:4] != b"\x7fELF" or data[4] != 2:
        return None
    phoff, = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    end = 0
    for i in range(phnum):
        off = phoff + i * phentsize
        if off + 56 > len(data):
            return None
        p_type, _, _, _, p_paddr, _, p_memsz = struct.unpack_from("<IIQQQQQ", data, off)
        if p_type == 1:
            end = max(end, p_paddr + p_memsz)
    return end or None


def check_memory(a):
    """QEMU loads the kernel image into RAM before anything runs: with less RAM than the image
    reaches, x86 jumps into nothing (SeaBIOS boots, then silence until the timeout), and arm64
    QEMU refuses when the device tree, which it puts at the first 2 MiB boundary after the
    image and initramfs, would start beyond RAM. Refuse both here, naming the minimum; with
    enough to load, the kernel itself reports what else it lacks ("no usable RAM above the
    kernel", status 250)."""
    size = parse_size(a.mem)
    if size is None:
        die(f"{given('mem', a.mem)}: not a memory size (e.g. 256M, 1G; no unit means MiB)")
    if a.dtb:
        return			# the loader shim places things itself
    extent = kernel_extent(kernel_file(a), a.arch)
    if not extent:
        return
    what = "the kernel image reaches"
    if a.arch == "x86_64":
        least, after = extent, ""
    else:
        initrd = a.init or a.initrd
        if initrd:
            extent += os.path.getsize(initrd) + 4096	# the cpio around INIT= is small
            extent += sum(os.path.getsize(f.partition("=")[2]) + 512 for f in a.file)
            what = "the kernel image and initramfs reach"
        least = -(-extent // (2 * MiB)) * 2 * MiB + 1
        after = " and QEMU puts the device tree at the next 2 MiB boundary"
    if size < least:
        die(f"{given('mem', a.mem)}: too little memory: {what} {extent / MiB:.1f} MiB "
            f"into RAM{after}; QEMU needs at least {-(-least // MiB)}M to load "
            + ("it" if a.arch == "x86_64" else "them"))


def guest_cpus(extra):
    """The CPUs an -smp among the extra QEMU arguments gives the guest ("-smp 2",
    "-smp cpus=2,..."), else QEMU's 1: one trace ring each."""
    for i, word in enumerate(extra):
        spec = extra[i + 1] if word == "-smp" and i + 1 < len(extra) else \
            word[5:] if word.startswith("-smp=") else None
        for part in (spec or "").split(","):
            value = part[5:] if part.startswith("cpus=") else part
            if value.isdigit():
                return int(value)
    return 1


def check_args(a):
    """Everything the run reads or writes, before QEMU starts (and, from scripts/run, before
    building): one line if it cannot be."""
    if a.boot not in BOOT_PATHS[a.arch]:
        die(f"{given('boot', a.boot)}: not an {a.arch} boot path "
            f"({', '.join(BOOT_PATHS[a.arch])})")
    if a.dtb and a.arch != "arm64":
        die(f"{given('dtb', a.dtb)}: only for arm64")
    if a.dtb_shim and not a.dtb:
        die(f"{given('dtb-shim', a.dtb_shim)}: replaces --dtb's loader shim: give --dtb too")
    if a.dtb_shim and not os.path.isfile(a.dtb_shim):
        die(f"{given('dtb-shim', a.dtb_shim)}: no such file")
    if a.timeout <= 0:
        die(f"{given('timeout', a.timeout)}: must be more than 0 seconds")
    if a.trace_size < 4096 or a.trace_size > 1 << 30 or a.trace_size & (a.trace_size - 1):
        die(f"{given('trace-size', a.trace_size)}: must be a power of two from 4096 to 1G")
    if not 0 < a.gdb_port < 65536:
        die(f"{given('gdb-port', a.gdb_port)}: not a TCP port")
    for opt in ("cmdline", "args"):
        text = getattr(a, opt)
        if text and any(c < " " for c in text):
            die(f"{given(opt, repr(text))}: control characters (a newline?) cannot go on the "
                "kernel command line")
    try:
        a.extra_args = shlex.split(a.extra or "")
    except ValueError as e:
        die(f"{given('extra', a.extra)}: {e}")
    if a.smp is not None:
        if not 1 <= a.smp <= 64:
            die(f"{given('smp', a.smp)}: must be 1 to 64 CPUs")
        if guest_cpus(a.extra_args) != 1 or "-smp" in a.extra_args:
            die(f"{given('smp', a.smp)} and an -smp in {given('extra', a.extra)}: give one")
    if a.trace_rings is None:
        a.trace_rings = a.smp or guest_cpus(a.extra_args)
    if not 1 <= a.trace_rings <= 256:
        die(f"{given('trace-rings', a.trace_rings)}: must be 1 to 256")
    if a.trace:
        trace_modules()
        from ferrytrace import drain
        why = drain.check_geometry(a.trace_rings, a.trace_size)
        if why:
            die(f"--trace-size {a.trace_size} x --trace-rings {a.trace_rings}: {why}")
    if a.init:
        head = readable_file("init", a.init)
        if head[:4] != b"\x7fELF":
            die(f"{given('init', a.init)}: not an ELF executable (it starts with {head[:4]!r})")
    for opt in ("initrd", "dtb"):
        if getattr(a, opt):
            readable_file(opt, getattr(a, opt))
    if a.file and not a.init:
        die(f"{given('file', a.file[0])}: extra initramfs files go beside an /init "
            f"({given('init', 'ELF')})")
    for spec in a.file:
        dest, eq, src = spec.partition("=")
        if not eq or not dest.strip("/") or not src:
            die(f"{given('file', spec)}: expected DEST=SOURCE, e.g. /bin/x=path/to/file")
        if dest.strip("/") == "init":
            die(f"{given('file', spec)}: /init is the --init program")
        readable_file("file", src)
    if a.trace:
        for path in (a.trace, a.trace + ".ftr"):	# the JSON Lines and the raw stream
            writable_file("trace", path)
            os.unlink(path)	# written afresh after the run
    if a.log:
        writable_file("log", a.log)


def check_kernel(a):
    if not os.path.isfile(kernel_file(a)):
        die(f"{kernel_file(a)} is missing (build it: make ARCH={a.arch} O={a.objtree})")
    check_memory(a)


# ---- what the run ended with ------------------------------------------------------------------
# kernel_power_off (kernel/panic.c) writes its line straight to the console: no printk level or
# timestamp, "\n" going out as "\r\n". After it the kernel prints nothing, except arm64's
# PSCI line when there is no semihosting.
POWER_DOWN = re.compile(rb"(?<=\n)Power down \(status (\d+)\)\r?(?=\n|\Z)")
POWER_DOWN_AT_END = re.compile(rb"Power down \(status (\d+)\)\r?\n"
                               rb"(?:Power off with status \d+ \(PSCI[^\n]*\n)?\Z")


def kernel_said(console_tail, from_start=True):
    """The status on the kernel's power-down line, or None. Only a whole line counts (an
    /init printing the words inside a line of its own is not the kernel), the last one if
    there are several; a line that ends the console may follow what init left without a
    newline. from_start: the tail begins at a line start (not cut out of a longer
    console)."""
    if isinstance(console_tail, str):
        console_tail = console_tail.encode()
    found = POWER_DOWN.findall((b"\n" if from_start else b"") + console_tail)
    end = POWER_DOWN_AT_END.search(console_tail)
    if end:
        return int(end.group(1))
    return int(found[-1]) if found else None


def judge(arch, rc, console_tail, from_start=True):
    """QEMU's exit code and the end of the console -> (status, None) when the status is the
    kernel's, or (runner status, why) when it is not."""
    said = kernel_said(console_tail, from_start)
    if rc < 0:
        return STATUS_RUNNER, f"QEMU was killed by signal {-rc}"
    if arch == "x86_64":
        # isa-debug-exit: ((v << 1) | 1) & 0xff. An even code is QEMU stopping on its own.
        if rc & 1:
            low = rc >> 1
            if said is not None and said & 0x7f == low:
                return said, None
            if rc == 1:		# QEMU's own failure: the kernel writes 0 only after its line
                return STATUS_RUNNER, "QEMU exited with 1 without the kernel's power-down line"
            # Written without the line (a panic while panicking): 7 bits are not a status.
            line = ("with no power-down line from the kernel" if said is None else
                    f"which do not match the last power-down line's status, {said}")
            return STATUS_NO_STATUS, (f"QEMU stopped without a status from the kernel: "
                                      f"isa-debug-exit saw {low}, the low 7 bits of a status "
                                      f"({low} or {low + 128}), {line}")
    else:
        # semihosting: exit code = status; PSCI SYSTEM_OFF exits 0 after the line.
        if said is not None and rc in (said & 0xff, 0):
            return said, None
        if rc == 1:
            return STATUS_RUNNER, "QEMU exited with 1 without the kernel's power-down line"
        if rc:
            return rc, None		# semihosting exit without a line (panic while panicking)
    if rc == 0:
        return STATUS_NO_STATUS, ("QEMU stopped without a status from the kernel (a triple "
                                  "fault, a reset or a PSCI power-off)")
    return STATUS_RUNNER, f"QEMU exited with {rc} without the kernel's power-down line"


SIGNALS = {4: "SIGILL", 5: "SIGTRAP", 6: "SIGABRT", 7: "SIGBUS", 8: "SIGFPE", 9: "SIGKILL",
           11: "SIGSEGV", 13: "SIGPIPE", 15: "SIGTERM"}


def meaning(status):
    """What a kernel status says (include/linux/reboot.h, init/user_init.c, kernel/exit.c)."""
    special = {0: "success", 126: "init could not be executed", 127: "no init found",
               249: "in-kernel selftests failed", 250: "kernel panic",
               251: "kernel Oops: an unexpected exception in the kernel"}
    if status in special:
        return special[status]
    if 128 < status <= 128 + 64:
        sig = status - 128
        return f"init killed by signal {sig}" + (f" ({SIGNALS[sig]})" if sig in SIGNALS else "")
    return "init's exit status"


# ---- the trace channel's host side ---------------------------------------------------------------
def trace_start(a):
    """The drain of the ring file, running in a thread unless --trace-drain off."""
    trace_modules()
    from ferrytrace import drain
    try:
        d = drain.Drain(a.trace_shm, os.path.abspath(a.trace) + ".ftr",
                        warn=lambda msg: say(f"trace: {msg}"))
    except drain.DrainError as e:
        die(f"trace: {e}")
    if a.trace_drain == "on":
        d.start()
    return d


def trace_finish(a, d):
    """Drain what is left, write FILE.ftr's final pages, decode it into FILE. None, or why
    the trace could not be had (one line; the raw stream stays in FILE.ftr)."""
    trace_modules()
    from ferrytrace import drain
    ftr = os.path.abspath(a.trace) + ".ftr"
    try:
        summary = d.finish()
    except (OSError, drain.DrainError) as e:
        return f"trace: {e}"
    if summary["changed"]:
        return (f"trace: {summary['changed']} (the guest wrote over the host's part of the "
                f"trace file); raw stream in {ftr}")
    if a.trace_stats:
        s = summary
        say(f"trace: drain: {s['bytes']} bytes in {s['busy_polls']} of {s['polls']} polls, "
            f"the drain thread's CPU {s['cpu_s']} s, fullest ring {s['high_water']} of "
            f"{s['ring_size']} bytes, longest pause {s['longest_gap'] * 1000:.1f} ms, "
            f"{s['dropped']} dropped by the guest")
    meta = os.path.join(a.objtree, "syscall_meta.json")
    try:
        from ferrytrace import binary
        binary.convert(ftr, os.path.abspath(a.trace), meta if os.path.exists(meta) else None,
                       warn=lambda msg: say(f"trace: {msg}"))
    except Exception as e:		# a decoder's bug must not cost the run its status
        return f"trace: decoding {ftr} failed: {type(e).__name__}: {e}"
    return None


# ---- the run ----------------------------------------------------------------------------------
def boot(a, cmd):
    """Start QEMU and copy its console to stdout. Returns (kernel status, None), or (None or
    a status, (runner status, why)) when the status is not the kernel's. QEMU's stderr is held
    back until the console starts: if QEMU never gets that far, its complaint becomes one
    line."""
    import selectors
    import time

    log = open(a.log, "wb") if a.log else None
    saved_tty = None
    if a.interactive and os.isatty(0):
        import termios
        saved_tty = termios.tcgetattr(0)	# QEMU makes it raw; a killed QEMU leaves it so
    try:
        proc = subprocess.Popen(cmd, stdin=None if a.interactive else subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=True)
    except FileNotFoundError:
        die(f"{cmd[0]} is not installed (make install-deps)")
    if a.gdb:
        hint = f"scripts/gdb/attach.sh ARCH={a.arch} O={a.objtree}"
        if a.gdb_port != 1234:
            hint += f" GDB_PORT={a.gdb_port}"
        say(f"QEMU waits for gdb on :{a.gdb_port}; in another shell: {hint}")
    ended = None		# None, "timeout" or the signal that stopped us

    def stop(signum, frame):
        raise Interrupted(signum)
    signal.signal(signal.SIGTERM, stop)	# SIGINT: KeyboardInterrupt
    signal.signal(signal.SIGHUP, stop)
    tail, held = b"", b""
    tail_whole = True		# the tail is the whole console (it starts a line)
    console_started = False
    deadline = None if a.gdb else time.monotonic() + a.timeout
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    sel.register(proc.stderr, selectors.EVENT_READ)
    try:
        while sel.get_map():
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                ended = "timeout"
                break
            for key, _ in sel.select(left):
                chunk = os.read(key.fileobj.fileno(), 65536)
                if not chunk:
                    sel.unregister(key.fileobj)
                elif key.fileobj is proc.stderr:
                    if console_started:
                        sys.stderr.buffer.write(chunk)
                        sys.stderr.flush()
                    else:
                        held += chunk
                else:
                    if not console_started and held:
                        sys.stderr.buffer.write(held)	# QEMU's warnings, as before
                        sys.stderr.flush()
                    console_started = True
                    tail += chunk
                    if len(tail) > 4096:
                        tail, tail_whole = tail[-4096:], False
                    sys.stdout.buffer.write(chunk)
                    sys.stdout.buffer.flush()
                    if log:
                        log.write(chunk)
    except KeyboardInterrupt:
        ended = signal.SIGINT
    except Interrupted as e:
        ended = e.args[0]
    finally:
        if ended:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        rc = proc.wait()
        if log:
            log.close()
        if saved_tty is not None:
            import termios
            termios.tcsetattr(0, termios.TCSADRAIN, saved_tty)
    if ended == "timeout":
        why = f"timeout after {a.timeout:g} s without a power-down (status {STATUS_TIMEOUT})"
        if held and not console_started:
            why += ": QEMU said: " + one_line(held)
        print(file=sys.stderr)
        return None, (STATUS_TIMEOUT, why)
    if ended:
        print(file=sys.stderr)
        status = 128 + ended
        return None, (status, f"interrupted by {signal.Signals(ended).name}: QEMU killed "
                              f"(status {status})")
    status, why = judge(a.arch, rc, tail, from_start=tail_whole)
    if why and status == STATUS_RUNNER and not console_started:
        why = ("QEMU did not start: " + (one_line(held) or f"it exited with {rc}")
               + f" (status {status})")
    elif why:
        why += f" (status {status})"
    return status, (status, why) if why else None


class Interrupted(Exception):
    pass


def one_line(data):
    return "; ".join(l.strip() for l in data.decode(errors="replace").splitlines() if l.strip())


class Parser(argparse.ArgumentParser):
    def error(self, message):	# one line, not argparse's usage block
        die(message)


def parse(argv):
    p = Parser(prog=PROG, description=__doc__.splitlines()[0], allow_abbrev=False)
    takes_value = set()

    def opt(name, **kw):
        p.add_argument(name, **kw)
        if kw.get("action") in (None, "append"):
            takes_value.add(name)
    opt("--arch", required=True, choices=["x86_64", "arm64"])
    opt("--objtree", required=True)
    opt("--boot", default="direct")
    opt("--cpu")
    opt("--smp", type=int, help="guest CPUs (QEMU's -smp; default 1)")
    opt("--mem", default="256M")
    opt("--cmdline", default="")
    opt("--initrd")
    opt("--dtb", help="arm64: boot with this DTB through a minimal loader shim")
    opt("--dtb-shim", help="with --dtb: this raw binary instead of the built-in shim, loaded "
        "at 0x40100000 where CPU 0 starts; it must enter the Image at 0x40200000 with x0 = "
        "the DTB at 0x48000000 (tests/boot/spin_table_pen.S also starts the other CPUs)")
    opt("--init", help="static ELF to run as /init (packed into an initramfs)")
    opt("--file", action="append", default=[], metavar="DEST=SOURCE",
        help="another initramfs file beside /init (repeatable)")
    opt("--args", help="arguments for init")
    opt("--trace", help="write syscall trace records here (JSON Lines)")
    opt("--trace-size", type=int, default=TRACE_RING_SIZE,
        help="bytes of each trace ring (a power of two, 4096 to 1G; default 16 MiB)")
    opt("--trace-rings", type=int,
        help="trace rings, one per guest CPU (default: --smp, the CPUs of an -smp in --extra, or 1)")
    opt("--trace-stats", action="store_true",
        help="print what the drain did: polls, its CPU time, the fullest ring")
    opt("--trace-drain", choices=["on", "off"], default="on",
        help="off: do not drain the rings while QEMU runs (a full-ring test)")
    opt("--extra", help="more QEMU arguments")
    opt("--machine", help="extra -machine options, e.g. virtualization=on")
    opt("--icount", action="store_true", help="deterministic: 1 instruction = 1 ns")
    opt("--timeout", type=float, default=60)
    opt("--gdb", action="store_true")
    opt("--gdb-port", type=int, default=1234)
    opt("--log", help="also copy the console to this file")
    opt("--print-command", action="store_true")
    opt("--status-line", action="store_true", help="end with a line naming the kernel's status")
    opt("--interactive", action="store_true",
        help="our stdin is the guest's serial line (Ctrl-A X leaves QEMU)")
    # "--extra -no-reboot": argparse would take the value for an option; join the pair.
    joined, i = [], 0
    while i < len(argv):
        if argv[i] in takes_value and i + 1 < len(argv):
            joined.append(f"{argv[i]}={argv[i + 1]}")
            i += 2
        else:
            joined.append(argv[i])
            i += 1
    return p.parse_args(joined)


def main(argv=None):
    a = parse(sys.argv[1:] if argv is None else argv)
    check_args(a)
    check_kernel(a)
    with tempfile.TemporaryDirectory(prefix="ferry-run-") as workdir:
        cmd = qemu_command(a, workdir)
        if a.print_command:
            print(" ".join(shlex.quote(c) for c in cmd), file=sys.stderr)
        drain = trace_start(a) if a.trace else None
        try:
            status, runner = boot(a, cmd)
        finally:
            # A hang, a crash, an interrupt: whatever the guest wrote is kept and decoded.
            failed = trace_finish(a, drain) if drain else None
    if runner:
        die(runner[1], runner[0])
    if failed:
        die(failed)
    if a.status_line:
        say(f"kernel status {status} ({meaning(status)})")
    sys.exit(status)


if __name__ == "__main__":
    main()
