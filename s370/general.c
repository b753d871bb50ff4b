/*
 * general.c - the general instructions (GA22-7000 chapter 7), except STCK.
 *
 * Binary arithmetic, logical operations, branching, shifting, moving and
 * comparing storage, EXECUTE, SUPERVISOR CALL and MONITOR CALL.
 * Conventions (cpu.h): on entry c->psw.ia points past the instruction and
 * c->ilc holds its length code; an exception leaves through
 * cpu_program_check() and must come before anything is changed, except
 * where the PoO lets the instruction complete (fixed-point overflow stores
 * the result first) or is interruptible (MVCL, CLCL).
 */
#include "ops.h"
#include "branch.h"

/* ---------------------------------------------------------------------- */
/* Helpers.                                                                */

/* Signed add/subtract with the overflow rule of ADD (PoO, "Add"): the result
   is stored even on overflow, then cc 3 and the interruption if enabled. */
static inline void add_signed(struct cpu *c, unsigned r1, uint32_t b)
{
    uint32_t a = c->gr[r1], s = a + b;
    c->gr[r1] = s;
    if (unlikely((int32_t)(~(a ^ b) & (a ^ s)) < 0)) fixed_overflow(c);
    else cc_signed(c, (int32_t)s);
}

static inline void sub_signed(struct cpu *c, unsigned r1, uint32_t b)
{
    uint32_t a = c->gr[r1], s = a - b;
    c->gr[r1] = s;
    if (unlikely((int32_t)((a ^ b) & (a ^ s)) < 0)) fixed_overflow(c);
    else cc_signed(c, (int32_t)s);
}

/* ADD LOGICAL: cc 0 zero, 1 not zero, +2 with a carry out of bit 0. */
static inline void add_logical(struct cpu *c, unsigned r1, uint32_t b)
{
    uint32_t a = c->gr[r1], s = a + b;
    c->gr[r1] = s;
    c->psw.cc = (s != 0) | (s < a) << 1;
}

/* SUBTRACT LOGICAL adds the ones complement and one: carry means no borrow. */
static inline void sub_logical(struct cpu *c, unsigned r1, uint32_t b)
{
    uint32_t a = c->gr[r1], s = a - b;
    c->gr[r1] = s;
    c->psw.cc = (s != 0) | (a >= b) << 1;
}

static inline void cmp_signed(struct cpu *c, int32_t a, int32_t b)
{
    c->psw.cc = a == b ? 0 : a < b ? 1 : 2;
}

static inline void cmp_logical(struct cpu *c, uint32_t a, uint32_t b)
{
    c->psw.cc = a == b ? 0 : a < b ? 1 : 2;
}

static inline void branch(struct cpu *c, uint32_t addr)
{
    c->psw.ia = addr & AMASK;
}

/* Registers designated as an even-odd pair must have an even number. */
static inline void even_check(struct cpu *c, unsigned r)
{
    spec_check(c, r & 1);
}

static inline uint64_t pair(const struct cpu *c, unsigned r)
{
    return (uint64_t)c->gr[r] << 32 | c->gr[r + 1];
}

static inline void set_pair(struct cpu *c, unsigned r, uint64_t v)
{
    c->gr[r] = (uint32_t)(v >> 32);
    c->gr[r + 1] = (uint32_t)v;
}

/* DIVIDE (PoO, "Divide"): 64-bit dividend in r1,r1+1; remainder to r1, quotient
   to r1+1. A zero divisor or a quotient beyond 32 bits is a fixed-point
   divide exception and the operation is suppressed. */
static inline void divide(struct cpu *c, unsigned r1, int32_t d)
{
    even_check(c, r1);
    int64_t n = (int64_t)pair(c, r1);
    if (d == 0 || (d == -1 && n == INT64_MIN)) cpu_program_check(c, PGM_FIXED_DIVIDE);
    int64_t q, r;
    if (n == (int32_t)n && n != INT32_MIN) {
        /* the usual case: a dividend that fits in a word divides faster in 32 bits */
        q = (int32_t)n / d;
        r = (int32_t)n % d;
    } else {
        q = n / d;
        r = n % d;
        if (q < INT32_MIN || q > INT32_MAX) cpu_program_check(c, PGM_FIXED_DIVIDE);
    }
    c->gr[r1] = (uint32_t)r;
    c->gr[r1 + 1] = (uint32_t)q;
}

/* ---------------------------------------------------------------------- */
/* RR instructions.                                                        */

/* 04 SPM - Set Program Mask (RR) */
void op_SPM(struct cpu *c, const uint8_t *ip)
{
    uint32_t v = c->gr[R1(ip)];
    c->psw.cc = (v >> 28) & 3;
    c->psw.pgmmask = (v >> 24) & 15;
}

/* 05 BALR - Branch and Link Register (RR) */
void op_BALR(struct cpu *c, const uint8_t *ip)
{
    do_BALR(c, ip);
}

/* 06 BCTR - Branch on Count Register (RR) */
void op_BCTR(struct cpu *c, const uint8_t *ip)
{
    do_BCTR(c, ip);
}

/* 07 BCR - Branch on Condition Register (RR); BCR 15,0 only serializes */
void op_BCR(struct cpu *c, const uint8_t *ip)
{
    do_BCR(c, ip);
}

/* 0A SVC - Supervisor Call (RR) */
void op_SVC(struct cpu *c, const uint8_t *ip)
{
    if (c->psw.ec) {
        uint8_t *p = rptr(c, PSA_SVC_ILC - 1, 4);   /* X'88'-X'8B' */
        p[0] = 0;
        p[PSA_SVC_ILC - 0x88] = (uint8_t)(c->ilc << 1);
        put16(p + (PSA_SVC_CODE - 0x88), ip[1]);
    }
    cpu_interrupt(c, PSA_SVC_OLD, ip[1], c->ilc);
}

/* Commit the MVCL/CLCL operand registers: addresses get bits 0-7 zero,
   lengths keep bits 0-7 (the padding byte). */
static void long_regs(struct cpu *c, unsigned r1, unsigned r2,
                      uint32_t a1, uint32_t l1, uint32_t a2, uint32_t l2)
{
    c->gr[r1] = a1 & AMASK;
    c->gr[r1 + 1] = (c->gr[r1 + 1] & ~AMASK) | l1;
    c->gr[r2] = a2 & AMASK;
    c->gr[r2 + 1] = (c->gr[r2 + 1] & ~AMASK) | l2;
}

/* MVCL and CLCL run in units of at most one 2K block of each operand.
   After this many units, or earlier when an interruption is due, they stop
   with the registers updated and the PSW pointing back at the instruction
   (at EXECUTE), so it resumes after the interruption (PoO chapter 5,
   "Interruptible Instructions"). */
#define LONG_UNITS 64

static bool long_interrupt(struct cpu *c, unsigned *units)
{
    if (++*units < LONG_UNITS && c->insns < c->event_at) return false;
    c->psw.ia = (c->psw.ia - 2u * c->ilc) & AMASK;
    return true;
}

static inline uint32_t block_left(uint32_t a)
{
    return BLOCK_SIZE - (a & (BLOCK_SIZE - 1));
}

/* 0E MVCL - Move Long (RR) */
void op_MVCL(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = R1(ip), r2 = R2(ip);
    spec_check(c, (r1 | r2) & 1);
    uint32_t a1 = c->gr[r1] & AMASK, l1 = c->gr[r1 + 1] & AMASK;
    uint32_t a2 = c->gr[r2] & AMASK, l2 = c->gr[r2 + 1] & AMASK;
    uint8_t pad = c->gr[r2 + 1] >> 24;

    /* Destructive overlap (PoO, "Move Long"): the first operand starts inside the
       participating second-operand bytes, not at the leftmost one. With
       the 24-bit wrap, "inside" is a distance 1..n-1 mod 2^24. */
    uint32_t n = l1 < l2 ? l1 : l2, dist = (a1 - a2) & AMASK;
    if (dist != 0 && dist < n) {
        c->psw.cc = 3;   /* no movement; registers unchanged */
        return;
    }
    c->psw.cc = l1 == l2 ? 0 : l1 < l2 ? 1 : 2;
    unsigned units = 0;
    while (l1) {
        uint32_t k = block_left(a1);
        if (k > l1) k = l1;
        uint8_t *p1 = vptr_w(c, a1);
        if (l2) {
            if (k > block_left(a2)) k = block_left(a2);
            if (k > l2) k = l2;
            /* Not destructive, so a forward byte copy equals memmove. */
            memmove(p1, vptr_r(c, a2), k);
            a2 = (a2 + k) & AMASK;
            l2 -= k;
        } else {
            memset(p1, pad, k);
        }
        a1 = (a1 + k) & AMASK;
        l1 -= k;
        long_regs(c, r1, r2, a1, l1, a2, l2);
        if (l1 && long_interrupt(c, &units)) return;
    }
    long_regs(c, r1, r2, a1, l1, a2, l2);
}

/* 0F CLCL - Compare Logical Long (RR); the padding byte is in r2+1 bits 0-7 */
void op_CLCL(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = R1(ip), r2 = R2(ip);
    spec_check(c, (r1 | r2) & 1);
    uint32_t a1 = c->gr[r1] & AMASK, l1 = c->gr[r1 + 1] & AMASK;
    uint32_t a2 = c->gr[r2] & AMASK, l2 = c->gr[r2 + 1] & AMASK;
    uint8_t pad = c->gr[r2 + 1] >> 24;
    unsigned units = 0;

    c->psw.cc = 0;
    while (l1 || l2) {
        /* One unit: up to the end of the current block of each operand
           still being fetched. */
        uint32_t k = l1 > l2 ? l1 : l2;
        const uint8_t *p1 = NULL, *p2 = NULL;
        if (l1) {
            if (k > block_left(a1)) k = block_left(a1);
            if (k > l1) k = l1;
            p1 = vptr_r(c, a1);
        }
        if (l2) {
            if (k > block_left(a2)) k = block_left(a2);
            if (k > l2) k = l2;
            p2 = vptr_r(c, a2);
        }
        uint32_t i = 0;
        int diff = 0;
        for (; i < k; i++) {
            uint8_t b1 = p1 ? p1[i] : pad, b2 = p2 ? p2[i] : pad;
            if (b1 != b2) {
                diff = b1 < b2 ? 1 : 2;
                break;
            }
        }
        if (l1) { a1 = (a1 + i) & AMASK; l1 -= i; }
        if (l2) { a2 = (a2 + i) & AMASK; l2 -= i; }
        long_regs(c, r1, r2, a1, l1, a2, l2);
        if (diff) {
            c->psw.cc = (uint8_t)diff;
            return;
        }
        if ((l1 || l2) && long_interrupt(c, &units)) return;
    }
    long_regs(c, r1, r2, a1, l1, a2, l2);
}

/* 10 LPR - Load Positive Register (RR) */
HOT void op_LPR(struct cpu *c, const uint8_t *ip)
{
    int32_t v = (int32_t)c->gr[R2(ip)];
    if (unlikely(v == INT32_MIN)) {
        c->gr[R1(ip)] = (uint32_t)v;   /* the maximum negative number stays */
        fixed_overflow(c);
        return;
    }
    if (v < 0) v = -v;
    c->gr[R1(ip)] = (uint32_t)v;
    c->psw.cc = v != 0 ? 2 : 0;
}

/* 11 LNR - Load Negative Register (RR) */
HOT void op_LNR(struct cpu *c, const uint8_t *ip)
{
    uint32_t v = c->gr[R2(ip)];
    if ((int32_t)v > 0) v = -v;
    c->gr[R1(ip)] = v;
    c->psw.cc = v != 0;
}

/* 12 LTR - Load and Test Register (RR) */
HOT void op_LTR(struct cpu *c, const uint8_t *ip)
{
    uint32_t v = c->gr[R2(ip)];
    c->gr[R1(ip)] = v;
    cc_signed(c, (int32_t)v);
}

/* 13 LCR - Load Complement Register (RR) */
HOT void op_LCR(struct cpu *c, const uint8_t *ip)
{
    uint32_t v = c->gr[R2(ip)];
    c->gr[R1(ip)] = -v;
    if (unlikely(v == 0x80000000u)) fixed_overflow(c);
    else cc_signed(c, (int32_t)-v);
}

/* 14 NR - And Register (RR) */
HOT void op_NR(struct cpu *c, const uint8_t *ip)
{
    c->psw.cc = (c->gr[R1(ip)] &= c->gr[R2(ip)]) != 0;
}

/* 15 CLR - Compare Logical Register (RR) */
HOT void op_CLR(struct cpu *c, const uint8_t *ip)
{
    cmp_logical(c, c->gr[R1(ip)], c->gr[R2(ip)]);
}

/* 16 OR - Or Register (RR) */
HOT void op_OR(struct cpu *c, const uint8_t *ip)
{
    c->psw.cc = (c->gr[R1(ip)] |= c->gr[R2(ip)]) != 0;
}

/* 17 XR - Exclusive Or Register (RR) */
HOT void op_XR(struct cpu *c, const uint8_t *ip)
{
    c->psw.cc = (c->gr[R1(ip)] ^= c->gr[R2(ip)]) != 0;
}

/* 18 LR - Load Register (RR) */
HOT void op_LR(struct cpu *c, const uint8_t *ip)
{
    c->gr[R1(ip)] = c->gr[R2(ip)];
}

/* 19 CR - Compare Register (RR) */
HOT void op_CR(struct cpu *c, const uint8_t *ip)
{
    cmp_signed(c, (int32_t)c->gr[R1(ip)], (int32_t)c->gr[R2(ip)]);
}

/* 1A AR - Add Register (RR) */
HOT void op_AR(struct cpu *c, const uint8_t *ip)
{
    add_signed(c, R1(ip), c->gr[R2(ip)]);
}

/* 1B SR - Subtract Register (RR) */
HOT void op_SR(struct cpu *c, const uint8_t *ip)
{
    sub_signed(c, R1(ip), c->gr[R2(ip)]);
}

/* 1C MR - Multiply Register (RR); multiplicand in r1+1, product in r1,r1+1 */
HOT void op_MR(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = R1(ip);
    even_check(c, r1);
    int64_t p = (int64_t)(int32_t)c->gr[r1 + 1] * (int32_t)c->gr[R2(ip)];
    set_pair(c, r1, (uint64_t)p);
}

/* 1D DR - Divide Register (RR) */
HOT void op_DR(struct cpu *c, const uint8_t *ip)
{
    divide(c, R1(ip), (int32_t)c->gr[R2(ip)]);
}

/* 1E ALR - Add Logical Register (RR) */
HOT void op_ALR(struct cpu *c, const uint8_t *ip)
{
    add_logical(c, R1(ip), c->gr[R2(ip)]);
}

/* 1F SLR - Subtract Logical Register (RR) */
HOT void op_SLR(struct cpu *c, const uint8_t *ip)
{
    sub_logical(c, R1(ip), c->gr[R2(ip)]);
}

/* ---------------------------------------------------------------------- */
/* RX instructions.                                                        */

/* 40 STH - Store Halfword (RX) */
HOT void op_STH(struct cpu *c, const uint8_t *ip)
{
    vstore2(c, ea_rx(c, ip), (uint16_t)c->gr[R1(ip)]);
}

/* 41 LA - Load Address (RX); bits 0-7 of r1 become zero */
HOT void op_LA(struct cpu *c, const uint8_t *ip)
{
    c->gr[R1(ip)] = ea_rx(c, ip);
}

/* 42 STC - Store Character (RX) */
HOT void op_STC(struct cpu *c, const uint8_t *ip)
{
    vstore1(c, ea_rx(c, ip), (uint8_t)c->gr[R1(ip)]);
}

/* 43 IC - Insert Character (RX) */
HOT void op_IC(struct cpu *c, const uint8_t *ip)
{
    uint8_t b = vfetch1(c, ea_rx(c, ip));
    c->gr[R1(ip)] = (c->gr[R1(ip)] & 0xFFFFFF00u) | b;
}

/* 44 EX - Execute (RX). The target runs with the ILC and updated IA of
   EXECUTE (PoO, "Execute"); bits 8-15 of the target are ORed with r1 bits 24-31. */
void op_EX(struct cpu *c, const uint8_t *ip)
{
    uint32_t a = ea_rx(c, ip);
    spec_check(c, a & 1);
    uint8_t t[6];
    unsigned h = vfetch2(c, a);   /* even: cannot cross a block */
    t[0] = h >> 8;
    t[1] = (uint8_t)h;
    unsigned len = insn_length(t[0]);
    for (unsigned i = 2; i < len; i += 2) {
        unsigned w = vfetch2(c, (a + i) & AMASK);
        t[i] = w >> 8;
        t[i + 1] = (uint8_t)w;
    }
    if (t[0] == 0x44) cpu_program_check(c, PGM_EXECUTE);
    if (R1(ip)) t[1] |= (uint8_t)c->gr[R1(ip)];
    c->in_ex = true;
    cpu_execute_insn(c, t);
    c->in_ex = false;
}

/* 45 BAL - Branch and Link (RX) */
void op_BAL(struct cpu *c, const uint8_t *ip)
{
    do_BAL(c, ip);
}

/* 46 BCT - Branch on Count (RX); the address is formed before counting */
void op_BCT(struct cpu *c, const uint8_t *ip)
{
    do_BCT(c, ip);
}

/* 47 BC - Branch on Condition (RX) */
void op_BC(struct cpu *c, const uint8_t *ip)
{
    do_BC(c, ip);
}

/* 48 LH - Load Halfword (RX) */
HOT void op_LH(struct cpu *c, const uint8_t *ip)
{
    c->gr[R1(ip)] = (uint32_t)(int16_t)vfetch2(c, ea_rx(c, ip));
}

/* 49 CH - Compare Halfword (RX) */
HOT void op_CH(struct cpu *c, const uint8_t *ip)
{
    cmp_signed(c, (int32_t)c->gr[R1(ip)], (int16_t)vfetch2(c, ea_rx(c, ip)));
}

/* 4A AH - Add Halfword (RX) */
HOT void op_AH(struct cpu *c, const uint8_t *ip)
{
    add_signed(c, R1(ip), (uint32_t)(int16_t)vfetch2(c, ea_rx(c, ip)));
}

/* 4B SH - Subtract Halfword (RX) */
HOT void op_SH(struct cpu *c, const uint8_t *ip)
{
    sub_signed(c, R1(ip), (uint32_t)(int16_t)vfetch2(c, ea_rx(c, ip)));
}

/* 4C MH - Multiply Halfword (RX); low 32 bits kept, no overflow indication */
HOT void op_MH(struct cpu *c, const uint8_t *ip)
{
    int32_t h = (int16_t)vfetch2(c, ea_rx(c, ip));
    unsigned r1 = R1(ip);
    c->gr[r1] = (uint32_t)((int64_t)(int32_t)c->gr[r1] * h);
}

/* 50 ST - Store (RX) */
HOT void op_ST(struct cpu *c, const uint8_t *ip)
{
    vstore4(c, ea_rx(c, ip), c->gr[R1(ip)]);
}

/* 54 N - And (RX) */
HOT void op_N(struct cpu *c, const uint8_t *ip)
{
    uint32_t v = vfetch4(c, ea_rx(c, ip));
    c->psw.cc = (c->gr[R1(ip)] &= v) != 0;
}

/* 55 CL - Compare Logical (RX) */
HOT void op_CL(struct cpu *c, const uint8_t *ip)
{
    cmp_logical(c, c->gr[R1(ip)], vfetch4(c, ea_rx(c, ip)));
}

/* 56 O - Or (RX) */
HOT void op_O(struct cpu *c, const uint8_t *ip)
{
    uint32_t v = vfetch4(c, ea_rx(c, ip));
    c->psw.cc = (c->gr[R1(ip)] |= v) != 0;
}

/* 57 X - Exclusive Or (RX) */
HOT void op_X(struct cpu *c, const uint8_t *ip)
{
    uint32_t v = vfetch4(c, ea_rx(c, ip));
    c->psw.cc = (c->gr[R1(ip)] ^= v) != 0;
}

/* 58 L - Load (RX) */
HOT void op_L(struct cpu *c, const uint8_t *ip)
{
    c->gr[R1(ip)] = vfetch4(c, ea_rx(c, ip));
}

/* 59 C - Compare (RX) */
HOT void op_C(struct cpu *c, const uint8_t *ip)
{
    cmp_signed(c, (int32_t)c->gr[R1(ip)], (int32_t)vfetch4(c, ea_rx(c, ip)));
}

/* 5A A - Add (RX) */
HOT void op_A(struct cpu *c, const uint8_t *ip)
{
    add_signed(c, R1(ip), vfetch4(c, ea_rx(c, ip)));
}

/* 5B S - Subtract (RX) */
HOT void op_S(struct cpu *c, const uint8_t *ip)
{
    sub_signed(c, R1(ip), vfetch4(c, ea_rx(c, ip)));
}

/* 5C M - Multiply (RX) */
void op_M(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = R1(ip);
    even_check(c, r1);
    int32_t m = (int32_t)vfetch4(c, ea_rx(c, ip));
    set_pair(c, r1, (uint64_t)((int64_t)(int32_t)c->gr[r1 + 1] * m));
}

/* 5D D - Divide (RX) */
void op_D(struct cpu *c, const uint8_t *ip)
{
    even_check(c, R1(ip));   /* specification is recognized before access */
    divide(c, R1(ip), (int32_t)vfetch4(c, ea_rx(c, ip)));
}

/* 5E AL - Add Logical (RX) */
HOT void op_AL(struct cpu *c, const uint8_t *ip)
{
    add_logical(c, R1(ip), vfetch4(c, ea_rx(c, ip)));
}

/* 5F SL - Subtract Logical (RX) */
HOT void op_SL(struct cpu *c, const uint8_t *ip)
{
    sub_logical(c, R1(ip), vfetch4(c, ea_rx(c, ip)));
}

/* ---------------------------------------------------------------------- */
/* RS instructions: branch on index, shifts, multiple registers.           */

/* BXH/BXLE: add the increment (r3) to r1 and tell whether the sum is above
   the comparand, the odd register of r3's pair, taken before r1 changes
   (r1 may be that register). */
static inline bool index_sum_high(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = R1(ip), r3 = R3(ip);
    int32_t comp = (int32_t)c->gr[r3 | 1];
    int32_t sum = (int32_t)(c->gr[r1] + c->gr[r3]);
    c->gr[r1] = (uint32_t)sum;
    return sum > comp;
}

/* 86 BXH - Branch on Index High (RS) */
void op_BXH(struct cpu *c, const uint8_t *ip)
{
    uint32_t target = ea_bd(c, ip + 2);   /* before r1 changes */
    if (index_sum_high(c, ip)) branch(c, target);
}

/* 87 BXLE - Branch on Index Low or Equal (RS) */
void op_BXLE(struct cpu *c, const uint8_t *ip)
{
    uint32_t target = ea_bd(c, ip + 2);
    if (!index_sum_high(c, ip)) branch(c, target);
}

/* The shift amount is the low six bits of the second-operand address. */
static inline unsigned shift_amount(const struct cpu *c, const uint8_t *ip)
{
    return ea_bd(c, ip + 2) & 63;
}

/* 88 SRL - Shift Right Single Logical (RS) */
HOT void op_SRL(struct cpu *c, const uint8_t *ip)
{
    unsigned n = shift_amount(c, ip);
    c->gr[R1(ip)] = n > 31 ? 0 : c->gr[R1(ip)] >> n;
}

/* 89 SLL - Shift Left Single Logical (RS) */
HOT void op_SLL(struct cpu *c, const uint8_t *ip)
{
    unsigned n = shift_amount(c, ip);
    c->gr[R1(ip)] = n > 31 ? 0 : c->gr[R1(ip)] << n;
}

/* 8A SRA - Shift Right Single (RS) */
HOT void op_SRA(struct cpu *c, const uint8_t *ip)
{
    unsigned n = shift_amount(c, ip);
    int32_t v = (int32_t)c->gr[R1(ip)] >> (n > 31 ? 31 : n);
    c->gr[R1(ip)] = (uint32_t)v;
    cc_signed(c, v);
}

/* Arithmetic left shift of a bits-wide signed value (PoO, "Shift Left Single"): the sign
   stays, numeric bits shift out; a shifted-out bit unlike the sign is an
   overflow. Returns the result; *ovf tells about the overflow. */
static uint64_t shift_left_arith(uint64_t v, unsigned bits, unsigned n, bool *ovf)
{
    uint64_t sign = 1ull << (bits - 1), num = sign - 1;
    uint64_t lost = n >= bits - 1 ? num : num & ~(num >> n);
    *ovf = (v & lost) != ((v & sign) ? lost : 0);
    uint64_t shifted = n >= bits - 1 ? 0 : (v << n) & num;
    return (v & sign) | shifted;
}

/* 8B SLA - Shift Left Single (RS) */
HOT void op_SLA(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = R1(ip), n = shift_amount(c, ip);
    bool ovf;
    uint32_t v = (uint32_t)shift_left_arith(c->gr[r1], 32, n, &ovf);
    c->gr[r1] = v;
    if (ovf) fixed_overflow(c);
    else cc_signed(c, (int32_t)v);
}

/* 8C SRDL - Shift Right Double Logical (RS) */
HOT void op_SRDL(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = R1(ip), n = shift_amount(c, ip);
    even_check(c, r1);
    set_pair(c, r1, pair(c, r1) >> n);
}

/* 8D SLDL - Shift Left Double Logical (RS) */
HOT void op_SLDL(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = R1(ip), n = shift_amount(c, ip);
    even_check(c, r1);
    set_pair(c, r1, pair(c, r1) << n);
}

/* 8E SRDA - Shift Right Double (RS) */
HOT void op_SRDA(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = R1(ip), n = shift_amount(c, ip);
    even_check(c, r1);
    int64_t v = (int64_t)pair(c, r1) >> n;
    set_pair(c, r1, (uint64_t)v);
    c->psw.cc = v == 0 ? 0 : v < 0 ? 1 : 2;
}

/* 8F SLDA - Shift Left Double (RS) */
HOT void op_SLDA(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = R1(ip), n = shift_amount(c, ip);
    even_check(c, r1);
    bool ovf;
    uint64_t v = shift_left_arith(pair(c, r1), 64, n, &ovf);
    set_pair(c, r1, v);
    if (ovf) fixed_overflow(c);
    else c->psw.cc = v == 0 ? 0 : (int64_t)v < 0 ? 1 : 2;
}

/* Registers r1 through r3, wrapping from 15 to 0. */
/* LM and STM move two registers at a time as one host doubleword. */
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "LM/STM assume a little-endian host");

static inline unsigned reg_count(unsigned r1, unsigned r3)
{
    return ((r3 - r1) & 15) + 1;
}

/* 90 STM - Store Multiple (RS) */
HOT void op_STM(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = R1(ip), n = reg_count(r1, R3(ip));
    uint32_t a = ea_bd(c, ip + 2);
    if ((a & (BLOCK_SIZE - 1)) + 4 * n <= BLOCK_SIZE) {
        uint8_t *p = vptr_w(c, a);
        if (r1 + n <= 16) {                 /* no wrap from 15 to 0 */
            /* two registers at a time: on the host they are one little-endian
               doubleword, in storage one big-endian doubleword */
            const uint32_t *g = c->gr + r1;
            for (; n >= 2; n -= 2, g += 2, p += 8) {
                uint64_t v;
                memcpy(&v, g, 8);
                put64(p, v << 32 | v >> 32);
            }
            if (n) put32(p, *g);
            return;
        }
        for (unsigned i = 0; i < n; i++) put32(p + 4 * i, c->gr[(r1 + i) & 15]);
        return;
    }
    vcheck(c, a, 4 * n, true);
    for (unsigned i = 0; i < n; i++) vstore4(c, (a + 4 * i) & AMASK, c->gr[(r1 + i) & 15]);
}

/* 98 LM - Load Multiple (RS) */
HOT void op_LM(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = R1(ip), n = reg_count(r1, R3(ip));
    uint32_t a = ea_bd(c, ip + 2);
    if ((a & (BLOCK_SIZE - 1)) + 4 * n <= BLOCK_SIZE) {
        const uint8_t *p = vptr_r(c, a);
        if (r1 + n <= 16) {
            uint32_t *g = c->gr + r1;
            for (; n >= 2; n -= 2, g += 2, p += 8) {
                uint64_t v = be64(p);
                v = v << 32 | v >> 32;
                memcpy(g, &v, 8);
            }
            if (n) *g = be32(p);
            return;
        }
        for (unsigned i = 0; i < n; i++) c->gr[(r1 + i) & 15] = be32(p + 4 * i);
        return;
    }
    vcheck(c, a, 4 * n, false);   /* no register changes before a fault */
    for (unsigned i = 0; i < n; i++) c->gr[(r1 + i) & 15] = vfetch4(c, (a + 4 * i) & AMASK);
}

/* BA CS - Compare and Swap (RS); the word must be on a word boundary */
void op_CS(struct cpu *c, const uint8_t *ip)
{
    uint32_t a = ea_bd(c, ip + 2);
    spec_check(c, a & 3);
    uint8_t *p = vptr_w(c, a);   /* store access is checked either way */
    uint32_t v = be32(p);
    if (v == c->gr[R1(ip)]) {
        put32(p, c->gr[R3(ip)]);
        c->psw.cc = 0;
    } else {
        c->gr[R1(ip)] = v;
        c->psw.cc = 1;
    }
}

/* BB CDS - Compare Double and Swap (RS); even r1 and r3, doubleword boundary */
void op_CDS(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = R1(ip), r3 = R3(ip);
    uint32_t a = ea_bd(c, ip + 2);
    spec_check(c, ((r1 | r3) & 1) || (a & 7));
    uint8_t *p = vptr_w(c, a);
    uint64_t v = be64(p);
    if (v == pair(c, r1)) {
        put64(p, pair(c, r3));
        c->psw.cc = 0;
    } else {
        set_pair(c, r1, v);
        c->psw.cc = 1;
    }
}

/* Number of one bits in a 4-bit mask. */
static inline unsigned mask_bytes(unsigned m)
{
    return (unsigned)__builtin_popcount(m & 15);
}

/* BD CLM - Compare Logical Characters under Mask (RS) */
HOT void op_CLM(struct cpu *c, const uint8_t *ip)
{
    unsigned m = R3(ip), n = mask_bytes(m);
    uint32_t a = ea_bd(c, ip + 2), r = c->gr[R1(ip)];
    uint32_t sel = 0, mem = 0;
    if (m == 15) {
        cmp_logical(c, r, vfetch4(c, a));
        return;
    }
    if (n) {
        mem = vfetch_slow(c, a, n);   /* 1-4 bytes, may cross a block */
        for (int i = 3; i >= 0; i--)
            if (m & (1u << i)) sel = sel << 8 | ((r >> (8 * i)) & 0xFF);
    }
    cmp_logical(c, sel, mem);
}

/* BE STCM - Store Characters under Mask (RS) */
HOT void op_STCM(struct cpu *c, const uint8_t *ip)
{
    unsigned m = R3(ip), n = mask_bytes(m);
    uint32_t a = ea_bd(c, ip + 2), r = c->gr[R1(ip)], v = 0;
    if (m == 15) {
        vstore4(c, a, r);
        return;
    }
    if (!n) return;   /* no access for mask 0 (PoO lets either happen) */
    for (int i = 3; i >= 0; i--)
        if (m & (1u << i)) v = v << 8 | ((r >> (8 * i)) & 0xFF);
    vstore_slow(c, a, v, n);
}

/* BF ICM - Insert Characters under Mask (RS). cc: 0 all inserted bits zero
   (or mask 0), 1 leftmost inserted bit one, 2 otherwise. */
HOT void op_ICM(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = R1(ip), m = R3(ip), n = mask_bytes(m);
    uint32_t a = ea_bd(c, ip + 2);
    if (!n) {
        c->psw.cc = 0;   /* no access for mask 0 (PoO lets either happen) */
        return;
    }
    if (m == 15) {   /* the common whole-word case */
        uint32_t w = vfetch4(c, a);
        c->gr[r1] = w;
        c->psw.cc = w == 0 ? 0 : w >> 31 ? 1 : 2;
        return;
    }
    uint32_t v = vfetch_slow(c, a, n);
    uint32_t r = c->gr[r1];
    unsigned shift = 8 * n;
    for (int i = 3; i >= 0; i--) {
        if (!(m & (1u << i))) continue;
        shift -= 8;
        r = (r & ~(0xFFu << (8 * i))) | ((v >> shift) & 0xFF) << (8 * i);
    }
    c->gr[r1] = r;
    c->psw.cc = v == 0 ? 0 : (v >> (8 * n - 1)) & 1 ? 1 : 2;
}

/* ---------------------------------------------------------------------- */
/* SI and S instructions.                                                  */

/* 91 TM - Test under Mask (SI): cc 0 selected bits zero, 1 mixed, 3 ones */
HOT void op_TM(struct cpu *c, const uint8_t *ip)
{
    uint8_t m = ip[1], v = vfetch1(c, ea_bd(c, ip + 2)) & m;
    c->psw.cc = v == 0 ? 0 : v == m ? 3 : 1;
}

/* 92 MVI - Move Immediate (SI) */
HOT void op_MVI(struct cpu *c, const uint8_t *ip)
{
    vstore1(c, ea_bd(c, ip + 2), ip[1]);
}

/* 93 TS - Test and Set (S): cc is the leftmost bit; the byte becomes ones */
void op_TS(struct cpu *c, const uint8_t *ip)
{
    uint8_t *p = vptr_w(c, ea_bd(c, ip + 2));
    c->psw.cc = *p >> 7;
    *p = 0xFF;
}

/* 94 NI - And Immediate (SI) */
HOT void op_NI(struct cpu *c, const uint8_t *ip)
{
    uint8_t *p = vptr_w(c, ea_bd(c, ip + 2));
    c->psw.cc = (*p &= ip[1]) != 0;
}

/* 95 CLI - Compare Logical Immediate (SI) */
HOT void op_CLI(struct cpu *c, const uint8_t *ip)
{
    cmp_logical(c, vfetch1(c, ea_bd(c, ip + 2)), ip[1]);
}

/* 96 OI - Or Immediate (SI) */
HOT void op_OI(struct cpu *c, const uint8_t *ip)
{
    uint8_t *p = vptr_w(c, ea_bd(c, ip + 2));
    c->psw.cc = (*p |= ip[1]) != 0;
}

/* 97 XI - Exclusive Or Immediate (SI) */
HOT void op_XI(struct cpu *c, const uint8_t *ip)
{
    uint8_t *p = vptr_w(c, ea_bd(c, ip + 2));
    c->psw.cc = (*p ^= ip[1]) != 0;
}

/* AF MC - Monitor Call (SI). Class i2 bits 4-7 enabled by CR8 bit 16+class:
   monitor-event program interruption with class and code stored (PoO, "Monitor Call"). */
void op_MC(struct cpu *c, const uint8_t *ip)
{
    uint8_t i2 = ip[1];
    spec_check(c, i2 & 0xF0);
    unsigned cls = i2 & 15;
    if (!(c->cr[8] & (0x8000u >> cls))) return;
    uint32_t code = ea_bd(c, ip + 2);
    *rptr(c, PSA_MONITOR_CLASS, 1) = (uint8_t)cls;
    put32(rptr(c, PSA_MONITOR_CODE, 4), code);
    cpu_program_check(c, PGM_MONITOR_EVENT);
}

/* ---------------------------------------------------------------------- */
/* SS instructions. Operands are 1-256 bytes; both are checked for access  */
/* before anything is stored. Overlapping operands give the result of      */
/* processing "one byte at a time" (PoO, MVC, MVN, MVZ, NC, OC, XC).       */

/* Operand addresses and length of an SS_L instruction. */
struct ss {
    uint32_t a1, a2, len;
};

static inline struct ss ss_decode(const struct cpu *c, const uint8_t *ip)
{
    return (struct ss){ ea_bd(c, ip + 2), ea_bd(c, ip + 4), (uint32_t)ip[1] + 1 };
}

static inline bool in_block(uint32_t a, uint32_t len)
{
    return (a & (BLOCK_SIZE - 1)) + len <= BLOCK_SIZE;
}

enum ss_op { SS_MVN, SS_MVZ, SS_NC, SS_OC, SS_XC, SS_MVC };

static inline uint8_t ss_combine(enum ss_op op, uint8_t d, uint8_t s)
{
    switch (op) {
    case SS_MVN: return (d & 0xF0) | (s & 0x0F);
    case SS_MVZ: return (d & 0x0F) | (s & 0xF0);
    case SS_NC: return d & s;
    case SS_OC: return d | s;
    case SS_XC: return d ^ s;
    case SS_MVC: return s;
    }
    return s;
}

/* The storage-to-storage logical operations; returns whether any result
   byte is non-zero (for the cc of NC, OC, XC). */
static inline __attribute__((always_inline))
bool ss_logical(struct cpu *c, const uint8_t *ip, enum ss_op op)
{
    struct ss s = ss_decode(c, ip);
    unsigned nz = 0;
    if (likely(in_block(s.a1, s.len) && in_block(s.a2, s.len))) {
        const uint8_t *p2 = vptr_r(c, s.a2);
        uint8_t *p1 = vptr_w(c, s.a1);
        for (uint32_t i = 0; i < s.len; i++) nz |= p1[i] = ss_combine(op, p1[i], p2[i]);
        return nz != 0;
    }
    vcheck(c, s.a2, s.len, false);
    vcheck(c, s.a1, s.len, true);
    for (uint32_t i = 0; i < s.len; i++) {
        uint8_t *d = vptr_w(c, (s.a1 + i) & AMASK);
        nz |= *d = ss_combine(op, *d, vfetch1(c, (s.a2 + i) & AMASK));
    }
    return nz != 0;
}

/* D1 MVN - Move Numerics (SS) */
void op_MVN(struct cpu *c, const uint8_t *ip)
{
    ss_logical(c, ip, SS_MVN);
}

/* D2 MVC - Move Characters (SS). A destination starting 1..len-1 bytes past
   the source propagates bytes; every other case equals memmove. */
HOT void op_MVC(struct cpu *c, const uint8_t *ip)
{
    struct ss s = ss_decode(c, ip);
    if (likely(in_block(s.a1, s.len) && in_block(s.a2, s.len))) {
        const uint8_t *p2 = vptr_r(c, s.a2);
        uint8_t *p1 = vptr_w(c, s.a1);
        if (unlikely(p1 > p2 && p1 < p2 + s.len)) {
            for (uint32_t i = 0; i < s.len; i++) p1[i] = p2[i];
        } else if (s.len >= 8 && s.len <= 16) {
            /* short moves inline: both halves fetched before either is stored,
               which is memmove's (and here MVC's) result */
            uint64_t head, tail;
            memcpy(&head, p2, 8);
            memcpy(&tail, p2 + s.len - 8, 8);
            memcpy(p1, &head, 8);
            memcpy(p1 + s.len - 8, &tail, 8);
        } else {
            memmove(p1, p2, s.len);
        }
        return;
    }
    ss_logical(c, ip, SS_MVC);
}

/* D3 MVZ - Move Zones (SS) */
void op_MVZ(struct cpu *c, const uint8_t *ip)
{
    ss_logical(c, ip, SS_MVZ);
}

/* D4 NC - And Characters (SS) */
HOT void op_NC(struct cpu *c, const uint8_t *ip)
{
    c->psw.cc = ss_logical(c, ip, SS_NC);
}

/* memcmp, with the common short lengths done inline. */
static inline int compare_bytes(const uint8_t *a, const uint8_t *b, uint32_t len)
{
    if (len >= 8 && len <= 16) {
        uint64_t x = be64(a), y = be64(b);
        if (x == y) x = be64(a + len - 8), y = be64(b + len - 8);
        return x == y ? 0 : x < y ? -1 : 1;
    }
    if (len < 8) {
        for (uint32_t i = 0; i < len; i++)
            if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
        return 0;
    }
    return memcmp(a, b, len);
}

/* D5 CLC - Compare Logical Characters (SS) */
HOT void op_CLC(struct cpu *c, const uint8_t *ip)
{
    struct ss s = ss_decode(c, ip);
    int r;
    if (likely(in_block(s.a1, s.len) && in_block(s.a2, s.len))) {
        r = compare_bytes(vptr_r(c, s.a1), vptr_r(c, s.a2), s.len);
    } else {
        vcheck(c, s.a1, s.len, false);
        vcheck(c, s.a2, s.len, false);
        r = 0;
        for (uint32_t i = 0; i < s.len && !r; i++)
            r = (int)vfetch1(c, (s.a1 + i) & AMASK) - (int)vfetch1(c, (s.a2 + i) & AMASK);
    }
    c->psw.cc = r == 0 ? 0 : r < 0 ? 1 : 2;
}

/* D6 OC - Or Characters (SS) */
HOT void op_OC(struct cpu *c, const uint8_t *ip)
{
    c->psw.cc = ss_logical(c, ip, SS_OC);
}

/* D7 XC - Exclusive Or Characters (SS) */
HOT void op_XC(struct cpu *c, const uint8_t *ip)
{
    c->psw.cc = ss_logical(c, ip, SS_XC);
}

/* Table byte for argument b: the table is fetched a byte at a time, so only
   the bytes used are accessed (and can raise exceptions). */
static inline uint8_t table_byte(struct cpu *c, uint32_t table, uint8_t b)
{
    return vfetch1(c, (table + b) & AMASK);
}

/* DC TR - Translate (SS) */
void op_TR(struct cpu *c, const uint8_t *ip)
{
    struct ss s = ss_decode(c, ip);
    if (likely(in_block(s.a1, s.len) && in_block(s.a2, 256))) {
        const uint8_t *t = vptr_r(c, s.a2);
        uint8_t *p = vptr_w(c, s.a1);
        for (uint32_t i = 0; i < s.len; i++) p[i] = t[p[i]];
        return;
    }
    vcheck(c, s.a1, s.len, true);
    /* First make sure every table byte needed can be fetched, so an access
       exception leaves the first operand unchanged. */
    if (in_block(s.a2, 256)) {
        vptr_r(c, s.a2);
    } else {
        for (uint32_t i = 0; i < s.len; i++) table_byte(c, s.a2, vfetch1(c, (s.a1 + i) & AMASK));
    }
    for (uint32_t i = 0; i < s.len; i++) {
        uint8_t *p = vptr_w(c, (s.a1 + i) & AMASK);
        *p = table_byte(c, s.a2, *p);
    }
}

static void trt_found(struct cpu *c, uint32_t a, uint8_t f, bool last)
{
    c->gr[1] = (c->gr[1] & ~AMASK) | a;
    c->gr[2] = (c->gr[2] & 0xFFFFFF00u) | f;
    c->psw.cc = last ? 2 : 1;
}

/* DD TRT - Translate and Test (SS). The first non-zero function byte stops
   it: its argument address goes to GR1 bits 8-31, the function byte to GR2
   bits 24-31; cc 1, or 2 if it was the last byte; cc 0 if none. */
void op_TRT(struct cpu *c, const uint8_t *ip)
{
    struct ss s = ss_decode(c, ip);
    if (likely(in_block(s.a1, s.len) && in_block(s.a2, 256))) {
        const uint8_t *p = vptr_r(c, s.a1), *t = vptr_r(c, s.a2);
        for (uint32_t i = 0; i < s.len; i++) {
            if (t[p[i]]) {
                trt_found(c, (s.a1 + i) & AMASK, t[p[i]], i == s.len - 1);
                return;
            }
        }
        c->psw.cc = 0;
        return;
    }
    vcheck(c, s.a1, s.len, false);
    for (uint32_t i = 0; i < s.len; i++) {
        uint32_t a = (s.a1 + i) & AMASK;
        uint8_t f = table_byte(c, s.a2, vfetch1(c, a));
        if (f) {
            trt_found(c, a, f, i == s.len - 1);
            return;
        }
    }
    c->psw.cc = 0;
}
