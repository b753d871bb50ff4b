/*
 * cardrdr.c - 2540 reader and 3505 card reader (GA21-9124 component
 * description): 80-column cards from a host file.
 *
 * Configuration (Hercules' words): CUU 3505|2540R FILE... | *
 * [ascii|ebcdic] [eof|intrq] [multifile] [trunc] [autopad].
 * ascii: one card a line, translated to EBCDIC, padded with blanks (longer
 * lines are truncated at 80). ebcdic: 80-byte records. Without either, the
 * first 80 bytes decide, as in Hercules: text is ascii, anything else ebcdic.
 * At the end of a deck the reader becomes not ready (intervention required;
 * a new deck from devinit makes it ready with a device end), or with eof a
 * read gets unit exception once. Several files are several decks: with
 * multifile they read as one; without, the next deck is made ready (device
 * end) after the end of the one before has been presented.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "unitrec.h"

struct cardrdr {
    FILE *f;
    char *file;
    char **next;       /* decks still to read (the configuration's list) */
    int nnext;
    bool ascii, eof_ue, multifile, auto_format;
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

static bool open_deck(struct cardrdr *r, const char *file, char *err, size_t errsize);

/* The next deck of the list, if any, replaces the finished one. */
static bool next_deck(struct cardrdr *r)
{
    char err[256];
    while (r->nnext > 0) {
        char *file = r->next[0];
        memmove(r->next, r->next + 1, (size_t)--r->nnext * sizeof *r->next);
        bool ok = open_deck(r, file, err, sizeof err);
        free(file);
        if (ok) return true;
    }
    return false;
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
    bool got = read_card(r, card);
    while (!got && r->multifile && r->nnext > 0 && next_deck(r)) got = read_card(r, card);
    if (!got) {
        unsigned st;
        if (r->eof_ue && !r->at_eof && r->f) st = US_CE | US_DE | US_UE;
        else st = dev_unit_check(d, SNS_INTREQ);
        r->at_eof = true;
        if (r->nnext > 0 && next_deck(r)) dev_status(d, US_DE);   /* the next deck is ready */
        return st;
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
    for (int i = 0; i < r->nnext; i++) free(r->next[i]);
    free(r->next);
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

/* Open file as the deck in the hopper (NULL or "*": none). */
static bool open_deck(struct cardrdr *r, const char *file, char *err, size_t errsize)
{
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
    r->at_eof = !f;
    r->cards = 0;
    if (f && r->auto_format) {   /* Hercules' detection: text or not */
        uint8_t b[80];
        size_t n = fread(b, 1, sizeof b, f);
        r->ascii = true;
        for (size_t i = 0; i < n; i++)
            if (b[i] >= 0x80 || (b[i] < 0x20 && b[i] != '\n' && b[i] != '\r' && b[i] != '\t' && b[i] != '\f'))
                r->ascii = false;
        rewind(f);
    }
    return true;
}

bool cardrdr_load(struct device *d, const char *file, char *err, size_t errsize)
{
    if (d->ops != &cardrdr_ops) {
        snprintf(err, errsize, "not a card reader");
        return false;
    }
    struct cardrdr *r = d->priv;
    bool was_empty = r->at_eof;
    if (!open_deck(r, file, err, errsize)) return false;
    if (r->f && was_empty) dev_status(d, US_DE);   /* not ready to ready */
    return true;
}

bool cardrdr_attach(struct chsys *cs, uint16_t addr, uint16_t type, int argc, char **argv,
                    char *err, size_t errsize)
{
    struct ur_opts o;
    err[0] = 0;
    int nfiles = ur_parse(argc, argv, 'r', &o, err, errsize);
    if (nfiles < 0) return false;
    if (o.sockdev) {   /* Hercules' socket reader: here an empty hopper for devinit */
        nfiles = 0;
        snprintf(err, errsize, "socket readers (sockdev) are not supported here: the hopper is empty, "
                 "load decks with devinit");
    }
    struct cardrdr *r = calloc(1, sizeof *r);
    if (!r) return false;
    r->ascii = o.ascii;
    r->auto_format = !o.ascii && !o.ebcdic;
    r->eof_ue = o.eof;
    r->multifile = o.multifile;
    for (int i = 1; i < nfiles; i++) {   /* check every deck now: a typo is named at start */
        FILE *f = strcmp(argv[i], "*") ? fopen(argv[i], "rb") : NULL;
        if (!f && strcmp(argv[i], "*")) {
            snprintf(err, errsize, "cannot open %s: %s", argv[i], strerror(errno));
            cardrdr_close(&(struct device){ .priv = r });
            return false;
        }
        if (f) fclose(f);
        r->next = realloc(r->next, (size_t)(r->nnext + 1) * sizeof *r->next);
        r->next[r->nnext++] = strdup(argv[i]);
    }
    char warning[256];
    snprintf(warning, sizeof warning, "%s", err);
    if (!open_deck(r, nfiles > 0 ? argv[0] : NULL, err, errsize)) {
        cardrdr_close(&(struct device){ .priv = r });
        return false;
    }
    if (!chsys_add(cs, addr, type, &cardrdr_ops, r)) {
        snprintf(err, errsize, "device %03X is defined twice", addr);
        cardrdr_close(&(struct device){ .priv = r });
        return false;
    }
    snprintf(err, errsize, "%s", warning);
    return true;
}
