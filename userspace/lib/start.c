/* C start: split the initial stack into argc/argv/envp/auxv, run main, exit with its value. */
#include <ferry/probe.h>

char **environ;
static unsigned long *auxv;

int main(int argc, char **argv, char **envp);

unsigned long getauxval(unsigned long type)
{
	for (unsigned long *a = auxv; a && a[0] != AT_NULL; a += 2)
		if (a[0] == type)
			return a[1];
	return 0;
}

unsigned long probe_arg(int argc, char **argv, const char *key, unsigned long dflt)
{
	size_t k = strlen(key);

	for (int i = 1; i < argc; i++)
		if (!memcmp(argv[i], key, k) && argv[i][k] == '=') {
			unsigned long v = 0;

			for (const char *p = argv[i] + k + 1; *p >= '0' && *p <= '9'; p++)
				v = v * 10 + (*p - '0');
			return v;
		}
	return dflt;
}

__attribute__((noreturn)) void exit(int status)
{
	for (;;)
		sys(exit_group, status);
}

__attribute__((noreturn, used)) void __start_c(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	char **e = envp;

	while (*e)
		e++;
	auxv = (unsigned long *)(e + 1);
	environ = envp;
	exit(main(argc, argv, envp));
}
