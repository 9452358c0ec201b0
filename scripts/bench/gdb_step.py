# SPDX-License-Identifier: GPL-2.0
"""Runs inside gdb (gdb-multiarch -batch -x gdb_step.py): connect to QEMU's gdbstub, stop at
the HIT-th arrival at BEGIN (a user address in the bench probe), then single-step every
instruction, user and kernel alike, until the program counter reaches END, writing one
program counter per line to OUT. QEMU's gdbstub masks interrupts and timers while
single-stepping, so the steps are exactly one syscall's path. Parameters come in the
environment: BENCH_GDB_{ARCH,PORT,BEGIN,END,HIT,OUT,LIMIT}."""
import os

import gdb

env = os.environ
gdb.execute("set pagination off")
gdb.execute("set confirm off")
gdb.execute(f"set architecture {'aarch64' if env['BENCH_GDB_ARCH'] == 'arm64' else 'i386:x86-64'}")
gdb.execute(f"target remote :{env['BENCH_GDB_PORT']}")
begin, end = int(env["BENCH_GDB_BEGIN"], 16), int(env["BENCH_GDB_END"], 16)
gdb.execute(f"hbreak *{begin:#x}")
for _ in range(int(env["BENCH_GDB_HIT"])):
    gdb.execute("continue", to_string=True)
gdb.execute("delete")
pcs = []
limit = int(env.get("BENCH_GDB_LIMIT", "100000"))
frame_pc = lambda: int(gdb.parse_and_eval("$pc")) & 0xffffffffffffffff  # noqa: E731
pc = frame_pc()
while pc != end and len(pcs) < limit:
    pcs.append(pc)
    gdb.execute("stepi", to_string=True)
    pc = frame_pc()
with open(env["BENCH_GDB_OUT"], "w") as f:
    f.write("".join(f"{p:x}\n" for p in pcs))
gdb.execute("kill")
