/* fuzz_check.c — libFuzzer target: `check` over a content folder with one fuzzed file. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "content.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * The first byte picks the file the rest of the input replaces (guide.json,
 * safety.json or the first section) and the output format; the other files
 * are the built-in copy's, so the cross-file and safety rules all run.
 */
static char dir[64];

static void put(const char *name, const void *bytes, size_t len)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f)
		abort();
	if (len && fwrite(bytes, 1, len, f) != len)
		abort();
	fclose(f);
}

static void setup(void)
{
	char sections[96];

	strcpy(dir, "/tmp/cry-guide-fuzz-XXXXXX");
	if (!mkdtemp(dir))
		abort();
	snprintf(sections, sizeof(sections), "%s/sections", dir);
	if (mkdir(sections, 0700) != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum check_format formats[] = { CHECK_TEXT, CHECK_JSON, CHECK_SARIF,
						     CHECK_GITHUB, CHECK_JUNIT };
	struct check_options opt = { "2026-11-27", NULL, 0, 1 };
	struct check_run *r;
	char err[256];
	size_t i, pick;
	FILE *sink;

	if (size < 1)
		return 0;
	if (!dir[0])
		setup();
	pick = data[0] % 3;
	for (i = 0; i < content_builtin_count; i++) {
		const struct content_file *f = &content_builtin_files[i];
		bool fuzzed = (pick == 0 && strcmp(f->name, "guide.json") == 0) ||
			      (pick == 1 && strcmp(f->name, "safety.json") == 0) ||
			      (pick == 2 && strncmp(f->name, "sections/01-", 12) == 0);
		if (fuzzed)
			put(f->name, data + 1, size - 1);
		else
			put(f->name, f->data, f->len);
	}
	sink = fopen("/dev/null", "w");
	r = check_new();
	if (!r || !sink)
		abort();
	if (check_add_path(r, dir, err, sizeof(err)) == 0) {
		check_output(r, formats[(data[0] / 3) % 5], sink);
		/* memory never runs out here: a failed run is a bug, never "out of memory" */
		if (check_execute(r, &opt) != 0)
			abort();
	}
	check_free(r);
	fclose(sink);
	return 0;
}
