/*
 * cckd.h - track sources for CKD volumes besides the plain image file:
 * Hercules' compressed images (cckd.c, read only) and shadow files
 * (shadow.c, in the same format), where the writes to a volume go when its
 * base image must stay unchanged.
 */
#ifndef S370_CCKD_H
#define S370_CCKD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cckd;
/* fd is a compressed image ("CKD_C370") or a shadow file ("CKD_S370");
   the caller keeps the descriptor. */
struct cckd *cckd_open(int fd, char *err, size_t errsize);
unsigned cckd_cyls(const struct cckd *z);
unsigned cckd_tracks(const struct cckd *z);   /* tracks its lookup tables can hold */
/* Track trk (at cyl, head) as a full uncompressed image of size bytes:
   1 read, 0 a shadow file does not hold it (read the file below), -1 error. */
int cckd_read_track(struct cckd *z, unsigned trk, unsigned cyl, unsigned head, uint8_t *t, unsigned size);
/* Write track trk from its full image (the fd must be open for writing). */
bool cckd_write_track(struct cckd *z, unsigned trk, const uint8_t *t, unsigned size);
void cckd_close(struct cckd *z);
/* Create an empty Hercules shadow file for the volume whose device header
   (the image's first 512 bytes) is devhdr. */
bool cckd_create_shadow(const char *file, const uint8_t devhdr[512], unsigned cyls, unsigned heads, char *err,
                        size_t errsize);

struct shadow;
/* The shadow files of a volume, as Hercules keeps them (sf=NAME, a '*' in
   NAME standing for the numbers 1 to 8): the existing ones are opened,
   the highest number on top; with none, NAME with 1 is created. */
struct shadow *shadow_open(const char *name, const uint8_t devhdr[512], unsigned cyls, unsigned heads,
                           char *err, size_t errsize);
/* The track from the highest shadow file that holds it: 1, 0 (none
   does: read the base image), -1 error. */
int shadow_read(struct shadow *s, unsigned trk, unsigned cyl, unsigned head, uint8_t *t, unsigned size);
bool shadow_write(struct shadow *s, unsigned trk, const uint8_t *t, unsigned size);   /* to the top file */
const char *shadow_name(const struct shadow *s);   /* the top file */
void shadow_close(struct shadow *s);

#endif
