/* out_junit.c — `--format junit`: JUnit XML, a testcase a file (errors fail it, warnings are its output). */
#include "internal.h"

/*
 * XML text or attribute value.  Of what XML 1.0 cannot hold (its Char
 * production), C0 controls other than tab, LF and CR are dropped; U+FFFE,
 * U+FFFF and bytes that are not UTF-8 become U+FFFD.  C1 controls and bidi
 * overrides are written as character references (&#x9B;), so a terminal
 * showing the file never sees them raw.  (Surrogates cannot
 * come out of render_utf8_next().)
 */
static void xml_str(FILE *fp, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		unsigned long cp;
		size_t n = render_utf8_next((const char *)p, &cp);
		if ((cp == 0xFFFD && n == 1) || cp == 0xFFFE || cp == 0xFFFF) {
			fputs("\xEF\xBF\xBD", fp);
			p += n;
			continue;
		}
		if ((cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
		    (cp >= 0x2066 && cp <= 0x2069)) {
			/* C1 controls and bidi overrides: exact, but never raw */
			fprintf(fp, "&#x%lX;", cp);
			p += n;
			continue;
		}
		switch (*p) {
		case '&': fputs("&amp;", fp); break;
		case '<': fputs("&lt;", fp); break;
		case '>': fputs("&gt;", fp); break;
		case '"': fputs("&quot;", fp); break;
		case '\'': fputs("&apos;", fp); break;
		default:
			if (*p >= 0x20 && *p != 0x7F)
				fwrite(p, 1, n, fp);
			else if (*p == '\t' || *p == '\n' || *p == '\r')
				fprintf(fp, "&#%d;", *p);
		}
		p += n;
	}
}

/* A finding as its gcc-style text line, XML-escaped. */
static void xml_finding_line(FILE *fp, const struct check_finding *f)
{
	xml_str(fp, f->path);
	if (f->line > 0)
		fprintf(fp, ":%d:%d", f->line, f->col);
	fprintf(fp, ": %s: ", f->rule->severity == RULE_ERROR ? "error" : "warning");
	xml_str(fp, f->message);
	fprintf(fp, " [%s]", f->rule->code);
	if (f->pointer[0]) {
		fputs(" (", fp);
		xml_str(fp, f->pointer);
		fputc(')', fp);
	}
}

/* A testcase for one file: its errors as failures, its warnings as output. */
static void junit_file(struct sink *s, const char *path, const struct check_finding *f, size_t n)
{
	FILE *fp = s->side;
	bool warned = false;
	size_t k;

	fputs("    <testcase classname=\"cry-guide.check\" name=\"", fp);
	xml_str(fp, path);
	fputs("\"", fp);
	if (n == 0) {
		fputs("/>\n", fp);
		return;
	}
	fputs(">\n", fp);
	for (k = 0; k < n; k++) {
		if (f[k].rule->severity != RULE_ERROR) {
			warned = true;
			continue;
		}
		fprintf(fp, "      <failure type=\"%s\" message=\"", f[k].rule->code);
		xml_str(fp, f[k].message);
		fputs("\">", fp);
		xml_finding_line(fp, &f[k]);
		fputs("</failure>\n", fp);
	}
	if (warned) {
		fputs("      <system-out>", fp);
		for (k = 0; k < n; k++) {
			if (f[k].rule->severity == RULE_ERROR)
				continue;
			xml_finding_line(fp, &f[k]);
			fputs("&#10;", fp);
		}
		fputs("</system-out>\n", fp);
	}
	fputs("    </testcase>\n", fp);
}

/* The testcases wait in a temporary file, since the counts come first. */
static int junit_begin(struct sink *s)
{
	s->side = tmpfile();
	return s->side ? 0 : -1;
}

static int junit_end(struct sink *s, const struct check_summary *sum)
{
	int ret;

	(void)sum;
	fprintf(
	    s->fp,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<testsuites name=\"cry-guide check\" tests=\"%zu\" failures=\"%zu\" errors=\"0\">\n"
	    "  <testsuite name=\"cry-guide check\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"0\">\n",
	    s->files, s->failed, s->files, s->failed);
	ret = copy_back(s->side, s->fp);
	fputs("  </testsuite>\n</testsuites>\n", s->fp);
	return ret;
}

const struct sink_format out_junit = { junit_begin, junit_file, junit_end };
