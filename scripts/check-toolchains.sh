#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Prove that every toolchain the build and the tests use can make a static program for each
# user ABI, and that qemu-user runs it: the check that catches a package which only arrived
# as a recommendation (libc6-dev-arm64-cross with gcc-aarch64-linux-gnu, say) and is missing
# on a machine installed with --no-install-recommends. Run by scripts/install-deps.sh after
# installing, so .ci/run and both README commands fail here, in one line per broken
# toolchain, instead of deep inside make check or make compare.
#
#   scripts/check-toolchains.sh        exit 0 when every line says ok
set -uo pipefail

work=$(mktemp -d "${TMPDIR:-/tmp}/ferry-toolchains.XXXXXX")
trap 'rm -rf "$work"' EXIT

cat > "$work/libc.c" <<'EOF'
#include <stdio.h>
int main(void) { printf("static glibc ok\n"); return 0; }
EOF
# Freestanding, as the probes are built: the runtime's own _start, libgcc for the helpers.
cat > "$work/bare.c" <<'EOF'
unsigned long long divide(unsigned long long a, unsigned long long b) { return a / b; }
#ifdef __arm__
/* arm's libgcc division reports a zero divisor through these; its own copies call raise(). */
int __aeabi_idiv0(int r) { return r; }
long long __aeabi_ldiv0(long long r) { return r; }
#endif
void _start(void) { for (;;) ; }
EOF

host=$(uname -m)
failed=0

# check LABEL RUNNER EXPECT -- COMPILE COMMAND...: build, then (when RUNNER is set) run.
check() {
	local label=$1 runner=$2 expect=$3; shift 4
	local out="$work/${label//[^a-zA-Z0-9]/_}"
	local log
	if ! log=$("$@" -o "$out" 2>&1); then
		echo "check-toolchains: $label: cannot build: $(echo "$log" | grep -m1 -E 'error|cannot|not found' || echo "$log" | head -n1)"
		failed=1
		return
	fi
	if [ -n "$runner" ]; then
		if ! command -v "$runner" >/dev/null; then
			echo "check-toolchains: $label: $runner is missing (qemu-user)"
			failed=1
			return
		fi
		local got
		got=$("$runner" "$out" 2>&1)
		if [ "$got" != "$expect" ]; then
			echo "check-toolchains: $label: built, but $runner printed '${got:0:80}'"
			failed=1
			return
		fi
	fi
	echo "check-toolchains: $label: ok"
}

if [ "$host" = x86_64 ]; then
	gcc64=(gcc -m64) gcc32=(gcc -m32)
else
	gcc64=(x86_64-linux-gnu-gcc -m64) gcc32=(x86_64-linux-gnu-gcc -m32)
fi
gccarm64=(aarch64-linux-gnu-gcc)
[ "$host" = aarch64 ] && gccarm64=(gcc)

bare=(-static -nostdlib -ffreestanding -fno-pie -fno-stack-protector -O2)
check "x86_64 gcc static glibc" qemu-x86_64 "static glibc ok" -- "${gcc64[@]}" -static "$work/libc.c"
check "i386 gcc static glibc" qemu-i386 "static glibc ok" -- "${gcc32[@]}" -static "$work/libc.c"
check "arm64 gcc static glibc" qemu-aarch64 "static glibc ok" -- "${gccarm64[@]}" -static "$work/libc.c"
# arm: Debian's armhf GCC emits Thumb-2 unless told -marm; the probes are built both ways.
check "arm gcc static glibc" qemu-arm "static glibc ok" -- arm-linux-gnueabihf-gcc -static "$work/libc.c"
check "i386 gcc freestanding + libgcc" "" "" -- "${gcc32[@]}" "${bare[@]}" -no-pie "$work/bare.c" -lgcc
for mode in -marm -mthumb; do
	check "arm gcc freestanding + libgcc ($mode)" "" "" -- arm-linux-gnueabihf-gcc $mode \
		"${bare[@]}" -no-pie "$work/bare.c" -lgcc
done
# clang takes each libgcc.a from the GCC of the same triple (lib/gcc-cross/arm-linux-gnueabihf...).
for t in x86_64-linux-gnu i386-linux-gnu aarch64-linux-gnu arm-linux-gnueabihf; do
	check "${t%%-*} clang + lld freestanding" "" "" -- clang --target=$t -fuse-ld=lld \
		"${bare[@]}" "$work/bare.c" -lgcc
done

if [ $failed -ne 0 ]; then
	echo "check-toolchains: a toolchain cannot build for its ABI: scripts/install-deps.sh names its packages" >&2
	exit 1
fi
