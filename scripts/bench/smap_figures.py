# SPDX-License-Identifier: GPL-2.0
"""What SMAP (x86) and PAN (arm64) cost on the syscall path (issue 16; bench.py --smap-only):
guest instructions per call of the bench probe, under -icount, on the defconfig kernel booted
on a CPU model that has the feature, once with it on and once switched off on the command
line, twice each:

  on   SMAP / PAN on, as the kernel sets them up whenever the CPU has them
  off  clearcpuid=smap (Linux's switch since 5.19) / arm64.nopan (ours; Linux 6.1 has none)

The bench's own CPU models (qemu64, cortex-a72) have neither feature, so this mode boots
Skylake-Client (SMAP; Intel, so i386's __kernel_vsyscall takes sysenter) and cortex-a76
(ARMv8.2: PAN, and AArch32 at EL0 for the arm ABI). The probe adds its read32 row (32 bytes
from /dev/zero into user memory) to getpid, write32 and openat30.
"""
KINDS = ("off", "on")
DIFFS = [("on", "off")]
TITLE = "SMAP / PAN: guest instructions per call (icount; Skylake-Client, cortex-a76)"
CPU = {"x86_64": "Skylake-Client", "arm64": "cortex-a76"}
OFF_SWITCH = {"x86_64": "clearcpuid=smap", "arm64": "arm64.nopan"}
PROBE_ARGS = "read32=1"
CALLS = ("getpid", "read32", "write32", "openat30")


def cmdline(kind, arch):
    return OFF_SWITCH[arch] if kind == "off" else ""


def keep(table):
    """The rows the issue asks for: getpid on every route, read32, write32 and openat30."""
    return [r for r in table if r["call"] in CALLS]
