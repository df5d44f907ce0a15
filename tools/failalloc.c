/* failalloc.c — an LD_PRELOAD shim for the tests: make the Nth allocation fail, and count them. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Built as a shared object ($(BUILD)/failalloc.so) and preloaded into the
 * real binary by tests/cli/t_alloc.sh.  Every malloc, calloc, realloc,
 * strdup and strndup after the shim is loaded counts as one allocation.
 *
 *   FAILALLOC_NTH=N       the Nth allocation (from 1) returns NULL; unset or
 *                         0: none fails
 *   FAILALLOC_ALL=1       ... and so does every one after it
 *   FAILALLOC_COUNT=FILE  at exit, write the number of allocations to FILE
 *   FAILALLOC_TRAP=1      raise SIGTRAP at the failure (run under gdb to see where)
 *
 * The real functions are the next ones in the lookup order (libc's, or
 * the sanitiser's: under ASan run with verify_asan_link_order=0, and the
 * shim's strdup then allocates through the sanitiser's malloc, so leaks
 * are still found).  dlsym() may allocate before they are known: that
 * comes from a small static arena, which free() leaves alone.
 */

static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static void (*real_free)(void *);

static unsigned long fail_nth;
static int fail_all, trap;
static unsigned long count;
static const char *count_path;
static int resolving;

static _Alignas(16) char arena[8192];
static size_t arena_used;

static void *arena_alloc(size_t n)
{
	void *p;

	n = (n + 15) & ~(size_t)15;
	if (arena_used + n > sizeof(arena))
		return NULL;
	p = arena + arena_used;
	arena_used += n;
	return p;
}

static int in_arena(const void *p)
{
	return (const char *)p >= arena && (const char *)p < arena + sizeof(arena);
}

static void resolve(void)
{
	void *sym;

	if (real_malloc || resolving)
		return;
	resolving = 1;
	/* ISO C has no cast from dlsym()'s void * to a function pointer: copy it */
	sym = dlsym(RTLD_NEXT, "calloc");
	memcpy(&real_calloc, &sym, sizeof(sym));
	sym = dlsym(RTLD_NEXT, "realloc");
	memcpy(&real_realloc, &sym, sizeof(sym));
	sym = dlsym(RTLD_NEXT, "free");
	memcpy(&real_free, &sym, sizeof(sym));
	sym = dlsym(RTLD_NEXT, "malloc"); /* last: its being set means all are */
	memcpy(&real_malloc, &sym, sizeof(sym));
	resolving = 0;
}

/* Count one allocation; true when it is to fail. */
static int should_fail(void)
{
	unsigned long n = __atomic_add_fetch(&count, 1, __ATOMIC_RELAXED);

	return fail_nth && (n == fail_nth || (fail_all && n > fail_nth));
}

/* A failed allocation, as libc reports one. */
static void *nomem(void)
{
	if (trap)
		raise(SIGTRAP); /* for a debugger: where the failure lands */
	errno = ENOMEM;
	return NULL;
}

void *malloc(size_t n)
{
	resolve();
	if (!real_malloc)
		return arena_alloc(n);
	return should_fail() ? nomem() : real_malloc(n);
}

void *calloc(size_t n, size_t size)
{
	void *p;

	resolve();
	if (!real_calloc) {
		if (size && n > (size_t)-1 / size)
			return NULL;
		p = arena_alloc(n * size);
		if (p)
			memset(p, 0, n * size);
		return p;
	}
	return should_fail() ? nomem() : real_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
	resolve();
	if (in_arena(p)) {
		void *q = malloc(n);

		if (q)
			memcpy(q, p, n < sizeof(arena) ? n : sizeof(arena));
		return q;
	}
	if (!real_realloc)
		return NULL;
	return should_fail() ? nomem() : real_realloc(p, n);
}

void free(void *p)
{
	if (!p || in_arena(p))
		return;
	resolve();
	if (real_free)
		real_free(p);
}

char *strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);

	if (p)
		memcpy(p, s, n);
	return p;
}

char *strndup(const char *s, size_t max)
{
	size_t n = strnlen(s, max);
	char *p = malloc(n + 1);

	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

/*
 * The settings are read here, not at the first allocation: a sanitiser
 * allocates before the environment can be read.
 */
__attribute__((constructor)) static void failalloc_start(void)
{
	const char *v;

	resolve();
	v = getenv("FAILALLOC_NTH");
	fail_nth = v ? strtoul(v, NULL, 10) : 0;
	v = getenv("FAILALLOC_ALL");
	fail_all = v && *v == '1';
	count_path = getenv("FAILALLOC_COUNT");
	trap = getenv("FAILALLOC_TRAP") != NULL;
	count = 0; /* what the loader did before this is not the program's */
}

__attribute__((destructor)) static void failalloc_end(void)
{
	FILE *f;

	if (!count_path)
		return;
	f = fopen(count_path, "w");
	if (f) {
		fprintf(f, "%lu\n", count);
		fclose(f);
	}
}
