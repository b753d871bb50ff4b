/*
 * main.c - the s370 front end.
 *
 *   s370 run --load FILE@ADDR ... --psw PSW16 [--mainsize SIZE] [--limit N]
 *            [--deterministic] [--dump ADDR:LEN ...]
 * runs a bare program (the standalone mode of DESIGN.md section 3); ADDR and
 * LEN are hexadecimal, SIZE is bytes with an optional K or M suffix.
 *
 *   s370 -f CONFIG [--tn3270 HOST:PORT] [--ipl CUU] [--headless | --panel] [--strict] [--deterministic]
 * builds the machine a configuration file describes and operates it from
 * the host command console: readline on a terminal (with --panel the
 * full-screen operator panel), lines on stdin with --headless or when stdin
 * or stdout is not a terminal (docs/operator.md).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include "cpu.h"
#include "machine.h"
#include "tn3270.h"

#define MAX_ITEMS 64

struct load { const char *file; uint32_t addr; };
struct dump { uint32_t addr, len; };

static int usage(const char *msg, const char *arg)
{
    fprintf(stderr, "s370: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
    fprintf(stderr, "usage: s370 run --load FILE@ADDR [--load FILE@ADDR ...] --psw PSW16\n"
                    "                [--mainsize SIZE] [--limit N] [--deterministic] [--dump ADDR:LEN ...]\n"
                    "       s370 -f CONFIG [--tn3270 HOST:PORT] [--ipl CUU] [--headless | --panel] [--strict] [--deterministic]\n");
    return 3;
}

static bool parse_hex(const char *s, uint64_t max, uint64_t *out)
{
    char *end;
    if (!*s) return false;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 16);
    if (errno || *end || v > max) return false;
    *out = v;
    return true;
}

static bool parse_size(const char *s, uint32_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s) return false;
    if (*end == 'K' || *end == 'k') v <<= 10, end++;
    else if (*end == 'M' || *end == 'm') v <<= 20, end++;
    if (*end || v == 0 || v > 16u << 20) return false;
    *out = (uint32_t)v;
    return true;
}

static int load_file(struct cpu *c, const struct load *l)
{
    FILE *f = fopen(l->file, "rb");
    if (!f) {
        fprintf(stderr, "s370: cannot open %s: %s\n", l->file, strerror(errno));
        return 3;
    }
    uint32_t addr = l->addr;
    int ch;
    while ((ch = fgetc(f)) != EOF) {
        if (addr >= c->memsize) {
            fprintf(stderr, "s370: %s does not fit in storage at %06" PRIX32 "\n", l->file, l->addr);
            fclose(f);
            return 3;
        }
        c->mem[addr++] = (uint8_t)ch;
    }
    fclose(f);
    return 0;
}

static void report(struct cpu *c, const struct dump *dumps, int ndumps)
{
    static const char *stops[] = { "NONE", "WAIT", "LIMIT", "CHECKSTOP", "STOPPED" };
    uint8_t psw[8];
    cpu_store_psw(c, psw, c->psw.bc_code, c->psw.bc_ilc);
    printf("STOP %s\n", stops[c->stop]);
    printf("PSW %02X%02X%02X%02X %02X%02X%02X%02X\n", psw[0], psw[1], psw[2], psw[3], psw[4],
           psw[5], psw[6], psw[7]);
    printf("INSNS %" PRIu64 "\n", c->insns);
    for (int i = 0; i < 16; i++) printf("GR%d %08" PRIX32 "\n", i, c->gr[i]);
    for (int i = 0; i < 8; i += 2) printf("FPR%d %016" PRIX64 "\n", i, c->fpr[i]);
    for (int i = 0; i < 16; i++) printf("CR%d %08" PRIX32 "\n", i, c->cr[i]);
    for (int i = 0; i < ndumps; i++) {
        printf("STORAGE %06" PRIX32 " ", dumps[i].addr);
        for (uint32_t j = 0; j < dumps[i].len; j++) printf("%02X", c->mem[dumps[i].addr + j]);
        printf("\n");
    }
}

static int cmd_run(int argc, char **argv)
{
    struct load loads[MAX_ITEMS];
    struct dump dumps[MAX_ITEMS];
    int nloads = 0, ndumps = 0;
    uint32_t mainsize = 16u << 20;
    uint64_t limit = 0, pswv = 0;
    bool have_psw = false, deterministic = false;

    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--deterministic")) {
            deterministic = true;
            continue;
        }
        if (strcmp(a, "--load") && strcmp(a, "--psw") && strcmp(a, "--mainsize") &&
            strcmp(a, "--limit") && strcmp(a, "--dump"))
            return usage("unknown argument", a);
        if (!v) return usage("missing value after", a);
        i++;
        if (!strcmp(a, "--load")) {
            const char *at = strrchr(v, '@');
            uint64_t addr;
            if (!at || at == v || !parse_hex(at + 1, 0xFFFFFF, &addr))
                return usage("--load wants FILE@HEXADDR", v);
            if (nloads == MAX_ITEMS) return usage("too many --load options", NULL);
            loads[nloads].file = strndup(v, (size_t)(at - v));
            loads[nloads++].addr = (uint32_t)addr;
        } else if (!strcmp(a, "--psw")) {
            if (strlen(v) != 16 || !parse_hex(v, UINT64_MAX, &pswv))
                return usage("--psw wants 16 hexadecimal digits", v);
            have_psw = true;
        } else if (!strcmp(a, "--mainsize")) {
            if (!parse_size(v, &mainsize)) return usage("--mainsize wants bytes with K or M, at most 16M", v);
        } else if (!strcmp(a, "--limit")) {
            char *end;
            errno = 0;
            limit = strtoull(v, &end, 10);
            if (errno || *end || end == v || limit == 0) return usage("--limit wants a positive count", v);
        } else {
            const char *colon = strchr(v, ':');
            uint64_t addr, len;
            char abuf[16];
            if (!colon || colon - v >= (long)sizeof abuf) return usage("--dump wants HEXADDR:HEXLEN", v);
            memcpy(abuf, v, (size_t)(colon - v));
            abuf[colon - v] = 0;
            if (!parse_hex(abuf, 0xFFFFFF, &addr) || !parse_hex(colon + 1, 0x1000000, &len) || len == 0)
                return usage("--dump wants HEXADDR:HEXLEN", v);
            if (ndumps == MAX_ITEMS) return usage("too many --dump options", NULL);
            dumps[ndumps].addr = (uint32_t)addr;
            dumps[ndumps++].len = (uint32_t)len;
        }
    }
    if (!have_psw) return usage("--psw is required", NULL);
    for (int i = 0; i < ndumps; i++)
        if ((uint64_t)dumps[i].addr + dumps[i].len > mainsize) return usage("--dump beyond storage", NULL);

    struct cpu *c = cpu_new(mainsize);
    if (!c) {
        fprintf(stderr, "s370: out of memory\n");
        return 3;
    }
    timer_init(c, deterministic);
    for (int i = 0; i < nloads; i++) {
        int rc = load_file(c, &loads[i]);
        if (rc) return rc;
    }
    uint8_t psw[8];
    for (int i = 0; i < 8; i++) psw[i] = (uint8_t)(pswv >> (56 - 8 * i));
    cpu_load_psw(c, psw);
    c->limit = limit;
    cpu_run(c);
    report(c, dumps, ndumps);
    int rc = c->stop == STOP_WAIT ? 0 : c->stop == STOP_LIMIT ? 1 : 2;
    cpu_free(c);
    return rc;
}

/* The one piece of process state: a signal handler can reach nothing else.
   SIGTERM and SIGHUP end the run (devices flushed); SIGINT (Ctrl-C) only
   cancels the console's current command. */
static volatile int stop_signal, intr_signal;

static void on_signal(int sig)
{
    if (sig == SIGINT) intr_signal = 1;
    else stop_signal = sig;
}

static int cmd_config(int argc, char **argv)
{
    const char *config = NULL, *tn_arg = NULL;
    long ipl = -1;
    bool strict = false, deterministic = false, headless = !isatty(0) || !isatty(1), panel = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--headless")) headless = true;
        else if (!strcmp(a, "--panel")) panel = true;
        else if (!strcmp(a, "--strict")) strict = true;
        else if (!strcmp(a, "--deterministic")) deterministic = true;
        else if (!strcmp(a, "-f") || !strcmp(a, "--ipl") || !strcmp(a, "--tn3270")) {
            if (!v) return usage("missing value after", a);
            i++;
            if (!strcmp(a, "-f")) {
                config = v;
            } else if (!strcmp(a, "--ipl")) {
                uint64_t dev;
                if (strlen(v) > 4 || !parse_hex(v, 0xFFF, &dev)) return usage("--ipl wants a device address", v);
                ipl = (long)dev;
            } else {
                tn_arg = v;
            }
        } else {
            return usage("unknown argument", a);
        }
    }
    if (!config) return usage("-f CONFIG is required", NULL);
    if (panel && headless) {
        fprintf(stderr, "s370: --panel needs a terminal on stdin and stdout (and no --headless): no panel\n");
        panel = false;
    }
    struct machine *m = machine_load(config, strict, deterministic, stderr);
    if (!m) {
        fprintf(stderr, "s370: %s: the machine was not started\n", config);
        return 3;
    }
    struct tn3270 *tn;
    if (!tn3270_configure(m, tn_arg, &tn, stderr)) {
        machine_free(m);
        return 3;
    }
    struct sigaction sa = { .sa_handler = on_signal };
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    if (ipl >= 0) {
        char cmd[32];
        snprintf(cmd, sizeof cmd, "ipl %03lX", ipl);
        console_command(m, cmd, stdout);
    }
    int rc;
    if (headless) rc = console_headless(m, 0, stdout, &stop_signal, &intr_signal);
    /* The command panel switches between the line console and the panel. */
    else while ((rc = panel ? console_panel(m, &stop_signal, &intr_signal)
                            : console_interactive(m, &stop_signal, &intr_signal)) == CONSOLE_SWITCH)
        panel = !panel;
    if (stop_signal) printf("signal %d: devices flushed, ending\n", stop_signal);
    tn3270_stop(tn);
    machine_free(m);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && !strcmp(argv[1], "run")) return cmd_run(argc - 2, argv + 2);
    if (argc >= 2 && argv[1][0] == '-') return cmd_config(argc - 1, argv + 1);
    return usage("no mode given", NULL);
}
