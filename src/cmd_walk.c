/* cmd_walk.c — placeholder until its issue lands. */
#include "cli.h"
#include "exitcode.h"

const char help_walk[] = "";

int cmd_walk(int argc, char **argv, struct globals *g)
{
	(void)argc;
	(void)argv;
	(void)g;
	cli_error("walk: not built yet");
	return EXIT_USAGE;
}

