#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# check_vdso.sh READELF VDSO.so.dbg: refuse a vDSO image the kernel could not map as it is.
# The kernel maps the same pages into every process at any address and never relocates
# them, so the image must have no dynamic relocation, no undefined symbol (a libgcc helper
# the compiler called, say), and exactly one PT_LOAD (mm/vdso.c maps one run of pages).
set -e
readelf=$1 so=$2
fail() { echo "check_vdso: $so: $*" >&2; exit 1; }

"$readelf" -r "$so" | grep -q 'R_' && fail "has dynamic relocations: $("$readelf" -r "$so" | grep R_ | head -3)"
undef=$("$readelf" --dyn-syms -W "$so" | awk '$7 == "UND" && $8 != "" { print $8 }')
[ -z "$undef" ] || fail "undefined symbols: $undef"
loads=$("$readelf" -l -W "$so" | grep -c '^ *LOAD')
[ "$loads" = 1 ] || fail "$loads PT_LOAD segments, not 1"
exit 0
