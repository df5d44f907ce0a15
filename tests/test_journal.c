/* test_journal.c — the journal module: the line format, reading both ways, a writer killed at random moments, and what a terminal shows. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "journal.h"
#include "journal_seal.h"
#include "ptyrun.h"

#define WAIT_MS 10000

static char *tmpdir(void)
{
	char tmpl[] = "/tmp/cg-journal-XXXXXX";
	char *d = mkdtemp(tmpl);

	assert_non_null(d);
	return strdup(d);
}

static char *path_in(const char *dir, const char *name)
{
	char *p = malloc(strlen(dir) + strlen(name) + 2);

	assert_non_null(p);
	sprintf(p, "%s/%s", dir, name);
	return p;
}

static void rm_rf(const char *dir)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* A small entry with one answer. */
static void make_entry(struct journal_entry *e, struct journal_answer *a, const char **secs,
		       const char *answer, long before, long after)
{
	memset(e, 0, sizeof(*e));
	journal_new_id(e->id, sizeof(e->id), time(NULL));
	journal_time(e->start, sizeof(e->start), time(NULL));
	journal_time(e->end, sizeof(e->end), time(NULL));
	secs[0] = "why-we-cry";
	a->section_id = "why-we-cry";
	a->prompt_id = "growing-up";
	a->prompt = "What did you learn?";
	a->answer = answer;
	e->content_title = "Title \"quoted\"";
	e->content_version = "1.0.0";
	e->sections = secs;
	e->n_sections = 1;
	e->answers = a;
	e->n_answers = 1;
	e->rating_before = before;
	e->rating_after = after;
}

static void test_an_entry_survives_encoding_and_parsing(void **state)
{
	struct journal_entry e, back;
	struct journal_answer a;
	const char *secs[1];
	size_t len;
	char *line;

	(void)state;
	make_entry(&e, &a, secs, "tears \"and\"\nnew\tlines \xff bad byte", 4, -1);
	e.incomplete = true;
	line = journal_entry_encode(&e, &len);
	assert_non_null(line);
	assert_null(memchr(line, '\n', len)); /* one line */
	assert_int_equal(journal_entry_parse(line, len, &back), JPARSE_OK);
	assert_string_equal(back.id, e.id);
	assert_string_equal(back.start, e.start);
	assert_string_equal(back.content_title, "Title \"quoted\"");
	assert_int_equal(back.n_answers, 1);
	/* the invalid byte became U+FFFD, so the line is valid JSON */
	assert_string_equal(back.answers[0].answer,
			    "tears \"and\"\nnew\tlines \xEF\xBF\xBD bad byte");
	assert_int_equal(back.rating_before, 4);
	assert_int_equal(back.rating_after, -1);
	assert_true(back.incomplete);
	journal_entry_release(&back);
	free(line);
}

static void test_foreign_and_newer_lines_are_told_apart(void **state)
{
	struct journal_entry e;
	static const char *const foreign[] = {
		"",
		"garbage",
		"[1,2]",
		"{\"schema\":1}",
		"{\"schema\":1,\"id\":\"UPPER\",\"start\":\"x\"}",
		"{\"schema\":1,\"id\":\"abc\",\"start\":\"x\",\"answers\":[1]}",
		"{\"schema\":1,\"id\":\"abc\",\"start\":\"x\"} trailing",
		"{\"schema\":1,\"id\":\"ab"
	};
	const char *newer, *ok;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(foreign) / sizeof(foreign[0]); i++)
		assert_int_equal(journal_entry_parse(foreign[i], strlen(foreign[i]), &e),
				 JPARSE_FOREIGN);
	newer = "{\"schema\":2,\"id\":\"abc\"}";
	assert_int_equal(journal_entry_parse(newer, strlen(newer), &e), JPARSE_NEWER);
	ok = "{\"schema\":1,\"id\":\"abc\",\"start\":\"x\"}";
	assert_int_equal(journal_entry_parse(ok, strlen(ok), &e), JPARSE_OK);
	journal_entry_release(&e);
}

static void test_ids_are_time_ordered(void **state)
{
	char a[JOURNAL_ID_MAX + 1], b[JOURNAL_ID_MAX + 1];

	(void)state;
	journal_new_id(a, sizeof(a), 1700000000);
	journal_new_id(b, sizeof(b), 1700000001);
	assert_int_equal(strlen(a), 11);
	assert_true(strncmp(a, b, 7) < 0);
}

struct seen {
	long line[64];
	int kind[64];
	char id[64][JOURNAL_ID_MAX + 1];
	size_t n;
};

static int collect(void *ctx, const struct journal_item *it)
{
	struct seen *s = ctx;

	if (s->n < 64) {
		s->line[s->n] = it->line;
		s->kind[s->n] = (int)it->kind;
		snprintf(s->id[s->n], sizeof(s->id[0]), "%s",
			 it->kind == JITEM_ENTRY ? it->entry.id : "");
		s->n++;
	}
	return JOURNAL_NEXT;
}

static void test_newest_first_reads_the_same_lines_backwards(void **state)
{
	char *dir = tmpdir(), *path = path_in(dir, "j.jsonl"), err[512];
	struct journal *j;
	struct journal_entry e;
	struct journal_answer a;
	const char *secs[1];
	struct seen fwd, back;
	FILE *fp;
	size_t i;
	int k;

	(void)state;
	assert_int_equal(journal_open(&j, path, JOURNAL_WRITE | JOURNAL_CREATE, err, sizeof(err)),
			 0);
	for (k = 0; k < 3; k++) {
		make_entry(&e, &a, secs, "answer", k, k + 1);
		assert_int_equal(journal_append(j, &e, err, sizeof(err)), 0);
	}
	journal_close(j);
	fp = fopen(path, "a");
	fputs("\nnot an entry\n", fp); /* a blank line (line 4) and a foreign one (line 5) */
	fclose(fp);
	assert_int_equal(journal_open(&j, path, JOURNAL_WRITE, err, sizeof(err)), 0);
	make_entry(&e, &a, secs, "after", 1, 2);
	assert_int_equal(journal_append(j, &e, err, sizeof(err)), 0);
	journal_close(j);
	fp = fopen(path, "a");
	fputs("{\"schema\":1,\"id\":\"torn", fp);
	fclose(fp);

	memset(&fwd, 0, sizeof(fwd));
	memset(&back, 0, sizeof(back));
	assert_int_equal(journal_open(&j, path, JOURNAL_READ, err, sizeof(err)), 0);
	assert_int_equal(journal_each(j, JOURNAL_OLDEST_FIRST, collect, &fwd, err, sizeof(err)), 0);
	assert_int_equal(journal_each(j, JOURNAL_NEWEST_FIRST, collect, &back, err, sizeof(err)),
			 0);
	journal_close(j);
	assert_int_equal(fwd.n, 6);
	assert_int_equal(back.n, fwd.n);
	for (i = 0; i < fwd.n; i++) {
		assert_int_equal(fwd.line[i], back.line[fwd.n - 1 - i]);
		assert_int_equal(fwd.kind[i], back.kind[fwd.n - 1 - i]);
		assert_string_equal(fwd.id[i], back.id[fwd.n - 1 - i]);
	}
	assert_int_equal(fwd.kind[3], JITEM_FOREIGN);
	assert_int_equal(fwd.line[3], 5);
	assert_int_equal(fwd.kind[5], JITEM_TORN);
	assert_int_equal(fwd.line[5], 7);
	rm_rf(dir);
	free(path);
	free(dir);
}

/* ---- the crash test ---- */

#define PASS "crash test passphrase"
#define MAX_IDS 4096

/*
 * A save killed mid-write leaves a torn tail.  Encrypting, decrypting or
 * deleting rewrites the journal, and a rewrite must not turn that tail into
 * a whole line no reader can read (the random-kill test below met it about
 * once in a hundred runs: a sealed fragment copied into a decrypted file).
 */
static int count_kinds(void *ctx, const struct journal_item *it)
{
	long *n = ctx;

	n[it->kind == JITEM_ENTRY ? 0 : 1]++;
	return JOURNAL_NEXT;
}

static void test_a_rewrite_drops_a_torn_tail_and_keeps_every_entry(void **state)
{
	static const enum journal_rewrite_mode modes[] = { JREWRITE_SEAL, JREWRITE_UNSEAL,
							   JREWRITE_KEEP };
	char *dir = tmpdir(), *path = path_in(dir, "j.jsonl"), err[512];
	struct journal *j;
	struct journal_entry e;
	struct journal_answer a;
	const char *secs[1];
	size_t m;
	int k;

	(void)state;
	setenv("CRY_GUIDE_PWHASH_LIMITS", "min", 1);
	assert_int_equal(seal_init(), 0);
	assert_int_equal(journal_open(&j, path, JOURNAL_WRITE | JOURNAL_CREATE, err, sizeof(err)),
			 0);
	for (k = 0; k < 2; k++) {
		make_entry(&e, &a, secs, "kept", k, k + 1);
		assert_int_equal(journal_append(j, &e, err, sizeof(err)), 0);
	}
	journal_close(j);
	for (m = 0; m < sizeof(modes) / sizeof(modes[0]); m++) {
		long n[2] = { 0, 0 };
		FILE *fp = fopen(path, "a");

		assert_non_null(fp);
		fputs(modes[m] == JREWRITE_UNSEAL ? "PUFGFokkjT-66dV"
						  : "{\"schema\":1,\"id\":\"torn",
		      fp); /* sealed, or plain, as the journal is now */
		fclose(fp);
		assert_int_equal(journal_open(&j, path, JOURNAL_WRITE, err, sizeof(err)), 0);
		if (journal_encrypted(j))
			assert_int_equal(journal_unlock(j, PASS, strlen(PASS), err, sizeof(err)),
					 0);
		assert_int_equal(journal_rewrite(j, modes[m], NULL, NULL,
						 modes[m] == JREWRITE_SEAL ? PASS : NULL,
						 modes[m] == JREWRITE_SEAL ? strlen(PASS) : 0, err,
						 sizeof(err)),
				 0);
		journal_close(j);
		assert_int_equal(journal_open(&j, path, JOURNAL_READ, err, sizeof(err)), 0);
		if (journal_encrypted(j))
			assert_int_equal(journal_unlock(j, PASS, strlen(PASS), err, sizeof(err)),
					 0);
		assert_int_equal(
		    journal_each(j, JOURNAL_OLDEST_FIRST, count_kinds, n, err, sizeof(err)), 0);
		journal_close(j);
		assert_int_equal(n[0], 2); /* both entries */
		assert_int_equal(n[1], 0); /* and nothing else: no torn, no foreign line */
	}
	rm_rf(dir);
	free(path);
	free(dir);
}

struct idset {
	char (*id)[JOURNAL_ID_MAX + 1];
	size_t n;
};

static bool idset_has(const struct idset *s, const char *id)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->id[i], id) == 0)
			return true;
	return false;
}

static void idset_add(struct idset *s, const char *id)
{
	if (!idset_has(s, id) && s->n < MAX_IDS)
		snprintf(s->id[s->n++], JOURNAL_ID_MAX + 1, "%s", id);
}

static void idset_del(struct idset *s, const char *id)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->id[i], id) == 0) {
			memmove(s->id[i], s->id[s->n - 1], sizeof(s->id[0]));
			s->n--;
			return;
		}
}

static void tell(int fd, const char *what, const char *id)
{
	char buf[64];
	int n = snprintf(buf, sizeof(buf), "%s %s\n", what, id);

	if (write(fd, buf, (size_t)n) != n)
		_exit(3);
}

static int first_id(void *ctx, const struct journal_item *it)
{
	if (it->kind != JITEM_ENTRY)
		return JOURNAL_NEXT;
	snprintf(ctx, JOURNAL_ID_MAX + 1, "%s", it->entry.id);
	return JOURNAL_STOP;
}

static int drop(void *ctx, const struct journal_item *it)
{
	return strcmp(it->entry.id, ctx) == 0 ? JOURNAL_STOP : JOURNAL_NEXT;
}

/* The writer: saves, deletes, encrypts and decrypts until it is killed. */
static void writer(const char *path, int fd)
{
	char err[512], victim[JOURNAL_ID_MAX + 1];
	struct journal *j;
	struct journal_entry e;
	struct journal_answer a;
	const char *secs[1];
	int op;

	srand((unsigned)getpid());
	for (;;) {
		if (journal_open(&j, path, JOURNAL_WRITE | JOURNAL_CREATE, err, sizeof(err)) != 0)
			_exit(2);
		if (journal_encrypted(j) && journal_unlock(j, PASS, strlen(PASS), err, sizeof(err)))
			_exit(2);
		op = rand() % 10;
		if (op < 6) {
			make_entry(&e, &a, secs, "a reflection worth keeping", 3, 4);
			tell(fd, "B", e.id);
			if (journal_append(j, &e, err, sizeof(err)) != 0)
				_exit(2);
			tell(fd, "S", e.id);
		} else if (op < 8) {
			victim[0] = '\0';
			journal_each(j, JOURNAL_SUMMARY, first_id, victim, err, sizeof(err));
			if (victim[0]) {
				tell(fd, "b", victim);
				if (journal_rewrite(j, JREWRITE_KEEP, drop, victim, NULL, 0, err,
						    sizeof(err)) != 0)
					_exit(2);
				tell(fd, "D", victim);
			}
		} else if (!journal_encrypted(j)) {
			if (journal_rewrite(j, JREWRITE_SEAL, NULL, NULL, PASS, strlen(PASS), err,
					    sizeof(err)) != 0)
				_exit(2);
		} else {
			if (journal_rewrite(j, JREWRITE_UNSEAL, NULL, NULL, NULL, 0, err,
					    sizeof(err)) != 0)
				_exit(2);
		}
		journal_close(j);
	}
}

struct check {
	struct idset *present;
	long lines, bad, torn_last;
};

static int present_item(void *ctx, const struct journal_item *it)
{
	struct check *c = ctx;

	c->lines++;
	if (it->kind == JITEM_ENTRY)
		idset_add(c->present, it->entry.id);
	else if (it->kind == JITEM_TORN)
		c->torn_last++;
	else
		c->bad++;
	return JOURNAL_NEXT;
}

static void test_a_writer_killed_at_random_moments_loses_nothing(void **state)
{
	char *dir = tmpdir(), *path = path_in(dir, "j.jsonl"), err[512], buf[65536];
	struct idset expect = { calloc(MAX_IDS, JOURNAL_ID_MAX + 1), 0 };
	struct idset present = { calloc(MAX_IDS, JOURNAL_ID_MAX + 1), 0 };
	struct idset maybe_new = { calloc(MAX_IDS, JOURNAL_ID_MAX + 1), 0 };
	struct idset maybe_gone = { calloc(MAX_IDS, JOURNAL_ID_MAX + 1), 0 };
	int round, rounds = 150, killed_mid = 0;
	size_t i;

	(void)state;
	setenv("CRY_GUIDE_PWHASH_LIMITS", "min", 1);
	assert_int_equal(seal_init(), 0);
	srand((unsigned)time(NULL));
	for (round = 0; round < rounds; round++) {
		int fds[2], st;
		pid_t pid;
		ssize_t n;
		size_t len = 0;
		struct journal *j;
		struct check c = { &present, 0, 0, 0 };
		char *line, *save;

		assert_int_equal(pipe(fds), 0);
		pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			close(fds[0]);
			writer(path, fds[1]);
		}
		close(fds[1]);
		usleep((useconds_t)(rand() % 4000));
		kill(pid, SIGKILL);
		waitpid(pid, &st, 0);
		assert_true(WIFSIGNALED(st)); /* killed, not failed */
		while (len < sizeof(buf) - 1 &&
		       (n = read(fds[0], buf + len, sizeof(buf) - 1 - len)) > 0)
			len += (size_t)n;
		close(fds[0]);
		buf[len] = '\0';

		/* what the writer reported: S saved, D deleted; B/b begun, perhaps not done */
		maybe_new.n = maybe_gone.n = 0;
		for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
			const char *id = line + 2;
			if (line[0] == 'B')
				idset_add(&maybe_new, id);
			else if (line[0] == 'S') {
				idset_del(&maybe_new, id);
				idset_add(&expect, id);
			} else if (line[0] == 'b')
				idset_add(&maybe_gone, id);
			else if (line[0] == 'D') {
				idset_del(&maybe_gone, id);
				idset_del(&expect, id);
			}
		}
		killed_mid += maybe_new.n + maybe_gone.n > 0;

		present.n = 0;
		if (access(path, F_OK) != 0) {
			assert_int_equal(expect.n, 0);
			continue;
		}
		assert_int_equal(journal_open(&j, path, JOURNAL_READ, err, sizeof(err)), 0);
		if (journal_encrypted(j))
			assert_int_equal(journal_unlock(j, PASS, strlen(PASS), err, sizeof(err)),
					 0);
		assert_int_equal(
		    journal_each(j, JOURNAL_OLDEST_FIRST, present_item, &c, err, sizeof(err)), 0);
		journal_close(j);
		/* every line parses, but perhaps a torn last one */
		if (c.bad != 0 || c.torn_last > 1)
			fail_msg("round %d: %ld unreadable lines", round, c.bad);
		/* every entry reported saved is there, unless its delete had begun */
		for (i = 0; i < expect.n; i++)
			if (!idset_has(&present, expect.id[i]) &&
			    !idset_has(&maybe_gone, expect.id[i]))
				fail_msg("round %d: saved entry %s was lost", round, expect.id[i]);
		/* nothing else: only entries saved (or being saved) */
		for (i = 0; i < present.n; i++)
			if (!idset_has(&expect, present.id[i]) &&
			    !idset_has(&maybe_new, present.id[i]))
				fail_msg("round %d: entry %s came from nowhere", round,
					 present.id[i]);
		/* from here on, what is there is what is expected */
		expect.n = 0;
		for (i = 0; i < present.n; i++)
			idset_add(&expect, present.id[i]);
	}
	/* the kills landed inside operations, not only between them */
	printf("crash test: %d kills, %d inside a save or delete; %zu entries at the end\n", rounds,
	       killed_mid, expect.n);
	assert_true(killed_mid > 0);
	free(expect.id);
	free(present.id);
	free(maybe_new.id);
	free(maybe_gone.id);
	rm_rf(dir);
	free(path);
	free(dir);
}

/* ---- what a terminal shows ---- */

static void expect_text(struct pty_proc *p, const char *text)
{
	if (pty_expect(p, text, WAIT_MS) != 0) {
		fprintf(stderr, "expected '%s' after:\n%s\n", text, p->out + p->mark);
		fail();
	}
}

static void write_journal(const char *path, int n)
{
	FILE *fp = fopen(path, "w");
	int i;

	assert_non_null(fp);
	for (i = 0; i < n; i++)
		fprintf(
		    fp,
		    "{\"schema\":1,\"id\":\"1ngr%07d\",\"start\":\"2025-03-%02dT10:00:00Z\",\"rating_before\":%d,\"rating_after\":%d,\"answers\":[]}\n",
		    i, i % 28 + 1, i % 11, (i * 3) % 11);
	fclose(fp);
	chmod(path, 0600);
}

static void test_trend_draws_a_sparkline_on_a_terminal(void **state)
{
	char *dir = tmpdir(), *path = path_in(dir, "j.jsonl");
	char env_utf8[] = "LC_ALL=C.UTF-8", env_c[] = "LC_ALL=C", env_nc[] = "NO_COLOR=1";
	char *const utf8[] = { env_utf8, env_nc, NULL }, *const ascii[] = { env_c, env_nc, NULL };
	char *argv[] = { (char *)pty_binary(),
			 (char *)"journal",
			 (char *)"trend",
			 (char *)"--journal",
			 path,
			 NULL };
	struct pty_proc p;

	(void)state;
	write_journal(path, 11);
	assert_int_equal(pty_spawn(&p, argv, utf8, 24, 80), 0);
	expect_text(&p, "Feelings (0-10) over 11 reflections, 2025-03-01 to 2025-03-11");
	/* ratings 0..10 before: the lowest block first, the full block last */
	expect_text(&p, "before  \u2581");
	expect_text(&p, "\u2588\r\n");
	expect_text(&p, "988");
	assert_int_equal(pty_wait(&p, WAIT_MS), 0);
	pty_free(&p);

	assert_int_equal(pty_spawn(&p, argv, ascii, 24, 80), 0);
	expect_text(&p, "before  _");
	assert_int_equal(pty_wait(&p, WAIT_MS), 0);
	assert_null(strstr(p.out, "\u2581"));
	pty_free(&p);
	rm_rf(dir);
	free(path);
	free(dir);
}

static void run_walk_and_answer_save(const char *path, const char *reply, const char *want)
{
	char env_nc[] = "NO_COLOR=1", env_c[] = "CRY_GUIDE_CONTENT=";
	char *const env[] = { env_nc, env_c, NULL };
	char *argv[] = { (char *)pty_binary(), (char *)"walk",       (char *)"--journal",
			 (char *)path,         (char *)"why-we-cry", NULL };
	struct pty_proc p;

	assert_int_equal(pty_spawn(&p, argv, env, 24, 80), 0);
	expect_text(&p, "This window is short"); /* the brief walk offered: no */
	expect_text(&p, "> ");
	pty_send(&p, "\r");
	expect_text(&p, "How intense are your feelings right now");
	expect_text(&p, "> ");
	pty_send(&p, "4\r");
	expect_text(&p, "Enter for more, q for the questions"); /* a screenful: to the questions */
	expect_text(&p, "> ");
	pty_send(&p, "q\r");
	expect_text(&p, "What did you learn growing up");
	expect_text(&p, "> ");
	pty_send(&p, "typed at a terminal\r");
	expect_text(&p, "How uneasy do you feel");
	expect_text(&p, "> ");
	pty_send(&p, ":quit\r");
	expect_text(&p, "Save this reflection to your private journal? [y/N]");
	expect_text(&p, "> ");
	pty_send(&p, reply);
	expect_text(&p, want);
	expect_text(&p, "988");
	assert_int_equal(pty_wait(&p, WAIT_MS), 0);
	pty_free(&p);
}

static void test_the_end_of_a_session_asks_before_saving(void **state)
{
	char *dir = tmpdir(), *path = path_in(dir, "j.jsonl");
	char buf[4096];
	FILE *fp;
	size_t n;

	(void)state;
	run_walk_and_answer_save(path, "\r", "Nothing from this session was saved.");
	assert_int_equal(access(path, F_OK), -1); /* Enter means no */
	run_walk_and_answer_save(path, "y\r", "Saved to your private journal as");
	fp = fopen(path, "r");
	assert_non_null(fp);
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	assert_non_null(strstr(buf, "\"answer\":\"typed at a terminal\""));
	assert_non_null(strstr(buf, "\"incomplete\":true"));
	assert_int_equal(unlink(path), 0);
	/* "yeah" is a yes (it once saved nothing), and an answer that is
	 * neither is asked again, not taken for a no */
	run_walk_and_answer_save(path, "sure thing\r\r", "Please answer y or n (Enter is no).");
	assert_int_equal(access(path, F_OK), -1);
	run_walk_and_answer_save(path, "maybe\rYeah.\r", "Saved to your private journal as");
	assert_int_equal(access(path, F_OK), 0);
	rm_rf(dir);
	free(path);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_an_entry_survives_encoding_and_parsing),
		cmocka_unit_test(test_foreign_and_newer_lines_are_told_apart),
		cmocka_unit_test(test_ids_are_time_ordered),
		cmocka_unit_test(test_newest_first_reads_the_same_lines_backwards),
		cmocka_unit_test(test_a_rewrite_drops_a_torn_tail_and_keeps_every_entry),
		cmocka_unit_test(test_a_writer_killed_at_random_moments_loses_nothing),
		cmocka_unit_test(test_trend_draws_a_sparkline_on_a_terminal),
		cmocka_unit_test(test_the_end_of_a_session_asks_before_saving),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
