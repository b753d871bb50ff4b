#!/usr/bin/env python3
"""difftest.py - run every table-generated program on build/s370 and on
Hercules 3.13 (S/370 mode) and compare the results.

  difftest.py [--s370 PATH] [--work DIR] [--keep] [-v] [NAME-PATTERN ...]

Prints one line per failing program (with the differences), then
`diff: N passed, M failed`; exits 1 if M > 0, 2 if the tools are missing.
See docs/testing.md.
"""
import argparse
import concurrent.futures
import fnmatch
import hashlib
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True   # keep tests/ free of __pycache__

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import frame  # noqa: E402
import programs  # noqa: E402

AS = 's390x-linux-gnu-as'
LD = 's390x-linux-gnu-ld'
OBJCOPY = 's390x-linux-gnu-objcopy'
MAINSIZE_MB = 2
LIMIT = 2000000          # instructions; a run needing more is a hang
HERC_RUN_TIMEOUT = 10.0  # seconds to reach the disabled wait
HERC_CMD_TIMEOUT = 60.0


class ToolMissing(Exception):
    pass


def need_tools(s370):
    missing = [t for t in ('hercules', AS, LD, OBJCOPY) if not shutil.which(t)]
    if missing:
        raise ToolMissing('missing %s (Debian packages hercules, binutils-s390x-linux-gnu)'
                          % ', '.join(missing))
    if not os.access(s370, os.X_OK):
        raise ToolMissing('%s not built (run make)' % s370)


# --- assembling -----------------------------------------------------------

def assemble(prog, cache):
    """Assemble PROG into a flat image at 0; cached by source text."""
    src = prog.source()
    h = hashlib.sha1(src.encode()).hexdigest()[:16]
    binf = os.path.join(cache, h + '.bin')
    if os.path.exists(binf):
        return binf, None
    base = os.path.join(cache, h + '.tmp%d' % os.getpid())
    with open(base + '.s', 'w') as f:
        f.write(src)
    steps = [[AS, '-m31', '-mesa', '-march=g5', '-o', base + '.o', base + '.s'],
             [LD, '-m', 'elf_s390', '-Ttext=0', '-e', '0', '-o', base + '.elf', base + '.o'],
             [OBJCOPY, '-O', 'binary', '-j', '.text', base + '.elf', base + '.bin']]
    for cmd in steps:
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode:
            err = '%s failed:\n%s' % (os.path.basename(cmd[0]), r.stderr.strip())
            numbered = '\n'.join('%4d %s' % (n + 1, l) for n, l in enumerate(src.splitlines()))
            return None, err + '\n' + numbered
    os.replace(base + '.bin', binf)
    for ext in ('.s', '.o', '.elf'):
        os.unlink(base + ext)
    return binf, None


# --- results --------------------------------------------------------------

class Result:
    def __init__(self):
        self.stop = None
        self.psw = None
        self.gr = {}
        self.fpr = {}
        self.mem = {}            # addr -> byte

    def regs(self):
        d = {}
        for n, v in self.gr.items():
            d['GR%d' % n] = v
        for n, v in self.fpr.items():
            d['FPR%d' % n] = v
        d['PSW'] = self.psw
        return d


def norm_psw(psw):
    """The PSW as compared: in BC mode the ILC bits of the current PSW carry
    no meaning (LPSW ignores them, Hercules shows the last ILC), and
    neither does the interruption code; mask both."""
    if psw is None:
        return None
    w0, w1 = int(psw[:8], 16), int(psw[8:], 16)
    if not (w0 & 0x00080000):
        w0 &= 0xFFFF0000
        w1 &= 0x3FFFFFFF
    return '%08X%08X' % (w0, w1)


def run_ours(s370, binf, prog):
    cmd = [s370, 'run', '--load', '%s@0' % binf,
           '--psw', '%08X%08X' % prog.start_psw, '--mainsize', '%dM' % MAINSIZE_MB,
           '--limit', str(LIMIT), '--deterministic']
    for a, n in prog.compared():
        cmd += ['--dump', '%X:%X' % (a, n)]
    r = Result()
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    except subprocess.TimeoutExpired:
        r.stop = 'TIMEOUT'
        return r
    for line in p.stdout.splitlines():
        f = line.split()
        if not f:
            continue
        if f[0] == 'STOP':
            r.stop = f[1]
        elif f[0] == 'PSW':
            r.psw = (f[1] + f[2]).upper()
        elif f[0].startswith('GR'):
            r.gr[int(f[0][2:])] = f[1].upper()
        elif f[0].startswith('FPR'):
            r.fpr[int(f[0][3:])] = f[1].upper()
        elif f[0] == 'STORAGE':
            a = int(f[1], 16)
            data = bytes.fromhex(f[2]) if len(f) > 2 else b''
            for k, b in enumerate(data):
                r.mem[a + k] = b
    if r.stop is None:
        r.stop = 'ERROR rc=%d %s' % (p.returncode, p.stderr.strip()[:200])
    return r


class Hercules:
    """One long-lived `hercules -f CONF EXTERNALGUI` read through a pipe."""

    def __init__(self, workdir):
        self.conf = os.path.join(workdir, 'hercules.cnf')
        with open(self.conf, 'w') as f:
            f.write('ARCHMODE S/370\nNUMCPU 1\nMAINSIZE %d\nCPUSERIAL 000001\n'
                    'CPUMODEL 3158\n000C 3505 *\n' % MAINSIZE_MB)
        self.log = open(os.path.join(workdir, 'hercules.log'), 'w')
        self.p = subprocess.Popen(['hercules', '-f', self.conf, 'EXTERNALGUI'],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, cwd=workdir,
                                  start_new_session=True)
        self.buf = b''
        self.nmark = 0
        self.send('msgnoh HERCULES-UP')
        try:
            up = self.until('HERCULES-UP', 30)
        except RuntimeError:
            up = None
        if up is None:
            self.close()
            raise ToolMissing('hercules did not start (see %s)' % self.log.name)

    def send(self, s):
        self.log.write('>>> %s\n' % s)
        self.p.stdin.write((s + '\n').encode())
        self.p.stdin.flush()

    def until(self, pat, timeout):
        """Lines up to and including the first one containing PAT (None on timeout)."""
        end = time.time() + timeout
        out = []
        while True:
            while b'\n' in self.buf:
                l, self.buf = self.buf.split(b'\n', 1)
                l = l.decode('latin-1').rstrip('\r')
                l = re.sub(r'^(<pnl[^>]*>)+', '', l)
                self.log.write(l + '\n')
                out.append(l)
                if pat in l:
                    return out
            left = end - time.time()
            if left <= 0:
                return None
            r, _, _ = select.select([self.p.stdout], [], [], left)
            if not r:
                return None
            d = os.read(self.p.stdout.fileno(), 65536)
            if not d:
                raise RuntimeError('hercules exited (see %s)' % self.log.name)
            self.buf += d

    def mark(self):
        self.nmark += 1
        m = 'DIFF-MARK-%d' % self.nmark
        self.send('msgnoh ' + m)
        return m

    def sync(self, cmds, timeout=HERC_CMD_TIMEOUT):
        for c in cmds:
            self.send(c)
        out = self.until(self.mark(), timeout)
        if out is None:
            raise RuntimeError('hercules stopped answering (see %s)' % self.log.name)
        return out

    def load(self, binf):
        """Stop the CPU, clear the system and load BINF at 0. sysclear and
        loadcore are refused until the CPU has really stopped: retry."""
        for _ in range(1000):
            out = self.sync(['stop', 'sysclear', 'loadcore %s 0' % binf])
            if any('HHCPN053E' in l or 'HHCPN111E' in l for l in out):
                time.sleep(0.002)
                continue
            if not any('HHCPN113I' in l for l in out):
                raise RuntimeError('loadcore failed: %s' % ' | '.join(out[-3:]))
            return
        raise RuntimeError('hercules refuses sysclear')

    def run(self, binf, prog):
        self.load(binf)
        self.send('restart')
        r = Result()
        got = self.until('HHCCP011I', HERC_RUN_TIMEOUT)
        r.stop = 'WAIT' if got is not None else 'TIMEOUT'
        if got is None:
            self.sync(['stop'])
        cmds = ['gpr', 'fpr', 'psw'] + ['r %X-%X' % (a, a + n - 1) for a, n in prog.compared()]
        want = sum(n for a, n in prog.compared())
        for _ in range(3):
            # log lines of different threads can interleave: read again
            # until everything is there
            self.parse(self.sync(cmds), r)
            if len(r.gr) == 16 and len(r.fpr) == 4 and r.psw and len(r.mem) >= want:
                break
        return r

    @staticmethod
    def parse(out, r):
        sect = None
        for l in out:
            s = l.strip()
            if s in ('gpr', 'fpr', 'psw') or s.startswith('r '):
                sect = s[0]
                continue
            if sect == 'g':
                for n, v in re.findall(r'GR(\d\d)=([0-9A-F]{8})', l):
                    r.gr[int(n)] = v
            elif sect == 'f':
                for n, hi, lo in re.findall(r'FPR(\d)=([0-9A-F]{8}) ([0-9A-F]{8})', l):
                    r.fpr[int(n)] = hi + lo
            elif sect == 'p':
                m = re.search(r'^PSW=([0-9A-F]{8}) ([0-9A-F]{8})', s)
                if m:
                    r.psw = m.group(1) + m.group(2)
            elif sect == 'r':
                m = re.search(r'R:([0-9A-F]{8}):K:[0-9A-F]{2}=((?:[0-9A-F]{8} ?){1,4})', l)
                if m:
                    a = int(m.group(1), 16)
                    data = bytes.fromhex(m.group(2).replace(' ', ''))
                    for k, b in enumerate(data):
                        r.mem[a + k] = b

    def close(self):
        try:
            self.send('quit')
            self.p.wait(timeout=5)
        except Exception:
            pass
        if self.p.poll() is None:
            try:
                os.killpg(self.p.pid, 9)
            except OSError:
                pass
            self.p.wait()
        self.log.close()


IGNORED = set(range(0x08, 0x10)) | set(range(0x50, 0x54))


def compare(prog, ours, herc):
    """List of difference strings (empty when equal)."""
    diffs = []
    if ours.stop != 'WAIT':
        diffs.append('s370 stopped with %s' % ours.stop)
    if herc.stop != 'WAIT':
        diffs.append('hercules stopped with %s' % herc.stop)
    want = herc.regs()
    mem = dict(herc.mem)
    for key, val in prog.override.items():
        if key.startswith('M:'):
            a = int(key[2:], 16)
            for k, b in enumerate(bytes.fromhex(val.replace(' ', ''))):
                mem[a + k] = b
        else:
            want[key] = val.replace(' ', '').upper()
    got = ours.regs()
    for key in ['GR%d' % n for n in range(16)] + ['FPR%d' % n for n in (0, 2, 4, 6)] + ['PSW']:
        if key in prog.ignored:
            continue
        g, w = got.get(key), want.get(key)
        if key == 'PSW':
            g, w = norm_psw(g), norm_psw(w)
        if g != w:
            note = ' (PoO: %s)' % prog.why[key] if key in prog.why else ''
            diffs.append('%s ours %s hercules %s%s' % (key, g, w if key not in prog.override
                                                         else w + ' [override]', note))
    bad = []
    skip = IGNORED | prog.ignored_bytes()
    for a, n in prog.compared():
        for x in range(a, a + n):
            if x in skip:
                continue
            if ours.mem.get(x) != mem.get(x):
                bad.append(x)
    if bad:
        # group into runs of nearby addresses, show up to 4 runs
        runs = []
        for x in bad:
            if runs and x - runs[-1][1] <= 8:
                runs[-1][1] = x
            else:
                runs.append([x, x])
        for lo, hi in runs[:4]:
            lo &= ~3
            hi = hi | 3
            fmt = lambda m: ''.join('%02X' % m[x] if x in m else '..' for x in range(lo, hi + 1))
            diffs.append('storage %06X ours %s hercules %s' % (lo, fmt(ours.mem), fmt(mem)))
        if len(runs) > 4:
            diffs.append('... %d more differing storage runs' % (len(runs) - 4))
    return diffs


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser()
    ap.add_argument('--s370', default=os.path.join(root, 'build', 's370'))
    ap.add_argument('--cache', default=os.path.join(root, 'build', 'diff-cache'))
    ap.add_argument('--keep', action='store_true', help='keep the work directory')
    ap.add_argument('--list', action='store_true', help='list the programs and exit')
    ap.add_argument('--source', metavar='NAME', help='print the source of one program')
    ap.add_argument('-v', '--verbose', action='store_true')
    ap.add_argument('patterns', nargs='*')
    a = ap.parse_args()

    progs = programs.all_programs()
    names = [p.name for p in progs]
    dup = {n for n in names if names.count(n) > 1}
    if dup:
        print('diff: duplicate program names: %s' % ', '.join(sorted(dup)))
        return 2
    if a.list:
        for p in progs:
            print(p.name)
        return 0
    if a.source:
        for p in progs:
            if p.name == a.source:
                sys.stdout.write(p.source())
                return 0
        print('no program %s' % a.source)
        return 2
    if a.patterns:
        progs = [p for p in progs if any(fnmatch.fnmatch(p.name, pat) for pat in a.patterns)]

    try:
        need_tools(a.s370)
    except ToolMissing as e:
        print('diff: cannot run: %s' % e)
        print('diff: 0 passed, %d failed' % len(progs))
        return 2

    os.makedirs(a.cache, exist_ok=True)
    work = tempfile.mkdtemp(prefix='s370-diff-')
    t0 = time.time()
    herc = None
    passed = failed = 0
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            bins = list(pool.map(lambda p: assemble(p, a.cache), progs))
            ok = []
            for p, (binf, err) in zip(progs, bins):
                if binf is None:
                    print('FAIL %s: does not assemble: %s' % (p.name, err))
                    failed += 1
                else:
                    ok.append((p, binf))
            ours_f = {p.name: pool.submit(run_ours, a.s370, binf, p) for p, binf in ok}
            herc = Hercules(work)
            for p, binf in ok:
                hr = herc.run(binf, p)
                orr = ours_f[p.name].result()
                d = compare(p, orr, hr)
                if d:
                    failed += 1
                    print('FAIL %s%s' % (p.name, (' - ' + p.note) if p.note else ''))
                    for x in d:
                        print('    ' + x)
                else:
                    passed += 1
                    if a.verbose:
                        print('ok   %s' % p.name)
    except (RuntimeError, ToolMissing, OSError) as e:
        left = len(progs) - passed - failed
        print('diff: error: %s (%d programs not compared)' % (e, left))
        failed += max(left, 1)
    finally:
        if herc:
            herc.close()
        if a.keep:
            print('diff: work directory kept: %s' % work)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print('diff: %d programs in %.1f s' % (len(progs), time.time() - t0))
    print('diff: %d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
