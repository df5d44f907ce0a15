build/obj/cmd_walk.o: src/cmd_walk.c include/cli.h include/term.h \
 include/exitcode.h
include/cli.h:
include/term.h:
include/exitcode.h:
