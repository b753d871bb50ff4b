/* devtest.c - helpers of the device, configuration and console tests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "devtest.h"
#include "machine.h"

#define SIO 0x9C00
#define TIO 0x9D00

static char tmpdir[64];

void t_tmp_make(void)
{
    strcpy(tmpdir, "/tmp/s370testXXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

void t_tmp_remove(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    ck_assert_int_eq(system(cmd), 0);
}

const char *t_tmpdir(void)
{
    return tmpdir;
}

const char *t_path(const char *name)
{
    static char buf[4][160];
    static int n;
    char *p = buf[n++ & 3];
    snprintf(p, sizeof buf[0], "%s/%s", tmpdir, name);
    return p;
}

void t_write_file(const char *file, const void *data, size_t len)
{
    FILE *f = fopen(file, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(data, 1, len, f), len);
    fclose(f);
}

size_t t_read_file(const char *file, char *buf, size_t size)
{
    FILE *f = fopen(file, "rb");
    ck_assert_ptr_nonnull(f);
    size_t n = fread(buf, 1, size - 1, f);
    buf[n] = 0;
    fclose(f);
    return n;
}

struct device *t_attach(struct chsys *cs, uint16_t addr, const char *type, int argc, char **argv,
                        char *warn)
{
    char err[512] = "";
    const struct devtype *t = devtype_find(type);
    ck_assert_ptr_nonnull(t);
    ck_assert_msg(t->attach(cs, addr, t->type, argc, argv, err, sizeof err), "%s", err);
    if (warn) strcpy(warn, err);
    return chsys_find(cs, addr);
}

int t_ccw_start(struct cpu *c, struct chsys *cs, uint16_t addr, const char *ccws)
{
    t_put(c, 0x100, ccws);
    t_set4(c, PSA_CAW, 0x100);
    ck_assert_int_eq(chsys_instruction(cs, c, SIO, addr), 0);
    c->insns += 1000;
    chsys_poll(cs, c, false);
    return chsys_instruction(cs, c, TIO, addr);
}

uint64_t t_ccw(struct cpu *c, struct chsys *cs, uint16_t addr, const char *ccws)
{
    ck_assert_int_eq(t_ccw_start(c, cs, addr, ccws), 1);
    return t_get8(c, PSA_CSW);
}

char *t_command(struct machine *m, const char *line)
{
    char *out;
    size_t n;
    FILE *f = open_memstream(&out, &n);
    console_command(m, line, f);
    fclose(f);
    return out;
}

char *t_script(struct machine *m, const char *cmds)
{
    int p[2];
    ck_assert_int_eq(pipe(p), 0);
    ck_assert_int_eq(write(p[1], cmds, strlen(cmds)), (ssize_t)strlen(cmds));
    close(p[1]);
    char *out;
    size_t n;
    FILE *o = open_memstream(&out, &n);
    volatile int stop = 0;
    console_loop(m, p[0], o, &stop);
    fclose(o);
    close(p[0]);
    return out;
}
