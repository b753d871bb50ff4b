/*
 * punch.c - 2540 punch and 3525 card punch: cards to a host file.
 *
 * Configuration (Hercules' words): CUU 3525|2540P FILE [ascii] [crlf]
 * [noclear]. ascii writes a card as a line of text (EBCDIC translated,
 * trailing blanks dropped; crlf ends it with CR LF); without it the file
 * gets 80-byte EBCDIC records, as in Hercules. noclear appends to the file
 * instead of emptying it. Every card is flushed to the file when it is
 * punched.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "unitrec.h"

struct punch {
    FILE *f;
    char *file;
    bool ascii, crlf;
    unsigned cards;
};

static unsigned punch_start(struct device *d, uint8_t cmd)
{
    struct punch *p = d->priv;
    if (cmd == 0x04) return dev_sense(d);
    if ((cmd & 3) == 3) return US_CE | US_DE;
    if ((cmd & 3) != 1) return dev_unit_check(d, SNS_CMDREJ);
    uint8_t card[80];
    memset(card, 0x40, sizeof card);
    dev_out(d, card, 80, false);   /* a short count punches blanks */
    if (p->ascii) {
        int len = 80;
        while (len > 0 && card[len - 1] == 0x40) len--;
        for (int i = 0; i < len; i++) fputc(ebcdic_to_ascii[card[i]], p->f);
        fputs(p->crlf ? "\r\n" : "\n", p->f);
    } else {
        fwrite(card, 1, 80, p->f);
    }
    if (fflush(p->f)) return dev_unit_check(d, SNS_EQUIPCHK);
    p->cards++;
    return US_CE | US_DE;
}

static void punch_close(struct device *d)
{
    struct punch *p = d->priv;
    if (p->f) fclose(p->f);
    free(p->file);
    free(p);
}

static void punch_describe(struct device *d, char *buf, size_t size)
{
    struct punch *p = d->priv;
    snprintf(buf, size, "%s %s, %u cards punched", p->file, p->ascii ? "ascii" : "ebcdic", p->cards);
}

static const struct devops punch_ops = {
    .start = punch_start, .close = punch_close, .describe = punch_describe,
};

bool punch_attach(struct chsys *cs, uint16_t addr, uint16_t type, int argc, char **argv,
                  char *err, size_t errsize)
{
    struct ur_opts o;
    err[0] = 0;
    int nfiles = ur_parse(argc, argv, 'p', &o, err, errsize);
    if (nfiles < 0) return false;
    if (nfiles != 1) {
        snprintf(err, errsize, nfiles ? "the punch writes one file" : "the punch needs an output file");
        return false;
    }
    struct punch *p = calloc(1, sizeof *p);
    if (!p) return false;
    p->ascii = o.ascii;
    p->crlf = o.crlf;
    p->f = fopen(argv[0], o.noclear ? "ab" : "wb");
    if (!p->f) {
        snprintf(err, errsize, "cannot create %s: %s", argv[0], strerror(errno));
        free(p);
        return false;
    }
    p->file = strdup(argv[0]);
    if (!chsys_add(cs, addr, type, &punch_ops, p)) {
        snprintf(err, errsize, "device %03X is defined twice", addr);
        punch_close(&(struct device){ .priv = p });
        return false;
    }
    return true;
}
