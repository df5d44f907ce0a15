/* content_stream.c — the guide read one section at a time (for list, show, prompts and search). */
#include "content_stream.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct content_stream {
	struct content *head;       /* guide and safety; the built-in model */
	const char *const *ids;     /* a folder's manifest ids (in head's arena) */
	size_t n;                   /* sections in the manifest */
	struct content *current;    /* a folder's section being read, or NULL */
	struct content *index;      /* content_stream_index(): head with id-only sections */
	struct section *index_secs; /* its sections */
	bool builtin;
};

int content_stream_open(const char *dir, struct content_stream **out, struct content_error *err)
{
	struct content_stream *s = calloc(1, sizeof(*s));
	int rc;

	*out = NULL;
	if (!s) {
		if (err) {
			memset(err, 0, sizeof(*err));
			snprintf(err->message, sizeof(err->message), "out of memory");
		}
		return -1;
	}
	if (dir) {
		rc = content_load_head(dir, &s->head, &s->ids, &s->n, err);
	} else {
		rc = content_load_builtin(&s->head, err);
		s->builtin = true;
		s->n = rc == 0 ? s->head->n_sections : 0;
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

const char *content_stream_id(const struct content_stream *s, size_t i)
{
	return s->builtin ? s->head->sections[i].id : s->ids[i];
}

const struct section *content_stream_section(struct content_stream *s, size_t i,
					     content_want_fn want, void *ctx, bool *skipped,
					     struct content_error *err)
{
	int rc;

	*skipped = false;
	if (s->builtin)
		return &s->head->sections[i];
	content_free(s->current);
	s->current = NULL;
	rc = content_load_section(s->head->origin, i, s->ids[i], want, ctx, &s->current, err);
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

const struct content *content_stream_index(struct content_stream *s)
{
	size_t i;

	if (s->builtin)
		return s->head;
	if (s->index)
		return s->index;
	s->index = malloc(sizeof(*s->index));
	s->index_secs = calloc(s->n + 1, sizeof(*s->index_secs));
	if (!s->index || !s->index_secs) {
		free(s->index);
		free(s->index_secs);
		s->index = NULL;
		s->index_secs = NULL;
		return NULL;
	}
	*s->index = *s->head;
	for (i = 0; i < s->n; i++) {
		s->index_secs[i].id = s->ids[i];
		s->index_secs[i].title = "";
		s->index_secs[i].summary = "";
	}
	s->index->sections = s->index_secs;
	s->index->n_sections = s->n;
	return s->index;
}

void content_stream_free(struct content_stream *s)
{
	if (!s)
		return;
	content_free(s->current);
	content_free(s->head);
	free(s->index);
	free(s->index_secs);
	free(s);
}
