/* IPL media (devices/iplmedia.c) through the real IPL: programs larger than
   one card, one tape block, one track and one cylinder are loaded whole by
   chsys_ipl from a deck, a tape and a volume; the PSW rules; track 0 keeps
   its other records; the volume layer refuses bad headers. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "devtest.h"
#include "channel.h"
#include "ckd.h"
#include "iplmedia.h"

#define MB (1u << 20)

static void setup(void)
{
    t_tmp_make();
}

static void teardown(void)
{
    t_tmp_remove();
}

/* A program of n bytes whose every byte differs from its neighbours'. */
static uint8_t *pattern(size_t n)
{
    uint8_t *p = malloc(n);
    for (size_t i = 0; i < n; i++) p[i] = (uint8_t)(i * 7 + i / 251);
    return p;
}

static struct cpu *big_cpu(void)
{
    struct cpu *c = cpu_new(MB);
    ck_assert_ptr_nonnull(c);
    timer_init(c, true);
    return c;
}

/* The machine of the last ipl() (one at a time). */
static struct chsys *cur_cs;

/* Attach a device as a configuration line would and IPL from it. */
static struct cpu *ipl(const char *type, uint16_t addr, int argc, char **argv)
{
    struct cpu *c = big_cpu();
    struct chsys *cs = chsys_new(c);
    char err[256] = "";
    const struct devtype *t = devtype_find(type);
    ck_assert_msg(t->attach(cs, addr, t->type, argc, argv, err, sizeof err), "%s", err);
    ck_assert_msg(chsys_ipl(cs, addr, err, sizeof err), "%s", err);
    cur_cs = cs;
    return c;
}

static void done(struct cpu *c)
{
    chsys_free(cur_cs);
    cpu_free(c);
}

START_TEST(deck_loads_a_program_of_many_cards)
{
    size_t n = 3000;   /* 38 cards: 5 cards of CCWs */
    uint8_t *prog = pattern(n);
    struct iplprog p = { .data = prog, .size = n, .load = 0x3000 };
    ipl_default_psw(p.psw, p.load);
    char err[256];
    FILE *data = fmemopen((char[]){ "DATA CARD\n" }, 10, "r");
    ck_assert_msg(ipl_write_deck(&p, t_path("deck"), data, err, sizeof err), "%s", err);
    fclose(data);
    char *argv[] = { (char *)t_path("deck"), "ebcdic" };
    struct cpu *c = ipl("3505", 0x00C, 2, argv);
    ck_assert_int_eq(memcmp(c->mem + 0x3000, prog, n), 0);
    ck_assert_uint_eq(c->psw.ia, 0x3000);
    ck_assert(!c->psw.wait);
    ck_assert_uint_eq(c->mem[0x3000 + n], 0x02);   /* the loader list just after it: read */
    /* The data card is next in the reader. */
    struct chsys *cs = cur_cs;
    t_put(c, 0x100, "02080000 00000050");
    t_set4(c, PSA_CAW, 0x100);
    ck_assert_int_eq(chsys_instruction(cs, c, 0x9C00, 0x00C), 0);
    c->insns += 1000;
    chsys_poll(cs, c, false);
    ck_assert_uint_eq(t_get4(c, 0x80000), 0xC4C1E3C1);   /* DATA */
    done(c);
    free(prog);
}
END_TEST

START_TEST(tape_loads_a_program_of_many_blocks)
{
    size_t n = 100000;   /* 4 blocks */
    uint8_t *prog = pattern(n);
    struct iplprog p = { .data = prog, .size = n, .load = 0x10000 };
    ipl_default_psw(p.psw, 0x10000);
    char err[256];
    ck_assert_msg(ipl_write_tape(&p, t_path("t.aws"), err, sizeof err), "%s", err);
    char *argv[] = { (char *)t_path("t.aws"), "ro" };
    struct cpu *c = ipl("3420", 0x180, 2, argv);
    ck_assert_int_eq(memcmp(c->mem + 0x10000, prog, n), 0);
    ck_assert_uint_eq(c->psw.ia, 0x10000);
    done(c);
    free(prog);
}
END_TEST

/* A 2314 cylinder holds 19 program tracks after track 0: 200000 bytes
   (28 records of 7294) go on to cylinder 1. The label stays R3. */
START_TEST(volume_loads_a_program_across_cylinders)
{
    char err[256];
    ck_assert(ckd_create(t_path("v.2314"), "2314", 3, err, sizeof err));
    struct ckd *k = ckd_open(t_path("v.2314"), false, err, sizeof err);
    ck_assert_msg(k, "%s", err);
    ck_assert(ipl_label_volume(k, "sys001", err, sizeof err));
    size_t n = 200000;
    uint8_t *prog = pattern(n);
    struct iplprog p = { .data = prog, .size = n, .load = 0x20000 };
    ipl_default_psw(p.psw, 0x20000);
    ck_assert_msg(ipl_write_volume(&p, k, err, sizeof err), "%s", err);
    /* Track 0: R0, IPL1, IPL2, VOL1. */
    struct ckd_info in;
    ckd_info(k, &in);
    const uint8_t *t = ckd_track(k, 0, 0);
    unsigned pos = 0, recs = 0;
    struct ckd_rec r;
    bool end;
    while (ckd_next_record(t, in.trksize, &pos, &r, &end) && !end) recs++;
    ck_assert(end);
    ck_assert_uint_eq(recs, 4);
    ck_assert_uint_eq(r.rec, 3);
    ck_assert_int_eq(memcmp(r.data, "\xE5\xD6\xD3\xF1\xE2\xE8\xE2\xF0\xF0\xF1", 10), 0);   /* VOL1SYS001 */
    ck_assert(ckd_close_volume(k));
    char *argv[] = { (char *)t_path("v.2314") };
    struct cpu *c = ipl("2314", 0x190, 1, argv);
    ck_assert_int_eq(memcmp(c->mem + 0x20000, prog, n), 0);
    ck_assert_uint_eq(c->psw.ia, 0x20000);
    done(c);
    free(prog);
}
END_TEST

/* Writing the IPL program again replaces IPL1 and IPL2 and keeps the
   records after them on track 0 (the label, and R4). */
START_TEST(volume_ipl_again_keeps_other_records)
{
    char err[256];
    ck_assert(ckd_create(t_path("v.3330"), "3330", 1, err, sizeof err));
    struct ckd *k = ckd_open(t_path("v.3330"), false, err, sizeof err);
    ck_assert(ipl_label_volume(k, "A", err, sizeof err));
    struct ckd_info in;
    ckd_info(k, &in);
    uint8_t *t = ckd_track(k, 0, 0);
    unsigned pos = 0;
    struct ckd_rec r;
    bool end;
    while (ckd_next_record(t, in.trksize, &pos, &r, &end) && !end) {}
    const uint8_t r4[12] = { 0, 0, 0, 0, 4, 0, 0, 4, 0xC1, 0xC2, 0xC3, 0xC4 };
    memcpy(t + pos, r4, sizeof r4);
    memset(t + pos + sizeof r4, 0xFF, 8);
    ck_assert(ckd_track_write(k));
    uint8_t *prog = pattern(64);
    struct iplprog p = { .data = prog, .size = 64, .load = 0x1000 };
    ipl_default_psw(p.psw, 0x1000);
    ck_assert(ipl_write_volume(&p, k, err, sizeof err));
    p.size = 40;
    ck_assert(ipl_write_volume(&p, k, err, sizeof err));
    t = ckd_track(k, 0, 0);
    pos = 0;
    unsigned seen = 0;
    while (ckd_next_record(t, in.trksize, &pos, &r, &end) && !end) seen = seen * 10 + r.rec;
    ck_assert_uint_eq(seen, 1234);   /* R0 R1 R2 R3 R4 */
    ck_assert_uint_eq(r.dlen, 4);
    ck_assert(ckd_close_volume(k));
    char *argv[] = { (char *)t_path("v.3330") };
    struct cpu *c = ipl("3330", 0x190, 1, argv);
    ck_assert_int_eq(memcmp(c->mem + 0x1000, prog, 40), 0);
    ck_assert_uint_eq(c->mem[0x1000 + 40], 0x07);   /* IPL2 just after it: seek */
    done(c);
    free(prog);
}
END_TEST

/* A program loaded at 0 carries the IPL PSW in its first doubleword; a
   given PSW replaces it there. */
START_TEST(program_at_zero_gets_the_ipl_psw)
{
    uint8_t prog[0x300] = { 0 };
    const uint8_t own[8] = { 0x00, 0x02, 0, 0, 0, 0, 0x02, 0x00 };   /* wait at 200 */
    memcpy(prog, own, 8);
    prog[0x2FF] = 0x5A;
    struct iplprog p = { .data = prog, .size = sizeof prog, .load = 0 };
    memcpy(p.psw, own, 8);
    char err[256];
    ck_assert(ipl_write_tape(&p, t_path("a.aws"), err, sizeof err));
    char *argv[] = { (char *)t_path("a.aws") };
    struct cpu *c = ipl("3420", 0x180, 1, argv);
    ck_assert(c->psw.wait);
    ck_assert_uint_eq(c->psw.ia, 0x200);
    ck_assert_uint_eq(c->mem[0x2FF], 0x5A);
    done(c);
    const uint8_t given[8] = { 0x00, 0x02, 0, 0, 0, 0, 0x02, 0x80 };
    memcpy(p.psw, given, 8);
    ck_assert(ipl_write_deck(&p, t_path("a.deck"), NULL, err, sizeof err));
    char *argv2[] = { (char *)t_path("a.deck"), "ebcdic" };
    c = ipl("3505", 0x00C, 2, argv2);
    ck_assert_uint_eq(c->psw.ia, 0x280);
    done(c);
}
END_TEST

START_TEST(volume_layer_refuses_bad_headers)
{
    char err[256];
    FILE *f = fopen(t_path("short"), "wb");
    fputs("CKD_P370", f);
    fclose(f);
    ck_assert_ptr_null(ckd_open(t_path("short"), true, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "too short"));
    ck_assert(ckd_create(t_path("v.3350"), "3350", 1, err, sizeof err));
    f = fopen(t_path("v.3350"), "r+b");
    fseek(f, 16, SEEK_SET);
    fputc(0x77, f);   /* no such device type */
    fclose(f);
    ck_assert_ptr_null(ckd_open(t_path("v.3350"), true, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "unknown device type X'77'"));
    /* An empty program and one beyond 16 MB are refused. */
    struct iplprog p = { .data = (const uint8_t *)"", .size = 0, .load = 0x1000 };
    ck_assert(!ipl_write_tape(&p, t_path("x.aws"), err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "empty"));
    p.size = 16;
    p.load = 0xFFFFF8;
    ck_assert(!ipl_write_deck(&p, t_path("x.deck"), NULL, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "16 MB"));
    ck_assert_int_ne(access(t_path("x.deck"), F_OK), 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("iplmedia");
    TCase *tc = tcase_create("iplmedia");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, deck_loads_a_program_of_many_cards);
    tcase_add_test(tc, tape_loads_a_program_of_many_blocks);
    tcase_add_test(tc, volume_loads_a_program_across_cylinders);
    tcase_add_test(tc, volume_ipl_again_keeps_other_records);
    tcase_add_test(tc, program_at_zero_gets_the_ipl_psw);
    tcase_add_test(tc, volume_layer_refuses_bad_headers);
    tcase_set_timeout(tc, 60);
    suite_add_tcase(s, tc);
    return t_main(s);
}
