#!/usr/bin/env python3
"""bench.py - instruction-rate benchmark: build/s370 against Hercules 3.13.

  bench.py [--s370 PATH] [--reps N] [--scale F] [--deterministic] [NAME-PATTERN ...]

Each benchmark is a BCT loop whose body repeats one instruction class UNROLL
times (or the mixed loop once). Instruction counts are known from the program
(Hercules' own counter over-counts), so MIPS = instructions / seconds. Every
program runs with two loop counts and the rate is taken from the difference,
which cancels start-up and command latency: process start for build/s370,
`restart` to the disabled-wait message for Hercules. Runs alternate between the
two machines; the rate uses the median times of --reps rounds. See docs/bench.md.
"""
import argparse
import resource
import signal
import fnmatch
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True   # keep tests/ free of __pycache__

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, 'tests', 'diff'))
import difftest  # noqa: E402
from frame import Prog  # noqa: E402

COUNT_ADDR = 0x1F0       # the loop count (a word), patched per run
UNROLL = 20
TARGET = 0.4           # seconds of the long run on each machine

# name, body (one unit, repeated UNROLL times), instructions per unit, setup
# lines. Registers: r15 loop counter (BCT), r14 loop address; bodies use r0-r13.
SETUP = ['l %r2,.Kv1', 'l %r3,.Kv2', 'l %r4,.Kv1', 'la %r5,0x900', 'ld %f0,.Kd1',
         'ld %f2,.Kd2', 'ld %f6,.Kd1', 'sr %r6,%r6']
CLASSES = [
    ('LR', ['lr %r1,%r2'], 1),
    ('AR', ['ar %r1,%r3'], 1),
    ('ALR', ['alr %r1,%r3'], 1),
    ('CR', ['cr %r2,%r3'], 1),
    ('L', ['l %r1,0x900'], 1),
    ('ST', ['st %r2,0x904'], 1),
    ('A', ['a %r1,0x900'], 1),
    ('LA', ['la %r1,1(%r1)'], 1),
    ('LH', ['lh %r1,0x900'], 1),
    ('IC', ['ic %r1,0x900'], 1),
    ('ICM', ['icm %r1,15,0x900'], 1),
    ('SLL', ['sll %r1,1'], 1),
    ('SRDL', ['srdl %r2,1'], 1),
    ('MR', ['mr %r2,%r4'], 1),
    ('DR', ['lr %r10,%r6', 'la %r11,1000', 'dr %r10,%r4'], 3),
    ('LM/STM', ['stm %r0,%r13,0xa00', 'lm %r0,%r13,0xa00'], 2),
    ('MVC 8', ['mvc 0x908(8),0x918'], 1),
    ('MVC 256', ['mvc 0xb00(256),0xa00'], 1),
    ('CLC 8', ['clc 0x908(8),0x918'], 1),
    ('MVI/CLI', ['mvi 0x920,0x5c', 'cli 0x920,0x5c'], 2),
    ('TR 8', ['tr 0x908(8),0xd00'], 1),
    ('BC taken', ['bc 15,.+4'], 1),
    ('BC not taken', ['bc 0,0x300'], 1),
    ('BCR not taken', ['bcr 0,%r14'], 1),
    ('BALR', ['balr %r1,0'], 1),
    ('EX', ['ex %r0,.Kex'], 1),
    ('CS', ['l %r10,0x940', 'cs %r10,%r2,0x940'], 2),
    ('AP', ['ap 0x980(8),0x990(1)'], 1),
    ('MP', ['mp 0x9a0(8),0x9b0(1)'], 1),
    ('CVB/CVD', ['cvb %r1,0x9c0', 'cvd %r1,0x9c8'], 2),
    ('ADR', ['adr %f4,%f2'], 1),
    ('AD', ['ad %f4,.Kd2'], 1),
    ('MDR', ['mdr %f6,%f0'], 1),
    ('LE/STE', ['le %f6,.Kd1', 'ste %f6,0x9d0'], 2),
]
# the mixed loop: L, A, ST, LR, AR, C, BC, MVC 8, CLC 8, BC, ALR, BCT (12)
MIXED = ['l %r1,0x900', 'a %r1,0x904', 'st %r1,0x908', 'lr %r7,%r1', 'ar %r7,%r2',
         'c %r7,0x900', 'bc 8,0x300', 'mvc 0x910(8),0x918', 'clc 0x910(8),0x918',
         'bc 7,0x300', 'alr %r8,%r7']
DATA = ['\t.balign 8,0', '.Kv1:\t.long 0x00000007', '.Kv2:\t.long 0x00000003',
        '.Kd1:\t.quad 0x4110000000000000', '.Kd2:\t.quad 0x3f10000000000000',
        '.Kex:\tlr %r1,%r2']


def make(name, body, per_unit, mixed=False):
    """The benchmark program; returns (Prog, instructions per iteration,
    fixed instructions outside the loop)."""
    p = Prog(name)
    p.i(*SETUP)
    p.i('l %%r15,%#x' % COUNT_ADDR, 'la %r14,.Lloop')
    p.label('.Lloop')
    units = 1 if mixed else UNROLL
    for _ in range(units):
        p.i(*body)
    p.i('bctr %r15,%r14')
    p.data += DATA + ['\t.org 0xd00', '\t.byte ' + ','.join(str(x) for x in range(256))]
    per_iter = units * per_unit + 1
    fixed = len(SETUP) + 2 + 1          # setup, loop set-up, final LPSW
    return p, per_iter, fixed


def programs():
    out = []
    for name, body, n in CLASSES:
        out.append((name,) + make(name, body, n))
    out.append(('MIXED',) + make('MIXED', MIXED + [], 11, mixed=True))
    return out


OPERANDS = ('\t.org 0x900\n'
            '\t.long 0x00000005,0x00000001\n'
            '\t.org 0x940\n\t.long 7\n'
            '\t.org 0x980\n\t.byte 0,0,0,0,0,0,0,0x1c\n'
            '\t.org 0x990\n\t.byte 0x1c\n'
            '\t.org 0x9a0\n\t.byte 0,0,0,0,0,0x12,0x34,0x5c\n'
            '\t.org 0x9b0\n\t.byte 0x1c\n'
            '\t.org 0x9c0\n\t.byte 0,0,0,0,0,0x12,0x34,0x5c\n')


def source(p):
    """The frame's source with the operands at X'900'-X'9FF' (the result
    area of the differential tests) put before the constants at X'C00'."""
    head, tail = p.source().split('\t.org 0xc00\n', 1)
    return head + OPERANDS + '\t.org 0xc00\n' + tail


def assemble(p, cache):
    class Src:
        def __init__(self, text):
            self.text = text

        def source(self):
            return self.text
    return difftest.assemble(Src(source(p)), cache)


def run_ours(s370, binf, countf, deterministic):
    cmd = [s370, 'run', '--load', '%s@0' % binf, '--load', '%s@%X' % (countf, COUNT_ADDR),
           '--psw', '0000000000000200', '--mainsize', '2M']
    if deterministic:
        cmd.append('--deterministic')
    # CPU time of the run (user + system): waiting for a core another
    # process holds is not counted (see docs/bench.md)
    u0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    u1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = (u1.ru_utime + u1.ru_stime) - (u0.ru_utime + u0.ru_stime)
    insns = None
    for line in r.stdout.splitlines():
        if line.startswith('INSNS '):
            insns = int(line.split()[1])
        if line.startswith('STOP ') and line != 'STOP WAIT':
            raise RuntimeError('s370 did not end in a wait: %s' % line)
        if line.startswith('PSW ') and not line.endswith('0000EEE0'):
            raise RuntimeError('s370 ended in the wrong wait: %s' % line)
    return t, insns


def thread_times(pid):
    """CPU time so far of each thread of process pid, in seconds (the
    scheduler's nanosecond count, /proc/PID/task/TID/schedstat)."""
    times = {}
    for tid in os.listdir('/proc/%d/task' % pid):
        try:
            with open('/proc/%d/task/%s/schedstat' % (pid, tid)) as f:
                times[tid] = int(f.read().split()[0]) / 1e9
        except (OSError, ValueError, IndexError):
            pass
    return times


def run_herc(herc, binf, count):
    herc.load(binf)
    herc.sync(['r %X=%08X' % (COUNT_ADDR, count)])
    # CPU time of Hercules' CPU thread: the thread that ran the most
    # between restart and the wait message (its timer and console threads
    # run beside it and are not counted)
    before = thread_times(herc.p.pid)
    herc.send('restart')
    got = herc.until('HHCCP011I', 600)
    after = thread_times(herc.p.pid)
    t = max((after[k] - before.get(k, 0.0) for k in after), default=0.0)
    if got is None:
        raise RuntimeError('hercules did not reach the wait')
    psw = [l.strip() for l in herc.sync(['psw']) if l.strip().startswith('PSW=')]
    if not psw or not psw[-1].endswith('EEE0'):
        raise RuntimeError('hercules ended in the wrong wait: %s' % (psw or ['?'])[-1])
    return t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--s370', default=os.path.join(ROOT, 'build', 's370'))
    ap.add_argument('--cache', default=os.path.join(ROOT, 'build', 'bench-cache'))
    ap.add_argument('--reps', type=int, default=5)
    ap.add_argument('--scale', type=float, default=1.0,
                    help='multiply the run lengths (default: long runs of about 0.4 s)')
    ap.add_argument('--deterministic', action='store_true',
                    help='run build/s370 with --deterministic')
    ap.add_argument('patterns', nargs='*')
    a = ap.parse_args()
    try:
        difftest.need_tools(a.s370)
    except difftest.ToolMissing as e:
        print('bench: cannot run: %s' % e)
        return 2
    os.makedirs(a.cache, exist_ok=True)
    work = tempfile.mkdtemp(prefix='s370-bench-')
    herc = None
    rows = []
    try:
        progs = programs()
        if a.patterns:
            progs = [x for x in progs if any(fnmatch.fnmatch(x[0], pat) for pat in a.patterns)]
        herc = difftest.Hercules(work)
        print('%-14s %10s %10s %7s %7s' % ('class', 's370 MIPS', 'Herc MIPS', 'ratio', 'best'))
        for name, p, per_iter, fixed in progs:
            binf, err = assemble(p, a.cache)
            if err:
                raise RuntimeError('%s does not assemble:\n%s' % (name, err))
            def count_file(n):
                f = os.path.join(work, 'count%d' % n)
                with open(f, 'wb') as fh:
                    fh.write(n.to_bytes(4, 'big'))
                return f

            def ours_run(n):
                # Hercules' idle threads (timer, console) wake often enough to
                # take the CPU from our run on this 2-core machine: stop them
                # while ours runs, as ours does not run while Hercules does.
                os.kill(herc.p.pid, signal.SIGSTOP)
                try:
                    t, i = run_ours(a.s370, binf, count_file(n), a.deterministic)
                finally:
                    os.kill(herc.p.pid, signal.SIGCONT)
                if i is not None and i != n * per_iter + fixed:
                    raise RuntimeError('%s: s370 counted %d instructions, expected %d'
                                       % (name, i, n * per_iter + fixed))
                return t

            def herc_run(n):
                return run_herc(herc, binf, n)

            # loop counts per machine: the long run takes about TARGET seconds
            # (x --scale), the short one a tenth of that
            cal = max(1000, int(2e6 / per_iter))
            no2 = max(1000, int(cal * TARGET * a.scale / max(ours_run(cal), 1e-3)))
            nh2 = max(1000, int(cal * TARGET * a.scale / max(herc_run(cal), 1e-3)))
            no1, nh1 = no2 // 10, nh2 // 10
            t1s, t2s, h1s, h2s = [], [], [], []
            for _ in range(a.reps):
                t1s.append(ours_run(no1))
                h1s.append(herc_run(nh1))
                t2s.append(ours_run(no2))
                h2s.append(herc_run(nh2))
            # rate from the medians of the long and the short runs' times
            do, dh = (no2 - no1) * per_iter, (nh2 - nh1) * per_iter
            med = statistics.median
            ours = do / max(med(t2s) - med(t1s), 1e-6) / 1e6
            hers = dh / max(med(h2s) - med(h1s), 1e-6) / 1e6
            # best case (fastest runs): steadier than medians on a busy machine
            best = (do / max(min(t2s) - min(t1s), 1e-6)) / (dh / max(min(h2s) - min(h1s), 1e-6))
            mo, mh = ours, hers
            rows.append((name, mo, mh, best))
            print('%-14s %10.1f %10.1f %7.2f %7.2f' % (name, mo, mh, mo / mh, best), flush=True)
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as e:
        print('bench: error: %s' % e)
        return 1
    finally:
        if herc:
            herc.close()
        shutil.rmtree(work, ignore_errors=True)
    # the verdict from the fastest runs: on a shared host a run is only ever
    # slowed down by others, so the minimum is the steadier estimate
    slower = [r[0] for r in rows if r[3] < 1]
    slower_med = [r[0] for r in rows if r[1] < r[2]]
    mixed = [r for r in rows if r[0] == 'MIXED']
    if mixed:
        print('mixed loop: s370 %.1f MIPS, Hercules %.1f MIPS, ratio %.2f (best runs %.2f)'
              % (mixed[0][1], mixed[0][2], mixed[0][1] / mixed[0][2], mixed[0][3]))
    print('classes slower than Hercules (fastest runs): %s' % (', '.join(slower) if slower else 'none'))
    print('classes slower than Hercules (medians): %s' % (', '.join(slower_med) if slower_med else 'none'))
    return 0


if __name__ == '__main__':
    sys.exit(main())
