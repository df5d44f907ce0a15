build/tests/test_content: tests/test_content.c include/content.h
include/content.h:
