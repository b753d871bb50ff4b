/*
 * cckd.c - reading Hercules' compressed CKD images (CCKD, the format of
 * "dasdinit -z" and "dasdcopy"), as Hercules' cckddasd.html describes it:
 *
 *   512-byte device header: "CKD_C370", then as in an uncompressed image
 *     (heads, track size, device type);
 *   512-byte compressed device header: version (3 bytes), options (bit
 *     X'02': the numbers below are big-endian, else little-endian), number
 *     of level 1 entries (4 bytes) at +4, ..., cylinders (4 bytes) at +40;
 *   the level 1 table: 4-byte file offsets of level 2 tables, one for each
 *     256 tracks (0: every track of the group is empty);
 *   level 2 tables: 256 entries of offset (4), length (2), size (2);
 *     offset 0 is an empty track (home address, R0, end of track);
 *   track images: a 5-byte header (compression: 0 none, 1 zlib, 2 bzip2;
 *     then CC HH) followed by the rest of the track image from R0 on.
 *
 * Writing a track compresses it with zlib (or keeps it uncompressed when
 * that is not smaller) and puts it where the track's old image was if it
 * fits (an image's space may be larger than the image, as the format
 * allows), else at the end of the file; a track group without a level 2
 * table gets one at the end. The image is written before the table entries
 * that point at it, so a crash leaves the old track, never a broken one.
 * The space an image leaves goes on the free space chain (offset of the
 * next free space and length, at the start of each, ordered by offset, no
 * two adjacent; the compressed device header holds its start at +20, then
 * its total, largest and number), which is written as it changes; the
 * header's file size (+12) and space used (+16) follow every append. Free
 * space is not reused: Hercules' dasdcopy or cckdcomp compacts the file.
 */
#include <bzlib.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>
#include <zlib.h>
#include "cckd.h"

#define CDEV_OFF 512
#define L1_OFF 1024
#define L2_ENTRIES 256
#define OPT_BIGENDIAN 0x02
#define NOT_HERE 0xFFFFFFFFu   /* shadow file: the track is in the file below */

struct cckd {
    int fd;
    bool big;
    bool shadow;          /* a shadow file: "not here" entries send reads to the file below */
    unsigned numl1, cyls;
    off_t end;            /* where appended images and tables go */
    struct space { uint32_t pos, len; } *free;   /* the free space chain, by offset */
    unsigned nfree;
    uint32_t imbed;       /* free space inside images' spaces (size - length) */
    uint32_t *l1;
    uint8_t *comp;        /* one compressed image */
};

static uint32_t num(const struct cckd *z, const uint8_t *p, unsigned n)
{
    uint32_t v = 0;
    for (unsigned i = 0; i < n; i++) v |= (uint32_t)p[i] << (8 * (z->big ? n - 1 - i : i));
    return v;
}

static void read_free(struct cckd *z, const uint8_t *cdev);

struct cckd *cckd_open(int fd, char *err, size_t errsize)
{
    uint8_t cdev[512], magic[8];
    struct cckd *z = calloc(1, sizeof *z);
    if (!z) return NULL;
    z->fd = fd;
    if (pread(fd, magic, 8, 0) != 8 || pread(fd, cdev, sizeof cdev, CDEV_OFF) != (ssize_t)sizeof cdev) {
        snprintf(err, errsize, "compressed image too short (no compressed device header)");
        free(z);
        return NULL;
    }
    z->shadow = !memcmp(magic, "CKD_S370", 8);
    z->big = cdev[3] & OPT_BIGENDIAN;
    z->numl1 = num(z, cdev + 4, 4);
    z->end = lseek(fd, 0, SEEK_END);
    z->cyls = num(z, cdev + 40, 4);
    z->l1 = z->numl1 && z->numl1 < (1u << 20) ? malloc(z->numl1 * 4) : NULL;
    z->comp = malloc(65536);
    uint8_t *raw = z->l1 ? malloc(z->numl1 * 4) : NULL;
    if (!z->l1 || !z->comp || !raw || pread(fd, raw, z->numl1 * 4, L1_OFF) != (ssize_t)(z->numl1 * 4)) {
        snprintf(err, errsize, "bad compressed device header (%u level 1 entries)", z->numl1);
        free(raw);
        cckd_close(z);
        return NULL;
    }
    for (unsigned i = 0; i < z->numl1; i++) z->l1[i] = num(z, raw + 4 * i, 4);
    free(raw);
    read_free(z, cdev);
    z->imbed = num(z, cdev + 36, 4);
    return z;
}

unsigned cckd_cyls(const struct cckd *z) { return z->cyls; }
unsigned cckd_tracks(const struct cckd *z) { return z->numl1 * L2_ENTRIES; }

/* An empty track: home address, R0 with 8 bytes of zeros, end of track. */
static void null_track(uint8_t *t, unsigned size, unsigned cyl, unsigned head)
{
    memset(t, 0, size);
    t[1] = (uint8_t)(cyl >> 8), t[2] = (uint8_t)cyl, t[3] = (uint8_t)(head >> 8), t[4] = (uint8_t)head;
    memcpy(t + 5, t + 1, 4);
    t[12] = 8;
    memset(t + 5 + 8 + 8, 0xFF, 8);
}

int cckd_read_track(struct cckd *z, unsigned trk, unsigned cyl, unsigned head, uint8_t *t, unsigned size)
{
    if (trk / L2_ENTRIES >= z->numl1) return -1;
    uint32_t l2 = z->l1[trk / L2_ENTRIES];
    uint8_t e[8];
    if (l2 == NOT_HERE && z->shadow) return 0;
    if (l2 == 0 || l2 == NOT_HERE) {
        null_track(t, size, cyl, head);
        return 1;
    }
    if (pread(z->fd, e, 8, (off_t)l2 + 8 * (trk % L2_ENTRIES)) != 8) return -1;
    uint32_t pos = num(z, e, 4), len = num(z, e + 4, 2);
    if (pos == NOT_HERE && z->shadow) return 0;
    if (pos == 0 || pos == NOT_HERE || len == 0) {
        null_track(t, size, cyl, head);
        return 1;
    }
    if (len < 5 || pread(z->fd, z->comp, len, pos) != (ssize_t)len) return -1;
    memset(t, 0, size);
    memcpy(t, z->comp, 5);
    unsigned comp = t[0];
    t[0] = 0;
    if (comp == 0) {
        if (len > size) return -1;
        memcpy(t + 5, z->comp + 5, len - 5);
        return 1;
    }
    if (comp == 1) {
        uLongf out = size - 5;
        return uncompress(t + 5, &out, z->comp + 5, len - 5) == Z_OK ? 1 : -1;
    }
    if (comp == 2) {
        unsigned out = size - 5;
        return BZ2_bzBuffToBuffDecompress((char *)t + 5, &out, (char *)z->comp + 5, len - 5, 0, 0) == BZ_OK ? 1 : -1;
    }
    return -1;
}

static void put(const struct cckd *z, uint8_t *p, uint32_t v, unsigned n)
{
    for (unsigned i = 0; i < n; i++) p[z->big ? n - 1 - i : i] = (uint8_t)(v >> (8 * i));
}

/* ---- the free space chain ---- */

/* Read the chain the compressed device header starts (a Hercules image may
   have one); a damaged chain is dropped (Hercules' cckdcdsk rebuilds it). */
static void read_free(struct cckd *z, const uint8_t *cdev)
{
    uint32_t pos = num(z, cdev + 20, 4);
    while (pos && z->nfree < (1u << 16)) {
        uint8_t b[8];
        if (pread(z->fd, b, 8, pos) != 8) break;
        uint32_t len = num(z, b + 4, 4);
        if (len < 8 || (off_t)pos + len > z->end || (z->nfree && pos <= z->free[z->nfree - 1].pos)) break;
        if (z->nfree % 64 == 0) {
            void *n = realloc(z->free, (z->nfree + 64) * sizeof *z->free);
            if (!n) break;
            z->free = n;
        }
        z->free[z->nfree++] = (struct space){ pos, len };
        pos = num(z, b, 4);
    }
}

/* Write chain record i (or, for i == -1, the header's pointer to the first). */
static bool write_free(struct cckd *z, int i)
{
    uint8_t b[8];
    uint32_t next = (unsigned)(i + 1) < z->nfree ? z->free[i + 1].pos : 0;
    if (i < 0) {
        put(z, b, next, 4);
        return pwrite(z->fd, b, 4, CDEV_OFF + 20) == 4;
    }
    put(z, b, next, 4);
    put(z, b + 4, z->free[i].len, 4);
    return pwrite(z->fd, b, 8, z->free[i].pos) == 8;
}

/* The space an image left: into the chain, merged with its neighbours. */
static bool free_space(struct cckd *z, uint32_t pos, uint32_t len)
{
    if (len < 8) return true;   /* too small to chain: stays lost until cckdcdsk */
    unsigned i = 0;
    while (i < z->nfree && z->free[i].pos < pos) i++;
    if (z->nfree % 64 == 0) {
        void *n = realloc(z->free, (z->nfree + 64) * sizeof *z->free);
        if (!n) return false;
        z->free = n;
    }
    memmove(z->free + i + 1, z->free + i, (z->nfree - i) * sizeof *z->free);
    z->free[i] = (struct space){ pos, len };
    z->nfree++;
    if (i + 1 < z->nfree && pos + len == z->free[i + 1].pos) {   /* merge the next */
        z->free[i].len += z->free[i + 1].len;
        memmove(z->free + i + 1, z->free + i + 2, (z->nfree - i - 2) * sizeof *z->free);
        z->nfree--;
    }
    if (i > 0 && z->free[i - 1].pos + z->free[i - 1].len == pos) {   /* into the one before */
        z->free[i - 1].len += z->free[i].len;
        memmove(z->free + i, z->free + i + 1, (z->nfree - i - 1) * sizeof *z->free);
        z->nfree--;
        i--;
    }
    return write_free(z, (int)i) && write_free(z, (int)i - 1);
}

/* The compressed device header's sizes: file size, space used, free space
   (its total counts the chain and the space inside images), the largest
   and number of free spaces, the space inside images. */
static bool update_sizes(struct cckd *z)
{
    uint32_t total = z->imbed, largest = 0;
    for (unsigned i = 0; i < z->nfree; i++) {
        total += z->free[i].len;
        if (z->free[i].len > largest) largest = z->free[i].len;
    }
    uint8_t b[28];
    put(z, b, (uint32_t)z->end, 4);
    put(z, b + 4, (uint32_t)z->end - total, 4);
    put(z, b + 8, z->nfree ? z->free[0].pos : 0, 4);
    put(z, b + 12, total, 4);
    put(z, b + 16, largest, 4);
    put(z, b + 20, z->nfree, 4);
    put(z, b + 24, z->imbed, 4);
    return pwrite(z->fd, b, sizeof b, CDEV_OFF + 12) == (ssize_t)sizeof b;
}

/* ---- writing tracks ---- */

/* The length of a track image: home address, records, end of track. */
static unsigned image_length(const uint8_t *t, unsigned size)
{
    unsigned p = 5;
    while (p + 8 <= size) {
        if (t[p] == 0xFF && t[p + 1] == 0xFF && t[p + 2] == 0xFF && t[p + 3] == 0xFF) return p + 8;
        p += 8 + t[p + 5] + (unsigned)(t[p + 6] << 8 | t[p + 7]);
    }
    return 0;
}

/* A new level 2 table for group g, every track empty but trk (at pos, len). */
static bool new_l2(struct cckd *z, unsigned g, unsigned trk, uint32_t pos, unsigned len)
{
    uint8_t tab[L2_ENTRIES * 8], e[4];
    memset(tab, z->shadow ? 0xFF : 0, sizeof tab);   /* a shadow's other tracks: below */
    put(z, tab + 8 * (trk % L2_ENTRIES), pos, 4);
    put(z, tab + 8 * (trk % L2_ENTRIES) + 4, len, 2);
    put(z, tab + 8 * (trk % L2_ENTRIES) + 6, len, 2);
    off_t at = z->end;
    put(z, e, (uint32_t)at, 4);
    if (pwrite(z->fd, tab, sizeof tab, at) != (ssize_t)sizeof tab) return false;
    z->end += (off_t)sizeof tab;
    if (pwrite(z->fd, e, 4, L1_OFF + 4 * g) != 4) return false;
    z->l1[g] = (uint32_t)at;
    return true;
}

/* Compress the image into z->comp; returns its length with the header. */
static unsigned compress_image(struct cckd *z, const uint8_t *t, unsigned len)
{
    uLongf clen = 65536 - 5;
    memcpy(z->comp, t, 5);
    if (compress(z->comp + 5, &clen, t + 5, len - 5) == Z_OK && clen < len - 5) {
        z->comp[0] = 1;
        return (unsigned)clen + 5;
    }
    memcpy(z->comp + 5, t + 5, len - 5);
    z->comp[0] = 0;
    return len;
}

bool cckd_write_track(struct cckd *z, unsigned trk, const uint8_t *t, unsigned size)
{
    unsigned g = trk / L2_ENTRIES, len = image_length(t, size);
    if (g >= z->numl1 || len < 13) return false;
    len = compress_image(z, t, len);
    uint32_t l2 = z->l1[g], pos = 0;
    unsigned room = 0, old = 0;
    uint8_t e[8];
    bool have_l2 = l2 && l2 != NOT_HERE;
    if (have_l2) {
        if (pread(z->fd, e, 8, (off_t)l2 + 8 * (trk % L2_ENTRIES)) != 8) return false;
        pos = num(z, e, 4), old = num(z, e + 4, 2), room = num(z, e + 6, 2);
        if (pos == NOT_HERE || old > room) pos = 0;
    }
    bool in_place = pos && len <= room;
    off_t at = in_place ? (off_t)pos : z->end;
    if (at + len + L2_ENTRIES * 8 > 0xFFFFFFFFll || pwrite(z->fd, z->comp, len, at) != (ssize_t)len) return false;
    if (!in_place) z->end += len;
    if (!have_l2) return new_l2(z, g, trk, (uint32_t)at, len) && update_sizes(z);
    put(z, e, (uint32_t)at, 4);
    put(z, e + 4, len, 2);
    put(z, e + 6, in_place ? room : len, 2);
    if (pwrite(z->fd, e, 8, (off_t)l2 + 8 * (trk % L2_ENTRIES)) != 8) return false;
    if (pos) z->imbed -= room - old;   /* the old image's unused space ... */
    if (in_place) z->imbed += room - len;   /* ... or the new one's */
    else if (pos && !free_space(z, pos, room)) return false;
    return update_sizes(z);
}

bool cckd_create_shadow(const char *file, const uint8_t devhdr[512], unsigned cyls, unsigned heads, char *err,
                        size_t errsize)
{
    unsigned numl1 = (cyls * heads + L2_ENTRIES - 1) / L2_ENTRIES;
    size_t size = L1_OFF + 4 * (size_t)numl1;
    uint8_t *b = malloc(size);
    if (!b) return false;
    memset(b, 0, L1_OFF);
    memcpy(b, devhdr, 512);
    memcpy(b, "CKD_S370", 8);
    memset(b + L1_OFF, 0xFF, 4 * (size_t)numl1);   /* every track: in the file below */
    struct cckd z = { .big = false };
    uint8_t *c = b + CDEV_OFF;
    c[1] = 3, c[2] = 1;        /* the version Hercules 3.13 writes, 0.3.1 */
    c[3] = 0x41;               /* and its options byte (little-endian numbers) */
    put(&z, c + 4, numl1, 4);
    put(&z, c + 8, L2_ENTRIES, 4);
    put(&z, c + 12, (uint32_t)size, 4);
    put(&z, c + 16, (uint32_t)size, 4);
    put(&z, c + 40, cyls, 4);
    c[45] = 1;                 /* zlib */
    c[46] = c[47] = 0xFF;
    int fd = open(file, O_WRONLY | O_CREAT | O_EXCL, 0666);
    bool ok = fd >= 0 && write(fd, b, size) == (ssize_t)size && fsync(fd) == 0;
    if (!ok) snprintf(err, errsize, "cannot create shadow file %s: %s", file, strerror(errno));
    if (fd >= 0) close(fd);
    free(b);
    return ok;
}

void cckd_close(struct cckd *z)
{
    if (!z) return;
    free(z->free);
    free(z->l1);
    free(z->comp);
    free(z);
}
