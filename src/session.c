/* session.c — the guided session: opening, check-in, sections and prompts, crisis resources, check-out, endings. */
#include "session.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
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

/* A terminal with fewer rows than this is offered the brief walk at the opening. */
#define SHORT_ROWS 30

/* Fewer rows than this and text is not paced at all: a page would be too small to read. */
#define MIN_PACED_ROWS 8

/* One kept answer.  Only in memory; wiped before it is freed. */
struct answer {
	const char *section_id; /* borrowed from the content */
	const char *prompt_id;
	const struct section *section; /* borrowed: the answers are shown back by section */
	const struct prompt *prompt;
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
	FILE *capture; /* while text is laid out to be paced: where say() writes */
	struct answer *answers;
	size_t n_answers, cap_answers;
	size_t at;               /* the walk's section in progress (n_sections at the check-out) */
	size_t sections_started; /* reached, for the journal */
	bool brief;              /* opt->brief, or chosen at the opening */
	bool matched;            /* a line read high: the session closes with 988, not counts */
	bool ended;              /* res->end is final */
	char *err;               /* session_run()'s, for SESSION_INPUT_ERROR */
	size_t errlen;
};

/* How one read at a question went. */
enum ask {
	ASK_LINE,    /* a line to use (may be empty: skip) */
	ASK_AGAIN,   /* :crisis or :help was shown, or a :word refused: show the question again */
	ASK_MOVE_ON, /* crisis language, the person chose to go on: next question */
	ASK_END      /* the session ends (res->end says why) */
};

struct matcher *session_matcher_new(const struct content *c)
{
	const struct lexicon *lex = c ? &c->lexicon : NULL;

	return matcher_new(&lex, lex ? 1 : 0, NULL);
}

/* ---- output ---- */

static FILE *out_fp(const struct session *s)
{
	return s->capture ? s->capture : stdout;
}

/* Re-read the width before each block, so text wraps to a resized terminal. */
static void refresh(struct session *s)
{
	struct term t;
	int cols;

	term_init(&t, STDOUT_FILENO, s->opt->color, s->opt->width);
	if (s->opt->width < 0 && t.tty && (cols = term_cols(STDOUT_FILENO)) > 0)
		t.width = cols;
	out_init(&s->o, out_fp(s), &t);
}

static void say(struct session *s, enum style st, const char *first, const char *rest,
		const char *text)
{
	refresh(s);
	out_wrap_styled(&s->o, st, first, rest, text);
}

static void blank(struct session *s)
{
	fputc('\n', out_fp(s));
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

/* say() text that holds what the person wrote, then wipe and free it. */
static void say_private(struct session *s, enum style st, const char *first, const char *rest,
			char *text)
{
	if (text)
		say(s, st, first, rest, text);
	wipe(text);
	free(text);
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
 * question (its one-line header first): nothing else may come between.
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
	say(s, STYLE_NONE, "  Enter         ", "                ", "skip the question");
	say(s, STYLE_NONE, "  :crisis, :c   ", "                ",
	    "show crisis and support resources");
	say(s, STYLE_NONE, "  :help, :h     ", "                ", "show these keys");
	say(s, STYLE_NONE, "  :quit, :q     ", "                ",
	    "end the session (so does Ctrl-D)");
	say(s, STYLE_NONE, "  Ctrl-C        ", "                ", "stop at once");
	if (prompt_interactive(s->in)) {
		say(s, STYLE_NONE, "  Up, Down      ", "                ",
		    "earlier answers from this session (kept in memory only)");
		say(s, STYLE_NONE, NULL, NULL,
		    "Where long text pauses: Enter shows more, q goes on to the questions.");
	}
}

/* ---- commands ---- */

enum command { CMD_NONE, CMD_CRISIS, CMD_HELP, CMD_QUIT, CMD_UNKNOWN };

/*
 * What a line is as a command: ":crisis", ":help", ":quit" or their short
 * forms ":c", ":h", ":q" (any case); CMD_UNKNOWN for any other ':' and
 * letters only (":skip", ":exit"), never taken as an answer; CMD_NONE for
 * everything else, ":)" and ": so tired" included.
 */
static enum command command_of(const char *line)
{
	static const struct {
		const char *name, *abbrev;
		enum command cmd;
	} cmds[] = { { "crisis", "c", CMD_CRISIS },
		     { "help", "h", CMD_HELP },
		     { "quit", "q", CMD_QUIT } };
	const char *p;
	size_t i;

	if (line[0] != ':' || !line[1])
		return CMD_NONE;
	for (p = line + 1; *p; p++)
		if (!isalpha((unsigned char)*p))
			return CMD_NONE;
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (strcasecmp(line + 1, cmds[i].name) == 0 ||
		    strcasecmp(line + 1, cmds[i].abbrev) == 0)
			return cmds[i].cmd;
	return CMD_UNKNOWN;
}

/* A :word that is not a command: say so, with the list (LINE is ':' and letters only). */
static void refuse_command(struct session *s, const char *line)
{
	blank(s);
	sayf_owned(
	    s, STYLE_NONE, NULL, NULL,
	    fmt("\"%s\" is not a command. The commands are :crisis (or :c) for crisis resources, :help (:h) for the keys and :quit (:q) to stop.",
		line));
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

/* Read one trimmed line after PROMPT; false when the session ends instead. */
static bool read_line_at(struct session *s, const char *prompt, char **line)
{
	enum prompt_status st;

	if (ferror(stdout)) {
		end_as(s, SESSION_OUTPUT_GONE);
		return false;
	}
	st = prompt_read(s->in, prompt, line);
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

static bool read_line(struct session *s, char **line)
{
	return read_line_at(s, MARKER, line);
}

/*
 * After crisis language: the resources, then "keep going?".  Enter or
 * anything but "n..." goes on; it never insists.  Returns false when the
 * session ends.
 */
static bool crisis_continue(struct session *s)
{
	char *line;

	s->matched = true;
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
		switch (command_of(line)) {
		case CMD_CRISIS: show_crisis(s, false); continue;
		case CMD_HELP: show_keys(s); continue;
		case CMD_UNKNOWN: refuse_command(s, line); continue;
		case CMD_QUIT: end_as(s, SESSION_QUIT); return false;
		case CMD_NONE: break;
		}
		if (*line == 'n' || *line == 'N') {
			end_as(s, SESSION_QUIT);
			return false;
		}
		blank(s);
		say(s, STYLE_NONE, NULL, NULL,
		    "Okay. Take your time. You can call or text 988 whenever you need to, and :crisis brings the resources back.");
		return true;
	}
}

/*
 * Read an answer: crisis language is looked for first, then the commands.
 * A :word that is not a command is refused and never reaches the caller.
 */
static enum ask ask_at(struct session *s, const char *prompt, char **line)
{
	if (!read_line_at(s, prompt, line))
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
	switch (command_of(*line)) {
	case CMD_CRISIS: show_crisis(s, false); return ASK_AGAIN;
	case CMD_HELP: show_keys(s); return ASK_AGAIN;
	case CMD_UNKNOWN: refuse_command(s, *line); return ASK_AGAIN;
	case CMD_QUIT: end_as(s, SESSION_QUIT); return ASK_END;
	case CMD_NONE: break;
	}
	return ASK_LINE;
}

static enum ask ask(struct session *s, char **line)
{
	return ask_at(s, MARKER, line);
}

/* ---- scales ---- */

/* A whole number: digits (a leading '-' allowed) or a word from zero to ten, any case. */
static bool scale_number(const char *w, long *v)
{
	static const char *const words[] = { "zero", "one",   "two",   "three", "four", "five",
					     "six",  "seven", "eight", "nine",  "ten" };
	char *end;
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcasecmp(w, words[i]) == 0) {
			*v = (long)i;
			return true;
		}
	if (!isdigit((unsigned char)w[0]) && !(w[0] == '-' && isdigit((unsigned char)w[1])))
		return false;
	errno = 0;
	*v = strtol(w, &end, 10);
	return *end == '\0' && errno == 0;
}

/*
 * A number in [min, max], the whole line: "7", "seven", "7/10", "7 / 10",
 * "7 out of 10", "7 of 10" (the "of" number must be max), a full stop at
 * the end allowed; false otherwise.
 */
static bool parse_scale(const char *line, long min, long max, long *v)
{
	char buf[160], *word[6], *p;
	size_t len = strlen(line), n = 0, i;
	long of;
	bool ok;

	if (len > 48)
		return false;
	/* a '/' is a word of its own */
	for (p = buf, i = 0; i < len; i++) {
		if (line[i] == '/') {
			*p++ = ' ';
			*p++ = '/';
			*p++ = ' ';
		} else {
			*p++ = line[i];
		}
	}
	*p = '\0';
	if (p > buf && p[-1] == '.')
		p[-1] = '\0';
	for (p = buf; n < sizeof(word) / sizeof(word[0]);) {
		p += strspn(p, " \t");
		if (!*p)
			break;
		word[n++] = p;
		p += strcspn(p, " \t");
		if (*p)
			*p++ = '\0';
	}
	p += strspn(p, " \t");
	if (*p || n == 0)
		return false;
	if (n == 1)
		ok = scale_number(word[0], v);
	else if (n == 3 && (strcmp(word[1], "/") == 0 || strcasecmp(word[1], "of") == 0))
		ok = scale_number(word[0], v) && scale_number(word[2], &of) && of == max;
	else if (n == 4 && strcasecmp(word[1], "out") == 0 && strcasecmp(word[2], "of") == 0)
		ok = scale_number(word[0], v) && scale_number(word[3], &of) && of == max;
	else
		ok = false;
	return ok && *v >= min && *v <= max;
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

/*
 * A question: its one-line header when it has one (the section's title
 * and place, so that the section is on screen whatever scrolled away),
 * the question, then what to type.
 */
static void show_question(struct session *s, const struct prompt *p, const char *header)
{
	size_t i, digits = p->n_options >= 10 ? 2 : 1;

	blank(s);
	if (header && *header)
		say(s, STYLE_DIM, NULL, NULL, header);
	say(s, STYLE_BOLD, NULL, NULL, p->text);
	switch (p->kind) {
	case PROMPT_TEXT: break;
	case PROMPT_SCALE:
		if (p->min_label && p->max_label)
			sayf_owned(
			    s, STYLE_DIM, NULL, NULL,
			    fmt("%ld means %s and %ld means %s. Type a number from %ld to %ld.",
				p->min, p->min_label, p->max, p->max_label, p->min, p->max));
		else
			sayf_owned(s, STYLE_DIM, NULL, NULL,
				   fmt("Type a number from %ld to %ld.", p->min, p->max));
		break;
	case PROMPT_CHOICE:
		for (i = 0; i < p->n_options; i++) {
			char num[32], under[32];

			snprintf(num, sizeof(num), "  %*zu) ", (int)digits, i + 1);
			snprintf(under, sizeof(under), "  %*s  ", (int)digits, "");
			say(s, STYLE_NONE, num, under, p->options[i]);
		}
		if (p->multiple)
			say(s, STYLE_DIM, NULL, NULL, "Type one or more numbers, like 1,3 or 1 3.");
		else
			sayf_owned(s, STYLE_DIM, NULL, NULL,
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
 * Ask prompt P, under HEADER (may be NULL), until it is answered or
 * skipped.  *answer is the answer (caller frees) or NULL when skipped.
 * Returns false when the session ends.
 */
static bool ask_prompt(struct session *s, const struct prompt *p, const char *header, char **answer)
{
	bool show = true;
	char *line;
	long v;

	*answer = NULL;
	for (;;) {
		if (show)
			show_question(s, p, header);
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
	s->answers[s->n_answers].section = sec;
	s->answers[s->n_answers].prompt = p;
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

/* The 0..10 question of a check-in or check-out as a prompt. */
static void rating_prompt(struct prompt *p, const struct scale_question *q, const char *id)
{
	memset(p, 0, sizeof(*p));
	p->id = id;
	p->kind = PROMPT_SCALE;
	p->text = q->text;
	p->min = q->min;
	p->max = q->max;
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
	rating_prompt(&p, q, id);
	go_on = ask_prompt(s, &p, NULL, &answer);
	if (answer)
		*value = strtol(answer, NULL, 10);
	free(answer);
	return go_on;
}

/* ---- pacing: long text a screenful at a time, on a terminal ---- */

/*
 * On a terminal (readline reads the answers) text that would scroll the
 * start of a section away before its first question is laid out first:
 * say() writes to a buffer, the buffer is counted in screen rows, and it
 * is shown a screenful at a time, each but the last followed by a pause
 * ("Enter for more, q for the questions").  Off a terminal, and in
 * scripted mode, nothing is laid out and nothing pauses.
 */
struct laid_out {
	char *buf;
	size_t len;
};

/* Start laying out: true when pacing applies (then end with layout_end()). */
static bool layout_begin(struct session *s, struct laid_out *l)
{
	l->buf = NULL;
	l->len = 0;
	if (!prompt_interactive(s->in) || term_rows(STDOUT_FILENO) < MIN_PACED_ROWS)
		return false;
	s->capture = open_memstream(&l->buf, &l->len);
	if (!s->capture)
		oom_note(); /* shown unpaced, never silently */
	return s->capture != NULL;
}

/*
 * Stop laying out (before anything else is laid out); false when memory
 * ran out (then l holds nothing, and the caller shows its text again,
 * unpaced).
 */
static bool layout_end(struct session *s, struct laid_out *l)
{
	bool ok = fclose(s->capture) == 0;

	s->capture = NULL;
	if (!ok) {
		oom_note();
		free(l->buf);
		l->buf = NULL;
		l->len = 0;
	}
	return ok && l->buf;
}

/* The screen rows of one line (N bytes, no '\n') at COLS columns; escapes take none. */
static int line_rows(const char *p, size_t n, int cols)
{
	size_t i = 0, w = 0;

	while (i < n) {
		unsigned long cp;

		if (p[i] == '\033') {
			/* our own styles only: ESC [ parameters final-byte */
			i++;
			if (i < n && p[i] == '[') {
				i++;
				while (i < n && !(p[i] >= 0x40 && p[i] <= 0x7e))
					i++;
				i++;
			}
			continue;
		}
		i += render_utf8_next(p + i, &cp);
		w += (size_t)render_cp_width(cp);
	}
	if (cols <= 0 || w == 0)
		return 1;
	return (int)((w + (size_t)cols - 1) / (size_t)cols);
}

/* Whether the last line of the N bytes at P (up to their final '\n') is blank: a paragraph ended. */
static bool blank_line(const char *p, size_t n)
{
	size_t i;

	if (n == 0 || p[n - 1] != '\n')
		return false;
	for (i = n - 1; i > 0 && p[i - 1] != '\n'; i--)
		if (p[i - 1] != ' ')
			return false;
	return true;
}

/* The screen rows from offset I to the end of L. */
static int rows_from(const struct laid_out *l, size_t i, int cols)
{
	int rows = 0;

	while (i < l->len) {
		const char *nl = memchr(l->buf + i, '\n', l->len - i);
		size_t end = nl ? (size_t)(nl - l->buf) : l->len;

		rows += line_rows(l->buf + i, end - i, cols);
		i = end + 1;
	}
	return rows;
}

/*
 * The rows a question takes on screen, with the line of its marker: laid
 * out and counted, not shown.  0 when it cannot be laid out.
 */
static int question_rows(struct session *s, const struct prompt *p, const char *header)
{
	struct laid_out l;
	int rows;

	if (!layout_begin(s, &l))
		return 0;
	show_question(s, p, header);
	if (!layout_end(s, &l))
		return 0;
	rows = rows_from(&l, 0, term_cols(STDOUT_FILENO)) + 1;
	free(l.buf);
	return rows;
}

enum pause { PAUSE_MORE, PAUSE_SKIP, PAUSE_END };

/*
 * Wait at a pause.  Enter (or anything else) shows more; q (any case), when
 * SKIP is the words for what follows, leaves the text for them.  Every line
 * is read for crisis language first, and the commands work as at a
 * question: :quit ends the session, :crisis and :help show theirs and pause
 * again.  Going on after crisis language goes to what follows, too.
 */
static enum pause pause_text(struct session *s, bool last, const char *skip)
{
	char *prompt, *line;
	const char *dim = "", *plain = "";

	refresh(s);
	if (s->o.color) {
		/* readline counts no width for what is between \001 and \002 */
		dim = "\001\033[2m\002";
		plain = "\001\033[0m\002";
	}
	if (!last && skip)
		prompt = fmt("%sEnter for more, q for %s%s " MARKER, dim, skip, plain);
	else if (!last)
		prompt = fmt("%sEnter for more%s " MARKER, dim, plain);
	else if (skip)
		prompt = fmt("%sEnter for %s%s " MARKER, dim, skip, plain);
	else
		prompt = fmt("%sEnter to go on%s " MARKER, dim, plain);
	for (;;) {
		enum pause r = PAUSE_MORE;

		switch (ask_at(s, prompt ? prompt : MARKER, &line)) {
		case ASK_END: r = PAUSE_END; break;
		case ASK_MOVE_ON: r = PAUSE_SKIP; break;
		case ASK_AGAIN: continue;
		case ASK_LINE:
			if (skip && (strcmp(line, "q") == 0 || strcmp(line, "Q") == 0))
				r = PAUSE_SKIP;
			break;
		}
		free(prompt);
		return r;
	}
}

/*
 * Show laid-out text L a screenful at a time, leaving room for the QROWS
 * rows of what follows it (the next question): what is left of the text
 * is shown at once when it fits above that, else one screenful less a row
 * for the pause.  SKIP names what follows for "q for ..." (NULL: no q).
 * Returns false when the session ends at a pause.
 */
static bool show_paced(struct session *s, const struct laid_out *l, int qrows, const char *skip)
{
	size_t i = 0;

	while (i < l->len) {
		int rows = term_rows(STDOUT_FILENO), cols = term_cols(STDOUT_FILENO), used = 0;
		size_t end = i;

		if (rows < MIN_PACED_ROWS || rows_from(l, i, cols) + qrows <= rows) {
			fwrite(l->buf + i, 1, l->len - i, stdout);
			return true;
		}
		/* a screenful less the pause's row, ended at a paragraph's end
		 * (after a blank line) when one is in its lower half */
		size_t para = i;
		bool cut = false;

		while (end < l->len) {
			const char *nl = memchr(l->buf + end, '\n', l->len - end);
			size_t e = nl ? (size_t)(nl - l->buf) + 1 : l->len;
			int r = line_rows(l->buf + end, e - end - (nl ? 1 : 0), cols);

			if (used > 0 && used + r > rows - 1) {
				cut = true;
				break;
			}
			used += r;
			end = e;
			if (blank_line(l->buf + i, end - i) && used >= (rows - 1) / 2)
				para = end;
		}
		if (cut && para > i && !blank_line(l->buf + i, end - i))
			end = para;
		fwrite(l->buf + i, 1, end - i, stdout);
		i = end;
		switch (pause_text(s, i >= l->len, skip)) {
		case PAUSE_MORE: break;
		case PAUSE_SKIP: return true;
		case PAUSE_END: return false;
		}
	}
	return true;
}

/* Show laid-out L paced (layout_end() was called) and free it; false when the session ends at a pause. */
static bool layout_show(struct session *s, struct laid_out *l, int qrows, const char *skip)
{
	bool go_on = true;

	if (l->buf)
		go_on = show_paced(s, l, qrows, skip);
	free(l->buf);
	l->buf = NULL;
	return go_on;
}

/* ---- the session's parts ---- */

static const struct section *section_at(const struct session *s, size_t i)
{
	return s->opt->sections ? s->opt->sections[i] : &s->c->sections[i];
}

/* A section's number in the guide (as `list` shows it), or 0. */
static size_t section_number(const struct session *s, const struct section *sec)
{
	if (sec >= s->c->sections && sec < s->c->sections + s->c->n_sections)
		return (size_t)(sec - s->c->sections) + 1;
	return 0;
}

/*
 * The command that walks this walk's sections from FROM on: "cry-guide
 * walk" for the whole guide, else "cry-guide walk 5 6 7 8" (with --brief
 * when this walk was brief).  NULL when memory ran out.
 */
static char *walk_command(const struct session *s, size_t from)
{
	size_t n = s->res->sections_total, i;
	char *cmd, *w;

	cmd = malloc(32 + (n - (from < n ? from : n)) * 24);
	if (!cmd) {
		oom_note();
		return NULL;
	}
	w = cmd + sprintf(cmd, "cry-guide walk%s", s->brief ? " --brief" : "");
	if (from == 0 && !s->opt->sections)
		return cmd;
	for (i = from; i < n; i++) {
		size_t k = section_number(s, section_at(s, i));

		if (k)
			w += sprintf(w, " %zu", k);
	}
	return cmd;
}

static void show_opening(struct session *s, bool offer)
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
	    "At any question: press Enter to skip, type :crisis (or :c) for crisis resources, :help (:h) for the keys, or :quit (:q) to stop.");
	if (!s->brief && !offer)
		say(s, STYLE_DIM, NULL, NULL,
		    "For a shorter walk, cry-guide walk --brief shows only each section's summary and key points.");
}

/*
 * The answer to a [y/N] question: 1 yes (y, yes, yeah, yep, sure, ok,
 * okay), 0 no (n, no, nope, nah, or an empty line: the default), -1
 * neither, and the question is asked again, so a word typed ahead for the
 * next question ("3") or a "yeah" is never taken for a no.  Any case; a
 * final "." or "!" and spaces around are allowed.
 */
static int yes_no(const char *line)
{
	static const char *const yes[] = { "y", "yes", "yeah", "yep", "sure", "ok", "okay" };
	static const char *const no[] = { "n", "no", "nope", "nah" };
	size_t n, i;

	while (*line == ' ' || *line == '\t')
		line++;
	n = strlen(line);
	while (n > 0 && strchr(" \t.!", line[n - 1]))
		n--;
	if (n == 0)
		return 0;
	for (i = 0; i < sizeof(yes) / sizeof(*yes); i++)
		if (strlen(yes[i]) == n && strncasecmp(line, yes[i], n) == 0)
			return 1;
	for (i = 0; i < sizeof(no) / sizeof(*no); i++)
		if (strlen(no[i]) == n && strncasecmp(line, no[i], n) == 0)
			return 0;
	return -1;
}

/* Said when a [y/N] question's answer was neither. */
static void yes_no_again(struct session *s)
{
	say(s, STYLE_DIM, NULL, NULL, "Please answer y or n (Enter is no).");
}

/* The brief walk, offered at the opening on a short terminal (a yes or no question). */
static const struct prompt offer_prompt = {
	.id = "brief",
	.kind = PROMPT_TEXT,
	.text =
	    "This window is short. Would you like the brief walk, with only each section's summary and key points (cry-guide walk --brief)? [y/N]",
};

/* Whether to offer the brief walk: on a terminal of fewer than SHORT_ROWS rows, unless it is brief. */
static bool offer_wanted(const struct session *s)
{
	int rows = term_rows(STDOUT_FILENO);

	return !s->brief && prompt_interactive(s->in) && rows > 0 && rows < SHORT_ROWS;
}

/* Ask the offer; y... makes the walk brief.  False when the session ends. */
static bool offer_brief(struct session *s)
{
	char *line;
	int yes;

	for (;;) {
		show_question(s, &offer_prompt, NULL);
		switch (ask(s, &line)) {
		case ASK_END: return false;
		case ASK_MOVE_ON: return true;
		case ASK_AGAIN: continue;
		case ASK_LINE: break;
		}
		yes = yes_no(line);
		if (yes < 0) {
			yes_no_again(s);
			continue;
		}
		if (yes) {
			s->brief = true;
			say(s, STYLE_NONE, NULL, NULL,
			    "Okay: each section's summary and key points, then its questions.");
		}
		return true;
	}
}

/*
 * "[2/8] Emotional tears and mental health · question 1 of 3", fitted to
 * one line: "· 1 of 3" when that is too wide, then the title cut short
 * with "…".  NULL when memory ran out.
 */
static char *question_header(struct session *s, const struct section *sec, size_t k, size_t n,
			     size_t i, size_t m)
{
	char *title = render_sanitize(sec->title), *h, *cut;
	size_t width, fixed, used = 0, at = 0;

	if (!title)
		return NULL;
	refresh(s);
	width = s->o.width > 0 ? (size_t)s->o.width : (size_t)-1;
	h = fmt("[%zu/%zu] %s \xc2\xb7 question %zu of %zu", k, n, title, i, m);
	if (!h || render_width(h) <= width)
		goto out;
	free(h);
	h = fmt("[%zu/%zu] %s \xc2\xb7 %zu of %zu", k, n, title, i, m);
	if (!h || render_width(h) <= width)
		goto out;
	/* the fixed parts and "…" take what the title leaves; keep at least a word's worth */
	fixed = render_width(h) - render_width(title) + 1;
	if (fixed + 8 > width)
		goto out;
	while (title[at]) {
		unsigned long cp;
		size_t len = render_utf8_next(title + at, &cp);
		size_t cw = (size_t)render_cp_width(cp);

		if (fixed + used + cw > width)
			break;
		used += cw;
		at += len;
	}
	while (at > 0 && title[at - 1] == ' ')
		at--;
	cut = fmt("[%zu/%zu] %.*s\xe2\x80\xa6 \xc2\xb7 %zu of %zu", k, n, (int)at, title, i, m);
	if (cut) {
		free(h);
		h = cut;
	}
out:
	free(title);
	return h;
}

/* The section's heading, summary, text and key points. */
static void show_section_text(struct session *s, const struct section *sec, size_t k, size_t n)
{
	size_t i;

	s->sections_started++;
	blank(s);
	sayf_owned(s, STYLE_HEADING, NULL, NULL, fmt("[%zu/%zu] %s", k, n, sec->title));
	blank(s);
	say(s, STYLE_BOLD, NULL, NULL, sec->summary);
	if (!s->brief) {
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
}

static bool walk_section(struct session *s, const struct section *sec, size_t k, size_t n)
{
	struct laid_out text;
	bool paced;
	size_t i;

	paced = layout_begin(s, &text);
	show_section_text(s, sec, k, n);
	if (paced) {
		int qrows = INT_MAX / 2; /* no question: pause before the next section */

		if (!layout_end(s, &text))
			show_section_text(s, sec, k, n); /* out of memory: unpaced */
		if (sec->n_prompts > 0) {
			char *header = question_header(s, sec, k, n, 1, sec->n_prompts);

			qrows = question_rows(s, &sec->prompts[0], header);
			free(header);
		}
		if (!layout_show(s, &text, qrows, sec->n_prompts > 0 ? "the questions" : NULL))
			return false;
	}
	for (i = 0; i < sec->n_prompts; i++) {
		const struct prompt *p = &sec->prompts[i];
		char *header = question_header(s, sec, k, n, i + 1, sec->n_prompts);
		char *answer;
		bool go_on = ask_prompt(s, p, header, &answer);

		free(header);
		if (!go_on)
			return false;
		if (answer) {
			s->res->answered++;
			answer_keep(s, sec, p, answer);
		}
	}
	s->res->sections_done++;
	return true;
}

/* ---- endings ---- */

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
	return fmt("not rated at the start, %ld at the end", out);
}

static void show_summary(struct session *s)
{
	const struct session_result *r = s->res;

	blank(s);
	say(s, STYLE_HEADING, NULL, NULL, "Your session");
	sayf_owned(s, STYLE_NONE, "  Sections:            ", "                       ",
		   fmt("%zu of %zu", r->sections_done, r->sections_total));
	sayf_owned(s, STYLE_NONE, "  Questions answered:  ", "                       ",
		   fmt("%zu of %zu", r->answered, r->prompts_total));
	if (r->check_in >= 0 || r->check_out >= 0)
		sayf_owned(s, STYLE_NONE, "  Feelings (0-10):     ", "                       ",
			   rating_text(r->check_in, r->check_out));
}

/*
 * Whether T starts "; K: " in a choice answer: K a picked option after
 * option AFTER that asks a follow-up (choice_follow_up() keeps them in
 * option order).  *k is set.
 */
static bool follow_up_at(const struct prompt *p, const char *answer, const char *t, size_t after,
			 size_t *k)
{
	unsigned long v;
	char *end;

	if (t[0] != ';' || t[1] != ' ' || !isdigit((unsigned char)t[2]))
		return false;
	v = strtoul(t + 2, &end, 10);
	if (end[0] != ':' || end[1] != ' ' || v <= after || v > p->n_options || !p->asks ||
	    !p->asks[v - 1] || !choice_picked(answer, v))
		return false;
	*k = v;
	return true;
}

/*
 * Option V's follow-up answer in a choice answer ("1,6; 6: TEXT"), *len
 * its length; NULL when it has none.  A follow-up's text runs to the next
 * follow-up's "; K: ", so a "; " the person typed stays in it.
 */
static const char *follow_up_of(const struct prompt *p, const char *answer, size_t v, size_t *len)
{
	const char *t = strchr(answer, ';'), *text, *q;
	size_t k = 0, next;

	while (t && follow_up_at(p, answer, t, k, &k)) {
		text = strchr(t + 2, ':') + 2;
		for (q = strchr(text, ';'); q && !follow_up_at(p, answer, q, k, &next);
		     q = strchr(q + 1, ';'))
			;
		if (k == v) {
			*len = q ? (size_t)(q - text) : strlen(text);
			return text;
		}
		t = q;
	}
	return NULL;
}

/* N bytes of S at OUT + AT (OUT NULL: only counted); returns N. */
static size_t put_at(char *out, size_t at, const char *s, size_t n)
{
	if (out)
		memcpy(out + at, s, n);
	return n;
}

/*
 * A choice answer as it is shown back, written to OUT (NULL: only
 * measured); returns its length.  "1,6; 6: TEXT": each option's words,
 * "; " between, an option's follow-up answer quoted after it; anything
 * else as it is.
 */
static size_t choice_shown(const struct answer *a, char *out)
{
	const struct prompt *p = a->prompt;
	const char *t = a->text, *stop = t + strcspn(t, ";"), *more;
	size_t len = 0, n, m;

	while (t < stop) {
		char *end;
		unsigned long v = strtoul(t, &end, 10);

		n = strcspn(t, ",;");
		if (len)
			len += put_at(out, len, "; ", 2);
		if (isdigit((unsigned char)*t) && end == t + n && v >= 1 && v <= p->n_options) {
			len += put_at(out, len, p->options[v - 1], strlen(p->options[v - 1]));
			if ((more = follow_up_of(p, a->text, v, &m))) {
				len += put_at(out, len, ": \xe2\x80\x9c", 5);
				len += put_at(out, len, more, m);
				len += put_at(out, len, "\xe2\x80\x9d", 3);
			}
		} else {
			len += put_at(out, len, t, n);
		}
		t += n + (t[n] == ',');
	}
	return len;
}

/* One answer as it is shown back: quoted text, a scale's number and meaning, the options picked. */
static char *answer_shown(const struct answer *a)
{
	const struct prompt *p = a->prompt;
	size_t len;
	char *out;

	switch (p->kind) {
	case PROMPT_TEXT: return fmt("\xe2\x80\x9c%s\xe2\x80\x9d", a->text);
	case PROMPT_SCALE:
		if (p->min_label && p->max_label)
			return fmt("%s, on a scale from %ld (%s) to %ld (%s)", a->text, p->min,
				   p->min_label, p->max, p->max_label);
		return fmt("%s, on a scale from %ld to %ld", a->text, p->min, p->max);
	case PROMPT_CHOICE: break;
	}
	len = choice_shown(a, NULL);
	if (!(out = malloc(len + 1))) {
		oom_note();
		return NULL;
	}
	choice_shown(a, out);
	out[len] = '\0';
	return out;
}

/*
 * What the person wrote, shown back by section: the question, then the
 * answer.  Only on a terminal: written to a file or a pipe it would be
 * the answers saved after all.  The strings made for it are wiped.
 */
static void show_reflection(struct session *s)
{
	const struct section *sec = NULL;
	size_t i;

	if (s->n_answers == 0 || !isatty(STDOUT_FILENO))
		return;
	blank(s);
	say(s, STYLE_HEADING, NULL, NULL, "What you wrote");
	for (i = 0; i < s->n_answers; i++) {
		const struct answer *a = &s->answers[i];

		if (a->section != sec) {
			sec = a->section;
			blank(s);
			say(s, STYLE_BOLD, NULL, NULL, sec ? sec->title : "");
		}
		say(s, STYLE_DIM, "  ", "  ", a->prompt->text);
		say_private(s, STYLE_NONE, "    ", "    ", answer_shown(a));
	}
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
/*
 * Save what was answered when the person said so: --save, or "y" to the
 * question at the end of a session on a terminal.  may_ask is false after
 * the crisis close: someone who has just been shown 988 is not asked about
 * housekeeping (only --save saves then).
 */
static void save_reflection(struct session *s, bool may_ask)
{
	const struct session_options *opt = s->opt;
	enum session_end end = s->res->end;
	struct journal_answer *ans = NULL;
	const char **secs = NULL;
	struct journal_entry e;
	bool yes = opt->save == SESSION_SAVE_YES;
	char *line;
	int answer = 0; /* yes_no() of the answer to the question */
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
		if (!may_ask || !prompt_interactive(s->in) || end == SESSION_INTERRUPTED ||
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
			answer = line ? yes_no(line) : 0;
			if (answer >= 0)
				break;
			yes_no_again(s);
		}
		yes = answer == 1;
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
		ans[i].prompt = s->answers[i].prompt->text;
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

/* A command to type, on a line of its own (so that it is never broken in two), with what it does. */
static void say_command(struct session *s, const char *cmd, int pad, const char *what)
{
	char *first, *rest;

	if (!cmd)
		return;
	if (!what) {
		say(s, STYLE_NONE, "  ", "  ", cmd);
		return;
	}
	/* the command is the program's own words (digits, ids, options): written as it is */
	first = fmt("  %-*s  ", pad, cmd);
	rest = fmt("  %-*s  ", pad, "");
	if (first && rest)
		say(s, STYLE_NONE, first, rest, what);
	free(first);
	free(rest);
}

/* The walk's sections from where it stopped (the whole walk when it got to the check-out). */
static char *walk_rest(const struct session *s)
{
	return walk_command(s, s->at < s->res->sections_total ? s->at : 0);
}

/* How to come back: where the walk stopped, or the whole of it again. */
static void show_come_back(struct session *s)
{
	size_t n = s->res->sections_total;
	char *cmd, *one;
	int pad;

	blank(s);
	if (s->at >= n) {
		cmd = walk_command(s, 0);
		if (!cmd)
			return;
		say(s, STYLE_NONE, NULL, NULL, "Come back any time:");
		if (s->opt->sections) {
			pad = (int)strlen(cmd);
			say_command(s, cmd, pad,
				    n == 1 ? "this section again" : "these sections again");
			say_command(s, "cry-guide walk", pad, "the whole guide");
		} else {
			one = fmt("%s %zu", cmd, s->c->n_sections < 5 ? s->c->n_sections : 5);
			pad = one ? (int)strlen(one) : 0;
			say_command(s, cmd, pad, "the whole guide again");
			say_command(s, one, pad, "one section (cry-guide list shows them all)");
			free(one);
		}
	} else {
		cmd = walk_rest(s);
		if (!cmd)
			return;
		if (s->at == 0 && s->res->sections_done == 0 && s->n_answers == 0)
			say(s, STYLE_NONE, NULL, NULL, "You can come back whenever you are ready:");
		else
			say(s, STYLE_NONE, NULL, NULL,
			    "You can come back any time and pick up where you stopped:");
		say_command(s, cmd, 0, NULL);
	}
	free(cmd);
}

/* After crisis language, an early end: 988 first, a kind word, the way back; no counts. */
static void show_crisis_ending(struct session *s)
{
	char *cmd = walk_rest(s);

	blank(s);
	say(s, STYLE_ALERT, NULL, NULL, safety_988_line);
	blank(s);
	say(s, STYLE_NONE, NULL, NULL,
	    "You matter, and you don't have to carry this alone: the people at 988 are there to listen, any time, for free. Thank you for staying with this as long as you did.");
	blank(s);
	say(s, STYLE_NONE, NULL, NULL, "The guide will be here whenever you want to come back:");
	say_command(s, cmd ? cmd : "cry-guide walk", 0, NULL);
	free(cmd);
}

static void show_ending(struct session *s)
{
	char *cmd;

	switch (s->res->end) {
	case SESSION_INTERRUPTED:
		blank(s);
		say(s, STYLE_NONE, NULL, NULL,
		    "Stopped. Take good care of yourself. To come back:");
		cmd = walk_rest(s);
		say_command(s, cmd ? cmd : "cry-guide walk", 0, NULL);
		free(cmd);
		save_reflection(s, true);
		break;
	case SESSION_INPUT_ERROR:
		blank(s);
		say(s, STYLE_NONE, NULL, NULL,
		    "The answers could not be read, so the session ended early.");
		save_reflection(s, true);
		show_summary(s);
		show_come_back(s);
		break;
	case SESSION_QUIT:
	case SESSION_EOF:
	case SESSION_OUTPUT_GONE:
		if (s->matched) {
			show_crisis_ending(s);
			save_reflection(s, false);
			break;
		}
		blank(s);
		say(s, STYLE_NONE, NULL, NULL,
		    "The session ended early, and that is okay: you can stop whenever you need to.");
		show_reflection(s);
		save_reflection(s, true);
		show_summary(s);
		show_come_back(s);
		break;
	case SESSION_FINISHED:
		show_reflection(s);
		save_reflection(s, true);
		show_summary(s);
		if (s->c->closing) {
			blank(s);
			say(s, STYLE_NONE, NULL, NULL, s->c->closing);
		}
		show_come_back(s);
		break;
	}
	refresh(s);
	render_footer_text(&s->o, s->c);
}

int session_run(const struct content *c, const struct session_options *opt,
		struct session_result *res, char *err, size_t errlen)
{
	struct session s;
	struct laid_out opening;
	size_t i, n;
	bool go_on = true, offer, paced;

	memset(&s, 0, sizeof(s));
	memset(res, 0, sizeof(*res));
	s.c = c;
	s.opt = opt;
	s.res = res;
	s.err = err;
	s.errlen = errlen;
	s.brief = opt->brief;
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

	offer = offer_wanted(&s);
	paced = layout_begin(&s, &opening);
	show_opening(&s, offer);
	if (paced) {
		struct prompt first;
		int qrows = 0;

		if (!layout_end(&s, &opening))
			show_opening(&s, offer); /* out of memory: unpaced, 988 still shown */
		rating_prompt(&first, &c->check_in, "check-in");
		if (offer)
			qrows = question_rows(&s, &offer_prompt, NULL);
		else if (first.text)
			qrows = question_rows(&s, &first, NULL);
		go_on = layout_show(&s, &opening, qrows, NULL);
	}
	if (go_on && offer)
		go_on = offer_brief(&s);
	if (go_on)
		go_on = ask_rating(&s, &c->check_in, "check-in", &res->check_in);
	for (i = 0; go_on && i < n; i++) {
		s.at = i;
		go_on = walk_section(&s, section_at(&s, i), i + 1, n);
	}
	if (go_on) {
		s.at = n;
		go_on = ask_rating(&s, &c->check_out, "check-out", &res->check_out);
	}
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
