/*
 * clone and clone3's flags and arguments (issue 11), as Linux checks and honours them: the
 * combinations it refuses (EINVAL), clone3's size rules (EINVAL below 64 bytes, E2BIG past a
 * page or with unknown non-zero bytes), CLONE_PARENT_SETTID, CLONE_CHILD_SETTID,
 * CLONE_CHILD_CLEARTID with its futex wake at the child's exit (what pthread_join waits
 * on), set_tid_address, and a clone whose new stack is unusable: only the child dies.
 * Every ABI on Ferry. Linux's answers: the x86_64 build run directly on the host's Linux
 * (qemu-user 7.2 has no clone3 and ignores CLONE_CHILD_CLEARTID for a child process, so it
 * cannot stand in for Linux here).
 */
#include <ferry/probe.h>
#include <ferry/linux_types.h>

#define SIGCHLD			17
#define SIGSEGV			11
#define EINVAL			22
#define E2BIG			7
#define CLONE_VM		0x00000100
#define CLONE_FS		0x00000200
#define CLONE_SIGHAND		0x00000800
#define CLONE_VFORK		0x00004000
#define CLONE_THREAD		0x00010000
#define CLONE_NEWNS		0x00020000
#define CLONE_PARENT_SETTID	0x00100000
#define CLONE_CHILD_CLEARTID	0x00200000
#define CLONE_CHILD_SETTID	0x01000000
#define PROT_READ		1
#define PROT_WRITE		2
#define MAP_SHARED		1
#define MAP_ANONYMOUS		0x20
#define FUTEX_WAIT		0

struct clone_args {
	unsigned long long flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
	unsigned long long set_tid, set_tid_size, cgroup;
};

/* clone(flags, stack, parent_tid, child_tid/tls, tls/child_tid): the two last swap places
 * between x86_64 and the others; both are given the same pointer here when it matters. */
static long do_clone(unsigned long flags, unsigned long stack, int *ptid, int *ctid)
{
	return sys(clone, flags, stack, ptid, ctid, ctid);
}

/* Uses its stack (a call, a frame, a local): on the bad stack that faults at once. */
static __attribute__((noinline)) void child_on_stack(void)
{
	volatile char frame[64];

	frame[0] = 1;
	sys(exit_group, frame[0] - 1);
}

int main(void)
{
	volatile int *shm;
	int status = 0, ptid = 0;
	long r, pid;

#if defined(__i386__) || defined(__arm__)
	shm = (volatile int *)sys(mmap2, 0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
#else
	shm = (volatile int *)sys(mmap, 0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
#endif
	ktap_plan(12);

	r = do_clone(CLONE_THREAD | SIGCHLD, 0, 0, 0);
	ktap_result(r == -EINVAL, "CLONE_THREAD without CLONE_SIGHAND: -EINVAL (%ld)", r);
	r = do_clone(CLONE_SIGHAND | SIGCHLD, 0, 0, 0);
	ktap_result(r == -EINVAL, "CLONE_SIGHAND without CLONE_VM: -EINVAL (%ld)", r);
	r = do_clone(CLONE_FS | CLONE_NEWNS | SIGCHLD, 0, 0, 0);
	ktap_result(r == -EINVAL, "CLONE_FS with CLONE_NEWNS: -EINVAL (%ld)", r);

	struct clone_args ca;
	memset(&ca, 0, sizeof(ca));
	ca.exit_signal = SIGCHLD;
	r = sys(clone3, &ca, 32);
	ktap_result(r == -EINVAL, "clone3 with a 32-byte struct: -EINVAL (%ld)", r);
	r = sys(clone3, &ca, 8192);
	ktap_result(r == -E2BIG, "clone3 with a struct larger than a page: -E2BIG (%ld)", r);
	char big[sizeof(ca) + 8];
	memset(big, 0, sizeof(big));
	memcpy(big, &ca, sizeof(ca));
	big[sizeof(ca) + 3] = 1;
	r = sys(clone3, big, sizeof(big));
	ktap_result(r == -E2BIG, "clone3 with unknown non-zero trailing bytes: -E2BIG (%ld)", r);

	/* clone3 that works, with CLONE_PARENT_SETTID */
	memset(&ca, 0, sizeof(ca));
	ca.exit_signal = SIGCHLD;
	ca.flags = CLONE_PARENT_SETTID;
	ca.parent_tid = (unsigned long)&ptid;
	pid = sys(clone3, &ca, 64);
	if (pid == 0)
		sys(exit_group, 4);
	r = sys(wait4, pid, &status, 0, 0);
	ktap_result(pid > 0 && ptid == pid && r == pid && status == 4 << 8,
		    "clone3 (64-byte struct) with CLONE_PARENT_SETTID: tid %d in the parent, status %#x",
		    ptid, status);

	/* CLONE_CHILD_SETTID writes in the child's memory: here shared, so the parent sees it */
	shm[0] = 0;
	pid = do_clone(CLONE_CHILD_SETTID | SIGCHLD, 0, 0, (int *)&shm[0]);
	if (pid == 0) {
		long me = sys(gettid);

		sys(exit_group, shm[0] == me ? 0 : 1);
	}
	sys(wait4, pid, &status, 0, 0);
	ktap_result(status == 0 && shm[0] == pid, "CLONE_CHILD_SETTID: the child's tid (%d) in its memory",
		    shm[0]);

	/*
	 * CLONE_CHILD_CLEARTID: at the child's exit the kernel writes 0 there and wakes a futex
	 * waiter — only while the address space has other users (a thread, or a vfork child
	 * whose parent waits), as Linux does: a child process with its own memory is left alone.
	 */
	shm[1] = 12345;
	pid = do_clone(CLONE_CHILD_CLEARTID | SIGCHLD, 0, 0, (int *)&shm[1]);
	if (pid == 0)
		sys(exit_group, 0);
	sys(wait4, pid, &status, 0, 0);
	ktap_result(shm[1] == 12345, "CLONE_CHILD_CLEARTID in a child with its own memory: "
		    "untouched (%d)", shm[1]);
	volatile int *word = (volatile int *)&shm[2];
	*word = 777;
	pid = do_clone(CLONE_VM | CLONE_VFORK | CLONE_CHILD_CLEARTID | SIGCHLD, 0, 0, (int *)word);
	if (pid == 0)
		sys(exit_group, 0);
	r = sys(wait4, pid, &status, 0, 0);
	ktap_result(r == pid && *word == 0, "CLONE_CHILD_CLEARTID with CLONE_VM (vfork): 0 at "
		    "the child's exit (%d)", *word);

	long me = sys(gettid);

	r = sys(set_tid_address, &shm[3]);
	ktap_result(r == me, "set_tid_address returns the caller's tid (%ld)", r);

	/* an unusable stack: the child faults on its first push; the parent lives on */
	pid = do_clone(SIGCHLD, 16, 0, 0);
	if (pid == 0)
		child_on_stack();
	r = sys(wait4, pid, &status, 0, 0);
	ktap_result(r == pid && (status & 0x7f) == SIGSEGV,
		    "a child on a bad stack dies alone of SIGSEGV (status %#x)", status);
	return ktap_finish();
}
