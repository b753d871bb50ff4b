#!/usr/bin/env python3
"""awstape.py OUT PROG.bin [PROG.bin ...] - an AWSTAPE file holding one IPL-able
program per file given: a 24-byte IPL record (PSW to X'400', then a Read
CCW that reads the next block to X'400') followed by the program as one
block. Programs are assembled at X'400' (asm370 -f bin)."""
import struct
import sys


def block(data, prev):
    return struct.pack('<HHBB', len(data), prev, 0xA0, 0) + data


def main():
    out, progs = sys.argv[1], sys.argv[2:]
    ipl = bytes.fromhex('0000000000000400' '0200040020001000' '0000000000000000')
    tape, prev = b'', 0
    for p in progs:
        with open(p, 'rb') as f:
            code = f.read()
        for b in (ipl, code):
            tape += block(b, prev)
            prev = len(b)
    with open(out, 'wb') as f:
        f.write(tape)


main()
