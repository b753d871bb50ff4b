/*
 * asm370 known-answer tests: each source is assembled with -f bin and the
 * image compared with bytes worked out by hand from the HLASM Language
 * Reference rules (the comments say how when it is not obvious).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "asm.h"

/* Assemble src (lines joined with \n); the in-memory members are vf. */
static struct asm_result run(const char *src, const struct asm_vfile *vf, int nvf)
{
    struct asm_opts o = { NULL, 0, vf, nvf, true, true };
    struct asm_result r;
    asm_assemble(&o, "t.asm", src, &r);
    return r;
}

static void hex_of(const uint8_t *p, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++) sprintf(out + 2 * i, "%02X", p[i]);
    out[2 * n] = 0;
}

static void strip(const char *in, char *out)
{
    for (; *in; in++)
        if (!isspace((unsigned char)*in)) *out++ = (char)toupper((unsigned char)*in);
    *out = 0;
}

struct kat { const char *name, *src, *hex; uint32_t origin; };

static const struct kat kats[] = {
    /* C: EBCDIC 037; explicit length pads with X'40' on the right or truncates
       on the right; '' is one quote and && one ampersand. */
    { "dc_c", " START 0\n DC C'AB',CL4'AB',CL1'AB',C'A''B',C'&&',2C'X',C'a1 '\n",
      "C1C2 C1C24040 C1 C17DC2 50 E7E7 81F140", 0 },
    /* X and B pad on the left with zero bits and truncate on the left. */
    { "dc_x_b", " START 0\n DC X'1',X'ABC',XL3'1',XL1'1234',X'01,02'\n DC B'1',B'100000001',BL1'111100001'\n",
      "01 0ABC 000001 34 0102 01 0101 E1", 0 },
    /* F is fullword aligned (3 zero bytes after X'FF'); explicit lengths are
       not aligned and keep the low-order bytes of the two's complement. */
    { "dc_f_h", " START 0\n DC X'FF',F'-1',H'32767',FL3'-2',H'-1',F'+16'\n",
      "FF000000 FFFFFFFF 7FFF FFFFFE 00 FFFF 00000010", 0 },
    /* P: digits and a sign nibble C/D, padded or truncated on the left;
       Z: zoned digits, the last zone is the sign. */
    { "dc_p_z", " START 0\n DC P'123',P'-1',PL3'-12345',PL2'12345',P'0',P'+5'\n DC Z'123',Z'-5',ZL4'12'\n",
      "123C 1D 12345D 345C 0C 5C F1F2C3 D5 F0F0F1C2", 0 },
    /* A and Y: expressions; AL1/AL2 unaligned; A(*) aligned to 12 first. */
    { "dc_a_y", " START 0\n DC A(X'10'),Y(300),AL1(5),AL2(7),A(*),A(1,2)\n",
      "00000010 012C 05 0007 000000 0000000C 00000001 00000002", 0 },
    /* HFP: 1 = X'41100000'; -0.5 = X'C0800000'; 100 = 0.390625 * 16**2 =
       X'42640000'; 0.1 rounds the seventh hex digit (9...) up: X'4019999A'. */
    { "dc_e_d", " START 0\n DC E'1',E'-0.5',E'0',E'100',E'0.1'\n DC D'1',D'0.1'\n",
      "41100000 C0800000 00000000 42640000 4019999A 00000000 4110000000000000 401999999999999A", 0 },
    /* L: the low half has the characteristic minus 14 (X'41' - 14 = X'33'). */
    { "dc_l", " START 0\n DC L'1'\n", "41100000000000003300000000000000", 0 },
    /* S: base and displacement through USING, or explicit D(B). */
    { "dc_s", " START 0\nBASE EQU *\n USING BASE,12\n DC S(BASE+4),S(8(3))\n", "C004 3008", 0 },
    /* Alignment of H (to 2), D (to 8), F (to 16 after the D). */
    { "dc_align", " START 0\n DC C'A'\n DC H'1'\n DC D'0'\n DC F'2'\n",
      "C1 00 0001 00000000 0000000000000000 00000002", 0 },
    /* Duplication, DS 0F alignment, DS space (zero in the image), 0 dup. */
    { "dc_dup_ds", " START 0\n DC 3X'AB'\n DS 0F\n DC 2H'1,2'\n DS CL3\n DC 0H'0'\n DC X'EE'\n",
      "ABABAB 00 0001000200010002 000000 00 EE", 0 },
    /* Literals go to the LTORG pool on a doubleword: fullword-multiple
       lengths first (=F'1' then =A(X)), then =C'AB'; X follows at X'1A'. */
    { "literals", " START 0\n USING *,15\n L 1,=F'1'\n MVC 0(2,1),=C'AB'\n LA 2,=A(X)\n LTORG\nX DC X'FF'\n",
      "5810F010 D2011000F018 4120F014 0000 00000001 0000001A C1C2 FF", 0 },
    /* The same literal twice is one pool entry. */
    { "literal_shared", " START 0\n USING *,15\n L 1,=F'7'\n L 2,=F'7'\n END\n",
      "5810F008 5820F008 00000007", 0 },
    /* EQU values and length attributes, L' and T', implicit SS length. */
    { "equ_attr",
      " START 0\nR1 EQU 1\nLEN EQU 5\n USING *,15\n LA R1,L'FLD\n LA R1,L'L2\n LA 1,LEN*2+1\n MVI FLD,T'FLD\n"
      " MVC FLD,FLD2\nFLD DS CL10\nFLD2 DS CL10\nL2 EQU FLD,4\n",
      "4110000A 41100004 4110000B 92C3F016 D209F016F020 00000000000000000000 00000000000000000000", 0 },
    /* ORG back into a field and ORG with no operand to the high-water mark. */
    { "org", " START 0\nA DC C'AAAA'\n ORG A+1\n DC C'B'\n ORG\n DC C'C'\n", "C1C2C1C1C3", 0 },
    /* CNOP pads with NOPR 0 (X'0700'). */
    { "cnop", " START 0\n LR 1,1\n CNOP 0,8\n LR 2,2\n CNOP 2,4\n CNOP 0,4\n LR 3,3\n",
      "1811 070007000700 1822 0700 1833", 0 },
    /* Two base registers: 11 covers base+4096. */
    { "using_two_regs", " START 0\n USING *,12,11\n L 1,FAR\n L 2,NEAR\nNEAR DS XL4096\nFAR DC F'9'\n",
      NULL, 0 },
    /* A DSECT addressed through its own USING. */
    { "dsect", "D DSECT\nDF1 DS F\nDF2 DS H\nC CSECT\n USING D,5\n LH 1,DF2\n MVC DF1,DF1\n",
      "48105004 D20350005000", 0 },
    /* Extended mnemonics resolve like BC/BCR with a fixed mask. */
    { "branches", " START 0\n USING *,15\nLOOP BCT 1,LOOP\n BNE LOOP\n BR 14\n NOPR 0\n B LOOP\n BZR 3\n NOP 0\n",
      "4610F000 4770F000 07FE 0700 47F0F000 0783 47000000", 0 },
    /* Implicit lengths come from the first term's length attribute. */
    { "ss_lengths", " START 0\n USING *,15\n MVC A,B\n PACK A,B\n MVC A(2),B\n CLC 0(4,1),B\nA DS CL8\nB DS CL3\n",
      "D207F018F020 F272F018F020 D201F018F020 D5031000F020 0000000000000000 000000", 0 },
    /* Statements before any section form private code at 0. */
    { "private_code", " LR 1,2\n", "1812", 0 },
    /* A resumed CSECT continues; B starts on the next doubleword. */
    { "csects", "A CSECT\n DC X'01'\nB CSECT\n DC X'02'\nA CSECT\n DC X'03'\n",
      "0103000000000000 02", 0 },
    /* Self-defining terms. */
    { "selfdef", " START 0\n LA 1,C'A'\n LA 1,X'FF'\n LA 1,B'101'\n LA 1,C''''\n",
      "411000C1 411000FF 41100005 4110007D", 0 },
    /* START origin: the image starts there and addresses are absolute. */
    { "start_origin", "P START X'2000'\n USING *,15\n L 1,W\nW DC A(W)\n", "5810F004 00002004", 0x2000 },
    /* CCW: doubleword aligned; command, 24-bit address, flags, count. */
    { "ccw", " START 0\n DC X'FF'\nC CCW 2,BUF,X'20',80\nBUF DC X'EE'\n", "FF00000000000000 02000010 20000050 EE", 0 },
    /* Lower-case mnemonics and symbols. */
    { "lower_case", " start 0\n using *,15\nlab lr 1,2\n b lab\n", "1812 47F0F000", 0 },
    /* Conditional assembly in open code; the .OK inside the macro
       definition is not a target for open code, and a backward AGO loops. */
    { "open_code_ca",
      " MACRO\n M\n AGO .OK\n.OK ANOP\n MEND\n START 0\n&X SETA 3\n AIF (&X EQ 3).OK\n DC X'00'\n.OK ANOP\n"
      " DC X'0&X'\n&I SETA 0\n.B ANOP\n&I SETA &I+1\n DC AL1(&I)\n AIF (&I LT 3).B\n",
      "03 010203", 0 },
    /* Positional and keyword parameters, defaults, name field, &SYSNDX. */
    { "macro_params",
      " MACRO\n&L GEN &A,&B,&K=7\n&L DC AL1(&A,&B,&K)\n DC C'&SYSNDX'\n MEND\n START 0\nX GEN 1,2\n GEN 3,0,K=9\n"
      " DC AL1(L'X)\n",
      "010207 F0F0F0F1 030009 F0F0F0F2 01", 0 },
    /* Sublists, N', K', &SYSLIST, T' of symbols, numbers and omitted ones. */
    { "macro_sublists",
      " MACRO\n M &P,&Q,&R\n LCLA &A,&B,&C\n&A SETA N'&P\n&B SETA K'&Q\n&C SETA N'&SYSLIST\n"
      " DC AL1(&A,&B,&C)\n DC C'&P(2)&SYSLIST(1,3)'\n&T SETC T'&Q\n&U SETC T'&R\n DC C'&T&U'\n"
      " MEND\n START 0\nF DC F'1'\n M (A,B,C),F\n",
      "00000001 030102 C2C3 C6D6", 0 },
    /* SETC substrings and concatenation, SETB, string comparison, MEXIT. */
    { "macro_setc",
      " MACRO\n M &S\n LCLC &C\n LCLB &B\n&C SETC '&S'(2,3)\n&B SETB ('&C' EQ 'BCD')\n DC C'&C',AL1(&B)\n"
      "&C SETC 'X'.'&C'\n DC C'&C'\n MEXIT\n DC X'FF'\n MEND\n START 0\n M ABCDE\n",
      "C2C3C4 01 E7C2C3C4", 0 },
    /* Global variables keep their value across calls; loops with AGO. */
    { "macro_global_loop",
      " MACRO\n CNT\n GBLA &N\n&N SETA &N+1\n DC AL1(&N)\n MEND\n MACRO\n REP &K\n LCLA &I\n"
      ".T AIF (&I GE &K).E\n CNT\n&I SETA &I+1\n AGO .T\n.E MEND\n START 0\n REP 3\n CNT\n",
      "01020304", 0 },
    /* Subscripted SET symbols and a computed AGO. */
    { "macro_arrays",
      " MACRO\n M\n LCLA &V(5)\n&V(2) SETA 5,6\n DC AL1(&V(2),&V(3),&V(1))\n AGO (2).A,.B\n.A DC X'AA'\n"
      ".B DC X'BB'\n MEND\n START 0\n M\n",
      "050600 BB", 0 },
    /* PUSH/POP USING restores the dropped base. */
    { "push_pop_using", " START 0\n USING *,12\n PUSH USING\n DROP 12\n USING *,11\n POP USING\n L 1,X\nX DC F'1'\n",
      "5810C004 00000001", 0 },
    /* EQU with explicit length and type attributes. */
    { "equ_len_type", " START 0\nE EQU 5,3,C'X'\n DC AL1(L'E,T'E)\n", "03E7", 0 },
    /* Generated names (R&I), an inner definition named from the outer's
       parameter, SETB with NOT/AND and an empty-string test. */
    { "macro_inner_setb",
      " MACRO\n REGEQU\n LCLA &I\n.L ANOP\nR&I EQU &I\n&I SETA &I+1\n AIF (&I LE 15).L\n MEND\n"
      " MACRO\n OUTER &N\n MACRO\n INNER&N &X\n DC AL1(&X+&N)\n MEND\n MEND\n"
      " MACRO\n&LAB TESTB &A,&C\n LCLB &B\n&B SETB (NOT (&A EQ 1) AND ('&C' NE ''))\n&LAB DC AL1(&B)\n"
      " AIF ('&C' EQ '').NOC\n DC C'&C'\n.NOC MEND\n"
      " REGEQU\nX CSECT\n LR R15,R14\n OUTER 7\n INNER7 1\nT1 TESTB 2,Q\n TESTB 1,Q\n TESTB 2\n",
      "18FE 08 01D8 00D8 00", 0 },
    /* USING PSA,0: a DSECT at 0 addressed with base register 0. */
    { "using_reg0", "PSA DSECT\n DS XL16\nPSAF DS F\nP CSECT\n USING PSA,0\n L 1,PSAF\n", "58100010", 0 },
    /* OPSYN: a new name for an instruction. */
    { "opsyn", " START 0\nMOVE OPSYN LR\nCOPYR OPSYN MOVE\n MOVE 1,2\n COPYR 3,4\n", "1812 1834", 0 },
    /* L' inside an explicit length: the attribute's quote is no string. */
    { "length_attribute_in_length", " START 0\n USING *,15\n MVC F+1(L'F-1),F\n MVC F(L'F),F\nF DC CL4' '\n",
      "D202F00DF00C D203F00CF00C 40404040", 0 },
    /* A macro from the library and a COPY member (in-memory files here). */
    { "library", " START 0\n LIBM 5\n COPY MEM\n", "05 AB", 0 },
};

static const struct asm_vfile lib[] = {
    { "LIBM.mac", " MACRO\n LIBM &X\n DC AL1(&X)\n MEND\n" },
    { "MEM.cpy", " DC X'AB'\n" },
};

START_TEST(known_answers)
{
    const struct kat *k = &kats[_i];
    if (!k->hex) return;
    struct asm_result r = run(k->src, lib, 2);
    ck_assert_msg(r.nerrors == 0, "%s: %s", k->name, r.messages);
    char want[1024], got[2048];
    strip(k->hex, want);
    ck_assert_uint_lt(r.size, 1000);
    hex_of(r.image, r.size, got);
    ck_assert_msg(!strcmp(want, got), "%s: want %s got %s", k->name, want, got);
    ck_assert_uint_eq(r.origin, k->origin);
    asm_result_free(&r);
}
END_TEST

/* USING *,12,11: FAR at X'1008' is X'1000' + 8, so base 11 displacement 8. */
START_TEST(two_base_registers)
{
    struct asm_result r = run(kats[15].src, NULL, 0);
    ck_assert_msg(r.nerrors == 0, "%s", r.messages);
    char got[40];
    hex_of(r.image, 8, got);
    ck_assert_str_eq(got, "5810B0085820C008");
    asm_result_free(&r);
}
END_TEST

/* Continuation: column 72 non-blank, the rest at column 16; operands that
   end with ", " leave the rest of the line as remarks. */
START_TEST(continuation_lines)
{
    char src[512];
    snprintf(src, sizeof src, " START 0\n%-71sX\n%-15sX'03'\n%-71sX\n%-15sX'05'\n",
             "         DC    X'01',X'02',", "", "         DC    X'04', remarks here", "");
    struct asm_result r = run(src, NULL, 0);
    ck_assert_msg(r.nerrors == 0, "%s", r.messages);
    char got[32];
    hex_of(r.image, r.size, got);
    ck_assert_str_eq(got, "0102030405");
    asm_result_free(&r);
}
END_TEST

/* Errors: each names FILE:LINE and fails the assembly. */
struct errcase { const char *name, *src, *where, *text; };

static const struct errcase errs[] = {
    { "undefined", " START 0\n USING *,15\n L 1,NOWHERE\n", "t.asm:3:", "undefined symbol NOWHERE" },
    { "duplicate", " START 0\nA DC F'1'\nA DC F'2'\n", "t.asm:3:", "duplicate symbol A" },
    { "unknown_op", " START 0\n FROB 1,2\n", "t.asm:2:", "unknown operation code FROB" },
    { "operand_count", " START 0\n LR 1\n", "t.asm:2:", "expected 2 operands" },
    { "register_range", " START 0\n LR 16,1\n", "t.asm:2:", "register 16 out of range" },
    { "no_base", " START 0\n L 1,FAR\n DS XL5000\nFAR DS F\n", "t.asm:2:", "no USING" },
    { "dropped_base", " START 0\n USING *,12\n DROP 12\n L 1,X\nX DS F\n", "t.asm:4:", "no USING" },
    { "unterminated", " START 0\n DC C'ABC\n", "t.asm:2:", "unterminated" },
    { "no_mend", " START 0\n MACRO\n M\n DC X'01'\n", "t.asm:2:", "without MEND" },
    { "in_copy", " START 0\n COPY BAD\n", "BAD.cpy:2:", "unknown operation code XYZZY" },
    { "in_macro", " MACRO\n M\n LR 1,99\n MEND\n START 0\n M\n", "t.asm:3:", "out of range" },
    { "mnote", " MACRO\n M\n MNOTE 8,'bad call'\n MEND\n M\n", "t.asm:3:", "bad call" },
    { "bad_hex", " DC X'1G'\n", "t.asm:1:", "bad hexadecimal digit" },
    { "displacement_range", " L 1,5000(0,2)\n", "t.asm:1:", "displacement 5000 out of range" },
    { "unterminated_term", " CLI 0(1),C'A\n", "t.asm:1:", "unterminated" },
    { "bad_index_syntax", " L 1,8(2,3,4)\n", "t.asm:1:", "" },
    { "undefined_in_macro_operand", " MACRO\n M &A\n L 1,&A\n MEND\n USING *,15\n M NOPE\n",
      "t.asm:6: note: in expansion of macro M", "undefined symbol NOPE" },
    { "copy_missing", " COPY NOSUCH\n", "t.asm:1:", "COPY member NOSUCH not found" },
};

static const struct asm_vfile badlib[] = { { "BAD.cpy", " DC X'00'\n XYZZY\n" } };

START_TEST(error_reports)
{
    const struct errcase *e = &errs[_i];
    struct asm_result r = run(e->src, badlib, 1);
    ck_assert_msg(r.nerrors > 0, "%s: no error", e->name);
    ck_assert_msg(strstr(r.messages, e->where) && strstr(r.messages, e->text), "%s: want %s ... %s, got %s",
                  e->name, e->where, e->text, r.messages);
    asm_result_free(&r);
}
END_TEST

START_TEST(warning_does_not_fail)
{
    struct asm_result r = run(" MACRO\n M\n MNOTE 4,'just a warning'\n MEND\n M\n DC X'01'\n", NULL, 0);
    ck_assert_int_eq(r.nerrors, 0);
    ck_assert_int_eq(r.nwarnings, 1);
    asm_result_free(&r);
}
END_TEST

START_TEST(listing_has_parts)
{
    struct asm_result r = run(" MACRO\n M\n LR 1,1\n MEND\nP START 0\n USING *,15\n M\n L 1,=F'1'\nX DC X'1G'\n END\n",
                              NULL, 0);
    ck_assert(strstr(r.listing, "000000 1811"));        /* location and object code */
    ck_assert(strstr(r.listing, "+ LR 1,1"));            /* macro expansion */
    ck_assert(strstr(r.listing, "** error: bad hexadecimal digit"));
    ck_assert(strstr(r.listing, "CROSS-REFERENCE"));
    ck_assert(strstr(r.listing, "=F'1'"));
    asm_result_free(&r);
}
END_TEST

/* ---------- object deck: a small loader ---------- */

static unsigned g2(const uint8_t *p) { return (unsigned)p[0] << 8 | p[1]; }
static uint32_t g3(const uint8_t *p) { return (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2]; }

/* Load a one-module deck with every section moved by delta, applying RLD
   items whose relocation ESDID is a section. Returns the image size. */
static uint32_t load_deck(const uint8_t *d, size_t n, uint32_t origin, int32_t delta, uint8_t *mem, uint32_t *entry)
{
    uint32_t hi = 0;
    bool section[64] = { false };
    for (size_t off = 0; off < n; off += 80) {
        const uint8_t *r = d + off;
        ck_assert_uint_eq(r[0], 0x02);
        if (!memcmp(r + 1, "\xC5\xE2\xC4", 3)) {            /* ESD */
            unsigned id = g2(r + 14);
            for (unsigned i = 0; i < g2(r + 10) / 16; i++) {
                const uint8_t *it = r + 16 + 16 * i;
                if (it[8] == 0x01) continue;
                if (it[8] == 0x00 || it[8] == 0x04) {
                    section[id] = true;
                    uint32_t end = g3(it + 9) + (uint32_t)delta + g3(it + 13) - origin;
                    if (end > hi) hi = end;
                }
                id++;
            }
        } else if (!memcmp(r + 1, "\xE3\xE7\xE3", 3)) {     /* TXT */
            memcpy(mem + g3(r + 5) + delta - origin, r + 16, g2(r + 10));
        } else if (!memcmp(r + 1, "\xD9\xD3\xC4", 3)) {     /* RLD */
            const uint8_t *p = r + 16, *e = r + 16 + g2(r + 10);
            unsigned rid = 0;
            bool same = false;
            while (p < e) {
                if (!same) rid = g2(p), p += 4;
                int len = ((p[0] >> 2) & 3) + 1;
                uint8_t *f = mem + g3(p + 1) + delta - origin;
                if (section[rid]) {
                    uint32_t v = 0;
                    for (int i = 0; i < len; i++) v = v << 8 | f[i];
                    v = p[0] & 2 ? v - (uint32_t)delta : v + (uint32_t)delta;
                    for (int i = len - 1; i >= 0; i--, v >>= 8) f[i] = (uint8_t)v;
                }
                same = p[0] & 1;
                p += 4;
            }
        } else if (!memcmp(r + 1, "\xC5\xD5\xC4", 3)) {     /* END */
            *entry = g3(r + 5) + (uint32_t)delta;
        }
    }
    return hi;
}

static const char reloc_src[] =
    "P START %s\n"
    " USING *,15\n"
    " L 1,=A(TAB)\n"
    " LA 2,TAB\n"
    "C CCW 2,BUF,X'20',80\n"
    "TAB DC A(TAB,BUF+4,*),AL3(BUF),Y(5)\n"
    " DC A(BUF-TAB)\n"
    "BUF DS CL100\n"
    " DC 30A(TAB)\n"
    "Q CSECT\n"
    " DC A(TAB,Q)\n"
    " END P\n";

/* The deck assembled at 0 and loaded at X'3000' equals -f bin at X'3000'. */
START_TEST(deck_loads_like_bin)
{
    char src[1024];
    snprintf(src, sizeof src, reloc_src, "0");
    struct asm_result r0 = run(src, NULL, 0);
    ck_assert_msg(r0.nerrors == 0, "%s", r0.messages);
    ck_assert_uint_eq(r0.decklen % 80, 0);
    snprintf(src, sizeof src, reloc_src, "X'3000'");
    struct asm_result r1 = run(src, NULL, 0);
    ck_assert_msg(r1.nerrors == 0, "%s", r1.messages);
    uint8_t *mem = calloc(1, 65536);
    uint32_t entry = 0;
    uint32_t size = load_deck(r0.deck, r0.decklen, 0x3000, 0x3000, mem, &entry);
    ck_assert_uint_eq(size, r1.size);
    ck_assert_mem_eq(mem, r1.image, r1.size);
    ck_assert_uint_eq(entry, 0x3000);
    /* and the link step at X'3000' gives the same image */
    struct link_input in = { "p.obj", r0.deck, r0.decklen };
    struct link_result l;
    ck_assert_int_eq(asm_link(&in, 1, 0x3000, &l), 0);
    ck_assert_uint_eq(l.size, r1.size);
    ck_assert_mem_eq(l.image, r1.image, r1.size);
    ck_assert_uint_eq(l.entry, 0x3000);
    link_result_free(&l);
    free(mem);
    asm_result_free(&r0);
    asm_result_free(&r1);
}
END_TEST

/* Deck records: ESD item for the SD, TXT columns, END entry. */
START_TEST(deck_record_layout)
{
    struct asm_result r = run("PROG START X'100'\n DC X'AABB'\n ENTRY E\nE DC A(E)\n END PROG\n", NULL, 0);
    ck_assert_msg(r.nerrors == 0, "%s", r.messages);
    const uint8_t *d = r.deck;
    ck_assert_mem_eq(d, "\x02\xC5\xE2\xC4", 4);                          /* ESD */
    ck_assert_uint_eq(g2(d + 10), 16);
    ck_assert_uint_eq(g2(d + 14), 1);
    ck_assert_mem_eq(d + 16, "\xD7\xD9\xD6\xC7\x40\x40\x40\x40", 8);      /* PROG */
    ck_assert_uint_eq(d[24], 0x00);                                      /* SD */
    ck_assert_uint_eq(g3(d + 25), 0x100);
    ck_assert_uint_eq(g3(d + 29), 8);                                    /* length */
    ck_assert_mem_eq(d + 72, "\xF0\xF0\xF0\xF0\xF0\xF0\xF0\xF1", 8);      /* sequence */
    d += 80;                                                             /* LD for E */
    ck_assert_uint_eq(d[24], 0x01);
    ck_assert_uint_eq(g3(d + 25), 0x104);
    ck_assert_uint_eq(g3(d + 29), 1);
    d += 80;                                                             /* TXT */
    ck_assert_mem_eq(d, "\x02\xE3\xE7\xE3", 4);
    ck_assert_uint_eq(g3(d + 5), 0x100);
    ck_assert_uint_eq(g2(d + 10), 8);
    ck_assert_uint_eq(g2(d + 14), 1);
    ck_assert_mem_eq(d + 16, "\xAA\xBB\x00\x00\x00\x00\x01\x04", 8);
    d += 80;                                                             /* RLD */
    ck_assert_mem_eq(d, "\x02\xD9\xD3\xC4", 4);
    ck_assert_mem_eq(d + 16, "\x00\x01\x00\x01\x0C\x00\x01\x04", 8);      /* A-type, 4 bytes, + */
    d += 80;                                                             /* END */
    ck_assert_mem_eq(d, "\x02\xC5\xD5\xC4", 4);
    ck_assert_uint_eq(g3(d + 5), 0x100);
    ck_assert_uint_eq(g2(d + 14), 1);
    asm_result_free(&r);
}
END_TEST

/* Four externals and a section need two ESD records; ESDIDs continue. */
START_TEST(deck_esd_records)
{
    struct asm_result r = run("S CSECT\n EXTRN A,B,C\n WXTRN W\n DC A(A,B,C,W)\n END\n", NULL, 0);
    ck_assert_msg(r.nerrors == 0, "%s", r.messages);
    ck_assert_uint_eq(g2(r.deck + 10), 48);
    ck_assert_uint_eq(g2(r.deck + 14), 1);
    ck_assert_uint_eq(r.deck[16 + 16 + 8], 0x02);          /* A: ER */
    ck_assert_uint_eq(g2(r.deck + 80 + 10), 32);
    ck_assert_uint_eq(g2(r.deck + 80 + 14), 4);            /* C */
    ck_assert_uint_eq(r.deck[80 + 16 + 16 + 8], 0x0A);     /* W: WX */
    asm_result_free(&r);
}
END_TEST

/* Link: V-type and EXTRN resolved across decks, sections on doublewords,
   the map lists sections and entry points. */
START_TEST(link_two_modules)
{
    struct asm_result a = run("MAIN CSECT\n EXTRN SUB2\n DC V(SUB),A(SUB2),A(MAIN+2)\n DC X'01'\n END MAIN\n", NULL, 0);
    struct asm_result b = run("SUB CSECT\n ENTRY SUB2\n DC X'EEEE'\nSUB2 DC A(SUB2)\n DC V(MAIN)\n END\n", NULL, 0);
    ck_assert_msg(a.nerrors == 0 && b.nerrors == 0, "%s%s", a.messages, b.messages);
    struct link_input in[2] = { { "a.obj", a.deck, a.decklen }, { "b.obj", b.deck, b.decklen } };
    struct link_result l;
    ck_assert_msg(asm_link(in, 2, 0x1000, &l) == 0, "%s", l.messages);
    /* MAIN: 13 bytes at X'1000'; SUB at X'1010'; SUB2 = X'1014' */
    char got[128];
    hex_of(l.image, l.size, got);
    ck_assert_str_eq(got, "00001010" "00001014" "00001002" "01" "000000" "EEEE0000" "00001014" "00001000");
    ck_assert_uint_eq(l.entry, 0x1000);
    ck_assert(strstr(l.map, "001000 SD MAIN"));
    ck_assert(strstr(l.map, "001010 SD SUB"));
    ck_assert(strstr(l.map, "001014 LD SUB2"));
    link_result_free(&l);
    asm_result_free(&a);
    asm_result_free(&b);
}
END_TEST

START_TEST(link_unresolved_is_error)
{
    struct asm_result a = run("MAIN CSECT\n DC V(NOSUCH)\n WXTRN WEAK\n DC A(WEAK)\n END\n", NULL, 0);
    struct link_input in = { "a.obj", a.deck, a.decklen };
    struct link_result l;
    ck_assert_int_eq(asm_link(&in, 1, 0, &l), 1);
    ck_assert(strstr(l.messages, "unresolved external symbol NOSUCH"));
    link_result_free(&l);
    asm_result_free(&a);
}
END_TEST

/* Speed: 20,000 lines (instructions, constants, a macro call per 10 lines). */
START_TEST(twenty_thousand_lines)
{
    struct buf b = { 0 };
    buf_printf(&b, " MACRO\n&L TWO &R\n&L LR &R,&R\n AR &R,&R\n MEND\nP START 0\n USING *,12\n");
    for (int i = 0; i < 2000; i++) {
        buf_printf(&b, "L%d L 1,=F'%d'\n ST 1,W%d\n MVC W%d,=C'ABCD'\n", i, i, i, i);
        buf_printf(&b, " TWO 3\n CLI W%d,C'A'\n BNE L%d\n", i, i);
        buf_printf(&b, "W%d DC F'%d'\n LTORG\n DROP 12\n USING W%d,12\n", i, i, i);
    }
    buf_printf(&b, " END\n");
    struct asm_opts o = { NULL, 0, NULL, 0, false, false };
    struct asm_result r;
    asm_assemble(&o, "big.asm", b.p, &r);
    ck_assert_msg(r.nerrors == 0, "%.400s", r.messages);
    asm_result_free(&r);
    free(b.p);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("asm370");
    TCase *t = tcase_create("asm370");
    tcase_set_timeout(t, 30);
    tcase_add_loop_test(t, known_answers, 0, sizeof kats / sizeof kats[0]);
    tcase_add_test(t, two_base_registers);
    tcase_add_test(t, continuation_lines);
    tcase_add_loop_test(t, error_reports, 0, sizeof errs / sizeof errs[0]);
    tcase_add_test(t, warning_does_not_fail);
    tcase_add_test(t, listing_has_parts);
    tcase_add_test(t, deck_loads_like_bin);
    tcase_add_test(t, deck_record_layout);
    tcase_add_test(t, deck_esd_records);
    tcase_add_test(t, link_two_modules);
    tcase_add_test(t, link_unresolved_is_error);
    tcase_add_test(t, twenty_thousand_lines);
    suite_add_tcase(s, t);
    return t_main(s);
}
