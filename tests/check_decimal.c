/*
 * The decimal instructions (GA22-7000 chapter 8; CVB, CVD, ED, EDMK from
 * chapter 7). Each row runs one instruction with the first operand at X'800'
 * and the second at X'900' (base register 0), and checks the program
 * interruption, the cc, the bytes at X'800' and GR1. Expected values are
 * worked out from the PoO; the ED/EDMK, MVO and SRP rows marked "PoO" are
 * the manual's own examples (Appendix A and the ED description).
 */
#include <stdio.h>
#include "harness.h"

struct dcase {
    const char *insn;   /* one instruction */
    const char *op1;    /* bytes at X'800' before */
    const char *op2;    /* bytes at X'900' before (NULL: none) */
    uint8_t mask;       /* PSW program mask (4 = decimal overflow) */
    unsigned pgm;       /* expected program interruption code; 1: none */
    int cc;             /* expected cc; -1: unchanged */
    const char *want;   /* bytes at X'800' after */
    uint32_t r1;        /* GR1 before */
    uint32_t r1_want;   /* GR1 after */
};

/* Rows that do not test GR1 leave its two fields out (zero). */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static unsigned hexbytes(const char *hex, uint8_t *out)
{
    unsigned n = 0;
    int hi = -1;
    for (const char *p = hex; *p; p++) {
        if (*p == ' ') continue;
        int v = *p <= '9' ? *p - '0' : (*p | 0x20) - 'a' + 10;
        if (hi < 0) {
            hi = v;
        } else {
            out[n++] = (uint8_t)(hi << 4 | v);
            hi = -1;
        }
    }
    return n;
}

/* Run one instruction with the given cc and program mask in a BC-mode PSW. */
static unsigned run_with(struct cpu *c, unsigned cc, uint8_t mask, const char *insn, unsigned *len)
{
    uint8_t b[16];
    *len = hexbytes(insn, b);
    memcpy(c->mem + T_ORG, b, *len);
    memset(c->mem + T_ORG + *len, 0, 2);
    uint8_t psw[8] = { 0, 0, 0, 0, (uint8_t)(cc << 4 | mask), 0, T_ORG >> 8, T_ORG & 0xFF };
    cpu_load_psw(c, psw);
    return t_go(c);
}

static void check_case(const struct dcase *d, const char *table, int i)
{
    struct cpu *c = t_cpu();
    uint8_t want[300];
    char got[700];
    t_put(c, 0x800, d->op1);
    if (d->op2) t_put(c, 0x900, d->op2);
    c->gr[1] = d->r1;
    /* Start from a cc other than the expected one, so that a set is seen. */
    unsigned cc_in = d->cc < 0 ? 3 : (unsigned)(d->cc + 1) & 3, len;
    unsigned code = run_with(c, cc_in, d->mask, d->insn, &len);
    ck_assert_msg(code == d->pgm, "%s[%d]: program code %x, want %x", table, i, code, d->pgm);
    if (d->pgm == 1) {
        ck_assert_msg(t_ended(c, len), "%s[%d]: did not run through", table, i);
    } else {
        ck_assert_uint_eq(t_pgm_ia(c), T_ORG + len);
        ck_assert_uint_eq(t_pgm_ilc(c), len / 2);
    }
    unsigned cc = (c->mem[PSA_PGM_OLD + 4] >> 4) & 3;
    ck_assert_msg(cc == (d->cc < 0 ? 3u : (unsigned)d->cc), "%s[%d]: cc %u, want %d", table, i, cc, d->cc);
    unsigned n = hexbytes(d->want, want);
    for (unsigned k = 0; k < n; k++) sprintf(got + 2 * k, "%02X", c->mem[0x800 + k]);
    ck_assert_msg(memcmp(c->mem + 0x800, want, n) == 0, "%s[%d]: X'800' = %s, want %s", table, i, got, d->want);
    ck_assert_msg(c->gr[1] == d->r1_want, "%s[%d]: GR1 %08X, want %08X", table, i, c->gr[1], d->r1_want);
    cpu_free(c);
}

#define TABLE_TEST(table)                                   \
    START_TEST(test_##table) { check_case(&table[_i], #table, _i); } \
    END_TEST

/* FA AP: AP X'800'(L1),X'900'(L2) is "FA l1l2 0800 0900" with length codes. */
static const struct dcase ap[] = {
    { "FA21 0800 0900", "00123C", "456C", 0, 1, 2, "00579C" },
    { "FA21 0800 0900", "00123D", "023C", 0, 1, 1, "00100D" },        /* -123 + 23 */
    { "FA10 0800 0900", "005D", "5C", 0, 1, 0, "000C" },              /* zero sum is plus */
    { "FA10 0800 0900", "010A", "3B", 0, 1, 2, "007C" },              /* signs A, B; preferred C */
    { "FA10 0800 0900", "010F", "1E", 0, 1, 2, "011C" },              /* signs F, E */
    { "FA10 0800 0900", "999C", "1C", 0, 1, 3, "000C" },              /* carry lost: overflow */
    { "FA10 0800 0900", "999D", "1D", 0, 1, 3, "000D" },              /* zero keeps the true sign */
    { "FA10 0800 0900", "999C", "1C", 4, 0x0A, 3, "000C" },           /* mask on: stored, then interrupt */
    { "FA02 0800 0900", "1C", "00010C", 0, 1, 3, "1C" },              /* 11 into one digit */
    { "FA02 0800 0900", "1C", "00002C", 0, 1, 2, "3C" },              /* long 2nd operand, no overflow */
    { "FA11 0800 0900", "005C", "0A5C", 0, 7, -1, "005C" },           /* invalid digit: suppressed */
    { "FA21 0800 0900", "001234", "1C", 0, 7, -1, "001234" },         /* invalid sign */
    { "FA22 0800 0800", "00123C", NULL, 0, 1, 2, "00246C" },          /* added to itself */
    { "FA21 0800 0801", "00123C", NULL, 0, 1, 2, "00246C" },          /* rightmost bytes coincide */
    /* 31 digits: 1234567890 x3 1 + 1111111111 x3 1, no carry out of any block */
    { "FAFF 0800 0900", "1234567890123456789012345678901C", "1111111111111111111111111111111C",
      0, 1, 2, "2345679001234567900123456790012C" },
    { "FAF0 0800 0900", "9999999999999999999999999999999D", "1D",
      0, 1, 3, "0000000000000000000000000000000D" },
};
TABLE_TEST(ap)

static const struct dcase sp[] = {
    { "FB21 0800 0900", "00123C", "456C", 0, 1, 1, "00333D" },
    { "FB10 0800 0900", "005D", "5C", 0, 1, 1, "010D" },              /* -5 - 5 */
    { "FB10 0800 0900", "005D", "5D", 0, 1, 0, "000C" },              /* -5 - -5 = plus zero */
    { "FB22 0800 0800", "12345D", NULL, 0, 1, 0, "00000C" },          /* PoO: SP a field from itself */
    { "FB00 0800 0900", "9C", "1D", 4, 0x0A, 3, "0C" },               /* 9 - -1: overflow interrupts */
    { "FB00 0800 0900", "9C", "1C", 0, 1, 2, "8C" },
    { "FB00 0800 0900", "9C", "12", 0, 7, -1, "9C" },                 /* invalid sign in op 2 */
};
TABLE_TEST(sp)

static const struct dcase zap[] = {
    { "F831 0800 0900", "FFFFFFFF", "123D", 0, 1, 1, "0000123D" },    /* op 1 is not checked */
    { "F810 0800 0900", "9999", "0D", 0, 1, 0, "000C" },              /* minus zero becomes plus */
    { "F811 0800 0900", "9999", "123F", 0, 1, 2, "123C" },            /* preferred sign */
    { "F812 0800 0900", "9999", "12345C", 0, 1, 3, "345C" },          /* overflow */
    { "F812 0800 0900", "9999", "12345C", 4, 0x0A, 3, "345C" },
    { "F812 0800 0900", "9999", "01000D", 0, 1, 3, "000D" },          /* PoO: lost digits, sign of op 2 */
    { "F812 0800 0900", "9999", "00000D", 0, 1, 0, "000C" },          /* no digits lost: plus */
    { "F811 0800 0900", "9999", "1B3C", 0, 7, -1, "9999" },
    /* Result field to the right of the source field (PoO: allowed). */
    { "F831 0800 0800", "123D5555", NULL, 0, 1, 1, "0000123D" },
    { "F833 0800 0800", "0000100B", NULL, 0, 1, 1, "0000100D" },      /* same field */
};
TABLE_TEST(zap)

static const struct dcase cp[] = {
    { "F911 0800 0900", "123C", "123C", 0, 1, 0, "123C" },
    { "F902 0800 0900", "0C", "00000D", 0, 1, 0, "0C" },              /* +0 equals -0 */
    { "F900 0800 0900", "1D", "1C", 0, 1, 1, "1D" },
    { "F921 0800 0900", "00500C", "499C", 0, 1, 2, "00500C" },
    { "F900 0800 0900", "5D", "6D", 0, 1, 2, "5D" },                  /* -5 > -6 */
    { "F900 0800 0900", "7D", "6D", 0, 1, 1, "7D" },
    { "F900 0800 0900", "7C", "6D", 0, 1, 2, "7C" },
    { "F900 0800 0900", "7C", "68", 0, 7, -1, "7C" },
    { "F911 0800 0800", "999D", NULL, 0, 1, 0, "999D" },              /* with itself */
};
TABLE_TEST(cp)

static const struct dcase mp[] = {
    /* PoO Appendix A: 38460- (ZAPped to 5 bytes) times 321- = 12345660+. */
    { "FC41 0800 0900", "000038460D", "321D", 0, 1, -1, "012345660C" },
    { "FC20 0800 0900", "00000C", "1D", 0, 1, -1, "00000D" },         /* zero keeps algebraic sign */
    { "FC31 0800 0900", "0012345C", "100C", 0, 7, -1, "0012345C" },   /* one zero byte, needs two */
    { "FC11 0800 0900", "012C", "100C", 0, 6, -1, "012C" },           /* L2 = L1 */
    { "FCF8 0800 0900", "0000000000000000000000000000001C", "00000000000000001C",
      0, 6, -1, "0000000000000000000000000000001C" },                 /* L2 = 9 bytes */
    /* (10^15 - 1)^2 = 10^30 - 2 * 10^15 + 1, the largest 8-byte multiplier */
    { "FCF7 0800 0900", "0000000000000000999999999999999C", "999999999999999C",
      0, 1, -1, "0999999999999998000000000000001C" },
    { "FC20 0800 0802", "00003C", NULL, 0, 1, -1, "00009C" },         /* rightmost bytes coincide */
    { "FC21 0800 0900", "00007C", "012C", 0, 1, -1, "00084C" },       /* two zero bytes: enough */
    { "FC21 0800 0900", "00017C", "012C", 0, 7, -1, "00017C" },       /* one zero byte, needs two */
    { "FC20 0800 0900", "00007C", "1F", 0, 1, -1, "00007C" },
    { "FC20 0800 0900", "00007C", "A1", 0, 7, -1, "00007C" },
};
TABLE_TEST(mp)

static const struct dcase dp[] = {
    /* 12345678+ / 321- = 38460- remainder 18+ (321 * 38460 = 12345660) */
    { "FD41 0800 0900", "012345678C", "321D", 0, 1, -1, "38460D018C" },
    { "FD20 0800 0900", "00100D", "5C", 0, 1, -1, "020D0D" },         /* remainder -0: dividend sign */
    { "FD20 0800 0900", "00003C", "5D", 0, 1, -1, "000D3C" },         /* quotient -0 by algebra */
    { "FD20 0800 0900", "00003D", "5D", 0, 1, -1, "000C3D" },
    { "FD20 0800 0900", "00999C", "1C", 0, 1, -1, "999C0C" },         /* largest 3-digit quotient */
    { "FD20 0800 0900", "01000C", "1C", 0, 0x0B, -1, "01000C" },      /* 1000 needs 4 digits */
    { "FD20 0800 0900", "12345C", "1C", 0, 0x0B, -1, "12345C" },
    { "FD20 0800 0900", "00100C", "0C", 0, 0x0B, -1, "00100C" },      /* divisor zero */
    { "FD20 0800 0900", "00100C", "0D", 0, 0x0B, -1, "00100C" },
    { "FD20 0800 0900", "0A100C", "0C", 0, 7, -1, "0A100C" },         /* data before divide */
    { "FD22 0800 0900", "00100C", "005C", 0, 6, -1, "00100C" },       /* L2 = L1 */
    { "FDF8 0800 0900", "0000000000000000000000000000100C", "00000000000000005C",
      0, 6, -1, "0000000000000000000000000000100C" },                 /* L2 = 9 */
    /* 31-digit dividend by an 8-byte divisor: 10^30 / (10^15 - 1) = 10^15 + 1
       remainder 1; quotient field 8 bytes (15 digits) is too short. */
    { "FDF7 0800 0900", "1000000000000000000000000000000C", "999999999999999C",
      0, 0x0B, -1, "1000000000000000000000000000000C" },
    /* 10^29 / (10^15 - 1) = 10^14 + 10^-1...: q = 100000000000000, r = 100000000000000 */
    { "FDF7 0800 0900", "0100000000000000000000000000000D", "999999999999999C",
      0, 1, -1, "100000000000000D100000000000000D" },
    { "FD21 0800 0801", "00025C", NULL, 0, 1, -1, "1C000C" },       /* rightmost bytes coincide */
};
TABLE_TEST(dp)

/* SRP: "F0 l1i3 0800 0sss": the shift is the low 6 bits of the 2nd-operand address. */
static const struct dcase srp[] = {
    { "F050 0800 0003", "00012345678C", NULL, 0, 1, 2, "12345678000C" },   /* PoO: left 3 */
    { "F045 0800 003C", "012345678C", NULL, 0, 1, 2, "000001235C" },       /* PoO: right 4, round 5 */
    { "F050 0800 0043", "00012345678C", NULL, 0, 1, 2, "12345678000C" },   /* X'43' & 63 = 3 */
    { "F025 0800 003F", "12344D", NULL, 0, 1, 1, "01234D" },               /* 4 + 5 < 10: no carry */
    { "F025 0800 003F", "12345D", NULL, 0, 1, 1, "01235D" },               /* 5 + 5 carries */
    { "F020 0800 003F", "99999C", NULL, 0, 1, 2, "09999C" },               /* round digit 0 */
    { "F029 0800 003E", "99999C", NULL, 0, 1, 2, "01000C" },               /* right 2, rounding digit 9 */
    { "F010 0800 0001", "999C", NULL, 0, 1, 3, "990C" },                   /* nonzero digit lost */
    { "F010 0800 0001", "999C", NULL, 4, 0x0A, 3, "990C" },
    { "F010 0800 0001", "100D", NULL, 0, 1, 3, "000D" },                   /* PoO: original sign */
    { "F010 0800 0001", "099D", NULL, 0, 1, 1, "990D" },                   /* zero lost: no overflow */
    { "F010 0800 003F", "004D", NULL, 0, 1, 0, "000C" },                   /* zero result is plus */
    { "F010 0800 0000", "123F", NULL, 0, 1, 2, "123C" },                   /* no shift */
    { "F010 0800 0000", "000D", NULL, 0, 1, 0, "000C" },
    { "F01A 0800 0000", "123C", NULL, 0, 7, -1, "123C" },                  /* I3 not a digit */
    { "F010 0800 0001", "1A3C", NULL, 0, 7, -1, "1A3C" },
    { "F010 0800 0001", "0123", NULL, 0, 7, -1, "0123" },
    { "F0F5 0800 0020", "9999999999999999999999999999999C", NULL,
      0, 1, 0, "0000000000000000000000000000000C" },                      /* right 32 */
    { "F0F5 0800 0021", "9999999999999999999999999999999C", NULL,
      0, 1, 2, "0000000000000000000000000000001C" },                      /* right 31, rounds up */
    { "F0F0 0800 001F", "0000000000000000000000000000000D", NULL,
      0, 1, 0, "0000000000000000000000000000000C" },                      /* left 31, zero */
    { "F0F0 0800 001F", "0000000000000000000000000000001D", NULL,
      0, 1, 3, "0000000000000000000000000000000D" },                      /* left 31, lost */
    { "F0F0 0800 001E", "0000000000000000000000000000001D", NULL,
      0, 1, 1, "1000000000000000000000000000000D" },                      /* left 30 */
    { "F000 0800 001F", "5C", NULL, 0, 1, 3, "0C" },                       /* beyond the field */
};
TABLE_TEST(srp)

static const struct dcase pack[] = {
    { "F223 0800 0900", "FFFFFF", "F1F2F3C4", 0, 1, -1, "01234C" },
    { "F214 0800 0900", "FFFF", "F1F2F3F4F5", 0, 1, -1, "345F" },         /* op 1 too short */
    { "F220 0800 0900", "FFFFFF", "C1", 0, 1, -1, "00001C" },             /* zeros on the left */
    { "F233 0800 0800", "F1F2F3F4", NULL, 0, 1, -1, "0001234F" },         /* in place */
    { "F211 0800 0900", "FFFF", "ABCD", 0, 1, -1, "0BDC" },               /* nothing is checked */
};
TABLE_TEST(pack)

static const struct dcase unpk[] = {
    { "F342 0800 0900", "0000000000", "12345C", 0, 1, -1, "F1F2F3F4C5" },
    { "F361 0800 0900", "00000000000000", "123D", 0, 1, -1, "F0F0F0F0F1F2D3" },
    { "F312 0800 0900", "0000", "12345C", 0, 1, -1, "F4C5" },
    { "F300 0800 0900", "00", "AB", 0, 1, -1, "BA" },
};
TABLE_TEST(unpk)

static const struct dcase mvo[] = {
    { "F132 0800 0900", "7788990C", "123456", 0, 1, -1, "0123456C" },     /* PoO Appendix A */
    { "F112 0800 0900", "999F", "012345", 0, 1, -1, "345F" },             /* truncated on the left */
    { "F121 0800 0800", "12345C", NULL, 0, 1, -1, "01234C" },             /* one digit right, in place */
    { "F100 0800 0900", "AB", "CD", 0, 1, -1, "DB" },
};
TABLE_TEST(mvo)

/* PoO ED example: pattern "bdd,d(d.ddbCR" (13 bytes) at X'800', source at X'900'. */
#define PAT "4020206B2021204B202040C3D9"
static const struct dcase ed[] = {
    { "DE0C 0800 0900", PAT, "0257426C", 0, 1, 2, "4040F26BF5F7F44BF2F6404040" },
    { "DE0C 0800 0900", PAT, "0000026D", 0, 1, 1, "404040404040F04BF2F640C3D9" },
    /* zero: the starter keeps ".00" but the plus sign ends significance */
    { "DE0C 0800 0900", PAT, "0000000C", 0, 1, 0, "404040404040F04BF0F0404040" },
    { "DE0C 0800 0900", PAT, "A257426C", 0, 7, -1, PAT },                 /* left digit invalid */
    /* Plus signs in right halves turn significance off; minus leaves it on. */
    { "DE03 0800 0900", "40202020", "1C2D3C", 0, 1, 2, "40F1F2F3" },
    { "DE03 0800 0900", "40202060", "1C2D3C", 0, 1, 1, "40F1F260" },
    { "DE04 0800 0900", "4020202060", "1C2D3D", 0, 1, 1, "40F1F2F360" },
    /* Field separator: the cc describes the last field only. */
    { "DE03 0800 0900", "40202220", "1D0C", 0, 1, 0, "40F14040" },
    { "DE03 0800 0900", "40202220", "0D5D", 0, 1, 1, "404040F5" },
    { "DE02 0800 0900", "402022", "1D", 0, 1, 0, "40F140" },               /* separator last */
    /* The fill byte is a digit selector and is edited too; nonzero with
       significance on and no sign seen is cc 1 per the cc rule. */
    { "DE01 0800 0900", "2020", "01", 0, 1, 1, "20F1" },
    { "DE02 0800 0900", "5C2020", "000C", 0, 1, 0, "5C5C5C" },             /* asterisk fill */
    { "DE03 0800 0900", "40202020", "102C", 0, 1, 2, "40F1F0F2" },         /* right digit 0 shown */
};
TABLE_TEST(ed)

static const struct dcase edmk[] = {
    /* PoO: GR1 bits 8-31 get the address of the first significant digit; bits 0-7 stay. */
    { "DF0C 0800 0900", PAT, "0257426C", 0, 1, 2, "4040F26BF5F7F44BF2F6404040", 0xAB000000, 0xAB000802 },
    /* PoO: significance forced by the starter: GR1 unchanged. */
    { "DF0C 0800 0900", PAT, "0000026D", 0, 1, 1, "404040404040F04BF2F640C3D9", 0x12345678, 0x12345678 },
    /* A plus sign ends significance; the rightmost qualifying digit wins. */
    { "DF03 0800 0900", "40202020", "1C2D3C", 0, 1, 2, "40F1F2F3", 0x01FFFFFF, 0x01000802 },
    { "DF0C 0800 0900", PAT, "A257426C", 0, 7, -1, PAT, 0x5, 0x5 },
};
TABLE_TEST(edmk)

/* CVB 1,X'800' = "4F10 0800"; CVD 1,X'800' = "4E10 0800". */
static const struct dcase cvb[] = {
    { "4F10 0800", "000000000012345C", NULL, 0, 1, -1, "000000000012345C", 0, 12345 },
    { "4F10 0800", "000002147483647C", NULL, 0, 1, -1, "000002147483647C", 0, 0x7FFFFFFF },
    { "4F10 0800", "000002147483648D", NULL, 0, 1, -1, "000002147483648D", 0, 0x80000000 },
    { "4F10 0800", "000000000000001B", NULL, 0, 1, -1, "000000000000001B", 0, 0xFFFFFFFF },
    { "4F10 0800", "000000000000000D", NULL, 0, 1, -1, "000000000000000D", 7, 0 },
    /* Outside 32 bits: completed with the rightmost 32 bits, then fixed-point divide. */
    { "4F10 0800", "000002147483648C", NULL, 0, 9, -1, "000002147483648C", 0, 0x80000000 },
    { "4F10 0800", "000002147483649D", NULL, 0, 9, -1, "000002147483649D", 0, 0x7FFFFFFF },
    /* 999999999999999 = X'38D7EA4C67FFF' */
    { "4F10 0800", "999999999999999C", NULL, 0, 9, -1, "999999999999999C", 0, 0xA4C67FFF },
    { "4F10 0800", "0000000000123456", NULL, 0, 7, -1, "0000000000123456", 3, 3 },
    { "4F10 0800", "00000000001A345C", NULL, 0, 7, -1, "00000000001A345C", 3, 3 },
    { "4F10 0803", "000000 000000000000042C", NULL, 0, 1, -1, "000000", 0, 42 },  /* no alignment */
};
TABLE_TEST(cvb)

static const struct dcase cvd[] = {
    { "4E10 0800", "FFFFFFFFFFFFFFFF", NULL, 0, 1, -1, "000000000012345C", 12345, 12345 },
    { "4E10 0800", "FFFFFFFFFFFFFFFF", NULL, 0, 1, -1, "000000000000000C", 0, 0 },
    { "4E10 0800", "FFFFFFFFFFFFFFFF", NULL, 0, 1, -1, "000000000000001D", 0xFFFFFFFF, 0xFFFFFFFF },
    { "4E10 0800", "FFFFFFFFFFFFFFFF", NULL, 0, 1, -1, "000002147483647C", 0x7FFFFFFF, 0x7FFFFFFF },
    { "4E10 0800", "FFFFFFFFFFFFFFFF", NULL, 0, 1, -1, "000002147483648D", 0x80000000, 0x80000000 },
    { "4E10 0801", "FFFFFFFFFFFFFFFFFF", NULL, 0, 1, -1, "FF000000000000099C", 99, 99 }, /* unaligned */
};
TABLE_TEST(cvd)

/* The whole ED pattern field is 256 bytes at most: X'40' and 255 digit selectors. */
START_TEST(ed_256_byte_pattern)
{
    struct cpu *c = t_cpu();
    unsigned len;
    memset(c->mem + 0x800, 0x20, 256);
    c->mem[0x800] = 0x40;
    memset(c->mem + 0x1100, 0x11, 127);   /* 254 digits, then 1 and the sign */
    c->mem[0x1100 + 127] = 0x1C;
    c->gr[2] = 0x1100;
    ck_assert_uint_eq(run_with(c, 0, 0, "DEFF 0800 2000", &len), 1);
    ck_assert(t_ended(c, len));
    ck_assert_uint_eq(c->mem[0x800], 0x40);
    for (unsigned i = 1; i < 256; i++) ck_assert_uint_eq(c->mem[0x800 + i], 0xF1);
    ck_assert_uint_eq(c->mem[0x900], 0);
    ck_assert_uint_eq((c->mem[PSA_PGM_OLD + 4] >> 4) & 3, 2);
    cpu_free(c);
}
END_TEST

/* Operands that cross a 2K block boundary (X'800') are handled as one field. */
START_TEST(operands_cross_block_boundary)
{
    static const struct { const char *insn, *op1, *op2, *want; } rows[] = {
        { "FA21 07FE 07FA", "00123C", "456C", "00579C" },      /* AP */
        { "FD31 07FE 07FA", "0002469C", "123C", "020C009C" }, /* DP: 2469 / 123 = 20 r 9 */
        { "F342 07FE 07FA", "0000000000", "12345C", "F1F2F3F4C5" },
        { "DE03 07FE 07FA", "40202020", "1C2D3C", "40F1F2F3" },
    };
    for (unsigned i = 0; i < N(rows); i++) {
        struct cpu *c = t_cpu();
        uint8_t want[16];
        unsigned len, n = hexbytes(rows[i].want, want);
        t_put(c, 0x7FE, rows[i].op1);
        t_put(c, 0x7FA, rows[i].op2);
        unsigned code = run_with(c, 0, 0, rows[i].insn, &len);
        ck_assert_msg(code == 1, "%s: program code %x", rows[i].insn, code);
        ck_assert_msg(memcmp(c->mem + 0x7FE, want, n) == 0, "%s: wrong result", rows[i].insn);
        cpu_free(c);
    }
}
END_TEST

/* Operand access is checked before anything is stored: a first operand that
   runs off the end of the 64K storage leaves its first bytes alone. */
START_TEST(access_checked_before_store)
{
    static const char *const insns[] = {
        "F821 2FFE 0900",   /* ZAP */
        "FA21 2FFE 0900",   /* AP */
        "F221 2FFE 0900",   /* PACK */
        "F321 2FFE 0900",   /* UNPK */
        "F121 2FFE 0900",   /* MVO */
        "DE02 2FFE 0900",   /* ED */
    };
    for (unsigned i = 0; i < N(insns); i++) {
        struct cpu *c = t_cpu();
        unsigned len;
        c->gr[2] = 0xF000;
        t_put(c, 0xFFFE, "0C0C");
        t_put(c, 0x900, "123C");
        ck_assert_uint_eq(run_with(c, 0, 0, insns[i], &len), PGM_ADDRESSING);
        ck_assert_msg(c->mem[0xFFFE] == 0x0C && c->mem[0xFFFF] == 0x0C, "%s stored", insns[i]);
        cpu_free(c);
    }
}
END_TEST

/* Store protection of the first operand suppresses ZAP (nothing stored). */
START_TEST(protected_result_field)
{
    struct cpu *c = t_cpu();
    c->keys[0x800 >> BLOCK_SHIFT] = 0x20;   /* key 2; the PSW key below is 1 */
    t_put(c, 0x800, "9999");
    t_put(c, 0x900, "1C");
    t_put(c, T_ORG, "F810 0800 0900 0000");
    uint8_t psw[8] = { 0, 0x10, 0, 0, 0, 0, T_ORG >> 8, 0 };
    cpu_load_psw(c, psw);
    ck_assert_uint_eq(t_go(c), PGM_PROTECTION);
    ck_assert_uint_eq(c->mem[0x800], 0x99);
    cpu_free(c);
}
END_TEST

Suite *suite(void)
{
    Suite *s = suite_create("decimal");
    TCase *tc = tcase_create("decimal");
#define ADD(table) tcase_add_loop_test(tc, test_##table, 0, (int)N(table))
    ADD(ap);
    ADD(sp);
    ADD(zap);
    ADD(cp);
    ADD(mp);
    ADD(dp);
    ADD(srp);
    ADD(pack);
    ADD(unpk);
    ADD(mvo);
    ADD(ed);
    ADD(edmk);
    ADD(cvb);
    ADD(cvd);
#undef ADD
    tcase_add_test(tc, ed_256_byte_pattern);
    tcase_add_test(tc, operands_cross_block_boundary);
    tcase_add_test(tc, access_checked_before_store);
    tcase_add_test(tc, protected_result_field);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return t_main(suite()); }
