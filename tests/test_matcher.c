/* test_matcher.c — cmocka tests for the crisis-language matcher and safety_normalize(). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "safety.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Crisis phrasings that the fallback phrases must catch. */
static const char *const must_match[] = {
	"I want to KILL   myself!",
	"\tKILL\tMYSELF\t",
	"kill-myself",
	"\"Kill myself\", that is all I think about",
	"\xe2\x80\x9ckill myself\xe2\x80\x9d is all I think", /* “ ” */
	"kill\xc2\xa0myself",                                 /* no-break space */
	"I keep thinking about killing myself.",
	"kill my self",
	"i don\xe2\x80\x99t want to live anymore", /* ’ */
	"I don\xe2\x80\x98t want to be alive",     /* ‘ */
	"I don\xca\xbct want to be here anymore",  /* ʼ */
	"DON`T WANT TO LIVE",
	"i dont want to live anymore\xe2\x80\xa6", /* … */
	"I don't want to exist",
	"Thinking about self-harm again",
	"self\xe2\x80\x94harm", /* em dash */
	"self\xe2\x80\x93harm", /* en dash */
	"selfharm",
	"kms",
	"KYS",
	"ugh kms.",
	"honestly I just want to unalive",
	"gonna unalive myself",
	"thinking about sewerslide",
	"Sewer slide",
	"I'm suicidal",
	"SUICIDE",
	"I keep thinking about ending my life.",
	"I want to end my life",
	"I'm going to take my own life",
	"Everyone would be better off without me.",
	"I'd be better off dead.",
	"There's no reason to live",
	"I can't go on",
	"I can\xe2\x80\x99t go on",
	"I cannot go on like this",
	"I see no way out",
	"What's the point of living?",
	"I wish I was dead",
	"i wish i were dead",
	"I want to go to sleep and never wake up",
	"I'm going to end it all",
	"I'm gonna end it.",
	"life isn't worth living",
	"life is not worth living",
	"I've given up on life",
	"I wanna die",
	"i just want to die",
	"I want to die.",
	"I'm going to off myself",
	"I took an overdose",
	"I've been hurting myself",
	"I cut myself last night",
	"I want to disappear forever",
	"I have nothing to live for",
	"I can\xe2\x80\x99t take it anymore",
	"I\xe2\x80\x99m a burden to everyone",
	"nobody would miss me",
	"I wish I'd never been born",
	"I'm tired of living",
	"I'm going to hang myself",
};

/* Everyday hyperbole and look-alike words that must not match. */
static const char *const must_not_match[] = {
	"this commute is killing me",
	"I'd die for a coffee",
	"I\xe2\x80\x99"
	"d die for a coffee",
	"dying to see the film",
	"dying to see that movie",
	"I killed it at the gym",
	"i killed it at work",
	"that joke killed me",
	"my phone died",
	"the battery died",
	"she is so skilled",
	"I need to skill myself up",
	"kill myselfish",
	"the unaliveness of the robot",
	"killer whales are amazing",
	"I laughed so hard I nearly died",
	"let's end it here for today",
	"the meeting ended at noon",
	"self-service checkout",
	"self-harmonizing vocals",
	"my plants are dying",
	"that workout killed my legs",
	"I'm dead tired",
	"this deadline is killing me",
	"I could kill for a pizza",
	"the skillet is hot",
	"overdue library books",
	"he cut himself a slice of cake",
	"pain au chocolat is to die for",
	"read the kmsg kernel buffer",
	"I want to diet",
	"the end of my life-long hobby",
	"I can't go online right now",
	"no way outside today, it's raining",
	"better off without meat",
	"I hurt my back lifting",
	"",
	"   \t\n",
};

static const struct matcher *fallback_matcher(void **state)
{
	return *state;
}

static int setup_fallback(void **state)
{
	*state = matcher_new(NULL, 0);
	return *state == NULL ? -1 : 0;
}

static int teardown_fallback(void **state)
{
	matcher_free(*state);
	return 0;
}

/* Check every entry, print each wrong one, then fail once with the count. */
static void check_table(const struct matcher *m, const char *const *texts, size_t n, bool want)
{
	size_t i, wrong = 0;

	for (i = 0; i < n; i++) {
		if (matcher_match(m, texts[i]) != want) {
			print_error("%s: \"%s\"\n",
				    want ? "missed crisis phrasing" : "false alarm on", texts[i]);
			wrong++;
		}
	}
	if (wrong > 0)
		fail_msg("%zu of %zu phrasings wrong", wrong, n);
}

static void test_fallback_matches_every_crisis_phrasing(void **state)
{
	assert_true(ARRAY_LEN(must_match) >= 40);
	check_table(fallback_matcher(state), must_match, ARRAY_LEN(must_match), true);
}

static void test_fallback_ignores_hyperbole_and_look_alike_words(void **state)
{
	assert_true(ARRAY_LEN(must_not_match) >= 20);
	check_table(fallback_matcher(state), must_not_match, ARRAY_LEN(must_not_match), false);
}

/*
 * Decision: recall first.  Text cannot tell hyperbole from intent ("this
 * exam makes me want to die" may be either), and a false alarm only shows
 * the crisis resources gently and asks whether to continue, while a miss can
 * cost a life.  So a crisis phrase matches whatever surrounds it, and so do
 * the self-injury phrases in harmless contexts and the slang "kms" where it
 * means kilometres.  These are known, accepted false alarms.
 */
static void test_hyperbole_containing_a_crisis_phrase_still_matches(void **state)
{
	static const char *const accepted[] = {
		"this exam makes me want to die",
		"if I have to sit through one more meeting I'll kill myself",
		"I cut myself shaving",
		"I hurt myself at the gym",
		"I overdosed on chocolate",
		"we drove 300 kms today",
		"there's no way out of this traffic jam",
	};

	check_table(fallback_matcher(state), accepted, ARRAY_LEN(accepted), true);
}

static void test_fallback_phrases_are_already_normalised(void **state)
{
	const char *const *p;
	char buf[256];
	size_t n = 0;

	(void)state;
	for (p = safety_fallback_phrases; *p != NULL; p++, n++) {
		assert_int_not_equal(safety_normalize(*p, buf, sizeof(buf)), (size_t)-1);
		if (strcmp(buf, *p) != 0)
			fail_msg("fallback phrase \"%s\" normalises to \"%s\"", *p, buf);
	}
	assert_in_range(n, 60, 110);
}

static void test_fallback_matches_each_of_its_own_phrases(void **state)
{
	const char *const *p;

	for (p = safety_fallback_phrases; *p != NULL; p++)
		if (!matcher_match(fallback_matcher(state), *p))
			fail_msg("fallback phrase \"%s\" does not match itself", *p);
}

static void test_phrase_matches_only_whole_words(void **state)
{
	const struct matcher *m = fallback_matcher(state);

	assert_true(matcher_match(m, "kill myself"));
	assert_false(matcher_match(m, "skill myself"));
	assert_false(matcher_match(m, "kill myselfish"));
	assert_false(matcher_match(m, "skilled myself"));
	assert_false(matcher_match(m, "kmsx"));
	assert_false(matcher_match(m, "xkms"));
	assert_true(matcher_match(m, "(kms)"));
}

static void assert_normalizes_to(const char *in, const char *want)
{
	char buf[256];
	size_t k = safety_normalize(in, buf, sizeof(buf));

	assert_string_equal(buf, want);
	assert_int_equal(k, strlen(want));
}

static void test_normalize_folds_ascii_case(void **state)
{
	(void)state;
	assert_normalizes_to("I Want To KILL Myself", "i want to kill myself");
}

static void test_normalize_removes_straight_and_curly_apostrophes(void **state)
{
	(void)state;
	assert_normalizes_to("can't", "cant");
	assert_normalizes_to("can`t", "cant");
	assert_normalizes_to("can\xe2\x80\x99t", "cant"); /* U+2019 */
	assert_normalizes_to("can\xe2\x80\x98t", "cant"); /* U+2018 */
	assert_normalizes_to("can\xca\xbct", "cant");     /* U+02BC */
	assert_normalizes_to("can\xe2\x80\x9bt", "cant"); /* U+201B */
	assert_normalizes_to("can\xe2\x80\xb2t", "cant"); /* U+2032 */
	assert_normalizes_to("can\xc2\xb4t", "cant");     /* U+00B4 */
}

static void test_normalize_turns_double_quotes_into_spaces(void **state)
{
	(void)state;
	assert_normalizes_to("\"end\"it", "end it");
	assert_normalizes_to("\xe2\x80\x9c"
			     "end\xe2\x80\x9dit",
			     "end it");
}

static void test_normalize_turns_dashes_into_spaces(void **state)
{
	(void)state;
	assert_normalizes_to("self-harm", "self harm");
	assert_normalizes_to("self\xe2\x80\x90harm", "self harm"); /* U+2010 */
	assert_normalizes_to("self\xe2\x80\x93harm", "self harm"); /* U+2013 */
	assert_normalizes_to("self\xe2\x80\x94harm", "self harm"); /* U+2014 */
	assert_normalizes_to("self\xe2\x80\x95harm", "self harm"); /* U+2015 */
	assert_normalizes_to("self\xe2\x88\x92harm", "self harm"); /* U+2212 */
	assert_normalizes_to("self -- harm", "self harm");
}

static void test_normalize_collapses_and_trims_spaces(void **state)
{
	(void)state;
	assert_normalizes_to("  \t kill \r\n\n  myself !!! ", "kill myself");
	assert_normalizes_to("a.,;:b", "a b");
	assert_normalizes_to("", "");
	assert_normalizes_to(" \t?! ", "");
}

static void test_normalize_keeps_non_ascii_letters(void **state)
{
	(void)state;
	/* Only ASCII is case-folded. */
	assert_normalizes_to("Caf\xc3\xa9 \xc3\x89T\xc3\x89", "caf\xc3\xa9 \xc3\x89t\xc3\x89");
	assert_normalizes_to("\xe6\xad\xbb\xe3\x81\xab\xe3\x81\x9f\xe3\x81\x84",
			     "\xe6\xad\xbb\xe3\x81\xab\xe3\x81\x9f\xe3\x81\x84");
	assert_normalizes_to("\xf0\x9f\x98\xa2 sad", "\xf0\x9f\x98\xa2 sad");
}

static void test_normalize_treats_invalid_utf8_bytes_as_spaces(void **state)
{
	(void)state;
	assert_normalizes_to("kill\xffmyself", "kill myself");
	assert_normalizes_to("a\x80"
			     "b",
			     "a b"); /* stray continuation */
	assert_normalizes_to("a\xc0\xaf"
			     "b",
			     "a b"); /* overlong '/' */
	assert_normalizes_to("a\xed\xa0\x80"
			     "b",
			     "a b");                  /* surrogate */
	assert_normalizes_to("a\xe2\x80", "a");       /* truncated at end */
	assert_normalizes_to("\xf4\x90\x80\x80", ""); /* > U+10FFFF */
}

static void test_normalize_reports_small_buffer_and_still_terminates(void **state)
{
	char buf[8];

	(void)state;
	memset(buf, 'x', sizeof(buf));
	assert_int_equal(safety_normalize("kill myself now", buf, sizeof(buf)), (size_t)-1);
	assert_non_null(memchr(buf, '\0', sizeof(buf)));
	assert_string_equal(buf, "kill my");

	/* An exact fit succeeds; one byte less does not. */
	assert_int_equal(safety_normalize("Kill Me", buf, 8), 7);
	assert_string_equal(buf, "kill me");
	assert_int_equal(safety_normalize("Kill Me", buf, 7), (size_t)-1);
	assert_string_equal(buf, "kill m");

	/* Never splits a multi-byte character. */
	assert_int_equal(safety_normalize("ab\xc3\xa9", buf, 4), (size_t)-1);
	assert_string_equal(buf, "ab");

	buf[0] = 'x';
	assert_int_equal(safety_normalize("a", buf, 1), (size_t)-1);
	assert_int_equal(buf[0], '\0');
	assert_int_equal(safety_normalize("a", NULL, 0), (size_t)-1);
	assert_int_equal(safety_normalize("", NULL, 0), (size_t)-1);
	assert_int_equal(safety_normalize("", buf, 1), 0);
}

static void test_custom_phrases_match_only_those_phrases(void **state)
{
	static const char *const phrases[] = {
		"Can't  Breathe", "purple-elephant", NULL, "", "  ",
	};
	struct matcher *m = matcher_new(phrases, ARRAY_LEN(phrases));

	(void)state;
	assert_non_null(m);
	assert_true(matcher_match(m, "I CAN\xe2\x80\x99T breathe!"));
	assert_true(matcher_match(m, "a purple elephant"));
	assert_false(matcher_match(m, "purple elephants"));
	assert_false(matcher_match(m, "I want to kill myself"));
	assert_false(matcher_match(m, "kms"));
	matcher_free(m);
}

static void test_null_or_empty_phrase_list_uses_fallback(void **state)
{
	static const char *const phrases[] = { "unused" };
	static const char *const blank[] = { "", " - ", NULL };
	struct matcher *m;

	(void)state;
	m = matcher_new(NULL, 3);
	assert_non_null(m);
	assert_true(matcher_match(m, "I want to kill myself"));
	matcher_free(m);

	m = matcher_new(phrases, 0);
	assert_non_null(m);
	assert_true(matcher_match(m, "kms"));
	assert_false(matcher_match(m, "unused"));
	matcher_free(m);

	/* A list that normalises to nothing must not switch the check off. */
	m = matcher_new(blank, ARRAY_LEN(blank));
	assert_non_null(m);
	assert_true(matcher_match(m, "I want to kill myself"));
	matcher_free(m);
}

static void test_very_long_input_is_searched_to_the_end(void **state)
{
	const size_t n = 100 * 1024;
	const char *tail = " I want to kill myself";
	char *text = malloc(n + strlen(tail) + 1);
	size_t i;

	assert_non_null(text);
	for (i = 0; i < n; i++)
		text[i] = "calm sea. "[i % 10];
	text[n] = '\0';
	assert_false(matcher_match(fallback_matcher(state), text));
	memcpy(text + n, tail, strlen(tail) + 1);
	assert_true(matcher_match(fallback_matcher(state), text));
	free(text);
}

static void test_invalid_utf8_input_does_not_crash(void **state)
{
	const struct matcher *m = fallback_matcher(state);
	char bytes[512];
	size_t i;

	assert_true(matcher_match(m, "kill\xc3myself"));
	assert_false(matcher_match(m, "\xff\xfe\xc0\x80\xed\xa0\x80\xf8"));
	assert_false(matcher_match(m, "\xe2"));
	assert_false(matcher_match(m, "\xf0\x9f\x98"));
	for (i = 0; i < sizeof(bytes) - 1; i++)
		bytes[i] = (char)(0x80 + (i * 37) % 128);
	bytes[sizeof(bytes) - 1] = '\0';
	assert_false(matcher_match(m, bytes));
}

static void test_null_arguments_are_handled(void **state)
{
	char buf[4];

	(void)state;
	matcher_free(NULL);
	assert_false(matcher_match(fallback_matcher(state), NULL));
	/* No matcher (matcher_new failed): fail safe, report a match. */
	assert_true(matcher_match(NULL, "hello"));
	assert_int_equal(safety_normalize(NULL, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fallback_matches_every_crisis_phrasing),
		cmocka_unit_test(test_fallback_ignores_hyperbole_and_look_alike_words),
		cmocka_unit_test(test_hyperbole_containing_a_crisis_phrase_still_matches),
		cmocka_unit_test(test_fallback_phrases_are_already_normalised),
		cmocka_unit_test(test_fallback_matches_each_of_its_own_phrases),
		cmocka_unit_test(test_phrase_matches_only_whole_words),
		cmocka_unit_test(test_normalize_folds_ascii_case),
		cmocka_unit_test(test_normalize_removes_straight_and_curly_apostrophes),
		cmocka_unit_test(test_normalize_turns_double_quotes_into_spaces),
		cmocka_unit_test(test_normalize_turns_dashes_into_spaces),
		cmocka_unit_test(test_normalize_collapses_and_trims_spaces),
		cmocka_unit_test(test_normalize_keeps_non_ascii_letters),
		cmocka_unit_test(test_normalize_treats_invalid_utf8_bytes_as_spaces),
		cmocka_unit_test(test_normalize_reports_small_buffer_and_still_terminates),
		cmocka_unit_test(test_custom_phrases_match_only_those_phrases),
		cmocka_unit_test(test_null_or_empty_phrase_list_uses_fallback),
		cmocka_unit_test(test_very_long_input_is_searched_to_the_end),
		cmocka_unit_test(test_invalid_utf8_input_does_not_crash),
		cmocka_unit_test(test_null_arguments_are_handled),
	};

	return cmocka_run_group_tests(tests, setup_fallback, teardown_fallback);
}
