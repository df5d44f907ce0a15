/* fuzz_id_stream.c — libFuzzer target: the chunked manifest scan agrees with a whole-file parse. */
/*
 * The readers read guide.json's "sections" a chunk at a time
 * (src/id_stream.c) and trust what the scan took.  On any bytes: when the
 * scan takes the file, a whole-file parse (cJSON) that reads it must find
 * the same ids, in the same order, none repeated, each a valid id, and the
 * scan's count and width; the stream must give them back in order, and
 * again from the start.  When the scan does not take the file, the loader
 * reads it whole as before, so there is nothing to compare.  The first
 * byte picks the filter's size (0: ten bits an id; else a tiny one, so
 * that nearly every id is a suspect counted in the second pass).
 */
#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "id_stream.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];

/* The bytes as a file of their own (a fresh one each time: the scan and the stream check its time). */
static int write_file(const uint8_t *data, size_t size)
{
	FILE *f;

	if (!path[0]) {
		int fd;
		snprintf(path, sizeof(path), "/tmp/fuzz_id_stream.XXXXXX");
		fd = mkstemp(path);
		if (fd < 0)
			return -1;
		close(fd);
	}
	unlink(path);
	f = fopen(path, "wb");
	if (!f)
		return -1;
	if (size && fwrite(data, 1, size, f) != size) {
		fclose(f);
		return -1;
	}
	return fclose(f);
}

static void compare(const struct id_scan *scan, const char *buf, size_t size)
{
	/* the whole text one value (buf[size] is its NUL), as the loader requires */
	cJSON *root = cJSON_ParseWithLengthOpts(buf, size + 1, NULL, 1), *secs, *it;
	struct id_stream *r;
	size_t i = 0, j, width = 0;
	const char *id;

	if (!root || !cJSON_IsObject(root)) {
		/* not one JSON object: the loader's validation of the rest refuses it */
		cJSON_Delete(root);
		return;
	}
	j = 0;
	cJSON_ArrayForEach(it, root) j += strcmp(it->string, "sections") == 0;
	if (j != 1) {
		/* "sections" twice: a repeated key, which the loader refuses */
		cJSON_Delete(root);
		return;
	}
	secs = cJSON_GetObjectItemCaseSensitive(root, "sections");
	if (!cJSON_IsArray(secs) || cJSON_GetArraySize(secs) != (int)scan->span.n)
		abort();
	if (id_stream_open(path, &scan->span, &r) != 0)
		abort();
	cJSON_ArrayForEach(it, secs)
	{
		size_t len;
		if (!cJSON_IsString(it))
			abort();
		len = strlen(it->valuestring);
		if (!id_stream_valid(it->valuestring, len))
			abort();
		width = len > width ? len : width;
		id = id_stream_get(r, i);
		if (!id || strcmp(id, it->valuestring) != 0)
			abort();
		/* none repeated: the scan found no repeat, so there is none */
		for (j = 0; j < i; j++)
			if (strcmp(cJSON_GetArrayItem(secs, (int)j)->valuestring,
				   it->valuestring) == 0)
				abort();
		i++;
	}
	if (width != scan->span.width)
		abort();
	/* an earlier id reads again from the start */
	id = id_stream_get(r, 0);
	if (!id || strcmp(id, cJSON_GetArrayItem(secs, 0)->valuestring) != 0)
		abort();
	id_stream_free(r);
	cJSON_Delete(root);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct id_scan scan;
	char *buf;
	size_t bits;

	if (size < 1 || size > 65536)
		return 0;
	bits = data[0] & 1 ? 64 : 0;
	if (write_file(data + 1, size - 1) != 0)
		return 0;
	if (id_stream_scan(path, bits, &scan) == 0) {
		buf = malloc(size);
		if (!buf)
			abort();
		memcpy(buf, data + 1, size - 1);
		buf[size - 1] = '\0';
		compare(&scan, buf, size - 1);
		free(buf);
		free(scan.doc);
	}
	return 0;
}
