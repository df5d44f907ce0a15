/* id_stream.h — guide.json's "sections" array read from the file a chunk at a time, never whole. */
#ifndef CRY_GUIDE_ID_STREAM_H
#define CRY_GUIDE_ID_STREAM_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The reading commands need guide.json's section ids one after another,
 * not all at once: a manifest of 100,000 ids is ~1 MB of text.  The scan
 * below reads the file through a 64 KiB buffer, checks the top-level
 * "sections" array strictly (only plain ids: what a section id may be,
 * written without escapes), counts its ids, looks for one listed twice in
 * bounded memory, and hands back the rest of the file (small) for the
 * usual validation.  Anything it does not expect makes it give up, and the
 * caller loads the file whole as before: errors read the same either way.
 */

/* Where the ids are, and the file as it was when they were checked. */
struct id_span {
	size_t start; /* offset of the byte after the array's '[' */
	size_t end;   /* offset of the byte after its ']' */
	size_t n;     /* ids, at least 1 */
	size_t width; /* the longest id's length (ids are ASCII: their width too) */
	unsigned long long dev, ino, size;
	long long mtime_s, mtime_ns;
};

/* What id_stream_scan() found. */
struct id_scan {
	char *doc;      /* the file with the array written "[]" (caller frees), NUL-terminated */
	size_t doc_len; /* its length, without the NUL */
	struct id_span span;
	size_t suspects; /* ids the filter could not tell from an earlier one (counted again) */
	const char *why; /* NULL, or why the caller must read the file whole (a phrase) */
	bool oom;        /* memory ran out (why is set too) */
};

/*
 * Scan PATH.  0 with out->doc and out->span; or 1 with out->why and
 * nothing to free, when the file must be read whole (it is not a regular
 * file, is over CONTENT_MAX_FILE, has no plain top-level "sections" array
 * of plain ids, has an escaped top-level key or two "sections", lists an
 * id twice, changed while read, ...).  filter_bits sizes the filter that
 * finds repeated ids (0: ten bits an id; tests pass a tiny one so that
 * most ids are suspects, counted exactly in a second pass).
 */
int id_stream_scan(const char *path, size_t filter_bits, struct id_scan *out);

/* What id_stream_valid() accepts: lowercase letters, digits and single hyphens, not at an end. */
bool id_stream_valid(const char *s, size_t len);

/* A reader of the ids of a scanned span. */
struct id_stream;

/*
 * Open PATH to read SPAN's ids.  Returns 0 and *out (free with
 * id_stream_free()), or -1: errno is ESTALE when the file is no longer the
 * one scanned, else why it could not be opened (ENOMEM included).
 */
int id_stream_open(const char *path, const struct id_span *span, struct id_stream **out);

/*
 * The Ith id (0-based, below span.n), or NULL: errno ESTALE when the file
 * changed since it was scanned (an entry no longer a plain id, the array
 * ending early, its size or time changed), ENOMEM, or a read error.  The
 * string is borrowed until the next call on r: copy it to keep two.  Ids
 * are read in order through a 64 KiB buffer; asking for an earlier one
 * reads again from the start.  The file is checked at every read into the
 * buffer: what is in it was read while the file was the one scanned.
 */
const char *id_stream_get(struct id_stream *r, size_t i);

void id_stream_free(struct id_stream *r);

#endif
