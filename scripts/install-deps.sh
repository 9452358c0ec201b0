#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install what building, running and testing Ferry needs on Debian 12, and nothing that is
# already there; then prove each toolchain links for its ABI (scripts/check-toolchains.sh).
# Packages go in with --no-install-recommends, so every package whose files a build or test
# step uses is named below, never left to arrive as a recommendation. Used by the README's commands and by CI (.ci/run). Runs apt-get as root, or
# through sudo when available.
#
# Never gcc-multilib: on Debian 12 it conflicts with gcc-aarch64-linux-gnu and apt would
# silently remove the cross compiler. gcc-12-multilib gives gcc -m32 what it needs.
set -euo pipefail

PACKAGES=(
	make gcc libc6-dev binutils                       # host build, unit tests
	gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu  # arm64 cross toolchain
	libc6-dev-arm64-cross                             # static glibc for arm64 programs (only recommended by gcc-aarch64-linux-gnu)
	gcc-arm-linux-gnueabihf libc6-dev-armhf-cross     # arm (AArch32 EABI) probes and static glibc; the armhf UAPI headers test the arm table
	binutils-x86-64-linux-gnu                         # x86_64 binutils when cross-building from arm64
	gcc-12-multilib libc6-dev-i386                    # i386 userspace probes (gcc -m32)
	clang lld llvm                                    # LLVM=1
	libclang-rt-14-dev                                # libFuzzer and clang's sanitizers: host fuzz harnesses (tests/fuzz)
	python3 python3-kconfiglib python3-pytest python3-matplotlib  # config, scripts, tests, bench chart
	qemu-system-x86 qemu-system-arm qemu-user         # guests; qemu-user runs probes as on Linux
	u-boot-qemu u-boot-tools device-tree-compiler     # arm64 via U-Boot, mkenvimage, dtc
	grub-pc-bin grub-common xorriso mtools            # x86_64 via GRUB (make isoimage)
	cpio gdb-multiarch strace                         # initramfs, debugging, Linux traces
	valgrind                                          # scripts/bench/host_cost.py: QEMU's host instructions per syscall
	sparse                                            # make C=1/C=2 and the sparse step of make check
	libasan8 libubsan1                                # sanitizers for the host unit tests
)

SUDO=
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null; then
	SUDO=sudo
fi

# The userland (scripts/userland.py) fetches Debian's busybox-static for each ABI with apt-get
# download, and make bench LINUX=1 the arm64 kernel: apt must know those architectures. Added
# once, with one apt-get update; a mirror's index that fails to come is only a warning here
# (userland.py says which package it could not find). amd64 too: on an arm64 host the x86_64
# userland's busybox-static:amd64 is a foreign package (the native one is skipped).
added=
for arch in amd64 i386 arm64 armhf; do
	[ "$arch" = "$(dpkg --print-architecture)" ] && continue
	dpkg --print-foreign-architectures | grep -qx "$arch" && continue
	if [ "$(id -u)" -ne 0 ] && [ -z "$SUDO" ]; then
		echo "install-deps: need root or sudo for dpkg --add-architecture $arch" >&2
		exit 1
	fi
	echo "install-deps: dpkg --add-architecture $arch"
	$SUDO dpkg --add-architecture "$arch"
	added=1
done
if [ -n "$added" ]; then
	$SUDO apt-get update -q || echo "install-deps: apt-get update reported errors (above)" >&2
fi

missing=()
for p in "${PACKAGES[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
	echo "install-deps: everything is installed"
else
	echo "install-deps: installing ${missing[*]}"
	if [ "$(id -u)" -ne 0 ] && [ -z "$SUDO" ]; then
		echo "install-deps: need root or sudo for apt-get" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -q
	$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
	# The multilib trap: make sure the cross compiler survived.
	for cc in aarch64-linux-gnu-gcc arm-linux-gnueabihf-gcc; do
		command -v $cc >/dev/null || { echo "install-deps: $cc is missing after install" >&2; exit 1; }
	done
fi

# Installed is not the same as usable: every toolchain must link a static program for its ABI.
"$(dirname "$0")/check-toolchains.sh"
