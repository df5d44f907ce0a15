/* content.h — the guide's content model: load a folder or the built-in copy, query it. */
#ifndef CRY_GUIDE_CONTENT_H
#define CRY_GUIDE_CONTENT_H

#include <stdbool.h>
#include <stddef.h>

#include "id_stream.h"
#include "lexicon.h"

/* Files larger than this are refused (SPEC section 10). */
#define CONTENT_MAX_FILE (1024L * 1024L)
/* Deeper nesting than this is refused before cJSON sees it. */
#define CONTENT_MAX_DEPTH 64

enum prompt_kind { PROMPT_TEXT, PROMPT_SCALE, PROMPT_CHOICE };

/*
 * Everything below is owned by the struct content it came from: strings
 * and arrays are borrowed and stay valid until content_free().
 */
struct prompt {
	const char *id;
	enum prompt_kind kind;
	const char *text;
	long min, max;              /* scale */
	const char *min_label;      /* scale, may be NULL */
	const char *max_label;      /* scale, may be NULL */
	const char *const *options; /* choice: each option's text */
	size_t n_options;
	/*
	 * choice: per option, a reply shown when it is picked and a follow-up
	 * question asked when it is picked ("What else?", an empty answer
	 * skips it).  Each array is NULL when no option has one, else it has
	 * n_options entries, NULL where an option has none.
	 */
	const char *const *replies;
	const char *const *asks;
	bool multiple; /* choice */
};

struct section {
	const char *id;
	const char *title;
	const char *summary;
	const char *const *paragraphs;
	size_t n_paragraphs;
	const char *const *key_points;
	size_t n_key_points;
	const struct prompt *prompts;
	size_t n_prompts;
	const char *path; /* file it came from, e.g. "content/sections/01-why-we-cry.json" */
};

struct resource {
	const char *id;
	const char *name;
	const char *region; /* may be NULL */
	const char *const *contact;
	size_t n_contact;
	const char *const *details; /* may be empty */
	size_t n_details;
	const char *verified_on; /* YYYY-MM-DD */
	const char *source;      /* URL */
};

struct scale_question {
	const char *text;
	long min, max;
};

struct content {
	long schema_version;
	const char *title;
	const char *language;
	const char *content_version;
	struct {
		const char *title;
		const char *publisher;
		const char *author; /* may be NULL */
		const char *date;
		const char *note; /* may be NULL */
		const char *const *reviewers;
		size_t n_reviewers;
	} source;
	const char *intro; /* may be NULL */
	const char *disclaimer;
	const char *closing; /* may be NULL */
	struct scale_question check_in;
	struct scale_question check_out;

	/* safety.json */
	const char *crisis_line;
	const struct resource *resources;
	size_t n_resources;
	struct lexicon lexicon;        /* "matcher" and "phrases" (lexicon.phrases) */
	const char *const *must_match; /* examples that must read high */
	size_t n_must_match;
	const char *const *must_match_medium; /* examples that must read medium */
	size_t n_must_match_medium;
	const char *const *must_not_match;
	size_t n_must_not_match;

	const struct section *sections; /* in manifest order */
	size_t n_sections;

	const char *origin;          /* the folder, or "built-in" */
	struct content_arena *arena; /* private */
};

/* Where a problem is.  line/col are 1-based, 0 when unknown. */
struct content_error {
	char path[512]; /* file, "" when none */
	int line, col;
	char pointer[256]; /* JSON Pointer of the value, "" for the file */
	char code[8];      /* rule code, e.g. "CG101" */
	char message[256]; /* lowercase, no final full stop */
	int more;          /* errors after this one in the same file, counted, not described */
};

/*
 * "PATH:LINE:COL: MESSAGE (POINTER) ... and N more errors", dropping the
 * parts that are unknown (and the count when there are none).
 */
void content_error_format(const struct content_error *err, char *buf, size_t len);

/*
 * Load a content folder (DIR/guide.json, DIR/safety.json and, for the
 * manifest's Nth section ID, DIR/sections/NN-ID.json).  Returns 0 and sets
 * *out (caller frees with content_free()), or -1 and fills *err.
 */
int content_load_dir(const char *dir, struct content **out, struct content_error *err);

/*
 * What the `crisis` command needs of a content folder, and no more:
 * DIR/guide.json (the disclaimer) and DIR/safety.json (the crisis line and
 * resources), each validated as content_load_dir() does.  No section file
 * is opened: n_sections is 0.  Same contract as content_load_dir().
 */
int content_load_safety(const char *dir, struct content **out, struct content_error *err);

/*
 * The copy built into the binary.  It was loaded and validated at build
 * time (tools/gencontent.c) and is static data: this allocates and parses
 * nothing and cannot fail; content_free() on it does nothing.  Same
 * signature as content_load_dir() so callers treat both alike.
 */
int content_load_builtin(struct content **out, struct content_error *err);

void content_free(struct content *c);

/*
 * Resolve SPEC, a section id, a unique prefix of an id, or a 1-based
 * number.  Returns the section, or NULL: then *ambiguous says whether the
 * prefix matched several sections.
 */
const struct section *content_find_section(const struct content *c, const char *spec,
					   bool *ambiguous);

/*
 * Fill out[] with up to max section ids closest to SPEC (ids it prefixes
 * first, then by edit distance).  Returns the number written.
 */
size_t content_suggest(const struct content *c, const char *spec, const char **out, size_t max);

/*
 * The Levenshtein distance between A and B (bytes; A is read up to 256
 * bytes, B up to 63), for "did you mean" suggestions.
 */
size_t content_edit_distance(const char *a, const char *b);

/* ---- lower level, shared with the `check` command ---- */

enum content_kind { CONTENT_GUIDE, CONTENT_SAFETY, CONTENT_SECTION };

/*
 * One problem found while validating a file.  The strings are valid only
 * during the callback.  warning == false means the loader refuses the file.
 */
struct content_issue {
	const char *code; /* "CG0xx" parsing, "CG1xx" structure, "CG20x" the floor */
	bool warning;
	const char *pointer; /* JSON Pointer, "" for the whole file */
	int line, col;       /* of the value (or of the parse error) */
	const char *message;
};
typedef void (*content_issue_fn)(void *ctx, const struct content_issue *issue);

/*
 * Validate one file's bytes as KIND, reporting every problem found through
 * fn (reading, UTF-8, control characters, parse errors with position,
 * duplicate keys, depth, required fields, types, id formats, prompt kinds,
 * duplicate ids, and the safety floor of floor.h: the crisis line, the
 * disclaimer and the resources).  Returns the number of errors (not
 * warnings) reported, or -1 when memory ran out.
 */
/* buf[len] must be NUL (content_read_file() and the built-in copy ensure it). */
int content_validate(enum content_kind kind, const char *buf, size_t len, content_issue_fn fn,
		     void *ctx);

/* True when s is a real calendar date "YYYY-MM-DD" (leap years counted), 1900 or later. */
bool content_valid_date(const char *s);

/* The kind a file name suggests: "guide.json", "safety.json", else a section. */
enum content_kind content_kind_of(const char *path);

/*
 * Read a whole regular file (a symlink is followed), refusing anything over
 * CONTENT_MAX_FILE, folders and unreadable paths.  A FIFO, device or socket
 * is refused without being read or waited on: the file is opened with
 * O_NONBLOCK and looked at with fstat() first.  Returns 0 and a
 * NUL-terminated heap buffer (caller frees), or -1 with errno set (EFBIG
 * for too large, EISDIR for a folder, EINVAL for not a regular file).  why
 * may be NULL; else *why is NULL, or for a path that is not a regular file
 * a static description for messages ("a FIFO, not a regular file").
 */
int content_read_file(const char *path, char **buf, size_t *len, const char **why);

/* The content built into the binary (generated by tools/gencontent.c). */
struct content_file {
	const char *name; /* relative: "guide.json", "sections/01-why-we-cry.json" */
	const char *data; /* NUL-terminated */
	size_t len;
};
extern const struct content_file content_builtin_files[];
extern const size_t content_builtin_count;
/*
 * The built-in model.  Its lexicon is empty: the built-in lexicon is
 * content_builtin_lexicon_text, made readable by matcher_builtin_lexicon(),
 * and the matcher always reads it first (include/lexicon.h says why).
 */
extern const struct content content_builtin_model;
extern const struct lexicon_text content_builtin_lexicon_text;

/*
 * content_validate() that also calls string_fn (when not NULL) for every
 * string value, object members and array entries at any depth, with its
 * JSON Pointer ("/prompts/3/text", keys escaped with ~0 and ~1), in
 * document order, once the file has parsed (before its structure is
 * checked): one parse serves both.  pointer and text are valid only during
 * the call; values whose pointer would be longer than 1 KiB are skipped.
 * Both callbacks get ctx.  No string_fn call means the file did not parse.
 */
typedef void (*content_string_fn)(void *ctx, const char *pointer, const char *text);
int content_validate_each(enum content_kind kind, const char *buf, size_t len, content_issue_fn fn,
			  content_string_fn string_fn, void *ctx);

/* ---- one section at a time (content_stream.c reads through these) ---- */

/* Where a reader finds the manifest's section ids. */
struct content_manifest {
	/*
	 * Every id (borrowed, valid until content_free()); or NULL: read them
	 * from path with id_stream_open(path, &span).  The usual case is NULL:
	 * the ids stay in the file (guide.json was read a chunk at a time, its
	 * "sections" checked as it went); they are held only when the file had
	 * to be read whole (id_stream_scan() gave up, and it was valid still).
	 */
	const char *const *ids;
	const char *path;    /* guide.json (borrowed, valid until content_free()) */
	struct id_span span; /* n and width always; the rest when ids is NULL */
};

/*
 * guide.json and safety.json of DIR, read and validated as
 * content_load_dir() does (n_sections is 0), and where the manifest's
 * section ids are (*m).  No section file is opened.  Same contract as
 * content_load_dir(): errors read exactly as its.
 */
int content_load_head(const char *dir, struct content **out, struct content_manifest *m,
		      struct content_error *err);

/*
 * Which section files to validate and keep, from their bytes (buf[len] is
 * NUL): false leaves the file unvalidated and unbuilt.
 */
typedef bool (*content_want_fn)(void *ctx, const char *buf, size_t len);

/*
 * The manifest's section I (0-based) of DIR, whose id the manifest gives
 * as ID (DIR/sections/NN-ID.json), read and validated as content_load_dir()
 * does.  Returns 1 and *out, a content holding that one section
 * (sections[0]; caller frees with content_free()); 0 when want (may be
 * NULL) turned its bytes down (*out is NULL); or -1 and *err, the same
 * error content_load_dir() would report for that file.
 */
int content_load_section(const char *dir, size_t i, const char *id, content_want_fn want, void *ctx,
			 struct content **out, struct content_error *err);

/*
 * For tests: the validator builds its tree in the strict check's one pass
 * over the bytes, not with cJSON.  Returns 1 when that tree is node for
 * node what cJSON_ParseWithLengthOpts() makes of buf (or neither can read
 * it), 0 when they differ, -1 when buf is not JSON the strict check
 * accepts.  buf must have a NUL after its len bytes, as
 * content_read_file() leaves it.
 */
int content_tree_matches_cjson(const char *buf, size_t len);

#endif
