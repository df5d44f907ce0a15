build/obj/matcher.o: src/matcher.c include/safety.h
include/safety.h:
