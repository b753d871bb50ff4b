/*
 * Interruptions (PoO chapter 6) in both PSW modes: old PSW contents and
 * the interruption codes in the PSW (BC) or in fixed locations (EC).
 * (SUPERVISOR CALL lives with the general instructions.)
 */
#include "harness.h"

static uint16_t get2(struct cpu *c, uint32_t a) { return be16(c->mem + a); }

static struct cpu *machine(void)
{
    struct cpu *c = t_cpu();
    t_put(c, PSA_EXT_NEW, "00020000 00000EE8");
    t_put(c, PSA_IO_NEW, "00020000 00000EE4");
    t_put(c, PSA_RESTART_NEW, "00020000 00000EE0");
    return c;
}

/* Program interruption, BC mode: code in PSW bits 16-31, ILC in 32-33,
   cc and program mask kept. Operation exception at X'1000': ILC 1. */
START_TEST(program_bc_old_psw)
{
    struct cpu *c = machine();
    t_put(c, T_ORG, "0000");
    t_psw(c, "00002A00 1B001000");   /* cc 1, mask B; bits 16-31 not kept */
    ck_assert_uint_eq(t_go(c), PGM_OPERATION);
    ck_assert_uint_eq(t_get4(c, PSA_PGM_OLD), 0x00000001);
    ck_assert_uint_eq(t_get4(c, PSA_PGM_OLD + 4), 0x5B001002);   /* ILC 1, cc 1, mask B */
    cpu_free(c);
}
END_TEST

/* EC mode: ILC at X'8D' bits 5-6, code at X'8E', X'8C' zero; the old PSW
   keeps cc and program mask in bits 18-23. */
START_TEST(program_ec_old_psw)
{
    struct cpu *c = machine();
    c->mem[PSA_PGM_ILC - 1] = 0xFF;
    t_put(c, T_ORG, "B20D0000 0000");
    t_psw(c, "000C1B00 00001000");   /* EC, machine-check mask, cc 1, mask B */
    ck_assert_uint_eq(t_go(c), PGM_OPERATION);
    ck_assert_uint_eq(t_get4(c, PSA_PGM_OLD), 0x000C1B00);
    ck_assert_uint_eq(t_get4(c, PSA_PGM_OLD + 4), 0x00001006);
    ck_assert_uint_eq(c->mem[PSA_PGM_ILC - 1], 0);
    ck_assert_uint_eq(c->mem[PSA_PGM_ILC], 0x02);
    ck_assert_uint_eq(get2(c, PSA_PGM_CODE), PGM_OPERATION);
    cpu_free(c);
}
END_TEST

/* The ILC reflects the instruction length: 2 and 3 halfwords. */
START_TEST(program_ec_ilc_of_longer_instructions)
{
    struct cpu *c = machine();
    t_put(c, T_ORG, "B204 0801");   /* SCK misaligned: ILC 2 */
    t_psw(c, "00080000 00001000");
    ck_assert_uint_eq(t_go(c), PGM_SPECIFICATION);
    ck_assert_uint_eq(c->mem[PSA_PGM_ILC], 0x04);
    ck_assert_uint_eq(t_get4(c, PSA_PGM_OLD + 4), 0x00001004);
    t_put(c, T_ORG, "FF00 0000 0000");   /* unassigned 6-byte opcode: ILC 3 */
    t_psw(c, "00080000 00001000");
    ck_assert_uint_eq(t_go(c), PGM_OPERATION);
    ck_assert_uint_eq(c->mem[PSA_PGM_ILC], 0x06);
    ck_assert_uint_eq(t_get4(c, PSA_PGM_OLD + 4), 0x00001006);
    cpu_free(c);
}
END_TEST

/* Restart: old PSW at 8, new PSW from 0. */
START_TEST(restart_bc_and_ec)
{
    static const char *psw[2] = { "FF060000 00001000", "030E0000 00001000" };
    static const uint32_t old0[2] = { 0xFF060000, 0x030E0000 };
    struct cpu *c = machine();
    t_psw(c, psw[_i]);   /* enabled wait */
    c->intr |= INTR_RESTART;
    cpu_run(c);
    ck_assert_uint_eq(c->psw.ia, 0xEE0);
    ck_assert_uint_eq(t_get4(c, PSA_RESTART_OLD), old0[_i]);
    ck_assert_uint_eq(t_get4(c, PSA_RESTART_OLD + 4), 0x00001000);
    cpu_free(c);
}
END_TEST

/* Restart is taken even in a disabled wait. */
START_TEST(restart_from_disabled_wait)
{
    struct cpu *c = machine();
    t_psw(c, "000A0000 00001234");
    c->intr |= INTR_RESTART;
    cpu_run(c);
    ck_assert_uint_eq(c->psw.ia, 0xEE0);
    ck_assert_uint_eq(t_get4(c, PSA_RESTART_OLD + 4), 0x00001234);
    cpu_free(c);
}
END_TEST

/* External, BC mode: code in the old PSW, X'86' untouched; X'84' zero. */
START_TEST(external_bc_interrupt_key)
{
    struct cpu *c = machine();
    t_set4(c, PSA_EXT_CPUADDR, 0xFFFFFFFF);
    c->intr |= INTR_INTERRUPT_KEY;
    t_psw(c, "01000000 00001000");
    t_put(c, T_ORG, "0000");
    cpu_run(c);
    ck_assert_uint_eq(c->psw.ia, 0xEE8);
    ck_assert_uint_eq(t_get4(c, PSA_EXT_OLD), 0x01000040);
    ck_assert_uint_eq(t_get4(c, PSA_EXT_OLD + 4) & AMASK, 0x1000);
    ck_assert_uint_eq(get2(c, PSA_EXT_CPUADDR), 0);
    ck_assert_uint_eq(get2(c, PSA_EXT_CODE), 0xFFFF);
    cpu_free(c);
}
END_TEST

START_TEST(external_ec_interrupt_key)
{
    struct cpu *c = machine();
    c->intr |= INTR_INTERRUPT_KEY;
    t_psw(c, "01082000 00001000");   /* cc 2 */
    cpu_run(c);
    ck_assert_uint_eq(c->psw.ia, 0xEE8);
    ck_assert_uint_eq(t_get4(c, PSA_EXT_OLD), 0x01082000);
    ck_assert_uint_eq(get2(c, PSA_EXT_CODE), EXT_INTERRUPT_KEY);
    ck_assert_uint_eq(get2(c, PSA_EXT_CPUADDR), 0);
    cpu_free(c);
}
END_TEST

/* Interval timer, interrupt key and external signals are of equal
   priority and presented together in one code. */
START_TEST(external_conditions_presented_together)
{
    struct cpu *c = machine();
    c->intr |= INTR_INTERRUPT_KEY | INTR_INTERVAL_TIMER | INTR_EXTERNAL_SIGNAL;
    c->ext_signals = 0x0004;   /* external signal 5 */
    t_psw(c, "01080000 00001000");
    cpu_run(c);
    ck_assert_uint_eq(get2(c, PSA_EXT_CODE), 0x00C4);
    ck_assert_uint_eq(c->intr & (INTR_INTERRUPT_KEY | INTR_INTERVAL_TIMER |
                                 INTR_EXTERNAL_SIGNAL), 0);
    cpu_free(c);
}
END_TEST

/* Subclass masks in CR0 hold a condition pending: the key with bit 25 off. */
START_TEST(external_subclass_mask_holds_pending)
{
    struct cpu *c = machine();
    c->cr[0] &= ~0x40u;
    c->intr |= INTR_INTERRUPT_KEY;
    t_put(c, T_ORG, "B20D0000 0000");
    t_psw(c, "01080000 00001000");
    ck_assert_uint_eq(t_go(c), PGM_OPERATION);
    ck_assert(c->intr & INTR_INTERRUPT_KEY);
    cpu_free(c);
}
END_TEST

/* The external mask in the PSW holds everything pending. */
START_TEST(external_psw_mask_holds_pending)
{
    struct cpu *c = machine();
    c->intr |= INTR_INTERRUPT_KEY;
    ck_assert_uint_eq(t_run(c, "B20D0000"), PGM_OPERATION);
    ck_assert(c->intr & INTR_INTERRUPT_KEY);
    cpu_free(c);
}
END_TEST

/* Priority: clock comparator before CPU timer before interval timer. */
START_TEST(external_priority_timers)
{
    struct cpu *c = machine();
    c->cr[0] |= 0xC00;
    c->clock_comparator = 0;                     /* pending */
    c->cpu_timer_deadline = timer_tod(c) - 1;    /* negative */
    c->intr |= INTR_INTERVAL_TIMER;
    t_psw(c, "01080000 00001000");
    cpu_run(c);
    ck_assert_uint_eq(get2(c, PSA_EXT_CODE), EXT_CLOCK_COMPARATOR);
    c->cr[0] &= ~0x800u;
    t_psw(c, "01080000 00001000");
    c->stop = STOP_NONE;
    cpu_run(c);
    ck_assert_uint_eq(get2(c, PSA_EXT_CODE), EXT_CPU_TIMER);
    c->cr[0] &= ~0x400u;
    t_psw(c, "01080000 00001000");
    c->stop = STOP_NONE;
    cpu_run(c);
    ck_assert_uint_eq(get2(c, PSA_EXT_CODE), EXT_INTERVAL_TIMER);
    cpu_free(c);
}
END_TEST

/* A condition that persists with an enabled new PSW would interrupt for
   ever; the machine check-stops instead of hanging. */
START_TEST(interruption_loop_checkstops)
{
    struct cpu *c = machine();
    c->cr[0] |= 0x800;
    c->clock_comparator = 0;
    t_put(c, PSA_EXT_NEW, "01080000 00001000");
    t_psw(c, "01080000 00001000");
    cpu_run(c);
    ck_assert_int_eq(c->stop, STOP_CHECKSTOP);
    cpu_free(c);
}
END_TEST

/* An invalid external new PSW: specification with ILC 0 right after the
   interruption (early exception), the old PSW being the invalid one. */
START_TEST(invalid_new_psw_is_early_specification)
{
    struct cpu *c = machine();
    t_put(c, PSA_EXT_NEW, "80080000 00002000");   /* bit 0 must be zero */
    c->intr |= INTR_INTERRUPT_KEY;
    t_psw(c, "01080000 00001000");
    ck_assert_uint_eq(t_go(c), PGM_SPECIFICATION);
    ck_assert_uint_eq(c->mem[PSA_PGM_ILC], 0);
    ck_assert_uint_eq(t_get4(c, PSA_PGM_OLD), 0x80080000);
    ck_assert_uint_eq(t_get4(c, PSA_PGM_OLD + 4), 0x00002000);
    cpu_free(c);
}
END_TEST

/* The check-stop for a loop of program interruptions must not count
   early exceptions that have instructions between them: here a handler
   loads an invalid PSW again and again, executing PTLB each time. */
START_TEST(repeated_invalid_psw_with_progress_is_no_loop)
{
    struct cpu *c = machine();
    t_put(c, PSA_PGM_NEW, "00000000 00002000");
    t_put(c, 0x2000, "B20D0000 8200 0800");
    t_put(c, 0x800, "00080001 00003000");   /* invalid: bit 31 */
    t_psw(c, "00000000 00002000");
    c->limit = 200;
    cpu_run(c);
    ck_assert_int_eq(c->stop, STOP_LIMIT);
    /* the invalid PSW is stored unchanged (PoO, early exception recognition) */
    ck_assert_uint_eq(get2(c, PSA_PGM_OLD + 2), 1);
    ck_assert_uint_eq(get2(c, PSA_PGM_CODE), PGM_SPECIFICATION);
    cpu_free(c);
}
END_TEST

/* I/O interruptions through the channel subsystem's hook. */
static bool fake_io_interrupt(void *ctx, struct cpu *c, uint16_t *devaddr)
{
    unsigned *left = ctx;
    if (!*left) return false;
    (*left)--;
    t_set8(c, PSA_CSW, 0x0000123400000000ull);
    *devaddr = 0x0191;
    return true;
}

START_TEST(io_bc_device_address_in_psw)
{
    struct cpu *c = machine();
    unsigned left = 1;
    c->io.ctx = &left;
    c->io.interrupt = fake_io_interrupt;
    c->intr |= INTR_IO;
    t_psw(c, "FE000000 00001000");
    cpu_run(c);
    ck_assert_uint_eq(c->psw.ia, 0xEE4);
    ck_assert_uint_eq(t_get4(c, PSA_IO_OLD), 0xFE000191);
    ck_assert_uint_eq(t_get8(c, PSA_CSW), 0x0000123400000000ull);
    cpu_free(c);
}
END_TEST

START_TEST(io_ec_device_address_stored)
{
    struct cpu *c = machine();
    unsigned left = 1;
    c->io.ctx = &left;
    c->io.interrupt = fake_io_interrupt;
    c->intr |= INTR_IO;
    t_set4(c, PSA_IO_ADDR - 2, 0xFFFFFFFF);
    t_psw(c, "02080000 00001000");
    cpu_run(c);
    ck_assert_uint_eq(c->psw.ia, 0xEE4);
    ck_assert_uint_eq(t_get4(c, PSA_IO_OLD), 0x02080000);
    ck_assert_uint_eq(t_get4(c, PSA_IO_ADDR - 2), 0x00000191);
    cpu_free(c);
}
END_TEST

/* External interruptions come before I/O (PoO priorities). */
START_TEST(external_before_io)
{
    struct cpu *c = machine();
    unsigned left = 1;
    c->io.ctx = &left;
    c->io.interrupt = fake_io_interrupt;
    c->intr |= INTR_IO | INTR_INTERRUPT_KEY;
    t_psw(c, "03080000 00001000");
    cpu_run(c);
    ck_assert_uint_eq(c->psw.ia, 0xEE8);
    ck_assert_uint_eq(left, 1);
    cpu_free(c);
}
END_TEST

Suite *suite(void)
{
    Suite *s = suite_create("interrupts");
    TCase *tc = tcase_create("interrupts");
    tcase_add_test(tc, program_bc_old_psw);
    tcase_add_test(tc, program_ec_old_psw);
    tcase_add_test(tc, program_ec_ilc_of_longer_instructions);
    tcase_add_loop_test(tc, restart_bc_and_ec, 0, 2);
    tcase_add_test(tc, restart_from_disabled_wait);
    tcase_add_test(tc, external_bc_interrupt_key);
    tcase_add_test(tc, external_ec_interrupt_key);
    tcase_add_test(tc, external_conditions_presented_together);
    tcase_add_test(tc, external_subclass_mask_holds_pending);
    tcase_add_test(tc, external_psw_mask_holds_pending);
    tcase_add_test(tc, external_priority_timers);
    tcase_add_test(tc, interruption_loop_checkstops);
    tcase_add_test(tc, invalid_new_psw_is_early_specification);
    tcase_add_test(tc, repeated_invalid_psw_with_progress_is_no_loop);
    tcase_add_test(tc, io_bc_device_address_in_psw);
    tcase_add_test(tc, io_ec_device_address_stored);
    tcase_add_test(tc, external_before_io);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return t_main(suite()); }
