/* walk.c — checking one file: read it, run the validator over it, hand its strings to the rules. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "jsonpos.h"

static void locate(const struct walk *w, const char *pointer, int *line, int *col)
{
	*line = *col = 0;
	jsonpos_locate(w->buf, w->len, pointer, line, col);
}

/*
 * The line and column of every finding add_at() left unplaced, in one scan
 * of the file (one scan a finding would make a file with many of them cost
 * the square of their number).
 */
static void place_findings(struct walk *w)
{
	struct job *j = w->j;
	struct jsonpos_query *q = NULL;
	size_t *at = NULL, k, n = 0;

	for (k = 0; k < j->nf; k++)
		if (j->f[k].line == LINE_PENDING)
			n++;
	if (n == 0)
		return;
	q = malloc(n * sizeof(*q));
	at = malloc(n * sizeof(*at));
	if (q && at) {
		for (k = 0, n = 0; k < j->nf; k++) {
			if (j->f[k].line != LINE_PENDING)
				continue;
			q[n].pointer = j->f[k].pointer;
			at[n++] = k;
		}
		if (jsonpos_locate_all(w->buf, w->len, q, n) == 0) {
			for (k = 0; k < n; k++) {
				j->f[at[k]].line = q[k].line;
				j->f[at[k]].col = q[k].col;
			}
		}
	}
	for (k = 0; k < j->nf; k++) {
		if (j->f[k].line == LINE_PENDING) {
			j->f[k].line = j->f[k].col = 0; /* memory ran out: never a made-up place */
			j->oom = true;
		}
	}
	free(q);
	free(at);
}

/*
 * Where a safety rule covers the same problem as a structural one, the
 * safety code takes its place: so it cannot be ignored, and is not said twice.
 */
static const struct {
	enum content_kind kind;
	const char *code, *pointer, *becomes;
} superseded[] = {
	{ CONTENT_SAFETY, "CG104", "/crisis_line", "CG201" },
	{ CONTENT_SAFETY, "CG113", "/resources", "CG201" },
	{ CONTENT_SAFETY, "CG113", "/phrases", "CG209" },
	{ CONTENT_SAFETY, "CG113", "/examples/must_match", "CG209" },
	{ CONTENT_SAFETY, "CG113", "/examples/must_not_match", "CG209" },
	{ CONTENT_GUIDE, "CG104", "/disclaimer", "CG202" },
};

static void on_issue(void *ctx, const struct content_issue *is)
{
	struct walk *w = ctx;
	const char *code = is->code;
	size_t i;

	if (strcmp(code, "CG002") == 0 || strcmp(code, "CG003") == 0 ||
	    strcmp(code, "CG004") == 0 || strcmp(code, "CG005") == 0 || strcmp(code, "CG006") == 0)
		w->parse_failed = true;
	for (i = 0; i < sizeof(superseded) / sizeof(superseded[0]); i++) {
		if (superseded[i].kind != w->j->kind || strcmp(superseded[i].code, code) != 0 ||
		    strcmp(superseded[i].pointer, is->pointer) != 0)
			continue;
		code = superseded[i].becomes;
		if (strcmp(is->pointer, "/phrases") == 0)
			w->flagged_phrases = true;
		else if (strcmp(is->pointer, "/examples/must_match") == 0)
			w->flagged_mm = true;
		else if (strcmp(is->pointer, "/examples/must_not_match") == 0)
			w->flagged_mnm = true;
		break;
	}
	add_finding(w->r, w->j, code, is->line, is->col, is->pointer, is->message);
}

static void on_string(void *ctx, const char *pointer, const char *text)
{
	struct walk *w = ctx;
	struct job *j = w->j;

	if (strcmp(pointer, "/$schema") == 0)
		return;
	switch (j->kind) {
	case CONTENT_SECTION:
		text_rules(w, pointer, text, true);
		if (strcmp(pointer, "/id") == 0) {
			free(j->id);
			j->id = str_dup(text);
			if (!j->id)
				j->oom = true;
		} else if (strcmp(pointer, "/title") == 0) {
			free(w->title);
			w->title = str_dup(text);
			if (!w->title)
				j->oom = true;
		}
		return;
	case CONTENT_GUIDE:
		text_rules(w, pointer, text, true);
		if (is_entry_of(pointer, "/sections")) {
			struct manifest_entry *e;
			if (j->n_manifest == j->cap_manifest) {
				size_t c = j->cap_manifest ? j->cap_manifest * 2 : 16;
				struct manifest_entry *nm = realloc(j->manifest, c * sizeof(*nm));
				if (!nm) {
					j->oom = true;
					return;
				}
				j->manifest = nm;
				j->cap_manifest = c;
			}
			e = &j->manifest[j->n_manifest];
			e->id = str_dup(text);
			if (!e->id) {
				j->oom = true;
				return;
			}
			e->has_file = false;
			e->last = NULL;
			e->line = e->col = 0; /* found later, only for entries with a finding */
			j->n_manifest++;
		}
		return;
	case CONTENT_SAFETY: break;
	}
	safety_string(w, pointer, text);
}

static void check_guide(struct walk *w)
{
	struct job *j = w->j;

	j->has_secs = jsonpos_locate(w->buf, w->len, "/sections", &j->secs_line, &j->secs_col) == 0;
}

void check_job(struct check_run *r, struct job *j)
{
	struct walk w;
	char *owned = NULL;
	const char *buf;
	size_t len;
	int rc;

	if (j->pre_errno) {
		j->read_errno = j->pre_errno;
		return;
	}
	if (j->fs) {
		if (content_read_file(j->fs, &owned, &len, &j->read_why) != 0) {
			if (errno == ENOMEM)
				j->oom = true; /* not the file's fault: never a CG001 finding */
			else
				j->read_errno = errno ? errno : EIO;
			return;
		}
		buf = owned;
	} else {
		buf = j->data;
		len = j->len;
	}
	memset(&w, 0, sizeof(w));
	w.r = r;
	w.j = j;
	w.buf = buf;
	w.len = len;
	rc = content_validate_each(j->kind, buf, len, on_issue, on_string, &w);
	if (rc < 0) {
		j->oom = true;
	} else if (!w.parse_failed) {
		locate(&w, "", &j->root_line, &j->root_col);
		if (j->id) /* once, however often the file repeats "id" */
			locate(&w, "/id", &j->id_line, &j->id_col);
		j->parsed = true;
		if (j->kind == CONTENT_SECTION)
			check_section(&w);
		else if (j->kind == CONTENT_GUIDE)
			check_guide(&w);
		else
			check_safety(&w);
	}
	place_findings(&w);
	safety_walk_release(&w);
	free(w.title);
	free(owned);
}
