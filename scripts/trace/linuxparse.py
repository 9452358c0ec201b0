"""Parse Linux tools' syscall logs into Ferry trace records (the "real Linux" column).

Two formats, as produced on Debian 12 (QEMU 7.2, strace 6.1):

  qemu-user -strace (or -d strace -D LOG):
      12345 write(1,0x4000a0,3) = 3
      12345 openat(-100,"/x",O_RDONLY) = -1 errno=2 (No such file or directory)
      12345 exit_group(0)                                  (no result)
      12345 Unknown syscall 451                            (no arguments, no result)
      --- SIGILL {si_signo=SIGILL, si_code=2, si_addr=0x0804919d} ---
    qemu-arm prints the arm EABI's names (_llseek, mmap2, getuid32, clock_gettime64, ...;
    "Unknown syscall 341" for arm_sync_file_range, 404 clock_settime64) and a decoded
    result after the value ("= 0 ({tv_sec = 1,tv_nsec = 2})"); ARM's private calls
    (r7 = 0x0f0000 + n: set_tls, cacheflush) it handles itself and never logs.
  strace -f [-ttt] [-T] -o FILE:
      12345 [1700000000.123456 ]write(1, "hi\\n", 3) = 3 [<0.000010>]
      12345 openat(AT_FDCWD, "/x", O_RDONLY) = -1 ENOENT (No such file or directory)
      12345 syscall_0x1c3(0, 0, 0, 0, 0, 0) = -1 ENOSYS (Function not implemented)
      12345 read(0, <unfinished ...>  /  12345 <... read resumed>"x", 1) = 1
      12345 --- SIGSEGV {si_signo=SIGSEGV, ...} ---
      12345 +++ exited with 0 +++   /   12345 +++ killed by SIGSEGV +++

Arguments become "decoded" entries whose kind is known only where the text says so: a
quoted string is "str" (truncated when followed by "..."), NULL is a "ptr"; anything else
has kind null, which the comparison treats as "unknown, compatible unless provably
different". Results become the raw signed value (-1 ENOENT -> ret -2, errno "ENOENT").
"""
import re

from . import tables as tbl

_PID = re.compile(r"^(\d+)\s+")
_TS = re.compile(r"^(\d+\.\d+|\d\d:\d\d:\d\d(?:\.\d+)?)\s+")
_NAME = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\(")
_RESUMED = re.compile(r"^<\.\.\. ([A-Za-z_][A-Za-z0-9_]*) resumed>\s?")
_DUR = re.compile(r"\s*<(\d+\.\d+)>\s*$")
_QEMU_ERR = re.compile(r"^-1 errno=(\d+)(?: \((.*)\))?$")
_STRACE_ERR = re.compile(r"^-1 (E[A-Z0-9]+)(?: \((.*)\))?$")
# strace's interrupted call: "= ? ERESTARTSYS (To be restarted if SA_RESTART is set)".
_STRACE_RESTART = re.compile(r"^\? (ERESTART[A-Z_]*)(?: \((.*)\))?$")
# qemu-user 7.2's own codes in its log: 512 (QEMU_ERESTARTSYS, "To be restarted": qemu will
# restart the call itself, whatever Linux's code would have been) and 513 (QEMU_ESIGRETURN,
# "Successful exit from sigreturn": sigreturn's registers are not shown). Neither is a result:
# unknown, like strace's "= ?".
QEMU_OWN_CODES = (512, 513)
# qemu-user names signal 6 SIGIOT where strace and Ferry say SIGABRT (the same number).
QEMU_SIGNAL_ALIASES = {"SIGIOT": "SIGABRT"}
# strace -f's "[ Process PID=N runs in 32 bit mode. ]": the ABI the process changed to, by the
# host's arch family (an arm64 host runs arm programs as 32-bit processes).
PERSONALITY = {False: {"32": "i386", "64": "x86_64"}, True: {"32": "arm", "64": "arm64"}}


def split_args(text):
    """Split an argument list at top-level commas (quotes, brackets and comments respected)."""
    out, cur, depth, i, n = [], [], 0, 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            cur.append(text[i:j + 1])
            i = j + 1
            continue
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            cur.append(text[i:j])
            i = j
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        if c == "," and depth == 0:
            out.append("".join(cur).strip())
            cur = []
        else:
            cur.append(c)
        i += 1
    last = "".join(cur).strip()
    if last or out:
        out.append(last)
    return out


def close_paren(text, start):
    """Index of the ")" closing the "(" just before start, or -1 (quotes respected)."""
    depth, i, n = 1, start, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            i += 1
            while i < n and text[i] != '"':
                i += 2 if text[i] == "\\" else 1
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def decoded_arg(text):
    """A parsed argument as a decoded entry (kind only where the text proves it)."""
    kind, trunc = None, False
    if text.startswith('"'):
        kind = "str"
        trunc = text.endswith('"...')
    elif text == "NULL":
        kind = "ptr"
    return {"name": None, "type": None, "kind": kind, "value": text, "truncated": trunc}


# Calls whose 64-bit offset travels in two registers (high, low) that qemu-user prints as two
# numbers and strace (and Ferry's host decoder, scripts/trace/decode/calls.py) as one:
# name -> (index of the high half, index of the low half).
SPLIT_OFFSETS = {"_llseek": (1, 2), "llseek": (1, 2)}


def merge_split_offset(name, args):
    """qemu-user's `_llseek(4, 0, 1, 0x408005b0, SEEK_SET)` as strace's `_llseek(4, 1, ...)`."""
    hi_lo = SPLIT_OFFSETS.get(name)
    if not hi_lo or args is None or len(args) != 5:
        return args
    hi, lo = (_int(args[i]) for i in hi_lo)
    if hi is None or lo is None:
        return args
    merged = str(_signed((hi & 0xffffffff) << 32 | (lo & 0xffffffff)))
    return args[:hi_lo[0]] + [merged] + args[hi_lo[1] + 1:]


def _int(text):
    try:
        return int(text, 0)
    except ValueError:
        return None


def _signed(v, bits=64):
    if v is not None and v >= 1 << (bits - 1):
        v -= 1 << bits
    return v


class _Builder:
    """Turns parsed lines into records with the right abi, nr and errno."""

    def __init__(self, abi, probe, tables):
        self.abi, self.probe, self.t = abi, probe, tables
        self.seq = 0
        self.records = []
        self.abi_of_pid = {}

    def syscall(self, pid, name, args, result, ts=None, dur=None, nr=None):
        self.seq += 1
        abi = self.abi_of_pid.get(pid, self.abi)
        if name is not None and name.startswith("syscall_0x"):
            nr, name = _signed(_int(name[len("syscall_"):])), None
        if name is not None and nr is None:
            nr = self.t.nr(abi, name)
        ret, errno = self.result(result)
        args = merge_split_offset(name, args)
        rec = {"type": "syscall", "seq": self.seq, "ts": ts, "pid": pid, "tid": pid,
               "comm": (self.probe or "")[:15] or None, "abi": abi,
               "route": tbl.DEFAULT_ROUTE.get(abi), "nr": nr, "name": name, "args": [],
               "decoded": None if args is None else [decoded_arg(a) for a in args],
               "ret": ret, "errno": errno, "cycles": None, "insns": None}
        if dur is not None:
            rec["dur_us"] = dur
        self.records.append(rec)
        return rec

    def result(self, text):
        """(ret, errno) from a result text; (None, None) when there is none ("?")."""
        if text is None:
            return None, None
        text = text.strip()
        m = _QEMU_ERR.match(text)
        if m:
            num = int(m.group(1))
            if num in QEMU_OWN_CODES:	# qemu's own markers, not a result the kernel gave
                return None, None
            return -num, self.t.errno_name(num) or f"E{num}"
        m = _STRACE_RESTART.match(text)
        if m and self.t.errno_number(m.group(1)):
            return -self.t.errno_number(m.group(1)), m.group(1)
        m = _STRACE_ERR.match(text)
        if m:
            num = self.t.errno_number(m.group(1))
            return (-num if num else -1), m.group(1)
        head = text.split(" ", 1)[0]
        if head == "?":
            return None, None
        v = _int(head)
        return (_signed(v) if v is not None else None), None

    def event(self, rec):
        self.seq += 1
        rec["seq"] = self.seq
        self.records.append(rec)


def _call(rest):
    """(name, args, result-or-None) from "name(args) = result", or None if not a call."""
    m = _NAME.match(rest)
    if not m:
        return None
    end = close_paren(rest, m.end())
    if end < 0:
        return None
    after = rest[end + 1:].strip()
    result = after[1:].strip() if after.startswith("=") else None
    return m.group(1), split_args(rest[m.end():end]), result


_QEMU_BARE = re.compile(r"^ = (.*)$")
_QEMU_NEXT = re.compile(r"^(\d+) ")
NO_RETURN = ("exit", "exit_group")
FORKS = ("fork", "vfork", "clone", "clone3")


def _qemu_segments(line):
    """[(pid, text)] of one log line: qemu-user prints "PID call(args)" and the " = result"
    separately, so the processes of a forking program interleave: "P wait4(...)C
    exit_group(0)" is two calls, and a line " = 5" a result (pid None) whose call was
    printed without one."""
    out = []
    m = _QEMU_BARE.match(line)
    if m:
        return [(None, m.group(1))]
    while line:
        m = _PID.match(line)
        if not m:
            break
        pid, rest = int(m.group(1)), line[m.end():]
        nm = _NAME.match(rest)
        close = close_paren(rest, nm.end()) if nm else -1
        after = rest[close + 1:] if close >= 0 else ""
        nxt = _QEMU_NEXT.match(after)
        if close >= 0 and nxt and _NAME.match(after[nxt.end():]):
            out.append((pid, rest[:close + 1]))
            line = after
            continue
        out.append((pid, rest))
        break
    return out


def _uncertain(rec):
    if rec.get("name") in FORKS and isinstance(rec.get("ret"), int) and rec["ret"] > 0:
        rec["lost"] = rec["ret"]            # checked at the end of parse_qemu
    rec["ret"], rec["errno"] = None, None


def parse_qemu(text, abi, probe=None, tables=None, exec_ok=()):
    """Records from qemu-user's -strace output (lines that are not strace lines are skipped).

    Several processes write into one log, each printing a call and, when it returns, its
    result: their lines interleave (see _qemu_segments). The rules: a call printed without
    a result waits for a line " = X", which goes to the oldest waiting call; a fork child's
    own return from the fork (" = 0", printed by the child) is no call of its own. Where the
    log cannot say which result is whose, the result becomes unknown (ret null, strace's
    "= ?", compatible with any result) rather than a wrong one: a result line with two calls
    waiting, a child's fork return (0) that got appended to another call's line (seen when
    the child's first call comes and its " = 0" was not), and a result line with no call
    waiting (it was appended to another call's line: the calls since the processes last
    took turns lose their results). A fork whose line shows 0 got its child's " = 0": it
    waits for its result, and the first line of a pid not seen before names the child of the
    oldest fork still waiting (that line's own result is unknown: it may be the fork's).

    exec_ok: pids whose exec worked (linux_script.py: the new program logged elsewhere). An
    exec such a process printed without a result returned 0 (the old program never prints
    it) and waits for no result line.
    """
    b = _Builder(abi, probe, tables or tbl.load())
    pending = []          # calls printed without their result, oldest first
    owed = {}             # fork child pid: index of the fork's record (its " = 0" not seen)
    last_switch = 0       # index of the first record after the log last changed process
    seen = set()          # pids that have printed a call
    for line in text.splitlines():
        line = line.rstrip()
        if line.startswith("--- ") and line.endswith(" ---"):
            body = line[4:-4]
            sig, _, info = body.partition(" ")
            sig = QEMU_SIGNAL_ALIASES.get(sig, sig)
            b.event({"type": "signal", "pid": None, "signal": sig, "info": info or None})
            continue
        for pid, rest in _qemu_segments(line):
            if pid is None:                         # " = X"
                if pending:
                    rec = pending.pop(0)
                    ret, errno = b.result(rest)
                    rec["ret"], rec["errno"] = ret, errno
                    if pending:
                        _uncertain(rec)
                elif owed and b.result(rest)[0] == 0:
                    owed.pop(next(iter(owed)))
                else:
                    for rec in b.records[last_switch:]:
                        if rec.get("type") == "syscall" and rec.get("name") not in NO_RETURN:
                            _uncertain(rec)
                continue
            glued = False
            if pid not in seen:                     # a new process: some fork's child
                seen.add(pid)
                fork = next((r for r in pending if r.get("name") in FORKS), None)
                if fork is not None and b.records:
                    pending.remove(fork)            # its result went to this child's line
                    fork["ret"], glued = pid, True
            if pid in owed:                         # the child's " = 0" went to another line
                for rec in b.records[owed.pop(pid) + 1:]:
                    if rec.get("type") == "syscall" and rec.get("ret") == 0 and rec["pid"] != pid:
                        _uncertain(rec)
            if b.records and b.records[-1].get("pid") != pid:
                last_switch = len(b.records)
            if rest.startswith("Unknown syscall "):
                nr = _int(rest[len("Unknown syscall "):].strip())
                b.syscall(pid, None, None, None, nr=nr)
                continue
            call = _call(rest)
            if not call:
                continue
            name, args, result = call
            rec = b.syscall(pid, name, args, result)
            if name in FORKS and rec["ret"] == 0:   # the child's " = 0", not the parent's
                rec["ret"], result = None, None
            if (glued and result is not None) or (
                    name in ("execve", "execveat") and isinstance(rec["ret"], int) and rec["ret"] > 0):
                _uncertain(rec)                     # an execve returns 0 or an error, never a pid
            if result is None and name in ("execve", "execveat") and pid in exec_ok:
                rec["ret"] = 0
            elif result is None and name not in NO_RETURN:
                pending.append(rec)
            if (name in FORKS and isinstance(rec["ret"], int) and rec["ret"] > 0
                    and not any("CLONE_VM" in a or "CLONE_THREAD" in a for a in args)):
                owed[rec["ret"]] = len(b.records) - 1
    # A fork's result is the child's pid: where the log made it unknown, the pid the child's
    # own lines carry next after it (and no fork already names) is the result.
    named = {r["ret"] for r in b.records if r.get("name") in FORKS and isinstance(r.get("ret"), int)}
    for n, rec in enumerate(b.records):
        if rec.get("name") in FORKS and rec.get("ret") is None and "lost" in rec:
            if rec["lost"] in named or not any(r.get("pid") == rec["lost"] for r in b.records[n:]):
                continue
            rec["ret"] = rec["lost"]
            named.add(rec["lost"])
    for rec in b.records:
        rec.pop("lost", None)
    return b.records


def parse_strace(text, abi, probe=None, tables=None):
    """Records from strace -f -o output (with or without -ttt and -T)."""
    b = _Builder(abi, probe, tables or tbl.load())
    pending = {}          # pid -> (ts, text so far) of an <unfinished ...> call
    for line in text.splitlines():
        line = line.rstrip()
        pm = re.match(r"^\[ Process PID=(\d+) runs in (32|64) bit mode\. \]$", line)
        if pm:
            b.abi_of_pid[int(pm.group(1))] = PERSONALITY[abi in ("arm64", "arm")][pm.group(2)]
            continue
        m = _PID.match(line)
        pid, rest = (int(m.group(1)), line[m.end():]) if m else (None, line)
        ts = None
        tm = _TS.match(rest)
        if tm and "." in tm.group(1) and ":" not in tm.group(1):
            ts = int(round(float(tm.group(1)) * 1e6))
            rest = rest[tm.end():]
        elif tm:
            rest = rest[tm.end():]
        if rest.startswith("+++ "):
            body = rest.strip("+ ")
            if body.startswith("exited with "):
                b.event({"type": "exit", "pid": pid, "status": _int(body.split()[2]),
                         "ts": ts})
            elif body.startswith("killed by "):
                b.event({"type": "exit", "pid": pid, "status": None,
                         "signal": body.split()[2], "ts": ts})
            continue
        if rest.startswith("--- ") and rest.endswith(" ---"):
            sig, _, info = rest[4:-4].partition(" ")
            b.event({"type": "signal", "pid": pid, "signal": sig, "info": info or None,
                     "ts": ts})
            continue
        if rest.endswith("<unfinished ...>"):
            pending[pid] = (ts, rest[:-len("<unfinished ...>")].rstrip())
            continue
        rm = _RESUMED.match(rest)
        if rm:
            ts0, head = pending.pop(pid, (ts, rm.group(1) + "("))
            tail = rest[rm.end():]
            sep = ("" if head.endswith("(") or tail.startswith((")", ","))
                   else " " if head.endswith(",") else ", ")
            rest, ts = head + sep + tail, ts0
        dur = None
        dm = _DUR.search(rest)
        if dm:
            dur = int(round(float(dm.group(1)) * 1e6))	# whole microseconds (an int field)
            rest = rest[:dm.start()]
        call = _call(rest)
        if call:
            name, args, result = call
            b.syscall(pid, name, args, result, ts=ts, dur=dur)
    return thread_groups(b.records)


def thread_groups(recs):
    """strace -f names each line by its thread's id: the records of a thread that a clone
    with CLONE_THREAD created get their process's id as "pid" and keep the thread's as
    "tid". Done after the whole log, since a new thread's first lines may come before the
    clone's result in its creator. A thread's own thread inherits the same process."""
    group = {}
    for r in recs:
        if (r.get("type") == "syscall" and r.get("name") in ("clone", "clone3")
                and isinstance(r.get("ret"), int) and r["ret"] > 0
                and any("CLONE_THREAD" in str(d.get("value") or "") for d in r.get("decoded") or ())):
            group[r["ret"]] = r.get("pid")
    def leader(tid):
        seen = set()
        while tid in group and tid not in seen:
            seen.add(tid)
            tid = group[tid]
        return tid
    for r in recs:
        if r.get("pid") in group:
            tid = r["pid"]
            r["pid"] = leader(tid)
            if r.get("type") == "syscall":
                r["tid"] = tid
    return recs
