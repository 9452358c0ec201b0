# archive.sh: tar and gzip round trips checked byte for byte, dd with /dev/zero and
# /dev/urandom, md5sum/sha256sum of known content, cmp.
# Archives are made from files with fixed times (touch -d) named in a fixed order, so
# their bytes -- and their checksums -- are the same on every run and every kernel.

echo "== known content"
printf '' | md5sum
printf 'abc' | md5sum
printf 'abc' | sha256sum
printf 'abc' | sha1sum
printf 'The quick brown fox jumps over the lazy dog' | sha512sum | cut -c1-32
seq 1 10000 > numbers
md5sum numbers
sha256sum numbers
md5sum numbers > sums; sha256sum numbers >> sums.256
md5sum -c sums
echo 1 >> numbers; md5sum -c sums; echo "after change: $?"
sed -i '$d' numbers; sha256sum -c sums.256

echo "== dd"
dd if=/dev/zero of=z bs=1k count=16 2>&1 | head -2	# the third line is the elapsed time
md5sum z
wc -c < z
dd if=/dev/zero bs=1000 count=3 2>/dev/null | wc -c
dd if=/dev/zero bs=1M count=2 2>/dev/null | md5sum
dd if=/dev/zero of=sparse bs=1 count=1 seek=1048575 2>/dev/null; wc -c < sparse
dd if=/dev/zero bs=4096 count=1 2>/dev/null | od -A d -t x1 | head -3
for bs in 1 100 512 4096 65536 1048576; do
	printf '%s: %s\n' $bs "$(dd if=/dev/urandom bs=$bs count=3 2>/dev/null | wc -c)"
done
dd if=/dev/urandom of=r bs=4k count=8 2>/dev/null; wc -c < r
dd if=/dev/urandom bs=1k count=4 2>/dev/null | od -A n -t x1 | wc -l
[ "$(dd if=/dev/urandom bs=16 count=1 2>/dev/null | md5sum)" != \
  "$(dd if=/dev/urandom bs=16 count=1 2>/dev/null | md5sum)" ] && echo "urandom differs between reads"
dd if=numbers bs=10 skip=2 count=3 2>/dev/null; echo
printf 'XXXX' | dd of=numbers bs=1 seek=4 conv=notrunc 2>/dev/null; head -3 numbers
printf 'short' | dd bs=100 count=1 2>&1 | head -3	# a pipe gives a partial record
dd if=/dev/zero bs=1k count=1 2>/dev/null | tr '\0' 'a' | dd of=tail bs=100 skip=9 2>&1 | head -2
wc -c < tail
dd if=nosuch of=x 2>&1; echo "dd missing: $?"
head -c 100 /dev/zero | cmp - z; echo "cmp shorter: $?"
cat /dev/null | wc -c
echo discarded > /dev/null; echo "null takes writes: $?"
head -c 5 /dev/zero | od -A n -t x1

echo "== gzip"
seq 1 20000 > big
cp big big.orig
gzip big
[ -e big ] || echo "gzip removed big"
gzip -t big.gz && echo "gzip -t ok"
gunzip big.gz
cmp big big.orig && echo "gunzip round trip identical"
gzip -c -9 big > big9.gz; gzip -c -1 big > big1.gz
[ $(wc -c < big9.gz) -le $(wc -c < big1.gz) ] && echo "-9 no larger than -1"
zcat big9.gz | md5sum
md5sum big.orig
gzip -dc big1.gz | cmp - big && echo "-1 round trip identical"
printf 'hello\n' | gzip -n | md5sum	# -n: no name or time in the header
printf 'hello\n' | gzip -n | gzip -d
head -c 100000 /dev/zero | gzip -c | wc -c
head -c 100000 /dev/zero | gzip -c | gunzip | wc -c
echo corrupt > bad.gz; gunzip bad.gz; echo "gunzip bad: $?"
dd if=/dev/urandom bs=1k count=64 2>/dev/null > rnd; gzip -c rnd | gunzip | cmp - rnd && echo "random round trip"

echo "== tar"
mkdir -p tree/sub/deeper
for f in tree/a tree/sub/b tree/sub/deeper/c; do echo "content of $f" > $f; done
seq 1 5000 > tree/sub/n
ln -s ../a tree/sub/link
ln tree/a tree/hard
chmod 640 tree/sub/b; chmod 750 tree/sub/deeper
touch -h -d '2021-03-04 05:06:07' tree/a tree/hard tree/sub/b tree/sub/deeper/c tree/sub/n tree/sub/link
touch -d '2021-03-04 05:06:07' tree/sub/deeper tree/sub tree
# Files named in this order, not found by a directory walk, so the archive's order is fixed.
LIST="tree tree/a tree/hard tree/sub tree/sub/b tree/sub/n tree/sub/link tree/sub/deeper tree/sub/deeper/c"
tar -cf t.tar --no-recursion $LIST
wc -c < t.tar
md5sum t.tar
tar -tvf t.tar
tar -tf t.tar | wc -l
mkdir out; tar -xf t.tar -C out
for f in a sub/b sub/n sub/deeper/c; do cmp tree/$f out/tree/$f || echo "DIFF $f"; done
echo "extracted files identical"
# tar sets the times of the files it extracts (not of directories or links: those are the clock's)
ls -l out/tree/sub | grep -v '^[dlt]' | awk '{ print $1, $5, $6, $7, $8, $9, $10, $11 }'
stat -c '%a %h %s %y %n' out/tree/a out/tree/hard out/tree/sub/n
stat -c '%a %h %F %n' out/tree/sub/deeper
readlink out/tree/sub/link
tar -czf t.tgz -C tree .
tar -tzf t.tgz | sort
tar -tzf t.tgz	# in the order tar found them: readdir order, newest first on tmpfs
mkdir out2; tar -xzf t.tgz -C out2 && diff -r tree out2 && echo "tar.gz round trip identical"
tar -cf - tree | tar -tf - | sort | head -3
tar -cf - $LIST --no-recursion | md5sum
tar -xf t.tar -O tree/sub/deeper/c
tar -xf nosuch.tar 2>&1; echo "tar missing: $?"
echo "== cmp"
printf 'abcdef' > c1; printf 'abcxef' > c2; printf 'abc' > c3
cmp c1 c1; echo "same: $?"
cmp c1 c2; echo "differ: $?"
cmp -l c1 c2
cmp c1 c3; echo "shorter: $?"
cmp -s c1 c2; echo "silent: $?"
cmp c1 nosuch; echo "missing: $?"
echo "== done"
