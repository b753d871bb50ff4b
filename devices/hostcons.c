/*
 * hostcons.c - the host console loop: runs the CPU and reads the
 * operator's commands (concmds.c) without either waiting for the other.
 *
 * The loop is single-threaded. The CPU runs in slices of instructions
 * (one at a time while a trace, a breakpoint or a step is active:
 * trace.c); between slices, and while the CPU is stopped or waiting, the
 * console input and the pollers' host descriptors are polled. In a wait
 * that can end (cpu.yield_in_wait) the CPU returns after each short wait
 * step, so a program waiting for the operator's answer does not keep the
 * operator from typing it.
 *
 * Headless (console_loop): commands are lines on a descriptor, replies
 * go to a FILE. devices/rlconsole.c puts readline in front for a terminal.
 */
#include <errno.h>
#include <poll.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cpu.h"
#include "hostcons.h"

#define SLICE 1000000u        /* instructions between console polls */
#define STEP_SLICE 20000u     /* the same, one instruction at a time */
#define IDLE_MS 10            /* how long an idle wait sleeps on input */

struct console *con_get(struct machine *m)
{
    if (!m->con) m->con = calloc(1, sizeof *m->con);
    return m->con;
}

void console_free(struct machine *m)
{
    struct console *k = m->con;
    if (!k) return;
    if (k->trace_file) fclose(k->trace_file);
    free(k->sym);
    free(k);
    m->con = NULL;
}

double con_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* waitstop holds the script's next lines until the CPU stops or waits. */
static bool hold_over(struct machine *m, FILE *out)
{
    struct console *k = m->con;
    if (!m->running || m->cpu->psw.wait) return true;
    if (con_now() < k->hold_until) return false;
    fprintf(out, "waitstop: the CPU still runs after %u seconds\n", k->hold_secs);
    return true;
}

bool machine_add_poller(struct machine *m, struct poller p)
{
    if (m->npollers >= MACHINE_MAXPOLLERS) return false;
    m->pollers[m->npollers++] = p;
    return true;
}

/* Run one slice of the CPU; returns true when it is idle (stopped, or in
   a wait that only the host can end). */
static bool run_slice(struct machine *m, FILE *out)
{
    struct cpu *c = m->cpu;
    struct console *k = m->con;
    if (k->trace || k->nbp || k->steps) return con_run_single(m, out, STEP_SLICE);
    c->stop = STOP_NONE;
    c->limit = c->insns + SLICE;
    cpu_run(c);
    c->limit = 0;
    return con_after_run(m, out);
}

/* Ctrl-C: end what the console is doing (a step sequence, the line being
   typed), not the CPU and not the run. */
static void cancel(struct machine *m, const struct console_ui *ui, FILE *out)
{
    struct console *k = m->con;
    if (k->steps) {
        fprintf(out, "step cancelled after %llu instructions; ", (unsigned long long)k->steps_done);
        con_show_psw(m, out);
        k->steps = 0;
        m->running = false;
    }
    if (ui->cancel) ui->cancel(ui->ctx);
    else fprintf(out, "interrupted (quit ends the run)\n");
}

int console_run(struct machine *m, const struct console_ui *ui, FILE *out,
                volatile int *stop_flag, volatile int *intr_flag)
{
    if (!con_get(m)) return 1;
    m->con->intr = intr_flag;
    m->con->out = out;
    m->cpu->yield_in_wait = true;
    bool eof = false;
    m->cpu->yield_in_wait = true;
    for (unsigned i = 0; i < m->cs->ndev; i++)
        if (con3215_is(m->cs->dev[i])) con3215_set_output(m->cs->dev[i], out);
    while (!m->quit && !*stop_flag && !(ui->leave && *ui->leave)) {
        if (intr_flag && *intr_flag) {
            *intr_flag = 0;
            cancel(m, ui, out);
        }
        bool idle = true;
        if (m->running) idle = run_slice(m, out);
        if (m->con->hold && (!ui->drain || hold_over(m, out))) {
            m->con->hold = false;
            if (ui->drain && !ui->drain(ui->ctx, m, out)) eof = true;
        }
        fflush(out);
        if (ui->flush) ui->flush(ui->ctx);
        if (eof && !m->npollers) {
            /* No more commands: run until the machine stops or idles for good. */
            if (!m->running || idle) break;
            continue;
        }
        if (eof && !m->running) break;
        struct pollfd fds[1 + POLLER_MAXFDS];
        int nfds = 0, first[MACHINE_MAXPOLLERS], count[MACHINE_MAXPOLLERS];
        bool reading = !eof && !m->con->hold;
        if (reading) fds[nfds++] = (struct pollfd){ .fd = ui->fd, .events = POLLIN };
        for (unsigned i = 0; i < m->npollers; i++) {
            first[i] = nfds;
            count[i] = m->pollers[i].fds(m->pollers[i].ctx, fds + nfds, 1 + POLLER_MAXFDS - nfds);
            nfds += count[i];
        }
        int timeout = m->con->hold ? IDLE_MS : !m->running ? -1 : idle ? IDLE_MS : 0;
        if (poll(fds, (nfds_t)nfds, timeout) <= 0) continue;
        for (unsigned i = 0; i < m->npollers; i++)
            m->pollers[i].ready(m->pollers[i].ctx, fds + first[i], count[i]);
        if (!reading || !(fds[0].revents & (POLLIN | POLLHUP | POLLERR))) continue;
        if (!ui->input(ui->ctx, m, out)) {
            eof = true;
            if (ui->interactive) m->quit = true;   /* the terminal went away */
        }
    }
    fflush(out);
    if (ui->flush) ui->flush(ui->ctx);
    m->con->intr = NULL;
    m->con->out = NULL;
    return 0;
}

/* ---------------------------------------------------------------------- */
/* Headless: lines from a descriptor.                                      */

struct line_input {
    int fd;
    bool eof;
    char buf[4096];
    size_t have;
};

/* Execute the whole lines read so far (the last one also unfinished at
   the end of input) until a waitstop holds them; false once all input
   is done. */
static bool line_drain(void *ctx, struct machine *m, FILE *out)
{
    struct line_input *li = ctx;
    while (!m->con->hold && li->have) {
        char *nl = memchr(li->buf, '\n', li->have);
        if (!nl && !li->eof) break;
        size_t used = nl ? (size_t)(nl - li->buf) + 1 : li->have;
        li->buf[nl ? used - 1 : used] = 0;
        console_command(m, li->buf, out);
        fflush(out);
        memmove(li->buf, li->buf + used, li->have - used);
        li->have -= used;
    }
    if (li->have == sizeof li->buf - 1) {
        fprintf(out, "console: a line longer than %zu characters was dropped\n", sizeof li->buf - 1);
        li->have = 0;
    }
    return !li->eof || li->have;
}

static bool line_input(void *ctx, struct machine *m, FILE *out)
{
    struct line_input *li = ctx;
    ssize_t n = read(li->fd, li->buf + li->have, sizeof li->buf - 1 - li->have);
    if (n < 0 && errno == EINTR) return true;
    if (n <= 0) li->eof = true;
    else li->have += (size_t)n;
    return line_drain(li, m, out);
}

int console_loop(struct machine *m, int in, FILE *out, volatile int *stop_flag)
{
    return console_headless(m, in, out, stop_flag, NULL);
}

int console_headless(struct machine *m, int in, FILE *out, volatile int *stop_flag,
                     volatile int *intr_flag)
{
    struct line_input *li = calloc(1, sizeof *li);
    if (!li) return 1;
    li->fd = in;
    struct console_ui ui = { .fd = in, .input = line_input, .drain = line_drain, .ctx = li };
    int rc = console_run(m, &ui, out, stop_flag, intr_flag);
    free(li);
    return rc;
}
