/*
 * shadow.c - DASD shadow files (the sf= argument), in Hercules' own format
 * so that they move between Hercules and this machine: every track written
 * to the volume goes to the shadow file, and the base image is never
 * changed, so distribution volumes stay pristine. The shadow persists:
 * mounting the same base with the same sf= again sees the writes.
 *
 * A Hercules shadow file is a compressed CKD file (cckd.c) whose device
 * header says "CKD_S370"; a level 1 entry or a level 2 entry of X'FFFFFFFF'
 * means "not in this file": the track is read from the file below (the
 * next lower shadow file, at last the base image). As in Hercules, the
 * name may hold a '*' for the file number, 1 to 8: the existing files are
 * stacked in order, and writes go to the highest; with none, file 1 is
 * created, empty (Hercules makes one with its sf+ command).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cckd.h"

#define MAX_SHADOWS 8

struct shadow {
    int n;
    struct { int fd; struct cckd *z; char *name; } f[MAX_SHADOWS];
};

static char *file_name(const char *pattern, int number)
{
    const char *star = strchr(pattern, '*');
    size_t len = strlen(pattern) + 4;
    char *s = malloc(len);
    if (!s) return NULL;
    if (star) snprintf(s, len, "%.*s%d%s", (int)(star - pattern), pattern, number, star + 1);
    else snprintf(s, len, "%s", pattern);
    return s;
}

/* Open one shadow file and check that it belongs to this volume. */
static bool open_one(struct shadow *s, char *name, const uint8_t devhdr[512], unsigned cyls, char *err,
                     size_t errsize)
{
    uint8_t h[512];
    int fd = open(name, O_RDWR);
    if (fd < 0) {
        snprintf(err, errsize, "cannot open shadow file %s: %s", name, strerror(errno));
        free(name);
        return false;
    }
    struct cckd *z = NULL;
    if (pread(fd, h, sizeof h, 0) != (ssize_t)sizeof h || memcmp(h, "CKD_S370", 8))
        snprintf(err, errsize, "%s is not a shadow file (no CKD_S370 header)", name);
    else if (memcmp(h + 8, devhdr + 8, 9))
        snprintf(err, errsize, "shadow file %s was made for another volume (other geometry or device type)", name);
    else if ((z = cckd_open(fd, err, errsize)) && cckd_cyls(z) != cyls) {
        snprintf(err, errsize, "shadow file %s was made for a volume of %u cylinders, not %u", name,
                 cckd_cyls(z), cyls);
        cckd_close(z);
        z = NULL;
    }
    if (!z) {
        close(fd);
        free(name);
        return false;
    }
    s->f[s->n].fd = fd;
    s->f[s->n].z = z;
    s->f[s->n++].name = name;
    return true;
}

struct shadow *shadow_open(const char *pattern, const uint8_t devhdr[512], unsigned cyls, unsigned heads,
                           char *err, size_t errsize)
{
    struct shadow *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    int last = strchr(pattern, '*') ? MAX_SHADOWS : 1;
    for (int i = 1; i <= last; i++) {
        char *name = file_name(pattern, i);
        if (!name) break;
        if (access(name, F_OK)) {
            free(name);
            break;
        }
        if (!open_one(s, name, devhdr, cyls, err, errsize)) {
            shadow_close(s);
            return NULL;
        }
    }
    if (s->n == 0) {
        char *name = file_name(pattern, 1);
        if (!name || !cckd_create_shadow(name, devhdr, cyls, heads, err, errsize)) {
            free(name);
            shadow_close(s);
            return NULL;
        }
        if (!open_one(s, name, devhdr, cyls, err, errsize)) {   /* it frees name */
            shadow_close(s);
            return NULL;
        }
    }
    return s;
}

int shadow_read(struct shadow *s, unsigned trk, unsigned cyl, unsigned head, uint8_t *t, unsigned size)
{
    for (int i = s->n - 1; i >= 0; i--) {
        int r = cckd_read_track(s->f[i].z, trk, cyl, head, t, size);
        if (r) return r;
    }
    return 0;
}

bool shadow_write(struct shadow *s, unsigned trk, const uint8_t *t, unsigned size)
{
    return cckd_write_track(s->f[s->n - 1].z, trk, t, size);
}

const char *shadow_name(const struct shadow *s) { return s->f[s->n - 1].name; }

void shadow_close(struct shadow *s)
{
    if (!s) return;
    for (int i = 0; i < s->n; i++) {
        cckd_close(s->f[i].z);
        fsync(s->f[i].fd);
        close(s->f[i].fd);
        free(s->f[i].name);
    }
    free(s);
}
