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
 * Only reading: a write to a compressed volume goes to a shadow file
 * (sf=) or is refused with the dasdcopy command that uncompresses it.
 */
#include <bzlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include "cckd.h"

#define CDEV_OFF 512
#define L1_OFF 1024
#define L2_ENTRIES 256
#define OPT_BIGENDIAN 0x02

struct cckd {
    int fd;
    bool big;
    unsigned numl1, cyls;
    uint32_t *l1;
    uint8_t *comp;        /* one compressed image */
};

static uint32_t num(const struct cckd *z, const uint8_t *p, unsigned n)
{
    uint32_t v = 0;
    for (unsigned i = 0; i < n; i++) v |= (uint32_t)p[i] << (8 * (z->big ? n - 1 - i : i));
    return v;
}

struct cckd *cckd_open(int fd, char *err, size_t errsize)
{
    uint8_t cdev[512];
    struct cckd *z = calloc(1, sizeof *z);
    if (!z) return NULL;
    z->fd = fd;
    if (pread(fd, cdev, sizeof cdev, CDEV_OFF) != (ssize_t)sizeof cdev) {
        snprintf(err, errsize, "compressed image too short (no compressed device header)");
        free(z);
        return NULL;
    }
    z->big = cdev[3] & OPT_BIGENDIAN;
    z->numl1 = num(z, cdev + 4, 4);
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

bool cckd_read_track(struct cckd *z, unsigned trk, unsigned cyl, unsigned head, uint8_t *t, unsigned size)
{
    if (trk / L2_ENTRIES >= z->numl1) return false;
    uint32_t l2 = z->l1[trk / L2_ENTRIES];
    uint8_t e[8];
    if (l2 == 0 || l2 == 0xFFFFFFFFu) {
        null_track(t, size, cyl, head);
        return true;
    }
    if (pread(z->fd, e, 8, (off_t)l2 + 8 * (trk % L2_ENTRIES)) != 8) return false;
    uint32_t pos = num(z, e, 4), len = num(z, e + 4, 2);
    if (pos == 0 || pos == 0xFFFFFFFFu || len == 0) {
        null_track(t, size, cyl, head);
        return true;
    }
    if (len < 5 || pread(z->fd, z->comp, len, pos) != (ssize_t)len) return false;
    memset(t, 0, size);
    memcpy(t, z->comp, 5);
    unsigned comp = t[0];
    t[0] = 0;
    if (comp == 0) {
        if (len > size) return false;
        memcpy(t + 5, z->comp + 5, len - 5);
        return true;
    }
    if (comp == 1) {
        uLongf out = size - 5;
        return uncompress(t + 5, &out, z->comp + 5, len - 5) == Z_OK;
    }
    if (comp == 2) {
        unsigned out = size - 5;
        return BZ2_bzBuffToBuffDecompress((char *)t + 5, &out, (char *)z->comp + 5, len - 5, 0, 0) == BZ_OK;
    }
    return false;
}

void cckd_close(struct cckd *z)
{
    if (!z) return;
    free(z->l1);
    free(z->comp);
    free(z);
}
