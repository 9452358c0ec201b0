# jobs.sh: background jobs, wait and the statuses it reports, kill and kill -0, trap on
# signals and EXIT, a signalled child's $? (128+n), sub-second sleep, timeout (issue 14;
# owner: procs). Pids vary from kernel to kernel: none is printed, $! is only used.

echo "== background jobs and wait"
(exit 3) & p1=$!
(exit 5) & p2=$!
wait $p2; echo "wait for the second job: $?"
wait $p1; echo "wait for the first job: $?"
true & false & wait; echo "wait with no operand: $?"
sleep 0.1 & wait $!; echo "sleep 0.1 in the background, waited: $?"
# The shell names the signal of a job it reaps inside wait ("Terminated"), but not of one
# reaped at a SIGCHLD before wait looked, which is up to the scheduler: those waits' stderr
# goes to /dev/null; the statuses are the check.
sleep 5 & p=$!
kill -0 $p; echo "kill -0 on a running job: $?"
kill $p; wait $p 2>/dev/null; echo "the job killed by SIGTERM: $?"
kill -0 $p 2>/dev/null; echo "kill -0 once it is reaped: $?"
sleep 5 & p=$!; kill -KILL $p; wait $p 2>/dev/null; echo "killed by SIGKILL: $?"
sleep 5 & p=$!; kill -USR1 $p; wait $p 2>/dev/null; echo "killed by SIGUSR1: $?"
sleep 5 & p=$!; kill -HUP $p; wait $p 2>/dev/null; echo "killed by SIGHUP: $?"
# A non-interactive shell starts background jobs with SIGINT and SIGQUIT ignored (POSIX);
# the child sets that up after the fork, before the job's first command, so the signals
# wait for the file that command makes (a handshake: a fixed delay lost on a loaded host).
( : > started; sleep 1 ) & p=$!
n=0; until [ -e started ] || [ $n -ge 500 ]; do sleep 0.02; n=$((n + 1)); done
kill -INT $p; kill -QUIT $p; wait $p; echo "SIGINT, SIGQUIT to a background job: ignored, $?"
rm -f started
wait 2>/dev/null; echo "wait with nothing left: $?"

echo "== a child's status after a signal"
sh -c 'kill -TERM $$'; echo "sh killed by its own SIGTERM: $?"
sh -c 'kill -USR2 $$'; echo "by SIGUSR2: $?"
sh -c 'kill -ALRM $$'; echo "by SIGALRM: $?"
sh -c 'exit 300'; echo "exit 300: $?"
echo "kill -l 15: $(kill -l 15), kill -l 138: $(kill -l 138)"

echo "== trap"
trap 'echo "  trap: USR1"' USR1
kill -USR1 $$; echo "after kill -USR1 of ourselves"
trap 'echo "  trap: TERM"' TERM
kill -TERM $$; echo "after kill -TERM: still here"
trap
trap - USR1 TERM
echo "traps reset:"; trap
sh -c 'trap "echo \"  EXIT trap\"" EXIT; exit 4'; echo "exit 4 with an EXIT trap: $?"
sh -c 'trap "echo \"  INT trap\"; exit 7" INT; kill -INT $$; echo not reached'; echo "INT trap that exits 7: $?"
sh -c 'trap "echo \"  EXIT after TERM\"" EXIT; trap "exit 9" TERM; kill -TERM $$'; echo "TERM trap exit 9 runs the EXIT trap: $?"
sh -c 'trap "" TERM; kill -TERM $$; echo "  TERM ignored by trap \"\""'; echo "status $?"
( trap 'echo "  subshell EXIT trap"' EXIT; echo "  in the subshell" ); echo "subshell: $?"
# A trapped signal interrupts wait: wait returns 128+n, then the trap runs. The sender
# waits until the shell sleeps (state S in /proc/PID/stat), which it does only in wait
# (nothing else it does between the forks and wait blocks): a fixed delay could fire first.
sh -c 'trap "echo \"  USR1 during wait\"" USR1
       (n=0; until [ "$(cut -d" " -f3 /proc/$$/stat)" = S ] || [ $n -ge 500 ]; do
          sleep 0.02; n=$((n + 1)); done; kill -USR1 $$) &
       sleep 5 & s=$!
       wait $s; echo "  wait interrupted: $?"; kill $s; wait $s 2>/dev/null; echo "  the sleep then killed: $?"'

echo "== sleep and timeout"
# Elapsed times vary: each is printed as a range check, from /proc/uptime's centiseconds.
# The upper bounds are wide (10 s): the point is that the clock moves, and a loaded host
# running the guest without icount can stall it for seconds.
up() { read u _ < /proc/uptime; echo "${u%.*}${u#*.}"; }
t0=$(up); sleep 0.3; t1=$(up)
d=$((t1 - t0)); [ $d -ge 30 ] && [ $d -lt 1000 ] && echo "sleep 0.3: at least 0.3 s, under 10 s" || echo "sleep 0.3 took ${d}0 ms"
t0=$(up); sleep 0.05; sleep 0.05; t1=$(up)
d=$((t1 - t0)); [ $d -ge 10 ] && [ $d -lt 1000 ] && echo "two sleep 0.05: at least 0.1 s" || echo "two sleep 0.05 took ${d}0 ms"
timeout 2 sleep 0.1; echo "timeout 2 sleep 0.1: $?"
timeout 0.2 sleep 5; echo "timeout 0.2 sleep 5: $?"
timeout -s KILL 0.2 sleep 5; echo "timeout -s KILL 0.2 sleep 5: $?"
timeout 1 sh -c 'exit 6'; echo "timeout 1 sh -c 'exit 6': $?"
# busybox timeout leaves a watcher process that notices its command has ended only at its
# next once-a-second poll: let it go before the next script lists the processes (ps, top).
# Up to 10 s (a stalled guest), which costs nothing when it goes on time.
n=0; while pidof timeout > /dev/null && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
