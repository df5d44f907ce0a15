PKG_CFLAGS = -I/usr/include/cjson -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=600 
PKG_LIBS = -lcjson -lreadline 
CMOCKA_CFLAGS = 
CMOCKA_LIBS = -lcmocka 
