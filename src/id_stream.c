/* id_stream.c — guide.json's "sections" array read from the file a chunk at a time, never whole. */
#include "id_stream.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "content.h"
#include "hash.h"

#define CHUNK 65536 /* bytes read at a time */
#define HASHES 7    /* the filter's hashes an id: best for ten bits an id */

/* ---- a file read a chunk at a time ---- */

struct src {
	int fd;
	char *buf;  /* CHUNK bytes */
	size_t off; /* the file offset of buf[0] */
	size_t pos, len;
	const struct id_span *same; /* NULL, or the file must still be as scanned */
	int err;                    /* why the last read stopped short: 0 at the end of the file */
};

/* True when fd is still the file span was scanned from (same size and time). */
static bool same_file(int fd, const struct id_span *span)
{
	struct stat st;

	return fstat(fd, &st) == 0 && (unsigned long long)st.st_dev == span->dev &&
	       (unsigned long long)st.st_ino == span->ino &&
	       (unsigned long long)st.st_size == span->size && st.st_mtim.tv_sec == span->mtime_s &&
	       st.st_mtim.tv_nsec == span->mtime_ns;
}

/* Read on from off + len; -1 at the end of the file or on an error (s->err). */
static int src_fill(struct src *s)
{
	ssize_t n;

	s->off += s->len;
	s->pos = s->len = 0;
	do
		n = pread(s->fd, s->buf, CHUNK, (off_t)s->off);
	while (n < 0 && errno == EINTR);
	/* after the read: a change made before or while it read is seen */
	if (s->same && !same_file(s->fd, s->same)) {
		s->err = ESTALE;
		return -1;
	}
	if (n <= 0) {
		s->err = n < 0 ? errno : 0;
		return -1;
	}
	s->len = (size_t)n;
	return 0;
}

/* The next byte, or -1 (the end of the file, or s->err). */
static int src_get(struct src *s)
{
	if (s->pos == s->len && src_fill(s) != 0)
		return -1;
	return (unsigned char)s->buf[s->pos++];
}

/* The file offset of the byte src_get() gives next. */
static size_t src_tell(const struct src *s)
{
	return s->off + s->pos;
}

/* Read from offset off next. */
static void src_seek(struct src *s, size_t off)
{
	s->off = off;
	s->pos = s->len = 0;
}

static bool is_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The next byte that is not JSON white space, or -1. */
static int skip_ws(struct src *s)
{
	int c;

	while (is_ws(c = src_get(s)))
		;
	return c;
}

/* A growing byte buffer. */
struct bytes {
	char *s;
	size_t len, cap;
};

static bool bytes_put(struct bytes *b, int c)
{
	if (b->len + 1 >= b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		char *p = realloc(b->s, cap);
		if (!p)
			return false;
		b->s = p;
		b->cap = cap;
	}
	b->s[b->len++] = (char)c;
	b->s[b->len] = '\0';
	return true;
}

bool id_stream_valid(const char *s, size_t len)
{
	size_t i;

	if (len == 0)
		return false;
	for (i = 0; i < len; i++) {
		char c = s[i];
		if (c == '-') {
			if (i == 0 || i + 1 == len || s[i + 1] == '-')
				return false;
		} else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
			return false;
		}
	}
	return true;
}

/*
 * The array's next entry (the first when first is true) into id: 1, or 0
 * at the array's ']', or -1 when what follows is not `[ws , ws] "id"` with
 * a plain id (or the file ended, s->err), -2 when memory ran out.
 */
static int next_entry(struct src *s, struct bytes *id, bool first)
{
	int c = skip_ws(s);

	if (c == ']')
		return 0;
	if (!first) {
		if (c != ',')
			return -1;
		c = skip_ws(s);
	}
	if (c != '"')
		return -1;
	id->len = 0;
	for (;;) {
		c = src_get(s);
		if (c == '"')
			break;
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
			return -1; /* an escape, any other character, or the end of the file */
		if (!bytes_put(id, c))
			return -2;
	}
	if (!bytes_put(id, 0))
		return -2;
	id->len--;
	return id_stream_valid(id->s, id->len) ? 1 : -1;
}

/*
 * PATH opened for reading as content_read_file() opens a file (never
 * waiting on a FIFO, never taking a terminal), if it is a regular file:
 * its descriptor and *st, or -1.
 */
static int open_regular(const char *path, struct stat *st)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY), fl, saved;

	if (fd < 0)
		return -1;
	if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode)) {
		errno = EINVAL;
		goto fail;
	}
	/* a regular file's reads may wait (a file system may heed O_NONBLOCK) */
	fl = fcntl(fd, F_GETFL);
	if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) != 0)
		goto fail;
	return fd;
fail:
	saved = errno;
	close(fd);
	errno = saved;
	return -1;
}

/* ---- the scan ---- */

/* FNV-1a, then a 64-bit mix so that the filter's bits spread. */
static uint64_t id_hash(const char *s, size_t len)
{
	uint64_t h = hash_fnv1a(s, len);

	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	return h ^ (h >> 33);
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The suspects: ids the filter had seen (or thought it had), copied. */
struct suspects {
	char **s;
	size_t n, cap;
};

static bool suspects_add(struct suspects *x, const char *id, size_t len)
{
	char *copy = malloc(len + 1);

	if (x->n == x->cap) {
		size_t cap = x->cap ? x->cap * 2 : 16;
		char **p = realloc(x->s, cap * sizeof(*p));
		if (!p) {
			free(copy);
			return false;
		}
		x->s = p;
		x->cap = cap;
	}
	if (!copy)
		return false;
	memcpy(copy, id, len + 1);
	x->s[x->n++] = copy;
	return true;
}

static void suspects_free(struct suspects *x)
{
	size_t i;

	for (i = 0; i < x->n; i++)
		free(x->s[i]);
	free(x->s);
}

/*
 * Whether an id of the span is listed twice, in two reads of it: a Bloom
 * filter of filter_bits bits (HASHES an id) makes every id whose bits are
 * all set already a suspect (a repeat, or about 1 in 100 at ten bits an
 * id, a false alarm); a second read counts the suspects exactly.  Memory:
 * the filter and the suspects, never the ids.  0 none, 1 one repeated,
 * -1 with *why (memory, a read error, the file changed).
 */
static int find_repeat(struct src *s, struct bytes *id, const struct id_span *span,
		       size_t filter_bits, size_t *n_suspects, const char **why)
{
	struct suspects x = { NULL, 0, 0 };
	unsigned char *bits = NULL, *seen = NULL;
	size_t m = filter_bits ? filter_bits : span->n * 10, i;
	int rc = -1, got;
	bool first;

	*n_suspects = 0;
	if (m < 64)
		m = 64;
	bits = calloc(m / 8 + 1, 1);
	if (!bits)
		goto oom;
	src_seek(s, span->start);
	for (first = true; (got = next_entry(s, id, first)) == 1; first = false) {
		uint64_t h = id_hash(id->s, id->len), h1 = h & 0xffffffffu, h2 = (h >> 32) | 1;
		bool all = true;
		int k;
		for (k = 0; k < HASHES; k++) {
			size_t b = (size_t)((h1 + (uint64_t)k * h2) % m);
			if (!(bits[b / 8] & 1u << (b % 8))) {
				all = false;
				bits[b / 8] |= (unsigned char)(1u << (b % 8));
			}
		}
		if (all && !suspects_add(&x, id->s, id->len))
			goto oom;
	}
	if (got != 0)
		goto bad;
	free(bits);
	bits = NULL;
	*n_suspects = x.n;
	rc = 0;
	if (x.n == 0)
		goto out;
	qsort(x.s, x.n, sizeof(*x.s), str_cmp);
	seen = calloc(x.n, 1);
	if (!seen)
		goto oom;
	src_seek(s, span->start);
	for (first = true; (got = next_entry(s, id, first)) == 1; first = false) {
		const char *key = id->s;
		char **hit = bsearch(&key, x.s, x.n, sizeof(*x.s), str_cmp);
		if (!hit)
			continue;
		/* the same id may be a suspect twice: count it in its first place */
		for (; hit > x.s && strcmp(hit[-1], key) == 0; hit--)
			;
		i = (size_t)(hit - x.s);
		if (seen[i]) {
			rc = 1;
			goto out;
		}
		seen[i] = 1;
	}
	if (got != 0)
		goto bad;
	goto out;
oom:
	*why = "memory ran out";
	rc = -1;
	goto out;
bad:
	*why = got == -2 ? "memory ran out" : "the file changed while it was read";
	rc = -1;
out:
	free(bits);
	free(seen);
	suspects_free(&x);
	return rc;
}

/* What the scan of the bytes outside strings keeps track of. */
struct top {
	size_t depth;
	bool in_string, escaped;
	bool want_key; /* the next string at depth 1 is a member's name */
	bool in_key;   /* the string being read is one */
	bool key_match;
	size_t key_len;
	int after; /* 1: a "sections" name just ended; 2: and its ':' */
	bool found;
};

/* The array's entries, from just after its '[': counted and measured into span. */
static const char *scan_array(struct src *s, struct bytes *id, struct id_span *span)
{
	int got;

	span->start = src_tell(s);
	span->n = span->width = 0;
	for (got = next_entry(s, id, true); got == 1; got = next_entry(s, id, false)) {
		span->n++;
		if (id->len > span->width)
			span->width = id->len;
	}
	if (got != 0)
		return got == -2 ? "memory ran out" : "an entry that is not a plain id";
	span->end = src_tell(s);
	return NULL;
}

/*
 * Read the whole file once: every byte to doc, but the top-level
 * "sections" array's entries, which are checked, counted and measured
 * (span).  NULL, or why the file must be read whole.
 */
static const char *scan_top(struct src *s, struct bytes *doc, struct bytes *id,
			    struct id_span *span)
{
	const char *why;
	struct top t;
	int c;

	memset(&t, 0, sizeof(t));
	while ((c = src_get(s)) >= 0) {
		if (src_tell(s) > (size_t)CONTENT_MAX_FILE)
			return "the file is larger than the limit";
		if (!bytes_put(doc, c))
			return "memory ran out";
		if (t.in_string) {
			if (t.escaped) {
				t.escaped = false;
			} else if (c == '\\') {
				if (t.in_key)
					return "a top-level name written with an escape";
				t.escaped = true;
			} else if (c == '"') {
				t.in_string = false;
				if (t.in_key)
					t.after = t.key_match && t.key_len == 8 ? 1 : 0;
				t.in_key = false;
			} else if (t.in_key) {
				t.key_match =
				    t.key_match && t.key_len < 8 && c == "sections"[t.key_len];
				t.key_len++;
			}
			continue;
		}
		if (is_ws(c))
			continue;
		if (t.after == 1 && c == ':') {
			t.after = 2;
			continue;
		}
		if (t.after == 2 && c == '[' && t.depth == 1) {
			t.after = 0;
			if (t.found)
				return "a second \"sections\"";
			t.found = true;
			why = scan_array(s, id, span);
			if (why)
				return why;
			if (!bytes_put(doc, ']'))
				return "memory ran out";
			continue;
		}
		t.after = 0;
		switch (c) {
		case '"':
			t.in_string = true;
			t.in_key = t.depth == 1 && t.want_key;
			t.key_match = true;
			t.key_len = 0;
			t.want_key = false;
			break;
		case '{': t.want_key = ++t.depth == 1; break;
		case ',': t.want_key = t.depth == 1; break;
		case '[':
			t.depth++;
			t.want_key = false;
			break;
		case '}':
		case ']':
			t.depth -= t.depth > 0;
			t.want_key = false;
			break;
		default: break;
		}
	}
	if (s->err)
		return "a read error";
	if (!t.found)
		return "no top-level \"sections\" array";
	if (span->n == 0)
		return "an empty \"sections\"";
	return NULL;
}

int id_stream_scan(const char *path, size_t filter_bits, struct id_scan *out)
{
	struct src s = { -1, NULL, 0, 0, 0, NULL, 0 };
	struct bytes doc = { NULL, 0, 0 }, id = { NULL, 0, 0 };
	struct stat st;
	int rc = 1;

	memset(out, 0, sizeof(*out));
	s.fd = open_regular(path, &st);
	if (s.fd < 0 || st.st_size > CONTENT_MAX_FILE) {
		out->why = "not a regular file that can be read, or too large";
		goto out;
	}
	out->span.dev = (unsigned long long)st.st_dev;
	out->span.ino = (unsigned long long)st.st_ino;
	out->span.size = (unsigned long long)st.st_size;
	out->span.mtime_s = st.st_mtim.tv_sec;
	out->span.mtime_ns = st.st_mtim.tv_nsec;
	s.buf = malloc(CHUNK);
	if (!s.buf) {
		out->why = "memory ran out";
		goto out;
	}
	out->why = scan_top(&s, &doc, &id, &out->span);
	if (out->why)
		goto out;
	/* from here on every read checks that the file is still the one read */
	s.same = &out->span;
	if (!same_file(s.fd, s.same)) {
		out->why = "the file changed while it was read";
		goto out;
	}
	switch (find_repeat(&s, &id, &out->span, filter_bits, &out->suspects, &out->why)) {
	case 0: break;
	case 1: out->why = "an id listed twice"; goto out;
	default: goto out;
	}
	if (!doc.s && !bytes_put(&doc, 0)) {
		out->why = "memory ran out";
		goto out;
	}
	out->doc = doc.s;
	out->doc_len = doc.len;
	doc.s = NULL;
	rc = 0;
out:
	if (out->why && strcmp(out->why, "memory ran out") == 0)
		out->oom = true;
	if (s.fd >= 0)
		close(s.fd);
	free(s.buf);
	free(doc.s);
	free(id.s);
	return rc;
}

/* ---- the ids one at a time ---- */

struct id_stream {
	struct src s;
	struct id_span span;
	struct bytes id;
	size_t next; /* the index of the id next_entry() reads next */
};

int id_stream_open(const char *path, const struct id_span *span, struct id_stream **out)
{
	struct id_stream *r = calloc(1, sizeof(*r));
	struct stat st;
	int saved;

	*out = NULL;
	if (!r) {
		errno = ENOMEM;
		return -1;
	}
	r->span = *span;
	r->s.same = &r->span;
	r->s.fd = -1;
	r->s.buf = malloc(CHUNK);
	if (!r->s.buf) {
		errno = ENOMEM;
		goto fail;
	}
	r->s.fd = open_regular(path, &st);
	if (r->s.fd < 0) {
		if (errno == EINVAL)
			errno = ESTALE; /* no longer a regular file */
		goto fail;
	}
	if (!same_file(r->s.fd, &r->span)) {
		errno = ESTALE;
		goto fail;
	}
	src_seek(&r->s, r->span.start);
	*out = r;
	return 0;
fail:
	saved = errno;
	id_stream_free(r);
	errno = saved;
	return -1;
}

const char *id_stream_get(struct id_stream *r, size_t i)
{
	int got;

	if (i >= r->span.n) {
		errno = EINVAL;
		return NULL;
	}
	if (i + 1 == r->next)
		return r->id.s; /* the one read last */
	if (i < r->next) {
		src_seek(&r->s, r->span.start);
		r->next = 0;
	}
	while (r->next <= i) {
		r->s.err = 0;
		got = next_entry(&r->s, &r->id, r->next == 0);
		if (got == 1 && src_tell(&r->s) > r->span.end)
			got = -1; /* beyond the array as it was */
		if (got != 1) {
			/* ']' before the count, or not an id: the file changed */
			r->next = 0;
			src_seek(&r->s, r->span.start);
			errno = got == -2                        ? ENOMEM
				: r->s.err && r->s.err != ESTALE ? r->s.err
								 : ESTALE;
			return NULL;
		}
		r->next++;
	}
	return r->id.s;
}

void id_stream_free(struct id_stream *r)
{
	if (!r)
		return;
	if (r->s.fd >= 0)
		close(r->s.fd);
	free(r->s.buf);
	free(r->id.s);
	free(r);
}
