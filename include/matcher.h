/* matcher.h — the crisis-language concept matcher: words to concepts, concepts to rules, rules to a tier. */
#ifndef CRY_GUIDE_MATCHER_H
#define CRY_GUIDE_MATCHER_H

#include <stdbool.h>
#include <stddef.h>

#include "lexicon.h"

/*
 * How a line reads.  HIGH: the person may be at risk now (the walk shows the
 * crisis resources at once and asks whether to go on).  MEDIUM: a weaker
 * signal, a negation ("I'm not suicidal") or someone else at risk (one calm
 * line with 988 under the question).  NONE: nothing to do.
 */
enum crisis_tier { CRISIS_NONE = 0, CRISIS_MEDIUM = 1, CRISIS_HIGH = 2 };

/* "none", "medium", "high". */
const char *crisis_tier_name(enum crisis_tier t);

/*
 * How a line is read (the README's "Crisis language" section says more):
 *
 * 1. Words.  Text is normalised as safety_normalize() does (case, curly
 *    quotes, apostrophes dropped, punctuation a separator) and read one word
 *    at a time; memory does not grow with the line.  . ! ? ; end a sentence
 *    (no rule spans one), , : and the concept "break" end a clause (no
 *    modifier reaches across one).
 * 2. Shorthand.  A word found in the shorthand table ("kms") is replaced by
 *    its expansion ("kill myself").
 * 3. Stems.  Each word is reduced by a light stemmer (dies, died, dying ->
 *    die; hoping, hoped -> hop), lexicon phrases likewise, so tenses and
 *    inflections match.
 * 4. Spelling.  A word that is not in the lexicon but is one edit from a
 *    lexicon word, with the same first letter, is read as that word: a
 *    letter added or dropped (five letters or more), changed or two
 *    neighbours swapped (six or more).  Words of the concept "exact" are
 *    never read as misspellings.
 * 5. Concepts.  Each lexicon phrase (one to eight words) belongs to a concept
 *    ("want", "die", "self", "means", ...).  A word can start or end several.
 *    Two concepts have no words: "line-start" and "line-end" stand before
 *    the first word and after the last ("suicide" alone on a line).
 * 6. Rules.  "TIER ID: C1 C2 ... [within N]" fires when the concepts occur in
 *    that order in one sentence, each starting at most N words (default 3)
 *    after the previous one ends.  Each strong phrase is a high rule.
 * 7. Modifiers.  "TIER ID: CONCEPT before N [unless OTHER...] [across]
 *    [for RULE,...]" caps a rule's tier at TIER when CONCEPT ends at most N
 *    words before the rule starts, in the same clause (with across, anywhere
 *    in the same sentence; with unless, later than the last of any OTHER,
 *    one to four of them).  "after N" looks after the rule's end instead,
 *    "inside" between its first and last words ("I'm not suicidal").  A
 *    modifier that silences (tier none) must name the rules it applies to:
 *    there is no blanket rule that turns a high signal into nothing.
 *
 * The line's tier is the highest of its rules after modifiers.
 */
struct matcher;

/*
 * A strong phrase that context lowered to medium is let go only this far
 * below the weights' lowered-below, where other rules are let go: a strong
 * phrase is the floor, so it gets two points more than the one point of
 * margin lowered-below's rule keeps (README, sixth session of 2026-11-30).
 * The matcher and crisis-train both read it.
 */
#define MATCHER_STRONG_MARGIN 2.0

/* Where the lexicon is wrong (matcher_new's error). */
struct matcher_error {
	const char *field; /* "rules", "modifiers", "shorthand", "concepts", "phrases" */
	size_t index;      /* entry of that field */
	size_t source;     /* which lexicon of the list */
	bool oom;          /* out of memory rather than a lexicon error */
	char message[256]; /* lowercase, no final full stop */
};

/*
 * Build a matcher from the built-in lexicon (the floor no content can
 * lower) and then each of extra[0..n-1] (content's own, which can only add
 * words, concepts, rules and modifiers).  An extra that is the built-in
 * content's lexicon itself is skipped.  Returns NULL and fills *err (may be
 * NULL) on a lexicon error or no memory.  Free with matcher_free().
 */
struct matcher *matcher_new(const struct lexicon *const *extra, size_t n,
			    struct matcher_error *err);

/*
 * True when lex says just what the built-in lexicon says: each list the same,
 * entry for entry, and no weights or the built-in's.  matcher_new() leaves
 * such an extra out, and the loader need not build a matcher to know it
 * reads (the built-in lexicon is built and tested with the binary).
 */
bool matcher_lexicon_is_builtin(const struct lexicon *lex);

/* As matcher_new(), but without the built-in floor: for tests and tools. */
struct matcher *matcher_new_bare(const struct lexicon *const *lex, size_t n,
				 struct matcher_error *err);
void matcher_free(struct matcher *m);

/*
 * The tier of text (UTF-8, NUL-terminated), linear in its length.  Fail
 * safe, recall first: a NULL matcher answers HIGH.  NULL text is NONE.  When
 * why is not NULL it receives the id of the rule that set the tier
 * (borrowed from m; "" for NONE).
 */
enum crisis_tier matcher_tier(const struct matcher *m, const char *text, const char **why);

/* The same for len bytes that may hold NULs (each read as a space). */
enum crisis_tier matcher_tier_n(const struct matcher *m, const char *text, size_t len,
				const char **why);

/*
 * matcher_tier(), telling fn what it reads: each concept as it ends at
 * word POS (kind "concept"), each rule that fires with its tier after the
 * modifiers (kind "rule").  For people writing a lexicon (crisis-eval
 * --explain); name is borrowed for the call.
 */
typedef void (*matcher_explain_fn)(void *ctx, long pos, const char *kind, const char *name,
				   enum crisis_tier tier);
enum crisis_tier matcher_explain(const struct matcher *m, const char *text, matcher_explain_fn fn,
				 void *ctx);

/*
 * Rules that can never decide a line's tier: another rule reads the same
 * concepts in the same order, as widely, at a tier as high, and is spared
 * no modifier that lowers this one.  Stores up to max ids (borrowed from m); returns how many there are.  For `check`.
 */
size_t matcher_dead_rules(const struct matcher *m, const char **ids, size_t max);

/* The built-in lexicon (the compiled-in floor), made readable the first time it is asked for. */
const struct lexicon *matcher_builtin_lexicon(void);

#endif
