/*
 * channel.c - the S/370 channel subsystem (PoO chapter 12; IPL, PoO 4-27).
 *
 * The I/O instructions do initial selection only: they check the CAW and
 * the first CCW and schedule the channel program, which runs cs->delay
 * instructions later from chsys_poll() (the CPU's service path). The channel
 * program then runs to its end (or until a device says DEV_LATER) and its
 * ending status becomes an interruption pending in the subchannel, queued in
 * arrival order and presented under the channel masks.
 *
 * Departures from real channels, all permitted by the PoO's model
 * dependencies: no command is executed during SIO (so SIO never gives cc 1
 * for an immediate command; its status arrives as an interruption); a PCI
 * is merged into the ending status unless the program stops in a DEV_LATER
 * command; channel and device end always come together.
 */
#include <stdlib.h>
#include <string.h>
#include "channel.h"
#include "cpu.h"

#define DEFAULT_DELAY 32u

static inline struct subchannel *sc_of(struct device *d) { return &d->sc; }
static inline unsigned chan_of(uint16_t addr) { return addr >> 8; }
static void recompute_next(struct chsys *cs);
static void queue_add(struct chsys *cs, struct device *d);

/* ---------------------------------------------------------------------- */
/* Configuration.                                                         */

struct chsys *chsys_new(struct cpu *c)
{
    struct chsys *cs = calloc(1, sizeof *cs);
    if (!cs) return NULL;
    cs->cpu = c;
    cs->delay = DEFAULT_DELAY;
    cs->next_event = UINT64_MAX;
    c->io.ctx = cs;
    c->io.instruction = chsys_instruction;
    c->io.interrupt = chsys_interrupt;
    c->io.poll = chsys_poll;
    return cs;
}

void chsys_free(struct chsys *cs)
{
    if (!cs) return;
    for (unsigned i = 0; i < cs->ndev; i++) {
        struct device *d = cs->dev[i];
        if (d->ops->close) d->ops->close(d);
        free(d);
    }
    if (cs->cpu->io.ctx == cs) memset(&cs->cpu->io, 0, sizeof cs->cpu->io);
    free(cs);
}

struct device *chsys_find(struct chsys *cs, uint16_t addr)
{
    return addr < 0x1000 ? cs->byaddr[addr] : NULL;
}

struct device *chsys_add(struct chsys *cs, uint16_t addr, uint16_t type,
                         const struct devops *ops, void *priv)
{
    if (addr > 0xFFF || cs->ndev == CHSYS_MAXDEV || chsys_find(cs, addr)) return NULL;
    struct device *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    d->addr = addr;
    d->type = type;
    d->ops = ops;
    d->cs = cs;
    d->priv = priv;
    d->nsense = 1;
    cs->dev[cs->ndev++] = d;
    cs->byaddr[addr] = d;
    return d;
}

/* Unlink the device at addr from the tables and the interruption queue,
   without closing it (the console's detach and devinit). */
struct device *chsys_take(struct chsys *cs, uint16_t addr)
{
    struct device *d = chsys_find(cs, addr);
    if (!d) return NULL;
    for (unsigned i = 0; i < cs->ndev; i++)
        if (cs->dev[i] == d) {
            memmove(&cs->dev[i], &cs->dev[i + 1], (cs->ndev - i - 1) * sizeof cs->dev[0]);
            cs->ndev--;
            break;
        }
    for (unsigned i = 0; i < cs->nqueue; i++)
        if (cs->queue[i] == d) {
            memmove(&cs->queue[i], &cs->queue[i + 1], (cs->nqueue - i - 1) * sizeof cs->queue[0]);
            cs->nqueue--;
            break;
        }
    if (!cs->nqueue) cs->cpu->intr &= ~INTR_IO;
    cs->byaddr[addr] = NULL;
    d->sc.event_at = 0;
    recompute_next(cs);
    return d;
}

/* Link a device taken from another channel subsystem in at its address. */
bool chsys_put(struct chsys *cs, struct device *d)
{
    if (cs->ndev == CHSYS_MAXDEV || chsys_find(cs, d->addr)) return false;
    d->cs = cs;
    cs->dev[cs->ndev++] = d;
    cs->byaddr[d->addr] = d;
    if (d->sc.pending || d->sc.pci_pending || d->sc.dev_pending) queue_add(cs, d);
    return true;
}

bool chsys_remove(struct chsys *cs, uint16_t addr)
{
    struct device *d = chsys_take(cs, addr);
    if (!d) return false;
    if (d->ops->close) d->ops->close(d);
    free(d);
    return true;
}

/* ---------------------------------------------------------------------- */
/* Interruption queue.                                                     */

static void queue_add(struct chsys *cs, struct device *d)
{
    for (unsigned i = 0; i < cs->nqueue; i++)
        if (cs->queue[i] == d) return;
    cs->queue[cs->nqueue++] = d;
    cs->cpu->intr |= INTR_IO;
    cpu_intr_changed(cs->cpu);
}

/* Drop d from the queue unless it still has something pending. */
static void queue_update(struct chsys *cs, struct device *d)
{
    if (d->sc.pending || d->sc.pci_pending || d->sc.dev_pending) return;
    for (unsigned i = 0; i < cs->nqueue; i++) {
        if (cs->queue[i] != d) continue;
        memmove(&cs->queue[i], &cs->queue[i + 1], (cs->nqueue - i - 1) * sizeof cs->queue[0]);
        cs->nqueue--;
        break;
    }
    if (!cs->nqueue) cs->cpu->intr &= ~INTR_IO;
}

/* BC mode: PSW bits 0-5 mask channels 0-5, bit 6 the rest. EC mode: PSW
   bit 6 and the channel's bit in CR2 (PoO 6-13). */
static bool channel_enabled(const struct cpu *c, unsigned ch)
{
    if (!c->psw.ec) return ch < 6 ? c->psw.sysmask & (0x80 >> ch) : c->psw.sysmask & 0x02;
    return (c->psw.sysmask & 0x02) && (c->cr[2] & (0x80000000u >> ch));
}

/* Store the CSW (or only its status portion, bytes 4-5) at real X'40'. */
static void store_csw(struct cpu *c, const uint8_t csw[8], bool status_only)
{
    uint8_t *p = rptr(c, PSA_CSW, 8);
    if (status_only) memcpy(p + 4, csw + 4, 2);
    else memcpy(p, csw, 8);
    c->keys[prefix_real(c, PSA_CSW) >> BLOCK_SHIFT] |= 0x06;
}

/* Take the interruption of d: the subchannel's ending status first, else
   the device's unsolicited status. */
static void take_status(struct chsys *cs, struct device *d, uint8_t csw[8])
{
    struct subchannel *sc = sc_of(d);
    if (sc->pending || sc->pci_pending) {
        memcpy(csw, sc->csw, 8);
        if (sc->pci_pending) sc->chstat &= ~CS_PCI;   /* presented: not again at the end */
        sc->pending = false;
        sc->pci_pending = false;
    } else {
        memset(csw, 0, 8);
        csw[4] = sc->dev_status;
        sc->dev_pending = false;
        sc->dev_status = 0;
    }
    queue_update(cs, d);
}

bool chsys_interrupt(void *ctx, struct cpu *c, uint16_t *devaddr)
{
    struct chsys *cs = ctx;
    for (unsigned i = 0; i < cs->nqueue; i++) {
        struct device *d = cs->queue[i];
        if (!channel_enabled(c, chan_of(d->addr))) continue;
        uint8_t csw[8];
        take_status(cs, d, csw);
        store_csw(c, csw, false);
        *devaddr = d->addr;
        return true;
    }
    return false;
}

void dev_status(struct device *d, uint8_t status)
{
    d->sc.dev_pending = true;
    d->sc.dev_status |= status;
    queue_add(d->cs, d);
}

/* ---------------------------------------------------------------------- */
/* Storage access by the channel: absolute addresses, the CAW key.        */

static uint8_t *ch_ptr(struct device *d, uint32_t a, bool write)
{
    struct cpu *c = d->cs->cpu;
    struct subchannel *sc = sc_of(d);
    if (a >= c->memsize) {
        sc->chstat |= CS_PROG;
        return NULL;
    }
    uint8_t *k = &c->keys[a >> BLOCK_SHIFT];
    if (sc->key && sc->key != (*k >> 4) && (write || (*k & 0x08))) {
        sc->chstat |= CS_PROT;
        return NULL;
    }
    *k |= write ? 0x06 : 0x04;
    return c->mem + a;
}

/* Fetch the CCW at sc->ccw_next into the subchannel (PoO 12-20). A TIC
   is followed once; TIC to TIC, bad addresses, a zero count or nonzero
   bits 38-39 are program checks. With data_chain the command is kept. */
static bool fetch_ccw(struct device *d, bool data_chain)
{
    struct subchannel *sc = sc_of(d);
    bool after_tic = false;
    for (;;) {
        if (sc->ccw_next & 7) {
            sc->chstat |= CS_PROG;
            return false;
        }
        const uint8_t *p = ch_ptr(d, sc->ccw_next, false);
        if (!p) return false;
        if (sc->ccw_next + 8 > d->cs->cpu->memsize) {
            sc->chstat |= CS_PROG;
            return false;
        }
        sc->ccw_next += 8;
        uint32_t addr = (uint32_t)p[1] << 16 | p[2] << 8 | p[3];
        if ((p[0] & 0x0F) == 0x08) {   /* TIC */
            if (after_tic) {
                sc->chstat |= CS_PROG;
                return false;
            }
            after_tic = true;
            sc->ccw_next = addr;
            continue;
        }
        uint16_t count = (uint16_t)(p[6] << 8 | p[7]);
        if (count == 0 || (p[4] & 0x03) || (!data_chain && (p[0] & 0x0F) == 0)) {
            sc->chstat |= CS_PROG;
            return false;
        }
        if (!data_chain) sc->cmd = p[0];
        sc->flags = p[4];
        sc->count = count;
        if (sc->flags & CCW_PCI) sc->chstat |= CS_PCI;
        if (sc->flags & CCW_IDA) {
            if (addr & 3) {
                sc->chstat |= CS_PROG;
                return false;
            }
            const uint8_t *w = ch_ptr(d, addr, false);
            if (!w) return false;
            if (w[0]) {
                sc->chstat |= CS_PROG;
                return false;
            }
            sc->idaw = addr;
            addr = (uint32_t)w[1] << 16 | w[2] << 8 | w[3];
        }
        sc->data = addr;
        return true;
    }
}

/* Bytes that can move at the current data address before a 2K boundary
   (the storage key and IDAW unit). */
static unsigned run_length(const struct subchannel *sc, bool backward)
{
    unsigned n = backward ? (sc->data & (BLOCK_SIZE - 1)) + 1 : BLOCK_SIZE - (sc->data & (BLOCK_SIZE - 1));
    return n < sc->count ? n : sc->count;
}

/* Advance the data address by n bytes; with IDA, step to the next IDAW at a
   2K boundary, which must itself name a 2K boundary (PoO 12-27). */
static bool advance(struct device *d, unsigned n, bool backward)
{
    struct subchannel *sc = sc_of(d);
    sc->count -= (uint16_t)n;
    uint32_t old = sc->data;
    sc->data = backward ? (sc->data - n) & AMASK : (sc->data + n) & AMASK;
    if (!(sc->flags & CCW_IDA) || !sc->count) return true;
    bool crossed = backward ? (old & ~(BLOCK_SIZE - 1)) != (sc->data & ~(BLOCK_SIZE - 1))
                            : !(sc->data & (BLOCK_SIZE - 1));
    if (!crossed) return true;
    sc->idaw += backward ? -4u : 4u;
    const uint8_t *w = ch_ptr(d, sc->idaw, false);
    if (!w) return false;
    uint32_t a = (uint32_t)w[1] << 16 | w[2] << 8 | w[3];
    if (w[0] || (backward ? (a & (BLOCK_SIZE - 1)) != BLOCK_SIZE - 1 : (a & (BLOCK_SIZE - 1)) != 0)) {
        sc->chstat |= CS_PROG;
        return false;
    }
    sc->data = a;
    return true;
}

/* The count of the current CCW is exhausted: data chain, or stop. */
static bool next_data(struct device *d)
{
    struct subchannel *sc = sc_of(d);
    if (!(sc->flags & CCW_CD) || sc->dc_error) return false;
    if (!fetch_ccw(d, true)) {
        sc->dc_error = true;
        return false;
    }
    return true;
}

static bool is_backward(const struct subchannel *sc) { return (sc->cmd & 0x0F) == 0x0C; }

unsigned dev_in(struct device *d, const void *buf, unsigned n)
{
    struct subchannel *sc = sc_of(d);
    const uint8_t *p = buf;
    bool back = is_backward(sc);
    unsigned done = 0;
    sc->xfer = true;
    while (done < n && !sc->dc_error) {
        if (!sc->count && !next_data(d)) break;
        unsigned k = run_length(sc, back);
        if (k > n - done) k = n - done;
        if (!(sc->flags & CCW_SKIP)) {
            uint8_t *m = ch_ptr(d, sc->data, true);
            if (!m) {
                sc->dc_error = true;
                break;
            }
            if (back)
                for (unsigned i = 0; i < k; i++) m[-(int)i] = p[done + i];
            else
                memcpy(m, p + done, k);
        }
        done += k;
        if (!advance(d, k, back)) sc->dc_error = true;
    }
    if (done < n) sc->want_more = true;
    return done;
}

unsigned dev_out(struct device *d, void *buf, unsigned n, bool all)
{
    struct subchannel *sc = sc_of(d);
    uint8_t *p = buf;
    unsigned done = 0;
    sc->xfer = true;
    while (done < n && !sc->dc_error) {
        if (!sc->count && !next_data(d)) break;
        unsigned k = run_length(sc, false);
        if (k > n - done) k = n - done;
        const uint8_t *m = ch_ptr(d, sc->data, false);
        if (!m) {
            sc->dc_error = true;
            break;
        }
        memcpy(p + done, m, k);
        done += k;
        if (!advance(d, k, false)) sc->dc_error = true;
    }
    if (done < n && all) sc->want_more = true;
    return done;
}

unsigned dev_unit_check(struct device *d, uint8_t sense0)
{
    memset(d->sense, 0, sizeof d->sense);
    d->sense[0] = sense0;
    return US_CE | US_DE | US_UC;
}

unsigned dev_sense(struct device *d)
{
    dev_in(d, d->sense, d->nsense);
    memset(d->sense, 0, sizeof d->sense);
    return US_CE | US_DE;
}

/* ---------------------------------------------------------------------- */
/* Running a channel program.                                              */

static void set_csw(struct subchannel *sc, uint8_t unit)
{
    sc->csw[0] = (uint8_t)(sc->key << 4);
    sc->csw[1] = (uint8_t)(sc->ccw_next >> 16);
    sc->csw[2] = (uint8_t)(sc->ccw_next >> 8);
    sc->csw[3] = (uint8_t)sc->ccw_next;
    sc->csw[4] = unit;
    sc->csw[5] = sc->chstat;
    sc->csw[6] = (uint8_t)(sc->count >> 8);
    sc->csw[7] = (uint8_t)sc->count;
}

static void end_program(struct chsys *cs, struct device *d, uint8_t unit)
{
    struct subchannel *sc = sc_of(d);
    set_csw(sc, unit);
    sc->working = false;
    sc->waiting = false;
    sc->pci_pending = false;   /* not presented yet: merged into the ending status */
    sc->pending = true;
    queue_add(cs, d);
}

/* The device ended a command with unit status st. Returns true when the
   channel program has ended (PoO 12-24: chaining only on CE and DE without
   unit check, unit exception, incorrect length or a channel error). */
static bool end_command(struct chsys *cs, struct device *d, unsigned st)
{
    struct subchannel *sc = sc_of(d);
    uint8_t unit = (uint8_t)st;
    /* Incorrect length: the count (or a data chain) was left over, or the
       device wanted more; not for commands that moved no data (immediate
       operations) and suppressed by SLI. */
    bool il = sc->xfer && (sc->count || (sc->flags & CCW_CD) || sc->want_more) && !(unit & US_UC);
    if (il && !(sc->flags & CCW_SLI)) sc->chstat |= CS_IL;
    if (sc->chstat & (CS_PROG | CS_PROT)) sc->chstat &= ~CS_IL;
    bool chain = (sc->flags & CCW_CC) && (unit & US_CE) && (unit & US_DE) &&
                 !(unit & (US_UC | US_UE)) && !(sc->chstat & ~CS_PCI);
    if (!chain) {
        end_program(cs, d, unit);
        return true;
    }
    if (unit & US_SM) sc->ccw_next += 8;
    sc->xfer = false;
    sc->want_more = false;
    if (!fetch_ccw(d, false)) {
        sc->count = 0;
        end_program(cs, d, unit & (US_CE | US_DE));
        return true;
    }
    return false;
}

static void schedule(struct chsys *cs, struct device *d);

/* Commands one event may execute: a channel program that loops for ever
   (a TIC back to a chained NOP) must not hang the CPU; it goes on in the
   next event, as a real channel would go on beside the CPU. */
#define CHAIN_SLICE 256

static void run_program(struct chsys *cs, struct device *d)
{
    struct subchannel *sc = sc_of(d);
    for (unsigned n = 0;; n++) {
        if (n == CHAIN_SLICE) {
            schedule(cs, d);
            return;
        }
        sc->xfer = false;
        sc->want_more = false;
        sc->dc_error = false;
        unsigned st = d->ops->start(d, sc->cmd);
        sc->chain_start = false;
        if (st == DEV_LATER) {
            sc->waiting = true;
            /* The program stops here for a while: a PCI becomes an
               intermediate interruption (PoO 12-26). */
            if ((sc->chstat & CS_PCI) && !sc->pci_pending) {
                set_csw(sc, 0);
                sc->pci_pending = true;
                queue_add(cs, d);
            }
            return;
        }
        if (end_command(cs, d, st)) return;
    }
}

void dev_done(struct device *d, unsigned status)
{
    struct subchannel *sc = sc_of(d);
    if (!sc->working || !sc->waiting) return;
    sc->waiting = false;
    if (!end_command(d->cs, d, status)) run_program(d->cs, d);
}

/* ---------------------------------------------------------------------- */
/* Events.                                                                 */

static void recompute_next(struct chsys *cs)
{
    uint64_t next = UINT64_MAX;
    for (unsigned i = 0; i < cs->ndev; i++) {
        uint64_t t = cs->dev[i]->sc.event_at;
        if (t && t < next) next = t;
    }
    cs->next_event = next;
}

static void schedule(struct chsys *cs, struct device *d)
{
    d->sc.event_at = cs->cpu->insns + (cs->delay ? cs->delay : 1);
    if (d->sc.event_at < cs->next_event) cs->next_event = d->sc.event_at;
    cpu_intr_changed(cs->cpu);
}

/* Fire the events that are due (in a wait state: the earliest ones at once,
   since no instruction will advance time). Returns the instructions until
   the next event, UINT64_MAX if none. */
uint64_t chsys_poll(void *ctx, struct cpu *c, bool waiting)
{
    struct chsys *cs = ctx;
    if (cs->next_event == UINT64_MAX) return UINT64_MAX;
    uint64_t due = waiting && cs->next_event > c->insns ? cs->next_event : c->insns;
    for (unsigned i = 0; i < cs->ndev; i++) {
        struct device *d = cs->dev[i];
        if (!d->sc.event_at || d->sc.event_at > due) continue;
        d->sc.event_at = 0;
        if (d->sc.working && !d->sc.waiting) run_program(cs, d);
    }
    recompute_next(cs);
    return cs->next_event == UINT64_MAX ? UINT64_MAX : cs->next_event > c->insns ? cs->next_event - c->insns : 1;
}

/* ---------------------------------------------------------------------- */
/* The I/O instructions (PoO 12-30 to 12-40; condition codes from the     */
/* figure "Condition-Code Settings for I/O States and Functions").        */

static void program_check_csw(struct cpu *c, struct subchannel *sc)
{
    set_csw(sc, 0);
    store_csw(c, sc->csw, false);
}

static int start_io(struct chsys *cs, struct cpu *c, struct device *d)
{
    struct subchannel *sc = sc_of(d);
    if (sc->working || sc->pending) return 2;
    if (sc->dev_pending) {   /* the device answers busy with its status */
        uint8_t csw[8] = { 0, 0, 0, 0, (uint8_t)(sc->dev_status | US_BUSY), 0, 0, 0 };
        sc->dev_pending = false;
        sc->dev_status = 0;
        queue_update(cs, d);
        store_csw(c, csw, true);
        return 1;
    }
    uint32_t caw = rfetch4(c, PSA_CAW);
    sc->key = caw >> 28;
    sc->ccw_next = caw & AMASK;
    sc->chstat = 0;
    sc->count = 0;
    if (caw & 0x0F000000u) sc->chstat |= CS_PROG;   /* CAW bits 4-7 must be zero */
    if (sc->chstat || !fetch_ccw(d, false)) {
        program_check_csw(c, sc);
        return 1;
    }
    sc->working = true;
    sc->waiting = false;
    sc->chain_start = true;
    sc->starts++;
    schedule(cs, d);
    return 0;
}

/* Terminate the program in progress (HIO, HDV, CLRIO). */
static void terminate(struct chsys *cs, struct device *d)
{
    struct subchannel *sc = sc_of(d);
    if (sc->waiting && d->ops->halt) d->ops->halt(d);
    sc->working = false;
    sc->waiting = false;
    sc->pci_pending = false;
    sc->event_at = 0;
    recompute_next(cs);
    queue_update(cs, d);
}

static int test_io(struct chsys *cs, struct cpu *c, struct device *d)
{
    struct subchannel *sc = sc_of(d);
    if (sc->working) return 2;
    if (sc->pending || sc->dev_pending) {
        uint8_t csw[8];
        bool status_only = !sc->pending;
        take_status(cs, d, csw);
        store_csw(c, csw, status_only);
        return 1;
    }
    return 0;
}

static int halt_io(struct chsys *cs, struct cpu *c, struct device *d)
{
    struct subchannel *sc = sc_of(d);
    if (sc->pending) return 0;
    if (!sc->working) {
        uint8_t csw[8] = { 0 };
        store_csw(c, csw, true);
        return 1;
    }
    /* The operation is halted: the CSW status portion is stored now and
       the ending status (channel and device end) follows as an interruption. */
    terminate(cs, d);
    uint8_t csw[8] = { 0 };
    store_csw(c, csw, true);
    end_program(cs, d, US_CE | US_DE);
    return 1;
}

static int clear_io(struct chsys *cs, struct cpu *c, struct device *d)
{
    struct subchannel *sc = sc_of(d);
    if (sc->working) {
        terminate(cs, d);
        set_csw(sc, 0);
        store_csw(c, sc->csw, false);
        return 1;
    }
    if (sc->pending) {
        uint8_t csw[8];
        memcpy(csw, sc->csw, 8);
        sc->pending = false;
        queue_update(cs, d);
        store_csw(c, csw, false);
        return 1;
    }
    return 0;
}

static bool channel_exists(struct chsys *cs, unsigned ch)
{
    for (unsigned i = 0; i < cs->ndev; i++)
        if (chan_of(cs->dev[i]->addr) == ch) return true;
    return false;
}

static int test_channel(struct chsys *cs, unsigned ch)
{
    if (!channel_exists(cs, ch)) return 3;
    for (unsigned i = 0; i < cs->nqueue; i++)
        if (chan_of(cs->queue[i]->addr) == ch && cs->queue[i]->sc.pending) return 1;
    return 0;
}

/* STIDC: channel type in bits 0-3 (1 byte multiplexer, 2 block multiplexer). */
static int store_channel_id(struct chsys *cs, struct cpu *c, unsigned ch)
{
    if (!channel_exists(cs, ch)) return 3;
    rstore4(c, PSA_CHANNEL_ID, ch == 0 ? 0x10000000u : 0x20000000u);
    return 0;
}

int chsys_instruction(void *ctx, struct cpu *c, unsigned op, uint32_t addr)
{
    struct chsys *cs = ctx;
    unsigned ch = (addr >> 8) & 0xFF;
    if (ch > 15) return 3;
    if (op == 0x9F00) return test_channel(cs, ch);
    if (op == 0xB203) return store_channel_id(cs, c, ch);
    struct device *d = chsys_find(cs, addr & 0xFFF);
    if (!d) return 3;
    switch (op) {
    case 0x9C00: case 0x9C01: return start_io(cs, c, d);
    case 0x9D00: return test_io(cs, c, d);
    case 0x9D01: return clear_io(cs, c, d);
    case 0x9E00: case 0x9E01: return halt_io(cs, c, d);
    default: return 3;
    }
}

/* ---------------------------------------------------------------------- */
/* Reset and IPL.                                                          */

void chsys_reset(struct chsys *cs)
{
    for (unsigned i = 0; i < cs->ndev; i++) {
        struct device *d = cs->dev[i];
        if (d->sc.waiting && d->ops->halt) d->ops->halt(d);
        memset(&d->sc, 0, sizeof d->sc);
        memset(d->sense, 0, sizeof d->sense);
        if (d->ops->reset) d->ops->reset(d);
    }
    cs->nqueue = 0;
    cs->next_event = UINT64_MAX;
    cs->cpu->intr &= ~INTR_IO;
}

bool chsys_ipl(struct chsys *cs, uint16_t addr, char *err, size_t errsize)
{
    struct cpu *c = cs->cpu;
    struct device *d = chsys_find(cs, addr);
    if (!d) {
        snprintf(err, errsize, "IPL device %03X is not configured", addr);
        return false;
    }
    cpu_reset(c, false);
    chsys_reset(cs);
    /* The implied IPL CCW: Read, 24 bytes at 0, command chaining, SLI. */
    struct subchannel *sc = sc_of(d);
    sc->key = 0;
    sc->cmd = 0x02;
    sc->flags = CCW_CC | CCW_SLI;
    sc->data = 0;
    sc->count = 24;
    sc->ccw_next = 8;
    sc->working = true;
    sc->chain_start = true;
    sc->starts++;
    /* Long IPL chains run slice after slice; one that never ends fails. */
    for (unsigned i = 0; i < 4096 && sc->working && !sc->waiting; i++) {
        sc->event_at = 0;
        run_program(cs, d);
    }
    recompute_next(cs);
    if (sc->working) {
        terminate(cs, d);
        snprintf(err, errsize, "IPL device %03X did not complete its channel program", addr);
        return false;
    }
    uint8_t unit = sc->csw[4], chst = sc->csw[5];
    sc->pending = false;
    queue_update(cs, d);
    if ((unit & (US_UC | US_UE)) || (chst & ~CS_PCI) || !(unit & US_DE)) {
        snprintf(err, errsize, "IPL from %03X failed: CSW %02X%02X%02X%02X %02X%02X%02X%02X", addr,
                 sc->csw[0], sc->csw[1], sc->csw[2], sc->csw[3], sc->csw[4], sc->csw[5], sc->csw[6],
                 sc->csw[7]);
        return false;
    }
    uint8_t *psa = rptr(c, 0, 0x200);
    put16(psa + PSA_IO_ADDR - 2, 0);
    put16(psa + PSA_IO_ADDR, addr);
    if (!(psa[1] & 0x08)) put16(psa + 2, addr);   /* BC mode: the interruption code */
    cpu_load_psw(c, psa);
    c->stop = STOP_NONE;
    return true;
}
