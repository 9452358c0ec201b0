#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Generate C headers from a syscall .tbl file (rows: <number> <abi> <name> <entry point>).
# The .tbl is the only place a syscall number is written down; everything else comes from here.
#
#   syscalltbl.sh table   IN.tbl OUT.h          __SYSCALL(nr, entry) per row (kernel tables)
#   syscalltbl.sh entries IN.tbl OUT.h          __SYSCALL_ENTRY(entry) once per function
#   syscalltbl.sh names   IN.tbl OUT.h          [nr] = "name", (trace records, diagnostics)
#   syscalltbl.sh unistd  IN.tbl OUT.h GUARD    #define __NR_name nr (user space, probes)
#   syscalltbl.sh abi     IN.tbl OUT.c NAME     struct syscall_abi syscall_abi_NAME: names and
#                                               SYSCALL_DEFINE metadata by number (the tracer)
#
# It refuses a table that lists a number or a name twice.
set -e
mode=$1 in=$2 out=$3 guard=$4
tmp="$out.tmp"
mkdir -p "$(dirname "$out")"

rows() { grep -v -E '^[[:space:]]*(#|$)' "$in"; }

dups=$(rows | awk '{ if (seen_nr[$1]++) print "number " $1; if (seen_name[$3]++) print "name " $3 }')
if [ -n "$dups" ]; then
	echo "syscalltbl.sh: $in lists twice: $dups" >&2
	exit 1
fi

{
	echo "/* Generated from $in by scripts/syscalltbl.sh: do not edit. */"
	case "$mode" in
	table)
		rows | sort -n | awk '{ print "__SYSCALL(" $1 ", " ($4 == "" ? "sys_ni_syscall" : $4) ")" }'
		;;
	entries)
		rows | awk '$4 != "" && $4 != "sys_ni_syscall" { print $4 }' | sort -u |
			awk '{ print "__SYSCALL_ENTRY(" $1 ")" }'
		;;
	names)
		rows | sort -n | awk '{ print "[" $1 "] = \"" $3 "\"," }'
		;;
	unistd)
		echo "#ifndef $guard"
		echo "#define $guard"
		rows | sort -n | awk '{ print "#define __NR_" $3 " " $1; if ($1 + 1 > max) max = $1 + 1 }
			END { print "#define __NR_syscalls " max }'
		echo "#endif"
		;;
	abi)
		echo '#include <linux/syscalls.h>'
		echo '#include <linux/syscall_trace.h>'
		echo '/* Metadata of functions this kernel does not implement resolves to NULL (weak). */'
		rows | awk '$4 != "" && $4 != "sys_ni_syscall" { print $4 }' | sort -u |
			awk '{ print "extern const struct syscall_metadata __syscall_meta_" $1 " __attribute__((weak));" }'
		echo "static const char *const names[] = {"
		rows | sort -n | awk '{ print "\t[" $1 "] = \"" $3 "\"," }'
		echo "};"
		echo "static const struct syscall_metadata *const meta[sizeof(names) / sizeof(names[0])] = {"
		rows | sort -n | awk '$4 != "" && $4 != "sys_ni_syscall" { print "\t[" $1 "] = &__syscall_meta_" $4 "," }'
		echo "};"
		echo "const struct syscall_abi syscall_abi_$guard = {"
		echo "\t.name = \"$guard\","
		echo "\t.nr_syscalls = sizeof(names) / sizeof(names[0]),"
		echo "\t.names = names,"
		echo "\t.meta = meta,"
		echo "};"
		;;
	*)
		echo "syscalltbl.sh: unknown mode $mode" >&2
		exit 1
		;;
	esac
} > "$tmp"
mv "$tmp" "$out"
