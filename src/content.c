/* content.c — load, validate and query the guide's content (the only user of cJSON). */
#include "content.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "floor.h"
#include "jsonpos.h"
#include "matcher.h"
#include "nameset.h"
#include "rules.h"

#define SCHEMA_VERSION 1
#define ARENA_BLOCK 16384

/* ---- arena: every string and array of a struct content lives here ---- */

struct arena_block {
	struct arena_block *next;
	size_t used, size;
	max_align_t data[];
};

struct content_arena {
	struct arena_block *head;
};

static void *arena_alloc(struct content_arena *a, size_t n)
{
	struct arena_block *b = a->head;
	size_t align = sizeof(max_align_t);

	n = (n + align - 1) / align * align;
	if (!b || b->size - b->used < n) {
		size_t size = n > ARENA_BLOCK ? n : ARENA_BLOCK;
		b = malloc(sizeof(*b) + size);
		if (!b)
			return NULL;
		b->next = a->head;
		b->used = 0;
		b->size = size;
		a->head = b;
	}
	b->used += n;
	return (char *)b->data + b->used - n;
}

static const char *arena_strdup(struct content_arena *a, const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = arena_alloc(a, n);

	if (p)
		memcpy(p, s, n);
	return p;
}

/* Free what the arena holds, not the arena itself. */
static void arena_clear(struct content_arena *a)
{
	struct arena_block *b, *next;

	for (b = a->head; b; b = next) {
		next = b->next;
		free(b);
	}
	a->head = NULL;
}

static void arena_free(struct content_arena *a)
{
	if (!a)
		return;
	arena_clear(a);
	free(a);
}

/* ---- reporting ---- */

/*
 * An issue waiting for its position.  Finding where a value starts costs a
 * scan of the text, so a file's issues are queued and all placed in one
 * scan when the file is done (jsonpos_locate_all()), then handed to the
 * caller in the order they were found: a file with many findings costs
 * about what one with a few does.
 */
struct pending {
	const char *code;
	bool warning;
	bool placed; /* line and col are known already */
	char *pointer;
	char *message;
	size_t off; /* a byte offset, or SIZE_MAX: where pointer's value starts */
	int line, col;
};

/*
 * guide.json's section ids as a list, which the manifest's checks read:
 * made from the tree (check), or read straight from the bytes while the
 * loader builds the tree, so that a manifest of 100,000 ids is 100,000
 * strings, not 100,000 nodes (readers that stream hold little else).
 */
struct manifest {
	const cJSON *node;   /* the "sections" array they are of (childless when read straight) */
	const char **id;     /* NULL: the entry is not a string */
	unsigned char *type; /* each entry's cJSON type */
	size_t n, cap;
	struct content_arena *arena; /* where ids read straight go */
	bool oom;
};

static void manifest_push(struct manifest *m, const char *id, int type)
{
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 64;
		const char **i = realloc(m->id, cap * sizeof(*i));
		unsigned char *t;
		if (!i) {
			m->oom = true;
			return;
		}
		m->id = i;
		t = realloc(m->type, cap);
		if (!t) {
			m->oom = true;
			return;
		}
		m->type = t;
		m->cap = cap;
	}
	m->id[m->n] = id;
	m->type[m->n++] = (unsigned char)type;
}

static void manifest_free(struct manifest *m)
{
	free(m->id);
	free(m->type);
}

struct vctx {
	const char *buf;
	size_t len;
	content_issue_fn fn;
	void *ctx;
	int errors;
	bool oom;           /* memory ran out */
	bool refusing_only; /* the loader: keep only issues that refuse the file */
	size_t keep;        /* keep at most this many issues, 0 for all */
	size_t dropped;     /* issues that keep left out (counted, never placed) */
	struct pending *q;
	size_t nq, capq;
	struct manifest *manifest; /* the loader: read guide.json's ids straight into it */
	bool ids_checked;          /* "sections" is "[]": id_stream_scan() checked the ids */
};

/* Whether issues of rule r are queued at all: the loader keeps only refusing ones. */
static bool issue_wanted(const struct vctx *v, const struct rule *r)
{
	return v->fn && !(v->refusing_only && !(r && r->refuse));
}

/* How many more issues of rule r count_issue() would let be queued and placed. */
static size_t issue_room(const struct vctx *v, const struct rule *r)
{
	if (!issue_wanted(v, r))
		return 0;
	if (!v->keep)
		return SIZE_MAX;
	return v->nq < v->keep ? v->keep - v->nq : 0;
}

/* Count an issue of rule r (NULL: none); true when it is to be queued. */
static bool count_issue(struct vctx *v, const struct rule *r)
{
	if (!r || r->severity != RULE_WARNING)
		v->errors++;
	if (!issue_wanted(v, r))
		return false;
	if (issue_room(v, r) == 0) {
		v->dropped++;
		return false;
	}
	return true;
}

static void queue_issue(struct vctx *v, const struct rule *r, const char *code, const char *pointer,
			const char *msg, size_t off, int line, int col, bool placed)
{
	struct pending *p;
	size_t plen = strlen(pointer) + 1, mlen = strlen(msg) + 1;

	if (v->nq == v->capq) {
		size_t cap = v->capq ? v->capq * 2 : 16;
		struct pending *nq = realloc(v->q, cap * sizeof(*nq));
		if (!nq) {
			v->oom = true;
			return;
		}
		v->q = nq;
		v->capq = cap;
	}
	p = &v->q[v->nq];
	p->pointer = malloc(plen + mlen);
	if (!p->pointer) {
		v->oom = true;
		return;
	}
	memcpy(p->pointer, pointer, plen);
	p->message = p->pointer + plen;
	memcpy(p->message, msg, mlen);
	p->code = code;
	p->warning = r && r->severity == RULE_WARNING;
	p->placed = placed;
	p->off = off;
	p->line = line;
	p->col = col;
	v->nq++;
}

#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
static void
report_at(struct vctx *v, const char *code, const char *pointer, size_t off, const char *fmt, ...)
{
	const struct rule *r = rule_find(code);
	char msg[256];
	va_list ap;

	if (!count_issue(v, r))
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	queue_issue(v, r, code, pointer, msg, off, 0, 0, false);
}

#define report(v, code, pointer, ...) report_at(v, code, pointer, SIZE_MAX, __VA_ARGS__)

/* Place every queued issue in one scan, then hand them to v->fn in order. */
static void deliver(struct vctx *v)
{
	struct jsonpos_query *jq = NULL;
	size_t i;

	if (v->nq == 0)
		goto out;
	jq = malloc(v->nq * sizeof(*jq));
	if (!jq) {
		v->oom = true;
		goto out;
	}
	for (i = 0; i < v->nq; i++) {
		const struct pending *p = &v->q[i];
		jq[i].pointer = !p->placed && p->off == SIZE_MAX ? p->pointer : NULL;
		jq[i].off = p->off == SIZE_MAX ? 0 : p->off;
	}
	if (jsonpos_locate_all(v->buf, v->len, jq, v->nq) != 0) {
		v->oom = true;
		goto out;
	}
	for (i = 0; i < v->nq; i++) {
		const struct pending *p = &v->q[i];
		struct content_issue issue;
		issue.code = p->code;
		issue.warning = p->warning;
		issue.pointer = p->pointer;
		issue.message = p->message;
		issue.line = p->placed ? p->line : jq[i].line;
		issue.col = p->placed ? p->col : jq[i].col;
		v->fn(v->ctx, &issue);
	}
out:
	for (i = 0; i < v->nq; i++)
		free(v->q[i].pointer);
	free(v->q);
	v->q = NULL;
	v->nq = v->capq = 0;
	free(jq);
}

/* ---- reading ---- */

/* What a path that is neither a regular file nor a folder is, for messages. */
static const char *not_regular(mode_t mode)
{
	if (S_ISFIFO(mode))
		return "a FIFO, not a regular file";
	if (S_ISCHR(mode))
		return "a character device, not a regular file";
	if (S_ISBLK(mode))
		return "a block device, not a regular file";
	if (S_ISSOCK(mode))
		return "a socket, not a regular file";
	return "not a regular file";
}

int content_read_file(const char *path, char **bufp, size_t *lenp, const char **why)
{
	struct stat st;
	char *buf = NULL;
	size_t len = 0, cap = 0;
	int fd, saved, fl;
	bool cleared = false; /* O_NONBLOCK */

	if (why)
		*why = NULL;
	/*
	 * O_NONBLOCK: opening a FIFO for reading would otherwise wait for a
	 * writer, forever; O_NOCTTY: a terminal is never made ours.  fstat()
	 * then turns away everything that is not a regular file before a byte
	 * is read.
	 */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		saved = errno;
		/* a socket cannot be opened at all (ENXIO): say what it is */
		if (why && saved != ENOENT && saved != EACCES && stat(path, &st) == 0 &&
		    !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
			*why = not_regular(st.st_mode);
		errno = saved;
		return -1;
	}
	if (fstat(fd, &st) != 0)
		goto fail;
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		if (why)
			*why = not_regular(st.st_mode);
		errno = EINVAL;
		goto fail;
	}
	if (st.st_size > CONTENT_MAX_FILE) {
		errno = EFBIG;
		goto fail;
	}
	/*
	 * Room for the file, the NUL and one byte more: the read that finds
	 * the end then needs no bigger buffer (a file that grows meanwhile
	 * still gets one).
	 */
	cap = (size_t)st.st_size + 2;
	for (;;) {
		ssize_t n;
		if (len + 1 >= cap) {
			char *nb;
			cap *= 2;
			nb = realloc(buf, cap);
			if (!nb)
				goto fail;
			buf = nb;
		} else if (!buf) {
			buf = malloc(cap);
			if (!buf)
				goto fail;
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			/*
			 * A regular file: reads that wait are fine, and must not
			 * fail with EAGAIN.  Linux ignores O_NONBLOCK on one, so
			 * it is cleared only where a file system heeds it (two
			 * system calls a file fewer for check).
			 */
			if ((errno == EAGAIN || errno == EWOULDBLOCK) && !cleared) {
				cleared = true;
				fl = fcntl(fd, F_GETFL);
				if (fl >= 0 && fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) == 0)
					continue;
			}
			goto fail;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len > (size_t)CONTENT_MAX_FILE) {
			errno = EFBIG;
			goto fail;
		}
	}
	close(fd);
	buf[len] = '\0';
	*bufp = buf;
	*lenp = len;
	return 0;
fail:
	saved = errno;
	free(buf);
	close(fd);
	errno = saved;
	return -1;
}

/* What one pass over a file's bytes finds before it is parsed. */
struct prescan {
	size_t bad_utf8; /* offset of the first byte that is not UTF-8, or SIZE_MAX */
	size_t nul;      /* offset of the first NUL byte, or SIZE_MAX */
	int depth;       /* deepest nesting of arrays and objects outside strings */
};

/* UTF-8 validity, NUL bytes and nesting depth, in one pass. */
static void prescan(const unsigned char *s, size_t len, struct prescan *r)
{
	static const bool special[128] = { [0] = true,   ['"'] = true, ['\\'] = true, ['{'] = true,
					   ['['] = true, ['}'] = true, [']'] = true };
	size_t i = 0;
	int depth = 0;
	bool in_string = false, escaped = false;

	r->bad_utf8 = r->nul = SIZE_MAX;
	r->depth = 0;
	while (i < len) {
		unsigned char c = s[i];
		size_t n, k;
		uint32_t cp;

		if (c < 0x80) {
			/* most bytes are plain text: one table look-up lets them by */
			if (!special[c] && !escaped) {
				i++;
				continue;
			}
			if (c == 0 && r->nul == SIZE_MAX)
				r->nul = i;
			if (escaped)
				escaped = false;
			else if (in_string)
				in_string = c != '"', escaped = c == '\\';
			else if (c == '"')
				in_string = true;
			else if ((c == '{' || c == '[') && ++depth > r->depth)
				r->depth = depth;
			else if (c == '}' || c == ']')
				depth--;
			i++;
			continue;
		}
		escaped = false;
		if (c >= 0xC2 && c <= 0xDF) {
			n = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			cp = c & 0x07;
		} else {
			r->bad_utf8 = i;
			return;
		}
		if (len - i <= n) {
			r->bad_utf8 = i;
			return;
		}
		for (k = 1; k <= n; k++) {
			if ((s[i + k] & 0xC0) != 0x80) {
				r->bad_utf8 = i;
				return;
			}
			cp = cp << 6 | (s[i + k] & 0x3F);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
		    (cp >= 0xD800 && cp <= 0xDFFF)) {
			r->bad_utf8 = i;
			return;
		}
		i += n + 1;
	}
}

/* True when text holds a C0/C1 control character or DEL. */
static bool has_control(const char *text)
{
	/* the bytes that may start one (C1 is 0xC2 0x80..0x9F), and the NUL at the end */
	static const bool stop[256] = { 1, 1, 1, 1, 1, 1, 1, 1, 1,          1,         1, 1,
					1, 1, 1, 1, 1, 1, 1, 1, 1,          1,         1, 1,
					1, 1, 1, 1, 1, 1, 1, 1, [0x7F] = 1, [0xC2] = 1 };
	const unsigned char *p = (const unsigned char *)text;

	for (;; p++) {
		while (!stop[*p]) /* one look-up a byte for the text between */
			p++;
		if (*p == 0)
			return false;
		if (*p != 0xC2 || (p[1] >= 0x80 && p[1] <= 0x9F))
			return true;
	}
}

static void dup_key(void *ctx, const char *pointer, int line, int col)
{
	struct vctx *v = ctx;
	const struct rule *r = rule_find("CG007");
	char msg[256];
	const char *key;

	if (!count_issue(v, r) || !pointer) /* no pointer: past issue_room(), counted */
		return;
	key = strrchr(pointer, '/');
	snprintf(msg, sizeof(msg), "duplicate key '%s' (only one of them would be read)",
		 key ? key + 1 : pointer);
	queue_issue(v, r, "CG007", pointer, msg, SIZE_MAX, line, col, true);
}

/* ---- every string with its pointer ---- */

#define STRING_PTR_MAX 1024

/* Append "/" and key (escaped) to ptr at plen; returns the new length, or 0 when it does not fit. */
static size_t pointer_push(char *ptr, size_t plen, const char *key)
{
	size_t n = plen;

	if (n + 1 >= STRING_PTR_MAX)
		return 0;
	ptr[n++] = '/';
	for (; *key; key++) {
		const char *rep = *key == '~' ? "~0" : *key == '/' ? "~1" : NULL;
		size_t k = rep ? 2 : 1;
		if (n + k >= STRING_PTR_MAX)
			return 0;
		if (rep)
			memcpy(ptr + n, rep, 2);
		else
			ptr[n] = *key;
		n += k;
	}
	ptr[n] = '\0';
	return n;
}

/* The decimal digits of i in out (room for 21 bytes), NUL-terminated; returns how many. */
static size_t index_str(size_t i, char *out)
{
	char tmp[24];
	size_t n = 0, k;

	do {
		tmp[n++] = (char)('0' + i % 10);
		i /= 10;
	} while (i);
	for (k = 0; k < n; k++)
		out[k] = tmp[n - 1 - k];
	out[n] = '\0';
	return n;
}

static void each_string(const cJSON *item, char *ptr, size_t plen, content_string_fn fn, void *ctx)
{
	const cJSON *child;
	size_t idx = 0;

	if (cJSON_IsString(item)) {
		fn(ctx, ptr, item->valuestring);
		return;
	}
	for (child = item->child; child; child = child->next, idx++) {
		char num[24];
		size_t n;

		if (child->string) {
			n = pointer_push(ptr, plen, child->string);
		} else {
			index_str(idx, num);
			n = pointer_push(ptr, plen, num);
		}
		if (n > 0)
			each_string(child, ptr, n, fn, ctx);
		ptr[plen] = '\0';
	}
}

/* CG008 for a string holding control characters. */
static void control_check(struct vctx *v, const char *pointer, const char *text)
{
	if (has_control(text))
		report(v, "CG008", pointer, "control character or escape sequence in text");
}

/* The walk over every string: CG008, then the caller's own callback. */
struct string_walk {
	struct vctx *v;
	content_string_fn fn;
	void *ctx;
};

static void on_each_string(void *ctx, const char *pointer, const char *text)
{
	struct string_walk *w = ctx;

	control_check(w->v, pointer, text);
	if (w->fn)
		w->fn(w->ctx, pointer, text);
}

/* True when some object in the tree has a key twice. */
static bool has_duplicate_keys(const cJSON *item)
{
	const cJSON *a, *b;
	size_t n = 0;
	struct nameset seen;
	bool dup = false;

	for (a = item->child; a; a = a->next, n++)
		if (a->child && has_duplicate_keys(a))
			return true;
	if (!cJSON_IsObject(item) || n < 2)
		return false;
	if (n <= 16) { /* the usual small object: compare pairs */
		for (a = item->child; a; a = a->next)
			for (b = a->next; b; b = b->next)
				if (strcmp(a->string, b->string) == 0)
					return true;
		return false;
	}
	if (nameset_init(&seen, n) != 0)
		return true; /* let the text scan decide */
	for (a = item->child; a && !dup; a = a->next)
		dup = nameset_add(&seen, a->string, strlen(a->string));
	nameset_free(&seen);
	return dup;
}

/*
 * ---- the tree, built by the strict check as it reads ----
 *
 * cJSON's parser reads the bytes a second time after the strict check,
 * with a malloc() and free() for every value and every string.  For the
 * validator the tree is built instead from the one pass of the strict
 * check (jsonpos_parse()), into an arena freed at once: the same cJSON
 * nodes, values and strings as cJSON_ParseWithLengthOpts() makes of text
 * the strict check accepts (tests/test_content.c compares the two over
 * every file of content/ and the fixtures, tests/fuzz/fuzz_content.c over
 * any bytes).
 */
struct tree_build {
	struct content_arena *a;
	cJSON *open[CONTENT_MAX_DEPTH + 1]; /* the containers not yet closed, innermost last */
	cJSON *last[CONTENT_MAX_DEPTH + 1]; /* the last member of each so far */
	int depth;
	cJSON *root;
	char point;  /* the locale's decimal point, which cJSON hands strtod() */
	bool failed; /* memory ran out, or cJSON would have failed */
	/* the top-level "sections" array read into a list (when ids is not
	 * NULL): its entries are at depth in_ids, and nothing inside one is
	 * made a node */
	struct manifest *ids;
	int in_ids;
};

/* A string's text as a C string in the arena (a \u0000 ends it early, as in cJSON). */
static char *tree_text(struct content_arena *a, const char *raw, size_t len, bool escaped)
{
	char *p = arena_alloc(a, len + 1);

	if (!p)
		return NULL;
	if (escaped) {
		jsonpos_unescape(raw, len, p);
	} else {
		memcpy(p, raw, len);
		p[len] = '\0';
	}
	return p;
}

/*
 * A number as cJSON reads it: the token through strtod(), its '.' the
 * locale's decimal point, the integer value saturated.  -1 when memory ran
 * out (a token over 63 bytes is copied to the heap).
 */
static int tree_number(cJSON *n, const char *s, size_t len, char point)
{
	char small[64], *tmp = len < sizeof(small) ? small : malloc(len + 1), *end;
	double d;
	size_t i;

	if (!tmp)
		return -1;
	for (i = 0; i < len; i++)
		tmp[i] = s[i] == '.' ? point : s[i];
	tmp[len] = '\0';
	d = strtod(tmp, &end);
	i = (size_t)(end - tmp);
	if (tmp != small)
		free(tmp);
	if (i != len)
		return -1; /* strtod() read less than the strict check did: cJSON would fail */
	n->type = cJSON_Number;
	n->valuedouble = d;
	n->valueint = d >= INT_MAX ? INT_MAX : d <= (double)INT_MIN ? INT_MIN : (int)d;
	return 0;
}

/* jsonpos_parse()'s callback: one node for each value, linked as cJSON links them. */
/* What the manifest's list keeps of a value that is not a string: its type. */
static int token_type(enum jsonpos_type t)
{
	switch (t) {
	case JSONPOS_OBJECT: return cJSON_Object;
	case JSONPOS_ARRAY: return cJSON_Array;
	case JSONPOS_STRING: return cJSON_String;
	case JSONPOS_NUMBER: return cJSON_Number;
	case JSONPOS_TRUE: return cJSON_True;
	case JSONPOS_FALSE: return cJSON_False;
	default: return cJSON_NULL;
	}
}

/* A token inside the manifest's "sections" array, read into b->ids. */
static void manifest_token(struct tree_build *b, const struct jsonpos_token *t)
{
	bool open = t->type == JSONPOS_OBJECT || t->type == JSONPOS_ARRAY;

	if (t->type == JSONPOS_END) {
		if (--b->depth < b->in_ids)
			b->in_ids = 0; /* the array itself has ended */
		return;
	}
	if (b->depth == b->in_ids) { /* an entry of the array */
		if (t->type == JSONPOS_STRING) {
			char *id = tree_text(b->ids->arena, t->text, t->len, t->escaped);
			if (!id)
				b->ids->oom = true;
			manifest_push(b->ids, id, cJSON_String);
		} else {
			manifest_push(b->ids, NULL, token_type(t->type));
		}
		if (b->ids->oom)
			b->failed = true; /* no tree: memory ran out */
	}
	if (open)
		b->depth++; /* inside an entry: nothing is kept */
}

static int tree_token(void *ctx, const struct jsonpos_token *t)
{
	struct tree_build *b = ctx;
	cJSON *n;

	if (b->failed)
		return 0; /* the strict check goes on: invalid JSON is reported as such */
	if (b->in_ids) {
		manifest_token(b, t);
		return 0;
	}
	if (t->type == JSONPOS_END) {
		b->depth--;
		return 0;
	}
	n = arena_alloc(b->a, sizeof(*n));
	if (!n)
		goto fail;
	memset(n, 0, sizeof(*n));
	switch (t->type) {
	case JSONPOS_OBJECT: n->type = cJSON_Object; break;
	case JSONPOS_ARRAY: n->type = cJSON_Array; break;
	case JSONPOS_STRING:
		n->type = cJSON_String;
		n->valuestring = tree_text(b->a, t->text, t->len, t->escaped);
		if (!n->valuestring)
			goto fail;
		break;
	case JSONPOS_NUMBER:
		if (tree_number(n, t->text, t->len, b->point) != 0)
			goto fail;
		break;
	case JSONPOS_TRUE:
		n->type = cJSON_True;
		n->valueint = 1;
		break;
	case JSONPOS_FALSE: n->type = cJSON_False; break;
	default: n->type = cJSON_NULL; break;
	}
	if (t->key && !(n->string = tree_text(b->a, t->key, t->klen, t->key_escaped)))
		goto fail;
	if (b->depth == 0) {
		b->root = n;
	} else {
		cJSON *parent = b->open[b->depth - 1], *prev = b->last[b->depth - 1];
		if (prev) {
			prev->next = n;
			n->prev = prev;
		} else {
			parent->child = n;
		}
		parent->child->prev = n; /* cJSON keeps the last member there */
		b->last[b->depth - 1] = n;
	}
	if (t->type == JSONPOS_OBJECT || t->type == JSONPOS_ARRAY) {
		b->open[b->depth] = n;
		b->last[b->depth] = NULL;
		b->depth++;
	}
	/* the first top-level "sections" array: its entries go to the list
	 * (a key with an escape is left to the tree; so is a second one) */
	if (b->ids && !b->ids->node && b->depth == 2 && t->type == JSONPOS_ARRAY && t->key &&
	    !t->key_escaped && t->klen == 8 && memcmp(t->key, "sections", 8) == 0) {
		b->ids->node = n;
		b->in_ids = 2;
	}
	return 0;
fail:
	b->failed = true;
	return 0;
}

/*
 * The CG0xx checks and the parse.  Returns the tree or NULL when the file
 * cannot be read as JSON.  With an arena the tree is built in it (freed
 * with it, never with cJSON_Delete()), in the strict check's one pass;
 * without, cJSON parses it after the check (caller deletes).
 */
static cJSON *parse_checked(struct vctx *v, struct content_arena *a)
{
	const char *what;
	size_t start = 0, off;
	struct prescan pre;
	struct tree_build tb;
	cJSON *root;
	int rc;

	if (v->len > (size_t)CONTENT_MAX_FILE) {
		report_at(v, "CG003", "", 0, "file is larger than 1 MiB (%zu bytes)", v->len);
		return NULL;
	}
	if (v->len >= 3 && memcmp(v->buf, "\xEF\xBB\xBF", 3) == 0)
		start = 3;
	if (strspn(v->buf + start, " \t\r\n") == v->len - start) {
		report_at(v, "CG004", "", 0, "file is empty");
		return NULL;
	}
	/*
	 * The strict check: cJSON reads more than RFC 8259 allows (01, 1.,
	 * -.5, a form feed between values, raw control characters in
	 * strings), and says nothing of why it refuses what it refuses (half
	 * a surrogate pair).  The strict check refuses all of that, with its
	 * place and reason, so text it lets by fails in cJSON only for want
	 * of memory.  Text it lets by is UTF-8 without NUL bytes, nested no
	 * deeper than the limit; only when it fails does the prescan look
	 * for those problems, which are reported first (a binary file is
	 * not "invalid JSON at byte 9").
	 */
	if (a) {
		memset(&tb, 0, sizeof(tb));
		tb.a = a;
		tb.point = *localeconv()->decimal_point;
		tb.ids = v->manifest;
		rc = jsonpos_parse(v->buf, v->len, CONTENT_MAX_DEPTH, tree_token, &tb, &off, &what);
	} else {
		rc = jsonpos_valid(v->buf, v->len, CONTENT_MAX_DEPTH, &off, &what);
	}
	if (rc != 0) {
		prescan((const unsigned char *)v->buf, v->len, &pre);
		if (pre.bad_utf8 != SIZE_MAX)
			report_at(v, "CG005", "", pre.bad_utf8, "not valid UTF-8 (byte 0x%02X)",
				  (unsigned char)v->buf[pre.bad_utf8]);
		else if (pre.nul != SIZE_MAX)
			report_at(v, "CG005", "", pre.nul,
				  "NUL byte: this looks like a binary file");
		else if (pre.depth > CONTENT_MAX_DEPTH)
			report_at(v, "CG006", "", 0, "nesting is deeper than %d levels",
				  CONTENT_MAX_DEPTH);
		else if (off >= v->len)
			report_at(v, "CG002", "", v->len, "invalid JSON: unexpected end of file");
		else
			report_at(v, "CG002", "", off, "invalid JSON: %s", what);
		return NULL;
	}
	/* the length includes the terminating NUL, which cJSON then requires */
	root = a ? (tb.failed ? NULL : tb.root)
		 : cJSON_ParseWithLengthOpts(v->buf + start, v->len - start + 1, NULL, 1);
	if (!root) {
		v->oom = true; /* valid JSON that cJSON could not hold */
		return NULL;
	}
	/* cJSON keeps repeated keys as separate members: look in the tree, and
	 * only when there is one scan the text for where each repeat is */
	if (has_duplicate_keys(root) &&
	    jsonpos_duplicates(v->buf, v->len, issue_room(v, rule_find("CG007")), dup_key, v) < 0)
		v->oom = true;
	return root;
}

static bool members_same(const cJSON *a, const cJSON *b);

/* Two nodes alike: type, values, name and members. */
static bool node_same(const cJSON *a, const cJSON *b)
{
	return a->type == b->type && a->valueint == b->valueint &&
	       memcmp(&a->valuedouble, &b->valuedouble, sizeof(double)) == 0 &&
	       !a->string == !b->string && (!a->string || strcmp(a->string, b->string) == 0) &&
	       !a->valuestring == !b->valuestring &&
	       (!a->valuestring || strcmp(a->valuestring, b->valuestring) == 0) &&
	       members_same(a->child, b->child);
}

/* Two lists of members alike, in order, linked as cJSON links them (the first's prev is the last). */
static bool members_same(const cJSON *a, const cJSON *b)
{
	const cJSON *fa = a, *fb = b, *pa = NULL, *pb = NULL;

	for (; a && b; pa = a, pb = b, a = a->next, b = b->next)
		if ((pa && (a->prev != pa || b->prev != pb)) || !node_same(a, b))
			return false;
	return !a && !b && (!fa || (fa->prev == pa && fb->prev == pb));
}

int content_tree_matches_cjson(const char *buf, size_t len)
{
	struct content_arena a = { NULL };
	struct tree_build tb;
	const char *what;
	size_t off, start = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	cJSON *theirs;
	int ret = -1;

	memset(&tb, 0, sizeof(tb));
	tb.a = &a;
	tb.point = *localeconv()->decimal_point;
	if (jsonpos_parse(buf, len, CONTENT_MAX_DEPTH, tree_token, &tb, &off, &what) != 0)
		goto out;
	/* cJSON wants the NUL after the text counted, as parse_checked() gives it */
	theirs = cJSON_ParseWithLengthOpts(buf + start, len - start + 1, NULL, 1);
	ret = tb.failed || !theirs ? tb.failed == !theirs : node_same(tb.root, theirs);
	cJSON_Delete(theirs);
out:
	arena_clear(&a);
	return ret;
}

/* ---- structure ---- */

/* A field path under a parent pointer, in a small rotating buffer. */
struct pbuf {
	char s[320];
};

/*
 * "parent/token" in b; pointers longer than the buffer are cut (they only
 * label a message).  Without snprintf(): these are made for every field
 * of every file checked.
 */
static const char *ptr_put(struct pbuf *b, const char *parent, const char *tok, size_t len)
{
	size_t cap = sizeof(b->s) - 1, n = strlen(parent);

	if (n > cap)
		n = cap;
	memmove(b->s, parent, n);
	if (n < cap)
		b->s[n++] = '/';
	if (len > cap - n)
		len = cap - n;
	memcpy(b->s + n, tok, len);
	b->s[n + len] = '\0';
	return b->s;
}

static const char *ptr_join(struct pbuf *b, const char *parent, const char *key)
{
	return ptr_put(b, parent, key, strlen(key));
}

static const char *ptr_index(struct pbuf *b, const char *parent, size_t i)
{
	char num[24];

	return ptr_put(b, parent, num, index_str(i, num));
}

/* "a string", "a number", ... for a cJSON type */
static const char *kind_name(int type)
{
	switch (type & 0xFF) {
	case cJSON_String: return "a string";
	case cJSON_Number: return "a number";
	case cJSON_Array: return "an array";
	case cJSON_Object: return "an object";
	case cJSON_True:
	case cJSON_False: return "a boolean";
	default: return "null";
	}
}

static const char *type_name(const cJSON *j)
{
	return kind_name(j ? j->type : cJSON_NULL);
}

static bool blank(const char *s)
{
	return s[strspn(s, " \t\r\n")] == '\0';
}

/* The member KEY of obj if it has type TYPE; reports CG101/CG102 otherwise. */
static const cJSON *member(struct vctx *v, const cJSON *obj, const char *ptr, const char *key,
			   int (*is_type)(const cJSON *), const char *want, bool required)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, key);
	struct pbuf b;

	if (!m) {
		if (required)
			report(v, "CG101", ptr, "missing required field '%s'", key);
		return NULL;
	}
	if (!is_type(m)) {
		report(v, "CG102", ptr_join(&b, ptr, key), "'%s' must be %s, not %s", key, want,
		       type_name(m));
		return NULL;
	}
	return m;
}

static int is_string(const cJSON *j)
{
	return cJSON_IsString(j);
}
static int is_array(const cJSON *j)
{
	return cJSON_IsArray(j);
}
static int is_object(const cJSON *j)
{
	return cJSON_IsObject(j);
}
static int is_bool(const cJSON *j)
{
	return cJSON_IsBool(j);
}

static int is_integer(const cJSON *j)
{
	double d;

	if (!cJSON_IsNumber(j))
		return 0;
	d = j->valuedouble;
	return d >= -1e6 && d <= 1e6 && d == (double)(long)d;
}

/* A non-empty string member. */
static const char *text_member(struct vctx *v, const cJSON *obj, const char *ptr, const char *key,
			       bool required)
{
	const cJSON *m = member(v, obj, ptr, key, is_string, "a string", required);
	struct pbuf b;

	if (!m)
		return NULL;
	if (blank(m->valuestring)) {
		report(v, "CG104", ptr_join(&b, ptr, key), "%s is empty", key);
		return NULL;
	}
	return m->valuestring;
}

static bool valid_id(const char *s)
{
	return id_stream_valid(s, strlen(s));
}

static const char *id_member(struct vctx *v, const cJSON *obj, const char *ptr)
{
	const char *id = text_member(v, obj, ptr, "id", true);
	struct pbuf b;

	if (id && !valid_id(id)) {
		report(v, "CG103", ptr_join(&b, ptr, "id"),
		       "id '%s' must be lowercase letters, digits and single hyphens", id);
		return NULL;
	}
	return id;
}

bool content_valid_date(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d;
	char extra;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3)
		return false;
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return false;
	return true;
}

static void date_member(struct vctx *v, const cJSON *obj, const char *ptr, const char *key,
			bool required)
{
	const char *s = text_member(v, obj, ptr, key, required);
	struct pbuf b;

	if (s && !content_valid_date(s))
		report(v, "CG112", ptr_join(&b, ptr, key), "%s '%s' is not a YYYY-MM-DD date", key,
		       s);
}

/* An array of non-empty strings; min_items entries at least. */
static void text_array(struct vctx *v, const cJSON *obj, const char *ptr, const char *key,
		       bool required, size_t min_items)
{
	const cJSON *arr = member(v, obj, ptr, key, is_array, "an array of strings", required);
	const cJSON *it;
	struct pbuf b, e;
	size_t i = 0;

	if (!arr)
		return;
	ptr_join(&b, ptr, key);
	if ((size_t)cJSON_GetArraySize(arr) < min_items) {
		report(v, "CG113", b.s, "%s needs at least %zu entr%s", key, min_items,
		       min_items == 1 ? "y" : "ies");
		return;
	}
	cJSON_ArrayForEach(it, arr)
	{
		/* the entry's pointer is built only for a report */
		if (!cJSON_IsString(it))
			report(v, "CG102", ptr_index(&e, b.s, i),
			       "entries of '%s' must be strings, not %s", key, type_name(it));
		else if (blank(it->valuestring))
			report(v, "CG104", ptr_index(&e, b.s, i), "entry of '%s' is empty", key);
		i++;
	}
}

/*
 * An object of pairs: "shorthand" maps a word to the words it stands for
 * (strings); "concepts" maps a concept to its phrases (arrays of strings).
 */
static void validate_pairs(struct vctx *v, const cJSON *obj, const char *ptr, const char *key,
			   bool arrays)
{
	const cJSON *o = member(v, obj, ptr, key, is_object, "an object", false), *it;
	struct pbuf b, e;

	if (!o)
		return;
	ptr_join(&b, ptr, key);
	cJSON_ArrayForEach(it, o)
	{
		if (arrays) {
			text_array(v, o, b.s, it->string, true, 1);
		} else if (!cJSON_IsString(it)) {
			report(v, "CG102", ptr_join(&e, b.s, it->string),
			       "entries of '%s' must be strings, not %s", key, type_name(it));
		} else if (blank(it->valuestring)) {
			report(v, "CG104", ptr_join(&e, b.s, it->string), "entry of '%s' is empty",
			       key);
		}
	}
}

/* Warn about members that are not part of the model. */
static void known_members(struct vctx *v, const cJSON *obj, const char *ptr,
			  const char *const *known)
{
	const struct rule *r = rule_find("CG108");
	const cJSON *m;
	struct pbuf b;

	cJSON_ArrayForEach(m, obj)
	{
		const char *const *k;
		char msg[256];
		if (!m->string || strcmp(m->string, "$schema") == 0)
			continue;
		for (k = known; *k; k++)
			if (strcmp(*k, m->string) == 0)
				break;
		/* the loader only counts warnings: no pointer or message for them */
		if (*k || !count_issue(v, r))
			continue;
		snprintf(msg, sizeof(msg), "unknown field '%s'", m->string);
		queue_issue(v, r, "CG108", ptr_join(&b, ptr, m->string), msg, SIZE_MAX, 0, 0,
			    false);
	}
}

static void schema_member(struct vctx *v, const cJSON *root)
{
	const cJSON *sv = member(v, root, "", "schema_version", is_integer, "an integer", true);

	if (sv && sv->valuedouble != SCHEMA_VERSION)
		report(v, "CG109", "/schema_version",
		       "schema_version %ld is not supported (this cry-guide reads %d)",
		       (long)sv->valuedouble, SCHEMA_VERSION);
}

static void scale_fields(struct vctx *v, const cJSON *obj, const char *ptr, bool required)
{
	const cJSON *mn = member(v, obj, ptr, "min", is_integer, "an integer", required);
	const cJSON *mx = member(v, obj, ptr, "max", is_integer, "an integer", required);
	struct pbuf b;

	if (mn && mx && mn->valuedouble >= mx->valuedouble)
		report(v, "CG107", ptr_join(&b, ptr, "max"),
		       "max (%ld) must be greater than min (%ld)", (long)mx->valuedouble,
		       (long)mn->valuedouble);
}

struct listed_id {
	const char *id;
	size_t index;
};

static int listed_cmp(const void *a, const void *b)
{
	const struct listed_id *x = a, *y = b;
	int r = strcmp(x->id, y->id);

	return r ? r : (x->index > y->index) - (x->index < y->index);
}

static int listed_index_cmp(const void *a, const void *b)
{
	const struct listed_id *x = a, *y = b;

	return (x->index > y->index) - (x->index < y->index);
}

/* CG105 for every manifest entry that repeats an earlier one: sorted, so a
 * long manifest costs n log n, and reported in manifest order. */
static void repeated_ids(struct vctx *v, const struct manifest *m)
{
	size_t k = 0, i, ndup = 0;
	struct listed_id *ids = malloc((m->n + 1) * sizeof(*ids));

	if (!ids) {
		v->oom = true;
		return;
	}
	for (i = 0; i < m->n; i++)
		if (m->id[i] && valid_id(m->id[i])) {
			ids[k].id = m->id[i];
			ids[k++].index = i;
		}
	qsort(ids, k, sizeof(*ids), listed_cmp);
	for (i = 1; i < k; i++)
		if (strcmp(ids[i].id, ids[i - 1].id) == 0)
			ids[ndup++] = ids[i]; /* ndup <= i - 1: never overwrites ids[i] or later */
	qsort(ids, ndup, sizeof(*ids), listed_index_cmp);
	for (i = 0; i < ndup; i++) {
		struct pbuf e;
		report(v, "CG105", ptr_index(&e, "/sections", ids[i].index),
		       "section '%s' is listed twice", ids[i].id);
	}
	free(ids);
}

/* ---- the safety floor (floor.h): the loader refuses below it, `check` reports it ---- */

/* CG202: a disclaimer that says cry-guide is not medical advice.  text is
 * the disclaimer when it is a non-blank string (blank is CG104's). */
static void floor_guide(struct vctx *v, const cJSON *root, const char *text)
{
	if (!cJSON_IsString(cJSON_GetObjectItemCaseSensitive(root, "disclaimer"))) {
		report(
		    v, "CG202", "",
		    "no disclaimer: guide.json needs a 'disclaimer' saying cry-guide is not medical advice");
		return;
	}
	if (!text)
		return;
	switch (floor_disclaimer(text)) {
	case -1: v->oom = true; break;
	case 0:
		report(v, "CG202", "/disclaimer",
		       "the disclaimer does not say that cry-guide is not medical advice");
		break;
	default: break;
	}
}

/* CG201 and CG208: the crisis line (text when it is a non-blank string). */
static void floor_crisis(struct vctx *v, const cJSON *root, const char *text)
{
	char missing[128];
	bool blank;
	int n;

	if (!cJSON_IsString(cJSON_GetObjectItemCaseSensitive(root, "crisis_line"))) {
		report(v, "CG201", "",
		       "no crisis line: safety.json needs a 'crisis_line' naming 988");
		return;
	}
	if (!text)
		return;
	n = floor_crisis_line(text, &blank, missing, sizeof(missing));
	if (n < 0)
		v->oom = true;
	else if (blank)
		report(
		    v, "CG201", "/crisis_line",
		    "the crisis line is empty once escape sequences and control characters are removed");
	else if (n > 0)
		report(
		    v, "CG208", "/crisis_line",
		    "the crisis line drops %s (it may add to the compiled-in line, never leave a part out)",
		    missing);
}

/* A string member's text for the resources' floor. */
static void floor_add(struct vctx *v, struct floor_resources *f, const cJSON *s)
{
	if (cJSON_IsString(s) && floor_resources_add(f, s->valuestring) != 0)
		v->oom = true;
}

/* CG201: the resources, together, keep every compiled-in contact. */
static void floor_resources(struct vctx *v, const cJSON *res)
{
	static const char *const shown[] = { "name", "region", "contact", "details" };
	struct floor_resources f;
	const cJSON *r, *m, *it;
	char missing[192];
	size_t i;

	if (!cJSON_IsArray(res)) {
		report(v, "CG201", "",
		       "no crisis resources: safety.json needs 'resources', one naming 988");
		return;
	}
	if (cJSON_GetArraySize(res) == 0)
		return; /* CG113 said so */
	floor_resources_init(&f);
	cJSON_ArrayForEach(r, res)
	{
		for (i = 0; i < sizeof(shown) / sizeof(shown[0]); i++) {
			m = cJSON_GetObjectItemCaseSensitive(r, shown[i]);
			if (!cJSON_IsArray(m))
				floor_add(v, &f, m);
			else
				cJSON_ArrayForEach(it, m) floor_add(v, &f, it);
		}
	}
	if (v->oom)
		return; /* a text that could not be read for want of memory is not missing */
	if (floor_resources_missing(&f, missing, sizeof(missing)) > 0)
		report(v, "CG201", "/resources",
		       "the resources leave out %s (content may add resources, never drop these)",
		       missing);
}

/* The manifest's ids: at least one, strings, ids, none twice. */
static void check_manifest(struct vctx *v, const struct manifest *m)
{
	size_t i;

	if (m->n == 0)
		report(v, "CG113", "/sections", "sections needs at least 1 entry");
	for (i = 0; i < m->n; i++) {
		struct pbuf e;
		if (!m->id[i])
			report(v, "CG102", ptr_index(&e, "/sections", i),
			       "section ids must be strings, not %s", kind_name(m->type[i]));
		else if (!valid_id(m->id[i]))
			report(
			    v, "CG103", ptr_index(&e, "/sections", i),
			    "section id '%s' must be lowercase letters, digits and single hyphens",
			    m->id[i]);
	}
	repeated_ids(v, m);
}

static void validate_guide(struct vctx *v, const cJSON *root)
{
	static const char *const known[] = { "schema_version",  "title",      "language",
					     "content_version", "source",     "sections",
					     "intro",           "disclaimer", "check_in",
					     "check_out",       "closing",    NULL };
	static const char *const src_known[] = { "title", "publisher", "author", "reviewers",
						 "date",  "note",      "url",    NULL };
	static const char *const q_known[] = { "text", "min", "max", NULL };
	static const char *const questions[] = { "check_in", "check_out" };
	const cJSON *src, *secs, *it;
	size_t i;

	schema_member(v, root);
	text_member(v, root, "", "title", true);
	text_member(v, root, "", "language", true);
	text_member(v, root, "", "content_version", true);
	text_member(v, root, "", "intro", false);
	floor_guide(v, root, text_member(v, root, "", "disclaimer", true));
	text_member(v, root, "", "closing", false);
	src = member(v, root, "", "source", is_object, "an object", true);
	if (src) {
		text_member(v, src, "/source", "title", true);
		text_member(v, src, "/source", "publisher", true);
		text_member(v, src, "/source", "author", false);
		text_array(v, src, "/source", "reviewers", true, 0);
		date_member(v, src, "/source", "date", true);
		text_member(v, src, "/source", "note", false);
		text_member(v, src, "/source", "url", false);
		known_members(v, src, "/source", src_known);
	}
	for (i = 0; i < 2; i++) {
		char p[32];
		const cJSON *q = member(v, root, "", questions[i], is_object, "an object", true);
		if (!q)
			continue;
		snprintf(p, sizeof(p), "/%s", questions[i]);
		text_member(v, q, p, "text", true);
		scale_fields(v, q, p, true);
		known_members(v, q, p, q_known);
	}
	secs = member(v, root, "", "sections", is_array, "an array of section ids", true);
	if (secs && v->ids_checked) {
		/* "[]" in place of the ids, which id_stream_scan() checked (plain
		 * ids, at least one, none twice: check_manifest() has nothing to say) */
	} else if (secs && v->manifest && v->manifest->node == secs) {
		check_manifest(v, v->manifest); /* read straight from the bytes */
	} else if (secs) {
		struct manifest m = { 0 };
		cJSON_ArrayForEach(it, secs)
		    manifest_push(&m, cJSON_IsString(it) ? it->valuestring : NULL, it->type);
		if (m.oom)
			v->oom = true;
		else
			check_manifest(v, &m);
		manifest_free(&m);
	}
	known_members(v, root, "", known);
}

/*
 * For each entry of arr, whether its "id" (a string) repeats the id of an
 * earlier entry: sorted, so a long list costs n log n, not n squared.
 * Returns an array of cJSON_GetArraySize(arr) flags (caller frees), or
 * NULL when memory ran out (v->oom is set) or arr is empty.
 */
static bool *repeated_member_ids(struct vctx *v, const cJSON *arr)
{
	size_t n = (size_t)cJSON_GetArraySize(arr), k = 0, i = 0;
	struct listed_id *ids;
	bool *dup;
	const cJSON *it;

	if (n == 0)
		return NULL;
	ids = malloc(n * sizeof(*ids));
	dup = calloc(n, sizeof(*dup));
	if (!ids || !dup) {
		free(ids);
		free(dup);
		v->oom = true;
		return NULL;
	}
	cJSON_ArrayForEach(it, arr)
	{
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(it, "id");
		if (cJSON_IsString(id)) {
			ids[k].id = id->valuestring;
			ids[k++].index = i;
		}
		i++;
	}
	qsort(ids, k, sizeof(*ids), listed_cmp);
	for (i = 1; i < k; i++)
		if (strcmp(ids[i].id, ids[i - 1].id) == 0)
			dup[ids[i].index] = true;
	free(ids);
	return dup;
}

/*
 * A choice prompt's options: each a non-empty string, or an object with
 * "text" and, optionally, "reply" (shown when the option is picked) and
 * "ask" (a follow-up question asked when it is picked).
 */
static void validate_options(struct vctx *v, const cJSON *arr, const char *ptr)
{
	static const char *const known[] = { "text", "reply", "ask", NULL };
	const cJSON *it;
	struct pbuf e;
	size_t i = 0;

	cJSON_ArrayForEach(it, arr)
	{
		ptr_index(&e, ptr, i++);
		if (cJSON_IsString(it)) {
			if (blank(it->valuestring))
				report(v, "CG104", e.s, "entry of 'options' is empty");
		} else if (cJSON_IsObject(it)) {
			text_member(v, it, e.s, "text", true);
			text_member(v, it, e.s, "reply", false);
			text_member(v, it, e.s, "ask", false);
			known_members(v, it, e.s, known);
		} else {
			report(v, "CG102", e.s,
			       "an option must be a string or an object with 'text', not %s",
			       type_name(it));
		}
	}
}

static void validate_prompt(struct vctx *v, const cJSON *p, const char *ptr)
{
	static const char *const known[] = { "id",     "kind",    "text",     "min", "max",
					     "labels", "options", "multiple", NULL };
	const char *kind;
	const cJSON *labels, *m;
	struct pbuf b;

	if (!cJSON_IsObject(p)) {
		report(v, "CG102", ptr, "a prompt must be an object, not %s", type_name(p));
		return;
	}
	id_member(v, p, ptr);
	text_member(v, p, ptr, "text", true);
	kind = text_member(v, p, ptr, "kind", true);
	known_members(v, p, ptr, known);
	if (!kind)
		return;
	if (strcmp(kind, "text") == 0) {
		static const char *const extra[] = { "min", "max", "labels", "options",
						     "multiple" };
		size_t i;
		for (i = 0; i < sizeof(extra) / sizeof(extra[0]); i++)
			if (cJSON_GetObjectItemCaseSensitive(p, extra[i]))
				report(v, "CG107", ptr_join(&b, ptr, extra[i]),
				       "a text prompt takes no '%s'", extra[i]);
	} else if (strcmp(kind, "scale") == 0) {
		scale_fields(v, p, ptr, true);
		labels = member(v, p, ptr, "labels", is_object, "an object", false);
		if (labels) {
			static const char *const lk[] = { "min", "max", NULL };
			ptr_join(&b, ptr, "labels");
			text_member(v, labels, b.s, "min", false);
			text_member(v, labels, b.s, "max", false);
			known_members(v, labels, b.s, lk);
		}
		if (cJSON_GetObjectItemCaseSensitive(p, "options"))
			report(v, "CG107", ptr_join(&b, ptr, "options"),
			       "a scale prompt takes no 'options'");
	} else if (strcmp(kind, "choice") == 0) {
		m = member(v, p, ptr, "options", is_array, "an array of options", true);
		if (m && cJSON_GetArraySize(m) < 2)
			report(v, "CG107", ptr_join(&b, ptr, "options"),
			       "a choice prompt needs at least 2 options");
		else if (m)
			validate_options(v, m, ptr_join(&b, ptr, "options"));
		member(v, p, ptr, "multiple", is_bool, "true or false", false);
		if (cJSON_GetObjectItemCaseSensitive(p, "min") ||
		    cJSON_GetObjectItemCaseSensitive(p, "max"))
			report(v, "CG107", ptr, "a choice prompt takes no 'min' or 'max'");
	} else {
		report(v, "CG106", ptr_join(&b, ptr, "kind"),
		       "unknown prompt kind '%s' (expected text, scale or choice)", kind);
	}
}

static void validate_section(struct vctx *v, const cJSON *root)
{
	static const char *const known[] = { "id",         "title",   "summary", "paragraphs",
					     "key_points", "prompts", NULL };
	const cJSON *prompts, *p;
	size_t i = 0;
	bool *dup;

	id_member(v, root, "");
	text_member(v, root, "", "title", true);
	text_member(v, root, "", "summary", true);
	text_array(v, root, "", "paragraphs", true, 1);
	text_array(v, root, "", "key_points", true, 0);
	prompts = member(v, root, "", "prompts", is_array, "an array of prompts", true);
	if (prompts) {
		if (cJSON_GetArraySize(prompts) == 0)
			report(v, "CG113", "/prompts", "prompts needs at least 1 entry");
		dup = repeated_member_ids(v, prompts);
		cJSON_ArrayForEach(p, prompts)
		{
			struct pbuf e;
			ptr_index(&e, "/prompts", i);
			validate_prompt(v, p, e.s);
			if (dup && dup[i]) {
				struct pbuf f;
				report(v, "CG105", ptr_join(&f, e.s, "id"),
				       "prompt id '%s' is used twice in this section",
				       cJSON_GetObjectItemCaseSensitive(p, "id")->valuestring);
			}
			i++;
		}
		free(dup);
	}
	known_members(v, root, "", known);
}

/* The entries of an array of strings (non-strings skipped), borrowed from the tree. */
static const char **borrow_strs(const cJSON *arr, size_t *n, bool *oom)
{
	const cJSON *it;
	const char **out;

	*n = 0;
	if (!cJSON_IsArray(arr))
		return NULL;
	out = malloc(((size_t)cJSON_GetArraySize(arr) + 1) * sizeof(*out));
	if (!out) {
		*oom = true;
		return NULL;
	}
	cJSON_ArrayForEach(it, arr) if (cJSON_IsString(it)) out[(*n)++] = it->valuestring;
	return out;
}

/*
 * obj's pairs (shorthand: strings; concepts: arrays of strings), borrowed,
 * with the member and the entry index of each for its JSON Pointer.
 */
static struct lexicon_pair *borrow_pairs(const cJSON *obj, size_t *n, const cJSON ***member,
					 size_t **entry, bool *oom)
{
	const cJSON *it, *e;
	struct lexicon_pair *out;
	size_t cap = 0, k;

	*n = 0;
	*member = NULL;
	*entry = NULL;
	if (!cJSON_IsObject(obj))
		return NULL;
	cJSON_ArrayForEach(it, obj) cap += cJSON_IsArray(it) ? (size_t)cJSON_GetArraySize(it) : 1;
	out = malloc((cap + 1) * sizeof(*out));
	*member = malloc((cap + 1) * sizeof(**member));
	*entry = malloc((cap + 1) * sizeof(**entry));
	if (!out || !*member || !*entry) {
		*oom = true;
		return out;
	}
	cJSON_ArrayForEach(it, obj)
	{
		if (cJSON_IsString(it)) {
			(*member)[*n] = it;
			(*entry)[*n] = SIZE_MAX;
			out[*n].key = it->string;
			out[(*n)++].value = it->valuestring;
			continue;
		}
		k = 0;
		cJSON_ArrayForEach(e, it)
		{
			if (cJSON_IsString(e)) {
				(*member)[*n] = it;
				(*entry)[*n] = k;
				out[*n].key = it->string;
				out[(*n)++].value = e->valuestring;
			}
			k++;
		}
	}
	return out;
}

/*
 * CG211: the lexicon must read, as the walk reads it: the built-in floor
 * first, then this file's.  One place says what is wrong, for the loader
 * (which refuses) and for check alike.
 */
static void validate_lexicon(struct vctx *v, const cJSON *root)
{
	const cJSON *mt = cJSON_GetObjectItemCaseSensitive(root, "matcher");
	const cJSON **sh_m = NULL, **te_m = NULL;
	size_t *sh_e = NULL, *te_e = NULL;
	struct lexicon lex = { 0 };
	const struct lexicon *lp = &lex;
	struct matcher_error err;
	struct matcher *m = NULL;
	struct pbuf a, b;
	const char *ptr = "/matcher";
	bool oom = false;

	lex.phrases =
	    borrow_strs(cJSON_GetObjectItemCaseSensitive(root, "phrases"), &lex.n_phrases, &oom);
	lex.rules = borrow_strs(cJSON_GetObjectItemCaseSensitive(mt, "rules"), &lex.n_rules, &oom);
	lex.modifiers =
	    borrow_strs(cJSON_GetObjectItemCaseSensitive(mt, "modifiers"), &lex.n_modifiers, &oom);
	lex.unweighted = borrow_strs(cJSON_GetObjectItemCaseSensitive(mt, "unweighted"),
				     &lex.n_unweighted, &oom);
	lex.weights =
	    borrow_strs(cJSON_GetObjectItemCaseSensitive(mt, "weights"), &lex.n_weights, &oom);
	lex.shorthand = borrow_pairs(cJSON_GetObjectItemCaseSensitive(mt, "shorthand"),
				     &lex.n_shorthand, &sh_m, &sh_e, &oom);
	lex.terms = borrow_pairs(cJSON_GetObjectItemCaseSensitive(mt, "concepts"), &lex.n_terms,
				 &te_m, &te_e, &oom);
	if (oom || matcher_lexicon_is_builtin(lp))
		goto out; /* a copy of the built-in lexicon reads: it is the floor */
	m = matcher_new(&lp, 1, &err);
	if (m) {
		goto out;
	} else if (err.oom) {
		oom = true;
		goto out;
	}
	if (strcmp(err.field, "rules") == 0 || strcmp(err.field, "modifiers") == 0 ||
	    strcmp(err.field, "unweighted") == 0 || strcmp(err.field, "weights") == 0) {
		ptr = ptr_index(&b, ptr_join(&a, "/matcher", err.field), err.index);
	} else if (strcmp(err.field, "phrases") == 0) {
		ptr = ptr_index(&b, "/phrases", err.index);
	} else if (strcmp(err.field, "shorthand") == 0 && err.index < lex.n_shorthand) {
		ptr = ptr_join(&b, "/matcher/shorthand", sh_m[err.index]->string);
	} else if (strcmp(err.field, "concepts") == 0 && err.index < lex.n_terms) {
		ptr_join(&a, "/matcher/concepts", te_m[err.index]->string);
		ptr = te_e[err.index] == SIZE_MAX ? a.s : ptr_index(&b, a.s, te_e[err.index]);
	}
	report(v, "CG211", ptr, "%s", err.message);
out:
	if (oom)
		v->oom = true;
	matcher_free(m);
	free((void *)lex.phrases);
	free((void *)lex.rules);
	free((void *)lex.modifiers);
	free((void *)lex.unweighted);
	free((void *)lex.weights);
	free((void *)lex.shorthand);
	free((void *)lex.terms);
	free((void *)sh_m);
	free((void *)te_m);
	free(sh_e);
	free(te_e);
}

static void validate_safety(struct vctx *v, const cJSON *root)
{
	static const char *const known[] = {
		"schema_version", "crisis_line", "resources", "phrases", "matcher", "examples", NULL
	};
	static const char *const m_known[] = { "shorthand",  "concepts", "rules", "modifiers",
					       "unweighted", "weights",  NULL };
	static const char *const r_known[] = { "id",      "name",        "region", "contact",
					       "details", "verified_on", "source", NULL };
	static const char *const e_known[] = { "must_match", "must_match_medium", "must_not_match",
					       NULL };
	const cJSON *res, *r, *ex, *mt;
	size_t i = 0;
	bool *dup;

	schema_member(v, root);
	floor_crisis(v, root, text_member(v, root, "", "crisis_line", true));
	text_array(v, root, "", "phrases", true, 1);
	ex = member(v, root, "", "examples", is_object, "an object", true);
	if (ex) {
		text_array(v, ex, "/examples", "must_match", true, 1);
		text_array(v, ex, "/examples", "must_match_medium", false, 0);
		text_array(v, ex, "/examples", "must_not_match", true, 1);
		known_members(v, ex, "/examples", e_known);
	}
	mt = member(v, root, "", "matcher", is_object, "an object", false);
	if (mt) {
		validate_pairs(v, mt, "/matcher", "shorthand", false);
		validate_pairs(v, mt, "/matcher", "concepts", true);
		text_array(v, mt, "/matcher", "rules", false, 0);
		text_array(v, mt, "/matcher", "modifiers", false, 0);
		text_array(v, mt, "/matcher", "unweighted", false, 0);
		text_array(v, mt, "/matcher", "weights", false, 0);
		known_members(v, mt, "/matcher", m_known);
	}
	if (v->errors == 0)
		validate_lexicon(v, root);
	res = member(v, root, "", "resources", is_array, "an array of resources", true);
	if (res) {
		if (cJSON_GetArraySize(res) == 0)
			report(v, "CG113", "/resources", "resources needs at least 1 entry");
		dup = repeated_member_ids(v, res);
		cJSON_ArrayForEach(r, res)
		{
			struct pbuf e;
			ptr_index(&e, "/resources", i);
			if (!cJSON_IsObject(r)) {
				report(v, "CG102", e.s, "a resource must be an object, not %s",
				       type_name(r));
				i++;
				continue;
			}
			id_member(v, r, e.s);
			text_member(v, r, e.s, "name", true);
			text_member(v, r, e.s, "region", false);
			text_array(v, r, e.s, "contact", true, 1);
			text_array(v, r, e.s, "details", false, 0);
			date_member(v, r, e.s, "verified_on", true);
			text_member(v, r, e.s, "source", true);
			known_members(v, r, e.s, r_known);
			if (dup && dup[i]) {
				struct pbuf f;
				report(v, "CG105", ptr_join(&f, e.s, "id"),
				       "resource id '%s' is used twice",
				       cJSON_GetObjectItemCaseSensitive(r, "id")->valuestring);
			}
			i++;
		}
		free(dup);
	}
	floor_resources(v, cJSON_GetObjectItemCaseSensitive(root, "resources"));
	known_members(v, root, "", known);
}

static void validate_tree(struct vctx *v, enum content_kind kind, const cJSON *root)
{
	if (!cJSON_IsObject(root)) {
		report(v, "CG102", "", "the file must hold a JSON object, not %s", type_name(root));
		return;
	}
	switch (kind) {
	case CONTENT_GUIDE: validate_guide(v, root); break;
	case CONTENT_SAFETY: validate_safety(v, root); break;
	case CONTENT_SECTION: validate_section(v, root); break;
	}
}

int content_validate_each(enum content_kind kind, const char *buf, size_t len, content_issue_fn fn,
			  content_string_fn string_fn, void *ctx)
{
	struct vctx v = { buf, len, fn, ctx, 0, false, false, 0, 0, NULL, 0, 0, NULL, false };
	struct string_walk sw = { &v, string_fn, ctx };
	char ptr[STRING_PTR_MAX] = "";
	struct content_arena tree = { NULL };
	cJSON *root = parse_checked(&v, &tree);

	if (root) {
		each_string(root, ptr, 0, on_each_string, &sw);
		validate_tree(&v, kind, root);
	}
	arena_clear(&tree);
	deliver(&v);
	return v.oom ? -1 : v.errors;
}

int content_validate(enum content_kind kind, const char *buf, size_t len, content_issue_fn fn,
		     void *ctx)
{
	return content_validate_each(kind, buf, len, fn, NULL, ctx);
}

enum content_kind content_kind_of(const char *path)
{
	const char *base = strrchr(path, '/');

	base = base ? base + 1 : path;
	if (strcmp(base, "guide.json") == 0)
		return CONTENT_GUIDE;
	if (strcmp(base, "safety.json") == 0)
		return CONTENT_SAFETY;
	return CONTENT_SECTION;
}

/* ---- building the model from a validated tree ---- */

struct loader {
	struct content *c;
	struct content_error *err;
	const char *dir; /* NULL for the built-in copy */
	bool failed;
	bool oom;
	int read_errno;       /* why the last file could not be read */
	content_want_fn want; /* NULL, or which sections' bytes to validate and keep */
	void *want_ctx;
	bool skipped; /* want turned the last file down */
};

static const char *dup_str(struct loader *l, const cJSON *obj, const char *key)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, key);
	const char *s;

	if (!cJSON_IsString(m))
		return NULL;
	s = arena_strdup(l->c->arena, m->valuestring);
	if (!s)
		l->oom = true;
	return s;
}

static const char *const *dup_strs(struct loader *l, const cJSON *obj, const char *key, size_t *n)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(obj, key), *it;
	const char **out;
	size_t i = 0;

	*n = 0;
	if (!cJSON_IsArray(arr))
		return NULL;
	*n = (size_t)cJSON_GetArraySize(arr);
	out = arena_alloc(l->c->arena, (*n + 1) * sizeof(*out));
	if (!out) {
		l->oom = true;
		*n = 0;
		return NULL;
	}
	cJSON_ArrayForEach(it, arr)
	{
		out[i] = arena_strdup(l->c->arena, it->valuestring);
		if (!out[i])
			l->oom = true;
		i++;
	}
	out[i] = NULL;
	return out;
}

/* obj[key] as pairs (see validate_pairs()): one per string, or per array entry. */
static const struct lexicon_pair *dup_pairs(struct loader *l, const cJSON *obj, const char *key,
					    size_t *n)
{
	const cJSON *o = cJSON_GetObjectItemCaseSensitive(obj, key), *it, *e;
	struct lexicon_pair *out;
	size_t i = 0;

	*n = 0;
	if (!cJSON_IsObject(o))
		return NULL;
	cJSON_ArrayForEach(it, o) *n += cJSON_IsArray(it) ? (size_t)cJSON_GetArraySize(it) : 1;
	out = arena_alloc(l->c->arena, (*n + 1) * sizeof(*out));
	if (!out) {
		l->oom = true;
		*n = 0;
		return NULL;
	}
	cJSON_ArrayForEach(it, o)
	{
		const char *k = arena_strdup(l->c->arena, it->string);
		if (!k)
			l->oom = true;
		if (!cJSON_IsArray(it)) {
			out[i].key = k;
			out[i++].value = dup_str(l, o, it->string);
			continue;
		}
		cJSON_ArrayForEach(e, it)
		{
			out[i].key = k;
			out[i].value = arena_strdup(l->c->arena, e->valuestring);
			if (!out[i++].value)
				l->oom = true;
		}
	}
	out[i].key = out[i].value = NULL;
	return out;
}

static long num(const cJSON *obj, const char *key, long def)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsNumber(m) ? (long)m->valuedouble : def;
}

static void build_guide(struct loader *l, const cJSON *root)
{
	struct content *c = l->c;
	const cJSON *src = cJSON_GetObjectItemCaseSensitive(root, "source");
	const cJSON *ci = cJSON_GetObjectItemCaseSensitive(root, "check_in");
	const cJSON *co = cJSON_GetObjectItemCaseSensitive(root, "check_out");

	c->schema_version = num(root, "schema_version", 0);
	c->title = dup_str(l, root, "title");
	c->language = dup_str(l, root, "language");
	c->content_version = dup_str(l, root, "content_version");
	c->intro = dup_str(l, root, "intro");
	c->disclaimer = dup_str(l, root, "disclaimer");
	c->closing = dup_str(l, root, "closing");
	c->source.title = dup_str(l, src, "title");
	c->source.publisher = dup_str(l, src, "publisher");
	c->source.author = dup_str(l, src, "author");
	c->source.date = dup_str(l, src, "date");
	c->source.note = dup_str(l, src, "note");
	c->source.reviewers = dup_strs(l, src, "reviewers", &c->source.n_reviewers);
	c->check_in.text = dup_str(l, ci, "text");
	c->check_in.min = num(ci, "min", 0);
	c->check_in.max = num(ci, "max", 10);
	c->check_out.text = dup_str(l, co, "text");
	c->check_out.min = num(co, "min", 0);
	c->check_out.max = num(co, "max", 10);
}

static void build_safety(struct loader *l, const cJSON *root)
{
	struct content *c = l->c;
	const cJSON *ex = cJSON_GetObjectItemCaseSensitive(root, "examples");
	const cJSON *mt = cJSON_GetObjectItemCaseSensitive(root, "matcher");
	const cJSON *res = cJSON_GetObjectItemCaseSensitive(root, "resources"), *r;
	struct resource *out;
	size_t i = 0;

	c->crisis_line = dup_str(l, root, "crisis_line");
	c->lexicon.phrases = dup_strs(l, root, "phrases", &c->lexicon.n_phrases);
	c->lexicon.shorthand = dup_pairs(l, mt, "shorthand", &c->lexicon.n_shorthand);
	c->lexicon.terms = dup_pairs(l, mt, "concepts", &c->lexicon.n_terms);
	c->lexicon.rules = dup_strs(l, mt, "rules", &c->lexicon.n_rules);
	c->lexicon.modifiers = dup_strs(l, mt, "modifiers", &c->lexicon.n_modifiers);
	c->lexicon.unweighted = dup_strs(l, mt, "unweighted", &c->lexicon.n_unweighted);
	c->lexicon.weights = dup_strs(l, mt, "weights", &c->lexicon.n_weights);
	c->must_match = dup_strs(l, ex, "must_match", &c->n_must_match);
	c->must_match_medium = dup_strs(l, ex, "must_match_medium", &c->n_must_match_medium);
	c->must_not_match = dup_strs(l, ex, "must_not_match", &c->n_must_not_match);
	c->n_resources = (size_t)cJSON_GetArraySize(res);
	out = arena_alloc(c->arena, (c->n_resources + 1) * sizeof(*out));
	if (!out) {
		l->oom = true;
		c->n_resources = 0;
		return;
	}
	cJSON_ArrayForEach(r, res)
	{
		struct resource *x = &out[i++];
		x->id = dup_str(l, r, "id");
		x->name = dup_str(l, r, "name");
		x->region = dup_str(l, r, "region");
		x->contact = dup_strs(l, r, "contact", &x->n_contact);
		x->details = dup_strs(l, r, "details", &x->n_details);
		x->verified_on = dup_str(l, r, "verified_on");
		x->source = dup_str(l, r, "source");
	}
	c->resources = out;
}

/* A string member of an option object, copied; NULL for a plain string option. */
static const char *option_part(struct loader *l, const cJSON *opt, const char *key)
{
	return cJSON_IsObject(opt) ? dup_str(l, opt, key) : NULL;
}

/*
 * A choice prompt's options (see validate_options()): their texts, and the
 * replies and follow-up questions when any option has one.
 */
static void dup_options(struct loader *l, const cJSON *arr, struct prompt *x)
{
	const char **text, **reply = NULL, **ask = NULL;
	const cJSON *it;
	size_t n, i = 0;
	bool any_reply = false, any_ask = false;

	if (!cJSON_IsArray(arr))
		return;
	n = (size_t)cJSON_GetArraySize(arr);
	cJSON_ArrayForEach(it, arr)
	{
		any_reply |= cJSON_GetObjectItemCaseSensitive(it, "reply") != NULL;
		any_ask |= cJSON_GetObjectItemCaseSensitive(it, "ask") != NULL;
	}
	text = arena_alloc(l->c->arena, (n + 1) * sizeof(*text));
	if (any_reply)
		reply = arena_alloc(l->c->arena, (n + 1) * sizeof(*reply));
	if (any_ask)
		ask = arena_alloc(l->c->arena, (n + 1) * sizeof(*ask));
	if (!text || (any_reply && !reply) || (any_ask && !ask)) {
		l->oom = true;
		return;
	}
	cJSON_ArrayForEach(it, arr)
	{
		text[i] = cJSON_IsString(it) ? arena_strdup(l->c->arena, it->valuestring)
					     : option_part(l, it, "text");
		if (!text[i])
			l->oom = true;
		if (reply)
			reply[i] = option_part(l, it, "reply");
		if (ask)
			ask[i] = option_part(l, it, "ask");
		i++;
	}
	text[n] = NULL;
	if (reply)
		reply[n] = NULL;
	if (ask)
		ask[n] = NULL;
	x->options = text;
	x->n_options = n;
	x->replies = reply;
	x->asks = ask;
}

static void build_section(struct loader *l, const cJSON *root, struct section *s)
{
	const cJSON *prompts = cJSON_GetObjectItemCaseSensitive(root, "prompts"), *p;
	struct prompt *out;
	size_t i = 0;

	s->id = dup_str(l, root, "id");
	s->title = dup_str(l, root, "title");
	s->summary = dup_str(l, root, "summary");
	s->paragraphs = dup_strs(l, root, "paragraphs", &s->n_paragraphs);
	s->key_points = dup_strs(l, root, "key_points", &s->n_key_points);
	s->n_prompts = (size_t)cJSON_GetArraySize(prompts);
	out = arena_alloc(l->c->arena, (s->n_prompts + 1) * sizeof(*out));
	if (!out) {
		l->oom = true;
		s->n_prompts = 0;
		return;
	}
	memset(out, 0, (s->n_prompts + 1) * sizeof(*out));
	cJSON_ArrayForEach(p, prompts)
	{
		struct prompt *x = &out[i++];
		const char *kind =
		    cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(p, "kind"));
		const cJSON *labels = cJSON_GetObjectItemCaseSensitive(p, "labels");
		x->id = dup_str(l, p, "id");
		x->text = dup_str(l, p, "text");
		x->kind = strcmp(kind, "scale") == 0    ? PROMPT_SCALE
			  : strcmp(kind, "choice") == 0 ? PROMPT_CHOICE
							: PROMPT_TEXT;
		x->min = num(p, "min", 0);
		x->max = num(p, "max", 0);
		x->min_label = dup_str(l, labels, "min");
		x->max_label = dup_str(l, labels, "max");
		dup_options(l, cJSON_GetObjectItemCaseSensitive(p, "options"), x);
		x->multiple = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(p, "multiple"));
	}
	s->prompts = out;
}

/* ---- loading ---- */

static void set_error(struct content_error *err, const char *path, int line, int col,
		      const char *pointer, const char *code, const char *message)
{
	if (!err)
		return;
	snprintf(err->path, sizeof(err->path), "%s", path ? path : "");
	err->line = line;
	err->col = col;
	snprintf(err->pointer, sizeof(err->pointer), "%s", pointer ? pointer : "");
	snprintf(err->code, sizeof(err->code), "%s", code ? code : "");
	snprintf(err->message, sizeof(err->message), "%s", message);
	err->more = 0;
}

struct first_error {
	struct loader *l;
	const char *path;
};

/* Keep the first issue that makes the loader refuse the file. */
static void record_first(void *ctx, const struct content_issue *issue)
{
	struct first_error *fe = ctx;
	const struct rule *r = rule_find(issue->code);

	if (fe->l->failed || !r || !r->refuse)
		return;
	fe->l->failed = true;
	set_error(fe->l->err, fe->path, issue->line, issue->col, issue->pointer, issue->code,
		  issue->message);
}

/*
 * Read NAME (relative to the content root), validate it as KIND and return
 * its tree, or NULL with the error recorded.  *path gets the display path.
 * When the loader has a filter that turns the file's bytes down, the file
 * is neither validated nor kept: NULL with l->skipped set.
 */
/*
 * DIR/NAME read, checked and validated; its tree, or NULL with l->failed or
 * l->oom set (or l->skipped).  With tree not NULL the tree is built in that
 * arena in the strict check's one pass (no node allocated alone, nothing
 * parsed twice): the caller clears the arena and never calls cJSON_Delete.
 * With ids too (guide.json), the manifest's ids are read into that list,
 * not into the tree.
 */
static cJSON *load_bytes(struct loader *l, const char *full, const char *buf, size_t len,
			 enum content_kind kind, const char **path, struct content_arena *tree,
			 struct manifest *ids, bool ids_checked);

/* DIR/NAME in full (room for 4096 bytes); false, with the error recorded, when it is too long. */
static bool full_path(struct loader *l, const char *name, char *full)
{
	if ((size_t)snprintf(full, 4096, "%s/%s", l->dir, name) < 4096)
		return true;
	set_error(l->err, name, 0, 0, NULL, "CG001", "path is too long");
	l->failed = true;
	return false;
}

static cJSON *load_file(struct loader *l, const char *name, enum content_kind kind,
			const char **path, struct content_arena *tree, struct manifest *ids)
{
	char full[4096];
	char *buf = NULL;
	size_t len = 0;
	const char *why;
	cJSON *root;

	if (!full_path(l, name, full))
		return NULL;
	if (content_read_file(full, &buf, &len, &why) != 0) {
		char msg[256];
		l->read_errno = errno;
		if (errno == EFBIG)
			snprintf(msg, sizeof(msg), "file is larger than 1 MiB");
		else
			snprintf(msg, sizeof(msg), "cannot open: %s", why ? why : strerror(errno));
		set_error(l->err, full, 0, 0, NULL, errno == EFBIG ? "CG003" : "CG001", msg);
		l->failed = true;
		return NULL;
	}
	root = load_bytes(l, full, buf, len, kind, path, tree, ids, false);
	free(buf);
	return root;
}

/*
 * load_file() once the file is read: buf[len] (NUL-terminated) read from
 * full.  ids_checked: guide.json's "sections" is a placeholder for ids
 * id_stream_scan() checked.
 */
static cJSON *load_bytes(struct loader *l, const char *full, const char *buf, size_t len,
			 enum content_kind kind, const char **path, struct content_arena *tree,
			 struct manifest *ids, bool ids_checked)
{
	struct first_error fe = { l, NULL };
	struct vctx v = {
		NULL, 0, record_first, &fe, 0, false, true, 1, 0, NULL, 0, 0, NULL, false
	};
	cJSON *root = NULL;

	if (l->want && !l->want(l->want_ctx, buf, len)) {
		l->skipped = true;
		return NULL;
	}
	*path = arena_strdup(l->c->arena, full);
	if (!*path) {
		l->oom = true;
		return NULL;
	}
	fe.path = *path;
	v.buf = buf;
	v.len = len;
	v.manifest = tree ? ids : NULL;
	v.ids_checked = ids_checked;
	/* only the first refusing issue is placed and kept; the rest are counted */
	root = parse_checked(&v, tree);
	if (root)
		validate_tree(&v, kind, root);
	deliver(&v);
	if (v.oom || (!root && !l->failed)) {
		/* memory ran out (cJSON's too: the checks before it all passed) */
		l->oom = true;
	}
	if (l->failed) {
		if (l->err)
			l->err->more = v.dropped > INT_MAX ? INT_MAX : (int)v.dropped;
		if (!tree)
			cJSON_Delete(root);
		root = NULL;
	}
	return root;
}

/* A fresh content (and arena) for the loader, its origin DIR; false when memory ran out. */
static bool loader_start(struct loader *l, const char *dir)
{
	l->c = calloc(1, sizeof(*l->c));
	if (!l->c)
		return false;
	l->c->arena = calloc(1, sizeof(*l->c->arena));
	if (!l->c->arena)
		return false;
	l->c->origin = arena_strdup(l->c->arena, dir);
	return l->c->origin != NULL;
}

/*
 * guide.json read a chunk at a time (id_stream_scan()): its tree, built
 * from the file with "[]" in place of the manifest's ids, with *path and
 * *span; or NULL, the loader as it was, when it is to be read whole as
 * before: when the scan met anything it does not expect, and when the
 * rest of the file has an issue (the message is then the one the whole
 * file gives, line and column and all).
 */
static cJSON *load_guide_scanned(struct loader *l, struct content_arena *tree, const char **path,
				 struct id_span *span)
{
	char full[4096];
	struct id_scan scan;
	cJSON *root = NULL;

	if (full_path(l, "guide.json", full) && id_stream_scan(full, 0, &scan) == 0) {
		root = load_bytes(l, full, scan.doc, scan.doc_len, CONTENT_GUIDE, path, tree, NULL,
				  true);
		free(scan.doc);
		*span = scan.span;
	}
	if (!root) {
		l->failed = l->oom = false;
		if (l->err)
			memset(l->err, 0, sizeof(*l->err));
		arena_clear(tree);
	}
	return root;
}

/*
 * guide.json then safety.json into l->c, and when ids is not NULL the
 * manifest's section ids, copied into the arena (*n of them).  With m,
 * guide.json is read a chunk at a time and the ids left in it: *ids is
 * then NULL, and m says where they are (m->ids is left to the caller);
 * only a file that has to be read whole gives *ids (and m->ids NULL).
 * The guide's tree is let go before safety.json is read, so the two are
 * never in memory together.  Returns 0, or -1 with l->failed or l->oom set.
 */
static int load_head(struct loader *l, const char ***ids, size_t *n, struct content_manifest *m)
{
	cJSON *guide, *safety;
	const char *path = NULL;
	size_t i;
	struct content_arena tree = { 0 };
	struct manifest list = { 0 };

	/* the manifest may list 100,000 sections: its tree goes in an arena
	 * (parsed once, no node allocated alone), and its ids straight into
	 * the content's own arena, never a node each */
	list.arena = l->c->arena;
	guide = m ? load_guide_scanned(l, &tree, &path, &m->span) : NULL;
	if (guide) {
		m->path = path;
		if (ids) {
			*ids = NULL;
			*n = m->span.n;
			ids = NULL;
		}
	} else {
		guide = load_file(l, "guide.json", CONTENT_GUIDE, &path, &tree, &list);
		if (m) {
			memset(&m->span, 0, sizeof(m->span));
			m->path = path;
		}
	}
	if (!guide) {
		arena_clear(&tree);
		manifest_free(&list);
		return -1;
	}
	build_guide(l, guide);
	if (ids) {
		const cJSON *secs = cJSON_GetObjectItemCaseSensitive(guide, "sections"), *it;
		if (secs != list.node) { /* a key written with an escape: read as nodes */
			list.n = 0;
			cJSON_ArrayForEach(it, secs) manifest_push(
			    &list, arena_strdup(l->c->arena, it->valuestring), it->type);
		}
		*n = list.n;
		*ids = arena_alloc(l->c->arena, (list.n + 1) * sizeof(**ids));
		if (!*ids || list.oom)
			l->oom = true;
		for (i = 0; *ids && i < list.n; i++) {
			(*ids)[i] = list.id[i]; /* strings: the validator let only those by */
			if (!(*ids)[i])
				l->oom = true;
		}
	}
	arena_clear(&tree);
	manifest_free(&list);
	safety = load_file(l, "safety.json", CONTENT_SAFETY, &path, NULL, NULL);
	if (!safety)
		return -1;
	build_safety(l, safety);
	cJSON_Delete(safety);
	return l->oom ? -1 : 0;
}

/*
 * The manifest's Nth section (0-based), whose id is ID, into *s.  Returns
 * 1, 0 when the loader's filter turned it down, or -1 with l->failed or
 * l->oom set (a missing file is CG110, an id that is not the manifest's
 * CG111).
 */
static int load_section(struct loader *l, size_t n, const char *id, struct section *s)
{
	struct content_error *err = l->err;
	const char *path;
	char name[300];
	cJSON *root;

	l->skipped = false;
	snprintf(name, sizeof(name), "sections/%02zu-%s.json", n + 1, id);
	root = load_file(l, name, CONTENT_SECTION, &path, NULL, NULL);
	if (!root) {
		if (l->skipped && !l->failed && !l->oom)
			return 0;
		if (!l->failed) {
			l->oom = true;
			return -1;
		}
		if (err && strcmp(err->code, "CG001") == 0 && l->read_errno == ENOENT) {
			char msg[256];
			snprintf(
			    msg, sizeof(msg),
			    "cannot open: No such file or directory (section %zu of the manifest, '%s')",
			    n + 1, id);
			snprintf(err->message, sizeof(err->message), "%s", msg);
			snprintf(err->code, sizeof(err->code), "CG110");
		}
		return -1;
	}
	build_section(l, root, s);
	s->path = path;
	cJSON_Delete(root);
	if (s->id && strcmp(s->id, id) != 0) {
		char msg[256];
		snprintf(msg, sizeof(msg), "section id '%s' does not match the manifest's '%s'",
			 s->id, id);
		set_error(err, path, 0, 0, "/id", "CG111", msg);
		l->failed = true;
		return -1;
	}
	return l->oom ? -1 : 1;
}

/* How a load ends: 0 and *out, or -1 with err filled ("out of memory" when that was why). */
static int loader_finish(struct loader *l, int rc, struct content **out)
{
	if (rc == 0 && !l->oom) {
		*out = l->c;
		return 0;
	}
	if (!l->failed)
		set_error(l->err, NULL, 0, 0, NULL, "", "out of memory");
	content_free(l->c);
	return -1;
}

/* Load DIR; with_sections false stops after guide.json and safety.json. */
static int load(const char *dir, bool with_sections, struct content **out,
		struct content_error *err)
{
	struct loader l = { NULL, err, dir, false, false, 0, NULL, NULL, false };
	const char **ids = NULL;
	struct section *sections;
	struct content_manifest m;
	size_t i, n = 0;
	int rc = -1;

	*out = NULL;
	if (err)
		memset(err, 0, sizeof(*err));
	if (!loader_start(&l, dir)) {
		l.oom = true;
		return loader_finish(&l, -1, out);
	}
	/* without the sections, no id is needed: guide.json is read a chunk at a time */
	if (load_head(&l, with_sections ? &ids : NULL, &n, with_sections ? NULL : &m) != 0)
		return loader_finish(&l, -1, out);
	sections = arena_alloc(l.c->arena, (n + 1) * sizeof(*sections));
	if (!sections) {
		l.oom = true;
		return loader_finish(&l, -1, out);
	}
	memset(sections, 0, (n + 1) * sizeof(*sections));
	for (i = 0; i < n; i++)
		if (load_section(&l, i, ids[i], &sections[i]) < 0)
			return loader_finish(&l, -1, out);
	l.c->sections = sections;
	l.c->n_sections = n;
	rc = 0;
	return loader_finish(&l, rc, out);
}

int content_load_dir(const char *dir, struct content **out, struct content_error *err)
{
	return load(dir, true, out, err);
}

int content_load_safety(const char *dir, struct content **out, struct content_error *err)
{
	return load(dir, false, out, err);
}

int content_load_builtin(struct content **out, struct content_error *err)
{
	/* validated and turned into static data at build time (tools/gencontent.c) */
	(void)err;
	*out = (struct content *)&content_builtin_model;
	return 0;
}

void content_free(struct content *c)
{
	if (!c || c == &content_builtin_model)
		return;
	arena_free(c->arena);
	free(c);
}

void content_error_format(const struct content_error *err, char *buf, size_t len)
{
	int n = 0;

	if (len == 0)
		return;
	buf[0] = '\0';
	if (err->path[0]) {
		if (err->line > 0)
			n = snprintf(buf, len, "%s:%d:%d: ", err->path, err->line, err->col);
		else
			n = snprintf(buf, len, "%s: ", err->path);
	}
	if (n < 0 || (size_t)n >= len)
		return;
	if (err->pointer[0])
		n += snprintf(buf + n, len - (size_t)n, "%s (%s)", err->message, err->pointer);
	else
		n += snprintf(buf + n, len - (size_t)n, "%s", err->message);
	if (err->more > 0 && n >= 0 && (size_t)n < len)
		snprintf(buf + n, len - (size_t)n, " ... and %d more error%s", err->more,
			 err->more == 1 ? "" : "s");
}

/* ---- queries ---- */

const struct section *content_find_section(const struct content *c, const char *spec,
					   bool *ambiguous)
{
	const struct section *hit = NULL;
	size_t i, n = strlen(spec), matches = 0;
	char *end;
	long num_spec;

	*ambiguous = false;
	if (n == 0)
		return NULL;
	errno = 0;
	num_spec = strtol(spec, &end, 10);
	if (*end == '\0' && errno == 0 && spec[0] != '-' && spec[0] != '+') {
		if (num_spec >= 1 && (size_t)num_spec <= c->n_sections)
			return &c->sections[num_spec - 1];
		return NULL;
	}
	for (i = 0; i < c->n_sections; i++) {
		if (strcmp(c->sections[i].id, spec) == 0)
			return &c->sections[i];
		if (strncmp(c->sections[i].id, spec, n) == 0) {
			hit = &c->sections[i];
			matches++;
		}
	}
	if (matches == 1)
		return hit;
	*ambiguous = matches > 1;
	return NULL;
}

size_t content_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t row[64], prev, tmp;

	if (lb >= sizeof(row) / sizeof(row[0]))
		lb = sizeof(row) / sizeof(row[0]) - 1;
	if (la > 256)
		la = 256;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t best = prev + cost;
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			tmp = row[j];
			row[j] = best;
			prev = tmp;
		}
	}
	return row[lb];
}

/* How near SPEC is to ID: lower is nearer. */
static size_t suggest_score(const char *spec, const char *id)
{
	size_t len = strlen(spec), d1, d2;
	const char *w;
	char pre[128];

	if (len == 0)
		return 2;
	if (strncmp(id, spec, len) == 0)
		return 0; /* the id starts with it */
	for (w = id; (w = strchr(w, '-')) != NULL;)
		if (strncmp(++w, spec, len) == 0)
			return 1; /* a later word of the id starts with it */
	if (strstr(id, spec))
		return 1;
	/* else the nearest by edits, against the id or its equally long start */
	d1 = content_edit_distance(spec, id);
	snprintf(pre, sizeof(pre), "%.*s", (int)(len < sizeof(pre) - 1 ? len : sizeof(pre) - 1),
		 id);
	d2 = content_edit_distance(spec, pre) + 1;
	return 2 + (d1 < d2 ? d1 : d2);
}

size_t content_suggest(const struct content *c, const char *spec, const char **out, size_t max)
{
	size_t i, j, n = 0;
	size_t *score = malloc((max + 1) * sizeof(*score));

	if (!score)
		return 0;
	for (i = 0; i < c->n_sections; i++) {
		size_t s = suggest_score(spec, c->sections[i].id);
		/* insert into the best max so far, stable in manifest order */
		for (j = n; j > 0 && score[j - 1] > s; j--)
			if (j < max) {
				out[j] = out[j - 1];
				score[j] = score[j - 1];
			}
		if (j < max) {
			out[j] = c->sections[i].id;
			score[j] = s;
			if (n < max)
				n++;
		}
	}
	free(score);
	return n;
}

/* ---- one section at a time (content_stream.c) ---- */

int content_load_head(const char *dir, struct content **out, struct content_manifest *m,
		      struct content_error *err)
{
	struct loader l = { NULL, err, dir, false, false, 0, NULL, NULL, false };
	const char **got = NULL;
	size_t i, n = 0, len;

	*out = NULL;
	memset(m, 0, sizeof(*m));
	if (err)
		memset(err, 0, sizeof(*err));
	if (!loader_start(&l, dir)) {
		l.oom = true;
		return loader_finish(&l, -1, out);
	}
	if (loader_finish(&l, load_head(&l, &got, &n, m), out) != 0) {
		memset(m, 0, sizeof(*m));
		return -1;
	}
	if (got) { /* read whole: the ids are held */
		m->ids = got;
		m->span.n = n;
		for (i = 0; i < n; i++) {
			len = strlen(got[i]);
			m->span.width = len > m->span.width ? len : m->span.width;
		}
	}
	return 0;
}

int content_load_section(const char *dir, size_t i, const char *id, content_want_fn want, void *ctx,
			 struct content **out, struct content_error *err)
{
	struct loader l = { NULL, err, dir, false, false, 0, want, ctx, false };
	struct section *s;
	int rc;

	*out = NULL;
	if (err)
		memset(err, 0, sizeof(*err));
	if (!loader_start(&l, dir)) {
		l.oom = true;
		return loader_finish(&l, -1, out);
	}
	s = arena_alloc(l.c->arena, 2 * sizeof(*s));
	if (!s) {
		l.oom = true;
		return loader_finish(&l, -1, out);
	}
	memset(s, 0, 2 * sizeof(*s));
	rc = load_section(&l, i, id, s);
	if (rc < 0)
		return loader_finish(&l, -1, out);
	if (rc == 0) {
		content_free(l.c);
		return 0;
	}
	l.c->sections = s;
	l.c->n_sections = (size_t)rc;
	return loader_finish(&l, 0, out) == 0 ? rc : -1;
}
