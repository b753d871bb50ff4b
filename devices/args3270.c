/*
 * args3270.c - the arguments of a 3270 device line (include/args3270.h),
 * with Hercules' rules for terminal groups and client addresses.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "args3270.h"

static bool is_group(const char *s)
{
    size_t n = strlen(s);
    bool hex = true;
    if (n < 1 || n > 15 || !isalpha((unsigned char)s[0])) return false;
    for (size_t i = 0; i < n; i++) {
        if (!isalnum((unsigned char)s[i]) && !strchr("_-$", s[i])) return false;
        if (!isxdigit((unsigned char)s[i])) hex = false;
    }
    return !hex;
}

static bool ipv4(const char *s, uint32_t *out)
{
    struct in_addr a;
    if (inet_pton(AF_INET, s, &a) != 1) return false;
    *out = ntohl(a.s_addr);
    return true;
}

bool args3270_parse(int argc, char **argv, struct args3270 *a, char *err, size_t errsize)
{
    memset(a, 0, sizeof *a);
    a->mask = 0xFFFFFFFFu;
    int i = 0;
    for (int j = 0; j < argc; j++)   /* MODn may stand anywhere */
        if (!strncasecmp(argv[j], "MOD", 3) && argv[j][3] >= '2' && argv[j][3] <= '5' && !argv[j][4]) {
            a->model = (unsigned)(argv[j][3] - '0');
            for (int k = j; k + 1 < argc; k++) argv[k] = argv[k + 1];
            argc--, j--;
        }
    if (i < argc && (!strcmp(argv[i], "*") || is_group(argv[i]))) {
        if (strcmp(argv[i], "*"))
            for (size_t k = 0; argv[i][k]; k++) a->group[k] = (char)toupper((unsigned char)argv[i][k]);
        i++;
    }
    if (i < argc) {
        if (!ipv4(argv[i], &a->ip)) {
            snprintf(err, errsize, "%s is not a terminal group name, a model (MOD2-MOD5) or an IP address",
                     argv[i]);
            return false;
        }
        a->have_ip = true;
        if (++i < argc && !ipv4(argv[i++], &a->mask)) {
            snprintf(err, errsize, "%s is not a subnet mask", argv[i - 1]);
            return false;
        }
    }
    if (i < argc) {
        snprintf(err, errsize, "unexpected argument %s", argv[i]);
        return false;
    }
    return true;
}

bool args3270_allows(const struct args3270 *a, uint32_t ip, const char *group)
{
    if (a->have_ip && (ip & a->mask) != (a->ip & a->mask)) return false;
    if (group && *group) return !strcasecmp(group, a->group);
    return !a->group[0];   /* a group's devices wait for clients that name it */
}
