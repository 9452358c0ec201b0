/* The smallest useful probe: who am I, what machine is this, and my arguments. */
#include <ferry/probe.h>
#include <stdint.h>

struct utsname {
	char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};

int main(int argc, char **argv, char **envp)
{
	struct utsname u;

	printf("hello from %s: pid %ld, ppid %ld, tid %ld\n", argv[0], sys(getpid), sys(getppid),
	       sys(gettid));
	if (sys(uname, &u) == 0)
		printf("uname: %s %s %s\n", u.sysname, u.release, u.machine);
	for (int i = 1; i < argc; i++)
		printf("argv[%d] = %s\n", i, argv[i]);
	for (int i = 0; envp[i]; i++)
		printf("envp[%d] = %s\n", i, envp[i]);
	printf("auxv: AT_PAGESZ %lu, AT_SYSINFO_EHDR %#lx, AT_EXECFN %s\n",
	       getauxval(AT_PAGESZ), getauxval(AT_SYSINFO_EHDR), (char *)getauxval(AT_EXECFN));
	return 0;
}
