/* session.h — the guided reflection session (walk): sections, prompts, check-in and check-out. */
#ifndef CRY_GUIDE_SESSION_H
#define CRY_GUIDE_SESSION_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "term.h"

struct content;
struct section;
struct matcher;
struct journal_entry;

/* Saving the reflection to the journal at the end (issue 11). */
enum session_save {
	SESSION_SAVE_ASK, /* ask at the end on a terminal; never when scripted */
	SESSION_SAVE_YES, /* --save: also after Ctrl-C, Ctrl-D or :quit, marked incomplete */
	SESSION_SAVE_NO   /* --no-save */
};

struct session_options {
	bool brief;                            /* summary and key points only */
	const char *answers_path;              /* read answers from this file; NULL: stdin */
	const struct section *const *sections; /* borrowed; NULL: every section */
	size_t n_sections;
	enum color_mode color;
	int width; /* -1: the terminal's width, re-read before each block */
	/* set to the signal's number by the handler of SIGINT, SIGTERM and
	 * SIGHUP; may be NULL */
	volatile sig_atomic_t *interrupted;
	enum session_save save;
	/*
	 * Saves E (borrowed for the call; it sets e->id) and returns 0, or -1
	 * after reporting why on stderr.  NULL: nothing is ever saved.  Called
	 * before the answers are wiped; a line that matched the crisis matcher
	 * is never among them, and nothing records that one did.
	 */
	int (*save_fn)(void *ctx, struct journal_entry *e);
	void *save_ctx;
};

enum session_end {
	SESSION_FINISHED,    /* every section and the check-out */
	SESSION_QUIT,        /* :quit (:q), or "no" after the crisis resources */
	SESSION_EOF,         /* end of input (Ctrl-D, end of the script) */
	SESSION_INTERRUPTED, /* Ctrl-C, SIGTERM or SIGHUP (res->signal says which) */
	SESSION_OUTPUT_GONE, /* stdout could not be written (the reader left) */
	SESSION_INPUT_ERROR  /* the answers could not be read (err says why) */
};

struct session_result {
	enum session_end end;
	size_t sections_done, sections_total;
	size_t answered, prompts_total;
	long check_in, check_out; /* -1 when skipped */
	int signal;               /* SESSION_INTERRUPTED: the signal's number */
	int saved;                /* 1 saved to the journal, 0 not, -1 the save failed */
};

/*
 * Run a session on stdout, reading answers through the prompt module.
 * It shows the safety text at the start, at the end and on every early
 * exit.  On a terminal (the prompt module reads through readline) text
 * longer than the screen is shown a screenful at a time and a window of
 * fewer than 30 rows is offered the brief walk; in scripted mode nothing
 * pauses.  Answers are kept in memory only, shown back at the end when
 * stdout is a terminal, and wiped before returning; a line that matched
 * the crisis matcher is never kept.  Returns 0 (see
 * res->end for how it ended; after SESSION_INPUT_ERROR err says what could
 * not be read), or -1 with err filled when it could not start (answers file
 * missing, out of memory); nothing is printed then.
 */
int session_run(const struct content *c, const struct session_options *opt,
		struct session_result *res, char *err, size_t errlen);

/*
 * The crisis matcher a session uses: the content's phrases plus the
 * compiled-in fallback phrases (content may add phrases, never drop the
 * built-in ones).  c may be NULL.  Free with matcher_free(); NULL when
 * memory ran out.
 */
struct matcher *session_matcher_new(const struct content *c);

#endif
