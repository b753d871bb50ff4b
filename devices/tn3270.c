/*
 * tn3270.c - the TN3270 server: real terminal emulators (x3270, c3270,
 * s3270, wc3270, ...) become the machine's 3270 displays, and a plain
 * telnet client in line mode its 3215 console.
 *
 * The server offers TN3270E first (RFC 2355: DEVICE-TYPE with CONNECT to a
 * device number or group, no functions, each record behind the 5-byte
 * header). A client that refuses it gets basic TN3270 as RFC 1576
 * describes it: the server asks DO TERMINAL-TYPE and SB TERMINAL-TYPE SEND;
 * a type IBM-327x-n (or IBM-DYNAMIC) gets BINARY and END-OF-RECORD both
 * ways and then a 3270 device, one data stream record between IAC EORs. The
 * telnet protocol itself (option negotiation, IAC doubling) is libtelnet's.
 * Any other terminal type, a client that refuses TERMINAL-TYPE or one that
 * says nothing for a while, is a line-mode client and gets a free 3215.
 *
 * Device choice (Hercules' convention): a terminal type IBM-3278-2@CUU
 * (what x3270 sends for an LU name CUU@host in basic TN3270) asks for the
 * 3270 at CUU, IBM-3278-2@GROUP for a free one of that configured group;
 * otherwise a client gets the free 3270 with the lowest address that has
 * no group. A device whose configuration line restricts the client
 * address (IPADDR MASK) is never given to a client from elsewhere. Until the system writes to the device the client sees a
 * greeting that names the machine and the device; when none is free, a
 * polite screen and the connection closes.
 *
 * Nothing here blocks: every socket is non-blocking, output is queued per
 * connection (a client that stops reading is dropped when its queue passes
 * MAX_QUEUE), and connections are only freed between poll rounds, never
 * inside a callback from a device.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <libtelnet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include "hostcons.h"
#include "machine.h"
#include "tn3270.h"

#define MAX_CONNS (POLLER_MAXFDS - 16)  /* beyond this, a new connection is closed at once */
#define MAX_QUEUE (1u << 20)            /* output bytes a client may leave unread */
#define MAX_INBOUND 65536               /* longest inbound record */
#define MAX_LINE 255                    /* longest 3215 input line */
#define NEGOTIATE_MS 5000               /* silence before a client counts as line mode */
#define READ_MS 3000                    /* how long a read waits for the terminal */
#define CLOSE_MS 3000                   /* how long a farewell may take to drain */

enum mode { NEGOTIATING, BINARY_EOR, MODE_3270, MODE_LINE, CLOSING };

struct conn {
    struct tn3270 *srv;
    int fd;
    bool dead;                  /* to be freed at the next poll round */
    enum mode mode;
    telnet_t *tel;
    char peer[64];
    uint32_t ip;                /* the client's IPv4 address, host order */
    char ttype[64];
    uint64_t since;             /* ms: connected, or entered the current mode */
    uint64_t read_since;        /* ms: a read command went to the terminal */
    unsigned opts;              /* BINARY and EOR, both ways, as they are agreed */
    bool tn3270e;               /* TN3270E agreed: records carry the 5-byte header */
    bool ttype_asked;           /* DO TERMINAL-TYPE sent */
    struct device *dev;
    FILE *line_out;             /* MODE_LINE: the 3215's output stream */
    uint8_t *out;               /* queued output */
    size_t nout, capout;
    uint8_t *in;                /* inbound record or line being assembled (MAX_INBOUND + 1
                                   bytes, from the start of a session) */
    size_t nin;
    bool in_overflow;
    bool cr;                    /* MODE_LINE: the last byte ended a line with CR */
};

struct tn3270 {
    struct machine *m;
    int lfd;
    char name[96];              /* "s370 on HOST" */
    struct conn *conns[MAX_CONNS];
    unsigned nconns;
};

enum { OPT_BIN_US = 1, OPT_BIN_HIM = 2, OPT_EOR_US = 4, OPT_EOR_HIM = 8, OPT_ALL = 15 };

/* TN3270E (RFC 2355): the option, its subnegotiation codes, the reasons for
   a rejected DEVICE-TYPE REQUEST, and the data types of the message header. */
enum { TELOPT_TN3270E = 40 };
enum {
    E_ASSOCIATE = 0, E_CONNECT = 1, E_DEVICE_TYPE = 2, E_FUNCTIONS = 3, E_IS = 4,
    E_REASON = 5, E_REJECT = 6, E_REQUEST = 7, E_SEND = 8,
};
enum { E_DEVICE_IN_USE = 1, E_INV_NAME = 3, E_INV_DEVICE_TYPE = 4, E_UNSUPPORTED_REQ = 7 };
enum { E_3270_DATA = 0 };
#define E_HEADER 5                      /* data type, request, response flags, sequence number */

static const telnet_telopt_t telopts[] = {
    { TELOPT_TN3270E, TELNET_WONT, TELNET_DO },
    { TELNET_TELOPT_TTYPE, TELNET_WONT, TELNET_DO },
    { TELNET_TELOPT_BINARY, TELNET_WILL, TELNET_DO },
    { TELNET_TELOPT_EOR, TELNET_WILL, TELNET_DO },
    { -1, 0, 0 },
};

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* ---------------------------------------------------------------------- */
/* Output: queued, written as the socket takes it.                         */

static void flush_out(struct conn *c)
{
    while (c->nout && !c->dead) {
        ssize_t n = send(c->fd, c->out, c->nout, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
        if (n <= 0) {
            c->dead = true;
            return;
        }
        memmove(c->out, c->out + n, c->nout - (size_t)n);
        c->nout -= (size_t)n;
    }
}

static void queue_out(struct conn *c, const void *data, size_t n)
{
    if (c->dead) return;
    if (c->nout + n > MAX_QUEUE) {   /* the client does not read: drop it */
        c->dead = true;
        return;
    }
    if (c->nout + n > c->capout) {
        size_t cap = c->capout ? c->capout : 4096;
        while (cap < c->nout + n) cap *= 2;
        uint8_t *p = realloc(c->out, cap);
        if (!p) {
            c->dead = true;
            return;
        }
        c->out = p;
        c->capout = cap;
    }
    memcpy(c->out + c->nout, data, n);
    c->nout += n;
    flush_out(c);
}

/* One 3270 data stream record (behind a 3270-DATA header in TN3270E): IAC
   doubling by libtelnet, then IAC EOR. */
static void send_record(struct conn *c, const uint8_t *rec, size_t n)
{
    static const char header[E_HEADER] = { E_3270_DATA, 0, 0, 0, 0 };
    if (c->tn3270e) telnet_send(c->tel, header, sizeof header);
    telnet_send(c->tel, (const char *)rec, n);
    telnet_iac(c->tel, TELNET_EOR);
}

static void term_send(void *ctx, const uint8_t *rec, size_t n)
{
    struct conn *c = ctx;
    if (n && (rec[0] == DS_RB || rec[0] == DS_RM || rec[0] == DS_RMA)) c->read_since = now_ms();
    send_record(c, rec, n);
}

/* The 3215's output stream: new lines become CR LF, as NVT wants. */
static ssize_t line_write(void *ctx, const char *buf, size_t n)
{
    struct conn *c = ctx;
    for (size_t i = 0; i < n; i++) {
        if (buf[i] == '\n') telnet_send(c->tel, "\r\n", 2);
        else telnet_send(c->tel, buf + i, 1);
    }
    return (ssize_t)n;
}

/* ---------------------------------------------------------------------- */
/* Screens the server shows itself.                                        */

/* 12-bit buffer address code (GA23-0059, "Buffer Addressing"). */
static const uint8_t addr_code[64] = {
    0x40, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F,
    0x50, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xD9, 0x5A, 0x5B, 0x5C, 0x5D, 0x5E, 0x5F,
    0x60, 0x61, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F,
    0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0x7A, 0x7B, 0x7C, 0x7D, 0x7E, 0x7F,
};

struct screen { uint8_t b[1024]; size_t n; };

static void put(struct screen *s, uint8_t byte)
{
    if (s->n < sizeof s->b) s->b[s->n++] = byte;
}

/* SBA to row, column of a 24x80 screen, then a protected field (attribute
   0x60 normal, 0xE8 intensified) holding text. */
static void put_line(struct screen *s, unsigned row, unsigned col, uint8_t attr, const char *text)
{
    unsigned a = row * 80 + col;
    put(s, 0x11);
    put(s, addr_code[(a >> 6) & 63]);
    put(s, addr_code[a & 63]);
    put(s, 0x1D);
    put(s, attr);
    for (; *text && col < 79; text++, col++) put(s, ascii_to_ebcdic[(uint8_t)*text]);
}

static void put_cursor(struct screen *s, unsigned row, unsigned col)
{
    unsigned a = row * 80 + col;
    put(s, 0x11);
    put(s, addr_code[(a >> 6) & 63]);
    put(s, addr_code[a & 63]);
    put(s, 0x13);
}

static void greet(struct conn *c)
{
    struct screen s = { .n = 0 };
    char line[128];
    put(&s, DS_EW);
    put(&s, 0xC3);   /* WCC: reset, keyboard restore, reset MDT */
    put_line(&s, 2, 10, 0xE8, c->srv->name);
    snprintf(line, sizeof line, "Terminal %03X (%04X), connected from %s", c->dev->addr, c->dev->type,
             c->peer);
    put_line(&s, 4, 10, 0x60, line);
    put_line(&s, 6, 10, 0x60, "Waiting for the system to write to this terminal.");
    put_cursor(&s, 8, 10);
    send_record(c, s.b, s.n);
}

static void refuse_3270(struct conn *c, const char *why)
{
    struct screen s = { .n = 0 };
    put(&s, DS_EW);
    put(&s, 0xC3);
    put_line(&s, 2, 10, 0xE8, c->srv->name);
    put_line(&s, 4, 10, 0x60, why);
    put_line(&s, 6, 10, 0x60, "Please try again later. This connection will now close.");
    put_cursor(&s, 8, 10);
    send_record(c, s.b, s.n);
    c->mode = CLOSING;
    c->since = now_ms();
}

static void refuse_line(struct conn *c, const char *why)
{
    char msg[256];
    snprintf(msg, sizeof msg, "%s: %s\r\n", c->srv->name, why);
    telnet_send(c->tel, msg, strlen(msg));
    c->mode = CLOSING;
    c->since = now_ms();
}

/* ---------------------------------------------------------------------- */
/* Choosing a device.                                                      */

/* The inbound buffer, allocated when a session starts (a connection that
   never gets one costs little). */
static bool want_inbound(struct conn *c)
{
    if (!c->in) c->in = malloc(MAX_INBOUND + 1);
    if (!c->in) c->dead = true;
    return c->in != NULL;
}

struct device *tn3270_choose(struct chsys *cs, uint32_t ip, const char *want, char *why,
                             size_t whysize)
{
    char *end;
    unsigned long cuu = strtoul(want, &end, 16);
    if (*want && !*end && strlen(want) <= 4 && cuu <= 0xFFF && cs->byaddr[cuu] &&
        dev3270_is(cs->byaddr[cuu])) {
        struct device *d = cs->byaddr[cuu];
        if (dev3270_connected(d)) {
            snprintf(why, whysize, "Terminal %03lX is in use.", cuu);
            return NULL;
        }
        if (!dev3270_allows(d, ip, dev3270_group(d))) {   /* Hercules: no other device then */
            snprintf(why, whysize, "Terminal %03lX does not take clients from %u.%u.%u.%u.", cuu,
                     ip >> 24, (ip >> 16) & 255, (ip >> 8) & 255, ip & 255);
            return NULL;
        }
        return d;
    }
    for (unsigned a = 0; a < 0x1000; a++) {
        struct device *d = cs->byaddr[a];
        if (d && dev3270_is(d) && !dev3270_connected(d) && dev3270_allows(d, ip, want)) return d;
    }
    if (*want) snprintf(why, whysize, "No terminal %s is free on this system.", want);
    else snprintf(why, whysize, "No 3270 terminal is free on this system.");
    return NULL;
}

/* The model a terminal type names: IBM-3278-4 (also IBM-3279-4-E, ...) is
   4; IBM-DYNAMIC may have any size, so it counts as the largest. */
static int ttype_model(const char *t)
{
    if (!strncasecmp(t, "IBM-DYNAMIC", 11)) return 5;
    if (strlen(t) >= 10 && t[8] == '-' && t[9] >= '2' && t[9] <= '5') return t[9] - '0';
    return 0;
}

/* The device's messages go where the console writes. */
static void term_report(void *ctx, const char *msg)
{
    struct conn *c = ctx;
    struct console *con = c->srv->m->con;
    FILE *out = con && con->out ? con->out : stderr;
    fprintf(out, "%s\n", msg);
}

/* The session on c->dev (chosen from the terminal type's @ suffix unless
   TN3270E chose it already). */
static void start_3270(struct conn *c)
{
    char why[128];
    const char *at = strchr(c->ttype, '@');
    if (!want_inbound(c)) return;
    if (!c->dev) c->dev = tn3270_choose(c->srv->m->cs, c->ip, at ? at + 1 : "", why, sizeof why);
    if (c->dev && dev3270_connected(c->dev)) {   /* taken while TN3270E negotiated */
        snprintf(why, sizeof why, "Terminal %03X is in use.", c->dev->addr);
        c->dev = NULL;
    }
    if (!c->dev) {
        refuse_3270(c, why);
        return;
    }
    c->mode = MODE_3270;
    c->nin = 0;
    greet(c);
    dev3270_connect(c->dev, (struct dev3270_term){ .send = term_send, .ctx = c, .peer = c->peer,
                                                   .model = ttype_model(c->ttype),
                                                   .report = term_report });
}

static void start_line(struct conn *c)
{
    struct chsys *cs = c->srv->m->cs;
    c->nin = 0;
    if (!want_inbound(c)) return;
    for (unsigned a = 0; a < 0x1000; a++) {
        struct device *d = cs->byaddr[a];
        if (!d || !con3215_is(d) || con3215_has_remote(d)) continue;
        cookie_io_functions_t io = { .write = line_write };
        c->line_out = fopencookie(c, "w", io);
        if (!c->line_out || !con3215_set_remote(d, c->line_out)) break;
        c->dev = d;
        c->mode = MODE_LINE;
        char msg[160];
        snprintf(msg, sizeof msg, "%s: console %03X (%04X)\r\n", c->srv->name, d->addr, d->type);
        telnet_send(c->tel, msg, strlen(msg));
        return;
    }
    refuse_line(c, "no console (3215) is free on this system; use a 3270 emulator for a display");
}

/* ---------------------------------------------------------------------- */
/* Telnet events.                                                          */

static void inbound_3270(struct conn *c, const char *buf, size_t n)
{
    if (c->in_overflow || c->nin + n > MAX_INBOUND) {
        c->in_overflow = true;
        return;
    }
    memcpy(c->in + c->nin, buf, n);
    c->nin += n;
}

static void end_record(struct conn *c)
{
    if (c->tn3270e && !c->in_overflow) {   /* only 3270-DATA goes to the device */
        if (c->nin < E_HEADER || c->in[0] != E_3270_DATA) c->nin = 0;
        else memmove(c->in, c->in + E_HEADER, c->nin -= E_HEADER);
    }
    if (!c->in_overflow && c->nin) {
        c->read_since = 0;
        dev3270_inbound(c->dev, c->in, c->nin);
    }
    c->nin = 0;
    c->in_overflow = false;
}

static void inbound_line(struct conn *c, const char *buf, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char ch = buf[i];
        if (ch == '\r' || ch == '\n') {
            bool lf_after_cr = ch == '\n' && c->cr;
            c->cr = ch == '\r';
            if (lf_after_cr) continue;
            c->in[c->nin] = 0;
            con3215_input(c->dev, (const char *)c->in);
            c->nin = 0;
            continue;
        }
        if (ch == 0 && c->cr) continue;   /* CR NUL */
        c->cr = false;
        if (ch == 0 || c->nin >= MAX_LINE) continue;
        c->in[c->nin++] = (uint8_t)ch;
    }
}

static bool is_3270_type(const char *t)
{
    return !strncasecmp(t, "IBM-327", 7) || !strncasecmp(t, "IBM-DYNAMIC", 11);
}

static void ask_binary_eor(struct conn *c)
{
    c->mode = BINARY_EOR;
    c->since = now_ms();
    telnet_negotiate(c->tel, TELNET_DO, TELNET_TELOPT_EOR);
    telnet_negotiate(c->tel, TELNET_WILL, TELNET_TELOPT_EOR);
    telnet_negotiate(c->tel, TELNET_DO, TELNET_TELOPT_BINARY);
    telnet_negotiate(c->tel, TELNET_WILL, TELNET_TELOPT_BINARY);
}

static void option(struct conn *c, unsigned char telopt, unsigned bin, unsigned eor, bool on)
{
    unsigned bit = telopt == TELNET_TELOPT_BINARY ? bin : telopt == TELNET_TELOPT_EOR ? eor : 0;
    if (!bit) return;
    if (on) c->opts |= bit;
    else c->opts &= ~bit;
    if (c->mode == BINARY_EOR && c->opts == OPT_ALL) start_3270(c);
    else if (c->mode == BINARY_EOR && !on) refuse_line(c, "a 3270 session needs BINARY and END-OF-RECORD");
    else if (c->mode == MODE_3270 && !on && !c->tn3270e) c->dead = true;
}

static void ask_ttype(struct conn *c)
{
    if (c->ttype_asked) return;
    c->ttype_asked = true;
    telnet_negotiate(c->tel, TELNET_DO, TELNET_TELOPT_TTYPE);
}

/* ---------------------------------------------------------------------- */
/* TN3270E (RFC 2355): DEVICE-TYPE with CONNECT, no FUNCTIONS.             */

static void e_send(struct conn *c, const char *sb, size_t n)
{
    telnet_subnegotiation(c->tel, TELOPT_TN3270E, sb, n);
}

static void e_reject(struct conn *c, uint8_t reason)
{
    const char sb[] = { E_DEVICE_TYPE, E_REJECT, E_REASON, (char)reason };
    e_send(c, sb, sizeof sb);
}

/* DEVICE-TYPE REQUEST type [CONNECT name | ASSOCIATE name]: the device
   named (a device number or a group), or any free one. */
static void e_device_type(struct conn *c, const char *b, size_t n)
{
    size_t k = 0;
    while (k < n && b[k] != E_CONNECT && b[k] != E_ASSOCIATE) k++;
    char name[64] = "", why[128];
    snprintf(c->ttype, sizeof c->ttype, "%.*s", (int)(k < 63 ? k : 63), b);
    if (k < n) snprintf(name, sizeof name, "%.*s", (int)(n - k - 1 < 63 ? n - k - 1 : 63), b + k + 1);
    if (k < n && b[k] == E_ASSOCIATE) return e_reject(c, E_UNSUPPORTED_REQ);
    if (!is_3270_type(c->ttype)) return e_reject(c, E_INV_DEVICE_TYPE);
    c->dev = tn3270_choose(c->srv->m->cs, c->ip, name, why, sizeof why);
    if (!c->dev) return e_reject(c, strstr(why, "in use") ? E_DEVICE_IN_USE : E_INV_NAME);
    char sb[96];
    size_t len = (size_t)snprintf(sb, sizeof sb, "%c%c%s%c%03X", E_DEVICE_TYPE, E_IS, c->ttype,
                                  E_CONNECT, c->dev->addr);
    e_send(c, sb, len);
}

/* FUNCTIONS REQUEST list: we take none, so an empty list is agreed with IS
   and any other answered with our (empty) REQUEST; FUNCTIONS IS ends it. */
static void e_functions(struct conn *c, uint8_t op, size_t nfunc)
{
    if (!c->dev) return;
    if (op == E_REQUEST && nfunc) {
        const char sb[] = { E_FUNCTIONS, E_REQUEST };
        e_send(c, sb, sizeof sb);
        return;
    }
    if (op == E_REQUEST) {
        const char sb[] = { E_FUNCTIONS, E_IS };
        e_send(c, sb, sizeof sb);
    }
    c->tn3270e = true;
    start_3270(c);
}

static void on_tn3270e(struct conn *c, const char *b, size_t n)
{
    if (c->mode != NEGOTIATING || n < 2) return;
    if (b[0] == E_DEVICE_TYPE && b[1] == E_REQUEST) e_device_type(c, b + 2, n - 2);
    else if (b[0] == E_FUNCTIONS && (b[1] == E_REQUEST || b[1] == E_IS))
        e_functions(c, (uint8_t)b[1], n - 2);
}

static void on_event(telnet_t *tel, telnet_event_t *ev, void *ctx)
{
    struct conn *c = ctx;
    (void)tel;
    switch (ev->type) {
    case TELNET_EV_SEND:
        queue_out(c, ev->data.buffer, ev->data.size);
        break;
    case TELNET_EV_DATA:
        if (c->mode == MODE_3270) inbound_3270(c, ev->data.buffer, ev->data.size);
        else if (c->mode == MODE_LINE) inbound_line(c, ev->data.buffer, ev->data.size);
        break;
    case TELNET_EV_IAC:
        if (ev->iac.cmd == TELNET_EOR && c->mode == MODE_3270) end_record(c);
        break;
    case TELNET_EV_WILL:
        if (ev->neg.telopt == TELOPT_TN3270E && c->mode == NEGOTIATING && !c->ttype[0]) {
            const char sb[] = { E_SEND, E_DEVICE_TYPE };
            e_send(c, sb, sizeof sb);
        }
        if (ev->neg.telopt == TELNET_TELOPT_TTYPE && c->mode == NEGOTIATING) telnet_ttype_send(c->tel);
        option(c, ev->neg.telopt, OPT_BIN_HIM, OPT_EOR_HIM, true);
        break;
    case TELNET_EV_WONT:
        if (ev->neg.telopt == TELOPT_TN3270E && c->mode == NEGOTIATING) {   /* basic TN3270 */
            c->dev = NULL;
            ask_ttype(c);
        }
        if (ev->neg.telopt == TELNET_TELOPT_TTYPE && c->mode == NEGOTIATING) start_line(c);
        option(c, ev->neg.telopt, OPT_BIN_HIM, OPT_EOR_HIM, false);
        break;
    case TELNET_EV_DO:
        option(c, ev->neg.telopt, OPT_BIN_US, OPT_EOR_US, true);
        break;
    case TELNET_EV_DONT:
        option(c, ev->neg.telopt, OPT_BIN_US, OPT_EOR_US, false);
        break;
    case TELNET_EV_TTYPE:
        if (ev->ttype.cmd != TELNET_TTYPE_IS || c->mode != NEGOTIATING) break;
        snprintf(c->ttype, sizeof c->ttype, "%s", ev->ttype.name ? ev->ttype.name : "");
        if (is_3270_type(c->ttype)) ask_binary_eor(c);
        else start_line(c);
        break;
    case TELNET_EV_SUBNEGOTIATION:
        if (ev->sub.telopt == TELOPT_TN3270E) on_tn3270e(c, ev->sub.buffer, ev->sub.size);
        break;
    case TELNET_EV_ERROR:
        c->dead = true;
        break;
    default:
        break;
    }
}

/* ---------------------------------------------------------------------- */
/* Connections.                                                            */

static void accept_all(struct tn3270 *s)
{
    for (int i = 0; i < 64; i++) {
        struct sockaddr_in sa;
        socklen_t len = sizeof sa;
        int fd = accept4(s->lfd, (struct sockaddr *)&sa, &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) return;
        struct conn *c = s->nconns < MAX_CONNS ? calloc(1, sizeof *c) : NULL;
        telnet_t *tel = c ? telnet_init(telopts, on_event, 0, c) : NULL;
        if (!tel) {   /* too many clients, or no memory: turn this one away */
            free(c);
            close(fd);
            continue;
        }
        c->srv = s;
        c->fd = fd;
        c->tel = tel;
        c->since = now_ms();
        c->ip = ntohl(sa.sin_addr.s_addr);
        char ip[INET_ADDRSTRLEN] = "?";
        inet_ntop(AF_INET, &sa.sin_addr, ip, sizeof ip);
        snprintf(c->peer, sizeof c->peer, "%s:%u", ip, ntohs(sa.sin_port));
        s->conns[s->nconns++] = c;
        telnet_negotiate(tel, TELNET_DO, TELOPT_TN3270E);
    }
}

static void conn_free(struct conn *c)
{
    if (c->dev && c->mode == MODE_3270) dev3270_disconnect(c->dev);
    if (c->line_out) {
        c->dead = true;   /* nothing more reaches the socket */
        con3215_set_remote(c->dev, NULL);
        fclose(c->line_out);
    }
    telnet_free(c->tel);
    close(c->fd);
    free(c->in);
    free(c->out);
    free(c);
}

/* Timeouts: a silent client becomes line mode, a read the terminal does not
   answer ends, a farewell that does not drain is cut. */
static void check_times(struct conn *c, uint64_t now)
{
    if (c->mode == NEGOTIATING && now - c->since > NEGOTIATE_MS) start_line(c);
    else if (c->mode == BINARY_EOR && now - c->since > NEGOTIATE_MS)
        refuse_line(c, "a 3270 session needs BINARY and END-OF-RECORD");
    else if (c->mode == MODE_3270 && c->read_since && now - c->read_since > READ_MS) {
        c->read_since = 0;
        if (dev3270_reading(c->dev)) dev3270_read_timeout(c->dev);
    } else if (c->mode == CLOSING && (!c->nout || now - c->since > CLOSE_MS))
        c->dead = true;
}

static int srv_fds(void *ctx, struct pollfd *fds, int max)
{
    struct tn3270 *s = ctx;
    uint64_t now = now_ms();
    unsigned keep = 0;
    for (unsigned i = 0; i < s->nconns; i++) {
        struct conn *c = s->conns[i];
        if (!c->dead) check_times(c, now);
        if (c->dead) conn_free(c);
        else s->conns[keep++] = c;
    }
    s->nconns = keep;
    int n = 0;
    if (n < max) fds[n++] = (struct pollfd){ .fd = s->lfd, .events = POLLIN };
    for (unsigned i = 0; i < s->nconns && n < max; i++)
        fds[n++] = (struct pollfd){ .fd = s->conns[i]->fd,
                                    .events = (short)(POLLIN | (s->conns[i]->nout ? POLLOUT : 0)) };
    return n;
}

/* libtelnet reports nothing when a client refuses an option we asked for
   (WONT in answer to our DO), so the refusals that decide the session are
   looked for here: no TN3270E asks for the terminal type (basic TN3270),
   no TERMINAL-TYPE makes a line-mode client. */
static void refusals(struct conn *c, const char *buf, size_t n)
{
    for (size_t i = 0; i + 2 < n && c->mode == NEGOTIATING; i++) {
        if ((uint8_t)buf[i] != TELNET_IAC || (uint8_t)buf[i + 1] != TELNET_WONT) continue;
        if ((uint8_t)buf[i + 2] == TELOPT_TN3270E) {
            c->dev = NULL;
            ask_ttype(c);
        } else if ((uint8_t)buf[i + 2] == TELNET_TELOPT_TTYPE) {
            start_line(c);
        }
    }
}

static void srv_ready(void *ctx, struct pollfd *fds, int n)
{
    struct tn3270 *s = ctx;
    /* fds[0] is the listening socket, fds[1 + i] connection i (srv_fds). */
    for (int i = 1; i < n && (unsigned)(i - 1) < s->nconns; i++) {
        struct conn *c = s->conns[i - 1];
        if (c->dead || !fds[i].revents) continue;
        if (fds[i].revents & POLLOUT) flush_out(c);
        if (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) {
            char buf[4096];
            ssize_t got = recv(c->fd, buf, sizeof buf, MSG_DONTWAIT);
            if (got > 0 && c->mode != CLOSING) {
                telnet_recv(c->tel, buf, (size_t)got);
                if (c->mode == NEGOTIATING && !c->dead) refusals(c, buf, (size_t)got);
            }
            else if (got == 0 || (got < 0 && errno != EAGAIN && errno != EINTR)) c->dead = true;
        }
    }
    if (n > 0 && (fds[0].revents & POLLIN)) accept_all(s);
}

struct tn3270 *tn3270_start(struct machine *m, const char *host, unsigned port, char *err,
                            size_t errsize)
{
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
    if (inet_pton(AF_INET, host, &sa.sin_addr) != 1) {
        snprintf(err, errsize, "%s is not an IPv4 address", host);
        return NULL;
    }
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int one = 1;
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
        bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(fd, 256) < 0) {
        snprintf(err, errsize, "cannot listen on %s:%u: %s", host, port, strerror(errno));
        if (fd >= 0) close(fd);
        return NULL;
    }
    struct tn3270 *s = calloc(1, sizeof *s);
    if (!s || !machine_add_poller(m, (struct poller){ .fds = srv_fds, .ready = srv_ready, .ctx = s })) {
        snprintf(err, errsize, "cannot register the TN3270 server with the console");
        free(s);
        close(fd);
        return NULL;
    }
    s->m = m;
    s->lfd = fd;
    char hostname[64] = "localhost";
    gethostname(hostname, sizeof hostname - 1);
    snprintf(s->name, sizeof s->name, "s370 System/370 on %s", hostname);
    return s;
}

void tn3270_stop(struct tn3270 *s)
{
    if (!s) return;
    for (unsigned i = 0; i < s->nconns; i++) {
        flush_out(s->conns[i]);
        conn_free(s->conns[i]);
    }
    close(s->lfd);
    free(s);
}

bool tn3270_configure(struct machine *m, const char *arg, struct tn3270 **s, FILE *msg)
{
    char host[64] = "127.0.0.1", err[160];
    unsigned port = m->cnslport ? m->cnslport : 3270;
    bool want = arg || m->cnslport;
    *s = NULL;
    if (m->cnslhost[0]) snprintf(host, sizeof host, "%s", m->cnslhost);
    if (arg) {
        const char *colon = strrchr(arg, ':');
        char *end;
        unsigned long v = strtoul(colon ? colon + 1 : arg, &end, 10);
        size_t hn = colon ? (size_t)(colon - arg) : 0;
        if (*end || end == (colon ? colon + 1 : arg) || v == 0 || v > 65535 || hn >= sizeof host) {
            fprintf(msg, "s370: --tn3270 wants HOST:PORT or PORT: %s\n", arg);
            return false;
        }
        port = (unsigned)v;
        if (hn) {
            memcpy(host, arg, hn);
            host[hn] = 0;
        }
    }
    for (unsigned i = 0; i < m->cs->ndev && !want; i++) want = dev3270_is(m->cs->dev[i]);
    if (!want) return true;
    *s = tn3270_start(m, host, port, err, sizeof err);
    if (!*s) fprintf(msg, "s370: TN3270 server: %s; the machine runs without it\n", err);
    else fprintf(msg, "s370: TN3270 server listening on %s:%u\n", host, port);
    return true;
}
