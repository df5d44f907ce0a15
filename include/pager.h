/* pager.h — long output through a pager on a terminal, as git does. */
#ifndef CRY_GUIDE_PAGER_H
#define CRY_GUIDE_PAGER_H

#include <signal.h>
#include <stdbool.h>
#include <sys/types.h>

struct pager {
	const char *cmd; /* borrowed from the environment, or "less" */
	pid_t pid;       /* 0 when no pager runs */
	int saved_fd;    /* the terminal's stdout while the pager has it */
	struct sigaction old_int, old_quit;
};

/*
 * The pager to use: $CRY_GUIDE_PAGER when set, else $PAGER when set, else
 * "less".  NULL when that is empty or "cat" (no pager).  Borrowed.
 */
const char *pager_command(void);

/*
 * When stdout is a terminal and there is a pager, start it (through
 * "sh -c", with LESS=FRX and LV=-c unless they are set) and point stdout at
 * it.  From here until pager_finish(), SIGINT and SIGQUIT are ignored: they
 * are the pager's (less uses Ctrl-C itself), and quitting the pager, not the
 * signal, ends the command with its own status.  Returns true when a pager
 * runs; false leaves stdout as it was.  p is always initialised.
 */
bool pager_start(struct pager *p);

/*
 * Flush stdout, let the pager read to the end of it, wait for the pager to
 * quit, and give stdout back to the terminal (a write cut short because
 * the pager quit early is forgotten).  Restores SIGINT and SIGQUIT.
 * Returns the pager's exit status (127: it could not be run), 0 when none
 * ran, or -1 when waiting failed.
 */
int pager_finish(struct pager *p);

#endif
