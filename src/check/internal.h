/*
 * internal.h — what the rooms of `check` share: a job (one file) and its
 * findings, the run, the rule families' entry points and the output sink.
 *
 *   run.c            the pipeline: sources -> a ring of jobs -> threads -> in order
 *   sources.c        the PATHs, each handing out its files in path order
 *   walk.c           checking one file: the validator, then the rules per string
 *   rules_structure.c  CG0xx/CG1xx that need a file's name or other files
 *   rules_safety.c   CG2xx of check's own (the crisis matcher over safety.json)
 *   rules_messaging.c  CG3xx and CG206, over every string of text
 *   findings.c       adding a finding (ignored rules, clean messages); releasing a job
 *   spool.c          output in order, queued behind a folder's guide.json
 *   sink.c           the output formats' table; out_*.c one format each,
 *                    out_common.c what they share
 *
 * A new rule: a code in src/rules.c, then a call in the family's file (a
 * string rule from walk.c's on_string(), a cross-file one from
 * run.c's job_finish()).  A new format: an out_NAME.c with a struct
 * sink_format, an enum check_format value and a line in sink.c's table.
 */
#ifndef CRY_GUIDE_CHECK_INTERNAL_H
#define CRY_GUIDE_CHECK_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "check.h"
#include "content.h"
#include "lexicon.h"
#include "matcher.h"
#include "render.h"

#define QUOTE_MAX 60      /* bytes of content quoted in a message */
#define LINE_PENDING (-1) /* a finding's line before place_findings() */

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

/* A sorted run of section names in names.spill, and the part of it in memory. */
struct name_run {
	off_t pos, end;  /* what is left of it in the file */
	char *buf;       /* RUN_BUF bytes: names, each NUL-terminated */
	size_t have, at; /* bytes in buf; where its current name starts */
};

/* A folder's section names in name order, from one pass over the folder (sources.c). */
struct names {
	char *dir;   /* "DIR/sections" */
	char **v;    /* the chunk in memory (into arena), sorted once read */
	char *arena; /* its bytes */
	size_t n, used, pos;
	FILE *spill; /* the runs of a folder with more than one chunk */
	off_t spill_end;
	struct name_run *runs;
	size_t nruns, caprun;
	size_t *heap; /* runs with a name left, smallest current name first */
	size_t nheap;
	bool listed; /* the folder could be opened */
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
	FILE *side;                    /* github: the text list; junit: the testcases */
	size_t written, failed, files; /* findings written; files with an error; files */
	struct check_finding *kept;
	size_t nkept, capkept;
};

/*
 * An output format.  begin() comes before the first file (-1 with errno set
 * when a temporary file cannot be made); file() gets each file in path
 * order with its findings sorted (n may be 0; s->written counts the
 * findings before it); end() comes after the last file (-1 when a
 * temporary file cannot be read back).  Any of them may be NULL.
 */
struct sink_format {
	int (*begin)(struct sink *s);
	void (*file)(struct sink *s, const char *path, const struct check_finding *f, size_t n);
	int (*end)(struct sink *s, const struct check_summary *sum);
};

extern const struct sink_format out_text, out_json, out_sarif, out_github, out_junit;

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
	size_t nthreads; /* worker threads, besides the main one */
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

/* A growing list of owned strings. */
struct strlist {
	const char **v;
	size_t n, cap;
};

/* One file being checked: what the rules of walk.c's callbacks share. */
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

/* sources.c: the next job in output order (merge_next: 1, 0 at the end, -1 out of memory) */
int merge_start(struct check_run *r);
int merge_next(struct check_run *r, struct job *j);
void names_release(struct names *nm);

/* findings.c */
char *str_dup(const char *s);
char *path_join(const char *a, const char *b);
void add_finding(struct check_run *r, struct job *j, const char *code, int line, int col,
		 const char *pointer, const char *message);
#if defined(__GNUC__)
__attribute__((format(printf, 7, 8)))
#endif
void addf(struct check_run *r, struct job *j, const char *code, int line, int col,
	  const char *pointer, const char *fmt, ...);
void quote(const char *s, char *out, size_t outlen);
int finding_cmp(const void *a, const void *b);
void add_at(struct walk *w, const char *code, const char *pointer, const char *msg);
bool is_entry_of(const char *pointer, const char *prefix);
void job_release(struct job *j);
void idtab_release(struct idtab *t);
void set_release(struct source *s);

/* walk.c */
void check_job(struct check_run *r, struct job *j);

/* rules_messaging.c */
char *norm_padded(const char *text, size_t n);
void text_rules(struct walk *w, const char *pointer, const char *text, bool messaging);

/* rules_safety.c */
void safety_string(struct walk *w, const char *pointer, const char *text);
void check_safety(struct walk *w);
void safety_walk_release(struct walk *w);
void unchecked_safety(struct check_run *r, struct job *j);

/* rules_structure.c */
void check_section(struct walk *w);
void unreadable_findings(struct check_run *r, struct job *j);
void duplicate_id(struct check_run *r, struct job *j, struct idtab *t, struct manifest_entry *e);
void set_take_guide(struct source *s, struct job *j);
void set_section(struct check_run *r, struct source *s, struct job *j);
void set_finish(struct check_run *r, struct source *s);

/* spool.c */
void job_count(struct check_run *r, struct job *j);
void spool_guide(struct check_run *r, long set);
void spool_drain(struct check_run *r);
void job_out(struct check_run *r, struct job *j);

/* sink.c */
int sink_begin(struct check_run *r);
void sink_file(struct check_run *r, const char *path, const struct finding *f, size_t n);
int sink_end(struct check_run *r);

/* out_common.c: the formats' shared pieces */
const char *severity_name(const struct rule *rule);
void json_str(FILE *fp, const char *s);
void text_line(FILE *fp, const struct check_finding *f);
void summary_line(FILE *fp, const struct check_summary *s);
int copy_back(FILE *from, FILE *fp);

#endif
