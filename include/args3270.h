/*
 * args3270.h - the arguments Hercules users give a 3270 (and a telnet 3215)
 * device line, parsed once for the device types (devices/args3270.c):
 *
 *   CUU 3270 [MOD2|MOD3|MOD4|MOD5] [GROUP|*] [IPADDR [MASK]]
 *
 * MODn is the model (screen size) the device presents and may stand
 * anywhere; GROUP is a terminal group name (1-15 letters, digits, '_', '-'
 * or '$', starting with a letter, not a hexadecimal number: Hercules takes
 * 1-8) that a client asks for as IBM-3278@GROUP; IPADDR and MASK limit
 * which clients may connect, as Hercules does, whatever group or device
 * the client names. '*' stands for no group.
 */
#ifndef S370_ARGS3270_H
#define S370_ARGS3270_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct args3270 {
    unsigned model;      /* 2-5; 0 when not given */
    char group[16];      /* upper case; "" when none */
    bool have_ip;
    uint32_t ip, mask;   /* host byte order; mask 255.255.255.255 by default */
};

bool args3270_parse(int argc, char **argv, struct args3270 *a, char *err, size_t errsize);
/* May a client at address ip (host order) asking for group (NULL or "":
   none) use it? The address must match the restriction in every case; a
   device with a group waits for clients that name it. */
bool args3270_allows(const struct args3270 *a, uint32_t ip, const char *group);

#endif
