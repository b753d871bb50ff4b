/*
 * hostcons.h - the host console's own state, shared by its three files:
 * hostcons.c (the loop that runs the CPU and reads commands), concmds.c
 * (the commands) and trace.c (instruction trace, breakpoints, symbols).
 */
#ifndef S370_HOSTCONS_H
#define S370_HOSTCONS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "machine.h"

#define CON_MAXBP 32

struct consym {
    uint32_t addr;
    char name[9];
};

struct console {
    bool trace;              /* t+: one line per instruction */
    FILE *trace_file;        /* t+ FILE; NULL: the console */
    uint32_t bp[CON_MAXBP];  /* breakpoints: instruction addresses */
    unsigned nbp;
    bool bp_skip;            /* resuming at a breakpoint: do not stop there again at once */
    uint64_t steps;          /* s N: instructions still to step (0 = not stepping) */
    uint64_t steps_done;
    struct consym *sym;      /* the symbol map, sorted by address */
    unsigned nsym;
    volatile int *intr;      /* Ctrl-C: ends long displays */
    FILE *out;               /* where the console loop writes, while it runs */
    bool hold;               /* waitstop: read no command until the CPU stops */
    double hold_until;       /*   or this time (con_now) passes */
    unsigned hold_secs;
};

double con_now(void);        /* seconds, monotonic */

/* Readline completion of command names, device numbers and file names
   (rlcomplete.c, linked with the front ends into build/s370 only). */
void console_complete_init(struct machine *m);

/* The console state of m, made at first use (NULL only if out of memory). */
struct console *con_get(struct machine *m);

/* trace.c */
/* Fetch len bytes at virtual address va (real when DAT is off) as the CPU
   would see them, without any effect on the machine. Returns 0, or the
   program interruption code the access would raise. */
unsigned con_fetch(struct cpu *c, uint32_t va, uint8_t *buf, unsigned len);
const char *con_pgm_name(unsigned code);
/* "NAME+X'off'" for addr from the symbol map, or "" without one. */
void con_symbol(const struct console *k, uint32_t addr, char *buf, size_t size);
bool con_sym_load(struct console *k, const char *file, char *err, size_t errsize);
/* One trace line for the instruction at the current PSW. */
void con_trace_line(struct machine *m, FILE *out);
/* Run up to n instructions one at a time, with trace lines, breakpoint
   checks and the step count; returns true when the CPU is idle. */
bool con_run_single(struct machine *m, FILE *out, unsigned n);
/* After cpu_run: report a wait, check-stop or stop; true when idle. */
bool con_after_run(struct machine *m, FILE *out);
void con_show_psw(struct machine *m, FILE *out);

#endif
