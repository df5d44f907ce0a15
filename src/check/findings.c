/* findings.c — a job's findings (adding one: ignored rules, cleaned messages, quotations; their
 * order), and releasing a job and what a set keeps. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

char *str_dup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);

	if (p)
		memcpy(p, s, n);
	return p;
}

char *path_join(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *p = malloc(la + lb + 2);

	if (!p)
		return NULL;
	memcpy(p, a, la);
	p[la] = '/';
	memcpy(p + la + 1, b, lb + 1);
	return p;
}

/* Copy s without control characters (they become '?'), so no message can drive a terminal. */
static char *clean_dup(const char *s)
{
	size_t n = strlen(s), i, o = 0;
	char *p = malloc(n + 1);
	const unsigned char *u = (const unsigned char *)s;

	if (!p)
		return NULL;
	for (i = 0; i < n; i++) {
		if (u[i] < 0x20 || u[i] == 0x7F) {
			p[o++] = '?';
		} else if (u[i] == 0xC2 && u[i + 1] >= 0x80 && u[i + 1] <= 0x9F) {
			p[o++] = '?';
			i++;
		} else {
			p[o++] = s[i];
		}
	}
	p[o] = '\0';
	return p;
}

static bool ignored(const struct check_run *r, const struct rule *rule)
{
	size_t i;

	if (!r->opt || !rule_ignorable(rule))
		return false;
	for (i = 0; i < r->opt->n_ignore; i++)
		if (strcmp(r->opt->ignore[i], rule->code) == 0)
			return true;
	return false;
}

void add_finding(struct check_run *r, struct job *j, const char *code, int line, int col,
		 const char *pointer, const char *message)
{
	const struct rule *rule = rule_find(code);
	struct finding *f;

	if (!rule) {
		j->oom = true; /* a code missing from rules[]: a bug, never silent */
		return;
	}
	if (ignored(r, rule)) {
		j->ignored++;
		return;
	}
	if (j->nf == j->capf) {
		size_t cap = j->capf ? j->capf * 2 : 8;
		struct finding *nf = realloc(j->f, cap * sizeof(*nf));
		if (!nf) {
			j->oom = true;
			return;
		}
		j->f = nf;
		j->capf = cap;
	}
	f = &j->f[j->nf];
	f->rule = rule;
	f->line = line;
	f->col = col;
	f->seq = j->nf;
	f->pointer = str_dup(pointer);
	f->message = clean_dup(message);
	if (!f->pointer || !f->message) {
		free(f->pointer);
		free(f->message);
		j->oom = true;
		return;
	}
	j->nf++;
}

#if defined(__GNUC__)
__attribute__((format(printf, 7, 8)))
#endif
void
addf(struct check_run *r, struct job *j, const char *code, int line, int col, const char *pointer,
     const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	add_finding(r, j, code, line, col, pointer, msg);
}

/* A short quotation of content text for a message (control characters are cleaned later). */
void quote(const char *s, char *out, size_t outlen)
{
	size_t n = strlen(s);

	if (n < QUOTE_MAX && n < outlen) {
		memcpy(out, s, n + 1);
		return;
	}
	n = QUOTE_MAX < outlen - 4 ? QUOTE_MAX : outlen - 4;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--; /* never cut a UTF-8 character */
	memcpy(out, s, n);
	memcpy(out + n, "...", 4);
}

/* Findings of a file by line, column, then order of reporting. */
int finding_cmp(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* A finding at the value pointer names: placed later, with the file's others, by place_findings(). */
void add_at(struct walk *w, const char *code, const char *pointer, const char *msg)
{
	add_finding(w->r, w->j, code, LINE_PENDING, 0, pointer, msg);
}

/* True when pointer is "/prefix/N" for a number N. */
bool is_entry_of(const char *pointer, const char *prefix)
{
	size_t n = strlen(prefix);

	return strncmp(pointer, prefix, n) == 0 && pointer[n] == '/' && pointer[n + 1] >= '0' &&
	       pointer[n + 1] <= '9' &&
	       strspn(pointer + n + 1, "0123456789") == strlen(pointer + n + 1);
}

void job_release(struct job *j)
{
	size_t i;

	free(j->path);
	free(j->fs);
	for (i = 0; i < j->nf; i++) {
		free(j->f[i].pointer);
		free(j->f[i].message);
	}
	free(j->f);
	free(j->id);
	for (i = 0; i < j->n_manifest; i++) {
		free(j->manifest[i].id);
		free(j->manifest[i].last);
	}
	free(j->manifest);
	memset(j, 0, sizeof(*j));
}

void idtab_release(struct idtab *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		free(t->v[i].id);
		free(t->v[i].path);
	}
	free(t->v);
	t->v = NULL;
	t->n = t->cap = 0;
}

/* What a set keeps across its files; its guide.json goes once it is written out. */
void set_release(struct source *s)
{
	job_release(&s->guide);
	s->have_guide = false;
	free(s->by_id);
	s->by_id = NULL;
	idtab_release(&s->unlisted);
}
