/* render.h — writing text for people: sanitising, UTF-8 aware wrapping, styles, the safety footer. */
#ifndef CRY_GUIDE_RENDER_H
#define CRY_GUIDE_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct term;
struct content;

/* An output stream and how to decorate it. */
struct out {
	FILE *fp;
	int width;	/* wrap column, 0 = no wrapping */
	bool color;	/* escapes allowed */
};

void out_init(struct out *o, FILE *fp, const struct term *t);

enum style { STYLE_NONE, STYLE_BOLD, STYLE_DIM, STYLE_HEADING, STYLE_ALERT };

/* Start a style (nothing unless o->color); out_style(o, STYLE_NONE) resets. */
void out_style(struct out *o, enum style s);

/*
 * Write TEXT sanitised and wrapped to o->width on word boundaries, counting
 * display columns.  The first line starts with FIRST, later lines with REST
 * (both may be NULL; their widths count).  Runs of white space collapse to
 * one space.  A word wider than the line is broken between characters.
 * Ends with a newline.
 */
void out_wrap(struct out *o, const char *first, const char *rest, const char *text);

/* Like out_wrap() but the whole paragraph in style S. */
void out_wrap_styled(struct out *o, enum style s, const char *first, const char *rest,
		     const char *text);

/*
 * A copy of TEXT that is safe to print: escape sequences (CSI, OSC, and
 * two-byte ESC sequences) removed, other C0/C1 controls and DEL removed,
 * tabs and newlines turned into spaces, invalid UTF-8 bytes replaced with
 * U+FFFD.  Caller frees; NULL on allocation failure.
 */
char *render_sanitize(const char *text);

/* Display columns of UTF-8 text (wide characters 2, combining marks 0). */
size_t render_width(const char *text);

/* Columns of the code point cp (0, 1 or 2). */
int render_cp_width(unsigned long cp);

/* Decode one UTF-8 character at s; returns its length (>= 1), and *cp
 * (U+FFFD for an invalid byte, which then has length 1). */
size_t render_utf8_next(const char *s, unsigned long *cp);

/*
 * The crisis line and the disclaimer, from content when c is given and has
 * them, else from the compiled-in copy (safety.h).  Borrowed strings.
 */
const char *render_crisis_line(const struct content *c);
const char *render_disclaimer(const struct content *c);

/* The text-format footer: a rule, the crisis line and the disclaimer. */
void render_footer_text(struct out *o, const struct content *c);

#endif
