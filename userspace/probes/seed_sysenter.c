/*
 * The example of one of the articles this project started from (on int $0x80, sysenter and
 * syscall): exit(99) through sysenter, by calling the vDSO entry point the kernel announces
 * in the auxiliary vector as AT_SYSINFO (__kernel_vsyscall).
 */
#include <stdlib.h>
#include <elf.h>

int main(int argc, char *argv[], char *envp[])
{
  unsigned int syscall_nr = 1;
  int exit_status = 99;
  Elf32_auxv_t *auxv;

  while(*envp++ != NULL);

  for (auxv = (Elf32_auxv_t *)envp; auxv->a_type != AT_NULL; auxv++)
  {
    if (auxv->a_type == AT_SYSINFO)
    {
      break;
    }
  }

  __asm__ __volatile__ (
  "movl %0, %%eax\n\t"
  "movl %1, %%ebx\n\t"
  "call *%2\n\t"
  :
  :"m"(syscall_nr), "m"(exit_status), "m"(auxv->a_un.a_val)
  :"eax", "ebx"
  );
  return 0;
}
