/* jsonpos.c — a small JSON scanner that finds positions and duplicate keys. */
#include "jsonpos.h"

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nameset.h"

#define SCAN_MAX_DEPTH 512
#define PATH_MAX_LEN 1024

/* A string's text up to any NUL: borrowed from the buffer when it has no escapes, else decoded. */
struct text {
	const char *s; /* len bytes, not NUL-terminated */
	size_t len;
	char *owned; /* the decoded copy (s points into it), or NULL */
};

struct key {
	struct text name;
	size_t off;
};

/* A pointer, or a parent's prefix of one, that jsonpos_locate_all() looks for. */
struct target {
	const char *s; /* not NUL-terminated: len bytes */
	size_t len;
	size_t off; /* where its value starts; SIZE_MAX until it is seen */
};

/* A repeated key found by jsonpos_duplicates(), reported once all are found. */
struct dup_key {
	char *path;
	size_t off;
};

struct scan {
	const char *buf;
	size_t len, pos;
	char path[PATH_MAX_LEN];
	size_t plen;
	int depth, max_depth, depth_limit;
	bool stop;
	bool oom;

	const char *target; /* jsonpos_locate */
	bool found;
	size_t found_off, parent_off;

	struct target *tg; /* jsonpos_locate_all: sorted, no two alike */
	size_t ntg, unseen;

	bool dup; /* jsonpos_duplicates */
	struct dup_key *dups;
	size_t ndups, capdups;
	size_t place;    /* at most this many repeats get a pointer and a place */
	size_t unplaced; /* the repeats after them: only counted */
};

/* Move line and column *l, *c at byte from on to byte to. */
static void advance(const char *buf, size_t from, size_t to, int *l, int *c)
{
	size_t i;

	for (i = from; i < to; i++) {
		unsigned char b = (unsigned char)buf[i];
		if (b == '\n') {
			(*l)++;
			*c = 1;
		} else if ((b & 0xC0) != 0x80) {
			(*c)++; /* count characters, not continuation bytes */
		}
	}
}

void jsonpos_linecol(const char *buf, size_t len, size_t off, int *line, int *col)
{
	int l = 1, c = 1;

	advance(buf, 0, off > len ? len : off, &l, &c);
	*line = l;
	*col = c;
}

/* An offset and the query it belongs to. */
struct spot {
	size_t off, idx;
};

static int spot_cmp(const void *a, const void *b)
{
	const struct spot *x = a, *y = b;

	if (x->off != y->off)
		return x->off < y->off ? -1 : 1;
	return (x->idx > y->idx) - (x->idx < y->idx);
}

/*
 * The line and column of n offsets (sp[i].off, for q[sp[i].idx]) in one
 * pass over buf: sorted first, so the text is walked once whatever n is.
 */
static void linecol_all(const char *buf, size_t len, struct spot *sp, size_t n,
			struct jsonpos_query *q)
{
	size_t i, at = 0;
	int l = 1, c = 1;

	for (i = 1; i < n && sp[i - 1].off <= sp[i].off; i++)
		;
	if (i < n) /* often they come in order already */
		qsort(sp, n, sizeof(*sp), spot_cmp);
	for (i = 0; i < n; i++) {
		size_t off = sp[i].off > len ? len : sp[i].off;
		advance(buf, at, off, &l, &c);
		at = off;
		q[sp[i].idx].line = l;
		q[sp[i].idx].col = c;
	}
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
 * Scan a string at s->pos (on its opening quote).  When out is not NULL it
 * gets the string's text: most keys have no escapes, and are used where
 * they are in the buffer; the others are decoded into a heap copy (freed
 * by the caller through out->owned).
 */
static bool scan_string(struct scan *s, struct text *out)
{
	size_t start = ++s->pos, end = start;
	bool escaped = false;
	char *dec;

	while (end < s->len && s->buf[end] != '"') {
		escaped |= s->buf[end] == '\\';
		end += s->buf[end] == '\\' ? 2 : 1;
	}
	if (end >= s->len) {
		s->pos = s->len;
		s->stop = true;
		return false;
	}
	s->pos = end + 1;
	if (!out)
		return true;
	if (!escaped) {
		const char *nul = memchr(s->buf + start, '\0', end - start);
		out->s = s->buf + start;
		out->len = nul ? (size_t)(nul - out->s) : end - start;
		out->owned = NULL;
		return true;
	}
	dec = malloc(end - start + 1);
	if (!dec) {
		s->oom = s->stop = true;
		return false;
	}
	/* up to a NUL (\u0000), as cJSON's keys are C strings */
	jsonpos_unescape(s->buf + start, end - start, dec);
	out->s = out->owned = dec;
	out->len = strlen(dec);
	return true;
}

/* Append "/" and the escaped token (len bytes); returns the previous length. */
static size_t path_push(struct scan *s, const char *tok, size_t len)
{
	size_t old = s->plen, i;

	if (s->plen + 1 < PATH_MAX_LEN)
		s->path[s->plen++] = '/';
	for (i = 0; i < len; i++) {
		char ch = tok[i];
		const char *rep = ch == '~' ? "~0" : ch == '/' ? "~1" : NULL;
		size_t k = rep ? 2 : 1;
		if (s->plen + k >= PATH_MAX_LEN)
			break;
		if (rep) {
			memcpy(s->path + s->plen, rep, 2);
		} else {
			s->path[s->plen] = ch;
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

/* Byte strings of known length in memcmp order, a prefix before what it prefixes. */
static int bytes_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	int r = memcmp(a, b, alen < blen ? alen : blen);

	if (r)
		return r;
	return (alen > blen) - (alen < blen);
}

static int target_cmp(const void *a, const void *b)
{
	const struct target *x = a, *y = b;

	return bytes_cmp(x->s, x->len, y->s, y->len);
}

static struct target *target_find(struct target *tg, size_t n, const char *s, size_t len)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int r = bytes_cmp(tg[mid].s, tg[mid].len, s, len);
		if (r == 0)
			return &tg[mid];
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/*
 * Keep every key that repeats an earlier one of the same object, in source
 * order; positions come later, all at once.  keys[] is in source order, so
 * one pass through a set of the names met so far marks the repeats.
 */
static void find_duplicates(struct scan *s, struct key *keys, size_t n)
{
	struct nameset seen = { 0 };
	size_t i;
	bool *dup;

	if (n < 2)
		return;
	dup = calloc(n, sizeof(*dup));
	if (!dup || nameset_init(&seen, n) != 0) {
		s->oom = s->stop = true;
		goto out;
	}
	for (i = 0; i < n; i++)
		dup[i] = nameset_add(&seen, keys[i].name.s, keys[i].name.len);
	for (i = 0; i < n && !s->oom; i++) {
		size_t old;
		char *path;
		if (!dup[i])
			continue;
		if (s->ndups >= s->place) {
			s->unplaced++;
			continue;
		}
		old = path_push(s, keys[i].name.s, keys[i].name.len);
		path = malloc(s->plen + 1);
		if (path && s->ndups == s->capdups) {
			size_t cap = s->capdups ? s->capdups * 2 : 16;
			struct dup_key *d = realloc(s->dups, cap * sizeof(*d));
			if (d) {
				s->dups = d;
				s->capdups = cap;
			} else {
				free(path);
				path = NULL;
			}
		}
		if (path) {
			memcpy(path, s->path, s->plen + 1);
			s->dups[s->ndups].path = path;
			s->dups[s->ndups++].off = keys[i].off;
		} else {
			s->oom = s->stop = true;
		}
		path_pop(s, old);
	}
out:
	nameset_free(&seen);
	free(dup);
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
		struct text name;
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
					free(name.owned);
					s->oom = s->stop = true;
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
				free(name.owned);
			s->stop = true;
			break;
		}
		s->pos++;
		skip_ws(s);
		old = path_push(s, name.s, name.len);
		if (!s->dup)
			free(name.owned);
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
		find_duplicates(s, keys, n);
	for (i = 0; i < n; i++)
		free(keys[i].name.owned);
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

		int k = snprintf(num, sizeof(num), "%zu", idx++);
		old = path_push(s, num, (size_t)k);
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
	if (s->tg) {
		struct target *t = target_find(s->tg, s->ntg, s->path, s->plen);
		if (t && t->off == SIZE_MAX) {
			t->off = s->pos;
			if (--s->unseen == 0) {
				s->stop = true; /* every one is found: the rest need not be read */
				return;
			}
		}
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

/*
 * The prefixes of pointer p that jsonpos_locate_all() looks for: "" (the
 * root), each parent ("/a" of "/a/b") and p itself.  Fills tg when it is
 * not NULL; returns how many.
 */
static size_t prefixes(const char *p, struct target *tg)
{
	size_t len = strlen(p), k, n = 0;

	for (k = 0; k <= len; k++) {
		if (k == 0 || k == len || p[k] == '/') {
			if (tg) {
				tg[n].s = p;
				tg[n].len = k;
				tg[n].off = SIZE_MAX;
			}
			n++;
		}
	}
	return n;
}

int jsonpos_locate_all(const char *buf, size_t len, struct jsonpos_query *q, size_t n)
{
	struct scan s;
	struct target *tg = NULL;
	struct spot *sp = NULL;
	size_t ntg = 0, i, k, root_off;
	int ret = -1;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		if (q[i].pointer)
			ntg += prefixes(q[i].pointer, NULL);
	tg = malloc((ntg ? ntg : 1) * sizeof(*tg));
	sp = malloc(n * sizeof(*sp));
	if (!tg || !sp)
		goto out;
	for (i = 0, ntg = 0; i < n; i++)
		if (q[i].pointer)
			ntg += prefixes(q[i].pointer, tg + ntg);
	qsort(tg, ntg, sizeof(*tg), target_cmp);
	for (i = 0, k = 0; i < ntg; i++)
		if (k == 0 || target_cmp(&tg[k - 1], &tg[i]) != 0)
			tg[k++] = tg[i];
	ntg = k;

	scan_init(&s, buf, len);
	skip_ws(&s);
	root_off = s.pos;
	s.tg = tg;
	s.ntg = s.unseen = ntg;
	if (ntg)
		scan_value(&s);

	for (i = 0; i < n; i++) {
		const char *p = q[i].pointer;
		size_t plen;
		struct target *t;

		sp[i].idx = i;
		if (!p) {
			sp[i].off = q[i].off;
			q[i].found = 0;
			continue;
		}
		plen = strlen(p);
		t = target_find(tg, ntg, p, plen);
		if (t && t->off != SIZE_MAX) {
			sp[i].off = t->off;
			q[i].found = 0;
			continue;
		}
		/* the nearest parent that exists */
		q[i].found = -1;
		sp[i].off = root_off;
		for (k = plen; k-- > 0;) {
			if (k > 0 && p[k] != '/')
				continue;
			t = target_find(tg, ntg, p, k);
			if (t && t->off != SIZE_MAX) {
				sp[i].off = t->off;
				break;
			}
		}
	}
	linecol_all(buf, len, sp, n, q);
	ret = 0;
out:
	free(tg);
	free(sp);
	return ret;
}

int jsonpos_duplicates(const char *buf, size_t len, size_t place, jsonpos_dup_fn fn, void *ctx)
{
	struct scan s;
	struct jsonpos_query *q = NULL;
	struct spot *sp = NULL;
	size_t i, all;
	int ret = -1;

	scan_init(&s, buf, len);
	s.dup = true;
	s.place = place;
	scan_value(&s);
	if (s.oom)
		goto out;
	if (s.ndups) {
		q = malloc(s.ndups * sizeof(*q));
		sp = malloc(s.ndups * sizeof(*sp));
		if (!q || !sp)
			goto out;
		for (i = 0; i < s.ndups; i++) {
			sp[i].off = s.dups[i].off;
			sp[i].idx = i;
		}
		linecol_all(buf, len, sp, s.ndups, q);
		for (i = 0; i < s.ndups; i++)
			fn(ctx, s.dups[i].path, q[i].line, q[i].col);
	}
	for (i = 0; i < s.unplaced; i++)
		fn(ctx, NULL, 0, 0);
	all = s.ndups + s.unplaced;
	ret = all > INT_MAX ? INT_MAX : (int)all;
out:
	for (i = 0; i < s.ndups; i++)
		free(s.dups[i].path);
	free(s.dups);
	free(q);
	free(sp);
	return ret;
}

/* ---- strict validation ---- */

struct valid {
	const char *b;
	size_t len, pos;
	int depth, max_depth;
	const char *what;
	jsonpos_token_fn fn; /* jsonpos_parse(): told of each value as it is read */
	void *ctx;
	bool stopped;           /* fn asked to stop */
	bool escaped;           /* the last string read had an escape */
	struct jsonpos_token t; /* the value being read: its key, start and text */
};

/* Tell fn of t; -1 when it asks to stop. */
static int v_emit(struct valid *v)
{
	if (!v->fn || v->fn(v->ctx, &v->t) == 0)
		return 0;
	v->stopped = true;
	return -1;
}

static int v_fail(struct valid *v, const char *what)
{
	if (!v->what)
		v->what = what;
	return -1;
}

static void v_ws(struct valid *v)
{
	while (v->pos < v->len) {
		char c = v->b[v->pos];
		if (c != ' ' && c != '\n' && c != '\t' && c != '\r')
			break;
		v->pos++;
	}
}

/*
 * The length of the UTF-8 character at s (avail bytes there, the first one
 * 0x80 or more), or 0 when it is not one: overlong forms, surrogates and
 * code points past U+10FFFF are not.
 */
static size_t utf8_char(const unsigned char *s, size_t avail)
{
	unsigned long cp;
	size_t n, k;

	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		n = 1;
		cp = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		n = 2;
		cp = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		n = 3;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	if (avail <= n)
		return 0;
	for (k = 1; k <= n; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[k] & 0x3F);
	}
	if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n + 1;
}

/* A \\u escape at p (avail bytes from its backslash): its code unit, or -1 when it is not one. */
static long v_unit(const char *p, size_t avail)
{
	unsigned long cp;

	if (avail < 6 || p[0] != '\\' || p[1] != 'u' || hex4(p + 2, 4, &cp) != 0)
		return -1;
	return (long)cp;
}

/*
 * Past the plain ASCII text at b[pos] (0x20 to 0x7F but the quote and the
 * backslash), eight bytes at a time: most of a file is such text, and this
 * loop was a tenth of check's time byte by byte.  Each test below is true
 * of the word when some byte of it is not plain (the usual bit tricks:
 * (x - 0x01..) & ~x & 0x80.. marks a zero byte, with 0x20.. a byte under
 * 0x20; x & 0x80.. a byte of UTF-8); then the byte loop of v_string()
 * takes over.
 */
static size_t plain_run(const unsigned char *b, size_t pos, size_t len)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;

	while (len - pos >= 8) {
		uint64_t x, q, bs, t;
		memcpy(&x, b + pos, 8);
		q = x ^ (ones * '"');
		bs = x ^ (ones * '\\');
		t = ((x - ones * 0x20) & ~x & high) | ((q - ones) & ~q & high) |
		    ((bs - ones) & ~bs & high) | (x & high);
		if (t) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			/* the lowest mark is always a byte that is not plain (the
			 * tricks err only above one): go straight to it */
			pos += (size_t)__builtin_ctzll(t) / 8;
#endif
			break;
		}
		pos += 8;
	}
	return pos;
}

static int v_string(struct valid *v)
{
	const unsigned char *b = (const unsigned char *)v->b;

	v->pos++;
	v->escaped = false;
	while (v->pos < v->len) {
		unsigned char c;
		v->pos = plain_run(b, v->pos, v->len);
		if (v->pos >= v->len)
			break;
		c = b[v->pos];
		if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
			v->pos++; /* most bytes: plain ASCII text */
			continue;
		}
		if (c >= 0x80) {
			size_t n = utf8_char(b + v->pos, v->len - v->pos);
			if (n == 0)
				return v_fail(v, "text that is not UTF-8");
			v->pos += n;
			continue;
		}
		if (c == '"') {
			v->pos++;
			return 0;
		}
		if (c < 0x20)
			return v_fail(v, "a control character must be escaped in a string");
		if (c == '\\') {
			long cp, lo;
			v->escaped = true;
			if (v->pos + 1 >= v->len)
				break;
			c = (unsigned char)v->b[v->pos + 1];
			if (c != 'u') {
				if (!strchr("\"\\/bfnrt", c) || !c) {
					v->pos++;
					return v_fail(v, "unknown escape in a string");
				}
				v->pos += 2;
				continue;
			}
			cp = v_unit(v->b + v->pos, v->len - v->pos);
			if (cp < 0) {
				v->pos++;
				return v_fail(v, "\\u needs four hex digits");
			}
			/*
			 * UTF-16 surrogates come in pairs, high then low: cJSON
			 * refuses half a pair, so this does too (at the half).
			 */
			if (cp >= 0xDC00 && cp <= 0xDFFF)
				return v_fail(
				    v,
				    "a lone surrogate: \\uDC00 to \\uDFFF must follow \\uD800 to \\uDBFF");
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				lo = v_unit(v->b + v->pos + 6, v->len - v->pos - 6);
				if (lo < 0xDC00 || lo > 0xDFFF)
					return v_fail(
					    v,
					    "a lone surrogate: \\uD800 to \\uDBFF must be followed by \\uDC00 to \\uDFFF");
				v->pos += 6;
			}
			v->pos += 6;
			continue;
		}
		v->pos++;
	}
	return v_fail(v, "the string is not closed");
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* RFC 8259's number: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? */
static int v_number(struct valid *v)
{
	const char *b = v->b;

	if (v->pos < v->len && b[v->pos] == '-') {
		v->pos++;
		if (v->pos >= v->len || !is_digit(b[v->pos]))
			return v_fail(v, "expected a digit after '-'");
	}
	if (v->pos >= v->len || !is_digit(b[v->pos]))
		return v_fail(v, "expected a value");
	if (b[v->pos] == '0') {
		if (v->pos + 1 < v->len && is_digit(b[v->pos + 1]))
			return v_fail(v, "a number cannot have leading zeros");
		v->pos++;
	} else {
		while (v->pos < v->len && is_digit(b[v->pos]))
			v->pos++;
	}
	if (v->pos < v->len && b[v->pos] == '.') {
		if (++v->pos >= v->len || !is_digit(b[v->pos]))
			return v_fail(v, "expected digits after the decimal point");
		while (v->pos < v->len && is_digit(b[v->pos]))
			v->pos++;
	}
	if (v->pos < v->len && (b[v->pos] == 'e' || b[v->pos] == 'E')) {
		v->pos++;
		if (v->pos < v->len && (b[v->pos] == '+' || b[v->pos] == '-'))
			v->pos++;
		if (v->pos >= v->len || !is_digit(b[v->pos]))
			return v_fail(v, "expected digits in the exponent");
		while (v->pos < v->len && is_digit(b[v->pos]))
			v->pos++;
	}
	return 0;
}

static int v_value(struct valid *v);

static int v_container(struct valid *v, char close)
{
	if (++v->depth > v->max_depth)
		return v_fail(v, "nesting is too deep");
	v->t.type = close == '}' ? JSONPOS_OBJECT : JSONPOS_ARRAY;
	v->t.text = NULL;
	v->t.len = 0;
	if (v_emit(v) != 0)
		return -1;
	v->pos++;
	v_ws(v);
	if (v->pos < v->len && v->b[v->pos] == close)
		goto closed;
	for (;;) {
		v->t.key = NULL;
		if (close == '}') {
			size_t kstart = v->pos + 1;
			if (v->pos >= v->len || v->b[v->pos] != '"')
				return v_fail(v, "expected a key in double quotes");
			if (v_string(v) != 0)
				return -1;
			v->t.key = v->b + kstart;
			v->t.klen = v->pos - 1 - kstart;
			v->t.key_escaped = v->escaped;
			v_ws(v);
			if (v->pos >= v->len || v->b[v->pos] != ':')
				return v_fail(v, "expected ':' after the key");
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
		if (v->pos < v->len && v->b[v->pos] == close)
			goto closed;
		return v_fail(v, close == '}' ? "expected ',' or '}'" : "expected ',' or ']'");
	}
closed:
	v->pos++;
	v->depth--;
	v->t.type = JSONPOS_END;
	v->t.key = NULL;
	return v_emit(v);
}

static int v_value(struct valid *v)
{
	static const char *const words[] = { "true", "false", "null" };
	static const enum jsonpos_type types[] = { JSONPOS_TRUE, JSONPOS_FALSE, JSONPOS_NULL };
	size_t i, start;

	v_ws(v);
	if (v->pos >= v->len)
		return v_fail(v, "expected a value");
	start = v->t.off = v->pos;
	switch (v->b[v->pos]) {
	case '{': return v_container(v, '}');
	case '[': return v_container(v, ']');
	case '"':
		if (v_string(v) != 0)
			return -1;
		v->t.type = JSONPOS_STRING;
		v->t.text = v->b + start + 1;
		v->t.len = v->pos - start - 2;
		v->t.escaped = v->escaped;
		return v_emit(v);
	default: break;
	}
	for (i = 0; i < 3; i++) {
		size_t n = strlen(words[i]);
		if (v->len - v->pos >= n && memcmp(v->b + v->pos, words[i], n) == 0) {
			v->pos += n;
			v->t.type = types[i];
			v->t.text = v->b + start;
			v->t.len = n;
			return v_emit(v);
		}
	}
	if (v_number(v) != 0)
		return -1;
	v->t.type = JSONPOS_NUMBER;
	v->t.text = v->b + start;
	v->t.len = v->pos - start;
	return v_emit(v);
}

int jsonpos_parse(const char *buf, size_t len, int max_depth, jsonpos_token_fn fn, void *ctx,
		  size_t *err_off, const char **what)
{
	struct valid v;

	memset(&v, 0, sizeof(v));
	v.b = buf;
	v.len = len;
	v.max_depth = max_depth;
	v.fn = fn;
	v.ctx = ctx;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		v.pos = 3;
	if (v_value(&v) == 0) {
		v_ws(&v);
		if (v.pos == len)
			return 0;
		v_fail(&v, "expected the end of the file after the value");
	}
	if (v.stopped)
		return -2;
	*err_off = v.pos;
	*what = v.what;
	return -1;
}

int jsonpos_valid(const char *buf, size_t len, int max_depth, size_t *err_off, const char **what)
{
	return jsonpos_parse(buf, len, max_depth, NULL, NULL, err_off, what);
}

size_t jsonpos_unescape(const char *raw, size_t len, char *out)
{
	size_t i = 0, n = 0;

	while (i < len) {
		unsigned long cp, lo;
		char ch = raw[i++];
		if (ch != '\\' || i >= len) {
			out[n++] = ch;
			continue;
		}
		ch = raw[i++];
		switch (ch) {
		case 'b': out[n++] = '\b'; break;
		case 'f': out[n++] = '\f'; break;
		case 'n': out[n++] = '\n'; break;
		case 'r': out[n++] = '\r'; break;
		case 't': out[n++] = '\t'; break;
		case 'u':
			if (hex4(raw + i, len - i, &cp) != 0) {
				out[n++] = 'u';
				break;
			}
			i += 4;
			if (cp >= 0xD800 && cp < 0xDC00 && i + 6 <= len && raw[i] == '\\' &&
			    raw[i + 1] == 'u' && hex4(raw + i + 2, 4, &lo) == 0 && lo >= 0xDC00 &&
			    lo < 0xE000) {
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				i += 6;
			} else if (cp >= 0xD800 && cp < 0xE000) {
				cp = 0xFFFD; /* a lone surrogate (jsonpos_parse() refuses it) */
			}
			put_utf8(out, &n, cp);
			break;
		default: out[n++] = ch; break; /* \" \\ \/ */
		}
	}
	out[n] = '\0';
	return n;
}
