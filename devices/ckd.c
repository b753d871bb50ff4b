/*
 * ckd.c - count-key-data DASD: 2314, 3330, 3340, 3350, 3380 (the command
 * set of the 3330/3350 reference summaries, GX20-1920) on volumes in
 * Hercules' uncompressed CKD image format, so volumes move between Hercules
 * and this machine both ways.
 *
 * Image format (one file; multi-file images are refused; compressed ones,
 * "CKD_C370", are read and written through cckd.c):
 *   512-byte header: "CKD_P370", heads (4 bytes little-endian), track size
 *   (4 bytes LE), device type byte (X'50' for a 3350), file sequence byte,
 *   high cylinder of this file (2 bytes LE, 0 for a single file), zeros;
 *   then every track in cylinder-head order, each exactly "track size"
 *   bytes: the home address (flag 0, CC, HH), then the records, each an
 *   8-byte count (CC HH R KL DLDL) followed by key and data, then 8 bytes
 *   of X'FF' ending the track; the rest of the track is unused.
 *
 * Track overflow (2314, 3330, 3350): Write Special Count Key and Data (01)
 * writes a record segment marked as continued on the next track; Hercules
 * keeps that mark in the image as the high bit of the count's first
 * cylinder byte, and so do we. The program writes each segment so that it
 * fits on its track, the next one as the first record after R0 of the next
 * head. Reading the data (06, 0E, 1E) of a marked record goes on with the
 * data of the next segment, head after head, while the segments are marked
 * (as Hercules 3.13 does); the record then ends at its last segment. Update
 * writes (05, 0D) go across the segments the same way. Counts given to the
 * program and compared by Search ID do not carry the mark.
 *
 * One track at a time is held in storage. Writes go to the image file
 * (pwrite) before the command ends, so every acknowledged write survives a
 * kill of the emulator; close (shutdown) also syncs the file.
 *
 * Configuration (Hercules' words): CUU 3350 FILE [ro] [sf=SHADOW]. ro makes
 * writes fail with file protected. sf= names Hercules shadow files
 * (shadow.c; a '*' in the name stands for their number): writes go there and
 * the base image is opened read-only and never changed. Compressed images
 * are read and written through cckd.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cckd.h"
#include "channel.h"
#include "ckd.h"

#define HDR_SIZE 512
#define HA_LEN 5
#define COUNT_LEN 8

struct geom {
    const char *name;
    uint16_t type;
    uint8_t code;          /* device type byte of the image header */
    unsigned cyls, heads, maxlen;
    uint16_t cu;           /* control unit type for Sense ID */
    unsigned nsense;
};

static const struct geom geoms[] = {
    { "2314", 0x2314, 0x14, 203, 20, 7294, 0x2314, 6 },
    { "3330", 0x3330, 0x30, 411, 19, 13030, 0x3830, 24 },
    { "3340", 0x3340, 0x40, 349, 12, 8368, 0x3830, 24 },
    { "3350", 0x3350, 0x50, 560, 30, 19069, 0x3830, 24 },
    { "3380", 0x3380, 0x80, 886, 15, 47476, 0x3880, 24 },
    { NULL, 0, 0, 0, 0, 0, 0, 0 },
};

enum orient { OR_INDEX, OR_HA, OR_COUNT, OR_KEY, OR_DATA };

/* Sense byte 1 bits. */
enum { S1_EOC = 0x20, S1_INVSEQ = 0x10, S1_NRF = 0x08, S1_FILEPROT = 0x04 };

struct ckd {
    int fd;
    char *file;
    const struct geom *g;
    unsigned heads, cyls, trksize;
    uint8_t hdrcode;       /* device type byte of the image header */
    off_t leftover;        /* image bytes after the last whole cylinder */
    uint8_t *trk;
    long cur;              /* track in trk, -1 none */
    unsigned cyl, head;    /* where the access mechanism is */
    unsigned pos;          /* offset in trk of the current record's count */
    enum orient orient;
    uint8_t mask;          /* file mask */
    bool mask_set;
    unsigned index_count;  /* index points passed without a hit */
    bool readonly;         /* the ro option: writes are file protected */
    struct cckd *cckd;     /* the base image is compressed */
    struct shadow *shadow; /* writes go here (sf=), the base stays as it is */
    char *sfname;
    uint64_t reads, writes;
};

static const struct geom *geom_find(const char *name)
{
    for (const struct geom *g = geoms; g->name; g++)
        if (!strcasecmp(g->name, name)) return g;
    return NULL;
}

static const struct geom *geom_code(uint8_t code)
{
    for (const struct geom *g = geoms; g->name; g++)
        if (g->code == code) return g;
    return NULL;
}

/* Hercules' track size: home address, R0 (count and 8 data bytes), one
   record of the maximum length and the end marker, rounded to 512. */
static unsigned track_size(const struct geom *g)
{
    unsigned n = HA_LEN + COUNT_LEN + 8 + COUNT_LEN + g->maxlen + 8;
    return (n + 511) & ~511u;
}

static unsigned get_le(const uint8_t *p, unsigned n)
{
    unsigned v = 0;
    while (n--) v = v << 8 | p[n];
    return v;
}

static void put_le(uint8_t *p, unsigned v, unsigned n)
{
    for (unsigned i = 0; i < n; i++, v >>= 8) p[i] = (uint8_t)v;
}

/* ---------------------------------------------------------------------- */
/* Tracks.                                                                 */

static void format_track(uint8_t *t, unsigned size, unsigned cyl, unsigned head)
{
    memset(t, 0, size);
    t[1] = (uint8_t)(cyl >> 8), t[2] = (uint8_t)cyl;
    t[3] = (uint8_t)(head >> 8), t[4] = (uint8_t)head;
    uint8_t *r0 = t + HA_LEN;
    memcpy(r0, t + 1, 4);
    r0[4] = 0, r0[5] = 0, r0[6] = 0, r0[7] = 8;
    memset(r0 + COUNT_LEN + 8, 0xFF, 8);
}

/* The track source: the shadow file if it has the track, else the base
   image (compressed or not). */
static bool read_track(struct ckd *k, long t)
{
    unsigned cyl = (unsigned)(t / k->heads), head = (unsigned)(t % k->heads);
    int r = k->shadow ? shadow_read(k->shadow, (unsigned)t, cyl, head, k->trk, k->trksize) : 0;
    if (r) return r > 0;
    if (k->cckd) return cckd_read_track(k->cckd, (unsigned)t, cyl, head, k->trk, k->trksize) > 0;
    return pread(k->fd, k->trk, k->trksize, HDR_SIZE + (off_t)t * k->trksize) == (ssize_t)k->trksize;
}

static bool load_track(struct ckd *k)
{
    long t = (long)k->cyl * k->heads + k->head;
    if (k->cur == t) return true;
    if (!read_track(k, t)) {
        k->cur = -1;
        return false;
    }
    k->cur = t;
    return true;
}

static bool write_track(struct ckd *k)
{
    k->writes++;
    if (k->shadow) return shadow_write(k->shadow, (unsigned)k->cur, k->trk, k->trksize);
    if (k->cckd) return cckd_write_track(k->cckd, (unsigned)k->cur, k->trk, k->trksize);
    off_t off = HDR_SIZE + (off_t)k->cur * k->trksize;
    return pwrite(k->fd, k->trk, k->trksize, off) == (ssize_t)k->trksize;
}

static bool is_eot(const uint8_t *p) { return p[0] == 0xFF && p[1] == 0xFF && p[2] == 0xFF && p[3] == 0xFF; }
static unsigned klen(const struct ckd *k, unsigned pos) { return k->trk[pos + 5]; }
static unsigned dlen(const struct ckd *k, unsigned pos) { return (unsigned)(k->trk[pos + 6] << 8 | k->trk[pos + 7]); }
static unsigned rec_end(const struct ckd *k, unsigned pos) { return pos + COUNT_LEN + klen(k, pos) + dlen(k, pos); }

#define CNT_OVERFLOW 0x80   /* count byte 0: a track overflow segment follows */
static bool overflows(const struct ckd *k, unsigned pos) { return k->trk[pos] & CNT_OVERFLOW; }
static bool has_overflow(const struct geom *g) { return g->type == 0x2314 || g->type == 0x3330 || g->type == 0x3350; }

/* The count at pos as the program sees it (without the overflow mark). */
static void count_of(const struct ckd *k, unsigned pos, uint8_t c[COUNT_LEN])
{
    memcpy(c, k->trk + pos, COUNT_LEN);
    c[0] &= (uint8_t)~CNT_OVERFLOW;
}

static unsigned uc(struct device *d, uint8_t s0, uint8_t s1)
{
    unsigned st = dev_unit_check(d, s0);
    d->sense[1] = s1;
    return st;
}

/* Move to the next count area (PoO-level view of the track: index, HA,
   R0, R1 ...). skip_r0: reads skip R0 after the index point. mt: a
   multitrack command goes on to the next head at the end of the track.
   Returns 0 or a unit check status. */
static unsigned next_count(struct device *d, struct ckd *k, bool skip_r0, bool mt)
{
    if (!load_track(k)) return uc(d, SNS_EQUIPCHK, 0);
    unsigned p = k->orient == OR_INDEX || k->orient == OR_HA ? HA_LEN : rec_end(k, k->pos);
    for (;;) {
        if (p + COUNT_LEN > k->trksize) return uc(d, SNS_DATACHK, 0);
        if (is_eot(k->trk + p)) {
            /* The index point. */
            if (mt) {
                if (k->head + 1 >= k->heads) return uc(d, 0, S1_EOC);
                k->head++;
                if (!load_track(k)) return uc(d, SNS_EQUIPCHK, 0);
            } else if (++k->index_count >= 2) {
                return uc(d, 0, S1_NRF);
            }
            p = HA_LEN;
            continue;
        }
        if (p == HA_LEN && skip_r0) {   /* R0 is always the first record */
            p = rec_end(k, p);
            continue;
        }
        break;
    }
    if (rec_end(k, p) + 8 > k->trksize) return uc(d, SNS_DATACHK, 0);   /* a damaged image */
    k->pos = p;
    k->orient = OR_COUNT;
    return 0;
}

/* The next segment of a track overflow record: the first record after R0
   of the next head. Returns 0 or a unit check status. */
static unsigned next_segment(struct device *d, struct ckd *k)
{
    if (k->head + 1 >= k->heads) return uc(d, 0, S1_EOC);
    k->head++;
    if (!load_track(k)) return uc(d, SNS_EQUIPCHK, 0);
    if (is_eot(k->trk + HA_LEN) || rec_end(k, HA_LEN) + COUNT_LEN > k->trksize) return uc(d, SNS_DATACHK, 0);
    unsigned p = rec_end(k, HA_LEN);
    if (is_eot(k->trk + p) || rec_end(k, p) + 8 > k->trksize) return uc(d, SNS_DATACHK, 0);
    k->pos = p;
    return 0;
}

/* ---------------------------------------------------------------------- */
/* Commands.                                                               */

static unsigned do_seek(struct device *d, struct ckd *k, uint8_t cmd)
{
    unsigned need = cmd == 0x07 ? 0x00 : cmd == 0x0B ? 0x08 : 0x10;
    if ((k->mask & 0x18) > need) return uc(d, SNS_CMDREJ, S1_FILEPROT);
    uint8_t a[6];
    if (dev_out(d, a, 6, true) < 6) return uc(d, SNS_CMDREJ, 0);
    unsigned cyl = (unsigned)(a[2] << 8 | a[3]), head = (unsigned)(a[4] << 8 | a[5]);
    if (a[0] || a[1] || cyl >= k->cyls || head >= k->heads) return uc(d, SNS_CMDREJ, 0);
    if (cmd != 0x1B) k->cyl = cyl;
    else if (cyl != k->cyl) return uc(d, SNS_CMDREJ, 0);
    k->head = head;
    k->orient = OR_INDEX;
    return US_CE | US_DE;
}

/* Search HA, ID or key: compare the argument from storage with the field
   on the track; a hit gives status modifier (the next CCW is skipped). */
static unsigned do_search(struct device *d, struct ckd *k, uint8_t cmd)
{
    bool mt = cmd & 0x80;
    unsigned op = cmd & 0x7F, st;
    const uint8_t *field;
    uint8_t id[COUNT_LEN];
    unsigned len;
    if (op == 0x39) {   /* home address: CCHH */
        if (k->orient != OR_INDEX && k->orient != OR_HA && ++k->index_count >= 2)
            return uc(d, 0, S1_NRF);
        if (mt && k->orient != OR_INDEX && k->orient != OR_HA) {
            if (k->head + 1 >= k->heads) return uc(d, 0, S1_EOC);
            k->head++;
        }
        if (!load_track(k)) return uc(d, SNS_EQUIPCHK, 0);
        k->orient = OR_HA;
        field = k->trk + 1;
        len = 4;
    } else if ((op & 0x0F) == 0x01) {   /* ID: CCHHR */
        if ((st = next_count(d, k, false, mt))) return st;
        count_of(k, k->pos, id);
        field = id;
        len = 5;
    } else {   /* key */
        if (k->orient != OR_COUNT && (st = next_count(d, k, true, mt))) return st;
        len = klen(k, k->pos);
        field = k->trk + k->pos + COUNT_LEN;
        k->orient = OR_KEY;
        if (!len) return US_CE | US_DE;
    }
    uint8_t arg[256];
    unsigned n = dev_out(d, arg, len, true);
    int r = memcmp(field, arg, n);
    unsigned cond = op & 0x60;   /* 00 HA, 20 equal, 40 high, 60 equal or high */
    bool hit = op == 0x39 || cond == 0x20 ? r == 0 : cond == 0x40 ? r > 0 : r >= 0;
    if (!hit) return US_CE | US_DE;
    k->index_count = 0;
    return US_CE | US_DE | US_SM;
}

/* Read HA, R0, count, data, key and data, count key and data. */
static unsigned do_read(struct device *d, struct ckd *k, uint8_t cmd)
{
    bool mt = cmd & 0x80;
    unsigned op = cmd & 0x7F, st;
    if (op == 0x1A || op == 0x16) {   /* HA and R0 start at the index point */
        if (!load_track(k)) return uc(d, SNS_EQUIPCHK, 0);
        if (op == 0x1A) {
            dev_in(d, k->trk, HA_LEN);
            k->orient = OR_HA;
            return US_CE | US_DE;
        }
        if (is_eot(k->trk + HA_LEN) || rec_end(k, HA_LEN) + 8 > k->trksize) return uc(d, SNS_DATACHK, 0);
        k->pos = HA_LEN;
        k->orient = OR_DATA;
        dev_in(d, k->trk + HA_LEN, rec_end(k, HA_LEN) - HA_LEN);
        k->reads++;
        return US_CE | US_DE;
    }
    bool current = (op == 0x06 && (k->orient == OR_COUNT || k->orient == OR_KEY)) ||
                   (op == 0x0E && k->orient == OR_COUNT);
    if (!current && (st = next_count(d, k, true, mt))) return st;
    unsigned p = k->pos, from, len, first_dlen = dlen(k, p);
    uint8_t count[COUNT_LEN];
    switch (op) {
    case 0x12: from = p + COUNT_LEN, len = 0; break;
    case 0x06: from = p + COUNT_LEN + klen(k, p), len = dlen(k, p); break;
    case 0x0E: from = p + COUNT_LEN, len = klen(k, p) + dlen(k, p); break;
    default: from = p + COUNT_LEN, len = klen(k, p) + dlen(k, p); break;
    }
    k->orient = op == 0x12 ? OR_COUNT : OR_DATA;
    k->index_count = 0;
    k->reads++;
    if (op == 0x12 || op == 0x1E) {
        count_of(k, p, count);
        dev_in(d, count, COUNT_LEN);
    }
    if (op != 0x12) dev_in(d, k->trk + from, len);
    while (op != 0x12 && overflows(k, k->pos)) {   /* track overflow: the next segment */
        if ((st = next_segment(d, k))) return st;
        dev_in(d, k->trk + k->pos + COUNT_LEN + klen(k, k->pos), dlen(k, k->pos));
    }
    /* A record with data length zero is an end-of-file record. */
    if (op != 0x12 && first_dlen == 0) return US_CE | US_DE | US_UE;
    return US_CE | US_DE;
}

/* Write Data, Write Key and Data: the fields of the record just searched;
   a track overflow record's data goes on in its next segments. Leaves the
   last track changed but not written; returns 0 or a unit check status. */
static unsigned write_update(struct device *d, struct ckd *k, uint8_t cmd)
{
    if (k->orient != OR_COUNT && !(cmd == 0x05 && k->orient == OR_KEY))
        return uc(d, SNS_CMDREJ, S1_INVSEQ);
    unsigned p = k->pos, from = p + COUNT_LEN + (cmd == 0x05 ? klen(k, p) : 0);
    unsigned len = rec_end(k, p) - from;
    unsigned n = dev_out(d, k->trk + from, len, true);
    memset(k->trk + from + n, 0, len - n);
    k->orient = OR_DATA;
    while (overflows(k, k->pos)) {
        if (!write_track(k)) return uc(d, SNS_EQUIPCHK, 0);
        unsigned st = next_segment(d, k);
        if (st) return st;
        from = k->pos + COUNT_LEN + klen(k, k->pos);
        len = dlen(k, k->pos);
        n = dev_out(d, k->trk + from, len, true);
        memset(k->trk + from + n, 0, len - n);
    }
    return 0;
}

/* Write HA, R0, CKD, data, key and data; erase. */
static unsigned do_write(struct device *d, struct ckd *k, uint8_t cmd)
{
    unsigned fm = k->mask & 0xC0;   /* 00 no HA/R0, 40 none, 80 no HA/R0/CKD/erase, C0 all */
    if (k->readonly) return uc(d, SNS_CMDREJ, S1_FILEPROT);
    bool format = cmd == 0x19 || cmd == 0x15 || cmd == 0x1D || cmd == 0x11 || cmd == 0x01;
    if (fm == 0x40 || (fm == 0x80 && format) || ((cmd == 0x19 || cmd == 0x15) && fm != 0xC0))
        return uc(d, SNS_CMDREJ, S1_FILEPROT);
    if (!load_track(k)) return uc(d, SNS_EQUIPCHK, 0);
    uint8_t *t = k->trk;
    if (cmd == 0x19) {   /* Write HA: the track is empty afterwards */
        uint8_t ha[HA_LEN];
        dev_out(d, ha, HA_LEN, true);
        memset(t, 0, k->trksize);
        memcpy(t, ha, HA_LEN);
        t[0] = 0;
        memset(t + HA_LEN, 0xFF, 8);
        k->orient = OR_HA;
    } else if (cmd == 0x05 || cmd == 0x0D) {
        unsigned st = write_update(d, k, cmd);
        if (st) return st;
    } else {   /* Write R0, Write CKD, Erase: a new last record */
        unsigned p;
        if (cmd == 0x15) {
            if (k->orient != OR_HA) return uc(d, SNS_CMDREJ, S1_INVSEQ);
            p = HA_LEN;
        } else {
            if (k->orient != OR_COUNT && k->orient != OR_KEY && k->orient != OR_DATA)
                return uc(d, SNS_CMDREJ, S1_INVSEQ);
            p = rec_end(k, k->pos);
        }
        uint8_t count[COUNT_LEN];
        if (dev_out(d, count, COUNT_LEN, true) < COUNT_LEN) return uc(d, SNS_CMDREJ, 0);
        unsigned len = count[5] + (unsigned)(count[6] << 8 | count[7]);
        if (p + COUNT_LEN + len + 8 > k->trksize) return uc(d, SNS_CMDREJ, 0);
        if (cmd == 0x11) {   /* Erase: the data is taken but not written */
            uint8_t junk[256];
            for (unsigned left = len; left;) {
                unsigned n = left < sizeof junk ? left : sizeof junk;
                if (dev_out(d, junk, n, true) < n) break;
                left -= n;
            }
            memset(t + p, 0xFF, 8);
            k->orient = OR_DATA;
        } else {
            memcpy(t + p, count, COUNT_LEN);
            t[p] = (uint8_t)(t[p] & ~CNT_OVERFLOW) | (cmd == 0x01 ? CNT_OVERFLOW : 0);
            unsigned n = dev_out(d, t + p + COUNT_LEN, len, true);
            memset(t + p + COUNT_LEN + n, 0, len - n);
            memset(t + p + COUNT_LEN + len, 0xFF, 8);
            k->pos = p;
            k->orient = OR_DATA;
        }
    }
    if (!write_track(k)) return uc(d, SNS_EQUIPCHK, 0);
    return US_CE | US_DE;
}

static unsigned ckd_start(struct device *d, uint8_t cmd)
{
    struct ckd *k = d->priv;
    if (d->sc.chain_start) {
        k->mask = 0;
        k->mask_set = false;
        k->index_count = 0;
    }
    switch (cmd) {
    case 0x03: return US_CE | US_DE;
    case 0x04: return dev_sense(d);
    case 0x94: case 0xB4:   /* device release, reserve: sense bytes, no reset */
        dev_in(d, d->sense, d->nsense);
        return US_CE | US_DE;
    case 0xE4: {
        if (k->g->type == 0x2314) return uc(d, SNS_CMDREJ, 0);
        uint8_t id[7] = { 0xFF, (uint8_t)(k->g->cu >> 8), (uint8_t)k->g->cu, 0x02,
                          (uint8_t)(k->g->type >> 8), (uint8_t)k->g->type, 0x00 };
        dev_in(d, id, sizeof id);
        return US_CE | US_DE;
    }
    case 0x07: case 0x0B: case 0x1B: return do_seek(d, k, cmd);
    case 0x23: {   /* Set Sector (rotational position sensing): no wait here */
        uint8_t sector;
        if (k->g->type == 0x2314 || dev_out(d, &sector, 1, true) < 1) return uc(d, SNS_CMDREJ, 0);
        return US_CE | US_DE;
    }
    case 0x22: {   /* Read Sector: the sector of the current position, always 0 */
        uint8_t sector = 0;
        if (k->g->type == 0x2314) return uc(d, SNS_CMDREJ, 0);
        dev_in(d, &sector, 1);
        return US_CE | US_DE;
    }
    case 0x13:
        if ((k->mask & 0x18) == 0x18) return uc(d, SNS_CMDREJ, S1_FILEPROT);
        k->cyl = k->head = 0;
        k->orient = OR_INDEX;
        return US_CE | US_DE;
    case 0x1F: {
        uint8_t m;
        if (k->mask_set || dev_out(d, &m, 1, true) < 1) return uc(d, SNS_CMDREJ, 0);
        k->mask = m;
        k->mask_set = true;
        return US_CE | US_DE;
    }
    case 0x02:   /* Read IPL: recalibrate, then read the data of R1 */
        k->cyl = k->head = 0;
        k->orient = OR_INDEX;
        return do_read(d, k, 0x06);
    case 0x39: case 0xB9: case 0x31: case 0xB1: case 0x51: case 0xD1: case 0x71: case 0xF1:
    case 0x29: case 0xA9: case 0x49: case 0xC9: case 0x69: case 0xE9:
        return do_search(d, k, cmd);
    case 0x1A: case 0x9A: case 0x16: case 0x96: case 0x12: case 0x92: case 0x06: case 0x86:
    case 0x0E: case 0x8E: case 0x1E: case 0x9E:
        return do_read(d, k, cmd);
    case 0x01:   /* Write Special CKD: track overflow devices only */
        if (!has_overflow(k->g)) return uc(d, SNS_CMDREJ, 0);
        return do_write(d, k, cmd);
    case 0x19: case 0x15: case 0x1D: case 0x05: case 0x0D: case 0x11:
        return do_write(d, k, cmd);
    default:
        return uc(d, SNS_CMDREJ, 0);
    }
}

static void ckd_reset(struct device *d)
{
    struct ckd *k = d->priv;
    k->orient = OR_INDEX;
    k->mask = 0;
    k->mask_set = false;
}

static void ckd_close(struct device *d)
{
    struct ckd *k = d->priv;
    cckd_close(k->cckd);   /* it updates the image's header: before the close */
    if (k->fd >= 0) {
        fsync(k->fd);
        close(k->fd);
    }
    shadow_close(k->shadow);
    free(k->sfname);
    free(k->trk);
    free(k->file);
    free(k);
}

static void ckd_describe(struct device *d, char *buf, size_t size)
{
    struct ckd *k = d->priv;
    snprintf(buf, size, "%s%s%s%s%s %u cyls, cyl %u head %u, %llu reads %llu writes", k->file,
             k->cckd ? " (compressed)" : "", k->readonly ? " ro" : "", k->shadow ? " sf=" : "",
             k->shadow ? shadow_name(k->shadow) : "", k->cyls, k->cyl, k->head, (unsigned long long)k->reads,
             (unsigned long long)k->writes);
}

static const struct devops ckd_ops = {
    .start = ckd_start, .reset = ckd_reset, .close = ckd_close, .describe = ckd_describe,
};

/* ---------------------------------------------------------------------- */
/* Attaching and creating volumes.                                         */

static bool open_image(struct ckd *k, const char *file, char *err, size_t errsize)
{
    k->fd = open(file, k->readonly || k->sfname ? O_RDONLY : O_RDWR);
    if (k->fd < 0 && errno == EACCES && !k->sfname) {   /* a write-protected volume: read only */
        k->fd = open(file, O_RDONLY);
        k->readonly = k->fd >= 0;
    }
    if (k->fd < 0) {
        snprintf(err, errsize, "cannot open %s: %s", file, strerror(errno));
        return false;
    }
    uint8_t h[HDR_SIZE];
    struct stat sb;
    if (pread(k->fd, h, HDR_SIZE, 0) != HDR_SIZE || fstat(k->fd, &sb)) {
        snprintf(err, errsize, "%s: too short for a CKD image", file);
        return false;
    }
    if (!memcmp(h, "CKD_S370", 8)) {
        snprintf(err, errsize, "%s is a Hercules shadow file, not a volume: merge it with its base into one "
                 "volume with Hercules' cckd2ckd BASE sf=%s NEW", file, file);
        return false;
    }
    bool compressed = !memcmp(h, "CKD_C370", 8);
    if (!compressed && memcmp(h, "CKD_P370", 8)) {
        snprintf(err, errsize, "%s: not a CKD image (no CKD_P370 header)", file);
        return false;
    }
    k->heads = get_le(h + 8, 4);
    k->trksize = get_le(h + 12, 4);
    k->hdrcode = h[16];
    if (get_le(h + 18, 2) || h[17]) {
        snprintf(err, errsize, "%s: multi-file CKD images are not supported", file);
        return false;
    }
    if (k->heads == 0 || k->heads > 255 || k->trksize < 64 || k->trksize > 65536) {
        snprintf(err, errsize, "%s: bad geometry in header (%u heads, track size %u)", file, k->heads,
                 k->trksize);
        return false;
    }
    /* A device type byte we know fixes the geometry (Hercules' track size). */
    const struct geom *g = geom_code(k->hdrcode);
    if (g && (k->heads != g->heads || k->trksize != track_size(g))) {
        snprintf(err, errsize, "%s: the header names a %s but gives %u heads and track size %u (a %s "
                 "has %u and %u)", file, g->name, k->heads, k->trksize, g->name, g->heads, track_size(g));
        return false;
    }
    if (compressed) {
        if (!(k->cckd = cckd_open(k->fd, err, errsize))) {
            size_t n = strlen(err);
            snprintf(err + n, errsize - n, " in %s", file);
            return false;
        }
        k->cyls = cckd_cyls(k->cckd);
        if ((uint64_t)k->cyls * k->heads > cckd_tracks(k->cckd)) {
            snprintf(err, errsize, "%s: bad compressed device header (%u cylinders, room for %u tracks)", file,
                     k->cyls, cckd_tracks(k->cckd));
            return false;
        }
    } else {
        k->cyls = (unsigned)((sb.st_size - HDR_SIZE) / ((off_t)k->heads * k->trksize));
        k->leftover = (sb.st_size - HDR_SIZE) % ((off_t)k->heads * k->trksize);
    }
    if (k->cyls == 0) {
        snprintf(err, errsize, "%s: no complete cylinder in the image", file);
        return false;
    }
    return true;
}

/* The arguments after the file: ro, sf=SHADOW (shadow.c). Other Hercules
   CKD options
   (cu=, lazywrite, fulltrackio, ...) change nothing here: a warning. */
static bool ckd_options(struct ckd *k, int argc, char **argv, char *warning, size_t wsize, char *err,
                        size_t errsize)
{
    static const char *const others[] = { "cu=", "lazywrite", "nolazywrite", "fulltrackio", "fulltrkio", "ftio",
                                           "nofulltrackio", "readonly", "syncio", "nosyncio", "dsyncio",
                                           "noshadow", "fakewrite", NULL };
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        bool other = false;
        for (const char *const *w = others; *w; w++)
            if (!strncasecmp(o, *w, strlen(*w))) other = true;
        if (!strcasecmp(o, "ro") || !strcasecmp(o, "rdonly") || !strcasecmp(o, "readonly")) {
            k->readonly = true;
        } else if (!strncasecmp(o, "sf=", 3) && o[3]) {
            free(k->sfname);
            k->sfname = strdup(o + 3);
        } else if (other) {
            snprintf(warning, wsize, "option %s does not apply here: ignored", o);
        } else {
            snprintf(err, errsize, "unknown option %s", o);
            return false;
        }
    }
    return true;
}

bool ckd_attach(struct chsys *cs, uint16_t addr, uint16_t type, int argc, char **argv,
                char *err, size_t errsize)
{
    char name[8], warning[300] = "";
    snprintf(name, sizeof name, "%04X", type);
    const struct geom *g = geom_find(name);
    if (!g || argc < 1) {
        snprintf(err, errsize, "a %s needs an image file", name);
        return false;
    }
    struct ckd *k = calloc(1, sizeof *k);
    if (!k) return false;
    k->g = g;
    k->fd = -1;
    k->cur = -1;
    err[0] = 0;
    if (!ckd_options(k, argc, argv, warning, sizeof warning, err, errsize) ||
        !open_image(k, argv[0], err, errsize) || !(k->trk = malloc(k->trksize))) {
        ckd_close(&(struct device){ .priv = k });
        return false;
    }
    if (k->hdrcode && k->hdrcode != g->code) {
        const struct geom *hg = geom_code(k->hdrcode);
        if (hg) snprintf(err, errsize, "%s is a %s volume, not a %s", argv[0], hg->name, g->name);
        else snprintf(err, errsize, "%s: unknown device type X'%02X' in the image header", argv[0], k->hdrcode);
        ckd_close(&(struct device){ .priv = k });
        return false;
    }
    uint8_t h[HDR_SIZE];
    if (k->sfname && (pread(k->fd, h, HDR_SIZE, 0) != HDR_SIZE ||
                      !(k->shadow = shadow_open(k->sfname, h, k->cyls, k->heads, err, errsize)))) {
        ckd_close(&(struct device){ .priv = k });
        return false;
    }
    k->file = strdup(argv[0]);
    struct device *d = chsys_add(cs, addr, type, &ckd_ops, k);
    if (!d) {
        snprintf(err, errsize, "device %03X is defined twice", addr);
        ckd_close(&(struct device){ .priv = k });
        return false;
    }
    d->nsense = g->nsense;
    snprintf(err, errsize, "%s", warning);
    return true;
}

bool ckd_create(const char *file, const char *type, unsigned cyls, char *err, size_t errsize)
{
    const struct geom *g = geom_find(type);
    if (!g) {
        snprintf(err, errsize, "unknown DASD type %s", type);
        return false;
    }
    if (!cyls) cyls = g->cyls;
    unsigned ts = track_size(g);
    FILE *f = fopen(file, "wb");
    if (!f) {
        snprintf(err, errsize, "cannot create %s: %s", file, strerror(errno));
        return false;
    }
    uint8_t h[HDR_SIZE] = "CKD_P370";
    put_le(h + 8, g->heads, 4);
    put_le(h + 12, ts, 4);
    h[16] = g->code;
    uint8_t *t = malloc(ts);
    bool ok = t && fwrite(h, 1, HDR_SIZE, f) == HDR_SIZE;
    for (unsigned c = 0; ok && c < cyls; c++)
        for (unsigned hd = 0; ok && hd < g->heads; hd++) {
            format_track(t, ts, c, hd);
            ok = fwrite(t, 1, ts, f) == ts;
        }
    free(t);
    if (fclose(f) || !ok) {
        snprintf(err, errsize, "cannot write %s", file);
        return false;
    }
    return true;
}

/* ---------------------------------------------------------------------- */
/* Volumes outside a machine (include/ckd.h).                              */

struct ckd *ckd_open(const char *file, bool readonly, char *err, size_t errsize)
{
    struct ckd *k = calloc(1, sizeof *k);
    if (!k) return NULL;
    k->readonly = readonly;
    k->fd = -1;
    k->cur = -1;
    if (!open_image(k, file, err, errsize)) goto fail;
    k->g = geom_code(k->hdrcode);
    if (!k->g) {
        snprintf(err, errsize, "%s: unknown device type X'%02X' in the image header", file, k->hdrcode);
        goto fail;
    }
    if (!(k->trk = malloc(k->trksize)) || !(k->file = strdup(file))) goto fail;
    return k;
fail:
    if (k->fd >= 0) close(k->fd);
    free(k->trk);
    free(k);
    return NULL;
}

void ckd_info(const struct ckd *k, struct ckd_info *info)
{
    info->type = k->g->name;
    info->cyls = k->cyls;
    info->heads = k->heads;
    info->trksize = k->trksize;
    info->maxlen = k->g->maxlen;
    info->leftover = (long long)k->leftover;
}

uint8_t *ckd_track(struct ckd *k, unsigned cyl, unsigned head)
{
    if (cyl >= k->cyls || head >= k->heads) return NULL;
    k->cyl = cyl;
    k->head = head;
    return load_track(k) ? k->trk : NULL;
}

bool ckd_track_write(struct ckd *k)
{
    return !k->readonly && k->cur >= 0 && write_track(k);
}

bool ckd_close_volume(struct ckd *k)
{
    bool ok = k->fd < 0 || fsync(k->fd) == 0 || k->readonly;
    ckd_close(&(struct device){ .priv = k });
    return ok;
}
