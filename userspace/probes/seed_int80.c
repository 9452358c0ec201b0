/*
 * The example of one of the articles this project started from (on int $0x80, sysenter and
 * syscall): exit(99) through the old "int $0x80" gate. Built for i386 and for x86_64: a
 * 64-bit process may also use int $0x80, and gets the 32-bit table (exit = 1).
 */
int main(void)
{
  unsigned int syscall_nr = 1;
  int exit_status = 99;

  __asm__ __volatile__ (
  "movl %0, %%eax\n\t"
  "movl %1, %%ebx\n\t"
  "int $0x80\n\t"
  :
  :"m"(syscall_nr), "m"(exit_status)
  :"eax", "ebx"
  );
  return 0;
}
