/*
 * unitrec.h - what the unit record devices (card reader, punch, printer)
 * share: their host file and its options.
 */
#ifndef S370_UNITREC_H
#define S370_UNITREC_H
#include "channel.h"

/* Parse the common options; returns false with a message for an unknown one. */
bool ur_options(int argc, char **argv, bool *ascii, bool *flag, const char *flagname,
                char *err, size_t errsize);

#endif
