/* ptyrun.c — test support: drive the real binary through a pseudo-terminal. */
#include "ptyrun.h"

#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

const char *pty_binary(void)
{
	const char *b = getenv("CRY_GUIDE_BIN");

	return b && *b ? b : "build/cry-guide";
}

int pty_spawn(struct pty_proc *p, char *const argv[], char *const env[], int rows, int cols)
{
	struct winsize ws;

	memset(p, 0, sizeof(*p));
	memset(&ws, 0, sizeof(ws));
	ws.ws_row = (unsigned short)rows;
	ws.ws_col = (unsigned short)cols;
	p->cap = 65536;
	p->out = malloc(p->cap);
	if (!p->out)
		return -1;
	p->out[0] = '\0';
	p->pid = forkpty(&p->fd, NULL, NULL, &ws);
	if (p->pid < 0)
		return -1;
	if (p->pid == 0) {
		static const int sigs[] = { SIGINT,  SIGQUIT, SIGTERM, SIGHUP,
					    SIGTSTP, SIGTTIN, SIGTTOU };
		sigset_t none;
		size_t i;

		/* as if started at a terminal, whatever the test runner ignores
		 * or blocks (nohup, a background job) */
		for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
			signal(sigs[i], SIG_DFL);
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		setenv("TERM", "xterm-256color", 1);
		unsetenv("NO_COLOR");
		unsetenv("COLUMNS");
		unsetenv("LINES");
		/* a pager would wait for keys: tests that want one ask for it */
		setenv("CRY_GUIDE_PAGER", "", 1);
		for (; env && *env; env++) {
			const char *eq = strchr(*env, '=');
			char name[128];
			if (!eq) {
				unsetenv(*env); /* "NAME": not set at all */
				continue;
			}
			if ((size_t)(eq - *env) >= sizeof(name))
				continue;
			memcpy(name, *env, (size_t)(eq - *env));
			name[eq - *env] = '\0';
			setenv(name, eq + 1, 1);
		}
		execv(argv[0], argv);
		_exit(127);
	}
	return 0;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Read what is available within ms; returns 0, or -1 at end of output. */
static int pump(struct pty_proc *p, int ms)
{
	struct pollfd pfd = { p->fd, POLLIN, 0 };
	ssize_t n;

	if (poll(&pfd, 1, ms) <= 0)
		return 0;
	if (p->cap - p->len < 4097) {
		char *nb = realloc(p->out, p->cap * 2);
		if (!nb)
			return -1;
		p->out = nb;
		p->cap *= 2;
	}
	n = read(p->fd, p->out + p->len, 4096);
	if (n <= 0)
		return (n < 0 && errno == EINTR) ? 0 : -1; /* EIO: the child closed the pty */
	p->len += (size_t)n;
	p->out[p->len] = '\0';
	return 0;
}

int pty_expect(struct pty_proc *p, const char *text, int timeout_ms)
{
	long end = now_ms() + timeout_ms;

	for (;;) {
		char *hit = strstr(p->out + p->mark, text);
		if (hit) {
			p->mark = (size_t)(hit - p->out) + strlen(text);
			return 0;
		}
		if (now_ms() >= end || pump(p, 50) != 0) {
			hit = strstr(p->out + p->mark, text);
			if (hit) {
				p->mark = (size_t)(hit - p->out) + strlen(text);
				return 0;
			}
			return -1;
		}
	}
}

void pty_send(struct pty_proc *p, const char *s)
{
	size_t n = strlen(s);

	while (n > 0) {
		ssize_t w = write(p->fd, s, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return;
		}
		s += w;
		n -= (size_t)w;
	}
}

void pty_resize(struct pty_proc *p, int rows, int cols)
{
	struct winsize ws;

	memset(&ws, 0, sizeof(ws));
	ws.ws_row = (unsigned short)rows;
	ws.ws_col = (unsigned short)cols;
	ioctl(p->fd, TIOCSWINSZ, &ws);
	kill(p->pid, SIGWINCH);
}

int pty_wait(struct pty_proc *p, int timeout_ms)
{
	long end = now_ms() + timeout_ms;
	int st;

	while (now_ms() < end) {
		pid_t r = waitpid(p->pid, &st, WNOHANG);
		if (r == p->pid) {
			/* drain what is left */
			while (pump(p, 20) == 0 && p->len && strlen(p->out) == p->len) {
				struct pollfd pfd = { p->fd, POLLIN, 0 };
				if (poll(&pfd, 1, 20) <= 0)
					break;
			}
			p->pid = 0;
			p->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
			return p->status;
		}
		pump(p, 50);
	}
	kill(p->pid, SIGKILL);
	waitpid(p->pid, &st, 0);
	p->pid = 0;
	p->status = -1;
	return -1;
}

void pty_free(struct pty_proc *p)
{
	if (p->pid > 0) {
		kill(p->pid, SIGKILL);
		waitpid(p->pid, NULL, 0);
	}
	if (p->fd > 0)
		close(p->fd);
	free(p->out);
	memset(p, 0, sizeof(*p));
}
