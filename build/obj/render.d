build/obj/render.o: src/render.c include/render.h include/content.h \
 include/safety.h include/term.h
include/render.h:
include/content.h:
include/safety.h:
include/term.h:
