/* rules_messaging.c — the safe-messaging rules (CG3xx) and retired crisis numbers (CG206):
 * every string of text scanned once, word by word, against one sorted table of phrases. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "safety.h"

/* Normalised copy (see safety_normalize) padded with a space each side; NULL on no memory. */
static char *norm_padded_in(const char *text, size_t n, char *buf, size_t cap);

char *norm_padded(const char *text, size_t n)
{
	return norm_padded_in(text, n, NULL, 0);
}

/* norm_padded() into buf when it fits in cap bytes, else into memory the caller frees. */
static char *norm_padded_in(const char *text, size_t n, char *buf, size_t cap)
{
	char *p = n + 3 <= cap ? buf : malloc(n + 3);
	size_t k;

	if (!p)
		return NULL;
	p[0] = ' ';
	k = safety_normalize(text, p + 1, n + 1);
	if (k == (size_t)-1)
		k = 0;
	p[k + 1] = ' ';
	p[k + 2] = '\0';
	return p;
}

/*
 * The safe-messaging word lists (CG3xx).  All are written normalised:
 * lowercase, apostrophes dropped, punctuation and dashes as spaces.
 */
static const char *const committed_phrases[] = { "committed suicide", "commit suicide",
						 "commits suicide", "committing suicide", NULL };
static const char *const outcome_phrases[] = { "successful suicide",
					       "unsuccessful suicide",
					       "failed suicide",
					       "completed suicide",
					       "successful suicide attempt",
					       "failed suicide attempt",
					       NULL };
static const char *const outcome_attempt[] = { "successful attempt", "unsuccessful attempt",
					       "failed attempt", NULL };
static const char *const epidemic_words[] = { "epidemic", "epidemics", NULL };
/* words that say the text is about suicide or self-harm */
static const char *const suicide_words[] = { "suicide",
					     "suicides",
					     "suicidal",
					     "self harm",
					     "selfharm",
					     "self harming",
					     "self injury",
					     "self injure",
					     "kill himself",
					     "kill herself",
					     "kill themselves",
					     "kill myself",
					     "kill yourself",
					     "killed himself",
					     "killed herself",
					     "killed themselves",
					     "take their own life",
					     "took their own life",
					     "take his own life",
					     "take her own life",
					     "end their life",
					     "end their lives",
					     "hurt themselves",
					     "hurt yourself",
					     "harm themselves",
					     "harm yourself",
					     NULL };
/* words that name a method, flagged only within METHOD_NEAR words of those above */
static const char *const method_words[] = { "hang",
					    "hanged",
					    "hanging",
					    "noose",
					    "rope",
					    "ligature",
					    "overdose",
					    "overdosed",
					    "overdosing",
					    "pills",
					    "tablets",
					    "poison",
					    "poisoned",
					    "poisoning",
					    "gun",
					    "guns",
					    "firearm",
					    "firearms",
					    "shoot",
					    "shot",
					    "jump",
					    "jumped",
					    "jumping",
					    "bridge",
					    "cliff",
					    "razor",
					    "razors",
					    "blade",
					    "blades",
					    "slit",
					    "wrist",
					    "wrists",
					    "cut",
					    "cuts",
					    "cutting",
					    "burn",
					    "burning",
					    "drown",
					    "drowned",
					    "drowning",
					    "suffocate",
					    "suffocation",
					    "carbon monoxide",
					    "bleach",
					    "pesticide",
					    "pesticides",
					    "train",
					    NULL };
#define METHOD_NEAR 8
/* promises that crying cures or treats something */
static const char *const cure_phrases[] = {
	"crying cures",     "crying cured",    "crying heals",
	"crying treats",    "crying fixes",    "tears cure",
	"tears heal",       "tears treat",     "a good cry cures",
	"cures depression", "cure depression", "cures anxiety",
	"cure anxiety",     "cures stress",    "treats depression",
	"treats anxiety",   "treats stress",   "will heal",
	"will cure",        "will treat",      "will fix",
	"is a cure",        "a cure for",      "is a treatment for",
	"guaranteed to",    "guarantees",      NULL
};
/* a sentence with one of these keeps its hedge and is not a promise */
static const char *const hedge_words[] = { "may",   "might",   "could",    "perhaps",   "possibly",
					   "maybe", "suggest", "suggests", "suggested", "research",
					   "study", "studies", "not",      "no",        "never",
					   "isnt",  "doesnt",  "dont",     "cannot",    "cant",
					   "wont",  "arent",   "nor",      NULL };
/* outdated crisis numbers and options (CG206) */
static const char *const retired_numbers[] = {
	"1 800 273 8255", "800 273 8255", "18002738255", "8002738255",    "2738255",
	"1 800 273 talk", "800 273 talk", "273 talk",    "1 800 suicide", "800 suicide",
	"784 2433",       "press 3",      NULL
};

/*
 * All the lists above in one table sorted by first word, so a text is
 * scanned once, word by word, instead of once per phrase.
 */
enum {
	L_RETIRED,
	L_COMMITTED,
	L_OUTCOME,
	L_ATTEMPT,
	L_EPIDEMIC,
	L_SUICIDE,
	L_METHOD,
	L_CURE,
	L_HEDGE,
	L_COUNT
};

static const char *const *const word_lists[L_COUNT] = {
	retired_numbers, committed_phrases, outcome_phrases, outcome_attempt, epidemic_words,
	suicide_words,   method_words,      cure_phrases,    hedge_words
};

struct phrase_entry {
	const char *phrase;
	size_t first; /* length of its first word */
	size_t len;
	int list;
};

#define PHRASES_MAX 512
static struct phrase_entry phrase_index[PHRASES_MAX];
static size_t phrase_count;
static size_t bucket_lo[256], bucket_hi[256]; /* entries by first byte */
/* a bit per hash of each entry's first word: most words of a text are in no
 * list, and one look-up here turns them away before any comparison */
static unsigned char first_word_bits[4096 / 8];

/*
 * A hash of a word (n > 0 bytes) from its length and three of its bytes:
 * it only turns most words away before any comparison, and costs nothing
 * a byte (a hash of every byte was a third of the scan).
 */
static unsigned word_hash(const char *w, size_t n)
{
	const unsigned char *u = (const unsigned char *)w;

	return (u[0] * 37u + u[n - 1] * 101u + u[n > 1] * 7u + (unsigned)n * 1031u) % 4096;
}
static pthread_once_t phrase_once = PTHREAD_ONCE_INIT;

/* Compare a word (w, n bytes) with an entry's first word. */
static int first_word_cmp(const char *w, size_t n, const struct phrase_entry *e)
{
	size_t m = n < e->first ? n : e->first;
	int c = memcmp(w, e->phrase, m);

	if (c)
		return c;
	return n < e->first ? -1 : n > e->first;
}

static int phrase_entry_cmp(const void *a, const void *b)
{
	const struct phrase_entry *x = a, *y = b;
	int c = first_word_cmp(x->phrase, x->first, y);

	return c ? c : x->list - y->list;
}

static void phrase_index_build(void)
{
	size_t l, i;

	for (l = 0; l < L_COUNT; l++)
		for (i = 0; word_lists[l][i] && phrase_count < PHRASES_MAX; i++) {
			struct phrase_entry *e = &phrase_index[phrase_count++];
			e->phrase = word_lists[l][i];
			e->first = strcspn(e->phrase, " ");
			e->len = strlen(e->phrase);
			e->list = (int)l;
		}
	qsort(phrase_index, phrase_count, sizeof(phrase_index[0]), phrase_entry_cmp);
	for (i = 0; i < phrase_count; i++) {
		unsigned h = word_hash(phrase_index[i].phrase, phrase_index[i].first);
		first_word_bits[h / 8] |= (unsigned char)(1u << (h % 8));
	}
	for (i = phrase_count; i-- > 0;) {
		unsigned char c = (unsigned char)phrase_index[i].phrase[0];
		if (bucket_hi[c] == 0)
			bucket_hi[c] = i + 1;
		bucket_lo[c] = i;
	}
}

#define HIT_POS_MAX 32

/* Which lists a text hits: the first phrase of each, and the word positions. */
struct hits {
	const char *first[L_COUNT];
	size_t pos[L_COUNT][HIT_POS_MAX];
	size_t npos[L_COUNT];
};

/* Scan padded normalised text (" words like this ") once. */
static void hits_scan(const char *padded, struct hits *h)
{
	const char *p = padded + 1;
	size_t word = 0;

	pthread_once(&phrase_once, phrase_index_build);
	/* pos[] is read only up to npos[]: clearing all of it, 2.3 KB a
	 * string, was a third of the scan */
	memset(h->first, 0, sizeof(h->first));
	memset(h->npos, 0, sizeof(h->npos));
	while (*p && *p != ' ') {
		static const bool word_end[256] = { [0] = true, [' '] = true };
		size_t n = 1;
		size_t lo = bucket_lo[(unsigned char)*p], hi = bucket_hi[(unsigned char)*p],
		       end = hi;
		unsigned hash;

		while (!word_end[(unsigned char)p[n]])
			n++;
		hash = word_hash(p, n);
		if (!(first_word_bits[hash / 8] & (1u << (hash % 8))))
			lo = hi; /* no entry starts with this word */

		while (lo < hi) { /* the first entry whose first word is >= this word */
			size_t mid = lo + (hi - lo) / 2;
			if (first_word_cmp(p, n, &phrase_index[mid]) > 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < end && first_word_cmp(p, n, &phrase_index[lo]) == 0; lo++) {
			const struct phrase_entry *e = &phrase_index[lo];
			if (strncmp(p, e->phrase, e->len) != 0 || p[e->len] != ' ')
				continue;
			if (!h->first[e->list])
				h->first[e->list] = e->phrase;
			if (h->npos[e->list] < HIT_POS_MAX)
				h->pos[e->list][h->npos[e->list]++] = word;
		}
		p += n;
		if (*p == ' ')
			p++;
		word++;
	}
}

/* CG3xx over one string of guide text, and CG206 over any string. */
void text_rules(struct walk *w, const char *pointer, const char *text, bool messaging)
{
	size_t n = strlen(text), a, b;
	char small[2048]; /* most strings: no allocation */
	char *p = norm_padded_in(text, n, small, sizeof(small));
	const char *hit;
	struct hits h;
	char msg[256];
	bool near = false;

	if (!p) {
		w->j->oom = true;
		return;
	}
	hits_scan(p, &h);
	if (p != small)
		free(p);
	if ((hit = h.first[L_RETIRED]) != NULL) {
		if (strcmp(hit, "press 3") == 0)
			snprintf(
			    msg, sizeof(msg),
			    "the retired 988 option \"press 3\" is listed (veterans press 1, Spanish press 2)");
		else
			snprintf(msg, sizeof(msg),
				 "retired crisis number ('%s'): the lifeline is now 988", hit);
		add_at(w, "CG206", pointer, msg);
	}
	if (!messaging)
		return;
	if ((hit = h.first[L_COMMITTED]) != NULL) {
		snprintf(msg, sizeof(msg), "\"%s\" implies a crime: say \"died by suicide\"", hit);
		add_at(w, "CG301", pointer, msg);
	}
	if ((hit = h.first[L_OUTCOME]) != NULL ||
	    (h.first[L_SUICIDE] && (hit = h.first[L_ATTEMPT]))) {
		snprintf(
		    msg, sizeof(msg),
		    "\"%s\" treats a suicide attempt as a success or failure: say \"suicide attempt\" or \"died by suicide\"",
		    hit);
		add_at(w, "CG302", pointer, msg);
	}
	if ((hit = h.first[L_EPIDEMIC]) != NULL) {
		snprintf(msg, sizeof(msg), "\"%s\" sensationalises: give facts without alarm words",
			 hit);
		add_at(w, "CG303", pointer, msg);
	}
	for (a = 0; a < h.npos[L_SUICIDE] && !near; a++)
		for (b = 0; b < h.npos[L_METHOD] && !near; b++) {
			size_t x = h.pos[L_SUICIDE][a], y = h.pos[L_METHOD][b];
			near = (x > y ? x - y : y - x) <= METHOD_NEAR;
		}
	if (near)
		add_at(w, "CG304", pointer,
		       "text names a method of suicide or self-harm: leave method details out");
	if (h.first[L_CURE]) {
		/* one sentence at a time: a hedge counts only in its own sentence */
		const char *start = text, *end;
		for (; *start; start = *end ? end + 1 : end) {
			char *sp, *q;
			size_t len;
			end = start + strcspn(start, ".!?;");
			len = (size_t)(end - start);
			sp = malloc(len + 1);
			if (sp) {
				memcpy(sp, start, len);
				sp[len] = '\0';
			}
			q = sp ? norm_padded(sp, len) : NULL;
			if (!q) {
				free(sp);
				w->j->oom = true;
				return;
			}
			hits_scan(q, &h);
			free(q);
			free(sp);
			if (h.first[L_CURE] && !h.first[L_HEDGE]) {
				snprintf(
				    msg, sizeof(msg),
				    "\"%s\" promises a cure or treatment: keep the hedges (\"may\", \"research suggests\")",
				    h.first[L_CURE]);
				add_at(w, "CG305", pointer, msg);
				return; /* once per string is enough */
			}
		}
	}
}
