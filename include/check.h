/* check.h — content checks for CI: run the rules over folders and files, stream the findings in a format. */
#ifndef CRY_GUIDE_CHECK_H
#define CRY_GUIDE_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "rules.h"

/* One finding (check_findings()).  Strings are borrowed from the run; valid until check_free(). */
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
	int jobs; /* threads in all; 0: the free cores (online cores less the load average, at least 1) */
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

enum check_format { CHECK_TEXT, CHECK_JSON, CHECK_SARIF, CHECK_GITHUB, CHECK_JUNIT };

/*
 * Have check_execute() write the findings and summary to fp in FORMAT,
 * each file's as soon as it and those before it are checked; the run then
 * keeps no findings, so its memory stays the same however many files there
 * are.  Call before check_execute(); the caller checks fp for write errors.
 * Without it, the findings are kept for check_findings() (tests, small runs).
 */
void check_output(struct check_run *r, enum check_format format, FILE *fp);

/*
 * Run every rule over what was added, the files in parallel, in path
 * order (the same from run to run): within a file by line and column.
 * Returns 0, or -1 with errno set when memory ran out (ENOMEM) or a
 * temporary file could not be made or read back; output may then be
 * incomplete.
 */
int check_execute(struct check_run *r, const struct check_options *o);

/* The findings of an executed run without check_output() (borrowed). */
const struct check_finding *check_findings(const struct check_run *r, size_t *n);
struct check_summary {
	size_t files, errors, warnings, ignored;
};
/* The counts of an executed run. */
void check_summary(const struct check_run *r, struct check_summary *s);

/* Write every rule (code, severity, explanation) to fp. */
void check_write_rules(FILE *fp);

/* The "YYYY-MM-DD" that CG207 counts from: $CRY_GUIDE_TODAY when valid, else today (UTC). */
void check_today(char out[11]);

#endif
