# programs.sh: the static glibc example programs built in this tree for each ABI (issue 14;
# owner: procs; sources userspace/libc/prog_*.c), run from /usr/bin: file I/O and stdio
# buffering, fork/exec/wait, a pthread pool, signal handlers. Their whole output is
# deterministic by design (KTAP lines naming what was checked, no pids, addresses or
# times), so it is printed unfiltered, with each exit status.
for p in fileio forkexec threadpool signals; do
	echo "== libc_prog_$p"
	if ! command -v libc_prog_$p > /dev/null; then
		echo "libc_prog_$p: not installed in /usr/bin"
		continue
	fi
	libc_prog_$p
	echo "exit $?"
done
