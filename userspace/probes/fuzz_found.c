/*
 * fuzz_found: the kernel bugs the syscall fuzzer (fuzz.c, docs/fuzzing.md) found, one check
 * each, replayed directly instead of through the fuzzer's seed (i386 only so far).
 *
 *   ldt_null_ds_in_sigreturn_frame: make fuzz, i386, seed=405938773 -- an rt_sigreturn frame
 *   whose DS is 0x7 (an LDT selector with index 0 and RPL 3) made the kernel load it while
 *   restoring the frame: #GP in ia32_restore_sigcontext, an Oops. A selector with index 0
 *   is the null selector only when it names the GDT (0-3). The child makes the call with a
 *   frame it built itself (no signal needed) and lands on an exit; it must end by itself
 *   (exit 0, or a SIGSEGV if the kernel refuses the frame), never take the kernel down.
 */
#include <ferry/probe.h>

#define SS_DISABLE 2

static unsigned char frame[512] __attribute__((aligned(16)));
static unsigned char landing_stack[4096] __attribute__((aligned(16)));
extern char land_and_exit[];
/* Where the restored state resumes: exit_group(0) without touching memory (DS may be null). */
__asm__(".text\n.globl land_and_exit\nland_and_exit:\n"
	"mov $252, %eax\n xor %ebx, %ebx\n int $0x80\n hlt\n");

static void put32(unsigned int off, unsigned long v)
{
	memcpy(frame + off, &v, 4);
}

static unsigned short seg(int which)
{
	unsigned short v = 0;

	if (which == 0)
		__asm__ __volatile__("mov %%fs, %0" : "=r"(v));
	else if (which == 1)
		__asm__ __volatile__("mov %%gs, %0" : "=r"(v));
	else
		__asm__ __volatile__("mov %%es, %0" : "=r"(v));
	return v;
}

/* rt_sigreturn reads the frame at esp - 4: struct rt_sigframe_ia32 laid out by hand. */
static __attribute__((noreturn)) void sigreturn_with_ds(unsigned short ds)
{
	const unsigned int mc = 164;	/* uc (at 144) + uc_flags, uc_link, uc_stack */

	memset(frame, 0, sizeof(frame));
	put32(156, SS_DISABLE);					/* uc_stack.ss_flags */
	put32(mc + 0, seg(1));					/* gs */
	put32(mc + 4, seg(0));					/* fs */
	put32(mc + 8, seg(2));					/* es */
	put32(mc + 12, ds);					/* ds */
	put32(mc + 28, (unsigned long)(landing_stack + sizeof(landing_stack) - 16));	/* esp */
	put32(mc + 56, (unsigned long)land_and_exit);		/* eip */
	put32(mc + 60, 0x23);					/* cs: USER32_CS */
	put32(mc + 64, 0x202);					/* eflags */
	put32(mc + 72, 0x2b);					/* ss: USER_DS */
	__asm__ __volatile__("mov %0, %%esp\n mov $173, %%eax\n int $0x80\n hlt"
			     : : "r"(frame + 4) : "memory");
	__builtin_unreachable();
}

int main(void)
{
	long pid;
	int status = -1;

	ktap_plan(1);
	pid = sys(clone, 17 /* SIGCHLD */, 0, 0, 0, 0);
	if (pid == 0)
		sigreturn_with_ds(0x7);
	sys(wait4, pid, &status, 0, 0);
	printf("# child status %#x\n", status);
	ktap_result(pid > 0 && (status == 0 || (status & 0x7f) == 11),
		    "ldt_null_ds_in_sigreturn_frame");
	return ktap_finish();
}
