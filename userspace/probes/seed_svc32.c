/*
 * The arm (AArch32 EABI) twin of the seed programs: exit(99) through "svc #0" with the
 * number in r7 (exit = 1 in arm's table) and the status in r0. Built as ARM (seed_svc32)
 * and as Thumb (seed_svc32_thumb), where r7 is the frame pointer and is saved around it
 * (so the operands are registers: a push moves sp under an "m" operand).
 */
int main(void)
{
  unsigned long syscall_nr = 1;
  long exit_status = 99;

  __asm__ __volatile__ (
  "push {r7}\n\t"
  "mov r0, %1\n\t"
  "mov r7, %0\n\t"
  "svc #0\n\t"
  "pop {r7}"
  :
  :"r"(syscall_nr), "r"(exit_status)
  :"r0", "memory"
  );
  return 0;
}
