/* test_render.c — render: sanitising, display widths, wrapping, markdown escaping, the JSON writer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "safety.h"
#include "term.h"

/* Capture what a render function writes. */
struct capture {
	FILE *fp;
	char *buf;
	size_t len;
};

static void capture_open(struct capture *c)
{
	c->buf = NULL;
	c->len = 0;
	c->fp = open_memstream(&c->buf, &c->len);
	assert_non_null(c->fp);
}

/* Close the stream; the text stays in c->buf (caller frees). */
static char *capture_close(struct capture *c)
{
	fclose(c->fp);
	return c->buf;
}

/* Wrap text at width with prefixes, colour off; caller frees. */
static char *wrap_to(int width, const char *first, const char *rest, const char *text)
{
	struct capture cap;
	struct out o;

	capture_open(&cap);
	o.fp = cap.fp;
	o.width = width;
	o.color = false;
	out_wrap(&o, first, rest, text);
	return capture_close(&cap);
}

/* The largest display width of a line of s. */
static size_t max_line_width(const char *s)
{
	size_t most = 0;
	char *copy = strdup(s), *line, *save = NULL;

	assert_non_null(copy);
	for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		size_t w = render_width(line);
		most = w > most ? w : most;
	}
	free(copy);
	return most;
}

/* s with every run of spaces and newlines made one space, trimmed; caller frees. */
static char *words_of(const char *s)
{
	char *out = malloc(strlen(s) + 1), *p = out;
	bool space = false;

	assert_non_null(out);
	for (; *s; s++) {
		if (*s == ' ' || *s == '\n') {
			space = p != out;
			continue;
		}
		if (space)
			*p++ = ' ';
		space = false;
		*p++ = *s;
	}
	*p = '\0';
	return out;
}

static bool valid_utf8(const char *s)
{
	while (*s) {
		unsigned long cp;
		size_t n = render_utf8_next(s, &cp);
		if (cp == 0xFFFD && n == 1)
			return false;
		s += n;
	}
	return true;
}

static void test_width_counts_display_columns_not_bytes(void **state)
{
	(void)state;
	assert_int_equal(render_width("tears"), 5);
	assert_int_equal(render_width("\xe2\x80\x9cyes\xe2\x80\x9d"), 5); /* “yes” */
	assert_int_equal(render_width("a\xe2\x80\x94"
				      "b"),
			 3);                                   /* em dash */
	assert_int_equal(render_width("e\xcc\x81"), 1);        /* e + combining acute */
	assert_int_equal(render_width("\xe6\xb6\x99"), 2);     /* 涙 */
	assert_int_equal(render_width("\xf0\x9f\x98\xa2"), 2); /* 😢 */
	assert_int_equal(render_width(""), 0);
}

static void test_sanitize_removes_escape_sequences_and_controls(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "\033[31mred\033[0m", "red" },
		{ "a\033]0;title\007b", "ab" },       /* OSC ended by BEL */
		{ "a\033]8;;http://x\033\\b", "ab" }, /* OSC ended by ST */
		{ "a\033Pdcs\033\\b", "ab" },         /* DCS */
		{ "a\033cb", "ab" },                  /* two-byte sequence */
		{ "a\xc2\x9b"
		  "2Jb",
		  "ab" }, /* C1 CSI */
		{ "a\xc2\x9d"
		  "0;x\007b",
		  "ab" }, /* C1 OSC */
		{ "a\xc2\x85"
		  "b",
		  "ab" },               /* other C1 control */
		{ "a\001\177b", "ab" }, /* C0 and DEL */
		{ "a\tb\nc\rd", "a b c d" },
		{ "caf\xc3\xa9 \xe2\x80\x94 \xe6\xb6\x99",
		  "caf\xc3\xa9 \xe2\x80\x94 \xe6\xb6\x99" },
		{ "bad\xff"
		  "byte",
		  "bad\xef\xbf\xbd"
		  "byte" },                                       /* invalid byte to U+FFFD */
		{ "cut\xe2\x80", "cut\xef\xbf\xbd\xef\xbf\xbd" }, /* truncated sequence */
		{ "end\033", "end" },
		{ "end\033[1;3", "end" },
		/* a string sequence that never ends, or meets another control,
		 * stops there: the rest of a file name stays readable */
		{ "dir\033]0;x/file.json", "dir0;x/file.json" },
		{ "a\033]0;x\nb.json", "a b.json" },
		{ "a\xc2\x9d"
		  "x\xc2\x9c"
		  "b",
		  "ab" }, /* C1 OSC ended by C1 ST */
		{ "a\033]0;x\033[31mb", "ab" },
		{ "a\xe2\x80\xae"
		  "b\xe2\x81\xa6"
		  "c",
		  "abc" }, /* bidi override, isolate */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = render_sanitize(cases[i].in);
		assert_non_null(got);
		assert_string_equal(got, cases[i].want);
		free(got);
	}
}

static void test_sanitized_writing_matches_the_sanitized_copy(void **state)
{
	static const char *const cases[] = {
		"plain text",
		"\033[31mred\033[0m and \033]0;title\007 \033]8;;u\033\\link",
		"\xc2\x9b"
		"2Jgone \xc2\x9d"
		"0;x\007after \xc2\x85"
		"c1",
		"a\tb\nc\rd \001\177",
		"bad\xff"
		"byte, cut\xe2\x80",
		"a\xe2\x80\xae"
		"b\xe2\x81\xa6"
		"c",
		"\033",
		"",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct capture c;
		char *want = render_sanitize(cases[i]);
		assert_non_null(want);
		capture_open(&c);
		render_fputs_sanitized(cases[i], c.fp);
		capture_close(&c);
		assert_string_equal(c.buf, want);
		free(c.buf);
		free(want);
	}
}

static void test_wrap_breaks_on_word_boundaries_within_the_width(void **state)
{
	const char *text = "Crying may even help babies sleep. One study found that letting a "
			   "baby cry could ease some infant sleep problems.";
	char *got = wrap_to(20, NULL, NULL, text), *w = words_of(got);

	(void)state;
	assert_true(max_line_width(got) <= 20);
	assert_string_equal(w, text);
	assert_string_equal(got, "Crying may even help\nbabies sleep. One\nstudy found that\n"
				 "letting a baby cry\ncould ease some\ninfant sleep\nproblems.\n");
	free(w);
	free(got);
}

static void test_wrap_counts_curly_quotes_and_dashes_as_one_column(void **state)
{
	/* 40 columns but 52 bytes: must stay on one line at width 40 */
	const char *text = "\xe2\x80\x9c"
			   "Tears\xe2\x80\x9d \xe2\x80\x94 the body\xe2\x80\x99s "
			   "own \xe2\x80\x9crelease\xe2\x80\x9d valve";
	char *got;

	(void)state;
	assert_int_equal(render_width(text), 40);
	got = wrap_to(40, NULL, NULL, text);
	assert_non_null(strchr(got, '\n'));
	assert_ptr_equal(strchr(got, '\n'), got + strlen(got) - 1);
	free(got);
	got = wrap_to(39, NULL, NULL, text);
	assert_true(max_line_width(got) <= 39);
	assert_true(valid_utf8(got));
	free(got);
}

static void test_wrap_never_exceeds_the_width_with_wide_characters(void **state)
{
	const char *text =
	    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xe6\xb6\x99 "
	    "\xf0\x9f\x98\xa2\xf0\x9f\x98\xa2 caf\xc3\xa9 e\xcc\x81"
	    "e\xcc\x81 "
	    "\xe6\xb6\x99\xe6\xb6\x99\xe6\xb6\x99\xe6\xb6\x99\xe6\xb6\x99\xe6\xb6\x99";
	int width;

	(void)state;
	for (width = 1; width <= 30; width++) {
		char *got = wrap_to(width, NULL, NULL, text);
		/* a 2-column character alone is allowed on a 1-column line */
		assert_true(max_line_width(got) <= (size_t)(width < 2 ? 2 : width));
		assert_true(valid_utf8(got));
		if (width >= 12) { /* every word fits: none is split */
			char *w = words_of(got);
			assert_string_equal(w, text);
			free(w);
		}
		free(got);
	}
}

static void test_wrap_breaks_an_overlong_word_between_characters(void **state)
{
	char *got = wrap_to(6, NULL, NULL, "\xe6\xb6\x99\xe6\xb6\x99\xe6\xb6\x99\xe6\xb6\x99 ok");

	(void)state;
	/* 涙涙涙 | 涙 ok */
	assert_string_equal(got, "\xe6\xb6\x99\xe6\xb6\x99\xe6\xb6\x99\n\xe6\xb6\x99 ok\n");
	free(got);
	got = wrap_to(5, NULL, NULL, "ab\xe6\xb6\x99\xe6\xb6\x99");
	/* the second wide character does not fit in the last column */
	assert_string_equal(got, "ab\xe6\xb6\x99\n\xe6\xb6\x99\n");
	free(got);
	/* after a prefix, a wide character never pokes out of the last column */
	got = wrap_to(5, "abcd", "", "\xe6\xb6\x99\xe6\xb6\x99\xe6\xb6\x99\xe6\xb6\x99");
	assert_string_equal(got, "abcd\n\xe6\xb6\x99\xe6\xb6\x99\n\xe6\xb6\x99\xe6\xb6\x99\n");
	free(got);
	/* a combining mark stays with its letter */
	got = wrap_to(3, NULL, NULL,
		      "abce\xcc\x81"
		      "f");
	assert_string_equal(got, "abc\ne\xcc\x81"
				 "f\n");
	free(got);
}

/*
 * Runs of ASCII take a shorter road through width, sanitising and wrapping
 * than other characters: where a run meets something else, the result is
 * what the character-by-character road gives.
 */
static void test_ascii_runs_meet_other_characters_as_before(void **state)
{
	char *got;

	(void)state;
	/* every character below U+0080 is one column, controls included */
	assert_int_equal(render_width("ab\x01"
				      "c\x7f"),
			 5);
	assert_int_equal(render_width("ab\xe6\xb6\x99"
				      "cd"),
			 6);
	assert_int_equal(render_width("ab\xff"
				      "c"),
			 4);
	got = render_sanitize("ok\x1b[31mred\x1b[0m\tend\x7f!\xe2\x80\xae"
			      "x\xff"
			      "y\xc2\x9b"
			      "1mz");
	assert_non_null(got);
	assert_string_equal(got, "okred end!x\xef\xbf\xbdyz");
	free(got);
	/* an overlong ASCII word is cut at the width, then after a wide character */
	got = wrap_to(4, NULL, NULL, "abcdefghij");
	assert_string_equal(got, "abcd\nefgh\nij\n");
	free(got);
	got = wrap_to(4, NULL, NULL,
		      "abc\xe6\xb6\x99"
		      "defg");
	assert_string_equal(got, "abc\n\xe6\xb6\x99"
				 "de\nfg\n");
	free(got);
	/* a first character that does not fit a fresh line is still written */
	got = wrap_to(1, NULL, NULL, "ab");
	assert_string_equal(got, "a\nb\n");
	free(got);
}

/*
 * A line is written as it stands in the text where its words are one space
 * apart there; more spaces, a tab or a dropped control character between
 * words still give one space, and nothing of the text is written twice or
 * left out (the runs the wrapper writes end and start at the right bytes).
 */
static void test_wrap_writes_one_space_between_words_however_the_text_spaces_them(void **state)
{
	static const struct {
		int width;
		const char *first, *text, *want;
	} cases[] = {
		{ 12, NULL,
		  "  one  two   three\tfour\x07"
		  "five  ",
		  "one two\nthree\nfourfive\n" },
		{ 80, NULL, "a b  c   d\te", "a b c d e\n" },
		{ 80, "> ", " lead and trail ", "> lead and trail\n" },
		{ 3, NULL, "ab  cdefg h", "ab\ncde\nfg\nh\n" },
		{ 0, NULL, "no  wrap\there", "no wrap here\n" },
		{ 9, NULL, "wide \xe6\xb6\x99  \xe6\xb6\x99 x",
		  "wide \xe6\xb6\x99\n\xe6\xb6\x99 x\n" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = wrap_to(cases[i].width, cases[i].first, NULL, cases[i].text);
		assert_non_null(got);
		assert_string_equal(got, cases[i].want);
		free(got);
	}
}

static void test_wrap_counts_prefixes_and_indents_later_lines(void **state)
{
	char *got = wrap_to(16, "  1. ", "     ", "What helps you feel cared for today?");

	(void)state;
	assert_string_equal(got, "  1. What helps\n     you feel\n     cared for\n     today?\n");
	assert_true(max_line_width(got) <= 16);
	free(got);
	/* a word that fits an indented line but not after FIRST moves down whole */
	got = wrap_to(12, "1234567890", "  ", "tears");
	assert_string_equal(got, "1234567890\n  tears\n");
	free(got);
}

static void test_wrap_zero_width_keeps_one_line_and_collapses_space(void **state)
{
	char *got = wrap_to(0, NULL, NULL, "  one\ttwo \n three  ");

	(void)state;
	assert_string_equal(got, "one two three\n");
	free(got);
	got = wrap_to(10, NULL, NULL, "");
	assert_string_equal(got, "\n");
	free(got);
}

static void test_wrap_sanitises_content(void **state)
{
	char *got = wrap_to(80, NULL, NULL, "\033[31mred\033[0m \033]0;pwned\007text");

	(void)state;
	assert_null(strchr(got, '\033'));
	assert_string_equal(got, "red text\n");
	free(got);
}

static void test_styles_are_written_only_when_colour_is_allowed(void **state)
{
	struct capture cap;
	struct out o;
	char *got;

	(void)state;
	capture_open(&cap);
	o.fp = cap.fp;
	o.width = 0;
	o.color = false;
	out_wrap_styled(&o, STYLE_ALERT, NULL, NULL, "call 988");
	render_footer_text(&o, NULL);
	got = capture_close(&cap);
	assert_null(strchr(got, '\033'));
	assert_non_null(strstr(got, "call or text 988"));
	assert_non_null(strstr(got, "medical advice"));
	free(got);

	capture_open(&cap);
	o.fp = cap.fp;
	o.color = true;
	out_wrap_styled(&o, STYLE_ALERT, NULL, NULL, "call 988 now");
	got = capture_close(&cap);
	assert_string_equal(got, "\033[1;33mcall 988 now\033[0m\n");
	free(got);
}

static void test_out_init_takes_width_and_colour_from_the_terminal(void **state)
{
	struct term t = { false, true, 42 };
	struct out o;

	(void)state;
	out_init(&o, stdout, &t);
	assert_int_equal(o.width, 42);
	assert_true(o.color);
	assert_ptr_equal(o.fp, stdout);
}

static char *md(const char *text)
{
	struct capture cap;

	capture_open(&cap);
	render_md_text(cap.fp, text);
	return capture_close(&cap);
}

static void test_markdown_escapes_markup_in_content(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "plain text, it's fine.", "plain text, it's fine." },
		{ "*not bold* _nor_ `code`", "\\*not bold\\* \\_nor\\_ \\`code\\`" },
		{ "[link](x) <b> a|b ~s~ ^s^ $x$ @cite &amp;",
		  "\\[link\\](x) \\<b\\> a\\|b \\~s\\~ \\^s\\^ \\$x\\$ \\@cite \\&amp;" },
		{ "# not a heading", "\\# not a heading" },
		{ "- not a list", "\\- not a list" },
		{ "+ not a list", "\\+ not a list" },
		{ "12. not a list", "12\\. not a list" },
		{ "3) not a list", "3\\) not a list" },
		{ "1984 was a year", "1984 was a year" },
		{ ": not a definition", "\\: not a definition" },
		{ "back\\slash", "back\\\\slash" },
		{ "  spaced\tout\n  ", "spaced out" },
		{ "\033[31mred\033[0m", "red" },
		{ "call 9-8-8 # now", "call 9-8-8 # now" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = md(cases[i].in);
		assert_string_equal(got, cases[i].want);
		free(got);
	}
}

static void test_markdown_footer_has_crisis_line_and_disclaimer(void **state)
{
	struct capture cap;
	char *got;

	(void)state;
	capture_open(&cap);
	render_footer_markdown(cap.fp, NULL);
	got = capture_close(&cap);
	assert_non_null(strstr(got, "\n---\n\n**If you are in crisis"));
	assert_non_null(strstr(got, "988"));
	assert_non_null(strstr(got, "\n\n*cry-guide helps you think"));
	assert_int_equal(got[strlen(got) - 1], '\n');
	free(got);
}

static void test_json_writer_writes_one_indented_value(void **state)
{
	static const char *const list[] = { "a", "b" };
	struct capture cap;
	struct json_writer j;
	char *got;

	(void)state;
	capture_open(&cap);
	json_init(&j, cap.fp);
	json_begin_object(&j);
	json_key(&j, "n");
	json_int(&j, -3);
	json_key(&j, "ok");
	json_bool(&j, true);
	json_key(&j, "none");
	json_string(&j, NULL);
	json_key(&j, "list");
	json_strings(&j, list, 2);
	json_key(&j, "empty");
	json_begin_array(&j);
	json_end_array(&j);
	json_key(&j, "obj");
	json_begin_object(&j);
	json_end_object(&j);
	json_end_object(&j);
	json_finish(&j);
	got = capture_close(&cap);
	assert_string_equal(got, "{\n  \"n\": -3,\n  \"ok\": true,\n  \"none\": null,\n"
				 "  \"list\": [\n    \"a\",\n    \"b\"\n  ],\n  \"empty\": [],\n"
				 "  \"obj\": {}\n}\n");
	free(got);
}

static void test_json_strings_are_sanitised_then_escaped(void **state)
{
	struct capture cap;
	struct json_writer j;
	char *got;

	(void)state;
	capture_open(&cap);
	json_init(&j, cap.fp);
	json_begin_array(&j);
	json_string(&j, "say \"hi\" \\ \033[31mred\tend");
	json_string(&j, "line\xe2\x80\xa8sep caf\xc3\xa9");
	json_string(&j, "bad\xff");
	json_end_array(&j);
	json_finish(&j);
	got = capture_close(&cap);
	assert_string_equal(got, "[\n  \"say \\\"hi\\\" \\\\ red end\",\n"
				 "  \"line\\u2028sep caf\xc3\xa9\",\n"
				 "  \"bad\xef\xbf\xbd\"\n]\n");
	free(got);

	capture_open(&cap);
	render_json_escape(cap.fp, "\x01\n\t\r\x7f");
	got = capture_close(&cap);
	assert_string_equal(got, "\\u0001\\n\\t\\r\\u007f");
	free(got);
}

static void test_json_footer_members_come_from_the_compiled_in_copy_without_content(void **state)
{
	struct capture cap;
	struct json_writer j;
	char *got;

	(void)state;
	capture_open(&cap);
	json_init(&j, cap.fp);
	json_begin_object(&j);
	render_footer_json(&j, NULL);
	json_end_object(&j);
	json_finish(&j);
	got = capture_close(&cap);
	assert_non_null(strstr(got, "\"crisis\": \"If you are in crisis"));
	assert_non_null(strstr(got, "\"disclaimer\": \"cry-guide helps you think"));
	assert_ptr_equal(render_crisis_line(NULL), safety_crisis_line);
	assert_ptr_equal(render_disclaimer(NULL), safety_disclaimer);
	free(got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width_counts_display_columns_not_bytes),
		cmocka_unit_test(test_sanitize_removes_escape_sequences_and_controls),
		cmocka_unit_test(test_sanitized_writing_matches_the_sanitized_copy),
		cmocka_unit_test(test_wrap_breaks_on_word_boundaries_within_the_width),
		cmocka_unit_test(test_wrap_counts_curly_quotes_and_dashes_as_one_column),
		cmocka_unit_test(test_wrap_never_exceeds_the_width_with_wide_characters),
		cmocka_unit_test(test_wrap_breaks_an_overlong_word_between_characters),
		cmocka_unit_test(test_ascii_runs_meet_other_characters_as_before),
		cmocka_unit_test(
		    test_wrap_writes_one_space_between_words_however_the_text_spaces_them),
		cmocka_unit_test(test_wrap_counts_prefixes_and_indents_later_lines),
		cmocka_unit_test(test_wrap_zero_width_keeps_one_line_and_collapses_space),
		cmocka_unit_test(test_wrap_sanitises_content),
		cmocka_unit_test(test_styles_are_written_only_when_colour_is_allowed),
		cmocka_unit_test(test_out_init_takes_width_and_colour_from_the_terminal),
		cmocka_unit_test(test_markdown_escapes_markup_in_content),
		cmocka_unit_test(test_markdown_footer_has_crisis_line_and_disclaimer),
		cmocka_unit_test(test_json_writer_writes_one_indented_value),
		cmocka_unit_test(test_json_strings_are_sanitised_then_escaped),
		cmocka_unit_test(
		    test_json_footer_members_come_from_the_compiled_in_copy_without_content),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
