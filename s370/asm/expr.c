/*
 * expr.c - assembly-time expressions (HLASM Language Reference, "Terms and
 * expressions"): symbols, self-defining terms, *, literals, the length and
 * type attributes L' and T', and + - * / with parentheses. A value carries
 * its relocatable terms so that A-type constants get RLD items and pairs of
 * the same section cancel. Also the USING table lookup.
 */
#include <ctype.h>
#include <string.h>
#include "asm.h"
#include "ebcdic.h"

bool is_symch(int c) { return isalnum(c) || c == '$' || c == '#' || c == '@' || c == '_'; }
bool is_symstart(int c) { return isalpha(c) || c == '$' || c == '#' || c == '@' || c == '_'; }

int get_name(const char **pp, char *out)
{
    const char *p = *pp;
    int n = 0;
    if (!is_symstart((unsigned char)*p)) return 0;
    while (is_symch((unsigned char)*p)) {
        if (n < NAMEMAX - 1) out[n++] = (char)toupper((unsigned char)*p);
        p++;
    }
    out[n] = 0;
    *pp = p;
    return n;
}

/* p at an opening quote: the character after the closing one ('' is a quote). */
const char *skip_quoted(const char *p)
{
    p++;
    while (*p) {
        if (*p == '\'') {
            if (p[1] == '\'') { p += 2; continue; }
            return p + 1;
        }
        p++;
    }
    return p;
}

bool val_is_abs(const struct val *v) { return v->nrel == 0; }

void val_add(struct val *a, const struct val *b, int sign)
{
    a->v += sign * b->v;
    for (int i = 0; i < b->nrel; i++) {
        int j;
        for (j = 0; j < a->nrel; j++)
            if (a->rel[j].rid == b->rel[i].rid) break;
        if (j == a->nrel) {
            if (a->nrel == MAXREL) continue;
            a->rel[j].rid = b->rel[i].rid;
            a->rel[j].m = 0;
            a->nrel++;
        }
        a->rel[j].m = (int16_t)(a->rel[j].m + sign * b->rel[i].m);
    }
    int k = 0;
    for (int j = 0; j < a->nrel; j++)
        if (a->rel[j].m) a->rel[k++] = a->rel[j];
    a->nrel = k;
}

/* X'..', B'..', C'..' and decimal self-defining terms. */
bool selfdef_term(struct asm_ctx *a, const char **pp, int32_t *out)
{
    const char *p = *pp;
    int t = toupper((unsigned char)*p);
    if (isdigit((unsigned char)*p)) {
        int64_t v = 0;
        while (isdigit((unsigned char)*p)) {
            v = v * 10 + (*p++ - '0');
            if (v > 0x7FFFFFFF) { asm_error(a, "decimal term too large"); v = 0; }
        }
        *out = (int32_t)v;
        *pp = p;
        return true;
    }
    if ((t == 'X' || t == 'B' || t == 'C') && p[1] == '\'') {
        const char *q = p + 2;
        uint32_t v = 0;
        int n = 0;
        for (;;) {
            if (!*q) { asm_error(a, "unterminated self-defining term"); *pp = q; *out = 0; return true; }
            if (*q == '\'') {
                if (t == 'C' && q[1] == '\'') q++;
                else break;
            }
            if (t == 'X') {
                if (!isxdigit((unsigned char)*q)) { asm_error(a, "bad hexadecimal digit '%c'", *q); break; }
                v = v << 4 | (uint32_t)(isdigit((unsigned char)*q) ? *q - '0' : toupper((unsigned char)*q) - 'A' + 10);
                if (++n > 8) asm_error(a, "hexadecimal term too large");
            } else if (t == 'B') {
                if (*q != '0' && *q != '1') { asm_error(a, "bad binary digit '%c'", *q); break; }
                v = v << 1 | (uint32_t)(*q - '0');
                if (++n > 32) asm_error(a, "binary term too large");
            } else {
                if (*q == '&' && q[1] == '&') q++;
                v = v << 8 | ebcdic_enc((unsigned char)*q);
                if (++n > 4) asm_error(a, "character term longer than 4");
            }
            q++;
        }
        if (t != 'C' && n == 0) asm_error(a, "empty self-defining term");
        *out = (int32_t)v;
        *pp = *q ? q + 1 : q;
        return true;
    }
    return false;
}

static bool parse_expr(struct asm_ctx *a, const char **pp, struct val *v, struct einfo *ei);

static void first_len(struct einfo *ei, int32_t len)
{
    if (!ei->first_term_done) ei->len = len;
    ei->first_term_done = true;
}

/* L'sym or T'sym (also L'* and L'=literal). */
static bool attr_ref(struct asm_ctx *a, const char **pp, struct val *v, struct einfo *ei)
{
    const char *p = *pp;
    int at = toupper((unsigned char)p[0]);
    p += 2;
    char name[NAMEMAX];
    memset(v, 0, sizeof *v);
    if (*p == '*') {
        p++;
        v->v = at == 'L' ? 1 : ebcdic_enc('I');
    } else if (*p == '=') {
        struct einfo li = { 1, false, false };
        lit_ref(a, &p, &li);
        v->v = at == 'L' ? li.len : ebcdic_enc('U');
    } else if (get_name(&p, name)) {
        struct sym *s = sym_find(a, name);
        if (s) sym_ref(a, s);
        if (at == 'L') {
            if (!s || !s->ever) {
                asm_error(a, "undefined symbol %s", name);
                ei->undef = true;
                v->v = 1;
            } else
                v->v = s->len;
        } else
            v->v = ebcdic_enc((unsigned char)(s && s->ever ? s->type : 'U'));
    } else {
        asm_error(a, "bad attribute reference");
        return false;
    }
    first_len(ei, 1);
    *pp = p;
    return true;
}

bool is_attr_at(const char *start, const char *p)
{
    int c = toupper((unsigned char)p[0]);
    if (!strchr("LTKNDISO", c) || !c || p[1] != '\'') return false;
    if (p > start && (is_symch((unsigned char)p[-1]) || p[-1] == '\'')) return false;
    return is_symstart((unsigned char)p[2]) || p[2] == '*' || p[2] == '=' || p[2] == '&';
}

static bool primary(struct asm_ctx *a, const char **pp, struct val *v, struct einfo *ei, const char *start)
{
    const char *p = *pp;
    char name[NAMEMAX];
    memset(v, 0, sizeof *v);
    if (*p == '(') {
        p++;
        struct einfo sub = { 1, false, false };
        if (!parse_expr(a, &p, v, &sub)) return false;
        if (sub.undef) ei->undef = true;
        if (*p != ')') { asm_error(a, "missing ')' in expression"); return false; }
        first_len(ei, sub.len);
        *pp = p + 1;
        return true;
    }
    if (*p == '*') {
        *v = asm_locval(a);
        first_len(ei, 1);
        *pp = p + 1;
        return true;
    }
    if (*p == '=') {
        *v = lit_ref(a, pp, ei);
        return true;
    }
    if ((toupper((unsigned char)*p) == 'L' || toupper((unsigned char)*p) == 'T') && is_attr_at(start, p)) {
        if (!attr_ref(a, &p, v, ei)) return false;
        *pp = p;
        return true;
    }
    int32_t t;
    if (selfdef_term(a, &p, &t)) {
        v->v = t;
        first_len(ei, 1);
        *pp = p;
        return true;
    }
    if (get_name(&p, name)) {
        struct sym *s = sym_find(a, name);
        if (!s || !s->ever) {
            asm_error(a, "undefined symbol %s", name);
            ei->undef = true;
            first_len(ei, 1);
        } else {
            sym_ref(a, s);
            *v = s->val;
            first_len(ei, s->len);
        }
        *pp = p;
        return true;
    }
    if (*p == '\'') asm_error(a, "unexpected string in expression");
    else if (*p) asm_error(a, "bad expression at '%.16s'", p);
    else asm_error(a, "missing expression");
    return false;
}

static bool unary(struct asm_ctx *a, const char **pp, struct val *v, struct einfo *ei, const char *start)
{
    if (**pp == '+' || **pp == '-') {
        int neg = **pp == '-';
        (*pp)++;
        if (!unary(a, pp, v, ei, start)) return false;
        if (neg) {
            struct val z = { 0 };
            val_add(&z, v, -1);
            *v = z;
        }
        return true;
    }
    return primary(a, pp, v, ei, start);
}

static bool term(struct asm_ctx *a, const char **pp, struct val *v, struct einfo *ei, const char *start)
{
    if (!unary(a, pp, v, ei, start)) return false;
    while (**pp == '*' || **pp == '/') {
        char op = *(*pp)++;
        struct val r;
        if (!unary(a, pp, &r, ei, start)) return false;
        if (!val_is_abs(v) || !val_is_abs(&r)) {
            if (!ei->undef) asm_error(a, "relocatable term in multiplication or division");
            v->nrel = 0;
            r.nrel = 0;
        }
        if (op == '*') v->v = (int32_t)((uint32_t)v->v * (uint32_t)r.v);
        else v->v = r.v == 0 ? 0 : v->v / r.v;   /* HLASM: division by zero gives 0 */
    }
    return true;
}

static bool parse_expr(struct asm_ctx *a, const char **pp, struct val *v, struct einfo *ei)
{
    const char *start = *pp;
    if (!term(a, pp, v, ei, start)) return false;
    while (**pp == '+' || **pp == '-') {
        int sign = *(*pp)++ == '-' ? -1 : 1;
        struct val r;
        if (!term(a, pp, &r, ei, start)) return false;
        val_add(v, &r, sign);
    }
    return true;
}

bool expr_parse(struct asm_ctx *a, const char **pp, struct val *v, struct einfo *ei)
{
    ei->len = 1;
    ei->undef = false;
    ei->first_term_done = false;
    return parse_expr(a, pp, v, ei);
}

bool expr_abs(struct asm_ctx *a, const char **pp, int32_t *out)
{
    struct val v;
    struct einfo ei;
    *out = 0;
    if (!expr_parse(a, pp, &v, &ei)) return false;
    if (!val_is_abs(&v)) {
        asm_error(a, "absolute expression required");
        return false;
    }
    *out = v.v;
    return !ei.undef;
}

/* Pick the base register for an address: smallest displacement wins, then
   the highest register (HLASM "How the assembler resolves implicit addresses"). */
bool resolve_using(struct asm_ctx *a, const struct val *v, int *base, int *disp)
{
    int best = -1;
    int32_t bestd = 0;
    if (v->nrel == 0 && v->v >= 0 && v->v <= 4095) {
        best = 0;
        bestd = v->v;
    }
    for (int r = 0; r < 16; r++) {
        const struct using *u = &a->usings[r];
        if (!u->on || u->base.nrel != v->nrel) continue;
        if (v->nrel == 1 && (u->base.rel[0].rid != v->rel[0].rid || u->base.rel[0].m != v->rel[0].m))
            continue;
        if (v->nrel > 1) continue;
        int32_t d = v->v - u->base.v;
        if (d < 0 || d > 4095) continue;
        if (best < 0 || d <= bestd) {
            best = r;
            bestd = d;
        }
    }
    if (best < 0) {
        asm_error(a, "address not addressable: no USING covers it");
        *base = 0;
        *disp = 0;
        return false;
    }
    *base = best;
    *disp = bestd;
    return true;
}

/* Split s in place at top-level commas (outside quotes and parentheses). */
int split_operands(const char *s0, char **out, int max)
{
    char *s = (char *)s0;
    int n = 0, depth = 0;
    if (!*s) return 0;
    out[n++] = s;
    for (char *p = s; *p; p++) {
        if (*p == '\'') {
            if (p > s && is_attr_at(s, p - 1)) continue;
            const char *q = skip_quoted(p);
            p = (char *)q - 1;
            if (!*q) break;
            continue;
        }
        if (*p == '(') depth++;
        else if (*p == ')') depth--;
        else if (*p == ',' && depth == 0) {
            *p = 0;
            if (n == max) return -1;
            out[n++] = p + 1;
        }
    }
    return n;
}
