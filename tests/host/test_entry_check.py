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


def test_x86_reload_of_a_saved_register_is_the_users():
    # pushq %rsi saved the user's value; reading its slot back (or popping it) returns it,
    # a slot pushed from a constant is clean, and the frame the CPU pushed is the user's
    listing = x86([("push", "%rsi"), ("push", "$0x0"), ("xor", "%esi,%esi"),
                   ("mov", "0x8(%rsp),%rsi"),		# the saved RSI
                   ("mov", "(%rsp),%rdx"),		# the pushed 0
                   ("mov", "0x10(%rsp),%rcx"),		# above what was pushed: the CPU's frame
                   ("pop", "%rbx"), ("pop", "%rbp"),	# 0, then the saved RSI
                   ("mov", "%gs:0x8,%r8"), ("call", "1 <f>")])
    dirty, why = entry_check.walk(listing, "f", {"rsi", "rdx", "rcx", "rbx", "rbp", "r8"},
                                  0x1000, "x86_64")
    assert why is None
    assert dirty == {"rsi", "rcx", "rbp"}


def test_x86_unmodelled_writes_take_their_sources():
    listing = x86([("xor", "%esi,%esi"), ("xor", "%ecx,%ecx"), ("xor", "%ebx,%ebx"),
                   ("xchg", "%rsi,%rdx"),		# RSI now holds RDX's user value
                   ("imul", "$0x1,%r8,%rcx"),		# three operands: from R8
                   ("shld", "%cl,%r9,%rbx"),		# from R9 (and RCX)
                   ("xor", "%edx,%edx"), ("xor", "%r8d,%r8d"), ("xor", "%r9d,%r9d"),
                   ("call", "1 <f>")])
    dirty, why = entry_check.walk(listing, "f", {"rsi", "rdx", "rcx", "rbx", "r8", "r9"},
                                  0x1000, "x86_64")
    assert why is None
    assert dirty == {"rsi", "rcx", "rbx"}


def test_x86_unknown_operandless_instruction_stops_the_walk():
    dirty, why = entry_check.walk(x86([("xlat", ""), ("call", "1 <f>")]), "f", set(), 0x1000,
                                  "x86_64")
    assert why and "unmodelled" in why


def test_arm64_unmodelled_writes_take_their_sources():
    regs = {"x1", "x2", "x3", "x4", "x5", "x6", "x7"}
    lines = [("mov", "x1, xzr"), ("mov", "x3, xzr"), ("mov", "x5, xzr"), ("mov", "x7, xzr"),
             ("lsl", "x1, x2, #3"), ("csel", "x3, x4, x3, eq"), ("madd", "x5, x6, x7, x5"),
             ("ldr", "x7, [sp, #16]"),			# a saved register from pt_regs
             ("mov", "x2, xzr"), ("mov", "x4, xzr"), ("mov", "x6, xzr"),
             ("bl", "ffff0 <handler>")]
    listing = [(0x2000 + 4 * i, mn, ops) for i, (mn, ops) in enumerate(lines)]
    dirty, why = entry_check.walk(listing, "handler", regs, 0x2000, "arm64")
    assert why is None
    assert dirty == {"x1", "x3", "x5", "x7"}


def test_swapgs_fence_on_every_path():
    # common_entry's kernel-mode half: js skips the swapgs; the lfence must be on both paths
    def listing(fence_before_label):
        label = "1006" if fence_before_label else "1005"	# the nop: "1:"
        lines = [("rdmsr", ""), ("test", "%edx,%edx"), ("js", f"{label} <x>"), ("swapgs", ""),
                 ("mov", "$0x1,%r12d")]
        lines += [("lfence", ""), ("nop", "")] if fence_before_label else [("nop", ""), ("lfence", "")]
        lines += [("mov", "%gs:0x10,%rax"), ("call", "1 <x86_handle_vector>")]
        return x86(lines)
    swaps, unfenced = entry_check.swapgs_fence_paths(listing(False))
    assert swaps == {0x1003} and not unfenced
    swaps, unfenced = entry_check.swapgs_fence_paths(listing(True))
    assert unfenced and "%gs" in unfenced[0]
