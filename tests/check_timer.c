/*
 * TOD clock, clock comparator, CPU timer and interval timer (PoO chapter
 * 4, "Timing"), through SCK, STCK, SCKC, STCKC, SPT and STPT.
 *
 * Deterministic mode (t_cpu) is the model for exact expectations: every
 * instruction takes one microsecond (4096 TOD units, bit 51 = 1 us), and a
 * wait state jumps to the next timer event.
 */
#include <stdio.h>
#include "harness.h"

#define US 4096ull   /* TOD units in a microsecond */
#define X  0x9000000000000000ull

static struct cpu *machine(void)
{
    struct cpu *c = t_cpu();
    t_put(c, PSA_EXT_NEW, "00020000 00000EE8");   /* external: disabled wait at EE8 */
    return c;
}

static bool ext_taken(struct cpu *c) { return c->stop == STOP_WAIT && c->psw.ia == 0xEE8; }

/* ---------------------------------------------------------------------- */

/* SCK sets the clock; STCK, the next instruction, sees one microsecond later. */
START_TEST(sck_stck_round_trip)
{
    struct cpu *c = machine();
    t_set8(c, 0x800, X);
    t_run(c, "B204 0800 B205 0808");
    ck_assert(t_ended(c, 8));
    ck_assert_uint_eq(t_get8(c, 0x808), X + US);
    ck_assert_uint_eq((c->mem[PSA_PGM_OLD + 4] >> 4) & 3, 0);
    cpu_free(c);
}
END_TEST

START_TEST(stck_increases_each_instruction)
{
    struct cpu *c = machine();
    t_run(c, "B205 0800 B205 0808 B205 0810 B205 0818");
    for (unsigned i = 1; i < 4; i++)
        ck_assert_uint_eq(t_get8(c, 0x800 + 8 * i) - t_get8(c, 0x800 + 8 * (i - 1)), US);
    cpu_free(c);
}
END_TEST

/* Real-time mode: STCK values are unique and increasing even when the host
   clock does not move between two instructions. */
START_TEST(stck_unique_in_real_time)
{
    struct cpu *c = machine();
    timer_init(c, false);
    char prog[64 * 10 + 1] = "";
    for (unsigned i = 0; i < 64; i++) snprintf(prog + 9 * i, 10, "B205%04X ", 0x800 + 8 * i);
    t_run(c, prog);
    ck_assert(t_ended(c, 256));
    for (unsigned i = 1; i < 64; i++)
        ck_assert_uint_gt(t_get8(c, 0x800 + 8 * i), t_get8(c, 0x800 + 8 * (i - 1)));
    cpu_free(c);
}
END_TEST

/* After SCK to an earlier time, STCK follows the new setting. */
START_TEST(sck_backwards_then_stck)
{
    struct cpu *c = machine();
    t_set8(c, 0x800, X);
    t_set8(c, 0x808, X - 1000 * US);
    t_run(c, "B204 0800 B205 0810 B204 0808 B205 0818");
    ck_assert_uint_eq(t_get8(c, 0x810), X + US);
    ck_assert_uint_eq(t_get8(c, 0x818), X - 1000 * US + US);
    cpu_free(c);
}
END_TEST

START_TEST(sckc_stckc_round_trip)
{
    struct cpu *c = machine();
    t_set8(c, 0x800, 0x0123456789ABCDEFull);
    t_run(c, "B206 0800 B207 0808");
    ck_assert_uint_eq(t_get8(c, 0x808), 0x0123456789ABCDEFull);
    ck_assert_uint_eq(c->clock_comparator, 0x0123456789ABCDEFull);
    cpu_free(c);
}
END_TEST

/* The CPU timer counts down by one microsecond per instruction. */
START_TEST(spt_stpt_counts_down)
{
    struct cpu *c = machine();
    t_set8(c, 0x800, 0x0000123400000000ull);
    t_run(c, "B208 0800 B20D 0000 B209 0808");
    ck_assert_uint_eq(t_get8(c, 0x808), 0x0000123400000000ull - 2 * US);
    cpu_free(c);
}
END_TEST

/* SCK does not disturb the CPU timer. */
START_TEST(sck_leaves_cpu_timer)
{
    struct cpu *c = machine();
    t_set8(c, 0x800, 1000 * US);
    t_set8(c, 0x808, 5);
    t_run(c, "B208 0800 B204 0808 B209 0810");
    ck_assert_uint_eq(t_get8(c, 0x810), 1000 * US - 2 * US);
    cpu_free(c);
}
END_TEST

/* A negative CPU timer stores as a negative value. */
START_TEST(stpt_negative)
{
    struct cpu *c = machine();
    t_run(c, "B208 0800 B209 0808");   /* SPT 0 */
    ck_assert_uint_eq(t_get8(c, 0x808), (uint64_t)-(int64_t)US);
    cpu_free(c);
}
END_TEST

/* ---------------------------------------------------------------------- */
/* Interruption timing. Programs pad with PTLB (4 bytes, no effect here). */

#define PTLB4 "B20D0000 B20D0000 B20D0000 B20D0000 "

/* SPT 3 us at instruction i: after k more instructions the timer is
   3 - k us, negative first at k = 4. The interruption follows the 4th
   PTLB: old PSW at X'1004' + 4 * 4. */
START_TEST(cpu_timer_interrupts_on_time)
{
    struct cpu *c = machine();
    c->cr[0] = 0x400;    /* CPU timer subclass mask (bit 21) alone */
    t_set8(c, 0x800, 3 * US);
    t_put(c, T_ORG, "B208 0800 " PTLB4 PTLB4 "0000");
    t_psw(c, "01080000 00001000");   /* EC, external enabled */
    cpu_run(c);
    ck_assert(ext_taken(c));
    ck_assert_uint_eq(t_get4(c, PSA_EXT_OLD + 4), 0x1014);
    ck_assert_uint_eq(be16(c->mem + PSA_EXT_CODE), EXT_CPU_TIMER);
    ck_assert_uint_eq(be16(c->mem + PSA_EXT_CPUADDR), 0);
    cpu_free(c);
}
END_TEST

/* SCK X, SCKC X + 5 us: the condition TOD > comparator first holds 6 us
   after SCK, i.e. after SCKC and 5 PTLBs: old PSW at X'1008' + 5 * 4. */
START_TEST(clock_comparator_interrupts_on_time)
{
    struct cpu *c = machine();
    c->cr[0] = 0x800;    /* clock comparator subclass mask (bit 20) alone */
    c->clock_comparator = ~0ull;   /* not pending before SCKC */
    t_set8(c, 0x800, X);
    t_set8(c, 0x808, X + 5 * US);
    t_put(c, T_ORG, "B204 0800 B206 0808 " PTLB4 PTLB4 "0000");
    t_psw(c, "01080000 00001000");
    cpu_run(c);
    ck_assert(ext_taken(c));
    ck_assert_uint_eq(t_get4(c, PSA_EXT_OLD + 4), 0x101C);
    ck_assert_uint_eq(be16(c->mem + PSA_EXT_CODE), EXT_CLOCK_COMPARATOR);
    cpu_free(c);
}
END_TEST

START_TEST(clock_comparator_bc_mode_code_in_psw)
{
    struct cpu *c = machine();
    c->cr[0] = 0x800;
    c->clock_comparator = ~0ull;
    t_set8(c, 0x800, X);
    t_set8(c, 0x808, X + 1 * US);
    t_put(c, T_ORG, "B204 0800 B206 0808 " PTLB4 "0000");
    t_psw(c, "01000000 00001000");
    cpu_run(c);
    ck_assert(ext_taken(c));
    ck_assert_uint_eq(be16(c->mem + PSA_EXT_OLD + 2), EXT_CLOCK_COMPARATOR);
    /* TOD > X + 1 us first at 2 us after SCK: after SCKC and one PTLB */
    ck_assert_uint_eq(t_get4(c, PSA_EXT_OLD + 4) & AMASK, 0x100C);
    cpu_free(c);
}
END_TEST

START_TEST(cpu_timer_bc_mode_code_in_psw)
{
    struct cpu *c = machine();
    c->cr[0] = 0x400;
    t_set8(c, 0x800, 0);   /* SPT 0: negative one instruction later */
    t_put(c, T_ORG, "B208 0800 " PTLB4 "0000");
    t_psw(c, "01000000 00001000");
    cpu_run(c);
    ck_assert(ext_taken(c));
    ck_assert_uint_eq(be16(c->mem + PSA_EXT_OLD + 2), EXT_CPU_TIMER);
    ck_assert_uint_eq(t_get4(c, PSA_EXT_OLD + 4) & AMASK, 0x1008);
    cpu_free(c);
}
END_TEST

/* The subclass mask off: the condition stays pending but no interruption. */
START_TEST(clock_comparator_masked_by_cr0)
{
    struct cpu *c = machine();
    t_set8(c, 0x800, 0);
    t_put(c, T_ORG, "B206 0800 " PTLB4 "0000");
    t_psw(c, "01080000 00001000");
    ck_assert_uint_eq(t_go(c), PGM_OPERATION);
    ck_assert_uint_eq(t_pgm_ia(c), 0x1016);
    ck_assert(c->intr & INTR_CLOCK_COMPARATOR);
    cpu_free(c);
}
END_TEST

/* Setting the comparator into the future removes the condition. */
START_TEST(clock_comparator_condition_removed)
{
    struct cpu *c = machine();
    c->cr[0] |= 0x800;
    t_set8(c, 0x800, 0);
    t_set8(c, 0x808, ~0ull);
    /* disabled: SCKC 0 (pending), SCKC max (gone); then enable with STOSM */
    t_put(c, T_ORG, "B206 0800 B206 0808 B20D0000 AD01 0810 B20D0000 0000");
    t_psw(c, "00080000 00001000");
    ck_assert_uint_eq(t_go(c), PGM_OPERATION);
    ck_assert_uint_eq(t_pgm_ia(c), 0x1016);
    cpu_free(c);
}
END_TEST

/* A wait state lets time pass to the comparator: the first instruction of
   the handler stores the clock just past it. */
START_TEST(enabled_wait_until_clock_comparator)
{
    struct cpu *c = machine();
    c->cr[0] = 0x800;
    c->clock_comparator = ~0ull;
    t_put(c, PSA_EXT_NEW, "00080000 00002000");
    t_put(c, 0x2000, "B205 0900 0000");
    t_set8(c, 0x800, X);
    t_set8(c, 0x808, X + 1000000 * US);   /* one second later */
    t_put(c, 0x810, "010A0000 00003000");  /* EC enabled wait */
    t_run(c, "B204 0800 B206 0808 8200 0810");
    uint64_t t = t_get8(c, 0x900);
    ck_assert_uint_gt(t, X + 1000000 * US);
    ck_assert_uint_le(t, X + 1000000 * US + 2 * US);
    ck_assert_uint_eq(be16(c->mem + PSA_EXT_CODE), EXT_CLOCK_COMPARATOR);
    ck_assert_uint_eq(t_get4(c, PSA_EXT_OLD + 4), 0x3000);
    cpu_free(c);
}
END_TEST

START_TEST(enabled_wait_until_cpu_timer)
{
    struct cpu *c = machine();
    c->cr[0] = 0x400;
    t_put(c, PSA_EXT_NEW, "00080000 00002000");
    t_put(c, 0x2000, "B205 0900 B209 0908 0000");
    t_set8(c, 0x800, X);
    t_set8(c, 0x808, 500 * US);
    t_put(c, 0x810, "010A0000 00003000");
    t_run(c, "B204 0800 B208 0808 8200 0810");
    /* SPT at X + 1 us: the timer goes negative just after X + 501 us */
    uint64_t t = t_get8(c, 0x900);
    ck_assert_uint_gt(t, X + 501 * US);
    ck_assert_uint_le(t, X + 503 * US);
    ck_assert_int_lt((int64_t)t_get8(c, 0x908), 0);
    ck_assert_uint_eq(be16(c->mem + PSA_EXT_CODE), EXT_CPU_TIMER);
    cpu_free(c);
}
END_TEST

/* A wait with no enabled timer event can never end: the run stops. */
START_TEST(enabled_wait_without_event_stops)
{
    struct cpu *c = machine();
    t_put(c, 0x810, "010A0000 00003000");   /* CR0 masks: only the interval timer */
    t_set4(c, PSA_TIMER, 0x80000000);       /* already negative */
    t_run(c, "8200 0810");
    ck_assert_int_eq(c->stop, STOP_WAIT);
    ck_assert_uint_eq(c->psw.ia, 0x3000);
    cpu_free(c);
}
END_TEST

/* Interval timer: bit 23 counts 300 times a second, so bit 31 76800 times.
   10 ms of waiting takes 768 units off X'50'. */
START_TEST(interval_timer_rate)
{
    struct cpu *c = machine();
    c->cr[0] |= 0x800;
    c->clock_comparator = ~0ull;
    t_set4(c, PSA_TIMER, 0x00100000);
    t_set8(c, 0x800, X);
    t_set8(c, 0x808, X + 10000 * US);
    t_put(c, 0x810, "010A0000 00003000");
    t_run(c, "B204 0800 B206 0808 8200 0810");
    ck_assert(ext_taken(c));
    uint32_t left = t_get4(c, PSA_TIMER);
    /* 10001 us from the start (SCK came 1 us in): 768.08 units */
    ck_assert_uint_le(0x00100000 - left, 769);
    ck_assert_uint_ge(0x00100000 - left, 768);
    cpu_free(c);
}
END_TEST

START_TEST(interval_timer_ec_mode)
{
    struct cpu *c = machine();
    t_set4(c, PSA_TIMER, 0x00000100);   /* one bit-23 step: 1/300 s */
    t_psw(c, "010A0000 00001000");
    cpu_run(c);
    ck_assert(ext_taken(c));
    ck_assert_uint_eq(be16(c->mem + PSA_EXT_CODE), EXT_INTERVAL_TIMER);
    ck_assert_uint_eq(be16(c->mem + PSA_EXT_CPUADDR), 0);
    ck_assert_uint_eq(c->mem[PSA_EXT_OLD + 1], 0x0A);
    /* X'100' is 1/300 s = 3333.3 us; the value turns negative one bit-31
       unit (13.02 us) later, at 257/76800 s = 3346.4 us */
    ck_assert_uint_ge(timer_tod(c) - c->tod_epoch, 3346 * US);
    ck_assert_uint_le(timer_tod(c) - c->tod_epoch, 3347 * US);
    cpu_free(c);
}
END_TEST

/* The interval timer is not presented again while it stays negative. */
START_TEST(interval_timer_interrupts_once)
{
    struct cpu *c = machine();
    t_put(c, PSA_EXT_NEW, "01000000 00002000");   /* enabled handler */
    t_put(c, 0x2000, PTLB4 PTLB4 "0000");
    t_set4(c, PSA_TIMER, 0);   /* negative after one unit: 13 us */
    t_put(c, T_ORG, PTLB4 PTLB4 PTLB4 PTLB4 PTLB4 "0000");
    t_psw(c, "01000000 00001000");
    ck_assert_uint_eq(t_go(c), PGM_OPERATION);
    ck_assert_uint_eq(t_pgm_ia(c), 0x2022);
    ck_assert_uint_eq(be16(c->mem + PSA_EXT_OLD + 2), EXT_INTERVAL_TIMER);
    cpu_free(c);
}
END_TEST

/* The same program gives the same results in every run. */
static void timed_program(struct cpu *c)
{
    c->cr[0] |= 0xC00;
    t_put(c, PSA_EXT_NEW, "00080000 00002000");
    t_put(c, 0x2000, "B205 0900 B209 0908 B207 0910 0000");
    t_set8(c, 0x808, 700 * US);
    t_set8(c, 0x818, ~0ull);
    t_set4(c, PSA_TIMER, 0x7FFFFF00);
    t_put(c, 0x810, "010A0000 00003000");
    t_run(c, "B205 0800 B208 0808 B206 0818 B205 0820 8200 0810");
}

START_TEST(deterministic_runs_repeat)
{
    struct cpu *a = machine(), *b = machine();
    timed_program(a);
    timed_program(b);
    ck_assert_uint_eq(a->insns, b->insns);
    ck_assert_int_eq(memcmp(a->mem, b->mem, 0x1000), 0);
    ck_assert_uint_eq(be16(a->mem + PSA_EXT_CODE), EXT_CPU_TIMER);
    cpu_free(a);
    cpu_free(b);
}
END_TEST

/* Initial CPU reset clears the CPU timer and the clock comparator. */
START_TEST(reset_clears_timers)
{
    struct cpu *c = machine();
    t_set8(c, 0x800, 77 * US);
    t_run(c, "B208 0800 B206 0800");
    cpu_reset(c, false);
    ck_assert_uint_eq(c->clock_comparator, 0);
    ck_assert_uint_eq(c->cpu_timer_deadline, timer_tod(c));
    cpu_free(c);
}
END_TEST

Suite *suite(void)
{
    Suite *s = suite_create("timer");
    TCase *tc = tcase_create("timer");
    tcase_add_test(tc, sck_stck_round_trip);
    tcase_add_test(tc, stck_increases_each_instruction);
    tcase_add_test(tc, stck_unique_in_real_time);
    tcase_add_test(tc, sck_backwards_then_stck);
    tcase_add_test(tc, sckc_stckc_round_trip);
    tcase_add_test(tc, spt_stpt_counts_down);
    tcase_add_test(tc, sck_leaves_cpu_timer);
    tcase_add_test(tc, stpt_negative);
    tcase_add_test(tc, cpu_timer_interrupts_on_time);
    tcase_add_test(tc, clock_comparator_interrupts_on_time);
    tcase_add_test(tc, clock_comparator_bc_mode_code_in_psw);
    tcase_add_test(tc, cpu_timer_bc_mode_code_in_psw);
    tcase_add_test(tc, clock_comparator_masked_by_cr0);
    tcase_add_test(tc, clock_comparator_condition_removed);
    tcase_add_test(tc, enabled_wait_until_clock_comparator);
    tcase_add_test(tc, enabled_wait_until_cpu_timer);
    tcase_add_test(tc, enabled_wait_without_event_stops);
    tcase_add_test(tc, interval_timer_rate);
    tcase_add_test(tc, interval_timer_ec_mode);
    tcase_add_test(tc, interval_timer_interrupts_once);
    tcase_add_test(tc, deterministic_runs_repeat);
    tcase_add_test(tc, reset_clears_timers);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return t_main(suite()); }
