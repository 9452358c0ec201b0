#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Attach gdb-multiarch to a kernel started with 'make ARCH=... qemu-gdb' (QEMU waits on :1234).
#   scripts/gdb/attach.sh [ARCH=x86_64|arm64] [O=build/<arch>] [extra gdb args]
# Loads vmlinux with symbols, sets the architecture, connects, and stops at start_kernel.
set -e
ARCH=$(uname -m | sed -e 's/aarch64/arm64/')
O=
for a in "$@"; do
	case "$a" in
	ARCH=*) ARCH=${a#ARCH=}; shift ;;
	O=*) O=${a#O=}; shift ;;
	esac
done
[ "$ARCH" = x86 ] && ARCH=x86_64
O=${O:-build/$ARCH}
case "$ARCH" in
x86_64) GDBARCH=i386:x86-64 ;;
arm64) GDBARCH=aarch64 ;;
*) echo "attach.sh: unknown ARCH=$ARCH" >&2; exit 1 ;;
esac
exec gdb-multiarch -q "$O/vmlinux" \
	-ex "set architecture $GDBARCH" \
	-ex "source $(dirname "$0")/ferry.gdb" \
	-ex "target remote :1234" \
	-ex "hbreak start_kernel" \
	-ex "continue" "$@"
