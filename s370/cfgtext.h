/*
 * cfgtext.h - the text layer of the configuration file (cfgtext.c):
 * INCLUDE nesting, DEFSYM symbols, substitution and word splitting.
 */
#ifndef S370_CFGTEXT_H
#define S370_CFGTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define CFG_MAXDEPTH 8   /* Hercules' INCLUDE nesting limit */

struct cfgfile { FILE *f; char *name; int lineno; };
struct cfgsym { char *name, *value; };

struct cfgtext {
    struct cfgfile stack[CFG_MAXDEPTH];
    int depth;
    struct cfgsym *syms;
    int nsyms;
};

/* Open file as the innermost one (the configuration, then each INCLUDE). */
bool cfg_open(struct cfgtext *t, const char *file, char *err, size_t errsize);
void cfg_close_all(struct cfgtext *t);
char *cfg_next_line(struct cfgtext *t, char *buf, size_t size, bool *toolong);
const char *cfg_file(const struct cfgtext *t);   /* where the last line came from */
int cfg_lineno(const struct cfgtext *t);
void cfg_defsym(struct cfgtext *t, const char *name, const char *value);
/* Substitute symbols in a line; devnum >= 0 gives the group symbols their
   values, -1 keeps them. False when the result does not fit. */
bool cfg_substitute(const struct cfgtext *t, const char *in, int devnum, char *out, size_t size);
/* Split into words ("..." and '...' are one word; '#' at a word's start ends
   the line). Returns the count, -1 for too many words, -2 for an unclosed quote. */
int cfg_split(char *line, char **argv, int max);

#endif
