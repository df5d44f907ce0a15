/* crisis_eval.c — `make eval`: the crisis matcher's recall and false alarms on tests/data/crisis/. */
#define _POSIX_C_SOURCE 200809L
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "matcher.h"

/*
 * usage: crisis-eval [--gate] [--misses] FILE...
 *        crisis-eval --line TEXT...   (each TEXT's tier and the rule that set it)
 *        crisis-eval --explain TEXT   (every concept and rule as the matcher reads TEXT)
 *        crisis-eval --scan FILE      (read each line of FILE; print how many
 *                                      read high, medium, none: for make bench)
 *        crisis-eval --phrases        (every lexicon phrase, one a line: the
 *                                      peer's pattern file in make bench)
 *
 * Each FILE holds lines "EXPECT<TAB>CATEGORY<TAB>STYLE<TAB>TEXT" (see
 * tests/data/crisis/README.md).  For each file it prints:
 *   - recall: of the "fire" lines, how many read high or medium, overall,
 *     by category and by style;
 *   - false alarms: of the "none" lines, how many read high, and how many
 *     read anything; of the "medium" lines (someone else at risk, a
 *     negation), how many read high (they should read medium);
 *   - the context probe: each "fire" line that reads high, again with an
 *     ordinary place or time before it or after it ("At the gym today ...",
 *     "... after class"), and how many of those read none: a look-alike's
 *     context may lower a warning sign, never silence it; and the same for
 *     each "fire" line that reads medium (the weights' reading, which
 *     ordinary words beside it can move);
 * with --misses, every line read wrongly (and every probe that read none).
 * With --gate the last FILE must
 * meet the bar of issue 9 (recall >= 97%, every category >= 90%, high false
 * alarms <= 1%, any-tier false alarms <= 5%), or the exit status is 1.
 */

#define MAX_GROUPS 64

struct tally {
	char name[48];
	unsigned n, hit, high; /* lines; read high or medium; read high */
};

struct result {
	struct tally cat[MAX_GROUPS], style[MAX_GROUPS];
	struct tally none_cat[MAX_GROUPS], none_style[MAX_GROUPS];
	size_t n_cat, n_style, n_none_cat, n_none_style;
	unsigned fire, fire_hit, fire_high;
	unsigned none, none_high, none_any;
	unsigned medium, medium_high, medium_medium;
	unsigned probe, probe_none; /* the context probe: high lines with a context; read none */
	unsigned probe_med, probe_med_none; /* ... medium lines */
};

/*
 * The context probe's ordinary places and times: the words of the
 * look-alikes the modifiers and weights learned ("killing it at the gym",
 * "trapped in class"), beside a line that says a warning sign.
 */
static const char *const probe_heads[] = { "After class, ", "At the gym today ", "In the kitchen, ",
					   "After the meeting ", "Honestly, " };
static const char *const probe_tails[] = {
	" after class",
	" in the kitchen",
	" at work today",
	", my hand is shaking",
	" and then I went out",
	" before the exam",
	" while my kid was asleep",
	" during the game",
	" after the meeting",
	" on the bus home",
	", my back hurts too",
	" after the gym",
	" in the garden",
	" on the phone with my mom",
	" after watching a movie",
};

#define N_HEADS (sizeof(probe_heads) / sizeof(*probe_heads))
#define N_TAILS (sizeof(probe_tails) / sizeof(*probe_tails))

/* The context probe of one line read at tier t: how many of its variants read none. */
static void probe_line(const struct matcher *m, const char *path, unsigned lineno, const char *text,
		       enum crisis_tier t0, bool misses, struct result *r)
{
	unsigned *n = t0 == CRISIS_HIGH ? &r->probe : &r->probe_med;
	unsigned *none = t0 == CRISIS_HIGH ? &r->probe_none : &r->probe_med_none;
	char buf[8192 + 64];
	size_t len = strlen(text), i;

	while (len > 0 && strchr(".!? ", text[len - 1]))
		len--; /* "... tonight." + " after class" */
	for (i = 0; i < N_HEADS + N_TAILS; i++) {
		enum crisis_tier t;

		if (i < N_HEADS)
			snprintf(buf, sizeof(buf), "%s%s", probe_heads[i], text);
		else
			snprintf(buf, sizeof(buf), "%.*s%s", (int)len, text,
				 probe_tails[i - N_HEADS]);
		t = matcher_tier(m, buf, NULL);
		(*n)++;
		*none += t == CRISIS_NONE;
		if (misses && t == CRISIS_NONE)
			printf("  %s:%u: probe (%s) reads none: %s\n", path, lineno,
			       crisis_tier_name(t0), buf);
	}
}

static struct tally *find(struct tally *t, size_t *n, const char *name)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp(t[i].name, name) == 0)
			return &t[i];
	if (*n == MAX_GROUPS)
		return NULL;
	snprintf(t[*n].name, sizeof(t[*n].name), "%s", name);
	t[*n].n = t[*n].hit = t[*n].high = 0;
	return &t[(*n)++];
}

static double pct(unsigned a, unsigned b)
{
	return b ? 100.0 * a / b : 100.0;
}

/* One more line of a group (NULL: too many groups) read at tier t. */
static void tally_add(struct tally *g, enum crisis_tier t)
{
	if (!g)
		return;
	g->n++;
	g->hit += t != CRISIS_NONE;
	g->high += t == CRISIS_HIGH;
}

static int eval_file(const struct matcher *m, const char *path, bool misses, struct result *r)
{
	FILE *f = fopen(path, "r");
	char line[8192];
	unsigned lineno = 0;

	memset(r, 0, sizeof(*r));
	if (!f) {
		perror(path);
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		char *expect = line, *cat, *style, *text, *nl;
		enum crisis_tier t;
		const char *why;
		bool wrong = false;

		lineno++;
		if ((nl = strchr(line, '\n')))
			*nl = '\0';
		if (!(cat = strchr(expect, '\t')) || !(style = strchr(cat + 1, '\t')) ||
		    !(text = strchr(style + 1, '\t'))) {
			fprintf(stderr, "%s:%u: not four tab-separated fields\n", path, lineno);
			fclose(f);
			return -1;
		}
		*cat++ = *style++ = *text++ = '\0';
		t = matcher_tier(m, text, &why);
		if (strcmp(expect, "fire") == 0) {
			r->fire++;
			r->fire_hit += t != CRISIS_NONE;
			r->fire_high += t == CRISIS_HIGH;
			tally_add(find(r->cat, &r->n_cat, cat), t);
			tally_add(find(r->style, &r->n_style, style), t);
			wrong = t == CRISIS_NONE;
			if (t != CRISIS_NONE)
				probe_line(m, path, lineno, text, t, misses, r);
		} else if (strcmp(expect, "medium") == 0) {
			r->medium++;
			r->medium_high += t == CRISIS_HIGH;
			r->medium_medium += t == CRISIS_MEDIUM;
			wrong = t != CRISIS_MEDIUM;
		} else if (strcmp(expect, "none") == 0) {
			r->none++;
			r->none_high += t == CRISIS_HIGH;
			r->none_any += t != CRISIS_NONE;
			tally_add(find(r->none_cat, &r->n_none_cat, cat), t);
			tally_add(find(r->none_style, &r->n_none_style, style), t);
			wrong = t != CRISIS_NONE;
		} else {
			fprintf(stderr, "%s:%u: EXPECT must be fire, medium or none\n", path,
				lineno);
			fclose(f);
			return -1;
		}
		if (misses && wrong)
			printf("  %s:%u: %s %s/%s reads %s (%s): %s\n", path, lineno, expect, cat,
			       style, crisis_tier_name(t), why, text);
	}
	fclose(f);
	return 0;
}

static void print_groups(const char *title, const struct tally *t, size_t n)
{
	size_t i;

	printf("  %s:\n", title);
	for (i = 0; i < n; i++)
		printf("    %-20s %5.1f%%  (%u/%u)\n", t[i].name, pct(t[i].hit, t[i].n), t[i].hit,
		       t[i].n);
}

static void print_alarms(const char *title, const struct tally *t, size_t n)
{
	size_t i;

	printf("  %s (any tier; high):\n", title);
	for (i = 0; i < n; i++)
		printf("    %-20s %5.1f%%  (%u/%u; high %u)\n", t[i].name, pct(t[i].hit, t[i].n),
		       t[i].hit, t[i].n, t[i].high);
}

static bool meets_bar(const struct result *r)
{
	size_t i;
	bool ok = pct(r->fire_hit, r->fire) >= 97.0 && pct(r->none_high, r->none) <= 1.0 &&
		  pct(r->none_any, r->none) <= 5.0;

	for (i = 0; i < r->n_cat; i++)
		ok = ok && pct(r->cat[i].hit, r->cat[i].n) >= 90.0;
	return ok;
}

static void explain_one(void *ctx, long pos, const char *kind, const char *name,
			enum crisis_tier tier)
{
	(void)ctx;
	if (strcmp(kind, "feature") == 0 || strcmp(kind, "strong") == 0)
		return; /* crisis-train reads these */
	if (strncmp(kind, "rule", 4) == 0)
		printf("  word %ld: %s %s fires: %s\n", pos, kind, name, crisis_tier_name(tier));
	else
		printf("  word %ld: %s\n", pos, name);
}

/* Every line of path through the matcher, one call a line. */
static int scan(const char *path)
{
	FILE *f = fopen(path, "r");
	struct matcher *m = matcher_new(NULL, 0, NULL);
	unsigned long n[3] = { 0, 0, 0 };
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;

	if (!f || !m) {
		perror(path);
		if (f)
			fclose(f);
		matcher_free(m);
		return 2;
	}
	while ((len = getline(&line, &cap, f)) >= 0)
		n[matcher_tier_n(m, line, (size_t)len, NULL)]++;
	printf("high %lu, medium %lu, none %lu\n", n[CRISIS_HIGH], n[CRISIS_MEDIUM],
	       n[CRISIS_NONE]);
	free(line);
	fclose(f);
	matcher_free(m);
	return 0;
}

/* The built-in lexicon's phrases (concepts and strong phrases), as written. */
static int phrases(void)
{
	const struct lexicon *lex = matcher_builtin_lexicon();
	size_t i;

	for (i = 0; i < lex->n_terms; i++)
		puts(lex->terms[i].value);
	for (i = 0; i < lex->n_phrases; i++)
		puts(lex->phrases[i]);
	return 0;
}

int main(int argc, char **argv)
{
	bool gate = false, misses = false, ok = true;
	struct matcher_error err;
	struct matcher *m;
	struct result r;
	int i;

	if (argc == 3 && strcmp(argv[1], "--explain") == 0) {
		enum crisis_tier t;
		m = matcher_new(NULL, 0, &err);
		if (!m)
			return 2;
		t = matcher_explain(m, argv[2], explain_one, NULL);
		printf("%s: %s\n", crisis_tier_name(t), argv[2]);
		matcher_free(m);
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "--scan") == 0)
		return scan(argv[2]);
	if (argc == 2 && strcmp(argv[1], "--phrases") == 0)
		return phrases();
	if (argc > 2 && strcmp(argv[1], "--line") == 0) {
		m = matcher_new(NULL, 0, &err);
		for (i = 2; m && i < argc; i++) {
			const char *why;
			enum crisis_tier t = matcher_tier(m, argv[i], &why);
			printf("%s (%s): %s\n", crisis_tier_name(t), why, argv[i]);
		}
		matcher_free(m);
		return m ? 0 : 2;
	}
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--gate") == 0)
			gate = true;
		else if (strcmp(argv[i], "--misses") == 0)
			misses = true;
		else {
			fprintf(stderr, "usage: crisis-eval [--gate] [--misses] FILE...\n");
			return 2;
		}
	}
	if (i == argc) {
		fprintf(stderr, "usage: crisis-eval [--gate] [--misses] FILE...\n");
		return 2;
	}
	m = matcher_new(NULL, 0, &err);
	if (!m) {
		fprintf(stderr, "crisis-eval: the built-in lexicon: %s\n", err.message);
		return 2;
	}
	for (; i < argc; i++) {
		if (eval_file(m, argv[i], misses, &r) < 0) {
			matcher_free(m);
			return 2;
		}
		printf("\n%s\n", argv[i]);
		printf("  recall (high or medium): %5.1f%%  (%u/%u; high %u)\n",
		       pct(r.fire_hit, r.fire), r.fire_hit, r.fire, r.fire_high);
		printf("  false alarms, high:      %5.1f%%  (%u/%u)\n", pct(r.none_high, r.none),
		       r.none_high, r.none);
		printf("  false alarms, any tier:  %5.1f%%  (%u/%u)\n", pct(r.none_any, r.none),
		       r.none_any, r.none);
		printf("  someone else / negation: %5.1f%% medium, %.1f%% high  (%u lines)\n",
		       pct(r.medium_medium, r.medium), pct(r.medium_high, r.medium), r.medium);
		printf(
		    "  context probe:           %5.2f%% none  (%u of %u: each high line with %zu "
		    "ordinary places beside it)\n",
		    pct(r.probe_none, r.probe), r.probe_none, r.probe, N_HEADS + N_TAILS);
		printf(
		    "  context probe, medium:   %5.2f%% none  (%u of %u: each medium line, the same)\n",
		    pct(r.probe_med_none, r.probe_med), r.probe_med_none, r.probe_med);
		print_groups("recall by warning sign", r.cat, r.n_cat);
		print_groups("recall by style", r.style, r.n_style);
		print_alarms("false alarms by kind of line", r.none_cat, r.n_none_cat);
		print_alarms("false alarms by style", r.none_style, r.n_none_style);
		ok = meets_bar(&r);
	}
	matcher_free(m);
	if (gate) {
		printf(
		    "\n%s: %s the bar (recall >= 97%%, each sign >= 90%%, high false alarms <= 1%%, any <= 5%%)\n",
		    argv[argc - 1], ok ? "meets" : "FALLS BELOW");
		return ok ? 0 : 1;
	}
	return 0;
}
