/* cmd_read.c — the reading commands: list, show, prompts, search and crisis. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "content.h"
#include "content_stream.h"
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

/*
 * Open the guide for reading (the folder of -c, else the built-in copy):
 * guide.json and safety.json now, the sections one at a time later.
 * Returns EXIT_OK or, after reporting, EXIT_CONTENT.
 */
static int open_guide(const struct globals *g, struct content_stream **st)
{
	struct content_error err;

	if (content_stream_open(g->content_dir, st, &err) == 0)
		return EXIT_OK;
	return cli_content_error(&err);
}

static int fold(int ch)
{
	return ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch;
}

/*
 * Can every SECTION be resolved, or its failure told, from the ids alone?
 * Only a word that is no id needs the sections' text (a search is then
 * suggested when the text holds it: cli_resolve_sections()).
 */
static bool ids_suffice(const struct content *ix, char *const *args, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		char lower[128];
		bool ambiguous;

		if (content_find_section(ix, args[i], &ambiguous) || ambiguous)
			continue;
		for (k = 0; args[i][k] && k < sizeof(lower) - 1; k++)
			lower[k] = (char)fold((unsigned char)args[i][k]);
		lower[k] = '\0';
		if (!args[i][k] && (content_find_section(ix, lower, &ambiguous) || ambiguous))
			continue;
		if (args[i][0] && strspn(args[i], "0123456789") == strlen(args[i]))
			continue;
		return false;
	}
	return true;
}

/*
 * Resolve the SECTION operands into manifest indexes: *idx (caller frees)
 * holds *n of them.  Returns EXIT_OK or the status to exit with, after
 * reporting.  Ids resolve without reading a section file; a word that is
 * no id is reported from the whole content, as before (the one case that
 * reads every section at once).
 */
static int resolve_sections(const struct globals *g, struct content_stream *st, int argc,
			    char **argv, size_t **idx, size_t *n)
{
	size_t i, nargs = argc > optind ? (size_t)(argc - optind) : 0;
	struct content_error err;
	const struct content *ix = content_stream_index(st, &err), *by;
	struct content *whole = NULL;
	const struct section **secs;
	int rc;

	*idx = NULL;
	*n = 0;
	if (!ix && err.path[0])
		return cli_content_error(&err); /* guide.json changed meanwhile */
	secs = calloc(nargs ? nargs : 1, sizeof(*secs));
	*idx = calloc(nargs ? nargs : 1, sizeof(**idx));
	if (!ix || !secs || !*idx) {
		free(secs);
		cli_error("out of memory");
		return EXIT_IO;
	}
	by = ix;
	if (!ids_suffice(ix, argv + optind, nargs)) {
		rc = cli_load(g, &whole);
		if (rc != EXIT_OK)
			goto out;
		by = whole;
	}
	rc = cli_resolve_sections(by, argv + optind, nargs, secs);
	if (rc == EXIT_OK) {
		for (i = 0; i < nargs; i++)
			(*idx)[i] = (size_t)(secs[i] - by->sections);
		*n = nargs;
	}
out:
	content_free(whole);
	free(secs);
	return rc;
}

/* ---- text ---- */

/* "NUMBER. TITLE", NUMBER being the section's place in the manifest. */
static void text_heading(struct out *o, size_t number, const struct section *s)
{
	char prefix[32];

	snprintf(prefix, sizeof(prefix), "%zu. ", number);
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

static void text_show(struct out *o, size_t number, const struct section *s)
{
	size_t i;

	text_heading(o, number, s);
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
static void json_section(struct json_writer *j, size_t number, const struct section *s, bool full)
{
	size_t i;

	json_begin_object(j);
	json_key(j, "number");
	json_int(j, (long)number);
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

/*
 * Sections written as they are read, one at a time: the output starts with
 * the first section that could be read, so content that breaks before it
 * leaves stdout empty, as a load error always has.
 */
struct sections_out {
	const struct globals *g;
	const struct content *c; /* the guide and safety file */
	enum format fmt;
	bool full;   /* show; else prompts */
	size_t n;    /* sections to write */
	size_t done; /* written */
	struct term t;
	struct out o;
	struct json_writer j;
	struct pager pg;
};

static void sections_begin(struct sections_out *w)
{
	char title[512];

	switch (w->fmt) {
	case FMT_TEXT:
		stdout_init(&w->o, &w->t, w->g);
		page_begin(&w->pg, w->g, &w->t);
		break;
	case FMT_MARKDOWN:
		if (w->n != 1) {
			snprintf(title, sizeof(title), "%s%s", w->c->title,
				 w->full ? "" : ": reflection prompts");
			md_heading(1, title);
		}
		break;
	case FMT_JSON: json_open_sections(&w->j, w->c); break;
	}
}

/* Section s, the manifest's NUMBERth. */
static void sections_put(struct sections_out *w, size_t number, const struct section *s)
{
	size_t k;
	int level = w->n == 1 ? 1 : 2;

	if (w->done++ == 0)
		sections_begin(w);
	switch (w->fmt) {
	case FMT_TEXT:
		if (w->done > 1)
			fputc('\n', stdout);
		if (w->full) {
			text_show(&w->o, number, s);
			break;
		}
		text_heading(&w->o, number, s);
		for (k = 0; k < s->n_prompts; k++)
			text_prompt(&w->o, &s->prompts[k], k);
		break;
	case FMT_MARKDOWN:
		if (w->full) {
			md_show(s, level);
			break;
		}
		md_heading(level, s->title);
		for (k = 0; k < s->n_prompts; k++)
			md_prompt(&s->prompts[k], k);
		break;
	case FMT_JSON: json_section(&w->j, number, s, w->full); break;
	}
}

/* End the output with the safety footer (starting it when no section was written). */
static void sections_end(struct sections_out *w)
{
	if (w->done == 0)
		sections_begin(w);
	switch (w->fmt) {
	case FMT_TEXT:
		page_end(&w->pg);
		render_footer_text(&w->o, w->c);
		break;
	case FMT_MARKDOWN: render_footer_markdown(stdout, w->c); break;
	case FMT_JSON: json_close_with_footer(&w->j, w->c); break;
	}
}

/*
 * Read and write every section, each let go before the next is read.  A
 * section that cannot be read ends the output there: what was written is
 * ended as usual (the footer; a whole JSON document), the error is
 * reported as a load error is, and the status is EXIT_CONTENT.
 */
static int write_sections(struct sections_out *w, struct content_stream *st)
{
	struct content_error err;
	size_t i;
	bool skipped;

	for (i = 0; i < w->n && !stdout_broken(); i++) {
		const struct section *s = content_stream_section(st, i, NULL, NULL, &skipped, &err);
		if (!s) {
			if (w->done)
				sections_end(w);
			return cli_content_error(&err);
		}
		sections_put(w, i + 1, s);
	}
	sections_end(w);
	return EXIT_OK;
}

/* A named section: its index in the manifest and its place among the names. */
struct named {
	size_t idx, pos;
};

static int named_cmp(const void *a, const void *b)
{
	const struct named *x = a, *y = b;

	if (x->idx != y->idx)
		return x->idx < y->idx ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/*
 * The named sections idx[0..n), written in the order named.  Every section
 * of the folder is read and validated first, one at a time, and only the
 * named ones are kept: content that is broken anywhere is an error before
 * anything is written, as it always was (a section named twice is read
 * once).
 */
static int write_named(struct sections_out *w, struct content_stream *st, const size_t *idx)
{
	struct content_error err;
	const struct section **secs = calloc(w->n + 1, sizeof(*secs));
	struct content **kept = calloc(w->n + 1, sizeof(*kept));
	struct named *order = calloc(w->n + 1, sizeof(*order));
	size_t i, k = 0, count = content_stream_count(st);
	int rc = EXIT_OK;
	bool skipped;

	if (!secs || !kept || !order) {
		cli_error("out of memory");
		rc = EXIT_IO;
		goto out;
	}
	for (i = 0; i < w->n; i++) {
		order[i].idx = idx[i];
		order[i].pos = i;
	}
	qsort(order, w->n, sizeof(*order), named_cmp);
	for (i = 0; i < count; i++) {
		const struct section *s = content_stream_section(st, i, NULL, NULL, &skipped, &err);
		if (!s) {
			rc = cli_content_error(&err);
			goto out;
		}
		if (k < w->n && order[k].idx == i)
			kept[order[k].pos] = content_stream_take(st);
		for (; k < w->n && order[k].idx == i; k++)
			secs[order[k].pos] = s;
	}
	for (i = 0; i < w->n && !stdout_broken(); i++)
		sections_put(w, idx[i] + 1, secs[i]);
	sections_end(w);
out:
	for (i = 0; kept && i < w->n; i++)
		content_free(kept[i]);
	free(kept);
	free(secs);
	free(order);
	return rc;
}

/* show and prompts: the SECTION operands, else (want_all) every section. */
static int read_sections(const struct globals *g, int argc, char **argv, enum format fmt, bool full,
			 bool want_all)
{
	struct content_stream *st = NULL;
	struct sections_out w;
	size_t *idx = NULL, n = 0;
	int rc;

	rc = open_guide(g, &st);
	if (rc != EXIT_OK)
		return cli_finish(rc);
	memset(&w, 0, sizeof(w));
	w.g = g;
	w.c = content_stream_head(st);
	w.fmt = fmt;
	w.full = full;
	if (want_all)
		n = content_stream_count(st);
	else
		rc = resolve_sections(g, st, argc, argv, &idx, &n);
	w.n = n;
	if (rc == EXIT_OK)
		rc = want_all ? write_sections(&w, st) : write_named(&w, st, idx);
	else if (rc == EXIT_NOTFOUND && fmt == FMT_JSON)
		sections_end(&w); /* a whole document, "sections": [] */
	free(idx);
	content_stream_free(st);
	return cli_finish(rc);
}

int cmd_show(int argc, char **argv, struct globals *g)
{
	enum format fmt;
	bool all = false;
	int rc;

	rc = read_options(argc, argv, g, "show", &fmt, &all);
	if (rc >= 0)
		return rc;
	if (all && optind < argc)
		return cli_usage_error("show", "give SECTIONs or --all, not both");
	if (!all && optind >= argc)
		return cli_usage_error("show", "which section? give a SECTION or --all");
	return read_sections(g, argc, argv, fmt, true, all);
}

int cmd_prompts(int argc, char **argv, struct globals *g)
{
	enum format fmt;
	int rc;

	rc = read_options(argc, argv, g, "prompts", &fmt, NULL);
	if (rc >= 0)
		return rc;
	return read_sections(g, argc, argv, fmt, false, optind >= argc);
}

/* ---- list ---- */

/*
 * On a terminal: number, id, prompt count and title (the caller adds the
 * safety footer).  The table fits the width (the terminal's, or --width): the title
 * is the last column and wraps inside it; an id is never broken.  When the
 * title would get fewer than LIST_MIN_TITLE columns the prompt count goes,
 * and when it still would, each title goes on its own line under its id.
 * The id column is as wide as the widest id of the manifest (a section's
 * id is its manifest id), so the table is laid out before a section is read.
 */
#define LIST_MIN_TITLE 16

/* list's output, a row a section as each is read (see struct sections_out). */
struct list_out {
	const struct globals *g;
	const struct content *c;
	enum format fmt;
	size_t done;
	struct term t;
	struct out o;
	struct json_writer j;
	struct pager pg;
	size_t idw;   /* the table: the id column's width */
	bool counts;  /* with the prompt count */
	bool stacked; /* each title under its id */
	char *indent; /* NULL when memory ran out: no rows */
};

static void list_table_head(struct list_out *w, struct content_stream *st)
{
	size_t idw = content_stream_id_width(st);
	size_t width = w->o.width > 0 ? (size_t)w->o.width : (size_t)-1, ind;
	char head[128];

	/* ids are lowercase ASCII: the longest's length is its width */
	if (idw < 2)
		idw = 2;
	if (idw > 64)
		idw = 64; /* a longer id overflows its column, whole */
	w->counts = width >= 4 + idw + 2 + 7 + 2 + LIST_MIN_TITLE;
	w->stacked = width < 4 + idw + 2 + LIST_MIN_TITLE;
	w->idw = idw;
	if (w->stacked)
		snprintf(head, sizeof(head), " #  ID / TITLE");
	else
		snprintf(head, sizeof(head), " #  %-*s  %sTITLE", (int)idw, "ID",
			 w->counts ? "PROMPTS  " : "");
	ind = w->stacked ? 4 : 4 + idw + 2 + (w->counts ? 9 : 0);
	w->indent = malloc(ind + 1);
	if (!w->indent) {
		oom_note();
		return;
	}
	memset(w->indent, ' ', ind);
	w->indent[ind] = '\0';
	out_style(&w->o, STYLE_BOLD);
	fputs(head, w->o.fp);
	out_style(&w->o, STYLE_NONE);
	fputc('\n', w->o.fp);
}

static void list_table_row(struct list_out *w, size_t number, const struct section *s)
{
	char *id = render_sanitize(s->id), *first = NULL;
	size_t len, pad, idw = w->idw;

	if (!w->indent) {
		free(id);
		return;
	}
	if (id) {
		len = strlen(id) + idw + 32;
		first = malloc(len);
	}
	if (!first) {
		oom_note();
		free(id);
		return;
	}
	pad = render_width(id) < idw ? idw - render_width(id) : 0;
	if (w->stacked) {
		fprintf(w->o.fp, "%2zu  %s\n", number, id);
		out_wrap(&w->o, w->indent, w->indent, s->title);
	} else {
		/* the id, sanitised, is the start of the title's first line */
		if (w->counts)
			snprintf(first, len, "%2zu  %s%*s  %7zu  ", number, id, (int)pad, "",
				 s->n_prompts);
		else
			snprintf(first, len, "%2zu  %s%*s  ", number, id, (int)pad, "");
		out_wrap(&w->o, first, w->indent, s->title);
	}
	free(first);
	free(id);
}

/*
 * Off a terminal, one ID<TAB>TITLE line a section; the crisis line goes to
 * stderr, and first: whatever reads the records (`list | head`) can only
 * print them after it, so on a terminal it never lands among them.  There
 * it is set apart by a blank line (and coloured as stderr allows).
 */
static void list_plain_head(const struct globals *g, const struct content *c)
{
	struct term t;
	struct out err;

	term_init(&t, STDERR_FILENO, g->color, -1);
	out_init(&err, stderr, &t);
	out_wrap_styled(&err, STYLE_ALERT, NULL, NULL, render_crisis_line(c));
	if (t.tty)
		fputc('\n', stderr);
	fflush(stderr);
}

static void list_begin(struct list_out *w, struct content_stream *st)
{
	switch (w->fmt) {
	case FMT_TEXT:
		if (w->t.tty) {
			page_begin(&w->pg, w->g, &w->t);
			list_table_head(w, st);
		} else {
			list_plain_head(w->g, w->c);
		}
		break;
	case FMT_MARKDOWN: md_heading(1, w->c->title); break;
	case FMT_JSON: json_open_sections(&w->j, w->c); break;
	}
}

static void list_put(struct list_out *w, struct content_stream *st, size_t number,
		     const struct section *s)
{
	if (w->done++ == 0)
		list_begin(w, st);
	switch (w->fmt) {
	case FMT_TEXT:
		if (w->t.tty) {
			list_table_row(w, number, s);
		} else {
			char *id = render_sanitize(s->id);
			char *title = render_sanitize(s->title);
			if (id && title)
				printf("%s\t%s\n", id, title);
			free(id);
			free(title);
		}
		break;
	case FMT_MARKDOWN:
		printf("%zu. ", number);
		render_md_text(stdout, s->title);
		fputs(" (", stdout);
		render_md_text(stdout, s->id);
		printf(", %zu prompt%s)\n", s->n_prompts, s->n_prompts == 1 ? "" : "s");
		break;
	case FMT_JSON:
		json_begin_object(&w->j);
		json_key(&w->j, "number");
		json_int(&w->j, (long)number);
		json_key(&w->j, "id");
		json_string(&w->j, s->id);
		json_key(&w->j, "title");
		json_string(&w->j, s->title);
		json_key(&w->j, "prompts");
		json_int(&w->j, (long)s->n_prompts);
		json_end_object(&w->j);
		break;
	}
}

static void list_end(struct list_out *w, struct content_stream *st)
{
	if (w->done == 0)
		list_begin(w, st);
	switch (w->fmt) {
	case FMT_TEXT:
		if (w->t.tty) {
			page_end(&w->pg);
			/* on a terminal, list shows both (SPEC 4.2) */
			render_footer_text(&w->o, w->c);
		}
		break;
	case FMT_MARKDOWN: render_footer_markdown(stdout, w->c); break;
	case FMT_JSON: json_close_with_footer(&w->j, w->c); break;
	}
	free(w->indent);
	w->indent = NULL;
}

int cmd_list(int argc, char **argv, struct globals *g)
{
	struct content_stream *st = NULL;
	struct content_error err;
	struct list_out w;
	size_t i, n;
	bool skipped;
	enum format fmt;
	int rc;

	rc = read_options(argc, argv, g, "list", &fmt, NULL);
	if (rc >= 0)
		return rc;
	if (optind < argc)
		return cli_usage_error("list", "list takes no arguments, not '%s'", argv[optind]);
	rc = open_guide(g, &st);
	if (rc != EXIT_OK)
		return rc;
	memset(&w, 0, sizeof(w));
	w.g = g;
	w.c = content_stream_head(st);
	w.fmt = fmt;
	stdout_init(&w.o, &w.t, g);
	n = content_stream_count(st);
	for (i = 0; i < n && !stdout_broken(); i++) {
		const struct section *s = content_stream_section(st, i, NULL, NULL, &skipped, &err);
		if (!s)
			break;
		list_put(&w, st, i + 1, s);
	}
	if (i < n && !stdout_broken()) {
		/* section i could not be read: end what was written, then say why */
		if (w.done)
			list_end(&w, st);
		rc = cli_content_error(&err);
	} else {
		list_end(&w, st);
	}
	content_stream_free(st);
	return cli_finish(rc);
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

/*
 * One pass over the sections, each read, searched and let go before the
 * next.  The output starts at the first match (JSON, which always prints a
 * whole document, at the end when there is none).
 */
struct search {
	char **terms;
	size_t n_terms;
	char **folded; /* the terms in ASCII lower case, for may_match() */
	size_t *folded_len;
	char *scratch; /* a file's bytes, folded */
	size_t cap;
	const struct globals *g;
	const struct content *c;
	enum format fmt;
	size_t found;
	struct term t;
	struct out o;
	struct json_writer j;
	struct pager pg;
};

/* Does hay[0..n) hold needle[0..m) (m >= 1)? */
static bool has_bytes(const char *hay, size_t n, const char *needle, size_t m)
{
	const char *p = hay, *end = hay + n;

	while ((size_t)(end - p) >= m && (p = memchr(p, needle[0], (size_t)(end - p) - m + 1))) {
		if (memcmp(p, needle, m) == 0)
			return true;
		p++;
	}
	return false;
}

/* Is there a byte b at or after p, before end, followed by one of lo..hi? */
static bool has_pair(const unsigned char *p, const unsigned char *end, unsigned char b,
		     unsigned char lo, unsigned char hi)
{
	while (p < end && (p = memchr(p, b, (size_t)(end - p))) != NULL) {
		if (p + 1 < end && p[1] >= lo && p[1] <= hi)
			return true;
		p++;
	}
	return false;
}

/* U+202A to U+202E, or U+2066 to U+2069 (E2 80 AA-AE, E2 81 A6-A9)? */
static bool has_bidi(const unsigned char *p, const unsigned char *end)
{
	while (p < end && (p = memchr(p, 0xE2, (size_t)(end - p))) != NULL) {
		if (p + 2 < end && ((p[1] == 0x80 && p[2] >= 0xAA && p[2] <= 0xAE) ||
				    (p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9)))
			return true;
		p++;
	}
	return false;
}

/*
 * Could a section file with these bytes hold a paragraph with every term?
 * In valid JSON a string with no backslash is its bytes as they are, and
 * when the file holds nothing the sanitiser drops (DEL, a C1 control, a
 * bidi override or isolate; other controls cannot be in a valid file), a
 * paragraph is also as it is in the file: then a term that is nowhere in
 * the file (either case of ASCII) is in no paragraph, and the file need
 * not be parsed.  So a search costs about what grep's does for the
 * sections it does not match.
 */
static bool may_match(void *ctx, const char *buf, size_t len)
{
	struct search *q = ctx;
	const unsigned char *b = (const unsigned char *)buf, *end = b + len;
	unsigned char *f;
	size_t i;

	if (memchr(b, '\\', len) || memchr(b, 0x7F, len) || has_pair(b, end, 0xC2, 0x80, 0x9F) ||
	    has_bidi(b, end))
		return true;
	if (len + 1 > q->cap) {
		char *p = realloc(q->scratch, len + 1);
		if (!p)
			return true; /* parse it: the search itself says what memory allows */
		q->scratch = p;
		q->cap = len + 1;
	}
	/* ASCII folded to lower case, branch-free (the compiler can vectorise it) */
	f = (unsigned char *)q->scratch;
	for (i = 0; i < len; i++)
		f[i] = (unsigned char)(b[i] | (((unsigned char)(b[i] - 'A') < 26) << 5));
	for (i = 0; i < q->n_terms; i++)
		if (!has_bytes(q->scratch, len, q->folded[i], q->folded_len[i]))
			return false;
	return true;
}

static void search_begin(struct search *q)
{
	char what[512] = "";
	size_t i;

	switch (q->fmt) {
	case FMT_TEXT: page_begin(&q->pg, q->g, &q->t); break;
	case FMT_MARKDOWN:
		for (i = 0; i < q->n_terms; i++) {
			strncat(what, i ? " " : "", sizeof(what) - strlen(what) - 1);
			strncat(what, q->terms[i], sizeof(what) - strlen(what) - 1);
		}
		fputs("# Search: ", stdout);
		render_md_text(stdout, what);
		fputs("\n\n", stdout);
		break;
	case FMT_JSON:
		json_init(&q->j, stdout);
		json_begin_object(&q->j);
		json_key(&q->j, "terms");
		json_strings(&q->j, (const char *const *)q->terms, q->n_terms);
		json_key(&q->j, "matches");
		json_begin_array(&q->j);
		break;
	}
}

static void search_end(struct search *q)
{
	switch (q->fmt) {
	case FMT_TEXT:
		page_end(&q->pg);
		render_footer_text(&q->o, q->c);
		break;
	case FMT_MARKDOWN: render_footer_markdown(stdout, q->c); break;
	case FMT_JSON: json_close_with_footer(&q->j, q->c); break;
	}
}

/* Paragraph k (sanitised: text) of s holds every term. */
static void search_put(struct search *q, const struct section *s, size_t k, const char *text)
{
	if (q->found++ == 0)
		search_begin(q);
	switch (q->fmt) {
	case FMT_TEXT: {
		char *id = render_sanitize(s->id);
		fprintf(q->o.fp, "%s:%zu: ", id ? id : "", k + 1);
		put_highlighted(&q->o, text, q->terms, q->n_terms);
		fputc('\n', q->o.fp);
		free(id);
		break;
	}
	case FMT_MARKDOWN:
		fputs("- **", stdout);
		render_md_text(stdout, s->id);
		printf("**, paragraph %zu: ", k + 1);
		render_md_text(stdout, text);
		fputc('\n', stdout);
		break;
	case FMT_JSON:
		json_begin_object(&q->j);
		json_key(&q->j, "section");
		json_string(&q->j, s->id);
		json_key(&q->j, "title");
		json_string(&q->j, s->title);
		json_key(&q->j, "paragraph");
		json_int(&q->j, (long)k + 1);
		json_key(&q->j, "text");
		json_string(&q->j, text);
		json_end_object(&q->j);
		break;
	}
}

/*
 * Search every section; returns EXIT_OK, or EXIT_CONTENT after reporting
 * a section that could not be read (what was written before is ended as
 * usual, as show does).
 */
static int search_run(struct search *q, struct content_stream *st)
{
	struct content_error err;
	size_t i, k, n = content_stream_count(st);
	bool skipped;

	for (i = 0; i < n && !stdout_broken(); i++) {
		const struct section *s =
		    content_stream_section(st, i, may_match, q, &skipped, &err);
		if (!s && skipped)
			continue;
		if (!s) {
			if (q->found)
				search_end(q);
			return cli_content_error(&err);
		}
		for (k = 0; k < s->n_paragraphs; k++) {
			char *text = render_sanitize(s->paragraphs[k]);
			if (text && has_all_terms(text, q->terms, q->n_terms))
				search_put(q, s, k, text);
			free(text);
		}
	}
	return EXIT_OK;
}

/* The terms folded to ASCII lower case, into q (freed by search_free()). */
static bool search_fold_terms(struct search *q)
{
	size_t i, k;

	q->folded = calloc(q->n_terms, sizeof(*q->folded));
	q->folded_len = calloc(q->n_terms, sizeof(*q->folded_len));
	if (!q->folded || !q->folded_len)
		return false;
	for (i = 0; i < q->n_terms; i++) {
		q->folded_len[i] = strlen(q->terms[i]);
		q->folded[i] = malloc(q->folded_len[i] + 1);
		if (!q->folded[i])
			return false;
		for (k = 0; k <= q->folded_len[i]; k++)
			q->folded[i][k] = (char)fold((unsigned char)q->terms[i][k]);
	}
	return true;
}

static void search_free(struct search *q)
{
	size_t i;

	for (i = 0; q->folded && i < q->n_terms; i++)
		free(q->folded[i]);
	free(q->folded);
	free(q->folded_len);
	free(q->scratch);
}

int cmd_search(int argc, char **argv, struct globals *g)
{
	struct content_stream *st = NULL;
	struct search q;
	enum format fmt;
	char what[512] = "";
	int rc, i;

	rc = read_options(argc, argv, g, "search", &fmt, NULL);
	if (rc >= 0)
		return rc;
	if (optind >= argc)
		return cli_usage_error("search", "what to search for? give one or more TERMs");
	for (i = optind; i < argc; i++)
		if (argv[i][strspn(argv[i], " \t")] == '\0')
			return cli_usage_error("search", "a search TERM is empty");
	rc = open_guide(g, &st);
	if (rc != EXIT_OK)
		return rc;
	memset(&q, 0, sizeof(q));
	q.terms = argv + optind;
	q.n_terms = (size_t)(argc - optind);
	q.g = g;
	q.c = content_stream_head(st);
	q.fmt = fmt;
	stdout_init(&q.o, &q.t, g);
	if (!search_fold_terms(&q)) {
		cli_error("out of memory");
		rc = EXIT_IO;
		goto out;
	}
	rc = search_run(&q, st);
	if (rc != EXIT_OK)
		goto out;
	if (q.found == 0) {
		for (i = optind; i < argc; i++) {
			strncat(what, i > optind ? "' and '" : "", sizeof(what) - strlen(what) - 1);
			strncat(what, argv[i], sizeof(what) - strlen(what) - 1);
		}
		cli_error("no paragraph contains '%s'", what);
		rc = EXIT_NOTFOUND;
		if (fmt != FMT_JSON)
			goto out;
		/* JSON is always a whole document: "matches": [], still status 1 */
		search_begin(&q);
	}
	search_end(&q);
out:
	search_free(&q);
	content_stream_free(st);
	return cli_finish(rc);
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
