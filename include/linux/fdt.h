/*
 * Our own flattened-device-tree reader (lib/fdt.c). Every entry point checks offsets against
 * the blob's own sizes, so a corrupt DTB yields an error code, never a wild read.
 * Offsets are byte offsets of FDT_BEGIN_NODE tokens in the structure block; errors are
 * negative FDT_ERR_* values, fdt_strerror() names them.
 */
#ifndef _LINUX_FDT_H
#define _LINUX_FDT_H

#include <linux/types.h>

#define FDT_MAGIC 0xd00dfeed
#define FDT_LAST_COMP_VERSION 16	/* oldest layout we read */
#define FDT_MAX_DEPTH 32

enum {
	FDT_ERR_NOTFOUND = 1,
	FDT_ERR_BADMAGIC,
	FDT_ERR_BADVERSION,
	FDT_ERR_TRUNCATED,	/* a size or offset points past the blob */
	FDT_ERR_BADSTRUCTURE,	/* unexpected token, unterminated name, bad nesting */
	FDT_ERR_BADVALUE,
	FDT_ERR_MAX,
};

const char *fdt_strerror(int err);

/* Validate header and walk the whole structure block once. max_size: bytes known readable. */
int fdt_check(const void *fdt, size_t max_size);
int fdt_check_header(const void *fdt);
u32 fdt_totalsize(const void *fdt);

static inline u32 fdt32_ld(const void *p)
{
	const u8 *b = p;
	return ((u32)b[0] << 24) | ((u32)b[1] << 16) | ((u32)b[2] << 8) | b[3];
}

static inline u64 fdt64_ld(const void *p)
{
	return ((u64)fdt32_ld(p) << 32) | fdt32_ld((const u8 *)p + 4);
}

/* Read a cells-wide (1 or 2) big-endian number and advance *p. */
u64 fdt_read_cells(const void **p, int cells);

int fdt_next_node(const void *fdt, int offset, int *depth);
int fdt_first_subnode(const void *fdt, int offset);
int fdt_next_subnode(const void *fdt, int offset);
int fdt_parent_offset(const void *fdt, int offset);
const char *fdt_get_name(const void *fdt, int offset, int *len);
int fdt_path_offset(const void *fdt, const char *path);
int fdt_subnode_offset(const void *fdt, int parent, const char *name);

const void *fdt_getprop(const void *fdt, int offset, const char *name, int *len);
bool fdt_getprop_u32(const void *fdt, int offset, const char *name, u32 *out);
int fdt_stringlist_contains(const char *list, int len, const char *s);
int fdt_node_check_compatible(const void *fdt, int offset, const char *compat); /* 0 = matches */
int fdt_node_offset_by_compatible(const void *fdt, int start, const char *compat);
int fdt_node_offset_by_phandle(const void *fdt, u32 phandle);
bool fdt_node_is_enabled(const void *fdt, int offset);	/* status absent, "okay" or "ok" */

/* #address-cells / #size-cells that apply to the children of node 'offset' (defaults 2/1). */
int fdt_address_cells(const void *fdt, int offset);
int fdt_size_cells(const void *fdt, int offset);

/*
 * The index'th (address, size) pair of a node's "reg", decoded with its parent's cells and
 * translated through the "ranges" of every bus above it to a CPU physical address.
 * -FDT_ERR_BADVALUE when a bus has no "ranges" or none of its windows holds the address.
 */
int fdt_get_reg(const void *fdt, int offset, int index, u64 *addr, u64 *size);

/* Memory reservation block entries: returns false past the last. */
bool fdt_get_mem_rsv(const void *fdt, int index, u64 *addr, u64 *size);

#define fdt_for_each_subnode(node, fdt, parent)			\
	for (node = fdt_first_subnode(fdt, parent); node >= 0;	\
	     node = fdt_next_subnode(fdt, node))

#endif
