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

/* After an instruction that crosses a 2K block boundary (the run loop
   assembles it in a buffer), the next sequential instruction comes from
   storage in the next block, not from past the end of that buffer. */
START_TEST(instruction_after_block_crossing_one)
{
    struct cpu *c = t_cpu();
    t_set4(c, 0x800, 21);
    t_put(c, 0x17FE, "5810 0800 1A11 1A11 0000");   /* L 1,X'800'; AR 1,1 twice */
    t_psw(c, "00000000 000017FE");
    ck_assert_uint_eq(t_go(c), PGM_OPERATION);
    ck_assert_uint_eq(t_pgm_ia(c), 0x1808);
    ck_assert_uint_eq(c->gr[1], 84);
    cpu_free(c);
}
END_TEST

/* Branches within a block take the run loop's short cut; to another block
   and back they go through the translation cache. */
START_TEST(branches_within_and_across_blocks)
{
    struct cpu *c = t_cpu();
    /* 1000: LA 2,5; LA 4,X'800'; AR 4,4 (R4 = X'1000')
       100A: BCT 2,X'100'(4) -> 1100: B X'00A'(4), four times round
       100E: B 0(4,4) = X'2000'
       2000: LA 3,7; B X'00C'(4,4) = X'200C'; 2008: X'0000'
       200C: BCR 15,0 (no branch); 200E: X'0000' */
    t_put(c, 0x1000, "41200005 41400800 1A44 46204100 47F44000");
    t_put(c, 0x1100, "47F0400A");
    t_put(c, 0x2000, "41300007 47F4400C 00000000 07F0 0000");
    t_psw(c, "00000000 00001000");
    ck_assert_uint_eq(t_go(c), PGM_OPERATION);
    ck_assert_uint_eq(t_pgm_ia(c), 0x2010);
    ck_assert_uint_eq(c->gr[2], 0);
    ck_assert_uint_eq(c->gr[3], 7);
    ck_assert_uint_eq(c->insns, 3 + 5 * 2 - 1 + 1 + 2 + 1 + 1);
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
    tcase_add_test(tc, instruction_after_block_crossing_one);
    tcase_add_test(tc, branches_within_and_across_blocks);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return t_main(suite()); }
