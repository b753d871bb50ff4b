/*
 * tnfake.c - a scripted TN3270 host for tests/system/term3270.sh: it
 * listens on 127.0.0.1:PORT, takes one client, negotiates TERMINAL-TYPE,
 * BINARY and EOR (RFC 1576), and shows a form with a name field and a
 * non-display password field. Every inbound record is printed as
 * "IN hex..." on stdout and answered with a Write that restores the keyboard
 * and shows the AID; Clear brings the form back, PF12 gets a record with an
 * unknown order (the client must report it). Written for the tests only.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <libtelnet.h>
#include "ebcdic.h"
#include "screen3270.h"

struct fake {
    telnet_t *tn;
    int fd;
    uint8_t rec[8192];
    size_t len;
};

static size_t text(uint8_t *p, const char *s)
{
    size_t n = strlen(s);
    ebcdic_from_text(p, s, n);
    return n;
}

static size_t sba(uint8_t *p, int addr)
{
    p[0] = SCR_ORD_SBA;
    scr3270_addr_encode(1920, addr, p + 1);
    return 3;
}

static void send_rec(struct fake *f, const uint8_t *r, size_t n)
{
    telnet_send(f->tn, (const char *)r, n);
    telnet_iac(f->tn, TELNET_EOR);
}

/* Rows 1, 3, 4, 6: a title, NAME at 167..186, PASSWORD (non-display) at
   251..270, the last AID at 406. */
static void form(struct fake *f)
{
    uint8_t r[512];
    size_t n = 0;
    r[n++] = SCR_RCMD_EW; r[n++] = 0xC3;
    r[n++] = SCR_ORD_SF; r[n++] = 0xE8; n += text(r + n, "TNFAKE FORM");
    n += sba(r + n, 160); r[n++] = SCR_ORD_SF; r[n++] = 0x60; n += text(r + n, "NAME:");
    r[n++] = SCR_ORD_SF; r[n++] = 0x40; r[n++] = SCR_ORD_IC;
    n += sba(r + n, 187); r[n++] = SCR_ORD_SF; r[n++] = 0x60;
    n += sba(r + n, 240); r[n++] = SCR_ORD_SF; r[n++] = 0x60; n += text(r + n, "PASSWORD:");
    r[n++] = SCR_ORD_SF; r[n++] = 0x4C;
    n += sba(r + n, 271); r[n++] = SCR_ORD_SF; r[n++] = 0x60;
    n += sba(r + n, 400); r[n++] = SCR_ORD_SF; r[n++] = 0x60; n += text(r + n, "AID:");
    send_rec(f, r, n);
}

static void inbound(struct fake *f)
{
    uint8_t r[64];
    char msg[32];
    size_t n = 0;
    printf("IN");
    for (size_t i = 0; i < f->len; i++) printf(" %02X", f->rec[i]);
    printf("\n");
    fflush(stdout);
    if (f->len > 0 && f->rec[0] == SCR_AID_CLEAR) { form(f); return; }
    r[n++] = SCR_RCMD_W;
    r[n++] = 0xC2;                                  /* keyboard restore */
    if (f->len > 0 && f->rec[0] == 0x7C) r[n++] = 0x3E;   /* PF12: a bad order */
    n += sba(r + n, 406);
    snprintf(msg, sizeof msg, "%02X LEN %zu   ", f->len ? f->rec[0] : 0, f->len);
    n += text(r + n, msg);
    send_rec(f, r, n);
}

static void on_event(telnet_t *tn, telnet_event_t *ev, void *user)
{
    struct fake *f = user;
    switch (ev->type) {
    case TELNET_EV_SEND:
        if (write(f->fd, ev->data.buffer, ev->data.size) < 0) exit(1);
        break;
    case TELNET_EV_DATA:
        if (f->len + ev->data.size <= sizeof f->rec) {
            memcpy(f->rec + f->len, ev->data.buffer, ev->data.size);
            f->len += ev->data.size;
        }
        break;
    case TELNET_EV_IAC:
        if (ev->iac.cmd == TELNET_EOR) { inbound(f); f->len = 0; }
        break;
    case TELNET_EV_WILL:
        if (ev->neg.telopt == TELNET_TELOPT_TTYPE) telnet_ttype_send(tn);
        break;
    case TELNET_EV_TTYPE:
        if (ev->ttype.cmd == TELNET_TTYPE_IS) {
            printf("TTYPE %s\n", ev->ttype.name);
            fflush(stdout);
            telnet_negotiate(tn, TELNET_DO, TELNET_TELOPT_EOR);
            telnet_negotiate(tn, TELNET_WILL, TELNET_TELOPT_EOR);
            telnet_negotiate(tn, TELNET_DO, TELNET_TELOPT_BINARY);
            telnet_negotiate(tn, TELNET_WILL, TELNET_TELOPT_BINARY);
            form(f);
        }
        break;
    default:
        break;
    }
}

int main(int argc, char **argv)
{
    static const telnet_telopt_t opts[] = {
        { TELNET_TELOPT_TTYPE, TELNET_WONT, TELNET_DO },
        { TELNET_TELOPT_BINARY, TELNET_WILL, TELNET_DO },
        { TELNET_TELOPT_EOR, TELNET_WILL, TELNET_DO },
        { -1, 0, 0 },
    };
    if (argc != 2) { fprintf(stderr, "usage: tnfake PORT\n"); return 2; }
    int ls = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(argv[1])) };
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(ls, (struct sockaddr *)&a, sizeof a) || listen(ls, 1)) { perror("tnfake: bind"); return 3; }
    printf("LISTENING %s\n", argv[1]);
    fflush(stdout);
    static struct fake f;
    f.fd = accept(ls, NULL, NULL);
    close(ls);
    if (f.fd < 0) return 1;
    f.tn = telnet_init(opts, on_event, 0, &f);
    telnet_negotiate(f.tn, TELNET_DO, TELNET_TELOPT_TTYPE);
    char buf[4096];
    ssize_t n;
    while ((n = read(f.fd, buf, sizeof buf)) > 0) telnet_recv(f.tn, buf, (size_t)n);
    printf("CLOSED\n");
    telnet_free(f.tn);
    return 0;
}
