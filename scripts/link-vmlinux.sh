#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Link vmlinux with a symbol table of its own functions (kallsyms), so register dumps can
# print "function+offset/size". The table's size depends only on the symbol names, not on
# their addresses, so three links settle it:
#   1. link with an empty table                      -> names
#   2. link with the table from 1 (final layout)     -> final addresses
#   3. link with the table from 2                    -> vmlinux; its symbols must equal 2's
#
# Usage: link-vmlinux.sh OUTPUT LDSCRIPT OBJECTS...   (LD, LDFLAGS, NM, CC, AFLAGS from make)
set -e
out=$1; lds=$2; shift 2
tmp=${out}.tmp
mkdir -p "$(dirname "$out")"

ksyms() {	# $1: ELF (or empty) -> $2: assembled table object
	local src=$2.S
	if [ -n "$1" ]; then
		$NM -n "$1" | $PYTHON3 scripts/kallsyms.py > "$src"
	else
		$PYTHON3 scripts/kallsyms.py < /dev/null > "$src"
	fi
	$CC $AFLAGS -c "$src" -o "$2"
}

link() {	# $1: kallsyms object -> $2: ELF
	$LD $LDFLAGS -T "$lds" -o "$2" "${@:3}" "$1"
}

ksyms "" "$tmp.ks0.o"
link "$tmp.ks0.o" "$tmp.1" "$@"
ksyms "$tmp.1" "$tmp.ks1.o"
link "$tmp.ks1.o" "$tmp.2" "$@"
ksyms "$tmp.2" "$tmp.ks2.o"
link "$tmp.ks2.o" "$out" "$@"

# The table inside vmlinux must describe vmlinux itself.
$NM -n "$out" | $PYTHON3 scripts/kallsyms.py > "$tmp.check.S"
if ! cmp -s "$tmp.check.S" "$tmp.ks2.o.S"; then
	echo "link-vmlinux.sh: kallsyms did not settle after three links" >&2
	exit 1
fi
rm -f "$tmp".*
