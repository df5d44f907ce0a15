build/obj/cmd_read.o: src/cmd_read.c include/cli.h include/term.h \
 include/exitcode.h
include/cli.h:
include/term.h:
include/exitcode.h:
