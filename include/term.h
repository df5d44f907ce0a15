/* term.h — terminal facts: is it a tty, how wide, may we use colour. */
#ifndef CRY_GUIDE_TERM_H
#define CRY_GUIDE_TERM_H

#include <stdbool.h>

enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

struct term {
	bool tty;   /* the stream is a terminal */
	bool color; /* escapes allowed */
	int width;  /* wrap column; 0 = no wrapping */
};

/*
 * Decide for file descriptor fd.  Colour: --color=always forces it,
 * --color=never, a non-empty NO_COLOR or TERM=dumb turn it off, else only
 * on a terminal.  Width: width_opt when >= 0 (0 = no wrapping), else
 * COLUMNS when it is a positive number, else the terminal's width, else 80.
 */
void term_init(struct term *t, int fd, enum color_mode mode, int width_opt);

/* The terminal's current width for fd, or 0 when fd is not a terminal. */
int term_cols(int fd);

/*
 * The terminal's current height in rows for fd, or 0 when fd is not a
 * terminal or does not say (LINES is not read: a terminal that was resized
 * since the shell set it would be misread).
 */
int term_rows(int fd);

/* Parse "auto", "always", "never"; -1 for anything else. */
int term_parse_color(const char *s);

#endif
