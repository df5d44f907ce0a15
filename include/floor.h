/* floor.h — the safety floor: what content's crisis line, disclaimer and resources must say, read as they are shown. */
#ifndef CRY_GUIDE_FLOOR_H
#define CRY_GUIDE_FLOOR_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Content may add to the compiled-in safety text (safety.h), never weaken
 * it.  These are the one implementation of that floor: the loader refuses
 * content that falls below it, and `check` reports it (CG201, CG202,
 * CG208) through the same validation.
 *
 * Text is judged as a reader gets it: sanitised by render_sanitize() first
 * (escape sequences, controls and bidi overrides gone), and then only plain
 * ASCII counts, as a whole token: "988" must be those three digits with no
 * letter, digit or invisible character (zero-width space, joiner,
 * combining mark) against them.  So "9\u200b88", "\u202e889" and
 * fullwidth digits are not 988, and "1-988-555" or "988lifeline.org.example"
 * are not the real thing either.  Letters match in either case.
 *
 * To add a required part: add a row to the table of its kind in floor.c,
 * then a test in tests/test_floor.c and, when the shipped content lacks it,
 * the part to content/ (the build refuses content below the floor).
 */

/*
 * The crisis line: every part of the compiled-in short form (988,
 * 988lifeline.org, 911, findahelpline.com).  Returns the number of parts
 * missing, with their names ("988, 911") in missing (len bytes, always
 * NUL-terminated), or -1 when memory ran out.  *blank says whether nothing
 * visible is left once sanitised.
 */
int floor_crisis_line(const char *text, bool *blank, char *missing, size_t len);

/*
 * The disclaimer: it must say cry-guide is not medical advice ("medical
 * advice" with a negation such as "not", "no", "isn't" or "never" in the
 * six words before it, within one sentence).  Returns 1 when it does, 0
 * when not, -1 when memory ran out.
 */
int floor_disclaimer(const char *text);

/*
 * The resources, taken together: every contact of the compiled-in ones
 * (988, 988lifeline.org, AYUDA, 838255, ASL Now, 911, 741741,
 * 1-800-662-4357, FindTreatment.gov, Canada, findahelpline.com).  Feed
 * every string a reader sees (each resource's name, region, contact and
 * details lines) to floor_resources_add(), then ask what is missing.
 */
struct floor_resources {
	unsigned long found; /* one bit a part */
};

void floor_resources_init(struct floor_resources *f);
/* 0, or -1 when memory ran out. */
int floor_resources_add(struct floor_resources *f, const char *text);
/* The number of parts missing, named in missing as for floor_crisis_line(). */
int floor_resources_missing(const struct floor_resources *f, char *missing, size_t len);

#endif
