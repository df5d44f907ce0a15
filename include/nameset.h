/* nameset.h — a set of names met once each, to find the ones that repeat in one pass. */
#ifndef CRY_GUIDE_NAMESET_H
#define CRY_GUIDE_NAMESET_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The keys of one JSON object, read in order: is this one a name met
 * before?  Open addressing on FNV-1a, sized once for the n names the
 * caller will add, so an object of 170,000 repeats of one key costs one
 * pass, not a sort (make bench's hostile files).  Names are borrowed, not
 * copied: they must outlive the set.  Bytes are compared as they are.
 */
struct nameset_slot {
	const char *s; /* NULL: empty */
	size_t len;
};

struct nameset {
	struct nameset_slot *slot;
	size_t mask; /* slots - 1, a power of two minus one */
};

/* Room for n names.  0, or -1 when memory ran out. */
int nameset_init(struct nameset *ns, size_t n);

/* True when s (len bytes) was added before; adds it when not.  At most
 * the n names of nameset_init() may be added. */
bool nameset_add(struct nameset *ns, const char *s, size_t len);

void nameset_free(struct nameset *ns);

#endif
