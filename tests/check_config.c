/* The configuration file and the host command console. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "harness.h"
#include "machine.h"

static char dir[64];

static const char *in_dir(const char *name)
{
    static char buf[4][160];
    static int n;
    char *p = buf[n++ & 3];
    snprintf(p, 160, "%s/%s", dir, name);
    return p;
}

static void put_file(const char *name, const char *text)
{
    FILE *f = fopen(in_dir(name), "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

static void setup(void)
{
    strcpy(dir, "/tmp/s370cfgXXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    ck_assert_int_eq(system(cmd), 0);
}

/* Load a configuration given as text; messages go to *msgs. */
static struct machine *load(const char *text, bool strict, char **msgs)
{
    put_file("cfg", text);
    size_t n;
    FILE *m = open_memstream(msgs, &n);
    struct machine *mach = machine_load(in_dir("cfg"), strict, true, m);
    fclose(m);
    return mach;
}

static char *command(struct machine *m, const char *line)
{
    char *out;
    size_t n;
    FILE *f = open_memstream(&out, &n);
    console_command(m, line, f);
    fclose(f);
    return out;
}

START_TEST(good_configuration)
{
    put_file("deck", "CARD\n");
    char text[1024], *msgs;
    snprintf(text, sizeof text,
             "# a machine\n"
             "ARCHMODE S/370\nNUMCPU 1\nMAINSIZE 4   # megabytes\n"
             "CPUSERIAL 012345\nCPUMODEL 3033\nCNSLPORT 3270\nIODELAY 10\n"
             "000C 3505 %s ascii eof\n000D 3525 %s ascii\n000E 1403 %s\n",
             in_dir("deck"), in_dir("punch"), in_dir("print"));
    struct machine *m = load(text, true, &msgs);
    ck_assert_msg(m != NULL, "%s", msgs);
    ck_assert_str_eq(msgs, "");
    ck_assert_uint_eq(m->mainsize, 4u << 20);
    ck_assert_uint_eq(m->cpu->memsize, 4u << 20);
    ck_assert_uint_eq(m->cnslport, 3270);
    ck_assert_uint_eq(m->cs->delay, 10);
    ck_assert_uint_eq(m->cpu->cpuid_hi & 0xFFFFFF, 0x012345);
    ck_assert_uint_eq(m->cpu->cpuid_lo >> 16, 0x3033);
    ck_assert_uint_eq(m->cs->ndev, 3);
    ck_assert_uint_eq(chsys_find(m->cs, 0x00E)->type, 0x1403);
    ck_assert(access(in_dir("punch"), F_OK) == 0);
    machine_free(m);
    free(msgs);
}
END_TEST

static const struct { const char *text, *msg; } bad_configs[] = {
    { "MAINSIZE 2\nMAINSIZE lots\n", "cfg:2: MAINSIZE" },
    { "NUMCPU x\n", "cfg:1: NUMCPU wants" },
    { "ARCHMODE ESA/390\n", "cfg:1: ARCHMODE" },
    { "\n\n000C 9999 x\n", "cfg:3: unknown device type 9999" },
    { "000D 3525\n", "cfg:1: 00D 3525: the punch needs an output file" },
    { "0130 3350 /nonexistent/vol\n", "cfg:1: 130 3350: cannot open /nonexistent/vol" },
    { "000C 3505 * ascii\n000C 3505 *\n", "cfg:2: device 00C is defined twice" },
    { "000C 3505 * sideways\n", "cfg:1: 00C 3505: unknown option sideways" },
    { "1:000C 3505 *\n", "cfg:1: device address 1:000C: channel set 1" },
    { "1000 3505 *\n", "cfg:1: device address 1000" },
};

START_TEST(bad_line_names_file_and_line)
{
    char *msgs;
    struct machine *m = load(bad_configs[_i].text, false, &msgs);
    ck_assert_ptr_null(m);
    ck_assert_msg(strstr(msgs, bad_configs[_i].msg) != NULL, "got: %s", msgs);
    free(msgs);
}
END_TEST

START_TEST(unknown_statement_warns_or_fails_when_strict)
{
    char *msgs;
    struct machine *m = load("LPARNAME TEST\nMAINSIZE 2\n", false, &msgs);
    ck_assert_ptr_nonnull(m);
    ck_assert_ptr_nonnull(strstr(msgs, "cfg:1: warning: statement LPARNAME"));
    machine_free(m);
    free(msgs);
    m = load("LPARNAME TEST\n", true, &msgs);
    ck_assert_ptr_null(m);
    free(msgs);
}
END_TEST

START_TEST(console_commands)
{
    char *msgs, *out;
    struct machine *m = load("MAINSIZE 1\n0001 TESTDEV\n", false, &msgs);
    ck_assert_msg(m != NULL, "%s", msgs);
    free(msgs);
    t_put(m->cpu, 0x10, "C1C2C3C4 00000000 00000000 00000001");
    m->cpu->gr[5] = 0x12345678;
    out = command(m, "r 10.10");
    ck_assert_str_eq(out, "R:000010 C1C2C3C4 00000000 00000000 00000001 *ABCD............*\n");
    free(out);
    out = command(m, "r 10-13");
    ck_assert_str_eq(out, "R:000010 C1C2C3C4                            *ABCD*\n");
    free(out);
    out = command(m, "gpr");
    ck_assert_ptr_nonnull(strstr(out, "GR05=12345678"));
    free(out);
    out = command(m, "psw");
    ck_assert_str_eq(out, "PSW=00000000 00000000\n");
    free(out);
    out = command(m, "devlist");
    ck_assert_str_eq(out, "001 0001 test device, 0 commands\n");
    free(out);
    out = command(m, "r FFFFFF");
    ck_assert_ptr_nonnull(strstr(out, "beyond storage"));
    free(out);
    out = command(m, "frobnicate");
    ck_assert_ptr_nonnull(strstr(out, "unknown command"));
    free(out);
    out = command(m, "devinit 001 x");
    ck_assert_str_eq(out, "devinit 001: not a card reader\n");
    free(out);
    out = command(m, "quit");
    ck_assert(m->quit);
    free(out);
    machine_free(m);
}
END_TEST

/* The whole front end path: IPL from a card deck given in the
   configuration, run until the loaded disabled wait PSW stops it. */
START_TEST(console_loop_ipl_to_disabled_wait)
{
    uint8_t card[80] = { 0x00, 0x02, 0, 0, 0, 0, 0x0B, 0xAD,   /* PSW, then a NOP ending the chain */
                         0x03, 0, 0, 0, 0, 0, 0, 1 };
    FILE *f = fopen(in_dir("deck"), "wb");
    fwrite(card, 1, 80, f);
    fclose(f);
    char text[256], *msgs;
    snprintf(text, sizeof text, "MAINSIZE 1\n000C 3505 %s ebcdic\n", in_dir("deck"));
    struct machine *m = load(text, false, &msgs);
    ck_assert_msg(m != NULL, "%s", msgs);
    free(msgs);
    int p[2];
    ck_assert_int_eq(pipe(p), 0);
    const char *cmds = "ipl 00c\n";
    ck_assert_int_eq(write(p[1], cmds, strlen(cmds)), (ssize_t)strlen(cmds));
    close(p[1]);
    char *out;
    size_t n;
    FILE *o = open_memstream(&out, &n);
    volatile int stop = 0;
    console_loop(m, p[0], o, &stop);
    fclose(o);
    close(p[0]);
    ck_assert_msg(strstr(out, "IPL from 00C complete") != NULL, "%s", out);
    ck_assert_msg(strstr(out, "disabled wait state PSW=0002000C 00000BAD") != NULL, "%s", out);
    free(out);
    machine_free(m);
}
END_TEST

/* End to end: IPL a two-card deck whose program prints HELLO on the 1403
   with SIO, waits enabled for the interruption, then loads a disabled
   wait PSW. */
START_TEST(ipl_deck_prints_on_the_printer)
{
    uint8_t deck[160] = { 0 };
    static const uint8_t card1[16] = { 0, 0, 0, 0, 0, 0, 0x02, 0x00,   /* PSW: go to 200 */
                                       0x02, 0x00, 0x02, 0x00, 0, 0, 0, 0x50 };
    static const uint8_t card2[0x4D] = {
        0xD2, 0x07, 0x00, 0x78, 0x02, 0x28,   /* 200 MVC X'78'(8),X'228'  I/O new PSW */
        0xD2, 0x03, 0x00, 0x48, 0x02, 0x30,   /* 206 MVC X'48'(4),X'230'  CAW */
        0x9C, 0x00, 0x00, 0x0E,               /* 20C SIO X'00E' */
        0x82, 0x00, 0x02, 0x20,               /* 210 LPSW X'220'          enabled wait */
        0x82, 0x00, 0x02, 0x38,               /* 214 LPSW X'238'          done */
        0, 0, 0, 0, 0, 0, 0, 0,
        0xFE, 0x02, 0, 0, 0, 0, 0, 0,         /* 220 wait, channels 0-6 enabled */
        0, 0, 0, 0, 0, 0, 0x02, 0x14,         /* 228 I/O new PSW: 214 */
        0, 0, 0x02, 0x40, 0, 0, 0, 0,         /* 230 CAW */
        0, 0x02, 0, 0, 0, 0, 0xD0, 0xE0,      /* 238 disabled wait */
        0x09, 0x00, 0x02, 0x48, 0x20, 0, 0, 5,  /* 240 write, space 1 */
        0xC8, 0xC5, 0xD3, 0xD3, 0xD6,         /* 248 HELLO */
    };
    memcpy(deck, card1, sizeof card1);
    memcpy(deck + 80, card2, sizeof card2);
    FILE *f = fopen(in_dir("deck"), "wb");
    fwrite(deck, 1, sizeof deck, f);
    fclose(f);
    char text[512], *msgs;
    snprintf(text, sizeof text, "MAINSIZE 1\n000C 3505 %s ebcdic\n000E 1403 %s\n", in_dir("deck"),
             in_dir("print"));
    struct machine *m = load(text, false, &msgs);
    ck_assert_msg(m != NULL, "%s", msgs);
    free(msgs);
    int p[2];
    ck_assert_int_eq(pipe(p), 0);
    ck_assert_int_eq(write(p[1], "ipl c\n", 6), 6);
    close(p[1]);
    char *out;
    size_t n;
    FILE *o = open_memstream(&out, &n);
    volatile int stop = 0;
    console_loop(m, p[0], o, &stop);
    fclose(o);
    close(p[0]);
    ck_assert_msg(strstr(out, "disabled wait state PSW=00020000 0000D0E0") != NULL, "%s", out);
    free(out);
    machine_free(m);
    char printed[64] = "";
    f = fopen(in_dir("print"), "r");
    ck_assert_uint_eq(fread(printed, 1, sizeof printed - 1, f), 6);
    fclose(f);
    ck_assert_str_eq(printed, "HELLO\n");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("config");
    TCase *tc = tcase_create("config");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);   /* host files: slow on a loaded machine */
    tcase_add_test(tc, good_configuration);
    tcase_add_loop_test(tc, bad_line_names_file_and_line, 0, sizeof bad_configs / sizeof bad_configs[0]);
    tcase_add_test(tc, unknown_statement_warns_or_fails_when_strict);
    tcase_add_test(tc, console_commands);
    tcase_add_test(tc, console_loop_ipl_to_disabled_wait);
    tcase_add_test(tc, ipl_deck_prints_on_the_printer);
    suite_add_tcase(s, tc);
    return t_main(s);
}
