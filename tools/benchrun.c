/* benchrun.c — run a command many times; print its median wall time and peak memory. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/*
 * usage: benchrun RUNS COMMAND [ARG...]
 *
 * Runs COMMAND RUNS times (after one warm-up run) with stdin and stdout on
 * /dev/null, and prints one line: "MEDIAN_MICROSECONDS MAX_RSS_KIB".  The
 * exit status of COMMAND is not judged (a check that finds errors is still
 * timed); a command that cannot start is an error.
 */

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* One run; returns its wall time in microseconds, or -1. */
static double run_once(char **argv, long *rss_kib)
{
	struct rusage ru;
	double start = now_us();
	pid_t pid;
	int st;

	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int fd = open("/dev/null", O_RDWR);
		if (fd >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	if (wait4(pid, &st, 0, &ru) != pid)
		return -1;
	if (WIFEXITED(st) && WEXITSTATUS(st) == 127)
		return -1;
	if (ru.ru_maxrss > *rss_kib)
		*rss_kib = ru.ru_maxrss;
	return now_us() - start;
}

int main(int argc, char **argv)
{
	long runs, i, rss = 0;
	double *t;
	char *end;

	if (argc < 3) {
		fprintf(stderr, "usage: benchrun RUNS COMMAND [ARG...]\n");
		return 2;
	}
	errno = 0;
	runs = strtol(argv[1], &end, 10);
	if (*end || errno || runs < 1 || runs > 100000) {
		fprintf(stderr, "benchrun: RUNS must be 1 to 100000\n");
		return 2;
	}
	t = malloc((size_t)runs * sizeof(*t));
	if (!t)
		return 1;
	if (run_once(argv + 2, &rss) < 0) {
		fprintf(stderr, "benchrun: cannot run '%s'\n", argv[2]);
		free(t);
		return 1;
	}
	rss = 0;
	for (i = 0; i < runs; i++) {
		t[i] = run_once(argv + 2, &rss);
		if (t[i] < 0) {
			fprintf(stderr, "benchrun: '%s' failed to run\n", argv[2]);
			free(t);
			return 1;
		}
	}
	qsort(t, (size_t)runs, sizeof(*t), cmp_double);
	printf("%.0f %ld\n", runs % 2 ? t[runs / 2] : (t[runs / 2 - 1] + t[runs / 2]) / 2, rss);
	free(t);
	return 0;
}
