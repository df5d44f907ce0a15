/* test_id_stream.c — guide.json's "sections" scanned and read a chunk at a time (id_stream.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "content.h"
#include "content_stream.h"
#include "id_stream.h"

static char dir[64];
static char path[128];

static int make_dir(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/cg-idstream-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof(path), "%s/guide.json", dir);
	return 0;
}

static int remove_dir(void **state)
{
	char cmd[160];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void put(const char *file, const char *text)
{
	FILE *f = fopen(file, "w");

	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

/* A guide-like file whose "sections" lists s1..sN (one a line), with extra before "]" when not NULL. */
static char *guide_text(size_t n, const char *extra)
{
	size_t cap = 256 + n * 16 + (extra ? strlen(extra) : 0), len, i;
	char *s = malloc(cap);

	assert_non_null(s);
	len = (size_t)snprintf(s, cap,
			       "{\n  \"title\": \"a [\\\"sections\\\": x]\",\n  \"sections\": [");
	for (i = 1; i <= n; i++)
		len +=
		    (size_t)snprintf(s + len, cap - len, "%s\n    \"s%zu\"", i > 1 ? "," : "", i);
	len += (size_t)snprintf(s + len, cap - len,
				"%s\n  ],\n  \"intro\": { \"sections\": [1] }\n}\n",
				extra ? extra : "");
	return s;
}

static void test_scan_counts_the_ids_and_hands_back_the_rest_of_the_file(void **state)
{
	char *text = guide_text(300, NULL);
	struct id_scan scan;

	(void)state;
	put(path, text);
	assert_int_equal(id_stream_scan(path, 0, &scan), 0);
	assert_null(scan.why);
	assert_int_equal(scan.span.n, 300);
	assert_int_equal(scan.span.width, 4); /* s100 */
	assert_string_equal(scan.doc,
			    "{\n  \"title\": \"a [\\\"sections\\\": x]\",\n  \"sections\": "
			    "[],\n  \"intro\": { \"sections\": [1] }\n}\n");
	assert_int_equal(scan.doc_len, strlen(scan.doc));
	assert_int_equal(text[scan.span.start - 1], '[');
	assert_int_equal(text[scan.span.end - 1], ']');
	free(scan.doc);
	free(text);
}

/*
 * The filter is tiny (64 bits for 300 ids): nearly every id is a suspect,
 * and the second, exact count must clear them all (no false repeat) and
 * find the one real repeat.
 */
static void test_a_tiny_filter_makes_suspects_that_the_exact_count_clears(void **state)
{
	char *text = guide_text(300, NULL);
	struct id_scan scan;

	(void)state;
	put(path, text);
	assert_int_equal(id_stream_scan(path, 64, &scan), 0);
	assert_null(scan.why);
	assert_true(scan.suspects > 200);
	free(scan.doc);
	free(text);
}

static void test_a_tiny_filter_and_the_usual_one_both_find_a_real_repeat(void **state)
{
	char *text = guide_text(300, ",\n    \"s150\"");
	struct id_scan scan;

	(void)state;
	put(path, text);
	assert_int_equal(id_stream_scan(path, 64, &scan), 1);
	assert_string_equal(scan.why, "an id listed twice");
	assert_null(scan.doc);
	assert_int_equal(id_stream_scan(path, 0, &scan), 1);
	assert_string_equal(scan.why, "an id listed twice");
	free(text);
}

/* Anything the scan does not expect: it gives up, and the file is read whole. */
static void test_the_scan_gives_up_on_anything_unusual(void **state)
{
	static const struct {
		const char *text, *why;
	} cases[] = {
		{ "{\"sections\": [\"a\", 1]}", "an entry that is not a plain id" },
		{ "{\"sections\": [\"a\", null]}", "an entry that is not a plain id" },
		{ "{\"sections\": [\"a\", [\"b\"]]}", "an entry that is not a plain id" },
		{ "{\"sections\": [\"a\\u0062\"]}", "an entry that is not a plain id" },
		{ "{\"sections\": [\"A\"]}", "an entry that is not a plain id" },
		{ "{\"sections\": [\"a--b\"]}", "an entry that is not a plain id" },
		{ "{\"sections\": [\"a-\"]}", "an entry that is not a plain id" },
		{ "{\"sections\": [\"\"]}", "an entry that is not a plain id" },
		{ "{\"sections\": [\"a\" \"b\"]}", "an entry that is not a plain id" },
		{ "{\"sections\": [\"a\",]}", "an entry that is not a plain id" },
		{ "{\"sections\": [\"a\", \"b", "an entry that is not a plain id" },
		{ "{\"sections\": []}", "an empty \"sections\"" },
		{ "{\"sect\\u0069ons\": [\"a\"]}", "a top-level name written with an escape" },
		{ "{\"sections\": [\"a\"], \"sections\": [\"b\"]}", "a second \"sections\"" },
		{ "{\"sections\": \"a\"}", "no top-level \"sections\" array" },
		{ "{\"x\": {\"sections\": [\"a\"]}}", "no top-level \"sections\" array" },
		{ "[\"sections\", [\"a\"]]", "no top-level \"sections\" array" },
		{ "{\"x\": \"sections\", \"y\": [\"a\"]}", "no top-level \"sections\" array" },
	};
	struct id_scan scan;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		put(path, cases[i].text);
		assert_int_equal(id_stream_scan(path, 0, &scan), 1);
		if (strcmp(scan.why, cases[i].why) != 0)
			fail_msg("%s: '%s', not '%s'", cases[i].text, scan.why, cases[i].why);
		assert_null(scan.doc);
	}
	assert_int_equal(id_stream_scan(dir, 0, &scan), 1); /* a folder */
	assert_int_equal(id_stream_scan("/nonexistent/guide.json", 0, &scan), 1);
}

/* A BOM and compact JSON are no reason to give up. */
static void test_a_bom_and_compact_json_are_scanned(void **state)
{
	struct id_scan scan;

	(void)state;
	put(path, "\xEF\xBB\xBF{\"sections\":[\"a\",\"bb-c\"],\"x\":[]}");
	assert_int_equal(id_stream_scan(path, 0, &scan), 0);
	assert_int_equal(scan.span.n, 2);
	assert_int_equal(scan.span.width, 4);
	assert_string_equal(scan.doc, "\xEF\xBB\xBF{\"sections\":[],\"x\":[]}");
	free(scan.doc);
}

static void test_ids_are_read_in_order_and_again_from_the_start(void **state)
{
	char *text = guide_text(20000, NULL); /* more than one 64 KiB chunk */
	struct id_scan scan;
	struct id_stream *r;
	char want[16];
	size_t i;

	(void)state;
	put(path, text);
	assert_int_equal(id_stream_scan(path, 0, &scan), 0);
	free(scan.doc);
	assert_int_equal(id_stream_open(path, &scan.span, &r), 0);
	for (i = 0; i < 20000; i += 7) {
		snprintf(want, sizeof(want), "s%zu", i + 1);
		assert_string_equal(id_stream_get(r, i), want);
	}
	assert_string_equal(id_stream_get(r, 19999), "s20000");
	assert_string_equal(id_stream_get(r, 19999), "s20000"); /* the same again */
	assert_string_equal(id_stream_get(r, 2), "s3");         /* back: from the start */
	assert_string_equal(id_stream_get(r, 0), "s1");
	errno = 0;
	assert_null(id_stream_get(r, 20000));
	assert_int_equal(errno, EINVAL);
	id_stream_free(r);
	free(text);
}

/* Rewrite the file in place with text, then give it back its time. */
static void put_keeping_time(const char *text)
{
	struct stat st;
	struct timespec times[2];

	assert_int_equal(stat(path, &st), 0);
	put(path, text);
	times[0] = st.st_atim;
	times[1] = st.st_mtim;
	assert_int_equal(utimensat(AT_FDCWD, path, times, 0), 0);
}

/*
 * The file changed after it was scanned: its size, or (its time given
 * back) an entry that is no longer an id, or an array that ends early, or
 * another file in its place.  Never an id read from what is there now.
 */
static void test_a_file_changed_underfoot_is_never_read_as_ids(void **state)
{
	static const char *const text = "{\"sections\": [\"s1\", \"s2\", \"s3\", \"s4\"]}";
	struct id_scan scan;
	struct id_stream *r;
	char moved[160];

	(void)state;
	put(path, text);
	assert_int_equal(id_stream_scan(path, 0, &scan), 0);
	free(scan.doc);

	assert_int_equal(id_stream_open(path, &scan.span, &r), 0);
	assert_string_equal(id_stream_get(r, 3), "s4");
	put(path, "{\"sections\": [\"s1\", \"s2\"]}");
	errno = 0;
	assert_null(id_stream_get(r, 0)); /* read again from the start: its size changed */
	assert_int_equal(errno, ESTALE);
	id_stream_free(r);

	put(path, text);
	assert_int_equal(id_stream_scan(path, 0, &scan), 0);
	free(scan.doc);
	assert_int_equal(id_stream_open(path, &scan.span, &r), 0);
	assert_string_equal(id_stream_get(r, 3), "s4");
	/* the same size (38 bytes), its time given back: the entries themselves tell */
	put_keeping_time("{\"sections\": [\"s1\", \"s2\", \"S3\", \"s4\"]}");
	errno = 0;
	assert_null(id_stream_get(r, 2));
	assert_int_equal(errno, ESTALE);
	put_keeping_time("{\"sections\": [\"s1\", \"s2\"]        , 3 }");
	assert_null(id_stream_get(r, 3)); /* the array ends early */
	assert_int_equal(errno, ESTALE);
	put_keeping_time("{\"sections\": [\"s1\", \"s2\", \"s3\", \"s4xx\"");
	assert_null(id_stream_get(r, 3)); /* runs past the array's end */
	assert_int_equal(errno, ESTALE);
	put_keeping_time(text);
	assert_string_equal(id_stream_get(r, 3), "s4"); /* as it was: read again */
	id_stream_free(r);

	/* another file renamed over it */
	snprintf(moved, sizeof(moved), "%s/new.json", dir);
	put(moved, text);
	assert_int_equal(rename(moved, path), 0);
	errno = 0;
	assert_int_equal(id_stream_open(path, &scan.span, &r), -1);
	assert_int_equal(errno, ESTALE);
	assert_null(r);
}

/* cp -R of the shipped content into dir/c. */
static void copy_content(char *c, size_t len)
{
	char cmd[512];
	const char *src = getenv("CRY_GUIDE_SRC");

	snprintf(c, len, "%s/c", dir);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s' && cp -R '%s/content' '%s'", c, src ? src : ".", c);
	assert_int_equal(system(cmd), 0);
}

/*
 * A reader's stream leaves the ids in guide.json and reads them as it
 * goes; when guide.json changes meanwhile, the section that follows is an
 * error naming guide.json (the command exits 3 with it), never a section
 * read by an id that was not checked.
 */
static void test_a_stream_whose_guide_changes_fails_naming_guide_json(void **state)
{
	struct content_stream *s;
	struct content_error err;
	const struct section *sec;
	char c[160], guide[200], msg[1024], want[400];
	bool skipped;
	FILE *f;

	(void)state;
	copy_content(c, sizeof(c));
	assert_int_equal(content_stream_open(c, &s, &err), 0);
	assert_int_equal(content_stream_count(s), 8);
	assert_int_equal(content_stream_id_width(s), strlen("support-and-acceptance"));
	sec = content_stream_section(s, 0, NULL, NULL, &skipped, &err);
	assert_non_null(sec);
	assert_string_equal(sec->id, "why-we-cry");
	assert_string_equal(content_stream_id(s, 7, &err), "finding-support");
	assert_string_equal(content_stream_id(s, 1, &err), "emotional-tears");

	snprintf(guide, sizeof(guide), "%s/guide.json", c);
	f = fopen(guide, "a");
	assert_non_null(f);
	fputs("\n", f);
	assert_int_equal(fclose(f), 0);
	/* an earlier section: its id is read again from the file, which changed */
	assert_null(content_stream_section(s, 0, NULL, NULL, &skipped, &err));
	assert_false(skipped);
	content_error_format(&err, msg, sizeof(msg));
	snprintf(want, sizeof(want), "%s: changed while it was being read: run the command again",
		 guide);
	assert_string_equal(msg, want);
	assert_null(content_stream_index(s, &err));
	assert_string_equal(err.path, guide);
	content_stream_free(s);

	/* opened again, the changed file is checked again and read */
	assert_int_equal(content_stream_open(c, &s, &err), 0);
	assert_non_null(content_stream_section(s, 3, NULL, NULL, &skipped, &err));
	content_stream_free(s);
}

/* Ids the scan turned down but the loader accepts (escapes) are held, and read the same. */
static void test_a_manifest_read_whole_serves_the_same_ids(void **state)
{
	struct content_stream *s;
	struct content_error err;
	const struct content *ix;
	char c[160], cmd[600];

	(void)state;
	copy_content(c, sizeof(c));
	snprintf(cmd, sizeof(cmd),
		 "sed -i 's/\"emotional-tears\"/\"emotional-t\\\\u0065ars\"/' '%s/guide.json'", c);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(content_stream_open(c, &s, &err), 0);
	assert_int_equal(content_stream_count(s), 8);
	assert_int_equal(content_stream_id_width(s), strlen("support-and-acceptance"));
	assert_string_equal(content_stream_id(s, 1, &err), "emotional-tears");
	ix = content_stream_index(s, &err);
	assert_non_null(ix);
	assert_string_equal(ix->sections[7].id, "finding-support");
	content_stream_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scan_counts_the_ids_and_hands_back_the_rest_of_the_file),
		cmocka_unit_test(test_a_tiny_filter_makes_suspects_that_the_exact_count_clears),
		cmocka_unit_test(test_a_tiny_filter_and_the_usual_one_both_find_a_real_repeat),
		cmocka_unit_test(test_the_scan_gives_up_on_anything_unusual),
		cmocka_unit_test(test_a_bom_and_compact_json_are_scanned),
		cmocka_unit_test(test_ids_are_read_in_order_and_again_from_the_start),
		cmocka_unit_test(test_a_file_changed_underfoot_is_never_read_as_ids),
		cmocka_unit_test(test_a_stream_whose_guide_changes_fails_naming_guide_json),
		cmocka_unit_test(test_a_manifest_read_whole_serves_the_same_ids),
	};

	return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
