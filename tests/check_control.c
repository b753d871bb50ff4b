/*
 * Control instructions (PoO chapter 10) and the I/O instructions' CPU side.
 * Expected values come from the PoO; the programs use only control
 * instructions, so registers are set and inspected from C.
 */
#include "harness.h"

#define DATA 0x0800u   /* operands live here (real page 0, below the program) */

/* The condition code in the program old PSW (BC bits 34-35, EC bits 18-19). */
static unsigned pgm_cc(struct cpu *c)
{
    if (c->mem[PSA_PGM_OLD + 1] & 0x08) return (c->mem[PSA_PGM_OLD + 2] >> 4) & 3;
    return (c->mem[PSA_PGM_OLD + 4] >> 4) & 3;
}

static uint16_t get2(struct cpu *c, uint32_t a) { return be16(c->mem + a); }

/* Run hex at T_ORG in the EC mode (key 0, supervisor, DAT off, disabled);
   returns the program interruption code as t_run does. */
static unsigned run_ec(struct cpu *c, const char *hex)
{
    t_put(c, T_ORG, hex);
    unsigned len = 0;
    for (const char *p = hex; *p; p++) len += *p != ' ';
    t_put(c, T_ORG + len / 2, "0000");
    t_psw(c, "00080000 00001000");
    return t_go(c);
}

/* An EC-mode run ended at the X'0000' after len bytes. */
static bool ended_ec(struct cpu *c, unsigned len)
{
    return c->stop == STOP_WAIT && c->psw.ia == 0xEEE &&
           be16(c->mem + PSA_PGM_CODE) == PGM_OPERATION && t_pgm_ia(c) == T_ORG + len + 2;
}

/* ---------------------------------------------------------------------- */
/* Privileged operation in the problem state, tested before anything else:
   the operands below are also misaligned or out of storage, and the
   privileged-operation exception still wins (PoO chapter 6, priorities). */

struct insn { const char *name, *hex; };

static const struct insn privileged[] = {
    { "SSK", "0812" }, { "ISK", "0912" }, { "SSM", "8000 0805" },
    { "LPSW", "8200 0805" }, { "DIAG", "8312 0800" }, { "WRD", "8400 0800" },
    { "RDD", "8500 0800" }, { "STNSM", "ACFF 0800" }, { "STOSM", "AD00 0800" },
    { "SIGP", "AE12 0001" }, { "LRA", "B110 0800" }, { "STIDP", "B202 0805" },
    { "SCK", "B204 0805" }, { "SCKC", "B206 0805" }, { "STCKC", "B207 0805" },
    { "SPT", "B208 0805" }, { "STPT", "B209 0805" }, { "PTLB", "B20D 0000" },
    { "SPX", "B210 0805" }, { "STPX", "B211 0805" }, { "STAP", "B212 0805" },
    { "RRB", "B213 0800" }, { "STCTL", "B600 0805" }, { "LCTL", "B700 0805" },
    { "SIO", "9C00 0180" }, { "SIOF", "9C01 0180" }, { "TIO", "9D00 0180" },
    { "CLRIO", "9D01 0180" }, { "HIO", "9E00 0180" }, { "HDV", "9E01 0180" },
    { "TCH", "9F00 0100" }, { "STIDC", "B203 0100" },
};
#define N_PRIVILEGED (int)(sizeof privileged / sizeof privileged[0])

START_TEST(privileged_in_problem_state)
{
    const struct insn *t = &privileged[_i];
    struct cpu *c = t_cpu();
    c->gr[2] = 0x2001;   /* SSK/ISK: misaligned too */
    c->cr[0] = 0x40000000u | 0xE0;   /* SSM suppression on: still privileged first */
    unsigned got = t_run_as(c, 0x01, t->hex);
    unsigned len = insn_length(c->mem[T_ORG]);
    ck_assert_msg(got == PGM_PRIVILEGED, "%s: code %u", t->name, got);
    ck_assert_uint_eq(t_pgm_ia(c), T_ORG + len);
    ck_assert_uint_eq(t_pgm_ilc(c), len / 2);
    ck_assert_uint_eq(c->mem[DATA], 0);   /* nothing stored */
    cpu_free(c);
}
END_TEST

START_TEST(stck_is_not_privileged)
{
    struct cpu *c = t_cpu();
    t_run_as(c, 0x01, "B205 0801");   /* problem state, unaligned: both fine */
    ck_assert(t_ended(c, 4));
    ck_assert_uint_ne(t_get8(c, 0x801), 0);
    ck_assert_uint_eq(pgm_cc(c), 0);   /* clock in the set state */
    cpu_free(c);
}
END_TEST

/* ---------------------------------------------------------------------- */
/* Specification exceptions for operand alignment. */

static const struct insn misaligned[] = {
    { "LPSW", "8200 0804" }, { "SCK", "B204 0804" }, { "SCKC", "B206 0802" },
    { "STCKC", "B207 0801" }, { "SPT", "B208 0804" }, { "STPT", "B209 0804" },
    { "STIDP", "B202 0804" }, { "SPX", "B210 0802" }, { "STPX", "B211 0801" },
    { "LCTL", "B700 0802" }, { "STCTL", "B600 0803" }, { "STAP", "B212 0801" },
    { "SSK r2 bits 28-31", "0812" }, { "ISK r2 bits 28-31", "0912" },
};
#define N_MISALIGNED (int)(sizeof misaligned / sizeof misaligned[0])

START_TEST(misaligned_operand_is_specification)
{
    const struct insn *t = &misaligned[_i];
    struct cpu *c = t_cpu();
    c->gr[1] = 0x11223344;
    c->gr[2] = 0x2008;   /* bit 28 on */
    unsigned got = t_run(c, t->hex);
    ck_assert_msg(got == PGM_SPECIFICATION, "%s: code %u", t->name, got);
    ck_assert_uint_eq(t_pgm_ia(c), T_ORG + insn_length(c->mem[T_ORG]));
    ck_assert_uint_eq(c->gr[1], 0x11223344);      /* ISK suppressed */
    ck_assert_uint_eq(c->keys[0x2000 >> 11], 0);  /* SSK suppressed */
    ck_assert_uint_eq(t_get8(c, 0x800), 0);
    cpu_free(c);
}
END_TEST

/* ---------------------------------------------------------------------- */
/* Storage keys. */

START_TEST(ssk_isk_ec_mode_shows_seven_bits)
{
    struct cpu *c = t_cpu();
    c->gr[1] = 0xABCDEF7F;   /* key 7, F, R, C, and bit 31 (ignored) */
    c->gr[2] = 0xFF002FF0;   /* bits 0-7 and 21-27 ignored: block 0x2800 */
    c->gr[3] = 0x12345600;
    t_put(c, DATA, "00080000 00001006");   /* EC PSW: continue at the ISK */
    t_run(c, "0812 8200 0800 0932");
    ck_assert_uint_eq(c->keys[0x2800 >> 11], 0x7E);
    ck_assert_uint_eq(c->gr[3], 0x1234567E);   /* bits 0-23 kept, bit 31 zero */
    cpu_free(c);
}
END_TEST

START_TEST(isk_bc_mode_hides_reference_and_change)
{
    struct cpu *c = t_cpu();
    c->gr[1] = 0x0000003E;   /* key 3, F, R, C */
    c->gr[2] = 0x00002000;
    c->gr[3] = 0xFFFFFFFF;
    ck_assert(t_run(c, "0812 0932") == PGM_OPERATION);
    ck_assert_uint_eq(c->keys[0x2000 >> 11], 0x3E);
    ck_assert_uint_eq(c->gr[3], 0xFFFFFF38);   /* bits 24-28 of the key, 29-31 zero */
    cpu_free(c);
}
END_TEST

START_TEST(ssk_beyond_storage_is_addressing)
{
    struct cpu *c = t_cpu();
    c->gr[2] = 0x00010000;   /* 64K machine */
    ck_assert_uint_eq(t_run(c, "0812"), PGM_ADDRESSING);
    ck_assert_uint_eq(t_run(c, "0912"), PGM_ADDRESSING);
    ck_assert_uint_eq(t_run(c, "B213 2000"), PGM_ADDRESSING);
    cpu_free(c);
}
END_TEST

START_TEST(rrb_cc_from_reference_and_change)
{
    /* keys: R is X'04', C is X'02'; RRB cc = 2*R + C, then R reset */
    static const uint8_t key[4] = { 0x10, 0x12, 0x14, 0x16 };
    struct cpu *c = t_cpu();
    c->gr[2] = 0x2000;
    c->keys[0x2000 >> 11] = key[_i];
    ck_assert(t_run(c, "B213 2000") == PGM_OPERATION);
    ck_assert_uint_eq(pgm_cc(c), (unsigned)_i);
    ck_assert_uint_eq(c->keys[0x2000 >> 11], key[_i] & 0xFB);
    cpu_free(c);
}
END_TEST

/* Fetches set R, stores set R and C; RRB and SSK make the next access set
   the bits again (the translation cache must not hide it). */
START_TEST(reference_and_change_bits_follow_accesses)
{
    struct cpu *c = t_cpu();
    c->gr[1] = 0x00000010;   /* key 1, R and C off */
    c->gr[2] = 0x00002000;
    /* EC mode, so that ISK shows R and C. SSK; WRD (fetch); ISK r4; RRB;
       WRD; ISK r5; RRB; RDD (store); ISK r6; RRB; ISK r7; SSK; ISK r8
       (after SSK cleared R and C, no access) */
    run_ec(c, "0812 8400 2000 0942 B213 2000 8400 2010 0952 B213 2000"
              "8500 2020 0962 B213 2000 0972 0812 0982");
    ck_assert(ended_ec(c, 38));
    ck_assert_uint_eq(c->gr[4] & 0xFF, 0x14);   /* R after a fetch */
    ck_assert_uint_eq(c->gr[5] & 0xFF, 0x14);   /* R again after RRB and a fetch */
    ck_assert_uint_eq(c->gr[6] & 0xFF, 0x16);   /* R and C after a store */
    ck_assert_uint_eq(c->gr[7] & 0xFF, 0x12);   /* RRB left C */
    ck_assert_uint_eq(c->gr[8] & 0xFF, 0x10);
    ck_assert_uint_eq(pgm_cc(c), 3);   /* the last RRB saw R and C */
    cpu_free(c);
}
END_TEST

/* Key-controlled protection (PoO chapter 3): PSW key 1 against block keys. */
struct prot_case { uint8_t storage_key; const char *hex; unsigned code; };
static const struct prot_case prot[] = {
    { 0x20, "8500 2000", PGM_PROTECTION },   /* store, keys differ */
    { 0x10, "8500 2000", PGM_OPERATION },    /* store, keys match */
    { 0x20, "8400 2000", PGM_OPERATION },    /* fetch, not fetch protected */
    { 0x28, "8400 2000", PGM_PROTECTION },   /* fetch, fetch protected */
    { 0x18, "8400 2000", PGM_OPERATION },    /* fetch protected, keys match */
    { 0x28, "B205 2000", PGM_PROTECTION },   /* STCK store */
    { 0x20, "B7CC 2000", PGM_OPERATION },    /* LCTL fetch */
    { 0x28, "B7CC 2000", PGM_PROTECTION },
};

START_TEST(key_controlled_protection)
{
    const struct prot_case *t = &prot[_i];
    struct cpu *c = t_cpu();
    c->gr[2] = 0x2000;
    c->keys[0x2000 >> 11] = t->storage_key;
    ck_assert_uint_eq(t_run_as(c, 0x10, t->hex), t->code);
    cpu_free(c);
}
END_TEST

START_TEST(key_zero_passes_protection)
{
    struct cpu *c = t_cpu();
    c->keys[0x2000 >> 11] = 0xF8;   /* key 15, fetch protected */
    c->gr[2] = 0x2000;
    t_run(c, "8400 2000 8500 2000");
    ck_assert(t_ended(c, 8));
    ck_assert_uint_eq(c->keys[0x2000 >> 11], 0xFE);
    cpu_free(c);
}
END_TEST

/* SSK must purge cached access rights: a store that was allowed is
   refused once the block's key changes. */
START_TEST(ssk_change_takes_effect_at_once)
{
    struct cpu *c = t_cpu();
    c->keys[0x2000 >> 11] = 0x10;
    c->gr[1] = 0x20;
    c->gr[2] = 0x2000;
    ck_assert_uint_eq(t_run_as(c, 0x10, "8500 2000 0812 8500 2004"), PGM_PROTECTION);
    ck_assert_uint_eq(t_pgm_ia(c), T_ORG + 10);
    cpu_free(c);
}
END_TEST

/* ---------------------------------------------------------------------- */
/* The PSW: SSM, STNSM, STOSM, LPSW. */

START_TEST(ssm_sets_system_mask)
{
    struct cpu *c = t_cpu();
    t_put(c, DATA, "FE");   /* channels and I/O, external off: nothing pending */
    t_run(c, "8000 0800");
    ck_assert(t_ended(c, 4));
    ck_assert_uint_eq(c->mem[PSA_PGM_OLD], 0xFE);
    cpu_free(c);
}
END_TEST

START_TEST(ssm_suppressed_by_cr0_is_special_operation)
{
    struct cpu *c = t_cpu();
    c->cr[0] |= 0x40000000u;
    t_put(c, DATA, "FF");
    ck_assert_uint_eq(t_run(c, "8000 0800"), PGM_SPECIAL_OPERATION);
    ck_assert_uint_eq(c->mem[PSA_PGM_OLD], 0x00);
    ck_assert_uint_eq(t_pgm_ia(c), T_ORG + 4);
    cpu_free(c);
}
END_TEST

/* EC mode: a one in bit 0, 2, 3 or 4 of the new mask is an early
   specification exception with ILC 2, after the instruction completed. */
START_TEST(ssm_invalid_ec_mask_is_specification_ilc_2)
{
    struct cpu *c = t_cpu();
    t_put(c, DATA, "80");
    t_put(c, T_ORG, "8000 0800 0000");
    t_psw(c, "00080000 00001000");
    ck_assert_uint_eq(t_go(c), PGM_SPECIFICATION);
    ck_assert_uint_eq(c->mem[PSA_PGM_ILC], 4);   /* ILC 2 in bits 5-6 */
    ck_assert_uint_eq(t_pgm_ia(c), T_ORG + 4);
    ck_assert_uint_eq(c->mem[PSA_PGM_OLD], 0x80);
    cpu_free(c);
}
END_TEST

START_TEST(stosm_invalid_ec_mask_is_specification_ilc_2)
{
    struct cpu *c = t_cpu();
    t_put(c, T_ORG, "AD08 0800 0000");
    t_psw(c, "02080000 00001000");
    ck_assert_uint_eq(t_go(c), PGM_SPECIFICATION);
    ck_assert_uint_eq(c->mem[PSA_PGM_ILC], 4);
    ck_assert_uint_eq(c->mem[DATA], 0x02);   /* the old mask was stored */
    cpu_free(c);
}
END_TEST

START_TEST(stnsm_stosm_store_then_change)
{
    struct cpu *c = t_cpu();
    t_put(c, T_ORG, "AC7E 0800 AD81 0801 0000");   /* AND X'7E', OR X'81' */
    t_psw(c, "FE000000 00001000");                 /* BC, all channels, ext off */
    t_go(c);
    ck_assert_uint_eq(c->mem[DATA], 0xFE);
    ck_assert_uint_eq(c->mem[DATA + 1], 0x7E);
    /* the OR enabled external interruptions, nothing was pending */
    ck_assert_uint_eq(c->mem[PSA_PGM_OLD], 0xFF);
    ck_assert_uint_eq(t_pgm_ia(c), T_ORG + 10);
    cpu_free(c);
}
END_TEST

START_TEST(stnsm_store_protection_suppresses)
{
    struct cpu *c = t_cpu();
    c->keys[0x2000 >> 11] = 0x20;
    c->gr[2] = 0x2000;
    t_put(c, T_ORG, "AC00 2000 0000");
    t_psw(c, "FF100000 00001000");   /* key 1 */
    ck_assert_uint_eq(t_go(c), PGM_PROTECTION);
    ck_assert_uint_eq(c->mem[PSA_PGM_OLD], 0xFF);   /* mask unchanged */
    cpu_free(c);
}
END_TEST

START_TEST(lpsw_loads_bc_psw)
{
    struct cpu *c = t_cpu();
    t_put(c, DATA, "00000000 2F002000");   /* cc 2, program mask F */
    t_put(c, 0x2000, "0000");
    ck_assert_uint_eq(t_run(c, "8200 0800"), PGM_OPERATION);
    ck_assert_uint_eq(t_pgm_ia(c), 0x2002);
    ck_assert_uint_eq(pgm_cc(c), 2);
    ck_assert_uint_eq(c->mem[PSA_PGM_OLD + 4] & 0x0F, 0x0F);
    cpu_free(c);
}
END_TEST

START_TEST(lpsw_loads_ec_psw)
{
    struct cpu *c = t_cpu();
    t_put(c, DATA, "00083F00 00002000");   /* EC, cc 3, program mask F */
    t_put(c, 0x2000, "0000");
    t_run(c, "8200 0800");
    ck_assert_uint_eq(c->mem[PSA_PGM_OLD + 1], 0x08);
    ck_assert_uint_eq(c->mem[PSA_PGM_OLD + 2], 0x3F);
    ck_assert_uint_eq(t_pgm_ia(c), 0x2002);
    ck_assert_uint_eq(be16(c->mem + PSA_PGM_CODE), PGM_OPERATION);
    cpu_free(c);
}
END_TEST

/* Invalid EC PSW: loaded, then an early specification exception with ILC 0;
   the old PSW is the invalid PSW as loaded. */
START_TEST(lpsw_invalid_ec_psw_is_early_specification)
{
    struct cpu *c = t_cpu();
    t_put(c, DATA, "00080001 00002000");   /* bit 31 on */
    ck_assert_uint_eq(t_run(c, "8200 0800"), PGM_SPECIFICATION);
    ck_assert_uint_eq(c->mem[PSA_PGM_ILC], 0);
    ck_assert_uint_eq(t_get4(c, PSA_PGM_OLD + 4), 0x00002000);
    ck_assert_uint_eq(c->mem[PSA_PGM_OLD + 1], 0x08);
    cpu_free(c);
}
END_TEST

/* The fast fetch path used to accept an odd address when the block was
   already cached: LPSW to an odd address in the same block. */
START_TEST(odd_address_in_cached_block_is_specification)
{
    struct cpu *c = t_cpu();
    t_put(c, DATA, "00000000 00001011");
    ck_assert_uint_eq(t_run(c, "8200 0800"), PGM_SPECIFICATION);
    ck_assert_uint_eq(t_pgm_ia(c), 0x1011);
    cpu_free(c);
}
END_TEST

/* ---------------------------------------------------------------------- */
/* Control registers. */

START_TEST(lctl_stctl_wrap_from_15_to_0)
{
    struct cpu *c = t_cpu();
    t_put(c, 0x900, "11111111 22222222 33333333 44444444");
    t_run(c, "B7E1 0900 B6E1 0A00 B633 0A10");   /* CR14-CR1, then CR3 alone */
    ck_assert(t_ended(c, 12));
    ck_assert_uint_eq(c->cr[14], 0x11111111);
    ck_assert_uint_eq(c->cr[15], 0x22222222);
    ck_assert_uint_eq(c->cr[0], 0x33333333);
    ck_assert_uint_eq(c->cr[1], 0x44444444);
    ck_assert_uint_eq(c->cr[2], 0xFFFFFFFF);   /* untouched */
    ck_assert_uint_eq(t_get4(c, 0xA00), 0x11111111);
    ck_assert_uint_eq(t_get4(c, 0xA0C), 0x44444444);
    ck_assert_uint_eq(t_get4(c, 0xA10), 0);
    cpu_free(c);
}
END_TEST

START_TEST(lctl_all_sixteen)
{
    struct cpu *c = t_cpu();
    for (unsigned i = 0; i < 16; i++) t_set4(c, 0x900 + 4 * i, 0x01010101u * i);
    t_run(c, "B70F 0900 B60F 0A00");
    for (unsigned i = 0; i < 16; i++) {
        ck_assert_uint_eq(c->cr[i], 0x01010101u * i);
        ck_assert_uint_eq(t_get4(c, 0xA00 + 4 * i), 0x01010101u * i);
    }
    cpu_free(c);
}
END_TEST

/* The access check covers the whole operand before any register changes. */
START_TEST(lctl_access_exception_changes_nothing)
{
    struct cpu *c = t_cpu();
    c->gr[5] = 0xFFF8;   /* CR0, CR1 at 0xFFF8; CR2 beyond 64K */
    ck_assert_uint_eq(t_run(c, "B702 5000"), PGM_ADDRESSING);
    ck_assert_uint_eq(c->cr[0], 0xE0);
    cpu_free(c);
}
END_TEST

/* New CR0 subclass masks take effect at once: a pending clock comparator
   interrupts right after LCTL enables it. */
START_TEST(lctl_enabling_subclass_interrupts_at_once)
{
    struct cpu *c = t_cpu();
    c->clock_comparator = 0;   /* pending: TOD > 0 */
    t_put(c, PSA_EXT_NEW, "00020000 00000EE8");
    t_set4(c, DATA, 0x00000800);
    t_put(c, T_ORG, "B700 0800 B20D0000 0000");
    t_psw(c, "01000000 00001000");   /* BC, external enabled */
    cpu_run(c);
    ck_assert_uint_eq(c->psw.ia, 0xEE8);
    ck_assert_uint_eq(t_get4(c, PSA_EXT_OLD), 0x01001004);   /* BC code X'1004' */
    ck_assert_uint_eq(t_get4(c, PSA_EXT_OLD + 4) & AMASK, 0x1004);
    cpu_free(c);
}
END_TEST

/* ---------------------------------------------------------------------- */
/* Prefix, CPU address, CPU ID. */

START_TEST(spx_stpx_swap_page_zero)
{
    struct cpu *c = t_cpu();
    c->cpuaddr = 0x0042;
    /* the program new PSW must be in the new prefix area */
    t_put(c, 0x4000 + PSA_PGM_NEW, "00020000 00000EEE");
    t_set4(c, DATA, 0xFF004ABC);   /* bits 8-19: X'004' */
    c->gr[7] = 0x4000;
    /* SPX; STAP 0x100 (real 0 page -> absolute 0x4000); STPX 0x108;
       STAP 0x4200 (real 0x4000 page -> absolute 0) */
    t_put(c, T_ORG, "B210 0800 B212 0100 B211 0108 B212 7200 0000");
    t_psw(c, "00000000 00001000");
    cpu_run(c);
    ck_assert_uint_eq(c->prefix, 0x4000);
    ck_assert_uint_eq(get2(c, 0x4100), 0x0042);
    ck_assert_uint_eq(t_get4(c, 0x4108), 0x00004000);
    ck_assert_uint_eq(get2(c, 0x0200), 0x0042);
    ck_assert_uint_eq(get2(c, 0x0100), 0);
    /* the interruption used the prefixed PSA */
    ck_assert_uint_eq(c->psw.ia, 0xEEE);
    ck_assert_uint_eq(get2(c, 0x4000 + PSA_PGM_OLD + 2), PGM_OPERATION);
    ck_assert_uint_eq(t_get4(c, 0x4000 + PSA_PGM_OLD + 4) & AMASK, T_ORG + 18);
    cpu_free(c);
}
END_TEST

START_TEST(spx_beyond_storage_is_addressing)
{
    struct cpu *c = t_cpu();
    t_set4(c, DATA, 0x00010000);
    ck_assert_uint_eq(t_run(c, "B210 0800"), PGM_ADDRESSING);
    ck_assert_uint_eq(c->prefix, 0);
    cpu_free(c);
}
END_TEST

/* Keys belong to absolute storage: SSK of real 0 under prefix X'4000'
   sets the key of absolute block X'4000'. */
START_TEST(ssk_applies_prefixing)
{
    struct cpu *c = t_cpu();
    t_put(c, 0x4000 + PSA_PGM_NEW, "00020000 00000EEE");
    t_set4(c, DATA, 0x4000);
    c->gr[1] = 0x50;
    c->gr[2] = 0;
    t_put(c, T_ORG, "B210 0800 0812 0000");
    t_psw(c, "00000000 00001000");
    cpu_run(c);
    ck_assert_uint_eq(c->keys[0x4000 >> 11], 0x50 | 0x06);   /* + R, C of the old PSW store */
    ck_assert_uint_eq(c->keys[0] & 0xF0, 0);
    cpu_free(c);
}
END_TEST

START_TEST(stap_stidp)
{
    struct cpu *c = t_cpu();
    c->cpuaddr = 0x1234;
    t_run(c, "B212 0800 B202 0808");
    ck_assert(t_ended(c, 8));
    ck_assert_uint_eq(get2(c, DATA), 0x1234);
    ck_assert_uint_eq(t_get8(c, 0x808), (uint64_t)c->cpuid_hi << 32 | c->cpuid_lo);
    ck_assert_uint_eq(t_get8(c, 0x808), 0x0000000101680000ull);
    cpu_free(c);
}
END_TEST

/* ---------------------------------------------------------------------- */
/* SIGNAL PROCESSOR on a uniprocessor. */

START_TEST(sigp_other_cpu_not_operational)
{
    struct cpu *c = t_cpu();
    c->gr[1] = 0xAAAAAAAA;
    c->gr[3] = 0x0001;
    t_run(c, "AE13 0001");
    ck_assert_uint_eq(pgm_cc(c), 3);
    ck_assert_uint_eq(c->gr[1], 0xAAAAAAAA);
    cpu_free(c);
}
END_TEST

START_TEST(sigp_sense_self)
{
    struct cpu *c = t_cpu();
    c->gr[3] = 0xFFFF0000;   /* bits 0-15 ignored: CPU address 0 */
    t_run(c, "AE13 0001");
    ck_assert_uint_eq(pgm_cc(c), 0);
    cpu_free(c);
}
END_TEST

START_TEST(sigp_invalid_order_status)
{
    static const char *orders[] = { "AE13 0000", "AE13 000A", "AE13 00FF" };
    struct cpu *c = t_cpu();
    t_run(c, orders[_i]);
    ck_assert_uint_eq(pgm_cc(c), 1);
    ck_assert_uint_eq(c->gr[1], 0x00000002);   /* bit 30: invalid order */
    cpu_free(c);
}
END_TEST

START_TEST(sigp_external_call_pending_and_presented)
{
    struct cpu *c = t_cpu();
    c->cpuaddr = 7;
    c->gr[3] = 7;
    /* external call, external call again (pending: cc 1), sense (cc 1) */
    t_run(c, "AE13 0002 AE23 0002 AE43 0001");
    ck_assert_uint_eq(c->gr[2], 0x00000080);   /* bit 24: external call pending */
    ck_assert_uint_eq(c->gr[4], 0x00000080);
    ck_assert_uint_eq(pgm_cc(c), 1);
    /* enable it: CR0 bit 18, EC PSW with external mask */
    c->cr[0] |= 0x2000;
    t_put(c, PSA_EXT_NEW, "00020000 00000EE8");
    t_put(c, 0x2000, "0000");
    t_psw(c, "01080000 00002000");
    c->stop = STOP_NONE;
    cpu_run(c);
    ck_assert_uint_eq(c->psw.ia, 0xEE8);
    ck_assert_uint_eq(get2(c, PSA_EXT_CODE), EXT_EXTERNAL_CALL);
    ck_assert_uint_eq(get2(c, PSA_EXT_CPUADDR), 7);
    ck_assert_uint_eq(t_get4(c, PSA_EXT_OLD + 4), 0x2000);
    cpu_free(c);
}
END_TEST

/* Emergency signal outranks the clock comparator (PoO external priorities). */
START_TEST(sigp_emergency_signal_before_clock_comparator)
{
    struct cpu *c = t_cpu();
    c->cr[0] |= 0x4000 | 0x0800;
    c->clock_comparator = 0;
    t_put(c, PSA_EXT_NEW, "00020000 00000EE8");
    t_put(c, T_ORG, "AE13 0003 0000");
    t_psw(c, "00000000 00001000");   /* BC, external disabled */
    cpu_run(c);
    t_psw(c, "01000000 00002000");   /* now enable */
    c->stop = STOP_NONE;
    cpu_run(c);
    ck_assert_uint_eq(c->psw.ia, 0xEE8);
    ck_assert_uint_eq(get2(c, PSA_EXT_OLD + 2), EXT_EMERGENCY_SIGNAL);
    ck_assert_uint_eq(get2(c, PSA_EXT_CPUADDR), 0);
    cpu_free(c);
}
END_TEST

START_TEST(sigp_stop_self)
{
    struct cpu *c = t_cpu();
    t_put(c, T_ORG, "AE13 0005 0000");
    t_psw(c, "00000000 00001000");
    cpu_run(c);
    ck_assert_int_eq(c->stop, STOP_REQUEST);
    ck_assert_uint_eq(c->psw.ia, T_ORG + 4);
    ck_assert_uint_eq(c->psw.cc, 0);
    cpu_free(c);
}
END_TEST

START_TEST(sigp_stop_and_store_status)
{
    struct cpu *c = t_cpu();
    c->gr[5] = 0x12345678;
    c->cr[6] = 0x0BADCAFE;
    c->clock_comparator = 0x1122334455667788ull;
    t_put(c, T_ORG, "AE13 0009 0000");
    t_psw(c, "00000000 00001000");
    cpu_run(c);
    ck_assert_int_eq(c->stop, STOP_REQUEST);
    ck_assert_uint_eq(t_get4(c, 384 + 20), 0x12345678);   /* GR5 */
    ck_assert_uint_eq(t_get4(c, 448 + 24), 0x0BADCAFE);   /* CR6 */
    ck_assert_uint_eq(t_get8(c, 224), 0x1122334455667788ull);
    ck_assert_uint_eq(t_get4(c, 260), T_ORG + 4);          /* PSW */
    ck_assert_uint_eq(t_get4(c, 264), 0);                  /* prefix */
    cpu_free(c);
}
END_TEST

START_TEST(sigp_restart_self)
{
    struct cpu *c = t_cpu();
    t_put(c, PSA_RESTART_NEW, "00020000 00002222");
    t_put(c, T_ORG, "AE13 0006 0000");
    t_psw(c, "00000000 00001000");
    cpu_run(c);
    ck_assert_uint_eq(c->psw.ia, 0x2222);
    ck_assert_uint_eq(t_get4(c, PSA_RESTART_OLD + 4) & AMASK, T_ORG + 4);
    cpu_free(c);
}
END_TEST

/* CPU reset of itself: pending interruptions go, registers stay, stopped. */
START_TEST(sigp_cpu_reset_self)
{
    struct cpu *c = t_cpu();
    c->cr[5] = 0x55555555;
    t_put(c, T_ORG, "AE13 0002 AE13 000C 0000");   /* external call, CPU reset */
    t_psw(c, "00000000 00001000");
    cpu_run(c);
    ck_assert_int_eq(c->stop, STOP_REQUEST);
    ck_assert_uint_eq(c->intr & INTR_EXTERNAL_CALL, 0);
    ck_assert_uint_eq(c->cr[5], 0x55555555);
    ck_assert_uint_eq(c->psw.ia, T_ORG + 8);
    cpu_free(c);
}
END_TEST

/* Initial CPU reset of itself: control registers to their initial values. */
START_TEST(sigp_initial_cpu_reset_self)
{
    struct cpu *c = t_cpu();
    c->cr[0] = 0xFFFFFFFF;
    c->cr[5] = 0x55555555;
    c->gr[7] = 0x77;
    t_put(c, T_ORG, "AE13 000B 0000");
    t_psw(c, "00000000 00001000");
    cpu_run(c);
    ck_assert_int_eq(c->stop, STOP_REQUEST);
    ck_assert_uint_eq(c->cr[0], 0x000000E0);
    ck_assert_uint_eq(c->cr[5], 0);
    ck_assert_uint_eq(c->gr[7], 0x77);
    ck_assert_uint_eq(c->psw.ia, 0);
    cpu_free(c);
}
END_TEST

/* ---------------------------------------------------------------------- */
/* DIAGNOSE, direct control. */

static bool diag_hook(struct cpu *c, unsigned r1, unsigned r3, uint32_t addr)
{
    c->gr[10] = r1;
    c->gr[11] = r3;
    c->gr[12] = addr;
    return addr != 0xBAD;
}

START_TEST(diagnose_without_hook_does_nothing)
{
    struct cpu *c = t_cpu();
    t_run(c, "8312 0008");
    ck_assert(t_ended(c, 4));
    cpu_free(c);
}
END_TEST

START_TEST(diagnose_calls_hook)
{
    struct cpu *c = t_cpu();
    c->diagnose = diag_hook;
    c->gr[5] = 0x100;
    t_run(c, "8379 5008");
    ck_assert(t_ended(c, 4));
    ck_assert_uint_eq(c->gr[10], 7);
    ck_assert_uint_eq(c->gr[11], 9);
    ck_assert_uint_eq(c->gr[12], 0x108);
    ck_assert_uint_eq(t_run(c, "8300 0BAD"), PGM_SPECIFICATION);
    cpu_free(c);
}
END_TEST

START_TEST(rdd_stores_zero_wrd_fetches)
{
    struct cpu *c = t_cpu();
    t_put(c, DATA, "5A");
    t_run(c, "85FF 0800 84FF 0801");
    ck_assert(t_ended(c, 8));
    ck_assert_uint_eq(c->mem[DATA], 0);
    c->gr[6] = 0x10000;   /* beyond the 64K machine */
    ck_assert_uint_eq(t_run(c, "84FF 0000 8400 6000"), PGM_ADDRESSING);
    cpu_free(c);
}
END_TEST

/* ---------------------------------------------------------------------- */
/* I/O instructions: the CPU side. */

struct fake_io { unsigned op; uint32_t addr; int calls; };

static int fake_instruction(void *ctx, struct cpu *c, unsigned op, uint32_t addr)
{
    struct fake_io *f = ctx;
    (void)c;
    f->op = op;
    f->addr = addr;
    f->calls++;
    return (int)(addr & 3);
}

/* B2 = 5 holds X'FF000000': address arithmetic keeps 24 bits. */
static const struct { const char *hex; unsigned op; uint32_t addr; } io_ops[] = {
    { "9C00 5180", 0x9C00, 0x180 }, { "9C01 5181", 0x9C01, 0x181 },
    { "9D00 5182", 0x9D00, 0x182 }, { "9D01 5183", 0x9D01, 0x183 },
    { "9E00 5180", 0x9E00, 0x180 }, { "9E01 5181", 0x9E01, 0x181 },
    { "9F00 5102", 0x9F00, 0x102 }, { "B203 5103", 0xB203, 0x103 },
};

START_TEST(io_instruction_passes_op_and_address)
{
    struct cpu *c = t_cpu();
    struct fake_io f = { 0, 0, 0 };
    c->io.ctx = &f;
    c->io.instruction = fake_instruction;
    c->gr[5] = 0xFF000000;
    t_run(c, io_ops[_i].hex);
    ck_assert_int_eq(f.calls, 1);
    ck_assert_uint_eq(f.op, io_ops[_i].op);
    ck_assert_uint_eq(f.addr, io_ops[_i].addr);
    ck_assert_uint_eq(pgm_cc(c), io_ops[_i].addr & 3);   /* the hook's cc */
    cpu_free(c);
}
END_TEST

START_TEST(io_without_channels_is_cc3)
{
    struct cpu *c = t_cpu();
    c->gr[5] = 0xFF000000;
    t_run(c, io_ops[_i].hex);
    ck_assert_uint_eq(pgm_cc(c), 3);
    cpu_free(c);
}
END_TEST

Suite *suite(void)
{
    Suite *s = suite_create("control");
    TCase *tc = tcase_create("control");
    tcase_add_loop_test(tc, privileged_in_problem_state, 0, N_PRIVILEGED);
    tcase_add_test(tc, stck_is_not_privileged);
    tcase_add_loop_test(tc, misaligned_operand_is_specification, 0, N_MISALIGNED);
    tcase_add_test(tc, ssk_isk_ec_mode_shows_seven_bits);
    tcase_add_test(tc, isk_bc_mode_hides_reference_and_change);
    tcase_add_test(tc, ssk_beyond_storage_is_addressing);
    tcase_add_loop_test(tc, rrb_cc_from_reference_and_change, 0, 4);
    tcase_add_test(tc, reference_and_change_bits_follow_accesses);
    tcase_add_loop_test(tc, key_controlled_protection, 0, (int)(sizeof prot / sizeof prot[0]));
    tcase_add_test(tc, key_zero_passes_protection);
    tcase_add_test(tc, ssk_change_takes_effect_at_once);
    tcase_add_test(tc, ssm_sets_system_mask);
    tcase_add_test(tc, ssm_suppressed_by_cr0_is_special_operation);
    tcase_add_test(tc, ssm_invalid_ec_mask_is_specification_ilc_2);
    tcase_add_test(tc, stosm_invalid_ec_mask_is_specification_ilc_2);
    tcase_add_test(tc, stnsm_stosm_store_then_change);
    tcase_add_test(tc, stnsm_store_protection_suppresses);
    tcase_add_test(tc, lpsw_loads_bc_psw);
    tcase_add_test(tc, lpsw_loads_ec_psw);
    tcase_add_test(tc, lpsw_invalid_ec_psw_is_early_specification);
    tcase_add_test(tc, odd_address_in_cached_block_is_specification);
    tcase_add_test(tc, lctl_stctl_wrap_from_15_to_0);
    tcase_add_test(tc, lctl_all_sixteen);
    tcase_add_test(tc, lctl_access_exception_changes_nothing);
    tcase_add_test(tc, lctl_enabling_subclass_interrupts_at_once);
    tcase_add_test(tc, spx_stpx_swap_page_zero);
    tcase_add_test(tc, spx_beyond_storage_is_addressing);
    tcase_add_test(tc, ssk_applies_prefixing);
    tcase_add_test(tc, stap_stidp);
    tcase_add_test(tc, sigp_other_cpu_not_operational);
    tcase_add_test(tc, sigp_sense_self);
    tcase_add_loop_test(tc, sigp_invalid_order_status, 0, 3);
    tcase_add_test(tc, sigp_external_call_pending_and_presented);
    tcase_add_test(tc, sigp_emergency_signal_before_clock_comparator);
    tcase_add_test(tc, sigp_stop_self);
    tcase_add_test(tc, sigp_stop_and_store_status);
    tcase_add_test(tc, sigp_restart_self);
    tcase_add_test(tc, sigp_cpu_reset_self);
    tcase_add_test(tc, sigp_initial_cpu_reset_self);
    tcase_add_test(tc, diagnose_without_hook_does_nothing);
    tcase_add_test(tc, diagnose_calls_hook);
    tcase_add_test(tc, rdd_stores_zero_wrd_fetches);
    tcase_add_loop_test(tc, io_instruction_passes_op_and_address, 0, 8);
    tcase_add_loop_test(tc, io_without_channels_is_cc3, 0, 8);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return t_main(suite()); }
