/*
 * main.c - the asm370 command line (docs/asm370.md):
 *   asm370 [-I DIR]... [-o OUT] [-l LISTING] [-m MAP] [-f obj|bin] SRC
 *   asm370 --link [-o OUT] [-m MAP] [--origin HEX] DECK...
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "asm.h"

static int usage(const char *msg)
{
    fprintf(stderr, "asm370: %s\n", msg);
    fprintf(stderr, "usage: asm370 [-I DIR]... [-o OUT] [-l LISTING] [-m MAP] [-f obj|bin] SRC\n"
                    "       asm370 --link [-o OUT] [-m MAP] [--origin HEX] DECK...\n");
    return 2;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    struct buf b = { 0 };
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) buf_add(&b, tmp, n);
    fclose(f);
    if (len) *len = b.len;
    return b.p ? b.p : xstrdup("");
}

static bool spill(const char *path, const void *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(p, 1, n, f) != n || fclose(f)) {
        fprintf(stderr, "asm370: cannot write %s: %s\n", path, strerror(errno));
        return false;
    }
    return true;
}

static int do_link(int argc, char **argv)
{
    const char *out = "a.bin", *map = NULL;
    uint32_t origin = 0;
    struct link_input in[256];
    int n = 0;
    for (int i = 0; i < argc; i++) {
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(argv[i], "-o") && v) out = v, i++;
        else if (!strcmp(argv[i], "-m") && v) map = v, i++;
        else if (!strcmp(argv[i], "--origin") && v) {
            char *e;
            origin = (uint32_t)strtoul(v, &e, 16);
            if (*e || origin > 0xFFFFFF) return usage("--origin wants a hexadecimal address");
            i++;
        } else if (argv[i][0] == '-')
            return usage("unknown option");
        else if (n < 256) {
            size_t len;
            char *d = slurp(argv[i], &len);
            if (!d) {
                fprintf(stderr, "asm370: cannot read %s: %s\n", argv[i], strerror(errno));
                return 2;
            }
            in[n].name = argv[i];
            in[n].deck = (uint8_t *)d;
            in[n++].len = len;
        }
    }
    if (!n) return usage("no object decks to link");
    struct link_result r;
    int errs = asm_link(in, n, origin, &r);
    fputs(r.messages, stderr);
    int rc = errs ? 1 : 0;
    if (!errs) {
        if (!spill(out, r.image, r.size)) rc = 2;
        if (map && !spill(map, r.map, r.maplen)) rc = 2;
    }
    for (int i = 0; i < n; i++) free((void *)in[i].deck);
    link_result_free(&r);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "--link")) return do_link(argc - 2, argv + 2);
    const char *incdirs[64];
    struct asm_opts o = { incdirs, 0, NULL, 0, false, false };
    const char *out = NULL, *list = NULL, *map = NULL, *src = NULL;
    bool bin = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-I") && v) {
            if (o.nincdirs < 64) incdirs[o.nincdirs++] = v;
            i++;
        } else if (!strncmp(a, "-I", 2) && a[2]) {
            if (o.nincdirs < 64) incdirs[o.nincdirs++] = a + 2;
        } else if (!strcmp(a, "-o") && v) out = v, i++;
        else if (!strcmp(a, "-l") && v) list = v, i++;
        else if (!strcmp(a, "-m") && v) map = v, i++;
        else if (!strcmp(a, "-f") && v) {
            if (!strcmp(v, "bin")) bin = true;
            else if (strcmp(v, "obj")) return usage("-f wants obj or bin");
            i++;
        } else if (a[0] == '-' && a[1])
            return usage("unknown option");
        else if (src)
            return usage("more than one source file");
        else
            src = a;
    }
    if (!src) return usage("no source file");
    char *text = slurp(src, NULL);
    if (!text) {
        fprintf(stderr, "asm370: cannot read %s: %s\n", src, strerror(errno));
        return 2;
    }
    o.listing = list != NULL;
    o.bin = bin;
    struct asm_result r;
    int errs = asm_assemble(&o, src, text, &r);
    free(text);
    fputs(r.messages, stderr);
    int rc = errs ? 1 : 0;
    if (list && !spill(list, r.listing, r.listlen)) rc = 2;
    if (!errs) {
        if (!out) out = bin ? "a.bin" : "a.obj";
        if (bin ? !spill(out, r.image, r.size) : !spill(out, r.deck, r.decklen)) rc = 2;
        if (map && !spill(map, r.map, r.maplen)) rc = 2;
    }
    asm_result_free(&r);
    return rc;
}
