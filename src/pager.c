/* pager.c — long output through a pager on a terminal, as git does. */
#include "pager.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

const char *pager_command(void)
{
	const char *cmd = getenv("CRY_GUIDE_PAGER");

	if (!cmd)
		cmd = getenv("PAGER");
	if (!cmd)
		cmd = "less";
	if (cmd[strspn(cmd, " \t")] == '\0' || strcmp(cmd, "cat") == 0)
		return NULL;
	return cmd;
}

/* In the child: stdin from the pipe, then the pager through the shell. */
static void run_pager(const char *cmd, int fd)
{
	if (dup2(fd, STDIN_FILENO) < 0)
		_exit(127);
	close(fd);
	signal(SIGPIPE, SIG_DFL); /* ignored by cry-guide; the pager's own choice */
	setenv("LESS", "FRX", 0); /* quit when it fits, colour, leave the screen */
	setenv("LV", "-c", 0);
	execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
	_exit(127);
}

bool pager_start(struct pager *p)
{
	struct sigaction ign;
	int fds[2];

	memset(p, 0, sizeof(*p));
	p->saved_fd = -1;
	p->cmd = pager_command();
	if (!p->cmd || !isatty(STDOUT_FILENO))
		return false;
	fflush(stdout);
	if (pipe(fds) != 0)
		return false;
	p->saved_fd = dup(STDOUT_FILENO);
	if (p->saved_fd < 0)
		goto fail;
	p->pid = fork();
	if (p->pid < 0)
		goto fail;
	if (p->pid == 0) {
		close(fds[1]);
		close(p->saved_fd);
		run_pager(p->cmd, fds[0]);
	}
	close(fds[0]);
	if (dup2(fds[1], STDOUT_FILENO) < 0) {
		close(fds[1]);
		fds[1] = -1;
		pager_finish(p);
		return false;
	}
	close(fds[1]);
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &p->old_int);
	sigaction(SIGQUIT, &ign, &p->old_quit);
	return true;
fail:
	close(fds[0]);
	close(fds[1]);
	if (p->saved_fd >= 0)
		close(p->saved_fd);
	p->saved_fd = -1;
	p->pid = 0;
	return false;
}

int pager_finish(struct pager *p)
{
	int status = 0, rc;

	if (p->pid <= 0)
		return 0;
	fflush(stdout);
	clearerr(stdout); /* EPIPE: the pager quit before the end; not an error */
	/* the pager sees the end of its input once our end of the pipe closes */
	dup2(p->saved_fd, STDOUT_FILENO);
	close(p->saved_fd);
	p->saved_fd = -1;
	while ((rc = (int)waitpid(p->pid, &status, 0)) < 0 && errno == EINTR)
		;
	p->pid = 0;
	/* as before pager_start() (zeroed, when it failed early: the defaults) */
	sigaction(SIGINT, &p->old_int, NULL);
	sigaction(SIGQUIT, &p->old_quit, NULL);
	if (rc < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
