/* out_common.c — what the output formats share: severity names, JSON strings, the text line and summary. */
#include "internal.h"

const char *severity_name(const struct rule *rule)
{
	return rule->severity == RULE_WARNING ? "warning" : "error";
}

/* A JSON string, quoted (render_json_escape() handles bytes that are not UTF-8). */
void json_str(FILE *fp, const char *s)
{
	fputc('"', fp);
	render_json_escape(fp, s);
	fputc('"', fp);
}

/* A finding as a gcc-style line; path and pointer sanitised like the message. */
void text_line(FILE *fp, const struct check_finding *f)
{
	render_fputs_sanitized(f->path, fp);
	if (f->line > 0)
		fprintf(fp, ":%d:%d", f->line, f->col);
	fprintf(fp, ": %s: ", severity_name(f->rule));
	render_fputs_sanitized(f->message, fp);
	fprintf(fp, " [%s]", f->rule->code);
	if (f->pointer[0]) {
		fputs(" (", fp);
		render_fputs_sanitized(f->pointer, fp);
		fputc(')', fp);
	}
	fputc('\n', fp);
}

void summary_line(FILE *fp, const struct check_summary *s)
{
	fprintf(fp, "cry-guide check: %zu file%s, %zu error%s, %zu warning%s", s->files,
		s->files == 1 ? "" : "s", s->errors, s->errors == 1 ? "" : "s", s->warnings,
		s->warnings == 1 ? "" : "s");
	if (s->ignored)
		fprintf(fp, ", %zu ignored", s->ignored);
	fputc('\n', fp);
}

/* Copy the rest of a temporary file from its start to fp.  -1 when it cannot be read back. */
int copy_back(FILE *from, FILE *fp)
{
	char buf[16384];
	size_t n;

	if (fflush(from) != 0 || ferror(from) || fseeko(from, 0, SEEK_SET) != 0)
		return -1;
	while ((n = fread(buf, 1, sizeof(buf), from)) > 0)
		fwrite(buf, 1, n, fp);
	return ferror(from) ? -1 : 0;
}
