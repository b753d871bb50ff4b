/*
 * cpu.h - the System/370 CPU: state, storage access, interruptions.
 *
 * Implements GA22-7000 (IBM System/370 Principles of Operation), uniprocessor.
 * All machine state lives in struct cpu; nothing is global, so a test can build
 * a machine with cpu_new() and two machines can live in one process.
 *
 * How a program check leaves a handler: handlers call cpu_program_check(),
 * which performs the program interruption (old PSW stored, new PSW loaded) and
 * then longjmp()s back to the run loop in cpu_run().  Handlers therefore never
 * test return codes; anything they must undo must be undone before raising.
 * During a handler c->psw.ia already holds the updated instruction address
 * (the address of the next sequential instruction) and c->ilc the length
 * code of the instruction being executed (of EXECUTE for an execute target).
 */
#ifndef S370_CPU_H
#define S370_CPU_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define likely(x)   __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#define AMASK 0x00FFFFFFu        /* 24-bit addressing */
#define BLOCK_SHIFT 11           /* storage keys cover 2K blocks */
#define BLOCK_SIZE  2048u
#define TLB_SIZE    512          /* translation cache entries (power of 2) */

/* Program interruption codes (PoO chapter 6). */
enum {
    PGM_OPERATION = 0x01, PGM_PRIVILEGED = 0x02, PGM_EXECUTE = 0x03,
    PGM_PROTECTION = 0x04, PGM_ADDRESSING = 0x05, PGM_SPECIFICATION = 0x06,
    PGM_DATA = 0x07, PGM_FIXED_OVERFLOW = 0x08, PGM_FIXED_DIVIDE = 0x09,
    PGM_DECIMAL_OVERFLOW = 0x0A, PGM_DECIMAL_DIVIDE = 0x0B,
    PGM_EXPONENT_OVERFLOW = 0x0C, PGM_EXPONENT_UNDERFLOW = 0x0D,
    PGM_SIGNIFICANCE = 0x0E, PGM_FLOATING_DIVIDE = 0x0F,
    PGM_SEGMENT_TRANSLATION = 0x10, PGM_PAGE_TRANSLATION = 0x11,
    PGM_TRANSLATION_SPEC = 0x12, PGM_SPECIAL_OPERATION = 0x13,
    PGM_MONITOR_EVENT = 0x40,
};

/* Fixed low-storage locations (real addresses, PoO "Assigned Storage Locations"). */
enum {
    PSA_IPL_PSW = 0x00, PSA_RESTART_NEW = 0x00, PSA_RESTART_OLD = 0x08,
    PSA_EXT_OLD = 0x18, PSA_SVC_OLD = 0x20, PSA_PGM_OLD = 0x28,
    PSA_MCK_OLD = 0x30, PSA_IO_OLD = 0x38, PSA_CSW = 0x40, PSA_CAW = 0x48,
    PSA_TIMER = 0x50, PSA_EXT_NEW = 0x58, PSA_SVC_NEW = 0x60,
    PSA_PGM_NEW = 0x68, PSA_MCK_NEW = 0x70, PSA_IO_NEW = 0x78,
    PSA_EXT_CPUADDR = 0x84, PSA_EXT_CODE = 0x86, PSA_SVC_ILC = 0x89,
    PSA_SVC_CODE = 0x8A, PSA_PGM_ILC = 0x8D, PSA_PGM_CODE = 0x8E,
    PSA_TRANS_ADDR = 0x90, PSA_MONITOR_CLASS = 0x95, PSA_MONITOR_CODE = 0x9C,
    PSA_CHANNEL_ID = 0xA8, PSA_IO_ADDR = 0xBA, PSA_MCK_CODE = 0xE8,
};

/* External interruption codes. */
enum {
    EXT_INTERVAL_TIMER = 0x0080, EXT_INTERRUPT_KEY = 0x0040,
    EXT_CLOCK_COMPARATOR = 0x1004, EXT_CPU_TIMER = 0x1005,
    EXT_EXTERNAL_CALL = 0x1202, EXT_EMERGENCY_SIGNAL = 0x1201,
};

/* Pending interruption sources (cpu.intr). */
enum {
    INTR_RESTART = 1u << 0, INTR_INTERVAL_TIMER = 1u << 1,
    INTR_INTERRUPT_KEY = 1u << 2, INTR_EXTERNAL_SIGNAL = 1u << 3,
    INTR_CLOCK_COMPARATOR = 1u << 4, INTR_CPU_TIMER = 1u << 5,
    INTR_IO = 1u << 6, INTR_MACHINE_CHECK = 1u << 7,
    INTR_EXTERNAL_CALL = 1u << 8, INTR_EMERGENCY_SIGNAL = 1u << 9,   /* SIGP (from this CPU) */
};

/* The current PSW, unpacked. Bits are named as in the PoO. */
struct psw {
    uint8_t sysmask;   /* bits 0-7: BC channel masks 0-5, 6 (6 and up), 7 ext;
                          EC bit 1 PER, 5 DAT, 6 I/O, 7 external */
    uint8_t key;       /* bits 8-11 */
    bool ec;           /* bit 12: EC mode */
    bool mck;          /* bit 13: machine-check mask */
    bool wait;         /* bit 14 */
    bool prob;         /* bit 15: problem state */
    uint8_t cc;        /* condition code */
    uint8_t pgmmask;   /* fixed ovfl, decimal ovfl, exponent underflow, significance */
    uint32_t ia;       /* instruction address (24 bits) */
    uint16_t bc_code;  /* BC mode: interruption code and ILC as loaded, kept only */
    uint8_t bc_ilc;    /*   so that the PSW displays as it was loaded */
};

enum stop_reason { STOP_NONE, STOP_WAIT, STOP_LIMIT, STOP_CHECKSTOP, STOP_REQUEST };

struct tlbe {
    uint32_t tag;      /* virtual 2K block address | tlb_ctx, 0 = empty */
    uint8_t *host;     /* host address of the absolute 2K block */
};

struct cpu;

/* The channel subsystem plugs in here (the I/O instructions and I/O interruptions). */
struct cpu_io {
    void *ctx;
    /* op: 0x9C00 SIO ... 0x9F00 TCH, 0xB203 STIDC. Returns the condition code. */
    int (*instruction)(void *ctx, struct cpu *c, unsigned op, uint32_t addr);
    /* Present one pending I/O interruption allowed by the masks: store the CSW,
       return true with *devaddr set; false when none is allowed. */
    bool (*interrupt)(void *ctx, struct cpu *c, uint16_t *devaddr);
    /* Run device events that are due (in a wait state: the next ones, now);
       returns instructions until the next event, UINT64_MAX if none. */
    uint64_t (*poll)(void *ctx, struct cpu *c, bool waiting);
};

struct cpu {
    /* Architected registers. */
    uint32_t gr[16];
    uint64_t fpr[8];   /* FPR0,2,4,6 at their own numbers; odd entries unused */
    uint32_t cr[16];
    struct psw psw;
    uint32_t prefix;   /* prefix register (4K aligned) */
    uint16_t cpuaddr;

    /* Execution state. */
    uint8_t ilc;       /* instruction length code of the current instruction */
    bool in_ex;        /* executing the target of EXECUTE */
    uint64_t insns;    /* instructions dispatched so far */
    uint64_t event_at; /* the run loop leaves its fast path when insns reaches this */
    uint64_t limit;    /* stop after this many instructions (0 = none) */
    bool yield_in_wait;/* return from cpu_run (STOP_LIMIT) after each step of a
                          wait that can end, so the caller can poll the host */
    uint64_t intr_count;/* interruptions taken, and the old-PSW location of the */
    uint8_t intr_last;  /*   last one: the console's trace shows them */
    enum stop_reason stop;
    bool psw_invalid;  /* the loaded PSW is invalid: specification exception before next fetch */
    uint8_t psw_bad[8];/* that PSW as loaded: the early exception stores it unchanged */
    bool ifetch;       /* an instruction fetch is in progress (the PSW is not advanced) */
    unsigned intr;     /* pending interruption sources (INTR_*) */
    uint16_t ext_signals; /* external signals 2-7 pending, as EXT code bits */
    jmp_buf progjmp;   /* where cpu_program_check() returns to */
    uint64_t last_pgm_insns; /* insns at the last program interruption (loop detection) */
    uint8_t ibuf[8];   /* an instruction that crosses a block boundary */
    unsigned pgm_depth;/* program interruptions without an instruction between */

    /* Storage: absolute storage, keys per 2K block, and the translation cache. */
    uint8_t *mem;
    uint32_t memsize;
    uint8_t *keys;     /* per block: ACC(0-3) F(4) R(5) C(6), as in ISK */
    uint32_t tlb_ctx;  /* 1 | PSW key << 1 | DAT << 5: entries are tagged with it, so
                          key and DAT switches need no purge */
    struct tlbe tlb_r[TLB_SIZE];   /* fetch accesses */
    struct tlbe tlb_w[TLB_SIZE];   /* store accesses */
    uint32_t trans_addr;           /* virtual address of the last translation exception */

    /* Timers (timer.c). Times are TOD units (bit 63 = 1/4096 microsecond). */
    bool deterministic;
    uint64_t tod_epoch;     /* deterministic: TOD at instruction 0; real: TOD - host time */
    uint64_t tod_skip;      /* deterministic: TOD units skipped in waits */
    uint64_t tod_last;      /* last value returned by STCK (uniqueness) */
    uint64_t clock_comparator;
    uint64_t cpu_timer_deadline; /* TOD value at which the CPU timer reaches zero */
    uint64_t itimer_last;   /* TOD when X'50' was last brought up to date */
    uint64_t itimer_frac;   /* TOD units not yet taken off X'50' */

    struct cpu_io io;
    uint32_t cpuid_hi, cpuid_lo; /* STIDP: version, serial, model, max MCEL length */

    /* Hook for DIAGNOSE (model dependent): return false for a specification exception. */
    bool (*diagnose)(struct cpu *c, unsigned r1, unsigned r3, uint32_t addr);
};

/* ---- cpu.c ---- */
struct cpu *cpu_new(uint32_t memsize);
void cpu_free(struct cpu *c);
void cpu_reset(struct cpu *c, bool clear);       /* initial CPU reset (+ clear storage) */
void cpu_load_psw(struct cpu *c, const uint8_t psw[8]);  /* as LPSW; invalid sets psw_invalid */
void cpu_store_psw(struct cpu *c, uint8_t psw[8], uint16_t code, unsigned ilc);
/* The slow paths are cold and never inlined: the fast paths that call
   them stay small enough to be inlined into the run loop. */
#define COLD __attribute__((cold, noinline))
_Noreturn COLD void cpu_program_check(struct cpu *c, unsigned code);
void cpu_interrupt(struct cpu *c, uint32_t old_off, uint16_t code, unsigned ilc);
void cpu_run(struct cpu *c);                      /* until c->stop is set */
void cpu_before_step(struct cpu *c);              /* take interruptions due, run nothing */
void cpu_tlb_flush(struct cpu *c);
void cpu_intr_changed(struct cpu *c);             /* re-evaluate pending interruptions */
bool cpu_disabled_wait(const struct cpu *c);

/* ---- dat.c ---- */
/* Translate a virtual address to real; on exception, raise it (longjmp). */
uint32_t dat_translate(struct cpu *c, uint32_t va);
/* As LRA: return 0 and *real, or the condition code 1/2/3 without an interruption. */
int dat_lra(struct cpu *c, uint32_t va, uint32_t *real);
/* For the console: translate without any effect on the machine (no
   interruption, no reference bits, no cache). Returns 0 with *real, or the
   program interruption code translation would raise. */
unsigned dat_peek(struct cpu *c, uint32_t va, uint32_t *real);
COLD uint8_t *cpu_tlb_fill(struct cpu *c, uint32_t va, bool write);

/* ---- timer.c ---- */
void timer_init(struct cpu *c, bool deterministic);
uint64_t timer_tod(struct cpu *c);               /* current TOD clock value */
uint64_t timer_stck(struct cpu *c);              /* unique value for STCK */
void timer_set_tod(struct cpu *c, uint64_t tod);
/* Hercules' SYSEPOCH year, YROFFSET years and TZOFFSET (in minutes): move
   the clock as Hercules does (timer.c). */
void timer_offset(struct cpu *c, int epoch, int years, int tz_minutes);
void timer_update(struct cpu *c);                /* bring timers up to date; set pending */
uint64_t timer_next_event(struct cpu *c);        /* instructions until the next timer event */
bool timer_wait(struct cpu *c);                  /* wait for a timer event; false if none can come */

/* ---- helpers for handlers ---- */
static inline uint32_t be32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return __builtin_bswap32(v); }
static inline uint16_t be16(const uint8_t *p) { uint16_t v; memcpy(&v, p, 2); return __builtin_bswap16(v); }
static inline uint64_t be64(const uint8_t *p) { uint64_t v; memcpy(&v, p, 8); return __builtin_bswap64(v); }
static inline void put32(uint8_t *p, uint32_t v) { v = __builtin_bswap32(v); memcpy(p, &v, 4); }
static inline void put16(uint8_t *p, uint16_t v) { v = __builtin_bswap16(v); memcpy(p, &v, 2); }
static inline void put64(uint8_t *p, uint64_t v) { v = __builtin_bswap64(v); memcpy(p, &v, 8); }

/* Operand addresses. */
static inline uint32_t ea_rx(const struct cpu *c, const uint8_t *ip)
{
    unsigned x2 = ip[1] & 15, b2 = ip[2] >> 4;
    uint32_t ea = ((ip[2] & 15) << 8) | ip[3];
    /* Real programs nearly always name a base register and seldom an index. */
    if (x2) ea += c->gr[x2];
    if (likely(b2)) ea += c->gr[b2];
    return ea & AMASK;
}
static inline uint32_t ea_bd(const struct cpu *c, const uint8_t *p) /* p -> B D D D */
{
    unsigned b = p[0] >> 4;
    uint32_t ea = ((p[0] & 15) << 8) | p[1];
    if (likely(b)) ea += c->gr[b];
    return ea & AMASK;
}
#define R1(ip) ((ip)[1] >> 4)
#define R2(ip) ((ip)[1] & 15)
#define R3(ip) ((ip)[1] & 15)

/* Real to absolute (prefixing, PoO 3-8). */
static inline uint32_t prefix_real(const struct cpu *c, uint32_t ra)
{
    uint32_t blk = ra & 0xFFFFF000u;
    if (blk == 0) return ra | c->prefix;
    if (blk == c->prefix) return ra & 0xFFF;
    return ra;
}

/* Host pointer for a virtual address, valid to the end of its 2K block. */
static inline uint8_t *vptr_r(struct cpu *c, uint32_t va)
{
    struct tlbe *e = &c->tlb_r[(va >> BLOCK_SHIFT) & (TLB_SIZE - 1)];
    if (likely(e->tag == ((va & ~(BLOCK_SIZE - 1)) | c->tlb_ctx))) return e->host + (va & (BLOCK_SIZE - 1));
    return cpu_tlb_fill(c, va, false);
}
static inline uint8_t *vptr_w(struct cpu *c, uint32_t va)
{
    struct tlbe *e = &c->tlb_w[(va >> BLOCK_SHIFT) & (TLB_SIZE - 1)];
    if (likely(e->tag == ((va & ~(BLOCK_SIZE - 1)) | c->tlb_ctx))) return e->host + (va & (BLOCK_SIZE - 1));
    return cpu_tlb_fill(c, va, true);
}

COLD uint32_t vfetch_slow(struct cpu *c, uint32_t va, unsigned len);
COLD void vstore_slow(struct cpu *c, uint32_t va, uint32_t v, unsigned len);

static inline uint8_t vfetch1(struct cpu *c, uint32_t va) { return *vptr_r(c, va); }
static inline void vstore1(struct cpu *c, uint32_t va, uint8_t v) { *vptr_w(c, va) = v; }
static inline uint16_t vfetch2(struct cpu *c, uint32_t va)
{
    if (likely((va & (BLOCK_SIZE - 1)) <= BLOCK_SIZE - 2)) return be16(vptr_r(c, va));
    return (uint16_t)vfetch_slow(c, va, 2);
}
static inline uint32_t vfetch4(struct cpu *c, uint32_t va)
{
    if (likely((va & (BLOCK_SIZE - 1)) <= BLOCK_SIZE - 4)) return be32(vptr_r(c, va));
    return vfetch_slow(c, va, 4);
}
static inline void vstore2(struct cpu *c, uint32_t va, uint16_t v)
{
    if (likely((va & (BLOCK_SIZE - 1)) <= BLOCK_SIZE - 2)) put16(vptr_w(c, va), v);
    else vstore_slow(c, va, v, 2);
}
static inline void vstore4(struct cpu *c, uint32_t va, uint32_t v)
{
    if (likely((va & (BLOCK_SIZE - 1)) <= BLOCK_SIZE - 4)) put32(vptr_w(c, va), v);
    else vstore_slow(c, va, v, 4);
}
static inline uint64_t vfetch8(struct cpu *c, uint32_t va)
{
    if (likely((va & (BLOCK_SIZE - 1)) <= BLOCK_SIZE - 8)) return be64(vptr_r(c, va));
    return ((uint64_t)vfetch4(c, va) << 32) | vfetch4(c, (va + 4) & AMASK);
}
/* A doubleword store that may cross a block checks both blocks before storing. */
void vstore8(struct cpu *c, uint32_t va, uint64_t v);
/* Check that len bytes (1..4096) at va are accessible, raising the exception if not;
   used before an instruction changes anything (PoO: operand access is checked first). */
void vcheck(struct cpu *c, uint32_t va, uint32_t len, bool write);
/* Copy between virtual storage and a host buffer (after vcheck, cannot fault). */
void vread(struct cpu *c, uint32_t va, void *buf, uint32_t len);
void vwrite(struct cpu *c, uint32_t va, const void *buf, uint32_t len);

/* Real storage (DAT off, prefixing applied; addressing exception if beyond storage). */
uint8_t *rptr(struct cpu *c, uint32_t ra, uint32_t len);
uint32_t rfetch4(struct cpu *c, uint32_t ra);
void rstore4(struct cpu *c, uint32_t ra, uint32_t v);

/* Common checks. */
static inline void priv_check(struct cpu *c)
{
    if (unlikely(c->psw.prob)) cpu_program_check(c, PGM_PRIVILEGED);
}
static inline void spec_check(struct cpu *c, bool bad)
{
    if (unlikely(bad)) cpu_program_check(c, PGM_SPECIFICATION);
}
static inline bool dat_on(const struct cpu *c) { return c->psw.ec && (c->psw.sysmask & 0x04); }

/* Changing the system mask goes through this, so caches and pending
   interruptions stay right (whole PSWs go through cpu_load_psw). */
void cpu_set_sysmask(struct cpu *c, uint8_t mask);

/* Disassembly (disasm.c): writes "MNEM operands" into buf; returns instruction length. */
unsigned disasm(const uint8_t *ip, char *buf, unsigned size);
unsigned insn_length(uint8_t opcode);
/* The same as a constant expression: bits 0-1 of the opcode 00 -> 2 bytes, 01 and 10 -> 4, 11 -> 6. */
#define INSN_LENGTH(op) ((((unsigned)(op) >> 6) + 1) / 2 * 2 + 2)

#endif
