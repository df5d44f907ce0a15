build/obj/cli.o: src/cli.c include/cli.h include/term.h include/content.h \
 include/exitcode.h include/render.h include/safety.h
include/cli.h:
include/term.h:
include/content.h:
include/exitcode.h:
include/render.h:
include/safety.h:
