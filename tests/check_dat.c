/*
 * Dynamic address translation (PoO chapter 3): the four translation
 * formats, translation exceptions and their nullification, LRA, and the
 * translation cache purges (PTLB, LCTL of CR1).
 *
 * Layout in the 64K test machine: segment table at X'8000', the page
 * table of segment 0 at X'9000' (up to 512 entries), programs at X'1000'.
 * Segment 0 maps the first 64K one to one; every other segment is invalid.
 */
#include "harness.h"

#define STO 0x8000u
#define PTO 0x9000u

struct fmt {
    const char *name;
    unsigned page_shift, seg_shift;
    uint32_t cr0;   /* bits 8-12: 01000 2K/64K, 01010 2K/1M, 10000 4K/64K, 10010 4K/1M */
};
static const struct fmt fmts[4] = {
    { "2K pages, 64K segments", 11, 16, 0x08u << 19 },
    { "2K pages, 1M segments", 11, 20, 0x0Au << 19 },
    { "4K pages, 64K segments", 12, 16, 0x10u << 19 },
    { "4K pages, 1M segments", 12, 20, 0x12u << 19 },
};

/* Page-table entry for a frame: 4K frame bits in PTE bits 0-11, 2K in 0-12. */
static uint16_t pte_for(const struct fmt *f, uint32_t real)
{
    return (uint16_t)((real >> 8) & (f->page_shift == 12 ? 0xFFF0 : 0xFFF8));
}
static uint16_t pte_invalid(const struct fmt *f) { return f->page_shift == 12 ? 0x0008 : 0x0004; }

static void set_pte(struct cpu *c, const struct fmt *f, uint32_t va, uint16_t pte)
{
    put16(c->mem + PTO + 2 * (va >> f->page_shift), pte);
}

static void map(struct cpu *c, const struct fmt *f, uint32_t va, uint32_t real)
{
    set_pte(c, f, va, pte_for(f, real));
}

/* Identity map of the first 64K through segment 0; CR0 and CR1 loaded. */
static void build(struct cpu *c, const struct fmt *f)
{
    unsigned nseg = 1u << (24 - f->seg_shift), npte = 1u << (f->seg_shift - f->page_shift);
    for (unsigned i = 0; i < nseg; i++) t_set4(c, STO + 4 * i, 0x00000001);
    t_set4(c, STO, 0xF0000000u | PTO);   /* PTL 15: a full page table */
    for (unsigned i = 0; i < npte; i++) {
        uint32_t va = i << f->page_shift;
        put16(c->mem + PTO + 2 * i, va < 0x10000 ? pte_for(f, va) : pte_invalid(f));
    }
    c->cr[0] = f->cr0;
    c->cr[1] = (nseg / 16 - 1) << 24 | STO;
}

/* Run hex at virtual X'1000' with DAT on (EC, key 0, supervisor). */
static unsigned run_dat(struct cpu *c, const char *hex)
{
    t_put(c, T_ORG, hex);
    unsigned len = 0;
    for (const char *p = hex; *p; p++) len += *p != ' ';
    t_put(c, T_ORG + len / 2, "0000");
    t_psw(c, "04080000 00001000");
    return t_go(c);
}

static uint16_t get2(struct cpu *c, uint32_t a) { return be16(c->mem + a); }

/* ---------------------------------------------------------------------- */

/* Operand and instruction addresses both go through the tables: the
   program runs from real X'D000' at virtual X'1000', and STAP to virtual
   X'5010' lands in the frame at real X'C000'. */
START_TEST(translation_relocates_fetch_and_store)
{
    const struct fmt *f = &fmts[_i];
    struct cpu *c = t_cpu();
    build(c, f);
    c->cpuaddr = 0xABCD;
    c->gr[5] = 0x5000;
    map(c, f, 0x1000, 0xD000);
    map(c, f, 0x5000, 0xC000);
    t_put(c, 0xD000, "B212 5010 0000");
    t_psw(c, "04080000 00001000");
    ck_assert_msg(t_go(c) == PGM_OPERATION, "%s", f->name);
    ck_assert_uint_eq(t_pgm_ia(c), 0x1006);
    ck_assert_uint_eq(get2(c, 0xC010), 0xABCD);
    ck_assert_uint_eq(get2(c, 0x5010), 0);
    /* reference and change bits go to the real frame */
    ck_assert_uint_eq(c->keys[0xC000 >> 11] & 0x06, 0x06);
    ck_assert_uint_eq(c->keys[0x5000 >> 11] & 0x06, 0);
    cpu_free(c);
}
END_TEST

/* A segment-translation exception nullifies: the old PSW points at the
   instruction, X'90' holds the virtual address (the byte-index bits are
   unpredictable, so only the page part is checked). */
START_TEST(segment_exception_nullifies)
{
    const struct fmt *f = &fmts[_i];
    struct cpu *c = t_cpu();
    build(c, f);
    c->gr[5] = 0x300000;
    ck_assert_uint_eq(run_dat(c, "B20D 0000 B212 5234"), PGM_SEGMENT_TRANSLATION);
    ck_assert_uint_eq(t_pgm_ia(c), 0x1004);
    ck_assert_uint_eq(c->mem[PSA_PGM_ILC], 4);
    ck_assert_uint_eq(t_get4(c, PSA_TRANS_ADDR) & ~0xFFFu, 0x00300000);
    cpu_free(c);
}
END_TEST

START_TEST(page_exception_nullifies)
{
    const struct fmt *f = &fmts[_i];
    struct cpu *c = t_cpu();
    build(c, f);
    set_pte(c, f, 0x6000, pte_invalid(f));
    c->gr[5] = 0x6000;
    ck_assert_uint_eq(run_dat(c, "B20D 0000 B212 5010"), PGM_PAGE_TRANSLATION);
    ck_assert_uint_eq(t_pgm_ia(c), 0x1004);
    ck_assert_uint_eq(t_get4(c, PSA_TRANS_ADDR) >> f->page_shift, 0x6000u >> f->page_shift);
    ck_assert_uint_eq(get2(c, 0x6010), 0);
    cpu_free(c);
}
END_TEST

/* An instruction fetched from an invalid page: the old PSW points at it. */
START_TEST(page_exception_on_instruction_fetch)
{
    const struct fmt *f = &fmts[_i];
    struct cpu *c = t_cpu();
    build(c, f);
    set_pte(c, f, 0x6000, pte_invalid(f));
    t_psw(c, "04080000 00006000");
    ck_assert_uint_eq(t_go(c), PGM_PAGE_TRANSLATION);
    ck_assert_uint_eq(t_pgm_ia(c), 0x6000);
    ck_assert_uint_eq(t_get4(c, PSA_TRANS_ADDR) >> f->page_shift, 0x6000u >> f->page_shift);
    cpu_free(c);
}
END_TEST

/* Page-table length: PTL 1 covers 2/16 of a full table (8K with 64K
   segments, 128K with 1M segments); the next unit is outside. */
START_TEST(page_table_length_violation)
{
    const struct fmt *f = &fmts[_i];
    struct cpu *c = t_cpu();
    build(c, f);
    t_set4(c, STO, 0x10000000u | PTO);
    uint32_t unit = 1u << (f->seg_shift - 4);
    c->gr[5] = 2 * unit;
    set_pte(c, f, 2 * unit, pte_for(f, 0xC000));   /* valid, but outside the length */
    ck_assert_uint_eq(run_dat(c, "B212 5000"), PGM_PAGE_TRANSLATION);
    ck_assert_uint_eq(t_pgm_ia(c), 0x1000);
    cpu_free(c);
}
END_TEST

/* Segment-table length: only 64K segments have more than 16 entries; with
   STL 0 the table ends at 1M. */
START_TEST(segment_table_length_violation)
{
    struct cpu *c = t_cpu();
    build(c, &fmts[2]);
    c->cr[1] = STO;   /* STL 0 */
    t_set4(c, STO + 4 * 0x10, 0xF0000000u | PTO);   /* entry 16: valid but beyond */
    c->gr[5] = 0x100000;
    ck_assert_uint_eq(run_dat(c, "B212 5000"), PGM_SEGMENT_TRANSLATION);
    ck_assert_uint_eq(t_get4(c, PSA_TRANS_ADDR) & ~0xFFFu, 0x100000);
    cpu_free(c);
}
END_TEST

/* Translation specification (PoO chapter 6): CR0 bits 8-12 not one of the
   four codes; a valid segment-table entry with ones in bits 4-7 or 29-30;
   a valid page-table entry with a one in bit 14 (2K) or 13-14 (4K). */
START_TEST(bad_cr0_format_is_translation_specification)
{
    static const uint32_t bad[] = { 0, 0x00C00000, 0x00A00000, 0x00880000, 0x00600000, 0x00200000 };
    struct cpu *c = t_cpu();
    build(c, &fmts[2]);
    c->cr[0] = bad[_i];
    c->gr[5] = 0x2000;
    ck_assert_uint_eq(t_run(c, "B115 0000"), PGM_TRANSLATION_SPEC);   /* LRA, DAT off */
    ck_assert_uint_eq(t_pgm_ia(c), T_ORG + 4);
    cpu_free(c);
}
END_TEST

START_TEST(bad_table_entry_is_translation_specification)
{
    static const struct { unsigned fmt; uint32_t ste_bits; uint16_t pte_bits; } bad[] = {
        { 2, 0x01000000, 0 }, { 2, 0x08000000, 0 }, { 2, 0x00000002, 0 }, { 2, 0x00000004, 0 },
        { 2, 0, 0x0002 }, { 2, 0, 0x0004 }, { 0, 0, 0x0002 },
    };
    const struct fmt *f = &fmts[bad[_i].fmt];
    struct cpu *c = t_cpu();
    build(c, f);
    t_set4(c, STO, t_get4(c, STO) | bad[_i].ste_bits);
    set_pte(c, f, 0x5000, pte_for(f, 0x5000) | bad[_i].pte_bits);
    c->gr[5] = 0x5000;
    ck_assert_uint_eq(t_run(c, "B115 0000"), PGM_TRANSLATION_SPEC);
    cpu_free(c);
}
END_TEST

/* Zero bits are checked only in a valid entry: an invalid PTE with bit 14
   on is simply invalid. */
START_TEST(invalid_entry_format_not_checked)
{
    const struct fmt *f = &fmts[2];
    struct cpu *c = t_cpu();
    build(c, f);
    set_pte(c, f, 0x5000, 0x000E);
    c->gr[5] = 0x5000;
    t_run(c, "B115 0000");
    ck_assert_uint_eq((c->mem[PSA_PGM_OLD + 4] >> 4) & 3, 2);
    cpu_free(c);
}
END_TEST

/* ---------------------------------------------------------------------- */
/* LOAD REAL ADDRESS, run with DAT off in the BC mode (it translates with
   CR0 and CR1 all the same). */

static unsigned lra(struct cpu *c, uint32_t va)
{
    c->gr[5] = va;
    c->gr[1] = 0xFFFFFFFF;
    ck_assert_uint_eq(t_run(c, "B115 0000"), PGM_OPERATION);
    return (c->mem[PSA_PGM_OLD + 4] >> 4) & 3;
}

START_TEST(lra_translates)
{
    const struct fmt *f = &fmts[_i];
    struct cpu *c = t_cpu();
    build(c, f);
    map(c, f, 0x5000, 0xC000);
    ck_assert_uint_eq(lra(c, 0x5123), 0);
    ck_assert_uint_eq(c->gr[1], 0x0000C123);
    ck_assert_uint_eq(lra(c, 0xFFFF), 0);
    ck_assert_uint_eq(c->gr[1], 0x0000FFFF);
    cpu_free(c);
}
END_TEST

START_TEST(lra_invalid_segment_cc1)
{
    const struct fmt *f = &fmts[_i];
    struct cpu *c = t_cpu();
    build(c, f);
    ck_assert_uint_eq(lra(c, 0x300000), 1);
    /* R1: the real address of the segment-table entry */
    ck_assert_uint_eq(c->gr[1], STO + 4 * (0x300000u >> f->seg_shift));
    cpu_free(c);
}
END_TEST

START_TEST(lra_invalid_page_cc2)
{
    const struct fmt *f = &fmts[_i];
    struct cpu *c = t_cpu();
    build(c, f);
    set_pte(c, f, 0x6000, pte_invalid(f));
    ck_assert_uint_eq(lra(c, 0x6000), 2);
    ck_assert_uint_eq(c->gr[1], PTO + 2 * (0x6000u >> f->page_shift));   /* the PTE */
    cpu_free(c);
}
END_TEST

START_TEST(lra_page_length_cc3)
{
    const struct fmt *f = &fmts[_i];
    struct cpu *c = t_cpu();
    build(c, f);
    t_set4(c, STO, 0x10000000u | PTO);   /* PTL 1 */
    uint32_t unit = 1u << (f->seg_shift - 4);
    ck_assert_uint_eq(lra(c, 2 * unit), 3);
    ck_assert_uint_eq(lra(c, 2 * unit - 1), f->seg_shift == 16 ? 0 : 2);
    cpu_free(c);
}
END_TEST

START_TEST(lra_segment_length_cc3)
{
    struct cpu *c = t_cpu();
    build(c, &fmts[0]);
    c->cr[1] = 0x01000000 | STO;   /* STL 1: 32 entries, 2M */
    ck_assert_uint_eq(lra(c, 0x200000), 3);
    ck_assert_uint_eq(lra(c, 0x1F0000), 1);   /* within, but invalid */
    /* 1M segments have no length check: entry 15 of 16 is just invalid */
    build(c, &fmts[3]);
    c->cr[1] = STO;
    ck_assert_uint_eq(lra(c, 0xF00000), 1);
    cpu_free(c);
}
END_TEST

START_TEST(lra_table_beyond_storage_is_addressing)
{
    struct cpu *c = t_cpu();
    build(c, &fmts[2]);
    c->cr[1] = 0x0F000000 | 0x20000;   /* segment table beyond 64K */
    c->gr[5] = 0x5000;
    ck_assert_uint_eq(t_run(c, "B115 0000"), PGM_ADDRESSING);
    ck_assert_uint_eq(t_pgm_ia(c), T_ORG + 4);
    cpu_free(c);
}
END_TEST

/* The table entries are real addresses: prefixing applies to them. */
START_TEST(tables_are_fetched_with_prefixing)
{
    const struct fmt *f = &fmts[2];
    struct cpu *c = t_cpu();
    build(c, f);
    /* segment table at real 0 (absolute X'4000' under prefix X'4000') */
    t_set4(c, 0x4000, 0xF0000000u | PTO);
    c->cr[1] = 0x0F000000;   /* STL 15, origin 0 */
    c->prefix = 0x4000;
    cpu_tlb_flush(c);
    t_put(c, 0x4000 + PSA_PGM_NEW, "00020000 00000EEE");
    map(c, f, 0x5000, 0xC000);
    t_put(c, T_ORG, "B115 0000 0000");
    c->gr[5] = 0x5010;
    t_psw(c, "00000000 00001000");
    cpu_run(c);
    ck_assert_uint_eq(c->gr[1], 0xC010);
    cpu_free(c);
}
END_TEST

/* ---------------------------------------------------------------------- */
/* Purging the translation cache. */

START_TEST(ptlb_makes_new_table_entries_visible)
{
    const struct fmt *f = &fmts[_i];
    struct cpu *c = t_cpu();
    build(c, f);
    c->cpuaddr = 0x1111;
    c->gr[5] = 0x5000;
    map(c, f, 0x5000, 0xC000);
    ck_assert_uint_eq(run_dat(c, "B212 5000"), PGM_OPERATION);
    ck_assert_uint_eq(get2(c, 0xC000), 0x1111);
    map(c, f, 0x5000, 0xE000);   /* the program changes the entry, then purges */
    c->cpuaddr = 0x2222;
    ck_assert_uint_eq(run_dat(c, "B20D 0000 B212 5000"), PGM_OPERATION);
    ck_assert_uint_eq(get2(c, 0xE000), 0x2222);
    ck_assert_uint_eq(get2(c, 0xC000), 0x1111);
    cpu_free(c);
}
END_TEST

START_TEST(lctl_cr1_switches_segment_table)
{
    const struct fmt *f = &fmts[2];
    struct cpu *c = t_cpu();
    build(c, f);
    c->cpuaddr = 0x3333;
    c->gr[5] = 0x5000;
    map(c, f, 0x5000, 0xC000);
    ck_assert_uint_eq(run_dat(c, "B212 5000"), PGM_OPERATION);
    ck_assert_uint_eq(get2(c, 0xC000), 0x3333);
    /* a second segment table at X'A000' whose segment 0 uses the page
       table at X'B000': a copy with X'5000' moved to X'E000' */
    memcpy(c->mem + 0xB000, c->mem + PTO, 32);
    put16(c->mem + 0xB000 + 2 * 5, pte_for(f, 0xE000));
    for (unsigned i = 0; i < 256; i++) t_set4(c, 0xA000 + 4 * i, 1);
    t_set4(c, 0xA000, 0xF000B000);
    t_set4(c, 0x0800, 0x0F00A000);
    c->cpuaddr = 0x4444;
    ck_assert_uint_eq(run_dat(c, "B711 0800 B212 5000"), PGM_OPERATION);
    ck_assert_uint_eq(get2(c, 0xE000), 0x4444);
    ck_assert_uint_eq(get2(c, 0xC000), 0x3333);
    cpu_free(c);
}
END_TEST

/* Switching DAT off and on needs no purge, and real accesses with DAT off
   never use translated entries. */
START_TEST(dat_off_accesses_are_real)
{
    const struct fmt *f = &fmts[2];
    struct cpu *c = t_cpu();
    build(c, f);
    c->cpuaddr = 0x5555;
    c->gr[5] = 0x5000;
    map(c, f, 0x5000, 0xC000);
    ck_assert_uint_eq(run_dat(c, "B212 5000"), PGM_OPERATION);
    /* STNSM X'FB' turns DAT off; the next STAP goes to real X'5002' */
    ck_assert_uint_eq(run_dat(c, "ACFB 0900 B212 5002"), PGM_OPERATION);
    ck_assert_uint_eq(get2(c, 0x5002), 0x5555);
    ck_assert_uint_eq(get2(c, 0xC002), 0);
    ck_assert_uint_eq(c->mem[0x900], 0x04);   /* the old mask had DAT on */
    cpu_free(c);
}
END_TEST

/* Key protection applies to the real frame's key with DAT on. */
START_TEST(protection_uses_frame_key)
{
    const struct fmt *f = &fmts[2];
    struct cpu *c = t_cpu();
    build(c, f);
    map(c, f, 0x5000, 0xC000);
    c->keys[0xC000 >> 11] = 0x20;
    c->keys[0x5000 >> 11] = 0x10;
    c->gr[5] = 0x5000;
    t_put(c, T_ORG, "B212 5000 0000");
    t_psw(c, "04180000 00001000");   /* key 1 */
    ck_assert_uint_eq(t_go(c), PGM_PROTECTION);
    cpu_free(c);
}
END_TEST

Suite *suite(void)
{
    Suite *s = suite_create("dat");
    TCase *tc = tcase_create("dat");
    tcase_add_loop_test(tc, translation_relocates_fetch_and_store, 0, 4);
    tcase_add_loop_test(tc, segment_exception_nullifies, 0, 4);
    tcase_add_loop_test(tc, page_exception_nullifies, 0, 4);
    tcase_add_loop_test(tc, page_exception_on_instruction_fetch, 0, 4);
    tcase_add_loop_test(tc, page_table_length_violation, 0, 4);
    tcase_add_test(tc, segment_table_length_violation);
    tcase_add_loop_test(tc, bad_cr0_format_is_translation_specification, 0, 6);
    tcase_add_loop_test(tc, bad_table_entry_is_translation_specification, 0, 7);
    tcase_add_test(tc, invalid_entry_format_not_checked);
    tcase_add_loop_test(tc, lra_translates, 0, 4);
    tcase_add_loop_test(tc, lra_invalid_segment_cc1, 0, 4);
    tcase_add_loop_test(tc, lra_invalid_page_cc2, 0, 4);
    tcase_add_loop_test(tc, lra_page_length_cc3, 0, 4);
    tcase_add_test(tc, lra_segment_length_cc3);
    tcase_add_test(tc, lra_table_beyond_storage_is_addressing);
    tcase_add_test(tc, tables_are_fetched_with_prefixing);
    tcase_add_loop_test(tc, ptlb_makes_new_table_entries_visible, 0, 4);
    tcase_add_test(tc, lctl_cr1_switches_segment_table);
    tcase_add_test(tc, dat_off_accesses_are_real);
    tcase_add_test(tc, protection_uses_frame_key);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return t_main(suite()); }
