/*
 * tn3270.h - 3270 display stations (devices/dev3270.c) and the TN3270
 * server that connects real terminal emulators to them (devices/tn3270.c).
 *
 * The device knows the channel side (commands, status, sense, the AID and
 * the inbound record); the terminal (a TN3270 client) keeps the screen.
 * Outbound, the device hands every write or read command to the terminal
 * as one record in the 3270 data stream, with the channel command mapped to
 * its data stream command code (Write 01 -> F1, ...). Inbound, the terminal
 * sends one record per AID key (AID, cursor address, modified fields, which
 * is exactly the Read Modified answer) or in answer to a read command.
 */
#ifndef S370_TN3270_H
#define S370_TN3270_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "channel.h"

struct machine;

/* 3270 data stream command codes (remote and TN3270 form). */
enum {
    DS_W = 0xF1, DS_EW = 0xF5, DS_EWA = 0x7E, DS_RB = 0xF2, DS_RM = 0xF6,
    DS_RMA = 0x6E, DS_EAU = 0x6F, DS_WSF = 0xF3,
};
/* Write control character bits. */
enum { WCC_RESET_MDT = 0x01, WCC_RESTORE = 0x02, WCC_ALARM = 0x04, WCC_PRINT = 0x08 };
/* Attention identifiers the device treats specially. */
enum { AID_NONE = 0x60, AID_ENTER = 0x7D, AID_CLEAR = 0x6D, AID_PA1 = 0x6C };

/* ---- the device (devices/dev3270.c) ---- */

/* The terminal a device is connected to. */
struct dev3270_term {
    /* Send one outbound record (data stream command, then its data). */
    void (*send)(void *ctx, const uint8_t *rec, size_t n);
    void *ctx;
    const char *peer;   /* where the terminal is, for devlist ("127.0.0.1:40000") */
    int model;          /* the terminal's model (2-5) if it said, else 0 */
    /* A message for the operator (a bad data stream from the program); may be NULL. */
    void (*report)(void *ctx, const char *msg);
};
/* 3270 sense byte 0: operation check (bad order or buffer address in a write). */
enum { SNS3270_OPCHK = 0x01 };

bool dev3270_is(const struct device *d);
/* The group name from the configuration line ("" if none). */
const char *dev3270_group(const struct device *d);
/* May a client at ip (IPv4, host order) asking for group ("" for none)
   have this device (the IPADDR MASK and GROUP of its configuration line)? */
bool dev3270_allows(const struct device *d, uint32_t ip, const char *group);
bool dev3270_connected(const struct device *d);
/* A terminal is connected (unsolicited device end) or gone (a read waiting
   for it ends with intervention required). */
void dev3270_connect(struct device *d, struct dev3270_term term);
void dev3270_disconnect(struct device *d);
/* One inbound record from the terminal. Returns false (and ignores it) when
   it does not start with a valid AID. */
bool dev3270_inbound(struct device *d, const uint8_t *rec, size_t n);
/* A Read Buffer or Read Modified waits for the terminal's answer. */
bool dev3270_reading(const struct device *d);
/* The terminal did not answer a read in time: end it with the "no AID"
   answer (X'60' and the last known cursor address). */
void dev3270_read_timeout(struct device *d);

/* ---- the TN3270 server (devices/tn3270.c) ---- */

struct tn3270;
/* Listen on host:port (non-blocking) and watch the sockets from the
   console loop (machine_add_poller). NULL with a message in err when the
   address cannot be used. */
struct tn3270 *tn3270_start(struct machine *m, const char *host, unsigned port,
                            char *err, size_t errsize);
/* Start the server a configured machine asks for: on arg (--tn3270
   HOST:PORT or PORT) if given, else on CNSLPORT, else on 127.0.0.1:3270 when
   a 3270 is configured; *s is NULL when none is wanted or the address cannot
   be used (a message on msg says so, and the machine runs without it).
   Returns false for a malformed arg. */
bool tn3270_configure(struct machine *m, const char *arg, struct tn3270 **s, FILE *msg);
/* The device a client at ip (IPv4, host order) gets when it asks for want
   (a device number CUU, a group name, or "" for any free device without a
   group), or NULL with the reason for the client's screen in why. */
struct device *tn3270_choose(struct chsys *cs, uint32_t ip, const char *want, char *why,
                             size_t whysize);
/* Close every connection (detaching its device) and the listening socket. */
void tn3270_stop(struct tn3270 *s);

#endif
