/*
 * tape.c - 3420 magnetic tape on an AWSTAPE file (the format Hercules and
 * P/390 use), so tapes move between Hercules and this machine.
 *
 * AWSTAPE: every block is preceded by a 6-byte header: the length of this
 * block (2 bytes little-endian), the length of the previous block (2 bytes
 * LE), flags (X'80' start of record, X'40' tape mark, X'20' end of record)
 * and a zero byte. A tape mark is a header alone with flag X'40'.
 *
 * Commands (GA32-0020): 01 write, 02 read forward, 0C read backward, 04
 * sense, 07 rewind, 0F rewind unload, 1F write tape mark, 27 backspace
 * block, 2F backspace file, 37 forward space block, 3F forward space file,
 * 17 erase gap, 03 and the mode sets (C3, CB, D3, DB, ...) no-operation,
 * E4 sense ID. Reading a tape mark ends with unit exception; reading past
 * the end of the file is unit check with "tape indicate" (end of tape)
 * sense. Writes go to the file before the command ends; a write truncates
 * whatever followed on the tape.
 *
 * Configuration (Hercules' words): CUU 3420 FILE|* [ro|readonly|noring]
 * [ring] [noautomount]; '*' is a drive with no tape (intervention
 * required until devinit mounts one). Hercules' other tape options
 * (maxsize=, eotmargin=, compress=, ...) are accepted with a warning. A
 * reset (and so an IPL) leaves the tape where it is: a second IPL from the
 * same tape reads the next program, as on the real drive.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "channel.h"

#define HDR 6
#define MAXBLK 65535u
enum { F_NEWREC = 0x80, F_TAPEMARK = 0x40, F_ENDREC = 0x20 };
/* Sense byte 1: load point; byte 0 SNS_* and byte 1 bits below. */
enum { S1_LOADPOINT = 0x08, S1_FILEPROT = 0x02 };

struct tape {
    int fd;
    char *file;
    bool readonly;
    off_t pos;        /* offset of the next block header */
    uint16_t prevlen; /* length of the block before pos (for its header) */
    uint64_t blocks;
    uint8_t buf[MAXBLK];
};

/* Read the header at off: returns false at the end of the file. */
static bool header_at(struct tape *t, off_t off, unsigned *len, uint8_t *flags)
{
    uint8_t h[HDR];
    if (pread(t->fd, h, HDR, off) != HDR) return false;
    *len = (unsigned)(h[0] | h[1] << 8);
    *flags = h[4];
    return true;
}

/* The header before pos (backspace): from the previous-length field of the
   header at pos, or by walking from the load point at the end of the file. */
static bool prev_block(struct tape *t, off_t *start)
{
    if (t->pos == 0) return false;
    off_t off = 0, last = 0;
    unsigned len;
    uint8_t flags;
    while (off < t->pos && header_at(t, off, &len, &flags)) {
        last = off;
        off += HDR + len;
    }
    *start = last;
    return true;
}

static unsigned uc(struct device *d, uint8_t s0, uint8_t s1)
{
    unsigned st = dev_unit_check(d, s0);
    d->sense[1] = s1;
    return st;
}

static unsigned read_block(struct device *d, struct tape *t, bool backward)
{
    unsigned len;
    uint8_t flags;
    off_t at = t->pos;
    if (backward) {
        if (!prev_block(t, &at)) return uc(d, SNS_CMDREJ, S1_LOADPOINT);
    }
    if (!header_at(t, at, &len, &flags)) return uc(d, 0, 0x20 /* tape indicate: end of tape */);
    t->pos = backward ? at : at + HDR + len;
    t->prevlen = (uint16_t)len;
    if (flags & F_TAPEMARK) return US_CE | US_DE | US_UE;
    if (pread(t->fd, t->buf, len, at + HDR) != (ssize_t)len) return uc(d, SNS_DATACHK, 0);
    if (backward)   /* the channel stores backward: give the bytes last first */
        for (unsigned i = 0; i < len / 2; i++) {
            uint8_t b = t->buf[i];
            t->buf[i] = t->buf[len - 1 - i];
            t->buf[len - 1 - i] = b;
        }
    t->blocks++;
    dev_in(d, t->buf, len);
    return US_CE | US_DE;
}

/* Write one block (or a tape mark) at pos and cut the tape after it. */
static unsigned write_block(struct device *d, struct tape *t, const uint8_t *data, unsigned len, bool mark)
{
    if (t->readonly) return uc(d, SNS_CMDREJ, S1_FILEPROT);
    uint8_t h[HDR] = { (uint8_t)len, (uint8_t)(len >> 8), (uint8_t)t->prevlen, (uint8_t)(t->prevlen >> 8),
                       mark ? F_TAPEMARK : F_NEWREC | F_ENDREC, 0 };
    if (t->pos == 0) h[2] = h[3] = 0;
    if (pwrite(t->fd, h, HDR, t->pos) != HDR || (len && pwrite(t->fd, data, len, t->pos + HDR) != (ssize_t)len) ||
        ftruncate(t->fd, t->pos + HDR + len))
        return uc(d, SNS_EQUIPCHK, 0);
    t->pos += HDR + len;
    t->prevlen = (uint16_t)len;
    t->blocks++;
    return US_CE | US_DE;
}

/* Forward space a block or a file; backspace a block or a file. */
static unsigned space(struct device *d, struct tape *t, bool backward, bool file)
{
    for (;;) {
        unsigned len;
        uint8_t flags;
        off_t at = t->pos;
        if (backward && !prev_block(t, &at)) return file ? US_CE | US_DE : uc(d, SNS_CMDREJ, S1_LOADPOINT);
        if (!header_at(t, at, &len, &flags)) return uc(d, 0, 0x20);
        t->pos = backward ? at : at + HDR + len;
        t->prevlen = (uint16_t)len;
        if (flags & F_TAPEMARK) return file ? US_CE | US_DE : US_CE | US_DE | US_UE;
        if (!file) return US_CE | US_DE;
    }
}

static unsigned tape_start(struct device *d, uint8_t cmd)
{
    struct tape *t = d->priv;
    if (t->fd < 0 && cmd != 0x04 && cmd != 0xE4 && cmd != 0x03)
        return dev_unit_check(d, SNS_INTREQ);   /* no tape mounted */
    switch (cmd) {
    case 0x01: {
        unsigned n = dev_out(d, t->buf, MAXBLK, false);
        return write_block(d, t, t->buf, n, false);
    }
    case 0x02: return read_block(d, t, false);
    case 0x0C: return read_block(d, t, true);
    case 0x04: {
        if (t->pos == 0) d->sense[1] |= S1_LOADPOINT;
        if (t->readonly) d->sense[1] |= S1_FILEPROT;
        return dev_sense(d);
    }
    case 0x07: case 0x0F:
        t->pos = 0;
        t->prevlen = 0;
        return US_CE | US_DE;
    case 0x1F: return write_block(d, t, NULL, 0, true);
    case 0x27: return space(d, t, true, false);
    case 0x2F: return space(d, t, true, true);
    case 0x37: return space(d, t, false, false);
    case 0x3F: return space(d, t, false, true);
    case 0x17: case 0x03: return US_CE | US_DE;
    case 0xE4: {
        uint8_t id[7] = { 0xFF, 0x38, 0x03, 0x01, 0x34, 0x20, 0x06 };
        dev_in(d, id, sizeof id);
        return US_CE | US_DE;
    }
    default:
        if ((cmd & 0x07) == 0x03) return US_CE | US_DE;   /* mode set and other controls */
        return dev_unit_check(d, SNS_CMDREJ);
    }
}

static void tape_close(struct device *d)
{
    struct tape *t = d->priv;
    if (t->fd >= 0) {
        fsync(t->fd);
        close(t->fd);
    }
    free(t->file);
    free(t);
}

static void tape_describe(struct device *d, char *buf, size_t size)
{
    struct tape *t = d->priv;
    if (t->fd < 0) {
        snprintf(buf, size, "* (no tape mounted)");
        return;
    }
    snprintf(buf, size, "%s%s at byte %lld, %llu blocks moved", t->file, t->readonly ? " ro" : "",
             (long long)t->pos, (unsigned long long)t->blocks);
}

static const struct devops tape_ops = {
    .start = tape_start, .close = tape_close, .describe = tape_describe,
};

bool tape_load(struct device *d, const char *file, char *err, size_t errsize)
{
    if (d->ops != &tape_ops) {
        snprintf(err, errsize, "not a tape drive");
        return false;
    }
    struct tape *t = d->priv;
    int fd = open(file, t->readonly ? O_RDONLY : O_RDWR | O_CREAT, 0666);
    if (fd < 0) {
        snprintf(err, errsize, "cannot open %s: %s", file, strerror(errno));
        return false;
    }
    if (t->fd >= 0) {
        fsync(t->fd);
        close(t->fd);
    }
    free(t->file);
    t->fd = fd;
    t->file = strdup(file);
    t->pos = 0;
    t->prevlen = 0;
    t->blocks = 0;
    dev_status(d, US_DE);   /* a newly mounted tape is ready at its load point */
    return true;
}

/* Hercules tape options that change nothing here. */
static bool other_tape_option(const char *o)
{
    static const char *const prefixes[] = { "maxsize", "eotmargin", "compress", "method", "level",
                                            "chunksize", "deonirq", "strictsize", "blkid", "idrc",
                                            "--", "awstape", "nosl", "lostfile", NULL };
    for (const char *const *p = prefixes; *p; p++)
        if (!strncasecmp(o, *p, strlen(*p))) return true;
    return false;
}

bool tape_attach(struct chsys *cs, uint16_t addr, uint16_t type, int argc, char **argv,
                 char *err, size_t errsize)
{
    if (argc < 1) {
        snprintf(err, errsize, "a tape needs an AWSTAPE file (or * for no tape)");
        return false;
    }
    bool ro = false;
    char warning[256] = "";
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        if (!strcasecmp(o, "ro") || !strcasecmp(o, "readonly") || !strcasecmp(o, "readonly=1") ||
            !strcasecmp(o, "noring"))
            ro = true;
        else if (!strcasecmp(o, "ring") || !strcasecmp(o, "readonly=0")) ro = false;
        else if (!strcasecmp(o, "noautomount")) continue;   /* nothing mounts by itself here */
        else if (other_tape_option(o)) {
            size_t n = strlen(warning);
            snprintf(warning + n, sizeof warning - n, "%s%s", n ? " " : "option(s) ", o);
        }
        else {
            snprintf(err, errsize, "unknown option %s", o);
            return false;
        }
    }
    struct tape *t = calloc(1, sizeof *t);
    if (!t) return false;
    t->readonly = ro;
    t->fd = -1;
    if (strcmp(argv[0], "*")) {
        t->fd = open(argv[0], ro ? O_RDONLY : O_RDWR | O_CREAT, 0666);
        if (t->fd < 0) {
            snprintf(err, errsize, "cannot open %s: %s", argv[0], strerror(errno));
            free(t);
            return false;
        }
    }
    t->file = strdup(argv[0]);
    struct device *d = chsys_add(cs, addr, type, &tape_ops, t);
    if (!d) {
        snprintf(err, errsize, "device %03X is defined twice", addr);
        tape_close(&(struct device){ .priv = t });
        return false;
    }
    d->nsense = 24;
    snprintf(err, errsize, "%s%s", warning, warning[0] ? " not supported here: ignored" : "");
    return true;
}
