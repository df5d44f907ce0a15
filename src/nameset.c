/* nameset.c — a set of names met once each (nameset.h). */
#include "nameset.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"

int nameset_init(struct nameset *ns, size_t n)
{
	size_t cap = 16;

	/* at most half full, so a probe ends soon; n bounded so that neither
	 * n * 2 nor the slots' bytes can wrap */
	if (n > SIZE_MAX / 4 / sizeof(*ns->slot))
		return -1;
	while (cap < n * 2)
		cap *= 2;
	ns->slot = calloc(cap, sizeof(*ns->slot));
	ns->mask = cap - 1;
	return ns->slot ? 0 : -1;
}

bool nameset_add(struct nameset *ns, const char *s, size_t len)
{
	size_t i;

	if (!s)
		s = ""; /* an empty slot is a NULL name: never store one */
	i = (size_t)hash_fnv1a(s, len) & ns->mask;

	for (; ns->slot[i].s; i = (i + 1) & ns->mask)
		if (ns->slot[i].len == len && memcmp(ns->slot[i].s, s, len) == 0)
			return true;
	ns->slot[i].s = s;
	ns->slot[i].len = len;
	return false;
}

void nameset_free(struct nameset *ns)
{
	free(ns->slot);
	ns->slot = NULL;
}
