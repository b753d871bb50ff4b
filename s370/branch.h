/*
 * branch.h - the branch-on-condition and branch-on-count instructions as
 * inline functions. general.c wraps them as the table's handlers; the run
 * loop in cpu.c also expands them in place, so that the new instruction
 * address it reads back is the one just computed in a register rather than
 * a store it must wait for (PoO chapter 7, "Branch on Condition", "Branch
 * on Count").
 */
#ifndef S370_BRANCH_H
#define S370_BRANCH_H
#include "cpu.h"

/* Link information of BAL/BALR (PoO, "Branch and Link"): ILC, cc, program
   mask and the updated instruction address, in BC and EC mode alike. */
static inline uint32_t link_info(const struct cpu *c)
{
    return (uint32_t)c->ilc << 30 | (uint32_t)c->psw.cc << 28 |
           (uint32_t)c->psw.pgmmask << 24 | c->psw.ia;
}

/* 05 BALR - Branch and Link Register (RR); no branch when R2 is 0 */
static inline void do_BALR(struct cpu *c, const uint8_t *ip)
{
    unsigned r2 = R2(ip);
    uint32_t target = c->gr[r2];
    c->gr[R1(ip)] = link_info(c);
    if (r2) c->psw.ia = target & AMASK;
}

/* 45 BAL - Branch and Link (RX); the address is formed before R1 changes */
static inline void do_BAL(struct cpu *c, const uint8_t *ip)
{
    uint32_t target = ea_rx(c, ip);
    c->gr[R1(ip)] = link_info(c);
    c->psw.ia = target;
}

/* 06 BCTR - Branch on Count Register (RR); no branch when R2 is 0 */
static inline void do_BCTR(struct cpu *c, const uint8_t *ip)
{
    unsigned r2 = R2(ip);
    uint32_t target = c->gr[r2];
    if (--c->gr[R1(ip)] && r2) c->psw.ia = target & AMASK;
}

/* 07 BCR - Branch on Condition Register (RR); BCR 15,0 only serializes */
static inline void do_BCR(struct cpu *c, const uint8_t *ip)
{
    if (((ip[1] >> 4) & (8 >> c->psw.cc)) && R2(ip)) c->psw.ia = c->gr[R2(ip)] & AMASK;
}

/* 46 BCT - Branch on Count (RX) */
static inline void do_BCT(struct cpu *c, const uint8_t *ip)
{
    uint32_t target = ea_rx(c, ip);
    if (--c->gr[R1(ip)]) c->psw.ia = target;
}

/* 47 BC - Branch on Condition (RX) */
static inline void do_BC(struct cpu *c, const uint8_t *ip)
{
    if ((ip[1] >> 4) & (8 >> c->psw.cc)) c->psw.ia = ea_rx(c, ip);
}

#endif
