/*
 * iplmedia.c - IPL media for standalone programs: card decks, AWSTAPE
 * tapes and CKD volumes that load a flat program image and give it
 * control, by the IPL sequence of PoO 4-27 (read 24 bytes at 0 with
 * command chaining, run the CCWs at 8, load the PSW at 0). Layouts are
 * described in docs/dasd370.md; each medium uses the same idea:
 *
 *   first record:  PSW, CCW "read the loader list to E", CCW "TIC to E"
 *   loader list:   CCWs that read the program records to load, load+n, ...
 *
 * E (the list's address) is just past the program (at least X'200'), so
 * the list never overlaps the program it loads nor the CCWs at 8-23 that
 * are still to run. A program that covers location 0-7 gets the IPL PSW
 * there, since that is the PSW the IPL loads.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "channel.h"
#include "ckd.h"
#include "iplmedia.h"

#define STORAGE_END 0x1000000u   /* 24-bit addresses */
#define TAPE_BLOCK 32768u

static void put16(uint8_t *p, unsigned v) { p[0] = (uint8_t)(v >> 8), p[1] = (uint8_t)v; }
static void put32(uint8_t *p, uint32_t v) { put16(p, v >> 16), put16(p + 2, v & 0xFFFF); }

static void ccw(uint8_t *p, uint8_t cmd, uint32_t addr, uint8_t flags, unsigned count)
{
    put32(p, addr);
    p[0] = cmd;
    p[4] = flags;
    p[5] = 0;
    put16(p + 6, count);
}

void ipl_default_psw(uint8_t psw[8], uint32_t load)
{
    memset(psw, 0, 8);
    put32(psw + 4, load & 0xFFFFFF);
}

static uint32_t list_addr(const struct iplprog *p)
{
    uint32_t e = (uint32_t)((p->load + p->size + 7) & ~(size_t)7);
    return e < 0x200 ? 0x200 : e;
}

static bool check_prog(const struct iplprog *p, size_t listlen, char *err, size_t errsize)
{
    if (p->size == 0) {
        snprintf(err, errsize, "the program is empty");
        return false;
    }
    if (p->load >= STORAGE_END || p->size > STORAGE_END - p->load ||
        list_addr(p) + listlen > STORAGE_END) {
        snprintf(err, errsize, "program at %06X, %zu bytes, and its loader list do not fit in 16 MB",
                 p->load, p->size);
        return false;
    }
    return true;
}

/* The program as storage will hold it: the PSW in whatever part of 0-7 it covers. */
static uint8_t *program_copy(const struct iplprog *p)
{
    uint8_t *b = malloc(p->size);
    if (!b) return NULL;
    memcpy(b, p->data, p->size);
    for (uint32_t a = p->load; a < 8 && a - p->load < p->size; a++) b[a - p->load] = p->psw[a];
    return b;
}

/* The 24-byte first record: PSW, read the list (command cmd) to E, TIC to E. */
static void first_record(uint8_t rec[24], const struct iplprog *p, uint8_t cmd, unsigned listlen)
{
    uint32_t e = list_addr(p);
    memcpy(rec, p->psw, 8);
    ccw(rec + 8, cmd, e, CCW_CC, listlen);
    ccw(rec + 16, 0x08, e, 0, 0);
}

/* ---------------------------------------------------------------------- */
/* Card decks.                                                             */

static bool put_card(FILE *f, const uint8_t card[80])
{
    return fwrite(card, 1, 80, f) == 80;
}

static bool data_cards(FILE *f, FILE *data)
{
    char line[4096];
    while (fgets(line, sizeof line, data)) {
        uint8_t card[80];
        size_t len = strcspn(line, "\r\n");
        memset(card, 0x40, sizeof card);
        for (size_t i = 0; i < len && i < 80; i++) card[i] = ascii_to_ebcdic[(uint8_t)line[i]];
        if (!put_card(f, card)) return false;
        if (!strchr(line, '\n')) {   /* an overlong line: the rest is dropped, as the reader does */
            int ch;
            while ((ch = fgetc(data)) != EOF && ch != '\n') {}
        }
    }
    return !ferror(data);
}

/* Cards: 1 bootstrap, then m cards of CCWs read one after another to E,
   E+80, ..., then the program, 80 bytes a card. The list's first m-1 CCWs
   read the other CCW cards; the channel fetches CCW j of the list only
   after CCW j/10-1 has read the card holding it. */
bool ipl_write_deck(const struct iplprog *p, const char *file, FILE *data, char *err, size_t errsize)
{
    size_t n = (p->size + 79) / 80;
    size_t m = n > 1 ? (n - 1 + 8) / 9 : 1;
    size_t listlen = 80 * m;
    if (!check_prog(p, listlen, err, errsize)) return false;
    if (n + m > 65535) {
        snprintf(err, errsize, "the program is too large for a card deck");
        return false;
    }
    uint32_t e = list_addr(p);
    uint8_t *list = calloc(1, listlen), *prog = program_copy(p);
    if (!list || !prog) {
        free(list);
        free(prog);
        snprintf(err, errsize, "out of memory");
        return false;
    }
    size_t j = 0;
    for (size_t i = 1; i < m; i++, j++) ccw(list + 8 * j, 0x02, e + 80 * (uint32_t)i, CCW_CC, 80);
    for (size_t i = 0; i < n; i++, j++) {
        unsigned len = i + 1 < n ? 80 : (unsigned)(p->size - 80 * i);
        uint8_t flags = i + 1 < n ? CCW_CC : len < 80 ? CCW_SLI : 0;
        ccw(list + 8 * j, 0x02, p->load + 80 * (uint32_t)i, flags, len);
    }
    uint8_t card[80] = { 0 };
    first_record(card, p, 0x02, 80);
    FILE *f = fopen(file, "wb");
    bool ok = f != NULL;
    if (ok) ok = put_card(f, card);
    for (size_t i = 0; ok && i < m; i++) ok = put_card(f, list + 80 * i);
    for (size_t i = 0; ok && i < n; i++) {
        memset(card, 0, sizeof card);
        memcpy(card, prog + 80 * i, i + 1 < n ? 80 : p->size - 80 * i);
        ok = put_card(f, card);
    }
    if (ok && data) ok = data_cards(f, data);
    if (f && fclose(f)) ok = false;
    free(list);
    free(prog);
    if (!ok) snprintf(err, errsize, "cannot write %s: %s", file, strerror(errno));
    return ok;
}

/* ---------------------------------------------------------------------- */
/* AWSTAPE.                                                                */

static bool aws_block(FILE *f, const uint8_t *data, unsigned len, unsigned *prev, bool mark)
{
    uint8_t h[6] = { (uint8_t)len, (uint8_t)(len >> 8), (uint8_t)*prev, (uint8_t)(*prev >> 8),
                     mark ? 0x40 : 0xA0, 0 };
    *prev = len;
    return fwrite(h, 1, 6, f) == 6 && (!len || fwrite(data, 1, len, f) == len);
}

bool ipl_write_tape(const struct iplprog *p, const char *file, char *err, size_t errsize)
{
    size_t n = (p->size + TAPE_BLOCK - 1) / TAPE_BLOCK;
    size_t listlen = 8 * n;
    if (!check_prog(p, listlen, err, errsize)) return false;
    uint8_t *list = calloc(1, listlen), *prog = program_copy(p);
    if (!list || !prog) {
        free(list);
        free(prog);
        snprintf(err, errsize, "out of memory");
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned len = i + 1 < n ? TAPE_BLOCK : (unsigned)(p->size - TAPE_BLOCK * i);
        ccw(list + 8 * i, 0x02, p->load + TAPE_BLOCK * (uint32_t)i, i + 1 < n ? CCW_CC : 0, len);
    }
    uint8_t first[24];
    first_record(first, p, 0x02, (unsigned)listlen);
    FILE *f = fopen(file, "wb");
    unsigned prev = 0;
    bool ok = f && aws_block(f, first, 24, &prev, false) &&
              aws_block(f, list, (unsigned)listlen, &prev, false);
    for (size_t i = 0; ok && i < n; i++) {
        unsigned len = i + 1 < n ? TAPE_BLOCK : (unsigned)(p->size - TAPE_BLOCK * i);
        ok = aws_block(f, prog + TAPE_BLOCK * i, len, &prev, false);
    }
    ok = ok && aws_block(f, NULL, 0, &prev, true) && aws_block(f, NULL, 0, &prev, true);
    if (f && fclose(f)) ok = false;
    free(list);
    free(prog);
    if (!ok) snprintf(err, errsize, "cannot write %s: %s", file, strerror(errno));
    return ok;
}

/* ---------------------------------------------------------------------- */
/* CKD volumes.                                                            */

bool ckd_next_record(const uint8_t *trk, unsigned trksize, unsigned *pos, struct ckd_rec *r, bool *end)
{
    unsigned p = *pos ? *pos : CKD_HA_LEN;
    *end = false;
    if (p + CKD_COUNT_LEN > trksize) return false;
    const uint8_t *c = trk + p;
    if (c[0] == 0xFF && c[1] == 0xFF && c[2] == 0xFF && c[3] == 0xFF) {
        *end = true;
        return true;
    }
    r->off = p;
    r->cyl = (unsigned)((c[0] & 0x7F) << 8 | c[1]);
    r->overflow = c[0] & 0x80;
    r->head = (unsigned)(c[2] << 8 | c[3]);
    r->rec = c[4];
    r->klen = c[5];
    r->dlen = (unsigned)(c[6] << 8 | c[7]);
    r->key = c + CKD_COUNT_LEN;
    r->data = r->key + r->klen;
    unsigned next = p + CKD_COUNT_LEN + r->klen + r->dlen;
    if (next + 8 > trksize) return false;
    *pos = next;
    return true;
}

/* An empty track as a new volume has it: home address, R0 of 8 zero bytes. */
static void empty_track(uint8_t *t, unsigned size, unsigned cyl, unsigned head)
{
    memset(t, 0, size);
    put16(t + 1, cyl);
    put16(t + 3, head);
    memcpy(t + CKD_HA_LEN, t + 1, 4);
    t[CKD_HA_LEN + 7] = 8;
    memset(t + CKD_HA_LEN + CKD_COUNT_LEN + 8, 0xFF, 8);
}

/* Append a record at *pos (the end marker's place); false if it does not fit. */
static bool add_record(uint8_t *t, unsigned size, unsigned *pos, unsigned cyl, unsigned head,
                       unsigned rec, const void *key, unsigned kl, const void *data, unsigned dl)
{
    unsigned p = *pos;
    if (p + CKD_COUNT_LEN + kl + dl + 8 > size) return false;
    put16(t + p, cyl);
    put16(t + p + 2, head);
    t[p + 4] = (uint8_t)rec;
    t[p + 5] = (uint8_t)kl;
    put16(t + p + 6, dl);
    if (kl) memcpy(t + p + CKD_COUNT_LEN, key, kl);
    memcpy(t + p + CKD_COUNT_LEN + kl, data, dl);
    p += CKD_COUNT_LEN + kl + dl;
    memset(t + p, 0xFF, 8);
    *pos = p;
    return true;
}

static const uint8_t key_ipl1[4] = { 0xC9, 0xD7, 0xD3, 0xF1 };   /* IPL1 */
static const uint8_t key_ipl2[4] = { 0xC9, 0xD7, 0xD3, 0xF2 };   /* IPL2 */
static const uint8_t key_vol1[4] = { 0xE5, 0xD6, 0xD3, 0xF1 };   /* VOL1 */

/* Track 0 with new IPL1 and IPL2 and the records after R2 kept, built
   before anything is written; NULL with a message if it cannot be. */
static uint8_t *build_track0(struct ckd *k, const uint8_t ipl1[24], const uint8_t *ipl2, unsigned ipl2len,
                             char *err, size_t errsize)
{
    struct ckd_info in;
    ckd_info(k, &in);
    uint8_t *old = ckd_track(k, 0, 0), *t = calloc(1, in.trksize);
    if (!old || !t) {
        free(t);
        snprintf(err, errsize, "cannot read cylinder 0 head 0");
        return NULL;
    }
    memcpy(t, old, CKD_HA_LEN + CKD_COUNT_LEN + 8);   /* HA and R0 as they are */
    unsigned pos = CKD_HA_LEN + CKD_COUNT_LEN + 8, at = 0;
    bool ok = add_record(t, in.trksize, &pos, 0, 0, 1, key_ipl1, 4, ipl1, 24) &&
              add_record(t, in.trksize, &pos, 0, 0, 2, key_ipl2, 4, ipl2, ipl2len);
    struct ckd_rec r;
    bool end = false, first = true;
    while (ok && ckd_next_record(old, in.trksize, &at, &r, &end) && !end) {
        if (first || r.rec <= 2) {   /* R0, the old IPL1 and IPL2 */
            first = false;
            continue;
        }
        ok = add_record(t, in.trksize, &pos, r.cyl, r.head, r.rec, r.key, r.klen, r.data, r.dlen);
    }
    if (ok && !end) snprintf(err, errsize, "cylinder 0 head 0 is damaged (a record runs off the track)");
    else if (!ok) snprintf(err, errsize, "the IPL records do not fit on cylinder 0 head 0");
    if (!ok || !end) {
        free(t);
        return NULL;
    }
    return t;
}

/* Program record i is R1 of track 1 + i: its cylinder, head and length. */
static void record_place(const struct ckd_info *in, const struct iplprog *p, size_t i, size_t n,
                         unsigned *cyl, unsigned *head, unsigned *len)
{
    unsigned t = (unsigned)(1 + i);
    *cyl = t / in->heads;
    *head = t % in->heads;
    *len = i + 1 < n ? in->maxlen : (unsigned)(p->size - in->maxlen * i);
}

/* IPL2, the loader list at e: for record i, seek, search ID equal, TIC
   back to the search, read data; the seek arguments (8 bytes each) after
   all the CCWs. The seek argument 00 00 CC CC HH HH and the search
   argument CC CC HH HH 01 share bytes. */
static void volume_list(uint8_t *list, const struct ckd_info *in, const struct iplprog *p, size_t n)
{
    uint32_t e = list_addr(p);
    for (size_t i = 0; i < n; i++) {
        unsigned cyl, head, len;
        record_place(in, p, i, n, &cyl, &head, &len);
        uint8_t *arg = list + 32 * n + 8 * i;
        uint32_t argaddr = e + (uint32_t)(32 * n + 8 * i), at = e + (uint32_t)(32 * i);
        put16(arg + 2, cyl);
        put16(arg + 4, head);
        arg[6] = 1;
        ccw(list + 32 * i, 0x07, argaddr, CCW_CC, 6);
        ccw(list + 32 * i + 8, 0x31, argaddr + 2, CCW_CC, 5);
        ccw(list + 32 * i + 16, 0x08, at + 8, 0, 0);
        ccw(list + 32 * i + 24, 0x06, p->load + in->maxlen * (uint32_t)i, i + 1 < n ? CCW_CC : 0, len);
    }
}

/* Replace track (cyl, head) with data (or with the track image t0 when
   prog is NULL); false with a message. */
static bool put_track(struct ckd *k, const struct ckd_info *in, unsigned cyl, unsigned head,
                      const uint8_t *prog, unsigned len, const uint8_t *t0, char *err, size_t errsize)
{
    uint8_t *trk = ckd_track(k, cyl, head);
    unsigned pos = CKD_HA_LEN + CKD_COUNT_LEN + 8;
    if (!trk) {
        snprintf(err, errsize, "cannot read cylinder %u head %u", cyl, head);
        return false;
    }
    if (prog) {
        empty_track(trk, in->trksize, cyl, head);
        add_record(trk, in->trksize, &pos, cyl, head, 1, NULL, 0, prog, len);
    } else {
        memcpy(trk, t0, in->trksize);
    }
    if (!ckd_track_write(k)) {
        snprintf(err, errsize, "cannot write cylinder %u head %u: %s", cyl, head, strerror(errno));
        return false;
    }
    return true;
}

bool ipl_write_volume(const struct iplprog *p, struct ckd *k, char *err, size_t errsize)
{
    struct ckd_info in;
    ckd_info(k, &in);
    size_t n = (p->size + in.maxlen - 1) / in.maxlen;
    size_t listlen = 40 * n;
    if (!check_prog(p, listlen, err, errsize)) return false;
    if (n + 1 > (size_t)in.cyls * in.heads || listlen > 65535) {
        snprintf(err, errsize, "a program of %zu bytes does not fit on this %u-cylinder %s", p->size,
                 in.cyls, in.type);
        return false;
    }
    uint8_t *list = calloc(1, listlen), *prog = program_copy(p), *t0 = NULL, ipl1[24];
    bool ok = list && prog;
    if (!ok) snprintf(err, errsize, "out of memory");
    if (ok) {
        volume_list(list, &in, p, n);
        first_record(ipl1, p, 0x06, (unsigned)listlen);
        ok = (t0 = build_track0(k, ipl1, list, (unsigned)listlen, err, errsize)) != NULL;
    }
    /* The program first, track 0 (what the IPL reads first) last. */
    for (size_t i = 0; ok && i < n; i++) {
        unsigned cyl, head, len;
        record_place(&in, p, i, n, &cyl, &head, &len);
        ok = put_track(k, &in, cyl, head, prog + in.maxlen * i, len, NULL, err, errsize);
    }
    ok = ok && put_track(k, &in, 0, 0, NULL, 0, t0, err, errsize);
    free(t0);
    free(list);
    free(prog);
    return ok;
}

bool ipl_label_volume(struct ckd *k, const char *volser, char *err, size_t errsize)
{
    size_t len = strlen(volser);
    if (len < 1 || len > 6 || strspn(volser, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                             "0123456789@#$-") != len) {
        snprintf(err, errsize, "volume serial %s: want 1 to 6 letters, digits or @#$-", volser);
        return false;
    }
    struct ckd_info in;
    ckd_info(k, &in);
    uint8_t *t = ckd_track(k, 0, 0);
    if (!t) {
        snprintf(err, errsize, "cannot read cylinder 0 head 0");
        return false;
    }
    /* dasdinit's IPL1: a wait PSW and a no-operation; IPL2 144 zero bytes. */
    static const uint8_t ipl1[24] = { 0x00, 0x06, 0, 0, 0, 0, 0, 0x0F, 0x03, 0, 0, 0, 0, 0, 0, 1 };
    static const uint8_t ipl2[144];
    uint8_t vol1[80];
    memset(vol1, 0x40, sizeof vol1);
    memcpy(vol1, key_vol1, 4);
    for (size_t i = 0; i < len; i++) vol1[4 + i] = ascii_to_ebcdic[(uint8_t)toupper((unsigned char)volser[i])];
    static const uint8_t vtoc[5] = { 0, 0, 0, 1, 1 };   /* VTOC pointer CCHHR: 0, 1, 1 */
    memcpy(vol1 + 11, vtoc, 5);
    static const char owner[] = "HERCULES";   /* dasdinit's owner field (bytes 41-50) */
    for (size_t i = 0; i < 8; i++) vol1[41 + i] = ascii_to_ebcdic[(uint8_t)owner[i]];
    empty_track(t, in.trksize, 0, 0);
    unsigned pos = CKD_HA_LEN + CKD_COUNT_LEN + 8;
    add_record(t, in.trksize, &pos, 0, 0, 1, key_ipl1, 4, ipl1, sizeof ipl1);
    add_record(t, in.trksize, &pos, 0, 0, 2, key_ipl2, 4, ipl2, sizeof ipl2);
    add_record(t, in.trksize, &pos, 0, 0, 3, key_vol1, 4, vol1, sizeof vol1);
    if (!ckd_track_write(k)) {
        snprintf(err, errsize, "cannot write cylinder 0 head 0: %s", strerror(errno));
        return false;
    }
    return true;
}
