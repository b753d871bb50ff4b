/*
 * con3215.c - the 3215 console printer-keyboard (GA24-3631), on the host
 * console: what the program writes appears on the host console's output,
 * and a host console line starting with '/' is typed on it.
 *
 * Commands: 01 write without carrier return, 09 write with carrier return,
 * 0A read inquiry, 0B audible alarm, 03 no-operation, 04 sense. A read
 * waits (DEV_LATER) until the operator types a line; a line typed while no
 * read is waiting is kept and signalled with attention, as the REQUEST key
 * does, and the next read takes it.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "channel.h"

#define MAX_INPUT 256

struct con3215 {
    FILE *out;
    FILE *remote;          /* a telnet client's stream, or NULL */
    char input[MAX_INPUT];
    bool have_input;
    bool reading;          /* a read is waiting for the operator */
    bool midline;          /* output stopped without a carrier return */
};

static FILE *dest(struct con3215 *k) { return k->remote ? k->remote : k->out; }

static unsigned deliver(struct device *d, struct con3215 *k)
{
    uint8_t buf[MAX_INPUT];
    size_t n = strlen(k->input);
    for (size_t i = 0; i < n; i++) buf[i] = ascii_to_ebcdic[(uint8_t)k->input[i]];
    k->have_input = false;
    /* The typed line is echoed, as the printer-keyboard prints it. */
    if (!k->remote) {
        fprintf(k->out, "%s\n", k->input);
        fflush(k->out);
    }
    dev_in(d, buf, (unsigned)n);
    return US_CE | US_DE;
}

static unsigned con_start(struct device *d, uint8_t cmd)
{
    struct con3215 *k = d->priv;
    switch (cmd) {
    case 0x01: case 0x09: {
        FILE *out = dest(k);
        uint8_t buf[256];
        unsigned n;
        while ((n = dev_out(d, buf, sizeof buf, false)) > 0) {
            for (unsigned i = 0; i < n; i++) fputc(ebcdic_to_ascii[buf[i]], out);
            k->midline = true;
        }
        if (cmd == 0x09) {
            fputc('\n', out);
            k->midline = false;
        }
        fflush(out);
        return US_CE | US_DE;
    }
    case 0x0A:
        if (k->midline) {
            fputc('\n', dest(k));
            fflush(dest(k));
            k->midline = false;
        }
        if (k->have_input) return deliver(d, k);
        k->reading = true;
        return DEV_LATER;
    case 0x0B: case 0x03: return US_CE | US_DE;
    case 0x04: return dev_sense(d);
    default: return dev_unit_check(d, SNS_CMDREJ);
    }
}

static void con_halt(struct device *d)
{
    struct con3215 *k = d->priv;
    k->reading = false;
}

static void con_reset(struct device *d)
{
    struct con3215 *k = d->priv;
    k->reading = false;
    k->have_input = false;
}

static void con_close(struct device *d)
{
    struct con3215 *k = d->priv;
    if (k->midline) fputc('\n', k->out);
    fflush(k->out);
    free(k);
}

static void con_describe(struct device *d, char *buf, size_t size)
{
    struct con3215 *k = d->priv;
    snprintf(buf, size, "console%s%s", k->reading ? ", read waiting" : "",
             k->have_input ? ", input typed ahead" : "");
}

static const struct devops con_ops = {
    .start = con_start, .halt = con_halt, .reset = con_reset, .close = con_close,
    .describe = con_describe,
};

bool con3215_is(const struct device *d) { return d->ops == &con_ops; }

void con3215_set_output(struct device *d, FILE *out)
{
    struct con3215 *k = d->priv;
    k->out = out;
}

bool con3215_set_remote(struct device *d, FILE *remote)
{
    struct con3215 *k = d->priv;
    if (remote && k->remote) return false;
    if (k->midline) {
        fputc('\n', dest(k));
        fflush(dest(k));
        k->midline = false;
    }
    k->remote = remote;
    return true;
}

bool con3215_has_remote(const struct device *d)
{
    return ((const struct con3215 *)d->priv)->remote != NULL;
}

void con3215_input(struct device *d, const char *line)
{
    struct con3215 *k = d->priv;
    snprintf(k->input, sizeof k->input, "%s", line);
    k->input[strcspn(k->input, "\r\n")] = 0;
    k->have_input = true;
    if (k->reading) {
        k->reading = false;
        dev_done(d, deliver(d, k));
    } else {
        dev_status(d, US_ATTN);
    }
}

/* Hercules' arguments: noprompt, the command prefix of an integrated
   console (3215-C "/"), and for a telnet console a group name, IP address
   and mask. Here the operator types on the first console with '/', so the
   others are accepted with a warning. */
bool con3215_attach(struct chsys *cs, uint16_t addr, uint16_t type, int argc, char **argv,
                    char *err, size_t errsize)
{
    char warning[256] = "";
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcasecmp(a, "noprompt") || !strcmp(a, "/") || !strcmp(a, "*")) continue;
        if (strlen(a) == 1 && !isalnum((unsigned char)a[0]))
            snprintf(warning, sizeof warning, "command prefix %s: lines starting with / type on the console here", a);
        else if (isalnum((unsigned char)a[0]) && strlen(a) <= 15)
            snprintf(warning, sizeof warning, "%s (terminal group or address) does not apply here: ignored", a);
        else {
            snprintf(err, errsize, "unknown option %s", a);
            return false;
        }
    }
    struct con3215 *k = calloc(1, sizeof *k);
    if (!k) return false;
    k->out = stdout;
    if (!chsys_add(cs, addr, type, &con_ops, k)) {
        snprintf(err, errsize, "device %03X is defined twice", addr);
        free(k);
        return false;
    }
    snprintf(err, errsize, "%s", warning);
    return true;
}
