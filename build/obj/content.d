build/obj/content.o: src/content.c include/content.h include/jsonpos.h \
 include/rules.h
include/content.h:
include/jsonpos.h:
include/rules.h:
