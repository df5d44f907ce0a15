/* prompt.c — reading answers: GNU readline on a terminal (the only file that uses it), lines from a script otherwise. */
#include "prompt.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

struct prompt_input {
	bool interactive;
	FILE *fp; /* scripted: stdin or the answers file */
	bool own_fp;
	const char *path; /* the answers file (borrowed), or NULL */
	int read_errno;   /* why the last read failed (PROMPT_ERROR) */
	bool endless;     /* PROMPT_ERROR: a line with no end in PROMPT_SKIP_MAX bytes */
	char *line;       /* the last line read */
	size_t cap;       /* the scripted line buffer's size (at most PROMPT_LINE_MAX + 1) */
	struct sigaction old_winch;
};

/* Readline calls back into plain functions, so these live at file scope. */
static volatile sig_atomic_t *rl_interrupted;
static volatile sig_atomic_t winch_seen, tstp_seen;
static int rl_read_errno; /* why the terminal could not be read, or 0 */

static void on_winch(int sig)
{
	(void)sig;
	winch_seen = 1;
}

static void on_tstp(int sig)
{
	(void)sig;
	tstp_seen = 1;
}

/* Overwrite a line before it is freed: what people type here is private. */
static void wipe(char *s, size_t n)
{
	volatile char *v = s;

	while (s && n--)
		*v++ = '\0';
}

static bool is_interrupted(void)
{
	return rl_interrupted && *rl_interrupted;
}

/*
 * Ctrl-Z during readline(): what readline's own handler would do, here
 * where it is safe.  Give the terminal back as it was, stop, and once
 * continued (fg) take it again in readline's mode and redraw the prompt
 * with what was typed.  Shells such as dash do not save a stopped job's
 * terminal modes, so nobody else restores them.
 */
static void stop_and_resume(void)
{
	struct sigaction dfl, ours;
	sigset_t tstp, old;

	rl_echo_signal_char(SIGTSTP);
	rl_cleanup_after_signal(); /* the terminal as it was before readline() */
	rl_crlf();                 /* the shell's "Stopped" on a line of its own */
	fflush(rl_outstream);
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(SIGTSTP, &dfl, &ours);
	sigemptyset(&tstp);
	sigaddset(&tstp, SIGTSTP);
	sigprocmask(SIG_UNBLOCK, &tstp, &old);
	raise(SIGTSTP); /* stopped here until SIGCONT */
	sigprocmask(SIG_SETMASK, &old, NULL);
	sigaction(SIGTSTP, &ours, NULL);
	rl_reset_after_signal(); /* readline's terminal mode again */
	rl_forced_update_display();
}

/*
 * Readline's getc.  The signals we act on (SIGINT, SIGTERM, SIGHUP,
 * SIGWINCH, SIGTSTP) are blocked while the flags are looked at and
 * pselect() unblocks them atomically, so a Ctrl-C that arrives just before
 * the wait still ends it.  An interrupt returns READERR, which makes
 * readline() return NULL at once (restoring the terminal) even when the
 * line holds text.
 */
static int getc_interruptible(FILE *fp)
{
	int fd = fileno(fp);
	sigset_t block, old;
	unsigned char c;
	fd_set rfds;
	ssize_t n;
	int r;

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGWINCH);
	sigaddset(&block, SIGTSTP);
	for (;;) {
		sigprocmask(SIG_BLOCK, &block, &old);
		if (is_interrupted()) {
			sigprocmask(SIG_SETMASK, &old, NULL);
			return READERR;
		}
		if (tstp_seen) {
			tstp_seen = 0;
			sigprocmask(SIG_SETMASK, &old, NULL);
			stop_and_resume();
			continue;
		}
		if (winch_seen) {
			winch_seen = 0;
			sigprocmask(SIG_SETMASK, &old, NULL);
			rl_resize_terminal();
			continue;
		}
		FD_ZERO(&rfds);
		FD_SET(fd, &rfds);
		r = pselect(fd + 1, &rfds, NULL, NULL, NULL, &old);
		sigprocmask(SIG_SETMASK, &old, NULL);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			rl_read_errno = errno;
			return EOF;
		}
		n = read(fd, &c, 1);
		if (n == 1)
			return c;
		if (n == 0)
			return EOF;
		if (errno != EINTR && errno != EAGAIN) {
			rl_read_errno = errno;
			return EOF;
		}
	}
}

static bool dumb_terminal(void)
{
	const char *term = getenv("TERM");

	return !term || !*term || strcmp(term, "dumb") == 0;
}

static void readline_setup(struct prompt_input *in)
{
	struct sigaction sa;

	rl_readline_name = "cry-guide";
	rl_instream = stdin;
	rl_outstream = stdout;
	/* our SIGINT handler stays in place; readline must not touch LINES/COLUMNS */
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
	rl_change_environment = 0;
	rl_getc_function = getc_interruptible;
	rl_initialize();
	/*
	 * Bracketed paste: a paste of several lines arrives as one answer
	 * (its line breaks read as spaces by read_interactive()), not as one
	 * answer a line given to the questions that follow.  Set after
	 * rl_initialize(), so that it is the same whatever an inputrc says;
	 * never on a dumb terminal, which gets no escape sequence at all.
	 */
	rl_variable_bind("enable-bracketed-paste", dumb_terminal() ? "off" : "on");
#if defined(RL_READLINE_VERSION) && RL_READLINE_VERSION >= 0x0801
	/* a pasted answer is not shown in reverse video */
	rl_variable_bind("enable-active-region", "off");
#endif
	/* no file-name completion: Tab is just a character in an answer */
	rl_bind_key('\t', rl_insert);
	using_history();
	stifle_history(100);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_winch;
	sigemptyset(&sa.sa_mask);
	/* a resize must not break a write to the terminal; pselect() still wakes */
	sa.sa_flags = SA_RESTART;
	sigaction(SIGWINCH, &sa, &in->old_winch);
}

int prompt_open(struct prompt_input **out, const char *answers_path,
		volatile sig_atomic_t *interrupted, char *err, size_t errlen)
{
	struct prompt_input *in = calloc(1, sizeof(*in));

	*out = NULL;
	if (!in) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	rl_interrupted = interrupted;
	in->path = answers_path;
	if (answers_path) {
		in->fp = fopen(answers_path, "r");
		if (!in->fp) {
			snprintf(err, errlen, "cannot open '%s': %s", answers_path,
				 strerror(errno));
			free(in);
			return -1;
		}
		in->own_fp = true;
	} else if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
		in->interactive = true;
		readline_setup(in);
	} else {
		in->fp = stdin;
	}
	*out = in;
	return 0;
}

bool prompt_interactive(const struct prompt_input *in)
{
	return in->interactive;
}

static void line_forget(struct prompt_input *in)
{
	if (!in->line)
		return;
	if (in->interactive) {
		wipe(in->line, strlen(in->line));
		free(in->line); /* readline's, one per call */
		in->line = NULL;
	} else {
		wipe(in->line, in->cap); /* the scripted buffer, reused */
	}
}

/*
 * Ctrl-Z is caught only while readline() has the terminal, as readline
 * does itself; elsewhere the terminal is in its own mode and the default
 * action (stop at once) is right.  A SIGTSTP that is ignored stays so.
 */
static bool catch_tstp(struct sigaction *old)
{
	struct sigaction sa;

	if (sigaction(SIGTSTP, NULL, old) != 0 || old->sa_handler == SIG_IGN)
		return false;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_tstp;
	sigemptyset(&sa.sa_mask);
	/* as SIGWINCH: pselect() wakes, a write in progress is not broken */
	sa.sa_flags = SA_RESTART;
	tstp_seen = 0;
	sigaction(SIGTSTP, &sa, NULL);
	return true;
}

static void release_tstp(const struct sigaction *old)
{
	sigaction(SIGTSTP, old, NULL);
	if (tstp_seen) {
		/* after readline's last read: the terminal is ours again, just stop */
		tstp_seen = 0;
		raise(SIGTSTP);
	}
}

/*
 * Cut S (N bytes) to at most PROMPT_LINE_MAX bytes, at the start of a
 * UTF-8 character: never half of one.  Returns the new length.
 */
static size_t cut_at_char(char *s, size_t n)
{
	if (n <= PROMPT_LINE_MAX)
		return n;
	n = PROMPT_LINE_MAX;
	/* back over continuation bytes (10xxxxxx) to the character they belong to */
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80 && PROMPT_LINE_MAX - n < 3)
		n--;
	s[n] = '\0';
	return n;
}

/* Said under an answer that was cut (on stdout, as the question was). */
static void note_cut(void)
{
	printf("(That answer was longer than %d KiB, so only its first %d KiB were kept.)\n",
	       PROMPT_LINE_MAX / 1024, PROMPT_LINE_MAX / 1024);
}

static enum prompt_status read_interactive(struct prompt_input *in, const char *prompt, char **line)
{
	struct sigaction old_tstp;
	bool caught;
	size_t n;
	char *l, *p;

	fflush(stdout);
	rl_read_errno = 0;
	caught = catch_tstp(&old_tstp);
	l = readline(prompt);
	if (caught)
		release_tstp(&old_tstp);
	if (!l) {
		/* readline left the cursor after the prompt */
		fputc('\n', stdout);
		if (is_interrupted())
			return PROMPT_INTERRUPTED;
		in->read_errno = rl_read_errno;
		return rl_read_errno ? PROMPT_ERROR : PROMPT_EOF;
	}
	/*
	 * A bracketed paste keeps its line breaks in the line: they read as
	 * spaces, so that the answer is one line for everything after (the
	 * crisis matcher reads the whole of it, across the breaks).
	 */
	for (p = l; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	in->line = l;
	n = strlen(l);
	if (n > PROMPT_LINE_MAX) {
		/* a huge paste is bounded as a scripted line is; its tail is wiped */
		size_t kept = cut_at_char(l, n);

		wipe(l + kept, n - kept);
		note_cut();
	}
	*line = l;
	return PROMPT_OK;
}

/*
 * One byte of the script, or EOF at its end, after a read error (*err set)
 * or an interrupt.  A signal that interrupts the read without setting the
 * flag (SIGWINCH, a stop and continue) is not an end: read again.
 */
static int script_getc(struct prompt_input *in, int *err)
{
	int c;

	for (;;) {
		errno = 0;
		c = getc(in->fp);
		if (c != EOF || is_interrupted())
			return c;
		if (!ferror(in->fp))
			return EOF;
		if (errno != EINTR) {
			*err = errno ? errno : EIO;
			return EOF;
		}
		clearerr(in->fp);
	}
}

/*
 * Read one line of the script into in->line, keeping at most
 * PROMPT_LINE_MAX bytes (the rest of a longer line is read and dropped, up
 * to PROMPT_SKIP_MAX bytes in all).  The buffer grows as the line does,
 * never past PROMPT_LINE_MAX + 1, so memory stays bounded whatever is fed
 * in.  *len is what was kept, *cut whether some was dropped.
 */
static enum prompt_status script_line(struct prompt_input *in, size_t *len, bool *cut)
{
	size_t n = 0, total = 0;
	int c, err = 0;

	*len = 0;
	*cut = false;
	for (;;) {
		c = script_getc(in, &err);
		if (c == EOF || c == '\n')
			break;
		if (++total > PROMPT_SKIP_MAX) {
			in->read_errno = 0;
			in->endless = true;
			return PROMPT_ERROR;
		}
		if (n > PROMPT_LINE_MAX) {
			*cut = true; /* one byte past the limit is kept, to cut at a character */
			continue;
		}
		if (n + 1 >= in->cap) {
			size_t cap = in->cap ? in->cap * 4 : 256;
			char *p;

			if (cap > PROMPT_LINE_MAX + 2)
				cap = PROMPT_LINE_MAX + 2;
			p = malloc(cap);
			if (!p) {
				in->read_errno = ENOMEM; /* never taken for the end of input */
				return PROMPT_ERROR;
			}
			if (n)
				memcpy(p, in->line, n);
			wipe(in->line, in->cap);
			free(in->line);
			in->line = p;
			in->cap = cap;
		}
		in->line[n++] = (char)c;
	}
	if (is_interrupted())
		return PROMPT_INTERRUPTED;
	if (err) {
		in->read_errno = err;
		return PROMPT_ERROR;
	}
	if (c == EOF && total == 0)
		return PROMPT_EOF;
	if (!in->line) { /* an empty line before any other */
		in->line = malloc(1);
		if (!in->line) {
			in->read_errno = ENOMEM;
			return PROMPT_ERROR;
		}
		in->cap = 1;
	}
	in->line[n] = '\0';
	*cut = *cut || n > PROMPT_LINE_MAX;
	*len = cut_at_char(in->line, n);
	return PROMPT_OK;
}

static enum prompt_status read_scripted(struct prompt_input *in, const char *prompt, char **line)
{
	enum prompt_status st;
	size_t n, i;
	bool cut;

	fputs(prompt, stdout);
	fputc('\n', stdout);
	fflush(stdout);
	st = script_line(in, &n, &cut);
	if (st != PROMPT_OK)
		return st;
	while (n > 0 && in->line[n - 1] == '\r')
		in->line[--n] = '\0';
	/* a NUL byte would hide the rest of the line from everything after: it is a space */
	for (i = 0; i < n; i++)
		if (in->line[i] == '\0')
			in->line[i] = ' ';
	if (cut)
		note_cut();
	*line = in->line;
	return PROMPT_OK;
}

enum prompt_status prompt_read(struct prompt_input *in, const char *prompt, char **line)
{
	*line = NULL;
	line_forget(in);
	if (is_interrupted())
		return PROMPT_INTERRUPTED;
	if (in->interactive)
		return read_interactive(in, prompt, line);
	return read_scripted(in, prompt, line);
}

void prompt_error(const struct prompt_input *in, char *err, size_t errlen)
{
	char endless[96];
	const char *why = strerror(in->read_errno);

	if (in->endless) {
		snprintf(endless, sizeof(endless),
			 "a line runs on past %d MiB (answers are one a line, at most %d KiB each)",
			 PROMPT_SKIP_MAX / (1024 * 1024), PROMPT_LINE_MAX / 1024);
		why = endless;
	} else if (in->read_errno == ENOMEM) {
		why = "out of memory";
	}

	if (in->path)
		snprintf(err, errlen, "cannot read answers from '%s': %s", in->path, why);
	else if (in->interactive)
		snprintf(err, errlen, "cannot read answers from the terminal: %s", why);
	else
		snprintf(err, errlen, "cannot read answers from standard input: %s", why);
}

void prompt_remember(struct prompt_input *in, const char *line)
{
	if (in->interactive && line && *line)
		add_history(line);
}

void prompt_close(struct prompt_input *in)
{
	if (!in)
		return;
	line_forget(in);
	if (in->interactive) {
		clear_history();
		sigaction(SIGWINCH, &in->old_winch, NULL);
	} else {
		free(in->line);
	}
	if (in->own_fp)
		fclose(in->fp);
	rl_interrupted = NULL;
	free(in);
}
