/* test_jsonpos.c — positions in JSON text: many at once, duplicate keys, the strict syntax check. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content.h"
#include "jsonpos.h"

/* ---- jsonpos_locate_all() ---- */

struct pointers {
	char **v;
	size_t n, cap;
};

static void add_pointer(struct pointers *p, const char *s)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->v = realloc(p->v, p->cap * sizeof(*p->v));
		assert_non_null(p->v);
	}
	p->v[p->n] = strdup(s);
	assert_non_null(p->v[p->n]);
	p->n++;
}

/* Every string's pointer, its parent's, and one below it that names nothing. */
static void collect(void *ctx, const char *pointer, const char *text)
{
	struct pointers *p = ctx;
	char buf[1200];
	const char *slash = strrchr(pointer, '/');

	(void)text;
	add_pointer(p, pointer);
	snprintf(buf, sizeof(buf), "%.*s", (int)(slash ? slash - pointer : 0), pointer);
	add_pointer(p, buf);
	snprintf(buf, sizeof(buf), "%s/nothing/here", pointer);
	add_pointer(p, buf);
}

/*
 * For every value of every shipped file, and for pointers that name
 * nothing, the one-scan answer is the one-at-a-time answer, whatever order
 * the queries come in.
 */
static void test_locate_all_agrees_with_locate_on_the_shipped_content(void **state)
{
	size_t f, i;

	(void)state;
	for (f = 0; f < content_builtin_count; f++) {
		const struct content_file *cf = &content_builtin_files[f];
		struct pointers p = { NULL, 0, 0 };
		struct jsonpos_query *q;

		content_validate_each(content_kind_of(cf->name), cf->data, cf->len, NULL, collect,
				      &p);
		add_pointer(&p, "");
		add_pointer(&p, "/not-a-key");
		assert_true(p.n > 10);
		q = calloc(p.n, sizeof(*q));
		assert_non_null(q);
		for (i = 0; i < p.n; i++) /* last first: the scan must not rely on order */
			q[i].pointer = p.v[p.n - 1 - i];
		assert_int_equal(jsonpos_locate_all(cf->data, cf->len, q, p.n), 0);
		for (i = 0; i < p.n; i++) {
			int line = 0, col = 0;
			int found = jsonpos_locate(cf->data, cf->len, q[i].pointer, &line, &col);
			if (found != q[i].found || line != q[i].line || col != q[i].col)
				fail_msg("%s %s: %d at %d:%d, one at a time %d at %d:%d", cf->name,
					 q[i].pointer, q[i].found, q[i].line, q[i].col, found, line,
					 col);
		}
		for (i = 0; i < p.n; i++)
			free(p.v[i]);
		free(p.v);
		free(q);
	}
}

static void test_locate_all_places_offsets_and_pointers_together(void **state)
{
	/* line 3 holds a two-byte character: columns count characters */
	static const char json[] = "{\n"
				   "  \"a\": [1, 2],\n"
				   "  \"\xC3\xA9\": {\"b\": \"x\"},\n"
				   "  \"c~/d\": null\n"
				   "}\n";
	struct jsonpos_query q[] = {
		{ NULL, 40, 0, 0, 9 },           /* offsets in any order */
		{ "/c~0~1d", 0, 0, 0, 9 },       /* escaped key */
		{ NULL, 0, 0, 0, 9 },            /* the first byte */
		{ "/\xC3\xA9/b", 0, 0, 0, 9 },   /* after the two-byte key */
		{ "/a/1", 0, 0, 0, 9 },          /* an array entry */
		{ "/a/7", 0, 0, 0, 9 },          /* missing: its parent, /a */
		{ "/x/y/z", 0, 0, 0, 9 },        /* missing: the root */
		{ NULL, sizeof(json), 0, 0, 9 }, /* past the end: the end */
		{ "/\xC3\xA9/b", 0, 0, 0, 9 },   /* asked twice */
	};
	static const int want[][3] = { { 4, 4, 0 },  { 4, 11, 0 }, { 1, 1, 0 },
				       { 3, 14, 0 }, { 2, 12, 0 }, { 2, 8, -1 },
				       { 1, 1, -1 }, { 6, 1, 0 },  { 3, 14, 0 } };
	size_t i, n = sizeof(q) / sizeof(q[0]);

	(void)state;
	assert_int_equal(jsonpos_locate_all(json, sizeof(json) - 1, q, n), 0);
	for (i = 0; i < n; i++)
		if (q[i].line != want[i][0] || q[i].col != want[i][1] || q[i].found != want[i][2])
			fail_msg("query %zu: %d at %d:%d, want %d at %d:%d", i, q[i].found,
				 q[i].line, q[i].col, want[i][2], want[i][0], want[i][1]);
	assert_int_equal(jsonpos_locate_all(json, sizeof(json) - 1, q, 0), 0);
}

/* ---- jsonpos_duplicates() ---- */

struct dups {
	char got[1024];
};

static void on_dup(void *ctx, const char *pointer, int line, int col)
{
	struct dups *d = ctx;
	char one[128];

	snprintf(one, sizeof(one), "%s@%d:%d;", pointer, line, col);
	strncat(d->got, one, sizeof(d->got) - strlen(d->got) - 1);
}

static void test_duplicates_come_in_order_each_at_its_key(void **state)
{
	/* an inner object's repeats before the outer one's; "\u0061" is "a" */
	static const char json[] = "{\"a\": 1,\n"
				   " \"o\": {\"k\": 1, \"k\": 2,\n"
				   "        \"k\": 3},\n"
				   " \"\\u0061\": 2,\n"
				   "   \"a\": 3}";
	struct dups d = { "" };

	(void)state;
	assert_int_equal(jsonpos_duplicates(json, sizeof(json) - 1, on_dup, &d), 4);
	assert_string_equal(d.got, "/o/k@2:16;/o/k@3:9;/a@4:2;/a@5:4;");
	d.got[0] = '\0';
	assert_int_equal(jsonpos_duplicates("{\"a\": 1}", 8, on_dup, &d), 0);
	assert_string_equal(d.got, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_locate_all_agrees_with_locate_on_the_shipped_content),
		cmocka_unit_test(test_locate_all_places_offsets_and_pointers_together),
		cmocka_unit_test(test_duplicates_come_in_order_each_at_its_key),
	};

	return cmocka_run_group_tests_name("jsonpos", tests, NULL, NULL);
}
