#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Boot a Ferry kernel under QEMU, console on stdout, and exit with the kernel's status.

  qemu-run.py --arch x86_64|arm64 --objtree build/x86_64 [--boot direct|uboot|grub]
              [--cpu MODEL] [--mem SIZE] [--cmdline TEXT] [--initrd FILE] [--init ELF]
              [--extra 'QEMU ARGS'] [--machine OPTS] [--icount] [--timeout SEC] [--gdb]
              [--log FILE] [--dtb FILE] [--trace FILE [--trace-channel shm|debugcon]
              [--trace-size BYTES]]

How a status leaves the guest:
  x86_64  the kernel prints "Power down (status N)" and writes N to isa-debug-exit (port 0xf4);
          QEMU exits with ((N<<1)|1) & 0xff, which keeps only N's low 7 bits, so the full N
          comes from the console line and the exit code must agree with its low bits.
  arm64   semihosting SYS_EXIT with the status; QEMU exits with it unchanged.
Other outcomes: 124 when the timeout expires (like timeout(1)); 253 when QEMU stopped without
the kernel giving a status (a triple fault under -no-reboot, PSCI power-off).
"""
import argparse
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile

STATUS_TIMEOUT = 124
STATUS_NO_STATUS = 253

UBOOT_ARM64 = "/usr/lib/u-boot/qemu_arm64/u-boot.bin"
ICOUNT = "shift=0,align=off,sleep=off"


def die(msg):
    print(f"qemu-run: {msg}", file=sys.stderr)
    sys.exit(2)


def need(path, hint):
    if not os.path.exists(path):
        die(f"{path} is missing ({hint})")
    return path


def make_initramfs(init_elf, extra_args, workdir):
    """A newc cpio with the ELF as /init (scripts/mkinitramfs.py), for INIT=."""
    out = os.path.join(workdir, "initramfs.cpio")
    cmd = [sys.executable, os.path.join(os.path.dirname(__file__), "mkinitramfs.py"),
           "-o", out, f"/init={init_elf}"]
    subprocess.run(cmd, check=True)
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
    r = subprocess.run(["grub-mkrescue", "-o", iso, root], capture_output=True, text=True)
    if r.returncode:
        die("grub-mkrescue failed:\n" + r.stderr)
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
    subprocess.run(["mkenvimage", "-s", "0x40000", "-o", img, txt], check=True)
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


# x86 trace channel: a host file the guest sees as ivshmem PCI memory (arch/x86/kernel/
# trace_shm.c has the layout). 32 MiB (the default) holds about 110,000 records; ivshmem
# wants a power of two.
TRACE_SHM_SIZE = 32 << 20
TRACE_SHM_DATA = 4096


def trace_shm_create(workdir, size):
    path = os.path.join(workdir, "trace.shm")
    with open(path, "wb") as f:
        f.write(b"FERRYTRC" + size.to_bytes(8, "little") + bytes(16))
        f.truncate(size)		# sparse: only what the guest writes takes space
    return path


def trace_shm_collect(shm_path, trace_path):
    """After the run: the records the guest stored, as JSON Lines in trace_path. A guest that
    used debugcon instead (no ivshmem found) left head at 0 and trace_path as QEMU wrote it."""
    with open(shm_path, "rb") as f:
        hdr = f.read(32)
        size = int.from_bytes(hdr[8:16], "little")
        head = int.from_bytes(hdr[16:24], "little")
        lost = int.from_bytes(hdr[24:32], "little")
        if not head and not lost:
            return
        f.seek(TRACE_SHM_DATA)
        data = f.read(min(head, size - TRACE_SHM_DATA))
    with open(trace_path, "wb") as out:
        out.write(data)
        if lost:
            out.write(b'{"type":"dropped","count":%d,"why":"trace file full"}\n' % lost)


def qemu_command(a, workdir):
    initrd = a.initrd
    if a.init:
        initrd = make_initramfs(a.init, a.args, workdir)
    cmdline = a.cmdline or ""
    if a.trace:
        # Records go to a channel of their own (docs/tracing.md): x86 QEMU's debugcon port,
        # arm64 a host file opened through semihosting. trace=all unless the caller chose.
        trace_path = os.path.abspath(a.trace)
        if os.path.exists(trace_path):
            os.unlink(trace_path)
        words = cmdline.split()
        if not any(w.startswith("trace=") for w in words):
            words.append("trace=all")
        if a.icount:
            words.append("trace.icount=1")
        if a.arch == "arm64":
            words.append(f"trace.file={trace_path}")
        cmdline = " ".join(words)
    if a.args:
        cmdline = (cmdline + " -- " + a.args).strip()
    common = ["-m", a.mem, "-display", "none", "-monitor", "none", "-serial", "stdio",
              "-nic", "none", "-no-reboot"]
    if a.icount:
        common += ["-icount", ICOUNT]
    if a.gdb:
        common += ["-s", "-S"]

    if a.arch == "x86_64":
        vmlinux = need(os.path.join(a.objtree, "vmlinux"), "run make ARCH=x86_64")
        cmd = ["qemu-system-x86_64", "-cpu", a.cpu or "qemu64",
               "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
        if a.trace and a.trace_channel == "shm":
            # Shared memory first (fast); debugcon too, for a kernel that does not find it.
            size = a.trace_size
            cmd += ["-object", f"memory-backend-file,id=ferrytrace,size={size},"
                               f"mem-path={trace_shm_create(workdir, size)},share=on",
                    "-device", "ivshmem-plain,memdev=ferrytrace"]
        if a.trace:
            cmd += ["-debugcon", f"file:{os.path.abspath(a.trace)}"]
        if a.machine:
            cmd += ["-machine", a.machine]
        if a.boot == "direct":
            cmd += ["-kernel", vmlinux, "-append", cmdline]
            if initrd:
                cmd += ["-initrd", initrd]
        elif a.boot == "grub":
            cmd += ["-cdrom", grub_iso(vmlinux, cmdline, initrd, workdir), "-boot", "d"]
        else:
            die(f"BOOT={a.boot} is not an x86_64 boot path (direct, grub)")
    else:
        image = need(os.path.join(a.objtree, "arch/arm64/boot/Image"), "run make ARCH=arm64")
        machine = "virt" + ("," + a.machine if a.machine else "")
        cmd = ["qemu-system-aarch64", "-M", machine, "-cpu", a.cpu or "cortex-a72",
               "-semihosting-config", "enable=on,target=native"]
        if a.dtb:
            # Hand the kernel an arbitrary (possibly corrupt) DTB, as a boot loader would.
            cmd += ["-device", f"loader,file={image},addr={IMAGE_ADDR:#x},force-raw=on",
                    "-device", f"loader,file={a.dtb},addr={DTB_ADDR:#x},force-raw=on",
                    "-device", f"loader,file={arm64_dtb_shim(workdir)},addr={SHIM_ADDR:#x},"
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
        else:
            die(f"BOOT={a.boot} is not an arm64 boot path (direct, uboot)")
        if initrd:
            cmd += ["-initrd", initrd]
    cmd += common
    if a.extra:
        cmd += shlex.split(a.extra)
    return cmd


POWER_DOWN = re.compile(rb"Power down \(status (\d+)\)")


def translate(arch, rc, console_tail):
    if arch != "x86_64":
        return rc
    # isa-debug-exit: ((v << 1) | 1) & 0xff. A plain 0 means QEMU stopped on its own.
    if not rc & 1:
        return STATUS_NO_STATUS
    low7 = rc >> 1
    found = POWER_DOWN.findall(console_tail)
    if found and (int(found[-1]) & 0x7f) == low7:
        return int(found[-1])
    return low7


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--arch", required=True, choices=["x86_64", "arm64"])
    p.add_argument("--objtree", required=True)
    p.add_argument("--boot", default="direct")
    p.add_argument("--cpu")
    p.add_argument("--mem", default="256M")
    p.add_argument("--cmdline", default="")
    p.add_argument("--initrd")
    p.add_argument("--dtb", help="arm64: boot with this DTB through a minimal loader shim")
    p.add_argument("--init", help="static ELF to run as /init (packed into an initramfs)")
    p.add_argument("--args", help="arguments for init")
    p.add_argument("--trace", help="write syscall trace records here (JSON Lines)")
    p.add_argument("--trace-channel", choices=["shm", "debugcon"], default="shm",
                   help="x86_64: shared memory (ivshmem, default) or the debugcon port only")
    p.add_argument("--trace-size", type=int, default=TRACE_SHM_SIZE,
                   help="x86_64 shared-memory trace file size (a power of two, >= 8192)")
    p.add_argument("--extra", help="more QEMU arguments")
    p.add_argument("--machine", help="extra -machine options, e.g. virtualization=on")
    p.add_argument("--icount", action="store_true", help="deterministic: 1 instruction = 1 ns")
    p.add_argument("--timeout", type=float, default=60)
    p.add_argument("--gdb", action="store_true")
    p.add_argument("--log", help="also copy the console to this file")
    p.add_argument("--print-command", action="store_true")
    a = p.parse_args()
    if a.trace_size < 8192 or a.trace_size & (a.trace_size - 1):
        die(f"--trace-size {a.trace_size}: must be a power of two of at least 8192")

    with tempfile.TemporaryDirectory(prefix="ferry-run-") as workdir:
        cmd = qemu_command(a, workdir)
        if a.print_command:
            print(" ".join(shlex.quote(c) for c in cmd), file=sys.stderr)
        log = open(a.log, "wb") if a.log else None
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                start_new_session=True)
        timed_out = False
        tail = b""
        try:
            import selectors
            import time
            deadline = None if a.gdb else time.monotonic() + a.timeout
            sel = selectors.DefaultSelector()
            sel.register(proc.stdout, selectors.EVENT_READ)
            while True:
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    timed_out = True
                    break
                if not sel.select(left):
                    continue
                chunk = os.read(proc.stdout.fileno(), 65536)
                if not chunk:
                    break
                tail = (tail + chunk)[-4096:]
                sys.stdout.buffer.write(chunk)
                sys.stdout.buffer.flush()
                if log:
                    log.write(chunk)
        except KeyboardInterrupt:
            timed_out = True
        finally:
            shm = os.path.join(workdir, "trace.shm")
            if a.trace and os.path.exists(shm):
                if timed_out:
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()		# QEMU has written the file back before we read it
                trace_shm_collect(shm, os.path.abspath(a.trace))	# a hang keeps its trace
        if timed_out:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass			# already stopped to collect the trace
            proc.wait()
            print(f"\nqemu-run: timeout after {a.timeout:g} s", file=sys.stderr)
            sys.exit(STATUS_TIMEOUT)
        rc = proc.wait()
        if log:
            log.close()
    if rc < 0:
        die(f"QEMU killed by signal {-rc}")
    status = translate(a.arch, rc, tail)
    if status == STATUS_NO_STATUS:
        print("qemu-run: QEMU stopped without a status from the kernel", file=sys.stderr)
    sys.exit(status)


if __name__ == "__main__":
    main()
