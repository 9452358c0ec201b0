#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""What the entry code promises before C runs, read from the built kernel (issue 16, Entry).

  entry_check.py --arch x86_64|arm64 VMLINUX     KTAP; exit status 1 on any failure

Per entry route, walk the instructions from its first one to the call into C (following
unconditional jumps and taking the fall-through of conditional ones: the path user mode takes)
and track which general registers may still hold a value the user chose. At the call only
the registers that carry the C function's arguments (or the number, as Linux keeps it) may;
any other is a register a mispredicted kernel branch could use. A register is clean once
written from a constant, a clean register, memory or a system register; it stays dirty when
an instruction merely reads it into itself (movl %ebp, %ebp; mov w0, w0).

The fences are checked the same way: on x86 every swapgs that depends on a branch
(common_entry) is followed by lfence before any GS-relative access; on arm64 every eret is
followed by a speculation barrier (dsb nsh; isb, or sb). (The dispatch's array_index_nospec,
csdb on arm64, is check.py's disassembly_invoke_syscall_nospec_* step.)

make check runs it on both GCC kernels (check.py: entry_*); it proved it can fail on kernels
built without a clear (x86 compat routes, arm64 with one "mov x12, xzr" taken out) and
without the barriers.
"""
import argparse
import re
import subprocess
import sys

X86_REGS = ["rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp"] + [f"r{n}" for n in range(8, 16)]
X86_ALIAS = {}
for _r in ("ax", "bx", "cx", "dx"):
    for _n in (f"r{_r}", f"e{_r}", _r, _r[0] + "l", _r[0] + "h"):
        X86_ALIAS[_n] = f"r{_r}"
for _r in ("si", "di", "bp", "sp"):
    for _n in (f"r{_r}", f"e{_r}", _r, _r + "l"):
        X86_ALIAS[_n] = f"r{_r}"
for _n in range(8, 16):
    for _s in ("", "d", "w", "b"):
        X86_ALIAS[f"r{_n}{_s}"] = f"r{_n}"
# A write to these sizes replaces the whole 64-bit register (32-bit writes zero-extend).
X86_FULL_WIDTH = re.compile(r"^(r[a-z]{2}|e[a-z]{2}|r\d+|r\d+d)$")

# route: (entry symbol, C function it calls, registers allowed to be user values at the call,
#         registers holding user values at the first instruction)
ALL_X86 = set(X86_REGS)
X86_ROUTES = {
    # syscall: RSP is still the user's; RAX (the number) is also in RSI as argument 2.
    "syscall64": ("entry_SYSCALL_64", "do_syscall_64", {"rax", "rsi"}, ALL_X86),
    "syscall32": ("entry_SYSCALL_compat", "do_SYSCALL_32", {"rax"}, ALL_X86),
    # sysenter loads RSP from an MSR; everything else is the user's.
    "sysenter": ("entry_SYSENTER_compat", "do_SYSENTER_32", {"rax"}, ALL_X86 - {"rsp"}),
    # int $0x80 and every exception or interrupt gate: the CPU switched RSP.
    "int80": ("entry_INT80_compat", "do_int80_syscall_32", {"rax"}, ALL_X86 - {"rsp"}),
    # the IDT stubs push RDI and put the vector in EDI before jumping to common_entry.
    "idt": ("common_entry", "x86_handle_vector", set(), ALL_X86 - {"rsp", "rdi"}),
}

A64_REGS = [f"x{n}" for n in range(31)]
# Every x0-x30 is the user's at the vector; the C handler takes x0 = regs (clean).
ALL_A64 = set(A64_REGS)
A64_ROUTES = {
    "el0_64_sync": ("el0t_64_sync", "el0t_64_sync_handler", set(), ALL_A64),
    "el0_32_sync": ("el0t_32_sync", "el0t_32_sync_handler", set(), ALL_A64),
    "el0_64_irq": ("el0t_64_irq", "el0t_64_irq_handler", set(), ALL_A64),
    "el0_32_irq": ("el0t_32_irq", "el0t_32_irq_handler", set(), ALL_A64),
}


def symbols(objdump_nm, vmlinux):
    out = subprocess.run([objdump_nm, vmlinux], capture_output=True, text=True, check=True).stdout
    syms = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3:
            syms.setdefault(parts[2], int(parts[0], 16))
    return syms


def sym_end(syms, name):
    """Where the symbol after name starts (its listing ends there)."""
    return min(v for v in syms.values() if v > syms[name])


def disassemble(objdump, vmlinux, start, length=0x400):
    """(address, mnemonic, operands) from start on, across symbols."""
    out = subprocess.run([objdump, "-d", "--no-show-raw-insn",
                          f"--start-address={start:#x}", f"--stop-address={start + length:#x}",
                          vmlinux], capture_output=True, text=True, check=True).stdout
    insns = []
    for line in out.splitlines():
        m = re.match(r"^\s*([0-9a-f]+):\s+(\S+)\s*(.*)$", line)
        if m:
            insns.append((int(m.group(1), 16), m.group(2), m.group(3).split("#")[0].split("//")[0].strip()))
    return insns


def split_operands(ops):
    """Top-level commas only: '0x10(%rsp,%rax,8),%rdi' -> two operands."""
    parts, depth, cur = [], 0, ""
    for ch in ops:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        parts.append(cur.strip())
    return parts


def x86_regs_in(operand):
    return {X86_ALIAS[r] for r in re.findall(r"%([a-z0-9]+)", operand) if r in X86_ALIAS}


def walk(insns, callee, dirty, starts_at, arch):
    """Follow the user path from starts_at to the call of callee, applying each instruction
    to the set of registers that may hold user values: (that set at the call, or why not)."""
    call, jump, step = WALKERS[arch]
    by_addr = {a: i for i, (a, _, _) in enumerate(insns)}
    i, steps = by_addr[starts_at], 0
    while i < len(insns) and steps < 400:
        steps += 1
        _, mn, ops = insns[i]
        if mn.startswith(call):
            if callee in ops:
                return (dirty - {"x30"} if arch == "arm64" else dirty), None	# bl writes x30
            return dirty, f"a call before {callee}: {ops}"
        if mn == jump:
            target = int(ops.split()[0], 16)
            if target not in by_addr:
                return dirty, f"jumps out of the listing to {ops}"
            i = by_addr[target]
            continue
        dirty = step(mn, split_operands(ops), dirty)
        i += 1
    return dirty, f"no call to {callee} within the listing"


def x86_step(mn, operands, dirty):
    if mn == "rdmsr":
        return dirty - {"rax", "rdx"}
    if mn.startswith("pop") and operands:
        dst = operands[0].lstrip("%")
        return dirty - {X86_ALIAS[dst]} if dst in X86_ALIAS else dirty
    if len(operands) != 2 or not operands[1].startswith("%"):
        return dirty
    src, dst = operands
    dname = dst.lstrip("%")
    if dname not in X86_ALIAS:
        return dirty
    reg, full = X86_ALIAS[dname], bool(X86_FULL_WIDTH.match(dname))
    if mn.startswith("xor") and src == dst:
        return dirty - {reg} if full else dirty
    if mn.startswith(("mov", "lea")) and full:
        # a load from memory is clean (the address may be a user value, what it names is
        # the kernel's); lea computes from its registers
        src_dirty = bool(x86_regs_in(src) & dirty) and ("(" not in src or mn.startswith("lea"))
        return (dirty | {reg}) if src_dirty else (dirty - {reg})
    return (dirty | {reg}) if x86_regs_in(src) & dirty else dirty


def check_x86(vmlinux, objdump):
    syms, results = check_routes("x86_64", vmlinux, "nm", objdump, X86_ROUTES)
    # swapgs in common_entry: both entry paths depend on a branch (user or kernel mode, which
    # GS). Each swapgs that is followed by a call (an entry's, not the exit's before iretq)
    # must reach an lfence before the call and before any GS-relative operand.
    insns = disassemble(objdump, vmlinux, syms["common_entry"],
                        sym_end(syms, "common_entry") - syms["common_entry"])
    entry_swaps, unfenced = 0, []
    for i, (addr, mn, _) in enumerate(insns):
        if mn != "swapgs":
            continue
        after = []
        for _, m, o in insns[i + 1:]:
            if m.startswith(("call", "iret")):
                after.append((m, o))
                break
            after.append((m, o))
        if not after or not after[-1][0].startswith("call"):
            continue	# the exit's swapgs, before iretq
        entry_swaps += 1
        fenced = False
        for m, o in after:
            if m == "lfence":
                fenced = True
                break
            if "%gs" in o or m.startswith("call"):
                break
        if not fenced:
            unfenced.append(f"{addr:#x}")
    results.append((entry_swaps >= 2 and not unfenced, "swapgs_fenced",
                    "idt: every branch-dependent swapgs in common_entry is followed by lfence",
                    f"{entry_swaps} entry swapgs; unfenced at {', '.join(unfenced)}"
                    if unfenced or entry_swaps < 2 else ""))
    return results


def a64_reg(name):
    m = re.match(r"^[xw](\d+)$", name)
    return f"x{m.group(1)}" if m else ("x30" if name == "lr" else ("x29" if name == "fp" else None))


def a64_step(mn, operands, dirty):
    reg = a64_reg(operands[0]) if operands else None
    if not reg:
        return dirty
    if mn in ("mrs", "adrp", "adr", "movz"):
        return dirty - {reg}
    if mn in ("ldr", "ldur"):
        return dirty - {reg}
    if mn == "ldp":
        return dirty - {reg, a64_reg(operands[1])}
    if mn in ("mov", "add", "sub", "and", "orr", "eor") and len(operands) >= 2:
        if mn == "eor" and len(operands) == 3 and operands[1] == operands[2]:
            return dirty - {reg}
        srcs = {a64_reg(o) for o in operands[1:]} - {None}
        return (dirty | {reg}) if srcs & dirty else (dirty - {reg})
    return dirty


WALKERS = {"x86_64": (("call",), "jmp", x86_step), "arm64": (("bl",), "b", a64_step)}


def check_routes(arch, vmlinux, nm, objdump, routes):
    """One result per route: (entry, callee, registers allowed at the call, user's at entry)."""
    syms = symbols(nm, vmlinux)
    results = []
    for route, (entry, callee, allowed, dirty0) in routes.items():
        short, desc = f"regs_cleared_{route}", f"{route}: {entry} clears every register but " \
            f"{sorted(allowed) or 'none'} before {callee}"
        if entry not in syms:
            results.append((False, short, desc, f"no symbol {entry}"))
            continue
        insns = disassemble(objdump, vmlinux, syms[entry])
        dirty, why = walk(insns, callee, set(dirty0), syms[entry], arch)
        left = sorted(dirty - allowed, key=lambda r: int(r[1:]) if arch == "arm64" else X86_REGS.index(r))
        results.append((why is None and not left, short, desc,
                         why or ("still the user's: " + ", ".join(left) if left else "")))
    return syms, results


def check_arm64(vmlinux, objdump):
    syms, results = check_routes("arm64", vmlinux, "aarch64-linux-gnu-nm", objdump, A64_ROUTES)
    # eret: a barrier right after each, where straight-line speculation would go on. The one
    # in init_el2 (boot's drop from EL2 to EL1, before any user exists) is Linux's too.
    text = subprocess.run([objdump, "-d", "--no-show-raw-insn", "-j", ".text", vmlinux],
                          capture_output=True, text=True, check=True).stdout.splitlines()
    listing, owner, owners = [], None, []
    for l in text:
        m = re.match(r"^[0-9a-f]+ <(\S+)>:", l)
        if m:
            owner = m.group(1)
        elif re.match(r"^\s*[0-9a-f]+:\s", l):
            listing.append(re.sub(r"^\s*[0-9a-f]+:\s+", "", l).split("//")[0].strip())
            owners.append(owner)
    erets = [i for i, l in enumerate(listing) if l == "eret" and owners[i] != "init_el2"]
    bad = [owners[i] for i in erets if not (listing[i + 1].startswith("sb") or
           (listing[i + 1].startswith("dsb") and listing[i + 2] == "isb"))]
    results.append((any(owners[i] == "ret_to_user" for i in erets) and not bad, "eret_barrier",
                    f"every eret after boot ({len(erets)}: "
                    f"{', '.join(sorted(set(owners[i] for i in erets)))}) is followed by a "
                    "speculation barrier", f"none after the eret in {', '.join(bad)}" if bad else ""))
    return results


def check(arch, vmlinux):
    """[(ok, short name, description, why it failed)] for one kernel."""
    if arch == "x86_64":
        return check_x86(vmlinux, "objdump")
    return check_arm64(vmlinux, "aarch64-linux-gnu-objdump")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--arch", required=True, choices=("x86_64", "arm64"))
    ap.add_argument("vmlinux")
    a = ap.parse_args()
    results = check(a.arch, a.vmlinux)
    print("KTAP version 1")
    print(f"1..{len(results)}")
    for n, (ok, _, name, why) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {n} {name}")
        if why:
            print(f"# {why}")
    failed = sum(1 for ok, _, _, _ in results if not ok)
    print(f"# entry_check {a.arch}: {len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
