/*
 * screen3270.h - the 3270 display station's buffer: the outbound data stream
 * (commands, WCC, orders) applied to a screen, the inbound records (Read
 * Modified, Read Buffer, short reads) built from it, and the operator's
 * keyboard functions. Used by the built-in terminal (devices/term3270.c) and
 * usable by the 3270 device. No I/O, no UI, no globals.
 *
 * Sources: IBM 3270 Information Display System Data Stream Programmer's
 * Reference (GA23-0059), chapters 3 (commands), 4 (orders), 6 (attention);
 * 3270 Component Description (GA27-2749) for the 12-bit address code table.
 */
#ifndef SCREEN3270_H
#define SCREEN3270_H
#include <stddef.h>
#include <stdint.h>

#define SCR3270_MAXSIZE (27 * 132)      /* model 5, the largest buffer */

/* Commands: local (channel command code) and remote (TN3270) forms. */
enum {
    SCR_CMD_W = 0x01, SCR_CMD_RB = 0x02, SCR_CMD_RM = 0x06, SCR_CMD_EW = 0x05,
    SCR_CMD_EWA = 0x0D, SCR_CMD_EAU = 0x0F,
    SCR_RCMD_W = 0xF1, SCR_RCMD_RB = 0xF2, SCR_RCMD_RM = 0xF6, SCR_RCMD_RMA = 0x6E,
    SCR_RCMD_EW = 0xF5, SCR_RCMD_EWA = 0x7E, SCR_RCMD_EAU = 0x6F, SCR_RCMD_WSF = 0xF3,
};

/* Orders. */
enum {
    SCR_ORD_PT = 0x05, SCR_ORD_GE = 0x08, SCR_ORD_SBA = 0x11, SCR_ORD_EUA = 0x12,
    SCR_ORD_IC = 0x13, SCR_ORD_SF = 0x1D, SCR_ORD_SA = 0x28, SCR_ORD_SFE = 0x29,
    SCR_ORD_MF = 0x2C, SCR_ORD_RA = 0x3C,
};

/* Write control character bits (bit 0 is the leftmost). */
enum {
    SCR_WCC_RESET = 0x40, SCR_WCC_PRINT = 0x08, SCR_WCC_ALARM = 0x04,
    SCR_WCC_RESTORE = 0x02, SCR_WCC_RESETMDT = 0x01,
};

/* Field attribute bits (the six low-order bits that matter). */
enum {
    SCR_FA_PROT = 0x20, SCR_FA_NUM = 0x10, SCR_FA_DISPMASK = 0x0C,
    SCR_FA_INTENS = 0x08, SCR_FA_NONDISP = 0x0C, SCR_FA_MDT = 0x01,
};

/* Attention identifiers. */
enum {
    SCR_AID_NONE = 0x60, SCR_AID_ENTER = 0x7D, SCR_AID_CLEAR = 0x6D,
    SCR_AID_PA1 = 0x6C, SCR_AID_PA2 = 0x6E, SCR_AID_PA3 = 0x6B,
};

/* Why the keyboard is locked: the operator information area's "X" text. */
enum scr3270_lock {
    SCR_LOCK_NONE, SCR_LOCK_SYSTEM, SCR_LOCK_PROT, SCR_LOCK_NUM, SCR_LOCK_OVERFLOW,
};

struct scr3270_cell {
    uint8_t ch;        /* EBCDIC character, or the attribute if fa */
    uint8_t fa;        /* 1: a field attribute occupies this position */
    uint8_t color;     /* extended color (0 = default; X'F1'..X'F7') */
    uint8_t hilite;    /* extended highlighting (0, X'F1' blink, X'F2' reverse, X'F4' underscore) */
};

struct scr3270 {
    int model;                      /* 2..5 */
    int rows, cols;                 /* current size */
    int alt_rows, alt_cols;         /* alternate size (Erase/Write Alternate) */
    int cursor;                     /* buffer address */
    int formatted;                  /* at least one field attribute */
    enum scr3270_lock lock;         /* keyboard locked, and why */
    int alarm;                      /* sound alarm requested, until cleared by the user */
    int insert;                     /* insert mode */
    uint8_t aid;                    /* AID of the last attention, SCR_AID_NONE after restore */
    uint8_t sa_color, sa_hilite;    /* Set Attribute state during a write */
    struct scr3270_cell buf[SCR3270_MAXSIZE];
};

struct scr3270_err {
    char msg[160];                  /* "unknown order X'3E'" */
    size_t offset;                  /* offset of the bad byte in the record */
    size_t order;                   /* offset of the order (or character) it belongs to:
                                       the bytes before it are a valid stream */
};

/* Cell as the renderer sees it. */
struct scr3270_view {
    char ch;                        /* Latin-1 character to show (' ' for attributes and nulls) */
    uint8_t fa;                     /* position holds a field attribute */
    uint8_t prot, numeric, intens, nondisp, mdt;
    uint8_t color, hilite;
};

/* A model (2..5); returns -1 for anything else. Starts with the 24x80 default size. */
int scr3270_init(struct scr3270 *s, int model);
int scr3270_size(const struct scr3270 *s);
const char *scr3270_lock_text(enum scr3270_lock l);   /* "X SYSTEM", "X PROT", ... or "" */

/* Buffer addresses: decode 12/14-bit; encode (12-bit code when size <= 4095). */
int scr3270_addr_decode(uint8_t b1, uint8_t b2);
void scr3270_addr_encode(int size, int addr, uint8_t out[2]);
uint8_t scr3270_code(int six_bits);     /* the 6-bit graphic code table */

/*
 * Outbound: apply a write-type command (W, EW, EWA, EAU, local or remote
 * code) with its data (WCC and orders; nothing for EAU). Returns 0, or -1
 * with err set (offset into data); the part before the error stays applied.
 */
int scr3270_write(struct scr3270 *s, uint8_t cmd, const uint8_t *data, size_t len,
                  struct scr3270_err *err);

/*
 * A whole TN3270 record (command byte first). Writes are applied; read
 * commands (RB, RM, RMA) put the inbound record in out (cap bytes) and return
 * its length in *outlen. Returns 0 or -1 with err (offset into rec).
 */
int scr3270_record(struct scr3270 *s, const uint8_t *rec, size_t len,
                   uint8_t *out, size_t cap, size_t *outlen, struct scr3270_err *err);

/* Inbound records; return the length (cap must be >= 3 * size + 3). */
size_t scr3270_read_modified(const struct scr3270 *s, uint8_t aid, int all, uint8_t *out, size_t cap);
size_t scr3270_read_buffer(const struct scr3270 *s, uint8_t aid, uint8_t *out, size_t cap);

/*
 * The operator presses an AID key: builds the inbound record (a short read
 * for PA1-3 and Clear; Clear also erases the screen), locks the keyboard
 * (X SYSTEM) and remembers the AID. Returns the length, 0 if the keyboard is
 * locked (nothing is sent).
 */
size_t scr3270_attn(struct scr3270 *s, uint8_t aid, uint8_t *out, size_t cap);
uint8_t scr3270_pf_aid(int n);          /* PF1..PF24 */

/* Keyboard functions. Data keys return 0, or -1 when they lock the keyboard. */
int scr3270_key_char(struct scr3270 *s, uint8_t ebcdic);
int scr3270_key_delete(struct scr3270 *s);
int scr3270_key_erase(struct scr3270 *s);         /* backspace + delete */
int scr3270_key_eraseeof(struct scr3270 *s);
void scr3270_key_eraseinput(struct scr3270 *s);
void scr3270_key_tab(struct scr3270 *s);
void scr3270_key_backtab(struct scr3270 *s);
void scr3270_key_home(struct scr3270 *s);
void scr3270_key_end(struct scr3270 *s);           /* after the field's last character */
void scr3270_key_newline(struct scr3270 *s);
void scr3270_key_move(struct scr3270 *s, int drow, int dcol);
void scr3270_key_reset(struct scr3270 *s);
void scr3270_set_cursor(struct scr3270 *s, int addr);

/* Field queries. */
int scr3270_field_attr(const struct scr3270 *s, int addr, int *fa_addr);  /* -1: unformatted */
void scr3270_view(const struct scr3270 *s, struct scr3270_view *v);       /* size() entries */
/* The text of a row as Latin-1 (cols chars, non-display shown as blanks). */
void scr3270_row_text(const struct scr3270 *s, int row, char *out);

#endif
