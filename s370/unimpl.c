/*
 * unimpl.c - weak placeholders for handlers not written yet, so the tree
 * builds while instruction groups land one by one. A placeholder raises an
 * operation exception and counts itself; the opcode coverage test fails
 * while any remains. This file goes once every handler exists.
 */
#include "ops.h"

unsigned unimpl_hits;

#define OP(code, mn, fmt, cls)                                        \
    __attribute__((weak)) void op_##mn(struct cpu *c, const uint8_t *ip) \
    {                                                                  \
        (void)ip;                                                      \
        unimpl_hits++;                                                 \
        cpu_program_check(c, PGM_OPERATION);                           \
    }
#define OP2(code, ext, mn, fmt, cls) OP(code, mn, fmt, cls)
#include "opcodes.def"
