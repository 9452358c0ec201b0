#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Attach gdb-multiarch to a kernel started with 'make ARCH=... qemu-gdb' (QEMU waits on :1234).
#   scripts/gdb/attach.sh [ARCH=x86_64|arm64] [O=build/<arch>] [GDB_PORT=1234] [extra gdb args]
# Loads vmlinux with symbols, sets the architecture, connects, and stops at start_kernel.
# The run has /init to run (make run's default is the tour probe), so 'break do_syscall_64'
# (x86_64) or 'break do_el0_svc' (arm64) and 'continue' stop in the first system call.
# Without a QEMU waiting, or without the kernel's symbols: one line, exit status 1.
ARCH=$(uname -m | sed -e 's/aarch64/arm64/')
O=
PORT=1234
for a in "$@"; do
	shift
	case "$a" in
	ARCH=*) ARCH=${a#ARCH=} ;;
	O=*) O=${a#O=} ;;
	GDB_PORT=*) PORT=${a#GDB_PORT=} ;;
	*) set -- "$@" "$a" ;;		# for gdb, in order
	esac
done
fail() {
	echo "attach.sh: $*" >&2
	exit 1
}
[ "$ARCH" = x86 ] && ARCH=x86_64
O=${O:-build/$ARCH}
case "$ARCH" in
x86_64) GDBARCH=i386:x86-64 ;;
arm64) GDBARCH=aarch64 ;;
*) fail "unknown ARCH=$ARCH (x86_64, x86 or arm64)" ;;
esac
case "$PORT" in
'' | *[!0-9]*) fail "GDB_PORT=$PORT is not a port number" ;;
esac
[ -f "$O/vmlinux" ] || fail "$O/vmlinux is missing (make ARCH=$ARCH O=$O)"
command -v gdb-multiarch >/dev/null || fail "gdb-multiarch is not installed (make install-deps)"

# Is anything listening on the port? Read the kernel's socket tables rather than connect:
# a probe connection would be QEMU's one gdb client for a moment. Only the tables there are:
# a host without IPv6 has no tcp6 (awk fails on a missing file), and with neither we cannot
# tell, so gdb tries.
tables=
for t in /proc/net/tcp /proc/net/tcp6; do
	[ -r "$t" ] && tables="$tables $t"
done
if [ -n "$tables" ]; then
	hexport=$(printf '%04X' "$PORT")
	# shellcheck disable=SC2086	# $tables: paths without spaces, one word each
	awk -v p=":$hexport" 'FNR > 1 && $4 == "0A" && substr($2, length($2) - 4) == p { f = 1 }
		END { exit !f }' $tables 2>/dev/null ||
		fail "no QEMU is waiting for gdb on :$PORT (start one first: make ARCH=$ARCH qemu-gdb)"
fi

exec gdb-multiarch -q "$O/vmlinux" \
	-ex "set architecture $GDBARCH" \
	-ex "source $(dirname "$0")/ferry.gdb" \
	-ex "target remote :$PORT" \
	-ex "hbreak start_kernel" \
	-ex "continue" "$@"
