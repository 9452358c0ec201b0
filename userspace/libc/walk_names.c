/*
 * walk_names: the path walk's names and its dentry cache, against Linux (qemu-user runs the
 * same binary): names of every length up to NAME_MAX and paths up to PATH_MAX, ENAMETOOLONG
 * at both limits, a name that runs into an unmapped page before its NUL (EFAULT) and one
 * whose NUL is the last byte of a mapping (works), at every alignment of the last word; a
 * directory of many entries looked up by name, renamed and removed; a renamed directory
 * found under its new name only; O_NOFOLLOW with a trailing slash. The probe builds its own
 * tree in a fresh directory under /tmp and removes it.
 */
#include "files_check.h"
#include <sys/mman.h>

#define NAME_MAX_	255
#define PATH_MAX_	4096
#define MANY		2000

static int hole_limit;	/* argv[1] "hole-limit": see test_mapping_end */

static int exists(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0;
}

/* Every component length 1..255 makes, finds and removes a file; 256 is ENAMETOOLONG. */
static void test_name_lengths(void)
{
	char name[NAME_MAX_ + 2];
	int bad = 0, first_bad = 0;

	for (int n = 1; n <= NAME_MAX_; n++) {
		memset(name, 'n', n);
		name[n - 1] = 'a' + n % 26;	/* no two lengths share a name's last byte pattern */
		name[n] = 0;
		int fd = open(name, O_WRONLY | O_CREAT | O_EXCL, 0644);
		int ok = fd >= 0;

		if (fd >= 0)
			close(fd);
		ok = ok && exists(name) && unlink(name) == 0 && !exists(name);
		if (!ok && !bad++)
			first_bad = n;
	}
	check(bad == 0, "every name length 1..255: create, stat, unlink (first failing length)",
	      first_bad, 0);
	memset(name, 'n', NAME_MAX_ + 1);
	name[NAME_MAX_ + 1] = 0;
	FAILS(open(name, O_WRONLY | O_CREAT, 0644), ENAMETOOLONG);
	FAILS(mkdir(name, 0755), ENAMETOOLONG);
	struct stat st;
	FAILS(stat(name, &st), ENAMETOOLONG);
}

/* "d" + slashes + "f": every path length 3..4095 finds d/f; 4096 and more are ENAMETOOLONG. */
static char path[PATH_MAX_ + 64];

static void slashed(int len)
{
	path[0] = 'd';
	memset(path + 1, '/', len - 2);
	path[len - 1] = 'f';
	path[len] = 0;
}

static void test_path_lengths(void)
{
	struct stat st;
	int bad = 0, first_bad = 0;

	for (int len = 3; len < PATH_MAX_; len++) {
		slashed(len);
		if (stat(path, &st) || !S_ISREG(st.st_mode)) {
			if (!bad++)
				first_bad = len;
		}
	}
	check(bad == 0, "every path length 3..4095 finds d/f (first failing length)", first_bad, 0);
	slashed(PATH_MAX_ - 1);
	WORKS(open(path, O_RDONLY));
	slashed(PATH_MAX_);
	FAILS(stat(path, &st), ENAMETOOLONG);
	FAILS(open(path, O_RDONLY), ENAMETOOLONG);
	slashed(PATH_MAX_ + 40);
	FAILS(stat(path, &st), ENAMETOOLONG);
	FAILS(access(path, F_OK), ENAMETOOLONG);
}

/*
 * Names against the end of a mapping: two pages mapped, the second unmapped again, so the
 * first page's last byte is the last readable one. A name whose NUL is that byte works, at
 * every length 1..16 (every alignment of the word the copy reads last); the same bytes
 * without their NUL are EFAULT. A long name (past getname's short-name room) the same.
 */
static void test_mapping_end(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	char *m = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct stat st;
	int bad = 0, first_bad = 0;
	char name[32];

	if (m == MAP_FAILED || munmap(m + pg, pg)) {
		check(0, "map two pages and unmap the second", -errno, 0);
		return;
	}
	for (int n = 1; n <= 16; n++) {
		char *at = m + pg - (n + 1);

		memset(name, 'e', n);
		name[n] = 0;
		put_file(name, "", 0644);
		memcpy(at, name, n + 1);
		if (stat(at, &st) || !S_ISREG(st.st_mode)) {
			if (!bad++)
				first_bad = n;
		}
		unlink(name);
	}
	check(bad == 0, "a name whose NUL is a mapping's last byte works, lengths 1..16", first_bad, 0);
	bad = 0;
	for (int n = 1; n <= 16; n++) {
		char *at = m + pg - n;

		memset(at, 'e', n);	/* no NUL before the unmapped page */
		errno = 0;
		if (stat(at, &st) != -1 || errno != EFAULT) {
			if (!bad++)
				first_bad = n;
		}
	}
	check(bad == 0, "a name running into an unmapped page is EFAULT, lengths 1..16", first_bad, 0);
	/* Long: "d" + slashes + "f" ending at the page end, with and without its NUL. */
	int len = 1000;
	char *at = m + pg - (len + 1);
	slashed(len);
	memcpy(at, path, len + 1);
	WORKS(stat(at, &st));
	at = m + pg - len;
	memcpy(at, path, len);
	FAILS(stat(at, &st), EFAULT);
	/*
	 * A whole page without a NUL: 4095 bytes then the hole is EFAULT; 4096 ENAMETOOLONG (the
	 * copy stops at PATH_MAX and never reaches the hole). qemu-user reads a name to its NUL
	 * itself before calling the host (EFAULT there), so the last two run only when asked
	 * ("hole-limit": the Ferry boots); Linux's answer, ENAMETOOLONG, is the host's when this
	 * x86_64 build runs natively.
	 */
	memset(m, 'x', pg);
	if (pg == PATH_MAX_ && hole_limit) {
		FAILS(stat(m, &st), ENAMETOOLONG);
		FAILS(open(m, O_RDONLY), ENAMETOOLONG);
	} else {
		skip("stat(m, &st) fails ENAMETOOLONG", "qemu-user copies names itself, to the hole");
		skip("open(m, O_RDONLY) fails ENAMETOOLONG", "the same");
	}
	if (pg == PATH_MAX_) {
		FAILS(stat(m + 1, &st), EFAULT);
		FAILS(mkdir(m + 1, 0755), EFAULT);
	}
	FAILS(stat(m + pg, &st), EFAULT);	/* starts in the hole */
	char *volatile null = NULL;	/* volatile: the compiler would warn of a literal NULL */
	FAILS(stat(null, &st), EFAULT);
	FAILS(open(m + pg - 1, O_RDONLY), EFAULT);
	munmap(m, pg);
}

/* A directory of many entries: each found by its name, renamed, removed. */
static void test_many(void)
{
	char a[32], b[32];
	int made = 0, found = 0, absent = 0, renamed = 0, moved = 0, gone = 0;
	struct stat st;

	WORKS(mkdir("many", 0755));
	for (int i = 0; i < MANY; i++) {
		snprintf(a, sizeof(a), "many/f%04d", i);
		int fd = open(a, O_WRONLY | O_CREAT | O_EXCL, 0644);

		if (fd >= 0) {
			made++;
			if (write(fd, a, 4 + i % 7) < 0)
				made--;
			close(fd);
		}
	}
	EQ(made, MANY);
	for (int i = MANY - 1; i >= 0; i--) {
		snprintf(a, sizeof(a), "many/f%04d", i);
		found += stat(a, &st) == 0 && st.st_size == 4 + i % 7;
		snprintf(b, sizeof(b), "many/g%04d", i);
		absent += stat(b, &st) == -1 && errno == ENOENT;
	}
	EQ(found, MANY);
	EQ(absent, MANY);
	for (int i = 0; i < MANY; i += 2) {
		snprintf(a, sizeof(a), "many/f%04d", i);
		snprintf(b, sizeof(b), "many/r%04d", i);
		renamed += rename(a, b) == 0;
	}
	EQ(renamed, MANY / 2);
	for (int i = 0; i < MANY; i++) {
		snprintf(a, sizeof(a), "many/f%04d", i);
		snprintf(b, sizeof(b), "many/r%04d", i);
		moved += (i % 2) ? exists(a) && !exists(b) : !exists(a) && exists(b);
	}
	EQ(moved, MANY);
	FAILS(rmdir("many"), ENOTEMPTY);
	for (int i = 0; i < MANY; i++) {
		snprintf(a, sizeof(a), "many/%c%04d", i % 2 ? 'f' : 'r', i);
		gone += unlink(a) == 0 && stat(a, &st) == -1 && errno == ENOENT;
	}
	EQ(gone, MANY);
	WORKS(rmdir("many"));
}

/* The same name in two directories, names that are anagrams, a renamed directory. */
static void test_names_and_parents(void)
{
	WORKS(mkdir("x", 0755));
	WORKS(mkdir("y", 0755));
	put_file("x/n", "1", 0644);
	put_file("y/n", "22", 0644);
	put_file("x/ab", "333", 0644);
	put_file("x/ba", "4444", 0644);
	check(ino_of("x/n") && ino_of("x/n") != ino_of("y/n"), "x/n and y/n are two files",
	      ino_of("x/n") != ino_of("y/n"), 1);
	check(ino_of("x/ab") && ino_of("x/ab") != ino_of("x/ba"), "x/ab and x/ba are two files",
	      ino_of("x/ab") != ino_of("x/ba"), 1);
	ino_t n = ino_of("x/n");
	WORKS(rename("x", "z"));
	EQ(ino_of("z/n"), n);
	struct stat st;
	FAILS(stat("x/n", &st), ENOENT);
	FAILS(stat("x", &st), ENOENT);
	WORKS(rename("z/n", "y/m"));
	EQ(ino_of("y/m"), n);
	FAILS(stat("z/n", &st), ENOENT);
	WORKS(unlink("y/n"));
	FAILS(stat("y/n", &st), ENOENT);
	put_file("y/n", "55555", 0644);
	EQ(stat("y/n", &st) == 0 ? st.st_size : -1, 5);
	/* A name removed while its file is open is gone at once; a new file may take it. */
	int fd = open("y/n", O_RDONLY);
	ino_t old = ino_of("y/n");
	WORKS(unlink("y/n"));
	FAILS(stat("y/n", &st), ENOENT);
	FAILS(open("y/n", O_RDONLY), ENOENT);
	put_file("y/n", "666666", 0644);
	check(ino_of("y/n") && ino_of("y/n") != old, "y/n is a new file after unlink while open",
	      ino_of("y/n") != old, 1);
	EQ(fstat(fd, &st) == 0 ? st.st_nlink : -1, 0);
	if (fd >= 0)
		close(fd);
}

/* O_NOFOLLOW with a trailing slash: the slash follows the link (Linux). */
static void test_nofollow_slash(void)
{
	struct stat st;

	WORKS(symlink("d", "ld"));
	WORKS(symlink("d/f", "lf"));
	FAILS(open("ld", O_RDONLY | O_NOFOLLOW), ELOOP);
	int fd = open("ld/", O_RDONLY | O_NOFOLLOW);
	check(fd >= 0 && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode),
	      "open(\"ld/\", O_NOFOLLOW) opens the directory", fd >= 0 ? 0 : -errno, 0);
	if (fd >= 0)
		close(fd);
	fd = open("ld/", O_RDONLY | O_NOFOLLOW | O_DIRECTORY);
	check(fd >= 0, "open(\"ld/\", O_NOFOLLOW|O_DIRECTORY) works", fd >= 0 ? 0 : -errno, 0);
	if (fd >= 0)
		close(fd);
	FAILS(open("lf/", O_RDONLY | O_NOFOLLOW), ENOTDIR);
	FAILS(open("lf", O_RDONLY | O_NOFOLLOW), ELOOP);
	FAILS(open("ld/", O_RDONLY | O_NOFOLLOW | O_CREAT, 0644), EISDIR);
	WORKS(open("ld/.", O_RDONLY | O_NOFOLLOW));
}

int main(int argc, char **argv)
{
	hole_limit = argc > 1 && !strcmp(argv[1], "hole-limit");
	enter_tmp("walk_names");
	WORKS(mkdir("d", 0755));
	put_file("d/f", "f", 0644);
	test_name_lengths();
	test_path_lengths();
	test_mapping_end();
	test_many();
	test_names_and_parents();
	test_nofollow_slash();
	return finish("walk_names");
}
