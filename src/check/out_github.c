/* out_github.c — `--format github`: workflow-command annotations, and every finding as text when GitHub would hide some. */
#include "internal.h"

struct gh_ctx {
	FILE *fp;
	bool property;
};

static void gh_put(void *ctx, const char *s, size_t n)
{
	const struct gh_ctx *g = ctx;
	size_t i;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '%': fputs("%25", g->fp); break;
		case '\r': fputs("%0D", g->fp); break;
		case '\n': fputs("%0A", g->fp); break;
		case ':': fputs(g->property ? "%3A" : ":", g->fp); break;
		case ',': fputs(g->property ? "%2C" : ",", g->fp); break;
		default: fputc(s[i], g->fp);
		}
	}
}

/*
 * Sanitised (a log is read on a terminal too), then GitHub workflow command
 * escaping: data escapes %, CR, LF; properties also : and ,.
 */
static void gh_str(FILE *fp, const char *s, bool property)
{
	struct gh_ctx g = { fp, property };

	render_sanitize_each(s, gh_put, &g);
}

static void github_finding(FILE *fp, const struct check_finding *f)
{
	fprintf(fp, "::%s file=", severity_name(f->rule));
	gh_str(fp, f->path, true);
	if (f->line > 0)
		fprintf(fp, ",line=%d,col=%d", f->line, f->col);
	fputs(",title=", fp);
	gh_str(fp, f->rule->code, true);
	fputs("::", fp);
	gh_str(fp, f->message, false);
	if (f->pointer[0]) {
		fputs(" (", fp);
		gh_str(fp, f->pointer, false);
		fputc(')', fp);
	}
	fprintf(fp, " [%s]\n", f->rule->code);
}

/* The text list, for when GitHub will not show every annotation. */
static int github_begin(struct sink *s)
{
	s->side = tmpfile();
	return s->side ? 0 : -1;
}

static void github_file(struct sink *s, const char *path, const struct check_finding *f, size_t n)
{
	size_t k;

	(void)path;
	for (k = 0; k < n; k++) {
		github_finding(s->fp, &f[k]);
		text_line(s->side, &f[k]);
	}
}

static int github_end(struct sink *s, const struct check_summary *sum)
{
	int ret = 0;

	/* GitHub shows only the first 10 annotations of each kind: the rest go in the log */
	if (sum->errors > 10 || sum->warnings > 10) {
		fputs(
		    "cry-guide check: more than 10 annotations of a kind, which GitHub does not all show; every finding:\n",
		    s->fp);
		ret = copy_back(s->side, s->fp);
	}
	summary_line(s->fp, sum);
	return ret;
}

const struct sink_format out_github = { github_begin, github_file, github_end };
