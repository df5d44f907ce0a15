/* crisis_train.c — developer tool: train the crisis matcher's weights from labelled lines. */
/*
 * usage: crisis-train [--cv K [--cv-misses] [--cv-seed S]] [--augment] [--medium-at T] [--none-below T] [--high-below T] [--silenced-at T] [--lowered-below T] [--examples DIR [--example-weight K]] [--exclude FILE]... FILE...
 *
 * FILE is an evaluation set (EXPECT<TAB>CATEGORY<TAB>STYLE<TAB>TEXT; see
 * tests/data/crisis/README.md).  A line is a positive example when EXPECT is
 * "fire" or "medium" (the matcher should say something), a negative one when
 * it is "none".  The features are the matcher's own (matcher_explain's kind
 * "feature"): each word's stem, each pair of neighbouring stems, each
 * concept and each pair of concepts one after the other.  A feature must
 * appear in MIN_LINES lines to be kept.  --examples DIR adds DIR/safety.json's
 * own examples as lines (see add_examples).  A line whose text is also in
 * an --exclude file (tests/data/crisis/test.tsv and held.tsv: the sets
 * only reported on) is never trained on, so that a line the writers of two
 * sets both wrote ("I want to die.") cannot carry a reported set into the
 * weights.
 *
 * The model is logistic regression by stochastic gradient descent with an
 * L2 penalty, the mean of RUNS runs, each in orders fixed by the lines'
 * own texts (the hash of its text), so the same lines give the same weights.  It prints
 * the built-in lexicon's "weights" array on stdout: `make train` puts it
 * in tools/crisis-weights.json, which the build compiles in.  With --cv K it prints, instead, what K-fold cross-validation
 * says the matcher would do on lines it was not trained on for a grid of
 * thresholds: that is how medium-at and none-below are chosen, never from
 * tests/data/crisis/test.tsv.  --cv-misses adds a line for each line it reads
 * wrong at the given thresholds ("miss", the tier, the rules' tier, the
 * score, EXPECT, CATEGORY, TEXT): what to read before changing the lexicon.
 * --augment also trains on each line once more with an ordinary context of
 * the day beside it (aug_heads, aug_tails), so that a place or a time is
 * not read as evidence that a line is ordinary; `make train` uses it
 * (README, "Copies with context").
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content.h"
#include "hash.h"
#include "matcher.h"

#define EPOCHS 15
#define RATE 0.3
#define DECAY 0.8
#define L2 4e-3
/* 5 until rounds 70-93 joined tune.tsv: with 22% more lines, 5 or 6 kept
 * more weights than the 1 MiB safety.json may hold (README); 7 until
 * rounds 112-113 and 116-117 joined it (tenth session of 2026-11-30),
 * when 7 wrote 1,050,332 bytes; 8 until the thirteenth, when the weights
 * left safety.json for tools/crisis-weights.json, which no 1 MiB bounds */
#define MIN_LINES 6 /* a feature seen in fewer lines is dropped */
#define PRUNE 0.15  /* a weight closer to 0 than this is not written */
/* 5 until the thirteenth session: a retrain with the runs in other orders
 * moved the held-out counts as much as any change did (README, "The mean
 * of twenty runs"); 20 halves that spread */
#define RUNS 20 /* the weights are the mean of this many runs, each its own order */
/* strong phrases a line keeps; a line with more (a rare line)
 * is read here as never lowered, where the matcher takes the lowest floor
 * of them all: the figures can only err towards high */
#define MAX_HITS 8

struct line {
	bool pos;               /* should fire (high or medium) */
	bool fire;              /* EXPECT is "fire" (recall counts these) */
	bool none;              /* EXPECT is "none" (false alarms count these) */
	enum crisis_tier rules; /* the tier the rules give, before any weights */
	bool kept;              /* a high rule context lowered to medium (lowered-below) */
	bool kept_strong;       /* ... a strong phrase: MATCHER_STRONG_MARGIN further below */
	bool strong;            /* a strong phrase read it high */
	bool bare;              /* a strong phrase alone: never trained on, only scored */
	bool never;             /* a strong phrase of one word, or too many: never lowered */
	size_t hits[MAX_HITS];  /* the strong phrases read (the matcher's phrase ids) */
	size_t n_hits;
	bool silenced; /* a targeted modifier silenced a rule: never raised */
	size_t *f, nf; /* feature ids, sorted, unique */
	uint64_t key;  /* a hash of TEXT: its fold, and its place in each run's order */
	uint64_t fold; /* what deals it into a fold: key, or its original's (aug) */
	bool aug;      /* a copy with a context beside it (--augment): trained on, never read */
	double weight; /* what its error counts as: 1, or --example-weight for an example */
	char *text;    /* EXPECT, CATEGORY and TEXT, for --cv-misses */
};

struct occ {
	char *name;
	size_t line;
};

static struct occ *occs;
static size_t n_occ, cap_occ;
static size_t cur_line;
static enum crisis_tier cur_rules;
static bool cur_kept, cur_kept_strong, cur_strong, cur_silenced, cur_never;
static size_t cur_hits[MAX_HITS], cur_n_hits;

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fputs("crisis-train: out of memory\n", stderr);
		exit(2);
	}
	return p;
}

static void on_explain(void *ctx, long pos, const char *kind, const char *name,
		       enum crisis_tier tier)
{
	(void)ctx;
	(void)pos;
	if (strncmp(kind, "rule", 4) == 0 && tier > cur_rules)
		cur_rules = tier;
	/* a strong phrase context lowered is let go further below than other
	 * rules (the matcher pins only rules content added, and these lines are
	 * read with the built-in lexicon alone) */
	if (strcmp(kind, "rule, lowered") == 0) {
		cur_kept = true;
		if (strcmp(name, "strong-phrase") == 0)
			cur_kept_strong = true;
	}
	if (strcmp(kind, "rule, silenced") == 0)
		cur_silenced = true;
	if (strncmp(kind, "rule", 4) == 0 && tier == CRISIS_HIGH &&
	    strcmp(name, "strong-phrase") == 0)
		cur_strong = true;
	if (strcmp(kind, "strong") == 0) { /* a strong phrase, by its id: its floor */
		char *end;
		unsigned long id = strtoul(name, &end, 10);
		if (*end || end == name || cur_n_hits == MAX_HITS)
			cur_never = true;
		else
			cur_hits[cur_n_hits++] = (size_t)id;
	}
	if (strcmp(kind, "feature") != 0)
		return;
	if (n_occ == cap_occ) {
		cap_occ = cap_occ ? cap_occ * 2 : 4096;
		occs = xrealloc(occs, cap_occ * sizeof(*occs));
	}
	occs[n_occ].name = strdup(name);
	if (!occs[n_occ].name)
		exit(2);
	occs[n_occ++].line = cur_line;
}

static int by_name(const void *a, const void *b)
{
	const struct occ *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	return c ? c : (x->line > y->line) - (x->line < y->line);
}

static int by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Add the TEXT of every line of PATH to the sorted list *out (*n entries,
 * *cap allocated): --exclude may be given more than once.
 */
static bool read_texts(const char *path, char ***out, size_t *n, size_t *cap)
{
	FILE *fp = fopen(path, "r");
	char *line = NULL;
	size_t lcap = 0;
	ssize_t len;

	if (!fp) {
		perror(path);
		return false;
	}
	while ((len = getline(&line, &lcap, fp)) > 0) {
		char *t = line;
		int k;
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		for (k = 0; k < 3 && t; k++)
			if ((t = strchr(t, '\t')) != NULL)
				t++;
		if (!t)
			continue;
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 1024;
			*out = xrealloc(*out, *cap * sizeof(**out));
		}
		(*out)[*n] = strdup(t);
		if (!(*out)[*n])
			exit(2);
		(*n)++;
	}
	free(line);
	fclose(fp);
	qsort(*out, *n, sizeof(**out), by_str);
	return true;
}

static int by_id(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return (x > y) - (x < y);
}

/*
 * A line's place is a hash of its own text, never of where it stands in
 * the files: its fold (key % K), and its place in each epoch's order (the
 * key mixed with the run and the epoch).  Adding or removing one line
 * then moves only that line: every other line keeps its fold and its
 * order relative to the rest.  With a shuffle of the whole list (before
 * 2026-11-30, fourth session) one added example dealt every line anew,
 * and cross-validation moved by 0.1-0.2 point, enough to move a threshold
 * chosen by a rule with a margin of one line.  Lines with the same text
 * share a fold, so cross-validation never tests a line on its own copy.
 */
static uint64_t mix(uint64_t x) /* splitmix64's finaliser */
{
	x ^= x >> 30;
	x *= 0xBF58476D1CE4E5B9ULL;
	x ^= x >> 27;
	x *= 0x94D049BB133111EBULL;
	return x ^ (x >> 31);
}

static uint64_t cv_seed; /* --cv-seed: another dealing of the lines into folds (0: the first) */

/*
 * A line's fold.  --cv-seed S > 0 deals the lines anew (a seed of its own
 * mixed into each text's hash), so that a change to the lexicon can be
 * read over several dealings: one dealing moves by a few lines with any
 * retrain (README, "Retraining is noisy").  The order lines are trained in
 * stays the text's own.
 */
static size_t fold_of(const struct line *l, size_t k_folds)
{
	return (size_t)((cv_seed ? mix(l->fold ^ mix(cv_seed)) : l->fold) % k_folds);
}

struct place {
	uint64_t at;
	size_t line;
};

static int by_place(const void *a, const void *b)
{
	const struct place *x = a, *y = b;
	if (x->at != y->at)
		return (x->at > y->at) - (x->at < y->at);
	return (x->line > y->line) - (x->line < y->line);
}

static double sigmoid(double z)
{
	return 1.0 / (1.0 + exp(-z));
}

/* Run `run` of training on lines[use[0..n-1]], each epoch in an order of
 * its own (the hash of its text): weights w[n_feat] and the bias. */
static double train_once(const struct line *lines, const size_t *use, size_t n, double *w,
			 size_t n_feat, int run)
{
	struct place *order = xrealloc(NULL, n * sizeof(*order));
	size_t i, k, e;
	double bias = 0, rate = RATE;

	memset(w, 0, n_feat * sizeof(*w));
	for (e = 0; e < EPOCHS; e++) {
		uint64_t salt = mix((uint64_t)run * EPOCHS + e + 1);
		for (i = 0; i < n; i++)
			order[i] = (struct place){ mix(lines[use[i]].key ^ salt), use[i] };
		qsort(order, n, sizeof(*order), by_place);
		for (i = 0; i < n; i++) {
			const struct line *l = &lines[order[i].line];
			double z = bias, g;
			for (k = 0; k < l->nf; k++)
				z += w[l->f[k]];
			g = (sigmoid(z) - (l->pos ? 1.0 : 0.0)) * l->weight;
			bias -= rate * g;
			for (k = 0; k < l->nf; k++)
				w[l->f[k]] -= rate * (g + L2 * w[l->f[k]]);
		}
		rate *= DECAY;
	}
	free(order);
	return bias;
}

/*
 * Train on lines[use[0..n-1]]: weights w[n_feat] and the bias, each the mean
 * of RUNS runs that saw the lines in different orders.  Stochastic gradient
 * descent ends wherever its last steps took it; the mean of a few such ends
 * is steadier, and is still one weight a feature, so the matcher reads it at
 * no extra cost.  Cross-validation read it as fewer false alarms at the same
 * recall (README, "Crisis language: how the matcher reads").
 */
static double train(const struct line *lines, const size_t *use, size_t n, double *w, size_t n_feat)
{
	double *run = xrealloc(NULL, n_feat * sizeof(*run)), bias = 0;
	size_t i;
	int r;

	memset(w, 0, n_feat * sizeof(*w));
	for (r = 0; r < RUNS; r++) {
		bias += train_once(lines, use, n, run, n_feat, r) / RUNS;
		for (i = 0; i < n_feat; i++)
			w[i] += run[i] / RUNS;
	}
	free(run);
	return bias;
}

static double score(const struct line *l, const double *w, double bias)
{
	double z = bias;
	size_t k;
	for (k = 0; k < l->nf; k++)
		z += w[l->f[k]];
	return z;
}

static double high_below = -1e9, silenced_at = 1e9, lowered_below = -1e9, cv_medium_at = 1,
	      cv_none_below = -2;
static bool cv_misses; /* --cv-misses: print each line cross-validation reads wrong */

/* Where a line whose high rule context lowered is let go, as the matcher's weigh() does. */
static double let_go_below(const struct line *l, double lb)
{
	return l->kept_strong ? lb - MATCHER_STRONG_MARGIN : lb;
}

/*
 * Where a high line is lowered to medium, as the matcher's weigh() does: a
 * strong phrase MATCHER_STRONG_MARGIN below both high-below and floor, the
 * lowest floor of its phrases (strong_floors()).
 */
static double lower_below(const struct line *l, double floor, double hb)
{
	return l->strong ? (floor < hb ? floor : hb) - MATCHER_STRONG_MARGIN : hb;
}

static enum crisis_tier combine(const struct line *l, double s, double floor, double medium_at,
				double none_below)
{
	if (l->rules == CRISIS_HIGH && s < lower_below(l, floor, high_below))
		return CRISIS_MEDIUM;
	if (l->rules == CRISIS_NONE && s >= medium_at && (!l->silenced || s >= silenced_at))
		return CRISIS_MEDIUM;
	if (l->rules == CRISIS_MEDIUM && !l->kept && s < none_below)
		return CRISIS_NONE;
	if (l->rules == CRISIS_MEDIUM && l->kept && s < let_go_below(l, lowered_below))
		return CRISIS_NONE;
	return l->rules;
}

/*
 * Each held-out line's strong-phrase floor under one fold's weights, as
 * the matcher's strong_floors() and saw_strong() find it: a phrase's floor
 * is the lowest score of the phrases alone (bare) it was read in
 * (-INFINITY if none), a line's the lowest of its phrases' (INFINITY if it
 * has none, -INFINITY if it is never lowered).
 */
static void fold_floors(const struct line *lines, size_t n, const struct line *bare, size_t n_bare,
			const double *w, double bias, size_t fold, size_t k_folds, double *floors)
{
	size_t i, k, n_ids = 1;
	double *pf;

	for (i = 0; i < n_bare; i++)
		for (k = 0; k < bare[i].n_hits; k++)
			if (bare[i].hits[k] >= n_ids)
				n_ids = bare[i].hits[k] + 1;
	pf = xrealloc(NULL, n_ids * sizeof(*pf));
	for (i = 0; i < n_ids; i++)
		pf[i] = -INFINITY;
	for (i = 0; i < n_bare; i++) {
		double sb = score(&bare[i], w, bias);
		for (k = 0; k < bare[i].n_hits; k++) {
			size_t p = bare[i].hits[k];
			if (pf[p] == -INFINITY || sb < pf[p])
				pf[p] = sb;
		}
	}
	for (i = 0; i < n; i++) {
		if (fold_of(&lines[i], k_folds) != fold)
			continue;
		floors[i] = lines[i].never ? -INFINITY : INFINITY;
		for (k = 0; k < lines[i].n_hits; k++) {
			size_t p = lines[i].hits[k];
			double f = p < n_ids ? pf[p] : -INFINITY;
			if (f < floors[i])
				floors[i] = f;
		}
	}
	free(pf);
}

static void cross_validate(const struct line *lines, size_t n, const struct line *bare,
			   size_t n_bare, size_t n_feat, size_t k_folds)
{
	static const double at[] = { -1, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 1e9 };
	static const double below[] = { -1e9, -4, -3, -2, -1.5, -1, -0.75, -0.5, -0.25, 0 };
	double *s = xrealloc(NULL, n * sizeof(*s)), *w = xrealloc(NULL, n_feat * sizeof(*w));
	double *floors = xrealloc(NULL, n * sizeof(*floors));
	size_t *use = xrealloc(NULL, n * sizeof(*use)), f, i, a, b;

	for (f = 0; f < k_folds; f++) {
		size_t nu = 0;
		double bias;
		for (i = 0; i < n; i++)
			if (fold_of(&lines[i], k_folds) != f)
				use[nu++] = i;
		bias = train(lines, use, nu, w, n_feat);
		for (i = 0; i < n_feat; i++) /* as shipped: small weights are not written */
			if (w[i] < PRUNE && w[i] > -PRUNE)
				w[i] = 0;
		for (i = 0; i < n; i++)
			if (fold_of(&lines[i], k_folds) == f)
				s[i] = score(&lines[i], w, bias);
		fold_floors(lines, n, bare, n_bare, w, bias, f, k_folds, floors);
	}
	for (i = 0, f = 0; i < n; i++)
		f += !lines[i].aug;
	printf("%zu-fold cross-validation over %zu lines (medium-at 1e9: the rules alone)\n",
	       k_folds, f);
	printf("%10s %10s %9s %9s %9s %9s\n", "medium-at", "none-below", "recall", "fa-any",
	       "fa-high", "others");
	for (a = 0; a < sizeof(at) / sizeof(at[0]); a++)
		for (b = 0; b < sizeof(below) / sizeof(below[0]); b++) {
			size_t fire = 0, hit = 0, none = 0, fa = 0, fah = 0, med = 0, medhit = 0;
			for (i = 0; i < n; i++) {
				enum crisis_tier t;
				if (lines[i].aug)
					continue;
				t = combine(&lines[i], s[i], floors[i], at[a], below[b]);
				if (lines[i].fire) {
					fire++;
					hit += t != CRISIS_NONE;
				} else if (lines[i].none) {
					none++;
					fa += t != CRISIS_NONE;
					fah += t == CRISIS_HIGH;
				} else {
					med++;
					medhit += t == CRISIS_MEDIUM;
				}
			}
			printf("%10g %10g %8.3f%% %8.3f%% %8.3f%% %8.3f%%\n", at[a], below[b],
			       100.0 * (double)hit / (double)(fire ? fire : 1),
			       100.0 * (double)fa / (double)(none ? none : 1),
			       100.0 * (double)fah / (double)(none ? none : 1),
			       100.0 * (double)medhit / (double)(med ? med : 1));
		}
	printf("\nlines a targeted idiom silenced, read medium at a score:\n");
	printf("%10s %12s %12s\n", "silenced-at", "fire raised", "none raised");
	for (a = 0; a < 7; a++) {
		double at2 = 1.0 + (double)a;
		size_t fr = 0, ft = 0, nr = 0, nt = 0;
		for (i = 0; i < n; i++) {
			if (lines[i].aug || !lines[i].silenced || lines[i].rules != CRISIS_NONE)
				continue;
			if (lines[i].fire) {
				ft++;
				fr += s[i] >= at2;
			} else if (lines[i].none) {
				nt++;
				nr += s[i] >= at2;
			}
		}
		printf("%10g %5zu of %4zu %5zu of %4zu\n", at2, fr, ft, nr, nt);
	}
	/* whole points to -3, then quarters: the rule (README) takes the
	 * highest high-below that lowers at most 0.25% of the high lines that
	 * should fire, and on whole points alone the step from -2 (0.11%) to
	 * -1 (0.29%) passed over the quarters between (seventh session of
	 * 2026-11-30) */
	printf("\nhigh lines lowered to medium below a score (strong phrases %g below it and "
	       "their floor):\n",
	       MATCHER_STRONG_MARGIN);
	printf("%10s %12s %12s\n", "high-below", "fire lowered", "none lowered");
	for (a = 0; a < 13; a++) {
		double hb = a < 4 ? -7.0 + (double)a : -3.0 + 0.25 * (double)(a - 4);
		size_t fl = 0, fh = 0, nl = 0, nh = 0;
		for (i = 0; i < n; i++) {
			if (lines[i].aug || lines[i].rules != CRISIS_HIGH)
				continue;
			if (lines[i].fire) {
				fh++;
				fl += s[i] < lower_below(&lines[i], floors[i], hb);
			} else if (lines[i].none) {
				nh++;
				nl += s[i] < lower_below(&lines[i], floors[i], hb);
			}
		}
		printf("%10g %5zu of %4zu %5zu of %4zu\n", hb, fl, fh, nl, nh);
	}
	printf("\nlines a high rule made, lowered to medium by context, let go below a score:\n");
	printf("%13s %12s %12s %14s\n", "lowered-below", "fire let go", "none let go",
	       "medium let go");
	for (a = 0; a < 10; a++) { /* up to 0: none-below's side of the grid */
		double lb = -9.0 + (double)a;
		size_t c[3] = { 0 }, t[3] = { 0 };
		for (i = 0; i < n; i++) {
			size_t k = lines[i].fire ? 0 : lines[i].none ? 1 : 2;
			if (lines[i].aug || !lines[i].kept || lines[i].rules != CRISIS_MEDIUM)
				continue;
			t[k]++;
			c[k] += s[i] < let_go_below(&lines[i], lb);
		}
		printf("%13g %5zu of %4zu %5zu of %4zu %7zu of %4zu\n", lb, c[0], t[0], c[1], t[1],
		       c[2], t[2]);
	}
	if (cv_misses)
		for (i = 0; i < n; i++) {
			enum crisis_tier t;
			if (lines[i].aug)
				continue;
			t = combine(&lines[i], s[i], floors[i], cv_medium_at, cv_none_below);
			bool bad = lines[i].fire   ? t == CRISIS_NONE
				   : lines[i].none ? t != CRISIS_NONE
						   : t != CRISIS_MEDIUM;
			if (bad)
				printf("miss\t%s\trules %s\t%.2f\t%s\n", crisis_tier_name(t),
				       crisis_tier_name(lines[i].rules), s[i], lines[i].text);
		}
	free(s);
	free(w);
	free(floors);
	free(use);
}

/* The lexicon the features come from: the built-in one without its weights. */
static struct matcher *feature_matcher(void)
{
	static struct lexicon lex;
	const struct lexicon *lp = &lex;
	struct matcher_error err;
	struct matcher *m;

	lex = *matcher_builtin_lexicon();
	lex.weights = NULL;
	lex.n_weights = 0;
	m = matcher_new_bare(&lp, 1, &err);
	if (!m)
		fprintf(stderr, "crisis-train: %s\n", err.message);
	return m;
}

/* The lines to train on, and the texts never to train on (--exclude). */
struct set {
	struct line *lines;
	size_t n, cap;
	char **excl;
	size_t n_excl, cap_excl, skipped;
};

/*
 * --augment: each line is also trained on once with one ordinary context of
 * the day beside it, chosen by a hash of its text, so that a place or a
 * time does not read as evidence that a line is ordinary (a line that
 * should fire read none with one beside it: the context probes of
 * crisis-eval).  None of these are the probes' contexts.  The copy is
 * dealt into its line's fold, and cross-validation never reads it.
 */
static bool augment;
static const char *const aug_heads[] = {
	"On the train this morning, ",
	"Before dinner ",
	"While folding laundry ",
	"At the supermarket ",
	"Walking the dog earlier, ",
	"On my lunch break, ",
	"Sitting in traffic ",
	"At my desk ",
	"Waiting for the kettle, ",
	"On Sunday afternoon ",
	"At the library ",
	"While the rain came down, ",
	"In the car park ",
	"In the queue at the post office, ",
	"After my shift ",
	"Over breakfast ",
	"At the bakery ",
	"At the laundromat ",
	"By the window ",
	"Between emails ",
	"At my cousin's barbecue ",
};
static const char *const aug_tails[] = {
	". Anyway, dinner was pasta.",
	", then I folded the laundry",
	". The rain stopped around four.",
	" on the train this morning",
	" while the kettle boiled",
	" at the supermarket",
	". Need to remember to call the plumber.",
	", and the cat knocked a plant over",
	" on my lunch break",
	". Traffic was awful again.",
	". The neighbours are painting their fence.",
	" in the car park",
	", and then I watered the tomatoes",
	". Weather's supposed to turn tomorrow.",
	" during my commute",
	". Made soup for everyone.",
	" between emails",
	". The library was closing early.",
	" at the laundromat",
	", then I answered some emails",
	". Bought new socks.",
};
#define N_AUG_HEADS (sizeof(aug_heads) / sizeof(*aug_heads))
#define N_AUG_TAILS (sizeof(aug_tails) / sizeof(*aug_tails))
static double cur_weight = 1; /* add_line: what the line's error counts as */
static bool cur_aug;          /* add_line: the line being added is a copy ... */
static uint64_t cur_fold;     /* ... dealt where its original is */

/* One labelled line: its features (through the matcher's explain) and tiers. */
static void add_line(struct set *set, struct matcher *m, const char *expect, const char *category,
		     const char *text)
{
	struct line *l;

	if (set->n_excl && bsearch(&text, set->excl, set->n_excl, sizeof(*set->excl), by_str)) {
		set->skipped++;
		return;
	}
	if (set->n == set->cap) {
		set->cap = set->cap ? set->cap * 2 : 1024;
		set->lines = xrealloc(set->lines, set->cap * sizeof(*set->lines));
	}
	l = &set->lines[set->n];
	memset(l, 0, sizeof(*l));
	l->fire = strcmp(expect, "fire") == 0;
	l->none = strcmp(expect, "none") == 0;
	l->pos = !l->none;
	l->key = mix(hash_fnv1a(text, strlen(text)));
	l->fold = cur_aug ? cur_fold : l->key;
	l->aug = cur_aug;
	l->weight = cur_weight;
	if (cv_misses) {
		size_t tl = strlen(expect) + strlen(category) + strlen(text) + 3;
		l->text = xrealloc(NULL, tl);
		snprintf(l->text, tl, "%s\t%s\t%s", expect, category, text);
	}
	cur_line = set->n;
	cur_rules = CRISIS_NONE;
	cur_kept = cur_kept_strong = cur_strong = cur_silenced = cur_never = false;
	cur_n_hits = 0;
	matcher_explain(m, text, on_explain, NULL);
	l->never = cur_never;
	l->n_hits = cur_n_hits;
	memcpy(l->hits, cur_hits, sizeof(l->hits));
	l->rules = cur_rules;
	l->kept = cur_kept;
	l->kept_strong = cur_kept_strong;
	l->strong = cur_strong;
	l->silenced = cur_silenced;
	set->n++;
	if (augment && !cur_aug) {
		size_t c = (size_t)(l->key >> 32) % (N_AUG_HEADS + N_AUG_TAILS);
		const char *head = c < N_AUG_HEADS ? aug_heads[c] : "";
		const char *tail = c < N_AUG_HEADS ? "" : aug_tails[c - N_AUG_HEADS];
		size_t tl = strlen(head) + strlen(text) + strlen(tail) + 1;
		char *t = xrealloc(NULL, tl);
		snprintf(t, tl, "%s%s%s", head, text, tail);
		cur_aug = true;
		cur_fold = l->fold;
		add_line(set, m, expect, category, t);
		cur_aug = false;
		free(t);
	}
}

/*
 * --examples DIR: DIR/safety.json's own examples as lines to train on
 * (must_match as "fire", must_match_medium as "medium", must_not_match as
 * "none").  They are what the shipped matcher must read, and `check` fails
 * content whose matcher reads one otherwise; without them a retrain could
 * move a shipped example across a threshold ("I hurt myself at the gym
 * yesterday" read medium once), with them the weights learn them like any
 * other line.  check still guards them against a lexicon edit or a content
 * folder's rules.  --example-weight K counts an example's error K times: a
 * handful of requirements among a hundred thousand lines, which more
 * writers could otherwise outvote (tests/data/crisis/README.md, the
 * thirty-first and thirty-fourth rules; `make train` uses 16).
 */
static double example_weight = 1; /* --example-weight K */
static int add_examples(struct set *set, struct matcher *m, const char *dir)
{
	struct content *c;
	struct content_error err;
	size_t i;

	if (content_load_safety(dir, &c, &err) != 0) {
		char msg[1200];
		content_error_format(&err, msg, sizeof(msg));
		fprintf(stderr, "crisis-train: %s\n", msg);
		return -1;
	}
	cur_weight = example_weight;
	for (i = 0; i < c->n_must_match; i++)
		add_line(set, m, "fire", "example", c->must_match[i]);
	for (i = 0; i < c->n_must_match_medium; i++)
		add_line(set, m, "medium", "example", c->must_match_medium[i]);
	for (i = 0; i < c->n_must_not_match; i++)
		add_line(set, m, "none", "example", c->must_not_match[i]);
	cur_weight = 1;
	content_free(c);
	return 0;
}

int main(int argc, char **argv)
{
	struct set set = { 0 };
	struct line *lines;
	size_t n, i, j, n_feat = 0, k_folds = 0, n_excl;
	double medium_at = 1.0, none_below = -2.0, bias, *w;
	char **names, *text = NULL;
	const char *examples_dir = NULL;
	size_t tcap = 0;
	struct matcher *m;
	int a;

	for (a = 1; a < argc && argv[a][0] == '-'; a += 2) {
		if (strcmp(argv[a], "--cv-misses") == 0) { /* the options without a value */
			cv_misses = true;
			a--;
			continue;
		}
		if (strcmp(argv[a], "--augment") == 0) {
			augment = true;
			a--;
			continue;
		}
		if (a + 1 >= argc)
			goto usage;
		if (strcmp(argv[a], "--cv") == 0)
			k_folds = (size_t)strtoul(argv[a + 1], NULL, 10);
		else if (strcmp(argv[a], "--cv-seed") == 0)
			cv_seed = strtoull(argv[a + 1], NULL, 10);
		else if (strcmp(argv[a], "--medium-at") == 0)
			medium_at = cv_medium_at = strtod(argv[a + 1], NULL);
		else if (strcmp(argv[a], "--none-below") == 0)
			none_below = cv_none_below = strtod(argv[a + 1], NULL);
		else if (strcmp(argv[a], "--high-below") == 0)
			high_below = strtod(argv[a + 1], NULL);
		else if (strcmp(argv[a], "--silenced-at") == 0)
			silenced_at = strtod(argv[a + 1], NULL);
		else if (strcmp(argv[a], "--lowered-below") == 0)
			lowered_below = strtod(argv[a + 1], NULL);
		else if (strcmp(argv[a], "--examples") == 0)
			examples_dir = argv[a + 1];
		else if (strcmp(argv[a], "--example-weight") == 0) {
			char *end;
			example_weight = strtod(argv[a + 1], &end);
			if (*end || !(example_weight >= 1 && example_weight <= 1024))
				goto usage;
		} else if (strcmp(argv[a], "--exclude") == 0) {
			if (!read_texts(argv[a + 1], &set.excl, &set.n_excl, &set.cap_excl))
				return 2;
		} else
			goto usage;
	}
	if (a == argc)
		goto usage;
	m = feature_matcher();
	if (!m)
		return 2;
	if (examples_dir && add_examples(&set, m, examples_dir) != 0)
		return 2;
	for (; a < argc; a++) {
		FILE *fp = fopen(argv[a], "r");
		ssize_t len;
		if (!fp) {
			perror(argv[a]);
			return 2;
		}
		while ((len = getline(&text, &tcap, fp)) > 0) {
			char *f[4], *p = text;
			int k;
			if (text[len - 1] == '\n')
				text[--len] = '\0';
			for (k = 0; k < 4 && p; k++) {
				f[k] = p;
				p = k < 3 ? strchr(p, '\t') : NULL;
				if (p)
					*p++ = '\0';
			}
			if (k < 4 || !f[3])
				continue;
			add_line(&set, m, f[0], f[1], f[3]);
		}
		fclose(fp);
	}
	/* each strong phrase alone, scored with each fold's weights for its
	 * floor (fold_floors()), never trained on: every one, as the matcher
	 * reads them all */
	n = set.n;
	n_excl = set.n_excl;
	set.n_excl = 0;
	augment = false; /* the phrases alone are only scored */
	for (i = 0; i < matcher_builtin_lexicon()->n_phrases; i++)
		add_line(&set, m, "none", "phrase", matcher_builtin_lexicon()->phrases[i]);
	set.n_excl = n_excl;
	lines = set.lines;
	for (i = n; i < set.n; i++)
		lines[i].bare = true;
	free(text);
	matcher_free(m);
	if (set.skipped)
		fprintf(stderr, "crisis-train: %zu lines left out (also in an --exclude file)\n",
			set.skipped);
	for (i = 0; i < set.n_excl; i++)
		free(set.excl[i]);
	free(set.excl);
	/* one id a feature, counting the lines it is in */
	qsort(occs, n_occ, sizeof(*occs), by_name);
	names = xrealloc(NULL, n_occ * sizeof(*names));
	for (i = 0; i < n_occ; i = j) {
		size_t lines_in = 0, k;
		for (j = i; j < n_occ && strcmp(occs[j].name, occs[i].name) == 0; j++)
			if (!lines[occs[j].line].bare &&
			    (j == i || occs[j].line != occs[j - 1].line))
				lines_in++;
		if (lines_in < MIN_LINES)
			continue;
		names[n_feat] = occs[i].name;
		for (k = i; k < j; k++) {
			struct line *l = &lines[occs[k].line];
			if (l->nf && l->f[l->nf - 1] == n_feat)
				continue;
			l->f = xrealloc(l->f, (l->nf + 1) * sizeof(*l->f));
			l->f[l->nf++] = n_feat;
		}
		n_feat++;
	}
	for (i = 0; i < set.n; i++)
		qsort(lines[i].f, lines[i].nf, sizeof(*lines[i].f), by_id);
	if (k_folds > 1) {
		cross_validate(lines, n, lines + n, set.n - n, n_feat, k_folds);
	} else {
		size_t *use = xrealloc(NULL, n * sizeof(*use)), written = 0;
		w = xrealloc(NULL, n_feat * sizeof(*w));
		for (i = 0; i < n; i++)
			use[i] = i;
		bias = train(lines, use, n, w, n_feat);
		printf("[\n  \"bias %.4f\",\n  \"medium-at %.4f\",\n  \"none-below %.4f\"", bias,
		       medium_at, none_below);
		if (high_below > -1e8)
			printf(",\n  \"high-below %.4f\"", high_below);
		if (silenced_at < 1e8)
			printf(",\n  \"silenced-at %.4f\"", silenced_at);
		if (lowered_below > -1e8)
			printf(",\n  \"lowered-below %.4f\"", lowered_below);
		for (i = 0; i < n_feat; i++)
			if (w[i] >= PRUNE || w[i] <= -PRUNE) {
				printf(",\n  \"%s %.4f\"", names[i], w[i]);
				written++;
			}
		printf("\n]\n");
		fprintf(stderr, "crisis-train: %zu lines, %zu features, %zu weights written\n", n,
			n_feat, written);
		free(use);
		free(w);
	}
	for (i = 0; i < set.n; i++) {
		free(lines[i].f);
		free(lines[i].text);
	}
	free(lines);
	for (i = 0; i < n_occ; i++)
		free(occs[i].name);
	free(occs);
	free(names);
	return 0;
usage:
	fputs(
	    "usage: crisis-train [--cv K [--cv-misses] [--cv-seed S]] [--augment] [--medium-at T] [--none-below T] [--high-below T]\n"
	    "                    [--silenced-at T] [--lowered-below T] [--examples DIR [--example-weight K]] [--exclude FILE]...\n"
	    "                    FILE...\n",
	    stderr);
	return 2;
}
