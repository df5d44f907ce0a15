/* hash.h — FNV-1a over bytes: the matcher's tables, the readers' filter of ids and the set of names (nameset.h). */
#ifndef CRY_GUIDE_HASH_H
#define CRY_GUIDE_HASH_H

#include <stddef.h>
#include <stdint.h>

/* The 64-bit FNV-1a hash of n bytes at s. */
static inline uint64_t hash_fnv1a(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

#endif
