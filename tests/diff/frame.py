"""frame.py - the common frame of every differential test program.

A program is one flat image loaded at address 0 (GNU as, linked at 0):

  000-1FF  low core: restart new PSW at 0 (also the PSW given to build/s370),
           new PSWs that end the run in a disabled wait with a telling
           address (program check X'BAD0', SVC X'C0C0', external X'E0E0',
           machine check X'DEC0', I/O X'1010'); a test may replace any of them.
           The end-of-program PSW (00020000 0000EEE0) is at X'1F8'.
  200-7FF  the test's code, ending with LPSW of the end PSW.
  800-BFF  the result area (RES): the code stores what it computed here.
  C00-FFF  constants (made by Prog.k4/k8/kb) and operand areas.
  1000-    optional further areas (Prog.area) for DAT tables, long moves, ...

Compared afterwards: GR0-15, FPR0-6, the PSW, storage 000-1FF (except the
restart old PSW at 008 and the interval timer at 050) and 800-FFF, plus every
extra area a test asks for.
"""

import re

CODE = 0x200
RES = 0x800
DATA = 0xC00
END_PSW = (0x00020000, 0x0000EEE0)

S370_RR = {'ssk': '0x0800', 'isk': '0x0900'}

DEFAULT_LOWCORE = {
    0x58: (0x00020000, 0x0000E0E0),   # external new PSW
    0x60: (0x00020000, 0x0000C0C0),   # SVC new PSW
    0x68: (0x00020000, 0x0000BAD0),   # program new PSW
    0x70: (0x00020000, 0x0000DEC0),   # machine-check new PSW
    0x78: (0x00020000, 0x00001010),   # I/O new PSW
}

# CC capture without IPM (not S/370): a chain of BCs stores 0-3 at OFF.
MACROS = r"""
	.macro CC off
	bc 6,.La\@
	bc 1,.Lb\@
	mvi \off,0
	bc 15,.Le\@
.La\@:	bc 2,.Lc\@
	mvi \off,1
	bc 15,.Le\@
.Lc\@:	mvi \off,2
	bc 15,.Le\@
.Lb\@:	mvi \off,3
.Le\@:
	.endm
"""


class Prog:
    """One test program: code lines, constants, results, expectations."""

    def __init__(self, name, note=''):
        self.name = name
        self.note = note
        self.code = []
        self.data = []
        self.areas = []          # (addr, lines) placed after X'1000'
        self.lowcore = dict(DEFAULT_LOWCORE)
        self.start_psw = (0x00000000, CODE)
        self.res = 0
        self.nk = 0
        self.dumps = []          # extra (addr, len) compared
        self.override = {}       # key -> PoO value, with self.why[key]
        self.why = {}
        self.ignored = {}        # key -> why ('GRn', 'PSW' or 'M:ADDR:LEN')

    # --- code -----------------------------------------------------------
    def i(self, *lines):
        for l in lines:
            m = re.match(r'(ssk|isk)\s+(%r\d+),(%r\d+)$', l)
            if m:   # S/370-only RR opcodes GNU as does not know
                l = '.insn rr,%s,%s,%s' % (S370_RR[m.group(1)], m.group(2), m.group(3))
            self.code.append(l if l.endswith(':') else '\t' + l)
        return self

    def label(self, name):
        self.code.append(name + ':')
        return self

    def slot(self, n, align=1):
        self.res = (self.res + align - 1) // align * align
        a = RES + self.res
        self.res += n
        assert self.res <= 0x400, self.name + ': result area full'
        return '%#x' % a

    def cc(self):
        """Store the current condition code (0-3) in the next result byte."""
        self.code.append('\tCC %s' % self.slot(1))
        return self

    def st(self, *regs):
        for r in regs:
            self.i('st %%r%d,%s' % (r, self.slot(4, 4)))
        return self

    def std(self, *regs):
        for r in regs:
            self.i('std %%f%d,%s' % (r, self.slot(8, 8)))
        return self

    # --- constants --------------------------------------------------------
    def _k(self, align, body):
        self.nk += 1
        lab = '.K%d' % self.nk
        self.data.append('\t.balign %d,0' % align)
        self.data.append('%s:\t%s' % (lab, body))
        return lab

    def k4(self, v):
        return self._k(4, '.long %#x' % (v & 0xffffffff))

    def k8(self, v):
        return self._k(8, '.quad %#x' % (v & 0xffffffffffffffff))

    def kb(self, hexstr, align=1):
        bs = bytes.fromhex(hexstr.replace(' ', ''))
        return self._k(align, '.byte ' + ','.join('%#x' % b for b in bs))

    def space(self, n, fill=0, align=1):
        return self._k(align, '.fill %d,1,%#x' % (n, fill))

    def area(self, addr, *lines, dump=None):
        """Put lines at ADDR (>= X'1000'); compare DUMP bytes there."""
        self.areas.append((addr, list(lines)))
        if dump:
            self.dumps.append((addr, dump))
        return self

    def expect(self, key, value, why):
        """Record the PoO answer where Hercules differs (see docs/testing.md).
        key: 'GRn', 'FPRn', 'PSW' or 'M:ADDR' (hex bytes from ADDR)."""
        self.override[key] = value
        self.why[key] = why
        return self

    def ignore(self, key, why):
        """Leave out of the comparison what the PoO leaves unpredictable
        (or model-dependent). key: 'GRn', 'FPRn', 'PSW' or 'M:ADDR:LEN'."""
        self.ignored[key] = why
        return self

    def ignored_bytes(self):
        out = set()
        for k in self.ignored:
            if k.startswith('M:'):
                a, n = k[2:].split(':')
                out |= set(range(int(a, 16), int(a, 16) + int(n, 16)))
        return out

    # --- output -----------------------------------------------------------
    def source(self):
        out = ['\t.text', MACROS, '\t.org 0',
               '\t.long %#x,%#x' % self.start_psw]
        for a in sorted(self.lowcore):
            out.append('\t.org %#x' % a)
            out.append('\t.long %s,%s' % tuple(x if isinstance(x, str) else '%#x' % x
                                                for x in self.lowcore[a]))
        out += ['\t.org 0x1f8', '.END:\t.long %#x,%#x' % END_PSW,
                '\t.org %#x' % CODE]
        out += self.code
        out += ['\tlpsw .END', '\t.org %#x' % DATA]
        out += self.data
        for addr, lines in sorted(self.areas):
            out.append('\t.org %#x' % addr)
            out += lines
        out.append('\t.balign 8,0')
        out.append('\t.quad 0')
        return '\n'.join(out) + '\n'

    def compared(self):
        """(addr, len) ranges compared, in the order they are reported."""
        return [(0, 0x200), (0x800, 0x800)] + self.dumps
