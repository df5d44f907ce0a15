/* run.c — the check pipeline: sources merged in path order, a ring of jobs checked
 * by worker threads, each job finished in order (cross-file rules, then output). */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

/*
 * ---- the run ----
 *
 * check_execute() is a pipeline whose memory does not grow with the number
 * of files.  Each PATH is a source that hands out its files in path order:
 * a folder reads sections/ once, its names sorted in bounded memory
 * (sources.c: sorted runs on disk, merged); the sources are merged by path, so the output is
 * sorted across PATHs too.  A ring of RING_PER_THREAD jobs a thread is
 * checked by the workers; the main thread takes the jobs out of the ring
 * in order, adds the cross-file findings (whose state is bounded by
 * guide.json, at most 1 MiB) and writes the file's findings out.
 *
 * guide.json comes first in its folder's output, but what it lacks
 * (listed sections without a file, a "when to seek help" section) is known
 * only once the folder is done.  So from a folder's guide.json until the
 * folder is done, the output is queued in a temporary file (the spool) and
 * written out, in order, after guide.json's findings.
 */

#define RING_PER_THREAD 64 /* jobs in flight per thread */
#define JOB_BATCH 16       /* jobs a thread takes at once, at most */

struct check_run *check_new(void)
{
	struct check_run *r = calloc(1, sizeof(struct check_run));

	if (r)
		r->alone = -1;
	return r;
}

static void source_release(struct source *s)
{
	size_t i;

	free(s->dir);
	names_release(&s->names);
	free(s->order);
	for (i = s->pos; s->type == SRC_FILES && i < s->n_files; i++) {
		free(s->files[i].path);
		free(s->files[i].fs);
	}
	free(s->files);
	job_release(&s->head);
	set_release(s);
}

void check_free(struct check_run *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->nsrc; i++)
		source_release(&r->src[i]);
	free(r->src);
	free(r->heap);
	for (i = 0; r->ring && i < r->ring_cap; i++)
		job_release(&r->ring[i]);
	free(r->ring);
	idtab_release(&r->alone_ids);
	if (r->spool)
		fclose(r->spool);
	if (r->out.side)
		fclose(r->out.side);
	for (i = 0; i < r->out.nkept; i++) {
		free((char *)r->out.kept[i].path);
		free((char *)r->out.kept[i].pointer);
		free((char *)r->out.kept[i].message);
	}
	free(r->out.kept);
	free(r);
}

/* The cross-file rules for a job taken from the ring in order, then its output. */
static void job_finish(struct check_run *r, struct job *j)
{
	struct source *s = j->set >= 0 ? &r->src[j->set] : NULL;
	bool last = j->set_last;

	unreadable_findings(r, j);
	unchecked_safety(r, j);
	if (s && j->set_guide) {
		set_take_guide(s, j);
		if (r->spool)
			spool_guide(r, (long)(s - r->src));
		else
			r->failed = true;
	} else {
		if (j->kind == CONTENT_SECTION && !j->pre_errno) {
			if (s)
				set_section(r, s, j);
			else if (j->id)
				duplicate_id(r, j, &r->alone_ids, NULL);
		}
		job_out(r, j);
	}
	if (s && last) {
		set_finish(r, s);
		if (s->have_guide)
			job_count(r, &s->guide);
		spool_drain(r);
	}
}

/* ---- threads ---- */

/*
 * How many waiting jobs a thread takes at once: its share of what waits
 * (this thread and the workers alike), at most JOB_BATCH.  Taking a batch
 * under one lock, and being woken once a batch, keeps a busy machine from
 * spending its time switching threads.
 */
static size_t batch_size(const struct check_run *r)
{
	size_t waiting = r->filled - r->taken, share = (waiting + r->nthreads) / (r->nthreads + 1);

	return share < 1 ? 1 : share > JOB_BATCH ? JOB_BATCH : share;
}

static void *worker(void *arg)
{
	struct check_run *r = arg;

	pthread_mutex_lock(&r->lock);
	for (;;) {
		size_t first, n, k;

		while (r->taken == r->filled && !r->closing)
			pthread_cond_wait(&r->work, &r->lock);
		if (r->taken == r->filled)
			break;
		first = r->taken;
		n = batch_size(r);
		r->taken += n;
		pthread_mutex_unlock(&r->lock);
		for (k = 0; k < n; k++)
			check_job(r, &r->ring[(first + k) % r->ring_cap]);
		pthread_mutex_lock(&r->lock);
		for (k = 0; k < n; k++)
			r->ring[(first + k) % r->ring_cap].done = true;
		pthread_cond_signal(&r->done);
	}
	pthread_mutex_unlock(&r->lock);
	return NULL;
}

/* Fill the ring from the sources, handing the jobs out a batch at a time.  -1 when memory ran out. */
static int ring_fill(struct check_run *r)
{
	size_t ready = r->filled;
	int got = 0;

	while (ready - r->head < r->ring_cap) {
		got = merge_next(r, &r->ring[ready % r->ring_cap]);
		if (got <= 0)
			break;
		ready++;
		if (ready - r->filled >= JOB_BATCH) {
			pthread_mutex_lock(&r->lock);
			r->filled = ready;
			pthread_cond_broadcast(&r->work);
			pthread_mutex_unlock(&r->lock);
		}
	}
	if (ready != r->filled) {
		pthread_mutex_lock(&r->lock);
		r->filled = ready;
		pthread_cond_broadcast(&r->work);
		pthread_mutex_unlock(&r->lock);
	}
	return got < 0 ? -1 : 0;
}

/* The next job in order, checked (this thread checks jobs too while it waits). */
static struct job *ring_next(struct check_run *r)
{
	struct job *j = &r->ring[r->head % r->ring_cap];

	pthread_mutex_lock(&r->lock);
	while (!j->done) {
		if (r->taken < r->filled) {
			struct job *other = &r->ring[r->taken++ % r->ring_cap];
			pthread_mutex_unlock(&r->lock);
			check_job(r, other);
			pthread_mutex_lock(&r->lock);
			other->done = true;
		} else {
			pthread_cond_wait(&r->done, &r->lock);
		}
	}
	pthread_mutex_unlock(&r->lock);
	return j;
}

/*
 * The threads to check with when -j is not given: the cores that are
 * free, at least one.  Busy cores are the fewer of two counts: the
 * one-minute load average (rounded), and on Linux the threads runnable at
 * this moment besides this one (/proc/loadavg).  The average lags: a
 * build that ended half a minute ago, or the last runs of check itself,
 * still count in it; the moment is noisy, but it says whether the cores
 * are busy now.  On a machine others keep busy, more threads than free
 * cores only take turns (cheap, as jobs go a batch at a time, but no
 * faster).
 */
static long free_cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN), busy = -1, now;
	double load[1];
	FILE *fp;

	if (n < 1)
		n = 1;
	if (getloadavg(load, 1) == 1)
		busy = load[0] > 0 ? (long)(load[0] + 0.5) : 0;
	fp = fopen("/proc/loadavg", "r");
	if (fp) {
		if (fscanf(fp, "%*f %*f %*f %ld/", &now) == 1 && now >= 1 &&
		    (busy < 0 || now - 1 < busy))
			busy = now - 1;
		fclose(fp);
	}
	if (busy > 0)
		n -= busy;
	return n > 0 ? n : 1;
}

#define MAX_THREADS 64
#define LOOK_AGAIN_MS 20 /* -j not given: when to count the free cores a second time */

/* Start workers until there are want threads in all (this one counts).  Under no lock. */
static void workers_start(struct check_run *r, pthread_t *tid, size_t *started, size_t want)
{
	if (want > MAX_THREADS)
		want = MAX_THREADS;
	for (; *started + 1 < want; (*started)++)
		if (pthread_create(&tid[*started], NULL, worker, r) != 0)
			break;
	pthread_mutex_lock(&r->lock);
	r->nthreads = *started;
	pthread_mutex_unlock(&r->lock);
}

static double ms_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int check_execute(struct check_run *r, const struct check_options *o)
{
	static const struct check_options none = { NULL, NULL, 0, 0 };
	pthread_t tid[MAX_THREADS];
	size_t nthreads, started = 0, i, most;
	int ret = 0, saved = 0;
	double look_again = -1; /* when to count the free cores again, or -1 */

	if (r->executed)
		return -1;
	r->executed = true;
	r->opt = o ? o : &none;
	if (r->opt->today)
		snprintf(r->today, sizeof(r->today), "%s", r->opt->today);
	else
		check_today(r->today);
	/*
	 * Without -j, the free cores now, and once more LOOK_AGAIN_MS later
	 * when there is still work: a moment's noise at the start (the
	 * kernel tidying up after a program that just ended, which under
	 * make bench kept check to one thread) is not taken for a busy
	 * machine.  A second look only ever adds threads.
	 */
	if (r->opt->jobs > 0) {
		nthreads = (size_t)r->opt->jobs;
		most = nthreads;
	} else {
		long online = sysconf(_SC_NPROCESSORS_ONLN);
		nthreads = (size_t)free_cores();
		most = online > 0 ? (size_t)online : 1;
		if (most > nthreads)
			look_again = ms_now() + LOOK_AGAIN_MS;
	}
	if (nthreads > MAX_THREADS)
		nthreads = MAX_THREADS;
	if (most > MAX_THREADS)
		most = MAX_THREADS;

	/* what can fail for want of memory or a temporary file, before any output */
	r->ring_cap = RING_PER_THREAD * (most + 1);
	r->ring = calloc(r->ring_cap, sizeof(*r->ring));
	if (!r->ring || merge_start(r) != 0)
		goto oom;
	for (i = 0; i < r->nsrc && !r->spool; i++) {
		if (r->src[i].type != SRC_FILES && !(r->spool = tmpfile()))
			return -1;
	}
	if (sink_begin(r) != 0)
		return -1;

	if (pthread_mutex_init(&r->lock, NULL) != 0)
		goto oom;
	if (pthread_cond_init(&r->work, NULL) != 0) {
		pthread_mutex_destroy(&r->lock);
		goto oom;
	}
	if (pthread_cond_init(&r->done, NULL) != 0) {
		pthread_cond_destroy(&r->work);
		pthread_mutex_destroy(&r->lock);
		goto oom;
	}
	/* as many threads as asked in all: this one checks files too while it waits */
	workers_start(r, tid, &started, nthreads);
	for (;;) {
		if (ring_fill(r) != 0) {
			r->failed = true;
			saved = errno ? errno : ENOMEM; /* a temporary file, else memory */
		}
		if (r->head == r->filled)
			break;
		job_finish(r, ring_next(r));
		r->head++;
		if (saved)
			break; /* the jobs in flight are checked and dropped below */
		if (look_again >= 0 && ms_now() >= look_again) {
			size_t now = (size_t)free_cores();
			look_again = -1;
			if (now > started + 1)
				workers_start(r, tid, &started, now < most ? now : most);
		}
	}
	pthread_mutex_lock(&r->lock);
	r->closing = true;
	pthread_cond_broadcast(&r->work);
	pthread_mutex_unlock(&r->lock);
	for (i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	pthread_cond_destroy(&r->done);
	pthread_cond_destroy(&r->work);
	pthread_mutex_destroy(&r->lock);

	if (sink_end(r) != 0 || r->failed)
		ret = -1;
	if (ret && !saved)
		saved = r->spool && ferror(r->spool) ? EIO : ENOMEM;
	if (ret)
		errno = saved;
	return ret;
oom:
	errno = ENOMEM;
	return -1;
}

const struct check_finding *check_findings(const struct check_run *r, size_t *n)
{
	*n = r->out.nkept;
	return r->out.kept;
}

void check_summary(const struct check_run *r, struct check_summary *s)
{
	*s = r->sum;
}

void check_output(struct check_run *r, enum check_format format, FILE *fp)
{
	r->out.stream = true;
	r->out.format = format;
	r->out.fp = fp;
}

void check_today(char out[11])
{
	const char *env = getenv("CRY_GUIDE_TODAY");
	time_t now = time(NULL);
	struct tm tm;

	if (env && content_valid_date(env)) {
		memcpy(out, env, 11);
		return;
	}
	if (gmtime_r(&now, &tm))
		snprintf(out, 11, "%04u-%02u-%02u", (unsigned)(tm.tm_year + 1900) % 10000u,
			 (unsigned)(tm.tm_mon + 1) % 100u, (unsigned)tm.tm_mday % 100u);
	else
		memcpy(out, "1970-01-01", 11);
}
