/* test_check.c — the check rules: passing and failing fixtures, cross-file rules, ignoring, order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "content.h"
#include "rules.h"

#define TODAY "2026-12-01"

static const char *src_dir(void)
{
	const char *s = getenv("CRY_GUIDE_SRC");
	return s && *s ? s : ".";
}

static void data_path(char *buf, size_t len, const char *rel)
{
	snprintf(buf, len, "%s/tests/data/check/%s", src_dir(), rel);
}

/* Check PATH (relative to tests/data/check) with opt; the executed run (caller frees). */
static struct check_run *run_on(const char *rel, const struct check_options *opt)
{
	static const struct check_options plain = { TODAY, NULL, 0, 0 };
	struct check_run *r = check_new();
	char path[4096], err[512];

	assert_non_null(r);
	data_path(path, sizeof(path), rel);
	if (check_add_path(r, path, err, sizeof(err)) != 0)
		fail_msg("cannot add %s: %s", path, err);
	assert_int_equal(check_execute(r, opt ? opt : &plain), 0);
	return r;
}

static void print_findings(const struct check_finding *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		print_message("  %s:%d:%d %s %s (%s)\n", f[i].path, f[i].line, f[i].col,
			      f[i].rule->code, f[i].message, f[i].pointer);
}

/* rules[] is in code order, so rule_find() (a binary search) finds every rule. */
static void test_every_rule_is_found_by_its_code(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < rules_count; i++) {
		assert_ptr_equal(rule_find(rules[i].code), &rules[i]);
		if (i)
			assert_true(strcmp(rules[i - 1].code, rules[i].code) < 0);
	}
	assert_null(rule_find("CG000"));
	assert_null(rule_find("CG999"));
	assert_null(rule_find(""));
}

static void test_passing_fixtures_have_no_findings(void **state)
{
	static const char *const paths[] = { "passing", "passing-section.json" };
	size_t i, n;

	(void)state;
	for (i = 0; i < 2; i++) {
		struct check_run *r = run_on(paths[i], NULL);
		const struct check_finding *f = check_findings(r, &n);
		struct check_summary s;
		if (n)
			print_findings(f, n);
		assert_int_equal(n, 0);
		check_summary(r, &s);
		assert_int_equal(s.files, i == 0 ? 4 : 1);
		check_free(r);
	}
}

static void test_shipped_and_builtin_content_are_clean(void **state)
{
	static const struct check_options opt = { TODAY, NULL, 0, 0 };
	struct check_run *r;
	char path[4096], err[512];
	size_t n;

	(void)state;
	r = check_new();
	snprintf(path, sizeof(path), "%s/content", src_dir());
	assert_int_equal(check_add_path(r, path, err, sizeof(err)), 0);
	assert_int_equal(check_add_builtin(r), 0);
	assert_int_equal(check_execute(r, &opt), 0);
	check_findings(r, &n);
	if (n)
		print_findings(check_findings(r, &n), n);
	assert_int_equal(n, 0);
	check_free(r);
}

/* Every line of failing/expected.txt: exactly one finding, of its rule, at its place. */
static void test_each_failing_fixture_breaks_exactly_its_rule(void **state)
{
	char manifest[4096], line[1024];
	FILE *fp;
	size_t covered = 0;
	bool seen[RULES_MAX] = { false };

	(void)state;
	data_path(manifest, sizeof(manifest), "failing/expected.txt");
	fp = fopen(manifest, "r");
	assert_non_null(fp);
	while (fgets(line, sizeof(line), fp)) {
		char rel[512], code[16], file[512] = "", fixture[600], want[4200];
		int ln, col, k;
		struct check_run *r;
		const struct check_finding *f;
		size_t n;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		k = sscanf(line, "%511s %15s %d %d %511s", rel, code, &ln, &col, file);
		assert_true(k == 4 || k == 5);
		snprintf(fixture, sizeof(fixture), "failing/%s", rel);
		r = run_on(fixture, NULL);
		f = check_findings(r, &n);
		if (n != 1 || strcmp(f[0].rule->code, code) != 0 || f[0].line != ln ||
		    f[0].col != col) {
			print_message("%s: want %s at %d:%d, got:\n", rel, code, ln, col);
			print_findings(f, n);
			fail();
		}
		data_path(want, sizeof(want), "failing/");
		strncat(want, k == 5 ? file : rel, sizeof(want) - strlen(want) - 1);
		assert_string_equal(f[0].path, want);
		/* a rule may have several fixtures (CG305 in a paragraph and in a reply) */
		if (!seen[f[0].rule - rules]) {
			seen[f[0].rule - rules] = true;
			covered++;
		}
		check_free(r);
	}
	fclose(fp);
	/* every rule but CG003 (generated below) has its fixture */
	assert_int_equal(covered, rules_count - 1);
}

static void test_file_over_one_mebibyte_is_cg003(void **state)
{
	char dir[] = "/tmp/cg-check-XXXXXX", path[64], err[256];
	static const struct check_options opt = { TODAY, NULL, 0, 0 };
	struct check_run *r;
	const struct check_finding *f;
	FILE *fp;
	size_t n, i;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/big.json", dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("{\"pad\": \"", fp);
	for (i = 0; i < 1100000; i++)
		fputc('x', fp);
	fputs("\"}\n", fp);
	fclose(fp);
	r = check_new();
	assert_int_equal(check_add_path(r, path, err, sizeof(err)), 0);
	assert_int_equal(check_execute(r, &opt), 0);
	f = check_findings(r, &n);
	assert_int_equal(n, 1);
	assert_string_equal(f[0].rule->code, "CG003");
	check_free(r);
	unlink(path);
	rmdir(dir);
}

static void test_safety_rules_cannot_be_ignored_but_others_can(void **state)
{
	static const char *const ig[] = { "CG204", "CG108" };
	struct check_options opt = { TODAY, ig, 2, 0 };
	struct check_run *r;
	struct check_summary s;
	size_t n;

	(void)state;
	r = run_on("failing/CG204-crisis-phrase-missed/safety.json", &opt);
	check_findings(r, &n);
	check_summary(r, &s);
	assert_int_equal(n, 1);
	assert_int_equal(s.errors, 1);
	check_free(r);

	r = run_on("failing/CG108-unknown-field.json", &opt);
	check_findings(r, &n);
	check_summary(r, &s);
	assert_int_equal(n, 0);
	assert_int_equal(s.ignored, 1);
	check_free(r);
}

/* The whole failing tree, once with one thread and once with several: the same findings in the same order. */
static void test_output_order_does_not_depend_on_threads(void **state)
{
	struct check_options one = { TODAY, NULL, 0, 1 }, many = { TODAY, NULL, 0, 8 };
	struct check_run *a, *b;
	const struct check_finding *fa, *fb;
	size_t na, nb, i;
	char path[4096], err[512];
	static const char *const dirs[] = { "failing/CG110-manifest-mismatch", "passing",
					    "failing/CG203-seek-help-missing",
					    "failing/CG111-section-id-mismatch" };

	(void)state;
	a = check_new();
	b = check_new();
	for (i = 0; i < 4; i++) {
		data_path(path, sizeof(path), dirs[i]);
		assert_int_equal(check_add_path(a, path, err, sizeof(err)), 0);
		data_path(path, sizeof(path), dirs[3 - i]);
		assert_int_equal(check_add_path(b, path, err, sizeof(err)), 0);
	}
	assert_int_equal(check_execute(a, &one), 0);
	assert_int_equal(check_execute(b, &many), 0);
	fa = check_findings(a, &na);
	fb = check_findings(b, &nb);
	assert_int_equal(na, 3);
	assert_int_equal(na, nb);
	for (i = 0; i < na; i++) {
		assert_string_equal(fa[i].path, fb[i].path);
		assert_string_equal(fa[i].rule->code, fb[i].rule->code);
		if (i)
			assert_true(strcmp(fa[i - 1].path, fa[i].path) <= 0);
	}
	check_free(a);
	check_free(b);
}

static void test_sections_with_one_id_in_two_files_are_cg105(void **state)
{
	static const struct check_options opt = { TODAY, NULL, 0, 0 };
	struct check_run *r = check_new();
	const struct check_finding *f;
	char a[4096], b[4096], err[512];
	size_t n;

	(void)state;
	data_path(a, sizeof(a), "passing-section.json");
	data_path(b, sizeof(b), "failing/CG108-unknown-field.json");
	assert_int_equal(check_add_path(r, a, err, sizeof(err)), 0);
	assert_int_equal(check_add_path(r, b, err, sizeof(err)), 0);
	assert_int_equal(check_execute(r, &opt), 0);
	f = check_findings(r, &n);
	assert_int_equal(n, 2);
	/* sorted by path: failing/... first; the later file is the one that repeats the id */
	assert_string_equal(f[0].rule->code, "CG108");
	assert_string_equal(f[1].rule->code, "CG105");
	assert_string_equal(f[1].path, a);
	assert_string_equal(f[1].pointer, "/id");
	assert_int_equal(f[1].line, 2);
	assert_non_null(strstr(f[1].message, "CG108-unknown-field.json"));
	check_free(r);
}

/* Copy tests/data/check/REL to PATH. */
static void copy_fixture(const char *rel, const char *path)
{
	char src[4096], buf[4096];
	FILE *in, *out;
	size_t n;

	data_path(src, sizeof(src), rel);
	in = fopen(src, "rb");
	assert_non_null(in);
	out = fopen(path, "wb");
	assert_non_null(out);
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		assert_int_equal(fwrite(buf, 1, n, out), n);
	fclose(in);
	assert_int_equal(fclose(out), 0);
}

/*
 * A folder of more sections than the checker lists at once (4096): every
 * file in name order, whatever order the folder lists them in, and a
 * section id repeated across the chunks is still CG105.
 */
static void test_a_folder_larger_than_one_listing_chunk_stays_in_name_order(void **state)
{
	static const struct check_options opt = { TODAY, NULL, 0, 2 };
	enum { N = 4500 };
	char dir[] = "/tmp/cg-chunks-XXXXXX", path[128], err[256];
	struct check_run *r;
	const struct check_finding *f;
	size_t n, i, parse_errors = 0;
	long k;
	FILE *fp;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/sections", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	/* created in an order unlike the names': 4500, 1, 4498, 3, ... */
	for (k = N; k >= 2; k -= 2) {
		snprintf(path, sizeof(path), "%s/sections/%05ld-s.json", dir, k);
		fp = fopen(path, "w");
		assert_non_null(fp);
		fputs("{", fp);
		fclose(fp);
		snprintf(path, sizeof(path), "%s/sections/%05ld-s.json", dir, N + 1 - k);
		fp = fopen(path, "w");
		assert_non_null(fp);
		fputs("{", fp);
		fclose(fp);
	}
	/* the same id before and after the first chunk */
	snprintf(path, sizeof(path), "%s/sections/00000-quiet-moments.json", dir);
	copy_fixture("passing-section.json", path);
	snprintf(path, sizeof(path), "%s/sections/99999-quiet-moments.json", dir);
	copy_fixture("passing-section.json", path);

	r = check_new();
	assert_int_equal(check_add_path(r, dir, err, sizeof(err)), 0);
	assert_int_equal(check_execute(r, &opt), 0);
	f = check_findings(r, &n);
	for (i = 0; i < n; i++) {
		if (i)
			assert_true(strcmp(f[i - 1].path, f[i].path) <= 0);
		if (strcmp(f[i].rule->code, "CG002") == 0 || strcmp(f[i].rule->code, "CG004") == 0)
			parse_errors++;
	}
	assert_int_equal(parse_errors, N);
	assert_string_equal(f[n - 1].rule->code, "CG105");
	assert_non_null(strstr(f[n - 1].path, "99999-quiet-moments.json"));
	assert_non_null(strstr(f[n - 1].message, "00000-quiet-moments.json"));
	check_free(r);

	for (k = 0; k <= N + 1; k++) {
		snprintf(path, sizeof(path), "%s/sections/%05ld-s.json", dir, k);
		unlink(path);
	}
	snprintf(path, sizeof(path), "%s/sections/00000-quiet-moments.json", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/sections/99999-quiet-moments.json", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/sections", dir);
	assert_int_equal(rmdir(path), 0);
	assert_int_equal(rmdir(dir), 0);
}

/* Run the same PATHs kept (check_findings) and streamed as text: the same lines in the same order. */
static void test_streamed_text_is_the_kept_findings_in_order(void **state)
{
	static const struct check_options opt = { TODAY, NULL, 0, 3 };
	static const char *const rels[] = {
		"failing/CG110-manifest-mismatch",
		"passing-section.json",
		"failing/CG203-seek-help-missing",
		"failing/CG110-manifest-mismatch/sections/01-why-we-cry.json",
		"failing/CG108-unknown-field.json",
		"failing/CG001-unreadable-file"
	};
	struct check_run *kept = check_new(), *streamed = check_new();
	const struct check_finding *f;
	struct check_summary a, b;
	char path[4096], err[512], line[4096], want[4096];
	size_t n, i;
	FILE *fp = tmpfile();

	(void)state;
	assert_non_null(fp);
	for (i = 0; i < sizeof(rels) / sizeof(rels[0]); i++) {
		data_path(path, sizeof(path), rels[i]);
		assert_int_equal(check_add_path(kept, path, err, sizeof(err)), 0);
		assert_int_equal(check_add_path(streamed, path, err, sizeof(err)), 0);
	}
	assert_int_equal(check_execute(kept, &opt), 0);
	check_output(streamed, CHECK_TEXT, fp);
	assert_int_equal(check_execute(streamed, &opt), 0);
	f = check_findings(streamed, &n);
	assert_int_equal(n, 0); /* streamed: nothing kept */
	f = check_findings(kept, &n);
	assert_true(n >= 4);
	rewind(fp);
	for (i = 0; i < n; i++) {
		if (f[i].line > 0)
			snprintf(want, sizeof(want), "%s:%d:%d: ", f[i].path, f[i].line, f[i].col);
		else
			snprintf(want, sizeof(want), "%s: ", f[i].path);
		assert_non_null(fgets(line, sizeof(line), fp));
		assert_int_equal(strncmp(line, want, strlen(want)), 0);
		assert_non_null(strstr(line, f[i].rule->code));
	}
	assert_non_null(fgets(line, sizeof(line), fp));
	assert_int_equal(strncmp(line, "cry-guide check: ", 17), 0);
	assert_null(fgets(line, sizeof(line), fp));
	check_summary(kept, &a);
	check_summary(streamed, &b);
	assert_int_equal(a.files, b.files);
	assert_int_equal(a.errors, b.errors);
	assert_int_equal(a.warnings, b.warnings);
	fclose(fp);
	check_free(kept);
	check_free(streamed);
}

/* ---- many findings in one file: every one, each at its own line and column ---- */

struct want {
	char code[8];
	int line, col;
};

static int want_cmp(const void *a, const void *b)
{
	const struct want *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return strcmp(x->code, y->code);
}

/* Characters (not bytes) in the first n bytes of s, plus one: the column after them. */
static int column_after(const char *s, size_t n)
{
	size_t i;
	int col = 1;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			col++;
	return col;
}

/* The findings of r (all in one file) against want[] (n of them), both in (line, col, code) order. */
static void expect_findings(struct check_run *r, const char *only, struct want *want, size_t n)
{
	const struct check_finding *f;
	struct want *got;
	size_t nf, i, k = 0;

	f = check_findings(r, &nf);
	got = calloc(nf + 1, sizeof(*got));
	assert_non_null(got);
	for (i = 0; i < nf; i++) {
		if (only && strcmp(f[i].rule->code, only) != 0)
			continue;
		snprintf(got[k].code, sizeof(got[k].code), "%s", f[i].rule->code);
		got[k].line = f[i].line;
		got[k++].col = f[i].col;
	}
	qsort(got, k, sizeof(*got), want_cmp);
	qsort(want, n, sizeof(*want), want_cmp);
	if (k != n)
		fail_msg("%zu findings, want %zu", k, n);
	for (i = 0; i < n; i++)
		if (want_cmp(&got[i], &want[i]) != 0)
			fail_msg("finding %zu: %s at %d:%d, want %s at %d:%d", i, got[i].code,
				 got[i].line, got[i].col, want[i].code, want[i].line, want[i].col);
	free(got);
}

/*
 * A section of 3,000 lines with a finding or two on each: unknown fields
 * (some named with a two-byte character, so columns count characters),
 * repeated keys, and text rules, at varied indentation.  check reports
 * every one, each at the line and column where it is in the file.
 */
static void test_check_places_every_finding_of_a_file_with_thousands(void **state)
{
	static const struct check_options opt = { TODAY, NULL, 0, 0 };
	enum { N = 3000, HEAD = 7 };
	char dir[] = "/tmp/cg-many-XXXXXX", path[64], err[256], line[128];
	struct want *want = calloc(2 * N + 1, sizeof(*want));
	struct check_run *r;
	size_t n = 0, k;
	FILE *fp;

	(void)state;
	assert_non_null(want);
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/many.json", dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(
	    "{\n"
	    "  \"id\": \"many\",\n"
	    "  \"title\": \"Many findings\",\n"
	    "  \"summary\": \"One file with a finding on every line.\",\n"
	    "  \"paragraphs\": [\"Crying may help some people feel calmer.\"],\n"
	    "  \"key_points\": [],\n"
	    "  \"prompts\": [{\"id\": \"a\", \"kind\": \"text\", \"text\": \"How do you feel?\"}],\n",
	    fp);
	for (k = 0; k < N; k++) {
		int indent = (int)(k % 5) + 1, ln = HEAD + 1 + (int)k;
		size_t at;
		switch (k % 3) {
		case 0: /* an unknown field, and a word the safe-messaging rules flag */
			snprintf(line, sizeof(line), "%*s\"\xC3\xA9%zu\": ", indent, "", k);
			at = strlen(line);
			strncat(line, "\"an epidemic of tears\",\n", sizeof(line) - at - 1);
			want[n++] = (struct want){ "CG108", ln, column_after(line, at) };
			want[n++] = (struct want){ "CG303", ln, column_after(line, at) };
			break;
		case 1: /* a repeated key: placed at the key */
			snprintf(line, sizeof(line), "%*s\"title\": \"again\",\n", indent, "");
			want[n++] = (struct want){ "CG007", ln, indent + 1 };
			break;
		default: /* an unknown field holding an object */
			snprintf(line, sizeof(line), "%*s\"x%zu\":%*s", indent, "", k, indent, "");
			at = strlen(line);
			strncat(line, "{\"summary\": \"\"},\n", sizeof(line) - at - 1);
			want[n++] = (struct want){ "CG108", ln, column_after(line, at) };
			break;
		}
		fputs(line, fp);
	}
	fputs("  \"end\": 0\n}\n", fp);
	want[n++] = (struct want){ "CG108", HEAD + N + 1, 10 };
	assert_int_equal(fclose(fp), 0);

	r = check_new();
	assert_int_equal(check_add_path(r, path, err, sizeof(err)), 0);
	assert_int_equal(check_execute(r, &opt), 0);
	expect_findings(r, NULL, want, n);
	check_free(r);
	free(want);
	unlink(path);
	rmdir(dir);
}

/* A manifest of 300 sections, none with a file: CG110 at each entry's own line and column. */
static void test_check_places_every_missing_section_of_a_long_manifest(void **state)
{
	static const struct check_options opt = { TODAY, NULL, 0, 0 };
	enum { N = 300 };
	char dir[] = "/tmp/cg-manifest-XXXXXX", path[64], src[4096], err[256];
	struct want want[N];
	struct check_run *r;
	char *text = NULL, *open_at, *close_at;
	size_t len, k;
	int ln = 1;
	FILE *fp;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/sections", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/safety.json", dir);
	copy_fixture("passing/safety.json", path);
	data_path(src, sizeof(src), "passing/guide.json");
	assert_int_equal(content_read_file(src, &text, &len, NULL), 0);
	open_at = strstr(text, "\"sections\": [");
	assert_non_null(open_at);
	open_at += strlen("\"sections\": [");
	close_at = strchr(open_at, ']');
	assert_non_null(close_at);
	for (k = 0; text + k < open_at; k++)
		ln += text[k] == '\n';
	snprintf(path, sizeof(path), "%s/guide.json", dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fwrite(text, 1, (size_t)(open_at - text), fp);
	for (k = 0; k < N; k++) {
		int indent = (int)(k % 7) + 2;
		fprintf(fp, "\n%*s\"s%zu\"%s", indent, "", k, k + 1 < N ? "," : "");
		want[k] = (struct want){ "CG110", ln + 1 + (int)k, indent + 1 };
	}
	fputs("\n  ", fp);
	fputs(close_at, fp);
	assert_int_equal(fclose(fp), 0);
	free(text);

	r = check_new();
	assert_int_equal(check_add_path(r, dir, err, sizeof(err)), 0);
	assert_int_equal(check_execute(r, &opt), 0);
	expect_findings(r, "CG110", want, N);
	check_free(r);
	unlink(path);
	snprintf(path, sizeof(path), "%s/safety.json", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/sections", dir);
	rmdir(path);
	rmdir(dir);
}

/*
 * Half a surrogate pair and numbers RFC 8259 does not allow are CG002 at
 * their place, and the run goes on to the other paths (half a pair was
 * "out of memory": status 4, and the rest of the run was dropped).
 */
static void test_check_reports_what_cjson_and_the_rfc_disagree_on_and_goes_on(void **state)
{
	static const struct check_options opt = { TODAY, NULL, 0, 2 };
	static const struct {
		const char *name;
		int line, col;
	} cases[] = {
		{ "bare-exponent.json", 8, 76 },
		{ "high-surrogate-then-not-low.json", 3, 24 },
		{ "high-surrogate-twice.json", 3, 24 },
		{ "leading-point.json", 8, 74 },
		{ "leading-zero.json", 8, 74 },
		{ "lone-high-surrogate.json", 3, 24 },
		{ "lone-low-surrogate.json", 3, 24 },
		{ "minus-alone.json", 8, 75 },
		{ "minus-point.json", 8, 75 },
		{ "plus-sign.json", 8, 74 },
		{ "trailing-point.json", 8, 76 },
	};
	enum { N = sizeof(cases) / sizeof(cases[0]) };
	struct check_run *r = check_new();
	const struct check_finding *f;
	struct check_summary sum;
	char path[4096], err[512];
	size_t i, n;

	(void)state;
	for (i = 0; i < N; i++) {
		snprintf(path, sizeof(path), "%s/tests/data/strict/%s", src_dir(), cases[i].name);
		assert_int_equal(check_add_path(r, path, err, sizeof(err)), 0);
	}
	snprintf(path, sizeof(path), "%s/tests/data/strict/surrogate-pair.json", src_dir());
	assert_int_equal(check_add_path(r, path, err, sizeof(err)), 0);
	data_path(path, sizeof(path), "passing");
	assert_int_equal(check_add_path(r, path, err, sizeof(err)), 0);
	assert_int_equal(check_execute(r, &opt), 0);
	f = check_findings(r, &n);
	check_summary(r, &sum);
	assert_int_equal(sum.files, N + 1 + 4);
	if (n != N)
		print_findings(f, n);
	assert_int_equal(n, N);
	for (i = 0; i < N; i++) {
		assert_non_null(strstr(f[i].path, cases[i].name));
		assert_string_equal(f[i].rule->code, "CG002");
		assert_non_null(strstr(f[i].message, "invalid JSON: "));
		if (f[i].line != cases[i].line || f[i].col != cases[i].col)
			fail_msg("%s: at %d:%d, want %d:%d", cases[i].name, f[i].line, f[i].col,
				 cases[i].line, cases[i].col);
	}
	check_free(r);
}

static void test_missing_path_is_refused_with_its_reason(void **state)
{
	struct check_run *r = check_new();
	char err[512];

	(void)state;
	assert_int_equal(check_add_path(r, "/nonexistent/cry-guide", err, sizeof(err)), -1);
	assert_string_equal(err, "cannot open '/nonexistent/cry-guide': No such file or directory");
	check_free(r);
}

struct seen {
	char all[2048];
};

static void collect(void *ctx, const char *pointer, const char *text)
{
	struct seen *s = ctx;

	strncat(s->all, pointer, sizeof(s->all) - strlen(s->all) - 1);
	strncat(s->all, "=", sizeof(s->all) - strlen(s->all) - 1);
	strncat(s->all, text, sizeof(s->all) - strlen(s->all) - 1);
	strncat(s->all, ";", sizeof(s->all) - strlen(s->all) - 1);
}

static void test_each_string_gives_every_string_with_its_pointer(void **state)
{
	static const char json[] =
	    "{\"a\": \"x\", \"b/c~\": [1, \"y\", {\"d\": \"z\"}], \"e\": true}";
	struct seen s = { "" };

	(void)state;
	content_validate_each(CONTENT_SECTION, json, sizeof(json) - 1, NULL, collect, &s);
	assert_string_equal(s.all, "/a=x;/b~1c~0/1=y;/b~1c~0/2/d=z;");
	s.all[0] = '\0';
	content_validate_each(CONTENT_SECTION, "{\"a\": ", 6, NULL, collect, &s);
	assert_string_equal(s.all, "");
}

/* ---- the safety floor: one implementation for the loader and check ---- */

/* Write passing/FILE to DIR/FILE with the first FROM replaced by TO (when FROM is not NULL). */
static void copy_passing(const char *dir, const char *file, const char *from, const char *to)
{
	char src[4096], dst[4096], *buf = NULL, *at;
	size_t len;
	FILE *fp;

	data_path(src, sizeof(src), "passing/");
	strncat(src, file, sizeof(src) - strlen(src) - 1);
	snprintf(dst, sizeof(dst), "%s/%s", dir, file);
	assert_int_equal(content_read_file(src, &buf, &len, NULL), 0);
	fp = fopen(dst, "w");
	assert_non_null(fp);
	at = from ? strstr(buf, from) : NULL;
	if (from && !at)
		fail_msg("'%s' is not in %s", from, src);
	if (at) {
		fwrite(buf, 1, (size_t)(at - buf), fp);
		fputs(to, fp);
		fputs(at + strlen(from), fp);
	} else {
		fputs(buf, fp);
	}
	assert_int_equal(fclose(fp), 0);
	free(buf);
}

static void test_loader_refuses_what_check_reports_below_the_safety_floor(void **state)
{
	static const struct {
		const char *file, *from, *to, *code, *pointer;
	} cases[] = {
		{ "safety.json",
		  "If you are thinking about suicide or self-harm, or are in distress: "
		  "call or text 988 (Suicide & Crisis Lifeline, US, free, 24/7) or "
		  "chat at 988lifeline.org. If you are in immediate danger, call 911. "
		  "Outside the US, find a local line at findahelpline.com.",
		  "Take a deep breath.", "CG208", "/crisis_line" },
		{ "safety.json",
		  "If you are thinking about suicide or self-harm, or are in distress: call or text "
		  "988 (Suicide & Crisis Lifeline, US, free, 24/7) or chat at 988lifeline.org. If "
		  "you are in immediate danger, call 911. Outside the US, find a local line at "
		  "findahelpline.com.",
		  "\\u001b[8m", "CG201", "/crisis_line" },
		{ "safety.json", "call or text 988 (", "call or text 9\\u200b88 (", "CG208",
		  "/crisis_line" },
		{ "guide.json",
		  "cry-guide is for self-reflection and general education. It is not medical advice, "
		  "diagnosis or treatment, and it does not replace a qualified mental health "
		  "professional.",
		  "Enjoy.", "CG202", "/disclaimer" },
		{ "safety.json", "\"Call 911\"", "\"Call for help\"", "CG201", "/resources" },
	};
	static const struct check_options opt = { TODAY, NULL, 0, 0 };
	static const char *const files[] = { "guide.json", "safety.json",
					     "sections/01-why-we-cry.json",
					     "sections/02-when-to-seek-help.json" };
	size_t i, k, n;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char dir[] = "/tmp/cg-floor-XXXXXX", sub[64], err[512];
		const struct check_finding *f, *safety = NULL;
		struct content *c = NULL;
		struct content_error ce;
		struct check_run *r = check_new();

		assert_non_null(mkdtemp(dir));
		snprintf(sub, sizeof(sub), "%s/sections", dir);
		assert_int_equal(mkdir(sub, 0700), 0);
		for (k = 0; k < 4; k++) {
			bool edit = strcmp(files[k], cases[i].file) == 0;
			copy_passing(dir, files[k], edit ? cases[i].from : NULL,
				     edit ? cases[i].to : NULL);
		}
		/* check: one safety finding, of the case's rule */
		assert_int_equal(check_add_path(r, dir, err, sizeof(err)), 0);
		assert_int_equal(check_execute(r, &opt), 0);
		f = check_findings(r, &n);
		for (k = 0; k < n; k++) {
			if (strncmp(f[k].rule->code, "CG2", 3) != 0)
				continue;
			if (safety) {
				print_findings(f, n);
				fail_msg("case %zu: more than one safety finding", i);
			}
			safety = &f[k];
		}
		if (!safety || strcmp(safety->rule->code, cases[i].code) != 0) {
			print_findings(f, n);
			fail_msg("case %zu: want %s", i, cases[i].code);
		}
		assert_string_equal(safety->pointer, cases[i].pointer);
		/* the loader: refused, with the very same finding */
		assert_int_equal(content_load_dir(dir, &c, &ce), -1);
		assert_null(c);
		assert_string_equal(ce.code, safety->rule->code);
		assert_string_equal(ce.message, safety->message);
		assert_string_equal(ce.pointer, safety->pointer);
		assert_int_equal(ce.line, safety->line);
		assert_int_equal(ce.col, safety->col);
		assert_string_equal(ce.path, safety->path);
		/* and what crisis loads is refused alike */
		assert_int_equal(content_load_safety(dir, &c, &ce), -1);
		assert_string_equal(ce.code, safety->rule->code);
		check_free(r);
		for (k = 0; k < 4; k++) {
			char path[4096];
			snprintf(path, sizeof(path), "%s/%s", dir, files[k]);
			unlink(path);
		}
		rmdir(sub);
		assert_int_equal(rmdir(dir), 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_rule_is_found_by_its_code),
		cmocka_unit_test(test_passing_fixtures_have_no_findings),
		cmocka_unit_test(test_shipped_and_builtin_content_are_clean),
		cmocka_unit_test(test_each_failing_fixture_breaks_exactly_its_rule),
		cmocka_unit_test(test_file_over_one_mebibyte_is_cg003),
		cmocka_unit_test(test_safety_rules_cannot_be_ignored_but_others_can),
		cmocka_unit_test(test_output_order_does_not_depend_on_threads),
		cmocka_unit_test(test_sections_with_one_id_in_two_files_are_cg105),
		cmocka_unit_test(test_a_folder_larger_than_one_listing_chunk_stays_in_name_order),
		cmocka_unit_test(test_streamed_text_is_the_kept_findings_in_order),
		cmocka_unit_test(test_check_places_every_finding_of_a_file_with_thousands),
		cmocka_unit_test(test_check_places_every_missing_section_of_a_long_manifest),
		cmocka_unit_test(test_check_reports_what_cjson_and_the_rfc_disagree_on_and_goes_on),
		cmocka_unit_test(test_missing_path_is_refused_with_its_reason),
		cmocka_unit_test(test_each_string_gives_every_string_with_its_pointer),
		cmocka_unit_test(test_loader_refuses_what_check_reports_below_the_safety_floor),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
