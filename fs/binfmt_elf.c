// SPDX-License-Identifier: GPL-2.0
/*
 * Static ELF loader for ELF64 programs of the native arch and, where the arch has a 32-bit
 * ABI (x86: i386; arm64: arm, the AArch32 EABI), ELF32 programs. It maps each PT_LOAD
 * segment of the file into a fresh address space as Linux does, from the file's own pages
 * (tmpfs's page index: mm/filemap.c), nothing copied at exec:
 *
 *   - the file part of a segment is a private file mapping (vm_file, vm_pgoff from
 *     p_offset): read-only and executable pages are the file's pages, shared by every
 *     process running it; a write copies the page into the process (mm/memory.c);
 *   - the tail of the last file page of a segment with a bss is zeroed in the process's
 *     own copy of that page (never in the file's page);
 *   - the bss beyond that page is anonymous memory, zero on first touch.
 *
 * Only the ELF header (from exec's first BINPRM_BUF_SIZE bytes) and the program headers
 * are read. Then the initial stack is built exactly as Linux lays it out, from the top down:
 *
 *     [ AT_EXECFN string, platform string, 16 random bytes, argv and envp strings ]
 *     [ padding to 16 bytes ]
 *     auxv pairs ... AT_NULL          <- all words are 8 bytes (ELF64) or 4 (ELF32)
 *     envp[0] ... NULL
 *     argv[0] ... NULL
 *     argc                            <- sp on entry
 *
 * Every field read from the file is checked against the file's size and the user address
 * limit before anything is mapped, by fs/elf_plan.c (pure: the host fuzz harness
 * tests/fuzz/fuzz_elf.c runs it); a bad file gives -ENOEXEC or -EINVAL, never a half-built
 * process: program headers outside the file, a segment whose file bytes lie outside it,
 * ENOEXEC; p_filesz > p_memsz, a segment past the user limit, or p_vaddr and p_offset not
 * equal modulo the page size (Linux's mmap refuses the unaligned offset), EINVAL. A later
 * segment that overlaps an earlier one replaces its pages, as Linux's MAP_FIXED does.
 */
#include <linux/random.h>
#include <linux/kernel.h>
#include <linux/binfmts.h>
#include <linux/elf.h>
#include <linux/elf_plan.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/sched.h>
#include <linux/resource.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/err.h>
#include <linux/mmu_context.h>
#include <asm/elf.h>
#include <asm/timex.h>

#define STACK_EXPAND (128UL * 1024)	/* the stack's first size beyond its contents (Linux's) */

/* AT_HWCAP of 32-bit programs: the arch's own bits (arm64: the 32-bit ARM ones), if it has them. */
#ifndef COMPAT_ELF_HWCAP
#define COMPAT_ELF_HWCAP ELF_HWCAP
#endif

/*
 * The file's plan (linux/elf_plan.h), and the program headers it was made from: in b->buf,
 * or read from the file into phdrs_buf when they lie beyond it (Linux's elf_read).
 */
_Static_assert(ELF_PAGE_SIZE == PAGE_SIZE, "the plan's page is the kernel's");

struct elf_info {
	struct elf_plan plan;
	void *phdrs_buf;
};

/* The arch's own word on the machine: the plan checks only what any ELF must be. */
static int check_machine(struct linux_binprm *b, const struct elf_plan *plan)
{
	if (plan->compat ? ELF_HAS_COMPAT && compat_elf_check_arch((const Elf32_Ehdr *)b->buf) :
			   elf_check_arch((const Elf64_Ehdr *)b->buf))
		return 0;
	return -ENOEXEC;
}

/* The user limit of the new address space: also the plan's limit for every segment. */
static unsigned long task_size_of(bool compat)
{
	return compat ? TASK_SIZE_32 : TASK_SIZE_MAX;
}

/*
 * Only static ET_EXEC programs load here (the plan refuses the rest with ENOEXEC). A
 * dynamically linked one (PT_INTERP; ET_DYN when it is position-independent, the default of
 * most toolchains) would need its interpreter, ld.so, loaded beside it; a static
 * position-independent one (ET_DYN without PT_INTERP) a load address. Say which.
 */
static void say_unloadable(struct linux_binprm *b, const struct elf_plan *plan)
{
	char interp[64] = "?";

	if (plan->interp) {
		if (plan->interp_offset < b->size && plan->interp_filesz) {
			loff_t pos = plan->interp_offset;
			ssize_t n = kernel_read(b->file, interp,
						min((size_t)plan->interp_filesz, sizeof(interp) - 1),
						&pos);

			interp[n > 0 ? n : 0] = '\0';
			if (n <= 0)
				strlcpy(interp, "?", sizeof(interp));
		}
		pr_err("exec %s: a dynamically linked program (interpreter %s): only static "
		       "programs run here: ENOEXEC\n", b->interp, interp);
	} else if (plan->dyn) {
		pr_err("exec %s: a static position-independent program (ET_DYN): only ET_EXEC "
		       "programs load here: ENOEXEC\n", b->interp);
	}
}

static int read_plan(struct linux_binprm *b, struct elf_info *ei)
{
	struct elf_plan *plan = &ei->plan;
	const void *phdrs;
	size_t len;
	loff_t pos;
	ssize_t n;
	int err;

	err = elf_plan_header(b->buf, b->buf_len, b->size, plan);
	if (!err)
		err = check_machine(b, plan);
	if (err)
		return err;
	len = elf_plan_phdrs_len(plan);
	phdrs = b->buf + plan->phoff;
	if (plan->phoff + len > b->buf_len) {
		ei->phdrs_buf = kmalloc(len, GFP_KERNEL);
		if (!ei->phdrs_buf)
			return -ENOMEM;
		pos = plan->phoff;
		n = kernel_read(b->file, ei->phdrs_buf, len, &pos);
		if (n != (ssize_t)len)
			return n < 0 ? n : -EIO;
		phdrs = ei->phdrs_buf;
	}
	err = elf_plan_segments(plan, phdrs, b->size, task_size_of(plan->compat));
	if (err && (plan->interp || plan->dyn))
		say_unloadable(b, plan);	/* the plan refuses these first */
	return err;
}

static unsigned long vm_flags_of(u32 pf)
{
	return (pf & PF_R ? VM_READ : 0) | (pf & PF_W ? VM_WRITE : 0) | (pf & PF_X ? VM_EXEC : 0);
}

/*
 * A private mapping of file pages [pgoff, ...) at [start, end) of the new mm, as mmap's
 * MAP_PRIVATE | MAP_FIXED would make it: the area holds a reference to the file, and its
 * pages come from the file's mmap (tmpfs: generic_file_mmap) when first touched.
 */
static int map_file_area(struct mm_struct *mm, struct file *file, unsigned long start,
			 unsigned long end, unsigned long pgoff, unsigned long vm_flags)
{
	struct vm_area_struct *v;
	int err;

	if (!file->f_op || !file->f_op->mmap)
		return -ENODEV;			/* Linux's elf_map: the mmap's error */
	v = kzalloc(sizeof(*v), GFP_KERNEL);
	if (!v)
		return -ENOMEM;
	v->vm_start = start;
	v->vm_end = end;
	v->vm_flags = vm_flags;
	v->vm_pgoff = pgoff;
	v->vm_file = get_file(file);
	err = file->f_op->mmap(file, v);
	if (!err && !v->vm_file)
		err = -ENODEV;			/* made anonymous: not a file a program runs from */
	if (!err)
		err = mm_insert_vma(mm, v);
	if (err) {
		if (v->vm_file)
			fput(v->vm_file);	/* never the last: b->file holds one */
		kfree(v);
	}
	return err;
}

/*
 * Zero the page at addr from addr to its end, in the process's own copy of the page (a
 * write fault copies the file's page first; the file's page is never written). A segment
 * that may not be written gets its copy the same way, its protection put back after.
 */
static int zero_page_tail(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *v = find_vma(mm, addr);
	unsigned long off = addr & (PAGE_SIZE - 1);
	unsigned long flags;
	phys_addr_t pa;
	int err;

	if (!v)
		return 0;
	flags = v->vm_flags;
	v->vm_flags |= VM_WRITE;
	err = handle_mm_fault(mm, addr, FAULT_FLAG_WRITE);
	v->vm_flags = flags;
	if (err)
		return err;
	pa = user_page_phys(mm, addr & PAGE_MASK);
	if (!pa)
		return -EFAULT;
	memset((char *)__va(pa) + off, 0, PAGE_SIZE - off);
	if (!(flags & VM_WRITE))
		protect_user_range(mm, addr & PAGE_MASK, (addr & PAGE_MASK) + PAGE_SIZE, flags);
	return 0;
}

/* One PT_LOAD the plan accepted (linux/elf_plan.h): its checks are not repeated here. */
static int map_segment(struct linux_binprm *b, struct elf_segment *p)
{
	struct mm_struct *mm = b->mm;
	unsigned long flags = vm_flags_of(p->flags);
	u64 start, file_end, bss, anon_start, end;
	int err;

	start = ALIGN_DOWN(p->vaddr, PAGE_SIZE);
	end = ALIGN(p->vaddr + p->memsz, PAGE_SIZE);
	bss = p->vaddr + p->filesz;
	file_end = ALIGN(bss, PAGE_SIZE);
	if (p->filesz) {
		err = mm_unmap(mm, start, file_end);	/* MAP_FIXED: replace what is there */
		if (!err)
			err = map_file_area(mm, b->file, start, file_end,
					    (p->offset - (p->vaddr - start)) >> PAGE_SHIFT, flags);
		if (err)
			return err;
	}
	/* The bss: the rest of the last file page (zeroed in the process's copy), then
	 * anonymous memory. A bss starting inside a page that no segment maps starts there. */
	anon_start = file_end;
	if (p->memsz > p->filesz && (bss & (PAGE_SIZE - 1))) {
		if (find_vma(mm, bss)) {
			err = zero_page_tail(mm, bss);
			if (err)
				return err;
		} else {
			anon_start = ALIGN_DOWN(bss, PAGE_SIZE);
		}
	}
	if (end > anon_start) {
		err = mm_unmap(mm, anon_start, end);
		if (!err)
			err = mm_reserve_anon(mm, anon_start, end - anon_start, flags);
		if (err)
			return err;
	}
	/* As Linux: the data runs from the highest segment's start to its file bytes' end
	 * (brk's RLIMIT_DATA check counts end_data - start_data). */
	mm->start_data = max(mm->start_data, (unsigned long)p->vaddr);
	mm->end_data = max(mm->end_data, (unsigned long)(p->vaddr + p->filesz));
	if (p->flags & PF_X) {
		if (!mm->start_code || start < mm->start_code)
			mm->start_code = start;
		mm->end_code = max(mm->end_code, (unsigned long)(p->vaddr + p->memsz));
	}
	if (end > mm->brk)
		mm->start_brk = mm->brk = end;
	return 0;
}

/* Builds the initial stack in the new mm; 'word' is 8 (ELF64) or 4 (ELF32). */
struct stack_builder {
	struct mm_struct *mm;
	unsigned long sp;
	unsigned int word;
	int err;
};

static unsigned long push_bytes(struct stack_builder *s, const void *data, size_t len)
{
	s->sp -= len;
	if (!s->err)
		s->err = mm_copy_to(s->mm, s->sp, data, len);
	return s->sp;
}

static unsigned long push_string(struct stack_builder *s, const char *str)
{
	return push_bytes(s, str, strlen(str) + 1);
}

/* A word of the pointer block (argc, argv, envp, auxv), built in the kernel (little-endian
 * on both arches: a 32-bit word is the value's first four bytes), copied out in one go. */
static void put_word(char *block, unsigned long i, unsigned int word, unsigned long v)
{
	memcpy(block + i * word, &v, word);
}

static int build_stack(struct linux_binprm *b, struct elf_info *ei, unsigned long phdr_addr)
{
	struct mm_struct *mm = b->mm;
	unsigned long top = arch_stack_top(b->compat);
	struct stack_builder s = { mm, top, b->compat ? 4 : 8, 0 };
	unsigned long strings_at;
	unsigned long execfn, platform, random, vdso, sysinfo;
	unsigned long auxv[2 * 24];
	int n = 0, err;
	u64 rnd[2];

	/*
	 * The stack area starts as Linux's does (setup_arg_pages): what this function writes
	 * plus 128 KiB, or RLIMIT_STACK if that is less; it grows down on faults below it up
	 * to RLIMIT_STACK (expand_stack). Pages come on first touch like any anonymous memory;
	 * only the top pages written here (strings, pointers, auxv) are brought in now. Its
	 * size counts against RLIMIT_AS: a limit that cannot hold it fails the exec (-ENOMEM).
	 */
	size_t used = b->len + strlen(b->filename) + 64 + 16 +
		      (b->argc + b->envc + 3 + 2 * 24) * s.word + 16;
	size_t populate = PAGE_ALIGN(used) + PAGE_SIZE;
	size_t stack_size = min(populate + STACK_EXPAND,
				max((size_t)(task_rlimit(current, RLIMIT_STACK) & PAGE_MASK), populate));

	if (!may_expand_vm(mm, VM_STACK, stack_size >> PAGE_SHIFT))
		return -ENOMEM;
	err = mm_reserve_anon(mm, top - stack_size, stack_size, VM_READ | VM_WRITE | VM_STACK);
	for (unsigned long va = top - populate; !err && va < top; va += PAGE_SIZE)
		err = handle_mm_fault(mm, va, FAULT_FLAG_WRITE);
	if (err)
		return err;
	mm->start_stack = top;

	execfn = push_string(&s, b->filename);	/* as given to execve */
	platform = push_string(&s, b->compat ? COMPAT_ELF_PLATFORM : ELF_PLATFORM);
	get_random_bytes(rnd, sizeof(rnd));	/* the generator's: glibc's canary and pointer guard */
	random = push_bytes(&s, rnd, 16);	/* AT_RANDOM: seeds user-space canaries */
	/* argv's strings and envp's, as exec copied them: one block, argv first. */
	strings_at = push_bytes(&s, b->strings, b->len);
	mm->arg_start = strings_at;
	mm->env_end = strings_at + b->len;

	vdso = arch_setup_additional_pages(mm, b->compat);
	sysinfo = arch_vdso_sysinfo(mm, b->compat);

#define AUX(k, v) do { auxv[n++] = (k); auxv[n++] = (v); } while (0)
	if (sysinfo)
		AUX(AT_SYSINFO, sysinfo);
	if (vdso)
		AUX(AT_SYSINFO_EHDR, vdso);
	AUX(AT_HWCAP, b->compat ? COMPAT_ELF_HWCAP : ELF_HWCAP);
	AUX(AT_PAGESZ, PAGE_SIZE);
	AUX(AT_CLKTCK, 100);
	AUX(AT_PHDR, phdr_addr);
	AUX(AT_PHENT, ei->plan.phentsize);
	AUX(AT_PHNUM, ei->plan.phnum);
	AUX(AT_BASE, 0);
	AUX(AT_FLAGS, 0);
	AUX(AT_ENTRY, ei->plan.entry);
	AUX(AT_UID, current->cred.uid);
	AUX(AT_EUID, current->cred.euid);
	AUX(AT_GID, current->cred.gid);
	AUX(AT_EGID, current->cred.egid);
	AUX(AT_SECURE, 0);
	AUX(AT_RANDOM, random);
#ifdef COMPAT_ELF_HWCAP2
	if (b->compat)
		AUX(AT_HWCAP2, COMPAT_ELF_HWCAP2);	/* arm: the crypto and CRC32 bits */
#endif
	AUX(AT_EXECFN, execfn);
	AUX(AT_PLATFORM, platform);
	AUX(AT_NULL, 0);
#undef AUX

	/* argc + argv + NULL + envp + NULL + auxv, then align the final sp to 16 bytes. */
	unsigned long words = 1 + b->argc + 1 + b->envc + 1 + n;

	size_t block_len = words * s.word;
	char *block = block_len <= 4 * PAGE_SIZE ? kmalloc(block_len, GFP_KERNEL) : NULL;
	unsigned long w = 0;
	const char *str = b->strings;

	if (!block)
		block = vmalloc(block_len);	/* a long argv, or no contiguous pages free */
	if (!block)
		return -ENOMEM;
	s.sp = ALIGN_DOWN(s.sp - block_len, 16);
	put_word(block, w++, s.word, b->argc);
	for (int i = 0; i < b->argc + b->envc; i++) {
		if (i == b->argc) {
			put_word(block, w++, s.word, 0);	/* the end of argv */
			mm->arg_end = mm->env_start = strings_at + (str - b->strings);
		}
		put_word(block, w++, s.word, strings_at + (str - b->strings));
		str += strlen(str) + 1;
	}
	if (!b->envc) {
		put_word(block, w++, s.word, 0);		/* the end of argv */
		mm->arg_end = mm->env_start = strings_at + b->len;
	}
	put_word(block, w++, s.word, 0);			/* the end of envp */
	for (int i = 0; i < n; i++)
		put_word(block, w++, s.word, auxv[i]);
	if (!s.err)
		s.err = mm_copy_to(mm, s.sp, block, block_len);
	if (is_vmalloc_addr((unsigned long)block))
		vfree(block);
	else
		kfree(block);
	if (s.err)
		return s.err;
	if (top - s.sp > populate)
		return -E2BIG;		/* cannot happen: 'used' counts everything written */
	b->sp = s.sp;
	return 0;
}

int load_elf_binary(struct linux_binprm *b)
{
	struct elf_info ei = { 0 };
	struct elf_plan *plan = &ei.plan;
	struct elf_segment p;
	int err;

	err = read_plan(b, &ei);
	if (err)
		goto out;
	b->compat = plan->compat;
	b->mm = mm_alloc(task_size_of(plan->compat));
	if (!b->mm) {
		err = -ENOMEM;
		goto out;
	}

	for (int i = 0; i < plan->phnum; i++) {
		elf_plan_segment(plan, i, &p);
		if (p.type != PT_LOAD)
			continue;
		err = map_segment(b, &p);
		if (err)
			goto fail;
	}
	mm_release_dead_vmas(b->mm);		/* areas a later segment replaced */
	b->entry = plan->entry;
	err = build_stack(b, &ei, plan->phdr_addr);
	if (err)
		goto fail;
	goto out;
fail:
	mmput(b->mm);
	b->mm = NULL;
out:
	kfree(ei.phdrs_buf);
	return err;
}
