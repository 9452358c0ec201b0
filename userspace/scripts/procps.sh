# procps.sh: what ps, top, pidof, nproc, uname, id and hostname show, and the /proc files
# they read, /proc/self/{stat,status,cmdline,maps,fd}, meminfo, uptime, mounts (issue 14;
# owner: procs). Pids, times and sizes vary from boot to boot: each filter says what it
# hides. Kernel threads are left out everywhere: Linux 6.1 runs dozens ([kworker/0:0] and
# the like, shown with their names in brackets), Ferry none.

# One number: a pid, a size, a time.
num() { sed 's/[0-9][0-9]*/N/g'; }
notkthread() { awk '$NF !~ /^\[.*\]$/'; }

echo "== ps"
# The PID column left out (-o without pid); the rest is the processes' own. Into a file
# first: the other side of a pipe would be listed as it changes from sh to its applet.
ps -o user,group,stat,comm,args > ps.out
notkthread < ps.out
# Relations instead of pids: the shell's parent, its group and session.
ps -o pid,ppid,pgid,sid,comm > ps.out
awk -v me=$$ -v pp=$PPID '$1 == me {
	print "ps: the shell is there, ppid", ($2 == pp ? "$PPID" : $2),
	      "pgid", ($3 == me ? "its own" : "its parent'\''s or another"),
	      "sid", ($4 == $3 ? "= pgid" : "another") }' ps.out
ps -o vsz,rss,nice,tty,comm > ps.out
awk 'NR == 1 { print } NR > 1 && $NF == "ps" {
	print "ps line of ps:", ($1 > 0 ? "vsz>0" : "vsz=" $1), ($2 > 0 ? "rss>0" : "rss=" $2), $3, $4 }' ps.out

echo "== top -n1 -b"
# Numbers hidden (memory, load, percentages; their widths too), processes' state and
# command sorted by command (top sorts by %CPU).
top -n1 -b > top.out
sed -n '1,3p' top.out | num | tr -s ' '
sed -n '4p' top.out
sed '1,4d' top.out | notkthread | awk 'NF { print $4, $8 }' | sort -k2

echo "== /proc/self/stat"
# awk reads its own stat: field count, comm, state, and relations to the shell.
awk -v sh=$$ '{ print NF, "fields;", $2, $3, ($4 == sh ? "ppid=shell" : "ppid?"),
	"priority", $18, "nice", $19, "threads", $20, "tty_nr", $7, "tpgid", $8 }' /proc/self/stat
read -r shstat < /proc/$$/stat
set -- $shstat
awk -v g=$5 -v s=$6 '{ print ($5 == g ? "pgrp=shell" : "pgrp?"), ($6 == s ? "sid=shell" : "sid?"),
	"starttime", ($22 > 0 ? ">0" : $22), "vsize", ($23 > 0 ? ">0" : $23), "rss", ($24 > 0 ? ">0" : $24) }' /proc/self/stat

echo "== /proc/self/status"
# The names of the lines, in order, then the values that do not vary. SigQ's limit is
# RLIMIT_SIGPENDING, which each kernel sizes from the memory it has left (Linux: half its
# max_threads): hidden.
cut -d: -f1 /proc/self/status | tr '\n' ' '; echo
grep -E '^(Name|Umask|State|Uid|Gid|Groups|Threads|TracerPid|NoNewPrivs|SigQ|SigBlk|SigIgn|SigCgt|CapEff|Seccomp):' /proc/self/status | sed 's/^SigQ:\t.*/SigQ:\tN\/N/' | cat -A

echo "== /proc/self/cmdline, comm, exe, cwd"
cat /proc/self/cmdline | tr '\0' '|'; echo
cat /proc/self/comm
readlink /proc/self/exe
readlink /proc/self/cwd

echo "== /proc/self/maps"
# Addresses and inode numbers hidden; permissions, offsets of the file's mappings and names.
awk '{ print $2, ($6 == "" ? "(anonymous)" : $6) }' /proc/self/maps | uniq

echo "== /proc/self/fd"
# The shell's descriptors and where they lead (its own script file stays open on a high fd).
# (pipe inode numbers hidden; no pipe from the loop: the shell's own copy of its ends
# would come and go)
for f in /proc/$$/fd/*; do echo "${f##*/} -> $(readlink $f)"; done > fd.out
sed 's/:\[[0-9]*\]/:[N]/' fd.out
ls /proc/self/fd | tr '\n' ' '; echo

echo "== /proc/meminfo"
# The fields, in order; sizes hidden, and the relations that hold on any machine.
cut -d: -f1 /proc/meminfo | tr '\n' ' '; echo
awk '/^MemTotal:/ { t = $2 } /^MemFree:/ { f = $2 } /^MemAvailable:/ { a = $2 }
     END { print "MemTotal > MemFree > 0:", (t > f && f > 0), "MemAvailable <= MemTotal:", (a <= t), "unit", $3 }' /proc/meminfo
free | sed -n 1p

echo "== /proc/uptime, loadavg"
num < /proc/uptime
sed 's/[0-9][0-9]*\.[0-9][0-9]/L/g; s/[0-9][0-9]*/N/g' /proc/loadavg
awk '{ print ($1 >= $2 / 64 ? "uptime and idle sane" : "idle?") }' /proc/uptime

echo "== /proc/mounts"
grep -E '^proc ' /proc/mounts

echo "== pidof, nproc, uname, id, hostname"
# The job takes the name sleep only once it runs (exec, or ash's applet call renaming it):
# wait until it has, or pidof may look first and see a second sh.
sleep 10 & s=$!
n=0; until [ "$(cat /proc/$s/comm 2>/dev/null)" = sleep ] || [ $n -ge 500 ]; do sleep 0.02; n=$((n + 1)); done
[ "$(pidof sleep)" = "$s" ] && echo "pidof sleep: the background job's pid"
kill $s; wait $s 2>/dev/null
pidof nosuchprogram; echo "pidof nosuchprogram: $?"
nproc
# Release and version name the kernel: left out.
uname -s -n -m
[ "$(uname -n)" = "$(hostname)" ] && echo "uname -n is the hostname"
id
id -u; id -g; id -un; id -gn
hostname
