/*
 * printer.c - 1403 and 3211 printers: print lines to a host text file,
 * with the forms control of a carriage tape (1403) or a forms control
 * buffer (3211, GA24-3543).
 *
 * Configuration (Hercules' arguments): CUU 1403|3211 FILE [ascii]
 * [lpp=N] [fcb=L:C,L:C,...] [fcbcheck|nofcbcheck] [crlf] [lpi=N]
 * [index=N] [optbrowse|optprint] [noclear]. lpp is the number of lines of a page
 * (default 66); fcb gives the line of each channel (1-12), by default
 * Hercules' 1:1,7:2,13:3,19:4,25:5,31:6,37:7,43:8,63:9,49:10,55:11,61:12.
 * crlf ends lines with CR LF, noclear appends to the file; lpi, index and
 * the opt options are accepted and have no effect.
 *
 * Commands: write and space after, bits 0-4 giving the spacing (0x01 none,
 * 0x09 one, 0x11 two, 0x19 three) or the channel to skip to (0x89 channel 1
 * ... 0xE1 channel 12); the same with low bits 011 act immediately without
 * printing; 0x63 Load FCB (3211 only); other xxxxx011 controls (UCS) are
 * accepted and their data ignored; 04 sense.
 *
 * The printer keeps the line the forms are at. Spacing writes new lines. A
 * skip moves to the next line that carries the channel: on the same page
 * it writes new lines, onto the next page a form feed and then new lines
 * down to that line (a skip always moves, so a skip to the channel of the
 * current line goes to the next page). A skip to a channel that no line
 * carries is a unit check with command reject (fcbcheck), or one new line
 * (nofcbcheck). Printing with no spacing ends the line with a carriage
 * return, so the next line overprints it. Lines are flushed as printed.
 * Channel 9 and 12 (overflow) are not signalled with unit exception.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "unitrec.h"

#define MAX_LPP 255
#define FCB_END 0x10      /* 3211 FCB image: the last line of the form */

struct printer {
    FILE *f;
    char *file;
    unsigned width;
    unsigned lines;       /* lines printed */
    unsigned lpp;         /* lines a page */
    unsigned line;        /* where the forms are: 1 .. lpp */
    uint8_t chan[MAX_LPP + 1];   /* the channel of each line, 0 none */
    bool fcbcheck;
    bool crlf;            /* lines end with CR LF */
};

static void default_fcb(struct printer *p)
{
    static const uint8_t lines[13] = { 0, 1, 7, 13, 19, 25, 31, 37, 43, 63, 49, 55, 61 };
    memset(p->chan, 0, sizeof p->chan);
    p->lpp = 66;
    for (unsigned c = 1; c <= 12; c++) p->chan[lines[c]] = (uint8_t)c;
}

static void space(struct printer *p, unsigned n)
{
    while (n--) {
        fputs(p->crlf ? "\r\n" : "\n", p->f);
        if (++p->line > p->lpp) p->line = 1;
    }
}

/* Skip to channel c; false if no line carries it (with fcbcheck). */
static bool skip(struct printer *p, unsigned c)
{
    unsigned to = 0;
    for (unsigned i = 1; i <= p->lpp && !to; i++) {
        unsigned l = (p->line - 1 + i) % p->lpp + 1;
        if (p->chan[l] == c) to = l;
    }
    if (!to) {
        if (p->fcbcheck) return false;
        space(p, 1);
        return true;
    }
    if (to <= p->line) {
        fputc('\f', p->f);
        p->line = 1;
    }
    space(p, to - p->line);
    return true;
}

/* The carriage part of a write or control command. */
static void carriage(struct printer *p, uint8_t cmd)
{
    unsigned n = (cmd >> 3) & 0x1F;
    if (cmd & 0x80) {
        skip(p, n & 0x0F);
        return;
    }
    if (n == 0 && (cmd & 7) == 1) fputc('\r', p->f);
    space(p, n & 3);
}

/* Load FCB (3211): one byte a line, the channel in the low 4 bits and
   X'10' on the last line; a first byte X'80'-X'9F' is the print position
   index. The forms are then at line 1. */
static unsigned load_fcb(struct device *d, struct printer *p)
{
    uint8_t img[MAX_LPP + 2];
    unsigned n = dev_out(d, img, sizeof img, false), i = 0, lpp = 0;
    uint8_t chan[MAX_LPP + 1] = { 0 };
    if (n && (img[0] & 0xE0) == 0x80) i = 1;   /* index byte */
    for (; i < n && lpp < MAX_LPP; i++) {
        if ((img[i] & 0x0F) > 12 || (img[i] & 0xE0)) return dev_unit_check(d, SNS_CMDREJ);
        chan[++lpp] = img[i] & 0x0F;
        if (img[i] & FCB_END) break;
    }
    if (lpp == 0) return dev_unit_check(d, SNS_CMDREJ);
    memcpy(p->chan, chan, sizeof chan);
    p->lpp = lpp;
    p->line = 1;
    return US_CE | US_DE;
}

static unsigned printer_start(struct device *d, uint8_t cmd)
{
    struct printer *p = d->priv;
    if (cmd == 0x04) return dev_sense(d);
    if (cmd == 0x63) {
        if (d->type != 0x3211) return dev_unit_check(d, SNS_CMDREJ);
        return load_fcb(d, p);
    }
    unsigned c = (cmd >> 3) & 0x0F;
    bool skips = (cmd & 0x80) && c >= 1 && c <= 12;
    if (skips && p->fcbcheck) {   /* a skip that cannot end is refused before printing */
        unsigned l;
        for (l = 1; l <= p->lpp && p->chan[l] != c; l++) {}
        if (l > p->lpp) return dev_unit_check(d, SNS_CMDREJ);
    }
    if ((cmd & 7) == 1) {
        if ((cmd & 0x80) && !skips) return dev_unit_check(d, SNS_CMDREJ);
        uint8_t line[160];
        unsigned n = dev_out(d, line, p->width, false);
        while (n > 0 && (line[n - 1] == 0x40 || line[n - 1] == 0)) n--;
        for (unsigned i = 0; i < n; i++) fputc(ebcdic_to_ascii[line[i]], p->f);
        carriage(p, cmd);
        p->lines++;
    } else if ((cmd & 7) == 3) {
        if (skips || (cmd & 0xE0) == 0) carriage(p, cmd);
        else {   /* UCS and other controls: data accepted, ignored */
            uint8_t junk[256];
            while (dev_out(d, junk, sizeof junk, false) == sizeof junk) {}
        }
    } else {
        return dev_unit_check(d, SNS_CMDREJ);
    }
    if (fflush(p->f)) return dev_unit_check(d, SNS_EQUIPCHK);
    return US_CE | US_DE;
}

static void printer_close(struct device *d)
{
    struct printer *p = d->priv;
    if (p->f) fclose(p->f);
    free(p->file);
    free(p);
}

static void printer_describe(struct device *d, char *buf, size_t size)
{
    struct printer *p = d->priv;
    snprintf(buf, size, "%s, %u lines printed, line %u of %u", p->file, p->lines, p->line, p->lpp);
}

static const struct devops printer_ops = {
    .start = printer_start, .close = printer_close, .describe = printer_describe,
};

/* fcb=L:C,L:C,...: up to 12 pairs of line and channel. */
static bool parse_fcb(struct printer *p, const char *s, char *err, size_t errsize)
{
    uint8_t chan[MAX_LPP + 1] = { 0 };
    unsigned pairs = 0;
    while (*s) {
        char *end;
        unsigned long l = strtoul(s, &end, 10), c = 0;
        bool ok = end != s && *end == ':' && isdigit((unsigned char)end[1]);
        if (ok) c = strtoul(end + 1, &end, 10);
        if (!ok || l < 1 || l > MAX_LPP || c < 1 || c > 12 || (*end && *end != ',') || ++pairs > 12) {
            snprintf(err, errsize, "fcb=%s: want up to 12 LINE:CHANNEL pairs (lines 1-%u, channels 1-12)",
                     s, MAX_LPP);
            return false;
        }
        chan[l] = (uint8_t)c;
        s = *end ? end + 1 : end;
    }
    memcpy(p->chan, chan, sizeof chan);
    return true;
}

/* The printer's own options (forms control); ur_parse checked the rest. */
static bool printer_options(struct printer *p, int argc, char **argv, char *err, size_t errsize)
{
    bool fcb_given = false;   /* the other words were checked by ur_parse */
    for (int i = 0; i < argc; i++) {
        const char *o = argv[i];
        unsigned long v;
        char *end;
        if (!strncasecmp(o, "lpp=", 4)) {
            v = strtoul(o + 4, &end, 10);
            if (end == o + 4 || *end || v < 1 || v > MAX_LPP) {
                snprintf(err, errsize, "%s: want lines a page from 1 to %u", o, MAX_LPP);
                return false;
            }
            p->lpp = (unsigned)v;
        } else if (!strncasecmp(o, "fcb=", 4)) {
            if (!parse_fcb(p, o + 4, err, errsize)) return false;
            fcb_given = true;
        } else if (!strcasecmp(o, "fcbcheck") || !strcasecmp(o, "nofcbcheck")) {
            p->fcbcheck = !strcasecmp(o, "fcbcheck");
        }
    }
    for (unsigned l = p->lpp + 1; l <= MAX_LPP; l++)   /* the default's lines beyond lpp drop */
        if (p->chan[l] && !fcb_given) p->chan[l] = 0;
        else if (p->chan[l]) {
            snprintf(err, errsize, "fcb: line %u is beyond lpp=%u", l, p->lpp);
            return false;
        }
    return true;
}

bool printer_attach(struct chsys *cs, uint16_t addr, uint16_t type, int argc, char **argv,
                    char *err, size_t errsize)
{
    struct ur_opts o;
    err[0] = 0;
    int nfiles = ur_parse(argc, argv, 'l', &o, err, errsize);
    if (nfiles < 0) return false;
    if (nfiles != 1) {
        snprintf(err, errsize, nfiles ? "the printer writes one file" : "the printer needs an output file");
        return false;
    }
    if (o.ebcdic) {
        snprintf(err, errsize, "the printer writes text only (ascii)");
        return false;
    }
    struct printer *p = calloc(1, sizeof *p);
    if (!p) return false;
    p->width = type == 0x3211 ? 150 : 132;
    p->crlf = o.crlf;
    p->line = 1;
    p->fcbcheck = true;
    default_fcb(p);
    if (!printer_options(p, argc - 1, argv + 1, err, errsize)) {
        free(p);
        return false;
    }
    p->f = fopen(argv[0], o.noclear ? "a" : "w");
    if (!p->f) {
        snprintf(err, errsize, "cannot create %s: %s", argv[0], strerror(errno));
        free(p);
        return false;
    }
    p->file = strdup(argv[0]);
    if (!chsys_add(cs, addr, type, &printer_ops, p)) {
        snprintf(err, errsize, "device %03X is defined twice", addr);
        printer_close(&(struct device){ .priv = p });
        return false;
    }
    return true;
}
