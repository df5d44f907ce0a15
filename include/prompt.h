/* prompt.h — reading one answer a line: GNU readline on a terminal, plain lines from a script. */
#ifndef CRY_GUIDE_PROMPT_H
#define CRY_GUIDE_PROMPT_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

/*
 * The only module that touches readline.  Readline is used only when stdin
 * and stdout are both terminals and no answers file was given; its history
 * lives in memory and is never read from or written to a file.  Bracketed
 * paste is on (off when TERM is dumb or unset): text pasted in one go is
 * one answer, its line breaks read as spaces, so that the crisis matcher
 * sees all of it as one line and no pasted line is taken for the answer
 * to a later question.  Otherwise each read takes one line from the
 * script (stdin or the answers file), without a trailing "\r\n"; a NUL
 * byte in a scripted line reads as a space, so that nothing after it is
 * hidden (from the crisis matcher above all).
 */
struct prompt_input;

/*
 * The longest answer kept, in bytes (64 KiB).  A longer line, typed,
 * pasted or scripted, is cut there at the start of a UTF-8 character, and
 * a note under it says so.  A scripted line is read and dropped past the
 * limit up to PROMPT_SKIP_MAX bytes in all; one that runs on further (an
 * endless stream such as /dev/zero) is an error, never an answer, so
 * memory and time stay bounded whatever is fed in.
 */
#define PROMPT_LINE_MAX (64 * 1024)
#define PROMPT_SKIP_MAX (1024 * 1024)

enum prompt_status {
	PROMPT_OK,          /* a line was read (it may be empty) */
	PROMPT_EOF,         /* end of input (Ctrl-D, end of the script) */
	PROMPT_INTERRUPTED, /* *interrupted was set (Ctrl-C, SIGTERM, SIGHUP) */
	PROMPT_ERROR        /* the input could not be read (see prompt_error()) */
};

/*
 * Start reading from answers_path (a file; NULL reads stdin).  interrupted
 * is the flag that the caller's handler of SIGINT, SIGTERM and SIGHUP sets
 * to the signal's number (installed without SA_RESTART, so that a blocked
 * read returns); it may be NULL.  An interrupt ends readline() with the
 * terminal restored.  Ctrl-Z (SIGTSTP) during readline() is handled here:
 * the terminal is restored before the program stops, and set again, with
 * the prompt redrawn, when it continues.  Returns 0 and sets *out (free
 * with prompt_close()), or -1 and fills err.
 */
int prompt_open(struct prompt_input **out, const char *answers_path,
		volatile sig_atomic_t *interrupted, char *err, size_t errlen);

/* True when answers are typed at a terminal through readline. */
bool prompt_interactive(const struct prompt_input *in);

/*
 * Show PROMPT (a short marker such as "> ") on stdout and read one line.
 * On PROMPT_OK *line is the line, borrowed and writable until the next
 * prompt_read() or prompt_close(); on a terminal it holds no line break
 * (those of a paste read as spaces).  Off a terminal the marker is still
 * printed and followed by a newline, so a transcript reads well; the line
 * itself is not echoed.  On a terminal PROMPT may hold escape sequences
 * wrapped in RL_PROMPT_START_IGNORE / RL_PROMPT_END_IGNORE ('\001',
 * '\002'); a scripted marker must hold none.
 */
enum prompt_status prompt_read(struct prompt_input *in, const char *prompt, char **line);

/*
 * After PROMPT_ERROR, what went wrong, in the program's voice without its
 * name: "cannot read answers from 'DIR': Is a directory"; also "...: out
 * of memory" (a failed allocation is never taken for the end of input)
 * and "...: a line runs on past 1 MiB (...)".
 */
void prompt_error(const struct prompt_input *in, char *err, size_t errlen);

/* Keep LINE in the in-memory history (Up arrow); nothing when scripted. */
void prompt_remember(struct prompt_input *in, const char *line);

/* Forget the history and the last line, close the answers file.  NULL is fine. */
void prompt_close(struct prompt_input *in);

#endif
