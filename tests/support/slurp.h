/* slurp.h — test support: a whole file in memory. */
#ifndef CRY_GUIDE_TEST_SLURP_H
#define CRY_GUIDE_TEST_SLURP_H

/*
 * The whole of the file at path, NUL-terminated (the caller frees it), or
 * NULL when it cannot be opened, sized or read.  For files a test wrote or
 * the source tree holds; content files have content_read_file(), which
 * refuses one over 1 MiB.
 */
char *slurp(const char *path);

#endif
