/*
 * ops.h - instruction handlers, one per row of opcodes.def.
 * Handler files follow the PoO chapters: general.c, decimal.c, float.c,
 * control.c, io.c.  Each handler gets the CPU and a pointer to the
 * instruction's bytes (2, 4 or 6 of them).
 */
#ifndef S370_OPS_H
#define S370_OPS_H
#include "cpu.h"

typedef void op_fn(struct cpu *c, const uint8_t *ip);

/* The frequent, short instructions: with link-time optimization (build/s370)
   the run loop expands them in place instead of calling them, which saves
   the call and lets the loop keep its registers. The definitions stay
   ordinary external functions for the dispatch tables and the tests. */
#define HOT inline __attribute__((always_inline))

#define OP(code, mn, fmt, cls) op_fn op_##mn;
#define OP2(code, ext, mn, fmt, cls) op_fn op_##mn;
#include "opcodes.def"

enum op_format { RR, RR_R1, RR_I, RR_M, RX, RX_M, RS, RS_SH, RS_M, SI, S, S0, SS_L, SS_LL, SS_I };
enum op_class { GEN, DEC, FP, CTL, IO };

struct opinfo {
    uint16_t code;          /* opcode, or opcode << 8 | ext for two-byte opcodes */
    bool twobyte;
    const char *mnemonic;
    enum op_format format;
    enum op_class class;
    op_fn *handler;
};

/* The table in the order of opcodes.def, terminated by a NULL mnemonic. */
extern const struct opinfo op_table[];
/* Look an instruction up by its first two bytes; NULL if the opcode is invalid. */
const struct opinfo *op_lookup(const uint8_t *ip);

/* Execute one instruction at ip (the target of EXECUTE). */
void cpu_execute_insn(struct cpu *c, const uint8_t *ip);

/* Condition-code helpers shared by the handler files. */
static inline void cc_signed(struct cpu *c, int32_t v) { c->psw.cc = v == 0 ? 0 : v < 0 ? 1 : 2; }

/* The fixed-point-overflow program mask bit is PSW bit 36 (pgmmask 8). */
static inline void fixed_overflow(struct cpu *c)
{
    c->psw.cc = 3;
    if (c->psw.pgmmask & 8) cpu_program_check(c, PGM_FIXED_OVERFLOW);
}

#endif
