// SPDX-License-Identifier: GPL-2.0
/*
 * getname: a path from user memory into kernel memory, for the calls that walk it.
 *
 * Most names are short ("/tmp/a/b/c/f", "libc.so.6"), so as Linux's getname a struct
 * filename is one small kmalloc object with the name embedded after it (EMBEDDED_NAME_MAX
 * bytes); only a name that does not fit there takes a PATH_MAX buffer, copied the rest of
 * the way after its first part. strncpy_from_user copies a word at a time up to the NUL
 * (lib/usercopy.c), so a short name costs a few loads, not a page.
 *
 * Bounded: each object lives for one call (putname at its end), so a process holds at most
 * two (rename, link) at once; running out of memory is ENOMEM for that call.
 *
 * Errors, as Linux's: EFAULT for a bad pointer (or a name running into a missing page or
 * the top of the user address space before its NUL), ENAMETOOLONG for PATH_MAX bytes or
 * more without a NUL, ENOENT for "" unless the caller allows it (LOOKUP_EMPTY).
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/err.h>
#include <linux/uaccess.h>

#define FILENAME_OBJ		256	/* one kmalloc class: the struct and a short name */
#define EMBEDDED_NAME_MAX	(FILENAME_OBJ - sizeof(struct filename))

struct filename *getname_flags(const char __user *uname, unsigned int flags)
{
	struct filename *f = kmalloc(FILENAME_OBJ, GFP_KERNEL);
	char *big;
	long n;

	if (!f)
		return ERR_PTR(-ENOMEM);
	f->name = f->iname;
	n = strncpy_from_user(f->iname, uname, EMBEDDED_NAME_MAX);
	if (n == (long)EMBEDDED_NAME_MAX) {
		/* Longer than the embedded room: the whole of it in a PATH_MAX buffer. */
		big = kmalloc(PATH_MAX, GFP_KERNEL);
		if (!big) {
			kfree(f);
			return ERR_PTR(-ENOMEM);
		}
		memcpy(big, f->iname, n);
		f->name = big;
		n = strncpy_from_user(big + n, uname + n, PATH_MAX - n);
		if (n >= 0)
			n += EMBEDDED_NAME_MAX;
	}
	if (n < 0 || n >= PATH_MAX || (!n && !(flags & LOOKUP_EMPTY))) {
		putname(f);
		return ERR_PTR(n < 0 ? -EFAULT : n ? -ENAMETOOLONG : -ENOENT);
	}
	f->len = n;
	return f;
}

struct filename *getname(const char __user *uname)
{
	return getname_flags(uname, 0);
}

void putname(struct filename *f)
{
	if (!f || IS_ERR(f))
		return;
	if (f->name != f->iname)
		kfree(f->name);
	kfree(f);
}
