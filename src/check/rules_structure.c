/* rules_structure.c — the structure rules that need more than one file or a file's name:
 * CG001/CG003 (unreadable), CG105 (ids across files), CG110 (the manifest), CG111 (id and name), and
 * CG203 once a set is done. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "jsonpos.h"

/* A section file name "NN-ID.json": the ID part into id (NUL-terminated), or false. */
static bool section_name(const char *path, char *id, size_t idlen, long *number)
{
	const char *base = strrchr(path, '/');
	size_t digits, n;

	base = base ? base + 1 : path;
	digits = strspn(base, "0123456789");
	n = strlen(base);
	if (digits < 2 || base[digits] != '-' || n < digits + 7 ||
	    strcmp(base + n - 5, ".json") != 0)
		return false;
	n = n - 5 - digits - 1;
	if (n == 0 || n >= idlen)
		return false;
	memcpy(id, base + digits + 1, n);
	id[n] = '\0';
	*number = strtol(base, NULL, 10);
	return true;
}

void check_section(struct walk *w)
{
	struct job *j = w->j;
	char id[256], *t;
	long number;

	if (w->title) {
		t = norm_padded(w->title, strlen(w->title));
		if (!t) {
			j->oom = true;
			return;
		}
		j->seek_help = strstr(t, " seek help ") || strstr(t, " seeking help ");
		free(t);
	}
	if (j->id && strcmp(j->id, "when-to-seek-help") == 0)
		j->seek_help = true;
	if (j->id && section_name(j->path, id, sizeof(id), &number) && strcmp(id, j->id) != 0) {
		char q[QUOTE_MAX + 4], msg[512];
		quote(j->id, q, sizeof(q));
		snprintf(msg, sizeof(msg),
			 "section id '%s' does not match its file name (expected '%s')", q, id);
		add_finding(w->r, j, "CG111", j->id_line, j->id_col, "/id", msg);
	}
}

/* Findings for files that could not be read, with the reason. */
void unreadable_findings(struct check_run *r, struct job *j)
{
	bool folder = j->pre_errno != 0;

	if (!j->read_errno)
		return;
	if (j->read_errno == EFBIG)
		addf(r, j, "CG003", 0, 0, "", "file is larger than 1 MiB");
	else
		addf(r, j, "CG001", 0, 0, "", "cannot %s: %s", folder ? "read the folder" : "open",
		     j->read_why ? j->read_why : strerror(j->read_errno));
}

static int entry_cmp(const void *a, const void *b)
{
	const struct manifest_entry *x = *(const struct manifest_entry *const *)a,
				    *y = *(const struct manifest_entry *const *)b;
	int c = strcmp(x->id, y->id);

	return c ? c : (x < y ? -1 : x > y);
}

/* The manifest entry for id (the first of equal ids), or NULL. */
static struct manifest_entry *manifest_find(struct manifest_entry *const *by_id, size_t n,
					    const char *id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(by_id[mid]->id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* the first of equal ids: the manifest's own CG105 covers repeats */
	return lo < n && strcmp(by_id[lo]->id, id) == 0 ? by_id[lo] : NULL;
}

/*
 * Note that the file PATH has section id ID: *prev is the file seen last
 * with it (caller frees), or NULL.  A full table remembers no more ids.
 * -1 when memory ran out.
 */
static int idtab_see(struct idtab *t, const char *id, const char *path, char **prev)
{
	size_t lo = 0, hi = t->n;
	char *p;

	*prev = NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(t->v[mid].id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < t->n && strcmp(t->v[lo].id, id) == 0) {
		p = str_dup(path);
		if (!p)
			return -1;
		*prev = t->v[lo].path;
		t->v[lo].path = p;
		return 0;
	}
	if (t->max && t->n >= t->max)
		return 0;
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		struct id_seen *nv = realloc(t->v, cap * sizeof(*nv));
		if (!nv)
			return -1;
		t->v = nv;
		t->cap = cap;
	}
	memmove(&t->v[lo + 1], &t->v[lo], (t->n - lo) * sizeof(*t->v));
	t->v[lo].id = str_dup(id);
	t->v[lo].path = str_dup(path);
	t->n++;
	if (!t->v[lo].id || !t->v[lo].path)
		return -1;
	return 0;
}

/* CG105 across files: a section id that an earlier file (in path order) of its set also has. */
void duplicate_id(struct check_run *r, struct job *j, struct idtab *t, struct manifest_entry *e)
{
	char *prev = NULL, q[QUOTE_MAX + 4];

	if (e) {
		prev = e->last;
		e->last = str_dup(j->path);
		if (!e->last)
			j->oom = true;
	} else if (idtab_see(t, j->id, j->path, &prev) != 0) {
		j->oom = true;
	}
	if (!prev)
		return;
	quote(j->id, q, sizeof(q));
	addf(r, j, "CG105", j->id_line, j->id_col, "/id", "section id '%s' is also the id of %s", q,
	     prev);
	free(prev);
}

/* A set's guide.json, once checked: its manifest sorted by id for the files that follow. */
void set_take_guide(struct source *s, struct job *j)
{
	size_t k;

	s->guide = *j;
	memset(j, 0, sizeof(*j));
	s->have_guide = true;
	if (!s->guide.parsed || s->guide.n_manifest == 0)
		return;
	s->by_id = malloc(s->guide.n_manifest * sizeof(*s->by_id));
	if (!s->by_id) {
		s->guide.oom = true;
		return;
	}
	for (k = 0; k < s->guide.n_manifest; k++)
		s->by_id[k] = &s->guide.manifest[k];
	qsort(s->by_id, s->guide.n_manifest, sizeof(*s->by_id), entry_cmp);
}

/* CG110 for a section file of a set against the manifest, in path order. */
static void manifest_findings(struct check_run *r, struct source *s, struct job *j)
{
	const struct job *guide = &s->guide;
	struct manifest_entry *e;
	char id[256], q[QUOTE_MAX + 4];
	long number;
	size_t k;
	int line = j->id ? j->id_line : j->root_line, col = j->id ? j->id_col : j->root_col;
	const char *ptr = j->id ? "/id" : "";

	if (!section_name(j->path, id, sizeof(id), &number)) {
		addf(
		    r, j, "CG110", line, col, ptr,
		    "section file names must be NN-ID.json (NN its place in guide.json's sections)");
		return;
	}
	quote(id, q, sizeof(q));
	e = manifest_find(s->by_id, s->by_id ? guide->n_manifest : 0, id);
	if (!e) {
		addf(r, j, "CG110", line, col, ptr,
		     "section '%s' is not listed in guide.json's sections", q);
		return;
	}
	if (e->has_file) {
		addf(r, j, "CG110", line, col, ptr, "section '%s' has more than one file", q);
		return;
	}
	e->has_file = true;
	k = (size_t)(e - guide->manifest);
	if (number < 0 || (size_t)number != k + 1)
		addf(
		    r, j, "CG110", line, col, ptr,
		    "file number %02ld does not match the section's place in guide.json's sections (%02zu): rename it %02zu-%s.json",
		    number, k + 1, k + 1, q);
}

/* The cross-file rules for a section file of a set, in path order: CG110, then CG105. */
void set_section(struct check_run *r, struct source *s, struct job *j)
{
	s->seek_help |= j->seek_help;
	if (s->have_guide && s->guide.parsed)
		manifest_findings(r, s, j);
	if (j->id)
		duplicate_id(r, j, &s->unlisted,
			     manifest_find(s->by_id, s->by_id ? s->guide.n_manifest : 0, j->id));
}

/* The line and column of every manifest entry that has no file, in one scan of guide.json. */
static void locate_missing(struct job *guide, const char *buf, size_t len)
{
	struct jsonpos_query *q;
	char(*ptr)[32];
	size_t k, n = 0;

	for (k = 0; k < guide->n_manifest; k++)
		if (!guide->manifest[k].has_file)
			n++;
	if (n == 0)
		return;
	q = malloc(n * sizeof(*q));
	ptr = malloc(n * sizeof(*ptr));
	if (!q || !ptr) {
		guide->oom = true;
		goto out;
	}
	for (k = 0, n = 0; k < guide->n_manifest; k++) {
		if (guide->manifest[k].has_file)
			continue;
		snprintf(ptr[n], sizeof(ptr[n]), "/sections/%zu", k);
		q[n].pointer = ptr[n];
		n++;
	}
	if (jsonpos_locate_all(buf, len, q, n) != 0) {
		guide->oom = true;
		goto out;
	}
	for (k = 0, n = 0; k < guide->n_manifest; k++) {
		if (guide->manifest[k].has_file)
			continue;
		guide->manifest[k].line = q[n].line;
		guide->manifest[k].col = q[n].col;
		n++;
	}
out:
	free(q);
	free(ptr);
}

/* CG110 and CG203 at a set's guide.json, once all its files are checked. */
void set_finish(struct check_run *r, struct source *s)
{
	struct job *guide = &s->guide;
	size_t k;

	s->finished = true;
	if (!s->have_guide)
		return;
	if (guide->parsed) {
		char *owned = NULL;
		const char *buf = guide->data;
		size_t len = guide->len;

		/* positions only for the entries reported, all in one scan of guide.json */
		if (guide->fs && content_read_file(guide->fs, &owned, &len, NULL) == 0)
			buf = owned;
		if (buf)
			locate_missing(guide, buf, len);
		for (k = 0; k < guide->n_manifest; k++) {
			char ptr[32], q[QUOTE_MAX + 4];
			struct manifest_entry *e = &guide->manifest[k];
			if (e->has_file)
				continue;
			snprintf(ptr, sizeof(ptr), "/sections/%zu", k);
			quote(e->id, q, sizeof(q));
			addf(r, guide, "CG110", e->line, e->col, ptr,
			     "section '%s' is listed but sections/%02zu-%s.json does not exist", q,
			     k + 1, q);
		}
		free(owned);
	}
	if (!s->seek_help) {
		bool there = guide->parsed && guide->has_secs;
		add_finding(
		    r, guide, "CG203", there ? guide->secs_line : guide->root_line,
		    there ? guide->secs_col : guide->root_col, there ? "/sections" : "",
		    "no \"when to seek help\" section (id 'when-to-seek-help', or a title with \"seek help\")");
	}
	free(s->by_id);
	s->by_id = NULL;
	idtab_release(&s->unlisted);
}
