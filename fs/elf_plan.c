// SPDX-License-Identifier: GPL-2.0
/*
 * What an exec may load, decided from the ELF file's bytes alone (include/linux/elf_plan.h):
 * the checks fs/binfmt_elf.c made while it mapped, taken out so that nothing is mapped
 * before the whole file has been judged, and so a host fuzz harness can throw any bytes at
 * them (tests/fuzz/fuzz_elf.c). Every field is checked before it is used as an offset or
 * a size; the arithmetic is written so that no sum can wrap.
 */
#include <linux/kernel.h>
#include <linux/elf.h>
#include <linux/elf_plan.h>
#include <linux/errno.h>
#include <linux/string.h>

static int refuse(struct elf_plan *plan, int err, const char *why)
{
	plan->why = why;
	return err;
}

int elf_plan_header(const void *buf, size_t buf_len, u64 file_size, struct elf_plan *plan)
{
	const unsigned char *d = buf;

	memset(plan, 0, sizeof(*plan));
	if (buf_len < sizeof(Elf32_Ehdr) || memcmp(d, ELFMAG, 4))
		return refuse(plan, -ENOEXEC, "no ELF header");
	if (d[EI_DATA] != ELFDATA2LSB || d[EI_VERSION] != EV_CURRENT)
		return refuse(plan, -ENOEXEC, "not little-endian ELF version 1");
	if (d[EI_CLASS] == ELFCLASS64 && buf_len >= sizeof(Elf64_Ehdr)) {
		const Elf64_Ehdr *eh = buf;

		if (eh->e_phentsize != sizeof(Elf64_Phdr))
			return refuse(plan, -ENOEXEC, "program header size");
		*plan = (struct elf_plan){ .dyn = eh->e_type == ET_DYN, .machine = eh->e_machine,
			.e_flags = eh->e_flags, .entry = eh->e_entry, .phoff = eh->e_phoff,
			.phnum = eh->e_phnum, .phentsize = eh->e_phentsize };
		if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
			return refuse(plan, -ENOEXEC, "neither ET_EXEC nor ET_DYN");
	} else if (d[EI_CLASS] == ELFCLASS32) {
		const Elf32_Ehdr *eh = buf;

		if (eh->e_phentsize != sizeof(Elf32_Phdr))
			return refuse(plan, -ENOEXEC, "program header size");
		*plan = (struct elf_plan){ .compat = true, .dyn = eh->e_type == ET_DYN,
			.machine = eh->e_machine, .e_flags = eh->e_flags, .entry = eh->e_entry,
			.phoff = eh->e_phoff, .phnum = eh->e_phnum, .phentsize = eh->e_phentsize };
		if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
			return refuse(plan, -ENOEXEC, "neither ET_EXEC nor ET_DYN");
	} else {
		return refuse(plan, -ENOEXEC, "ELF class");
	}
	if (!plan->phnum || plan->phnum > ELF_MAX_PHNUM || plan->phoff > file_size ||
	    elf_plan_phdrs_len(plan) > file_size - plan->phoff)
		return refuse(plan, -ENOEXEC, "program headers outside the file");
	return 0;
}

void elf_plan_segment(const struct elf_plan *plan, int i, struct elf_segment *seg)
{
	const unsigned char *at = plan->phdrs + (size_t)i * plan->phentsize;

	if (plan->compat) {
		Elf32_Phdr ph;

		memcpy(&ph, at, sizeof(ph));	/* the caller's bytes need not be aligned */
		*seg = (struct elf_segment){ ph.p_type, ph.p_flags, ph.p_offset, ph.p_vaddr,
					     ph.p_filesz, ph.p_memsz };
	} else {
		Elf64_Phdr ph;

		memcpy(&ph, at, sizeof(ph));
		*seg = (struct elf_segment){ ph.p_type, ph.p_flags, ph.p_offset, ph.p_vaddr,
					     ph.p_filesz, ph.p_memsz };
	}
}

/* One PT_LOAD: its file bytes in the file, its memory below task_size, mappable. */
static int check_load(struct elf_plan *plan, const struct elf_segment *p, u64 file_size,
		      u64 task_size)
{
	/* A segment with no file bytes (pure .bss) may name any offset: linkers do. */
	if (p->filesz && (p->offset > file_size || p->filesz > file_size - p->offset))
		return refuse(plan, -ENOEXEC, "a segment's file bytes lie outside the file");
	if (p->filesz > p->memsz)
		return refuse(plan, -EINVAL, "a segment's p_filesz exceeds its p_memsz");
	/* The whole segment, rounded up to pages, below the user limit. */
	if (p->vaddr > task_size || p->memsz > task_size - p->vaddr ||
	    ALIGN(p->vaddr + p->memsz, ELF_PAGE_SIZE) > task_size)
		return refuse(plan, -EINVAL, "a segment reaches past the user address limit");
	/* The file offset must sit in its page where the address sits in its own. */
	if (p->filesz && ((p->vaddr - p->offset) & (ELF_PAGE_SIZE - 1)))
		return refuse(plan, -EINVAL, "a segment's p_vaddr and p_offset differ in page offset");
	return 0;
}

int elf_plan_segments(struct elf_plan *plan, const void *phdrs, u64 file_size, u64 task_size)
{
	struct elf_segment p;
	bool found_phdr = false;
	int err;

	plan->phdrs = phdrs;
	for (int i = 0; i < plan->phnum; i++) {
		elf_plan_segment(plan, i, &p);
		if (p.type == PT_INTERP && !plan->interp) {
			plan->interp = true;
			plan->interp_offset = p.offset;
			plan->interp_filesz = p.filesz;
		}
	}
	if (plan->interp)
		return refuse(plan, -ENOEXEC, "a dynamically linked program (PT_INTERP)");
	if (plan->dyn)
		return refuse(plan, -ENOEXEC, "a static position-independent program (ET_DYN)");
	for (int i = 0; i < plan->phnum; i++) {
		elf_plan_segment(plan, i, &p);
		if (p.type != PT_LOAD)
			continue;
		err = check_load(plan, &p, file_size, task_size);
		if (err)
			return err;
		if (p.flags & PF_X) {
			u64 start = ALIGN_DOWN(p.vaddr, ELF_PAGE_SIZE);

			if (!plan->start_code || start < plan->start_code)
				plan->start_code = start;
			plan->end_code = max(plan->end_code, p.vaddr + p.memsz);
		}
		/* AT_PHDR: where the program headers end up (inside the first such segment). */
		if (!found_phdr && p.offset <= plan->phoff && plan->phoff - p.offset < p.filesz) {
			found_phdr = true;
			plan->phdr_addr = p.vaddr + (plan->phoff - p.offset);
		}
	}
	if (!plan->start_code)
		return refuse(plan, -ENOEXEC, "nothing executable to load");
	if (plan->entry < plan->start_code || plan->entry >= plan->end_code)
		return refuse(plan, -ENOEXEC, "the entry point lies outside the executable segments");
	return 0;
}
