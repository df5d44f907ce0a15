/* out_text.c — the default format: one gcc-style line a finding, then a summary line. */
#include "internal.h"

static void text_file(struct sink *s, const char *path, const struct check_finding *f, size_t n)
{
	size_t k;

	(void)path;
	for (k = 0; k < n; k++)
		text_line(s->fp, &f[k]);
}

static int text_end(struct sink *s, const struct check_summary *sum)
{
	summary_line(s->fp, sum);
	return 0;
}

const struct sink_format out_text = { NULL, text_file, text_end };
