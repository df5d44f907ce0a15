/* rules.h — the content rules: stable codes, severities and one-line explanations. */
#ifndef CRY_GUIDE_RULES_H
#define CRY_GUIDE_RULES_H

#include <stdbool.h>
#include <stddef.h>

enum rule_severity { RULE_ERROR, RULE_WARNING };

struct rule {
	const char *code; /* "CG104": stable, never reused */
	const char *name; /* short kebab-case name, for SARIF */
	enum rule_severity severity;
	bool refuse;         /* the loader refuses content that breaks it */
	const char *summary; /* one line, lowercase, no final full stop */
};

/* Every rule, in code order (rule_find() relies on it). */
extern const struct rule rules[];
extern const size_t rules_count;
/* rules_count is never more than this (rules.c asserts it at compile time). */
#define RULES_MAX 64

/* The rule with CODE, or NULL. */
const struct rule *rule_find(const char *code);

/* CG2xx (safety) rules can never be ignored. */
bool rule_ignorable(const struct rule *r);

#endif
