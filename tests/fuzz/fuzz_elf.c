/*
 * libFuzzer harness for the ELF loader's checks (fs/elf_plan.c): any bytes are a file; its
 * first BINPRM_BUF_SIZE bytes go to elf_plan_header() in a buffer of exactly their size,
 * the program headers are handed over from wherever the plan says they lie (as
 * fs/binfmt_elf.c reads them), and elf_plan_segments() judges them against both arches'
 * user limits, 64-bit and 32-bit. What it accepts is then used the way the loader uses it,
 * and must keep the plan's promises: every PT_LOAD's file bytes inside the file, its memory
 * below the limit, p_filesz <= p_memsz, offset and address alike in their page, the entry in
 * the executable span, AT_PHDR inside a loaded segment. A refusal must be ENOEXEC or EINVAL
 * with a reason. Corpus: tests/fuzz/corpus/elf (tests/fuzz/make_elf_corpus.py).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/binfmts.h>
#include <linux/elf_plan.h>

/* The user limits of x86_64 and arm64, each with its 32-bit ABI's (asm/processor.h). */
static const u64 task_sizes[2][2] = {
	{ (1ULL << 47) - 4096, 0xffffe000ULL },			/* x86_64, i386 */
	{ 1ULL << 48, (1ULL << 32) - 4096 },			/* arm64, arm */
};

static void check_accepted(const struct elf_plan *plan, u64 file_size, u64 task_size)
{
	struct elf_segment p;
	bool phdr_inside = !plan->phdr_addr;
	u64 code_lo = ~0ULL, code_hi = 0;

	for (int i = 0; i < plan->phnum; i++) {
		elf_plan_segment(plan, i, &p);
		if (p.type != PT_LOAD)
			continue;
		if (p.filesz && (p.offset > file_size || p.filesz > file_size - p.offset))
			abort();		/* file bytes outside the file */
		if (p.filesz > p.memsz || p.vaddr > task_size || p.memsz > task_size - p.vaddr ||
		    ALIGN(p.vaddr + p.memsz, ELF_PAGE_SIZE) > task_size)
			abort();		/* memory past the user limit */
		if (p.filesz && ((p.vaddr - p.offset) & (ELF_PAGE_SIZE - 1)))
			abort();		/* not mappable from the file */
		if (p.flags & PF_X) {
			code_lo = min(code_lo, ALIGN_DOWN(p.vaddr, ELF_PAGE_SIZE));
			code_hi = max(code_hi, p.vaddr + p.memsz);
		}
		if (plan->phdr_addr >= p.vaddr && plan->phdr_addr - p.vaddr < p.filesz)
			phdr_inside = true;
	}
	if (plan->entry < code_lo || plan->entry >= code_hi || !phdr_inside)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t buf_len = size < BINPRM_BUF_SIZE ? size : BINPRM_BUF_SIZE;
	unsigned char *file = malloc(size ? size : 1), *buf = malloc(buf_len ? buf_len : 1);
	struct elf_plan head, plan;

	memcpy(file, data, size);
	memcpy(buf, data, buf_len);
	if (elf_plan_header(buf, buf_len, size, &head) == 0) {
		size_t len = elf_plan_phdrs_len(&head);
		unsigned char *phdrs;

		if (head.phoff > size || len > size - head.phoff || !len)
			abort();		/* promised inside the file */
		phdrs = malloc(len);		/* exactly their size, as the loader's kmalloc */
		memcpy(phdrs, file + head.phoff, len);
		for (int arch = 0; arch < 2; arch++) {
			u64 task_size = task_sizes[arch][head.compat];
			int err;

			plan = head;
			err = elf_plan_segments(&plan, phdrs, size, task_size);
			if (!err)
				check_accepted(&plan, size, task_size);
			else if ((err != -ENOEXEC && err != -EINVAL) || !plan.why)
				abort();
		}
		free(phdrs);
	} else if (!head.why) {
		abort();
	}
	free(buf);
	free(file);
	return 0;
}
