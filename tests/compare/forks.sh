# make compare's own small script (tests/compare/forks.sh, run by `make compare
# PROBES=sh:tests/compare/forks.sh` and its make check case): a process tree with execs in it,
# deterministic on every kernel. The script's shell forks a command substitution whose
# pipeline execs tr, a pipeline of two execs (ls, wc), a subshell that execs cat, and a
# plain exec'd child (true).
echo start
x=$(echo a b | tr a-z A-Z)
echo "$x"
ls /usr/share/scripts | wc -l
(cd / && cat /etc/hostname) >/dev/null
true
echo done
