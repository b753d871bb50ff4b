/*
 * printer.c - 1403 and 3211 printers: print lines to a host text file.
 *
 * Configuration: CUU 1403|3211 FILE [crlf] [noclear] (Hercules' words;
 * crlf ends lines with CR LF, noclear appends to the file). Command codes (GA24-3312):
 * write and space after, bits 0-4 giving the spacing (0x01 none, 0x09 one,
 * 0x11 two, 0x19 three) or the channel to skip to (0x89 channel 1 ...
 * 0xE1 channel 12); the same with low bits 011 act immediately without
 * printing. Without a forms control buffer, skip to channel 1 is a new page
 * (form feed) and a skip to any other channel one new line. Printing with
 * no spacing ends the line with a carriage return, so the next line
 * overprints it. Lines are flushed as they are printed.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "unitrec.h"

struct printer {
    FILE *f;
    char *file;
    unsigned width;
    bool crlf;
    unsigned lines;
};

static void newline(struct printer *p)
{
    fputs(p->crlf ? "\r\n" : "\n", p->f);
}

static void carriage(struct printer *p, uint8_t cmd)
{
    if (cmd & 0x80) {
        if (((cmd >> 3) & 0x0F) == 1) fputc('\f', p->f);
        else newline(p);
        return;
    }
    unsigned n = (cmd >> 3) & 3;
    if (n == 0 && (cmd & 7) == 1) fputc('\r', p->f);
    while (n--) newline(p);
}

static unsigned printer_start(struct device *d, uint8_t cmd)
{
    struct printer *p = d->priv;
    if (cmd == 0x04) return dev_sense(d);
    if ((cmd & 7) == 1) {
        uint8_t line[160];
        unsigned n = dev_out(d, line, p->width, false);
        while (n > 0 && (line[n - 1] == 0x40 || line[n - 1] == 0)) n--;
        for (unsigned i = 0; i < n; i++) fputc(ebcdic_to_ascii[line[i]], p->f);
        carriage(p, cmd);
        p->lines++;
    } else if ((cmd & 7) == 3) {
        if (cmd & 0xF8) {
            if ((cmd & 0x80) || (cmd & 0x60) == 0) carriage(p, cmd);
            else {   /* 3211 and UCS controls (load FCB, UCS ...): data accepted, ignored */
                uint8_t junk[256];
                while (dev_out(d, junk, sizeof junk, false) == sizeof junk) {}
            }
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
    snprintf(buf, size, "%s, %u lines printed", p->file, p->lines);
}

static const struct devops printer_ops = {
    .start = printer_start, .close = printer_close, .describe = printer_describe,
};

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
