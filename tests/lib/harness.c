#include <ctype.h>
#include <stdlib.h>
#include "harness.h"

struct cpu *t_cpu(void)
{
    struct cpu *c = cpu_new(64 * 1024);
    ck_assert_ptr_nonnull(c);
    timer_init(c, true);
    t_put(c, PSA_PGM_NEW, "00020000 00000EEE");   /* disabled wait */
    c->limit = 1000000;
    return c;
}

void t_put(struct cpu *c, uint32_t addr, const char *hex)
{
    int hi = -1;
    for (const char *p = hex; *p; p++) {
        if (isspace((unsigned char)*p)) continue;
        ck_assert_msg(isxdigit((unsigned char)*p), "bad hex digit in test program: %c", *p);
        int v = isdigit((unsigned char)*p) ? *p - '0' : toupper((unsigned char)*p) - 'A' + 10;
        if (hi < 0) {
            hi = v;
        } else {
            ck_assert_uint_lt(addr, c->memsize);
            c->mem[addr++] = (uint8_t)(hi << 4 | v);
            hi = -1;
        }
    }
    ck_assert_msg(hi < 0, "odd number of hex digits");
}

void t_psw(struct cpu *c, const char *hex)
{
    uint8_t b[8];
    t_put(c, 0xF000, hex);   /* scratch, then copy: keeps one hex parser */
    memcpy(b, c->mem + 0xF000, 8);
    memset(c->mem + 0xF000, 0, 8);
    cpu_load_psw(c, b);
}

unsigned t_go(struct cpu *c)
{
    c->stop = STOP_NONE;
    uint64_t before = be64(c->mem + PSA_PGM_OLD);
    memset(c->mem + PSA_PGM_OLD, 0, 8);
    (void)before;
    cpu_run(c);
    if (c->stop != STOP_WAIT || c->psw.ia != 0xEEE) return 0;
    if (c->mem[PSA_PGM_OLD + 1] & 0x08) return be16(c->mem + PSA_PGM_CODE);
    return be16(c->mem + PSA_PGM_OLD + 2);
}

unsigned t_run_as(struct cpu *c, uint8_t keystate, const char *hex)
{
    t_put(c, T_ORG, hex);
    size_t digits = 0;
    for (const char *p = hex; *p; p++) digits += isxdigit((unsigned char)*p) != 0;
    t_put(c, T_ORG + (uint32_t)digits / 2, "0000");
    uint8_t psw[8] = { 0, keystate, 0, 0, 0, T_ORG >> 16, (T_ORG >> 8) & 0xFF, T_ORG & 0xFF };
    cpu_load_psw(c, psw);
    return t_go(c);
}

unsigned t_run(struct cpu *c, const char *hex)
{
    return t_run_as(c, 0, hex);
}

uint32_t t_pgm_ia(struct cpu *c)
{
    return be32(c->mem + PSA_PGM_OLD + 4) & AMASK;
}

unsigned t_pgm_ilc(struct cpu *c)
{
    if (c->mem[PSA_PGM_OLD + 1] & 0x08) return c->mem[PSA_PGM_ILC] >> 1;
    return c->mem[PSA_PGM_OLD + 4] >> 6;
}

bool t_ended(struct cpu *c, unsigned len)
{
    return c->stop == STOP_WAIT && c->psw.ia == 0xEEE && t_pgm_ia(c) == T_ORG + len + 2 &&
           be16(c->mem + PSA_PGM_OLD + 2) == PGM_OPERATION;
}

uint32_t t_get4(struct cpu *c, uint32_t addr) { return be32(c->mem + addr); }
void t_set4(struct cpu *c, uint32_t addr, uint32_t v) { put32(c->mem + addr, v); }
uint64_t t_get8(struct cpu *c, uint32_t addr) { return be64(c->mem + addr); }
void t_set8(struct cpu *c, uint32_t addr, uint64_t v) { put64(c->mem + addr, v); }

int t_main(Suite *s)
{
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
