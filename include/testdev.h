/*
 * testdev.h - a test device for channel programs (devices/testdev.c).
 *
 * Commands: 01 write (up to 4096 bytes, short counts are fine), 02 read (the
 * whole of data[0..len) with incorrect length rules), 03 no-operation, 04
 * sense (1 byte), 07 unit check with command reject, 0B unit exception, 13
 * status modifier (a search hit), 17 finish later (the test calls
 * dev_done). Anything else is rejected.
 */
#ifndef S370_TESTDEV_H
#define S370_TESTDEV_H
#include "channel.h"

struct testdev {
    uint8_t data[4096];     /* what a read returns */
    unsigned len;
    uint8_t written[4096];  /* what the last writes stored, appended */
    unsigned wlen;
    unsigned commands;      /* commands executed */
    uint8_t last_cmd;
};

struct device *testdev_add(struct chsys *cs, uint16_t addr);
static inline struct testdev *testdev_of(struct device *d) { return d->priv; }

#endif
