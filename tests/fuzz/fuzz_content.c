/* fuzz_content.c — libFuzzer target: the content validator and position scanner on any bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "content.h"
#include "jsonpos.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void ignore(void *ctx, const struct content_issue *issue)
{
	(void)ctx;
	/* touch every field, so a bad pointer or string shows up */
	if (issue->code[0] == '\0' || strlen(issue->message) == 0 || !issue->pointer)
		abort();
}

static void ignore_dup(void *ctx, const char *pointer, int line, int col)
{
	(void)ctx;
	if (!pointer || line < 1 || col < 1)
		abort();
}

/* jsonpos_duplicates() with a bound: the first `place` repeats placed, the rest NULL. */
struct placed {
	size_t place, seen;
};

static void check_placed(void *ctx, const char *pointer, int line, int col)
{
	struct placed *p = ctx;

	if (p->seen++ < p->place ? !pointer || line < 1 || col < 1 : pointer || line || col)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct placed placed = { size % 3, 0 };
	int all;
	char *buf = malloc(size + 1);
	int line, col;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	/*
	 * Memory never runs out here (libFuzzer stops the run instead), so -1
	 * ("out of memory") would be a bug: the strict check letting by text
	 * that cJSON refuses, say.
	 */
	if (content_validate(CONTENT_GUIDE, buf, size, ignore, NULL) < 0 ||
	    content_validate(CONTENT_SAFETY, buf, size, ignore, NULL) < 0 ||
	    content_validate(CONTENT_SECTION, buf, size, ignore, NULL) < 0 ||
	    (all = jsonpos_duplicates(buf, size, SIZE_MAX, ignore_dup, NULL)) < 0)
		abort();
	/* as many repeats either way, only the first `place` with a place */
	if (jsonpos_duplicates(buf, size, placed.place, check_placed, &placed) != all ||
	    placed.seen != (size_t)all)
		abort();
	/* the tree the validator builds in its one pass is the one cJSON reads */
	if (content_tree_matches_cjson(buf, size) == 0)
		abort();
	jsonpos_locate(buf, size, "/prompts/0/text", &line, &col);
	free(buf);
	return 0;
}
