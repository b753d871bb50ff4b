/*
 * ebcdic.h - EBCDIC code page 037 (US/Canada) <-> ISO 8859-1, the code page of
 * C-type constants in asm370 and of text that devices and CP/CMS exchange
 * with the host. Both tables are a bijection on the 256 byte values.
 */
#ifndef EBCDIC_H
#define EBCDIC_H
#include <stddef.h>
#include <stdint.h>

extern const uint8_t ebcdic_from_latin1[256];
extern const uint8_t ebcdic_to_latin1[256];

static inline uint8_t ebcdic_enc(unsigned char c) { return ebcdic_from_latin1[c]; }
static inline unsigned char ebcdic_dec(uint8_t e) { return ebcdic_to_latin1[e]; }

/* Convert len bytes between buffers. */
void ebcdic_from_text(uint8_t *dst, const char *src, size_t len);
void ebcdic_to_text(char *dst, const uint8_t *src, size_t len);

#endif
