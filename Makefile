# Makefile — build, test and install cry-guide.
#
#   make run      install missing build dependencies, build, start a session
#   make check    the same set-up, then every test (unit, CLI, content,
#                 and all of it again under ASan + UBSan)
#   make valgrind the unit and CLI tests under valgrind
#   make install / uninstall   (PREFIX, DESTDIR)
#   make deb      a Debian package in build/ (dpkg-buildpackage, lintian)

PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
DATADIR    ?= $(PREFIX)/share
MANDIR     ?= $(DATADIR)/man
CC         ?= cc
PKG_CONFIG ?= pkg-config
BUILD      ?= build

VERSION    = 0.1.0

# Project warnings first, the user's CFLAGS after them.
WARN = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
       -Wmissing-prototypes -Wwrite-strings -Wformat=2 -Wundef \
       -Wcast-align -Wpointer-arith -Wvla -Wold-style-definition
CFLAGS   ?= -O2 -g
ifeq ($(SAN),1)
CFLAGS   = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
           -fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined
endif
ifneq ($(CI),)
WERROR = -Werror
endif

# Quiet build, as the kernel and git do: one short line per step
# ("  CC      src/cli.c"); V=1 prints the full commands.  Under make -s not
# even the short lines are printed.  Warnings always show.
V ?= 0
ifeq ($(V),1)
Q   =
msg =
else
Q   = @
ifneq ($(findstring s,$(filter-out --%,$(MAKEFLAGS))),)
msg = @:
else
msg = @printf '  %-7s %s\n' $(1) $(2)
endif
endif

# Dependencies are found with pkg-config after scripts/deps.sh has made
# sure they are installed.  The result is cached in $(BUILD)/config*.mk, so
# on a machine that has them this costs nothing after the first build.
ifneq ($(filter check test unit cli valgrind fuzz asan bench eval eval-gate eval-report train cv $(BUILD)/tests/%,$(MAKECMDGOALS)),)
CONFIG = $(BUILD)/config-tests.mk
DEPS_ARGS = --tests
else
CONFIG = $(BUILD)/config.mk
endif
-include $(CONFIG)

CPPFLAGS_ALL = -Iinclude -I$(BUILD) -DCRY_GUIDE_VERSION='"$(VERSION)"' \
               $(PKG_CFLAGS) $(CPPFLAGS)
CFLAGS_ALL   = $(WARN) $(WERROR) -pthread $(CFLAGS)

# src/NAME.c, and the rooms of a module split into a folder (src/check/*.c)
SRCS     = $(wildcard src/*.c src/*/*.c)
OBJS     = $(SRCS:src/%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/content_data.o
LIB_OBJS = $(filter-out $(BUILD)/obj/main.o,$(OBJS))
BIN      = $(BUILD)/cry-guide

UNIT_SRCS = $(wildcard tests/test_*.c)
# tests/support/*.c (pseudo-terminal driver, ...) is linked into every test
SUPPORT_OBJS = $(patsubst tests/support/%.c,$(BUILD)/tests/support/%.o,$(wildcard tests/support/*.c))
UNIT_BINS = $(UNIT_SRCS:tests/%.c=$(BUILD)/tests/%)

# The content built into the binary.
CONTENT_FILES = content/guide.json content/safety.json \
                $(sort $(wildcard content/sections/*.json))

.PHONY: all run check test unit cli content-check asan valgrind install \
        uninstall clean fuzz fuzz-build fuzz-corpus format format-check bench eval \
        eval-gate eval-report train cv deb deb-build deb-check
.DEFAULT_GOAL := all

all: $(BIN)

# GNU readline (with its terminfo library) and libsodium are linked
# statically when their static libraries are there, as they are on Debian:
# every start then skips loading and relocating three shared libraries
# (readline's about a third of a millisecond), which is most of what
# `show` costs beyond `cat` (see make bench).  STATIC_READLINE=0 and
# STATIC_SODIUM=0 link them dynamically (the Debian package does).
# PACK_RELOCS=1 (the default where the linker and C library support it)
# packs the relative relocations (-z pack-relative-relocs, DT_RELR): the
# built-in content's tables make about 28,000 of them, 670 KiB of RELA
# entries the loader would read at every start, 4 KiB packed.  The program
# stays position independent, with its relocations read-only after start.
STATIC_READLINE ?= 1
STATIC_SODIUM ?= 1
PACK_RELOCS ?= 1

$(CONFIG): scripts/deps.sh Makefile
	@mkdir -p $(@D)
	@sh scripts/deps.sh $(DEPS_ARGS)
	@static() { \
	   ok=1; for l in $$($(PKG_CONFIG) --static --libs-only-l $$1); do \
	     case $$($(CC) -print-file-name=lib$${l#-l}.a) in /*) ;; *) ok=0 ;; esac; \
	   done; \
	   if [ $$ok = 1 ]; then echo "-Wl,-Bstatic $$($(PKG_CONFIG) --static --libs-only-l $$1) -Wl,-Bdynamic"; \
	   else $(PKG_CONFIG) --libs $$1; fi; \
	 }; \
	 rl_libs=$$($(PKG_CONFIG) --libs readline); \
	 [ "$(STATIC_READLINE)" = 1 ] && rl_libs=$$(static readline); \
	 na_libs=$$($(PKG_CONFIG) --libs libsodium); \
	 [ "$(STATIC_SODIUM)" = 1 ] && na_libs=$$(static libsodium); \
	 relr=; \
	 if [ "$(PACK_RELOCS)" = 1 ]; then \
	   t=$(@D)/relr-test; \
	   if printf 'int main(void) { return 0; }\n' | \
	      $(CC) $(LDFLAGS) -x c -o $$t - -Wl,-z,pack-relative-relocs >$$t.log 2>&1 && \
	      [ ! -s $$t.log ] && $$t; then relr=-Wl,-z,pack-relative-relocs; fi; \
	   rm -f $$t $$t.log; \
	 fi; \
	 { printf 'PKG_CFLAGS = %s\n' "$$($(PKG_CONFIG) --cflags libcjson readline libsodium)"; \
	   printf 'PKG_LIBS = %s %s %s\n' "$$($(PKG_CONFIG) --libs libcjson)" "$$na_libs" "$$rl_libs"; \
	   printf 'RELR_LDFLAGS = %s\n' "$$relr"; \
	   if [ -n "$(DEPS_ARGS)" ]; then \
	     printf 'CMOCKA_CFLAGS = %s\n' "$$($(PKG_CONFIG) --cflags cmocka)"; \
	     printf 'CMOCKA_LIBS = %s\n' "$$($(PKG_CONFIG) --libs cmocka)"; \
	   fi; } >$@.tmp && mv $@.tmp $@

$(BIN): $(OBJS)
	$(call msg,LD,$@)
	$(Q)$(CC) $(CFLAGS_ALL) $(LDFLAGS) $(RELR_LDFLAGS) -o $@ $(OBJS) $(PKG_LIBS) $(LDLIBS)

$(BUILD)/obj/%.o: src/%.c $(CONFIG)
	@mkdir -p $(@D)
	$(call msg,CC,$<)
	$(Q)$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -MMD -MP -c -o $@ $<

# The built-in content is made by a host tool that loads content/ with the
# real loader (content the program would refuse fails the build, naming the
# file, line and column) and writes it out as static C data; it is rebuilt
# when any content file changes (the folder's own timestamp catches added and
# removed sections).
GEN_SRCS = tools/gencontent.c src/content.c src/floor.c src/id_stream.c src/jsonpos.c src/matcher.c src/nameset.c \
           src/oom.c src/render.c src/rules.c src/safety.c src/unmask.c
$(BUILD)/gencontent: $(GEN_SRCS) include/content.h include/floor.h include/hash.h include/id_stream.h include/jsonpos.h include/nameset.h \
                     include/lexicon.h include/matcher.h include/oom.h include/render.h include/rules.h \
                     include/safety.h include/unmask.h $(CONFIG)
	@mkdir -p $(@D)
	$(call msg,HOSTCC,$@)
	$(Q)$(CC) $(WARN) -O1 -Iinclude $(PKG_CFLAGS) -o $@ $(GEN_SRCS) $(PKG_LIBS)

# The crisis matcher's trained weights (`make train` writes them): built in
# with the lexicon, never a content file (a content folder's weights are
# checked, not used), so no content file's 1 MiB bounds them.
WEIGHTS = tools/crisis-weights.json

$(BUILD)/content_data.c: $(BUILD)/gencontent $(CONTENT_FILES) content/sections $(WEIGHTS)
	$(call msg,GEN,$@)
	$(Q)$(BUILD)/gencontent --weights $(WEIGHTS) content $@ $(CONTENT_FILES:content/%=%)

$(BUILD)/obj/content_data.o: $(BUILD)/content_data.c
	@mkdir -p $(@D)
	$(call msg,CC,$<)
	$(Q)$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -c -o $@ $<

$(BUILD)/tests/support/%.o: tests/support/%.c $(CONFIG)
	@mkdir -p $(@D)
	$(call msg,CC,$<)
	$(Q)$(CC) $(CPPFLAGS_ALL) -Itests/support $(CFLAGS_ALL) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%: tests/%.c $(LIB_OBJS) $(SUPPORT_OBJS) $(CONFIG)
	@mkdir -p $(@D)
	$(call msg,CCLD,$@)
	$(Q)$(CC) $(CPPFLAGS_ALL) -Itests/support $(CMOCKA_CFLAGS) $(CFLAGS_ALL) -MMD -MP \
	    $(LDFLAGS) -o $@ $< $(LIB_OBJS) $(SUPPORT_OBJS) $(CMOCKA_LIBS) $(PKG_LIBS) \
	    -lutil $(LDLIBS)

# make run builds quietly (warnings still show) and starts a session.  The
# session handles Ctrl-C itself (it prints the crisis line and exits 130);
# the recipe's shell waits for it with a trap set, and reads 130 as the
# ending the person chose, so make adds no "Error 130" under it.
run:
	@$(MAKE) --no-print-directory -s $(BIN)
	@trap : INT; ./$(BIN) walk; s=$$?; [ $$s -eq 130 ] && s=0; exit $$s

# Every suite prints its own result; the first failure fails the target.
TEST_ENV = CRY_GUIDE_BIN=$(abspath $(BIN)) CRY_GUIDE_SRC=$(CURDIR) \
           NO_COLOR= CRY_GUIDE_CONTENT= CRY_GUIDE_JOURNAL= \
           ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99 \
           UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
           LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0

unit: $(UNIT_BINS) $(BIN)
	@fail=0; for t in $(UNIT_BINS); do \
	  printf '\n== %s%s\n' "$$(basename $$t)" "$(if $(filter 1,$(SAN)), (ASan+UBSan))"; \
	  $(TEST_ENV) $(TEST_WRAP) $$t || fail=1; \
	done; exit $$fail

# The allocation-failure shim (tests/cli/t_alloc.sh): a plain shared
# object, never sanitised, that hands on to whatever malloc comes next.
# ALLOC_SWEEP=full makes t_alloc.sh fail every allocation in turn, not a sample.
ALLOC_SWEEP ?= sample
$(BUILD)/failalloc.so: tools/failalloc.c
	@mkdir -p $(@D)
	$(call msg,CCLD,$@)
	$(Q)$(CC) $(WARN) $(WERROR) -O1 -g -fPIC -shared -o $@ tools/failalloc.c -ldl

cli: $(BIN) $(BUILD)/failalloc.so
	@printf '\n== CLI tests%s\n' "$(if $(filter 1,$(SAN)), (ASan+UBSan))"
	@$(TEST_ENV) CRY_GUIDE_WRAP="$(TEST_WRAP)" CRY_GUIDE_FAILALLOC=$(abspath $(BUILD)/failalloc.so) \
	    CRY_GUIDE_ALLOC_SWEEP=$(ALLOC_SWEEP) sh tests/cli/run.sh

content-check: $(BIN)
	@printf '\n== cry-guide check content/\n'
	@./$(BIN) check --fail-on warning content

test: unit cli content-check eval-report

check:
	@$(MAKE) --no-print-directory test
	@$(MAKE) --no-print-directory SAN=1 BUILD=$(BUILD)/asan unit cli
	@$(MAKE) --no-print-directory deb-check
	@printf '\nmake check: all suites passed\n'

# The Debian package (debian/): dpkg-buildpackage -us -uc -b in a copy of
# the tree under build/deb/src, so the .deb it writes to its parent folder
# lands in build/deb and nothing is written outside build/.  The .deb is
# then moved to build/ and lintian (when present) reads it: errors fail.
DEB_BUILD = $(BUILD)/deb
deb:
	@sh scripts/deps.sh --deb
	@$(MAKE) --no-print-directory deb-build

deb-build:
	@rm -rf $(DEB_BUILD) && mkdir -p $(DEB_BUILD)/src
	@tar -cf - --exclude=./build --exclude=./.git --exclude='./$(BUILD)' . | tar -xf - -C $(DEB_BUILD)/src
	@printf '  DEB     %s\n' "$(DEB_BUILD)/build.log"
	@cd $(DEB_BUILD)/src && dpkg-buildpackage -us -uc -b >../build.log 2>&1 || \
	    { tail -30 ../build.log; echo "make deb: dpkg-buildpackage failed (log in $(DEB_BUILD)/build.log)"; exit 1; }
	@if command -v lintian >/dev/null 2>&1; then \
	   printf '  LINT    %s\n' "$$(ls $(DEB_BUILD)/cry-guide_*.changes)"; \
	   lintian --fail-on error $(DEB_BUILD)/cry-guide_*.changes >$(DEB_BUILD)/lintian.log 2>&1; s=$$?; \
	   grep -v '^running with root privileges is not recommended!$$' $(DEB_BUILD)/lintian.log; \
	   [ $$s -eq 0 ] || { echo 'make deb: lintian found errors'; exit 1; }; \
	 else echo 'make deb: lintian is not installed: the package was not linted'; fi
	@rm -f $(BUILD)/cry-guide_*.deb && cp $(DEB_BUILD)/cry-guide_*.deb $(BUILD)/
	@ls $(BUILD)/cry-guide_*.deb

# make check: the package built and unpacked into a temporary root, where
# the binary must run alone; skipped with a note when the tools are missing.
deb-check:
	@printf '\n== Debian package\n'
	@if command -v dpkg-buildpackage >/dev/null 2>&1 && command -v dh >/dev/null 2>&1; then \
	   $(MAKE) --no-print-directory deb-build && \
	   CRY_GUIDE_SRC=$(CURDIR) sh tests/cli/deb_check.sh $(BUILD)/cry-guide_*.deb; \
	 else echo 'skipped: dpkg-buildpackage or debhelper (dh) is not installed (make deb installs them)'; fi

asan:
	@$(MAKE) --no-print-directory SAN=1 BUILD=$(BUILD)/asan unit cli

VALGRIND = valgrind -q --error-exitcode=99 --leak-check=full \
           --errors-for-leak-kinds=definite,indirect \
           --suppressions=$(CURDIR)/tests/valgrind.supp
valgrind:
	@$(MAKE) --no-print-directory TEST_WRAP="$(VALGRIND)" unit cli

# libFuzzer targets (clang): every tests/fuzz/fuzz_NAME.c is a target,
# seeded from tests/fuzz/corpus/NAME/ (add a file and a folder, nothing
# else).  `make fuzz` runs each for FUZZ_SECONDS and fails on any crash,
# leak, timeout (FUZZ_TIMEOUT seconds for one input) or out-of-memory
# (FUZZ_RSS_MB); each run's log, with its executions, is left in
# build/fuzz/NAME.log.  `make fuzz-corpus` replays the corpus only (a quick
# regression run).
FUZZ_SECONDS ?= 60
FUZZ_TIMEOUT ?= 10
FUZZ_RSS_MB  ?= 2048
FUZZ_BUILD    = build/fuzz
FUZZ_TARGETS  = $(patsubst tests/fuzz/%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_FLAGS    = -timeout=$(FUZZ_TIMEOUT) -rss_limit_mb=$(FUZZ_RSS_MB) -error_exitcode=77 \
                -timeout_exitcode=78 -max_len=65536 -print_final_stats=1 -close_fd_mask=2

# the objects of today's sources only: an old build/fuzz may hold objects
# of files since moved (src/check.c before src/check/), never linked
FUZZ_OBJS = $(FUZZ_BUILD)/obj/content_data.o \
	    $(filter-out $(FUZZ_BUILD)/obj/main.o,$(SRCS:src/%.c=$(FUZZ_BUILD)/obj/%.o))
fuzz-build:
	@$(MAKE) --no-print-directory CC=clang BUILD=$(FUZZ_BUILD) \
	    CFLAGS="-O1 -g -fsanitize=fuzzer-no-link,address,undefined" $(FUZZ_OBJS)
	@for t in $(FUZZ_TARGETS); do \
	  clang -O1 -g -fsanitize=fuzzer,address,undefined -pthread -Iinclude -o $(FUZZ_BUILD)/$$t tests/fuzz/$$t.c \
	    $(FUZZ_OBJS) $$($(PKG_CONFIG) --libs libcjson readline libsodium) || exit 1; \
	done

fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
	  c=tests/fuzz/corpus/$${t#fuzz_}; mkdir -p $(FUZZ_BUILD)/corpus-$$t $$c; \
	  printf '\n== %s for %s s\n' $$t $(FUZZ_SECONDS); \
	  $(FUZZ_BUILD)/$$t -max_total_time=$(FUZZ_SECONDS) $(FUZZ_FLAGS) \
	    -artifact_prefix=$(FUZZ_BUILD)/$$t- $(FUZZ_BUILD)/corpus-$$t $$c >$(FUZZ_BUILD)/$$t.log 2>&1; \
	  s=$$?; grep -E '^stat::number_of_executed_units|^#[0-9]+ *DONE' $(FUZZ_BUILD)/$$t.log | tail -2; \
	  if [ $$s -ne 0 ]; then tail -40 $(FUZZ_BUILD)/$$t.log; \
	    echo "make fuzz: $$t failed (status $$s; log in $(FUZZ_BUILD)/$$t.log)"; exit 1; fi; \
	done; printf '\nmake fuzz: every target ran clean\n'

fuzz-corpus: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
	  $(FUZZ_BUILD)/$$t $(FUZZ_FLAGS) tests/fuzz/corpus/$${t#fuzz_}/* || exit 1; \
	done

# Performance figures beside their peers (SPEC section 9), from one run.
# Timings are never asserted in tests: read the ratios.
$(BUILD)/benchrun: tools/benchrun.c
	@mkdir -p $(@D)
	$(call msg,CCLD,$@)
	$(Q)$(CC) $(WARN) -O2 -o $@ tools/benchrun.c

bench: $(BIN) $(BUILD)/benchrun $(BUILD)/crisis-eval
	@sh scripts/bench.sh $(abspath $(BIN)) $(abspath $(BUILD)/benchrun) $(abspath $(BUILD)/bench) \
	    $(abspath $(BUILD)/crisis-eval)

# The crisis matcher against the evaluation set (tests/data/crisis/): recall
# and false alarms per tier, warning sign and style, for the sets the
# lexicon is tuned and the weights trained on (dev, tune, and fresh since
# the thirty-fourth rule), the rounds that arrived after the weights were
# trained (held: new writers, never trained on) and the half only reported
# on (test).
# `make check` (eval-report) prints the totals and fails unless the test
# half (the last file) meets issue 9's bar: recall >= 97%, every warning
# sign >= 90%, high false alarms <= 1%, any-tier <= 5%.  Before it reads
# test.tsv, tests/eval_gate.sh shows the gate failing on each part of the
# bar, so it cannot silently pass everything.  `make eval-gate` is the
# gate alone, with every line of the report.
EVAL_FILES = tests/data/crisis/dev.tsv tests/data/crisis/tune.tsv tests/data/crisis/fresh.tsv \
	     tests/data/crisis/held.tsv tests/data/crisis/test.tsv
$(BUILD)/crisis-eval: tools/crisis_eval.c $(LIB_OBJS)
	$(call msg,CCLD,$@)
	$(Q)$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) $(LDFLAGS) -o $@ tools/crisis_eval.c $(LIB_OBJS) \
	    $(PKG_LIBS) $(LDLIBS)

$(BUILD)/crisis-train: tools/crisis_train.c $(LIB_OBJS)
	$(call msg,CCLD,$@)
	$(Q)$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) $(LDFLAGS) -o $@ tools/crisis_train.c $(LIB_OBJS) \
	    $(PKG_LIBS) $(LDLIBS) -lm

# The crisis matcher's weights, trained on the tuning lines (tune, dev and
# fresh; fresh holds the rounds of held.tsv before the forty-first and
# forty-fourth rules too)
# and safety.json's own examples, each example's error counted 16
# times (--example-weight; tests/data/crisis/README.md, the thirty-fourth
# rule), never on tests/data/crisis/test.tsv nor held.tsv, put in
# $(WEIGHTS).  The thresholds were chosen by `crisis-train
# --cv 5` on the same lines, over four dealings (make cv), each held to the
# weights it replaced: medium-at at no less recall, lowered-below letting go
# no more lines that should fire (tests/data/crisis/README.md, the ninth
# rule); medium-at 0.75 by a two-fold reading of fresh.tsv when it joined
# (the thirty-first rule).  --augment: each line is also trained on with an
# ordinary context of the day beside it (README, "Copies with context").
TRAIN_FILES = tests/data/crisis/tune.tsv tests/data/crisis/dev.tsv tests/data/crisis/fresh.tsv
MEDIUM_AT = 0.75
NONE_BELOW = 0
THRESHOLDS = --medium-at $(MEDIUM_AT) --none-below $(NONE_BELOW) --high-below -1 --silenced-at 1 --lowered-below -3
TRAIN_ARGS = $(THRESHOLDS) --augment --examples content --example-weight 16 \
	    --exclude tests/data/crisis/test.tsv --exclude tests/data/crisis/held.tsv $(TRAIN_FILES)
TRAIN = ./$(BUILD)/crisis-train $(TRAIN_ARGS)
train: $(BUILD)/crisis-train
	$(TRAIN) > $(BUILD)/weights.json
	@# one weight a line, indented with a tab
	jq --tab . $(BUILD)/weights.json > $(BUILD)/weights.json.new
	mv $(BUILD)/weights.json.new $(WEIGHTS)

eval: $(BUILD)/crisis-eval
	@./$(BUILD)/crisis-eval $(EVAL_FILES)

# The rule for keeping a lexicon change (README, "Whether a lexicon change
# is kept"): five-fold cross-validation at the shipped thresholds over four
# dealings of the lines into folds (--cv-seed 0 to 3), each dealing's row
# (recall, any-tier and high false alarms, lines about someone else read
# medium) and their mean.  About eight minutes (four before the copies with
# context doubled the lines trained on), and longer since fresh.tsv joined
# them (not timed); run it before and after a change.
cv: $(BUILD)/crisis-train
	@for s in 0 1 2 3; do \
	  ./$(BUILD)/crisis-train --cv 5 --cv-seed $$s $(TRAIN_ARGS) >$(BUILD)/cv-$$s.out 2>$(BUILD)/cv-$$s.log || \
	    { cat $(BUILD)/cv-$$s.log >&2; echo "make cv: crisis-train failed on dealing $$s" >&2; exit 1; }; \
	  awk -v s=$$s '$$1 == "$(MEDIUM_AT)" && $$2 == "$(NONE_BELOW)" { print "dealing", s, $$3, $$4, $$5, $$6; f = 1 } \
	    END { if (!f) exit 1 }' $(BUILD)/cv-$$s.out || \
	    { echo "make cv: no row for medium-at $(MEDIUM_AT), none-below $(NONE_BELOW) in $(BUILD)/cv-$$s.out" >&2; exit 1; }; \
	done | tr -d '%' | awk '{ print; r += $$3; a += $$4; h += $$5; o += $$6 } \
	  END { if (NR != 4) { print "make cv: fewer than four dealings read" > "/dev/stderr"; exit 1 } \
	    printf "mean      %.4f %.4f %.4f %.4f  (recall, any tier, high, others medium; %%)\n", r / 4, a / 4, h / 4, o / 4 }'

eval-gate: $(BUILD)/crisis-eval
	@printf '\n== crisis matcher on the evaluation set (test half gated)\n'
	@./$(BUILD)/crisis-eval --gate $(EVAL_FILES)

eval-report: $(BUILD)/crisis-eval $(BUILD)/crisis-train
	@printf '\n== crisis matcher on the evaluation set (totals, test half gated; make eval for the rest)\n'
	@sh tests/eval_gate.sh ./$(BUILD)/crisis-eval
	@# dash has no pipefail: the gate's status is kept before the report is filtered
	@./$(BUILD)/crisis-eval --gate $(EVAL_FILES) >$(BUILD)/eval.out; s=$$?; \
	  grep -v -e '^    ' -e '^  recall by' -e '^  false alarms by' $(BUILD)/eval.out; \
	  case $$s in 0) ;; \
	  1) echo "make check: $(lastword $(EVAL_FILES)) falls below issue 9's bar" \
	       "(make eval shows each sign and style)" >&2; exit 1 ;; \
	  *) echo "make check: crisis-eval could not read the evaluation set (status $$s)" >&2; exit 1 ;; \
	  esac
	@# the shipped weights are what `make train` gives: trained, not edited by hand
	@$(TRAIN) 2>/dev/null | jq -c . >$(BUILD)/weights.check
	@jq -c . $(WEIGHTS) | cmp -s - $(BUILD)/weights.check || \
	    { echo '$(WEIGHTS): the weights are not what make train gives; run make train' >&2; exit 1; }
	@echo 'weights: as make train gives them'

# The code follows .clang-format: `make format` applies it, `make
# format-check` fails on any difference.
FORMAT_FILES = $(wildcard src/*.c src/*/*.[ch] include/*.h tests/*.c tests/support/*.[ch] \
                 tests/fuzz/*.c tools/*.c)
format:
	clang-format -i $(FORMAT_FILES)

format-check:
	@for f in $(FORMAT_FILES); do \
	  clang-format "$$f" | diff -u "$$f" - >/dev/null || { echo "not formatted: $$f"; fail=1; }; \
	done; exit $${fail:-0}

# Where each shell looks: bash-completion's completions folder, zsh's
# vendor-completions (Debian's) and fish's vendor_completions.d.  The man
# pages are the command's (1) and the content guide (5).
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
ZSHCOMPDIR  ?= $(DATADIR)/zsh/vendor-completions
FISHCOMPDIR ?= $(DATADIR)/fish/vendor_completions.d

install: $(BIN)
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
	    $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR) \
	    $(DESTDIR)$(DATADIR)/cry-guide
	cp -f $(BIN) $(DESTDIR)$(BINDIR)/cry-guide
	chmod 755 $(DESTDIR)$(BINDIR)/cry-guide
	cp -f man/cry-guide.1 $(DESTDIR)$(MANDIR)/man1/cry-guide.1
	cp -f man/cry-guide-content.5 $(DESTDIR)$(MANDIR)/man5/cry-guide-content.5
	cp -f completions/cry-guide.bash $(DESTDIR)$(BASHCOMPDIR)/cry-guide
	cp -f completions/_cry-guide $(DESTDIR)$(ZSHCOMPDIR)/_cry-guide
	cp -f completions/cry-guide.fish $(DESTDIR)$(FISHCOMPDIR)/cry-guide.fish
	rm -rf $(DESTDIR)$(DATADIR)/cry-guide/content
	cp -R content $(DESTDIR)$(DATADIR)/cry-guide/content

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/cry-guide
	rm -f $(DESTDIR)$(MANDIR)/man1/cry-guide.1 $(DESTDIR)$(MANDIR)/man5/cry-guide-content.5
	rm -f $(DESTDIR)$(BASHCOMPDIR)/cry-guide $(DESTDIR)$(ZSHCOMPDIR)/_cry-guide \
	    $(DESTDIR)$(FISHCOMPDIR)/cry-guide.fish
	rm -rf $(DESTDIR)$(DATADIR)/cry-guide

clean:
	rm -rf $(BUILD)

-include $(OBJS:.o=.d) $(UNIT_BINS:=.d) $(SUPPORT_OBJS:.o=.d)
