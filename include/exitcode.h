/* exitcode.h — the documented exit statuses (SPEC section 2). */
#ifndef CRY_GUIDE_EXITCODE_H
#define CRY_GUIDE_EXITCODE_H

enum cg_exit {
	EXIT_OK = 0,           /* success */
	EXIT_NOTFOUND = 1,     /* nothing found, or `check` found errors */
	EXIT_USAGE = 2,        /* unknown option, bad argument */
	EXIT_CONTENT = 3,      /* content could not be loaded or is invalid */
	EXIT_IO = 4,           /* journal or output write failure */
	EXIT_INTERRUPTED = 130 /* Ctrl-C */
};

#endif
