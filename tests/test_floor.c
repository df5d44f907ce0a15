/* test_floor.c — the safety floor: what the crisis line, disclaimer and resources must keep, read as shown. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "floor.h"
#include "safety.h"

/* The number of parts text drops from the crisis line; *missing gets their names. */
static int line_missing(const char *text, char *missing, size_t len, bool *blank)
{
	int n = floor_crisis_line(text, blank, missing, len);

	assert_true(n >= 0);
	return n;
}

#define FULL_LINE                                                                                  \
	"Call or text 988 (Suicide & Crisis Lifeline), chat at 988lifeline.org. In "               \
	"immediate danger, call 911. Outside the US: findahelpline.com."

static void test_the_compiled_in_crisis_line_is_above_the_floor(void **state)
{
	char missing[128];
	bool blank = true;

	(void)state;
	assert_int_equal(line_missing(safety_crisis_line, missing, sizeof(missing), &blank), 0);
	assert_false(blank);
	assert_string_equal(missing, "");
	assert_int_equal(line_missing(FULL_LINE, missing, sizeof(missing), &blank), 0);
}

static void test_a_crisis_line_that_drops_a_part_names_each_part_dropped(void **state)
{
	static const struct {
		const char *text, *missing;
	} cases[] = {
		{ "Take a deep breath.", "988, 988lifeline.org, 911, findahelpline.com" },
		{ "Chat at 988lifeline.org. Call 911. findahelpline.com", "988" },
		{ "Call or text 988. Call 911. findahelpline.com", "988lifeline.org" },
		{ "Call or text 988, chat at 988lifeline.org, or findahelpline.com", "911" },
		{ "Call or text 988, chat at 988lifeline.org. Call 911.", "findahelpline.com" },
	};
	char missing[128];
	bool blank;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int n = line_missing(cases[i].text, missing, sizeof(missing), &blank);
		assert_true(n > 0);
		assert_false(blank);
		assert_string_equal(missing, cases[i].missing);
	}
}

/* Each one hides or fakes a part; all must count as dropping 988. */
static void test_hidden_or_look_alike_988_is_not_988(void **state)
{
	static const char *const tricks[] = {
		"9\u200b88",       /* zero-width space */
		"98\u200d8",       /* zero-width joiner */
		"9\u206088",       /* word joiner */
		"988\u0301",       /* a combining accent on the last digit */
		"\u200b988\u200c", /* invisible characters around it */
		"9\u00ad88",       /* soft hyphen */
		"\u202e889", /* right-to-left override: 988 on screen, removed by the sanitiser */
		"\xef\xbc\x99\xef\xbc\x98\xef\xbc\x98", /* fullwidth digits */
		"9 8 8",
		"1988",
		"988-555",
		"1-988",
		"x988",
		"\033[8m\033[0m", /* the digits themselves left out, only escapes */
	};
	char text[256], missing[128];
	bool blank;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(tricks) / sizeof(tricks[0]); i++) {
		snprintf(text, sizeof(text),
			 "Call or text %s, chat at 988lifeline.org, call 911, findahelpline.com",
			 tricks[i]);
		if (line_missing(text, missing, sizeof(missing), &blank) != 1 ||
		    strcmp(missing, "988") != 0)
			fail_msg("trick %zu (%s) passed as 988: missing '%s'", i, tricks[i],
				 missing);
	}
}

static void test_text_is_judged_after_sanitising(void **state)
{
	char missing[128];
	bool blank = false;

	(void)state;
	/* escapes around a part are removed: the reader sees 988 */
	assert_int_equal(line_missing("Call or text \033[1m988\033[0m, 988lifeline.org, 911, "
				      "findahelpline.com",
				      missing, sizeof(missing), &blank),
			 0);
	/* bidi isolates are removed: what is left reads 988 */
	assert_int_equal(
	    line_missing("Call \u2068988\u2069, 988lifeline.org, 911, findahelpline.com", missing,
			 sizeof(missing), &blank),
	    0);
	/* escapes only: nothing is left to see */
	assert_int_equal(line_missing("\033[8m", missing, sizeof(missing), &blank), 4);
	assert_true(blank);
	assert_int_equal(line_missing("\033]0;x\007 \u200b \t", missing, sizeof(missing), &blank),
			 4);
	assert_true(blank);
	assert_int_equal(line_missing("nothing", missing, sizeof(missing), &blank), 4);
	assert_false(blank);
}

static void test_domains_must_be_the_real_ones(void **state)
{
	char text[256], missing[128];
	bool blank;
	static const char *const fakes[] = { "988lifeline.org.example.com", "my988lifeline.org",
					     "x-988lifeline.org", "988lifeline.organic",
					     "988lifeline org" };
	static const char *const real[] = { "https://988lifeline.org/chat", "www.988lifeline.org",
					    "988LIFELINE.ORG", "(988lifeline.org)",
					    "988lifeline.org." };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(fakes) / sizeof(fakes[0]); i++) {
		snprintf(text, sizeof(text), "988, %s, 911, findahelpline.com", fakes[i]);
		assert_int_equal(line_missing(text, missing, sizeof(missing), &blank), 1);
		assert_string_equal(missing, "988lifeline.org");
	}
	for (i = 0; i < sizeof(real) / sizeof(real[0]); i++) {
		snprintf(text, sizeof(text), "988, %s, 911, findahelpline.com", real[i]);
		if (line_missing(text, missing, sizeof(missing), &blank) != 0)
			fail_msg("'%s' was not taken for 988lifeline.org", real[i]);
	}
}

static void test_missing_names_are_cut_to_the_buffer(void **state)
{
	char missing[8];
	bool blank;

	(void)state;
	assert_int_equal(line_missing("nothing", missing, sizeof(missing), &blank), 4);
	assert_int_equal(strlen(missing), sizeof(missing) - 1);
}

static void test_a_disclaimer_must_say_not_medical_advice(void **state)
{
	static const char *const good[] = {
		"cry-guide is for self-reflection. It is not medical advice, diagnosis or treatment.",
		"This is NOT MEDICAL ADVICE.",
		"cry-guide isn't medical advice.",
		"cry-guide isn\u2019t medical advice.",
		"It does not give medical advice.",
		"It is no substitute for professional medical advice.",
		"It is not a substitute for medical advice",
		"Nothing here is intended as, or can replace, medical advice; never medical advice.",
		"It is not \033[1mmedical advice\033[0m.",
	};
	static const char *const bad[] = {
		"Enjoy.",
		"",
		"\033[8m",
		"This is medical advice.",
		"This is not a game: it is medical advice.",
		"Not a toy. This is medical advice.",
		"Do not skip this part of the guide, it is good medical advice",
		"It is not med\u200bical advice.",
		"It is not medical\u200badvice.",
		"It is n\u200bot medical advice.",
		"It is not medicaladvice.",
		"It is not medical",
	};
	size_t i;

	(void)state;
	assert_int_equal(floor_disclaimer(safety_disclaimer), 1);
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (floor_disclaimer(good[i]) != 1)
			fail_msg("good disclaimer %zu refused: %s", i, good[i]);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (floor_disclaimer(bad[i]) != 0)
			fail_msg("bad disclaimer %zu taken: %s", i, bad[i]);
}

/* The resources of SPEC section 4, one string each as content may write them. */
static const char *const spec_resources[] = {
	"988 Suicide & Crisis Lifeline",
	"Call or text 988",
	"Chat at 988lifeline.org",
	"Spanish: press 2, or text AYUDA to 988",
	"Veterans: dial 988 then press 1, or text 838255",
	"Deaf and hard of hearing: use ASL Now at 988lifeline.org",
	"Call 911",
	"Text HOME to 741741",
	"Call 1-800-662-4357",
	"Find treatment at FindTreatment.gov",
	"Canada",
	"Call or text 9-8-8",
	"Visit findahelpline.com",
};
#define N_SPEC (sizeof(spec_resources) / sizeof(spec_resources[0]))

static int resources_missing(const char *const *v, size_t n, size_t skip, char *missing, size_t len)
{
	struct floor_resources f;
	size_t i;

	floor_resources_init(&f);
	for (i = 0; i < n; i++)
		if (i != skip)
			assert_int_equal(floor_resources_add(&f, v[i]), 0);
	return floor_resources_missing(&f, missing, len);
}

static void test_resources_keep_every_compiled_in_contact(void **state)
{
	char missing[192];
	struct floor_resources f;
	size_t i, k;

	(void)state;
	assert_int_equal(
	    resources_missing(spec_resources, N_SPEC, N_SPEC, missing, sizeof(missing)), 0);
	/* the compiled-in resources themselves */
	floor_resources_init(&f);
	for (i = 0; i < safety_n_resources; i++) {
		assert_int_equal(floor_resources_add(&f, safety_resources[i].name), 0);
		for (k = 0; safety_resources[i].lines[k]; k++)
			assert_int_equal(floor_resources_add(&f, safety_resources[i].lines[k]), 0);
	}
	assert_int_equal(floor_resources_missing(&f, missing, sizeof(missing)), 0);
	/* nothing at all */
	assert_int_equal(resources_missing(NULL, 0, 0, missing, sizeof(missing)), 11);
	assert_string_equal(missing,
			    "988, 988lifeline.org, AYUDA, 838255, ASL Now, 911, 741741, "
			    "1-800-662-4357, FindTreatment.gov, Canada, findahelpline.com");
}

static void test_resources_that_drop_a_contact_name_it(void **state)
{
	static const struct {
		size_t skip;
		const char *missing;
	} cases[] = {
		{ 4, "838255" },         { 6, "911" },     { 7, "741741" },
		{ 8, "1-800-662-4357" }, { 10, "Canada" }, { 12, "findahelpline.com" },
	};
	char missing[192];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(resources_missing(spec_resources, N_SPEC, cases[i].skip, missing,
						   sizeof(missing)),
				 1);
		assert_string_equal(missing, cases[i].missing);
	}
}

static void test_resources_with_988_hidden_drop_988(void **state)
{
	const char *v[N_SPEC];
	char missing[192], buf[N_SPEC][128];
	size_t i;

	(void)state;
	/* every "988" written with a zero-width space inside */
	for (i = 0; i < N_SPEC; i++) {
		const char *s = spec_resources[i], *hit;
		size_t o = 0;
		while ((hit = strstr(s, "988")) != NULL && o < 100) {
			memcpy(buf[i] + o, s, (size_t)(hit - s));
			o += (size_t)(hit - s);
			memcpy(buf[i] + o, "9\u200b88", 5);
			o += 5;
			s = hit + 3;
		}
		snprintf(buf[i] + o, sizeof(buf[i]) - o, "%s", s);
		v[i] = buf[i];
	}
	assert_int_equal(resources_missing(v, N_SPEC, N_SPEC, missing, sizeof(missing)), 2);
	assert_string_equal(missing, "988, 988lifeline.org");
}

static void test_phone_numbers_may_be_written_several_ways(void **state)
{
	static const char *const forms[] = { "1-800-662-4357", "1 (800) 662-4357",
					     "(800) 662-4357", "+1 800.662.4357",
					     "1-800-662-HELP", "800-662-4357." };
	static const char *const not_it[] = { "1-800-662-43570", "1-800-662-435", "800-662-4357-1",
					      "18006624357x" };
	const char *v[N_SPEC];
	char missing[192];
	size_t i;

	(void)state;
	memcpy(v, spec_resources, sizeof(v));
	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		v[8] = forms[i];
		if (resources_missing(v, N_SPEC, N_SPEC, missing, sizeof(missing)) != 0)
			fail_msg("'%s' was not taken for SAMHSA's number", forms[i]);
	}
	for (i = 0; i < sizeof(not_it) / sizeof(not_it[0]); i++) {
		v[8] = not_it[i];
		if (resources_missing(v, N_SPEC, N_SPEC, missing, sizeof(missing)) != 1)
			fail_msg("'%s' was taken for SAMHSA's number", not_it[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_compiled_in_crisis_line_is_above_the_floor),
		cmocka_unit_test(test_a_crisis_line_that_drops_a_part_names_each_part_dropped),
		cmocka_unit_test(test_hidden_or_look_alike_988_is_not_988),
		cmocka_unit_test(test_text_is_judged_after_sanitising),
		cmocka_unit_test(test_domains_must_be_the_real_ones),
		cmocka_unit_test(test_missing_names_are_cut_to_the_buffer),
		cmocka_unit_test(test_a_disclaimer_must_say_not_medical_advice),
		cmocka_unit_test(test_resources_keep_every_compiled_in_contact),
		cmocka_unit_test(test_resources_that_drop_a_contact_name_it),
		cmocka_unit_test(test_resources_with_988_hidden_drop_988),
		cmocka_unit_test(test_phone_numbers_may_be_written_several_ways),
	};

	return cmocka_run_group_tests_name("floor", tests, NULL, NULL);
}
