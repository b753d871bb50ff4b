/* The run loop, PSW handling and interruptions that need no instruction group. */
#include "harness.h"

START_TEST(invalid_opcode_is_operation_exception)
{
    struct cpu *c = t_cpu();
    ck_assert_uint_eq(t_run(c, ""), PGM_OPERATION);
    ck_assert_uint_eq(t_pgm_ia(c), T_ORG + 2);
    ck_assert_uint_eq(t_pgm_ilc(c), 1);
    cpu_free(c);
}
END_TEST

START_TEST(odd_instruction_address_is_specification)
{
    struct cpu *c = t_cpu();
    t_psw(c, "00000000 00001001");
    ck_assert_uint_eq(t_go(c), PGM_SPECIFICATION);
    ck_assert_uint_eq(t_pgm_ia(c), 0x1001);
    cpu_free(c);
}
END_TEST

START_TEST(ec_psw_with_reserved_bits_is_specification)
{
    struct cpu *c = t_cpu();
    t_psw(c, "00080000 01001000");   /* bits 24-39 not zero */
    ck_assert_uint_eq(t_go(c), PGM_SPECIFICATION);
    ck_assert_uint_eq(c->mem[PSA_PGM_ILC], 0);
    cpu_free(c);
}
END_TEST

START_TEST(addressing_exception_beyond_storage)
{
    struct cpu *c = t_cpu();
    t_psw(c, "00000000 00FF0000");
    ck_assert_uint_eq(t_go(c), PGM_ADDRESSING);
    cpu_free(c);
}
END_TEST

START_TEST(disabled_wait_stops)
{
    struct cpu *c = t_cpu();
    t_psw(c, "000A0000 00001234");
    cpu_run(c);
    ck_assert_int_eq(c->stop, STOP_WAIT);
    ck_assert_uint_eq(c->insns, 0);
    cpu_free(c);
}
END_TEST

START_TEST(limit_stops_run)
{
    struct cpu *c = t_cpu();
    t_put(c, PSA_PGM_NEW, "00000000 00001000");   /* loop: every check restarts */
    t_psw(c, "00000000 00001000");
    c->limit = 500;
    cpu_run(c);
    ck_assert_int_eq(c->stop, STOP_LIMIT);
    ck_assert_uint_eq(c->insns, 500);
    cpu_free(c);
}
END_TEST

START_TEST(invalid_program_new_psw_checkstops)
{
    struct cpu *c = t_cpu();
    t_put(c, PSA_PGM_NEW, "00080000 FF001000");
    t_psw(c, "00000000 00001000");
    cpu_run(c);
    ck_assert_int_eq(c->stop, STOP_CHECKSTOP);
    cpu_free(c);
}
END_TEST

START_TEST(restart_interruption)
{
    struct cpu *c = t_cpu();
    t_put(c, PSA_RESTART_NEW, "000A0000 00002222");
    t_psw(c, "07060000 00001000");   /* enabled wait, BC mode */
    c->intr |= INTR_RESTART;
    cpu_run(c);
    ck_assert_int_eq(c->stop, STOP_WAIT);
    ck_assert_uint_eq(c->psw.ia, 0x2222);
    ck_assert_uint_eq(t_get4(c, PSA_RESTART_OLD), 0x07060000);
    cpu_free(c);
}
END_TEST

START_TEST(interval_timer_interrupts_in_wait)
{
    struct cpu *c = t_cpu();
    t_put(c, PSA_EXT_NEW, "000A0000 00003333");
    t_set4(c, PSA_TIMER, 0x00000200);       /* two bit-23 units: 2/300 s */
    t_psw(c, "01060000 00001000");          /* BC, external enabled, wait */
    cpu_run(c);
    ck_assert_int_eq(c->stop, STOP_WAIT);
    ck_assert_uint_eq(c->psw.ia, 0x3333);
    ck_assert_uint_eq(c->mem[PSA_EXT_OLD + 3], EXT_INTERVAL_TIMER);
    ck_assert_int_lt((int32_t)t_get4(c, PSA_TIMER), 0);
    /* 2/300 s is 6667 deterministic microseconds of waiting */
    uint64_t tod = timer_tod(c);
    ck_assert_uint_ge(tod - c->tod_epoch, 6666u * 4096u);
    cpu_free(c);
}
END_TEST

Suite *suite(void)
{
    Suite *s = suite_create("cpu");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, invalid_opcode_is_operation_exception);
    tcase_add_test(tc, odd_instruction_address_is_specification);
    tcase_add_test(tc, ec_psw_with_reserved_bits_is_specification);
    tcase_add_test(tc, addressing_exception_beyond_storage);
    tcase_add_test(tc, disabled_wait_stops);
    tcase_add_test(tc, limit_stops_run);
    tcase_add_test(tc, invalid_program_new_psw_checkstops);
    tcase_add_test(tc, restart_interruption);
    tcase_add_test(tc, interval_timer_interrupts_in_wait);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return t_main(suite()); }
