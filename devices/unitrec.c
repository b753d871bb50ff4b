/*
 * unitrec.c - option parsing shared by the unit record devices.
 */
#include <string.h>
#include <strings.h>
#include "unitrec.h"

bool ur_options(int argc, char **argv, bool *ascii, bool *flag, const char *flagname,
                char *err, size_t errsize)
{
    for (int i = 0; i < argc; i++) {
        const char *o = argv[i];
        if (!strcasecmp(o, "ascii")) *ascii = true;
        else if (!strcasecmp(o, "ebcdic") || !strcasecmp(o, "binary") || !strcasecmp(o, "raw")) *ascii = false;
        else if (flag && !strcasecmp(o, flagname)) *flag = true;
        else if (flag && !strcmp(flagname, "eof") && !strcasecmp(o, "intrq")) *flag = false;
        else if (!strcasecmp(o, "crlf") || !strcasecmp(o, "trunc") || !strcasecmp(o, "autopad")) continue;
        else {
            snprintf(err, errsize, "unknown option %s", o);
            return false;
        }
    }
    return true;
}
