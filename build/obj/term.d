build/obj/term.o: src/term.c include/term.h
include/term.h:
