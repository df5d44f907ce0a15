/* journal_codec.c — a journal entry as one JSON line and back; ids, times, the encryption header. */
#define _GNU_SOURCE /* memmem */
#include "journal.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "journal_seal.h"
#include "render.h"

/*
 * The second file that includes cJSON, after content.c: the journal is
 * JSON Lines, and its lines are parsed here and nowhere else.
 */

/* A copy of s with invalid UTF-8 replaced by U+FFFD, so that the line is valid JSON. */
static char *utf8_clean(const char *s)
{
	size_t n = strlen(s), i = 0, k;
	char *out = malloc(n * 3 + 1), *w = out;
	unsigned long cp;

	if (!out)
		return NULL;
	while (i < n) {
		k = render_utf8_next(s + i, &cp);
		if (cp == 0xFFFD && !(k == 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0)) {
			memcpy(w, "\xEF\xBF\xBD", 3);
			w += 3;
		} else {
			memcpy(w, s + i, k);
			w += k;
		}
		i += k;
	}
	*w = '\0';
	return out;
}

/* Add a string member (NULL: null); false when memory ran out. */
static bool add_string(cJSON *o, const char *key, const char *value)
{
	cJSON *v;
	char *clean;

	if (!value)
		return cJSON_AddNullToObject(o, key) != NULL;
	clean = utf8_clean(value);
	if (!clean)
		return false;
	v = cJSON_CreateString(clean);
	seal_wipe(clean, strlen(clean));
	free(clean);
	if (!v)
		return false;
	if (!cJSON_AddItemToObject(o, key, v)) { /* the key's copy failed */
		seal_wipe(v->valuestring, strlen(v->valuestring));
		cJSON_Delete(v);
		return false;
	}
	return true;
}

static bool add_rating(cJSON *o, const char *key, long v)
{
	if (v < 0)
		return cJSON_AddNullToObject(o, key) != NULL;
	return cJSON_AddNumberToObject(o, key, (double)v) != NULL;
}

char *journal_entry_encode(const struct journal_entry *e, size_t *len)
{
	cJSON *root = cJSON_CreateObject(), *content, *arr = NULL, *answers = NULL, *a;
	char *out = NULL;
	size_t i;
	bool ok;

	if (!root)
		return NULL;
	ok = cJSON_AddNumberToObject(root, "schema", JOURNAL_SCHEMA) &&
	     add_string(root, "id", e->id) && add_string(root, "start", e->start) &&
	     add_string(root, "end", e->end) &&
	     (content = cJSON_AddObjectToObject(root, "content")) != NULL &&
	     add_string(content, "title", e->content_title) &&
	     add_string(content, "version", e->content_version) &&
	     (arr = cJSON_AddArrayToObject(root, "sections")) != NULL;
	for (i = 0; ok && i < e->n_sections; i++) {
		cJSON *s = cJSON_CreateString(e->sections[i]);
		ok = s != NULL && cJSON_AddItemToArray(arr, s);
		if (s && !ok)
			cJSON_Delete(s);
	}
	ok = ok && add_rating(root, "rating_before", e->rating_before) &&
	     add_rating(root, "rating_after", e->rating_after) &&
	     cJSON_AddBoolToObject(root, "incomplete", e->incomplete) &&
	     (answers = cJSON_AddArrayToObject(root, "answers")) != NULL;
	for (i = 0; ok && i < e->n_answers; i++) {
		const struct journal_answer *x = &e->answers[i];
		ok = (a = cJSON_CreateObject()) != NULL;
		if (!ok)
			break;
		if (!cJSON_AddItemToArray(answers, a)) {
			cJSON_Delete(a);
			ok = false;
			break;
		}
		ok = add_string(a, "section", x->section_id) &&
		     add_string(a, "prompt_id", x->prompt_id) &&
		     add_string(a, "prompt", x->prompt) && add_string(a, "answer", x->answer);
	}
	if (ok)
		out = cJSON_PrintUnformatted(root);
	/* the tree holds the answers: wipe them before it is freed, whether
	 * or not the line could be made */
	for (a = answers ? answers->child : NULL; a; a = a->next) {
		cJSON *t = cJSON_GetObjectItemCaseSensitive(a, "answer");
		if (cJSON_IsString(t))
			seal_wipe(t->valuestring, strlen(t->valuestring));
	}
	cJSON_Delete(root);
	if (out && len)
		*len = strlen(out);
	return out;
}

/* The storage behind a parsed entry. */
struct parsed {
	cJSON *root;
	const char **sections;
	struct journal_answer *answers;
};

static const char *str_or_null(const cJSON *o, const char *key, bool *ok)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!v || cJSON_IsNull(v))
		return NULL;
	if (!cJSON_IsString(v)) {
		*ok = false;
		return NULL;
	}
	return v->valuestring;
}

static long rating(const cJSON *o, const char *key, bool *ok)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!v || cJSON_IsNull(v))
		return -1;
	if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > 1000000) {
		*ok = false;
		return -1;
	}
	return (long)v->valuedouble;
}

static bool id_ok(const char *id)
{
	size_t n = id ? strlen(id) : 0, i;

	if (n == 0 || n > JOURNAL_ID_MAX)
		return false;
	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)id[i]) && !islower((unsigned char)id[i]))
			return false;
	return true;
}

static bool time_ok(const char *t)
{
	return t && strlen(t) < 32;
}

enum journal_parse journal_entry_parse(const char *line, size_t len, struct journal_entry *e)
{
	struct parsed *p;
	const cJSON *schema, *sections, *answers, *v, *content;
	const char *end = NULL, *id;
	size_t i, n;
	bool ok = true;

	memset(e, 0, sizeof(*e));
	if (len == 0 || line[0] != '{')
		return JPARSE_FOREIGN;
	p = calloc(1, sizeof(*p));
	if (!p)
		return JPARSE_FOREIGN;
	p->root = cJSON_ParseWithLengthOpts(line, len, &end, 0);
	if (!p->root || !cJSON_IsObject(p->root))
		goto foreign;
	while (end < line + len && (*end == ' ' || *end == '\r' || *end == '\t'))
		end++;
	if (end != line + len)
		goto foreign;
	schema = cJSON_GetObjectItemCaseSensitive(p->root, "schema");
	if (!cJSON_IsNumber(schema) || schema->valuedouble < 1)
		goto foreign;
	if (schema->valuedouble > JOURNAL_SCHEMA) {
		journal_entry_release(&(struct journal_entry){ .priv = p });
		return JPARSE_NEWER;
	}
	id = str_or_null(p->root, "id", &ok);
	if (!ok || !id_ok(id))
		goto foreign;
	memcpy(e->id, id, strlen(id) + 1);
	v = cJSON_GetObjectItemCaseSensitive(p->root, "start");
	if (!cJSON_IsString(v) || !time_ok(v->valuestring))
		goto foreign;
	memcpy(e->start, v->valuestring, strlen(v->valuestring) + 1);
	v = cJSON_GetObjectItemCaseSensitive(p->root, "end");
	if (cJSON_IsString(v) && time_ok(v->valuestring))
		memcpy(e->end, v->valuestring, strlen(v->valuestring) + 1);
	content = cJSON_GetObjectItemCaseSensitive(p->root, "content");
	if (cJSON_IsObject(content)) {
		e->content_title = str_or_null(content, "title", &ok);
		e->content_version = str_or_null(content, "version", &ok);
	}
	e->rating_before = rating(p->root, "rating_before", &ok);
	e->rating_after = rating(p->root, "rating_after", &ok);
	v = cJSON_GetObjectItemCaseSensitive(p->root, "incomplete");
	e->incomplete = cJSON_IsTrue(v);
	if (!ok)
		goto foreign;

	sections = cJSON_GetObjectItemCaseSensitive(p->root, "sections");
	n = cJSON_IsArray(sections) ? (size_t)cJSON_GetArraySize(sections) : 0;
	p->sections = calloc(n ? n : 1, sizeof(*p->sections));
	if (!p->sections)
		goto foreign;
	i = 0;
	cJSON_ArrayForEach(v, sections)
	{
		if (!cJSON_IsString(v))
			goto foreign;
		p->sections[i++] = v->valuestring;
	}
	e->sections = p->sections;
	e->n_sections = i;

	answers = cJSON_GetObjectItemCaseSensitive(p->root, "answers");
	n = cJSON_IsArray(answers) ? (size_t)cJSON_GetArraySize(answers) : 0;
	p->answers = calloc(n ? n : 1, sizeof(*p->answers));
	if (!p->answers)
		goto foreign;
	i = 0;
	cJSON_ArrayForEach(v, answers)
	{
		struct journal_answer *a = &p->answers[i];

		if (!cJSON_IsObject(v))
			goto foreign;
		a->section_id = str_or_null(v, "section", &ok);
		a->prompt_id = str_or_null(v, "prompt_id", &ok);
		a->prompt = str_or_null(v, "prompt", &ok);
		a->answer = str_or_null(v, "answer", &ok);
		if (!ok || !a->answer)
			goto foreign;
		i++;
	}
	e->answers = p->answers;
	e->n_answers = i;
	e->priv = p;
	return JPARSE_OK;
foreign:
	e->priv = p;
	journal_entry_release(e);
	memset(e, 0, sizeof(*e));
	return JPARSE_FOREIGN;
}

enum journal_parse journal_entry_parse_summary(const char *line, size_t len,
					       struct journal_entry *e)
{
	/*
	 * Inside a JSON string every quote is escaped, so the bytes ,"answers":[
	 * can only be structure; the writer puts that member last, at the top
	 * level.  The line up to it, closed with }, is the entry without its
	 * answers.
	 */
	static const char key[] = ",\"answers\":[";
	const char *at = memmem(line, len, key, sizeof(key) - 1);
	enum journal_parse rc;
	char *head;
	size_t n;

	if (!at || line[len - 1] != '}')
		return journal_entry_parse(line, len, e);
	n = (size_t)(at - line);
	head = malloc(n + 2);
	if (!head)
		return journal_entry_parse(line, len, e);
	memcpy(head, line, n);
	head[n] = '}';
	head[n + 1] = '\0';
	rc = journal_entry_parse(head, n + 1, e);
	free(head);
	if (rc != JPARSE_OK)
		return journal_entry_parse(line, len, e); /* judge the whole line */
	/* the strings live in the parsed tree, not in head */
	return rc;
}

void journal_entry_release(struct journal_entry *e)
{
	struct parsed *p = e ? e->priv : NULL;
	const cJSON *a, *t;

	if (!p)
		return;
	/* answers are private: wipe them before the memory goes back */
	a = cJSON_GetObjectItemCaseSensitive(p->root, "answers");
	for (a = cJSON_IsArray(a) ? a->child : NULL; a; a = a->next) {
		t = cJSON_GetObjectItemCaseSensitive(a, "answer");
		if (cJSON_IsString(t))
			seal_wipe(t->valuestring, strlen(t->valuestring));
	}
	cJSON_Delete(p->root);
	free(p->sections);
	free(p->answers);
	free(p);
	e->priv = NULL;
}

static const char base32[] = "0123456789abcdefghjkmnpqrstvwxyz";

void journal_new_id(char *id, size_t size, time_t when)
{
	unsigned long long t = when < 0 ? 0 : (unsigned long long)when;
	unsigned char rnd[4];
	char buf[16];
	int i;

	/* 7 characters of seconds (good until the year 3058), then 4 random ones */
	for (i = 6; i >= 0; i--) {
		buf[i] = base32[t & 31];
		t >>= 5;
	}
	seal_random(rnd, sizeof(rnd));
	for (i = 0; i < 4; i++)
		buf[7 + i] = base32[rnd[i] & 31];
	buf[11] = '\0';
	snprintf(id, size, "%s", buf);
}

void journal_time(char *buf, size_t size, time_t t)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int journal_parse_date(const char *s, bool end_of_day, time_t *out)
{
	struct tm tm;
	int y, mo, d, h = 0, mi = 0, sec = 0, n = 0;
	size_t len = strlen(s);

	memset(&tm, 0, sizeof(tm));
	if (len == 10 && sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) == 3 && n == 10) {
		if (end_of_day) {
			h = 23;
			mi = 59;
			sec = 59;
		}
	} else if (len == 20 &&
		   sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &y, &mo, &d, &h, &mi, &sec, &n) == 6 &&
		   n == 20) {
	} else {
		return -1;
	}
	if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
	    sec > 60 || h < 0 || mi < 0 || sec < 0)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	*out = timegm(&tm);
	return 0;
}

char *journal_header_encode(const struct seal_params *p, const char *check, size_t *len)
{
	cJSON *root = cJSON_CreateObject();
	char *salt = seal_b64(p->salt, sizeof(p->salt)), *out = NULL;

	if (root && salt && cJSON_AddNumberToObject(root, "cry-guide-journal", 1) &&
	    cJSON_AddStringToObject(root, "cipher", "xchacha20poly1305") &&
	    cJSON_AddStringToObject(root, "kdf", "argon2id") &&
	    cJSON_AddStringToObject(root, "salt", salt) &&
	    cJSON_AddNumberToObject(root, "opslimit", (double)p->opslimit) &&
	    cJSON_AddNumberToObject(root, "memlimit", (double)p->memlimit) &&
	    cJSON_AddStringToObject(root, "check", check))
		out = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	free(salt);
	if (out && len)
		*len = strlen(out);
	return out;
}

int journal_header_parse(const char *line, size_t len, struct seal_params *p, char **check)
{
	cJSON *root;
	const cJSON *v, *ops, *mem, *salt, *chk, *cipher;
	const char *end = NULL;
	int rc = -1;

	if (len == 0 || line[0] != '{')
		return -1;
	root = cJSON_ParseWithLengthOpts(line, len, &end, 0);
	if (!root)
		return -1;
	v = cJSON_GetObjectItemCaseSensitive(root, "cry-guide-journal");
	cipher = cJSON_GetObjectItemCaseSensitive(root, "cipher");
	salt = cJSON_GetObjectItemCaseSensitive(root, "salt");
	ops = cJSON_GetObjectItemCaseSensitive(root, "opslimit");
	mem = cJSON_GetObjectItemCaseSensitive(root, "memlimit");
	chk = cJSON_GetObjectItemCaseSensitive(root, "check");
	if (!cJSON_IsNumber(v) || v->valuedouble != 1 || !cJSON_IsString(cipher) ||
	    strcmp(cipher->valuestring, "xchacha20poly1305") != 0 || !cJSON_IsString(salt) ||
	    !cJSON_IsNumber(ops) || !cJSON_IsNumber(mem) || !cJSON_IsString(chk) ||
	    ops->valuedouble < 0 || ops->valuedouble > 1e12 || mem->valuedouble < 0 ||
	    mem->valuedouble > 1e15 ||
	    seal_unb64(salt->valuestring, strlen(salt->valuestring), p->salt, sizeof(p->salt)) != 0)
		goto out;
	p->opslimit = (unsigned long long)ops->valuedouble;
	p->memlimit = (unsigned long long)mem->valuedouble;
	*check = strdup(chk->valuestring);
	rc = *check ? 0 : -1;
out:
	cJSON_Delete(root);
	return rc;
}
