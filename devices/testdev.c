/*
 * testdev.c - a device that exists only to test the channel (testdev.h).
 */
#include <stdlib.h>
#include "testdev.h"

static unsigned testdev_start(struct device *d, uint8_t cmd)
{
    struct testdev *t = d->priv;
    t->commands++;
    t->last_cmd = cmd;
    switch (cmd) {
    case 0x01:
        t->wlen += dev_out(d, t->written + t->wlen, (unsigned)sizeof t->written - t->wlen, false);
        return US_CE | US_DE;
    case 0x02:
        dev_in(d, t->data, t->len);
        return US_CE | US_DE;
    case 0x03: return US_CE | US_DE;
    case 0x04: return dev_sense(d);
    case 0x07: return dev_unit_check(d, SNS_CMDREJ);
    case 0x0B: return US_CE | US_DE | US_UE;
    case 0x13: return US_CE | US_DE | US_SM;
    case 0x17: return DEV_LATER;
    default: return dev_unit_check(d, SNS_CMDREJ);
    }
}

static void testdev_close(struct device *d)
{
    free(d->priv);
}

static void testdev_describe(struct device *d, char *buf, size_t size)
{
    struct testdev *t = d->priv;
    snprintf(buf, size, "test device, %u commands", t->commands);
}

static const struct devops testdev_ops = {
    .start = testdev_start, .close = testdev_close, .describe = testdev_describe,
};

struct device *testdev_add(struct chsys *cs, uint16_t addr)
{
    struct testdev *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    struct device *d = chsys_add(cs, addr, 0x0001, &testdev_ops, t);
    if (!d) free(t);
    return d;
}

bool testdev_attach(struct chsys *cs, uint16_t addr, uint16_t type, int argc, char **argv,
                    char *err, size_t errsize)
{
    (void)type, (void)argc, (void)argv;
    if (testdev_add(cs, addr)) return true;
    snprintf(err, errsize, "cannot add device %03X", addr);
    return false;
}
