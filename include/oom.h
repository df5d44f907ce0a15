/* oom.h — memory that ran out: noted where it happens, reported once by the command layer. */
#ifndef CRY_GUIDE_OOM_H
#define CRY_GUIDE_OOM_H

#include <stdbool.h>

/*
 * A module that carries on after an allocation failed (a line it could
 * not sanitise is left out rather than written raw) calls oom_note(), so
 * that the run never ends as if nothing happened: cli_finish() then says
 * "out of memory" and the status is EXIT_IO.  Safe from any thread.
 */
void oom_note(void);

/* True once oom_note() was called. */
bool oom_seen(void);

#endif
