/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ELF loader's checks of an untrusted file, apart from the loading (fs/elf_plan.c): no
 * VFS, no mm, so the host fuzz harness (tests/fuzz/fuzz_elf.c) runs them as they are.
 * fs/binfmt_elf.c calls elf_plan_header() on exec's first bytes, reads the program headers
 * where they lie, calls elf_plan_segments(), and maps only what the plan accepted.
 */
#ifndef _LINUX_ELF_PLAN_H
#define _LINUX_ELF_PLAN_H

#include <linux/types.h>
#include <linux/elf.h>

#define ELF_MAX_PHNUM 64	/* more program headers than this: ENOEXEC */
/* The page size segments are mapped with: PAGE_SIZE on every arch we have (binfmt_elf.c
 * asserts it); spelled out so the plan builds on the host without asm/. */
#define ELF_PAGE_SIZE 4096UL

/* One program header, whichever ELF class the file is. */
struct elf_segment {
	u32 type, flags;
	u64 offset, vaddr, filesz, memsz;
};

struct elf_plan {
	/* From the ELF header (elf_plan_header). */
	bool compat;			/* ELFCLASS32: the arch's 32-bit ABI */
	bool dyn;			/* ET_DYN */
	u16 machine;			/* e_machine, for the arch's own check */
	u32 e_flags;
	u64 entry, phoff;
	u16 phnum, phentsize;
	/* From the program headers (elf_plan_segments). */
	const unsigned char *phdrs;	/* phnum * phentsize bytes, the caller's */
	bool interp;			/* a PT_INTERP: refused (ENOEXEC), its name at: */
	u64 interp_offset, interp_filesz;
	u64 phdr_addr;			/* AT_PHDR: where the headers are mapped; 0 if not */
	u64 start_code, end_code;	/* the executable segments' span; entry lies inside */
	const char *why;		/* the reason for the last error, for messages */
};

/*
 * The ELF header in the first buf_len bytes of a file of file_size bytes: magic, class,
 * byte order, version, type (ET_EXEC or ET_DYN), program header size, and the program
 * headers' place inside the file. 0, or -ENOEXEC with plan->why.
 */
int elf_plan_header(const void *buf, size_t buf_len, u64 file_size, struct elf_plan *plan);

/* Bytes of program headers to hand to elf_plan_segments (at plan->phoff in the file). */
static inline size_t elf_plan_phdrs_len(const struct elf_plan *plan)
{
	return (size_t)plan->phnum * plan->phentsize;
}

/*
 * The program headers: no interpreter (PT_INTERP) and not ET_DYN (-ENOEXEC: only static
 * ET_EXEC programs load); each PT_LOAD's file bytes inside the file (-ENOEXEC), p_filesz
 * <= p_memsz, the whole segment below task_size, p_vaddr and p_offset equal modulo the
 * page size (-EINVAL, as Linux's mmap); an executable segment, and the entry inside the
 * executable span (-ENOEXEC). 0 with the plan filled in, or the errno with plan->why.
 */
int elf_plan_segments(struct elf_plan *plan, const void *phdrs, u64 file_size, u64 task_size);

/* Program header i (< phnum) of a plan whose headers were given. */
void elf_plan_segment(const struct elf_plan *plan, int i, struct elf_segment *seg);

#endif
