/*
 * concmds.c - the host console's commands, one a line, in Hercules'
 * spelling where it has one (docs/operator.md has the reference):
 *
 *   ipl CUU, start, stop, restart, ext, psw, gpr [N=HEX], cr [N=HEX],
 *   fpr [N=HEX], r ADDR[.LEN|-END|=HEX], v ADDR[.LEN|-END], devlist,
 *   devinit CUU FILE [opts], attach CUU TYPE [args], detach CUU,
 *   t+ [FILE], t-, b [ADDR], b- [ADDR], s|step [N], sym FILE,
 *   help [CMD], quit|exit, /text (typed on the 3215).
 *
 * Addresses and values are hexadecimal. Bad input gets a message naming
 * the command and what is wrong; nothing here can make the machine take a
 * program interruption.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "cpu.h"
#include "hostcons.h"

#define MAXARGS 20
#define MAXSHOW 4096u         /* bytes one r or v shows at most */

struct command {
    const char *name;
    void (*run)(struct machine *m, int argc, char **argv, FILE *out);
    const char *syntax;
    const char *help;
};

static const struct command commands[];

/* ---------------------------------------------------------------------- */
/* Parsing.                                                                */

static bool parse_hex(const char *s, unsigned long max, unsigned long *v)
{
    char *end;
    if (!*s || !isxdigit((unsigned char)*s)) return false;
    errno = 0;
    *v = strtoul(s, &end, 16);
    return !errno && !*end && *v <= max;
}

static bool parse_dev(const char *s, uint16_t *addr)
{
    unsigned long v;
    if (!s || strlen(s) > 4 || !parse_hex(s, 0xFFF, &v)) return false;
    *addr = (uint16_t)v;
    return true;
}

/* "1M", "512K": how big main storage is, for messages. */
static const char *size_text(const struct machine *m, char *buf, size_t n)
{
    if (m->mainsize % (1u << 20) == 0) snprintf(buf, n, "%uM", m->mainsize >> 20);
    else snprintf(buf, n, "%uK", m->mainsize >> 10);
    return buf;
}

/* ADDR, ADDR.LEN or ADDR-END; *len defaults to 64. */
static bool parse_range(const char *cmd, const char *arg, uint32_t *start, uint32_t *len, FILE *out)
{
    char a[16];
    unsigned long s, e = 0;
    size_t an = strcspn(arg, ".-");
    const char *rest = arg[an] ? arg + an + 1 : NULL;
    if (an == 0 || an >= sizeof a) goto bad;
    memcpy(a, arg, an);
    a[an] = 0;
    if (!parse_hex(a, AMASK, &s) || (rest && !parse_hex(rest, AMASK + 1ul, &e))) goto bad;
    *start = (uint32_t)s;
    if (!rest) *len = 64;
    else if (arg[an] == '.') *len = (uint32_t)e;
    else if (e >= s) *len = (uint32_t)(e - s + 1);
    else {
        fprintf(out, "%s: %s: the end is below the start\n", cmd, arg);
        return false;
    }
    if (*len == 0) {
        fprintf(out, "%s: %s: the length is zero\n", cmd, arg);
        return false;
    }
    if (*len > MAXSHOW) *len = MAXSHOW;
    return true;
bad:
    fprintf(out, "%s: %s: want ADDR, ADDR.LEN, ADDR-END or ADDR=HEX (hexadecimal, at most FFFFFF)\n",
            cmd, arg);
    return false;
}

/* ---------------------------------------------------------------------- */
/* Storage display.                                                        */

static bool interrupted(struct machine *m)
{
    return m->con->intr && *m->con->intr;
}

/* One display line: tag, address, up to 16 bytes, the EBCDIC text. */
static void show_row(FILE *out, const char *tag, uint32_t addr, const uint8_t *b, unsigned n)
{
    char text[17];
    fprintf(out, "%s%06X ", tag, addr);
    for (unsigned i = 0; i < 16; i++) {
        if (i < n) {
            uint8_t ch = ebcdic_to_ascii[b[i]];
            fprintf(out, "%02X%s", b[i], i % 4 == 3 ? " " : "");
            text[i] = isprint(ch) && ch < 0x7F ? (char)ch : '.';
        } else {
            fprintf(out, "  %s", i % 4 == 3 ? " " : "");
            text[i] = ' ';
        }
    }
    text[n] = 0;
    fprintf(out, "*%s*\n", text);
}

static void show_real(struct machine *m, uint32_t start, uint32_t len, FILE *out)
{
    struct cpu *c = m->cpu;
    char sz[16];
    if (start >= m->mainsize) {
        fprintf(out, "r: address %06X beyond storage (main storage is %s)\n", start,
                size_text(m, sz, sizeof sz));
        return;
    }
    if (start + len > m->mainsize) len = m->mainsize - start;
    for (uint32_t off = 0; off < len && !interrupted(m); off += 16) {
        uint8_t b[16];
        unsigned n = len - off < 16 ? len - off : 16;
        for (unsigned i = 0; i < n; i++) b[i] = c->mem[prefix_real(c, start + off + i)];
        show_row(out, "R:", start + off, b, n);
    }
}

/* r ADDR=HEX: alter real storage, any length. */
static void alter_real(struct machine *m, const char *arg, FILE *out)
{
    const char *eq = strchr(arg, '=');
    char a[16], sz[16];
    unsigned long start;
    size_t an = (size_t)(eq - arg), hn = strlen(eq + 1);
    if (an == 0 || an >= sizeof a) {
        fprintf(out, "r: %s: want ADDR=HEX\n", arg);
        return;
    }
    memcpy(a, arg, an);
    a[an] = 0;
    if (!parse_hex(a, AMASK, &start)) {
        fprintf(out, "r: %s: the address is not hexadecimal (at most FFFFFF)\n", a);
        return;
    }
    if (hn == 0 || hn % 2 || strspn(eq + 1, "0123456789abcdefABCDEF") != hn) {
        fprintf(out, "r: %s: want an even number of hexadecimal digits after =\n", eq + 1);
        return;
    }
    if (start + hn / 2 > m->mainsize) {
        fprintf(out, "r: %06lX.%zX beyond storage (main storage is %s)\n", start, hn / 2,
                size_text(m, sz, sizeof sz));
        return;
    }
    struct cpu *c = m->cpu;
    for (size_t i = 0; i < hn / 2; i++) {
        char two[3] = { eq[1 + 2 * i], eq[2 + 2 * i], 0 };
        c->mem[prefix_real(c, (uint32_t)(start + i))] = (uint8_t)strtoul(two, NULL, 16);
    }
    show_real(m, (uint32_t)start, (uint32_t)(hn / 2), out);
}

static void cmd_r(struct machine *m, int argc, char **argv, FILE *out)
{
    uint32_t start, len;
    if (argc != 2) {
        fprintf(out, "r: want ADDR, ADDR.LEN, ADDR-END or ADDR=HEX (hexadecimal)\n");
        return;
    }
    if (strchr(argv[1], '=')) alter_real(m, argv[1], out);
    else if (parse_range("r", argv[1], &start, &len, out)) show_real(m, start, len, out);
}

/* v: virtual storage through the current DAT state, rows split at 2K
   blocks (the smallest page), each row with its real address. */
static void cmd_v(struct machine *m, int argc, char **argv, FILE *out)
{
    struct cpu *c = m->cpu;
    uint32_t start, len;
    if (argc != 2 || strchr(argv[1], '=')) {
        fprintf(out, "v: want ADDR, ADDR.LEN or ADDR-END (hexadecimal)\n");
        return;
    }
    if (!parse_range("v", argv[1], &start, &len, out)) return;
    if (!dat_on(c)) fprintf(out, "v: DAT is off: virtual addresses are real\n");
    uint32_t va = start, end = start + len;
    while (va < end && va <= AMASK && !interrupted(m)) {
        unsigned n = 16 - (va & 15);
        uint32_t to_block = BLOCK_SIZE - (va & (BLOCK_SIZE - 1));
        if (n > to_block) n = to_block;
        if (n > end - va) n = end - va;
        uint8_t b[16];
        uint32_t real = va;
        unsigned code = dat_on(c) ? dat_peek(c, va, &real) : 0;
        if (!code) code = con_fetch(c, va, b, n);
        if (code) {
            fprintf(out, "v: %06X: %s\n", va, con_pgm_name(code));
            va = (va | (BLOCK_SIZE - 1)) + 1;   /* the next block may translate */
            continue;
        }
        char tag[16];
        snprintf(tag, sizeof tag, "V:%06X R:", va);
        show_row(out, tag, real, b, n);
        va += n;
    }
}

/* ---------------------------------------------------------------------- */
/* Registers and the PSW.                                                  */

/* "N=HEX" for gpr, cr and fpr: register number (decimal or hexadecimal
   digit as Hercules accepts) and value. */
static bool parse_alter(const char *cmd, const char *arg, unsigned max_reg, int digits,
                        unsigned *reg, uint64_t *val, FILE *out)
{
    const char *eq = strchr(arg, '=');
    char *end;
    unsigned long r = eq ? strtoul(arg, &end, 10) : 0;
    if (!eq || end != eq || eq == arg || r > max_reg) {
        fprintf(out, "%s: %s: want N=HEX with N from 0 to %u\n", cmd, arg, max_reg);
        return false;
    }
    const char *h = eq + 1;
    if (!*h || (int)strlen(h) > digits || strspn(h, "0123456789abcdefABCDEF") != strlen(h)) {
        fprintf(out, "%s: %s: want up to %d hexadecimal digits after =\n", cmd, h, digits);
        return false;
    }
    *reg = (unsigned)r;
    *val = strtoull(h, NULL, 16);
    return true;
}

static void cmd_gpr(struct machine *m, int argc, char **argv, FILE *out)
{
    struct cpu *c = m->cpu;
    unsigned r;
    uint64_t v;
    if (argc > 2) {
        fprintf(out, "gpr: want nothing or N=HEX\n");
        return;
    }
    if (argc == 2) {
        if (!parse_alter("gpr", argv[1], 15, 8, &r, &v, out)) return;
        c->gr[r] = (uint32_t)v;
    }
    for (int i = 0; i < 16; i++) fprintf(out, "GR%02d=%08X%s", i, c->gr[i], i % 4 == 3 ? "\n" : " ");
}

static void cmd_cr(struct machine *m, int argc, char **argv, FILE *out)
{
    struct cpu *c = m->cpu;
    unsigned r;
    uint64_t v;
    if (argc > 2) {
        fprintf(out, "cr: want nothing or N=HEX\n");
        return;
    }
    if (argc == 2) {
        if (!parse_alter("cr", argv[1], 15, 8, &r, &v, out)) return;
        c->cr[r] = (uint32_t)v;
        /* CR0 and CR1 shape translation, CR0 the external masks. */
        cpu_tlb_flush(c);
        cpu_intr_changed(c);
    }
    for (int i = 0; i < 16; i++) fprintf(out, "CR%02d=%08X%s", i, c->cr[i], i % 4 == 3 ? "\n" : " ");
}

static void cmd_fpr(struct machine *m, int argc, char **argv, FILE *out)
{
    struct cpu *c = m->cpu;
    unsigned r;
    uint64_t v;
    if (argc > 2) {
        fprintf(out, "fpr: want nothing or N=HEX\n");
        return;
    }
    if (argc == 2) {
        if (!parse_alter("fpr", argv[1], 6, 16, &r, &v, out)) return;
        if (r % 2) {
            fprintf(out, "fpr: %u: the floating-point registers are 0, 2, 4 and 6\n", r);
            return;
        }
        c->fpr[r] = v;
    }
    for (int i = 0; i < 8; i += 2)
        fprintf(out, "FPR%d=%016llX%s", i, (unsigned long long)c->fpr[i], i == 2 || i == 6 ? "\n" : " ");
}

static void cmd_psw(struct machine *m, int argc, char **argv, FILE *out)
{
    (void)argc, (void)argv;
    con_show_psw(m, out);
}

/* ---------------------------------------------------------------------- */
/* CPU control.                                                            */

static void cmd_ipl(struct machine *m, int argc, char **argv, FILE *out)
{
    uint16_t dev;
    char err[256];
    if (argc != 2 || !parse_dev(argv[1], &dev)) {
        fprintf(out, "ipl: want a device address (hexadecimal, at most FFF)\n");
        return;
    }
    /* chsys_ipl does the system reset first, so this also works while
       the CPU runs (as Hercules' ipl does). */
    m->con->steps = 0;
    if (!chsys_ipl(m->cs, dev, err, sizeof err)) {
        fprintf(out, "%s\n", err);
        m->running = false;
    } else {
        fprintf(out, "IPL from %03X complete\n", dev);
        m->running = true;
    }
}

static void cmd_start(struct machine *m, int argc, char **argv, FILE *out)
{
    (void)argc, (void)argv, (void)out;
    m->con->steps = 0;
    m->con->bp_skip = true;
    m->running = true;
    m->cpu->stop = STOP_NONE;
}

static void cmd_stop(struct machine *m, int argc, char **argv, FILE *out)
{
    (void)argc, (void)argv;
    m->running = false;
    m->con->steps = 0;
    fprintf(out, "CPU stopped; ");
    con_show_psw(m, out);
}

/* restart: the restart key (PoO 6-19): the restart interruption is taken
   (old PSW at X'08', new PSW from X'00'), even from a stopped CPU or a
   disabled wait, and the CPU runs. */
static void cmd_restart(struct machine *m, int argc, char **argv, FILE *out)
{
    (void)argc, (void)argv, (void)out;
    m->cpu->intr |= INTR_RESTART;
    cpu_intr_changed(m->cpu);
    m->con->steps = 0;
    m->running = true;
    m->cpu->stop = STOP_NONE;
}

/* ext: the interrupt key, external interruption code X'0040' when CR0
   bit 25 and the PSW allow it (it stays pending until then). */
static void cmd_ext(struct machine *m, int argc, char **argv, FILE *out)
{
    (void)argc, (void)argv;
    m->cpu->intr |= INTR_INTERRUPT_KEY;
    cpu_intr_changed(m->cpu);
    if (!m->running) fprintf(out, "ext: interrupt key pending; the CPU is stopped (start it)\n");
}

static void cmd_step(struct machine *m, int argc, char **argv, FILE *out)
{
    unsigned long n = 1;
    char *end;
    if (argc > 2 || (argc == 2 && ((n = strtoul(argv[1], &end, 10)) == 0 || *end))) {
        fprintf(out, "%s: want a positive number of instructions (decimal)\n", argv[0]);
        return;
    }
    m->con->steps = n;
    m->con->steps_done = 0;
    m->con->bp_skip = true;
    m->running = true;
    m->cpu->stop = STOP_NONE;
}

/* ---------------------------------------------------------------------- */
/* Trace, breakpoints, symbols.                                            */

static void cmd_trace_on(struct machine *m, int argc, char **argv, FILE *out)
{
    struct console *k = m->con;
    if (argc > 2) {
        fprintf(out, "t+: want nothing or a file name\n");
        return;
    }
    FILE *f = NULL;
    if (argc == 2 && !(f = fopen(argv[1], "w"))) {
        fprintf(out, "t+: cannot open %s: %s\n", argv[1], strerror(errno));
        return;
    }
    if (k->trace_file) fclose(k->trace_file);
    k->trace_file = f;
    k->trace = true;
    fprintf(out, "instruction trace on%s%s\n", f ? " to " : "", f ? argv[1] : "");
}

static void cmd_trace_off(struct machine *m, int argc, char **argv, FILE *out)
{
    (void)argc, (void)argv;
    struct console *k = m->con;
    if (k->trace_file) fclose(k->trace_file);
    k->trace_file = NULL;
    k->trace = false;
    fprintf(out, "instruction trace off\n");
}

static void list_breakpoints(struct console *k, FILE *out)
{
    if (!k->nbp) {
        fprintf(out, "no breakpoints\n");
        return;
    }
    fprintf(out, "breakpoints:");
    for (unsigned i = 0; i < k->nbp; i++) {
        char sym[32];
        con_symbol(k, k->bp[i], sym, sizeof sym);
        fprintf(out, " %06X%s%s%s", k->bp[i], *sym ? "(" : "", sym, *sym ? ")" : "");
    }
    fprintf(out, "\n");
}

static void cmd_bp(struct machine *m, int argc, char **argv, FILE *out)
{
    struct console *k = m->con;
    unsigned long a;
    if (argc == 1) {
        list_breakpoints(k, out);
        return;
    }
    if (argc != 2 || !parse_hex(argv[1], AMASK, &a) || (a & 1)) {
        fprintf(out, "b: want an even instruction address (hexadecimal, at most FFFFFF)\n");
        return;
    }
    for (unsigned i = 0; i < k->nbp; i++)
        if (k->bp[i] == a) {
            fprintf(out, "b: %06lX is already a breakpoint\n", a);
            return;
        }
    if (k->nbp == CON_MAXBP) {
        fprintf(out, "b: at most %d breakpoints\n", CON_MAXBP);
        return;
    }
    k->bp[k->nbp++] = (uint32_t)a;
    list_breakpoints(k, out);
}

static void cmd_bp_del(struct machine *m, int argc, char **argv, FILE *out)
{
    struct console *k = m->con;
    unsigned long a;
    if (argc == 1) {
        k->nbp = 0;
        fprintf(out, "no breakpoints\n");
        return;
    }
    if (argc != 2 || !parse_hex(argv[1], AMASK, &a)) {
        fprintf(out, "b-: want nothing (all) or a breakpoint address\n");
        return;
    }
    for (unsigned i = 0; i < k->nbp; i++)
        if (k->bp[i] == a) {
            k->bp[i] = k->bp[--k->nbp];
            list_breakpoints(k, out);
            return;
        }
    fprintf(out, "b-: %06lX is not a breakpoint\n", a);
}

static void cmd_sym(struct machine *m, int argc, char **argv, FILE *out)
{
    char err[300];
    if (argc != 2) {
        fprintf(out, "sym: want a map file (asm370 -m or asm370 --link -m)\n");
        return;
    }
    if (!con_sym_load(m->con, argv[1], err, sizeof err)) fprintf(out, "sym: %s\n", err);
    else fprintf(out, "%u symbols from %s\n", m->con->nsym, argv[1]);
}

/* ---------------------------------------------------------------------- */
/* Devices.                                                                */

static void cmd_devlist(struct machine *m, int argc, char **argv, FILE *out)
{
    (void)argc, (void)argv;
    for (unsigned i = 0; i < m->cs->ndev; i++) {
        struct device *d = m->cs->dev[i];
        char desc[256] = "";
        if (d->ops->describe) d->ops->describe(d, desc, sizeof desc);
        fprintf(out, "%03X %04X %s%s\n", d->addr, d->type, desc,
                d->sc.working ? " busy" : d->sc.pending || d->sc.dev_pending ? " interrupt pending" : "");
    }
}

/* A configured device, for devinit and detach; NULL with a message. */
static struct device *idle_device(struct machine *m, const char *cmd, const char *arg, FILE *out)
{
    uint16_t addr;
    struct device *d;
    if (!parse_dev(arg, &addr)) {
        fprintf(out, "%s: %s: want a device address (hexadecimal, at most FFF)\n", cmd, arg);
        return NULL;
    }
    if (!(d = chsys_find(m->cs, addr))) {
        fprintf(out, "%s: device %03X is not configured\n", cmd, addr);
        return NULL;
    }
    if (d->sc.working) {
        fprintf(out, "%s: device %03X is busy (a channel program is running)\n", cmd, addr);
        return NULL;
    }
    return d;
}

/* The configuration name of d's type (2540 is reader or punch). */
static const char *type_name(const struct device *d)
{
    static const char *names[] = { "3505", "3525", "1403", "3211", "2314", "3330", "3340",
                                   "3350", "3380", "3420", "3215", "1052" };
    char desc[256] = "";
    if (d->type == 0x2540) {
        if (!d->ops->describe) return "2540R";
        d->ops->describe((struct device *)d, desc, sizeof desc);
        return strstr(desc, "punch") ? "2540P" : "2540R";
    }
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strtoul(names[i], NULL, 16) == d->type) return names[i];
    return NULL;
}

/* A new 3215 writes where the console loop writes (not to a reply
   stream that lives only for this command). */
static void attach_output(struct machine *m, struct device *d)
{
    if (con3215_is(d) && m->con->out) con3215_set_output(d, m->con->out);
}

/* devinit: a reader or tape given only a file loads it as before (keeping
   the reader's options); otherwise the device is made again from its type
   with FILE and the options, as its configuration line would, and the old
   one stays if that fails. */
static void cmd_devinit(struct machine *m, int argc, char **argv, FILE *out)
{
    char err[256] = "";
    struct device *d;
    if (argc < 3) {
        fprintf(out, "devinit: want CUU FILE [options]\n");
        return;
    }
    if (!(d = idle_device(m, "devinit", argv[1], out))) return;
    bool reader = d->type == 0x3505 || (d->type == 0x2540 && !strcmp(type_name(d), "2540R"));
    if (argc == 3 && (reader || d->type == 0x3420)) {
        if (d->type == 0x3420 ? tape_load(d, argv[2], err, sizeof err) : cardrdr_load(d, argv[2], err, sizeof err))
            fprintf(out, "%03X: %s loaded\n", d->addr, argv[2]);
        else
            fprintf(out, "devinit %03X: %s\n", d->addr, err);
        return;
    }
    const char *name = type_name(d);
    const struct devtype *t = name ? devtype_find(name) : NULL;
    if (!t) {
        fprintf(out, "devinit %03X: this device type cannot be initialized again\n", d->addr);
        return;
    }
    /* Build the new device in a scratch channel subsystem first. */
    struct cpu_io io = m->cpu->io;
    struct chsys *scratch = chsys_new(m->cpu);
    m->cpu->io = io;
    if (!scratch) {
        fprintf(out, "devinit: out of memory\n");
        return;
    }
    uint16_t addr = d->addr;
    if (!t->attach(scratch, addr, t->type, argc - 2, argv + 2, err, sizeof err)) {
        fprintf(out, "devinit %03X: %s\n", addr, err);
        chsys_free(scratch);
        return;
    }
    struct device *nd = chsys_take(scratch, addr);
    chsys_free(scratch);
    chsys_remove(m->cs, addr);
    chsys_put(m->cs, nd);
    attach_output(m, nd);
    fprintf(out, "%03X: %s initialized\n", addr, argv[2]);
}

/* attach CUU TYPE ARGS: as a configuration line. */
static void cmd_attach(struct machine *m, int argc, char **argv, FILE *out)
{
    uint16_t addr;
    char err[256] = "";
    if (argc < 3 || !parse_dev(argv[1], &addr)) {
        fprintf(out, "attach: want CUU TYPE [arguments], as a configuration line\n");
        return;
    }
    const struct devtype *t = devtype_find(argv[2]);
    if (!t) {
        fprintf(out, "attach: unknown device type %s\n", argv[2]);
        return;
    }
    if (chsys_find(m->cs, addr)) {
        fprintf(out, "attach: device %03X exists (detach it first)\n", addr);
        return;
    }
    if (!t->attach(m->cs, addr, t->type, argc - 3, argv + 3, err, sizeof err)) {
        fprintf(out, "attach %03X %s: %s\n", addr, t->name, err);
        return;
    }
    attach_output(m, chsys_find(m->cs, addr));
    fprintf(out, "%03X %s attached\n", addr, t->name);
}

static void cmd_detach(struct machine *m, int argc, char **argv, FILE *out)
{
    struct device *d;
    if (argc != 2) {
        fprintf(out, "detach: want a device address\n");
        return;
    }
    if (!(d = idle_device(m, "detach", argv[1], out))) return;
    uint16_t addr = d->addr;
    chsys_remove(m->cs, addr);
    fprintf(out, "%03X detached\n", addr);
}

/* ---------------------------------------------------------------------- */
/* The rest, and the table.                                                */

/* waitstop [SECONDS]: for scripts on standard input, hold the next
   lines until the CPU stops (breakpoint, end of a step, stop, disabled
   wait, check-stop) or enters a wait state, at most SECONDS (10). */
static void cmd_waitstop(struct machine *m, int argc, char **argv, FILE *out)
{
    unsigned long secs = 10;
    char *end;
    if (argc > 2 || (argc == 2 && ((secs = strtoul(argv[1], &end, 10)) == 0 || *end || secs > 86400))) {
        fprintf(out, "waitstop: want a number of seconds (1 to 86400)\n");
        return;
    }
    m->con->hold = true;
    m->con->hold_secs = (unsigned)secs;
    m->con->hold_until = con_now() + (double)secs;
}

static void cmd_quit(struct machine *m, int argc, char **argv, FILE *out)
{
    (void)argc, (void)argv, (void)out;
    m->quit = true;
}

/* The interactive front ends switch on this line themselves
   (console_switch_command); it gets here only without a terminal. */
static void cmd_panel(struct machine *m, int argc, char **argv, FILE *out)
{
    (void)m, (void)argc, (void)argv;
    fprintf(out, "panel: the panel needs the console on a terminal\n");
}

bool console_switch_command(const char *line)
{
    char word[8], rest[2];
    return sscanf(line, "%7s %1s", word, rest) == 1 && !strcasecmp(word, "panel");
}

static void cmd_help(struct machine *m, int argc, char **argv, FILE *out)
{
    (void)m;
    if (argc >= 2) {
        for (const struct command *c = commands; c->name; c++)
            if (!strcasecmp(c->name, argv[1])) {
                fprintf(out, "%s\n    %s\n", c->syntax, c->help);
                return;
            }
        fprintf(out, "help: no command %s\n", argv[1]);
        return;
    }
    for (const struct command *c = commands; c->name; c++)
        fprintf(out, "%-26s %s\n", c->syntax, c->help);
    fprintf(out, "%-26s %s\n", "/text", "type text on the system console (the first 3215)");
}

static const struct command commands[] = {
    { "ipl", cmd_ipl, "ipl CUU", "system reset, initial program load from CUU, start" },
    { "start", cmd_start, "start", "start the CPU" },
    { "stop", cmd_stop, "stop", "stop the CPU and show the PSW" },
    { "restart", cmd_restart, "restart", "restart interruption (old PSW at X'08', new from X'00'), start" },
    { "ext", cmd_ext, "ext", "interrupt key: external interruption X'0040'" },
    { "psw", cmd_psw, "psw", "show the PSW" },
    { "gpr", cmd_gpr, "gpr [N=HEX]", "show (alter) the general registers" },
    { "cr", cmd_cr, "cr [N=HEX]", "show (alter) the control registers" },
    { "fpr", cmd_fpr, "fpr [N=HEX]", "show (alter) the floating-point registers 0, 2, 4, 6" },
    { "r", cmd_r, "r ADDR[.LEN|-END|=HEX]", "show (alter) real storage" },
    { "v", cmd_v, "v ADDR[.LEN|-END]", "show virtual storage through the current DAT tables" },
    { "devlist", cmd_devlist, "devlist", "the devices" },
    { "devinit", cmd_devinit, "devinit CUU FILE [opts]", "new deck, tape or file for a device" },
    { "attach", cmd_attach, "attach CUU TYPE [args]", "add a device, as a configuration line" },
    { "detach", cmd_detach, "detach CUU", "remove a device (not while busy)" },
    { "t+", cmd_trace_on, "t+ [FILE]", "instruction trace on (to FILE)" },
    { "t-", cmd_trace_off, "t-", "instruction trace off" },
    { "b", cmd_bp, "b [ADDR]", "set a breakpoint at an instruction address (list them)" },
    { "b-", cmd_bp_del, "b- [ADDR]", "remove a breakpoint (all)" },
    { "s", cmd_step, "s [N]", "step N instructions (1) with trace lines, then stop" },
    { "step", cmd_step, "step [N]", "the same as s" },
    { "sym", cmd_sym, "sym FILE", "load a symbol map (asm370 -m) for traces" },
    { "waitstop", cmd_waitstop, "waitstop [SECONDS]", "scripts: read on when the CPU stops or waits (10 s at most)" },
    { "panel", cmd_panel, "panel", "switch between the line console and the full-screen panel" },
    { "help", cmd_help, "help [CMD]", "this list, or one command" },
    { "quit", cmd_quit, "quit", "flush every device and end" },
    { "exit", cmd_quit, "exit", "the same as quit" },
    { NULL, NULL, NULL, NULL },
};

const char *console_command_name(unsigned i)
{
    return i < sizeof commands / sizeof commands[0] - 1 ? commands[i].name : NULL;
}

void console_command(struct machine *m, const char *line, FILE *out)
{
    char buf[1024], *argv[MAXARGS];
    int argc = 0;
    if (!con_get(m)) {
        fprintf(out, "console: out of memory\n");
        return;
    }
    while (isspace((unsigned char)*line)) line++;
    if (*line == '/') {
        for (unsigned i = 0; i < m->cs->ndev; i++)
            if (con3215_is(m->cs->dev[i])) {
                con3215_input(m->cs->dev[i], line + 1);
                return;
            }
        fprintf(out, "no system console device (3215) is configured\n");
        return;
    }
    if (strlen(line) >= sizeof buf) {
        fprintf(out, "command line too long (at most %zu characters)\n", sizeof buf - 1);
        return;
    }
    snprintf(buf, sizeof buf, "%s", line);
    for (char *p = strtok(buf, " \t\r\n"); p; p = strtok(NULL, " \t\r\n")) {
        if (argc == MAXARGS) {
            fprintf(out, "%s: too many words (at most %d)\n", argv[0], MAXARGS);
            return;
        }
        argv[argc++] = p;
    }
    if (!argc) return;
    for (const struct command *c = commands; c->name; c++)
        if (!strcasecmp(c->name, argv[0])) {
            c->run(m, argc, argv, out);
            return;
        }
    fprintf(out, "unknown command %s (try help)\n", argv[0]);
}
