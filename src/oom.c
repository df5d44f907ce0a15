/* oom.c — memory that ran out: one flag, set where it happens, read by the command layer. */
#include "oom.h"

static int seen;

void oom_note(void)
{
	__atomic_store_n(&seen, 1, __ATOMIC_RELAXED);
}

bool oom_seen(void)
{
	return __atomic_load_n(&seen, __ATOMIC_RELAXED) != 0;
}
