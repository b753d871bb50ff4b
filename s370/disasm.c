/*
 * disasm.c - disassembler driven by opcodes.def, for traces and the console.
 * Operands are written as HLASM would accept them.
 */
#include <stdio.h>
#include "ops.h"

unsigned disasm(const uint8_t *ip, char *buf, unsigned size)
{
    unsigned len = insn_length(ip[0]);
    const struct opinfo *o = op_lookup(ip);
    if (!o) {
        snprintf(buf, size, "DC      X'%02X%02X'", ip[0], ip[1]);
        return len;
    }
    unsigned r1 = ip[1] >> 4, r2 = ip[1] & 15;
    unsigned b2 = ip[2] >> 4, d2 = (ip[2] & 15) << 8 | ip[3];
    char ops[64];
    switch (o->format) {
    case RR:    snprintf(ops, sizeof ops, "%u,%u", r1, r2); break;
    case RR_R1: snprintf(ops, sizeof ops, "%u", r1); break;
    case RR_I:  snprintf(ops, sizeof ops, "%u", ip[1]); break;
    case RR_M:  snprintf(ops, sizeof ops, "%u,%u", r1, r2); break;
    case RX:
    case RX_M:  snprintf(ops, sizeof ops, "%u,%u(%u,%u)", r1, d2, r2, b2); break;
    case RS:    snprintf(ops, sizeof ops, "%u,%u,%u(%u)", r1, r2, d2, b2); break;
    case RS_SH: snprintf(ops, sizeof ops, "%u,%u(%u)", r1, d2, b2); break;
    case RS_M:  snprintf(ops, sizeof ops, "%u,%u,%u(%u)", r1, r2, d2, b2); break;
    case SI:    snprintf(ops, sizeof ops, "%u(%u),%u", d2, b2, ip[1]); break;
    case S:     snprintf(ops, sizeof ops, "%u(%u)", d2, b2); break;
    case S0:    ops[0] = 0; break;
    case SS_L:
        snprintf(ops, sizeof ops, "%u(%u,%u),%u(%u)", d2, ip[1] + 1u, b2,
                 (ip[4] & 15u) << 8 | ip[5], ip[4] >> 4u);
        break;
    case SS_LL:
        snprintf(ops, sizeof ops, "%u(%u,%u),%u(%u,%u)", d2, r1 + 1, b2,
                 (ip[4] & 15u) << 8 | ip[5], r2 + 1, ip[4] >> 4u);
        break;
    case SS_I:
        snprintf(ops, sizeof ops, "%u(%u,%u),%u(%u),%u", d2, r1 + 1, b2,
                 (ip[4] & 15u) << 8 | ip[5], ip[4] >> 4u, r2);
        break;
    }
    snprintf(buf, size, "%-7s %s", o->mnemonic, ops);
    return len;
}
