/*
 * config.c - the configuration file, in Hercules' language so that
 * Hercules users' configurations carry over unchanged (docs/operator.md):
 *
 *   MAINSIZE n        storage in megabytes (1-16)
 *   NUMCPU 1          one CPU only (more: a warning)
 *   ARCHMODE S/370    the only architecture
 *   CPUSERIAL hhhhhh  CPUMODEL hhhh   for STIDP
 *   CNSLPORT port     TN3270 port
 *   IODELAY n         instructions between a start I/O and its completion
 *   SYSEPOCH, YROFFSET, TZOFFSET      the TOD clock, as Hercules sets it
 *   INCLUDE, IGNORE INCLUDE_ERRORS, DEFSYM, $(NAME)   (cfgtext.c)
 *   DEVNUMS TYPE ARGS a device or a group: "000C 3505 job.txt ascii eof",
 *                     "0C0-0C7 3270", "0C0.8 3270", "0200,0201 3330 vol.$(CUU)"
 *
 * Hercules statements and device types that mean nothing here are accepted
 * with a warning naming the line (an error with --strict); what Hercules
 * itself would refuse is an error. A wrong line gets a message naming the
 * file and line, and the machine is not built.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "cfgtext.h"
#include "cpu.h"
#include "machine.h"

#define MAX_ARGS 64
#define MAX_LINE 2048
#define MAX_GROUP 256   /* devices one line may define */

/* Hercules 3.13 (and 4.x) statements that have no meaning on this machine. */
static const char *const ignored_statements[] = {
    "ASN_AND_LX_REUSE", "AUTOMOUNT", "AUTO_SCSI_MOUNT", "CAPPING", "CCKD", "CMDSEP", "CODEPAGE",
    "CONKPALV", "CPUPRIO", "CPUVERID", "DEVPRIO", "DEVTMAX", "DIAG8CMD", "ECPSVM", "ENGINES",
    "HAO", "HERCLOGO", "HERCPRIO", "HTTP", "HTTPPORT", "HTTPROOT", "LDMOD", "LEGACYSENSEID",
    "LOADPARM", "LOGOPT", "LPARNAME", "LPARNUM", "MANUFACTURER", "MAXCPU", "MODEL", "MODPATH",
    "MOUNTED_TAPE_REINIT", "MSGLEVEL", "MSGLVL", "NUMVEC", "OSTAILOR", "PANOPT", "PANRATE",
    "PANTITLE", "PGMPRDOS", "PLANT", "QUITMOUT", "SCPECHO", "SCPIMPLY", "SHCMDOPT", "SHRDPORT",
    "SRVPRIO", "SYSGPORT", "TIMERINT", "TODDRAG", "TODPRIO", "TRACEOPT", "XPNDSIZE", "ARCHLVL",
    "FACILITY", "DEFSTORE", "SCLPROOT", "MAXRATES", NULL,
};

/* Hercules device types that this machine does not emulate: left out. */
static const char *const other_devtypes[] = {
    "3270", "3287", "SYSG", "1442", "2501", "3410", "3422", "3430", "3480", "3490", "3590",
    "9347", "8809", "3088", "CTCT", "CTCE", "CTCI", "CTCI-W32", "LCS", "QETH", "OSA", "OSD",
    "3310", "3370", "9332", "9335", "9336", "0671", "2305", "2311", "3375", "3390", "9345",
    "2703", "3705", "2880", "3203", "3262", "4245", "4248", NULL,
};

static bool in_list(const char *const *list, const char *word)
{
    for (; *list; list++)
        if (!strcasecmp(*list, word)) return true;
    return false;
}

struct settings {
    unsigned mainsize_mb, iodelay, cnslport;
    char cnslhost[64];   /* CNSLPORT HOST:PORT */
    uint32_t serial, model;
    bool have_serial, have_model, have_iodelay;
    int epoch, yroffset, tz_minutes;
};

struct devline {
    char *file;          /* where the line is, for messages */
    int lineno;
    char *text;          /* after substitution; group symbols still to do */
    const struct devtype *type;
    int ndev;
    uint16_t addr[MAX_GROUP];
};

struct parser {
    struct cfgtext text;
    struct settings st;
    bool strict, ignore_include_errors;
    FILE *msg;
    int errors;
    struct devline *dl;
    int ndl;
};

static int report(struct parser *p, const char *file, int lineno, bool warning, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* A message naming the file and line; an error (or a warning under
   --strict) stops the machine from being built. Returns 0 so that a
   statement's parser can end with "return ERR(...)". */
static int report(struct parser *p, const char *file, int lineno, bool warning, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(p->msg, "%s:%d: %s", file, lineno, warning && !p->strict ? "warning: " : "");
    vfprintf(p->msg, fmt, ap);
    fputc('\n', p->msg);
    va_end(ap);
    if (!warning || p->strict) p->errors++;
    return 0;
}

#define ERR(p, ...) report(p, cfg_file(&(p)->text), cfg_lineno(&(p)->text), false, __VA_ARGS__)
#define WARN(p, ...) report(p, cfg_file(&(p)->text), cfg_lineno(&(p)->text), true, __VA_ARGS__)

static bool parse_num(const char *s, int base, unsigned long max, unsigned long *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, base);
    if (errno || end == s || *end || v > max || *s == '-' || *s == '+') return false;
    *out = v;
    return true;
}

/* A signed decimal number with an optional sign, |v| <= max. */
static bool parse_signed(const char *s, long max, long *out)
{
    unsigned long v;
    bool neg = *s == '-';
    if (*s == '-' || *s == '+') s++;
    if (!parse_num(s, 10, (unsigned long)max, &v)) return false;
    *out = neg ? -(long)v : (long)v;
    return true;
}

/* ---------------------------------------------------------------------- */
/* System statements.                                                      */

static int clock_statement(struct parser *p, int argc, char **argv)
{
    struct settings *st = &p->st;
    const char *k = argv[0];
    long v;
    if (!strcasecmp(k, "SYSEPOCH")) {
        unsigned long y;
        if (argc < 2 || argc > 3 || !parse_num(argv[1], 10, 9999, &y) || y <= 1800 || y > 2099)
            return ERR(p, "SYSEPOCH wants a year (1900 or 1960) and an optional year offset");
        if (argc == 3 && !parse_signed(argv[2], 142, &v))
            return ERR(p, "SYSEPOCH: %s is not a valid year offset (-142 to +142)", argv[2]);
        st->epoch = (int)y;
        if (argc == 3) st->yroffset = (int)v;
        if (y != 1900 && y != 1960)
            WARN(p, "SYSEPOCH %lu is deprecated in Hercules (use SYSEPOCH 1900 or 1960 with a year "
                 "offset); the clock is set as Hercules sets it", y);
    } else if (!strcasecmp(k, "YROFFSET")) {
        if (argc != 2 || !parse_signed(argv[1], 142, &v))
            return ERR(p, "YROFFSET wants a number of years from -142 to +142");
        st->yroffset = (int)v;
    } else {   /* TZOFFSET +hhmm | -hhmm */
        const char *s = argc == 2 ? argv[1] : "";
        if (strlen(s) != 5 || (s[0] != '+' && s[0] != '-') || !parse_signed(s, 2359, &v))
            return ERR(p, "TZOFFSET wants +hhmm or -hhmm (at most 2359)");
        st->tz_minutes = (int)(v / 100 * 60 + v % 100);
    }
    return 0;
}

static int system_statement(struct parser *p, int argc, char **argv)
{
    struct settings *st = &p->st;
    const char *k = argv[0];
    unsigned long v;
    if (!strcasecmp(k, "MAINSIZE")) {
        if (argc != 2 || !parse_num(argv[1], 10, 1u << 20, &v) || v == 0)
            return ERR(p, "MAINSIZE wants megabytes from 1 to 16");
        if (v > 16) WARN(p, "MAINSIZE %lu: S/370 addresses 16 megabytes; 16 used", v), v = 16;
        st->mainsize_mb = (unsigned)v;
    } else if (!strcasecmp(k, "NUMCPU")) {
        if (argc != 2 || !parse_num(argv[1], 10, 64, &v) || v == 0) return ERR(p, "NUMCPU wants a number of CPUs");
        if (v != 1) WARN(p, "NUMCPU %lu: this machine has one CPU", v);
    } else if (!strcasecmp(k, "ARCHMODE")) {
        if (argc != 2 || strcasecmp(argv[1], "S/370")) return ERR(p, "ARCHMODE must be S/370");
    } else if (!strcasecmp(k, "CPUSERIAL")) {
        if (argc != 2 || strlen(argv[1]) > 6 || !parse_num(argv[1], 16, 0xFFFFFF, &v))
            return ERR(p, "CPUSERIAL wants up to 6 hexadecimal digits");
        st->serial = (uint32_t)v;
        st->have_serial = true;
    } else if (!strcasecmp(k, "CPUMODEL")) {
        if (argc != 2 || strlen(argv[1]) > 4 || !parse_num(argv[1], 16, 0xFFFF, &v))
            return ERR(p, "CPUMODEL wants up to 4 hexadecimal digits");
        st->model = (uint32_t)v;
        st->have_model = true;
    } else if (!strcasecmp(k, "CNSLPORT")) {
        const char *port = argc == 2 ? strrchr(argv[1], ':') : NULL;   /* HOST:PORT or PORT */
        if (argc != 2 || !parse_num(port ? port + 1 : argv[1], 10, 65535, &v))
            return ERR(p, "CNSLPORT wants a port number");
        st->cnslport = (unsigned)v;
        if (port && (size_t)(port - argv[1]) < sizeof st->cnslhost)
            snprintf(st->cnslhost, sizeof st->cnslhost, "%.*s", (int)(port - argv[1]), argv[1]);
    } else if (!strcasecmp(k, "IODELAY")) {   /* Hercules: IODELAY usec [NOWARN] */
        if (argc < 2 || argc > 3 || !parse_num(argv[1], 10, 1000000, &v) ||
            (argc == 3 && strcasecmp(argv[2], "NOWARN")))
            return ERR(p, "IODELAY wants a number of instructions");
        st->iodelay = (unsigned)v;
        st->have_iodelay = true;
    } else if (!strcasecmp(k, "SYSEPOCH") || !strcasecmp(k, "YROFFSET") || !strcasecmp(k, "TZOFFSET")) {
        clock_statement(p, argc, argv);
    } else if (in_list(ignored_statements, k)) {
        WARN(p, "statement %s does not apply here: ignored", k);
    } else {
        ERR(p, "unknown statement %s", k);
    }
    return 0;
}

/* INCLUDE, IGNORE INCLUDE_ERRORS, DEFSYM; false if the line is none of them. */
static bool text_statement(struct parser *p, int argc, char **argv)
{
    char err[512];
    if (!strcasecmp(argv[0], "INCLUDE")) {
        if (argc != 2) ERR(p, "INCLUDE wants one file name");
        else if (!cfg_open(&p->text, argv[1], err, sizeof err)) {
            if (!p->ignore_include_errors || errno != ENOENT) ERR(p, "INCLUDE: %s", err);
        }
    } else if (!strcasecmp(argv[0], "IGNORE")) {
        if (argc != 2 || strcasecmp(argv[1], "INCLUDE_ERRORS")) ERR(p, "IGNORE wants INCLUDE_ERRORS");
        else p->ignore_include_errors = true;
    } else if (!strcasecmp(argv[0], "DEFSYM")) {
        if (argc < 2 || argc > 3) ERR(p, "DEFSYM wants a symbol and a value (quoted if it has blanks)");
        else cfg_defsym(&p->text, argv[1], argc == 3 ? argv[2] : "");
    } else {
        return false;
    }
    return true;
}

/* ---------------------------------------------------------------------- */
/* Device statements.                                                      */

static bool hexnum(const char *s, size_t len, unsigned long *v)
{
    char buf[8];
    if (len < 1 || len > 4) return false;
    for (size_t i = 0; i < len; i++)
        if (!isxdigit((unsigned char)s[i])) return false;
    memcpy(buf, s, len);
    buf[len] = 0;
    *v = strtoul(buf, NULL, 16);
    return true;
}

/* Hercules' device numbers: [0:]CCUU[,CCUU][-CCUU][.nn]...; false (with a
   message in err) if spec is not one, or names a device S/370 cannot have. */
static bool parse_devnums(const char *spec, uint16_t *addr, int *n, char *err, size_t errsize)
{
    const char *s = spec, *colon = strchr(spec, ':');
    *n = 0;
    if (colon) {
        if (colon - s != 1 || *s != '0') {
            snprintf(err, errsize, "device address %s: channel set %.*s does not exist here (only 0)", spec,
                     (int)(colon - s), s);
            return false;
        }
        s = colon + 1;
    }
    while (*s) {
        size_t len = strcspn(s, ",-.");
        unsigned long first, last;
        if (!hexnum(s, len, &first)) goto bad;
        last = first;
        s += len;
        if (*s == '-') {
            len = strcspn(++s, ",");
            if (!hexnum(s, len, &last) || last < first) goto bad;
            s += len;
        } else if (*s == '.') {
            char *end;
            unsigned long count = strtoul(++s, &end, 10);
            if (end == s || count == 0 || (*end && *end != ',')) goto bad;
            last = first + count - 1;
            s = end;
        }
        if (last > 0xFFF) {
            snprintf(err, errsize, "device address %s: S/370 device numbers go from 000 to FFF", spec);
            return false;
        }
        for (unsigned long a = first; a <= last; a++) {
            if (*n == MAX_GROUP) {
                snprintf(err, errsize, "device address %s: more than %d devices on one line", spec, MAX_GROUP);
                return false;
            }
            addr[(*n)++] = (uint16_t)a;
        }
        if (*s == ',') s++;
    }
    if (*n) return true;
bad:
    snprintf(err, errsize, "device address %s: want CCUU, CCUU-CCUU, CCUU.count or a list of them", spec);
    return false;
}

static bool looks_like_devnums(const char *s)
{
    if (!isxdigit((unsigned char)*s)) return false;
    for (; *s; s++)
        if (!isxdigit((unsigned char)*s) && !strchr(":,-.", *s)) return false;
    return true;
}

static int device_statement(struct parser *p, const char *text, char **argv)
{
    struct devline d = { .lineno = cfg_lineno(&p->text) };
    char err[256];
    if (!parse_devnums(argv[0], d.addr, &d.ndev, err, sizeof err)) return ERR(p, "%s", err);
    d.type = devtype_find(argv[1]);
    if (!d.type) {
        if (in_list(other_devtypes, argv[1]))
            return WARN(p, "device type %s is not emulated here: %s left out", argv[1], argv[0]);
        return ERR(p, "unknown device type %s", argv[1]);
    }
    d.file = strdup(cfg_file(&p->text));
    d.text = strdup(text);
    p->dl = realloc(p->dl, (size_t)(p->ndl + 1) * sizeof *p->dl);
    p->dl[p->ndl++] = d;
    return 0;
}

static int statement(struct parser *p, char *line)
{
    char text[MAX_LINE], words[MAX_LINE], *argv[MAX_ARGS];
    if (!cfg_substitute(&p->text, line, -1, text, sizeof text)) return ERR(p, "line too long after substitution");
    strcpy(words, text);
    int argc = cfg_split(words, argv, MAX_ARGS);
    if (argc == -1) return ERR(p, "too many words");
    if (argc == -2) return ERR(p, "a quoted word has no closing quote");
    if (argc == 0 || argv[0][0] == '*') return 0;
    if (text_statement(p, argc, argv)) return 0;
    if (!in_list(ignored_statements, argv[0]) && looks_like_devnums(argv[0]) && argc >= 2)
        return device_statement(p, text, argv);
    return system_statement(p, argc, argv);
}

/* ---------------------------------------------------------------------- */
/* Building the machine.                                                   */

static void free_devlines(struct parser *p)
{
    for (int i = 0; i < p->ndl; i++) {
        free(p->dl[i].file);
        free(p->dl[i].text);
    }
    free(p->dl);
}

/* Attach every device of one line; group symbols take each device's number. */
static void attach_devices(struct parser *p, struct machine *m, struct devline *d)
{
    for (int i = 0; i < d->ndev; i++) {
        char text[MAX_LINE], err[256] = "", *argv[MAX_ARGS];
        uint16_t a = d->addr[i];
        if (!cfg_substitute(&p->text, d->text, a, text, sizeof text)) {
            report(p, d->file, d->lineno, false, "line too long after substitution");
            continue;
        }
        int argc = cfg_split(text, argv, MAX_ARGS);
        if (chsys_find(m->cs, a)) {
            report(p, d->file, d->lineno, false, "device %03X is defined twice", a);
        } else if (m->cs->ndev >= CHSYS_MAXDEV) {
            report(p, d->file, d->lineno, false, "device %03X: this machine has room for %d devices", a,
                   CHSYS_MAXDEV);
        } else if (!d->type->attach(m->cs, a, d->type->type, argc - 2, argv + 2, err, sizeof err)) {
            report(p, d->file, d->lineno, false, "%03X %s: %s", a, d->type->name, err);
        } else if (err[0]) {   /* attached, with a warning about an argument */
            report(p, d->file, d->lineno, true, "%03X %s: %s", a, d->type->name, err);
        }
    }
}

static struct machine *build(struct parser *p, const char *file, bool deterministic)
{
    struct settings *st = &p->st;
    struct machine *m = calloc(1, sizeof *m);
    m->mainsize = st->mainsize_mb << 20;
    m->cnslport = st->cnslport;
    memcpy(m->cnslhost, st->cnslhost, sizeof m->cnslhost);
    m->cpu = cpu_new(m->mainsize);
    if (!m->cpu) {
        fprintf(p->msg, "%s: cannot allocate %u MB of storage\n", file, st->mainsize_mb);
        free(m);
        return NULL;
    }
    timer_init(m->cpu, deterministic);
    if (st->epoch != 1900 || st->yroffset || st->tz_minutes)
        timer_offset(m->cpu, st->epoch, st->yroffset, st->tz_minutes);
    if (st->have_serial) m->cpu->cpuid_hi = (m->cpu->cpuid_hi & 0xFF000000u) | st->serial;
    if (st->have_model) m->cpu->cpuid_lo = (m->cpu->cpuid_lo & 0xFFFFu) | st->model << 16;
    m->cs = chsys_new(m->cpu);
    if (st->have_iodelay) m->cs->delay = st->iodelay;
    for (int i = 0; i < p->ndl; i++) attach_devices(p, m, &p->dl[i]);
    return m;
}

struct machine *machine_load(const char *file, bool strict, bool deterministic, FILE *msg)
{
    struct parser p = { .st = { .mainsize_mb = 2, .epoch = 1900 }, .strict = strict, .msg = msg };
    char line[MAX_LINE], err[512];
    if (!cfg_open(&p.text, file, err, sizeof err)) {
        fprintf(msg, "%s\n", err);
        return NULL;
    }
    bool toolong;
    while (cfg_next_line(&p.text, line, sizeof line, &toolong)) {
        if (toolong) ERR(&p, "line too long");
        else statement(&p, line);
    }
    struct machine *m = p.errors ? NULL : build(&p, file, deterministic);
    if (m && p.errors) {
        machine_free(m);
        m = NULL;
    }
    free_devlines(&p);
    cfg_close_all(&p.text);
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
