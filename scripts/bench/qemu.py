# SPDX-License-Identifier: GPL-2.0
"""The deterministic QEMU settings the benchmark uses, in one place, and how a counter tick
converts to guest instructions under them.

-icount shift=S: one guest instruction takes 2^S virtual ns. x86's TSC counts virtual ns
(1 GHz), so with S=0 one tick = one instruction. arm64's CNTVCT counts at 62.5 MHz (16 ns),
so with S=4 one tick = one instruction (at S=0 it would be 16). With sleep=off an idle guest
(hlt / wfi) skips ahead to its next timer, and the skipped time shows in the counter too.
The RTC runs on the virtual clock from a fixed date (RTC below).
"""
SHIFT = {"x86_64": 0, "arm64": 4}
ICOUNT = "shift={},align=off,sleep=off"
# cortex-a72 without the PMU Ferry does not use (scripts/qemu-run.py's ARM64_CPU says why):
# instruction counts are the same either way, wall-time figures are not.
CPU = {"x86_64": "qemu64", "arm64": "cortex-a72,pmu=off"}
MEM = "256M"
# The RTC too must not read the host's clock: firmware (GRUB, SeaBIOS) and Linux read the date
# at boot, and a different date is a different instruction count.
RTC = ["-rtc", "base=2024-01-01T00:00:00,clock=vm"]
# ABI -> the arch whose kernel runs it: i386 on x86_64, arm (AArch32 EABI) on arm64, which
# reads the same CNTVCT counter from AArch32 ("mrrc p15, 1"), so a tick is one instruction too.
ARCH_OF = {"x86_64": "x86_64", "i386": "x86_64", "arm64": "arm64", "arm": "arm64"}


def icount_arg(arch):
    return ICOUNT.format(SHIFT[arch])


def insns_per_tick(arch):
    """Guest instructions per cycle-counter tick under this arch's shift."""
    if arch == "arm64":
        return 16 / (1 << SHIFT[arch])	# CNTVCT: 16 ns per tick
    return 1 / (1 << SHIFT[arch])		# TSC: 1 ns per tick
