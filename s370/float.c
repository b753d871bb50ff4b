/*
 * float.c - hexadecimal floating-point instructions (GA22-7000 chapter 9,
 * "Floating-Point Instructions"): short, long and extended formats.
 *
 * All arithmetic is exact integer arithmetic on the fractions; host
 * floating point is never used.  A number is unpacked into struct hfp
 * (fraction as an integer right-aligned, characteristic as a plain int so
 * that it may go out of range before the exponent rules are applied, sign).
 *
 * Registers: c->fpr[r] holds the 64-bit long image of FPR r (r = 0,2,4,6);
 * a short operand is its high 32 bits, and a short result leaves the low
 * 32 bits unchanged.  An extended operand is the pair r, r+2 with r = 0 or 4.
 *
 * Exceptions that complete the operation (exponent overflow and underflow,
 * significance) are raised after the result and condition code are set,
 * since cpu_program_check() does not return.
 */
#include "ops.h"

#define FRAC_S   0x00FFFFFFu                /* short fraction: 6 digits */
#define FRAC_L   0x00FFFFFFFFFFFFFFull      /* long fraction: 14 digits */
#define SIGN_L   0x8000000000000000ull
#define DIGITS_S 6
#define DIGITS_L 14
#define DIGITS_X 28

typedef unsigned __int128 u128;

/* An unpacked number: f holds the fraction digits right-aligned. */
struct hfp {
    uint64_t f;
    int ch;
    unsigned neg;
};

/* An unpacked extended number (28-digit fraction). */
struct xhfp {
    u128 f;
    int ch;
    unsigned neg;
};

/* ---------------------------------------------------------------------- */
/* Registers, formats and checks.                                          */

/* R must designate FPR 0, 2, 4 or 6 (PoO 9-2). */
static inline void fpr_check(struct cpu *c, unsigned r)
{
    spec_check(c, (r & 9) != 0);
}

/* R must designate the extended pair 0,2 or 4,6 (PoO 9-2). */
static inline void fprx_check(struct cpu *c, unsigned r)
{
    spec_check(c, (r & 11) != 0);
}

static inline uint32_t get_s(const struct cpu *c, unsigned r) { return (uint32_t)(c->fpr[r] >> 32); }

static inline void put_s(struct cpu *c, unsigned r, uint32_t w)
{
    c->fpr[r] = (c->fpr[r] & 0xFFFFFFFFu) | (uint64_t)w << 32;
}

static inline struct hfp unpack_s(uint32_t w)
{
    return (struct hfp){ w & FRAC_S, (w >> 24) & 0x7F, w >> 31 };
}

static inline struct hfp unpack_l(uint64_t v)
{
    return (struct hfp){ v & FRAC_L, (int)(v >> 56) & 0x7F, (unsigned)(v >> 63) };
}

static inline uint32_t pack_s(struct hfp x)
{
    return (uint32_t)x.neg << 31 | (uint32_t)(x.ch & 0x7F) << 24 | (uint32_t)x.f;
}

static inline uint64_t pack_l(struct hfp x)
{
    return (uint64_t)x.neg << 63 | (uint64_t)(x.ch & 0x7F) << 56 | x.f;
}

/* The sign and characteristic of the low-order part are ignored (PoO 9-2). */
static inline struct xhfp get_x(const struct cpu *c, unsigned r)
{
    uint64_t hi = c->fpr[r], lo = c->fpr[r + 2];
    return (struct xhfp){ (u128)(hi & FRAC_L) << 56 | (lo & FRAC_L), (int)(hi >> 56) & 0x7F,
                          (unsigned)(hi >> 63) };
}

/* The low-order part gets the sign of the high-order part and a
   characteristic 14 less (modulo 128), except that a true zero result is
   made true zero in both parts (PoO 9-2). */
static void put_x(struct cpu *c, unsigned r, struct xhfp x)
{
    uint64_t sign = (uint64_t)x.neg << 63;
    c->fpr[r] = sign | (uint64_t)(x.ch & 0x7F) << 56 | (uint64_t)(x.f >> 56);
    if (x.f == 0 && x.ch == 0 && !x.neg)
        c->fpr[r + 2] = 0;
    else
        c->fpr[r + 2] = sign | (uint64_t)((x.ch - 14) & 0x7F) << 56 | ((uint64_t)x.f & FRAC_L);
}

/* Condition code of a result: 0 zero fraction, 1 less, 2 greater. */
static inline void cc_hfp(struct cpu *c, bool zero, unsigned neg)
{
    c->psw.cc = zero ? 0 : neg ? 1 : 2;
}

/* ---------------------------------------------------------------------- */
/* Exponent rules (PoO 9-3): applied to a result whose fraction is nonzero */
/* and normalized.  Return the program interruption code to raise once the */
/* result is stored, or 0.                                                 */

static inline unsigned range_ch(const struct cpu *c, int *ch, bool *zero)
{
    if (unlikely(*ch > 127)) {
        *ch -= 128;                   /* overflow: always interrupts */
        return PGM_EXPONENT_OVERFLOW;
    }
    if (unlikely(*ch < 0)) {
        if (c->psw.pgmmask & 2) {
            *ch += 128;
            return PGM_EXPONENT_UNDERFLOW;
        }
        *zero = true;                 /* mask off: true zero */
    }
    return 0;
}

static inline unsigned range(const struct cpu *c, struct hfp *r)
{
    bool zero = false;
    unsigned code = range_ch(c, &r->ch, &zero);
    if (zero) *r = (struct hfp){ 0, 0, 0 };
    return code;
}

static inline unsigned range_x(const struct cpu *c, struct xhfp *r)
{
    bool zero = false;
    unsigned code = range_ch(c, &r->ch, &zero);
    if (zero) *r = (struct xhfp){ 0, 0, 0 };
    return code;
}

/* Leading zero digits of an n-digit fraction f (nonzero). */
static inline int lz_digits(uint64_t f, unsigned n)
{
    return (__builtin_clzll(f) - (64 - 4 * (int)n)) >> 2;
}

static inline int lz_digits_x(u128 f, unsigned n)
{
    uint64_t hi = (uint64_t)(f >> 64);
    int lz = hi ? __builtin_clzll(hi) : 64 + __builtin_clzll((uint64_t)f);
    return (lz - (128 - 4 * (int)n)) >> 2;
}

/* Prenormalize an n-digit operand (multiply, divide); f must be nonzero. */
static inline void prenorm(struct hfp *x, unsigned n)
{
    int k = lz_digits(x->f, n);
    x->f <<= 4 * k;
    x->ch -= k;
}

static inline void prenorm_x(struct xhfp *x)
{
    int k = lz_digits_x(x->f, DIGITS_X);
    x->f <<= 4 * k;
    x->ch -= k;
}

/* ---------------------------------------------------------------------- */
/* Addition (PoO "ADD NORMALIZED", "ADD UNNORMALIZED", "COMPARE").        */

/* Align, add and carry: the result fraction has n+1 digits, the rightmost
   being the guard digit.  The operand with the smaller characteristic is
   shifted right; digits shifted beyond the guard digit are lost. */
static inline struct hfp add_raw(struct hfp a, struct hfp b, unsigned n)
{
    if (a.ch < b.ch) {
        struct hfp t = a;
        a = b;
        b = t;
    }
    unsigned d = (unsigned)(a.ch - b.ch);
    uint64_t fa = a.f << 4;
    uint64_t fb = d <= n ? (b.f << 4) >> (4 * d) : 0;
    struct hfp r = { 0, a.ch, a.neg };

    if (a.neg == b.neg) {
        r.f = fa + fb;
        if (r.f >> (4 * (n + 1))) {    /* carry: shift right one digit */
            r.f >>= 4;
            r.ch++;
        }
    } else if (fa >= fb) {
        r.f = fa - fb;
    } else {
        r.f = fb - fa;
        r.neg = b.neg;
    }
    return r;
}

/* Finish an addition: normalize if asked (the guard digit takes part),
   truncate, and apply the significance and exponent rules. */
static inline unsigned add_finish(const struct cpu *c, struct hfp *r, unsigned n, bool normalize)
{
    if (normalize && r->f) {
        int k = lz_digits(r->f, n + 1);
        r->f <<= 4 * k;
        r->ch -= k;
    }
    r->f >>= 4;
    if (r->f == 0) {
        /* Zero result fraction: plus sign; with the significance mask on,
           the intermediate characteristic is kept and we interrupt. */
        r->neg = 0;
        if (c->psw.pgmmask & 1) return PGM_SIGNIFICANCE;
        r->ch = 0;
        return 0;
    }
    return range(c, r);
}

static inline void add_short(struct cpu *c, unsigned r1, uint32_t op2, bool sub, bool normalize)
{
    struct hfp b = unpack_s(op2);
    b.neg ^= sub;
    struct hfp r = add_raw(unpack_s(get_s(c, r1)), b, DIGITS_S);
    unsigned code = add_finish(c, &r, DIGITS_S, normalize);
    put_s(c, r1, pack_s(r));
    cc_hfp(c, r.f == 0, r.neg);
    if (unlikely(code)) cpu_program_check(c, code);
}

static inline void add_long(struct cpu *c, unsigned r1, uint64_t op2, bool sub, bool normalize)
{
    struct hfp b = unpack_l(op2);
    b.neg ^= sub;
    struct hfp r = add_raw(unpack_l(c->fpr[r1]), b, DIGITS_L);
    unsigned code = add_finish(c, &r, DIGITS_L, normalize);
    c->fpr[r1] = pack_l(r);
    cc_hfp(c, r.f == 0, r.neg);
    if (unlikely(code)) cpu_program_check(c, code);
}

/* COMPARE: as a normalized subtraction with a guard digit, for the
   condition code only; no exceptions. */
static void compare(struct cpu *c, struct hfp a, struct hfp b, unsigned n)
{
    b.neg ^= 1;
    struct hfp r = add_raw(a, b, n);
    cc_hfp(c, r.f == 0, r.neg);
}

/* Extended addition: as add_raw and add_finish with 28 digits plus guard. */
static void add_ext(struct cpu *c, unsigned r1, unsigned r2, bool sub)
{
    struct xhfp a = get_x(c, r1), b = get_x(c, r2);
    b.neg ^= sub;
    if (a.ch < b.ch) {
        struct xhfp t = a;
        a = b;
        b = t;
    }
    unsigned d = (unsigned)(a.ch - b.ch);
    u128 fa = a.f << 4;
    u128 fb = d <= DIGITS_X ? (b.f << 4) >> (4 * d) : 0;
    struct xhfp r = { 0, a.ch, a.neg };
    unsigned code = 0;

    if (a.neg == b.neg) {
        r.f = fa + fb;
        if (r.f >> (4 * (DIGITS_X + 1))) {
            r.f >>= 4;
            r.ch++;
        }
    } else if (fa >= fb) {
        r.f = fa - fb;
    } else {
        r.f = fb - fa;
        r.neg = b.neg;
    }
    if (r.f == 0) {
        r.neg = 0;
        if (c->psw.pgmmask & 1) code = PGM_SIGNIFICANCE;
        else r.ch = 0;
    } else {
        int k = lz_digits_x(r.f, DIGITS_X + 1);
        r.f = (r.f << 4 * k) >> 4;
        r.ch -= k;
        code = range_x(c, &r);
    }
    put_x(c, r1, r);
    cc_hfp(c, r.f == 0, r.neg);
    if (unlikely(code)) cpu_program_check(c, code);
}

/* ---------------------------------------------------------------------- */
/* Multiplication and division (PoO "MULTIPLY", "DIVIDE").                */

/* Short x short -> long: the 12-digit product is exact (PoO: the two
   rightmost digits of the long result are zero). */
static void mul_short(struct cpu *c, unsigned r1, uint32_t op2)
{
    struct hfp a = unpack_s(get_s(c, r1)), b = unpack_s(op2);
    struct hfp r = { 0, 0, 0 };
    unsigned code = 0;

    if (a.f && b.f) {
        prenorm(&a, DIGITS_S);
        prenorm(&b, DIGITS_S);
        r.f = a.f * b.f;
        r.ch = a.ch + b.ch - 64;
        r.neg = a.neg ^ b.neg;
        if (r.f < 1ull << 44) {        /* one leading zero digit */
            r.f <<= 4;
            r.ch--;
        }
        r.f <<= 8;
        code = range(c, &r);
    }
    c->fpr[r1] = pack_l(r);
    if (unlikely(code)) cpu_program_check(c, code);
}

/* Long x long: the exact 28-digit product, normalized (at most one digit
   after prenormalization).  Returns it as an extended number. */
static struct xhfp mul_long_exact(struct hfp a, struct hfp b)
{
    struct xhfp r = { 0, 0, 0 };
    if (a.f && b.f) {
        prenorm(&a, DIGITS_L);
        prenorm(&b, DIGITS_L);
        r.f = (u128)a.f * b.f;
        r.ch = a.ch + b.ch - 64;
        r.neg = a.neg ^ b.neg;
        if (r.f >> (4 * DIGITS_X - 4) == 0) {
            r.f <<= 4;
            r.ch--;
        }
    }
    return r;
}

static void mul_long(struct cpu *c, unsigned r1, uint64_t op2)
{
    uint64_t a = c->fpr[r1];
    /* The usual case first: both operands normalized, the result in range.
       With the multiplicand shifted left 8 bits the high half of the
       product is already the 14-digit fraction (or 13 digits and the first
       one of the low half, when the product has one leading zero digit). */
    const uint64_t top = 0x00F0000000000000ull;
    if (likely((a & top) && (op2 & top))) {
        u128 p = (u128)((a & FRAC_L) << 8) * (op2 & FRAC_L);
        uint64_t f = (uint64_t)(p >> 64);
        int ch = (int)(a >> 56 & 0x7F) + (int)(op2 >> 56 & 0x7F) - 64;
        if (!(f & top)) {
            f = f << 4 | (uint64_t)p >> 60;
            ch--;
        }
        if (likely((unsigned)ch <= 127)) {
            c->fpr[r1] = ((a ^ op2) & SIGN_L) | (uint64_t)ch << 56 | f;
            return;
        }
    }
    struct xhfp p = mul_long_exact(unpack_l(c->fpr[r1]), unpack_l(op2));
    struct hfp r = { (uint64_t)(p.f >> 56), p.ch, p.neg };   /* truncate to 14 digits */
    unsigned code = r.f ? range(c, &r) : 0;
    c->fpr[r1] = pack_l(r);
    if (unlikely(code)) cpu_program_check(c, code);
}

/* MXD, MXDR: the multiplicand is the high-order part of the pair r1. */
static void mul_long_ext(struct cpu *c, unsigned r1, uint64_t op2)
{
    struct xhfp r = mul_long_exact(unpack_l(c->fpr[r1]), unpack_l(op2));
    unsigned code = r.f ? range_x(c, &r) : 0;
    put_x(c, r1, r);
    if (unlikely(code)) cpu_program_check(c, code);
}

/* The top 29 digits of the 56-digit product of two 28-digit fractions. */
static u128 mul_ext_top(u128 a, u128 b)
{
    uint64_t ah = (uint64_t)(a >> 64), al = (uint64_t)a;
    uint64_t bh = (uint64_t)(b >> 64), bl = (uint64_t)b;
    u128 ll = (u128)al * bl, lh = (u128)al * bh, hl = (u128)ah * bl, hh = (u128)ah * bh;
    u128 mid = (ll >> 64) + (uint64_t)lh + (uint64_t)hl;       /* bits 64..191 */
    u128 hi = hh + (lh >> 64) + (hl >> 64) + (mid >> 64);      /* bits 128..255 */
    u128 lo64 = (uint64_t)mid;                                  /* bits 64..127 */
    /* product >> 108: 224-bit product, keep the top 116 bits (29 digits). */
    return hi << 20 | lo64 >> 44;
}

/* DIVIDE: n-digit fractions; quotient truncated.  Fails (returns false)
   on a zero divisor fraction, before anything is changed. */
static bool divide(const struct cpu *c, struct hfp *a, struct hfp b, unsigned n, unsigned *code)
{
    if (b.f == 0) return false;
    *code = 0;
    if (a->f == 0) {
        *a = (struct hfp){ 0, 0, 0 };
        return true;
    }
    prenorm(a, n);
    prenorm(&b, n);
    int ch = a->ch - b.ch + 64;
    unsigned shift = 4 * n;
    if (a->f >= b.f) {                 /* quotient would be >= 1: shift dividend right */
        shift -= 4;
        ch++;
    }
    a->f = (uint64_t)(((u128)a->f << shift) / b.f);
    a->ch = ch;
    a->neg ^= b.neg;
    *code = range(c, a);
    return true;
}

static void div_short(struct cpu *c, unsigned r1, uint32_t op2)
{
    struct hfp a = unpack_s(get_s(c, r1));
    unsigned code;
    if (!divide(c, &a, unpack_s(op2), DIGITS_S, &code)) cpu_program_check(c, PGM_FLOATING_DIVIDE);
    put_s(c, r1, pack_s(a));
    if (unlikely(code)) cpu_program_check(c, code);
}

static void div_long(struct cpu *c, unsigned r1, uint64_t op2)
{
    struct hfp a = unpack_l(c->fpr[r1]);
    unsigned code;
    if (!divide(c, &a, unpack_l(op2), DIGITS_L, &code)) cpu_program_check(c, PGM_FLOATING_DIVIDE);
    c->fpr[r1] = pack_l(a);
    if (unlikely(code)) cpu_program_check(c, code);
}

/* ---------------------------------------------------------------------- */
/* HALVE (PoO "HALVE"): the fraction is shifted right one bit, the bit   */
/* shifted out going into the guard digit; the result is normalized and  */
/* truncated.  A zero fraction gives a true zero.                        */

static unsigned halve(const struct cpu *c, struct hfp *x, unsigned n)
{
    if (x->f == 0) {
        *x = (struct hfp){ 0, 0, 0 };
        return 0;
    }
    uint64_t g = x->f << 3;            /* n+1 digits: (f << 4) >> 1 */
    int k = lz_digits(g, n + 1);
    x->f = (g << 4 * k) >> 4;
    x->ch -= k;
    return range(c, x);
}

/* LOAD ROUNDED: the rounded fraction has nf digits; carry out of it shifts
   right one digit and raises the characteristic (PoO "LOAD ROUNDED"). */
static unsigned round_carry(struct hfp *x, unsigned nf)
{
    if (x->f >> (4 * nf)) {
        x->f >>= 4;
        if (++x->ch > 127) {
            x->ch -= 128;
            return PGM_EXPONENT_OVERFLOW;
        }
    }
    return 0;
}

/* Sign handling of LPxR, LNxR, LTxR, LCxR: no normalization, cc from the
   result (PoO 9-x "LOAD POSITIVE" etc). */
enum sign_op { SIGN_POS, SIGN_NEG, SIGN_KEEP, SIGN_FLIP };

static inline uint64_t sign_apply(uint64_t v, uint64_t signbit, enum sign_op op)
{
    switch (op) {
    case SIGN_POS: return v & ~signbit;
    case SIGN_NEG: return v | signbit;
    case SIGN_FLIP: return v ^ signbit;
    default: return v;
    }
}

static inline void sign_long(struct cpu *c, const uint8_t *ip, enum sign_op op)
{
    unsigned r1 = R1(ip), r2 = R2(ip);
    fpr_check(c, r1);
    fpr_check(c, r2);
    uint64_t v = sign_apply(c->fpr[r2], SIGN_L, op);
    c->fpr[r1] = v;
    cc_hfp(c, (v & FRAC_L) == 0, (unsigned)(v >> 63));
}

static inline void sign_short(struct cpu *c, const uint8_t *ip, enum sign_op op)
{
    unsigned r1 = R1(ip), r2 = R2(ip);
    fpr_check(c, r1);
    fpr_check(c, r2);
    uint32_t w = (uint32_t)sign_apply(get_s(c, r2), 0x80000000u, op);
    put_s(c, r1, w);
    cc_hfp(c, (w & FRAC_S) == 0, w >> 31);
}

/* Operand fetch for RR and RX forms, with the register checks first. */
static inline unsigned rr_r1(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = R1(ip), r2 = R2(ip);
    fpr_check(c, r1);
    fpr_check(c, r2);
    return r1;
}

static inline unsigned rx_r1(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = R1(ip);
    fpr_check(c, r1);
    return r1;
}

/* ---------------------------------------------------------------------- */
/* Long RR instructions.                                                   */

/* 20 LPDR - Load Positive (long) (RR) */
void op_LPDR(struct cpu *c, const uint8_t *ip) { sign_long(c, ip, SIGN_POS); }

/* 21 LNDR - Load Negative (long) (RR) */
void op_LNDR(struct cpu *c, const uint8_t *ip) { sign_long(c, ip, SIGN_NEG); }

/* 22 LTDR - Load and Test (long) (RR) */
HOT void op_LTDR(struct cpu *c, const uint8_t *ip) { sign_long(c, ip, SIGN_KEEP); }

/* 23 LCDR - Load Complement (long) (RR) */
void op_LCDR(struct cpu *c, const uint8_t *ip) { sign_long(c, ip, SIGN_FLIP); }

/* 24 HDR - Halve (long) (RR) */
void op_HDR(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(c, ip);
    struct hfp x = unpack_l(c->fpr[R2(ip)]);
    unsigned code = halve(c, &x, DIGITS_L);
    c->fpr[r1] = pack_l(x);
    if (unlikely(code)) cpu_program_check(c, code);
}

/* 25 LRDR - Load Rounded (extended to long) (RR) */
void op_LRDR(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = R1(ip), r2 = R2(ip);
    fpr_check(c, r1);
    fprx_check(c, r2);
    /* Add one in bit 72: the leftmost fraction bit of the low-order part. */
    struct hfp x = unpack_l(c->fpr[r2]);
    x.f += (c->fpr[r2 + 2] >> 55) & 1;
    unsigned code = round_carry(&x, DIGITS_L);
    c->fpr[r1] = pack_l(x);
    if (unlikely(code)) cpu_program_check(c, code);
}

/* 26 MXR - Multiply (extended) (RR) */
void op_MXR(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = R1(ip), r2 = R2(ip);
    fprx_check(c, r1);
    fprx_check(c, r2);
    struct xhfp a = get_x(c, r1), b = get_x(c, r2), r = { 0, 0, 0 };
    unsigned code = 0;
    if (a.f && b.f) {
        prenorm_x(&a);
        prenorm_x(&b);
        u128 p = mul_ext_top(a.f, b.f);           /* 29 digits, guard rightmost */
        r.ch = a.ch + b.ch - 64;
        r.neg = a.neg ^ b.neg;
        if (p >> (4 * DIGITS_X) == 0) {           /* one leading zero digit */
            p <<= 4;
            r.ch--;
        }
        r.f = p >> 4;
        code = range_x(c, &r);
    }
    put_x(c, r1, r);
    if (unlikely(code)) cpu_program_check(c, code);
}

/* 27 MXDR - Multiply (long to extended) (RR) */
void op_MXDR(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = R1(ip), r2 = R2(ip);
    fprx_check(c, r1);
    fpr_check(c, r2);
    mul_long_ext(c, r1, c->fpr[r2]);
}

/* 28 LDR - Load (long) (RR) */
HOT void op_LDR(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(c, ip);
    c->fpr[r1] = c->fpr[R2(ip)];
}

/* 29 CDR - Compare (long) (RR) */
HOT void op_CDR(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(c, ip);
    compare(c, unpack_l(c->fpr[r1]), unpack_l(c->fpr[R2(ip)]), DIGITS_L);
}

/* 2A ADR - Add Normalized (long) (RR) */
HOT void op_ADR(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(c, ip);
    add_long(c, r1, c->fpr[R2(ip)], false, true);
}

/* 2B SDR - Subtract Normalized (long) (RR) */
HOT void op_SDR(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(c, ip);
    add_long(c, r1, c->fpr[R2(ip)], true, true);
}

/* 2C MDR - Multiply (long) (RR) */
void op_MDR(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(c, ip);
    mul_long(c, r1, c->fpr[R2(ip)]);
}

/* 2D DDR - Divide (long) (RR) */
void op_DDR(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(c, ip);
    div_long(c, r1, c->fpr[R2(ip)]);
}

/* 2E AWR - Add Unnormalized (long) (RR) */
void op_AWR(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(c, ip);
    add_long(c, r1, c->fpr[R2(ip)], false, false);
}

/* 2F SWR - Subtract Unnormalized (long) (RR) */
void op_SWR(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(c, ip);
    add_long(c, r1, c->fpr[R2(ip)], true, false);
}

/* ---------------------------------------------------------------------- */
/* Short RR instructions.                                                  */

/* 30 LPER - Load Positive (short) (RR) */
void op_LPER(struct cpu *c, const uint8_t *ip) { sign_short(c, ip, SIGN_POS); }

/* 31 LNER - Load Negative (short) (RR) */
void op_LNER(struct cpu *c, const uint8_t *ip) { sign_short(c, ip, SIGN_NEG); }

/* 32 LTER - Load and Test (short) (RR) */
HOT void op_LTER(struct cpu *c, const uint8_t *ip) { sign_short(c, ip, SIGN_KEEP); }

/* 33 LCER - Load Complement (short) (RR) */
void op_LCER(struct cpu *c, const uint8_t *ip) { sign_short(c, ip, SIGN_FLIP); }

/* 34 HER - Halve (short) (RR) */
void op_HER(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(c, ip);
    struct hfp x = unpack_s(get_s(c, R2(ip)));
    unsigned code = halve(c, &x, DIGITS_S);
    put_s(c, r1, pack_s(x));
    if (unlikely(code)) cpu_program_check(c, code);
}

/* 35 LRER - Load Rounded (long to short) (RR) */
void op_LRER(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(c, ip);
    /* Add one in bit 32, the leftmost bit dropped, then truncate. */
    struct hfp x = unpack_l(c->fpr[R2(ip)]);
    x.f = (x.f + 0x80000000u) >> 32;
    unsigned code = round_carry(&x, DIGITS_S);
    put_s(c, r1, pack_s(x));
    if (unlikely(code)) cpu_program_check(c, code);
}

/* 36 AXR - Add Normalized (extended) (RR) */
void op_AXR(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = R1(ip), r2 = R2(ip);
    fprx_check(c, r1);
    fprx_check(c, r2);
    add_ext(c, r1, r2, false);
}

/* 37 SXR - Subtract Normalized (extended) (RR) */
void op_SXR(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = R1(ip), r2 = R2(ip);
    fprx_check(c, r1);
    fprx_check(c, r2);
    add_ext(c, r1, r2, true);
}

/* 38 LER - Load (short) (RR) */
HOT void op_LER(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(c, ip);
    put_s(c, r1, get_s(c, R2(ip)));
}

/* 39 CER - Compare (short) (RR) */
HOT void op_CER(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(c, ip);
    compare(c, unpack_s(get_s(c, r1)), unpack_s(get_s(c, R2(ip))), DIGITS_S);
}

/* 3A AER - Add Normalized (short) (RR) */
HOT void op_AER(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(c, ip);
    add_short(c, r1, get_s(c, R2(ip)), false, true);
}

/* 3B SER - Subtract Normalized (short) (RR) */
HOT void op_SER(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(c, ip);
    add_short(c, r1, get_s(c, R2(ip)), true, true);
}

/* 3C MER - Multiply (short to long) (RR) */
void op_MER(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(c, ip);
    mul_short(c, r1, get_s(c, R2(ip)));
}

/* 3D DER - Divide (short) (RR) */
void op_DER(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(c, ip);
    div_short(c, r1, get_s(c, R2(ip)));
}

/* 3E AUR - Add Unnormalized (short) (RR) */
void op_AUR(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(c, ip);
    add_short(c, r1, get_s(c, R2(ip)), false, false);
}

/* 3F SUR - Subtract Unnormalized (short) (RR) */
void op_SUR(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = rr_r1(c, ip);
    add_short(c, r1, get_s(c, R2(ip)), true, false);
}

/* ---------------------------------------------------------------------- */
/* Long RX instructions.  Storage operands need no alignment in S/370.     */

/* 60 STD - Store (long) (RX) */
HOT void op_STD(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = rx_r1(c, ip);
    vstore8(c, ea_rx(c, ip), c->fpr[r1]);
}

/* 67 MXD - Multiply (long to extended) (RX) */
void op_MXD(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = R1(ip);
    fprx_check(c, r1);
    mul_long_ext(c, r1, vfetch8(c, ea_rx(c, ip)));
}

/* 68 LD - Load (long) (RX) */
HOT void op_LD(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = rx_r1(c, ip);
    c->fpr[r1] = vfetch8(c, ea_rx(c, ip));
}

/* 69 CD - Compare (long) (RX) */
HOT void op_CD(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = rx_r1(c, ip);
    compare(c, unpack_l(c->fpr[r1]), unpack_l(vfetch8(c, ea_rx(c, ip))), DIGITS_L);
}

/* 6A AD - Add Normalized (long) (RX) */
HOT void op_AD(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = rx_r1(c, ip);
    add_long(c, r1, vfetch8(c, ea_rx(c, ip)), false, true);
}

/* 6B SD - Subtract Normalized (long) (RX) */
HOT void op_SD(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = rx_r1(c, ip);
    add_long(c, r1, vfetch8(c, ea_rx(c, ip)), true, true);
}

/* 6C MD - Multiply (long) (RX) */
void op_MD(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = rx_r1(c, ip);
    mul_long(c, r1, vfetch8(c, ea_rx(c, ip)));
}

/* 6D DD - Divide (long) (RX) */
void op_DD(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = rx_r1(c, ip);
    div_long(c, r1, vfetch8(c, ea_rx(c, ip)));
}

/* 6E AW - Add Unnormalized (long) (RX) */
void op_AW(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = rx_r1(c, ip);
    add_long(c, r1, vfetch8(c, ea_rx(c, ip)), false, false);
}

/* 6F SW - Subtract Unnormalized (long) (RX) */
void op_SW(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = rx_r1(c, ip);
    add_long(c, r1, vfetch8(c, ea_rx(c, ip)), true, false);
}

/* ---------------------------------------------------------------------- */
/* Short RX instructions.                                                  */

/* 70 STE - Store (short) (RX) */
HOT void op_STE(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = rx_r1(c, ip);
    vstore4(c, ea_rx(c, ip), get_s(c, r1));
}

/* 78 LE - Load (short) (RX) */
HOT void op_LE(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = rx_r1(c, ip);
    put_s(c, r1, vfetch4(c, ea_rx(c, ip)));
}

/* 79 CE - Compare (short) (RX) */
HOT void op_CE(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = rx_r1(c, ip);
    compare(c, unpack_s(get_s(c, r1)), unpack_s(vfetch4(c, ea_rx(c, ip))), DIGITS_S);
}

/* 7A AE - Add Normalized (short) (RX) */
HOT void op_AE(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = rx_r1(c, ip);
    add_short(c, r1, vfetch4(c, ea_rx(c, ip)), false, true);
}

/* 7B SE - Subtract Normalized (short) (RX) */
HOT void op_SE(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = rx_r1(c, ip);
    add_short(c, r1, vfetch4(c, ea_rx(c, ip)), true, true);
}

/* 7C ME - Multiply (short to long) (RX) */
void op_ME(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = rx_r1(c, ip);
    mul_short(c, r1, vfetch4(c, ea_rx(c, ip)));
}

/* 7D DE - Divide (short) (RX) */
void op_DE(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = rx_r1(c, ip);
    div_short(c, r1, vfetch4(c, ea_rx(c, ip)));
}

/* 7E AU - Add Unnormalized (short) (RX) */
void op_AU(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = rx_r1(c, ip);
    add_short(c, r1, vfetch4(c, ea_rx(c, ip)), false, false);
}

/* 7F SU - Subtract Unnormalized (short) (RX) */
void op_SU(struct cpu *c, const uint8_t *ip)
{
    unsigned r1 = rx_r1(c, ip);
    add_short(c, r1, vfetch4(c, ea_rx(c, ip)), true, false);
}
