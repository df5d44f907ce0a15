/* fuzz_journal.c — libFuzzer target: the journal reader (plain and encrypted) on any bytes, both directions. */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "journal.h"
#include "journal_seal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The passphrase the encrypted seeds were made with. */
#define PASS "fuzz"

static int touch(void *ctx, const struct journal_item *it)
{
	size_t i, *count = ctx;

	(*count)++;
	if (it->line < 1)
		abort();
	if (it->kind == JITEM_ENTRY) {
		/* touch every string, so a bad pointer shows up */
		if (strlen(it->entry.id) == 0 || strlen(it->entry.start) >= 32)
			abort();
		for (i = 0; i < it->entry.n_sections; i++)
			(void)strlen(it->entry.sections[i]);
		for (i = 0; i < it->entry.n_answers; i++)
			(void)strlen(it->entry.answers[i].answer);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[96];
	struct journal *j;
	struct seal_params p;
	char err[512], *check = NULL;
	size_t fwd = 0, back = 0;
	const uint8_t *nl;
	int fd;

	if (!path[0]) {
		/* the journal must sit in a private folder and be 0600, or it is refused */
		char tmpl[] = "/tmp/fuzz-journal-XXXXXX";
		if (!mkdtemp(tmpl))
			abort();
		snprintf(path, sizeof(path), "%s/journal.jsonl", tmpl);
		if (seal_init() != 0)
			abort();
	}
	/* a header asking for more than the smallest limits would only be slow: read it as plain */
	nl = memchr(data, '\n', size);
	if (nl && journal_header_parse((const char *)data, (size_t)(nl - data), &p, &check) == 0 &&
	    (p.opslimit > 1 || p.memlimit > 8192)) {
		free(check);
		return 0;
	}
	free(check);
	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0)
		abort();
	if (write(fd, data, size) != (ssize_t)size)
		abort();
	close(fd);
	if (journal_open(&j, path, JOURNAL_READ, err, sizeof(err)) != 0)
		return 0; /* a header with limits out of bounds is refused */
	if (journal_encrypted(j) && journal_unlock(j, PASS, strlen(PASS), err, sizeof(err)) != 0) {
		journal_close(j);
		return 0;
	}
	if (journal_each(j, JOURNAL_OLDEST_FIRST, touch, &fwd, err, sizeof(err)) != 0 ||
	    journal_each(j, JOURNAL_NEWEST_FIRST | JOURNAL_SUMMARY, touch, &back, err,
			 sizeof(err)) != 0)
		abort();
	/* both directions see the same lines */
	if (fwd != back)
		abort();
	journal_close(j);
	return 0;
}
