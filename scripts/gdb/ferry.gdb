# gdb helpers for Ferry (loaded by scripts/gdb/attach.sh; docs/follow-a-syscall.md shows them).
set pagination off
set confirm off

# ferry-syscall-bp [NR]: stop in the generic dispatcher on every system call (or on number NR).
define ferry-syscall-bp
  if $argc == 0
    break invoke_syscall
  else
    break invoke_syscall if nr == $arg0
  end
end
document ferry-syscall-bp
ferry-syscall-bp [NR]: stop at invoke_syscall (include/linux/entry-common.h), which every
syscall of every route passes; with NR, only for that number of the caller's ABI (getpid is 39
on x86_64, 20 on i386, 172 on arm64). invoke_syscall is inline, so the breakpoint has one
location per arch entry function (do_syscall_64, do_int80_syscall_32, do_SYSENTER_32,
do_SYSCALL_32; el0t_64_sync_handler). bt then lists the route from invoke_syscall out to the
entry symbol (docs/follow-a-syscall.md).
end

# ferry-regs [ADDR]: the saved user registers of the syscall or exception being handled.
define ferry-regs
  if $argc == 0
    print/x *regs
  else
    print/x *(struct pt_regs *)$arg0
  end
end
document ferry-regs
ferry-regs [ADDR]: print, in hex, the struct pt_regs at ADDR, or the one the current frame's
'regs' points to (stopped in invoke_syscall or any C entry function).
end
