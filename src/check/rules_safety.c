/* rules_safety.c — the safety rules (CG2xx) that are check's own: safety.json's lexicon and
 * examples through the real crisis matcher, stale resources, safety text that cannot be read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "matcher.h"

static bool push_str(struct strlist *l, const char *s)
{
	if (l->n == l->cap) {
		size_t c = l->cap ? l->cap * 2 : 64;
		const char **na = realloc(l->v, c * sizeof(*na));
		if (!na)
			return false;
		l->v = na;
		l->cap = c;
	}
	l->v[l->n++] = s;
	return true;
}

static void strlist_free(struct strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free((char *)l->v[i]);
	free(l->v);
}

/*
 * "/matcher/shorthand/KEY" (a string) or "/matcher/concepts/KEY/N" (an
 * entry): a pair of KEY (its ~0 ~1 escapes undone) and text.
 */
static bool push_pair(struct walk *w, const char *pointer, const char *text)
{
	bool concept = strncmp(pointer, "/matcher/concepts/", 18) == 0;
	struct pairlist *l = concept ? &w->terms : &w->shorthand;
	const char *k = strchr(pointer + 9, '/') + 1, *e;
	char *key, *val, *o;

	e = concept ? strrchr(pointer, '/') : k + strlen(k);
	if (concept && e < k)
		return true; /* not an entry: the structure check reports it */
	if (l->n == l->cap) {
		size_t c = l->cap ? l->cap * 2 : 64;
		struct lexicon_pair *nv = realloc(l->v, c * sizeof(*nv));
		if (!nv)
			return false;
		l->v = nv;
		l->cap = c;
	}
	key = malloc((size_t)(e - k) + 1);
	val = str_dup(text);
	if (!key || !val) {
		free(key);
		free(val);
		return false;
	}
	for (o = key; k < e; k++)
		if (*k == '~' && (k[1] == '0' || k[1] == '1'))
			*o++ = *++k == '0' ? '~' : '/';
		else
			*o++ = *k;
	*o = '\0';
	l->v[l->n].key = key;
	l->v[l->n++].value = val;
	return true;
}

static void pairlist_free(struct pairlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free((char *)l->v[i].key);
		free((char *)l->v[i].value);
	}
	free(l->v);
}

/* The list an entry of "phrases", "matcher/rules" or "matcher/modifiers" goes in, else NULL. */
static struct strlist *lexicon_list(struct walk *w, const char *pointer)
{
	if (is_entry_of(pointer, "/phrases"))
		return &w->phrases;
	if (is_entry_of(pointer, "/matcher/rules"))
		return &w->rules;
	if (is_entry_of(pointer, "/matcher/modifiers"))
		return &w->modifiers;
	return NULL;
}

/* A string of safety.json: the lexicon and examples are kept for the matcher, the rest is text. */
void safety_string(struct walk *w, const char *pointer, const char *text)
{
	struct job *j = w->j;
	struct strlist *l;
	char *copy;

	/* safety.json: the phrases, lexicon and examples are crisis language by design */
	if ((l = lexicon_list(w, pointer)) != NULL) {
		copy = str_dup(text);
		if (!copy || !push_str(l, copy)) {
			free(copy);
			j->oom = true;
		}
		return;
	}
	/* the trained weights are model data ("skip will fix 0.31": "will [it]
	 * fix"), not prose: the messaging rules do not read them */
	if (is_entry_of(pointer, "/matcher/weights"))
		return;
	if (strncmp(pointer, "/matcher/shorthand/", 19) == 0 ||
	    strncmp(pointer, "/matcher/concepts/", 18) == 0) {
		if (!push_pair(w, pointer, text))
			j->oom = true;
		return;
	}
	if (is_entry_of(pointer, "/examples/must_match") ||
	    is_entry_of(pointer, "/examples/must_match_medium") ||
	    is_entry_of(pointer, "/examples/must_not_match")) {
		struct example *e;
		if (w->n_ex == w->cap_ex) {
			size_t c = w->cap_ex ? w->cap_ex * 2 : 32;
			struct example *ne = realloc(w->ex, c * sizeof(*ne));
			if (!ne) {
				j->oom = true;
				return;
			}
			w->ex = ne;
			w->cap_ex = c;
		}
		e = &w->ex[w->n_ex];
		e->want = strncmp(pointer, "/examples/must_match/", 21) == 0       ? CRISIS_HIGH
			  : strncmp(pointer, "/examples/must_not_match/", 25) == 0 ? CRISIS_NONE
										   : CRISIS_MEDIUM;
		e->pointer = str_dup(pointer);
		e->text = str_dup(text);
		if (!e->pointer || !e->text) {
			free(e->pointer);
			free(e->text);
			j->oom = true;
			return;
		}
		w->n_ex++;
		return;
	}
	text_rules(w, pointer, text, true);
	if (strncmp(pointer, "/resources/", 11) == 0) {
		const char *rest = pointer + 11 + strspn(pointer + 11, "0123456789");
		if (strcmp(rest, "/verified_on") == 0) {
			int y, m, d;
			char extra, later[16];
			if (strlen(text) == 10 &&
			    sscanf(text, "%4d-%2d-%2d%c", &y, &m, &d, &extra) == 3 && y > 1900 &&
			    y < 9999) {
				snprintf(later, sizeof(later), "%04d%s", y + 1, text + 4);
				if (strcmp(later, w->r->today) < 0) {
					char msg[128];
					snprintf(
					    msg, sizeof(msg),
					    "verified_on %s is more than a year before %s: check the resource again",
					    text, w->r->today);
					add_at(w, "CG207", pointer, msg);
				}
			}
		}
	}
}

static void check_matcher(struct walk *w);

/*
 * CG209 over a parsed safety.json, then the crisis matcher's examples and
 * rules (check_matcher: CG204, CG205, CG210, CG212).  CG201, CG202 and
 * CG208, the safety floor, and CG211, a lexicon that does not read, come
 * from the validator with the structural findings: one implementation for
 * the loader and for `check`.
 */
void check_safety(struct walk *w)
{
	size_t i, nmust = 0, nnot = 0;

	for (i = 0; i < w->n_ex; i++) {
		if (w->ex[i].want == CRISIS_HIGH)
			nmust++;
		else if (w->ex[i].want == CRISIS_NONE)
			nnot++;
	}
	if (w->phrases.n == 0 && !w->flagged_phrases)
		add_at(w, "CG209", "",
		       "no crisis phrases: safety.json needs 'phrases' for the matcher");
	if (nmust == 0 && !w->flagged_mm)
		add_at(w, "CG209", "",
		       "no must_match examples to test the crisis-phrase matcher with");
	if (nnot == 0 && !w->flagged_mnm)
		add_at(w, "CG209", "",
		       "no must_not_match examples to test the crisis-phrase matcher with");
	check_matcher(w);
}

/*
 * The real matcher, as the walk builds it: the compiled-in lexicon first,
 * then this file's, which can only add.  Every example must read at its tier.
 */
static void check_matcher(struct walk *w)
{
	struct lexicon lex = { 0 };
	const struct lexicon *lp = &lex;
	struct matcher_error err;
	struct matcher *m;
	const char *dead[8];
	char q[QUOTE_MAX + 4], msg[512], ptr[64];
	size_t i, n;

	lex.shorthand = w->shorthand.v;
	lex.n_shorthand = w->shorthand.n;
	lex.terms = w->terms.v;
	lex.n_terms = w->terms.n;
	lex.rules = w->rules.v;
	lex.n_rules = w->rules.n;
	lex.modifiers = w->modifiers.v;
	lex.n_modifiers = w->modifiers.n;
	lex.phrases = w->phrases.v;
	lex.n_phrases = w->phrases.n;
	m = matcher_new(&lp, 1, &err);
	if (!m) {
		/* a lexicon that does not read is CG211, the validator's finding */
		if (err.oom)
			w->j->oom = true;
		return;
	}
	n = matcher_dead_rules(m, dead, sizeof(dead) / sizeof(dead[0]));
	for (i = 0; i < n && i < sizeof(dead) / sizeof(dead[0]); i++) {
		size_t k;
		snprintf(ptr, sizeof(ptr), "/matcher/rules");
		for (k = 0; k < w->rules.n; k++) {
			const char *at = strstr(w->rules.v[k], dead[i]);
			if (at && at[strlen(dead[i])] == ':') {
				snprintf(ptr, sizeof(ptr), "/matcher/rules/%zu", k);
				break;
			}
		}
		quote(dead[i], q, sizeof(q));
		snprintf(
		    msg, sizeof(msg),
		    "rule '%s' can never decide a line's tier: another rule reads the same concepts as widely, at a tier as high",
		    q);
		add_at(w, "CG212", ptr, msg);
	}
	for (i = 0; i < w->n_ex; i++) {
		enum crisis_tier got = matcher_tier(m, w->ex[i].text, NULL);
		const char *code = w->ex[i].want == CRISIS_HIGH     ? "CG204"
				   : w->ex[i].want == CRISIS_MEDIUM ? "CG210"
								    : "CG205";
		if (got == w->ex[i].want)
			continue;
		quote(w->ex[i].text, q, sizeof(q));
		snprintf(
		    msg, sizeof(msg),
		    "example '%s' reads %s to the crisis matcher, not %s (change the lexicon in 'matcher')",
		    q, crisis_tier_name(got), crisis_tier_name(w->ex[i].want));
		add_at(w, code, w->ex[i].pointer, msg);
	}
	matcher_free(m);
}

/* A guide or safety file that cannot be read leaves the safety text unchecked: never silently. */
void unchecked_safety(struct check_run *r, struct job *j)
{
	if (j->parsed || j->oom || j->kind == CONTENT_SECTION)
		return;
	if (j->kind == CONTENT_GUIDE)
		add_finding(r, j, "CG202", j->read_errno ? 0 : 1, j->read_errno ? 0 : 1, "",
			    "the disclaimer cannot be checked: guide.json cannot be read as JSON");
	else if (j->kind == CONTENT_SAFETY)
		add_finding(
		    r, j, "CG201", j->read_errno ? 0 : 1, j->read_errno ? 0 : 1, "",
		    "the crisis line cannot be checked: safety.json cannot be read as JSON");
}

/* What check_job() collected of a safety.json's lexicon and examples. */
void safety_walk_release(struct walk *w)
{
	size_t i;

	for (i = 0; i < w->n_ex; i++) {
		free(w->ex[i].pointer);
		free(w->ex[i].text);
	}
	free(w->ex);
	strlist_free(&w->phrases);
	strlist_free(&w->rules);
	strlist_free(&w->modifiers);
	pairlist_free(&w->shorthand);
	pairlist_free(&w->terms);
}
