/* spool.c — output in order: a finished job's findings out, or queued in a temporary file
 * behind its folder's guide.json until the folder is done. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

/* Count a finished job's findings, sorted, into the summary. */
void job_count(struct check_run *r, struct job *j)
{
	size_t k;

	if (j->nf > 1)
		qsort(j->f, j->nf, sizeof(*j->f), finding_cmp);
	r->sum.files++;
	r->sum.ignored += j->ignored;
	for (k = 0; k < j->nf; k++) {
		if (j->f[k].rule->severity == RULE_WARNING)
			r->sum.warnings++;
		else
			r->sum.errors++;
	}
	if (j->oom)
		r->failed = true;
}

static void spool_put(struct check_run *r, const void *p, size_t n)
{
	if (n && fwrite(p, 1, n, r->spool) != n)
		r->failed = true;
}

static void spool_str(struct check_run *r, const char *s)
{
	size_t n = strlen(s);

	spool_put(r, &n, sizeof(n));
	spool_put(r, s, n);
}

static bool spool_get(struct check_run *r, void *p, size_t n)
{
	return n == 0 || fread(p, 1, n, r->spool) == n;
}

static char *spool_get_str(struct check_run *r)
{
	size_t n;
	char *s;

	if (!spool_get(r, &n, sizeof(n)) || n > ((size_t)1 << 30))
		return NULL;
	s = malloc(n + 1);
	if (!s)
		return NULL;
	if (!spool_get(r, s, n)) {
		free(s);
		return NULL;
	}
	s[n] = '\0';
	return s;
}

/* Position the spool for writing at its end. */
static void spool_to_end(struct check_run *r)
{
	if (r->spool_writing)
		return;
	if (fseeko(r->spool, r->spool_wr, SEEK_SET) != 0)
		r->failed = true;
	r->spool_writing = true;
}

/* Queue a record: 'F' a file and its findings, 'G' the guide.json of set SET. */
static void spool_file(struct check_run *r, const struct job *j)
{
	size_t k, rule;
	char tag = 'F';

	spool_to_end(r);
	spool_put(r, &tag, 1);
	spool_str(r, j->path);
	spool_put(r, &j->nf, sizeof(j->nf));
	for (k = 0; k < j->nf; k++) {
		rule = (size_t)(j->f[k].rule - rules);
		spool_put(r, &rule, sizeof(rule));
		spool_put(r, &j->f[k].line, sizeof(j->f[k].line));
		spool_put(r, &j->f[k].col, sizeof(j->f[k].col));
		spool_str(r, j->f[k].pointer);
		spool_str(r, j->f[k].message);
	}
	r->spool_wr = ftello(r->spool);
}

void spool_guide(struct check_run *r, long set)
{
	char tag = 'G';

	spool_to_end(r);
	spool_put(r, &tag, 1);
	spool_put(r, &set, sizeof(set));
	r->spool_wr = ftello(r->spool);
}

/* Write out what the spool holds, up to a guide.json whose set is not done yet. */
void spool_drain(struct check_run *r)
{
	struct finding *f = NULL;
	size_t nf = 0, k;
	char *path = NULL, tag;
	long set;

	if (r->spool_rd == r->spool_wr)
		return;
	fflush(r->spool);
	r->spool_writing = false;
	if (fseeko(r->spool, r->spool_rd, SEEK_SET) != 0)
		goto bad;
	while (r->spool_rd < r->spool_wr) {
		if (!spool_get(r, &tag, 1))
			goto bad;
		if (tag == 'G') {
			struct source *s;
			if (!spool_get(r, &set, sizeof(set)) || set < 0 || (size_t)set >= r->nsrc)
				goto bad;
			s = &r->src[set];
			if (!s->finished)
				break; /* it waits for its set: so does everything after it */
			sink_file(r, s->guide.path, s->guide.f, s->guide.nf);
			set_release(s);
		} else {
			path = spool_get_str(r);
			if (!path || !spool_get(r, &nf, sizeof(nf)) || nf > ((size_t)1 << 30))
				goto bad;
			f = calloc(nf ? nf : 1, sizeof(*f));
			if (!f)
				goto bad;
			for (k = 0; k < nf; k++) {
				size_t rule;
				if (!spool_get(r, &rule, sizeof(rule)) || rule >= rules_count ||
				    !spool_get(r, &f[k].line, sizeof(f[k].line)) ||
				    !spool_get(r, &f[k].col, sizeof(f[k].col)))
					goto bad;
				f[k].rule = &rules[rule];
				f[k].pointer = spool_get_str(r);
				f[k].message = spool_get_str(r);
				if (!f[k].pointer || !f[k].message)
					goto bad;
			}
			sink_file(r, path, f, nf);
			for (k = 0; k < nf; k++) {
				free(f[k].pointer);
				free(f[k].message);
			}
			free(f);
			free(path);
			f = NULL;
			path = NULL;
		}
		r->spool_rd = ftello(r->spool);
	}
	if (r->spool_rd == r->spool_wr) { /* empty: start again from the beginning */
		r->spool_rd = r->spool_wr = 0;
		if (ftruncate(fileno(r->spool), 0) != 0)
			r->failed = true;
	}
	return;
bad:
	if (f)
		for (k = 0; k < nf; k++) {
			free(f[k].pointer);
			free(f[k].message);
		}
	free(f);
	free(path);
	r->failed = true;
	r->spool_rd = r->spool_wr; /* what is left cannot be read back */
}

/* A job checked and complete: its findings out, in order (or queued behind a guide.json). */
void job_out(struct check_run *r, struct job *j)
{
	job_count(r, j);
	if (r->spool && r->spool_rd != r->spool_wr)
		spool_file(r, j);
	else
		sink_file(r, j->path, j->f, j->nf);
	job_release(j);
}
