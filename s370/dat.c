/*
 * dat.c - dynamic address translation (PoO chapter 3, "Dynamic Address
 * Translation"): 2K or 4K pages, 64K or 1M segments, one segment table
 * designated by CR1, 24-bit virtual addresses.
 *
 * CR0 bits 8-9 page size (01 2K, 10 4K), bits 11-12 segment size (00 64K,
 * 10 1M). CR1: bits 0-7 segment table length in units of 16 entries,
 * bits 8-25 segment table origin (64-byte aligned).
 * Segment table entry: bits 0-3 page table length (units of 1/16 of a
 * full page table), bits 8-28 page table origin (8-byte aligned), bit 31
 * invalid. Page table entry (halfword): 4K pages bits 0-11 frame, bit 12
 * invalid, bits 13-14 must be zero; 2K pages bits 0-12 frame, bit 13
 * invalid, bit 14 must be zero.
 * Table entries are fetched with real addresses (prefixing applies) and
 * without key checking.
 */
#include "cpu.h"

enum dat_result { DAT_OK, DAT_SEGMENT, DAT_PAGE, DAT_SPEC, DAT_ADDRESSING };

struct dat_format {
    unsigned page_shift;   /* 11 or 12 */
    unsigned seg_shift;    /* 16 or 20 */
};

static bool dat_format(const struct cpu *c, struct dat_format *f)
{
    unsigned ps = (c->cr[0] >> 22) & 3;   /* bits 8-9 */
    unsigned ss = (c->cr[0] >> 19) & 3;   /* bits 11-12 */
    if (ps == 1) f->page_shift = 11;
    else if (ps == 2) f->page_shift = 12;
    else return false;
    if (ss == 0) f->seg_shift = 16;
    else if (ss == 2) f->seg_shift = 20;
    else return false;
    return true;
}

static enum dat_result walk(struct cpu *c, uint32_t va, uint32_t *real)
{
    struct dat_format f;
    if (!dat_format(c, &f)) return DAT_SPEC;
    va &= AMASK;

    uint32_t sx = va >> f.seg_shift;
    uint32_t stl = c->cr[1] >> 24;
    uint32_t sto = c->cr[1] & 0x00FFFFC0u;
    /* Bits 8-11 of the address (the leftmost segment-index bits) beyond the
       table length: the STL counts 64-byte units, i.e. megabytes of space. */
    if ((va >> 20) > stl) return DAT_SEGMENT;
    uint32_t ste_addr = prefix_real(c, (sto + sx * 4) & AMASK);
    if (ste_addr + 4 > c->memsize) return DAT_ADDRESSING;
    uint32_t ste = be32(c->mem + ste_addr);
    if (ste & 1) return DAT_SEGMENT;

    unsigned pbits = f.seg_shift - f.page_shift;
    uint32_t px = (va >> f.page_shift) & ((1u << pbits) - 1);
    uint32_t ptl = ste >> 28;
    if ((px >> (pbits - 4)) > ptl) return DAT_PAGE;
    uint32_t pto = ste & 0x00FFFFF8u;
    uint32_t pte_addr = prefix_real(c, (pto + px * 2) & AMASK);
    if (pte_addr + 2 > c->memsize) return DAT_ADDRESSING;
    uint16_t pte = be16(c->mem + pte_addr);
    uint32_t frame;
    if (f.page_shift == 12) {
        if (pte & 0x0008) return DAT_PAGE;
        if (pte & 0x0006) return DAT_SPEC;
        frame = (uint32_t)(pte & 0xFFF0) << 8;
    } else {
        if (pte & 0x0004) return DAT_PAGE;
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
    case DAT_OK: return real;
    case DAT_SEGMENT: c->trans_addr = va; cpu_program_check(c, PGM_SEGMENT_TRANSLATION);
    case DAT_PAGE: c->trans_addr = va; cpu_program_check(c, PGM_PAGE_TRANSLATION);
    case DAT_SPEC: cpu_program_check(c, PGM_TRANSLATION_SPEC);
    case DAT_ADDRESSING: cpu_program_check(c, PGM_ADDRESSING);
    }
    return real;
}

/* LOAD REAL ADDRESS: cc 0 translated, 1 segment-table entry invalid or
   beyond the table, 2 page-table entry invalid or beyond the table.
   Translation specification and addressing exceptions still interrupt. */
int dat_lra(struct cpu *c, uint32_t va, uint32_t *real)
{
    switch (walk(c, va, real)) {
    case DAT_OK: return 0;
    case DAT_SEGMENT: return 1;
    case DAT_PAGE: return 2;
    case DAT_SPEC: cpu_program_check(c, PGM_TRANSLATION_SPEC);
    case DAT_ADDRESSING: cpu_program_check(c, PGM_ADDRESSING);
    }
    return 3;
}
