/*
 * ckd.h - CKD volumes outside a machine: the image layer of devices/ckd.c
 * for tools (build/dasd370) and tests. A volume is opened, its header
 * checked against the device type it names, and tracks are read and
 * written whole, in the image's own track format (see devices/ckd.c).
 */
#ifndef S370_CKD_H
#define S370_CKD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CKD_HA_LEN 5      /* home address: flag, CC, HH */
#define CKD_COUNT_LEN 8   /* count: CC HH R KL DLDL */

struct ckd;

struct ckd_info {
    const char *type;     /* "3350", ... */
    unsigned cyls, heads;
    unsigned trksize;     /* bytes of a track in the image */
    unsigned maxlen;      /* the longest record a track holds (R0 alone besides it) */
    long long leftover;   /* bytes after the last whole cylinder (a truncated image) */
};

/* Open an image; the header must be a CKD_P370 header whose device type,
   heads and track size agree with a supported device. */
struct ckd *ckd_open(const char *file, bool readonly, char *err, size_t errsize);
void ckd_info(const struct ckd *k, struct ckd_info *info);
/* The image bytes of track (cyl, head), trksize long; NULL on a read error
   or outside the volume. Valid until the next ckd_track call. */
uint8_t *ckd_track(struct ckd *k, unsigned cyl, unsigned head);
/* Write back the track ckd_track last returned (after changing it). */
bool ckd_track_write(struct ckd *k);
/* Sync and close; false if the sync failed. */
bool ckd_close_volume(struct ckd *k);

#endif
