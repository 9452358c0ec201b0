# shell.sh: the shell's own machinery -- pipes and redirection (2>&1, here-documents,
# descriptors), loops, functions, subshells, $(...), exit statuses and set -e.
# Every line is the shell's and the kernel's work (pipe, dup2, fork, wait4, execve).

echo "== pipes"
echo one two three | tr ' ' '\n' | sort | head -2
printf 'a\nb\nc\n' | while read l; do echo "got $l"; done
echo "last in pipe: $(echo x | false | true; echo $?)"
false | true; echo "pipeline status: $?"
true | false; echo "pipeline status: $?"
! true; echo "negated: $?"
yes | head -3
seq 1 20000 | tail -1
seq 1 100000 | wc -l
(exec 1>&-; echo closed) 2>/dev/null; echo "write to closed stdout: $?"

echo "== redirection"
echo out > f; echo more >> f; cat f
echo err 1>&2 2>/dev/null
( echo to-stdout; echo to-stderr >&2 ) > o 2> e; echo "o: $(cat o) e: $(cat e)"
( echo to-stdout; echo to-stderr >&2 ) > both 2>&1; sort both
( echo to-stdout; echo to-stderr >&2 ) 2>&1 >/dev/null | sed 's/^/piped: /'
ls nosuch 2>&1 | sed 's/^/captured: /'
ls nosuch 2>/dev/null; echo "status kept: $?"
exec 3> fd3; echo via3 >&3; exec 3>&-; cat fd3
exec 4< f; read first <&4; read second <&4; exec 4<&-; echo "$first/$second"
exec 5<> rw; echo hello >&5; exec 5>&-; cat rw
cat < f > f2; cat f2
: > f; wc -c < f
echo "> to a directory:"; ( echo x > . ) 2>&1
cat <<END
here document, expanded: $((6 * 7)) $(echo sub)
	tab kept
END
cat <<'END'
quoted: $nothing $(not run)
END
cat <<-END
	tabs stripped
	END
while read a b; do echo "[$a] [$b]"; done <<END
1 one
2 two words
END
cat <<A; cat <<B
first
A
second
B
x=$(cat <<END
inside substitution
END
); echo "$x"

echo "== loops"
for i in 1 2 3; do printf "%s " $i; done; echo
for w in $(echo a b c); do printf "%s." $w; done; echo
i=0; while [ $i -lt 5 ]; do i=$((i + 1)); done; echo "while: $i"
i=0; until [ $i -ge 3 ]; do i=$((i + 1)); done; echo "until: $i"
for i in 1 2 3 4 5; do [ $i = 2 ] && continue; [ $i = 4 ] && break; echo "loop $i"; done
for i in a b; do for j in 1 2 3; do [ $j = 2 ] && continue 2; echo "$i$j"; done; done
n=0; for f in *; do n=$((n + 1)); done; echo "globbed $n names"
set -- x y z; for a; do echo "arg $a"; done
case foo.txt in *.c) echo c;; *.txt) echo text;; *) echo other;; esac
total=0; seq 1 10 | while read n; do total=$((total + n)); done; echo "pipe loop is a subshell: $total"

echo "== functions"
greet() { echo "hello $1 ($#)"; }
greet world a b
ret() { return $1; }
ret 7; echo "returned $?"
fact() { if [ $1 -le 1 ]; then echo 1; else echo $(( $1 * $(fact $(($1 - 1))) )); fi; }
echo "fact 10 = $(fact 10)"
scope() { local v=inner; echo "in: $v"; }; v=outer; scope; echo "out: $v"
count() { echo $#; }; count "a b" c ""; count
setg() { g=set; }; setg; echo "global: $g"
type greet | head -1

echo "== subshells"
v=1; (v=2; echo "sub: $v"); echo "parent: $v"
(cd /; pwd); pwd | sed "s|$PWD|.|"	# the runner's directory, not ours to print
(exit 3); echo "subshell exit: $?"
( trap 'echo sub trap' EXIT; echo in-sub ); echo after
{ echo grouped; echo two; } | wc -l
echo "nested: $(echo $(echo $(echo deep)))"
echo "backquotes: `echo old style`"
x=$(printf 'trailing\n\n\n'); echo "[$x]"
n=$(ls / | grep -c .); [ $n -gt 3 ] && echo "root has entries"
echo "arith: $(( (3 + 4) * 2 )) $(( 17 % 5 )) $(( 1 << 10 )) $(( -7 / 2 )) $(( 0x10 ))"
echo "wc of many: $(seq 1 5000 | wc -c)"

echo "== exit statuses"
true; echo "true $?"; false; echo "false $?"
sh -c 'exit 42'; echo "sh exit $?"
sh -c 'exit 256'; echo "exit 256 -> $?"
nosuchcommand 2>/dev/null; echo "not found $?"
printf '#!/bin/sh\nexit 5\n' > ex; chmod 644 ex; ./ex 2>/dev/null; echo "not executable $?"
chmod 755 ex; ./ex; echo "script exit $?"
printf 'garbage\n' > bin; chmod 755 bin; ./bin 2>/dev/null; echo "no shebang: $?"
# #! lines, read by the kernel's execve (binfmt_script)
printf '#!/bin/sh -e\nfalse\necho not-reached\n' > she; chmod 755 she; ./she; echo "#!/bin/sh -e: $?"
printf '#!/bin/sh   -x   \necho spaced\n' > shx; chmod 755 shx; ./shx 2>&1; echo "spaces around the argument: $?"
printf '#!/nonexistent/interp\n' > shn; chmod 755 shn; ./shn 2>&1 | sed 's/^.*line [0-9]*: //'; echo "missing interpreter"
printf '#!%s/she\n' "$PWD" > sh2; chmod 755 sh2; ./sh2; echo "script as interpreter: $?"
printf '#!%s/sh2\n' "$PWD" > sh3; chmod 755 sh3; ./sh3; echo "two levels: $?"
for n in 4 5 6 7; do printf '#!%s/sh%d\n' "$PWD" $((n - 1)) > sh$n; chmod 755 sh$n; done
./sh5 2>&1 | sed 's/^.*line [0-9]*: //'; echo "four levels"
./sh7 2>&1 | sed 's/^.*line [0-9]*: //'; echo "six levels"
printf '#!' > shempty; chmod 755 shempty; ./shempty 2>&1 | sed 's/^.*line [0-9]*: //'; echo "bare #!"
printf '#!/bin/sh\necho "args: $0 $*" | sed "s|$PWD|.|"\n' > sha; chmod 755 sha; ./sha "a b" c
sh -c 'kill -TERM $$'; echo "killed by TERM: $?"
sh -c 'kill -KILL $$'; echo "killed by KILL: $?"
true && echo "and runs"; false && echo "never"; false || echo "or runs"
if false; then :; elif true; then echo elif; fi
[ 1 -eq 1 ]; echo "test $?"; [ a = b ]; echo "test $?"; [ ]; echo "empty test $?"

echo "== limits"
# ulimit -a less the two limits Linux derives from the amount of RAM (processes and pending
# signals: max_threads / 2 and its signal twin)
ulimit -a | grep -v -e '^-u' -e '^-i' -e 'processes' -e 'pending'
(ulimit -n 8; exec 7>/dev/null && echo "fd 7 under 8 files"; exec 8>/dev/null) 2>&1 | sed 's/^.*line [0-9]*: //'
(ulimit -n 5; cat /dev/null && echo "cat ran with 5 fds") 2>&1
(ulimit -f 1; head -c 2000 /dev/zero > big; echo "write past -f 1: $?"; wc -c < big) 2>&1
(ulimit -s 100; ulimit -s; sh -c 'ulimit -s')
(ulimit -c 0; ulimit -H -c unlimited 2>&1; echo "raise hard limit as root: $?")
(ulimit -H -n 100; ulimit -n 200 2>&1; echo "soft above hard: $?")

echo "== set -e"
sh -c 'set -e; echo a; false; echo not-reached'; echo "set -e stopped: $?"
sh -c 'set -e; false || true; echo "|| guards"'; echo "status $?"
sh -c 'set -e; if false; then :; fi; echo "if guards"'; echo "status $?"
sh -c 'set -e; false && true; echo "&& list continues"'; echo "status $?"
sh -c 'set -e; f() { false; echo "in f after false"; }; f || echo "f failed"; echo end'
sh -c 'set -e; (false); echo not-reached'; echo "subshell under set -e: $?"
sh -c 'set -e; x=$(false); echo not-reached'; echo "assignment of failing \$(): $?"
sh -c 'set -e; false | true; echo "pipeline tail decides"'; echo "status $?"
sh -c 'set -eo pipefail; false | true; echo not-reached'; echo "pipefail: $?"
sh -c 'set -u; echo $undefined; echo not-reached' 2>&1 | sed 's/^sh: //'
sh -c 'set -x; echo traced' 2>&1
echo "== done"
