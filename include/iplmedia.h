/*
 * iplmedia.h - IPL media for standalone programs (devices/iplmedia.c):
 * a flat program image becomes an IPL card deck, an AWSTAPE IPL tape, or
 * the IPL records of a CKD volume; and a new volume gets the track 0 that
 * Hercules' dasdinit writes (IPL1, IPL2, VOL1). build/dasd370 is the tool
 * around these; docs/dasd370.md describes the layouts.
 */
#ifndef S370_IPLMEDIA_H
#define S370_IPLMEDIA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct ckd;

struct iplprog {
    const uint8_t *data;
    size_t size;          /* 1 byte to 16 MB - load */
    uint32_t load;        /* where the program is read to */
    uint8_t psw[8];       /* the PSW at 0 when the IPL ends */
};

/* The default IPL PSW: BC mode, every interruption disabled, key 0,
   supervisor state, instruction address load. */
void ipl_default_psw(uint8_t psw[8], uint32_t load);

/* Card deck (80-byte EBCDIC cards): a bootstrap card, CCW cards, then the
   program. Lines of the text file data (if not NULL) follow as cards. */
bool ipl_write_deck(const struct iplprog *p, const char *file, FILE *data, char *err, size_t errsize);
/* AWSTAPE: a 24-byte bootstrap block, a CCW block, program blocks, two tape marks. */
bool ipl_write_tape(const struct iplprog *p, const char *file, char *err, size_t errsize);
/* CKD: IPL1 (R1) and IPL2 (R2) on cylinder 0 head 0, other records there
   kept; the program one record a track from cylinder 0 head 1 on. */
bool ipl_write_volume(const struct iplprog *p, struct ckd *k, char *err, size_t errsize);
/* Track 0 of a new volume as dasdinit writes it: IPL1 (a wait PSW), IPL2
   (zeros), VOL1 with the volume serial (1-6 characters). */
bool ipl_label_volume(struct ckd *k, const char *volser, char *err, size_t errsize);

/* Records of a track image: walks from the home address; false when the
   track is damaged (a record runs off it or there is no end marker). */
struct ckd_rec {
    unsigned off;         /* offset of the count in the track */
    unsigned cyl, head, rec, klen, dlen;   /* cyl without the overflow mark */
    bool overflow;        /* a track overflow segment: the record goes on */
    const uint8_t *key, *data;
};
bool ckd_next_record(const uint8_t *trk, unsigned trksize, unsigned *pos, struct ckd_rec *r, bool *end);

#endif
