/*
 * macro.c - macro definitions, macro expansion and conditional assembly
 * (HLASM Language Reference, "How to specify macro definitions" and "How to
 * write conditional assembly instructions"): MACRO/MEND, positional and
 * keyword parameters, sublists, &SYSLIST, &SYSNDX, &SYSECT, &SYSNEST,
 * LCLx/GBLx/SETx (scalars and subscripted), AIF, AGO (also computed), ANOP,
 * MEXIT, ACTR, and the attributes K' N' T' L' D' in conditional expressions.
 * Variable symbols are substituted in model statements and open code.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "asm.h"
#include "ebcdic.h"

enum vkind { V_A, V_B, V_C };

struct macvar {
    char name[NAMEMAX];            /* upper case, without & */
    enum vkind kind;
    bool param;                    /* macro parameter: a C value with sublists */
    bool dimensioned;
    int n;                         /* elements (index 1..n; 0 for scalars) */
    int32_t *iv;
    char **cv;
    struct macvar *global;         /* GBLx declaration: the shared variable */
    struct macvar *next;
};

struct macscope {
    struct macvar *vars;
    char **syslist;                /* [0] name field, [1..n] positional operands */
    int nsyslist;
    int sysndx;
    int nest;
    char sysect[NAMEMAX];
};

/* a value of a conditional-assembly expression */
struct cav {
    bool str;
    int32_t i;
    char *s;
};

static void cav_free(struct cav *v)
{
    free(v->s);
    v->s = NULL;
}

static struct macscope *cur_scope(struct asm_ctx *a)
{
    for (struct frame *f = a->fr; f; f = f->up)
        if (f->is_macro) return f->scope;
    return a->opencode;
}

/* ---------- variables ---------- */

static void var_free(struct macvar *v)
{
    if (v->cv)
        for (int i = 0; i <= v->n; i++) free(v->cv[i]);
    free(v->cv);
    free(v->iv);
    free(v);
}

static void scope_free(struct macscope *s)
{
    if (!s) return;
    while (s->vars) {
        struct macvar *v = s->vars;
        s->vars = v->next;
        var_free(v);
    }
    for (int i = 0; i < s->nsyslist; i++) free(s->syslist[i]);
    free(s->syslist);
    free(s);
}

static struct macvar *var_new(const char *name, enum vkind k, bool dim)
{
    struct macvar *v = calloc(1, sizeof *v);
    if (!v) xmalloc((size_t)-1);
    snprintf(v->name, sizeof v->name, "%s", name);
    v->kind = k;
    v->dimensioned = dim;
    v->iv = calloc(1, sizeof *v->iv);
    v->cv = calloc(1, sizeof *v->cv);
    if (!v->iv || !v->cv) xmalloc((size_t)-1);
    v->cv[0] = xstrdup("");
    return v;
}

static struct macvar *var_lookup(struct asm_ctx *a, const char *name)
{
    struct macscope *s = cur_scope(a);
    for (struct macvar *v = s ? s->vars : NULL; v; v = v->next)
        if (!strcmp(v->name, name)) return v->global ? v->global : v;
    return NULL;
}

/* Make sure element idx exists (1-based; 0 is the scalar). */
static void var_grow(struct macvar *v, int idx)
{
    if (idx <= v->n) return;
    v->iv = xrealloc(v->iv, (size_t)(idx + 1) * sizeof *v->iv);
    v->cv = xrealloc(v->cv, (size_t)(idx + 1) * sizeof *v->cv);
    for (int i = v->n + 1; i <= idx; i++) {
        v->iv[i] = 0;
        v->cv[i] = xstrdup("");
    }
    v->n = idx;
}

static void declare(struct asm_ctx *a, const char *spec, enum vkind k, bool global)
{
    const char *p = spec;
    char name[NAMEMAX];
    if (*p != '&' || (p++, !get_name(&p, name))) {
        asm_error(a, "bad variable symbol '%s'", spec);
        return;
    }
    bool dim = *p == '(';
    struct macscope *s = cur_scope(a);
    for (struct macvar *v = s->vars; v; v = v->next)
        if (!strcmp(v->name, name)) {
            if (v->param) asm_error(a, "&%s is a parameter", name);
            return;   /* redeclaration keeps the value */
        }
    if (!global) {
        struct macvar *v = var_new(name, k, dim);
        v->next = s->vars;
        s->vars = v;
        return;
    }
    struct macvar *g;
    for (g = a->globals; g; g = g->next)
        if (!strcmp(g->name, name)) break;
    if (!g) {
        g = var_new(name, k, dim);
        g->next = a->globals;
        a->globals = g;
    } else if (g->kind != k)
        asm_error(a, "global &%s declared with another type", name);
    struct macvar *link = var_new(name, k, dim);
    link->global = g;
    link->next = s->vars;
    s->vars = link;
}

/* ---------- sublists ---------- */

/* Element n (1-based) of a sublist "(a,b,c)"; a value that is not a
   sublist is its own element 1. Returns a new string. */
static char *sublist_elem(const char *val, int n, int *count)
{
    size_t len = strlen(val);
    if (len < 2 || val[0] != '(' || val[len - 1] != ')') {
        *count = len ? 1 : 0;
        return xstrdup(n == 1 ? val : "");
    }
    char *inner = xstrndup(val + 1, len - 2);
    char *parts[256];
    int k = split_operands(inner, parts, 256);
    if (k < 0) k = 256;
    *count = k;
    char *r = xstrdup(n >= 1 && n <= k ? parts[n - 1] : "");
    free(inner);
    return r;
}

/* ---------- conditional-assembly expressions ---------- */

static bool ca_or(struct asm_ctx *a, const char **pp, struct cav *v);

static void skipb(const char **pp)
{
    while (**pp == ' ') (*pp)++;
}

static bool keyword(const char **pp, const char *kw)
{
    size_t n = strlen(kw);
    const char *p = *pp;
    for (size_t i = 0; i < n; i++)
        if (toupper((unsigned char)p[i]) != kw[i]) return false;
    if (is_symch((unsigned char)p[n])) return false;
    *pp = p + n;
    return true;
}

static int32_t to_int(struct asm_ctx *a, struct cav *v)
{
    if (!v->str) return v->i;
    const char *s = v->s;
    int32_t r;
    if (!*s) return 0;
    const char *p = s;
    bool neg = false;
    if (*p == '-' || *p == '+') neg = *p++ == '-';
    if (selfdef_term(a, &p, &r) && !*p) return neg ? -r : r;
    asm_error(a, "'%s' is not a number", s);
    return 0;
}

static char *to_str(const struct cav *v)
{
    if (v->str) return xstrdup(v->s);
    char t[16];
    snprintf(t, sizeof t, "%d", v->i);
    return xstrdup(t);
}

static int32_t subscript(struct asm_ctx *a, const char **pp)
{
    struct cav v = { 0 };
    if (!ca_or(a, pp, &v)) return 0;
    int32_t r = to_int(a, &v);
    cav_free(&v);
    return r;
}

/* A variable reference at *pp ('&' included): its value as text (for
   parameters) or typed. With subs the caller gets the raw element. */
static bool var_ref(struct asm_ctx *a, const char **pp, struct cav *out, int *sublist_count, bool *is_syslist_all)
{
    const char *p = *pp + 1;
    char name[NAMEMAX];
    if (!get_name(&p, name)) {
        asm_error(a, "bad variable symbol");
        return false;
    }
    struct macscope *s = cur_scope(a);
    memset(out, 0, sizeof *out);
    if (sublist_count) *sublist_count = -1;
    if (is_syslist_all) *is_syslist_all = false;
    if (!strcmp(name, "SYSNDX") || !strcmp(name, "SYSNEST")) {
        char t[16];
        if (!strcmp(name, "SYSNDX")) snprintf(t, sizeof t, "%04d", s->sysndx);
        else snprintf(t, sizeof t, "%d", s->nest);
        out->str = true;
        out->s = xstrdup(t);
        *pp = p;
        return true;
    }
    if (!strcmp(name, "SYSPARM")) {
        out->str = true;
        out->s = xstrdup("");
        *pp = p;
        return true;
    }
    if (!strcmp(name, "SYSECT")) {
        out->str = true;
        out->s = xstrdup(a->cur >= 0 ? a->esd[a->cur].name : "");
        *pp = p;
        return true;
    }
    if (!strcmp(name, "SYSLIST")) {
        if (*p != '(') {
            if (is_syslist_all) *is_syslist_all = true;
            if (sublist_count) *sublist_count = s->nsyslist ? s->nsyslist - 1 : 0;
            out->str = true;
            out->s = xstrdup("");
            *pp = p;
            return true;
        }
        p++;
        int32_t n = subscript(a, &p);
        int32_t m = -1;
        if (*p == ',') p++, m = subscript(a, &p);
        if (*p != ')') {
            asm_error(a, "missing ')' after &SYSLIST subscript");
            return false;
        }
        p++;
        const char *val = n >= 0 && n < s->nsyslist ? s->syslist[n] : "";
        int cnt;
        char *e = sublist_elem(val, 1, &cnt);
        free(e);
        if (m >= 0) {
            out->s = sublist_elem(val, m, &cnt);
            if (sublist_count) *sublist_count = 1;
        } else {
            out->s = xstrdup(val);
            if (sublist_count) *sublist_count = cnt;
        }
        out->str = true;
        *pp = p;
        return true;
    }
    struct macvar *v = var_lookup(a, name);
    if (!v) {
        if (!a->subst_lenient) asm_error(a, "undefined variable symbol &%s", name);
        return false;
    }
    int idx = 0;
    int32_t sub2 = -1;
    if (*p == '(' && (v->param || v->dimensioned)) {
        p++;
        idx = subscript(a, &p);
        if (*p == ',' && v->param) p++, sub2 = subscript(a, &p);
        if (*p != ')') {
            asm_error(a, "missing ')' after subscript of &%s", name);
            return false;
        }
        p++;
    }
    *pp = p;
    if (v->param) {
        out->str = true;
        int cnt;
        if (idx > 0) {
            char *e = sublist_elem(v->cv[0], idx, &cnt);
            if (sub2 > 0) {
                out->s = sublist_elem(e, sub2, &cnt);
                free(e);
            } else {
                out->s = e;
                char *x = sublist_elem(e, 1, &cnt);
                free(x);
            }
        } else {
            out->s = xstrdup(v->cv[0]);
            char *x = sublist_elem(v->cv[0], 1, &cnt);
            free(x);
        }
        if (sublist_count) *sublist_count = cnt;
        return true;
    }
    if (v->dimensioned && idx < 1) {
        if (sublist_count) *sublist_count = v->n;
        idx = 0;
        if (!sublist_count) asm_error(a, "&%s needs a subscript", name);
    } else if (v->dimensioned && idx > 100000) {
        asm_error(a, "subscript %d too large", idx);
        idx = 0;
    }
    if (idx > v->n) var_grow(v, idx);
    if (v->kind == V_C) {
        out->str = true;
        out->s = xstrdup(v->cv[idx]);
    } else
        out->i = v->iv[idx];
    return true;
}

/* The type attribute of an operand value (HLASM "Type attribute"). */
static char type_of(struct asm_ctx *a, const char *val)
{
    if (!*val) return 'O';
    if (isdigit((unsigned char)val[0])) return 'N';
    const char *p = val;
    int32_t t;
    if ((toupper((unsigned char)*p) == 'X' || toupper((unsigned char)*p) == 'B' ||
         toupper((unsigned char)*p) == 'C') && p[1] == '\'') {
        int e = a->nerrors;
        if (selfdef_term(a, &p, &t) && !*p && a->nerrors == e) return 'N';
    }
    char name[NAMEMAX];
    p = val;
    if (get_name(&p, name) && !*p) {
        struct sym *s = sym_find(a, name);
        if (s && s->ever) return s->type;
        struct macro *m = mac_find(a, name);
        if (m) return 'M';
        return 'U';
    }
    return 'U';
}

/* String literal with substitution: '...' then optional (start,len). */
static bool ca_string(struct asm_ctx *a, const char **pp, struct cav *v)
{
    const char *p = *pp + 1;
    struct buf b = { 0 };
    for (;;) {
        if (!*p) {
            asm_error(a, "unterminated string");
            free(b.p);
            return false;
        }
        if (*p == '\'') {
            if (p[1] == '\'') {
                buf_add(&b, "'", 1);
                p += 2;
                continue;
            }
            p++;
            break;
        }
        if (*p == '&' && p[1] == '&') {
            buf_add(&b, "&&", 2);
            p += 2;
            continue;
        }
        if (*p == '&' && is_symstart((unsigned char)p[1])) {
            struct cav x;
            if (!var_ref(a, &p, &x, NULL, NULL)) {
                free(b.p);
                return false;
            }
            char *t = to_str(&x);
            buf_add(&b, t, strlen(t));
            free(t);
            cav_free(&x);
            if (*p == '.') p++;
            continue;
        }
        buf_add(&b, p, 1);
        p++;
    }
    v->str = true;
    v->s = b.p ? b.p : xstrdup("");
    if (*p == '(') {
        p++;
        int32_t st = subscript(a, &p);
        int32_t ln = -1;
        if (*p == ',') {
            p++;
            skipb(&p);
            if (*p == '*') p++;
            else ln = subscript(a, &p);
        }
        if (*p != ')') {
            asm_error(a, "bad substring");
            return false;
        }
        p++;
        int32_t slen = (int32_t)strlen(v->s);
        if (st < 1 || st > slen + 1) {
            if (slen || st != 1) asm_error(a, "substring start %d outside the string", st);
            st = slen + 1;
        }
        if (ln < 0 || st - 1 + ln > slen) ln = slen - (st - 1);
        char *sub = xstrndup(v->s + st - 1, (size_t)ln);
        free(v->s);
        v->s = sub;
    }
    *pp = p;
    return true;
}

static bool ca_primary(struct asm_ctx *a, const char **pp, struct cav *v)
{
    const char *p = *pp;
    memset(v, 0, sizeof *v);
    skipb(&p);
    if (*p == '(') {
        p++;
        if (!ca_or(a, &p, v)) return false;
        skipb(&p);
        if (*p != ')') {
            asm_error(a, "missing ')' in conditional expression");
            return false;
        }
        p++;
        if (*p == '\'') {   /* duplication factor */
            int32_t n = to_int(a, v);
            struct cav s;
            if (!ca_string(a, &p, &s)) return false;
            struct buf b = { 0 };
            for (int i = 0; i < n; i++) buf_add(&b, s.s, strlen(s.s));
            cav_free(&s);
            v->str = true;
            v->s = b.p ? b.p : xstrdup("");
        }
        *pp = p;
        return true;
    }
    if (*p == '\'') {
        if (!ca_string(a, &p, v)) return false;
        *pp = p;
        return true;
    }
    if (*p == '&') {
        if (!var_ref(a, &p, v, NULL, NULL)) return false;
        *pp = p;
        return true;
    }
    int at = toupper((unsigned char)*p);
    if (p[1] == '\'' && strchr("KNTLDSI", at) && at) {
        p += 2;
        struct cav x = { 0 };
        int cnt = -1;
        bool all = false;
        char *text;
        if (*p == '&') {
            if (!var_ref(a, &p, &x, &cnt, &all)) return false;
            text = to_str(&x);
        } else {
            char name[NAMEMAX];
            if (!get_name(&p, name)) {
                asm_error(a, "bad attribute reference");
                return false;
            }
            text = xstrdup(name);
        }
        cav_free(&x);
        switch (at) {
        case 'K': v->i = (int32_t)strlen(text); break;
        case 'N': v->i = cnt < 0 ? 1 : cnt; break;
        case 'T': {
            char t[2] = { type_of(a, text), 0 };
            v->str = true;
            v->s = xstrdup(t);
            break;
        }
        default: {
            char name[NAMEMAX];
            const char *q = text;
            struct sym *s = get_name(&q, name) ? sym_find(a, name) : NULL;
            if (at == 'D') v->i = s && s->ever;
            else if (at == 'L') v->i = s && s->ever ? s->len : 1;
            else v->i = 0;
            break;
        }
        }
        free(text);
        *pp = p;
        return true;
    }
    int32_t t;
    if (selfdef_term(a, &p, &t)) {
        v->i = t;
        *pp = p;
        return true;
    }
    char name[NAMEMAX];
    if (get_name(&p, name)) {
        struct sym *s = sym_find(a, name);
        if (s && s->ever) v->i = s->val.v;
        else asm_error(a, "undefined symbol %s in conditional expression", name);
        *pp = p;
        return true;
    }
    asm_error(a, "bad conditional expression at '%.20s'", p);
    return false;
}

static bool ca_unary(struct asm_ctx *a, const char **pp, struct cav *v)
{
    skipb(pp);
    if (**pp == '-' || **pp == '+') {
        bool neg = *(*pp)++ == '-';
        if (!ca_unary(a, pp, v)) return false;
        int32_t i = to_int(a, v);
        cav_free(v);
        v->str = false;
        v->i = neg ? -i : i;
        return true;
    }
    return ca_primary(a, pp, v);
}

static bool ca_mul(struct asm_ctx *a, const char **pp, struct cav *v)
{
    if (!ca_unary(a, pp, v)) return false;
    for (;;) {
        skipb(pp);
        char op = **pp;
        if (op != '*' && op != '/') return true;
        (*pp)++;
        struct cav r;
        if (!ca_unary(a, pp, &r)) return false;
        int32_t x = to_int(a, v), y = to_int(a, &r);
        cav_free(v);
        cav_free(&r);
        v->str = false;
        v->i = op == '*' ? x * y : y ? x / y : 0;
    }
}

static bool ca_add(struct asm_ctx *a, const char **pp, struct cav *v)
{
    if (!ca_mul(a, pp, v)) return false;
    for (;;) {
        skipb(pp);
        char op = **pp;
        if (op == '.' && v->str) {   /* concatenation */
            (*pp)++;
            struct cav r;
            if (!ca_mul(a, pp, &r)) return false;
            char *rs = to_str(&r);
            size_t n = strlen(v->s), m = strlen(rs);
            v->s = xrealloc(v->s, n + m + 1);
            memcpy(v->s + n, rs, m + 1);
            free(rs);
            cav_free(&r);
            continue;
        }
        if (op != '+' && op != '-') return true;
        (*pp)++;
        struct cav r;
        if (!ca_mul(a, pp, &r)) return false;
        int32_t x = to_int(a, v), y = to_int(a, &r);
        cav_free(v);
        cav_free(&r);
        v->str = false;
        v->i = op == '+' ? x + y : x - y;
    }
}

static bool ca_rel(struct asm_ctx *a, const char **pp, struct cav *v)
{
    if (!ca_add(a, pp, v)) return false;
    skipb(pp);
    static const char *ops[] = { "EQ", "NE", "LT", "LE", "GT", "GE" };
    int k;
    for (k = 0; k < 6; k++)
        if (keyword(pp, ops[k])) break;
    if (k == 6) return true;
    struct cav r;
    if (!ca_add(a, pp, &r)) return false;
    int c;
    if (v->str && r.str) {
        /* character comparison: a shorter string is lower (HLASM) */
        size_t n = strlen(v->s), m = strlen(r.s);
        c = n != m ? (n < m ? -1 : 1) : memcmp(v->s, r.s, n);
        if (n == m && c) {
            /* compare in EBCDIC collating order */
            for (size_t i = 0; i < n; i++) {
                int x = ebcdic_enc((unsigned char)v->s[i]), y = ebcdic_enc((unsigned char)r.s[i]);
                if (x != y) {
                    c = x - y;
                    break;
                }
            }
        }
    } else {
        int32_t x = to_int(a, v), y = to_int(a, &r);
        c = x < y ? -1 : x > y;
    }
    cav_free(v);
    cav_free(&r);
    v->str = false;
    switch (k) {
    case 0: v->i = c == 0; break;
    case 1: v->i = c != 0; break;
    case 2: v->i = c < 0; break;
    case 3: v->i = c <= 0; break;
    case 4: v->i = c > 0; break;
    default: v->i = c >= 0; break;
    }
    return true;
}

static bool ca_not(struct asm_ctx *a, const char **pp, struct cav *v)
{
    skipb(pp);
    if (keyword(pp, "NOT")) {
        if (!ca_not(a, pp, v)) return false;
        int32_t x = to_int(a, v);
        cav_free(v);
        v->str = false;
        v->i = !x;
        return true;
    }
    return ca_rel(a, pp, v);
}

static bool ca_and(struct asm_ctx *a, const char **pp, struct cav *v)
{
    if (!ca_not(a, pp, v)) return false;
    for (;;) {
        skipb(pp);
        if (!keyword(pp, "AND")) return true;
        struct cav r;
        if (!ca_not(a, pp, &r)) return false;
        int32_t x = to_int(a, v), y = to_int(a, &r);
        cav_free(v);
        cav_free(&r);
        v->str = false;
        v->i = (x && y) ? 1 : 0;
    }
}

static bool ca_or(struct asm_ctx *a, const char **pp, struct cav *v)
{
    if (!ca_and(a, pp, v)) return false;
    for (;;) {
        skipb(pp);
        bool x_or = false;
        if (keyword(pp, "XOR")) x_or = true;
        else if (!keyword(pp, "OR")) return true;
        struct cav r;
        if (!ca_and(a, pp, &r)) return false;
        int32_t x = to_int(a, v), y = to_int(a, &r);
        cav_free(v);
        cav_free(&r);
        v->str = false;
        v->i = x_or ? (!!x ^ !!y) : (x || y);
    }
}

/* ---------- substitution ---------- */

char *mac_substitute(struct asm_ctx *a, const char *text)
{
    struct buf b = { 0 };
    const char *p = text;
    while (*p) {
        if (*p == '&' && p[1] == '&') {
            buf_add(&b, "&&", 2);
            p += 2;
            continue;
        }
        if (*p == '&' && is_symstart((unsigned char)p[1])) {
            struct cav v;
            const char *q = p;
            if (!var_ref(a, &q, &v, NULL, NULL)) {
                buf_add(&b, p, 1);
                p++;
                continue;
            }
            char *t = to_str(&v);
            buf_add(&b, t, strlen(t));
            free(t);
            cav_free(&v);
            p = q;
            if (*p == '.') p++;
            continue;
        }
        buf_add(&b, p, 1);
        p++;
    }
    return b.p ? b.p : xstrdup("");
}

/* ---------- definitions ---------- */

static void parse_proto(struct asm_ctx *a, struct macro *m, const char *text)
{
    char label[NAMEMAX], op[NAMEMAX];
    const char *ops, *opend;
    field_split(text, label, op, &ops, &opend);
    snprintf(m->name, sizeof m->name, "%s", op);
    if (label[0] == '&') {
        const char *p = label + 1;
        get_name(&p, m->lblparam);
    } else if (label[0])
        asm_error(a, "bad name-field parameter %s", label);
    char *o = xstrndup(ops, (size_t)(opend - ops));
    char *parts[256];
    int n = split_operands(o, parts, 256);
    for (int i = 0; i < n; i++) {
        const char *p = parts[i];
        char name[NAMEMAX];
        if (*p != '&' || (p++, !get_name(&p, name))) {
            asm_error(a, "bad parameter '%s' in macro prototype", parts[i]);
            continue;
        }
        if (*p == '=') {
            m->kw = xrealloc(m->kw, (size_t)(m->nkw + 1) * sizeof *m->kw);
            m->kwdef = xrealloc(m->kwdef, (size_t)(m->nkw + 1) * sizeof *m->kwdef);
            snprintf(m->kw[m->nkw], NAMEMAX, "%s", name);
            m->kwdef[m->nkw++] = xstrdup(p + 1);
        } else {
            m->pos = xrealloc(m->pos, (size_t)(m->npos + 1) * sizeof *m->pos);
            snprintf(m->pos[m->npos++], NAMEMAX, "%s", name);
        }
    }
    free(o);
}

static void macro_free(struct macro *m)
{
    for (int i = 0; i < m->nbody; i++) free(m->body[i].text);
    for (int i = 0; i < m->nkw; i++) free(m->kwdef[i]);
    free(m->body);
    free(m->pos);
    free(m->kw);
    free(m->kwdef);
    free(m);
}

/* MACRO has been read: the prototype and body follow, up to the MEND that
   matches (inner MACRO/MEND pairs are kept in the body). */
void mac_define(struct asm_ctx *a, bool list)
{
    const char *mfile = a->st ? a->st->file : "?";
    int mline = a->st ? a->st->line : 0;
    struct macro *m = calloc(1, sizeof *m);
    if (!m) xmalloc((size_t)-1);
    m->file = mfile;
    m->line = mline;
    struct stmt st;
    struct stmt *save = a->st;
    bool have_proto = false;
    int depth = 0, cap = 0;
    struct frame *home = a->fr;
    for (;;) {
        if (a->fr != home || !src_next(a, &st)) {
            a->subst_lenient = false;
            struct stmt at = { (char *)"", mfile, mline, 1 };
            a->st = &at;
            asm_error(a, "macro definition without MEND");
            a->st = save;
            macro_free(m);
            return;
        }
        if (home && home->is_macro && strchr(st.text, '&')) {
            /* an inner definition: the outer macro's variables are substituted */
            a->subst_lenient = true;
            char *t = mac_substitute(a, st.text);
            a->subst_lenient = false;
            free(st.text);
            st.text = t;
        }
        char label[NAMEMAX], op[NAMEMAX];
        const char *ops, *opend;
        int k = field_split(st.text, label, op, &ops, &opend);
        if (list && a->opts->listing && a->print.on)
            buf_printf(&a->list, "%26s %5d  %s\n", "", ++a->stmtno, st.text);
        if (!have_proto) {
            if (!k) {
                free(st.text);
                continue;
            }
            a->st = &st;
            parse_proto(a, m, st.text);
            a->st = save;
            free(st.text);
            have_proto = true;
            continue;
        }
        if (k && !strcmp(op, "MACRO")) depth++;
        bool end = k && !strcmp(op, "MEND") && depth-- == 0;
        if (end && label[0] != '.') {
            free(st.text);
            break;
        }
        if (!k && st.text[0] == '.' && st.text[1] == '*') {   /* internal comment */
            free(st.text);
            continue;
        }
        if (m->nbody == cap) {
            cap = cap ? cap * 2 : 16;
            m->body = xrealloc(m->body, (size_t)cap * sizeof *m->body);
        }
        m->body[m->nbody++] = st;   /* a MEND with a sequence symbol stays: AGO can reach it */
        if (end) break;
    }
    if (!m->name[0]) {
        asm_error(a, "macro prototype without a name");
        macro_free(m);
        return;
    }
    /* a later definition replaces an earlier one */
    m->next = a->macros;
    a->macros = m;
}

struct macro *mac_find(struct asm_ctx *a, const char *name)
{
    for (struct macro *m = a->macros; m; m = m->next)
        if (!strcmp(m->name, name)) return m;
    return NULL;
}

/* ---------- expansion ---------- */

static void set_param(struct macscope *s, const char *name, const char *val)
{
    struct macvar *v = var_new(name, V_C, false);
    v->param = true;
    free(v->cv[0]);
    v->cv[0] = xstrdup(val);
    v->next = s->vars;
    s->vars = v;
}

void mac_call(struct asm_ctx *a, struct macro *m, const char *label, const char *ops)
{
    if (a->mac_depth >= 100) {
        asm_error(a, "macro calls nested too deeply (recursion?)");
        return;
    }
    struct macscope *s = calloc(1, sizeof *s);
    if (!s) xmalloc((size_t)-1);
    s->sysndx = ++a->sysndx;
    s->nest = a->mac_depth + 1;
    char *o = xstrdup(ops);
    char *parts[256];
    int n = split_operands(o, parts, 256);
    if (n < 0) {
        asm_error(a, "too many macro operands");
        n = 0;
    }
    char **kwval = calloc((size_t)m->nkw + 1, sizeof *kwval);
    s->syslist = xmalloc((size_t)(n + 1) * sizeof *s->syslist);
    s->syslist[s->nsyslist++] = xstrdup(label);
    for (int i = 0; i < n; i++) {
        char name[NAMEMAX];
        const char *p = parts[i];
        int k = -1;
        if (get_name(&p, name) && *p == '=')
            for (k = 0; k < m->nkw; k++)
                if (!strcmp(m->kw[k], name)) break;
        if (k >= 0 && k < m->nkw) {
            free(kwval[k]);
            kwval[k] = xstrdup(p + 1);
        } else if (k == m->nkw && m->nkw) {
            asm_error(a, "%s is not a keyword parameter of macro %s", name, m->name);
        } else
            s->syslist[s->nsyslist++] = xstrdup(parts[i]);
    }
    for (int i = 0; i < m->npos; i++) set_param(s, m->pos[i], i + 1 < s->nsyslist ? s->syslist[i + 1] : "");
    for (int i = 0; i < m->nkw; i++) {
        set_param(s, m->kw[i], kwval[i] ? kwval[i] : m->kwdef[i]);
        free(kwval[i]);
    }
    free(kwval);
    if (m->lblparam[0]) set_param(s, m->lblparam, label);
    free(o);
    struct frame *fr = calloc(1, sizeof *fr);
    if (!fr) xmalloc((size_t)-1);
    fr->is_macro = true;
    fr->mac = m;
    fr->scope = s;
    fr->callfile = a->st ? a->st->file : "?";
    fr->callline = a->st ? a->st->line : 0;
    fr->up = a->fr;
    a->fr = fr;
    a->mac_depth++;
}

void mac_pop_frame(struct asm_ctx *a)
{
    struct frame *f = a->fr;
    if (!f || !f->is_macro) return;
    a->fr = f->up;
    scope_free(f->scope);
    free(f);
    a->mac_depth--;
}

/* ---------- conditional assembly statements ---------- */

bool mac_is_ca_op(const char *op)
{
    static const char *ops[] = { "AIF", "AGO", "ANOP", "SETA", "SETB", "SETC", "LCLA", "LCLB", "LCLC",
                                 "GBLA", "GBLB", "GBLC", "ACTR", "MEXIT", "MEND", NULL };
    for (int i = 0; ops[i]; i++)
        if (!strcmp(op, ops[i])) return true;
    return false;
}

static struct frame *ca_frame(struct asm_ctx *a)
{
    return a->fr;
}

static void jump(struct asm_ctx *a, const char *seq)
{
    char want[NAMEMAX];
    int n = 0;
    for (const char *p = seq; *p && *p != ' ' && n < NAMEMAX - 1; p++) want[n++] = (char)toupper((unsigned char)*p);
    want[n] = 0;
    if (want[0] != '.' || n < 2) {
        asm_error(a, "bad sequence symbol '%s'", seq);
        return;
    }
    struct frame *f = ca_frame(a);
    if (!f) return;
    if (++a->ca_steps > 1000000) {
        asm_error(a, "too many conditional assembly branches (endless loop?)");
        f->idx = f->is_macro ? f->mac->nbody : f->file->nlines;
        return;
    }
    if (f->is_macro) {
        for (int i = 0; i < f->mac->nbody; i++) {
            const char *t = f->mac->body[i].text;
            if (!strncasecmp(t, want, (size_t)n) && (t[n] == ' ' || !t[n])) {
                f->idx = i;
                return;
            }
        }
    } else {
        /* open code: outside macro definitions, forward first, then from the top */
        int first = -1, depth = 0;
        for (int i = 0; i < f->file->nlines; i++) {
            const char *t = f->file->lines[i];
            char l[NAMEMAX], o[NAMEMAX];
            const char *x, *y;
            if (!field_split(t, l, o, &x, &y)) continue;
            if (!strcmp(o, "MACRO")) depth++;
            else if (!strcmp(o, "MEND") && depth > 0) {
                depth--;
                continue;
            }
            if (depth || strcasecmp(l, want)) continue;
            if (i >= f->idx) {
                f->idx = i;
                return;
            }
            if (first < 0) first = i;
        }
        if (first >= 0) {
            f->idx = first;
            return;
        }
    }
    asm_error(a, "undefined sequence symbol %s", want);
}

static void ca_set(struct asm_ctx *a, const char *label, const char *op, const char *ops)
{
    enum vkind k = op[3] == 'A' ? V_A : op[3] == 'B' ? V_B : V_C;
    const char *p = label;
    char name[NAMEMAX];
    if (*p != '&' || (p++, !get_name(&p, name))) {
        asm_error(a, "%s needs a variable symbol in the name field", op);
        return;
    }
    int32_t idx = 0;
    if (*p == '(') {
        p++;
        idx = subscript(a, &p);
        if (*p != ')') {
            asm_error(a, "bad subscript");
            return;
        }
        if (idx < 1 || idx > 100000) {
            asm_error(a, "subscript %d out of range", idx);
            return;
        }
    }
    struct macvar *v = var_lookup(a, name);
    if (!v) {   /* an undeclared SET symbol is a local one */
        char decl[NAMEMAX + 8];
        snprintf(decl, sizeof decl, "&%s%s", name, idx ? "(1)" : "");
        declare(a, decl, k, false);
        v = var_lookup(a, name);
    }
    if (v->param || v->kind != k) {
        asm_error(a, "&%s is not a %s variable", name, op[3] == 'A' ? "SETA" : op[3] == 'B' ? "SETB" : "SETC");
        return;
    }
    const char *q = ops;
    for (;;) {
        struct cav val;
        skipb(&q);
        if (!ca_or(a, &q, &val)) return;
        if (idx > v->n) var_grow(v, idx);
        if (k == V_C) {
            free(v->cv[idx]);
            v->cv[idx] = to_str(&val);
        } else {
            int32_t x = to_int(a, &val);
            v->iv[idx] = k == V_B ? (x != 0) : x;
        }
        cav_free(&val);
        skipb(&q);
        if (*q != ',' || !v->dimensioned) break;
        q++;
        idx++;
    }
    if (*q) asm_error(a, "unexpected '%.20s' in %s", q, op);
}

void mac_ca_statement(struct asm_ctx *a, const char *label, const char *op, const char *ops)
{
    struct frame *f = ca_frame(a);
    bool in_macro = f && f->is_macro;
    a->suppress_list = in_macro;
    if (!strcmp(op, "ANOP") || !strcmp(op, "ACTR")) return;
    if (!strcmp(op, "MEXIT") || !strcmp(op, "MEND")) {
        if (in_macro) f->idx = f->mac->nbody;
        else asm_error(a, "%s outside a macro definition", op);
        return;
    }
    if (!strncmp(op, "LCL", 3) || !strncmp(op, "GBL", 3)) {
        enum vkind k = op[3] == 'A' ? V_A : op[3] == 'B' ? V_B : V_C;
        char *o = xstrdup(ops);
        char *parts[64];
        int n = split_operands(o, parts, 64);
        for (int i = 0; i < n; i++) declare(a, parts[i], k, op[0] == 'G');
        free(o);
        return;
    }
    if (!strncmp(op, "SET", 3)) {
        ca_set(a, label, op, ops);
        return;
    }
    const char *p = ops;
    if (!strcmp(op, "AGO")) {
        if (*p == '(') {   /* computed AGO (n).A,.B,... */
            p++;
            int32_t n = subscript(a, &p);
            if (*p != ')') {
                asm_error(a, "bad computed AGO");
                return;
            }
            char *o = xstrdup(p + 1);
            char *parts[64];
            int k = split_operands(o, parts, 64);
            if (n >= 1 && n <= k) jump(a, parts[n - 1]);
            free(o);
            return;
        }
        jump(a, p);
        return;
    }
    /* AIF (condition).SEQ */
    if (*p != '(') {
        asm_error(a, "AIF needs a parenthesised condition");
        return;
    }
    struct cav v;
    if (!ca_primary(a, &p, &v)) return;
    int32_t t = to_int(a, &v);
    cav_free(&v);
    if (*p != '.') {
        asm_error(a, "AIF needs a sequence symbol after the condition");
        return;
    }
    if (t) jump(a, p);
}

void mac_reset(struct asm_ctx *a)
{
    mac_free_all(a);
    a->opencode = calloc(1, sizeof *a->opencode);
    if (!a->opencode) xmalloc((size_t)-1);
    a->opencode->syslist = xmalloc(sizeof *a->opencode->syslist);
    a->opencode->syslist[0] = xstrdup("");
    a->opencode->nsyslist = 1;
    a->sysndx = 0;
    a->mac_depth = 0;
    a->ca_steps = 0;
}

void mac_free_all(struct asm_ctx *a)
{
    while (a->macros) {
        struct macro *m = a->macros;
        a->macros = m->next;
        macro_free(m);
    }
    scope_free(a->opencode);
    a->opencode = NULL;
    while (a->globals) {
        struct macvar *v = a->globals;
        a->globals = v->next;
        var_free(v);
    }
}
