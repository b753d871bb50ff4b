/* The host console's commands and its one-instruction-at-a-time run
   (devices/concmds.c, devices/trace.c), on machines built from a
   configuration. tests/system/console.sh drives the same through build/s370. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "devtest.h"
#include "machine.h"
#include "cpu.h"

static void setup(void)
{
    t_tmp_make();
}

static void teardown(void)
{
    t_tmp_remove();
}

static struct machine *machine(const char *text)
{
    t_write_file(t_path("cfg"), text, strlen(text));
    struct machine *m = machine_load(t_path("cfg"), false, true, stderr);
    ck_assert_ptr_nonnull(m);
    return m;
}

#define HAS(out, text) ck_assert_msg(strstr(out, text) != NULL, "want \"%s\" in:\n%s", text, out)

/* A step after the interrupt key shows and executes the first instruction
   of the external interruption handler, not the interrupted one. */
START_TEST(step_after_an_interruption)
{
    struct machine *m = machine("MAINSIZE 1\n");
    char *out = t_script(m,
        "r 0=0100000000000800\n"          /* restart new PSW: external enabled, 800 */
        "r 58=0000000000000900\n"         /* external new PSW: disabled, 900 */
        "r 800=47F00800\n"                /* 800: B 800 */
        "r 900=1B1100000000\n"            /* 900: SR 1,1 then an invalid opcode */
        "r 68=000200000000EEEE\n"
        "cr 0=00000040\n"                 /* the interrupt key only */
        "restart\ns 1\nwaitstop\n"
        "ext\ns 1\nwaitstop\n"
        "r 18.8\npsw\ns 2\nwaitstop\n");
    HAS(out, "000800 47F00800     BC      15,2048(0,0)");
    HAS(out, "000900 1B11         SR      1,1");
    HAS(out, "stopped after 1 instruction; PSW=00000000 00000902");
    HAS(out, "R:000018 01000040 00000800");
    HAS(out, "*** restart interruption, old PSW 00000000 00000000\n000800 47F00800");
    HAS(out, "*** external interruption code 0040, old PSW 01000040 00000800\n000900 1B11");
    HAS(out, "*** program interruption code 0001, old PSW 00000001 40000904\n");
    HAS(out, "disabled wait state PSW=00020000 0000EEEE");
    ck_assert_ptr_null(strstr(out, "000800 47F00800     BC      15,2048(0,0)\n000800"));
    free(out);
    machine_free(m);
}
END_TEST

/* v reads through the tables without reference bits, cache entries or
   interruptions. */
START_TEST(virtual_display_changes_nothing)
{
    struct machine *m = machine("MAINSIZE 1\n");
    struct cpu *c = m->cpu;
    free(t_command(m, "cr 0=00800000"));
    free(t_command(m, "cr 1=00002000"));
    free(t_command(m, "r 2000=F000300000000001"));
    free(t_command(m, "r 3000=00500008"));
    free(t_command(m, "r 5000=C1C2C3C4"));
    uint8_t psw[8] = { 0x04, 0x08, 0, 0, 0, 0, 0x10, 0 };   /* EC, DAT on */
    cpu_load_psw(c, psw);
    size_t nkeys = c->memsize / BLOCK_SIZE;
    uint8_t *keys = malloc(nkeys);
    memcpy(keys, c->keys, nkeys);
    struct tlbe tlb[TLB_SIZE];
    memcpy(tlb, c->tlb_r, sizeof tlb);
    uint8_t low[0x100];
    memcpy(low, c->mem, sizeof low);
    char *out = t_command(m, "v 0.4");
    HAS(out, "V:000000 R:005000 C1C2C3C4");
    free(out);
    out = t_command(m, "v 1000.10");
    HAS(out, "v: 001000: page-translation exception");
    free(out);
    out = t_command(m, "v 100000");
    HAS(out, "v: 100000: segment-translation exception");
    free(out);
    ck_assert_int_eq(memcmp(keys, c->keys, nkeys), 0);
    ck_assert_int_eq(memcmp(tlb, c->tlb_r, sizeof tlb), 0);
    ck_assert_int_eq(memcmp(low, c->mem, sizeof low), 0);   /* no old PSW, no code */
    free(keys);
    machine_free(m);
}
END_TEST

/* detach takes a device with a pending interruption out of the queue. */
START_TEST(detach_a_device_with_an_interruption_pending)
{
    struct machine *m = machine("MAINSIZE 1\n0009 3215\n");
    free(t_command(m, "/hello"));    /* no read waiting: attention pending */
    ck_assert(m->cpu->intr & INTR_IO);
    ck_assert_uint_eq(m->cs->nqueue, 1);
    char *out = t_command(m, "detach 009");
    HAS(out, "009 detached");
    free(out);
    ck_assert_uint_eq(m->cs->nqueue, 0);
    ck_assert(!(m->cpu->intr & INTR_IO));
    ck_assert_ptr_null(chsys_find(m->cs, 9));
    out = t_command(m, "attach 009 3215");
    HAS(out, "009 3215 attached");
    free(out);
    ck_assert_ptr_nonnull(chsys_find(m->cs, 9));
    machine_free(m);
}
END_TEST

/* A symbol map names trace addresses; bad maps are refused. */
START_TEST(symbol_map)
{
    struct machine *m = machine("MAINSIZE 1\n");
    char map[128], line[200];
    snprintf(map, sizeof map, "%s/map", t_tmpdir());
    FILE *f = fopen(map, "w");
    fputs("* asm370 symbol map\n000800 SD MAIN     000010\n000800 LB START\n000804 LB NEXT\n", f);
    fclose(f);
    snprintf(line, sizeof line, "sym %s", map);
    char *out = t_command(m, line);
    HAS(out, "3 symbols from");
    free(out);
    free(t_command(m, "r 800=1B111B22"));
    out = t_command(m, "b 802");
    HAS(out, "breakpoints: 000802(START+X'2')");
    free(out);
    f = fopen(map, "w");
    fputs("garbage\n", f);
    fclose(f);
    out = t_command(m, line);
    HAS(out, "map:1: want ADDRESS TYPE NAME");
    free(out);
    out = t_command(m, "b");
    HAS(out, "000802(START+X'2')");   /* the old map stays */
    free(out);
    machine_free(m);
}
END_TEST

/* Every command with odd arguments answers something and breaks nothing
   (run under ASan/UBSan too). */
START_TEST(odd_arguments)
{
    struct machine *m = machine("MAINSIZE 1\n000C 3505 *\n0009 3215\n");
    static const char *args[] = { "", "0", "FFFFFF", "1000000", "=", "1=", "=1", "-1", "ZZ", ".",
                                  "1.", ".1", "1-", "-", "0.0", "FFFFF0.100", "FFF=00", "15=FFFFFFFFF",
                                  "6=0123456789ABCDEF", "00C", "FFF", "12345", "3505 x y z", "0 0 0",
                                  "3=", "0x10", "+1", "999999999999999999999" };
    char line[128];
    for (unsigned i = 0; console_command_name(i); i++) {
        const char *name = console_command_name(i);
        if (!strcmp(name, "quit") || !strcmp(name, "exit") || !strcmp(name, "t+") ||
            !strcmp(name, "waitstop"))
            continue;
        for (size_t j = 0; j < sizeof args / sizeof args[0]; j++) {
            snprintf(line, sizeof line, "%s %s", name, args[j]);
            free(t_command(m, line));
        }
    }
    char *out = t_command(m, "psw");
    HAS(out, "PSW=");
    free(out);
    char *big = malloc(5000);
    memset(big, 'r', 4999);
    big[4999] = 0;
    out = t_command(m, big);
    HAS(out, "command line too long");
    free(out);
    free(big);
    ck_assert(!m->quit);
    machine_free(m);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("console");
    TCase *tc = tcase_create("console");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, step_after_an_interruption);
    tcase_add_test(tc, virtual_display_changes_nothing);
    tcase_add_test(tc, detach_a_device_with_an_interruption_pending);
    tcase_add_test(tc, symbol_map);
    tcase_add_test(tc, odd_arguments);
    suite_add_tcase(s, tc);
    return t_main(s);
}
