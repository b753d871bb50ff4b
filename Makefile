# Build everything into build/. See README.md.
#   make            build the machine (build/s370) and tools
#   make check      every test: unit tests (also under ASan/UBSan), differential tests
#   make run        the default system (conf/default.cnf) in the built-in terminal
#   make bench      benchmarks against Hercules

CC      ?= cc
CFLAGS  ?= -O2 -g
override CFLAGS += -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -Is370
SANFLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
CHECK_LIBS := $(shell pkg-config --libs check 2>/dev/null || echo -lcheck -lsubunit -lm -lrt -pthread)
# The machine library's TN3270 server (devices/tn3270.c) uses libtelnet.
LIBS     := $(shell pkg-config --libs libtelnet 2>/dev/null || echo -ltelnet)
# The compressed DASD images (devices/cckd.c) need zlib and bzip2.
LIBS     += -lz -lbz2

B := build
# devices/rlconsole.c (the readline console), rlcomplete.c and devices/panel.c (the
# ncurses operator panel) go into build/s370 only;
# devices/dasd370.c is the volume tool's main program.
LIB_SRC  := $(filter-out s370/main.c devices/rlconsole.c devices/rlcomplete.c devices/panel.c devices/dasd370.c,$(wildcard s370/*.c) $(wildcard devices/*.c)) include/ebcdic.c
LIB_OBJ  := $(LIB_SRC:%.c=$(B)/obj/%.o)
SAN_OBJ  := $(LIB_SRC:%.c=$(B)/san/%.o)
HDRS     := $(wildcard s370/*.h s370/*.def include/*.h devices/*.h)
# The assembler (s370/asm/) is a library of its own, used by build/asm370
# and by the tests/check_asm*.c unit tests.
ASM_SRC  := $(filter-out s370/asm/main.c,$(wildcard s370/asm/*.c))
ASM_OBJ  := $(ASM_SRC:%.c=$(B)/obj/%.o)
ASM_SAN_OBJ := $(ASM_SRC:%.c=$(B)/san/%.o)
ASM_HDRS := $(wildcard s370/asm/*.h)
TEST_SRC := $(wildcard tests/check_*.c)
TESTS    := $(TEST_SRC:tests/%.c=$(B)/tests/%)
SAN_TESTS:= $(TEST_SRC:tests/%.c=$(B)/san-tests/%)
TEST_COMMON := $(wildcard tests/lib/*.c)
# Whole archive: every handler file is linked, whether or not an object
# before it in the archive refers to it (the dispatch tables do).
WHOLE    = -Wl,--whole-archive $(1) -Wl,--no-whole-archive

all: $(B)/s370 $(B)/asm370 $(B)/dasd370 $(B)/term3270 decks

# Objects carry both machine code (for the tests and tools) and the
# compiler's intermediate code, so that build/s370 is linked with
# link-time optimization: the instruction handlers, one function per
# opcode in their own files, are inlined into the run loop's dispatch.
LTOFLAGS = -flto -ffat-lto-objects
# Everything else links the machine code of the same objects.
NOLTO = -fno-lto

$(B)/obj/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(LIB_OBJ) $(B)/obj/s370/main.o $(B)/obj/devices/rlconsole.o $(B)/obj/devices/rlcomplete.o $(B)/obj/devices/panel.o: $(B)/obj/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LTOFLAGS) -c -o $@ $<

$(B)/san/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(SANFLAGS) -c -o $@ $<

$(B)/libs370.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/libs370-san.a: $(SAN_OBJ)
	@rm -f $@
	ar rcs $@ $^

CONSOLE_OBJ := $(B)/obj/devices/rlconsole.o $(B)/obj/devices/rlcomplete.o $(B)/obj/devices/panel.o
CURSES_LIBS := $(shell pkg-config --libs ncursesw 2>/dev/null || echo -lncursesw -ltinfo)
$(B)/s370: $(B)/obj/s370/main.o $(CONSOLE_OBJ) $(LIB_OBJ)
	$(CC) $(CFLAGS) -flto=2 -o $@ $(B)/obj/s370/main.o $(CONSOLE_OBJ) $(LIB_OBJ) -lreadline $(CURSES_LIBS) $(LIBS)

# The volume tool (docs/dasd370.md).
$(B)/dasd370: $(B)/obj/devices/dasd370.o $(B)/libs370.a
	$(CC) $(CFLAGS) $(NOLTO) -o $@ $^ $(LIBS)

# Standalone programs (decks/*.asm, docs/dasd370.md) as flat images.
DECKS := $(patsubst decks/%.asm,$(B)/decks/%.bin,$(wildcard decks/*.asm))
decks: $(DECKS)
$(B)/decks/%.bin: decks/%.asm $(wildcard decks/*.cpy) $(B)/asm370
	@mkdir -p $(dir $@)
	$(B)/asm370 -I decks -f bin -o $@ -l $(B)/decks/$*.lst $<

$(ASM_OBJ) $(ASM_SAN_OBJ) $(B)/obj/s370/asm/main.o: $(ASM_HDRS)

$(B)/libasm370.a: $(ASM_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/libasm370-san.a: $(ASM_SAN_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/asm370: $(B)/obj/s370/asm/main.o $(B)/libasm370.a $(B)/libs370.a
	$(CC) $(CFLAGS) $(NOLTO) -o $@ $^ $(LIBS) -lm

# The built-in TN3270 terminal: the only program that needs ncurses and libtelnet.
TERM_LIBS := $(CURSES_LIBS) -ltelnet
$(B)/term3270: $(B)/obj/devices/term/term3270.o $(B)/libs370.a
	$(CC) $(CFLAGS) $(NOLTO) -o $@ $^ $(TERM_LIBS) $(LIBS)

# A scripted TN3270 host for tests/system/term3270.sh.
$(B)/tests/tnfake: tests/tools/tnfake.c $(B)/libs370.a $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(NOLTO) -o $@ $< $(B)/libs370.a $(LIBS)

# Assembler unit tests (tests/check_asm*.c) link the assembler library too.
ASM_TESTS     := $(filter $(B)/tests/check_asm%,$(TESTS))
ASM_SAN_TESTS := $(filter $(B)/san-tests/check_asm%,$(SAN_TESTS))
$(ASM_TESTS): $(B)/tests/%: tests/%.c $(TEST_COMMON) $(B)/libasm370.a $(B)/libs370.a $(HDRS) $(ASM_HDRS) tests/lib/*.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(NOLTO) -Itests/lib -Is370/asm -o $@ $< $(TEST_COMMON) $(B)/libasm370.a $(B)/libs370.a $(CHECK_LIBS) $(LIBS) -lm

$(ASM_SAN_TESTS): $(B)/san-tests/%: tests/%.c $(TEST_COMMON) $(B)/libasm370-san.a $(B)/libs370-san.a $(HDRS) $(ASM_HDRS) tests/lib/*.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(SANFLAGS) -Itests/lib -Is370/asm -o $@ $< $(TEST_COMMON) $(B)/libasm370-san.a $(B)/libs370-san.a $(CHECK_LIBS) $(LIBS) -lm

$(B)/tests/%: tests/%.c $(TEST_COMMON) $(B)/libs370.a $(HDRS) tests/lib/*.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(NOLTO) -Itests/lib -o $@ $< $(TEST_COMMON) $(call WHOLE,$(B)/libs370.a) $(CHECK_LIBS) $(LIBS)

$(B)/san-tests/%: tests/%.c $(TEST_COMMON) $(B)/libs370-san.a $(HDRS) tests/lib/*.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(SANFLAGS) -Itests/lib -o $@ $< $(TEST_COMMON) $(call WHOLE,$(B)/libs370-san.a) $(CHECK_LIBS) $(LIBS)

check: all unit-tests san-tests system-tests

unit-tests: $(TESTS)
	@tests/run-unit.sh $(TESTS)

san-tests: $(SAN_TESTS)
	@tests/run-unit.sh $(SAN_TESTS)

system-tests: all $(B)/tests/tnfake
	@tests/run-system.sh

bench: all
	@tests/bench/run.sh

# The default system (conf/default.cnf) with the built-in terminal on it.
run: all
	@conf/run.sh

clean:
	rm -rf $(B)

.PHONY: all decks check unit-tests san-tests system-tests bench run clean
.SECONDARY:
