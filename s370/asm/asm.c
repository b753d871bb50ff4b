/*
 * asm.c - the pass driver, statement dispatch and the assembler
 * instructions (HLASM Language Reference, "Assembler instruction
 * statements"): START CSECT DSECT END ENTRY EXTRN WXTRN USING DROP EQU ORG
 * CNOP LTORG COPY PRINT TITLE EJECT SPACE PUSH POP MNOTE, plus DC/DS/CCW
 * (dc.c), machine instructions (instr.c) and macros (macro.c).
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "asm.h"
#include "ebcdic.h"

#define MAXPASS 12

/* ---------- messages ---------- */

static void message(struct asm_ctx *a, const char *kind, const char *fmt, va_list ap)
{
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    const char *file = a->st ? a->st->file : "?";
    int line = a->st ? a->st->line : 0;
    buf_printf(&a->msgs, "%s:%d: %s: %s\n", file, line, kind, msg);
    for (struct frame *f = a->fr; f; f = f->up)
        if (f->is_macro)
            buf_printf(&a->msgs, "%s:%d: note: in expansion of macro %s\n", f->callfile, f->callline,
                       f->mac->name);
    buf_printf(&a->smsg, "** %s: %s\n", kind, msg);
}

void asm_error(struct asm_ctx *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    message(a, "error", fmt, ap);
    va_end(ap);
    a->nerrors++;
}

void asm_warn(struct asm_ctx *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    message(a, "warning", fmt, ap);
    va_end(ap);
    a->nwarnings++;
}

/* ---------- sections and the location counter ---------- */

static uint32_t align_up(uint32_t v, uint32_t b) { return (v + b - 1) / b * b; }

static int esd_find(struct asm_ctx *a, const char *name, bool external)
{
    for (int i = 0; i < a->nesd; i++) {
        bool ext = a->esd[i].type == ESD_ER || a->esd[i].type == ESD_WX;
        if (ext == external && !strcmp(a->esd[i].name, name)) return i;
    }
    return -1;
}

static int esd_new(struct asm_ctx *a, const char *name, enum esd_type t)
{
    if (a->nesd == a->capesd) {
        a->capesd = a->capesd ? a->capesd * 2 : 16;
        a->esd = xrealloc(a->esd, (size_t)a->capesd * sizeof *a->esd);
    }
    struct esd *e = &a->esd[a->nesd];
    memset(e, 0, sizeof *e);
    snprintf(e->name, sizeof e->name, "%s", name);
    e->type = t;
    e->seen_pass = -1;
    return a->nesd++;
}

/* Enter (or resume) a section. A section new in this assembly goes after
   every section known so far, on a doubleword boundary. */
int asm_section(struct asm_ctx *a, const char *name, enum esd_type t)
{
    int i = esd_find(a, name, false);
    if (i >= 0 && a->esd[i].type != t && !(t == ESD_SD && a->esd[i].type == ESD_PC)) {
        asm_error(a, "%s is already a section of another type", name);
        return a->cur;
    }
    if (i < 0) {
        uint32_t end = a->start_origin;
        for (int k = 0; k < a->nesd; k++)
            if ((a->esd[k].type == ESD_SD || a->esd[k].type == ESD_PC) && a->esd[k].hiwater > end)
                end = a->esd[k].hiwater;
        i = esd_new(a, name, t);
        struct esd *e = &a->esd[i];
        e->origin = t == ESD_DSECT ? 0 : align_up(end, 8);
        e->loc = e->hiwater = e->origin;
    }
    struct esd *e = &a->esd[i];
    if (e->seen_pass != a->pass) {
        e->seen_pass = a->pass;
        e->loc = e->hiwater = e->origin;
    }
    a->cur = i;
    return i;
}

int asm_extern(struct asm_ctx *a, const char *name, enum esd_type t)
{
    int i = esd_find(a, name, true);
    if (i < 0) i = esd_new(a, name, t);
    else if (t == ESD_ER) a->esd[i].type = ESD_ER;   /* EXTRN beats WXTRN */
    a->esd[i].seen_pass = a->pass;
    return i;
}

void asm_ensure_section(struct asm_ctx *a)
{
    if (a->cur < 0) asm_section(a, "", ESD_PC);
}

uint32_t asm_loc(struct asm_ctx *a)
{
    asm_ensure_section(a);
    return a->esd[a->cur].loc;
}

struct val asm_locval(struct asm_ctx *a)
{
    struct val v = { 0 };
    v.v = (int32_t)asm_loc(a);
    v.nrel = 1;
    v.rel[0].rid = (int16_t)a->cur;
    v.rel[0].m = 1;
    return v;
}

void asm_setloc(struct asm_ctx *a, uint32_t loc)
{
    struct esd *e = &a->esd[a->cur];
    e->loc = loc & 0xFFFFFF;
    if (e->loc > e->hiwater) e->hiwater = e->loc;
}

void asm_emit(struct asm_ctx *a, const uint8_t *p, uint32_t n)
{
    asm_ensure_section(a);
    struct esd *e = &a->esd[a->cur];
    for (uint32_t i = 0; i < n && a->stmt_nobj < (int)sizeof a->stmt_obj; i++) a->stmt_obj[a->stmt_nobj++] = p[i];
    if (e->type != ESD_DSECT && n) {
        struct chunk *c = a->nchunks ? &a->chunks[a->nchunks - 1] : NULL;
        if (!c || c->rid != a->cur || c->addr + c->len != e->loc || c->off + c->len != a->text.len) {
            if (a->nchunks == a->capchunks) {
                a->capchunks = a->capchunks ? a->capchunks * 2 : 64;
                a->chunks = xrealloc(a->chunks, (size_t)a->capchunks * sizeof *a->chunks);
            }
            c = &a->chunks[a->nchunks++];
            c->rid = a->cur;
            c->addr = e->loc;
            c->off = (uint32_t)a->text.len;
            c->len = 0;
        }
        buf_add(&a->text, p, n);
        c->len += n;
    }
    asm_setloc(a, e->loc + n);
}

void asm_reserve(struct asm_ctx *a, uint32_t n)
{
    asm_ensure_section(a);
    asm_setloc(a, a->esd[a->cur].loc + n);
}

void asm_align(struct asm_ctx *a, int boundary, bool fill)
{
    uint32_t loc = asm_loc(a);
    uint32_t to = align_up(loc, (uint32_t)boundary);
    if (to == loc) return;
    if (fill) {
        static const uint8_t zero[8];
        asm_emit(a, zero, to - loc);
    } else
        asm_setloc(a, to);
}

/* An address constant of len bytes at addr with value v: one RLD item for
   each relocatable term (complex relocatable expressions give several). */
void asm_add_rld(struct asm_ctx *a, const struct val *v, uint32_t addr, int len, bool vcon)
{
    if (a->cur < 0 || a->esd[a->cur].type == ESD_DSECT) return;
    for (int i = 0; i < v->nrel; i++) {
        int rid = v->rel[i].rid;
        if (a->esd[rid].type == ESD_DSECT) continue;
        for (int k = 0; k < abs(v->rel[i].m); k++) {
            if (a->nrlds == a->caprlds) {
                a->caprlds = a->caprlds ? a->caprlds * 2 : 64;
                a->rlds = xrealloc(a->rlds, (size_t)a->caprlds * sizeof *a->rlds);
            }
            struct rld *r = &a->rlds[a->nrlds++];
            r->prid = a->cur;
            r->rrid = rid;
            r->addr = addr;
            r->len = (uint8_t)len;
            r->neg = v->rel[i].m < 0;
            r->vcon = vcon;
            r->file = a->st ? a->st->file : "?";
            r->line = a->st ? a->st->line : 0;
        }
    }
}

/* ---------- assembler instructions ---------- */

static int nsplit(char *ops, char **o, int max)
{
    int n = split_operands(ops, o, max);
    if (n < 0) n = max;
    return n;
}

static void label_here(struct asm_ctx *a, const char *label, int32_t len, char type)
{
    if (label[0] && label[0] != '.') sym_define(a, label, asm_locval(a), len, type);
}

static void d_section(struct asm_ctx *a, const char *label, const char *op, char *ops)
{
    (void)ops;
    char name[NAMEMAX];
    const char *lp = label;
    if (label[0] && !get_name(&lp, name)) {
        asm_error(a, "bad section name %s", label);
        return;
    }
    if (!label[0]) name[0] = 0;
    if (!strcmp(op, "START")) {
        for (int i = 0; i < a->nesd; i++)
            if (a->esd[i].seen_pass == a->pass && a->esd[i].type != ESD_ER && a->esd[i].type != ESD_WX) {
                asm_error(a, "START must come before any other section");
                return;
            }
        int32_t org = 0;
        const char *p = ops;
        if (*p && !expr_abs(a, &p, &org)) return;
        a->start_origin = (uint32_t)org;
        a->have_start = true;
        int i = asm_section(a, name, name[0] ? ESD_SD : ESD_PC);
        a->esd[i].origin = a->esd[i].loc = a->esd[i].hiwater = (uint32_t)org;
    } else
        asm_section(a, name, !strcmp(op, "DSECT") ? ESD_DSECT : name[0] ? ESD_SD : ESD_PC);
    if (name[0]) {
        struct sym *s = sym_find(a, name);
        if (!s || s->def_pass != a->pass) {
            struct val v = asm_locval(a);
            v.v = (int32_t)a->esd[a->cur].origin;
            sym_define(a, name, v, 1, 'J');
        }
    }
    a->stmt_loc = asm_loc(a);
    a->stmt_has_loc = true;
}

static void d_extrn(struct asm_ctx *a, const char *label, const char *op, char *ops)
{
    (void)label;
    char *o[64];
    int n = nsplit(ops, o, 64);
    for (int i = 0; i < n; i++) {
        char name[NAMEMAX];
        const char *p = o[i];
        if (!get_name(&p, name) || *p) {
            asm_error(a, "bad external symbol '%s'", o[i]);
            continue;
        }
        if (!strcmp(op, "ENTRY")) {
            a->entries = xrealloc(a->entries, (size_t)(a->nentries + 1) * sizeof *a->entries);
            snprintf(a->entries[a->nentries++], NAMEMAX, "%s", name);
            continue;
        }
        int rid = asm_extern(a, name, !strcmp(op, "WXTRN") ? ESD_WX : ESD_ER);
        struct val v = { 0 };
        v.nrel = 1;
        v.rel[0].rid = (int16_t)rid;
        v.rel[0].m = 1;
        struct sym *s = sym_find(a, name);
        if (!s || s->def_pass != a->pass) sym_define(a, name, v, 1, 'T');
    }
}

static void d_using(struct asm_ctx *a, const char *label, const char *op, char *ops)
{
    (void)label;
    char *o[17];
    int n = nsplit(ops, o, 17);
    if (!strcmp(op, "DROP")) {
        if (n == 0)
            for (int r = 0; r < 16; r++) a->usings[r].on = false;
        for (int i = 0; i < n; i++) {
            const char *p = o[i];
            int32_t r;
            if (expr_abs(a, &p, &r) && r >= 0 && r < 16) a->usings[r].on = false;
            else asm_error(a, "bad register in DROP");
        }
        return;
    }
    if (n < 2) {
        asm_error(a, "USING needs a base address and a register");
        return;
    }
    struct val base;
    struct einfo ei;
    const char *p = o[0];
    if (!expr_parse(a, &p, &base, &ei)) return;
    for (int i = 1; i < n; i++) {
        const char *q = o[i];
        int32_t r;
        if (!expr_abs(a, &q, &r) || r < 0 || r > 15) {
            asm_error(a, "bad base register in USING");
            continue;
        }
        a->usings[r].on = true;   /* USING PSA,0 works when PSA is at 0 */
        a->usings[r].base = base;
        a->usings[r].base.v += 4096 * (i - 1);
    }
}

static void d_equ(struct asm_ctx *a, const char *label, const char *op, char *ops)
{
    (void)op;
    char *o[4];
    int n = nsplit(ops, o, 4);
    if (!label[0]) {
        asm_error(a, "EQU needs a name");
        return;
    }
    if (n < 1) {
        asm_error(a, "EQU needs a value");
        return;
    }
    struct val v;
    struct einfo ei;
    const char *p = o[0];
    if (!expr_parse(a, &p, &v, &ei)) return;
    if (*p) asm_error(a, "bad expression '%s'", o[0]);
    int32_t len = ei.len;
    char type = 'U';
    if (n > 1 && o[1][0]) {
        p = o[1];
        if (!expr_abs(a, &p, &len)) len = 1;
    }
    if (n > 2 && o[2][0]) {
        p = o[2];
        int32_t t;
        if (expr_abs(a, &p, &t)) type = (char)ebcdic_dec((uint8_t)t);   /* C'X' is EBCDIC */
    }
    if (ei.undef) a->unresolved = true;
    if (label[0] != '.') sym_define(a, label, v, len, type);
    a->stmt_loc = (uint32_t)v.v & 0xFFFFFF;
    a->stmt_has_loc = true;
}

static void d_org(struct asm_ctx *a, const char *label, const char *op, char *ops)
{
    (void)op;
    asm_ensure_section(a);
    label_here(a, label, 1, 'U');
    struct esd *e = &a->esd[a->cur];
    if (!*ops) {
        asm_setloc(a, e->hiwater);
        return;
    }
    struct val v;
    struct einfo ei;
    const char *p = ops;
    if (!expr_parse(a, &p, &v, &ei) || ei.undef) return;
    if (v.nrel != 1 || v.rel[0].rid != a->cur || v.rel[0].m != 1) {
        asm_error(a, "ORG operand must be relative to the current section");
        return;
    }
    if ((uint32_t)v.v < e->origin) {
        asm_error(a, "ORG below the start of the section");
        return;
    }
    asm_setloc(a, (uint32_t)v.v);
}

/* CNOP b,w: move to offset b in a w-byte unit, padding with NOPR 0. */
static void d_cnop(struct asm_ctx *a, const char *label, const char *op, char *ops)
{
    (void)op;
    char *o[2];
    int32_t b = 0, w = 4;
    if (nsplit(ops, o, 2) != 2) {
        asm_error(a, "CNOP needs two operands");
        return;
    }
    const char *p = o[0];
    const char *q = o[1];
    if (!expr_abs(a, &p, &b) || !expr_abs(a, &q, &w)) return;
    if ((w != 4 && w != 8) || b < 0 || b >= w || (b & 1)) {
        asm_error(a, "bad CNOP operands %d,%d", b, w);
        return;
    }
    asm_ensure_section(a);
    if (asm_loc(a) & 1) asm_align(a, 2, true);
    static const uint8_t nopr[2] = { 0x07, 0x00 };
    while ((asm_loc(a) % (uint32_t)w) != (uint32_t)b) asm_emit(a, nopr, 2);
    label_here(a, label, 1, 'I');
}

/* END: literals not placed by an LTORG go to the end of the first control
   section (HLASM "Literal pool"). */
static void end_pool(struct asm_ctx *a)
{
    int keep = a->cur;
    for (int i = 0; i < a->nesd; i++)
        if ((a->esd[i].type == ESD_SD || a->esd[i].type == ESD_PC) && a->esd[i].seen_pass == a->pass) {
            a->cur = i;
            a->esd[i].loc = a->esd[i].hiwater;
            break;
        }
    lit_pool(a);
    a->cur = keep;
}

static void d_end(struct asm_ctx *a, const char *label, const char *op, char *ops)
{
    (void)label;
    (void)op;
    end_pool(a);
    if (*ops) {
        const char *p = ops;
        struct einfo ei;
        if (expr_parse(a, &p, &a->endval, &ei) && !ei.undef) a->have_end_entry = true;
    }
    a->ended = true;
}

static void d_ltorg(struct asm_ctx *a, const char *label, const char *op, char *ops)
{
    (void)op;
    (void)ops;
    asm_ensure_section(a);
    asm_align(a, 8, false);
    label_here(a, label, 1, 'U');
    /* the LTORG line comes before the pool it places */
    a->stmt_loc = asm_loc(a);
    a->stmt_has_loc = true;
    list_statement(a, a->st, a->fr && a->fr->is_macro);
    a->suppress_list = true;
    a->smsg.len = 0;
    lit_pool(a);
}

static void d_copy(struct asm_ctx *a, const char *label, const char *op, char *ops)
{
    (void)label;
    (void)op;
    char name[NAMEMAX];
    const char *p = ops;
    if (!get_name(&p, name)) {
        asm_error(a, "COPY needs a member name");
        return;
    }
    struct srcfile *f = src_find_member(a, name);
    if (!f) {
        asm_error(a, "COPY member %s not found", name);
        return;
    }
    int depth = 0;
    for (struct frame *fr = a->fr; fr; fr = fr->up) depth++;
    if (depth > 50) {
        asm_error(a, "COPY nested too deeply");
        return;
    }
    struct frame *fr = calloc(1, sizeof *fr);
    if (!fr) xmalloc((size_t)-1);
    fr->file = f;
    fr->up = a->fr;
    a->fr = fr;
}

static void d_print(struct asm_ctx *a, const char *label, const char *op, char *ops)
{
    (void)label;
    char *o[8];
    int n = nsplit(ops, o, 8);
    if (!strcmp(op, "PUSH") || !strcmp(op, "POP")) {
        bool push = !strcmp(op, "PUSH");
        for (int i = 0; i < n; i++) {
            for (char *c = o[i]; *c; c++) *c = (char)toupper((unsigned char)*c);
            if (!strcmp(o[i], "USING")) {
                if (push && a->usesp < 8) memcpy(a->usestack[a->usesp++], a->usings, sizeof a->usings);
                else if (!push && a->usesp > 0) memcpy(a->usings, a->usestack[--a->usesp], sizeof a->usings);
                else asm_error(a, "%s USING stack %s", op, push ? "full" : "empty");
            } else if (!strcmp(o[i], "PRINT")) {
                if (push && a->printsp < 8) a->printstack[a->printsp++] = a->print;
                else if (!push && a->printsp > 0) a->print = a->printstack[--a->printsp];
                else asm_error(a, "%s PRINT stack %s", op, push ? "full" : "empty");
            } else if (strcmp(o[i], "NOPRINT"))
                asm_error(a, "bad %s operand %s", op, o[i]);
        }
        return;
    }
    for (int i = 0; i < n; i++) {
        for (char *c = o[i]; *c; c++) *c = (char)toupper((unsigned char)*c);
        if (!strcmp(o[i], "ON")) a->print.on = true;
        else if (!strcmp(o[i], "OFF")) a->print.on = false;
        else if (!strcmp(o[i], "GEN")) a->print.gen = true;
        else if (!strcmp(o[i], "NOGEN")) a->print.gen = false;
        else if (!strcmp(o[i], "DATA")) a->print.data = true;
        else if (!strcmp(o[i], "NODATA")) a->print.data = false;
        else if (strcmp(o[i], "NOPRINT") && strcmp(o[i], "MCALL") && strcmp(o[i], "NOMCALL"))
            asm_warn(a, "PRINT operand %s ignored", o[i]);
    }
}

static void d_title(struct asm_ctx *a, const char *label, const char *op, char *ops)
{
    (void)label;
    if (!strcmp(op, "TITLE") && ops[0] == '\'') {
        const char *e = skip_quoted(ops);
        size_t n = (size_t)(e - ops);
        if (n >= 2) n -= 2;
        if (n >= sizeof a->title) n = sizeof a->title - 1;
        memcpy(a->title, ops + 1, n);
        a->title[n] = 0;
        if (a->opts->listing) buf_printf(&a->list, "\f%s\n\n", a->title);
    } else if (!strcmp(op, "EJECT")) {
        if (a->opts->listing) buf_printf(&a->list, "\f%s\n\n", a->title);
    } else if (!strcmp(op, "SPACE")) {
        int32_t n = 1;
        const char *p = ops;
        if (*p) expr_abs(a, &p, &n);
        if (a->opts->listing)
            for (int i = 0; i < n && i < 60; i++) buf_add(&a->list, "\n", 1);
    }
}

/* MNOTE [severity,]'message': severity above 4 is an error, 1-4 a warning,
   * or none a comment. */
static void d_mnote(struct asm_ctx *a, const char *label, const char *op, char *ops)
{
    (void)label;
    (void)op;
    int32_t sev = 1;
    const char *p = ops;
    bool comment = false;
    if (*p == '*') comment = true, p++;
    else if (*p != '\'' && *p != ',') {
        if (!expr_abs(a, &p, &sev)) sev = 8;
    }
    if (*p == ',') p++;
    char text[256];
    size_t n = 0;
    if (*p == '\'') {
        p++;
        while (*p && n < sizeof text - 1) {
            if (*p == '\'') {
                if (p[1] != '\'') break;
                p++;
            } else if (*p == '&' && p[1] == '&')
                p++;
            text[n++] = *p++;
        }
    }
    text[n] = 0;
    if (comment || sev == 0) buf_printf(&a->smsg, "** MNOTE: %s\n", text);
    else if (sev > 4) asm_error(a, "MNOTE %d: %s", sev, text);
    else asm_warn(a, "MNOTE %d: %s", sev, text);
}

static void d_dc(struct asm_ctx *a, const char *label, const char *op, char *ops)
{
    if (!strcmp(op, "CCW") || !strcmp(op, "CCW0")) ccw_statement(a, label, ops);
    else dc_statement(a, label, ops, !strcmp(op, "DS"));
}

/* NEW OPSYN OLD makes NEW mean OLD; NEW OPSYN with no operand deletes NEW. */
static void d_opsyn(struct asm_ctx *a, const char *label, const char *op, char *ops)
{
    (void)op;
    char old[NAMEMAX] = "";
    const char *p = ops;
    if (!label[0] || (*p && (!get_name(&p, old) || *p))) {
        asm_error(a, "OPSYN needs a name and an operation code");
        return;
    }
    for (int i = 0; i < a->nopsyn; i++)   /* OLD may itself be an OPSYN name */
        if (!strcmp(a->opsyn[i].new, old)) {
            snprintf(old, sizeof old, "%s", a->opsyn[i].old);
            break;
        }
    int i;
    for (i = 0; i < a->nopsyn; i++)
        if (!strcmp(a->opsyn[i].new, label)) break;
    if (i == a->nopsyn) a->opsyn = xrealloc(a->opsyn, (size_t)++a->nopsyn * sizeof *a->opsyn);
    snprintf(a->opsyn[i].new, NAMEMAX, "%s", label);
    snprintf(a->opsyn[i].old, NAMEMAX, "%s", old);
}

static void d_ignore(struct asm_ctx *a, const char *label, const char *op, char *ops)
{
    (void)a;
    (void)label;
    (void)op;
    (void)ops;
}

static void d_macro(struct asm_ctx *a, const char *label, const char *op, char *ops)
{
    (void)label;
    (void)op;
    (void)ops;
    /* list MACRO, then the definition as it is read */
    list_statement(a, a->st, a->fr && a->fr->is_macro);
    a->suppress_list = true;
    mac_define(a, true);
}

static void d_stray(struct asm_ctx *a, const char *label, const char *op, char *ops)
{
    (void)label;
    (void)ops;
    asm_error(a, "%s outside a macro definition", op);
}

static const struct directive {
    const char *name;
    void (*fn)(struct asm_ctx *, const char *, const char *, char *);
} directives[] = {
    { "START", d_section }, { "CSECT", d_section }, { "DSECT", d_section },
    { "ENTRY", d_extrn }, { "EXTRN", d_extrn }, { "WXTRN", d_extrn },
    { "USING", d_using }, { "DROP", d_using }, { "EQU", d_equ }, { "ORG", d_org },
    { "CNOP", d_cnop }, { "END", d_end }, { "LTORG", d_ltorg }, { "COPY", d_copy },
    { "PRINT", d_print }, { "PUSH", d_print }, { "POP", d_print }, { "TITLE", d_title },
    { "EJECT", d_title }, { "SPACE", d_title }, { "MNOTE", d_mnote }, { "DC", d_dc },
    { "DS", d_dc }, { "CCW", d_dc }, { "CCW0", d_dc }, { "AMODE", d_ignore },
    { "RMODE", d_ignore }, { "ISEQ", d_ignore }, { "ICTL", d_ignore }, { "MACRO", d_macro },
    { "MEND", d_stray }, { "MEXIT", d_stray }, { "OPSYN", d_opsyn }, { NULL, NULL },
};

/* ---------- statements ---------- */

static bool has_varsym(const char *t)
{
    for (const char *p = strchr(t, '&'); p; p = strchr(p + 1, '&')) {
        if (p[1] == '&') {
            p++;
            continue;
        }
        if (is_symstart((unsigned char)p[1])) return true;
    }
    return false;
}

void asm_process(struct asm_ctx *a, struct stmt *st, const char *text)
{
    char label[NAMEMAX], op[NAMEMAX];
    const char *ops, *opend;
    char *subst = NULL;
    if (!field_split(text, label, op, &ops, &opend)) return;
    if (!op[0]) {
        if (label[0] && label[0] != '.') asm_error(a, "missing operation");
        return;
    }
    if (mac_is_ca_op(op)) {
        char *o = xstrndup(ops, (size_t)(opend - ops));
        mac_ca_statement(a, label, op, o);
        free(o);
        return;
    }
    if (has_varsym(text)) {
        subst = mac_substitute(a, text);
        text = subst;
        free(st->text);
        st->text = subst;
        if (!field_split(text, label, op, &ops, &opend) || !op[0]) return;
    }
    for (char *c = label; *c; c++) *c = (char)toupper((unsigned char)*c);
    for (int i = 0; i < a->nopsyn; i++)
        if (!strcmp(a->opsyn[i].new, op) && strcmp(op, "OPSYN")) {
            if (!a->opsyn[i].old[0]) {
                asm_error(a, "operation code %s was deleted by OPSYN", op);
                return;
            }
            snprintf(op, NAMEMAX, "%s", a->opsyn[i].old);
            break;
        }
    char *o = xstrndup(ops, (size_t)(opend - ops));
    struct macro *m = mac_find(a, op);
    const struct insn_def *d;
    if (m) {
        mac_call(a, m, label, o);
    } else if ((d = insn_lookup(op))) {
        insn_assemble(a, d, label, o);
    } else {
        const struct directive *dr;
        for (dr = directives; dr->name; dr++)
            if (!strcmp(dr->name, op)) break;
        if (dr->name) {
            if (dr->fn != d_ignore && dr->fn != d_macro && dr->fn != d_copy && a->cur >= 0) {
                a->stmt_loc = asm_loc(a);
                a->stmt_has_loc = true;
            }
            dr->fn(a, label, op, o);
        } else {
            struct srcfile *f = src_find_member(a, op);
            if (f && (m = mac_find(a, op)) == NULL) {
                /* a macro library member: read its definition, then call it */
                struct frame *fr = calloc(1, sizeof *fr);
                if (!fr) xmalloc((size_t)-1);
                fr->file = f;
                struct frame *save = a->fr;
                struct stmt *savest = a->st;
                a->fr = fr;
                struct stmt first;
                bool ok = false;
                while (src_next(a, &first)) {
                    char l2[NAMEMAX], o2[NAMEMAX];
                    const char *x, *y;
                    a->st = &first;
                    int k = field_split(first.text, l2, o2, &x, &y);
                    free(first.text);
                    if (!k) continue;
                    if (!strcmp(o2, "MACRO")) {
                        mac_define(a, false);
                        ok = true;
                    }
                    break;
                }
                while (a->fr) {
                    struct frame *t = a->fr;
                    a->fr = t->up;
                    free(t);
                }
                a->fr = save;
                a->st = savest;
                m = mac_find(a, op);
                if (!ok || !m) asm_error(a, "member %s does not define macro %s", f->name, op);
                else mac_call(a, m, label, o);
            } else if (m)
                mac_call(a, m, label, o);
            else
                asm_error(a, "unknown operation code %s", op);
        }
    }
    free(o);
}

/* ---------- passes ---------- */

static void pass_reset(struct asm_ctx *a)
{
    a->text.len = 0;
    a->nchunks = a->nrlds = 0;
    a->msgs.len = 0;
    a->list.len = 0;
    a->smsg.len = 0;
    if (a->msgs.p) a->msgs.p[0] = 0;
    if (a->list.p) a->list.p[0] = 0;
    a->nerrors = a->nwarnings = 0;
    a->stmtno = 0;
    a->cur = -1;
    a->ended = false;
    a->have_end_entry = false;
    memset(&a->endval, 0, sizeof a->endval);
    a->nentries = 0;
    a->nopsyn = 0;
    memset(a->usings, 0, sizeof a->usings);
    a->usesp = a->printsp = 0;
    a->print = (struct print_state){ true, true, true };
    a->title[0] = 0;
    a->poolno = 0;
    a->litorder = 0;
    a->npending = 0;
    a->unresolved = false;
    for (struct literal *l = a->lits; l; l = l->next) l->placed = l->ref = false;
    uint32_t run = a->start_origin;
    bool first = true;
    for (int i = 0; i < a->nesd; i++) {
        struct esd *e = &a->esd[i];
        if (e->type == ESD_SD || e->type == ESD_PC) {
            e->prevlen = e->hiwater - e->origin;
            if (e->seen_pass < 0) continue;
            e->origin = first ? run : align_up(run, 8);
            first = false;
            run = e->origin + e->prevlen;
        }
        e->loc = e->hiwater = e->origin;
    }
    if (a->symtab)
        for (size_t i = 0; i < a->nbuckets; i++)
            for (struct sym *s = a->symtab[i]; s; s = s->next) s->nrefs = 0;
    mac_reset(a);
}

static uint64_t fnv(uint64_t h, uint64_t v)
{
    for (int i = 0; i < 8; i++) h = (h ^ (v >> (8 * i) & 0xFF)) * 1099511628211ull;
    return h;
}

static uint64_t pass_hash(struct asm_ctx *a)
{
    uint64_t h = 14695981039346656037ull;
    if (a->symtab)
        for (size_t i = 0; i < a->nbuckets; i++)
            for (struct sym *s = a->symtab[i]; s; s = s->next)
                h = fnv(fnv(h, (uint32_t)s->val.v), (uint64_t)(uint32_t)s->len << 8 | (uint64_t)(s->def_pass == a->pass));
    for (struct literal *l = a->lits; l; l = l->next) h = fnv(h, l->addr);
    for (int i = 0; i < a->nesd; i++) h = fnv(fnv(h, a->esd[i].origin), a->esd[i].hiwater);
    return h;
}

static void run_pass(struct asm_ctx *a, struct srcfile *main)
{
    pass_reset(a);
    struct frame *fr = calloc(1, sizeof *fr);
    if (!fr) xmalloc((size_t)-1);
    fr->file = main;
    a->fr = fr;
    struct stmt st;
    while (!a->ended && src_next(a, &st)) {
        a->st = &st;
        a->stmtno++;
        a->stmt_has_loc = false;
        a->stmt_nobj = 0;
        a->suppress_list = false;
        a->smsg.len = 0;
        if (a->smsg.p) a->smsg.p[0] = 0;
        bool generated = false;
        for (struct frame *f = a->fr; f; f = f->up)
            if (f->is_macro) generated = true;
        const char *text = st.text;
        asm_process(a, &st, text);
        list_statement(a, &st, generated);
        free(st.text);
        a->st = NULL;
    }
    if (!a->ended) {
        struct stmt end = { (char *)"", main->name, main->nlines, 1 };
        a->st = &end;
        end_pool(a);
        a->st = NULL;
    }
    while (a->fr) {
        if (a->fr->is_macro) mac_pop_frame(a);
        else {
            struct frame *f = a->fr;
            a->fr = f->up;
            free(f);
        }
    }
}

int asm_assemble(const struct asm_opts *o, const char *srcname, const char *text, struct asm_result *r)
{
    struct asm_ctx ctx;
    struct asm_ctx *a = &ctx;
    memset(a, 0, sizeof *a);
    memset(r, 0, sizeof *r);
    a->opts = o;
    a->cur = -1;
    struct srcfile *main = src_load(a, srcname, text);
    uint64_t prev = 0;
    for (a->pass = 1; a->pass <= MAXPASS; a->pass++) {
        run_pass(a, main);
        uint64_t h = pass_hash(a);
        if (a->pass >= 2 && h == prev) break;
        prev = h;
    }
    if (a->pass > MAXPASS) {
        a->pass = MAXPASS;
        struct stmt end = { (char *)"", main->name, 0, 1 };
        a->st = &end;
        asm_error(a, "symbol values do not settle after %d passes", MAXPASS);
    }
    r->passes = a->pass;
    if (o->listing) list_finish(a);
    obj_write(a, r);
    bin_write(a, r);
    map_write(a, r);
    r->nerrors = a->nerrors;
    r->nwarnings = a->nwarnings;
    r->messages = a->msgs.p ? a->msgs.p : xstrdup("");
    r->msglen = a->msgs.len;
    r->listing = a->list.p ? a->list.p : xstrdup("");
    r->listlen = a->list.len;
    /* release everything else */
    free(a->text.p);
    free(a->smsg.p);
    free(a->chunks);
    free(a->rlds);
    free(a->entries);
    free(a->pending);
    free(a->opsyn);
    free(a->esd);
    sym_free_all(a);
    mac_free_all(a);
    while (a->lits) {
        struct literal *l = a->lits;
        a->lits = l->next;
        free(l->text);
        free(l);
    }
    while (a->files) {
        struct srcfile *f = a->files;
        a->files = f->next;
        for (int i = 0; i < f->nlines; i++) free(f->lines[i]);
        free(f->lines);
        free(f->name);
        free(f);
    }
    return r->nerrors;
}

void asm_result_free(struct asm_result *r)
{
    free(r->image);
    free(r->deck);
    free(r->listing);
    free(r->map);
    free(r->messages);
    memset(r, 0, sizeof *r);
}
