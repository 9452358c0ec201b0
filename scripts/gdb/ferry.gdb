# gdb helpers for Ferry (loaded by scripts/gdb/attach.sh).
set pagination off
set confirm off

# ferry-syscall-bp: stop in the generic dispatcher on every system call.
define ferry-syscall-bp
  hbreak invoke_syscall
end
document ferry-syscall-bp
Stop at invoke_syscall (kernel/entry/common.c): every syscall of every route passes here.
end

# ferry-regs: the saved user registers of the syscall or exception being handled.
define ferry-regs
  print *(struct pt_regs *)$arg0
end
document ferry-regs
ferry-regs ADDR: print the struct pt_regs at ADDR (e.g. the first argument of invoke_syscall).
end
