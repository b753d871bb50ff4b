/*
 * symbols.c - the ordinary symbol table: a chained hash table of upper-case
 * names. A symbol keeps its value from pass to pass; def_pass says whether
 * the current pass has defined it yet (a second definition is an error).
 */
#include <stdlib.h>
#include <string.h>
#include "asm.h"

static size_t hash(const char *s)
{
    size_t h = 5381;
    while (*s) h = h * 33 + (unsigned char)*s++;
    return h;
}

struct sym *sym_find(struct asm_ctx *a, const char *name)
{
    if (!a->symtab) return NULL;
    for (struct sym *s = a->symtab[hash(name) % a->nbuckets]; s; s = s->next)
        if (!strcmp(s->name, name)) return s;
    return NULL;
}

struct sym *sym_get(struct asm_ctx *a, const char *name)
{
    if (!a->symtab) {
        a->nbuckets = 4093;
        a->symtab = calloc(a->nbuckets, sizeof *a->symtab);
        if (!a->symtab) xmalloc((size_t)-1);
    }
    struct sym *s = sym_find(a, name);
    if (s) return s;
    s = calloc(1, sizeof *s);
    if (!s) xmalloc((size_t)-1);
    snprintf(s->name, sizeof s->name, "%s", name);
    s->def_pass = -1;
    s->type = 'U';
    s->len = 1;
    size_t h = hash(name) % a->nbuckets;
    s->next = a->symtab[h];
    a->symtab[h] = s;
    return s;
}

/* Define name in this pass; false (and an error) if already defined in it. */
bool sym_define(struct asm_ctx *a, const char *name, struct val v, int32_t len, char type)
{
    struct sym *s = sym_get(a, name);
    if (s->def_pass == a->pass) {
        asm_error(a, "duplicate symbol %s (first defined at %s:%d)", name, s->file, s->line);
        return false;
    }
    if (s->ever && (s->val.v != v.v || s->len != len)) a->unresolved = true;
    s->val = v;
    s->len = len;
    s->type = type;
    s->def_pass = a->pass;
    s->ever = 1;
    s->file = a->st ? a->st->file : "";
    s->line = a->st ? a->st->line : 0;
    s->stmtno = a->stmtno;
    return true;
}

void sym_ref(struct asm_ctx *a, struct sym *s)
{
    if (!a->opts->listing) return;
    if (s->nrefs && s->refs[s->nrefs - 1] == a->stmtno) return;
    if (s->nrefs == s->caprefs) {
        s->caprefs = s->caprefs ? s->caprefs * 2 : 4;
        s->refs = xrealloc(s->refs, (size_t)s->caprefs * sizeof *s->refs);
    }
    s->refs[s->nrefs++] = a->stmtno;
}

void sym_free_all(struct asm_ctx *a)
{
    if (!a->symtab) return;
    for (size_t i = 0; i < a->nbuckets; i++) {
        struct sym *s = a->symtab[i];
        while (s) {
            struct sym *n = s->next;
            free(s->refs);
            free(s);
            s = n;
        }
    }
    free(a->symtab);
    a->symtab = NULL;
}
