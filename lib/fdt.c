// SPDX-License-Identifier: GPL-2.0
/*
 * A flattened device tree (DTB) reader of our own, written for untrusted input: the boot
 * loader may hand us anything in x0. fdt_check() validates the header against the bytes we
 * know are readable and walks the whole structure block once; every other function then
 * bounds-checks each access against the header's block sizes, so a checked blob, however
 * odd, never makes us read outside it (tests/unit/test_fdt.c fuzzes this under ASan).
 *
 * Layout (devicetree specification, version 17): a 40-byte header of big-endian u32s, then a
 * memory-reservation block of (u64 address, u64 size) pairs ending in (0, 0), a structure
 * block of 4-byte-aligned tokens, and a strings block holding property names.
 */
#include <linux/fdt.h>
#include <linux/string.h>

#define FDT_BEGIN_NODE 0x1
#define FDT_END_NODE   0x2
#define FDT_PROP       0x3
#define FDT_NOP        0x4
#define FDT_END        0x9

/* Header fields, as u32 indexes. */
enum { H_MAGIC, H_TOTALSIZE, H_OFF_STRUCT, H_OFF_STRINGS, H_OFF_RSVMAP, H_VERSION,
       H_LAST_COMP, H_BOOT_CPU, H_SIZE_STRINGS, H_SIZE_STRUCT, H_WORDS };
#define FDT_V16_HEADER_SIZE (9 * 4)
#define FDT_V17_HEADER_SIZE (10 * 4)

static u32 hdr(const void *fdt, int field)
{
	return fdt32_ld((const u8 *)fdt + field * 4);
}

static const char *const errnames[FDT_ERR_MAX] = {
	[0] = "no error",
	[FDT_ERR_NOTFOUND] = "not found",
	[FDT_ERR_BADMAGIC] = "bad magic (not a device tree blob)",
	[FDT_ERR_BADVERSION] = "unsupported version",
	[FDT_ERR_TRUNCATED] = "truncated (a size or offset points past the blob)",
	[FDT_ERR_BADSTRUCTURE] = "corrupt structure block",
	[FDT_ERR_BADVALUE] = "bad property value",
};

const char *fdt_strerror(int err)
{
	if (err < 0)
		err = -err;
	return err < FDT_ERR_MAX ? errnames[err] : "unknown error";
}

u32 fdt_totalsize(const void *fdt)
{
	return hdr(fdt, H_TOTALSIZE);
}

static u32 struct_size(const void *fdt)
{
	if (hdr(fdt, H_VERSION) >= 17)
		return hdr(fdt, H_SIZE_STRUCT);
	return hdr(fdt, H_TOTALSIZE) - hdr(fdt, H_OFF_STRUCT);
}

static const u8 *struct_base(const void *fdt)
{
	return (const u8 *)fdt + hdr(fdt, H_OFF_STRUCT);
}

/* Does [off, off + len) lie inside a block of 'size' bytes? Written to avoid overflow. */
static bool in_block(u32 off, u32 len, u32 size)
{
	return off <= size && len <= size - off;
}

int fdt_check_header(const void *fdt)
{
	u32 total, ver, hsize;

	if (hdr(fdt, H_MAGIC) != FDT_MAGIC)
		return -FDT_ERR_BADMAGIC;
	ver = hdr(fdt, H_VERSION);
	if (ver < FDT_LAST_COMP_VERSION || hdr(fdt, H_LAST_COMP) > 17)
		return -FDT_ERR_BADVERSION;
	hsize = ver >= 17 ? FDT_V17_HEADER_SIZE : FDT_V16_HEADER_SIZE;
	total = hdr(fdt, H_TOTALSIZE);
	if (total < hsize)
		return -FDT_ERR_TRUNCATED;
	if (hdr(fdt, H_OFF_STRUCT) < hsize || hdr(fdt, H_OFF_STRUCT) % 4 ||
	    !in_block(hdr(fdt, H_OFF_STRUCT), struct_size(fdt), total))
		return -FDT_ERR_TRUNCATED;
	if (!in_block(hdr(fdt, H_OFF_STRINGS), hdr(fdt, H_SIZE_STRINGS), total))
		return -FDT_ERR_TRUNCATED;
	if (hdr(fdt, H_OFF_RSVMAP) < hsize || hdr(fdt, H_OFF_RSVMAP) % 8 ||
	    !in_block(hdr(fdt, H_OFF_RSVMAP), 16, total))
		return -FDT_ERR_TRUNCATED;
	return 0;
}

/*
 * Read the token at 'off' in the structure block; *next gets the offset of the token after
 * it (past a node name or property value). Returns the token or a negative error.
 */
static int next_tag(const void *fdt, int off, int *next)
{
	const u8 *base = struct_base(fdt);
	u32 size = struct_size(fdt);
	u32 tag, len;

	if (off < 0 || off % 4 || !in_block(off, 4, size))
		return -FDT_ERR_TRUNCATED;
	tag = fdt32_ld(base + off);
	off += 4;
	switch (tag) {
	case FDT_BEGIN_NODE:
		len = strnlen((const char *)base + off, size - off);
		if (len == size - off)
			return -FDT_ERR_TRUNCATED;	/* name runs off the end */
		off += len + 1;
		break;
	case FDT_PROP:
		if (!in_block(off, 8, size))
			return -FDT_ERR_TRUNCATED;
		len = fdt32_ld(base + off);
		off += 8;
		if (!in_block(off, len, size))
			return -FDT_ERR_TRUNCATED;
		off += len;
		break;
	case FDT_END_NODE:
	case FDT_NOP:
	case FDT_END:
		break;
	default:
		return -FDT_ERR_BADSTRUCTURE;
	}
	*next = (off + 3) & ~3;
	return tag;
}

/* The NUL-terminated property name at 'nameoff' in the strings block, or NULL. */
static const char *prop_name(const void *fdt, u32 nameoff)
{
	const char *strings = (const char *)fdt + hdr(fdt, H_OFF_STRINGS);
	u32 size = hdr(fdt, H_SIZE_STRINGS);

	if (nameoff >= size || strnlen(strings + nameoff, size - nameoff) == size - nameoff)
		return NULL;
	return strings + nameoff;
}

int fdt_check(const void *fdt, size_t max_size)
{
	int off = 0, next, tag, depth = 0, err;
	bool seen_root = false;

	if (max_size < FDT_V17_HEADER_SIZE)
		return -FDT_ERR_TRUNCATED;
	err = fdt_check_header(fdt);
	if (err)
		return err;
	if (fdt_totalsize(fdt) > max_size)
		return -FDT_ERR_TRUNCATED;

	/* The reservation block must end in (0, 0) before the blob does. */
	for (int i = 0;; i++) {
		u32 at = hdr(fdt, H_OFF_RSVMAP) + i * 16;
		const u8 *e = (const u8 *)fdt + at;

		if (!in_block(at, 16, fdt_totalsize(fdt)))
			return -FDT_ERR_TRUNCATED;
		if (!fdt64_ld(e) && !fdt64_ld(e + 8))
			break;
	}

	for (;;) {
		tag = next_tag(fdt, off, &next);
		if (tag < 0)
			return tag;
		switch (tag) {
		case FDT_BEGIN_NODE:
			if (depth == 0 && seen_root)
				return -FDT_ERR_BADSTRUCTURE;	/* two roots */
			seen_root = true;
			if (++depth > FDT_MAX_DEPTH)
				return -FDT_ERR_BADSTRUCTURE;
			break;
		case FDT_END_NODE:
			if (--depth < 0)
				return -FDT_ERR_BADSTRUCTURE;
			break;
		case FDT_PROP:
			if (depth == 0 ||
			    !prop_name(fdt, fdt32_ld(struct_base(fdt) + off + 8)))
				return -FDT_ERR_BADSTRUCTURE;
			break;
		case FDT_END:
			return (depth == 0 && seen_root) ? 0 : -FDT_ERR_BADSTRUCTURE;
		}
		off = next;
	}
}

int fdt_next_node(const void *fdt, int offset, int *depth)
{
	int next = 0, tag;

	if (offset >= 0) {
		tag = next_tag(fdt, offset, &next);
		if (tag < 0)
			return tag;
		if (tag != FDT_BEGIN_NODE)
			return -FDT_ERR_BADSTRUCTURE;
	}
	for (;;) {
		offset = next;
		tag = next_tag(fdt, offset, &next);
		if (tag < 0)
			return tag;
		switch (tag) {
		case FDT_BEGIN_NODE:
			if (depth)
				(*depth)++;
			return offset;
		case FDT_END_NODE:
			if (depth && --(*depth) < 0)
				return -FDT_ERR_NOTFOUND;
			break;
		case FDT_END:
			return -FDT_ERR_NOTFOUND;
		}
	}
}

int fdt_first_subnode(const void *fdt, int offset)
{
	int depth = 0;

	offset = fdt_next_node(fdt, offset, &depth);
	if (offset < 0 || depth != 1)
		return -FDT_ERR_NOTFOUND;
	return offset;
}

int fdt_next_subnode(const void *fdt, int offset)
{
	int depth = 1;

	/* Skip our own children (depth > 1); a sibling comes back at depth 1. */
	do {
		offset = fdt_next_node(fdt, offset, &depth);
		if (offset < 0 || depth < 1)
			return -FDT_ERR_NOTFOUND;
	} while (depth > 1);
	return offset;
}

const char *fdt_get_name(const void *fdt, int offset, int *len)
{
	int next;

	if (next_tag(fdt, offset, &next) != FDT_BEGIN_NODE)
		return NULL;
	if (len)
		*len = (int)strlen((const char *)struct_base(fdt) + offset + 4);
	return (const char *)struct_base(fdt) + offset + 4;
}

/* Offset of the root node: the first BEGIN_NODE token. */
static int root_offset(const void *fdt)
{
	int depth = 0;

	return fdt_next_node(fdt, -1, &depth);
}

int fdt_parent_offset(const void *fdt, int offset)
{
	int stack[FDT_MAX_DEPTH + 1];
	int depth = 0, node = root_offset(fdt);

	while (node >= 0) {
		if (depth > FDT_MAX_DEPTH)
			return -FDT_ERR_BADSTRUCTURE;
		stack[depth] = node;
		if (node == offset)
			return depth ? stack[depth - 1] : -FDT_ERR_NOTFOUND;
		node = fdt_next_node(fdt, node, &depth);
	}
	return -FDT_ERR_NOTFOUND;
}

/* Node names may carry a unit address: "memory@40000000" matches "memory" too. */
static bool name_matches(const char *node, const char *want, int len)
{
	if (strncmp(node, want, len))
		return false;
	return node[len] == '\0' || (node[len] == '@' && !memchr(want, '@', len));
}

static int subnode_by_name(const void *fdt, int parent, const char *name, int len)
{
	int node;

	fdt_for_each_subnode(node, fdt, parent)
		if (name_matches(fdt_get_name(fdt, node, NULL), name, len))
			return node;
	return -FDT_ERR_NOTFOUND;
}

int fdt_subnode_offset(const void *fdt, int parent, const char *name)
{
	return subnode_by_name(fdt, parent, name, (int)strlen(name));
}

int fdt_path_offset(const void *fdt, const char *path)
{
	int node = root_offset(fdt);

	if (*path != '/')
		return -FDT_ERR_NOTFOUND;
	while (node >= 0) {
		const char *end;

		while (*path == '/')
			path++;
		if (!*path)
			return node;
		end = strchr(path, '/');
		if (!end)
			end = path + strlen(path);
		node = subnode_by_name(fdt, node, path, (int)(end - path));
		path = end;
	}
	return node;
}

const void *fdt_getprop(const void *fdt, int offset, const char *name, int *lenp)
{
	const u8 *base = struct_base(fdt);
	int next, tag;

	if (next_tag(fdt, offset, &next) != FDT_BEGIN_NODE)
		return NULL;
	for (;;) {
		offset = next;
		tag = next_tag(fdt, offset, &next);
		if (tag == FDT_NOP)
			continue;
		if (tag != FDT_PROP)	/* properties come before subnodes */
			return NULL;
		const char *pname = prop_name(fdt, fdt32_ld(base + offset + 8));

		if (pname && !strcmp(pname, name)) {
			if (lenp)
				*lenp = (int)fdt32_ld(base + offset + 4);
			return base + offset + 12;
		}
	}
}

bool fdt_getprop_u32(const void *fdt, int offset, const char *name, u32 *out)
{
	int len;
	const void *p = fdt_getprop(fdt, offset, name, &len);

	if (!p || len < 4)
		return false;
	*out = fdt32_ld(p);
	return true;
}

/* A stringlist is NUL-separated strings in one property; returns the index or -1. */
int fdt_stringlist_contains(const char *list, int len, const char *s)
{
	int idx = 0;

	while (len > 0) {
		int l = (int)strnlen(list, len);

		if (l == len)
			return -1;	/* unterminated: malformed */
		if (!strcmp(list, s))
			return idx;
		list += l + 1;
		len -= l + 1;
		idx++;
	}
	return -1;
}

int fdt_node_check_compatible(const void *fdt, int offset, const char *compat)
{
	int len;
	const char *p = fdt_getprop(fdt, offset, "compatible", &len);

	if (!p)
		return -FDT_ERR_NOTFOUND;
	return fdt_stringlist_contains(p, len, compat) >= 0 ? 0 : 1;
}

int fdt_node_offset_by_compatible(const void *fdt, int start, const char *compat)
{
	int node = start < 0 ? root_offset(fdt) : fdt_next_node(fdt, start, NULL);

	for (; node >= 0; node = fdt_next_node(fdt, node, NULL))
		if (fdt_node_check_compatible(fdt, node, compat) == 0)
			return node;
	return -FDT_ERR_NOTFOUND;
}

int fdt_node_offset_by_phandle(const void *fdt, u32 phandle)
{
	u32 v;

	for (int node = root_offset(fdt); node >= 0; node = fdt_next_node(fdt, node, NULL))
		if ((fdt_getprop_u32(fdt, node, "phandle", &v) ||
		     fdt_getprop_u32(fdt, node, "linux,phandle", &v)) && v == phandle)
			return node;
	return -FDT_ERR_NOTFOUND;
}

bool fdt_node_is_enabled(const void *fdt, int offset)
{
	int len;
	const char *s = fdt_getprop(fdt, offset, "status", &len);

	if (!s)
		return true;
	return (len >= 5 && !strncmp(s, "okay", 5)) || (len >= 3 && !strncmp(s, "ok", 3));
}

static int cells(const void *fdt, int offset, const char *name, int dflt)
{
	u32 v;

	if (!fdt_getprop_u32(fdt, offset, name, &v))
		return dflt;
	return v <= 4 ? (int)v : -FDT_ERR_BADVALUE;
}

int fdt_address_cells(const void *fdt, int offset)
{
	return cells(fdt, offset, "#address-cells", 2);
}

int fdt_size_cells(const void *fdt, int offset)
{
	return cells(fdt, offset, "#size-cells", 1);
}

u64 fdt_read_cells(const void **p, int n)
{
	const u8 *b = *p;
	u64 v = 0;

	for (int i = 0; i < n; i++)
		v = (v << 32) | fdt32_ld(b + 4 * i);
	*p = b + 4 * n;
	return v;
}

/*
 * Translate an address on the bus 'bus' (a node whose children it addresses) one level up,
 * through the bus's "ranges": each entry is (child address, parent address, length) in the
 * bus's #address-cells, its parent's #address-cells and the bus's #size-cells. An empty
 * "ranges" is the identity; no "ranges" at all means the bus's addresses are not CPU
 * addresses (an I2C bus, say), and neither is anything below it.
 */
static int translate_up(const void *fdt, int bus, u64 *addr)
{
	int parent = fdt_parent_offset(fdt, bus);
	int cac, pac, csc, len, entry;
	const void *p;

	if (parent < 0)
		return parent;
	p = fdt_getprop(fdt, bus, "ranges", &len);
	if (!p)
		return -FDT_ERR_BADVALUE;
	if (len == 0)
		return 0;
	cac = fdt_address_cells(fdt, bus);
	csc = fdt_size_cells(fdt, bus);
	pac = fdt_address_cells(fdt, parent);
	if (cac < 1 || cac > 2 || pac < 1 || pac > 2 || csc < 1 || csc > 2)
		return -FDT_ERR_BADVALUE;
	entry = 4 * (cac + pac + csc);
	for (; len >= entry; len -= entry) {
		u64 child = fdt_read_cells(&p, cac);
		u64 up = fdt_read_cells(&p, pac);
		u64 size = fdt_read_cells(&p, csc);

		if (*addr >= child && *addr - child < size) {
			*addr = up + (*addr - child);
			return 0;
		}
	}
	return -FDT_ERR_BADVALUE;	/* on this bus, but in no window of its parent */
}

int fdt_get_reg(const void *fdt, int offset, int index, u64 *addr, u64 *size)
{
	int parent = fdt_parent_offset(fdt, offset);
	int ac, sc, len, root = root_offset(fdt);
	const void *p;

	if (parent < 0)
		return parent;
	ac = fdt_address_cells(fdt, parent);
	sc = fdt_size_cells(fdt, parent);
	if (ac < 1 || ac > 2 || sc < 0 || sc > 2)
		return -FDT_ERR_BADVALUE;
	p = fdt_getprop(fdt, offset, "reg", &len);
	if (!p)
		return -FDT_ERR_NOTFOUND;
	if (index < 0 || len / (4 * (ac + sc)) <= index)
		return -FDT_ERR_NOTFOUND;
	p = (const u8 *)p + index * 4 * (ac + sc);
	*addr = fdt_read_cells(&p, ac);
	*size = fdt_read_cells(&p, sc);

	/* Up through every bus to the root: what the CPU sees (a real SoC's "soc" node). */
	for (int bus = parent; bus != root; bus = fdt_parent_offset(fdt, bus)) {
		int err = bus < 0 ? bus : translate_up(fdt, bus, addr);

		if (err)
			return err;
	}
	return 0;
}

bool fdt_get_mem_rsv(const void *fdt, int index, u64 *addr, u64 *size)
{
	u32 at = hdr(fdt, H_OFF_RSVMAP) + index * 16;
	const u8 *e = (const u8 *)fdt + at;

	if (index < 0 || !in_block(at, 16, fdt_totalsize(fdt)))
		return false;
	*addr = fdt64_ld(e);
	*size = fdt64_ld(e + 8);
	return *addr || *size;
}
