/* journal.h — the private journal: where it lives, one entry saved as one line, entries streamed back, rewrites. */
#ifndef CRY_GUIDE_JOURNAL_H
#define CRY_GUIDE_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

/*
 * How to add a field to an entry: put it in struct journal_entry, write it
 * in journal_entry_encode() and read it in journal_entry_parse()
 * (journal_codec.c, the only journal file that includes cJSON), show it in
 * cmd_journal.c (every format), and keep JOURNAL_SCHEMA unless an older
 * cry-guide could no longer read the line.
 *
 * This module alone writes the journal: a save appends one whole line
 * with one write() under flock() and fsyncs it; delete, encrypt and
 * decrypt write a temporary file in the same folder, fsync it, rename it
 * over the journal and fsync the folder.  It never prints.
 */

#define JOURNAL_SCHEMA 1
/* The longest line saved or read: longer lines are never written, and skipped with a warning when read. */
#define JOURNAL_MAX_LINE (1024L * 1024L)
#define JOURNAL_ID_MAX 32

struct journal_answer {
	const char *section_id; /* may be NULL (a check-in) */
	const char *prompt_id;
	const char *prompt; /* the question's text */
	const char *answer;
};

/* One saved session.  Strings are borrowed (from the session, or from the parsed line). */
struct journal_entry {
	char id[JOURNAL_ID_MAX + 1];
	char start[32], end[32];                     /* UTC, RFC 3339: 2025-03-01T14:05:09Z */
	const char *content_title, *content_version; /* may be NULL */
	const char *const *sections;                 /* ids of the sections walked */
	size_t n_sections;
	long rating_before, rating_after; /* -1 when not rated */
	const struct journal_answer *answers;
	size_t n_answers;
	bool incomplete; /* the session ended early */
	void *priv;      /* the parsed line's storage; journal_entry_release() */
};

/* ---- the line format (journal_codec.c) ---- */

/*
 * The entry as one JSON line (no newline; invalid UTF-8 in the answers
 * becomes U+FFFD).  Caller frees; NULL when memory ran out.
 */
char *journal_entry_encode(const struct journal_entry *e, size_t *len);

enum journal_parse { JPARSE_OK, JPARSE_FOREIGN, JPARSE_NEWER };

/*
 * Parse one line (len bytes, need not be NUL-terminated).  On JPARSE_OK
 * *e borrows from its own storage: journal_entry_release(e) frees it.
 * JPARSE_NEWER: a journal entry of a schema this program does not know.
 */
enum journal_parse journal_entry_parse(const char *line, size_t len, struct journal_entry *e);
void journal_entry_release(struct journal_entry *e);

/*
 * Like journal_entry_parse() but without the answers, reading only the
 * part of the line before its top-level "answers" member (the whole line
 * when there is none): list and trend over 100,000 entries need no more.
 */
enum journal_parse journal_entry_parse_summary(const char *line, size_t len,
					       struct journal_entry *e);

/*
 * The header line of an encrypted journal:
 * {"cry-guide-journal":1,"cipher":"xchacha20poly1305","kdf":"argon2id",
 * "salt":B64,"opslimit":N,"memlimit":N,"check":B64}.  Encode: caller
 * frees, NULL when memory ran out.  Parse: 0 and *check (caller frees), or
 * -1 when the line is not such a header.
 */
struct seal_params;
char *journal_header_encode(const struct seal_params *p, const char *check, size_t *len);
int journal_header_parse(const char *line, size_t len, struct seal_params *p, char **check);

/* A new id: time-ordered (base-32 seconds since 1970) and 4 random characters. */
void journal_new_id(char *id, size_t size, time_t when);

/* Format t as RFC 3339 UTC into buf (at least 21 bytes). */
void journal_time(char *buf, size_t size, time_t t);

/* Parse "YYYY-MM-DD" or an RFC 3339 UTC time; the first (end_of_day: the last) second it names. */
int journal_parse_date(const char *s, bool end_of_day, time_t *out);

/* ---- the file (journal.c) ---- */

/*
 * Where the journal is: OPT (--journal), else $CRY_GUIDE_JOURNAL, else
 * $XDG_DATA_HOME/cry-guide/journal.jsonl (an absolute XDG_DATA_HOME
 * only), else $HOME/.local/share/cry-guide/journal.jsonl.  Returns a path
 * the caller frees, or NULL with err filled (HOME not set).
 */
char *journal_path(const char *opt, char *err, size_t errlen);

struct journal;

enum journal_open_flags {
	JOURNAL_READ = 0,
	JOURNAL_WRITE = 1, /* open for appending or rewriting */
	JOURNAL_CREATE = 2 /* with WRITE: create the file (0600) and its folder (0700) */
};

/*
 * Open the journal at PATH.  Refused: a symlink, folder, FIFO, device or
 * socket in its place, a file or folder others may read or write, a file
 * of another user.  Returns 0 and sets *out (journal_close()), 1 when it
 * does not exist (and CREATE was not asked), or -1 with err filled.
 */
int journal_open(struct journal **out, const char *path, int flags, char *err, size_t errlen);
void journal_close(struct journal *j);

/* True when the journal starts with an encryption header. */
bool journal_encrypted(const struct journal *j);

/* True when the journal has no entry lines (and no header). */
bool journal_empty(const struct journal *j);

/*
 * Give the passphrase: for an encrypted journal derive the key and test it
 * against the header's check value (-1 and "wrong passphrase" in err when
 * it fails); for an empty journal that should start encrypted, make new
 * parameters (the header is written with the first line).
 */
int journal_unlock(struct journal *j, const char *pass, size_t passlen, char *err, size_t errlen);

/*
 * Append E as one line (its id must be set): locked, one write (after a
 * newline when the file does not end in one), fsync, and the folder's
 * fsync when the file is new.  0, or -1 with err filled (nothing changed:
 * a short write is cut back).
 */
int journal_append(struct journal *j, const struct journal_entry *e, char *err, size_t errlen);

/* One line as the reader sees it. */
enum journal_item_kind {
	JITEM_ENTRY,      /* a journal entry (item->entry) */
	JITEM_TORN,       /* the last line, cut short */
	JITEM_FOREIGN,    /* not a journal entry */
	JITEM_NEWER,      /* an entry of a newer schema */
	JITEM_TOO_LONG,   /* over JOURNAL_MAX_LINE */
	JITEM_UNREADABLE, /* could not be decrypted */
	JITEM_HEADER      /* the encryption header (only journal_rewrite() sees it) */
};

struct journal_item {
	enum journal_item_kind kind;
	long line;                  /* 1-based */
	struct journal_entry entry; /* JITEM_ENTRY; borrowed for the callback */
	const char *raw;            /* the line as stored, without its newline */
	size_t raw_len;             /* 0 for JITEM_TOO_LONG */
	const char *plain;          /* decrypted (or raw) JSON text */
	size_t plain_len;
};

/* A callback's answer: go on, stop here, or stop with an error. */
enum { JOURNAL_NEXT = 0, JOURNAL_STOP = 1, JOURNAL_FAIL = -1 };
typedef int (*journal_fn)(void *ctx, const struct journal_item *it);

enum journal_each_flags {
	JOURNAL_OLDEST_FIRST = 0,
	JOURNAL_NEWEST_FIRST = 1,
	/* entries without their answers (n_answers 0): list, trend and finding an
	 * id read only what comes before "answers", which the writer puts last;
	 * item->plain still holds the whole line for journal_entry_parse() */
	JOURNAL_SUMMARY = 2
};

/*
 * Call fn for every line but blank ones and the header, oldest first or
 * (JOURNAL_NEWEST_FIRST) newest first, reading with memory flat in the file's
 * size (one line at a time; newest first reads the file backwards).  An
 * encrypted journal must be unlocked.  Returns 0 (also when fn stopped),
 * or -1 with err filled (a read error, or fn's JOURNAL_FAIL).
 */
int journal_each(struct journal *j, int flags, journal_fn fn, void *ctx, char *err, size_t errlen);

enum journal_rewrite_mode {
	JREWRITE_KEEP,   /* delete: the lines keep their form */
	JREWRITE_SEAL,   /* encrypt: every line sealed with the key unlocked by pass */
	JREWRITE_UNSEAL, /* decrypt: every line opened */
	JREWRITE_EMPTY   /* delete --all: no line kept (an encrypted journal keeps its header) */
};

/*
 * Rewrite the journal through a temporary file in its folder (0600),
 * fsync, rename over the journal, fsync of the folder, under the lock.
 * keep (may be NULL: keep all) says for each line whether it stays
 * (JOURNAL_NEXT keeps, JOURNAL_STOP drops).  Lines that cannot be read are
 * kept as they are.  For JREWRITE_SEAL, pass is the new passphrase.
 * Returns 0, or -1 with err filled and the journal unchanged.
 */
int journal_rewrite(struct journal *j, enum journal_rewrite_mode mode, journal_fn keep, void *ctx,
		    const char *pass, size_t passlen, char *err, size_t errlen);

/* The path the journal was opened at (borrowed). */
const char *journal_file(const struct journal *j);

#endif
