/* test_walk_pty.c — the guided session in a real terminal: every prompt kind, crisis language, pacing, pasting, the commands, endings, Ctrl-C, Ctrl-D, Ctrl-Z, SIGTERM, SIGHUP, resizing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "ptyrun.h"
#include "slurp.h"

/* Generous: the tests also run under ASan and valgrind. */
#define WAIT_MS 10000

static char env_content[] = "CRY_GUIDE_CONTENT=";
static char env_color[] = "NO_COLOR=";
static char env_no_color[] = "NO_COLOR=1";
static char env_dumb[] = "TERM=dumb";
static char *const no_env[] = { env_content, env_color, NULL };

/* Expect TEXT, showing what the program wrote when it does not come. */
static void expect(struct pty_proc *p, const char *text)
{
	if (pty_expect(p, text, WAIT_MS) != 0) {
		fprintf(stderr, "expected '%s' after:\n%s\n", text, p->out + p->mark);
		fail();
	}
}

/* Start the binary with up to three arguments (NULL ends them) in a ROWSxCOLS terminal. */
static void spawn_at(struct pty_proc *p, char *const env[], int rows, int cols, const char *a1,
		     const char *a2, const char *a3)
{
	char *argv[] = { (char *)pty_binary(), (char *)a1, (char *)a2, (char *)a3, NULL };

	assert_int_equal(pty_spawn(p, argv, env, rows, cols), 0);
}

static void spawn(struct pty_proc *p, char *const env[], int cols, const char *a1, const char *a2)
{
	spawn_at(p, env, 24, cols, a1, a2, NULL);
}

/* On a 24-row terminal the walk first offers the brief walk: say no (Enter). */
static void decline_brief(struct pty_proc *p)
{
	expect(p, "This window is short");
	expect(p, "[y/N]");
	expect(p, "> ");
	pty_send(p, "\r");
}

/* At the end of a terminal session: the journal's question, answered with Enter (no). */
static void decline_save(struct pty_proc *p)
{
	expect(p, "Save this reflection to your private journal?");
	expect(p, "[y/N]"); /* on a line of its own at 50 columns */
	expect(p, "> ");    /* readline is reading: a key typed now is not lost */
	pty_send(p, "\r");  /* Enter: no, nothing is saved */
	expect(p, "Nothing from this session was saved.");
}

/* Offset of TEXT in everything written, or -1. */
static long where(const struct pty_proc *p, const char *text)
{
	const char *hit = strstr(p->out, text);

	return hit ? (long)(hit - p->out) : -1;
}

static void test_a_whole_session_answers_every_prompt_kind(void **state)
{
	struct pty_proc p;
	long resources, next;

	(void)state;
	spawn_at(&p, no_env, 60, 80, "walk", "why-we-cry", NULL); /* tall: no offer, no pause */
	expect(&p, "988");
	expect(&p, "How intense are your feelings right now");
	expect(&p, "> ");
	pty_send(&p, "4\r");

	expect(&p, "[1/1] Why we cry");
	expect(&p, "[1/1] Why we cry \xc2\xb7 question 1 of 4");
	expect(&p, "> ");
	pty_send(&p, ":crisis\r");
	expect(&p, "Text HOME to 741741");
	expect(&p, "question 1 of 4"); /* the question again */
	expect(&p, "> ");

	/* crisis language with a curly apostrophe, at a free-text prompt */
	pty_send(&p, "I don\xe2\x80\x99t want to be here anymore\r");
	expect(&p, "You don't have to go through this alone");
	expect(&p, "988");
	expect(&p, "Text HOME to 741741");
	expect(&p, "Would you like to keep going? [Y/n]");
	expect(&p, "> ");
	pty_send(&p, "\r");

	/* scale: out of range, then a good answer */
	expect(&p, "question 2 of 4");
	resources = where(&p, "You don't have to go through this alone");
	next = where(&p, "question 2 of 4");
	assert_true(resources >= 0 && resources < next);
	expect(&p, "> ");
	pty_send(&p, "11\r");
	expect(&p, "Please type a whole number from 0 (At ease with it)");
	expect(&p, "> ");
	pty_send(&p, "7\r");

	/* choice, several at once, "Something else" asks what */
	expect(&p, "question 3 of 4");
	expect(&p, "1) Sadness or loss");
	expect(&p, "> ");
	pty_send(&p, "1,3,6\r");
	expect(&p, "What else tends to bring you to tears?");
	expect(&p, "> ");
	pty_send(&p, "the news; 7: late nights\r");

	/* text */
	expect(&p, "question 4 of 4");
	expect(&p, "> ");
	pty_send(&p, "a warm cup of tea\r");

	expect(&p, "Now that you have reached the end");
	expect(&p, "> ");
	pty_send(&p, "3\r");

	/* what was written comes back, by section, before the summary */
	expect(&p, "What you wrote");
	expect(&p, "Why we cry");
	expect(&p, "7, on a scale from 0");
	/* the choice with its follow-up answer quoted, "; 7: " typed in it kept */
	expect(&p, "Sadness or loss; Stress or frustration; Something else: "
		   "\xe2\x80\x9cthe news; 7: late"); /* wrapped at 80 */
	expect(&p, "nights\xe2\x80\x9d");
	expect(&p, "\xe2\x80\x9c"
		   "a warm cup of tea"
		   "\xe2\x80\x9d");
	decline_save(&p); /* the journal's question: after the answers are shown back */
	expect(&p, "Your session");
	expect(&p, "1 of 1");
	expect(&p, "3 of 4"); /* the answer that matched is not counted */
	expect(&p, "4 at the start, 3 at the end (1 lower)");
	expect(&p, "Come back any time:");
	expect(&p, "  cry-guide walk 1  this section again");
	expect(&p, "988");
	expect(&p, "not medical");
	assert_int_equal(pty_wait(&p, WAIT_MS), 0);
	/* the line that matched is not shown back */
	assert_null(strstr(strstr(p.out, "What you wrote"), "want to be here"));
	/* bracketed paste is on (a paste is one answer) */
	assert_non_null(strstr(p.out, "\033[?2004h"));
	pty_free(&p);
}

/* A section longer than the screen is shown a screenful at a time: Enter shows more. */
static void test_a_long_section_pauses_and_enter_goes_on(void **state)
{
	struct pty_proc p;
	long pause1, pause2, question;

	(void)state;
	spawn(&p, no_env, 80, "walk", "emotional-benefits");
	decline_brief(&p);
	expect(&p, "How intense are your feelings right now");
	expect(&p, "> ");
	pty_send(&p, "5\r");
	expect(&p, "[1/1] The emotional benefits of crying");
	expect(&p, "Enter for more, q for the questions");
	expect(&p, "> ");
	pause1 = (long)p.mark;
	/* nothing of what follows the pause is written before Enter */
	assert_int_equal(pty_expect(&p, "Key points", 300), -1);
	pty_send(&p, "\r");
	expect(&p, "Key points");
	expect(&p, "Enter for the questions");
	expect(&p, "> ");
	pause2 = (long)p.mark;
	pty_send(&p, "\r");
	expect(&p, "[1/1] The emotional benefits of crying \xc2\xb7 question 1 of 4");
	question = (long)p.mark;
	assert_true(pause1 < pause2 && pause2 < question);
	expect(&p, "> ");
	pty_send(&p, ":q\r");
	expect(&p, "The session ended early");
	decline_save(&p); /* the check-in was answered */
	assert_int_equal(pty_wait(&p, WAIT_MS), 0);
	pty_free(&p);
}

/* q at a pause leaves the text and goes to the questions. */
static void test_q_at_a_pause_goes_to_the_questions(void **state)
{
	struct pty_proc p;
	long pause;

	(void)state;
	spawn(&p, no_env, 50, "walk", "emotional-benefits");
	/* at 50 columns the opening itself is longer than the screen */
	expect(&p, "Enter for more");
	expect(&p, "> ");
	pty_send(&p, "\r");
	decline_brief(&p);
	expect(&p, "How intense are your feelings right now");
	expect(&p, "> ");
	pty_send(&p, "5\r");
	expect(&p, "Enter for more, q for the questions");
	expect(&p, "> ");
	pause = (long)p.mark;
	pty_send(&p, "q\r");
	expect(&p, "1 of 4"); /* the header, fitted to 50 columns */
	expect(&p, "Which feelings would you most like to let out");
	/* the rest of the text was left out */
	assert_true(where(&p, "Key points") == -1 || where(&p, "Key points") < pause);
	expect(&p, "> ");
	pty_send(&p, "\004");
	decline_save(&p); /* the check-in was answered */
	assert_int_equal(pty_wait(&p, WAIT_MS), 0);
	pty_free(&p);
}

/* The brief walk, offered at the opening of a short window; a tall one is told of it. */
static void test_a_short_window_is_offered_the_brief_walk(void **state)
{
	struct pty_proc p;

	(void)state;
	spawn(&p, no_env, 80, "walk", "why");
	expect(&p, "This window is short");
	expect(&p, "> ");
	pty_send(&p, "y\r");
	expect(&p, "How intense are your feelings right now");
	expect(&p, "> ");
	pty_send(&p, "\r");
	expect(&p, "[1/1] Why we cry");
	expect(&p, "question 1 of 4");
	/* brief: no paragraph, no pause */
	assert_null(strstr(p.out, "A baby has no words yet"));
	assert_null(strstr(p.out, "Enter for more"));
	expect(&p, "> ");
	pty_send(&p, ":quit\r");
	assert_int_equal(pty_wait(&p, WAIT_MS), 0);
	/* the way back keeps the brief walk */
	expect(&p, "cry-guide walk --brief 1");
	pty_free(&p);

	/* an answer that is neither yes nor no ("3", typed ahead for the
	 * first question) is asked again, and "yeah" is a yes */
	spawn(&p, no_env, 80, "walk", "why");
	expect(&p, "This window is short");
	expect(&p, "> ");
	pty_send(&p, "3\r");
	expect(&p, "Please answer y or n (Enter is no).");
	expect(&p, "This window is short");
	expect(&p, "> ");
	pty_send(&p, "Yeah\r");
	expect(&p, "Okay: each section's summary and key points");
	expect(&p, "How intense are your feelings right now");
	expect(&p, "> ");
	pty_send(&p, "\004");
	assert_int_equal(pty_wait(&p, WAIT_MS), 0);
	pty_free(&p);

	/* a tall one is not asked, but told */
	spawn_at(&p, no_env, 40, 80, "walk", "why", NULL);
	expect(&p, "cry-guide walk --brief shows only");
	expect(&p, "How intense are your feelings right now");
	expect(&p, "> ");
	pty_send(&p, "\004");
	assert_int_equal(pty_wait(&p, WAIT_MS), 0);
	assert_null(strstr(p.out, "This window is short"));
	pty_free(&p);
}

/* Two pasted lines are one answer, and the scales take 7/10, seven and 7 out of 10. */
static void test_a_pasted_answer_is_one_answer_and_scales_take_words(void **state)
{
	struct pty_proc p;

	(void)state;
	spawn_at(&p, no_env, 24, 80, "walk", "--brief", "why");
	expect(&p, "How intense are your feelings right now");
	expect(&p, "> ");
	pty_send(&p, "5/10\r");
	expect(&p, "question 1 of 4");
	expect(&p, "> ");
	/* a bracketed paste of two lines, then Enter */
	pty_send(&p, "\033[200~line one\nline two\033[201~\r");
	expect(&p, "question 2 of 4");
	expect(&p, "> ");
	pty_send(&p, "7 out of 10\r");
	expect(&p, "question 3 of 4");
	expect(&p, "> ");
	pty_send(&p, "1\r");
	expect(&p, "question 4 of 4");
	expect(&p, "> ");
	pty_send(
	    &p,
	    "a long answer that goes on past the width of the terminal, so that readline has to show it across two lines of the screen\r");
	expect(&p, "Now that you have reached the end");
	expect(&p, "> ");
	pty_send(&p, "SEVEN\r");
	expect(&p, "What you wrote");
	expect(&p, "\xe2\x80\x9cline one line two\xe2\x80\x9d");
	expect(&p, "7, on a scale from 0");
	expect(&p, "Sadness or loss");
	expect(&p, "two lines of the screen");
	decline_save(&p);
	assert_int_equal(pty_wait(&p, WAIT_MS), 0);
	expect(&p, "Questions answered:  4 of 4");
	expect(&p, "5 at the start, 7 at the end (2 higher)");
	/* "line two" was never taken for the next question's answer */
	assert_null(strstr(p.out, "Please type a whole number"));
	pty_free(&p);
}

/* :h, :c, :q; a :word that is not a command is refused, asked again and never counted. */
static void test_short_commands_and_an_unknown_word(void **state)
{
	struct pty_proc p;
	long refused, again;

	(void)state;
	spawn_at(&p, no_env, 24, 80, "walk", "--brief", "why");
	expect(&p, "How intense are your feelings right now");
	expect(&p, "> ");
	pty_send(&p, ":h\r");
	expect(&p, ":crisis, :c");
	expect(&p, ":help, :h");
	expect(&p, ":quit, :q");
	expect(&p, "How intense are your feelings right now"); /* asked again */
	expect(&p, "> ");
	pty_send(&p, ":C\r");
	expect(&p, "Crisis and support resources");
	expect(&p, "Call or text 988");
	expect(&p, "How intense are your feelings right now");
	expect(&p, "> ");
	pty_send(&p, "\r");
	expect(&p, "question 1 of 4");
	expect(&p, "> ");
	pty_send(&p, ":skip\r");
	expect(&p, "\":skip\" is not a command");
	refused = (long)p.mark;
	expect(&p, ":crisis (or :c)");
	expect(&p, "question 1 of 4"); /* the same question again */
	again = (long)p.mark;
	assert_true(refused < again);
	expect(&p, "> ");
	pty_send(&p, ":q\r");
	assert_int_equal(pty_wait(&p, WAIT_MS), 0);
	expect(&p, "The session ended early");
	expect(&p, "Questions answered:  0 of 4");
	/* not an answer: not shown back */
	assert_null(strstr(p.out, "What you wrote"));
	pty_free(&p);
}

/* Stopping after crisis language: 988 first, a kind word, no counts. */
static void test_stopping_after_crisis_language_leads_with_988_and_no_counts(void **state)
{
	struct pty_proc p;
	long asked, line988, kind, save, footer;

	(void)state;
	spawn_at(&p, no_env, 24, 80, "walk", "--brief", "why");
	expect(&p, "How intense are your feelings right now");
	expect(&p, "> ");
	pty_send(&p, "5\r");
	expect(&p, "question 1 of 4");
	expect(&p, "> ");
	pty_send(&p, "I want to kill myself\r");
	expect(&p, "Would you like to keep going? [Y/n]");
	asked = (long)p.mark;
	expect(&p, "> ");
	pty_send(&p, "n\r");
	expect(&p, "Call or text 988 (Suicide & Crisis Lifeline");
	line988 = (long)p.mark;
	expect(&p, "You matter");
	kind = (long)p.mark;
	expect(&p, "cry-guide walk --brief 1");
	/* no housekeeping question after the close: only --save saves here */
	expect(&p, "Nothing from this session was saved.");
	save = (long)p.mark;
	assert_int_equal(pty_wait(&p, WAIT_MS), 0);
	expect(&p, "not medical");
	footer = (long)p.mark;
	assert_true(asked < line988 && line988 < kind && kind < save && save < footer);
	assert_null(strstr(p.out + asked, "Save this reflection"));
	/* after the question, 988 comes first: nothing else in between */
	{
		const char *after = p.out + asked;
		const char *first = strstr(after, "988");

		assert_non_null(first);
		assert_true(first - p.out <= line988);
	}
	assert_null(strstr(p.out + asked, "Questions answered"));
	assert_null(strstr(p.out + asked, "Sections:"));
	assert_null(strstr(p.out + asked, "Feelings"));
	assert_null(strstr(p.out + asked, "What you wrote"));
	assert_null(strstr(p.out, "kill myself\xe2\x80\x9d"));
	pty_free(&p);
}

/* After the program has exited, the terminal is back in cooked mode with
 * echo on (on Linux the master reports the slave's settings). */
static void assert_terminal_sane(struct pty_proc *p)
{
	struct termios tio;

	assert_int_equal(tcgetattr(p->fd, &tio), 0);
	assert_true(tio.c_lflag & ECHO);
	assert_true(tio.c_lflag & ICANON);
}

static void test_ctrl_c_ends_with_130_the_crisis_line_and_a_sane_terminal(void **state)
{
	struct pty_proc p;

	(void)state;
	spawn(&p, no_env, 80, "walk", NULL);
	decline_brief(&p);
	expect(&p, "How intense are your feelings right now");
	expect(&p, "> ");
	pty_send(&p, "5\r");
	expect(&p, "[1/8] Why we cry");
	expect(&p, "Enter for more, q for the questions");
	expect(&p, "> "); /* a long section pauses */
	pty_send(&p, "q\r");
	expect(&p, "question 1 of 4");
	expect(&p, "> ");
	pty_send(&p, "half an answer");
	expect(&p, "half an answer"); /* readline echoed it: the terminal is raw now */
	pty_send(&p, "\003");
	assert_int_equal(pty_wait(&p, WAIT_MS), 130);
	expect(&p, "Stopped");
	expect(&p, "To come back:");
	expect(&p, "  cry-guide walk\r\n");
	expect(&p, "988");
	expect(&p, "not medical");
	assert_terminal_sane(&p);
	pty_free(&p);
}

static void test_ctrl_d_ends_gently_with_status_0(void **state)
{
	struct pty_proc p;

	(void)state;
	spawn_at(&p, no_env, 24, 80, "--width", "70", NULL); /* no command: the walk */
	decline_brief(&p);
	expect(&p, "How intense are your feelings right now");
	expect(&p, "> ");
	pty_send(&p, "5\r");
	expect(&p, "Enter for more, q for the questions");
	expect(&p, "> ");
	pty_send(&p, "q\r");
	expect(&p, "question 1 of 4");
	expect(&p, "> ");
	pty_send(&p, "something\r");
	expect(&p, "question 2 of 4");
	expect(&p, "> ");
	pty_send(&p, "\004");
	expect(&p, "The session ended early");
	expect(&p, "What you wrote"); /* on a terminal, even after an early end */
	expect(&p, "\xe2\x80\x9csomething\xe2\x80\x9d");
	expect(&p, "Save this reflection to your private journal? [y/N]");
	expect(&p, "> ");     /* readline is reading: a key typed now is not lost */
	pty_send(&p, "\004"); /* Ctrl-D again: no */
	assert_int_equal(pty_wait(&p, WAIT_MS), 0);
	expect(&p, "Nothing from this session was saved.");
	expect(&p, "Your session");
	/* how to come back: the section it stopped in, and the rest */
	expect(&p, "pick up where you stopped:");
	expect(&p, "  cry-guide walk\r\n"); /* stopped in section 1: all of it */
	expect(&p, "988");
	expect(&p, "trained mental health");
	assert_null(strstr(p.out, "mental health professional")); /* wrapped at 70, not 80 */
	assert_terminal_sane(&p);
	pty_free(&p);
}

static void test_text_rewraps_after_the_terminal_is_resized(void **state)
{
	struct pty_proc p;

	(void)state;
	spawn_at(&p, no_env, 60, 80, "walk", "why", NULL);
	expect(&p, "How intense are your feelings right now");
	expect(&p, "> ");
	pty_resize(&p, 60, 40);
	pty_send(&p, "\r");
	expect(&p, "[1/1] Why we cry");
	/* at 80 columns " we do." would follow on the same line */
	expect(&p, "Crying is one of the very first things");
	assert_true(p.out[p.mark] != ' ');
	expect(&p, "> ");
	pty_send(&p, "\004");
	assert_int_equal(pty_wait(&p, WAIT_MS), 0);
	pty_free(&p);
}

static void test_no_color_and_a_dumb_terminal_get_no_colour(void **state)
{
	static char *const env[] = { env_content, env_no_color, env_dumb, NULL };
	struct pty_proc p;

	(void)state;
	spawn(&p, env, 80, "walk", "why");
	decline_brief(&p);
	expect(&p, "How intense are your feelings right now");
	expect(&p, "> ");
	pty_send(&p, "\004");
	assert_int_equal(pty_wait(&p, WAIT_MS), 0);
	expect(&p, "988");
	/* no colour, and no bracketed paste either */
	assert_null(strstr(p.out, "\033["));
	pty_free(&p);
}

/* ---- job control under dash, the shell that does not restore the terminal ---- */

/* The shell's prompt: never typed, so never matched by the echo of a command. */
#define SHELL_PROMPT "READY> "

static char env_ps1[] = "PS1=" SHELL_PROMPT;
static char env_no_env_file[] = "ENV=";

/* A scratch folder for the shell's files, named in *dir. */
static void scratch(char *dir, size_t n)
{
	assert_true(n > sizeof("/tmp/cg-pty-XXXXXX"));
	strcpy(dir, "/tmp/cg-pty-XXXXXX");
	assert_non_null(mkdtemp(dir));
}

static void remove_scratch(const char *dir)
{
	static const char *const names[] = { "before", "stopped", "after", "err" };
	char path[256];
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
}

/* Two files of `stty -a` output are the same, or the test fails showing both. */
static void assert_same_stty(const char *dir, const char *a, const char *b)
{
	char pa[256], pb[256];
	char *ta, *tb;

	snprintf(pa, sizeof(pa), "%s/%s", dir, a);
	snprintf(pb, sizeof(pb), "%s/%s", dir, b);
	ta = slurp(pa);
	tb = slurp(pb);
	assert_non_null(ta);
	assert_non_null(tb);
	assert_true(strlen(ta) > 0);
	if (strcmp(ta, tb) != 0) {
		fprintf(stderr, "stty -a %s:\n%s\nstty -a %s:\n%s\n", a, ta, b, tb);
		fail();
	}
	free(ta);
	free(tb);
}

/* Start an interactive /bin/sh (dash on Debian) in the terminal. */
static void spawn_shell(struct pty_proc *p)
{
	static char *const env[] = { env_content, env_color, env_ps1, env_no_env_file, NULL };
	char *argv[] = { (char *)"/bin/sh", (char *)"-i", NULL };

	assert_int_equal(pty_spawn(p, argv, env, 24, 80), 0);
	expect(p, SHELL_PROMPT);
}

/*
 * At the shell: save `stty -a` in DIR/NAME and wait for the next prompt.
 * The line ends with Ctrl-J, which ends it even in a terminal left in
 * readline's mode (no ICRNL): a terminal not restored then shows as a
 * difference of stty -a, not as a shell that never answers.
 */
static void save_stty(struct pty_proc *p, const char *dir, const char *name)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "stty -a >'%s/%s'\n", dir, name);
	pty_send(p, cmd);
	expect(p, SHELL_PROMPT);
}

/* The terminal is in readline's mode: no canonical input, no echo by the driver. */
static void assert_terminal_raw(struct pty_proc *p)
{
	struct termios tio;

	assert_int_equal(tcgetattr(p->fd, &tio), 0);
	assert_false(tio.c_lflag & ICANON);
	assert_false(tio.c_lflag & ECHO);
}

static void test_ctrl_z_and_fg_under_dash_leave_the_terminal_as_it_was(void **state)
{
	struct pty_proc p;
	char dir[64];
	char run[1200];

	(void)state;
	scratch(dir, sizeof(dir));
	spawn_shell(&p);
	save_stty(&p, dir, "before");
	snprintf(run, sizeof(run), "'%s' walk --brief why\r", pty_binary());
	pty_send(&p, run);
	expect(&p, "How intense are your feelings right now");
	expect(&p, "> ");
	pty_send(&p, "half");
	expect(&p, "half");
	pty_send(&p, "\032"); /* Ctrl-Z */
	expect(&p, "Stopped");
	expect(&p, SHELL_PROMPT);
	/* stopped: the shell has the terminal back as it was */
	save_stty(&p, dir, "stopped");
	assert_same_stty(dir, "before", "stopped");
	pty_send(&p, "fg\r");
	/* continued: readline's mode again, and the prompt with what was typed */
	expect(&p, "> half");
	assert_terminal_raw(&p);
	pty_send(&p, "\025"); /* Ctrl-U: clear the line */
	pty_send(&p, "3\r");
	expect(&p, "[1/1] Why we cry");
	expect(&p, "> ");
	pty_send(&p, "\004");
	expect(&p, "The session ended early");
	expect(&p, "Save this reflection to your private journal? [y/N]");
	expect(&p, "> "); /* readline is reading: a key typed now is not lost */
	pty_send(&p, "\004");
	expect(&p, SHELL_PROMPT);
	save_stty(&p, dir, "after");
	pty_send(&p, "exit\r");
	assert_int_equal(pty_wait(&p, WAIT_MS), 0);
	assert_same_stty(dir, "before", "after");
	pty_free(&p);
	remove_scratch(dir);
}

static void test_sigterm_under_dash_ends_with_143_the_safety_text_and_the_terminal_as_it_was(
    void **state)
{
	struct pty_proc p;
	char dir[64], path[128];
	char run[1200];
	char *err;
	pid_t job;

	(void)state;
	scratch(dir, sizeof(dir));
	spawn_shell(&p);
	save_stty(&p, dir, "before");
	snprintf(run, sizeof(run), "'%s' walk --brief why 2>'%s/err'\r", pty_binary(), dir);
	pty_send(&p, run);
	expect(&p, "How intense are your feelings right now");
	expect(&p, "> ");
	pty_send(&p, "half an answer");
	expect(&p, "half an answer");
	/* the walk is the terminal's foreground job, in its own process group */
	job = tcgetpgrp(p.fd);
	assert_true(job > 0 && job != p.pid);
	assert_int_equal(kill(-job, SIGTERM), 0);
	expect(&p, SHELL_PROMPT);
	pty_send(&p, "echo \"status=$?\"\n"); /* Ctrl-J, as in save_stty() */
	expect(&p, "status=143");
	expect(&p, SHELL_PROMPT);
	save_stty(&p, dir, "after");
	assert_same_stty(dir, "before", "after");
	pty_send(&p, "exit\r");
	assert_int_equal(pty_wait(&p, WAIT_MS), 0);
	/* the session closed as after Ctrl-C, on stdout */
	assert_true(where(&p, "Stopped. Take good care") >= 0);
	snprintf(path, sizeof(path), "%s/err", dir);
	err = slurp(path);
	assert_non_null(err);
	assert_non_null(strstr(err, "SIGTERM"));
	assert_non_null(strstr(err, "988"));
	assert_non_null(strstr(err, "not medical"));
	free(err);
	pty_free(&p);
	remove_scratch(dir);
}

static void test_sighup_ends_with_129_the_safety_text_on_stderr_and_a_sane_terminal(void **state)
{
	struct pty_proc p;
	char dir[64], path[128];
	char *err;

	(void)state;
	scratch(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/err", dir);
	{
		char *argv[] = { (char *)"/bin/sh",
				 (char *)"-c",
				 (char *)"exec \"$0\" walk --brief why 2>\"$1\"",
				 (char *)pty_binary(),
				 path,
				 NULL };

		assert_int_equal(pty_spawn(&p, argv, no_env, 24, 80), 0);
	}
	expect(&p, "How intense are your feelings right now");
	expect(&p, "> ");
	pty_send(&p, "half an answer");
	expect(&p, "half an answer");
	assert_int_equal(kill(p.pid, SIGHUP), 0);
	assert_int_equal(pty_wait(&p, WAIT_MS), 129);
	assert_terminal_sane(&p);
	err = slurp(path);
	assert_non_null(err);
	assert_non_null(strstr(err, "SIGHUP"));
	assert_non_null(strstr(err, "988"));
	assert_non_null(strstr(err, "not medical"));
	free(err);
	pty_free(&p);
	remove_scratch(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_whole_session_answers_every_prompt_kind),
		cmocka_unit_test(test_a_long_section_pauses_and_enter_goes_on),
		cmocka_unit_test(test_q_at_a_pause_goes_to_the_questions),
		cmocka_unit_test(test_a_short_window_is_offered_the_brief_walk),
		cmocka_unit_test(test_a_pasted_answer_is_one_answer_and_scales_take_words),
		cmocka_unit_test(test_short_commands_and_an_unknown_word),
		cmocka_unit_test(test_stopping_after_crisis_language_leads_with_988_and_no_counts),
		cmocka_unit_test(test_ctrl_c_ends_with_130_the_crisis_line_and_a_sane_terminal),
		cmocka_unit_test(test_ctrl_d_ends_gently_with_status_0),
		cmocka_unit_test(test_text_rewraps_after_the_terminal_is_resized),
		cmocka_unit_test(test_no_color_and_a_dumb_terminal_get_no_colour),
		cmocka_unit_test(test_ctrl_z_and_fg_under_dash_leave_the_terminal_as_it_was),
		cmocka_unit_test(
		    test_sigterm_under_dash_ends_with_143_the_safety_text_and_the_terminal_as_it_was),
		cmocka_unit_test(
		    test_sighup_ends_with_129_the_safety_text_on_stderr_and_a_sane_terminal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
