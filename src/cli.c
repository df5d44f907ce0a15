/* cli.c — the command table, global options, help, and reporting in one voice. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "content.h"
#include "exitcode.h"
#include "oom.h"
#include "render.h"
#include "safety.h"

#ifndef CRY_GUIDE_VERSION
#define CRY_GUIDE_VERSION "0.0.0"
#endif

static const char help_help[] = "\n"
				"Examples:\n"
				"  The commands, global options and exit codes:\n"
				"    cry-guide help\n"
				"  One command's options, with examples:\n"
				"    cry-guide help show\n"
				"  The whole manual:\n"
				"    man cry-guide\n";

const struct command commands[] = {
	{ "walk", cmd_walk, "walk [OPTIONS] [SECTION...]",
	  "The guided reflection session (the default command)", help_walk },
	{ "list", cmd_list, "list [OPTIONS]",
	  "The sections in order: number, id, prompt count and title", help_list },
	{ "show", cmd_show, "show [OPTIONS] SECTION... | show --all",
	  "A section's text, key points and prompts", help_show },
	{ "prompts", cmd_prompts, "prompts [OPTIONS] [SECTION...]", "Only the reflection prompts",
	  help_prompts },
	{ "search", cmd_search, "search [OPTIONS] TERM...",
	  "Paragraphs that contain every TERM (case-insensitive)", help_search },
	{ "crisis", cmd_crisis, "crisis [OPTIONS]",
	  "Crisis and support resources, and nothing else", help_crisis },
	{ "journal", cmd_journal,
	  "journal [list|show ID|search TERM...|export|trend|delete ID|--all|encrypt|decrypt] [OPTIONS]",
	  "Your private journal of saved reflections", help_journal },
	{ "check", cmd_check, "check [OPTIONS] [PATH...]", "Validate content for CI", help_check },
	{ "help", cmd_help, "help [COMMAND]", "Help for a command", help_help },
	{ NULL, NULL, NULL, NULL, NULL }
};

const struct command *command_find(const char *name)
{
	const struct command *c;

	for (c = commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

/*
 * "cry-guide: " and the message on stderr, sanitised as content is: the
 * arguments (ids, kinds, file names, what the user typed) can hold escape
 * sequences, controls or bidi overrides, and none of them may reach the
 * terminal.  No newline.
 */
#if defined(__GNUC__)
__attribute__((format(printf, 1, 0)))
#endif
static void
report(const char *fmt, va_list ap)
{
	char small[1024], *msg = small;
	va_list again;
	int n;

	va_copy(again, ap);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	if (n < 0)
		small[0] = '\0';
	else if ((size_t)n >= sizeof(small) && (msg = malloc((size_t)n + 1)) != NULL)
		vsnprintf(msg, (size_t)n + 1, fmt, again);
	else
		msg = small; /* fits, or no memory for more: the start of it */
	va_end(again);
	fflush(stdout);
	fputs("cry-guide: ", stderr);
	render_fputs_sanitized(msg, stderr);
	if (msg != small)
		free(msg);
}

void cli_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_usage_error(const char *name, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(fmt, ap);
	va_end(ap);
	if (name)
		fprintf(stderr, " (see 'cry-guide help %s')\n", name);
	else
		fputs(" (see 'cry-guide --help')\n", stderr);
	return EXIT_USAGE;
}

/* Wrapped safety text for the stream fp (stdout or stderr). */
static void safety_block(FILE *fp, const struct content *c)
{
	struct term t;
	struct out o;

	term_init(&t, fileno(fp), COLOR_NEVER, -1);
	out_init(&o, fp, &t);
	out_wrap(&o, NULL, NULL, render_crisis_line(c));
	fputc('\n', fp);
	out_wrap(&o, NULL, NULL, render_disclaimer(c));
}

static const char exit_codes_help[] =
    "Exit status:\n"
    "  0    Success\n"
    "  1    Nothing found (unknown section, no search match), or check found errors\n"
    "  2    Usage error (unknown option, bad argument)\n"
    "  3    Content could not be loaded or is invalid\n"
    "  4    I/O error (journal, output write failure other than a closed pipe),\n"
    "       or out of memory\n"
    "  130  Interrupted (Ctrl-C)\n";

/* Said once, here and in the man page; a command's help points here. */
static const char global_help[] =
    "Global options (before or after the command):\n"
    "  -c, --content DIR   Read content from DIR (else $CRY_GUIDE_CONTENT, else built-in)\n"
    "      --color WHEN    Auto (default), always or never; NO_COLOR and TERM=dumb\n"
    "                      also turn colour off\n"
    "  -w, --width N       Wrap text at N columns (0: no wrapping)\n"
    "      --no-pager      Never send long output through the pager ($CRY_GUIDE_PAGER,\n"
    "                      else $PAGER, else less)\n"
    "  -h, --help          Show help\n"
    "  -V, --version       Show the version\n";

int cli_usage(int status)
{
	FILE *fp = status == EXIT_OK ? stdout : stderr;
	const struct command *c;

	fputs("usage: cry-guide [GLOBAL OPTIONS] [COMMAND [OPTIONS] [ARGS]]\n\n"
	      "A calm, self-guided reflection on the article \"Is Crying Good For You?\".\n"
	      "With no command, cry-guide starts the guided session (walk).\n\n"
	      "Commands:\n",
	      fp);
	for (c = commands; c->name; c++)
		fprintf(fp, "  %-9s %s\n", c->name, c->summary);
	fputc('\n', fp);
	fputs(global_help, fp);
	fputs(
	    "\nA SECTION is an id (why-we-cry), a unique prefix (why) or a number from 'list'.\n\n",
	    fp);
	fputs(exit_codes_help, fp);
	fputs("\nMore: 'cry-guide help COMMAND' (options and examples), 'man cry-guide'.\n\n", fp);
	safety_block(fp, NULL);
	return status;
}

int cli_command_help(const struct command *c)
{
	const char *h = c->help ? c->help : "";

	printf("usage: cry-guide %s\n\n%s.\n", c->usage, c->summary);
	/* options first (lines that start "  -" or a subcommand), then notes */
	if (*h && *h != '\n')
		fputs("\nOptions:\n", stdout);
	fputs(h, stdout);
	fputs(
	    "\nGlobal options and exit status: 'cry-guide --help'; all of it: 'man cry-guide'.\n\n",
	    stdout);
	safety_block(stdout, NULL);
	return cli_finish(EXIT_OK);
}

int cli_version(void)
{
	printf("cry-guide %s\n\n", CRY_GUIDE_VERSION);
	safety_block(stdout, NULL);
	return cli_finish(EXIT_OK);
}

const struct option cli_global_options[] = { { "content", required_argument, NULL, 'c' },
					     { "color", required_argument, NULL, OPT_COLOR },
					     { "colour", required_argument, NULL, OPT_COLOR },
					     { "width", required_argument, NULL, 'w' },
					     { "no-pager", no_argument, NULL, OPT_NO_PAGER },
					     { "help", no_argument, NULL, 'h' },
					     { "version", no_argument, NULL, 'V' },
					     { NULL, 0, NULL, 0 } };
#define N_GLOBAL 7

/* Apply a global option; returns 0, or -1 after reporting a usage error. */
int cli_apply_global(int ch, const char *arg, struct globals *g, const char *name)
{
	char *end;
	long w;
	int mode;

	switch (ch) {
	case 'c': g->content_dir = arg; return 0;
	case OPT_NO_PAGER: g->no_pager = true; return 0;
	case OPT_COLOR:
		mode = term_parse_color(arg);
		if (mode < 0) {
			cli_usage_error(name, "--color must be auto, always or never, not '%s'",
					arg);
			return -1;
		}
		g->color = (enum color_mode)mode;
		return 0;
	case 'w':
		errno = 0;
		w = strtol(arg, &end, 10);
		if (*arg == '\0' || *end || errno || w < 0 || w > 10000) {
			cli_usage_error(name, "--width must be a number from 0 to 10000, not '%s'",
					arg);
			return -1;
		}
		g->width = (int)w;
		return 0;
	default: return -1;
	}
}

static const char *nearest(const char *typed, const void *names, size_t stride, size_t n);

int cli_bad_option(char *const *argv, const struct option *longopts, const char *name)
{
	const char *arg = optind > 0 ? argv[optind - 1] : "";
	const char *eq = strchr(arg, '=');
	const struct option *o;

	/*
	 * "--all=1": getopt_long() has stepped past it and set optopt to the
	 * option's val, which need not be a character (--list-rules's is not).
	 */
	if (optopt && eq && strncmp(arg, "--", 2) == 0) {
		size_t len = (size_t)(eq - (arg + 2));
		for (o = longopts; o && o->name; o++)
			if (o->has_arg == no_argument && !o->flag && o->val == optopt &&
			    strncmp(o->name, arg + 2, len) == 0)
				return cli_usage_error(
				    name, "option '--%s' doesn't allow an argument", o->name);
	}
	if (optopt > ' ' && optopt < 0x7F)
		return cli_usage_error(name, "unknown option '-%c'", optopt);
	if (optopt) /* a control or a byte of a multibyte character */
		return cli_usage_error(name, "unknown option '-\\x%02X'", (unsigned)optopt & 0xFFu);
	if (strncmp(arg, "--", 2) == 0 && arg[2]) {
		char typed[64];
		const char *near;
		size_t n = 0;

		snprintf(typed, sizeof(typed), "%.*s", (int)strcspn(arg + 2, "="), arg + 2);
		while (longopts && longopts[n].name)
			n++;
		near = nearest(typed, longopts, sizeof(longopts[0]), n);
		if (near)
			return cli_usage_error(name, "unknown option '%s'; did you mean '--%s'?",
					       arg, near);
	}
	return cli_usage_error(name, "unknown option '%s'", arg);
}

int cli_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts,
	       struct globals *g, const char *name)
{
	static struct option all[64];
	static char shorts[64];
	size_t n = 0, i;
	int ch;

	for (i = 0; longopts && longopts[i].name && n < 64 - N_GLOBAL - 1; i++)
		all[n++] = longopts[i];
	for (i = 0; i < N_GLOBAL; i++)
		all[n++] = cli_global_options[i];
	memset(&all[n], 0, sizeof(all[n]));
	snprintf(shorts, sizeof(shorts), ":%sc:w:hV", shortopts ? shortopts : "");

	for (;;) {
		ch = getopt_long(argc, argv, shorts, all, NULL);
		switch (ch) {
		case 'c':
		case 'w':
		case OPT_COLOR:
		case OPT_NO_PAGER:
			if (cli_apply_global(ch, optarg, g, name) != 0)
				return '?';
			continue;
		case 'V': return 'V';
		case ':':
			cli_usage_error(name, "option '%s' needs a value", argv[optind - 1]);
			return '?';
		case '?': cli_bad_option(argv, all, name); return '?';
		default: return ch;
		}
	}
}

int cli_parse_format(const char *arg, const char *const *names, const char *cmd)
{
	int i;
	char list[128] = "";

	for (i = 0; names[i]; i++)
		if (strcmp(arg, names[i]) == 0)
			return i;
	for (i = 0; names[i]; i++) {
		strncat(list, i ? (names[i + 1] ? ", " : " or ") : "",
			sizeof(list) - strlen(list) - 1);
		strncat(list, names[i], sizeof(list) - strlen(list) - 1);
	}
	cli_usage_error(cmd, "--format must be %s, not '%s'", list, arg);
	return -1;
}

int cli_content_error(const struct content_error *err)
{
	char msg[1024];

	content_error_format(err, msg, sizeof(msg));
	fflush(stdout);
	cli_error("%s", msg);
	fputc('\n', stderr);
	safety_block(stderr, NULL);
	return EXIT_CONTENT;
}

int cli_load(const struct globals *g, struct content **out)
{
	struct content_error err;
	int rc;

	if (g->content_dir)
		rc = content_load_dir(g->content_dir, out, &err);
	else
		rc = content_load_builtin(out, &err);
	if (rc == 0)
		return EXIT_OK;
	return cli_content_error(&err);
}

static int fold(int ch)
{
	return ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch;
}

bool cli_term_at(const char *s, const char *term)
{
	for (; *term; s++, term++)
		if (!*s || fold((unsigned char)*s) != fold((unsigned char)*term))
			return false;
	return true;
}

bool cli_contains_folded(const char *s, const char *term)
{
	for (; *s; s++)
		if (cli_term_at(s, term))
			return true;
	return false;
}

/*
 * How near what the user typed is to NAME, git-style: 0 when NAME starts
 * with it (two characters or more), else the edit distance when that is at
 * most 2 and less than either length; SIZE_MAX when they are not near (so
 * that "therapy" suggests no id and "xyz" no command).
 */
static size_t nearness(const char *typed, const char *name)
{
	size_t lt = strlen(typed), ln = strlen(name), d;

	if (lt >= 2 && strncmp(name, typed, lt) == 0)
		return 0;
	if (lt > 64 || ln > 63)
		return SIZE_MAX;
	d = content_edit_distance(typed, name);
	return d <= 2 && d < lt && d < ln ? d : SIZE_MAX;
}

/* The nearest of NAMES[i] (stride bytes apart, n of them), or NULL. */
static const char *nearest(const char *typed, const void *names, size_t stride, size_t n)
{
	const char *best = NULL;
	size_t i, d, bestd = SIZE_MAX;

	for (i = 0; i < n; i++) {
		const char *name =
		    *(const char *const *)(const void *)((const char *)names + i * stride);
		d = nearness(typed, name);
		if (d < bestd) {
			bestd = d;
			best = name;
		}
	}
	return best;
}

int cli_unknown_command(const char *name)
{
	size_t n = 0;
	const char *near;

	while (commands[n].name)
		n++;
	near = nearest(name, commands, sizeof(commands[0]), n);
	if (near)
		return cli_usage_error(NULL, "unknown command '%s'; did you mean '%s'?", name,
				       near);
	return cli_usage_error(NULL, "unknown command '%s'", name);
}

/* Is section id ID near SPEC (lower case): the id, or one of its words? */
static bool id_near(const char *spec, const char *id)
{
	const char *w;
	char word[64];
	size_t len;

	if (strstr(id, spec) || nearness(spec, id) != SIZE_MAX)
		return true;
	for (w = id; *w; w += len + (w[len] == '-')) {
		len = strcspn(w, "-");
		if (len == 0 || len >= sizeof(word))
			continue;
		memcpy(word, w, len);
		word[len] = '\0';
		if (nearness(spec, word) != SIZE_MAX)
			return true;
	}
	return false;
}

/* Does WORD appear in a section's title, summary or text? */
static bool content_mentions(const struct content *c, const char *word)
{
	size_t i, k;

	for (i = 0; i < c->n_sections; i++) {
		const struct section *s = &c->sections[i];
		if (cli_contains_folded(s->title, word) || cli_contains_folded(s->summary, word))
			return true;
		for (k = 0; k < s->n_paragraphs; k++)
			if (cli_contains_folded(s->paragraphs[k], word))
				return true;
	}
	return false;
}

/* Report a SECTION (in lower case: SPEC) that names no section. */
static void report_no_section(const struct content *c, const char *arg, const char *spec)
{
	const char *near[4];
	char list[256] = "";
	size_t k, m, shown = 0;

	m = content_suggest(c, spec, near, 3);
	for (k = 0; k < m; k++) {
		if (!id_near(spec, near[k]))
			continue;
		strncat(list, shown++ ? ", " : "", sizeof(list) - strlen(list) - 1);
		strncat(list, near[k], sizeof(list) - strlen(list) - 1);
	}
	if (shown)
		cli_error("no section '%s' (did you mean: %s?)", arg, list);
	else if (strlen(arg) < 128 && arg[strcspn(arg, " \t'\"\\$`")] == '\0' &&
		 content_mentions(c, arg))
		cli_error("no section '%s'; to find it in the text: cry-guide search %s", arg, arg);
	else
		cli_error("no section '%s' (the sections: cry-guide list)", arg);
}

/*
 * Resolve SECTION arguments into out[] (n entries).  Returns EXIT_OK, or
 * EXIT_NOTFOUND after naming the first one that does not resolve.  Ids
 * match in either case ("show Why"): an id as typed first, then folded.
 */
int cli_resolve_sections(const struct content *c, char *const *args, size_t n,
			 const struct section **out)
{
	size_t i, k, m;

	for (i = 0; i < n; i++) {
		const char *near[4];
		char list[256] = "", lower[128];
		bool ambiguous;

		for (k = 0; args[i][k] && k < sizeof(lower) - 1; k++)
			lower[k] = (char)fold((unsigned char)args[i][k]);
		lower[k] = '\0';
		out[i] = content_find_section(c, args[i], &ambiguous);
		if (!out[i] && !ambiguous && strlen(args[i]) < sizeof(lower) &&
		    strcmp(lower, args[i]) != 0)
			out[i] = content_find_section(c, lower, &ambiguous);
		if (out[i])
			continue;
		if (ambiguous) {
			const char *p = strlen(args[i]) < sizeof(lower) ? lower : args[i];
			m = content_suggest(c, p, near, 4);
			for (k = 0; k < m && strncmp(near[k], p, strlen(p)) == 0; k++) {
				strncat(list, k ? ", " : "", sizeof(list) - strlen(list) - 1);
				strncat(list, near[k], sizeof(list) - strlen(list) - 1);
			}
			cli_error("section '%s' is ambiguous (could be: %s)", args[i], list);
			return EXIT_NOTFOUND;
		}
		if (args[i][0] && strspn(args[i], "0123456789") == strlen(args[i])) {
			cli_error("no section '%s' (sections are numbered 1 to %zu)", args[i],
				  c->n_sections);
			return EXIT_NOTFOUND;
		}
		report_no_section(c, args[i], lower);
		return EXIT_NOTFOUND;
	}
	return EXIT_OK;
}

/* True when stdout is a pipe or socket whose reader has gone away. */
static bool reader_gone(void)
{
	struct pollfd p = { STDOUT_FILENO, POLLOUT, 0 };

	return poll(&p, 1, 0) == 1 && (p.revents & POLLERR);
}

int cli_finish(int status)
{
	int saved;

	errno = 0;
	if (oom_seen()) {
		/* something was left out of the output: never a quiet success */
		fflush(stdout);
		cli_error("out of memory");
		return status > EXIT_IO ? status : EXIT_IO; /* a signal's status stays */
	}
	if (fflush(stdout) == 0 && !ferror(stdout))
		return status;
	saved = errno;
	/*
	 * A write failed, now or earlier.  errno is only this flush's: an
	 * earlier failure (a flush before a prompt, say) left no trace but the
	 * stream's error flag, so ask the descriptor whether the reader left.
	 */
	if (saved == EPIPE || (saved == 0 && reader_gone()))
		return status; /* the reader left: not our error */
	if (saved)
		cli_error("cannot write output: %s", strerror(saved));
	else
		cli_error("cannot write output");
	return EXIT_IO;
}

int cmd_help(int argc, char **argv, struct globals *g)
{
	const struct command *c;
	int ch;

	while ((ch = cli_getopt(argc, argv, "", NULL, g, "help")) != -1) {
		if (ch == 'h')
			return cli_command_help(command_find("help"));
		if (ch == 'V')
			return cli_version();
		return EXIT_USAGE;
	}
	if (optind >= argc) {
		cli_usage(EXIT_OK);
		return cli_finish(EXIT_OK);
	}
	c = command_find(argv[optind]);
	if (!c)
		return cli_unknown_command(argv[optind]);
	return cli_command_help(c);
}
