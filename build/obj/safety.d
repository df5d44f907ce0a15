build/obj/safety.o: src/safety.c include/safety.h
include/safety.h:
