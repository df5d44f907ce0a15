/* test_unmask.c — cmocka tests for reading disguised words (unmask.h), against a lexicon of its own. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "unmask.h"

/*
 * A small lexicon: each word and its identity.  "die" and "dye" share one
 * (one concept, as the matcher's identities go); "does" and "blades" are
 * words only of phrases; "kms" a shorthand of more than one word.
 */
static const struct {
	const char *word;
	int64_t id;
} lexicon[] = {
	{ "die", 1 },
	{ "dye", 1 },
	{ "kill", 2 },
	{ "killing", 2 },
	{ "suicide", 3 },
	{ "suicidal", 4 },
	{ "cut", 5 },
	{ "pain", 6 },
	{ "self", 7 },
	{ "od", 8 },
	{ "shot", 9 },
	{ "slit", 10 },
	{ "dead", 11 },
	{ "deed", 12 },
	{ "life", 13 },
	{ "kms", 14 | UNMASK_SHORTHAND },
	{ "does", 100 | UNMASK_PHRASE_ONLY },
	{ "blades", 101 | UNMASK_PHRASE_ONLY },
	{ "bladed", 102 | UNMASK_PHRASE_ONLY },
	{ "us", 103 | UNMASK_PHRASE_ONLY },
};

static unsigned asked; /* how many times the lexicon was asked */

static int64_t known(void *ctx, const char *w, size_t n)
{
	size_t i;

	(void)ctx;
	asked++;
	for (i = 0; i < sizeof(lexicon) / sizeof(lexicon[0]); i++)
		if (strlen(lexicon[i].word) == n && memcmp(lexicon[i].word, w, n) == 0)
			return lexicon[i].id;
	return -1;
}

/* The word token t reads as, or NULL when it stays as it is. */
static const char *reads(const char *t)
{
	static char out[40];
	unsigned budget = 4096;
	size_t n = 0;

	memset(out, 'x', sizeof(out));
	if (!unmask_word(t, strlen(t), out, &n, known, NULL, &budget))
		return NULL;
	assert_int_equal(strlen(out), n);
	return out;
}

static void assert_reads(const char *t, const char *want)
{
	const char *got = reads(t);

	if (want == NULL ? got != NULL : got == NULL || strcmp(got, want) != 0)
		fail_msg("\"%s\" reads %s%s%s, not %s%s%s", t, got ? "\"" : "",
			 got ? got : "as it is", got ? "\"" : "", want ? "\"" : "",
			 want ? want : "as it is", want ? "\"" : "");
}

static void test_look_alike_digits_and_marks_are_their_letters(void **state)
{
	(void)state;
	assert_reads("k1ll", "kill");
	assert_reads("ki11", "kill"); /* 1 is l when i fits nothing */
	assert_reads("k!ll", "kill");
	assert_reads("su1c1de", "suicide");
	assert_reads("d3ad", "dead");
	assert_reads("p@in", "pain");
	assert_reads("p4in", "pain");
	assert_reads("$elf", "self");
	assert_reads("5elf", "self");
	assert_reads("$3lf", "self");
	assert_reads("l1f3", "life");
	assert_reads("k|ll", "kill"); /* | is l first ("klll"), then i */
	assert_reads("ki||", "kill");
}

static void test_a_star_is_the_one_word_of_a_concept_that_fits(void **state)
{
	(void)state;
	assert_reads("k*ll", "kill");
	assert_reads("k*lling", "killing");
	assert_reads("s*icide", "suicide");
	assert_reads("su*cidal", "suicidal");
	assert_reads("d*e", "die");         /* die and dye: one identity, the first letter wins */
	assert_reads("d**d", NULL);         /* dead and deed: two words */
	assert_reads("s*icid*", "suicide"); /* two stars */
	assert_reads("d*es", "does");       /* no word of a concept fits: the phrase's word */
	assert_reads("bl*des", "blades");   /* no word of a concept fits: the phrase's word */
	assert_reads("bl*de*", NULL);       /* blades and bladed: two phrase words */
	assert_reads("k***", NULL);         /* three stars: too many */
	assert_reads("z*q", NULL);          /* nothing fits */
}

static void test_a_censored_swear_word_is_read_as_itself(void **state)
{
	(void)state;
	/* shot fits too, but sh*t is a swear word, never "sh" (self-harm) and "t" */
	assert_reads("sh*t", "shit");
	assert_reads("sh!t", "shit");
	assert_reads("f**k", "fuck");
	assert_reads("sl*t", "slut"); /* slit fits, but a swear word fits too */
	assert_reads("a$$hole", "asshole");
}

static void test_letters_spelled_out_join(void **state)
{
	(void)state;
	assert_reads("k.m.s", "kms");
	assert_reads("s-u-i-c-i-d-e", "suicide");
	assert_reads("k_1_l_l", "kill");
	assert_reads("o.d", "od"); /* two letters: a word of a concept */
	assert_reads("u.s", NULL); /* ... but not a phrase's word */
	assert_reads("a.m", NULL); /* ... nor an unknown one */
	assert_reads("u.s.a", NULL);
	assert_reads("k.m-s", NULL); /* two kinds of separator */
	assert_reads("k.ms", NULL);  /* an element of two letters */
	assert_reads(".kms", NULL);
}

static void test_numbers_and_ordinals_stay_as_they_are(void **state)
{
	(void)state;
	assert_reads("3rd", NULL);
	assert_reads("4th", NULL);
	assert_reads("1st", NULL);
	assert_reads("10pm", NULL);
	assert_reads("2020", NULL);
	assert_reads("b4", NULL);
	assert_reads("d13", "die"); /* one letter of its own is enough */
	assert_reads("$50", NULL);
	assert_reads("kill", "kill");                            /* nothing to unmask, and known */
	assert_reads("k\xc3\xaell", NULL);                       /* not ASCII */
	assert_reads("abcdefghijklmnopqrstuvwxyzabcdefg", NULL); /* over 32 bytes */
}

static void test_a_line_of_stars_has_a_budget(void **state)
{
	unsigned budget = 26 * 3;
	char out[40];
	size_t n, i;
	int read = 0;

	(void)state;
	asked = 0;
	for (i = 0; i < 100; i++)
		read += unmask_word("k*ll", 4, out, &n, known, NULL, &budget);
	assert_int_equal(read, 3);
	assert_int_equal(budget, 0);
	assert_true(asked <= 26 * 3 + 100);
	/* two stars cost 676: more than is left, so not tried */
	budget = 600;
	assert_false(unmask_word("s*icid*", 7, out, &n, known, NULL, &budget));
	assert_int_equal(budget, 600);
}

static void test_styled_letters_fold_to_plain_ones(void **state)
{
	(void)state;
	assert_int_equal(unmask_fold(0xFF4B), 'k');  /* ｋ fullwidth */
	assert_int_equal(unmask_fold(0xFF2B), 'k');  /* Ｋ */
	assert_int_equal(unmask_fold(0xFF11), '1');  /* １ */
	assert_int_equal(unmask_fold(0x1D424), 'k'); /* 𝐤 bold */
	assert_int_equal(unmask_fold(0x1D40A), 'k'); /* 𝐊 bold capital */
	assert_int_equal(unmask_fold(0x1D4C0), 'k'); /* 𝓀 script */
	assert_int_equal(unmask_fold(0x1D55C), 'k'); /* 𝕜 double-struck */
	assert_int_equal(unmask_fold(0x1D68A), 'a'); /* 𝚊 monospace */
	assert_int_equal(unmask_fold(0x1D7D9), '1'); /* 𝟙 */
	assert_int_equal(unmask_fold(0x212F), 'e');  /* ℯ: the script e's fill-in */
	assert_int_equal(unmask_fold(0x210E), 'h');  /* ℎ */
	assert_int_equal(unmask_fold(0x24DA), 'k');  /* ⓚ */
	assert_int_equal(unmask_fold(0x24C0), 'k');  /* Ⓚ */
	assert_int_equal(unmask_fold(0x1F17A), 'k'); /* 🅺 */
	assert_int_equal(unmask_fold(0x1D0B), 'k');  /* ᴋ small capital */
	assert_int_equal(unmask_fold(0xE9), 'e');    /* é */
	assert_int_equal(unmask_fold(0xC9), 'e');    /* É */
	assert_int_equal(unmask_fold(0xF1), 'n');    /* ñ */
	assert_int_equal(unmask_fold(0xFF), 'y');    /* ÿ */
	assert_int_equal(unmask_fold(0xD7), 0);      /* × */
	assert_int_equal(unmask_fold(0xF7), 0);      /* ÷ */
	assert_int_equal(unmask_fold(0xDF), 0);      /* ß */
	assert_int_equal(unmask_fold(0x6B7B), 0);    /* 死 */
	assert_int_equal(unmask_fold(0x1F622), 0);   /* 😢 */
	assert_int_equal(unmask_fold(0x1F1F0), 0);   /* regional indicator: flags, not letters */
	assert_int_equal(unmask_fold('k'), 0);       /* plain ASCII needs no folding */
}

static void test_marks_are_the_five_look_alikes(void **state)
{
	const char *marks = "*!@$|";
	int c, n = 0;

	(void)state;
	for (c = 0; c < 256; c++)
		if (unmask_is_mark((unsigned char)c)) {
			assert_non_null(strchr(marks, c));
			n++;
		}
	assert_int_equal(n, 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_look_alike_digits_and_marks_are_their_letters),
		cmocka_unit_test(test_a_star_is_the_one_word_of_a_concept_that_fits),
		cmocka_unit_test(test_a_censored_swear_word_is_read_as_itself),
		cmocka_unit_test(test_letters_spelled_out_join),
		cmocka_unit_test(test_numbers_and_ordinals_stay_as_they_are),
		cmocka_unit_test(test_a_line_of_stars_has_a_budget),
		cmocka_unit_test(test_styled_letters_fold_to_plain_ones),
		cmocka_unit_test(test_marks_are_the_five_look_alikes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
