// SPDX-License-Identifier: GPL-2.0
/*
 * Which CPUs the machine has, from ACPI: the RSDP (handed over by the boot protocol, else
 * found by the BIOS-area scan) -> the XSDT (or, for ACPI 1.0, the RSDT) -> the MADT ("APIC"),
 * whose Local APIC entries (type 0; type 9 for x2APIC IDs) name one CPU each. Every enabled
 * one becomes a possible and present CPU with its APIC ID (asm/smp.h); the boot CPU is
 * always CPU 0. Layouts: ACPI 6.x, 5.2.5 (RSDP), 5.2.6 (header), 5.2.7/8 (RSDT/XSDT),
 * 5.2.12 (MADT).
 *
 * Runs from setup_arch() before paging_init(): the tables are in the first 4 GiB under
 * QEMU and every PC firmware, which the early page tables map. Nothing here is kept after
 * boot, so the tables need no reservation. A table that fails its checks is reported once
 * and the kernel runs on the boot CPU alone.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/cpumask.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/smp.h>

struct acpi_rsdp {
	char signature[8];	/* "RSD PTR " */
	u8 checksum;		/* of the first 20 bytes */
	char oem_id[6];
	u8 revision;		/* 0: ACPI 1.0 (RSDT only); 2: the fields below exist */
	u32 rsdt_address;
	u32 length;
	u64 xsdt_address;
	u8 extended_checksum;	/* of all 'length' bytes */
	u8 reserved[3];
} __packed;

struct acpi_table_header {
	char signature[4];
	u32 length;		/* header included */
	u8 revision;
	u8 checksum;		/* the whole table sums to 0 */
	char oem_id[6];
	char oem_table_id[8];
	u32 oem_revision;
	u32 creator_id;
	u32 creator_revision;
} __packed;

struct acpi_madt {
	struct acpi_table_header header;
	u32 lapic_address;
	u32 flags;
	/* then the interrupt controller structures, each starting with type and length */
} __packed;

#define MADT_LOCAL_APIC		0
#define MADT_LOCAL_X2APIC	9
#define MADT_CPU_ENABLED	1	/* flags bit 0 */
#define MADT_CPU_ONLINE_CAPABLE	2	/* flags bit 1 (ACPI 6.3): may be enabled later */

struct madt_local_apic {		/* type 0, 8 bytes */
	u8 type, length;
	u8 processor_uid;
	u8 apic_id;
	u32 flags;
} __packed;

struct madt_local_x2apic {		/* type 9, 16 bytes */
	u8 type, length;
	u16 reserved;
	u32 x2apic_id;
	u32 flags;
	u32 processor_uid;
} __packed;

#define ACPI_TABLE_MAX		(1u << 20)	/* no MADT or XSDT comes near: beyond, corrupt */
#define BIOS_AREA_START		0xe0000
#define BIOS_AREA_END		0x100000
#define EBDA_SEGMENT_PTR	0x40e		/* BIOS data area: the EBDA's real-mode segment */

u64 boot_rsdp_phys;	/* set by the boot protocol reader (pvh.c, multiboot2.c), 0 if none */

static bool acpi_bad;	/* the first error was reported: say nothing more */

static void acpi_error(const char *what, u64 phys)
{
	if (!acpi_bad)
		pr_err("ACPI: %s at %#llx: running on the boot CPU alone\n", what,
		       (unsigned long long)phys);
	acpi_bad = true;
}

static u8 sum_bytes(const void *p, size_t len)
{
	const u8 *b = p;
	u8 sum = 0;

	while (len--)
		sum += *b++;
	return sum;
}

/* A pointer to len bytes at phys, or NULL when they are not in the early mapping. */
static const void *acpi_map(u64 phys, u64 len)
{
	if (!phys || phys >= EARLY_MAPPED_LIMIT || len > EARLY_MAPPED_LIMIT - phys)
		return NULL;
	return __va(phys);
}

static bool rsdp_valid(const struct acpi_rsdp *r)
{
	if (memcmp(r->signature, "RSD PTR ", 8) || sum_bytes(r, 20))
		return false;
	return r->revision < 2 ||
	       (r->length >= sizeof(*r) && r->length <= 4096 && !sum_bytes(r, r->length));
}

/* The BIOS places the RSDP on a 16-byte boundary in the EBDA's first KiB or in E0000-FFFFF. */
static u64 rsdp_scan(u64 start, u64 end)
{
	for (u64 p = start; p + sizeof(struct acpi_rsdp) <= end; p += 16)
		if (rsdp_valid(__va(p)))
			return p;
	return 0;
}

static u64 rsdp_find(void)
{
	u64 ebda, found;

	if (boot_rsdp_phys)
		return boot_rsdp_phys;
	ebda = (u64)*(const u16 *)__va(EBDA_SEGMENT_PTR) << 4;
	found = ebda >= 0x80000 && ebda < 0xa0000 ? rsdp_scan(ebda, ebda + 1024) : 0;
	return found ? found : rsdp_scan(BIOS_AREA_START, BIOS_AREA_END);
}

/* A table at phys whose header and checksum are sound, else NULL (reported). */
static const struct acpi_table_header *acpi_table(u64 phys, const char *sig)
{
	const struct acpi_table_header *h = acpi_map(phys, sizeof(*h));

	if (!h || h->length < sizeof(*h) || h->length > ACPI_TABLE_MAX ||
	    !acpi_map(phys, h->length)) {
		acpi_error(sig ? sig : "a table", phys);
		return NULL;
	}
	if (sig && memcmp(h->signature, sig, 4)) {
		acpi_error("root table with a wrong signature", phys);
		return NULL;
	}
	if (sum_bytes(h, h->length)) {
		acpi_error("table with a bad checksum", phys);
		return NULL;
	}
	return h;
}

/* The MADT through the XSDT (8-byte entries) or the RSDT (4-byte entries). */
static const struct acpi_madt *madt_find(const struct acpi_rsdp *rsdp)
{
	bool x = rsdp->revision >= 2 && rsdp->xsdt_address;
	u64 root_phys = x ? rsdp->xsdt_address : rsdp->rsdt_address;
	const struct acpi_table_header *root = acpi_table(root_phys, x ? "XSDT" : "RSDT");
	unsigned int entry_size = x ? 8 : 4, n;
	const u8 *entries;

	if (!root)
		return NULL;
	entries = (const u8 *)(root + 1);
	n = (root->length - sizeof(*root)) / entry_size;
	for (unsigned int i = 0; i < n; i++) {
		u64 phys = 0;
		const struct acpi_table_header *h;

		memcpy(&phys, entries + i * entry_size, entry_size);	/* unaligned, LE */
		h = acpi_map(phys, sizeof(*h));
		if (h && !memcmp(h->signature, "APIC", 4)) {
			h = acpi_table(phys, "APIC");
			if (h && h->length < sizeof(struct acpi_madt)) {
				acpi_error("MADT too short", phys);
				return NULL;
			}
			return (const struct acpi_madt *)h;
		}
	}
	acpi_error("no MADT in the root table", root_phys);
	return NULL;
}

static unsigned int ncpus, ncapped;

/* One enabled CPU. The boot CPU is 0 already; the others take the next numbers in order. */
static void add_cpu(u32 apic_id, u32 boot_apic_id)
{
	if (apic_id == boot_apic_id)
		return;
	for (unsigned int cpu = 1; cpu < ncpus; cpu++)
		if (x86_cpu_to_apicid[cpu] == apic_id)
			return;		/* listed twice (type 0 and type 9): once is enough */
	if (apic_id > 0xfe) {
		pr_warn("ACPI: MADT: APIC ID %u needs x2APIC mode, which Ferry does not use: "
			"CPU left out\n", apic_id);
		return;
	}
	if (ncpus == NR_CPUS) {
		ncapped++;
		return;
	}
	x86_cpu_to_apicid[ncpus] = apic_id;
	cpumask_set_cpu(ncpus, &cpu_possible_mask);
	cpumask_set_cpu(ncpus, &cpu_present_mask);
	ncpus++;
}

static void madt_parse(const struct acpi_madt *madt, u32 boot_apic_id)
{
	const u8 *p = (const u8 *)(madt + 1), *end = (const u8 *)madt + madt->header.length;
	bool boot_listed = false;

	for (; p + 2 <= end; p += p[1]) {
		u32 id, flags;

		if (p[1] < 2 || p + p[1] > end) {
			acpi_error("MADT entry with a bad length", __pa(p));
			return;
		}
		if (p[0] == MADT_LOCAL_APIC && p[1] >= sizeof(struct madt_local_apic)) {
			const struct madt_local_apic *e = (const void *)p;

			id = e->apic_id;
			flags = e->flags;
		} else if (p[0] == MADT_LOCAL_X2APIC && p[1] >= sizeof(struct madt_local_x2apic)) {
			const struct madt_local_x2apic *e = (const void *)p;

			id = e->x2apic_id;
			flags = e->flags;
		} else {
			continue;
		}
		if (id == boot_apic_id)
			boot_listed = true;
		/* Online-capable CPUs would need hot-plug: only those enabled now count. */
		if (flags & MADT_CPU_ENABLED)
			add_cpu(id, boot_apic_id);
	}
	if (!boot_listed)
		pr_warn("ACPI: MADT does not list the boot CPU (APIC ID %u)\n", boot_apic_id);
}

/* One line, as Linux's: how many CPUs and their APIC IDs; one more if NR_CPUS capped them. */
static void madt_report(u64 rsdp_phys)
{
	char ids[NR_CPUS * 4 + 1], *s = ids;

	for (unsigned int cpu = 0; cpu < ncpus; cpu++)
		s += snprintf(s, ids + sizeof(ids) - s, "%s%u", cpu ? " " : "",
			      x86_cpu_to_apicid[cpu]);
	pr_info("ACPI: MADT: %u CPU%s, APIC IDs %s (RSDP at %#llx)\n", ncpus,
		ncpus == 1 ? "" : "s", ids, (unsigned long long)rsdp_phys);
	if (ncapped)
		pr_info("ACPI: MADT: %u more CPU%s left out: NR_CPUS is %d\n", ncapped,
			ncapped == 1 ? "" : "s", NR_CPUS);
}

/* setup_arch(), before paging_init(): record every CPU the firmware describes. */
void acpi_boot_init(void)
{
	u32 a, b, c, d, boot_apic_id;
	const struct acpi_rsdp *rsdp;
	const struct acpi_madt *madt;
	u64 rsdp_phys = rsdp_find();

	cpuid(1, &a, &b, &c, &d);
	boot_apic_id = b >> 24;		/* the initial APIC ID of this CPU */
	x86_cpu_to_apicid[0] = boot_apic_id;
	ncpus = 1;

	if (!rsdp_phys) {
		pr_info("ACPI: no RSDP found: running on the boot CPU alone\n");
		return;
	}
	rsdp = acpi_map(rsdp_phys, sizeof(*rsdp));
	if (!rsdp || !rsdp_valid(rsdp)) {
		acpi_error("RSDP with a bad signature or checksum", rsdp_phys);
		return;
	}
	madt = madt_find(rsdp);
	if (!madt)
		return;
	madt_parse(madt, boot_apic_id);
	if (acpi_bad) {		/* a bad entry part way: trust none of it */
		for (unsigned int cpu = 1; cpu < ncpus; cpu++) {
			cpumask_clear_cpu(cpu, &cpu_possible_mask);
			cpumask_clear_cpu(cpu, &cpu_present_mask);
		}
		ncpus = 1;
		return;
	}
	nr_cpu_ids = ncpus;
	madt_report(rsdp_phys);
}
