# SPDX-License-Identifier: GPL-2.0
# ---- example programs (issue 14; owner: procs) --------------------------------------------------
# The static glibc example programs (userspace/libc/prog_*.c: file I/O and stdio buffering,
# fork/exec/wait, a pthread pool, signal handlers) in one boot per ABI: libc_prog_run as /init
# runs each from /usr/bin and prints how it ended. The console's KTAP lines must be the very
# lines the same binaries print under qemu-user (Linux's answers), run on the host when the
# boot is judged; a qemu-user "# SKIP" (its host cannot exec an arm program without
# binfmt_misc) stands for whatever Ferry printed under the same number. The suite's
# programs.sh runs the same binaries on Linux 6.1 booted (tests/scripts/expected/).
PROG_NAMES = ("fileio", "forkexec", "threadpool", "signals")
PROG_EMU = {"x86_64": "qemu-x86_64", "i386": "qemu-i386", "arm64": "qemu-aarch64",
            "arm": "qemu-arm"}
PROG_LINE = re.compile(r"^(KTAP version 1|(not )?ok \d+ .*|1\.\.\d+|# .*)$")


def prog_lines(text):
    """The program output's own lines (KTAP and '#' lines), kernel messages left out."""
    return [ln.rstrip("\r") for ln in text.splitlines() if PROG_LINE.match(ln.rstrip("\r"))]


def prog_same(ours, theirs):
    """Equal line for line, a qemu-user SKIP matching our line of the same number."""
    if len(ours) != len(theirs):
        return False
    for a, b in zip(ours, theirs):
        if a != b and not ("# SKIP" in b and a.split(" - ")[0] == b.split(" - ")[0]):
            return False
    return True


class ProgramsCase(Case):
    """Boot libc_prog_run with the programs; judge the console against qemu-user's run."""

    def __init__(self, arch, abi):
        self.abi, self.probes = abi, None
        paths = [f"/usr/bin/libc_prog_{n}" for n in PROG_NAMES]
        super().__init__(f"{arch}_user_{abi}_prog_same_as_qemu_user", arch, cmdline="",
                         init=f"{abi}/libc_prog_run", ktap=False, timeout=90,
                         reject=[r"Oops", r"WARNING", r"BUG"], files=self.prog_files,
                         run_args=["--args", " ".join(paths)],
                         expect=[rf"# libc_prog_{n}: exit 0" for n in PROG_NAMES])

    def prog_files(self, tmp, probes):
        self.probes = probes		# where check.py built them: qemu-user runs the same files
        return [f"/usr/bin/libc_prog_{n}={os.path.join(probes, self.abi, 'libc_prog_' + n)}"
                for n in PROG_NAMES]

    def qemu_user_lines(self):
        lines = []
        for n in PROG_NAMES:
            exe = os.path.join(self.probes, self.abi, f"libc_prog_{n}")
            with __import__("tempfile").TemporaryDirectory() as cwd:
                r = subprocess.run([PROG_EMU[self.abi], exe], capture_output=True, text=True,
                                   timeout=60, cwd=cwd)
            how = f"exit {r.returncode}" if r.returncode >= 0 else \
                f"killed by signal {-r.returncode}"
            lines += prog_lines(r.stdout) + [f"# libc_prog_{n}: {how}"]
        return lines

    def judge_plain(self, status, out):
        v = super().judge_plain(status, out)
        if not v.ok or not self.probes:
            return v
        ours, theirs = prog_lines(out[out.find("KTAP version 1"):]), self.qemu_user_lines()
        if prog_same(ours, theirs):
            return Verdict(True, f"{len(ours)} lines as qemu-user's")
        diff = "\n".join(__import__("difflib").unified_diff(theirs, ours, "qemu-user", "ferry",
                                                           lineterm=""))
        return Verdict(False, "output differs from qemu-user's:\n" + diff)


for _arch, _abis in ARCH_ABIS.items():
    for _abi in _abis:
        CASES.append(ProgramsCase(_arch, _abi))
# ---- end of procs cases --------------------------------------------------------------------------
