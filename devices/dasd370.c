/*
 * dasd370.c - the volume tool build/dasd370: make CKD volumes (with the
 * track 0 Hercules' dasdinit writes), show and dump them, and write a
 * standalone program as an IPL program onto a volume, a card deck or an
 * AWSTAPE tape (devices/iplmedia.c does the layouts). docs/dasd370.md is
 * the user's description.
 *
 * Exit status: 0 done, 1 the image or a file is bad or cannot be written
 * (nothing is written then), 2 bad arguments.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "channel.h"
#include "ckd.h"
#include "iplmedia.h"

#define MAX_PROGRAM (16u << 20)

static const char usage[] =
    "usage: dasd370 init FILE TYPE VOLSER [CYLS] [--raw]   make a volume (TYPE 2314 3330 3340 3350 3380)\n"
    "       dasd370 show FILE                         type, geometry and volume serial\n"
    "       dasd370 dump FILE CYL HEAD                the records of one track\n"
    "       dasd370 ipl FILE PROGRAM [--load ADDR] [--psw PSW16]     make the volume IPL PROGRAM\n"
    "       dasd370 deck PROGRAM DECK [--load ADDR] [--psw PSW16] [--data TEXT]   IPL card deck\n"
    "       dasd370 tape PROGRAM TAPE [--load ADDR] [--psw PSW16]    IPL tape (AWSTAPE)\n";

static int fail(const char *msg)
{
    fprintf(stderr, "dasd370: %s\n", msg);
    return 1;
}

static int bad_usage(const char *msg)
{
    fprintf(stderr, "dasd370: %s\n%s", msg, usage);
    return 2;
}

static bool parse_uint(const char *s, int base, unsigned long max, unsigned long *v)
{
    char *end;
    errno = 0;
    *v = strtoul(s, &end, base);
    return *s && !errno && !*end && *v <= max && s[0] != '-';
}

/* ---------------------------------------------------------------------- */
/* Reading volumes.                                                        */

/* From track 0: the volume serial of VOL1 (R3), or "", and the IPL PSW
   of IPL1 (R1), or "". */
static void label_of(struct ckd *k, char volser[7], char psw[18])
{
    struct ckd_info in;
    ckd_info(k, &in);
    volser[0] = psw[0] = 0;
    const uint8_t *t = ckd_track(k, 0, 0);
    unsigned pos = 0;
    struct ckd_rec r;
    bool end;
    while (t && ckd_next_record(t, in.trksize, &pos, &r, &end) && !end) {
        if (r.rec == 1 && r.dlen >= 24) {
            const uint8_t *d = r.data;
            snprintf(psw, 18, "%02X%02X%02X%02X %02X%02X%02X%02X", d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]);
        }
        if (r.rec == 3 && r.dlen >= 10 && !memcmp(r.data, "\xE5\xD6\xD3\xF1", 4)) {
            for (int i = 0; i < 6; i++) volser[i] = (char)ebcdic_to_ascii[r.data[4 + i]];
            volser[6] = 0;
            for (int i = 5; i >= 0 && volser[i] == ' '; i--) volser[i] = 0;
        }
    }
}

static struct ckd *open_volume(const char *file, bool readonly)
{
    char err[512];
    struct ckd *k = ckd_open(file, readonly, err, sizeof err);
    if (!k) fail(err);
    return k;
}

static int cmd_show(int argc, char **argv)
{
    if (argc != 1) return bad_usage("show wants FILE");
    struct ckd *k = open_volume(argv[0], true);
    if (!k) return 1;
    struct ckd_info in;
    ckd_info(k, &in);
    char volser[7], psw[18];
    label_of(k, volser, psw);
    printf("file: %s\ntype: %s\ncylinders: %u\nheads: %u\ntrack size: %u\nmaximum record: %u\n"
           "volser: %s\nipl psw: %s\n", argv[0], in.type, in.cyls, in.heads, in.trksize, in.maxlen,
           volser[0] ? volser : "(no VOL1 label)", psw[0] ? psw : "(no IPL record)");
    if (in.leftover)
        printf("warning: %lld bytes after the last whole cylinder (a truncated image)\n", in.leftover);
    ckd_close_volume(k);
    return 0;
}

/* Hex and EBCDIC, 32 bytes a line. */
static void hexdump(const char *what, const uint8_t *p, unsigned len)
{
    for (unsigned off = 0; off < len; off += 32) {
        printf("    %-4s %04X ", off ? "" : what, off);
        char text[33];
        unsigned n = len - off < 32 ? len - off : 32;
        for (unsigned i = 0; i < 32; i++) {
            if (i < n) printf("%02X", p[off + i]);
            else printf("  ");
            if (i % 4 == 3) putchar(' ');
            uint8_t c = i < n ? ebcdic_to_ascii[p[off + i]] : ' ';
            text[i] = isprint(c) && c < 0x7F ? (char)c : '.';
        }
        text[n] = 0;
        printf(" %s\n", text);
    }
}

static int cmd_dump(int argc, char **argv)
{
    if (argc != 3) return bad_usage("dump wants FILE CYL HEAD");
    unsigned long cyl, head;
    if (!parse_uint(argv[1], 10, 65535, &cyl) || !parse_uint(argv[2], 10, 255, &head))
        return bad_usage("CYL and HEAD are decimal numbers");
    struct ckd *k = open_volume(argv[0], true);
    if (!k) return 1;
    struct ckd_info in;
    ckd_info(k, &in);
    const uint8_t *t = ckd_track(k, (unsigned)cyl, (unsigned)head);
    if (!t) {
        fprintf(stderr, "dasd370: %s has cylinders 0-%u and heads 0-%u; cannot read cylinder %lu head %lu\n",
                argv[0], in.cyls - 1, in.heads - 1, cyl, head);
        ckd_close_volume(k);
        return 1;
    }
    printf("cylinder %lu head %lu: home address %02X %02X%02X %02X%02X\n", cyl, head, t[0], t[1], t[2],
           t[3], t[4]);
    unsigned pos = 0;
    struct ckd_rec r;
    bool end = false, ok;
    while ((ok = ckd_next_record(t, in.trksize, &pos, &r, &end)) && !end) {
        printf("R%-3u count %04X %04X %02X %02X %04X  (key %u, data %u)%s\n", r.rec, r.cyl, r.head, r.rec,
               r.klen, r.dlen, r.klen, r.dlen, r.overflow ? " track overflow: goes on on the next head" : "");
        if (r.klen) hexdump("key", r.key, r.klen);
        if (r.dlen) hexdump("data", r.data, r.dlen);
    }
    int rc = 0;
    if (ok) printf("end of track at offset %u of %u\n", pos ? pos : CKD_HA_LEN, in.trksize);
    else rc = fail("the track is damaged: a record runs off its end");
    ckd_close_volume(k);
    return rc;
}

/* ---------------------------------------------------------------------- */
/* Writing volumes.                                                        */

static int cmd_init(int argc, char **argv)
{
    bool raw = false;
    char *pos[4];
    int n = 0;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--raw")) raw = true;
        else if (n < 4) pos[n++] = argv[i];
        else return bad_usage("init: too many arguments");
    }
    if (n < 3) return bad_usage("init wants FILE TYPE VOLSER [CYLS]");
    unsigned long cyls = 0;
    if (n == 4 && (!parse_uint(pos[3], 10, 65535, &cyls) || cyls == 0))
        return bad_usage("CYLS is a number of cylinders from 1 to 65535");
    struct stat sb;
    if (!stat(pos[0], &sb)) {
        fprintf(stderr, "dasd370: %s exists: not overwritten (remove it first)\n", pos[0]);
        return 1;
    }
    char err[512];
    size_t vl = strlen(pos[2]);
    if (vl < 1 || vl > 6) return bad_usage("VOLSER is 1 to 6 characters");
    if (!ckd_create(pos[0], pos[1], (unsigned)cyls, err, sizeof err)) {
        remove(pos[0]);
        return fail(err);
    }
    struct ckd *k = open_volume(pos[0], false);
    bool ok = k && (raw || ipl_label_volume(k, pos[2], err, sizeof err));
    if (k && !ckd_close_volume(k)) ok = false;
    if (!ok) {
        if (k) fail(err);
        remove(pos[0]);
        return 1;
    }
    return 0;
}

/* Program options shared by ipl, deck and tape; sets *data for deck. */
static bool program_options(int argc, char **argv, struct iplprog *p, bool *psw_given,
                            const char **data, const char **why)
{
    unsigned long v;
    for (int i = 0; i < argc; i++) {
        const char *o = argv[i];
        if (i + 1 >= argc) return *why = "an option wants a value", false;
        const char *a = argv[++i];
        if (!strcmp(o, "--load")) {
            if (!parse_uint(a, 16, 0xFFFFFF, &v)) return *why = "--load wants a hexadecimal address", false;
            p->load = (uint32_t)v;
        } else if (!strcmp(o, "--psw")) {
            if (strlen(a) != 16) return *why = "--psw wants 16 hexadecimal digits", false;
            for (int j = 0; j < 8; j++) {
                char b[3] = { a[2 * j], a[2 * j + 1], 0 };
                if (!isxdigit((unsigned char)b[0]) || !isxdigit((unsigned char)b[1]))
                    return *why = "--psw wants 16 hexadecimal digits", false;
                p->psw[j] = (uint8_t)strtoul(b, NULL, 16);
            }
            *psw_given = true;
        } else if (!strcmp(o, "--data") && data) {
            *data = a;
        } else {
            return *why = "unknown option", false;
        }
    }
    return true;
}

/* Read the program file and settle the PSW: --psw, else the program's own
   first 8 bytes when it loads at 0, else a disabled PSW at the load address. */
static uint8_t *load_program(const char *file, struct iplprog *p, bool psw_given)
{
    FILE *f = fopen(file, "rb");
    if (!f) {
        fprintf(stderr, "dasd370: cannot open %s: %s\n", file, strerror(errno));
        return NULL;
    }
    uint8_t *buf = malloc(MAX_PROGRAM + 1);
    size_t n = buf ? fread(buf, 1, MAX_PROGRAM + 1, f) : 0;
    bool err = ferror(f);
    fclose(f);
    const char *why = err ? "cannot be read" : n == 0 ? "is empty" : n > MAX_PROGRAM ? "is larger than 16 MB" : NULL;
    if (!why && !psw_given && p->load > 0 && p->load < 8) why = "loads inside the IPL PSW: give --psw";
    if (!why && !psw_given && p->load == 0 && n < 8) why = "is shorter than a PSW: give --psw";
    if (why) {
        fprintf(stderr, "dasd370: %s %s\n", file, why);
        free(buf);
        return NULL;
    }
    p->data = buf;
    p->size = n;
    if (!psw_given) {
        if (p->load == 0) memcpy(p->psw, buf, 8);
        else ipl_default_psw(p->psw, p->load);
    }
    return buf;
}

static int cmd_ipl(int argc, char **argv)
{
    if (argc < 2) return bad_usage("ipl wants FILE PROGRAM");
    struct iplprog p = { 0 };
    bool psw_given = false;
    const char *why;
    if (!program_options(argc - 2, argv + 2, &p, &psw_given, NULL, &why)) return bad_usage(why);
    struct ckd *k = open_volume(argv[0], false);
    if (!k) return 1;
    struct ckd_info in;
    ckd_info(k, &in);
    if (in.leftover) {
        ckd_close_volume(k);
        fprintf(stderr, "dasd370: %s is truncated (%lld bytes after the last whole cylinder): not "
                "written\n", argv[0], in.leftover);
        return 1;
    }
    uint8_t *buf = load_program(argv[1], &p, psw_given);
    char err[512];
    bool ok = buf && ipl_write_volume(&p, k, err, sizeof err);
    if (buf && !ok) fail(err);
    if (!ckd_close_volume(k) && ok) ok = !fail("cannot sync the image");
    free(buf);
    return ok ? 0 : 1;
}

static int cmd_deck_or_tape(int argc, char **argv, bool deck)
{
    if (argc < 2) return bad_usage(deck ? "deck wants PROGRAM DECK" : "tape wants PROGRAM TAPE");
    struct iplprog p = { 0 };
    bool psw_given = false;
    const char *why, *data = NULL;
    if (!program_options(argc - 2, argv + 2, &p, &psw_given, deck ? &data : NULL, &why))
        return bad_usage(why);
    FILE *df = NULL;
    if (data && !(df = fopen(data, "r"))) {
        fprintf(stderr, "dasd370: cannot open %s: %s\n", data, strerror(errno));
        return 1;
    }
    uint8_t *buf = load_program(argv[0], &p, psw_given);
    char err[512];
    bool ok = buf && (deck ? ipl_write_deck(&p, argv[1], df, err, sizeof err)
                           : ipl_write_tape(&p, argv[1], err, sizeof err));
    if (buf && !ok) fail(err);
    if (df) fclose(df);
    free(buf);
    return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc < 2) return bad_usage("no command");
    const char *c = argv[1];
    if (!strcmp(c, "init")) return cmd_init(argc - 2, argv + 2);
    if (!strcmp(c, "show")) return cmd_show(argc - 2, argv + 2);
    if (!strcmp(c, "dump")) return cmd_dump(argc - 2, argv + 2);
    if (!strcmp(c, "ipl")) return cmd_ipl(argc - 2, argv + 2);
    if (!strcmp(c, "deck")) return cmd_deck_or_tape(argc - 2, argv + 2, true);
    if (!strcmp(c, "tape")) return cmd_deck_or_tape(argc - 2, argv + 2, false);
    if (!strcmp(c, "-h") || !strcmp(c, "--help") || !strcmp(c, "help")) {
        fputs(usage, stdout);
        return 0;
    }
    return bad_usage("unknown command");
}
