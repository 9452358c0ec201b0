// SPDX-License-Identifier: GPL-2.0
/*
 * Static ELF loader for ELF64 programs of the native arch and, where the arch has a 32-bit
 * ABI (x86: i386; arm64: arm, the AArch32 EABI), ELF32 programs. It maps each PT_LOAD
 * segment into a fresh address space, then builds the initial stack exactly as Linux lays
 * it out, from the top down:
 *
 *     [ AT_EXECFN string, platform string, 16 random bytes, argv and envp strings ]
 *     [ padding to 16 bytes ]
 *     auxv pairs ... AT_NULL          <- all words are 8 bytes (ELF64) or 4 (ELF32)
 *     envp[0] ... NULL
 *     argv[0] ... NULL
 *     argc                            <- sp on entry
 *
 * Every field read from the file is checked against the file's size and the user address
 * limit first; a bad file gives -ENOEXEC or -EINVAL, never a half-built process.
 */
#include <linux/random.h>
#include <linux/kernel.h>
#include <linux/binfmts.h>
#include <linux/elf.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/sched.h>
#include <linux/resource.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <asm/elf.h>
#include <asm/timex.h>

#define STACK_EXPAND (128UL * 1024)	/* the stack's first size beyond its contents (Linux's) */

/* AT_HWCAP of 32-bit programs: the arch's own bits (arm64: the 32-bit ARM ones), if it has them. */
#ifndef COMPAT_ELF_HWCAP
#define COMPAT_ELF_HWCAP ELF_HWCAP
#endif

/* One program header, whichever ELF class the file is. */
struct phdr {
	u32 type, flags;
	u64 offset, vaddr, filesz, memsz;
};

struct elf_info {
	bool compat, dyn;		/* a 32-bit program; ET_DYN (position-independent) */
	u64 entry, phoff;
	u16 phnum, phentsize;
};

static int read_header(struct linux_binprm *b, struct elf_info *ei)
{
	const unsigned char *d = (const unsigned char *)b->data;
	size_t size = b->size;

	if (size < sizeof(Elf32_Ehdr) || memcmp(d, ELFMAG, 4))
		return -ENOEXEC;
	if (d[EI_DATA] != ELFDATA2LSB || d[EI_VERSION] != EV_CURRENT)
		return -ENOEXEC;
	if (d[EI_CLASS] == ELFCLASS64 && size >= sizeof(Elf64_Ehdr)) {
		const Elf64_Ehdr *eh = (const void *)d;

		if (!elf_check_arch(eh) || (eh->e_type != ET_EXEC && eh->e_type != ET_DYN) ||
		    eh->e_phentsize != sizeof(Elf64_Phdr))
			return -ENOEXEC;
		*ei = (struct elf_info){ false, eh->e_type == ET_DYN, eh->e_entry, eh->e_phoff,
					 eh->e_phnum, eh->e_phentsize };
	} else if (d[EI_CLASS] == ELFCLASS32 && ELF_HAS_COMPAT) {
		const Elf32_Ehdr *eh = (const void *)d;

		if (!compat_elf_check_arch(eh) || (eh->e_type != ET_EXEC && eh->e_type != ET_DYN) ||
		    eh->e_phentsize != sizeof(Elf32_Phdr))
			return -ENOEXEC;
		*ei = (struct elf_info){ true, eh->e_type == ET_DYN, eh->e_entry, eh->e_phoff,
					 eh->e_phnum, eh->e_phentsize };
	} else {
		return -ENOEXEC;
	}
	if (!ei->phnum || ei->phnum > 64 || ei->phoff > size ||
	    (u64)ei->phnum * ei->phentsize > size - ei->phoff)
		return -ENOEXEC;
	return 0;
}

static void get_phdr(struct linux_binprm *b, struct elf_info *ei, int i, struct phdr *p)
{
	const unsigned char *at = (const unsigned char *)b->data + ei->phoff + i * ei->phentsize;

	if (ei->compat) {
		const Elf32_Phdr *ph = (const void *)at;

		*p = (struct phdr){ ph->p_type, ph->p_flags, ph->p_offset, ph->p_vaddr,
				    ph->p_filesz, ph->p_memsz };
	} else {
		const Elf64_Phdr *ph = (const void *)at;

		*p = (struct phdr){ ph->p_type, ph->p_flags, ph->p_offset, ph->p_vaddr,
				    ph->p_filesz, ph->p_memsz };
	}
}

static unsigned long vm_flags_of(u32 pf)
{
	return (pf & PF_R ? VM_READ : 0) | (pf & PF_W ? VM_WRITE : 0) | (pf & PF_X ? VM_EXEC : 0);
}

static int map_segment(struct linux_binprm *b, struct phdr *p)
{
	struct mm_struct *mm = b->mm;
	u64 start, end;
	int err;

	/* A segment with no file bytes (pure .bss) may name any offset: linkers do. */
	if (p->filesz > p->memsz || (p->filesz && (p->offset > b->size ||
	    p->filesz > b->size - p->offset)))
		return -ENOEXEC;
	/* The whole segment, rounded to pages, must lie below the user limit. */
	if (p->vaddr > mm->task_size || p->memsz > mm->task_size - p->vaddr)
		return -EINVAL;
	start = ALIGN_DOWN(p->vaddr, PAGE_SIZE);
	end = ALIGN(p->vaddr + p->memsz, PAGE_SIZE);
	if (end > mm->task_size)
		return -EINVAL;
	err = mm_map_anon(mm, start, end - start, vm_flags_of(p->flags));
	if (err)
		return err;
	err = mm_copy_to(mm, p->vaddr, (const char *)b->data + p->offset, p->filesz);
	if (err)
		return err;
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

static void put_word(struct stack_builder *s, unsigned long at, unsigned long v)
{
	if (!s->err)
		s->err = mm_copy_to(s->mm, at, &v, s->word);
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
	AUX(AT_PHENT, ei->phentsize);
	AUX(AT_PHNUM, ei->phnum);
	AUX(AT_BASE, 0);
	AUX(AT_FLAGS, 0);
	AUX(AT_ENTRY, ei->entry);
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

	s.sp = ALIGN_DOWN(s.sp - words * s.word, 16);
	unsigned long p = s.sp;

	const char *str = b->strings;

	put_word(&s, p, b->argc), p += s.word;
	for (int i = 0; i < b->argc + b->envc; i++) {
		if (i == b->argc) {
			put_word(&s, p, 0), p += s.word;	/* the end of argv */
			mm->arg_end = mm->env_start = strings_at + (str - b->strings);
		}
		put_word(&s, p, strings_at + (str - b->strings)), p += s.word;
		str += strlen(str) + 1;
	}
	if (!b->envc) {
		put_word(&s, p, 0), p += s.word;	/* the end of argv */
		mm->arg_end = mm->env_start = strings_at + b->len;
	}
	put_word(&s, p, 0), p += s.word;		/* the end of envp */
	for (int i = 0; i < n; i++)
		put_word(&s, p, auxv[i]), p += s.word;
	if (s.err)
		return s.err;
	if (top - s.sp > populate)
		return -E2BIG;		/* cannot happen: 'used' counts everything written */
	b->sp = s.sp;
	return 0;
}

/*
 * Only static ET_EXEC programs load here. A dynamically linked one (PT_INTERP; ET_DYN when
 * it is position-independent, the default of most toolchains) would need its interpreter,
 * ld.so, loaded beside it: refuse it with ENOEXEC and say which interpreter it names. A
 * static position-independent one (ET_DYN without PT_INTERP) would need a load address.
 */
static int refuse_unloadable(struct linux_binprm *b, struct elf_info *ei)
{
	struct phdr p;

	for (int i = 0; i < ei->phnum; i++) {
		char interp[64] = "?";

		get_phdr(b, ei, i, &p);
		if (p.type != PT_INTERP)
			continue;
		if (p.offset < b->size && p.filesz)
			strlcpy(interp, (const char *)b->data + p.offset,
				min((size_t)p.filesz, min(sizeof(interp),
				    (size_t)(b->size - p.offset) + 1)));
		pr_err("exec %s: a dynamically linked program (interpreter %s): only static "
		       "programs run here: ENOEXEC\n", b->interp, interp);
		return -ENOEXEC;
	}
	if (ei->dyn) {
		pr_err("exec %s: a static position-independent program (ET_DYN): only ET_EXEC "
		       "programs load here: ENOEXEC\n", b->interp);
		return -ENOEXEC;
	}
	return 0;
}

int load_elf_binary(struct linux_binprm *b)
{
	struct elf_info ei;
	struct phdr p;
	bool found_phdr = false;
	unsigned long phdr_addr = 0;
	int err;

	err = read_header(b, &ei);
	if (!err)
		err = refuse_unloadable(b, &ei);
	if (err)
		return err;
	b->compat = ei.compat;
	b->mm = mm_alloc(ei.compat ? TASK_SIZE_32 : TASK_SIZE_MAX);
	if (!b->mm)
		return -ENOMEM;

	for (int i = 0; i < ei.phnum; i++) {
		get_phdr(b, &ei, i, &p);
		if (p.type != PT_LOAD)
			continue;
		err = map_segment(b, &p);
		if (err)
			goto fail;
		/* AT_PHDR: where the program headers ended up (inside the first segment). */
		if (!found_phdr && p.offset <= ei.phoff && ei.phoff < p.offset + p.filesz) {
			found_phdr = true;
			phdr_addr = p.vaddr + (ei.phoff - p.offset);
		}
	}
	if (!b->mm->start_code) {
		err = -ENOEXEC;			/* nothing executable was loaded */
		goto fail;
	}
	if (ei.entry < b->mm->start_code || ei.entry >= b->mm->end_code) {
		err = -ENOEXEC;
		goto fail;
	}
	b->entry = ei.entry;
	err = build_stack(b, &ei, phdr_addr);
	if (err)
		goto fail;
	return 0;
fail:
	mmput(b->mm);
	b->mm = NULL;
	return err;
}
