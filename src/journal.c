/* journal.c — the journal file: where it is, safe opening, one-line appends, streaming reads, atomic rewrites. */
#define _GNU_SOURCE /* O_NOFOLLOW, O_DIRECTORY, O_CLOEXEC, memrchr, flock */
#include "journal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "journal_seal.h"

#define CHUNK (64 * 1024)

struct journal {
	char *path;
	char *dir; /* its folder */
	int fd;
	bool writable;
	bool created; /* the file did not exist: fsync the folder after the first write */
	bool encrypted;
	struct seal_params params; /* encrypted, or new_seal */
	char *check;               /* the header's key-check value */
	off_t body;                /* where the entry lines start (after the header) */
	struct seal_key *key;      /* unlocked */
	bool new_seal;             /* an empty journal that starts encrypted */
};

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int
fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

static char *join(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 1;
	char *s = malloc(n);

	if (s)
		snprintf(s, n, "%s%s", a, b);
	return s;
}

char *journal_path(const char *opt, char *err, size_t errlen)
{
	const char *env = getenv("CRY_GUIDE_JOURNAL"), *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	char *p;

	if (opt && *opt)
		p = strdup(opt);
	else if (env && *env)
		p = strdup(env);
	else if (xdg && xdg[0] == '/') /* XDG: a relative path is to be ignored */
		p = join(xdg, "/cry-guide/journal.jsonl");
	else if (home && *home)
		p = join(home, "/.local/share/cry-guide/journal.jsonl");
	else {
		fail(
		    err, errlen,
		    "cannot find the journal: HOME is not set (give --journal FILE or set CRY_GUIDE_JOURNAL)");
		return NULL;
	}
	if (!p)
		fail(err, errlen, "out of memory");
	return p;
}

/* "a/b/c" -> "a/b"; "c" -> "." */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *d;

	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	d = strndup(path, (size_t)(slash - path));
	return d;
}

/* Refuse a folder that others may read or write. */
static int check_dir_mode(const char *dir, const struct stat *st, char *err, size_t errlen)
{
	if (!S_ISDIR(st->st_mode))
		return fail(err, errlen, "the journal's folder '%s' is not a folder", dir);
	if (st->st_mode & 077)
		return fail(
		    err, errlen,
		    "the journal's folder '%s' can be read or written by others (mode %03o); make it private with: chmod 700 '%s'",
		    dir, (unsigned)(st->st_mode & 0777), dir);
	return 0;
}

/*
 * mkdir -p with mode 0700 for the folders it makes.  umask can only take
 * bits away; if it took the owner's, the folder just made is set to 0700
 * through its own descriptor.
 */
static int make_dirs(const char *dir, char *err, size_t errlen)
{
	char *p = strdup(dir), *s;
	struct stat st;
	int rc = 0;

	if (!p)
		return fail(err, errlen, "out of memory");
	for (s = p + 1;; s++) {
		char c = *s;
		if (c != '/' && c != '\0')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) == 0) {
			int fd = open(p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (fd >= 0) {
				if (fstat(fd, &st) == 0 && (st.st_mode & 0777) != 0700)
					fchmod(fd, 0700);
				close(fd);
			}
		} else if (errno != EEXIST) {
			rc = fail(err, errlen, "cannot create the journal's folder '%s': %s", p,
				  strerror(errno));
			break;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return rc;
}

static int fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/* Read the first line; when it is an encryption header, remember it. */
static int read_header(struct journal *j, char *err, size_t errlen)
{
	char buf[4096];
	ssize_t n = pread(j->fd, buf, sizeof(buf) - 1, 0);
	char *nl;

	j->encrypted = false;
	j->body = 0;
	free(j->check);
	j->check = NULL;
	if (n < 0)
		return fail(err, errlen, "cannot read '%s': %s", j->path, strerror(errno));
	buf[n] = '\0';
	nl = memchr(buf, '\n', (size_t)n);
	if (!nl)
		return 0;
	if (journal_header_parse(buf, (size_t)(nl - buf), &j->params, &j->check) == 0) {
		if (!seal_params_valid(&j->params))
			return fail(
			    err, errlen,
			    "'%s' has an encryption header with limits this cry-guide does not accept",
			    j->path);
		j->encrypted = true;
		j->body = (off_t)(nl - buf) + 1;
	}
	return 0;
}

int journal_open(struct journal **out, const char *path, int flags, char *err, size_t errlen)
{
	struct journal *j;
	struct stat st;
	int oflags = O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, fd = -1, rc = -1;
	bool create = (flags & JOURNAL_CREATE) && (flags & JOURNAL_WRITE);

	*out = NULL;
	j = calloc(1, sizeof(*j));
	if (!j || !(j->path = strdup(path)) || !(j->dir = dir_of(path))) {
		rc = fail(err, errlen, "out of memory");
		goto out;
	}
	j->fd = -1;
	if (stat(j->dir, &st) != 0) {
		if (errno != ENOENT || !create) {
			if (errno == ENOENT) {
				rc = 1;
				goto out;
			}
			rc = fail(err, errlen, "cannot open the journal's folder '%s': %s", j->dir,
				  strerror(errno));
			goto out;
		}
		if (make_dirs(j->dir, err, errlen) != 0 || stat(j->dir, &st) != 0) {
			if (!*err)
				fail(err, errlen, "cannot create '%s': %s", j->dir,
				     strerror(errno));
			goto out;
		}
	}
	if (check_dir_mode(j->dir, &st, err, errlen) != 0)
		goto out;

	oflags |= (flags & JOURNAL_WRITE) ? O_RDWR | O_APPEND : O_RDONLY;
	fd = open(path, oflags);
	if (fd < 0 && errno == ENOENT && create) {
		fd = open(path, oflags | O_CREAT | O_EXCL, 0600);
		if (fd >= 0)
			j->created = true;
		else if (errno == EEXIST) /* made meanwhile by another save */
			fd = open(path, oflags);
	}
	if (fd < 0) {
		if (errno == ENOENT) {
			rc = 1;
			goto out;
		}
		if (errno == ELOOP || errno == EMLINK)
			rc = fail(
			    err, errlen,
			    "'%s' is a symbolic link; the journal must be a plain file (remove the link, or give --journal the real file)",
			    path);
		else if (errno == EISDIR)
			rc = fail(err, errlen, "'%s' is a folder, not a journal file", path);
		else
			rc = fail(err, errlen, "cannot open '%s': %s", path, strerror(errno));
		goto out;
	}
	j->fd = fd;
	if (fstat(fd, &st) != 0) {
		rc = fail(err, errlen, "cannot read '%s': %s", path, strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		rc = fail(err, errlen, "'%s' is %s, not a journal file", path,
			  S_ISDIR(st.st_mode)    ? "a folder"
			  : S_ISFIFO(st.st_mode) ? "a FIFO"
			  : S_ISSOCK(st.st_mode) ? "a socket"
						 : "a device");
		goto out;
	}
	/* umask can only have taken bits away: give the owner back read and write */
	if (j->created && (st.st_mode & 0777) != 0600 && fchmod(fd, 0600) == 0)
		st.st_mode = (st.st_mode & ~0777u) | 0600;
	if (st.st_uid != geteuid()) {
		rc = fail(err, errlen,
			  "'%s' belongs to another user; the journal must be your own file", path);
		goto out;
	}
	if (st.st_mode & 077) {
		rc = fail(
		    err, errlen,
		    "'%s' can be read or written by others (mode %03o); make it private with: chmod 600 '%s'",
		    path, (unsigned)(st.st_mode & 0777), path);
		goto out;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	j->writable = (flags & JOURNAL_WRITE) != 0;
	if (read_header(j, err, errlen) != 0)
		goto out;
	*out = j;
	j = NULL;
	rc = 0;
out:
	journal_close(j);
	return rc;
}

void journal_close(struct journal *j)
{
	if (!j)
		return;
	if (j->fd >= 0)
		close(j->fd);
	seal_key_free(j->key);
	free(j->check);
	free(j->path);
	free(j->dir);
	free(j);
}

const char *journal_file(const struct journal *j)
{
	return j->path;
}

bool journal_encrypted(const struct journal *j)
{
	return j->encrypted;
}

bool journal_empty(const struct journal *j)
{
	struct stat st;

	return fstat(j->fd, &st) == 0 && st.st_size == 0;
}

int journal_unlock(struct journal *j, const char *pass, size_t passlen, char *err, size_t errlen)
{
	seal_key_free(j->key);
	j->key = NULL;
	if (!j->encrypted) {
		if (!journal_empty(j))
			return fail(
			    err, errlen,
			    "'%s' is not encrypted; 'cry-guide journal encrypt' converts it",
			    j->path);
		seal_params_new(&j->params);
		j->new_seal = true;
	}
	j->key = seal_key_derive(&j->params, pass, passlen);
	if (!j->key)
		return fail(err, errlen, "out of memory deriving the key");
	if (j->encrypted && !seal_check_ok(j->key, j->check)) {
		seal_key_free(j->key);
		j->key = NULL;
		return fail(err, errlen, "wrong passphrase for '%s'; nothing was changed", j->path);
	}
	return 0;
}

/*
 * Take the lock, and make sure the path still names the file we hold: a
 * rewrite renames a new file over it, and a save that waited for the lock
 * on the old one must not append to a file no one will read.
 */
static int lock_current(struct journal *j, int op, char *err, size_t errlen)
{
	struct stat a, b;
	int fd;

	for (;;) {
		while (flock(j->fd, op) != 0)
			if (errno != EINTR)
				return fail(err, errlen, "cannot lock '%s': %s", j->path,
					    strerror(errno));
		if (fstat(j->fd, &a) != 0)
			return fail(err, errlen, "cannot read '%s': %s", j->path, strerror(errno));
		if (lstat(j->path, &b) == 0 && a.st_ino == b.st_ino && a.st_dev == b.st_dev)
			return read_header(j, err, errlen);
		if (lstat(j->path, &b) == 0 && !S_ISREG(b.st_mode))
			return fail(err, errlen,
				    "'%s' was replaced by something that is not a file", j->path);
		fd = open(j->path,
			  (j->writable ? O_RDWR | O_APPEND : O_RDONLY) | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0)
			return fail(err, errlen, "cannot open '%s': %s", j->path, strerror(errno));
		close(j->fd);
		j->fd = fd;
	}
}

static int write_all(int fd, const char *buf, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(fd, buf, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		buf += w;
		n -= (size_t)w;
	}
	return 0;
}

/* The line as it is stored: sealed when the journal is encrypted.  Caller frees. */
static char *stored_form(const struct journal *j, const char *plain, size_t n, size_t *len)
{
	if (!j->key) {
		char *s = malloc(n + 1);
		if (s) {
			memcpy(s, plain, n);
			s[n] = '\0';
			*len = n;
		}
		return s;
	}
	return seal_line(j->key, plain, n, len);
}

/*
 * Where a last line without its newline starts, when it is the torn tail of
 * a save that never finished (a write cut short by SIGKILL or a full disk:
 * that save never said "saved"), so that the next save can cut it off and
 * leave every line whole.  A last line that reads as a whole entry (written
 * by hand without a newline) is kept: returns -1 then, and -1 too when the
 * tail is the file's first line (an encrypted journal's header) or cannot
 * be read.
 */
static off_t torn_tail(const struct journal *j, off_t size)
{
	off_t start = size, from;
	char chunk[4096], *tail, *plain = NULL;
	size_t len, plen = 0;
	struct journal_entry e;
	enum journal_parse p;
	ssize_t n;

	while (start > 0 && size - start <= JOURNAL_MAX_LINE) {
		from = start > (off_t)sizeof(chunk) ? start - (off_t)sizeof(chunk) : 0;
		n = pread(j->fd, chunk, (size_t)(start - from), from);
		if (n != start - from)
			return -1;
		while (n > 0 && chunk[n - 1] != '\n')
			n--;
		if (n > 0) {
			start = from + n;
			break;
		}
		start = from;
	}
	if (start == 0 || size - start > JOURNAL_MAX_LINE)
		return start == 0 ? -1 : start; /* a first line is never cut; an overlong one is */
	len = (size_t)(size - start);
	tail = malloc(len + 1);
	if (!tail || pread(j->fd, tail, len, start) != (ssize_t)len) {
		free(tail);
		return -1;
	}
	if (j->encrypted && tail[0] != '{')
		plain = j->key ? seal_open(j->key, tail, len, &plen) : NULL;
	memset(&e, 0, sizeof(e));
	p = plain || !j->encrypted || tail[0] == '{'
		? journal_entry_parse(plain ? plain : tail, plain ? plen : len, &e)
		: JPARSE_FOREIGN;
	journal_entry_release(&e);
	if (plain) {
		seal_wipe(plain, plen);
		free(plain);
	}
	seal_wipe(tail, len);
	free(tail);
	return p == JPARSE_OK || p == JPARSE_NEWER ? -1 : start;
}

int journal_append(struct journal *j, const struct journal_entry *e, char *err, size_t errlen)
{
	char *plain = NULL, *line = NULL, *buf = NULL, *header = NULL, last = '\n';
	size_t plen, llen, hlen = 0, n = 0;
	struct stat st;
	int rc = -1;
	bool locked = false;

	if (!j->writable)
		return fail(err, errlen, "'%s' was not opened for writing", j->path);
	if (lock_current(j, LOCK_EX, err, errlen) != 0)
		goto out;
	locked = true;
	if (j->encrypted && !j->key) {
		rc = fail(err, errlen, "'%s' is encrypted: its passphrase is needed", j->path);
		goto out;
	}
	/* a rewrite meanwhile (decrypt, encrypt anew) leaves the key we hold wrong */
	if ((j->key && !j->encrypted && !j->new_seal) ||
	    (j->key && j->encrypted && !seal_check_ok(j->key, j->check))) {
		rc = fail(err, errlen,
			  "'%s' was re-encrypted or decrypted meanwhile; nothing was saved",
			  j->path);
		goto out;
	}
	if (fstat(j->fd, &st) != 0) {
		rc = fail(err, errlen, "cannot read '%s': %s", j->path, strerror(errno));
		goto out;
	}
	if (j->new_seal && st.st_size != 0) {
		rc = fail(err, errlen, "'%s' was written meanwhile; nothing was saved", j->path);
		goto out;
	}
	plain = journal_entry_encode(e, &plen);
	if (!plain) {
		rc = fail(err, errlen, "out of memory");
		goto out;
	}
	line = stored_form(j, plain, plen, &llen);
	if (!line) {
		rc = fail(err, errlen, "out of memory");
		goto out;
	}
	if (llen + 1 > (size_t)JOURNAL_MAX_LINE) {
		rc = fail(
		    err, errlen,
		    "this reflection is too long to save (a journal line holds at most %ld bytes)",
		    JOURNAL_MAX_LINE);
		goto out;
	}
	if (j->new_seal) {
		char *check = seal_check_new(j->key);
		header = check ? journal_header_encode(&j->params, check, &hlen) : NULL;
		free(check);
		if (!header) {
			rc = fail(err, errlen, "out of memory");
			goto out;
		}
	}
	if (st.st_size > 0 && pread(j->fd, &last, 1, st.st_size - 1) != 1)
		last = '\n';
	if (last != '\n') {
		/* the torn tail of a save that never finished goes: every line stays whole */
		off_t cut = torn_tail(j, st.st_size);
		if (cut >= 0 && ftruncate(j->fd, cut) == 0) {
			st.st_size = cut;
			last = '\n';
		}
	}
	buf = malloc(hlen + llen + 3);
	if (!buf) {
		rc = fail(err, errlen, "out of memory");
		goto out;
	}
	if (last != '\n') /* a torn last line: start on a fresh one */
		buf[n++] = '\n';
	if (header) {
		memcpy(buf + n, header, hlen);
		n += hlen;
		buf[n++] = '\n';
	}
	memcpy(buf + n, line, llen);
	n += llen;
	buf[n++] = '\n';
	/* one write of the whole line(s); a short one is cut back, so nothing half-written stays */
	if (write_all(j->fd, buf, n) != 0) {
		int saved = errno ? errno : EIO;
		if (ftruncate(j->fd, st.st_size) != 0) {
			/* the torn line stays; the reader skips it and the next save starts afresh */
		}
		rc = fail(err, errlen, "cannot write '%s': %s", j->path, strerror(saved));
		goto out;
	}
	if (fsync(j->fd) != 0) {
		rc = fail(err, errlen, "cannot flush '%s' to disk: %s", j->path, strerror(errno));
		goto out;
	}
	if (j->created && fsync_dir(j->dir) != 0) {
		rc = fail(err, errlen, "cannot flush the folder '%s' to disk: %s", j->dir,
			  strerror(errno));
		goto out;
	}
	if (j->new_seal) {
		j->new_seal = false;
		j->encrypted = true;
	}
	rc = 0;
out:
	if (locked)
		flock(j->fd, LOCK_UN);
	if (plain)
		seal_wipe(plain, plen);
	if (buf)
		seal_wipe(buf, n);
	free(plain);
	free(line);
	free(buf);
	free(header);
	return rc;
}

/* ---- reading ---- */

struct reader {
	struct journal *j;
	journal_fn fn;
	void *ctx;
	char *err;
	size_t errlen;
	bool all; /* hand the header on too (rewrites) */
	bool summary;
};

/* Classify one line and hand it to the callback. */
static int deliver(struct reader *r, const char *raw, size_t len, long lineno, bool torn,
		   bool too_long)
{
	struct journal_item it;
	char *plain = NULL;
	size_t plen = 0;
	enum journal_parse p;
	int rc;

	memset(&it, 0, sizeof(it));
	it.line = lineno;
	it.raw = raw;
	it.raw_len = len;
	while (len > 0 && raw[len - 1] == '\r')
		len--;
	if (too_long) {
		it.kind = JITEM_TOO_LONG;
		it.raw_len = 0;
		return r->fn(r->ctx, &it);
	}
	if (len == 0 && !torn)
		return JOURNAL_NEXT; /* a blank line */
	if (r->j->encrypted && raw[0] != '{') {
		if (!r->j->key) {
			it.kind = JITEM_UNREADABLE;
			return r->fn(r->ctx, &it);
		}
		plain = seal_open(r->j->key, raw, len, &plen);
		if (!plain) {
			it.kind = torn ? JITEM_TORN : JITEM_UNREADABLE;
			return r->fn(r->ctx, &it);
		}
		it.plain = plain;
		it.plain_len = plen;
	} else {
		it.plain = raw;
		it.plain_len = len;
	}
	p = r->summary ? journal_entry_parse_summary(it.plain, it.plain_len, &it.entry)
		       : journal_entry_parse(it.plain, it.plain_len, &it.entry);
	it.kind = p == JPARSE_OK      ? JITEM_ENTRY
		  : p == JPARSE_NEWER ? JITEM_NEWER
		  : torn              ? JITEM_TORN
				      : JITEM_FOREIGN;
	rc = r->fn(r->ctx, &it);
	journal_entry_release(&it.entry);
	if (plain) {
		seal_wipe(plain, plen);
		free(plain);
	}
	return rc;
}

static int read_fail(struct reader *r)
{
	return fail(r->err, r->errlen, "cannot read '%s': %s", r->j->path, strerror(errno));
}

/* Oldest first: one buffered pass, one line held at a time (at most JOURNAL_MAX_LINE). */
static int each_forward(struct reader *r)
{
	char *chunk = malloc(CHUNK), *line = NULL;
	size_t llen = 0, lcap = 0;
	bool too_long = false;
	long lineno = 1;
	off_t pos = 0;
	ssize_t n;
	int rc = 0, cb = JOURNAL_NEXT;

	if (!chunk)
		return fail(r->err, r->errlen, "out of memory");
	for (;;) {
		n = pread(r->j->fd, chunk, CHUNK, pos);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = read_fail(r);
			goto out;
		}
		if (n == 0)
			break;
		pos += n;
		for (char *p = chunk, *end = chunk + n; p < end;) {
			char *nl = memchr(p, '\n', (size_t)(end - p));
			size_t k = (size_t)((nl ? nl : end) - p);

			if (!too_long && llen + k > (size_t)JOURNAL_MAX_LINE) {
				too_long = true;
			} else if (!too_long) {
				if (llen + k + 1 > lcap) {
					size_t cap = lcap ? lcap : 4096;
					char *g;
					while (cap < llen + k + 1)
						cap *= 2;
					g = realloc(line, cap);
					if (!g) {
						rc = fail(r->err, r->errlen, "out of memory");
						goto out;
					}
					line = g;
					lcap = cap;
				}
				memcpy(line + llen, p, k);
				llen += k;
			}
			if (!nl)
				break;
			if (lineno > 1 || r->j->body == 0 || r->all) {
				if (line)
					line[llen] = '\0';
				cb = deliver(r, line ? line : "", llen, lineno, false, too_long);
				if (cb != JOURNAL_NEXT)
					goto out;
			}
			if (line)
				seal_wipe(line, llen);
			llen = 0;
			too_long = false;
			lineno++;
			p = nl + 1;
		}
	}
	if (llen > 0 || too_long) {
		line[llen] = '\0';
		cb = deliver(r, line, llen, lineno, true, too_long);
	}
out:
	if (cb == JOURNAL_FAIL && rc == 0)
		rc = -1;
	if (line)
		seal_wipe(line, lcap);
	free(line);
	free(chunk);
	return rc;
}

/* How many lines the file has (a torn last line counts). */
static int count_lines(struct reader *r, off_t size, long *count)
{
	char *chunk = malloc(CHUNK);
	off_t pos = 0;
	ssize_t n;
	long c = 0;
	char last = '\n';

	if (!chunk)
		return fail(r->err, r->errlen, "out of memory");
	while (pos < size) {
		n = pread(r->j->fd, chunk, CHUNK, pos);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			free(chunk);
			return read_fail(r);
		}
		if (n == 0)
			break;
		for (char *p = chunk, *end = chunk + n; (p = memchr(p, '\n', (size_t)(end - p)));
		     p++)
			c++;
		last = chunk[n - 1];
		pos += n;
	}
	free(chunk);
	*count = c + (last != '\n');
	return 0;
}

/*
 * Newest first: the file read backwards a chunk at a time to find the
 * line ends, each line then read whole with pread.  Memory: one chunk and
 * one line.
 */
static int each_backward(struct reader *r)
{
	struct stat st;
	char *chunk = NULL, *line = NULL;
	off_t end, pos, lstart, cfrom, cto;
	long lineno = 0;
	int rc = 0, cb = JOURNAL_NEXT;
	bool torn;

	if (fstat(r->j->fd, &st) != 0)
		return read_fail(r);
	if (count_lines(r, st.st_size, &lineno) != 0)
		return -1;
	chunk = malloc(CHUNK);
	line = malloc((size_t)JOURNAL_MAX_LINE + 1);
	if (!chunk || !line) {
		rc = fail(r->err, r->errlen, "out of memory");
		goto out;
	}
	end = st.st_size; /* the current line is [.., end) */
	torn = false;
	if (end > 0) {
		char c;
		if (pread(r->j->fd, &c, 1, end - 1) != 1) {
			rc = read_fail(r);
			goto out;
		}
		if (c == '\n')
			end--; /* the last line's newline */
		else
			torn = true;
	}
	/* chunk holds the bytes [cfrom, cto) of the file */
	cfrom = cto = end;
	pos = end;
	while (end > r->j->body) {
		/* find the newline before pos: first in the chunk held, then further back */
		char *nl = NULL;
		lstart = r->j->body;
		while (pos > r->j->body) {
			if (pos > cfrom && pos <= cto) {
				nl = memrchr(chunk, '\n', (size_t)(pos - cfrom));
				if (nl) {
					lstart = cfrom + (nl - chunk) + 1;
					pos = lstart - 1;
					break;
				}
				pos = cfrom;
				continue;
			}
			cto = pos;
			cfrom = pos - CHUNK > r->j->body ? pos - CHUNK : r->j->body;
			if (pread(r->j->fd, chunk, (size_t)(cto - cfrom), cfrom) != cto - cfrom) {
				rc = read_fail(r);
				goto out;
			}
		}
		if (end - lstart > JOURNAL_MAX_LINE) {
			cb = deliver(r, "", 0, lineno, torn, true);
		} else {
			size_t n = (size_t)(end - lstart);
			if (lstart >= cfrom && end <= cto) {
				memcpy(line, chunk + (lstart - cfrom), n);
			} else if (pread(r->j->fd, line, n, lstart) != (ssize_t)n) {
				rc = read_fail(r);
				goto out;
			}
			line[n] = '\0';
			cb = deliver(r, line, n, lineno, torn, false);
			seal_wipe(line, n);
		}
		if (cb != JOURNAL_NEXT)
			goto out;
		torn = false;
		lineno--;
		if (!nl)
			break;
		end = lstart - 1;
	}
out:
	if (cb == JOURNAL_FAIL && rc == 0)
		rc = -1;
	free(chunk);
	free(line);
	return rc;
}

int journal_each(struct journal *j, int flags, journal_fn fn, void *ctx, char *err, size_t errlen)
{
	struct reader r = { j, fn, ctx, err, errlen, false, (flags & JOURNAL_SUMMARY) != 0 };
	bool newest_first = (flags & JOURNAL_NEWEST_FIRST) != 0;
	int rc;

	if (lock_current(j, LOCK_SH, err, errlen) != 0)
		return -1;
	if (j->encrypted && !j->key) {
		flock(j->fd, LOCK_UN);
		return fail(err, errlen, "'%s' is encrypted: its passphrase is needed", j->path);
	}
	err[0] = '\0';
	rc = newest_first ? each_backward(&r) : each_forward(&r);
	if (rc != 0 && !err[0])
		fail(err, errlen, "stopped reading '%s'", j->path);
	flock(j->fd, LOCK_UN);
	return rc;
}

/* ---- rewriting ---- */

struct rewrite {
	struct journal *j;
	enum journal_rewrite_mode mode;
	journal_fn keep;
	void *ctx;
	int fd;
	struct seal_key *newkey;
	char *err;
	size_t errlen;
};

static int rewrite_line(void *ctx, const struct journal_item *it)
{
	struct rewrite *w = ctx;
	char *out = NULL;
	const char *src = it->raw;
	size_t len = it->raw_len;
	int rc;

	if (it->line == 1 && w->j->body > 0)
		return JOURNAL_NEXT; /* the old header: written afresh, or dropped */
	if (w->mode == JREWRITE_EMPTY)
		return JOURNAL_NEXT;
	/*
	 * The torn tail of a save that never finished goes, as journal_append
	 * cuts it: copied with a newline it would become a whole line that no
	 * reader can read (a sealed fragment in a journal being decrypted).
	 */
	if (it->kind == JITEM_TORN)
		return JOURNAL_NEXT;
	if (it->kind == JITEM_TOO_LONG) {
		/* it cannot be held in memory to be copied: change nothing */
		fail(
		    w->err, w->errlen,
		    "'%s' line %ld is longer than %ld bytes and cannot be copied; nothing was changed",
		    w->j->path, it->line, JOURNAL_MAX_LINE);
		return JOURNAL_FAIL;
	}
	if (w->keep && it->kind == JITEM_ENTRY) {
		rc = w->keep(w->ctx, it);
		if (rc == JOURNAL_FAIL)
			return rc;
		if (rc == JOURNAL_STOP)
			return JOURNAL_NEXT; /* dropped */
	}
	if (w->mode == JREWRITE_SEAL) {
		out = seal_line(w->newkey, it->raw, it->raw_len, &len);
		src = out;
	} else if (w->mode == JREWRITE_UNSEAL && it->plain && it->plain != it->raw) {
		src = it->plain;
		len = it->plain_len;
	}
	if (!src) {
		fail(w->err, w->errlen, "out of memory");
		return JOURNAL_FAIL;
	}
	rc = write_all(w->fd, src, len) == 0 && write_all(w->fd, "\n", 1) == 0 ? JOURNAL_NEXT
									       : JOURNAL_FAIL;
	if (rc == JOURNAL_FAIL)
		fail(w->err, w->errlen, "cannot write a temporary file beside '%s': %s", w->j->path,
		     strerror(errno));
	free(out);
	return rc;
}

int journal_rewrite(struct journal *j, enum journal_rewrite_mode mode, journal_fn keep, void *ctx,
		    const char *pass, size_t passlen, char *err, size_t errlen)
{
	struct rewrite w = { j, mode, keep, ctx, -1, NULL, err, errlen };
	struct reader r = { j, rewrite_line, &w, err, errlen, true, true };
	struct seal_params params;
	char *tmp = NULL, *header = NULL, *check = NULL;
	size_t hlen = 0;
	int rc = -1;
	bool locked = false;

	err[0] = '\0';
	if (!j->writable)
		return fail(err, errlen, "'%s' was not opened for writing", j->path);
	if (lock_current(j, LOCK_EX, err, errlen) != 0)
		return -1;
	locked = true;
	if (mode == JREWRITE_SEAL && j->encrypted) {
		rc = fail(err, errlen, "'%s' is already encrypted", j->path);
		goto out;
	}
	if (mode == JREWRITE_UNSEAL && !j->encrypted) {
		rc = fail(err, errlen, "'%s' is not encrypted", j->path);
		goto out;
	}
	if (j->encrypted && !j->key && mode != JREWRITE_EMPTY) {
		rc = fail(err, errlen, "'%s' is encrypted: its passphrase is needed", j->path);
		goto out;
	}
	if (mode == JREWRITE_SEAL) {
		seal_params_new(&params);
		w.newkey = seal_key_derive(&params, pass, passlen);
		check = w.newkey ? seal_check_new(w.newkey) : NULL;
		header = check ? journal_header_encode(&params, check, &hlen) : NULL;
	} else if (j->encrypted && mode != JREWRITE_UNSEAL) {
		header = journal_header_encode(&j->params, j->check, &hlen);
	}
	if ((mode == JREWRITE_SEAL || (j->encrypted && mode != JREWRITE_UNSEAL)) && !header) {
		rc = fail(err, errlen, "out of memory");
		goto out;
	}
	tmp = join(j->path, ".tmp-XXXXXX");
	if (!tmp) {
		rc = fail(err, errlen, "out of memory");
		goto out;
	}
	w.fd = mkostemp(tmp, O_CLOEXEC); /* mode 0600 */
	if (w.fd < 0) {
		rc = fail(err, errlen, "cannot create a temporary file beside '%s': %s", j->path,
			  strerror(errno));
		free(tmp);
		tmp = NULL;
		goto out;
	}
	if (header && (write_all(w.fd, header, hlen) != 0 || write_all(w.fd, "\n", 1) != 0)) {
		rc = fail(err, errlen, "cannot write a temporary file beside '%s': %s", j->path,
			  strerror(errno));
		goto out;
	}
	if (each_forward(&r) != 0) {
		if (!err[0])
			fail(err, errlen, "stopped rewriting '%s'", j->path);
		goto out;
	}
	if (fsync(w.fd) != 0) {
		rc = fail(err, errlen, "cannot flush a temporary file beside '%s': %s", j->path,
			  strerror(errno));
		goto out;
	}
	/* the old file stays whole until this rename */
	if (rename(tmp, j->path) != 0) {
		rc = fail(err, errlen, "cannot replace '%s': %s", j->path, strerror(errno));
		goto out;
	}
	free(tmp);
	tmp = NULL;
	if (fsync_dir(j->dir) != 0) {
		rc = fail(err, errlen, "cannot flush the folder '%s' to disk: %s", j->dir,
			  strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (w.fd >= 0)
		close(w.fd);
	if (tmp) {
		unlink(tmp);
		free(tmp);
	}
	seal_key_free(w.newkey);
	free(header);
	free(check);
	if (locked)
		flock(j->fd, LOCK_UN);
	return rc;
}
