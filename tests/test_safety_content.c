/* test_safety_content.c — the session's combined crisis matcher against the content's own examples. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "content.h"
#include "safety.h"
#include "session.h"

static void test_every_must_match_example_brings_up_the_resources(void **state)
{
	struct content *c = NULL;
	struct content_error err;
	struct matcher *m;
	size_t i, missed = 0;

	(void)state;
	assert_int_equal(content_load_builtin(&c, &err), 0);
	assert_true(c->n_must_match >= 20);
	m = session_matcher_new(c);
	assert_non_null(m);
	for (i = 0; i < c->n_must_match; i++) {
		if (!matcher_match(m, c->must_match[i])) {
			fprintf(stderr, "not matched: %s\n", c->must_match[i]);
			missed++;
		}
	}
	assert_int_equal(missed, 0);
	matcher_free(m);
	content_free(c);
}

static void test_no_must_not_match_example_brings_up_the_resources(void **state)
{
	struct content *c = NULL;
	struct content_error err;
	struct matcher *m;
	size_t i, wrong = 0;

	(void)state;
	assert_int_equal(content_load_builtin(&c, &err), 0);
	assert_true(c->n_must_not_match >= 10);
	m = session_matcher_new(c);
	assert_non_null(m);
	for (i = 0; i < c->n_must_not_match; i++) {
		if (matcher_match(m, c->must_not_match[i])) {
			fprintf(stderr, "matched a look-alike: %s\n", c->must_not_match[i]);
			wrong++;
		}
	}
	assert_int_equal(wrong, 0);
	matcher_free(m);
	content_free(c);
}

static void test_content_phrases_are_added_to_the_fallback_never_replace_it(void **state)
{
	static const char *const phrases[] = { "blue cardigan" };
	struct content c;
	struct matcher *m;
	size_t i;

	(void)state;
	memset(&c, 0, sizeof(c));
	c.phrases = phrases;
	c.n_phrases = 1;
	m = session_matcher_new(&c);
	assert_non_null(m);
	assert_true(matcher_match(m, "my Blue  Cardigan"));
	for (i = 0; safety_fallback_phrases[i]; i++)
		assert_true(matcher_match(m, safety_fallback_phrases[i]));
	assert_false(matcher_match(m, "this commute is killing me"));
	matcher_free(m);
}

static void test_no_content_uses_the_fallback_phrases(void **state)
{
	struct matcher *m = session_matcher_new(NULL);

	(void)state;
	assert_non_null(m);
	assert_true(matcher_match(m, "I don\xe2\x80\x99t want to be here anymore"));
	assert_false(matcher_match(m, "I killed it at the presentation"));
	matcher_free(m);
}

static void test_every_shipped_phrase_matches_itself(void **state)
{
	struct content *c = NULL;
	struct content_error err;
	struct matcher *m;
	size_t i;

	(void)state;
	assert_int_equal(content_load_builtin(&c, &err), 0);
	assert_true(c->n_phrases > 0);
	m = session_matcher_new(c);
	assert_non_null(m);
	for (i = 0; i < c->n_phrases; i++)
		assert_true(matcher_match(m, c->phrases[i]));
	matcher_free(m);
	content_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_must_match_example_brings_up_the_resources),
		cmocka_unit_test(test_no_must_not_match_example_brings_up_the_resources),
		cmocka_unit_test(test_content_phrases_are_added_to_the_fallback_never_replace_it),
		cmocka_unit_test(test_no_content_uses_the_fallback_phrases),
		cmocka_unit_test(test_every_shipped_phrase_matches_itself),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
