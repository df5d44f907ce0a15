/* cmd_check.c — `cry-guide check`: validate content for people and for CI. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cli.h"
#include "content.h"
#include "exitcode.h"
#include "rules.h"

const char help_check[] =
    "  -f, --format FMT    Text (default; gcc-style, with a summary line), json,\n"
    "                      sarif (SARIF 2.1.0), github (workflow annotations)\n"
    "                      or junit (JUnit XML)\n"
    "      --ignore CODES  Drop findings of these rules (comma-separated, e.g.\n"
    "                      CG108,CG303); safety rules (CG2xx) cannot be ignored\n"
    "      --fail-on LEVEL Error (default) or warning: what makes the exit status 1\n"
    "      --list-rules    Print every rule: code, severity and explanation\n"
    "  -j, --jobs N        Check with N threads in all (default: the free cores)\n"
    "\n"
    "PATH is a content folder (DIR/guide.json, DIR/safety.json, DIR/sections/*.json)\n"
    "or a single file; the default is the active content (-c, $CRY_GUIDE_CONTENT,\n"
    "else the built-in copy, shown as <built-in>/...).  CG207 counts a year back\n"
    "from $CRY_GUIDE_TODAY (a real YYYY-MM-DD date; anything else is a usage\n"
    "error) when set, else from today.  Exit status 0: no errors; 1: errors (or\n"
    "warnings with --fail-on warning); 2: usage error or a PATH that cannot be\n"
    "read at all.\n"
    "\n"
    "Examples:\n"
    "  Check an edited copy of the content:\n"
    "    cry-guide check my-content\n"
    "  In CI, failing on warnings too, as GitHub annotations:\n"
    "    cry-guide check --fail-on warning -f github content\n"
    "  Every rule and what it means:\n"
    "    cry-guide check --list-rules\n";

enum { OPT_IGNORE = 0x200, OPT_FAIL_ON, OPT_LIST_RULES };

static const struct option longopts[] = { { "format", required_argument, NULL, 'f' },
					  { "ignore", required_argument, NULL, OPT_IGNORE },
					  { "fail-on", required_argument, NULL, OPT_FAIL_ON },
					  { "list-rules", no_argument, NULL, OPT_LIST_RULES },
					  { "jobs", required_argument, NULL, 'j' },
					  { NULL, 0, NULL, 0 } };

static const char *const format_names[] = { "text", "json", "sarif", "github", "junit", NULL };

/* The rules whose findings are dropped, each once (so any number of codes fit). */
struct ignore_list {
	const char *codes[RULES_MAX]; /* rule codes (static strings from rules[]) */
	size_t n;
};

/*
 * Add the comma-separated codes in arg; a code already listed is not added
 * again.  An unknown code is a usage error (-1); a safety rule is reported
 * and kept (its findings still count).
 */
static int ignore_parse(struct ignore_list *ig, const char *arg)
{
	char code[16];
	const char *p = arg;

	while (*p) {
		size_t n = strcspn(p, ","), i;
		const struct rule *r;

		if (n == 0 || n >= sizeof(code)) {
			if (n == 0) {
				p++;
				continue;
			}
			cli_usage_error("check", "--ignore: unknown rule '%.*s'", (int)n, p);
			return -1;
		}
		for (i = 0; i < n; i++)
			code[i] = (char)toupper((unsigned char)p[i]);
		code[n] = '\0';
		r = rule_find(code);
		if (!r) {
			cli_usage_error("check", "--ignore: unknown rule '%.*s'", (int)n, p);
			return -1;
		}
		if (!rule_ignorable(r)) {
			cli_error("%s is a safety rule and cannot be ignored", r->code);
		} else {
			for (i = 0; i < ig->n && ig->codes[i] != r->code; i++)
				;
			if (i == ig->n) /* room: one entry a rule at most */
				ig->codes[ig->n++] = r->code;
		}
		p += n;
		if (*p == ',')
			p++;
	}
	return 0;
}

/*
 * A PATH that check_add_path() refused: a path that cannot be read is
 * status 2; memory that ran out while looking at it is not the path's
 * fault (status 4, as everywhere).
 */
static int add_failed(struct check_run *run, const char *err)
{
	int status = errno == ENOMEM ? EXIT_IO : EXIT_USAGE;

	cli_error("%s", err);
	check_free(run);
	return status;
}

int cmd_check(int argc, char **argv, struct globals *g)
{
	struct check_options opt = { NULL, NULL, 0, 0 };
	struct ignore_list ig;
	struct check_summary sum;
	struct check_run *run = NULL;
	char err[1024];
	const char *env;
	int ch, format = CHECK_TEXT, fail_on_warning = 0, list_rules = 0, status;
	long jobs;
	char *end;

	ig.n = 0;
	while ((ch = cli_getopt(argc, argv, "f:j:", longopts, g, "check")) != -1) {
		switch (ch) {
		case 'h': return cli_command_help(command_find("check"));
		case 'V': return cli_version();
		case 'f':
			format = cli_parse_format(optarg, format_names, "check");
			if (format < 0)
				return EXIT_USAGE;
			break;
		case OPT_IGNORE:
			if (ignore_parse(&ig, optarg) != 0)
				return EXIT_USAGE;
			break;
		case OPT_FAIL_ON:
			if (strcmp(optarg, "error") == 0)
				fail_on_warning = 0;
			else if (strcmp(optarg, "warning") == 0)
				fail_on_warning = 1;
			else
				return cli_usage_error(
				    "check", "--fail-on must be error or warning, not '%s'",
				    optarg);
			break;
		case OPT_LIST_RULES: list_rules = 1; break;
		case 'j':
			errno = 0;
			jobs = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end || errno || jobs < 1 || jobs > 64)
				return cli_usage_error(
				    "check", "--jobs must be a number from 1 to 64, not '%s'",
				    optarg);
			opt.jobs = (int)jobs;
			break;
		default: return EXIT_USAGE;
		}
	}
	if (list_rules) {
		check_write_rules(stdout);
		return cli_finish(EXIT_OK);
	}
	env = getenv("CRY_GUIDE_TODAY");
	if (env && *env && !content_valid_date(env))
		return cli_usage_error(
		    "check", "CRY_GUIDE_TODAY must be a real YYYY-MM-DD date, not '%s'", env);
	opt.ignore = ig.codes;
	opt.n_ignore = ig.n;

	run = check_new();
	if (!run)
		goto oom;
	if (optind >= argc) {
		if (g->content_dir) {
			if (check_add_path(run, g->content_dir, err, sizeof(err)) != 0)
				return add_failed(run, err);
		} else if (check_add_builtin(run) != 0) {
			goto oom;
		}
	}
	for (; optind < argc; optind++) {
		if (check_add_path(run, argv[optind], err, sizeof(err)) != 0)
			return add_failed(run, err);
	}
	check_output(run, (enum check_format)format, stdout);
	if (check_execute(run, &opt) != 0) {
		if (errno != ENOMEM) {
			cli_error("check: cannot use a temporary file: %s", strerror(errno));
			check_free(run);
			return EXIT_IO;
		}
		goto oom;
	}
	check_summary(run, &sum);
	check_free(run);
	status = sum.errors || (fail_on_warning && sum.warnings) ? EXIT_NOTFOUND : EXIT_OK;
	return cli_finish(status);
oom:
	check_free(run);
	cli_error("check: out of memory");
	return EXIT_IO;
}
