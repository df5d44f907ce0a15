/* journal_cli.h — the journal's command-layer helpers that walk shares with the journal command. */
#ifndef CRY_GUIDE_JOURNAL_CLI_H
#define CRY_GUIDE_JOURNAL_CLI_H

#include <stdbool.h>
#include <stddef.h>

struct journal_entry;

/*
 * Save E (id, times and content filled here) to the journal at
 * JOURNAL_OPT (--journal; NULL: the default place), asking for the
 * passphrase when the journal is encrypted, or, with ENCRYPT, when a new
 * journal is to start encrypted.  Reports errors itself (stderr).
 * Returns EXIT_OK and the new id in id (JOURNAL_ID_MAX + 1 bytes), or
 * EXIT_IO.
 */
int journal_cli_save(const char *journal_opt, bool encrypt, struct journal_entry *e, char *id,
		     size_t idlen);

/*
 * Read a passphrase: one line from the descriptor in
 * $CRY_GUIDE_PASSPHRASE_FD, else from the terminal with echo off (twice
 * when CONFIRM).  Never from an argument.  Returns the passphrase in
 * guarded memory (free with seal_secret_free(), which wipes it) and its
 * length, or NULL after reporting why.
 */
char *journal_cli_passphrase(const char *prompt, bool confirm, size_t *len);

#endif
