"""The few text forms every decoder shares, in one place so they cannot drift apart.

strace prints an address as NULL or hex (ptr), a number in C's %#x as 0 or hex (chex: C
prints no 0x before a zero, Python does), and a value no name covers as
`0x7 /* SIG_??? */` (unknown). The capture flags of ferry_trace.h (FTR_CAP_TRUNCATED,
FTR_CAP_FAULT) are named here too, for args.py and calls.py.
"""
CAP_TRUNCATED, CAP_FAULT = 0x1, 0x2


def ptr(v):
    """An address: NULL or 0x..."""
    return "NULL" if not v else hex(v)


def chex(v):
    """C's %#x: 0 for zero, else 0x..."""
    return hex(v) if v else "0"


def unknown(v, prefix, width=32):
    """strace's text of a constant with no name: 0x7 /* SIG_??? */ (cut to width bits)."""
    return f"{chex(v & ((1 << width) - 1))} /* {prefix}_??? */"


def usable(cap):
    """The capture is there and its copy did not fault."""
    return cap is not None and not cap.flags & CAP_FAULT
