/*
 * Opcode coverage: every row of opcodes.def is decoded, dispatched to a
 * handler that exists (executing it does not give the operation exception
 * reserved for invalid opcodes), and disassembles to its own mnemonic.
 * Opcodes outside the table give the operation exception.
 */
#include <stdio.h>
#include "harness.h"

/* Build an instruction for a row: r1=2, r2/x2/r3=4 (both even, for pair
   rules), base 0, displacement X'800'; lengths small. */
static unsigned make_insn(const struct opinfo *o, uint8_t *b)
{
    unsigned len;
    memset(b, 0, 6);
    if (o->twobyte) {
        b[0] = (uint8_t)(o->code >> 8);
        b[1] = (uint8_t)o->code;
    } else {
        b[0] = (uint8_t)o->code;
        b[1] = 0x24;
    }
    len = insn_length(b[0]);
    if (len >= 4) {
        b[2] = 0x08;
        b[3] = 0x00;
    }
    if (len == 6) {
        b[1] = 0x21;   /* lengths 3 and 2 (SS_LL) or 34 (SS_L) */
        b[4] = 0x09;
        b[5] = 0x00;
    }
    return len;
}

START_TEST(every_row_is_implemented)
{
    char failures[2048] = "";
    for (const struct opinfo *o = op_table; o->mnemonic; o++) {
        struct cpu *c = t_cpu();
        uint8_t b[6];
        unsigned len = make_insn(o, b);
        char hex[16];
        for (unsigned i = 0; i < len; i++) sprintf(hex + 2 * i, "%02X", b[i]);
        c->limit = 1000;
        t_put(c, 0x800, "0700");   /* a harmless EX target and branch target */
        unsigned code = t_run(c, hex);
        /* An unimplemented opcode is suppressed: old PSW just past it. */
        if (code == PGM_OPERATION && t_pgm_ia(c) == T_ORG + len) {
            strncat(failures, o->mnemonic, sizeof failures - strlen(failures) - 2);
            strcat(failures, " ");
        }
        cpu_free(c);
    }
    ck_assert_msg(failures[0] == 0, "operation exception from table rows: %s", failures);
}
END_TEST

START_TEST(disassembly_names_every_row)
{
    for (const struct opinfo *o = op_table; o->mnemonic; o++) {
        uint8_t b[6];
        char text[64];
        unsigned len = make_insn(o, b);
        ck_assert_uint_eq(disasm(b, text, sizeof text), len);
        char mn[16];
        sscanf(text, "%15s", mn);
        ck_assert_str_eq(mn, o->mnemonic);
    }
}
END_TEST

START_TEST(opcodes_outside_the_table_are_invalid)
{
    unsigned invalid = 0;
    for (unsigned op = 0; op < 256; op++) {
        uint8_t b[6] = { (uint8_t)op, 0, 0x08, 0, 0x09, 0 };
        if (op_lookup(b)) continue;
        /* two-byte prefixes with an unassigned second byte are checked below */
        if (op == 0xB2 || (op >= 0x9C && op <= 0x9F)) continue;
        struct cpu *c = t_cpu();
        char hex[16];
        unsigned len = insn_length(b[0]);
        for (unsigned i = 0; i < len; i++) sprintf(hex + 2 * i, "%02X", b[i]);
        ck_assert_uint_eq(t_run(c, hex), PGM_OPERATION);
        ck_assert_uint_eq(t_pgm_ia(c), T_ORG + len);
        invalid++;
        cpu_free(c);
    }
    unsigned onebyte = 0;
    for (const struct opinfo *o = op_table; o->mnemonic; o++) onebyte += !o->twobyte;
    ck_assert_uint_eq(invalid, 256 - onebyte - 5);   /* five two-byte prefixes */
    struct cpu *c = t_cpu();
    ck_assert_uint_eq(t_run(c, "B2FF0800"), PGM_OPERATION);
    cpu_free(c);
}
END_TEST

START_TEST(table_codes_are_unique)
{
    for (const struct opinfo *a = op_table; a->mnemonic; a++)
        for (const struct opinfo *b = a + 1; b->mnemonic; b++) {
            ck_assert_msg(a->code != b->code || a->twobyte != b->twobyte, "%s and %s share a code",
                          a->mnemonic, b->mnemonic);
            ck_assert_str_ne(a->mnemonic, b->mnemonic);
        }
}
END_TEST

Suite *suite(void)
{
    Suite *s = suite_create("coverage");
    TCase *tc = tcase_create("table");
    tcase_add_test(tc, every_row_is_implemented);
    tcase_add_test(tc, disassembly_names_every_row);
    tcase_add_test(tc, opcodes_outside_the_table_are_invalid);
    tcase_add_test(tc, table_codes_are_unique);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return t_main(suite()); }
