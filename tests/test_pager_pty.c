/* test_pager_pty.c — long output through a pager on a (pseudo-)terminal, as git does. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ptyrun.h"
#include "render.h"

/* The safety footer's crisis line and disclaimer, as the built-in content words them. */
#define CRISIS_MARK "Crisis Lifeline, US, free, 24/7"
#define DISCLAIMER_MARK "is not medical advice"

/* Start the binary with args in a rows x 80 terminal and the environment env. */
static void spawn(struct pty_proc *p, const char *const *args, char *const *env, int rows)
{
	char *argv[16];
	size_t n = 0;

	argv[n++] = (char *)pty_binary();
	for (; *args && n < 15; args++)
		argv[n++] = (char *)*args;
	argv[n] = NULL;
	assert_int_equal(pty_spawn(p, argv, env, rows, 80), 0);
}

static size_t count(const char *s, const char *what)
{
	size_t n = 0;

	for (; (s = strstr(s, what)) != NULL; s += strlen(what))
		n++;
	return n;
}

static void test_show_all_opens_the_pager_and_q_returns_with_status_0(void **state)
{
	static const char *const args[] = { "show", "--all", NULL };
	/* as a person's shell would have it: no pager configured, so less */
	static char *const env[] = { (char *)"NO_COLOR=1", (char *)"CRY_GUIDE_PAGER",
				     (char *)"PAGER",      (char *)"LESS",
				     (char *)"LV",         NULL };
	struct pty_proc p;
	size_t before;

	(void)state;
	spawn(&p, args, env, 24);
	assert_int_equal(pty_expect(&p, "1. Why we cry", 5000), 0);
	/* less waits at its prompt: cry-guide has not ended, the last section not shown */
	assert_int_equal(pty_expect(&p, "8. Finding support", 700), -1);
	assert_null(strstr(p.out, "8. Finding support"));
	assert_null(strstr(p.out, DISCLAIMER_MARK));
	before = p.len;
	pty_send(&p, "q");
	assert_int_equal(pty_wait(&p, 5000), 0);
	/* the footer comes after the pager, straight to the terminal */
	assert_non_null(strstr(p.out + before, CRISIS_MARK));
	assert_non_null(strstr(p.out + before, DISCLAIMER_MARK));
	pty_free(&p);
}

static void test_ctrl_c_in_the_pager_leaves_it_running_and_q_still_returns_0(void **state)
{
	static const char *const args[] = { "show", "--all", NULL };
	static char *const env[] = { (char *)"NO_COLOR=1", (char *)"CRY_GUIDE_PAGER",
				     (char *)"PAGER", (char *)"LESS", NULL };
	struct pty_proc p;
	size_t before;
	int tries;

	(void)state;
	spawn(&p, args, env, 24);
	assert_int_equal(pty_expect(&p, "1. Why we cry", 5000), 0);
	pty_send(&p, "\003");
	/* neither cry-guide nor less ended: the page can still be turned */
	assert_int_equal(pty_expect(&p, "Ctrl-C that ends it", 500), -1);
	before = p.len;
	/* less may still be settling after the interrupt: a space turns the page */
	for (tries = 0; tries < 5; tries++) {
		pty_send(&p, " ");
		if (pty_expect(&p, "Emotional tears", 2000) == 0)
			break;
	}
	assert_true(tries < 5);
	pty_send(&p, "q");
	assert_int_equal(pty_wait(&p, 5000), 0);
	assert_non_null(strstr(p.out + before, CRISIS_MARK));
	pty_free(&p);
}

static void test_show_all_into_a_pipe_never_pages(void **state)
{
	static const char *const args[] = { "-c", NULL, NULL };
	char cmd[1024];
	const char *argv[4];
	struct pty_proc p;
	char *const env[] = { (char *)"NO_COLOR=1", (char *)"CRY_GUIDE_PAGER=sed s/^/PAGED:/",
			      NULL };

	(void)state;
	(void)args;
	snprintf(cmd, sizeof(cmd), "'%s' show --all | cat", pty_binary());
	argv[0] = "/bin/sh";
	argv[1] = "-c";
	argv[2] = cmd;
	argv[3] = NULL;
	assert_int_equal(pty_spawn(&p, (char *const *)argv, env, 24, 80), 0);
	/* no key is pressed: it ends by itself, whole, and nothing went through the pager */
	assert_int_equal(pty_wait(&p, 10000), 0);
	assert_non_null(strstr(p.out, "8. Finding support"));
	assert_non_null(strstr(p.out, DISCLAIMER_MARK));
	assert_null(strstr(p.out, "PAGED:"));
	pty_free(&p);
}

static void test_the_pager_gets_the_text_and_the_footer_follows_it(void **state)
{
	static const char *const args[] = { "show", "why", NULL };
	static char *const env[] = { (char *)"NO_COLOR=1",
				     (char *)"CRY_GUIDE_PAGER=sed s/^/PAGED:/", NULL };
	struct pty_proc p;
	const char *paged, *crisis;

	(void)state;
	spawn(&p, args, env, 24);
	assert_int_equal(pty_wait(&p, 10000), 0);
	paged = strstr(p.out, "PAGED:1. Why we cry");
	crisis = strstr(p.out, CRISIS_MARK);
	assert_non_null(paged);
	assert_non_null(crisis);
	assert_true(crisis > paged);
	assert_null(strstr(p.out, "PAGED:If you are")); /* the footer is not paged */
	assert_int_equal(count(p.out, CRISIS_MARK), 1);
	pty_free(&p);
}

static void test_the_pager_runs_with_less_and_lv_set_unless_they_are(void **state)
{
	static const char *const args[] = { "list", NULL };
	static char *const env[] = {
		(char *)"NO_COLOR=1",
		(char *)"CRY_GUIDE_PAGER=echo LESS=$LESS LV=$LV; cat >/dev/null", (char *)"LESS",
		(char *)"LV", NULL
	};
	static char *const mine[] = { (char *)"NO_COLOR=1",
				      (char *)"CRY_GUIDE_PAGER=echo LESS=$LESS; cat >/dev/null",
				      (char *)"LESS=-S", NULL };
	struct pty_proc p;

	(void)state;
	spawn(&p, args, env, 24);
	assert_int_equal(pty_wait(&p, 10000), 0);
	assert_non_null(strstr(p.out, "LESS=FRX LV=-c"));
	assert_non_null(strstr(p.out, CRISIS_MARK));
	pty_free(&p);
	spawn(&p, args, mine, 24);
	assert_int_equal(pty_wait(&p, 10000), 0);
	assert_non_null(strstr(p.out, "LESS=-S"));
	pty_free(&p);
}

static void test_pager_falls_back_to_pager_and_empty_or_cat_means_none(void **state)
{
	static const char *const args[] = { "search", "tears", NULL };
	static const char *const nopager[] = { "--no-pager", "search", "tears", NULL };
	static char *const via_pager[] = { (char *)"NO_COLOR=1", (char *)"CRY_GUIDE_PAGER",
					   (char *)"PAGER=sed s/^/P2:/", NULL };
	static char *const empty[] = { (char *)"NO_COLOR=1",
				       (char *)"CRY_GUIDE_PAGER=", (char *)"PAGER=sed s/^/P2:/",
				       NULL };
	static char *const cat[] = { (char *)"NO_COLOR=1", (char *)"CRY_GUIDE_PAGER=cat", NULL };
	static char *const sed[] = { (char *)"NO_COLOR=1", (char *)"CRY_GUIDE_PAGER=sed s/^/P2:/",
				     NULL };
	struct pty_proc p;

	(void)state;
	spawn(&p, args, via_pager, 24);
	assert_int_equal(pty_wait(&p, 10000), 0);
	assert_non_null(strstr(p.out, "P2:why-we-cry:"));
	pty_free(&p);
	spawn(&p, args, empty, 24);
	assert_int_equal(pty_wait(&p, 10000), 0);
	assert_null(strstr(p.out, "P2:"));
	assert_non_null(strstr(p.out, "why-we-cry:"));
	pty_free(&p);
	spawn(&p, args, cat, 24);
	assert_int_equal(pty_wait(&p, 10000), 0);
	assert_non_null(strstr(p.out, "why-we-cry:"));
	pty_free(&p);
	spawn(&p, nopager, sed, 24);
	assert_int_equal(pty_wait(&p, 10000), 0);
	assert_null(strstr(p.out, "P2:"));
	assert_non_null(strstr(p.out, "why-we-cry:"));
	pty_free(&p);
}

static void test_a_pager_that_quits_at_once_keeps_the_status_and_the_footer(void **state)
{
	static const char *const args[] = { "show", "--all", NULL };
	static char *const env[] = { (char *)"NO_COLOR=1", (char *)"CRY_GUIDE_PAGER=exit 3", NULL };
	static char *const missing[] = { (char *)"NO_COLOR=1",
					 (char *)"CRY_GUIDE_PAGER=/nonexistent/pager", NULL };
	struct pty_proc p;

	(void)state;
	spawn(&p, args, env, 24);
	assert_int_equal(pty_wait(&p, 10000), 0);
	assert_non_null(strstr(p.out, CRISIS_MARK));
	assert_non_null(strstr(p.out, DISCLAIMER_MARK));
	assert_null(strstr(p.out, "cannot write"));
	pty_free(&p);
	spawn(&p, args, missing, 24);
	assert_int_equal(pty_wait(&p, 10000), 0);
	assert_non_null(strstr(p.out, "cannot run the pager '/nonexistent/pager'"));
	assert_non_null(strstr(p.out, CRISIS_MARK));
	pty_free(&p);
}

static void test_an_unknown_section_does_not_page_and_keeps_status_1(void **state)
{
	static const char *const args[] = { "show", "nope", NULL };
	static char *const env[] = { (char *)"NO_COLOR=1",
				     (char *)"CRY_GUIDE_PAGER=sed s/^/PAGED:/", NULL };
	struct pty_proc p;

	(void)state;
	spawn(&p, args, env, 24);
	assert_int_equal(pty_wait(&p, 10000), 1);
	assert_null(strstr(p.out, "PAGED:"));
	pty_free(&p);
}

static void test_walk_and_crisis_never_page(void **state)
{
	static const char *const walk[] = { "walk", "--no-save", "why", NULL };
	static const char *const crisis[] = { "crisis", NULL };
	static char *const env[] = { (char *)"NO_COLOR=1",
				     (char *)"CRY_GUIDE_PAGER=sed s/^/PAGED:/", NULL };
	struct pty_proc p;

	(void)state;
	spawn(&p, walk, env, 24);
	assert_int_equal(pty_expect(&p, "Welcome", 5000), 0);
	assert_int_equal(pty_expect(&p, "> ", 5000), 0);
	pty_send(&p, "\004");
	assert_int_equal(pty_wait(&p, 10000), 0);
	assert_null(strstr(p.out, "PAGED:"));
	pty_free(&p);
	spawn(&p, crisis, env, 24);
	assert_int_equal(pty_wait(&p, 10000), 0);
	assert_null(strstr(p.out, "PAGED:"));
	assert_non_null(strstr(p.out, "988"));
	pty_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_show_all_opens_the_pager_and_q_returns_with_status_0),
		cmocka_unit_test(test_ctrl_c_in_the_pager_leaves_it_running_and_q_still_returns_0),
		cmocka_unit_test(test_show_all_into_a_pipe_never_pages),
		cmocka_unit_test(test_the_pager_gets_the_text_and_the_footer_follows_it),
		cmocka_unit_test(test_the_pager_runs_with_less_and_lv_set_unless_they_are),
		cmocka_unit_test(test_pager_falls_back_to_pager_and_empty_or_cat_means_none),
		cmocka_unit_test(test_a_pager_that_quits_at_once_keeps_the_status_and_the_footer),
		cmocka_unit_test(test_an_unknown_section_does_not_page_and_keeps_status_1),
		cmocka_unit_test(test_walk_and_crisis_never_page),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
