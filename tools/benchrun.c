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
 * usage: benchrun RUNS COMMAND [ARG...] [-- PEER [ARG...]]
 *
 * Runs COMMAND RUNS times (after one warm-up run) with stdin, stdout and
 * stderr on /dev/null (a content error is a timed run too), and prints one
 * line: "MEDIAN_MICROSECONDS MAX_RSS_KIB".  With
 * a PEER after "--", the two take turns run by run (so a machine that
 * speeds up or slows down meanwhile affects both alike) and the line has
 * the peer's two figures after the command's.  Exit statuses are not
 * judged (a check that finds errors is still timed); a command that cannot
 * start is an error.  With BENCHRUN_CPU set in the environment, each
 * command has a third figure after its two: its median CPU time (user and
 * system) in microseconds.
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

/* One run; returns its wall time in microseconds (its CPU time in *cpu_us), or -1. */
static double run_once(char **argv, long *rss_kib, double *cpu_us)
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
			dup2(fd, 2);
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
	*cpu_us = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e6 +
		  (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
	return now_us() - start;
}

struct subject {
	char **argv;
	double *t;
	double *cpu;
	long rss;
};

static double median(double *t, long n)
{
	qsort(t, (size_t)n, sizeof(*t), cmp_double);
	return n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
}

int main(int argc, char **argv)
{
	struct subject s[2] = { { NULL, NULL, NULL, 0 }, { NULL, NULL, NULL, 0 } };
	long runs, i;
	int n = 1, k, status = 1;
	char *end;
	const char *want_cpu = getenv("BENCHRUN_CPU");
	double cpu;

	if (argc < 3) {
		fprintf(stderr, "usage: benchrun RUNS COMMAND [ARG...] [-- PEER [ARG...]]\n");
		return 2;
	}
	errno = 0;
	runs = strtol(argv[1], &end, 10);
	if (*end || errno || runs < 1 || runs > 100000) {
		fprintf(stderr, "benchrun: RUNS must be 1 to 100000\n");
		return 2;
	}
	s[0].argv = argv + 2;
	for (k = 2; k < argc; k++)
		if (strcmp(argv[k], "--") == 0 && k + 1 < argc) {
			argv[k] = NULL; /* ends the first command */
			s[1].argv = argv + k + 1;
			n = 2;
			break;
		}
	for (k = 0; k < n; k++) {
		s[k].t = malloc((size_t)runs * sizeof(double));
		s[k].cpu = malloc((size_t)runs * sizeof(double));
		if (!s[k].t || !s[k].cpu || run_once(s[k].argv, &s[k].rss, &cpu) < 0) {
			fprintf(stderr, "benchrun: cannot run '%s'\n", s[k].argv[0]);
			goto out;
		}
		s[k].rss = 0;
	}
	for (i = 0; i < runs; i++)
		for (k = 0; k < n; k++) {
			s[k].t[i] = run_once(s[k].argv, &s[k].rss, &s[k].cpu[i]);
			if (s[k].t[i] < 0) {
				fprintf(stderr, "benchrun: '%s' failed to run\n", s[k].argv[0]);
				goto out;
			}
		}
	for (k = 0; k < n; k++) {
		printf("%s%.0f %ld", k ? " " : "", median(s[k].t, runs), s[k].rss);
		if (want_cpu && *want_cpu)
			printf(" %.0f", median(s[k].cpu, runs));
	}
	printf("\n");
	status = 0;
out:
	free(s[0].t);
	free(s[1].t);
	free(s[0].cpu);
	free(s[1].cpu);
	return status;
}
