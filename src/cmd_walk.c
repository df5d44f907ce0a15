/* cmd_walk.c — the walk command: options, sections, and the guided session. */
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "content.h"
#include "exitcode.h"
#include "journal.h"
#include "journal_cli.h"
#include "render.h"
#include "session.h"

const char help_walk[] =
    "  -b, --brief         Show each section's summary and key points only\n"
    "  -a, --answers FILE  Read the answers from FILE, one line per question\n"
    "      --save          Save this reflection to your private journal at the end\n"
    "                      (also after Ctrl-C, Ctrl-D or :quit, marked incomplete)\n"
    "      --no-save       Do not save, and do not ask\n"
    "      --journal FILE  The journal to save to (see 'cry-guide help journal')\n"
    "      --encrypt       A new journal starts encrypted (asks for a passphrase)\n"
    "\n"
    "With SECTIONs, only those sections are walked, in the order given.\n"
    "\n"
    "At any question: Enter skips it, :crisis shows crisis and support resources,\n"
    ":help shows the keys, :quit ends the session (short forms :c, :h, :q).\n"
    "Ctrl-D ends the session gently (status 0), Ctrl-C stops at once (status\n"
    "130).  Ctrl-Z suspends it (fg resumes); SIGTERM and SIGHUP end it with the\n"
    "terminal restored and status 143 and 129.\n"
    "\n"
    "On a terminal, text longer than the screen pauses a screenful at a time:\n"
    "Enter shows more, q goes on to the questions.  A window of fewer than 30\n"
    "rows is offered the brief walk.  A paste of several lines is one answer.\n"
    "\n"
    "When stdin is not a terminal, or with --answers, each question reads one\n"
    "line (scripted mode) and nothing pauses; the end of the input ends the\n"
    "session.  Answers that cannot be read (a folder, a closed stdin) are an\n"
    "error (status 4).\n"
    "\n"
    "Answers stay in memory, are shown back at the end (on a terminal only) and\n"
    "are wiped when the session ends.  Nothing is saved unless you say so: on a\n"
    "terminal the end of the session asks \"Save this reflection to your private\n"
    "journal? [y/N]\"; in scripted mode only --save saves.  A line that brought\n"
    "up the crisis resources is never saved.  A journal that cannot be written\n"
    "is an error (status 4).\n"
    "\n"
    "Examples:\n"
    "  Start the guided reflection:\n"
    "    cry-guide\n"
    "  Reflect on two sections only, and save at the end:\n"
    "    cry-guide walk --save why healthy\n"
    "  A shorter walk: each section's summary and key points only:\n"
    "    cry-guide walk --brief\n";

enum { OPT_SAVE = 0x300, OPT_NO_SAVE, OPT_JOURNAL, OPT_ENCRYPT };

static const struct option walk_options[] = { { "brief", no_argument, NULL, 'b' },
					      { "answers", required_argument, NULL, 'a' },
					      { "save", no_argument, NULL, OPT_SAVE },
					      { "no-save", no_argument, NULL, OPT_NO_SAVE },
					      { "journal", required_argument, NULL, OPT_JOURNAL },
					      { "encrypt", no_argument, NULL, OPT_ENCRYPT },
					      { NULL, 0, NULL, 0 } };

/* What the save at the end needs beyond the session's answers. */
struct walk_save {
	const struct content *c;
	const char *journal; /* --journal, or NULL */
	bool encrypt;
	time_t started;
};

static int save_entry(void *ctx, struct journal_entry *e)
{
	const struct walk_save *w = ctx;
	char id[JOURNAL_ID_MAX + 1];

	journal_time(e->start, sizeof(e->start), w->started);
	journal_time(e->end, sizeof(e->end), time(NULL));
	e->content_title = w->c->title;
	e->content_version = w->c->content_version;
	return journal_cli_save(w->journal, w->encrypt, e, id, sizeof(id)) == EXIT_OK ? 0 : -1;
}

/* The crisis line and disclaimer on stderr, after an error (SPEC 4.4). */
static void safety_stderr(const struct content *c)
{
	struct term t;
	struct out o;

	term_init(&t, STDERR_FILENO, COLOR_NEVER, -1);
	out_init(&o, stderr, &t);
	fputc('\n', stderr);
	out_wrap(&o, NULL, NULL, render_crisis_line(c));
	fputc('\n', stderr);
	out_wrap(&o, NULL, NULL, render_disclaimer(c));
}

/*
 * Set to the signal's number by Ctrl-C, SIGTERM or SIGHUP during a walk:
 * the session ends gently and walk exits 128 + that number.
 */
static volatile sig_atomic_t interrupted;

static void on_stop_signal(int sig)
{
	interrupted = sig;
}

/*
 * Only walk catches these: every other command keeps the default action,
 * so Ctrl-C stops it at once.  SIGTERM and SIGHUP stay ignored when they
 * were ignored at start (nohup).  No SA_RESTART: a read in progress
 * returns EINTR and the session sees the flag.  Ctrl-Z is the prompt
 * module's: it stops the walk, it does not end it.
 */
static void catch_stop_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa, old;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		if (sigs[i] != SIGINT && sigaction(sigs[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue;
		sigaction(sigs[i], &sa, NULL);
	}
}

int cmd_walk(int argc, char **argv, struct globals *g)
{
	struct session_options opt;
	struct session_result res;
	struct content *c = NULL;
	struct walk_save ws;
	const struct section **secs = NULL;
	char err[512];
	int ch, status;

	memset(&opt, 0, sizeof(opt));
	memset(&ws, 0, sizeof(ws));
	while ((ch = cli_getopt(argc, argv, "ba:", walk_options, g, "walk")) != -1) {
		switch (ch) {
		case 'b': opt.brief = true; break;
		case 'a': opt.answers_path = optarg; break;
		case OPT_SAVE: opt.save = SESSION_SAVE_YES; break;
		case OPT_NO_SAVE: opt.save = SESSION_SAVE_NO; break;
		case OPT_JOURNAL: ws.journal = optarg; break;
		case OPT_ENCRYPT: ws.encrypt = true; break;
		case 'h': return cli_command_help(command_find("walk"));
		case 'V': return cli_version();
		default: return EXIT_USAGE;
		}
	}
	status = cli_load(g, &c);
	if (status != EXIT_OK)
		return status;

	if (optind < argc) {
		secs = calloc((size_t)(argc - optind), sizeof(*secs));
		if (!secs) {
			cli_error("out of memory");
			status = EXIT_IO;
			goto out;
		}
		status = cli_resolve_sections(c, argv + optind, (size_t)(argc - optind), secs);
		if (status != EXIT_OK) {
			safety_stderr(c); /* an early end of walk still shows them */
			goto out;
		}
		opt.sections = secs;
		opt.n_sections = (size_t)(argc - optind);
	}
	opt.color = g->color;
	opt.width = g->width;
	opt.interrupted = &interrupted;
	ws.c = c;
	ws.started = time(NULL);
	opt.save_fn = save_entry;
	opt.save_ctx = &ws;
	catch_stop_signals();

	if (session_run(c, &opt, &res, err, sizeof(err)) != 0) {
		cli_error("%s", err);
		safety_stderr(c);
		/* an answers file that cannot be opened is a bad argument; no memory is not */
		status = strcmp(err, "out of memory") == 0 ? EXIT_IO : EXIT_USAGE;
		goto out;
	}
	status = res.end == SESSION_INTERRUPTED ? 128 + res.signal : EXIT_OK;
	status = cli_finish(status);
	if (res.saved < 0 && status == EXIT_OK)
		status = EXIT_IO; /* the journal could not be written (reported) */
	if (res.end == SESSION_INPUT_ERROR) {
		cli_error("%s", err);
		status = EXIT_IO;
	}
	if (res.end == SESSION_INTERRUPTED && res.signal != SIGINT) {
		/*
		 * Ended from outside (kill, a closed terminal): say so where it
		 * can still be read.  The status is the signal's even when the
		 * terminal took stdout with it.
		 */
		cli_error("stopped by %s", res.signal == SIGHUP ? "SIGHUP" : "SIGTERM");
		safety_stderr(c);
		status = 128 + res.signal;
	} else if (status == EXIT_IO) {
		safety_stderr(c); /* an error: the closing safety text goes where it can */
	}
out:
	free(secs);
	content_free(c);
	return status;
}
