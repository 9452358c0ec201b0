/*
 * Finding a function in the vDSO by name and version, as a libc does (glibc's dl-vdso):
 * the image AT_SYSINFO_EHDR points to is an ELF shared object; its PT_DYNAMIC names the
 * symbol table, the string table, the version index of each symbol (.gnu.version) and the
 * version definitions (.gnu.version_d); DT_HASH's second word is the number of symbols.
 * Header-only, for the libc-free probes (bench.c) and the glibc programs (libc/vdso.c)
 * alike: its own ELF types, no <elf.h>.
 */
#ifndef FERRY_VDSO_H
#define FERRY_VDSO_H

#include <stdint.h>

#if __SIZEOF_POINTER__ == 8
typedef uint64_t vdso_addr;
struct vdso_ehdr {
	unsigned char ident[16];
	uint16_t type, machine;
	uint32_t version;
	uint64_t entry, phoff, shoff;
	uint32_t flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};
struct vdso_phdr {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz, align;
};
struct vdso_sym {
	uint32_t name;
	unsigned char info, other;
	uint16_t shndx;
	uint64_t value, size;
};
struct vdso_dyn {
	int64_t tag;
	uint64_t val;
};
#else
typedef uint32_t vdso_addr;
struct vdso_ehdr {
	unsigned char ident[16];
	uint16_t type, machine;
	uint32_t version, entry, phoff, shoff, flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};
struct vdso_phdr {
	uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};
struct vdso_sym {
	uint32_t name, value, size;
	unsigned char info, other;
	uint16_t shndx;
};
struct vdso_dyn {
	int32_t tag;
	uint32_t val;
};
#endif
struct vdso_verdef {
	uint16_t version, flags, ndx, cnt;
	uint32_t hash, aux, next;
};

struct vdso_image_info {
	const struct vdso_ehdr *eh;
	vdso_addr bias;			/* where the image's address 0 is mapped */
	const struct vdso_sym *symtab;
	const char *strtab;
	const uint16_t *versym;
	const struct vdso_verdef *verdef;
	unsigned long nsyms;
};

/* Parse the image at base (AT_SYSINFO_EHDR); 0 if it is not a usable ELF shared object. */
static inline int vdso_parse_image(unsigned long base, struct vdso_image_info *v)
{
	const struct vdso_ehdr *eh = (const void *)base;
	const struct vdso_phdr *ph;
	const struct vdso_dyn *dyn = 0;

	*v = (struct vdso_image_info){ 0 };
	if (!eh || eh->ident[0] != 0x7f || eh->ident[1] != 'E' || eh->ident[2] != 'L' ||
	    eh->ident[3] != 'F' || eh->type != 3 /* ET_DYN */)
		return 0;
	v->eh = eh;
	ph = (const void *)(base + eh->phoff);
	for (int i = 0; i < eh->phnum; i++) {
		if (ph[i].type == 1 /* PT_LOAD */ && !v->bias)
			v->bias = base + ph[i].offset - ph[i].vaddr;
		if (ph[i].type == 2 /* PT_DYNAMIC */)
			dyn = (const void *)(base + ph[i].offset);
	}
	for (; dyn && dyn->tag != 0; dyn++) {
		vdso_addr p = v->bias + dyn->val;

		switch (dyn->tag) {
		case 6: v->symtab = (const void *)p; break;			/* DT_SYMTAB */
		case 5: v->strtab = (const char *)p; break;			/* DT_STRTAB */
		case 0x6ffffff0: v->versym = (const void *)p; break;		/* DT_VERSYM */
		case 0x6ffffffc: v->verdef = (const void *)p; break;		/* DT_VERDEF */
		case 4: v->nsyms = ((const uint32_t *)p)[1]; break;		/* DT_HASH: nchain */
		}
	}
	return v->symtab && v->strtab && v->versym && v->verdef && v->nsyms;
}

static inline int vdso_streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* The name of version index idx (.gnu.version_d's first aux entry), "" if none. */
static inline const char *vdso_version_name(const struct vdso_image_info *v, unsigned idx)
{
	for (const struct vdso_verdef *d = v->verdef;; d = (const void *)((const char *)d + d->next)) {
		if ((d->ndx & 0x7fff) == (idx & 0x7fff))
			return v->strtab + *(const uint32_t *)((const char *)d + d->aux);
		if (!d->next)
			return "";
	}
}

/* The address of function 'name' at 'version', or 0. */
static inline void *vdso_lookup(const struct vdso_image_info *v, const char *name,
				const char *version)
{
	for (unsigned long i = 1; i < v->nsyms; i++) {
		const struct vdso_sym *s = &v->symtab[i];

		if ((s->info & 0xf) != 2 /* STT_FUNC */ || !s->shndx ||
		    !vdso_streq(v->strtab + s->name, name) ||
		    !vdso_streq(vdso_version_name(v, v->versym[i]), version))
			continue;
		return (void *)(v->bias + s->value);
	}
	return 0;
}

#endif
