/* matcher.c — crisis-language concept matcher: normalised words, shorthand, stems, spelling, concepts, rules, tiers. */
#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content.h"
#include "hash.h"
#include "matcher.h"
#include "oom.h"
#include "safety.h"
#include "unmask.h"

/* What one input character becomes after normalisation. */
enum char_class {
	CH_DROP,  /* removed: apostrophes, invisible format chars */
	CH_SPACE, /* a word separator */
	CH_WORD   /* copied (ASCII letters lowercased) */
};

static bool is_cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

/*
 * Decode one strictly valid UTF-8 sequence at s (s[0] >= 0x80).  Returns its
 * length and stores the code point, or returns 0 when the bytes are not valid
 * UTF-8 (stray continuation byte, overlong form, surrogate, > U+10FFFF or a
 * truncated sequence).  Never reads past the terminating NUL: a continuation
 * byte is never 0, so each byte is looked at only if the one before it was a
 * valid continuation.
 */
static size_t utf8_decode(const unsigned char *s, uint32_t *cp)
{
	unsigned char c = s[0];

	if (c >= 0xC2 && c <= 0xDF) {
		if (!is_cont(s[1]))
			return 0;
		*cp = (uint32_t)(c & 0x1F) << 6 | (uint32_t)(s[1] & 0x3F);
		return 2;
	}
	if (c >= 0xE0 && c <= 0xEF) {
		if (!is_cont(s[1]) || (c == 0xE0 && s[1] < 0xA0) || /* overlong */
		    (c == 0xED && s[1] > 0x9F) ||                   /* surrogate */
		    !is_cont(s[2]))
			return 0;
		*cp = (uint32_t)(c & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 |
		      (uint32_t)(s[2] & 0x3F);
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (!is_cont(s[1]) || (c == 0xF0 && s[1] < 0x90) || /* overlong */
		    (c == 0xF4 && s[1] > 0x8F) ||                   /* > U+10FFFF */
		    !is_cont(s[2]) || !is_cont(s[3]))
			return 0;
		*cp = (uint32_t)(c & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 |
		      (uint32_t)(s[2] & 0x3F) << 6 | (uint32_t)(s[3] & 0x3F);
		return 4;
	}
	return 0;
}

/*
 * Classify a non-ASCII code point.  Beyond what safety.h lists, a few
 * characters that phone and desktop keyboards insert are folded too, so that
 * they cannot hide a phrase: the acute accent and fullwidth apostrophe are
 * apostrophes; no-break and other Unicode spaces, C1 controls, guillemets
 * and the whole General Punctuation block (quotes, dashes, bullets,
 * ellipsis) are separators; soft hyphen, zero-width and bidi marks vanish.
 * Every other character is a word character, kept as it is.
 */
static enum char_class classify_cp(uint32_t cp)
{
	switch (cp) {
	case 0x00B4: /* acute accent, typed as an apostrophe */
	case 0x02BC: /* modifier letter apostrophe */
	case 0x2018: /* left single quotation mark */
	case 0x2019: /* right single quotation mark */
	case 0x201B: /* single high-reversed-9 quotation mark */
	case 0x2032: /* prime */
	case 0xFF07: /* fullwidth apostrophe */ return CH_DROP;
	case 0x00AD: /* soft hyphen */
	case 0xFEFF: /* zero-width no-break space, BOM */ return CH_DROP;
	case 0x00A0: /* no-break space */
	case 0x00A1: /* inverted exclamation mark */
	case 0x00AB: /* left guillemet */
	case 0x00B7: /* middle dot */
	case 0x00BB: /* right guillemet */
	case 0x00BF: /* inverted question mark */
	case 0x1680: /* ogham space mark */
	case 0x2212: /* minus sign */
	case 0x3000: /* ideographic space */
	case 0x3001: /* ideographic comma */
	case 0x3002: /* ideographic full stop */
	case 0xFE58: /* small em dash */
	case 0xFE63: /* small hyphen-minus */
	case 0xFF0D: /* fullwidth hyphen-minus */ return CH_SPACE;
	default: break;
	}
	if (cp >= 0x80 && cp <= 0x9F) /* C1 controls */
		return CH_SPACE;
	if ((cp >= 0x200B && cp <= 0x200F) || /* zero-width, LRM, RLM */
	    (cp >= 0x202A && cp <= 0x202E) || /* bidi embeddings */
	    (cp >= 0x2060 && cp <= 0x206F))   /* word joiner, invisibles */
		return CH_DROP;
	if (cp >= 0x2000 && cp <= 0x206F) /* General Punctuation */
		return CH_SPACE;
	return CH_WORD;
}

/*
 * Classify the character at s (not the terminating NUL) and store how many
 * bytes it takes.  Bytes that are not valid UTF-8 count as one-byte
 * separators: they cannot then glue two words together and hide a phrase
 * (recall first), and the normalised text is always valid UTF-8.
 */
static bool ascii_word(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static enum char_class classify(const unsigned char *s, size_t *len)
{
	unsigned char c = s[0];
	uint32_t cp;

	*len = 1;
	if (c < 0x80) {
		if (ascii_word(c))
			return CH_WORD;
		if (c == '\'' || c == '`')
			return CH_DROP;
		return CH_SPACE; /* punctuation, space, control */
	}
	*len = utf8_decode(s, &cp);
	if (*len == 0) {
		*len = 1;
		return CH_SPACE;
	}
	return classify_cp(cp);
}

/* The plain letter a styled one at s (a whole UTF-8 sequence of len bytes)
 * stands for ("ｋ", "𝐤", "ⓚ", "é"), or 0 (unmask.h). */
static char fancy_letter(const unsigned char *s, size_t len)
{
	uint32_t cp;

	return utf8_decode(s, &cp) == len ? unmask_fold(cp) : 0;
}

size_t safety_normalize(const char *text, char *buf, size_t buflen)
{
	const unsigned char *s = (const unsigned char *)(text ? text : "");
	size_t out = 0;
	bool pending = false; /* a separator is owed before the next word byte */
	bool overflow = false;

	while (*s != '\0') {
		size_t len, need, i;
		enum char_class cls;
		char f;

		/* plain ASCII letters and digits, the common case, without classify() */
		if (ascii_word(*s) && out + 2 < buflen) {
			if (pending)
				buf[out++] = ' ';
			pending = false;
			do {
				buf[out++] = (char)(*s >= 'A' && *s <= 'Z' ? *s - 'A' + 'a' : *s);
				s++;
			} while (ascii_word(*s) && out + 1 < buflen);
			continue;
		}
		cls = classify(s, &len);

		if (cls == CH_SPACE) {
			pending = out > 0;
		} else if (cls == CH_WORD) {
			/* Whole characters only, plus room for the NUL. */
			need = (pending ? 1 : 0) + len + 1;
			if (buflen < need || out > buflen - need) {
				overflow = true;
				break;
			}
			if (pending)
				buf[out++] = ' ';
			pending = false;
			if (len > 1 && (f = fancy_letter(s, len)) != 0) {
				buf[out++] = f; /* ｋ, 𝐤, ⓚ read as k */
			} else {
				for (i = 0; i < len; i++) {
					unsigned char c = s[i];

					if (c >= 'A' && c <= 'Z')
						c = (unsigned char)(c - 'A' + 'a');
					buf[out++] = (char)c;
				}
			}
		}
		s += len;
	}
	if (buflen == 0)
		return (size_t)-1; /* no room even for the NUL */
	buf[out] = '\0';
	return overflow ? (size_t)-1 : out;
}

/* ---- the concept matcher ---- */

#define MAX_WORD 32      /* bytes of a word the lexicon can know; longer words match nothing */
#define MAX_PHRASE 8     /* words in one lexicon phrase, after shorthand */
#define MAX_EXPANSION 4  /* words a shorthand stands for */
#define MAX_CONCEPTS 192 /* one bit each */
#define MASK_WORDS (MAX_CONCEPTS / 64)
#define MAX_SEQ 4      /* concepts in one rule */
#define MAX_UNLESS 4   /* concepts in one modifier's `unless` */
#define MAX_PENDING 16 /* rule hits waiting for an "after" modifier */
#define ATTRIB_SPAN 6  /* words after a quotation closes that may say whose it was */
#define MAX_SPELL 24   /* letters spaced out one by one ("k i l l"), read as one run */
#define NO_WORD SIZE_MAX
#define NO_POS (-1L)
#define PAIR_EMPTY UINT64_MAX
#define NO_WEIGHT UINT32_MAX

/*
 * A string-keyed open-addressing table; keys are copies, values are
 * indices.  A slot's key NULL is empty; hash and key side by side, so a
 * probe reads one place, not three arrays.
 */
struct smap_slot {
	uint64_t hash;
	char *key;
	size_t val;
};

struct smap {
	struct smap_slot *slots;
	size_t cap, n;
	/* a bit for each (first byte, last byte, length) a key has: most words
	 * of a line are in no small map, and this says so before any hashing */
	uint64_t filter[16];
};

static unsigned filter_bit(const char *key, size_t n)
{
	if (n == 0)
		return 0;
	return ((unsigned char)key[0] * 7u + (unsigned char)key[n - 1] * 131u + (unsigned)n * 17u) &
	       1023u;
}

/*
 * Pairs of words (and skips) to their weight, keyed by the two words' winfo
 * entries: a word's entry is found once, by its text, and the pair is then
 * two numbers, not a third string built, hashed and compared.  Key 0 is an
 * empty slot (weight_pair_key never makes it).
 */
struct pmap {
	uint64_t *keys;
	uint32_t *vals;
	size_t cap, n;
};

static uint64_t weight_pair_key(size_t a, size_t b, bool skip)
{
	return ((uint64_t)(a + 1) << 33) | ((uint64_t)(b + 1) << 1) | (uint64_t)skip;
}

static size_t pmap_slot(uint64_t k, size_t cap)
{
	k ^= k >> 31;
	k *= 0x9E3779B97F4A7C15ULL;
	return (size_t)(k ^ (k >> 29)) & (cap - 1);
}

static bool pmap_get(const struct pmap *m, uint64_t key, size_t *val)
{
	size_t i;

	if (m->cap == 0)
		return false;
	for (i = pmap_slot(key, m->cap); m->keys[i]; i = (i + 1) & (m->cap - 1))
		if (m->keys[i] == key) {
			*val = m->vals[i];
			return true;
		}
	return false;
}

/* Insert key -> val; returns 0, 1 when key is there already, -1 on no memory. */
static int pmap_put(struct pmap *m, uint64_t key, uint32_t val)
{
	size_t i, j;

	if ((m->n + 1) * 2 > m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 64;
		uint64_t *k = calloc(cap, sizeof(*k));
		uint32_t *v = calloc(cap, sizeof(*v));
		if (!k || !v) {
			free(k);
			free(v);
			return -1;
		}
		for (i = 0; i < m->cap; i++) {
			if (!m->keys[i])
				continue;
			for (j = pmap_slot(m->keys[i], cap); k[j]; j = (j + 1) & (cap - 1))
				;
			k[j] = m->keys[i];
			v[j] = m->vals[i];
		}
		free(m->keys);
		free(m->vals);
		m->keys = k;
		m->vals = v;
		m->cap = cap;
	}
	for (i = pmap_slot(key, m->cap); m->keys[i]; i = (i + 1) & (m->cap - 1))
		if (m->keys[i] == key)
			return 1;
	m->keys[i] = key;
	m->vals[i] = val;
	m->n++;
	return 0;
}

struct vocab {
	char *word;
	uint64_t mask[MASK_WORDS]; /* concepts this word is a one-word phrase of */
	size_t len;
	bool fuzzy_target; /* five letters or more: a misspelling may stand for it */
	size_t wi;         /* its winfo entry, NO_WORD: none (the weights never name it) */
};

struct phrase {
	size_t words[MAX_PHRASE]; /* vocab ids */
	size_t n;
	int concept;
	size_t next; /* next phrase ending in the same word */
};

struct shorthand {
	size_t n;
	char *words[MAX_EXPANSION]; /* stems */
};

struct rule {
	char *id;
	enum crisis_tier tier;
	int seq[MAX_SEQ];
	int n;
	int window;
	bool has_after; /* an "after" modifier applies: hits wait for it */
};

struct modifier {
	enum crisis_tier tier;
	int concept;
	int unless[MAX_UNLESS]; /* `unless` concepts: any of them stops it */
	int n_unless;
	int before, after; /* words between it and the rule at most; -1: not that kind */
	bool inside;       /* the concept stands between the rule's first and last words */
	bool across;       /* reaches across clauses (still never across a sentence) */
	uint8_t *applies;  /* per rule, NULL: every rule */
	bool named;        /* `for RULE...`: the rules are named (a silencing one must be) */
};

/* A (rule, element) pair a concept feeds. */
struct feed {
	size_t rule;
	int elem;
};

struct matcher {
	char *concepts[MAX_CONCEPTS];
	int n_concepts;
	/* a concept's name -> its id: each of the lexicon's phrases and of the
	 * ~30,000 weights names one, so a linear search over the names was a
	 * quarter of the time to build the matcher */
	struct smap concept_map;
	int brk; /* the "break" concept, or -1 */
	/* someone else's words (on_word): "third", "quote-by" and "i-subject", or -1 */
	int third, quote_by, i_subject;
	int means; /* "means": someone else named just before one owns it (on_concept), or -1 */
	size_t count_word; /* the word "00", a count of ten to 999 (on_stem), or NO_WORD */
	int line_start;    /* "line-start" and "line-end": where a line begins and ends */
	int line_end;
	struct smap vocab_map;
	struct vocab *vocab;
	size_t n_vocab, cap_vocab;
	struct smap del_map; /* one-letter deletions of fuzzy targets -> del list */
	struct deletion {
		size_t vocab; /* the fuzzy target this is a deletion of */
		size_t next;  /* the next with the same letters, or NO_WORD */
	} * dels;
	size_t n_del, cap_del;
	struct phrase *phrases;
	size_t n_phrases, cap_phrases;
	/* phrases by their last two words: (last << 32 | the one before) -> chain */
	uint64_t *pair_keys; /* PAIR_EMPTY: a free slot */
	size_t *pair_heads;
	size_t pair_cap, n_pairs;
	struct smap short_map;      /* shorthand words as written */
	struct smap short_stem_map; /* their stems, five letters or more (unalived -> unalive) */
	struct smap seen;           /* rule and modifier texts: one given twice is read once */
	struct shorthand *shorts;
	size_t n_shorts, cap_shorts;
	struct rule *rules;
	size_t n_rules, cap_rules;
	struct modifier *mods;
	size_t n_mods, cap_mods;
	struct feed *feeds[MAX_CONCEPTS];
	size_t n_feeds[MAX_CONCEPTS];
	int max_after;
	/* the weighted reading (the first lexicon's "weights"): feature -> index
	 * of its weight; words ("alone") by their text, pairs and skips of
	 * words ("want die") by their words' winfo entries, concepts and pairs
	 * of concepts by their ids (NO_WEIGHT: none) */
	struct pmap pair_map; /* pairs and skips of words, by their winfo entries */
	struct smap word_map; /* a word -> its entry in winfo */
	/* a word that is its own stem and no shorthand ("the", "want") -> its
	 * entry in own: what on_stem makes of it, its vocab id (vocab_of) and
	 * winfo entry (winfo_entry), found once here: one look-up a word where
	 * the path of shorthand, stem, vocabulary, spelling and weights takes
	 * up to five and a stemming */
	struct smap own_map;
	struct own {
		size_t v, wi;
	} * own;
	size_t n_own, cap_own;
	struct winfo {
		uint32_t weight;              /* the word's own weight, or NO_WEIGHT */
		bool first, second;           /* it starts, ends a weighted pair */
		bool skip_first, skip_second; /* ... a weighted skip */
	} * winfo;
	size_t n_winfo, cap_winfo;
	uint32_t concept_weight[MAX_CONCEPTS];
	bool unweighted[MAX_CONCEPTS]; /* the lexicon's "unweighted": no feature */
	uint32_t *concepts_weight;     /* [first * MAX_CONCEPTS + second], NULL until needed */
	float *weights;
	size_t n_weights, cap_weights;
	double bias, medium_at, none_below, high_below, silenced_at, lowered_below;
	bool has_high_below;    /* "high-below" was given */
	bool has_silenced_at;   /* "silenced-at" was given */
	bool has_lowered_below; /* "lowered-below" was given */
	size_t strong_rule;     /* the strong phrases' rule, or NO_WORD */
	size_t n_weighed; /* rules [0, n_weighed) are the first lexicon's: the weights know them */
	int strong_concept;       /* the strong phrases' concept, or -1 */
	size_t n_phrases_weighed; /* phrases [0, this) are the first lexicon's */
	/* by phrase: the lowest score a line that is only a first-lexicon
	 * phrase reads where this strong phrase matched (its own floor: a line
	 * is lowered only MATCHER_STRONG_MARGIN below it); -INFINITY, never
	 * lowered, for one a content folder added; NULL without high-below */
	double *strong_floor;
	bool has_model; /* a bias was given: the weights take part */
};

const char *crisis_tier_name(enum crisis_tier t)
{
	return t == CRISIS_HIGH ? "high" : t == CRISIS_MEDIUM ? "medium" : "none";
}

/* The same n bytes, then a NUL in a (a stored key) where b may go on. */
static bool key_is(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (a[i] != b[i])
			return false;
	return a[n] == '\0';
}

static void smap_free(struct smap *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++)
		free(m->slots[i].key);
	free(m->slots);
}

static bool smap_get(const struct smap *m, const char *key, size_t n, size_t *val)
{
	const struct smap_slot *sl;
	uint64_t h;
	size_t i;

	if (m->cap == 0)
		return false;
	i = filter_bit(key, n);
	if (!(m->filter[i / 64] >> (i % 64) & 1))
		return false;
	h = hash_fnv1a(key, n);
	for (i = h & (m->cap - 1); (sl = &m->slots[i])->key; i = (i + 1) & (m->cap - 1))
		if (sl->hash == h && key_is(sl->key, key, n)) {
			*val = sl->val;
			return true;
		}
	return false;
}

static int smap_grow(struct smap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64, i, j;
	struct smap_slot *g = calloc(cap, sizeof(*g));

	if (!g)
		return -1;
	for (i = 0; i < m->cap; i++) {
		if (!m->slots[i].key)
			continue;
		for (j = m->slots[i].hash & (cap - 1); g[j].key; j = (j + 1) & (cap - 1))
			;
		g[j] = m->slots[i];
	}
	free(m->slots);
	m->slots = g;
	m->cap = cap;
	return 0;
}

/* Insert key -> val unless key is there; returns 0, or -1 on no memory. */
static int smap_put(struct smap *m, const char *key, size_t val)
{
	size_t i, n = strlen(key);
	uint64_t h = hash_fnv1a(key, n);
	struct smap_slot *sl;

	if ((m->n + 1) * 2 > m->cap && smap_grow(m) < 0)
		return -1;
	for (i = h & (m->cap - 1); (sl = &m->slots[i])->key; i = (i + 1) & (m->cap - 1))
		if (sl->hash == h && strcmp(sl->key, key) == 0)
			return 0;
	sl->key = strdup(key);
	if (!sl->key)
		return -1;
	sl->hash = h;
	sl->val = val;
	m->n++;
	i = filter_bit(key, n);
	m->filter[i / 64] |= 1ULL << (i % 64);
	return 0;
}

/* Make room for one more element in a growing array. */
static bool grow(void **arr, size_t *cap, size_t n, size_t size)
{
	void *p;
	size_t c;

	if (n < *cap)
		return true;
	c = *cap ? *cap * 2 : 32;
	p = realloc(*arr, c * size);
	if (!p)
		return false;
	*arr = p;
	*cap = c;
	return true;
}

/* ---- stems ---- */

static bool ends(const char *w, size_t n, const char *suf)
{
	size_t k = strlen(suf);

	return n >= k && memcmp(w + n - k, suf, k) == 0;
}

/* Only the letters a to z: what the stemmer and the spelling tolerance read. */
static bool lower_letters(const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (w[i] < 'a' || w[i] > 'z')
			return false;
	return true;
}

static bool is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* cutt -> cut, trapp -> trap; kill, pass and buzz keep their double letter. */
static size_t undouble(const char *w, size_t n)
{
	if (n >= 3 && w[n - 1] == w[n - 2] && !is_vowel(w[n - 1]) && w[n - 1] != 'l' &&
	    w[n - 1] != 's' && w[n - 1] != 'z')
		return n - 1;
	return n;
}

/*
 * After -ing or -ed: a doubled consonant loses one (cutting -> cut); a
 * short stem of consonant, vowel, consonant gets its e back (hoping ->
 * hope, taking -> take, lived -> live); longer stems lose the e their
 * plain form had (closing -> clos, as close -> clos).
 */
static size_t restore_e(char *w, size_t n)
{
	size_t u = undouble(w, n);

	if (u != n)
		return u;
	if (n == 3 && !is_vowel(w[0]) && is_vowel(w[1]) && !is_vowel(w[2]) && w[2] != 'w' &&
	    w[2] != 'x' && w[2] != 'y') {
		w[3] = 'e';
		return 4;
	}
	return n;
}

/*
 * Irregular forms that the suffix rules cannot reach, as their plain form,
 * with the lengths of both (strlen of each entry, a word at a time, cost
 * about 1.5% of a line).
 */
#define IRREGULAR(form, st) form, st, sizeof(form) - 1, sizeof(st) - 1
static const struct {
	const char *form, *stem;
	size_t n_form, n_stem;
} irregular[] = {
	{ IRREGULAR("took", "take") },     { IRREGULAR("taken", "take") },
	{ IRREGULAR("woke", "wake") },     { IRREGULAR("woken", "wake") },
	{ IRREGULAR("slept", "sleep") },   { IRREGULAR("felt", "feel") },
	{ IRREGULAR("thought", "think") }, { IRREGULAR("went", "go") },
	{ IRREGULAR("gone", "go") },       { IRREGULAR("goes", "go") },
	{ IRREGULAR("gave", "give") },     { IRREGULAR("given", "give") },
	{ IRREGULAR("wrote", "write") },   { IRREGULAR("written", "write") },
	{ IRREGULAR("hung", "hang") },     { IRREGULAR("bought", "buy") },
	{ IRREGULAR("burnt", "burn") },    { IRREGULAR("lost", "lose") },
	{ IRREGULAR("told", "tell") },     { IRREGULAR("made", "make") },
	{ IRREGULAR("kept", "keep") },     { IRREGULAR("shot", "shoot") },
	{ IRREGULAR("fell", "fall") },     { IRREGULAR("hid", "hide") },
	{ IRREGULAR("drank", "drink") },   { IRREGULAR("meant", "mean") },
	{ IRREGULAR("sold", "sell") },     { IRREGULAR("ate", "eat") },
	{ IRREGULAR("swam", "swim") },     { IRREGULAR("bled", "bleed") },
	{ IRREGULAR("froze", "freeze") },  { IRREGULAR("held", "hold") },
};
#undef IRREGULAR

/*
 * A light stemmer for English (ASCII letters only; anything else is left
 * as it is).  It need not produce words, only the same stem for the forms
 * of one word: die, dies, died, dying -> die; hope, hoped, hoping -> hope;
 * cut, cuts, cutting -> cut; trapped -> trap; lives, living -> live;
 * overdose, overdosing -> overdos.  w (with room for one more byte) is
 * rewritten in place; returns the new length.
 */
static size_t stem(char *w, size_t n)
{
	size_t i;

	if (!lower_letters(w, n))
		return n;
	for (i = 0; n <= 7 && i < sizeof(irregular) / sizeof(irregular[0]); i++)
		if (irregular[i].form[0] == w[0] && irregular[i].n_form == n &&
		    memcmp(w, irregular[i].form, n) == 0) {
			n = irregular[i].n_stem;
			memcpy(w, irregular[i].stem, n);
			break;
		}
	if (n <= 3)
		return n;
	if (ends(w, n, "ies") || ends(w, n, "ied")) {
		if (n == 4) { /* dies, died -> die */
			n = 3;
			w[2] = 'e';
		} else { /* tries, tried -> try */
			n -= 2;
			w[n - 1] = 'y';
		}
		return n;
	}
	if (ends(w, n, "ying") && n == 5) { /* dying, lying -> die, lie */
		w[1] = 'i';
		w[2] = 'e';
		return 3;
	}
	if (ends(w, n, "ing") && n >= 6)
		return restore_e(w, n - 3);
	if (ends(w, n, "ed") && n >= 5 && w[n - 3] != 'e')
		return restore_e(w, n - 2);
	if (ends(w, n, "es") && n >= 5 &&
	    (ends(w, n - 2, "sh") || ends(w, n - 2, "ch") || ends(w, n - 2, "x") ||
	     ends(w, n - 2, "ss") || ends(w, n - 2, "z")))
		return n - 2;
	if (ends(w, n, "s") && !ends(w, n, "ss") && !ends(w, n, "us") && !ends(w, n, "is"))
		n -= 1;
	/* a final e goes from five letters up (suicide, overdose); four-letter
	 * words keep theirs, so that here is not her nor care car */
	if (n >= 5 && w[n - 1] == 'e')
		n--;
	return n;
}

/* ---- reading words ---- */

/*
 * The word reader: feeds each normalised word of a text to fn, with a flag
 * for a sentence (2) or clause (1) boundary before it.  Words longer than
 * MAX_WORD bytes are passed truncated with long_word set.  A styled letter
 * ("ｋ", "𝐤") is read as its plain letter.  With marks (a line, not the
 * lexicon), a word may also hold what disguises a letter (unmask.h): up to
 * three marks ("k*ll", "su!cide", "$elf") followed by a letter or digit,
 * and the '.', '-' or '_' between letters spelled out one by one
 * ("k.m.s"); fn is told so (disguised: such a joiner, or a digit beside a
 * letter) and reads them or splits the word where they stand.
 */
typedef void (*word_fn)(void *ctx, char *w, size_t n, bool long_word, int boundary, bool disguised,
			bool quoted);

static int boundary_of(unsigned char c)
{
	if (c == '.' || c == '!' || c == '?' || c == ';' || c == '\n')
		return 2;
	if (c == ',' || c == ':' || c == '(' || c == ')')
		return 1;
	return 0;
}

static bool is_spell_sep(unsigned char c)
{
	return c == '.' || c == '-' || c == '_';
}

/*
 * Could the token that goes on at s still fit a word of MAX_WORD bytes
 * after the n it has?  Every byte up to the next space or punctuation
 * that cannot join is counted (an over-count, never an under-count), at
 * most MAX_WORD of them.  A disguised word that would be cut short is
 * not joined, so its parts are read as they always were: joined and cut,
 * "uuu…uuu*kms" lost its "kms".
 */
static bool token_fits(const unsigned char *s, const unsigned char *end, size_t n)
{
	size_t k;

	for (k = 0; s + k < end && n + k < MAX_WORD; k++)
		if (!ascii_word(s[k]) && !unmask_is_mark(s[k]) && !is_spell_sep(s[k]) &&
		    s[k] < 0x80)
			return true;
	return n + k < MAX_WORD;
}

/*
 * How many bytes at s (ASCII, not a word character) join the word w[0..n)
 * as a disguise: a run of one to three marks before a letter or digit
 * ('$' and '@' may also start a word: "$elf", "$3lf"), or one separator of letters
 * spelled out one by one, when the whole token fits a word (token_fits).
 * 0: it separates words, as always.
 */
static size_t joins(const unsigned char *s, const unsigned char *end, const char *w, size_t n)
{
	size_t r = 0;

	if (unmask_is_mark(*s)) {
		if (n == 0 && *s != '$' && *s != '@')
			return 0;
		while (r < 4 && s + r < end && unmask_is_mark(s[r]))
			r++;
		if (r > 3 || s + r >= end || !ascii_word(s[r]) || (n == 0 && r > 1))
			return 0;
		return token_fits(s, end, n) ? r : 0;
	}
	if (is_spell_sep(*s) && n > 0 && !is_spell_sep((unsigned char)w[n - 1]) &&
	    (n == 1 || w[n - 2] == (char)*s) && s + 1 < end && ascii_word(s[1]) &&
	    (s + 2 >= end || (!ascii_word(s[2]) && !unmask_is_mark(s[2]))))
		return token_fits(s, end, n) ? 1 : 0;
	return 0;
}

/*
 * Quotation marks.  A double one (" “ ” „ « ») opens a quotation and the
 * next closes it; a single one (' ‘ ’) opens one only at a word's start and
 * closes it only at a word's end, so an apostrophe ("don't", "kids'") is
 * still read as none.  A quotation is one only when it closes on the line:
 * an opening mark with no close after it is read as none, so a stray quote
 * cannot make the rest of a line someone else's words (matcher_tier's
 * reading of them: on_word).  QUOTE_DOUBLE or QUOTE_SINGLE, its length in
 * *len, or 0.
 */
enum { QUOTE_DOUBLE = 1, QUOTE_SINGLE = 2 };

static int quote_mark(const unsigned char *s, const unsigned char *end, size_t *len)
{
	*len = 1;
	if (*s == '"')
		return QUOTE_DOUBLE;
	if (*s == '\'')
		return QUOTE_SINGLE;
	*len = 2;
	if (*s == 0xC2 && end - s >= 2 && (s[1] == 0xAB || s[1] == 0xBB)) /* « » */
		return QUOTE_DOUBLE;
	*len = 3;
	if (*s == 0xE2 && end - s >= 3 && s[1] == 0x80) {
		if (s[2] == 0x9C || s[2] == 0x9D || s[2] == 0x9E) /* “ ” „ */
			return QUOTE_DOUBLE;
		if (s[2] == 0x98 || s[2] == 0x99) /* ‘ ’ */
			return QUOTE_SINGLE;
	}
	return 0;
}

/* A single quote at s (len bytes) that ends a word: a word byte before it
 * and none after. */
static bool closes_word(const unsigned char *start, const unsigned char *s, size_t len,
			const unsigned char *end)
{
	return s > start && ascii_word(s[-1]) && (s + len >= end || !ascii_word(s[len]));
}

/* Is there a mark of kind q that closes a quotation after s? */
static bool quote_closes(const unsigned char *start, const unsigned char *s,
			 const unsigned char *end, int q)
{
	size_t len;

	for (; s < end; s++)
		if (quote_mark(s, end, &len) == q &&
		    (q == QUOTE_DOUBLE || closes_word(start, s, len, end)))
			return true;
	return false;
}

static void read_words(const char *text, size_t len, bool marks, word_fn fn, void *ctx)
{
	const unsigned char *s = (const unsigned char *)text, *end = s + len;
	char w[MAX_WORD + 4];
	size_t n = 0;
	bool long_word = false;
	int boundary = 0, pending_boundary = 0, open = 0, q;
	unsigned kinds = 0;           /* 1 a letter, 2 a digit, 4 a joiner: in the word so far */
	bool quoted = false;          /* the word began inside a quotation */
	bool unclosed[3] = { false }; /* no mark of this kind closes one after here */

	while (s < end) {
		size_t clen, r;
		enum char_class cls;
		char f = 0;

		if (ascii_word(*s)) { /* the common case: a run of ASCII letters and digits */
			if (n == 0) {
				boundary = pending_boundary;
				pending_boundary = 0;
				quoted = open != 0;
			}
			do {
				unsigned char c = *s++;
				if (c <= '9') {
					kinds |= 2;
				} else {
					kinds |= 1;
					c |= 0x20; /* A-Z to a-z */
				}
				if (n < MAX_WORD)
					w[n++] = (char)c;
				else
					long_word = true;
			} while (s < end && ascii_word(*s));
			continue;
		}
		/* "¡" between a letter or digit and another is a disguise's "!"
		 * ("k¡ll", "su¡c¡de": one key away on a Spanish or a phone
		 * keyboard); anywhere else ("¡hola!", "¡¡") it separates words */
		if (marks && n > 0 && end - s >= 3 && s[0] == 0xC2 && s[1] == 0xA1 &&
		    ascii_word(s[2]) && token_fits(s + 2, end, n + 1)) {
			w[n++] = '!';
			s += 2;
			kinds |= 4;
			continue;
		}
		if (marks && (q = quote_mark(s, end, &clen)) != 0) {
			const unsigned char *start = (const unsigned char *)text;
			if (open == q &&
			    (q == QUOTE_DOUBLE || (n > 0 && closes_word(start, s, clen, end)))) {
				open = 0;
			} else if (!open && !unclosed[q] &&
				   (q == QUOTE_DOUBLE ||
				    (n == 0 && s + clen < end && ascii_word(s[clen])))) {
				if (quote_closes(start, s + clen, end, q))
					open = q;
				else
					unclosed[q] = true;
			}
		}
		if (*s == '\0') { /* a NUL inside the answer reads as a space */
			cls = CH_SPACE;
			clen = 1;
		} else {
			/* classify() needs a NUL or a whole sequence: copy a short tail */
			unsigned char tmp[5] = { 0 };
			size_t k = (size_t)(end - s) < 4 ? (size_t)(end - s) : 4;
			memcpy(tmp, s, k);
			cls = classify(tmp, &clen);
			if (cls == CH_WORD && clen > 1)
				f = fancy_letter(tmp, clen);
		}
		if (cls == CH_SPACE && marks && (unmask_is_mark(*s) || is_spell_sep(*s)) &&
		    (r = joins(s, end, w, n)) > 0) {
			if (n == 0) {
				boundary = pending_boundary;
				pending_boundary = 0;
				quoted = open != 0;
			}
			memcpy(w + n, s, r);
			n += r;
			s += r;
			kinds |= 4;
			continue;
		}
		if (cls == CH_WORD) {
			size_t i;
			if (n == 0) {
				boundary = pending_boundary;
				pending_boundary = 0;
				quoted = open != 0;
			}
			for (i = 0; i < (f ? 1 : clen); i++) {
				unsigned char c = f ? (unsigned char)f : s[i];
				if (c >= 'A' && c <= 'Z')
					c = (unsigned char)(c - 'A' + 'a');
				kinds |= c >= '0' && c <= '9' ? 2U : 1U;
				if (n < MAX_WORD)
					w[n++] = (char)c;
				else
					long_word = true;
			}
		} else if (cls == CH_SPACE) {
			int b = boundary_of(*s);
			if (n > 0) {
				w[n] = '\0';
				fn(ctx, w, n, long_word, boundary, kinds >= 3, quoted);
				n = 0;
				long_word = false;
				kinds = 0;
			}
			if (b > pending_boundary)
				pending_boundary = b;
		}
		s += clen;
	}
	if (n > 0) {
		w[n] = '\0';
		fn(ctx, w, n, long_word, boundary, kinds >= 3, quoted);
	}
}

/* ---- building ---- */

static int concept_id(struct matcher *m, const char *name, size_t n, bool add)
{
	size_t id;
	char *copy;

	if (smap_get(&m->concept_map, name, n, &id))
		return (int)id;
	if (!add || m->n_concepts == MAX_CONCEPTS)
		return add ? -2 : -1;
	copy = malloc(n + 1);
	if (!copy)
		return -3;
	memcpy(copy, name, n);
	copy[n] = '\0';
	if (smap_put(&m->concept_map, copy, (size_t)m->n_concepts) < 0) {
		free(copy);
		return -3;
	}
	m->concepts[m->n_concepts] = copy;
	return m->n_concepts++;
}

/* A count of ten to 999: two or three digits, the first not 0. */
static bool is_count(const char *w, size_t n)
{
	size_t i;

	if (n < 2 || n > 3 || w[0] == '0')
		return false;
	for (i = 0; i < n; i++)
		if (w[i] < '0' || w[i] > '9')
			return false;
	return true;
}

/* The vocab id of a stem, adding it when add is set; NO_WORD when absent or no memory. */
static size_t vocab_id(struct matcher *m, const char *w, bool add, bool *oom)
{
	size_t v, n = strlen(w);

	if (smap_get(&m->vocab_map, w, n, &v))
		return v;
	if (!add)
		return NO_WORD;
	if (!grow((void **)&m->vocab, &m->cap_vocab, m->n_vocab, sizeof(*m->vocab)) ||
	    smap_put(&m->vocab_map, w, m->n_vocab) < 0) {
		*oom = true;
		return NO_WORD;
	}
	m->vocab[m->n_vocab].word = strdup(w);
	if (!m->vocab[m->n_vocab].word) {
		*oom = true;
		return NO_WORD;
	}
	memset(m->vocab[m->n_vocab].mask, 0, sizeof(m->vocab[m->n_vocab].mask));
	m->vocab[m->n_vocab].len = n;
	m->vocab[m->n_vocab].fuzzy_target = false;
	return m->n_vocab++;
}

/* Collects the stems of a lexicon string (after shorthand). */
struct stems {
	struct matcher *m;
	char words[MAX_PHRASE * 2][MAX_WORD + 1];
	size_t n;
	bool too_many, too_long;
};

static void put_stem(struct stems *st, const char *w, size_t n)
{
	if (st->n == sizeof(st->words) / sizeof(st->words[0])) {
		st->too_many = true;
		return;
	}
	memcpy(st->words[st->n], w, n);
	st->words[st->n][n] = '\0';
	st->n++;
}

/*
 * The shorthand entry for word w (as written, else by its stem), or
 * NO_WORD.  Either way w is left as its stem and *n its length.
 */
static size_t shorthand_of(const struct matcher *m, char *w, size_t *n)
{
	size_t k;

	if (m && smap_get(&m->short_map, w, *n, &k)) {
		*n = stem(w, *n);
		w[*n] = '\0';
		return k;
	}
	*n = stem(w, *n);
	w[*n] = '\0';
	if (m && smap_get(&m->short_stem_map, w, *n, &k))
		return k;
	return NO_WORD;
}

static void collect_word(void *ctx, char *w, size_t n, bool long_word, int boundary, bool disguised,
			 bool quoted)
{
	struct stems *st = ctx;
	size_t k;

	(void)boundary;
	(void)quoted;
	(void)disguised; /* the lexicon's own words are read with no marks */
	if (long_word) {
		st->too_long = true;
		return;
	}
	if ((k = shorthand_of(st->m, w, &n)) != NO_WORD) {
		size_t i;
		for (i = 0; i < st->m->shorts[k].n; i++)
			put_stem(st, st->m->shorts[k].words[i], strlen(st->m->shorts[k].words[i]));
		return;
	}
	put_stem(st, w, n);
}

/* msg holds one "%s", which stands for arg (the entry's text). */
static void fail(struct matcher_error *err, const char *field, size_t index, const char *msg,
		 const char *arg)
{
	const char *at = strstr(msg, "%s");

	if (!err)
		return;
	err->field = field;
	err->index = index;
	err->oom = false;
	snprintf(err->message, sizeof(err->message), "%.*s%s%s", (int)(at - msg), msg, arg, at + 2);
}

static int add_shorthand(struct matcher *m, const struct lexicon_pair *p, size_t index,
			 struct matcher_error *err)
{
	struct stems exp = { 0 };
	struct shorthand *sh;
	char key[MAX_WORD + 1], st[MAX_WORD + 1];
	size_t i, old, n;

	n = strlen(p->key) <= MAX_WORD ? safety_normalize(p->key, key, sizeof(key)) : (size_t)-1;
	read_words(p->value, strlen(p->value), false, collect_word, &exp);
	if (n == (size_t)-1 || n == 0 || strchr(key, ' ')) {
		fail(err, "shorthand", index, "shorthand '%s' must be one word", p->key);
		return -1;
	}
	if (exp.n == 0 || exp.n > MAX_EXPANSION || exp.too_long || exp.too_many) {
		fail(err, "shorthand", index, "shorthand '%s' must stand for one to four words",
		     p->key);
		return -1;
	}
	if (smap_get(&m->short_map, key, n, &old))
		return 0; /* the first (the floor's) wins */
	if (!grow((void **)&m->shorts, &m->cap_shorts, m->n_shorts, sizeof(*m->shorts)))
		return -2;
	sh = &m->shorts[m->n_shorts];
	memset(sh, 0, sizeof(*sh));
	for (i = 0; i < exp.n; i++) {
		sh->words[i] = strdup(exp.words[i]);
		if (!sh->words[i]) {
			while (i--) /* not counted yet: matcher_free() would not see them */
				free(sh->words[i]);
			return -2;
		}
		sh->n++;
	}
	m->n_shorts++;
	if (smap_put(&m->short_map, key, m->n_shorts - 1) < 0)
		return -2;
	memcpy(st, key, n + 1);
	n = stem(st, n);
	st[n] = '\0';
	if (n >= 5 && strcmp(st, key) != 0 && smap_put(&m->short_stem_map, st, m->n_shorts - 1) < 0)
		return -2;
	return 0;
}

static uint64_t pair_key(size_t last, size_t before)
{
	return (uint64_t)last << 32 | (uint64_t)(before & 0xffffffffu);
}

/* The slot of key, or of the free slot where it would go. */
static size_t pair_slot(const struct matcher *m, uint64_t key)
{
	size_t i = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 32) & (m->pair_cap - 1);

	while (m->pair_keys[i] != PAIR_EMPTY && m->pair_keys[i] != key)
		i = (i + 1) & (m->pair_cap - 1);
	return i;
}

/* The first phrase ending in (before, last), or NO_WORD. */
static size_t pair_head(const struct matcher *m, size_t last, size_t before)
{
	size_t i;

	if (m->pair_cap == 0)
		return NO_WORD;
	i = pair_slot(m, pair_key(last, before));
	return m->pair_keys[i] == PAIR_EMPTY ? NO_WORD : m->pair_heads[i];
}

/* The head slot for key, added if new; NULL on no memory. */
static size_t *pair_head_slot(struct matcher *m, uint64_t key)
{
	size_t i;

	if ((m->n_pairs + 1) * 2 > m->pair_cap) {
		struct matcher g = { 0 };
		size_t k;
		g.pair_cap = m->pair_cap ? m->pair_cap * 2 : 256;
		g.pair_keys = malloc(g.pair_cap * sizeof(*g.pair_keys));
		g.pair_heads = malloc(g.pair_cap * sizeof(*g.pair_heads));
		if (!g.pair_keys || !g.pair_heads) {
			free(g.pair_keys);
			free(g.pair_heads);
			return NULL;
		}
		for (k = 0; k < g.pair_cap; k++)
			g.pair_keys[k] = PAIR_EMPTY;
		for (k = 0; k < m->pair_cap; k++)
			if (m->pair_keys[k] != PAIR_EMPTY) {
				i = pair_slot(&g, m->pair_keys[k]);
				g.pair_keys[i] = m->pair_keys[k];
				g.pair_heads[i] = m->pair_heads[k];
			}
		free(m->pair_keys);
		free(m->pair_heads);
		m->pair_keys = g.pair_keys;
		m->pair_heads = g.pair_heads;
		m->pair_cap = g.pair_cap;
	}
	i = pair_slot(m, key);
	if (m->pair_keys[i] == PAIR_EMPTY) {
		m->pair_keys[i] = key;
		m->pair_heads[i] = NO_WORD;
		m->n_pairs++;
	}
	return &m->pair_heads[i];
}

static int add_term(struct matcher *m, const char *concept, const char *text, size_t index,
		    const char *field, struct matcher_error *err)
{
	struct stems st = { 0 };
	struct phrase *p;
	size_t i, v, j, *head;
	bool oom = false;
	int c;

	c = concept_id(m, concept, strlen(concept), true);
	if (c == -2) {
		fail(err, field, index, "too many concepts (at most 192); '%s' is one too many",
		     concept);
		return -1;
	}
	if (c < 0)
		return -2;
	st.m = m;
	read_words(text, strlen(text), false, collect_word, &st);
	if (st.n == 0 || st.n > MAX_PHRASE || st.too_long || st.too_many) {
		fail(
		    err, field, index,
		    "phrase '%s' must have one to eight words (after shorthand) of at most 32 letters",
		    text);
		return -1;
	}
	if (st.n == 1) {
		v = vocab_id(m, st.words[0], true, &oom);
		if (oom)
			return -2;
		m->vocab[v].mask[c / 64] |= (uint64_t)1 << (c % 64);
		return 0;
	}
	if (!grow((void **)&m->phrases, &m->cap_phrases, m->n_phrases, sizeof(*m->phrases)))
		return -2;
	p = &m->phrases[m->n_phrases];
	p->n = st.n;
	p->concept = c;
	for (i = 0; i < st.n; i++) {
		p->words[i] = vocab_id(m, st.words[i], true, &oom);
		if (oom)
			return -2;
	}
	head = pair_head_slot(m, pair_key(p->words[st.n - 1], p->words[st.n - 2]));
	if (!head)
		return -2;
	/* the same phrase twice is one phrase */
	for (j = *head; j != NO_WORD; j = m->phrases[j].next)
		if (m->phrases[j].n == p->n && m->phrases[j].concept == c &&
		    memcmp(m->phrases[j].words, p->words, p->n * sizeof(p->words[0])) == 0)
			return 0;
	p->next = *head;
	*head = m->n_phrases++;
	return 0;
}

/* Skip spaces; then the next word of s (letters, digits, '-', '_') in *w, *n. */
static const char *next_token(const char *s, const char **w, size_t *n)
{
	while (*s == ' ' || *s == '\t' || *s == '+' || *s == ',')
		s++;
	*w = s;
	while (*s && *s != ' ' && *s != '\t' && *s != ':' && *s != '+' && *s != ',')
		s++;
	*n = (size_t)(s - *w);
	return s;
}

static bool token_is(const char *w, size_t n, const char *lit)
{
	return strlen(lit) == n && memcmp(w, lit, n) == 0;
}

static bool parse_tier(const char *w, size_t n, enum crisis_tier *t)
{
	if (token_is(w, n, "high"))
		*t = CRISIS_HIGH;
	else if (token_is(w, n, "medium"))
		*t = CRISIS_MEDIUM;
	else if (token_is(w, n, "none"))
		*t = CRISIS_NONE;
	else
		return false;
	return true;
}

static bool parse_number(const char *w, size_t n, int *out)
{
	size_t i;
	int v = 0;

	if (n == 0 || n > 2)
		return false;
	for (i = 0; i < n; i++) {
		if (w[i] < '0' || w[i] > '9')
			return false;
		v = v * 10 + (w[i] - '0');
	}
	*out = v;
	return true;
}

/* parse_head()'s answer when memory ran out: not a syntax error (-2, never -1). */
static const char head_oom[1];

/* "TIER ID:" — the part every rule and modifier starts with.  Returns the rest, NULL, or head_oom. */
static const char *parse_head(const char *s, enum crisis_tier *tier, char **id)
{
	const char *w;
	size_t n;

	s = next_token(s, &w, &n);
	if (!parse_tier(w, n, tier))
		return NULL;
	s = next_token(s, &w, &n);
	if (n == 0 || *s != ':')
		return NULL;
	*id = malloc(n + 1);
	if (!*id)
		return head_oom;
	memcpy(*id, w, n);
	(*id)[n] = '\0';
	return s + 1;
}

static int rule_index(const struct matcher *m, const char *w, size_t n, size_t *out)
{
	size_t i;

	for (i = 0; i < m->n_rules; i++)
		if (token_is(w, n, m->rules[i].id)) {
			*out = i;
			return 0;
		}
	return -1;
}

static int add_rule(struct matcher *m, const char *text, size_t index, struct matcher_error *err)
{
	struct rule r = { 0 };
	const char *s, *w;
	size_t n;

	if (smap_get(&m->seen, text, strlen(text), &n))
		return 0; /* the same rule again (content repeating the floor) */
	if (smap_put(&m->seen, text, 0) < 0)
		return -2;
	r.window = 3;
	s = parse_head(text, &r.tier, &r.id);
	if (s == head_oom)
		return -2;
	if (!s || r.tier == CRISIS_NONE) {
		free(r.id);
		fail(err, "rules", index,
		     "rule '%s' must read 'high|medium ID: CONCEPT... [within N]'", text);
		return -1;
	}
	for (;;) {
		int c;
		s = next_token(s, &w, &n);
		if (n == 0)
			break;
		if (token_is(w, n, "within")) {
			s = next_token(s, &w, &n);
			bool ok = parse_number(w, n, &r.window);
			next_token(s, &w, &n);
			if (!ok || n != 0) {
				free(r.id);
				fail(
				    err, "rules", index,
				    "rule '%s': 'within' takes a number of words (0 to 99) and ends the rule",
				    text);
				return -1;
			}
			break;
		}
		c = concept_id(m, w, n, false);
		if (c < 0 || r.n == MAX_SEQ) {
			free(r.id);
			fail(err, "rules", index,
			     c < 0 ? "rule '%s' names a concept the lexicon does not have"
				   : "rule '%s' has more than four concepts",
			     text);
			return -1;
		}
		r.seq[r.n++] = c;
	}
	if (r.n == 0 || rule_index(m, r.id, strlen(r.id), &n) == 0) {
		fail(err, "rules", index,
		     r.n == 0 ? "rule '%s' names no concept"
			      : "rule '%s' has the id of another rule",
		     text);
		free(r.id);
		return -1;
	}
	if (!grow((void **)&m->rules, &m->cap_rules, m->n_rules, sizeof(*m->rules))) {
		free(r.id);
		return -2;
	}
	m->rules[m->n_rules++] = r;
	return 0;
}

static int add_modifier(struct matcher *m, const char *text, size_t index,
			struct matcher_error *err)
{
	struct modifier md = { 0 };
	const char *s, *w;
	char *id = NULL;
	size_t n, ri;
	int num;

	if (smap_get(&m->seen, text, strlen(text), &n))
		return 0; /* the same modifier again */
	if (smap_put(&m->seen, text, 0) < 0)
		return -2;
	md.before = md.after = -1; /* not a before or after modifier */
	s = parse_head(text, &md.tier, &id);
	free(id);
	if (s == head_oom)
		return -2;
	if (!s || md.tier == CRISIS_HIGH)
		goto syntax;
	s = next_token(s, &w, &n);
	md.concept = concept_id(m, w, n, false);
	if (md.concept < 0)
		goto unknown;
	s = next_token(s, &w, &n);
	if (token_is(w, n, "inside")) {
		md.inside = true;
	} else if (token_is(w, n, "before") || token_is(w, n, "after")) {
		bool before = w[0] == 'b';
		s = next_token(s, &w, &n);
		if (!parse_number(w, n, &num))
			goto syntax;
		if (before)
			md.before = num;
		else
			md.after = num;
	} else {
		goto syntax;
	}
	for (;;) {
		s = next_token(s, &w, &n);
		if (n == 0)
			break;
		if (token_is(w, n, "unless")) {
			/* one concept or more, up to the next keyword */
			if (md.n_unless)
				goto syntax_applies;
			for (;;) {
				const char *save = s;
				int c;
				s = next_token(s, &w, &n);
				if (n == 0 || token_is(w, n, "across") || token_is(w, n, "for") ||
				    token_is(w, n, "except")) {
					s = save;
					break;
				}
				if (md.n_unless == MAX_UNLESS)
					goto syntax_applies;
				c = concept_id(m, w, n, false);
				if (c < 0) {
					free(md.applies);
					goto unknown;
				}
				md.unless[md.n_unless++] = c;
			}
			if (!md.n_unless)
				goto syntax_applies;
		} else if (token_is(w, n, "across")) {
			md.across = true;
		} else if ((token_is(w, n, "for") || token_is(w, n, "except")) && !md.applies) {
			/* for: only these rules; except: every rule but these */
			bool except = w[0] == 'e';
			md.applies = malloc(m->n_rules ? m->n_rules : 1);
			if (!md.applies)
				return -2;
			memset(md.applies, except, m->n_rules ? m->n_rules : 1);
			md.named = !except;
			for (;;) {
				const char *save = s;
				s = next_token(s, &w, &n);
				if (n == 0 || token_is(w, n, "unless")) {
					s = save;
					break;
				}
				if (rule_index(m, w, n, &ri) < 0) {
					free(md.applies);
					fail(err, "modifiers", index,
					     "modifier '%s' names a rule the lexicon does not have",
					     text);
					return -1;
				}
				md.applies[ri] = !except;
			}
		} else {
			goto syntax_applies;
		}
	}
	if (md.tier == CRISIS_NONE && !md.named) {
		free(md.applies); /* an `except` list */
		fail(
		    err, "modifiers", index,
		    "modifier '%s' silences every rule: a 'none' modifier must name its rules with 'for'",
		    text);
		return -1;
	}
	if (!grow((void **)&m->mods, &m->cap_mods, m->n_mods, sizeof(*m->mods))) {
		free(md.applies);
		return -2;
	}
	m->mods[m->n_mods++] = md;
	return 0;
syntax_applies:
	free(md.applies);
syntax:
	fail(
	    err, "modifiers", index,
	    "modifier '%s' must read 'medium|none ID: CONCEPT before N|after N|inside [unless CONCEPT...] [across] [for|except RULE...]'",
	    text);
	return -1;
unknown:
	fail(err, "modifiers", index, "modifier '%s' names a concept the lexicon does not have",
	     text);
	return -1;
}

/* ---- weights ---- */

#define MAX_FEATURE (2 * MAX_WORD + 16) /* "concepts NAME NAME", "pair WORD WORD", "WORD  WORD" */
#define NO_SENTENCE (-10L)

/* A decimal "-1.25": at most three digits before the point; false if it is not one. */
static bool parse_weight(const char *w, size_t n, double *out)
{
	double v = 0, scale = 1;
	size_t i = 0, digits = 0, before = 0;
	bool neg = false, point = false;

	if (i < n && w[i] == '-') {
		neg = true;
		i++;
	}
	for (; i < n; i++) {
		if (w[i] == '.' && !point) {
			point = true;
			continue;
		}
		if (w[i] < '0' || w[i] > '9' || (!point && ++before > 3))
			return false;
		digits++;
		if (point)
			scale /= 10;
		v = v * 10 + (w[i] - '0');
	}
	if (digits == 0 || w[n - 1] == '.')
		return false;
	*out = (neg ? -v : v) * scale;
	return true;
}

/* The entry of word w (n bytes) in winfo, made when missing; NULL: no memory. */
static struct winfo *winfo_of(struct matcher *m, const char *w, size_t n)
{
	char word[MAX_WORD + 1];
	size_t i;

	if (smap_get(&m->word_map, w, n, &i))
		return &m->winfo[i];
	memcpy(word, w, n);
	word[n] = '\0';
	if (!grow((void **)&m->winfo, &m->cap_winfo, m->n_winfo, sizeof(*m->winfo)) ||
	    smap_put(&m->word_map, word, m->n_winfo) < 0)
		return NULL;
	m->winfo[m->n_winfo] = (struct winfo){ NO_WEIGHT, false, false, false, false };
	return &m->winfo[m->n_winfo++];
}

/*
 * One entry of "unweighted": a concept the weights do not read.  It is no
 * feature of its own, and the concepts either side of it make their pair
 * as if it were not there, so a concept that only says where a modifier
 * stops (neg-closed: "no i want to die") moves no weighted score.
 */
static int add_unweighted(struct matcher *m, const char *text, size_t index,
			  struct matcher_error *err)
{
	const char *w, *rest;
	size_t n;
	int c;

	rest = next_token(text, &w, &n);
	while (*rest == ' ' || *rest == '\t')
		rest++;
	if (n == 0 || *rest)
		goto syntax;
	c = concept_id(m, w, n, false);
	if (c < 0) {
		fail(err, "unweighted", index,
		     "unweighted '%s' names a concept the lexicon does not have", text);
		return -1;
	}
	m->unweighted[c] = true;
	return 0;
syntax:
	fail(err, "unweighted", index, "unweighted '%s' must be one concept's name", text);
	return -1;
}

/*
 * One entry of "weights": "bias B", "medium-at T", "none-below T", or a
 * feature and its weight: "word STEM W", "pair STEM STEM W", "concept NAME
 * W", "concepts NAME NAME W" (two concepts one after the other), "skip STEM
 * STEM W" (two stems with one word between: "want [to] die").  Only the
 * first lexicon's weights are kept (use); a later one's are only checked.
 */
static int add_weight(struct matcher *m, const char *text, size_t index, bool use,
		      struct matcher_error *err)
{
	enum {
		BIAS,
		MEDIUM_AT,
		NONE_BELOW,
		HIGH_BELOW,
		SILENCED_AT,
		LOWERED_BELOW,
		WORD,
		PAIR,
		CONCEPT,
		CONCEPTS,
		SKIP
	};
	static const struct {
		const char *kind;
		int words; /* 1: stems; 2: concepts */
		int n;     /* 0: a number of the model's own (bias, thresholds) */
	} kinds[] = {
		[BIAS] = { "bias", 0, 0 },
		[MEDIUM_AT] = { "medium-at", 0, 0 },
		[NONE_BELOW] = { "none-below", 0, 0 },
		[HIGH_BELOW] = { "high-below", 0, 0 },
		[SILENCED_AT] = { "silenced-at", 0, 0 },
		[LOWERED_BELOW] = { "lowered-below", 0, 0 },
		[WORD] = { "word", 1, 1 },
		[PAIR] = { "pair", 1, 2 },
		[CONCEPT] = { "concept", 2, 1 },
		[CONCEPTS] = { "concepts", 2, 2 },
		[SKIP] = { "skip", 1, 2 },
	};
	const char *tok[4];
	size_t len[4], nt = 0, k, i;
	const char *s = text;
	double w;

	while (*s) {
		while (*s == ' ')
			s++;
		if (!*s)
			break;
		if (nt == 4)
			goto syntax;
		tok[nt] = s;
		while (*s && *s != ' ')
			s++;
		len[nt] = (size_t)(s - tok[nt]);
		nt++;
	}
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
		if (nt > 0 && token_is(tok[0], len[0], kinds[k].kind))
			break;
	if (k == sizeof(kinds) / sizeof(kinds[0]) || nt != (size_t)kinds[k].n + 2 ||
	    !parse_weight(tok[nt - 1], len[nt - 1], &w))
		goto syntax;
	for (i = 1; i + 1 < nt; i++) {
		size_t j;
		if (len[i] > MAX_WORD)
			goto syntax;
		if (kinds[k].words == 2) {
			int c = concept_id(m, tok[i], len[i], false);
			if (c < 0) {
				fail(err, "weights", index,
				     "weight '%s' names a concept the lexicon does not have", text);
				return -1;
			}
			if (m->unweighted[c]) {
				fail(err, "weights", index,
				     "weight '%s' names a concept the lexicon marks unweighted",
				     text);
				return -1;
			}
			continue;
		}
		for (j = 0; j < len[i]; j++)
			if ((unsigned char)tok[i][j] < 0x80 &&
			    (!ascii_word((unsigned char)tok[i][j]) ||
			     (tok[i][j] >= 'A' && tok[i][j] <= 'Z')))
				goto syntax; /* words are read lowercase; other letters as they are */
	}
	if (!use)
		return 0;
	switch (k) {
	case BIAS:
		m->bias = w;
		m->has_model = true;
		return 0;
	case MEDIUM_AT: m->medium_at = w; return 0;
	case NONE_BELOW: m->none_below = w; return 0;
	case HIGH_BELOW:
		m->high_below = w;
		m->has_high_below = true;
		return 0;
	case SILENCED_AT:
		m->silenced_at = w;
		m->has_silenced_at = true;
		return 0;
	case LOWERED_BELOW:
		m->lowered_below = w;
		m->has_lowered_below = true;
		return 0;
	default: break;
	}
	if (m->n_weights >= NO_WEIGHT - 1)
		return -2;
	if (kinds[k].words == 2) {
		/* concepts: by id */
		int a = concept_id(m, tok[1], len[1], false);
		int b = nt == 4 ? concept_id(m, tok[2], len[2], false) : -1;
		uint32_t *slot;
		if (b < 0) {
			slot = &m->concept_weight[a];
		} else {
			if (!m->concepts_weight) {
				size_t c, nc = (size_t)MAX_CONCEPTS * MAX_CONCEPTS;
				m->concepts_weight = malloc(nc * sizeof(*m->concepts_weight));
				if (!m->concepts_weight)
					return -2;
				for (c = 0; c < nc; c++)
					m->concepts_weight[c] = NO_WEIGHT;
			}
			slot = &m->concepts_weight[(size_t)a * MAX_CONCEPTS + (size_t)b];
		}
		if (*slot != NO_WEIGHT)
			goto twice;
		*slot = (uint32_t)m->n_weights;
	} else if (nt == 3) {
		/* a word: its entry says so */
		struct winfo *x = winfo_of(m, tok[1], len[1]);
		if (!x)
			return -2;
		if (x->weight != NO_WEIGHT)
			goto twice;
		x->weight = (uint32_t)m->n_weights;
	} else {
		/* a pair "want die" (or a skip): by its words' entries, each of
		 * which knows its side */
		bool skip = k == SKIP;
		struct winfo *a, *b;
		size_t ia;
		int rc;
		if (!(a = winfo_of(m, tok[1], len[1])))
			return -2;
		ia = (size_t)(a - m->winfo);
		if (!(b = winfo_of(m, tok[2], len[2])))
			return -2;
		rc = pmap_put(&m->pair_map, weight_pair_key(ia, (size_t)(b - m->winfo), skip),
			      (uint32_t)m->n_weights);
		if (rc < 0)
			return -2;
		if (rc > 0)
			goto twice;
		a = &m->winfo[ia]; /* b's entry may have moved the array */
		*(skip ? &a->skip_first : &a->first) = true;
		*(skip ? &b->skip_second : &b->second) = true;
	}
	if (!grow((void **)&m->weights, &m->cap_weights, m->n_weights, sizeof(*m->weights)))
		return -2;
	m->weights[m->n_weights++] = (float)w;
	return 0;
twice:
	fail(err, "weights", index, "weight '%s' gives a feature a second weight", text);
	return -1;
syntax:
	fail(
	    err, "weights", index,
	    "weight '%s' must read 'bias|medium-at|none-below|high-below|silenced-at|lowered-below N', 'word|concept X N' or 'pair|skip|concepts X Y N'",
	    text);
	return -1;
}

/* Every one-letter deletion of the fuzzy targets, for one-edit look-ups. */
static int index_deletions(struct matcher *m)
{
	size_t v, i;
	char buf[MAX_WORD + 1];

	for (v = 0; v < m->n_vocab; v++) {
		const char *w = m->vocab[v].word;
		if (m->vocab[v].len < 5)
			continue;
		if (!lower_letters(w, m->vocab[v].len))
			continue;
		m->vocab[v].fuzzy_target = true;
		for (i = 1; i < m->vocab[v].len; i++) { /* the first letter stays */
			size_t head, slot;
			memcpy(buf, w, i);
			memcpy(buf + i, w + i + 1, m->vocab[v].len - i);
			if (!grow((void **)&m->dels, &m->cap_del, m->n_del, sizeof(*m->dels)))
				return -2;
			slot = m->n_del;
			m->dels[slot].vocab = v;
			m->dels[slot].next = NO_WORD;
			if (smap_get(&m->del_map, buf, strlen(buf), &head)) {
				m->dels[slot].next = m->dels[head].next;
				m->dels[head].next = slot;
			} else if (smap_put(&m->del_map, buf, slot) < 0) {
				return -2;
			}
			m->n_del++;
		}
	}
	return 0;
}

static void feeds_free(struct matcher *m)
{
	int c;

	for (c = 0; c < MAX_CONCEPTS; c++) {
		free(m->feeds[c]);
		m->feeds[c] = NULL;
		m->n_feeds[c] = 0;
	}
}

/* For each concept, the (rule, element) pairs it feeds, last element first. */
static int index_feeds(struct matcher *m)
{
	size_t r;
	int j, c;

	for (r = 0; r < m->n_rules; r++)
		for (j = 0; j < m->rules[r].n; j++)
			m->n_feeds[m->rules[r].seq[j]]++;
	for (c = 0; c < m->n_concepts; c++) {
		m->feeds[c] = calloc(m->n_feeds[c] ? m->n_feeds[c] : 1, sizeof(*m->feeds[c]));
		if (!m->feeds[c])
			return -2;
		m->n_feeds[c] = 0;
	}
	for (r = 0; r < m->n_rules; r++)
		for (j = m->rules[r].n - 1; j >= 0; j--) {
			c = m->rules[r].seq[j];
			m->feeds[c][m->n_feeds[c]++] = (struct feed){ r, j };
		}
	for (r = 0; r < m->n_mods; r++) {
		size_t k;
		if (m->mods[r].after > m->max_after)
			m->max_after = m->mods[r].after;
		for (k = 0; m->mods[r].after >= 0 && k < m->n_rules; k++)
			if (!m->mods[r].applies || m->mods[r].applies[k])
				m->rules[k].has_after = true;
	}
	return 0;
}

void matcher_free(struct matcher *m)
{
	size_t i, j;
	int c;

	if (!m)
		return;
	for (c = 0; c < m->n_concepts; c++)
		free(m->concepts[c]);
	smap_free(&m->vocab_map);
	smap_free(&m->del_map);
	smap_free(&m->short_map);
	smap_free(&m->short_stem_map);
	smap_free(&m->seen);
	free(m->pair_map.keys);
	free(m->pair_map.vals);
	smap_free(&m->word_map);
	smap_free(&m->own_map);
	free(m->own);
	smap_free(&m->concept_map);
	free(m->winfo);
	free(m->concepts_weight);
	free(m->weights);
	for (i = 0; i < m->n_vocab; i++)
		free(m->vocab[i].word);
	free(m->vocab);
	free(m->dels);
	free(m->phrases);
	free(m->strong_floor);
	free(m->pair_keys);
	free(m->pair_heads);
	for (i = 0; i < m->n_shorts; i++)
		for (j = 0; j < m->shorts[i].n; j++)
			free(m->shorts[i].words[j]);
	free(m->shorts);
	for (i = 0; i < m->n_rules; i++)
		free(m->rules[i].id);
	free(m->rules);
	for (i = 0; i < m->n_mods; i++)
		free(m->mods[i].applies);
	free(m->mods);
	feeds_free(m);
	free(m);
}

#define STRONG "strong-phrase"

static int strong_floors(struct matcher *m, const struct lexicon *first);
static int index_own(struct matcher *m);

/*
 * Lexicons are added in passes so that a later lexicon can use what an
 * earlier one defined: shorthand first (it shapes how phrases are read),
 * then every concept's phrases, then rules, then modifiers.
 */
static int build(struct matcher *m, const struct lexicon *const *lex, size_t n,
		 struct matcher_error *err)
{
	size_t i, j, k;
	int rc = 0;

	m->strong_concept = -1;
	m->count_word = NO_WORD;
	for (i = 0; i < n && rc == 0; i++)
		for (k = 0; k < lex[i]->n_shorthand && rc == 0; k++)
			rc = add_shorthand(m, &lex[i]->shorthand[k], k, err);
	for (i = 0; i < n && rc == 0; i++) {
		for (k = 0; k < lex[i]->n_terms && rc == 0; k++)
			rc = add_term(m, lex[i]->terms[k].key, lex[i]->terms[k].value, k,
				      "concepts", err);
		for (k = 0; k < lex[i]->n_phrases && rc == 0; k++)
			rc = add_term(m, STRONG, lex[i]->phrases[k], k, "phrases", err);
		if (rc < 0 && err)
			err->source = i;
		if (i == 0)
			m->n_phrases_weighed = m->n_phrases;
	}
	/* two concepts of no words, read where a line begins and ends */
	if (rc == 0) {
		m->line_start = concept_id(m, "line-start", 10, true);
		m->line_end = concept_id(m, "line-end", 8, true);
		if (m->line_start == -2 || m->line_end == -2) {
			fail(err, "concepts", 0, "too many concepts (at most 192) to add '%s'",
			     "line-start");
			rc = -1;
		} else if (m->line_start < 0 || m->line_end < 0) {
			rc = -2;
		}
	}
	m->strong_rule = NO_WORD;
	if (rc == 0 && concept_id(m, STRONG, strlen(STRONG), false) >= 0) {
		const char line[] = "high " STRONG ": " STRONG;
		m->strong_concept = concept_id(m, STRONG, strlen(STRONG), false);
		m->strong_rule = m->n_rules;
		rc = add_rule(m, line, 0, err);
	}
	for (i = 0; i < n && rc == 0; i++) {
		for (k = 0; k < lex[i]->n_rules && rc == 0; k++)
			rc = add_rule(m, lex[i]->rules[k], k, err);
		if (rc < 0 && err)
			err->source = i;
		if (i == 0)
			m->n_weighed = m->n_rules;
	}
	for (i = 0; i < n && rc == 0; i++) {
		for (k = 0; k < lex[i]->n_modifiers && rc == 0; k++)
			rc = add_modifier(m, lex[i]->modifiers[k], k, err);
		if (rc < 0 && err)
			err->source = i;
	}
	for (i = 0; i < n && rc == 0; i++) {
		for (k = 0; k < lex[i]->n_unweighted && rc == 0; k++)
			rc = add_unweighted(m, lex[i]->unweighted[k], k, err);
		if (rc < 0 && err)
			err->source = i;
	}
	for (i = 0; i < n && rc == 0; i++) {
		for (k = 0; k < lex[i]->n_weights && rc == 0; k++)
			rc = add_weight(m, lex[i]->weights[k], k, i == 0, err);
		if (rc < 0 && err)
			err->source = i;
	}
	if (rc == 0 && m->n_weights && !m->has_model) {
		fail(err, "weights", 0, "weights need a '%s' entry", "bias");
		rc = -1;
	}
	if (rc == 0)
		rc = index_deletions(m);
	if (rc == 0)
		rc = index_feeds(m);
	if (rc == 0) /* a lexicon word's weights, found once here, not once a line */
		for (k = 0; k < m->n_vocab; k++)
			if (!smap_get(&m->word_map, m->vocab[k].word, m->vocab[k].len,
				      &m->vocab[k].wi))
				m->vocab[k].wi = NO_WORD;
	m->brk = concept_id(m, "break", 5, false);
	m->third = concept_id(m, "third", 5, false);
	m->quote_by = concept_id(m, "quote-by", 8, false);
	m->i_subject = concept_id(m, "i-subject", 9, false);
	m->means = concept_id(m, "means", 5, false);
	/* "00" stands for every count of ten to 999 (on_stem); a count that is
	 * a word of the lexicon itself ("72 hour hold", "until 10") keeps its
	 * own phrases and is read as a count too */
	if (smap_get(&m->vocab_map, "00", 2, &k)) {
		m->count_word = k;
		for (i = 0; i < m->n_vocab; i++)
			if (is_count(m->vocab[i].word, m->vocab[i].len))
				for (j = 0; j < MASK_WORDS; j++)
					m->vocab[i].mask[j] |= m->vocab[k].mask[j];
	}
	if (rc == 0)
		rc = index_own(m);
	if (rc == 0 && n) /* last: it reads lines, with everything above in place */
		rc = strong_floors(m, lex[0]);
	if (rc == -2 && err) {
		err->oom = true;
		err->field = "";
		snprintf(err->message, sizeof(err->message), "out of memory");
	}
	return rc;
}

struct matcher *matcher_new_bare(const struct lexicon *const *lex, size_t n,
				 struct matcher_error *err)
{
	struct matcher *m = calloc(1, sizeof(*m));
	size_t i;

	if (err)
		memset(err, 0, sizeof(*err));
	if (!m) {
		if (err) {
			err->oom = true;
			err->field = "";
			snprintf(err->message, sizeof(err->message), "out of memory");
		}
		return NULL;
	}
	for (i = 0; i < MAX_CONCEPTS; i++)
		m->concept_weight[i] = NO_WEIGHT;
	if (build(m, lex, n, err) < 0) {
		matcher_free(m);
		return NULL;
	}
	return m;
}

static struct lexicon builtin;
static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;

/* The next packed string of the built-in lexicon's text. */
static const char *unpack(const char **p)
{
	const char *s = *p;

	*p += strlen(s) + 1;
	return s;
}

/* Make the built-in lexicon readable from its packed text, once (lexicon.h says why). */
static void builtin_make(void)
{
	const struct lexicon_text *t = &content_builtin_lexicon_text;
	const char *p = t->text;
	const char **s = t->strs;
	struct lexicon_pair *v = t->pairs;
	size_t i;

	if (!p)
		return; /* gencontent's own build: no built-in lexicon yet */
	/* each list ends with a NULL, as the loader's do */
	builtin.phrases = s;
	builtin.n_phrases = t->n_phrases;
	for (i = 0; i < t->n_phrases; i++)
		*s++ = unpack(&p);
	*s++ = NULL;
	builtin.shorthand = v;
	builtin.n_shorthand = t->n_shorthand;
	for (i = 0; i < t->n_shorthand; i++, v++) {
		v->key = unpack(&p);
		v->value = unpack(&p);
	}
	*v++ = (struct lexicon_pair){ NULL, NULL };
	builtin.terms = v;
	builtin.n_terms = t->n_terms;
	for (i = 0; i < t->n_terms; i++, v++) {
		v->key = unpack(&p);
		v->value = unpack(&p);
	}
	*v = (struct lexicon_pair){ NULL, NULL };
	builtin.rules = s;
	builtin.n_rules = t->n_rules;
	for (i = 0; i < t->n_rules; i++)
		*s++ = unpack(&p);
	*s++ = NULL;
	builtin.modifiers = s;
	builtin.n_modifiers = t->n_modifiers;
	for (i = 0; i < t->n_modifiers; i++)
		*s++ = unpack(&p);
	*s++ = NULL;
	builtin.unweighted = s;
	builtin.n_unweighted = t->n_unweighted;
	for (i = 0; i < t->n_unweighted; i++)
		*s++ = unpack(&p);
	*s++ = NULL;
	builtin.weights = s;
	builtin.n_weights = t->n_weights;
	for (i = 0; i < t->n_weights; i++)
		*s++ = unpack(&p);
	*s = NULL;
}

const struct lexicon *matcher_builtin_lexicon(void)
{
	pthread_once(&builtin_once, builtin_make);
	return &builtin;
}

static bool same_strs(const char *const *a, size_t na, const char *const *b, size_t nb)
{
	size_t i;

	if (na != nb)
		return false;
	for (i = 0; i < na; i++)
		if (strcmp(a[i], b[i]) != 0)
			return false;
	return true;
}

static bool same_pairs(const struct lexicon_pair *a, size_t na, const struct lexicon_pair *b,
		       size_t nb)
{
	size_t i;

	if (na != nb)
		return false;
	for (i = 0; i < na; i++)
		if (strcmp(a[i].key, b[i].key) != 0 || strcmp(a[i].value, b[i].value) != 0)
			return false;
	return true;
}

/*
 * Each list of lex as the built-in lexicon has it, entry for entry and in
 * the same order; its weights either none (content/safety.json has none:
 * the binary's come from tools/crisis-weights.json) or the built-in's.  A
 * few thousand string compares, against a build of tens of milliseconds.
 */
bool matcher_lexicon_is_builtin(const struct lexicon *lex)
{
	const struct lexicon *b = matcher_builtin_lexicon();

	return lex == b ||
	       (same_strs(lex->phrases, lex->n_phrases, b->phrases, b->n_phrases) &&
		same_pairs(lex->shorthand, lex->n_shorthand, b->shorthand, b->n_shorthand) &&
		same_pairs(lex->terms, lex->n_terms, b->terms, b->n_terms) &&
		same_strs(lex->rules, lex->n_rules, b->rules, b->n_rules) &&
		same_strs(lex->modifiers, lex->n_modifiers, b->modifiers, b->n_modifiers) &&
		same_strs(lex->unweighted, lex->n_unweighted, b->unweighted, b->n_unweighted) &&
		(lex->n_weights == 0 ||
		 same_strs(lex->weights, lex->n_weights, b->weights, b->n_weights)));
}

/*
 * The one place that states the policy: the built-in lexicon is always
 * there, first; content can only add to it.  An extra that says what the
 * built-in one says (a content folder copied from content/) adds nothing:
 * the rules and modifiers it repeats are read once, its phrases and words
 * are the floor's, so it is left out and the matcher is the floor's alone.
 */
struct matcher *matcher_new(const struct lexicon *const *extra, size_t n, struct matcher_error *err)
{
	const struct lexicon *all[8];
	size_t k = 0, i;

	all[k++] = matcher_builtin_lexicon();
	for (i = 0; i < n && k < sizeof(all) / sizeof(all[0]); i++)
		if (extra[i] && !matcher_lexicon_is_builtin(extra[i]))
			all[k++] = extra[i];
	return matcher_new_bare(all, k, err);
}

static bool applies(const struct modifier *md, size_t rule)
{
	return !md->applies || md->applies[rule];
}

/* Every modifier that can lower rule a can lower rule b too. */
static bool mods_cover(const struct matcher *m, size_t a, size_t b)
{
	size_t k;

	for (k = 0; k < m->n_mods; k++)
		if (applies(&m->mods[k], a) && !applies(&m->mods[k], b))
			return false;
	return true;
}

/*
 * A rule can never decide a line's tier when another rule reads the same
 * concepts in the same order, with as wide a window, at a tier as high,
 * and is lowered by no modifier that spares it: wherever it fires, the
 * other fires too and counts as much.  (A concept always has a phrase: a
 * concept exists only once a phrase names it, or is line-start/line-end.)
 */
size_t matcher_dead_rules(const struct matcher *m, const char **ids, size_t max)
{
	size_t r, o, k = 0;

	if (!m)
		return 0;
	for (r = 0; r < m->n_rules; r++) {
		const struct rule *a = &m->rules[r];
		bool dead = false;
		for (o = 0; o < m->n_rules && !dead; o++) {
			const struct rule *b = &m->rules[o];
			dead = o != r && b->n == a->n && b->window >= a->window &&
			       (b->tier > a->tier || (b->tier == a->tier && o < r)) &&
			       memcmp(b->seq, a->seq, (size_t)a->n * sizeof(a->seq[0])) == 0 &&
			       mods_cover(m, o, r);
		}
		if (dead) {
			if (k < max)
				ids[k] = a->id;
			k++;
		}
	}
	return k;
}

/* ---- reading a line ---- */

struct elem_state {
	long end, start; /* NO_POS: not reached */
	long sentence, clause;
};

struct pending {
	size_t rule;
	long end, clause, sentence;
	enum crisis_tier tier;
	bool quoted; /* it ended inside a quotation: whose, the words after may say */
};

/* Where each weight was last seen: a small open table, bounded by the model. */
struct mark {
	size_t weight; /* NO_WORD: a free slot */
	long sentence;
};

struct scan {
	const struct matcher *m;
	long pos;
	long sentence, clause;
	size_t ring[MAX_PHRASE]; /* vocab ids of the last words (NO_WORD unknown) */
	struct elem_state *st;   /* n_rules * MAX_SEQ */
	size_t n_pend;
	enum crisis_tier best;
	const char *why;
	matcher_explain_fn explain; /* NULL but for matcher_explain() */
	void *explain_ctx;
	/* the weighted reading: each sentence is scored with the one before it */
	struct mark *marks; /* small, or a larger table when it fills */
	size_t n_marks, cap_marks;
	bool oom;                      /* the table could not grow: read as high */
	bool kept;                     /* a high rule fired, lowered to medium by context */
	bool pinned;                   /* ... a rule content added: never let go */
	bool kept_strong;              /* ... a strong phrase: let go only further below */
	bool strong;                   /* a strong phrase read it high */
	bool fixed_high;               /* a rule content added read it high */
	bool silenced;                 /* a targeted modifier silenced a rule */
	double cur_sum;                /* weights seen in this sentence */
	double pair_sum;               /* ... in this sentence or the one before */
	double best_score;             /* the highest of bias + pair_sum at a sentence's end */
	bool scored, words;            /* a sentence has been scored; this one has words */
	int last_concept;              /* the concept seen last in this sentence, or -1 */
	char last_word[MAX_WORD + 1];  /* the word before, in this sentence */
	char last2_word[MAX_WORD + 1]; /* the word before that */
	bool last2_skip;               /* ... and it starts a weighted skip */
	size_t last_wi, last2_wi;      /* their winfo entries (when a flag says they have one) */
	bool last_skip;                /* the word before starts a weighted skip */
	bool last_first;               /* ... and it starts a weighted pair */
	unsigned unmask_budget;        /* lookups a '*' may still make on this line (unmask.h) */
	bool in_quote;                 /* the last word was inside a quotation */
	long quote_from;  /* the first word of someone else's quoted words, or NO_POS */
	long quote_close; /* the first word after a quotation closed, or NO_POS */
	uint64_t s_ends;  /* bit k: the word k before this one was written with a last "s" */
	bool next_s;      /* ... and the word on_stem reads next ("dad's", "brothers") */
	bool said_who, said_by, said_not; /* what the words after it said (attribution) */
	bool said_det;                    /* ... the first of them is "my", "his", "the" */
	bool said_them; /* ... they named someone else: theirs, unless a quotation opens next */
	char spell[MAX_SPELL]; /* letters spaced out one by one, not read yet */
	size_t n_spell;
	int spell_boundary;    /* ... the boundary before the first of them */
	double strong_floor;   /* the lowest floor of the strong phrases seen */
	size_t strong_seen[4]; /* the first strong phrases seen (strong_floors()) */
	size_t n_strong_seen;
	/*
	 * The large tables last: scan_text clears the struct only up to
	 * here (14 KB a line, a fifth of the matcher's instructions, went to
	 * clearing them), and sets them up itself (seen, small) or reads
	 * them only below their counts (pend).
	 */
	/* where each concept ended last [0] and the time before [1] */
	struct seen {
		long end, clause, sentence;
		long start; /* the concept's first word */
	} seen[MAX_CONCEPTS][2];
	struct pending pend[MAX_PENDING];
	struct mark small[256];
};

static struct mark *mark_slot(struct scan *sc, size_t w)
{
	size_t i;

	if ((sc->n_marks + 1) * 2 > sc->cap_marks) {
		size_t cap = sc->cap_marks * 2, k;
		struct mark *t = malloc(cap * sizeof(*t));
		if (!t)
			return NULL;
		for (k = 0; k < cap; k++)
			t[k].weight = NO_WORD;
		for (k = 0; k < sc->cap_marks; k++)
			if (sc->marks[k].weight != NO_WORD) {
				for (i = sc->marks[k].weight * 0x9E3779B97F4A7C15ULL & (cap - 1);
				     t[i].weight != NO_WORD; i = (i + 1) & (cap - 1))
					;
				t[i] = sc->marks[k];
			}
		if (sc->marks != sc->small)
			free(sc->marks);
		sc->marks = t;
		sc->cap_marks = cap;
	}
	for (i = w * 0x9E3779B97F4A7C15ULL & (sc->cap_marks - 1); sc->marks[i].weight != NO_WORD;
	     i = (i + 1) & (sc->cap_marks - 1))
		if (sc->marks[i].weight == w)
			return &sc->marks[i];
	sc->marks[i] = (struct mark){ w, NO_SENTENCE };
	sc->n_marks++;
	return &sc->marks[i];
}

/* Weight i was seen: it counts once a sentence. */
static void count(struct scan *sc, size_t i)
{
	struct mark *mk = mark_slot(sc, i);

	if (!mk) {
		sc->oom = true;
		return;
	}
	if (mk->sentence == sc->sentence)
		return;
	sc->cur_sum += sc->m->weights[i];
	if (mk->sentence != sc->sentence - 1)
		sc->pair_sum += sc->m->weights[i];
	mk->sentence = sc->sentence;
}

/*
 * A word of the line (n bytes), the pair it makes with the word before in
 * this sentence and the skip it makes with the one before that: "word
 * alone", "pair want die", "skip want die" (in "want to die").  A pair or
 * skip is looked up only when the earlier word starts a weighted one and
 * this one ends one.  wi: the word's winfo entry (winfo_entry), NO_WORD
 * when the weights have none.
 */
static void feature_word(struct scan *sc, const char *w, size_t n, size_t wi)
{
	const struct matcher *m = sc->m;
	bool first = false, second = false, skip_first = false, skip_second = false;
	size_t i;

	if (sc->explain) {
		char name[MAX_FEATURE + 8];
		snprintf(name, sizeof(name), "word %s", w);
		sc->explain(sc->explain_ctx, sc->pos, "feature", name, CRISIS_NONE);
		if (sc->last_word[0]) {
			snprintf(name, sizeof(name), "pair %s %s", sc->last_word, w);
			sc->explain(sc->explain_ctx, sc->pos, "feature", name, CRISIS_NONE);
		}
		if (sc->last2_word[0]) {
			snprintf(name, sizeof(name), "skip %s %s", sc->last2_word, w);
			sc->explain(sc->explain_ctx, sc->pos, "feature", name, CRISIS_NONE);
		}
	}
	if (wi != NO_WORD) {
		const struct winfo *x = &m->winfo[wi];
		if (x->weight != NO_WEIGHT)
			count(sc, x->weight);
		first = x->first;
		second = x->second;
		skip_first = x->skip_first;
		skip_second = x->skip_second;
	}
	/* the flags say an earlier word had an entry (last_wi, last2_wi) */
	if (second && sc->last_first &&
	    pmap_get(&m->pair_map, weight_pair_key(sc->last_wi, wi, false), &i))
		count(sc, i);
	if (skip_second && sc->last2_skip &&
	    pmap_get(&m->pair_map, weight_pair_key(sc->last2_wi, wi, true), &i))
		count(sc, i);
	sc->last_first = first;
	sc->last2_skip = sc->last_skip;
	sc->last_skip = skip_first;
	sc->last2_wi = sc->last_wi;
	sc->last_wi = wi;
	if (sc->explain) { /* the words themselves only name the features */
		memcpy(sc->last2_word, sc->last_word, sizeof(sc->last_word));
		memcpy(sc->last_word, w, n + 1);
	}
}

/* A concept of the line, or two one after the other (b >= 0). */
static void feature_concepts(struct scan *sc, int a, int b)
{
	const struct matcher *m = sc->m;
	uint32_t i;

	if (sc->explain) {
		char name[MAX_FEATURE + 8];
		if (b < 0)
			snprintf(name, sizeof(name), "concept %s", m->concepts[a]);
		else
			snprintf(name, sizeof(name), "concepts %s %s", m->concepts[a],
				 m->concepts[b]);
		sc->explain(sc->explain_ctx, sc->pos, "feature", name, CRISIS_NONE);
	}
	if (!m->has_model)
		return;
	if (b < 0)
		i = m->concept_weight[a];
	else
		i = m->concepts_weight ? m->concepts_weight[(size_t)a * MAX_CONCEPTS + (size_t)b]
				       : NO_WEIGHT;
	if (i != NO_WEIGHT)
		count(sc, i);
}

/* A sentence ends: score it with the one before, then start the next. */
static void end_sentence(struct scan *sc)
{
	if (sc->words) {
		double score = sc->m->bias + sc->pair_sum;
		if (!sc->scored || score > sc->best_score)
			sc->best_score = score;
		sc->scored = true;
	}
	sc->pair_sum = sc->cur_sum;
	sc->cur_sum = 0;
	sc->words = false;
	sc->last_concept = -1;
	sc->last_word[0] = sc->last2_word[0] = '\0';
	sc->last_first = sc->last_skip = sc->last2_skip = false;
}

static void record(struct scan *sc, enum crisis_tier t, size_t rule)
{
	bool lowered = t == CRISIS_MEDIUM && sc->m->rules[rule].tier == CRISIS_HIGH;
	bool silenced = t == CRISIS_NONE && sc->m->rules[rule].tier > CRISIS_NONE;
	/* a rule content added (the weights were never trained with it): the
	 * weights never lower it, nor let it go once context has lowered it.
	 * A strong phrase they lower to medium only MATCHER_STRONG_MARGIN below
	 * both high-below and what the phrase reads alone ("kms the printer
	 * jammed again lol"; never the phrase alone), and once context has
	 * lowered it (a house's or a car's final goodbye, a nurse's or a film's
	 * words) they may let it go, MATCHER_STRONG_MARGIN below lowered-below */
	bool from_content = rule >= sc->m->n_weighed;
	bool is_strong = rule == sc->m->strong_rule;

	if (sc->explain)
		sc->explain(sc->explain_ctx, sc->pos,
			    lowered    ? "rule, lowered"
			    : silenced ? "rule, silenced"
				       : "rule",
			    sc->m->rules[rule].id, t);
	/* a high rule that context lowered to medium stays medium unless the
	 * weights read the line far from risk (lowered-below; never a content
	 * rule), and a rule a targeted idiom silenced stays silent ("killing
	 * myself laughing") unless they read it as risk (silenced-at): the
	 * lexicon's reading of context comes first */
	if (lowered) {
		sc->kept = true;
		sc->pinned |= from_content;
		sc->kept_strong |= is_strong;
	}
	if (silenced)
		sc->silenced = true;
	if (t == CRISIS_HIGH && from_content)
		sc->fixed_high = true; /* high as written */
	if (t == CRISIS_HIGH && is_strong)
		sc->strong = true;
	if (t > sc->best) {
		sc->best = t;
		sc->why = sc->m->rules[rule].id;
	}
}

static void flush_pending(struct scan *sc, bool all)
{
	size_t i = 0;

	while (i < sc->n_pend) {
		/* a hit inside a quotation waits, too, for the words after it */
		bool waits = sc->pend[i].quoted && !sc->said_not &&
			     (sc->in_quote || (sc->quote_close != NO_POS &&
					       sc->pos - sc->quote_close < ATTRIB_SPAN));
		if (all || (!waits && sc->pos - sc->pend[i].end > sc->m->max_after)) {
			record(sc, sc->pend[i].tier, sc->pend[i].rule);
			sc->pend[i] = sc->pend[--sc->n_pend];
		} else {
			i++;
		}
	}
}

/*
 * A modifier's `unless` concept ended strictly between the words from and
 * to: the modifier does not apply.  "my brother wants to die" is lowered,
 * "my brother knows I want to die" (`unless first`) is not; "killing
 * myself laughing" is silenced, "I said I want to die and she laughed"
 * (`unless third`) is not.
 */
static bool unless_between(const struct scan *sc, const struct modifier *md, long from, long to)
{
	int c, k;

	for (c = 0; c < md->n_unless; c++)
		for (k = 0; k < 2; k++) {
			const struct seen *u = &sc->seen[md->unless[c]][k];
			/* between them; or, begun with the modifier's own concept,
			 * ending on the rule's first word ("no i" of "no i am
			 * suicidal": the "no" answers, it negates nothing) */
			if (u->end != NO_POS && u->end > from &&
			    (u->end < to || (u->end == to && u->start <= from)))
				return true;
		}
	return false;
}

/* A rule has fired over [start, end]: apply the "before" modifiers. */
static void fire(struct scan *sc, size_t r, long start, long clause, long sentence)
{
	const struct matcher *m = sc->m;
	enum crisis_tier t = m->rules[r].tier;
	bool quoted;
	size_t i;

	for (i = 0; i < m->n_mods; i++) {
		const struct modifier *md = &m->mods[i];
		if (md->inside) {
			/* the concept's last end strictly between the rule's first
			 * word and its last (this word) */
			const struct seen *in = &sc->seen[md->concept][0];
			if (in->end == sc->pos)
				in = &sc->seen[md->concept][1];
			if (applies(md, r) && in->end != NO_POS && in->end > start &&
			    in->end < sc->pos && in->sentence == sentence && md->tier < t &&
			    !unless_between(sc, md, start, sc->pos))
				t = md->tier;
			continue;
		}
		/* the latest time the concept ended before the rule starts: the
		 * last one may be inside the rule ("he wishes he were gone") */
		const struct seen *at = &sc->seen[md->concept][0];
		if (at->end >= start)
			at = &sc->seen[md->concept][1];
		if (md->before < 0 || !applies(md, r) || at->end == NO_POS || at->end >= start ||
		    start - at->end - 1 > md->before || at->sentence != sentence ||
		    (!md->across && at->clause != clause))
			continue;
		/* an OTHER between them ("they want me dead": the me inside
		 * the rule does not count) */
		if (unless_between(sc, md, at->end, start))
			continue;
		if (md->tier < t)
			t = md->tier;
	}
	if (sc->quote_from != NO_POS && t > CRISIS_MEDIUM)
		t = CRISIS_MEDIUM; /* someone else's words (on_word) */
	/* inside a quotation no one was named before: the words after it may
	 * name them ("“I want to die,” my daughter said"; attribution) */
	quoted = sc->in_quote && sc->quote_from == NO_POS && t > CRISIS_MEDIUM;
	if (!m->rules[r].has_after && !quoted) {
		record(sc, t, r);
		return;
	}
	if (sc->n_pend == MAX_PENDING) {
		record(sc, sc->pend[0].tier, sc->pend[0].rule);
		sc->pend[0] = sc->pend[--sc->n_pend];
	}
	sc->pend[sc->n_pend++] = (struct pending){ r, sc->pos, clause, sentence, t, quoted };
}

/* Whose the quoted words were is settled (attribution): the hits held
 * inside them (fire) stop waiting, capped at medium when they were
 * someone else's, as a quotation named before its words is. */
static void settle_quote(struct scan *sc, bool theirs)
{
	size_t i;

	sc->said_them = false;
	sc->said_not = true; /* nothing more to look for */
	for (i = 0; i < sc->n_pend; i++)
		if (sc->pend[i].quoted) {
			sc->pend[i].quoted = false;
			if (theirs && sc->pend[i].tier > CRISIS_MEDIUM)
				sc->pend[i].tier = CRISIS_MEDIUM;
		}
	if (theirs && sc->explain)
		sc->explain(sc->explain_ctx, sc->pos, "quote", "attribution: someone else's words",
			    CRISIS_NONE);
}

/*
 * Whose were the quoted words?  Someone else's when the words right after
 * the quotation name them and a giving word, in either order, and the
 * first of the two begins the words after it: "“I want to die,” my
 * daughter said", "'i cant do this anymore' my brother texted me", "“I
 * want to die,” said my sister".  Not "“I want to die,” I told my mom"
 * (the writer speaks first: an "I" ends the look), nor "“I want to die”
 * and my mom said …" (other words come first), nor "“I want to die,” my
 * therapist heard me say" (no giving word), nor "“I want to kill myself.”
 * My sister said “don't say that”" (a quotation opening right after the
 * giving word is the one it gives: on_word).
 */
static void attribution(struct scan *sc, int c, long start)
{
	const struct matcher *m = sc->m;

	if (sc->quote_close == NO_POS || sc->in_quote || sc->said_not || start < sc->quote_close)
		return;
	if (c != m->i_subject && c != m->third && c != m->quote_by)
		return;
	if (c == m->i_subject || start - sc->quote_close >= ATTRIB_SPAN - 2 ||
	    (!sc->said_who && !sc->said_by && start != sc->quote_close + sc->said_det)) {
		sc->said_not = true;
		return;
	}
	if (c == m->third)
		sc->said_who = true;
	else if (c == m->quote_by && (sc->said_who || start == sc->quote_close + sc->said_det))
		sc->said_by = true;
	if (sc->said_who && sc->said_by)
		sc->said_them = true; /* the next word decides (on_word) */
}

/* Concept c ended at this word, having started at start. */
static void on_concept(struct scan *sc, int c, long start)
{
	const struct matcher *m = sc->m;
	size_t i;

	if (sc->explain)
		sc->explain(sc->explain_ctx, sc->pos, "concept", m->concepts[c], CRISIS_NONE);
	/* "I held my dad's pistol to my head", "i took my brothers razor to my
	 * wrist": someone else named, with a last "s", on the word just before
	 * a means is its owner, not who acts (normalising drops the
	 * apostrophe, and "dad's" may be "dad is" too, so the means after it
	 * decides; "my mom a bottle of wine" names no owner).  They are
	 * forgotten as someone else; every concept and feature stays. */
	if (c == m->means && m->third >= 0 && sc->seen[m->third][0].end == start - 1 &&
	    sc->pos - start + 1 < 64 && (sc->s_ends >> (sc->pos - start + 1) & 1)) {
		sc->seen[m->third][0] = sc->seen[m->third][1];
		sc->seen[m->third][1].end = NO_POS;
	}
	/* an unweighted concept is no feature, and no link of a pair either:
	 * the concepts either side of it still make theirs */
	if ((m->has_model || sc->explain) && !m->unweighted[c]) {
		feature_concepts(sc, c, -1);
		if (sc->last_concept >= 0)
			feature_concepts(sc, sc->last_concept, c);
		sc->last_concept = c;
	}
	if (sc->quote_close != NO_POS && !sc->said_them)
		attribution(sc, c, start);
	/* "after" modifiers of hits still waiting */
	for (i = 0; i < sc->n_pend; i++) {
		size_t k;
		for (k = 0; k < m->n_mods; k++) {
			const struct modifier *md = &m->mods[k];
			if (md->after >= 0 && md->concept == c && applies(md, sc->pend[i].rule) &&
			    start > sc->pend[i].end && start - sc->pend[i].end - 1 <= md->after &&
			    sc->sentence == sc->pend[i].sentence &&
			    (md->across || sc->clause == sc->pend[i].clause) &&
			    md->tier < sc->pend[i].tier &&
			    !unless_between(sc, md, sc->pend[i].end, start))
				sc->pend[i].tier = md->tier;
		}
	}
	for (i = 0; i < m->n_feeds[c]; i++) {
		size_t r = m->feeds[c][i].rule;
		int j = m->feeds[c][i].elem;
		struct elem_state *e = &sc->st[r * MAX_SEQ + (size_t)j];
		if (j == 0) {
			e->end = sc->pos;
			e->start = start;
			e->sentence = sc->sentence;
			e->clause = sc->clause;
		} else {
			const struct elem_state *p = e - 1;
			if (p->end == NO_POS || p->sentence != sc->sentence || p->end >= start ||
			    start - p->end - 1 > m->rules[r].window)
				continue;
			e->end = sc->pos;
			e->start = p->start;
			e->sentence = sc->sentence;
			e->clause = p->clause;
		}
		if (j == m->rules[r].n - 1)
			fire(sc, r, e->start, e->clause, e->sentence);
	}
}

/* One-edit neighbours: a vocab word of five letters or more with the same first letter. */
static bool one_edit(const char *a, size_t na, const char *b, size_t nb)
{
	size_t i = 0;

	if (na == nb) {
		size_t d1 = SIZE_MAX, d2 = SIZE_MAX, k = 0;
		for (i = 0; i < na; i++)
			if (a[i] != b[i]) {
				if (k == 0)
					d1 = i;
				else if (k == 1)
					d2 = i;
				k++;
			}
		return k == 1 || (k == 2 && d2 == d1 + 1 && a[d1] == b[d2] && a[d2] == b[d1]);
	}
	if (na + 1 == nb || nb + 1 == na) {
		const char *s = na < nb ? a : b, *l = na < nb ? b : a;
		size_t ns = na < nb ? na : nb, j = 0;
		bool skipped = false;
		for (i = 0; i < ns; i++, j++)
			if (s[i] != l[j]) {
				if (skipped)
					return false;
				skipped = true;
				i--;
			}
		return true;
	}
	return false;
}

/*
 * Words ending in "in" that are no dropped g, though their "-ing" form
 * stems to a word of the lexicon (within -> with, bulletin -> bullet):
 * every such word of /usr/share/dict/words, and one drug (eighteenth
 * session of 2026-12-01; README, "Spelling").
 */
static const char *const not_dropped_g[] = { "albumin", "bulletin", "calvin", "cardin", "dustin",
					     "gamin",   "justin",   "latin",  "leggin", "morin",
					     "rosin",   "statin",   "within" };
/* the same for a dropped e in "-ed": "herd" is no "here", "mild" no "mile" */
static const char *const not_dropped_e[] = { "beard", "boyd", "crowd", "herd", "lind", "mild" };

static bool listed(const char *const *list, size_t n_list, const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < n_list; i++)
		if (strlen(list[i]) == n && memcmp(list[i], w, n) == 0)
			return true;
	return false;
}

/*
 * A mistyped ending: a dropped g ("wishin", "dyin", "killin", "thinkin")
 * or a dropped i ("thinkng", "wantng", "tryng") in "-ing", or a dropped e
 * in "-ed" ("burnd", "trappd", "killd").  A word ending in "in", "ng" or
 * "d" after a consonant (or y) reads as its "-ing" or "-ed" form when the
 * stemmer takes that ending off and leaves a word of the lexicon; its
 * vocab id, or NO_WORD.  "thin" is no "thing": the -ing must come off;
 * "young" and "along" have a vowel before the "ng", "bold" and "wind" no
 * "-ed" the stemmer takes off that leaves a word of the lexicon.
 */
static size_t mistyped_ending(const struct matcher *m, const char *w, size_t n)
{
	char buf[MAX_WORD + 2]; /* the letter put back, and the e stem() may give back */
	size_t k, v, whole,
	    keep; /* keep: the most letters stem() leaves when the ending came off */

	if (n < 4 || n + 1 > MAX_WORD || !lower_letters(w, n))
		return NO_WORD;
	memcpy(buf, w, n);
	if (w[n - 1] == 'd' && !is_vowel(w[n - 2])) { /* a dropped e: "burnd" */
		if (listed(not_dropped_e, sizeof(not_dropped_e) / sizeof(*not_dropped_e), w, n))
			return NO_WORD;
		buf[n - 1] = 'e';
		buf[n] = 'd';
		keep = n; /* "-ed" off, and the e stem() may give back */
	} else if (is_vowel(w[n - 3]) ||
		   listed(not_dropped_g, sizeof(not_dropped_g) / sizeof(*not_dropped_g), w, n)) {
		return NO_WORD;
	} else if (w[n - 2] == 'i' && w[n - 1] == 'n') { /* a dropped g: "wishin" */
		buf[n] = 'g';
		keep = n - 1;                            /* "-ing" off, and the e */
	} else if (w[n - 2] == 'n' && w[n - 1] == 'g') { /* a dropped i: "thinkng" */
		buf[n - 2] = 'i';
		buf[n - 1] = 'n';
		buf[n] = 'g';
		keep = n - 1;
	} else {
		return NO_WORD;
	}
	whole = n + 1;
	k = stem(buf, whole);
	if (k > keep) /* the ending stayed on */
		return NO_WORD;
	return smap_get(&m->vocab_map, buf, k, &v) ? v : NO_WORD;
}

static size_t fuzzy(const struct matcher *m, const char *w, size_t n)
{
	char buf[MAX_WORD + 1];
	size_t i, head, v;

	if (n < 4 || m->n_del == 0 || !lower_letters(w, n))
		return NO_WORD;
	/* w is a target missing one letter */
	if (smap_get(&m->del_map, w, n, &head))
		return m->dels[head].vocab;
	for (i = 1; i < n; i++) {
		memcpy(buf, w, i);
		memcpy(buf + i, w + i + 1, n - i);
		/* w has one letter too many */
		if (n - 1 >= 5 && smap_get(&m->vocab_map, buf, n - 1, &v) &&
		    m->vocab[v].fuzzy_target)
			return v;
		/* one letter changed, or two neighbours swapped */
		if (smap_get(&m->del_map, buf, n - 1, &head))
			for (; head != NO_WORD; head = m->dels[head].next) {
				v = m->dels[head].vocab;
				/* a changed letter in a five-letter word is too often
				 * another word (smell, shell): six letters up */
				if (m->vocab[v].len == n && n < 6)
					continue;
				if (one_edit(w, n, m->vocab[v].word, m->vocab[v].len))
					return v;
			}
	}
	return NO_WORD;
}

/*
 * A stem's vocab id: its own, the count word's for a count, or the word a
 * misspelling stands for; NO_WORD: none.
 */
static size_t vocab_of(const struct matcher *m, const char *w, size_t n)
{
	size_t v;

	if (smap_get(&m->vocab_map, w, n, &v))
		return v;
	if (m->count_word != NO_WORD && is_count(w, n))
		return m->count_word;
	v = mistyped_ending(m, w, n);
	return v != NO_WORD ? v : fuzzy(m, w, n);
}

/* A stem's weights (its winfo entry): the vocab word's (v), else its own by its text. */
static size_t winfo_entry(const struct matcher *m, size_t v, const char *w, size_t n)
{
	size_t wi;

	if (!m->has_model)
		return NO_WORD;
	if (v != NO_WORD)
		return m->vocab[v].wi;
	return smap_get(&m->word_map, w, n, &wi) ? wi : NO_WORD;
}

/*
 * own_map: every word of the vocabulary or the weights that is its own stem
 * and no shorthand, with what on_stem would find for it; 0, or -2 on no
 * memory.
 */
static int index_own(struct matcher *m)
{
	const struct smap *maps[2] = { &m->vocab_map, &m->word_map };
	char buf[MAX_WORD + 1];
	size_t i, j, n, k, v;

	for (j = 0; j < 2; j++)
		for (i = 0; i < maps[j]->cap; i++) {
			const char *w = maps[j]->slots[i].key;
			if (!w || (n = strlen(w)) > MAX_WORD || smap_get(&m->own_map, w, n, &k))
				continue;
			memcpy(buf, w, n + 1);
			if (shorthand_of(m, buf, &n) != NO_WORD || strcmp(buf, w) != 0)
				continue;
			v = vocab_of(m, w, n);
			if (!grow((void **)&m->own, &m->cap_own, m->n_own, sizeof(*m->own)) ||
			    smap_put(&m->own_map, w, m->n_own) < 0)
				return -2;
			m->own[m->n_own++] = (struct own){ v, winfo_entry(m, v, w, n) };
		}
	return 0;
}

/*
 * A strong phrase (its index, or NO_WORD for one of a single word) was
 * read: the line's floor is the lowest of theirs (NO_WORD: never lowered).
 */
static void saw_strong(struct scan *sc, size_t p)
{
	const struct matcher *m = sc->m;
	double floor = p != NO_WORD && m->strong_floor ? m->strong_floor[p] : -INFINITY;

	if (floor < sc->strong_floor)
		sc->strong_floor = floor;
	if (sc->n_strong_seen < sizeof(sc->strong_seen) / sizeof(sc->strong_seen[0]))
		sc->strong_seen[sc->n_strong_seen++] = p;
	if (sc->explain) { /* crisis-train finds each phrase's floor by its id */
		char name[32];
		if (p == NO_WORD)
			snprintf(name, sizeof(name), "one word");
		else
			snprintf(name, sizeof(name), "%zu", p);
		sc->explain(sc->explain_ctx, sc->pos, "strong", name, CRISIS_NONE);
	}
}

/*
 * Concept c ended at this word, begun at word start (once a word, however
 * many phrases end there: the longest one's start).
 */
static void saw(struct scan *sc, int c, long start)
{
	struct seen *s = sc->seen[c];

	if (s[0].end != sc->pos)
		s[1] = s[0];
	else if (s[0].start < start)
		start = s[0].start;
	s[0] = (struct seen){ sc->pos, sc->clause, sc->sentence, start };
}

/* One stem, after shorthand. */
static void on_stem(struct scan *sc, const char *w, size_t n, bool long_word, int boundary,
		    size_t own)
{
	const struct matcher *m = sc->m;
	size_t v = NO_WORD, p, i, k, n_ended = 0;
	int ended[32]; /* concepts of the phrases that end at this word */
	long ended_start[32]; /* ... and where each began */
	uint64_t bits;

	if (boundary == 2) {
		end_sentence(sc);
		sc->sentence++;
		sc->clause++;
	} else if (boundary == 1) {
		sc->clause++;
	}
	sc->pos++;
	sc->s_ends = sc->s_ends << 1 | sc->next_s;
	sc->next_s = false; /* a shorthand's later words: the first took it */
	/* a count of ten to 999 ("took 30 pills", "like 40 of my meds") that
	 * is no word of the lexicon is its word "00", when it has one: one
	 * word for every such count, for the rules and the weights alike (a
	 * year, "2019", or a "2" is not one; see build() for one that is) */
	if (own != NO_WORD)
		v = m->own[own].v;
	else if (!long_word)
		v = vocab_of(m, w, n);
	sc->words = true;
	if ((m->has_model || sc->explain) && !long_word) {
		/* a misspelt word counts as the word it stands for */
		size_t wi = own != NO_WORD ? m->own[own].wi : winfo_entry(m, v, w, n);
		if (v != NO_WORD)
			feature_word(sc, m->vocab[v].word, m->vocab[v].len, wi);
		else
			feature_word(sc, w, n, wi);
	} else if (long_word) {
		sc->last_word[0] = sc->last2_word[0] = '\0';
		sc->last_first = sc->last_skip = sc->last2_skip = false;
	}
	memmove(sc->ring, sc->ring + 1, (MAX_PHRASE - 1) * sizeof(sc->ring[0]));
	sc->ring[MAX_PHRASE - 1] = v;
	if (sc->n_pend)
		flush_pending(sc, false);
	if (v == NO_WORD)
		return;
	for (k = 0; k < MASK_WORDS; k++)
		for (bits = m->vocab[v].mask[k]; bits; bits &= bits - 1) {
			int c = (int)k * 64 + __builtin_ctzll(bits);
			if (c == m->strong_concept) /* a strong phrase of one word */
				saw_strong(sc, NO_WORD);
			on_concept(sc, c, sc->pos);
		}
	/* phrases that end here: looked up by this word and the one before */
	if (sc->ring[MAX_PHRASE - 2] != NO_WORD)
		for (p = pair_head(m, v, sc->ring[MAX_PHRASE - 2]); p != NO_WORD;
		     p = m->phrases[p].next) {
			const struct phrase *ph = &m->phrases[p];
			long start = sc->pos - (long)ph->n + 1;
			if (start < 1) /* 0 is the line's start, no word */
				continue;
			for (i = 0; i + 2 < ph->n; i++)
				if (sc->ring[MAX_PHRASE - ph->n + i] != ph->words[i])
					break;
			if (i + 2 >= ph->n && n_ended < sizeof(ended) / sizeof(ended[0])) {
				if (ph->concept == m->strong_concept)
					saw_strong(sc, p);
				on_concept(sc, ph->concept, start);
				ended_start[n_ended] = start;
				ended[n_ended++] = ph->concept;
			}
		}
	/* Record where concepts ended only now: a concept is "before" a rule
	 * only when it ends before the rule starts. */
	for (k = 0; k < MASK_WORDS; k++)
		for (bits = m->vocab[v].mask[k]; bits; bits &= bits - 1)
			saw(sc, (int)k * 64 + __builtin_ctzll(bits), sc->pos);
	for (i = 0; i < n_ended; i++)
		saw(sc, ended[i], ended_start[i]);
	if (m->brk >= 0 && sc->seen[m->brk][0].end == sc->pos)
		sc->clause++;
}

/*
 * Does the matcher know w as written: a word of the lexicon or the weights,
 * as written or by its stem, or a shorthand?  With fuzzy, a word its
 * spelling tolerance reads (vocab_of) counts too.  A shorthand of two
 * letters or fewer does not: "shhh" is no "sh", "siii" no "si".
 */
static bool knows(const struct matcher *m, const char *w, size_t n, bool fuzzy_too)
{
	char buf[MAX_WORD + 4];
	size_t k, v, written = n;

	if (smap_get(&m->own_map, w, n, &k))
		return true;
	memcpy(buf, w, n);
	buf[n] = '\0';
	if (shorthand_of(m, buf, &n) != NO_WORD)
		return written > 2;
	if (smap_get(&m->vocab_map, buf, n, &v) ||
	    (m->has_model && smap_get(&m->word_map, buf, n, &v)))
		return true;
	return fuzzy_too && vocab_of(m, buf, n) != NO_WORD;
}

/*
 * Words of /usr/share/dict/words that unstretch() would read as another
 * word of the lexicon ("bee" is no "be", "butt" no "but", "iii" no "i"):
 * every one, never read as a stretched word (twentieth session of
 * 2026-12-01; README, "Spelling").
 */
static const char *const not_stretched[] = { "ann",   "bee",   "butt",  "carr", "catt",
					     "err",   "flatt", "fromm", "goo",  "iii",
					     "inn",   "kidd",  "lapp",  "loll", "lott",
					     "mann",  "pall",  "penn",  "pitt", "putt",
					     "starr", "thee",  "webb",  "wee",  "www" };

/*
 * A stretched word ("dieeee", "kmssss", "tiredddd", "diee"): the form the
 * matcher knows, in out (*n its length), or false.  A word it knows as
 * written is left as it is.  Each run of three or more of one letter is
 * cut to two or to one, the longest form the matcher knows first (by its
 * spelling tolerance only when no form is known as written); a word that
 * ends in two of one letter loses the last when that leaves a word it
 * knows, and "noooo" stays an exclamation, never the negation "no" ("noooo
 * i want to die" is as high as it was).  At most three runs are tried each
 * way (eight forms), more only all to two and all to one, so a word costs a
 * bounded number of lookups.
 */
static bool unstretch(const struct matcher *m, const char *w, size_t *n, char *out)
{
	static const unsigned by_ones[] = { 0, 1, 2, 4, 3, 5, 6, 7 };
	size_t run[MAX_WORD], len[MAX_WORD], n_run = 0, i, j, f, n_forms, pass;

	if (*n < 3 || *n > MAX_WORD || !lower_letters(w, *n))
		return false;
	for (i = 0; i < *n; i = j) {
		for (j = i + 1; j < *n && w[j] == w[i]; j++)
			;
		if (j - i >= 3) {
			run[n_run] = i;
			len[n_run++] = j - i;
		}
	}
	if ((n_run == 0 && w[*n - 1] != w[*n - 2]) ||
	    listed(not_stretched, sizeof(not_stretched) / sizeof(*not_stretched), w, *n))
		return false;
	if (n_run == 0) {
		/* not "-ss" (needless, hostess: -less, -ness, -ess), nor a long
		 * "-ee" (escapee, retiree: -ee); "diee", "byee", "mee" are */
		if (w[*n - 1] == 's' || (w[*n - 1] == 'e' && *n > 5) || knows(m, w, *n, false) ||
		    !knows(m, w, *n - 1, false))
			return false;
		memcpy(out, w, *n - 1);
		(*n)--;
		out[*n] = '\0';
		return true;
	}
	if (knows(m, w, *n, false))
		return false;
	/* which runs are cut to one, the longest forms first: with three runs
	 * or fewer every mask, by the number of ones; with more, none or all */
	n_forms = n_run <= 3 ? (size_t)1 << n_run : 2;
	for (pass = 0; pass < 2; pass++)
		for (f = 0; f < sizeof(by_ones) / sizeof(*by_ones); f++) {
			unsigned mask = by_ones[f];
			size_t o = 0, r = 0, at = 0;
			if (mask >= n_forms)
				continue;
			while (at < *n) {
				if (r < n_run && at == run[r]) {
					bool one = n_run <= 3 ? (mask >> r & 1) : mask != 0;
					memset(out + o, w[at], one ? 1 : 2);
					o += one ? 1 : 2;
					at += len[r++];
				} else {
					out[o++] = w[at++];
				}
			}
			out[o] = '\0';
			/* "noooo i want to die": an exclamation, no negation */
			if (o == 2 && memcmp(out, "no", 2) == 0)
				return false;
			if (knows(m, out, o, pass == 1)) {
				*n = o;
				return true;
			}
		}
	return false;
}

/* "my daughter", "his mom", "the kid": a word that may come before someone
 * named after a quotation (attribution) */
static bool determiner(const char *w, size_t n)
{
	static const char *const det[] = { "my", "his", "her", "their", "our", "your", "the", "a" };
	size_t i;

	for (i = 0; i < sizeof(det) / sizeof(det[0]); i++)
		if (strlen(det[i]) == n && memcmp(det[i], w, n) == 0)
			return true;
	return false;
}

/* One word as written: its shorthand, else its stem. */
static void read_word(struct scan *sc, char *w, size_t n, bool long_word, int boundary)
{
	size_t k, i;
	char plain[MAX_WORD + 4]; /* w unstretched: as on_word gives it */

	if (sc->quote_close == sc->pos + 1)
		sc->said_det = determiner(w, n);
	if (!long_word && unstretch(sc->m, w, &n, plain))
		w = plain;
	sc->next_s = !long_word && n > 2 && w[n - 1] == 's';
	if (!long_word && smap_get(&sc->m->own_map, w, n, &k)) {
		on_stem(sc, w, n, false, boundary, k);
		return;
	}
	if (!long_word) {
		if ((k = shorthand_of(sc->m, w, &n)) != NO_WORD) {
			const struct shorthand *sh = &sc->m->shorts[k];
			for (i = 0; i < sh->n; i++)
				on_stem(sc, sh->words[i], strlen(sh->words[i]), false,
					i == 0 ? boundary : 0, NO_WORD);
			return;
		}
	}
	on_stem(sc, w, n, long_word, boundary, NO_WORD);
}

/*
 * unmask_word's question: is w the lexicon's word (by its stem), or a
 * shorthand?  Words of the same concepts are one reading to the rules
 * ("d*e": die, or dye, which the lexicon lists as a spelling of it), so a
 * word's identity is its concepts; a word only in phrases is one of its
 * own, and so is each shorthand of more than one word.
 */
static int64_t known_word(void *ctx, const char *w, size_t n)
{
	const struct matcher *m = ctx;
	char buf[MAX_WORD + 4];
	uint64_t h = 1469598103934665603ULL, any;
	size_t k, v;

	if (n > MAX_WORD)
		return -1;
	memcpy(buf, w, n);
	buf[n] = '\0';
	if ((k = shorthand_of(m, buf, &n)) != NO_WORD) {
		if (m->shorts[k].n != 1) /* kms: "kill myself" */
			return (int64_t)k | UNMASK_SHORTHAND;
		n = strlen(m->shorts[k].words[0]); /* dye: "die" */
		memcpy(buf, m->shorts[k].words[0], n + 1);
	}
	if (!smap_get(&m->vocab_map, buf, n, &v))
		return -1;
	for (k = 0, any = 0; k < MASK_WORDS; k++) {
		h = (h ^ m->vocab[v].mask[k]) * 1099511628211ULL;
		any |= m->vocab[v].mask[k];
	}
	/* a word of no concept of its own, only a phrase's ("does", "the
	 * blades"), comes second: "d*es" is dies */
	return any ? (int64_t)(h >> 4) : (int64_t)v | UNMASK_PHRASE_ONLY;
}

/*
 * Did someone else say what a quotation that opens here holds?  Someone
 * else ("third": my sister, he) was named in this sentence, then a word
 * that gives a quotation ("quote-by": said, texted, wrote) after it, and
 * the person writing did not say "I" ("i-subject") after that someone:
 * "My daughter wrote “I want to die” in her notebook", "my bf texted me
 * 'i cant do this anymore'", "I'm worried about my roommate, she said
 * “…”".  Not "I told my friend “I want to die”" (the giving word comes
 * before the person), nor "My friend asked how I was and I said “…”"
 * (an "I" after the person), nor "Texted my friend: “…”" (no one else
 * said it), nor a quotation that opens a sentence.
 */
static bool someone_elses(const struct scan *sc, int boundary)
{
	const struct matcher *m = sc->m;
	const struct seen *who, *by, *me;

	if (boundary >= 2 || m->third < 0 || m->quote_by < 0 || m->i_subject < 0)
		return false;
	who = &sc->seen[m->third][0];
	by = &sc->seen[m->quote_by][0];
	me = &sc->seen[m->i_subject][0];
	return who->end != NO_POS && who->sentence == sc->sentence && by->end != NO_POS &&
	       by->sentence == sc->sentence && by->end > who->end &&
	       (me->end == NO_POS || me->sentence != sc->sentence || me->end < who->end);
}

/*
 * A quotation opens or closes before this word.  The words of a quotation
 * someone else said are theirs: a rule that ends inside it is capped at
 * medium (fire; "My dad said, “You'd all be better off without me.”",
 * where the rule burden-others begins at "dad"), as the third-party modifier caps "my sister
 * wants to die" — one calm line with 988, for someone the person cares
 * about, and never none.
 */
static void turn_quote(struct scan *sc, bool quoted, int boundary)
{
	sc->in_quote = quoted;
	sc->quote_from = NO_POS;
	sc->quote_close = quoted ? NO_POS : sc->pos + 1;
	sc->said_who = sc->said_by = sc->said_not = false;
	if (quoted && someone_elses(sc, boundary)) {
		sc->quote_from = sc->pos + 1;
		if (sc->explain)
			sc->explain(sc->explain_ctx, sc->pos + 1, "quote",
				    "quotation: someone else's words", CRISIS_NONE);
	}
}

/*
 * Letters spaced out one by one, "k i l l myself", "thinking about s u i c i
 * d e a lot", "n o p o i n t": the run of one-letter words is read as the
 * words of the lexicon it spells, when they spell it whole.  Of the ways
 * to cut the run into words the lexicon knows (a lone letter may stand for
 * itself), the one with the fewest words; it counts when one of them is
 * a word of a concept, or a shorthand, of three letters or more, or when
 * the lexicon knows every one of them and they have four letters or more.  Else
 * each letter is read as a word, as before: "a b c", "U S A" and "p s i
 * love you" stay as they were.  The lookups come out of the line's
 * unmask budget, so a line of nothing but "a a a" stays linear.
 */
static bool spell_cut(struct scan *sc, const char *run, size_t n, size_t *cut)
{
	size_t fewest[MAX_SPELL + 1], from[MAX_SPELL + 1], i, j, k;
	bool concept[MAX_SPELL + 1];

	fewest[0] = 0;
	concept[0] = false;
	for (i = 1; i <= n; i++) {
		fewest[i] = SIZE_MAX;
		for (j = 0; j < i; j++) {
			int64_t id = -1;
			if (fewest[j] == SIZE_MAX || fewest[j] + 1 >= fewest[i])
				continue;
			if (i - j > 1) {
				if (sc->unmask_budget == 0)
					return false;
				sc->unmask_budget--;
				id = known_word((void *)sc->m, run + j, i - j);
				if (id < 0)
					continue;
			}
			fewest[i] = fewest[j] + 1;
			from[i] = j;
			concept[i] = concept[j] || (i - j >= 3 && (id & UNMASK_PHRASE_ONLY) == 0);
		}
	}
	if (fewest[n] == SIZE_MAX)
		return false;
	for (i = n, k = fewest[n]; i > 0; i = from[i])
		cut[--k] = from[i];
	cut[fewest[n]] = n;
	if (concept[n])
		return true;
	/* or words the lexicon knows, every one ("n o p o i n t": no point) */
	for (k = 0; k < fewest[n]; k++)
		if (cut[k + 1] - cut[k] == 1 && known_word((void *)sc->m, run + cut[k], 1) < 0)
			return false;
	return n >= 4;
}

/* Read the letters spaced out so far (spell_cut). */
static void spell_flush(struct scan *sc)
{
	size_t cut[MAX_SPELL + 1], n = sc->n_spell, i, k;
	int b = sc->spell_boundary;
	char w[MAX_WORD + 4]; /* as on_word gives read_word */

	sc->n_spell = 0;
	if (n >= 3 && spell_cut(sc, sc->spell, n, cut)) {
		for (k = 0; cut[k] < n; k++, b = 0) {
			memcpy(w, sc->spell + cut[k], cut[k + 1] - cut[k]);
			w[cut[k + 1] - cut[k]] = '\0';
			read_word(sc, w, cut[k + 1] - cut[k], false, b);
		}
		return;
	}
	for (i = 0; i < n; i++, b = 0) {
		w[0] = sc->spell[i];
		w[1] = '\0';
		read_word(sc, w, 1, false, b);
	}
}

/*
 * A word that may be disguised (unmask.h): "k*ll", "su1cide", "k.m.s".  Read
 * as the word it stands for when the lexicon knows exactly one; else as it
 * always was read: split where a mark or separator stands (with the
 * sentence boundary of a '!' or '.'), digits kept in the word.
 */
static void on_word(void *ctx, char *w, size_t n, bool long_word, int boundary, bool disguised,
		    bool quoted)
{
	struct scan *sc = ctx;
	bool joiner = false;
	char out[MAX_WORD + 4];
	size_t i, k, start;
	int b;
	bool letter = n == 1 && !disguised && w[0] >= 'a' && w[0] <= 'z';

	if (sc->best == CRISIS_HIGH && !sc->explain && (sc->fixed_high || !sc->m->has_high_below))
		return;    /* nothing can change it; the rest is only read */
	if (sc->said_them) /* someone else named after a quotation, unless they
			    * give the one opening here (attribution) */
		settle_quote(sc, !quoted || sc->in_quote);
	if (sc->n_spell &&
	    (!letter || boundary || quoted != sc->in_quote || sc->n_spell == MAX_SPELL))
		spell_flush(sc);
	if (quoted != sc->in_quote)
		turn_quote(sc, quoted, boundary);
	if (letter) { /* spaced out one by one ("k i l l")? read with the next (spell_flush) */
		if (sc->n_spell == 0)
			sc->spell_boundary = boundary;
		sc->spell[sc->n_spell++] = w[0];
		return;
	}
	if (!disguised || long_word) {
		read_word(sc, w, n, long_word, boundary);
		return;
	}
	for (i = 0; i < n; i++)
		joiner |= unmask_is_mark((unsigned char)w[i]) || is_spell_sep((unsigned char)w[i]);
	if (unmask_word(w, n, out, &k, known_word, (void *)sc->m, &sc->unmask_budget)) {
		read_word(sc, out, k, false, boundary);
		return;
	}
	if (!joiner) {
		read_word(sc, w, n, false, boundary);
		return;
	}
	for (i = 0, start = 0, b = boundary; i <= n; i++) {
		unsigned char c = i < n ? (unsigned char)w[i] : ' ';
		if (i < n && !unmask_is_mark(c) && !is_spell_sep(c))
			continue;
		if (i > start) {
			memcpy(out, w + start, i - start);
			out[i - start] = '\0';
			read_word(sc, out, i - start, false, b);
			b = 0;
		}
		if (i < n && boundary_of(c) > b)
			b = boundary_of(c);
		start = i + 1;
	}
}

/*
 * The weighted reading, where the rules said less than high: a line whose
 * best-scoring pair of sentences reaches medium-at is medium (where a
 * targeted idiom silenced a rule, "killing myself laughing", it must
 * reach silenced-at); a medium
 * line that scores below none-below is let go; one that a high rule made
 * (lowered by context: "kms if this wifi drops again lol") only below
 * lowered-below, where cross-validation saw no line that should fire
 * (the context and the weights both read it as no risk to the speaker),
 * a strong phrase MATCHER_STRONG_MARGIN further below, and never a rule
 * content added (the weights were never trained with it).  A high line
 * whose every pair of sentences scores below high-below reads medium ("I
 * wrote a will because my lawyer said everyone should"); one a strong
 * phrase made high only below strong_below(), and never one a rule content
 * added made high; the weights never make a line high and never take one
 * that is to none.
 */
/*
 * Where a line a strong phrase made high is lowered: MATCHER_STRONG_MARGIN
 * below both high-below and the lowest floor of its strong phrases
 * (strong_floors()); crisis-train reads its lines the same way.
 */
static double strong_below(const struct matcher *m, double floor)
{
	return (floor < m->high_below ? floor : m->high_below) - MATCHER_STRONG_MARGIN;
}

static enum crisis_tier weigh(struct scan *sc)
{
	const struct matcher *m = sc->m;
	enum crisis_tier t = sc->best;

	if (!m->has_model || !sc->scored)
		return t;
	if (sc->explain) {
		char note[64];
		snprintf(note, sizeof(note),
			 "weighted score %.2f (medium at %.2f, none below %.2f)", sc->best_score,
			 m->medium_at, m->none_below);
		sc->explain(sc->explain_ctx, sc->pos, "score", note, t);
	}
	if (t == CRISIS_HIGH) {
		/* only when every pair of sentences reads far from risk (a
		 * strong phrase further below, strong_below()), and never a rule
		 * content added: then one calm line, not nothing */
		double below = sc->strong ? strong_below(m, sc->strong_floor) : m->high_below;
		if (m->has_high_below && !sc->fixed_high && sc->best_score < below) {
			sc->why = "weights";
			return CRISIS_MEDIUM;
		}
		return t;
	}
	if (t == CRISIS_NONE && sc->best_score >= m->medium_at &&
	    (!sc->silenced || (m->has_silenced_at && sc->best_score >= m->silenced_at))) {
		sc->why = "weights";
		return CRISIS_MEDIUM;
	}
	if (t == CRISIS_MEDIUM && !sc->kept && sc->best_score < m->none_below) {
		sc->why = "";
		return CRISIS_NONE;
	}
	if (t == CRISIS_MEDIUM && sc->kept && !sc->pinned && m->has_lowered_below &&
	    sc->best_score < m->lowered_below - (sc->kept_strong ? MATCHER_STRONG_MARGIN : 0)) {
		sc->why = "";
		return CRISIS_NONE;
	}
	return t;
}

/*
 * Read a line through: the rules' tier and the weights' score, before
 * weigh() combines them.  False when there was no memory to begin.
 */
static bool read_line(const struct matcher *m, const char *text, size_t len, matcher_explain_fn fn,
		      void *ctx, struct scan *sc)
{
	size_t i;

	memset(sc, 0, offsetof(struct scan, seen));
	sc->m = m;
	sc->pos = -1;
	sc->explain = fn;
	sc->explain_ctx = ctx;
	sc->strong_floor = INFINITY;
	sc->st = malloc((m->n_rules ? m->n_rules : 1) * MAX_SEQ * sizeof(*sc->st));
	if (!sc->st)
		return false;
	for (i = 0; i < m->n_rules * MAX_SEQ; i++)
		sc->st[i].end = NO_POS;
	sc->last_concept = -1;
	/* lookups a '*' may make on this line (26 for one, 676 for two): a
	 * line of nothing but "a*b" stays linear, and fast */
	sc->unmask_budget = 8192;
	sc->quote_from = sc->quote_close = NO_POS;
	sc->marks = sc->small;
	sc->cap_marks = sizeof(sc->small) / sizeof(sc->small[0]);
	for (i = 0; i < sc->cap_marks; i++)
		sc->small[i].weight = NO_WORD;
	for (i = 0; i < MAX_CONCEPTS; i++)
		sc->seen[i][0].end = sc->seen[i][1].end = NO_POS;
	for (i = 0; i < MAX_PHRASE; i++)
		sc->ring[i] = NO_WORD;
	sc->pos = 0; /* the line's start is a place of its own, before the first word */
	on_concept(sc, m->line_start, 0);
	saw(sc, m->line_start, sc->pos);
	read_words(text, len, true, on_word, sc);
	if (sc->n_spell)
		spell_flush(sc);
	if (sc->said_them)
		settle_quote(sc, true);
	if (sc->best != CRISIS_HIGH) {
		sc->pos++;
		if (sc->n_pend)
			flush_pending(sc, false);
		on_concept(sc, m->line_end, sc->pos);
	}
	flush_pending(sc, true);
	end_sentence(sc);
	free(sc->st);
	if (sc->marks != sc->small)
		free(sc->marks);
	return true;
}

static enum crisis_tier scan_text(const struct matcher *m, const char *text, size_t len,
				  const char **why, matcher_explain_fn fn, void *ctx)
{
	struct scan sc;

	if (why)
		*why = "";
	if (!text)
		return CRISIS_NONE;
	if (!m) {
		if (why)
			*why = "no matcher";
		return CRISIS_HIGH;
	}
	if (!read_line(m, text, len, fn, ctx, &sc)) {
		oom_note(); /* read high, to be safe, and never a quiet success */
		if (why)
			*why = "out of memory";
		return CRISIS_HIGH;
	}
	sc.best = weigh(&sc);
	if (sc.oom) {
		sc.best = CRISIS_HIGH; /* fail safe, as for a missing matcher */
		sc.why = "out of memory";
	}
	if (why)
		*why = sc.why ? sc.why : "";
	return sc.best;
}

/*
 * Each strong phrase's floor (the end of build(), once the weights are in):
 * the lowest score of a first-lexicon phrase read alone in which it
 * matched.  weigh() lowers a line a strong phrase made high only
 * MATCHER_STRONG_MARGIN below it, so no phrase reads other than high
 * alone whatever the weights ("drive my car off a cliff" scores -3.49 in
 * the eighth session of 2026-11-30: "car" and "drive" are ordinary words
 * to them).  A phrase a content folder added is never lowered (-INFINITY),
 * nor one the phrases alone never scored.
 */
static int strong_floors(struct matcher *m, const struct lexicon *first)
{
	size_t p, k, j;

	if (!m->has_model || !m->has_high_below || m->strong_concept < 0)
		return 0;
	m->strong_floor = malloc((m->n_phrases ? m->n_phrases : 1) * sizeof(*m->strong_floor));
	if (!m->strong_floor)
		return -2;
	for (p = 0; p < m->n_phrases; p++)
		m->strong_floor[p] = -INFINITY;
	for (k = 0; k < first->n_phrases; k++) {
		struct scan sc;
		if (!read_line(m, first->phrases[k], strlen(first->phrases[k]), NULL, NULL, &sc))
			return -2;
		if (sc.oom)
			return -2;
		for (j = 0; j < sc.n_strong_seen; j++) {
			p = sc.strong_seen[j];
			if (p == NO_WORD || p >= m->n_phrases_weighed || !sc.scored)
				continue;
			if (m->strong_floor[p] == -INFINITY || sc.best_score < m->strong_floor[p])
				m->strong_floor[p] = sc.best_score;
		}
	}
	return 0;
}

enum crisis_tier matcher_tier_n(const struct matcher *m, const char *text, size_t len,
				const char **why)
{
	return scan_text(m, text, len, why, NULL, NULL);
}

enum crisis_tier matcher_explain(const struct matcher *m, const char *text, matcher_explain_fn fn,
				 void *ctx)
{
	return scan_text(m, text, text ? strlen(text) : 0, NULL, fn, ctx);
}

enum crisis_tier matcher_tier(const struct matcher *m, const char *text, const char **why)
{
	return matcher_tier_n(m, text, text ? strlen(text) : 0, why);
}
