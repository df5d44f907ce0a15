/* term.c — terminal facts: tty, width and whether colour is allowed. */
#include "term.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

int term_cols(int fd)
{
	struct winsize ws;

	if (!isatty(fd) || ioctl(fd, TIOCGWINSZ, &ws) != 0)
		return 0;
	return ws.ws_col;
}

int term_rows(int fd)
{
	struct winsize ws;

	if (!isatty(fd) || ioctl(fd, TIOCGWINSZ, &ws) != 0)
		return 0;
	return ws.ws_row;
}

static int env_columns(void)
{
	const char *s = getenv("COLUMNS");
	char *end;
	long v;

	if (!s || !*s)
		return 0;
	errno = 0;
	v = strtol(s, &end, 10);
	if (*end || errno || v <= 0 || v > 10000)
		return 0;
	return (int)v;
}

void term_init(struct term *t, int fd, enum color_mode mode, int width_opt)
{
	const char *no_color = getenv("NO_COLOR");
	const char *term = getenv("TERM");
	int w;

	t->tty = isatty(fd) != 0;
	if (mode == COLOR_ALWAYS)
		t->color = true;
	else if (mode == COLOR_NEVER || (no_color && *no_color) ||
		 (term && strcmp(term, "dumb") == 0))
		t->color = false;
	else
		t->color = t->tty;

	if (width_opt >= 0)
		w = width_opt;
	else if ((w = env_columns()) == 0 && (w = term_cols(fd)) == 0)
		w = 80;
	t->width = w;
}

int term_parse_color(const char *s)
{
	if (strcmp(s, "auto") == 0)
		return COLOR_AUTO;
	if (strcmp(s, "always") == 0)
		return COLOR_ALWAYS;
	if (strcmp(s, "never") == 0)
		return COLOR_NEVER;
	return -1;
}
