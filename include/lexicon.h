/* lexicon.h — the crisis-language lexicon as content gives it (plain data, no behaviour). */
#ifndef CRY_GUIDE_LEXICON_H
#define CRY_GUIDE_LEXICON_H

#include <stddef.h>

/* One "key": "value" pair: a shorthand word and its expansion, or a concept and one of its phrases. */
struct lexicon_pair {
	const char *key;
	const char *value;
};

/*
 * safety.json's "matcher" object, with the strong "phrases" beside it.  All
 * strings are borrowed from the content that holds them.  The meaning of each
 * field (the rule and modifier syntax, what a concept is) is the matcher's:
 * see include/matcher.h and the README's "Crisis language" section.
 */
struct lexicon {
	const struct lexicon_pair *shorthand; /* word -> words it stands for */
	size_t n_shorthand;
	const struct lexicon_pair *terms; /* concept -> phrase, one pair per phrase */
	size_t n_terms;
	const char *const *rules; /* "high want-die: want die within 4" */
	size_t n_rules;
	const char *const *modifiers; /* "medium negation: neg before 3" */
	size_t n_modifiers;
	const char *const *unweighted; /* concepts the weights do not read: "neg-closed" */
	size_t n_unweighted;
	const char *const *phrases; /* strong phrases: each a high rule of its own */
	size_t n_phrases;
	const char *const *weights; /* "word alone 0.53": the weighted reading (a trained model) */
	size_t n_weights;
};

/*
 * The built-in lexicon as the binary holds it: every string one after the
 * other in one array, each ended by a NUL, in the order phrases, shorthand
 * (key, value), terms (key, value), rules, modifiers, unweighted, weights.  It holds no
 * pointers, so starting the program costs nothing for its tens of thousands
 * of strings (pointer tables would be relocated, page by page, at every
 * start of every command); matcher_builtin_lexicon() makes the struct
 * lexicon, in strs and pairs (room the generated code sets aside), the
 * first time a matcher is built.
 */
struct lexicon_text {
	const char *text;
	size_t n_phrases, n_shorthand, n_terms, n_rules, n_modifiers, n_unweighted, n_weights;
	const char **strs;          /* room for the five lists of strings, each NULL-ended */
	struct lexicon_pair *pairs; /* room for the two lists of pairs, each { NULL, NULL }-ended */
};

#endif
