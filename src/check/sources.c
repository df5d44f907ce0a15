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

#define NAMES_CHUNK 4096  /* section names a folder holds at once */
#define UNLISTED_MAX 1024 /* ids a folder remembers that guide.json does not list (CG105) */

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

/* Restore the max-heap v[0..n) downwards from i. */
static void heap_down(char **v, size_t n, size_t i)
{
	for (;;) {
		size_t big = i, l = 2 * i + 1, rt = l + 1;
		char *t;
		if (l < n && strcmp(v[l], v[big]) > 0)
			big = l;
		if (rt < n && strcmp(v[rt], v[big]) > 0)
			big = rt;
		if (big == i)
			return;
		t = v[i];
		v[i] = v[big];
		v[big] = t;
		i = big;
	}
}

static void heap_up(char **v, size_t i)
{
	while (i > 0 && strcmp(v[(i - 1) / 2], v[i]) < 0) {
		char *t = v[i];
		v[i] = v[(i - 1) / 2];
		v[(i - 1) / 2] = t;
		i = (i - 1) / 2;
	}
}

/*
 * The next chunk of a folder's section names: one pass over the folder
 * keeps the NAMES_CHUNK smallest .json names greater than the last one
 * handed out.  Returns 0 (nm->n == 0: no more names), or -1 with errno
 * (the folder cannot be read, or memory ran out).
 */
static int names_fill(struct names *nm)
{
	DIR *d;
	struct dirent *e;
	size_t seen = 0;

	nm->n = nm->pos = 0;
	if (nm->final)
		return 0;
	if (!nm->v) {
		nm->v = malloc(NAMES_CHUNK * sizeof(*nm->v));
		if (!nm->v)
			return -1;
	}
	d = opendir(nm->dir);
	if (!d)
		return -1;
	while ((e = readdir(d)) != NULL) {
		const char *name = e->d_name;
		char *copy;

		if (!has_json_suffix(name) || (nm->last && strcmp(name, nm->last) <= 0))
			continue;
		seen++;
		if (nm->n == NAMES_CHUNK && strcmp(name, nm->v[0]) >= 0)
			continue;
		copy = str_dup(name);
		if (!copy) {
			closedir(d);
			while (nm->n)
				free(nm->v[--nm->n]);
			errno = ENOMEM;
			return -1;
		}
		if (nm->n == NAMES_CHUNK) { /* it takes the place of the greatest */
			free(nm->v[0]);
			nm->v[0] = copy;
			heap_down(nm->v, nm->n, 0);
		} else {
			nm->v[nm->n] = copy;
			heap_up(nm->v, nm->n++);
		}
	}
	closedir(d);
	nm->final = seen <= NAMES_CHUNK;
	qsort(nm->v, nm->n, sizeof(*nm->v), name_cmp);
	return 0;
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
	char *name;

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
			if (names_fill(nm) == 0)
				continue;
			s->phase = 4;
			if (errno == ENOMEM)
				return -1;
			if (errno == ENOENT)
				continue; /* no sections: the manifest check says what is missing */
			if (job_init(&s->head, str_dup(nm->dir), true, set) != 0)
				return -1;
			s->head.pre_errno = errno ? errno : EIO;
			s->has_head = true;
			return 0;
		case 3:
			if (nm->pos == nm->n) {
				/* the chunk is used up: the next pass starts after its last name */
				if (nm->n) {
					free(nm->last);
					nm->last = nm->v[nm->n - 1];
					nm->n = nm->pos = 0;
				}
				if (names_fill(nm) != 0 && errno == ENOMEM)
					return -1;
				if (nm->n == 0) {
					s->phase = 4;
					continue; /* a folder that went away midway ends there */
				}
			}
			name = nm->v[nm->pos];
			if (job_init(&s->head, path_join(nm->dir, name), true, set) != 0)
				return -1;
			/* the chunk's last name stays: the next pass starts after it */
			if (nm->pos + 1 < nm->n)
				free(name);
			nm->pos++;
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
