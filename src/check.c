/* check.c — content checks for CI: the cross-file, safety and safe-messaging rules, run in parallel. */
#include "check.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "content.h"
#include "jsonpos.h"
#include "matcher.h"
#include "render.h"
#include "safety.h"

#ifndef CRY_GUIDE_VERSION
#define CRY_GUIDE_VERSION "0.0.0"
#endif
/*
 * SARIF's informationUri is optional; the project has no public home yet,
 * so it is written only when the build names one (-DCRY_GUIDE_URL='"..."').
 */
#ifdef CRY_GUIDE_URL
#define SARIF_INFO_URI "          \"informationUri\": \"" CRY_GUIDE_URL "\",\n"
#else
#define SARIF_INFO_URI ""
#endif

#define QUOTE_MAX 60      /* bytes of content quoted in a message */
#define LINE_PENDING (-1) /* a finding's line before place_findings() */

/*
 * ---- the run ----
 *
 * check_execute() is a pipeline whose memory does not grow with the number
 * of files.  Each PATH is a source that hands out its files in path order:
 * a folder lists sections/ in sorted chunks of NAMES_CHUNK names, one
 * readdir pass per chunk; the sources are merged by path, so the output is
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

#define NAMES_CHUNK 4096   /* section names a folder holds at once */
#define RING_PER_THREAD 64 /* jobs in flight per thread */
#define UNLISTED_MAX 1024  /* ids a folder remembers that guide.json does not list (CG105) */

struct finding {
	const struct rule *rule;
	int line, col;
	char *pointer;
	char *message;
	size_t seq; /* order of reporting, for a stable sort */
};

struct manifest_entry {
	char *id;
	int line, col;
	bool has_file; /* a section file (the first in name order) is named for it */
	char *last;    /* the last section file, in name order, whose id it is (CG105) */
};

struct job {
	char *path;       /* display path */
	char *fs;         /* file system path, NULL for the built-in copy */
	const char *data; /* the built-in copy */
	size_t len;
	enum content_kind kind;
	long set;       /* index into run->src, -1 for a file checked alone */
	int pre_errno;  /* a folder that could not be listed */
	bool set_guide; /* the set's own guide.json */
	bool set_last;  /* the set's last file: the set is done with it */
	bool done;      /* checked (under run->lock) */

	/* results, filled by the worker */
	struct finding *f;
	size_t nf, capf;
	size_t ignored;
	int read_errno;       /* the file could not be read */
	const char *read_why; /* static: not a regular file (a FIFO, ...), else NULL */
	bool parsed;
	bool oom;
	int root_line, root_col;
	/* a section */
	char *id;
	int id_line, id_col;
	bool seek_help;
	/* a guide */
	struct manifest_entry *manifest;
	size_t n_manifest, cap_manifest;
	int secs_line, secs_col;
	bool has_secs;
};

/* Section ids seen, each with the last file (in path order) that has it. */
struct idtab {
	struct id_seen {
		char *id;
		char *path;
	} * v; /* sorted by id */
	size_t n, cap;
	size_t max; /* remember at most this many ids; 0: no limit */
};

/* A folder's section names in sorted chunks. */
struct names {
	char *dir; /* "DIR/sections" */
	char **v;  /* the chunk, sorted; a max-heap while it is filled */
	size_t n, pos;
	char *last; /* the greatest name handed out, NULL before the first */
	bool final; /* no names after this chunk */
};

enum source_type { SRC_DIR, SRC_BUILTIN, SRC_FILES };

/* One PATH (all the single files together are one source), and for a folder its set. */
struct source {
	enum source_type type;
	char *dir; /* display folder, "<built-in>"; NULL for the single files */
	int phase; /* a folder: next is 0 guide.json, 1 safety.json, 2 sections/, 3 a name, 4 none */
	struct names names;
	size_t pos;
	size_t *order; /* the built-in files sorted by name */
	struct {
		char *path, *fs;
	} * files; /* the single files, sorted by path */
	size_t n_files, cap_files;
	struct job head; /* its next job, when has_head */
	bool has_head;

	/* across the set's files */
	struct job guide; /* its guide.json, held until the set is done */
	bool have_guide, finished;
	struct manifest_entry **by_id; /* the manifest sorted by id */
	struct idtab unlisted;         /* section ids the manifest does not list */
	bool seek_help;
};

/* Where the findings go: a FILE in a format, or kept for check_findings(). */
struct sink {
	bool stream;
	enum check_format format;
	FILE *fp;
	FILE *side; /* github: the text list; junit: the testcases */
	size_t written, failed, files;
	struct check_finding *kept;
	size_t nkept, capkept;
};

struct check_run {
	struct source *src;
	size_t nsrc, capsrc;
	long alone; /* the single files' source, -1 before the first */

	const struct check_options *opt;
	char today[11];
	bool executed;
	bool failed; /* memory or a temporary file ran out */

	size_t *heap; /* sources with a head, smallest head first */
	size_t nheap;

	/* the ring: jobs [head, filled) are in flight, [taken, filled) wait for a thread */
	struct job *ring;
	size_t ring_cap, head, taken, filled;
	bool closing;
	pthread_mutex_t lock;
	pthread_cond_t work, done;

	struct idtab alone_ids; /* CG105 among the single files */
	FILE *spool;
	off_t spool_rd, spool_wr;
	bool spool_writing;

	struct sink out;
	struct check_summary sum;
};

struct check_run *check_new(void)
{
	struct check_run *r = calloc(1, sizeof(struct check_run));

	if (r)
		r->alone = -1;
	return r;
}

static void job_release(struct job *j)
{
	size_t i;

	free(j->path);
	free(j->fs);
	for (i = 0; i < j->nf; i++) {
		free(j->f[i].pointer);
		free(j->f[i].message);
	}
	free(j->f);
	free(j->id);
	for (i = 0; i < j->n_manifest; i++) {
		free(j->manifest[i].id);
		free(j->manifest[i].last);
	}
	free(j->manifest);
	memset(j, 0, sizeof(*j));
}

static void idtab_release(struct idtab *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		free(t->v[i].id);
		free(t->v[i].path);
	}
	free(t->v);
	t->v = NULL;
	t->n = t->cap = 0;
}

static void names_release(struct names *nm)
{
	size_t i;

	/* a chunk's last name is freed only once the next pass no longer needs it */
	for (i = nm->pos; i + 1 < nm->n; i++)
		free(nm->v[i]);
	if (nm->n)
		free(nm->v[nm->n - 1]);
	free(nm->v);
	free(nm->last);
	free(nm->dir);
	memset(nm, 0, sizeof(*nm));
}

/* What a set keeps across its files; its guide.json goes once it is written out. */
static void set_release(struct source *s)
{
	job_release(&s->guide);
	s->have_guide = false;
	free(s->by_id);
	s->by_id = NULL;
	idtab_release(&s->unlisted);
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

static char *str_dup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);

	if (p)
		memcpy(p, s, n);
	return p;
}

static char *path_join(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *p = malloc(la + lb + 2);

	if (!p)
		return NULL;
	memcpy(p, a, la);
	p[la] = '/';
	memcpy(p + la + 1, b, lb + 1);
	return p;
}

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

/* ---- findings ---- */

/* Copy s without control characters (they become '?'), so no message can drive a terminal. */
static char *clean_dup(const char *s)
{
	size_t n = strlen(s), i, o = 0;
	char *p = malloc(n + 1);
	const unsigned char *u = (const unsigned char *)s;

	if (!p)
		return NULL;
	for (i = 0; i < n; i++) {
		if (u[i] < 0x20 || u[i] == 0x7F) {
			p[o++] = '?';
		} else if (u[i] == 0xC2 && u[i + 1] >= 0x80 && u[i + 1] <= 0x9F) {
			p[o++] = '?';
			i++;
		} else {
			p[o++] = s[i];
		}
	}
	p[o] = '\0';
	return p;
}

static bool ignored(const struct check_run *r, const struct rule *rule)
{
	size_t i;

	if (!r->opt || !rule_ignorable(rule))
		return false;
	for (i = 0; i < r->opt->n_ignore; i++)
		if (strcmp(r->opt->ignore[i], rule->code) == 0)
			return true;
	return false;
}

static void add_finding(struct check_run *r, struct job *j, const char *code, int line, int col,
			const char *pointer, const char *message)
{
	const struct rule *rule = rule_find(code);
	struct finding *f;

	if (!rule) {
		j->oom = true; /* a code missing from rules[]: a bug, never silent */
		return;
	}
	if (ignored(r, rule)) {
		j->ignored++;
		return;
	}
	if (j->nf == j->capf) {
		size_t cap = j->capf ? j->capf * 2 : 8;
		struct finding *nf = realloc(j->f, cap * sizeof(*nf));
		if (!nf) {
			j->oom = true;
			return;
		}
		j->f = nf;
		j->capf = cap;
	}
	f = &j->f[j->nf];
	f->rule = rule;
	f->line = line;
	f->col = col;
	f->seq = j->nf;
	f->pointer = str_dup(pointer);
	f->message = clean_dup(message);
	if (!f->pointer || !f->message) {
		free(f->pointer);
		free(f->message);
		j->oom = true;
		return;
	}
	j->nf++;
}

#if defined(__GNUC__)
__attribute__((format(printf, 7, 8)))
#endif
static void
addf(struct check_run *r, struct job *j, const char *code, int line, int col, const char *pointer,
     const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	add_finding(r, j, code, line, col, pointer, msg);
}

/* A short quotation of content text for a message (control characters are cleaned later). */
static void quote(const char *s, char *out, size_t outlen)
{
	size_t n = strlen(s);

	if (n < QUOTE_MAX && n < outlen) {
		memcpy(out, s, n + 1);
		return;
	}
	n = QUOTE_MAX < outlen - 4 ? QUOTE_MAX : outlen - 4;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--; /* never cut a UTF-8 character */
	memcpy(out, s, n);
	memcpy(out + n, "...", 4);
}

/* ---- text matching ---- */

/* Normalised copy (see safety_normalize) padded with a space each side; NULL on no memory. */
static char *norm_padded(const char *text, size_t n)
{
	char *p = malloc(n + 3);
	size_t k;

	if (!p)
		return NULL;
	p[0] = ' ';
	k = safety_normalize(text, p + 1, n + 1);
	if (k == (size_t)-1)
		k = 0;
	p[k + 1] = ' ';
	p[k + 2] = '\0';
	return p;
}

/*
 * The safe-messaging word lists (CG3xx).  All are written normalised:
 * lowercase, apostrophes dropped, punctuation and dashes as spaces.
 */
static const char *const committed_phrases[] = { "committed suicide", "commit suicide",
						 "commits suicide", "committing suicide", NULL };
static const char *const outcome_phrases[] = { "successful suicide",
					       "unsuccessful suicide",
					       "failed suicide",
					       "completed suicide",
					       "successful suicide attempt",
					       "failed suicide attempt",
					       NULL };
static const char *const outcome_attempt[] = { "successful attempt", "unsuccessful attempt",
					       "failed attempt", NULL };
static const char *const epidemic_words[] = { "epidemic", "epidemics", NULL };
/* words that say the text is about suicide or self-harm */
static const char *const suicide_words[] = { "suicide",
					     "suicides",
					     "suicidal",
					     "self harm",
					     "selfharm",
					     "self harming",
					     "self injury",
					     "self injure",
					     "kill himself",
					     "kill herself",
					     "kill themselves",
					     "kill myself",
					     "kill yourself",
					     "killed himself",
					     "killed herself",
					     "killed themselves",
					     "take their own life",
					     "took their own life",
					     "take his own life",
					     "take her own life",
					     "end their life",
					     "end their lives",
					     "hurt themselves",
					     "hurt yourself",
					     "harm themselves",
					     "harm yourself",
					     NULL };
/* words that name a method, flagged only within METHOD_NEAR words of those above */
static const char *const method_words[] = { "hang",
					    "hanged",
					    "hanging",
					    "noose",
					    "rope",
					    "ligature",
					    "overdose",
					    "overdosed",
					    "overdosing",
					    "pills",
					    "tablets",
					    "poison",
					    "poisoned",
					    "poisoning",
					    "gun",
					    "guns",
					    "firearm",
					    "firearms",
					    "shoot",
					    "shot",
					    "jump",
					    "jumped",
					    "jumping",
					    "bridge",
					    "cliff",
					    "razor",
					    "razors",
					    "blade",
					    "blades",
					    "slit",
					    "wrist",
					    "wrists",
					    "cut",
					    "cuts",
					    "cutting",
					    "burn",
					    "burning",
					    "drown",
					    "drowned",
					    "drowning",
					    "suffocate",
					    "suffocation",
					    "carbon monoxide",
					    "bleach",
					    "pesticide",
					    "pesticides",
					    "train",
					    NULL };
#define METHOD_NEAR 8
/* promises that crying cures or treats something */
static const char *const cure_phrases[] = {
	"crying cures",     "crying cured",    "crying heals",
	"crying treats",    "crying fixes",    "tears cure",
	"tears heal",       "tears treat",     "a good cry cures",
	"cures depression", "cure depression", "cures anxiety",
	"cure anxiety",     "cures stress",    "treats depression",
	"treats anxiety",   "treats stress",   "will heal",
	"will cure",        "will treat",      "will fix",
	"is a cure",        "a cure for",      "is a treatment for",
	"guaranteed to",    "guarantees",      NULL
};
/* a sentence with one of these keeps its hedge and is not a promise */
static const char *const hedge_words[] = { "may",   "might",   "could",    "perhaps",   "possibly",
					   "maybe", "suggest", "suggests", "suggested", "research",
					   "study", "studies", "not",      "no",        "never",
					   "isnt",  "doesnt",  "dont",     "cannot",    "cant",
					   "wont",  "arent",   "nor",      NULL };
/* outdated crisis numbers and options (CG206) */
static const char *const retired_numbers[] = {
	"1 800 273 8255", "800 273 8255", "18002738255", "8002738255",    "2738255",
	"1 800 273 talk", "800 273 talk", "273 talk",    "1 800 suicide", "800 suicide",
	"784 2433",       "press 3",      NULL
};

/*
 * All the lists above in one table sorted by first word, so a text is
 * scanned once, word by word, instead of once per phrase.
 */
enum {
	L_RETIRED,
	L_COMMITTED,
	L_OUTCOME,
	L_ATTEMPT,
	L_EPIDEMIC,
	L_SUICIDE,
	L_METHOD,
	L_CURE,
	L_HEDGE,
	L_COUNT
};

static const char *const *const word_lists[L_COUNT] = {
	retired_numbers, committed_phrases, outcome_phrases, outcome_attempt, epidemic_words,
	suicide_words,   method_words,      cure_phrases,    hedge_words
};

struct phrase_entry {
	const char *phrase;
	size_t first; /* length of its first word */
	size_t len;
	int list;
};

#define PHRASES_MAX 512
static struct phrase_entry phrase_index[PHRASES_MAX];
static size_t phrase_count;
static size_t bucket_lo[256], bucket_hi[256]; /* entries by first byte */
/* a bit per hash of each entry's first word: most words of a text are in no
 * list, and one look-up here turns them away before any comparison */
static unsigned char first_word_bits[4096 / 8];

static unsigned word_hash(const char *w, size_t n)
{
	unsigned h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)w[i]) * 16777619u;
	return h % 4096;
}
static pthread_once_t phrase_once = PTHREAD_ONCE_INIT;

/* Compare a word (w, n bytes) with an entry's first word. */
static int first_word_cmp(const char *w, size_t n, const struct phrase_entry *e)
{
	size_t m = n < e->first ? n : e->first;
	int c = memcmp(w, e->phrase, m);

	if (c)
		return c;
	return n < e->first ? -1 : n > e->first;
}

static int phrase_entry_cmp(const void *a, const void *b)
{
	const struct phrase_entry *x = a, *y = b;
	int c = first_word_cmp(x->phrase, x->first, y);

	return c ? c : x->list - y->list;
}

static void phrase_index_build(void)
{
	size_t l, i;

	for (l = 0; l < L_COUNT; l++)
		for (i = 0; word_lists[l][i] && phrase_count < PHRASES_MAX; i++) {
			struct phrase_entry *e = &phrase_index[phrase_count++];
			e->phrase = word_lists[l][i];
			e->first = strcspn(e->phrase, " ");
			e->len = strlen(e->phrase);
			e->list = (int)l;
		}
	qsort(phrase_index, phrase_count, sizeof(phrase_index[0]), phrase_entry_cmp);
	for (i = 0; i < phrase_count; i++) {
		unsigned h = word_hash(phrase_index[i].phrase, phrase_index[i].first);
		first_word_bits[h / 8] |= (unsigned char)(1u << (h % 8));
	}
	for (i = phrase_count; i-- > 0;) {
		unsigned char c = (unsigned char)phrase_index[i].phrase[0];
		if (bucket_hi[c] == 0)
			bucket_hi[c] = i + 1;
		bucket_lo[c] = i;
	}
}

#define HIT_POS_MAX 32

/* Which lists a text hits: the first phrase of each, and the word positions. */
struct hits {
	const char *first[L_COUNT];
	size_t pos[L_COUNT][HIT_POS_MAX];
	size_t npos[L_COUNT];
};

/* Scan padded normalised text (" words like this ") once. */
static void hits_scan(const char *padded, struct hits *h)
{
	const char *p = padded + 1;
	size_t word = 0;

	pthread_once(&phrase_once, phrase_index_build);
	memset(h, 0, sizeof(*h));
	while (*p && *p != ' ') {
		size_t n = 0;
		size_t lo = bucket_lo[(unsigned char)*p], hi = bucket_hi[(unsigned char)*p],
		       end = hi;
		unsigned hash = 2166136261u; /* word_hash(), while finding the word's end */

		for (; p[n] && p[n] != ' '; n++)
			hash = (hash ^ (unsigned char)p[n]) * 16777619u;
		hash %= 4096;
		if (!(first_word_bits[hash / 8] & (1u << (hash % 8))))
			lo = hi; /* no entry starts with this word */

		while (lo < hi) { /* the first entry whose first word is >= this word */
			size_t mid = lo + (hi - lo) / 2;
			if (first_word_cmp(p, n, &phrase_index[mid]) > 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < end && first_word_cmp(p, n, &phrase_index[lo]) == 0; lo++) {
			const struct phrase_entry *e = &phrase_index[lo];
			if (strncmp(p, e->phrase, e->len) != 0 || p[e->len] != ' ')
				continue;
			if (!h->first[e->list])
				h->first[e->list] = e->phrase;
			if (h->npos[e->list] < HIT_POS_MAX)
				h->pos[e->list][h->npos[e->list]++] = word;
		}
		p += n;
		if (*p == ' ')
			p++;
		word++;
	}
}

/* ---- checking one file ---- */

/* A growing list of owned strings. */
struct strlist {
	const char **v;
	size_t n, cap;
};

struct walk {
	struct check_run *r;
	struct job *j;
	const char *buf;
	size_t len;
	bool parse_failed; /* the validator found it unreadable as JSON */
	/* CG209 took the place of a structural finding (the crisis line,
	 * resources and disclaimer are the validator's: floor.h) */
	bool flagged_phrases, flagged_mm, flagged_mnm;

	/* safety */
	/* the lexicon, as copies: the walker's strings live only during its call */
	struct strlist phrases, rules, modifiers;
	struct pairlist {
		struct lexicon_pair *v;
		size_t n, cap;
	} shorthand, terms;
	struct example {
		char *text; /* copies: the walker's strings live only during its call */
		char *pointer;
		enum crisis_tier want;
	} * ex;
	size_t n_ex, cap_ex;
	char *title;
};

static void locate(const struct walk *w, const char *pointer, int *line, int *col)
{
	*line = *col = 0;
	jsonpos_locate(w->buf, w->len, pointer, line, col);
}

/* A finding at the value pointer names: placed later, with the file's others, by place_findings(). */
static void add_at(struct walk *w, const char *code, const char *pointer, const char *msg)
{
	add_finding(w->r, w->j, code, LINE_PENDING, 0, pointer, msg);
}

/*
 * The line and column of every finding add_at() left unplaced, in one scan
 * of the file (one scan a finding would make a file with many of them cost
 * the square of their number).
 */
static void place_findings(struct walk *w)
{
	struct job *j = w->j;
	struct jsonpos_query *q = NULL;
	size_t *at = NULL, k, n = 0;

	for (k = 0; k < j->nf; k++)
		if (j->f[k].line == LINE_PENDING)
			n++;
	if (n == 0)
		return;
	q = malloc(n * sizeof(*q));
	at = malloc(n * sizeof(*at));
	if (q && at) {
		for (k = 0, n = 0; k < j->nf; k++) {
			if (j->f[k].line != LINE_PENDING)
				continue;
			q[n].pointer = j->f[k].pointer;
			at[n++] = k;
		}
		if (jsonpos_locate_all(w->buf, w->len, q, n) == 0) {
			for (k = 0; k < n; k++) {
				j->f[at[k]].line = q[k].line;
				j->f[at[k]].col = q[k].col;
			}
		}
	}
	for (k = 0; k < j->nf; k++) {
		if (j->f[k].line == LINE_PENDING) {
			j->f[k].line = j->f[k].col = 0; /* memory ran out: never a made-up place */
			j->oom = true;
		}
	}
	free(q);
	free(at);
}

/*
 * Where a safety rule covers the same problem as a structural one, the
 * safety code takes its place: so it cannot be ignored, and is not said twice.
 */
static const struct {
	enum content_kind kind;
	const char *code, *pointer, *becomes;
} superseded[] = {
	{ CONTENT_SAFETY, "CG104", "/crisis_line", "CG201" },
	{ CONTENT_SAFETY, "CG113", "/resources", "CG201" },
	{ CONTENT_SAFETY, "CG113", "/phrases", "CG209" },
	{ CONTENT_SAFETY, "CG113", "/examples/must_match", "CG209" },
	{ CONTENT_SAFETY, "CG113", "/examples/must_not_match", "CG209" },
	{ CONTENT_GUIDE, "CG104", "/disclaimer", "CG202" },
};

static void on_issue(void *ctx, const struct content_issue *is)
{
	struct walk *w = ctx;
	const char *code = is->code;
	size_t i;

	if (strcmp(code, "CG002") == 0 || strcmp(code, "CG003") == 0 ||
	    strcmp(code, "CG004") == 0 || strcmp(code, "CG005") == 0 || strcmp(code, "CG006") == 0)
		w->parse_failed = true;
	for (i = 0; i < sizeof(superseded) / sizeof(superseded[0]); i++) {
		if (superseded[i].kind != w->j->kind || strcmp(superseded[i].code, code) != 0 ||
		    strcmp(superseded[i].pointer, is->pointer) != 0)
			continue;
		code = superseded[i].becomes;
		if (strcmp(is->pointer, "/phrases") == 0)
			w->flagged_phrases = true;
		else if (strcmp(is->pointer, "/examples/must_match") == 0)
			w->flagged_mm = true;
		else if (strcmp(is->pointer, "/examples/must_not_match") == 0)
			w->flagged_mnm = true;
		break;
	}
	add_finding(w->r, w->j, code, is->line, is->col, is->pointer, is->message);
}

/* True when pointer is "/prefix/N" for a number N. */
static bool is_entry_of(const char *pointer, const char *prefix)
{
	size_t n = strlen(prefix);

	return strncmp(pointer, prefix, n) == 0 && pointer[n] == '/' && pointer[n + 1] >= '0' &&
	       pointer[n + 1] <= '9' &&
	       strspn(pointer + n + 1, "0123456789") == strlen(pointer + n + 1);
}

/* CG3xx over one string of guide text, and CG206 over any string. */
static void text_rules(struct walk *w, const char *pointer, const char *text, bool messaging)
{
	size_t n = strlen(text), a, b;
	char *p = norm_padded(text, n);
	const char *hit;
	struct hits h;
	char msg[256];
	bool near = false;

	if (!p) {
		w->j->oom = true;
		return;
	}
	hits_scan(p, &h);
	free(p);
	if ((hit = h.first[L_RETIRED]) != NULL) {
		if (strcmp(hit, "press 3") == 0)
			snprintf(
			    msg, sizeof(msg),
			    "the retired 988 option \"press 3\" is listed (veterans press 1, Spanish press 2)");
		else
			snprintf(msg, sizeof(msg),
				 "retired crisis number ('%s'): the lifeline is now 988", hit);
		add_at(w, "CG206", pointer, msg);
	}
	if (!messaging)
		return;
	if ((hit = h.first[L_COMMITTED]) != NULL) {
		snprintf(msg, sizeof(msg), "\"%s\" implies a crime: say \"died by suicide\"", hit);
		add_at(w, "CG301", pointer, msg);
	}
	if ((hit = h.first[L_OUTCOME]) != NULL ||
	    (h.first[L_SUICIDE] && (hit = h.first[L_ATTEMPT]))) {
		snprintf(
		    msg, sizeof(msg),
		    "\"%s\" treats a suicide attempt as a success or failure: say \"suicide attempt\" or \"died by suicide\"",
		    hit);
		add_at(w, "CG302", pointer, msg);
	}
	if ((hit = h.first[L_EPIDEMIC]) != NULL) {
		snprintf(msg, sizeof(msg), "\"%s\" sensationalises: give facts without alarm words",
			 hit);
		add_at(w, "CG303", pointer, msg);
	}
	for (a = 0; a < h.npos[L_SUICIDE] && !near; a++)
		for (b = 0; b < h.npos[L_METHOD] && !near; b++) {
			size_t x = h.pos[L_SUICIDE][a], y = h.pos[L_METHOD][b];
			near = (x > y ? x - y : y - x) <= METHOD_NEAR;
		}
	if (near)
		add_at(w, "CG304", pointer,
		       "text names a method of suicide or self-harm: leave method details out");
	if (h.first[L_CURE]) {
		/* one sentence at a time: a hedge counts only in its own sentence */
		const char *start = text, *end;
		for (; *start; start = *end ? end + 1 : end) {
			char *sp, *q;
			size_t len;
			end = start + strcspn(start, ".!?;");
			len = (size_t)(end - start);
			sp = malloc(len + 1);
			q = sp ? malloc(len + 3) : NULL;
			if (!q) {
				free(sp);
				w->j->oom = true;
				return;
			}
			memcpy(sp, start, len);
			sp[len] = '\0';
			q[0] = ' ';
			a = safety_normalize(sp, q + 1, len + 1);
			if (a == (size_t)-1)
				a = 0;
			q[a + 1] = ' ';
			q[a + 2] = '\0';
			hits_scan(q, &h);
			free(q);
			free(sp);
			if (h.first[L_CURE] && !h.first[L_HEDGE]) {
				snprintf(
				    msg, sizeof(msg),
				    "\"%s\" promises a cure or treatment: keep the hedges (\"may\", \"research suggests\")",
				    h.first[L_CURE]);
				add_at(w, "CG305", pointer, msg);
				return; /* once per string is enough */
			}
		}
	}
}

static bool push_str(struct strlist *l, const char *s)
{
	if (l->n == l->cap) {
		size_t c = l->cap ? l->cap * 2 : 64;
		const char **na = realloc(l->v, c * sizeof(*na));
		if (!na)
			return false;
		l->v = na;
		l->cap = c;
	}
	l->v[l->n++] = s;
	return true;
}

static void strlist_free(struct strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free((char *)l->v[i]);
	free(l->v);
}

/*
 * "/matcher/shorthand/KEY" (a string) or "/matcher/concepts/KEY/N" (an
 * entry): a pair of KEY (its ~0 ~1 escapes undone) and text.
 */
static bool push_pair(struct walk *w, const char *pointer, const char *text)
{
	bool concept = strncmp(pointer, "/matcher/concepts/", 18) == 0;
	struct pairlist *l = concept ? &w->terms : &w->shorthand;
	const char *k = strchr(pointer + 9, '/') + 1, *e;
	char *key, *val, *o;

	e = concept ? strrchr(pointer, '/') : k + strlen(k);
	if (concept && e < k)
		return true; /* not an entry: the structure check reports it */
	if (l->n == l->cap) {
		size_t c = l->cap ? l->cap * 2 : 64;
		struct lexicon_pair *nv = realloc(l->v, c * sizeof(*nv));
		if (!nv)
			return false;
		l->v = nv;
		l->cap = c;
	}
	key = malloc((size_t)(e - k) + 1);
	val = str_dup(text);
	if (!key || !val) {
		free(key);
		free(val);
		return false;
	}
	for (o = key; k < e; k++)
		if (*k == '~' && (k[1] == '0' || k[1] == '1'))
			*o++ = *++k == '0' ? '~' : '/';
		else
			*o++ = *k;
	*o = '\0';
	l->v[l->n].key = key;
	l->v[l->n++].value = val;
	return true;
}

static void pairlist_free(struct pairlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free((char *)l->v[i].key);
		free((char *)l->v[i].value);
	}
	free(l->v);
}

/* The list an entry of "phrases", "matcher/rules" or "matcher/modifiers" goes in, else NULL. */
static struct strlist *lexicon_list(struct walk *w, const char *pointer)
{
	if (is_entry_of(pointer, "/phrases"))
		return &w->phrases;
	if (is_entry_of(pointer, "/matcher/rules"))
		return &w->rules;
	if (is_entry_of(pointer, "/matcher/modifiers"))
		return &w->modifiers;
	return NULL;
}

static void on_string(void *ctx, const char *pointer, const char *text)
{
	struct walk *w = ctx;
	struct job *j = w->j;
	struct strlist *l;
	char *copy;

	if (strcmp(pointer, "/$schema") == 0)
		return;
	switch (j->kind) {
	case CONTENT_SECTION:
		text_rules(w, pointer, text, true);
		if (strcmp(pointer, "/id") == 0) {
			free(j->id);
			j->id = str_dup(text);
			if (!j->id)
				j->oom = true;
		} else if (strcmp(pointer, "/title") == 0) {
			free(w->title);
			w->title = str_dup(text);
			if (!w->title)
				j->oom = true;
		}
		return;
	case CONTENT_GUIDE:
		text_rules(w, pointer, text, true);
		if (is_entry_of(pointer, "/sections")) {
			struct manifest_entry *e;
			if (j->n_manifest == j->cap_manifest) {
				size_t c = j->cap_manifest ? j->cap_manifest * 2 : 16;
				struct manifest_entry *nm = realloc(j->manifest, c * sizeof(*nm));
				if (!nm) {
					j->oom = true;
					return;
				}
				j->manifest = nm;
				j->cap_manifest = c;
			}
			e = &j->manifest[j->n_manifest];
			e->id = str_dup(text);
			if (!e->id) {
				j->oom = true;
				return;
			}
			e->has_file = false;
			e->last = NULL;
			e->line = e->col = 0; /* found later, only for entries with a finding */
			j->n_manifest++;
		}
		return;
	case CONTENT_SAFETY: break;
	}
	/* safety.json: the phrases, lexicon and examples are crisis language by design */
	if ((l = lexicon_list(w, pointer)) != NULL) {
		copy = str_dup(text);
		if (!copy || !push_str(l, copy)) {
			free(copy);
			j->oom = true;
		}
		return;
	}
	if (strncmp(pointer, "/matcher/shorthand/", 19) == 0 ||
	    strncmp(pointer, "/matcher/concepts/", 18) == 0) {
		if (!push_pair(w, pointer, text))
			j->oom = true;
		return;
	}
	if (is_entry_of(pointer, "/examples/must_match") ||
	    is_entry_of(pointer, "/examples/must_match_medium") ||
	    is_entry_of(pointer, "/examples/must_not_match")) {
		struct example *e;
		if (w->n_ex == w->cap_ex) {
			size_t c = w->cap_ex ? w->cap_ex * 2 : 32;
			struct example *ne = realloc(w->ex, c * sizeof(*ne));
			if (!ne) {
				j->oom = true;
				return;
			}
			w->ex = ne;
			w->cap_ex = c;
		}
		e = &w->ex[w->n_ex];
		e->want = strncmp(pointer, "/examples/must_match/", 21) == 0       ? CRISIS_HIGH
			  : strncmp(pointer, "/examples/must_not_match/", 25) == 0 ? CRISIS_NONE
										   : CRISIS_MEDIUM;
		e->pointer = str_dup(pointer);
		e->text = str_dup(text);
		if (!e->pointer || !e->text) {
			free(e->pointer);
			free(e->text);
			j->oom = true;
			return;
		}
		w->n_ex++;
		return;
	}
	text_rules(w, pointer, text, true);
	if (strncmp(pointer, "/resources/", 11) == 0) {
		const char *rest = pointer + 11 + strspn(pointer + 11, "0123456789");
		if (strcmp(rest, "/verified_on") == 0) {
			int y, m, d;
			char extra, later[16];
			if (strlen(text) == 10 &&
			    sscanf(text, "%4d-%2d-%2d%c", &y, &m, &d, &extra) == 3 && y > 1900 &&
			    y < 9999) {
				snprintf(later, sizeof(later), "%04d%s", y + 1, text + 4);
				if (strcmp(later, w->r->today) < 0) {
					char msg[128];
					snprintf(
					    msg, sizeof(msg),
					    "verified_on %s is more than a year before %s: check the resource again",
					    text, w->r->today);
					add_at(w, "CG207", pointer, msg);
				}
			}
		}
	}
}

/* A section file name "NN-ID.json": the ID part into id (NUL-terminated), or false. */
static bool section_name(const char *path, char *id, size_t idlen, long *number)
{
	const char *base = strrchr(path, '/');
	size_t digits, n;

	base = base ? base + 1 : path;
	digits = strspn(base, "0123456789");
	n = strlen(base);
	if (digits < 2 || base[digits] != '-' || n < digits + 7 ||
	    strcmp(base + n - 5, ".json") != 0)
		return false;
	n = n - 5 - digits - 1;
	if (n == 0 || n >= idlen)
		return false;
	memcpy(id, base + digits + 1, n);
	id[n] = '\0';
	*number = strtol(base, NULL, 10);
	return true;
}

static void check_section(struct walk *w)
{
	struct job *j = w->j;
	char id[256], *t;
	long number;

	if (w->title) {
		t = norm_padded(w->title, strlen(w->title));
		if (!t) {
			j->oom = true;
			return;
		}
		j->seek_help = strstr(t, " seek help ") || strstr(t, " seeking help ");
		free(t);
	}
	if (j->id && strcmp(j->id, "when-to-seek-help") == 0)
		j->seek_help = true;
	if (j->id && section_name(j->path, id, sizeof(id), &number) && strcmp(id, j->id) != 0) {
		char q[QUOTE_MAX + 4], msg[512];
		quote(j->id, q, sizeof(q));
		snprintf(msg, sizeof(msg),
			 "section id '%s' does not match its file name (expected '%s')", q, id);
		add_finding(w->r, j, "CG111", j->id_line, j->id_col, "/id", msg);
	}
}

static void check_guide(struct walk *w)
{
	struct job *j = w->j;

	j->has_secs = jsonpos_locate(w->buf, w->len, "/sections", &j->secs_line, &j->secs_col) == 0;
}

static void check_matcher(struct walk *w);

/*
 * CG209 over a parsed safety.json, then the crisis matcher's examples and
 * rules (check_matcher: CG204, CG205, CG210, CG212).  CG201, CG202 and
 * CG208, the safety floor, and CG211, a lexicon that does not read, come
 * from the validator with the structural findings: one implementation for
 * the loader and for `check`.
 */
static void check_safety(struct walk *w)
{
	size_t i, nmust = 0, nnot = 0;

	for (i = 0; i < w->n_ex; i++) {
		if (w->ex[i].want == CRISIS_HIGH)
			nmust++;
		else if (w->ex[i].want == CRISIS_NONE)
			nnot++;
	}
	if (w->phrases.n == 0 && !w->flagged_phrases)
		add_at(w, "CG209", "",
		       "no crisis phrases: safety.json needs 'phrases' for the matcher");
	if (nmust == 0 && !w->flagged_mm)
		add_at(w, "CG209", "",
		       "no must_match examples to test the crisis-phrase matcher with");
	if (nnot == 0 && !w->flagged_mnm)
		add_at(w, "CG209", "",
		       "no must_not_match examples to test the crisis-phrase matcher with");
	check_matcher(w);
}

/*
 * The real matcher, as the walk builds it: the compiled-in lexicon first,
 * then this file's, which can only add.  Every example must read at its tier.
 */
static void check_matcher(struct walk *w)
{
	struct lexicon lex = { 0 };
	const struct lexicon *lp = &lex;
	struct matcher_error err;
	struct matcher *m;
	const char *dead[8];
	char q[QUOTE_MAX + 4], msg[512], ptr[64];
	size_t i, n;

	lex.shorthand = w->shorthand.v;
	lex.n_shorthand = w->shorthand.n;
	lex.terms = w->terms.v;
	lex.n_terms = w->terms.n;
	lex.rules = w->rules.v;
	lex.n_rules = w->rules.n;
	lex.modifiers = w->modifiers.v;
	lex.n_modifiers = w->modifiers.n;
	lex.phrases = w->phrases.v;
	lex.n_phrases = w->phrases.n;
	m = matcher_new(&lp, 1, &err);
	if (!m) {
		/* a lexicon that does not read is CG211, the validator's finding */
		if (err.oom)
			w->j->oom = true;
		return;
	}
	n = matcher_dead_rules(m, dead, sizeof(dead) / sizeof(dead[0]));
	for (i = 0; i < n && i < sizeof(dead) / sizeof(dead[0]); i++) {
		size_t k;
		snprintf(ptr, sizeof(ptr), "/matcher/rules");
		for (k = 0; k < w->rules.n; k++) {
			const char *at = strstr(w->rules.v[k], dead[i]);
			if (at && at[strlen(dead[i])] == ':') {
				snprintf(ptr, sizeof(ptr), "/matcher/rules/%zu", k);
				break;
			}
		}
		quote(dead[i], q, sizeof(q));
		snprintf(
		    msg, sizeof(msg),
		    "rule '%s' can never decide a line's tier: another rule reads the same concepts as widely, at a tier as high",
		    q);
		add_at(w, "CG212", ptr, msg);
	}
	for (i = 0; i < w->n_ex; i++) {
		enum crisis_tier got = matcher_tier(m, w->ex[i].text, NULL);
		const char *code = w->ex[i].want == CRISIS_HIGH     ? "CG204"
				   : w->ex[i].want == CRISIS_MEDIUM ? "CG210"
								    : "CG205";
		if (got == w->ex[i].want)
			continue;
		quote(w->ex[i].text, q, sizeof(q));
		snprintf(
		    msg, sizeof(msg),
		    "example '%s' reads %s to the crisis matcher, not %s (change the lexicon in 'matcher')",
		    q, crisis_tier_name(got), crisis_tier_name(w->ex[i].want));
		add_at(w, code, w->ex[i].pointer, msg);
	}
	matcher_free(m);
}

static void check_job(struct check_run *r, struct job *j)
{
	struct walk w;
	char *owned = NULL;
	const char *buf;
	size_t len, i;
	int rc;

	if (j->pre_errno) {
		j->read_errno = j->pre_errno;
		return;
	}
	if (j->fs) {
		if (content_read_file(j->fs, &owned, &len, &j->read_why) != 0) {
			if (errno == ENOMEM)
				j->oom = true; /* not the file's fault: never a CG001 finding */
			else
				j->read_errno = errno ? errno : EIO;
			return;
		}
		buf = owned;
	} else {
		buf = j->data;
		len = j->len;
	}
	memset(&w, 0, sizeof(w));
	w.r = r;
	w.j = j;
	w.buf = buf;
	w.len = len;
	rc = content_validate_each(j->kind, buf, len, on_issue, on_string, &w);
	if (rc < 0) {
		j->oom = true;
	} else if (!w.parse_failed) {
		locate(&w, "", &j->root_line, &j->root_col);
		if (j->id) /* once, however often the file repeats "id" */
			locate(&w, "/id", &j->id_line, &j->id_col);
		j->parsed = true;
		if (j->kind == CONTENT_SECTION)
			check_section(&w);
		else if (j->kind == CONTENT_GUIDE)
			check_guide(&w);
		else
			check_safety(&w);
	}
	place_findings(&w);
	for (i = 0; i < w.n_ex; i++) {
		free(w.ex[i].pointer);
		free(w.ex[i].text);
	}
	free(w.ex);
	strlist_free(&w.phrases);
	strlist_free(&w.rules);
	strlist_free(&w.modifiers);
	pairlist_free(&w.shorthand);
	pairlist_free(&w.terms);
	free(w.title);
	free(owned);
}

/* ---- files in order ---- */

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
static int merge_start(struct check_run *r)
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
static int merge_next(struct check_run *r, struct job *j)
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

/* ---- across files ---- */

static int finding_cmp(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Findings for files that could not be read, with the reason. */
static void unreadable_findings(struct check_run *r, struct job *j)
{
	bool folder = j->pre_errno != 0;

	if (!j->read_errno)
		return;
	if (j->read_errno == EFBIG)
		addf(r, j, "CG003", 0, 0, "", "file is larger than 1 MiB");
	else
		addf(r, j, "CG001", 0, 0, "", "cannot %s: %s", folder ? "read the folder" : "open",
		     j->read_why ? j->read_why : strerror(j->read_errno));
}

/* A guide or safety file that cannot be read leaves the safety text unchecked: never silently. */
static void unchecked_safety(struct check_run *r, struct job *j)
{
	if (j->parsed || j->oom || j->kind == CONTENT_SECTION)
		return;
	if (j->kind == CONTENT_GUIDE)
		add_finding(r, j, "CG202", j->read_errno ? 0 : 1, j->read_errno ? 0 : 1, "",
			    "the disclaimer cannot be checked: guide.json cannot be read as JSON");
	else if (j->kind == CONTENT_SAFETY)
		add_finding(
		    r, j, "CG201", j->read_errno ? 0 : 1, j->read_errno ? 0 : 1, "",
		    "the crisis line cannot be checked: safety.json cannot be read as JSON");
}

static int entry_cmp(const void *a, const void *b)
{
	const struct manifest_entry *x = *(const struct manifest_entry *const *)a,
				    *y = *(const struct manifest_entry *const *)b;
	int c = strcmp(x->id, y->id);

	return c ? c : (x < y ? -1 : x > y);
}

/* The manifest entry for id (the first of equal ids), or NULL. */
static struct manifest_entry *manifest_find(struct manifest_entry *const *by_id, size_t n,
					    const char *id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(by_id[mid]->id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* the first of equal ids: the manifest's own CG105 covers repeats */
	return lo < n && strcmp(by_id[lo]->id, id) == 0 ? by_id[lo] : NULL;
}

/*
 * Note that the file PATH has section id ID: *prev is the file seen last
 * with it (caller frees), or NULL.  A full table remembers no more ids.
 * -1 when memory ran out.
 */
static int idtab_see(struct idtab *t, const char *id, const char *path, char **prev)
{
	size_t lo = 0, hi = t->n;
	char *p;

	*prev = NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(t->v[mid].id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < t->n && strcmp(t->v[lo].id, id) == 0) {
		p = str_dup(path);
		if (!p)
			return -1;
		*prev = t->v[lo].path;
		t->v[lo].path = p;
		return 0;
	}
	if (t->max && t->n >= t->max)
		return 0;
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		struct id_seen *nv = realloc(t->v, cap * sizeof(*nv));
		if (!nv)
			return -1;
		t->v = nv;
		t->cap = cap;
	}
	memmove(&t->v[lo + 1], &t->v[lo], (t->n - lo) * sizeof(*t->v));
	t->v[lo].id = str_dup(id);
	t->v[lo].path = str_dup(path);
	t->n++;
	if (!t->v[lo].id || !t->v[lo].path)
		return -1;
	return 0;
}

/* CG105 across files: a section id that an earlier file (in path order) of its set also has. */
static void duplicate_id(struct check_run *r, struct job *j, struct idtab *t,
			 struct manifest_entry *e)
{
	char *prev = NULL, q[QUOTE_MAX + 4];

	if (e) {
		prev = e->last;
		e->last = str_dup(j->path);
		if (!e->last)
			j->oom = true;
	} else if (idtab_see(t, j->id, j->path, &prev) != 0) {
		j->oom = true;
	}
	if (!prev)
		return;
	quote(j->id, q, sizeof(q));
	addf(r, j, "CG105", j->id_line, j->id_col, "/id", "section id '%s' is also the id of %s", q,
	     prev);
	free(prev);
}

/* A set's guide.json, once checked: its manifest sorted by id for the files that follow. */
static void set_take_guide(struct source *s, struct job *j)
{
	size_t k;

	s->guide = *j;
	memset(j, 0, sizeof(*j));
	s->have_guide = true;
	if (!s->guide.parsed || s->guide.n_manifest == 0)
		return;
	s->by_id = malloc(s->guide.n_manifest * sizeof(*s->by_id));
	if (!s->by_id) {
		s->guide.oom = true;
		return;
	}
	for (k = 0; k < s->guide.n_manifest; k++)
		s->by_id[k] = &s->guide.manifest[k];
	qsort(s->by_id, s->guide.n_manifest, sizeof(*s->by_id), entry_cmp);
}

/* CG110 for a section file of a set against the manifest, in path order. */
static void manifest_findings(struct check_run *r, struct source *s, struct job *j)
{
	const struct job *guide = &s->guide;
	struct manifest_entry *e;
	char id[256], q[QUOTE_MAX + 4];
	long number;
	size_t k;
	int line = j->id ? j->id_line : j->root_line, col = j->id ? j->id_col : j->root_col;
	const char *ptr = j->id ? "/id" : "";

	if (!section_name(j->path, id, sizeof(id), &number)) {
		addf(
		    r, j, "CG110", line, col, ptr,
		    "section file names must be NN-ID.json (NN its place in guide.json's sections)");
		return;
	}
	quote(id, q, sizeof(q));
	e = manifest_find(s->by_id, s->by_id ? guide->n_manifest : 0, id);
	if (!e) {
		addf(r, j, "CG110", line, col, ptr,
		     "section '%s' is not listed in guide.json's sections", q);
		return;
	}
	if (e->has_file) {
		addf(r, j, "CG110", line, col, ptr, "section '%s' has more than one file", q);
		return;
	}
	e->has_file = true;
	k = (size_t)(e - guide->manifest);
	if (number < 0 || (size_t)number != k + 1)
		addf(
		    r, j, "CG110", line, col, ptr,
		    "file number %02ld does not match the section's place in guide.json's sections (%02zu): rename it %02zu-%s.json",
		    number, k + 1, k + 1, q);
}

/* The cross-file rules for a section file of a set, in path order: CG110, then CG105. */
static void set_section(struct check_run *r, struct source *s, struct job *j)
{
	s->seek_help |= j->seek_help;
	if (s->have_guide && s->guide.parsed)
		manifest_findings(r, s, j);
	if (j->id)
		duplicate_id(r, j, &s->unlisted,
			     manifest_find(s->by_id, s->by_id ? s->guide.n_manifest : 0, j->id));
}

/* The line and column of every manifest entry that has no file, in one scan of guide.json. */
static void locate_missing(struct job *guide, const char *buf, size_t len)
{
	struct jsonpos_query *q;
	char(*ptr)[32];
	size_t k, n = 0;

	for (k = 0; k < guide->n_manifest; k++)
		if (!guide->manifest[k].has_file)
			n++;
	if (n == 0)
		return;
	q = malloc(n * sizeof(*q));
	ptr = malloc(n * sizeof(*ptr));
	if (!q || !ptr) {
		guide->oom = true;
		goto out;
	}
	for (k = 0, n = 0; k < guide->n_manifest; k++) {
		if (guide->manifest[k].has_file)
			continue;
		snprintf(ptr[n], sizeof(ptr[n]), "/sections/%zu", k);
		q[n].pointer = ptr[n];
		n++;
	}
	if (jsonpos_locate_all(buf, len, q, n) != 0) {
		guide->oom = true;
		goto out;
	}
	for (k = 0, n = 0; k < guide->n_manifest; k++) {
		if (guide->manifest[k].has_file)
			continue;
		guide->manifest[k].line = q[n].line;
		guide->manifest[k].col = q[n].col;
		n++;
	}
out:
	free(q);
	free(ptr);
}

/* CG110 and CG203 at a set's guide.json, once all its files are checked. */
static void set_finish(struct check_run *r, struct source *s)
{
	struct job *guide = &s->guide;
	size_t k;

	s->finished = true;
	if (!s->have_guide)
		return;
	if (guide->parsed) {
		char *owned = NULL;
		const char *buf = guide->data;
		size_t len = guide->len;

		/* positions only for the entries reported, all in one scan of guide.json */
		if (guide->fs && content_read_file(guide->fs, &owned, &len, NULL) == 0)
			buf = owned;
		if (buf)
			locate_missing(guide, buf, len);
		for (k = 0; k < guide->n_manifest; k++) {
			char ptr[32], q[QUOTE_MAX + 4];
			struct manifest_entry *e = &guide->manifest[k];
			if (e->has_file)
				continue;
			snprintf(ptr, sizeof(ptr), "/sections/%zu", k);
			quote(e->id, q, sizeof(q));
			addf(r, guide, "CG110", e->line, e->col, ptr,
			     "section '%s' is listed but sections/%02zu-%s.json does not exist", q,
			     k + 1, q);
		}
		free(owned);
	}
	if (!s->seek_help) {
		bool there = guide->parsed && guide->has_secs;
		add_finding(
		    r, guide, "CG203", there ? guide->secs_line : guide->root_line,
		    there ? guide->secs_col : guide->root_col, there ? "/sections" : "",
		    "no \"when to seek help\" section (id 'when-to-seek-help', or a title with \"seek help\")");
	}
	free(s->by_id);
	s->by_id = NULL;
	idtab_release(&s->unlisted);
}

/* ---- output in order ---- */

static void sink_file(struct check_run *r, const char *path, const struct finding *f, size_t n);

/* Count a finished job's findings, sorted, into the summary. */
static void job_count(struct check_run *r, struct job *j)
{
	size_t k;

	if (j->nf > 1)
		qsort(j->f, j->nf, sizeof(*j->f), finding_cmp);
	r->sum.files++;
	r->sum.ignored += j->ignored;
	for (k = 0; k < j->nf; k++) {
		if (j->f[k].rule->severity == RULE_WARNING)
			r->sum.warnings++;
		else
			r->sum.errors++;
	}
	if (j->oom)
		r->failed = true;
}

static void spool_put(struct check_run *r, const void *p, size_t n)
{
	if (n && fwrite(p, 1, n, r->spool) != n)
		r->failed = true;
}

static void spool_str(struct check_run *r, const char *s)
{
	size_t n = strlen(s);

	spool_put(r, &n, sizeof(n));
	spool_put(r, s, n);
}

static bool spool_get(struct check_run *r, void *p, size_t n)
{
	return n == 0 || fread(p, 1, n, r->spool) == n;
}

static char *spool_get_str(struct check_run *r)
{
	size_t n;
	char *s;

	if (!spool_get(r, &n, sizeof(n)) || n > ((size_t)1 << 30))
		return NULL;
	s = malloc(n + 1);
	if (!s)
		return NULL;
	if (!spool_get(r, s, n)) {
		free(s);
		return NULL;
	}
	s[n] = '\0';
	return s;
}

/* Position the spool for writing at its end. */
static void spool_to_end(struct check_run *r)
{
	if (r->spool_writing)
		return;
	if (fseeko(r->spool, r->spool_wr, SEEK_SET) != 0)
		r->failed = true;
	r->spool_writing = true;
}

/* Queue a record: 'F' a file and its findings, 'G' the guide.json of set SET. */
static void spool_file(struct check_run *r, const struct job *j)
{
	size_t k, rule;
	char tag = 'F';

	spool_to_end(r);
	spool_put(r, &tag, 1);
	spool_str(r, j->path);
	spool_put(r, &j->nf, sizeof(j->nf));
	for (k = 0; k < j->nf; k++) {
		rule = (size_t)(j->f[k].rule - rules);
		spool_put(r, &rule, sizeof(rule));
		spool_put(r, &j->f[k].line, sizeof(j->f[k].line));
		spool_put(r, &j->f[k].col, sizeof(j->f[k].col));
		spool_str(r, j->f[k].pointer);
		spool_str(r, j->f[k].message);
	}
	r->spool_wr = ftello(r->spool);
}

static void spool_guide(struct check_run *r, long set)
{
	char tag = 'G';

	spool_to_end(r);
	spool_put(r, &tag, 1);
	spool_put(r, &set, sizeof(set));
	r->spool_wr = ftello(r->spool);
}

/* Write out what the spool holds, up to a guide.json whose set is not done yet. */
static void spool_drain(struct check_run *r)
{
	struct finding *f = NULL;
	size_t nf = 0, k;
	char *path = NULL, tag;
	long set;

	if (r->spool_rd == r->spool_wr)
		return;
	fflush(r->spool);
	r->spool_writing = false;
	if (fseeko(r->spool, r->spool_rd, SEEK_SET) != 0)
		goto bad;
	while (r->spool_rd < r->spool_wr) {
		if (!spool_get(r, &tag, 1))
			goto bad;
		if (tag == 'G') {
			struct source *s;
			if (!spool_get(r, &set, sizeof(set)) || set < 0 || (size_t)set >= r->nsrc)
				goto bad;
			s = &r->src[set];
			if (!s->finished)
				break; /* it waits for its set: so does everything after it */
			sink_file(r, s->guide.path, s->guide.f, s->guide.nf);
			set_release(s);
		} else {
			path = spool_get_str(r);
			if (!path || !spool_get(r, &nf, sizeof(nf)) || nf > ((size_t)1 << 30))
				goto bad;
			f = calloc(nf ? nf : 1, sizeof(*f));
			if (!f)
				goto bad;
			for (k = 0; k < nf; k++) {
				size_t rule;
				if (!spool_get(r, &rule, sizeof(rule)) || rule >= rules_count ||
				    !spool_get(r, &f[k].line, sizeof(f[k].line)) ||
				    !spool_get(r, &f[k].col, sizeof(f[k].col)))
					goto bad;
				f[k].rule = &rules[rule];
				f[k].pointer = spool_get_str(r);
				f[k].message = spool_get_str(r);
				if (!f[k].pointer || !f[k].message)
					goto bad;
			}
			sink_file(r, path, f, nf);
			for (k = 0; k < nf; k++) {
				free(f[k].pointer);
				free(f[k].message);
			}
			free(f);
			free(path);
			f = NULL;
			path = NULL;
		}
		r->spool_rd = ftello(r->spool);
	}
	if (r->spool_rd == r->spool_wr) { /* empty: start again from the beginning */
		r->spool_rd = r->spool_wr = 0;
		if (ftruncate(fileno(r->spool), 0) != 0)
			r->failed = true;
	}
	return;
bad:
	if (f)
		for (k = 0; k < nf; k++) {
			free(f[k].pointer);
			free(f[k].message);
		}
	free(f);
	free(path);
	r->failed = true;
	r->spool_rd = r->spool_wr; /* what is left cannot be read back */
}

/* A job checked and complete: its findings out, in order (or queued behind a guide.json). */
static void job_out(struct check_run *r, struct job *j)
{
	job_count(r, j);
	if (r->spool && r->spool_rd != r->spool_wr)
		spool_file(r, j);
	else
		sink_file(r, j->path, j->f, j->nf);
	job_release(j);
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

static void *worker(void *arg)
{
	struct check_run *r = arg;

	pthread_mutex_lock(&r->lock);
	for (;;) {
		struct job *j;

		while (r->taken == r->filled && !r->closing)
			pthread_cond_wait(&r->work, &r->lock);
		if (r->taken == r->filled)
			break;
		j = &r->ring[r->taken++ % r->ring_cap];
		pthread_mutex_unlock(&r->lock);
		check_job(r, j);
		pthread_mutex_lock(&r->lock);
		j->done = true;
		pthread_cond_signal(&r->done);
	}
	pthread_mutex_unlock(&r->lock);
	return NULL;
}

/* Fill the ring from the sources.  -1 when memory ran out. */
static int ring_fill(struct check_run *r)
{
	while (r->filled - r->head < r->ring_cap) {
		struct job *j = &r->ring[r->filled % r->ring_cap];
		int got = merge_next(r, j);

		if (got <= 0)
			return got;
		pthread_mutex_lock(&r->lock);
		r->filled++;
		pthread_cond_signal(&r->work);
		pthread_mutex_unlock(&r->lock);
	}
	return 0;
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

static long online_cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 ? n : 1;
}

static int sink_begin(struct check_run *r);
static int sink_end(struct check_run *r);

int check_execute(struct check_run *r, const struct check_options *o)
{
	static const struct check_options none = { NULL, NULL, 0, 0 };
	pthread_t tid[64];
	size_t nthreads, started = 0, i;
	int ret = 0, saved = 0;

	if (r->executed)
		return -1;
	r->executed = true;
	r->opt = o ? o : &none;
	if (r->opt->today)
		snprintf(r->today, sizeof(r->today), "%s", r->opt->today);
	else
		check_today(r->today);
	nthreads = r->opt->jobs > 0 ? (size_t)r->opt->jobs : (size_t)online_cores();
	if (nthreads > sizeof(tid) / sizeof(tid[0]))
		nthreads = sizeof(tid) / sizeof(tid[0]);

	/* what can fail for want of memory or a temporary file, before any output */
	r->ring_cap = RING_PER_THREAD * (nthreads + 1);
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
	/* as many threads as asked, and this one checks files too while it waits */
	if (nthreads > 1)
		for (started = 0; started < nthreads; started++)
			if (pthread_create(&tid[started], NULL, worker, r) != 0)
				break;
	for (;;) {
		if (ring_fill(r) != 0) {
			r->failed = true;
			saved = ENOMEM;
		}
		if (r->head == r->filled)
			break;
		job_finish(r, ring_next(r));
		r->head++;
		if (saved)
			break; /* the jobs in flight are checked and dropped below */
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
/* ---- output ---- */

static const char *severity_name(const struct rule *rule)
{
	return rule->severity == RULE_WARNING ? "warning" : "error";
}

/* A JSON string, quoted (render_json_escape() handles bytes that are not UTF-8). */
static void json_str(FILE *fp, const char *s)
{
	fputc('"', fp);
	render_json_escape(fp, s);
	fputc('"', fp);
}

/*
 * XML text or attribute value.  Of what XML 1.0 cannot hold (its Char
 * production), C0 controls other than tab, LF and CR are dropped; U+FFFE,
 * U+FFFF and bytes that are not UTF-8 become U+FFFD.  C1 controls and bidi
 * overrides are written as character references (&#x9B;), so a terminal
 * showing the file never sees them raw.  (Surrogates cannot
 * come out of render_utf8_next().)
 */
static void xml_str(FILE *fp, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		unsigned long cp;
		size_t n = render_utf8_next((const char *)p, &cp);
		if ((cp == 0xFFFD && n == 1) || cp == 0xFFFE || cp == 0xFFFF) {
			fputs("\xEF\xBF\xBD", fp);
			p += n;
			continue;
		}
		if ((cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
		    (cp >= 0x2066 && cp <= 0x2069)) {
			/* C1 controls and bidi overrides: exact, but never raw */
			fprintf(fp, "&#x%lX;", cp);
			p += n;
			continue;
		}
		switch (*p) {
		case '&': fputs("&amp;", fp); break;
		case '<': fputs("&lt;", fp); break;
		case '>': fputs("&gt;", fp); break;
		case '"': fputs("&quot;", fp); break;
		case '\'': fputs("&apos;", fp); break;
		default:
			if (*p >= 0x20 && *p != 0x7F)
				fwrite(p, 1, n, fp);
			else if (*p == '\t' || *p == '\n' || *p == '\r')
				fprintf(fp, "&#%d;", *p);
		}
		p += n;
	}
}

/* A finding as its gcc-style text line, XML-escaped. */
static void xml_finding_line(FILE *fp, const struct check_finding *f)
{
	xml_str(fp, f->path);
	if (f->line > 0)
		fprintf(fp, ":%d:%d", f->line, f->col);
	fprintf(fp, ": %s: ", f->rule->severity == RULE_ERROR ? "error" : "warning");
	xml_str(fp, f->message);
	fprintf(fp, " [%s]", f->rule->code);
	if (f->pointer[0]) {
		fputs(" (", fp);
		xml_str(fp, f->pointer);
		fputc(')', fp);
	}
}

/* A path as a URI reference for SARIF: percent-encoded, absolute paths as file:// URIs. */
static void uri_str(FILE *fp, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', fp);
	if (*p == '/')
		fputs("file://", fp);
	for (; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p))
			fputc(*p, fp);
		else
			fprintf(fp, "%%%02X", *p);
	}
	fputc('"', fp);
}

struct gh_ctx {
	FILE *fp;
	bool property;
};

static void gh_put(void *ctx, const char *s, size_t n)
{
	const struct gh_ctx *g = ctx;
	size_t i;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '%': fputs("%25", g->fp); break;
		case '\r': fputs("%0D", g->fp); break;
		case '\n': fputs("%0A", g->fp); break;
		case ':': fputs(g->property ? "%3A" : ":", g->fp); break;
		case ',': fputs(g->property ? "%2C" : ",", g->fp); break;
		default: fputc(s[i], g->fp);
		}
	}
}

/*
 * Sanitised (a log is read on a terminal too), then GitHub workflow command
 * escaping: data escapes %, CR, LF; properties also : and ,.
 */
static void gh_str(FILE *fp, const char *s, bool property)
{
	struct gh_ctx g = { fp, property };

	render_sanitize_each(s, gh_put, &g);
}

/* A finding as a gcc-style line; path and pointer sanitised like the message. */
static void text_line(FILE *fp, const struct check_finding *f)
{
	render_fputs_sanitized(f->path, fp);
	if (f->line > 0)
		fprintf(fp, ":%d:%d", f->line, f->col);
	fprintf(fp, ": %s: ", severity_name(f->rule));
	render_fputs_sanitized(f->message, fp);
	fprintf(fp, " [%s]", f->rule->code);
	if (f->pointer[0]) {
		fputs(" (", fp);
		render_fputs_sanitized(f->pointer, fp);
		fputc(')', fp);
	}
	fputc('\n', fp);
}

static void summary_line(FILE *fp, const struct check_summary *s)
{
	fprintf(fp, "cry-guide check: %zu file%s, %zu error%s, %zu warning%s", s->files,
		s->files == 1 ? "" : "s", s->errors, s->errors == 1 ? "" : "s", s->warnings,
		s->warnings == 1 ? "" : "s");
	if (s->ignored)
		fprintf(fp, ", %zu ignored", s->ignored);
	fputc('\n', fp);
}

/* Copy the rest of a temporary file from its start to fp.  -1 when it cannot be read back. */
static int copy_back(FILE *from, FILE *fp)
{
	char buf[16384];
	size_t n;

	if (fflush(from) != 0 || ferror(from) || fseeko(from, 0, SEEK_SET) != 0)
		return -1;
	while ((n = fread(buf, 1, sizeof(buf), from)) > 0)
		fwrite(buf, 1, n, fp);
	return ferror(from) ? -1 : 0;
}

static void sarif_header(FILE *fp)
{
	size_t i;

	fputs("{\n  \"version\": \"2.1.0\",\n"
	      "  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
	      "  \"runs\": [\n    {\n      \"tool\": {\n        \"driver\": {\n"
	      "          \"name\": \"cry-guide\",\n"
	      "          \"version\": \"" CRY_GUIDE_VERSION "\",\n" SARIF_INFO_URI
	      "          \"rules\": [",
	      fp);
	for (i = 0; i < rules_count; i++) {
		fputs(i ? ",\n            {" : "\n            {", fp);
		fprintf(fp, "\"id\": \"%s\", \"name\": \"%s\", \"shortDescription\": {\"text\": ",
			rules[i].code, rules[i].name);
		json_str(fp, rules[i].summary);
		fprintf(fp, "}, \"defaultConfiguration\": {\"level\": \"%s\"}}",
			severity_name(&rules[i]));
	}
	fputs("\n          ]\n        }\n      },\n      \"results\": [", fp);
}

/* What comes before the first file.  -1 (errno set) when a temporary file cannot be made. */
static int sink_begin(struct check_run *r)
{
	struct sink *s = &r->out;

	if (!s->stream)
		return 0;
	switch (s->format) {
	case CHECK_JSON: fputs("{\n  \"findings\": [", s->fp); break;
	case CHECK_SARIF: sarif_header(s->fp); break;
	case CHECK_GITHUB: /* the text list, for when GitHub will not show every annotation */
	case CHECK_JUNIT:  /* the testcases, since the counts come first */
		s->side = tmpfile();
		if (!s->side)
			return -1;
		break;
	case CHECK_TEXT: break;
	}
	return 0;
}

static void json_finding(FILE *fp, const struct check_finding *f, bool first)
{
	fputs(first ? "\n    {" : ",\n    {", fp);
	fputs("\"file\": ", fp);
	json_str(fp, f->path);
	fprintf(fp, ", \"line\": %d, \"column\": %d, \"pointer\": ", f->line, f->col);
	json_str(fp, f->pointer);
	fprintf(fp, ", \"code\": \"%s\", \"rule\": \"%s\", \"severity\": \"%s\", \"message\": ",
		f->rule->code, f->rule->name, severity_name(f->rule));
	json_str(fp, f->message);
	fputc('}', fp);
}

static void sarif_finding(FILE *fp, const struct check_finding *f, bool first)
{
	fputs(first ? "\n        {" : ",\n        {", fp);
	fprintf(
	    fp,
	    "\"ruleId\": \"%s\", \"ruleIndex\": %zu, \"level\": \"%s\", \"message\": {\"text\": ",
	    f->rule->code, (size_t)(f->rule - rules), severity_name(f->rule));
	json_str(fp, f->message);
	fputs("}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ", fp);
	uri_str(fp, f->path);
	fputc('}', fp);
	if (f->line > 0)
		fprintf(fp, ", \"region\": {\"startLine\": %d, \"startColumn\": %d}", f->line,
			f->col > 0 ? f->col : 1);
	fputs("}", fp);
	if (f->pointer[0]) {
		fputs(", \"logicalLocations\": [{\"fullyQualifiedName\": ", fp);
		json_str(fp, f->pointer);
		fputs("}]", fp);
	}
	fputs("}]}", fp);
}

static void github_finding(FILE *fp, const struct check_finding *f)
{
	fprintf(fp, "::%s file=", severity_name(f->rule));
	gh_str(fp, f->path, true);
	if (f->line > 0)
		fprintf(fp, ",line=%d,col=%d", f->line, f->col);
	fputs(",title=", fp);
	gh_str(fp, f->rule->code, true);
	fputs("::", fp);
	gh_str(fp, f->message, false);
	if (f->pointer[0]) {
		fputs(" (", fp);
		gh_str(fp, f->pointer, false);
		fputc(')', fp);
	}
	fprintf(fp, " [%s]\n", f->rule->code);
}

/* A testcase for one file: its errors as failures, its warnings as output. */
static void junit_file(FILE *fp, const char *path, const struct check_finding *f, size_t n)
{
	bool warned = false;
	size_t k;

	fputs("    <testcase classname=\"cry-guide.check\" name=\"", fp);
	xml_str(fp, path);
	fputs("\"", fp);
	if (n == 0) {
		fputs("/>\n", fp);
		return;
	}
	fputs(">\n", fp);
	for (k = 0; k < n; k++) {
		if (f[k].rule->severity != RULE_ERROR) {
			warned = true;
			continue;
		}
		fprintf(fp, "      <failure type=\"%s\" message=\"", f[k].rule->code);
		xml_str(fp, f[k].message);
		fputs("\">", fp);
		xml_finding_line(fp, &f[k]);
		fputs("</failure>\n", fp);
	}
	if (warned) {
		fputs("      <system-out>", fp);
		for (k = 0; k < n; k++) {
			if (f[k].rule->severity == RULE_ERROR)
				continue;
			xml_finding_line(fp, &f[k]);
			fputs("&#10;", fp);
		}
		fputs("</system-out>\n", fp);
	}
	fputs("    </testcase>\n", fp);
}

/* Keep findings for check_findings(). */
static void sink_keep(struct check_run *r, const struct check_finding *f, size_t n)
{
	struct sink *s = &r->out;
	size_t k;

	for (k = 0; k < n; k++) {
		struct check_finding *c;
		if (s->nkept == s->capkept) {
			size_t cap = s->capkept ? s->capkept * 2 : 16;
			struct check_finding *nk = realloc(s->kept, cap * sizeof(*nk));
			if (!nk) {
				r->failed = true;
				return;
			}
			s->kept = nk;
			s->capkept = cap;
		}
		c = &s->kept[s->nkept];
		*c = f[k];
		c->path = str_dup(f[k].path);
		c->pointer = str_dup(f[k].pointer);
		c->message = str_dup(f[k].message);
		if (!c->path || !c->pointer || !c->message) {
			free((char *)c->path);
			free((char *)c->pointer);
			free((char *)c->message);
			r->failed = true;
			return;
		}
		s->nkept++;
	}
}

/* One file and its findings (sorted), in output order. */
static void sink_file(struct check_run *r, const char *path, const struct finding *f, size_t n)
{
	struct sink *s = &r->out;
	struct check_finding one[16], *c = n <= 16 ? one : malloc(n * sizeof(*c));
	size_t k;
	bool failed = false;

	if (!c) {
		r->failed = true;
		return;
	}
	for (k = 0; k < n; k++) {
		c[k].rule = f[k].rule;
		c[k].path = path;
		c[k].line = f[k].line;
		c[k].col = f[k].col;
		c[k].pointer = f[k].pointer;
		c[k].message = f[k].message;
		failed |= f[k].rule->severity == RULE_ERROR;
	}
	s->files++;
	s->failed += failed;
	if (!s->stream) {
		sink_keep(r, c, n);
	} else if (s->format == CHECK_JUNIT) {
		junit_file(s->side, path, c, n);
	} else {
		for (k = 0; k < n; k++, s->written++) {
			switch (s->format) {
			case CHECK_TEXT: text_line(s->fp, &c[k]); break;
			case CHECK_JSON: json_finding(s->fp, &c[k], s->written == 0); break;
			case CHECK_SARIF: sarif_finding(s->fp, &c[k], s->written == 0); break;
			case CHECK_GITHUB:
				github_finding(s->fp, &c[k]);
				text_line(s->side, &c[k]);
				break;
			case CHECK_JUNIT: break;
			}
		}
	}
	if (c != one)
		free(c);
}

/* What comes after the last file.  -1 when a temporary file cannot be read back. */
static int sink_end(struct check_run *r)
{
	struct sink *s = &r->out;
	const struct check_summary *sum = &r->sum;
	int ret = 0;

	if (!s->stream)
		return 0;
	switch (s->format) {
	case CHECK_TEXT: summary_line(s->fp, sum); break;
	case CHECK_JSON:
		fprintf(
		    s->fp,
		    "%s],\n  \"summary\": {\"files\": %zu, \"errors\": %zu, \"warnings\": %zu, \"ignored\": %zu}\n}\n",
		    s->written ? "\n  " : "", sum->files, sum->errors, sum->warnings, sum->ignored);
		break;
	case CHECK_SARIF:
		fprintf(s->fp, "%s]\n    }\n  ]\n}\n", s->written ? "\n      " : "");
		break;
	case CHECK_GITHUB:
		/* GitHub shows only the first 10 annotations of each kind: the rest go in the log */
		if (sum->errors > 10 || sum->warnings > 10) {
			fputs(
			    "cry-guide check: more than 10 annotations of a kind, which GitHub does not all show; every finding:\n",
			    s->fp);
			ret = copy_back(s->side, s->fp);
		}
		summary_line(s->fp, sum);
		break;
	case CHECK_JUNIT:
		fprintf(
		    s->fp,
		    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		    "<testsuites name=\"cry-guide check\" tests=\"%zu\" failures=\"%zu\" errors=\"0\">\n"
		    "  <testsuite name=\"cry-guide check\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"0\">\n",
		    s->files, s->failed, s->files, s->failed);
		ret = copy_back(s->side, s->fp);
		fputs("  </testsuite>\n</testsuites>\n", s->fp);
		break;
	}
	return ret;
}

void check_write_rules(FILE *fp)
{
	size_t i;

	for (i = 0; i < rules_count; i++)
		fprintf(fp, "%s  %-7s  %s%s\n", rules[i].code, severity_name(&rules[i]),
			rules[i].summary,
			rule_ignorable(&rules[i]) ? "" : " (safety: cannot be ignored)");
}
