/*
 * shadow.c - DASD shadow files (the sf= argument): every track written to
 * the volume goes to the shadow file, and the base image is never changed,
 * so distribution volumes stay pristine. The shadow persists: mounting the
 * same base with the same sf= again sees the writes.
 *
 * This is this machine's own format, NOT Hercules' (whose shadow files are
 * compressed CKD files); the two are not interchangeable:
 *   512-byte header: "S370SHDW", version (4 bytes big-endian, 1), track
 *     size (4), number of tracks of the volume (4), zeros;
 *   an index: one 8-byte big-endian file offset per track (0: the track is
 *     not in the shadow, read it from the base);
 *   full track images, appended as tracks are first written.
 * A track's image is written before its index entry, so a crash never
 * leaves an index entry pointing at a partial image.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cckd.h"

#define SHDW_HDR 512
#define SHDW_VERSION 1

struct shadow {
    int fd;
    unsigned trksize, ntracks, used;
    uint64_t *index;
    off_t end;
};

static uint64_t get_be(const uint8_t *p, unsigned n)
{
    uint64_t v = 0;
    while (n--) v = v << 8 | *p++;
    return v;
}

static void put_be(uint8_t *p, uint64_t v, unsigned n)
{
    while (n--) p[n] = (uint8_t)v, v >>= 8;
}

static bool create(struct shadow *s)
{
    uint8_t h[SHDW_HDR] = "S370SHDW";
    put_be(h + 8, SHDW_VERSION, 4);
    put_be(h + 12, s->trksize, 4);
    put_be(h + 16, s->ntracks, 4);
    size_t isize = (size_t)s->ntracks * 8;
    uint8_t *zeros = calloc(1, isize);
    bool ok = zeros && pwrite(s->fd, h, SHDW_HDR, 0) == SHDW_HDR &&
              pwrite(s->fd, zeros, isize, SHDW_HDR) == (ssize_t)isize;
    free(zeros);
    s->end = SHDW_HDR + (off_t)isize;
    return ok && fsync(s->fd) == 0;
}

static bool load(struct shadow *s, const char *file, char *err, size_t errsize)
{
    uint8_t h[SHDW_HDR];
    if (pread(s->fd, h, SHDW_HDR, 0) != SHDW_HDR || memcmp(h, "S370SHDW", 8) ||
        get_be(h + 8, 4) != SHDW_VERSION) {
        snprintf(err, errsize, "%s is not a shadow file of this machine (Hercules' CCKD shadow files "
                 "are not read here)", file);
        return false;
    }
    if (get_be(h + 12, 4) != s->trksize || get_be(h + 16, 4) != s->ntracks) {
        snprintf(err, errsize, "shadow file %s was made for another volume (%u tracks of %u bytes)", file,
                 (unsigned)get_be(h + 16, 4), (unsigned)get_be(h + 12, 4));
        return false;
    }
    size_t isize = (size_t)s->ntracks * 8;
    uint8_t *raw = malloc(isize);
    bool ok = raw && pread(s->fd, raw, isize, SHDW_HDR) == (ssize_t)isize;
    struct stat sb;
    if (!ok || fstat(s->fd, &sb)) {
        free(raw);
        snprintf(err, errsize, "shadow file %s is damaged (short index)", file);
        return false;
    }
    s->end = sb.st_size;
    for (unsigned i = 0; i < s->ntracks; i++) {
        s->index[i] = get_be(raw + 8 * i, 8);
        if (s->index[i] && s->index[i] + s->trksize > (uint64_t)s->end) s->index[i] = 0;   /* torn append */
        if (s->index[i]) s->used++;
    }
    free(raw);
    return true;
}

struct shadow *shadow_open(const char *file, unsigned trksize, unsigned ntracks, char *err, size_t errsize)
{
    struct shadow *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->trksize = trksize;
    s->ntracks = ntracks;
    s->index = calloc(ntracks ? ntracks : 1, sizeof *s->index);
    s->fd = open(file, O_RDWR | O_CREAT, 0666);
    if (s->fd < 0 || !s->index) {
        snprintf(err, errsize, "cannot open shadow file %s: %s", file, strerror(errno));
        shadow_close(s);
        return NULL;
    }
    struct stat sb;
    bool fresh = !fstat(s->fd, &sb) && sb.st_size == 0;
    if (fresh ? !create(s) : !load(s, file, err, errsize)) {
        if (fresh) snprintf(err, errsize, "cannot write shadow file %s: %s", file, strerror(errno));
        shadow_close(s);
        return NULL;
    }
    return s;
}

bool shadow_read(struct shadow *s, unsigned trk, uint8_t *t, bool *found)
{
    *found = trk < s->ntracks && s->index[trk];
    if (!*found) return true;
    return pread(s->fd, t, s->trksize, (off_t)s->index[trk]) == (ssize_t)s->trksize;
}

bool shadow_write(struct shadow *s, unsigned trk, const uint8_t *t)
{
    if (trk >= s->ntracks) return false;
    if (s->index[trk]) return pwrite(s->fd, t, s->trksize, (off_t)s->index[trk]) == (ssize_t)s->trksize;
    off_t at = s->end;
    uint8_t e[8];
    put_be(e, (uint64_t)at, 8);
    if (pwrite(s->fd, t, s->trksize, at) != (ssize_t)s->trksize ||
        pwrite(s->fd, e, 8, SHDW_HDR + (off_t)trk * 8) != 8)
        return false;
    s->index[trk] = (uint64_t)at;
    s->end = at + s->trksize;
    s->used++;
    return true;
}

unsigned shadow_tracks(const struct shadow *s) { return s->used; }

void shadow_close(struct shadow *s)
{
    if (!s) return;
    if (s->fd >= 0) {
        fsync(s->fd);
        close(s->fd);
    }
    free(s->index);
    free(s);
}
