/* content_stream.c — the guide read one section at a time (for list, show, prompts and search). */
#include "content_stream.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct content_stream {
	struct content *head; /* guide and safety; the built-in model */
	/* a folder's manifest: its ids held (m.ids) or read from guide.json
	 * as they are asked for, through ids (opened at the first) */
	struct content_manifest m;
	struct id_stream *ids;
	size_t n;                   /* sections in the manifest */
	size_t width;               /* the longest id's length */
	struct content *current;    /* a folder's section being read, or NULL */
	struct content *index;      /* content_stream_index(): head with id-only sections */
	struct section *index_secs; /* its sections */
	char *index_ids;            /* their ids, when read from guide.json */
	bool builtin;
};

/* guide.json's message when its ids are no longer the ones checked */
#define STALE "changed while it was being read: run the command again"

static void set_message(struct content_error *err, const char *path, const char *msg)
{
	if (!err)
		return;
	memset(err, 0, sizeof(*err));
	snprintf(err->path, sizeof(err->path), "%s", path ? path : "");
	snprintf(err->message, sizeof(err->message), "%s", msg);
}

int content_stream_open(const char *dir, struct content_stream **out, struct content_error *err)
{
	struct content_stream *s = calloc(1, sizeof(*s));
	size_t i, len;
	int rc;

	*out = NULL;
	if (!s) {
		set_message(err, NULL, "out of memory");
		return -1;
	}
	if (dir) {
		rc = content_load_head(dir, &s->head, &s->m, err);
		s->n = s->m.span.n;
		s->width = s->m.span.width;
	} else {
		rc = content_load_builtin(&s->head, err);
		s->builtin = true;
		s->n = rc == 0 ? s->head->n_sections : 0;
		for (i = 0; i < s->n; i++) {
			len = strlen(s->head->sections[i].id);
			s->width = len > s->width ? len : s->width;
		}
	}
	if (rc != 0) {
		free(s);
		return -1;
	}
	*out = s;
	return 0;
}

const struct content *content_stream_head(const struct content_stream *s)
{
	return s->head;
}

size_t content_stream_count(const struct content_stream *s)
{
	return s->n;
}

size_t content_stream_id_width(const struct content_stream *s)
{
	return s->width;
}

const char *content_stream_id(struct content_stream *s, size_t i, struct content_error *err)
{
	const char *id;

	if (s->builtin)
		return s->head->sections[i].id;
	if (s->m.ids)
		return s->m.ids[i];
	errno = 0;
	if (s->ids || id_stream_open(s->m.path, &s->m.span, &s->ids) == 0) {
		id = id_stream_get(s->ids, i);
		if (id)
			return id;
	}
	if (errno == ENOMEM) {
		set_message(err, NULL, "out of memory");
	} else if (errno == ESTALE) {
		set_message(err, s->m.path, STALE);
	} else {
		char msg[256];
		snprintf(msg, sizeof(msg), "cannot read: %s", strerror(errno));
		set_message(err, s->m.path, msg);
	}
	if (err)
		snprintf(err->code, sizeof(err->code), "CG001");
	return NULL;
}

const struct section *content_stream_section(struct content_stream *s, size_t i,
					     content_want_fn want, void *ctx, bool *skipped,
					     struct content_error *err)
{
	const char *id;
	int rc;

	*skipped = false;
	if (s->builtin)
		return &s->head->sections[i];
	content_free(s->current);
	s->current = NULL;
	id = content_stream_id(s, i, err);
	if (!id)
		return NULL;
	rc = content_load_section(s->head->origin, i, id, want, ctx, &s->current, err);
	if (rc == 0)
		*skipped = true;
	return rc == 1 ? &s->current->sections[0] : NULL;
}

struct content *content_stream_take(struct content_stream *s)
{
	struct content *c = s->current;

	s->current = NULL;
	return c;
}

/*
 * The index holds every id at once (read from guide.json, when they were
 * not held, into one block no longer than the array's text): it serves
 * SECTION operands, a handful against the ids, and so only commands given
 * some.  `show --all`, `list` and `search` never make it.
 */
const struct content *content_stream_index(struct content_stream *s, struct content_error *err)
{
	size_t i, used = 0, len;
	const char *id;

	if (s->builtin)
		return s->head;
	if (s->index)
		return s->index;
	s->index = malloc(sizeof(*s->index));
	s->index_secs = calloc(s->n + 1, sizeof(*s->index_secs));
	if (!s->m.ids)
		s->index_ids = malloc(s->m.span.end - s->m.span.start + 1);
	if (!s->index || !s->index_secs || (!s->m.ids && !s->index_ids)) {
		set_message(err, NULL, "out of memory");
		goto fail;
	}
	*s->index = *s->head;
	for (i = 0; i < s->n; i++) {
		if (s->m.ids) {
			s->index_secs[i].id = s->m.ids[i];
		} else {
			/* each id is shorter than its text with the quotes: it fits */
			id = content_stream_id(s, i, err);
			if (!id)
				goto fail;
			len = strlen(id) + 1;
			if (len > s->m.span.end - s->m.span.start - used) {
				/* cannot be: id_stream_get() reads inside the span */
				set_message(err, s->m.path, STALE);
				goto fail;
			}
			memcpy(s->index_ids + used, id, len);
			s->index_secs[i].id = s->index_ids + used;
			used += len;
		}
		s->index_secs[i].title = "";
		s->index_secs[i].summary = "";
	}
	s->index->sections = s->index_secs;
	s->index->n_sections = s->n;
	return s->index;
fail:
	free(s->index);
	free(s->index_secs);
	free(s->index_ids);
	s->index = NULL;
	s->index_secs = NULL;
	s->index_ids = NULL;
	return NULL;
}

void content_stream_free(struct content_stream *s)
{
	if (!s)
		return;
	content_free(s->current);
	content_free(s->head);
	id_stream_free(s->ids);
	free(s->index);
	free(s->index_secs);
	free(s->index_ids);
	free(s);
}
