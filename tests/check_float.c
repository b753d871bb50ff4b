/*
 * Floating-point instructions (GA22-7000 chapter 9). Each row runs one
 * instruction with FPR 0, 2, 4, 6 and the doubleword at X'800' preset, the
 * PSW program mask as given and the condition code preset to 3 (so a row
 * expecting 3 checks that the cc was left alone), then checks every FPR,
 * the condition code, the interruption code and X'800'.
 *
 * Expected values are worked by hand from the PoO rules; hex fractions are
 * written 0.xxx and scaled by 16**(characteristic - 64).  RX rows address
 * X'800' (D2 = X'800', no index or base) unless they say otherwise; GR1
 * holds X'20000', beyond the 64K of storage.
 */
#include "harness.h"

struct fcase {
    const char *what;
    const char *insn;      /* one instruction in hex */
    uint8_t mask;          /* program mask: 2 exponent underflow, 1 significance */
    uint64_t in[4];        /* FPR 0, 2, 4, 6 before */
    uint64_t mem;          /* doubleword at X'800' before */
    unsigned pgm;          /* expected program interruption code, 0 none */
    unsigned cc;           /* expected condition code (3 = unchanged) */
    uint64_t out[4];       /* FPR 0, 2, 4, 6 after */
    uint64_t memout;       /* X'800' after, when store is set (else unchanged) */
    bool store;
};

#define SP PGM_SPECIFICATION
#define OV PGM_EXPONENT_OVERFLOW
#define UN PGM_EXPONENT_UNDERFLOW
#define SG PGM_SIGNIFICANCE
#define FD PGM_FLOATING_DIVIDE
#define U  0x1111111122222222ull   /* an untouched register */

static const struct fcase cases[] = {
    /* ---- the PoO's examples of floating-point numbers (chapter 9, "Number
       Representation"): +1.0 = 41 100000, +0.5 = 40 800000, +1/64 =
       3F 400000, -15.0 = C1 F00000, the smallest positive normalized number
       (about 5.4E-79) 00 100000, the largest (about 7.2E+75) 7F FFFFFF;
       produced here by arithmetic on other examples ---- */
    { "PoO example: 0.5 + 0.5 = 1.0", "3A02", 0, { 0x4080000000000000, 0x4080000000000000, U, U }, 0, 0, 2,
      { 0x4110000000000000, 0x4080000000000000, U, U }, 0, false },
    { "PoO example: 1.0 halved = 0.5", "3402", 0, { 0, 0x4110000000000000, U, U }, 0, 0, 3,
      { 0x4080000000000000, 0x4110000000000000, U, U }, 0, false },
    { "PoO example: 0.5 x 1/32 = 1/64", "3C02", 0, { 0x4080000000000000, 0x3F80000000000000, U, U }, 0, 0, 3,
      { 0x3F40000000000000, 0x3F80000000000000, U, U }, 0, false },
    { "PoO example: 0 - 15.0 = -15.0", "3B02", 0, { 0, 0x41F0000000000000, U, U }, 0, 0, 1,
      { 0xC1F0000000000000, 0x41F0000000000000, U, U }, 0, false },
    { "PoO example: smallest normalized number halved underflows", "3402", 0,
      { 0, 0x0010000000000000, U, U }, 0, 0, 3, { 0, 0x0010000000000000, U, U }, 0, false },
    { "PoO example: largest number + its last digit overflows", "3A02", 0,
      { 0x7FFFFFFF00000000, 0x7A10000000000000, U, U }, 0, OV, 2,
      { 0x0010000000000000, 0x7A10000000000000, U, U }, 0, false },

    /* ---- LOAD, STORE ---- */
    { "LER keeps the low half", "3802", 0, { 0x1111111122222222, 0x4110000033333333, U, U }, 0, 0, 3,
      { 0x4110000022222222, 0x4110000033333333, U, U }, 0, false },
    { "LDR", "2802", 0, { 0, 0x4110000033333333, U, U }, 0, 0, 3,
      { 0x4110000033333333, 0x4110000033333333, U, U }, 0, false },
    { "LDR 6,0", "2860", 0, { 0xC1FFFFFFFFFFFFFF, U, U, 0 }, 0, 0, 3,
      { 0xC1FFFFFFFFFFFFFF, U, U, 0xC1FFFFFFFFFFFFFF }, 0, false },
    { "LE", "78000800", 0, { 0x99999999AAAAAAAA, U, U, U }, 0xC123456789ABCDEF, 0, 3,
      { 0xC1234567AAAAAAAA, U, U, U }, 0, false },
    { "LD", "68200800", 0, { U, 0, U, U }, 0xC123456789ABCDEF, 0, 3,
      { U, 0xC123456789ABCDEF, U, U }, 0, false },
    { "LE unaligned (byte operands in S/370)", "78000801", 0, { 0, U, U, U }, 0x0041100000AABBCC, 0, 3,
      { 0x4110000000000000, U, U, U }, 0, false },
    { "LD unaligned", "68600803", 0, { U, U, U, 0 }, 0x0000004110000000, 0, 3,
      { U, U, U, 0x4110000000000000 }, 0, false },
    { "STE stores the high half", "70000800", 0, { 0x4212345678ABCDEF, U, U, U }, 0xFFFFFFFFFFFFFFFF, 0, 3,
      { 0x4212345678ABCDEF, U, U, U }, 0x42123456FFFFFFFF, true },
    { "STD", "60400800", 0, { U, U, 0xC3082100DEADBEEF, U }, 0, 0, 3,
      { U, U, 0xC3082100DEADBEEF, U }, 0xC3082100DEADBEEF, true },
    { "STE unaligned", "70000802", 0, { 0x41ABCDEF00000000, U, U, U }, 0, 0, 3,
      { 0x41ABCDEF00000000, U, U, U }, 0x000041ABCDEF0000, true },
    { "LE addressing exception leaves R1", "78001000", 0, { U, U, U, U }, 0, PGM_ADDRESSING, 3,
      { U, U, U, U }, 0, false },

    /* ---- LOAD POSITIVE / NEGATIVE / AND TEST / COMPLEMENT: no normalization ---- */
    { "LPDR", "2002", 0, { 0, 0xC110000000000001, U, U }, 0, 0, 2,
      { 0x4110000000000001, 0xC110000000000001, U, U }, 0, false },
    { "LPDR minus zero", "2002", 0, { U, 0x8000000000000000, U, U }, 0, 0, 0,
      { 0, 0x8000000000000000, U, U }, 0, false },
    { "LNDR", "2102", 0, { U, 0x4110000000000000, U, U }, 0, 0, 1,
      { 0xC110000000000000, 0x4110000000000000, U, U }, 0, false },
    { "LNDR zero fraction gets the minus sign, cc 0", "2102", 0, { U, 0x4200000000000000, U, U }, 0, 0, 0,
      { 0xC200000000000000, 0x4200000000000000, U, U }, 0, false },
    { "LTDR tests all 14 digits", "2222", 0, { U, 0xC100000000000001, U, U }, 0, 0, 1,
      { U, 0xC100000000000001, U, U }, 0, false },
    { "LTDR zero", "2202", 0, { U, 0, U, U }, 0, 0, 0, { 0, 0, U, U }, 0, false },
    { "LTDR unnormalized positive", "2202", 0, { U, 0x4000000000000100, U, U }, 0, 0, 2,
      { 0x4000000000000100, 0x4000000000000100, U, U }, 0, false },
    { "LCDR", "2302", 0, { U, 0x4110000000000000, U, U }, 0, 0, 1,
      { 0xC110000000000000, 0x4110000000000000, U, U }, 0, false },
    { "LCDR of true zero is minus zero", "2302", 0, { U, 0, U, U }, 0, 0, 0,
      { 0x8000000000000000, 0, U, U }, 0, false },
    { "LPER keeps the low half", "3002", 0, { 0x0000000011111111, 0xC1100000AAAAAAAA, U, U }, 0, 0, 2,
      { 0x4110000011111111, 0xC1100000AAAAAAAA, U, U }, 0, false },
    { "LNER", "3102", 0, { 0x0000000011111111, 0x41100000AAAAAAAA, U, U }, 0, 0, 1,
      { 0xC110000011111111, 0x41100000AAAAAAAA, U, U }, 0, false },
    { "LTER ignores the low half", "3202", 0, { 0x0000000011111111, 0x4000000000000001, U, U }, 0, 0, 0,
      { 0x4000000011111111, 0x4000000000000001, U, U }, 0, false },
    { "LCER", "3302", 0, { 0, 0xC212345600000000, U, U }, 0, 0, 2,
      { 0x4212345600000000, 0xC212345600000000, U, U }, 0, false },

    /* ---- HALVE: shift right a bit into the guard digit, then normalize ---- */
    { "HER", "3402", 0, { 0x0000000011111111, 0x41200000AAAAAAAA, U, U }, 0, 0, 3,
      { 0x4110000011111111, 0x41200000AAAAAAAA, U, U }, 0, false },
    { "HER normalizes: 1/2 = 40800000", "3402", 0, { 0, 0x4110000000000000, U, U }, 0, 0, 3,
      { 0x4080000000000000, 0x4110000000000000, U, U }, 0, false },
    /* 0.100001 -> 0.0800008 (guard 8) -> 0.800008 x 16**0 */
    { "HER keeps the last bit through the guard digit", "3402", 0, { 0, 0x4110000100000000, U, U }, 0, 0, 3,
      { 0x4080000800000000, 0x4110000100000000, U, U }, 0, false },
    /* 0.000100 x 16**3 -> 0.0000800 -> normalized 4 digits: 0.800000 x 16**-1 */
    { "HER normalizes an unnormalized operand fully", "3402", 0, { 0, 0x4300010000000000, U, U }, 0, 0, 3,
      { 0x3F80000000000000, 0x4300010000000000, U, U }, 0, false },
    { "HER zero fraction gives true zero", "3402", 0, { 0x7777777711111111, 0xC500000000000000, U, U }, 0, 0, 3,
      { 0x0000000011111111, 0xC500000000000000, U, U }, 0, false },
    { "HER underflow, mask off: true zero", "3402", 0, { 0x7777777711111111, 0x0010000000000000, U, U }, 0, 0, 3,
      { 0x0000000011111111, 0x0010000000000000, U, U }, 0, false },
    { "HER underflow, mask on: characteristic + 128", "3402", 2, { 0x7777777711111111, 0x0010000000000000, U, U }, 0, UN, 3,
      { 0x7F80000011111111, 0x0010000000000000, U, U }, 0, false },
    /* 0.10000000000001 -> 0.080000000000008 -> 0.80000000000008 x 16**0 */
    { "HDR", "2402", 0, { 0, 0x4110000000000001, U, U }, 0, 0, 3,
      { 0x4080000000000008, 0x4110000000000001, U, U }, 0, false },
    { "HDR negative", "2444", 0, { U, U, 0xC240000000000000, U }, 0, 0, 3,
      { U, U, 0xC220000000000000, U }, 0, false },

    /* ---- LOAD ROUNDED: add 1 at bit 32 (LRER) or 72 (LRDR), no normalization ---- */
    { "LRER no round up", "3502", 0, { 0x9999999911111111, 0x4112345678000000, U, U }, 0, 0, 3,
      { 0x4112345611111111, 0x4112345678000000, U, U }, 0, false },
    { "LRER rounds up at bit 32", "3502", 0, { 0x9999999911111111, 0x4112345680000000, U, U }, 0, 0, 3,
      { 0x4112345711111111, 0x4112345680000000, U, U }, 0, false },
    { "LRER carry out: shift right, characteristic + 1", "3502", 0, { 0, 0xC1FFFFFF80000000, U, U }, 0, 0, 3,
      { 0xC210000000000000, 0xC1FFFFFF80000000, U, U }, 0, false },
    { "LRER overflow wraps to characteristic 0", "3502", 0, { 0, 0x7FFFFFFF80000000, U, U }, 0, OV, 3,
      { 0x0010000000000000, 0x7FFFFFFF80000000, U, U }, 0, false },
    { "LRER unnormalized stays unnormalized", "3502", 0, { 0, 0x4200001234567890, U, U }, 0, 0, 3,
      { 0x4200001200000000, 0x4200001234567890, U, U }, 0, false },
    { "LRER zero fraction keeps sign and characteristic", "3502", 0, { 0, 0xC500000000000000, U, U }, 0, 0, 3,
      { 0xC500000000000000, 0xC500000000000000, U, U }, 0, false },
    { "LRDR rounds up at bit 72", "2540", 0, { 0x4112345678901234, 0x3580000000000000, 0, U }, 0, 0, 3,
      { 0x4112345678901234, 0x3580000000000000, 0x4112345678901235, U }, 0, false },
    { "LRDR ignores low sign and characteristic", "2540", 0, { 0x4112345678901234, 0xFF7FFFFFFFFFFFFF, 0, U }, 0, 0, 3,
      { 0x4112345678901234, 0xFF7FFFFFFFFFFFFF, 0x4112345678901234, U }, 0, false },
    { "LRDR carry out", "2540", 0, { 0x41FFFFFFFFFFFFFF, 0x3380000000000000, 0, U }, 0, 0, 3,
      { 0x41FFFFFFFFFFFFFF, 0x3380000000000000, 0x4210000000000000, U }, 0, false },
    { "LRDR overflow", "2560", 0, { 0xFFFFFFFFFFFFFFFF, 0xF180000000000000, U, 0 }, 0, OV, 3,
      { 0xFFFFFFFFFFFFFFFF, 0xF180000000000000, U, 0x8010000000000000 }, 0, false },

    /* ---- ADD / SUBTRACT NORMALIZED, short ---- */
    { "AER", "3A02", 0, { 0x4110000012345678, 0x411000009ABCDEF0, U, U }, 0, 0, 2,
      { 0x4120000012345678, 0x411000009ABCDEF0, U, U }, 0, false },
    { "AER carry", "3A02", 0, { 0x4180000000000000, 0x4180000000000000, U, U }, 0, 0, 2,
      { 0x4210000000000000, 0x4180000000000000, U, U }, 0, false },
    /* -0.082100 x 16**3 + 0.123456 x 16**1: 0.0012345|6 aligned (6 lost),
       0.0821000 - 0.0012345 = 0.080ECBB -> normalized 0.80ECBB x 16**2 */
    { "AE worked example", "7A600800", 0, { U, U, U, 0xC308210000000000 }, 0x4112345600000000, 0, 1,
      { U, U, U, 0xC280ECBB00000000 }, 0, false },
    /* 0.1000000 - 0.0FFFFFF (guard F) = 0.0000001 -> 0.100000 x 16**-5 */
    { "AER guard digit", "3A02", 0, { 0x4110000000000000, 0xC0FFFFFF00000000, U, U }, 0, 0, 2,
      { 0x3B10000000000000, 0xC0FFFFFF00000000, U, U }, 0, false },
    /* shift 2: 0.00FFFFF|F, the last F lost: 0.1000000 - 0.00FFFFF = 0.0F00001 */
    { "AER digits beyond the guard digit are lost", "3A02", 0, { 0x4210000000000000, 0xC0FFFFFF00000000, U, U }, 0, 0, 2,
      { 0x41F0000100000000, 0xC0FFFFFF00000000, U, U }, 0, false },
    { "AER normalizes an unnormalized sum", "3A02", 0, { 0x4400001200000000, 0, U, U }, 0, 0, 2,
      { 0x4012000000000000, 0, U, U }, 0, false },
    { "AER true zero plus operand", "3A02", 0, { 0, 0x4112345600000000, U, U }, 0, 0, 2,
      { 0x4112345600000000, 0x4112345600000000, U, U }, 0, false },
    /* 1.23456 aligned to 16**8 is shifted out entirely: zero fraction */
    { "AER zero fraction with large characteristic swallows the other", "3A02", 0,
      { 0x4112345600000000, 0x4800000000000000, U, U }, 0, 0, 0,
      { 0x0000000000000000, 0x4800000000000000, U, U }, 0, false },
    { "AER significance, mask off: true zero", "3A02", 0, { 0x4110000012345678, 0xC110000000000000, U, U }, 0, 0, 0,
      { 0x0000000012345678, 0xC110000000000000, U, U }, 0, false },
    { "AER significance, mask on: characteristic kept, sign plus", "3A02", 1,
      { 0xC110000012345678, 0x4110000000000000, U, U }, 0, SG, 0,
      { 0x4100000012345678, 0x4110000000000000, U, U }, 0, false },
    { "AER underflow, mask off: true zero", "3A02", 1, { 0x0010000000000000, 0x8008000000000000, U, U }, 0, 0, 0,
      { 0, 0x8008000000000000, U, U }, 0, false },
    { "AER underflow, mask on: characteristic + 128", "3A02", 2, { 0x0010000000000000, 0x8008000000000000, U, U }, 0, UN, 2,
      { 0x7F80000000000000, 0x8008000000000000, U, U }, 0, false },
    { "AER overflow: characteristic - 128", "3A02", 0, { 0x7F80000000000000, 0x7F80000000000000, U, U }, 0, OV, 2,
      { 0x0010000000000000, 0x7F80000000000000, U, U }, 0, false },
    { "AER overflow negative", "3A02", 3, { 0xFF80000000000000, 0xFF80000000000000, U, U }, 0, OV, 1,
      { 0x8010000000000000, 0xFF80000000000000, U, U }, 0, false },
    { "SER", "3B02", 0, { 0x4130000000000000, 0x4110000000000000, U, U }, 0, 0, 2,
      { 0x4120000000000000, 0x4110000000000000, U, U }, 0, false },
    { "SER to negative", "3B02", 0, { 0x4110000000000000, 0x4130000000000000, U, U }, 0, 0, 1,
      { 0xC120000000000000, 0x4130000000000000, U, U }, 0, false },
    { "SE equal operands: true zero", "7B000800", 0, { 0x4212345600000000, U, U, U }, 0x42123456FFFFFFFF, 0, 0,
      { 0, U, U, U }, 0, false },
    { "SER same register", "3B22", 1, { U, 0xC3123456ABCDABCD, U, U }, 0, SG, 0,
      { U, 0x43000000ABCDABCD, U, U }, 0, false },

    /* ---- ADD / SUBTRACT NORMALIZED, long ---- */
    { "ADR", "2A02", 0, { 0x4110000000000000, 0x4110000000000000, U, U }, 0, 0, 2,
      { 0x4120000000000000, 0x4110000000000000, U, U }, 0, false },
    { "ADR guard digit", "2A02", 0, { 0x4110000000000000, 0xC0FFFFFFFFFFFFFF, U, U }, 0, 0, 2,
      { 0x3310000000000000, 0xC0FFFFFFFFFFFFFF, U, U }, 0, false },
    { "AD significance, mask off", "6A000800", 0, { 0x4110000000000000, U, U, U }, 0xC110000000000000, 0, 0,
      { 0, U, U, U }, 0, false },
    { "AD significance, mask on", "6A000800", 1, { 0x4110000000000000, U, U, U }, 0xC110000000000000, SG, 0,
      { 0x4100000000000000, U, U, U }, 0, false },
    /* 0.3 x 16**2 - 0.1 x 16**1 = 0x30 - 1 = 0x2F */
    { "SDR", "2B02", 0, { 0x4230000000000000, 0x4110000000000000, U, U }, 0, 0, 2,
      { 0x422F000000000000, 0x4110000000000000, U, U }, 0, false },
    { "SD", "6B400800", 0, { U, U, 0x4110000000000000, U }, 0x4120000000000000, 0, 1,
      { U, U, 0xC110000000000000, U }, 0, false },
    { "ADR underflow, mask on", "2A02", 2, { 0x0010000000000000, 0x800F000000000000, U, U }, 0, UN, 2,
      { 0x7F10000000000000, 0x800F000000000000, U, U }, 0, false },
    { "ADR underflow, mask off", "2A02", 0, { 0x0010000000000000, 0x800F000000000000, U, U }, 0, 0, 0,
      { 0, 0x800F000000000000, U, U }, 0, false },
    { "ADR overflow", "2A02", 0, { 0xFFF0000000000000, 0xFF10000000000000, U, U }, 0, OV, 1,
      { 0x8010000000000000, 0xFF10000000000000, U, U }, 0, false },

    /* ---- ADD / SUBTRACT UNNORMALIZED ---- */
    { "AUR keeps leading zeros", "3E02", 0, { 0x4110000000000000, 0xC108000000000000, U, U }, 0, 0, 2,
      { 0x4108000000000000, 0xC108000000000000, U, U }, 0, false },
    { "AUR carry", "3E02", 0, { 0x4180000000000000, 0x4180000000000000, U, U }, 0, 0, 2,
      { 0x4210000000000000, 0x4180000000000000, U, U }, 0, false },
    /* 0.1000000 - 0.0FFFFFF = 0.0000001: truncated, the fraction is zero */
    { "AUR guard digit truncated: zero fraction, true zero", "3E02", 0,
      { 0x4110000000000000, 0xC0FFFFFF00000000, U, U }, 0, 0, 0,
      { 0, 0xC0FFFFFF00000000, U, U }, 0, false },
    { "AU significance, mask on keeps characteristic", "7E000800", 1, { 0x4110000000000000, U, U, U }, 0xC1100000FFFFFFFF, SG, 0,
      { 0x4100000000000000, U, U, U }, 0, false },
    { "AUR cannot underflow", "3E02", 2, { 0x0010000000000000, 0x8008000000000000, U, U }, 0, 0, 2,
      { 0x0008000000000000, 0x8008000000000000, U, U }, 0, false },
    { "AUR overflow", "3E02", 0, { 0x7F80000000000000, 0x7F80000000000000, U, U }, 0, OV, 2,
      { 0x0010000000000000, 0x7F80000000000000, U, U }, 0, false },
    { "SUR", "3F02", 0, { 0x4230000000000000, 0x4110000000000000, U, U }, 0, 0, 2,
      { 0x422F000000000000, 0x4110000000000000, U, U }, 0, false },
    { "SU", "7F000800", 0, { 0x4110000000000000, U, U, U }, 0x4120000000000000, 0, 1,
      { 0xC110000000000000, U, U, U }, 0, false },
    { "AWR keeps leading zeros", "2E02", 0, { 0x4110000000000000, 0xC108000000000000, U, U }, 0, 0, 2,
      { 0x4108000000000000, 0xC108000000000000, U, U }, 0, false },
    /* 0.00000000000001 x 16**1 shifted 2 digits right: only the guard digit is lost */
    { "AW small operand lost", "6E000800", 0, { 0x4300000000000001, U, U, U }, 0x4100000000000001, 0, 2,
      { 0x4300000000000001, U, U, U }, 0, false },
    { "SWR significance, mask on", "2F02", 1, { 0x4110000000000000, 0x4110000000000000, U, U }, 0, SG, 0,
      { 0x4100000000000000, 0x4110000000000000, U, U }, 0, false },
    { "AWR overflow", "2E02", 0, { 0x7FF0000000000000, 0x7F10000000000000, U, U }, 0, OV, 2,
      { 0x0010000000000000, 0x7F10000000000000, U, U }, 0, false },
    { "SW", "6F000800", 0, { 0x4210000000000000, U, U, U }, 0x4110000000000000, 0, 2,
      { 0x420F000000000000, U, U, U }, 0, false },

    /* ---- COMPARE: normalized subtraction for the cc only ---- */
    { "CER low", "3902", 0, { 0x4110000000000000, 0x4120000000000000, U, U }, 0, 0, 1,
      { 0x4110000000000000, 0x4120000000000000, U, U }, 0, false },
    { "CER high", "3902", 0, { 0x4210000000000000, 0x41FFFFFF00000000, U, U }, 0, 0, 2,
      { 0x4210000000000000, 0x41FFFFFF00000000, U, U }, 0, false },
    { "CER equal in different forms", "3902", 0, { 0x4110000000000000, 0x4201000000000000, U, U }, 0, 0, 0,
      { 0x4110000000000000, 0x4201000000000000, U, U }, 0, false },
    { "CER zeros of any sign and characteristic are equal", "3902", 0,
      { 0x8000000000000000, 0x4500000000000000, U, U }, 0, 0, 0,
      { 0x8000000000000000, 0x4500000000000000, U, U }, 0, false },
    { "CER negative is low", "3902", 0, { 0xC110000000000000, 0x4110000000000000, U, U }, 0, 0, 1,
      { 0xC110000000000000, 0x4110000000000000, U, U }, 0, false },
    /* 0.001001 x 16**0 aligned by 2: 0.0000100|1 lost = 0.000010 x 16**2 */
    { "CER equal when the difference is beyond the guard digit", "3902", 0,
      { 0x4200001000000000, 0x4000100100000000, U, U }, 0, 0, 0,
      { 0x4200001000000000, 0x4000100100000000, U, U }, 0, false },
    { "CER no exceptions with masks on", "3902", 3, { 0x0010000000000000, 0x0010000000000000, U, U }, 0, 0, 0,
      { 0x0010000000000000, 0x0010000000000000, U, U }, 0, false },
    { "CE ignores the low half", "79000800", 0, { 0x4110000000000000, U, U, U }, 0x41100000FFFFFFFF, 0, 0,
      { 0x4110000000000000, U, U, U }, 0, false },
    { "CDR low in the last digit", "2902", 0, { 0x4110000000000000, 0x4110000000000001, U, U }, 0, 0, 1,
      { 0x4110000000000000, 0x4110000000000001, U, U }, 0, false },
    { "CD negatives", "69000800", 0, { 0xC110000000000000, U, U, U }, 0xC120000000000000, 0, 2,
      { 0xC110000000000000, U, U, U }, 0, false },

    /* ---- MULTIPLY ---- */
    { "MER gives a long result", "3C02", 0, { 0x4120000012345678, 0x41300000FFFFFFFF, U, U }, 0, 0, 3,
      { 0x4160000000000000, 0x41300000FFFFFFFF, U, U }, 0, false },
    { "MER postnormalizes one digit", "3C02", 0, { 0x4110000000000000, 0x4110000000000000, U, U }, 0, 0, 3,
      { 0x4110000000000000, 0x4110000000000000, U, U }, 0, false },
    /* FFFFFF**2 = FFFFFE000001, all 12 digits kept */
    { "MER exact 12-digit product", "3C02", 0, { 0x41FFFFFF00000000, 0x41FFFFFF00000000, U, U }, 0, 0, 3,
      { 0x42FFFFFE00000100, 0x41FFFFFF00000000, U, U }, 0, false },
    { "ME prenormalizes", "7C000800", 0, { 0x4300001000000000, U, U, U }, 0x4120000000000000, 0, 3,
      { 0x3F20000000000000, U, U, U }, 0, false },
    { "MER sign", "3C02", 0, { 0xC120000000000000, 0x4130000000000000, U, U }, 0, 0, 3,
      { 0xC160000000000000, 0x4130000000000000, U, U }, 0, false },
    { "MER by minus zero: true zero", "3C02", 0, { 0x4120000012345678, 0x8000000000000000, U, U }, 0, 0, 3,
      { 0, 0x8000000000000000, U, U }, 0, false },
    { "MER by zero fraction, no underflow", "3C02", 2, { 0x0110000000000000, 0x0500000000000000, U, U }, 0, 0, 3,
      { 0, 0x0500000000000000, U, U }, 0, false },
    { "MER overflow", "3C02", 0, { 0x7F80000000000000, 0x4120000000000000, U, U }, 0, OV, 3,
      { 0x0010000000000000, 0x4120000000000000, U, U }, 0, false },
    { "MER underflow, mask off", "3C02", 0, { 0x0110000000000000, 0x3F10000000000000, U, U }, 0, 0, 3,
      { 0, 0x3F10000000000000, U, U }, 0, false },
    { "MER underflow, mask on", "3C02", 2, { 0x0110000000000000, 0x3F10000000000000, U, U }, 0, UN, 3,
      { 0x7F10000000000000, 0x3F10000000000000, U, U }, 0, false },
    { "MDR", "2C02", 0, { 0x4110000000000001, 0x4120000000000000, U, U }, 0, 0, 3,
      { 0x4120000000000002, 0x4120000000000000, U, U }, 0, false },
    /* (1 - 16**-14)**2 = 0.FFFFFFFFFFFFFE00000000000001: truncated */
    { "MDR truncates", "2C02", 0, { 0x41FFFFFFFFFFFFFF, 0x41FFFFFFFFFFFFFF, U, U }, 0, 0, 3,
      { 0x42FFFFFFFFFFFFFE, 0x41FFFFFFFFFFFFFF, U, U }, 0, false },
    /* normalized operands whose product leaves the exponent range take the
       general path: overflow wraps, underflow with the mask on wraps up */
    { "MDR overflow", "2C02", 0, { 0x7F80000000000000, 0x4120000000000000, U, U }, 0, OV, 3,
      { 0x0010000000000000, 0x4120000000000000, U, U }, 0, false },
    { "MDR underflow, mask off", "2C02", 0, { 0x0110000000000000, 0x3F10000000000000, U, U }, 0, 0, 3,
      { 0, 0x3F10000000000000, U, U }, 0, false },
    { "MDR underflow, mask on", "2C02", 2, { 0x0110000000000000, 0x3F10000000000000, U, U }, 0, UN, 3,
      { 0x7F10000000000000, 0x3F10000000000000, U, U }, 0, false },
    { "MDR signs", "2C02", 0, { 0xC130000000000000, 0xC150000000000000, U, U }, 0, 0, 3,
      { 0x41F0000000000000, 0xC150000000000000, U, U }, 0, false },
    { "MDR unnormalized operand", "2C02", 0, { 0x4300100000000000, 0x4120000000000000, U, U }, 0, 0, 3,
      { 0x4120000000000000, 0x4120000000000000, U, U }, 0, false },
    { "MD", "6C200800", 0, { U, 0xC210000000000000, U, U }, 0x4140000000000000, 0, 3,
      { U, 0xC240000000000000, U, U }, 0, false },
    { "MXDR exact 28-digit product", "2704", 0, { 0x41FFFFFFFFFFFFFF, U, 0x41FFFFFFFFFFFFFF, U }, 0, 0, 3,
      { 0x42FFFFFFFFFFFFFE, 0x3400000000000001, 0x41FFFFFFFFFFFFFF, U }, 0, false },
    { "MXD", "67400800", 0, { U, U, 0xC110000000000000, U }, 0x4130000000000000, 0, 3,
      { U, U, 0xC130000000000000, 0xB300000000000000 }, 0, false },
    /* characteristic 0C: the low-order part's 0C - 14 wraps to 7E */
    { "MXDR low-order characteristic wraps", "2702", 0, { 0x4510000000000000, 0x0810000000000000, U, U }, 0, 0, 3,
      { 0x0C10000000000000, 0x7E00000000000000, U, U }, 0, false },
    { "MXDR zero: both parts true zero", "2704", 0, { 0x4110000000000000, U, 0x8000000000000000, U }, 0, 0, 3,
      { 0, 0, 0x8000000000000000, U }, 0, false },
    { "MXDR underflow, mask on", "2704", 2, { 0x0110000000000000, U, 0x3F10000000000000, U }, 0, UN, 3,
      { 0x7F10000000000000, 0x7100000000000000, 0x3F10000000000000, U }, 0, false },
    /* 0.1000000000000000000000000001 x 0.2 = 0.02000000000000000000000000002 */
    { "MXR", "2604", 0, { 0x4110000000000000, 0x3300000000000001, 0x4120000000000000, 0x3300000000000000 }, 0, 0, 3,
      { 0x4120000000000000, 0x3300000000000002, 0x4120000000000000, 0x3300000000000000 }, 0, false },
    /* (1 - 16**-28)**2 truncated to 28 digits: 27 F's and an E; low-order
       signs and characteristics of the operands are ignored */
    { "MXR truncates", "2604", 0, { 0x41FFFFFFFFFFFFFF, 0x00FFFFFFFFFFFFFF, 0x41FFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF }, 0, 0, 3,
      { 0x42FFFFFFFFFFFFFF, 0x34FFFFFFFFFFFFFE, 0x41FFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF }, 0, false },
    { "MXR prenormalizes the low-order digits up", "2604", 0, { 0x5000000000000000, 0x4200000000000010, 0x4120000000000000, 0 }, 0, 0, 3,
      /* 0.0000000000000000000000000010 x 16**16 = 0.1 x 16**-10; x 0.2 x 16**1 -> 0.2 x 16**-10 */
      { 0x3620000000000000, 0x2800000000000000, 0x4120000000000000, 0 }, 0, false },
    { "MXR overflow", "2604", 0, { 0x7F80000000000000, 0, 0x4120000000000000, 0 }, 0, OV, 3,
      { 0x0010000000000000, 0x7200000000000000, 0x4120000000000000, 0 }, 0, false },
    { "MXR negative", "2640", 0, { 0xC120000000000000, 0, 0x4130000000000000, 0 }, 0, 0, 3,
      { 0xC120000000000000, 0, 0xC160000000000000, 0xB300000000000000 }, 0, false },

    /* ---- DIVIDE ---- */
    { "DER", "3D02", 0, { 0x4160000011111111, 0x41200000AAAAAAAA, U, U }, 0, 0, 3,
      { 0x4130000011111111, 0x41200000AAAAAAAA, U, U }, 0, false },
    { "DER truncates 1/3", "3D02", 0, { 0x4110000000000000, 0x4130000000000000, U, U }, 0, 0, 3,
      { 0x4055555500000000, 0x4130000000000000, U, U }, 0, false },
    { "DE", "7D000800", 0, { 0x4210000000000000, U, U, U }, 0xC140000000000000, 0, 3,
      { 0xC140000000000000, U, U, U }, 0, false },
    { "DER by zero fraction: suppressed", "3D02", 3, { 0x4110000012345678, 0x4100000000000000, U, U }, 0, FD, 3,
      { 0x4110000012345678, 0x4100000000000000, U, U }, 0, false },
    { "DER zero by zero is a divide exception", "3D02", 0, { 0, 0, U, U }, 0, FD, 3,
      { 0, 0, U, U }, 0, false },
    { "DER zero dividend: true zero", "3D02", 0, { 0xC300000012345678, 0x4110000000000000, U, U }, 0, 0, 3,
      { 0x0000000012345678, 0x4110000000000000, U, U }, 0, false },
    { "DER overflow", "3D02", 0, { 0x7F10000000000000, 0x0110000000000000, U, U }, 0, OV, 3,
      { 0x3F10000000000000, 0x0110000000000000, U, U }, 0, false },
    { "DER underflow, mask off", "3D02", 0, { 0x0110000000000000, 0x7F20000000000000, U, U }, 0, 0, 3,
      { 0, 0x7F20000000000000, U, U }, 0, false },
    { "DER underflow, mask on", "3D02", 2, { 0x0110000000000000, 0x7F20000000000000, U, U }, 0, UN, 3,
      { 0x4280000000000000, 0x7F20000000000000, U, U }, 0, false },
    { "DDR truncates 1/3", "2D02", 0, { 0x4110000000000000, 0x4130000000000000, U, U }, 0, 0, 3,
      { 0x4055555555555555, 0x4130000000000000, U, U }, 0, false },
    { "DD prenormalizes", "6D000800", 0, { 0x4400001000000000, U, U, U }, 0x4020000000000000, 0, 3,
      { 0x4080000000000000, U, U, U }, 0, false },
    { "DD by zero", "6D000800", 0, { 0x4400001000000000, U, U, U }, 0xC000000000000000, FD, 3,
      { 0x4400001000000000, U, U, U }, 0, false },

    /* ---- ADD / SUBTRACT NORMALIZED, extended ---- */
    { "AXR", "3604", 0, { 0x4110000000000000, 0x3300000000000001, 0x4110000000000000, 0x3300000000000001 }, 0, 0, 2,
      { 0x4120000000000000, 0x3300000000000002, 0x4110000000000000, 0x3300000000000001 }, 0, false },
    /* 0.1 x 16 - 0.FFF...F (28 digits): 16**-28 = 0.1 x 16**-27 */
    { "AXR guard digit", "3604", 0, { 0x4110000000000000, 0, 0xC0FFFFFFFFFFFFFF, 0xB2FFFFFFFFFFFFFF }, 0, 0, 2,
      { 0x2510000000000000, 0x1700000000000000, 0xC0FFFFFFFFFFFFFF, 0xB2FFFFFFFFFFFFFF }, 0, false },
    { "SXR equal: true zero in both parts", "3704", 0, { 0x4110000000000000, 0x3300000000000001, 0x4110000000000000, 0x3300000000000001 }, 0, 0, 0,
      { 0, 0, 0x4110000000000000, 0x3300000000000001 }, 0, false },
    { "SXR significance, mask on", "3704", 1, { 0x4110000000000000, 0x3300000000000001, 0x4110000000000000, 0x3300000000000001 }, 0, SG, 0,
      { 0x4100000000000000, 0x3300000000000000, 0x4110000000000000, 0x3300000000000001 }, 0, false },
    { "AXR overflow", "3604", 0, { 0x7F80000000000000, 0, 0x7F80000000000000, 0 }, 0, OV, 2,
      { 0x0010000000000000, 0x7200000000000000, 0x7F80000000000000, 0 }, 0, false },
    { "AXR underflow, mask on", "3604", 2, { 0x0010000000000000, 0, 0x800F000000000000, 0 }, 0, UN, 2,
      { 0x7F10000000000000, 0x7100000000000000, 0x800F000000000000, 0 }, 0, false },
    { "AXR underflow, mask off", "3604", 0, { 0x0010000000000000, 0, 0x800F000000000000, 0 }, 0, 0, 0,
      { 0, 0, 0x800F000000000000, 0 }, 0, false },
    { "AXR low-order characteristic below zero is no underflow", "3604", 2, { 0x0510000000000000, 0, 0x0510000000000000, 0 }, 0, 0, 2,
      { 0x0520000000000000, 0x7700000000000000, 0x0510000000000000, 0 }, 0, false },
    /* 0.1000000000000000000000000001 - 0.2 = -0.0FFF...F (27 F's), normalized */
    { "SXR", "3740", 0, { 0x4120000000000000, 0, 0x4110000000000000, 0x3300000000000001 }, 0, 0, 1,
      { 0x4120000000000000, 0, 0xC0FFFFFFFFFFFFFF, 0xB2FFFFFFFFFFFFF0 }, 0, false },

    /* shift 7 digits: 0.1 x 16**1 becomes 0.0000001 x 16**8 */
    { "AXR alignment", "3604", 0, { 0x4810000000000000, 0, 0x4110000000000000, 0x3300000000000000 }, 0, 0, 2,
      { 0x4810000001000000, 0x3A00000000000000, 0x4110000000000000, 0x3300000000000000 }, 0, false },
    { "AXR operand shifted out entirely", "3604", 0, { 0x6010000000000000, 0, 0x4210000000000000, 0 }, 0, 0, 2,
      { 0x6010000000000000, 0x5200000000000000, 0x4210000000000000, 0 }, 0, false },
    { "MDR by zero: true zero", "2C02", 2, { 0x4110000000000000, 0x8000000000000000, U, U }, 0, 0, 3,
      { 0, 0x8000000000000000, U, U }, 0, false },
    { "DDR overflow", "2D02", 0, { 0x7F10000000000000, 0x0110000000000000, U, U }, 0, OV, 3,
      { 0x3F10000000000000, 0x0110000000000000, U, U }, 0, false },
    { "HDR underflow, mask on", "2402", 2, { U, 0x0010000000000000, U, U }, 0, UN, 3,
      { 0x7F80000000000000, 0x0010000000000000, U, U }, 0, false },
    /* 0x40 / 2 = 0x20: dividend fraction >= divisor fraction, shifted right */
    { "DD", "6D400800", 0, { U, U, 0x4240000000000000, U }, 0x4120000000000000, 0, 3,
      { U, U, 0x4220000000000000, U }, 0, false },

    /* ---- specification: R not 0, 2, 4, 6 (or not 0, 4 for extended) ---- */
    { "LER odd R1", "3812", 0, { U, U, U, U }, 0, SP, 3, { U, U, U, U }, 0, false },
    { "ADR R2 8", "2A08", 0, { U, U, U, U }, 0, SP, 3, { U, U, U, U }, 0, false },
    { "LE odd R1", "78300800", 0, { U, U, U, U }, 0, SP, 3, { U, U, U, U }, 0, false },
    { "STD R1 9: nothing stored", "60900800", 0, { U, U, U, U }, 0x0123456789ABCDEF, SP, 3,
      { U, U, U, U }, 0, false },
    { "MER R2 10", "3C0A", 0, { U, U, U, U }, 0, SP, 3, { U, U, U, U }, 0, false },
    { "LCDR R1 14", "23E0", 0, { U, U, U, U }, 0, SP, 3, { U, U, U, U }, 0, false },
    { "LRDR R2 2", "2502", 0, { U, U, U, U }, 0, SP, 3, { U, U, U, U }, 0, false },
    { "LRDR R1 odd", "2510", 0, { U, U, U, U }, 0, SP, 3, { U, U, U, U }, 0, false },
    { "MXD R1 2", "67200800", 0, { U, U, U, U }, 0, SP, 3, { U, U, U, U }, 0, false },
    { "MXDR R2 odd", "2701", 0, { U, U, U, U }, 0, SP, 3, { U, U, U, U }, 0, false },
    { "MXR R2 2", "2602", 0, { U, U, U, U }, 0, SP, 3, { U, U, U, U }, 0, false },
    { "AXR R1 6", "3664", 0, { U, U, U, U }, 0, SP, 3, { U, U, U, U }, 0, false },
    { "SXR R1 2", "3720", 0, { U, U, U, U }, 0, SP, 3, { U, U, U, U }, 0, false },
    { "DDR R2 odd", "2D03", 0, { U, U, U, U }, 0, SP, 3, { U, U, U, U }, 0, false },
    { "HER R2 odd", "3405", 0, { U, U, U, U }, 0, SP, 3, { U, U, U, U }, 0, false },
};

static unsigned hexlen(const char *s) { return (unsigned)strlen(s) / 2; }

START_TEST(fp_case)
{
    const struct fcase *k = &cases[_i];
    struct cpu *c = t_cpu();
    for (int i = 0; i < 4; i++) c->fpr[2 * i] = k->in[i];
    t_set8(c, 0x800, k->mem);
    c->gr[1] = 0x20000;
    unsigned len = hexlen(k->insn);
    t_put(c, T_ORG, k->insn);
    t_put(c, T_ORG + len, "0000");
    /* BC PSW: key 0 supervisor, cc 3, the row's program mask. */
    uint8_t psw[8] = { 0, 0, 0, 0, (uint8_t)(0x30 | k->mask), 0, T_ORG >> 8, 0 };
    cpu_load_psw(c, psw);
    unsigned code = t_go(c);

    if (k->pgm) {
        ck_assert_msg(code == k->pgm, "%s: interruption code %x, expected %x", k->what, code, k->pgm);
        ck_assert_uint_eq(t_pgm_ia(c), T_ORG + len);
    } else {
        ck_assert_msg(t_ended(c, len), "%s: interruption code %x", k->what, code);
    }
    unsigned cc = (c->mem[PSA_PGM_OLD + 4] >> 4) & 3;
    ck_assert_msg(cc == k->cc, "%s: cc %u, expected %u", k->what, cc, k->cc);
    for (int i = 0; i < 4; i++)
        ck_assert_msg(c->fpr[2 * i] == k->out[i], "%s: FPR%d %016llX, expected %016llX", k->what, 2 * i,
                      (unsigned long long)c->fpr[2 * i], (unsigned long long)k->out[i]);
    uint64_t m = t_get8(c, 0x800), em = k->store ? k->memout : k->mem;
    ck_assert_msg(m == em, "%s: X'800' %016llX, expected %016llX", k->what, (unsigned long long)m,
                  (unsigned long long)em);
    cpu_free(c);
}
END_TEST

/* A straight-line program using only floating-point instructions:
   (1 + 2 + 3 + 4) / 4 * 2 = 5, then x - x = true zero. */
START_TEST(fp_program_average)
{
    struct cpu *c = t_cpu();
    t_put(c, 0x800, "41100000 41200000 41300000 41400000");
    c->fpr[0] = 0;
    /* LE 0,X'800'; AE 0,X'804'; AE 0,X'808'; AE 0,X'80C' -> 10 = 41A00000
       DE 0,X'80C' -> 2.5 = 41280000; ME 0,X'804' -> 5 = 4150000000000000
       STD 0,X'810'; LCDR 2,0; ADR 2,0 -> true zero, cc 0 */
    ck_assert_uint_eq(t_run(c, "78000800 7A000804 7A000808 7A00080C 7D00080C 7C000804 60000810 2320 2A20"),
                      PGM_OPERATION);
    ck_assert(t_ended(c, 32));
    ck_assert_uint_eq(t_get8(c, 0x810), 0x4150000000000000ull);
    ck_assert_uint_eq(c->fpr[0], 0x4150000000000000ull);
    ck_assert_uint_eq(c->fpr[2], 0);
    ck_assert_uint_eq((c->mem[PSA_PGM_OLD + 4] >> 4) & 3, 0);
    cpu_free(c);
}
END_TEST

Suite *suite(void)
{
    Suite *s = suite_create("float");
    TCase *tc = tcase_create("hfp");
    tcase_add_loop_test(tc, fp_case, 0, (int)(sizeof cases / sizeof cases[0]));
    tcase_add_test(tc, fp_program_average);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return t_main(suite()); }
