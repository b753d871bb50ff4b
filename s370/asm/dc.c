/*
 * dc.c - DC, DS, CCW and literals (HLASM Language Reference, "DC
 * instruction"). Padding and truncation follow HLASM: C pads on the right
 * with EBCDIC blanks and truncates on the right; X, B, P and Z pad and
 * truncate on the left (X and B with zero bits, P with zero digits, Z with
 * X'F0'); F, H, A, Y keep the low-order bytes. F, H, A, V, E (fullword), Y, S
 * (halfword), D and L (doubleword) are aligned unless a length is given.
 * E, D and L are hexadecimal floating point, rounded to nearest (L to the
 * precision of the host's long double).
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "asm.h"
#include "ebcdic.h"

struct dcop {
    int32_t dup;
    char type;
    int32_t len;              /* explicit length, or -1 */
    const char *nom, *nomend; /* nominal value without its delimiters */
    bool has_nom;
};

static int implicit_align(char t)
{
    switch (t) {
    case 'F': case 'A': case 'V': case 'E': return 4;
    case 'H': case 'Y': case 'S': return 2;
    case 'D': case 'L': return 8;
    default: return 1;
    }
}

static int fixed_len(char t)
{
    switch (t) {
    case 'F': case 'A': case 'V': case 'E': return 4;
    case 'H': case 'Y': case 'S': return 2;
    case 'D': return 8;
    case 'L': return 16;
    default: return 0;
    }
}

static bool int_or_paren(struct asm_ctx *a, const char **pp, int32_t *out)
{
    const char *p = *pp;
    if (*p == '(') {
        p++;
        if (!expr_abs(a, &p, out)) return false;
        if (*p != ')') {
            asm_error(a, "missing ')'");
            return false;
        }
        *pp = p + 1;
        return true;
    }
    if (!isdigit((unsigned char)*p)) return false;
    int64_t v = 0;
    while (isdigit((unsigned char)*p)) v = v * 10 + (*p++ - '0');
    if (v > 0xFFFFFF) v = 0xFFFFFF;
    *out = (int32_t)v;
    *pp = p;
    return true;
}

/* Parse the operand at *pp: [dup] type [Ln] [Sn] [En] [nominal]. */
static bool parse_op(struct asm_ctx *a, const char **pp, struct dcop *op, bool need_nom)
{
    const char *p = *pp;
    memset(op, 0, sizeof *op);
    op->dup = 1;
    op->len = -1;
    if ((isdigit((unsigned char)*p) || *p == '(') && !int_or_paren(a, &p, &op->dup)) return false;
    op->type = (char)toupper((unsigned char)*p);
    if (!op->type || !strchr("CXBFHAYVSPZEDL", op->type)) {
        asm_error(a, "unknown constant type '%c'", *p ? *p : ' ');
        return false;
    }
    p++;
    for (;;) {
        int m = toupper((unsigned char)*p);
        if (m == 'L' && (isdigit((unsigned char)p[1]) || p[1] == '(')) {
            p++;
            if (!int_or_paren(a, &p, &op->len)) {
                asm_error(a, "bad length modifier (bit lengths are not supported)");
                return false;
            }
            if (op->len < 1 || op->len > 65535) {
                asm_error(a, "bad length modifier %d", op->len);
                return false;
            }
        } else if ((m == 'S' || m == 'E') &&
                   (isdigit((unsigned char)p[1]) || p[1] == '(' || p[1] == '-' || p[1] == '+')) {
            int32_t ignored;
            p++;
            if (*p == '-' || *p == '+') p++;
            if (!int_or_paren(a, &p, &ignored)) {
                asm_error(a, "bad scale or exponent modifier");
                return false;
            }
        } else
            break;
    }
    if (strchr("AYVS", op->type)) {
        if (*p == '(') {
            int depth = 0;
            const char *q = p;
            for (; *q; q++) {
                if (*q == '\'') {
                    if (q > p && is_attr_at(p, q - 1)) continue;
                    q = skip_quoted(q) - 1;
                    continue;
                }
                if (*q == '(') depth++;
                else if (*q == ')' && --depth == 0) break;
            }
            if (*q != ')') {
                asm_error(a, "missing ')' in address constant");
                return false;
            }
            op->nom = p + 1;
            op->nomend = q;
            op->has_nom = true;
            p = q + 1;
        }
    } else if (*p == '\'') {
        const char *q = skip_quoted(p);
        if (q[-1] != '\'' || q == p + 1) {
            asm_error(a, "unterminated string");
            return false;
        }
        op->nom = p + 1;
        op->nomend = q - 1;
        op->has_nom = true;
        p = q;
    }
    if (need_nom && !op->has_nom) {
        asm_error(a, "DC operand needs a nominal value");
        return false;
    }
    *pp = p;
    return true;
}

/* The values of a nominal: C is one value; A/Y/V/S split at top-level
   commas; the rest split at commas. */
static int split_values(const struct dcop *op, char *buf, char **v, int max)
{
    size_t n = (size_t)(op->nomend - op->nom);
    memcpy(buf, op->nom, n);
    buf[n] = 0;
    if (op->type == 'C') {
        v[0] = buf;
        return 1;
    }
    if (strchr("AYVS", op->type)) return split_operands(buf, v, max);
    int k = 0;
    v[k++] = buf;
    for (char *p = buf; *p; p++)
        if (*p == ',') {
            *p = 0;
            if (k == max) return -1;
            v[k++] = p + 1;
        }
    return k;
}

/* C-type text after '' and && reduction, as EBCDIC. */
static size_t ctext(const char *s, uint8_t *out)
{
    size_t n = 0;
    for (; *s; s++) {
        if ((*s == '\'' && s[1] == '\'') || (*s == '&' && s[1] == '&')) s++;
        if (out) out[n] = ebcdic_enc((unsigned char)*s);
        n++;
    }
    return n;
}

static int32_t count_digits(const char *s, int *nd, bool *neg, bool *bad)
{
    *nd = 0;
    *neg = false;
    *bad = false;
    while (*s == ' ') s++;
    if (*s == '+' || *s == '-') *neg = *s++ == '-';
    for (; *s; s++) {
        if (isdigit((unsigned char)*s)) (*nd)++;
        else if (*s != '.') *bad = true;
    }
    return 0;
}

static int32_t implicit_len(const struct dcop *op, const char *v)
{
    int nd;
    bool neg, bad;
    switch (op->type) {
    case 'C': return (int32_t)ctext(v, NULL);
    case 'X': return (int32_t)(strlen(v) + 1) / 2;
    case 'B': return (int32_t)(strlen(v) + 7) / 8;
    case 'P': count_digits(v, &nd, &neg, &bad); return nd / 2 + 1;
    case 'Z': count_digits(v, &nd, &neg, &bad); return nd ? nd : 1;
    default: return fixed_len(op->type);
    }
}

/* HFP: sign, 7-bit characteristic (excess 64), fraction of `digits` hex
   digits (6 short, 14 long). Returns false on overflow. */
static bool hfp(long double x, int digits, uint8_t sign_char[1], uint64_t *frac, long double *rest)
{
    *rest = 0;
    if (x == 0) {
        sign_char[0] = 0;
        *frac = 0;
        return true;
    }
    int s = x < 0;
    if (s) x = -x;
    int e = 0;
    while (x >= 1) x /= 16, e++;
    while (x < 1.0L / 16) x *= 16, e--;
    long double scaled = ldexpl(x, 4 * digits);
    long double whole = floorl(scaled);
    *rest = scaled - whole;
    uint64_t f = (uint64_t)whole;
    if (*rest >= 0.5L) f++;
    if (f >> (4 * digits)) f >>= 4, e++;
    if (e + 64 < 0 || e + 64 > 127) return false;
    sign_char[0] = (uint8_t)(s << 7 | (e + 64));
    *frac = f;
    return true;
}

static void put_be(uint8_t *p, uint64_t v, int n)
{
    for (int i = n - 1; i >= 0; i--, v >>= 8) p[i] = (uint8_t)v;
}

static void gen_float(struct asm_ctx *a, char t, const char *v, uint8_t *out, int32_t len)
{
    char *end;
    long double x = strtold(v, &end);
    while (*end == ' ') end++;
    if (*end || end == v) {
        asm_error(a, "bad floating-point constant '%s'", v);
        return;
    }
    uint8_t b[16] = { 0 };
    uint8_t sc;
    uint64_t f;
    long double rest;
    int digits = t == 'E' ? 6 : 14;
    if (t == 'L') {
        /* extended: first doubleword unrounded, second holds the next 14 digits */
        if (x != 0) {
            int s = x < 0;
            long double y = s ? -x : x;
            int e = 0;
            while (y >= 1) y /= 16, e++;
            while (y < 1.0L / 16) y *= 16, e--;
            long double hi = floorl(ldexpl(y, 56));
            long double lo = roundl(ldexpl(ldexpl(y, 56) - hi, 56));
            uint64_t h = (uint64_t)hi, l = (uint64_t)lo;
            if (l >> 56) l = 0, h++;
            if (h >> 56) h >>= 4, e++;
            b[0] = (uint8_t)(s << 7 | ((e + 64) & 127));
            put_be(b + 1, h, 7);
            b[8] = (uint8_t)(s << 7 | ((e + 64 - 14) & 127));
            put_be(b + 9, l, 7);
        }
    } else {
        if (!hfp(x, digits, &sc, &f, &rest)) {
            asm_error(a, "floating-point constant out of range");
            return;
        }
        b[0] = sc;
        put_be(b + 1, f, digits / 2);
    }
    int natural = t == 'E' ? 4 : t == 'D' ? 8 : 16;
    /* explicit length: keep the high-order bytes */
    for (int i = 0; i < len; i++) out[i] = i < natural ? b[i] : 0;
}

static void gen_fixed(struct asm_ctx *a, const char *v, uint8_t *out, int32_t len)
{
    char *end;
    const char *s = v;
    while (*s == ' ') s++;
    long long x = strtoll(s, &end, 10);
    if (*end == '.') {   /* fraction without a scale modifier is dropped */
        end++;
        while (isdigit((unsigned char)*end)) end++;
    }
    if (*end || end == s) {
        asm_error(a, "bad fixed-point constant '%s'", v);
        return;
    }
    if (len < 8) {
        long long lim = 1LL << (8 * len);
        if (x >= lim || x < -(lim / 2)) asm_error(a, "fixed-point constant %s too large for %d bytes", v, len);
    }
    for (int i = len - 1; i >= 0; i--, x >>= 8) out[i] = (uint8_t)x;
}

static void gen_hexbin(struct asm_ctx *a, char t, const char *v, uint8_t *out, int32_t len)
{
    int bits = t == 'X' ? 4 : 1;
    int n = (int)strlen(v);
    int pos = 8 * len;   /* bit position from the right, fill right to left */
    memset(out, 0, (size_t)len);
    for (int i = n - 1, bit = 0; i >= 0; i--, bit += bits) {
        int c = toupper((unsigned char)v[i]);
        int d;
        if (t == 'X' && isxdigit(c)) d = isdigit(c) ? c - '0' : c - 'A' + 10;
        else if (t == 'B' && (c == '0' || c == '1')) d = c - '0';
        else {
            asm_error(a, "bad %s digit '%c'", t == 'X' ? "hexadecimal" : "binary", v[i]);
            return;
        }
        if (bit >= pos) continue;   /* truncated on the left */
        int byte = len - 1 - bit / 8;
        out[byte] |= (uint8_t)(d << (bit % 8));
    }
}

static void gen_decimal(struct asm_ctx *a, char t, const char *v, uint8_t *out, int32_t len)
{
    int nd;
    bool neg, bad;
    count_digits(v, &nd, &neg, &bad);
    if (bad || nd == 0) {
        asm_error(a, "bad decimal constant '%s'", v);
        return;
    }
    char digs[128];
    int k = 0;
    for (const char *s = v; *s; s++)
        if (isdigit((unsigned char)*s) && k < 127) digs[k++] = *s;
    if (t == 'Z') {
        for (int i = 0; i < len; i++) {
            int di = k - len + i;
            out[i] = (uint8_t)(0xF0 | (di >= 0 ? digs[di] - '0' : 0));
        }
        out[len - 1] = (uint8_t)((neg ? 0xD0 : 0xC0) | (out[len - 1] & 15));
        return;
    }
    /* packed: digits then the sign nibble, right-aligned */
    memset(out, 0, (size_t)len);
    out[len - 1] = neg ? 0x0D : 0x0C;
    int nib = 1;   /* nibble index from the right; 0 is the sign */
    for (int i = k - 1; i >= 0 && nib < 2 * len; i--, nib++) {
        int byte = len - 1 - nib / 2;
        out[byte] |= (uint8_t)((digs[i] - '0') << (nib % 2 ? 4 : 0));
    }
}

/* A, Y, V and S constants: value, bytes and RLD items. */
static void gen_address(struct asm_ctx *a, char t, const char *v, uint8_t *out, int32_t len, bool emit)
{
    const char *p = v;
    struct val val = { 0 };
    struct einfo ei;
    memset(out, 0, (size_t)len);
    if (t == 'V') {
        char name[NAMEMAX];
        if (!get_name(&p, name) || *p) {
            asm_error(a, "V-type constant needs an external symbol name");
            return;
        }
        int rid = asm_extern(a, name, ESD_ER);
        if (emit) {
            val.nrel = 1;
            val.rel[0].rid = (int16_t)rid;
            val.rel[0].m = 1;
            asm_add_rld(a, &val, asm_loc(a), len, true);
        }
        return;
    }
    if (!expr_parse(a, &p, &val, &ei)) return;
    if (t == 'S') {
        int b, d;
        if (*p == '(') {
            p++;
            int32_t r;
            if (!expr_abs(a, &p, &r) || *p != ')' || r < 0 || r > 15 || !val_is_abs(&val)) {
                asm_error(a, "bad S-type constant '%s'", v);
                return;
            }
            p++;
            b = r;
            d = val.v;
            if (d < 0 || d > 4095) asm_error(a, "displacement %d out of range 0-4095", d);
        } else if (ei.undef || !resolve_using(a, &val, &b, &d))
            return;
        if (*p) asm_error(a, "bad S-type constant '%s'", v);
        put_be(out, (uint64_t)(b << 12 | (d & 0xFFF)), len);
        return;
    }
    if (*p) {
        asm_error(a, "bad expression '%s' in address constant", v);
        return;
    }
    put_be(out, (uint32_t)val.v, len);
    if (val.nrel && emit) asm_add_rld(a, &val, asm_loc(a), len, false);
    if (!val.nrel && len < 4) {
        int64_t lim = 1LL << (8 * len);
        if (val.v >= lim || val.v < -lim / 2) asm_warn(a, "value %d truncated to %d bytes", val.v, len);
    }
}

/* Assemble one operand: emit (DC, literal) or reserve (DS). Returns the
   length attribute of its first value; *total gets the bytes it takes. */
static int32_t do_operand(struct asm_ctx *a, const struct dcop *op, bool ds, bool emit, int32_t *total)
{
    char *vals[256];
    char *buf = xmalloc(op->has_nom ? (size_t)(op->nomend - op->nom) + 1 : 1);
    int nv = 0;
    if (op->has_nom) {
        nv = split_values(op, buf, vals, 256);
        if (nv < 0) {
            asm_error(a, "too many values");
            nv = 0;
        }
    }
    int32_t first = op->len >= 0 ? op->len : nv ? implicit_len(op, vals[0]) : fixed_len(op->type) ? fixed_len(op->type) : 1;
    if (op->type == 'C' && nv && first == 0 && op->len < 0) {
        asm_error(a, "empty character constant");
        first = 1;
    }
    int32_t sum = 0;
    if (!nv) sum = first;
    for (int i = 0; i < nv; i++) sum += op->len >= 0 ? op->len : implicit_len(op, vals[i]);
    *total = sum * op->dup;
    if (ds || !emit) {
        if (emit) asm_reserve(a, (uint32_t)*total);
        free(buf);
        return first;
    }
    for (int r = 0; r < op->dup; r++) {
        for (int i = 0; i < nv; i++) {
            int32_t len = op->len >= 0 ? op->len : implicit_len(op, vals[i]);
            uint8_t small[64];
            uint8_t *out = len <= 64 ? small : xmalloc((size_t)len);
            memset(out, 0, (size_t)len);
            switch (op->type) {
            case 'C': {
                size_t n = ctext(vals[i], NULL);
                uint8_t *t = xmalloc(n + 1);
                ctext(vals[i], t);
                for (int32_t k = 0; k < len; k++) out[k] = (size_t)k < n ? t[k] : 0x40;
                free(t);
                break;
            }
            case 'X': case 'B': gen_hexbin(a, op->type, vals[i], out, len); break;
            case 'F': case 'H': gen_fixed(a, vals[i], out, len); break;
            case 'P': case 'Z': gen_decimal(a, op->type, vals[i], out, len); break;
            case 'E': case 'D': case 'L': gen_float(a, op->type, vals[i], out, len); break;
            default:
                if (len > 4 && op->type != 'S') {
                    asm_error(a, "address constant longer than 4 bytes");
                    len = 4;
                }
                gen_address(a, op->type, vals[i], out, len, emit);
                break;
            }
            asm_emit(a, out, (uint32_t)len);
            if (out != small) free(out);
        }
    }
    free(buf);
    return first;
}

void dc_statement(struct asm_ctx *a, const char *label, const char *ops, bool ds)
{
    const char *p = ops;
    bool first = true;
    asm_ensure_section(a);
    if (!*p) {
        asm_error(a, "%s needs an operand", ds ? "DS" : "DC");
        return;
    }
    while (*p) {
        struct dcop op;
        if (!parse_op(a, &p, &op, !ds)) return;
        if (*p && *p != ',') {
            asm_error(a, "bad %s operand at '%.20s'", ds ? "DS" : "DC", p);
            return;
        }
        if (op.len < 0) asm_align(a, implicit_align(op.type), !ds);
        if (first) {
            a->stmt_nobj = 0;
            a->stmt_loc = asm_loc(a);
            a->stmt_has_loc = true;
            int32_t total;
            int32_t l = do_operand(a, &op, ds, false, &total);
            if (label[0] && label[0] != '.') sym_define(a, label, asm_locval(a), l, op.type);
            first = false;
        }
        int32_t total;
        do_operand(a, &op, ds, true, &total);
        if (*p == ',') p++;
    }
}

/* CCW command,address,flags,count: a doubleword channel command word. */
void ccw_statement(struct asm_ctx *a, const char *label, const char *ops)
{
    char *copy = xstrdup(ops);
    char *o[5];
    int n = split_operands(copy, o, 5);
    asm_ensure_section(a);
    asm_align(a, 8, true);
    a->stmt_loc = asm_loc(a);
    a->stmt_has_loc = true;
    if (label[0] && label[0] != '.') sym_define(a, label, asm_locval(a), 8, 'W');
    uint8_t b[8] = { 0 };
    if (n != 4) {
        asm_error(a, "CCW needs 4 operands");
        asm_emit(a, b, 8);
        free(copy);
        return;
    }
    int32_t cmd = 0, flags = 0, count = 0;
    const char *p = o[0];
    expr_abs(a, &p, &cmd);
    p = o[2];
    expr_abs(a, &p, &flags);
    p = o[3];
    expr_abs(a, &p, &count);
    struct val v = { 0 };
    struct einfo ei;
    p = o[1];
    expr_parse(a, &p, &v, &ei);
    b[0] = (uint8_t)cmd;
    put_be(b + 1, (uint32_t)v.v, 3);
    b[4] = (uint8_t)flags;
    put_be(b + 6, (uint32_t)count, 2);
    if (v.nrel) {
        uint32_t loc = asm_loc(a);
        asm_add_rld(a, &v, loc + 1, 3, false);
    }
    asm_emit(a, b, 8);
    free(copy);
}

/* ---------- literals ---------- */

static unsigned lit_hash(const char *text, int pool)
{
    unsigned h = (unsigned)pool * 31u;
    while (*text) h = h * 33u + (unsigned char)*text++;
    return h % LITHASH;
}

static struct literal *lit_lookup(struct asm_ctx *a, const char *text)
{
    for (struct literal *l = a->lithash[lit_hash(text, a->poolno)]; l; l = l->hnext)
        if (l->pool == a->poolno && !strcmp(l->text, text)) return l;
    return NULL;
}

/* p at '=': parse the literal, enter it in the current pool, return its
   address (from the previous pass until the pool is placed). */
struct val lit_ref(struct asm_ctx *a, const char **pp, struct einfo *ei)
{
    struct val v = { 0 };
    const char *p = *pp + 1;
    struct dcop op;
    if (!parse_op(a, &p, &op, true)) {
        *pp = p;
        ei->undef = true;
        return v;
    }
    char *text = xstrndup(*pp, (size_t)(p - *pp));
    *pp = p;
    struct literal *l = lit_lookup(a, text);
    if (!l) {
        l = calloc(1, sizeof *l);
        if (!l) xmalloc((size_t)-1);
        l->text = text;
        l->pool = a->poolno;
        l->rid = -1;
        l->next = a->lits;
        a->lits = l;
        unsigned h = lit_hash(text, a->poolno);
        l->hnext = a->lithash[h];
        a->lithash[h] = l;
    } else
        free(text);
    if (!l->ref) {
        l->order = a->litorder++;
        if (a->npending == a->cappending) {
            a->cappending = a->cappending ? 2 * a->cappending : 64;
            a->pending = xrealloc(a->pending, (size_t)a->cappending * sizeof *a->pending);
        }
        a->pending[a->npending++] = l;
    }
    l->ref = true;
    int32_t total;
    l->len = do_operand(a, &op, false, false, &total);
    l->align = op.len < 0 ? implicit_align(op.type) : 1;
    l->len = total ? l->len : 1;
    if (op.dup == 0) asm_error(a, "literal with a zero duplication factor");
    /* remember the whole size for placement */
    l->align = (int)(total % 8 == 0 ? 8 : total % 4 == 0 ? 4 : total % 2 == 0 ? 2 : 1);
    if (!ei->first_term_done) ei->len = l->len;
    ei->first_term_done = true;
    if (l->rid < 0) {
        ei->undef = true;   /* first pass: not placed yet */
        a->unresolved = true;
        return v;
    }
    v.v = (int32_t)l->addr;
    v.nrel = 1;
    v.rel[0].rid = (int16_t)l->rid;
    v.rel[0].m = 1;
    return v;
}

static int lit_cmp(const void *x, const void *y)
{
    const struct literal *l = *(struct literal *const *)x, *m = *(struct literal *const *)y;
    if (l->align != m->align) return m->align - l->align;
    return l->order - m->order;
}

/* Place the literals of the current pool here: doubleword-length ones
   first, then fullword, halfword and the rest (HLASM "Literal pool"). */
void lit_pool(struct asm_ctx *a)
{
    int n = a->npending;
    a->npending = 0;
    if (n) {
        struct literal **v = xmalloc((size_t)n * sizeof *v);
        memcpy(v, a->pending, (size_t)n * sizeof *v);
        qsort(v, (size_t)n, sizeof *v, lit_cmp);
        asm_ensure_section(a);
        asm_align(a, 8, false);
        for (int i = 0; i < n; i++) {
            struct literal *l = v[i];
            const char *p = l->text + 1;
            struct dcop op;
            int32_t total;
            uint32_t before = asm_loc(a);
            int nobj = a->stmt_nobj;
            a->stmt_nobj = 0;
            if (!parse_op(a, &p, &op, true)) continue;
            if (op.len < 0) asm_align(a, implicit_align(op.type), true);
            if (l->addr != asm_loc(a) || l->rid != a->cur) a->unresolved = true;
            l->addr = asm_loc(a);
            l->rid = a->cur;
            l->placed = true;
            do_operand(a, &op, false, true, &total);
            if (a->opts->listing) {
                buf_printf(&a->list, "%06X ", before);
                for (int j = 0; j < 8; j++)
                    buf_printf(&a->list, j < a->stmt_nobj ? "%02X" : "  ", j < a->stmt_nobj ? a->stmt_obj[j] : 0);
                buf_printf(&a->list, "              %s\n", l->text);
            }
            a->stmt_nobj = nobj;
        }
        free(v);
    }
    a->poolno++;
}
