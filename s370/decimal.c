/*
 * decimal.c - the decimal instructions: GA22-7000 chapter 8 "Decimal
 * Instructions" (AP CP DP MP SP SRP ZAP, MVO PACK UNPK) and, from chapter 7
 * "General Instructions", CVB CVD ED EDMK.
 *
 * A packed operand is 1 to 16 bytes: up to 31 digits and a sign in the
 * rightmost four bits. Digit codes are 0-9; sign codes A C E F are plus and
 * B D minus; results get the preferred signs C and D. Arithmetic converts
 * each operand to a binary magnitude (unsigned __int128 holds 31 digits) and
 * a sign, computes, and converts back.
 *
 * Every operand is fetched and checked before a result byte is stored, so a
 * data exception suppresses the operation. For the overlaps the PoO allows
 * (rightmost bytes coincident; for ZAP also the result's rightmost byte to the
 * right of the source's) fetching everything first gives the same result as
 * processing right to left. PACK, UNPK and MVO check nothing and go one byte
 * at a time, right to left, storing each result byte as soon as its source
 * bytes are fetched, so any overlap behaves as the PoO describes.
 */
#include "ops.h"

__extension__ typedef unsigned __int128 u128;

/* A packed decimal operand as a binary magnitude and a sign. */
struct packed {
    u128 mag;
    bool neg;
};

static const uint64_t p10_64[20] = {
    1u, 10u, 100u, 1000u, 10000u, 100000u, 1000000u, 10000000u, 100000000u,
    1000000000u, 10000000000u, 100000000000u, 1000000000000u, 10000000000000u,
    100000000000000u, 1000000000000000u, 10000000000000000u, 100000000000000000u,
    1000000000000000000u, 10000000000000000000u,
};

/* 10 to the power n, n <= 38. */
static inline u128 p10(unsigned n)
{
    return n < 20 ? p10_64[n] : (u128)p10_64[19] * p10_64[n - 19];
}

/* Division and remainder that stay in 64 bits when they can (the 128-bit
   library routines are slow). */
static inline u128 udiv(u128 a, u128 b)
{
    if (!(a >> 64) && !(b >> 64)) return (uint64_t)a / (uint64_t)b;
    return a / b;
}
static inline u128 urem(u128 a, u128 b)
{
    if (!(a >> 64) && !(b >> 64)) return (uint64_t)a % (uint64_t)b;
    return a % b;
}

static inline bool sign_minus(unsigned s) { return s == 0xB || s == 0xD; }

/* Convert len packed bytes; false if a digit or the sign code is invalid.
   The rightmost 19 digits gather in one 64-bit word, the rest in another. */
static bool packed_to_bin(const uint8_t *b, unsigned len, struct packed *p)
{
    uint64_t hi = 0, lo = 0;
    unsigned split = len > 10 ? len - 10 : 0;
    for (unsigned i = 0; i + 1 < len; i++) {
        unsigned x = b[i];
        if ((x >> 4) > 9 || (x & 15) > 9) return false;
        unsigned v = (x >> 4) * 10 + (x & 15);
        if (i < split) hi = hi * 100 + v;
        else lo = lo * 100 + v;
    }
    unsigned last = b[len - 1];
    if ((last >> 4) > 9 || (last & 15) < 10) return false;
    lo = lo * 10 + (last >> 4);
    p->mag = split ? (u128)hi * p10_64[19] + lo : lo;
    p->neg = sign_minus(last & 15);
    return true;
}

/* Store the rightmost 2 * len - 1 digits of mag (mag < 10^32) and the
   preferred sign code into len bytes. */
static void bin_to_packed(uint8_t *b, unsigned len, u128 mag, bool neg)
{
    uint64_t lo = (uint64_t)mag, hi = 0;
    if (mag >= p10_64[19]) {
        hi = (uint64_t)(mag / p10_64[19]);
        lo = (uint64_t)(mag % p10_64[19]);
    }
    b[len - 1] = (uint8_t)((lo % 10) << 4 | (neg ? 0xD : 0xC));
    lo /= 10;
    unsigned left = 18;    /* digits of lo not yet placed (19 less the one above) */
    for (unsigned i = len - 1; i-- > 0;) {
        if (left == 0) {
            lo = hi;
            left = 64;
        }
        unsigned v = (unsigned)(lo % 100);
        lo /= 100;
        left -= 2;
        b[i] = (uint8_t)((v / 10) << 4 | v % 10);
    }
}

static inline bool in_one_block(uint32_t va, unsigned len)
{
    return (va & (BLOCK_SIZE - 1)) + len <= BLOCK_SIZE;
}

/* Check a result field for store access. Returns a host pointer to it when
   it lies in one 2K block (the usual case), else NULL: then the result goes
   through vwrite. */
static uint8_t *result_field(struct cpu *c, uint32_t va, unsigned len)
{
    if (likely(in_one_block(va, len))) return vptr_w(c, va);
    vcheck(c, va, len, true);
    return NULL;
}

/* Fetch and convert a packed operand; data exception if it is invalid. */
static void fetch_packed(struct cpu *c, uint32_t va, unsigned len, struct packed *p)
{
    uint8_t b[16];
    const uint8_t *s = b;
    if (likely(in_one_block(va, len))) s = vptr_r(c, va);
    else vread(c, va, b, len);
    if (unlikely(!packed_to_bin(s, len, p))) cpu_program_check(c, PGM_DATA);
}

/* Store a packed result at va (host: its host pointer from result_field). */
static void store_packed(struct cpu *c, uint8_t *host, uint32_t va, unsigned len, u128 mag, bool neg)
{
    uint8_t b[16];
    bin_to_packed(host ? host : b, len, mag, neg);
    if (!host) vwrite(c, va, b, len);
}

/* Finish an add-type instruction (AP SP ZAP SRP): store mag, truncated to the
   field, with its sign; a zero result is plus unless nonzero digits were lost
   (then it keeps the sign of the true result, PoO ZAP/AP/SRP); set the cc.
   Decimal overflow completes the operation and then interrupts if the
   decimal-overflow mask is one. */
static void add_result(struct cpu *c, uint8_t *host, uint32_t va, unsigned len, u128 mag, bool neg,
                       bool ovf)
{
    if (mag == 0 && !ovf) neg = false;
    store_packed(c, host, va, len, mag, neg);
    if (unlikely(ovf)) {
        c->psw.cc = 3;
        if (c->psw.pgmmask & 4) cpu_program_check(c, PGM_DECIMAL_OVERFLOW);
    } else {
        c->psw.cc = mag == 0 ? 0 : neg ? 1 : 2;
    }
}

/* SS operands with two length codes (L1, L2 = length - 1). */
#define SS_LEN1(ip) (((ip)[1] >> 4) + 1u)
#define SS_LEN2(ip) (((ip)[1] & 15) + 1u)

static void add_decimal(struct cpu *c, const uint8_t *ip, bool subtract)
{
    unsigned l1 = SS_LEN1(ip), l2 = SS_LEN2(ip);
    uint32_t a1 = ea_bd(c, ip + 2), a2 = ea_bd(c, ip + 4);
    struct packed x, y;
    uint8_t *host = result_field(c, a1, l1);
    fetch_packed(c, a2, l2, &y);
    fetch_packed(c, a1, l1, &x);
    y.neg ^= subtract;
    u128 mag;
    bool neg;
    if (x.neg == y.neg) {
        mag = x.mag + y.mag;
        neg = x.neg;
    } else if (x.mag >= y.mag) {
        mag = x.mag - y.mag;
        neg = x.neg;
    } else {
        mag = y.mag - x.mag;
        neg = y.neg;
    }
    add_result(c, host, a1, l1, mag, neg, mag >= p10(2 * l1 - 1));
}

/* FA AP - Add Decimal (SS) */
void op_AP(struct cpu *c, const uint8_t *ip)
{
    add_decimal(c, ip, false);
}

/* FB SP - Subtract Decimal (SS) */
void op_SP(struct cpu *c, const uint8_t *ip)
{
    add_decimal(c, ip, true);
}

/* F8 ZAP - Zero and Add (SS); only the second operand is checked. */
void op_ZAP(struct cpu *c, const uint8_t *ip)
{
    unsigned l1 = SS_LEN1(ip), l2 = SS_LEN2(ip);
    uint32_t a1 = ea_bd(c, ip + 2);
    struct packed y;
    uint8_t *host = result_field(c, a1, l1);
    fetch_packed(c, ea_bd(c, ip + 4), l2, &y);
    add_result(c, host, a1, l1, y.mag, y.neg, y.mag >= p10(2 * l1 - 1));
}

/* F9 CP - Compare Decimal (SS); minus zero equals plus zero. */
void op_CP(struct cpu *c, const uint8_t *ip)
{
    struct packed x, y;
    fetch_packed(c, ea_bd(c, ip + 4), SS_LEN2(ip), &y);
    fetch_packed(c, ea_bd(c, ip + 2), SS_LEN1(ip), &x);
    bool xn = x.neg && x.mag, yn = y.neg && y.mag;
    if (xn != yn) c->psw.cc = xn ? 1 : 2;
    else if (x.mag == y.mag) c->psw.cc = 0;
    else c->psw.cc = (x.mag < y.mag) != xn ? 1 : 2;
}

/* FC MP - Multiply Decimal (SS). The multiplicand must have at least as many
   bytes of leftmost zeros as the multiplier has bytes (else data exception),
   so the product always fits. Its sign follows the rules of algebra even
   when it is zero; the cc is unchanged. */
void op_MP(struct cpu *c, const uint8_t *ip)
{
    unsigned l1 = SS_LEN1(ip), l2 = SS_LEN2(ip);
    uint32_t a1 = ea_bd(c, ip + 2);
    struct packed x, y;
    spec_check(c, l2 > 8 || l2 >= l1);
    uint8_t *host = result_field(c, a1, l1);
    fetch_packed(c, ea_bd(c, ip + 4), l2, &y);
    fetch_packed(c, a1, l1, &x);
    if (x.mag >= p10(2 * (l1 - l2) - 1)) cpu_program_check(c, PGM_DATA);
    store_packed(c, host, a1, l1, x.mag * y.mag, x.neg != y.neg);
}

/* FD DP - Divide Decimal (SS). The quotient goes to the leftmost L1 - L2
   bytes with the algebraic sign, the remainder to the rightmost L2 bytes with
   the dividend's sign, zero or not; the cc is unchanged. A zero divisor or a
   quotient too long for its field is a decimal-divide exception
   (suppression). */
void op_DP(struct cpu *c, const uint8_t *ip)
{
    unsigned l1 = SS_LEN1(ip), l2 = SS_LEN2(ip);
    uint32_t a1 = ea_bd(c, ip + 2);
    struct packed x, y;
    spec_check(c, l2 > 8 || l2 >= l1);
    uint8_t *host = result_field(c, a1, l1);
    fetch_packed(c, ea_bd(c, ip + 4), l2, &y);
    fetch_packed(c, a1, l1, &x);
    if (y.mag == 0) cpu_program_check(c, PGM_DECIMAL_DIVIDE);
    u128 q = udiv(x.mag, y.mag), r = x.mag - q * y.mag;
    if (q >= p10(2 * (l1 - l2) - 1)) cpu_program_check(c, PGM_DECIMAL_DIVIDE);
    uint8_t buf[16], *out = host ? host : buf;
    bin_to_packed(out, l1 - l2, q, x.neg != y.neg);
    bin_to_packed(out + l1 - l2, l2, r, x.neg);
    if (!host) vwrite(c, a1, buf, l1);
}

/* F0 SRP - Shift and Round Decimal (SS). The low six bits of the second-
   operand address are a signed shift: 1-31 left, 63-32 right 1-32 digits,
   rounding with I3 (which must be a valid digit) added to the leftmost digit
   shifted out. Nonzero digits shifted out on the left are decimal overflow. */
void op_SRP(struct cpu *c, const uint8_t *ip)
{
    unsigned l1 = SS_LEN1(ip), i3 = ip[1] & 15, digits = 2 * l1 - 1;
    unsigned shift = ea_bd(c, ip + 4) & 63;
    uint32_t a1 = ea_bd(c, ip + 2);
    struct packed x;
    uint8_t *host = result_field(c, a1, l1);
    fetch_packed(c, a1, l1, &x);
    if (i3 > 9) cpu_program_check(c, PGM_DATA);
    u128 mag = x.mag;
    bool ovf = false;
    if (shift >= 32) {
        u128 t = udiv(mag, p10(63 - shift));      /* keep the first digit shifted out */
        mag = udiv(t, 10) + (urem(t, 10) + i3 >= 10);
    } else if (shift >= digits) {
        ovf = mag != 0;
        mag = 0;
    } else if (shift) {
        u128 keep = p10(digits - shift);
        ovf = mag >= keep;
        mag = urem(mag, keep) * p10(shift);
    }
    add_result(c, host, a1, l1, mag, x.neg, ovf);
}

/* 4E CVD - Convert to Decimal (RX): eight bytes, sign C or D. */
void op_CVD(struct cpu *c, const uint8_t *ip)
{
    int32_t v = (int32_t)c->gr[R1(ip)];
    uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)(int64_t)v : (uint64_t)v;
    uint64_t d = v < 0 ? 0xD : 0xC;
    for (unsigned shift = 4; m; shift += 4) {
        d |= (m % 10) << shift;
        m /= 10;
    }
    vstore8(c, ea_rx(c, ip), d);
}

/* 4F CVB - Convert to Binary (RX). Outside the 32-bit range the operation is
   completed with the rightmost 32 bits of the result in R1, and then a
   fixed-point-divide exception is recognized (PoO CVB). */
void op_CVB(struct cpu *c, const uint8_t *ip)
{
    uint8_t b[8];
    struct packed p;
    put64(b, vfetch8(c, ea_rx(c, ip)));
    if (unlikely(!packed_to_bin(b, 8, &p))) cpu_program_check(c, PGM_DATA);
    uint64_t m = (uint64_t)p.mag;
    c->gr[R1(ip)] = (uint32_t)(p.neg ? (uint64_t)0 - m : m);
    if (unlikely(m > (p.neg ? 0x80000000u : 0x7FFFFFFFu))) cpu_program_check(c, PGM_FIXED_DIVIDE);
}

/* Edit under control of the pattern (PoO ED, "Summary of Editing Functions").
   The first pattern byte is the fill byte and is then edited like the rest.
   The result is built in a buffer and stored once, after every source byte
   has been fetched and checked. With mark (EDMK), bits 8-31 of GR1 get the
   address of the rightmost result digit stored while significance was off. */
static void edit(struct cpu *c, const uint8_t *ip, bool mark)
{
    unsigned len = ip[1] + 1u;
    uint32_t a1 = ea_bd(c, ip + 2), a2 = ea_bd(c, ip + 4);
    uint8_t buf[256];
    vcheck(c, a1, len, true);
    vread(c, a1, buf, len);
    uint8_t fill = buf[0];
    bool sig = false, nonzero = false, right = false, marked = false;
    unsigned src = 0;
    uint32_t mark_at = 0;
    for (unsigned i = 0; i < len; i++) {
        uint8_t p = buf[i];
        if (p == 0x20 || p == 0x21) {
            unsigned d;
            bool plus = false;
            if (right) {            /* the right digit of the last source byte */
                d = src & 15;
                right = false;
            } else {                /* a new source byte: left digit, then the sign test */
                src = vfetch1(c, a2);
                a2 = (a2 + 1) & AMASK;
                d = src >> 4;
                if (d > 9) cpu_program_check(c, PGM_DATA);
                if ((src & 15) > 9) plus = !sign_minus(src & 15);
                else right = true;
            }
            if (d || sig) {
                if (mark && !sig) {
                    marked = true;
                    mark_at = (a1 + i) & AMASK;
                }
                buf[i] = (uint8_t)(0xF0 | d);
                nonzero |= d != 0;
                sig = true;
            } else {
                buf[i] = fill;
                sig = p == 0x21;
            }
            if (plus) sig = false;
        } else if (p == 0x22) {     /* field separator: a new field for the cc */
            buf[i] = fill;
            sig = false;
            nonzero = false;
        } else if (!sig) {          /* message byte */
            buf[i] = fill;
        }
    }
    vwrite(c, a1, buf, len);
    if (marked) c->gr[1] = (c->gr[1] & 0xFF000000u) | mark_at;
    c->psw.cc = !nonzero ? 0 : sig ? 1 : 2;
}

/* DE ED - Edit (SS) */
void op_ED(struct cpu *c, const uint8_t *ip)
{
    edit(c, ip, false);
}

/* DF EDMK - Edit and Mark (SS) */
void op_EDMK(struct cpu *c, const uint8_t *ip)
{
    edit(c, ip, true);
}

/* Rightmost byte addresses of the two SS_LL operands, after checking the
   whole operands for access (nothing is stored before that). */
static void move_operands(struct cpu *c, const uint8_t *ip, uint32_t *e1, uint32_t *e2)
{
    unsigned l1 = SS_LEN1(ip), l2 = SS_LEN2(ip);
    uint32_t a1 = ea_bd(c, ip + 2), a2 = ea_bd(c, ip + 4);
    vcheck(c, a2, l2, false);
    vcheck(c, a1, l1, true);
    *e1 = (a1 + l1 - 1) & AMASK;
    *e2 = (a2 + l2 - 1) & AMASK;
}

/* F2 PACK - Pack (SS): zones dropped, the rightmost byte's halves swapped. */
void op_PACK(struct cpu *c, const uint8_t *ip)
{
    unsigned l1 = SS_LEN1(ip), l2 = SS_LEN2(ip), k2 = 1;
    uint32_t e1, e2;
    move_operands(c, ip, &e1, &e2);
    unsigned s = vfetch1(c, e2);
    vstore1(c, e1, (uint8_t)(s << 4 | s >> 4));
    for (unsigned k1 = 1; k1 < l1; k1++) {
        unsigned lo = k2 < l2 ? vfetch1(c, (e2 - k2++) & AMASK) & 15 : 0;
        unsigned hi = k2 < l2 ? vfetch1(c, (e2 - k2++) & AMASK) & 15 : 0;
        vstore1(c, (e1 - k1) & AMASK, (uint8_t)(hi << 4 | lo));
    }
}

/* F3 UNPK - Unpack (SS): each digit gets the zone F; the rightmost byte's
   halves are swapped. */
void op_UNPK(struct cpu *c, const uint8_t *ip)
{
    unsigned l1 = SS_LEN1(ip), l2 = SS_LEN2(ip), k1 = 1;
    uint32_t e1, e2;
    move_operands(c, ip, &e1, &e2);
    unsigned s = vfetch1(c, e2);
    vstore1(c, e1, (uint8_t)(s << 4 | s >> 4));
    for (unsigned k2 = 1; k1 < l1; k2++) {
        s = k2 < l2 ? vfetch1(c, (e2 - k2) & AMASK) : 0;
        vstore1(c, (e1 - k1++) & AMASK, (uint8_t)(0xF0 | (s & 15)));
        if (k1 < l1) vstore1(c, (e1 - k1++) & AMASK, (uint8_t)(0xF0 | s >> 4));
    }
}

/* F1 MVO - Move with Offset (SS): the second operand goes to the left of
   the rightmost four bits of the first, zeros fill on the left. */
void op_MVO(struct cpu *c, const uint8_t *ip)
{
    unsigned l1 = SS_LEN1(ip), l2 = SS_LEN2(ip);
    uint32_t e1, e2;
    move_operands(c, ip, &e1, &e2);
    unsigned prev = vfetch1(c, e2);
    vstore1(c, e1, (uint8_t)(prev << 4 | (vfetch1(c, e1) & 15)));
    for (unsigned k = 1; k < l1; k++) {
        unsigned s = k < l2 ? vfetch1(c, (e2 - k) & AMASK) : 0;
        vstore1(c, (e1 - k) & AMASK, (uint8_t)(s << 4 | prev >> 4));
        prev = s;
    }
}
