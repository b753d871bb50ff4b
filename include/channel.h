/*
 * channel.h - the S/370 channel subsystem and the one device interface.
 *
 * PoO chapter 12 (Input/Output Operations). The channel subsystem (struct
 * chsys, s370/channel.c) owns everything the architecture gives the channel:
 * the CAW, CCW fetch, command and data chaining, SKIP, SLI, PCI, IDA, TIC,
 * storage keys, incorrect length, status, the CSW and interruption queuing
 * under the channel masks. A device (one file per type in devices/) only executes one command
 * at a time: it moves bytes with dev_in()/dev_out() and returns its unit
 * status. Devices never touch storage and never see a CCW.
 *
 * Timing: nothing runs inside an I/O instruction except initial selection.
 * The channel program runs from an event that fires a configurable number of
 * instructions after the start (struct chsys.delay), from the CPU's service
 * path, so results are the same in every run under --deterministic and the
 * CPU loop never waits for the host.
 *
 * Model: each device has its own (nonshared) subchannel; channel 0 is a byte
 * multiplexer, channels 1-15 block multiplexers.
 */
#ifndef S370_CHANNEL_H
#define S370_CHANNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct cpu;
struct device;
struct chsys;

/* Unit status (CSW byte 4). */
enum {
    US_ATTN = 0x80, US_SM = 0x40, US_CUE = 0x20, US_BUSY = 0x10,
    US_CE = 0x08, US_DE = 0x04, US_UC = 0x02, US_UE = 0x01,
};
/* Channel status (CSW byte 5). */
enum {
    CS_PCI = 0x80, CS_IL = 0x40, CS_PROG = 0x20, CS_PROT = 0x10,
    CS_CDC = 0x08, CS_CCC = 0x04, CS_ICC = 0x02, CS_CHAIN = 0x01,
};
/* CCW flags (CCW byte 4). */
enum {
    CCW_CD = 0x80, CCW_CC = 0x40, CCW_SLI = 0x20, CCW_SKIP = 0x10,
    CCW_PCI = 0x08, CCW_IDA = 0x04,
};
/* Common sense byte 0 bits. */
enum {
    SNS_CMDREJ = 0x80, SNS_INTREQ = 0x40, SNS_BUSOUT = 0x20, SNS_EQUIPCHK = 0x10,
    SNS_DATACHK = 0x08, SNS_OVERRUN = 0x04,
};

/* start() returns this instead of a status when the command finishes later
   (the device then calls dev_done()). */
#define DEV_LATER 0x100u

/* The device interface: a small block of entry points per device type. */
struct devops {
    /* Execute one command. Data moves with dev_in/dev_out; return the unit
       status at the end of the command (normally US_CE | US_DE, with US_UC
       after setting d->sense, US_UE, US_SM) or DEV_LATER. */
    unsigned (*start)(struct device *d, uint8_t cmd);
    /* Halt I/O reached a device that is in the middle of a DEV_LATER command. */
    void (*halt)(struct device *d);
    /* I/O system reset. */
    void (*reset)(struct device *d);
    /* Flush host files and free the device's state. */
    void (*close)(struct device *d);
    /* One line for the console's devlist command. */
    void (*describe)(struct device *d, char *buf, size_t size);
};

/* The channel's record of one device and its subchannel. */
struct subchannel {
    bool working;        /* a channel program is in progress */
    bool waiting;        /* the device returned DEV_LATER */
    bool pending;        /* interruption pending in the subchannel (csw) */
    bool pci_pending;    /* intermediate PCI interruption (csw) while working */
    bool dev_pending;    /* unsolicited status pending in the device */
    uint8_t dev_status;
    uint8_t csw[8];
    uint64_t event_at;   /* insns when the start fires; 0 = none */
    uint64_t starts;     /* channel programs started (SIO and IPL): the panel's
                            activity light counts them */

    /* The channel program. */
    uint8_t key;         /* protection key from the CAW */
    uint32_t ccw_next;   /* address of the CCW after the current one */
    uint8_t cmd, flags;  /* current command and flags of the current CCW */
    uint32_t data;       /* current data address (or IDAW pointer) */
    uint32_t idaw;       /* IDA: address of the current IDAW */
    uint16_t count;      /* bytes left in the current CCW */
    uint8_t chstat;      /* channel status collected so far */
    bool want_more;      /* the device asked for more than the count allowed */
    bool dc_error;       /* a program or protection check ended data transfer */
    bool xfer;           /* the device moved (or tried to move) data in this command */
    bool chain_start;    /* this is the first command of a channel program */
};

struct device {
    uint16_t addr;       /* channel and unit address CUU */
    uint16_t type;       /* 0x3505, 0x3350, ... */
    uint8_t model;
    const struct devops *ops;
    struct chsys *cs;
    void *priv;          /* the device type's own state */
    uint8_t sense[32];
    unsigned nsense;     /* sense bytes the type returns */
    struct subchannel sc;
};

#define CHSYS_MAXDEV 256

struct chsys {
    struct cpu *cpu;
    struct device *dev[CHSYS_MAXDEV];
    unsigned ndev;
    struct device *byaddr[0x1000];        /* device by CUU, for the I/O instructions */
    struct device *queue[CHSYS_MAXDEV];   /* pending interruptions, oldest first */
    unsigned nqueue;
    uint32_t delay;      /* instructions from a start to its channel program */
    uint64_t next_event; /* earliest sc.event_at, UINT64_MAX if none */
};

/* ---- the channel subsystem (s370/channel.c) ---- */
struct chsys *chsys_new(struct cpu *c);
void chsys_free(struct chsys *cs);                     /* closes every device */
struct device *chsys_add(struct chsys *cs, uint16_t addr, uint16_t type,
                         const struct devops *ops, void *priv);
struct device *chsys_find(struct chsys *cs, uint16_t addr);
void chsys_reset(struct chsys *cs);                   /* I/O system reset */
/* The console's detach and devinit: remove a device (closing it), or move
   one between channel subsystems. The caller makes sure it is not busy. */
bool chsys_remove(struct chsys *cs, uint16_t addr);
struct device *chsys_take(struct chsys *cs, uint16_t addr);
bool chsys_put(struct chsys *cs, struct device *d);
/* The cpu_io callbacks (installed in c->io by chsys_new). */
int chsys_instruction(void *ctx, struct cpu *c, unsigned op, uint32_t addr);
bool chsys_interrupt(void *ctx, struct cpu *c, uint16_t *devaddr);
uint64_t chsys_poll(void *ctx, struct cpu *c, bool waiting);
/* Initial program load (PoO 4-27): reset, read 24 bytes at 0 with command
   chaining, run the channel program to its end, store the device address and
   load the PSW at 0. Returns false (with a message in err) on failure. */
bool chsys_ipl(struct chsys *cs, uint16_t addr, char *err, size_t errsize);

/* ---- for devices ---- */
/* Device to storage (read commands): offer n bytes; returns how many the
   channel took (fewer when the count ran out). */
unsigned dev_in(struct device *d, const void *buf, unsigned n);
/* Storage to device (write, control and search commands): ask for n bytes;
   returns how many came. With all set, asking for more than the channel
   program gives is incorrect length (the device wanted them). */
unsigned dev_out(struct device *d, void *buf, unsigned n, bool all);
/* A DEV_LATER command has ended with this unit status. */
void dev_done(struct device *d, unsigned status);
/* Unsolicited status (attention, device end when a device becomes ready). */
void dev_status(struct device *d, uint8_t status);
/* Common sense handling: set sense byte 0 and return US_CE|US_DE|US_UC. */
unsigned dev_unit_check(struct device *d, uint8_t sense0);
/* Sense (04) helper: move the sense bytes and clear them. */
unsigned dev_sense(struct device *d);

/* ---- codes (devices/codepage.c) ---- */
extern const uint8_t ebcdic_to_ascii[256];
extern const uint8_t ascii_to_ebcdic[256];

/* ---- device types and configuration (devices/devtab.c) ---- */
struct devtype {
    const char *name;   /* as in a configuration line: "3505", "3350", ... */
    uint16_t type;
    /* Attach a device: parse args; on error write a message to err and
       return false. Attached with a warning (an argument that does not
       apply here): return true with the warning in err (else err[0] = 0). */
    bool (*attach)(struct chsys *cs, uint16_t addr, uint16_t type, int argc, char **argv,
                   char *err, size_t errsize);
};
const struct devtype *devtype_find(const char *name);

/* Attach functions of the device types. */
bool cardrdr_attach(struct chsys *, uint16_t, uint16_t, int, char **, char *, size_t);
bool punch_attach(struct chsys *, uint16_t, uint16_t, int, char **, char *, size_t);
bool printer_attach(struct chsys *, uint16_t, uint16_t, int, char **, char *, size_t);
bool ckd_attach(struct chsys *, uint16_t, uint16_t, int, char **, char *, size_t);
bool con3215_attach(struct chsys *, uint16_t, uint16_t, int, char **, char *, size_t);
bool dev3270_attach(struct chsys *, uint16_t, uint16_t, int, char **, char *, size_t);
bool tape_attach(struct chsys *, uint16_t, uint16_t, int, char **, char *, size_t);
bool testdev_attach(struct chsys *, uint16_t, uint16_t, int, char **, char *, size_t);
/* CKD DASD: make an empty volume (home address and R0 on every track) in
   Hercules' uncompressed CKD image format; cyls 0 means the full size. */
bool ckd_create(const char *file, const char *type, unsigned cyls, char *err, size_t errsize);
/* 3215 console: is d one, where its output goes, a line the operator typed. */
bool con3215_is(const struct device *d);
void con3215_set_output(struct device *d, FILE *out);
void con3215_input(struct device *d, const char *line);
/* A telnet client takes the console over (its output goes to remote, typed
   lines are not echoed) or, with NULL, gives it back; false if taken. */
bool con3215_set_remote(struct device *d, FILE *remote);
bool con3215_has_remote(const struct device *d);
/* Tape: mount another AWSTAPE file (devinit). */
bool tape_load(struct device *d, const char *file, char *err, size_t errsize);
/* Card reader: load a new deck (devinit); NULL empties the hopper. */
bool cardrdr_load(struct device *d, const char *file, char *err, size_t errsize);

#endif
