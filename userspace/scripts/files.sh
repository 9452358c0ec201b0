# files.sh: files from the shell -- create, list, copy, move, remove, hard and symbolic
# links, permissions (chmod, umask, what root and an ordinary user may do).
# Runs in an empty directory of its own (the runner's cwd); every listing is of names this
# script made. Modification times are the clock's, so listings print the columns that do
# not depend on it (awk below); fsinfo.sh checks times set with touch -d.

umask 022
# mode, links, owner, group, size and name of ls -l (the date columns are the clock's)
lsl() { ls -ld "$@" | awk '{ printf "%s %s %s %s %s", $1, $2, $3, $4, $5; for (i = 9; i <= NF; i++) printf " %s", $i; print "" }'; }

echo "== create"
echo hello > a
printf 'line1\nline2\n' > b
: > empty
printf 'no newline' > nonl
mkdir d d/sub
mkdir -p deep/er/est
ls
ls -a
ls -p
ls -R deep
lsl a b empty nonl
wc -c a b empty nonl
echo hi >> a
cat a
set -C
( echo clobber > a ) 2>/dev/null || echo "noclobber kept a"
set +C
cat a

echo "== copy"
cp a c
cmp a c && echo "c equals a"
cp a b d
ls d
cp -r d d2
ls -R d2
chmod 600 c
cp c c2; lsl c2
cp -p c c3; lsl c3
cp a d/sub/ && ls d/sub
cp nosuch x; echo "cp missing: $?"
cp d x; echo "cp dir without -r: $?"

echo "== move"
mv c moved
ls
mv moved d/sub/
ls d/sub
mv d/sub/moved d/sub/renamed && ls d/sub
mv d2 d3 && ls -d d*
mv b d3/
ls d3
echo one > m1; echo two > m2
mv m1 m2; cat m2; ls m1 2>/dev/null || echo "m1 gone"
mkdir t; mv t d; ls d
mv d d/sub 2>&1; echo "mv into itself: $?"

echo "== remove"
rm a
ls a 2>/dev/null || echo "a removed"
rm nosuch; echo "rm missing: $?"
rm -f nosuch; echo "rm -f missing: $?"
rmdir d; echo "rmdir non-empty: $?"
rmdir deep/er/est deep/er deep && echo "rmdir chain ok"
rm d; echo "rm dir: $?"
rm -r d d3 && echo "rm -r ok"
ls

echo "== directory order"
# ls -f and find list in readdir order: Linux's tmpfs (dcache_readdir) gives the newest
# name first, and a renamed or re-created name moves to the front.
mkdir order; cd order
for n in one two three four five; do : > $n; done
ls -f | tr '\n' ' '; echo
rm three; : > six; mv one seven; ls -f | tr '\n' ' '; echo
find . | tr '\n' ' '; echo
cd ..; rm -r order

echo "== hard links"
echo data > h1
ln h1 h2
lsl h1 h2
[ "$(stat -c %i h1)" = "$(stat -c %i h2)" ] && echo "same inode"
echo more >> h2
cat h1
rm h1
lsl h2
cat h2
ln h2 h2 ; echo "ln onto itself: $?"
mkdir ld
ln ld ldl; echo "hard link to dir: $?"
link h2 h3 && stat -c '%h %n' h2 h3
unlink h3 && stat -c '%h %n' h2

echo "== symbolic links"
ln -s h2 s1
ln -s nowhere dangling
ln -s ld sd
ln -s s1 s2
lsl s1 dangling sd s2
for l in s1 dangling s2; do readlink $l; done
readlink -f s2 | sed "s|$PWD|.|"	# the absolute path names the runner's directory
cat s2
cat dangling; echo "cat dangling: $?"
[ -L dangling ] && [ ! -e dangling ] && echo "dangling is a link to nothing"
stat -c '%s %F %N' s1 dangling
stat -L -c '%s %F %n' s1
echo via > sd/file; ls ld
ls sd/; ls -d sd
rm sd; ls -d ld && ls ld
ln -s h2 s1; echo "ln -s onto existing: $?"
ln -sf b s1; readlink s1
ln -s loop1 loop2; ln -s loop2 loop1
cat loop1; echo "cat loop: $?"
mkdir sl; ln -s ../h2 sl/up; cat sl/up
ln -s "$(printf '%0200d' 0)" long; stat -c '%s' long
rm s1 s2 dangling loop1 loop2 long

echo "== permissions"
echo secret > p
for m in 0 644 600 755 4755 2755 1777 7000 u+x,g-r o+w a-x u=rw,go= 444; do
	chmod $m p && stat -c "$m %a %A" p
done
chmod 9 p; echo "chmod 9: $?"
mkdir pd; chmod 1777 pd; lsl pd; chmod 2750 pd; lsl pd
chmod 0 p; cat p && echo "root reads mode 000"
[ -r p ] && [ -w p ] && echo "root: -r -w on 000"
[ -x p ] || echo "root: no -x without an x bit"
chmod 010 p; [ -x p ] && echo "root: -x with any x bit"
printf '#!/bin/sh\necho script ran "$@"\n' > run.sh
chmod 644 run.sh; ./run.sh; echo "exec without x: $?"
chmod 755 run.sh; ./run.sh a b; echo "exec with x: $?"
chmod 700 pd; echo in > pd/f

echo "== as an ordinary user"
# su to nobody (uid 65534, in the userland's /etc/passwd); root needs no password
asuser() { su -s /bin/sh nobody -c "$*"; }
chmod 711 .
chmod 600 p; asuser cat p; echo "user reads 600 root file: $?"
chmod 604 p; asuser cat p; echo "user reads 604: $?"
asuser 'echo x >> p'; echo "user appends 604: $?"
asuser ls pd; echo "user lists 700 dir: $?"
asuser cat pd/f; echo "user reads in 700 dir: $?"
chmod 711 pd; chmod 644 pd/f; asuser cat pd/f; echo "user reads via 711 dir: $?"
asuser ls pd; echo "user lists 711 dir: $?"
asuser touch newfile; echo "user creates in 711 dir: $?"
chmod 1777 pd; asuser 'echo mine > pd/u'; lsl pd/u | awk '{print $1, $3, $4, $5, $6}'
asuser rm pd/f; echo "user removes root file in sticky dir: $?"
asuser rm pd/u; echo "user removes own file in sticky dir: $?"
asuser ./run.sh; echo "user execs 755: $?"
chmod 744 run.sh; asuser ./run.sh; echo "user execs 744: $?"
asuser chmod 777 p; echo "user chmods root file: $?"
chmod 755 .

echo "== errors"
# Which errno each misuse gets (busybox prints strerror): the kernel's order of checks.
mkdir e e/full; : > e/file; : > e/full/x
mkdir e; echo "mkdir existing: $?"
mkdir e/file; echo "mkdir over file: $?"
mkdir e/nosuch/x; echo "mkdir in missing dir: $?"
mkdir e/file/x; echo "mkdir under a file: $?"
rmdir e/file; echo "rmdir file: $?"
rmdir e/full/.; echo "rmdir dot: $?"
rmdir e/nosuch; echo "rmdir missing: $?"
mv e/full e/file; echo "mv dir over file: $?"
mv e/file e/full; ls e/full; mv e/full/file e/file
# mv into a directory renames to dir/name: over a non-empty and an empty directory there
mkdir e/other e/full/other e/empty e/full/empty; : > e/other/y; : > e/full/other/z
mv e/other e/full; echo "mv dir over non-empty dir: $?"
mv e/empty e/full; echo "mv dir over empty dir: $?"; ls e e/full
cat e; echo "cat dir: $?"
cd e/file 2>&1; echo "cd file: $?"
( : > e ) 2>&1; echo "redirect into dir: $?"
truncate -s 0 e; echo "truncate dir: $?"
ln e/file e/full/x; echo "link onto existing: $?"
ln -s anything e/file; echo "symlink onto existing: $?"
long=$(printf '%0255d' 0); : > e/$long && echo "255-byte name ok"
touch e/${long}0; echo "256-byte name: $?"
deep=e; i=0; while [ $i -lt 40 ]; do deep=$deep/$long; i=$((i + 1)); done
mkdir -p $deep 2>/dev/null; echo "mkdir -p beyond PATH_MAX: $?"
ls e/file/; echo "trailing slash on a file: $?"
cat e/file/.; echo "file as a directory: $?"
ln -s e/file fl; cat fl/; echo "symlink to file with slash: $?"
touch e/new/; echo "touch name/: $?"
rm -r e fl && echo "cleaned"

echo "== owners"
echo x > o; chmod 6755 o; chown nobody o; stat -c '%A %U %G' o	# chown takes set-id away
chmod 6755 o; chgrp nogroup o; stat -c '%A %U %G' o
chmod 2745 o; chown root o; stat -c '%A %U %G' o	# setgid without group x stays
chown 1234:5678 o; stat -c '%u %g' o
ln -s o ol; chown -h nobody ol; stat -c '%U %n' ol o
chown root:root o; chmod 666 o
asuser 'chown nobody o'; echo "user gives away root file: $?"
asuser 'touch o'; echo "user touches writable file to now: $?"
asuser 'touch -d "2001-01-01" o'; echo "user sets time of a file not its own: $?"
mkdir nd nd/a nd/b; stat -c '%h %n' nd nd/a nd/b
mv nd/a nd/b/; stat -c '%h %n' nd nd/b; rmdir nd/b/a; stat -c '%h %n' nd/b
rm -r o ol nd

echo "== umask"
umask
for u in 000 022 027 077 777; do
	umask $u
	rm -rf um; mkdir um; : > um/f
	printf '%s dir %s file %s\n' "$(umask)" "$(stat -c %a um)" "$(stat -c %a um/f)"
	chmod 700 um
done
umask 022
umask -S
umask u=rwx,g=rx,o=; umask
umask 022
echo "== done"
