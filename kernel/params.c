// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel command line: set once by the arch from the boot protocol, then split into
 * words. A word "name=value" or "name" is offered to the __setup() / early_param() handler
 * registered for that name; unknown words are reported, not fatal (Linux passes them to
 * init; later issues do the same).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>

char boot_command_line[COMMAND_LINE_SIZE];
static char parse_buf[COMMAND_LINE_SIZE];

extern const struct kernel_param __setup_start[], __setup_end[];

/* The boot protocol's line, len bytes (a NUL inside ends it). Too long is an error. */
void set_boot_command_line(const char *src, size_t len)
{
	size_t n = src ? strnlen(src, len) : 0;

	if (n >= COMMAND_LINE_SIZE)
		panic("kernel command line too long: %zu bytes, the limit is %d bytes",
		      n, COMMAND_LINE_SIZE - 1);
	memcpy(boot_command_line, src, n);
	boot_command_line[n] = '\0';
	if (!n && CONFIG_DEFAULT_CMDLINE[0])
		strlcpy(boot_command_line, CONFIG_DEFAULT_CMDLINE, sizeof(boot_command_line));
}

static const struct kernel_param *find_param(const char *word, size_t namelen)
{
	for (const struct kernel_param *p = __setup_start; p < __setup_end; p++) {
		size_t l = strlen(p->name);
		bool p_has_eq = l && p->name[l - 1] == '=';

		if (p_has_eq)
			l--;
		if (l == namelen && !strncmp(p->name, word, namelen))
			return p;
	}
	return NULL;
}

/* Split in place: words separated by spaces, "double quotes" group a value with spaces. */
static char *next_word(char *s, char **word)
{
	bool quoted = false;
	char *out;

	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	if (!*s)
		return NULL;
	*word = out = s;
	for (; *s; s++) {
		if (*s == '"') {
			quoted = !quoted;
			continue;
		}
		if (!quoted && (*s == ' ' || *s == '\t' || *s == '\n')) {
			s++;
			break;
		}
		*out++ = *s;
	}
	*out = '\0';
	return s;
}

/*
 * Words after "--" belong to init's argv; so do unknown words without '=' (unknown words
 * with '=' go to its environment), as Linux passes them to user space.
 */
const char *init_argv_extra[MAX_INIT_ARGS + 1];
const char *init_envp_extra[MAX_INIT_ARGS + 1];
static int n_argv, n_envp;

static void pass_to_init(char *word, bool is_env)
{
	if (is_env ? n_envp >= MAX_INIT_ARGS : n_argv >= MAX_INIT_ARGS) {
		pr_warn("Too many arguments for init: dropping \"%s\"\n", word);
		return;
	}
	if (is_env)
		init_envp_extra[n_envp++] = word;
	else
		init_argv_extra[n_argv++] = word;
}

static void parse(bool early)
{
	char *s = parse_buf, *word;
	bool after_dashes = false;

	strlcpy(parse_buf, boot_command_line, sizeof(parse_buf));
	while ((s = next_word(s, &word))) {
		char *eq = strchr(word, '=');
		size_t namelen = eq ? (size_t)(eq - word) : strlen(word);
		const struct kernel_param *p;

		if (after_dashes) {
			if (!early)
				pass_to_init(word, false);
			continue;
		}
		if (!strcmp(word, "--")) {
			after_dashes = true;
			continue;
		}
		p = find_param(word, namelen);
		if (!p) {
			if (!early) {
				pr_notice("Unknown kernel command line parameter \"%s\", passed to init\n",
					  word);
				pass_to_init(word, eq != NULL);
			}
			continue;
		}
		if (p->early != early)
			continue;
		if (p->setup(eq ? eq + 1 : (char *)"") < 0)
			pr_warn("Malformed kernel command line parameter \"%s\"\n", word);
	}
}

void parse_early_param(void)
{
	static bool done;

	if (!done)
		parse(true);
	done = true;
}

void parse_args(void)
{
	parse(false);
}
