/*
 * dev3270.c - locally attached non-SNA 3270 display stations (3277, 3278
 * models 2-5, 3279) behind a 3274 control unit: the channel side of the
 * 3274 Control Unit Description and Programmer's Guide (GA23-0061) and the
 * 3270 Information Display System Component Description (GA27-2749).
 *
 * Configuration: CUU 3270|3277|3278|3279 [GROUP|*] [IPADDR [MASK]], with
 * MODn anywhere (include/args3270.h): GROUP is a name a TN3270 client can
 * ask for, IPADDR and MASK the clients the TN3270 server lets use it.
 *
 * Channel commands: 01 Write, 05 Erase/Write, 0D Erase/Write Alternate,
 * 0F Erase All Unprotected, 11 Write Structured Field, 02 Read Buffer,
 * 06 Read Modified, 0E Read Modified All, 0B/1B/2B/3B/4B Select, 03 NOP,
 * 04 Sense, E4 Sense ID.
 *
 * The screen buffer lives in the terminal (include/tn3270.h): every write
 * goes to it as one data stream record. An AID key makes the terminal send
 * the AID record; the device keeps it and presents attention, and Read
 * Modified returns it (a short read for PA keys and Clear, because the
 * terminal sends only the AID then). Keyboard restore in a WCC, an erase
 * or Erase All Unprotected resets the AID, as on the real control unit.
 * Each write is checked against a model of the buffer (include/screen3270.h;
 * its size follows Erase/Write, Erase/Write Alternate and the terminal's
 * Clear key) before it goes out: a bad order, a buffer address beyond the
 * screen or a truncated order ends the write with unit check and operation
 * check (sense X'01', GA23-0061), the orders before it done, and the
 * operator is told which device and what; the terminal gets only that
 * valid part.
 * Read Buffer, and Read Modified without an AID, ask the terminal and end
 * when its answer comes (or with the "no AID" answer if it never does).
 * With no terminal connected every command except Sense and Sense ID is
 * unit check with intervention required; a terminal that connects gives
 * an unsolicited device end, as switching a real display on does.
 */
#include <stdlib.h>
#include <string.h>
#include "args3270.h"
#include "screen3270.h"
#include "tn3270.h"

#define MAX_RECORD 65536   /* longest outbound or inbound record kept */

struct dev3270 {
    struct dev3270_term term;   /* send is NULL when no terminal is connected */
    struct args3270 args;       /* group, model, client address restriction */
    uint8_t model;
    bool fresh;                 /* connected, nothing sent to the terminal yet */
    bool reading;               /* a read waits for the terminal's answer */
    bool have_aid;              /* inbound holds the record of an AID key */
    uint8_t *inbound;
    size_t ninbound;
    uint8_t cursor[2];          /* the cursor address the terminal last sent */
    struct scr3270 *scr;        /* the buffer as the program's writes left it */
    struct scr3270 *trial;      /* scratch: a write applied to a copy first */
    unsigned writes, reads, attentions, stream_errors;
    char last_error[200];       /* the last data stream error, for devlist */
};

/* Channel command -> data stream command (0 for non-data-stream commands). */
static uint8_t stream_command(uint8_t cmd)
{
    switch (cmd) {
    case 0x01: return DS_W;
    case 0x05: return DS_EW;
    case 0x0D: return DS_EWA;
    case 0x0F: return DS_EAU;
    case 0x11: return DS_WSF;
    case 0x02: return DS_RB;
    case 0x06: return DS_RM;
    case 0x0E: return DS_RMA;
    default: return 0;
    }
}

static void send_term(struct dev3270 *t, const uint8_t *rec, size_t n)
{
    if (t->fresh && rec[0] != DS_EW && rec[0] != DS_EWA) {
        /* The terminal still shows the server's greeting: clear it first, so
           the program finds the buffer a display has after power on. */
        static const uint8_t clear[] = { DS_EW, 0x00 };
        t->term.send(t->term.ctx, clear, sizeof clear);
    }
    t->fresh = false;
    t->term.send(t->term.ctx, rec, n);
}

static const char *command_name(uint8_t cmd)
{
    switch (cmd) {
    case 0x01: return "Write";
    case 0x05: return "Erase/Write";
    case 0x0D: return "Erase/Write Alternate";
    default: return "Erase All Unprotected";
    }
}

/*
 * Check the outbound record rec (stream command first) against the buffer
 * model, as the 3274 does while it executes the orders. A valid stream is
 * applied to the model and kept whole. At the first bad order, buffer
 * address or truncated order, the 3274 stops with operation check, the
 * orders before it done: *n becomes the length of that valid part (which
 * is what the terminal gets), the operator is told, and false is returned.
 */
static bool check_stream(struct device *d, struct dev3270 *t, uint8_t cmd, const uint8_t *rec,
                         size_t *n)
{
    struct scr3270_err e;
    memcpy(t->trial, t->scr, sizeof *t->scr);
    if (scr3270_write(t->trial, rec[0], rec + 1, *n - 1, &e) == 0) {
        struct scr3270 *done = t->trial;
        t->trial = t->scr;
        t->scr = done;
        return true;
    }
    size_t valid = e.order + 1;
    scr3270_write(t->scr, rec[0], rec + 1, valid - 1, NULL);   /* the part before: valid */
    *n = valid;
    t->stream_errors++;
    snprintf(t->last_error, sizeof t->last_error, "%s, data offset %zu: %s", command_name(cmd),
             e.offset, e.msg);
    if (t->term.report) {
        char msg[300];
        snprintf(msg, sizeof msg, "3270 %03X: bad data stream from the program, %s: "
                 "unit check, operation check", d->addr, t->last_error);
        t->term.report(t->term.ctx, msg);
    }
    return false;
}

/* Write, Erase/Write, Erase/Write Alternate, Erase All Unprotected, Write
   Structured Field: the CCW's data, behind the stream command, to the terminal
   (the valid part of it: check_stream). */
static unsigned do_write(struct device *d, struct dev3270 *t, uint8_t cmd)
{
    size_t cap = 4096, n = 1;
    uint8_t *rec = malloc(cap);
    if (!rec) return dev_unit_check(d, SNS_EQUIPCHK);
    rec[0] = stream_command(cmd);
    if (cmd != 0x0F) {
        unsigned got;
        do {
            if (n == cap) {
                uint8_t *bigger = cap < MAX_RECORD ? realloc(rec, cap * 2) : NULL;
                if (!bigger) {   /* longer than any screen: the rest is dropped */
                    uint8_t sink[256];
                    while (dev_out(d, sink, sizeof sink, false) > 0) {}
                    break;
                }
                rec = bigger;
                cap *= 2;
            }
            got = dev_out(d, rec + n, (unsigned)(cap - n), false);
            n += got;
        } while (got > 0);
    }
    bool restore = cmd == 0x05 || cmd == 0x0D || cmd == 0x0F ||
                   (cmd == 0x01 && n > 1 && (rec[1] & WCC_RESTORE));
    bool valid = cmd == 0x11 || check_stream(d, t, cmd, rec, &n);
    if (restore) t->have_aid = false;
    send_term(t, rec, n);
    free(rec);
    t->writes++;
    return valid ? US_CE | US_DE : dev_unit_check(d, SNS3270_OPCHK);
}

static unsigned do_read(struct device *d, struct dev3270 *t, uint8_t cmd)
{
    t->reads++;
    if (cmd != 0x02 && t->have_aid) {
        dev_in(d, t->inbound, (unsigned)t->ninbound);
        return US_CE | US_DE;
    }
    uint8_t rec[1] = { stream_command(cmd) };
    send_term(t, rec, 1);
    t->reading = true;
    return DEV_LATER;
}

/* The select commands of a local 3274: accepted, nothing to do here. */
static bool is_select(uint8_t cmd) { return (cmd & 0x0F) == 0x0B && cmd <= 0x4B; }

static unsigned t_start(struct device *d, uint8_t cmd)
{
    struct dev3270 *t = d->priv;
    if (cmd == 0x04) return dev_sense(d);
    if (cmd == 0xE4) {
        uint16_t type = d->type == 0x3270 ? 0x3278 : d->type;
        uint8_t id[7] = { 0xFF, 0x32, 0x74, 0x1D, (uint8_t)(type >> 8), (uint8_t)type, t->model };
        dev_in(d, id, sizeof id);
        return US_CE | US_DE;
    }
    if (!t->term.send) {
        if (cmd == 0x03 || is_select(cmd) || stream_command(cmd)) return dev_unit_check(d, SNS_INTREQ);
        return dev_unit_check(d, SNS_CMDREJ);
    }
    if (cmd == 0x03 || is_select(cmd)) return US_CE | US_DE;
    switch (cmd) {
    case 0x01: case 0x05: case 0x0D: case 0x0F: case 0x11: return do_write(d, t, cmd);
    case 0x02: case 0x06: case 0x0E: return do_read(d, t, cmd);
    default: return dev_unit_check(d, SNS_CMDREJ);
    }
}

static void t_halt(struct device *d)
{
    struct dev3270 *t = d->priv;
    t->reading = false;
}

static void t_reset(struct device *d)
{
    struct dev3270 *t = d->priv;
    t->reading = false;
    t->have_aid = false;
}

static void t_close(struct device *d)
{
    struct dev3270 *t = d->priv;
    free(t->scr);
    free(t->trial);
    free(t->inbound);
    free(t);
}

static void t_describe(struct device *d, char *buf, size_t size)
{
    struct dev3270 *t = d->priv;
    int len = snprintf(buf, size, "%s%s%s%s%s, %u writes, %u reads, %u attentions%s",
             t->term.send ? "terminal connected" : "no terminal",
             t->term.send && t->term.peer ? " from " : "", t->term.send && t->term.peer ? t->term.peer : "",
             t->args.group[0] ? ", group " : "",
             t->args.group, t->writes, t->reads, t->attentions, t->reading ? ", read waiting" : "");
    if (t->stream_errors && len >= 0 && (size_t)len < size)
        snprintf(buf + len, size - (size_t)len, ", %u data stream error%s (last: %s)", t->stream_errors,
                 t->stream_errors == 1 ? "" : "s", t->last_error);
}

static const struct devops t_ops = {
    .start = t_start, .halt = t_halt, .reset = t_reset, .close = t_close,
    .describe = t_describe,
};

bool dev3270_is(const struct device *d) { return d->ops == &t_ops; }

const char *dev3270_group(const struct device *d)
{
    return ((struct dev3270 *)d->priv)->args.group;
}

bool dev3270_allows(const struct device *d, uint32_t ip, const char *group)
{
    return args3270_allows(&((struct dev3270 *)d->priv)->args, ip, group);
}

bool dev3270_connected(const struct device *d)
{
    return ((struct dev3270 *)d->priv)->term.send != NULL;
}

bool dev3270_reading(const struct device *d)
{
    return ((struct dev3270 *)d->priv)->reading;
}

void dev3270_connect(struct device *d, struct dev3270_term term)
{
    struct dev3270 *t = d->priv;
    t->term = term;
    t->fresh = true;
    /* The model of the buffer: the terminal's if it is larger (its type said so). */
    scr3270_init(t->scr, term.model > t->model && term.model <= 5 ? term.model : t->model);
    t->have_aid = false;
    t->cursor[0] = t->cursor[1] = 0x40;
    dev_status(d, US_DE);
}

void dev3270_disconnect(struct device *d)
{
    struct dev3270 *t = d->priv;
    t->term = (struct dev3270_term){ 0 };
    t->have_aid = false;
    if (t->reading) {
        t->reading = false;
        dev_done(d, dev_unit_check(d, SNS_INTREQ));
    }
}

/* The AIDs a 3270 sends (GA23-0059, "Attention Identification"): no AID,
   Enter, PF1-PF24, PA1-PA3, Clear, Clear Partition, SysReq (test request),
   selector pen, trigger action, structured field, read partition, readers. */
static bool valid_aid(uint8_t aid)
{
    static const uint8_t aids[] = {
        0x60, 0x7D, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0x7A, 0x7B, 0x7C,
        0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0x4A, 0x4B, 0x4C,
        0x6C, 0x6E, 0x6B, 0x6D, 0x6A, 0xF0, 0x7E, 0x7F, 0x88, 0x61, 0xE6, 0xE7,
    };
    return memchr(aids, aid, sizeof aids) != NULL;
}

bool dev3270_inbound(struct device *d, const uint8_t *rec, size_t n)
{
    struct dev3270 *t = d->priv;
    if (n == 0 || n > MAX_RECORD || !valid_aid(rec[0]) || !t->term.send) return false;
    if (n >= 3) memcpy(t->cursor, rec + 1, 2);
    if (rec[0] == AID_CLEAR) {   /* the terminal erased itself back to its default size */
        uint8_t clear[4];
        scr3270_key_reset(t->scr);
        scr3270_attn(t->scr, AID_CLEAR, clear, sizeof clear);
    }
    if (t->reading) {   /* the answer to Read Buffer or Read Modified */
        t->reading = false;
        dev_in(d, rec, (unsigned)n);
        dev_done(d, US_CE | US_DE);
        return true;
    }
    uint8_t *copy = realloc(t->inbound, n);
    if (!copy) return false;
    memcpy(copy, rec, n);
    t->inbound = copy;
    t->ninbound = n;
    t->have_aid = true;
    t->attentions++;
    dev_status(d, US_ATTN);
    return true;
}

void dev3270_read_timeout(struct device *d)
{
    struct dev3270 *t = d->priv;
    if (!t->reading) return;
    uint8_t noaid[3] = { AID_NONE, t->cursor[0], t->cursor[1] };
    t->reading = false;
    dev_in(d, noaid, sizeof noaid);
    dev_done(d, US_CE | US_DE);
}

bool dev3270_attach(struct chsys *cs, uint16_t addr, uint16_t type, int argc, char **argv,
                    char *err, size_t errsize)
{
    struct dev3270 *t = calloc(1, sizeof *t);
    if (!t) return false;
    if (!args3270_parse(argc, argv, &t->args, err, errsize)) {
        free(t);
        return false;
    }
    t->model = (uint8_t)(t->args.model ? t->args.model : 2);
    t->scr = malloc(sizeof *t->scr);
    t->trial = malloc(sizeof *t->trial);
    if (!t->scr || !t->trial) {
        snprintf(err, errsize, "out of memory");
        free(t->scr);
        free(t->trial);
        free(t);
        return false;
    }
    scr3270_init(t->scr, t->model);
    struct device *d = chsys_add(cs, addr, type, &t_ops, t);
    if (!d) {
        snprintf(err, errsize, "device %03X is defined twice", addr);
        free(t->scr);
        free(t->trial);
        free(t);
        return false;
    }
    return true;
}
