/*
 * timer.c - TOD clock, clock comparator, CPU timer and interval timer
 * (PoO chapter 4, "Timing").
 *
 * TOD values are in units of bit 63 (bit 51 = 1 microsecond, so 4096 units
 * a microsecond). Timers are brought up to date by event, from the run
 * loop's service path, never per instruction.
 *
 * Real-time mode follows the host clock. Deterministic mode
 * (--deterministic) derives all time from the instruction count: one
 * instruction is one microsecond, and a wait state jumps straight to the
 * next timer event, so every run of a program gives the same results.
 */
#include <time.h>
#include "cpu.h"

#define TOD_PER_US        4096ull
#define DET_TOD_PER_INSN  TOD_PER_US
#define UNIX_EPOCH_TOD    0x7D91048BCA000000ull   /* 1970-01-01 00:00 UTC */
#define DET_START_TOD     (UNIX_EPOCH_TOD + 946684800ull * 1000000ull * TOD_PER_US) /* 2000-01-01 */
#define REALTIME_CHUNK    4096u   /* instructions between host clock checks */
/* Deterministic mode: at most this many instructions between timer updates.
   X'50' is ordinary storage that a program may store into at any time; the
   elapsed time is taken off it at the next update, so the update interval
   bounds the error (4096 us, about one 300 Hz interval-timer step). */
#define MAX_CHUNK         4096u

/* Interval timer (PoO 4-22): bit 23 of X'50' counts down 300 times a
   second, so bit 31 76800 times: one unit is 4096e6/76800 = 160000/3 TOD
   units. Fractions are kept in thirds of a TOD unit. */
#define ITIMER_THIRDS_PER_UNIT 160000ull

static uint64_t host_tod(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return UNIX_EPOCH_TOD + ((uint64_t)ts.tv_sec * 1000000u) * TOD_PER_US
           + (uint64_t)ts.tv_nsec * TOD_PER_US / 1000u;
}

void timer_init(struct cpu *c, bool deterministic)
{
    c->deterministic = deterministic;
    c->tod_skip = 0;
    c->tod_epoch = deterministic ? DET_START_TOD - c->insns * DET_TOD_PER_INSN : 0;
    c->tod_last = 0;
    c->itimer_last = timer_tod(c);
    c->itimer_frac = 0;
    c->cpu_timer_deadline = timer_tod(c);
}

uint64_t timer_tod(struct cpu *c)
{
    if (c->deterministic) return c->tod_epoch + c->insns * DET_TOD_PER_INSN + c->tod_skip;
    return host_tod() + c->tod_epoch;
}

uint64_t timer_stck(struct cpu *c)
{
    uint64_t v = timer_tod(c);
    if (v <= c->tod_last) v = c->tod_last + 1;   /* STCK values are unique */
    c->tod_last = v;
    return v;
}

void timer_set_tod(struct cpu *c, uint64_t tod)
{
    uint64_t now = timer_tod(c);
    c->tod_epoch += tod - now;   /* modular arithmetic does the subtraction */
    c->tod_last = 0;
    c->itimer_last += tod - now;
    c->cpu_timer_deadline += tod - now;  /* the CPU timer is independent of SCK */
}

static void update_interval_timer(struct cpu *c, uint64_t now)
{
    uint64_t elapsed = now - c->itimer_last;
    c->itimer_last = now;
    if ((int64_t)elapsed <= 0) return;
    uint64_t thirds = c->itimer_frac + elapsed * 3;
    uint64_t units = thirds / ITIMER_THIRDS_PER_UNIT;
    c->itimer_frac = thirds % ITIMER_THIRDS_PER_UNIT;
    if (!units) return;
    uint32_t aa = prefix_real(c, PSA_TIMER);
    if (aa + 4 > c->memsize) return;
    int32_t old = (int32_t)be32(c->mem + aa);
    int32_t new = (int32_t)((uint32_t)old - (uint32_t)units);
    put32(c->mem + aa, (uint32_t)new);
    if (old >= 0 && (new < 0 || units > (uint64_t)old + 0x80000000ull))
        c->intr |= INTR_INTERVAL_TIMER;
}

void timer_update(struct cpu *c)
{
    uint64_t now = timer_tod(c);
    if (now > c->clock_comparator) c->intr |= INTR_CLOCK_COMPARATOR;
    else c->intr &= ~INTR_CLOCK_COMPARATOR;
    if ((int64_t)(c->cpu_timer_deadline - now) < 0) c->intr |= INTR_CPU_TIMER;
    else c->intr &= ~INTR_CPU_TIMER;
    update_interval_timer(c, now);
}

/* TOD units until the next timer event that could interrupt; UINT64_MAX if none. */
static uint64_t tod_to_next(struct cpu *c, bool enabled_only)
{
    uint64_t now = timer_tod(c), best = UINT64_MAX;
    uint32_t cr0 = enabled_only ? c->cr[0] : 0xFFFFFFFFu;
    if ((cr0 & 0x800) && c->clock_comparator >= now) {
        uint64_t d = c->clock_comparator - now;
        if (d < UINT64_MAX) d++;   /* TOD > comparator: one unit past; saturates at "never" */
        if (d < best) best = d;
    }
    if ((cr0 & 0x400) && (int64_t)(c->cpu_timer_deadline - now) >= 0) {
        uint64_t d = c->cpu_timer_deadline - now + 1;
        if (d < best) best = d;
    }
    uint32_t aa = prefix_real(c, PSA_TIMER);
    if ((cr0 & 0x80) && aa + 4 <= c->memsize) {
        int32_t v = (int32_t)be32(c->mem + aa);
        if (v >= 0) {
            uint64_t thirds = ((uint64_t)v + 1) * ITIMER_THIRDS_PER_UNIT - c->itimer_frac;
            uint64_t d = (thirds + 2) / 3;
            if (d < best) best = d;
        }
    }
    return best;
}

uint64_t timer_next_event(struct cpu *c)
{
    if (!c->deterministic) return REALTIME_CHUNK;
    uint64_t d = tod_to_next(c, false);
    if (d == UINT64_MAX) return MAX_CHUNK;
    uint64_t n = (d + DET_TOD_PER_INSN - 1) / DET_TOD_PER_INSN;
    if (n == 0) n = 1;
    return n < MAX_CHUNK ? n : MAX_CHUNK;
}

/* In a wait state with some interruption enabled: let time pass until the
   next timer event. Returns false when nothing can ever end the wait: no
   enabled timer, and (in real-time mode) no channel subsystem that could
   present an enabled I/O interruption. */
bool timer_wait(struct cpu *c)
{
    uint64_t d = (c->psw.sysmask & 0x01) ? tod_to_next(c, true) : UINT64_MAX;
    if (d == UINT64_MAX) {
        bool io_enabled = c->psw.ec ? (c->psw.sysmask & 0x02) : (c->psw.sysmask & 0xFE);
        if (c->deterministic || !io_enabled || !c->io.interrupt) return false;
        d = UINT64_MAX / 2;   /* wait for the channels, looking again below */
    }
    if (c->deterministic) {
        c->tod_skip += d;
    } else {
        /* Look again every 10 ms at most (capped before scaling: d can be
           near 2^64 for a far-away comparator). */
        uint64_t ns = d > 10000000ull * TOD_PER_US / 1000u ? 10000000u : d * 1000u / TOD_PER_US;
        struct timespec ts = { (time_t)(ns / 1000000000u), (long)(ns % 1000000000u) };
        nanosleep(&ts, NULL);
    }
    timer_update(c);
    return true;
}

/* Hercules' clock statements (SYSEPOCH, YROFFSET, TZOFFSET), measured on
   Hercules 3.13 rather than taken from its documentation: a year offset of
   n years moves the clock by the lengths of whole calendar years counted
   from the clock's current year (the n years before it for a negative n,
   from it on for a positive n), so "YROFFSET -28" keeps the day of the week
   and February 29. SYSEPOCH 1960 moves the clock back by the exact days
   from 1900 to 1960; any other epoch year Y is a year offset of 1900-Y on
   top of 1900, except 1988, which Hercules treats as 1960 with -28. */
static bool leap(long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int64_t offset_days(long year, int years)
{
    int64_t days = 0;
    if (years < 0)
        for (long y = year + years; y < year; y++) days -= leap(y) ? 366 : 365;
    else
        for (long y = year; y < year + years; y++) days += leap(y) ? 366 : 365;
    return days;
}

void timer_offset(struct cpu *c, int epoch, int years, int tz_minutes)
{
    if (epoch == 1988) epoch = 1960, years -= 28;
    else if (epoch != 1900 && epoch != 1960) years += 1900 - epoch, epoch = 1900;
    uint64_t now = timer_tod(c);
    time_t secs = (time_t)((now - UNIX_EPOCH_TOD) / TOD_PER_US / 1000000u);
    struct tm tm;
    gmtime_r(&secs, &tm);
    int64_t days = offset_days(tm.tm_year + 1900L, years) - (epoch == 1960 ? 21914 : 0);
    int64_t us = (days * 86400 + (int64_t)tz_minutes * 60) * 1000000;
    timer_set_tod(c, now + (uint64_t)us * TOD_PER_US);
}
