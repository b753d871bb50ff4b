/*
 * source.c - source files, COPY and macro library members, continuation
 * lines and the statement fields.
 *
 * Fixed format (HLASM Language Reference, "Coding conventions"): columns 1-71
 * hold the statement, a non-blank column 72 continues it on the next line at
 * column 16, columns 73-80 are ignored. When the operands of a continued
 * line end with a comma followed by a blank, the rest of that line is remarks
 * and the operands carry on at column 16 of the next line.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "asm.h"

static char *detab(const char *s, size_t n)
{
    struct buf b = { 0 };
    size_t col = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\t') {
            do buf_add(&b, " ", 1); while (++col % 8);
        } else if (s[i] != '\r') {
            buf_add(&b, &s[i], 1);
            col++;
        }
    }
    if (!b.p) return xstrdup("");
    return b.p;
}

struct srcfile *src_load(struct asm_ctx *a, const char *name, const char *text)
{
    struct srcfile *f = calloc(1, sizeof *f);
    if (!f) xmalloc((size_t)-1);
    f->name = xstrdup(name);
    int cap = 0;
    const char *p = text;
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (f->nlines == cap) {
            cap = cap ? cap * 2 : 256;
            f->lines = xrealloc(f->lines, (size_t)cap * sizeof *f->lines);
        }
        f->lines[f->nlines++] = detab(p, n);
        p += n;
        if (*p) p++;
    }
    f->next = a->files;
    a->files = f;
    return f;
}

static char *read_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) return NULL;
    struct buf b = { 0 };
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, fp)) > 0) buf_add(&b, tmp, n);
    fclose(fp);
    return b.p ? b.p : xstrdup("");
}

/* A member (macro or COPY) by name: in-memory files first, then each -I
   directory as NAME, NAME.mac, NAME.cpy, NAME.copy, NAME.asm, and the same in
   lower case. Loaded once and cached for later passes. */
struct srcfile *src_find_member(struct asm_ctx *a, const char *member)
{
    static const char *exts[] = { "", ".mac", ".MAC", ".cpy", ".copy", ".asm", ".CPY", ".ASM" };
    char lower[NAMEMAX];
    size_t i;
    for (i = 0; member[i] && i < NAMEMAX - 1; i++) lower[i] = (char)tolower((unsigned char)member[i]);
    lower[i] = 0;
    const struct asm_opts *o = a->opts;
    for (int k = 0; k < o->nvfiles; k++) {
        const char *vn = o->vfiles[k].name;
        size_t ml = strlen(member);
        if (!strncasecmp(vn, member, ml) && (vn[ml] == 0 || vn[ml] == '.')) {
            for (struct srcfile *f = a->files; f; f = f->next)
                if (!strcmp(f->name, vn)) return f;
            return src_load(a, vn, o->vfiles[k].text);
        }
    }
    for (int d = 0; d < o->nincdirs; d++) {
        for (int c = 0; c < 2; c++) {
            for (size_t e = 0; e < sizeof exts / sizeof *exts; e++) {
                char path[4096];
                snprintf(path, sizeof path, "%s/%s%s", o->incdirs[d], c ? lower : member, exts[e]);
                for (struct srcfile *f = a->files; f; f = f->next)
                    if (!strcmp(f->name, path)) return f;
                char *text = read_file(path);
                if (!text) continue;
                struct srcfile *f = src_load(a, path, text);
                free(text);
                return f;
            }
        }
    }
    return NULL;
}

/* Where the operand field of a statement ends: the first blank outside
   quotes and parentheses (attribute references like L'X are not quotes). */
static const char *operand_end(const char *start, const char *p)
{
    int depth = 0;
    const char *base = p;
    while (*p) {
        if (*p == '\'') {
            if (p > base && is_attr_at(base, p - 1)) { p++; continue; }
            p = skip_quoted(p);
            continue;
        }
        if (*p == '(') depth++;
        else if (*p == ')') { if (depth) depth--; }
        else if (*p == ' ' && depth == 0) break;
        p++;
    }
    (void)start;
    return p;
}

/* Split a statement into name, operation and operand fields. Returns 0 for
   a comment or blank line. */
int field_split(const char *text, char *label, char *op, const char **operands, const char **opend)
{
    const char *p = text;
    label[0] = op[0] = 0;
    *operands = *opend = "";
    if (*p == '*' || (p[0] == '.' && p[1] == '*')) return 0;
    int n = 0;
    while (*p && *p != ' ') {
        if (n < NAMEMAX - 1) label[n++] = *p;
        p++;
    }
    label[n] = 0;
    while (*p == ' ') p++;
    if (!*p) return label[0] ? 1 : 0;
    n = 0;
    while (*p && *p != ' ') {
        if (n < NAMEMAX - 1) op[n++] = (char)toupper((unsigned char)*p);
        p++;
    }
    op[n] = 0;
    while (*p == ' ') p++;
    *operands = p;
    *opend = operand_end(text, p);
    return 1;
}

static bool continued(const char *line) { return strlen(line) >= 72 && line[71] != ' '; }

/* The next logical statement from the file on top of the reader stack. */
static bool file_next(struct frame *fr, struct stmt *st)
{
    struct srcfile *f = fr->file;
    const char *line = f->lines[fr->idx];
    st->file = f->name;
    st->line = fr->idx + 1;
    st->nphys = 1;
    fr->idx++;
    size_t n = strlen(line);
    if (n > 71) n = 71;
    if (!continued(line) || line[0] == '*') {
        while (n && line[n - 1] == ' ') n--;
        st->text = xstrndup(line, n);
        return true;
    }
    struct buf b = { 0 };
    buf_add(&b, line, n);
    while (continued(line) && fr->idx < f->nlines) {
        line = f->lines[fr->idx++];
        st->nphys++;
        size_t m = strlen(line);
        if (m > 71) m = 71;
        const char *cont = m > 15 ? line + 15 : "";
        size_t cl = m > 15 ? m - 15 : 0;
        /* operands ended with ",<blank>": the rest of the line is remarks */
        char lab[NAMEMAX], op[NAMEMAX];
        const char *ops, *opend;
        if (field_split(b.p, lab, op, &ops, &opend) && opend > ops && opend[-1] == ',' && *opend == ' ') {
            b.len = (size_t)(opend - b.p);
            b.p[b.len] = 0;
            while (cl && *cont == ' ') cont++, cl--;
        }
        buf_add(&b, cont, cl);
    }
    while (b.len && b.p[b.len - 1] == ' ') b.p[--b.len] = 0;
    st->text = b.p;
    return true;
}

bool src_next(struct asm_ctx *a, struct stmt *st)
{
    for (;;) {
        struct frame *fr = a->fr;
        if (!fr) return false;
        if (fr->is_macro) {
            if (fr->idx < fr->mac->nbody) {
                const struct stmt *m = &fr->mac->body[fr->idx++];
                *st = *m;
                st->text = xstrdup(m->text);
                return true;
            }
            mac_pop_frame(a);
            continue;
        }
        if (fr->idx < fr->file->nlines) return file_next(fr, st);
        a->fr = fr->up;
        free(fr);
    }
}
