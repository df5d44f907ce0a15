build/obj/jsonpos.o: src/jsonpos.c include/jsonpos.h
include/jsonpos.h:
