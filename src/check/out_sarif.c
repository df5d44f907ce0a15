/* out_sarif.c — `--format sarif`: SARIF 2.1.0, the rules in the driver and a result a finding. */
#include <string.h>

#include "internal.h"

#ifndef CRY_GUIDE_VERSION
#define CRY_GUIDE_VERSION "0.0.0"
#endif
/*
 * SARIF's informationUri is optional; the project has no public home yet,
 * so it is written only when the build names one (-DCRY_GUIDE_URL='"..."').
 */
#ifdef CRY_GUIDE_URL
#define SARIF_INFO_URI "          \"informationUri\": \"" CRY_GUIDE_URL "\",\n"
#else
#define SARIF_INFO_URI ""
#endif

/* A path as a URI reference for SARIF: percent-encoded, absolute paths as file:// URIs. */
static void uri_str(FILE *fp, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', fp);
	if (*p == '/')
		fputs("file://", fp);
	for (; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p))
			fputc(*p, fp);
		else
			fprintf(fp, "%%%02X", *p);
	}
	fputc('"', fp);
}

static int sarif_begin(struct sink *s)
{
	FILE *fp = s->fp;
	size_t i;

	fputs("{\n  \"version\": \"2.1.0\",\n"
	      "  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
	      "  \"runs\": [\n    {\n      \"tool\": {\n        \"driver\": {\n"
	      "          \"name\": \"cry-guide\",\n"
	      "          \"version\": \"" CRY_GUIDE_VERSION "\",\n" SARIF_INFO_URI
	      "          \"rules\": [",
	      fp);
	for (i = 0; i < rules_count; i++) {
		fputs(i ? ",\n            {" : "\n            {", fp);
		fprintf(fp, "\"id\": \"%s\", \"name\": \"%s\", \"shortDescription\": {\"text\": ",
			rules[i].code, rules[i].name);
		json_str(fp, rules[i].summary);
		fprintf(fp, "}, \"defaultConfiguration\": {\"level\": \"%s\"}}",
			severity_name(&rules[i]));
	}
	fputs("\n          ]\n        }\n      },\n      \"results\": [", fp);
	return 0;
}

static void sarif_finding(FILE *fp, const struct check_finding *f, bool first)
{
	fputs(first ? "\n        {" : ",\n        {", fp);
	fprintf(
	    fp,
	    "\"ruleId\": \"%s\", \"ruleIndex\": %zu, \"level\": \"%s\", \"message\": {\"text\": ",
	    f->rule->code, (size_t)(f->rule - rules), severity_name(f->rule));
	json_str(fp, f->message);
	fputs("}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ", fp);
	uri_str(fp, f->path);
	fputc('}', fp);
	if (f->line > 0)
		fprintf(fp, ", \"region\": {\"startLine\": %d, \"startColumn\": %d}", f->line,
			f->col > 0 ? f->col : 1);
	fputs("}", fp);
	if (f->pointer[0]) {
		fputs(", \"logicalLocations\": [{\"fullyQualifiedName\": ", fp);
		json_str(fp, f->pointer);
		fputs("}]", fp);
	}
	fputs("}]}", fp);
}

static void sarif_file(struct sink *s, const char *path, const struct check_finding *f, size_t n)
{
	size_t k;

	(void)path;
	for (k = 0; k < n; k++)
		sarif_finding(s->fp, &f[k], s->written + k == 0);
}

static int sarif_end(struct sink *s, const struct check_summary *sum)
{
	(void)sum;
	fprintf(s->fp, "%s]\n    }\n  ]\n}\n", s->written ? "\n      " : "");
	return 0;
}

const struct sink_format out_sarif = { sarif_begin, sarif_file, sarif_end };
