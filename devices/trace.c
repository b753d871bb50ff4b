/*
 * trace.c - the console's instruction trace, breakpoints, single step and
 * symbol map.
 *
 * When none of these is active the console runs the CPU in big slices
 * (hostcons.c). When one is, it runs one instruction at a time: first
 * cpu_before_step() takes the interruptions that are due, so the PSW
 * addresses the instruction that really runs next; that instruction is
 * checked against the breakpoints and traced; then cpu_run() with a limit
 * of one instruction executes it.
 *
 * A trace line:  001004 5810C01C     L       1,28(0,12)           BEGIN+X'4'
 * (address, instruction in hexadecimal, disassembly, symbol and offset),
 * and for each interruption taken (counted by cpu_interrupt) a line with
 * its kind, code and old PSW.
 * The console reads storage here without any effect on the machine: no
 * program interruption, no reference bit, no translation-cache entry.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "cpu.h"
#include "hostcons.h"

const char *con_pgm_name(unsigned code)
{
    switch (code) {
    case PGM_SEGMENT_TRANSLATION: return "segment-translation exception";
    case PGM_PAGE_TRANSLATION: return "page-translation exception";
    case PGM_TRANSLATION_SPEC: return "translation-specification exception";
    case PGM_ADDRESSING: return "addressing exception";
    case PGM_SPECIFICATION: return "specification exception";
    default: return "program exception";
    }
}

unsigned con_fetch(struct cpu *c, uint32_t va, uint8_t *buf, unsigned len)
{
    for (unsigned i = 0; i < len; i++) {
        uint32_t a = (va + i) & AMASK, real = a;
        if (dat_on(c)) {
            unsigned code = dat_peek(c, a, &real);
            if (code) return code;
        }
        uint32_t abs = prefix_real(c, real & AMASK);
        if (abs >= c->memsize) return PGM_ADDRESSING;
        buf[i] = c->mem[abs];
    }
    return 0;
}

/* ---------------------------------------------------------------------- */
/* The symbol map (docs/asm370.md, "Map file").                            */

static int sym_cmp(const void *a, const void *b)
{
    const struct consym *x = a, *y = b;
    return x->addr < y->addr ? -1 : x->addr > y->addr;
}

bool con_sym_load(struct console *k, const char *file, char *err, size_t errsize)
{
    FILE *f = fopen(file, "r");
    if (!f) {
        snprintf(err, errsize, "cannot open %s: %s", file, strerror(errno));
        return false;
    }
    struct consym *sym = NULL;
    unsigned n = 0, lineno = 0;
    char line[512];
    bool ok = true;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char name[64], type[8];
        unsigned long addr;
        if (line[0] == '*' || line[strspn(line, " \t\r\n")] == 0) continue;
        if (sscanf(line, "%lx %7s %63s", &addr, type, name) != 3 || addr > AMASK || strlen(name) > 8) {
            snprintf(err, errsize, "%s:%u: want ADDRESS TYPE NAME (an asm370 map)", file, lineno);
            ok = false;
            break;
        }
        struct consym *more = realloc(sym, (n + 1) * sizeof *sym);
        if (!more) {
            snprintf(err, errsize, "%s: out of memory", file);
            ok = false;
            break;
        }
        sym = more;
        sym[n].addr = (uint32_t)addr;
        memcpy(sym[n].name, name, strlen(name) + 1);   /* at most 8 characters */
        n++;
    }
    fclose(f);
    if (!ok) {
        free(sym);
        return false;
    }
    /* A stable order keeps the section before the labels at its address. */
    for (unsigned i = 1; i < n; i++)
        for (unsigned j = i; j > 0 && sym_cmp(&sym[j - 1], &sym[j]) > 0; j--) {
            struct consym t = sym[j];
            sym[j] = sym[j - 1];
            sym[j - 1] = t;
        }
    free(k->sym);
    k->sym = sym;
    k->nsym = n;
    return true;
}

void con_symbol(const struct console *k, uint32_t addr, char *buf, size_t size)
{
    buf[0] = 0;
    const struct consym *best = NULL;
    /* The last name at or below addr (the last one at its address wins:
       a label is more precise than its section). */
    unsigned lo = 0, hi = k->nsym;
    while (lo < hi) {
        unsigned mid = (lo + hi) / 2;
        if (k->sym[mid].addr <= addr) lo = mid + 1;
        else hi = mid;
    }
    if (lo) best = &k->sym[lo - 1];
    if (!best) return;
    if (best->addr == addr) snprintf(buf, size, "%s", best->name);
    else snprintf(buf, size, "%s+X'%X'", best->name, addr - best->addr);
}

/* ---------------------------------------------------------------------- */
/* Trace and step.                                                         */

void con_show_psw(struct machine *m, FILE *out)
{
    uint8_t b[8];
    cpu_store_psw(m->cpu, b, m->cpu->psw.bc_code, m->cpu->psw.bc_ilc);
    fprintf(out, "PSW=%02X%02X%02X%02X %02X%02X%02X%02X\n", b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]);
}

void con_trace_line(struct machine *m, FILE *out)
{
    struct cpu *c = m->cpu;
    uint32_t ia = c->psw.ia;
    uint8_t ip[6] = { 0 };
    char sym[32];
    con_symbol(m->con, ia, sym, sizeof sym);
    unsigned code = (ia & 1) ? PGM_SPECIFICATION : con_fetch(c, ia, ip, 2);
    if (!code) code = con_fetch(c, ia, ip, insn_length(ip[0]));
    if (code) {
        fprintf(out, "%06X instruction fetch: %s %s\n", ia, con_pgm_name(code), sym);
        return;
    }
    char hex[16] = "", text[64];
    unsigned len = disasm(ip, text, sizeof text);
    for (unsigned i = 0; i < len; i++) sprintf(hex + 2 * i, "%02X", ip[i]);
    if (*sym) fprintf(out, "%06X %-12s %-28s %s\n", ia, hex, text, sym);
    else fprintf(out, "%06X %-12s %s\n", ia, hex, text);
}

/* A trace line for the interruptions taken since *count: the kind, its
   code and the old PSW (only the last one's when several came at once). */
static void trace_interruptions(struct machine *m, uint64_t *count, FILE *out)
{
    struct cpu *c = m->cpu;
    if (c->intr_count == *count) return;
    static const struct { uint8_t old, code_at; const char *name; } kinds[] = {
        { PSA_RESTART_OLD, 0, "restart" }, { PSA_EXT_OLD, PSA_EXT_CODE, "external" },
        { PSA_SVC_OLD, PSA_SVC_CODE, "supervisor-call" }, { PSA_PGM_OLD, PSA_PGM_CODE, "program" },
        { PSA_MCK_OLD, 0, "machine-check" }, { PSA_IO_OLD, PSA_IO_ADDR, "I/O" },
    };
    const uint8_t *psa = c->mem + prefix_real(c, 0);
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        if (kinds[i].old != c->intr_last) continue;
        const uint8_t *o = psa + kinds[i].old;
        /* The code is in the BC old PSW, or at its fixed location in EC mode. */
        unsigned code = (o[1] & 0x08) ? (kinds[i].code_at ? be16(psa + kinds[i].code_at) : 0) : be16(o + 2);
        fprintf(out, "       *** %s interruption", kinds[i].name);
        if (kinds[i].code_at) fprintf(out, " code %04X", code);
        fprintf(out, ", old PSW %02X%02X%02X%02X %02X%02X%02X%02X", o[0], o[1], o[2], o[3], o[4], o[5],
                o[6], o[7]);
        if (c->intr_count - *count > 1) fprintf(out, " (%llu interruptions)", (unsigned long long)(c->intr_count - *count));
        fprintf(out, "\n");
    }
    *count = c->intr_count;
}

bool con_after_run(struct machine *m, FILE *out)
{
    struct cpu *c = m->cpu;
    switch (c->stop) {
    case STOP_WAIT:
        if (!cpu_disabled_wait(c)) return true;   /* enabled wait: idle until input */
        fprintf(out, "disabled wait state ");
        con_show_psw(m, out);
        m->running = false;
        m->con->steps = 0;
        return true;
    case STOP_CHECKSTOP:
        fprintf(out, "check-stop ");
        con_show_psw(m, out);
        m->running = false;
        m->con->steps = 0;
        return true;
    case STOP_REQUEST:
        fprintf(out, "CPU stopped by SIGNAL PROCESSOR; ");
        con_show_psw(m, out);
        m->running = false;
        m->con->steps = 0;
        return true;
    default:
        return false;
    }
}

static bool at_breakpoint(struct console *k, uint32_t ia)
{
    bool skip = k->bp_skip;
    k->bp_skip = false;
    if (skip) return false;
    for (unsigned i = 0; i < k->nbp; i++)
        if (k->bp[i] == ia) return true;
    return false;
}

bool con_run_single(struct machine *m, FILE *out, unsigned n)
{
    struct cpu *c = m->cpu;
    struct console *k = m->con;
    FILE *tout = k->trace_file ? k->trace_file : out;
    bool tracing = k->trace || k->steps;
    uint64_t seen = c->intr_count;
    for (unsigned i = 0; i < n && m->running; i++) {
        c->stop = STOP_NONE;
        cpu_before_step(c);
        if (tracing) trace_interruptions(m, &seen, tout);
        if (c->stop) return c->stop == STOP_LIMIT ? false : con_after_run(m, out);
        if (c->psw.wait) return false;   /* still waiting: poll the host, then again */
        if (at_breakpoint(k, c->psw.ia)) {
            char sym[32];
            con_symbol(k, c->psw.ia, sym, sizeof sym);
            fprintf(out, "breakpoint at %06X%s%s: ", c->psw.ia, *sym ? " " : "", sym);
            con_show_psw(m, out);
            con_trace_line(m, out);
            m->running = false;
            k->steps = 0;
            return true;
        }
        if (tracing) con_trace_line(m, tout);
        uint64_t before = c->insns;
        c->limit = c->insns + 1;
        cpu_run(c);
        c->limit = 0;
        if (tracing) trace_interruptions(m, &seen, tout);
        if (c->stop != STOP_LIMIT) return con_after_run(m, out);
        if (c->insns == before) return false;   /* an interruption led into a wait */
        if (k->steps) {
            k->steps_done++;
            if (--k->steps == 0) {
                m->running = false;
                fprintf(out, "stopped after %llu instruction%s; ", (unsigned long long)k->steps_done,
                        k->steps_done == 1 ? "" : "s");
                con_show_psw(m, out);
                return true;
            }
        }
    }
    return false;
}
