/* out_json.c — `--format json`: {"findings": [...], "summary": {...}}. */
#include "internal.h"

static int json_begin(struct sink *s)
{
	fputs("{\n  \"findings\": [", s->fp);
	return 0;
}

static void json_finding(FILE *fp, const struct check_finding *f, bool first)
{
	fputs(first ? "\n    {" : ",\n    {", fp);
	fputs("\"file\": ", fp);
	json_str(fp, f->path);
	fprintf(fp, ", \"line\": %d, \"column\": %d, \"pointer\": ", f->line, f->col);
	json_str(fp, f->pointer);
	fprintf(fp, ", \"code\": \"%s\", \"rule\": \"%s\", \"severity\": \"%s\", \"message\": ",
		f->rule->code, f->rule->name, severity_name(f->rule));
	json_str(fp, f->message);
	fputc('}', fp);
}

static void json_file(struct sink *s, const char *path, const struct check_finding *f, size_t n)
{
	size_t k;

	(void)path;
	for (k = 0; k < n; k++)
		json_finding(s->fp, &f[k], s->written + k == 0);
}

static int json_end(struct sink *s, const struct check_summary *sum)
{
	fprintf(
	    s->fp,
	    "%s],\n  \"summary\": {\"files\": %zu, \"errors\": %zu, \"warnings\": %zu, \"ignored\": %zu}\n}\n",
	    s->written ? "\n  " : "", sum->files, sum->errors, sum->warnings, sum->ignored);
	return 0;
}

const struct sink_format out_json = { json_begin, json_file, json_end };
