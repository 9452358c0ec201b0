/* The arm64 twin of the seed programs: exit(99) through "svc #0" (exit = 93, number in x8). */
int main(void)
{
  unsigned long syscall_nr = 93;
  long exit_status = 99;

  __asm__ __volatile__ (
  "ldr x8, %0\n\t"
  "ldr x0, %1\n\t"
  "svc #0"
  :
  :"m"(syscall_nr), "m"(exit_status)
  :"x8", "x0"
  );
  return 0;
}
