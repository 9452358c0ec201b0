"""The arm EABI table (arch/arm64/tools/syscall_32.tbl) against the armhf cross headers.

The numbers come from Linux's UAPI as Debian ships it for armhf (libc6-dev-armhf-cross brings
linux-libc-dev-armhf-cross: /usr/arm-linux-gnueabihf/include/asm/unistd-eabi.h and unistd.h).
The table goes through scripts/syscalltbl.sh unistd, as the probes' <asm/unistd.h> does, and
the generated __NR_ lines must equal the header's, name for name and number for number.
"""
import os
import re
import subprocess

import pytest

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TBL = os.path.join(TOP, "arch", "arm64", "tools", "syscall_32.tbl")
ASM = "/usr/arm-linux-gnueabihf/include/asm"
EABI_H = os.path.join(ASM, "unistd-eabi.h")
UNISTD_H = os.path.join(ASM, "unistd.h")

# Entry points named after Linux's arm functions, not found in the i386 or arm64 table.
ARM_ONLY_ENTRIES = {"sys_arm_fadvise64_64", "sys_sync_file_range2", "sys_old_semctl",
                    "sys_old_msgctl", "sys_old_shmctl", "sys_semtimedop_time32",
                    "sys_pciconfig_iobase", "sys_pciconfig_read", "sys_pciconfig_write",
                    "sys_send", "sys_recv"}


def header_numbers(path):
    """__NR_name -> number from the cross header (#define __NR_x (__NR_SYSCALL_BASE + n))."""
    if not os.path.exists(path):
        pytest.fail(f"{path} missing: scripts/install-deps.sh installs libc6-dev-armhf-cross")
    nums = {}
    for m in re.finditer(r"^#define\s+__NR_(\w+)\s+\(__NR_SYSCALL_BASE\s*\+\s*(\d+)\)",
                         open(path).read(), re.M):
        nums[m.group(1)] = int(m.group(2))
    return nums


def generated_numbers(tbl, tmp_path):
    out = tmp_path / "unistd.h"
    subprocess.run([os.path.join(TOP, "scripts", "syscalltbl.sh"), "unistd", str(tbl), str(out),
                    "_TEST_ARM_H"], check=True, cwd=TOP)
    nums = {}
    for m in re.finditer(r"^#define __NR_(\w+) (\d+)$", out.read_text(), re.M):
        nums[m.group(1)] = int(m.group(2))
    nums.pop("syscalls")
    return nums


def rows(path):
    for line in open(path):
        if line.strip() and not line.lstrip().startswith("#"):
            yield line.split()


def diff(want, got):
    lines = [f"{n}: header {want.get(n)}, table {got.get(n)}"
             for n in sorted(set(want) | set(got)) if want.get(n) != got.get(n)]
    return "\n".join(lines)


def test_numbers_equal_the_armhf_headers(tmp_path):
    want, got = header_numbers(EABI_H), generated_numbers(TBL, tmp_path)
    assert len(want) > 400
    assert not diff(want, got), "arm table differs from " + EABI_H + ":\n" + diff(want, got)


def test_a_wrong_number_is_caught(tmp_path):
    """The comparison can fail: the table with getpid moved by one differs in exactly getpid."""
    bad = tmp_path / "bad.tbl"
    bad.write_text(re.sub(r"^20(\tarm\tgetpid)", r"21\1", open(TBL).read().replace(
        "21\tarm\tmount", "2000\tarm\tmount"), flags=re.M))
    d = diff(header_numbers(EABI_H), generated_numbers(bad, tmp_path))
    assert "getpid: header 20, table 21" in d and "mount: header 21, table 2000" in d


def test_rows_are_arm_abi_with_known_entry_points():
    def entries(path):
        return {r[3] for r in rows(path) if len(r) > 3}
    known = entries(os.path.join(TOP, "arch", "x86", "entry", "syscalls", "syscall_32.tbl"))
    known |= entries(os.path.join(TOP, "scripts", "syscall.tbl")) | ARM_ONLY_ENTRIES
    for r in rows(TBL):
        assert r[1] == "arm", r
        assert len(r) in (4, 5), r
        assert r[3] in known, f"{r[2]}: entry point {r[3]} is in neither the i386 nor arm64 table"


def test_private_calls_documented_with_the_headers_numbers():
    """The table's header lists ARM's private calls (0x0f0000 + n) as <asm/unistd.h> does."""
    text = open(UNISTD_H).read()
    base = int(re.search(r"#define __ARM_NR_BASE\s+\(__NR_SYSCALL_BASE\s*\+\s*(0x[0-9a-f]+)\)",
                         text).group(1), 16)
    private = {m.group(1): base + int(m.group(2))
               for m in re.finditer(r"#define __ARM_NR_(\w+)\s+\(__ARM_NR_BASE\s*\+\s*(\d+)\)",
                                    text)}
    assert set(private) == {"breakpoint", "cacheflush", "usr26", "usr32", "set_tls", "get_tls"}
    comment = "".join(line for line in open(TBL) if line.startswith("#"))
    for name, nr in private.items():
        assert re.search(rf"0x{nr:06x} {name}\b", comment), f"{name} 0x{nr:06x} not in the header"
