/*
 * Unit tests of fs/elf_plan.c, the ELF loader's checks of an untrusted file: a static
 * program is planned whole (its code span, AT_PHDR); each bad file the issue names (a
 * dynamic ELF, a static ET_DYN, a segment in the kernel half, larger than the file, p_filesz
 * over p_memsz, an offset not in step with its address, the entry outside the code, program
 * headers outside the file) gets its errno and a reason, and sums that would wrap past 2^64
 * are refused, not wrapped. Overlapping segments are accepted (the later one replaces the
 * earlier's pages, as MAP_FIXED). The fuzz harness tests/fuzz/fuzz_elf.c covers the rest.
 */
#include <string.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/elf_plan.h>
#include "ktap.h"

#define TASK64	((1ULL << 47) - 4096)	/* x86_64's user limit */
#define TASK32	0xffffe000ULL		/* i386's */
#define BASE	0x400000ULL

static unsigned char file[4096];
static size_t file_len;

/* An empty file of len bytes that starts as a little-endian ELF of this class. */
static void new_file(size_t len, unsigned char class)
{
	memset(file, 0, sizeof(file));
	memcpy(file, ELFMAG, 4);
	file[EI_CLASS] = class;
	file[EI_DATA] = ELFDATA2LSB;
	file[EI_VERSION] = EV_CURRENT;
	file_len = len;
}

/* An ELF64 x86_64 ET_EXEC of len bytes with n program headers right after its header. */
static Elf64_Phdr *elf64(size_t len, int n, u64 entry, u16 type)
{
	Elf64_Ehdr *eh = (Elf64_Ehdr *)file;

	new_file(len, ELFCLASS64);
	eh->e_type = type;
	eh->e_machine = 62;
	eh->e_entry = entry;
	eh->e_phoff = sizeof(*eh);
	eh->e_phentsize = sizeof(Elf64_Phdr);
	eh->e_phnum = n;
	return (Elf64_Phdr *)(file + sizeof(*eh));
}

static void load64(Elf64_Phdr *ph, u32 flags, u64 off, u64 vaddr, u64 filesz, u64 memsz)
{
	*ph = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = flags, .p_offset = off,
			    .p_vaddr = vaddr, .p_filesz = filesz, .p_memsz = memsz };
}

/* A text segment (the whole first page of the file) and a data segment with a bss. */
static Elf64_Phdr *good64(int extra)
{
	Elf64_Phdr *ph = elf64(0x1100, 2 + extra, BASE + 0x100, ET_EXEC);

	load64(&ph[0], PF_R | PF_X, 0, BASE, 0x1000, 0x1000);
	load64(&ph[1], PF_R | PF_W, 0x1000, BASE + 0x2000, 0x100, 0x3000);
	return ph;
}

static int plan(struct elf_plan *p, u64 task_size)
{
	size_t buf_len = file_len < 256 ? file_len : 256;	/* exec's first bytes */
	int err = elf_plan_header(file, buf_len, file_len, p);

	if (err)
		return err;
	return elf_plan_segments(p, file + p->phoff, file_len, task_size);
}

TEST(static_program_is_planned)
{
	struct elf_plan p;

	good64(0);
	EXPECT_EQ(plan(&p, TASK64), 0);
	EXPECT(!p.compat && !p.dyn && !p.interp);
	EXPECT_EQ(p.start_code, BASE);
	EXPECT_EQ(p.end_code, BASE + 0x1000);
	EXPECT_EQ(p.phdr_addr, BASE + sizeof(Elf64_Ehdr));	/* inside the text segment */
	EXPECT_EQ(p.entry, BASE + 0x100);
}

TEST(dynamic_program_refused_with_its_interpreter)
{
	struct elf_plan p;
	Elf64_Phdr *ph = good64(1);

	ph[2] = (Elf64_Phdr){ .p_type = PT_INTERP, .p_offset = 0x200, .p_filesz = 28 };
	EXPECT_EQ(plan(&p, TASK64), -ENOEXEC);
	EXPECT(p.interp && p.interp_offset == 0x200 && p.interp_filesz == 28);
	EXPECT(p.why && strstr(p.why, "PT_INTERP"));
}

TEST(static_pie_refused)
{
	struct elf_plan p;

	good64(0);
	((Elf64_Ehdr *)file)->e_type = ET_DYN;
	EXPECT_EQ(plan(&p, TASK64), -ENOEXEC);
	EXPECT(p.dyn && p.why && strstr(p.why, "ET_DYN"));
}

TEST(overlapping_segments_accepted)
{
	struct elf_plan p;
	Elf64_Phdr *ph = good64(0);

	load64(&ph[1], PF_R | PF_W, 0x800, BASE + 0x800, 0x100, 0x3000);	/* over the text */
	EXPECT_EQ(plan(&p, TASK64), 0);
}

TEST(segment_in_the_kernel_half_refused)
{
	struct elf_plan p;
	Elf64_Phdr *ph = good64(0);

	load64(&ph[1], PF_R | PF_W, 0, 0xffff800000000000ULL, 0, 0x1000);
	EXPECT_EQ(plan(&p, TASK64), -EINVAL);
	load64(&ph[1], PF_R | PF_W, 0, TASK64 - 0x800, 0, 0x801);	/* one byte over */
	EXPECT_EQ(plan(&p, TASK64), -EINVAL);
	load64(&ph[1], PF_R | PF_W, 0, TASK64 - 0x1000, 0, 0x1000);	/* the last page: fine */
	EXPECT_EQ(plan(&p, TASK64), 0);
	EXPECT(p.why == NULL);
}

TEST(segment_larger_than_the_file_refused)
{
	struct elf_plan p;
	Elf64_Phdr *ph = good64(0);

	load64(&ph[1], PF_R | PF_W, 0x1000, BASE + 0x2000, 0x101, 0x3000);	/* one byte */
	EXPECT_EQ(plan(&p, TASK64), -ENOEXEC);
	EXPECT(p.why && strstr(p.why, "outside the file"));
	load64(&ph[1], PF_R | PF_W, 0x1000, BASE + 0x2000, ~0ULL - 0xfff, ~0ULL);	/* wraps */
	EXPECT_EQ(plan(&p, TASK64), -ENOEXEC);
	load64(&ph[1], PF_R | PF_W, 0x12345, BASE + 0x2345, 0, 0x100);	/* bss only: any offset */
	EXPECT_EQ(plan(&p, TASK64), 0);
}

TEST(filesz_over_memsz_and_misaligned_offset_are_einval)
{
	struct elf_plan p;
	Elf64_Phdr *ph = good64(0);

	load64(&ph[1], PF_R | PF_W, 0x1000, BASE + 0x2000, 0x100, 0x80);
	EXPECT_EQ(plan(&p, TASK64), -EINVAL);
	load64(&ph[1], PF_R | PF_W, 0x1010, BASE + 0x2000, 0x10, 0x80);
	EXPECT_EQ(plan(&p, TASK64), -EINVAL);
	EXPECT(p.why && strstr(p.why, "page offset"));
}

TEST(address_sums_that_would_wrap_are_refused)
{
	struct elf_plan p;
	Elf64_Phdr *ph = good64(0);

	load64(&ph[1], PF_R | PF_W, 0, 0x1000, 0, ~0ULL - 0x800);	/* vaddr + memsz wraps */
	EXPECT_EQ(plan(&p, TASK64), -EINVAL);
	load64(&ph[1], PF_R | PF_W, 0, ~0ULL - 0xfff, 0, 0x10);
	EXPECT_EQ(plan(&p, TASK64), -EINVAL);
}

TEST(entry_outside_the_code_and_no_code_refused)
{
	struct elf_plan p;
	Elf64_Phdr *ph = good64(0);

	((Elf64_Ehdr *)file)->e_entry = BASE + 0x2000;		/* in the data segment */
	EXPECT_EQ(plan(&p, TASK64), -ENOEXEC);
	ph[0].p_flags = PF_R;
	((Elf64_Ehdr *)file)->e_entry = BASE + 0x100;
	EXPECT_EQ(plan(&p, TASK64), -ENOEXEC);
	EXPECT(p.why && strstr(p.why, "nothing executable"));
}

TEST(program_headers_outside_the_file_refused)
{
	struct elf_plan p;
	Elf64_Ehdr *eh = (Elf64_Ehdr *)file;

	good64(0);
	eh->e_phoff = file_len - sizeof(Elf64_Phdr);		/* the second one past the end */
	EXPECT_EQ(plan(&p, TASK64), -ENOEXEC);
	eh->e_phoff = ~0ULL - 8;
	EXPECT_EQ(plan(&p, TASK64), -ENOEXEC);
	good64(0);
	eh->e_phnum = 0;
	EXPECT_EQ(plan(&p, TASK64), -ENOEXEC);
	eh->e_phnum = ELF_MAX_PHNUM + 1;
	EXPECT_EQ(plan(&p, TASK64), -ENOEXEC);
	good64(0);
	eh->e_phentsize = 32;					/* an ELF32 size in an ELF64 */
	EXPECT_EQ(plan(&p, TASK64), -ENOEXEC);
}

TEST(short_or_foreign_headers_refused)
{
	struct elf_plan p;

	good64(0);
	EXPECT_EQ(elf_plan_header(file, 40, file_len, &p), -ENOEXEC);	/* shorter than ELF32's */
	EXPECT_EQ(elf_plan_header(file, 60, file_len, &p), -ENOEXEC);	/* ELF64, cut */
	file[EI_DATA] = 2;						/* big-endian */
	EXPECT_EQ(elf_plan_header(file, 256, file_len, &p), -ENOEXEC);
	good64(0);
	file[EI_CLASS] = 3;
	EXPECT_EQ(elf_plan_header(file, 256, file_len, &p), -ENOEXEC);
	good64(0);
	((Elf64_Ehdr *)file)->e_type = 4;				/* ET_CORE */
	EXPECT_EQ(elf_plan_header(file, 256, file_len, &p), -ENOEXEC);
}

TEST(elf32_program_near_the_4g_top)
{
	struct elf_plan p;
	Elf32_Ehdr *eh = (Elf32_Ehdr *)file;
	Elf32_Phdr *ph = (Elf32_Phdr *)(file + sizeof(*eh));

	new_file(0x1000, ELFCLASS32);
	eh->e_type = ET_EXEC;
	eh->e_machine = 3;
	eh->e_entry = 0x10100;
	eh->e_phoff = sizeof(*eh);
	eh->e_phentsize = sizeof(Elf32_Phdr);
	eh->e_phnum = 2;
	ph[0] = (Elf32_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_X, .p_vaddr = 0x10000,
			      .p_filesz = 0x1000, .p_memsz = 0x1000 };
	ph[1] = (Elf32_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_W,
			      .p_vaddr = TASK32 - 0x1000, .p_memsz = 0x1000 };
	EXPECT_EQ(plan(&p, TASK32), 0);
	EXPECT(p.compat);
	ph[1].p_memsz = 0x1001;
	EXPECT_EQ(plan(&p, TASK32), -EINVAL);
	ph[1].p_vaddr = 0xfffff000;
	ph[1].p_memsz = 0xfff;
	EXPECT_EQ(plan(&p, TASK32), -EINVAL);
}
