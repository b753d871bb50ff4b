/*
 * cpu.c - the CPU: PSW, interruptions, the run loop, storage access.
 *
 * PoO chapters 3 (storage, prefixing, keys), 4 (PSW, states), 5 (instruction
 * execution) and 6 (interruptions).
 */
#include <stdlib.h>
#include <stdio.h>
#include "cpu.h"
#include "ops.h"
#include "branch.h"

/* ---------------------------------------------------------------------- */
/* Dispatch tables, built from opcodes.def.                               */

static op_fn op_invalid, op_ext_B2, op_ext_9C, op_ext_9D, op_ext_9E, op_ext_9F;

/* One-byte opcodes index optab; the two-byte prefixes (B2xx, 9Cxx-9Fxx)
   dispatch again through a 256-entry table each. Both are filled from
   opcodes.def at first use. */
static op_fn *optab[256];
static op_fn *optab2[5][256];
static int prefix_slot(uint8_t op)
{
    switch (op) {
    case 0xB2: return 0;
    case 0x9C: return 1;
    case 0x9D: return 2;
    case 0x9E: return 3;
    case 0x9F: return 4;
    default: return -1;
    }
}

const struct opinfo op_table[] = {
#define OP(code, mn, fmt, cls) { code, false, #mn, fmt, cls, op_##mn },
#define OP2(code, ext, mn, fmt, cls) { (code) << 8 | (ext), true, #mn, fmt, cls, op_##mn },
#include "opcodes.def"
    { 0, false, NULL, 0, 0, NULL },
};

static void build_tables(void)
{
    static bool built;
    if (built) return;
    for (int j = 0; j < 256; j++) {
        optab[j] = op_invalid;
        for (int i = 0; i < 5; i++) optab2[i][j] = op_invalid;
    }
    for (const struct opinfo *o = op_table; o->mnemonic; o++)
        if (o->twobyte) optab2[prefix_slot(o->code >> 8)][o->code & 0xFF] = o->handler;
        else optab[o->code] = o->handler;
    optab[0xB2] = op_ext_B2;
    optab[0x9C] = op_ext_9C;
    optab[0x9D] = op_ext_9D;
    optab[0x9E] = op_ext_9E;
    optab[0x9F] = op_ext_9F;
    built = true;
}

const struct opinfo *op_lookup(const uint8_t *ip)
{
    for (const struct opinfo *o = op_table; o->mnemonic; o++) {
        if (o->twobyte ? (o->code >> 8 == ip[0] && (o->code & 0xFF) == ip[1]) : o->code == ip[0])
            return o;
    }
    return NULL;
}

static void op_invalid(struct cpu *c, const uint8_t *ip)
{
    (void)ip;
    cpu_program_check(c, PGM_OPERATION);
}
static void op_ext_B2(struct cpu *c, const uint8_t *ip) { optab2[0][ip[1]](c, ip); }
static void op_ext_9C(struct cpu *c, const uint8_t *ip) { optab2[1][ip[1]](c, ip); }
static void op_ext_9D(struct cpu *c, const uint8_t *ip) { optab2[2][ip[1]](c, ip); }
static void op_ext_9E(struct cpu *c, const uint8_t *ip) { optab2[3][ip[1]](c, ip); }
static void op_ext_9F(struct cpu *c, const uint8_t *ip) { optab2[4][ip[1]](c, ip); }

/* Instruction length from the first two opcode bits (PoO 5-3). */
unsigned insn_length(uint8_t opcode)
{
    return INSN_LENGTH(opcode);
}

/* Execute one instruction whose bytes are at ip (used by EXECUTE). */
void cpu_execute_insn(struct cpu *c, const uint8_t *ip)
{
    optab[ip[0]](c, ip);
}

/* ---------------------------------------------------------------------- */
/* Creation and reset.                                                     */

struct cpu *cpu_new(uint32_t memsize)
{
    build_tables();
    struct cpu *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    memsize = (memsize + BLOCK_SIZE - 1) & ~(BLOCK_SIZE - 1);
    c->mem = calloc(memsize ? memsize : BLOCK_SIZE, 1);
    c->keys = calloc(memsize / BLOCK_SIZE + 1, 1);
    if (!c->mem || !c->keys) {
        cpu_free(c);
        return NULL;
    }
    c->memsize = memsize;
    c->cpuid_hi = 0x00000001u;   /* STIDP: version 00, serial 000001 */
    c->cpuid_lo = 0x01680000u;   /* model 0168, maximum MCEL length 0 */
    timer_init(c, false);
    cpu_reset(c, false);   /* calloc cleared storage: don't touch every page */
    return c;
}

void cpu_free(struct cpu *c)
{
    if (!c) return;
    free(c->mem);
    free(c->keys);
    free(c);
}

void cpu_tlb_flush(struct cpu *c)
{
    memset(c->tlb_r, 0, sizeof c->tlb_r);
    memset(c->tlb_w, 0, sizeof c->tlb_w);
    c->event_at = c->insns;   /* the run loop's next-instruction pointer is stale */
}

static void update_ctx(struct cpu *c)
{
    c->tlb_ctx = 1u | (uint32_t)c->psw.key << 1 | (dat_on(c) ? 1u << 5 : 0);
}

/* Initial CPU reset (PoO 4-26): PSW, prefix, CPU timer and clock comparator
   are cleared, control registers get their initial values. Clear reset also
   zeroes registers, storage and keys. */
void cpu_reset(struct cpu *c, bool clear)
{
    memset(&c->psw, 0, sizeof c->psw);
    memset(c->cr, 0, sizeof c->cr);
    c->cr[0] = 0x000000E0u;   /* interval timer, interrupt key, external signal masks */
    c->cr[2] = 0xFFFFFFFFu;   /* all channel masks */
    c->cr[14] = 0xC2000000u;  /* check-stop and synchronous MCEL control, external damage */
    c->cr[15] = 0x00000200u;  /* MCEL address */
    c->prefix = 0;
    c->intr = 0;
    c->ext_signals = 0;
    c->psw_invalid = false;
    c->in_ex = false;
    c->stop = STOP_NONE;
    c->clock_comparator = 0;
    c->cpu_timer_deadline = timer_tod(c);
    if (clear) {
        memset(c->gr, 0, sizeof c->gr);
        memset(c->fpr, 0, sizeof c->fpr);
        memset(c->mem, 0, c->memsize);
        memset(c->keys, 0, c->memsize / BLOCK_SIZE);
    }
    cpu_tlb_flush(c);
    update_ctx(c);
    c->event_at = c->insns;
}

/* ---------------------------------------------------------------------- */
/* The PSW (PoO 4-4 to 4-8).                                                */

void cpu_load_psw(struct cpu *c, const uint8_t b[8])
{
    struct psw *p = &c->psw;
    p->sysmask = b[0];
    p->key = b[1] >> 4;
    p->ec = b[1] & 0x08;
    p->mck = b[1] & 0x04;
    p->wait = b[1] & 0x02;
    p->prob = b[1] & 0x01;
    p->ia = (uint32_t)b[5] << 16 | b[6] << 8 | b[7];
    if (p->ec) {
        p->cc = (b[2] >> 4) & 3;
        p->pgmmask = b[2] & 15;
        /* EC mode: bits 0, 2-4, 16-17 and 24-39 must be zero. */
        c->psw_invalid = (b[0] & 0xB8) || (b[2] & 0xC0) || b[3] || b[4];
        if (c->psw_invalid) memcpy(c->psw_bad, b, 8);
    } else {
        p->cc = (b[4] >> 4) & 3;
        p->pgmmask = b[4] & 15;
        p->bc_code = (uint16_t)(b[2] << 8 | b[3]);
        p->bc_ilc = b[4] >> 6;
        c->psw_invalid = false;
    }
    update_ctx(c);
    c->event_at = c->insns;   /* masks may have changed: look at interruptions */
}

void cpu_store_psw(struct cpu *c, uint8_t b[8], uint16_t code, unsigned ilc)
{
    const struct psw *p = &c->psw;
    b[0] = p->sysmask;
    b[1] = (uint8_t)(p->key << 4 | p->ec << 3 | p->mck << 2 | p->wait << 1 | p->prob);
    if (p->ec) {
        b[2] = (uint8_t)(p->cc << 4 | p->pgmmask);
        b[3] = 0;
        b[4] = 0;
    } else {
        b[2] = code >> 8;
        b[3] = code & 0xFF;
        b[4] = (uint8_t)(ilc << 6 | p->cc << 4 | p->pgmmask);
    }
    b[5] = p->ia >> 16;
    b[6] = p->ia >> 8;
    b[7] = p->ia;
}

void cpu_set_sysmask(struct cpu *c, uint8_t mask)
{
    c->psw.sysmask = mask;
    if (c->psw.ec && (mask & 0xB8)) {
        c->psw_invalid = true;
        cpu_store_psw(c, c->psw_bad, 0, 0);
    }
    update_ctx(c);
    c->event_at = c->insns;
}

void cpu_intr_changed(struct cpu *c)
{
    c->event_at = c->insns;
}

bool cpu_disabled_wait(const struct cpu *c)
{
    bool ext = c->psw.sysmask & 0x01;
    bool io = c->psw.ec ? (c->psw.sysmask & 0x02) : (c->psw.sysmask & 0xFE);
    return c->psw.wait && !ext && !io;
}

/* ---------------------------------------------------------------------- */
/* Interruptions (PoO chapter 6).                                          */

/* Store the current PSW as the old PSW at old_off (with code and ILC in BC
   mode; in EC mode the caller stores them in their fixed locations) and load
   the new PSW from old_off + X'40' (restart: old at 8, new at 0). */
void cpu_interrupt(struct cpu *c, uint32_t old_off, uint16_t code, unsigned ilc)
{
    uint8_t *psa = rptr(c, 0, 0x200);
    uint32_t new_off = old_off == PSA_RESTART_OLD ? PSA_RESTART_NEW : old_off + 0x40;
    cpu_store_psw(c, psa + old_off, code, ilc);
    c->keys[prefix_real(c, 0) >> BLOCK_SHIFT] |= 0x06;
    cpu_load_psw(c, psa + new_off);
}

_Noreturn void cpu_program_check(struct cpu *c, unsigned code)
{
    unsigned ilc = c->ilc;
    uint8_t *psa = rptr(c, 0, 0x200);

    /* Segment and page translation exceptions nullify (PoO 6-14): the old
       PSW points back at the instruction (at EXECUTE for an execute target).
       An exception in instruction fetch has nothing to undo: the PSW was not
       advanced yet. */
    if ((code & 0x3F) == PGM_SEGMENT_TRANSLATION || (code & 0x3F) == PGM_PAGE_TRANSLATION) {
        if (!c->ifetch) c->psw.ia = (c->psw.ia - 2 * ilc) & AMASK;
        put32(psa + PSA_TRANS_ADDR, c->trans_addr & AMASK);
    }
    c->in_ex = false;
    c->ifetch = false;

    /* A program interruption with no instruction executed since the last
       one is a loop (for example an invalid program new PSW). A real CPU
       would loop for ever; we check-stop so that a bare run terminates. */
    if (c->insns == c->last_pgm_insns && c->pgm_depth++ >= 16) {
        c->stop = STOP_CHECKSTOP;
        longjmp(c->progjmp, 1);
    }
    if (c->insns != c->last_pgm_insns) c->pgm_depth = 0;
    c->last_pgm_insns = c->insns;

    if (c->psw.ec) {
        psa[PSA_PGM_ILC - 1] = 0;
        psa[PSA_PGM_ILC] = (uint8_t)(ilc << 1);
        put16(psa + PSA_PGM_CODE, (uint16_t)code);
    }
    cpu_interrupt(c, PSA_PGM_OLD, (uint16_t)code, ilc);
    longjmp(c->progjmp, 1);
}

/* The highest-priority external condition that is pending and allowed by
   its CR0 subclass mask (PoO chapter 6, "External Interruption"): emergency
   signal (bit 17), external call (18), clock comparator (20), CPU timer
   (21), then interval timer (24), interrupt key (25) and external signals
   (26), which are presented together. *cpuaddr gets the CPU address of a
   signaling CPU, else 0. */
static uint16_t take_external(struct cpu *c, uint16_t *cpuaddr)
{
    uint32_t cr0 = c->cr[0];
    *cpuaddr = 0;
    if ((c->intr & INTR_EMERGENCY_SIGNAL) && (cr0 & 0x4000)) {
        c->intr &= ~INTR_EMERGENCY_SIGNAL;
        *cpuaddr = c->cpuaddr;   /* SIGP of a uniprocessor comes from itself */
        return EXT_EMERGENCY_SIGNAL;
    }
    if ((c->intr & INTR_EXTERNAL_CALL) && (cr0 & 0x2000)) {
        c->intr &= ~INTR_EXTERNAL_CALL;
        *cpuaddr = c->cpuaddr;
        return EXT_EXTERNAL_CALL;
    }
    if ((c->intr & INTR_CLOCK_COMPARATOR) && (cr0 & 0x800)) {
        return EXT_CLOCK_COMPARATOR;   /* pending while the condition lasts */
    }
    if ((c->intr & INTR_CPU_TIMER) && (cr0 & 0x400)) {
        return EXT_CPU_TIMER;
    }
    /* Interval timer, interrupt key and external signals can be presented
       together in one code (PoO 6-8); each is cleared when presented. */
    uint16_t code = 0;
    if ((c->intr & INTR_INTERVAL_TIMER) && (cr0 & 0x80)) {
        code |= EXT_INTERVAL_TIMER;
        c->intr &= ~INTR_INTERVAL_TIMER;
    }
    if ((c->intr & INTR_INTERRUPT_KEY) && (cr0 & 0x40)) {
        code |= EXT_INTERRUPT_KEY;
        c->intr &= ~INTR_INTERRUPT_KEY;
    }
    if ((c->intr & INTR_EXTERNAL_SIGNAL) && (cr0 & 0x20)) {
        code |= c->ext_signals;
        c->ext_signals = 0;
        c->intr &= ~INTR_EXTERNAL_SIGNAL;
    }
    return code;
}

/* Present the highest-priority interruption that is pending and enabled.
   Returns true if one was taken. */
static bool take_interrupt(struct cpu *c)
{
    if (c->psw.sysmask & 0x01) {
        uint16_t cpuaddr;
        uint16_t code = take_external(c, &cpuaddr);
        if (code) {
            /* The CPU address at X'84' is stored in both modes, the code at
               X'86' in the EC mode (the BC old PSW carries it). */
            uint8_t *psa = rptr(c, 0, 0x200);
            put16(psa + PSA_EXT_CPUADDR, cpuaddr);
            if (c->psw.ec) put16(psa + PSA_EXT_CODE, code);
            cpu_interrupt(c, PSA_EXT_OLD, code, 0);
            return true;
        }
    }
    bool io_enabled = c->psw.ec ? (c->psw.sysmask & 0x02) : (c->psw.sysmask & 0xFE);
    if ((c->intr & INTR_IO) && io_enabled && c->io.interrupt) {
        uint16_t dev;
        if (c->io.interrupt(c->io.ctx, c, &dev)) {
            if (c->psw.ec) {
                uint8_t *psa = rptr(c, 0, 0x200);
                put16(psa + PSA_IO_ADDR - 2, 0);
                put16(psa + PSA_IO_ADDR, dev);
            }
            cpu_interrupt(c, PSA_IO_OLD, dev, 0);
            return true;
        }
    }
    if (c->intr & INTR_RESTART) {
        c->intr &= ~INTR_RESTART;
        cpu_interrupt(c, PSA_RESTART_OLD, 0, 0);
        return true;
    }
    return false;
}

/* ---------------------------------------------------------------------- */
/* The run loop.                                                           */

/* Instruction fetch that the fast path could not do: a cache miss, an odd
   address, or an instruction crossing a 2K block. An access exception on
   the first halfword gets ILC 1 (the PoO allows 1, 2 or 3 there; the length
   is not known yet); one on a later halfword gets the instruction's own
   ILC, as the length is known from the opcode. */
static const uint8_t *fetch_slow(struct cpu *c, uint32_t ia)
{
    c->ifetch = true;
    c->ilc = 1;
    if (ia & 1) cpu_program_check(c, PGM_SPECIFICATION);
    const uint8_t *p = vptr_r(c, ia);
    unsigned len = insn_length(p[0]);
    if ((ia & (BLOCK_SIZE - 1)) + len > BLOCK_SIZE) {
        c->ilc = (uint8_t)(len >> 1);
        c->ibuf[0] = p[0];
        c->ibuf[1] = p[1];
        for (unsigned i = 2; i < len; i++) c->ibuf[i] = *vptr_r(c, (ia + i) & AMASK);
        p = c->ibuf;
    }
    c->ifetch = false;
    return p;
}

/* Everything that is not executing an instruction: the instruction limit,
   timers, invalid PSWs, interruptions and the wait state. Sets event_at for
   the next visit. */
static void service(struct cpu *c)
{
    if (c->limit && c->insns >= c->limit) {
        c->stop = STOP_LIMIT;
        return;
    }
    timer_update(c);
    if (c->psw_invalid) {
        c->psw_invalid = false;
        c->ilc = 0;
        /* The PSW stays as loaded; the IA is not advanced (early exception). */
        uint8_t *psa = rptr(c, 0, 0x200);
        if (c->psw.ec) {
            psa[PSA_PGM_ILC - 1] = 0;
            psa[PSA_PGM_ILC] = 0;
            put16(psa + PSA_PGM_CODE, PGM_SPECIFICATION);
        }
        if (c->insns != c->last_pgm_insns) c->pgm_depth = 0;
        c->last_pgm_insns = c->insns;
        if (c->pgm_depth++ >= 16) {
            c->stop = STOP_CHECKSTOP;
            return;
        }
        cpu_interrupt(c, PSA_PGM_OLD, PGM_SPECIFICATION, 0);
        memcpy(rptr(c, PSA_PGM_OLD, 8), c->psw_bad, 8);   /* stored unchanged */
        return;
    }
    uint64_t io_next = c->io.poll ? c->io.poll(c->io.ctx, c, false) : UINT64_MAX;
    /* Interruptions are taken one after another while the new PSWs stay
       enabled. A condition that persists with an enabled new PSW (a clock
       comparator, say) loops for ever on a real CPU; some models enter a
       check-stop-like state there (PoO chapter 6, "Interruption Action"),
       which is what we do. */
    unsigned taken = 0;
    while (c->intr && take_interrupt(c)) {
        if (c->psw_invalid) return;
        if (++taken >= 4096) {
            c->stop = STOP_CHECKSTOP;
            return;
        }
    }
    if (c->psw.wait) {
        if (cpu_disabled_wait(c) && !(c->intr & INTR_RESTART)) {
            c->stop = STOP_WAIT;
            return;
        }
        /* Device events still to come end the wait like a timer would. */
        if (io_next != UINT64_MAX) {
            c->io.poll(c->io.ctx, c, true);
            c->event_at = c->insns;
            return;
        }
        if (!timer_wait(c)) {
            c->stop = STOP_WAIT;
            return;
        }
        c->event_at = c->insns;
        /* A host loop (the console) polls its input between these steps: a
           wait can last as long as the operator takes to answer. */
        if (c->yield_in_wait) c->stop = STOP_LIMIT;
        return;
    }
    uint64_t next = timer_next_event(c);
    if (io_next < next) next = io_next;
    c->event_at = c->insns + next;
    if (c->limit && c->event_at > c->limit) c->event_at = c->limit;
}

/* Fetch the instruction at the PSW address through the translation cache.
   The tag test fails for an odd address too (tags always have bit 0 on, and
   an odd address turns it off), sending it to fetch_slow for the
   specification exception. */
static inline __attribute__((always_inline)) const uint8_t *fetch(struct cpu *c, uint32_t ia)
{
    const struct tlbe *e = &c->tlb_r[(ia >> BLOCK_SHIFT) & (TLB_SIZE - 1)];
    if (likely(e->tag == (((ia & ~(BLOCK_SIZE - 1)) | c->tlb_ctx) ^ (ia & 1)) &&
               (ia & (BLOCK_SIZE - 1)) <= BLOCK_SIZE - 6))
        return e->host + (ia & (BLOCK_SIZE - 1));
    return fetch_slow(c, ia);
}

static void run_fast(struct cpu *c)
{
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
    static void *const dispatch[256] = {
        [0 ... 255] = &&invalid,
#define OP(code, mn, fmt, cls) [code] = &&L_##mn,
#include "opcodes.def"
        [0xB2] = &&ext_B2, [0x9C] = &&ext_9C, [0x9D] = &&ext_9D, [0x9E] = &&ext_9E,
        [0x9F] = &&ext_9F,
        /* the branches, expanded in place (branch.h) */
        [0x05] = &&in_BALR, [0x06] = &&in_BCTR, [0x07] = &&in_BCR, [0x45] = &&in_BAL,
        [0x46] = &&in_BCT, [0x47] = &&in_BC,
    };
#pragma GCC diagnostic pop
    const uint8_t *ip, *next_ip;
    uint32_t ia = c->psw.ia;
    uint64_t n = c->insns;
    /* The 2K block the current instruction came from: its virtual address,
       host address, and the last place in it where an instruction fits.
       None (blk_va odd, ip_last 0) when the instruction was assembled in
       c->ibuf because it crosses into the next block. */
    uint32_t blk_va;
    const uint8_t *blk_host = NULL;
    uintptr_t ip_last;

    /* After an instruction, the next one is at next_ip unless the handler
       changed the PSW address (a branch, an interruption) or the next
       instruction may reach beyond the block; a branch within the block
       needs no translation either; anything else is fetched again through
       the translation cache. Anything that could make these stale (a purge
       of the cache, a new PSW) also ends this loop via event_at.
       The instruction address and count live in registers here and are
       only stored to struct cpu, never reloaded on the sequential path:
       a load of what the previous instruction stored would chain every
       instruction to the one before through the store buffer. */
#define REFETCH()                                                                 \
    do {                                                                          \
        ip = fetch(c, ia);                                                        \
        if (ip == c->ibuf) {                                                      \
            blk_va = 1;                                                           \
            ip_last = 0;                                                          \
        } else {                                                                  \
            blk_va = ia & ~(BLOCK_SIZE - 1);                                      \
            blk_host = ip - (ia & (BLOCK_SIZE - 1));                              \
            ip_last = (uintptr_t)blk_host + BLOCK_SIZE - 6;                       \
        }                                                                         \
    } while (0)
#define NEXT                                                                      \
    do {                                                                          \
        if (unlikely(n >= c->event_at)) return;                                  \
        uint32_t cur = c->psw.ia;                                                 \
        if (likely(cur == ia)) {                                                  \
            if (likely((uintptr_t)next_ip <= ip_last)) {                          \
                ip = next_ip;                                                     \
                goto start;                                                       \
            }                                                                     \
        } else if (((cur ^ blk_va) & ~(BLOCK_SIZE - 2)) == 0 &&                   \
                   (cur & (BLOCK_SIZE - 1)) <= BLOCK_SIZE - 6) {                  \
            ia = cur;                                                             \
            ip = blk_host + (cur & (BLOCK_SIZE - 1));                             \
            goto start;                                                           \
        }                                                                         \
        ia = cur;                                                                 \
        REFETCH();                                                                \
        goto start;                                                               \
    } while (0)

    REFETCH();
start:
    c->insns = ++n;
    goto *dispatch[ip[0]];

    /* Each opcode's label knows its instruction length as a constant, so
       the next instruction's address does not wait for a load of this one's
       opcode: that dependency, carried from instruction to instruction, was
       the loop's critical path. */
#define STEP(len)                          \
    do {                                   \
        ia = (ia + (len)) & AMASK;         \
        c->psw.ia = ia;                    \
        c->ilc = (uint8_t)((len) / 2);     \
        next_ip = ip + (len);              \
    } while (0)
#define OP(code, mn, fmt, cls) L_##mn: STEP(INSN_LENGTH(code)); op_##mn(c, ip); NEXT;
#include "opcodes.def"
in_BALR: STEP(2); do_BALR(c, ip); NEXT;
in_BAL: STEP(4); do_BAL(c, ip); NEXT;
in_BCTR: STEP(2); do_BCTR(c, ip); NEXT;
in_BCR: STEP(2); do_BCR(c, ip); NEXT;
in_BCT: STEP(4); do_BCT(c, ip); NEXT;
in_BC: STEP(4); do_BC(c, ip); NEXT;
ext_B2: STEP(4); optab2[0][ip[1]](c, ip); NEXT;
ext_9C: STEP(4); optab2[1][ip[1]](c, ip); NEXT;
ext_9D: STEP(4); optab2[2][ip[1]](c, ip); NEXT;
ext_9E: STEP(4); optab2[3][ip[1]](c, ip); NEXT;
ext_9F: STEP(4); optab2[4][ip[1]](c, ip); NEXT;
invalid: STEP(insn_length(ip[0])); op_invalid(c, ip);
#undef STEP
#undef NEXT
#undef REFETCH
}

void cpu_run(struct cpu *c)
{
    setjmp(c->progjmp);
    while (!c->stop) {
        if (c->insns >= c->event_at) service(c);
        else run_fast(c);
    }
}

/* ---------------------------------------------------------------------- */
/* Storage access.                                                         */

uint8_t *cpu_tlb_fill(struct cpu *c, uint32_t va, bool write)
{
    uint32_t ra = dat_on(c) ? dat_translate(c, va) : va;
    uint32_t aa = prefix_real(c, ra);
    if (aa >= c->memsize) cpu_program_check(c, PGM_ADDRESSING);
    uint8_t *k = &c->keys[aa >> BLOCK_SHIFT];
    unsigned key = c->psw.key;
    /* Key-controlled protection (PoO 3-9): stores need a matching key,
       fetches too when the fetch-protection bit is on; key 0 passes. */
    if (key && key != (*k >> 4u) && (write || (*k & 0x08)))
        cpu_program_check(c, PGM_PROTECTION);
    *k |= write ? 0x06 : 0x04;   /* reference, and change for a store */
    struct tlbe *e = (write ? c->tlb_w : c->tlb_r) + ((va >> BLOCK_SHIFT) & (TLB_SIZE - 1));
    e->tag = (va & ~(BLOCK_SIZE - 1)) | c->tlb_ctx;
    e->host = c->mem + (aa & ~(BLOCK_SIZE - 1));
    return e->host + (va & (BLOCK_SIZE - 1));
}

uint32_t vfetch_slow(struct cpu *c, uint32_t va, unsigned len)
{
    uint32_t v = 0;
    for (unsigned i = 0; i < len; i++) v = v << 8 | *vptr_r(c, (va + i) & AMASK);
    return v;
}

void vstore_slow(struct cpu *c, uint32_t va, uint32_t v, unsigned len)
{
    vcheck(c, va, len, true);
    for (unsigned i = 0; i < len; i++) *vptr_w(c, (va + i) & AMASK) = (uint8_t)(v >> (8 * (len - 1 - i)));
}

void vstore8(struct cpu *c, uint32_t va, uint64_t v)
{
    if (likely((va & (BLOCK_SIZE - 1)) <= BLOCK_SIZE - 8)) {
        put64(vptr_w(c, va), v);
        return;
    }
    vcheck(c, va, 8, true);
    vstore4(c, va, (uint32_t)(v >> 32));
    vstore4(c, (va + 4) & AMASK, (uint32_t)v);
}

void vcheck(struct cpu *c, uint32_t va, uint32_t len, bool write)
{
    uint32_t last = (va + len - 1) & AMASK;
    for (;;) {
        if (write) vptr_w(c, va);
        else vptr_r(c, va);
        if ((va & ~(BLOCK_SIZE - 1)) == (last & ~(BLOCK_SIZE - 1))) break;
        va = ((va | (BLOCK_SIZE - 1)) + 1) & AMASK;
    }
}

void vread(struct cpu *c, uint32_t va, void *buf, uint32_t len)
{
    uint8_t *out = buf;
    while (len) {
        uint32_t n = BLOCK_SIZE - (va & (BLOCK_SIZE - 1));
        if (n > len) n = len;
        memcpy(out, vptr_r(c, va), n);
        out += n;
        len -= n;
        va = (va + n) & AMASK;
    }
}

void vwrite(struct cpu *c, uint32_t va, const void *buf, uint32_t len)
{
    const uint8_t *in = buf;
    while (len) {
        uint32_t n = BLOCK_SIZE - (va & (BLOCK_SIZE - 1));
        if (n > len) n = len;
        memcpy(vptr_w(c, va), in, n);
        in += n;
        len -= n;
        va = (va + n) & AMASK;
    }
}

/* Real storage: len bytes must lie within one 4K page (prefixing unit). */
uint8_t *rptr(struct cpu *c, uint32_t ra, uint32_t len)
{
    uint32_t aa = prefix_real(c, ra & AMASK);
    if (aa + len > c->memsize) cpu_program_check(c, PGM_ADDRESSING);
    return c->mem + aa;
}

uint32_t rfetch4(struct cpu *c, uint32_t ra)
{
    return be32(rptr(c, ra, 4));
}

void rstore4(struct cpu *c, uint32_t ra, uint32_t v)
{
    uint32_t aa = prefix_real(c, ra & AMASK);
    put32(rptr(c, ra, 4), v);
    c->keys[aa >> BLOCK_SHIFT] |= 0x06;
}
