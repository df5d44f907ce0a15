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
	char *line;       /* the last line read */
	size_t cap;       /* getline()'s buffer size */
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
		wipe(in->line, in->cap); /* getline()'s, reused */
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

static enum prompt_status read_interactive(struct prompt_input *in, const char *prompt, char **line)
{
	struct sigaction old_tstp;
	bool caught;
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
	*line = l;
	return PROMPT_OK;
}

static enum prompt_status read_scripted(struct prompt_input *in, const char *prompt, char **line)
{
	ssize_t n, i;

	fputs(prompt, stdout);
	fputc('\n', stdout);
	fflush(stdout);
	errno = 0;
	n = getline(&in->line, &in->cap, in->fp);
	if (is_interrupted())
		return PROMPT_INTERRUPTED;
	if (n < 0) {
		if (ferror(in->fp) && errno != 0 && errno != EINTR) {
			in->read_errno = errno;
			return PROMPT_ERROR;
		}
		return PROMPT_EOF;
	}
	while (n > 0 && (in->line[n - 1] == '\n' || in->line[n - 1] == '\r'))
		in->line[--n] = '\0';
	/* a NUL byte would hide the rest of the line from everything after: it is a space */
	for (i = 0; i < n; i++)
		if (in->line[i] == '\0')
			in->line[i] = ' ';
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
	const char *why = strerror(in->read_errno);

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
