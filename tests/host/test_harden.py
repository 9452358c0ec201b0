"""SMAP's window is the uaccess layer's alone (docs/hardening.md): stac/clac, and the
__uaccess_begin/__uaccess_end that open and close it, appear only in the files that implement
user-memory access; the entry code may close the window (ASM_CLAC) but never open it."""
import os
import re

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SOURCE_DIRS = ("arch", "drivers", "fs", "include", "init", "kernel", "lib", "mm")

OPENS = re.compile(r"\bstac\s*\(|\b__uaccess_begin\s*\(|\bASM_STAC\b|\bstac\b\s*(\\n|\")"
                   r"|0x0f,\s*0x01,\s*0xcb")
CLOSES = re.compile(r"\bclac\s*\(|\b__uaccess_end\s*\(|\bASM_CLAC\b|\bclac\b\s*(\\n|\")"
                    r"|0x0f,\s*0x01,\s*0xca")

# The uaccess layer (and the definitions and the patcher of the sites).
MAY_OPEN = {
    "arch/x86/include/asm/smap.h", "arch/x86/kernel/cpu/smap.c",
    "arch/x86/include/asm/uaccess.h", "arch/arm64/include/asm/uaccess.h",
    "include/linux/uaccess.h", "lib/usercopy.c",
    "arch/x86/include/asm/futex.h", "arch/x86/kernel/fpu_signal.c",
}
# ... and the entries from user mode and interrupts, which only close it.
MAY_CLOSE = MAY_OPEN | {"arch/x86/entry/entry_64.S", "arch/x86/entry/entry_64_compat.S"}


def sources():
    for d in SOURCE_DIRS:
        for root, _, files in os.walk(os.path.join(TOP, d)):
            for f in files:
                if f.endswith((".c", ".h", ".S")):
                    path = os.path.join(root, f)
                    yield os.path.relpath(path, TOP), open(path, errors="replace").read()


def without_comments(text):
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def offenders(pattern, allowed):
    return sorted(f"{rel}: {m.group(0)!r}" for rel, text in sources() if rel not in allowed
                  for m in pattern.finditer(without_comments(text)))


def test_only_the_uaccess_layer_opens_the_smap_window():
    assert offenders(OPENS, MAY_OPEN) == []


def test_only_the_uaccess_layer_and_entries_close_it():
    assert offenders(CLOSES, MAY_CLOSE) == []


def test_every_interrupt_gate_entry_closes_it():
    """The IDT gates leave AC as it was: common_entry and the int $0x80 entry must clac."""
    for rel, label in (("arch/x86/entry/entry_64.S", "common_entry:"),
                       ("arch/x86/entry/entry_64_compat.S", "entry_INT80_compat:")):
        text = without_comments(open(os.path.join(TOP, rel)).read())
        body = text.split(label, 1)[1]
        first = [ln.strip() for ln in body.splitlines() if ln.strip()][:3]
        assert "ASM_CLAC" in first, f"{rel} {label} starts {first}"
