/*
 * The general instructions (GA22-7000 chapter 7). Expected values are worked
 * out from the PoO by hand; the comments show the arithmetic when it is not
 * obvious.
 */
#include <ctype.h>
#include <stdio.h>
#include "harness.h"

#define DATA 0x800u   /* operand area used by the tables */

/* The condition code and program mask in the program old PSW. */
static unsigned old_cc(struct cpu *c)
{
    if (c->mem[PSA_PGM_OLD + 1] & 0x08) return (c->mem[PSA_PGM_OLD + 2] >> 4) & 3;
    return (c->mem[PSA_PGM_OLD + 4] >> 4) & 3;
}

static unsigned hex_len(const char *hex)
{
    unsigned n = 0;
    for (const char *p = hex; *p; p++) n += isxdigit((unsigned char)*p) != 0;
    return n / 2;
}

/* True if len bytes from addr all equal v (one assertion, not one per byte). */
static bool all_bytes(const struct cpu *c, uint32_t addr, uint32_t len, uint8_t v)
{
    for (uint32_t i = 0; i < len; i++)
        if (c->mem[addr + i] != v) return false;
    return true;
}

/* A test machine with GR12 = T_ORG, the base of branch targets in the
   programs ("C008" is X'1008'). */
static struct cpu *mk(void)
{
    struct cpu *c = t_cpu();
    c->gr[12] = T_ORG;
    return c;
}

/* ---------------------------------------------------------------------- */
/* Register results: one row is a program run with GR2-GR5 preset.        */

struct reg_case {
    const char *prog;   /* instructions at T_ORG */
    const char *mem;    /* bytes at DATA, or NULL */
    uint32_t in[4];     /* GR2-GR5 before */
    uint32_t out[4];    /* GR2-GR5 after */
    int cc;             /* expected cc, -1 if not checked */
    unsigned pgm;       /* program interruption code, 0 = ran through */
    uint8_t pm;         /* program mask (set by SPM 15 first) */
};

#define NOCC (-1)
static const struct reg_case reg_cases[] = {
    /* AR: cc 0 zero, 1 < 0, 2 > 0, 3 overflow (result kept) */
    { "1A23", NULL, { 2, 3 }, { 5, 3 }, 2, 0, 0 },
    { "1A23", NULL, { 0xFFFFFFFB, 3 }, { 0xFFFFFFFE, 3 }, 1, 0, 0 },
    { "1A23", NULL, { 5, 0xFFFFFFFB }, { 0, 0xFFFFFFFB }, 0, 0, 0 },
    { "1A23", NULL, { 0x7FFFFFFF, 1 }, { 0x80000000, 1 }, 3, 0, 0 },
    { "1A23", NULL, { 0x7FFFFFFF, 1 }, { 0x80000000, 1 }, 3, PGM_FIXED_OVERFLOW, 8 },
    { "1A23", NULL, { 0x7FFFFFFF, 1 }, { 0x80000000, 1 }, 3, 0, 7 },   /* other mask bits */
    { "1A23", NULL, { 0x80000000, 0xFFFFFFFF }, { 0x7FFFFFFF, 0xFFFFFFFF }, 3, 0, 0 },
    /* SR */
    { "1B23", NULL, { 5, 3 }, { 2, 3 }, 2, 0, 0 },
    { "1B23", NULL, { 3, 5 }, { 0xFFFFFFFE, 5 }, 1, 0, 0 },
    { "1B22", NULL, { 7 }, { 0 }, 0, 0, 0 },
    { "1B23", NULL, { 0x80000000, 1 }, { 0x7FFFFFFF, 1 }, 3, 0, 0 },
    { "1B23", NULL, { 0x80000000, 1 }, { 0x7FFFFFFF, 1 }, 3, PGM_FIXED_OVERFLOW, 8 },
    { "1B23", NULL, { 0, 0x80000000 }, { 0x80000000, 0x80000000 }, 3, 0, 0 },
    /* ALR: cc 0 zero, 1 not zero, 2 zero + carry, 3 not zero + carry; never interrupts */
    { "1E23", NULL, { 1, 2 }, { 3, 2 }, 1, 0, 0 },
    { "1E23", NULL, { 0, 0 }, { 0, 0 }, 0, 0, 0 },
    { "1E23", NULL, { 0xFFFFFFFF, 1 }, { 0, 1 }, 2, 0, 0 },
    { "1E23", NULL, { 0xFFFFFFFF, 2 }, { 1, 2 }, 3, 0, 8 },
    /* SLR: a - b = a + ~b + 1; carry when a >= b; cc 0 impossible */
    { "1F23", NULL, { 5, 3 }, { 2, 3 }, 3, 0, 0 },
    { "1F23", NULL, { 3, 3 }, { 0, 3 }, 2, 0, 0 },
    { "1F23", NULL, { 3, 5 }, { 0xFFFFFFFE, 5 }, 1, 0, 0 },
    { "1F23", NULL, { 0, 0 }, { 0, 0 }, 2, 0, 0 },
    /* LPR */
    { "1023", NULL, { 0, 0xFFFFFFF9 }, { 7, 0xFFFFFFF9 }, 2, 0, 0 },
    { "1023", NULL, { 9, 0 }, { 0, 0 }, 0, 0, 0 },
    { "1023", NULL, { 0, 5 }, { 5, 5 }, 2, 0, 0 },
    { "1023", NULL, { 0, 0x80000000 }, { 0x80000000, 0x80000000 }, 3, 0, 0 },
    { "1023", NULL, { 0, 0x80000000 }, { 0x80000000, 0x80000000 }, 3, PGM_FIXED_OVERFLOW, 8 },
    /* LNR: never overflows */
    { "1123", NULL, { 0, 7 }, { 0xFFFFFFF9, 7 }, 1, 0, 0 },
    { "1123", NULL, { 0, 0xFFFFFFF9 }, { 0xFFFFFFF9, 0xFFFFFFF9 }, 1, 0, 0 },
    { "1123", NULL, { 1, 0 }, { 0, 0 }, 0, 0, 0 },
    { "1123", NULL, { 0, 0x80000000 }, { 0x80000000, 0x80000000 }, 1, 0, 8 },
    /* LTR */
    { "1223", NULL, { 0, 0xFFFFFFFF }, { 0xFFFFFFFF, 0xFFFFFFFF }, 1, 0, 0 },
    { "1223", NULL, { 1, 0 }, { 0, 0 }, 0, 0, 0 },
    { "1223", NULL, { 0, 5 }, { 5, 5 }, 2, 0, 0 },
    /* LCR */
    { "1323", NULL, { 0, 5 }, { 0xFFFFFFFB, 5 }, 1, 0, 0 },
    { "1323", NULL, { 0, 0xFFFFFFFB }, { 5, 0xFFFFFFFB }, 2, 0, 0 },
    { "1323", NULL, { 1, 0 }, { 0, 0 }, 0, 0, 0 },
    { "1323", NULL, { 0, 0x80000000 }, { 0x80000000, 0x80000000 }, 3, 0, 0 },
    { "1323", NULL, { 0, 0x80000000 }, { 0x80000000, 0x80000000 }, 3, PGM_FIXED_OVERFLOW, 8 },
    /* NR OR XR: cc 0 zero, 1 not zero */
    { "1423", NULL, { 0xF0F0, 0x0FF0 }, { 0x00F0, 0x0FF0 }, 1, 0, 0 },
    { "1423", NULL, { 0xF0, 0x0F }, { 0, 0x0F }, 0, 0, 0 },
    { "1623", NULL, { 0, 0 }, { 0, 0 }, 0, 0, 0 },
    { "1623", NULL, { 0xF0, 0x0F }, { 0xFF, 0x0F }, 1, 0, 0 },
    { "1723", NULL, { 0xFF, 0x0F }, { 0xF0, 0x0F }, 1, 0, 0 },
    { "1722", NULL, { 0x1234 }, { 0 }, 0, 0, 0 },
    /* CLR unsigned, CR signed */
    { "1523", NULL, { 1, 0xFFFFFFFF }, { 1, 0xFFFFFFFF }, 1, 0, 0 },
    { "1523", NULL, { 0xFFFFFFFF, 1 }, { 0xFFFFFFFF, 1 }, 2, 0, 0 },
    { "1523", NULL, { 7, 7 }, { 7, 7 }, 0, 0, 0 },
    { "1923", NULL, { 1, 0xFFFFFFFF }, { 1, 0xFFFFFFFF }, 2, 0, 0 },
    { "1923", NULL, { 0xFFFFFFFF, 1 }, { 0xFFFFFFFF, 1 }, 1, 0, 0 },
    { "1923", NULL, { 7, 7 }, { 7, 7 }, 0, 0, 0 },
    /* LR */
    { "1823", NULL, { 0, 0x12345678 }, { 0x12345678, 0x12345678 }, 0, 0, 0 },
    /* MR: multiplicand GR3, product in GR2:GR3 */
    { "1C24", NULL, { 0, 3, 0xFFFFFFFC }, { 0xFFFFFFFF, 0xFFFFFFF4, 0xFFFFFFFC }, 0, 0, 0 },
    { "1C24", NULL, { 0, 0x7FFFFFFF, 0x7FFFFFFF }, { 0x3FFFFFFF, 1, 0x7FFFFFFF }, 0, 0, 0 },
    { "1C23", NULL, { 9, 5 }, { 0, 25 }, 0, 0, 0 },
    { "1C34", NULL, { 0, 3, 4 }, { 0, 3, 4 }, NOCC, PGM_SPECIFICATION, 0 },
    /* DR: remainder GR2 (sign of dividend), quotient GR3 */
    { "1D24", NULL, { 0, 100, 7 }, { 2, 14, 7 }, 0, 0, 0 },
    { "1D24", NULL, { 0xFFFFFFFF, 0xFFFFFF9C, 7 }, { 0xFFFFFFFE, 0xFFFFFFF2, 7 }, 0, 0, 0 },
    { "1D24", NULL, { 0, 100, 0xFFFFFFF9 }, { 2, 0xFFFFFFF2, 0xFFFFFFF9 }, 0, 0, 0 },
    { "1D24", NULL, { 0xFFFFFFFF, 0x80000000, 1 }, { 0, 0x80000000, 1 }, 0, 0, 0 },
    { "1D24", NULL, { 0, 100, 0 }, { 0, 100, 0 }, NOCC, PGM_FIXED_DIVIDE, 0 },
    { "1D24", NULL, { 1, 0, 1 }, { 1, 0, 1 }, NOCC, PGM_FIXED_DIVIDE, 0 },   /* 2**32 */
    { "1D24", NULL, { 0xFFFFFFFF, 0x80000000, 0xFFFFFFFF }, { 0xFFFFFFFF, 0x80000000, 0xFFFFFFFF },
      NOCC, PGM_FIXED_DIVIDE, 0 },                                            /* +2**31 */
    { "1D34", NULL, { 0, 100, 7 }, { 0, 100, 7 }, NOCC, PGM_SPECIFICATION, 0 },

    /* RX forms, operand at X'800' */
    { "5A200800", "FFFFFFFF", { 5 }, { 4 }, 2, 0, 0 },
    { "5A200800", "00000001", { 0x7FFFFFFF }, { 0x80000000 }, 3, PGM_FIXED_OVERFLOW, 8 },
    { "5A2457F0", "00000003", { 1, 0, 8, 8 }, { 4, 0, 8, 8 }, 2, 0, 0 },   /* X'7F0'+8+8 */
    { "5B200800", "00000003", { 5 }, { 2 }, 2, 0, 0 },
    { "5B200800", "00000001", { 0x80000000 }, { 0x7FFFFFFF }, 3, 0, 0 },
    { "4A200800", "8000", { 0 }, { 0xFFFF8000 }, 1, 0, 0 },
    { "4A200800", "7FFF", { 1 }, { 0x8000 }, 2, 0, 0 },
    { "4A200800", "0001", { 0x7FFFFFFF }, { 0x80000000 }, 3, 0, 0 },
    { "4B200800", "0001", { 0x80000000 }, { 0x7FFFFFFF }, 3, PGM_FIXED_OVERFLOW, 8 },
    { "4A200800", "0001", { 0x7FFFFFFF }, { 0x80000000 }, 3, PGM_FIXED_OVERFLOW, 8 },
    { "5B200800", "00000001", { 0x80000000 }, { 0x7FFFFFFF }, 3, PGM_FIXED_OVERFLOW, 8 },
    { "4B200800", "FFFF", { 1 }, { 2 }, 2, 0, 0 },
    { "48200800", "FFFE", { 0 }, { 0xFFFFFFFE }, 0, 0, 0 },
    { "48200800", "7FFE", { 0xFFFFFFFF }, { 0x7FFE }, 0, 0, 0 },
    { "49200800", "FFFF", { 0 }, { 0 }, 2, 0, 0 },
    { "49200800", "0005", { 0xFFFFFFFF }, { 0xFFFFFFFF }, 1, 0, 0 },
    { "49200800", "FFFF", { 0xFFFFFFFF }, { 0xFFFFFFFF }, 0, 0, 0 },
    { "4C200800", "0003", { 0x40000001 }, { 0xC0000003 }, 0, 0, 8 },   /* no overflow check */
    { "4C200800", "FFFE", { 5 }, { 0xFFFFFFF6 }, 0, 0, 0 },
    { "58200800", "12345678", { 0 }, { 0x12345678 }, 0, 0, 0 },
    { "58200801", "0012345678", { 0 }, { 0x12345678 }, 0, 0, 0 },   /* no alignment rule */
    { "59200800", "00000001", { 0xFFFFFFFF }, { 0xFFFFFFFF }, 1, 0, 0 },
    { "59200800", "FFFFFFFF", { 1 }, { 1 }, 2, 0, 0 },
    { "59200800", "00000001", { 1 }, { 1 }, 0, 0, 0 },
    { "55200800", "00000001", { 0xFFFFFFFF }, { 0xFFFFFFFF }, 2, 0, 0 },
    { "55200800", "FFFFFFFF", { 1 }, { 1 }, 1, 0, 0 },
    { "55200800", "00000001", { 1 }, { 1 }, 0, 0, 0 },
    { "54200800", "0000FFFF", { 0x12345678 }, { 0x5678 }, 1, 0, 0 },
    { "54200800", "FFFF0000", { 0x0000FFFF }, { 0 }, 0, 0, 0 },
    { "56200800", "0000FFFF", { 0x12340000 }, { 0x1234FFFF }, 1, 0, 0 },
    { "56200800", "00000000", { 0 }, { 0 }, 0, 0, 0 },
    { "57200800", "FFFFFFFF", { 0xFFFFFFFF }, { 0 }, 0, 0, 0 },
    { "57200800", "0F0F0F0F", { 0xFFFFFFFF }, { 0xF0F0F0F0 }, 1, 0, 0 },
    { "5E200800", "00000001", { 0xFFFFFFFF }, { 0 }, 2, 0, 0 },
    { "5E200800", "00000002", { 0xFFFFFFFF }, { 1 }, 3, 0, 0 },
    { "5E200800", "00000001", { 1 }, { 2 }, 1, 0, 0 },
    { "5E200800", "00000000", { 0 }, { 0 }, 0, 0, 0 },
    { "5F200800", "00000001", { 1 }, { 0 }, 2, 0, 0 },
    { "5F200800", "00000002", { 1 }, { 0xFFFFFFFF }, 1, 0, 0 },
    { "5F200800", "00000001", { 3 }, { 2 }, 3, 0, 0 },
    { "5C200800", "00000005", { 0, 0xFFFFFFFD }, { 0xFFFFFFFF, 0xFFFFFFF1 }, 0, 0, 0 },
    { "5C300800", "00000005", { 0, 3 }, { 0, 3 }, NOCC, PGM_SPECIFICATION, 0 },
    { "5D200800", "00000005", { 0, 17 }, { 2, 3 }, 0, 0, 0 },
    { "5D200800", "00000000", { 0, 17 }, { 0, 17 }, NOCC, PGM_FIXED_DIVIDE, 0 },
    { "5D300800", "00000005", { 0, 17 }, { 0, 17 }, NOCC, PGM_SPECIFICATION, 0 },
    { "43200800", "AB", { 0x11223344 }, { 0x112233AB }, 0, 0, 0 },
    /* LA: X'567' + X'12000001' + X'00FFFFFF' = X'13000567', 24 bits kept */
    { "41234567", NULL, { 0xFFFFFFFF, 0x12000001, 0x00FFFFFF }, { 0x567, 0x12000001, 0x00FFFFFF }, 0, 0, 0 },
    { "41200FFF", NULL, { 0xFFFFFFFF }, { 0xFFF }, 0, 0, 0 },

    /* Shifts: the amount is the low six bits of the address */
    { "88200001", NULL, { 4 }, { 2 }, 0, 0, 0 },
    { "8820001F", NULL, { 0x80000000 }, { 1 }, 0, 0, 0 },
    { "88200020", NULL, { 0x80000000 }, { 0 }, 0, 0, 0 },
    { "88200041", NULL, { 4 }, { 2 }, 0, 0, 0 },
    { "88205000", NULL, { 0x100, 0, 0, 0x103 }, { 0x20, 0, 0, 0x103 }, 0, 0, 0 },
    { "89200004", NULL, { 0x12345678 }, { 0x23456780 }, 0, 0, 0 },
    { "8920003F", NULL, { 1 }, { 0 }, 0, 0, 0 },
    { "8A200004", NULL, { 0x80000010 }, { 0xF8000001 }, 1, 0, 0 },
    { "8A20003F", NULL, { 0x80000000 }, { 0xFFFFFFFF }, 1, 0, 0 },
    { "8A200005", NULL, { 0x10 }, { 0 }, 0, 0, 0 },
    { "8A200004", NULL, { 0x100 }, { 0x10 }, 2, 0, 0 },
    /* SLA: the sign stays; a shifted-out bit unlike the sign is overflow */
    { "8B200001", NULL, { 0x40000000 }, { 0 }, 3, 0, 0 },
    { "8B200001", NULL, { 0x40000000 }, { 0 }, 3, PGM_FIXED_OVERFLOW, 8 },
    { "8B200004", NULL, { 0xFFFFFFFF }, { 0xFFFFFFF0 }, 1, 0, 0 },
    { "8B200001", NULL, { 0x80000001 }, { 0x80000002 }, 3, 0, 0 },
    { "8B20001E", NULL, { 1 }, { 0x40000000 }, 2, 0, 0 },
    { "8B20001F", NULL, { 1 }, { 0 }, 3, 0, 0 },
    { "8B20003F", NULL, { 0x80000000 }, { 0x80000000 }, 3, 0, 0 },
    { "8B200000", NULL, { 0 }, { 0 }, 0, 0, 0 },
    { "8C200008", NULL, { 0x12345678, 0x9ABCDEF0 }, { 0x00123456, 0x789ABCDE }, 0, 0, 0 },
    { "8C300008", NULL, { 1, 2 }, { 1, 2 }, NOCC, PGM_SPECIFICATION, 0 },
    { "8D200004", NULL, { 0x12345678, 0x9ABCDEF0 }, { 0x23456789, 0xABCDEF00 }, 0, 0, 0 },
    { "8D20003F", NULL, { 0, 1 }, { 0x80000000, 0 }, 0, 0, 0 },
    { "8D300001", NULL, { 1, 2 }, { 1, 2 }, NOCC, PGM_SPECIFICATION, 0 },
    { "8E20003F", NULL, { 0x80000000, 0 }, { 0xFFFFFFFF, 0xFFFFFFFF }, 1, 0, 0 },
    { "8E200004", NULL, { 0, 0x10 }, { 0, 1 }, 2, 0, 0 },
    { "8E200004", NULL, { 0, 0xF }, { 0, 0 }, 0, 0, 0 },
    { "8E300001", NULL, { 1, 2 }, { 1, 2 }, NOCC, PGM_SPECIFICATION, 0 },
    { "8F200020", NULL, { 0, 0x12345678 }, { 0x12345678, 0 }, 2, 0, 0 },
    { "8F200020", NULL, { 0, 0x80000000 }, { 0, 0 }, 3, 0, 0 },
    { "8F200020", NULL, { 0, 0x80000000 }, { 0, 0 }, 3, PGM_FIXED_OVERFLOW, 8 },
    { "8F200001", NULL, { 0xFFFFFFFF, 0xFFFFFFFE }, { 0xFFFFFFFF, 0xFFFFFFFC }, 1, 0, 0 },
    { "8F300001", NULL, { 1, 2 }, { 1, 2 }, NOCC, PGM_SPECIFICATION, 0 },

    /* ICM: cc 0 all inserted bits zero, 1 leftmost inserted bit one, 2 other */
    { "BF290800", "8001", { 0x11223344 }, { 0x80223301 }, 1, 0, 0 },
    { "BF290800", "0000", { 0x11223344 }, { 0x00223300 }, 0, 0, 0 },
    { "BF2F0800", "01020304", { 0 }, { 0x01020304 }, 2, 0, 0 },
    { "BF260800", "FF00", { 0 }, { 0x00FF0000 }, 1, 0, 0 },
    /* mask 0: cc 0 and no access (the address is beyond storage) */
    { "1532 BF205000", NULL, { 1, 0, 0, 0x20000 }, { 1, 0, 0, 0x20000 }, 0, 0, 0 },
    /* CLM: mask 1010 selects bytes X'11' and X'33' */
    { "BD2A0800", "1133", { 0x11223344 }, { 0x11223344 }, 0, 0, 0 },
    { "BD2A0800", "1134", { 0x11223344 }, { 0x11223344 }, 1, 0, 0 },
    { "BD2A0800", "1132", { 0x11223344 }, { 0x11223344 }, 2, 0, 0 },
    { "BD2F0800", "11223345", { 0x11223344 }, { 0x11223344 }, 1, 0, 0 },
    { "1532 BD205000", NULL, { 1, 0, 0, 0x20000 }, { 1, 0, 0, 0x20000 }, 0, 0, 0 },
    /* CS, CDS register results */
    { "BA230800", "00000005", { 5, 9 }, { 5, 9 }, 0, 0, 0 },
    { "BA230800", "00000007", { 5, 9 }, { 7, 9 }, 1, 0, 0 },
    { "BA230802", "00000005", { 5, 9 }, { 5, 9 }, NOCC, PGM_SPECIFICATION, 0 },
    { "BB240800", "00000001 00000002", { 1, 2, 3, 4 }, { 1, 2, 3, 4 }, 0, 0, 0 },
    { "BB240800", "00000007 00000008", { 1, 2, 3, 4 }, { 7, 8, 3, 4 }, 1, 0, 0 },
    { "BB340800", "00000001 00000002", { 1, 2, 3, 4 }, { 1, 2, 3, 4 }, NOCC, PGM_SPECIFICATION, 0 },
    { "BB250800", "00000001 00000002", { 1, 2, 3, 4 }, { 1, 2, 3, 4 }, NOCC, PGM_SPECIFICATION, 0 },
    { "BB240804", "00000001 00000002", { 1, 2, 3, 4 }, { 1, 2, 3, 4 }, NOCC, PGM_SPECIFICATION, 0 },
    /* SPM: r2 bits 2-3 cc, 4-7 mask; the mask then enables overflow (AR 3,3) */
    { "0420 1A33", NULL, { 0x28000000, 0x40000000 }, { 0x28000000, 0x80000000 }, 3, PGM_FIXED_OVERFLOW, 0 },
    { "0420", NULL, { 0xF7000000 }, { 0xF7000000 }, 3, 0, 0 },
    /* Access exceptions: L beyond 64K storage; ST crossing its end */
    { "58205000", NULL, { 7, 0, 0, 0x10000 }, { 7, 0, 0, 0x10000 }, NOCC, PGM_ADDRESSING, 0 },
    { "5020500E", NULL, { 7, 0, 0, 0xFFF0 }, { 7, 0, 0, 0xFFF0 }, NOCC, PGM_ADDRESSING, 0 },
};

START_TEST(reg_table)
{
    const struct reg_case *t = &reg_cases[_i];
    struct cpu *c = mk();
    char prog[128];
    snprintf(prog, sizeof prog, "%s%s", t->pm ? "04F0 " : "", t->prog);
    c->gr[15] = (uint32_t)t->pm << 24;
    for (int i = 0; i < 4; i++) c->gr[2 + i] = t->in[i];
    if (t->mem) t_put(c, DATA, t->mem);
    unsigned code = t_run(c, prog);
    if (t->pgm == 0) {
        ck_assert_msg(t_ended(c, hex_len(prog)), "row %d (%s) stopped with code %u", _i, t->prog, code);
    } else {
        ck_assert_msg(code == t->pgm, "row %d (%s): code %u, want %u", _i, t->prog, code, t->pgm);
        ck_assert_uint_eq(t_pgm_ia(c), T_ORG + hex_len(prog));   /* completed or suppressed */
    }
    for (int i = 0; i < 4; i++)
        ck_assert_msg(c->gr[2 + i] == t->out[i], "row %d (%s): GR%d = %08X, want %08X", _i, t->prog,
                      2 + i, c->gr[2 + i], t->out[i]);
    if (t->cc >= 0) ck_assert_msg(old_cc(c) == (unsigned)t->cc, "row %d (%s): cc %u, want %d", _i, t->prog,
                                  old_cc(c), t->cc);
    cpu_free(c);
}
END_TEST

/* ---------------------------------------------------------------------- */
/* Access exceptions of every storage operand: GR5 points at X'10000', just
   beyond the 64K of storage (addressing), or at X'2000' in a key-2 block
   while the program runs in key 1 (protection for stores). */

static const char *const beyond_storage[] = {
    "58205000", "50205000", "40205000", "42205000", "43205000", "48205000",
    "49205000", "4A205000", "4B205000", "4C205000", "54205000", "55205000",
    "56205000", "57205000", "59205000", "5A205000", "5B205000", "5C205000",
    "5D205000", "5E205000", "5F205000", "44005000", "90015000", "98015000",
    "91015000", "92015000", "93005000", "94015000", "95015000", "96015000",
    "97015000", "BA235000", "BB245000", "BD2F5000", "BE2F5000", "BF2F5000",
    "D2005000 0800", "D2000800 5000", "D1005000 0800", "D3005000 0800",
    "D4005000 0800", "D5005000 0800", "D5000800 5000", "D6005000 0800",
    "D7005000 0800", "DC005000 0800", "DC000800 5000", "DD005000 0800",
    "DD000800 5000", "0E64", "0E46", "0F64", "0F46",
};

START_TEST(addressing_beyond_storage)
{
    const char *prog = beyond_storage[_i];
    struct cpu *c = mk();
    c->gr[2] = 0x11111111;
    c->gr[3] = 0x22222222;
    c->gr[5] = 0x10000;   /* base; also the GR4 operand length of MVCL/CLCL */
    c->gr[4] = 0x800;
    c->gr[6] = 0x10000;   /* MVCL/CLCL: GR6/GR7 is X'10000', one byte */
    c->gr[7] = 1;
    ck_assert_msg(t_run(c, prog) == PGM_ADDRESSING, "%s", prog);
    ck_assert_uint_eq(t_pgm_ia(c), T_ORG + hex_len(prog));
    ck_assert_uint_eq(c->gr[2], 0x11111111);
    ck_assert_uint_eq(c->gr[3], 0x22222222);
    cpu_free(c);
}
END_TEST

static const char *const store_protected[] = {
    "50205000", "40205000", "42205000", "90015000", "92015000", "93005000",
    "94015000", "96015000", "97015000", "BA235000", "BB245000", "BE2F5000",
    "D2005000 0800", "D1005000 0800", "D3005000 0800", "D4005000 0800",
    "D6005000 0800", "D7005000 0800", "DC005000 0800", "0E64",
};

START_TEST(protection_of_stores)
{
    const char *prog = store_protected[_i];
    struct cpu *c = mk();
    c->keys[0x2000 >> BLOCK_SHIFT] = 0x20;
    t_set4(c, 0x2000, 0x5A5A5A5A);
    t_set4(c, 0x2004, 0x5A5A5A5A);
    c->gr[2] = 0x5A5A5A5A;   /* CS/CDS compare equal: they would store */
    c->gr[3] = 0x5A5A5A5A;
    c->gr[5] = 0x2000;   /* base; also the GR4 operand length of MVCL */
    c->gr[4] = 0x800;
    c->gr[6] = 0x2000;   /* MVCL 6,4: 4 bytes to X'2000' */
    c->gr[7] = 4;
    ck_assert_msg(t_run_as(c, 0x10, prog) == PGM_PROTECTION, "%s", prog);
    ck_assert_uint_eq(t_get4(c, 0x2000), 0x5A5A5A5A);
    ck_assert_uint_eq(t_get4(c, 0x2004), 0x5A5A5A5A);
    cpu_free(c);
}
END_TEST

/* ---------------------------------------------------------------------- */
/* Branching.                                                              */

/* BC and BCR for every cc and mask: ALR sets the cc, the branch skips
   LA 5,1 when taken (PoO: mask bit 8>>cc selects). */
START_TEST(bc_every_mask)
{
    static const uint32_t a[4] = { 0, 1, 0xFFFFFFFF, 0xFFFFFFFF }, b[4] = { 0, 0, 1, 2 };
    unsigned cc = (unsigned)_i / 16, mask = (unsigned)_i % 16;
    bool taken = mask & (8u >> cc);
    char prog[64];
    for (int rr = 0; rr < 2; rr++) {
        struct cpu *c = mk();
        c->gr[2] = a[cc];
        c->gr[3] = b[cc];
        c->gr[4] = 0x1008;
        if (rr) snprintf(prog, sizeof prog, "1E23 07%X4 41500001", mask);        /* BCR m,4 */
        else snprintf(prog, sizeof prog, "1E23 47%X0C00A 41500001", mask);      /* BC m,X'A'(12) */
        t_run(c, prog);
        unsigned len = hex_len(prog);
        ck_assert(t_ended(c, len));
        ck_assert_uint_eq(c->gr[5], taken ? 0 : 1);
        ck_assert_uint_eq(old_cc(c), cc);
        cpu_free(c);
    }
}
END_TEST

START_TEST(bcr_r2_zero_does_not_branch)
{
    struct cpu *c = mk();
    t_run(c, "07F0 41500001");   /* BCR 15,0 */
    ck_assert(t_ended(c, 6));
    ck_assert_uint_eq(c->gr[5], 1);
    cpu_free(c);
}
END_TEST

START_TEST(balr_link_information)
{
    /* SPM sets cc 2 and mask C from X'2C': link = ILC 1 (01), cc 10, mask 1100,
       address X'1004' -> X'6C001004'; BALR 14,0 does not branch. */
    struct cpu *c = mk();
    c->gr[15] = 0x2C000000;
    t_run(c, "04F0 05E0");
    ck_assert(t_ended(c, 4));
    ck_assert_uint_eq(c->gr[14], 0x6C001004);
    ck_assert_uint_eq(old_cc(c), 2);
    ck_assert_uint_eq(c->mem[PSA_PGM_OLD + 4] & 15, 0xC);
    cpu_free(c);
}
END_TEST

START_TEST(balr_branches_to_old_r2)
{
    /* BALR 15,15: the target is taken before GR15 gets the link. */
    struct cpu *c = mk();
    c->gr[15] = 0x1006;
    t_run(c, "05FF 41500001");
    ck_assert(t_ended(c, 6));
    ck_assert_uint_eq(c->gr[5], 0);
    ck_assert_uint_eq(c->gr[15], 0x40001002);
    cpu_free(c);
}
END_TEST

START_TEST(bal_link_bc_and_ec)
{
    struct cpu *c = mk();
    t_run(c, "45E0C008 41500001");   /* BAL 14,X'1008': ILC 2 -> X'80001004' */
    ck_assert(t_ended(c, 8));
    ck_assert_uint_eq(c->gr[5], 0);
    ck_assert_uint_eq(c->gr[14], 0x80001004);
    cpu_free(c);

    /* EC mode, cc 2, mask C: S/370 stores the same link format. */
    c = mk();
    t_put(c, T_ORG, "45E0C004 0000");
    t_psw(c, "00082C00 00001000");
    ck_assert_uint_eq(t_go(c), PGM_OPERATION);
    ck_assert_uint_eq(c->gr[14], 0xAC001004);
    cpu_free(c);
}
END_TEST

START_TEST(bct_and_bctr_loops)
{
    struct cpu *c = mk();
    /* LA 2,5; LA 3,0; loop: LA 3,1(3); BCT 2,loop */
    t_run(c, "41200005 41300000 41303001 4620C008");
    ck_assert(t_ended(c, 16));
    ck_assert_uint_eq(c->gr[3], 5);
    ck_assert_uint_eq(c->gr[2], 0);
    cpu_free(c);

    c = mk();
    /* LA 2,3; LA 3,0; LA 4,X'100C'; loop: LA 3,1(3); BCTR 2,4; BCTR 3,0 */
    t_run(c, "41200003 41300000 4140C00C 41303001 0624 0630");
    ck_assert(t_ended(c, 20));
    ck_assert_uint_eq(c->gr[2], 0);
    ck_assert_uint_eq(c->gr[3], 2);   /* 3 counted, then BCTR 3,0 only decrements */
    cpu_free(c);
}
END_TEST

START_TEST(bxle_bxh_loops)
{
    struct cpu *c = mk();
    /* GR2 index 0, GR4 increment 1, GR5 limit 3: the body runs for 0..3 */
    c->gr[4] = 1;
    c->gr[5] = 3;
    t_run(c, "41303001 8724C000");
    ck_assert(t_ended(c, 8));
    ck_assert_uint_eq(c->gr[3], 4);
    ck_assert_uint_eq(c->gr[2], 4);
    cpu_free(c);

    c = mk();
    c->gr[2] = 3;
    c->gr[4] = 0xFFFFFFFF;   /* -1 */
    c->gr[5] = 0;
    t_run(c, "41303001 8624C000");
    ck_assert(t_ended(c, 8));
    ck_assert_uint_eq(c->gr[3], 3);
    ck_assert_uint_eq(c->gr[2], 0);
    cpu_free(c);

    /* BXH 5,4: R1 is the comparand register; the old value (10) is the
       comparand, so 11 > 10 branches over LA 6,1. */
    c = mk();
    c->gr[4] = 1;
    c->gr[5] = 10;
    t_run(c, "8654C008 41600001");
    ck_assert(t_ended(c, 8));
    ck_assert_uint_eq(c->gr[5], 11);
    ck_assert_uint_eq(c->gr[6], 0);
    cpu_free(c);

    /* BXLE with an odd R3: R3 is both increment and comparand. */
    c = mk();
    c->gr[2] = 1;
    c->gr[3] = 2;   /* 1+2 = 3 > 2: no branch */
    t_run(c, "8723C008 41600001");
    ck_assert(t_ended(c, 8));
    ck_assert_uint_eq(c->gr[2], 3);
    ck_assert_uint_eq(c->gr[6], 1);
    cpu_free(c);
}
END_TEST

/* ---------------------------------------------------------------------- */
/* SVC, EX, MC.                                                            */

START_TEST(svc_bc_mode)
{
    struct cpu *c = mk();
    t_put(c, PSA_SVC_NEW, "00020000 00002222");
    t_run(c, "0A7B");
    ck_assert_int_eq(c->stop, STOP_WAIT);
    ck_assert_uint_eq(c->psw.ia, 0x2222);
    ck_assert_uint_eq(t_get4(c, PSA_SVC_OLD), 0x0000007B);       /* code in bits 16-31 */
    ck_assert_uint_eq(t_get4(c, PSA_SVC_OLD + 4), 0x40001002);   /* ILC 1, next address */
    cpu_free(c);
}
END_TEST

START_TEST(svc_ec_mode)
{
    struct cpu *c = mk();
    t_put(c, PSA_SVC_NEW, "00020000 00002222");
    t_put(c, T_ORG, "0A7B");
    t_psw(c, "00080000 00001000");
    t_go(c);
    ck_assert_uint_eq(c->psw.ia, 0x2222);
    ck_assert_uint_eq(t_get8(c, PSA_SVC_OLD), 0x0008000000001002ull);
    ck_assert_uint_eq(t_get4(c, 0x88), 0x0002007B);   /* ILC 1 as X'02', code X'007B' */
    cpu_free(c);
}
END_TEST

START_TEST(svc_under_ex)
{
    /* EX 3,X'800' of SVC X'11' with GR3 = X'22': code X'33', ILC 2 of EX. */
    struct cpu *c = mk();
    t_put(c, PSA_SVC_NEW, "00020000 00002222");
    t_put(c, DATA, "0A11");
    c->gr[3] = 0x22;
    t_run(c, "44300800");
    ck_assert_uint_eq(c->psw.ia, 0x2222);
    ck_assert_uint_eq(t_get4(c, PSA_SVC_OLD), 0x00000033);
    ck_assert_uint_eq(t_get4(c, PSA_SVC_OLD + 4), 0x80001004);
    cpu_free(c);
}
END_TEST

START_TEST(ex_register_target)
{
    /* EX 0 of AR 2,3; then EX 1 of LR 0,0 with GR1 = X'23' -> LR 2,3 */
    struct cpu *c = mk();
    t_put(c, DATA, "1A23 1800");
    c->gr[2] = 5;
    c->gr[3] = 7;
    c->gr[1] = 0x23;
    t_run(c, "44000800 1A22");
    ck_assert(t_ended(c, 6));
    ck_assert_uint_eq(c->gr[2], 24);   /* (5+7)*2 */
    c->gr[2] = 0;
    t_run(c, "44100802");
    ck_assert(t_ended(c, 4));
    ck_assert_uint_eq(c->gr[2], 7);
    ck_assert(!c->in_ex);
    cpu_free(c);
}
END_TEST

START_TEST(ex_modifies_length)
{
    /* EX 4 of MVC X'900'(1),X'800' with GR4 = 3: moves 4 bytes */
    struct cpu *c = mk();
    t_put(c, 0xA00, "D200 0900 0800");
    t_put(c, DATA, "11223344 55");
    c->gr[4] = 0xFFFFFF03;   /* only bits 24-31 are used */
    t_run(c, "44400A00");
    ck_assert(t_ended(c, 4));
    ck_assert_uint_eq(t_get4(c, 0x900), 0x11223344);
    ck_assert_uint_eq(c->mem[0x904], 0);
    ck_assert_uint_eq(t_get4(c, 0xA00), 0xD2000900);   /* target unchanged in storage */
    cpu_free(c);
}
END_TEST

START_TEST(ex_target_crosses_block)
{
    /* 6-byte MVC target at X'7FE'..X'803' */
    struct cpu *c = mk();
    t_put(c, 0x7FE, "D201 0900 0A00");
    t_put(c, 0xA00, "ABCD");
    t_run(c, "440007FE");
    ck_assert(t_ended(c, 4));
    ck_assert_uint_eq(c->mem[0x900], 0xAB);
    ck_assert_uint_eq(c->mem[0x901], 0xCD);
    cpu_free(c);
}
END_TEST

START_TEST(ex_branch_and_link)
{
    /* EX of BALR 14,0: ILC 2 and the address after EX; EX of BC 15 branches */
    struct cpu *c = mk();
    t_put(c, DATA, "05E0 47F0C00C");
    t_run(c, "44000800 44000802 41500001");
    ck_assert(t_ended(c, 12));
    ck_assert_uint_eq(c->gr[14], 0x80001004);
    ck_assert_uint_eq(c->gr[5], 0);
    cpu_free(c);
}
END_TEST

START_TEST(ex_exceptions)
{
    struct cpu *c = mk();
    t_put(c, DATA, "44000800");
    ck_assert_uint_eq(t_run(c, "44000800"), PGM_EXECUTE);
    ck_assert_uint_eq(t_pgm_ia(c), 0x1004);
    ck_assert_uint_eq(t_pgm_ilc(c), 2);
    ck_assert_uint_eq(t_run(c, "44000801"), PGM_SPECIFICATION);
    /* target exception: ILC and address of EX */
    t_put(c, 0x900, "58205000");
    c->gr[5] = 0x10000;
    ck_assert_uint_eq(t_run(c, "4100 0000 44000900"), PGM_ADDRESSING);
    ck_assert_uint_eq(t_pgm_ia(c), 0x1008);
    ck_assert_uint_eq(t_pgm_ilc(c), 2);
    ck_assert(!c->in_ex);
    cpu_free(c);
}
END_TEST

START_TEST(mc_monitor_event)
{
    struct cpu *c = mk();
    c->cr[8] = 0x00002000;   /* class 2 enabled (bit 18) */
    c->gr[5] = 0x00FF0000;
    ck_assert_uint_eq(t_run(c, "AF025123"), PGM_MONITOR_EVENT);
    ck_assert_uint_eq(c->mem[PSA_MONITOR_CLASS], 2);
    ck_assert_uint_eq(t_get4(c, PSA_MONITOR_CODE), 0x00FF0123);
    ck_assert_uint_eq(t_pgm_ia(c), 0x1004);
    /* class 3 disabled: no-op */
    t_run(c, "AF030123");
    ck_assert(t_ended(c, 4));
    /* I2 bits 0-3 must be zero */
    ck_assert_uint_eq(t_run(c, "AF120123"), PGM_SPECIFICATION);
    cpu_free(c);
}
END_TEST

/* ---------------------------------------------------------------------- */
/* Storage operations.                                                     */

START_TEST(st_sth_stc_stm_lm)
{
    struct cpu *c = mk();
    c->gr[2] = 0x11223344;
    t_run(c, "50200800 40200804 42200806");
    ck_assert(t_ended(c, 12));
    ck_assert_uint_eq(t_get4(c, 0x800), 0x11223344);
    ck_assert_uint_eq(t_get4(c, 0x804), 0x33444400);
    /* STM 14,2 wraps 14,15,0,1,2; LM 6,8 reads the first three back */
    for (int i = 0; i < 16; i++) c->gr[i] = 0x100u + (unsigned)i;
    t_run(c, "90E20900 98680900");
    ck_assert(t_ended(c, 8));
    ck_assert_uint_eq(t_get4(c, 0x900), 0x10E);
    ck_assert_uint_eq(t_get4(c, 0x904), 0x10F);
    ck_assert_uint_eq(t_get4(c, 0x908), 0x100);
    ck_assert_uint_eq(t_get4(c, 0x90C), 0x101);
    ck_assert_uint_eq(t_get4(c, 0x910), 0x102);
    ck_assert_uint_eq(c->gr[6], 0x10E);
    ck_assert_uint_eq(c->gr[7], 0x10F);
    ck_assert_uint_eq(c->gr[8], 0x100);
    /* crossing a block */
    t_run(c, "900F07F8");
    ck_assert(t_ended(c, 4));
    ck_assert_uint_eq(t_get4(c, 0x7FC), 0x101);
    ck_assert_uint_eq(t_get4(c, 0x800), 0x102);
    cpu_free(c);
}
END_TEST

START_TEST(stm_lm_beyond_storage_change_nothing)
{
    struct cpu *c = mk();
    for (int i = 0; i < 16; i++) c->gr[i] = 0xA0u + (unsigned)i;
    c->gr[5] = 0xFFF8;
    ck_assert_uint_eq(t_run(c, "900F5000"), PGM_ADDRESSING);
    ck_assert_uint_eq(t_get8(c, 0xFFF8), 0);
    ck_assert_uint_eq(t_run(c, "98065000"), PGM_ADDRESSING);
    ck_assert_uint_eq(c->gr[0], 0xA0);
    ck_assert_uint_eq(c->gr[1], 0xA1);
    cpu_free(c);
}
END_TEST

START_TEST(si_instructions)
{
    struct cpu *c = mk();
    /* MVI; TM X'C3' with masks 03 (ones), 0C (zeros), 81 (mixed), 00 */
    t_run(c, "92C30800 91030800");
    ck_assert_uint_eq(c->mem[0x800], 0xC3);
    ck_assert_uint_eq(old_cc(c), 3);
    t_run(c, "910C0800");
    ck_assert_uint_eq(old_cc(c), 0);
    t_run(c, "91840800");   /* C3 & 84 = 80: mixed */
    ck_assert_uint_eq(old_cc(c), 1);
    t_run(c, "1523 91000800");   /* cc 0 anyway; mask 0 gives cc 0 */
    ck_assert_uint_eq(old_cc(c), 0);
    /* NI OI XI and their cc */
    t_run(c, "943C0800");   /* C3 & 3C = 00 */
    ck_assert_uint_eq(c->mem[0x800], 0);
    ck_assert_uint_eq(old_cc(c), 0);
    t_run(c, "96810800");
    ck_assert_uint_eq(c->mem[0x800], 0x81);
    ck_assert_uint_eq(old_cc(c), 1);
    t_run(c, "97FF0800");
    ck_assert_uint_eq(c->mem[0x800], 0x7E);
    ck_assert_uint_eq(old_cc(c), 1);
    t_run(c, "977E0800");
    ck_assert_uint_eq(c->mem[0x800], 0);
    ck_assert_uint_eq(old_cc(c), 0);
    /* CLI is unsigned: X'80' > X'7F' */
    t_put(c, DATA, "80");
    t_run(c, "957F0800");
    ck_assert_uint_eq(old_cc(c), 2);
    t_run(c, "95800800");
    ck_assert_uint_eq(old_cc(c), 0);
    t_run(c, "95810800");
    ck_assert_uint_eq(old_cc(c), 1);
    cpu_free(c);
}
END_TEST

START_TEST(ts_sets_ones)
{
    struct cpu *c = mk();
    t_put(c, DATA, "00 80");
    t_run(c, "93000800");
    ck_assert_uint_eq(old_cc(c), 0);
    ck_assert_uint_eq(c->mem[0x800], 0xFF);
    t_run(c, "93000801");
    ck_assert_uint_eq(old_cc(c), 1);
    ck_assert_uint_eq(c->mem[0x801], 0xFF);
    cpu_free(c);
}
END_TEST

START_TEST(cs_cds_storage)
{
    struct cpu *c = mk();
    t_put(c, DATA, "00000005");
    c->gr[2] = 5;
    c->gr[3] = 9;
    t_run(c, "BA230800");
    ck_assert_uint_eq(t_get4(c, 0x800), 9);
    ck_assert_uint_eq(old_cc(c), 0);
    t_run(c, "BA230800");   /* now unequal: GR2 loaded, storage kept */
    ck_assert_uint_eq(t_get4(c, 0x800), 9);
    ck_assert_uint_eq(c->gr[2], 9);
    ck_assert_uint_eq(old_cc(c), 1);
    t_set8(c, 0x808, 0x0000000100000002ull);
    c->gr[2] = 1; c->gr[3] = 2; c->gr[4] = 3; c->gr[5] = 4;
    t_run(c, "BB240808");
    ck_assert_uint_eq(t_get8(c, 0x808), 0x0000000300000004ull);
    ck_assert_uint_eq(old_cc(c), 0);
    cpu_free(c);
}
END_TEST

START_TEST(stcm_and_clm_icm_cross_block)
{
    struct cpu *c = mk();
    c->gr[2] = 0x11223344;
    t_put(c, DATA, "AAAAAAAA");
    t_run(c, "BE250800");   /* mask 0101 stores X'22' X'44' */
    ck_assert_uint_eq(t_get4(c, 0x800), 0x2244AAAA);
    t_run(c, "BE200800");   /* mask 0: nothing */
    ck_assert_uint_eq(t_get4(c, 0x800), 0x2244AAAA);
    t_run(c, "BE2E07FF");   /* 11 22 33 across X'800' */
    ck_assert(t_ended(c, 4));
    ck_assert_uint_eq(c->mem[0x7FF], 0x11);
    ck_assert_uint_eq(c->mem[0x800], 0x22);
    ck_assert_uint_eq(c->mem[0x801], 0x33);
    c->gr[3] = 0;
    t_run(c, "BF3707FF");   /* ICM 3,7: 11 22 33 -> X'00112233', cc 2 */
    ck_assert_uint_eq(c->gr[3], 0x00112233);
    ck_assert_uint_eq(old_cc(c), 2);
    t_run(c, "BD2E07FF");   /* CLM 2,14: 11 22 33 equal */
    ck_assert_uint_eq(old_cc(c), 0);
    /* STCM crossing the end of storage stores nothing */
    c->gr[5] = 0xFFFE;
    ck_assert_uint_eq(t_run(c, "BE2F5000"), PGM_ADDRESSING);
    ck_assert_uint_eq(c->mem[0xFFFE], 0);
    cpu_free(c);
}
END_TEST

/* SS: MVC, MVN, MVZ, NC, OC, XC, CLC, TR, TRT */

START_TEST(mvc_moves_and_propagates)
{
    struct cpu *c = mk();
    t_put(c, DATA, "11223344 55");
    t_run(c, "D2030900 0800");
    ck_assert(t_ended(c, 6));
    ck_assert_uint_eq(t_get4(c, 0x900), 0x11223344);
    ck_assert_uint_eq(c->mem[0x904], 0);
    /* destination one byte right of the source: the first byte propagates */
    t_put(c, DATA, "C1000000 00");
    t_run(c, "D2030801 0800");
    ck_assert_uint_eq(t_get4(c, 0x800), 0xC1C1C1C1);
    ck_assert_uint_eq(c->mem[0x804], 0xC1);
    /* destination left of the source: a plain left shift */
    t_put(c, DATA, "11223344 55");
    t_run(c, "D2030800 0801");
    ck_assert_uint_eq(t_get4(c, 0x800), 0x22334455);
    ck_assert_uint_eq(c->mem[0x804], 0x55);
    /* 256 bytes propagated across a block boundary (slow path) */
    t_put(c, 0x7F0, "5A");
    t_run(c, "D2FF07F1 07F0");
    ck_assert(all_bytes(c, 0x7F0, 0x101, 0x5A));
    ck_assert_uint_eq(c->mem[0x8F1], 0);
    cpu_free(c);
}
END_TEST

START_TEST(mvc_access_exceptions_store_nothing)
{
    struct cpu *c = mk();
    t_put(c, DATA, "11223344");
    /* destination crosses the end of storage */
    c->gr[5] = 0xFFFE;
    ck_assert_uint_eq(t_run(c, "D2035000 0800"), PGM_ADDRESSING);
    ck_assert_uint_eq(c->mem[0xFFFE], 0);
    ck_assert_uint_eq(c->mem[0xFFFF], 0);
    /* source crosses the end of storage */
    ck_assert_uint_eq(t_run(c, "D2030900 5000"), PGM_ADDRESSING);
    ck_assert_uint_eq(t_get4(c, 0x900), 0);
    /* protected destination block (key 2) in key 1 */
    c->keys[0x2000 >> BLOCK_SHIFT] = 0x20;
    c->keys[0x1800 >> BLOCK_SHIFT] = 0x10;   /* key 1: the first two bytes may be stored */
    c->gr[5] = 0x1FFE;
    ck_assert_uint_eq(t_run_as(c, 0x10, "D2035000 0800"), PGM_PROTECTION);
    ck_assert_uint_eq(c->mem[0x1FFE], 0);
    ck_assert_uint_eq(c->mem[0x2000], 0);
    cpu_free(c);
}
END_TEST

START_TEST(protection_key_controlled)
{
    struct cpu *c = mk();
    c->gr[5] = 0x2000;
    c->gr[2] = 0x12345678;
    t_set4(c, 0x2000, 0xCAFEF00D);
    c->keys[0x2000 >> BLOCK_SHIFT] = 0x20;                   /* key 2, fetch allowed */
    ck_assert_uint_eq(t_run_as(c, 0x10, "50205000"), PGM_PROTECTION);   /* ST */
    ck_assert_uint_eq(t_get4(c, 0x2000), 0xCAFEF00D);
    ck_assert_uint_eq(t_run_as(c, 0x10, "93005000"), PGM_PROTECTION);   /* TS */
    ck_assert_uint_eq(t_run_as(c, 0x10, "96FF5000"), PGM_PROTECTION);   /* OI */
    ck_assert_uint_eq(t_run_as(c, 0x10, "BA235000"), PGM_PROTECTION);   /* CS */
    t_run_as(c, 0x10, "58305000");                                      /* L is fine */
    ck_assert(t_ended(c, 4));
    ck_assert_uint_eq(c->gr[3], 0xCAFEF00D);
    c->keys[0x2000 >> BLOCK_SHIFT] = 0x28;                   /* fetch protected */
    cpu_tlb_flush(c);                                        /* as SSK would */
    c->gr[3] = 0;
    ck_assert_uint_eq(t_run_as(c, 0x10, "58305000"), PGM_PROTECTION);
    ck_assert_uint_eq(c->gr[3], 0);
    ck_assert_uint_eq(t_run_as(c, 0x10, "D5035000 0800"), PGM_PROTECTION); /* CLC */
    t_run_as(c, 0x20, "50205000");                           /* matching key stores */
    ck_assert(t_ended(c, 4));
    ck_assert_uint_eq(t_get4(c, 0x2000), 0x12345678);
    cpu_free(c);
}
END_TEST

START_TEST(mvn_mvz)
{
    struct cpu *c = mk();
    t_put(c, DATA, "F1F2F3");
    t_put(c, 0x900, "C5C6C7 C8");
    t_run(c, "D1020900 0800");
    ck_assert_uint_eq(t_get4(c, 0x900), 0xC1C2C3C8);
    t_put(c, 0x900, "C5C6C7 C8");
    t_run(c, "D3020900 0800");
    ck_assert_uint_eq(t_get4(c, 0x900), 0xF5F6F7C8);
    cpu_free(c);
}
END_TEST

START_TEST(nc_oc_xc)
{
    struct cpu *c = mk();
    t_put(c, DATA, "F0F0");
    t_put(c, 0x900, "FF0F");
    t_run(c, "D4010900 0800");
    ck_assert_uint_eq(c->mem[0x900], 0xF0);
    ck_assert_uint_eq(c->mem[0x901], 0x00);
    ck_assert_uint_eq(old_cc(c), 1);
    t_put(c, 0x900, "0F0F");
    t_run(c, "D4010900 0800");
    ck_assert_uint_eq(old_cc(c), 0);
    t_put(c, 0x900, "0000");
    t_put(c, DATA, "0000");
    t_run(c, "D6010900 0800");
    ck_assert_uint_eq(old_cc(c), 0);
    t_put(c, DATA, "0001");
    t_run(c, "D6010900 0800");
    ck_assert_uint_eq(c->mem[0x901], 1);
    ck_assert_uint_eq(old_cc(c), 1);
    /* XC of a field with itself clears it */
    t_put(c, 0x900, "DEADBEEF");
    t_run(c, "D7030900 0900");
    ck_assert_uint_eq(t_get4(c, 0x900), 0);
    ck_assert_uint_eq(old_cc(c), 0);
    t_put(c, 0x900, "DEADBEEF");
    t_put(c, DATA, "DEADBEEE");
    t_run(c, "D7030900 0800");
    ck_assert_uint_eq(t_get4(c, 0x900), 1);
    ck_assert_uint_eq(old_cc(c), 1);
    /* overlapping OC, one byte at a time: 01 00 00 -> 01 01 01 */
    t_put(c, 0xA00, "010000");
    t_run(c, "D6010A01 0A00");
    ck_assert_uint_eq(c->mem[0xA01], 1);
    ck_assert_uint_eq(c->mem[0xA02], 1);
    /* XC across a block boundary */
    t_put(c, 0x7FE, "FFFF FFFF");
    t_put(c, 0x900, "0F0F 0F0F");
    t_run(c, "D70307FE 0900");
    ck_assert_uint_eq(c->mem[0x7FE], 0xF0);
    ck_assert_uint_eq(c->mem[0x801], 0xF0);
    ck_assert_uint_eq(old_cc(c), 1);
    cpu_free(c);
}
END_TEST

START_TEST(clc_cc)
{
    struct cpu *c = mk();
    t_put(c, DATA, "C1C2C3");
    t_put(c, 0x900, "C1C2C3");
    t_run(c, "D5020800 0900");
    ck_assert(t_ended(c, 6));
    ck_assert_uint_eq(old_cc(c), 0);
    t_put(c, 0x900, "C1C2C4");
    t_run(c, "D5020800 0900");
    ck_assert_uint_eq(old_cc(c), 1);
    t_put(c, 0x900, "C17FFF");   /* X'C2' > X'7F': unsigned */
    t_run(c, "D5020800 0900");
    ck_assert_uint_eq(old_cc(c), 2);
    /* across a block */
    t_put(c, 0x7FE, "01020304");
    t_put(c, 0x900, "01020305");
    t_run(c, "D50307FE 0900");
    ck_assert_uint_eq(old_cc(c), 1);
    t_run(c, "D5020900 07FE");   /* first three bytes equal */
    ck_assert_uint_eq(old_cc(c), 0);
    cpu_free(c);
}
END_TEST

START_TEST(tr_translates)
{
    struct cpu *c = mk();
    for (unsigned i = 0; i < 256; i++) c->mem[0xA00 + i] = (uint8_t)(0xFF - i);
    t_put(c, 0x900, "00 01 FE 80");
    t_run(c, "DC030900 0A00");
    ck_assert(t_ended(c, 6));
    ck_assert_uint_eq(t_get4(c, 0x900), 0xFFFE017F);
    /* table crossing a block (slow path) */
    for (unsigned i = 0; i < 256; i++) c->mem[0x780 + i] = (uint8_t)(i + 1);
    t_put(c, 0x900, "00 7F 80 FE");
    t_run(c, "DC030900 0780");
    ck_assert_uint_eq(t_get4(c, 0x900), 0x018081FF);
    /* the operand translating itself: one byte at a time */
    for (unsigned i = 0; i < 256; i++) c->mem[0xA00 + i] = 0;
    t_put(c, 0xA00, "01 02 03");
    t_run(c, "DC020A00 0A00");   /* byte 0: t[01]=02; byte 1: t[02]=03; byte 2: t[03]=00 */
    ck_assert_uint_eq(c->mem[0xA00], 0x02);
    ck_assert_uint_eq(c->mem[0xA01], 0x03);
    ck_assert_uint_eq(c->mem[0xA02], 0x00);
    cpu_free(c);
}
END_TEST

START_TEST(trt_finds_function_byte)
{
    struct cpu *c = mk();
    t_put(c, 0xA40, "04");   /* table at X'A00': only X'40' is non-zero */
    t_put(c, 0x900, "C1 C2 40 C3");
    c->gr[1] = 0xAA000000;
    c->gr[2] = 0x11223344;
    t_run(c, "DD030900 0A00");
    ck_assert(t_ended(c, 6));
    ck_assert_uint_eq(old_cc(c), 1);
    ck_assert_uint_eq(c->gr[1], 0xAA000902);
    ck_assert_uint_eq(c->gr[2], 0x11223304);
    /* the last byte: cc 2 */
    t_run(c, "DD020900 0A00");
    ck_assert_uint_eq(old_cc(c), 2);
    /* none: cc 0, registers unchanged */
    c->gr[1] = 1;
    c->gr[2] = 2;
    t_run(c, "DD010900 0A00");
    ck_assert_uint_eq(old_cc(c), 0);
    ck_assert_uint_eq(c->gr[1], 1);
    ck_assert_uint_eq(c->gr[2], 2);
    /* slow path: operand crossing a block */
    t_put(c, 0x7FE, "00 00 40");
    t_run(c, "DD0207FE 0A00");
    ck_assert_uint_eq(old_cc(c), 2);
    ck_assert_uint_eq(c->gr[1] & AMASK, 0x800);
    cpu_free(c);
}
END_TEST

/* ---------------------------------------------------------------------- */
/* MVCL and CLCL.                                                          */

START_TEST(mvcl_pads_and_sets_cc)
{
    struct cpu *c = mk();
    t_put(c, 0x3000, "11223344");
    c->gr[2] = 0xFF002000; c->gr[3] = 0xEE000008;
    c->gr[4] = 0x00003000; c->gr[5] = 0x40000004;   /* pad X'40', 4 bytes */
    t_run(c, "0E24");
    ck_assert(t_ended(c, 2));
    ck_assert_uint_eq(old_cc(c), 2);   /* first longer */
    ck_assert_uint_eq(t_get8(c, 0x2000), 0x1122334440404040ull);
    ck_assert_uint_eq(c->gr[2], 0x2008);       /* bits 0-7 cleared */
    ck_assert_uint_eq(c->gr[3], 0xEE000000);   /* bits 0-7 kept */
    ck_assert_uint_eq(c->gr[4], 0x3004);
    ck_assert_uint_eq(c->gr[5], 0x40000000);

    /* first shorter: cc 1, two bytes moved */
    t_set8(c, 0x2000, 0);
    c->gr[2] = 0x2000; c->gr[3] = 2; c->gr[4] = 0x3000; c->gr[5] = 0x40000004;
    t_run(c, "0E24");
    ck_assert_uint_eq(old_cc(c), 1);
    ck_assert_uint_eq(t_get4(c, 0x2000), 0x11220000);
    ck_assert_uint_eq(c->gr[4], 0x3002);
    ck_assert_uint_eq(c->gr[5], 0x40000002);

    /* equal: cc 0 */
    c->gr[2] = 0x2000; c->gr[3] = 4; c->gr[4] = 0x3000; c->gr[5] = 4;
    t_run(c, "0E24");
    ck_assert_uint_eq(old_cc(c), 0);
    ck_assert_uint_eq(t_get4(c, 0x2000), 0x11223344);

    /* first length zero: only cc and the address bytes */
    c->gr[2] = 0x77002000; c->gr[3] = 0; c->gr[4] = 0x66003000; c->gr[5] = 4;
    t_run(c, "0E24");
    ck_assert_uint_eq(old_cc(c), 1);
    ck_assert_uint_eq(c->gr[2], 0x2000);
    ck_assert_uint_eq(c->gr[4], 0x3000);
    cpu_free(c);
}
END_TEST

START_TEST(mvcl_overlap)
{
    struct cpu *c = mk();
    t_put(c, 0x3000, "11223344 55");
    /* destination one byte into the source: destructive, cc 3, nothing moved */
    c->gr[2] = 0x3001; c->gr[3] = 4; c->gr[4] = 0x3000; c->gr[5] = 4;
    t_run(c, "0E24");
    ck_assert(t_ended(c, 2));
    ck_assert_uint_eq(old_cc(c), 3);
    ck_assert_uint_eq(t_get4(c, 0x3000), 0x11223344);
    ck_assert_uint_eq(c->gr[2], 0x3001);
    ck_assert_uint_eq(c->gr[3], 4);
    /* destination left of the source: moves, cc 0 */
    c->gr[2] = 0x3000; c->gr[3] = 4; c->gr[4] = 0x3001; c->gr[5] = 4;
    t_run(c, "0E24");
    ck_assert_uint_eq(old_cc(c), 0);
    ck_assert_uint_eq(t_get4(c, 0x3000), 0x22334455);
    /* destination just past the participating source bytes: no overlap */
    t_put(c, 0x3000, "11223344 55");
    c->gr[2] = 0x3002; c->gr[3] = 2; c->gr[4] = 0x3000; c->gr[5] = 4;
    t_run(c, "0E24");
    ck_assert_uint_eq(old_cc(c), 1);
    ck_assert_uint_eq(t_get4(c, 0x3000), 0x11221122);
    /* second length one: never destructive */
    t_put(c, 0x3000, "11223344");
    c->gr[2] = 0x3001; c->gr[3] = 3; c->gr[4] = 0x3000; c->gr[5] = 0xEE000001;
    t_run(c, "0E24");
    ck_assert_uint_eq(old_cc(c), 2);
    ck_assert_uint_eq(t_get4(c, 0x3000), 0x1111EEEE);
    cpu_free(c);
}
END_TEST

START_TEST(mvcl_specification)
{
    struct cpu *c = mk();
    ck_assert_uint_eq(t_run(c, "0E34"), PGM_SPECIFICATION);
    ck_assert_uint_eq(t_run(c, "0E25"), PGM_SPECIFICATION);
    ck_assert_uint_eq(t_run(c, "0F34"), PGM_SPECIFICATION);
    ck_assert_uint_eq(t_run(c, "0F25"), PGM_SPECIFICATION);
    cpu_free(c);
}
END_TEST

START_TEST(mvcl_clears_many_blocks)
{
    struct cpu *c = mk();
    c->gr[2] = 0x4000; c->gr[3] = 0x4000; c->gr[4] = 0; c->gr[5] = 0xAA000000;
    t_run(c, "0E24");
    ck_assert(t_ended(c, 2));
    ck_assert(all_bytes(c, 0x4000, 0x4000, 0xAA));
    ck_assert_uint_eq(c->mem[0x8000], 0);
    ck_assert_uint_eq(c->gr[2], 0x8000);
    ck_assert_uint_eq(c->gr[3], 0);
    ck_assert_uint_eq(old_cc(c), 2);
    /* then copy them to X'9001' (unaligned: units end at either block) */
    c->gr[2] = 0x9001; c->gr[3] = 0x4000; c->gr[4] = 0x4000; c->gr[5] = 0x4000;
    t_run(c, "0E24");
    ck_assert(all_bytes(c, 0x9001, 0x4000, 0xAA));
    ck_assert_uint_eq(c->mem[0xD001], 0);
    ck_assert_uint_eq(c->gr[4], 0x8000);
    cpu_free(c);
}
END_TEST

START_TEST(mvcl_addressing_leaves_registers_consistent)
{
    /* 8K from X'F000' in 64K: two blocks done, then X'10000' is beyond
       storage; the registers tell what was done. */
    struct cpu *c = mk();
    c->gr[2] = 0xF000; c->gr[3] = 0x2000; c->gr[4] = 0; c->gr[5] = 0x55000000;
    ck_assert_uint_eq(t_run(c, "0E24"), PGM_ADDRESSING);
    ck_assert_uint_eq(c->gr[2], 0x10000);
    ck_assert_uint_eq(c->gr[3], 0x1000);
    ck_assert_uint_eq(c->mem[0xFFFF], 0x55);
    cpu_free(c);
}
END_TEST

/* Run until the instruction limit stops the machine; then resume. */
static void resume_to_end(struct cpu *c, unsigned len)
{
    c->limit = 1000000;
    t_go(c);
    ck_assert(t_ended(c, len));
}

START_TEST(mvcl_resumes_after_interruption)
{
    struct cpu *c = mk();
    for (unsigned i = 0; i < 0x3000; i++) c->mem[0x8000 + i] = (uint8_t)(i * 7 + 3);
    c->gr[2] = 0x2400; c->gr[3] = 0x3800; c->gr[4] = 0x8000; c->gr[5] = 0x33003000;
    c->limit = 1;   /* the first instruction is the last before the limit */
    t_run(c, "0E24");
    ck_assert_int_eq(c->stop, STOP_LIMIT);
    ck_assert_uint_eq(c->psw.ia, 0x1000);   /* points back at MVCL */
    /* one unit: to the end of the destination block X'2400'-X'27FF' */
    ck_assert_uint_eq(c->gr[2], 0x2800);
    ck_assert_uint_eq(c->gr[3], 0x3400);
    ck_assert_uint_eq(c->gr[4], 0x8400);
    ck_assert_uint_eq(c->gr[5], 0x33002C00);
    resume_to_end(c, 2);
    ck_assert_uint_eq(old_cc(c), 2);   /* from the original lengths */
    bool same = true;
    for (unsigned i = 0; i < 0x3000; i++) same &= c->mem[0x2400 + i] == (uint8_t)(i * 7 + 3);
    ck_assert(same);
    ck_assert(all_bytes(c, 0x5400, 0x800, 0x33));
    ck_assert_uint_eq(c->gr[2], 0x5C00);
    ck_assert_uint_eq(c->gr[3], 0);
    ck_assert_uint_eq(c->gr[5], 0x33000000);
    cpu_free(c);
}
END_TEST

START_TEST(mvcl_under_ex_resumes_at_ex)
{
    struct cpu *c = mk();
    t_put(c, DATA, "0E24");
    c->gr[2] = 0x2000; c->gr[3] = 0x2000; c->gr[4] = 0; c->gr[5] = 0x77000000;
    c->limit = 1;
    t_run(c, "44000800");
    ck_assert_int_eq(c->stop, STOP_LIMIT);
    ck_assert_uint_eq(c->psw.ia, 0x1000);
    ck_assert_uint_eq(c->gr[3], 0x1800);
    resume_to_end(c, 4);
    ck_assert(all_bytes(c, 0x2000, 0x2000, 0x77));
    cpu_free(c);
}
END_TEST

/* DAT with 4K pages and 64K segments, virtual = real, except that page
   'hole' is invalid. Segment table at X'6000', page table at X'6100'. */
static void identity_dat(struct cpu *c, unsigned hole)
{
    c->cr[0] = 0x008000E0;   /* bits 8-9 10: 4K pages; bits 11-12 00: 64K segments */
    c->cr[1] = 0x00006000;   /* STL 0, STO X'6000' */
    t_set4(c, 0x6000, 0xF0006100);   /* PTL F, PTO X'6100' */
    for (unsigned i = 0; i < 16; i++) {
        uint16_t pte = (uint16_t)(i << 4 | (i == hole ? 0x0008 : 0));
        put16(c->mem + 0x6100 + 2 * i, pte);
    }
    cpu_tlb_flush(c);
}

START_TEST(mvcl_page_fault_resumes)
{
    /* 8K of padding from X'2000' with page 3 invalid: two units done, then
       a page translation exception nullifies with the registers updated;
       once the page is valid, re-execution completes the rest. */
    struct cpu *c = mk();
    identity_dat(c, 3);
    c->gr[2] = 0x2000; c->gr[3] = 0x2000; c->gr[4] = 0; c->gr[5] = 0x66000000;
    t_put(c, T_ORG, "0E24 0000");
    t_psw(c, "04080000 00001000");
    ck_assert_uint_eq(t_go(c), PGM_PAGE_TRANSLATION);
    ck_assert_uint_eq(t_pgm_ia(c), 0x1000);
    ck_assert_uint_eq(t_get4(c, PSA_TRANS_ADDR), 0x3000);
    ck_assert_uint_eq(c->gr[2], 0x3000);
    ck_assert_uint_eq(c->gr[3], 0x1000);
    ck_assert(all_bytes(c, 0x2000, 0x1000, 0x66));
    ck_assert_uint_eq(c->mem[0x3000], 0);
    identity_dat(c, 99);
    t_psw(c, "04080000 00001000");
    ck_assert_uint_eq(t_go(c), PGM_OPERATION);
    ck_assert_uint_eq(t_pgm_ia(c), 0x1004);
    ck_assert(all_bytes(c, 0x2000, 0x2000, 0x66));
    ck_assert_uint_eq(c->gr[2], 0x4000);
    ck_assert_uint_eq(c->gr[3], 0);
    cpu_free(c);
}
END_TEST

START_TEST(mvc_page_fault_stores_nothing)
{
    /* MVC into X'2FFE'-X'3001' with page 3 invalid: nothing is stored and
       the PSW points at the MVC (nullification). */
    struct cpu *c = mk();
    identity_dat(c, 3);
    t_put(c, DATA, "11223344");
    t_put(c, T_ORG, "D2035000 0800 0000");
    c->gr[5] = 0x2FFE;
    t_psw(c, "04080000 00001000");
    ck_assert_uint_eq(t_go(c), PGM_PAGE_TRANSLATION);
    ck_assert_uint_eq(t_pgm_ia(c), 0x1000);
    ck_assert_uint_eq(c->mem[0x2FFE], 0);
    ck_assert_uint_eq(c->mem[0x2FFF], 0);
    cpu_free(c);
}
END_TEST

START_TEST(clcl_compares_with_padding)
{
    struct cpu *c = mk();
    /* C1 C2 40 40 against C1 C2 padded with X'40': equal */
    t_put(c, 0x2000, "C1C24040");
    t_put(c, 0x3000, "C1C2");
    c->gr[2] = 0xAB002000; c->gr[3] = 4; c->gr[4] = 0xCD003000; c->gr[5] = 0x40000002;
    t_run(c, "0F24");
    ck_assert(t_ended(c, 2));
    ck_assert_uint_eq(old_cc(c), 0);
    ck_assert_uint_eq(c->gr[2], 0x2004);
    ck_assert_uint_eq(c->gr[3], 0);
    ck_assert_uint_eq(c->gr[4], 0x3002);
    ck_assert_uint_eq(c->gr[5], 0x40000000);
    /* unequal third byte: cc 1, registers at the unequal bytes */
    t_put(c, 0x2000, "C1C2C3");
    t_put(c, 0x3000, "C1C2C4");
    c->gr[2] = 0x2000; c->gr[3] = 3; c->gr[4] = 0x3000; c->gr[5] = 3;
    t_run(c, "0F24");
    ck_assert_uint_eq(old_cc(c), 1);
    ck_assert_uint_eq(c->gr[2], 0x2002);
    ck_assert_uint_eq(c->gr[3], 1);
    ck_assert_uint_eq(c->gr[4], 0x3002);
    ck_assert_uint_eq(c->gr[5], 1);
    /* first shorter: its padding X'40' against X'00' is high, cc 2 */
    t_put(c, 0x3000, "C100");
    c->gr[2] = 0x2000; c->gr[3] = 1; c->gr[4] = 0x3000; c->gr[5] = 0x40000002;
    t_run(c, "0F24");
    ck_assert_uint_eq(old_cc(c), 2);
    ck_assert_uint_eq(c->gr[2], 0x2001);
    ck_assert_uint_eq(c->gr[3], 0);
    ck_assert_uint_eq(c->gr[4], 0x3001);
    ck_assert_uint_eq(c->gr[5], 0x40000001);
    /* both lengths zero: cc 0, address bits 0-7 cleared */
    c->gr[2] = 0xFF002000; c->gr[3] = 0; c->gr[4] = 0xFF003000; c->gr[5] = 0;
    t_run(c, "0F24");
    ck_assert_uint_eq(old_cc(c), 0);
    ck_assert_uint_eq(c->gr[2], 0x2000);
    ck_assert_uint_eq(c->gr[4], 0x3000);
    cpu_free(c);
}
END_TEST

START_TEST(clcl_long_and_resumed)
{
    struct cpu *c = mk();
    for (unsigned i = 0; i < 0x3000; i++) c->mem[0x2000 + i] = c->mem[0x6000 + i] = (uint8_t)i;
    c->mem[0x6000 + 0x2ABC] ^= 1;
    c->gr[2] = 0x2000; c->gr[3] = 0x3000; c->gr[4] = 0x6000; c->gr[5] = 0x3000;
    c->limit = 1;
    t_run(c, "0F24");
    ck_assert_int_eq(c->stop, STOP_LIMIT);
    ck_assert_uint_eq(c->psw.ia, 0x1000);
    ck_assert_uint_eq(c->gr[2], 0x2800);
    resume_to_end(c, 2);
    /* byte X'2ABC': X'BC' against X'BD', first low */
    ck_assert_uint_eq(old_cc(c), 1);
    ck_assert_uint_eq(c->gr[2], 0x4ABC);
    ck_assert_uint_eq(c->gr[4], 0x8ABC);
    ck_assert_uint_eq(c->gr[3], 0x3000 - 0x2ABC);
    cpu_free(c);
}
END_TEST

Suite *suite(void)
{
    Suite *s = suite_create("general");
    TCase *tc = tcase_create("registers");
    tcase_add_loop_test(tc, reg_table, 0, (int)(sizeof reg_cases / sizeof reg_cases[0]));
    tcase_set_timeout(tc, 60);   /* generous: the CI host may be busy */
    suite_add_tcase(s, tc);

    tc = tcase_create("access");
    tcase_add_loop_test(tc, addressing_beyond_storage, 0,
                        (int)(sizeof beyond_storage / sizeof beyond_storage[0]));
    tcase_add_loop_test(tc, protection_of_stores, 0,
                        (int)(sizeof store_protected / sizeof store_protected[0]));
    tcase_set_timeout(tc, 60);   /* generous: the CI host may be busy */
    suite_add_tcase(s, tc);

    tc = tcase_create("branch");
    tcase_add_loop_test(tc, bc_every_mask, 0, 64);
    tcase_add_test(tc, bcr_r2_zero_does_not_branch);
    tcase_add_test(tc, balr_link_information);
    tcase_add_test(tc, balr_branches_to_old_r2);
    tcase_add_test(tc, bal_link_bc_and_ec);
    tcase_add_test(tc, bct_and_bctr_loops);
    tcase_add_test(tc, bxle_bxh_loops);
    tcase_set_timeout(tc, 60);   /* generous: the CI host may be busy */
    suite_add_tcase(s, tc);

    tc = tcase_create("svc-ex-mc");
    tcase_add_test(tc, svc_bc_mode);
    tcase_add_test(tc, svc_ec_mode);
    tcase_add_test(tc, svc_under_ex);
    tcase_add_test(tc, ex_register_target);
    tcase_add_test(tc, ex_modifies_length);
    tcase_add_test(tc, ex_target_crosses_block);
    tcase_add_test(tc, ex_branch_and_link);
    tcase_add_test(tc, ex_exceptions);
    tcase_add_test(tc, mc_monitor_event);
    tcase_set_timeout(tc, 60);   /* generous: the CI host may be busy */
    suite_add_tcase(s, tc);

    tc = tcase_create("storage");
    tcase_add_test(tc, st_sth_stc_stm_lm);
    tcase_add_test(tc, stm_lm_beyond_storage_change_nothing);
    tcase_add_test(tc, si_instructions);
    tcase_add_test(tc, ts_sets_ones);
    tcase_add_test(tc, cs_cds_storage);
    tcase_add_test(tc, stcm_and_clm_icm_cross_block);
    tcase_add_test(tc, mvc_moves_and_propagates);
    tcase_add_test(tc, mvc_access_exceptions_store_nothing);
    tcase_add_test(tc, protection_key_controlled);
    tcase_add_test(tc, mvn_mvz);
    tcase_add_test(tc, nc_oc_xc);
    tcase_add_test(tc, clc_cc);
    tcase_add_test(tc, tr_translates);
    tcase_add_test(tc, trt_finds_function_byte);
    tcase_set_timeout(tc, 60);   /* generous: the CI host may be busy */
    suite_add_tcase(s, tc);

    tc = tcase_create("long");
    tcase_add_test(tc, mvcl_pads_and_sets_cc);
    tcase_add_test(tc, mvcl_overlap);
    tcase_add_test(tc, mvcl_specification);
    tcase_add_test(tc, mvcl_clears_many_blocks);
    tcase_add_test(tc, mvcl_addressing_leaves_registers_consistent);
    tcase_add_test(tc, mvcl_resumes_after_interruption);
    tcase_add_test(tc, mvcl_under_ex_resumes_at_ex);
    tcase_add_test(tc, mvcl_page_fault_resumes);
    tcase_add_test(tc, mvc_page_fault_stores_nothing);
    tcase_add_test(tc, clcl_compares_with_padding);
    tcase_add_test(tc, clcl_long_and_resumed);
    tcase_set_timeout(tc, 60);   /* generous: the CI host may be busy */
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return t_main(suite()); }
