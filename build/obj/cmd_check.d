build/obj/cmd_check.o: src/cmd_check.c include/cli.h include/term.h \
 include/exitcode.h
include/cli.h:
include/term.h:
include/exitcode.h:
