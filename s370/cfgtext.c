/*
 * cfgtext.c - the text layer of the configuration file, as Hercules users
 * write it: lines from the file and the files it INCLUDEs, symbol
 * substitution, and the split into words.
 *
 * Substitution (Hercules' rules): $(NAME) is a DEFSYM symbol, else the
 * environment variable NAME, else empty; ${NAME}, ${NAME=default} and
 * ${NAME:=default} come from the environment only; $$( stays as written and
 * $$$(NAME) is a '$' followed by the value. One pass, no recursion. The
 * device-group symbols $(CUU), $(CCUU), $(cuu), $(ccuu) are kept for the
 * second pass that each device of a group gets.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "cfgtext.h"

bool cfg_open(struct cfgtext *t, const char *file, char *err, size_t errsize)
{
    if (t->depth == CFG_MAXDEPTH) {
        snprintf(err, errsize, "INCLUDE nested more than %d deep", CFG_MAXDEPTH);
        errno = ELOOP;
        return false;
    }
    FILE *f = fopen(file, "r");
    if (!f) {
        snprintf(err, errsize, "cannot open %s: %s", file, strerror(errno));
        return false;
    }
    t->stack[t->depth++] = (struct cfgfile){ .f = f, .name = strdup(file), .lineno = 0 };
    return true;
}

void cfg_close_all(struct cfgtext *t)
{
    while (t->depth > 0) {
        struct cfgfile *cf = &t->stack[--t->depth];
        fclose(cf->f);
        free(cf->name);
    }
    for (int i = 0; i < t->nsyms; i++) {
        free(t->syms[i].name);
        free(t->syms[i].value);
    }
    free(t->syms);
    t->syms = NULL;
    t->nsyms = 0;
}

/* The next line of the innermost open file (an included file ends back in
   its includer). Returns NULL at the end of the configuration; *toolong
   when the line did not fit (the rest is skipped). */
char *cfg_next_line(struct cfgtext *t, char *buf, size_t size, bool *toolong)
{
    *toolong = false;
    while (t->depth > 0) {
        struct cfgfile *cf = &t->stack[t->depth - 1];
        if (fgets(buf, (int)size, cf->f)) {
            cf->lineno++;
            if (!strchr(buf, '\n') && !feof(cf->f)) {
                int ch;
                while ((ch = fgetc(cf->f)) != EOF && ch != '\n') {}
                *toolong = true;
            }
            return buf;
        }
        fclose(cf->f);
        free(cf->name);
        t->depth--;
    }
    return NULL;
}

const char *cfg_file(const struct cfgtext *t) { return t->depth ? t->stack[t->depth - 1].name : "?"; }
int cfg_lineno(const struct cfgtext *t) { return t->depth ? t->stack[t->depth - 1].lineno : 0; }

void cfg_defsym(struct cfgtext *t, const char *name, const char *value)
{
    for (int i = 0; i < t->nsyms; i++)
        if (!strcmp(t->syms[i].name, name)) {
            free(t->syms[i].value);
            t->syms[i].value = strdup(value);
            return;
        }
    t->syms = realloc(t->syms, (size_t)(t->nsyms + 1) * sizeof *t->syms);
    t->syms[t->nsyms++] = (struct cfgsym){ strdup(name), strdup(value) };
}

static bool is_group_symbol(const char *name)
{
    return !strcmp(name, "CUU") || !strcmp(name, "CCUU") || !strcmp(name, "cuu") || !strcmp(name, "ccuu");
}

/* The value of $(name): device-group symbol, DEFSYM, environment, empty.
   NULL means "keep the reference as written" (a group symbol with no device). */
static const char *symbol(const struct cfgtext *t, const char *name, int devnum, char *tmp)
{
    if (is_group_symbol(name)) {
        if (devnum < 0) return NULL;
        bool lower = islower((unsigned char)name[0]);
        snprintf(tmp, 8, lower ? (name[1] == 'c' ? "%04x" : "%03x") : (name[1] == 'C' ? "%04X" : "%03X"),
                 (unsigned)devnum);
        return tmp;
    }
    for (int i = 0; i < t->nsyms; i++)
        if (!strcmp(t->syms[i].name, name)) return t->syms[i].value;
    const char *env = getenv(name);
    return env ? env : "";
}

static bool put(char *out, size_t size, size_t *n, const char *s, size_t len)
{
    if (*n + len >= size) return false;
    memcpy(out + *n, s, len);
    *n += len;
    out[*n] = 0;
    return true;
}

bool cfg_substitute(const struct cfgtext *t, const char *in, int devnum, char *out, size_t size)
{
    size_t n = 0;
    out[0] = 0;
    while (*in) {
        const char *p = in;
        size_t dollars = 0;
        while (p[dollars] == '$') dollars++;
        char open = dollars ? p[dollars] : 0;
        const char *close = open == '(' ? strchr(p + dollars, ')') : open == '{' ? strchr(p + dollars, '}') : NULL;
        if (!close) {
            size_t len = dollars ? dollars : 1;
            if (!put(out, size, &n, in, len)) return false;
            in += len;
            continue;
        }
        if (open == '(' && dollars == 2) {   /* $$( : escaped, kept as written */
            if (!put(out, size, &n, in, (size_t)(close - in) + 1)) return false;
            in = close + 1;
            continue;
        }
        if (!put(out, size, &n, "$", dollars - 1 - (open == '(' && dollars == 3))) return false;
        char name[128], tmp[8];
        size_t len = (size_t)(close - (p + dollars + 1));
        if (len >= sizeof name) len = sizeof name - 1;
        memcpy(name, p + dollars + 1, len);
        name[len] = 0;
        const char *value;
        if (open == '{') {   /* environment only, with an optional default */
            char *eq = strchr(name, '=');
            const char *def = "";
            if (eq) {
                def = eq + 1;
                if (eq > name && eq[-1] == ':') eq--;
                *eq = 0;
            }
            value = getenv(name);
            if (!value) value = def;
        } else {
            value = symbol(t, name, devnum, tmp);
            if (!value) {   /* a group symbol outside a device: keep it */
                if (!put(out, size, &n, "$(", 2) || !put(out, size, &n, name, strlen(name)) ||
                    !put(out, size, &n, ")", 1))
                    return false;
                in = close + 1;
                continue;
            }
        }
        if (!put(out, size, &n, value, strlen(value))) return false;
        in = close + 1;
    }
    return true;
}

int cfg_split(char *line, char **argv, int max)
{
    int argc = 0;
    char *p = line;
    for (;;) {
        while (isspace((unsigned char)*p)) p++;
        if (!*p || *p == '#') break;
        if (argc == max) return -1;
        if (*p == '"' || *p == '\'') {   /* a quoted word: the quotes go */
            char q = *p++;
            argv[argc++] = p;
            char *e = strchr(p, q);
            if (!e) return -2;
            *e = 0;
            p = e + 1;
            continue;
        }
        argv[argc++] = p;
        while (*p && !isspace((unsigned char)*p)) p++;
        if (*p) *p++ = 0;
    }
    return argc;
}
