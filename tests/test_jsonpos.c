/* test_jsonpos.c — positions in JSON text: many at once, duplicate keys, the strict syntax check. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
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
static size_t step_of(size_t n)
{
	return n > 500 ? n / 500 : 1;
}

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
		/* one at a time is a scan a pointer: over safety.json's thousands
		 * of weights that is quadratic, so compare a spread of 500 and
		 * the first and last hundred (every one in the smaller files) */
		for (i = 0; i < p.n; i += (i < 100 || i + 100 >= p.n) ? 1 : step_of(p.n)) {
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
	assert_int_equal(jsonpos_duplicates(json, sizeof(json) - 1, SIZE_MAX, on_dup, &d), 4);
	assert_string_equal(d.got, "/o/k@2:16;/o/k@3:9;/a@4:2;/a@5:4;");
	d.got[0] = '\0';
	assert_int_equal(jsonpos_duplicates("{\"a\": 1}", 8, SIZE_MAX, on_dup, &d), 0);
	assert_string_equal(d.got, "");
}

/*
 * Many keys, the repeats in another order than the first ones, an empty
 * key twice, and names that share a prefix or differ only in length: every
 * repeat is found, in source order, and nothing else (the set of names met
 * so far, nameset.h, replaced a sort in the seventh session of 2026-11-30).
 */
static void test_duplicates_among_many_keys_are_each_found_once(void **state)
{
	char json[2048], want[512], got[512];
	struct dups d = { "" };
	size_t at = 0, w = 0, g = 0;
	const char *p;
	int i;

	(void)state;
	at += (size_t)snprintf(json + at, sizeof(json) - at, "{\"\": 0");
	for (i = 0; i < 20; i++)
		at += (size_t)snprintf(json + at, sizeof(json) - at, ", \"k%d\": %d", i, i);
	at += (size_t)snprintf(json + at, sizeof(json) - at, ", \"k\": 1, \"k00\": 2");
	for (i = 19; i >= 0; i--) {
		at += (size_t)snprintf(json + at, sizeof(json) - at, ", \"k%d\": %d", i, i);
		w += (size_t)snprintf(want + w, sizeof(want) - w, "/k%d;", i);
	}
	at += (size_t)snprintf(json + at, sizeof(json) - at, ", \"\": 1}");
	snprintf(want + w, sizeof(want) - w, "/;");
	assert_int_equal(jsonpos_duplicates(json, at, SIZE_MAX, on_dup, &d), 21);
	/* the pointers alone, without their "@line:col" */
	for (p = d.got; *p && g + 1 < sizeof(got); p++) {
		if (*p == '@')
			while (*p && *p != ';')
				p++;
		got[g++] = *p;
		if (!*p)
			break;
	}
	got[g] = '\0';
	assert_string_equal(got, want);
}

/* on_dup(), with "-" for a repeat that was counted and given no place */
static void on_dup_or_counted(void *ctx, const char *pointer, int line, int col)
{
	struct dups *d = ctx;

	if (pointer)
		on_dup(ctx, pointer, line, col);
	else
		strncat(d->got, "-;", sizeof(d->got) - strlen(d->got) - 1);
}

/*
 * Only the first `place` repeats get a pointer and a place, in the same
 * order as when all do; the rest are counted (the loader shows one error
 * and "and N more", and 170,000 pointers cost it most of its time).
 */
static void test_duplicates_past_place_are_counted_not_placed(void **state)
{
	static const char json[] = "{\"a\": 1,\n"
				   " \"o\": {\"k\": 1, \"k\": 2,\n"
				   "        \"k\": 3},\n"
				   " \"a\": 2, \"a\": 3}";
	struct dups d = { "" };

	(void)state;
	assert_int_equal(jsonpos_duplicates(json, sizeof(json) - 1, 1, on_dup_or_counted, &d), 4);
	assert_string_equal(d.got, "/o/k@2:16;-;-;-;");
	d.got[0] = '\0';
	assert_int_equal(jsonpos_duplicates(json, sizeof(json) - 1, 3, on_dup_or_counted, &d), 4);
	assert_string_equal(d.got, "/o/k@2:16;/o/k@3:9;/a@4:2;-;");
	d.got[0] = '\0';
	assert_int_equal(jsonpos_duplicates(json, sizeof(json) - 1, 0, on_dup_or_counted, &d), 4);
	assert_string_equal(d.got, "-;-;-;-;");
}

/* ---- jsonpos_valid() ---- */

static void test_strict_check_follows_rfc_8259(void **state)
{
	static const struct {
		const char *text;
		long off; /* -1: valid */
		const char *what;
	} cases[] = {
		{ "0", -1, NULL },
		{ "-0", -1, NULL },
		{ "-0.0e-0", -1, NULL },
		{ "1E+2", -1, NULL },
		{ "[10, 2.5e3, -7]", -1, NULL },
		{ "\xEF\xBB\xBF {\"a\": [true, false, null]} \r\n", -1, NULL },
		{ "\"\\ud83d\\ude00 \\udbff\\udfff \\u0000 \\n\"", -1, NULL },
		{ "01", 0, "leading zeros" },
		{ "[-01]", 2, "leading zeros" },
		{ "00", 0, "leading zeros" },
		{ "1.", 2, "expected digits after the decimal point" },
		{ "1.e5", 2, "expected digits after the decimal point" },
		{ "-", 1, "expected a digit after '-'" },
		{ "-.5", 1, "expected a digit after '-'" },
		{ ".5", 0, "expected a value" },
		{ "+1", 0, "expected a value" },
		{ "1e", 2, "expected digits in the exponent" },
		{ "1e+", 3, "expected digits in the exponent" },
		{ "[1,\f2]", 3, "expected a value" },
		{ "\"a\tb\"", 2, "control character" },
		{ "\"\\ud800\"", 1, "lone surrogate" },
		{ "\"\\udc00\"", 1, "lone surrogate" },
		{ "\"ab\\ud83d\\u0041\"", 3, "lone surrogate" },
		{ "\"\\ud83d\\ud83d\\ude00\"", 1, "lone surrogate" },
		{ "\"\\ude00\\ud83d\"", 1, "lone surrogate" },
		{ "\"\\ud83d", 1, "lone surrogate" },
		{ "\"\\u12\"", 2, "four hex digits" },
		{ "\"\\x\"", 2, "unknown escape" },
		{ "{\"a\" 1}", 5, "expected ':'" },
		{ "[1 2]", 3, "expected ',' or ']'" },
		{ "1 2", 2, "expected the end of the file" },
		{ "\"\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80\"", -1, NULL },
		{ "\"ab\xC3\"", 3, "not UTF-8" },           /* cut short */
		{ "\"\xC0\xAF\"", 1, "not UTF-8" },         /* overlong */
		{ "\"\xED\xA0\x80\"", 1, "not UTF-8" },     /* a surrogate */
		{ "\"\xF4\x90\x80\x80\"", 1, "not UTF-8" }, /* past U+10FFFF */
		{ "[\xC3\xA9]", 1, "expected a value" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t off = 0;
		const char *what = NULL;
		int rc = jsonpos_valid(cases[i].text, strlen(cases[i].text), 64, &off, &what);
		if (cases[i].off < 0) {
			if (rc != 0)
				fail_msg("'%s': refused at %zu (%s)", cases[i].text, off, what);
			continue;
		}
		if (rc == 0)
			fail_msg("'%s': accepted", cases[i].text);
		if ((long)off != cases[i].off || !strstr(what, cases[i].what))
			fail_msg("'%s': at %zu (%s), want %ld (%s)", cases[i].text, off, what,
				 cases[i].off, cases[i].what);
	}
}

/* Text the strict check accepts is text cJSON reads (else it would be taken for "out of memory"). */
static void strict_implies_cjson(const char *text, size_t len)
{
	size_t off;
	const char *what;
	cJSON *root;

	if (jsonpos_valid(text, len, 64, &off, &what) != 0)
		return;
	root = cJSON_ParseWithLengthOpts(text, len + 1, NULL, 1);
	if (!root)
		fail_msg("'%s': the strict check accepts it, cJSON does not", text);
	cJSON_Delete(root);
}

/*
 * Every text of up to four characters from the characters JSON is made of,
 * and every string of one or two \u escapes from surrogates and their
 * neighbours: where the strict check says yes, cJSON does too.
 */
/*
 * Strings are read eight bytes at a time while they are plain ASCII: a
 * byte that is not (a control character, a quote, a backslash, UTF-8) must
 * be found at every place in and around such a word, and the fault placed
 * exactly.
 */
static void test_string_faults_are_found_at_every_offset(void **state)
{
	static const struct {
		unsigned char byte;
		int valid; /* the text is valid with it */
		size_t at; /* the fault: 0 the byte itself, 1 the byte after it */
	} cases[] = {
		{ 0x01, 0, 0 }, { 0x1F, 0, 0 }, { 0x00, 0, 0 }, { '\\', 0, 1 },
		{ 0xFF, 0, 0 }, { 0x80, 0, 0 }, { 0x7F, 1, 0 }, { 0x20, 1, 0 },
	};
	char buf[64];
	size_t c, k, off;
	const char *what;

	(void)state;
	for (c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		for (k = 0; k < 40; k++) {
			memset(buf, 'a', sizeof(buf));
			buf[0] = '"';
			buf[k + 1] = (char)cases[c].byte;
			/* a backslash before a letter that is no escape */
			buf[k + 2] = cases[c].byte == '\\' ? 'q' : buf[k + 2];
			buf[50] = '"';
			off = 999;
			if (cases[c].valid) {
				assert_int_equal(jsonpos_valid(buf, 51, 8, &off, &what), 0);
				continue;
			}
			assert_int_equal(jsonpos_valid(buf, 51, 8, &off, &what), -1);
			assert_int_equal(off, k + 1 + cases[c].at);
		}
	}
	/* a quote ends the string wherever it is: what follows is not JSON */
	for (k = 0; k < 40; k++) {
		memset(buf, 'a', sizeof(buf));
		buf[0] = '"';
		buf[k + 1] = '"';
		assert_int_equal(jsonpos_valid(buf, (size_t)k + 2, 8, &off, &what), 0);
		assert_int_equal(jsonpos_valid(buf, (size_t)k + 3, 8, &off, &what), -1);
		assert_int_equal(off, k + 2);
	}
}

static void test_strict_check_accepts_nothing_cjson_refuses(void **state)
{
	static const char alphabet[] = "019-+.eE\"\\u[]{}:, \t\fnt";
	static const char *const units[] = { "d7ff", "d800", "d83d", "dbff", "dc00",
					     "de00", "dfff", "e000", "0041", "0000" };
	const size_t na = sizeof(alphabet) - 1, nu = sizeof(units) / sizeof(units[0]);
	char text[32];
	size_t len, i, k, a, b;

	(void)state;
	for (len = 1; len <= 4; len++) {
		size_t total = 1;
		for (k = 0; k < len; k++)
			total *= na;
		for (i = 0; i < total; i++) {
			size_t x = i;
			for (k = 0; k < len; k++, x /= na)
				text[k] = alphabet[x % na];
			text[len] = '\0';
			strict_implies_cjson(text, len);
		}
	}
	for (a = 0; a < nu; a++) {
		snprintf(text, sizeof(text), "\"\\u%s\"", units[a]);
		strict_implies_cjson(text, strlen(text));
		snprintf(text, sizeof(text), "\"\\u%sx\"", units[a]);
		strict_implies_cjson(text, strlen(text));
		for (b = 0; b < nu; b++) {
			snprintf(text, sizeof(text), "\"\\u%s\\u%s\"", units[a], units[b]);
			strict_implies_cjson(text, strlen(text));
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_locate_all_agrees_with_locate_on_the_shipped_content),
		cmocka_unit_test(test_locate_all_places_offsets_and_pointers_together),
		cmocka_unit_test(test_duplicates_come_in_order_each_at_its_key),
		cmocka_unit_test(test_duplicates_among_many_keys_are_each_found_once),
		cmocka_unit_test(test_duplicates_past_place_are_counted_not_placed),
		cmocka_unit_test(test_strict_check_follows_rfc_8259),
		cmocka_unit_test(test_strict_check_accepts_nothing_cjson_refuses),
		cmocka_unit_test(test_string_faults_are_found_at_every_offset),
	};

	return cmocka_run_group_tests_name("jsonpos", tests, NULL, NULL);
}
