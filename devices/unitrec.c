/*
 * unitrec.c - option parsing shared by the unit record devices, with
 * Hercules' option words (docs/operator.md).
 */
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "unitrec.h"

/* Hercules options that change nothing here (trunc and autopad: lines are
   always truncated at 80 columns and records padded). */
static bool harmless(const char *o, char cls)
{
    static const char *const rdr[] = { "trunc", "autopad", NULL };
    static const char *const prt[] = { "fcbcheck", "nofcbcheck", "browse", "print", NULL };
    static const char *const prt_eq[] = { "fcb=", "index=", "lpi=", "lpp=", NULL };
    for (const char *const *w = cls == 'r' ? rdr : cls == 'l' ? prt : rdr + 2; *w; w++)
        if (!strcasecmp(o, *w)) return true;
    if (cls == 'l')
        for (const char *const *w = prt_eq; *w; w++)
            if (!strncasecmp(o, *w, strlen(*w))) return true;
    return false;
}

static bool option(const char *o, char cls, struct ur_opts *op, bool *warn)
{
    *warn = false;
    if (!strcasecmp(o, "ascii")) op->ascii = true, op->ebcdic = false;
    else if (!strcasecmp(o, "ebcdic") || !strcasecmp(o, "binary") || !strcasecmp(o, "raw"))
        op->ebcdic = true, op->ascii = false;
    else if (cls == 'r' && !strcasecmp(o, "eof")) op->eof = true;
    else if (cls == 'r' && !strcasecmp(o, "intrq")) op->eof = false;
    else if (cls == 'r' && !strcasecmp(o, "multifile")) op->multifile = true;
    else if (cls != 'r' && !strcasecmp(o, "crlf")) op->crlf = true;
    else if (cls != 'r' && !strcasecmp(o, "noclear")) op->noclear = true;
    else if (harmless(o, cls)) return true;
    else if (!strcasecmp(o, "sockdev")) op->sockdev = *warn = true;
    else if (cls == 'l' && !strcasecmp(o, "rawcc")) *warn = true;
    else return false;
    return true;
}

int ur_parse(int argc, char **argv, char cls, struct ur_opts *o, char *err, size_t errsize)
{
    int nfiles = 0;
    memset(o, 0, sizeof *o);
    for (int i = 0; i < argc; i++) {
        bool warn;
        const char *w = argv[i];
        if (option(w, cls, o, &warn)) {
            if (warn) snprintf(err, errsize, "option %s is not supported here: ignored", w);
            continue;
        }
        /* A word that is not an option is a file name (a reader takes
           several); a word after the first file that is no file and does
           not look like one is a mistyped option, and named as one. */
        bool filelike = strchr(w, '/') || strchr(w, '.') || !strcmp(w, "*") || access(w, F_OK) == 0;
        if (nfiles > 0 && (cls != 'r' || !filelike)) {
            snprintf(err, errsize, "unknown option %s", w);
            return -1;
        }
        char *t = argv[nfiles];
        argv[nfiles++] = argv[i];
        argv[i] = t;
    }
    return nfiles;
}
