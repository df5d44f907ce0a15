/* cmd_read.c — the reading commands: list, show, prompts, search and crisis. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "content.h"
#include "exitcode.h"
#include "oom.h"
#include "pager.h"
#include "render.h"
#include "safety.h"
#include "term.h"

const char help_list[] =
    "  -f, --format FMT    Text (default), markdown or json\n"
    "\n"
    "On a terminal, text is a table of number, id, prompt count and title that\n"
    "fits the width, then the crisis line and the disclaimer.  Off a terminal it\n"
    "is one ID<TAB>TITLE line per section, and the crisis line goes to standard\n"
    "error.\n"
    "\n"
    "Examples:\n"
    "  See the sections:\n"
    "    cry-guide list\n"
    "  The ids alone, one a line:\n"
    "    cry-guide list | cut -f1\n"
    "  The titles, from JSON:\n"
    "    cry-guide list -f json | jq -r '.sections[].title'\n";

const char help_show[] =
    "  -a, --all           Show every section\n"
    "  -f, --format FMT    Text (default), markdown or json\n"
    "\n"
    "Shows each SECTION's summary, text, key points and prompts, then the\n"
    "crisis line and the disclaimer.  On a terminal long text goes through the\n"
    "pager (see --no-pager in 'cry-guide --help').\n"
    "\n"
    "Examples:\n"
    "  Read the first section:\n"
    "    cry-guide show 1\n"
    "  Read a section by (the start of) its id:\n"
    "    cry-guide show why\n"
    "  The whole guide as Markdown, into a file:\n"
    "    cry-guide show --all -f markdown > guide.md\n";

const char help_prompts[] =
    "  -f, --format FMT    Text (default), markdown or json\n"
    "\n"
    "Shows the reflection prompts of each SECTION (all sections when none is\n"
    "given), then the crisis line and the disclaimer.\n"
    "\n"
    "Examples:\n"
    "  Every prompt, to think about away from the screen:\n"
    "    cry-guide prompts\n"
    "  The prompts of one section:\n"
    "    cry-guide prompts healthy\n"
    "  As JSON, for another tool:\n"
    "    cry-guide prompts -f json\n";

const char help_search[] =
    "  -f, --format FMT    Text (default), markdown or json\n"
    "\n"
    "Finds the paragraphs of the sections' text that contain every TERM\n"
    "(ASCII letters match either case).  Text output is one ID:PARAGRAPH: TEXT\n"
    "line per match (PARAGRAPH counts from 1), then the crisis line and the\n"
    "disclaimer.  No match exits with status 1 (JSON still prints a whole\n"
    "document, with \"matches\": []).\n"
    "\n"
    "Examples:\n"
    "  Paragraphs that mention therapy:\n"
    "    cry-guide search therapy\n"
    "  Paragraphs with both words:\n"
    "    cry-guide search tears stress\n"
    "  How many paragraphs match:\n"
    "    cry-guide search sleep -f json | jq '.matches | length'\n";

const char help_crisis[] =
    "  -f, --format FMT    Text (default), markdown or json\n"
    "\n"
    "Lists crisis and support resources.  Works even when the content cannot\n"
    "be loaded: it then shows the built-in copy and notes that on standard\n"
    "error, with exit status 0.  It never pages.\n"
    "\n"
    "Examples:\n"
    "  Crisis and support resources, now:\n"
    "    cry-guide crisis\n"
    "  As JSON, to show them in another tool:\n"
    "    cry-guide crisis -f json\n";

enum format { FMT_TEXT, FMT_MARKDOWN, FMT_JSON };
static const char *const format_names[] = { "text", "markdown", "json", NULL };

static const struct option format_options[] = { { "format", required_argument, NULL, 'f' },
						{ NULL, 0, NULL, 0 } };

static const struct option show_options[] = { { "format", required_argument, NULL, 'f' },
					      { "all", no_argument, NULL, 'a' },
					      { NULL, 0, NULL, 0 } };

/*
 * Parse a reading command's options.  Returns -1 to go on, else the status
 * to exit with (help, version, usage error).
 */
static int read_options(int argc, char **argv, struct globals *g, const char *name,
			enum format *fmt, bool *all)
{
	bool has_all = all != NULL;
	int ch, f;

	*fmt = FMT_TEXT;
	while ((ch = cli_getopt(argc, argv, has_all ? "f:a" : "f:",
				has_all ? show_options : format_options, g, name)) != -1) {
		switch (ch) {
		case 'f':
			f = cli_parse_format(optarg, format_names, name);
			if (f < 0)
				return EXIT_USAGE;
			*fmt = (enum format)f;
			break;
		case 'a': *all = true; break;
		case 'h': return cli_command_help(command_find(name));
		case 'V': return cli_version();
		default: return EXIT_USAGE;
		}
	}
	return -1;
}

/* An output for stdout after the global options. */
static void stdout_init(struct out *o, struct term *t, const struct globals *g)
{
	term_init(t, STDOUT_FILENO, g->color, g->width);
	out_init(o, stdout, t);
}

/*
 * Text for a terminal goes through the pager, as git's long output does,
 * unless --no-pager (crisis never: its resources are shown at once).  The
 * safety footer is written after the pager quits, straight to the
 * terminal, so that quitting the pager before the end never hides it.
 */
static void page_begin(struct pager *p, const struct globals *g, const struct term *t)
{
	memset(p, 0, sizeof(*p));
	if (!g->no_pager && t->tty)
		pager_start(p);
}

static void page_end(struct pager *p)
{
	const char *cmd = p->cmd;
	int st = pager_finish(p);

	if (st == 126 || st == 127)
		cli_error("cannot run the pager '%s' (status %d); "
			  "set CRY_GUIDE_PAGER, or use --no-pager",
			  cmd, st);
}

/* The reader left or writing failed: stop producing output. */
static bool stdout_broken(void)
{
	return ferror(stdout) != 0;
}

/* Start a JSON document: {"title": ..., "sections": [ (left open). */
static void json_open_sections(struct json_writer *j, const struct content *c)
{
	json_init(j, stdout);
	json_begin_object(j);
	json_key(j, "title");
	json_string(j, c->title);
	json_key(j, "sections");
	json_begin_array(j);
}

/* End the open array and the document, with the crisis line and disclaimer. */
static void json_close_with_footer(struct json_writer *j, const struct content *c)
{
	json_end_array(j);
	render_footer_json(j, c);
	json_end_object(j);
	json_finish(j);
}

static size_t section_number(const struct content *c, const struct section *s)
{
	return (size_t)(s - c->sections) + 1;
}

/*
 * Load content and resolve the SECTION operands (all sections when there
 * are none and want_all).  On success *secs (caller frees) holds *n
 * sections.  Returns EXIT_OK or the status to exit with.
 */
static int load_sections(const struct globals *g, int argc, char **argv, bool want_all,
			 struct content **c, const struct section ***secs, size_t *n)
{
	size_t i, nargs = argc > optind ? (size_t)(argc - optind) : 0;
	int rc;

	*secs = NULL;
	*n = 0;
	rc = cli_load(g, c);
	if (rc != EXIT_OK)
		return rc;
	*n = want_all ? (*c)->n_sections : nargs;
	*secs = calloc(*n ? *n : 1, sizeof(**secs));
	if (!*secs) {
		cli_error("out of memory");
		return EXIT_IO;
	}
	if (want_all) {
		for (i = 0; i < *n; i++)
			(*secs)[i] = &(*c)->sections[i];
		return EXIT_OK;
	}
	return cli_resolve_sections(*c, argv + optind, nargs, *secs);
}

/* ---- text ---- */

static void text_heading(struct out *o, const struct content *c, const struct section *s)
{
	char prefix[32];

	snprintf(prefix, sizeof(prefix), "%zu. ", section_number(c, s));
	out_style(o, STYLE_HEADING);
	out_wrap_styled(o, STYLE_HEADING, prefix, "   ", s->title);
}

/*
 * Option k's reply, or "as for N)" when an earlier option has the same one
 * (in the walk a reply that several picked options share is shown once).
 */
static const char *reply_text(const struct prompt *p, size_t k, char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < k; i++)
		if (p->replies[i] && strcmp(p->replies[i], p->replies[k]) == 0) {
			snprintf(buf, len, "as for %zu)", i + 1);
			return buf;
		}
	return p->replies[k];
}

/* "  1. TEXT" and, by kind, the scale's range or the options. */
static void text_prompt(struct out *o, const struct prompt *p, size_t i)
{
	char first[32], line[64];
	size_t k;

	snprintf(first, sizeof(first), "  %zu. ", i + 1);
	out_wrap(o, first, "     ", p->text);
	switch (p->kind) {
	case PROMPT_SCALE:
		if (p->min_label && p->max_label) {
			/* the labels go through out_wrap(), which sanitises them */
			size_t len = strlen(p->min_label) + strlen(p->max_label) + 64;
			char *buf = malloc(len);
			if (buf) {
				snprintf(buf, len, "(%ld = %s, %ld = %s)", p->min, p->min_label,
					 p->max, p->max_label);
				out_wrap_styled(o, STYLE_DIM, "     ", "     ", buf);
				free(buf);
			} else {
				oom_note();
			}
		} else {
			snprintf(line, sizeof(line), "(%ld to %ld)", p->min, p->max);
			out_wrap_styled(o, STYLE_DIM, "     ", "     ", line);
		}
		break;
	case PROMPT_CHOICE:
		out_wrap_styled(o, STYLE_DIM, "     ", "     ",
				p->multiple ? "(pick one or more)" : "(pick one)");
		for (k = 0; k < p->n_options; k++) {
			/* numbered as the walk asks for them: 1) 2) ... */
			snprintf(first, sizeof(first), "     %zu) ", k + 1);
			out_wrap(o, first, "        ", p->options[k]);
			if (p->replies && p->replies[k])
				out_wrap_styled(o, STYLE_DIM, "        Reply: ", "        ",
						reply_text(p, k, line, sizeof(line)));
			if (p->asks && p->asks[k])
				out_wrap_styled(o, STYLE_DIM, "        Asks: ", "        ",
						p->asks[k]);
		}
		break;
	case PROMPT_TEXT: break;
	}
}

static void text_show(struct out *o, const struct content *c, const struct section *s)
{
	size_t i;

	text_heading(o, c, s);
	fputc('\n', o->fp);
	out_wrap_styled(o, STYLE_BOLD, NULL, NULL, s->summary);
	for (i = 0; i < s->n_paragraphs && !stdout_broken(); i++) {
		fputc('\n', o->fp);
		out_wrap(o, NULL, NULL, s->paragraphs[i]);
	}
	if (s->n_key_points) {
		fputc('\n', o->fp);
		out_wrap_styled(o, STYLE_HEADING, NULL, NULL, "Key points");
		for (i = 0; i < s->n_key_points; i++)
			out_wrap(o, "  - ", "    ", s->key_points[i]);
	}
	if (s->n_prompts) {
		fputc('\n', o->fp);
		out_wrap_styled(o, STYLE_HEADING, NULL, NULL, "Reflection prompts");
		for (i = 0; i < s->n_prompts; i++)
			text_prompt(o, &s->prompts[i], i);
	}
}

/* ---- markdown ---- */

static void md_heading(int level, const char *text)
{
	int i;

	for (i = 0; i < level; i++)
		fputc('#', stdout);
	fputc(' ', stdout);
	render_md_text(stdout, text);
	fputs("\n\n", stdout);
}

static void md_item(const char *indent, const char *text)
{
	fputs(indent, stdout);
	fputs("- ", stdout);
	render_md_text(stdout, text);
	fputc('\n', stdout);
}

/* "- *LABEL* TEXT", a list item under an option. */
static void md_labelled(const char *indent, const char *label, const char *text)
{
	printf("%s- *%s* ", indent, label);
	render_md_text(stdout, text);
	fputc('\n', stdout);
}

static void md_prompt(const struct prompt *p, size_t i)
{
	char same[32];
	size_t k;

	printf("%zu. ", i + 1);
	render_md_text(stdout, p->text);
	fputc('\n', stdout);
	switch (p->kind) {
	case PROMPT_SCALE:
		printf("\n   *%ld to %ld", p->min, p->max);
		if (p->min_label && p->max_label) {
			printf(": %ld = ", p->min);
			render_md_text(stdout, p->min_label);
			printf(", %ld = ", p->max);
			render_md_text(stdout, p->max_label);
		}
		fputs("*\n\n", stdout);
		break;
	case PROMPT_CHOICE:
		printf("\n   *%s*\n\n", p->multiple ? "Pick one or more:" : "Pick one:");
		for (k = 0; k < p->n_options; k++) {
			/* an ordered list numbered as the walk asks: 1) 2) ... */
			printf("   %zu) ", k + 1);
			render_md_text(stdout, p->options[k]);
			fputc('\n', stdout);
			if (p->replies && p->replies[k])
				md_labelled("      ",
					    "Reply:", reply_text(p, k, same, sizeof(same)));
			if (p->asks && p->asks[k])
				md_labelled("      ", "Asks:", p->asks[k]);
		}
		fputc('\n', stdout);
		break;
	case PROMPT_TEXT: fputc('\n', stdout); break;
	}
}

/* One section; level is the heading level of its title. */
static void md_show(const struct section *s, int level)
{
	size_t i;

	md_heading(level, s->title);
	fputc('*', stdout);
	render_md_text(stdout, s->summary);
	fputs("*\n\n", stdout);
	for (i = 0; i < s->n_paragraphs; i++) {
		render_md_text(stdout, s->paragraphs[i]);
		fputs("\n\n", stdout);
	}
	if (s->n_key_points) {
		md_heading(level + 1, "Key points");
		for (i = 0; i < s->n_key_points; i++)
			md_item("", s->key_points[i]);
		fputc('\n', stdout);
	}
	if (s->n_prompts) {
		md_heading(level + 1, "Reflection prompts");
		for (i = 0; i < s->n_prompts; i++)
			md_prompt(&s->prompts[i], i);
	}
}

/* ---- JSON ---- */

/*
 * "options" as in the content: a string for an option that is only text,
 * {"text", "reply", "ask"} (the members it has) for one that carries more.
 */
static void json_options(struct json_writer *j, const struct prompt *p)
{
	size_t k;

	json_key(j, "options");
	json_begin_array(j);
	for (k = 0; k < p->n_options; k++) {
		const char *reply = p->replies ? p->replies[k] : NULL;
		const char *ask = p->asks ? p->asks[k] : NULL;
		if (!reply && !ask) {
			json_string(j, p->options[k]);
			continue;
		}
		json_begin_object(j);
		json_key(j, "text");
		json_string(j, p->options[k]);
		if (reply) {
			json_key(j, "reply");
			json_string(j, reply);
		}
		if (ask) {
			json_key(j, "ask");
			json_string(j, ask);
		}
		json_end_object(j);
	}
	json_end_array(j);
}

static void json_prompt(struct json_writer *j, const struct prompt *p)
{
	static const char *const kinds[] = { "text", "scale", "choice" };

	json_begin_object(j);
	json_key(j, "id");
	json_string(j, p->id);
	json_key(j, "kind");
	json_string(j, kinds[p->kind]);
	json_key(j, "text");
	json_string(j, p->text);
	if (p->kind == PROMPT_SCALE) {
		json_key(j, "min");
		json_int(j, p->min);
		json_key(j, "max");
		json_int(j, p->max);
		if (p->min_label || p->max_label) {
			json_key(j, "labels");
			json_begin_object(j);
			json_key(j, "min");
			json_string(j, p->min_label);
			json_key(j, "max");
			json_string(j, p->max_label);
			json_end_object(j);
		}
	} else if (p->kind == PROMPT_CHOICE) {
		json_options(j, p);
		json_key(j, "multiple");
		json_bool(j, p->multiple);
	}
	json_end_object(j);
}

/* A section object: full (show) or only its prompts. */
static void json_section(struct json_writer *j, const struct content *c, const struct section *s,
			 bool full)
{
	size_t i;

	json_begin_object(j);
	json_key(j, "number");
	json_int(j, (long)section_number(c, s));
	json_key(j, "id");
	json_string(j, s->id);
	json_key(j, "title");
	json_string(j, s->title);
	if (full) {
		json_key(j, "summary");
		json_string(j, s->summary);
		json_key(j, "paragraphs");
		json_strings(j, s->paragraphs, s->n_paragraphs);
		json_key(j, "key_points");
		json_strings(j, s->key_points, s->n_key_points);
	}
	json_key(j, "prompts");
	json_begin_array(j);
	for (i = 0; i < s->n_prompts; i++)
		json_prompt(j, &s->prompts[i]);
	json_end_array(j);
	json_end_object(j);
}

/* ---- show and prompts ---- */

static void render_sections(const struct globals *g, const struct content *c,
			    const struct section **secs, size_t n, enum format fmt, bool full)
{
	struct term t;
	struct out o;
	struct json_writer j;
	struct pager pg;
	size_t i;

	switch (fmt) {
	case FMT_TEXT:
		stdout_init(&o, &t, g);
		page_begin(&pg, g, &t);
		for (i = 0; i < n && !stdout_broken(); i++) {
			if (i)
				fputc('\n', stdout);
			if (full) {
				text_show(&o, c, secs[i]);
			} else {
				size_t k;
				text_heading(&o, c, secs[i]);
				for (k = 0; k < secs[i]->n_prompts; k++)
					text_prompt(&o, &secs[i]->prompts[k], k);
			}
		}
		page_end(&pg);
		render_footer_text(&o, c);
		break;
	case FMT_MARKDOWN:
		if (n == 1) {
			if (full) {
				md_show(secs[0], 1);
			} else {
				md_heading(1, secs[0]->title);
				for (i = 0; i < secs[0]->n_prompts; i++)
					md_prompt(&secs[0]->prompts[i], i);
			}
		} else {
			char title[512];
			snprintf(title, sizeof(title), "%s%s", c->title,
				 full ? "" : ": reflection prompts");
			md_heading(1, title);
			for (i = 0; i < n && !stdout_broken(); i++) {
				size_t k;
				if (full) {
					md_show(secs[i], 2);
					continue;
				}
				md_heading(2, secs[i]->title);
				for (k = 0; k < secs[i]->n_prompts; k++)
					md_prompt(&secs[i]->prompts[k], k);
			}
		}
		render_footer_markdown(stdout, c);
		break;
	case FMT_JSON:
		json_open_sections(&j, c);
		for (i = 0; i < n && !stdout_broken(); i++)
			json_section(&j, c, secs[i], full);
		json_close_with_footer(&j, c);
		break;
	}
}

int cmd_show(int argc, char **argv, struct globals *g)
{
	struct content *c = NULL;
	const struct section **secs = NULL;
	enum format fmt;
	bool all = false;
	size_t n;
	int rc;

	rc = read_options(argc, argv, g, "show", &fmt, &all);
	if (rc >= 0)
		return rc;
	if (all && optind < argc)
		return cli_usage_error("show", "give SECTIONs or --all, not both");
	if (!all && optind >= argc)
		return cli_usage_error("show", "which section? give a SECTION or --all");
	rc = load_sections(g, argc, argv, all, &c, &secs, &n);
	if (rc == EXIT_OK)
		render_sections(g, c, secs, n, fmt, true);
	else if (rc == EXIT_NOTFOUND && fmt == FMT_JSON)
		render_sections(g, c, secs, 0, fmt, true); /* a whole document, "sections": [] */
	free(secs);
	content_free(c);
	return cli_finish(rc);
}

int cmd_prompts(int argc, char **argv, struct globals *g)
{
	struct content *c = NULL;
	const struct section **secs = NULL;
	enum format fmt;
	size_t n;
	int rc;

	rc = read_options(argc, argv, g, "prompts", &fmt, NULL);
	if (rc >= 0)
		return rc;
	rc = load_sections(g, argc, argv, optind >= argc, &c, &secs, &n);
	if (rc == EXIT_OK)
		render_sections(g, c, secs, n, fmt, false);
	else if (rc == EXIT_NOTFOUND && fmt == FMT_JSON)
		render_sections(g, c, secs, 0, fmt, false); /* a whole document, "sections": [] */
	free(secs);
	content_free(c);
	return cli_finish(rc);
}

/* ---- list ---- */

/*
 * On a terminal: number, id, prompt count and title (the caller adds the
 * safety footer).  The table fits the width (the terminal's, or --width): the title
 * is the last column and wraps inside it; an id is never broken.  When the
 * title would get fewer than LIST_MIN_TITLE columns the prompt count goes,
 * and when it still would, each title goes on its own line under its id.
 */
#define LIST_MIN_TITLE 16

static void list_table(struct out *o, const struct content *c)
{
	size_t i, idw = 2, width = o->width > 0 ? (size_t)o->width : (size_t)-1;
	bool counts = true, stacked = false;
	char head[128], *indent;
	size_t ind;

	for (i = 0; i < c->n_sections; i++) {
		size_t w = render_width(c->sections[i].id);
		idw = w > idw ? w : idw;
	}
	if (idw > 64)
		idw = 64; /* a longer id overflows its column, whole */
	if (width < 4 + idw + 2 + 7 + 2 + LIST_MIN_TITLE)
		counts = false;
	if (width < 4 + idw + 2 + LIST_MIN_TITLE)
		stacked = true;
	if (stacked)
		snprintf(head, sizeof(head), " #  ID / TITLE");
	else
		snprintf(head, sizeof(head), " #  %-*s  %sTITLE", (int)idw, "ID",
			 counts ? "PROMPTS  " : "");
	ind = stacked ? 4 : 4 + idw + 2 + (counts ? 9 : 0);
	indent = malloc(ind + 1);
	if (!indent) {
		oom_note();
		return;
	}
	memset(indent, ' ', ind);
	indent[ind] = '\0';
	out_style(o, STYLE_BOLD);
	fputs(head, o->fp);
	out_style(o, STYLE_NONE);
	fputc('\n', o->fp);
	for (i = 0; i < c->n_sections && !stdout_broken(); i++) {
		const struct section *s = &c->sections[i];
		char *id = render_sanitize(s->id), *first = NULL;
		size_t len, pad;

		if (id) {
			len = strlen(id) + idw + 32;
			first = malloc(len);
		}
		if (!first) {
			oom_note();
			free(id);
			continue;
		}
		pad = render_width(id) < idw ? idw - render_width(id) : 0;
		if (stacked) {
			fprintf(o->fp, "%2zu  %s\n", i + 1, id);
			out_wrap(o, indent, indent, s->title);
		} else {
			/* the id, sanitised, is the start of the title's first line */
			if (counts)
				snprintf(first, len, "%2zu  %s%*s  %7zu  ", i + 1, id, (int)pad, "",
					 s->n_prompts);
			else
				snprintf(first, len, "%2zu  %s%*s  ", i + 1, id, (int)pad, "");
			out_wrap(o, first, indent, s->title);
		}
		free(first);
		free(id);
	}
	free(indent);
}

/*
 * One ID<TAB>TITLE line a section; the crisis line goes to stderr, and
 * first: whatever reads the records (`list | head`) can only print them
 * after it, so on a terminal it never lands among them.  There it is set
 * apart by a blank line (and coloured as stderr allows).
 */
static void list_plain(const struct globals *g, const struct content *c)
{
	struct term t;
	struct out err;
	size_t i;

	term_init(&t, STDERR_FILENO, g->color, -1);
	out_init(&err, stderr, &t);
	out_wrap_styled(&err, STYLE_ALERT, NULL, NULL, render_crisis_line(c));
	if (t.tty)
		fputc('\n', stderr);
	fflush(stderr);
	for (i = 0; i < c->n_sections && !stdout_broken(); i++) {
		char *id = render_sanitize(c->sections[i].id);
		char *title = render_sanitize(c->sections[i].title);
		if (id && title)
			printf("%s\t%s\n", id, title);
		free(id);
		free(title);
	}
}

int cmd_list(int argc, char **argv, struct globals *g)
{
	struct content *c = NULL;
	struct term t;
	struct out o;
	struct json_writer j;
	struct pager pg;
	enum format fmt;
	size_t i;
	int rc;

	rc = read_options(argc, argv, g, "list", &fmt, NULL);
	if (rc >= 0)
		return rc;
	if (optind < argc)
		return cli_usage_error("list", "list takes no arguments, not '%s'", argv[optind]);
	rc = cli_load(g, &c);
	if (rc != EXIT_OK)
		return rc;
	switch (fmt) {
	case FMT_TEXT:
		stdout_init(&o, &t, g);
		if (t.tty) {
			page_begin(&pg, g, &t);
			list_table(&o, c);
			page_end(&pg);
			render_footer_text(&o, c); /* on a terminal, list shows both (SPEC 4.2) */
		} else
			list_plain(g, c);
		break;
	case FMT_MARKDOWN:
		md_heading(1, c->title);
		for (i = 0; i < c->n_sections && !stdout_broken(); i++) {
			const struct section *s = &c->sections[i];
			printf("%zu. ", i + 1);
			render_md_text(stdout, s->title);
			fputs(" (", stdout);
			render_md_text(stdout, s->id);
			printf(", %zu prompt%s)\n", s->n_prompts, s->n_prompts == 1 ? "" : "s");
		}
		render_footer_markdown(stdout, c);
		break;
	case FMT_JSON:
		json_open_sections(&j, c);
		for (i = 0; i < c->n_sections && !stdout_broken(); i++) {
			const struct section *s = &c->sections[i];
			json_begin_object(&j);
			json_key(&j, "number");
			json_int(&j, (long)i + 1);
			json_key(&j, "id");
			json_string(&j, s->id);
			json_key(&j, "title");
			json_string(&j, s->title);
			json_key(&j, "prompts");
			json_int(&j, (long)s->n_prompts);
			json_end_object(&j);
		}
		json_close_with_footer(&j, c);
		break;
	}
	content_free(c);
	return cli_finish(EXIT_OK);
}

/* ---- search ---- */

static bool has_all_terms(const char *s, char **terms, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!cli_contains_folded(s, terms[i]))
			return false;
	return true;
}

/* The text of a match, each TERM in bold when colour is allowed. */
static void put_highlighted(struct out *o, const char *s, char **terms, size_t n)
{
	size_t i, len;

	while (*s) {
		for (i = 0, len = 0; o->color && i < n; i++)
			if (cli_term_at(s, terms[i]) && strlen(terms[i]) > len)
				len = strlen(terms[i]);
		if (len) {
			out_style(o, STYLE_BOLD);
			fwrite(s, 1, len, o->fp);
			out_style(o, STYLE_NONE);
			s += len;
		} else {
			fputc(*s++, o->fp);
		}
	}
}

/* Call fn for every paragraph that holds every term; returns the count. */
struct search {
	char **terms;
	size_t n_terms;
	const struct content *c;
};

static size_t search_run(const struct search *q, enum format fmt, struct out *o,
			 struct json_writer *j)
{
	size_t i, k, found = 0;

	for (i = 0; i < q->c->n_sections && !stdout_broken(); i++) {
		const struct section *s = &q->c->sections[i];
		for (k = 0; k < s->n_paragraphs; k++) {
			char *text = render_sanitize(s->paragraphs[k]);
			if (text && has_all_terms(text, q->terms, q->n_terms)) {
				found++;
				if (fmt == FMT_TEXT && o) {
					char *id = render_sanitize(s->id);
					fprintf(o->fp, "%s:%zu: ", id ? id : "", k + 1);
					put_highlighted(o, text, q->terms, q->n_terms);
					fputc('\n', o->fp);
					free(id);
				} else if (fmt == FMT_MARKDOWN && o) {
					fputs("- **", stdout);
					render_md_text(stdout, s->id);
					printf("**, paragraph %zu: ", k + 1);
					render_md_text(stdout, text);
					fputc('\n', stdout);
				} else if (fmt == FMT_JSON && j) {
					json_begin_object(j);
					json_key(j, "section");
					json_string(j, s->id);
					json_key(j, "title");
					json_string(j, s->title);
					json_key(j, "paragraph");
					json_int(j, (long)k + 1);
					json_key(j, "text");
					json_string(j, text);
					json_end_object(j);
				}
			}
			free(text);
		}
	}
	return found;
}

int cmd_search(int argc, char **argv, struct globals *g)
{
	struct content *c = NULL;
	struct search q;
	struct term t;
	struct out o;
	struct json_writer j;
	enum format fmt;
	struct pager pg;
	char what[512] = "";
	size_t found;
	int rc, i;

	rc = read_options(argc, argv, g, "search", &fmt, NULL);
	if (rc >= 0)
		return rc;
	if (optind >= argc)
		return cli_usage_error("search", "what to search for? give one or more TERMs");
	for (i = optind; i < argc; i++)
		if (argv[i][strspn(argv[i], " \t")] == '\0')
			return cli_usage_error("search", "a search TERM is empty");
	rc = cli_load(g, &c);
	if (rc != EXIT_OK)
		return rc;
	q.terms = argv + optind;
	q.n_terms = (size_t)(argc - optind);
	q.c = c;
	found = search_run(&q, fmt, NULL, NULL);
	if (found == 0) {
		for (i = optind; i < argc; i++) {
			strncat(what, i > optind ? "' and '" : "", sizeof(what) - strlen(what) - 1);
			strncat(what, argv[i], sizeof(what) - strlen(what) - 1);
		}
		cli_error("no paragraph contains '%s'", what);
		if (fmt != FMT_JSON) {
			content_free(c);
			return cli_finish(EXIT_NOTFOUND);
		}
		/* JSON is always a whole document: "matches": [], still status 1 */
	}
	stdout_init(&o, &t, g);
	switch (fmt) {
	case FMT_TEXT:
		page_begin(&pg, g, &t);
		search_run(&q, fmt, &o, NULL);
		page_end(&pg);
		render_footer_text(&o, c);
		break;
	case FMT_MARKDOWN:
		for (i = optind; i < argc; i++) {
			strncat(what, i > optind ? " " : "", sizeof(what) - strlen(what) - 1);
			strncat(what, argv[i], sizeof(what) - strlen(what) - 1);
		}
		fputs("# Search: ", stdout);
		render_md_text(stdout, what);
		fputs("\n\n", stdout);
		search_run(&q, fmt, &o, NULL);
		render_footer_markdown(stdout, c);
		break;
	case FMT_JSON:
		json_init(&j, stdout);
		json_begin_object(&j);
		json_key(&j, "terms");
		json_strings(&j, (const char *const *)q.terms, q.n_terms);
		json_key(&j, "matches");
		json_begin_array(&j);
		search_run(&q, fmt, NULL, &j);
		json_close_with_footer(&j, c);
		break;
	}
	content_free(c);
	return cli_finish(found ? EXIT_OK : EXIT_NOTFOUND);
}

/* ---- crisis ---- */

static void crisis_text(struct out *o, const struct content *c)
{
	size_t i, k;

	out_wrap_styled(o, STYLE_HEADING, NULL, NULL, "Crisis and support resources");
	fputc('\n', o->fp);
	out_wrap_styled(o, STYLE_ALERT, NULL, NULL, render_crisis_line(c));
	if (c) {
		for (i = 0; i < c->n_resources; i++) {
			const struct resource *r = &c->resources[i];
			char *name =
			    malloc(strlen(r->name) + (r->region ? strlen(r->region) : 0) + 4);
			if (!name) {
				oom_note();
				continue;
			}
			sprintf(name, r->region ? "%s (%s)" : "%s", r->name, r->region);
			fputc('\n', o->fp);
			out_wrap_styled(o, STYLE_BOLD, NULL, NULL, name);
			free(name);
			for (k = 0; k < r->n_contact; k++)
				out_wrap(o, "  - ", "    ", r->contact[k]);
			for (k = 0; k < r->n_details; k++)
				out_wrap(o, "  - ", "    ", r->details[k]);
			if (r->verified_on && r->source) {
				size_t len = strlen(r->verified_on) + strlen(r->source) + 32;
				char *v = malloc(len);
				if (v) {
					snprintf(v, len, "(verified %s, %s)", r->verified_on,
						 r->source);
					out_wrap_styled(o, STYLE_DIM, "  ", "  ", v);
					free(v);
				} else {
					oom_note();
				}
			}
		}
	} else {
		for (i = 0; i < safety_n_resources; i++) {
			fputc('\n', o->fp);
			out_wrap_styled(o, STYLE_BOLD, NULL, NULL, safety_resources[i].name);
			for (k = 0; safety_resources[i].lines[k]; k++)
				out_wrap(o, "  - ", "    ", safety_resources[i].lines[k]);
		}
	}
	fputc('\n', o->fp);
	out_wrap_styled(o, STYLE_DIM, NULL, NULL, render_disclaimer(c));
}

static void crisis_markdown(const struct content *c)
{
	size_t i, k;

	md_heading(1, "Crisis and support resources");
	fputs("**", stdout);
	render_md_text(stdout, render_crisis_line(c));
	fputs("**\n\n", stdout);
	if (c) {
		for (i = 0; i < c->n_resources; i++) {
			const struct resource *r = &c->resources[i];
			fputs("## ", stdout);
			render_md_text(stdout, r->name);
			if (r->region) {
				fputs(" (", stdout);
				render_md_text(stdout, r->region);
				fputc(')', stdout);
			}
			fputs("\n\n", stdout);
			for (k = 0; k < r->n_contact; k++)
				md_item("", r->contact[k]);
			for (k = 0; k < r->n_details; k++)
				md_item("", r->details[k]);
			if (r->verified_on && r->source) {
				fputs("\n*Verified ", stdout);
				render_md_text(stdout, r->verified_on);
				fputs(": ", stdout);
				render_md_text(stdout, r->source);
				fputs("*\n", stdout);
			}
			fputc('\n', stdout);
		}
	} else {
		for (i = 0; i < safety_n_resources; i++) {
			md_heading(2, safety_resources[i].name);
			for (k = 0; safety_resources[i].lines[k]; k++)
				md_item("", safety_resources[i].lines[k]);
			fputc('\n', stdout);
		}
	}
	fputs("---\n\n*", stdout);
	render_md_text(stdout, render_disclaimer(c));
	fputs("*\n", stdout);
}

static void crisis_json(const struct content *c)
{
	struct json_writer j;
	size_t i, k;

	json_init(&j, stdout);
	json_begin_object(&j);
	json_key(&j, "crisis");
	json_string(&j, render_crisis_line(c));
	json_key(&j, "resources");
	json_begin_array(&j);
	for (i = 0; c && i < c->n_resources; i++) {
		const struct resource *r = &c->resources[i];
		json_begin_object(&j);
		json_key(&j, "id");
		json_string(&j, r->id);
		json_key(&j, "name");
		json_string(&j, r->name);
		json_key(&j, "region");
		json_string(&j, r->region);
		json_key(&j, "contact");
		json_strings(&j, r->contact, r->n_contact);
		json_key(&j, "details");
		json_strings(&j, r->details, r->n_details);
		json_key(&j, "verified_on");
		json_string(&j, r->verified_on);
		json_key(&j, "source");
		json_string(&j, r->source);
		json_end_object(&j);
	}
	for (i = 0; !c && i < safety_n_resources; i++) {
		json_begin_object(&j);
		json_key(&j, "name");
		json_string(&j, safety_resources[i].name);
		json_key(&j, "contact");
		json_begin_array(&j);
		for (k = 0; safety_resources[i].lines[k]; k++)
			json_string(&j, safety_resources[i].lines[k]);
		json_end_array(&j);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_key(&j, "disclaimer");
	json_string(&j, render_disclaimer(c));
	json_key(&j, "builtin");
	json_bool(&j, c == NULL);
	json_end_object(&j);
	json_finish(&j);
}

int cmd_crisis(int argc, char **argv, struct globals *g)
{
	struct content *c = NULL;
	struct content_error err;
	struct term t;
	struct out o;
	enum format fmt;
	char msg[1024];
	int rc;

	rc = read_options(argc, argv, g, "crisis", &fmt, NULL);
	if (rc >= 0)
		return rc;
	if (optind < argc)
		return cli_usage_error("crisis", "crisis takes no arguments, not '%s'",
				       argv[optind]);
	/*
	 * Never fails: broken content falls back to the compiled-in copy.  Only
	 * guide.json and safety.json are read (never the sections): the less
	 * it opens, the less there is to go wrong before the resources show.
	 */
	if (g->content_dir)
		rc = content_load_safety(g->content_dir, &c, &err);
	else
		rc = content_load_builtin(&c, &err);
	if (rc != 0)
		c = NULL;
	switch (fmt) {
	case FMT_TEXT:
		stdout_init(&o, &t, g);
		crisis_text(&o, c);
		break;
	case FMT_MARKDOWN: crisis_markdown(c); break;
	case FMT_JSON: crisis_json(c); break;
	}
	if (rc != 0) {
		content_error_format(&err, msg, sizeof(msg));
		fflush(stdout);
		cli_error("content could not be loaded (%s); these are the built-in resources",
			  msg);
	}
	content_free(c);
	return cli_finish(EXIT_OK);
}
