/*
 * harness.h - build a machine in a line and run a small program on it.
 *
 * t_cpu() gives a 64K machine in deterministic mode whose program new PSW
 * is a disabled wait, so any program interruption stops the run.
 * t_run(c, "hex") loads the instructions at T_ORG (0x1000) followed by
 * X'0000' (an invalid opcode), runs from T_ORG in BC mode, key 0,
 * supervisor state, and returns the program interruption code that
 * stopped it: 1 (operation) at the end marker means the program ran
 * through; t_ended(c) checks exactly that.
 */
#ifndef TEST_HARNESS_H
#define TEST_HARNESS_H
#include <check.h>
#include "cpu.h"
#include "ops.h"

#define T_ORG 0x1000u

struct cpu *t_cpu(void);
/* Store hex digits (spaces ignored) at a real address. */
void t_put(struct cpu *c, uint32_t addr, const char *hex);
/* Load PSW from 16 hex digits. */
void t_psw(struct cpu *c, const char *hex);
/* Run "hex" at T_ORG in BC mode with the given PSW key/state byte (e.g. 0x00
   supervisor key 0, 0x01 problem state); returns the program code. */
unsigned t_run_as(struct cpu *c, uint8_t keystate, const char *hex);
unsigned t_run(struct cpu *c, const char *hex);
/* Run from the current PSW until stop; returns the program code (0 if the
   stop was not a program interruption). */
unsigned t_go(struct cpu *c);
/* True if the run ended at the X'0000' after a program of len bytes. */
bool t_ended(struct cpu *c, unsigned len);
/* The program old PSW's instruction address and ILC. */
uint32_t t_pgm_ia(struct cpu *c);
unsigned t_pgm_ilc(struct cpu *c);
/* Big-endian storage access at real addresses. */
uint32_t t_get4(struct cpu *c, uint32_t addr);
void t_set4(struct cpu *c, uint32_t addr, uint32_t v);
uint64_t t_get8(struct cpu *c, uint32_t addr);
void t_set8(struct cpu *c, uint32_t addr, uint64_t v);
/* Run one Check suite; returns the number of failures (use as main's result). */
int t_main(Suite *s);

#endif
