/*
 * vfork (issue 11): the child runs in the parent's memory (CLONE_VM) while the parent waits
 * (CLONE_VFORK) until the child exits or execs. Not run under qemu-user, which turns vfork
 * into a plain fork: its child writes a copy, and its parent does not wait.
 */
#include <ferry/probe.h>
#include <ferry/linux_types.h>

#define SIGCHLD		17
#define CLONE_VM	0x00000100
#define CLONE_VFORK	0x00004000
#define PROT_READ	1
#define PROT_WRITE	2
#define MAP_PRIVATE	2
#define MAP_ANONYMOUS	0x20

int main(void)
{
	volatile int *vf;
	int status = -1;
	long pid, r;

	ktap_plan(3);
#if defined(__i386__) || defined(__arm__)
	vf = (volatile int *)sys(mmap2, 0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
#else
	vf = (volatile int *)sys(mmap, 0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
#endif
	*vf = 0;
	/* The child only stores through vf and exits: nothing it does touches the stack frame
	 * the parent resumes in. */
	pid = sys(clone, CLONE_VM | CLONE_VFORK | SIGCHLD, 0, 0, 0, 0);
	if (pid == 0) {
		for (int i = 0; i < 50; i++)
			sys(sched_yield);	/* a parent that did not wait would run now */
		*vf = 9;
		sys(exit_group, 3);
	}
	ktap_result(pid > 0, "vfork returns the child's pid (%ld)", pid);
	ktap_result(*vf == 9, "the child ran first, in the parent's memory (%d)", *vf);
	r = sys(wait4, pid, &status, 0, 0);
	ktap_result(r == pid && status == 3 << 8, "the child's status: exit 3 (%#x)", status);
	return ktap_finish();
}
