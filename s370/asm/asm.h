/*
 * asm.h - asm370, a cross-assembler for the S/370 in IBM High Level Assembler
 * syntax (HLASM Language Reference, SC26-4940; object deck formats from the
 * HLASM Programmer's Guide, SC26-4941, "Object deck output").
 *
 * Design: the whole source is assembled again and again (a pass) until the
 * values of all symbols, literal addresses and section lengths stop changing;
 * the last pass's output, listing and messages are the result. Every pass does
 * everything (macro expansion, conditional assembly, code generation), so a
 * forward reference simply sees the value from the previous pass. All state
 * lives in struct asm_ctx; there are no globals.
 *
 * Files: main.c (command line), asm.c (passes, statements, directives),
 * source.c (files, COPY, continuation), expr.c (expressions, USING),
 * instr.c (machine instructions from opcodes.def), dc.c (DC/DS/literals),
 * macro.c (macros and conditional assembly), objdeck.c (ESD/TXT/RLD/END),
 * listing.c, link.c (the link step).
 */
#ifndef ASM370_H
#define ASM370_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---------- public interface (used by main.c and the unit tests) ---------- */

struct asm_vfile { const char *name, *text; };   /* in-memory member for tests */

struct asm_opts {
    const char **incdirs;          /* -I directories: macro library and COPY */
    int nincdirs;
    const struct asm_vfile *vfiles;    /* searched before incdirs */
    int nvfiles;
    bool listing;                  /* build the listing text */
    bool bin;                      /* -f bin: warn about externals it leaves zero */
};

struct asm_result {
    uint8_t *image;                /* -f bin: flat image from origin */
    uint32_t origin, size;
    uint8_t *deck;                 /* -f obj: 80-byte EBCDIC records */
    size_t decklen;
    char *listing;
    size_t listlen;
    char *map;                     /* symbol map (docs/asm370.md, "Map file") */
    size_t maplen;
    char *messages;                /* "FILE:LINE: message\n" lines */
    size_t msglen;
    int nerrors, nwarnings, passes;
};

/* Assemble text (named srcname in messages). Returns nerrors (0 = success). */
int asm_assemble(const struct asm_opts *o, const char *srcname, const char *text,
                 struct asm_result *r);
void asm_result_free(struct asm_result *r);

/* Link step: combine object decks into one image at origin. */
struct link_input { const char *name; const uint8_t *deck; size_t len; };
struct link_result {
    uint8_t *image;
    uint32_t origin, size, entry;
    char *map;                     /* the symbol map text */
    size_t maplen;
    char *messages;
    size_t msglen;
    int nerrors;
};
int asm_link(const struct link_input *in, int n, uint32_t origin, struct link_result *r);
void link_result_free(struct link_result *r);

/* ---------- internals ---------- */

#define NAMEMAX 64
#define MAXREL 4

/* A growable byte buffer. */
struct buf { char *p; size_t len, cap; };
void buf_add(struct buf *b, const void *p, size_t n);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* A value: constant plus a sum of relocatable terms (rid = esd index). */
struct val {
    int32_t v;
    int nrel;
    struct { int16_t rid, m; } rel[MAXREL];
};

enum esd_type { ESD_SD, ESD_PC, ESD_DSECT, ESD_ER, ESD_WX };

struct esd {
    char name[NAMEMAX];
    enum esd_type type;
    uint32_t origin;               /* assembled address of offset 0 */
    uint32_t loc, hiwater;         /* location counter, highest location */
    uint32_t prevlen;              /* length in the previous pass */
    int seen_pass;
};

struct sym {
    char name[NAMEMAX];
    struct val val;
    int32_t len;                   /* length attribute */
    char type;                     /* type attribute */
    int def_pass;                  /* pass that defined it, -1 never */
    int ever;                      /* defined in any pass */
    const char *file;              /* definition */
    int line, stmtno;
    int *refs; int nrefs, caprefs; /* statement numbers (cross-reference) */
    struct sym *next;
};

struct srcfile {
    char *name;
    char **lines;
    int nlines;
    struct srcfile *next;
};

/* A logical statement (continuations joined) and where it came from. */
struct stmt {
    char *text;
    const char *file;
    int line;
    int nphys;                     /* physical lines */
};

struct macro {
    char name[NAMEMAX];
    char lblparam[NAMEMAX];        /* name-field parameter, without & */
    int npos, nkw;
    char (*pos)[NAMEMAX];          /* positional parameters in order */
    char (*kw)[NAMEMAX];           /* keyword parameters ... */
    char **kwdef;                  /* ... and their defaults */
    struct stmt *body;
    int nbody;
    const char *file;              /* where MACRO was */
    int line;
    struct macro *next;
};

/* Reader frames: a source file or a macro expansion. */
struct frame {
    bool is_macro;
    struct srcfile *file;
    int idx;
    struct macro *mac;
    struct macscope *scope;
    const char *callfile;          /* where the macro was called */
    int callline;
    struct frame *up;
};

struct literal {
    char *text;                    /* from '=' on */
    int pool;
    uint32_t addr;
    int rid;
    int32_t len;
    int align;
    bool placed;                   /* placed in this pass */
    bool ref;                      /* referenced in this pass */
    int order;
    struct literal *next, *hnext;
};

#define LITHASH 1024

struct using {
    bool on;
    struct val base;
};

struct chunk { int rid; uint32_t addr, off, len; };
struct rld { int prid, rrid; uint32_t addr; uint8_t len; bool neg, vcon; const char *file; int line; };

struct print_state { bool on, gen, data; };

struct asm_ctx {
    const struct asm_opts *opts;
    int pass;
    struct srcfile *files;         /* cache, kept across passes */
    struct frame *fr;
    struct stmt *st;               /* statement being processed */
    int stmtno;
    bool ended;

    struct sym **symtab;
    size_t nbuckets;

    struct esd *esd;
    int nesd, capesd;
    int cur;                       /* current section, -1 before any */
    uint32_t start_origin;
    bool have_start;

    struct using usings[16];
    struct using usestack[8][16];
    int usesp;
    struct print_state print, printstack[8];
    int printsp;

    struct literal *lits;
    struct literal *lithash[LITHASH];  /* by text and pool */
    struct literal **pending;      /* referenced in the current pool */
    int npending, cappending;
    int poolno, litorder;

    /* OPSYN: operation names defined as others (old "" = deleted) */
    struct { char new[NAMEMAX], old[NAMEMAX]; } *opsyn;
    int nopsyn;

    /* ENTRY names and the END entry point */
    char (*entries)[NAMEMAX];
    int nentries;
    struct val endval;
    bool have_end_entry;

    /* output of this pass */
    struct buf text;
    struct chunk *chunks;
    int nchunks, capchunks;
    struct rld *rlds;
    int nrlds, caprlds;
    struct buf msgs, list;
    struct buf smsg;               /* messages of the current statement */
    int nerrors, nwarnings;
    char title[80];

    /* listing of the current statement */
    uint32_t stmt_loc;
    bool stmt_has_loc;
    uint8_t stmt_obj[64];          /* the first object bytes */
    int stmt_nobj;
    char stmt_flags[4];

    /* macros and conditional assembly */
    struct macro *macros;
    struct macscope *opencode;
    struct macvar *globals;
    int sysndx;
    int mac_depth;
    long ca_steps;

    uint64_t hash;
    bool subst_lenient;            /* leave unknown &symbols alone */
    bool suppress_list;            /* conditional assembly inside a macro */
    bool unresolved;               /* a forward reference had no value yet */
};

/* asm.c */
void asm_error(struct asm_ctx *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void asm_warn(struct asm_ctx *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void asm_process(struct asm_ctx *a, struct stmt *st, const char *text);
uint32_t asm_loc(struct asm_ctx *a);
struct val asm_locval(struct asm_ctx *a);
void asm_setloc(struct asm_ctx *a, uint32_t loc);
void asm_emit(struct asm_ctx *a, const uint8_t *p, uint32_t n);
void asm_reserve(struct asm_ctx *a, uint32_t n);
void asm_align(struct asm_ctx *a, int boundary, bool fill);
void asm_add_rld(struct asm_ctx *a, const struct val *v, uint32_t addr, int len, bool vcon);
int asm_section(struct asm_ctx *a, const char *name, enum esd_type t);
int asm_extern(struct asm_ctx *a, const char *name, enum esd_type t);
void asm_ensure_section(struct asm_ctx *a);

/* symbols.c */
struct sym *sym_find(struct asm_ctx *a, const char *name);
struct sym *sym_get(struct asm_ctx *a, const char *name);
bool sym_define(struct asm_ctx *a, const char *name, struct val v, int32_t len, char type);
void sym_ref(struct asm_ctx *a, struct sym *s);
void sym_free_all(struct asm_ctx *a);

/* expr.c */
struct einfo {
    int32_t len;                   /* length attribute of the first term */
    bool undef;                    /* referred to an undefined symbol */
    bool first_term_done;
};
bool is_symch(int c);
bool is_symstart(int c);
int get_name(const char **pp, char *out);   /* a symbol name, upper case */
const char *skip_quoted(const char *p);
bool is_attr_at(const char *start, const char *p);   /* L'X, T'&P, ... */
bool expr_parse(struct asm_ctx *a, const char **pp, struct val *v, struct einfo *ei);
bool expr_abs(struct asm_ctx *a, const char **pp, int32_t *out);
bool val_is_abs(const struct val *v);
void val_add(struct val *a, const struct val *b, int sign);
bool resolve_using(struct asm_ctx *a, const struct val *v, int *base, int *disp);
bool selfdef_term(struct asm_ctx *a, const char **pp, int32_t *out);
int split_operands(const char *s, char **out, int max);   /* splits s in place */

/* instr.c */
struct insn_def;
const struct insn_def *insn_lookup(const char *mnem);
void insn_assemble(struct asm_ctx *a, const struct insn_def *d, const char *label, const char *ops);

/* dc.c */
void dc_statement(struct asm_ctx *a, const char *label, const char *ops, bool ds);
struct val lit_ref(struct asm_ctx *a, const char **pp, struct einfo *ei);
void lit_pool(struct asm_ctx *a);
void ccw_statement(struct asm_ctx *a, const char *label, const char *ops);

/* source.c */
struct srcfile *src_load(struct asm_ctx *a, const char *name, const char *text);
struct srcfile *src_find_member(struct asm_ctx *a, const char *member);
bool src_next(struct asm_ctx *a, struct stmt *st);
int field_split(const char *text, char *label, char *op, const char **operands, const char **opend);

/* macro.c */
bool mac_is_ca_op(const char *op);
void mac_ca_statement(struct asm_ctx *a, const char *label, const char *op, const char *ops);
char *mac_substitute(struct asm_ctx *a, const char *text);
void mac_define(struct asm_ctx *a, bool list);   /* list: show the definition */
struct macro *mac_find(struct asm_ctx *a, const char *name);
void mac_call(struct asm_ctx *a, struct macro *m, const char *label, const char *ops);
void mac_reset(struct asm_ctx *a);
void mac_free_all(struct asm_ctx *a);
void mac_pop_frame(struct asm_ctx *a);

/* objdeck.c */
void obj_write(struct asm_ctx *a, struct asm_result *r);
void bin_write(struct asm_ctx *a, struct asm_result *r);
void map_write(struct asm_ctx *a, struct asm_result *r);

/* listing.c */
void list_statement(struct asm_ctx *a, const struct stmt *st, bool generated);
void list_finish(struct asm_ctx *a);

#endif
