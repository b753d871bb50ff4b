/*
 * devtab.c - the device types a configuration line can name.
 */
#include <string.h>
#include <strings.h>
#include "channel.h"

static const struct devtype devtypes[] = {
    { "3505", 0x3505, cardrdr_attach },
    { "2540R", 0x2540, cardrdr_attach },
    { "3525", 0x3525, punch_attach },
    { "2540P", 0x2540, punch_attach },
    { "1403", 0x1403, printer_attach },
    { "3211", 0x3211, printer_attach },
    { "2314", 0x2314, ckd_attach },
    { "3330", 0x3330, ckd_attach },
    { "3340", 0x3340, ckd_attach },
    { "3350", 0x3350, ckd_attach },
    { "3380", 0x3380, ckd_attach },
    { "3420", 0x3420, tape_attach },
    { "3215", 0x3215, con3215_attach },
    { "1052", 0x1052, con3215_attach },
    { "3270", 0x3270, dev3270_attach },
    { "3277", 0x3277, dev3270_attach },
    { "3278", 0x3278, dev3270_attach },
    { "3279", 0x3279, dev3270_attach },
    { "3215-C", 0x3215, con3215_attach },   /* Hercules' integrated console */
    { "1052-C", 0x1052, con3215_attach },
    { "TESTDEV", 0x0001, testdev_attach },
    { NULL, 0, NULL },
};

const struct devtype *devtype_find(const char *name)
{
    for (const struct devtype *t = devtypes; t->name; t++)
        if (!strcasecmp(t->name, name)) return t;
    return NULL;
}
