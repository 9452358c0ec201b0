# text.sh: the text tools over files and pipes -- find, xargs, sort, uniq, wc, sed, awk,
# grep, cut, tr, head, tail. The data is made here by seq, printf and awk, so every run
# reads the same bytes.

# A small tree and a table to work on.
mkdir -p src/a src/b/c empty
printf 'int main(void) { return 0; }\n' > src/main.c
printf '#include <stdio.h>\n' > src/a/x.h
printf 'void f(void);\n' > src/a/f.c
printf 'README\n' > src/b/README
printf 'deep\n' > src/b/c/deep.c
: > src/b/c/empty.txt
cat > table <<'END'
alice 34 paris engineer
bob 27 london artist
carol 45 paris doctor
dave 27 berlin engineer
eve 38 london engineer
frank 52 paris artist
END
seq 1 1000 > numbers
awk 'BEGIN { for (i = 0; i < 300; i++) printf "w%d %d\n", (i * 7) % 13, i % 5 }' > words

echo "== find"
# find walks directories in readdir order, which is the filesystem's own (on Linux's tmpfs
# newest first); sort makes the listing the same whatever that order is.
find src | sort
find src -type f -name '*.c' | sort
find src -type d | sort
find src -empty | sort
find src -size +0 -type f | sort
find src -maxdepth 1 | sort
find src -mindepth 2 -type f | sort
find src -name '*.c' -newer table | wc -l
find src -type f -exec wc -c {} \; | sort -k2
find src -type f -exec echo {} + | tr ' ' '\n' | sort
find src -path '*b*' -prune -o -type f -print | sort
find src ! -name '*.c' -type f | sort
find nosuch; echo "find missing: $?"

echo "== xargs"
find src -name '*.c' | sort | xargs cat
seq 1 10 | xargs -n 3 echo
seq 1 5 | xargs -I{} echo "item {}"
printf 'a b\0c d\0' | xargs -0 -n 1 echo
echo | xargs echo "empty input:"
printf '' | xargs -r echo "not run"; echo "xargs -r: $?"
seq 1 3 | xargs sh -c 'exit 1'; echo "xargs child failed: $?"
seq 1 3000 | xargs echo | wc -w

echo "== sort"
sort table | head -3
sort -k2,2n -k1,1 table
sort -k3,3 -s table | cut -d' ' -f1,3
sort -r numbers | head -2
sort -n -r numbers | head -2
sort -u -k4,4 table | cut -d' ' -f4
printf '10\n9\n100\n-1\n1e3\n' | sort -n
printf 'b\nB\na\nA\n' | sort
printf 'b\nB\na\nA\n' | sort -f
printf 'x:3\ny:1\nz:2\n' | sort -t: -k2
sort -c numbers 2>&1; echo "sorted? $?"
sort -n -c numbers; echo "numerically sorted? $?"
shuf -i 1-50 | sort -n | md5sum

echo "== uniq"
cut -d' ' -f1 words | sort | uniq -c | sort -k1,1nr -k2 | head -5
cut -d' ' -f2 words | sort | uniq
cut -d' ' -f1 words | sort | uniq -d | wc -l
printf 'a\na\nb\na\n' | uniq
printf 'a\na\nb\na\n' | uniq -u
printf 'a\nA\n' | uniq -i

echo "== wc"
wc table
wc -l numbers words
wc -w < table
wc -c < numbers
printf 'no newline' | wc -l
wc -L table

echo "== sed"
sed -n '2p;$p' table
sed 's/paris/PARIS/g' table | grep PARIS | wc -l
sed -e '1d' -e 's/ [0-9]*//' table | head -2
sed -n '/bob/,/dave/p' table
sed '3q' numbers
sed 's/\([a-z]*\) \([0-9]*\)/\2 \1/' table | head -2
sed -E 's/(a+)/<\1>/g' table | head -2
sed 'y/abc/xyz/' table | head -1
echo hello > s; sed -i 's/hello/bye/' s; cat s
sed -n '$=' numbers
printf 'a\nb\nc\n' | sed '2i\
inserted'
printf 'a\nb\n' | sed 'a\
after'
printf 'one\ntwo\n' | sed -n 'H;${x;s/\n/,/g;p}'

echo "== awk"
awk '{ s += $2 } END { print "total age", s, "mean", s / NR }' table
awk '$3 == "paris" { print $1 }' table
awk -F' ' '{ n[$4]++ } END { for (k in n) print k, n[k] }' table | sort
awk 'NR % 250 == 0' numbers
awk '{ printf "%-6s|%5.1f|%x\n", $1, $2 / 3, $2 }' table | head -3
awk 'BEGIN { print length("hello"), substr("abcdef", 2, 3), index("abc", "c"), toupper("x") }'
awk 'BEGIN { n = split("a:b:c", p, ":"); print n, p[3] }'
awk 'BEGIN { x = sprintf("%05d", 42); print x; print int(7.9), 7 % 3, 2 * 10 }'
echo "a b c" | awk '{ $2 = "B"; print; print NF }'
awk '/^c/,/^e/ { print NR": "$1 }' table
awk 'BEGIN { while ((getline l < "table") > 0) n++; print n " lines via getline" }'
awk 'BEGIN { "echo piped" | getline v; print v }'
awk 'BEGIN { print "to sort" | "cat"; close("cat"); print "closed" }'
awk 'BEGIN { exit 3 }'; echo "awk exit: $?"
seq 1 100000 | awk '{ s += $1 } END { print s }'

echo "== grep"
grep paris table
grep -c engineer table
grep -v -e paris -e london table
grep -n '^[ce]' table
grep -i ALICE table
grep -w 27 table | cut -d' ' -f1
grep -E 'bob|eve' table | wc -l
grep -o '[0-9][0-9]' table | sort -u | tr '\n' ' '; echo
grep -l main -r src
grep -r -n include src
grep -q nobody table; echo "grep -q miss: $?"
grep -q alice table; echo "grep -q hit: $?"
grep x nosuch; echo "grep missing file: $?"
grep -F '.' src/main.c | wc -l
grep -x 500 numbers
grep -A1 -B1 carol table

echo "== cut"
cut -d' ' -f1,3 table
cut -c1-3 table | head -2
cut -d' ' -f2- table | head -1
echo 'a:b:c:d' | cut -d: -f2,4
echo 'a:b:c:d' | cut -d: -f3-
printf 'abcdef\n' | cut -b 2,4-5

echo "== tr"
echo 'Hello World' | tr a-z A-Z
echo 'Hello World' | tr -d lo
echo 'aaabbbccc' | tr -s a-c
echo 'a1b2c3' | tr -cd '0-9'; echo
echo 'tab	sep' | tr '\t' ' '
printf 'x y\n' | tr ' ' '\n'
head -c 256 /dev/zero | tr '\0' 'z' | wc -c

echo "== head and tail"
head -3 numbers
head -n -997 numbers
head -c 10 table; echo
tail -2 numbers
tail -n +999 numbers
tail -c 9 table
seq 1 100000 | tail -3
seq 1 100000 | head -2
tail -n 1 table words
head -1 -q table words
echo "== done"
