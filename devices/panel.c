/*
 * panel.c - the operator panel: a full-screen console on a terminal
 * (s370 -f CONFIG --panel), after Hercules' panel. From the top:
 *
 *   a status line: PSW, CPU state, instruction count, MIPS over the last second
 *   GR0-GR15 (F2 adds CR0-CR15 and the floating-point registers)
 *   the devices: address, type, activity, what devlist says
 *   the message log: everything the console writes (Page Up/Down scroll)
 *   the command line: readline, as in the line console (rlconsole.c)
 *
 * ncurses draws the screen; readline, in callback mode as in rlconsole.c,
 * still reads the keys from standard input and edits the line, but its
 * terminal output goes nowhere: our redisplay function draws the line it
 * edits on the bottom row. ncurses never reads the keyboard. Standard
 * error is a pipe into the log while the panel is up, so no message from
 * deeper down garbles the screen.
 *
 * The screen is drawn again between the CPU's slices (the console loop
 * calls flush after each), at most every REFRESH seconds while the CPU
 * runs, at once when it is stopped. Only build/s370 links this file
 * (with ncursesw and readline).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <curses.h>
#include <term.h>
#include <readline/history.h>
#include <readline/readline.h>
#include "cpu.h"
#include "hostcons.h"

#define PROMPT "s370> "
#define HISTORY_LINES 1000
#define LOG_LINES 5000        /* messages kept for scrolling back */
#define REFRESH 0.15          /* seconds between redraws while the CPU runs */
#define MIN_COLS 60           /* smaller: "terminal too small" */
#define MIN_ROWS 16
#define DEV_COL 36            /* narrowest device list column */

struct panel {
    struct machine *m;
    FILE *out;                /* what the machine writes to: into the log */
    char *log[LOG_LINES];     /* ring of lines, log[(first + i) % LOG_LINES] */
    unsigned first, nlog;
    char part[1024];          /* the line being written, not ended yet */
    size_t plen;
    int back;                 /* lines scrolled back from the newest */
    bool more_regs;           /* F2: control and floating-point registers */
    bool dirty;               /* something to show: draw at once */
    bool gone;                /* the terminal hung up */
    bool leave;               /* the operator asked for the line console */
    struct sigaction old_winch;
    double drawn;             /* con_now of the last full draw */
    double rate_at;           /* the instruction rate: since this time */
    uint64_t rate_insns;      /*   and this count */
    double mips;
    uint64_t seen[0x1000];    /* each device's sc.starts at the last draw */
    int err_pipe[2];          /* standard error into the log */
    int saved_err;
    char history[4096];       /* history file, "" if none */
};

/* Readline's callbacks, the signal handler and atexit take no context:
   the one panel there is, and whether the terminal was resized. */
static struct panel *the_panel;
static volatile sig_atomic_t resized;

static void on_winch(int sig)
{
    (void)sig;
    resized = 1;
}

/* ---------------------------------------------------------------------- */
/* The message log.                                                        */

static void log_line(struct panel *p, const char *s, size_t n)
{
    char *line = malloc(n + 1);
    if (!line) return;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        line[i] = c < 0x20 || c >= 0x7F ? (c == '\t' ? ' ' : '.') : (char)c;
    }
    line[n] = 0;
    if (p->nlog == LOG_LINES) {
        free(p->log[p->first]);
        p->log[p->first] = line;
        p->first = (p->first + 1) % LOG_LINES;
    } else {
        p->log[(p->first + p->nlog++) % LOG_LINES] = line;
    }
    if (p->back) p->back++;   /* scrolled back: the view stays where it is */
    p->dirty = true;
}

static void log_text(struct panel *p, const char *buf, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (buf[i] == '\n' || p->plen == sizeof p->part) {
            log_line(p, p->part, p->plen);
            p->plen = 0;
            if (buf[i] == '\n') continue;
        }
        if (buf[i] != '\r') p->part[p->plen++] = buf[i];
    }
}

static ssize_t collect(void *ctx, const char *buf, size_t n)
{
    log_text(ctx, buf, n);
    return (ssize_t)n;
}

static const char *log_get(const struct panel *p, unsigned i)
{
    return p->log[(p->first + i) % LOG_LINES];
}

/* Standard error, read between the CPU's slices (a machine poller). */
static int err_fds(void *ctx, struct pollfd *fds, int max)
{
    struct panel *p = ctx;
    if (max < 1 || p->err_pipe[0] < 0) return 0;
    fds[0] = (struct pollfd){ .fd = p->err_pipe[0], .events = POLLIN };
    return 1;
}

static void err_ready(void *ctx, struct pollfd *fds, int n)
{
    struct panel *p = ctx;
    char buf[4096];
    if (n < 1 || !(fds[0].revents & POLLIN)) return;
    ssize_t got = read(p->err_pipe[0], buf, sizeof buf);
    if (got > 0) log_text(p, buf, (size_t)got);
}

/* ---------------------------------------------------------------------- */
/* Drawing.                                                                */

static const char *cpu_state(const struct machine *m)
{
    const struct cpu *c = m->cpu;
    if (!m->running) return c->stop == STOP_CHECKSTOP ? "check-stop" :
                            c->psw.wait && cpu_disabled_wait(m->cpu) ? "disabled wait" : "stopped";
    if (c->psw.wait) return cpu_disabled_wait(m->cpu) ? "disabled wait" : "wait";
    return "running";
}

static void draw_status(struct panel *p)
{
    struct machine *m = p->m;
    uint8_t b[8];
    cpu_store_psw(m->cpu, b, m->cpu->psw.bc_code, m->cpu->psw.bc_ilc);
    char line[256];
    snprintf(line, sizeof line,
             " PSW=%02X%02X%02X%02X %02X%02X%02X%02X  %-13s  MIPS %.2f  instructions %llu",
             b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], cpu_state(m),
             m->running ? p->mips : 0.0, (unsigned long long)m->cpu->insns);
    attron(A_REVERSE);
    mvhline(0, 0, ' ', COLS);
    mvaddnstr(0, 0, line, COLS);
    attroff(A_REVERSE);
}

/* The registers as gpr, cr and fpr show them; returns the next row. */
static int draw_registers(struct panel *p, int row)
{
    const struct cpu *c = p->m->cpu;
    for (int i = 0; i < 16; i += 4)
        mvprintw(row++, 0, "GR%02d=%08X GR%02d=%08X GR%02d=%08X GR%02d=%08X", i, c->gr[i],
                 i + 1, c->gr[i + 1], i + 2, c->gr[i + 2], i + 3, c->gr[i + 3]);
    if (!p->more_regs) return row;
    for (int i = 0; i < 16; i += 4)
        mvprintw(row++, 0, "CR%02d=%08X CR%02d=%08X CR%02d=%08X CR%02d=%08X", i, c->cr[i],
                 i + 1, c->cr[i + 1], i + 2, c->cr[i + 2], i + 3, c->cr[i + 3]);
    for (int i = 0; i < 8; i += 4)
        mvprintw(row++, 0, "FPR%d=%016llX FPR%d=%016llX", i, (unsigned long long)c->fpr[i],
                 i + 2, (unsigned long long)c->fpr[i + 2]);
    return row;
}

/* B: a channel program runs; P: an interruption is pending; *: started
   a channel program since the last draw. */
static char activity(struct panel *p, struct device *d)
{
    const struct subchannel *sc = &d->sc;
    bool moved = sc->starts != p->seen[d->addr];
    p->seen[d->addr] = sc->starts;
    return sc->working ? 'B' : sc->pending || sc->dev_pending ? 'P' : moved ? '*' : ' ';
}

static void heading(int row, const char *text)
{
    mvhline(row, 0, '-', COLS);
    mvaddnstr(row, 4, text, COLS - 4);
}

static int by_addr(const void *a, const void *b)
{
    const struct device *x = *(struct device *const *)a, *y = *(struct device *const *)b;
    return (int)x->addr - (int)y->addr;
}

/* The device list by address, in as few columns as fit in rows rows;
   returns the next row. */
static int draw_devices(struct panel *p, int row, int rows)
{
    struct chsys *cs = p->m->cs;
    struct device *dev[CHSYS_MAXDEV];
    int n = (int)cs->ndev, max_cols = COLS / DEV_COL > 0 ? COLS / DEV_COL : 1, cols = 1;
    memcpy(dev, cs->dev, (size_t)n * sizeof *dev);
    qsort(dev, (size_t)n, sizeof *dev, by_addr);
    while (cols < max_cols && (n + cols - 1) / cols > rows) cols++;
    if ((n + cols - 1) / cols < rows) rows = (n + cols - 1) / cols;
    int width = COLS / cols, shown = rows * cols < n ? rows * cols - 1 : n;
    char head[64];
    snprintf(head, sizeof head, " devices (%d) ", n);
    heading(row++, head);
    for (int i = 0; i < n; i++) {
        char act = activity(p, dev[i]);   /* for every device: the next draw compares */
        if (i >= shown) continue;
        char desc[160] = "", line[200];
        if (dev[i]->ops->describe) dev[i]->ops->describe(dev[i], desc, sizeof desc);
        snprintf(line, sizeof line, "%c %03X %04X %s", act, dev[i]->addr, dev[i]->type, desc);
        mvaddnstr(row + i % rows, i / rows * width, line, width - 1);
    }
    if (shown < n) mvprintw(row + rows - 1, (cols - 1) * width, "  ... %d more (devlist)", n - shown);
    return row + rows;
}

/* The log from row to the command line, newest at the bottom; a line
   wider than the screen takes as many rows as it needs. */
static void draw_log(struct panel *p, int row)
{
    int rows = LINES - 1 - row - 1;
    if (rows < 1) return;
    int max_back = (int)p->nlog > 1 ? (int)p->nlog - 1 : 0;
    if (p->back > max_back) p->back = max_back;
    char head[80];
    if (p->back) snprintf(head, sizeof head, " messages: %d lines back (Page Down) ", p->back);
    else snprintf(head, sizeof head, " messages ");
    heading(row++, head);
    int y = row + rows;                  /* below the lowest free row */
    for (int i = (int)p->nlog - p->back - 1; i >= 0 && y > row; i--) {
        const char *text = log_get(p, (unsigned)i);
        int len = (int)strlen(text), h = len ? (len + COLS - 1) / COLS : 1;
        for (int k = h - 1; k >= 0 && y > row; k--) mvaddnstr(--y, 0, text + k * COLS, COLS);
    }
}

/* The line readline edits, on the bottom row, scrolled sideways so that
   the cursor shows. */
static void draw_input(void)
{
    int row = LINES - 1, plen = (int)strlen(PROMPT);
    int point = plen + rl_point, from = 0;
    if (COLS < 2) return;
    if (point >= COLS) from = point - COLS + 1;
    move(row, 0);
    clrtoeol();
    char *text = NULL;
    if (asprintf(&text, "%s%s", PROMPT, rl_line_buffer ? rl_line_buffer : "") < 0) return;
    if ((int)strlen(text) > from) addnstr(text + from, COLS);
    free(text);
    move(row, point - from);
}

static void draw(struct panel *p)
{
    erase();
    if (COLS < MIN_COLS || LINES < MIN_ROWS) {
        mvprintw(0, 0, "terminal too small: %dx%d", COLS, LINES);
        mvprintw(1, 0, "the panel needs %dx%d", MIN_COLS, MIN_ROWS);
    } else {
        draw_status(p);
        int row = draw_registers(p, 1);
        int dev_rows = (LINES - row) / 4;
        row = draw_devices(p, row, dev_rows < 1 ? 1 : dev_rows);
        draw_log(p, row);
    }
    draw_input();
    refresh();
    p->dirty = false;
    p->drawn = con_now();
}

static void resize(void)
{
    struct winsize ws;
    resized = 0;
    if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_row && ws.ws_col) resizeterm(ws.ws_row, ws.ws_col);
    clearok(curscr, TRUE);
}

/* After each round of the console loop. */
static void refresh_panel(void *ctx)
{
    struct panel *p = ctx;
    fflush(p->out);
    double now = con_now();
    if (now - p->rate_at >= 1.0) {
        uint64_t n = p->m->cpu->insns;   /* an IPL may have reset the count */
        p->mips = n < p->rate_insns ? 0.0 : (double)(n - p->rate_insns) / (now - p->rate_at) / 1e6;
        p->rate_at = now;
        p->rate_insns = p->m->cpu->insns;
    }
    if (resized) {
        resize();
        p->dirty = true;
    }
    if (p->dirty && (!p->m->running || now - p->drawn >= REFRESH / 3)) draw(p);
    else if (p->m->running && now - p->drawn >= REFRESH) draw(p);
}

/* ---------------------------------------------------------------------- */
/* Readline on the bottom row.                                             */

static void redisplay(void)
{
    draw_input();
    refresh();
}

static void no_prep(int meta)
{
    (void)meta;
}

static void no_deprep(void)
{
}

static void show_matches(char **matches, int n, int longest)
{
    struct panel *p = the_panel;
    (void)longest;
    char line[1024] = "";
    size_t len = 0;
    for (int i = 1; i <= n && len < sizeof line - 20; i++)
        len += (size_t)snprintf(line + len, sizeof line - len, "%s  ", matches[i]);
    log_line(p, line, strlen(line));
    draw(p);
}

static int page_up(int count, int key)
{
    (void)count, (void)key;
    if (!the_panel) return 0;   /* the line console: keys bound while the panel was up */
    struct panel *p = the_panel;
    p->back += LINES / 2 > 1 ? LINES / 2 : 1;
    draw(p);
    return 0;
}

static int page_down(int count, int key)
{
    (void)count, (void)key;
    if (!the_panel) return 0;   /* the line console: keys bound while the panel was up */
    struct panel *p = the_panel;
    p->back -= LINES / 2 > 1 ? LINES / 2 : 1;
    if (p->back < 0) p->back = 0;
    draw(p);
    return 0;
}

static int toggle_regs(int count, int key)
{
    (void)count, (void)key;
    if (!the_panel) return 0;   /* the line console: keys bound while the panel was up */
    the_panel->more_regs = !the_panel->more_regs;
    draw(the_panel);
    return 0;
}

static int redraw(int count, int key)
{
    (void)count, (void)key;
    if (!the_panel) return 0;   /* the line console: keys bound while the panel was up */
    clearok(curscr, TRUE);
    draw(the_panel);
    return 0;
}

/* A key's sequence from terminfo, and the usual xterm one. */
static void bind_key(const char *cap, const char *xterm, rl_command_func_t *f)
{
    char *s = tigetstr((char *)cap);
    if (s && s != (char *)-1) rl_bind_keyseq(s, f);
    rl_bind_keyseq(xterm, f);
}

static void on_line(char *line)
{
    struct panel *p = the_panel;
    if (!line) {
        struct pollfd f = { .fd = 0, .events = POLLIN };
        if (poll(&f, 1, 0) == 1 && (f.revents & (POLLHUP | POLLERR | POLLNVAL))) p->gone = true;
        else fprintf(p->out, "end of input ignored: quit ends the run\n");
        return;
    }
    if (*line) {
        HIST_ENTRY *last = history_length ? history_get(history_base + history_length - 1) : NULL;
        if (!last || strcmp(last->line, line)) add_history(line);
    }
    fprintf(p->out, "%s%s\n", PROMPT, line);   /* the log shows what was asked */
    if (console_switch_command(line)) p->leave = true;
    else console_command(p->m, line, p->out);
    fflush(p->out);
    p->back = 0;
    free(line);
}

static bool input(void *ctx, struct machine *m, FILE *out)
{
    struct panel *p = ctx;
    (void)m, (void)out;
    rl_callback_read_char();
    return !p->gone;
}

/* Ctrl-C: drop the line being typed. */
static void cancel(void *ctx)
{
    struct panel *p = ctx;
    rl_free_line_state();
    rl_callback_sigcleanup();
    rl_replace_line("", 0);
    rl_point = rl_end = 0;
    p->dirty = true;
}

/* ---------------------------------------------------------------------- */
/* Completion, as in the line console (rlcomplete.c); the choices go to
   the message log.                                                         */

static void complete_init(struct machine *m)
{
    console_complete_init(m);
    rl_completion_display_matches_hook = show_matches;
}

/* ---------------------------------------------------------------------- */
/* Starting and ending.                                                    */

/* Any way out of the process puts the terminal back. */
static void leave_screen(void)
{
    if (!isendwin()) endwin();
}

static void start_readline(struct panel *p, FILE *null_out)
{
    const char *home = getenv("HOME");
    if (home && *home) snprintf(p->history, sizeof p->history, "%s/.s370_history", home);
    using_history();
    stifle_history(HISTORY_LINES);
    if (p->history[0] && !history_length) read_history(p->history);
    rl_readline_name = "s370";
    rl_catch_signals = 0;        /* SIGINT is the console's (hostcons.c) */
    rl_catch_sigwinch = 0;       /* SIGWINCH is ours */
    rl_change_environment = 0;
    rl_instream = stdin;
    rl_outstream = null_out;     /* readline draws nothing itself */
    rl_prep_term_function = no_prep;       /* ncurses owns the terminal modes */
    rl_deprep_term_function = no_deprep;
    rl_redisplay_function = redisplay;
    complete_init(p->m);
    rl_variable_bind("bell-style", "none");
    rl_callback_handler_install(PROMPT, on_line);
}

/* Readline as the line console (rlconsole.c) expects to find it. */
static void stop_readline(void)
{
    rl_callback_handler_remove();
    rl_catch_sigwinch = 1;
    rl_change_environment = 1;
    rl_outstream = stdout;
    rl_prep_term_function = rl_prep_terminal;
    rl_deprep_term_function = rl_deprep_terminal;
    rl_redisplay_function = rl_redisplay;
    rl_completion_display_matches_hook = NULL;
    rl_variable_bind("bell-style", "audible");
    rl_bind_key('L' & 0x1F, rl_clear_screen);
}

/* False when curses cannot drive this terminal (TERM unknown). */
static bool start_screen(struct panel *p)
{
    struct sigaction sa = { .sa_handler = on_winch };
    sigemptyset(&sa.sa_mask);
    sigaction(SIGWINCH, &sa, &p->old_winch);   /* before newterm: ncurses keeps ours */
    if (stdscr) {                     /* back from the line console */
        resize();
        refresh();
    } else {
        setlocale(LC_CTYPE, "");
        /* newterm, not initscr, which would end the process on failure */
        if (!newterm(NULL, stdout, stdin)) {
            sigaction(SIGWINCH, &p->old_winch, NULL);
            return false;
        }
        cbreak();                     /* Ctrl-C stays SIGINT */
        noecho();
        nonl();
        atexit(leave_screen);
    }
    /* Keys after newterm, which reads terminfo. */
    bind_key("kpp", "\033[5~", page_up);
    bind_key("knp", "\033[6~", page_down);
    bind_key("kf2", "\033OQ", toggle_regs);
    rl_bind_key('L' & 0x1F, redraw);
    p->rate_at = con_now();
    p->rate_insns = p->m->cpu->insns;
    for (unsigned i = 0; i < p->m->cs->ndev; i++)
        p->seen[p->m->cs->dev[i]->addr] = p->m->cs->dev[i]->sc.starts;
    return true;
}

/* Standard error into the log while the screen is up. */
static void capture_stderr(struct panel *p)
{
    p->err_pipe[0] = p->err_pipe[1] = p->saved_err = -1;
    fflush(stderr);
    if (pipe(p->err_pipe)) return;
    fcntl(p->err_pipe[0], F_SETFL, O_NONBLOCK);
    fcntl(p->err_pipe[0], F_SETFD, FD_CLOEXEC);
    /* The pipe is read only between slices: a flood of messages must not
       block the writer, the one thread that would read them. */
    fcntl(p->err_pipe[1], F_SETPIPE_SZ, 1 << 20);
    fcntl(p->err_pipe[1], F_SETFL, O_NONBLOCK);
    p->saved_err = dup(2);
    if (p->saved_err < 0 || dup2(p->err_pipe[1], 2) < 0 ||
        !machine_add_poller(p->m, (struct poller){ err_fds, err_ready, p })) {
        if (p->saved_err >= 0) dup2(p->saved_err, 2), close(p->saved_err);
        close(p->err_pipe[0]);
        close(p->err_pipe[1]);
        p->err_pipe[0] = p->err_pipe[1] = p->saved_err = -1;
    }
}

static void release_stderr(struct panel *p)
{
    if (p->saved_err < 0) return;
    struct machine *m = p->m;
    for (unsigned i = 0; i < m->npollers; i++)
        if (m->pollers[i].ctx == p) {
            memmove(m->pollers + i, m->pollers + i + 1, (m->npollers - i - 1) * sizeof *m->pollers);
            m->npollers--;
            break;
        }
    fflush(stderr);
    dup2(p->saved_err, 2);
    close(p->saved_err);
    close(p->err_pipe[1]);
    struct pollfd f = { .fd = p->err_pipe[0], .events = POLLIN };
    while (poll(&f, 1, 0) == 1 && (f.revents & POLLIN)) {
        char buf[4096];
        ssize_t n = read(p->err_pipe[0], buf, sizeof buf);
        if (n <= 0) break;
        log_text(p, buf, (size_t)n);
    }
    close(p->err_pipe[0]);
}

/* After the screen is gone, the last messages stay on the terminal. */
static void print_tail(struct panel *p, unsigned n)
{
    if (p->plen) log_line(p, p->part, p->plen);
    unsigned from = p->nlog > n ? p->nlog - n : 0;
    for (unsigned i = from; i < p->nlog; i++) printf("%s\n", log_get(p, i));
}

int console_panel(struct machine *m, volatile int *stop_flag, volatile int *intr_flag)
{
    struct panel *p = calloc(1, sizeof *p);
    FILE *null_out = fopen("/dev/null", "w");
    cookie_io_functions_t io = { .write = collect };
    if (p) p->out = fopencookie(p, "w", io);
    if (!p || !p->out || !null_out) {
        if (p && p->out) fclose(p->out);
        if (null_out) fclose(null_out);
        free(p);
        fprintf(stderr, "panel: out of memory, the line console instead\n");
        return console_interactive(m, stop_flag, intr_flag);
    }
    setvbuf(p->out, NULL, _IOLBF, 0);
    p->m = m;
    the_panel = p;
    start_readline(p, null_out);
    if (!start_screen(p)) {
        stop_readline();
        fclose(p->out);
        fclose(null_out);
        free(p);
        the_panel = NULL;
        fprintf(stderr, "panel: no full-screen support for TERM=%s: the line console instead\n",
                getenv("TERM") ? getenv("TERM") : "");
        return console_interactive(m, stop_flag, intr_flag);
    }
    capture_stderr(p);
    fprintf(p->out, "s370 panel: F2 registers, Page Up/Down messages, panel: the line console, "
                    "quit ends the run\n");

    struct console_ui ui = { .fd = 0, .input = input, .flush = refresh_panel, .cancel = cancel,
                             .interactive = true, .leave = &p->leave, .ctx = p };
    int rc = console_run(m, &ui, p->out, stop_flag, intr_flag);

    stop_readline();
    fflush(p->out);
    release_stderr(p);
    leave_screen();
    sigaction(SIGWINCH, &p->old_winch, NULL);
    if (p->history[0]) write_history(p->history);
    /* Devices keep writing until machine_free: point them at stdout. */
    for (unsigned i = 0; i < m->cs->ndev; i++)
        if (con3215_is(m->cs->dev[i])) con3215_set_output(m->cs->dev[i], stdout);
    fclose(p->out);
    print_tail(p, 10);
    fflush(stdout);
    for (unsigned i = 0; i < p->nlog; i++) free(p->log[(p->first + i) % LOG_LINES]);
    fclose(null_out);
    the_panel = NULL;
    bool leave = p->leave;
    free(p);
    return leave && !rc ? CONSOLE_SWITCH : rc;
}
