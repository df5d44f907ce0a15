/* fuzz_matcher.c — libFuzzer target: the crisis matcher on any text, and any lexicon on any text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "matcher.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_ENTRIES 64

/*
 * The input is lines.  The first is the text to read; each later line adds
 * to a lexicon by its first two bytes: "r:" a rule, "m:" a modifier, "p:" a
 * strong phrase, "w:" a weight ("bias -1", "word sad 0.5"), "u:" an
 * unweighted concept, "s:WORD=WORDS" shorthand, "c:CONCEPT=PHRASE" a
 * concept's phrase.  The whole input (NULs and all) is also read by the
 * floor alone.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct matcher *floor_m;
	const char *rules[MAX_ENTRIES], *mods[MAX_ENTRIES], *phrases[MAX_ENTRIES],
	    *weights[MAX_ENTRIES], *unweighted[MAX_ENTRIES];
	struct lexicon_pair shorthand[MAX_ENTRIES], terms[MAX_ENTRIES];
	struct lexicon lex = { 0 };
	const struct lexicon *lp = &lex;
	struct matcher_error err;
	struct matcher *m;
	char *buf, *line, *next;
	const char *why, *dead[4];
	enum crisis_tier t;

	if (!floor_m)
		floor_m = matcher_new(NULL, 0, NULL);
	if (!floor_m)
		abort();
	t = matcher_tier_n(floor_m, (const char *)data, size, &why);
	if (t > CRISIS_HIGH || !why || (t == CRISIS_NONE) != (why[0] == '\0'))
		abort();

	buf = malloc(size + 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	next = strchr(buf, '\n');
	if (next)
		*next++ = '\0';
	while (next && *next) {
		line = next;
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (strlen(line) < 2 || line[1] != ':')
			continue;
		switch (line[0]) {
		case 'r':
			if (lex.n_rules < MAX_ENTRIES)
				rules[lex.n_rules++] = line + 2;
			break;
		case 'm':
			if (lex.n_modifiers < MAX_ENTRIES)
				mods[lex.n_modifiers++] = line + 2;
			break;
		case 'p':
			if (lex.n_phrases < MAX_ENTRIES)
				phrases[lex.n_phrases++] = line + 2;
			break;
		case 'w':
			if (lex.n_weights < MAX_ENTRIES)
				weights[lex.n_weights++] = line + 2;
			break;
		case 'u':
			if (lex.n_unweighted < MAX_ENTRIES)
				unweighted[lex.n_unweighted++] = line + 2;
			break;
		case 's':
		case 'c': {
			char *eq = strchr(line + 2, '=');
			struct lexicon_pair *arr = line[0] == 's' ? shorthand : terms;
			size_t *n = line[0] == 's' ? &lex.n_shorthand : &lex.n_terms;
			if (!eq || *n == MAX_ENTRIES)
				break;
			*eq = '\0';
			arr[*n].key = line + 2;
			arr[(*n)++].value = eq + 1;
			break;
		}
		default: break;
		}
	}
	lex.rules = rules;
	lex.modifiers = mods;
	lex.phrases = phrases;
	lex.weights = weights;
	lex.unweighted = unweighted;
	lex.shorthand = shorthand;
	lex.terms = terms;
	/* bare: building the floor for every input would make each run slow;
	 * the floor itself reads every input above, and check's tests combine
	 * content lexicons with it */
	m = matcher_new_bare(&lp, 1, &err);
	if (m) {
		t = matcher_tier(m, buf, &why);
		if (t > CRISIS_HIGH || !why)
			abort();
		matcher_dead_rules(m, dead, 4);
		matcher_free(m);
	} else if (err.message[0] == '\0' || !err.field) {
		abort(); /* every refusal says why */
	}
	free(buf);
	return 0;
}
