/* floor.c — the safety floor: the parts content's crisis line, disclaimer and resources must keep, judged after sanitising. */
#include "floor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"

/*
 * A required part: its name in messages, and the ways it may be written
 * (lowercase ASCII; a space stands for a run of " -.()/", so
 * "1-800-662-4357" and "1 (800) 662-4357" are the same number).
 */
struct part {
	const char *name;
	const char *forms[5]; /* NULL-terminated */
};

/* The compiled-in crisis line's short form (SPEC section 4). */
static const struct part line_parts[] = {
	{ "988", { "988" } },
	{ "988lifeline.org", { "988lifeline.org" } },
	{ "911", { "911" } },
	{ "findahelpline.com", { "findahelpline.com" } },
};

/* Every contact of the compiled-in resources (safety.c, SPEC section 4). */
static const struct part resource_parts[] = {
	{ "988", { "988" } },
	{ "988lifeline.org", { "988lifeline.org" } },
	{ "AYUDA", { "ayuda" } },
	{ "838255", { "838255" } },
	{ "ASL Now", { "asl now" } },
	{ "911", { "911" } },
	{ "741741", { "741741" } },
	{ "1-800-662-4357",
	  { "1 800 662 4357", "800 662 4357", "1 800 662 help", "800 662 help" } },
	{ "FindTreatment.gov", { "findtreatment.gov" } },
	{ "Canada", { "canada" } },
	{ "findahelpline.com", { "findahelpline.com" } },
};

#define N_LINE (sizeof(line_parts) / sizeof(line_parts[0]))
#define N_RESOURCE (sizeof(resource_parts) / sizeof(resource_parts[0]))

static bool ascii_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static unsigned char lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/*
 * Characters a reader cannot see that the sanitiser keeps: zero-width
 * spaces and joiners, combining marks, variation selectors, invisible
 * operators and tags.  Next to a digit they would make "988" on screen
 * something else to a dialler, a screen reader or a search.
 */
static bool invisible(unsigned long cp)
{
	return render_cp_width(cp) == 0 || cp == 0x034F || cp == 0x061C || cp == 0x180E ||
	       (cp >= 0x2060 && cp <= 0x206F) || (cp >= 0xFFF9 && cp <= 0xFFFB) ||
	       (cp >= 0xE0000 && cp <= 0xE0FFF);
}

/* Nothing glued to the front of a form at s[i]: no letter, digit or invisible character. */
static bool clear_before(const char *s, size_t i, bool digits)
{
	unsigned char c;
	unsigned long cp;
	size_t k;

	if (i == 0)
		return true;
	c = (unsigned char)s[i - 1];
	if (c < 0x80) {
		if (ascii_alnum(c) || c == '_')
			return false;
		/* "x-988", "1.988": the end of a longer name or number */
		if ((c == '-' || (c == '.' && digits)) && i >= 2 &&
		    ascii_alnum((unsigned char)s[i - 2]))
			return false;
		return true;
	}
	for (k = i - 1; k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80; k--)
		;
	render_utf8_next(s + k, &cp);
	return !invisible(cp);
}

/* Nothing glued to the end of a form at s[e]: "988-555", "988lifeline.org.example" go on. */
static bool clear_after(const char *s, size_t e)
{
	unsigned char c = (unsigned char)s[e];
	unsigned long cp;

	if (c == '\0')
		return true;
	if (c < 0x80) {
		if (ascii_alnum(c) || c == '_')
			return false;
		if ((c == '-' || c == '.') && ascii_alnum((unsigned char)s[e + 1]))
			return false;
		return true;
	}
	render_utf8_next(s + e, &cp);
	return !invisible(cp);
}

#define SEPARATORS " -.()/"

/* The length of form matched at s, or 0. */
static size_t match_form(const char *s, const char *form)
{
	const char *p = s;

	for (; *form; form++) {
		if (*form == ' ') {
			if (*p == '\0' || !strchr(SEPARATORS, *p))
				return 0;
			while (*p != '\0' && strchr(SEPARATORS, *p))
				p++;
			continue;
		}
		if (lower((unsigned char)*p) != (unsigned char)*form)
			return 0;
		p++;
	}
	return (size_t)(p - s);
}

/* True when s holds form as a whole token. */
static bool has_form(const char *s, const char *form)
{
	bool digits = form[strspn(form, "0123456789")] == '\0';
	size_t i, n;

	for (i = 0; s[i]; i++) {
		if (lower((unsigned char)s[i]) != (unsigned char)form[0] ||
		    !clear_before(s, i, digits))
			continue;
		n = match_form(s + i, form);
		if (n > 0 && clear_after(s, i + n))
			return true;
	}
	return false;
}

/* The parts that sanitised text clean holds, one bit each. */
static unsigned long found_parts(const char *clean, const struct part *parts, size_t n)
{
	unsigned long bits = 0;
	size_t k, f;

	for (k = 0; k < n; k++)
		for (f = 0; parts[k].forms[f]; f++)
			if (has_form(clean, parts[k].forms[f])) {
				bits |= 1UL << k;
				break;
			}
	return bits;
}

/* Count the parts not in found and name them, comma-separated, in missing. */
static int name_missing(unsigned long found, const struct part *parts, size_t n, char *missing,
			size_t len)
{
	size_t k, used = 0;
	int count = 0;

	if (len > 0)
		missing[0] = '\0';
	for (k = 0; k < n; k++) {
		int w;
		if (found & (1UL << k))
			continue;
		if (used < len) {
			w = snprintf(missing + used, len - used, "%s%s", count ? ", " : "",
				     parts[k].name);
			used = w < 0 ? len : used + (size_t)w;
		}
		count++;
	}
	return count;
}

/* True when clean has a character a reader can see. */
static bool visible(const char *clean)
{
	unsigned long cp;

	while (*clean) {
		clean += render_utf8_next(clean, &cp);
		if (cp != ' ' && !invisible(cp))
			return true;
	}
	return false;
}

int floor_crisis_line(const char *text, bool *blank, char *missing, size_t len)
{
	char *clean = render_sanitize(text);
	unsigned long found;

	if (!clean)
		return -1;
	*blank = !visible(clean);
	found = found_parts(clean, line_parts, N_LINE);
	free(clean);
	return name_missing(found, line_parts, N_LINE, missing, len);
}

/* ---- the disclaimer ---- */

#define WORD_MAX 16
#define NEGATION_WINDOW 6 /* words before "medical advice" */

static bool negation(const char *w)
{
	static const char *const words[] = { "not",  "no",    "never",  "nor",  "neither",
					     "isnt", "arent", "doesnt", "dont", "cannot",
					     "cant", "wont",  "wasnt",  NULL };
	size_t i;

	for (i = 0; words[i]; i++)
		if (strcmp(w, words[i]) == 0)
			return true;
	return false;
}

/*
 * Words are runs of ASCII letters and digits, lowercased; an apostrophe
 * between letters joins them ("isn't", "isn’t": "isnt"); an invisible
 * character spoils the word it touches, as it would a number ("med\u200bical"
 * is no word); . ! ? ; : end a sentence; anything else separates.
 */
int floor_disclaimer(const char *text)
{
	char *clean = render_sanitize(text), word[WORD_MAX];
	char last[NEGATION_WINDOW + 2][WORD_MAX]; /* the sentence's latest words, a ring */
	size_t nw = 0, wn = 0, k;
	const char *p;
	int ok = 0;

	if (!clean)
		return -1;
	for (p = clean;;) {
		unsigned char c = (unsigned char)*p;
		unsigned long cp = c;
		size_t n = 1;

		if (c >= 0x80)
			n = render_utf8_next(p, &cp);
		if (ascii_alnum(c) || (c >= 0x80 && invisible(cp))) {
			/* an invisible character spoils the word it touches */
			if (wn < WORD_MAX - 1)
				word[wn++] = c < 0x80 ? (char)lower(c) : '\001';
			p += n;
			continue;
		}
		if ((c == '\'' || cp == 0x2019 || cp == 0x02BC) && wn > 0 &&
		    ascii_alnum((unsigned char)p[n])) {
			p += n;
			continue;
		}
		if (wn > 0) {
			word[wn] = '\0';
			wn = 0;
			if (strcmp(word, "advice") == 0 && nw >= 1 &&
			    strcmp(last[(nw - 1) % (NEGATION_WINDOW + 2)], "medical") == 0) {
				for (k = 2; k <= nw && k <= NEGATION_WINDOW + 1 && !ok; k++)
					ok = negation(last[(nw - k) % (NEGATION_WINDOW + 2)]);
			}
			memcpy(last[nw % (NEGATION_WINDOW + 2)], word, sizeof(word));
			nw++;
		}
		if (c == '\0' || ok)
			break;
		if (strchr(".!?;:", c))
			nw = 0;
		p += n;
	}
	free(clean);
	return ok;
}

/* ---- the resources ---- */

void floor_resources_init(struct floor_resources *f)
{
	f->found = 0;
}

int floor_resources_add(struct floor_resources *f, const char *text)
{
	char *clean = render_sanitize(text);

	if (!clean)
		return -1;
	f->found |= found_parts(clean, resource_parts, N_RESOURCE);
	free(clean);
	return 0;
}

int floor_resources_missing(const struct floor_resources *f, char *missing, size_t len)
{
	return name_missing(f->found, resource_parts, N_RESOURCE, missing, len);
}
