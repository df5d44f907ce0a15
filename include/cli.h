/* cli.h — the command layer: global options, the commands, and reporting in one voice. */
#ifndef CRY_GUIDE_CLI_H
#define CRY_GUIDE_CLI_H

#include <getopt.h>
#include <stdbool.h>

#include "term.h"

struct content;

/* Options that every command accepts, before or after its name. */
struct globals {
	const char *content_dir; /* -c DIR, else $CRY_GUIDE_CONTENT, else NULL (built-in) */
	enum color_mode color;   /* --color */
	int width;               /* -w N; -1 when not given */
	bool no_pager;           /* --no-pager */
};

struct command {
	const char *name;
	int (*fn)(int argc, char **argv, struct globals *g);
	const char *usage;   /* "show [OPTIONS] SECTION... | show --all" */
	const char *summary; /* one line */
	const char *help;    /* the command's options and notes, may be NULL */
};

/* Every command, in the order `help` lists them; NULL-name terminated. */
extern const struct command commands[];
const struct command *command_find(const char *name);

/* Each command's option help ("  -f, --format FMT  ...\n" lines), in its cmd_*.c. */
extern const char help_walk[], help_list[], help_show[], help_prompts[], help_search[],
    help_crisis[], help_check[], help_journal[];

int cmd_list(int argc, char **argv, struct globals *g);
int cmd_show(int argc, char **argv, struct globals *g);
int cmd_prompts(int argc, char **argv, struct globals *g);
int cmd_search(int argc, char **argv, struct globals *g);
int cmd_crisis(int argc, char **argv, struct globals *g);
int cmd_walk(int argc, char **argv, struct globals *g);
int cmd_check(int argc, char **argv, struct globals *g);
int cmd_journal(int argc, char **argv, struct globals *g);
int cmd_help(int argc, char **argv, struct globals *g);

/*
 * "cry-guide: MESSAGE" on stderr, sanitised as content output is
 * (render_sanitize()): no argument can drive the terminal.
 */
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
void cli_error(const char *fmt, ...);

/*
 * Report a usage error for command NAME ("cry-guide: MESSAGE", sanitised,
 * and a hint naming `cry-guide help NAME`), and return EXIT_USAGE.
 */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
int cli_usage_error(const char *name, const char *fmt, ...);

/*
 * getopt_long() for a command: the command's own options plus the global
 * ones, which it applies to g itself.  Returns the command's option
 * character, -1 at the end, or '?' after reporting a usage error.  '-h'
 * and '--help' are returned as 'h' for the command to show its help.
 * Options may come before or after operands.
 */
int cli_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts,
	       struct globals *g, const char *name);

/*
 * Report the option that getopt_long() (with LONGOPTS) just refused with
 * '?' — unknown, or given a value it does not take ("option '--all'
 * doesn't allow an argument") — for command NAME (NULL: top level), and
 * return EXIT_USAGE.
 */
int cli_bad_option(char *const *argv, const struct option *longopts, const char *name);

/*
 * Report NAME as an unknown command, naming the nearest one when there is
 * one near enough ("did you mean 'show'?"); returns EXIT_USAGE.
 */
int cli_unknown_command(const char *name);

/* Does S hold TERM at its start / anywhere, ASCII letters in either case? */
bool cli_term_at(const char *s, const char *term);
bool cli_contains_folded(const char *s, const char *term);

/* Show the help of command C on stdout and return EXIT_OK. */
int cli_command_help(const struct command *c);

/*
 * Load the active content.  On failure print the error, then the crisis
 * line and disclaimer from the compiled-in copy, on stderr, and return
 * EXIT_CONTENT; *out is then NULL.
 */
int cli_load(const struct globals *g, struct content **out);

/*
 * Report content that could not be loaded as cli_load() does (the error,
 * then the compiled-in crisis line and disclaimer, on stderr, after
 * stdout is flushed) and return EXIT_CONTENT.
 */
struct content_error;
int cli_content_error(const struct content_error *err);

/*
 * Resolve SECTION arguments (ids, unique prefixes, numbers) into out[]
 * (n entries).  Returns EXIT_OK, or EXIT_NOTFOUND after reporting the first
 * one that does not resolve, naming the closest ids (or, for an ambiguous
 * prefix, the ids it could be).
 */
struct section;
int cli_resolve_sections(const struct content *c, char *const *args, size_t n,
			 const struct section **out);

/* Parse -f/--format: one of NAMES (NULL-terminated); index or -1 after reporting. */
int cli_parse_format(const char *arg, const char *const *names, const char *cmd);

/*
 * Finish with stdout: flush and check it.  A reader that went away (EPIPE)
 * is not an error.  Returns status, or EXIT_IO after reporting a write error.
 */
int cli_finish(int status);

/* ---- used by main() ---- */

enum { OPT_COLOR = 0x100, OPT_NO_PAGER };
extern const struct option cli_global_options[]; /* NULL-name terminated */

/* Apply global option ch (from cli_global_options); 0, or -1 after reporting. */
int cli_apply_global(int ch, const char *arg, struct globals *g, const char *name);

/* The top-level help: on stdout for EXIT_OK, else on stderr; returns status. */
int cli_usage(int status);

/* --version with the crisis line and disclaimer. */
int cli_version(void);

#endif
