build/obj/main.o: src/main.c include/cli.h include/term.h \
 include/exitcode.h
include/cli.h:
include/term.h:
include/exitcode.h:
