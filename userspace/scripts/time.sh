# time.sh: the clock (issue 14; owner: procs) — date's year comes from the RTC at boot (no
# longer 1970), date -d @N and -u formatting with TZ rules given inline (the initramfs has
# no zoneinfo), sleeps measured by date +%s and /proc/uptime, /proc/stat's btime, and file
# times after writes, chmod and reads. Today's date varies: it is never printed, only
# checked against ranges; fixed dates are printed in full.

echo "== the clock"
y=$(date +%Y)
[ "$y" -ge 2024 ] && echo "date +%Y: 2024 or later (set from the RTC)" || echo "date +%Y: $y"
[ "$(date -u +%Z)" = UTC ] && echo "date -u +%Z: UTC"
[ -z "$TZ" ] && echo "TZ unset: date +%Z says $(date +%Z)"
now=$(date +%s)
[ "$now" -ge 1704067200 ] && echo "date +%s: after 2024-01-01T00:00:00Z"

echo "== date -d @N"
date -u -d @0
date -u -d @1000000000
date -u -d @1700000000 '+%Y-%m-%d %H:%M:%S %a %b %j %U %u %Z %s'
date -u -d @-86400 '+%F %T'
date -u -d @951782400 '+%F is day %j, a %A'
date -u -d '2024-02-29 12:34:56' '+%s %F %T'
date -u -d @1 '+%e|%k|%l|%p|%y|%C|%G|%V|%D|%R|%r'

echo "== TZ rules"
# POSIX TZ strings, which glibc reads without zoneinfo files.
TZ=UTC0 date -d @1700000000
TZ=EST5EDT,M3.2.0,M11.1.0 date -d @1700000000 '+%F %T %Z %z'
TZ=EST5EDT,M3.2.0,M11.1.0 date -d @1690000000 '+%F %T %Z %z'
TZ=CET-1CEST,M3.5.0,M10.5.0/3 date -d @1690000000 '+%F %T %Z %z'
TZ=IST-5:30 date -d @1700000000 '+%F %T %Z %z'
TZ=CET-1CEST,M3.5.0,M10.5.0/3 date -u -d @1690000000 '+%F %T %Z %z'

echo "== sleeps against the clock"
# Elapsed times vary with the machine: printed as range checks. The upper bounds are wide
# (10 s): the point is that the clock moves, and a loaded host running the guest without
# icount can stall it for seconds.
a=$(date +%s); sleep 1.2; b=$(date +%s)
d=$((b - a)); [ $d -ge 1 ] && [ $d -le 10 ] && echo "sleep 1.2: date +%s moved 1 to 10 s" || echo "sleep 1.2: date +%s moved $d s"
read u0 _ < /proc/uptime; sleep 0.5; read u1 _ < /proc/uptime
cs=$(( ${u1%.*}${u1#*.} - ${u0%.*}${u0#*.} ))
[ $cs -ge 50 ] && [ $cs -lt 1000 ] && echo "sleep 0.5: /proc/uptime moved 0.5 to 10 s" || echo "sleep 0.5: uptime moved ${cs}0 ms"
# Boot time: now - uptime is /proc/stat's btime, within 2 s.
bt=$(awk '/^btime/ { print $2 }' /proc/stat)
read u _ < /proc/uptime
skew=$(( $(date +%s) - ${u%.*} - ${bt:-0} ))
[ $skew -ge -2 ] && [ $skew -le 2 ] && echo "btime + uptime = now (within 2 s)" || echo "btime '$bt' is $skew s off"

echo "== file times"
touch -d '2001-02-03 04:05:06' old
stat -c '%y | %Y' old
touch -d '1999-12-31 23:59:59' -m old
stat -c 'mtime %y, atime %x' old
echo data > f
now=$(date +%s); m=$(stat -c %Y f)
[ $((now - m)) -ge 0 ] && [ $((now - m)) -le 2 ] && echo "a new file's mtime is now"
[ "$(stat -c %Y f)" = "$(stat -c %Z f)" ] && echo "and its ctime the same"
sleep 1.1
echo more >> f
m2=$(stat -c %Y f)
[ "$m2" -gt "$m" ] && echo "an append 1.1 s later moves mtime on"
c1=$(stat -c %Z f); sleep 1.1; chmod 600 f; c2=$(stat -c %Z f)
[ "$c2" -gt "$c1" ] && [ "$(stat -c %Y f)" = "$m2" ] && echo "chmod moves ctime on, not mtime"
touch -a -d '2010-01-01 00:00:00' f
cat f > /dev/null
# relatime: a read updates atime when it is older than mtime.
[ "$(stat -c %X f)" -ge "$m2" ] && echo "a read after the write moved atime up (relatime)"
touch -d '2020-06-15 10:20:30' f
stat -c '%y %x %s' f
[ f -nt old ] && echo "test -nt: f is newer than old"
