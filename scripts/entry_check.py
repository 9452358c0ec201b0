#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""What the entry code promises before C runs, read from the built kernel (issue 16, Entry).

  entry_check.py --arch x86_64|arm64 VMLINUX     KTAP; exit status 1 on any failure

Per entry route, walk the instructions from its first one to the call into C (following
unconditional jumps and taking the fall-through of conditional ones: the path user mode takes)
and track which general registers may still hold a value the user chose. At the call only
the registers that carry the C function's arguments (or the number, as Linux keeps it) may;
any other is a register a mispredicted kernel branch could use. Any instruction that writes
a register makes it the user's if any register or memory it reads from is (and keeps the
old value's state where part of it survives: partial writes, movk); only an explicit few
make it clean whatever it held: a constant, xor/sub of itself, a system register (mrs,
rdmsr), a load from kernel memory. The x86 walk follows the stack: a push records whether
its slot holds a user value, and a pop or an %rsp-relative load takes that slot's state;
a slot it did not see pushed (the CPU's frame, pt_regs) is the user's. A load through
another register that points into pt_regs (movq %rsp, %rdi; movq 8(%rdi), ...) is not
followed: it counts as kernel memory. An operand-less x86 instruction the walk does not
know fails the route rather than being guessed at.

The fences: on x86 every path through common_entry, both edges of each conditional jump
(user or kernel mode; GS swapped or not), must reach an lfence after its last conditional
jump before any GS-relative access or the call; on arm64 every eret is followed by a
speculation barrier (dsb nsh; isb, or sb). (The dispatch's array_index_nospec,
csdb on arm64, is check.py's disassembly_invoke_syscall_nospec_* step.)

make check runs it on both GCC kernels (check.py: entry_*); it proved it can fail on kernels
built without a clear (x86 compat routes, arm64 with one "mov x12, xzr" taken out) and
without the barriers; and, with this model, on a reload of a saved register (int80's
"xorl %esi,%esi" made "movq (%rsp),%rsi"), an xchg and a three-operand imul (int80), csel
and ubfx (arm64), and common_entry's lfence moved before the "1:" the js jumps to.
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


class Unmodelled(Exception):
    """An instruction the walk cannot say what it writes: the route fails rather than guess."""


def walk(insns, callee, dirty, starts_at, arch):
    """Follow the user path from starts_at to the call of callee, applying each instruction
    to the set of registers that may hold user values: (that set at the call, or why not)."""
    call, jump, step = WALKERS[arch]
    by_addr = {a: i for i, (a, _, _) in enumerate(insns)}
    # stack: what each 8-byte slot pushed since entry holds (True: a user value), top last;
    # None once RSP moved in a way the walk does not follow. Slots above it (the frame the
    # CPU pushed, or no frame yet) count as the user's.
    state = {"dirty": set(dirty), "stack": []}
    i, steps = by_addr[starts_at], 0
    while i < len(insns) and steps < 400:
        steps += 1
        _, mn, ops = insns[i]
        if mn.startswith(call):
            if callee in ops:
                d = state["dirty"]
                return (d - {"x30"} if arch == "arm64" else d), None	# bl writes x30
            return state["dirty"], f"a call before {callee}: {ops}"
        if mn == jump:
            target = int(ops.split()[0], 16)
            if target not in by_addr:
                return state["dirty"], f"jumps out of the listing to {ops}"
            i = by_addr[target]
            continue
        try:
            step(mn, split_operands(ops), state)
        except Unmodelled as e:
            return state["dirty"], f"unmodelled instruction at {insns[i][0]:#x}: {mn} {ops} ({e})"
        i += 1
    return state["dirty"], f"no call to {callee} within the listing"


# x86 instructions without operands that write no general register (the ones that do are
# X86_IMPLICIT); any other operand-less instruction stops the walk (Unmodelled).
X86_NO_REG_WRITE = re.compile(r"^(nop\w*|swapgs|[lms]fence|cld|std|clac|stac|cli|sti|pause|"
                              r"endbr64|int3|ud2|hlt|wrmsr|verw|iret\w*|sysret\w*|ret\w*|"
                              r"pushf\w*|popf\w*|cs|ds|notrack)$")
# operand-less instructions that write registers: (written, read)
X86_IMPLICIT = {"rdmsr": ({"rax", "rdx"}, set()), "rdtsc": ({"rax", "rdx"}, set()),
                "rdtscp": ({"rax", "rdx", "rcx"}, set()), "xgetbv": ({"rax", "rdx"}, set()),
                "cpuid": ({"rax", "rbx", "rcx", "rdx"}, set()),
                "cltq": ({"rax"}, {"rax"}), "cwtl": ({"rax"}, {"rax"}),
                "cltd": ({"rdx"}, {"rax"}), "cqto": ({"rdx"}, {"rax"})}
# operands read, none written
X86_READ_ONLY = re.compile(r"^(cmp\w*|test\w*|bt[wlq]?|j\w+|prefetch\w*|clflush\w*|invlpg)$")
# the destination is replaced by the source (a 32-bit register write zero-extends)
X86_OVERWRITE = re.compile(r"^(mov[a-z]*|lea[wlq]?)$")
# xor/sub of a register with itself: 0 whatever it held
X86_ZERO_IDIOM = re.compile(r"^(xor|sub)[bwlq]?$")


def x86_reg(operand):
    """'%rsi' -> 'rsi'; None for memory or immediates."""
    name = operand[1:] if operand.startswith("%") else ""
    return X86_ALIAS.get(name) if ":" not in name else None


def x86_rsp_slot(operand):
    """8-byte slots above RSP that 'N(%rsp)' names (0 for '(%rsp)'); None if not RSP-based
    or indexed."""
    m = re.match(r"^(-?0x[0-9a-f]+|-?\d+)?\(%rsp\)$", operand)
    return int(m.group(1) or "0", 0) // 8 if m else None


def x86_slot_dirty(stack, slot):
    """Whether the stack slot holds a user value: what was pushed there, the user's (the CPU's
    frame, pt_regs beyond what the walk saw pushed) when above it or unknown."""
    if stack is None or slot < 0 or slot >= len(stack):
        return True
    return stack[-1 - slot]


def x86_src_dirty(mn, operand, state):
    if operand.startswith("$"):
        return False
    reg = x86_reg(operand)
    if reg:
        return reg in state["dirty"]
    if mn.startswith("lea"):
        return bool(x86_regs_in(operand) & state["dirty"])	# computed from its registers
    slot = x86_rsp_slot(operand)
    if slot is not None:
        return x86_slot_dirty(state["stack"], slot)		# a saved register comes back
    if "%rsp" in operand:
        return True		# indexed into the frame: any slot
    # any other memory: the address may be a user value, what it names is the kernel's
    return False


def x86_set(state, reg, is_dirty):
    if is_dirty:
        state["dirty"].add(reg)
    else:
        state["dirty"].discard(reg)


def x86_move_rsp(mn, operands, state):
    """RSP written: follow add/sub/lea by a constant and a load of a fresh stack top."""
    stack, src = state["stack"], operands[0]
    m = re.match(r"^\$(-?0x[0-9a-f]+|-?\d+)$", src)
    lm = re.match(r"^(-?0x[0-9a-f]+|-?\d+)?\(%rsp\)$", src)
    delta = None
    if m and mn.startswith(("add", "sub")):
        delta = int(m.group(1), 0) * (1 if mn.startswith("add") else -1)
    elif lm and mn.startswith("lea"):
        delta = int(lm.group(1) or "0", 0)
    if delta is not None and stack is not None and delta % 8 == 0:
        n = delta // 8
        state["stack"] = stack[:len(stack) - n] if n > 0 else stack + [True] * -n
    elif mn.startswith("mov") and "(" not in src and ":" in src:
        state["stack"] = []	# a stack top from per-CPU data: empty, nothing of the user's
    else:
        state["stack"] = None


def x86_step(mn, operands, state):
    dirty, stack = state["dirty"], state["stack"]
    if not operands:
        if mn in X86_IMPLICIT:
            written, read = X86_IMPLICIT[mn]
            d = bool(read & dirty)
            for r in written:
                x86_set(state, r, d)
        elif mn.startswith("pushf"):
            if stack is not None:
                stack.append(True)		# the flags are the user's
        elif mn.startswith("popf"):
            if stack:
                stack.pop()
            else:
                state["stack"] = None
        elif not X86_NO_REG_WRITE.match(mn):
            raise Unmodelled("writes which registers?")
        return
    if mn.startswith("push"):
        if stack is not None:	# from memory: a pt_regs field copied from per-CPU data
            op = operands[0]
            stack.append(x86_src_dirty(mn, op, state) if op.startswith(("$", "%")) and
                         ":" not in op else True)
        return
    if mn.startswith("pop"):
        d = x86_slot_dirty(stack, 0)
        if stack:
            stack.pop()
        else:
            state["stack"] = None
        reg = x86_reg(operands[0])
        if reg:
            x86_set(state, reg, d)
        return
    if X86_READ_ONLY.match(mn) or mn in ("call", "callq"):
        return
    if re.match(r"^xchg[bwlq]?$", mn) and len(operands) == 2:
        a, b = (x86_src_dirty(mn, o, state) for o in operands)
        for o, d in zip(operands, (b, a)):
            if x86_reg(o):
                x86_set(state, x86_reg(o), d)
        return
    if re.match(r"^i?(mul|div)[bwlq]?$", mn) and len(operands) == 1:
        d = bool({"rax", "rdx"} & dirty) or x86_src_dirty(mn, operands[0], state)
        for r in ("rax", "rdx"):
            x86_set(state, r, d)
        return
    dst, srcs = operands[-1], operands[:-1]
    reg = x86_reg(dst)
    if reg is None:
        slot = x86_rsp_slot(dst)
        if slot is not None and stack is not None and 0 <= slot < len(stack):
            d = any(x86_src_dirty(mn, o, state) for o in srcs)
            # a store replaces the slot, anything else (or, add) combines with it
            stack[-1 - slot] = d if X86_OVERWRITE.match(mn) else (d or stack[-1 - slot])
        return
    full = bool(X86_FULL_WIDTH.match(dst[1:]))
    if X86_ZERO_IDIOM.match(mn) and len(srcs) == 1 and srcs[0] == dst:
        d = reg in dirty and not full
    else:
        d = any(x86_src_dirty(mn, o, state) for o in srcs)
        # the old value survives in a partial write and feeds every non-move operation
        if not (full and X86_OVERWRITE.match(mn)):
            d = d or reg in dirty
    if reg == "rsp":
        x86_move_rsp(mn, operands, state)
    x86_set(state, reg, d)


def swapgs_fence_paths(insns):
    """Every path from the first instruction to a call, both edges of each conditional jump:
    whether the branch went to user or kernel mode, GS swapped or not, may have been
    mispredicted (Linux's FENCE_SWAPGS_USER_ENTRY and _KERNEL_ENTRY cases, CVE-2019-1125),
    so after each conditional jump an lfence must come before a GS-relative access or the
    call. (the swapgs addresses on those paths, the unfenced accesses)"""
    by_addr = {a: i for i, (a, _, _) in enumerate(insns)}
    swaps, unfenced = set(), set()
    todo = [(0, True, frozenset())]	# (index, fenced since the last branch, visited)
    while todo:
        i, fenced, seen = todo.pop()
        while i < len(insns) and i not in seen:
            seen = seen | {i}
            addr, mn, ops = insns[i]
            if mn == "swapgs":
                swaps.add(addr)
            if mn == "lfence":
                fenced = True
            if ("%gs" in ops or mn.startswith("call")) and not fenced:
                unfenced.add(f"{addr:#x} {mn} {ops}")
            if mn.startswith(("call", "iret", "ret", "sysret")):
                break
            if mn.startswith("j"):
                target = int(ops.split()[0], 16)
                if mn != "jmp":
                    fenced = False
                    if target in by_addr:
                        todo.append((by_addr[target], fenced, seen))
                    i += 1
                    continue
                if target not in by_addr:
                    break
                i = by_addr[target]
                continue
            i += 1
    return swaps, sorted(unfenced)


def check_x86(vmlinux, objdump):
    syms, results = check_routes("x86_64", vmlinux, "nm", objdump, X86_ROUTES)
    insns = disassemble(objdump, vmlinux, syms["common_entry"],
                        sym_end(syms, "common_entry") - syms["common_entry"])
    swaps, unfenced = swapgs_fence_paths(insns)
    results.append((len(swaps) >= 2 and not unfenced, "swapgs_fenced",
                    "idt: on every path through common_entry, an lfence after the last "
                    "conditional branch before any GS-relative access or the call",
                    f"{len(swaps)} swapgs on the way to a call; unfenced: {'; '.join(unfenced)}"
                    if unfenced or len(swaps) < 2 else ""))
    return results


def a64_reg(name):
    m = re.match(r"^[xw](\d+)$", name)
    return f"x{m.group(1)}" if m else ("x30" if name == "lr" else ("x29" if name == "fp" else None))


# arm64 instructions whose first operand is read, not written (stores, compares, branches)
A64_READ_ONLY = re.compile(r"^(st\w*|cmp|cmn|tst|ccmp|ccmn|cbz|cbnz|tbz|tbnz|br|blr|ret|prfm|"
                           r"msr|b\.\w+)$")
# the destination is replaced whatever it held (movk, bfi, ... keep part of it)
A64_OVERWRITE = {"mov", "movz", "movn", "mrs", "adr", "adrp", "ldr", "ldur", "ldp", "ldrb",
                 "ldrh", "ldrsw", "ldrsb", "ldrsh", "ldurb", "ldurh", "ldnp", "ldar"}
# computed from their source operands only
A64_COMPUTED = {"mul", "madd", "msub", "lsl", "lsr", "asr", "ror", "csel", "csinc", "csinv",
                "csneg", "cset", "csetm", "neg", "mvn", "ubfx", "sbfx", "sxtw", "sxth", "sxtb",
                "uxtw", "uxth", "uxtb", "add", "sub", "and", "orr", "eor", "bic", "orn", "eon",
                "adds", "subs", "ands", "bics", "adc", "sbc", "udiv", "sdiv", "rev", "rbit", "clz"}


def a64_step(mn, operands, state):
    """A register written is the user's if any register it is computed from is; a load is
    clean unless it reads the frame at SP (pt_regs: the user's registers saved)."""
    dirty = state["dirty"]
    reg = a64_reg(operands[0]) if operands else None
    if not reg or A64_READ_ONLY.match(mn):
        return
    if mn.startswith("ld"):
        written = [reg] + ([a64_reg(operands[1])] if mn.startswith("ldp") or mn == "ldnp" else [])
        mem = next((o for o in operands if o.startswith("[")), "")
        d = mem.startswith("[sp")
    else:
        written = [reg]
        srcs = {a64_reg(o) for o in operands[1:]} - {None}
        zero_idiom = mn in ("eor", "sub") and len(operands) == 3 and operands[1] == operands[2]
        d = bool(srcs & dirty) and not zero_idiom
        if mn not in A64_OVERWRITE and mn not in A64_COMPUTED:
            d = d or reg in dirty	# movk, bfi, ...: part of the old value stays
    for r in written:
        if d:
            dirty.add(r)
        else:
            dirty.discard(r)


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
    after = listing + ["", ""]		# an eret last in .text has no barrier after it
    bad = [owners[i] for i in erets if not (after[i + 1].startswith("sb") or
           (after[i + 1].startswith("dsb") and after[i + 2] == "isb"))]
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
