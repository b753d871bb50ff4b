/*
 * cardrdr.c - 2540 reader and 3505 card reader (GA21-9124 component
 * description): 80-column cards from a host file.
 *
 * Configuration: CUU 3505|2540R FILE|* [ascii|ebcdic] [eof|intrq].
 * ascii: one card a line, translated to EBCDIC, padded with blanks (longer
 * lines are truncated at 80). ebcdic: 80-byte records. At the end of the
 * deck the reader becomes not ready (intervention required; a new deck
 * from devinit makes it ready with a device end), or with eof a read gets
 * unit exception once.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "unitrec.h"

struct cardrdr {
    FILE *f;
    char *file;
    bool ascii, eof_ue;
    bool at_eof;       /* the hopper is empty */
    unsigned cards;
};

static bool read_card(struct cardrdr *r, uint8_t card[80])
{
    if (!r->f) return false;
    if (!r->ascii) {
        size_t n = fread(card, 1, 80, r->f);
        if (n == 0) return false;
        if (n < 80) memset(card + n, 0x40, 80 - n);
        return true;
    }
    char line[4096];
    if (!fgets(line, sizeof line, r->f)) return false;
    size_t len = strcspn(line, "\r\n");
    if (line[len] == 0 && len == sizeof line - 1) {   /* overlong: drop the rest */
        int ch;
        while ((ch = fgetc(r->f)) != EOF && ch != '\n') {}
    }
    memset(card, 0x40, 80);
    for (size_t i = 0; i < len && i < 80; i++) card[i] = ascii_to_ebcdic[(uint8_t)line[i]];
    return true;
}

static unsigned cardrdr_start(struct device *d, uint8_t cmd)
{
    struct cardrdr *r = d->priv;
    if (cmd == 0x04) return dev_sense(d);
    if (cmd == 0xE4) {   /* sense ID */
        uint8_t id[7] = { 0xFF, (uint8_t)(d->type >> 8), (uint8_t)d->type, 0x01,
                          (uint8_t)(d->type >> 8), (uint8_t)d->type, 0x01 };
        dev_in(d, id, sizeof id);
        return US_CE | US_DE;
    }
    if ((cmd & 3) == 3) return US_CE | US_DE;   /* control: feed, select stacker, no-op */
    if ((cmd & 3) != 2) return dev_unit_check(d, SNS_CMDREJ);
    uint8_t card[80];
    if (!read_card(r, card)) {
        if (r->eof_ue && !r->at_eof && r->f) {
            r->at_eof = true;
            return US_CE | US_DE | US_UE;
        }
        r->at_eof = true;
        return dev_unit_check(d, SNS_INTREQ);
    }
    r->cards++;
    dev_in(d, card, 80);
    return US_CE | US_DE;
}

static void cardrdr_close(struct device *d)
{
    struct cardrdr *r = d->priv;
    if (r->f) fclose(r->f);
    free(r->file);
    free(r);
}

static void cardrdr_describe(struct device *d, char *buf, size_t size)
{
    struct cardrdr *r = d->priv;
    snprintf(buf, size, "%s %s %s, %u cards read%s", r->file ? r->file : "*",
             r->ascii ? "ascii" : "ebcdic", r->eof_ue ? "eof" : "intrq", r->cards,
             r->at_eof ? ", hopper empty" : "");
}

static const struct devops cardrdr_ops = {
    .start = cardrdr_start, .close = cardrdr_close, .describe = cardrdr_describe,
};

bool cardrdr_load(struct device *d, const char *file, char *err, size_t errsize)
{
    if (d->ops != &cardrdr_ops) {
        snprintf(err, errsize, "not a card reader");
        return false;
    }
    struct cardrdr *r = d->priv;
    FILE *f = NULL;
    if (file && strcmp(file, "*")) {
        f = fopen(file, "rb");
        if (!f) {
            snprintf(err, errsize, "cannot open %s: %s", file, strerror(errno));
            return false;
        }
        struct stat sb;
        if (fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
            fclose(f);
            snprintf(err, errsize, "cannot read %s: it is a directory", file);
            return false;
        }
    }
    if (r->f) fclose(r->f);
    free(r->file);
    r->f = f;
    r->file = f ? strdup(file) : NULL;
    bool was_empty = r->at_eof;
    r->at_eof = !f;
    r->cards = 0;
    if (f && was_empty) dev_status(d, US_DE);   /* not ready to ready */
    return true;
}

bool cardrdr_attach(struct chsys *cs, uint16_t addr, uint16_t type, int argc, char **argv,
                    char *err, size_t errsize)
{
    struct cardrdr *r = calloc(1, sizeof *r);
    if (!r) return false;
    r->ascii = true;
    bool eof = false;
    if (!ur_options(argc - 1, argv + 1, &r->ascii, &eof, "eof", err, errsize)) {
        free(r);
        return false;
    }
    r->eof_ue = eof;
    struct device *d = chsys_add(cs, addr, type, &cardrdr_ops, r);
    if (!d) {
        snprintf(err, errsize, "device %03X is defined twice", addr);
        free(r);
        return false;
    }
    if (!cardrdr_load(d, argc > 0 ? argv[0] : NULL, err, errsize)) return false;
    return true;
}
