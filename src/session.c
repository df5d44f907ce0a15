/* session.c — the guided session: opening, check-in, sections and prompts, crisis resources, check-out, summary. */
#include "session.h"

#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "content.h"
#include "journal.h"
#include "prompt.h"
#include "render.h"
#include "matcher.h"
#include "oom.h"
#include "safety.h"

/* The marker readline (or the script transcript) shows where an answer goes. */
#define MARKER "> "

/* One kept answer.  Only in memory; wiped before it is freed. */
struct answer {
	const char *section_id; /* borrowed from the content */
	const char *prompt_id;
	const char *prompt_text; /* borrowed from the content */
	char *text; /* text answer, "7" for a scale, "1,3" for choices ("1,6; 6: TEXT"
		     * with an option's follow-up answer) */
};

struct session {
	const struct content *c;
	const struct session_options *opt;
	struct session_result *res;
	struct prompt_input *in;
	struct matcher *m;
	struct out o;
	struct answer *answers;
	size_t n_answers, cap_answers;
	size_t sections_started; /* reached, for the journal */
	bool ended;              /* res->end is final */
	char *err;               /* session_run()'s, for SESSION_INPUT_ERROR */
	size_t errlen;
};

/* How one read at a question went. */
enum ask {
	ASK_LINE,    /* a line to use (may be empty: skip) */
	ASK_AGAIN,   /* :crisis or :help was shown: show the question again */
	ASK_MOVE_ON, /* crisis language, the person chose to go on: next question */
	ASK_END      /* the session ends (res->end says why) */
};

struct matcher *session_matcher_new(const struct content *c)
{
	const struct lexicon *lex = c ? &c->lexicon : NULL;

	return matcher_new(&lex, lex ? 1 : 0, NULL);
}

/* ---- output ---- */

/* Re-read the width before each block, so text wraps to a resized terminal. */
static void refresh(struct session *s)
{
	struct term t;
	int cols;

	term_init(&t, STDOUT_FILENO, s->opt->color, s->opt->width);
	if (s->opt->width < 0 && t.tty && (cols = term_cols(STDOUT_FILENO)) > 0)
		t.width = cols;
	out_init(&s->o, stdout, &t);
}

static void say(struct session *s, enum style st, const char *first, const char *rest,
		const char *text)
{
	refresh(s);
	out_wrap_styled(&s->o, st, first, rest, text);
}

static void blank(struct session *s)
{
	fputc('\n', s->o.fp);
}

/* A formatted string on the heap, or NULL when memory ran out. */
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
static char *
fmt(const char *f, ...)
{
	va_list ap;
	char *buf;
	int n;

	va_start(ap, f);
	n = vsnprintf(NULL, 0, f, ap);
	va_end(ap);
	if (n < 0 || !(buf = malloc((size_t)n + 1))) {
		oom_note();
		return NULL;
	}
	va_start(ap, f);
	vsnprintf(buf, (size_t)n + 1, f, ap);
	va_end(ap);
	return buf;
}

/* say() a formatted string; nothing when memory ran out. */
static void sayf_owned(struct session *s, enum style st, const char *first, const char *rest,
		       char *text)
{
	if (text)
		say(s, st, first, rest, text);
	free(text);
}

static void wipe(char *p)
{
	volatile char *v = p;

	while (p && *v)
		*v++ = '\0';
}

static const char *crisis_line(const struct session *s)
{
	return render_crisis_line(s->c);
}

/* One resource as one entry: "Name (Region): contact; contact". */
static void show_resource(struct session *s, const char *name, const char *region,
			  const char *const *lines, size_t n)
{
	size_t len = strlen(name) + (region ? strlen(region) + 3 : 0) + 2, i;
	char *text, *w;

	for (i = 0; i < n; i++)
		len += strlen(lines[i]) + 2;
	text = malloc(len + 1);
	if (!text) {
		oom_note();
		return;
	}
	w = text + sprintf(text, region ? "%s (%s):" : "%s:", name, region);
	for (i = 0; i < n; i++)
		w += sprintf(w, "%s %s", i ? ";" : "", lines[i]);
	say(s, STYLE_NONE, "  ", "    ", text);
	free(text);
}

/* Every resource, one entry each: how to reach it (the details are in `cry-guide crisis`). */
static void show_resources(struct session *s)
{
	const struct content *c = s->c;
	size_t i, n;

	if (c && c->n_resources > 0) {
		for (i = 0; i < c->n_resources; i++) {
			const struct resource *r = &c->resources[i];

			show_resource(s, r->name, r->region, r->contact, r->n_contact);
		}
		return;
	}
	for (i = 0; i < safety_n_resources; i++) {
		for (n = 0; safety_resources[i].lines[n]; n++)
			;
		show_resource(s, safety_resources[i].name, NULL, safety_resources[i].lines, n);
	}
}

/*
 * The crisis resources, short enough to leave the next question on a
 * 24-row screen, and ending with the 988 line so that it sits right above
 * that question (SPEC 5: on a terminal 988 is still on screen when the next
 * question is asked).  After crisis language: a few gentle words, 911,
 * other countries, the text line and the way to more.  :crisis: every
 * resource, one entry each.  The caller follows with a blank line and the
 * question.
 */
static void show_crisis(struct session *s, bool matched)
{
	blank(s);
	if (matched) {
		say(s, STYLE_ALERT, NULL, NULL, "You don't have to go through this alone.");
		say(s, STYLE_NONE, NULL, NULL,
		    "It sounds like you might be carrying something really painful right now. If you are thinking about ending your life or hurting yourself, please reach out now: kind, trained people at the 988 Lifeline are there to listen, any time, for free.");
		blank(s);
		say(s, STYLE_NONE, "  ", "  ", "In immediate danger, call 911.");
		say(s, STYLE_NONE, "  ", "  ", "Text HOME to 741741 (Crisis Text Line, US).");
		say(s, STYLE_NONE, "  ", "  ",
		    "Outside the US, find a local line at findahelpline.com.");
		say(s, STYLE_DIM, "  ", "  ", "More resources: type :crisis");
	} else {
		say(s, STYLE_HEADING, NULL, NULL, "Crisis and support resources");
		show_resources(s);
		say(s, STYLE_DIM, "  ", "  ",
		    "Every detail (Spanish, Veterans, ASL): cry-guide crisis");
	}
	blank(s);
	say(s, STYLE_ALERT, NULL, NULL, safety_988_line);
}

static void show_keys(struct session *s)
{
	blank(s);
	say(s, STYLE_BOLD, NULL, NULL, "Keys at any question:");
	say(s, STYLE_NONE, "  Enter     ", "            ", "skip the question");
	say(s, STYLE_NONE, "  :crisis   ", "            ", "show crisis and support resources");
	say(s, STYLE_NONE, "  :help     ", "            ", "show these keys");
	say(s, STYLE_NONE, "  :quit     ", "            ", "end the session (so does Ctrl-D)");
	say(s, STYLE_NONE, "  Ctrl-C    ", "            ", "stop at once");
	say(s, STYLE_NONE, "  Up, Down  ", "            ",
	    "earlier answers from this session (kept in memory only)");
}

/* ---- reading ---- */

static void end_as(struct session *s, enum session_end e)
{
	if (!s->ended) {
		s->res->end = e;
		s->ended = true;
	}
}

static char *trim(char *l)
{
	size_t n;

	while (isspace((unsigned char)*l))
		l++;
	n = strlen(l);
	while (n > 0 && isspace((unsigned char)l[n - 1]))
		l[--n] = '\0';
	return l;
}

/* Read one trimmed line; false when the session ends instead. */
static bool read_line(struct session *s, char **line)
{
	enum prompt_status st;

	if (ferror(stdout)) {
		end_as(s, SESSION_OUTPUT_GONE);
		return false;
	}
	st = prompt_read(s->in, MARKER, line);
	if (st == PROMPT_INTERRUPTED) {
		if (!s->ended)
			s->res->signal = s->opt->interrupted ? (int)*s->opt->interrupted : SIGINT;
		end_as(s, SESSION_INTERRUPTED);
		return false;
	}
	if (st == PROMPT_ERROR) {
		if (!s->ended)
			prompt_error(s->in, s->err, s->errlen);
		end_as(s, SESSION_INPUT_ERROR);
		return false;
	}
	if (st != PROMPT_OK) {
		end_as(s, SESSION_EOF);
		return false;
	}
	*line = trim(*line);
	return true;
}

static bool is_key(const char *line, const char *key)
{
	return strcasecmp(line, key) == 0;
}

/*
 * After crisis language: the resources, then "keep going?".  Enter or
 * anything but "n..." goes on; it never insists.  Returns false when the
 * session ends.
 */
static bool crisis_continue(struct session *s)
{
	char *line;

	show_crisis(s, true);
	for (;;) {
		blank(s);
		say(s, STYLE_BOLD, NULL, NULL, "Would you like to keep going? [Y/n]");
		if (!read_line(s, &line))
			return false;
		if (matcher_tier(s->m, line, NULL) == CRISIS_HIGH) {
			wipe(line);
			blank(s);
			say(s, STYLE_ALERT, NULL, NULL, crisis_line(s));
			continue;
		}
		if (is_key(line, ":crisis")) {
			show_crisis(s, false);
			continue;
		}
		if (is_key(line, ":help")) {
			show_keys(s);
			continue;
		}
		if (*line == 'n' || *line == 'N' || is_key(line, ":quit")) {
			end_as(s, SESSION_QUIT);
			return false;
		}
		blank(s);
		say(s, STYLE_NONE, NULL, NULL,
		    "Okay. Take your time. You can call or text 988 whenever you need to, and :crisis brings the resources back.");
		return true;
	}
}

/* Read an answer: crisis language is looked for first, then the keys. */
static enum ask ask(struct session *s, char **line)
{
	if (!read_line(s, line))
		return ASK_END;
	switch (matcher_tier(s->m, *line, NULL)) {
	case CRISIS_HIGH:
		wipe(*line); /* nothing about the match is kept */
		*line = NULL;
		return crisis_continue(s) ? ASK_MOVE_ON : ASK_END;
	case CRISIS_MEDIUM:
		/* a weaker signal, a negation or someone else at risk: one calm
		 * line under the answer, no interruption; the answer is kept as
		 * any answer is, nothing about the signal is */
		say(s, STYLE_NONE, NULL, NULL, safety_medium_line);
		break;
	case CRISIS_NONE: break;
	}
	if (is_key(*line, ":crisis")) {
		show_crisis(s, false);
		return ASK_AGAIN;
	}
	if (is_key(*line, ":help")) {
		show_keys(s);
		return ASK_AGAIN;
	}
	if (is_key(*line, ":quit")) {
		end_as(s, SESSION_QUIT);
		return ASK_END;
	}
	return ASK_LINE;
}

/* An integer in [min, max], the whole line; false otherwise. */
static bool parse_scale(const char *line, long min, long max, long *v)
{
	char *end;

	if (!isdigit((unsigned char)line[0]) &&
	    !(line[0] == '-' && isdigit((unsigned char)line[1])))
		return false;
	errno = 0;
	*v = strtol(line, &end, 10);
	return *end == '\0' && errno == 0 && *v >= min && *v <= max;
}

/* Option numbers ("1,3", "1 3") as "1,3" in order; NULL when invalid or out of memory. */
static char *parse_choice(const struct prompt *p, const char *line)
{
	bool *picked = calloc(p->n_options ? p->n_options : 1, sizeof(*picked));
	size_t count = 0, i, len;
	char *out = NULL, *w;
	const char *q = line;

	if (!picked) {
		oom_note();
		return NULL;
	}
	for (;;) {
		char *end;
		long v;

		q += strspn(q, ", \t;");
		if (!*q)
			break;
		len = strcspn(q, ", \t;");
		if (!isdigit((unsigned char)*q))
			goto out;
		errno = 0;
		v = strtol(q, &end, 10);
		if (end != q + len || errno || v < 1 || (unsigned long)v > p->n_options)
			goto out;
		if (!picked[v - 1]) {
			picked[v - 1] = true;
			count++;
		}
		q += len;
	}
	if (count == 0 || (!p->multiple && count > 1))
		goto out;
	/* at most 20 digits and a comma per option */
	out = malloc(count * 21 + 1);
	if (!out) {
		oom_note();
		goto out;
	}
	w = out;
	for (i = 0; i < p->n_options; i++)
		if (picked[i])
			w += sprintf(w, "%s%zu", w == out ? "" : ",", i + 1);
	*w = '\0';
out:
	free(picked);
	return out;
}

static void show_question(struct session *s, const struct prompt *p, const char *first)
{
	char rest[32];
	size_t i, n = strlen(first);

	if (n >= sizeof(rest))
		n = sizeof(rest) - 1;
	memset(rest, ' ', n);
	rest[n] = '\0';
	blank(s);
	say(s, STYLE_BOLD, first, rest, p->text);
	switch (p->kind) {
	case PROMPT_TEXT: break;
	case PROMPT_SCALE:
		if (p->min_label && p->max_label)
			sayf_owned(
			    s, STYLE_DIM, rest, rest,
			    fmt("%ld means %s and %ld means %s. Type a number from %ld to %ld.",
				p->min, p->min_label, p->max, p->max_label, p->min, p->max));
		else
			sayf_owned(s, STYLE_DIM, rest, rest,
				   fmt("Type a number from %ld to %ld.", p->min, p->max));
		break;
	case PROMPT_CHOICE:
		for (i = 0; i < p->n_options; i++) {
			char num[64], under[64];

			snprintf(num, sizeof(num), "%s%2zu. ", rest, i + 1);
			snprintf(under, sizeof(under), "%s    ", rest);
			say(s, STYLE_NONE, num, under, p->options[i]);
		}
		if (p->multiple)
			say(s, STYLE_DIM, rest, rest, "Type one or more numbers, like 1,3 or 1 3.");
		else
			sayf_owned(s, STYLE_DIM, rest, rest,
				   fmt("Type a number from 1 to %zu.", p->n_options));
		break;
	}
}

static void show_retry(struct session *s, const struct prompt *p)
{
	blank(s);
	if (p->kind == PROMPT_SCALE && p->min_label && p->max_label)
		sayf_owned(
		    s, STYLE_NONE, NULL, NULL,
		    fmt("Please type a whole number from %ld (%s) to %ld (%s), or press Enter to skip.",
			p->min, p->min_label, p->max, p->max_label));
	else if (p->kind == PROMPT_SCALE)
		sayf_owned(
		    s, STYLE_NONE, NULL, NULL,
		    fmt("Please type a whole number from %ld to %ld, or press Enter to skip.",
			p->min, p->max));
	else if (p->multiple)
		sayf_owned(
		    s, STYLE_NONE, NULL, NULL,
		    fmt("Please type one or more numbers from 1 to %zu, separated by commas or spaces, or press Enter to skip.",
			p->n_options));
	else
		sayf_owned(s, STYLE_NONE, NULL, NULL,
			   fmt("Please type one number from 1 to %zu, or press Enter to skip.",
			       p->n_options));
}

/* Whether option n (1-based) is among the numbers of a choice answer ("1,3; ..."). */
static bool choice_picked(const char *answer, size_t n)
{
	const char *q = answer;
	char *end;

	for (;;) {
		unsigned long v = strtoul(q, &end, 10);
		if (end == q)
			return false;
		if (v == n)
			return true;
		if (*end != ',')
			return false;
		q = end + 1;
	}
}

/*
 * After a choice is picked: each picked option's follow-up question, read
 * like any answer (crisis language first; Enter skips it; in scripted mode
 * the next line), kept with the choice as "1,6; 6: TEXT"; then the picked
 * options' replies, a reply that several share once.  After crisis
 * language the resources stand as the last word: no reply follows.
 * Returns false when the session ends (*answer is then wiped and freed).
 */
static bool choice_follow_up(struct session *s, const struct prompt *p, char **answer)
{
	bool crisis = false;
	size_t i, k;
	char *line, *more;

	for (i = 0; p->asks && i < p->n_options && !crisis; i++) {
		if (!p->asks[i] || !choice_picked(*answer, i + 1))
			continue;
		for (;;) {
			blank(s);
			say(s, STYLE_BOLD, NULL, NULL, p->asks[i]);
			switch (ask(s, &line)) {
			case ASK_END:
				wipe(*answer);
				free(*answer);
				*answer = NULL;
				return false;
			case ASK_AGAIN: continue;
			case ASK_MOVE_ON: crisis = true; break;
			case ASK_LINE:
				if (*line == '\0')
					break;
				prompt_remember(s->in, line);
				more = fmt("%s; %zu: %s", *answer, i + 1, line);
				if (more) {
					wipe(*answer);
					free(*answer);
					*answer = more;
				}
				break;
			}
			break;
		}
	}
	for (i = 0; p->replies && i < p->n_options && !crisis; i++) {
		if (!p->replies[i] || !choice_picked(*answer, i + 1))
			continue;
		for (k = 0; k < i; k++)
			if (p->replies[k] && choice_picked(*answer, k + 1) &&
			    strcmp(p->replies[k], p->replies[i]) == 0)
				break;
		if (k == i) {
			blank(s);
			say(s, STYLE_NONE, NULL, NULL, p->replies[i]);
		}
	}
	return true;
}

/*
 * Ask prompt P until it is answered or skipped.  *answer is the answer
 * (caller frees) or NULL when skipped.  Returns false when the session ends.
 */
static bool ask_prompt(struct session *s, const struct prompt *p, const char *first, char **answer)
{
	bool show = true;
	char *line;
	long v;

	*answer = NULL;
	for (;;) {
		if (show)
			show_question(s, p, first);
		show = false;
		switch (ask(s, &line)) {
		case ASK_END: return false;
		case ASK_MOVE_ON: return true;
		case ASK_AGAIN: show = true; continue;
		case ASK_LINE: break;
		}
		if (*line == '\0')
			return true; /* Enter skips */
		switch (p->kind) {
		case PROMPT_TEXT:
			if (!(*answer = strdup(line)))
				oom_note();
			break;
		case PROMPT_SCALE:
			if (!parse_scale(line, p->min, p->max, &v)) {
				show_retry(s, p);
				continue;
			}
			*answer = fmt("%ld", v);
			break;
		case PROMPT_CHOICE:
			*answer = parse_choice(p, line);
			if (!*answer) {
				show_retry(s, p);
				continue;
			}
			prompt_remember(s->in, line);
			return choice_follow_up(s, p, answer);
		}
		prompt_remember(s->in, line);
		return true;
	}
}

static void answer_keep(struct session *s, const struct section *sec, const struct prompt *p,
			char *text)
{
	if (s->n_answers == s->cap_answers) {
		size_t cap = s->cap_answers ? s->cap_answers * 2 : 16;
		struct answer *a = realloc(s->answers, cap * sizeof(*a));

		if (!a) {
			oom_note();
			wipe(text);
			free(text);
			return;
		}
		s->answers = a;
		s->cap_answers = cap;
	}
	s->answers[s->n_answers].section_id = sec ? sec->id : NULL;
	s->answers[s->n_answers].prompt_id = p->id;
	s->answers[s->n_answers].prompt_text = p->text;
	s->answers[s->n_answers].text = text;
	s->n_answers++;
}

static void answers_free(struct session *s)
{
	size_t i;

	for (i = 0; i < s->n_answers; i++) {
		wipe(s->answers[i].text);
		free(s->answers[i].text);
	}
	free(s->answers);
	s->answers = NULL;
	s->n_answers = s->cap_answers = 0;
}

/* A 0..10 style rating (check-in, check-out): the value, or -1 when skipped. */
static bool ask_rating(struct session *s, const struct scale_question *q, const char *id,
		       long *value)
{
	struct prompt p;
	char *answer;
	bool go_on;

	*value = -1;
	if (!q->text)
		return true;
	memset(&p, 0, sizeof(p));
	p.id = id;
	p.kind = PROMPT_SCALE;
	p.text = q->text;
	p.min = q->min;
	p.max = q->max;
	go_on = ask_prompt(s, &p, "", &answer);
	if (answer)
		*value = strtol(answer, NULL, 10);
	free(answer);
	return go_on;
}

/* ---- the session's parts ---- */

static void show_opening(struct session *s)
{
	const struct content *c = s->c;

	refresh(s);
	say(s, STYLE_HEADING, NULL, NULL, c->title ? c->title : "cry-guide");
	if (c->source.title && c->source.publisher && c->source.date)
		sayf_owned(s, STYLE_DIM, NULL, NULL,
			   fmt("Based on \"%s\" (%s, %s), in cry-guide's own words.",
			       c->source.title, c->source.publisher, c->source.date));
	if (c->intro) {
		blank(s);
		say(s, STYLE_NONE, NULL, NULL, c->intro);
	}
	blank(s);
	say(s, STYLE_DIM, NULL, NULL, render_disclaimer(c));
	blank(s);
	say(s, STYLE_ALERT, NULL, NULL, crisis_line(s));
	blank(s);
	say(s, STYLE_DIM, NULL, NULL,
	    "At any question: press Enter to skip, type :crisis for crisis resources, :help for the keys, or :quit to stop.");
}

static const struct section *section_at(const struct session *s, size_t i)
{
	return s->opt->sections ? s->opt->sections[i] : &s->c->sections[i];
}

static bool walk_section(struct session *s, const struct section *sec, size_t k, size_t n)
{
	size_t i;

	s->sections_started++;
	blank(s);
	sayf_owned(s, STYLE_HEADING, NULL, NULL, fmt("[%zu/%zu] %s", k, n, sec->title));
	blank(s);
	say(s, STYLE_BOLD, NULL, NULL, sec->summary);
	if (!s->opt->brief) {
		for (i = 0; i < sec->n_paragraphs; i++) {
			blank(s);
			say(s, STYLE_NONE, NULL, NULL, sec->paragraphs[i]);
		}
	}
	if (sec->n_key_points > 0) {
		blank(s);
		say(s, STYLE_BOLD, NULL, NULL, "Key points");
		for (i = 0; i < sec->n_key_points; i++)
			say(s, STYLE_NONE, "  - ", "    ", sec->key_points[i]);
	}
	for (i = 0; i < sec->n_prompts; i++) {
		const struct prompt *p = &sec->prompts[i];
		char first[48];
		char *answer;

		snprintf(first, sizeof(first), "(%zu/%zu) ", i + 1, sec->n_prompts);
		if (!ask_prompt(s, p, first, &answer))
			return false;
		if (answer) {
			s->res->answered++;
			answer_keep(s, sec, p, answer);
		}
	}
	s->res->sections_done++;
	return true;
}

static char *rating_text(long in, long out)
{
	if (in >= 0 && out >= 0) {
		if (out < in)
			return fmt("%ld at the start, %ld at the end (%ld lower)", in, out,
				   in - out);
		if (out > in)
			return fmt("%ld at the start, %ld at the end (%ld higher)", in, out,
				   out - in);
		return fmt("%ld at the start and at the end (no change)", in);
	}
	if (in >= 0)
		return fmt("%ld at the start, not rated at the end", in);
	if (out >= 0)
		return fmt("not rated at the start, %ld at the end", out);
	return fmt("not rated");
}

static void show_summary(struct session *s)
{
	const struct session_result *r = s->res;

	blank(s);
	say(s, STYLE_HEADING, NULL, NULL, "Your session");
	sayf_owned(s, STYLE_NONE, "  Sections:          ", "                     ",
		   fmt("%zu of %zu", r->sections_done, r->sections_total));
	sayf_owned(s, STYLE_NONE, "  Prompts answered:  ", "                     ",
		   fmt("%zu of %zu", r->answered, r->prompts_total));
	sayf_owned(s, STYLE_NONE, "  Feelings (0-10):   ", "                     ",
		   rating_text(r->check_in, r->check_out));
}

/* After the check-out: a high rating, or a rise of 3 or more, brings the crisis line back. */
static void check_out_care(struct session *s)
{
	long in = s->res->check_in, out = s->res->check_out;

	if (out < 0 || !(out >= 8 || (in >= 0 && out - in >= 3)))
		return;
	blank(s);
	say(s, STYLE_ALERT, NULL, NULL,
	    "Your feelings sound very strong right now, and that is okay. You don't have to carry them alone: you can call or text 988 at any time to talk with someone, for free.");
	blank(s);
	say(s, STYLE_NONE, NULL, NULL, crisis_line(s));
}

/*
 * The journal (issue 11): with --save, or when the person says yes at the
 * end of an interactive session, hand what was answered to opt->save_fn,
 * before the answers are wiped.  Never by default, never asked in scripted
 * mode; with --save an early end (Ctrl-C, Ctrl-D, :quit, SIGTERM) still
 * saves, marked incomplete.
 */
static void save_reflection(struct session *s)
{
	const struct session_options *opt = s->opt;
	enum session_end end = s->res->end;
	struct journal_answer *ans = NULL;
	const char **secs = NULL;
	struct journal_entry e;
	bool yes = opt->save == SESSION_SAVE_YES;
	char *line;
	size_t i;

	if (!opt->save_fn || opt->save == SESSION_SAVE_NO)
		goto not_saved;
	if (s->n_answers == 0 && s->res->check_in < 0 && s->res->check_out < 0) {
		if (!yes)
			goto not_saved;
		if (end != SESSION_INTERRUPTED && end != SESSION_OUTPUT_GONE) {
			blank(s);
			say(s, STYLE_DIM, NULL, NULL,
			    "Nothing was answered, so nothing was saved.");
		}
		return;
	}
	if (!yes) {
		if (!prompt_interactive(s->in) || end == SESSION_INTERRUPTED ||
		    end == SESSION_OUTPUT_GONE || end == SESSION_INPUT_ERROR)
			goto not_saved;
		for (;;) {
			blank(s);
			say(s, STYLE_BOLD, NULL, NULL,
			    "Save this reflection to your private journal? [y/N]");
			switch (ask(s, &line)) {
			case ASK_AGAIN:
			case ASK_MOVE_ON: continue;
			case ASK_END: line = NULL; break;
			case ASK_LINE: break;
			}
			break;
		}
		yes = line && (is_key(line, "y") || is_key(line, "yes"));
		if (!yes)
			goto not_saved;
	}
	memset(&e, 0, sizeof(e));
	secs = calloc(s->sections_started + 1, sizeof(*secs));
	ans = calloc(s->n_answers + 1, sizeof(*ans));
	if (!secs || !ans) {
		s->res->saved = -1;
		blank(s);
		say(s, STYLE_NONE, NULL, NULL,
		    "This reflection could not be saved: out of memory.");
		goto out;
	}
	for (i = 0; i < s->sections_started; i++)
		secs[i] = section_at(s, i)->id;
	for (i = 0; i < s->n_answers; i++) {
		ans[i].section_id = s->answers[i].section_id;
		ans[i].prompt_id = s->answers[i].prompt_id;
		ans[i].prompt = s->answers[i].prompt_text;
		ans[i].answer = s->answers[i].text;
	}
	e.sections = secs;
	e.n_sections = s->sections_started;
	e.answers = ans;
	e.n_answers = s->n_answers;
	e.rating_before = s->res->check_in;
	e.rating_after = s->res->check_out;
	e.incomplete = end != SESSION_FINISHED;
	fflush(stdout);
	s->res->saved = opt->save_fn(opt->save_ctx, &e) == 0 ? 1 : -1;
	blank(s);
	if (s->res->saved == 1)
		sayf_owned(s, STYLE_NONE, NULL, NULL,
			   fmt("Saved to your private journal as %s%s.", e.id,
			       e.incomplete ? " (marked incomplete)" : ""));
	else
		say(s, STYLE_NONE, NULL, NULL, "This reflection could not be saved.");
out:
	free(secs);
	free(ans);
	return;
not_saved:
	if (end != SESSION_INTERRUPTED && end != SESSION_OUTPUT_GONE) {
		blank(s);
		say(s, STYLE_DIM, NULL, NULL, "Nothing from this session was saved.");
	}
}

static void show_ending(struct session *s)
{
	switch (s->res->end) {
	case SESSION_INTERRUPTED:
		blank(s);
		say(s, STYLE_NONE, NULL, NULL, "Stopped. Take good care of yourself.");
		break;
	case SESSION_INPUT_ERROR:
		blank(s);
		say(s, STYLE_NONE, NULL, NULL,
		    "The answers could not be read, so the session ended early. You can come back to it any time.");
		show_summary(s);
		break;
	case SESSION_QUIT:
	case SESSION_EOF:
	case SESSION_OUTPUT_GONE:
		blank(s);
		say(s, STYLE_NONE, NULL, NULL,
		    "The session ended early. You can come back to it any time.");
		show_summary(s);
		break;
	case SESSION_FINISHED:
		show_summary(s);
		if (s->c->closing) {
			blank(s);
			say(s, STYLE_NONE, NULL, NULL, s->c->closing);
		}
		break;
	}
	save_reflection(s);
	refresh(s);
	render_footer_text(&s->o, s->c);
}

int session_run(const struct content *c, const struct session_options *opt,
		struct session_result *res, char *err, size_t errlen)
{
	struct session s;
	size_t i, n;
	bool go_on;

	memset(&s, 0, sizeof(s));
	memset(res, 0, sizeof(*res));
	s.c = c;
	s.opt = opt;
	s.res = res;
	s.err = err;
	s.errlen = errlen;
	res->check_in = res->check_out = -1;
	n = opt->sections ? opt->n_sections : c->n_sections;
	res->sections_total = n;
	for (i = 0; i < n; i++)
		res->prompts_total += section_at(&s, i)->n_prompts;

	s.m = session_matcher_new(c);
	if (!s.m) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (prompt_open(&s.in, opt->answers_path, opt->interrupted, err, errlen) != 0) {
		matcher_free(s.m);
		return -1;
	}

	show_opening(&s);
	go_on = ask_rating(&s, &c->check_in, "check-in", &res->check_in);
	for (i = 0; go_on && i < n; i++)
		go_on = walk_section(&s, section_at(&s, i), i + 1, n);
	if (go_on)
		go_on = ask_rating(&s, &c->check_out, "check-out", &res->check_out);
	if (go_on) {
		end_as(&s, SESSION_FINISHED);
		check_out_care(&s);
	}
	show_ending(&s);
	fflush(stdout);

	prompt_close(s.in);
	matcher_free(s.m);
	answers_free(&s);
	return 0;
}
