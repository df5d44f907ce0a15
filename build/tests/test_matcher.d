build/tests/test_matcher: tests/test_matcher.c include/safety.h
include/safety.h:
