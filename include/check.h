/* check.h — content checks for CI: run the rules over folders and files, collect findings, format them. */
#ifndef CRY_GUIDE_CHECK_H
#define CRY_GUIDE_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "rules.h"

/* One finding.  Strings are borrowed from the run; valid until check_free(). */
struct check_finding {
	const struct rule *rule;
	const char *path; /* display path: "content/sections/02-x.json", "<built-in>/guide.json" */
	int line, col;    /* 1-based; 0 when the file has no position (unreadable) */
	const char *pointer; /* JSON Pointer of the value, "" for the whole file */
	const char *message; /* lowercase, no final full stop, no control characters */
};

struct check_options {
	const char *today; /* "YYYY-MM-DD" for CG207; NULL: $CRY_GUIDE_TODAY, else the clock */
	const char *const *ignore; /* rule codes whose findings are dropped (never CG2xx) */
	size_t n_ignore;
	int jobs; /* worker threads; 0: the number of online cores */
};

struct check_run;

/* An empty run; NULL when memory ran out.  Free with check_free(). */
struct check_run *check_new(void);
void check_free(struct check_run *r);

/*
 * Add what to check.  A folder adds DIR/guide.json, DIR/safety.json and
 * every .json file in DIR/sections as one content set (the cross-file rules
 * apply to it); a file is checked alone, as the kind its name suggests.  The
 * built-in copy is a set shown as "<built-in>/...".  Return 0, or -1 with
 * a message in err (the path does not exist or cannot be opened at all).
 */
int check_add_path(struct check_run *r, const char *path, char *err, size_t errlen);
int check_add_builtin(struct check_run *r);

/*
 * Run every rule over what was added, the files in parallel.  Returns 0,
 * or -1 when memory ran out.  The findings are then sorted by path, line
 * and column, so the output is the same from run to run.
 */
int check_execute(struct check_run *r, const struct check_options *o);

/* The findings of an executed run (borrowed) and the counts. */
const struct check_finding *check_findings(const struct check_run *r, size_t *n);
struct check_summary {
	size_t files, errors, warnings, ignored;
};
void check_summary(const struct check_run *r, struct check_summary *s);

enum check_format { CHECK_TEXT, CHECK_JSON, CHECK_SARIF, CHECK_GITHUB, CHECK_JUNIT };

/*
 * Write the findings and summary of an executed run to fp in FORMAT.
 * The caller checks fp for write errors.
 */
void check_write(const struct check_run *r, enum check_format format, FILE *fp);

/* Write every rule (code, severity, explanation) to fp. */
void check_write_rules(FILE *fp);

/* The "YYYY-MM-DD" that CG207 counts from: $CRY_GUIDE_TODAY when valid, else today (UTC). */
void check_today(char out[11]);

#endif
