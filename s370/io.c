/*
 * io.c - the S/370 input/output instructions (PoO chapter 13, "Input/Output
 * Operations"). All are privileged; the second-operand address is not used
 * to address storage: its bits 16-31 name the channel and device. The
 * channel subsystem behind c->io carries the operation out and returns the
 * condition code; with no channel subsystem attached every channel is not
 * operational (cc 3).
 */
#include "ops.h"

/* Pass the instruction (op = its two opcode bytes) to the channel subsystem. */
static void io_instruction(struct cpu *c, const uint8_t *ip)
{
    priv_check(c);
    uint32_t addr = ea_bd(c, ip + 2);
    unsigned op = (unsigned)ip[0] << 8 | ip[1];
    c->psw.cc = c->io.instruction ? (uint8_t)(c->io.instruction(c->io.ctx, c, op, addr) & 3) : 3;
}

/* 9C00 SIO - Start I/O (S) */
void op_SIO(struct cpu *c, const uint8_t *ip) { io_instruction(c, ip); }

/* 9C01 SIOF - Start I/O Fast Release (S) */
void op_SIOF(struct cpu *c, const uint8_t *ip) { io_instruction(c, ip); }

/* 9D00 TIO - Test I/O (S) */
void op_TIO(struct cpu *c, const uint8_t *ip) { io_instruction(c, ip); }

/* 9D01 CLRIO - Clear I/O (S) */
void op_CLRIO(struct cpu *c, const uint8_t *ip) { io_instruction(c, ip); }

/* 9E00 HIO - Halt I/O (S) */
void op_HIO(struct cpu *c, const uint8_t *ip) { io_instruction(c, ip); }

/* 9E01 HDV - Halt Device (S) */
void op_HDV(struct cpu *c, const uint8_t *ip) { io_instruction(c, ip); }

/* 9F00 TCH - Test Channel (S) */
void op_TCH(struct cpu *c, const uint8_t *ip) { io_instruction(c, ip); }

/* B203 STIDC - Store Channel ID (S) */
void op_STIDC(struct cpu *c, const uint8_t *ip) { io_instruction(c, ip); }
