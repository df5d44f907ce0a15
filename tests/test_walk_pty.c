/* test_walk_pty.c — the guided session in a real terminal: every prompt kind, crisis language, Ctrl-C, Ctrl-D, Ctrl-Z, SIGTERM, SIGHUP, resizing. */
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

static void spawn(struct pty_proc *p, char *const env[], int cols, const char *a1, const char *a2)
{
	char *argv[] = { (char *)pty_binary(), (char *)a1, (char *)a2, NULL };

	assert_int_equal(pty_spawn(p, argv, env, 24, cols), 0);
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
	spawn(&p, no_env, 80, "walk", "why-we-cry");
	expect(&p, "988");
	expect(&p, "How intense are your feelings right now");
	expect(&p, "> ");
	pty_send(&p, "4\r");

	expect(&p, "[1/1] Why we cry");
	expect(&p, "(1/4)");
	expect(&p, "> ");
	pty_send(&p, ":crisis\r");
	expect(&p, "Text HOME to 741741");
	expect(&p, "(1/4)"); /* the question again */
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
	expect(&p, "(2/4) ");
	resources = where(&p, "You don't have to go through this alone");
	next = where(&p, "(2/4) ");
	assert_true(resources >= 0 && resources < next);
	expect(&p, "> ");
	pty_send(&p, "11\r");
	expect(&p, "Please type a whole number from 0 (At ease with it)");
	expect(&p, "> ");
	pty_send(&p, "7\r");

	/* choice, several at once */
	expect(&p, "(3/4) ");
	expect(&p, "1. Sadness or loss");
	expect(&p, "> ");
	pty_send(&p, "1,3\r");

	/* text */
	expect(&p, "(4/4) ");
	expect(&p, "> ");
	pty_send(&p, "a warm cup of tea\r");

	expect(&p, "Now that you have reached the end");
	expect(&p, "> ");
	pty_send(&p, "3\r");

	expect(&p, "Your session");
	expect(&p, "1 of 1");
	expect(&p, "3 of 4"); /* the answer that matched is not counted */
	expect(&p, "4 at the start, 3 at the end (1 lower)");
	expect(&p, "Save this reflection to your private journal? [y/N]");
	expect(&p, "> ");   /* readline is reading: a key typed now is not lost */
	pty_send(&p, "\r"); /* Enter: no, nothing is saved */
	expect(&p, "Nothing from this session was saved.");
	expect(&p, "988");
	expect(&p, "not medical");
	assert_int_equal(pty_wait(&p, WAIT_MS), 0);
	/* bracketed paste stays off (readline 8.1+ would turn it on) */
	assert_null(strstr(p.out, "\033[?2004h"));
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
	expect(&p, "How intense are your feelings right now");
	expect(&p, "> ");
	pty_send(&p, "5\r");
	expect(&p, "[1/8] Why we cry");
	expect(&p, "(1/4)");
	expect(&p, "> ");
	pty_send(&p, "half an answer");
	expect(&p, "half an answer"); /* readline echoed it: the terminal is raw now */
	pty_send(&p, "\003");
	assert_int_equal(pty_wait(&p, WAIT_MS), 130);
	expect(&p, "Stopped");
	expect(&p, "988");
	expect(&p, "not medical");
	assert_terminal_sane(&p);
	pty_free(&p);
}

static void test_ctrl_d_ends_gently_with_status_0(void **state)
{
	struct pty_proc p;

	(void)state;
	spawn(&p, no_env, 80, NULL, NULL); /* no command: the walk */
	expect(&p, "How intense are your feelings right now");
	expect(&p, "> ");
	pty_send(&p, "5\r");
	expect(&p, "(1/4)");
	expect(&p, "> ");
	pty_send(&p, "\004");
	expect(&p, "The session ended early");
	expect(&p, "Your session");
	expect(&p, "Save this reflection to your private journal? [y/N]");
	expect(&p, "> ");     /* readline is reading: a key typed now is not lost */
	pty_send(&p, "\004"); /* Ctrl-D again: no */
	assert_int_equal(pty_wait(&p, WAIT_MS), 0);
	expect(&p, "988");
	expect(&p, "not medical");
	assert_terminal_sane(&p);
	pty_free(&p);
}

static void test_text_rewraps_after_the_terminal_is_resized(void **state)
{
	struct pty_proc p;

	(void)state;
	spawn(&p, no_env, 80, "walk", "why");
	expect(&p, "How intense are your feelings right now");
	expect(&p, "> ");
	pty_resize(&p, 24, 40);
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
	expect(&p, "How intense are your feelings right now");
	expect(&p, "> ");
	pty_send(&p, "\004");
	assert_int_equal(pty_wait(&p, WAIT_MS), 0);
	expect(&p, "988");
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

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = calloc(1, (size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
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
	snprintf(run, sizeof(run), "'%s' walk why\r", pty_binary());
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
	snprintf(run, sizeof(run), "'%s' walk why 2>'%s/err'\r", pty_binary(), dir);
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
		char *argv[] = {
			(char *)"/bin/sh",    (char *)"-c", (char *)"exec \"$0\" walk why 2>\"$1\"",
			(char *)pty_binary(), path,         NULL
		};

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
