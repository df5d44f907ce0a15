/* fuzz_answers.c — libFuzzer target: the scripted-answer reader, and a walk through one section, on any bytes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "content.h"
#include "prompt.h"
#include "session.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * The input is the answers file.  Every line the reader gives back must
 * be at most PROMPT_LINE_MAX bytes with no trailing CR; a read error is
 * only ever the endless-line one (the file can always be read).  A
 * first byte from 0xF0 up makes the file the rest of the input written
 * over and over, (byte - 0xEF) * 96 KiB in all: past the 64 KiB cut and,
 * from 0xFB, the 1 MiB end of an endless line, which -max_len never
 * reaches on its own.  Then a walk of the first section reads the same file: whatever the
 * answers are, the session ends by finishing, quitting or reaching the end
 * of the input.  The questions go to /dev/null.
 */
static char path[64];
static struct content *c;

static void setup(void)
{
	struct content_error err;
	int fd;

	strcpy(path, "/tmp/cry-guide-fuzz-answers-XXXXXX");
	fd = mkstemp(path);
	if (fd < 0 || content_load_builtin(&c, &err) != 0)
		abort();
	close(fd);
	if (!freopen("/dev/null", "w", stdout))
		abort();
}

static void check_lines(void)
{
	struct prompt_input *in;
	enum prompt_status st;
	char err[256], *line;
	size_t n;

	if (prompt_open(&in, path, NULL, err, sizeof(err)) != 0)
		abort();
	while ((st = prompt_read(in, "> ", &line)) == PROMPT_OK) {
		n = strlen(line);
		if (n > PROMPT_LINE_MAX || (n && line[n - 1] == '\r'))
			abort();
	}
	if (st == PROMPT_ERROR) {
		prompt_error(in, err, sizeof(err));
		if (!strstr(err, "a line runs on past"))
			abort(); /* a file that can be read is never an I/O error */
	}
	prompt_close(in);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct session_options opt;
	struct session_result res;
	const struct section *first;
	char err[256];
	FILE *f;

	if (!c)
		setup();
	f = fopen(path, "wb");
	if (!f)
		abort();
	if (size > 1 && data[0] >= 0xF0) {
		size_t want = (size_t)(data[0] - 0xEF) * 96 * 1024, put = 0;
		while (put < want) {
			if (fwrite(data + 1, 1, size - 1, f) != size - 1)
				abort();
			put += size - 1;
		}
	} else if (size && fwrite(data, 1, size, f) != size) {
		abort();
	}
	if (fclose(f) != 0)
		abort();
	check_lines();

	first = &c->sections[0];
	memset(&opt, 0, sizeof(opt));
	opt.answers_path = path;
	opt.sections = &first;
	opt.n_sections = 1;
	opt.color = COLOR_NEVER;
	opt.width = 80;
	if (session_run(c, &opt, &res, err, sizeof(err)) != 0)
		abort();
	if (res.end != SESSION_FINISHED && res.end != SESSION_QUIT && res.end != SESSION_EOF &&
	    !(res.end == SESSION_INPUT_ERROR && strstr(err, "a line runs on past")))
		abort();
	return 0;
}
