/* ptyrun.h — test support: run the real binary in a pseudo-terminal and talk to it. */
#ifndef CRY_GUIDE_TEST_PTY_H
#define CRY_GUIDE_TEST_PTY_H

#include <stddef.h>
#include <sys/types.h>

struct pty_proc {
	pid_t pid;
	int fd;    /* master side */
	char *out; /* everything the program wrote, NUL-terminated */
	size_t len, cap;
	size_t mark; /* pty_expect() searches from here */
	int status;  /* exit status once pty_wait() returned */
};

/*
 * Start argv[0] (a path) with the given rows and columns.  env holds extra
 * "NAME=VALUE" settings ("NAME=" for empty, "NAME" alone to unset),
 * NULL-terminated or NULL.  TERM defaults to xterm-256color, and
 * CRY_GUIDE_PAGER to empty (no pager).  Returns 0 or -1.
 */
int pty_spawn(struct pty_proc *p, char *const argv[], char *const env[], int rows, int cols);

/*
 * Wait up to timeout_ms for TEXT to appear after the mark; on success move
 * the mark past it and return 0, else -1 (the output so far stays in p->out).
 */
int pty_expect(struct pty_proc *p, const char *text, int timeout_ms);

/* Type s (bytes, e.g. "answer\r", "\003" for Ctrl-C, "\004" for Ctrl-D). */
void pty_send(struct pty_proc *p, const char *s);

/* Change the terminal size and send SIGWINCH. */
void pty_resize(struct pty_proc *p, int rows, int cols);

/*
 * Read until the program exits (or timeout_ms passes, then kill it).
 * Returns its exit status, 128 + signal when killed by one, -1 on timeout.
 */
int pty_wait(struct pty_proc *p, int timeout_ms);

void pty_free(struct pty_proc *p);

/* The binary under test: $CRY_GUIDE_BIN, else build/cry-guide. */
const char *pty_binary(void);

#endif
