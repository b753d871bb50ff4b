/*
 * cckd.h - track sources for CKD volumes besides the plain image file:
 * Hercules' compressed images (cckd.c, read only) and shadow files
 * (shadow.c), where the writes to a volume go when its base image must
 * stay unchanged.
 */
#ifndef S370_CCKD_H
#define S370_CCKD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cckd;
/* fd is an image whose device header says CKD_C370 (the caller keeps it). */
struct cckd *cckd_open(int fd, char *err, size_t errsize);
unsigned cckd_cyls(const struct cckd *z);
unsigned cckd_tracks(const struct cckd *z);   /* tracks its lookup tables can hold */
/* Track trk (at cyl, head) as a full uncompressed image of size bytes. */
bool cckd_read_track(struct cckd *z, unsigned trk, unsigned cyl, unsigned head, uint8_t *t, unsigned size);
/* Write track trk from its full image (the fd must be open for writing). */
bool cckd_write_track(struct cckd *z, unsigned trk, const uint8_t *t, unsigned size);
void cckd_close(struct cckd *z);

struct shadow;
/* Open or create the shadow file of a volume of ntracks tracks of trksize
   bytes; an existing one must have been made for the same geometry. */
struct shadow *shadow_open(const char *file, unsigned trksize, unsigned ntracks, char *err, size_t errsize);
/* The track's image if the shadow has it (else false: read the base). */
bool shadow_read(struct shadow *s, unsigned trk, uint8_t *t, bool *found);
bool shadow_write(struct shadow *s, unsigned trk, const uint8_t *t);
unsigned shadow_tracks(const struct shadow *s);   /* tracks written to it */
void shadow_close(struct shadow *s);

#endif
