/*
 * hostcons.c - the host command console: the operator's view of the
 * machine, one command a line (Hercules spelling where it has one).
 *
 *   ipl CUU          initial program load from a device
 *   start / stop     start or stop the CPU
 *   psw              display the PSW
 *   gpr              display the general registers
 *   r ADDR[.LEN]     display real storage (LEN bytes, default 64; hex)
 *   r ADDR-END       display real storage from ADDR to END
 *   devlist          the configured devices
 *   devinit CUU FILE give a card reader a new deck, or mount a tape
 *   quit / exit      flush the devices and end
 *   /text            type text on the (first) 3215 console
 *
 * The loop is single-threaded: the CPU runs in slices of instructions, and
 * between slices (or while the CPU is stopped or waiting) the console
 * input is polled, so the CPU loop itself never waits for the host.
 */
#include <ctype.h>
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "cpu.h"
#include "machine.h"

#define SLICE 1000000u        /* instructions between console polls */
#define IDLE_MS 10            /* how long an idle wait sleeps on input */

static void show_psw(struct machine *m, FILE *out)
{
    uint8_t b[8];
    cpu_store_psw(m->cpu, b, m->cpu->psw.bc_code, m->cpu->psw.bc_ilc);
    fprintf(out, "PSW=%02X%02X%02X%02X %02X%02X%02X%02X\n", b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]);
}

static void show_gpr(struct machine *m, FILE *out)
{
    for (int i = 0; i < 16; i++)
        fprintf(out, "GR%02d=%08X%s", i, m->cpu->gr[i], i % 4 == 3 ? "\n" : " ");
}

static bool parse_hex(const char *s, unsigned long max, unsigned long *v)
{
    char *end;
    if (!*s) return false;
    errno = 0;
    *v = strtoul(s, &end, 16);
    return !errno && !*end && *v <= max;
}

static void show_storage(struct machine *m, const char *arg, FILE *out)
{
    char a[32], b[32] = "";
    unsigned long start, len = 64, end;
    const char *sep = strpbrk(arg, ".-");
    size_t an = sep ? (size_t)(sep - arg) : strlen(arg);
    if (an == 0 || an >= sizeof a || (sep && strlen(sep + 1) >= sizeof b)) {
        fprintf(out, "r: want ADDR, ADDR.LEN or ADDR-END (hexadecimal)\n");
        return;
    }
    memcpy(a, arg, an);
    a[an] = 0;
    if (sep) strcpy(b, sep + 1);
    if (!parse_hex(a, 0xFFFFFF, &start) || (sep && !parse_hex(b, 0xFFFFFF, &end))) {
        fprintf(out, "r: want ADDR, ADDR.LEN or ADDR-END (hexadecimal)\n");
        return;
    }
    if (sep && *sep == '.') len = end;
    else if (sep) len = end >= start ? end - start + 1 : 0;
    if (start >= m->mainsize || len == 0) {
        fprintf(out, "r: address %06lX beyond storage\n", start);
        return;
    }
    if (start + len > m->mainsize) len = m->mainsize - start;
    if (len > 4096) len = 4096;
    for (unsigned long off = 0; off < len; off += 16) {
        char text[17];
        unsigned n = len - off < 16 ? (unsigned)(len - off) : 16;
        fprintf(out, "R:%06lX ", start + off);
        for (unsigned i = 0; i < 16; i++) {
            if (i < n) {
                uint8_t byte = m->cpu->mem[start + off + i];
                uint8_t ch = ebcdic_to_ascii[byte];
                fprintf(out, "%02X%s", byte, i % 4 == 3 ? " " : "");
                text[i] = isprint(ch) && ch < 0x7F ? (char)ch : '.';
            } else {
                fprintf(out, "  %s", i % 4 == 3 ? " " : "");
                text[i] = ' ';
            }
        }
        text[n] = 0;
        fprintf(out, "*%s*\n", text);
    }
}

static void devlist(struct machine *m, FILE *out)
{
    for (unsigned i = 0; i < m->cs->ndev; i++) {
        struct device *d = m->cs->dev[i];
        char desc[256] = "";
        if (d->ops->describe) d->ops->describe(d, desc, sizeof desc);
        fprintf(out, "%03X %04X %s%s\n", d->addr, d->type, desc,
                d->sc.working ? " busy" : d->sc.pending || d->sc.dev_pending ? " interrupt pending" : "");
    }
}

static bool parse_dev(const char *s, uint16_t *addr)
{
    unsigned long v;
    if (!s || strlen(s) > 4 || !parse_hex(s, 0xFFF, &v)) return false;
    *addr = (uint16_t)v;
    return true;
}

void console_command(struct machine *m, const char *line, FILE *out)
{
    char buf[512], *argv[4] = { 0 };
    int argc = 0;
    while (isspace((unsigned char)*line)) line++;
    if (*line == '/') {
        for (unsigned i = 0; i < m->cs->ndev; i++)
            if (con3215_is(m->cs->dev[i])) {
                con3215_input(m->cs->dev[i], line + 1);
                return;
            }
        fprintf(out, "no system console device (3215) is configured\n");
        return;
    }
    snprintf(buf, sizeof buf, "%s", line);
    for (char *p = strtok(buf, " \t\r\n"); p && argc < 4; p = strtok(NULL, " \t\r\n")) argv[argc++] = p;
    if (!argc) return;
    const char *cmd = argv[0];
    uint16_t dev;
    char err[256];
    if (!strcasecmp(cmd, "ipl")) {
        if (argc != 2 || !parse_dev(argv[1], &dev)) {
            fprintf(out, "ipl: want a device address\n");
        } else if (!chsys_ipl(m->cs, dev, err, sizeof err)) {
            fprintf(out, "%s\n", err);
            m->running = false;
        } else {
            fprintf(out, "IPL from %03X complete\n", dev);
            m->running = true;
        }
    } else if (!strcasecmp(cmd, "start")) {
        m->running = true;
        m->cpu->stop = STOP_NONE;
    } else if (!strcasecmp(cmd, "stop")) {
        m->running = false;
        fprintf(out, "CPU stopped; ");
        show_psw(m, out);
    } else if (!strcasecmp(cmd, "psw")) {
        show_psw(m, out);
    } else if (!strcasecmp(cmd, "gpr")) {
        show_gpr(m, out);
    } else if (!strcasecmp(cmd, "r")) {
        if (argc != 2) fprintf(out, "r: want ADDR, ADDR.LEN or ADDR-END (hexadecimal)\n");
        else show_storage(m, argv[1], out);
    } else if (!strcasecmp(cmd, "devlist")) {
        devlist(m, out);
    } else if (!strcasecmp(cmd, "devinit")) {
        struct device *d;
        if (argc != 3 || !parse_dev(argv[1], &dev) || !(d = chsys_find(m->cs, dev)))
            fprintf(out, "devinit: want a configured reader or tape address and a file\n");
        else if ((err[0] = 0, d->type == 0x3420 ? tape_load(d, argv[2], err, sizeof err)
                                                : cardrdr_load(d, argv[2], err, sizeof err)))
            fprintf(out, "%03X: %s loaded\n", dev, argv[2]);
        else
            fprintf(out, "devinit %03X: %s\n", dev, err);
    } else if (!strcasecmp(cmd, "quit") || !strcasecmp(cmd, "exit")) {
        m->quit = true;
    } else if (!strcasecmp(cmd, "help")) {
        fprintf(out, "commands: ipl CUU, start, stop, psw, gpr, r ADDR[.LEN|-END], devlist, "
                     "devinit CUU FILE, /text, quit\n");
    } else {
        fprintf(out, "unknown command %s (try help)\n", cmd);
    }
}

/* Run one slice of the CPU; returns false when it stopped for good. */
static bool run_slice(struct machine *m, FILE *out)
{
    struct cpu *c = m->cpu;
    c->stop = STOP_NONE;
    c->limit = c->insns + SLICE;
    cpu_run(c);
    c->limit = 0;
    switch (c->stop) {
    case STOP_LIMIT: return true;
    case STOP_WAIT:
        if (!cpu_disabled_wait(c)) return true;   /* enabled wait: idle until input */
        fprintf(out, "disabled wait state ");
        show_psw(m, out);
        m->running = false;
        return false;
    case STOP_CHECKSTOP:
        fprintf(out, "check-stop ");
        show_psw(m, out);
        m->running = false;
        return false;
    default: return true;
    }
}

bool machine_add_poller(struct machine *m, struct poller p)
{
    if (m->npollers >= MACHINE_MAXPOLLERS) return false;
    m->pollers[m->npollers++] = p;
    return true;
}

int console_loop(struct machine *m, int in, FILE *out, volatile int *stop_flag)
{
    char buf[4096];
    size_t have = 0;
    bool eof = false;
    m->cpu->yield_in_wait = true;
    for (unsigned i = 0; i < m->cs->ndev; i++)
        if (con3215_is(m->cs->dev[i])) con3215_set_output(m->cs->dev[i], out);
    while (!m->quit && !*stop_flag) {
        bool idle = !m->running || (m->cpu->stop == STOP_WAIT && !cpu_disabled_wait(m->cpu));
        if (m->running) {
            run_slice(m, out);
            idle = m->running && m->cpu->stop == STOP_WAIT;
        }
        fflush(out);
        if (eof && !m->npollers) {
            /* No more commands: run until the machine stops or idles for good. */
            if (!m->running || idle) break;
            continue;
        }
        if (eof && !m->running) break;
        struct pollfd fds[1 + POLLER_MAXFDS];
        int nfds = 0, first[MACHINE_MAXPOLLERS], count[MACHINE_MAXPOLLERS];
        if (!eof) fds[nfds++] = (struct pollfd){ .fd = in, .events = POLLIN };
        for (unsigned i = 0; i < m->npollers; i++) {
            first[i] = nfds;
            count[i] = m->pollers[i].fds(m->pollers[i].ctx, fds + nfds, 1 + POLLER_MAXFDS - nfds);
            nfds += count[i];
        }
        int timeout = !m->running ? -1 : idle ? IDLE_MS : 0;
        if (poll(fds, (nfds_t)nfds, timeout) <= 0) continue;
        for (unsigned i = 0; i < m->npollers; i++)
            m->pollers[i].ready(m->pollers[i].ctx, fds + first[i], count[i]);
        if (eof || !(fds[0].revents & (POLLIN | POLLHUP | POLLERR))) continue;
        ssize_t n = read(in, buf + have, sizeof buf - 1 - have);
        if (n <= 0) {
            eof = true;
            if (have) {
                buf[have] = 0;
                console_command(m, buf, out);
                have = 0;
            }
            continue;
        }
        have += (size_t)n;
        char *nl;
        while ((nl = memchr(buf, '\n', have))) {
            *nl = 0;
            console_command(m, buf, out);
            size_t used = (size_t)(nl - buf) + 1;
            memmove(buf, nl + 1, have - used);
            have -= used;
        }
        if (have == sizeof buf - 1) have = 0;   /* an endless line: drop it */
    }
    fflush(out);
    return 0;
}
