/*
 * instr.c - machine instructions. The mnemonic table is built from
 * s370/opcodes.def (the one opcode table); the format of a row gives the
 * operand syntax. The extended branch mnemonics (HLASM Language Reference,
 * "Branching with extended mnemonic codes") are BC/BCR with a fixed mask.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "asm.h"

enum ifmt { F_RR, F_RR_R1, F_RR_I, F_RR_M, F_RX, F_RX_M, F_RS, F_RS_SH, F_RS_M, F_SI, F_S, F_S0,
            F_SS_L, F_SS_LL, F_SS_I, F_BRX, F_BRR };

struct insn_def {
    const char *mn;
    uint8_t op, ext;
    bool two;
    enum ifmt fmt;
    uint8_t mask;             /* F_BRX / F_BRR: the fixed branch mask */
};

static const struct insn_def insns[] = {
#define OP(code, m, fmt, cls) { #m, code, 0, false, F_##fmt, 0 },
#define OP2(code, e, m, fmt, cls) { #m, code, e, true, F_##fmt, 0 },
#include "opcodes.def"
#define BR(m, mask) { m, 0x47, 0, false, F_BRX, mask }, { m "R", 0x07, 0, false, F_BRR, mask },
    BR("B", 15) BR("BH", 2) BR("BL", 4) BR("BE", 8) BR("BNH", 13) BR("BNL", 11) BR("BNE", 7)
    BR("BO", 1) BR("BP", 2) BR("BM", 4) BR("BZ", 8) BR("BNO", 14) BR("BNP", 13) BR("BNM", 11)
    BR("BNZ", 7)
#undef BR
    { "NOP", 0x47, 0, false, F_BRX, 0 },
    { "NOPR", 0x07, 0, false, F_BRR, 0 },
    { NULL, 0, 0, false, F_RR, 0 },
};

const struct insn_def *insn_lookup(const char *mnem)
{
    for (const struct insn_def *d = insns; d->mn; d++)
        if (!strcmp(d->mn, mnem)) return d;
    return NULL;
}

static int insn_len(uint8_t op) { return op < 0x40 ? 2 : op < 0xC0 ? 4 : 6; }

/* An absolute value in [lo, hi]. */
static int absval(struct asm_ctx *a, const char *s, int lo, int hi, const char *what)
{
    const char *p = s;
    int32_t v;
    if (!*s) {
        asm_error(a, "missing %s", what);
        return 0;
    }
    if (!expr_abs(a, &p, &v)) return 0;
    if (*p) {
        asm_error(a, "bad %s '%s'", what, s);
        return 0;
    }
    if (v < lo || v > hi) {
        asm_error(a, "%s %d out of range %d-%d", what, v, lo, hi);
        return 0;
    }
    return v;
}

static int reg(struct asm_ctx *a, const char *s) { return absval(a, s, 0, 15, "register"); }

/* Parse "(a)" or "(a,b)" after an expression; parts are copied out. */
static int paren_parts(struct asm_ctx *a, const char **pp, char *p1, char *p2)
{
    const char *p = *pp + 1;
    char *dst = p1;
    int n = 1, depth = 0, k = 0;
    p1[0] = p2[0] = 0;
    for (; *p; p++) {
        /* a quote, unless it is the one of an attribute reference (L'X) */
        if (*p == '\'' && !(p > *pp + 1 && is_attr_at(*pp + 1, p - 1))) {
            const char *q = skip_quoted(p);
            while (p < q && k < 126) dst[k++] = *p++;
            p--;
            continue;
        }
        if (*p == '(') depth++;
        if (*p == ')' && depth-- == 0) break;
        if (*p == ',' && depth == 0 && n == 1) {
            dst[k] = 0;
            dst = p2;
            k = 0;
            n = 2;
            continue;
        }
        if (k < 126) dst[k++] = *p;
    }
    dst[k] = 0;
    if (*p != ')') {
        asm_error(a, "missing ')' in address");
        return 0;
    }
    *pp = p + 1;
    return n;
}

/* D(X,B), D(,B), D(X), S(X) or S: displacement, index, base. With two=false
   the parenthesised part is (B) only; with len the first part is a length. */
struct addr { int d, x, b, l; bool haslen; };

static bool address(struct asm_ctx *a, const char *s, bool has_index, bool want_len, int maxlen,
                    struct addr *out)
{
    const char *p = s;
    struct val v;
    struct einfo ei;
    memset(out, 0, sizeof *out);
    if (!*s) {
        asm_error(a, "missing address operand");
        return false;
    }
    if (!expr_parse(a, &p, &v, &ei)) return false;
    out->l = ei.len;
    char p1[128], p2[128];
    int n = 0;
    if (*p == '(') {
        n = paren_parts(a, &p, p1, p2);
        if (!n) return false;
    }
    if (*p) {
        asm_error(a, "bad address operand '%s'", s);
        return false;
    }
    bool explicit_base = false;
    if (n == 2) {
        explicit_base = true;
        out->b = reg(a, p2);
        if (has_index) out->x = p1[0] ? reg(a, p1) : 0;
        else if (want_len) {
            if (p1[0]) out->l = absval(a, p1, 0, maxlen, "length"), out->haslen = true;
        } else {
            asm_error(a, "too many registers in address '%s'", s);
            return false;
        }
    } else if (n == 1) {
        if (has_index) out->x = reg(a, p1);
        else if (want_len) out->l = absval(a, p1, 0, maxlen, "length"), out->haslen = true;
        else {
            explicit_base = true;
            out->b = reg(a, p1);
        }
    }
    if (explicit_base) {
        if (!val_is_abs(&v)) {
            asm_error(a, "relocatable displacement with an explicit base register");
            return false;
        }
        if (v.v < 0 || v.v > 4095) {
            asm_error(a, "displacement %d out of range 0-4095", v.v);
            return false;
        }
        out->d = v.v;
        return true;
    }
    if (ei.undef) return false;
    return resolve_using(a, &v, &out->b, &out->d);
}

static void put_bd(uint8_t *p, int b, int d)
{
    p[0] = (uint8_t)(b << 4 | (d >> 8 & 15));
    p[1] = (uint8_t)d;
}

static bool nops(struct asm_ctx *a, int n, int want)
{
    if (n == want) return true;
    asm_error(a, "expected %d operand%s, found %d", want, want == 1 ? "" : "s", n);
    return false;
}

static void encode(struct asm_ctx *a, const struct insn_def *d, char **o, int n, uint8_t *b)
{
    struct addr ad, ad2;
    b[0] = d->op;
    if (d->two) b[1] = d->ext;
    switch (d->fmt) {
    case F_RR:
        if (nops(a, n, 2)) b[1] = (uint8_t)(reg(a, o[0]) << 4 | reg(a, o[1]));
        break;
    case F_RR_R1:
        if (nops(a, n, 1)) b[1] = (uint8_t)(reg(a, o[0]) << 4);
        break;
    case F_RR_I:
        if (nops(a, n, 1)) b[1] = (uint8_t)absval(a, o[0], 0, 255, "immediate");
        break;
    case F_RR_M:
        if (nops(a, n, 2)) b[1] = (uint8_t)(reg(a, o[0]) << 4 | reg(a, o[1]));
        break;
    case F_BRR:
        if (nops(a, n, 1)) b[1] = (uint8_t)(d->mask << 4 | reg(a, o[0]));
        break;
    case F_RX:
    case F_RX_M:
        if (!nops(a, n, 2)) break;
        b[1] = (uint8_t)(reg(a, o[0]) << 4);
        if (address(a, o[1], true, false, 0, &ad)) b[1] |= (uint8_t)ad.x, put_bd(b + 2, ad.b, ad.d);
        break;
    case F_BRX:
        if (!nops(a, n, 1)) break;
        b[1] = (uint8_t)(d->mask << 4);
        if (address(a, o[0], true, false, 0, &ad)) b[1] |= (uint8_t)ad.x, put_bd(b + 2, ad.b, ad.d);
        break;
    case F_RS:
    case F_RS_M:
        if (!nops(a, n, 3)) break;
        b[1] = (uint8_t)(reg(a, o[0]) << 4 | reg(a, o[1]));
        if (address(a, o[2], false, false, 0, &ad)) put_bd(b + 2, ad.b, ad.d);
        break;
    case F_RS_SH:
        if (!nops(a, n, 2)) break;
        b[1] = (uint8_t)(reg(a, o[0]) << 4);
        if (address(a, o[1], false, false, 0, &ad)) put_bd(b + 2, ad.b, ad.d);
        break;
    case F_SI:
        if (!nops(a, n, 2)) break;
        b[1] = (uint8_t)absval(a, o[1], -128, 255, "immediate");
        if (address(a, o[0], false, false, 0, &ad)) put_bd(b + 2, ad.b, ad.d);
        break;
    case F_S:
        if (nops(a, n, 1) && address(a, o[0], false, false, 0, &ad)) put_bd(b + 2, ad.b, ad.d);
        break;
    case F_S0:
        break;
    case F_SS_L:
        if (!nops(a, n, 2)) break;
        if (address(a, o[0], false, true, 256, &ad)) {
            if (ad.l > 256) asm_error(a, "length %d out of range 1-256", ad.l), ad.l = 256;
            b[1] = (uint8_t)(ad.l ? ad.l - 1 : 0);
            put_bd(b + 2, ad.b, ad.d);
        }
        if (address(a, o[1], false, false, 0, &ad2)) put_bd(b + 4, ad2.b, ad2.d);
        break;
    case F_SS_LL:
    case F_SS_I:
        if (!nops(a, n, d->fmt == F_SS_I ? 3 : 2)) break;
        if (address(a, o[0], false, true, 16, &ad)) {
            if (ad.l > 16) asm_error(a, "length %d out of range 1-16", ad.l), ad.l = 16;
            b[1] = (uint8_t)((ad.l ? ad.l - 1 : 0) << 4);
            put_bd(b + 2, ad.b, ad.d);
        }
        if (d->fmt == F_SS_I) {
            if (address(a, o[1], false, false, 0, &ad2)) put_bd(b + 4, ad2.b, ad2.d);
            b[1] |= (uint8_t)absval(a, o[2], 0, 15, "immediate");
        } else if (address(a, o[1], false, true, 16, &ad2)) {
            if (ad2.l > 16) asm_error(a, "length %d out of range 1-16", ad2.l), ad2.l = 16;
            b[1] |= (uint8_t)(ad2.l ? ad2.l - 1 : 0);
            put_bd(b + 4, ad2.b, ad2.d);
        }
        break;
    }
}

void insn_assemble(struct asm_ctx *a, const struct insn_def *d, const char *label, const char *ops)
{
    int len = insn_len(d->op);
    asm_ensure_section(a);
    if (asm_loc(a) & 1) asm_align(a, 2, true);   /* HLASM pads to a halfword with X'00' */
    if (label[0] && label[0] != '.') sym_define(a, label, asm_locval(a), len, 'I');
    char *copy = xstrdup(ops);
    char *o[8];
    int n = split_operands(copy, o, 8);
    if (n < 0) {
        asm_error(a, "too many operands");
        n = 0;
    }
    uint8_t b[6] = { 0 };
    a->stmt_loc = asm_loc(a);
    a->stmt_has_loc = true;
    encode(a, d, o, n, b);
    asm_emit(a, b, (uint32_t)len);
    free(copy);
}
