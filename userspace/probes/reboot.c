/*
 * Stopping the machine and naming it (issue 14's userland): reboot(2)'s checks in Linux's
 * order (an unprivileged caller's EPERM before anything, both magic numbers, the commands it
 * refuses, CAD_ON/CAD_OFF, RESTART2's string read with EFAULT), sethostname and setdomainname
 * (EPERM, EINVAL for a length outside 0..64, EFAULT, the name uname then shows); and last,
 * reboot(LINUX_REBOOT_CMD_POWER_OFF), which must not return: the run ends with status 0.
 * If it returns, the probe exits 1.
 *
 * Boot only, never under qemu-user: there the calls reach the host's kernel, as root.
 * Expected answers are Linux 6.1's (kernel/reboot.c, kernel/sys.c); the probe runs as /init
 * on Debian's Linux 6.1 too (scripts/userland_boot.py, docs/userland.md). SW_SUSPEND is not
 * tried: Debian's kernel has hibernation and starts it (Ferry, like Linux without it, says
 * EINVAL).
 */
#include <ferry/probe.h>
#include <ferry/linux_types.h>

#define EPERM	1
#define EFAULT	14
#define EINVAL	22
#define BAD	((void *)8)	/* an address nothing is mapped at */

#define MAGIC1		0xfee1dead
#define MAGIC2		672274793
#define MAGIC2A		85072278
#define MAGIC2B		369367448
#define MAGIC2C		537993216
#define CMD_RESTART2	0xA1B2C3D4
#define CMD_CAD_ON	0x89ABCDEF
#define CMD_CAD_OFF	0x00000000
#define CMD_POWER_OFF	0x4321FEDC
#define CMD_KEXEC	0x45584543

#if defined(__NR_setresuid32)
#define setresuid(r, e, s)	sys(setresuid32, r, e, s)
#else
#define setresuid(r, e, s)	sys(setresuid, r, e, s)
#endif

#define CHECK(cond, ...) ktap_result(!!(cond), __VA_ARGS__)

struct new_utsname {
	char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};

static long reboot(unsigned int magic1, unsigned int magic2, unsigned int cmd, void *arg)
{
	return sys(reboot, magic1, magic2, cmd, arg);
}

static int names_are(const char *node, const char *domain)
{
	struct new_utsname u;

	memset(&u, 0x5a, sizeof(u));
	return sys(uname, &u) == 0 && strcmp(u.nodename, node) == 0 &&
	       strcmp(u.domainname, domain) == 0;
}

int main(void)
{
	static const char long_name[] =
		"0123456789012345678901234567890123456789012345678901234567890123";	/* 64 */
	struct new_utsname before;

	ktap_plan(20);
	sys(uname, &before);

	/* Not privileged (euid 1000, saved uid 0 to come back): EPERM before the magic. */
	CHECK(setresuid(-1, 1000, -1) == 0, "euid 1000");
	CHECK(reboot(MAGIC1, MAGIC2, CMD_POWER_OFF, 0) == -EPERM, "reboot as euid 1000: EPERM");
	CHECK(reboot(0, 0, CMD_POWER_OFF, 0) == -EPERM, "bad magic as euid 1000: EPERM first");
	CHECK(sys(sethostname, "x", 1) == -EPERM, "sethostname as euid 1000: EPERM");
	CHECK(sys(setdomainname, "x", 1) == -EPERM, "setdomainname as euid 1000: EPERM");
	CHECK(setresuid(-1, 0, -1) == 0, "euid 0 again");

	/* Root: the magic numbers, then the command. */
	CHECK(reboot(MAGIC1 + 1, MAGIC2, CMD_POWER_OFF, 0) == -EINVAL, "bad magic1: EINVAL");
	CHECK(reboot(MAGIC1, MAGIC2 + 1, CMD_POWER_OFF, 0) == -EINVAL, "bad magic2: EINVAL");
	CHECK(reboot(MAGIC1, MAGIC2A, 0x12345678, 0) == -EINVAL &&
	      reboot(MAGIC1, MAGIC2B, 0x12345678, 0) == -EINVAL &&
	      reboot(MAGIC1, MAGIC2C, 0x12345678, 0) == -EINVAL,
	      "each magic2 accepted, an unknown command: EINVAL");
	CHECK(reboot(MAGIC1, MAGIC2, CMD_KEXEC, 0) == -EINVAL, "KEXEC (none loaded): EINVAL");
	CHECK(reboot(MAGIC1, MAGIC2, CMD_CAD_OFF, 0) == 0, "CAD_OFF: 0");
	CHECK(reboot(MAGIC1, MAGIC2C, CMD_CAD_ON, 0) == 0, "CAD_ON: 0");
	CHECK(reboot(MAGIC1, MAGIC2, CMD_RESTART2, BAD) == -EFAULT, "RESTART2, bad string: EFAULT");

	/* The names. */
	CHECK(sys(sethostname, "x", -1) == -EINVAL && sys(sethostname, long_name, 65) == -EINVAL,
	      "sethostname length -1 or 65: EINVAL");
	CHECK(sys(sethostname, BAD, 4) == -EFAULT && names_are(before.nodename, before.domainname),
	      "sethostname from a bad address: EFAULT, name unchanged");
	CHECK(sys(sethostname, "probe-host!", 10) == 0 && names_are("probe-host", before.domainname),
	      "sethostname: uname shows the first len bytes");
	CHECK(sys(sethostname, long_name, 64) == 0 && names_are(long_name, before.domainname),
	      "sethostname of 64 bytes");
	CHECK(sys(sethostname, "", 0) == 0 && names_are("", before.domainname),
	      "sethostname of 0 bytes: empty");
	CHECK(sys(setdomainname, "example.org", 11) == 0 && names_are("", "example.org"),
	      "setdomainname");
	CHECK(sys(setdomainname, "x", 65) == -EINVAL && sys(setdomainname, BAD, 1) == -EFAULT,
	      "setdomainname: EINVAL, EFAULT");
	sys(sethostname, before.nodename, strlen(before.nodename));
	sys(setdomainname, before.domainname, strlen(before.domainname));

	if (ktap_finish())
		return 1;
	printf("# powering off: the run must end with status 0\n");
	reboot(MAGIC1, MAGIC2, CMD_POWER_OFF, 0);
	printf("not ok reboot(POWER_OFF) returned\n");
	return 1;
}
