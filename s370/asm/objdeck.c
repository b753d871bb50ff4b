/*
 * objdeck.c - object deck and flat image output.
 *
 * Object deck (HLASM Programmer's Guide, "Object deck output"): 80-byte
 * EBCDIC records, column 1 X'02' and the type in columns 2-4.
 *   ESD: cols 11-12 byte count of items, 15-16 ESDID of the first non-LD
 *        item; 17-64 up to three 16-byte items: name (8, EBCDIC, blank
 *        padded), type (SD 00, LD 01, ER 02, PC 04, WX 0A), address (3),
 *        flag (SD/PC: AMODE/RMODE, 00 = 24/24; blank for LD, ER, WX),
 *        length (SD/PC), ESDID of the owning section (LD) or blanks.
 *   TXT: cols 6-8 address, 11-12 byte count, 15-16 ESDID, 17-72 up to 56
 *        bytes of text.
 *   RLD: cols 11-12 byte count, 17-72 items: relocation ESDID (2), position
 *        ESDID (2), flag, address (3); flag bits 2-3 type (0 A, 1 V), bits
 *        4-5 length-1, bit 6 direction (1 = subtract), bit 7 the next item
 *        has the same two ESDIDs and omits them.
 *   END: cols 6-8 entry address, 15-16 its ESDID (blank if none).
 *   Columns 73-80 hold an 8-digit sequence number.
 */
#include <stdlib.h>
#include <string.h>
#include "asm.h"
#include "ebcdic.h"

struct deck { struct buf b; int seq; };

static void rec_start(uint8_t *r, const char *type)
{
    memset(r, 0x40, 80);
    r[0] = 0x02;
    for (int i = 0; i < 3; i++) r[1 + i] = ebcdic_enc((unsigned char)type[i]);
}

static void rec_put(struct deck *d, uint8_t *r)
{
    char seq[16];
    snprintf(seq, sizeof seq, "%08d", ++d->seq % 100000000);
    for (int i = 0; i < 8; i++) r[72 + i] = ebcdic_enc((unsigned char)seq[i]);
    buf_add(&d->b, r, 80);
}

static void put2(uint8_t *p, unsigned v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static void put3(uint8_t *p, uint32_t v) { p[0] = (uint8_t)(v >> 16); p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)v; }

static void name8(uint8_t *p, const char *name)
{
    for (int i = 0; i < 8; i++) p[i] = ebcdic_enc((unsigned char)(i < (int)strlen(name) ? name[i] : ' '));
}

static bool in_deck(struct asm_ctx *a, int i)
{
    return a->esd[i].type != ESD_DSECT && a->esd[i].seen_pass == a->pass;
}

void obj_write(struct asm_ctx *a, struct asm_result *r)
{
    struct deck d = { { 0 }, 0 };
    int *id = calloc((size_t)a->nesd + 1, sizeof *id);
    if (!id) xmalloc((size_t)-1);
    int n = 0;
    for (int i = 0; i < a->nesd; i++)
        if (in_deck(a, i)) id[i] = ++n;
    uint8_t rec[80];
    /* ESD: SD, PC, ER and WX items in ESDID order, then LD items */
    int k = 0;
    for (int i = 0; i < a->nesd; i++) {
        if (!id[i]) continue;
        if (k == 0) {
            rec_start(rec, "ESD");
            put2(rec + 14, (unsigned)id[i]);
        }
        uint8_t *it = rec + 16 + 16 * k;
        const struct esd *e = &a->esd[i];
        name8(it, e->name);
        switch (e->type) {
        case ESD_SD:
        case ESD_PC:
            it[8] = e->type == ESD_SD ? 0x00 : 0x04;
            put3(it + 9, e->origin);
            it[12] = 0x00;
            put3(it + 13, e->hiwater - e->origin);
            break;
        default:
            it[8] = e->type == ESD_ER ? 0x02 : 0x0A;
            break;
        }
        if (++k == 3) {
            put2(rec + 10, 48);
            rec_put(&d, rec);
            k = 0;
        }
    }
    if (k) {
        put2(rec + 10, (unsigned)(16 * k));
        rec_put(&d, rec);
    }
    k = 0;
    for (int i = 0; i < a->nentries; i++) {
        struct sym *s = sym_find(a, a->entries[i]);
        struct stmt at = { (char *)"", "?", 0, 1 };
        if (!s || !s->ever || s->val.nrel != 1 || !id[s->val.rel[0].rid] ||
            a->esd[s->val.rel[0].rid].type == ESD_ER || a->esd[s->val.rel[0].rid].type == ESD_WX) {
            if (s) at.file = s->file, at.line = s->line;
            a->st = &at;
            asm_error(a, "ENTRY %s is not a symbol in a control section", a->entries[i]);
            a->st = NULL;
            continue;
        }
        if (k == 0) rec_start(rec, "ESD");
        uint8_t *it = rec + 16 + 16 * k;
        name8(it, s->name);
        it[8] = 0x01;
        put3(it + 9, (uint32_t)s->val.v);
        put3(it + 13, (uint32_t)id[s->val.rel[0].rid]);
        if (++k == 3) {
            put2(rec + 10, 48);
            rec_put(&d, rec);
            k = 0;
        }
    }
    if (k) {
        put2(rec + 10, (unsigned)(16 * k));
        rec_put(&d, rec);
    }
    /* TXT */
    for (int c = 0; c < a->nchunks; c++) {
        const struct chunk *ch = &a->chunks[c];
        for (uint32_t off = 0; off < ch->len; off += 56) {
            uint32_t len = ch->len - off < 56 ? ch->len - off : 56;
            rec_start(rec, "TXT");
            put3(rec + 5, ch->addr + off);
            put2(rec + 10, len);
            put2(rec + 14, (unsigned)id[ch->rid]);
            memcpy(rec + 16, a->text.p + ch->off + off, len);
            rec_put(&d, rec);
        }
    }
    /* RLD */
    int used = 0;
    for (int i = 0; i < a->nrlds; i++) {
        const struct rld *x = &a->rlds[i];
        if (!id[x->prid] || !id[x->rrid]) continue;
        bool same = i > 0 && used > 0 && a->rlds[i - 1].prid == x->prid && a->rlds[i - 1].rrid == x->rrid;
        int need = same ? 4 : 8;
        if (used + need > 56 || used == 0) {
            if (used) {
                rec[16 + used - 4] &= 0xFE;   /* the last item of a record names its ESDIDs */
                put2(rec + 10, (unsigned)used);
                rec_put(&d, rec);
            }
            rec_start(rec, "RLD");
            memset(rec + 16, 0x40, 56);
            used = 0;
            same = false;
        }
        if (same) rec[16 + used - 4] |= 0x01;   /* previous item: same ESDIDs follow */
        uint8_t *p = rec + 16 + used;
        if (!same) {
            put2(p, (unsigned)id[x->rrid]);
            put2(p + 2, (unsigned)id[x->prid]);
            p += 4;
        }
        p[0] = (uint8_t)((x->vcon ? 0x10 : 0x00) | (x->len - 1) << 2 | (x->neg ? 0x02 : 0));
        put3(p + 1, x->addr);
        used += same ? 4 : 8;
    }
    if (used) {
        put2(rec + 10, (unsigned)used);
        rec_put(&d, rec);
    }
    /* END */
    rec_start(rec, "END");
    if (a->have_end_entry && a->endval.nrel == 1 && id[a->endval.rel[0].rid]) {
        put3(rec + 5, (uint32_t)a->endval.v);
        put2(rec + 14, (unsigned)id[a->endval.rel[0].rid]);
    } else if (a->have_end_entry && a->endval.nrel == 0) {
        put3(rec + 5, (uint32_t)a->endval.v);
    }
    rec_put(&d, rec);
    free(id);
    r->deck = (uint8_t *)d.b.p;
    r->decklen = d.b.len;
}

/* Flat image from the START origin to the end of the last section. V-type
   constants and EXTRNs naming a section or ENTRY of this assembly are
   resolved; others stay zero with a warning. */
void bin_write(struct asm_ctx *a, struct asm_result *r)
{
    uint32_t lo = a->start_origin, hi = lo;
    bool any = false;
    for (int i = 0; i < a->nesd; i++) {
        const struct esd *e = &a->esd[i];
        if ((e->type != ESD_SD && e->type != ESD_PC) || e->seen_pass != a->pass) continue;
        if (!any || e->origin < lo) lo = e->origin;
        if (e->hiwater > hi) hi = e->hiwater;
        any = true;
    }
    if (a->have_start) lo = a->start_origin;
    if (hi < lo) hi = lo;
    r->origin = lo;
    r->size = hi - lo;
    r->image = calloc(1, r->size + 1);
    if (!r->image) xmalloc((size_t)-1);
    for (int c = 0; c < a->nchunks; c++) {
        const struct chunk *ch = &a->chunks[c];
        if (ch->addr < lo || ch->addr + ch->len > hi) continue;
        memcpy(r->image + ch->addr - lo, a->text.p + ch->off, ch->len);
    }
    for (int i = 0; i < a->nrlds; i++) {
        const struct rld *x = &a->rlds[i];
        const struct esd *t = &a->esd[x->rrid];
        if (t->type != ESD_ER && t->type != ESD_WX) continue;
        uint32_t addr = 0;
        bool found = false;
        for (int k = 0; k < a->nesd && !found; k++)
            if ((a->esd[k].type == ESD_SD) && !strcmp(a->esd[k].name, t->name))
                addr = a->esd[k].origin, found = true;
        for (int k = 0; k < a->nentries && !found; k++)
            if (!strcmp(a->entries[k], t->name)) {
                struct sym *s = sym_find(a, t->name);
                if (s && s->ever) addr = (uint32_t)s->val.v, found = true;
            }
        if (!found) {
            if (a->opts->bin && t->type == ESD_ER) {
                struct stmt at = { (char *)"", x->file, x->line, 1 };
                a->st = &at;
                asm_warn(a, "external %s is not defined in this assembly: left zero at %06X", t->name, x->addr);
                a->st = NULL;
            }
            continue;
        }
        if (x->addr < lo || x->addr + x->len > hi) continue;
        uint8_t *p = r->image + x->addr - lo;
        uint32_t v = 0;
        for (int j = 0; j < x->len; j++) v = v << 8 | p[j];
        v = x->neg ? v - addr : v + addr;
        for (int j = x->len - 1; j >= 0; j--, v >>= 8) p[j] = (uint8_t)v;
    }
}

struct mapent { uint32_t addr; int rank; const char *type, *name; uint32_t len; };

static int mapent_cmp(const void *x, const void *y)
{
    const struct mapent *a = x, *b = y;
    if (a->addr != b->addr) return a->addr < b->addr ? -1 : 1;
    if (a->rank != b->rank) return a->rank - b->rank;
    return strcmp(a->name, b->name);
}

/* The assembly's own symbol map, in the link map format: sections (SD,
   PC), ENTRY names (LD) and every other label in a control section (LB),
   at their assembled addresses (the -f bin addresses). */
void map_write(struct asm_ctx *a, struct asm_result *r)
{
    size_t n = 0, cap = 64;
    struct mapent *v = xmalloc(cap * sizeof *v);
    for (int i = 0; i < a->nesd; i++) {
        const struct esd *e = &a->esd[i];
        if ((e->type != ESD_SD && e->type != ESD_PC) || e->seen_pass != a->pass) continue;
        if (n == cap) v = xrealloc(v, (cap *= 2) * sizeof *v);
        v[n++] = (struct mapent){ e->origin, 0, e->type == ESD_SD ? "SD" : "PC", e->name[0] ? e->name : "(PC)",
                                  e->hiwater - e->origin };
    }
    if (a->symtab)
        for (size_t h = 0; h < a->nbuckets; h++)
            for (struct sym *s = a->symtab[h]; s; s = s->next) {
                if (!s->ever || s->val.nrel != 1 || s->val.rel[0].m != 1) continue;
                const struct esd *e = &a->esd[s->val.rel[0].rid];
                if ((e->type != ESD_SD && e->type != ESD_PC) || !strcmp(s->name, e->name)) continue;
                bool entry = false;
                for (int k = 0; k < a->nentries; k++)
                    if (!strcmp(a->entries[k], s->name)) entry = true;
                if (n == cap) v = xrealloc(v, (cap *= 2) * sizeof *v);
                v[n++] = (struct mapent){ (uint32_t)s->val.v, entry ? 1 : 2, entry ? "LD" : "LB", s->name, 0 };
            }
    qsort(v, n, sizeof *v, mapent_cmp);
    struct buf b = { 0 };
    buf_printf(&b, "* asm370 symbol map\n* ORIGIN %06X SIZE %06X\n", r->origin, r->size);
    for (size_t i = 0; i < n; i++) {
        if (v[i].rank == 0) buf_printf(&b, "%06X %s %-8s %06X\n", v[i].addr, v[i].type, v[i].name, v[i].len);
        else buf_printf(&b, "%06X %s %s\n", v[i].addr, v[i].type, v[i].name);
    }
    free(v);
    r->map = b.p;
    r->maplen = b.len;
}
