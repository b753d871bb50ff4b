/* The channel subsystem: channel programs against the test device.
   Expected CSWs are worked out from PoO chapter 12: the CCW address in the
   CSW is that of the last CCW used plus 8; the count is the residual count
   of that CCW. */
#include "harness.h"
#include "channel.h"
#include "testdev.h"

#define DEV 0x0E0
#define SIO 0x9C00
#define TIO 0x9D00
#define CLRIO 0x9D01
#define HIO 0x9E00
#define TCH 0x9F00
#define STIDC 0xB203

struct rig {
    struct cpu *c;
    struct chsys *cs;
    struct device *d;
    struct testdev *t;
};

static struct rig rig(void)
{
    struct rig r;
    r.c = t_cpu();
    r.cs = chsys_new(r.c);
    r.d = testdev_add(r.cs, DEV);
    r.t = testdev_of(r.d);
    for (unsigned i = 0; i < sizeof r.t->data; i++) r.t->data[i] = (uint8_t)(i + 1);
    r.t->len = 80;
    return r;
}

static void done(struct rig *r)
{
    chsys_free(r->cs);
    cpu_free(r->c);
}

static int io(struct rig *r, unsigned op, uint32_t addr) { return chsys_instruction(r->cs, r->c, op, addr); }

/* Let time pass until the device events have run. */
static void settle(struct rig *r)
{
    r->c->insns += 10000;
    chsys_poll(r->cs, r->c, false);
}

/* Start the program at 0x100 (CAW key 0), let it run, take its interruption
   with all channels enabled; returns the CSW. */
static uint64_t run_prog(struct rig *r, const char *ccws)
{
    t_put(r->c, 0x100, ccws);
    t_set4(r->c, PSA_CAW, 0x100);
    ck_assert_int_eq(io(r, SIO, DEV), 0);
    settle(r);
    r->c->psw.sysmask = 0xFF;
    uint16_t dev = 0;
    ck_assert(chsys_interrupt(r->cs, r->c, &dev));
    ck_assert_uint_eq(dev, DEV);
    return t_get8(r->c, PSA_CSW);
}

START_TEST(read_exact_count)
{
    struct rig r = rig();
    uint64_t csw = run_prog(&r, "02001000 00000050");
    ck_assert_uint_eq(csw, 0x000001080C000000ull);   /* CE DE, residual 0 */
    ck_assert_uint_eq(r.c->mem[0x1000], 1);
    ck_assert_uint_eq(r.c->mem[0x104F], 80);
    ck_assert_uint_eq(r.c->mem[0x1050], 0);
    ck_assert(!(r.c->intr & INTR_IO));
    done(&r);
}
END_TEST

/* count, flags, expected CSW status+residual (bytes 4-7). */
static const struct { const char *ccw; uint32_t tail; } il_cases[] = {
    { "02001000 00000028", 0x0C400000 },  /* short: device had more, IL */
    { "02001000 00000064", 0x0C400014 },  /* long: 20 left over, IL */
    { "02001000 20000028", 0x0C000000 },  /* SLI suppresses IL */
    { "02001000 20000064", 0x0C000014 },
    { "03001000 00000001", 0x0C000001 },  /* immediate command: no IL */
};

START_TEST(incorrect_length)
{
    struct rig r = rig();
    uint64_t csw = run_prog(&r, il_cases[_i].ccw);
    ck_assert_uint_eq((uint32_t)csw, il_cases[_i].tail);
    ck_assert_uint_eq(csw >> 32, 0x108);
    done(&r);
}
END_TEST

START_TEST(data_chaining_scatters)
{
    struct rig r = rig();
    uint64_t csw = run_prog(&r, "02001000 80000032 00002000 0000001E");
    ck_assert_uint_eq(csw, 0x000001100C000000ull);
    ck_assert_uint_eq(r.c->mem[0x1031], 50);
    ck_assert_uint_eq(r.c->mem[0x1032], 0);
    ck_assert_uint_eq(r.c->mem[0x2000], 51);
    ck_assert_uint_eq(r.c->mem[0x201D], 80);
    done(&r);
}
END_TEST

START_TEST(data_chain_left_over_is_incorrect_length)
{
    struct rig r = rig();
    uint64_t csw = run_prog(&r, "02001000 80000050 00002000 0000001E");
    /* The device ended with the first CCW's count exhausted but a data
       chain still to go: incorrect length, in the first CCW. */
    ck_assert_uint_eq(csw, 0x000001080C400000ull);
    done(&r);
}
END_TEST

START_TEST(command_chaining_and_write)
{
    struct rig r = rig();
    t_put(r.c, 0x1000, "C1C2C3");
    uint64_t csw = run_prog(&r, "01001000 40000003 02002000 20000010");
    ck_assert_uint_eq(csw, 0x000001100C000000ull);
    ck_assert_uint_eq(r.t->wlen, 3);
    ck_assert_uint_eq(r.t->written[2], 0xC3);
    ck_assert_uint_eq(r.t->commands, 2);
    done(&r);
}
END_TEST

START_TEST(skip_stores_nothing)
{
    struct rig r = rig();
    uint64_t csw = run_prog(&r, "02001000 10000050");
    ck_assert_uint_eq(csw, 0x000001080C000000ull);
    ck_assert_uint_eq(r.c->mem[0x1000], 0);
    done(&r);
}
END_TEST

START_TEST(tic_continues_chain)
{
    struct rig r = rig();
    t_put(r.c, 0x200, "02001000 00000050");
    uint64_t csw = run_prog(&r, "03000000 40000001 08000200 00000000");
    ck_assert_uint_eq(csw, 0x000002080C000000ull);
    ck_assert_uint_eq(r.c->mem[0x1000], 1);
    done(&r);
}
END_TEST

START_TEST(tic_to_tic_is_program_check)
{
    struct rig r = rig();
    t_put(r.c, 0x200, "08000100 00000000");
    uint64_t csw = run_prog(&r, "03000000 40000001 08000200 00000000");
    ck_assert_uint_eq((uint32_t)(csw >> 16) & 0xFFFF, 0x0C20);   /* CE DE (of the NOP), program check */
    done(&r);
}
END_TEST

static const struct { const char *caw, *ccw; } bad_start[] = {
    { "00000100", "02001000 00000000" },   /* count 0 */
    { "00000100", "00001000 00000001" },   /* command code 0 */
    { "00000100", "02001000 01000001" },   /* flag bit 39 */
    { "01000100", "02001000 00000050" },   /* CAW bits 4-7 */
    { "00000104", "02001000 00000050" },   /* CCW address not on a doubleword */
    { "00FFFF00", "02001000 00000050" },   /* CCW beyond storage */
};

START_TEST(program_check_at_start)
{
    struct rig r = rig();
    t_put(r.c, 0x100, bad_start[_i].ccw);
    t_put(r.c, PSA_CAW, bad_start[_i].caw);
    ck_assert_int_eq(io(&r, SIO, DEV), 1);
    ck_assert_uint_eq(r.c->mem[PSA_CSW + 5], CS_PROG);
    ck_assert_uint_eq(r.c->mem[PSA_CSW + 4], 0);
    ck_assert(!(r.c->intr & INTR_IO));
    ck_assert_int_eq(io(&r, TIO, DEV), 0);
    done(&r);
}
END_TEST

START_TEST(unit_check_and_sense)
{
    struct rig r = rig();
    uint64_t csw = run_prog(&r, "07001000 40000001 03001000 00000001");
    ck_assert_uint_eq(csw, 0x000001080E000001ull);   /* chaining stops at unit check */
    csw = run_prog(&r, "04001000 00000001");
    ck_assert_uint_eq(csw, 0x000001080C000000ull);
    ck_assert_uint_eq(r.c->mem[0x1000], SNS_CMDREJ);
    done(&r);
}
END_TEST

START_TEST(unit_exception_stops_chaining)
{
    struct rig r = rig();
    uint64_t csw = run_prog(&r, "0B001000 40000001 03001000 00000001");
    ck_assert_uint_eq(csw, 0x000001080D000001ull);
    ck_assert_uint_eq(r.t->commands, 1);
    done(&r);
}
END_TEST

START_TEST(status_modifier_skips_a_ccw)
{
    struct rig r = rig();
    uint64_t csw = run_prog(&r, "13001000 40000001 07001000 40000001 02001000 00000050");
    ck_assert_uint_eq(csw, 0x000001180C000000ull);
    ck_assert_uint_eq(r.t->last_cmd, 0x02);
    done(&r);
}
END_TEST

START_TEST(protection_check)
{
    struct rig r = rig();
    r.c->keys[0x1000 >> BLOCK_SHIFT] = 0x20;
    t_put(r.c, 0x100, "02001000 00000050");
    t_set4(r.c, PSA_CAW, 0x10000100);   /* key 1 */
    ck_assert_int_eq(io(&r, SIO, DEV), 0);
    settle(&r);
    ck_assert_int_eq(io(&r, TIO, DEV), 1);
    ck_assert_uint_eq(t_get8(r.c, PSA_CSW), 0x100001080C100050ull);
    ck_assert_uint_eq(r.c->mem[0x1000], 0);
    done(&r);
}
END_TEST

START_TEST(data_beyond_storage_is_program_check)
{
    struct rig r = rig();
    uint64_t csw = run_prog(&r, "02FFF000 00000050");
    ck_assert_uint_eq((csw >> 16) & 0xFF, CS_PROG);
    done(&r);
}
END_TEST

START_TEST(not_operational)
{
    struct rig r = rig();
    ck_assert_int_eq(io(&r, SIO, 0x0E1), 3);
    ck_assert_int_eq(io(&r, TIO, 0x0E1), 3);
    ck_assert_int_eq(io(&r, HIO, 0x0E1), 3);
    ck_assert_int_eq(io(&r, TCH, 0x0100), 3);
    ck_assert_int_eq(io(&r, SIO, 0x10E0), 3);
    done(&r);
}
END_TEST

START_TEST(busy_and_pending_condition_codes)
{
    struct rig r = rig();
    t_put(r.c, 0x100, "02001000 00000050");
    t_set4(r.c, PSA_CAW, 0x100);
    ck_assert_int_eq(io(&r, SIO, DEV), 0);
    ck_assert_int_eq(io(&r, SIO, DEV), 2);   /* subchannel working */
    ck_assert_int_eq(io(&r, TIO, DEV), 2);
    ck_assert_int_eq(io(&r, TCH, DEV), 0);
    settle(&r);
    ck_assert(r.c->intr & INTR_IO);
    ck_assert_int_eq(io(&r, TCH, DEV), 1);   /* interruption pending in channel */
    ck_assert_int_eq(io(&r, SIO, DEV), 2);   /* interruption pending in subchannel */
    ck_assert_int_eq(io(&r, HIO, DEV), 0);
    ck_assert_int_eq(io(&r, TIO, DEV), 1);   /* clears it, storing the CSW */
    ck_assert_uint_eq(t_get8(r.c, PSA_CSW), 0x000001080C000000ull);
    ck_assert(!(r.c->intr & INTR_IO));
    ck_assert_int_eq(io(&r, TIO, DEV), 0);
    ck_assert_int_eq(io(&r, TCH, DEV), 0);
    done(&r);
}
END_TEST

START_TEST(channel_masks)
{
    struct rig r = rig();
    struct device *d2 = testdev_add(r.cs, 0x7E0);
    testdev_of(d2)->len = 1;
    t_put(r.c, 0x100, "02001000 00000001");
    t_set4(r.c, PSA_CAW, 0x100);
    ck_assert_int_eq(io(&r, SIO, DEV), 0);
    ck_assert_int_eq(io(&r, SIO, 0x7E0), 0);
    settle(&r);
    uint16_t dev;
    r.c->psw.sysmask = 0x7F;   /* BC: channel 0 masked, 6 and up enabled */
    ck_assert(chsys_interrupt(r.cs, r.c, &dev));
    ck_assert_uint_eq(dev, 0x7E0);
    ck_assert(!chsys_interrupt(r.cs, r.c, &dev));
    ck_assert(r.c->intr & INTR_IO);
    r.c->psw.ec = true;
    r.c->psw.sysmask = 0x02;
    r.c->cr[2] = 0x7FFFFFFF;   /* EC: CR2 bit 0 masks channel 0 */
    ck_assert(!chsys_interrupt(r.cs, r.c, &dev));
    r.c->cr[2] = 0x80000000;
    ck_assert(chsys_interrupt(r.cs, r.c, &dev));
    ck_assert_uint_eq(dev, DEV);
    ck_assert(!(r.c->intr & INTR_IO));
    done(&r);
}
END_TEST

START_TEST(indirect_data_addressing)
{
    struct rig r = rig();
    r.t->len = 300;
    /* IDAWs at 300: first 17F0 (16 bytes to the 2K boundary), then 4000. */
    t_put(r.c, 0x300, "000017F0 00004000");
    uint64_t csw = run_prog(&r, "02000300 0400012C");
    ck_assert_uint_eq(csw, 0x000001080C000000ull);
    ck_assert_uint_eq(r.c->mem[0x17FF], 16);
    ck_assert_uint_eq(r.c->mem[0x1800], 0);
    ck_assert_uint_eq(r.c->mem[0x4000], 17);
    ck_assert_uint_eq(r.c->mem[0x4000 + 283], (uint8_t)300);
    done(&r);
}
END_TEST

START_TEST(ida_second_idaw_not_on_boundary)
{
    struct rig r = rig();
    t_put(r.c, 0x300, "000017F0 00004010");
    uint64_t csw = run_prog(&r, "02000300 04000050");
    ck_assert_uint_eq((csw >> 16) & 0xFF, CS_PROG);
    ck_assert_uint_eq(r.c->mem[0x17FF], 16);
    done(&r);
}
END_TEST

START_TEST(pci_reported)
{
    struct rig r = rig();
    uint64_t csw = run_prog(&r, "02001000 08000050");
    ck_assert_uint_eq(csw, 0x000001080C800000ull);
    done(&r);
}
END_TEST

/* A program that stops in a long command presents its PCI at once, as an
   intermediate interruption; the ending status then has no PCI. */
START_TEST(pci_intermediate_interruption)
{
    struct rig r = rig();
    t_put(r.c, 0x100, "17001000 48000050 02001000 00000050");
    t_set4(r.c, PSA_CAW, 0x100);
    ck_assert_int_eq(io(&r, SIO, DEV), 0);
    settle(&r);
    r.c->psw.sysmask = 0xFF;
    uint16_t dev;
    ck_assert(chsys_interrupt(r.cs, r.c, &dev));
    ck_assert_uint_eq(t_get8(r.c, PSA_CSW), 0x0000010800800050ull);
    ck_assert(!(r.c->intr & INTR_IO));
    ck_assert_int_eq(io(&r, TIO, DEV), 2);   /* still working */
    dev_done(r.d, US_CE | US_DE);
    ck_assert(chsys_interrupt(r.cs, r.c, &dev));
    ck_assert_uint_eq(t_get8(r.c, PSA_CSW), 0x000001100C000000ull);
    done(&r);
}
END_TEST

START_TEST(clear_io_drops_intermediate_pci)
{
    struct rig r = rig();
    t_put(r.c, 0x100, "17001000 08000050");
    t_set4(r.c, PSA_CAW, 0x100);
    ck_assert_int_eq(io(&r, SIO, DEV), 0);
    settle(&r);
    ck_assert(r.c->intr & INTR_IO);
    ck_assert_int_eq(io(&r, CLRIO, DEV), 1);
    ck_assert(!(r.c->intr & INTR_IO));
    ck_assert_int_eq(io(&r, TIO, DEV), 0);
    done(&r);
}
END_TEST

/* A channel program that loops for ever (bug: it hung the host) runs in
   slices beside the CPU and can be halted. */
START_TEST(endless_channel_program_does_not_hang)
{
    struct rig r = rig();
    t_put(r.c, 0x100, "03000000 40000001 08000100 00000000");
    t_set4(r.c, PSA_CAW, 0x100);
    ck_assert_int_eq(io(&r, SIO, DEV), 0);
    settle(&r);
    settle(&r);
    ck_assert_uint_ge(r.t->commands, 512);
    ck_assert_int_eq(io(&r, TIO, DEV), 2);
    ck_assert_int_eq(io(&r, HIO, DEV), 1);
    ck_assert_int_eq(io(&r, TIO, DEV), 1);
    unsigned before = r.t->commands;
    settle(&r);
    ck_assert_uint_eq(r.t->commands, before);
    done(&r);
}
END_TEST

START_TEST(halt_io_working)
{
    struct rig r = rig();
    t_put(r.c, 0x100, "17001000 00000050");
    t_set4(r.c, PSA_CAW, 0x100);
    ck_assert_int_eq(io(&r, SIO, DEV), 0);
    settle(&r);
    ck_assert(!(r.c->intr & INTR_IO));   /* still in the command */
    ck_assert_int_eq(io(&r, HIO, DEV), 1);
    ck_assert(r.c->intr & INTR_IO);
    ck_assert_int_eq(io(&r, TIO, DEV), 1);
    ck_assert_uint_eq(r.c->mem[PSA_CSW + 4], US_CE | US_DE);
    ck_assert_int_eq(io(&r, HIO, DEV), 1);   /* idle: status portion stored */
    done(&r);
}
END_TEST

START_TEST(device_finishes_later)
{
    struct rig r = rig();
    t_put(r.c, 0x100, "17001000 60000050 02001000 00000050");
    t_set4(r.c, PSA_CAW, 0x100);
    ck_assert_int_eq(io(&r, SIO, DEV), 0);
    settle(&r);
    ck_assert_int_eq(io(&r, TIO, DEV), 2);
    dev_done(r.d, US_CE | US_DE);
    ck_assert_int_eq(io(&r, TIO, DEV), 1);
    ck_assert_uint_eq(t_get8(r.c, PSA_CSW), 0x000001100C000000ull);
    done(&r);
}
END_TEST

START_TEST(clear_io)
{
    struct rig r = rig();
    run_prog(&r, "02001000 00000050");
    t_set4(r.c, PSA_CAW, 0x100);
    ck_assert_int_eq(io(&r, SIO, DEV), 0);
    ck_assert_int_eq(io(&r, CLRIO, DEV), 1);   /* terminates the start */
    settle(&r);
    ck_assert(!(r.c->intr & INTR_IO));
    ck_assert_int_eq(io(&r, CLRIO, DEV), 0);
    done(&r);
}
END_TEST

START_TEST(unsolicited_status)
{
    struct rig r = rig();
    dev_status(r.d, US_DE);
    ck_assert(r.c->intr & INTR_IO);
    t_set4(r.c, PSA_CAW, 0x100);
    t_put(r.c, 0x100, "03000000 00000001");
    ck_assert_int_eq(io(&r, SIO, DEV), 1);   /* busy with the device's status */
    ck_assert_uint_eq(r.c->mem[PSA_CSW + 4], US_BUSY | US_DE);
    ck_assert(!(r.c->intr & INTR_IO));
    ck_assert_int_eq(io(&r, SIO, DEV), 0);
    done(&r);
}
END_TEST

START_TEST(store_channel_id)
{
    struct rig r = rig();
    ck_assert_int_eq(io(&r, STIDC, 0x0000), 0);
    ck_assert_uint_eq(t_get4(r.c, PSA_CHANNEL_ID), 0x10000000);
    ck_assert_int_eq(io(&r, STIDC, 0x0300), 3);
    done(&r);
}
END_TEST

/* The run loop: an enabled wait ends with the I/O interruption when the
   channel program completes, the CSW at X'40' and the device address in
   the old PSW's interruption code (BC mode). */
START_TEST(run_loop_takes_io_interruption)
{
    struct rig r = rig();
    t_put(r.c, 0x100, "02001000 00000050");
    t_set4(r.c, PSA_CAW, 0x100);
    t_put(r.c, PSA_IO_NEW, "00020000 00000AAA");
    ck_assert_int_eq(io(&r, SIO, DEV), 0);
    t_psw(r.c, "FE020000 00001000");   /* enabled wait */
    r.c->stop = STOP_NONE;
    cpu_run(r.c);
    ck_assert_int_eq(r.c->stop, STOP_WAIT);
    ck_assert_uint_eq(r.c->psw.ia, 0xAAA);
    ck_assert_uint_eq(t_get8(r.c, PSA_IO_OLD), 0xFE0200E000001000ull);
    ck_assert_uint_eq(t_get8(r.c, PSA_CSW), 0x000001080C000000ull);
    ck_assert_uint_eq(r.c->mem[0x1000], 1);
    done(&r);
}
END_TEST

/* A running program sees the interruption delay instructions after the start. */
START_TEST(interruption_after_delay)
{
    struct rig r = rig();
    r.cs->delay = 50;
    t_put(r.c, 0x100, "02001000 00000050");
    t_set4(r.c, PSA_CAW, 0x100);
    t_put(r.c, PSA_IO_NEW, "00020000 00000AAA");
    /* Every instruction is a program check whose new PSW restarts it: a
       loop that counts instructions with I/O enabled. */
    t_put(r.c, PSA_PGM_NEW, "FE000000 00002000");
    ck_assert_int_eq(io(&r, SIO, DEV), 0);
    uint64_t start = r.c->insns;
    t_psw(r.c, "FE000000 00002000");
    r.c->stop = STOP_NONE;
    cpu_run(r.c);
    ck_assert_uint_eq(r.c->psw.ia, 0xAAA);
    ck_assert_uint_eq(r.c->insns - start, 50);
    done(&r);
}
END_TEST

START_TEST(ipl_from_test_device)
{
    struct rig r = rig();
    /* 24 bytes: PSW, then a CCW reading 8 more bytes to 0x500. */
    const uint8_t ipl[24] = { 0x00, 0x02, 0, 0, 0, 0, 0x12, 0x34,
                              0x02, 0x00, 0x05, 0x00, 0x20, 0, 0, 8 };
    memcpy(r.t->data, ipl, 24);
    r.t->len = 24;
    char err[128];
    ck_assert_msg(chsys_ipl(r.cs, DEV, err, sizeof err), "%s", err);
    ck_assert_uint_eq(r.c->psw.ia, 0x1234);
    ck_assert(r.c->psw.wait);
    ck_assert_uint_eq(be16(r.c->mem + PSA_IO_ADDR), DEV);
    ck_assert_uint_eq(be16(r.c->mem + 2), DEV);
    ck_assert_uint_eq(r.c->mem[0x500], 0x00);
    ck_assert_uint_eq(r.c->mem[0x501], 0x02);
    ck_assert(!(r.c->intr & INTR_IO));
    ck_assert(!chsys_ipl(r.cs, 0x123, err, sizeof err));
    done(&r);
}
END_TEST

START_TEST(ipl_endless_chain_fails)
{
    struct rig r = rig();
    /* PSW, then at 8 a chained NOP and at 16 a TIC back to it. */
    const uint8_t ipl[24] = { 0, 0, 0, 0, 0, 0, 0x10, 0,
                              0x03, 0, 0, 0, 0x40, 0, 0, 1,
                              0x08, 0, 0, 0x08, 0, 0, 0, 0 };
    memcpy(r.t->data, ipl, 24);
    r.t->len = 24;
    char err[128];
    ck_assert(!chsys_ipl(r.cs, DEV, err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "did not complete"));
    ck_assert_int_eq(io(&r, TIO, DEV), 0);
    done(&r);
}
END_TEST

/* A program on the CPU: SIO, then an enabled wait (LPSW); the I/O
   interruption ends the wait with the CSW stored and the device address
   in the old PSW; TIO afterwards finds the device available. */
START_TEST(program_start_io_wait_interrupt)
{
    struct rig r = rig();
    t_put(r.c, 0x100, "02003000 00000050");
    t_set4(r.c, PSA_CAW, 0x100);
    t_put(r.c, 0xF00, "FE020000 00000000");          /* enabled wait */
    t_put(r.c, PSA_IO_NEW, "00000000 00001008");     /* continue at 1008 */
    unsigned code = t_run(r.c, "9C0000E0 82000F00 9D0000E0");   /* 1008: TIO */
    ck_assert_uint_eq(code, PGM_OPERATION);
    ck_assert(t_ended(r.c, 12));
    ck_assert_uint_eq((r.c->mem[PSA_PGM_OLD + 4] >> 4) & 3, 0);   /* TIO cc 0 */
    ck_assert_uint_eq(t_get8(r.c, PSA_CSW), 0x000001080C000000ull);
    ck_assert_uint_eq(t_get8(r.c, PSA_IO_OLD), 0xFE0200E000000000ull);
    ck_assert_uint_eq(r.c->mem[0x3000], 1);
    done(&r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("channel");
    TCase *tc = tcase_create("channel");
    tcase_add_test(tc, read_exact_count);
    tcase_add_loop_test(tc, incorrect_length, 0, sizeof il_cases / sizeof il_cases[0]);
    tcase_add_test(tc, data_chaining_scatters);
    tcase_add_test(tc, data_chain_left_over_is_incorrect_length);
    tcase_add_test(tc, command_chaining_and_write);
    tcase_add_test(tc, skip_stores_nothing);
    tcase_add_test(tc, tic_continues_chain);
    tcase_add_test(tc, tic_to_tic_is_program_check);
    tcase_add_loop_test(tc, program_check_at_start, 0, sizeof bad_start / sizeof bad_start[0]);
    tcase_add_test(tc, unit_check_and_sense);
    tcase_add_test(tc, unit_exception_stops_chaining);
    tcase_add_test(tc, status_modifier_skips_a_ccw);
    tcase_add_test(tc, protection_check);
    tcase_add_test(tc, data_beyond_storage_is_program_check);
    tcase_add_test(tc, not_operational);
    tcase_add_test(tc, busy_and_pending_condition_codes);
    tcase_add_test(tc, channel_masks);
    tcase_add_test(tc, indirect_data_addressing);
    tcase_add_test(tc, ida_second_idaw_not_on_boundary);
    tcase_add_test(tc, pci_reported);
    tcase_add_test(tc, pci_intermediate_interruption);
    tcase_add_test(tc, clear_io_drops_intermediate_pci);
    tcase_add_test(tc, endless_channel_program_does_not_hang);
    tcase_add_test(tc, halt_io_working);
    tcase_add_test(tc, device_finishes_later);
    tcase_add_test(tc, clear_io);
    tcase_add_test(tc, unsolicited_status);
    tcase_add_test(tc, store_channel_id);
    tcase_add_test(tc, run_loop_takes_io_interruption);
    tcase_add_test(tc, program_start_io_wait_interrupt);
    tcase_add_test(tc, interruption_after_delay);
    tcase_add_test(tc, ipl_from_test_device);
    tcase_add_test(tc, ipl_endless_chain_fails);
    suite_add_tcase(s, tc);
    return t_main(s);
}
