/* render.c — sanitising, UTF-8 aware wrapping, styles and the safety footer. */
#include "render.h"

#include <stdlib.h>
#include <string.h>

#include "content.h"
#include "oom.h"
#include "safety.h"
#include "term.h"

void out_init(struct out *o, FILE *fp, const struct term *t)
{
	o->fp = fp;
	o->width = t->width;
	o->color = t->color;
}

void out_style(struct out *o, enum style s)
{
	static const char *const codes[] = {
		[STYLE_NONE] = "\033[0m",     [STYLE_BOLD] = "\033[1m",
		[STYLE_DIM] = "\033[2m",      [STYLE_HEADING] = "\033[1;36m",
		[STYLE_ALERT] = "\033[1;33m",
	};

	if (o->color)
		fputs(codes[s], o->fp);
}

size_t render_utf8_next(const char *str, unsigned long *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n, i;
	unsigned long v;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		n = 2;
		v = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		n = 3;
		v = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		n = 4;
		v = s[0] & 0x07;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		v = v << 6 | (s[i] & 0x3F);
	}
	if ((n == 3 && v < 0x800) || (n == 4 && (v < 0x10000 || v > 0x10FFFF)) ||
	    (v >= 0xD800 && v <= 0xDFFF)) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = v;
	return n;
}

int render_cp_width(unsigned long cp)
{
	/* zero width: combining marks, zero-width spaces and joiners, variation selectors */
	if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
	    (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x200B && cp <= 0x200F) ||
	    (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
	    (cp >= 0xFE20 && cp <= 0xFE2F) || cp == 0x00AD || cp == 0xFEFF)
		return 0;
	/* wide: East Asian wide and full-width forms, most emoji */
	if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
	    (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	    (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
	    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
	    (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
	    (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD))
		return 2;
	return 1;
}

/*
 * Every character below U+0080 is one column wide (render_cp_width() has
 * no rule for them), so runs of ASCII are counted without the table.
 */
#define IS_ASCII(c) ((unsigned char)(c) < 0x80)

size_t render_width(const char *text)
{
	size_t w = 0;
	unsigned long cp;

	while (*text) {
		if (IS_ASCII(*text)) {
			text++;
			w++;
			continue;
		}
		text += render_utf8_next(text, &cp);
		w += (size_t)render_cp_width(cp);
	}
	return w;
}

/*
 * How many bytes at s the sanitiser drops: an escape sequence (CSI, OSC,
 * DCS, APC, PM or a two-byte one), a C0/C1 control other than tab, LF and
 * CR, DEL, or a bidi override or isolate.  0 when s starts something kept.
 */
static size_t unsafe_len(const unsigned char *s)
{
	const unsigned char *p = s;
	unsigned long cp;
	unsigned char c1;
	size_t n;

	if (*p == 0x1B || (p[0] == 0xC2 && (p[1] == 0x9B || p[1] == 0x9D))) {
		/* the C1 forms U+009B (CSI) and U+009D (OSC) start sequences too */
		if (*p == 0xC2) {
			p++;
			c1 = *p == 0x9B ? '[' : ']';
		} else {
			p++;
			c1 = *p;
		}
		if (c1 == '[') { /* CSI: parameters, then a final byte */
			p++;
			while (*p && !(*p >= 0x40 && *p <= 0x7E))
				p++;
			if (*p)
				p++;
		} else if (c1 == ']' || c1 == 'P' || c1 == '_' || c1 == '^') {
			/*
			 * OSC, DCS, APC, PM: a string up to BEL or ST (ESC \ or
			 * U+009C).  It holds printable characters only: at any
			 * other control it is cut short there, and what follows
			 * is read on its own; one that never ends loses only its
			 * introducer.  So the rest of a file name stays readable.
			 */
			const unsigned char *body = ++p;

			for (;;) {
				size_t k = render_utf8_next((const char *)p, &cp);

				if (*p == 0 || cp < 0x20 || cp == 0x7F ||
				    (cp >= 0x80 && cp <= 0x9F) || (cp == 0xFFFD && k == 1))
					break;
				p += k;
			}
			if (*p == 0x07)
				p++;
			else if (*p == 0x1B && p[1] == '\\')
				p += 2;
			else if (p[0] == 0xC2 && p[1] == 0x9C)
				p += 2;
			else if (*p == 0)
				p = body; /* never ended: only the introducer goes */
		} else if (*p) {
			p++; /* a two-byte sequence */
		}
		return (size_t)(p - s);
	}
	if (*p == '\t' || *p == '\n' || *p == '\r')
		return 0;
	if (*p < 0x20 || *p == 0x7F)
		return 1;
	n = render_utf8_next((const char *)p, &cp);
	if ((cp >= 0x80 && cp <= 0x9F) || /* C1 controls */
	    (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) {
		/* bidirectional overrides and isolates can make text on
		 * screen read differently from what it is */
		return n;
	}
	return 0;
}

void render_sanitize_each(const char *text, render_put_fn put, void *ctx)
{
	const unsigned char *s = (const unsigned char *)text;
	const unsigned char *run = s; /* kept bytes not yet given to put */

	while (*s) {
		size_t skip, n = 0;
		const char *instead = NULL;
		unsigned long cp;

		/* printable ASCII is always kept as it is: the common case, in one step */
		while (*s >= 0x20 && *s < 0x7F)
			s++;
		if (!*s)
			break;
		skip = unsafe_len(s);
		if (skip == 0) {
			if (*s == '\t' || *s == '\n' || *s == '\r') {
				instead = " ";
				skip = 1;
			} else if ((n = render_utf8_next((const char *)s, &cp)) == 1 &&
				   cp == 0xFFFD) {
				instead = "\xEF\xBF\xBD"; /* a byte that is not UTF-8 */
				skip = 1;
			} else {
				s += n;
				continue;
			}
		}
		if (s > run)
			put(ctx, (const char *)run, (size_t)(s - run));
		if (instead)
			put(ctx, instead, strlen(instead));
		s += skip;
		run = s;
	}
	if (s > run)
		put(ctx, (const char *)run, (size_t)(s - run));
}

static void put_mem(void *ctx, const char *s, size_t n)
{
	char **p = ctx;

	memcpy(*p, s, n);
	*p += n;
}

char *render_sanitize(const char *text)
{
	/* the worst case turns each byte into U+FFFD (3 bytes) */
	char *out = malloc(strlen(text) * 3 + 1), *p = out;

	if (!out) {
		oom_note(); /* every caller leaves the text out: never silently */
		return NULL;
	}
	render_sanitize_each(text, put_mem, &p);
	*p = '\0';
	return out;
}

/* render_sanitize_each's runs of one text: is it the whole text, as it is? */
struct as_is {
	const char *text;
	size_t runs, n;
	bool changed;
};

static void note_run(void *ctx, const char *s, size_t n)
{
	struct as_is *a = ctx;

	a->changed |= a->runs++ > 0 || s != a->text;
	a->n = n;
}

/* TEXT needs no sanitizing: render_sanitize would give it back byte for byte. */
static bool sanitized_already(const char *text)
{
	struct as_is a = { text, 0, 0, false };

	render_sanitize_each(text, note_run, &a);
	return !a.changed && (a.runs == 0 ? *text == '\0' : text[a.n] == '\0');
}

static void put_file(void *ctx, const char *s, size_t n)
{
	fwrite(s, 1, n, ctx);
}

void render_fputs_sanitized(const char *text, FILE *fp)
{
	render_sanitize_each(text, put_file, fp);
}

/*
 * Write up to n bytes of a word that fit in cols columns; returns bytes
 * written.  Whole characters only; when even the first does not fit it is
 * written anyway if force (a fresh line), else nothing is.
 */
static size_t put_fitting(FILE *fp, const char *w, size_t n, size_t cols, bool force, size_t *used)
{
	size_t i = 0;

	*used = 0;
	while (i < n) {
		unsigned long cp;
		size_t k, cw;

		if (IS_ASCII(w[i])) { /* a run of ASCII, a column each, in one write */
			size_t j = i;
			while (j < n && IS_ASCII(w[j]) &&
			       (*used + 1 <= cols || (j == 0 && force))) {
				(*used)++;
				j++;
			}
			if (j > i)
				fwrite(w + i, 1, j - i, fp);
			if (j < n && IS_ASCII(w[j]))
				return j; /* the next one does not fit */
			i = j;
			continue;
		}
		k = render_utf8_next(w + i, &cp);
		cw = (size_t)render_cp_width(cp);
		if (*used + cw > cols && (i > 0 || !force))
			break;
		fwrite(w + i, 1, k, fp);
		*used += cw;
		i += k;
	}
	return i;
}

/* The word at s (up to a space or the end): its bytes in *n, its columns returned. */
static size_t word_at(const char *s, size_t *n)
{
	size_t i = 0, w = 0;

	for (;;) {
		size_t j = i;
		unsigned long cp;
		/* printable ASCII, a column a byte: the common case, tightly */
		while ((unsigned char)s[j] > ' ' && (unsigned char)s[j] < 0x80)
			j++;
		w += j - i;
		i = j;
		if (s[i] == ' ' || !s[i])
			break;
		if (IS_ASCII(s[i])) {
			i++;
			w++;
			continue;
		}
		i += render_utf8_next(s + i, &cp);
		w += (size_t)render_cp_width(cp);
	}
	*n = i;
	return w;
}

/*
 * A wrapped line is written as it stands in the sanitized text: words one
 * space apart there are one run, written with one fwrite before anything
 * else writes (a line's end, a style, a broken word), not two calls and a
 * copy a word.  Where the text has more spaces between two words, the run
 * ends and the next starts at the space before the word (the output has
 * one space, as before).
 */
struct run {
	FILE *fp;
	const char *s; /* in the sanitized text */
	size_t n;
};

static void run_flush(struct run *r)
{
	if (r->n)
		fwrite(r->s, 1, r->n, r->fp);
	r->n = 0;
}

/* Add S[0, N) to the run; S is in the same text, after the run. */
static void run_add(struct run *r, const char *s, size_t n)
{
	if (r->n && r->s + r->n != s)
		run_flush(r);
	if (!r->n)
		r->s = s;
	r->n += n;
}

/* End a wrapped line and start the next one under REST. */
static void next_line(struct out *o, enum style st, const char *rest)
{
	if (st != STYLE_NONE)
		out_style(o, STYLE_NONE);
	fputc('\n', o->fp);
	fputs(rest, o->fp);
	if (st != STYLE_NONE)
		out_style(o, st);
}

static void wrap(struct out *o, enum style st, const char *first, const char *rest,
		 const char *text)
{
	/* most text needs no change: wrapped where it is, not copied */
	bool as_is = sanitized_already(text);
	char *copy = as_is ? NULL : render_sanitize(text);
	const char *clean = as_is ? text : copy, *p;
	size_t col, width = o->width > 0 ? (size_t)o->width : (size_t)-1;
	size_t rest_w;
	bool line_empty = true;
	struct run run;

	first = first ? first : "";
	rest = rest ? rest : "";
	rest_w = render_width(rest);
	fputs(first, o->fp);
	if (!clean) {
		/* no memory to wrap it in (noted): the text unwrapped, never left out,
		 * for this may be the crisis line */
		render_fputs_sanitized(text, o->fp);
		fputc('\n', o->fp);
		return;
	}
	col = render_width(first);
	if (st != STYLE_NONE)
		out_style(o, st);
	run.fp = o->fp;
	run.s = clean;
	run.n = 0;
	for (p = clean; *p;) {
		size_t n, w;

		while (*p == ' ')
			p++;
		if (!*p)
			break;
		w = word_at(p, &n);
		if (!line_empty && col + 1 + w > width) {
			run_flush(&run);
			next_line(o, st, rest);
			col = rest_w;
			line_empty = true;
		}
		if (!line_empty) {
			run_add(&run, p - 1, 1); /* the space before the word (skipped above) */
			col++;
		}
		/* a word that fits a REST line but not after FIRST moves down */
		if (line_empty && col > rest_w && col + w > width && rest_w + w <= width) {
			run_flush(&run);
			next_line(o, st, rest);
			col = rest_w;
		}
		/* a word wider than a whole line is broken between characters */
		if (col + w > width && w > 0)
			run_flush(&run);
		while (col + w > width && w > 0) {
			size_t used, avail = width > col ? width - col : 0;
			size_t k = put_fitting(o->fp, p, n, avail, col <= rest_w, &used);
			p += k;
			n -= k;
			w -= used;
			if (n == 0)
				break;
			next_line(o, st, rest);
			col = rest_w;
		}
		run_add(&run, p, n);
		col += w;
		p += n;
		line_empty = false;
	}
	run_flush(&run);
	if (st != STYLE_NONE)
		out_style(o, STYLE_NONE);
	fputc('\n', o->fp);
	free(copy);
}

void out_wrap(struct out *o, const char *first, const char *rest, const char *text)
{
	wrap(o, STYLE_NONE, first, rest, text);
}

void out_wrap_styled(struct out *o, enum style s, const char *first, const char *rest,
		     const char *text)
{
	wrap(o, s, first, rest, text);
}

const char *render_crisis_line(const struct content *c)
{
	return c && c->crisis_line ? c->crisis_line : safety_crisis_line;
}

const char *render_disclaimer(const struct content *c)
{
	return c && c->disclaimer ? c->disclaimer : safety_disclaimer;
}

void render_footer_text(struct out *o, const struct content *c)
{
	fputc('\n', o->fp);
	out_wrap_styled(o, STYLE_ALERT, NULL, NULL, render_crisis_line(c));
	fputc('\n', o->fp);
	out_wrap_styled(o, STYLE_DIM, NULL, NULL, render_disclaimer(c));
}

/* ---- markdown ---- */

/* Characters escaped wherever they appear: emphasis, code, links, HTML,
 * entities, pandoc's tables, sub/superscript, math and citations. */
static bool md_special(char ch)
{
	return ch && strchr("\\`*_[]<>|~^$&@", ch) != NULL;
}

/* Markdown text escaped with no look-around: any character that can be markup. */
static void put_md_escaped(void *ctx, const char *s, size_t n)
{
	FILE *fp = ctx;
	size_t i;

	for (i = 0; i < n; i++) {
		if (md_special(s[i]) || strchr("#-+=:.)", s[i]))
			fputc('\\', fp);
		fputc(s[i], fp);
	}
}

void render_md_text(FILE *fp, const char *text)
{
	char *clean = render_sanitize(text);
	const char *p;
	bool start = true, space = false;

	if (!clean) {
		/* no memory (noted): every markup character escaped, the text kept */
		render_sanitize_each(text, put_md_escaped, fp);
		return;
	}
	for (p = clean; *p; p++) {
		if (*p == ' ') {
			space = true;
			continue;
		}
		if (space && !start)
			fputc(' ', fp);
		space = false;
		if (start) {
			const char *d = p;
			/* block markers: headings, lists, setext, definitions */
			if (strchr("#-+=:", *p))
				fputc('\\', fp);
			/* an ordered list marker: digits then "." or ")" */
			while (*d >= '0' && *d <= '9')
				d++;
			if (d > p && (*d == '.' || *d == ')')) {
				fwrite(p, 1, (size_t)(d - p), fp);
				fputc('\\', fp);
				p = d;
			}
			start = false;
		}
		if (md_special(*p))
			fputc('\\', fp);
		fputc(*p, fp);
	}
	free(clean);
}

void render_footer_markdown(FILE *fp, const struct content *c)
{
	fputs("\n---\n\n**", fp);
	render_md_text(fp, render_crisis_line(c));
	fputs("**\n\n*", fp);
	render_md_text(fp, render_disclaimer(c));
	fputs("*\n", fp);
}

/* ---- JSON ---- */

void json_init(struct json_writer *j, FILE *fp)
{
	j->fp = fp;
	j->depth = 0;
	j->need_comma = false;
	j->after_key = false;
}

static void json_indent(struct json_writer *j)
{
	int i;

	fputc('\n', j->fp);
	for (i = 0; i < j->depth; i++)
		fputs("  ", j->fp);
}

/* Separate and place the next value (or key). */
static void json_value_start(struct json_writer *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->need_comma)
		fputc(',', j->fp);
	if (j->depth > 0)
		json_indent(j);
}

static void json_open(struct json_writer *j, char ch)
{
	json_value_start(j);
	fputc(ch, j->fp);
	j->depth++;
	j->need_comma = false;
}

static void json_close(struct json_writer *j, char ch)
{
	bool empty = !j->need_comma;

	j->depth--;
	if (!empty)
		json_indent(j);
	fputc(ch, j->fp);
	j->need_comma = true;
}

void json_begin_object(struct json_writer *j)
{
	json_open(j, '{');
}

void json_end_object(struct json_writer *j)
{
	json_close(j, '}');
}

void json_begin_array(struct json_writer *j)
{
	json_open(j, '[');
}

void json_end_array(struct json_writer *j)
{
	json_close(j, ']');
}

/* The JSON escape of N bytes at P (whole characters). */
static void json_escape_n(FILE *fp, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;

	while (p < end) {
		unsigned long cp;
		size_t n = render_utf8_next((const char *)p, &cp);

		if (*p == '"' || *p == '\\') {
			fputc('\\', fp);
			fputc(*p, fp);
		} else if (*p == '\n') {
			fputs("\\n", fp);
		} else if (*p == '\t') {
			fputs("\\t", fp);
		} else if (*p == '\r') {
			fputs("\\r", fp);
		} else if (*p < 0x20 || *p == 0x7F) {
			fprintf(fp, "\\u%04x", *p);
		} else if (cp == 0x2028 || cp == 0x2029 || (cp == 0xFFFD && n == 1) ||
			   (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
			   (cp >= 0x2066 && cp <= 0x2069)) {
			/*
			 * U+2028, U+2029: valid JSON, but not in JavaScript strings;
			 * a byte that is not UTF-8 (a file name can hold one) is
			 * U+FFFD; C1 controls and bidi overrides stay exact but
			 * escaped, so a terminal showing the JSON never sees them raw
			 */
			fprintf(fp, "\\u%04lx", cp);
		} else {
			fwrite(p, 1, n, fp);
		}
		p += n;
	}
}

void render_json_escape(FILE *fp, const char *s)
{
	json_escape_n(fp, s, strlen(s));
}

static void put_json(void *ctx, const char *s, size_t n)
{
	json_escape_n(ctx, s, n);
}

void json_key(struct json_writer *j, const char *key)
{
	json_value_start(j);
	fputc('"', j->fp);
	render_json_escape(j->fp, key);
	fputs("\": ", j->fp);
	j->after_key = true;
	j->need_comma = true;
}

void json_string(struct json_writer *j, const char *s)
{
	json_value_start(j);
	j->need_comma = true;
	if (!s) {
		fputs("null", j->fp);
		return;
	}
	/* sanitised and escaped as it streams: nothing to allocate, nothing to lose */
	fputc('"', j->fp);
	render_sanitize_each(s, put_json, j->fp);
	fputc('"', j->fp);
}

void json_int(struct json_writer *j, long v)
{
	json_value_start(j);
	j->need_comma = true;
	fprintf(j->fp, "%ld", v);
}

void json_bool(struct json_writer *j, bool v)
{
	json_value_start(j);
	j->need_comma = true;
	fputs(v ? "true" : "false", j->fp);
}

void json_strings(struct json_writer *j, const char *const *v, size_t n)
{
	size_t i;

	json_begin_array(j);
	for (i = 0; i < n; i++)
		json_string(j, v[i]);
	json_end_array(j);
}

void json_finish(struct json_writer *j)
{
	fputc('\n', j->fp);
}

void render_footer_json(struct json_writer *j, const struct content *c)
{
	json_key(j, "crisis");
	json_string(j, render_crisis_line(c));
	json_key(j, "disclaimer");
	json_string(j, render_disclaimer(c));
}
