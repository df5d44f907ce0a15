/* cmd_read.c — placeholder until its issue lands. */
#include "cli.h"
#include "exitcode.h"

const char help_list[] = "";
const char help_show[] = "";
const char help_prompts[] = "";
const char help_search[] = "";
const char help_crisis[] = "";

int cmd_list(int argc, char **argv, struct globals *g)
{
	(void)argc;
	(void)argv;
	(void)g;
	cli_error("list: not built yet");
	return EXIT_USAGE;
}

int cmd_show(int argc, char **argv, struct globals *g)
{
	(void)argc;
	(void)argv;
	(void)g;
	cli_error("show: not built yet");
	return EXIT_USAGE;
}

int cmd_prompts(int argc, char **argv, struct globals *g)
{
	(void)argc;
	(void)argv;
	(void)g;
	cli_error("prompts: not built yet");
	return EXIT_USAGE;
}

int cmd_search(int argc, char **argv, struct globals *g)
{
	(void)argc;
	(void)argv;
	(void)g;
	cli_error("search: not built yet");
	return EXIT_USAGE;
}

int cmd_crisis(int argc, char **argv, struct globals *g)
{
	(void)argc;
	(void)argv;
	(void)g;
	cli_error("crisis: not built yet");
	return EXIT_USAGE;
}

