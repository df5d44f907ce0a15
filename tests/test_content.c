/* test_content.c — the content loader: shipped content, broken files, allocation failure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "content.h"
#include "matcher.h"
#include "slurp.h"

static const char *src_dir(void)
{
	const char *s = getenv("CRY_GUIDE_SRC");
	return s && *s ? s : ".";
}

static void test_builtin_content_loads_with_every_section_of_the_article(void **state)
{
	static const char *const ids[] = { "why-we-cry",         "emotional-tears",
					   "emotional-benefits", "physical-benefits",
					   "healthy-crying",     "support-and-acceptance",
					   "when-to-seek-help",  "finding-support" };
	struct content *c = NULL;
	struct content_error err;
	size_t i, kinds[3] = { 0, 0, 0 };
	const struct lexicon *lex;

	(void)state;
	assert_int_equal(content_load_builtin(&c, &err), 0);
	assert_non_null(c);
	assert_int_equal(c->n_sections, 8);
	for (i = 0; i < 8; i++) {
		const struct section *s = &c->sections[i];
		size_t j;
		assert_string_equal(s->id, ids[i]);
		assert_true(s->n_paragraphs >= 1);
		assert_true(s->n_prompts >= 3);
		for (j = 0; j < s->n_prompts; j++)
			kinds[s->prompts[j].kind]++;
	}
	assert_true(kinds[PROMPT_TEXT] > 0 && kinds[PROMPT_SCALE] > 0 && kinds[PROMPT_CHOICE] > 0);
	assert_non_null(strstr(c->crisis_line, "988"));
	assert_true(strlen(c->disclaimer) > 20);
	assert_string_equal(c->source.title, "Is Crying Good For You?");
	assert_int_equal(c->source.n_reviewers, 2);
	assert_true(c->n_resources >= 6);
	/* the built-in lexicon is the matcher's, made readable when first asked for */
	assert_int_equal(c->lexicon.n_terms + c->lexicon.n_rules + c->lexicon.n_weights, 0);
	lex = matcher_builtin_lexicon();
	assert_true(lex->n_phrases > 20 && lex->n_weights > 1000);
	assert_true(lex->n_terms > 200 && lex->n_rules > 20);
	assert_true(lex->n_shorthand > 10 && lex->n_modifiers > 5);
	assert_non_null(strstr(lex->weights[0], "bias "));
	assert_true(c->n_must_match > 0 && c->n_must_not_match > 0);
	content_free(c);
}

static void same_pairs(const struct lexicon_pair *a, size_t na, const struct lexicon_pair *b,
		       size_t nb)
{
	size_t i;

	assert_int_equal(na, nb);
	for (i = 0; i < na; i++) {
		assert_string_equal(a[i].key, b[i].key);
		assert_string_equal(a[i].value, b[i].value);
	}
}

static void same_strings(const char *const *a, size_t na, const char *const *b, size_t nb)
{
	size_t i;

	assert_int_equal(na, nb);
	for (i = 0; i < na; i++)
		assert_string_equal(a[i], b[i]);
	if (a && b)
		assert_null(b[nb]);
}

static void same_optional(const char *a, const char *b)
{
	if (a || b) {
		assert_non_null(a);
		assert_non_null(b);
		assert_string_equal(a, b);
	}
}

/* Two arrays of n entries that may be NULL, as may the arrays themselves. */
static void same_entries(const char *const *a, const char *const *b, size_t n)
{
	size_t i;

	assert_true((a == NULL) == (b == NULL));
	for (i = 0; a && i < n; i++)
		same_optional(a[i], b[i]);
}

/*
 * content/'s lexicon says what the built-in one says, so matcher_new()
 * leaves it out and the loader builds no matcher to know it reads; one
 * entry fewer, one weight more or one word changed, and it is content's own.
 */
static void same_lexicon_is_builtin(const struct lexicon *lex)
{
	static const char *const weight[] = { "word tears 0.5" };
	struct lexicon x = *lex;
	struct lexicon_pair *terms;

	assert_true(matcher_lexicon_is_builtin(lex));
	assert_true(matcher_lexicon_is_builtin(matcher_builtin_lexicon()));
	x.n_rules--;
	assert_false(matcher_lexicon_is_builtin(&x));
	x = *lex;
	x.weights = weight;
	x.n_weights = 1;
	assert_false(matcher_lexicon_is_builtin(&x));
	x = *lex;
	terms = malloc(x.n_terms * sizeof(*terms));
	assert_non_null(terms);
	memcpy(terms, x.terms, x.n_terms * sizeof(*terms));
	terms[x.n_terms - 1].value = "a word of content's own";
	x.terms = terms;
	assert_false(matcher_lexicon_is_builtin(&x));
	free(terms);
}

/* The built-in lexicon's weights are those `make train` wrote.  Read here,
 * not with content_read_file(), which refuses a file over a content file's
 * 1 MiB: the weights are no content file, and may grow past it. */
static void same_as_weights_file(const struct lexicon *bl)
{
	char path[4096], *text;
	cJSON *w;
	const cJSON *item;
	size_t i = 0;

	snprintf(path, sizeof(path), "%s/tools/crisis-weights.json", src_dir());
	text = slurp(path);
	assert_non_null(text);
	assert_true(text[0] != '\0'); /* the file is not empty */
	w = cJSON_Parse(text);
	free(text);
	assert_true(cJSON_IsArray(w));
	assert_int_equal((size_t)cJSON_GetArraySize(w), bl->n_weights);
	assert_true(bl->n_weights > 1000);
	cJSON_ArrayForEach(item, w)
	{
		assert_true(cJSON_IsString(item));
		assert_string_equal(item->valuestring, bl->weights[i]);
		i++;
	}
	assert_null(bl->weights[i]);
	cJSON_Delete(w);
}

/* The build turns content/ into static data; it must be what the loader reads. */
static void test_builtin_copy_is_exactly_what_the_loader_reads_from_the_folder(void **state)
{
	struct content *a = NULL, *b = NULL;
	const struct lexicon *bl;
	struct content_error err;
	char dir[4096];
	size_t i, k;

	(void)state;
	snprintf(dir, sizeof(dir), "%s/content", src_dir());
	assert_int_equal(content_load_dir(dir, &a, &err), 0);
	assert_int_equal(content_load_builtin(&b, &err), 0);
	assert_string_equal(b->origin, "built-in");
	assert_int_equal(a->schema_version, b->schema_version);
	assert_string_equal(a->title, b->title);
	assert_string_equal(a->language, b->language);
	assert_string_equal(a->content_version, b->content_version);
	assert_string_equal(a->source.title, b->source.title);
	assert_string_equal(a->source.publisher, b->source.publisher);
	same_optional(a->source.author, b->source.author);
	assert_string_equal(b->source.author, "BetterHelp Editorial Team");
	assert_string_equal(b->source.publisher, "BetterHelp");
	assert_string_equal(a->source.date, b->source.date);
	same_optional(a->source.note, b->source.note);
	same_strings(a->source.reviewers, a->source.n_reviewers, b->source.reviewers,
		     b->source.n_reviewers);
	same_optional(a->intro, b->intro);
	assert_string_equal(a->disclaimer, b->disclaimer);
	same_optional(a->closing, b->closing);
	assert_string_equal(a->check_in.text, b->check_in.text);
	assert_int_equal(a->check_in.min, b->check_in.min);
	assert_int_equal(a->check_out.max, b->check_out.max);
	assert_string_equal(a->crisis_line, b->crisis_line);
	/* the lexicon is packed apart from the model (lexicon.h) and made
	 * readable when first asked for: every string in its place */
	bl = matcher_builtin_lexicon();
	same_strings(a->lexicon.phrases, a->lexicon.n_phrases, bl->phrases, bl->n_phrases);
	same_strings(a->lexicon.rules, a->lexicon.n_rules, bl->rules, bl->n_rules);
	same_strings(a->lexicon.modifiers, a->lexicon.n_modifiers, bl->modifiers, bl->n_modifiers);
	/* the weights are no content: the folder holds none (a content file
	 * may hold 1 MiB, and they need more), and the built-in ones are
	 * tools/crisis-weights.json's, every one in its place */
	assert_int_equal(a->lexicon.n_weights, 0);
	same_as_weights_file(bl);
	same_pairs(a->lexicon.shorthand, a->lexicon.n_shorthand, bl->shorthand, bl->n_shorthand);
	same_pairs(a->lexicon.terms, a->lexicon.n_terms, bl->terms, bl->n_terms);
	same_lexicon_is_builtin(&a->lexicon);
	same_strings(a->must_match_medium, a->n_must_match_medium, b->must_match_medium,
		     b->n_must_match_medium);
	same_strings(a->must_match, a->n_must_match, b->must_match, b->n_must_match);
	same_strings(a->must_not_match, a->n_must_not_match, b->must_not_match,
		     b->n_must_not_match);
	assert_int_equal(a->n_resources, b->n_resources);
	for (i = 0; i < a->n_resources; i++) {
		const struct resource *x = &a->resources[i], *y = &b->resources[i];
		assert_string_equal(x->id, y->id);
		assert_string_equal(x->name, y->name);
		same_optional(x->region, y->region);
		same_strings(x->contact, x->n_contact, y->contact, y->n_contact);
		same_strings(x->details, x->n_details, y->details, y->n_details);
		assert_string_equal(x->verified_on, y->verified_on);
		assert_string_equal(x->source, y->source);
	}
	assert_int_equal(a->n_sections, b->n_sections);
	for (i = 0; i < a->n_sections; i++) {
		const struct section *x = &a->sections[i], *y = &b->sections[i];
		assert_string_equal(x->id, y->id);
		assert_string_equal(x->title, y->title);
		assert_string_equal(x->summary, y->summary);
		same_strings(x->paragraphs, x->n_paragraphs, y->paragraphs, y->n_paragraphs);
		same_strings(x->key_points, x->n_key_points, y->key_points, y->n_key_points);
		assert_string_equal(strrchr(x->path, '/'), strrchr(y->path, '/'));
		assert_int_equal(strncmp(y->path, "<built-in>/sections/", 20), 0);
		assert_int_equal(x->n_prompts, y->n_prompts);
		for (k = 0; k < x->n_prompts; k++) {
			const struct prompt *p = &x->prompts[k], *q = &y->prompts[k];
			assert_string_equal(p->id, q->id);
			assert_int_equal(p->kind, q->kind);
			assert_string_equal(p->text, q->text);
			assert_int_equal(p->min, q->min);
			assert_int_equal(p->max, q->max);
			same_optional(p->min_label, q->min_label);
			same_optional(p->max_label, q->max_label);
			same_strings(p->options, p->n_options, q->options, q->n_options);
			same_entries(p->replies, q->replies, p->n_options);
			same_entries(p->asks, q->asks, p->n_options);
			assert_int_equal(p->multiple, q->multiple);
		}
	}
	assert_non_null(strstr(a->sections[0].path, "sections/01-why-we-cry.json"));
	content_free(a);
	content_free(b); /* does nothing to the static copy */
	content_free(b);
}

static void test_sections_resolve_by_id_prefix_and_number(void **state)
{
	struct content *c = NULL;
	struct content_error err;
	bool amb;
	const char *sugg[3];

	(void)state;
	assert_int_equal(content_load_builtin(&c, &err), 0);
	assert_string_equal(content_find_section(c, "why-we-cry", &amb)->id, "why-we-cry");
	assert_string_equal(content_find_section(c, "why", &amb)->id, "why-we-cry");
	assert_string_equal(content_find_section(c, "2", &amb)->id, "emotional-tears");
	assert_null(content_find_section(c, "0", &amb));
	assert_null(content_find_section(c, "9", &amb));
	assert_null(content_find_section(c, "-1", &amb));
	assert_null(content_find_section(c, "emotional", &amb));
	assert_true(amb);
	assert_null(content_find_section(c, "nope", &amb));
	assert_false(amb);
	assert_null(content_find_section(c, "", &amb));
	assert_int_equal(content_suggest(c, "emotional", sugg, 3), 3);
	assert_string_equal(sugg[0], "emotional-tears");
	assert_string_equal(sugg[1], "emotional-benefits");
	assert_int_equal(content_suggest(c, "why-we-cri", sugg, 1), 1);
	assert_string_equal(sugg[0], "why-we-cry");
	/* a word inside an id counts before edit distance */
	assert_int_equal(content_suggest(c, "seek", sugg, 1), 1);
	assert_string_equal(sugg[0], "when-to-seek-help");
	assert_int_equal(content_suggest(c, "benefit", sugg, 2), 2);
	assert_string_equal(sugg[0], "emotional-benefits");
	assert_string_equal(sugg[1], "physical-benefits");
	assert_int_equal(content_suggest(c, "suport", sugg, 1), 1);
	assert_string_equal(sugg[0], "support-and-acceptance");
	assert_int_equal(content_suggest(c, "", sugg, 0), 0);
	content_free(c);
}

/* ---- broken files: each fails with its code, position and pointer ---- */

struct seen {
	int n;
	char code[8];
	char pointer[128];
	char message[256];
	int line, col;
};

static void first_issue(void *ctx, const struct content_issue *issue)
{
	struct seen *s = ctx;

	if (s->n++ == 0) {
		snprintf(s->code, sizeof(s->code), "%s", issue->code);
		snprintf(s->pointer, sizeof(s->pointer), "%s", issue->pointer);
		snprintf(s->message, sizeof(s->message), "%s", issue->message);
		s->line = issue->line;
		s->col = issue->col;
	}
}

/* The first issue of tests/data/DIR/NAME, validated as a section. */
static void expect_fixture_in(const char *dir, const char *name, const char *code, int line,
			      int col, const char *pointer, const char *in_message)
{
	char path[4096], *buf = NULL;
	size_t len = 0;
	struct seen s;

	memset(&s, 0, sizeof(s));
	snprintf(path, sizeof(path), "%s/tests/data/%s/%s", src_dir(), dir, name);
	assert_int_equal(content_read_file(path, &buf, &len, NULL), 0);
	assert_true(content_validate(CONTENT_SECTION, buf, len, first_issue, &s) > 0);
	free(buf);
	if (strcmp(s.code, code) != 0 || s.line != line || s.col != col ||
	    strcmp(s.pointer, pointer) != 0 || !strstr(s.message, in_message)) {
		print_error("%s: got %s %d:%d %s '%s', want %s %d:%d %s '%s'\n", name, s.code,
			    s.line, s.col, s.pointer, s.message, code, line, col, pointer,
			    in_message);
		fail();
	}
}

static void expect_fixture(const char *name, const char *code, int line, int col,
			   const char *pointer, const char *in_message)
{
	expect_fixture_in("loader", name, code, line, col, pointer, in_message);
}

static void test_broken_fixtures_report_code_line_column_and_pointer(void **state)
{
	(void)state;
	expect_fixture("truncated.json", "CG002", 6, 1, "", "unexpected end of file");
	expect_fixture("wrong-type.json", "CG102", 3, 12, "/title",
		       "must be a string, not a number");
	expect_fixture("missing-summary.json", "CG101", 1, 1, "",
		       "missing required field 'summary'");
	expect_fixture("duplicate-prompt-id.json", "CG105", 9, 12, "/prompts/1/id", "used twice");
	expect_fixture("not-utf8.json", "CG005", 3, 16, "", "not valid UTF-8");
	expect_fixture("duplicate-key.json", "CG007", 4, 3, "/title", "duplicate key 'title'");
	expect_fixture("scale-min-above-max.json", "CG107", 8, 65, "/prompts/0/max",
		       "greater than min");
	expect_fixture("empty-prompt-text.json", "CG104", 8, 41, "/prompts/0/text",
		       "text is empty");
	expect_fixture("binary.json", "CG005", 1, 8, "", "binary");
	expect_fixture("empty.json", "CG004", 1, 1, "", "empty");
}

/* A choice option may be a string or {"text", "reply", "ask"}: each malformed
 * option is refused with its code, place and pointer. */
static void test_malformed_choice_options_report_code_line_column_and_pointer(void **state)
{
	(void)state;
	expect_fixture("option-not-text.json", "CG102", 10, 7, "/prompts/0/options/1",
		       "an option must be a string or an object with 'text', not a number");
	expect_fixture("option-without-text.json", "CG101", 10, 7, "/prompts/0/options/1",
		       "missing required field 'text'");
	expect_fixture("option-empty-reply.json", "CG104", 10, 32, "/prompts/0/options/1/reply",
		       "reply is empty");
	expect_fixture("option-ask-not-string.json", "CG102", 10, 30, "/prompts/0/options/1/ask",
		       "'ask' must be a string, not an array");
}

/* An unknown member of an option object is a warning (a typo is likely), not a refusal. */
static void test_unknown_member_of_an_option_is_a_warning(void **state)
{
	char path[4096], *buf = NULL;
	size_t len = 0;
	struct seen s;

	(void)state;
	memset(&s, 0, sizeof(s));
	snprintf(path, sizeof(path), "%s/tests/data/loader/option-unknown-field.json", src_dir());
	assert_int_equal(content_read_file(path, &buf, &len, NULL), 0);
	assert_int_equal(content_validate(CONTENT_SECTION, buf, len, first_issue, &s), 0);
	free(buf);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.code, "CG108");
	assert_string_equal(s.pointer, "/prompts/0/options/1/replies");
	assert_int_equal(s.line, 10);
	assert_int_equal(s.col, 34);
}

struct codes {
	char all[1024];
};

static void collect_code(void *ctx, const struct content_issue *issue)
{
	struct codes *c = ctx;
	char one[128];

	if (strcmp(issue->code, "CG105") != 0)
		return;
	snprintf(one, sizeof(one), "%s@%d:%d;", issue->pointer, issue->line, issue->col);
	strncat(c->all, one, sizeof(c->all) - strlen(c->all) - 1);
}

/* Every prompt or resource whose id repeats an earlier one's is CG105, at its own id. */
static void test_repeated_prompt_and_resource_ids_are_each_cg105(void **state)
{
	static const char section[] =
	    "{\"id\": \"s\", \"title\": \"T\", \"summary\": \"S\", \"paragraphs\": [\"P\"],\n"
	    " \"key_points\": [], \"prompts\": [\n"
	    "  {\"id\": \"a\", \"kind\": \"text\", \"text\": \"Q\"},\n"
	    "  {\"id\": \"b\", \"kind\": \"text\", \"text\": \"Q\"},\n"
	    "  {\"id\": \"a\", \"kind\": \"text\", \"text\": \"Q\"},\n"
	    "  {\"id\": 7, \"kind\": \"text\", \"text\": \"Q\"},\n"
	    "  {\"id\": \"b\", \"kind\": \"text\", \"text\": \"Q\"},\n"
	    "  {\"id\": \"a\", \"kind\": \"text\", \"text\": \"Q\"}]}";
	static const char safety[] = "{\"resources\": [\n"
				     "  {\"id\": \"x\"},\n"
				     "  {\"id\": \"y\"},\n"
				     "  \"not an object\",\n"
				     "  {\"id\": \"x\"}]}";
	struct codes c = { "" };

	(void)state;
	content_validate(CONTENT_SECTION, section, sizeof(section) - 1, collect_code, &c);
	assert_string_equal(c.all, "/prompts/2/id@5:10;/prompts/4/id@7:10;/prompts/5/id@8:10;");
	c.all[0] = '\0';
	content_validate(CONTENT_SAFETY, safety, sizeof(safety) - 1, collect_code, &c);
	assert_string_equal(c.all, "/resources/3/id@5:10;");
}

/*
 * Where cJSON and RFC 8259 disagree, the file is invalid JSON (CG002) at
 * the place and for the reason: half a surrogate pair (which cJSON refuses
 * without saying why: it was reported as "out of memory") and numbers
 * cJSON reads but the RFC does not allow (which loaded).
 */
static void test_half_a_surrogate_pair_and_non_json_numbers_are_invalid_json(void **state)
{
	static const struct {
		const char *name;
		int line, col;
		const char *why;
	} cases[] = {
		{ "lone-high-surrogate.json", 3, 24, "lone surrogate" },
		{ "lone-low-surrogate.json", 3, 24, "lone surrogate" },
		{ "high-surrogate-then-not-low.json", 3, 24, "lone surrogate" },
		{ "high-surrogate-twice.json", 3, 24, "lone surrogate" },
		{ "leading-zero.json", 8, 74, "leading zeros" },
		{ "trailing-point.json", 8, 76, "expected digits after the decimal point" },
		{ "minus-alone.json", 8, 75, "expected a digit after '-'" },
		{ "minus-point.json", 8, 75, "expected a digit after '-'" },
		{ "leading-point.json", 8, 74, "expected a value" },
		{ "plus-sign.json", 8, 74, "expected a value" },
		{ "bare-exponent.json", 8, 76, "expected digits in the exponent" },
	};
	char path[4096], *buf = NULL;
	size_t i, len = 0;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		expect_fixture_in("strict", cases[i].name, "CG002", cases[i].line, cases[i].col, "",
				  cases[i].why);
	/* a whole pair is fine */
	snprintf(path, sizeof(path), "%s/tests/data/strict/surrogate-pair.json", src_dir());
	assert_int_equal(content_read_file(path, &buf, &len, NULL), 0);
	assert_int_equal(content_validate(CONTENT_SECTION, buf, len, NULL, NULL), 0);
	free(buf);
}

/* A byte that is not UTF-8 is CG005, even after a syntax error: a binary file is not "invalid JSON". */
static void test_bytes_that_are_not_utf8_come_before_syntax_errors(void **state)
{
	static const char bad[] = "{\"min\": 01,\n \"title\": \"\xFF\"}";
	struct seen s;

	(void)state;
	memset(&s, 0, sizeof(s));
	assert_true(content_validate(CONTENT_SECTION, bad, sizeof(bad) - 1, first_issue, &s) > 0);
	assert_string_equal(s.code, "CG005");
	assert_int_equal(s.line, 2);
	assert_int_equal(s.col, 12);
}

static void test_deep_nesting_is_refused_before_parsing(void **state)
{
	size_t n = 100000, i;
	char *buf = malloc(2 * n + 1);
	struct seen s;

	(void)state;
	memset(&s, 0, sizeof(s));
	for (i = 0; i < n; i++) {
		buf[i] = '[';
		buf[n + i] = ']';
	}
	buf[2 * n] = '\0';
	assert_true(content_validate(CONTENT_SECTION, buf, 2 * n, first_issue, &s) > 0);
	assert_string_equal(s.code, "CG006");
	free(buf);
}

/* Every .json file under dir (recursively) through content_tree_matches_cjson(); how many matched. */
static size_t trees_match_under(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		char path[4096], *buf = NULL;
		size_t len = 0, k = strlen(e->d_name);
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (stat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			n += trees_match_under(path);
			continue;
		}
		if (k < 5 || strcmp(e->d_name + k - 5, ".json") != 0 ||
		    content_read_file(path, &buf, &len, NULL) != 0)
			continue;
		/* -1: a fixture that is not JSON on purpose */
		if (content_tree_matches_cjson(buf, len) == 0)
			fail_msg("the one-pass tree differs from cJSON's for %s", path);
		n++;
		free(buf);
	}
	closedir(d);
	return n;
}

/*
 * check builds its tree in the strict check's one pass instead of parsing
 * a second time with cJSON; the loader still uses cJSON.  The two must be
 * node for node the same, or check and the reader would disagree.
 */
static void test_one_pass_tree_is_what_cjson_reads(void **state)
{
	static const char *const texts[] = {
		"{}",
		"[]",
		"\"top\"",
		"42",
		"true",
		"null",
		"\xEF\xBB\xBF{\"bom\": 1}",
		"{\"a\": [1, -0, 0.5, 1e999, -1e999, 2147483647, 2147483648, -2147483649, 1E+2, "
		"123.456e-7, -12.5e3, 7], \"b\": {\"c\": [[], {}, [null, false, true]]}}",
		"{\"esc\": \"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9 \\u20AC \\ud83d\\ude00\", "
		"\"k\\u00e9y\": \"v\", \"nul\\u0000key\": \"a\\u0000b\", \"\": \"\"}",
		"{\"dup\": 1, \"dup\": 2, \"x\": {\"dup\": [3]}}",
		"{\"n\": 123456789012345678901234567890123456789012345678901234567890123}",
		/* longer than the 63 bytes older cJSON read of a number */
		"{\"n\": [1234567890123456789012345678901234567890123456789012345678901234, "
		"-0.000000000000000000000000000000000000000000000000000000000000000000001]}",
	};
	char path[4096];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (content_tree_matches_cjson(texts[i], strlen(texts[i])) != 1)
			fail_msg("the one-pass tree differs from cJSON's for %s", texts[i]);
	assert_int_equal(content_tree_matches_cjson("{\"a\": 01}", 9), -1);
	snprintf(path, sizeof(path), "%s/content", src_dir());
	assert_true(trees_match_under(path) >= 3);
	snprintf(path, sizeof(path), "%s/tests/data", src_dir());
	assert_true(trees_match_under(path) >= 40);
}

static void test_files_over_one_mebibyte_are_refused(void **state)
{
	char path[] = "/tmp/cry-guide-big-XXXXXX";
	int fd = mkstemp(path);
	char *buf = NULL, block[4096];
	size_t len, i;

	(void)state;
	assert_true(fd >= 0);
	memset(block, ' ', sizeof(block));
	for (i = 0; i < 257; i++)
		assert_int_equal(write(fd, block, sizeof(block)), (ssize_t)sizeof(block));
	close(fd);
	errno = 0;
	assert_int_equal(content_read_file(path, &buf, &len, NULL), -1);
	assert_int_equal(errno, EFBIG);
	unlink(path);
	errno = 0;
	assert_int_equal(content_read_file("/tmp", &buf, &len, NULL), -1);
	assert_int_equal(errno, EISDIR);
}

static void test_only_regular_files_are_read_and_none_is_waited_on(void **state)
{
	char dir[] = "/tmp/cry-guide-fifo-XXXXXX", path[4096];
	const char *why = "unset";
	char *buf = NULL;
	size_t len;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/safety.json", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	alarm(20); /* a read that waits for a writer ends the test here, failed */
	assert_int_equal(content_read_file(path, &buf, &len, &why), -1);
	alarm(0);
	assert_int_equal(errno, EINVAL);
	assert_string_equal(why, "a FIFO, not a regular file");
	assert_null(buf);
	unlink(path);
	rmdir(dir);
	assert_int_equal(content_read_file("/dev/null", &buf, &len, &why), -1);
	assert_string_equal(why, "a character device, not a regular file");
	assert_int_equal(content_read_file("/dev/zero", &buf, &len, &why), -1);
	assert_string_equal(why, "a character device, not a regular file");
	/* a regular file, and reasons that errno gives, leave why NULL */
	snprintf(path, sizeof(path), "%s/content/guide.json", src_dir());
	assert_int_equal(content_read_file(path, &buf, &len, &why), 0);
	assert_null(why);
	assert_true(len > 0 && buf[len] == '\0');
	free(buf);
	assert_int_equal(content_read_file("/nonexistent/x.json", &buf, &len, &why), -1);
	assert_int_equal(errno, ENOENT);
	assert_null(why);
}

/* ---- whole folders ---- */

static void copy_file(const char *from, const char *to, size_t truncate_to)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	assert_int_equal(content_read_file(from, &buf, &len, NULL), 0);
	if (truncate_to && truncate_to < len)
		len = truncate_to;
	f = fopen(to, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(buf, 1, len, f), len);
	fclose(f);
	free(buf);
}

/* A copy of the shipped content in a temporary folder; guide.json cut at cut bytes. */
static void make_copy(char *dir, size_t cut)
{
	char from[4096], to[4096];
	struct content *c = NULL;
	struct content_error err;
	size_t i;

	strcpy(dir, "/tmp/cry-guide-content-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(to, sizeof(to), "%s/sections", dir);
	assert_int_equal(mkdir(to, 0700), 0);
	snprintf(from, sizeof(from), "%s/content/guide.json", src_dir());
	snprintf(to, sizeof(to), "%s/guide.json", dir);
	copy_file(from, to, cut);
	snprintf(from, sizeof(from), "%s/content/safety.json", src_dir());
	snprintf(to, sizeof(to), "%s/safety.json", dir);
	copy_file(from, to, 0);
	assert_int_equal(content_load_builtin(&c, &err), 0);
	for (i = 0; i < c->n_sections; i++) {
		const char *base = strrchr(c->sections[i].path, '/') + 1;
		snprintf(from, sizeof(from), "%s/content/sections/%s", src_dir(), base);
		snprintf(to, sizeof(to), "%s/sections/%s", dir, base);
		copy_file(from, to, 0);
	}
	content_free(c);
}

static void remove_copy(const char *dir)
{
	char cmd[4200];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static void test_truncated_guide_names_file_line_and_column(void **state)
{
	char dir[64], msg[1024], want[256];
	struct content *c = NULL;
	struct content_error err;

	(void)state;
	make_copy(dir, 100);
	assert_int_equal(content_load_dir(dir, &c, &err), -1);
	assert_null(c);
	content_error_format(&err, msg, sizeof(msg));
	snprintf(want, sizeof(want), "%s/guide.json:", dir);
	assert_true(strncmp(msg, want, strlen(want)) == 0);
	assert_string_equal(err.code, "CG002");
	assert_true(err.line > 1 && err.col >= 1);
	assert_non_null(strstr(msg, "invalid JSON"));
	remove_copy(dir);
}

/* Options given as objects load with their replies and follow-up questions. */
static void test_choice_options_load_with_their_replies_and_follow_up_questions(void **state)
{
	char dir[64], path[256], from[4096];
	struct content *c = NULL;
	struct content_error err;
	const struct prompt *p;
	bool amb;

	(void)state;
	assert_int_equal(content_load_builtin(&c, &err), 0);
	/* the shipped content uses both shapes: 07's signs carry replies */
	p = &content_find_section(c, "when-to-seek-help", &amb)->prompts[0];
	assert_non_null(p->replies);
	assert_non_null(p->replies[0]);
	assert_non_null(strstr(p->replies[0], "988"));
	content_free(c);

	/* a copy of the content whose first section is the fixture */
	make_copy(dir, 0);
	snprintf(from, sizeof(from), "%s/tests/data/loader/option-objects.json", src_dir());
	snprintf(path, sizeof(path), "%s/sections/01-why-we-cry.json", dir);
	copy_file(from, path, 0);
	assert_int_equal(content_load_dir(dir, &c, &err), 0);
	p = &c->sections[0].prompts[0];
	assert_int_equal(p->n_options, 3);
	assert_string_equal(p->options[0], "One");
	assert_string_equal(p->options[1], "Two");
	assert_string_equal(p->options[2], "Three");
	assert_null(p->options[3]);
	assert_non_null(p->replies);
	assert_null(p->replies[0]);
	assert_string_equal(p->replies[1], "A reply.");
	assert_null(p->replies[2]);
	assert_non_null(p->asks);
	assert_null(p->asks[0]);
	assert_string_equal(p->asks[1], "What is it?");
	assert_string_equal(p->asks[2], "Which one?");
	/* a prompt whose options are all strings has neither array */
	assert_int_equal(c->sections[0].prompts[1].n_options, 2);
	assert_null(c->sections[0].prompts[1].replies);
	assert_null(c->sections[0].prompts[1].asks);
	content_free(c);
	remove_copy(dir);
}

static void test_missing_section_file_is_named(void **state)
{
	char dir[64], path[256], msg[1024];
	struct content *c = NULL;
	struct content_error err;

	(void)state;
	make_copy(dir, 0);
	snprintf(path, sizeof(path), "%s/sections/03-emotional-benefits.json", dir);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(content_load_dir(dir, &c, &err), -1);
	content_error_format(&err, msg, sizeof(msg));
	assert_non_null(strstr(msg, "03-emotional-benefits.json"));
	assert_non_null(strstr(msg, "No such file or directory"));
	remove_copy(dir);
}

/* Loading dir is refused for a repeated key (CG007) in file at line:col, with `more` errors after it. */
static void load_refuses_with(const char *dir, const char *file, int line, int col, size_t more,
			      const char *what)
{
	struct content *c = NULL;
	struct content_error err;
	char msg[1024], want[1024];

	assert_int_equal(content_load_dir(dir, &c, &err), -1);
	assert_null(c);
	assert_string_equal(err.code, "CG007");
	assert_int_equal(err.line, line);
	assert_int_equal(err.col, col);
	assert_int_equal(err.more, more);
	content_error_format(&err, msg, sizeof(msg));
	snprintf(want, sizeof(want), "%s:%d:%d: %s", file, line, col, what);
	assert_string_equal(msg, want);
}

/*
 * The loader names the first error that makes it refuse a file and counts
 * the others (a warning, like the unknown field, is not one of them).
 */
static void test_load_error_counts_the_further_errors_of_the_file(void **state)
{
	char dir[64], from[4096], to[256], msg[1024];
	struct content *c = NULL;
	struct content_error err;

	(void)state;
	make_copy(dir, 0);
	snprintf(from, sizeof(from), "%s/tests/data/loader/four-errors.json", src_dir());
	snprintf(to, sizeof(to), "%s/sections/01-why-we-cry.json", dir);
	copy_file(from, to, 0);
	load_refuses_with(dir, to, 4, 3, 3,
			  "duplicate key 'title' (only one of them would be read) (/title) ... and 3 more errors");

	/* one error: no count */
	snprintf(from, sizeof(from), "%s/tests/data/loader/wrong-type.json", src_dir());
	copy_file(from, to, 0);
	assert_int_equal(content_load_dir(dir, &c, &err), -1);
	assert_int_equal(err.more, 0);
	content_error_format(&err, msg, sizeof(msg));
	assert_null(strstr(msg, "more error"));
	remove_copy(dir);
}

/*
 * A key repeated many times: the loader names the first repeat at its place
 * and counts the others, which it gives no place (jsonpos_duplicates()'s
 * `place`).
 */
static void test_load_names_the_first_of_many_repeated_keys(void **state)
{
	char dir[64], to[256];
	FILE *f;
	int i;

	(void)state;
	make_copy(dir, 0);
	snprintf(to, sizeof(to), "%s/sections/01-why-we-cry.json", dir);
	f = fopen(to, "w");
	assert_non_null(f);
	fputs("{\"id\": \"why-we-cry\", \"title\": \"Why we cry\", \"summary\": \"Tears.\",\n"
	      " \"paragraphs\": [\"Tears.\"], \"key_points\": [\"Tears.\"],\n"
	      " \"prompts\": [{\"id\": \"p\", \"kind\": \"text\", \"text\": \"Why?\"}]",
	      f);
	for (i = 0; i < 500; i++)
		fputs(",\n \"k\": 1", f);
	fputs("}\n", f);
	fclose(f);
	load_refuses_with(dir, to, 5, 2, 498,
			  "duplicate key 'k' (only one of them would be read) (/k) ... and 498 more errors");
	remove_copy(dir);
}

/* Loading stops at half a surrogate pair with its place, never "out of memory". */
static void test_load_names_the_place_of_half_a_surrogate_pair(void **state)
{
	char dir[64], from[4096], to[256], msg[1024];
	struct content *c = NULL;
	struct content_error err;

	(void)state;
	make_copy(dir, 0);
	snprintf(from, sizeof(from), "%s/tests/data/strict/lone-high-surrogate.json", src_dir());
	snprintf(to, sizeof(to), "%s/sections/01-why-we-cry.json", dir);
	copy_file(from, to, 0);
	assert_int_equal(content_load_dir(dir, &c, &err), -1);
	assert_string_equal(err.code, "CG002");
	assert_string_equal(err.path, to);
	assert_int_equal(err.line, 3);
	assert_int_equal(err.col, 24);
	content_error_format(&err, msg, sizeof(msg));
	assert_non_null(strstr(msg, "invalid JSON: a lone surrogate"));
	assert_null(strstr(msg, "out of memory"));
	remove_copy(dir);
}

static void test_missing_folder_fails_cleanly(void **state)
{
	struct content *c = NULL;
	struct content_error err;
	char msg[1024];

	(void)state;
	assert_int_equal(content_load_dir("/nonexistent", &c, &err), -1);
	content_error_format(&err, msg, sizeof(msg));
	assert_string_equal(msg, "/nonexistent/guide.json: cannot open: No such file or directory");
}

/* ---- allocation failure through cJSON's hooks ---- */

static long alloc_budget = -1;

static void *failing_malloc(size_t n)
{
	if (alloc_budget == 0)
		return NULL;
	if (alloc_budget > 0)
		alloc_budget--;
	return malloc(n);
}

static void test_allocation_failure_is_reported_without_leaks(void **state)
{
	cJSON_Hooks hooks = { failing_malloc, free };
	struct content *c = NULL;
	struct content_error err;
	char dir[4096];
	long budget;
	int failures = 0;

	(void)state;
	snprintf(dir, sizeof(dir), "%s/content", src_dir());
	cJSON_InitHooks(&hooks);
	/* fail the 1st, 2nd, ... allocation until loading gets through */
	for (budget = 0; budget < 100000; budget += budget < 200 ? 1 : 97) {
		alloc_budget = budget;
		if (content_load_dir(dir, &c, &err) == 0)
			break;
		assert_null(c);
		assert_string_equal(err.message, "out of memory");
		failures++;
	}
	alloc_budget = -1;
	cJSON_InitHooks(NULL);
	assert_non_null(c);
	assert_true(failures > 10);
	content_free(c);
	content_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_content_loads_with_every_section_of_the_article),
		cmocka_unit_test(
		    test_builtin_copy_is_exactly_what_the_loader_reads_from_the_folder),
		cmocka_unit_test(test_sections_resolve_by_id_prefix_and_number),
		cmocka_unit_test(test_broken_fixtures_report_code_line_column_and_pointer),
		cmocka_unit_test(test_malformed_choice_options_report_code_line_column_and_pointer),
		cmocka_unit_test(test_unknown_member_of_an_option_is_a_warning),
		cmocka_unit_test(
		    test_choice_options_load_with_their_replies_and_follow_up_questions),
		cmocka_unit_test(test_repeated_prompt_and_resource_ids_are_each_cg105),
		cmocka_unit_test(test_half_a_surrogate_pair_and_non_json_numbers_are_invalid_json),
		cmocka_unit_test(test_bytes_that_are_not_utf8_come_before_syntax_errors),
		cmocka_unit_test(test_deep_nesting_is_refused_before_parsing),
		cmocka_unit_test(test_one_pass_tree_is_what_cjson_reads),
		cmocka_unit_test(test_files_over_one_mebibyte_are_refused),
		cmocka_unit_test(test_only_regular_files_are_read_and_none_is_waited_on),
		cmocka_unit_test(test_truncated_guide_names_file_line_and_column),
		cmocka_unit_test(test_missing_section_file_is_named),
		cmocka_unit_test(test_load_error_counts_the_further_errors_of_the_file),
		cmocka_unit_test(test_load_names_the_first_of_many_repeated_keys),
		cmocka_unit_test(test_load_names_the_place_of_half_a_surrogate_pair),
		cmocka_unit_test(test_missing_folder_fails_cleanly),
		cmocka_unit_test(test_allocation_failure_is_reported_without_leaks),
	};

	return cmocka_run_group_tests_name("content", tests, NULL, NULL);
}
