# gdb helpers for Ferry (loaded by scripts/gdb/attach.sh).
set pagination off
set confirm off

# ferry-syscall-bp: stop in the generic dispatcher on every system call.
define ferry-syscall-bp
  break invoke_syscall
end
document ferry-syscall-bp
Stop at invoke_syscall (include/linux/entry-common.h): every syscall of every route passes
here. It is inline, so the breakpoint has one location per arch entry function
(do_syscall_64, do_int80_syscall_32, do_SYSENTER_32, do_SYSCALL_32; el0t_64_sync_handler).
bt then lists the route from invoke_syscall out to the entry symbol (docs/follow-a-syscall.md).
end

# ferry-regs: the saved user registers of the syscall or exception being handled.
define ferry-regs
  print *(struct pt_regs *)$arg0
end
document ferry-regs
ferry-regs ADDR: print the struct pt_regs at ADDR (e.g. regs, stopped in invoke_syscall).
end
