/*
 * control.c - control instructions (PoO chapter 10, "Control Instructions"),
 * plus STORE CLOCK, which chapter 7 lists but which lives with the timers.
 *
 * Every privileged instruction tests the problem-state bit first, before any
 * operand is touched (PoO chapter 6, priority of program interruptions). Operand
 * alignment is tested next, then the operand access, and only then does the
 * instruction change anything.
 *
 * Storage keys are kept per 2K block of absolute storage (cpu.keys, one byte
 * laid out as ISK shows it in the EC mode: ACC bits 0-3, F 4, R 5, C 6).
 * The translation cache caches key checks and sets the reference and change
 * bits when an entry is filled, so every instruction that changes a key or
 * the translation parameters purges it.
 */
#include "ops.h"

#define KEY_FETCH     0x08u
#define KEY_REFERENCE 0x04u
#define KEY_CHANGE    0x02u

#define CR0_SSM_SUPPRESS 0x40000000u   /* bit 1: SSM is a special operation */

/* SIGNAL PROCESSOR orders and status bits (PoO chapter 4, "CPU Signaling and Response"). */
enum {
    SIGP_SENSE = 0x01, SIGP_EXTERNAL_CALL = 0x02, SIGP_EMERGENCY = 0x03,
    SIGP_START = 0x04, SIGP_STOP = 0x05, SIGP_RESTART = 0x06,
    SIGP_INITIAL_PROGRAM_RESET = 0x07, SIGP_PROGRAM_RESET = 0x08,
    SIGP_STOP_AND_STORE = 0x09, SIGP_INITIAL_CPU_RESET = 0x0B, SIGP_CPU_RESET = 0x0C,
};
#define SIGP_STATUS_EXTCALL_PENDING 0x00000080u   /* bit 24 */
#define SIGP_STATUS_INVALID_ORDER   0x00000002u   /* bit 30 */

/* The storage key of the 2K block that a real address designates
   (prefixing applies: keys belong to absolute storage). */
static uint8_t *storage_key(struct cpu *c, uint32_t ra)
{
    uint32_t aa = prefix_real(c, ra & AMASK);
    if (aa >= c->memsize) cpu_program_check(c, PGM_ADDRESSING);
    return &c->keys[aa >> BLOCK_SHIFT];
}

/* Operands on doubleword, word or halfword boundaries. */
static inline void align_check(struct cpu *c, uint32_t ea, uint32_t mask)
{
    spec_check(c, (ea & mask) != 0);
}

/* ---------------------------------------------------------------------- */
/* Storage keys.                                                           */

/* 08 SSK - Set Storage Key (RR) */
void op_SSK(struct cpu *c, const uint8_t *ip)
{
    priv_check(c);
    uint32_t ra = c->gr[R2(ip)];
    spec_check(c, (ra & 0x0F) != 0);   /* bits 28-31 must be zero */
    uint8_t *k = storage_key(c, ra);
    *k = (uint8_t)(c->gr[R1(ip)] & 0xFE);
    cpu_tlb_flush(c);
}

/* 09 ISK - Insert Storage Key (RR) */
void op_ISK(struct cpu *c, const uint8_t *ip)
{
    priv_check(c);
    uint32_t ra = c->gr[R2(ip)];
    spec_check(c, (ra & 0x0F) != 0);
    uint8_t k = *storage_key(c, ra);
    /* The BC mode shows only ACC and F; R and C read as zeros (PoO
       chapter 10, INSERT STORAGE KEY). */
    k &= c->psw.ec ? 0xFE : 0xF8;
    c->gr[R1(ip)] = (c->gr[R1(ip)] & 0xFFFFFF00u) | k;
}

/* B213 RRB - Reset Reference Bit (S) */
void op_RRB(struct cpu *c, const uint8_t *ip)
{
    priv_check(c);
    uint8_t *k = storage_key(c, ea_bd(c, ip + 2));
    c->psw.cc = (*k & KEY_REFERENCE ? 2 : 0) | (*k & KEY_CHANGE ? 1 : 0);
    *k &= (uint8_t)~KEY_REFERENCE;
    cpu_tlb_flush(c);   /* the next reference must set the bit again */
}

/* ---------------------------------------------------------------------- */
/* The PSW.                                                                */

/* A system mask with ones in unassigned EC positions is an early
   specification exception; after SSM and STOSM its ILC is 2 and the old PSW
   points past the instruction (PoO chapter 6, "Early Exception Recognition"). */
static void set_sysmask(struct cpu *c, uint8_t mask)
{
    cpu_set_sysmask(c, mask);
    if (unlikely(c->psw_invalid)) {
        c->psw_invalid = false;
        cpu_program_check(c, PGM_SPECIFICATION);
    }
}

/* 80 SSM - Set System Mask (S) */
void op_SSM(struct cpu *c, const uint8_t *ip)
{
    priv_check(c);
    if (c->cr[0] & CR0_SSM_SUPPRESS) cpu_program_check(c, PGM_SPECIAL_OPERATION);
    set_sysmask(c, vfetch1(c, ea_bd(c, ip + 2)));
}

/* 82 LPSW - Load PSW (S) */
void op_LPSW(struct cpu *c, const uint8_t *ip)
{
    priv_check(c);
    uint32_t ea = ea_bd(c, ip + 2);
    align_check(c, ea, 7);
    uint8_t psw[8];
    put64(psw, vfetch8(c, ea));
    /* An invalid PSW is loaded anyway; the run loop then recognizes the
       specification exception with ILC 0 before the next instruction. */
    cpu_load_psw(c, psw);
}

/* AC STNSM - Store Then And System Mask (SI) */
void op_STNSM(struct cpu *c, const uint8_t *ip)
{
    priv_check(c);
    vstore1(c, ea_bd(c, ip + 2), c->psw.sysmask);
    set_sysmask(c, c->psw.sysmask & ip[1]);
}

/* AD STOSM - Store Then Or System Mask (SI) */
void op_STOSM(struct cpu *c, const uint8_t *ip)
{
    priv_check(c);
    vstore1(c, ea_bd(c, ip + 2), c->psw.sysmask);
    set_sysmask(c, c->psw.sysmask | ip[1]);
}

/* ---------------------------------------------------------------------- */
/* Control registers and translation.                                      */

/* B6 STCTL - Store Control (RS) */
void op_STCTL(struct cpu *c, const uint8_t *ip)
{
    priv_check(c);
    unsigned r1 = R1(ip), n = ((R3(ip) - r1) & 15) + 1;
    uint32_t ea = ea_bd(c, ip + 2);
    align_check(c, ea, 3);
    vcheck(c, ea, 4 * n, true);
    for (unsigned i = 0; i < n; i++)
        vstore4(c, (ea + 4 * i) & AMASK, c->cr[(r1 + i) & 15]);
}

/* B7 LCTL - Load Control (RS) */
void op_LCTL(struct cpu *c, const uint8_t *ip)
{
    priv_check(c);
    unsigned r1 = R1(ip), n = ((R3(ip) - r1) & 15) + 1;
    uint32_t ea = ea_bd(c, ip + 2);
    align_check(c, ea, 3);
    vcheck(c, ea, 4 * n, false);
    uint32_t cr0 = c->cr[0], cr1 = c->cr[1];
    for (unsigned i = 0; i < n; i++)
        c->cr[(r1 + i) & 15] = vfetch4(c, (ea + 4 * i) & AMASK);
    /* A new translation format (CR0 bits 8-12) or segment table makes
       cached translations stale; new subclass or channel masks may enable
       a pending interruption. */
    if (((c->cr[0] ^ cr0) & 0x00F80000u) || c->cr[1] != cr1) cpu_tlb_flush(c);
    cpu_intr_changed(c);
}

/* B20D PTLB - Purge TLB (S) */
void op_PTLB(struct cpu *c, const uint8_t *ip)
{
    (void)ip;
    priv_check(c);
    cpu_tlb_flush(c);
}

/* B1 LRA - Load Real Address (RX) */
void op_LRA(struct cpu *c, const uint8_t *ip)
{
    priv_check(c);
    uint32_t addr = 0;
    /* cc 0: the real address; cc 1/2: the real address of the invalid
       segment- or page-table entry; cc 3: of the entry beyond the table
       (see dat_lra). */
    int cc = dat_lra(c, ea_rx(c, ip), &addr);
    c->gr[R1(ip)] = addr & AMASK;
    c->psw.cc = (uint8_t)cc;
}

/* B210 SPX - Set Prefix (S) */
void op_SPX(struct cpu *c, const uint8_t *ip)
{
    priv_check(c);
    uint32_t ea = ea_bd(c, ip + 2);
    align_check(c, ea, 3);
    uint32_t p = vfetch4(c, ea) & 0x00FFF000u;   /* bits 8-19 */
    if (p + 0x1000 > c->memsize) cpu_program_check(c, PGM_ADDRESSING);
    c->prefix = p;
    cpu_tlb_flush(c);   /* cached entries hold absolute addresses */
}

/* B211 STPX - Store Prefix (S) */
void op_STPX(struct cpu *c, const uint8_t *ip)
{
    priv_check(c);
    uint32_t ea = ea_bd(c, ip + 2);
    align_check(c, ea, 3);
    vstore4(c, ea, c->prefix);
}

/* ---------------------------------------------------------------------- */
/* CPU identification and signaling.                                       */

/* B202 STIDP - Store CPU ID (S) */
void op_STIDP(struct cpu *c, const uint8_t *ip)
{
    priv_check(c);
    uint32_t ea = ea_bd(c, ip + 2);
    align_check(c, ea, 7);
    vstore8(c, ea, (uint64_t)c->cpuid_hi << 32 | c->cpuid_lo);
}

/* B212 STAP - Store CPU Address (S) */
void op_STAP(struct cpu *c, const uint8_t *ip)
{
    priv_check(c);
    uint32_t ea = ea_bd(c, ip + 2);
    align_check(c, ea, 1);
    vstore2(c, ea, c->cpuaddr);
}

/* Store status (PoO chapter 4, "Store Status"): at fixed ABSOLUTE locations, no prefixing. In
   the BC mode the PSW carries a zero interruption code. */
static void store_status(struct cpu *c)
{
    if (c->memsize < 512) return;
    uint8_t *m = c->mem;
    put64(m + 216, c->cpu_timer_deadline - timer_tod(c));
    put64(m + 224, c->clock_comparator);
    cpu_store_psw(c, m + 256, 0, 0);
    put32(m + 264, c->prefix);
    for (int i = 0; i < 4; i++) put64(m + 352 + 8 * i, c->fpr[2 * i]);
    for (int i = 0; i < 16; i++) put32(m + 384 + 4 * i, c->gr[i]);
    for (int i = 0; i < 16; i++) put32(m + 448 + 4 * i, c->cr[i]);
    c->keys[0] |= KEY_REFERENCE | KEY_CHANGE;
}

/* The CPU enters the stopped state once this instruction completes. */
static void stop_cpu(struct cpu *c)
{
    c->stop = STOP_REQUEST;
    cpu_intr_changed(c);
}

/* An order addressed to this CPU; returns the cc, status in *status.
   Resets of this CPU by itself: the I/O part of the program resets is
   the channel subsystem's (not reachable from here). */
static int sigp_self(struct cpu *c, unsigned order, uint32_t *status)
{
    switch (order) {
    case SIGP_SENSE:
        /* This CPU is operating: only a pending external call can show. */
        if (c->intr & INTR_EXTERNAL_CALL) {
            *status = SIGP_STATUS_EXTCALL_PENDING;
            return 1;
        }
        return 0;
    case SIGP_EXTERNAL_CALL:
        if (c->intr & INTR_EXTERNAL_CALL) {
            *status = SIGP_STATUS_EXTCALL_PENDING;
            return 1;
        }
        c->intr |= INTR_EXTERNAL_CALL;
        break;
    case SIGP_EMERGENCY:
        c->intr |= INTR_EMERGENCY_SIGNAL;
        break;
    case SIGP_START:
        break;   /* already operating */
    case SIGP_STOP:
        stop_cpu(c);
        break;
    case SIGP_RESTART:
        c->intr |= INTR_RESTART;
        break;
    case SIGP_STOP_AND_STORE:
        store_status(c);
        stop_cpu(c);
        break;
    case SIGP_CPU_RESET:
    case SIGP_PROGRAM_RESET:
        /* CPU reset (PoO chapter 4, "Resets"): pending interruptions go, the CPU stops;
           registers, PSW and storage stay. */
        c->intr &= ~(INTR_RESTART | INTR_EXTERNAL_CALL | INTR_EMERGENCY_SIGNAL |
                     INTR_INTERVAL_TIMER | INTR_INTERRUPT_KEY | INTR_EXTERNAL_SIGNAL);
        c->ext_signals = 0;
        stop_cpu(c);
        break;
    case SIGP_INITIAL_CPU_RESET:
    case SIGP_INITIAL_PROGRAM_RESET:
        cpu_reset(c, false);
        stop_cpu(c);
        break;
    default:
        *status = SIGP_STATUS_INVALID_ORDER;
        return 1;
    }
    cpu_intr_changed(c);
    return 0;
}

/* AE SIGP - Signal Processor (RS) */
void op_SIGP(struct cpu *c, const uint8_t *ip)
{
    priv_check(c);
    unsigned r1 = R1(ip);
    uint16_t target = (uint16_t)c->gr[R3(ip)];
    unsigned order = ea_bd(c, ip + 2) & 0xFF;
    uint32_t status = 0;
    /* A uniprocessor: every CPU address but our own is not operational. */
    int cc = target == c->cpuaddr ? sigp_self(c, order, &status) : 3;
    if (cc == 1) c->gr[r1] = status;
    c->psw.cc = (uint8_t)cc;
}

/* ---------------------------------------------------------------------- */
/* Timing (PoO chapter 4, "Timing"). The TOD clock is always in the set state: the
   TOD-clock security switch is treated as being in the enable-set position. */

/* B204 SCK - Set Clock (S) */
void op_SCK(struct cpu *c, const uint8_t *ip)
{
    priv_check(c);
    uint32_t ea = ea_bd(c, ip + 2);
    align_check(c, ea, 7);
    timer_set_tod(c, vfetch8(c, ea));
    c->psw.cc = 0;
    cpu_intr_changed(c);   /* the clock comparator condition may change */
}

/* B205 STCK - Store Clock (S) */
void op_STCK(struct cpu *c, const uint8_t *ip)
{
    uint32_t ea = ea_bd(c, ip + 2);
    vstore8(c, ea, timer_stck(c));
    c->psw.cc = 0;
}

/* B206 SCKC - Set Clock Comparator (S) */
void op_SCKC(struct cpu *c, const uint8_t *ip)
{
    priv_check(c);
    uint32_t ea = ea_bd(c, ip + 2);
    align_check(c, ea, 7);
    c->clock_comparator = vfetch8(c, ea);
    cpu_intr_changed(c);
}

/* B207 STCKC - Store Clock Comparator (S) */
void op_STCKC(struct cpu *c, const uint8_t *ip)
{
    priv_check(c);
    uint32_t ea = ea_bd(c, ip + 2);
    align_check(c, ea, 7);
    vstore8(c, ea, c->clock_comparator);
}

/* B208 SPT - Set CPU Timer (S) */
void op_SPT(struct cpu *c, const uint8_t *ip)
{
    priv_check(c);
    uint32_t ea = ea_bd(c, ip + 2);
    align_check(c, ea, 7);
    /* Kept as the TOD value at which the timer passes zero. */
    c->cpu_timer_deadline = timer_tod(c) + vfetch8(c, ea);
    cpu_intr_changed(c);
}

/* B209 STPT - Store CPU Timer (S) */
void op_STPT(struct cpu *c, const uint8_t *ip)
{
    priv_check(c);
    uint32_t ea = ea_bd(c, ip + 2);
    align_check(c, ea, 7);
    vstore8(c, ea, c->cpu_timer_deadline - timer_tod(c));
}

/* ---------------------------------------------------------------------- */
/* Model-dependent and direct control.                                     */

/* 83 DIAG - Diagnose (RS) */
void op_DIAG(struct cpu *c, const uint8_t *ip)
{
    priv_check(c);
    /* Model dependent (PoO chapter 10, DIAGNOSE): the machine's hook decides; with
       no hook installed DIAGNOSE does nothing. */
    if (c->diagnose && !c->diagnose(c, R1(ip), R3(ip), ea_bd(c, ip + 2)))
        cpu_program_check(c, PGM_SPECIFICATION);
}

/* 84 WRD - Write Direct (SI) */
void op_WRD(struct cpu *c, const uint8_t *ip)
{
    priv_check(c);
    /* No direct-control lines are attached: the operand is fetched (its
       access exceptions apply) and the signals go nowhere. */
    (void)vfetch1(c, ea_bd(c, ip + 2));
}

/* 85 RDD - Read Direct (SI) */
void op_RDD(struct cpu *c, const uint8_t *ip)
{
    priv_check(c);
    /* No direct-in lines are attached: they read as zeros. */
    vstore1(c, ea_bd(c, ip + 2), 0);
}
