/*
 * term3270.c - build/term3270, a TN3270 client in the terminal (ncurses).
 *
 * Telnet (RFC 854) through libtelnet with the options of RFC 1576 (TN3270):
 * TERMINAL-TYPE (RFC 1091) answered with IBM-3278-M, optionally with the
 * Hercules-style device suffix "@CCUU"; BINARY (RFC 856) and END-OF-RECORD
 * (RFC 885) both ways. Each record (up to IAC EOR) is a 3270 data stream
 * applied to the screen model (include/screen3270.h); the keyboard works on
 * that model and AID keys send the inbound record back. Keys: see help_text
 * below and docs/term3270.md.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <errno.h>
#include <locale.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>
#include <curses.h>
#include <libtelnet.h>
#include "screen3270.h"
#include "ebcdic.h"

#define CTRL(c) ((c) & 0x1F)

struct term {
    struct scr3270 scr;
    telnet_t *tn;
    int fd;
    const char *target;             /* HOST:PORT as given */
    char ttype[40];                 /* IBM-3278-2[@CCUU] */
    int connected;                  /* 3270 mode: binary + EOR seen */
    uint8_t rec[65536];             /* the record being received */
    size_t reclen;
    int overflow;                   /* the record did not fit: dropped */
    char message[200];              /* shown on the status line until a key */
    int help, escape, quit, closed, colors;
};

static const char *help_text[] = {
    "term3270 keys",
    "",
    "  Enter             Enter                Tab / Shift-Tab  next / previous field",
    "  F1-F12            PF1-PF12             arrows           move the cursor",
    "  Shift-F1..F12     PF13-PF24            Home / End       first input field / end of field",
    "  Esc 1..9,0,-,=    PF1-PF12 (no F keys)  Backspace        erase the character before",
    "  Ctrl-P  / Esc a   PA1                  Delete           delete at the cursor",
    "  Ctrl-A  / Esc b   PA2                  Insert / Ctrl-T  insert mode on/off",
    "  Esc c             PA3                  Ctrl-E           Erase EOF",
    "  Ctrl-C / Esc l    Clear                Ctrl-U           Erase Input",
    "  Ctrl-R / Esc r    Reset (unlock)       Ctrl-N           New Line",
    "  Esc h / Esc ?     this help            Ctrl-]           quit",
    "",
    "Status line: connection, keyboard lock (X SYSTEM: waiting for the host;",
    "X PROT: typed into a protected field; Reset unlocks), INS, cursor row/col.",
    "",
    "Press any key to go back.",
};

/* ---- network ---- */

static void send_raw(struct term *t, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = send(t->fd, buf, len, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno == EAGAIN) {
            struct pollfd p = { .fd = t->fd, .events = POLLOUT };
            poll(&p, 1, 1000);
            continue;
        }
        if (n <= 0) { t->closed = 1; return; }
        buf += n;
        len -= (size_t)n;
    }
}

static void send_record(struct term *t, const uint8_t *rec, size_t len)
{
    if (len == 0 || t->closed) return;
    telnet_send(t->tn, (const char *)rec, len);
    telnet_iac(t->tn, TELNET_EOR);
}

static void apply_record(struct term *t)
{
    static uint8_t out[3 * SCR3270_MAXSIZE + 16];
    struct scr3270_err err;
    size_t n;
    if (t->overflow) {
        snprintf(t->message, sizeof t->message, "record longer than %zu bytes dropped", sizeof t->rec);
    } else if (t->reclen > 0) {
        if (scr3270_record(&t->scr, t->rec, t->reclen, out, sizeof out, &n, &err))
            snprintf(t->message, sizeof t->message, "data stream error at byte %zu: %s",
                     err.offset, err.msg);
        send_record(t, out, n);
    }
    t->reclen = 0;
    t->overflow = 0;
}

static void on_telnet(telnet_t *tn, telnet_event_t *ev, void *user)
{
    struct term *t = user;
    (void)tn;
    switch (ev->type) {
    case TELNET_EV_DATA:
        if (t->reclen + ev->data.size > sizeof t->rec) t->overflow = 1;
        else memcpy(t->rec + t->reclen, ev->data.buffer, ev->data.size);
        if (!t->overflow) t->reclen += ev->data.size;
        break;
    case TELNET_EV_SEND:
        send_raw(t, ev->data.buffer, ev->data.size);
        break;
    case TELNET_EV_IAC:
        if (ev->iac.cmd == TELNET_EOR) {
            t->connected = 1;
            apply_record(t);
        }
        break;
    case TELNET_EV_TTYPE:
        if (ev->ttype.cmd == TELNET_TTYPE_SEND) telnet_ttype_is(t->tn, t->ttype);
        break;
    case TELNET_EV_ERROR:
        snprintf(t->message, sizeof t->message, "telnet: %s", ev->error.msg);
        t->closed = 1;
        break;
    default:
        break;
    }
}

/* Connect to HOST:PORT, retrying for wait seconds (the machine may still be
   starting). Returns the socket or -1 with a message on stderr. */
static int dial(const char *target, int wait)
{
    char host[256];
    const char *colon = strrchr(target, ':');
    if (!colon || colon == target || (size_t)(colon - target) >= sizeof host || !colon[1]) {
        fprintf(stderr, "term3270: %s: expected HOST:PORT\n", target);
        return -1;
    }
    memcpy(host, target, (size_t)(colon - target));
    host[colon - target] = 0;
    struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM }, *ai;
    int rc = getaddrinfo(host, colon + 1, &hints, &ai);
    if (rc) {
        fprintf(stderr, "term3270: %s: %s\n", target, gai_strerror(rc));
        return -1;
    }
    int err = 0;
    for (int tries = 0; tries <= wait * 10; tries++) {
        for (struct addrinfo *a = ai; a; a = a->ai_next) {
            int fd = socket(a->ai_family, a->ai_socktype, a->ai_protocol);
            if (fd < 0) { err = errno; continue; }
            if (connect(fd, a->ai_addr, a->ai_addrlen) == 0) {
                freeaddrinfo(ai);
                return fd;
            }
            err = errno;
            close(fd);
        }
        if (tries < wait * 10) nanosleep(&(struct timespec){ 0, 100000000 }, NULL);
    }
    freeaddrinfo(ai);
    fprintf(stderr, "term3270: cannot connect to %s: %s\n", target, strerror(err));
    return -1;
}

/* ---- screen ---- */

enum { PAIR_BLUE = 1, PAIR_RED, PAIR_PINK, PAIR_GREEN, PAIR_TURQ, PAIR_YELLOW, PAIR_WHITE, PAIR_STATUS };

static void init_colors(struct term *t)
{
    static const short c[] = { 0, COLOR_BLUE, COLOR_RED, COLOR_MAGENTA, COLOR_GREEN,
                               COLOR_CYAN, COLOR_YELLOW, COLOR_WHITE };
    if (!has_colors()) return;
    start_color();
    use_default_colors();
    for (int i = PAIR_BLUE; i <= PAIR_WHITE; i++) init_pair((short)i, c[i], -1);
    init_pair(PAIR_STATUS, COLOR_BLACK, COLOR_CYAN);
    t->colors = 1;
}

/* A 3279 in base color mode: protected normal blue, protected intensified
   white, unprotected normal green, unprotected intensified red; extended
   color X'F1'..X'F7' wins when the host set one. */
static attr_t cell_attr(const struct term *t, const struct scr3270_view *v)
{
    attr_t a = A_NORMAL;
    int pair = v->prot ? (v->intens ? PAIR_WHITE : PAIR_BLUE) : (v->intens ? PAIR_RED : PAIR_GREEN);
    if (v->color >= 0xF1 && v->color <= 0xF7) pair = v->color - 0xF0;
    if (v->intens) a |= A_BOLD;
    if (!v->prot && !v->fa) a |= A_UNDERLINE;
    if (v->hilite == 0xF1) a |= A_BLINK;
    if (v->hilite == 0xF2) a |= A_REVERSE;
    if (v->hilite == 0xF4) a |= A_UNDERLINE;
    if (t->colors) a |= COLOR_PAIR(pair);
    return a;
}

static void draw_status(struct term *t, int y)
{
    const struct scr3270 *s = &t->scr;
    char line[300];
    const char *state = t->closed ? "DISCONNECTED" : t->connected ? "ONLINE" : "CONNECTING";
    snprintf(line, sizeof line, " %-12s %-10s %-4s %s  %s",
             state, scr3270_lock_text(s->lock), s->insert ? "INS" : "",
             t->message[0] ? t->message : t->target, "Esc h: help");
    int len = (int)strlen(line);
    char pos[32];
    snprintf(pos, sizeof pos, "%03d/%03d", s->cursor / s->cols + 1, s->cursor % s->cols + 1);
    attr_t a = t->colors ? COLOR_PAIR(PAIR_STATUS) : A_REVERSE;
    attron(a);
    mvhline(y, 0, ' ', COLS);
    mvaddnstr(y, 0, line, COLS);
    if (COLS > len + 9) mvaddstr(y, COLS - 8, pos);
    attroff(a);
}

static void draw_help(void)
{
    erase();
    for (size_t i = 0; i < sizeof help_text / sizeof help_text[0] && (int)i < LINES; i++)
        mvaddnstr((int)i, 0, help_text[i], COLS);
    refresh();
}

static void draw(struct term *t)
{
    static struct scr3270_view v[SCR3270_MAXSIZE];
    const struct scr3270 *s = &t->scr;
    if (t->help) { draw_help(); return; }
    erase();
    if (LINES < s->rows + 1 || COLS < s->cols) {
        mvprintw(0, 0, "The terminal is %dx%d; the 3270 screen needs %dx%d plus a status line.",
                 COLS, LINES, s->cols, s->rows);
        mvprintw(1, 0, "Make the window larger (Ctrl-] quits).");
        refresh();
        return;
    }
    scr3270_view(s, v);
    for (int r = 0; r < s->rows; r++)
        for (int c = 0; c < s->cols; c++) {
            const struct scr3270_view *p = &v[r * s->cols + c];
            wchar_t w[2] = { (wchar_t)(unsigned char)p->ch, 0 };
            cchar_t cc;
            setcchar(&cc, w, cell_attr(t, p), 0, NULL);
            mvadd_wch(r, c, &cc);
        }
    draw_status(t, s->rows);
    if (s->alarm) { beep(); t->scr.alarm = 0; }
    move(s->cursor / s->cols, s->cursor % s->cols);
    refresh();
}

/* ---- keyboard ---- */

static void aid(struct term *t, uint8_t aid)
{
    static uint8_t out[3 * SCR3270_MAXSIZE + 16];
    size_t n = scr3270_attn(&t->scr, aid, out, sizeof out);
    if (n == 0) { beep(); return; }
    send_record(t, out, n);
}

/* A data key that locked the keyboard (or met a locked one) beeps. */
static void data_key(int rc)
{
    if (rc) beep();
}

/* Esc followed by a key: the keys a terminal may not have. */
static void escape_key(struct term *t, wint_t k)
{
    static const char pfkeys[] = "1234567890-=";
    const char *p = k < 128 && k ? strchr(pfkeys, (int)k) : NULL;
    if (p) { aid(t, scr3270_pf_aid((int)(p - pfkeys) + 1)); return; }
    switch (k) {
    case 'a': aid(t, SCR_AID_PA1); break;
    case 'b': aid(t, SCR_AID_PA2); break;
    case 'c': aid(t, SCR_AID_PA3); break;
    case 'l': aid(t, SCR_AID_CLEAR); break;
    case 'r': scr3270_key_reset(&t->scr); break;
    case 'h': case '?': t->help = 1; break;
    default: beep();
    }
}

static void function_key(struct term *t, wint_t k)
{
    struct scr3270 *s = &t->scr;
    if (k >= (wint_t)KEY_F(1) && k <= (wint_t)KEY_F(24)) { aid(t, scr3270_pf_aid((int)(k - KEY_F(0)))); return; }
    switch (k) {
    case KEY_ENTER:     aid(t, SCR_AID_ENTER); break;
    case KEY_UP:        scr3270_key_move(s, -1, 0); break;
    case KEY_DOWN:      scr3270_key_move(s, 1, 0); break;
    case KEY_LEFT:      scr3270_key_move(s, 0, -1); break;
    case KEY_RIGHT:     scr3270_key_move(s, 0, 1); break;
    case KEY_HOME:      scr3270_key_home(s); break;
    case KEY_END:       scr3270_key_end(s); break;
    case KEY_BTAB:      scr3270_key_backtab(s); break;
    case KEY_BACKSPACE: data_key(scr3270_key_erase(s)); break;
    case KEY_DC:        data_key(scr3270_key_delete(s)); break;
    case KEY_IC:        s->insert = !s->insert; break;
    case KEY_RESIZE:    clear(); break;
    default:            break;
    }
}

static void char_key(struct term *t, wint_t k)
{
    struct scr3270 *s = &t->scr;
    switch (k) {
    case '\r': case '\n': aid(t, SCR_AID_ENTER); return;
    case '\t':            scr3270_key_tab(s); return;
    case 0x7F: case 0x08: data_key(scr3270_key_erase(s)); return;
    case CTRL('P'):       aid(t, SCR_AID_PA1); return;
    case CTRL('A'):       aid(t, SCR_AID_PA2); return;
    case CTRL('C'):       aid(t, SCR_AID_CLEAR); return;
    case CTRL('R'):       scr3270_key_reset(s); return;
    case CTRL('E'):       data_key(scr3270_key_eraseeof(s)); return;
    case CTRL('U'):       scr3270_key_eraseinput(s); return;
    case CTRL('N'):       scr3270_key_newline(s); return;
    case CTRL('T'):       s->insert = !s->insert; return;
    case CTRL(']'):       t->quit = 1; return;
    case 0x1B:            t->escape = 1; return;
    }
    if (k >= 0x20 && k < 0x100 && k != 0x7F && !(k >= 0x80 && k < 0xA0))
        data_key(scr3270_key_char(s, ebcdic_enc((unsigned char)k)));
    else
        beep();
}

static void keyboard(struct term *t)
{
    wint_t k;
    int rc;
    while ((rc = get_wch(&k)) != ERR) {
        t->message[0] = 0;
        if (t->help) { t->help = 0; continue; }
        if (t->escape) {
            t->escape = 0;
            if (rc == OK) { escape_key(t, k); continue; }
        }
        if (rc == KEY_CODE_YES) function_key(t, k);
        else char_key(t, k);
        if (t->quit) return;
    }
}

/* ---- main ---- */

static void usage(void)
{
    fprintf(stderr, "usage: term3270 [-m MODEL] [-d DEVNUM] [-w SECONDS] [HOST:PORT]\n"
                    "  -m 2|3|4|5   3278 model (24x80, 32x80, 43x80, 27x132); default 2\n"
                    "  -d CCUU      ask for this device (terminal type IBM-3278-M@CCUU)\n"
                    "  -w SECONDS   keep trying to connect this long (default 0)\n"
                    "  HOST:PORT    default 127.0.0.1:3270\n");
    exit(2);
}

static void network(struct term *t)
{
    char buf[8192];
    ssize_t n = recv(t->fd, buf, sizeof buf, MSG_DONTWAIT);
    if (n > 0) telnet_recv(t->tn, buf, (size_t)n);
    else if (n == 0 || (errno != EAGAIN && errno != EINTR)) t->closed = 1;
}

static int run(struct term *t)
{
    struct pollfd p[2] = { { .fd = 0, .events = POLLIN }, { .fd = t->fd, .events = POLLIN } };
    draw(t);
    while (!t->quit && !t->closed) {
        /* A lone Esc: the next key arrives within half a second or not at all. */
        int n = poll(p, 2, t->escape ? 500 : -1);
        if (n < 0 && errno != EINTR) break;
        if (n > 0 && p[1].revents) network(t);
        /* SIGWINCH interrupts poll; ncurses then has KEY_RESIZE queued. */
        if (n < 0 || (p[0].revents & POLLIN)) keyboard(t);
        else if (t->escape) t->escape = 0;
        if (n > 0 && (p[0].revents & (POLLHUP | POLLERR))) t->quit = 1;
        draw(t);
    }
    return t->closed;
}

int main(int argc, char **argv)
{
    static struct term t;
    const telnet_telopt_t opts[] = {
        { TELNET_TELOPT_TTYPE, TELNET_WILL, TELNET_DONT },
        { TELNET_TELOPT_BINARY, TELNET_WILL, TELNET_DO },
        { TELNET_TELOPT_EOR, TELNET_WILL, TELNET_DO },
        { -1, 0, 0 },
    };
    int model = 2, opt, wait = 0;
    const char *dev = NULL;
    while ((opt = getopt(argc, argv, "m:d:w:h")) != -1) {
        switch (opt) {
        case 'm': model = atoi(optarg); if (model < 2 || model > 5) usage(); break;
        case 'd': dev = optarg; if (strlen(dev) > 4 || !*dev) usage(); break;
        case 'w': wait = atoi(optarg); break;
        default: usage();
        }
    }
    if (argc - optind > 1) usage();
    t.target = optind < argc ? argv[optind] : "127.0.0.1:3270";
    snprintf(t.ttype, sizeof t.ttype, "IBM-3278-%d%s%s", model, dev ? "@" : "", dev ? dev : "");
    scr3270_init(&t.scr, model);
    if ((t.fd = dial(t.target, wait)) < 0) return 1;
    t.tn = telnet_init(opts, on_telnet, 0, &t);
    setlocale(LC_ALL, "");
    set_escdelay(25);
    initscr();
    raw();
    noecho();
    keypad(stdscr, TRUE);
    nodelay(stdscr, TRUE);
    init_colors(&t);
    int closed = run(&t);
    endwin();
    telnet_free(t.tn);
    close(t.fd);
    if (closed) {
        fprintf(stderr, "term3270: connection to %s closed%s%s\n", t.target,
                t.message[0] ? ": " : "", t.message);
        return 1;
    }
    return 0;
}
