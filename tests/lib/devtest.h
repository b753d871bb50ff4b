/*
 * devtest.h - what the device, configuration and console tests share: a
 * scratch directory of host files, attaching a device from configuration
 * words, running one channel program, and a console command's reply.
 */
#ifndef TEST_DEVTEST_H
#define TEST_DEVTEST_H
#include <stddef.h>
#include "channel.h"
#include "harness.h"

struct machine;

/* A fresh scratch directory (mkdtemp) and its removal. */
void t_tmp_make(void);
void t_tmp_remove(void);
const char *t_tmpdir(void);
/* NAME in the scratch directory (four results stay valid at a time). */
const char *t_path(const char *name);
void t_write_file(const char *file, const void *data, size_t len);
/* Read a file into buf as a string (at most size - 1 bytes); its length. */
size_t t_read_file(const char *file, char *buf, size_t size);

/* Attach a device from configuration words; the attach must succeed. Its
   warning, if any (or ""), is copied to warn unless warn is NULL. */
struct device *t_attach(struct chsys *cs, uint16_t addr, const char *type, int argc, char **argv,
                        char *warn);
/* Start the channel program "ccws" (hex) from X'100' on addr: SIO, the
   channel's event, then TIO; returns TIO's condition code (2 while a
   device still works on it). */
int t_ccw_start(struct cpu *c, struct chsys *cs, uint16_t addr, const char *ccws);
/* The same, run to its end; returns the CSW stored by TIO. */
uint64_t t_ccw(struct cpu *c, struct chsys *cs, uint16_t addr, const char *ccws);
/* Unit and channel status (CSW bytes 4-5). */
static inline unsigned t_status(uint64_t csw) { return (unsigned)(csw >> 16) & 0xFFFF; }

/* A console command's reply (malloc'd). */
char *t_command(struct machine *m, const char *line);
/* Console commands (lines) through the headless console loop, which runs
   the machine between them; what it wrote (malloc'd). */
char *t_script(struct machine *m, const char *cmds);

#endif
