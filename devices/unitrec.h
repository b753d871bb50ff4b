/*
 * unitrec.h - what the unit record devices (card reader, punch, printer)
 * share: their host files and the options Hercules users give them.
 */
#ifndef S370_UNITREC_H
#define S370_UNITREC_H
#include "channel.h"

struct ur_opts {
    bool ascii, ebcdic;       /* the file's format, if given */
    bool eof;                 /* reader: unit exception at the end of the deck */
    bool multifile;           /* reader: go on with the next file at the end of one */
    bool crlf;                /* punch, printer: lines end with CR LF */
    bool noclear;             /* punch, printer: append to the file */
    bool sockdev;             /* the "file" is a socket (not supported here) */
};

/* Sort a device line's words into file names (moved to the front, their
   count returned) and options. cls is 'r' (reader), 'p' (punch) or 'l'
   (printer). Options Hercules knows for the class but this machine does
   not need are accepted with a warning in err; an unknown one returns -1
   with a message in err. */
int ur_parse(int argc, char **argv, char cls, struct ur_opts *o, char *err, size_t errsize);

#endif
