/* sources.c — the PATHs to check, each handing out its files in path order, merged into one order. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

#define NAMES_CHUNK 4096         /* section names a folder sorts in memory at once */
#define NAMES_ARENA (256 * 1024) /* the bytes of those names */
#define RUN_BUF 4096             /* bytes of each sorted run in memory while merging */
#define UNLISTED_MAX 1024        /* ids a folder remembers that guide.json does not list (CG105) */

/* A new source; NULL when memory ran out. */
static struct source *source_add(struct check_run *r, enum source_type type, const char *dir)
{
	struct source *s;

	if (r->nsrc == r->capsrc) {
		size_t cap = r->capsrc ? r->capsrc * 2 : 4;
		struct source *ns = realloc(r->src, cap * sizeof(*ns));
		if (!ns)
			return NULL;
		r->src = ns;
		r->capsrc = cap;
	}
	s = &r->src[r->nsrc];
	memset(s, 0, sizeof(*s));
	s->type = type;
	if (dir) {
		s->dir = str_dup(dir);
		if (!s->dir)
			return NULL;
	}
	s->unlisted.max = UNLISTED_MAX;
	r->nsrc++;
	return s;
}

static bool has_json_suffix(const char *name)
{
	size_t n = strlen(name);

	return n > 5 && name[0] != '.' && strcmp(name + n - 5, ".json") == 0;
}

static int add_dir(struct check_run *r, const char *dir, char *err, size_t errlen)
{
	DIR *d;
	size_t i;

	for (i = 0; i < r->nsrc; i++)
		if (r->src[i].dir && strcmp(r->src[i].dir, dir) == 0)
			return 0; /* the same folder twice */
	d = opendir(dir);
	if (!d) {
		snprintf(err, errlen, "cannot open '%s': %s", dir, strerror(errno));
		return -1;
	}
	closedir(d);
	if (!source_add(r, SRC_DIR, dir)) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

/* Add a single file (path and fs are taken over).  -1 when memory ran out. */
static int add_file(struct check_run *r, char *path, char *fs)
{
	struct source *s;

	if (!path || !fs)
		goto oom;
	if (r->alone < 0) {
		if (!source_add(r, SRC_FILES, NULL))
			goto oom;
		r->alone = (long)r->nsrc - 1;
	}
	s = &r->src[r->alone];
	if (s->n_files == s->cap_files) {
		size_t cap = s->cap_files ? s->cap_files * 2 : 8;
		void *nf = realloc(s->files, cap * sizeof(*s->files));
		if (!nf)
			goto oom;
		s->files = nf;
		s->cap_files = cap;
	}
	s->files[s->n_files].path = path;
	s->files[s->n_files].fs = fs;
	s->n_files++;
	return 0;
oom:
	free(path);
	free(fs);
	return -1;
}

int check_add_path(struct check_run *r, const char *path, char *err, size_t errlen)
{
	struct stat st;
	char *p;
	size_t n;
	int fd, ret;

	if (stat(path, &st) != 0) {
		snprintf(err, errlen, "cannot open '%s': %s", path, strerror(errno));
		return -1;
	}
	p = str_dup(path);
	if (!p) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	/* "content/" is shown as "content/guide.json", not "content//guide.json" */
	for (n = strlen(p); n > 1 && p[n - 1] == '/'; n--)
		p[n - 1] = '\0';
	if (S_ISDIR(st.st_mode)) {
		ret = add_dir(r, p, err, errlen);
		free(p);
		return ret;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		snprintf(err, errlen, "cannot open '%s': %s", path, strerror(errno));
		free(p);
		return -1;
	}
	close(fd);
	if (add_file(r, p, str_dup(path)) != 0) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

int check_add_builtin(struct check_run *r)
{
	return source_add(r, SRC_BUILTIN, "<built-in>") ? 0 : -1;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * A folder's section names, in name order, from one pass over the folder.
 * Up to NAMES_CHUNK names (NAMES_ARENA bytes) are sorted in memory; a
 * folder with more writes each full chunk, sorted, as a run to a temporary
 * file, and the runs are then merged with a heap, RUN_BUF bytes of each in
 * memory.  So memory is bounded (NAMES_ARENA, and RUN_BUF a run: 1 MiB at
 * a million files) and the folder is read once, however large.
 */

/* The run's current name: 1, 0 when it is used up, -1 (errno EIO) when the spill cannot be read. */
static int run_load(struct names *nm, struct name_run *ru)
{
	size_t left = ru->have - ru->at;
	ssize_t got;

	if (memchr(ru->buf + ru->at, '\0', left))
		return 1;
	memmove(ru->buf, ru->buf + ru->at, left);
	ru->have = left;
	ru->at = 0;
	while (ru->pos < ru->end && ru->have < RUN_BUF) {
		size_t want = RUN_BUF - ru->have;
		if ((off_t)want > ru->end - ru->pos)
			want = (size_t)(ru->end - ru->pos);
		got = pread(fileno(nm->spill), ru->buf + ru->have, want, ru->pos);
		if (got <= 0)
			break;
		ru->have += (size_t)got;
		ru->pos += got;
		if (memchr(ru->buf, '\0', ru->have))
			return 1;
	}
	if (ru->have == 0 && ru->pos == ru->end)
		return 0;
	errno = EIO; /* a name without its end: the temporary file failed us */
	return -1;
}

static const char *run_name(const struct names *nm, size_t i)
{
	return nm->runs[i].buf + nm->runs[i].at;
}

/* Restore the min-heap of runs downwards from i. */
static void runs_down(struct names *nm, size_t i)
{
	for (;;) {
		size_t min = i, l = 2 * i + 1, rt = l + 1, t;
		if (l < nm->nheap &&
		    strcmp(run_name(nm, nm->heap[l]), run_name(nm, nm->heap[min])) < 0)
			min = l;
		if (rt < nm->nheap &&
		    strcmp(run_name(nm, nm->heap[rt]), run_name(nm, nm->heap[min])) < 0)
			min = rt;
		if (min == i)
			return;
		t = nm->heap[i];
		nm->heap[i] = nm->heap[min];
		nm->heap[min] = t;
		i = min;
	}
}

/* The chunk in memory, sorted, as a run at the end of the spill file.  -1 with errno. */
static int names_spill(struct names *nm)
{
	struct name_run *ru;
	size_t k;

	if (!nm->spill && !(nm->spill = tmpfile()))
		return -1;
	if (nm->nruns == nm->caprun) {
		size_t cap = nm->caprun ? nm->caprun * 2 : 8;
		struct name_run *nr = realloc(nm->runs, cap * sizeof(*nr));
		if (!nr)
			return -1;
		nm->runs = nr;
		nm->caprun = cap;
	}
	ru = &nm->runs[nm->nruns];
	memset(ru, 0, sizeof(*ru));
	ru->pos = nm->spill_end;
	qsort(nm->v, nm->n, sizeof(*nm->v), name_cmp);
	for (k = 0; k < nm->n; k++)
		if (fputs(nm->v[k], nm->spill) == EOF || fputc('\0', nm->spill) == EOF)
			return -1;
	nm->spill_end += (off_t)nm->used;
	ru->end = nm->spill_end;
	nm->nruns++;
	nm->n = nm->used = 0;
	return 0;
}

/* Start merging the runs: each one's first name, in a heap.  -1 with errno. */
static int names_merge(struct names *nm)
{
	size_t i;

	if (fflush(nm->spill) != 0)
		return -1;
	nm->heap = malloc(nm->nruns * sizeof(*nm->heap));
	if (!nm->heap)
		return -1;
	for (i = 0; i < nm->nruns; i++) {
		int got;
		nm->runs[i].buf = malloc(RUN_BUF);
		if (!nm->runs[i].buf)
			return -1;
		got = run_load(nm, &nm->runs[i]);
		if (got < 0)
			return -1;
		if (got)
			nm->heap[nm->nheap++] = i;
	}
	for (i = nm->nheap / 2; i-- > 0;)
		runs_down(nm, i);
	return 0;
}

/*
 * Read a folder's .json names, once.  0, or -1 with errno: the folder
 * cannot be read (nm->listed false), or memory ran out or a temporary
 * file failed.
 */
static int names_read(struct names *nm)
{
	DIR *d;
	struct dirent *e;

	nm->v = malloc(NAMES_CHUNK * sizeof(*nm->v));
	nm->arena = malloc(NAMES_ARENA);
	if (!nm->v || !nm->arena)
		return -1;
	d = opendir(nm->dir);
	if (!d)
		return -1;
	nm->listed = true;
	while ((e = readdir(d)) != NULL) {
		const char *name = e->d_name;
		size_t len;

		if (!has_json_suffix(name))
			continue;
		len = strlen(name) + 1;
		if ((nm->n == NAMES_CHUNK || nm->used + len > NAMES_ARENA) &&
		    names_spill(nm) != 0) {
			int saved = errno;
			closedir(d);
			errno = saved ? saved : EIO;
			return -1;
		}
		nm->v[nm->n++] = memcpy(nm->arena + nm->used, name, len);
		nm->used += len;
	}
	closedir(d);
	if (nm->nruns == 0) {
		qsort(nm->v, nm->n, sizeof(*nm->v), name_cmp);
		return 0;
	}
	if ((nm->n && names_spill(nm) != 0) || names_merge(nm) != 0) {
		if (!errno)
			errno = EIO;
		return -1;
	}
	free(nm->arena); /* the runs hold the names now */
	nm->arena = NULL;
	return 0;
}

/* The smallest name not yet handed out (borrowed: valid until names_pop()), or NULL. */
static const char *names_peek(const struct names *nm)
{
	if (nm->nruns)
		return nm->nheap ? run_name(nm, nm->heap[0]) : NULL;
	return nm->pos < nm->n ? nm->v[nm->pos] : NULL;
}

/* Past the name names_peek() gave.  -1 (errno EIO) when a run cannot be read back. */
static int names_pop(struct names *nm)
{
	struct name_run *ru;
	int got;

	if (!nm->nruns) {
		nm->pos++;
		return 0;
	}
	ru = &nm->runs[nm->heap[0]];
	ru->at += strlen(ru->buf + ru->at) + 1;
	got = run_load(nm, ru);
	if (got < 0)
		return -1;
	if (!got)
		nm->heap[0] = nm->heap[--nm->nheap];
	runs_down(nm, 0);
	return 0;
}

void names_release(struct names *nm)
{
	size_t i;

	for (i = 0; i < nm->nruns; i++)
		free(nm->runs[i].buf);
	free(nm->runs);
	free(nm->heap);
	if (nm->spill)
		fclose(nm->spill);
	free(nm->v);
	free(nm->arena);
	free(nm->dir);
	memset(nm, 0, sizeof(*nm));
}

/* Fill j as the job for path (taken over; also the file system path when fs). */
static int job_init(struct job *j, char *path, bool fs, long set)
{
	memset(j, 0, sizeof(*j));
	if (!path)
		return -1;
	j->path = path;
	if (fs) {
		j->fs = str_dup(path);
		if (!j->fs)
			return -1;
	}
	j->set = set;
	j->kind = content_kind_of(path);
	return 0;
}

static int builtin_cmp(const void *a, const void *b)
{
	return strcmp(content_builtin_files[*(const size_t *)a].name,
		      content_builtin_files[*(const size_t *)b].name);
}

/* A folder's next job into s->head.  -1 when memory ran out. */
static int dir_next(struct source *s, long set)
{
	struct names *nm = &s->names;
	const char *name;

	for (;;) {
		switch (s->phase) {
		case 0:
		case 1:
			s->phase++;
			if (job_init(
				&s->head,
				path_join(s->dir, s->phase == 1 ? "guide.json" : "safety.json"),
				true, set) != 0)
				return -1;
			s->head.set_guide = s->phase == 1;
			s->has_head = true;
			return 0;
		case 2:
			s->phase = 3;
			nm->dir = path_join(s->dir, "sections");
			if (!nm->dir)
				return -1;
			errno = 0;
			if (names_read(nm) == 0)
				continue;
			s->phase = 4;
			if (errno == ENOMEM || nm->listed)
				return -1; /* memory, or a temporary file: not the folder's fault */
			if (errno == ENOENT)
				continue; /* no sections: the manifest check says what is missing */
			if (job_init(&s->head, str_dup(nm->dir), true, set) != 0)
				return -1;
			s->head.pre_errno = errno ? errno : EIO;
			s->has_head = true;
			return 0;
		case 3:
			name = names_peek(nm);
			if (!name) {
				s->phase = 4;
				continue;
			}
			if (job_init(&s->head, path_join(nm->dir, name), true, set) != 0 ||
			    names_pop(nm) != 0)
				return -1;
			s->has_head = true;
			return 0;
		default: return 0;
		}
	}
}

/* Load source s's next job into s->head (has_head false: it has none).  -1: no memory. */
static int source_next(struct check_run *r, size_t i)
{
	struct source *s = &r->src[i];
	size_t k;

	s->has_head = false;
	switch (s->type) {
	case SRC_DIR: return dir_next(s, (long)i);
	case SRC_BUILTIN:
		if (!s->order) {
			s->order = malloc((content_builtin_count ? content_builtin_count : 1) *
					  sizeof(*s->order));
			if (!s->order)
				return -1;
			for (k = 0; k < content_builtin_count; k++)
				s->order[k] = k;
			qsort(s->order, content_builtin_count, sizeof(*s->order), builtin_cmp);
		}
		if (s->pos == content_builtin_count)
			return 0;
		k = s->order[s->pos++];
		if (job_init(&s->head, path_join(s->dir, content_builtin_files[k].name), false,
			     (long)i) != 0)
			return -1;
		s->head.data = content_builtin_files[k].data;
		s->head.len = content_builtin_files[k].len;
		s->head.set_guide = strcmp(content_builtin_files[k].name, "guide.json") == 0;
		s->has_head = true;
		return 0;
	case SRC_FILES:
		if (s->pos == s->n_files)
			return 0;
		memset(&s->head, 0, sizeof(s->head));
		s->head.path = s->files[s->pos].path;
		s->head.fs = s->files[s->pos].fs;
		s->head.set = -1;
		s->head.kind = content_kind_of(s->head.path);
		s->pos++;
		s->has_head = true;
		return 0;
	}
	return 0;
}

/* Single files by path (an entry of source.files begins with its path). */
static int file_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The order of the output, as a sort of every file would give it: by
 * path, a file checked alone after a folder's file of the same path.
 */
static int head_cmp(const struct check_run *r, size_t a, size_t b)
{
	const struct job *x = &r->src[a].head, *y = &r->src[b].head;
	int c = strcmp(x->path, y->path);

	if (c)
		return c;
	if ((x->set < 0) != (y->set < 0))
		return (x->set < 0) - (y->set < 0);
	return a < b ? -1 : a > b;
}

static void merge_down(struct check_run *r, size_t i)
{
	for (;;) {
		size_t min = i, l = 2 * i + 1, rt = l + 1, t;
		if (l < r->nheap && head_cmp(r, r->heap[l], r->heap[min]) < 0)
			min = l;
		if (rt < r->nheap && head_cmp(r, r->heap[rt], r->heap[min]) < 0)
			min = rt;
		if (min == i)
			return;
		t = r->heap[i];
		r->heap[i] = r->heap[min];
		r->heap[min] = t;
		i = min;
	}
}

/* Start every source and order them by their first file.  -1 when memory ran out. */
int merge_start(struct check_run *r)
{
	size_t i;

	r->heap = malloc((r->nsrc ? r->nsrc : 1) * sizeof(*r->heap));
	if (!r->heap)
		return -1;
	for (i = 0; i < r->nsrc; i++) {
		struct source *s = &r->src[i];
		if (s->type == SRC_FILES && s->n_files > 1)
			qsort(s->files, s->n_files, sizeof(*s->files), file_cmp);
		if (source_next(r, i) != 0)
			return -1;
		if (s->has_head)
			r->heap[r->nheap++] = i;
	}
	for (i = r->nheap / 2; i-- > 0;)
		merge_down(r, i);
	return 0;
}

/* The next job in output order into j: 1, or 0 when there are none, -1 when memory ran out. */
int merge_next(struct check_run *r, struct job *j)
{
	size_t i;
	struct source *s;

	if (r->nheap == 0)
		return 0;
	i = r->heap[0];
	s = &r->src[i];
	*j = s->head;
	memset(&s->head, 0, sizeof(s->head));
	if (source_next(r, i) != 0)
		return -1;
	if (!s->has_head) {
		j->set_last = s->type != SRC_FILES;
		r->heap[0] = r->heap[--r->nheap];
	}
	merge_down(r, 0);
	return 1;
}
