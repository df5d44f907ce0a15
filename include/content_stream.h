/* content_stream.h — the guide read one section at a time, for the reading commands. */
#ifndef CRY_GUIDE_CONTENT_STREAM_H
#define CRY_GUIDE_CONTENT_STREAM_H

#include <stdbool.h>
#include <stddef.h>

#include "content.h"

/*
 * A content folder whose guide.json and safety.json are loaded (and
 * validated) first, and whose sections are read, validated and let go one
 * at a time, so memory does not grow with their number.  The built-in copy
 * is served through the same calls from its static model.
 */
struct content_stream;

/*
 * Open DIR, or the built-in copy when DIR is NULL.  Returns 0 and *out
 * (caller frees with content_stream_free()), or -1 and fills *err with
 * the error content_load_dir() would give for guide.json or safety.json.
 */
int content_stream_open(const char *dir, struct content_stream **out, struct content_error *err);

/*
 * The guide and the safety file (title, disclaimer, crisis line,
 * resources).  For a folder it holds no section (n_sections is 0; count
 * them with content_stream_count()).  Borrowed until content_stream_free().
 */
const struct content *content_stream_head(const struct content_stream *s);

/* The number of sections in the manifest. */
size_t content_stream_count(const struct content_stream *s);

/* The longest id's length: ids are lowercase ASCII, so also its width on a terminal. */
size_t content_stream_id_width(const struct content_stream *s);

/*
 * The id of section I (0-based, below the count), or NULL with *err
 * filled: "out of memory", or guide.json named with why its ids could not
 * be read again (it changed since it was checked: an entry is no longer a
 * plain id, the array ends early, its size or time is not the same).  For
 * a folder the ids are not held: they are read from guide.json, in order,
 * through a small buffer (an earlier I reads again from the start).  The
 * string is borrowed only until the next call on s (this one, the next
 * content_stream_section() or content_stream_index()): copy it to keep it.
 */
const char *content_stream_id(struct content_stream *s, size_t i, struct content_error *err);

/*
 * Section I (0-based), read and validated.  Returns it (borrowed until the
 * next call on s or content_stream_free()), or NULL and fills *err with
 * the error content_load_dir() would give for that file (nothing is kept
 * of an earlier section).  With want (may be NULL), a file whose bytes it
 * turns down is not validated: NULL with err->code "" and *skipped true.
 */
const struct section *content_stream_section(struct content_stream *s, size_t i,
					     content_want_fn want, void *ctx, bool *skipped,
					     struct content_error *err);

/*
 * Keep the section content_stream_section() last returned: the content
 * holding it (caller frees with content_free()), or NULL for the built-in
 * copy, whose sections stay valid until content_stream_free().
 */
struct content *content_stream_take(struct content_stream *s);

/*
 * A content whose sections hold only their ids (the rest empty), for
 * resolving SECTION arguments (content_find_section(), cli_resolve_sections())
 * without reading a section file; the built-in copy as it is.  It holds
 * every id at once: for commands given SECTION operands only.  Borrowed
 * until content_stream_free(); NULL with *err filled as content_stream_id()
 * fills it.
 */
const struct content *content_stream_index(struct content_stream *s, struct content_error *err);

void content_stream_free(struct content_stream *s);

#endif
