/* The 3270 screen model (devices/screen3270.c) against known byte strings.
   Expected values are worked out from the 3270 Data Stream Programmer's
   Reference (GA23-0059): the buffer address code table (figure "3270
   Buffer Address and Attribute Codes", also in the 3270 Component
   Description GA27-2749), the orders of chapter 4 and the Read Modified /
   short read rules of chapter 3. */
#include <stdio.h>
#include <string.h>
#include "harness.h"
#include "screen3270.h"
#include "ebcdic.h"

static struct scr3270 scr;
static uint8_t out[3 * SCR3270_MAXSIZE + 16];
static struct scr3270_err err;

/* "F5 C3 11 40C1 'TEXT' 1D 60": hex bytes, and Latin-1 text in quotes
   converted to EBCDIC. */
static size_t bytes(const char *spec, uint8_t *b)
{
    size_t n = 0;
    for (const char *p = spec; *p; ) {
        if (*p == '\'') {
            for (p++; *p && *p != '\''; p++) b[n++] = ebcdic_enc((unsigned char)*p);
            if (*p) p++;
        } else if (*p == ' ') {
            p++;
        } else {
            unsigned v;
            ck_assert_int_eq(sscanf(p, "%2x", &v), 1);
            b[n++] = (uint8_t)v;
            p += 2;
        }
    }
    return n;
}

/* Apply a TN3270 record (command byte first). */
static int rec(const char *spec)
{
    uint8_t b[4096];
    size_t n = bytes(spec, b), olen;
    memset(&err, 0, sizeof err);
    return scr3270_record(&scr, b, n, out, sizeof out, &olen, &err);
}

static void ok(const char *spec)
{
    int rc = rec(spec);
    ck_assert_msg(rc == 0, "%s: %s at %zu", spec, err.msg, err.offset);
}

static void expect(const uint8_t *got, size_t n, const char *spec)
{
    uint8_t want[4096];
    size_t wn = bytes(spec, want);
    char g[8192] = "";
    for (size_t i = 0; i < n && i < 1000; i++) sprintf(g + strlen(g), "%02X", got[i]);
    ck_assert_msg(n == wn && memcmp(got, want, n) == 0, "got %s, want %s", g, spec);
}

static const char *row(int r)
{
    static char t[140];
    scr3270_row_text(&scr, r, t);
    return t;
}

static void setup(void) { ck_assert_int_eq(scr3270_init(&scr, 2), 0); }

/* ---- buffer addresses ---- */

START_TEST(addr_12bit_encode)
{
    uint8_t a[2];
    scr3270_addr_encode(1920, 0, a);     ck_assert(a[0] == 0x40 && a[1] == 0x40);
    scr3270_addr_encode(1920, 80, a);    ck_assert(a[0] == 0xC1 && a[1] == 0x50);  /* row 2 col 1 */
    scr3270_addr_encode(1920, 1840, a);  ck_assert(a[0] == 0x5C && a[1] == 0xF0);  /* row 24 col 1 */
    scr3270_addr_encode(1920, 1919, a);  ck_assert(a[0] == 0x5D && a[1] == 0x7F);  /* last */
    scr3270_addr_encode(3564, 3563, a);  ck_assert(a[0] == 0xF7 && a[1] == 0x6B);  /* model 5 last */
}
END_TEST

START_TEST(addr_decode_12_and_14_bit)
{
    ck_assert_int_eq(scr3270_addr_decode(0xC1, 0x50), 80);
    ck_assert_int_eq(scr3270_addr_decode(0x5D, 0x7F), 1919);
    ck_assert_int_eq(scr3270_addr_decode(0x40, 0x40), 0);
    ck_assert_int_eq(scr3270_addr_decode(0x00, 0x50), 80);      /* 14-bit: bits 0-1 zero */
    ck_assert_int_eq(scr3270_addr_decode(0x0D, 0xEB), 3563);
    ck_assert_int_eq(scr3270_addr_decode(0x3F, 0xFF), 16383);
}
END_TEST

START_TEST(addr_14bit_encode_when_large)
{
    uint8_t a[2];
    scr3270_addr_encode(4096, 3563, a);
    ck_assert(a[0] == 0x0D && a[1] == 0xEB);
    scr3270_addr_encode(4095, 4094, a);  /* still 12-bit at 4095 */
    ck_assert(a[0] == 0x7F && a[1] == 0x7E);
    for (int i = 0; i < 64; i++) ck_assert_int_eq(scr3270_addr_decode(0x40, scr3270_code(i)), i);
}
END_TEST

START_TEST(sba_14bit_in_stream)
{
    ok("F5 C3 11 0050 'X'");
    ck_assert_str_eq(row(1), "X                                                                               ");
}
END_TEST

/* ---- models and sizes ---- */

START_TEST(models_and_alternate_size)
{
    ck_assert_int_eq(scr3270_init(&scr, 1), -1);
    ck_assert_int_eq(scr3270_init(&scr, 6), -1);
    ck_assert_int_eq(scr3270_init(&scr, 3), 0);
    ck_assert(scr.rows == 24 && scr.cols == 80);
    ok("7E C3");
    ck_assert(scr.rows == 32 && scr.cols == 80);
    ok("F5 C3");
    ck_assert(scr.rows == 24 && scr.cols == 80);
    scr3270_init(&scr, 4); ok("0D C3");    /* local EWA code */
    ck_assert(scr.rows == 43 && scr.cols == 80);
    scr3270_init(&scr, 5); ok("7E C3 11 F76B 'Z'");
    ck_assert(scr.rows == 27 && scr.cols == 132);
    ck_assert_int_eq(scr.buf[3563].ch, 0xE9);
    scr3270_init(&scr, 2); ok("7E C3");
    ck_assert(scr.rows == 24 && scr.cols == 80);
}
END_TEST

/* ---- writes and orders ---- */

START_TEST(ew_sf_text_ic)
{
    ok("F5 C3 1D 60 'NAME' 1D 40 13 11 C150 'LINE TWO'");
    ck_assert(scr.buf[0].fa && scr.buf[0].ch == 0x20);       /* protected */
    ck_assert(scr.buf[5].fa && scr.buf[5].ch == 0x00);
    ck_assert_int_eq(scr.cursor, 6);                       /* IC after the second SF */
    ck_assert(strncmp(row(0), " NAME ", 6) == 0);
    ck_assert(strncmp(row(1), "LINE TWO", 8) == 0);
    ck_assert_int_eq(scr.formatted, 1);
    ck_assert_int_eq(scr.lock, SCR_LOCK_NONE);
}
END_TEST

START_TEST(write_starts_at_cursor_and_keeps_screen)
{
    ok("F5 C3 'ABCDEF' 11 4040 13");
    ok("F1 C3 'xy'");
    ck_assert(strncmp(row(0), "xyCDEF", 6) == 0);
    ok("F1 C3 11 40C3 13");
    ck_assert_int_eq(scr.cursor, 3);
    ok("F1 C3 'Q'");                          /* no IC: cursor stays */
    ck_assert(strncmp(row(0), "xyCQEF", 6) == 0);
    ck_assert_int_eq(scr.cursor, 3);
    ok("F5 C3 'A'");                          /* EW without IC: cursor 0 */
    ck_assert_int_eq(scr.cursor, 0);
}
END_TEST

START_TEST(data_wraps_at_buffer_end)
{
    ok("F5 C3 11 5D7E 'ABCD'");
    ck_assert_int_eq(scr.buf[1918].ch, 0xC1);
    ck_assert_int_eq(scr.buf[1919].ch, 0xC2);
    ck_assert_int_eq(scr.buf[0].ch, 0xC3);
    ck_assert_int_eq(scr.buf[1].ch, 0xC4);
}
END_TEST

START_TEST(ra_wraps_around)
{
    ok("F5 C3 11 5DF6 3C 404A 'A' 'B'");      /* 1910 .. 9, stop 10, then B */
    for (int a = 1910; a < 1920; a++) ck_assert_int_eq(scr.buf[a].ch, 0xC1);
    for (int a = 0; a < 10; a++) ck_assert_int_eq(scr.buf[a].ch, 0xC1);
    ck_assert_int_eq(scr.buf[10].ch, 0xC2);     /* the address is now the stop address */
    ck_assert_int_eq(scr.buf[11].ch, 0);
    ck_assert_int_eq(scr.buf[1909].ch, 0);
}
END_TEST

START_TEST(ra_stop_equal_fills_all_and_ge)
{
    ok("F5 C3 11 C150 3C C150 '*'");
    for (int a = 0; a < 1920; a++) ck_assert_int_eq(scr.buf[a].ch, 0x5C);
    ok("F5 C3 3C 40C5 08 AD");                 /* RA with GE: X'AD' in 0..4 */
    for (int a = 0; a < 5; a++) ck_assert_int_eq(scr.buf[a].ch, 0xAD);
    ck_assert_int_eq(scr.buf[5].ch, 0);
}
END_TEST

START_TEST(ra_overwrites_attributes)
{
    ok("F5 C3 1D 60 'A' 1D 40 11 4040 3C 40C5 'X'");
    ck_assert(!scr.buf[0].fa && !scr.buf[2].fa);
    ck_assert_int_eq(scr.formatted, 0);
}
END_TEST

START_TEST(pt_after_data_nulls_rest_of_field)
{
    /* fields: FA(prot) 0, FA(unprot) 10 [11..19], FA(prot) 20, FA(unprot) 30 */
    ok("F5 C3 1D 60 11 404A 1D 40 'OLDOLDOLD' 1D 60 11 405E 1D 40 'TAIL'");
    ok("F1 C3 11 404B 'NEW' 05 'T'");
    ck_assert(strncmp(row(0) + 11, "NEW      ", 9) == 0);
    ck_assert_int_eq(scr.buf[14].ch, 0);
    ck_assert_int_eq(scr.buf[31].ch, 0xE3);      /* 'T' at the next unprotected field's start */
}
END_TEST

START_TEST(pt_after_order_leaves_buffer)
{
    ok("F5 C3 1D 60 11 404A 1D 40 'OLDOLDOLD' 1D 60 11 405E 1D 40");
    ok("F1 C3 11 404B 05 'T'");                 /* PT right after SBA: no nulls */
    ck_assert(strncmp(row(0) + 11, "OLDOLDOLD", 9) == 0);
    ck_assert_int_eq(scr.buf[31].ch, 0xE3);
    ok("F1 C3 11 404A 05 'U'");                 /* at an unprotected attribute: its first position */
    ck_assert_int_eq(scr.buf[11].ch, 0xE4);
}
END_TEST

START_TEST(pt_does_not_wrap)
{
    /* the only unprotected field is at 0, behind the PT: not found by
       wrapping, so the address becomes 0 and 'Z' replaces that attribute */
    ok("F5 C3 1D 40 11 C150 1D 60 'P' 11 C160 05 'Z'");
    ck_assert_int_eq(scr.buf[0].fa, 0);
    ck_assert_int_eq(scr.buf[0].ch, 0xE9);
    ck_assert_int_eq(scr.buf[1].ch, 0);
    ok("F5 C3 'AB' 05 'Z'");                     /* unformatted: address 0 */
    ck_assert_int_eq(scr.buf[0].ch, 0xE9);
}
END_TEST

START_TEST(eua_erases_unprotected_only)
{
    ok("F5 C3 1D 60 'PROT' 1D 40 'UNPR' 1D 60 'KEEP' 1D 40 'LAST'");
    ok("F1 C3 11 4040 12 4050");                 /* EUA 0..15 */
    ck_assert(strncmp(row(0), " PROT      KEEP LAST", 20) == 0);
    ck_assert(scr.buf[5].fa && scr.buf[10].fa);
    ok("F1 C3 11 4050 12 4050");                  /* from 16 around to 16: everything */
    ck_assert(strncmp(row(0), " PROT      KEEP     ", 20) == 0);
    ck_assert_int_eq(scr.buf[16].ch, 0);
}
END_TEST

START_TEST(eua_unformatted_erases_all)
{
    ok("F5 C3 'ABCDEFGH'");
    ok("F1 C3 11 40C2 12 40C5");
    ck_assert(strncmp(row(0), "AB   FGH", 8) == 0);
}
END_TEST

START_TEST(wcc_reset_mdt_and_restore)
{
    ok("F5 C3 1D 41 'A' 1D 45 'B'");             /* both fields with MDT on */
    ck_assert(scr.buf[0].ch & SCR_FA_MDT);
    scr3270_attn(&scr, SCR_AID_ENTER, out, sizeof out);
    ck_assert_int_eq(scr.lock, SCR_LOCK_SYSTEM);
    ok("F1 C0");                                  /* no restore: still locked */
    ck_assert_int_eq(scr.lock, SCR_LOCK_SYSTEM);
    ck_assert(scr.buf[0].ch & SCR_FA_MDT);
    ok("F1 C1");                                  /* reset MDT */
    ck_assert(!(scr.buf[0].ch & SCR_FA_MDT) && !(scr.buf[2].ch & SCR_FA_MDT));
    ck_assert_int_eq(scr.buf[2].ch, 0x04);
    ok("F1 C6");                                  /* restore + alarm */
    ck_assert_int_eq(scr.lock, SCR_LOCK_NONE);
    ck_assert_int_eq(scr.aid, SCR_AID_NONE);
    ck_assert_int_eq(scr.alarm, 1);
}
END_TEST

START_TEST(eau_command)
{
    ok("F5 C3 1D 60 'PROT' 1D 41 'UNPR' 1D 60 'KEEP' 1D 40 'LAST' 13");
    scr3270_attn(&scr, SCR_AID_ENTER, out, sizeof out);
    ok("6F");
    ck_assert(strncmp(row(0), " PROT      KEEP     ", 20) == 0);
    ck_assert(!(scr.buf[5].ch & SCR_FA_MDT));
    ck_assert_int_eq(scr.cursor, 6);
    ck_assert_int_eq(scr.lock, SCR_LOCK_NONE);
    ok("0F");                                      /* local code too */
}
END_TEST

START_TEST(sfe_sa_mf)
{
    ok("F5 C3 29 02 C0 60 42 F2 'RED' 28 42 F6 'Y' 28 00 00 'N' 29 01 C0 40");
    ck_assert(scr.buf[0].fa && scr.buf[0].ch == 0x20 && scr.buf[0].color == 0xF2);
    ck_assert_int_eq(scr.buf[4].color, 0xF6);
    ck_assert_int_eq(scr.buf[5].color, 0);
    struct scr3270_view v[SCR3270_MAXSIZE];
    scr3270_view(&scr, v);
    ck_assert_int_eq(v[1].color, 0xF2);            /* field color */
    ck_assert_int_eq(v[4].color, 0xF6);            /* character color wins */
    ok("F1 C3 11 40C6 2C 02 C0 E8 41 F2");         /* MF at 6: intensified, reverse */
    ck_assert_int_eq(scr.buf[6].ch, 0x28);
    ck_assert_int_eq(scr.buf[6].hilite, 0xF2);
}
END_TEST

START_TEST(format_control_characters_are_data)
{
    ok("F5 C3 'A' 1C 1E 00 'B'");
    ck_assert_int_eq(scr.buf[1].ch, 0x1C);
    ck_assert(strncmp(row(0), "A*; B", 5) == 0);
}
END_TEST

/* ---- errors ---- */

START_TEST(error_unknown_order)
{
    ck_assert_int_eq(rec("F5 C3 'AB' 3E 'C'"), -1);
    ck_assert_str_eq(err.msg, "unknown order X'3E'");
    ck_assert_uint_eq(err.offset, 4);              /* F5 C3 C1 C2 [3E] */
    ck_assert(strncmp(row(0), "AB  ", 4) == 0);     /* the part before it is applied */
}
END_TEST

START_TEST(error_address_beyond_screen)
{
    ck_assert_int_eq(rec("F5 C3 'OK' 11 5E40 'NO'"), -1);   /* 1920 on a 24x80 */
    ck_assert_str_eq(err.msg, "SBA: buffer address 1920 beyond the screen (24x80 = 1920)");
    ck_assert_uint_eq(err.offset, 5);
    ck_assert_uint_eq(err.order, 4);               /* the SBA: F5 C3 D6 D2 are valid */
    ck_assert(strncmp(row(0), "OK  ", 4) == 0);
    ck_assert_int_eq(rec("F1 C3 3C 0FFF 'A'"), -1);
    ck_assert(strstr(err.msg, "RA: buffer address 4095") != NULL);
}
END_TEST

START_TEST(error_truncated_orders)
{
    ck_assert_int_eq(rec("F5 C3 11 40"), -1);
    ck_assert_str_eq(err.msg, "SBA order truncated: needs 3 bytes, 2 left");
    ck_assert_uint_eq(err.offset, 2);
    ck_assert_int_eq(rec("F1 C3 3C 4040"), -1);
    ck_assert_str_eq(err.msg, "RA order truncated: needs 4 bytes, 3 left");
    ck_assert_int_eq(rec("F1 C3 1D"), -1);
    ck_assert_int_eq(rec("F1 C3 29 02 C0 60"), -1);
    ck_assert_int_eq(rec("F1 C3 28 42"), -1);
    ck_assert_int_eq(rec("F1 C3 12 C1"), -1);
}
END_TEST

START_TEST(error_bad_command_and_attribute_type)
{
    ck_assert_int_eq(rec("99 C3"), -1);
    ck_assert_str_eq(err.msg, "X'99' is not a write command");
    ck_assert_int_eq(rec("F5 C3 29 01 77 00"), -1);
    ck_assert_str_eq(err.msg, "unknown attribute type X'77'");
    ck_assert_uint_eq(err.offset, 4);
    ck_assert_uint_eq(err.order, 2);               /* the SFE */
    ck_assert_int_eq(rec(""), -1);
}
END_TEST

/* ---- inbound ---- */

/* The form used by the Read Modified tests: a protected label, a 10-byte
   input field at 6, a non-display field at 81, an untouched field at 161. */
static void form(void)
{
    ok("F5 C3 1D 60 'NAME' 1D 40 11 4050 1D 60 11 C150 1D 4C 11 C15B 1D 60"
       " 11 C260 1D 40 11 C26B 1D 60 11 40C6 13");
}

START_TEST(read_modified_two_fields_nulls_suppressed)
{
    form();
    ck_assert_int_eq(scr.cursor, 6);
    scr3270_key_char(&scr, 0xC1);
    scr3270_key_char(&scr, 0xC2);
    scr3270_key_move(&scr, 0, 1);                     /* leaves a null at 8 */
    scr3270_key_char(&scr, 0xC3);
    scr3270_key_tab(&scr);
    ck_assert_int_eq(scr.cursor, 81);
    scr3270_key_char(&scr, 0xD7);
    scr3270_key_char(&scr, 0xE6);
    size_t n = scr3270_attn(&scr, SCR_AID_ENTER, out, sizeof out);
    /* AID, cursor 83 = C1D3, SBA 6 = 40C6 "ABC", SBA 81 = C1D1 "PW" */
    expect(out, n, "7D C1D3 11 40C6 C1C2C3 11 C1D1 D7E6");
    ck_assert_int_eq(scr.lock, SCR_LOCK_SYSTEM);
}
END_TEST

START_TEST(read_modified_nothing_modified)
{
    form();
    size_t n = scr3270_attn(&scr, scr3270_pf_aid(3), out, sizeof out);
    expect(out, n, "F3 40C6");
}
END_TEST

START_TEST(read_modified_command_after_attention)
{
    form();
    scr3270_key_char(&scr, 0xE7);
    scr3270_attn(&scr, scr3270_pf_aid(24), out, sizeof out);
    uint8_t b[1] = { 0xF6 };
    size_t n;
    ck_assert_int_eq(scr3270_record(&scr, b, 1, out, sizeof out, &n, &err), 0);
    expect(out, n, "4C 40C7 11 40C6 E7");
}
END_TEST

START_TEST(short_reads)
{
    form();
    scr3270_key_char(&scr, 0xE7);
    expect(out, scr3270_attn(&scr, SCR_AID_PA1, out, sizeof out), "6C");
    scr3270_key_reset(&scr);
    expect(out, scr3270_attn(&scr, SCR_AID_PA2, out, sizeof out), "6E");
    uint8_t b[1] = { 0xF6 };
    size_t n;
    scr3270_record(&scr, b, 1, out, sizeof out, &n, &err);
    expect(out, n, "6E");                           /* Read Modified after PA2: short */
    b[0] = SCR_RCMD_RMA;
    scr3270_record(&scr, b, 1, out, sizeof out, &n, &err);
    expect(out, n, "6E 40C7 11 40C6 E7");           /* Read Modified All: the fields */
    scr3270_key_reset(&scr);
    expect(out, scr3270_attn(&scr, SCR_AID_CLEAR, out, sizeof out), "6D");
    ck_assert_int_eq(scr.formatted, 0);               /* Clear erased the screen */
    ck_assert_int_eq(scr.cursor, 0);
    ck_assert_str_eq(row(0), "                                                                                ");
}
END_TEST

START_TEST(read_modified_unformatted)
{
    ok("F5 C3 'AB' 11 C150 'CD' 11 40C5 13");
    size_t n = scr3270_attn(&scr, SCR_AID_ENTER, out, sizeof out);
    expect(out, n, "7D 40C5 C1C2C3C4");
}
END_TEST

START_TEST(read_modified_wrapping_field_last)
{
    /* unprotected field at 1915 wraps to 0..4; attribute at 5 */
    ok("F5 C3 11 5D7B 1D 41 'ABCD' 'EFGHI' 1D 60 'X' 1D 41 'Y' 1D 60");
    size_t n = scr3270_attn(&scr, SCR_AID_ENTER, out, sizeof out);
    expect(out, n, "7D 4040 11 40C8 E8 11 5D7C C1C2C3C4C5C6C7C8C9");
}
END_TEST

START_TEST(read_buffer)
{
    ok("F5 C3 1D F0 'A' 00 'B' 11 40C5 13");
    size_t n;
    uint8_t b[1] = { 0xF2 };
    ck_assert_int_eq(scr3270_record(&scr, b, 1, out, sizeof out, &n, &err), 0);
    ck_assert_uint_eq(n, 3 + 2 + 1919);
    expect(out, 8, "60 40C5 1D F0 C1 00 C2");
    ck_assert_int_eq(out[8], 0);
}
END_TEST

START_TEST(attention_while_locked_sends_nothing)
{
    form();
    ck_assert_uint_gt(scr3270_attn(&scr, SCR_AID_ENTER, out, sizeof out), 0);
    ck_assert_uint_eq(scr3270_attn(&scr, SCR_AID_ENTER, out, sizeof out), 0);
    ck_assert_int_eq(scr3270_key_char(&scr, 0xC1), -1);
    ok("F1 C2");
    ck_assert_uint_gt(scr3270_attn(&scr, SCR_AID_ENTER, out, sizeof out), 0);
}
END_TEST

START_TEST(pf_aids)
{
    ck_assert_int_eq(scr3270_pf_aid(1), 0xF1);
    ck_assert_int_eq(scr3270_pf_aid(12), 0x7C);
    ck_assert_int_eq(scr3270_pf_aid(13), 0xC1);
    ck_assert_int_eq(scr3270_pf_aid(24), 0x4C);
    ck_assert_int_eq(scr3270_pf_aid(25), SCR_AID_NONE);
}
END_TEST

/* ---- keyboard ---- */

START_TEST(typing_protected_locks)
{
    form();
    scr3270_set_cursor(&scr, 2);
    ck_assert_int_eq(scr3270_key_char(&scr, 0xE7), -1);
    ck_assert_int_eq(scr.lock, SCR_LOCK_PROT);
    ck_assert_str_eq(scr3270_lock_text(scr.lock), "X PROT");
    ck_assert_int_eq(scr.buf[2].ch, 0xC1);            /* 'NAME' unchanged */
    ck_assert_int_eq(scr.cursor, 2);
}
END_TEST

START_TEST(typing_on_attribute_locks_then_reset)
{
    form();
    scr3270_set_cursor(&scr, 5);
    ck_assert_int_eq(scr3270_key_char(&scr, 0xC1), -1);
    ck_assert_int_eq(scr3270_key_char(&scr, 0xC1), -1);
    scr3270_key_reset(&scr);
    ck_assert_int_eq(scr.lock, SCR_LOCK_NONE);
    scr3270_set_cursor(&scr, 6);
    ck_assert_int_eq(scr3270_key_char(&scr, 0xC1), 0);
}
END_TEST

START_TEST(numeric_field)
{
    ok("F5 C3 1D 50 11 40C5 1D 60 11 40C1 13");
    ck_assert_int_eq(scr3270_key_char(&scr, 0xF1), 0);
    ck_assert_int_eq(scr3270_key_char(&scr, 0x4B), 0);
    ck_assert_int_eq(scr3270_key_char(&scr, 0xC1), -1);
    ck_assert_str_eq(scr3270_lock_text(scr.lock), "X NUM");
}
END_TEST

START_TEST(insert_mode_and_overflow)
{
    ok("F5 C3 1D 40 'ABC' 1D 60");                  /* field 1..3 full */
    ok("F1 C3 11 40C1 13");
    scr.insert = 1;
    ck_assert_int_eq(scr3270_key_char(&scr, 0xE7), -1);   /* field full */
    ck_assert_int_eq(scr.lock, SCR_LOCK_OVERFLOW);
    scr3270_key_reset(&scr);
    ok("F5 C3 1D 40 'ABC' 00 00 1D 60 11 40C1 13");
    scr.insert = 1;
    ck_assert_int_eq(scr3270_key_char(&scr, 0xE7), 0);
    ck_assert(strncmp(row(0), " XABC ", 6) == 0);
    ck_assert_int_eq(scr.cursor, 2);
    ck_assert(scr.buf[0].ch & SCR_FA_MDT);
}
END_TEST

START_TEST(delete_and_erase)
{
    ok("F5 C3 1D 40 'ABCDE' 1D 60 11 40C2 13");
    ck_assert_int_eq(scr3270_key_delete(&scr), 0);
    ck_assert(strncmp(row(0), " ACDE  ", 7) == 0);
    ck_assert_int_eq(scr.buf[5].ch, 0);
    ck_assert_int_eq(scr3270_key_erase(&scr), 0);     /* backspace: deletes 'A' */
    ck_assert(strncmp(row(0), " CDE   ", 7) == 0);
    ck_assert_int_eq(scr.cursor, 1);
    ck_assert_int_eq(scr3270_key_erase(&scr), 0);     /* at the field start: nothing */
    ck_assert_int_eq(scr.cursor, 1);
}
END_TEST

START_TEST(erase_eof_and_erase_input)
{
    ok("F5 C3 1D 40 'ABCDE' 1D 60 'PROT' 1D 40 'XYZ' 1D 60 11 40C3 13");
    ck_assert_int_eq(scr3270_key_eraseeof(&scr), 0);
    ck_assert(strncmp(row(0), " AB    PROT XYZ", 15) == 0);
    ck_assert(scr.buf[0].ch & SCR_FA_MDT);
    scr3270_key_eraseinput(&scr);
    ck_assert(strncmp(row(0), "       PROT    ", 15) == 0);
    ck_assert(!(scr.buf[0].ch & SCR_FA_MDT));
    ck_assert_int_eq(scr.cursor, 1);
    scr3270_set_cursor(&scr, 8);
    ck_assert_int_eq(scr3270_key_eraseeof(&scr), -1);
}
END_TEST

START_TEST(tab_backtab_home_newline)
{
    form();                                          /* unprotected starts: 6, 81, 161 */
    scr3270_set_cursor(&scr, 0);
    scr3270_key_tab(&scr);     ck_assert_int_eq(scr.cursor, 6);
    scr3270_key_tab(&scr);     ck_assert_int_eq(scr.cursor, 81);
    scr3270_key_tab(&scr);     ck_assert_int_eq(scr.cursor, 161);
    scr3270_key_tab(&scr);     ck_assert_int_eq(scr.cursor, 6);   /* wraps */
    scr3270_key_backtab(&scr); ck_assert_int_eq(scr.cursor, 161);
    scr3270_set_cursor(&scr, 85);
    scr3270_key_backtab(&scr); ck_assert_int_eq(scr.cursor, 81);  /* start of own field */
    scr3270_key_backtab(&scr); ck_assert_int_eq(scr.cursor, 6);
    scr3270_set_cursor(&scr, 1000);
    scr3270_key_home(&scr);    ck_assert_int_eq(scr.cursor, 6);
    scr3270_set_cursor(&scr, 7);
    scr3270_key_newline(&scr); ck_assert_int_eq(scr.cursor, 81);  /* 80 is protected: next field */
    ok("F5 C3 1D 40");                                        /* one field covering everything */
    scr3270_set_cursor(&scr, 7);
    scr3270_key_newline(&scr); ck_assert_int_eq(scr.cursor, 80);
}
END_TEST

START_TEST(end_of_field)
{
    ok("F5 C3 1D 40 'AB' 00 'C' 00 00 1D 60 'P' 1D 40 'FULL' 1D 60 11 40C1 13");
    scr3270_key_end(&scr);
    ck_assert_int_eq(scr.cursor, 5);                 /* after C */
    scr3270_set_cursor(&scr, 10);
    scr3270_key_end(&scr);
    ck_assert_int_eq(scr.cursor, 13);                /* full: its last position */
    scr3270_set_cursor(&scr, 9);                     /* protected: stays */
    scr3270_key_end(&scr);
    ck_assert_int_eq(scr.cursor, 9);
}
END_TEST

START_TEST(cursor_moves_wrap)
{
    scr3270_set_cursor(&scr, 0);
    scr3270_key_move(&scr, 0, -1); ck_assert_int_eq(scr.cursor, 1919);
    scr3270_key_move(&scr, 0, 1);  ck_assert_int_eq(scr.cursor, 0);
    scr3270_key_move(&scr, -1, 0); ck_assert_int_eq(scr.cursor, 1840);
    scr3270_key_move(&scr, 1, 0);  ck_assert_int_eq(scr.cursor, 0);
    scr3270_set_cursor(&scr, 5000);
    ck_assert_int_eq(scr.cursor, 0);
}
END_TEST

START_TEST(autoskip_after_last_position)
{
    /* field 1..2, then autoskip (protected numeric, X'F0') at 3, input at 5 */
    ok("F5 C3 1D 40 11 40C3 1D F0 11 40C5 1D 40 11 4050 1D 60 11 40C1 13");
    scr3270_key_char(&scr, 0xC1);
    scr3270_key_char(&scr, 0xC2);
    ck_assert_int_eq(scr.cursor, 6);
}
END_TEST

START_TEST(nondisplay_hidden_and_intensified)
{
    ok("F5 C3 1D 4C 'SECRET' 1D E8 'BRIGHT' 1D 60");
    struct scr3270_view v[SCR3270_MAXSIZE];
    scr3270_view(&scr, v);
    ck_assert(v[1].nondisp && v[1].ch == ' ');
    ck_assert(v[8].intens && v[8].ch == 'B' && v[8].prot);
    ck_assert(v[0].fa);
    ck_assert(strncmp(row(0), "        BRIGHT", 14) == 0);
}
END_TEST

Suite *suite(void)
{
    Suite *s = suite_create("screen3270");
    TCase *tc = tcase_create("screen3270");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, addr_12bit_encode);
    tcase_add_test(tc, addr_decode_12_and_14_bit);
    tcase_add_test(tc, addr_14bit_encode_when_large);
    tcase_add_test(tc, sba_14bit_in_stream);
    tcase_add_test(tc, models_and_alternate_size);
    tcase_add_test(tc, ew_sf_text_ic);
    tcase_add_test(tc, write_starts_at_cursor_and_keeps_screen);
    tcase_add_test(tc, data_wraps_at_buffer_end);
    tcase_add_test(tc, ra_wraps_around);
    tcase_add_test(tc, ra_stop_equal_fills_all_and_ge);
    tcase_add_test(tc, ra_overwrites_attributes);
    tcase_add_test(tc, pt_after_data_nulls_rest_of_field);
    tcase_add_test(tc, pt_after_order_leaves_buffer);
    tcase_add_test(tc, pt_does_not_wrap);
    tcase_add_test(tc, eua_erases_unprotected_only);
    tcase_add_test(tc, eua_unformatted_erases_all);
    tcase_add_test(tc, wcc_reset_mdt_and_restore);
    tcase_add_test(tc, eau_command);
    tcase_add_test(tc, sfe_sa_mf);
    tcase_add_test(tc, format_control_characters_are_data);
    tcase_add_test(tc, error_unknown_order);
    tcase_add_test(tc, error_address_beyond_screen);
    tcase_add_test(tc, error_truncated_orders);
    tcase_add_test(tc, error_bad_command_and_attribute_type);
    tcase_add_test(tc, read_modified_two_fields_nulls_suppressed);
    tcase_add_test(tc, read_modified_nothing_modified);
    tcase_add_test(tc, read_modified_command_after_attention);
    tcase_add_test(tc, short_reads);
    tcase_add_test(tc, read_modified_unformatted);
    tcase_add_test(tc, read_modified_wrapping_field_last);
    tcase_add_test(tc, read_buffer);
    tcase_add_test(tc, attention_while_locked_sends_nothing);
    tcase_add_test(tc, pf_aids);
    tcase_add_test(tc, typing_protected_locks);
    tcase_add_test(tc, typing_on_attribute_locks_then_reset);
    tcase_add_test(tc, numeric_field);
    tcase_add_test(tc, insert_mode_and_overflow);
    tcase_add_test(tc, delete_and_erase);
    tcase_add_test(tc, erase_eof_and_erase_input);
    tcase_add_test(tc, tab_backtab_home_newline);
    tcase_add_test(tc, end_of_field);
    tcase_add_test(tc, cursor_moves_wrap);
    tcase_add_test(tc, autoskip_after_last_position);
    tcase_add_test(tc, nondisplay_hidden_and_intensified);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return t_main(suite()); }
