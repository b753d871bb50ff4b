/*
 * dat.c - dynamic address translation (PoO chapter 3, "Dynamic Address
 * Translation"): 2K or 4K pages, 64K or 1M segments, one segment table
 * designated by CR1, 24-bit virtual addresses.
 *
 * CR0 bits 8-12 give the translation format: 01000 2K pages and 64K
 * segments, 01010 2K/1M, 10000 4K/64K, 10010 4K/1M; anything else is a
 * translation-specification exception.
 * CR1: bits 0-7 segment table length (STL) in units of 16 entries, less
 * one; bits 8-25 segment table origin (64-byte aligned). Only with 64K
 * segments can the segment index (8 bits) exceed the table: its leftmost
 * four bits (address bits 8-11) are compared with the STL. A 1M-segment
 * index has 4 bits and always lies within the first unit.
 * Segment table entry: bits 0-3 page table length (PTL, units of 1/16 of
 * a full page table, less one), bits 4-7 zero, bits 8-28 page table
 * origin (8-byte aligned), bits 29-30 zero, bit 31 invalid. The PTL is
 * compared with the leftmost four bits of the page index.
 * Page table entry (halfword): 4K pages bits 0-11 frame, bit 12 invalid,
 * bits 13-14 zero; 2K pages bits 0-12 frame, bit 13 invalid, bit 14 zero.
 * The zero bits of a valid entry are checked (translation specification).
 * Table entries are fetched at real addresses (prefixing applies), without
 * key checking; a table outside storage is an addressing exception.
 */
#include "cpu.h"

enum dat_result {
    DAT_OK, DAT_SEG_LENGTH, DAT_SEG_INVALID, DAT_PAGE_LENGTH, DAT_PAGE_INVALID,
    DAT_SPEC, DAT_ADDRESSING,
};

struct dat_format {
    unsigned page_shift;   /* 11 or 12 */
    unsigned seg_shift;    /* 16 or 20 */
};

static bool dat_format(const struct cpu *c, struct dat_format *f)
{
    switch ((c->cr[0] >> 19) & 0x1F) {   /* bits 8-12 */
    case 0x08: f->page_shift = 11; f->seg_shift = 16; return true;
    case 0x0A: f->page_shift = 11; f->seg_shift = 20; return true;
    case 0x10: f->page_shift = 12; f->seg_shift = 16; return true;
    case 0x12: f->page_shift = 12; f->seg_shift = 20; return true;
    default: return false;
    }
}

/* Translate va with CR0 and CR1. *real gets the real address, or for a
   length violation or an invalid entry the real address of the table
   entry concerned (what LRA reports). */
static enum dat_result walk(struct cpu *c, uint32_t va, uint32_t *real)
{
    struct dat_format f;
    if (!dat_format(c, &f)) return DAT_SPEC;
    va &= AMASK;

    uint32_t sx = va >> f.seg_shift;
    uint32_t ste_ra = ((c->cr[1] & 0x00FFFFC0u) + sx * 4) & AMASK;
    *real = ste_ra;
    if (f.seg_shift == 16 && (va >> 20) > (c->cr[1] >> 24)) return DAT_SEG_LENGTH;
    uint32_t ste_aa = prefix_real(c, ste_ra);
    if (ste_aa + 4 > c->memsize) return DAT_ADDRESSING;
    uint32_t ste = be32(c->mem + ste_aa);
    if (ste & 1) return DAT_SEG_INVALID;
    if (ste & 0x0F000006u) return DAT_SPEC;

    unsigned pbits = f.seg_shift - f.page_shift;
    uint32_t px = (va >> f.page_shift) & ((1u << pbits) - 1);
    uint32_t pte_ra = ((ste & 0x00FFFFF8u) + px * 2) & AMASK;
    *real = pte_ra;
    if ((px >> (pbits - 4)) > (ste >> 28)) return DAT_PAGE_LENGTH;
    uint32_t pte_aa = prefix_real(c, pte_ra);
    if (pte_aa + 2 > c->memsize) return DAT_ADDRESSING;
    uint16_t pte = be16(c->mem + pte_aa);
    uint32_t frame;
    if (f.page_shift == 12) {
        if (pte & 0x0008) return DAT_PAGE_INVALID;
        if (pte & 0x0006) return DAT_SPEC;
        frame = (uint32_t)(pte & 0xFFF0) << 8;
    } else {
        if (pte & 0x0004) return DAT_PAGE_INVALID;
        if (pte & 0x0002) return DAT_SPEC;
        frame = (uint32_t)(pte & 0xFFF8) << 8;
    }
    *real = frame | (va & ((1u << f.page_shift) - 1));
    return DAT_OK;
}

uint32_t dat_translate(struct cpu *c, uint32_t va)
{
    uint32_t real = 0;
    switch (walk(c, va, &real)) {
    case DAT_OK:
        return real;
    case DAT_SEG_LENGTH:
    case DAT_SEG_INVALID:
        c->trans_addr = va;
        cpu_program_check(c, PGM_SEGMENT_TRANSLATION);
    case DAT_PAGE_LENGTH:
    case DAT_PAGE_INVALID:
        c->trans_addr = va;
        cpu_program_check(c, PGM_PAGE_TRANSLATION);
    case DAT_SPEC:
        cpu_program_check(c, PGM_TRANSLATION_SPEC);
    case DAT_ADDRESSING:
        cpu_program_check(c, PGM_ADDRESSING);
    }
    return real;
}

/* LOAD REAL ADDRESS (PoO chapter 3, "Recognition of Exceptions during
   Translation"): cc 0 translated; cc 1 segment-table entry invalid; cc 2
   page-table entry invalid; cc 3 segment- or page-table length violation.
   For cc 1-3 *real is the real address of the table entry concerned (the
   invalid entry, or the one beyond the table). The PoO text we could check
   does not spell R1 out for cc 1-3; this is what Hercules does in S/370
   mode. Translation specification and addressing exceptions interrupt. */
int dat_lra(struct cpu *c, uint32_t va, uint32_t *real)
{
    switch (walk(c, va, real)) {
    case DAT_OK: return 0;
    case DAT_SEG_INVALID: return 1;
    case DAT_PAGE_INVALID: return 2;
    case DAT_SEG_LENGTH:
    case DAT_PAGE_LENGTH: return 3;
    case DAT_SPEC: cpu_program_check(c, PGM_TRANSLATION_SPEC);
    case DAT_ADDRESSING: cpu_program_check(c, PGM_ADDRESSING);
    }
    return 3;
}

unsigned dat_peek(struct cpu *c, uint32_t va, uint32_t *real)
{
    switch (walk(c, va, real)) {
    case DAT_OK: return 0;
    case DAT_SEG_LENGTH:
    case DAT_SEG_INVALID: return PGM_SEGMENT_TRANSLATION;
    case DAT_PAGE_LENGTH:
    case DAT_PAGE_INVALID: return PGM_PAGE_TRANSLATION;
    case DAT_SPEC: return PGM_TRANSLATION_SPEC;
    case DAT_ADDRESSING: return PGM_ADDRESSING;
    }
    return PGM_ADDRESSING;
}
