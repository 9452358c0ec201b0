"""strace's everyday options for read.py: which records to show (-e trace=, -e status=),
fd paths (-y) from the trace's own history, timestamps (-tt, -T) and the -c summary.

-e trace= takes names and classes: %file (calls that take a path), %process (process
life: clone, exec, exit, wait, kill), %signal, %memory, %desc (calls that take an fd);
"!" before the list negates it. Classes are decided from the record: %file and %desc by
the decoded argument names (the kernel's metadata), the others by name.
"""
from . import fmt

PATH_ARGS = {"filename", "pathname", "path", "oldname", "newname", "name", "dir_name",
             "specialfile", "library", "oldpath", "newpath", "target"}
FD_ARGS = {"fd", "dfd", "oldfd", "newfd", "fd_in", "fd_out", "olddfd", "newdfd", "dirfd",
           "epfd", "out_fd", "in_fd"}
# strace's TD class by name, beyond what the argument names say (open and creat return one)
DESC_ALWAYS = {"open", "creat", "close", "dup", "dup2", "dup3", "pipe", "pipe2", "select",
               "_newselect", "pselect6", "poll", "ppoll", "epoll_create", "epoll_create1",
               "eventfd", "eventfd2", "signalfd", "signalfd4", "timerfd_create", "memfd_create",
               "inotify_init", "inotify_init1", "fanotify_init", "perf_event_open",
               "pidfd_open", "userfaultfd", "io_uring_setup"}
# names strace's TF class leaves out though an argument is called "name"
NOT_FILE = {"sethostname", "setdomainname", "init_module", "delete_module", "memfd_create"}
PROCESS = {"clone", "clone3", "fork", "vfork", "execve", "execveat", "exit", "exit_group",
           "wait4", "waitid", "waitpid", "kill", "tkill", "tgkill", "rt_sigqueueinfo",
           "rt_tgsigqueueinfo", "pidfd_open", "pidfd_send_signal", "unshare"}
SIGNAL = {"kill", "tkill", "tgkill", "rt_sigaction", "sigaction", "rt_sigprocmask",
          "sigprocmask", "rt_sigreturn", "sigreturn", "rt_sigsuspend", "sigsuspend",
          "rt_sigpending", "rt_sigtimedwait", "rt_sigqueueinfo", "sigaltstack", "signal",
          "pause", "signalfd", "signalfd4", "rt_tgsigqueueinfo", "pidfd_send_signal"}
MEMORY = {"brk", "mmap", "mmap2", "munmap", "mprotect", "mremap", "madvise", "mlock",
          "munlock", "mlockall", "munlockall", "msync", "mincore", "pkey_mprotect",
          "remap_file_pages", "mbind", "get_mempolicy", "set_mempolicy"}
FILE_ALWAYS = {"open", "openat", "openat2", "creat", "execve", "execveat", "stat", "lstat",
               "stat64", "lstat64", "newfstatat", "fstatat64", "statx", "access", "faccessat",
               "faccessat2", "chdir", "mkdir", "mkdirat", "unlink", "unlinkat", "rename",
               "renameat", "renameat2", "readlink", "readlinkat", "symlink", "symlinkat",
               "link", "linkat", "chmod", "fchmodat", "chown", "lchown", "fchownat", "truncate",
               "truncate64", "utimensat", "utime", "utimes", "rmdir", "mknod", "mknodat",
               "chroot", "statfs", "statfs64", "getxattr", "setxattr", "mount", "umount2",
               "umount", "getcwd"}


def _arg_names(rec):
    return {d.get("name") for d in rec.get("decoded") or () if d}


def in_class(rec, cls):
    name = rec.get("name") or ""
    if cls == "file":
        return name in FILE_ALWAYS or (name not in NOT_FILE and bool(_arg_names(rec) & PATH_ARGS))
    if cls == "desc":
        return bool(_arg_names(rec) & FD_ARGS) or name in DESC_ALWAYS
    return name in {"process": PROCESS, "signal": SIGNAL, "memory": MEMORY}.get(cls, ())


class TraceFilter:
    """-e trace=SET: which syscall records to show (others are hidden, not dropped)."""

    CLASSES = ("file", "process", "signal", "memory", "desc")

    def __init__(self, spec):
        self.negate = spec.startswith("!")
        spec = spec[1:] if self.negate else spec
        self.names, self.classes = set(), set()
        for item in filter(None, spec.split(",")):
            if item.startswith("%"):
                if item[1:] not in self.CLASSES:
                    raise ValueError(f"unknown class {item} (known: "
                                     + ", ".join("%" + c for c in self.CLASSES) + ")")
                self.classes.add(item[1:])
            elif item == "all":
                self.names.add(None)
            else:
                self.names.add(item)

    def wants(self, rec):
        hit = None in self.names or rec.get("name") in self.names or any(
            in_class(rec, c) for c in self.classes)
        return hit != self.negate


def failed(rec):
    """-e status=failed: an error result (a call that never returned is neither)."""
    return rec.get("errno") is not None and rec.get("ret") is not None


def pad_pid(line):
    """strace's [pid %5u] prefix: [pid 5] -> [pid     5]."""
    if line.startswith("[pid "):
        num, sep, rest = line[5:].partition("]")
        if sep and num.isdigit():
            return f"[pid {int(num):5d}]{rest}"
    return line


# ---- -y: fd paths from the trace's own history ------------------------------------------
OPENS = {"open", "openat", "openat2", "creat"}
DUPS = {"dup", "dup2", "dup3"}


def returns_fd(rec):
    """Whether a syscall record's result is a new fd (-y shows its path too)."""
    name = rec.get("name")
    if name in ("fcntl", "fcntl64"):
        return any(d and d.get("name") == "cmd" and "F_DUPFD" in str(d.get("value"))
                   for d in rec.get("decoded") or ())
    return name in OPENS or name in DUPS


def _unquote(v):
    v = str(v or "")
    if v.endswith("..."):
        v = v[:-3]
    return v[1:-1] if len(v) >= 2 and v[0] == '"' and v[-1] == '"' else None


class FdPaths:
    """Each process's fd table as the trace shows it: open* results, dup*, F_DUPFD*, pipe*,
    close; a child starts with a copy of its parent's (fork records, or clone results);
    exec keeps it (O_CLOEXEC fds are dropped). Relative paths are joined to the directory
    of the last chdir the trace saw (else left relative)."""

    def __init__(self):
        self.fds = {}       # pid -> {fd: path}
        self.cwd = {}       # pid -> directory
        self.cloexec = {}   # pid -> {fd}

    def table(self, pid):
        return self.fds.setdefault(pid, {})

    def path_of(self, pid, fd):
        return self.fds.get(pid, {}).get(fd)

    def _abs(self, pid, path, base=None):
        """path made absolute: under base (an openat dirfd's path) or the last chdir."""
        if path.startswith("/"):
            return path
        base = base if base is not None else self.cwd.get(pid)
        if base is None:
            return path
        return base.rstrip("/") + "/" + path

    def _dirfd(self, pid, vals):
        """The path of an *at call's directory fd (None for AT_FDCWD or one not known)."""
        v = (vals.get("dfd") or vals.get("dirfd") or {}).get("value")
        fd = _int(v)
        return self.path_of(pid, fd) if fd is not None else None

    def _set_cloexec(self, pid, fd, on):
        """A new or changed fd's close-on-exec flag (a reused number starts clear)."""
        s = self.cloexec.setdefault(pid, set())
        if on:
            s.add(fd)
        else:
            s.discard(fd)

    def fork(self, parent, child):
        self.fds[child] = dict(self.fds.get(parent, {}))
        if parent in self.cwd:
            self.cwd[child] = self.cwd[parent]
        self.cloexec[child] = set(self.cloexec.get(parent, ()))

    def see(self, rec):
        """Update the tables from one record (call after printing it)."""
        typ = rec.get("type")
        if typ == "fork":
            self.fork(rec.get("pid"), rec.get("child_pid"))
            return
        if typ != "syscall" or rec.get("ret") is None or rec.get("errno"):
            return
        pid, name, ret = rec.get("pid"), rec.get("name"), rec.get("ret")
        dec = rec.get("decoded") or []
        vals = {d.get("name"): d for d in dec if d}
        t = self.table(pid)
        cloexec = self.cloexec.setdefault(pid, set())
        flags = str((vals.get("flags") or {}).get("value") or "")
        cmd = str((vals.get("cmd") or {}).get("value"))
        if name in OPENS:
            p = _unquote((vals.get("filename") or vals.get("pathname") or {}).get("value"))
            if p is not None:
                t[ret] = self._abs(pid, p, self._dirfd(pid, vals))
                self._set_cloexec(pid, ret, "O_CLOEXEC" in flags)
        elif name in DUPS or (name in ("fcntl", "fcntl64") and "F_DUPFD" in cmd):
            old = _int((vals.get("oldfd") or vals.get("fildes") or vals.get("fd") or {})
                       .get("value"))
            if old in t:
                t[ret] = t[old]
            # dup and dup2 clear close-on-exec on the new fd; dup3 and F_DUPFD_CLOEXEC say
            self._set_cloexec(pid, ret, "O_CLOEXEC" in flags or cmd == "F_DUPFD_CLOEXEC")
        elif name in ("fcntl", "fcntl64") and cmd == "F_SETFD":
            fd = _int((vals.get("fd") or {}).get("value"))
            self._set_cloexec(pid, fd, "FD_CLOEXEC" in str((vals.get("arg") or {})
                                                              .get("value")))
        elif name == "close":
            fd = _int((vals.get("fd") or {}).get("value"))
            t.pop(fd, None)
            cloexec.discard(fd)
        elif name in ("pipe", "pipe2"):
            v = str((vals.get("fildes") or {}).get("value") or "")
            if v.startswith("["):
                for fd in (_int(x) for x in v.strip("[]").split(",")):
                    if fd is not None:
                        t[fd] = "pipe"
                        self._set_cloexec(pid, fd, "O_CLOEXEC" in flags)
        elif name == "chdir":
            p = _unquote((vals.get("filename") or {}).get("value"))
            if p is not None:
                self.cwd[pid] = self._abs(pid, p)
        elif name in ("clone", "fork", "vfork", "clone3") and ret > 0:
            if ret not in self.fds:
                self.fork(pid, ret)
        elif name in ("execve", "execveat"):
            for fd in self.cloexec.pop(pid, set()):
                t.pop(fd, None)

    def annotate(self, rec):
        """A copy of a syscall record whose fd arguments (and fd result) carry <path>."""
        pid = rec.get("pid")
        if rec.get("type") != "syscall" or pid not in self.fds:
            return rec
        r = dict(rec)
        if r.get("decoded"):
            out = []
            for d in r["decoded"]:
                fd = _int(d.get("value")) if d and d.get("kind") == "fd" else None
                path = self.path_of(pid, fd) if fd is not None else None
                if path is not None:
                    d = dict(d, value=f"{d['value']}<{path}>")
                out.append(d)
            r["decoded"] = out
        return r


def _int(v):
    try:
        return int(str(v), 0)
    except (TypeError, ValueError):
        return None


# ---- -tt, -T --------------------------------------------------------------------------
def seconds(ticks, cycles_per_sec):
    if ticks is None or not cycles_per_sec:
        return None
    return ticks / cycles_per_sec


def clock_text(ts, cycles_per_sec, start):
    """-tt: the time since the trace's first record as HH:MM:SS.uuuuuu (the guest has no
    wall clock in the record; strace prints the time of day)."""
    s = seconds(ts - start, cycles_per_sec) if ts is not None and start is not None else None
    if s is None:
        return "??:??:??.??????"
    us = int(round(s * 1e6))
    h, rem = divmod(us, 3600 * 10**6)
    m, rem = divmod(rem, 60 * 10**6)
    sec, us = divmod(rem, 10**6)
    return f"{h:02d}:{m:02d}:{sec:02d}.{us:06d}"


def duration_text(rec, cycles_per_sec):
    s = seconds(rec.get("cycles"), cycles_per_sec)
    if s is None and rec.get("dur_us") is not None:
        s = rec["dur_us"] / 1e6
    return " <?>" if s is None else f" <{s:.6f}>"


# ---- -c -----------------------------------------------------------------------------
def summary(recs, cycles_per_sec):
    """strace -c's table: % time, seconds, usecs/call, calls, errors, syscall; busiest first.
    Times are the records' own cost (cycles / cycles_per_sec; a Linux trace's dur_us)."""
    rows = {}
    for r in recs:
        if r.get("type") != "syscall":
            continue
        row = rows.setdefault(fmt.syscall_name(r), [0.0, 0, 0])
        secs = seconds(r.get("cycles"), cycles_per_sec)
        if secs is None and r.get("dur_us") is not None:       # a Linux column's strace -T
            secs = r["dur_us"] / 1e6
        row[0] += secs or 0.0
        row[1] += 1
        row[2] += 1 if r.get("errno") else 0
    total = sum(v[0] for v in rows.values())
    line = "------ ----------- ----------- --------- --------- ----------------"
    out = ["% time     seconds  usecs/call     calls    errors syscall", line]
    for name, (secs, calls, errs) in sorted(rows.items(), key=lambda kv: (-kv[1][0], -kv[1][1],
                                                                          kv[0])):
        pct = 100.0 * secs / total if total else 0.0
        out.append(f"{pct:6.2f} {secs:11.6f} {int(secs * 1e6 / calls):11d} {calls:9d} "
                   f"{errs if errs else '':>9} {name}")
    out.append(line)
    calls = sum(v[1] for v in rows.values())
    errs = sum(v[2] for v in rows.values())
    out.append(f"{100.0 if total else 0.0:6.2f} {total:11.6f} "
               f"{int(total * 1e6 / calls) if calls else 0:11d} {calls:9d} "
               f"{errs if errs else '':>9} total")
    return out
