/* gencontent.c — build-time tool: validate content/ and turn it into C (the built-in copy). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "content.h"
#include "matcher.h"

/*
 * usage: gencontent [--weights FILE] DIR OUT.c NAME...
 *
 * Loads DIR with the real loader (so content that the program would refuse
 * fails the build, with the loader's file:line:col message), and FILE, the
 * crisis matcher's trained weights (a JSON array of strings, as `make train`
 * writes it; the built-in lexicon's "weights", which DIR/safety.json then
 * must not hold; the matcher must build with them, or the build fails),
 * then writes
 * OUT.c defining:
 *   content_builtin_model             the loaded model as static data, so
 *                                     the program parses nothing at start-up
 *                                     (its lexicon empty: see the next);
 *   content_builtin_lexicon_text      the lexicon's strings in one array,
 *                                     no pointers (include/lexicon.h);
 *   content_builtin_files[], _count   the bytes of each DIR/NAME, for
 *                                     `cry-guide check` on the built-in copy.
 */

/* This tool links content.c, which refers to the copy the tool makes. */
const struct content_file content_builtin_files[] = { { "", "", 0 } };
const size_t content_builtin_count = 0;
const struct content content_builtin_model;
const struct lexicon_text content_builtin_lexicon_text;

#define EXPR 32 /* room for "s123456" or "NULL" */

static FILE *out;
static unsigned long next_id;

/* --weights FILE: the built-in weights, in place of safety.json's (none) */
static const char **weights;
static size_t n_weights;
static cJSON *weights_json;

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);

	if (!p) {
		fprintf(stderr, "gencontent: out of memory\n");
		exit(1);
	}
	return p;
}

/* Emit bytes as a NUL-terminated char array; returns its number. */
static unsigned long emit_bytes(const char *s, size_t n)
{
	unsigned long id = next_id++;
	size_t i;

	fprintf(out, "static const char s%lu[] = {", id);
	for (i = 0; i < n; i++)
		fprintf(out, "%s'\\x%02x',", i % 12 ? "" : "\n\t", (unsigned char)s[i]);
	fprintf(out, "\n\t0\n};\n");
	return id;
}

/* A string (or NULL) as a C expression in buf. */
static char *str(const char *s, char *buf)
{
	if (!s)
		snprintf(buf, EXPR, "NULL");
	else
		snprintf(buf, EXPR, "s%lu", emit_bytes(s, strlen(s)));
	return buf;
}

/* A NULL-terminated array of n strings (or NULL; entries may be NULL) as a C expression in buf. */
static char *strs(const char *const *v, size_t n, char *buf)
{
	unsigned long *ids, id;
	size_t i;

	if (!v) {
		snprintf(buf, EXPR, "NULL");
		return buf;
	}
	ids = xcalloc(n, sizeof(*ids));
	for (i = 0; i < n; i++)
		ids[i] = v[i] ? emit_bytes(v[i], strlen(v[i])) : 0;
	id = next_id++;
	fprintf(out, "static const char *const a%lu[] = {", id);
	for (i = 0; i < n; i++)
		if (v[i])
			fprintf(out, " s%lu,", ids[i]);
		else
			fprintf(out, " NULL,");
	fprintf(out, " NULL };\n");
	free(ids);
	snprintf(buf, EXPR, "a%lu", id);
	return buf;
}

/* "<built-in>/sections/..." for "DIR/sections/...". */
static const char *builtin_path(const char *dir, const char *path, char *buf, size_t len)
{
	size_t n = strlen(dir);

	if (strncmp(path, dir, n) == 0 && path[n] == '/')
		snprintf(buf, len, "<built-in>%s", path + n);
	else
		snprintf(buf, len, "%s", path);
	return buf;
}

/* A section's prompts; returns the array's number. */
static unsigned long emit_prompts(const struct section *s)
{
	char(*e)[7][EXPR] = xcalloc(s->n_prompts, sizeof(*e));
	unsigned long id;
	size_t i;

	for (i = 0; i < s->n_prompts; i++) {
		const struct prompt *p = &s->prompts[i];
		str(p->id, e[i][0]);
		str(p->text, e[i][1]);
		str(p->min_label, e[i][2]);
		str(p->max_label, e[i][3]);
		strs(p->options, p->n_options, e[i][4]);
		strs(p->replies, p->n_options, e[i][5]);
		strs(p->asks, p->n_options, e[i][6]);
	}
	id = next_id++;
	fprintf(out, "static const struct prompt p%lu[] = {\n", id);
	for (i = 0; i < s->n_prompts; i++) {
		const struct prompt *p = &s->prompts[i];
		fprintf(
		    out,
		    "\t{ .id = %s, .kind = %d, .text = %s, .min = %ld, .max = %ld, .min_label = %s, "
		    ".max_label = %s, .options = %s, .n_options = %zu, .replies = %s, .asks = %s, "
		    ".multiple = %d },\n",
		    e[i][0], (int)p->kind, e[i][1], p->min, p->max, e[i][2], e[i][3], e[i][4],
		    p->n_options, e[i][5], e[i][6], p->multiple ? 1 : 0);
	}
	fprintf(out, "\t{ .id = NULL }\n};\n");
	free(e);
	return id;
}

/* The sections; returns the array's number. */
static unsigned long emit_sections(const char *dir, const struct content *c)
{
	unsigned long *prompts = xcalloc(c->n_sections, sizeof(*prompts)), id;
	char(*e)[6][EXPR] = xcalloc(c->n_sections, sizeof(*e));
	char path[600];
	size_t i;

	for (i = 0; i < c->n_sections; i++) {
		const struct section *s = &c->sections[i];
		prompts[i] = emit_prompts(s);
		str(s->id, e[i][0]);
		str(s->title, e[i][1]);
		str(s->summary, e[i][2]);
		strs(s->paragraphs, s->n_paragraphs, e[i][3]);
		strs(s->key_points, s->n_key_points, e[i][4]);
		str(builtin_path(dir, s->path, path, sizeof(path)), e[i][5]);
	}
	id = next_id++;
	fprintf(out, "static const struct section x%lu[] = {\n", id);
	for (i = 0; i < c->n_sections; i++) {
		const struct section *s = &c->sections[i];
		fprintf(
		    out,
		    "\t{ .id = %s, .title = %s, .summary = %s, .paragraphs = %s, .n_paragraphs = %zu, "
		    ".key_points = %s, .n_key_points = %zu, .prompts = p%lu, .n_prompts = %zu, "
		    ".path = %s },\n",
		    e[i][0], e[i][1], e[i][2], e[i][3], s->n_paragraphs, e[i][4], s->n_key_points,
		    prompts[i], s->n_prompts, e[i][5]);
	}
	fprintf(out, "\t{ .id = NULL }\n};\n");
	free(prompts);
	free(e);
	return id;
}

/* The crisis resources; returns the array's number. */
static unsigned long emit_resources(const struct content *c)
{
	char(*e)[7][EXPR] = xcalloc(c->n_resources, sizeof(*e));
	unsigned long id;
	size_t i;

	for (i = 0; i < c->n_resources; i++) {
		const struct resource *r = &c->resources[i];
		str(r->id, e[i][0]);
		str(r->name, e[i][1]);
		str(r->region, e[i][2]);
		strs(r->contact, r->n_contact, e[i][3]);
		strs(r->details, r->n_details, e[i][4]);
		str(r->verified_on, e[i][5]);
		str(r->source, e[i][6]);
	}
	id = next_id++;
	fprintf(out, "static const struct resource r%lu[] = {\n", id);
	for (i = 0; i < c->n_resources; i++)
		fprintf(out,
			"\t{ .id = %s, .name = %s, .region = %s, .contact = %s, .n_contact = %zu, "
			".details = %s, .n_details = %zu, .verified_on = %s, .source = %s },\n",
			e[i][0], e[i][1], e[i][2], e[i][3], c->resources[i].n_contact, e[i][4],
			c->resources[i].n_details, e[i][5], e[i][6]);
	fprintf(out, "\t{ .id = NULL }\n};\n");
	free(e);
	return id;
}

/* Append s and its NUL to the growing buffer *b (*n bytes, room *cap). */
static void pack(char **b, size_t *n, size_t *cap, const char *s)
{
	size_t k = strlen(s) + 1;

	while (*n + k > *cap) {
		*cap = *cap ? *cap * 2 : 65536;
		*b = realloc(*b, *cap);
		if (!*b) {
			fprintf(stderr, "gencontent: out of memory\n");
			exit(1);
		}
	}
	memcpy(*b + *n, s, k);
	*n += k;
}

/* content_builtin_lexicon_text: the lexicon's strings packed (see lexicon.h). */
static void emit_lexicon(const struct lexicon *x)
{
	const char *const *lists[] = { x->rules, x->modifiers, x->unweighted,
				       weights ? weights : x->weights };
	const size_t counts[] = { x->n_rules, x->n_modifiers, x->n_unweighted,
				  weights ? n_weights : x->n_weights };
	const size_t all_weights = counts[3];
	char *b = NULL;
	size_t n = 0, cap = 0, i, k;
	unsigned long text;

	for (i = 0; i < x->n_phrases; i++)
		pack(&b, &n, &cap, x->phrases[i]);
	for (i = 0; i < x->n_shorthand; i++) {
		pack(&b, &n, &cap, x->shorthand[i].key);
		pack(&b, &n, &cap, x->shorthand[i].value);
	}
	for (i = 0; i < x->n_terms; i++) {
		pack(&b, &n, &cap, x->terms[i].key);
		pack(&b, &n, &cap, x->terms[i].value);
	}
	for (k = 0; k < 4; k++)
		for (i = 0; i < counts[k]; i++)
			pack(&b, &n, &cap, lists[k][i]);
	text = emit_bytes(b ? b : "", n);
	free(b);
	fprintf(out, "static const char *lexicon_strs[%zu];\n",
		x->n_phrases + x->n_rules + x->n_modifiers + x->n_unweighted + all_weights + 5);
	fprintf(out, "static struct lexicon_pair lexicon_pairs[%zu];\n",
		x->n_shorthand + x->n_terms + 2);
	fprintf(out,
		"const struct lexicon_text content_builtin_lexicon_text = {\n"
		"\t.text = s%lu,\n\t.n_phrases = %zu, .n_shorthand = %zu, .n_terms = %zu,\n"
		"\t.n_rules = %zu, .n_modifiers = %zu, .n_unweighted = %zu, .n_weights = %zu,\n"
		"\t.strs = lexicon_strs, .pairs = lexicon_pairs,\n};\n",
		text, x->n_phrases, x->n_shorthand, x->n_terms, x->n_rules, x->n_modifiers,
		x->n_unweighted, all_weights);
}

/* The model itself; every string and array is written before it. */
static void emit_model(const char *dir, const struct content *c)
{
	enum {
		TITLE,
		LANG,
		VERSION,
		SRC_TITLE,
		SRC_PUB,
		SRC_AUTHOR,
		SRC_DATE,
		SRC_NOTE,
		SRC_REV,
		INTRO,
		DISCLAIMER,
		CLOSING,
		IN_TEXT,
		OUT_TEXT,
		CRISIS,
		MUST,
		MUST_MEDIUM,
		MUST_NOT,
		N_EXPR
	};
	char e[N_EXPR][EXPR];
	unsigned long secs = emit_sections(dir, c), res = emit_resources(c);

	str(c->title, e[TITLE]);
	str(c->language, e[LANG]);
	str(c->content_version, e[VERSION]);
	str(c->source.title, e[SRC_TITLE]);
	str(c->source.publisher, e[SRC_PUB]);
	str(c->source.author, e[SRC_AUTHOR]);
	str(c->source.date, e[SRC_DATE]);
	str(c->source.note, e[SRC_NOTE]);
	strs(c->source.reviewers, c->source.n_reviewers, e[SRC_REV]);
	str(c->intro, e[INTRO]);
	str(c->disclaimer, e[DISCLAIMER]);
	str(c->closing, e[CLOSING]);
	str(c->check_in.text, e[IN_TEXT]);
	str(c->check_out.text, e[OUT_TEXT]);
	str(c->crisis_line, e[CRISIS]);
	emit_lexicon(&c->lexicon);
	strs(c->must_match, c->n_must_match, e[MUST]);
	strs(c->must_match_medium, c->n_must_match_medium, e[MUST_MEDIUM]);
	strs(c->must_not_match, c->n_must_not_match, e[MUST_NOT]);

	fprintf(out, "\nconst struct content content_builtin_model = {\n");
	fprintf(out, "\t.schema_version = %ld,\n", c->schema_version);
	fprintf(out, "\t.title = %s,\n\t.language = %s,\n\t.content_version = %s,\n", e[TITLE],
		e[LANG], e[VERSION]);
	fprintf(out,
		"\t.source = { .title = %s, .publisher = %s, .author = %s, .date = %s, .note = %s, "
		".reviewers = %s, .n_reviewers = %zu },\n",
		e[SRC_TITLE], e[SRC_PUB], e[SRC_AUTHOR], e[SRC_DATE], e[SRC_NOTE], e[SRC_REV],
		c->source.n_reviewers);
	fprintf(out, "\t.intro = %s,\n\t.disclaimer = %s,\n\t.closing = %s,\n", e[INTRO],
		e[DISCLAIMER], e[CLOSING]);
	fprintf(out, "\t.check_in = { .text = %s, .min = %ld, .max = %ld },\n", e[IN_TEXT],
		c->check_in.min, c->check_in.max);
	fprintf(out, "\t.check_out = { .text = %s, .min = %ld, .max = %ld },\n", e[OUT_TEXT],
		c->check_out.min, c->check_out.max);
	fprintf(out, "\t.crisis_line = %s,\n", e[CRISIS]);
	fprintf(out, "\t.resources = r%lu,\n\t.n_resources = %zu,\n", res, c->n_resources);
	fprintf(out, "\t.lexicon = { .n_shorthand = 0 }, /* content_builtin_lexicon_text */\n");
	fprintf(out, "\t.must_match = %s,\n\t.n_must_match = %zu,\n", e[MUST], c->n_must_match);
	fprintf(out, "\t.must_match_medium = %s,\n\t.n_must_match_medium = %zu,\n", e[MUST_MEDIUM],
		c->n_must_match_medium);
	fprintf(out, "\t.must_not_match = %s,\n\t.n_must_not_match = %zu,\n", e[MUST_NOT],
		c->n_must_not_match);
	fprintf(out, "\t.sections = x%lu,\n\t.n_sections = %zu,\n", secs, c->n_sections);
	fprintf(out, "\t.origin = \"built-in\",\n\t.arena = NULL,\n};\n");
}

/* The raw bytes of DIR/NAME, for `check`; returns the array's number. */
static unsigned long emit_file(const char *dir, const char *name)
{
	char path[4096], *buf = NULL;
	size_t len = 0;
	unsigned long id;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, name) >= sizeof(path)) {
		fprintf(stderr, "gencontent: path too long: %s/%s\n", dir, name);
		exit(1);
	}
	if (content_read_file(path, &buf, &len, NULL) != 0) {
		fprintf(stderr, "gencontent: cannot read '%s': %s\n", path, strerror(errno));
		exit(1);
	}
	id = emit_bytes(buf, len);
	free(buf);
	return id;
}

/*
 * Read the weights FILE names (a JSON array of strings) for the lexicon of
 * c, which must hold none of its own, and build the matcher with them: a
 * weight it cannot read fails the build, as content it would refuse does.
 * Read here, not with content_read_file(): that refuses a file over a
 * content file's 1 MiB, which the weights are free to pass.
 */
static int read_weights(const char *path, const struct content *c)
{
	FILE *fp = fopen(path, "rb");
	char *text = NULL;
	size_t len = 0, cap = 0, got, i;
	const cJSON *item;
	struct lexicon lex = c->lexicon;
	const struct lexicon *lp = &lex;
	struct matcher_error err;
	struct matcher *m;

	if (!fp) {
		fprintf(stderr, "gencontent: cannot read '%s': %s\n", path, strerror(errno));
		return -1;
	}
	do {
		if (len == cap) {
			cap = cap ? cap * 2 : 1 << 20;
			text = realloc(text, cap + 1);
			if (!text) {
				fprintf(stderr, "gencontent: out of memory\n");
				exit(1);
			}
		}
		got = fread(text + len, 1, cap - len, fp);
		len += got;
	} while (got > 0);
	if (ferror(fp)) {
		fprintf(stderr, "gencontent: cannot read '%s'\n", path);
		fclose(fp);
		free(text);
		return -1;
	}
	fclose(fp);
	text[len] = '\0';
	weights_json = cJSON_ParseWithLength(text, len);
	free(text);
	if (!cJSON_IsArray(weights_json)) {
		fprintf(stderr, "%s: not a JSON array of weights\n", path);
		return -1;
	}
	if (c->lexicon.n_weights) {
		fprintf(stderr,
			"gencontent: the built-in weights are in %s, so safety.json must not hold "
			"\"weights\" too\n",
			path);
		return -1;
	}
	n_weights = (size_t)cJSON_GetArraySize(weights_json);
	weights = xcalloc(n_weights + 1, sizeof(*weights));
	i = 0;
	cJSON_ArrayForEach(item, weights_json)
	{
		if (!cJSON_IsString(item)) {
			fprintf(stderr, "%s: weight %zu is not a string\n", path, i + 1);
			return -1;
		}
		weights[i++] = item->valuestring;
	}
	lex.weights = weights;
	lex.n_weights = n_weights;
	m = matcher_new_bare(&lp, 1, &err);
	if (!m) {
		fprintf(stderr, "%s: %s %zu: %s\n", path, err.field, err.index + 1, err.message);
		return -1;
	}
	matcher_free(m);
	return 0;
}

int main(int argc, char **argv)
{
	struct content *c = NULL;
	struct content_error err;
	char tmp[4096], msg[1024];
	unsigned long *files;
	const char *weights_path = NULL;
	int i;

	if (argc > 2 && strcmp(argv[1], "--weights") == 0) {
		weights_path = argv[2];
		argc -= 2;
		argv += 2;
	}
	if (argc < 3) {
		fprintf(stderr, "usage: gencontent [--weights FILE] DIR OUT.c NAME...\n");
		return 2;
	}
	if (content_load_dir(argv[1], &c, &err) != 0) {
		content_error_format(&err, msg, sizeof(msg));
		fprintf(stderr, "%s\n", msg);
		fprintf(
		    stderr,
		    "gencontent: cry-guide would refuse this content; fix it and run make again\n");
		return 1;
	}
	if (weights_path && read_weights(weights_path, c) != 0)
		return 1;
	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp", argv[2]) >= sizeof(tmp))
		return 1;
	out = fopen(tmp, "w");
	if (!out) {
		fprintf(stderr, "gencontent: cannot create '%s': %s\n", tmp, strerror(errno));
		return 1;
	}
	fprintf(out, "/* Generated by tools/gencontent.c from %s/: do not edit. */\n", argv[1]);
	fprintf(out, "#include <stddef.h>\n\n#include \"content.h\"\n\n");
	emit_model(argv[1], c);
	files = xcalloc((size_t)argc, sizeof(*files));
	for (i = 3; i < argc; i++)
		files[i] = emit_file(argv[1], argv[i]);
	fprintf(out, "\nconst struct content_file content_builtin_files[] = {\n");
	for (i = 3; i < argc; i++)
		fprintf(out, "\t{ \"%s\", s%lu, sizeof(s%lu) - 1 },\n", argv[i], files[i],
			files[i]);
	fprintf(out, "};\n\nconst size_t content_builtin_count = %d;\n", argc - 3);
	free(files);
	content_free(c);
	free(weights);
	cJSON_Delete(weights_json);
	if (fclose(out) != 0 || rename(tmp, argv[2]) != 0) {
		fprintf(stderr, "gencontent: cannot write '%s': %s\n", argv[2], strerror(errno));
		remove(tmp);
		return 1;
	}
	return 0;
}
