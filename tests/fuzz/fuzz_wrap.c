/* fuzz_wrap.c — libFuzzer target: the wrapper on any text at any width. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* S without its spaces and newlines, in place; returns S. */
static char *squeeze(char *s)
{
	char *w = s, *r;

	for (r = s; *r; r++)
		if (*r != ' ' && *r != '\n')
			*w++ = *r;
	*w = '\0';
	return s;
}

/*
 * The first byte is the width (0 to 99; 0 does not wrap), the rest the text
 * (up to a NUL).  The wrapper writes a line where it stands in the text, in
 * runs that end and start at the bytes between words, so whatever it does
 * with spaces and line ends, the other bytes it writes are the sanitised
 * text's, in order, each once: none lost, none written twice.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct out o;
	char *text, *got = NULL, *want;
	size_t n = 0;

	if (size < 1)
		return 0;
	text = malloc(size);
	if (!text)
		return 0;
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	o.fp = open_memstream(&got, &n);
	o.width = data[0] % 100;
	o.color = false;
	if (!o.fp) {
		free(text);
		return 0;
	}
	out_wrap(&o, NULL, NULL, text);
	fclose(o.fp);
	want = render_sanitize(text);
	if (want && strcmp(squeeze(got), squeeze(want)) != 0)
		abort();
	free(want);
	free(got);
	free(text);
	return 0;
}
