# SPDX-License-Identifier: GPL-2.0
"""scripts/entry_check.py's register walk on hand-made listings: it must see a register
left holding a user value (the check make check runs on the built kernels can fail)."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "scripts"))
import entry_check  # noqa: E402

ALL_X86 = set(entry_check.X86_REGS)


def x86(lines):
    return [(0x1000 + i, mn, ops) for i, (mn, ops) in enumerate(lines)]


def test_x86_clears_and_leftovers():
    listing = x86([("swapgs", ""), ("mov", "%rsp,%gs:0x10"), ("mov", "%gs:0x8,%rsp"),
                   ("push", "%rsi"), ("xor", "%esi,%esi"), ("push", "%rdx"),
                   ("mov", "%ebp,%ebp"),		# zero-extends: still the user's
                   ("mov", "%rsp,%rdi"), ("call", "ffffffff80001000 <do_it>")])
    dirty, why = entry_check.walk(listing, "do_it", set(ALL_X86), 0x1000, "x86_64")
    assert why is None
    assert "rsi" not in dirty and "rdi" not in dirty and "rsp" not in dirty
    assert {"rdx", "rbp", "rax"} <= dirty


def test_x86_follows_jumps_and_taints_copies():
    listing = x86([("xor", "%eax,%eax"), ("jmp", "1004 <x>"), ("xor", "%ebx,%ebx"),
                   ("nop", ""), ("mov", "%r8,%rax"), ("call", "1 <f>")])
    dirty, why = entry_check.walk(listing, "f", {"rax", "rbx", "r8"}, 0x1000, "x86_64")
    assert why is None
    assert dirty == {"rax", "rbx", "r8"}	# the jump skipped the xor; rax got r8's value


def test_x86_partial_write_does_not_clean():
    listing = x86([("xor", "%ax,%ax"), ("call", "1 <f>")])
    dirty, _ = entry_check.walk(listing, "f", {"rax"}, 0x1000, "x86_64")
    assert dirty == {"rax"}


def test_arm64_clear_and_missing():
    regs = set(entry_check.A64_REGS)
    lines = [("stp", "x0, x1, [sp]"), ("mrs", "x21, sp_el0"), ("mov", "x1, xzr"),
             ("mov", "w0, w0"), ("mov", "x0, sp"), ("bl", "ffff0 <handler>")]
    listing = [(0x2000 + 4 * i, mn, ops) for i, (mn, ops) in enumerate(lines)]
    dirty, why = entry_check.walk(listing, "handler", regs, 0x2000, "arm64")
    assert why is None
    assert "x0" not in dirty and "x1" not in dirty and "x21" not in dirty
    assert "x30" not in dirty			# bl writes it
    assert "x12" in dirty and "x2" in dirty
