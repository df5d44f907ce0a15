/* jsonpos.c — a small JSON scanner that finds positions and duplicate keys. */
#include "jsonpos.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCAN_MAX_DEPTH 512
#define PATH_MAX_LEN 1024

struct key {
	char *name;
	size_t off;
	size_t path_len; /* length of the member's pointer in path */
	char *path;      /* pointer of the member, only for duplicates */
};

struct scan {
	const char *buf;
	size_t len, pos;
	char path[PATH_MAX_LEN];
	size_t plen;
	int depth, max_depth, depth_limit;
	bool stop;

	const char *target; /* jsonpos_locate */
	bool found;
	size_t found_off, parent_off;

	jsonpos_dup_fn dup; /* jsonpos_duplicates */
	void *ctx;
	int ndup;
};

void jsonpos_linecol(const char *buf, size_t len, size_t off, int *line, int *col)
{
	size_t i;
	int l = 1, c = 1;

	if (off > len)
		off = len;
	for (i = 0; i < off; i++) {
		unsigned char b = (unsigned char)buf[i];
		if (b == '\n') {
			l++;
			c = 1;
		} else if ((b & 0xC0) != 0x80) {
			c++; /* count characters, not continuation bytes */
		}
	}
	*line = l;
	*col = c;
}

static void skip_ws(struct scan *s)
{
	while (s->pos < s->len) {
		char ch = s->buf[s->pos];
		if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r')
			break;
		s->pos++;
	}
}

static void put_utf8(char *out, size_t *n, unsigned long cp)
{
	if (cp < 0x80) {
		out[(*n)++] = (char)cp;
	} else if (cp < 0x800) {
		out[(*n)++] = (char)(0xC0 | (cp >> 6));
		out[(*n)++] = (char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		out[(*n)++] = (char)(0xE0 | (cp >> 12));
		out[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[(*n)++] = (char)(0x80 | (cp & 0x3F));
	} else {
		out[(*n)++] = (char)(0xF0 | (cp >> 18));
		out[(*n)++] = (char)(0x80 | ((cp >> 12) & 0x3F));
		out[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[(*n)++] = (char)(0x80 | (cp & 0x3F));
	}
}

static int hex4(const char *p, size_t avail, unsigned long *v)
{
	size_t i;

	if (avail < 4)
		return -1;
	*v = 0;
	for (i = 0; i < 4; i++) {
		char ch = p[i];
		*v <<= 4;
		if (ch >= '0' && ch <= '9')
			*v |= (unsigned long)(ch - '0');
		else if (ch >= 'a' && ch <= 'f')
			*v |= (unsigned long)(ch - 'a' + 10);
		else if (ch >= 'A' && ch <= 'F')
			*v |= (unsigned long)(ch - 'A' + 10);
		else
			return -1;
	}
	return 0;
}

/*
 * Scan a string at s->pos (on its opening quote).  When out is not NULL,
 * the decoded text is returned in a heap buffer (caller frees).
 */
static bool scan_string(struct scan *s, char **out)
{
	size_t start = ++s->pos, n = 0;
	char *dec = NULL;

	if (out) {
		/* decoded text is never longer than the raw text */
		size_t end = start;
		while (end < s->len && s->buf[end] != '"')
			end += s->buf[end] == '\\' ? 2 : 1;
		dec = malloc(end - start + 5);
		if (!dec)
			return false;
	}
	while (s->pos < s->len) {
		char ch = s->buf[s->pos];
		if (ch == '"') {
			s->pos++;
			if (out) {
				dec[n] = '\0';
				*out = dec;
			}
			return true;
		}
		if (ch != '\\') {
			if (dec)
				dec[n++] = ch;
			s->pos++;
			continue;
		}
		if (++s->pos >= s->len)
			break;
		ch = s->buf[s->pos++];
		if (ch == 'u') {
			unsigned long cp, lo;
			if (hex4(s->buf + s->pos, s->len - s->pos, &cp) != 0)
				break;
			s->pos += 4;
			if (cp >= 0xD800 && cp < 0xDC00 && s->pos + 6 <= s->len &&
			    s->buf[s->pos] == '\\' && s->buf[s->pos + 1] == 'u' &&
			    hex4(s->buf + s->pos + 2, 4, &lo) == 0 && lo >= 0xDC00 && lo < 0xE000) {
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				s->pos += 6;
			}
			if (dec)
				put_utf8(dec, &n, cp);
			continue;
		}
		if (dec) {
			switch (ch) {
			case 'b': ch = '\b'; break;
			case 'f': ch = '\f'; break;
			case 'n': ch = '\n'; break;
			case 'r': ch = '\r'; break;
			case 't': ch = '\t'; break;
			default: break;
			}
			dec[n++] = ch;
		}
	}
	free(dec);
	s->stop = true;
	return false;
}

/* Append "/" and the escaped token; returns the previous length. */
static size_t path_push(struct scan *s, const char *tok)
{
	size_t old = s->plen;
	const char *p;

	if (s->plen + 1 < PATH_MAX_LEN)
		s->path[s->plen++] = '/';
	for (p = tok; *p; p++) {
		const char *rep = *p == '~' ? "~0" : *p == '/' ? "~1" : NULL;
		size_t k = rep ? 2 : 1;
		if (s->plen + k >= PATH_MAX_LEN)
			break;
		if (rep) {
			memcpy(s->path + s->plen, rep, 2);
		} else {
			s->path[s->plen] = *p;
		}
		s->plen += k;
	}
	s->path[s->plen] = '\0';
	return old;
}

static void path_pop(struct scan *s, size_t old)
{
	s->plen = old;
	s->path[old] = '\0';
}

static void scan_value(struct scan *s);

static int key_cmp(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	int r = strcmp(x->name, y->name);

	if (r)
		return r;
	return x->off < y->off ? -1 : x->off > y->off;
}

static int key_off_cmp(const void *a, const void *b)
{
	const struct key *x = a, *y = b;

	return x->off < y->off ? -1 : x->off > y->off;
}

/* Sort the keys, then report every repeat in source order. */
static void report_duplicates(struct scan *s, struct key *keys, size_t n)
{
	size_t i, ndup = 0;
	struct key *dups;

	if (n < 2)
		return;
	qsort(keys, n, sizeof(*keys), key_cmp);
	dups = malloc(n * sizeof(*dups));
	if (!dups)
		return;
	for (i = 1; i < n; i++)
		if (strcmp(keys[i].name, keys[i - 1].name) == 0)
			dups[ndup++] = keys[i];
	qsort(dups, ndup, sizeof(*dups), key_off_cmp);
	for (i = 0; i < ndup; i++) {
		int line, col;
		size_t old = path_push(s, dups[i].name);
		jsonpos_linecol(s->buf, s->len, dups[i].off, &line, &col);
		s->dup(s->ctx, s->path, line, col);
		path_pop(s, old);
		s->ndup++;
	}
	free(dups);
}

static void scan_object(struct scan *s)
{
	struct key *keys = NULL;
	size_t n = 0, cap = 0, i;

	s->pos++;
	skip_ws(s);
	if (s->pos < s->len && s->buf[s->pos] == '}') {
		s->pos++;
		return;
	}
	while (!s->stop && s->pos < s->len) {
		char *name = NULL;
		size_t key_off = s->pos, old;

		if (s->buf[s->pos] != '"' || !scan_string(s, &name)) {
			s->stop = true;
			break;
		}
		if (s->dup) {
			if (n == cap) {
				size_t ncap = cap ? cap * 2 : 8;
				struct key *k = realloc(keys, ncap * sizeof(*k));
				if (!k) {
					free(name);
					s->stop = true;
					break;
				}
				keys = k;
				cap = ncap;
			}
			keys[n].name = name;
			keys[n].off = key_off;
			n++;
		}
		skip_ws(s);
		if (s->pos >= s->len || s->buf[s->pos] != ':') {
			if (!s->dup)
				free(name);
			s->stop = true;
			break;
		}
		s->pos++;
		skip_ws(s);
		old = path_push(s, name);
		if (!s->dup)
			free(name);
		scan_value(s);
		path_pop(s, old);
		skip_ws(s);
		if (s->pos < s->len && s->buf[s->pos] == ',') {
			s->pos++;
			skip_ws(s);
			continue;
		}
		if (s->pos < s->len && s->buf[s->pos] == '}')
			s->pos++;
		else
			s->stop = true;
		break;
	}
	if (s->dup)
		report_duplicates(s, keys, n);
	for (i = 0; i < n; i++)
		free(keys[i].name);
	free(keys);
}

static void scan_array(struct scan *s)
{
	size_t idx = 0;

	s->pos++;
	skip_ws(s);
	if (s->pos < s->len && s->buf[s->pos] == ']') {
		s->pos++;
		return;
	}
	while (!s->stop && s->pos < s->len) {
		char num[24];
		size_t old;

		snprintf(num, sizeof(num), "%zu", idx++);
		old = path_push(s, num);
		scan_value(s);
		path_pop(s, old);
		skip_ws(s);
		if (s->pos < s->len && s->buf[s->pos] == ',') {
			s->pos++;
			skip_ws(s);
			continue;
		}
		if (s->pos < s->len && s->buf[s->pos] == ']')
			s->pos++;
		else
			s->stop = true;
		break;
	}
}

static void scan_value(struct scan *s)
{
	char ch;

	skip_ws(s);
	if (s->pos >= s->len) {
		s->stop = true;
		return;
	}
	if (s->target) {
		size_t tl = strlen(s->target);
		if (strcmp(s->path, s->target) == 0) {
			s->found = true;
			s->found_off = s->pos;
			s->stop = true;
			return;
		}
		if (tl > s->plen && strncmp(s->path, s->target, s->plen) == 0 &&
		    s->target[s->plen] == '/')
			s->parent_off = s->pos;
	}
	ch = s->buf[s->pos];
	if (ch == '{' || ch == '[') {
		if (++s->depth > s->max_depth)
			s->max_depth = s->depth;
		if (s->depth > s->depth_limit) {
			s->stop = true;
			return;
		}
		if (ch == '{')
			scan_object(s);
		else
			scan_array(s);
		s->depth--;
	} else if (ch == '"') {
		scan_string(s, NULL);
	} else {
		/* number, true, false, null: run to the next delimiter */
		size_t start = s->pos;
		while (s->pos < s->len && !strchr(",]} \t\r\n", s->buf[s->pos]))
			s->pos++;
		if (s->pos == start)
			s->stop = true;
	}
}

static void scan_init(struct scan *s, const char *buf, size_t len)
{
	memset(s, 0, sizeof(*s));
	s->buf = buf;
	s->len = len;
	s->depth_limit = SCAN_MAX_DEPTH;
	/* a UTF-8 byte order mark is not part of the value */
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		s->pos = 3;
}

int jsonpos_locate(const char *buf, size_t len, const char *pointer, int *line, int *col)
{
	struct scan s;

	scan_init(&s, buf, len);
	s.target = pointer;
	s.parent_off = s.pos;
	skip_ws(&s);
	s.parent_off = s.pos;
	scan_value(&s);
	jsonpos_linecol(buf, len, s.found ? s.found_off : s.parent_off, line, col);
	return s.found ? 0 : -1;
}

int jsonpos_duplicates(const char *buf, size_t len, jsonpos_dup_fn fn, void *ctx)
{
	struct scan s;

	scan_init(&s, buf, len);
	s.dup = fn;
	s.ctx = ctx;
	scan_value(&s);
	return s.ndup;
}

/* ---- strict validation ---- */

struct valid {
	const char *b;
	size_t len, pos;
	int depth, max_depth;
	const char *what;
};

static int v_fail(struct valid *v, const char *what)
{
	if (!v->what)
		v->what = what;
	return -1;
}

static void v_ws(struct valid *v)
{
	while (v->pos < v->len && strchr(" \t\r\n", v->b[v->pos]) && v->b[v->pos])
		v->pos++;
}

static int v_string(struct valid *v)
{
	v->pos++;
	while (v->pos < v->len) {
		unsigned char c = (unsigned char)v->b[v->pos];
		if (c == '"') {
			v->pos++;
			return 0;
		}
		if (c < 0x20)
			return v_fail(v, "a control character must be escaped in a string");
		if (c == '\\') {
			unsigned long cp;
			if (++v->pos >= v->len)
				break;
			c = (unsigned char)v->b[v->pos];
			if (c == 'u') {
				if (hex4(v->b + v->pos + 1, v->len - v->pos - 1, &cp) != 0)
					return v_fail(v, "\\u needs four hex digits");
				v->pos += 5;
				continue;
			}
			if (!strchr("\"\\/bfnrt", c) || !c)
				return v_fail(v, "unknown escape in a string");
		}
		v->pos++;
	}
	return v_fail(v, "the string is not closed");
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int v_number(struct valid *v)
{
	const char *b = v->b;

	if (v->pos < v->len && b[v->pos] == '-')
		v->pos++;
	if (v->pos >= v->len || !is_digit(b[v->pos]))
		return v_fail(v, "a value");
	if (b[v->pos] == '0')
		v->pos++;
	else
		while (v->pos < v->len && is_digit(b[v->pos]))
			v->pos++;
	if (v->pos < v->len && b[v->pos] == '.') {
		if (++v->pos >= v->len || !is_digit(b[v->pos]))
			return v_fail(v, "digits after the decimal point");
		while (v->pos < v->len && is_digit(b[v->pos]))
			v->pos++;
	}
	if (v->pos < v->len && (b[v->pos] == 'e' || b[v->pos] == 'E')) {
		v->pos++;
		if (v->pos < v->len && (b[v->pos] == '+' || b[v->pos] == '-'))
			v->pos++;
		if (v->pos >= v->len || !is_digit(b[v->pos]))
			return v_fail(v, "digits in the exponent");
		while (v->pos < v->len && is_digit(b[v->pos]))
			v->pos++;
	}
	return 0;
}

static int v_value(struct valid *v);

static int v_container(struct valid *v, char close)
{
	if (++v->depth > v->max_depth)
		return v_fail(v, "less deeply nested data");
	v->pos++;
	v_ws(v);
	if (v->pos < v->len && v->b[v->pos] == close) {
		v->pos++;
		v->depth--;
		return 0;
	}
	for (;;) {
		if (close == '}') {
			if (v->pos >= v->len || v->b[v->pos] != '"')
				return v_fail(v, "a key in double quotes");
			if (v_string(v) != 0)
				return -1;
			v_ws(v);
			if (v->pos >= v->len || v->b[v->pos] != ':')
				return v_fail(v, "':' after the key");
			v->pos++;
		}
		if (v_value(v) != 0)
			return -1;
		v_ws(v);
		if (v->pos < v->len && v->b[v->pos] == ',') {
			v->pos++;
			v_ws(v);
			continue;
		}
		if (v->pos < v->len && v->b[v->pos] == close) {
			v->pos++;
			v->depth--;
			return 0;
		}
		return v_fail(v, close == '}' ? "',' or '}'" : "',' or ']'");
	}
}

static int v_value(struct valid *v)
{
	static const char *const words[] = { "true", "false", "null" };
	size_t i;

	v_ws(v);
	if (v->pos >= v->len)
		return v_fail(v, "a value");
	switch (v->b[v->pos]) {
	case '{': return v_container(v, '}');
	case '[': return v_container(v, ']');
	case '"': return v_string(v);
	default: break;
	}
	for (i = 0; i < 3; i++) {
		size_t n = strlen(words[i]);
		if (v->len - v->pos >= n && memcmp(v->b + v->pos, words[i], n) == 0) {
			v->pos += n;
			return 0;
		}
	}
	return v_number(v);
}

int jsonpos_valid(const char *buf, size_t len, int max_depth, size_t *err_off, const char **what)
{
	struct valid v = { buf, len, 0, 0, max_depth, NULL };

	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		v.pos = 3;
	if (v_value(&v) == 0) {
		v_ws(&v);
		if (v.pos == len)
			return 0;
		v_fail(&v, "the end of the file after the value");
	}
	*err_off = v.pos;
	*what = v.what;
	return -1;
}
