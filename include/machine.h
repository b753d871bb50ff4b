/*
 * machine.h - a configured machine: CPU, storage and channel subsystem built
 * from a Hercules-style configuration file (s370/config.c), and the host
 * command console that operates it (devices/hostcons.c).
 */
#ifndef S370_MACHINE_H
#define S370_MACHINE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "channel.h"

struct pollfd;

/* Host I/O the console loop watches besides its own input (the TN3270
   server's sockets, ...). The loop never blocks the CPU: it polls with a
   zero timeout while the CPU runs. */
struct poller {
    /* Add up to max descriptors to fds (events set); return how many. */
    int (*fds)(void *ctx, struct pollfd *fds, int max);
    /* After poll(): handle the descriptors fds() gave (revents set). */
    void (*ready)(void *ctx, struct pollfd *fds, int n);
    void *ctx;
};
#define MACHINE_MAXPOLLERS 8
#define POLLER_MAXFDS 512

struct machine {
    struct cpu *cpu;
    struct chsys *cs;
    uint32_t mainsize;     /* bytes */
    unsigned cnslport;     /* TN3270 port (CNSLPORT), 0 if none */
    char cnslhost[64];     /* TN3270 address (CNSLPORT HOST:PORT), "" if none */
    bool running;          /* the operator started the CPU */
    bool quit;
    struct console *con;   /* the console's own state (devices/hostcons.h) */
    struct poller pollers[MACHINE_MAXPOLLERS];
    unsigned npollers;
};

/* Read a configuration file and build the machine. Errors and warnings go
   to msg as "FILE:LINE: message"; any error (or a warning with strict)
   returns NULL. */
struct machine *machine_load(const char *file, bool strict, bool deterministic, FILE *msg);
void machine_free(struct machine *m);   /* flushes and closes every device */

/* Have the console loop watch p's descriptors; false when full. */
bool machine_add_poller(struct machine *m, struct poller p);

/* Execute one console command line, writing replies to out. */
void console_command(struct machine *m, const char *line, FILE *out);
/* Run the machine and read console commands from fd in until quit or end of
   input; returns the exit status. stop_flag, when it becomes nonzero (a
   signal), ends the run cleanly. */
int console_loop(struct machine *m, int in, FILE *out, volatile int *stop_flag);
/* The same, with intr_flag (SIGINT) cancelling the current command. */
int console_headless(struct machine *m, int in, FILE *out, volatile int *stop_flag,
                     volatile int *intr_flag);

/* How the console loop meets its operator. Headless (console_loop) reads
   lines from a descriptor; devices/rlconsole.c edits them with readline. */
struct console_ui {
    int fd;                              /* input to watch */
    /* fd is readable: take the input, run whole lines through
       console_command; false at the end of input. */
    bool (*input)(void *ctx, struct machine *m, FILE *out);
    void (*flush)(void *ctx);            /* after each round (may be NULL) */
    void (*cancel)(void *ctx);           /* Ctrl-C: drop the line being typed */
    /* Scripts: run the lines read but held back by waitstop; false when
       the input is over. NULL: waitstop does not apply. */
    bool (*drain)(void *ctx, struct machine *m, FILE *out);
    bool interactive;                    /* the end of input does not end the run */
    /* When it becomes true the loop ends (the run does not): the front
       end gives way to another (panel). May be NULL. */
    const bool *leave;
    void *ctx;
};
/* The loop itself: stop_flag ends the run (SIGTERM, SIGHUP); intr_flag
   (SIGINT, may be NULL) cancels the current command and any step or
   display in progress, and is cleared. */
int console_run(struct machine *m, const struct console_ui *ui, FILE *out,
                volatile int *stop_flag, volatile int *intr_flag);
/* The console on a terminal, with readline (devices/rlconsole.c, linked
   into build/s370 only). */
int console_interactive(struct machine *m, volatile int *stop_flag, volatile int *intr_flag);
/* The full-screen operator panel on a terminal (devices/panel.c, ncurses,
   build/s370 only): registers, devices, the message log, the same command
   line. */
int console_panel(struct machine *m, volatile int *stop_flag, volatile int *intr_flag);
/* What those two return when the operator asked for the other one. */
#define CONSOLE_SWITCH (-1)
/* The line is the front ends' own command "panel" (switch between them). */
bool console_switch_command(const char *line);
/* Free the console's state (machine_free calls it). */
void console_free(struct machine *m);
/* Command and device-number completion for an interactive front end:
   the i-th command name starting with text, or NULL. */
const char *console_command_name(unsigned i);

#endif
