/* test_read_pty.c — the reading commands on a real (pseudo-)terminal: colour, table, width. */
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

/*
 * Run the binary with args (after argv[0]) in an 80x24 terminal with the
 * extra environment env; returns everything it wrote (caller frees).
 */
static char *run_tty(const char *const *args, char *const *env, int cols)
{
	char *argv[16];
	struct pty_proc p;
	size_t n = 0;
	char *out;

	argv[n++] = (char *)pty_binary();
	for (; *args && n < 15; args++)
		argv[n++] = (char *)*args;
	argv[n] = NULL;
	assert_int_equal(pty_spawn(&p, argv, env, 24, cols), 0);
	assert_int_equal(pty_wait(&p, 10000), 0);
	out = strdup(p.out);
	assert_non_null(out);
	pty_free(&p);
	return out;
}

static bool has_escape(const char *s)
{
	return strchr(s, '\033') != NULL;
}

static void test_list_on_a_terminal_is_a_coloured_table_with_the_crisis_line_and_disclaimer(
    void **state)
{
	static const char *const args[] = { "list", NULL };
	char *out = run_tty(args, NULL, 100);

	(void)state;
	assert_true(has_escape(out));
	assert_non_null(strstr(out, "PROMPTS"));
	assert_non_null(strstr(out, " 1  why-we-cry"));
	assert_non_null(strstr(out, "call or text"));
	assert_non_null(strstr(out, "988"));
	assert_non_null(strstr(out, "learn some general facts"));
	assert_null(strstr(out, "why-we-cry\tWhy")); /* not the piped record form */
	free(out);
}

static void test_show_on_a_terminal_has_colour_by_default(void **state)
{
	static const char *const args[] = { "show", "why", NULL };
	char *out = run_tty(args, NULL, 80);

	(void)state;
	assert_true(has_escape(out));
	assert_non_null(strstr(out, "Why we cry"));
	free(out);
}

static void test_no_color_gives_plain_text_on_a_terminal(void **state)
{
	static const char *const cmds[][3] = {
		{ "list", NULL, NULL },      { "show", "why", NULL },  { "prompts", "why", NULL },
		{ "search", "tears", NULL }, { "crisis", NULL, NULL },
	};
	static char *const env[] = { (char *)"NO_COLOR=1", NULL };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		char *out = run_tty(cmds[i], env, 80);
		assert_false(has_escape(out));
		assert_non_null(strstr(out, "988"));
		free(out);
	}
}

static void test_term_dumb_gives_plain_text_on_a_terminal(void **state)
{
	static const char *const args[] = { "show", "why", NULL };
	static char *const env[] = { (char *)"TERM=dumb", NULL };
	char *out = run_tty(args, env, 80);

	(void)state;
	assert_false(has_escape(out));
	assert_non_null(strstr(out, "Why we cry"));
	free(out);
}

static void test_color_never_gives_plain_text_on_a_terminal(void **state)
{
	static const char *const args[] = { "--color=never", "list", NULL };
	char *out = run_tty(args, NULL, 80);

	(void)state;
	assert_false(has_escape(out));
	assert_non_null(strstr(out, "PROMPTS"));
	free(out);
}

static void test_text_wraps_to_the_terminal_width(void **state)
{
	static const char *const args[] = { "--color=never", "show", "--all", NULL };
	char *out = run_tty(args, NULL, 44), *line, *save = NULL;
	size_t most = 0;

	(void)state;
	/* the terminal turns "\n" into "\r\n" */
	for (line = strtok_r(out, "\r\n", &save); line; line = strtok_r(NULL, "\r\n", &save)) {
		size_t w = render_width(line);
		most = w > most ? w : most;
	}
	assert_true(most <= 44);
	assert_true(most >= 38);
	free(out);
}

/*
 * Every line of out (terminal "\r\n" lines) is at most cols wide, and each of
 * the eight ids stands whole on some line.
 */
static void assert_table_fits(char *out, int cols)
{
	static const char *const ids[] = { "why-we-cry",         "emotional-tears",
					   "emotional-benefits", "physical-benefits",
					   "healthy-crying",     "support-and-acceptance",
					   "when-to-seek-help",  "finding-support" };
	char *line, *save = NULL;
	size_t i, seen[8] = { 0 };

	for (line = strtok_r(out, "\r\n", &save); line; line = strtok_r(NULL, "\r\n", &save)) {
		assert_true(render_width(line) <= (size_t)cols);
		for (i = 0; i < 8; i++) {
			const char *at = strstr(line, ids[i]);
			size_t n = strlen(ids[i]);
			if (at && (at[n] == '\0' || at[n] == ' '))
				seen[i]++;
		}
	}
	for (i = 0; i < 8; i++)
		assert_true(seen[i] >= 1);
}

static void test_list_fits_a_50_column_terminal_without_breaking_an_id(void **state)
{
	static const char *const args[] = { "--color=never", "list", NULL };
	char *out = run_tty(args, NULL, 50);

	(void)state;
	assert_null(strstr(out, "Crying in a healthy wa\r"));
	assert_non_null(strstr(out, "support-and-acceptance"));
	assert_table_fits(out, 50);
	free(out);
}

static void test_list_fits_a_40_column_terminal_without_breaking_an_id(void **state)
{
	static const char *const args[] = { "--color=never", "list", NULL };
	char *out = run_tty(args, NULL, 40);

	(void)state;
	assert_table_fits(out, 40);
	free(out);
}

static void test_list_width_40_fits_40_columns_on_a_wide_terminal(void **state)
{
	static const char *const args[] = { "--color=never", "list", "--width", "40", NULL };
	char *out = run_tty(args, NULL, 120);

	(void)state;
	assert_non_null(strstr(out, "988lifeline.org"));
	assert_table_fits(out, 40);
	free(out);
}

/*
 * The id column is as wide as the longest id whether the ids come from the
 * built-in model or, with -c, from guide.json read a chunk at a time (its
 * ids are not held: their width is measured as the file is scanned).
 */
static void test_list_from_a_folder_has_the_built_in_id_column(void **state)
{
	const char *src = getenv("CRY_GUIDE_SRC");
	char dir[512];
	const char *args[] = { "--color=never", "-c", dir, "list", NULL };
	static const char *const builtin[] = { "--color=never", "list", NULL };
	static const int widths[] = { 100, 50 };
	char *got, *want;
	size_t i;

	(void)state;
	snprintf(dir, sizeof(dir), "%s/content", src ? src : ".");
	for (i = 0; i < sizeof(widths) / sizeof(widths[0]); i++) {
		got = run_tty(args, NULL, widths[i]);
		want = run_tty(builtin, NULL, widths[i]);
		assert_string_equal(got, want);
		if (widths[i] == 100) /* "support-and-acceptance", 22 columns, then two */
			assert_non_null(strstr(got, " #  ID                      PROMPTS  TITLE"));
		free(got);
		free(want);
	}
}

/*
 * `list | head` at a terminal: the records go through a pipe, the crisis
 * line to the terminal on stderr; it comes whole before them, set apart by a
 * blank line, never among them.
 */
static void test_list_into_head_keeps_the_crisis_line_apart_from_the_records(void **state)
{
	static char *const env[] = { (char *)"NO_COLOR=1", NULL };
	char cmd[1024];
	const char *argv[4];
	struct pty_proc p;
	const char *crisis, *end, *records;
	int i;

	(void)state;
	snprintf(cmd, sizeof(cmd), "'%s' list | head -3", pty_binary());
	argv[0] = "/bin/sh";
	argv[1] = "-c";
	argv[2] = cmd;
	argv[3] = NULL;
	for (i = 0; i < 5; i++) { /* the order must not depend on timing */
		assert_int_equal(pty_spawn(&p, (char *const *)argv, env, 24, 80), 0);
		assert_int_equal(pty_wait(&p, 10000), 0);
		crisis = strstr(p.out, "call or text");
		end = strstr(p.out, "findahelpline.com.");
		records = strstr(p.out, "why-we-cry\tWhy we cry\r\n"
					"emotional-tears\tEmotional tears and mental health\r\n"
					"emotional-benefits\tThe emotional benefits of crying\r\n");
		assert_non_null(crisis);
		assert_non_null(end);
		assert_non_null(records);
		assert_true(end < records);
		assert_memory_equal(end + strlen("findahelpline.com."), "\r\n\r\n", 4);
		pty_free(&p);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_list_on_a_terminal_is_a_coloured_table_with_the_crisis_line_and_disclaimer),
		cmocka_unit_test(test_show_on_a_terminal_has_colour_by_default),
		cmocka_unit_test(test_no_color_gives_plain_text_on_a_terminal),
		cmocka_unit_test(test_term_dumb_gives_plain_text_on_a_terminal),
		cmocka_unit_test(test_color_never_gives_plain_text_on_a_terminal),
		cmocka_unit_test(test_text_wraps_to_the_terminal_width),
		cmocka_unit_test(test_list_fits_a_50_column_terminal_without_breaking_an_id),
		cmocka_unit_test(test_list_fits_a_40_column_terminal_without_breaking_an_id),
		cmocka_unit_test(test_list_width_40_fits_40_columns_on_a_wide_terminal),
		cmocka_unit_test(test_list_into_head_keeps_the_crisis_line_apart_from_the_records),
		cmocka_unit_test(test_list_from_a_folder_has_the_built_in_id_column),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
