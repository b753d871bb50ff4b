/* Devices through the channel: unit record devices on host files, CKD DASD
   on Hercules-format images, IPL from each. Expected data and status come
   from the device descriptions (ckd.c, cardrdr.c, printer.c headers). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "devtest.h"
#include "channel.h"

#define SIO 0x9C00
#define TIO 0x9D00

/* ---------------------------------------------------------------------- */

START_TEST(reader_ascii_cards_then_intervention_required)
{
    t_tmp_make();
    t_write_file(t_path("deck"), "HELLO\nWORLD\n", 12);
    struct cpu *c = t_cpu();
    struct chsys *cs = chsys_new(c);
    char *argv[] = { (char *)t_path("deck"), "ascii" };
    t_attach(cs, 0x00C, "3505", 2, argv, NULL);
    uint64_t csw = t_ccw(c, cs, 0x00C, "02001000 00000050");
    ck_assert_uint_eq(csw, 0x000001080C000000ull);
    ck_assert_uint_eq(c->mem[0x1000], 0xC8);   /* H */
    ck_assert_uint_eq(c->mem[0x1005], 0x40);   /* blank padding */
    ck_assert_uint_eq(c->mem[0x104F], 0x40);
    t_ccw(c, cs, 0x00C, "02001000 00000050");
    ck_assert_uint_eq(c->mem[0x1000], 0xE6);   /* W */
    csw = t_ccw(c, cs, 0x00C, "02001000 00000050");
    ck_assert_uint_eq(t_status(csw), 0x0E00);     /* CE DE UC */
    t_ccw(c, cs, 0x00C, "04001000 00000001");
    ck_assert_uint_eq(c->mem[0x1000], SNS_INTREQ);
    /* devinit: a new deck makes the reader ready with a device end. */
    char err[128];
    ck_assert(cardrdr_load(chsys_find(cs, 0x00C), t_path("deck"), err, sizeof err));
    ck_assert(c->intr & INTR_IO);
    ck_assert_int_eq(chsys_instruction(cs, c, TIO, 0x00C), 1);
    ck_assert_uint_eq(c->mem[PSA_CSW + 4], US_DE);
    csw = t_ccw(c, cs, 0x00C, "02001000 00000050");
    ck_assert_uint_eq(c->mem[0x1000], 0xC8);
    chsys_free(cs);
    cpu_free(c);
    t_tmp_remove();
}
END_TEST

START_TEST(reader_eof_option_gives_unit_exception)
{
    t_tmp_make();
    uint8_t deck[160];
    memset(deck, 0xF1, 80);
    memset(deck + 80, 0xF2, 80);
    t_write_file(t_path("deck"), deck, sizeof deck);
    struct cpu *c = t_cpu();
    struct chsys *cs = chsys_new(c);
    char *argv[] = { (char *)t_path("deck"), "ebcdic", "eof" };
    t_attach(cs, 0x00C, "2540R", 3, argv, NULL);
    /* Two cards read by one command-chained program. */
    uint64_t csw = t_ccw(c, cs, 0x00C, "02001000 40000050 02002000 00000050");
    ck_assert_uint_eq(csw, 0x000001100C000000ull);
    ck_assert_uint_eq(c->mem[0x104F], 0xF1);
    ck_assert_uint_eq(c->mem[0x2000], 0xF2);
    csw = t_ccw(c, cs, 0x00C, "02001000 00000050");
    ck_assert_uint_eq(t_status(csw), 0x0D00);     /* CE DE UE */
    csw = t_ccw(c, cs, 0x00C, "02001000 00000050");
    ck_assert_uint_eq(t_status(csw), 0x0E00);     /* then not ready */
    chsys_free(cs);
    cpu_free(c);
    t_tmp_remove();
}
END_TEST

START_TEST(ipl_from_card_reader)
{
    t_tmp_make();
    uint8_t deck[160];
    memset(deck, 0, sizeof deck);
    /* Card 1: PSW (disabled wait at 300), CCW at 8: read the next card to 300. */
    const uint8_t card1[16] = { 0x00, 0x02, 0, 0, 0, 0, 0x03, 0x00,
                                0x02, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x50 };
    memcpy(deck, card1, sizeof card1);
    memset(deck + 80, 0xC1, 80);
    t_write_file(t_path("deck"), deck, sizeof deck);
    struct cpu *c = t_cpu();
    struct chsys *cs = chsys_new(c);
    char *argv[] = { (char *)t_path("deck"), "ebcdic" };
    t_attach(cs, 0x00C, "3505", 2, argv, NULL);
    char err[256];
    ck_assert_msg(chsys_ipl(cs, 0x00C, err, sizeof err), "%s", err);
    ck_assert_uint_eq(c->psw.ia, 0x300);
    ck_assert(c->psw.wait);
    ck_assert_uint_eq(c->mem[0x300], 0xC1);
    ck_assert_uint_eq(c->mem[0x34F], 0xC1);
    ck_assert_uint_eq(be16(c->mem + PSA_IO_ADDR), 0x00C);
    ck_assert_uint_eq(be16(c->mem + 2), 0x00C);
    chsys_free(cs);
    cpu_free(c);
    t_tmp_remove();
}
END_TEST

START_TEST(punch_ascii)
{
    t_tmp_make();
    struct cpu *c = t_cpu();
    struct chsys *cs = chsys_new(c);
    char *argv[] = { (char *)t_path("punch"), "ascii" };
    t_attach(cs, 0x00D, "3525", 2, argv, NULL);
    t_put(c, 0x1000, "C1C2C3 4040 F1");
    memset(c->mem + 0x1006, 0x40, 80);
    uint64_t csw = t_ccw(c, cs, 0x00D, "01001000 00000050");
    ck_assert_uint_eq(csw, 0x000001080C000000ull);
    char buf[256];
    t_read_file(t_path("punch"), buf, sizeof buf);
    ck_assert_str_eq(buf, "ABC  1\n");
    chsys_free(cs);
    cpu_free(c);
    t_tmp_remove();
}
END_TEST

START_TEST(printer_spacing_and_skip)
{
    t_tmp_make();
    struct cpu *c = t_cpu();
    struct chsys *cs = chsys_new(c);
    char *argv[] = { (char *)t_path("print") };
    t_attach(cs, 0x00E, "1403", 1, argv, NULL);
    t_put(c, 0x1000, "C8C5D3D3D6 4040");   /* HELLO */
    t_put(c, 0x1010, "E7");                 /* X */
    t_put(c, 0x1020, "E8");                 /* Y */
    /* write+space 1, write+skip to channel 1, write no space, space 1 immediately */
    uint64_t csw = t_ccw(c, cs, 0x00E, "09001000 60000007 89001010 60000001 "
                                     "01001020 60000001 0B000000 20000001");
    ck_assert_uint_eq(t_status(csw), 0x0C00);
    char buf[256];
    t_read_file(t_path("print"), buf, sizeof buf);
    ck_assert_str_eq(buf, "HELLO\nX\fY\r\n");
    chsys_free(cs);
    cpu_free(c);
    t_tmp_remove();
}
END_TEST

/* Forms control: the default FCB (Hercules': channel 1 at line 1, channel
   2 at line 7, 66 lines), a skip to the channel of the current line is a
   new page, and a skip always moves. */
START_TEST(printer_default_fcb_skips)
{
    t_tmp_make();
    struct cpu *c = t_cpu();
    struct chsys *cs = chsys_new(c);
    char *argv[] = { (char *)t_path("print") };
    t_attach(cs, 0x00E, "1403", 1, argv, NULL);
    t_put(c, 0x1000, "C1");   /* A */
    t_put(c, 0x1010, "C2");   /* B */
    t_put(c, 0x1020, "C3");   /* C */
    /* A, skip to channel 2; B, skip to channel 1; skip to 1 now; C, space 1 */
    uint64_t csw = t_ccw(c, cs, 0x00E, "91001000 60000001 89001010 60000001 8B000000 60000001 "
                                     "09001020 20000001");
    ck_assert_uint_eq(t_status(csw), 0x0C00);
    char buf[256];
    t_read_file(t_path("print"), buf, sizeof buf);
    ck_assert_str_eq(buf, "A\n\n\n\n\n\nB\f\fC\n");
    chsys_free(cs);
    cpu_free(c);
    t_tmp_remove();
}
END_TEST

/* lpp= and fcb= in Hercules' form; spacing past the last line goes on at
   line 1 of the next page; a skip to a channel no line carries is refused
   (fcbcheck) or is one new line (nofcbcheck). */
START_TEST(printer_lpp_and_fcb_arguments)
{
    t_tmp_make();
    struct cpu *c = t_cpu();
    struct chsys *cs = chsys_new(c);
    char *argv[] = { (char *)t_path("print"), "lpp=10", "fcb=1:1,5:2,9:12" };
    t_attach(cs, 0x00E, "1403", 3, argv, NULL);
    t_put(c, 0x1000, "C1");
    /* space 3 three times: line 10; skip to channel 2: a new page, line 5;
       skip to channel 12: line 9; space 2: line 1 of the next page. */
    uint64_t csw = t_ccw(c, cs, 0x00E, "1B000000 60000001 1B000000 60000001 1B000000 60000001 "
                                     "93000000 60000001 E3000000 60000001 11001000 20000001");
    ck_assert_uint_eq(t_status(csw), 0x0C00);
    char buf[256];
    t_read_file(t_path("print"), buf, sizeof buf);
    ck_assert_str_eq(buf, "\n\n\n\n\n\n\n\n\n\f\n\n\n\n\n\n\n\nA\n\n");
    /* Channel 5 is on no line: command reject, nothing printed. */
    csw = t_ccw(c, cs, 0x00E, "A9001000 00000001");
    ck_assert_uint_eq(t_status(csw), 0x0E00);
    t_ccw(c, cs, 0x00E, "04002000 00000001");
    ck_assert_uint_eq(c->mem[0x2000], SNS_CMDREJ);
    t_read_file(t_path("print"), buf, sizeof buf);
    ck_assert_uint_eq(strlen(buf), 21);
    chsys_free(cs);
    /* nofcbcheck: the same skip is one new line. */
    cs = chsys_new(c);
    char *argv2[] = { (char *)t_path("print2"), "fcb=1:1", "nofcbcheck", "lpi=6", "crlf" };
    t_attach(cs, 0x00E, "1403", 5, argv2, NULL);
    csw = t_ccw(c, cs, 0x00E, "A9001000 00000001");
    ck_assert_uint_eq(t_status(csw), 0x0C00);
    t_read_file(t_path("print2"), buf, sizeof buf);
    ck_assert_str_eq(buf, "A\r\n");   /* crlf: lines end with CR LF */
    chsys_free(cs);
    cpu_free(c);
    t_tmp_remove();
}
END_TEST

/* 3211 Load FCB (X'63'): one byte a line, channel in the low 4 bits, X'10'
   on the last line, an optional index byte first; the forms go to line 1.
   A 1403 has a carriage tape: Load FCB is command reject there. */
START_TEST(printer_3211_load_fcb)
{
    t_tmp_make();
    struct cpu *c = t_cpu();
    struct chsys *cs = chsys_new(c);
    char *argv[] = { (char *)t_path("print") };
    t_attach(cs, 0x00E, "3211", 1, argv, NULL);
    char *argv2[] = { (char *)t_path("print2") };
    t_attach(cs, 0x00F, "1403", 1, argv2, NULL);
    t_put(c, 0x1000, "C1");
    t_put(c, 0x1010, "C2");
    t_put(c, 0x1100, "81 01 00 00 02 00 10");   /* index 1; ch 1 line 1, ch 2 line 4; 6 lines */
    /* Load FCB; A, skip to channel 2 (line 4); B, space 3 (line 1 of the
       next page); skip to channel 2 (line 4); skip to channel 1. */
    uint64_t csw = t_ccw(c, cs, 0x00E, "63001100 60000007 91001000 60000001 19001010 60000001 "
                                     "93000000 60000001 8B000000 20000001");
    ck_assert_uint_eq(t_status(csw), 0x0C00);
    char buf[256];
    t_read_file(t_path("print"), buf, sizeof buf);
    ck_assert_str_eq(buf, "A\n\n\nB\n\n\n\n\n\n\f");
    /* A channel number above 12 in the image: command reject. */
    t_put(c, 0x1100, "0D");
    csw = t_ccw(c, cs, 0x00E, "63001100 00000001");
    ck_assert_uint_eq(t_status(csw), 0x0E00);
    csw = t_ccw(c, cs, 0x00F, "63001100 00000001");
    ck_assert_uint_eq(t_status(csw), 0x0E00);
    /* UCS buffer loads (X'FB', X'F3') are accepted, their data ignored. */
    csw = t_ccw(c, cs, 0x00F, "F3001100 20000040 FB001100 20000040");
    ck_assert_uint_eq(t_status(csw), 0x0C00);
    chsys_free(cs);
    cpu_free(c);
    t_tmp_remove();
}
END_TEST

START_TEST(printer_argument_errors)
{
    t_tmp_make();
    struct cpu *c = t_cpu();
    struct chsys *cs = chsys_new(c);
    char err[256];
    const char *bad[][2] = { { "fcb=1:13", "fcb=1:13" }, { "lpp=0", "lpp=0" }, { "fcb=1;1", "fcb=1;1" },
                             { "fcb=70:1", "line 70 is beyond lpp=66" }, { "sideways", "sideways" } };
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *argv[] = { (char *)t_path("print"), (char *)bad[i][0] };
        err[0] = 0;
        ck_assert(!printer_attach(cs, 0x00E, 0x1403, 2, argv, err, sizeof err));
        ck_assert_msg(strstr(err, bad[i][1]) != NULL, "%s: %s", bad[i][0], err);
    }
    /* lpp below the default's lines: those channels are dropped, not an error. */
    char *argv[] = { (char *)t_path("print"), "lpp=30" };
    ck_assert(printer_attach(cs, 0x00E, 0x1403, 2, argv, err, sizeof err));
    chsys_free(cs);
    cpu_free(c);
    t_tmp_remove();
}
END_TEST

START_TEST(attach_errors_name_the_problem)
{
    t_tmp_make();
    struct cpu *c = t_cpu();
    struct chsys *cs = chsys_new(c);
    char err[256] = "";
    char *a1[] = { "/nonexistent/deck" };
    ck_assert(!cardrdr_attach(cs, 0x00C, 0x3505, 1, a1, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "/nonexistent/deck"));
    char *a2[] = { (char *)t_path("p"), "sideways" };
    ck_assert(!punch_attach(cs, 0x00D, 0x3525, 2, a2, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "sideways"));
    t_write_file(t_path("notckd"), "hello", 5);
    char *a3[] = { (char *)t_path("notckd") };
    ck_assert(!ckd_attach(cs, 0x130, 0x3350, 1, a3, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "CKD"));
    ck_assert_ptr_null(devtype_find("9999"));
    chsys_free(cs);
    cpu_free(c);
    t_tmp_remove();
}
END_TEST


START_TEST(console_3215_write_read_attention)
{
    struct cpu *c = t_cpu();
    struct chsys *cs = chsys_new(c);
    struct device *d = t_attach(cs, 0x009, "3215", 0, NULL, NULL);
    char *out;
    size_t n;
    FILE *o = open_memstream(&out, &n);
    con3215_set_output(d, o);
    t_put(c, 0x1000, "C8C9");   /* HI */
    uint64_t csw = t_ccw(c, cs, 0x009, "09001000 00000002");
    ck_assert_uint_eq(csw, 0x000001080C000000ull);
    /* A read waits for the operator. */
    t_put(c, 0x100, "0A002000 20000050");
    t_set4(c, PSA_CAW, 0x100);
    ck_assert_int_eq(chsys_instruction(cs, c, SIO, 0x009), 0);
    c->insns += 1000;
    chsys_poll(cs, c, false);
    ck_assert_int_eq(chsys_instruction(cs, c, TIO, 0x009), 2);
    con3215_input(d, "ok\n");
    ck_assert_int_eq(chsys_instruction(cs, c, TIO, 0x009), 1);
    ck_assert_uint_eq(t_get8(c, PSA_CSW), 0x000001080C00004Eull);   /* 80 - 2 left, SLI */
    ck_assert_uint_eq(be16(c->mem + 0x2000), 0x9692);               /* ok */
    /* Typed with no read waiting: attention, and the next read takes it. */
    con3215_input(d, "x");
    ck_assert(c->intr & INTR_IO);
    ck_assert_int_eq(chsys_instruction(cs, c, TIO, 0x009), 1);
    ck_assert_uint_eq(c->mem[PSA_CSW + 4], US_ATTN);
    csw = t_ccw(c, cs, 0x009, "0A002000 20000050");
    ck_assert_uint_eq(c->mem[0x2000], 0xA7);
    fclose(o);
    ck_assert_str_eq(out, "HI\nok\nx\n");
    free(out);
    chsys_free(cs);
    cpu_free(c);
}
END_TEST

/* ---------------------------------------------------------------------- */
/* CKD DASD.                                                               */

struct dasd {
    struct cpu *c;
    struct chsys *cs;
};

static struct dasd dasd(const char *type, unsigned cyls)
{
    struct dasd r;
    char err[256];
    t_tmp_make();
    ck_assert_msg(ckd_create(t_path("vol"), type, cyls, err, sizeof err), "%s", err);
    r.c = t_cpu();
    r.cs = chsys_new(r.c);
    char *argv[] = { (char *)t_path("vol") };
    t_attach(r.cs, 0x130, type, 1, argv, NULL);
    return r;
}

static void dasd_done(struct dasd *r)
{
    chsys_free(r->cs);
    cpu_free(r->c);
    t_tmp_remove();
}

/* Seek argument at 0x800: 0000 CCCC HHHH. */
static void seek_arg(struct cpu *c, unsigned cyl, unsigned head)
{
    t_set4(c, 0x800, cyl);
    c->mem[0x804] = (uint8_t)(head >> 8);
    c->mem[0x805] = (uint8_t)head;
}

/* Write R1 (key "KEY1", 16 bytes data) and R2 (no key, 0 data: end of file)
   on cylinder 0 head 1: seek, search R0, write CKD, write CKD. */
static void write_records(struct dasd *r)
{
    seek_arg(r->c, 0, 1);
    t_put(r->c, 0x810, "0000 0001 00");                         /* search argument R0 */
    t_put(r->c, 0x820, "0000 0001 01 04 0010 D2C5E8F1");        /* R1 count, key */
    for (int i = 0; i < 16; i++) r->c->mem[0x82C + i] = (uint8_t)(0xA0 + i);
    t_put(r->c, 0x840, "0000 0001 02 00 0000");                 /* R2: end of file */
    uint64_t csw = t_ccw(r->c, r->cs, 0x130,
                       "07000800 40000006 "   /* 100 seek */
                       "31000810 40000005 "   /* 108 search ID equal R0 */
                       "08000108 00000000 "   /* 110 TIC *-8 */
                       "1D000820 4000001C "   /* 118 write CKD R1 */
                       "1D000840 00000008");  /* 120 write CKD R2 */
    ck_assert_uint_eq(csw, 0x000001280C000000ull);
}

START_TEST(ckd_write_then_read_back)
{
    struct dasd r = dasd("3350", 2);
    write_records(&r);
    t_put(r.c, 0x810, "0000 0001 01");
    uint64_t csw = t_ccw(r.c, r.cs, 0x130,
                       "07000800 40000006 31000810 40000005 08000108 00000000 "
                       "06001000 00000010");   /* read data R1 */
    ck_assert_uint_eq(csw, 0x000001200C000000ull);
    ck_assert_uint_eq(r.c->mem[0x1000], 0xA0);
    ck_assert_uint_eq(r.c->mem[0x100F], 0xAF);
    /* Read count after the seek: R0 is skipped, R1's count comes first;
       then read key and data of R1. */
    csw = t_ccw(r.c, r.cs, 0x130, "07000800 40000006 12002000 40000008 0E002010 00000014");
    ck_assert_uint_eq(t_status(csw), 0x0C00);
    ck_assert_uint_eq(t_get8(r.c, 0x2000), 0x0000000101040010ull);
    ck_assert_uint_eq(t_get4(r.c, 0x2010), 0xD2C5E8F1);
    ck_assert_uint_eq(r.c->mem[0x2014], 0xA0);
    /* Search key equal finds R1; read data; then read CKD of R2 (EOF: UE). */
    t_put(r.c, 0x818, "D2C5E8F1");
    csw = t_ccw(r.c, r.cs, 0x130,
              "07000800 40000006 29000818 40000004 08000108 00000000 "
              "06003000 40000010 1E003100 00000008");
    ck_assert_uint_eq(csw, 0x000001280D000000ull);
    ck_assert_uint_eq(r.c->mem[0x3000], 0xA0);
    ck_assert_uint_eq(t_get8(r.c, 0x3100), 0x0000000102000000ull);
    dasd_done(&r);
}
END_TEST

START_TEST(ckd_search_no_record_found)
{
    struct dasd r = dasd("3330", 2);
    write_records(&r);
    t_put(r.c, 0x810, "0000 0001 07");
    uint64_t csw = t_ccw(r.c, r.cs, 0x130,
                       "07000800 40000006 31000810 40000005 08000108 00000000 06001000 00000010");
    ck_assert_uint_eq(t_status(csw), 0x0E00);
    t_ccw(r.c, r.cs, 0x130, "04001000 00000018");
    ck_assert_uint_eq(r.c->mem[0x1001], 0x08);   /* no record found */
    dasd_done(&r);
}
END_TEST

START_TEST(ckd_multitrack_read_crosses_heads)
{
    struct dasd r = dasd("3350", 2);
    write_records(&r);
    /* From head 0 (only R0), a multitrack read count goes on to head 1. */
    seek_arg(r.c, 0, 0);
    uint64_t csw = t_ccw(r.c, r.cs, 0x130, "07000800 40000006 92002000 00000008");
    ck_assert_uint_eq(t_status(csw), 0x0C00);
    ck_assert_uint_eq(t_get8(r.c, 0x2000), 0x0000000101040010ull);
    /* Without multitrack: no record found after two index points. */
    csw = t_ccw(r.c, r.cs, 0x130, "07000800 40000006 12002000 00000008");
    ck_assert_uint_eq(t_status(csw), 0x0E00);
    dasd_done(&r);
}
END_TEST

START_TEST(ckd_file_mask_and_bad_seek)
{
    struct dasd r = dasd("3350", 2);
    seek_arg(r.c, 0, 1);
    r.c->mem[0x8F0] = 0x40;   /* inhibit all writes */
    t_put(r.c, 0x810, "0000 0001 00");
    t_put(r.c, 0x820, "0000 0001 01 00 0008");
    uint64_t csw = t_ccw(r.c, r.cs, 0x130,
                       "1F0008F0 40000001 07000800 40000006 31000810 40000005 08000110 00000000 "
                       "1D000820 00000010");
    ck_assert_uint_eq(t_status(csw), 0x0E00);
    t_ccw(r.c, r.cs, 0x130, "04001000 00000018");
    ck_assert_uint_eq(r.c->mem[0x1000], SNS_CMDREJ);
    ck_assert_uint_eq(r.c->mem[0x1001], 0x04);   /* file protected */
    seek_arg(r.c, 2, 0);   /* beyond the 2 cylinders */
    csw = t_ccw(r.c, r.cs, 0x130, "07000800 00000006");
    ck_assert_uint_eq(t_status(csw), 0x0E00);
    dasd_done(&r);
}
END_TEST

/* Rotational position sensing as VM and OS/VS channel programs use it, and
   a read-only volume refusing writes. */
START_TEST(ckd_set_sector_and_read_only)
{
    struct dasd r = dasd("3350", 2);
    write_records(&r);
    t_put(r.c, 0x810, "0000 0001 01");
    uint64_t csw = t_ccw(r.c, r.cs, 0x130,
                       "07000800 40000006 23000807 40000001 31000810 40000005 08000110 00000000 "
                       "06001000 40000010 22001100 00000001");
    ck_assert_uint_eq(t_status(csw), 0x0C00);
    ck_assert_uint_eq(r.c->mem[0x100F], 0xAF);
    chsys_free(r.cs);
    r.cs = chsys_new(r.c);
    char *argv[] = { (char *)t_path("vol"), "ro" };
    t_attach(r.cs, 0x130, "3350", 2, argv, NULL);
    csw = t_ccw(r.c, r.cs, 0x130,
              "07000800 40000006 31000810 40000005 08000108 00000000 05001000 00000010");
    ck_assert_uint_eq(t_status(csw), 0x0E00);
    t_ccw(r.c, r.cs, 0x130, "04001000 00000018");
    ck_assert_uint_eq(r.c->mem[0x1001], 0x04);   /* file protected */
    dasd_done(&r);
}
END_TEST

/* Formatting a track: Write HA and Write R0 need the file mask that
   permits them; Read HA and Read R0 give them back; Erase after R0
   leaves an empty track. */
START_TEST(ckd_format_track_and_erase)
{
    struct dasd r = dasd("3350", 2);
    seek_arg(r.c, 0, 1);
    r.c->mem[0x830] = 0xC0;
    t_put(r.c, 0x840, "00 0000 0001");
    t_put(r.c, 0x850, "0000 0001 00 00 0008 D9F0D9F0 D9F0D9F0");
    t_put(r.c, 0x860, "0000 0001 01 00 0001 5C");
    uint64_t csw = t_ccw(r.c, r.cs, 0x130,
                       "1F000830 40000001 07000800 40000006 19000840 40000005 "
                       "15000850 40000010 1D000860 00000009");
    ck_assert_uint_eq(t_status(csw), 0x0C00);
    csw = t_ccw(r.c, r.cs, 0x130,
              "07000800 40000006 1A001000 40000005 16001010 40000010 12001030 40000008 "
              "06001040 00000001");
    ck_assert_uint_eq(t_status(csw), 0x0C00);
    ck_assert_uint_eq(t_get4(r.c, 0x1000), 0x00000000);
    ck_assert_uint_eq(r.c->mem[0x1004], 0x01);
    ck_assert_uint_eq(t_get8(r.c, 0x1018), 0xD9F0D9F0D9F0D9F0ull);
    ck_assert_uint_eq(t_get8(r.c, 0x1030), 0x0000000101000001ull);
    ck_assert_uint_eq(r.c->mem[0x1040], 0x5C);
    /* Without the mask Write R0 is refused. */
    csw = t_ccw(r.c, r.cs, 0x130, "07000800 40000006 1A001000 40000005 15000850 00000010");
    ck_assert_uint_eq(t_status(csw), 0x0E00);
    /* Erase after R0, then no record is left. */
    csw = t_ccw(r.c, r.cs, 0x130, "07000800 40000006 16001010 40000010 11000860 40000009 "
                                "12001030 00000008");
    ck_assert_uint_eq(t_status(csw), 0x0E00);
    t_ccw(r.c, r.cs, 0x130, "04001000 00000018");
    ck_assert_uint_eq(r.c->mem[0x1001], 0x08);
    dasd_done(&r);
}
END_TEST

/* Search ID high and equal-or-high, multitrack search key: the record
   found is the first whose field compares high (or equal) to the argument. */
static const struct { const char *search; unsigned status; } id_searches[] = {
    { "51000810 40000005", 0x0D00 },   /* high: R2, the end-of-file record */
    { "71000810 40000005", 0x0C00 },   /* equal or high: R1 */
    { "D1000810 40000005", 0x0D00 },   /* multitrack high: R2 */
};

START_TEST(ckd_search_id_high)
{
    struct dasd r = dasd("3350", 2);
    write_records(&r);
    t_put(r.c, 0x810, "0000 0001 01");
    char prog[256];
    /* Read data after the hit tells which record it was: R1 has 16 bytes,
       R2 none (unit exception). */
    snprintf(prog, sizeof prog, "07000800 40000006 %s 08000108 00000000 06001000 20000010",
             id_searches[_i].search);
    uint64_t csw = t_ccw(r.c, r.cs, 0x130, prog);
    ck_assert_uint_eq(t_status(csw), id_searches[_i].status);
    dasd_done(&r);
}
END_TEST

/* A damaged image (a record length running off the track) is a data
   check, never a read beyond the track buffer. */
START_TEST(ckd_damaged_track_is_data_check)
{
    struct dasd r = dasd("3350", 2);
    write_records(&r);
    chsys_free(r.cs);
    FILE *f = fopen(t_path("vol"), "r+b");
    ck_assert_ptr_nonnull(f);
    /* R1's data length (track 1, after HA and R0, count bytes 6-7) := FFFF */
    ck_assert_int_eq(fseek(f, 512 + 19456 + 5 + 16 + 6, SEEK_SET), 0);
    fputc(0xFF, f);
    fputc(0xFF, f);
    fclose(f);
    r.cs = chsys_new(r.c);
    char *argv[] = { (char *)t_path("vol") };
    t_attach(r.cs, 0x130, "3350", 1, argv, NULL);
    seek_arg(r.c, 0, 1);
    uint64_t csw = t_ccw(r.c, r.cs, 0x130, "07000800 40000006 1E001000 2000FFFF");
    ck_assert_uint_eq(t_status(csw), 0x0E00);
    t_ccw(r.c, r.cs, 0x130, "04001000 00000018");
    ck_assert_uint_eq(r.c->mem[0x1000], SNS_DATACHK);
    dasd_done(&r);
}
END_TEST

START_TEST(ckd_writes_reach_the_image)
{
    struct dasd r = dasd("3350", 2);
    write_records(&r);
    /* Read the image behind the device's back: track 1 starts at 512 + 19456. */
    char img[20000];
    FILE *f = fopen(t_path("vol"), "rb");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fseek(f, 512 + 19456, SEEK_SET), 0);
    ck_assert_uint_eq(fread(img, 1, 64, f), 64);
    fclose(f);
    const uint8_t r1[8] = { 0, 0, 0, 1, 1, 4, 0, 0x10 };
    ck_assert_int_eq(memcmp(img + 5 + 16, r1, 8), 0);     /* after HA and R0 */
    ck_assert_int_eq(memcmp(img + 5 + 16 + 8, "\xD2\xC5\xE8\xF1\xA0", 5), 0);
    dasd_done(&r);
}
END_TEST

START_TEST(ipl_from_ckd)
{
    struct dasd r = dasd("3330", 1);
    /* Write R1 on cylinder 0 head 0: IPL PSW and a CCW reading R2 to 400,
       then R2 with 16 bytes of data. */
    seek_arg(r.c, 0, 0);
    t_put(r.c, 0x810, "0000 0000 00");
    t_put(r.c, 0x820, "0000 0000 01 00 0018 000A0000 00000400 06000400 00000010 00000000 00000000");
    t_put(r.c, 0x840, "0000 0000 02 00 0010 C9D7D3F2 C9D7D3F2 C9D7D3F2 C9D7D3F2");
    uint64_t csw = t_ccw(r.c, r.cs, 0x130,
                       "07000800 40000006 31000810 40000005 08000108 00000000 "
                       "1D000820 40000020 1D000840 00000018");
    ck_assert_uint_eq(t_status(csw), 0x0C00);
    memset(r.c->mem, 0, 0x1000);
    char err[256];
    ck_assert_msg(chsys_ipl(r.cs, 0x130, err, sizeof err), "%s", err);
    ck_assert(r.c->psw.wait);
    ck_assert_uint_eq(r.c->psw.ia, 0x400);
    ck_assert_uint_eq(t_get4(r.c, 0x400), 0xC9D7D3F2);
    ck_assert_uint_eq(be16(r.c->mem + PSA_IO_ADDR), 0x130);
    dasd_done(&r);
}
END_TEST

/* Hercules' dasdinit: its volumes are readable here (IPL from its IPL1
   record), and our empty tracks are byte for byte what it writes. */
START_TEST(ckd_hercules_dasdinit_interchange)
{
    if (access("/usr/bin/dasdinit", X_OK)) return;
    t_tmp_make();
    char cmd[512], err[256];
    snprintf(cmd, sizeof cmd, "cd %s && dasdinit -a herc.3350 3350 HERC01 2 >/dev/null 2>&1", t_tmpdir());
    ck_assert_int_eq(system(cmd), 0);
    ck_assert(ckd_create(t_path("ours.3350"), "3350", 2, err, sizeof err));
    struct stat a, b;
    ck_assert_int_eq(stat(t_path("herc.3350"), &a), 0);
    ck_assert_int_eq(stat(t_path("ours.3350"), &b), 0);
    ck_assert_int_eq(a.st_size, b.st_size);
    FILE *fa = fopen(t_path("herc.3350"), "rb"), *fb = fopen(t_path("ours.3350"), "rb");
    static uint8_t ba[1200000], bb[1200000];
    size_t na = fread(ba, 1, sizeof ba, fa), nb = fread(bb, 1, sizeof bb, fb);
    fclose(fa);
    fclose(fb);
    ck_assert_uint_eq(na, nb);
    ck_assert_int_eq(memcmp(ba, bb, 512), 0);                     /* header */
    ck_assert_int_eq(memcmp(ba + 512 + 19456, bb + 512 + 19456, na - 512 - 19456), 0);

    struct cpu *c = t_cpu();
    struct chsys *cs = chsys_new(c);
    char *argv[] = { (char *)t_path("herc.3350") };
    t_attach(cs, 0x130, "3350", 1, argv, NULL);
    ck_assert_msg(chsys_ipl(cs, 0x130, err, sizeof err), "%s", err);
    ck_assert(c->psw.wait);
    /* Read the volume label: R3 of cylinder 0 head 0, key VOL1. */
    seek_arg(c, 0, 0);
    t_put(c, 0x810, "0000 0000 03");
    uint64_t csw = t_ccw(c, cs, 0x130, "07000800 40000006 31000810 40000005 08000108 00000000 "
                                     "06001000 20000050");
    ck_assert_uint_eq(t_status(csw), 0x0C00);
    ck_assert_uint_eq(t_get4(c, 0x1000), 0xE5D6D3F1);          /* VOL1 */
    ck_assert_uint_eq(c->mem[0x1004], 0xC8);                    /* H of HERC01 */
    chsys_free(cs);
    cpu_free(c);
    t_tmp_remove();
}
END_TEST

/* Our writes make Hercules' volume: copy records 1-3 of track 0 (IPL1,
   IPL2, VOL1) from a dasdinit volume to a volume of ours with Write CKD;
   then the two image files are the same, byte for byte. */
START_TEST(ckd_our_writes_give_hercules_image)
{
    if (access("/usr/bin/dasdinit", X_OK)) return;
    t_tmp_make();
    char cmd[512], err[256];
    snprintf(cmd, sizeof cmd, "cd %s && dasdinit -a herc.3330 3330 HERC02 1 >/dev/null 2>&1", t_tmpdir());
    ck_assert_int_eq(system(cmd), 0);
    ck_assert(ckd_create(t_path("ours.3330"), "3330", 1, err, sizeof err));
    struct cpu *c = t_cpu();
    struct chsys *cs = chsys_new(c);
    char *a1[] = { (char *)t_path("herc.3330") }, *a2[] = { (char *)t_path("ours.3330") };
    t_attach(cs, 0x130, "3330", 1, a1, NULL);
    t_attach(cs, 0x131, "3330", 1, a2, NULL);
    seek_arg(c, 0, 0);
    /* Read CKD of R1, R2, R3 into 2000, 2100, 2200 (SLI: lengths vary). */
    uint64_t csw = t_ccw(c, cs, 0x130, "07000800 40000006 1E002000 60000100 1E002100 60000100 "
                                     "1E002200 20000100");
    ck_assert_uint_eq(t_status(csw), 0x0C00);
    unsigned len[3];
    for (int i = 0; i < 3; i++) {
        const uint8_t *cnt = c->mem + 0x2000 + 0x100 * i;
        ck_assert_uint_eq(cnt[4], i + 1);
        len[i] = 8 + cnt[5] + (unsigned)(cnt[6] << 8 | cnt[7]);
    }
    char prog[256];
    t_put(c, 0x810, "0000 0000 00");
    snprintf(prog, sizeof prog, "07000800 40000006 31000810 40000005 08000108 00000000 "
             "1D002000 4000%04X 1D002100 4000%04X 1D002200 0000%04X", len[0], len[1], len[2]);
    csw = t_ccw(c, cs, 0x131, prog);
    ck_assert_uint_eq(t_status(csw), 0x0C00);
    chsys_free(cs);
    cpu_free(c);
    snprintf(cmd, sizeof cmd, "cmp -s %s %s", t_path("herc.3330"), t_path("ours.3330"));
    ck_assert_int_eq(system(cmd), 0);
    t_tmp_remove();
}
END_TEST

/* Track overflow, as Hercules 3.13 does it: Write Special CKD marks a
   segment (the high bit of the count's cylinder in the image); reading the
   data goes on with the next head's first record; the program sees counts
   without the mark. A 3380 has no track overflow. */
START_TEST(ckd_track_overflow)
{
    struct dasd r = dasd("3330", 1);
    chsys_free(r.cs);   /* a machine with room for 20000-byte records */
    cpu_free(r.c);
    r.c = cpu_new(1u << 20);
    timer_init(r.c, true);
    r.cs = chsys_new(r.c);
    char *argv[] = { (char *)t_path("vol") };
    t_attach(r.cs, 0x130, "3330", 1, argv, NULL);
    for (int i = 0; i < 20000; i++) r.c->mem[0x10000 + i] = (uint8_t)i;
    seek_arg(r.c, 0, 1);
    t_put(r.c, 0x810, "0000 0001 00");
    t_put(r.c, 0x820, "0000 0001 01 00 32C8");   /* R1, 13000 bytes: segment 1 */
    t_put(r.c, 0x830, "0000 0000 0002");          /* seek head 2 */
    t_put(r.c, 0x838, "0000 0002 00");
    t_put(r.c, 0x840, "0000 0002 01 00 1B58");   /* segment 2: 7000 bytes */
    uint64_t csw = t_ccw(r.c, r.cs, 0x130,
                       "07000800 40000006 31000810 40000005 08000108 00000000 "
                       "01000820 80000008 00010000 600032C8 "   /* write special CKD, data chained */
                       "07000830 40000006 31000838 40000005 08000150 00000000 "
                       "1D000840 80000008 000132C8 00001B58");
    ck_assert_uint_eq(t_status(csw), 0x0C00);
    /* The image: the mark on segment 1 only. */
    uint8_t cnt[8];
    FILE *f = fopen(t_path("vol"), "rb");
    ck_assert_int_eq(fseek(f, 512 + 13312 + 5 + 16, SEEK_SET), 0);
    ck_assert_uint_eq(fread(cnt, 1, 8, f), 8);
    ck_assert_int_eq(memcmp(cnt, "\x80\x00\x00\x01\x01\x00\x32\xC8", 8), 0);
    ck_assert_int_eq(fseek(f, 512 + 2 * 13312 + 5 + 16, SEEK_SET), 0);
    ck_assert_uint_eq(fread(cnt, 1, 8, f), 8);
    ck_assert_uint_eq(cnt[0], 0);
    fclose(f);
    /* Read count, then the data: all 20000 bytes; then Search ID finds R1. */
    csw = t_ccw(r.c, r.cs, 0x130, "07000800 40000006 12002000 40000008 06020000 00004E20");
    ck_assert_uint_eq(t_status(csw), 0x0C00);
    ck_assert_uint_eq(t_get8(r.c, 0x2000), 0x00000001010032C8ull);
    ck_assert_int_eq(memcmp(r.c->mem + 0x20000, r.c->mem + 0x10000, 20000), 0);
    t_put(r.c, 0x810, "0000 0001 01");
    csw = t_ccw(r.c, r.cs, 0x130, "07000800 40000006 31000810 40000005 08000108 00000000 "
                                "1E030000 20007530");   /* read CKD 30000, SLI */
    ck_assert_uint_eq(csw & 0xFFFFFFFF, 0x0C002708);      /* 20008 bytes moved */
    ck_assert_uint_eq(t_get8(r.c, 0x30000), 0x00000001010032C8ull);
    ck_assert_int_eq(memcmp(r.c->mem + 0x30008, r.c->mem + 0x10000, 20000), 0);
    /* An update write goes across both segments. */
    for (int i = 0; i < 20000; i++) r.c->mem[0x40000 + i] = (uint8_t)(i * 3);
    csw = t_ccw(r.c, r.cs, 0x130, "07000800 40000006 31000810 40000005 08000108 00000000 "
                                "05040000 00004E20");
    ck_assert_uint_eq(t_status(csw), 0x0C00);
    csw = t_ccw(r.c, r.cs, 0x130, "07000800 40000006 12002000 40000008 06050000 00004E20");
    ck_assert_int_eq(memcmp(r.c->mem + 0x50000, r.c->mem + 0x40000, 20000), 0);
    dasd_done(&r);
    r = dasd("3380", 1);
    seek_arg(r.c, 0, 1);
    t_put(r.c, 0x810, "0000 0001 00");
    csw = t_ccw(r.c, r.cs, 0x130, "07000800 40000006 31000810 40000005 08000108 00000000 "
                                "01000820 00000008");
    ck_assert_uint_eq(t_status(csw), 0x0E00);
    dasd_done(&r);
}
END_TEST

/* ---------------------------------------------------------------------- */
/* Tape.                                                                   */

START_TEST(tape_write_read_tapemark_backward)
{
    t_tmp_make();
    struct cpu *c = t_cpu();
    struct chsys *cs = chsys_new(c);
    char *argv[] = { (char *)t_path("t.aws") };
    t_attach(cs, 0x180, "3420", 1, argv, NULL);
    t_put(c, 0x1000, "C1C2C3");
    for (int i = 0; i < 100; i++) c->mem[0x1100 + i] = (uint8_t)i;
    /* write 3 bytes, write 100 bytes, tape mark, rewind */
    uint64_t csw = t_ccw(c, cs, 0x180, "01001000 40000003 01001100 40000064 1F000000 60000001 "
                                     "07000000 20000001");
    ck_assert_uint_eq(t_status(csw), 0x0C00);
    uint8_t img[256];
    FILE *f = fopen(t_path("t.aws"), "rb");
    ck_assert_uint_eq(fread(img, 1, sizeof img, f), 6 + 3 + 6 + 100 + 6);
    fclose(f);
    const uint8_t h1[6] = { 3, 0, 0, 0, 0xA0, 0 }, h2[6] = { 100, 0, 3, 0, 0xA0, 0 },
                  tm[6] = { 0, 0, 100, 0, 0x40, 0 };
    ck_assert_int_eq(memcmp(img, h1, 6), 0);
    ck_assert_int_eq(memcmp(img + 9, h2, 6), 0);
    ck_assert_int_eq(memcmp(img + 115, tm, 6), 0);
    /* read 3 bytes; read 50 of the 100-byte block: incorrect length */
    csw = t_ccw(c, cs, 0x180, "02002000 40000003 02002100 00000032");
    ck_assert_uint_eq(csw, 0x000001100C400000ull);
    ck_assert_uint_eq(c->mem[0x2002], 0xC3);
    ck_assert_uint_eq(c->mem[0x2131], 49);
    csw = t_ccw(c, cs, 0x180, "02002000 00000050");
    ck_assert_uint_eq(t_status(csw), 0x0D00);   /* tape mark: unit exception */
    csw = t_ccw(c, cs, 0x180, "02002000 00000050");
    ck_assert_uint_eq(t_status(csw), 0x0E00);   /* end of tape */
    /* backspace file over the tape mark; read the 100-byte block backward into
       2200..2263 (the CCW names the last byte) */
    csw = t_ccw(c, cs, 0x180, "2F000000 60000001 0C002263 00000064");
    ck_assert_uint_eq(t_status(csw), 0x0C00);
    ck_assert_uint_eq(c->mem[0x2200], 0);
    ck_assert_uint_eq(c->mem[0x2263], 99);
    /* forward space file from the load point passes the tape mark */
    csw = t_ccw(c, cs, 0x180, "07000000 60000001 3F000000 60000001 02002000 00000050");
    ck_assert_uint_eq(t_status(csw), 0x0E00);
    chsys_free(cs);
    cpu_free(c);
    t_tmp_remove();
}
END_TEST

START_TEST(ipl_from_tape)
{
    t_tmp_make();
    /* Block 1: PSW and a CCW reading block 2 to 600. */
    uint8_t aws[6 + 24 + 6 + 4];
    const uint8_t blk1[30] = { 24, 0, 0, 0, 0xA0, 0,
                               0x00, 0x02, 0, 0, 0, 0, 0x06, 0x00,
                               0x02, 0x00, 0x06, 0x00, 0x00, 0, 0, 4 };
    memset(aws, 0, sizeof aws);
    memcpy(aws, blk1, sizeof blk1);
    const uint8_t blk2[10] = { 4, 0, 24, 0, 0xA0, 0, 0xE3, 0xC1, 0xD7, 0xC5 };
    memcpy(aws + 30, blk2, sizeof blk2);
    t_write_file(t_path("ipl.aws"), aws, sizeof aws);
    struct cpu *c = t_cpu();
    struct chsys *cs = chsys_new(c);
    char *argv[] = { (char *)t_path("ipl.aws"), "ro" };
    t_attach(cs, 0x180, "3420", 2, argv, NULL);
    char err[256];
    ck_assert_msg(chsys_ipl(cs, 0x180, err, sizeof err), "%s", err);
    ck_assert_uint_eq(c->psw.ia, 0x600);
    ck_assert_uint_eq(t_get4(c, 0x600), 0xE3C1D7C5);   /* TAPE */
    chsys_free(cs);
    cpu_free(c);
    t_tmp_remove();
}
END_TEST

/* Hercules' tape tools: a tape from hetinit reads here, and a label we
   write is what hetmap reads back. */
START_TEST(tape_hercules_interchange)
{
    if (access("/usr/bin/hetinit", X_OK) || access("/usr/bin/hetmap", X_OK)) return;
    t_tmp_make();
    char cmd[512];
    snprintf(cmd, sizeof cmd, "hetinit -d %s VOL001 >/dev/null 2>&1", t_path("h.aws"));
    ck_assert_int_eq(system(cmd), 0);
    struct cpu *c = t_cpu();
    struct chsys *cs = chsys_new(c);
    char *a1[] = { (char *)t_path("h.aws") };
    t_attach(cs, 0x180, "3420", 1, a1, NULL);
    char *a2[] = { (char *)t_path("o.aws") };
    t_attach(cs, 0x181, "3420", 1, a2, NULL);
    uint64_t csw = t_ccw(c, cs, 0x180, "02002000 00000050");
    ck_assert_uint_eq(t_status(csw), 0x0C00);
    ck_assert_uint_eq(t_get4(c, 0x2000), 0xE5D6D3F1);   /* VOL1 */
    /* Change the serial to OURVOL and write it with two tape marks. */
    t_put(c, 0x2004, "D6E4D9E5D6D3");
    csw = t_ccw(c, cs, 0x181, "01002000 40000050 1F000000 60000001 1F000000 20000001");
    ck_assert_uint_eq(t_status(csw), 0x0C00);
    chsys_free(cs);
    cpu_free(c);
    snprintf(cmd, sizeof cmd, "hetmap %s 2>&1", t_path("o.aws"));
    FILE *p = popen(cmd, "r");
    char out[8192];
    size_t n = fread(out, 1, sizeof out - 1, p);
    out[n] = 0;
    pclose(p);
    ck_assert_msg(strstr(out, "Volume Serial       : 'OURVOL'") != NULL, "%s", out);
    /* Mount the first tape on a new drive and read our label back. */
    c = t_cpu();
    cs = chsys_new(c);
    t_attach(cs, 0x180, "3420", 1, a1, NULL);
    char err[256];
    ck_assert(tape_load(chsys_find(cs, 0x180), t_path("o.aws"), err, sizeof err));
    ck_assert_int_eq(chsys_instruction(cs, c, TIO, 0x180), 1);   /* the device end */
    csw = t_ccw(c, cs, 0x180, "02002000 00000050");
    ck_assert_uint_eq(t_get4(c, 0x2004), 0xD6E4D9E5);
    chsys_free(cs);
    cpu_free(c);
    t_tmp_remove();
}
END_TEST

int main(void)
{
    Suite *s = suite_create("devices");
    TCase *tc = tcase_create("devices");
    tcase_add_test(tc, reader_ascii_cards_then_intervention_required);
    tcase_add_test(tc, reader_eof_option_gives_unit_exception);
    tcase_add_test(tc, ipl_from_card_reader);
    tcase_add_test(tc, punch_ascii);
    tcase_add_test(tc, printer_spacing_and_skip);
    tcase_add_test(tc, printer_default_fcb_skips);
    tcase_add_test(tc, printer_lpp_and_fcb_arguments);
    tcase_add_test(tc, printer_3211_load_fcb);
    tcase_add_test(tc, printer_argument_errors);
    tcase_add_test(tc, attach_errors_name_the_problem);
    tcase_add_test(tc, console_3215_write_read_attention);
    tcase_add_test(tc, ckd_write_then_read_back);
    tcase_add_test(tc, ckd_search_no_record_found);
    tcase_add_test(tc, ckd_multitrack_read_crosses_heads);
    tcase_add_test(tc, ckd_file_mask_and_bad_seek);
    tcase_add_test(tc, ckd_set_sector_and_read_only);
    tcase_add_test(tc, ckd_format_track_and_erase);
    tcase_add_loop_test(tc, ckd_search_id_high, 0, sizeof id_searches / sizeof id_searches[0]);
    tcase_add_test(tc, ckd_damaged_track_is_data_check);
    tcase_add_test(tc, ckd_writes_reach_the_image);
    tcase_add_test(tc, ipl_from_ckd);
    tcase_add_test(tc, ckd_hercules_dasdinit_interchange);
    tcase_add_test(tc, ckd_our_writes_give_hercules_image);
    tcase_add_test(tc, ckd_track_overflow);
    tcase_add_test(tc, tape_write_read_tapemark_backward);
    tcase_add_test(tc, ipl_from_tape);
    tcase_add_test(tc, tape_hercules_interchange);
    tcase_set_timeout(tc, 60);   /* host files: slow on a loaded machine */
    suite_add_tcase(s, tc);
    return t_main(s);
}
