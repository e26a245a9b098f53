# hvsh - one Makefile. `make` builds ./hvsh; `make test` installs what is
# missing, builds and runs every test; `make run` builds and opens the shell.
#
#   make                      build ./hvsh (release, build/rel)
#   make deps                 install missing Debian packages (scripts/install-deps.sh)
#   make run                  deps, build, open the shell
#   make test                 deps, build, run unit, script, CLI and repository checks
#   make test SANITIZE=1      the same with an ASan+UBSan build in build/san
#   make install              PREFIX=/usr/local DESTDIR= : bin/hvsh, share/man/man1/hvsh.1,
#                             lib/hvsh/libhvsh-engine.so, lib/systemd/system/hvsh-host.service
#   make man                  regenerate hvsh.1 and docs/cmdlets/*.md from the cmdlet tables
#   make format               clang-format every .c/.h under shell/ cmds/ tests/
#   make format-check         fail when a file is not formatted
#   make bench                print timings and peak memory of a few workloads
#   make test-guest           build or reuse the test guest (TEST_GUEST_DIR), boot it each way
#   make fuzz                 build tests/fuzz/fuzz_*.c with libFuzzer, run each FUZZ_SECONDS
#   make clean                remove build/ and ./hvsh

PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc
PKGS := libpcre2-8 readline
CSTD := -std=gnu11
WARN := -Wall -Wextra -Werror
OPT ?= -O2 -g
CPPFLAGS += -D_GNU_SOURCE
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CMOCKA_CFLAGS = $(shell pkg-config --cflags cmocka 2>/dev/null)
CMOCKA_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null)
LDLIBS += $(PKG_LIBS) -lm

# Linked first, mimalloc serves every allocation of the release build,
# libvirt's included (why: docs/design.md). Sanitizer builds keep the C
# library's allocator, which ASan replaces.
ifeq ($(SANITIZE),1)
OPT := -O1 -g -fno-omit-frame-pointer
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=undefined
BUILD := build/san
else
BUILD := build/rel
ALLOC_LIBS := -Wl,--push-state,--no-as-needed -lmimalloc -Wl,--pop-state
endif

CFLAGS += $(CSTD) $(WARN) $(OPT) $(SANFLAGS) $(PKG_CFLAGS) -MMD -MP
LDFLAGS += $(SANFLAGS)

SHELL_SRC := $(wildcard shell/*.c)
CMDS_SRC := $(filter-out cmds/main.c,$(wildcard cmds/*.c))
LIB_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(SHELL_SRC) $(CMDS_SRC))
MAIN_OBJ := $(BUILD)/cmds/main.o
# The about_* help topics are text files compiled into the binary through a
# generated C source (scripts/gen-about.sh), one per build directory.
ABOUT_TXT := $(sort $(wildcard docs/about/about_*.help.txt))
LIB_OBJ += $(BUILD)/gen/about_topics.o
# The hypervisor engine (engine/, libvirt + libxml2) is a shared object the
# shell loads on first use (engine/loader.c, linked in), so that start-up
# never pays for libvirt's libraries.
LIB_OBJ += $(BUILD)/engine/loader.o
ENGINE_PKGS := libvirt libxml-2.0
ENGINE_CFLAGS = $(shell pkg-config --cflags $(ENGINE_PKGS) 2>/dev/null)
ENGINE_LIBS = $(shell pkg-config --libs $(ENGINE_PKGS) 2>/dev/null) -lpthread
ENGINE_SRC := $(filter-out engine/loader.c,$(wildcard engine/*.c))
ENGINE_OBJ := $(patsubst %.c,$(BUILD)/pic/%.o,$(ENGINE_SRC))
ENGINE_LIB := $(BUILD)/libhvsh-engine.so
GEN_DOCS := $(BUILD)/gen-docs
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))

ifeq ($(SANITIZE),1)
HVSH := $(BUILD)/hvsh
# Any sanitizer report fails the test that caused it: ASan and LSan exit
# non-zero, UBSan aborts at the first finding.
export ASAN_OPTIONS := detect_leaks=1:abort_on_error=0:strict_string_checks=1
export UBSAN_OPTIONS := halt_on_error=1:print_stacktrace=1
else
HVSH := hvsh
endif

FORMAT_FILES = $(shell find shell cmds tests -name '*.[ch]' -not -path 'tests/fuzz/corpus/*' | sort)
FORMAT_FILES += $(sort $(wildcard engine/*.[ch]))

# libFuzzer: every library object rebuilt with clang and coverage
# instrumentation in build/fuzz; each tests/fuzz/fuzz_NAME.c is one target.
FUZZ_CC := clang
FUZZ_BUILD := build/fuzz
FUZZ_SECONDS ?= 60
FUZZ_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_CFLAGS = $(CSTD) -Wall -Wextra -O1 -g $(FUZZ_FLAGS) $(PKG_CFLAGS) -MMD -MP
FUZZ_LIB_OBJ := $(patsubst %.c,$(FUZZ_BUILD)/%.o,$(SHELL_SRC) $(CMDS_SRC)) \
	$(FUZZ_BUILD)/gen/about_topics.o $(FUZZ_BUILD)/engine/loader.o
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN := $(patsubst tests/fuzz/%.c,$(FUZZ_BUILD)/%,$(FUZZ_SRC))

.PHONY: all deps run test test-build format format-check install man bench fuzz fuzz-build clean

all: $(HVSH) $(ENGINE_LIB)

deps:
	@sh scripts/install-deps.sh

$(HVSH): $(LIB_OBJ) $(MAIN_OBJ)
	$(CC) $(LDFLAGS) -o $@ $(ALLOC_LIBS) $^ $(LDLIBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/pic/engine/%.o: engine/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(ENGINE_CFLAGS) -fPIC -fvisibility=hidden -c -o $@ $<

$(ENGINE_LIB): $(ENGINE_OBJ)
	$(CC) -shared $(LDFLAGS) -o $@ $^ $(ENGINE_LIBS)

%/gen/about_topics.c: $(ABOUT_TXT) scripts/gen-about.sh
	@mkdir -p $(dir $@)
	sh scripts/gen-about.sh $(ABOUT_TXT) >$@.tmp && mv $@.tmp $@

$(BUILD)/gen/about_topics.o: $(BUILD)/gen/about_topics.c
	$(CC) $(CPPFLAGS) -I. $(CFLAGS) -c -o $@ $<

# The documentation generator reads the cmdlet tables through the library,
# as the unit tests do: hvsh.1 and docs/cmdlets/*.md come from the tables.
$(GEN_DOCS): scripts/gen-docs.c $(LIB_OBJ)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(LIB_OBJ) $(LDFLAGS) $(LDLIBS)

man: $(GEN_DOCS)
	$(GEN_DOCS) docs/hvsh.1.in hvsh.1 docs/cmdlets

$(BUILD)/tests/%: tests/unit/%.c $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(CMOCKA_CFLAGS) -o $@ $< $(LIB_OBJ) \
		$(LDFLAGS) $(LDLIBS) $(CMOCKA_LIBS)

run: deps
	@$(MAKE) --no-print-directory all
	./$(HVSH)

test: deps
	@$(MAKE) --no-print-directory test-build
	@sh tests/run-tests.sh $(HVSH) $(UNIT_BIN)

test-build: $(HVSH) $(ENGINE_LIB) $(UNIT_BIN) $(GEN_DOCS)
	@:

format:
	clang-format -i $(FORMAT_FILES)

format-check:
	@bad=0; for f in $(FORMAT_FILES); do \
		clang-format --dry-run -Werror "$$f" >/dev/null 2>&1 || \
			{ echo "not formatted (make format): $$f"; bad=1; }; \
	done; exit $$bad

install: hvsh.1
	@$(MAKE) --no-print-directory SANITIZE= hvsh build/rel/libhvsh-engine.so
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -d $(DESTDIR)$(PREFIX)/lib/hvsh
	install -m 755 build/rel/libhvsh-engine.so $(DESTDIR)$(PREFIX)/lib/hvsh/libhvsh-engine.so
	install -m 755 hvsh $(DESTDIR)$(PREFIX)/bin/hvsh
	install -m 644 hvsh.1 $(DESTDIR)$(PREFIX)/share/man/man1/hvsh.1
	install -d $(DESTDIR)$(PREFIX)/lib/systemd/system
	sed 's|@BINDIR@|$(PREFIX)/bin|g' scripts/systemd/hvsh-host.service.in \
		>$(DESTDIR)$(PREFIX)/lib/systemd/system/hvsh-host.service

# The timing helper measures wall time in nanoseconds and peak RSS per run.
build/bench/timeit: tests/bench/timeit.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CSTD) $(WARN) -O2 -o $@ $<

# The tiny guest the hypervisor tests boot (scripts/make-test-guest.sh),
# cached in TEST_GUEST_DIR (empty: the script's default under
# $XDG_CACHE_HOME/hvsh); each boot prints its time under software emulation.
TEST_GUEST_DIR ?=

.PHONY: test-guest
test-guest:
	@dir=$$(sh scripts/make-test-guest.sh $(TEST_GUEST_DIR)) && echo "test guest: $$dir" && \
	work=$$(mktemp -d) && rc=0 && \
	for mode in kernel raw qcow2 vhd efi; do \
		sh tests/guest/boot.sh "$$dir" $$mode "$$work" || rc=1; \
	done; rm -rf "$$work"; exit $$rc

bench: build/bench/timeit
	@$(MAKE) --no-print-directory SANITIZE= hvsh
	@sh tests/bench/run.sh ./hvsh build/bench/timeit

$(FUZZ_BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_BUILD)/gen/about_topics.o: $(FUZZ_BUILD)/gen/about_topics.c
	$(FUZZ_CC) $(CPPFLAGS) -I. $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_LIB_OBJ)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_LIB_OBJ) \
		$(LDLIBS)

fuzz-build: $(FUZZ_BIN)

# Each target runs in its own directory build/fuzz/run-NAME, holding its
# corpus (seeded with the script tests) and crash artifacts, named with
# paths relative to it: the evaluator's target chroots into that directory.
fuzz: fuzz-build
	@test -n "$(FUZZ_BIN)" || { echo "no tests/fuzz/fuzz_*.c targets"; exit 1; }
	@failed=; for bin in $(FUZZ_BIN); do \
		name=$$(basename $$bin); dir=$(FUZZ_BUILD)/run-$$name; \
		mkdir -p $$dir/corpus $$dir/artifacts; \
		for f in tests/scripts/*.ps1; do \
			[ -e "$$f" ] || continue; \
			[ -e "$$dir/corpus/$$(basename $$f)" ] || cp "$$f" "$$dir/corpus/"; \
		done; \
		echo "fuzz: $$name for $(FUZZ_SECONDS) s"; \
		(cd $$dir && ASAN_OPTIONS=detect_leaks=1 \
			UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
			$(CURDIR)/$$bin -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
			-rss_limit_mb=4096 -close_fd_mask=3 -print_final_stats=1 \
			-artifact_prefix=artifacts/ corpus) || failed="$$failed $$name"; \
	done; \
	if [ -n "$$failed" ]; then echo "fuzz: failed:$$failed"; exit 1; fi

clean:
	rm -rf build hvsh

-include $(ENGINE_OBJ:.o=.d) $(LIB_OBJ:.o=.d) $(MAIN_OBJ:.o=.d) $(UNIT_BIN:=.d) $(GEN_DOCS:=.d) $(FUZZ_LIB_OBJ:.o=.d) $(FUZZ_BIN:=.d)
