/* unmask.c — words people disguise: styled letters, look-alike digits and marks, censored and spelled-out letters. */
#include <string.h>

#include "unmask.h"

#define MAX_TOKEN 32

/* Code points whose letter no arithmetic gives: the letterlike fill-ins of
 * the mathematical alphabets, and the small capitals of "small caps" fonts. */
static const struct {
	uint32_t cp;
	char c;
} odd_letters[] = {
	{ 0x0262, 'g' }, { 0x026A, 'i' }, { 0x0274, 'n' }, { 0x0280, 'r' }, { 0x028F, 'y' },
	{ 0x0299, 'b' }, { 0x029C, 'h' }, { 0x029F, 'l' }, { 0x1D00, 'a' }, { 0x1D04, 'c' },
	{ 0x1D05, 'd' }, { 0x1D07, 'e' }, { 0x1D0A, 'j' }, { 0x1D0B, 'k' }, { 0x1D0D, 'm' },
	{ 0x1D0F, 'o' }, { 0x1D18, 'p' }, { 0x1D1B, 't' }, { 0x1D1C, 'u' }, { 0x1D20, 'v' },
	{ 0x1D21, 'w' }, { 0x1D22, 'z' }, { 0x2102, 'c' }, { 0x210A, 'g' }, { 0x210B, 'h' },
	{ 0x210C, 'h' }, { 0x210D, 'h' }, { 0x210E, 'h' }, { 0x2110, 'i' }, { 0x2111, 'i' },
	{ 0x2112, 'l' }, { 0x2113, 'l' }, { 0x2115, 'n' }, { 0x2119, 'p' }, { 0x211A, 'q' },
	{ 0x211B, 'r' }, { 0x211C, 'r' }, { 0x211D, 'r' }, { 0x2124, 'z' }, { 0x2128, 'z' },
	{ 0x212C, 'b' }, { 0x212D, 'c' }, { 0x212F, 'e' }, { 0x2130, 'e' }, { 0x2131, 'f' },
	{ 0x2133, 'm' }, { 0x2134, 'o' }, { 0xA731, 's' },
};

/* U+00C0 to U+00FF: the letter under the diacritic, 0 for the rest (× ÷ æ ß þ). */
static const char latin1[] = "aaaaaa\0ceeeeiiiidnooooo\0ouuuuy\0\0"
			     "aaaaaa\0ceeeeiiiidnooooo\0ouuuuy\0y";

/* An alphabet of 26 letters starting at first: the letter at cp, or 0. */
static char in_alphabet(uint32_t cp, uint32_t first)
{
	return cp >= first && cp < first + 26 ? (char)('a' + (cp - first)) : 0;
}

char unmask_fold(uint32_t cp)
{
	size_t lo = 0, hi = sizeof(odd_letters) / sizeof(odd_letters[0]);
	char c;

	if (cp >= 0xC0 && cp <= 0xFF)
		return latin1[cp - 0xC0];
	if (cp >= 0xFF10 && cp <= 0xFF19) /* fullwidth digits */
		return (char)('0' + (cp - 0xFF10));
	if ((c = in_alphabet(cp, 0xFF21)) || (c = in_alphabet(cp, 0xFF41)) || /* fullwidth */
	    (c = in_alphabet(cp, 0x249C)) ||                                  /* parenthesized */
	    (c = in_alphabet(cp, 0x24B6)) || (c = in_alphabet(cp, 0x24D0)) || /* circled */
	    (c = in_alphabet(cp, 0x1F130)) ||                                 /* squared */
	    (c = in_alphabet(cp, 0x1F150)) ||                                 /* negative circled */
	    (c = in_alphabet(cp, 0x1F170)))                                   /* negative squared */
		return c;
	if (cp >= 0x1D400 && cp <= 0x1D6A3) /* thirteen alphabets, capitals then small */
		return (char)('a' + (cp - 0x1D400) % 52 % 26);
	if (cp == 0x1D6A4 || cp == 0x1D6A5) /* dotless i and j */
		return cp == 0x1D6A4 ? 'i' : 'j';
	if (cp >= 0x1D7CE && cp <= 0x1D7FF) /* five sets of digits */
		return (char)('0' + (cp - 0x1D7CE) % 10);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (odd_letters[mid].cp == cp)
			return odd_letters[mid].c;
		if (odd_letters[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* What a look-alike stands for first, and the other letter it may be ('1' is
 * i in "su1cide" and l in "ki11"); 0 for a character that is no look-alike. */
static char look_alike(char c, bool other)
{
	switch (c) {
	case '0': return 'o';
	case '1':
	case '!': return other ? 'l' : 'i';
	case '|': return other ? 'i' : 'l';
	case '3': return 'e';
	case '4':
	case '@': return 'a';
	case '5':
	case '$': return 's';
	case '7': return 't';
	default: return 0;
	}
}

/*
 * Words people censor that are not warning signs: one that fits is the
 * reading ("sh*t" is shot or shut to a lexicon, but to its writer it is
 * something else, and read as "sh" and "t" it was self-harm).
 */
static const char *const censored[] = {
	"arse", "ass",  "asshole", "bastard", "bitch", "boob", "butt",  "cock", "crap", "cunt",
	"damn", "dick", "fart",    "frick",   "fuck",  "hell", "nude",  "piss", "poop", "porn",
	"sex",  "shit", "slut",    "suck",    "tits",  "twat", "whore", "wtf",
};

static bool is_censored(const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(censored) / sizeof(censored[0]); i++)
		if (strlen(censored[i]) == n && memcmp(censored[i], w, n) == 0)
			return true;
	return false;
}

/* What the '*'s of a word may be: the readings seen so far, by rank. */
struct fit {
	int64_t concept, phrase; /* identity of the one reading, -1 none */
	bool concept_many, phrase_many, censored;
	char concept_w[MAX_TOKEN + 1], phrase_w[MAX_TOKEN + 1], censored_w[MAX_TOKEN + 1];
};

static void consider(struct fit *f, const char *w, size_t n, int64_t id)
{
	bool phrase = id >= 0 && (id & UNMASK_PHRASE_ONLY);
	int64_t *one = phrase ? &f->phrase : &f->concept;
	bool *many = phrase ? &f->phrase_many : &f->concept_many;

	if (is_censored(w, n)) {
		if (!f->censored)
			memcpy(f->censored_w, w, n);
		f->censored = true;
		return;
	}
	if (id < 0 || id == *one)
		return;
	if (*one >= 0) {
		*many = true;
		return;
	}
	*one = id;
	memcpy(phrase ? f->phrase_w : f->concept_w, w, n);
}

/* Fill the '*'s at star[0..stars) with every letter: true when the reading
 * is settled (w is then that word). */
static bool fill_stars(char *w, size_t n, const size_t *star, size_t stars, unmask_known_fn known,
		       void *ctx)
{
	struct fit f = { -1, -1, false, false, false, { 0 }, { 0 }, { 0 } };
	char a, b;

	for (a = 'a'; a <= 'z'; a++) {
		w[star[0]] = a;
		for (b = 'a'; b <= (stars > 1 ? 'z' : 'a'); b++) {
			if (stars > 1)
				w[star[1]] = b;
			consider(&f, w, n, known(ctx, w, n));
		}
	}
	if (!f.censored && (f.concept < 0 ? f.phrase < 0 || f.phrase_many : f.concept_many))
		return false;
	memcpy(w, f.censored ? f.censored_w : f.concept >= 0 ? f.concept_w : f.phrase_w, n);
	return true;
}

/* Read w (n letters, '*'s at star[0..stars)) as a known word: true when w is
 * now that word. */
static bool settle(char *w, size_t n, const size_t *star, size_t stars, unmask_known_fn known,
		   void *ctx, unsigned *budget)
{
	unsigned cost = stars == 0 ? 0 : stars == 1 ? 26 : 26 * 26;

	if (stars == 0)
		return is_censored(w, n) || known(ctx, w, n) >= 0;
	if (*budget < cost)
		return false;
	*budget -= cost;
	return fill_stars(w, n, star, stars, known, ctx);
}

bool unmask_word(const char *t, size_t n, char *out, size_t *out_n, unmask_known_fn known,
		 void *ctx, unsigned *budget)
{
	char w[MAX_TOKEN + 1];
	size_t i, k = 0, letters = 0, stars = 0, star[2] = { 0, 0 };
	bool spelled = false, other = false, ok;

	if (n > MAX_TOKEN)
		return false;
	/* letters spelled out one by one ("k.m.s") join; other separators, or
	 * an element of more than one character, leave the token as it is */
	for (i = 0; i < n; i++) {
		char c = t[i];
		if (c == '.' || c == '-' || c == '_') {
			if (i == 0 || i + 1 == n || i % 2 == 0 || (i >= 2 && t[i - 2] != c))
				return false;
			spelled = true;
			continue;
		}
		if (c >= 'a' && c <= 'z')
			letters++;
		else if (c == '*') {
			if (stars == 2)
				return false;
			star[stars++] = k;
		} else if (!look_alike(c, false))
			return false;
		w[k++] = c;
	}
	if (letters == 0 || k < 2 || (spelled && k * 2 - 1 != n) || (k == 2 && !spelled))
		return false;
	if (t[0] >= '0' && t[0] <= '9' && (letters < 2 || k < 4))
		return false; /* 3rd, 4th, 1st, 10pm */
	/* each look-alike as the letter it stands for first, then the other */
	for (i = 0; i < k; i++)
		if (look_alike(w[i], false)) {
			other |= look_alike(w[i], true) != look_alike(w[i], false);
			w[i] = look_alike(w[i], false);
		}
	w[k] = '\0';
	ok = settle(w, k, star, stars, known, ctx, budget);
	if (!ok && other) {
		size_t j = 0;
		for (i = 0; i < n; i++) {
			char c = t[i];
			if (c == '.' || c == '-' || c == '_')
				continue;
			w[j++] = c == '*' ? '*' : look_alike(c, true) ? look_alike(c, true) : c;
		}
		ok = settle(w, k, star, stars, known, ctx, budget);
	}
	/* two letters spelled out are a word of a concept or a shorthand
	 * ("o.d", "s.h"), or they stay as they are ("a.m", "e.g") */
	if (!ok || (k == 2 && (known(ctx, w, k) < 0 || (known(ctx, w, k) & UNMASK_PHRASE_ONLY))))
		return false;
	memcpy(out, w, k);
	out[k] = '\0';
	*out_n = k;
	return true;
}
