#!/usr/bin/env python3
"""sysepoch.py S370 - the clock statements (SYSEPOCH, YROFFSET, TZOFFSET)
give the TOD clock Hercules gives: a standalone program (two cards: an IPL
record, then STCK X'300' and a disabled wait) runs on Hercules 3.13 and on
S370 with the same statement, and the two stored clock values must agree
within a minute (the runs are seconds apart). Prints
"sysepoch: N passed, M failed"."""
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time

STATEMENTS = ['SYSEPOCH 1900', 'SYSEPOCH 1960', 'YROFFSET -28', 'SYSEPOCH 1900 -28',
              'SYSEPOCH 1988', 'SYSEPOCH 1970', 'SYSEPOCH 1960 +10\nTZOFFSET -0500']
TOD_PER_SEC = 4096 * 1000000
TOLERANCE = 60 * TOD_PER_SEC


def deck(path):
    card1 = bytes.fromhex('0000000000000200' '0200020020000050').ljust(80, b'\0')
    code = bytes.fromhex('B2050300' '82000210' '0000000000000000' '0002000000000000')
    with open(path, 'wb') as f:
        f.write(card1 + code.ljust(80, b'\0'))


def config(path, statement, deckfile):
    with open(path, 'w') as f:
        f.write('ARCHMODE S/370\nNUMCPU 1\nMAINSIZE 2\n%s\n000C 3505 %s ebcdic\n' % (statement, deckfile))


def parse_r300(text):
    for line in text.splitlines():
        m = re.search(r'R:0*300(?::K:[0-9A-F]{2}=|\s+)([0-9A-F]{8})\s*([0-9A-F]{8})', line)
        if m:
            return int(m.group(1) + m.group(2), 16)
    return None


def hercules(conf, log):
    p = subprocess.Popen(['hercules', '-f', conf, 'EXTERNALGUI'], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    buf = b''

    def until(pat, timeout):
        nonlocal buf
        end = time.time() + timeout
        while True:
            text = re.sub(rb'<pnl[^>]*>', b'', buf).decode('latin-1')
            if pat in text:
                return text
            r, _, _ = select.select([p.stdout], [], [], max(0, end - time.time()))
            if not r:
                return None
            d = os.read(p.stdout.fileno(), 65536)
            if not d:
                return None
            buf += d

    def send(s):
        p.stdin.write((s + '\n').encode())
        p.stdin.flush()
    try:
        send('msgnoh HERC-UP')
        until('HERC-UP', 30)
        for _ in range(5):   # right after start it may refuse: CPUs not yet stopped
            send('ipl 00c')
            if until('HHCCP011I', 5):
                break
            time.sleep(0.5)
        send('r 300.8')
        send('msgnoh HERC-DONE')
        text = until('HERC-DONE', 15) or ''
        log.write(text)
        return parse_r300(text.split('r 300.8')[-1])
    finally:
        try:
            send('quit')
            p.wait(timeout=10)
        except Exception:
            p.kill()
            p.wait()


def ours(s370, conf, log):
    p = subprocess.Popen([s370, '-f', conf, '--headless'], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    p.stdin.write(b'ipl 00c\n')
    p.stdin.flush()
    time.sleep(0.5)
    out, _ = p.communicate(b'r 300.8\nquit\n', timeout=30)
    text = out.decode('latin-1')
    log.write(text)
    return parse_r300(text)


def main():
    s370 = sys.argv[1] if len(sys.argv) > 1 else 'build/s370'
    if not shutil.which('hercules'):
        print('sysepoch: cannot run: hercules is missing')
        print('sysepoch: 0 passed, 1 failed')
        return 1
    work = tempfile.mkdtemp(prefix='sysepoch')
    passed = failed = 0
    try:
        deckfile = os.path.join(work, 'stck.deck')
        deck(deckfile)
        with open(os.path.join(work, 'log'), 'w') as log:
            for st in STATEMENTS:
                conf = os.path.join(work, 'm.cnf')
                config(conf, st, deckfile)
                h = hercules(conf, log)
                o = ours(s370, conf, log)
                name = st.replace('\n', ' + ')
                if h is None or o is None:
                    failed += 1
                    print('FAIL: %s: no clock value (hercules %s, s370 %s)' % (name, h, o))
                elif abs(h - o) > TOLERANCE:
                    failed += 1
                    print('FAIL: %s: hercules TOD %016X, s370 TOD %016X (%.1f days apart)'
                          % (name, h, o, (o - h) / TOD_PER_SEC / 86400))
                else:
                    passed += 1
        if failed:
            print(open(os.path.join(work, 'log')).read()[-3000:])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print('sysepoch: %d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


sys.exit(main())
