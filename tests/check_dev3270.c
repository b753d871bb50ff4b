/* The 3270 device through the channel, against a fake terminal that
   records what the device sends it: command mapping, the greeting clear,
   not ready without a terminal, device end on connect, attention and Read
   Modified, short reads, reads the terminal answers, timeouts, and the
   3215 console taken over by a telnet client. Expected values come from
   the 3274 description (devices/dev3270.c header). */
#include <stdio.h>
#include <stdlib.h>
#include "channel.h"
#include "devtest.h"
#include "tn3270.h"

#define TIO 0x9D00

/* The fake terminal: every record the device sent, one after another. */
struct fake {
    uint8_t rec[16][256];
    size_t len[16];
    unsigned n;
    char report[400];   /* the last message for the operator */
    unsigned reports;
};

static void fake_report(void *ctx, const char *msg)
{
    struct fake *f = ctx;
    snprintf(f->report, sizeof f->report, "%s", msg);
    f->reports++;
}

static void fake_send(void *ctx, const uint8_t *rec, size_t n)
{
    struct fake *f = ctx;
    ck_assert_uint_lt(f->n, 16);
    ck_assert_uint_le(n, 256);
    memcpy(f->rec[f->n], rec, n);
    f->len[f->n++] = n;
}

struct rig {
    struct cpu *c;
    struct chsys *cs;
    struct device *d;
    struct fake term;
    int term_model;     /* the model the terminal says it is (0: none) */
};

static void rig_up(struct rig *r, int argc, char **argv)
{
    memset(r, 0, sizeof *r);
    r->c = t_cpu();
    r->cs = chsys_new(r->c);
    r->d = t_attach(r->cs, 0x0C0, "3270", argc, argv, NULL);
    ck_assert(dev3270_is(r->d));
}

static void rig_down(struct rig *r)
{
    chsys_free(r->cs);
    cpu_free(r->c);
}

static void connect(struct rig *r)
{
    dev3270_connect(r->d, (struct dev3270_term){ .send = fake_send, .ctx = &r->term,
                                                 .model = r->term_model, .report = fake_report });
    ck_assert_int_eq(chsys_instruction(r->cs, r->c, TIO, 0x0C0), 1);   /* the device end */
    ck_assert_uint_eq(r->c->mem[PSA_CSW + 4], US_DE);
}

/* Start the channel program at 0x100 and let it run; returns the TIO cc. */
static int start(struct rig *r, const char *ccws)
{
    return t_ccw_start(r->c, r->cs, 0x0C0, ccws);
}

/* Run it to the end; returns the CSW. */
static uint64_t run(struct rig *r, const char *ccws)
{
    return t_ccw(r->c, r->cs, 0x0C0, ccws);
}

static uint64_t csw_after(struct rig *r)
{
    ck_assert_int_eq(chsys_instruction(r->cs, r->c, TIO, 0x0C0), 1);
    return t_get8(r->c, PSA_CSW);
}

static void assert_rec(struct fake *f, unsigned i, const char *hex)
{
    uint8_t want[256];
    size_t n = 0;
    for (const char *p = hex; *p; p++) {
        if (*p == ' ') continue;
        unsigned v;
        ck_assert(sscanf(p, "%2x", &v) == 1);
        want[n++] = (uint8_t)v;
        p++;
    }
    ck_assert_uint_gt(f->n, i);
    ck_assert_uint_eq(f->len[i], n);
    ck_assert_mem_eq(f->rec[i], want, n);
}

/* ---------------------------------------------------------------------- */

START_TEST(no_terminal_is_intervention_required)
{
    struct rig r;
    rig_up(&r, 0, NULL);
    t_put(r.c, 0x1000, "C3");
    uint64_t csw = run(&r, "01001000 00000001");
    ck_assert_uint_eq((csw >> 16) & 0xFF00, 0x0E00);   /* CE DE UC */
    run(&r, "04002000 00000001");
    ck_assert_uint_eq(r.c->mem[0x2000], SNS_INTREQ);
    /* Sense ID answers without a terminal: a 3278 model 2 on a 3274. */
    csw = run(&r, "E4002000 00000007");
    ck_assert_uint_eq(csw, 0x000001080C000000ull);
    ck_assert_uint_eq(t_get4(r.c, 0x2000), 0xFF32741D);
    ck_assert_uint_eq(t_get4(r.c, 0x2004) >> 8, 0x327802);
    ck_assert(!dev3270_connected(r.d));
    rig_down(&r);
}
END_TEST

START_TEST(writes_map_to_stream_commands)
{
    struct rig r;
    rig_up(&r, 0, NULL);
    connect(&r);
    ck_assert(dev3270_connected(r.d));
    /* The first write clears the greeting the server showed. */
    t_put(r.c, 0x1000, "C3 11 40C1 1D60 C8C9");
    uint64_t csw = run(&r, "01001000 00000008");
    ck_assert_uint_eq(csw, 0x000001080C000000ull);
    ck_assert_uint_eq(r.term.n, 2);
    assert_rec(&r.term, 0, "F5 00");
    assert_rec(&r.term, 1, "F1 C3 11 40C1 1D60 C8C9");
    run(&r, "05001000 00000001");
    assert_rec(&r.term, 2, "F5 C3");
    run(&r, "0D001000 00000001");
    assert_rec(&r.term, 3, "7E C3");
    csw = run(&r, "0F001000 00000001");   /* Erase All Unprotected moves no data */
    ck_assert_uint_eq(csw, 0x000001080C000001ull);
    assert_rec(&r.term, 4, "6F");
    run(&r, "03000000 00000001");          /* NOP and Select: nothing to the terminal */
    run(&r, "0B000000 00000001");
    csw = run(&r, "4B000000 00000001");
    ck_assert_uint_eq(csw, 0x000001080C000001ull);
    ck_assert_uint_eq(r.term.n, 5);
    csw = run(&r, "07001000 00000001");
    ck_assert_uint_eq((csw >> 16) & 0xFF00, 0x0E00);
    run(&r, "04002000 00000001");
    ck_assert_uint_eq(r.c->mem[0x2000], SNS_CMDREJ);
    /* Data chaining: one record from two CCWs. */
    t_put(r.c, 0x1000, "C2 C1C2");
    t_put(r.c, 0x1010, "C3C4");
    run(&r, "01001000 80000003 00001010 00000002");
    assert_rec(&r.term, 5, "F1 C2 C1C2 C3C4");
    rig_down(&r);
}
END_TEST

START_TEST(erase_write_first_needs_no_clear)
{
    struct rig r;
    rig_up(&r, 0, NULL);
    connect(&r);
    t_put(r.c, 0x1000, "C3");
    run(&r, "05001000 00000001");
    ck_assert_uint_eq(r.term.n, 1);
    assert_rec(&r.term, 0, "F5 C3");
    rig_down(&r);
}
END_TEST

START_TEST(enter_gives_attention_and_read_modified_answer)
{
    struct rig r;
    rig_up(&r, 0, NULL);
    connect(&r);
    static const uint8_t enter[] = { 0x7D, 0xC1, 0x50, 0x11, 0xC1, 0x4F, 0xC8, 0xC9 };
    ck_assert(dev3270_inbound(r.d, enter, sizeof enter));
    ck_assert(r.c->intr & INTR_IO);
    ck_assert_uint_eq(csw_after(&r), 0x0000000080000000ull);   /* attention alone */
    uint64_t csw = run(&r, "06002000 20000100");
    ck_assert_uint_eq(csw, 0x000001080C0000F8ull);             /* 256 - 8 left */
    ck_assert_mem_eq(r.c->mem + 0x2000, enter, sizeof enter);
    /* The AID stays until a keyboard restore: a second Read Modified gets it again. */
    run(&r, "06003000 20000100");
    ck_assert_mem_eq(r.c->mem + 0x3000, enter, sizeof enter);
    ck_assert_uint_eq(r.term.n, 0);
    /* A short count keeps only the first bytes: incorrect length without SLI. */
    csw = run(&r, "06004000 00000003");
    ck_assert_uint_eq(csw, 0x000001080C400000ull);
    rig_down(&r);
}
END_TEST

START_TEST(pa1_is_a_short_read)
{
    struct rig r;
    rig_up(&r, 0, NULL);
    connect(&r);
    static const uint8_t pa1[] = { AID_PA1 };
    ck_assert(dev3270_inbound(r.d, pa1, 1));
    csw_after(&r);
    uint64_t csw = run(&r, "06002000 20000100");
    ck_assert_uint_eq(csw, 0x000001080C0000FFull);
    ck_assert_uint_eq(r.c->mem[0x2000], AID_PA1);
    rig_down(&r);
}
END_TEST

START_TEST(restore_resets_the_aid_and_reads_ask_the_terminal)
{
    struct rig r;
    rig_up(&r, 0, NULL);
    connect(&r);
    static const uint8_t enter[] = { 0x7D, 0x40, 0x40 };
    dev3270_inbound(r.d, enter, sizeof enter);
    csw_after(&r);
    t_put(r.c, 0x1000, "02");   /* WCC keyboard restore */
    run(&r, "01001000 00000001");
    unsigned sent = r.term.n;
    /* Read Modified without an AID goes to the terminal and waits. */
    ck_assert_int_eq(start(&r, "06002000 20000100"), 2);
    ck_assert(dev3270_reading(r.d));
    assert_rec(&r.term, sent, "F6");
    static const uint8_t answer[] = { AID_NONE, 0x40, 0xC5, 0x11, 0x40, 0xC1, 0xE7 };
    ck_assert(dev3270_inbound(r.d, answer, sizeof answer));
    ck_assert(!dev3270_reading(r.d));
    ck_assert_uint_eq(csw_after(&r), 0x000001080C0000F9ull);
    ck_assert_mem_eq(r.c->mem + 0x2000, answer, sizeof answer);
    /* Read Buffer always asks; a terminal that never answers times out
       with the no-AID answer and the last cursor address. */
    ck_assert_int_eq(start(&r, "02003000 20000100"), 2);
    assert_rec(&r.term, sent + 1, "F2");
    dev3270_read_timeout(r.d);
    ck_assert_uint_eq(csw_after(&r), 0x000001080C0000FDull);
    ck_assert_uint_eq(r.c->mem[0x3000], AID_NONE);
    ck_assert_uint_eq(r.c->mem[0x3001], 0x40);
    ck_assert_uint_eq(r.c->mem[0x3002], 0xC5);
    rig_down(&r);
}
END_TEST

START_TEST(disconnect_ends_a_waiting_read)
{
    struct rig r;
    rig_up(&r, 0, NULL);
    connect(&r);
    ck_assert_int_eq(start(&r, "02002000 20000100"), 2);
    dev3270_disconnect(r.d);
    uint64_t csw = csw_after(&r);
    ck_assert_uint_eq((csw >> 16) & 0xFF00, 0x0E00);
    run(&r, "04002000 00000001");
    ck_assert_uint_eq(r.c->mem[0x2000], SNS_INTREQ);
    ck_assert(!dev3270_connected(r.d));
    rig_down(&r);
}
END_TEST

START_TEST(garbage_records_are_dropped)
{
    struct rig r;
    rig_up(&r, 0, NULL);
    static const uint8_t enter[] = { 0x7D, 0x40, 0x40 };
    ck_assert(!dev3270_inbound(r.d, enter, sizeof enter));   /* no terminal */
    connect(&r);
    static const uint8_t bad[] = { 0x12, 0x34 };
    ck_assert(!dev3270_inbound(r.d, bad, sizeof bad));
    ck_assert(!dev3270_inbound(r.d, bad, 0));
    ck_assert_int_eq(chsys_instruction(r.cs, r.c, TIO, 0x0C0), 0);   /* nothing pending */
    rig_down(&r);
}
END_TEST

START_TEST(attach_arguments)
{
    struct rig r;
    char *args[] = { "TSO", "MOD4", "127.0.0.1", "255.255.255.255" };
    rig_up(&r, 4, args);
    ck_assert_str_eq(dev3270_group(r.d), "TSO");
    run(&r, "E4002000 00000007");
    ck_assert_uint_eq(r.c->mem[0x2006], 4);
    rig_down(&r);
    char err[256] = "";
    struct cpu *c = t_cpu();
    struct chsys *cs = chsys_new(c);
    char *bad[] = { "*", "BOGUS" };
    ck_assert(!devtype_find("3279")->attach(cs, 0x0C0, 0x3279, 2, bad, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "BOGUS"));
    /* The model may stand after the group too (Hercules' MODn anywhere). */
    char *later[] = { "TSO", "MOD3" };
    ck_assert_msg(devtype_find("3278")->attach(cs, 0x0C1, 0x3278, 2, later, err, sizeof err), "%s", err);
    char *badip[] = { "*", "10.0.0.300" };
    ck_assert(!devtype_find("3270")->attach(cs, 0x0C2, 0x3270, 2, badip, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "10.0.0.300"));
    ck_assert(devtype_find("3277") && devtype_find("3278"));
    chsys_free(cs);
    cpu_free(c);
}
END_TEST

/* Which device a client gets (tn3270_choose): the address restriction of
   the configuration line holds for a named device, a group and any device. */
START_TEST(client_address_restriction)
{
    char err[256] = "", why[128];
    struct cpu *c = t_cpu();
    struct chsys *cs = chsys_new(c);
    char *only10[] = { "*", "10.1.2.3" };
    char *net10[] = { "GRP", "10.0.0.0", "255.0.0.0" };
    const struct devtype *t = devtype_find("3270");
    ck_assert(t->attach(cs, 0x0C0, 0x3270, 2, only10, err, sizeof err));
    ck_assert(t->attach(cs, 0x0C1, 0x3270, 3, net10, err, sizeof err));
    const uint32_t lo = 0x7F000001, ten = 0x0A010203, ten2 = 0x0A090909;
    ck_assert_ptr_null(tn3270_choose(cs, lo, "", why, sizeof why));
    ck_assert_str_eq(why, "No 3270 terminal is free on this system.");
    ck_assert_ptr_eq(tn3270_choose(cs, ten, "", why, sizeof why), chsys_find(cs, 0x0C0));
    ck_assert_ptr_null(tn3270_choose(cs, ten2, "", why, sizeof why));   /* 0C1 is a group's */
    ck_assert_ptr_null(tn3270_choose(cs, lo, "0C0", why, sizeof why));
    ck_assert_str_eq(why, "Terminal 0C0 does not take clients from 127.0.0.1.");
    ck_assert_ptr_eq(tn3270_choose(cs, ten, "0C0", why, sizeof why), chsys_find(cs, 0x0C0));
    ck_assert_ptr_eq(tn3270_choose(cs, ten2, "grp", why, sizeof why), chsys_find(cs, 0x0C1));
    ck_assert_ptr_eq(tn3270_choose(cs, ten2, "0C1", why, sizeof why), chsys_find(cs, 0x0C1));
    ck_assert_ptr_null(tn3270_choose(cs, lo, "GRP", why, sizeof why));
    ck_assert_str_eq(why, "No terminal GRP is free on this system.");
    /* An unrestricted device takes anyone; a connected one nobody. */
    ck_assert(t->attach(cs, 0x0C2, 0x3270, 0, NULL, err, sizeof err));
    ck_assert_ptr_eq(tn3270_choose(cs, lo, "", why, sizeof why), chsys_find(cs, 0x0C2));
    struct fake f = { .n = 0 };
    dev3270_connect(chsys_find(cs, 0x0C2), (struct dev3270_term){ .send = fake_send, .ctx = &f });
    ck_assert_ptr_null(tn3270_choose(cs, lo, "", why, sizeof why));
    ck_assert_ptr_null(tn3270_choose(cs, lo, "0C2", why, sizeof why));
    ck_assert_str_eq(why, "Terminal 0C2 is in use.");
    chsys_free(cs);
    cpu_free(c);
}
END_TEST

/* Bad data streams (GA23-0061: operation check): the write ends with unit
   check and sense X'01', the orders before the bad one reach the terminal,
   the operator is told which device and what, and the device goes on. */
static void bad_write(struct rig *r, const char *ccw, const char *data, const char *sent,
                      const char *why)
{
    unsigned before = r->term.n, reports = r->term.reports;
    t_put(r->c, 0x1000, data);
    uint64_t csw = run(r, ccw);
    ck_assert_uint_eq((csw >> 16) & 0xFF00, 0x0E00);   /* CE DE UC */
    run(r, "04002000 00000001");
    ck_assert_uint_eq(r->c->mem[0x2000], SNS3270_OPCHK);
    ck_assert_uint_eq(r->term.n, before + 1);
    assert_rec(&r->term, before, sent);
    ck_assert_uint_eq(r->term.reports, reports + 1);
    ck_assert_msg(strstr(r->term.report, "3270 0C0: bad data stream") && strstr(r->term.report, why),
                  "report: %s", r->term.report);
}

START_TEST(bad_data_streams_are_operation_checks)
{
    struct rig r;
    rig_up(&r, 0, NULL);
    connect(&r);
    /* An unknown order after a character: the character goes out. */
    bad_write(&r, "05001000 00000004", "C3 C1 3E C2", "F5 C3 C1", "unknown order X'3E'");
    ck_assert_ptr_nonnull(strstr(r.term.report, "Erase/Write, data offset 2: unknown order"));
    /* A buffer address beyond 24x80 (4095 in the 12-bit code). */
    bad_write(&r, "01001000 00000005", "C3 11 7F7F C1", "F1 C3",
              "buffer address 4095 beyond the screen (24x80 = 1920)");
    /* Truncated orders: SBA with one address byte, SF without its attribute. */
    bad_write(&r, "01001000 00000003", "C2 11 40", "F1 C2", "SBA order truncated");
    bad_write(&r, "01001000 00000003", "C2 C8 1D", "F1 C2 C8", "SF order truncated");
    /* Erase/Write Alternate: 2000 is beyond a model 2's alternate size. */
    bad_write(&r, "0D001000 00000004", "C3 11 5F50", "7E C3", "beyond the screen (24x80");
    /* The device goes on: a good write goes out whole, and devlist counts. */
    t_put(r.c, 0x1000, "C3 11 40C1 1D60 C8C9");
    uint64_t csw = run(&r, "01001000 00000008");
    ck_assert_uint_eq(csw, 0x000001080C000000ull);
    assert_rec(&r.term, r.term.n - 1, "F1 C3 11 40C1 1D60 C8C9");
    char line[400];
    r.d->ops->describe(r.d, line, sizeof line);
    ck_assert_msg(strstr(line, "5 data stream errors (last: Erase/Write Alternate, data offset 2"), "%s", line);
    rig_down(&r);
}
END_TEST

/* The model of the buffer follows the larger of the configured model and
   the terminal's: a 3278-4 client takes addresses up to 43x80 after EWA. */
START_TEST(bad_data_stream_uses_the_terminals_size)
{
    struct rig r;
    rig_up(&r, 0, NULL);
    r.term_model = 4;
    connect(&r);
    t_put(r.c, 0x1000, "C3 11 5F50 C1");
    uint64_t csw = run(&r, "0D001000 00000005");
    ck_assert_uint_eq(csw, 0x000001080C000000ull);
    assert_rec(&r.term, 0, "7E C3 11 5F50 C1");
    /* Erase/Write goes back to 24x80, where 2000 is too far. */
    bad_write(&r, "05001000 00000005", "C3 11 5F50 C1", "F5 C3", "beyond the screen (24x80 = 1920)");
    ck_assert_uint_eq(r.term.reports, 1);
    /* So does the Clear key on the terminal after an Erase/Write Alternate. */
    t_put(r.c, 0x1000, "C3 11 5F50 C1");
    run(&r, "0D001000 00000005");
    t_put(r.c, 0x1000, "C3 11 5F50 C2");
    run(&r, "01001000 00000005");   /* a Write in the alternate size is fine */
    ck_assert_uint_eq(r.term.reports, 1);
    static const uint8_t clear[] = { AID_CLEAR };
    ck_assert(dev3270_inbound(r.d, clear, 1));
    csw_after(&r);
    bad_write(&r, "01001000 00000005", "C3 11 5F50 C2", "F1 C3", "beyond the screen (24x80 = 1920)");
    rig_down(&r);
}
END_TEST

START_TEST(console_3215_taken_over_by_telnet)
{
    struct cpu *c = t_cpu();
    struct chsys *cs = chsys_new(c);
    char err[256] = "";
    ck_assert(devtype_find("3215")->attach(cs, 0x009, 0x3215, 0, NULL, err, sizeof err));
    struct device *d = chsys_find(cs, 0x009);
    char *host, *remote;
    size_t nh, nr;
    FILE *h = open_memstream(&host, &nh), *t = open_memstream(&remote, &nr);
    con3215_set_output(d, h);
    ck_assert(con3215_set_remote(d, t));
    ck_assert(!con3215_set_remote(d, t));   /* one client at a time */
    ck_assert(con3215_has_remote(d));
    t_put(c, 0x1000, "C8C9");
    t_ccw(c, cs, 0x009, "09001000 00000002");
    con3215_input(d, "typed");   /* the telnet client echoes it: not again */
    ck_assert(con3215_set_remote(d, NULL));
    ck_assert(!con3215_has_remote(d));
    fclose(h);
    fclose(t);
    ck_assert_str_eq(remote, "HI\n");
    ck_assert_str_eq(host, "");
    free(host);
    free(remote);
    chsys_free(cs);
    cpu_free(c);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("dev3270");
    TCase *tc = tcase_create("dev3270");
    tcase_add_test(tc, no_terminal_is_intervention_required);
    tcase_add_test(tc, writes_map_to_stream_commands);
    tcase_add_test(tc, erase_write_first_needs_no_clear);
    tcase_add_test(tc, enter_gives_attention_and_read_modified_answer);
    tcase_add_test(tc, pa1_is_a_short_read);
    tcase_add_test(tc, restore_resets_the_aid_and_reads_ask_the_terminal);
    tcase_add_test(tc, disconnect_ends_a_waiting_read);
    tcase_add_test(tc, garbage_records_are_dropped);
    tcase_add_test(tc, attach_arguments);
    tcase_add_test(tc, client_address_restriction);
    tcase_add_test(tc, bad_data_streams_are_operation_checks);
    tcase_add_test(tc, bad_data_stream_uses_the_terminals_size);
    tcase_add_test(tc, console_3215_taken_over_by_telnet);
    suite_add_tcase(s, tc);
    return t_main(s);
}
