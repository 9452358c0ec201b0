# Syscall restart of the blocking calls (issue 13, "Restart"; owner: sigrestart).
# sigrestart: SA_RESTART on and off, EINTR and the time left of the sleeping calls, restart
# through restart_syscall after a stop and continue, no -ERESTART* code reaching user space;
# libc-free on every ABI and under qemu-user (tests/boot/cases_sigrestart.py).
probes-common += sigrestart
