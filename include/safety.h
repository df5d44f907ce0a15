/* safety.h — compiled-in crisis text (the floor content may expand, never drop) and text normalisation. */
#ifndef CRY_GUIDE_SAFETY_H
#define CRY_GUIDE_SAFETY_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The compiled-in safety copy. It never depends on content files: it is
 * what cry-guide shows when content cannot be loaded, and the floor that
 * content may expand but never drop.  All are static strings (borrowed).
 */
extern const char safety_crisis_line[]; /* one paragraph, no newline */
extern const char safety_disclaimer[];  /* one paragraph, no newline */
/* The main 988 line alone (call, text, chat), for where room is short: the
 * walk puts it right above the next question after crisis resources. */
extern const char safety_988_line[];

/* One compiled-in crisis resource (the `crisis` command's fallback). */
struct safety_resource {
	const char *name;
	const char *const *lines; /* NULL-terminated contact/detail lines */
};
extern const struct safety_resource safety_resources[];
extern const size_t safety_n_resources;

/* The one calm line a medium-tier answer gets (988, for oneself or someone else). */
extern const char safety_medium_line[];

/*
 * Text normalisation shared by the crisis matcher (include/matcher.h) and
 * `check`: ASCII case folded; curly quotes and apostrophes (U+2018, U+2019,
 * U+02BC, U+201C, U+201D) folded to straight ones and apostrophes then
 * removed ("can't" == "cant"); dashes (ASCII and U+2010..U+2015) and every
 * other punctuation byte become spaces; runs of spaces collapse.
 */
/* Normalise text as described above into buf (always NUL-terminated).
 * Returns the length written, or (size_t)-1 if buf was too small. */
size_t safety_normalize(const char *text, char *buf, size_t buflen);

#endif
