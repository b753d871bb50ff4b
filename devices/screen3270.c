/*
 * screen3270.c - the 3270 display buffer and its data stream, after the
 * 3270 Data Stream Programmer's Reference (GA23-0059): write-type commands
 * and their orders (chapter 4), Read Buffer / Read Modified and the short
 * read (chapter 3), and the operator's keyboard functions as a 3278 does
 * them. Where the manual leaves a choice open, what x3270/c3270 does is
 * followed, and said so.
 */
#include <stdio.h>
#include <string.h>
#include "screen3270.h"
#include "ebcdic.h"

/* The 6-bit code of buffer addresses and attribute bytes (GA23-0059, figure
   "Buffer address and attribute codes"): value 0..63 -> EBCDIC graphic. */
static const uint8_t code6[64] = {
    0x40, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F,
    0x50, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xD9, 0x5A, 0x5B, 0x5C, 0x5D, 0x5E, 0x5F,
    0x60, 0x61, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F,
    0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0x7A, 0x7B, 0x7C, 0x7D, 0x7E, 0x7F,
};

static const struct { int rows, cols; } model_size[6] = {
    [2] = {24, 80}, [3] = {32, 80}, [4] = {43, 80}, [5] = {27, 132},
};

uint8_t scr3270_code(int six_bits) { return code6[six_bits & 0x3F]; }

int scr3270_size(const struct scr3270 *s) { return s->rows * s->cols; }

const char *scr3270_lock_text(enum scr3270_lock l)
{
    switch (l) {
    case SCR_LOCK_SYSTEM:   return "X SYSTEM";
    case SCR_LOCK_PROT:     return "X PROT";
    case SCR_LOCK_NUM:      return "X NUM";
    case SCR_LOCK_OVERFLOW: return "X OVERFLOW";
    default:                return "";
    }
}

/* Erase the buffer to nulls with the default or the alternate size. */
static void erase_all(struct scr3270 *s, int alternate)
{
    s->rows = alternate ? s->alt_rows : 24;
    s->cols = alternate ? s->alt_cols : 80;
    memset(s->buf, 0, sizeof s->buf);
    s->cursor = 0;
    s->formatted = 0;
    s->sa_color = s->sa_hilite = 0;
}

int scr3270_init(struct scr3270 *s, int model)
{
    if (model < 2 || model > 5) return -1;
    memset(s, 0, sizeof *s);
    s->model = model;
    s->alt_rows = model_size[model].rows;
    s->alt_cols = model_size[model].cols;
    s->aid = SCR_AID_NONE;
    erase_all(s, 0);
    return 0;
}

/* ---- buffer addresses ---- */

/* Bits 0-1 of the first byte: 00 = 14-bit binary, 01/11 = 12-bit coded. */
int scr3270_addr_decode(uint8_t b1, uint8_t b2)
{
    if ((b1 & 0xC0) == 0) return (b1 & 0x3F) << 8 | b2;
    return (b1 & 0x3F) << 6 | (b2 & 0x3F);
}

void scr3270_addr_encode(int size, int addr, uint8_t out[2])
{
    if (size <= 4095) {
        out[0] = code6[(addr >> 6) & 0x3F];
        out[1] = code6[addr & 0x3F];
    } else {
        out[0] = (uint8_t)((addr >> 8) & 0x3F);
        out[1] = (uint8_t)addr;
    }
}

/* ---- field helpers ---- */

static int inc(const struct scr3270 *s, int a) { return a + 1 == scr3270_size(s) ? 0 : a + 1; }
static int dec(const struct scr3270 *s, int a) { return a == 0 ? scr3270_size(s) - 1 : a - 1; }

/* The attribute governing addr (its own if addr is an attribute), or -1 if
   the buffer is unformatted. */
int scr3270_field_attr(const struct scr3270 *s, int addr, int *fa_addr)
{
    int n = scr3270_size(s);
    for (int i = 0, a = addr; i < n; i++, a = dec(s, a))
        if (s->buf[a].fa) {
            if (fa_addr) *fa_addr = a;
            return s->buf[a].ch;
        }
    return -1;
}

static int is_prot(const struct scr3270 *s, int addr)
{
    int fa = scr3270_field_attr(s, addr, NULL);
    return s->buf[addr].fa || (fa >= 0 && (fa & SCR_FA_PROT));
}

/* The last character position of the field holding addr (the position
   before the next attribute); unformatted: the buffer's last position. */
static int field_last(const struct scr3270 *s, int addr)
{
    if (!s->formatted) return scr3270_size(s) - 1;
    int a = inc(s, addr);
    while (!s->buf[a].fa) a = inc(s, a);
    return dec(s, a);
}

static void set_formatted(struct scr3270 *s)
{
    int n = scr3270_size(s);
    s->formatted = 0;
    for (int a = 0; a < n; a++)
        if (s->buf[a].fa) { s->formatted = 1; return; }
}

/* First character position of the next unprotected field, searching from
   addr (an attribute at addr counts); 0 if there is none. As x3270: a field
   of length zero is skipped. */
static int next_unprot(const struct scr3270 *s, int addr)
{
    int n = scr3270_size(s);
    for (int i = 0, a = addr; i < n; i++, a = inc(s, a)) {
        int b = inc(s, a);
        if (s->buf[a].fa && !(s->buf[a].ch & SCR_FA_PROT) && !s->buf[b].fa) return b;
    }
    return 0;
}

/* ---- outbound: the write-type commands ---- */

struct wstate {
    struct scr3270 *s;
    const uint8_t *d;
    size_t len, i;          /* i: offset of the order being done */
    int addr, ic;
    int after_data, prev_data;  /* this / the previous item was a data character */
    struct scr3270_err *err;
};

static int fail(struct wstate *w, size_t off, const char *what)
{
    if (w->err) {
        strncpy(w->err->msg, what, sizeof w->err->msg - 1);
        w->err->msg[sizeof w->err->msg - 1] = 0;
        w->err->offset = off;
        w->err->order = w->i;
    }
    return -1;
}

static int need(struct wstate *w, size_t n, const char *order)
{
    char m[96];
    if (w->i + n <= w->len) return 0;
    snprintf(m, sizeof m, "%s order truncated: needs %zu bytes, %zu left", order, n, w->len - w->i);
    return fail(w, w->i, m);
}

/* A buffer address operand at offset off. */
static int get_addr(struct wstate *w, size_t off, const char *order, int *out)
{
    int a = scr3270_addr_decode(w->d[off], w->d[off + 1]);
    char m[120];
    if ((w->d[off] & 0xC0) == 0x80) {
        snprintf(m, sizeof m, "%s: reserved address form X'%02X%02X'", order, w->d[off], w->d[off + 1]);
        return fail(w, off, m);
    }
    if (a >= scr3270_size(w->s)) {
        snprintf(m, sizeof m, "%s: buffer address %d beyond the screen (%dx%d = %d)",
                 order, a, w->s->rows, w->s->cols, scr3270_size(w->s));
        return fail(w, off, m);
    }
    *out = a;
    return 0;
}

static void put_char(struct wstate *w, uint8_t c)
{
    struct scr3270_cell *p = &w->s->buf[w->addr];
    p->ch = c;
    p->fa = 0;
    p->color = w->s->sa_color;
    p->hilite = w->s->sa_hilite;
    w->addr = inc(w->s, w->addr);
}

/* Extended attribute pair (type, value) for a field or a character. */
static int ext_attr(struct wstate *w, size_t off, struct scr3270_cell *c, int field)
{
    uint8_t type = w->d[off], v = w->d[off + 1];
    char m[96];
    switch (type) {
    case 0x00: if (!field) { c->color = c->hilite = 0; return 0; } break;
    case 0xC0: if (field) { c->ch = v & 0x3F; return 0; } break;
    case 0x41: c->hilite = v; return 0;
    case 0x42: c->color = v; return 0;
    case 0x43: case 0x45: case 0x46: return 0;  /* charset, background, transparency: not shown */
    }
    snprintf(m, sizeof m, "unknown attribute type X'%02X'", type);
    return fail(w, off, m);
}

static int order_sf(struct wstate *w)
{
    if (need(w, 2, "SF")) return -1;
    struct scr3270_cell *p = &w->s->buf[w->addr];
    *p = (struct scr3270_cell){ .ch = w->d[w->i + 1] & 0x3F, .fa = 1 };
    w->addr = inc(w->s, w->addr);
    w->i += 2;
    return 0;
}

static int order_sfe(struct wstate *w)
{
    if (need(w, 2, "SFE")) return -1;
    size_t n = w->d[w->i + 1];
    if (need(w, 2 + 2 * n, "SFE")) return -1;
    struct scr3270_cell c = { .fa = 1 };
    for (size_t k = 0; k < n; k++)
        if (ext_attr(w, w->i + 2 + 2 * k, &c, 1)) return -1;
    w->s->buf[w->addr] = c;
    w->addr = inc(w->s, w->addr);
    w->i += 2 + 2 * n;
    return 0;
}

static int order_sa(struct wstate *w)
{
    if (need(w, 3, "SA")) return -1;
    struct scr3270_cell c = { .color = w->s->sa_color, .hilite = w->s->sa_hilite };
    if (ext_attr(w, w->i + 1, &c, 0)) return -1;
    w->s->sa_color = c.color;
    w->s->sa_hilite = c.hilite;
    w->i += 3;
    return 0;
}

/* Modify Field: changes the attribute at the current address; ignored (as
   x3270 does) where there is none. The address moves on by one. */
static int order_mf(struct wstate *w)
{
    if (need(w, 2, "MF")) return -1;
    size_t n = w->d[w->i + 1];
    if (need(w, 2 + 2 * n, "MF")) return -1;
    struct scr3270_cell c = w->s->buf[w->addr];
    for (size_t k = 0; k < n; k++)
        if (ext_attr(w, w->i + 2 + 2 * k, &c, 1)) return -1;
    if (c.fa) w->s->buf[w->addr] = c;
    w->addr = inc(w->s, w->addr);
    w->i += 2 + 2 * n;
    return 0;
}

static int order_sba(struct wstate *w)
{
    if (need(w, 3, "SBA") || get_addr(w, w->i + 1, "SBA", &w->addr)) return -1;
    w->i += 3;
    return 0;
}

/*
 * Program Tab: to the first character position of the next unprotected
 * field, searching up to the buffer's end (no wrap; none found: address 0).
 * After a data character it first nulls the rest of the current field.
 */
static void order_pt(struct wstate *w)
{
    struct scr3270 *s = w->s;
    int n = scr3270_size(s), a = w->addr;
    if (w->prev_data)
        for (; a < n && !s->buf[a].fa; a++) s->buf[a] = (struct scr3270_cell){0};
    w->addr = 0;
    for (; a < n; a++)
        if (s->buf[a].fa && !(s->buf[a].ch & SCR_FA_PROT)) {
            w->addr = inc(s, a);
            break;
        }
    w->i += 1;
}

/* Repeat to Address: the character (or GE + character) up to the stop
   address, exclusive; stop = current address fills the whole buffer. */
static int order_ra(struct wstate *w)
{
    int stop;
    if (need(w, 4, "RA") || get_addr(w, w->i + 1, "RA", &stop)) return -1;
    size_t len = 4;
    uint8_t c = w->d[w->i + 3];
    if (c == SCR_ORD_GE) {
        if (need(w, 5, "RA")) return -1;
        c = w->d[w->i + 4];
        len = 5;
    }
    do put_char(w, c); while (w->addr != stop);
    w->i += len;
    return 0;
}

/* Erase Unprotected to Address: nulls in unprotected character positions
   up to the stop address, exclusive (the whole buffer if equal). */
static int order_eua(struct wstate *w)
{
    int stop, attr;
    struct scr3270 *s = w->s;
    if (need(w, 3, "EUA") || get_addr(w, w->i + 1, "EUA", &stop)) return -1;
    attr = scr3270_field_attr(s, w->addr, NULL);
    do {
        struct scr3270_cell *p = &s->buf[w->addr];
        if (p->fa) attr = p->ch;
        else if (attr < 0 || !(attr & SCR_FA_PROT)) *p = (struct scr3270_cell){0};
        w->addr = inc(s, w->addr);
    } while (w->addr != stop);
    w->i += 3;
    return 0;
}

/* Characters below X'40' that are data, not orders: NUL and the format
   control characters (FF, CR, NL, EM, DUP, FM, SUB). */
static int is_data_control(uint8_t c)
{
    return c == 0x00 || c == 0x0C || c == 0x0D || c == 0x15 || c == 0x19 ||
           c == 0x1C || c == 0x1E || c == 0x3F;
}

static int one_order(struct wstate *w)
{
    uint8_t b = w->d[w->i];
    char m[64];
    w->prev_data = w->after_data;
    w->after_data = b >= 0x40 || is_data_control(b);
    switch (b) {
    case SCR_ORD_SF:  return order_sf(w);
    case SCR_ORD_SFE: return order_sfe(w);
    case SCR_ORD_SA:  return order_sa(w);
    case SCR_ORD_MF:  return order_mf(w);
    case SCR_ORD_SBA: return order_sba(w);
    case SCR_ORD_IC:  w->ic = w->addr; w->i++; return 0;
    case SCR_ORD_PT:  order_pt(w); return 0;
    case SCR_ORD_RA:  return order_ra(w);
    case SCR_ORD_EUA: return order_eua(w);
    case SCR_ORD_GE:
        if (need(w, 2, "GE")) return -1;
        put_char(w, w->d[w->i + 1]);
        w->i += 2;
        return 0;
    }
    if (!w->after_data) {
        snprintf(m, sizeof m, "unknown order X'%02X'", b);
        return fail(w, w->i, m);
    }
    put_char(w, b);
    w->i++;
    return 0;
}

/* Erase All Unprotected: nulls in every unprotected field, MDTs off, cursor
   to the first unprotected field, keyboard restored. */
static void erase_unprotected(struct scr3270 *s)
{
    int n = scr3270_size(s), attr = scr3270_field_attr(s, n - 1, NULL);
    if (!s->formatted) {
        erase_all(s, s->rows != 24 || s->cols != 80);
    } else {
        for (int a = 0; a < n; a++) {
            struct scr3270_cell *p = &s->buf[a];
            if (p->fa) {
                attr = p->ch;
                if (!(attr & SCR_FA_PROT)) p->ch &= (uint8_t)~SCR_FA_MDT;
            } else if (!(attr & SCR_FA_PROT)) {
                *p = (struct scr3270_cell){0};
            }
        }
        s->cursor = next_unprot(s, n - 1);
    }
    s->lock = SCR_LOCK_NONE;
    s->aid = SCR_AID_NONE;
}

static void reset_mdts(struct scr3270 *s)
{
    int n = scr3270_size(s);
    for (int a = 0; a < n; a++)
        if (s->buf[a].fa) s->buf[a].ch &= (uint8_t)~SCR_FA_MDT;
}

/* Map the remote command codes to the local ones; -1 if not a write. */
static int write_kind(uint8_t cmd)
{
    switch (cmd) {
    case SCR_CMD_W: case SCR_RCMD_W:     return SCR_CMD_W;
    case SCR_CMD_EW: case SCR_RCMD_EW:   return SCR_CMD_EW;
    case SCR_CMD_EWA: case SCR_RCMD_EWA: return SCR_CMD_EWA;
    case SCR_CMD_EAU: case SCR_RCMD_EAU: return SCR_CMD_EAU;
    }
    return -1;
}

int scr3270_write(struct scr3270 *s, uint8_t cmd, const uint8_t *data, size_t len,
                  struct scr3270_err *err)
{
    int kind = write_kind(cmd), rc = 0;
    struct wstate w = { .s = s, .d = data, .len = len, .ic = -1, .err = err };
    if (kind < 0) {
        char m[64];
        snprintf(m, sizeof m, "X'%02X' is not a write command", cmd);
        return fail(&w, 0, m);
    }
    if (kind == SCR_CMD_EAU) {
        erase_unprotected(s);
        return 0;
    }
    if (kind == SCR_CMD_EW || kind == SCR_CMD_EWA) erase_all(s, kind == SCR_CMD_EWA);
    if (len == 0) return 0;
    uint8_t wcc = data[0];
    if (wcc & SCR_WCC_RESETMDT) reset_mdts(s);
    s->sa_color = s->sa_hilite = 0;
    w.addr = s->cursor;
    for (w.i = 1; w.i < len && rc == 0; ) rc = one_order(&w);
    if (w.ic >= 0) s->cursor = w.ic;
    set_formatted(s);
    if (wcc & SCR_WCC_ALARM) s->alarm = 1;
    if (wcc & SCR_WCC_RESTORE) {
        s->lock = SCR_LOCK_NONE;
        s->aid = SCR_AID_NONE;
    }
    return rc;
}

/* ---- inbound records ---- */

static size_t put_addr(const struct scr3270 *s, uint8_t *out, size_t n, int addr)
{
    scr3270_addr_encode(scr3270_size(s), addr, out + n);
    return n + 2;
}

static int short_read_aid(uint8_t aid)
{
    return aid == SCR_AID_PA1 || aid == SCR_AID_PA2 || aid == SCR_AID_PA3 || aid == SCR_AID_CLEAR;
}

/*
 * Read Modified: AID, cursor address, then for each field whose MDT is on
 * an SBA to its first character and its characters without nulls. Fields
 * come in buffer order from the first attribute, so a field that wraps past
 * the end comes last and whole (x3270 does the same). Unformatted: all
 * characters, nulls suppressed, without SBA.
 */
size_t scr3270_read_modified(const struct scr3270 *s, uint8_t aid, int all, uint8_t *out, size_t cap)
{
    int size = scr3270_size(s), first = -1;
    size_t n = 0;
    if (cap < 3 * (size_t)size + 3) return 0;
    out[n++] = aid;
    if (short_read_aid(aid) && !all) return n;
    n = put_addr(s, out, n, s->cursor);
    for (int a = 0; a < size && first < 0; a++)
        if (s->buf[a].fa) first = a;
    if (first < 0) {
        for (int a = 0; a < size; a++)
            if (s->buf[a].ch) out[n++] = s->buf[a].ch;
        return n;
    }
    int f = first;
    do {
        int mdt = s->buf[f].ch & SCR_FA_MDT, a = inc(s, f);
        if (mdt) {
            out[n++] = SCR_ORD_SBA;
            n = put_addr(s, out, n, a);
        }
        for (; !s->buf[a].fa; a = inc(s, a))
            if (mdt && s->buf[a].ch) out[n++] = s->buf[a].ch;
        f = a;
    } while (f != first);
    return n;
}

/* Read Buffer: AID, cursor, every position from 0; attributes as SF + the
   attribute's graphic code. */
size_t scr3270_read_buffer(const struct scr3270 *s, uint8_t aid, uint8_t *out, size_t cap)
{
    int size = scr3270_size(s);
    size_t n = 0;
    if (cap < 2 * (size_t)size + 3) return 0;
    out[n++] = aid;
    n = put_addr(s, out, n, s->cursor);
    for (int a = 0; a < size; a++) {
        if (s->buf[a].fa) {
            out[n++] = SCR_ORD_SF;
            out[n++] = code6[s->buf[a].ch & 0x3F];
        } else {
            out[n++] = s->buf[a].ch;
        }
    }
    return n;
}

int scr3270_record(struct scr3270 *s, const uint8_t *rec, size_t len,
                   uint8_t *out, size_t cap, size_t *outlen, struct scr3270_err *err)
{
    *outlen = 0;
    if (len == 0) {
        if (err) {
            snprintf(err->msg, sizeof err->msg, "empty record");
            err->offset = err->order = 0;
        }
        return -1;
    }
    switch (rec[0]) {
    case SCR_CMD_RB: case SCR_RCMD_RB:
        *outlen = scr3270_read_buffer(s, s->aid, out, cap);
        return 0;
    case SCR_CMD_RM: case SCR_RCMD_RM:
        *outlen = scr3270_read_modified(s, s->aid, 0, out, cap);
        return 0;
    case SCR_RCMD_RMA:
        *outlen = scr3270_read_modified(s, s->aid, 1, out, cap);
        return 0;
    }
    int rc = scr3270_write(s, rec[0], rec + 1, len - 1, err);
    if (rc && err && write_kind(rec[0]) >= 0) {
        err->offset += 1;
        err->order += 1;
    }
    return rc;
}

/* ---- the operator ---- */

uint8_t scr3270_pf_aid(int n)
{
    static const uint8_t pf[24] = {
        0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0x7A, 0x7B, 0x7C,
        0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0x4A, 0x4B, 0x4C,
    };
    return n >= 1 && n <= 24 ? pf[n - 1] : SCR_AID_NONE;
}

size_t scr3270_attn(struct scr3270 *s, uint8_t aid, uint8_t *out, size_t cap)
{
    if (s->lock != SCR_LOCK_NONE) return 0;
    if (aid == SCR_AID_CLEAR) erase_all(s, 0);
    size_t n = scr3270_read_modified(s, aid, 0, out, cap);
    s->aid = aid;
    s->lock = SCR_LOCK_SYSTEM;
    s->insert = 0;
    return n;
}

static int lock(struct scr3270 *s, enum scr3270_lock why)
{
    s->lock = why;
    return -1;
}

static void set_mdt(struct scr3270 *s, int addr)
{
    int fa;
    if (scr3270_field_attr(s, addr, &fa) >= 0) s->buf[fa].ch |= SCR_FA_MDT;
}

static int numeric_ok(uint8_t c)
{
    return (c >= 0xF0 && c <= 0xF9) || c == 0x4B || c == 0x60 || c == 0x1C;
}

/* Insert mode: make room at addr by shifting right up to the first null
   before the field's end (as x3270); none: overflow. */
static int make_room(struct scr3270 *s, int addr)
{
    int last = field_last(s, addr), a = addr;
    while (s->buf[a].ch && a != last) a = inc(s, a);
    if (s->buf[a].ch) return lock(s, SCR_LOCK_OVERFLOW);
    for (; a != addr; a = dec(s, a)) s->buf[a] = s->buf[dec(s, a)];
    return 0;
}

int scr3270_key_char(struct scr3270 *s, uint8_t c)
{
    int a = s->cursor, attr = scr3270_field_attr(s, a, NULL);
    if (s->lock) return -1;
    if (is_prot(s, a)) return lock(s, SCR_LOCK_PROT);
    if (attr >= 0 && (attr & SCR_FA_NUM) && !numeric_ok(c)) return lock(s, SCR_LOCK_NUM);
    if (s->insert && make_room(s, a)) return -1;
    s->buf[a] = (struct scr3270_cell){ .ch = c };
    set_mdt(s, a);
    a = inc(s, a);
    /* Onto an autoskip (protected numeric) attribute: on to the next field. */
    if (s->buf[a].fa && (s->buf[a].ch & (SCR_FA_PROT | SCR_FA_NUM)) == (SCR_FA_PROT | SCR_FA_NUM))
        a = next_unprot(s, a);
    s->cursor = a;
    return 0;
}

int scr3270_key_delete(struct scr3270 *s)
{
    int a = s->cursor, last;
    if (s->lock) return -1;
    if (is_prot(s, a)) return lock(s, SCR_LOCK_PROT);
    last = field_last(s, a);
    for (; a != last; a = inc(s, a)) s->buf[a] = s->buf[inc(s, a)];
    s->buf[last] = (struct scr3270_cell){0};
    set_mdt(s, s->cursor);
    return 0;
}

int scr3270_key_erase(struct scr3270 *s)
{
    int p = dec(s, s->cursor);
    if (s->lock) return -1;
    if (s->buf[p].fa) return 0;         /* at the field's start: nothing to erase */
    if (is_prot(s, p)) return lock(s, SCR_LOCK_PROT);
    s->cursor = p;
    return scr3270_key_delete(s);
}

int scr3270_key_eraseeof(struct scr3270 *s)
{
    int a = s->cursor, last;
    if (s->lock) return -1;
    if (is_prot(s, a)) return lock(s, SCR_LOCK_PROT);
    last = field_last(s, a);
    for (;; a = inc(s, a)) {
        s->buf[a] = (struct scr3270_cell){0};
        if (a == last) break;
    }
    set_mdt(s, s->cursor);
    return 0;
}

void scr3270_key_eraseinput(struct scr3270 *s)
{
    enum scr3270_lock l = s->lock;
    uint8_t aid = s->aid;
    if (l) return;
    erase_unprotected(s);
    s->aid = aid;
}

void scr3270_key_tab(struct scr3270 *s)
{
    s->cursor = s->formatted ? next_unprot(s, s->cursor) : 0;
}

void scr3270_key_backtab(struct scr3270 *s)
{
    int n = scr3270_size(s);
    if (!s->formatted) { s->cursor = 0; return; }
    for (int i = 1; i <= n; i++) {
        int p = ((s->cursor - i) % n + n) % n, q = dec(s, p);
        if (!s->buf[p].fa && s->buf[q].fa && !(s->buf[q].ch & SCR_FA_PROT)) {
            s->cursor = p;
            return;
        }
    }
    s->cursor = 0;
}

void scr3270_key_home(struct scr3270 *s)
{
    s->cursor = s->formatted ? next_unprot(s, scr3270_size(s) - 1) : 0;
}

/* End (x3270's FieldEnd): after the last character of the current input
   field, or on its last position if it is full. */
void scr3270_key_end(struct scr3270 *s)
{
    int fa = -1, attr = scr3270_field_attr(s, s->cursor, &fa);
    if (attr >= 0 && ((attr & SCR_FA_PROT) || fa == s->cursor)) return;
    int first = attr < 0 ? 0 : inc(s, fa), last = field_last(s, s->cursor), end = first;
    for (int a = first; ; a = inc(s, a)) {
        if (s->buf[a].ch) end = a == last ? last : inc(s, a);
        if (a == last) break;
    }
    s->cursor = end;
}

/* New Line: the next row's first position if it is in an unprotected field,
   otherwise the next unprotected field from there (x3270's rule). */
void scr3270_key_newline(struct scr3270 *s)
{
    int a = (s->cursor / s->cols + 1) % s->rows * s->cols, fa;
    if (!s->formatted) { s->cursor = a; return; }
    int attr = scr3270_field_attr(s, a, &fa);
    s->cursor = (fa != a && !(attr & SCR_FA_PROT)) ? a : next_unprot(s, a);
}

void scr3270_key_move(struct scr3270 *s, int drow, int dcol)
{
    int n = scr3270_size(s);
    int a = s->cursor + drow * s->cols + dcol;
    s->cursor = ((a % n) + n) % n;
}

void scr3270_set_cursor(struct scr3270 *s, int addr)
{
    if (addr >= 0 && addr < scr3270_size(s)) s->cursor = addr;
}

/* Reset unlocks the keyboard whatever locked it (as c3270 does; a real
   3278 keeps X SYSTEM until the host answers) and ends insert mode. */
void scr3270_key_reset(struct scr3270 *s)
{
    s->lock = SCR_LOCK_NONE;
    s->insert = 0;
    s->alarm = 0;
}

/* ---- rendering ---- */

void scr3270_view(const struct scr3270 *s, struct scr3270_view *v)
{
    int n = scr3270_size(s);
    int fa = 0, attr = scr3270_field_attr(s, n - 1, &fa), fa_color = 0, fa_hilite = 0;
    if (attr < 0) attr = 0;
    else {
        fa_color = s->buf[fa].color;
        fa_hilite = s->buf[fa].hilite;
    }
    for (int a = 0; a < n; a++) {
        const struct scr3270_cell *c = &s->buf[a];
        struct scr3270_view *o = &v[a];
        if (c->fa) {
            attr = c->ch;
            fa_color = c->color;
            fa_hilite = c->hilite;
        }
        o->fa = c->fa;
        o->prot = (attr & SCR_FA_PROT) != 0;
        o->numeric = (attr & SCR_FA_NUM) != 0;
        o->intens = (attr & SCR_FA_DISPMASK) == SCR_FA_INTENS;
        o->nondisp = (attr & SCR_FA_DISPMASK) == SCR_FA_NONDISP;
        o->mdt = (attr & SCR_FA_MDT) != 0;
        o->color = c->color ? c->color : (uint8_t)fa_color;
        o->hilite = c->hilite ? c->hilite : (uint8_t)fa_hilite;
        if (c->fa || o->nondisp || c->ch == 0) o->ch = ' ';
        else if (c->ch == 0x1C) o->ch = '*';       /* DUP */
        else if (c->ch == 0x1E) o->ch = ';';       /* FM */
        else {
            unsigned char l = ebcdic_dec(c->ch);
            o->ch = (char)((l < 0x20 || (l >= 0x7F && l < 0xA0)) ? ' ' : l);
        }
    }
}

void scr3270_row_text(const struct scr3270 *s, int row, char *out)
{
    struct scr3270_view one[SCR3270_MAXSIZE];
    scr3270_view(s, one);
    for (int c = 0; c < s->cols; c++) out[c] = one[row * s->cols + c].ch;
    out[s->cols] = 0;
}
