/* sink.c — where findings go: kept for check_findings(), or streamed in one of the formats (out_*.c). */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const struct sink_format *const formats[] = {
	[CHECK_TEXT] = &out_text,     [CHECK_JSON] = &out_json,   [CHECK_SARIF] = &out_sarif,
	[CHECK_GITHUB] = &out_github, [CHECK_JUNIT] = &out_junit,
};

/* What comes before the first file.  -1 (errno set) when a temporary file cannot be made. */
int sink_begin(struct check_run *r)
{
	struct sink *s = &r->out;

	if (!s->stream || !formats[s->format]->begin)
		return 0;
	return formats[s->format]->begin(s);
}

/* Keep findings for check_findings(). */
static void sink_keep(struct check_run *r, const struct check_finding *f, size_t n)
{
	struct sink *s = &r->out;
	size_t k;

	for (k = 0; k < n; k++) {
		struct check_finding *c;
		if (s->nkept == s->capkept) {
			size_t cap = s->capkept ? s->capkept * 2 : 16;
			struct check_finding *nk = realloc(s->kept, cap * sizeof(*nk));
			if (!nk) {
				r->failed = true;
				return;
			}
			s->kept = nk;
			s->capkept = cap;
		}
		c = &s->kept[s->nkept];
		*c = f[k];
		c->path = str_dup(f[k].path);
		c->pointer = str_dup(f[k].pointer);
		c->message = str_dup(f[k].message);
		if (!c->path || !c->pointer || !c->message) {
			free((char *)c->path);
			free((char *)c->pointer);
			free((char *)c->message);
			r->failed = true;
			return;
		}
		s->nkept++;
	}
}

/* One file and its findings (sorted), in output order. */
void sink_file(struct check_run *r, const char *path, const struct finding *f, size_t n)
{
	struct sink *s = &r->out;
	struct check_finding one[16], *c = n <= 16 ? one : malloc(n * sizeof(*c));
	size_t k;
	bool failed = false;

	if (!c) {
		r->failed = true;
		return;
	}
	for (k = 0; k < n; k++) {
		c[k].rule = f[k].rule;
		c[k].path = path;
		c[k].line = f[k].line;
		c[k].col = f[k].col;
		c[k].pointer = f[k].pointer;
		c[k].message = f[k].message;
		failed |= f[k].rule->severity == RULE_ERROR;
	}
	s->files++;
	s->failed += failed;
	if (!s->stream) {
		sink_keep(r, c, n);
	} else {
		formats[s->format]->file(s, path, c, n);
		s->written += n;
	}
	if (c != one)
		free(c);
}

/* What comes after the last file.  -1 when a temporary file cannot be read back. */
int sink_end(struct check_run *r)
{
	struct sink *s = &r->out;

	if (!s->stream || !formats[s->format]->end)
		return 0;
	return formats[s->format]->end(s, &r->sum);
}

void check_write_rules(FILE *fp)
{
	size_t i;

	for (i = 0; i < rules_count; i++)
		fprintf(fp, "%s  %-7s  %s%s\n", rules[i].code, severity_name(&rules[i]),
			rules[i].summary,
			rule_ignorable(&rules[i]) ? "" : " (safety: cannot be ignored)");
}
