/* test_safety_content.c — the session's crisis matcher: the content's lexicon and examples on top of the built-in floor. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "content.h"
#include "matcher.h"
#include "session.h"

static size_t wrong_tiers(const struct matcher *m, const char *const *texts, size_t n,
			  enum crisis_tier want)
{
	size_t i, wrong = 0;

	for (i = 0; i < n; i++) {
		enum crisis_tier got = matcher_tier(m, texts[i], NULL);
		if (got != want) {
			fprintf(stderr, "'%s' reads %s, not %s\n", texts[i], crisis_tier_name(got),
				crisis_tier_name(want));
			wrong++;
		}
	}
	return wrong;
}

/* Every shipped example reads at its tier through the walk's own matcher (check enforces it too). */
static void test_every_shipped_example_reads_at_its_tier(void **state)
{
	struct content *c = NULL;
	struct content_error err;
	struct matcher *m;

	(void)state;
	assert_int_equal(content_load_builtin(&c, &err), 0);
	assert_true(c->n_must_match >= 40 && c->n_must_match_medium >= 8 &&
		    c->n_must_not_match >= 40);
	m = session_matcher_new(c);
	assert_non_null(m);
	assert_int_equal(wrong_tiers(m, c->must_match, c->n_must_match, CRISIS_HIGH), 0);
	assert_int_equal(
	    wrong_tiers(m, c->must_match_medium, c->n_must_match_medium, CRISIS_MEDIUM), 0);
	assert_int_equal(wrong_tiers(m, c->must_not_match, c->n_must_not_match, CRISIS_NONE), 0);
	assert_int_equal(wrong_tiers(m, matcher_builtin_lexicon()->phrases,
				     matcher_builtin_lexicon()->n_phrases, CRISIS_HIGH),
			 0);
	matcher_free(m);
	content_free(c);
}

/* A content folder's lexicon adds to the floor: it can never take a word or rule away. */
static void test_content_lexicon_is_added_to_the_floor_never_replaces_it(void **state)
{
	static const char *const phrases[] = { "blue cardigan" };
	const struct content *builtin = &content_builtin_model;
	struct content c;
	struct matcher *m;

	(void)state;
	memset(&c, 0, sizeof(c));
	c.lexicon.phrases = phrases;
	c.lexicon.n_phrases = 1;
	m = session_matcher_new(&c);
	assert_non_null(m);
	assert_int_equal(matcher_tier(m, "my Blue  Cardigan", NULL), CRISIS_HIGH);
	assert_int_equal(wrong_tiers(m, builtin->must_match, builtin->n_must_match, CRISIS_HIGH),
			 0);
	assert_int_equal(matcher_tier(m, "this commute is killing me", NULL), CRISIS_NONE);
	matcher_free(m);
}

static void test_no_content_reads_with_the_floor(void **state)
{
	struct matcher *m = session_matcher_new(NULL);

	(void)state;
	assert_non_null(m);
	assert_int_equal(matcher_tier(m, "I don\xe2\x80\x99t want to be here anymore", NULL),
			 CRISIS_HIGH);
	assert_int_equal(matcher_tier(m, "I killed it at the presentation", NULL), CRISIS_NONE);
	matcher_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_shipped_example_reads_at_its_tier),
		cmocka_unit_test(test_content_lexicon_is_added_to_the_floor_never_replaces_it),
		cmocka_unit_test(test_no_content_reads_with_the_floor),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
