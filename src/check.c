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

#define QUOTE_MAX 60 /* bytes of content quoted in a message */

/* ---- the run ---- */

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
	bool has_file;
};

struct job {
	char *path;       /* display path */
	char *fs;         /* file system path, NULL for the built-in copy */
	const char *data; /* the built-in copy */
	size_t len;
	enum content_kind kind;
	long set;      /* index into run->sets, -1 for a file checked alone */
	int pre_errno; /* a folder that could not be listed */

	/* results, filled by the worker */
	struct finding *f;
	size_t nf, capf;
	size_t ignored;
	int read_errno; /* the file could not be read */
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

	size_t out_start; /* its findings in run->out */
};

struct check_run {
	struct job *jobs;
	size_t n, cap;
	char **sets; /* display folders, "<built-in>" */
	size_t nsets, capsets;

	const struct check_options *opt;
	char today[11];
	pthread_mutex_t lock;
	size_t next;

	struct check_finding *out;
	size_t nout;
	struct check_summary sum;
	bool executed;
};

struct check_run *check_new(void)
{
	return calloc(1, sizeof(struct check_run));
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
	for (i = 0; i < j->n_manifest; i++)
		free(j->manifest[i].id);
	free(j->manifest);
}

void check_free(struct check_run *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->n; i++)
		job_release(&r->jobs[i]);
	free(r->jobs);
	for (i = 0; i < r->nsets; i++)
		free(r->sets[i]);
	free(r->sets);
	free(r->out);
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

/* Add a job; path and fs are taken over (freed on failure).  NULL when memory ran out. */
static struct job *job_add(struct check_run *r, char *path, char *fs, long set)
{
	struct job *j;

	if (!path || (!fs && set < 0)) {
		free(path);
		free(fs);
		return NULL;
	}
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		struct job *nj = realloc(r->jobs, cap * sizeof(*nj));
		if (!nj) {
			free(path);
			free(fs);
			return NULL;
		}
		r->jobs = nj;
		r->cap = cap;
	}
	j = &r->jobs[r->n++];
	memset(j, 0, sizeof(*j));
	j->path = path;
	j->fs = fs;
	j->set = set;
	j->kind = content_kind_of(path);
	return j;
}

static long set_add(struct check_run *r, const char *dir)
{
	char *d;

	if (r->nsets == r->capsets) {
		size_t cap = r->capsets ? r->capsets * 2 : 4;
		char **ns = realloc(r->sets, cap * sizeof(*ns));
		if (!ns)
			return -1;
		r->sets = ns;
		r->capsets = cap;
	}
	d = str_dup(dir);
	if (!d)
		return -1;
	r->sets[r->nsets] = d;
	return (long)r->nsets++;
}

static bool has_json_suffix(const char *name)
{
	size_t n = strlen(name);

	return n > 5 && name[0] != '.' && strcmp(name + n - 5, ".json") == 0;
}

static int add_dir(struct check_run *r, const char *dir, char *err, size_t errlen)
{
	char *secs = NULL;
	DIR *d;
	struct dirent *e;
	long set;
	size_t i;
	int ret = -1;

	for (i = 0; i < r->nsets; i++)
		if (strcmp(r->sets[i], dir) == 0)
			return 0; /* the same folder twice */
	d = opendir(dir);
	if (!d) {
		snprintf(err, errlen, "cannot open '%s': %s", dir, strerror(errno));
		return -1;
	}
	closedir(d);
	set = set_add(r, dir);
	if (set < 0)
		goto oom;
	if (!job_add(r, path_join(dir, "guide.json"), path_join(dir, "guide.json"), set) ||
	    !job_add(r, path_join(dir, "safety.json"), path_join(dir, "safety.json"), set))
		goto oom;
	secs = path_join(dir, "sections");
	if (!secs)
		goto oom;
	d = opendir(secs);
	if (!d) {
		struct job *j;
		int saved = errno ? errno : EIO;
		if (saved == ENOENT)
			goto done; /* no sections: the manifest check says what is missing */
		j = job_add(r, str_dup(secs), str_dup(secs), set);
		if (!j)
			goto oom;
		j->pre_errno = saved;
		goto done;
	}
	while ((e = readdir(d)) != NULL) {
		if (!has_json_suffix(e->d_name))
			continue;
		if (!job_add(r, path_join(secs, e->d_name), path_join(secs, e->d_name), set)) {
			closedir(d);
			goto oom;
		}
	}
	closedir(d);
done:
	ret = 0;
	goto out;
oom:
	snprintf(err, errlen, "out of memory");
out:
	free(secs);
	return ret;
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
	if (!job_add(r, p, str_dup(path), -1)) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

int check_add_builtin(struct check_run *r)
{
	long set = set_add(r, "<built-in>");
	size_t i;

	if (set < 0)
		return -1;
	for (i = 0; i < content_builtin_count; i++) {
		struct job *j =
		    job_add(r, path_join("<built-in>", content_builtin_files[i].name), NULL, set);
		if (!j)
			return -1;
		j->data = content_builtin_files[i].data;
		j->len = content_builtin_files[i].len;
	}
	return 0;
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
		size_t n = strcspn(p, " ");
		size_t lo = bucket_lo[(unsigned char)*p], hi = bucket_hi[(unsigned char)*p],
		       end = hi;

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

struct walk {
	struct check_run *r;
	struct job *j;
	const char *buf;
	size_t len;
	bool parse_failed; /* the validator found it unreadable as JSON */
	/* safety codes that took the place of a structural finding */
	bool flagged_crisis, flagged_resources, flagged_phrases, flagged_mm, flagged_mnm,
	    flagged_disclaimer;

	/* guide */
	bool disclaimer_seen;
	bool disclaimer_ok;
	/* safety */
	bool crisis_seen;
	char *crisis_line;
	bool resource_988;
	size_t n_resources;
	const char **phrases; /* copies */
	size_t n_phrases, cap_phrases;
	struct example {
		char *text; /* copies: the walker's strings live only during its call */
		char *pointer;
		bool must;
	} * ex;
	size_t n_ex, cap_ex;
	char *title;
};

static void locate(const struct walk *w, const char *pointer, int *line, int *col)
{
	*line = *col = 0;
	jsonpos_locate(w->buf, w->len, pointer, line, col);
}

static void add_at(struct walk *w, const char *code, const char *pointer, const char *msg)
{
	int line, col;

	locate(w, pointer, &line, &col);
	add_finding(w->r, w->j, code, line, col, pointer, msg);
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
		if (strcmp(is->pointer, "/crisis_line") == 0)
			w->flagged_crisis = true;
		else if (strcmp(is->pointer, "/resources") == 0)
			w->flagged_resources = true;
		else if (strcmp(is->pointer, "/phrases") == 0)
			w->flagged_phrases = true;
		else if (strcmp(is->pointer, "/examples/must_match") == 0)
			w->flagged_mm = true;
		else if (strcmp(is->pointer, "/examples/must_not_match") == 0)
			w->flagged_mnm = true;
		else
			w->flagged_disclaimer = true;
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

static bool push_str(const char ***arr, size_t *n, size_t *cap, const char *s)
{
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 64;
		const char **na = realloc(*arr, c * sizeof(*na));
		if (!na)
			return false;
		*arr = na;
		*cap = c;
	}
	(*arr)[(*n)++] = s;
	return true;
}

static void on_string(void *ctx, const char *pointer, const char *text)
{
	struct walk *w = ctx;
	struct job *j = w->j;
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
			locate(w, pointer, &j->id_line, &j->id_col);
		} else if (strcmp(pointer, "/title") == 0) {
			free(w->title);
			w->title = str_dup(text);
			if (!w->title)
				j->oom = true;
		}
		return;
	case CONTENT_GUIDE:
		text_rules(w, pointer, text, true);
		if (strcmp(pointer, "/disclaimer") == 0) {
			char *p = norm_padded(text, strlen(text));
			w->disclaimer_seen = true;
			if (!p) {
				j->oom = true;
				return;
			}
			w->disclaimer_ok = strstr(p, " medical advice ") != NULL;
			if (p[strspn(p, " ")] == '\0')
				w->disclaimer_ok = true; /* empty: CG104 became CG202 already */
			free(p);
		} else if (is_entry_of(pointer, "/sections")) {
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
			e->line = e->col = 0; /* found later, only for entries with a finding */
			j->n_manifest++;
		}
		return;
	case CONTENT_SAFETY: break;
	}
	/* safety.json: the phrases and examples are crisis language by design */
	if (is_entry_of(pointer, "/phrases")) {
		copy = str_dup(text);
		if (!copy || !push_str(&w->phrases, &w->n_phrases, &w->cap_phrases, copy)) {
			free(copy);
			j->oom = true;
		}
		return;
	}
	if (is_entry_of(pointer, "/examples/must_match") ||
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
		e->must = strncmp(pointer, "/examples/must_match/", 21) == 0;
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
	if (strcmp(pointer, "/crisis_line") == 0) {
		w->crisis_seen = true;
		copy = str_dup(text);
		if (!copy) {
			j->oom = true;
			return;
		}
		free(w->crisis_line);
		w->crisis_line = copy;
	} else if (strncmp(pointer, "/resources/", 11) == 0) {
		const char *rest = pointer + 11 + strspn(pointer + 11, "0123456789");
		if (strncmp(rest, "/contact/", 9) == 0) {
			char *p = norm_padded(text, strlen(text));
			if (!p) {
				j->oom = true;
				return;
			}
			if (strstr(p, " 988 ") || strstr(p, " 988lifeline "))
				w->resource_988 = true;
			free(p);
		} else if (strcmp(rest, "/id") == 0) {
			w->n_resources++;
		} else if (strcmp(rest, "/verified_on") == 0) {
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
	if (!w->disclaimer_seen) {
		if (!w->flagged_disclaimer)
			add_at(
			    w, "CG202", "",
			    "no disclaimer: guide.json needs a 'disclaimer' saying cry-guide is not medical advice");
	} else if (!w->disclaimer_ok) {
		add_at(w, "CG202", "/disclaimer",
		       "the disclaimer does not say that cry-guide is not medical advice");
	}
}

/* CG201, CG204, CG205, CG208 and CG209 over a parsed safety.json. */
static void check_safety(struct walk *w)
{
	struct job *j = w->j;
	const char **all = NULL;
	size_t n = 0, cap = 0, i, nmust = 0, nnot = 0;
	struct matcher *m = NULL;
	char msg[512], q[QUOTE_MAX + 4];

	if (!w->crisis_seen) {
		add_at(w, "CG201", "",
		       "no crisis line: safety.json needs a 'crisis_line' naming 988");
	} else if (!w->flagged_crisis) {
		static const struct {
			const char *norm, *shown;
		} parts[] = {
			{ " 988 ", "988" },
			{ " 988lifeline org ", "988lifeline.org" },
			{ " 911 ", "911" },
			{ " findahelpline com ", "findahelpline.com" },
		};
		char *p = norm_padded(w->crisis_line, strlen(w->crisis_line));
		char missing[128] = "";
		size_t k, nmiss = 0;

		if (!p) {
			j->oom = true;
			return;
		}
		for (k = 0; k < sizeof(parts) / sizeof(parts[0]); k++) {
			if (strstr(p, parts[k].norm))
				continue;
			if (nmiss++)
				strncat(missing, ", ", sizeof(missing) - strlen(missing) - 1);
			strncat(missing, parts[k].shown, sizeof(missing) - strlen(missing) - 1);
		}
		free(p);
		if (nmiss) {
			snprintf(
			    msg, sizeof(msg),
			    "the crisis line drops %s (it may add to the compiled-in line, never leave a part out)",
			    missing);
			add_at(w, "CG208", "/crisis_line", msg);
		}
	}
	if (!w->resource_988 && !w->flagged_resources)
		add_at(w, "CG201", w->n_resources ? "/resources" : "",
		       "no crisis resource names 988 (the Suicide & Crisis Lifeline)");

	for (i = 0; i < w->n_ex; i++) {
		if (w->ex[i].must)
			nmust++;
		else
			nnot++;
	}
	if (w->n_phrases == 0 && !w->flagged_phrases)
		add_at(w, "CG209", "",
		       "no crisis phrases: safety.json needs 'phrases' for the matcher");
	if (nmust == 0 && !w->flagged_mm)
		add_at(w, "CG209", "",
		       "no must_match examples to test the crisis-phrase matcher with");
	if (nnot == 0 && !w->flagged_mnm)
		add_at(w, "CG209", "",
		       "no must_not_match examples to test the crisis-phrase matcher with");
	if (w->n_ex == 0)
		return;

	/* the real matcher: the content's phrases expand the compiled-in ones, never replace them */
	for (i = 0; i < w->n_phrases; i++)
		if (!push_str(&all, &n, &cap, w->phrases[i]))
			goto oom;
	for (i = 0; safety_fallback_phrases[i]; i++)
		if (!push_str(&all, &n, &cap, safety_fallback_phrases[i]))
			goto oom;
	m = matcher_new(all, n);
	if (!m)
		goto oom;
	for (i = 0; i < w->n_ex; i++) {
		bool hit = matcher_match(m, w->ex[i].text);
		if (hit == w->ex[i].must)
			continue;
		quote(w->ex[i].text, q, sizeof(q));
		if (w->ex[i].must) {
			snprintf(
			    msg, sizeof(msg),
			    "must_match example '%s' is not caught by the crisis-phrase matcher (add a phrase that catches it)",
			    q);
			add_at(w, "CG204", w->ex[i].pointer, msg);
		} else {
			snprintf(
			    msg, sizeof(msg),
			    "must_not_match example '%s' is caught by the crisis-phrase matcher (a phrase is too broad)",
			    q);
			add_at(w, "CG205", w->ex[i].pointer, msg);
		}
	}
	goto out;
oom:
	j->oom = true;
out:
	matcher_free(m);
	free(all);
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
		if (content_read_file(j->fs, &owned, &len) != 0) {
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
		j->parsed = true;
		if (j->kind == CONTENT_SECTION)
			check_section(&w);
		else if (j->kind == CONTENT_GUIDE)
			check_guide(&w);
		else
			check_safety(&w);
	}
	for (i = 0; i < w.n_ex; i++) {
		free(w.ex[i].pointer);
		free(w.ex[i].text);
	}
	free(w.ex);
	for (i = 0; i < w.n_phrases; i++)
		free((char *)w.phrases[i]);
	free(w.phrases);
	free(w.crisis_line);
	free(w.title);
	free(owned);
}

static void *worker(void *arg)
{
	struct check_run *r = arg;

	for (;;) {
		size_t i;

		pthread_mutex_lock(&r->lock);
		i = r->next++;
		pthread_mutex_unlock(&r->lock);
		if (i >= r->n)
			return NULL;
		check_job(r, &r->jobs[i]);
	}
}

/* ---- across files ---- */

static int job_cmp(const void *a, const void *b)
{
	const struct job *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	if (c)
		return c;
	return (x->set < 0) - (y->set < 0);
}

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
		     strerror(j->read_errno));
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

/* A set's guide.json: its job, or NULL. */
static struct job *set_file(struct check_run *r, long set, const char *name)
{
	size_t i;
	char *want = path_join(r->sets[set], name);
	struct job *hit = NULL;

	if (!want)
		return NULL;
	for (i = 0; i < r->n && !hit; i++)
		if (r->jobs[i].set == set && strcmp(r->jobs[i].path, want) == 0)
			hit = &r->jobs[i];
	free(want);
	return hit;
}

static int id_cmp(const void *a, const void *b)
{
	const struct job *x = *(const struct job *const *)a, *y = *(const struct job *const *)b;
	int c = strcmp(x->id, y->id);

	return c ? c : strcmp(x->path, y->path);
}

/* CG105 across files: a section id used by two files of one set (or of the files checked alone). */
static int duplicate_ids(struct check_run *r, long set)
{
	struct job **v = NULL;
	size_t n = 0, i;

	for (i = 0; i < r->n; i++)
		if (r->jobs[i].set == set && r->jobs[i].kind == CONTENT_SECTION && r->jobs[i].id)
			n++;
	if (n < 2)
		return 0;
	v = malloc(n * sizeof(*v));
	if (!v)
		return -1;
	n = 0;
	for (i = 0; i < r->n; i++)
		if (r->jobs[i].set == set && r->jobs[i].kind == CONTENT_SECTION && r->jobs[i].id)
			v[n++] = &r->jobs[i];
	qsort(v, n, sizeof(*v), id_cmp);
	for (i = 1; i < n; i++) {
		char q[QUOTE_MAX + 4];
		if (strcmp(v[i]->id, v[i - 1]->id) != 0)
			continue;
		quote(v[i]->id, q, sizeof(q));
		addf(r, v[i], "CG105", v[i]->id_line, v[i]->id_col, "/id",
		     "section id '%s' is also the id of %s", q, v[i - 1]->path);
	}
	free(v);
	return 0;
}

static const struct manifest_entry *cmp_base;

static int manifest_cmp(const void *a, const void *b)
{
	const size_t *x = a, *y = b;

	return strcmp(cmp_base[*x].id, cmp_base[*y].id);
}

/* Index of id in the manifest (order: indexes sorted by id), or -1. */
static long manifest_find(const struct manifest_entry *m, const size_t *order, size_t n,
			  const char *id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(m[order[mid]].id, id);
		if (c == 0) {
			/* the first of equal ids: the manifest's own CG105 covers repeats */
			while (mid > 0 && strcmp(m[order[mid - 1]].id, id) == 0)
				mid--;
			return (long)order[mid];
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* CG110 and CG203 for one content folder.  Runs on the main thread only. */
static int check_set(struct check_run *r, long set)
{
	struct job *guide = set_file(r, set, "guide.json");
	bool seek_help = false, manifest = guide && guide->parsed;
	size_t *order = NULL, i, k;

	if (manifest && guide->n_manifest) {
		order = malloc(guide->n_manifest * sizeof(*order));
		if (!order)
			return -1;
		for (k = 0; k < guide->n_manifest; k++)
			order[k] = k;
		cmp_base = guide->manifest;
		qsort(order, guide->n_manifest, sizeof(*order), manifest_cmp);
	}
	for (i = 0; i < r->n; i++) {
		struct job *j = &r->jobs[i];
		char id[256], q[QUOTE_MAX + 4];
		long number, at;
		int line = j->id ? j->id_line : j->root_line, col = j->id ? j->id_col : j->root_col;
		const char *ptr = j->id ? "/id" : "";

		if (j->set != set || j->kind != CONTENT_SECTION || j->pre_errno)
			continue;
		seek_help |= j->seek_help;
		if (!manifest)
			continue; /* no manifest to compare with */
		if (!section_name(j->path, id, sizeof(id), &number)) {
			addf(
			    r, j, "CG110", line, col, ptr,
			    "section file names must be NN-ID.json (NN its place in guide.json's sections)");
			continue;
		}
		quote(id, q, sizeof(q));
		at = order ? manifest_find(guide->manifest, order, guide->n_manifest, id) : -1;
		if (at < 0) {
			addf(r, j, "CG110", line, col, ptr,
			     "section '%s' is not listed in guide.json's sections", q);
			continue;
		}
		k = (size_t)at;
		if (guide->manifest[k].has_file) {
			addf(r, j, "CG110", line, col, ptr, "section '%s' has more than one file",
			     q);
			continue;
		}
		guide->manifest[k].has_file = true;
		if (number < 0 || (size_t)number != k + 1)
			addf(
			    r, j, "CG110", line, col, ptr,
			    "file number %02ld does not match the section's place in guide.json's sections (%02zu): rename it %02zu-%s.json",
			    number, k + 1, k + 1, q);
	}
	free(order);
	if (manifest) {
		char *owned = NULL;
		const char *buf = guide->data;
		size_t len = guide->len;

		/* positions cost a scan of guide.json each: only for the entries reported */
		if (guide->fs && content_read_file(guide->fs, &owned, &len) == 0)
			buf = owned;
		for (k = 0; k < guide->n_manifest; k++) {
			char ptr[32], q[QUOTE_MAX + 4];
			struct manifest_entry *e = &guide->manifest[k];
			if (e->has_file)
				continue;
			snprintf(ptr, sizeof(ptr), "/sections/%zu", k);
			if (buf)
				jsonpos_locate(buf, len, ptr, &e->line, &e->col);
			quote(e->id, q, sizeof(q));
			addf(r, guide, "CG110", e->line, e->col, ptr,
			     "section '%s' is listed but sections/%02zu-%s.json does not exist", q,
			     k + 1, q);
		}
		free(owned);
	}
	if (!seek_help && guide) {
		bool there = manifest && guide->has_secs;
		add_finding(
		    r, guide, "CG203", there ? guide->secs_line : guide->root_line,
		    there ? guide->secs_col : guide->root_col, there ? "/sections" : "",
		    "no \"when to seek help\" section (id 'when-to-seek-help', or a title with \"seek help\")");
	}
	return 0;
}

static long online_cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 ? n : 1;
}

int check_execute(struct check_run *r, const struct check_options *o)
{
	static const struct check_options none = { NULL, NULL, 0, 0 };
	pthread_t tid[64];
	size_t nthreads, started = 0, i, k, total = 0;
	long set;
	int ret = 0;

	if (r->executed)
		return -1;
	r->executed = true;
	r->opt = o ? o : &none;
	if (r->opt->today)
		snprintf(r->today, sizeof(r->today), "%s", r->opt->today);
	else
		check_today(r->today);
	/* sorted first: output order never depends on readdir or on threads */
	if (r->n > 1)
		qsort(r->jobs, r->n, sizeof(*r->jobs), job_cmp);

	nthreads = r->opt->jobs > 0 ? (size_t)r->opt->jobs : (size_t)online_cores();
	if (nthreads > sizeof(tid) / sizeof(tid[0]))
		nthreads = sizeof(tid) / sizeof(tid[0]);
	if (nthreads > r->n)
		nthreads = r->n;
	if (pthread_mutex_init(&r->lock, NULL) != 0)
		return -1;
	r->next = 0;
	if (nthreads > 1)
		for (started = 0; started < nthreads; started++)
			if (pthread_create(&tid[started], NULL, worker, r) != 0)
				break;
	worker(r); /* this thread works too (and alone if no thread started) */
	for (i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	pthread_mutex_destroy(&r->lock);

	for (i = 0; i < r->n; i++) {
		unreadable_findings(r, &r->jobs[i]);
		unchecked_safety(r, &r->jobs[i]);
	}
	for (set = 0; set < (long)r->nsets; set++) {
		if (check_set(r, set) != 0 || duplicate_ids(r, set) != 0)
			ret = -1;
	}
	if (duplicate_ids(r, -1) != 0)
		ret = -1;

	memset(&r->sum, 0, sizeof(r->sum));
	r->sum.files = r->n;
	for (i = 0; i < r->n; i++) {
		if (r->jobs[i].oom)
			ret = -1;
		total += r->jobs[i].nf;
		r->sum.ignored += r->jobs[i].ignored;
	}
	r->out = malloc((total ? total : 1) * sizeof(*r->out));
	if (!r->out)
		return -1;
	r->nout = 0;
	for (i = 0; i < r->n; i++) {
		struct job *j = &r->jobs[i];
		if (j->nf > 1)
			qsort(j->f, j->nf, sizeof(*j->f), finding_cmp);
		j->out_start = r->nout;
		for (k = 0; k < j->nf; k++) {
			struct check_finding *f = &r->out[r->nout++];
			f->rule = j->f[k].rule;
			f->path = j->path;
			f->line = j->f[k].line;
			f->col = j->f[k].col;
			f->pointer = j->f[k].pointer;
			f->message = j->f[k].message;
			if (f->rule->severity == RULE_WARNING)
				r->sum.warnings++;
			else
				r->sum.errors++;
		}
	}
	return ret;
}

const struct check_finding *check_findings(const struct check_run *r, size_t *n)
{
	*n = r->nout;
	return r->out;
}

void check_summary(const struct check_run *r, struct check_summary *s)
{
	*s = r->sum;
}

void check_today(char out[11])
{
	const char *env = getenv("CRY_GUIDE_TODAY");
	time_t now = time(NULL);
	struct tm tm;
	int y, m, d;
	char extra;

	if (env && strlen(env) == 10 && sscanf(env, "%4d-%2d-%2d%c", &y, &m, &d, &extra) == 3 &&
	    env[4] == '-' && env[7] == '-') {
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

/* XML text or attribute value; characters XML 1.0 cannot hold are dropped. */
static void xml_str(FILE *fp, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		unsigned long cp;
		size_t n = render_utf8_next((const char *)p, &cp);
		if (cp == 0xFFFD && n == 1) {
			fputs("\xEF\xBF\xBD", fp);
			p++;
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

/* GitHub workflow command escaping: data escapes %, CR, LF; properties also : and ,. */
static void gh_str(FILE *fp, const char *s, bool property)
{
	for (; *s; s++) {
		switch (*s) {
		case '%': fputs("%25", fp); break;
		case '\r': fputs("%0D", fp); break;
		case '\n': fputs("%0A", fp); break;
		case ':': property ? fputs("%3A", fp) : fputc(':', fp); break;
		case ',': property ? fputs("%2C", fp) : fputc(',', fp); break;
		default: fputc(*s, fp);
		}
	}
}

static void text_line(FILE *fp, const struct check_finding *f)
{
	if (f->line > 0)
		fprintf(fp, "%s:%d:%d: ", f->path, f->line, f->col);
	else
		fprintf(fp, "%s: ", f->path);
	fprintf(fp, "%s: %s [%s]", severity_name(f->rule), f->message, f->rule->code);
	if (f->pointer[0])
		fprintf(fp, " (%s)", f->pointer);
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

static void write_text(const struct check_run *r, FILE *fp)
{
	size_t i;

	for (i = 0; i < r->nout; i++)
		text_line(fp, &r->out[i]);
	summary_line(fp, &r->sum);
}

static void write_json(const struct check_run *r, FILE *fp)
{
	size_t i;

	fputs("{\n  \"findings\": [", fp);
	for (i = 0; i < r->nout; i++) {
		const struct check_finding *f = &r->out[i];
		fputs(i ? ",\n    {" : "\n    {", fp);
		fputs("\"file\": ", fp);
		json_str(fp, f->path);
		fprintf(fp, ", \"line\": %d, \"column\": %d, \"pointer\": ", f->line, f->col);
		json_str(fp, f->pointer);
		fprintf(fp,
			", \"code\": \"%s\", \"rule\": \"%s\", \"severity\": \"%s\", \"message\": ",
			f->rule->code, f->rule->name, severity_name(f->rule));
		json_str(fp, f->message);
		fputc('}', fp);
	}
	fprintf(
	    fp,
	    "%s],\n  \"summary\": {\"files\": %zu, \"errors\": %zu, \"warnings\": %zu, \"ignored\": %zu}\n}\n",
	    r->nout ? "\n  " : "", r->sum.files, r->sum.errors, r->sum.warnings, r->sum.ignored);
}

static void write_sarif(const struct check_run *r, FILE *fp)
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
	for (i = 0; i < r->nout; i++) {
		const struct check_finding *f = &r->out[i];
		fputs(i ? ",\n        {" : "\n        {", fp);
		fprintf(
		    fp,
		    "\"ruleId\": \"%s\", \"ruleIndex\": %zu, \"level\": \"%s\", \"message\": {\"text\": ",
		    f->rule->code, (size_t)(f->rule - rules), severity_name(f->rule));
		json_str(fp, f->message);
		fputs("}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ",
		      fp);
		uri_str(fp, f->path);
		fputc('}', fp);
		if (f->line > 0)
			fprintf(fp, ", \"region\": {\"startLine\": %d, \"startColumn\": %d}",
				f->line, f->col > 0 ? f->col : 1);
		fputs("}", fp);
		if (f->pointer[0]) {
			fputs(", \"logicalLocations\": [{\"fullyQualifiedName\": ", fp);
			json_str(fp, f->pointer);
			fputs("}]", fp);
		}
		fputs("}]}", fp);
	}
	fprintf(fp, "%s]\n    }\n  ]\n}\n", r->nout ? "\n      " : "");
}

static void write_github(const struct check_run *r, FILE *fp)
{
	size_t i;

	for (i = 0; i < r->nout; i++) {
		const struct check_finding *f = &r->out[i];
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
	/* GitHub shows only the first 10 annotations of each kind: the rest go in the log */
	if (r->sum.errors > 10 || r->sum.warnings > 10) {
		fputs(
		    "cry-guide check: more than 10 annotations of a kind, which GitHub does not all show; every finding:\n",
		    fp);
		for (i = 0; i < r->nout; i++)
			text_line(fp, &r->out[i]);
	}
	summary_line(fp, &r->sum);
}

static void write_junit(const struct check_run *r, FILE *fp)
{
	size_t i, k, failed = 0;

	for (i = 0; i < r->n; i++) {
		const struct job *j = &r->jobs[i];
		for (k = 0; k < j->nf; k++)
			if (j->f[k].rule->severity == RULE_ERROR) {
				failed++;
				break;
			}
	}
	fprintf(
	    fp,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<testsuites name=\"cry-guide check\" tests=\"%zu\" failures=\"%zu\" errors=\"0\">\n"
	    "  <testsuite name=\"cry-guide check\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"0\">\n",
	    r->n, failed, r->n, failed);
	for (i = 0; i < r->n; i++) {
		const struct job *j = &r->jobs[i];
		bool warned = false;

		fputs("    <testcase classname=\"cry-guide.check\" name=\"", fp);
		xml_str(fp, j->path);
		fputs("\"", fp);
		if (j->nf == 0) {
			fputs("/>\n", fp);
			continue;
		}
		fputs(">\n", fp);
		for (k = 0; k < j->nf; k++) {
			const struct check_finding *f = &r->out[j->out_start + k];
			if (f->rule->severity != RULE_ERROR) {
				warned = true;
				continue;
			}
			fprintf(fp, "      <failure type=\"%s\" message=\"", f->rule->code);
			xml_str(fp, f->message);
			fputs("\">", fp);
			xml_finding_line(fp, f);
			fputs("</failure>\n", fp);
		}
		if (warned) {
			fputs("      <system-out>", fp);
			for (k = 0; k < j->nf; k++) {
				const struct check_finding *f = &r->out[j->out_start + k];
				if (f->rule->severity == RULE_ERROR)
					continue;
				xml_finding_line(fp, f);
				fputs("&#10;", fp);
			}
			fputs("</system-out>\n", fp);
		}
		fputs("    </testcase>\n", fp);
	}
	fputs("  </testsuite>\n</testsuites>\n", fp);
}

void check_write(const struct check_run *r, enum check_format format, FILE *fp)
{
	switch (format) {
	case CHECK_TEXT: write_text(r, fp); break;
	case CHECK_JSON: write_json(r, fp); break;
	case CHECK_SARIF: write_sarif(r, fp); break;
	case CHECK_GITHUB: write_github(r, fp); break;
	case CHECK_JUNIT: write_junit(r, fp); break;
	}
}

void check_write_rules(FILE *fp)
{
	size_t i;

	for (i = 0; i < rules_count; i++)
		fprintf(fp, "%s  %-7s  %s%s\n", rules[i].code, severity_name(&rules[i]),
			rules[i].summary,
			rule_ignorable(&rules[i]) ? "" : " (safety: cannot be ignored)");
}
