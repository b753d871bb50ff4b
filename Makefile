# Build everything into build/. See README.md.
#   make            build the machine (build/s370) and tools
#   make check      every test: unit tests (also under ASan/UBSan), differential tests
#   make bench      benchmarks against Hercules

CC      ?= cc
CFLAGS  ?= -O2 -g
override CFLAGS += -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -Is370
SANFLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
CHECK_LIBS := $(shell pkg-config --libs check 2>/dev/null || echo -lcheck -lsubunit -lm -lrt -pthread)

B := build
LIB_SRC  := $(filter-out s370/main.c,$(wildcard s370/*.c)) $(wildcard devices/*.c) include/ebcdic.c
LIB_OBJ  := $(LIB_SRC:%.c=$(B)/obj/%.o)
SAN_OBJ  := $(LIB_SRC:%.c=$(B)/san/%.o)
HDRS     := $(wildcard s370/*.h s370/*.def include/*.h)
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

all: $(B)/s370 $(B)/asm370

$(B)/obj/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(B)/san/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(SANFLAGS) -c -o $@ $<

$(B)/libs370.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/libs370-san.a: $(SAN_OBJ)
	@rm -f $@
	ar rcs $@ $^

# The compressed DASD images (devices/cckd.c) need zlib and bzip2.
LIBS     := -lz -lbz2

$(B)/s370: $(B)/obj/s370/main.o $(B)/libs370.a
	$(CC) $(CFLAGS) -o $@ $(B)/obj/s370/main.o $(call WHOLE,$(B)/libs370.a) $(LIBS)

$(ASM_OBJ) $(ASM_SAN_OBJ) $(B)/obj/s370/asm/main.o: $(ASM_HDRS)

$(B)/libasm370.a: $(ASM_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/libasm370-san.a: $(ASM_SAN_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/asm370: $(B)/obj/s370/asm/main.o $(B)/libasm370.a $(B)/libs370.a
	$(CC) $(CFLAGS) -o $@ $^ $(LIBS) -lm

# Assembler unit tests (tests/check_asm*.c) link the assembler library too.
ASM_TESTS     := $(filter $(B)/tests/check_asm%,$(TESTS))
ASM_SAN_TESTS := $(filter $(B)/san-tests/check_asm%,$(SAN_TESTS))
$(ASM_TESTS): $(B)/tests/%: tests/%.c $(TEST_COMMON) $(B)/libasm370.a $(B)/libs370.a $(HDRS) $(ASM_HDRS) tests/lib/*.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests/lib -Is370/asm -o $@ $< $(TEST_COMMON) $(B)/libasm370.a $(B)/libs370.a $(LIBS) $(CHECK_LIBS) -lm

$(ASM_SAN_TESTS): $(B)/san-tests/%: tests/%.c $(TEST_COMMON) $(B)/libasm370-san.a $(B)/libs370-san.a $(HDRS) $(ASM_HDRS) tests/lib/*.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(SANFLAGS) -Itests/lib -Is370/asm -o $@ $< $(TEST_COMMON) $(B)/libasm370-san.a $(B)/libs370-san.a $(LIBS) $(CHECK_LIBS) -lm

$(B)/tests/%: tests/%.c $(TEST_COMMON) $(B)/libs370.a $(HDRS) tests/lib/*.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests/lib -o $@ $< $(TEST_COMMON) $(call WHOLE,$(B)/libs370.a) $(LIBS) $(CHECK_LIBS)

$(B)/san-tests/%: tests/%.c $(TEST_COMMON) $(B)/libs370-san.a $(HDRS) tests/lib/*.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(SANFLAGS) -Itests/lib -o $@ $< $(TEST_COMMON) $(call WHOLE,$(B)/libs370-san.a) $(LIBS) $(CHECK_LIBS)

check: all unit-tests san-tests system-tests

unit-tests: $(TESTS)
	@tests/run-unit.sh $(TESTS)

san-tests: $(SAN_TESTS)
	@tests/run-unit.sh $(SAN_TESTS)

system-tests: all
	@tests/run-system.sh

bench: all
	@tests/bench/run.sh

clean:
	rm -rf $(B)

.PHONY: all check unit-tests san-tests system-tests bench clean
.SECONDARY:
