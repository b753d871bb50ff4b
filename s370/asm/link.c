/*
 * link.c - the link step: object decks (the format objdeck.c writes and IBM
 * loaders read) become one absolute image at a given origin. Control
 * sections are placed in the order they appear, each on a doubleword
 * boundary; TXT is moved by its section's relocation factor; RLD items add
 * (or subtract) the relocation factor of a section or the address of an
 * external symbol (ER, V-type; an unresolved WX is zero). The map lists
 * every section and entry point (docs/asm370.md, "Map file").
 */
#include <stdlib.h>
#include <string.h>
#include "asm.h"
#include "ebcdic.h"

struct gsym { char name[9]; char type[3]; uint32_t addr, len; const char *module; };

struct lesd {            /* an ESDID of the module being read */
    int kind;            /* 0 unused, 1 section, 2 external */
    int32_t factor;      /* section: placed address - assembled address */
    char name[9];
    bool weak;
};

struct fixup { uint32_t at; int len; bool neg; bool ext, weak; int32_t factor; char name[9]; const char *module; };

struct linker {
    struct link_result *r;
    struct buf msgs;
    struct buf img;       /* image from origin */
    uint32_t origin, cursor;
    struct gsym *syms;
    int nsyms;
    struct fixup *fix;
    int nfix;
    struct lesd *l;
    int nl;
    bool have_entry;
};

static unsigned get2(const uint8_t *p) { return (unsigned)p[0] << 8 | p[1]; }
static uint32_t get3(const uint8_t *p) { return (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2]; }

static void lname(char *out, const uint8_t *p)
{
    int n = 8;
    for (int i = 0; i < 8; i++) out[i] = (char)ebcdic_dec(p[i]);
    while (n && out[n - 1] == ' ') n--;
    out[n] = 0;
}

static void lerr(struct linker *k, const char *mod, const char *fmt, const char *arg)
{
    buf_printf(&k->msgs, "%s: ", mod);
    buf_printf(&k->msgs, fmt, arg);
    buf_add(&k->msgs, "\n", 1);
    k->r->nerrors++;
}

static struct gsym *gfind(struct linker *k, const char *name)
{
    for (int i = 0; i < k->nsyms; i++)
        if (!strcmp(k->syms[i].name, name)) return &k->syms[i];
    return NULL;
}

static void gadd(struct linker *k, const char *mod, const char *name, const char *type, uint32_t addr, uint32_t len)
{
    if (name[0] && gfind(k, name)) {
        lerr(k, mod, "duplicate external symbol %s", name);
        return;
    }
    k->syms = xrealloc(k->syms, (size_t)(k->nsyms + 1) * sizeof *k->syms);
    struct gsym *g = &k->syms[k->nsyms++];
    snprintf(g->name, sizeof g->name, "%s", name);
    snprintf(g->type, sizeof g->type, "%s", type);
    g->addr = addr;
    g->len = len;
    g->module = mod;
}

static struct lesd *lget(struct linker *k, unsigned id)
{
    if (id == 0 || id > 4096) return NULL;
    if ((int)id >= k->nl) {
        k->l = xrealloc(k->l, (id + 1) * sizeof *k->l);
        memset(k->l + k->nl, 0, (id + 1 - (unsigned)k->nl) * sizeof *k->l);
        k->nl = (int)id + 1;
    }
    return &k->l[id];
}

static void esd_record(struct linker *k, const char *mod, const uint8_t *rec)
{
    unsigned count = get2(rec + 10), id = get2(rec + 14);
    if (count > 48) count = 48;
    for (unsigned off = 0; off + 16 <= count; off += 16) {
        const uint8_t *it = rec + 16 + off;
        char name[9];
        lname(name, it);
        uint8_t type = it[8];
        if (type == 0x01) {   /* LD: owner ESDID in the last 3 bytes */
            struct lesd *o = lget(k, get3(it + 13));
            if (!o || o->kind != 1) {
                lerr(k, mod, "label definition %s outside a known section", name);
                continue;
            }
            gadd(k, mod, name, "LD", (uint32_t)((int32_t)get3(it + 9) + o->factor), 0);
            continue;
        }
        struct lesd *e = lget(k, id++);
        if (!e) continue;
        snprintf(e->name, sizeof e->name, "%s", name);
        if (type == 0x00 || type == 0x04) {
            uint32_t asmaddr = get3(it + 9), len = get3(it + 13);
            uint32_t at = (k->cursor + 7) & ~7u;
            e->kind = 1;
            e->factor = (int32_t)(at - asmaddr);
            k->cursor = at + len;
            gadd(k, mod, name, type ? "PC" : "SD", at, len);
        } else if (type == 0x02 || type == 0x0A) {
            e->kind = 2;
            e->weak = type == 0x0A;
        } else
            lerr(k, mod, "unsupported ESD item type for %s", name);
    }
}

static void txt_record(struct linker *k, const char *mod, const uint8_t *rec)
{
    uint32_t addr = get3(rec + 5), n = get2(rec + 10);
    struct lesd *e = lget(k, get2(rec + 14));
    if (!e || e->kind != 1 || n > 56) {
        lerr(k, mod, "TXT record for an unknown section%s", "");
        return;
    }
    uint32_t at = (uint32_t)((int32_t)addr + e->factor) - k->origin;
    if (at + n > k->img.len) {
        while (k->img.len < at + n) {
            static const uint8_t z[256];
            size_t m = at + n - k->img.len;
            buf_add(&k->img, z, m > sizeof z ? sizeof z : m);
        }
    }
    memcpy(k->img.p + at, rec + 16, n);
}

static void rld_record(struct linker *k, const char *mod, const uint8_t *rec)
{
    unsigned count = get2(rec + 10);
    if (count > 56) count = 56;
    const uint8_t *p = rec + 16, *end = rec + 16 + count;
    unsigned rid = 0, pid = 0;
    bool same = false;
    while (p < end) {
        if (!same) {
            rid = get2(p);
            pid = get2(p + 2);
            p += 4;
        }
        uint8_t flag = p[0];
        uint32_t addr = get3(p + 1);
        p += 4;
        same = flag & 1;
        struct lesd *r = lget(k, rid), *ps = lget(k, pid);
        if (!r || !ps || ps->kind != 1 || !r->kind) {
            lerr(k, mod, "RLD item with an unknown ESDID%s", "");
            continue;
        }
        k->fix = xrealloc(k->fix, (size_t)(k->nfix + 1) * sizeof *k->fix);
        struct fixup *f = &k->fix[k->nfix++];
        memset(f, 0, sizeof *f);
        f->at = (uint32_t)((int32_t)addr + ps->factor);
        f->len = ((flag >> 2) & 3) + 1 + ((flag & 0x40) ? 4 : 0);
        f->neg = flag & 2;
        f->ext = r->kind == 2;
        f->weak = r->weak;
        f->factor = r->factor;
        f->module = mod;
        snprintf(f->name, sizeof f->name, "%s", r->name);
    }
}

static void end_record(struct linker *k, const uint8_t *rec)
{
    if (!k->have_entry && rec[5] != 0x40) {
        struct lesd *e = lget(k, get2(rec + 14));
        int32_t f = e && e->kind == 1 ? e->factor : 0;
        k->r->entry = (uint32_t)((int32_t)get3(rec + 5) + f);
        k->have_entry = true;
    }
    k->nl = 0;   /* ESDIDs are local to a module */
}

static int gsym_cmp(const void *x, const void *y)
{
    const struct gsym *a = x, *b = y;
    if (a->addr != b->addr) return a->addr < b->addr ? -1 : 1;
    return strcmp(a->type, b->type) > 0 ? -1 : strcmp(a->type, b->type) < 0;
}

int asm_link(const struct link_input *in, int n, uint32_t origin, struct link_result *r)
{
    struct linker k;
    memset(&k, 0, sizeof k);
    memset(r, 0, sizeof *r);
    k.r = r;
    k.origin = k.cursor = origin;
    r->origin = origin;
    r->entry = origin;
    static const uint8_t e_esd[3] = { 0xC5, 0xE2, 0xC4 }, e_txt[3] = { 0xE3, 0xE7, 0xE3 },
                         e_rld[3] = { 0xD9, 0xD3, 0xC4 }, e_end[3] = { 0xC5, 0xD5, 0xC4 };
    for (int i = 0; i < n; i++) {
        if (in[i].len % 80) lerr(&k, in[i].name, "%s", "deck length is not a multiple of 80");
        k.nl = 0;
        for (size_t off = 0; off + 80 <= in[i].len; off += 80) {
            const uint8_t *rec = in[i].deck + off;
            if (rec[0] != 0x02) continue;
            if (!memcmp(rec + 1, e_esd, 3)) esd_record(&k, in[i].name, rec);
            else if (!memcmp(rec + 1, e_txt, 3)) txt_record(&k, in[i].name, rec);
            else if (!memcmp(rec + 1, e_rld, 3)) rld_record(&k, in[i].name, rec);
            else if (!memcmp(rec + 1, e_end, 3)) end_record(&k, rec);
        }
    }
    /* the image covers every section, even trailing storage with no text */
    while (k.img.len < k.cursor - origin) {
        static const uint8_t z[256];
        size_t m = k.cursor - origin - k.img.len;
        buf_add(&k.img, z, m > sizeof z ? sizeof z : m);
    }
    for (int i = 0; i < k.nfix; i++) {
        struct fixup *f = &k.fix[i];
        int32_t add = f->factor;
        if (f->ext) {
            struct gsym *g = gfind(&k, f->name);
            if (!g) {
                if (!f->weak) lerr(&k, f->module, "unresolved external symbol %s", f->name);
                add = 0;
            } else
                add = (int32_t)g->addr;
        }
        if (f->at < origin || f->at - origin + (uint32_t)f->len > k.img.len) {
            lerr(&k, f->module, "relocation outside the image%s", "");
            continue;
        }
        uint8_t *p = (uint8_t *)k.img.p + f->at - origin;
        uint64_t v = 0;
        for (int j = 0; j < f->len; j++) v = v << 8 | p[j];
        v = f->neg ? v - (uint64_t)(int64_t)add : v + (uint64_t)(int64_t)add;
        for (int j = f->len - 1; j >= 0; j--, v >>= 8) p[j] = (uint8_t)v;
    }
    qsort(k.syms, (size_t)k.nsyms, sizeof *k.syms, gsym_cmp);
    struct buf map = { 0 };
    buf_printf(&map, "* asm370 link map\n* ORIGIN %06X SIZE %06X ENTRY %06X\n", origin,
               (uint32_t)k.img.len, r->entry);
    for (int i = 0; i < k.nsyms; i++) {
        const struct gsym *g = &k.syms[i];
        if (!strcmp(g->type, "LD")) buf_printf(&map, "%06X LD %-8s\n", g->addr, g->name);
        else buf_printf(&map, "%06X %s %-8s %06X %s\n", g->addr, g->type, g->name[0] ? g->name : "(PC)", g->len, g->module);
    }
    r->image = (uint8_t *)(k.img.p ? k.img.p : xstrdup(""));
    r->size = (uint32_t)k.img.len;
    r->map = map.p;
    r->maplen = map.len;
    r->messages = k.msgs.p ? k.msgs.p : xstrdup("");
    r->msglen = k.msgs.len;
    free(k.syms);
    free(k.fix);
    free(k.l);
    return r->nerrors;
}

void link_result_free(struct link_result *r)
{
    free(r->image);
    free(r->map);
    free(r->messages);
    memset(r, 0, sizeof *r);
}
