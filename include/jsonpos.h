/* jsonpos.h — positions in JSON text: where a JSON Pointer's value starts, duplicate keys. */
#ifndef CRY_GUIDE_JSONPOS_H
#define CRY_GUIDE_JSONPOS_H

#include <stdbool.h>
#include <stddef.h>

/*
 * cJSON keeps no positions, so when a file has findings we scan its text
 * once more.  The scanner is tolerant: on text that is not valid JSON it
 * stops where it fails and reports what it saw so far.
 */

/* Line and column (1-based; the column counts UTF-8 characters) of byte off. */
void jsonpos_linecol(const char *buf, size_t len, size_t off, int *line, int *col);

/* One position to find with jsonpos_locate_all(). */
struct jsonpos_query {
	const char *pointer; /* in: the value to find; NULL: take off as it is */
	size_t off;          /* in: a byte offset, used when pointer is NULL */
	int line, col;       /* out */
	int found;           /* out: 0, or -1 when pointer names nothing */
};

/*
 * Find the value that POINTER ("" for the root, "/prompts/3/text") names.
 * Returns 0 and sets the line and column of its first character, or -1
 * when the pointer names nothing (then those of the nearest parent that
 * exists).
 */
int jsonpos_locate(const char *buf, size_t len, const char *pointer, int *line, int *col);

/*
 * jsonpos_locate() for n queries at once, in one scan of the text and one
 * pass from offsets to lines: the time is linear in len plus n log n, so a
 * file with many findings costs about what one with a few does (calling
 * jsonpos_locate() once a finding would be quadratic).  Queries whose
 * pointer is NULL only turn their off into a line and column.  Returns 0,
 * or -1 when memory ran out (then no query is filled in).
 */
int jsonpos_locate_all(const char *buf, size_t len, struct jsonpos_query *q, size_t n);

/*
 * Called for every key that repeats one earlier in the same object: with its
 * pointer and place, or, past the first `place` of them, with NULL and 0, 0.
 */
typedef void (*jsonpos_dup_fn)(void *ctx, const char *pointer, int line, int col);

/*
 * Report duplicate keys (which cJSON accepts silently, keeping the first)
 * with the pointer of the repeated member, in the order the objects close
 * (an inner object before the one around it), each object's repeats in
 * source order.  All the positions are found in one pass after the scan.
 * Only the first `place` repeats (SIZE_MAX for all) are given a pointer and
 * a place; the rest are counted, so that a reader who shows one error and
 * "and N more" does not build 170,000 pointers to say so.  Returns how many
 * were found, or -1 when memory ran out (then none is reported).
 */
int jsonpos_duplicates(const char *buf, size_t len, size_t place, jsonpos_dup_fn fn, void *ctx);

/*
 * Strict JSON syntax check (RFC 8259) that allocates nothing.  Returns 0
 * when buf holds exactly one valid value in UTF-8 (surrounding white space
 * and a UTF-8 byte order mark allowed),
 * else -1 with *err_off at the first bad byte and *what saying what is
 * wrong there ("expected ',' or '}'"; a static string).  Nesting deeper
 * than max_depth fails.  It refuses all that cJSON refuses (a \u escape
 * that is half a surrogate pair too, which the RFC's grammar lets by) and
 * more (numbers such as 01, 1. or -.5; white space other than space, tab,
 * CR and LF; raw control characters in strings): text it accepts, cJSON
 * reads, unless memory runs out.
 */
int jsonpos_valid(const char *buf, size_t len, int max_depth, size_t *err_off, const char **what);

/* What jsonpos_parse() has just read. */
enum jsonpos_type {
	JSONPOS_OBJECT, /* opens: its members follow, then a JSONPOS_END */
	JSONPOS_ARRAY,  /* likewise */
	JSONPOS_STRING,
	JSONPOS_NUMBER,
	JSONPOS_TRUE,
	JSONPOS_FALSE,
	JSONPOS_NULL,
	JSONPOS_END /* the object or array opened last closes */
};

/* One value (or the end of one), borrowed: valid during the callback only. */
struct jsonpos_token {
	enum jsonpos_type type;
	size_t off;       /* where the value starts in the buffer */
	const char *text; /* a string's raw text between its quotes; a number or word as written */
	size_t len;
	bool escaped;    /* the string's text has a backslash escape (see jsonpos_unescape()) */
	const char *key; /* a member of an object: its name, raw as text is; else NULL */
	size_t klen;
	bool key_escaped;
};

/* Returns 0 to go on, anything else to stop the parse. */
typedef int (*jsonpos_token_fn)(void *ctx, const struct jsonpos_token *t);

/*
 * jsonpos_valid() that also tells fn of every value in document order as it
 * reads it, so a caller builds what it needs from the one pass over the
 * bytes that checks them.  On text that is not valid JSON, fn may have
 * been told of the values before the fault.  Returns 0, -1 as
 * jsonpos_valid() does, or -2 when fn asked to stop (then err_off and what
 * are not set).
 */
int jsonpos_parse(const char *buf, size_t len, int max_depth, jsonpos_token_fn fn, void *ctx,
		  size_t *err_off, const char **what);

/*
 * Decode a string's raw text (len bytes, as jsonpos_parse() gave it) into
 * out, which has room for len + 1 bytes: decoded text is never longer.
 * Returns the decoded length; out is NUL-terminated after it (a \u0000 in
 * the text is a NUL inside).
 */
size_t jsonpos_unescape(const char *raw, size_t len, char *out);

#endif
