# fsinfo.sh: what the kernel tells about filesystems and files -- the mount table, df
# (statfs) of /tmp, /proc and a tmpfs of a known size, stat's fields, ls -l with times set
# by touch -d, find -newer. TZ is unset, so times print in UTC on every kernel.

echo "== mount"
# Device, mount point and type of what rcS mounted, and whether each is read-write; the
# option lists hold sizes the kernel derives from its own count of RAM (tmpfs, devtmpfs).
mount | awk '$3 == "/proc" || $3 == "/dev" || $3 == "/tmp" { split($6, o, /[(,)]/); print $1, $3, $5, o[2] }'
grep -E ' (/proc|/dev|/tmp) ' /proc/mounts | awk '{ print $1, $2, $3 }'
# The root: the initramfs unpacked into the kernel's rootfs
mount | awk '$3 == "/" { split($6, o, /[(,)]/); print $1, $3, $5, o[2] }'
stat -f -c 'root: type %T bsize %s namelen %l' /
stat -c '%a %U %G %F %n' / /dev /tmp /proc
mkdir m
mount -t tmpfs -o size=1m,mode=750 small m
mount | grep " $PWD/m " | sed "s|$PWD|.|"	# the runner's directory, not ours to print
stat -c '%a %U %G' m
mount -o remount,ro m && (echo x > m/f) 2>&1 | sed "s|$PWD|.|"
mount -o remount,rw m && echo writable > m/f && cat m/f
(mount -t nosuchfs none m 2>&1; echo "mount unknown type: $?") | sed "s|$PWD|.|"
umount m; [ -e m/f ] || echo "umounted: m/f gone"
umount m 2>&1 | sed "s|$PWD|.|"

echo "== bind mounts"
mkdir src dst fdst; echo inside > src/f; : > ffile
mount --bind src dst && cat dst/f
mount | grep -c " $PWD/dst "
echo through > dst/g; cat src/g
mount -o remount,bind,ro dst && (echo x > dst/h) 2>&1 | sed "s|$PWD|.|"
echo "source still writable: $(echo y > src/h && echo yes)"
mount --bind src/f ffile && cat ffile
umount ffile dst
cd src; mount -t tmpfs t ../dst; cd ..
: > dst/busy; exec 3< dst/busy
umount dst 2>&1 | sed "s|$PWD|.|"; echo "umount with an open file: busy"
umount -l dst; echo "lazy umount: $?"
cat <&3; exec 3<&-; [ -e dst/busy ] || echo "detached: dst is empty again"

echo "== across and onto mounts"
mount -t tmpfs other dst
echo moved > mvme; mv mvme dst/ && cat dst/mvme	# rename says EXDEV, mv copies
ln dst/mvme hardx 2>&1 | sed "s|$PWD|.|"; echo "hard link across mounts"
mv dst gone 2>&1 | sed "s|$PWD|.|"; echo "rename of a mount point"
rmdir dst 2>&1 | sed "s|$PWD|.|"; echo "rmdir of a mount point"
rm -rf dst 2>&1 | sed "s|$PWD|.|"; [ -d dst ] && echo "rm -r empties the mount but leaves its point"; ls dst
umount dst
mkdir gonedir; cd gonedir; rmdir ../gonedir
pwd | sed "s|$PWD|.|"; ls 2>&1; echo "ls in a removed directory: $?"
touch f 2>&1; echo "create in a removed directory: $?"
readlink /proc/self/cwd | sed 's|.*/||'
cd ..
ln -s src sl; touch -h -d '2002-02-02 02:02:02' sl; stat -c '%Y %n' sl; rm sl	# the link's own time
cp -a src cpa; stat -c '%a %n' cpa cpa/f

echo "== df"
mount -t tmpfs -o size=1m small m
df m | sed "s|$PWD|.|"
df -k m | tail -1 | awk '{ print $2, $3, $4, $5 }'
dd if=/dev/zero of=m/file bs=1k count=100 2>/dev/null
df -k m | tail -1 | awk '{ print $2, $3, $4, $5 }'
dd if=/dev/zero of=m/full bs=1k count=2000 2>&1 | grep -v copied
df -k m | tail -1 | awk '{ print $2, $3, $4, $5 }'
rm m/full m/file; df -k m | tail -1 | awk '{ print $2, $3, $4, $5 }'
umount m
# /tmp's size is half of the RAM the kernel counts: only the names print.
df /tmp | awk 'NR > 1 { print $1, $6 }'
df /proc
df -k /proc | awk 'NR > 1 { print $1, $2, $3, $4, $6 }'
stat -f -c 'type %T bsize %s namelen %l' /tmp /proc
stat -f -c 'blocks %b free %f avail %a files %c' /proc
mount -t tmpfs -o size=1m,nr_inodes=100 small m
stat -f -c 'type %T bsize %s blocks %b free %f avail %a files %c ffree %d namelen %l' m
: > m/one; mkdir m/dir
stat -f -c 'files %c ffree %d' m
umount m

echo "== stat"
printf 'twelve bytes' > f
stat -c 'size %s blocks %b of %B io %o type %F mode %a %A links %h uid %u gid %g %U %G' f
mkdir d; stat -c 'size %s type %F mode %a links %h' d
mkdir d/x d/y; : > d/z; stat -c 'size %s links %h' d
ln -s f l; stat -c 'size %s type %F %N' l
stat -L -c 'size %s type %F' l
mkfifo p; stat -c 'size %s type %F mode %a' p
stat -c 'type %F mode %a rdev %t,%T %n' /dev/null /dev/zero /dev/full /dev/random /dev/urandom \
	/dev/tty /dev/console
stat -c 'io %o blocks %b size %s %n' /dev/null /dev/zero /proc/meminfo /proc/self/status
echo x > /dev/full; echo "write to /dev/full: $?"
head -c 8 /dev/full | od -A n -t x1
ls -l /dev/null /dev/zero | awk '{ print $1, $5, $6, $NF }'
stat -c 'blocks %b size %s %n' d d/x
ln -s "$(printf '%0100d' 0)" l100; ln -s "$(printf '%0200d' 0)" l200; ln -s "$(printf '%04000d' 0)" l4000
stat -c 'blocks %b size %s' l l100 l200 l4000
du -k f d s 2>/dev/null | sort -k2
ls -s f | awk '{ print $1 }'
stat -c 'type %F %n' /proc /proc/self/ /proc/mounts
dd if=/dev/zero of=s bs=1 count=1 seek=1000000 2>/dev/null
stat -c 'sparse: size %s blocks %b' s
dd if=/dev/zero of=full bs=4096 count=25 2>/dev/null
stat -c 'full: size %s blocks %b' full
truncate -s 10000 full; stat -c 'truncated: size %s blocks %b' full
truncate -s 0 full; stat -c 'emptied: size %s blocks %b' full
[ "$(stat -c %d f)" = "$(stat -c %d d)" ] && echo "same device for f and d"
[ "$(stat -c %d f)" != "$(stat -c %d /proc)" ] && echo "another device for /proc"
stat -c '%h' . /
stat nosuch; echo "stat missing: $?"

echo "== special files"
mknod mynull c 1 3; echo x > mynull; echo "write to own c 1 3: $?"; stat -c '%F %t,%T' mynull
mknod nodev c 250 0; cat nodev 2>&1 | sed "s|$PWD|.|"; echo "open of an absent char device"
mknod blk b 7 0; cat blk 2>&1 | sed "s|$PWD|.|"; echo "open of an absent block device"
mknod fifo p; stat -c '%F %a' fifo
asuser() { su -s /bin/sh nobody -c "$*"; }
asuser 'mknod x c 1 3' 2>&1 | sed "s|$PWD|.|"; echo "mknod as a user"
fallocate -l 10000 fa; stat -c 'fallocate: size %s blocks %b' fa
fallocate -o 20000 -l 100 fa; stat -c 'fallocate past the end: size %s blocks %b' fa
dd if=/dev/zero of=direct bs=4k count=1 oflag=direct 2>&1 | sed "s|$PWD|.|" | head -1
[ -e direct ] && echo "O_DIRECT refused, the file made all the same"
dd if=/dev/zero of=/dev/null bs=512 count=1 iflag=direct 2>&1 | head -1
fallocate -l 0 fa; echo "fallocate of nothing: $?"
mount -t tmpfs -o size=1m small m
(fallocate -l 2m m/x; echo "fallocate past size=: $?") 2>&1 | sed "s|$PWD|.|"
stat -c 'left: size %s blocks %b' m/x; df -k m | tail -1 | awk '{ print $3 }'
fallocate -l 512k m/x; stat -c 'half: size %s blocks %b' m/x; df -k m | tail -1 | awk '{ print $3 }'
fallocate -o 100000 -l 200000 m/x; stat -c 'again: size %s blocks %b' m/x
umount m
fallocate -l 100 /dev/null; echo "fallocate of a device: $?"
dd if=/dev/zero of=app bs=10 count=1 2>/dev/null; dd if=/dev/zero of=app bs=10 count=1 oflag=append conv=notrunc 2>/dev/null; wc -c < app
stat -c 'birth %W' f

echo "== times"
touch -d '2001-02-03 04:05:06' old
touch -d '2019-12-31 23:59:59' eve
touch -d '1970-01-01 00:00:00' epoch
touch -d '2038-01-19 03:14:08' y2038
touch -d '1969-12-31 23:59:00' before
touch -t 202402291200.30 leap
stat -c '%Y %y %n' old eve epoch y2038 before leap
stat -c '%X %x %n' old
ls -l --full-time old eve epoch y2038 before leap | awk '{ print $1, $5, $6, $7, $8, $9 }'
# ls -l prints the year for times more than six months from now (all of these)
ls -l old eve epoch y2038 leap | awk '{ print $1, $5, $6, $7, $8, $9 }'
ls -lt old eve epoch y2038 leap | awk '{ print $NF }'
ls -ltr old eve epoch y2038 leap | awk '{ print $NF }'
touch -r old copy; stat -c '%Y %n' copy
echo write >> old; [ "$(stat -c %Y old)" -gt 1000000000 ] && echo "a write moves mtime to now"
touch -a -d '2005-05-05 05:05:05' eve; stat -c '%X %Y %n' eve
touch -m -d '2006-06-06 06:06:06' eve; stat -c '%X %Y %n' eve
touch -c nosuch; [ -e nosuch ] || echo "touch -c created nothing"
TZ=UTC-2 stat -c '%y' eve

echo "== find -newer"
touch -d '2010-01-01 00:00:00' ref
for y in 2005 2009 2011 2020; do touch -d "$y-06-01 12:00:00" t$y; done
find . -name 't2*' -newer ref | sort
find . -name 't*' ! -newer ref | sort
find . -name 't20*' -newer t2009 ! -newer t2011 | sort
find . -maxdepth 1 -name 't*' -mtime +1000 | sort | wc -l
find . -maxdepth 1 -name 'f' -mmin -60 | wc -l	# written just now
echo "== done"
