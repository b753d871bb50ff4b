/*
 * config.c - the configuration file (Hercules habits, so configurations
 * carry over): one statement a line, '#' starts a comment.
 *
 *   MAINSIZE n        storage in megabytes (1-16)
 *   NUMCPU 1          one CPU only
 *   ARCHMODE S/370    the only architecture
 *   CPUSERIAL hhhhhh  CPUMODEL hhhh   for STIDP
 *   CNSLPORT port     TN3270 port
 *   IODELAY n         instructions between a start I/O and its completion
 *   CCUU TYPE ARGS    a device, e.g. "000C 3505 decks/job.txt ascii eof"
 *
 * Other Hercules statements are ignored with a warning (an error with
 * --strict). A wrong line gets a message naming the file and line, and the
 * machine is not built.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "cpu.h"
#include "machine.h"

#define MAX_ARGS 16
#define MAX_LINE 1024

struct settings {
    unsigned mainsize_mb, iodelay, cnslport;
    char cnslhost[64];
    uint32_t serial, model;
    bool have_serial, have_model, have_iodelay;
};

/* Split a line into words; '#' at the start of a word ends it. */
static int split(char *line, char **argv)
{
    int argc = 0;
    char *p = line;
    for (;;) {
        while (isspace((unsigned char)*p)) p++;
        if (!*p || *p == '#') break;
        if (argc == MAX_ARGS) return -1;
        argv[argc++] = p;
        while (*p && !isspace((unsigned char)*p)) p++;
        if (*p) *p++ = 0;
    }
    return argc;
}

static bool parse_num(const char *s, int base, unsigned long max, unsigned long *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, base);
    if (errno || end == s || *end || v > max) return false;
    *out = v;
    return true;
}

static bool is_devaddr(const char *s, uint16_t *addr)
{
    unsigned long v;
    size_t n = strlen(s);
    if (n < 1 || n > 4) return false;
    for (size_t i = 0; i < n; i++)
        if (!isxdigit((unsigned char)s[i])) return false;
    if (!parse_num(s, 16, 0xFFF, &v)) return false;
    *addr = (uint16_t)v;
    return true;
}

/* A system statement; returns 0 ok, 1 warning, -1 error (message in err). */
static int system_statement(struct settings *st, int argc, char **argv, char *err, size_t n)
{
    const char *k = argv[0];
    unsigned long v;
    if (!strcasecmp(k, "MAINSIZE")) {
        if (argc != 2 || !parse_num(argv[1], 10, 16, &v) || v == 0)
            return snprintf(err, n, "MAINSIZE wants megabytes from 1 to 16"), -1;
        st->mainsize_mb = (unsigned)v;
    } else if (!strcasecmp(k, "NUMCPU")) {
        if (argc != 2 || strcmp(argv[1], "1")) return snprintf(err, n, "NUMCPU must be 1"), -1;
    } else if (!strcasecmp(k, "ARCHMODE")) {
        if (argc != 2 || strcasecmp(argv[1], "S/370"))
            return snprintf(err, n, "ARCHMODE must be S/370"), -1;
    } else if (!strcasecmp(k, "CPUSERIAL")) {
        if (argc != 2 || strlen(argv[1]) > 6 || !parse_num(argv[1], 16, 0xFFFFFF, &v))
            return snprintf(err, n, "CPUSERIAL wants up to 6 hexadecimal digits"), -1;
        st->serial = (uint32_t)v;
        st->have_serial = true;
    } else if (!strcasecmp(k, "CPUMODEL")) {
        if (argc != 2 || strlen(argv[1]) > 4 || !parse_num(argv[1], 16, 0xFFFF, &v))
            return snprintf(err, n, "CPUMODEL wants up to 4 hexadecimal digits"), -1;
        st->model = (uint32_t)v;
        st->have_model = true;
    } else if (!strcasecmp(k, "CNSLPORT")) {
        if (argc != 2) return snprintf(err, n, "CNSLPORT wants a port number"), -1;
        const char *port = strrchr(argv[1], ':');   /* HOST:PORT or PORT */
        if (!parse_num(port ? port + 1 : argv[1], 10, 65535, &v))
            return snprintf(err, n, "CNSLPORT wants a port number"), -1;
        st->cnslport = (unsigned)v;
        if (port && (size_t)(port - argv[1]) < sizeof st->cnslhost)
            snprintf(st->cnslhost, sizeof st->cnslhost, "%.*s", (int)(port - argv[1]), argv[1]);
    } else if (!strcasecmp(k, "IODELAY")) {
        if (argc != 2 || !parse_num(argv[1], 10, 1000000, &v))
            return snprintf(err, n, "IODELAY wants a number of instructions"), -1;
        st->iodelay = (unsigned)v;
        st->have_iodelay = true;
    } else {
        return snprintf(err, n, "statement %s does not apply here: ignored", k), 1;
    }
    return 0;
}

struct devline {
    int lineno;
    uint16_t addr;
    const struct devtype *type;
    int argc;
    char *argv[MAX_ARGS];
    char *text;
};

static void free_devlines(struct devline *dl, int n)
{
    for (int i = 0; i < n; i++) free(dl[i].text);
    free(dl);
}

struct machine *machine_load(const char *file, bool strict, bool deterministic, FILE *msg)
{
    FILE *f = fopen(file, "r");
    if (!f) {
        fprintf(msg, "%s: cannot open: %s\n", file, strerror(errno));
        return NULL;
    }
    struct settings st = { .mainsize_mb = 2 };
    struct devline *dl = NULL;
    int ndl = 0, errors = 0, lineno = 0;
    char line[MAX_LINE], err[256];
    while (fgets(line, sizeof line, f)) {
        lineno++;
        if (!strchr(line, '\n') && !feof(f)) {
            fprintf(msg, "%s:%d: line too long\n", file, lineno);
            errors++;
            int ch;
            while ((ch = fgetc(f)) != EOF && ch != '\n') {}
            continue;
        }
        char *argv[MAX_ARGS];
        char *copy = strdup(line);
        int argc = split(copy, argv);
        if (argc < 0) {
            fprintf(msg, "%s:%d: too many words\n", file, lineno);
            errors++;
        }
        if (argc <= 0 || argv[0][0] == '*') {
            free(copy);
            continue;
        }
        uint16_t addr;
        if (is_devaddr(argv[0], &addr) && argc >= 2) {
            const struct devtype *t = devtype_find(argv[1]);
            if (!t) {
                fprintf(msg, "%s:%d: unknown device type %s\n", file, lineno, argv[1]);
                errors++;
                free(copy);
                continue;
            }
            dl = realloc(dl, (size_t)(ndl + 1) * sizeof *dl);
            struct devline *d = &dl[ndl++];
            d->lineno = lineno;
            d->addr = addr;
            d->type = t;
            d->argc = argc - 2;
            for (int i = 2; i < argc; i++) d->argv[i - 2] = argv[i];
            d->text = copy;
            continue;
        }
        /* Hexadecimal digits with range or subchannel-set punctuation, not a
           keyword that starts with one ("CNSLPORT 3270"). */
        bool addrlike = strspn(argv[0], "0123456789abcdefABCDEF:.,-") == strlen(argv[0]);
        if (addrlike && argc >= 2 && devtype_find(argv[1])) {
            fprintf(msg, "%s:%d: device address %s: want CCUU from 000 to FFF, one device a line "
                    "(no ranges or channel subsystem prefixes)\n", file, lineno, argv[0]);
            errors++;
            free(copy);
            continue;
        }
        int r = system_statement(&st, argc, argv, err, sizeof err);
        if (r) {
            fprintf(msg, "%s:%d: %s%s\n", file, lineno, r > 0 && !strict ? "warning: " : "", err);
            if (r < 0 || strict) errors++;
        }
        free(copy);
    }
    fclose(f);
    if (errors) {
        free_devlines(dl, ndl);
        return NULL;
    }

    struct machine *m = calloc(1, sizeof *m);
    m->mainsize = st.mainsize_mb << 20;
    m->cnslport = st.cnslport;
    memcpy(m->cnslhost, st.cnslhost, sizeof m->cnslhost);
    m->cpu = cpu_new(m->mainsize);
    if (!m->cpu) {
        fprintf(msg, "%s: cannot allocate %u MB of storage\n", file, st.mainsize_mb);
        free(m);
        free_devlines(dl, ndl);
        return NULL;
    }
    timer_init(m->cpu, deterministic);
    if (st.have_serial) m->cpu->cpuid_hi = (m->cpu->cpuid_hi & 0xFF000000u) | st.serial;
    if (st.have_model) m->cpu->cpuid_lo = (m->cpu->cpuid_lo & 0xFFFFu) | st.model << 16;
    m->cs = chsys_new(m->cpu);
    if (st.have_iodelay) m->cs->delay = st.iodelay;
    for (int i = 0; i < ndl; i++) {
        struct devline *d = &dl[i];
        err[0] = 0;
        if (chsys_find(m->cs, d->addr)) {
            fprintf(msg, "%s:%d: device %03X is defined twice\n", file, d->lineno, d->addr);
            errors++;
        } else if (!d->type->attach(m->cs, d->addr, d->type->type, d->argc, d->argv, err, sizeof err)) {
            fprintf(msg, "%s:%d: %03X %s: %s\n", file, d->lineno, d->addr, d->type->name, err);
            errors++;
        }
    }
    free_devlines(dl, ndl);
    if (errors) {
        machine_free(m);
        return NULL;
    }
    return m;
}

void machine_free(struct machine *m)
{
    if (!m) return;
    console_free(m);
    chsys_free(m->cs);
    cpu_free(m->cpu);
    free(m);
}
