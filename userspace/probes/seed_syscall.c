/*
 * The example of one of the articles this project started from (on int $0x80, sysenter and
 * syscall): exit(99) through the x86_64 syscall instruction (exit = 60).
 */
int main(void)
{
  unsigned long syscall_nr = 60;
  long exit_status = 99;

  __asm__ __volatile__ (
  "movq %0, %%rax\n\t"
  "movq %1, %%rdi\n\t"
  "syscall"
  :
  :"m"(syscall_nr), "m"(exit_status)
  :"rax", "rdi"
  );
  return 0;
}
