/* cmd_check.c — placeholder until its issue lands. */
#include "cli.h"
#include "exitcode.h"

const char help_check[] = "";

int cmd_check(int argc, char **argv, struct globals *g)
{
	(void)argc;
	(void)argv;
	(void)g;
	cli_error("check: not built yet");
	return EXIT_USAGE;
}

