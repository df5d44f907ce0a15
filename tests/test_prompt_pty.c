/* test_prompt_pty.c — answers typed at a real terminal are bounded as scripted ones are: a huge paste is cut at 64 KiB, with a note. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prompt.h"
#include "ptyrun.h"

/* Generous: the tests also run under ASan and valgrind. */
#define WAIT_MS 20000

static char env_content[] = "CRY_GUIDE_CONTENT=";
static char env_color[] = "NO_COLOR=1";
static char *const no_env[] = { env_content, env_color, NULL };

static void expect(struct pty_proc *p, const char *text)
{
	if (pty_expect(p, text, WAIT_MS) != 0) {
		fprintf(stderr, "expected '%s' after:\n%s\n", text, p->out + p->mark);
		fail();
	}
}

/*
 * Type a line longer than PROMPT_LINE_MAX into readline, a chunk at a
 * time, reading the echo between chunks (a terminal's buffers are small).
 */
static void type_long(struct pty_proc *p, size_t len)
{
	char chunk[513];
	size_t sent = 0;

	memset(chunk, 'w', sizeof(chunk) - 1);
	chunk[sizeof(chunk) - 1] = '\0';
	while (sent < len) {
		size_t n = len - sent < sizeof(chunk) - 1 ? len - sent : sizeof(chunk) - 1;
		chunk[n] = '\0';
		pty_send(p, chunk);
		sent += n;
		pty_expect(p, "\001 never written", 2); /* drain the echo */
	}
}

static void test_a_huge_typed_answer_is_cut_with_a_note_and_the_walk_goes_on(void **state)
{
	char *argv[] = { (char *)pty_binary(), (char *)"walk", (char *)"why", NULL };
	struct pty_proc p;

	(void)state;
	assert_int_equal(pty_spawn(&p, argv, no_env, 24, 80), 0);
	expect(&p, "This window is short"); /* the brief walk offered: no */
	expect(&p, "> ");
	pty_send(&p, "\r");
	expect(&p, "How intense are your feelings right now");
	expect(&p, "> ");
	pty_send(&p, "\r");
	expect(&p, "Enter for more, q for the questions"); /* a screenful: to the questions */
	expect(&p, "> ");
	pty_send(&p, "q\r");
	expect(&p, "question 1 of 4");
	expect(&p, "> ");
	type_long(&p, PROMPT_LINE_MAX + 2000);
	pty_send(&p, "\r");
	expect(&p, "That answer was longer than 64 KiB, so only its first 64 KiB were kept.");
	expect(&p, "question 2 of 4");
	expect(&p, "> ");
	pty_send(&p, "\004");
	expect(&p, "The session ended early");
	expect(&p, "Save this reflection");
	expect(&p, "> "); /* readline is reading: a key typed now is not lost */
	pty_send(&p, "\r");
	assert_int_equal(pty_wait(&p, WAIT_MS), 0);
	pty_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_huge_typed_answer_is_cut_with_a_note_and_the_walk_goes_on),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
