/* matcher.c — crisis-language matcher: text normalisation, fallback phrases, whole-word phrase search. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "safety.h"

/*
 * Compiled-in crisis phrases, used when content gives none.  Each is written
 * already normalised (lowercase ASCII, no apostrophes, single spaces), which
 * tests/test_matcher.c checks.  The list is tuned for recall: it would rather
 * show the crisis resources once too often than miss someone.  It still
 * avoids the bare words of everyday hyperbole ("die", "dying", "kill",
 * "killing me", "killed", "dead"): those appear only inside phrases that say
 * something about the speaker's own life.
 */
const char *const safety_fallback_phrases[] = {
	/* Direct. */
	"suicide", "suicidal", "kill myself", "kill my self", "killing myself", "killed myself",
	"end myself", "end my life", "ending my life", "end my own life", "take my life",
	"take my own life", "taking my life", "taking my own life", "hang myself", "hanging myself",
	"shoot myself", "drown myself", "jump off a bridge", "slit my wrists", "cut my wrists",
	"self harm", "selfharm", "self harming", "self harmed", "harm myself", "harming myself",
	"hurt myself", "hurting myself", "cut myself", "cutting myself", "overdose", "overdosed",
	"overdosing", "want to die", "want to be dead", "wish i could die",

	/* Indirect. */
	"dont want to be here anymore", "dont want to be here any more",
	"dont wanna be here anymore", "dont want to be alive", "dont want to live",
	"dont wanna live", "do not want to live", "dont want to exist", "want to disappear forever",
	"disappear forever", "better off without me", "better off dead", "no reason to live",
	"nothing to live for", "cant go on", "cannot go on", "can not go on", "no way out",
	"whats the point of living", "what is the point of living", "no point in living",
	"no point living", "wish i was dead", "wish i were dead", "wish i was never born",
	"never been born", "want to sleep and never wake up", "sleep and never wake up",
	"hope i never wake up", "hope i dont wake up", "end it all", "ending it all",
	"going to end it", "gonna end it", "want to end it", "want it all to end",
	"not worth living", "isnt worth living", "give up on life", "giving up on life",
	"gave up on life", "given up on life", "cant take it anymore", "cant take it any more",
	"cant do this anymore", "tired of living", "tired of being alive", "burden to everyone",
	"nobody would miss me", "no one would miss me",

	/* Slang and deliberate misspellings. */
	"kms", "kys", "kill yourself", "unalive", "unalive myself", "unalived", "unaliving",
	"sewerslide", "sewer slide", "wanna die", "wanna be dead", "off myself", "offing myself",
	NULL
};

struct matcher {
	size_t n;       /* usable phrases */
	char **phrases; /* each normalised and padded: " word word " */
};

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

size_t safety_normalize(const char *text, char *buf, size_t buflen)
{
	const unsigned char *s = (const unsigned char *)(text ? text : "");
	size_t out = 0;
	bool pending = false; /* a separator is owed before the next word byte */
	bool overflow = false;

	while (*s != '\0') {
		size_t len, need, i;
		enum char_class cls;

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
			for (i = 0; i < len; i++) {
				unsigned char c = s[i];

				if (c >= 'A' && c <= 'Z')
					c = (unsigned char)(c - 'A' + 'a');
				buf[out++] = (char)c;
			}
		}
		s += len;
	}
	if (buflen == 0)
		return (size_t)-1; /* no room even for the NUL */
	buf[out] = '\0';
	return overflow ? (size_t)-1 : out;
}

void matcher_free(struct matcher *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->n; i++)
		free(m->phrases[i]);
	free(m->phrases);
	free(m);
}

/*
 * Normalise text into a new string padded with one space each side, so that
 * strstr() finds whole words only.  Stores NULL in *out when text normalises
 * to nothing.  Returns -1 on allocation failure.
 */
static int pad_phrase(const char *text, char **out)
{
	size_t len = strlen(text), k;
	char *p;

	*out = NULL;
	if (len > SIZE_MAX - 3)
		return -1;
	p = malloc(len + 3);
	if (p == NULL)
		return -1;
	p[0] = ' ';
	k = safety_normalize(text, p + 1, len + 1); /* never grows text */
	if (k == (size_t)-1 || k == 0) {
		free(p);
		return k == 0 ? 0 : -1;
	}
	p[k + 1] = ' ';
	p[k + 2] = '\0';
	*out = p;
	return 0;
}

/* Build from n phrases; NULL and empty entries are skipped. */
static struct matcher *matcher_build(const char *const *phrases, size_t n)
{
	struct matcher *m;
	size_t i;

	m = calloc(1, sizeof(*m));
	if (m == NULL)
		return NULL;
	m->phrases = calloc(n > 0 ? n : 1, sizeof(*m->phrases));
	if (m->phrases == NULL)
		goto fail;
	for (i = 0; i < n; i++) {
		if (phrases[i] == NULL)
			continue;
		if (pad_phrase(phrases[i], &m->phrases[m->n]) < 0)
			goto fail;
		if (m->phrases[m->n] != NULL)
			m->n++;
	}
	return m;
fail:
	matcher_free(m);
	return NULL;
}

/*
 * A list whose phrases are all empty falls back as well: a matcher that
 * can match nothing would silently switch off the crisis check.
 */
struct matcher *matcher_new(const char *const *phrases, size_t n)
{
	struct matcher *m = NULL;
	size_t nfallback = 0;

	if (phrases != NULL && n > 0) {
		m = matcher_build(phrases, n);
		if (m == NULL || m->n > 0)
			return m;
		matcher_free(m);
	}
	while (safety_fallback_phrases[nfallback] != NULL)
		nfallback++;
	return matcher_build(safety_fallback_phrases, nfallback);
}

/*
 * Fail safe, recall first: when the input cannot be examined (no matcher
 * because matcher_new() failed, or no memory for the normalised copy) this
 * reports a match, so the person is shown the crisis resources rather than
 * silently nothing.  NULL text is no input and never matches.
 */
bool matcher_match(const struct matcher *m, const char *text)
{
	char small[256];
	char *buf = small;
	size_t len, k, i;
	bool found = false;

	if (text == NULL)
		return false;
	if (m == NULL)
		return true;
	len = strlen(text);
	if (len > SIZE_MAX - 3)
		return true;
	if (len + 3 > sizeof(small)) {
		buf = malloc(len + 3);
		if (buf == NULL)
			return true;
	}
	buf[0] = ' ';
	k = safety_normalize(text, buf + 1, len + 1); /* never grows text */
	if (k == (size_t)-1) {
		found = true;
		goto out;
	}
	buf[k + 1] = ' ';
	buf[k + 2] = '\0';
	for (i = 0; i < m->n && !found; i++)
		found = strstr(buf, m->phrases[i]) != NULL;
out:
	if (buf != small)
		free(buf);
	return found;
}
