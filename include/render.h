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
	int width;  /* wrap column, 0 = no wrapping */
	bool color; /* escapes allowed */
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
 * two-byte ESC sequences) removed, other C0/C1 controls, DEL and bidi
 * overrides/isolates removed, tabs and newlines turned into spaces, invalid UTF-8 bytes replaced with
 * U+FFFD.  Caller frees; NULL on allocation failure.
 */
char *render_sanitize(const char *text);

/*
 * The sanitiser itself, which render_sanitize() and every other writer of
 * text from content, file names or arguments use: calls put(ctx, s, n)
 * with the pieces of TEXT that are safe to print, in order.
 */
typedef void (*render_put_fn)(void *ctx, const char *s, size_t n);
void render_sanitize_each(const char *text, render_put_fn put, void *ctx);

/* Write TEXT sanitised (as render_sanitize()) to fp, allocating nothing. */
void render_fputs_sanitized(const char *text, FILE *fp);

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

/* The text-format footer: a blank line, the crisis line and the disclaimer. */
void render_footer_text(struct out *o, const struct content *c);

/* ---- markdown ---- */

/*
 * Write TEXT sanitised, with runs of white space collapsed and trimmed,
 * and with the characters that markdown (pandoc's and CommonMark) would
 * read as markup escaped with a backslash.  The text is taken to start a
 * line, so a leading "#", "-", "+", "=", ":" or "1." is escaped too.  No
 * newline is written.
 */
void render_md_text(FILE *fp, const char *text);

/* The markdown footer: a rule, the crisis line (bold) and the disclaimer. */
void render_footer_markdown(FILE *fp, const struct content *c);

/* ---- JSON ---- */

/*
 * A small JSON writer, two-space indented.  Strings are sanitised
 * (render_sanitize()) and then escaped per RFC 8259.  The caller makes the
 * calls in a valid order: a key before each member of an object.
 */
struct json_writer {
	FILE *fp;
	int depth;
	bool need_comma; /* a value was written at this level */
	bool after_key;  /* the next value follows a key */
};

void json_init(struct json_writer *j, FILE *fp);
void json_begin_object(struct json_writer *j);
void json_end_object(struct json_writer *j);
void json_begin_array(struct json_writer *j);
void json_end_array(struct json_writer *j);
void json_key(struct json_writer *j, const char *key);
void json_string(struct json_writer *j, const char *s); /* NULL writes null */
void json_int(struct json_writer *j, long v);
void json_bool(struct json_writer *j, bool v);
/* A string array from n strings. */
void json_strings(struct json_writer *j, const char *const *v, size_t n);
/* End the document with a newline. */
void json_finish(struct json_writer *j);

/* Escape s as the body of a JSON string (no quotes, not sanitised). */
void render_json_escape(FILE *fp, const char *s);

/* The "crisis" and "disclaimer" members of the object being written. */
void render_footer_json(struct json_writer *j, const struct content *c);

#endif
