/* main.c — start-up: SIGPIPE, global options, and dispatch to a command. */
#include <signal.h>
#include <stdlib.h>

#include "cli.h"
#include "exitcode.h"

int main(int argc, char **argv)
{
	struct globals g = { NULL, COLOR_AUTO, -1, false };
	const struct command *c;
	const char *env = getenv("CRY_GUIDE_CONTENT");
	char *walk_argv[] = { (char *)"walk", NULL };
	int ch;

	/*
	 * A closed pipe is reported by write() as EPIPE and handled quietly.
	 * Ctrl-C keeps its default action (the shell sees status 130) except in
	 * walk, which catches it to close the session gently.
	 */
	signal(SIGPIPE, SIG_IGN);

	if (env && *env)
		g.content_dir = env;

	/* global options stop at the command's name */
	while ((ch = getopt_long(argc, argv, "+:c:w:hV", cli_global_options, NULL)) != -1) {
		switch (ch) {
		case 'h': cli_usage(EXIT_OK); return cli_finish(EXIT_OK);
		case 'V': return cli_version();
		case 'c':
		case 'w':
		case OPT_COLOR:
		case OPT_NO_PAGER:
			if (cli_apply_global(ch, optarg, &g, NULL) != 0)
				return EXIT_USAGE;
			break;
		case ':':
			return cli_usage_error(NULL, "option '%s' needs a value", argv[optind - 1]);
		default: return cli_bad_option(argv, cli_global_options, NULL);
		}
	}
	if (optind >= argc) {
		optind = 0;
		return command_find("walk")->fn(1, walk_argv, &g);
	}
	c = command_find(argv[optind]);
	if (!c)
		return cli_unknown_command(argv[optind]);
	argc -= optind;
	argv += optind;
	optind = 0;
	return c->fn(argc, argv, &g);
}
