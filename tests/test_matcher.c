/* test_matcher.c — cmocka tests for the crisis-language matcher and safety_normalize(). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "matcher.h"
#include "safety.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Crisis phrasings that the built-in lexicon must read high. */
static const char *const must_match[] = {
	"I want to KILL   myself!",
	/* "die" inside "not want ... life" lowers it (negated-die), not a
	 * life refused after it */
	"I don't want to die but I don't want this life either",
	"i dont want to live this life anymore i want to be dead",
	"it's not like i have anyone to talk to, i want to die",
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
	"no way outside today, it's raining",
	"better off without meat",
	"I hurt my back lifting",
	"I overdosed on chocolate",
	"I overdosed the soup with salt",
	"",
	"   \t\n",
};

static const struct matcher *builtin(void **state)
{
	return *state;
}

static int setup_builtin(void **state)
{
	*state = matcher_new(NULL, 0, NULL);
	return *state == NULL ? -1 : 0;
}

static int teardown_builtin(void **state)
{
	matcher_free(*state);
	return 0;
}

/* How check_rows() compares a line's tier with the one it wants. */
enum row_want { EXACTLY, AT_LEAST, BELOW };

/*
 * Check every entry (at tier want, at want or above, or below want), print
 * each wrong one, then fail once with the count.
 */
static void check_rows(const struct matcher *m, const char *const *texts, size_t n,
		       enum crisis_tier want, enum row_want how)
{
	static const char *const how_name[] = { "", " or above", " or below" };
	size_t i, wrong = 0;

	for (i = 0; i < n; i++) {
		const char *why;
		enum crisis_tier got = matcher_tier(m, texts[i], &why);
		bool ok = how == AT_LEAST ? got >= want : how == BELOW ? got < want : got == want;
		if (!ok) {
			print_error("\"%s\" reads %s (%s), not %s%s\n", texts[i],
				    crisis_tier_name(got), why,
				    how == BELOW ? crisis_tier_name(want - 1) : crisis_tier_name(want),
				    how_name[how]);
			wrong++;
		}
	}
	if (wrong > 0)
		fail_msg("%zu of %zu phrasings wrong", wrong, n);
}

static void check_table(const struct matcher *m, const char *const *texts, size_t n,
			enum crisis_tier want)
{
	check_rows(m, texts, n, want, EXACTLY);
}

/* A line of n bytes of unit over and over, then tail: the long-line tests
 * read its first n bytes alone (matcher_tier_n) and the whole of it. */
static char *long_line(const char *unit, size_t n, const char *tail)
{
	size_t k = strlen(unit), t = strlen(tail), i;
	char *text = malloc(n + t + 1);

	assert_non_null(text);
	for (i = 0; i < n; i++)
		text[i] = unit[i % k];
	memcpy(text + n, tail, t + 1);
	return text;
}

static void test_built_in_lexicon_reads_every_crisis_phrasing_high(void **state)
{
	assert_true(ARRAY_LEN(must_match) >= 40);
	check_table(builtin(state), must_match, ARRAY_LEN(must_match), CRISIS_HIGH);
}

static void test_built_in_lexicon_ignores_hyperbole_and_look_alike_words(void **state)
{
	assert_true(ARRAY_LEN(must_not_match) >= 20);
	check_table(builtin(state), must_not_match, ARRAY_LEN(must_not_match), CRISIS_NONE);
}

/*
 * The weighted reading may add a calm medium to a look-alike that shares
 * the words of a warning sign ("can't go on"), as retraining decides; the
 * rules never read these high, and the weights cannot.  A look-alike a
 * high rule reads (a razor's blades, sleeping forever on a Sunday) the
 * weights lower to medium when they read it far from risk: these four
 * score between -2 and -1.25, and read high while high-below was -2
 * (seventh session of 2026-11-30: the rule that chooses it, on a finer
 * grid, README).
 */
static void test_a_look_alike_the_weights_read_is_medium_never_high(void **state)
{
	static const char *const texts[] = {
		"I can't go online right now",
		"Bought a new razor, the old blades were dull.",
		"I want to sleep forever this Sunday, no alarms, no kids, just a duvet and a podcast.",
		"My phone is stuck in a boot loop, there's no escape from this logo.",
		"I\xe2\x80\x99ve got everything I need for Sunday roast \xe2\x80\x94 just need to pick up the parsnips.",
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(texts); i++) {
		const char *why;
		enum crisis_tier t = matcher_tier(builtin(state), texts[i], &why);
		if (t == CRISIS_HIGH || (t == CRISIS_MEDIUM && strcmp(why, "weights") != 0))
			fail_msg("\"%s\" reads %s (%s)", texts[i], crisis_tier_name(t), why);
	}
}

/*
 * Decision: recall first.  Text cannot always tell hyperbole from intent
 * ("this exam makes me want to die" may be either); a false alarm shows the
 * resources gently and asks whether to go on, a miss can cost a life.  So
 * that stays high.  A threat hung on a condition ("if ... one more time")
 * or marked as a joke ("jk") reads medium: 988 is still shown, calmly.
 */
static void test_hyperbole_containing_a_crisis_phrase_still_reads_high(void **state)
{
	static const char *const accepted[] = {
		"this exam makes me want to die",
		"kms lol",
	};
	static const char *const softened[] = {
		"if I have to sit through one more meeting I'll kill myself",
		"kms if this wifi drops one more time lmao",
	};

	check_table(builtin(state), accepted, ARRAY_LEN(accepted), CRISIS_HIGH);
	check_table(builtin(state), softened, ARRAY_LEN(softened), CRISIS_MEDIUM);
}

/*
 * A strong phrase the weights read far from risk (MATCHER_STRONG_MARGIN
 * below both high-below and what the phrase scores alone: leg day lol, a
 * game's grenade) reads medium, 988 shown calmly under the question
 * (eighth session of 2026-11-30: high before, whatever the weights said).
 * Bare, or beside words of risk, it stays high; "drive my car off a
 * cliff" alone scores below high-below and stays high by its own floor.
 */
static void test_a_strong_phrase_the_weights_read_far_from_risk_reads_medium(void **state)
{
	static const char *const medium[] = {
		"kms the printer jammed again lol",
		"I can't take it anymore, my legs are dead after leg day lol",
		"I accidentally killed myself with my own grenade again, so embarrassing.",
	};
	static const char *const high[] = {
		"i cant take it anymore",
		"kms lol",
		"drive my car off a cliff",
		"i cant take it anymore, the printer jammed and i want to kill myself tonight",
		"I'm going to take my own life before the summer ends",
	};

	check_table(builtin(state), medium, ARRAY_LEN(medium), CRISIS_MEDIUM);
	check_table(builtin(state), high, ARRAY_LEN(high), CRISIS_HIGH);
}

/* Tenses and inflections read alike: the stemmer. */
static void test_tenses_and_inflections_read_alike(void **state)
{
	static const char *const forms[] = {
		"I killed myself in my dreams again",
		"I'm killing myself slowly",
		"she said I kill myself in every song, but I really want to kill myself",
		"I hoped I would never wake up",
		"I was hoping I wouldn't wake up",
		"I've been cutting myself",
		"I cut myself yesterday",
		"I cuts myself",
		"I wished I were dead",
		"I keep wishing I was dead",
		"I overdosed last week",
		"I tried to end my life",
	};

	check_table(builtin(state), forms, ARRAY_LEN(forms), CRISIS_HIGH);
}

/* One edit away from a lexicon word of five letters or more, same first letter. */
static void test_one_edit_misspellings_of_long_words_are_read_as_the_word(void **state)
{
	static const char *const typos[] = {
		"i feel suicdal",   /* deleted letter */
		"i feel suiciddal", /* inserted letter */
		"i feel suicidak",  /* changed letter */
		"i feel suicidla",  /* swapped neighbours */
		"I want to kill mysefl", "I want to kill myslef", "I'm a burdon to everyone",
	};
	static const char *const not_typos[] = {
		"i feel wuicidal", /* a changed first letter is another word */
		"i feel suicxxal", /* two edits */
		"I want to kil",   /* four letters: no spelling tolerance */
	};
	size_t i;

	check_table(builtin(state), typos, ARRAY_LEN(typos), CRISIS_HIGH);
	/* no rule reads them as the word (the weights may still raise one to
	 * medium: "I want to kil" reads as wanting something) */
	for (i = 0; i < ARRAY_LEN(not_typos); i++) {
		const char *why;
		enum crisis_tier t = matcher_tier(builtin(state), not_typos[i], &why);
		if (t != CRISIS_NONE && strcmp(why, "weights") != 0)
			fail_msg("\"%s\" reads %s by rule %s", not_typos[i], crisis_tier_name(t),
				 why);
	}
}

static void test_shorthand_and_slang_are_expanded(void **state)
{
	static const char *const slang[] = {
		"kms",
		"KYS",
		"ugh kms.",
		"gonna unalive myself",
		"I unalived myself once",
		"thinking about sewerslide",
		"i want to sh again",
		"been oding on purpose",
		"i wanna kil myself",
		"i wan to die",
		"no way outta this life",
	};

	check_table(builtin(state), slang, ARRAY_LEN(slang), CRISIS_HIGH);
	assert_int_equal(matcher_tier(builtin(state), "im trapt in this life", NULL),
			 CRISIS_MEDIUM);
}

/*
 * An idiom's modifier never silences a means or the speaker's own harm:
 * "end it with" silences "end it with my boyfriend", not "end it with a
 * gun"; "down" and "out" were literal words that silenced "hurt myself to
 * calm down"; "exam" read as media and silenced "if I fail this exam I'll
 * cut" (all three from blind rounds 62-69); "piece" silenced "I cut myself
 * with a piece of glass" (in the lines, harm to oneself "with" a tool
 * should fire 77 times to once not).
 */
static void test_a_means_or_the_speakers_harm_is_never_silenced_by_an_idiom(void **state)
{
	static const char *const high[] = {
		"I want to end it with a gun.",
		"I tried to end it with a rope",
		"I'm going to end it with my pills tonight",
		"i need to hurt myself to calm down",
	};
	static const char *const heard[] = {
		"If I fail this exam I'll cut, I know I will.",
		/* "with" a blade or glass: a literal word ("piece") no longer silences it */
		"I cut myself with a piece of glass",
		"i cut my wrist with broken glass",
	};
	const struct matcher *m = builtin(state);

	check_table(m, high, ARRAY_LEN(high), CRISIS_HIGH);
	check_rows(m, heard, ARRAY_LEN(heard), CRISIS_MEDIUM, AT_LEAST);
	/* the idioms themselves still read as they did */
	assert_int_equal(matcher_tier(m, "I want to end it with him, we fight every day", NULL),
			 CRISIS_NONE);
	assert_int_equal(matcher_tier(m, "I'm cutting down on sugar", NULL), CRISIS_NONE);
}

/*
 * An ordinary place or time beside a warning sign never silences it: the
 * modifiers that read "gym", "class", "the game" or "kitchen" as a
 * look-alike's context cap such a line at medium, and the weights let it
 * go only far below (lowered-below).  Each line read none before: make
 * eval's context probe, such words before or after each of fresh.tsv's
 * 379 high lines, found 64 of 7,580 read none, and 4 after.
 */
static void test_an_ordinary_place_beside_a_warning_sign_never_silences_it(void **state)
{
	static const char *const lines[] = {
		"At the gym today I took a bunch of pills tonight",
		"I bought a rope today after class",
		"wrote my goodbye letters tonight after class",
		"I can't take this pain anymore in the kitchen",
		"theres no way out for me during the game",
		"At the gym today i need to cut so bad right now",
		"I've been stockpiling my prescriptions after the gym",
	};

	check_rows(builtin(state), lines, ARRAY_LEN(lines), CRISIS_MEDIUM, AT_LEAST);
}

/*
 * The same, where the words of the place or the time were evidence to the
 * weights themselves: each of these, a line of tune.tsv with one of make
 * eval's probe contexts beside it, read none by the weights trained
 * without the copies with context (crisis-train --augment; the README's
 * "Copies with context"), 252 such probe lines of tune.tsv in all, 64
 * with them.  None of these contexts is one of the copies'.
 */
static void test_a_place_or_a_time_is_no_evidence_to_the_weights(void **state)
{
	static const char *const lines[] = {
		"After class, suicide seems right",
		"cut again after the gym",
		"took them all after the meeting",
		"At the gym today I can't handle this emotional pain any longer.",
		"dont want to wake up on the phone with my mom",
		"I don\xe2\x80\x99t want to wake up tomorrow in the kitchen",
		"All through the holidays I didn't want to be alive on the bus home",
		"wish i could just evaporate fr on the phone with my mom",
		"Alone after the party, I dragged a razor across my stomach after the gym",
	};

	check_rows(builtin(state), lines, ARRAY_LEN(lines), CRISIS_MEDIUM, AT_LEAST);
}

/*
 * Means and methods the blind rounds 72-77 wrote in words no rule read
 * (each read none or only medium before 2026-11-30): a blade "to" or "on"
 * an arm, a wrist or a thigh, a whole packet of pills, a cord around the
 * neck, an accident that would be "a relief", no reason for living, and
 * "not wake up until this is all over" ("until" alone counted as a
 * literal waking time, "until noon", and silenced it).  The look-alikes
 * beside them still read none.
 */
static void test_means_and_methods_in_the_blind_rounds_own_words_are_heard(void **state)
{
	static const char *const high[] = {
		"I used a knife on my arm",
		"Last night I took a razor to my forearm",
		"I swallowed a full packet of paracetamol",
		"I stood on the chair with the cord around my neck",
		"dying in an accident sounds like a relief",
		"i just want to not wake up until this is all over",
		/* slitting or slashing, which read none or only by the weights */
		"i'm going to slit my wrists tonight",
		"I want to slash my wrists",
		"thinking about slitting my wrists",
		"I want to slit my throat",
		/* methods from the lists of means (poison, fire, suffocation,
		 * trains, veins, a car, gas), which read none or only by the weights */
		"I'm going to swallow bleach",
		"I want to drink bleach",
		"I'm going to drink antifreeze tonight",
		"I drank rat poison",
		"I'm going to set myself on fire",
		"I want to put a bag over my head",
		"I'm going to lie down on the train tracks",
		"I want to open my veins",
		"I'm going to drive my car off a cliff",
		"I'm going to gas myself in the garage",
		"I want to jump from the roof",
	};
	static const char *const heard[] = {
		"I lost my reason for living",
		"I'll sit in the garage with the car running",
		"I'm going to walk into the water",
		/* high by its rule, and the weights, which have read it as
		 * hyperbole so often, may lower it: medium, with 988 */
		"I'm going to walk into traffic",
	};
	static const char *const ordinary[] = {
		"I didn't wake up until noon and it was glorious.",
		"didnt wake up till 9 because the alarm never went off",
		"I dropped the knife on my arm while cooking",
		/* overdose-recent's literal words, inside its own span */
		"I overdosed on garlic today",
		"i overdosed on caffeine this morning lol",
		"I overdosed on chocolate again",
		"Today I overdosed on garlic",
		"i could murder a cup of tea and a whole packet of biscuits",
		"Locked myself out of the car with the engine running, classic Monday.",
		"I slit the vanilla pods open for the custard",
		"slashed my prices for the sale",
		"I'd rather set myself on fire than sit through that meeting again",
		"we fried the turkey and nearly set the garage on fire",
		"this traffic makes me want to drive off a cliff lol",
		"I bleached the shower and opened the windows",
	};
	const struct matcher *m = builtin(state);

	check_table(m, high, ARRAY_LEN(high), CRISIS_HIGH);
	check_rows(m, heard, ARRAY_LEN(heard), CRISIS_MEDIUM, AT_LEAST);
	check_table(m, ordinary, ARRAY_LEN(ordinary), CRISIS_NONE);
}

/* Negation and someone else at risk read medium: never silenced, never an interruption. */
static void test_negations_and_other_people_read_medium(void **state)
{
	static const char *const medium[] = {
		"I'm not suicidal, just exhausted",
		"I would never kill myself",
		"I don't want to die, I want things to change",
		/* read high before the fifth session of 2026-11-30: "not want
		 * ... life" ran from the first "want" to the second one's life
		 * (negated-die) */
		"I don't want to die, I want my life to be different",
		"i dont want to be dead i want my life to change",
		/* "not like i", as "not that i" (fifth session of 2026-11-30) */
		"It's not like I want to kill myself, I just hate my commute",
		"I used to cut myself in high school",
		"my friend wants to kill herself",
		"my brother is suicidal",
		/* read none before 2026-11-30: the weights let a bare "X is
		 * suicidal" go; "is suicidal" is now a high rule that the
		 * third-party modifier lowers, and lowered lines are kept */
		"my dad is suicidal",
		"my best friend is suicidal",
		"my mom is suicidal",
		/* read high before 2026-11-30: the "my" or "mine" of "a friend
		 * of mine" counted as the speaker, between the person and the
		 * rule */
		"a friend of mine wants to die",
		"a girl in my class wants to die",
		"a guy at work wants to kill himself",
		/* read none before 2026-11-30 (second session): an overdose
		 * after a person was a medium rule the weights let go, having
		 * seen many an overdose years ago; a recent one is now a high
		 * rule (overdose-recent) that the third-party modifier lowers */
		"my sister overdosed last night",
		"she overdosed last night",
		"my friend overdosed this morning",
		"my brother overdosed yesterday and is in the ICU",
		"my son overdosed again",
		/* ... and with the time first (recent-overdose), the person
		 * inside the rule's own words lowering it */
		"Last night my sister overdosed",
		"Yesterday my brother overdosed and he's in the ICU",
		"My dad says we'd be better off without him",
		"do you want to die?",
		/* a negation inside a rule's own words ("won't" is "will not") */
		"I won't hurt myself tonight",
		"i will not hurt myself tonight, i'm texting my sister",
		"I won't end it tonight",
		/* ... or before a word that stands alone */
		"not suicidal",
		"not suicidal, just tired",
		"no self harm today",
	};
	/* ... and the same words without it stay high */
	static const char *const high[] = {
		"I overdosed last night",
		"Last night I overdosed",
		"I will hurt myself tonight",
		"I will end it tonight",
		"suicidal",
		"self harm",
	};

	check_table(builtin(state), medium, ARRAY_LEN(medium), CRISIS_MEDIUM);
	check_table(builtin(state), high, ARRAY_LEN(high), CRISIS_HIGH);
}

/* The speaker's own words stay high even beside other people and negations. */
static void test_first_person_after_another_person_stays_high(void **state)
{
	static const char *const high[] = {
		"I told my friend I want to die",
		"my mom doesn't know but I want to kill myself",
		"I'm not okay, but I want to die",
		"nobody knows, I'm not telling anyone: I want to kill myself",
		/* "can't stop thinking about" is no negation of what follows */
		"I can't stop thinking about killing myself",
		"i cant stop thinking of ending my life",
		/* "one of my friends" is someone else; "the only one in my
		 * class" is the speaker */
		"I'm the only one in my class who wants to die",
		"my friends don't know I want to die",
	};

	check_table(builtin(state), high, ARRAY_LEN(high), CRISIS_HIGH);
}

/*
 * A "no" that answers something said before ("are you okay?" "no i want to
 * die") negates nothing after it, and neither does "not okay" (read medium
 * before the twenty-second session, 2026-12-02: the negation modifier took
 * the "no" for a negation of the rule three words on).  Another negation
 * still does.
 */
static void test_a_no_that_answers_negates_nothing_after_it(void **state)
{
	static const char *const high[] = {
		"no i wanna kill myself",      "no i want to die",
		"no no i want to die",         "no i just want to die",
		"no i'll kill myself tonight", "no i cut myself again",
		"no i took all my pills",      "no i keep thinking about suicide",
		"no i'm a burden to everyone", "im not ok i want to die",
		"not good i want to die",
	};
	static const char *const medium[] = {
		"no i dont want to die",          "no i never wanted to die",
		"no im not going to kill myself", "no i wont hurt myself",
		"no i would never kill myself",   "no i didnt try to kill myself",
		"no i havent cut myself",         "no i'm not suicidal",
	};

	check_table(builtin(state), high, ARRAY_LEN(high), CRISIS_HIGH);
	check_table(builtin(state), medium, ARRAY_LEN(medium), CRISIS_MEDIUM);
}

/*
 * The answering "no i" ends on the word a rule may begin with ("no i am
 * suicidal": first-suicide begins at the "i").  Until the forty-third
 * rule (twenty-third session, 2026-12-02) the negation read its "no" there
 * and the line was medium; a concept that begins with the modifier's own
 * and ends on the rule's first word keeps the modifier off, as one between
 * them does.  A negation after the "no i" still negates.
 */
static void test_an_answering_no_on_the_rules_first_word_negates_nothing(void **state)
{
	static const char *const high[] = {
		"no i am suicidal",
		"no im suicidal",
		"no i overdosed on sunday and didnt tell anyone",
		"no im a burden to my mom and dad",
	};
	static const char *const medium[] = {
		"no i am not suicidal",
		"no im not suicidal",
		"no im not a burden",
	};
	const struct matcher *m = builtin(state);

	check_table(m, high, ARRAY_LEN(high), CRISIS_HIGH);
	check_table(m, medium, ARRAY_LEN(medium), CRISIS_MEDIUM);
}

/*
 * An overdose minutes, hours or a few nights ago is one in progress or
 * just survived, not one the speaker has come through: before the
 * forty-second rule (twenty-third session, 2026-12-02) a bare "ago" was a
 * recovery word, as "two years ago" is, and "I took a whole bottle of
 * pills about an hour ago" read medium.  "A load of" pills is an amount,
 * as "a bunch of" is.  Taking one's pills an hour ago is no warning sign,
 * an attempt years ago that the speaker is through reads medium, and so
 * does someone else's overdose.
 */
static void test_an_overdose_minutes_or_days_ago_reads_high(void **state)
{
	static const char *const high[] = {
		"i took a load of pills about twenty minutes ago",
		"I took a whole bottle of pills about an hour ago.",
		"took 30 tylenol an hour ago",
		"I overdosed two nights ago",
		"Three days ago I tried to end my life and I'm angry it didn't work.",
		"I took a load of tablets on Friday night and woke up",
		"ngl i already took a bunch of pills like half an hour ago",
	};
	static const char *const medium[] = {
		"my sister took a load of pills an hour ago",
		"took 30 tylenol two years ago, I'm in a much better place now",
		"I tried to kill myself a long time ago and I'm glad I'm still here",
	};
	static const char *const not_high[] = {
		"took my pills an hour ago",
		"I took loads of photos of the pills for the pharmacy",
		"i took a load of vitamins this morning",
	};
	const struct matcher *m = builtin(state);

	check_table(m, high, ARRAY_LEN(high), CRISIS_HIGH);
	check_table(m, medium, ARRAY_LEN(medium), CRISIS_MEDIUM);
	check_rows(m, not_high, ARRAY_LEN(not_high), CRISIS_HIGH, BELOW);
}

/*
 * A last message (read none before 2026-11-30, fourth session): heard, and
 * high with a time, as any goodbye with a time is.
 */
static void test_a_last_message_is_heard(void **state)
{
	static const char *const heard[] = {
		"This is the last time you'll hear from me",
		"this is the last time you will ever hear from me, i love you all",
		"no one will hear from me again",
	};
	static const char *const high[] = {
		"you will never hear from me again after tonight",
	};
	const struct matcher *m = builtin(state);

	check_rows(m, heard, ARRAY_LEN(heard), CRISIS_MEDIUM, AT_LEAST);
	check_table(m, high, ARRAY_LEN(high), CRISIS_HIGH);
}

/*
 * Words someone else said, in quotation marks after "my sister texted", are
 * theirs: medium, one calm line with 988 for someone the person cares
 * about (all read high before 2026-11-30, fourth session).  The person's
 * own words around a quotation, or a quotation they gave, stay high.
 */
static void test_someone_elses_quoted_words_read_medium(void **state)
{
	static const char *const medium[] = {
		"My daughter wrote \xe2\x80\x9cI want to die\xe2\x80\x9d in her notebook and I found it "
		"this morning.",
		"my mom texted me 'i want to die'",
		"my mom texted me \xe2\x80\x98i want to die\xe2\x80\x99", /* ‘ ’ */
		"My dad said, \xe2\x80\x9cYou\xe2\x80\x99"
		"d all be better off without me.\xe2\x80\x9d",
		/* a quotation of two sentences is theirs to its close */
		"My sister texted \xe2\x80\x9cI can\xe2\x80\x99t go on. I want to kill myself.\xe2\x80\x9d",
		"my friend posted \xc2\xabI want to kill myself\xc2\xbb on her story", /* « » */
		"he wrote \xe2\x80\x9eI want to end my life\xe2\x80\x9c in the group chat", /* „ “ */
		"my bf texted me \"i want to kill myself\" and now he wont answer",
		/* someone else, named by a word "third" did not have before */
		"my teammate said theres no point in living",
		/* an "I" before the person is no "I" in their words */
		"I\xe2\x80\x99m worried about my roommate, she said \xe2\x80\x9c"
		"everyone would be better off without me.\xe2\x80\x9d",
	};
	static const char *const high[] = {
		"I told my friend \xe2\x80\x9cI want to die\xe2\x80\x9d",
		"Texted my best friend tonight: \xe2\x80\x9cI want to die.\xe2\x80\x9d",
		"My friend said \"hi\" and I want to die",
		"my mom said 'you're fine' but i want to die",
		"she said 'its fine' and i'm going to kill myself",
		/* a quotation that never closes is no quotation */
		"My friend said \"i want to die",
		"my mom texted me 'i want to die",
		/* an "I" after the person gives the quotation */
		"My friend asked how I was and I said \xe2\x80\x9cI want to die\xe2\x80\x9d",
		/* one that opens a sentence: no one else was named in it */
		"My friend asked how I was. \xe2\x80\x9cI want to die,\xe2\x80\x9d I said.",
		"\xe2\x80\x9cI want to die\xe2\x80\x9d is all I think",
		/* apostrophes are no quotation marks */
		"my friends' parents said i want to die",
		"my friend's brother said he's fine but i don't want to live",
	};

	check_table(builtin(state), medium, ARRAY_LEN(medium), CRISIS_MEDIUM);
	check_table(builtin(state), high, ARRAY_LEN(high), CRISIS_HIGH);
}

/*
 * A quotation named after its words is someone else's, too: medium (read
 * high before the fifth session of 2026-11-30).  Only when the words right
 * after it name them and a giving word; the person's own words stay high.
 */
static void test_quoted_words_named_after_them_read_medium(void **state)
{
	static const char *const medium[] = {
		"\xe2\x80\x9cI want to die,\xe2\x80\x9d my daughter said",
		"\xe2\x80\x9cI want to die,\xe2\x80\x9d said my little sister.",
		"\"i want to die\" she said",
		"'i want to kill myself' my brother texted me last night",
		"\xe2\x80\x9cI want to kill myself.\xe2\x80\x9d My son said that to me last night.",
		"\xe2\x80\x9cI want to die,\xe2\x80\x9d my best friend wrote to me",
		/* the quotation's later words wait for the close, too */
		"\xe2\x80\x9cI want to kill myself and I have a plan and I mean it this time,"
		"\xe2\x80\x9d my dad texted",
	};
	static const char *const high[] = {
		/* the writer speaks first */
		"\xe2\x80\x9cI want to die,\xe2\x80\x9d I told my mom",
		"\"I want to die\" is what I told my sister",
		/* other words first: "and" */
		"\xe2\x80\x9cI want to die\xe2\x80\x9d and she said nothing",
		"\xe2\x80\x9cI want to die\xe2\x80\x9d and my mom said to call someone",
		/* the giving word gives the quotation that opens after it */
		"\xe2\x80\x9cI want to kill myself.\xe2\x80\x9d My sister said \xe2\x80\x9c"
		"don't say that\xe2\x80\x9d",
		"\xe2\x80\x9cI want to die,\xe2\x80\x9d my daughter said, \xe2\x80\x9c"
		"and I mean it.\xe2\x80\x9d",
		/* no giving word */
		"\xe2\x80\x9cI want to die,\xe2\x80\x9d my therapist heard me say",
		"I keep thinking \xe2\x80\x9cI want to die\xe2\x80\x9d over and over",
		/* a giving word too far after the close */
		"\xe2\x80\x9cI want to die\xe2\x80\x9d my mom who lives far away from here said",
		/* no quotation */
		"I want to die my daughter said",
	};

	check_table(builtin(state), medium, ARRAY_LEN(medium), CRISIS_MEDIUM);
	check_table(builtin(state), high, ARRAY_LEN(high), CRISIS_HIGH);
}

/*
 * Someone who "passed" is no recovery: "since my wife passed" beside
 * ideation read medium, as "the urge passed" does (fifth session of
 * 2026-11-30).  A feeling that passed still lowers the line.
 */
static void test_a_death_that_passed_is_no_recovery(void **state)
{
	static const char *const high[] = {
		"I want to die since my grandma passed away",
		"Since my wife passed I just want to die too",
		"i think about suicide every night since my husband passed",
		"Once my mother passes I am going to kill myself",
	};
	static const char *const medium[] = {
		"I wanted to die for years but that passed",
		"I wanted to kill myself last year but the urge passed",
		"I was suicidal after my divorce, but it passed with help from my sister",
	};

	check_table(builtin(state), high, ARRAY_LEN(high), CRISIS_HIGH);
	check_table(builtin(state), medium, ARRAY_LEN(medium), CRISIS_MEDIUM);
}

/*
 * Someone who "is gone" is no recovery either (sixth session of
 * 2026-11-30): "my wife is gone" beside ideation read medium, as "the
 * urge is gone" does.  "is gone" and "are gone" are recovery now only
 * with a feeling before them, or with "now" after them.
 */
static void test_a_loss_that_is_gone_is_no_recovery(void **state)
{
	static const char *const high[] = {
		"My dad is gone and I just want to die",
		"now that my wife is gone I have nothing left to live for",
		"when everyone is gone this weekend I'm going to take all my pills",
		"my job is gone, my marriage is gone, and I want to kill myself",
	};
	static const char *const medium[] = {
		"I used to want to kill myself but those thoughts are gone now",
		"I wanted to die last year, but the urge is gone",
		"the urge to cut is gone now",
	};
	static const char *const none[] = {
		"my dog is gone and i cried all day",
	};

	check_table(builtin(state), high, ARRAY_LEN(high), CRISIS_HIGH);
	check_table(builtin(state), medium, ARRAY_LEN(medium), CRISIS_MEDIUM);
	check_table(builtin(state), none, ARRAY_LEN(none), CRISIS_NONE);
}

/*
 * An urge that "is gone" (or "went away") right after it is a negation,
 * as "the urge is gone" is (seventh session of 2026-11-30: "the urge to
 * cut is gone" read high, the urge standing words before "is gone").
 * Only right after the urge: "I want to die, everything is gone" and "I
 * want to die my hope is gone" stay high.
 */
static void test_an_urge_that_is_gone_reads_medium(void **state)
{
	static const char *const medium[] = {
		"the urge to cut is gone",
		"the urge to cut myself is gone",
		"my urge to kill myself is gone",
		"the urge to die is gone",
		"the urge to hurt myself has gone away",
		"the urges to cut are gone and i have no thoughts of dying just a rough day",
	};
	static const char *const high[] = {
		"i want to die everything is gone",
		"i want to die my hope is gone",
		"I want to die, everything is gone",
		"i want to cut myself everything is gone",
	};

	check_table(builtin(state), medium, ARRAY_LEN(medium), CRISIS_MEDIUM);
	check_table(builtin(state), high, ARRAY_LEN(high), CRISIS_HIGH);
}

/*
 * "I could just die" of embarrassment or delight is an idiom: the rule
 * want-die read it through the want phrase "could just", high, and the
 * weights only lowered it to medium (seventh session of 2026-11-30).  It
 * is now lowered by context (could-just-die), so the weights may let it
 * go; wishing, thinking or feeling that one could just die reads high by
 * a rule of its own (wish-could-die), and the words alone stay medium.
 */
static void test_i_could_just_die_is_an_idiom_and_wishing_it_is_not(void **state)
{
	static const char *const none[] = {
		"I could just die, he actually remembered my name!",
		"I'm so embarrassed I could just die.",
		"Ugh, I could just die, I waved at someone who wasn't waving at me.",
	};
	static const char *const high[] = {
		"i wish i could just die tonight",
		"Every night I lie in bed wishing I could just die.",
		"sometimes i think i could just die and nobody would care",
		"I feel like I could just die",
		"I whish I could just die tonite.",
		"i wish so badly that i could just die",
	};
	static const char *const medium[] = {
		"i could just die",
	};

	check_table(builtin(state), none, ARRAY_LEN(none), CRISIS_NONE);
	check_table(builtin(state), high, ARRAY_LEN(high), CRISIS_HIGH);
	check_table(builtin(state), medium, ARRAY_LEN(medium), CRISIS_MEDIUM);
}

/*
 * A trap in a game is a game's (seventh session of 2026-11-30: "We got
 * trapped in the dungeon and the whole party died" read trapped-until-die
 * high, and the weights could only lower it to medium): a pit trap, a
 * trap room, a dungeon, a rogue, a squad in the final circle silence that
 * rule alone.  A knife skills class is a class (means-plan).  Being
 * trapped in a life, a dungeon of one included, stays high.
 */
static void test_a_trap_in_a_game_and_a_knife_skills_class_are_not_warning_signs(void **state)
{
	static const char *const none[] = {
		"We got trapped in the dungeon and the whole party died.",
		"bro i fell into the trap room in the dungeon and the whole party died lol",
		"Our squad got trapped in the final circle and died to the storm.",
		"Knife skills class tonight: how to debone a chicken and dice an onion fast.",
	};
	static const char *const high[] = {
		"i feel so trapped theres no way out but dying",
		"I'm trapped in this dungeon of a life and dying is the only way out",
		"my squad is fine but i feel trapped and want to die",
		"I have a plan: the knife in the kitchen drawer, tonight",
	};

	check_table(builtin(state), none, ARRAY_LEN(none), CRISIS_NONE);
	check_table(builtin(state), high, ARRAY_LEN(high), CRISIS_HIGH);
}

/*
 * The first writers' register (ninth session of 2026-11-30): everyday
 * lines that say the alarming word plainly, from rounds 110-111, written
 * for training in the manner of dev.tsv's ordinary lines.  With the
 * weights trained on them a mishap that says "I want to die" or "nearly
 * killed myself" no longer interrupts (high before), and a pharmacist's
 * dose, a will's letters and not wanting to be a burden for a lift are
 * ordinary (medium before; the dose read medium again while lowered-below
 * was -5).  By the thresholds the rules chose with them, "would rather
 * die" is heard again (silenced-at 1: none before).  Risk in the same
 * words still reads high.
 */
static void test_the_first_writers_everyday_words_of_death_do_not_alarm(void **state)
{
	static const char *const medium[] = {
		"I accidently replied-all to the whole company with my lunch order, I want to die",
		"I nearly killed myself tripping over my son's Lego on the way to the bathroom at 3am.",
		"honestly i would rather die than go back to that house",
	};
	static const char *const none[] = {
		"The pharmacist explained how many pills I can take in a day for the migraine.",
		"I dont want to be a burden on my parents so I got a wekend job to pay for textbooks",
		"I\xe2\x80\x99m writing letters to go with my will so the grandkids know why I chose what I did.",
		"I worried I'd be a burden asking my son for lifts to the clinic, but he said it was "
		"the best part of his week.",
	};
	static const char *const high[] = {
		"I want to die",
		"I'm a burden on my parents and they'd be better off without me",
		"I've been asking how many pills it would take to not wake up",
		"I nearly killed myself last night and I'm still shaking",
	};

	check_table(builtin(state), medium, ARRAY_LEN(medium), CRISIS_MEDIUM);
	check_table(builtin(state), none, ARRAY_LEN(none), CRISIS_NONE);
	check_table(builtin(state), high, ARRAY_LEN(high), CRISIS_HIGH);
}

/*
 * Antidepressants, sedatives and opioids by name are means (ninth session
 * of 2026-11-30): "im stockpiling my antidepressants" and "I counted out
 * all my xanax tonight" read none before (`means` held pills, insulin,
 * paracetamol, not the names).  Taking them as prescribed stays ordinary.
 */
static void test_a_medicine_by_its_name_is_a_means(void **state)
{
	static const char *const high[] = {
		"im stockpiling my antidepressants",
		"I've been saving up my sertraline to take all at once",
		"I counted out all my xanax tonight",
	};
	static const char *const none[] = {
		"I take my antidepressants every morning with breakfast",
		"My doctor is switching my antidepressant next month",
	};

	check_table(builtin(state), high, ARRAY_LEN(high), CRISIS_HIGH);
	check_table(builtin(state), none, ARRAY_LEN(none), CRISIS_NONE);
}

/*
 * Wishing the car would leave the road is an accident wished for (ninth
 * session of 2026-11-30): "went off a bridge", "slid off the road", "into
 * the ditch" joined `accident`, so "it wouldn't be so bad if my car went
 * off a bridge" and "hoping I'd slide off the road" read high (medium
 * before: the first only as `end-self` under a conditional's "if my").  A
 * car that slid off the road, told as past and fine, stays ordinary.
 */
static void test_wishing_the_car_off_the_road_reads_high(void **state)
{
	static const char *const high[] = {
		"honestly it wouldn't be so bad if my car went off a bridge",
		"Driving home on the ice tonight I caught myself hoping I'd slide off the road.",
		"it would be fine if I just went off the road on the way home",
	};
	static const char *const none[] = {
		"My car slid off the road into a ditch on the ice last night but I'm totally fine",
	};

	check_table(builtin(state), high, ARRAY_LEN(high), CRISIS_HIGH);
	check_table(builtin(state), none, ARRAY_LEN(none), CRISIS_NONE);
}

/*
 * A gun held to the head, in the mouth or under the chin is a strong
 * phrase (ninth session of 2026-11-30): before, "I want to put a gun to my
 * head" and "I held a gun to my head" read none, and "i had the gun in my
 * mouth" medium.  The idiom that wagers the phrase is heard at medium.
 */
static void test_a_gun_to_ones_own_head_reads_high(void **state)
{
	static const char *const high[] = {
		"I want to put a gun to my head",
		"I held a gun to my head last night",
		"i had the gun in my mouth",
		"thinking about the shotgun under my chin again",
		"put the pistol to my head and couldn't do it",
	};
	static const char *const medium[] = {
		"if you put a gun to my head i couldnt tell you who won the world cup",
	};

	check_table(builtin(state), high, ARRAY_LEN(high), CRISIS_HIGH);
	check_table(builtin(state), medium, ARRAY_LEN(medium), CRISIS_MEDIUM);
}

/*
 * Someone else named with a last "s" just before a means owns it (tenth
 * session of 2026-11-30): "my dad's pistol", "my brothers razor" are no
 * one else acting, so the someone-else modifier does not lower what
 * follows.  Before, these read medium.  A means that ends in "s" too
 * ("pills") once hid the owner's "s" (the first version kept only the
 * last such word).  "my brother's thinking about"
 * ("brother is") and someone else's own gun to the head still read
 * medium.
 */
static void test_a_possessive_before_a_means_is_its_owner(void **state)
{
	static const char *const high[] = {
		"I held my dad's pistol to my head",
		"i took my brothers razor to my wrist",
		"I held my dads gun to my head",
		"Last week I took my father's gun and hid it in my room for when I'm ready.",
		"i keep my grandpas shotgun in my closet now for when i decide",
		"my brothers pills, i took them all last night",
		"my parents sleeping pills, i took them all",
	};
	static const char *const medium[] = {
		"my brother's thinking about killing himself",
		"my brother held a gun to his head last night",
	};

	check_table(builtin(state), high, ARRAY_LEN(high), CRISIS_HIGH);
	check_table(builtin(state), medium, ARRAY_LEN(medium), CRISIS_MEDIUM);
}

/*
 * A corner is no trap (tenth session of 2026-11-30): `trapped` held
 * "cornered", whose stem is "corner", so "the corner shop" and "the
 * corner of the maze level" read as trapped, and a death beside them as
 * trapped-until-die, high, which the weights lowered to medium.  Now
 * `trapped` holds "am (feel, felt, so, completely, was, me ...)
 * cornered" and "backed into a corner".  Being cornered still reads.
 */
static void test_a_corner_is_no_trap(void **state)
{
	static const char *const none[] = {
		"Mr. Okafor, who ran the corner shop for forty years, died last week — the "
		"whole street’s in mourning.",
		"The lady who ran the corner shop died, she knew evryone's name in the village",
		"I got trapped in the corner of the maze level and my charater died of poison",
		"we met at the corner shop and I cried telling her about the divorce",
	};
	static const char *const high[] = {
		"im cornered fr, no way out except ending it",
		"I feel cornered and I want to die",
		"backed into a corner with no way out but dying",
		"I was so cornered I wanted to die",
	};
	static const char *const medium[] = {
		"Every door is closed. I'm cornered.",
		"i feel cornered by my own life",
	};

	check_table(builtin(state), none, ARRAY_LEN(none), CRISIS_NONE);
	check_table(builtin(state), high, ARRAY_LEN(high), CRISIS_HIGH);
	check_table(builtin(state), medium, ARRAY_LEN(medium), CRISIS_MEDIUM);
}

/*
 * Rounds 112-113 and 116-117, ordinary lines in the first writers'
 * register, trained on in the tenth session of 2026-11-30 (medium
 * before, by the weights or a medium rule the weights let go now).  The
 * same signs said of oneself still read high beside them.
 */
static void test_the_register_of_rounds_112_to_117_does_not_alarm(void **state)
{
	static const char *const none[] = {
		"The ferry is closed, so there's no way out of the island until Monday.",
		"My pager went off four times last night and every time it was someone's worst "
		"day.",
		"When my guild leader quit the game, I felt like I'd lost a real friend.",
		"I cant take it anymore with the construction noise outside my window at 7am, "
		"going to complain to the council",
		"I broke my wrist falling off a ladder in March and felt like such a burden on my "
		"wife while it healed, but she says she quite liked being in charge.",
		"I ran a workshop for apprentices on how to ask a mate if he's thinking about "
		"suicide.",
	};
	static const char *const high[] = {
		"I can't take it anymore, I want to die tonight",
		"there's no way out for me except ending it",
		"I feel like such a burden, everyone would be better off without me",
	};

	check_table(builtin(state), none, ARRAY_LEN(none), CRISIS_NONE);
	check_table(builtin(state), high, ARRAY_LEN(high), CRISIS_HIGH);
}

/*
 * Rounds 119-122 (eleventh session of 2026-11-30): the signs as people type
 * them on a bad night, in fragments and understatement, read none before
 * ("let me die", "just overdosed", "sorry for existing").  The idioms that
 * share their words stay ordinary, and someone else's overdose stays medium.
 */
static void test_fragments_of_a_bad_night_are_heard(void **state)
{
	static const char *const high[] = {
		"let me die",
		"please just let me die",
		"just overdosed",
		"overdosed.",
		"sorry for existing",
		"honestly sorry i exist",
		"swallowed them all",
		"i'm so done with being alive",
		"alive, unfortunately",
		"tired of existing",
		"took them all",
		"hiding my blades in a tampon box again",
		/* "abt", "tryna", "thru": shorthand for about, trying to, through */
		"been thinking abt suicide a lot lately",
		"im tryna die tbh",
		"hoping i dont make it thru the night",
	};
	static const char *const none[] = {
		"I will die on this hill: pineapple belongs on pizza",
		"let me die of embarrassment",
		"overdosed on garlic in the pasta lol",
		"the trailer gave it all away",
		"I took early retirement from the bank",
	};
	static const char *const medium[] = {
		"my sister overdosed last night",
	};

	check_table(builtin(state), high, ARRAY_LEN(high), CRISIS_HIGH);
	check_table(builtin(state), none, ARRAY_LEN(none), CRISIS_NONE);
	check_table(builtin(state), medium, ARRAY_LEN(medium), CRISIS_MEDIUM);
}

/*
 * "Any more" is how many people spell "anymore" (the forty-fifth rule, 2026-12-02):
 * before it, "I dont want to live any more" read medium, lowered as if come
 * through by `recovery`'s bare "any more", and "because I couldn't bear it
 * any more" read none.  A recovery still lowers with "not any more", and
 * "any more" as a quantity stays ordinary.
 */
static void test_any_more_reads_as_anymore(void **state)
{
	static const char *const high[] = {
		"I dont want to live any more",
		"i cant take it any more, the pain is to much",
		"i don't want to be here any more",
		"I can't do this any more",
	};
	static const char *const medium[] = {
		"I used to cut, but not any more",
		"I wanted to die for years, but not any more", /* high without it */
	};
	static const char *const none[] = {
		"we don't need any more eggs, there are six in the fridge",
		"I can't eat any more cake tonight",
	};
	const struct matcher *m = builtin(state);

	check_table(m, high, ARRAY_LEN(high), CRISIS_HIGH);
	check_table(m, medium, ARRAY_LEN(medium), CRISIS_MEDIUM);
	check_table(m, none, ARRAY_LEN(none), CRISIS_NONE);
}

/*
 * Rounds 119 and 121-124 (trained on; 120 and 125 are held out) held the
 * same signs in words the lexicon still lacked (twelfth session of
 * 2026-11-30): death or dying that "sounds good", a sleep that is the
 * last, a future "cancelled", "one less of me", letters sent as the last
 * ones.  Read none (or medium, for the last sleep) before.
 * The ordinary lines that share their words stay none.
 */
static void test_a_bad_night_in_other_words_is_heard(void **state)
{
	static const char *const high[] = {
		"being dead sounds good right now",
		"let tonight be my last sleep",
	};
	static const char *const medium[] = {
		"dying sounds good to me",
		"come get me death",
		"my future is cancelled",
		"one less of me would help everyone",
		"my head will not stop screaming",
		"last letters sent",
		/* a sound engineer's "dead": the calm line, not none, since the
		 * weights were trained with copies in context (crisis-train
		 * --augment), which read a clause after a warning sign as no
		 * evidence; kept here so that a change that lets it go is seen
		 * (tests/data/crisis/README.md, "The tenth rule") */
		"dead sounds good in this mix, turn the reverb down",
	};
	static const char *const none[] = {
		"the cherry blossoms are dying, sounds like spring is over",
		"the letters are done for the wedding invitations",
		"my baby wont stop screaming at night",
	};

	check_table(builtin(state), high, ARRAY_LEN(high), CRISIS_HIGH);
	check_table(builtin(state), medium, ARRAY_LEN(medium), CRISIS_MEDIUM);
	check_table(builtin(state), none, ARRAY_LEN(none), CRISIS_NONE);
}

/*
 * A gym, a climbing harness, a fishing trip beside a means say why someone
 * bought a rope or a rifle; they said nothing about swallowing pills, and
 * until the eleventh session of 2026-11-30 they lowered that too (they were
 * medicine's words, med-literal): "went to the gym this morning and then
 * took every pill in the cabinet" read medium, and with 30 pills none (a
 * count was no amount until then).
 */
static void test_an_activity_explains_buying_not_swallowing(void **state)
{
	static const char *const high[] = {
		"went to the gym this morning and then took every pill in the cabinet when i "
		"got home",
		"after the gym i took every pill in the cabinet",
		"after my fishing trip i took all my pills at once",
		/* a count of ten to 999 swallowed is an amount (took-count-means) */
		"went to the gym this morning and then took 30 pills when i got home",
		"bro i took like 30 pills last night and just threw up",
		"swallowed 40 of my sleeping tablets",
		/* a count the lexicon holds as a word of its own keeps its
		 * phrases ("72 hour hold") and is a count too */
		"i was on a 72 hour hold last month",
		"took 100 pills",
	};
	static const char *const none[] = {
		"I took my hunting rifle to the range today",
		"got a new harness and rope for the climbing gym",
		"we took 20 kids to the zoo",
		"took 15 minutes to find parking",
		"headache, took 2 pills",
		"I didn't wake up until 10 and missed the bus",
	};

	check_table(builtin(state), high, ARRAY_LEN(high), CRISIS_HIGH);
	check_table(builtin(state), none, ARRAY_LEN(none), CRISIS_NONE);
}

/*
 * Someone else with a gun to their own head (tenth session of 2026-11-30;
 * none before): a firearm held to his, her or their head or temple, in
 * the mouth or under the chin is the high rule gun-their-head, which the
 * someone-else modifier lowers to medium, one calm line with 988, which
 * helps the person who is worried.  Before, "my brother held a gun to his
 * head last night" read none: the strong phrases say "my head", and no
 * rule paired a firearm with another's head.  One's own head still reads
 * high.
 */
static void test_someone_else_with_a_gun_to_the_head_reads_medium(void **state)
{
	static const char *const medium[] = {
		"my brother held a gun to his head last night",
		"my dad keeps talking about putting a gun to his own head",
		"She held the pistol to her temple and I screamed",
		"my son has been sitting in the truck with his rifle in his mouth",
	};
	static const char *const high[] = {
		"I held a gun to my head last night",
	};

	check_table(builtin(state), medium, ARRAY_LEN(medium), CRISIS_MEDIUM);
	check_table(builtin(state), high, ARRAY_LEN(high), CRISIS_HIGH);
}

/*
 * Everyday senses read from rounds 110-111's register (ninth session of
 * 2026-11-30; medium before): a biopsy that came back clear is no wish
 * for bad news, a dose forgotten and taken at lunch no overdose, an
 * oversleeper's "didn't wake up until" no wish not to wake (lowered to
 * medium, and let go where the weights agree, unless a wish stands
 * between), a nurse's suicide risk screenings her work.  The wish itself
 * still reads high beside each of them.
 */
static void test_a_clear_biopsy_a_forgotten_pill_and_an_oversleeper_are_ordinary(void **state)
{
	static const char *const none[] = {
		"I was relieved when the biopsy came back clear.",
		"forgot to take my pill this morning so i took it at lunch",
		"I overslept and didn't wake up until my sponsor called asking where I was for "
		"coffee.",
		"As a nurse I did suicide risk screenings on every new admission today.",
	};
	static const char *const high[] = {
		"I'd be relieved if the biopsy came back bad",
		"I overslept and honestly I wish I'd never woken up at all",
		"I overslept again, I hope one day I just don't wake up",
		"I've been saving up the pills I was supposed to take",
	};

	check_table(builtin(state), none, ARRAY_LEN(none), CRISIS_NONE);
	check_table(builtin(state), high, ARRAY_LEN(high), CRISIS_HIGH);
}

/*
 * "I can't take it anymore" at a barking dog, a neighbour's drill or a
 * jammed printer is not a warning sign (eighth session of 2026-11-30:
 * medium before).  Words of risk beside the noise still read, and a
 * drill or a song in one's head is no neighbour's.
 */
static void test_a_noise_one_cannot_take_anymore_is_not_a_warning_sign(void **state)
{
	static const char *const none[] = {
		"I can't take it anymore, the neighbour's dog has been barking since 6am",
		"cant take it anymore the upstairs flat has been drilling all morning",
		"i cant take it anymore this printer jams every time i print",
	};
	static const char *const high[] = {
		"I can't take it anymore, the neighbours dog barks all night and I want to die",
		"cant sleep, car alarm outside again, i want to kill myself",
	};
	static const char *const heard[] = {
		"i cant take it anymore, the drilling in my head won't stop",
		"this song has been stuck in my head since the funeral and i cant go on without her",
	};

	check_table(builtin(state), none, ARRAY_LEN(none), CRISIS_NONE);
	check_table(builtin(state), high, ARRAY_LEN(high), CRISIS_HIGH);
	check_rows(builtin(state), heard, ARRAY_LEN(heard), CRISIS_MEDIUM, AT_LEAST);
}

/*
 * A goodbye at a life's turn (a new job, a leaving do, a new city) is
 * not a warning sign (eighth session of 2026-11-30: medium before).  A
 * "but" between the two keeps the goodbye ("they think it's for my new
 * job but it's goodbye for good"), and one that points past the turn
 * still reads.
 */
static void test_a_goodbye_at_a_life_s_turn_is_not_a_warning_sign(void **state)
{
	static const char *const none[] = {
		"I'm going to say goodbye to everyone at my leaving party on Thursday.",
		"Saying my goodbyes to everyone this week, my flight to Lisbon is on Saturday!",
		"I'm handing in my notice and saying goodbye to everyone on Monday.",
		"said goodbye to everyone at the shelter, i finally got my own apartment",
		"said my goodbyes at the leaving do, new city here i come",
	};
	static const char *const heard[] = {
		"I said goodbye to everyone today, they think it's for my new job but it's goodbye "
		"for good",
		"I'm going to say goodbye to everyone on my last shift, they just won't know it's "
		"goodbye",
		"goodbye for good, everyone. they think i'm moving to a new city",
	};

	check_table(builtin(state), none, ARRAY_LEN(none), CRISIS_NONE);
	check_rows(builtin(state), heard, ARRAY_LEN(heard), CRISIS_MEDIUM, AT_LEAST);
}

/*
 * A strong phrase that context lowered (a job or a flat left, not a life)
 * is let go when the weights read the line far from risk, two points
 * further below than other rules (sixth session of 2026-11-30: these read
 * medium whatever the weights said).  One that context did not lower
 * stays high, and one whose line the weights read as risk, or not far
 * enough from it, stays medium.
 */
static void test_a_lowered_strong_phrase_far_from_risk_is_let_go(void **state)
{
	static const char *const none[] = {
		"Said my final goodbyes to the team at my leaving do, the new job starts Monday.",
		"We said our final goodbyes to the flat this morning and handed the keys to the landlord.",
		/* about -5.3: below lowered-below (-3 since the ninth session of
		 * 2026-11-30) by more than the strong phrase's two points; medium
		 * while lowered-below was -5 */
		"Final goodbye to my old truck today, sold it to the neighbour's kid.",
	};
	static const char *const medium[] = {
		"final goodbye to my old truck, i wont need it where im going",
	};
	static const char *const high[] = {
		"I said my final goodbyes to everyone, I'm going to kill myself tonight",
		"my final goodbye to all of you, i cant do this anymore",
	};

	check_table(builtin(state), none, ARRAY_LEN(none), CRISIS_NONE);
	check_table(builtin(state), medium, ARRAY_LEN(medium), CRISIS_MEDIUM);
	check_table(builtin(state), high, ARRAY_LEN(high), CRISIS_HIGH);
}

/*
 * Rope for a tire swing, a boat or a tarp is rope (fifth session of
 * 2026-11-30: read high or medium before); rope for oneself, or "not for
 * the boat", is still a means.
 */
static void test_rope_for_a_swing_or_a_boat_is_rope(void **state)
{
	static const char *const none[] = {
		"bought rope for the boat and a new anchor summer here we come",
		"Buying a rope ladder for the kids' treehouse this weekend.",
		"bought a new rope for the tire swing in the backyard",
		"I'm going to buy some rope tomorrow to tie down the load on the trailer.",
	};
	static const char *const high[] = {
		"i bought a rope today",
		"I bought a rope \xe2\x80\x94 I told the cashier it was for camping.",
		"I bought a rope and I'm going to hang myself from the swing",
		"bought a rope, not for the boat",
	};

	check_table(builtin(state), none, ARRAY_LEN(none), CRISIS_NONE);
	check_table(builtin(state), high, ARRAY_LEN(high), CRISIS_HIGH);
}

/* Quotation marks that never close, by the hundred thousand, are read in
 * one pass and to the end. */
static void test_a_line_of_unclosed_quotation_marks_is_read_to_the_end(void **state)
{
	static const char *const unit[] = { "\xe2\x80\x9c", "'a ", "my sister said \"",
					    "\xc2\xab" };
	size_t u;

	for (u = 0; u < ARRAY_LEN(unit); u++) {
		char *text =
		    long_line(unit[u], 64 * 1024 * strlen(unit[u]), " I want to kill myself");
		assert_int_equal(matcher_tier(builtin(state), text, NULL), CRISIS_HIGH);
		free(text);
	}
}

/* Idioms are lowered only for the rules they name; "lol" is not laughter. */
static void test_idiom_modifiers_lower_only_their_own_rules(void **state)
{
	const struct matcher *m = builtin(state);

	/* the weights never raise a line a targeted idiom silenced */
	assert_int_equal(matcher_tier(m, "I was killing myself laughing", NULL), CRISIS_NONE);
	assert_int_equal(matcher_tier(m, "kms lol", NULL), CRISIS_HIGH);
	assert_int_equal(matcher_tier(m, "I cut myself a slice of cake", NULL), CRISIS_NONE);
	assert_int_equal(matcher_tier(m, "I cut myself on purpose again", NULL), CRISIS_HIGH);
	assert_int_equal(matcher_tier(m, "there's no way out of this parking garage", NULL),
			 CRISIS_NONE);
	assert_int_equal(matcher_tier(m, "I feel trapped, there's no way out", NULL), CRISIS_HIGH);
	assert_int_equal(matcher_tier(m, "I feel trapped", NULL), CRISIS_MEDIUM);
}

/*
 * Words people disguise (unmask.h) read as the words they stand for: each
 * disguised line reads exactly as its plain twin, and that is never none.
 */
static void test_disguised_words_read_as_the_words_they_stand_for(void **state)
{
	static const char *const pairs[][2] = {
		{ "i want to k*ll myself", "i want to kill myself" },
		{ "thinking abt k*lling myself again", "thinking abt killing myself again" },
		{ "been having s*icidal thoughts", "been having suicidal thoughts" },
		{ "su*cide is on my mind every day", "suicide is on my mind every day" },
		{ "i want to unal*ve myself", "i want to unalive myself" },
		{ "i want to k!ll myself", "i want to kill myself" },
		/* "¡" inside a word (seventh session of 2026-11-30; read as a
		 * separator before, "k ll") */
		{ "i want to k\xc2\xa1ll myself", "i want to kill myself" },
		{ "\xc2\xa1hola! thinking about su\xc2\xa1"
		  "c\xc2\xa1"
		  "de",
		  "hola! thinking about suicide" },
		{ "i want to k1ll myself", "i want to kill myself" },
		{ "i want to ki11 myself", "i want to kill myself" },
		{ "thinking about su1c1de", "thinking about suicide" },
		{ "n0t s*icid*l, just tired", "not suicidal, just tired" },
		{ "a*b c*d e*f g*h i*j k*l m*n i want to k*ll myself",
		  "a*b c*d e*f g*h i*j k*l m*n i want to kill myself" },
		{ "s-u-i-c-i-d-e", "suicide" },
		{ "i want to d*e", "i want to die" },
		{ "i want to d!e", "i want to die" },
		{ "k.m.s", "kms" },
		{ "i tried to o.d. last weekend", "i tried to od. last weekend" },
		{ "$elf h*rm again tonight", "self harm again tonight" },
		{ "wish i was d3ad", "wish i was dead" },
		/* letters spaced out one by one (fifth session of 2026-11-30) */
		{ "i want to k i l l myself", "i want to kill myself" },
		{ "k i l l m y s e l f", "kill myself" },
		{ "thinking about s u i c i d e a lot", "thinking about suicide a lot" },
		{ "there is n o p o i n t anymore", "there is no point anymore" },
		{ "i want to d i e", "i want to die" },
		{ "I c a n t go on", "I cant go on" },
		/* ｋｉｌｌ ｍｙｓｅｌｆ; 𝓲 𝔀𝓪𝓷𝓽 𝓽𝓸 𝓭𝓲𝓮 (script); ⓚⓘⓛⓛ ⓜⓨⓢⓔⓛⓕ */
		{ "\xef\xbd\x8b\xef\xbd\x89\xef\xbd\x8c\xef\xbd\x8c \xef\xbd\x8d\xef\xbd\x99\xef\xbd\x93\xef\xbd\x85\xef\xbd\x8c\xef\xbd\x86",
		  "kill myself" },
		{ "\xf0\x9d\x93\xb2 \xf0\x9d\x94\x80\xf0\x9d\x93\xaa\xf0\x9d\x93\xb7\xf0\x9d\x93\xbd "
		  "\xf0\x9d\x93\xbd\xf0\x9d\x93\xb8 \xf0\x9d\x93\xad\xf0\x9d\x93\xb2\xf0\x9d\x93\xae",
		  "i want to die" },
		{ "\xe2\x93\x9a\xe2\x93\x98\xe2\x93\x9b\xe2\x93\x9b \xe2\x93\x9c\xe2\x93\xa8\xe2\x93\xa2\xe2\x93\x94\xe2\x93\x9b\xe2\x93\x95",
		  "kill myself" },
	};
	const struct matcher *m = builtin(state);
	size_t i, wrong = 0;

	for (i = 0; i < ARRAY_LEN(pairs); i++) {
		const char *why, *plain_why;
		enum crisis_tier got = matcher_tier(m, pairs[i][0], &why);
		enum crisis_tier plain = matcher_tier(m, pairs[i][1], &plain_why);
		if (got != plain || got == CRISIS_NONE || strcmp(why, plain_why) != 0) {
			print_error("\"%s\" reads %s (%s), \"%s\" %s (%s)\n", pairs[i][0],
				    crisis_tier_name(got), why, pairs[i][1],
				    crisis_tier_name(plain), plain_why);
			wrong++;
		}
	}
	if (wrong > 0)
		fail_msg("%zu of %zu disguised lines read otherwise than their plain twins", wrong,
			 ARRAY_LEN(pairs));
}

/*
 * What people disguise in ordinary lines stays ordinary: a censored swear
 * word is read as itself ("sh*t" was read as "sh", self-harm, and "t"),
 * and numbers, times, prices and abbreviations stay as they are.
 */
static void test_disguised_ordinary_words_stay_ordinary(void **state)
{
	static const char *const ordinary[] = {
		"I feel like sh*t today",
		"I sh*t myself laughing at that video",
		"sh!7, the wifi is down again",
		"this sh*t is wild",
		"f**k mondays",
		"meet at 3pm on the 4th",
		"it cost $50 at the 2nd shop",
		"at 5 a.m. i woke up for the u.s.a game, e.g. the final",
		"@home all day, email me@work.com",
		"my i7 laptop and the ps5 both died today",
		/* one-letter words that spell nothing, or nothing of a concept */
		"a b c",
		"U S A all the way",
		"p s i love you",
		"my grades this term: a b c d e",
	};

	check_table(builtin(state), ordinary, ARRAY_LEN(ordinary), CRISIS_NONE);
}

/*
 * A disguise no word fits reads as it always did: split where the mark
 * stands (a '!' or '.' ending a sentence), digits kept in the word.
 */
static void test_a_disguise_no_word_fits_reads_as_before(void **state)
{
	static const char *const same[][2] = {
		{ "i want to k*zz myself", "i want to k zz myself" },
		{ "wow!i want to die", "wow! i want to die" },
		{ "x.y.z i want to die", "x. y. z i want to die" },
		{ "no more l8r i want to die", "no more l8r i want to die" },
		{ "i want to die*lol", "i want to die lol" },
		/* a token too long to be one word: its parts, as always */
		{ "uuuuuuuuuuuuuuuuuuuuuuuuuuuuu*kms", "uuuuuuuuuuuuuuuuuuuuuuuuuuuuu kms" },
	};
	const struct matcher *m = builtin(state);
	size_t i;

	for (i = 0; i < ARRAY_LEN(same); i++) {
		const char *a, *b;
		assert_int_equal(matcher_tier(m, same[i][0], &a), matcher_tier(m, same[i][1], &b));
		assert_string_equal(a, b);
	}
	/* "wow!i": the '!' still ends a sentence, so no rule spans it */
	assert_int_equal(matcher_tier(m, "i want!to die", NULL),
			 matcher_tier(m, "i want! to die", NULL));
}

/* A line of nothing but disguises, or of one-letter words, is read to its
 * end, the budget spent. */
static void test_a_line_of_disguises_is_read_to_the_end(void **state)
{
	static const char *const unit[] = { "a*bc d**e ", "a b c d e ", "k i l l " };
	const size_t n = 64 * 1024;
	size_t u;

	for (u = 0; u < ARRAY_LEN(unit); u++) {
		char *text = long_line(unit[u], n, " i want to kill myself");
		assert_int_equal(matcher_tier_n(builtin(state), text, n, NULL), CRISIS_NONE);
		assert_int_equal(matcher_tier(builtin(state), text, NULL), CRISIS_HIGH);
		free(text);
	}
}

static void test_rules_never_span_a_sentence(void **state)
{
	const struct matcher *m = builtin(state);

	const char *why;
	enum crisis_tier t;

	assert_int_equal(matcher_tier(m, "I want to die", NULL), CRISIS_HIGH);
	/* no rule reads "want" and "die" across the full stop (the weights,
	 * which score a sentence with the one before, may say medium) */
	t = matcher_tier(m, "I want pizza. Die Hard is on tv", &why);
	assert_int_not_equal(t, CRISIS_HIGH);
	if (t != CRISIS_NONE)
		assert_string_equal(why, "weights");
}

static void test_phrase_matches_only_whole_words(void **state)
{
	const struct matcher *m = builtin(state);

	assert_int_equal(matcher_tier(m, "kill myself", NULL), CRISIS_HIGH);
	assert_int_equal(matcher_tier(m, "skill myself", NULL), CRISIS_NONE);
	assert_int_equal(matcher_tier(m, "kill myselfish", NULL), CRISIS_NONE);
	assert_int_equal(matcher_tier(m, "skilled myself", NULL), CRISIS_NONE);
	assert_int_equal(matcher_tier(m, "kmsx", NULL), CRISIS_NONE);
	assert_int_equal(matcher_tier(m, "xkms", NULL), CRISIS_NONE);
	assert_int_equal(matcher_tier(m, "(kms)", NULL), CRISIS_HIGH);
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
	/* Letters of other scripts, and emoji, are kept as they are. */
	assert_normalizes_to("\xe6\xad\xbb\xe3\x81\xab\xe3\x81\x9f\xe3\x81\x84",
			     "\xe6\xad\xbb\xe3\x81\xab\xe3\x81\x9f\xe3\x81\x84");
	assert_normalizes_to("\xf0\x9f\x98\xa2 sad", "\xf0\x9f\x98\xa2 sad");
	assert_normalizes_to("\xc3\x9f \xc3\xa6", "\xc3\x9f \xc3\xa6"); /* ß æ */
}

static void test_normalize_folds_styled_and_accented_latin_letters(void **state)
{
	(void)state;
	/* Café ÉTÉ; ｋｉｌｌ (fullwidth); 𝐤𝐢𝐥𝐥 (bold); ⓚⓘⓛⓛ (circled) */
	assert_normalizes_to("Caf\xc3\xa9 \xc3\x89T\xc3\x89", "cafe ete");
	assert_normalizes_to("\xef\xbd\x8b\xef\xbd\x89\xef\xbd\x8c\xef\xbd\x8c me", "kill me");
	assert_normalizes_to("\xf0\x9d\x90\xa4\xf0\x9d\x90\xa2\xf0\x9d\x90\xa5\xf0\x9d\x90\xa5",
			     "kill");
	assert_normalizes_to("\xe2\x93\x9a\xe2\x93\x98\xe2\x93\x9b\xe2\x93\x9b", "kill");
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

/* A lexicon of its own: its concepts and shorthand, and what lex already holds. */
static struct matcher *small_lexicon_matcher(struct lexicon *lex, struct matcher_error *err)
{
	static const struct lexicon_pair terms[] = {
		{ "feel", "feel" }, { "blue", "purple elephant" },
		{ "blue", "blue" }, { "not", "not" },
		{ "who", "she" },   { "me", "i" },
		{ "joke", "haha" },
	};
	static const struct lexicon_pair shorthand[] = { { "pe", "purple elephant" } };
	const struct lexicon *lp = lex;

	lex->terms = terms;
	lex->n_terms = ARRAY_LEN(terms);
	lex->shorthand = shorthand;
	lex->n_shorthand = ARRAY_LEN(shorthand);
	return matcher_new_bare(&lp, 1, err);
}

/* The same with rules and modifiers. */
static struct matcher *small_matcher(const char *const *rules, size_t n_rules,
				     const char *const *mods, size_t n_mods,
				     struct matcher_error *err)
{
	struct lexicon lex = { 0 };

	lex.rules = rules;
	lex.n_rules = n_rules;
	lex.modifiers = mods;
	lex.n_modifiers = n_mods;
	return small_lexicon_matcher(&lex, err);
}

static void test_a_lexicon_of_its_own_reads_only_its_rules(void **state)
{
	static const char *const rules[] = { "high feel-blue: feel blue within 2" };
	static const char *const mods[] = { "medium not: not before 2",
					    "medium other: who before 3 unless me",
					    "none joking: joke after 1 for feel-blue",
					    "medium not-inside: not inside for feel-blue" };
	struct matcher_error err;
	struct matcher *m = small_matcher(rules, 1, mods, 4, &err);
	const char *why;

	(void)state;
	assert_non_null(m);
	assert_int_equal(matcher_tier(m, "I FEEL so blue", &why), CRISIS_HIGH);
	assert_string_equal(why, "feel-blue");
	assert_int_equal(matcher_tier(m, "feeling like a purple-elephant", NULL), CRISIS_HIGH);
	assert_int_equal(matcher_tier(m, "I feel like a pe", NULL), CRISIS_HIGH);
	assert_int_equal(matcher_tier(m, "feel it, so very blue", NULL), CRISIS_NONE); /* window */
	assert_int_equal(matcher_tier(m, "blue, I feel", NULL), CRISIS_NONE);          /* order */
	assert_int_equal(matcher_tier(m, "I do not feel blue", NULL), CRISIS_MEDIUM);
	assert_int_equal(matcher_tier(m, "not that, but I feel blue", NULL), CRISIS_HIGH);
	assert_int_equal(matcher_tier(m, "I feel not blue", NULL), CRISIS_MEDIUM); /* inside */
	assert_int_equal(matcher_tier(m, "she says she feels blue", NULL), CRISIS_MEDIUM);
	assert_int_equal(matcher_tier(m, "she says I feel blue", NULL), CRISIS_HIGH);
	assert_int_equal(matcher_tier(m, "I feel blue haha", &why), CRISIS_NONE);
	assert_string_equal(why, "");
	assert_int_equal(matcher_tier(m, "I want to kill myself", NULL), CRISIS_NONE);
	matcher_free(m);
}

/* "line-start" and "line-end" are where a line begins and ends: a word alone on it. */
/*
 * `unless` holds for every kind of modifier (2026-11-30, fourth session;
 * before, only a "before" modifier read it, and an "after" or "inside"
 * one ignored it): "I told my friend I want to die and she laughed" was
 * silenced as "killing myself laughing" is.
 */
static void test_unless_holds_for_after_and_inside_modifiers_too(void **state)
{
	static const char *const rules[] = { "high feel-blue: feel blue within 3" };
	static const char *const mods[] = {
		"none joking: joke after 2 unless who for feel-blue",
		"medium not-inside: not inside unless me for feel-blue"
	};
	struct matcher_error err;
	struct matcher *m = small_matcher(rules, 1, mods, 2, &err);

	(void)state;
	assert_non_null(m);
	assert_int_equal(matcher_tier(m, "I feel blue haha", NULL), CRISIS_NONE);
	assert_int_equal(matcher_tier(m, "I feel blue and she haha", NULL), CRISIS_HIGH);
	assert_int_equal(matcher_tier(m, "feel not blue", NULL), CRISIS_MEDIUM);
	assert_int_equal(matcher_tier(m, "feel not i blue", NULL), CRISIS_HIGH);
	matcher_free(m);
	/* the shipped idiom: someone else's laughter is not the speaker's */
	assert_int_equal(
	    matcher_tier(builtin(state), "I told my friend I want to die and she laughed", NULL),
	    CRISIS_HIGH);
	assert_int_equal(
	    matcher_tier(builtin(state), "I said I want to kill myself and they laughed", NULL),
	    CRISIS_HIGH);
	assert_int_equal(matcher_tier(builtin(state), "I almost killed myself laughing", NULL),
			 CRISIS_NONE);
}

/*
 * `unless` takes one concept or more (2026-12-02, twenty-second session):
 * any of them between the modifier's concept and the rule stops it.  It
 * takes at least one and at most four, each a concept the lexicon has.
 */
static void test_unless_takes_several_concepts(void **state)
{
	static const char *const rules[] = { "high feel-blue: feel blue within 3" };
	static const char *const mods[] = {
		"medium not: not before 3 unless me joke for feel-blue"
	};
	static const char *const wrong[] = {
		"medium not: not before 3 unless",
		"medium not: not before 3 unless for feel-blue",
		"medium not: not before 3 unless me nosuch for feel-blue",
		"medium not: not before 3 for feel-blue unless nosuch",
		"medium not: not before 3 unless me unless joke",
		"medium not: not before 3 unless me joke who blue feel",
	};
	struct matcher_error err;
	struct matcher *m = small_matcher(rules, 1, mods, 1, &err);
	size_t i;

	(void)state;
	assert_non_null(m);
	assert_int_equal(matcher_tier(m, "not feel blue", NULL), CRISIS_MEDIUM);
	assert_int_equal(matcher_tier(m, "not i feel blue", NULL), CRISIS_HIGH);
	assert_int_equal(matcher_tier(m, "not haha feel blue", NULL), CRISIS_HIGH);
	assert_int_equal(matcher_tier(m, "not she feel blue", NULL), CRISIS_MEDIUM);
	matcher_free(m);
	for (i = 0; i < ARRAY_LEN(wrong); i++) {
		m = small_matcher(rules, 1, &wrong[i], 1, &err);
		if (m)
			fail_msg("modifier accepted: %s", wrong[i]);
		assert_string_equal(err.field, "modifiers");
	}
}

/*
 * `except RULE...` (2026-11-30, fourth session): a modifier for every rule
 * but those.  A silencing one must still name its rules with `for`.
 */
static void test_except_spares_the_rules_it_names(void **state)
{
	static const char *const rules[] = { "high feel-blue: feel blue within 2",
					     "high blue-haha: blue joke within 2" };
	static const char *const mods[] = { "medium not: not before 3 except blue-haha" };
	static const char *const silencing[] = { "none not: not before 3 except blue-haha" };
	struct matcher_error err;
	struct matcher *m = small_matcher(rules, 2, mods, 1, &err);

	(void)state;
	assert_non_null(m);
	assert_int_equal(matcher_tier(m, "not feel blue", NULL), CRISIS_MEDIUM);
	assert_int_equal(matcher_tier(m, "not blue haha", NULL), CRISIS_HIGH);
	matcher_free(m);
	assert_null(small_matcher(rules, 2, silencing, 1, &err));
	assert_non_null(strstr(err.message, "must name its rules with 'for'"));
}

/*
 * "my kids would be better off without me" is the person writing, however
 * many people it names (read medium before 2026-11-30, fourth session: the
 * third-party modifier took "kids" for the one at risk).
 */
static void test_others_better_off_without_me_is_the_speaker(void **state)
{
	static const char *const high[] = {
		"my kids would be better off without me",
		"my friends would be better off without me",
		"my wife and kids would be better off if i died",
		"they'd all be happier if I was gone",
	};
	static const char *const medium[] = {
		"my kids would not be better off without me",
		"my sister thinks her kids would be better off without her",
		"My dad said, \xe2\x80\x9cYou\xe2\x80\x99"
		"d all be better off without me.\xe2\x80\x9d",
	};

	check_table(builtin(state), high, ARRAY_LEN(high), CRISIS_HIGH);
	check_rows(builtin(state), medium, ARRAY_LEN(medium), CRISIS_MEDIUM, EXACTLY);
}

static void test_line_start_and_end_anchor_a_rule_to_the_whole_line(void **state)
{
	static const char *const rules[] = { "high alone: line-start blue line-end within 1" };
	struct matcher *m = small_matcher(rules, 1, NULL, 0, NULL);

	(void)state;
	assert_non_null(m);
	assert_int_equal(matcher_tier(m, "blue", NULL), CRISIS_HIGH);
	assert_int_equal(matcher_tier(m, "  Blue!  ", NULL), CRISIS_HIGH);
	assert_int_equal(matcher_tier(m, "so blue", NULL), CRISIS_HIGH);
	assert_int_equal(matcher_tier(m, "so very blue", NULL), CRISIS_NONE);
	assert_int_equal(matcher_tier(m, "blue sky today", NULL), CRISIS_NONE);
	assert_int_equal(matcher_tier(m, "", NULL), CRISIS_NONE);
	matcher_free(m);
}

/* A lexicon of its own with weights: the weighted reading. */
static struct matcher *weighted_matcher(const char *const *weights, size_t n,
					struct matcher_error *err)
{
	static const struct lexicon_pair terms[] = { { "feel", "feel" }, { "blue", "blue" },
						     { "not", "not" },   { "sky", "sky" },
						     { "joke", "haha" }, { "other", "they" } };
	static const char *const rules[] = { "high feel-blue: feel blue within 2",
					     "medium sky-blue: blue sky within 1" };
	static const char *const mods[] = { "none joking: joke after 1 for feel-blue",
					    "medium others: other before 2" };
	static const char *const phrases[] = { "blue moon" };
	struct lexicon lex = { 0 }, other = { 0 };
	const struct lexicon *lp[] = { &lex, &other };
	static const char *const theirs[] = { "bias 50", "word heavy 50" };
	static const struct lexicon_pair their_terms[] = { { "gloom", "gloomy" } };
	static const char *const their_rules[] = { "high gloom: gloom" };
	static const char *const their_phrases[] = { "grey dawn" };

	lex.terms = terms;
	lex.n_terms = ARRAY_LEN(terms);
	lex.rules = rules;
	lex.n_rules = ARRAY_LEN(rules);
	lex.modifiers = mods;
	lex.n_modifiers = ARRAY_LEN(mods);
	lex.phrases = phrases;
	lex.n_phrases = ARRAY_LEN(phrases);
	lex.weights = weights;
	lex.n_weights = n;
	/* a second lexicon's weights are only checked, never used */
	other.weights = theirs;
	other.n_weights = ARRAY_LEN(theirs);
	other.terms = their_terms;
	other.n_terms = ARRAY_LEN(their_terms);
	other.rules = their_rules;
	other.n_rules = ARRAY_LEN(their_rules);
	other.phrases = their_phrases;
	other.n_phrases = ARRAY_LEN(their_phrases);
	return matcher_new_bare(lp, 2, err);
}

static void test_weights_raise_none_to_medium_and_never_to_high(void **state)
{
	static const char *const w[] = {
		"bias -1",         "medium-at 1",       "none-below -2",         "word heavy 1.5",
		"pair so heavy 1", "concept feel 0.25", "concepts feel not 0.5", "word sky -3",
		"word lake -0.5",  "word tire 1", /* "tired", as stemmed */
		"skip too late 2",
	};
	struct matcher *m = weighted_matcher(w, ARRAY_LEN(w), NULL);
	const char *why;

	(void)state;
	assert_non_null(m);
	/* -1 + 1.5: below 1 */
	assert_int_equal(matcher_tier(m, "it is heavy", NULL), CRISIS_NONE);
	/* -1 + 1.5 + 1 = 1.5 */
	assert_int_equal(matcher_tier(m, "it is so heavy", &why), CRISIS_MEDIUM);
	assert_string_equal(why, "weights");
	/* a feature counts once a sentence, however often it comes */
	assert_int_equal(matcher_tier(m, "heavy heavy heavy heavy", NULL), CRISIS_NONE);
	/* concepts and a pair of concepts: -1 + 0.25 + 0.5 + 1.5 */
	assert_int_equal(matcher_tier(m, "I feel not heavy", NULL), CRISIS_MEDIUM);
	/* a sentence is read with the one before it, not with one further back */
	assert_int_equal(matcher_tier(m, "Tired. It is heavy.", NULL), CRISIS_MEDIUM);
	assert_int_equal(matcher_tier(m, "Tired. Fine. It is heavy.", NULL), CRISIS_NONE);
	/* and a pair of words is never read across a sentence's end */
	assert_int_equal(matcher_tier(m, "so. Heavy", NULL), CRISIS_NONE);
	/* a skip: two words with exactly one between, in one sentence: -1 + 2 */
	assert_int_equal(matcher_tier(m, "too damn late", &why), CRISIS_MEDIUM);
	assert_string_equal(why, "weights");
	assert_int_equal(matcher_tier(m, "too late", NULL), CRISIS_NONE);
	assert_int_equal(matcher_tier(m, "too very damn late", NULL), CRISIS_NONE);
	assert_int_equal(matcher_tier(m, "too. Damn late", NULL), CRISIS_NONE);
	/* only lexicon words are read through a misspelling: "heavvy" is itself */
	assert_int_equal(matcher_tier(m, "so heavvy", NULL), CRISIS_NONE);
	/* never high, however high the score; the rules' high stays high */
	assert_int_equal(matcher_tier(m, "I feel blue, the sky", NULL), CRISIS_HIGH);
	/* a medium rule is let go below none-below: -1 - 3 = -4 */
	assert_int_equal(matcher_tier(m, "blue sky", &why), CRISIS_NONE);
	assert_string_equal(why, "");
	/* the second lexicon's "bias 50" and "word heavy 50" are not used */
	assert_int_equal(matcher_tier(m, "blue", NULL), CRISIS_NONE);
	matcher_free(m);
}

/*
 * high-below lowers a high line to medium; a strong phrase only
 * MATCHER_STRONG_MARGIN below both high-below and what the phrase reads
 * alone (eighth session of 2026-11-30: never before), so never the phrase
 * alone; a rule or a phrase content added never.  silenced-at raises an
 * idiom only when sure.
 */
static void test_weights_lower_a_high_only_to_medium_and_raise_an_idiom_only_when_sure(void **state)
{
	static const char *const w[] = {
		"bias -1",       "medium-at 1",   "none-below -2",
		"high-below -3", "silenced-at 2", "word calm -5",
		"word quiet -3", "word awful 3",  "concept feel 0.25",
	};
	/* the same, with "moon" an ordinary word: "blue moon" alone reads -6 */
	static const char *const w2[] = { "bias -1",       "medium-at 1",  "none-below -2",
					  "high-below -3", "word moon -5", "word quiet -3" };
	struct matcher *m = weighted_matcher(w, ARRAY_LEN(w), NULL);
	struct matcher *m2 = weighted_matcher(w2, ARRAY_LEN(w2), NULL);
	const char *why;

	(void)state;
	assert_non_null(m);
	assert_non_null(m2);
	assert_int_equal(matcher_tier(m, "I feel blue", &why), CRISIS_HIGH);
	/* -1 + 0.25 - 5: far from risk, so medium, never none */
	assert_int_equal(matcher_tier(m, "I feel blue, calm", &why), CRISIS_MEDIUM);
	assert_string_equal(why, "weights");
	/* a strong phrase only below min(-3, -1 alone) - 2: -1 - 3 = -4 is
	 * not, -1 - 5 = -6 is (the words after the phrase count) */
	assert_int_equal(matcher_tier(m, "a blue moon, quiet", &why), CRISIS_HIGH);
	assert_string_equal(why, "strong-phrase");
	assert_int_equal(matcher_tier(m, "I feel blue, quiet", NULL), CRISIS_MEDIUM);
	assert_int_equal(matcher_tier(m, "a blue moon, calm", &why), CRISIS_MEDIUM);
	assert_string_equal(why, "weights");
	/* every pair of sentences must read far from risk: "a blue moon." reads -1 */
	assert_int_equal(matcher_tier(m, "a blue moon. calm", NULL), CRISIS_HIGH);
	/* the phrase alone reads -6, below -3 - 2, and is still high: its
	 * own floor, -6 - 2; -1 - 5 - 3 = -9 is below that */
	assert_int_equal(matcher_tier(m2, "blue moon", &why), CRISIS_HIGH);
	assert_int_equal(matcher_tier(m2, "a blue moon, quiet", &why), CRISIS_MEDIUM);
	assert_string_equal(why, "weights");
	/* a phrase the second lexicon (content) added is never lowered */
	assert_int_equal(matcher_tier(m, "a grey dawn, calm", &why), CRISIS_HIGH);
	assert_string_equal(why, "strong-phrase");
	/* nor a rule the second lexicon (content) added: the weights never saw it */
	assert_int_equal(matcher_tier(m, "gloomy, calm", &why), CRISIS_HIGH);
	assert_string_equal(why, "gloom");
	/* the idiom silences the rule; the weights raise it only at 2 */
	assert_int_equal(matcher_tier(m, "I feel blue haha", NULL), CRISIS_NONE);
	assert_int_equal(matcher_tier(m, "I feel blue haha so awful", &why), CRISIS_MEDIUM);
	assert_string_equal(why, "weights");
	matcher_free(m);
	matcher_free(m2);
}

/*
 * A high rule that context lowered to medium ("they ...": someone else) is
 * let go only below lowered-below, never below none-below alone, and never
 * when the rule was one content added.  A strong phrase that context
 * lowered is let go too, MATCHER_STRONG_MARGIN further below (sixth
 * session of 2026-11-30: "Final goodbye to my old car today, sold it to a
 * student" read medium whatever the weights said); one that context did
 * not lower stays high.
 */
static void test_weights_let_go_of_a_lowered_high_only_below_lowered_below(void **state)
{
	static const char *const with[] = { "bias -1",       "medium-at 1",      "none-below -2",
					    "word still -2", "lowered-below -4", "word calm -5" };
	struct matcher *m = weighted_matcher(with, ARRAY_LEN(with), NULL);
	struct matcher *without = weighted_matcher(with, ARRAY_LEN(with) - 2, NULL);
	const char *why;

	(void)state;
	assert_non_null(m);
	assert_non_null(without);
	assert_int_equal(matcher_tier(m, "they feel blue", &why), CRISIS_MEDIUM);
	assert_string_equal(why, "feel-blue");
	/* -1 - 5 = -6: below -4 */
	assert_int_equal(matcher_tier(m, "they feel blue, calm", &why), CRISIS_NONE);
	assert_string_equal(why, "");
	/* without lowered-below the context's medium stays, whatever the score */
	assert_int_equal(matcher_tier(without, "they feel blue, calm", NULL), CRISIS_MEDIUM);
	/* a rule context did not lower is never let go this way */
	assert_int_equal(matcher_tier(m, "I feel blue, calm", NULL), CRISIS_HIGH);
	/* a strong phrase that context lowered is let go only
	 * MATCHER_STRONG_MARGIN further below: -6 is not below -4 - 2, -8 is;
	 * and never one context did not lower */
	assert_int_equal(matcher_tier(m, "they a blue moon, calm", &why), CRISIS_MEDIUM);
	assert_string_equal(why, "strong-phrase");
	assert_int_equal(matcher_tier(m, "they a blue moon, calm, still", &why), CRISIS_NONE);
	assert_string_equal(why, "");
	assert_int_equal(matcher_tier(m, "they a blue moon", &why), CRISIS_MEDIUM);
	assert_string_equal(why, "strong-phrase");
	assert_int_equal(matcher_tier(m, "a blue moon, calm", &why), CRISIS_HIGH);
	assert_string_equal(why, "strong-phrase");
	/* a rule content added that context lowered is never let go */
	assert_int_equal(matcher_tier(m, "they gloomy, calm", &why), CRISIS_MEDIUM);
	assert_string_equal(why, "gloom");
	matcher_free(m);
	matcher_free(without);
}

struct told {
	bool word_awful, pair, concepts, score;
};

static void tell(void *ctx, long pos, const char *kind, const char *name, enum crisis_tier tier)
{
	struct told *t = ctx;

	(void)pos;
	(void)tier;
	if (strcmp(kind, "feature") == 0) {
		t->word_awful |= strcmp(name, "word awful") == 0;
		t->pair |= strcmp(name, "pair so awful") == 0;
		t->concepts |= strcmp(name, "concepts feel blue") == 0;
	} else if (strcmp(kind, "score") == 0) {
		t->score |= strstr(name, "weighted score 2.00") != NULL;
	}
}

/* explain tells every feature (crisis-train learns from them) and the score. */
static void test_weighted_reading_is_told_to_explain(void **state)
{
	static const char *const w[] = { "bias -1", "medium-at 1", "word awful 3" };
	struct matcher *m = weighted_matcher(w, ARRAY_LEN(w), NULL);
	struct told t = { 0 };

	(void)state;
	assert_non_null(m);
	assert_int_equal(matcher_explain(m, "so awful", tell, &t), CRISIS_MEDIUM);
	assert_true(t.word_awful && t.pair && t.score);
	memset(&t, 0, sizeof(t));
	matcher_explain(m, "I feel blue", tell, &t);
	assert_true(t.concepts);
	matcher_free(m);
}

/* Whether explain told the feature ctx names (a struct named_feature). */
struct named_feature {
	const char *name;
	bool told;
};

static void tell_named(void *ctx, long pos, const char *kind, const char *name,
		       enum crisis_tier tier)
{
	struct named_feature *f = ctx;

	(void)pos;
	(void)tier;
	if (strcmp(kind, "feature") == 0 && strcmp(name, f->name) == 0)
		f->told = true;
}

/* small_lexicon_matcher() with these unweighted concepts and weights. */
static struct matcher *unweighted_matcher(const char *const *unweighted, size_t n_unweighted,
					  const char *const *weights, size_t n_weights,
					  struct matcher_error *err)
{
	struct lexicon lex = { 0 };

	lex.unweighted = unweighted;
	lex.n_unweighted = n_unweighted;
	lex.weights = weights;
	lex.n_weights = n_weights;
	return small_lexicon_matcher(&lex, err);
}

/*
 * A concept the lexicon lists as "unweighted" (2026-12-02, twenty-second
 * session) is no feature of the weights, and no link of a pair: the
 * concepts either side make theirs as if it were not there.  It must name
 * a concept, one a line, and no weight may name it.
 */
static void test_an_unweighted_concept_is_no_feature(void **state)
{
	static const char *const none[] = { "" };
	static const char *const not_[] = { "not" };
	static const char *const w[] = { "bias -1", "medium-at 1", "concepts feel blue 3" };
	static const char *const bad_unweighted[] = { "nosuch", "not feel", "" };
	static const char *const not_weight[] = { "bias -1", "concept not 1" };
	struct named_feature concept_not = { "concept not", false };
	struct named_feature pair = { "concepts feel blue", false };
	struct matcher_error err;
	struct matcher *m;
	size_t i;

	(void)state;
	/* weighed: "not" stands between, so "feel blue" makes no pair */
	m = unweighted_matcher(none, 0, w, ARRAY_LEN(w), &err);
	assert_non_null(m);
	assert_int_equal(matcher_tier(m, "I feel not blue", NULL), CRISIS_NONE);
	matcher_explain(m, "I feel not blue", tell_named, &concept_not);
	assert_true(concept_not.told);
	matcher_free(m);
	/* unweighted: no feature of its own, and "feel blue" is a pair */
	concept_not.told = false;
	m = unweighted_matcher(not_, 1, w, ARRAY_LEN(w), &err);
	assert_non_null(m);
	assert_int_equal(matcher_tier(m, "I feel not blue", NULL), CRISIS_MEDIUM);
	matcher_explain(m, "I feel not blue", tell_named, &concept_not);
	matcher_explain(m, "I feel not blue", tell_named, &pair);
	assert_false(concept_not.told);
	assert_true(pair.told);
	matcher_free(m);
	for (i = 0; i < ARRAY_LEN(bad_unweighted); i++) {
		m = unweighted_matcher(&bad_unweighted[i], 1, NULL, 0, &err);
		if (m)
			fail_msg("unweighted accepted: '%s'", bad_unweighted[i]);
		assert_string_equal(err.field, "unweighted");
	}
	assert_null(unweighted_matcher(not_, 1, not_weight, ARRAY_LEN(not_weight), &err));
	assert_string_equal(err.field, "weights");
	assert_non_null(strstr(err.message, "unweighted"));
}

/* The first word feature explain tells: the word as the matcher reads it. */
static void first_word(void *ctx, long pos, const char *kind, const char *name,
		       enum crisis_tier tier)
{
	char *out = ctx;

	(void)pos;
	(void)tier;
	if (!out[0] && strcmp(kind, "feature") == 0 && strncmp(name, "word ", 5) == 0)
		snprintf(out, 64, "%s", name + 5);
}

/*
 * Each irregular form reads as its plain form does ("took" as "take"), and
 * a word that is only the start of one ("wen", "tol") as itself: the
 * stemmer's table compares the lengths it holds (fourteenth session),
 * where it took strlen of each.
 */
static void test_irregular_forms_read_as_their_plain_form(void **state)
{
	static const char *const cases[][2] = {
		{ "took", "take" },     { "taken", "take" },    { "woke", "wake" },
		{ "woken", "wake" },    { "slept", "sleep" },   { "felt", "feel" },
		{ "thought", "think" }, { "went", "go" },       { "gone", "go" },
		{ "goes", "go" },       { "gave", "give" },     { "given", "give" },
		{ "wrote", "write" },   { "written", "write" }, { "hung", "hang" },
		{ "bought", "buy" },    { "burnt", "burn" },    { "lost", "lose" },
		{ "told", "tell" },     { "made", "make" },     { "kept", "keep" },
		{ "shot", "shoot" },    { "fell", "fall" },     { "hid", "hide" },
		{ "drank", "drink" },   { "meant", "mean" },    { "sold", "sell" },
		{ "ate", "eat" },       { "swam", "swim" },     { "bled", "bleed" },
		{ "froze", "freeze" },  { "held", "hold" },
	};
	static const char *const themselves[] = { "wen", "tol", "hel", "gon", "sol", "wok" };
	const struct matcher *m = builtin(state);
	size_t i;

	for (i = 0; i < ARRAY_LEN(cases); i++) {
		char got[64] = "", plain[64] = "";
		matcher_explain(m, cases[i][0], first_word, got);
		matcher_explain(m, cases[i][1], first_word, plain);
		if (!plain[0] || strcmp(got, plain) != 0)
			fail_msg("\"%s\" read as \"%s\", \"%s\" as \"%s\"", cases[i][0], got,
				 cases[i][1], plain);
	}
	for (i = 0; i < ARRAY_LEN(themselves); i++) {
		char got[64] = "";
		matcher_explain(m, themselves[i], first_word, got);
		assert_string_equal(got, themselves[i]);
	}
}

/* every "word" feature of a line, in order, space-separated */
static void word_features(void *ctx, long pos, const char *kind, const char *name,
			  enum crisis_tier tier)
{
	char *out = ctx;
	size_t n = strlen(out);

	(void)pos;
	(void)tier;
	if (strcmp(kind, "feature") == 0 && strncmp(name, "word ", 5) == 0)
		snprintf(out + n, 128 - n, "%s%s", n ? " " : "", name + 5);
}

/* The words a line reads as (its "word" features, in got[128]), and its tier. */
static enum crisis_tier read_words(const struct matcher *m, const char *line, char *got)
{
	got[0] = '\0';
	return matcher_explain(m, line, word_features, got);
}

/* A line and the words it must read as; two lines that must read alike. */
struct reads_as {
	const char *line, *words;
};
struct reads_alike {
	const char *line, *plain;
};

static void expect_reads_as(void **state, const struct reads_as *r, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char got[128];
		read_words(builtin(state), r[i].line, got);
		if (strcmp(got, r[i].words) != 0)
			fail_msg("\"%s\" read as \"%s\", not \"%s\"", r[i].line, got, r[i].words);
	}
}

/* each pair at one tier, never none (high: at high) */
static void expect_reads_alike(void **state, const struct reads_alike *r, size_t n, bool high)
{
	size_t i;

	for (i = 0; i < n; i++) {
		enum crisis_tier a = matcher_tier(builtin(state), r[i].line, NULL);
		enum crisis_tier b = matcher_tier(builtin(state), r[i].plain, NULL);
		if (a != b || a == CRISIS_NONE || (high && a != CRISIS_HIGH))
			fail_msg("\"%s\" reads %s, \"%s\" %s", r[i].line, crisis_tier_name(a),
				 r[i].plain, crisis_tier_name(b));
	}
}

/*
 * A dropped g or i reads as the -ing it stands for ("wishin", "killin",
 * "dyin", "wantng"), never a word that only ends so: "within" is no
 * "with", "thin" no "thing", "young" no "you" (fresh.tsv: "Ive been
 * wishin I was dead" and "Ive been wantng to die" read none).
 */
static void test_a_dropped_g_reads_as_the_ing_form(void **state)
{
	static const char *const dropped[] = {
		"ive been wishin i was dead",     "been thinkin bout killin myself",
		"keep thinkin about endin it",    "been cuttin again",
		"I'm wishin' I was dead",         "Ive been wantng to die", /* a dropped i */
		"im thinkng about killng myself",
	};
	static const struct {
		const char *g, *plain;
	} same[] = {
		/* the dropped g reads as the word with it, in each tier */
		{ "dyin sounds nice", "dying sounds nice" },
		{ "this beat is killin it", "this beat is killing it" },
		{ "ive been feelin so hopeless lately", "ive been feeling so hopeless lately" },
	};
	static const struct {
		const char *line, *words;
	} read_as[] = {
		{ "wishin i was", "wish i was" },
		{ "dyin", "die" },
		{ "within the hour", "within the hour" }, /* no "with the hour" */
		{ "the bulletin board", "the bulletin board" },
		{ "my twin", "my twin" },               /* "twing" keeps its -ing */
		{ "the rain again", "the rain again" }, /* a vowel before the "in" */
		{ "tryng", "try" },
		{ "young and strong", "young and strong" }, /* ... before the "ng" */
	};
	size_t i;

	check_table(builtin(state), dropped, ARRAY_LEN(dropped), CRISIS_HIGH);
	for (i = 0; i < ARRAY_LEN(same); i++) {
		enum crisis_tier a = matcher_tier(builtin(state), same[i].g, NULL);
		enum crisis_tier b = matcher_tier(builtin(state), same[i].plain, NULL);
		if (a != b)
			fail_msg("\"%s\" reads %s, \"%s\" %s", same[i].g, crisis_tier_name(a),
				 same[i].plain, crisis_tier_name(b));
	}
	for (i = 0; i < ARRAY_LEN(read_as); i++) {
		char got[128];
		read_words(builtin(state), read_as[i].line, got);
		if (strcmp(got, read_as[i].words) != 0)
			fail_msg("\"%s\" read as \"%s\", not \"%s\"", read_as[i].line, got,
				 read_as[i].words);
	}
}

/*
 * A dropped e in "-ed" reads as the -ed form, as a dropped g reads as
 * "-ing" (nineteenth session of 2026-12-01, the thirty-second rule:
 * "felt so trappd" was nothing trapped, "i burnd my wrist on purpose"
 * medium); a word that only ends so reads as itself: "beard" is no
 * "bear", "mild" no "mile", "bold" no "bole".
 */
static void test_a_dropped_e_reads_as_the_ed_form(void **state)
{
	static const struct reads_as read_as[] = {
		{ "trappd", "trap" }, { "burnd", "burn" },      { "killd", "kill" },
		{ "tryd", "try" },    { "tird", "tire" },       { "a beard", "a beard" },
		{ "mild", "mild" },   { "a crowd", "a crowd" }, { "bold", "bold" },
		{ "wind", "wind" },
	};
	static const struct reads_alike same[] = {
		{ "i burnd my wrist with a lighter on purpose",
		  "i burned my wrist with a lighter on purpose" },
		{ "I tryd to end it but I couldnt go thru with it",
		  "I tried to end it but I couldnt go thru with it" },
		{ "felt so trappd for years", "felt so trapped for years" },
	};
	expect_reads_as(state, read_as, ARRAY_LEN(read_as));
	expect_reads_alike(state, same, ARRAY_LEN(same), false);
}

/*
 * Stretched letters read as the word they stretch (twentieth session of
 * 2026-12-01, the thirty-third rule: "i want to dieeee" and "kmssss" read
 * none, "I cuttted again" none); a word of the dictionary that only looks
 * stretched reads as itself ("bee" is no "be", "butt" no "but", "needless"
 * no "needles", "escapee" no "escape", "shhh" no "sh"), and "noooo" is an
 * exclamation, not the negation "no".
 */
static void test_stretched_letters_read_as_the_word(void **state)
{
	static const struct reads_as read_as[] = {
		{ "dieeee", "die" },      { "diee", "die" },          { "killlll", "kill" },
		{ "myselfff", "myself" }, { "sooo", "so" },           { "a bee", "a bee" },
		{ "butt", "butt" },       { "needless", "needless" }, { "shhh", "shhh" },
		{ "siii", "siii" },       { "iii", "iii" },
	};
	static const struct reads_alike same[] = {
		{ "i want to dieeee", "i want to die" },
		{ "i wanna diee", "i wanna die" },
		{ "kmssss", "kms" },
		{ "im so tiredddd of living", "im so tired of living" },
		{ "I cuttted again last night", "I cut again last night" },
		{ "i just want it all to endddd", "i just want it all to end" },
		{ "noooo i want to die", "i want to die" },
	};
	expect_reads_as(state, read_as, ARRAY_LEN(read_as));
	expect_reads_alike(state, same, ARRAY_LEN(same), true);
	assert_int_equal(matcher_tier(builtin(state), "shhh the baby is finally asleep", NULL),
			 CRISIS_NONE);
}

/*
 * A word the weights name, read by the one look-up of a word that is its
 * own stem (own_map), reads as the whole path reads it: a shorthand as the
 * words it stands for, by its stem too ("unaliv", unalive's), a misspelling
 * as the word it stands for, a count as every count.  Each would read as
 * itself if the table took the weights' word at its word.
 */
static void test_a_word_the_weights_name_reads_as_the_whole_path_reads_it(void **state)
{
	static const struct lexicon_pair shorthand[] = { { "kms", "kill myself" },
							 { "unalive", "kill" } };
	static const struct lexicon_pair terms[] = {
		{ "harm", "kill" },
		{ "self", "myself" },
		{ "die", "suicide" },
		{ "count", "00" },
	};
	static const char *const rules[] = { "high harm-self: harm self within 1", "high die: die",
					     "medium count: count" };
	static const char *const weights[] = {
		"bias 0",      "word kms 1",    "word unaliv 1", "word suicd 1", "word 30 1",
		"word kill 1", "word myself 1", "word suicid 1", "word 00 1",    "word plain -1",
	};
	static const struct {
		const char *line, *words;
		enum crisis_tier tier;
	} cases[] = {
		{ "kms", "kill myself", CRISIS_HIGH },
		{ "unaliv myself", "kill myself", CRISIS_HIGH },
		{ "suicd", "suicid", CRISIS_HIGH },
		{ "took 30", "take 00", CRISIS_MEDIUM },
		{ "plain", "plain", CRISIS_NONE },
	};
	const struct lexicon lex = { .shorthand = shorthand,
				     .n_shorthand = ARRAY_LEN(shorthand),
				     .terms = terms,
				     .n_terms = ARRAY_LEN(terms),
				     .rules = rules,
				     .n_rules = ARRAY_LEN(rules),
				     .weights = weights,
				     .n_weights = ARRAY_LEN(weights) };
	const struct lexicon *lp[] = { &lex };
	struct matcher_error err;
	struct matcher *m;
	size_t i;

	(void)state;
	m = matcher_new_bare(lp, 1, &err);
	if (!m)
		fail_msg("%s", err.message);
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		char got[128];
		enum crisis_tier t = read_words(m, cases[i].line, got);
		if (strcmp(got, cases[i].words) != 0 || t != cases[i].tier)
			fail_msg("\"%s\" read as \"%s\" (%s), not \"%s\" (%s)", cases[i].line, got,
				 crisis_tier_name(t), cases[i].words,
				 crisis_tier_name(cases[i].tier));
	}
	matcher_free(m);
}

static void test_weight_errors_name_the_entry(void **state)
{
	static const struct {
		const char *w, *says;
	} cases[] = {
		{ "word heavy", "must read" },
		{ "word heavy 1.5 2", "must read" },
		{ "words heavy 1", "must read" },
		{ "word Heavy 1", "must read" },
		{ "word heavy 1.", "must read" },
		{ "word heavy 1234", "must read" },
		{ "pair heavy 1", "must read" },
		{ "concept nosuch 1", "names a concept the lexicon does not have" },
		{ "concepts feel nosuch 1", "names a concept the lexicon does not have" },
		{ "word heavy 1", "second weight" },
		{ "concepts feel blue 1", "second weight" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		struct matcher_error err;
		const char *w[] = { "bias 0", "word heavy 0.5", "concepts feel blue 1",
				    cases[i].w };
		struct matcher *m = weighted_matcher(w, ARRAY_LEN(w), &err);
		if (m)
			fail_msg("case %zu was accepted", i);
		assert_string_equal(err.field, "weights");
		assert_int_equal(err.index, 3);
		assert_int_equal(err.source, 0);
		if (!strstr(err.message, cases[i].says))
			fail_msg("case %zu says \"%s\"", i, err.message);
	}
	{
		struct matcher_error err;
		const char *w[] = { "word heavy 0.5" };
		assert_null(weighted_matcher(w, 1, &err));
		assert_non_null(strstr(err.message, "need a 'bias'"));
	}
}

/* The shipped weights: they only ever add a medium, never lower a high. */
static void test_shipped_weights_never_touch_a_high_line(void **state)
{
	struct matcher *m = matcher_new(NULL, 0, NULL);
	const struct lexicon *lex = matcher_builtin_lexicon();

	(void)state;
	assert_non_null(m);
	assert_true(lex->n_weights > 100);
	assert_int_equal(matcher_tier(m, "I want to kill myself", NULL), CRISIS_HIGH);
	assert_int_equal(matcher_tier(m,
				      "i want to kill myself. it is a lovely day. "
				      "we had soup and a walk by the lake.",
				      NULL),
			 CRISIS_HIGH);
	matcher_free(m);
}

static void test_lexicon_errors_name_the_entry(void **state)
{
	static const struct {
		const char *rule, *mod, *field, *says;
	} cases[] = {
		{ "high x: feel nosuch", NULL, "rules",
		  "names a concept the lexicon does not have" },
		{ "urgent x: feel blue", NULL, "rules", "must read" },
		{ "high x feel blue", NULL, "rules", "must read" },
		{ "high x: feel blue within many", NULL, "rules", "'within' takes a number" },
		{ "high x: feel blue", "none all: not before 3", "modifiers",
		  "silences every rule" },
		{ "high x: feel blue", "medium m: not around 3", "modifiers", "must read" },
		{ "high x: feel blue", "none m: not before 3 for y", "modifiers",
		  "names a rule the lexicon does not have" },
		{ "high x: feel blue", "high m: not before 3", "modifiers", "must read" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		struct matcher_error err;
		const char *rules[] = { cases[i].rule };
		const char *mods[] = { cases[i].mod };
		struct matcher *m = small_matcher(rules, 1, mods, cases[i].mod ? 1 : 0, &err);
		if (m)
			fail_msg("case %zu was accepted", i);
		assert_string_equal(err.field, cases[i].field);
		assert_int_equal(err.index, 0);
		assert_false(err.oom);
		if (!strstr(err.message, cases[i].says))
			fail_msg("case %zu says \"%s\"", i, err.message);
	}
}

static void test_a_rule_another_always_outranks_is_dead(void **state)
{
	static const char *const rules[] = { "high a: feel blue within 3",
					     "medium b: feel blue within 2",
					     "medium c: feel blue within 5" };
	struct matcher *m = small_matcher(rules, 3, NULL, 0, NULL);
	const char *ids[4];

	(void)state;
	assert_non_null(m);
	assert_int_equal(matcher_dead_rules(m, ids, 4), 1);
	assert_string_equal(ids[0], "b");
	matcher_free(m);
}

/*
 * A content folder may add concepts of its own: 48 beside the built-in
 * lexicon (which leaves at least 60 of the 192 free since 2026-11-30,
 * fourth session; with 128, the floor had left one), and too many is an
 * error that says so.
 */
static void test_a_content_lexicon_may_add_concepts_up_to_the_limit(void **state)
{
	static char names[200][16], words[200][16];
	static struct lexicon_pair terms[200];
	static const char *const rules[] = { "high extra: c0 c47 within 3" };
	struct lexicon lex = { 0 };
	const struct lexicon *lp = &lex;
	struct matcher_error err;
	struct matcher *m;
	size_t i;

	(void)state;
	for (i = 0; i < 200; i++) {
		snprintf(names[i], sizeof(names[i]), "c%zu", i);
		snprintf(words[i], sizeof(words[i]), "zq%c%c", (char)('a' + i / 26),
			 (char)('a' + i % 26));
		terms[i] = (struct lexicon_pair){ names[i], words[i] };
	}
	lex.terms = terms;
	lex.n_terms = 48;
	lex.rules = rules;
	lex.n_rules = 1;
	m = matcher_new(&lp, 1, &err);
	assert_non_null(m);
	assert_int_equal(matcher_tier(m, "zqaa then zqbv", NULL), CRISIS_HIGH); /* c0, c47 */
	assert_int_equal(matcher_tier(m, "I want to kill myself", NULL), CRISIS_HIGH);
	matcher_free(m);
	lex.n_terms = 200;
	lex.n_rules = 0;
	assert_null(matcher_new(&lp, 1, &err));
	assert_non_null(strstr(err.message, "too many concepts (at most 192)"));
}

/* Content adds to the floor and never removes: an empty lexicon still reads the built-in one. */
static void test_content_lexicon_adds_to_the_built_in_floor(void **state)
{
	static const struct lexicon_pair terms[] = { { "orchid", "purple orchid" } };
	static const char *const rules[] = { "high orchid: orchid" };
	struct lexicon lex = { 0 }, empty = { 0 };
	const struct lexicon *lp = &lex, *ep = &empty;
	struct matcher *m;

	(void)state;
	lex.terms = terms;
	lex.n_terms = 1;
	lex.rules = rules;
	lex.n_rules = 1;
	m = matcher_new(&lp, 1, NULL);
	assert_non_null(m);
	assert_int_equal(matcher_tier(m, "a purple orchid", NULL), CRISIS_HIGH);
	assert_int_equal(matcher_tier(m, "I want to kill myself", NULL), CRISIS_HIGH);
	matcher_free(m);
	m = matcher_new(&ep, 1, NULL);
	assert_non_null(m);
	assert_int_equal(matcher_tier(m, "kms", NULL), CRISIS_HIGH);
	matcher_free(m);
}

static void test_a_nul_inside_the_text_is_a_space(void **state)
{
	static const char text[] = "ok\0I want to kill myself";

	assert_int_equal(matcher_tier_n(builtin(state), text, sizeof(text) - 1, NULL), CRISIS_HIGH);
	assert_int_equal(matcher_tier(builtin(state), text, NULL), CRISIS_NONE);
}

static void test_very_long_input_is_searched_to_the_end(void **state)
{
	const size_t n = 100 * 1024;
	char *text = long_line("calm sea. ", n, " I want to kill myself");

	assert_int_equal(matcher_tier_n(builtin(state), text, n, NULL), CRISIS_NONE);
	assert_int_equal(matcher_tier(builtin(state), text, NULL), CRISIS_HIGH);
	free(text);
}

static void test_invalid_utf8_input_does_not_crash(void **state)
{
	const struct matcher *m = builtin(state);
	char bytes[512];
	size_t i;

	assert_int_equal(matcher_tier(m, "kill\xc3myself", NULL), CRISIS_HIGH);
	assert_int_equal(matcher_tier(m, "\xff\xfe\xc0\x80\xed\xa0\x80\xf8", NULL), CRISIS_NONE);
	assert_int_equal(matcher_tier(m, "\xe2", NULL), CRISIS_NONE);
	assert_int_equal(matcher_tier(m, "\xf0\x9f\x98", NULL), CRISIS_NONE);
	for (i = 0; i < sizeof(bytes) - 1; i++)
		bytes[i] = (char)(0x80 + (i * 37) % 128);
	bytes[sizeof(bytes) - 1] = '\0';
	assert_int_equal(matcher_tier(m, bytes, NULL), CRISIS_NONE);
}

static void test_null_arguments_are_handled(void **state)
{
	char buf[4];

	(void)state;
	matcher_free(NULL);
	assert_int_equal(matcher_tier(builtin(state), NULL, NULL), CRISIS_NONE);
	/* No matcher (matcher_new failed): fail safe, read high. */
	assert_int_equal(matcher_tier(NULL, "hello", NULL), CRISIS_HIGH);
	assert_int_equal(safety_normalize(NULL, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_built_in_lexicon_reads_every_crisis_phrasing_high),
		cmocka_unit_test(test_built_in_lexicon_ignores_hyperbole_and_look_alike_words),
		cmocka_unit_test(test_hyperbole_containing_a_crisis_phrase_still_reads_high),
		cmocka_unit_test(test_tenses_and_inflections_read_alike),
		cmocka_unit_test(test_one_edit_misspellings_of_long_words_are_read_as_the_word),
		cmocka_unit_test(test_a_dropped_g_reads_as_the_ing_form),
		cmocka_unit_test(test_a_dropped_e_reads_as_the_ed_form),
		cmocka_unit_test(test_stretched_letters_read_as_the_word),
		cmocka_unit_test(test_shorthand_and_slang_are_expanded),
		cmocka_unit_test(test_a_means_or_the_speakers_harm_is_never_silenced_by_an_idiom),
		cmocka_unit_test(test_an_ordinary_place_beside_a_warning_sign_never_silences_it),
		cmocka_unit_test(test_means_and_methods_in_the_blind_rounds_own_words_are_heard),
		cmocka_unit_test(test_negations_and_other_people_read_medium),
		cmocka_unit_test(test_first_person_after_another_person_stays_high),
		cmocka_unit_test(test_a_no_that_answers_negates_nothing_after_it),
		cmocka_unit_test(test_an_overdose_minutes_or_days_ago_reads_high),
		cmocka_unit_test(test_an_answering_no_on_the_rules_first_word_negates_nothing),
		cmocka_unit_test(test_a_last_message_is_heard),
		cmocka_unit_test(test_someone_elses_quoted_words_read_medium),
		cmocka_unit_test(test_quoted_words_named_after_them_read_medium),
		cmocka_unit_test(test_a_death_that_passed_is_no_recovery),
		cmocka_unit_test(test_a_loss_that_is_gone_is_no_recovery),
		cmocka_unit_test(test_an_urge_that_is_gone_reads_medium),
		cmocka_unit_test(test_i_could_just_die_is_an_idiom_and_wishing_it_is_not),
		cmocka_unit_test(
		    test_a_trap_in_a_game_and_a_knife_skills_class_are_not_warning_signs),
		cmocka_unit_test(test_a_goodbye_at_a_life_s_turn_is_not_a_warning_sign),
		cmocka_unit_test(test_a_noise_one_cannot_take_anymore_is_not_a_warning_sign),
		cmocka_unit_test(test_the_first_writers_everyday_words_of_death_do_not_alarm),
		cmocka_unit_test(test_a_gun_to_ones_own_head_reads_high),
		cmocka_unit_test(test_someone_else_with_a_gun_to_the_head_reads_medium),
		cmocka_unit_test(test_the_register_of_rounds_112_to_117_does_not_alarm),
		cmocka_unit_test(test_fragments_of_a_bad_night_are_heard),
		cmocka_unit_test(test_any_more_reads_as_anymore),
		cmocka_unit_test(test_a_bad_night_in_other_words_is_heard),
		cmocka_unit_test(test_an_activity_explains_buying_not_swallowing),
		cmocka_unit_test(test_a_corner_is_no_trap),
		cmocka_unit_test(test_a_possessive_before_a_means_is_its_owner),
		cmocka_unit_test(test_wishing_the_car_off_the_road_reads_high),
		cmocka_unit_test(test_a_medicine_by_its_name_is_a_means),
		cmocka_unit_test(
		    test_a_clear_biopsy_a_forgotten_pill_and_an_oversleeper_are_ordinary),
		cmocka_unit_test(test_a_lowered_strong_phrase_far_from_risk_is_let_go),
		cmocka_unit_test(test_rope_for_a_swing_or_a_boat_is_rope),
		cmocka_unit_test(test_a_line_of_unclosed_quotation_marks_is_read_to_the_end),
		cmocka_unit_test(test_idiom_modifiers_lower_only_their_own_rules),
		cmocka_unit_test(test_weights_raise_none_to_medium_and_never_to_high),
		cmocka_unit_test(test_a_look_alike_the_weights_read_is_medium_never_high),
		cmocka_unit_test(test_a_strong_phrase_the_weights_read_far_from_risk_reads_medium),
		cmocka_unit_test(test_weight_errors_name_the_entry),
		cmocka_unit_test(
		    test_weights_lower_a_high_only_to_medium_and_raise_an_idiom_only_when_sure),
		cmocka_unit_test(test_weights_let_go_of_a_lowered_high_only_below_lowered_below),
		cmocka_unit_test(test_weighted_reading_is_told_to_explain),
		cmocka_unit_test(test_an_unweighted_concept_is_no_feature),
		cmocka_unit_test(test_shipped_weights_never_touch_a_high_line),
		cmocka_unit_test(test_disguised_words_read_as_the_words_they_stand_for),
		cmocka_unit_test(test_disguised_ordinary_words_stay_ordinary),
		cmocka_unit_test(test_a_disguise_no_word_fits_reads_as_before),
		cmocka_unit_test(test_a_line_of_disguises_is_read_to_the_end),
		cmocka_unit_test(test_rules_never_span_a_sentence),
		cmocka_unit_test(test_phrase_matches_only_whole_words),
		cmocka_unit_test(test_normalize_folds_ascii_case),
		cmocka_unit_test(test_normalize_removes_straight_and_curly_apostrophes),
		cmocka_unit_test(test_normalize_turns_double_quotes_into_spaces),
		cmocka_unit_test(test_normalize_turns_dashes_into_spaces),
		cmocka_unit_test(test_normalize_collapses_and_trims_spaces),
		cmocka_unit_test(test_normalize_keeps_non_ascii_letters),
		cmocka_unit_test(test_normalize_folds_styled_and_accented_latin_letters),
		cmocka_unit_test(test_normalize_treats_invalid_utf8_bytes_as_spaces),
		cmocka_unit_test(test_normalize_reports_small_buffer_and_still_terminates),
		cmocka_unit_test(test_a_lexicon_of_its_own_reads_only_its_rules),
		cmocka_unit_test(test_line_start_and_end_anchor_a_rule_to_the_whole_line),
		cmocka_unit_test(test_except_spares_the_rules_it_names),
		cmocka_unit_test(test_others_better_off_without_me_is_the_speaker),
		cmocka_unit_test(test_unless_holds_for_after_and_inside_modifiers_too),
		cmocka_unit_test(test_unless_takes_several_concepts),
		cmocka_unit_test(test_lexicon_errors_name_the_entry),
		cmocka_unit_test(test_a_rule_another_always_outranks_is_dead),
		cmocka_unit_test(test_content_lexicon_adds_to_the_built_in_floor),
		cmocka_unit_test(test_a_content_lexicon_may_add_concepts_up_to_the_limit),
		cmocka_unit_test(test_a_nul_inside_the_text_is_a_space),
		cmocka_unit_test(test_very_long_input_is_searched_to_the_end),
		cmocka_unit_test(test_invalid_utf8_input_does_not_crash),
		cmocka_unit_test(test_null_arguments_are_handled),
		cmocka_unit_test(test_irregular_forms_read_as_their_plain_form),
		cmocka_unit_test(test_a_word_the_weights_name_reads_as_the_whole_path_reads_it),
		cmocka_unit_test(test_a_place_or_a_time_is_no_evidence_to_the_weights),
	};

	return cmocka_run_group_tests(tests, setup_builtin, teardown_builtin);
}
