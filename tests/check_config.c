/* The configuration file and the host command console. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "cfgtext.h"
#include "cpu.h"
#include "devtest.h"
#include "machine.h"

static void put_file(const char *name, const char *text)
{
    t_write_file(t_path(name), text, strlen(text));
}

static void setup(void)
{
    t_tmp_make();
}

static void teardown(void)
{
    t_tmp_remove();
}

/* Load a configuration given as text; messages go to *msgs. */
static struct machine *load(const char *text, bool strict, char **msgs)
{
    put_file("cfg", text);
    size_t n;
    FILE *m = open_memstream(msgs, &n);
    struct machine *mach = machine_load(t_path("cfg"), strict, true, m);
    fclose(m);
    return mach;
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
             t_path("deck"), t_path("punch"), t_path("print"));
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
    ck_assert(access(t_path("punch"), F_OK) == 0);
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

/* Every Hercules statement with no meaning here: a warning naming the line
   and the statement, and the machine starts; --strict refuses them. */
static const char *const hercules_statements[] = {
    "ECPSVM NO", "PANRATE FAST", "PANTITLE \"My own private MAINFRAME!\"", "HTTP START",
    "HTTPROOT /usr/share/hercules/", "HTTPPORT 8081 NOAUTH", "LOGOPT TIMESTAMP", "CODEPAGE default",
    "XPNDSIZE 0", "LPARNAME HERCULES", "MAXCPU 8", "OSTAILOR VM", "PGMPRDOS RESTRICTED",
    "TIMERINT DEFAULT", "DEVTMAX 8", "LEGACYSENSEID OFF", "SHCMDOPT DISABLE", "MODPATH /usr/lib/hercules",
    "LDMOD dyncrypt", "DIAG8CMD ENABLE ECHO", "CCKD RA=2,RAQ=4,RAT=2,WR=2,GCINT=10", "HERCPRIO 0",
    "TODPRIO -20", "CPUVERID FD", "LOADPARM 0120....", "CONKPALV (3,1,10)", "AUTOMOUNT +/tapes",
};

START_TEST(hercules_statement_warns)
{
    char text[256], *msgs, want[128];
    snprintf(text, sizeof text, "ARCHMODE S/370\n%s\nMAINSIZE 2\n", hercules_statements[_i]);
    struct machine *m = load(text, false, &msgs);
    ck_assert_msg(m != NULL, "%s", msgs);
    char word[32];
    sscanf(hercules_statements[_i], "%31s", word);
    snprintf(want, sizeof want, "cfg:2: warning: statement %s does not apply here", word);
    ck_assert_msg(strstr(msgs, want) != NULL, "got: %s", msgs);
    ck_assert_ptr_null(strchr(strchr(msgs, '\n') + 1, '\n'));   /* one line */
    machine_free(m);
    free(msgs);
    ck_assert_ptr_null(load(text, true, &msgs));
    ck_assert_msg(strstr(msgs, "cfg:2: statement") != NULL, "got: %s", msgs);
    free(msgs);
}
END_TEST

/* What Hercules itself refuses stays an error with its line. */
static const struct { const char *text, *msg; } refused[] = {
    { "MAINSIZE 2\nFROBNICATE 1\n", "cfg:2: unknown statement FROBNICATE" },
    { "SYSEPOCH 1800\n", "cfg:1: SYSEPOCH" },
    { "YROFFSET 143\n", "cfg:1: YROFFSET" },
    { "SYSEPOCH 1900 -143\n", "cfg:1: SYSEPOCH: -143 is not a valid year offset" },
    { "TZOFFSET 2359\n", "cfg:1: TZOFFSET" },
    { "TZOFFSET +2400\n", "cfg:1: TZOFFSET" },
    { "INCLUDE /nonexistent/x.cnf\n", "cfg:1: INCLUDE: cannot open /nonexistent/x.cnf" },
    { "DEFSYM A \"unclosed\n", "cfg:1: a quoted word has no closing quote" },
    { "0C0-0BF 3505 *\n", "cfg:1: device address 0C0-0BF" },
    { "0FFF.2 3505 *\n", "cfg:1: device address 0FFF.2: S/370 device numbers" },
    { "0C0 FROB\n", "cfg:1: unknown device type FROB" },
};

START_TEST(hercules_refusals_are_errors)
{
    char *msgs;
    struct machine *m = load(refused[_i].text, false, &msgs);
    ck_assert_ptr_null(m);
    ck_assert_msg(strstr(msgs, refused[_i].msg) != NULL, "got: %s", msgs);
    free(msgs);
}
END_TEST

START_TEST(device_types_not_emulated_are_left_out)
{
    char *msgs;
    struct machine *m = load("0E40 CTCE 31880 192.168.1.202 32880\n0420.2 CTCI 192.168.200.1 192.168.200.2\n"
                             "0440.2 LCS -n /dev/net/tun 192.168.200.2\n0500 3088 CTCT\n0140 3370 dosres.140\n"
                             "000C 3505 *\n", false, &msgs);
    ck_assert_msg(m != NULL, "%s", msgs);
    ck_assert_ptr_nonnull(strstr(msgs, "cfg:1: warning: device type CTCE is not emulated here: 0E40 left out"));
    ck_assert_ptr_nonnull(strstr(msgs, "cfg:2: warning: device type CTCI is not emulated here: 0420.2 left out"));
    ck_assert_ptr_nonnull(strstr(msgs, "cfg:3: warning: device type LCS"));
    ck_assert_ptr_nonnull(strstr(msgs, "cfg:4: warning: device type 3088"));
    ck_assert_ptr_nonnull(strstr(msgs, "cfg:5: warning: device type 3370"));
    ck_assert_uint_eq(m->cs->ndev, 1);
    machine_free(m);
    free(msgs);
    ck_assert_ptr_null(load("0E40 CTCE 31880 192.168.1.202 32880\n", true, &msgs));
    free(msgs);
}
END_TEST

START_TEST(device_numbers_ranges_counts_lists)
{
    char *msgs;
    struct machine *m = load("00C 3505 *\n0:0D 3505 *\n0C0-0C3 3505 *\n0D0.3 3505 *\n0E0,0E2,0E4-0E5 3505 *\n"
                             "1 1052-C\n", false, &msgs);
    ck_assert_msg(m != NULL, "%s", msgs);
    ck_assert_str_eq(msgs, "");
    static const uint16_t want[] = { 0x00C, 0x00D, 0x0C0, 0x0C1, 0x0C2, 0x0C3, 0x0D0, 0x0D1, 0x0D2,
                                     0x0E0, 0x0E2, 0x0E4, 0x0E5, 0x001 };
    ck_assert_uint_eq(m->cs->ndev, sizeof want / sizeof want[0]);
    for (unsigned i = 0; i < sizeof want / sizeof want[0]; i++)
        ck_assert_msg(chsys_find(m->cs, want[i]) != NULL, "device %03X", want[i]);
    ck_assert_ptr_null(chsys_find(m->cs, 0x0E1));
    ck_assert_uint_eq(chsys_find(m->cs, 0x001)->type, 0x1052);
    machine_free(m);
    free(msgs);
}
END_TEST

/* INCLUDE, IGNORE INCLUDE_ERRORS, DEFSYM, environment and group symbols. */
START_TEST(include_and_symbols)
{
    char text[1024], *msgs;
    put_file("deck.00C0", "A\n");
    put_file("deck.00C1", "B\n");
    snprintf(text, sizeof text, "MAINSIZE 3\n000E 1403 %s\n", t_path("print"));
    put_file("devs.cnf", text);
    setenv("S370_TEST_DIR", t_tmpdir(), 1);
    snprintf(text, sizeof text,
             "DEFSYM DECKS \"$(S370_TEST_DIR)\"\n"
             "INCLUDE %s\n"
             "IGNORE INCLUDE_ERRORS\n"
             "INCLUDE %s/missing.cnf\n"
             "0C0-0C1 3505 $(DECKS)/deck.$(CCUU) ascii\n"
             "000D 3525 ${S370_NO_SUCH_VAR=%s/}punch.$(cuu) ascii\n",
             t_path("devs.cnf"), t_tmpdir(), t_tmpdir());
    struct machine *m = load(text, false, &msgs);
    ck_assert_msg(m != NULL, "%s", msgs);
    ck_assert_str_eq(msgs, "");   /* the missing file is ignored as asked */
    ck_assert_uint_eq(m->mainsize, 3u << 20);   /* from the included file */
    ck_assert_ptr_nonnull(chsys_find(m->cs, 0x00E));
    char desc[256];
    struct device *d = chsys_find(m->cs, 0x0C1);
    d->ops->describe(d, desc, sizeof desc);
    ck_assert_msg(strstr(desc, "/deck.00C1") != NULL, "%s", desc);
    ck_assert(access(t_path("punch.00d"), F_OK) == 0);
    machine_free(m);
    free(msgs);
    /* An error inside an included file names that file and its line. */
    put_file("bad.cnf", "\nNUMCPU lots\n");
    snprintf(text, sizeof text, "INCLUDE %s\n", t_path("bad.cnf"));
    ck_assert_ptr_null(load(text, false, &msgs));
    char want[256];
    snprintf(want, sizeof want, "%s:2: NUMCPU", t_path("bad.cnf"));
    ck_assert_msg(strstr(msgs, want) != NULL, "%s", msgs);
    free(msgs);
}
END_TEST

/* The clock statements under --deterministic (TOD starts at 2000-01-01):
   the offsets are whole calendar years counted from the clock's year, as
   Hercules counts them (tests/system/sysepoch.sh compares with Hercules). */
#define TOD_SEC(s) ((uint64_t)(s) * 1000000u * 4096u)
#define TOD_1970 0x7D91048BCA000000ull
static const struct { const char *stmt; uint64_t tod; } clocks[] = {
    { "MAINSIZE 2", TOD_1970 + TOD_SEC(946684800) },                      /* 2000-01-01 */
    { "YROFFSET -28", TOD_1970 + TOD_SEC(63072000) },                     /* 1972-01-01 */
    { "SYSEPOCH 1900 -28", TOD_1970 + TOD_SEC(63072000) },
    { "SYSEPOCH 1928", TOD_1970 + TOD_SEC(63072000) },
    { "SYSEPOCH 1960", TOD_1970 + TOD_SEC(946684800) - TOD_SEC(21914u * 86400u) },
    { "SYSEPOCH 1988", TOD_1970 + TOD_SEC(63072000) - TOD_SEC(21914u * 86400u) },
    { "YROFFSET +1", TOD_1970 + TOD_SEC(946684800 + 366 * 86400) },     /* 2000 is a leap year */
    { "TZOFFSET -0500", TOD_1970 + TOD_SEC(946684800 - 5 * 3600) },
    { "TZOFFSET +0130", TOD_1970 + TOD_SEC(946684800 + 90 * 60) },
};

START_TEST(clock_statements)
{
    char *msgs;
    struct machine *m = load(clocks[_i].stmt, false, &msgs);
    ck_assert_msg(m != NULL, "%s", msgs);
    ck_assert_uint_eq(timer_tod(m->cpu), clocks[_i].tod);
    machine_free(m);
    free(msgs);
}
END_TEST

/* Hercules' substitution rules, one pass: $$( stays, $$$(X) is $ and X's
   value, DEFSYM before the environment, ${X=default} from the environment
   only, a self-reference is empty. */
START_TEST(substitution_rules)
{
    struct cfgtext t = { 0 };
    char out[256];
    setenv("S370_T_ENV", "env", 1);
    setenv("S370_T_BOTH", "fromenv", 1);
    cfg_defsym(&t, "FOO", "BAR");
    cfg_defsym(&t, "S370_T_BOTH", "fromdefsym");
    static const char *const cases[][2] = {
        { "a $(FOO) b", "a BAR b" },
        { "$$(FOO)", "$$(FOO)" },
        { "$$$(FOO)", "$BAR" },
        { "$(S370_T_ENV)/x", "env/x" },
        { "$(S370_T_BOTH) ${S370_T_BOTH}", "fromdefsym fromenv" },
        { "${S370_T_UNSET=dasd/}v ${S370_T_UNSET:=d2/}w ${S370_T_UNSET}.", "dasd/v d2/w ." },
        { "$(S370_T_UNSET)x", "x" },
        { "vol.$(CUU) $(ccuu)", "vol.$(CUU) $(ccuu)" },
        { "$(FOO", "$(FOO" },
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ck_assert(cfg_substitute(&t, cases[i][0], -1, out, sizeof out));
        ck_assert_str_eq(out, cases[i][1]);
    }
    ck_assert(cfg_substitute(&t, "v.$(CUU).$(CCUU).$(cuu).$(ccuu)", 0x1AB, out, sizeof out));
    ck_assert_str_eq(out, "v.1AB.01AB.1ab.01ab");
    char line[] = "DEFSYM X \"a b # c\" # comment", *argv[8];
    ck_assert_int_eq(cfg_split(line, argv, 8), 3);
    ck_assert_str_eq(argv[2], "a b # c");
    cfg_close_all(&t);
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
    out = t_command(m, "r 10.10");
    ck_assert_str_eq(out, "R:000010 C1C2C3C4 00000000 00000000 00000001 *ABCD............*\n");
    free(out);
    out = t_command(m, "r 10-13");
    ck_assert_str_eq(out, "R:000010 C1C2C3C4                            *ABCD*\n");
    free(out);
    out = t_command(m, "gpr");
    ck_assert_ptr_nonnull(strstr(out, "GR05=12345678"));
    free(out);
    out = t_command(m, "psw");
    ck_assert_str_eq(out, "PSW=00000000 00000000\n");
    free(out);
    out = t_command(m, "devlist");
    ck_assert_str_eq(out, "001 0001 test device, 0 commands\n");
    free(out);
    out = t_command(m, "r FFFFFF");
    ck_assert_ptr_nonnull(strstr(out, "beyond storage"));
    free(out);
    out = t_command(m, "frobnicate");
    ck_assert_ptr_nonnull(strstr(out, "unknown command"));
    free(out);
    out = t_command(m, "devinit 001 x");
    ck_assert_str_eq(out, "devinit 001: this device type cannot be initialized again\n");
    free(out);
    out = t_command(m, "quit");
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
    FILE *f = fopen(t_path("deck"), "wb");
    fwrite(card, 1, 80, f);
    fclose(f);
    char text[256], *msgs;
    snprintf(text, sizeof text, "MAINSIZE 1\n000C 3505 %s ebcdic\n", t_path("deck"));
    struct machine *m = load(text, false, &msgs);
    ck_assert_msg(m != NULL, "%s", msgs);
    free(msgs);
    char *out = t_script(m, "ipl 00c\n");
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
    FILE *f = fopen(t_path("deck"), "wb");
    fwrite(deck, 1, sizeof deck, f);
    fclose(f);
    char text[512], *msgs;
    snprintf(text, sizeof text, "MAINSIZE 1\n000C 3505 %s ebcdic\n000E 1403 %s\n", t_path("deck"),
             t_path("print"));
    struct machine *m = load(text, false, &msgs);
    ck_assert_msg(m != NULL, "%s", msgs);
    free(msgs);
    char *out = t_script(m, "ipl c\n");
    ck_assert_msg(strstr(out, "disabled wait state PSW=00020000 0000D0E0") != NULL, "%s", out);
    free(out);
    machine_free(m);
    char printed[64] = "";
    f = fopen(t_path("print"), "r");
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
    tcase_add_loop_test(tc, hercules_statement_warns, 0,
                        sizeof hercules_statements / sizeof hercules_statements[0]);
    tcase_add_loop_test(tc, hercules_refusals_are_errors, 0, sizeof refused / sizeof refused[0]);
    tcase_add_test(tc, device_types_not_emulated_are_left_out);
    tcase_add_test(tc, device_numbers_ranges_counts_lists);
    tcase_add_test(tc, include_and_symbols);
    tcase_add_test(tc, substitution_rules);
    tcase_add_loop_test(tc, clock_statements, 0, sizeof clocks / sizeof clocks[0]);
    tcase_add_test(tc, console_commands);
    tcase_add_test(tc, console_loop_ipl_to_disabled_wait);
    tcase_add_test(tc, ipl_deck_prints_on_the_printer);
    suite_add_tcase(s, tc);
    return t_main(s);
}
