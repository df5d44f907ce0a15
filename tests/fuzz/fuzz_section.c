/* fuzz_section.c — libFuzzer target: the SECTION resolver (ids, prefixes, numbers) on any arguments. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "content.h"
#include "exitcode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_ARGS 8

/*
 * The input is up to eight arguments, separated by NUL bytes.  Each that
 * resolves names a section of the content; each that does not is reported
 * (on stderr: make fuzz closes it with -close_fd_mask=2, libFuzzer and the
 * sanitisers keep their own copy) with status EXIT_NOTFOUND; the
 * suggestions never name more ids than asked for, and every one is an id.
 */
static struct content *c;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct section *out[MAX_ARGS];
	char *buf, *args[MAX_ARGS], *p;
	const char *near[4];
	size_t n = 0, i, k, m;
	bool ambiguous;
	int status;

	if (!c) {
		struct content_error err;
		if (content_load_builtin(&c, &err) != 0)
			abort();
	}
	buf = malloc(size + 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	for (p = buf; n < MAX_ARGS && p <= buf + size; p += strlen(p) + 1)
		args[n++] = p;

	status = cli_resolve_sections(c, args, n, out);
	if (status != EXIT_OK && status != EXIT_NOTFOUND)
		abort();
	for (i = 0; status == EXIT_OK && i < n; i++)
		if (out[i] < c->sections || out[i] >= c->sections + c->n_sections)
			abort();
	for (i = 0; i < n; i++) {
		const struct section *s = content_find_section(c, args[i], &ambiguous);
		if (s && ambiguous)
			abort();
		m = content_suggest(c, args[i], near, 4);
		if (m > 4)
			abort();
		for (k = 0; k < m; k++)
			if (!content_find_section(c, near[k], &ambiguous))
				abort(); /* a suggestion is a real id */
	}
	free(buf);
	return 0;
}
