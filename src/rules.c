/* rules.c — the table of content rules shared by the loader and `check`. */
#include "rules.h"

#include <string.h>

/*
 * Codes are stable: a rule that is retired keeps its number forever and a
 * new rule takes the next free one in its family.
 *   CG0xx reading and parsing, CG1xx structure, CG2xx safety,
 *   CG3xx safe messaging.
 */
const struct rule rules[] = {
	{ "CG001", "unreadable-file", RULE_ERROR, true,
	  "the file cannot be read (missing, a folder, no permission, a symlink loop, a FIFO, device or socket)" },
	{ "CG002", "invalid-json", RULE_ERROR, true,
	  "the file is not valid JSON; the position of the first error is given" },
	{ "CG003", "file-too-large", RULE_ERROR, true, "the file is larger than 1 MiB" },
	{ "CG004", "empty-file", RULE_ERROR, true, "the file is empty" },
	{ "CG005", "not-utf8", RULE_ERROR, true,
	  "the file is not valid UTF-8 text (binary data, another encoding)" },
	{ "CG006", "too-deep", RULE_ERROR, true,
	  "arrays and objects are nested more than 64 levels deep" },
	{ "CG007", "duplicate-key", RULE_ERROR, true,
	  "an object repeats a key; JSON readers disagree on which one wins" },
	{ "CG008", "control-character", RULE_ERROR, false,
	  "text holds a control character or terminal escape sequence (never shown to a reader)" },
	{ "CG101", "missing-field", RULE_ERROR, true, "a required field is missing" },
	{ "CG102", "wrong-type", RULE_ERROR, true, "a field has the wrong type" },
	{ "CG103", "bad-id", RULE_ERROR, true,
	  "an id is not lowercase letters, digits and single hyphens" },
	{ "CG104", "empty-text", RULE_ERROR, true, "a text field is empty or only spaces" },
	{ "CG105", "duplicate-id", RULE_ERROR, true,
	  "two sections, prompts or resources share an id" },
	{ "CG106", "unknown-prompt-kind", RULE_ERROR, true,
	  "a prompt's kind is not text, scale or choice" },
	{ "CG107", "bad-prompt-fields", RULE_ERROR, true,
	  "a prompt's fields do not fit its kind (scale min < max, choice with 2 or more options)" },
	{ "CG108", "unknown-field", RULE_WARNING, false,
	  "a field is not part of the content model (a typo is likely)" },
	{ "CG109", "unsupported-schema", RULE_ERROR, true,
	  "schema_version is not one this cry-guide reads" },
	{ "CG110", "manifest-mismatch", RULE_ERROR, true,
	  "the manifest's sections and the files in sections/ disagree" },
	{ "CG111", "section-id-mismatch", RULE_ERROR, true,
	  "a section's id differs from its file name or manifest entry" },
	{ "CG112", "bad-date", RULE_ERROR, true, "a date is not a real YYYY-MM-DD date" },
	{ "CG113", "empty-list", RULE_ERROR, true, "a list that needs entries is empty" },
	{ "CG201", "crisis-missing", RULE_ERROR, true,
	  "the crisis line or resources are missing or blank, or the resources drop a compiled-in contact (988, 911, 741741, ...)" },
	{ "CG202", "disclaimer-missing", RULE_ERROR, true,
	  "the disclaimer is missing, empty, or does not say cry-guide is not medical advice" },
	{ "CG203", "seek-help-missing", RULE_ERROR, false,
	  "no \"when to seek help\" section (id when-to-seek-help, or \"seek help\" in a title)" },
	{ "CG204", "crisis-phrase-missed", RULE_ERROR, false,
	  "a must_match example does not read high to the crisis matcher (the content's lexicon plus the compiled-in one)" },
	{ "CG205", "crisis-phrase-false-alarm", RULE_ERROR, false,
	  "a must_not_match example reads medium or high to the crisis matcher" },
	{ "CG206", "retired-number", RULE_ERROR, false,
	  "an outdated or retired crisis number or option is listed (1-800-273-8255, 1-800-273-TALK, \"press 3\")" },
	{ "CG207", "stale-verification", RULE_WARNING, false,
	  "a resource's verified_on date is more than a year old" },
	{ "CG208", "crisis-line-incomplete", RULE_ERROR, true,
	  "the crisis line drops a required part (988, 988lifeline.org, 911, findahelpline.com)" },
	{ "CG209", "no-crisis-phrases", RULE_ERROR, false,
	  "there are no crisis phrases or no must_match/must_not_match examples" },
	{ "CG210", "crisis-medium-missed", RULE_ERROR, false,
	  "a must_match_medium example does not read medium to the crisis matcher" },
	{ "CG211", "crisis-lexicon-invalid", RULE_ERROR, true,
	  "a matcher rule, modifier, shorthand or phrase cannot be read (syntax, an unknown concept or rule, too many concepts)" },
	{ "CG212", "crisis-rule-dead", RULE_ERROR, false,
	  "a matcher rule can never decide a line's tier (another rule reads the same concepts as widely, at a tier as high)" },
	{ "CG301", "stigmatising-language", RULE_WARNING, false,
	  "\"committed suicide\": say \"died by suicide\"" },
	{ "CG302", "attempt-outcome", RULE_WARNING, false,
	  "\"successful\" or \"failed\" attempt: say \"suicide attempt\"" },
	{ "CG303", "epidemic", RULE_WARNING, false, "\"epidemic\" sensationalises suicide" },
	{ "CG304", "method-detail", RULE_WARNING, false,
	  "text names a method (pills, hanging, ...) within 8 words of a suicide or self-harm word" },
	{ "CG305", "cure-claim", RULE_WARNING, false,
	  "a sentence promises a cure or treatment (\"cures depression\", \"will heal\") without a hedge such as \"may\"" },
};

const size_t rules_count = sizeof(rules) / sizeof(rules[0]);
_Static_assert(sizeof(rules) / sizeof(rules[0]) <= RULES_MAX, "raise RULES_MAX in rules.h");

/* rules[] is in code order: a binary search (a file can report a rule 100,000 times). */
const struct rule *rule_find(const char *code)
{
	size_t lo = 0, hi = rules_count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int r = strcmp(rules[mid].code, code);
		if (r == 0)
			return &rules[mid];
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

bool rule_ignorable(const struct rule *r)
{
	return strncmp(r->code, "CG2", 3) != 0;
}
