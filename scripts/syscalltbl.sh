#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Generate C headers from a syscall .tbl file. One row per syscall, Linux's format:
#
#   <number> <abi> <name> [<entry point> [<compat entry point>]]
#
# The entry point is the native function (sys_foo, from SYSCALL_DEFINEn); the compat entry
# point, where a row has one, is the function a 64-bit kernel runs for that number in a
# 32-bit ABI (compat_sys_foo, from COMPAT_SYSCALL_DEFINEn: a structure or an argument is laid
# out differently there). The tables this kernel builds are all served by a 64-bit kernel, so
# a row's function is its compat entry point when it names one and its entry point otherwise;
# no entry point at all, or sys_ni_syscall, is -ENOSYS. The arch's table file then prefixes
# the function with its wrapper's name: __x64_, __ia32_, __arm64_ (__ia32_compat_sys_open).
# The .tbl is the only place a syscall number is written down; everything else comes from here.
#
#   syscalltbl.sh table   IN.tbl OUT.h          __SYSCALL(nr, function) per row (kernel tables)
#   syscalltbl.sh entries IN.tbl OUT.h          __SYSCALL_ENTRY(function) once per function
#   syscalltbl.sh names   IN.tbl OUT.h          [nr] = "name", (trace records, diagnostics)
#   syscalltbl.sh unistd  IN.tbl OUT.h GUARD    #define __NR_name nr (user space, probes)
#   syscalltbl.sh abi     IN.tbl OUT.c NAME     struct syscall_abi syscall_abi_NAME: names and
#                                               SYSCALL_DEFINE metadata by number (the tracer)
#
# It refuses a table that lists a number or a name twice, and a malformed row (a number that
# is not a decimal number, fewer than three or more than five columns, an entry point that is
# not a C identifier), naming the file and line.
set -e
mode=$1 in=$2 out=$3 guard=$4
tmp="$out.tmp"

# The rows without comments (whole-line or trailing) and blank lines.
rows() { sed -e 's/#.*//' "$in" | awk 'NF'; }

problems=$(sed -e 's/#.*//' "$in" | awk -v file="$in" '
	NF == 0 { next }
	NF < 3 || NF > 5 || $1 !~ /^[0-9]+$/ || (NF >= 4 && $4 !~ /^[A-Za-z_][A-Za-z0-9_]*$/) ||
	(NF == 5 && $5 !~ /^[A-Za-z_][A-Za-z0-9_]*$/) {
		row = $0; gsub(/[[:space:]]+/, " ", row); sub(/^ /, "", row); sub(/ $/, "", row)
		print file ":" NR ": malformed row \"" row "\": want <number> <abi> <name> [<entry point> [<compat entry point>]]"
		next
	}
	{
		if ($1 in nr_line) print file ":" NR ": lists number " $1 " twice (also line " nr_line[$1] ")"
		else nr_line[$1] = NR
		if ($3 in name_line) print file ":" NR ": lists name " $3 " twice (also line " name_line[$3] ")"
		else name_line[$3] = NR
	}')
if [ -n "$problems" ]; then
	echo "$problems" | sed 's/^/syscalltbl.sh: /' >&2
	exit 1
fi

mkdir -p "$(dirname "$out")"

# The function a row's number runs: the compat entry point, else the entry point, else none.
FN='function fn() { return NF >= 5 ? $5 : NF >= 4 ? $4 : "sys_ni_syscall" }'

{
	echo "/* Generated from $in by scripts/syscalltbl.sh: do not edit. */"
	case "$mode" in
	table)
		rows | sort -n | awk "$FN"' { print "__SYSCALL(" $1 ", " fn() ")" }'
		;;
	entries)
		rows | awk "$FN"' fn() != "sys_ni_syscall" { print fn() }' | sort -u |
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
		rows | awk "$FN"' fn() != "sys_ni_syscall" { print fn() }' | sort -u |
			awk '{ print "extern const struct syscall_metadata __syscall_meta_" $1 " __attribute__((weak));" }'
		echo "static const char *const names[] = {"
		rows | sort -n | awk '{ print "\t[" $1 "] = \"" $3 "\"," }'
		echo "};"
		echo "static const struct syscall_metadata *const meta[sizeof(names) / sizeof(names[0])] = {"
		rows | sort -n | awk "$FN"' fn() != "sys_ni_syscall" { print "\t[" $1 "] = &__syscall_meta_" fn() "," }'
		echo "};"
		echo "/* Declared here too, for sparse: the arch's trace_channel.c names it. */"
		echo "extern const struct syscall_abi syscall_abi_$guard;"
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
