# SPDX-License-Identifier: GPL-2.0
"""Runs inside gdb (gdb-multiarch -batch -x gdb_step.py): connect to QEMU's gdbstub, stop at
the HIT-th arrival at BEGIN (a user address in the bench probe), then single-step every
instruction, user and kernel alike, until the program counter reaches END, writing one
program counter per line to OUT. QEMU's gdbstub masks interrupts and timers while
single-stepping, so the steps are exactly one syscall's path. Parameters come in the
environment: BENCH_GDB_{ARCH,PORT,BEGIN,END,HIT,OUT,LIMIT,USER32}; USER32=1 for an AArch32
program, whose program counter the aarch64 gdbstub does not show (see below)."""
import os

import gdb

env = os.environ
gdb.execute("set pagination off")
gdb.execute("set confirm off")
gdb.execute(f"set architecture {'aarch64' if env['BENCH_GDB_ARCH'] == 'arm64' else 'i386:x86-64'}")
gdb.execute(f"target remote :{env['BENCH_GDB_PORT']}")
begin, end = int(env["BENCH_GDB_BEGIN"], 16), int(env["BENCH_GDB_END"], 16)
limit = int(env.get("BENCH_GDB_LIMIT", "100000"))
frame_pc = lambda: int(gdb.parse_and_eval("$pc")) & 0xffffffffffffffff  # noqa: E731
reg = lambda name: int(gdb.parse_and_eval(f"${name}")) & 0xffffffffffffffff  # noqa: E731
pcs = []

if env.get("BENCH_GDB_USER32") != "1":
    gdb.execute(f"hbreak *{begin:#x}")
    for _ in range(int(env["BENCH_GDB_HIT"])):
        gdb.execute("continue", to_string=True)
    gdb.execute("delete")
    pc = frame_pc()
    while pc != end and len(pcs) < limit:
        pcs.append(pc)
        gdb.execute("stepi", to_string=True)
        pc = frame_pc()
else:
    # An AArch32 user program under the aarch64 gdbstub: while the CPU is in AArch32 state,
    # QEMU 7.2 reports the program counter of the last AArch64 instruction, not the user's,
    # so gdb can neither step over the breakpoint at BEGIN nor see when the user reaches END.
    # What the user side does is known instead: BEGIN is one "svc", END the instruction after
    # it. The breakpoint is stepped over by hand (delete, stepi into the kernel, set again); at
    # the last arrival the svc is stepped and proved by the kernel's view of it (ESR_EL1 says
    # SVC from AArch32, ELR_EL1 holds END); then every kernel instruction is stepped until an
    # eret returns to AArch32 state (SPSR_EL1.M[4]), whose target, ELR_EL1, must be END.
    ERET, EC_SVC32 = 0xd69f03e0, 0x11
    hits = int(env["BENCH_GDB_HIT"])
    for i in range(hits):
        gdb.execute(f"hbreak *{begin:#x}")
        gdb.execute("continue", to_string=True)
        gdb.execute("delete")
        gdb.execute("stepi", to_string=True)	# the svc: into the 32-bit EL0 vector
        if ((reg("ESR_EL1") >> 26) & 0x3f) != EC_SVC32 or reg("ELR_EL1") != end:
            raise gdb.GdbError(f"arrival {i + 1} at {begin:#x} was not the svc before {end:#x} "
                               f"(ESR_EL1 {reg('ESR_EL1'):#x}, ELR_EL1 {reg('ELR_EL1'):#x})")
    pcs.append(begin)
    pc = frame_pc()
    while len(pcs) < limit:
        pcs.append(pc)
        insn = int(gdb.parse_and_eval(f"*(unsigned int *){pc:#x}")) & 0xffffffff
        to_user32 = insn == ERET and reg("SPSR_EL1") & 0x10
        target = reg("ELR_EL1")
        gdb.execute("stepi", to_string=True)
        if to_user32:
            if target != end:
                raise gdb.GdbError(f"eret at {pc:#x} returned to {target:#x}, not {end:#x}")
            break
        pc = frame_pc()
with open(env["BENCH_GDB_OUT"], "w") as f:
    f.write("".join(f"{p:x}\n" for p in pcs))
gdb.execute("kill")
