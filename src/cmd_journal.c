/* cmd_journal.c — the journal command (list, show, search, export, trend, delete, encrypt, decrypt) and saving from walk. */
#define _GNU_SOURCE /* strcasestr */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "content.h"
#include "exitcode.h"
#include "journal.h"
#include "journal_cli.h"
#include "journal_seal.h"
#include "render.h"
#include "term.h"

const char help_journal[] =
    "  list                 Saved reflections, newest first: id, date, sections,\n"
    "                       ratings before and after\n"
    "  show ID              One reflection (a unique prefix of its id will do)\n"
    "  search TERM...       Answers that contain every TERM (either case)\n"
    "  export               Every reflection (--format markdown, json or jsonl)\n"
    "  trend                Feelings before and after over time, as a sparkline\n"
    "  delete ID | --all    Remove a reflection, or all of them (asks first)\n"
    "  encrypt | decrypt    Convert the journal (a passphrase; never an argument)\n"
    "\n"
    "      --journal FILE   The journal (else $CRY_GUIDE_JOURNAL, else\n"
    "                       $XDG_DATA_HOME/cry-guide/journal.jsonl, else\n"
    "                       ~/.local/share/cry-guide/journal.jsonl)\n"
    "  -f, --format FMT     Text, markdown or json (export: also jsonl; list,\n"
    "                       search and trend: text or json)\n"
    "      --since DATE     Only reflections started on or after DATE (YYYY-MM-DD,\n"
    "                       UTC, or YYYY-MM-DDTHH:MM:SSZ)\n"
    "      --until DATE     Only reflections started on or before DATE\n"
    "  -n, --limit N        List at most N reflections\n"
    "  -y, --yes            Delete without asking\n"
    "  -a, --all            Delete every reflection\n"
    "\n"
    "Lines that are cut short or are not journal entries are skipped with a\n"
    "warning naming the line.  An encrypted journal asks for its passphrase on\n"
    "the terminal with echo off, or reads one line from the descriptor in\n"
    "$CRY_GUIDE_PASSPHRASE_FD.  Journal errors exit with status 4; an unknown\n"
    "or ambiguous ID with status 1.\n"
    "\n"
    "Examples:\n"
    "  Your saved reflections, newest first:\n"
    "    cry-guide journal\n"
    "  Read one again (the start of its id, from the list, will do):\n"
    "    cry-guide journal show ID\n"
    "  Keep a copy as Markdown:\n"
    "    cry-guide journal export > reflections.md\n";

enum jfmt { JF_TEXT, JF_MARKDOWN, JF_JSON, JF_JSONL };
static const char *const jfmt_names[] = { "text", "markdown", "json", "jsonl", NULL };

enum { OPT_JOURNAL = 0x200, OPT_SINCE, OPT_UNTIL };

static const struct option journal_options[] = { { "journal", required_argument, NULL,
						   OPT_JOURNAL },
						 { "format", required_argument, NULL, 'f' },
						 { "since", required_argument, NULL, OPT_SINCE },
						 { "until", required_argument, NULL, OPT_UNTIL },
						 { "limit", required_argument, NULL, 'n' },
						 { "yes", no_argument, NULL, 'y' },
						 { "all", no_argument, NULL, 'a' },
						 { NULL, 0, NULL, 0 } };

struct jcmd {
	struct globals *g;
	const char *journal_opt;
	char *path;
	struct journal *j;
	enum jfmt fmt;
	bool fmt_given;
	bool has_since, has_until, yes, all;
	time_t since, until;
	long limit;
	char **args; /* operands after the subcommand */
	int nargs;
	struct term t;
	struct out o;
	struct json_writer jw;
	long count;
	bool first; /* markdown/json: nothing written yet */
};

/* ---- small helpers ---- */

/* The crisis line on stderr, for output that is one record a line (SPEC 4.2). */
static void crisis_stderr(void)
{
	struct term t;
	struct out err;

	fflush(stdout);
	term_init(&t, STDERR_FILENO, COLOR_NEVER, -1);
	out_init(&err, stderr, &t);
	out_wrap(&err, NULL, NULL, render_crisis_line(NULL));
}

/* Show a stored UTC time as local "YYYY-MM-DD HH:MM" (the stored text when it cannot be read). */
static void local_time(const char *stored, char *buf, size_t size)
{
	struct tm tm;
	time_t t;

	if (journal_parse_date(stored, false, &t) == 0 && localtime_r(&t, &tm))
		strftime(buf, size, "%Y-%m-%d %H:%M", &tm);
	else
		snprintf(buf, size, "%s", stored);
}

static void rating_str(long v, char *buf, size_t size)
{
	if (v < 0)
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%ld", v);
}

/* Warn about a line that is not an entry; true for an entry. */
static bool usable(const struct jcmd *c, const struct journal_item *it)
{
	const char *why = NULL;

	switch (it->kind) {
	case JITEM_ENTRY: return true;
	case JITEM_TORN: why = "is cut short (a save was interrupted)"; break;
	case JITEM_FOREIGN: why = "is not a journal entry"; break;
	case JITEM_NEWER: why = "is from a newer cry-guide"; break;
	case JITEM_TOO_LONG: why = "is longer than 1 MiB"; break;
	case JITEM_UNREADABLE: why = "cannot be decrypted (it was changed or damaged)"; break;
	case JITEM_HEADER: return false;
	}
	fflush(stdout);
	cli_error("warning: '%s' line %ld %s; skipped", c->path, it->line, why);
	return false;
}

static bool in_range(const struct jcmd *c, const struct journal_entry *e)
{
	time_t t;

	if (!c->has_since && !c->has_until)
		return true;
	if (journal_parse_date(e->start, false, &t) != 0)
		return false;
	return (!c->has_since || t >= c->since) && (!c->has_until || t <= c->until);
}

/*
 * Whether the reader's item is shown: JOURNAL_SHOW for an entry inside
 * --since/--until, JOURNAL_NEXT to pass over it (a line that is not an
 * entry is warned about by usable()), JOURNAL_STOP once stdout has failed.
 */
#define JOURNAL_SHOW (-1)
static int selected(const struct jcmd *c, const struct journal_item *it)
{
	if (!usable(c, it) || !in_range(c, &it->entry))
		return JOURNAL_NEXT;
	if (ferror(stdout))
		return JOURNAL_STOP;
	return JOURNAL_SHOW;
}

/* A JSON object for an entry, begun with its id and start. */
static void json_entry_head(struct jcmd *c, const struct journal_entry *e)
{
	json_begin_object(&c->jw);
	json_key(&c->jw, "id");
	json_string(&c->jw, e->id);
	json_key(&c->jw, "start");
	json_string(&c->jw, e->start);
}

/* ---- passphrases ---- */

static volatile sig_atomic_t pass_signal;

static void on_pass_signal(int sig)
{
	pass_signal = sig;
}

/* One line from fd into buf (at most size - 1 bytes); its length, or -1. */
static long read_secret_line(int fd, char *buf, size_t size)
{
	size_t n = 0;
	char ch;
	ssize_t r;

	for (;;) {
		r = read(fd, &ch, 1);
		if (r < 0 && errno == EINTR && !pass_signal)
			continue;
		if (r < 0)
			return -1;
		if (r == 0 || ch == '\n')
			break;
		if (n + 1 >= size)
			return -1;
		buf[n++] = ch;
	}
	if (n > 0 && buf[n - 1] == '\r')
		n--;
	buf[n] = '\0';
	return (long)n;
}

/* Ask on the terminal with echo off; the terminal is restored whatever happens. */
static long ask_tty(int tty, const char *prompt, char *buf, size_t size)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
	struct sigaction sa, old[4];
	struct termios saved, quiet;
	long n;
	size_t i;

	if (tcgetattr(tty, &saved) != 0)
		return -1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_pass_signal;
	sigemptyset(&sa.sa_mask);
	pass_signal = 0;
	for (i = 0; i < 4; i++)
		sigaction(sigs[i], &sa, &old[i]);
	quiet = saved;
	quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
	quiet.c_lflag |= ICANON;
	if (write(tty, prompt, strlen(prompt)) < 0) {
		/* the question is lost; the read below still works */
	}
	tcsetattr(tty, TCSAFLUSH, &quiet);
	n = read_secret_line(tty, buf, size);
	tcsetattr(tty, TCSAFLUSH, &saved);
	if (write(tty, "\n", 1) < 0) {
		/* nothing to do */
	}
	for (i = 0; i < 4; i++)
		sigaction(sigs[i], &old[i], NULL);
	if (pass_signal) {
		/* a stop signal while echo was off: now that it is back, act on it */
		n = -1;
		raise(pass_signal);
	}
	return n;
}

#define PASS_MAX 1024

char *journal_cli_passphrase(const char *prompt, bool confirm, size_t *len)
{
	const char *env = getenv("CRY_GUIDE_PASSPHRASE_FD");
	char *pass = seal_secret_alloc(PASS_MAX), *again = NULL;
	long n = -1;
	int tty;

	if (!pass) {
		cli_error("out of memory");
		return NULL;
	}
	if (env && *env) {
		char *end;
		long fd;

		errno = 0;
		fd = strtol(env, &end, 10);
		if (*end || errno || fd < 0 || fd > 65535) {
			cli_error("CRY_GUIDE_PASSPHRASE_FD must be a descriptor number, not '%s'",
				  env);
			goto fail;
		}
		n = read_secret_line((int)fd, pass, PASS_MAX);
		if (n < 0) {
			cli_error("cannot read the passphrase from descriptor %ld: %s", fd,
				  errno ? strerror(errno) : "too long");
			goto fail;
		}
	} else {
		tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
		if (tty < 0) {
			cli_error(
			    "the journal is encrypted and there is no terminal to ask for its passphrase (set CRY_GUIDE_PASSPHRASE_FD to a descriptor to read it from)");
			goto fail;
		}
		n = ask_tty(tty, prompt, pass, PASS_MAX);
		if (n >= 0 && confirm) {
			again = seal_secret_alloc(PASS_MAX);
			long m = again
				     ? ask_tty(tty, "The same passphrase again: ", again, PASS_MAX)
				     : -1;
			if (m != n || memcmp(pass, again, (size_t)n) != 0) {
				close(tty);
				cli_error("the two passphrases differ; nothing was changed");
				goto fail;
			}
		}
		close(tty);
		if (n < 0) {
			cli_error("no passphrase was read; nothing was changed");
			goto fail;
		}
	}
	if (n == 0) {
		cli_error("the passphrase is empty; nothing was changed");
		goto fail;
	}
	seal_secret_free(again);
	*len = (size_t)n;
	return pass;
fail:
	seal_secret_free(again);
	seal_secret_free(pass);
	return NULL;
}

/* Unlock an encrypted journal with a passphrase asked for now; EXIT_OK or EXIT_IO. */
static int unlock(struct journal *j, bool confirm_new)
{
	char err[512];
	size_t n;
	char *pass;
	int rc;

	if (seal_init() != 0) {
		cli_error("cannot start the encryption library");
		return EXIT_IO;
	}
	pass = journal_cli_passphrase(journal_encrypted(j) ? "Journal passphrase: "
							   : "New journal passphrase: ",
				      confirm_new && !journal_encrypted(j), &n);
	if (!pass)
		return EXIT_IO;
	rc = journal_unlock(j, pass, n, err, sizeof(err));
	seal_secret_free(pass);
	if (rc != 0) {
		cli_error("%s", err);
		return EXIT_IO;
	}
	return EXIT_OK;
}

/* Open the journal (asking for the passphrase when it is encrypted); an exit status. */
static int open_journal(struct jcmd *c, int flags, bool need_key)
{
	char err[1024];
	int rc;

	err[0] = '\0';
	c->path = journal_path(c->journal_opt, err, sizeof(err));
	if (!c->path) {
		cli_error("%s", err);
		return EXIT_IO;
	}
	rc = journal_open(&c->j, c->path, flags, err, sizeof(err));
	if (rc == 1) {
		cli_error("no journal at '%s' yet (save a reflection with: cry-guide walk --save)",
			  c->path);
		return EXIT_NOTFOUND;
	}
	if (rc != 0) {
		cli_error("%s", err);
		return EXIT_IO;
	}
	if (need_key && journal_encrypted(c->j))
		return unlock(c->j, false);
	return EXIT_OK;
}

/* ---- saving (walk) ---- */

int journal_cli_save(const char *journal_opt, bool encrypt, struct journal_entry *e, char *id,
		     size_t idlen)
{
	struct jcmd c;
	char err[1024];
	int status;

	memset(&c, 0, sizeof(c));
	c.journal_opt = journal_opt;
	status = open_journal(&c, JOURNAL_WRITE | JOURNAL_CREATE, true);
	if (status != EXIT_OK)
		goto out;
	if (encrypt && !journal_encrypted(c.j)) {
		if (!journal_empty(c.j)) {
			cli_error(
			    "'%s' already holds reflections and is not encrypted; encrypt it with: cry-guide journal encrypt",
			    c.path);
			status = EXIT_IO;
			goto out;
		}
		status = unlock(c.j, true);
		if (status != EXIT_OK)
			goto out;
	}
	journal_new_id(e->id, sizeof(e->id), time(NULL));
	if (journal_append(c.j, e, err, sizeof(err)) != 0) {
		cli_error("%s", err);
		status = EXIT_IO;
		goto out;
	}
	snprintf(id, idlen, "%s", e->id);
out:
	journal_close(c.j);
	free(c.path);
	return status;
}

/* ---- list ---- */

static int list_item(void *ctx, const struct journal_item *it)
{
	struct jcmd *c = ctx;
	const struct journal_entry *e = &it->entry;
	char date[64], before[24], after[24];
	size_t i;

	if (!usable(c, it) || !in_range(c, e))
		return JOURNAL_NEXT;
	if (c->limit >= 0 && c->count >= c->limit)
		return JOURNAL_STOP;
	if (ferror(stdout))
		return JOURNAL_STOP;
	c->count++;
	if (c->fmt == JF_JSON) {
		json_entry_head(c, e);
		json_key(&c->jw, "end");
		json_string(&c->jw, e->end[0] ? e->end : NULL);
		json_key(&c->jw, "sections");
		json_strings(&c->jw, e->sections, e->n_sections);
		json_key(&c->jw, "rating_before");
		if (e->rating_before < 0)
			json_string(&c->jw, NULL);
		else
			json_int(&c->jw, e->rating_before);
		json_key(&c->jw, "rating_after");
		if (e->rating_after < 0)
			json_string(&c->jw, NULL);
		else
			json_int(&c->jw, e->rating_after);
		json_key(&c->jw, "incomplete");
		json_bool(&c->jw, e->incomplete);
		json_end_object(&c->jw);
		return JOURNAL_NEXT;
	}
	local_time(e->start, date, sizeof(date));
	rating_str(e->rating_before, before, sizeof(before));
	rating_str(e->rating_after, after, sizeof(after));
	if (c->t.tty) {
		printf("%-11s  %-16s  %-6s  %-5s  ", e->id, date, before, after);
		for (i = 0; i < e->n_sections; i++) {
			fputs(i ? ", " : "", stdout);
			render_fputs_sanitized(e->sections[i], stdout);
		}
		if (e->n_sections == 0)
			fputs("-", stdout);
		fputs(e->incomplete ? "  (ended early)\n" : "\n", stdout);
		return JOURNAL_NEXT;
	}
	printf("%s\t%s\t%s\t%s\t", e->id, date, before, after);
	for (i = 0; i < e->n_sections; i++) {
		fputs(i ? "," : "", stdout);
		render_fputs_sanitized(e->sections[i], stdout);
	}
	fputs(e->incomplete ? "\tincomplete\n" : "\tcomplete\n", stdout);
	return JOURNAL_NEXT;
}

static int do_list(struct jcmd *c)
{
	char err[1024];
	int status, rc;

	if (c->fmt == JF_MARKDOWN || c->fmt == JF_JSONL)
		return cli_usage_error("journal", "journal list takes --format text or json");
	if (c->nargs > 0)
		return cli_usage_error("journal", "journal list takes no arguments, not '%s'",
				       c->args[0]);
	status = open_journal(c, JOURNAL_READ, true);
	if (status != EXIT_OK)
		return status;
	if (c->fmt == JF_JSON) {
		json_init(&c->jw, stdout);
		json_begin_object(&c->jw);
		json_key(&c->jw, "journal");
		json_string(&c->jw, c->path);
		json_key(&c->jw, "entries");
		json_begin_array(&c->jw);
	} else if (c->t.tty) {
		printf("%-11s  %-16s  %-6s  %-5s  %s\n", "ID", "DATE", "BEFORE", "AFTER",
		       "SECTIONS");
	}
	rc = journal_each(c->j, JOURNAL_NEWEST_FIRST | JOURNAL_SUMMARY, list_item, c, err,
			  sizeof(err));
	if (c->fmt == JF_JSON) {
		json_end_array(&c->jw);
		render_footer_json(&c->jw, NULL);
		json_end_object(&c->jw);
		json_finish(&c->jw);
	} else if (c->t.tty) {
		if (c->count == 0)
			printf("(no reflections%s)\n",
			       c->has_since || c->has_until ? " in that time" : " saved yet");
		render_footer_text(&c->o, NULL);
	} else {
		crisis_stderr();
	}
	if (rc != 0) {
		cli_error("%s", err);
		return EXIT_IO;
	}
	return EXIT_OK;
}

/* ---- one entry in each format ---- */

static void text_entry(struct jcmd *c, const struct journal_entry *e)
{
	char start[64], end[64], before[24], after[24], *line;
	size_t i, n;
	const char *sec = NULL;

	local_time(e->start, start, sizeof(start));
	local_time(e->end[0] ? e->end : e->start, end, sizeof(end));
	rating_str(e->rating_before, before, sizeof(before));
	rating_str(e->rating_after, after, sizeof(after));
	out_style(&c->o, STYLE_HEADING);
	printf("Reflection %s", e->id);
	out_style(&c->o, STYLE_NONE);
	printf("\n");
	n = strlen(start) + strlen(end) + 64;
	line = malloc(n);
	if (line) {
		snprintf(line, n, "%s to %s%s", start, end,
			 e->incomplete ? " (the session ended early)" : "");
		out_wrap(&c->o, "Date:     ", "          ", line);
		free(line);
	}
	if (e->content_title)
		out_wrap(&c->o, "Guide:    ", "          ", e->content_title);
	printf("Feelings: %s at the start, %s at the end (0-10)\n", before, after);
	for (i = 0; i < e->n_sections; i++)
		out_wrap(&c->o, i ? "          " : "Sections: ", "          ", e->sections[i]);
	for (i = 0; i < e->n_answers; i++) {
		const struct journal_answer *a = &e->answers[i];

		if (a->section_id && (!sec || strcmp(sec, a->section_id) != 0)) {
			sec = a->section_id;
			printf("\n");
			out_wrap_styled(&c->o, STYLE_BOLD, NULL, NULL, a->section_id);
		}
		printf("\n");
		out_wrap_styled(&c->o, STYLE_DIM, "  ", "  ",
				a->prompt ? a->prompt : (a->prompt_id ? a->prompt_id : ""));
		out_wrap(&c->o, "  ", "  ", a->answer);
	}
}

static void md_entry(const struct journal_entry *e)
{
	char start[64], end[64], before[24], after[24];
	size_t i;

	local_time(e->start, start, sizeof(start));
	local_time(e->end[0] ? e->end : e->start, end, sizeof(end));
	rating_str(e->rating_before, before, sizeof(before));
	rating_str(e->rating_after, after, sizeof(after));
	printf("## Reflection %s\n\n", e->id);
	printf("- Date: %s to %s%s\n", start, end, e->incomplete ? " (ended early)" : "");
	if (e->content_title) {
		fputs("- Guide: ", stdout);
		render_md_text(stdout, e->content_title);
		fputc('\n', stdout);
	}
	printf("- Feelings (0-10): %s at the start, %s at the end\n", before, after);
	if (e->n_sections) {
		fputs("- Sections: ", stdout);
		for (i = 0; i < e->n_sections; i++) {
			fputs(i ? ", " : "", stdout);
			render_md_text(stdout, e->sections[i]);
		}
		fputc('\n', stdout);
	}
	for (i = 0; i < e->n_answers; i++) {
		const struct journal_answer *a = &e->answers[i];

		fputs("\n### ", stdout);
		render_md_text(stdout, a->prompt ? a->prompt : (a->prompt_id ? a->prompt_id : ""));
		fputs("\n\n", stdout);
		render_md_text(stdout, a->answer);
		fputc('\n', stdout);
	}
	fputc('\n', stdout);
}

static void json_rating(struct json_writer *j, const char *key, long v)
{
	json_key(j, key);
	if (v < 0)
		json_string(j, NULL);
	else
		json_int(j, v);
}

static void json_entry(struct json_writer *j, const struct journal_entry *e)
{
	size_t i;

	json_begin_object(j);
	json_key(j, "id");
	json_string(j, e->id);
	json_key(j, "start");
	json_string(j, e->start);
	json_key(j, "end");
	json_string(j, e->end[0] ? e->end : NULL);
	json_key(j, "content_title");
	json_string(j, e->content_title);
	json_key(j, "content_version");
	json_string(j, e->content_version);
	json_key(j, "sections");
	json_strings(j, e->sections, e->n_sections);
	json_rating(j, "rating_before", e->rating_before);
	json_rating(j, "rating_after", e->rating_after);
	json_key(j, "incomplete");
	json_bool(j, e->incomplete);
	json_key(j, "answers");
	json_begin_array(j);
	for (i = 0; i < e->n_answers; i++) {
		json_begin_object(j);
		json_key(j, "section");
		json_string(j, e->answers[i].section_id);
		json_key(j, "prompt_id");
		json_string(j, e->answers[i].prompt_id);
		json_key(j, "prompt");
		json_string(j, e->answers[i].prompt);
		json_key(j, "answer");
		json_string(j, e->answers[i].answer);
		json_end_object(j);
	}
	json_end_array(j);
	json_end_object(j);
}

/* A sanitised string owned by the list: NULL stays NULL. */
static const char *clean(char **owned, size_t *n, const char *s)
{
	char *c;

	if (!s)
		return NULL;
	c = render_sanitize(s);
	if (c)
		owned[(*n)++] = c;
	return c ? c : "";
}

/* One JSON line, every string sanitised (as in every other format). */
static void jsonl_entry(const struct journal_entry *e)
{
	size_t n_owned = 0, i, len;
	char **owned = calloc(4 * e->n_answers + e->n_sections + 4, sizeof(*owned));
	const char **secs = calloc(e->n_sections + 1, sizeof(*secs));
	struct journal_answer *ans = calloc(e->n_answers + 1, sizeof(*ans));
	struct journal_entry s = *e;
	char *line = NULL;

	if (!owned || !secs || !ans) {
		cli_error("out of memory");
		goto out;
	}
	s.content_title = clean(owned, &n_owned, e->content_title);
	s.content_version = clean(owned, &n_owned, e->content_version);
	for (i = 0; i < e->n_sections; i++)
		secs[i] = clean(owned, &n_owned, e->sections[i]);
	for (i = 0; i < e->n_answers; i++) {
		ans[i].section_id = clean(owned, &n_owned, e->answers[i].section_id);
		ans[i].prompt_id = clean(owned, &n_owned, e->answers[i].prompt_id);
		ans[i].prompt = clean(owned, &n_owned, e->answers[i].prompt);
		ans[i].answer = clean(owned, &n_owned, e->answers[i].answer);
	}
	s.sections = secs;
	s.answers = ans;
	line = journal_entry_encode(&s, &len);
	if (line) {
		fwrite(line, 1, len, stdout);
		fputc('\n', stdout);
		seal_wipe(line, len);
	}
out:
	for (i = 0; owned && i < n_owned; i++) {
		seal_wipe(owned[i], strlen(owned[i]));
		free(owned[i]);
	}
	free(line);
	free(owned);
	free(secs);
	free(ans);
}

/* ---- show ---- */

struct find {
	struct jcmd *c;
	const char *want;
	char found[4][JOURNAL_ID_MAX + 1];
	size_t n;     /* matches (the first 4 named) */
	bool exact;   /* found[0] is an exact match */
	bool printed; /* show: the entry was printed */
	bool show;
};

static int find_item(void *ctx, const struct journal_item *it)
{
	struct find *f = ctx;
	size_t wl = strlen(f->want);

	if (!usable(f->c, it) || f->exact)
		return JOURNAL_NEXT;
	if (strncmp(it->entry.id, f->want, wl) != 0)
		return JOURNAL_NEXT;
	if (strcmp(it->entry.id, f->want) == 0) {
		f->exact = true;
		snprintf(f->found[0], sizeof(f->found[0]), "%s", it->entry.id);
		f->n = 1;
		return JOURNAL_NEXT;
	}
	if (f->n < 4)
		snprintf(f->found[f->n], sizeof(f->found[0]), "%s", it->entry.id);
	f->n++;
	return JOURNAL_NEXT;
}

static int show_item(void *ctx, const struct journal_item *it)
{
	struct find *f = ctx;
	struct jcmd *c = f->c;
	struct journal_entry e;

	if (it->kind != JITEM_ENTRY || strcmp(it->entry.id, f->found[0]) != 0)
		return JOURNAL_NEXT;
	/* read as a summary: now the whole of this one line */
	if (journal_entry_parse(it->plain, it->plain_len, &e) != JPARSE_OK)
		return JOURNAL_NEXT;
	switch (c->fmt) {
	case JF_TEXT: text_entry(c, &e); break;
	case JF_MARKDOWN: md_entry(&e); break;
	case JF_JSON:
	case JF_JSONL: json_entry(&c->jw, &e); break;
	}
	journal_entry_release(&e);
	f->printed = true;
	return JOURNAL_STOP;
}

/* Resolve c->args[0] to one id in f->found[0]; an exit status. */
static int resolve(struct jcmd *c, struct find *f)
{
	char err[1024], list[160] = "";
	size_t i;

	memset(f, 0, sizeof(*f));
	f->c = c;
	f->want = c->args[0];
	if (!*f->want)
		return cli_usage_error("journal", "an empty ID matches every reflection");
	if (journal_each(c->j, JOURNAL_SUMMARY, find_item, f, err, sizeof(err)) != 0) {
		cli_error("%s", err);
		return EXIT_IO;
	}
	if (f->n == 0) {
		cli_error("no reflection '%s' in '%s' (see: cry-guide journal list)", f->want,
			  c->path);
		return EXIT_NOTFOUND;
	}
	if (f->n > 1) {
		for (i = 0; i < f->n && i < 4; i++) {
			strncat(list, i ? ", " : "", sizeof(list) - strlen(list) - 1);
			strncat(list, f->found[i], sizeof(list) - strlen(list) - 1);
		}
		cli_error("reflection '%s' is ambiguous (could be: %s%s)", f->want, list,
			  f->n > 4 ? ", ..." : "");
		return EXIT_NOTFOUND;
	}
	return EXIT_OK;
}

static int do_show(struct jcmd *c)
{
	struct find f;
	char err[1024];
	int status;

	if (c->fmt == JF_JSONL)
		return cli_usage_error("journal",
				       "journal show takes --format text, markdown or json");
	if (c->nargs != 1)
		return cli_usage_error("journal", "journal show takes one ID");
	status = open_journal(c, JOURNAL_READ, true);
	if (status != EXIT_OK)
		return status;
	status = resolve(c, &f);
	if (status != EXIT_OK)
		return status;
	if (c->fmt == JF_JSON) {
		json_init(&c->jw, stdout);
		json_begin_object(&c->jw);
		json_key(&c->jw, "entry");
	} else if (c->fmt == JF_MARKDOWN) {
		printf("# Journal\n\n");
	}
	if (journal_each(c->j, JOURNAL_SUMMARY, show_item, &f, err, sizeof(err)) != 0) {
		cli_error("%s", err);
		return EXIT_IO;
	}
	switch (c->fmt) {
	case JF_TEXT: render_footer_text(&c->o, NULL); break;
	case JF_MARKDOWN: render_footer_markdown(stdout, NULL); break;
	case JF_JSON:
	case JF_JSONL:
		if (!f.printed)
			json_string(&c->jw, NULL);
		render_footer_json(&c->jw, NULL);
		json_end_object(&c->jw);
		json_finish(&c->jw);
		break;
	}
	return EXIT_OK;
}

/* ---- export ---- */

static int export_item(void *ctx, const struct journal_item *it)
{
	struct jcmd *c = ctx;
	int rc = selected(c, it);

	if (rc != JOURNAL_SHOW)
		return rc;
	c->count++;
	switch (c->fmt) {
	case JF_TEXT:
		if (c->count > 1)
			printf("\n");
		text_entry(c, &it->entry);
		break;
	case JF_MARKDOWN: md_entry(&it->entry); break;
	case JF_JSON: json_entry(&c->jw, &it->entry); break;
	case JF_JSONL: jsonl_entry(&it->entry); break;
	}
	return JOURNAL_NEXT;
}

static int do_export(struct jcmd *c)
{
	char err[1024];
	int status, rc;

	if (c->nargs > 0)
		return cli_usage_error("journal", "journal export takes no arguments, not '%s'",
				       c->args[0]);
	if (!c->fmt_given)
		c->fmt = JF_MARKDOWN;
	status = open_journal(c, JOURNAL_READ, true);
	if (status != EXIT_OK)
		return status;
	if (c->fmt == JF_JSON) {
		json_init(&c->jw, stdout);
		json_begin_object(&c->jw);
		json_key(&c->jw, "entries");
		json_begin_array(&c->jw);
	} else if (c->fmt == JF_MARKDOWN) {
		printf("# Journal\n\n");
	}
	rc = journal_each(c->j, JOURNAL_OLDEST_FIRST, export_item, c, err, sizeof(err));
	switch (c->fmt) {
	case JF_TEXT: render_footer_text(&c->o, NULL); break;
	case JF_MARKDOWN: render_footer_markdown(stdout, NULL); break;
	case JF_JSON:
		json_end_array(&c->jw);
		render_footer_json(&c->jw, NULL);
		json_end_object(&c->jw);
		json_finish(&c->jw);
		break;
	case JF_JSONL: crisis_stderr(); break; /* a line there would not be an entry */
	}
	if (rc != 0) {
		cli_error("%s", err);
		return EXIT_IO;
	}
	return EXIT_OK;
}

/* ---- search ---- */

static bool has_all_terms(const struct jcmd *c, const char *text)
{
	int i;

	for (i = 0; i < c->nargs; i++)
		if (!strcasestr(text, c->args[i]))
			return false;
	return true;
}

static int search_item(void *ctx, const struct journal_item *it)
{
	struct jcmd *c = ctx;
	const struct journal_entry *e = &it->entry;
	char date[64];
	size_t i;
	int rc = selected(c, it);

	if (rc != JOURNAL_SHOW)
		return rc;
	local_time(e->start, date, sizeof(date));
	for (i = 0; i < e->n_answers; i++) {
		const struct journal_answer *a = &e->answers[i];

		if (!has_all_terms(c, a->answer))
			continue;
		c->count++;
		if (c->fmt == JF_JSON) {
			json_entry_head(c, e);
			json_key(&c->jw, "section");
			json_string(&c->jw, a->section_id);
			json_key(&c->jw, "prompt");
			json_string(&c->jw, a->prompt);
			json_key(&c->jw, "answer");
			json_string(&c->jw, a->answer);
			json_end_object(&c->jw);
		} else {
			printf("%s\t%s\t", e->id, date);
			render_fputs_sanitized(a->section_id ? a->section_id : "-", stdout);
			fputc('\t', stdout);
			render_fputs_sanitized(a->answer, stdout);
			fputc('\n', stdout);
		}
	}
	return JOURNAL_NEXT;
}

static int do_search(struct jcmd *c)
{
	char err[1024];
	int status, rc;

	if (c->fmt == JF_MARKDOWN || c->fmt == JF_JSONL)
		return cli_usage_error("journal", "journal search takes --format text or json");
	if (c->nargs == 0)
		return cli_usage_error("journal", "journal search needs at least one TERM");
	status = open_journal(c, JOURNAL_READ, true);
	if (status != EXIT_OK)
		return status;
	if (c->fmt == JF_JSON) {
		json_init(&c->jw, stdout);
		json_begin_object(&c->jw);
		json_key(&c->jw, "matches");
		json_begin_array(&c->jw);
	}
	rc = journal_each(c->j, JOURNAL_OLDEST_FIRST, search_item, c, err, sizeof(err));
	if (c->fmt == JF_JSON) {
		json_end_array(&c->jw);
		render_footer_json(&c->jw, NULL);
		json_end_object(&c->jw);
		json_finish(&c->jw);
	} else {
		render_footer_text(&c->o, NULL);
	}
	if (rc != 0) {
		cli_error("%s", err);
		return EXIT_IO;
	}
	return c->count > 0 ? EXIT_OK : EXIT_NOTFOUND;
}

/* ---- trend ---- */

#define TREND_MAX 512

struct trend {
	struct jcmd *c;
	size_t n, cap;
	signed char before[TREND_MAX], after[TREND_MAX];
	char first[32], last[32];
};

static bool utf8_locale(void)
{
	const char *v = getenv("LC_ALL");

	if (!v || !*v)
		v = getenv("LC_CTYPE");
	if (!v || !*v)
		v = getenv("LANG");
	return v && (strcasestr(v, "utf-8") || strcasestr(v, "utf8"));
}

/* Newest first: keep the last cap ratings (the sparkline's width). */
static int trend_item(void *ctx, const struct journal_item *it)
{
	struct trend *t = ctx;
	const struct journal_entry *e = &it->entry;

	if (!usable(t->c, it) || !in_range(t->c, e))
		return JOURNAL_NEXT;
	if (t->n >= t->cap)
		return JOURNAL_STOP;
	if (t->n == 0)
		snprintf(t->last, sizeof(t->last), "%s", e->start);
	snprintf(t->first, sizeof(t->first), "%s", e->start);
	t->before[t->n] = (signed char)(e->rating_before > 10 ? 10 : e->rating_before);
	t->after[t->n] = (signed char)(e->rating_after > 10 ? 10 : e->rating_after);
	t->n++;
	return JOURNAL_NEXT;
}

/* Oldest first, one line each: the plain list of a pipe, or JSON. */
static int trend_list_item(void *ctx, const struct journal_item *it)
{
	struct jcmd *c = ctx;
	const struct journal_entry *e = &it->entry;
	char b[24], a[24];
	int rc = selected(c, it);

	if (rc != JOURNAL_SHOW)
		return rc;
	c->count++;
	if (c->fmt == JF_JSON) {
		json_entry_head(c, e);
		json_rating(&c->jw, "before", e->rating_before);
		json_rating(&c->jw, "after", e->rating_after);
		json_end_object(&c->jw);
		return JOURNAL_NEXT;
	}
	rating_str(e->rating_before, b, sizeof(b));
	rating_str(e->rating_after, a, sizeof(a));
	printf("%s\t%s\t%s\n", e->start, b, a);
	return JOURNAL_NEXT;
}

static void spark(const signed char *v, size_t n, bool utf8)
{
	static const char *const blocks[] = { "\u2581", "\u2582", "\u2583", "\u2584",
					      "\u2585", "\u2586", "\u2587", "\u2588" };
	static const char ascii[] = "_.-:=+*#";
	size_t i;

	/* v is newest first: draw oldest on the left */
	for (i = n; i-- > 0;) {
		int r = v[i];
		if (r < 0)
			fputs(" ", stdout);
		else if (utf8)
			fputs(blocks[r * 7 / 10], stdout);
		else
			fputc(ascii[r * 7 / 10], stdout);
	}
	fputc('\n', stdout);
}

static int do_trend(struct jcmd *c)
{
	struct trend *t;
	char err[1024], from[64], to[64];
	int status, rc;

	if (c->fmt == JF_MARKDOWN || c->fmt == JF_JSONL)
		return cli_usage_error("journal", "journal trend takes --format text or json");
	if (c->nargs > 0)
		return cli_usage_error("journal", "journal trend takes no arguments, not '%s'",
				       c->args[0]);
	status = open_journal(c, JOURNAL_READ, true);
	if (status != EXIT_OK)
		return status;
	if (c->fmt == JF_JSON || !c->t.tty) {
		if (c->fmt == JF_JSON) {
			json_init(&c->jw, stdout);
			json_begin_object(&c->jw);
			json_key(&c->jw, "scale");
			json_string(&c->jw, "0-10");
			json_key(&c->jw, "entries");
			json_begin_array(&c->jw);
		}
		rc = journal_each(c->j, JOURNAL_SUMMARY, trend_list_item, c, err, sizeof(err));
		if (c->fmt == JF_JSON) {
			json_end_array(&c->jw);
			render_footer_json(&c->jw, NULL);
			json_end_object(&c->jw);
			json_finish(&c->jw);
		} else {
			crisis_stderr();
		}
		if (rc != 0) {
			cli_error("%s", err);
			return EXIT_IO;
		}
		return EXIT_OK;
	}
	t = calloc(1, sizeof(*t));
	if (!t) {
		cli_error("out of memory");
		return EXIT_IO;
	}
	t->c = c;
	t->cap = c->t.width > 20 ? (size_t)c->t.width - 12 : 60;
	if (t->cap > TREND_MAX)
		t->cap = TREND_MAX;
	rc = journal_each(c->j, JOURNAL_NEWEST_FIRST | JOURNAL_SUMMARY, trend_item, t, err,
			  sizeof(err));
	if (rc != 0) {
		cli_error("%s", err);
		free(t);
		return EXIT_IO;
	}
	if (t->n == 0) {
		printf("(no reflections%s)\n",
		       c->has_since || c->has_until ? " in that time" : " saved yet");
	} else {
		bool utf8 = utf8_locale();
		local_time(t->first, from, sizeof(from));
		local_time(t->last, to, sizeof(to));
		printf("Feelings (0-10) over %zu reflection%s, %.10s to %.10s\n", t->n,
		       t->n == 1 ? "" : "s", from, to);
		fputs("  before  ", stdout);
		spark(t->before, t->n, utf8);
		fputs("  after   ", stdout);
		spark(t->after, t->n, utf8);
		printf("(oldest on the left; a gap where a rating was skipped)\n");
	}
	render_footer_text(&c->o, NULL);
	free(t);
	return EXIT_OK;
}

/* ---- delete, encrypt, decrypt ---- */

/* Ask QUESTION on the terminal; true for y or yes. */
static bool confirm(const char *question)
{
	char line[64];

	printf("%s [y/N] ", question);
	fflush(stdout);
	if (!fgets(line, sizeof(line), stdin))
		return false;
	return strcasecmp(line, "y\n") == 0 || strcasecmp(line, "yes\n") == 0;
}

static int drop_id(void *ctx, const struct journal_item *it)
{
	const struct find *f = ctx;

	return strcmp(it->entry.id, f->found[0]) == 0 ? JOURNAL_STOP : JOURNAL_NEXT;
}

static int do_delete(struct jcmd *c)
{
	struct find f;
	char err[1024], q[256];
	int status;

	if (c->all ? c->nargs != 0 : c->nargs != 1)
		return cli_usage_error("journal", "journal delete takes one ID, or --all");
	status = open_journal(c, JOURNAL_WRITE, !c->all);
	if (status != EXIT_OK)
		return status;
	if (!c->all) {
		status = resolve(c, &f);
		if (status != EXIT_OK)
			return status;
		snprintf(q, sizeof(q), "Delete reflection %s from '%s'? This cannot be undone.",
			 f.found[0], c->path);
	} else {
		snprintf(q, sizeof(q), "Delete every reflection in '%s'? This cannot be undone.",
			 c->path);
	}
	if (!c->yes && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
		char *safe = render_sanitize(q);
		bool yes = safe && confirm(safe);
		free(safe);
		if (!yes) {
			printf("Nothing was deleted.\n");
			return EXIT_OK;
		}
	}
	if (journal_rewrite(c->j, c->all ? JREWRITE_EMPTY : JREWRITE_KEEP, c->all ? NULL : drop_id,
			    &f, NULL, 0, err, sizeof(err)) != 0) {
		cli_error("%s", err);
		return EXIT_IO;
	}
	if (c->all)
		printf("Deleted every reflection in '%s'.\n", c->path);
	else
		printf("Deleted reflection %s.\n", f.found[0]);
	return EXIT_OK;
}

static int do_convert(struct jcmd *c, bool encrypt)
{
	char err[1024], *pass = NULL;
	size_t n = 0;
	int status;

	if (c->nargs > 0)
		return cli_usage_error("journal", "journal %s takes no arguments, not '%s'",
				       encrypt ? "encrypt" : "decrypt", c->args[0]);
	status =
	    open_journal(c, encrypt ? JOURNAL_WRITE | JOURNAL_CREATE : JOURNAL_WRITE, !encrypt);
	if (status != EXIT_OK)
		return status;
	if (encrypt && journal_encrypted(c->j)) {
		cli_error("'%s' is already encrypted", c->path);
		return EXIT_IO;
	}
	if (!encrypt && !journal_encrypted(c->j)) {
		cli_error("'%s' is not encrypted", c->path);
		return EXIT_IO;
	}
	if (encrypt) {
		if (seal_init() != 0) {
			cli_error("cannot start the encryption library");
			return EXIT_IO;
		}
		pass = journal_cli_passphrase("New journal passphrase: ", true, &n);
		if (!pass)
			return EXIT_IO;
	}
	status = journal_rewrite(c->j, encrypt ? JREWRITE_SEAL : JREWRITE_UNSEAL, NULL, NULL, pass,
				 n, err, sizeof(err));
	seal_secret_free(pass);
	if (status != 0) {
		cli_error("%s", err);
		return EXIT_IO;
	}
	if (encrypt)
		printf(
		    "Encrypted '%s'. Keep the passphrase safe: without it the journal cannot be read.\n",
		    c->path);
	else
		printf("Decrypted '%s': it is plain text again.\n", c->path);
	return EXIT_OK;
}

/* ---- dispatch ---- */

static int parse_options(struct jcmd *c, int argc, char **argv)
{
	char *end;
	int ch, f;

	while ((ch = cli_getopt(argc, argv, "f:n:ya", journal_options, c->g, "journal")) != -1) {
		switch (ch) {
		case OPT_JOURNAL: c->journal_opt = optarg; break;
		case 'f':
			f = cli_parse_format(optarg, jfmt_names, "journal");
			if (f < 0)
				return EXIT_USAGE;
			c->fmt = (enum jfmt)f;
			c->fmt_given = true;
			break;
		case OPT_SINCE:
		case OPT_UNTIL:
			if (journal_parse_date(optarg, ch == OPT_UNTIL,
					       ch == OPT_SINCE ? &c->since : &c->until) != 0)
				return cli_usage_error(
				    "journal", "--%s takes a date like 2025-03-01, not '%s'",
				    ch == OPT_SINCE ? "since" : "until", optarg);
			if (ch == OPT_SINCE)
				c->has_since = true;
			else
				c->has_until = true;
			break;
		case 'n':
			errno = 0;
			c->limit = strtol(optarg, &end, 10);
			if (!*optarg || *end || errno || c->limit < 0 || c->limit > 100000000)
				return cli_usage_error(
				    "journal", "--limit must be a number from 0, not '%s'", optarg);
			break;
		case 'y': c->yes = true; break;
		case 'a': c->all = true; break;
		case 'h': return cli_command_help(command_find("journal"));
		case 'V': return cli_version();
		default: return EXIT_USAGE;
		}
	}
	return -1;
}

int cmd_journal(int argc, char **argv, struct globals *g)
{
	static const char *const subs[] = { "list",   "show",    "search",  "export", "trend",
					    "delete", "encrypt", "decrypt", NULL };
	struct jcmd c;
	const char *sub = NULL;
	int status, i;

	memset(&c, 0, sizeof(c));
	c.g = g;
	c.limit = -1;
	status = parse_options(&c, argc, argv);
	if (status >= 0)
		return status;
	if (optind < argc)
		sub = argv[optind++];
	if (!sub)
		sub = "list";
	for (i = 0; subs[i] && strcmp(subs[i], sub) != 0; i++)
		;
	if (!subs[i])
		return cli_usage_error(
		    "journal",
		    "no journal command '%s' (list, show, search, export, trend, delete, encrypt or decrypt)",
		    sub);
	if (c.all && strcmp(sub, "delete") != 0)
		return cli_usage_error("journal", "--all belongs to journal delete");
	c.args = argv + optind;
	c.nargs = argc - optind;
	term_init(&c.t, STDOUT_FILENO, g->color, g->width);
	out_init(&c.o, stdout, &c.t);

	switch (i) {
	case 0: status = do_list(&c); break;
	case 1: status = do_show(&c); break;
	case 2: status = do_search(&c); break;
	case 3: status = do_export(&c); break;
	case 4: status = do_trend(&c); break;
	case 5: status = do_delete(&c); break;
	case 6: status = do_convert(&c, true); break;
	default: status = do_convert(&c, false); break;
	}
	journal_close(c.j);
	free(c.path);
	return cli_finish(status);
}
