/* jsonpos.h — positions in JSON text: where a JSON Pointer's value starts, duplicate keys. */
#ifndef CRY_GUIDE_JSONPOS_H
#define CRY_GUIDE_JSONPOS_H

#include <stddef.h>

/*
 * cJSON keeps no positions, so when a file has findings we scan its text
 * once more.  The scanner is tolerant: on text that is not valid JSON it
 * stops where it fails and reports what it saw so far.
 */

/* Line and column (1-based; the column counts UTF-8 characters) of byte off. */
void jsonpos_linecol(const char *buf, size_t len, size_t off, int *line, int *col);

/*
 * Find the value that POINTER ("" for the root, "/prompts/3/text") names.
 * Returns 0 and sets the line and column of its first character, or -1
 * when the pointer names nothing (then those of the nearest parent that
 * exists).
 */
int jsonpos_locate(const char *buf, size_t len, const char *pointer, int *line, int *col);

/* Called for every key that repeats one earlier in the same object. */
typedef void (*jsonpos_dup_fn)(void *ctx, const char *pointer, int line, int col);

/*
 * Report duplicate keys (which cJSON accepts silently, keeping the first)
 * with the pointer of the repeated member.  Returns how many were found.
 */
int jsonpos_duplicates(const char *buf, size_t len, jsonpos_dup_fn fn, void *ctx);

/*
 * Strict JSON syntax check (RFC 8259) that allocates nothing.  Returns 0
 * when buf holds exactly one valid value (surrounding white space allowed),
 * else -1 with *err_off at the first bad byte and *what saying what was
 * expected there (a static string).  Nesting deeper than max_depth fails.
 */
int jsonpos_valid(const char *buf, size_t len, int max_depth, size_t *err_off, const char **what);

#endif
