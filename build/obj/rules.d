build/obj/rules.o: src/rules.c include/rules.h
include/rules.h:
