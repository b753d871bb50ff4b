/*
 * rlconsole.c - the host console on a terminal: GNU readline in callback
 * mode, driven from the console loop's poll (hostcons.c), so the CPU
 * keeps running while the operator types. History (Up and Down, also
 * kept in ~/.s370_history) and Tab completion of command names and
 * device numbers.
 *
 * Everything the machine writes (3215 output, messages, replies) goes
 * through a stdio stream of our own: it is collected and shown after each
 * round of the loop, above the prompt and the line being typed, which are
 * then drawn again, so messages never garble the input line.
 *
 * Only build/s370 links this file (and -lreadline); the library and its
 * tests do not.
 */
#define _GNU_SOURCE
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <readline/history.h>
#include <readline/readline.h>
#include "hostcons.h"

#define PROMPT "s370> "
#define HISTORY_LINES 1000

struct rlcon {
    struct machine *m;
    FILE *out;            /* what the machine writes to */
    char *text;           /* collected, not shown yet */
    size_t len, cap;
    bool in_handler;      /* a command runs: no prompt on the screen */
    bool gone;            /* the terminal hung up */
    bool leave;           /* the operator asked for the panel */
    char history[4096];   /* history file, "" if none */
};

/* Readline's callbacks take no context argument: the one console there is. */
static struct rlcon *the_console;

static ssize_t collect(void *ctx, const char *buf, size_t n)
{
    struct rlcon *r = ctx;
    if (r->len + n > r->cap) {
        size_t cap = (r->len + n) * 2;
        char *t = realloc(r->text, cap);
        if (!t) return -1;
        r->text = t;
        r->cap = cap;
    }
    memcpy(r->text + r->len, buf, n);
    r->len += n;
    return (ssize_t)n;
}

/* Show what was collected above the input line. */
static void show(void *ctx)
{
    struct rlcon *r = ctx;
    fflush(r->out);
    if (!r->len) return;
    bool prompt = !r->in_handler;
    if (prompt) rl_clear_visible_line();
    fwrite(r->text, 1, r->len, stdout);
    if (r->text[r->len - 1] != '\n') fputc('\n', stdout);
    fflush(stdout);
    r->len = 0;
    if (prompt) rl_forced_update_display();
}

static void on_line(char *line)
{
    struct rlcon *r = the_console;
    if (!line) {
        /* Ctrl-D: the run ends only with quit; a terminal that hung up
           (and sent no SIGHUP) ends it. */
        struct pollfd p = { .fd = 0, .events = POLLIN };
        if (poll(&p, 1, 0) == 1 && (p.revents & (POLLHUP | POLLERR | POLLNVAL))) r->gone = true;
        else fprintf(r->out, "end of input ignored: quit ends the run\n");
        return;
    }
    if (*line) {
        HIST_ENTRY *last = history_length ? history_get(history_base + history_length - 1) : NULL;
        if (!last || strcmp(last->line, line)) add_history(line);
    }
    if (console_switch_command(line)) {
        r->leave = true;
        free(line);
        return;
    }
    r->in_handler = true;
    console_command(r->m, line, r->out);
    show(r);
    r->in_handler = false;
    free(line);
}

static bool input(void *ctx, struct machine *m, FILE *out)
{
    struct rlcon *r = ctx;
    (void)m, (void)out;
    rl_callback_read_char();
    return !r->gone;
}

/* Ctrl-C: drop the line being typed and start a new one. */
static void cancel(void *ctx)
{
    (void)ctx;
    rl_free_line_state();
    rl_callback_sigcleanup();
    rl_replace_line("", 0);
    rl_point = rl_end = 0;
    fputs("^C\n", stdout);
    fflush(stdout);
    rl_on_new_line();
    rl_redisplay();
}

/* ---------------------------------------------------------------------- */

int console_interactive(struct machine *m, volatile int *stop_flag, volatile int *intr_flag)
{
    struct rlcon r = { .m = m };
    cookie_io_functions_t io = { .write = collect };
    r.out = fopencookie(&r, "w", io);
    if (!r.out) return console_headless(m, 0, stdout, stop_flag, intr_flag);
    setvbuf(r.out, NULL, _IOLBF, 0);
    the_console = &r;

    const char *home = getenv("HOME");
    if (home && *home) snprintf(r.history, sizeof r.history, "%s/.s370_history", home);
    using_history();
    stifle_history(HISTORY_LINES);
    if (r.history[0] && !history_length) read_history(r.history);   /* none yet is fine */

    rl_readline_name = "s370";
    rl_catch_signals = 0;   /* SIGINT is the console's (hostcons.c) */
    console_complete_init(m);   /* rlcomplete.c */
    rl_callback_handler_install(PROMPT, on_line);

    struct console_ui ui = { .fd = 0, .input = input, .flush = show, .cancel = cancel,
                             .interactive = true, .leave = &r.leave, .ctx = &r };
    int rc = console_run(m, &ui, r.out, stop_flag, intr_flag);

    rl_callback_handler_remove();
    show(&r);
    if (r.history[0]) write_history(r.history);
    /* Devices keep writing to the stream until machine_free: point them at stdout. */
    for (unsigned i = 0; i < m->cs->ndev; i++)
        if (con3215_is(m->cs->dev[i])) con3215_set_output(m->cs->dev[i], stdout);
    fclose(r.out);
    free(r.text);
    the_console = NULL;
    return r.leave && !rc ? CONSOLE_SWITCH : rc;
}
