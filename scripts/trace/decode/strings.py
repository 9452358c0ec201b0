"""strace's quoting of strings and buffers: "hi\\n", octal for other bytes, cut at -s 32.

Printable ASCII stays as it is; \\t \\n \\v \\f \\r \\" \\\\ are escaped; any other byte is an
octal escape, as short as it can be unless an octal digit follows (then three digits, so
the escape cannot swallow the digit). A string longer than the limit prints its first
MAX_STRLEN bytes and "..." after the closing quote.
"""
MAX_STRLEN = 32
ESCAPES = {0x09: "\\t", 0x0a: "\\n", 0x0b: "\\v", 0x0c: "\\f", 0x0d: "\\r", 0x22: '\\"',
           0x5c: "\\\\"}


def quote(data, truncated=False, limit=MAX_STRLEN, hex_all=False):
    """(strace's text of the bytes, whether it was cut). hex_all: every byte as \\xNN, as
    strace prints random bytes (getrandom's buffer)."""
    cut = truncated or len(data) > limit
    data = data[:limit]
    out = ['"']
    for i, c in enumerate(data):
        if hex_all:
            out.append("\\x%02x" % c)
        elif c in ESCAPES:
            out.append(ESCAPES[c])
        elif 0x20 <= c < 0x7f:
            out.append(chr(c))
        elif i + 1 < len(data) and 0x30 <= data[i + 1] <= 0x37:
            out.append("\\%03o" % c)
        else:
            out.append("\\%o" % c)
    out.append('"')
    if cut:
        out.append("...")
    return "".join(out), cut


def quote_c_string(data, truncated=False, limit=MAX_STRLEN):
    """A NUL-terminated string: only the bytes before the first NUL."""
    nul = data.find(b"\0")
    if nul >= 0:
        data = data[:nul]
    return quote(data, truncated, limit)
