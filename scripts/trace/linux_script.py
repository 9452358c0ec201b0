#!/usr/bin/env python3
"""The "real Linux" column of a script: run the userland's busybox on a script, as Ferry's rcS
does, under native strace -f and under qemu-user, every process it forks traced.

  linux_script.py --cpio USERLAND.cpio --abi ABI --script NAME [--out DIR]
                  [--via qemu-user,strace] [--keep-logs] [--timeout SEC]

Writes DIR/<abi>-<NAME>.<via>.jsonl (default DIR build/trace/linux): the records of the
script's shell and its descendants (script_tree.py), header "probe" "sh:NAME".

Where the script runs: a chroot of the very cpio the Ferry column boots, unpacked (inside
the namespaces, into a ramfs, in the archive's order as a kernel unpacks its initramfs), so every path the script and busybox touch is the guest's (/bin/busybox,
/usr/share/scripts/NAME, /tmp/run/NAME, /proc) and the traces print the same file names as
Ferry's. Rewriting paths instead would have left every open/stat/exec line different. The
chroot lives in namespaces of its own (unshare: user, mount, pid, uts; uids and gids 0-65535
mapped as themselves when run as root, so su to nobody works as on a booted kernel; run as
another user, only that user is mapped, as root, and su fails), so nothing on the host
changes: /proc is that pid namespace's, /tmp a tmpfs, /dev a
tmpfs with the host's null, zero, full, random, urandom and tty bound in (Linux's devtmpfs
cannot be mounted from a user namespace), the host name the userland's /etc/hostname. Then,
as rcS does: `cd /tmp/run/NAME && exec env -i PATH=... /bin/sh /usr/share/scripts/NAME`,
stdin /dev/null, stderr into stdout.

  strace     strace -f -ttt -T -s 256 of the chroot command, inside the namespaces (so the
             pids it prints are the ones fork returns there); x86_64 on an x86_64 host, arm64
             and arm on an arm64 one; script_tree keeps the script's processes.
  qemu-user  busybox re-executes itself for most applets (execve("/proc/self/exe",
             ["wc", "-l"])), and a program another qemu-user process execs would run on the
             host's kernel, which cannot run it. So the namespace gets a binfmt_misc of its
             own (Linux >= 6.7 gives each user namespace one) in which the ABI's ELF
             executables are run by qemu-user: flags F (the emulator opened now, so it
             works inside the chroot) and P (argv[0] kept: busybox picks the applet by it).
             The emulator is the static build of Debian's qemu-user-static (same QEMU 7.2
             as qemu-user; a dynamic one would need the host's libraries inside the chroot),
             unpacked from `apt-get download qemu-user-static` into ~/.cache/ferry/, never
             installed (installing it registers emulators for the whole host). The
             interpreter binfmt_misc runs is qemu_log_exec.c (built static here), which
             starts the emulator with a log of its own, /.qemu-strace/ql.<pid>.<n> inside
             the chroot (QEMU_LOG=strace): a program exec'd starts a new emulator and a
             new log, even in a process that execs twice; fork children share their
             parent's. QEMU_LOG and QEMU_LOG_FILENAME are in the script's environment too
             (qemu-user passes its own on, which is how the children's emulators get
             them): the only thing the script can see that Ferry lacks, with the
             /.qemu-strace folder (the emulator and the wrapper are in it).
             For x86_64 only static executables (ET_EXEC) are emulated, so the host's own
             chroot and mount programs still run natively.
"""
import argparse
import os
import platform
import pty
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time

if not __package__:
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import _boot
    _boot.package()
    __package__ = "ferrytrace"

from . import linux, linuxparse, procs, script_tree  # noqa: E402

# The environment rcS gives a script (userspace/rootfs/etc/init.d/rcS).
SCRIPT_ENV = ("PATH=/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root", "USER=root", "LOGNAME=root",
              "SHELL=/bin/sh", "TERM=vt102")
LOG_DIR = "/.qemu-strace"
STATIC_QEMU = {"x86_64": "qemu-x86_64-static", "i386": "qemu-i386-static",
               "arm64": "qemu-aarch64-static", "arm": "qemu-arm-static"}
# Beside Debian's kernels (scripts/bench/linux.py), honouring XDG_CACHE_HOME as it does.
QEMU_CACHE = os.path.join(os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")),
                          "ferry", "qemu-user-static")
# binfmt_misc magic and mask per ABI: the ELF identification, e_type and e_machine (as
# Debian's qemu-user-static registers them; x86_64 only ET_EXEC, see the module comment).
_ELF = r"\x7fELF"
BINFMT = {
    "x86_64": (_ELF + r"\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00",
               r"\xff\xff\xff\xff\xff\xfe\xfe\x00\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"),
    "i386": (_ELF + r"\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x03\x00",
             r"\xff\xff\xff\xff\xff\xfe\xfe\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff"),
    "arm64": (_ELF + r"\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00",
              r"\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff"),
    "arm": (_ELF + r"\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x28\x00",
            r"\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff"),
}
DEV_NODES = ("null", "zero", "full", "random", "urandom", "tty")


class CannotRun(Exception):
    """This host cannot give this column (the message says why, one line)."""


def static_qemu(abi):
    """Host path of the ABI's static qemu-user, fetched and unpacked on first use."""
    path = os.path.join(QEMU_CACHE, "usr", "bin", STATIC_QEMU[abi])
    if os.path.exists(path):
        return path
    os.makedirs(QEMU_CACHE, exist_ok=True)
    debs = [f for f in os.listdir(QEMU_CACHE) if f.endswith(".deb")]
    if not debs:
        r = subprocess.run(["apt-get", "download", "qemu-user-static"], cwd=QEMU_CACHE,
                           capture_output=True, text=True)
        debs = [f for f in os.listdir(QEMU_CACHE) if f.endswith(".deb")]
        if r.returncode or not debs:
            raise CannotRun("apt-get download qemu-user-static failed: "
                            + (r.stderr.strip().splitlines() or ["?"])[-1])
    deb = os.path.join(QEMU_CACHE, sorted(debs)[-1])
    members = [f"./usr/bin/{q}" for q in STATIC_QEMU.values()]
    r = subprocess.run(f"dpkg-deb --fsys-tarfile {shlex.quote(deb)} | tar -x -C "
                       f"{shlex.quote(QEMU_CACHE)} {' '.join(members)}", shell=True,
                       capture_output=True, text=True)
    if r.returncode or not os.path.exists(path):
        raise CannotRun(f"cannot unpack {STATIC_QEMU[abi]} from {deb}: {r.stderr.strip()}")
    return path


WRAPPER_SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "qemu_log_exec.c")


def log_wrapper():
    """Host path of qemu_log_exec (the binfmt_misc interpreter), built on first use: static
    (the chroot has no host libraries) and position-independent (ET_DYN: x86_64's entry
    emulates static ET_EXEC programs, and an interpreter that matched it would recurse)."""
    out = os.path.join(QEMU_CACHE, "qemu_log_exec")
    if not os.path.exists(out) or os.path.getmtime(out) < os.path.getmtime(WRAPPER_SRC):
        os.makedirs(QEMU_CACHE, exist_ok=True)
        r = subprocess.run(["gcc", "-static-pie", "-O2", "-o", out + ".tmp", WRAPPER_SRC],
                           capture_output=True, text=True)
        if r.returncode:
            raise CannotRun(f"cannot build {WRAPPER_SRC}: {r.stderr.strip()[-300:]}")
        os.replace(out + ".tmp", out)
    return out


def install_emulator(logs, abi):
    """The ABI's static qemu-user and its log wrapper in the log folder (the chroot's
    /.qemu-strace); the host path of the wrapper (what binfmt_misc registers)."""
    for src, dest in ((static_qemu(abi), "qemu"), (log_wrapper(), "qemu_log_exec")):
        try:
            os.link(src, os.path.join(logs, dest))
        except OSError:
            shutil.copy(src, os.path.join(logs, dest))
    return os.path.join(logs, "qemu_log_exec")


def check_cpio(cpio):
    """The userland cpio, readable: unpacked inside the namespaces (setup_script)."""
    with open(cpio, "rb") as f:
        if f.read(6) != b"070701":
            raise CannotRun(f"{cpio} is not a newc cpio archive")


def setup_script(root, name, via, abi, qemu, log=None, cpio=None, logs=None):
    """The host shell script run inside the namespaces (see the module comment). The root is
    a ramfs the cpio is unpacked into there, in the archive's order, as a kernel unpacks its
    initramfs: a directory lists its entries as on the booted kernels (newest first), not in
    the host disk's hash order."""
    q = shlex.quote
    inner = (f"cd /tmp/run/{name} && exec env -i {' '.join(SCRIPT_ENV)}"
             + (" QEMU_LOG=strace" if via == "qemu-user" else "")
             + f" /bin/sh {script_tree.script_path(name)}")
    lines = ["set -e", f"R={q(root)}; export R"]
    if cpio:
        lines += ['mount -t ramfs -o mode=755 ramfs "$R"',
                  f"(cd \"$R\" && cpio -idm --quiet --no-absolute-filenames -f 'dev/*') < {q(cpio)}",
                  f'mkdir -p "$R/proc" "$R/dev" "$R/tmp" "$R{LOG_DIR}"']
    if logs:
        lines += [f'mount --bind {q(logs)} "$R{LOG_DIR}"']
    lines += ['mount -t proc proc "$R/proc"',
             'mount -t tmpfs tmpfs "$R/tmp"',
             'mount -t tmpfs -o mode=755 tmpfs "$R/dev"',
             f"for n in {' '.join(DEV_NODES)}; do : > \"$R/dev/$n\"; "
             "mount --bind \"/dev/$n\" \"$R/dev/$n\"; done",
             '[ -r "$R/etc/hostname" ] && hostname "$(cat "$R/etc/hostname")"',
             f'mkdir -p "$R/tmp/run/{name}"']
    if via == "qemu-user":
        magic, mask = BINFMT[abi]
        lines += ["mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc",
                  f"printf '%s' {q(f':ferry-{abi}:M::{magic}:{mask}:{qemu}:FP')} "
                  "> /proc/sys/fs/binfmt_misc/register"]
    # A child, not exec: the script's shell must not be the namespace's pid 1 (init ignores
    # signals it has no handler for; the script's `kill $$` must work as on Ferry). In the
    # foreground: a background command's SIGINT and SIGQUIT would be ignored from the start.
    # strace runs inside the pid namespace, so the pids it prints are those fork returns.
    tracer = f"strace -f -ttt -T -s 256 -o {q(log)} " if via == "strace" else ""
    start = f'echo $$ > "$R.rootpid"; exec {tracer}chroot "$R" /bin/sh -c {q(inner)}'
    lines += ["set +e", f"sh -c {q(start)} </dev/null 2>&1"]
    return "\n".join(lines) + "\n"


def merge_qemu_logs(logs, abi, probe, rootpid, name=None):
    """Records from the emulators' logs in the folder logs: ql.<pid>.<n>, the nth program
    process pid ran (qemu_log_exec.c; ql.<pid> alone, from qemu's own %d, is n 0). The
    script's shell's logs come first, from the one after the log holding the exec of the
    script (the programs rcS's command ran before it: sh -c, env), then each exec'd
    program's logs after the log its process was forked in (a process's calls before its
    exec are there), a process's programs in order."""
    files = {}
    for f in os.listdir(logs):
        m = re.match(r"ql\.(\d+)(?:\.(\d+))?$", f)
        if m:
            files.setdefault(int(m.group(1)), []).append((int(m.group(2) or 0), f))
    files = {pid: [os.path.join(logs, f) for _, f in sorted(fs)] for pid, fs in files.items()}
    if rootpid not in files:
        return []
    parse = lambda path: linuxparse.parse_qemu(open(path, encoding="utf-8", errors="replace").read(),
                                               abi, probe, exec_ok=set(files))
    first = 0
    if name is not None:
        for n, path in enumerate(files[rootpid]):
            if any(script_tree.is_script_exec(r, name) for r in parse(path)):
                first = n + 1
                break
    files[rootpid] = files[rootpid][first:]
    recs, done, todo = [], set(), [rootpid]
    while todo or set(files) - done:
        if not todo:   # a program whose process no log names (its fork's result was lost)
            todo.append(min(set(files) - done))
        pid = todo.pop(0)
        if pid in done or pid not in files:
            continue
        done.add(pid)
        for path in files[pid]:
            part = parse(path)
            recs += part
            for r in part:
                if r.get("pid") not in done and r.get("pid") in files and r["pid"] not in todo:
                    todo.append(r["pid"])
    for pid in done - {rootpid}:       # its own log exists: its last exec worked
        exe = [r for r in recs if r.get("pid") == pid and r.get("name") in ("execve", "execveat")]
        if exe and exe[-1].get("ret") is None:
            exe[-1]["ret"], exe[-1]["errno"] = 0, None
    for n, r in enumerate(recs, 1):
        r["seq"] = n
    return recs


def name_processes(recs, root):
    """Each record's comm as a kernel keeps it (the Linux tools do not print it): the script's
    shell is "sh", a fork child has its parent's name, an exec gives argv[0]'s base name
    (busybox names an applet it re-executes as /proc/self/exe by argv[0], as Ferry does)."""
    comm = {root: "sh"}
    for r in recs:
        pid = r.get("pid")
        if r.get("type") != "syscall":
            continue
        r["comm"] = comm.setdefault(pid, "sh")
        argv = procs.command_line(r)
        if argv and procs.exec_succeeded(r):
            comm[pid] = argv[0].rsplit("/", 1)[-1][:15]
        elif (r.get("name") in procs.CREATORS and isinstance(r.get("ret"), int)
              and r["ret"] > 0):
            comm.setdefault(r["ret"], comm[pid])


# The users the namespace maps (inside = outside): root and every uid and gid a script may
# switch to (nobody is 65534), so su, chown and setgroups behave as on a booted kernel.
# unshare's own --map-root-user maps root alone (setuid(65534) fails, setgroups is denied),
# and its --map-users needs newuidmap; we are root, so we write the maps ourselves.
ID_RANGE = 65536


def _map_ids(pid, deadline):
    """Once pid (unshare) has entered its new user namespace, give it the id maps."""
    mine = os.readlink("/proc/self/ns/user")
    while os.readlink(f"/proc/{pid}/ns/user") == mine:
        if time.monotonic() > deadline:
            raise CannotRun("unshare did not enter a user namespace")
        time.sleep(0.002)
    for f in ("uid_map", "gid_map"):
        with open(f"/proc/{pid}/{f}", "w") as m:
            m.write(f"0 0 {ID_RANGE}\n")


def run_in_namespaces(setup, timeout):
    """Run the host shell script setup in new user, mount, pid and uts namespaces (uids and
    gids 0..ID_RANGE-1 mapped to themselves when we are root, our own uid as root otherwise)
    with stdout and stderr on a pseudo-terminal: the
    script's output goes to a terminal as on Ferry, where it is the console (busybox and the
    applets ask isatty() and behave accordingly: wc's TCGETS, cat's sendfile).
    (CompletedProcess with stderr the runner's own errors, the script's output with CR LF
    made LF.)"""
    # Not root: unshare's --map-root-user maps our own uid as root, which is all a script
    # needs unless it changes user (su nobody fails there: no other id is mapped).
    full_map = os.geteuid() == 0
    master, slave = pty.openpty()
    go_r, go_w = os.pipe()
    chunks = []

    def drain():
        while True:
            try:
                b = os.read(master, 65536)
            except OSError:             # EIO: every writer has closed the terminal
                break
            if not b:
                break
            chunks.append(b)
    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    # The shell waits for the maps before it does anything (a byte on the pipe).
    cmd = ["unshare", "--user", "--mount", "--pid", "--uts", "--fork", "--kill-child"] + \
        ([] if full_map else ["--map-root-user"]) + \
        ["sh", "-c", f'read go <&{go_r}; exec {go_r}<&-; exec sh "$0"', setup]
    deadline = time.monotonic() + timeout
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=slave, stderr=subprocess.PIPE,
                         pass_fds=(go_r,))
    try:
        os.close(go_r)
        try:
            if full_map:
                _map_ids(p.pid, deadline)
        finally:
            os.write(go_w, b"go\n")
            os.close(go_w)
        _, err = p.communicate(timeout=max(1, deadline - time.monotonic()))
    except BaseException:
        p.kill()
        p.wait()
        raise
    finally:
        os.close(slave)
        reader.join(5)
        os.close(master)
    out = b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")
    return subprocess.CompletedProcess(cmd, p.returncode, None, err), out


def run(cpio, abi, name, via, timeout=300, keep_log=None):
    """(header, records of the script's processes, the script's output) for one column."""
    if via == "strace" and not linux.can_run("strace", abi):
        raise CannotRun(f"this host does not run {abi} natively")
    if via == "qemu-user":
        static_qemu(abi), log_wrapper()	# fetched and built before the clock runs
    probe = f"sh:{name}"
    with tempfile.TemporaryDirectory(prefix="ferry-sh-") as tmp:
        root, logs = os.path.join(tmp, "root"), os.path.join(tmp, "logs")
        check_cpio(cpio)
        os.makedirs(root)
        os.makedirs(logs)
        os.chmod(logs, 0o1777)		# every user's emulators log here (su nobody -c ...)
        qemu = install_emulator(logs, abi) if via == "qemu-user" else None
        setup = os.path.join(tmp, "setup.sh")
        log = os.path.join(tmp, "strace.log")
        with open(setup, "w") as f:
            f.write(setup_script(root, name, via, abi, qemu and os.path.join(root, LOG_DIR.strip("/"), "qemu_log_exec"),
                                 log, os.path.abspath(cpio), logs))
        p, out = run_in_namespaces(setup, timeout)
        if p.returncode and b"unshare failed" in (p.stderr or b""):
            # No user namespaces here (a container's seccomp profile, a sysctl): the host's
            # limit, not the script's.
            raise CannotRun(p.stderr.decode(errors="replace").strip().splitlines()[-1])
        if via == "strace":
            with open(log, encoding="utf-8", errors="replace") as f:
                text = f.read()
            recs = linuxparse.parse_strace(text, abi, probe)
        else:
            try:
                with open(root + ".rootpid") as f:
                    rootpid = int(f.read().strip())
            except (OSError, ValueError):
                raise CannotRun(f"the namespace did not start the script: "
                                f"{p.stderr.decode(errors='replace').strip()[-300:]}")
            recs = merge_qemu_logs(logs, abi, probe, rootpid, name)
            text = "".join(open(os.path.join(logs, f), errors="replace").read()
                           for f in sorted(os.listdir(logs)) if f.startswith("ql."))
        if keep_log:
            with open(keep_log, "w", encoding="utf-8") as f:
                f.write(text)
    if via == "strace":
        if not any(script_tree.is_script_exec(r, name) for r in recs):
            # e.g. i386 on a host kernel without IA32 emulation: the exec fails (ENOEXEC)
            raise CannotRun(f"the host's kernel did not run the script's {abi} shell "
                            f"(no exec of /bin/sh {script_tree.script_path(name)} succeeded)")
        recs, root_pid = script_tree.subtree(recs, name)
    else:	# the logs hold the script's processes only (its shell's log is the first)
        root_pid = rootpid
    name_processes(recs, root_pid)
    if not recs:
        raise CannotRun(f"no trace of the script ({via} ended with status {p.returncode}: "
                        f"{p.stderr.decode(errors='replace').strip()[-300:]})")
    if not any(r.get("type") == "exit" and r.get("pid") == root_pid for r in recs):
        recs.append(linux.exit_record(p.returncode, root_pid))	# the status of unshare's child
    header = {"type": "header", "source": via, "arch": abi, "abi": abi, "version": 1,
              "cycles_per_sec": 1000000 if via == "strace" else None, "icount": False,
              "probe": probe, "command": ["strace -f" if via == "strace" else "qemu-user (binfmt_misc)",
                          "chroot", f"/bin/sh {script_tree.script_path(name)}"],
              "host": f"{platform.system()} {platform.release()} {platform.machine()}"}
    return header, recs, out


VIAS = ("qemu-user", "strace")


def via_list(text):
    """--via's value: the columns, each one of VIAS (argparse reports the error)."""
    vias = [v for v in text.split(",") if v]
    bad = [v for v in vias if v not in VIAS]
    if bad or not vias:
        raise argparse.ArgumentTypeError(f"{text!r}: each of {', '.join(VIAS)}")
    return vias


def cpio_names(path):
    """The entry names of a newc cpio, read from its headers (110 bytes: the magic, then 13
    8-digit hex fields, namesize the 12th and filesize the 7th; name and data 4-aligned)."""
    names = set()
    with open(path, "rb") as f:
        data = f.read()
    pos = 0
    while pos + 110 <= len(data) and data[pos:pos + 6] == b"070701":
        filesize = int(data[pos + 54:pos + 62], 16)
        namesize = int(data[pos + 94:pos + 102], 16)
        name = data[pos + 110:pos + 110 + namesize - 1].decode(errors="replace")
        if name == "TRAILER!!!":
            break
        names.add(name.strip("/"))
        pos = (pos + 110 + namesize + 3) & ~3
        pos = (pos + filesize + 3) & ~3
    return names


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cpio", required=True, help="the userland the Ferry column booted")
    ap.add_argument("--abi", required=True, choices=sorted(BINFMT))
    ap.add_argument("--script", required=True, help="file name in /usr/share/scripts")
    ap.add_argument("--via", default="qemu-user,strace", type=via_list,
                    help="comma-separated: " + ",".join(VIAS))
    ap.add_argument("--out", default=os.path.join(linux.TOP, "build", "trace", "linux"))
    ap.add_argument("--keep-logs", action="store_true")
    ap.add_argument("--timeout", type=float, default=300)
    a = ap.parse_args(argv)
    try:
        names = cpio_names(a.cpio)
    except OSError as e:
        ap.error(f"--cpio: {e}")
    if script_tree.script_path(a.script).strip("/") not in names:
        ap.error(f"--script {a.script}: not in {a.cpio} (its /usr/share/scripts)")
    os.makedirs(a.out, exist_ok=True)
    status = 0
    for via in a.via:
        base = os.path.join(a.out, f"{a.abi}-{a.script}.{via}")
        try:
            header, recs, out = run(a.cpio, a.abi, a.script, via, a.timeout,
                                    base + ".log" if a.keep_logs else None)
        except CannotRun as e:
            print(f"linux_script.py: skipping {via} for {a.abi} {a.script}: {e}", file=sys.stderr)
            continue
        except (OSError, subprocess.SubprocessError, ValueError) as e:
            print(f"linux_script.py: {a.script} under {via}: {e}", file=sys.stderr)
            status = 1
            continue
        linux.write_trace(base + ".jsonl", header, recs)
        with open(base + ".out", "w", encoding="utf-8") as f:
            f.write(out)
        n = sum(1 for r in recs if r["type"] == "syscall")
        print(f"{base}.jsonl  ({n} syscalls)")
    return status


if __name__ == "__main__":
    sys.exit(main())
