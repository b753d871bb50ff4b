#!/bin/sh
# The asm370 command line: -I macro library and COPY directories, -l, -f bin,
# -o, FILE:LINE errors with a non-zero exit, and --link with a map.
# Prints "asm-cli: N passed, M failed".
set -u
ASM=${ASM370:-build/asm370}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; }
hex() { od -An -v -tx1 "$1" | tr -d ' \n'; }

mkdir -p "$tmp/mac" "$tmp/cpy"
printf ' MACRO\n&L SETR &R,&V=0\n&L LA &R,&V\n MEND\n' > "$tmp/mac/setr.mac"
printf 'FLAG DC X%s80%s\n' "'" "'" > "$tmp/cpy/FLAGS.cpy"
printf 'P START X%s100%s\n SETR 1,V=5\n COPY FLAGS\n END P\n' "'" "'" > "$tmp/p.asm"
if "$ASM" -I "$tmp/mac" -I "$tmp/cpy" -f bin -o "$tmp/p.bin" -l "$tmp/p.lst" -m "$tmp/p.map" "$tmp/p.asm"; then
    grep -q "^000104 LB FLAG$" "$tmp/p.map" && ok || bad "-m map: $(cat "$tmp/p.map")"
    [ "$(hex "$tmp/p.bin")" = "4110000580" ] && ok || bad "-I library: $(hex "$tmp/p.bin")"
    grep -q "CROSS-REFERENCE" "$tmp/p.lst" && ok || bad "-l listing"
else
    bad "-I library assembly"
fi

printf ' START 0\n LR 1,2\n L 1,UNDEFINED\n' > "$tmp/e.asm"
if "$ASM" -o "$tmp/e.obj" "$tmp/e.asm" 2> "$tmp/e.err"; then bad "error exit status"; else ok; fi
grep -q "e.asm:3: error: undefined symbol UNDEFINED" "$tmp/e.err" && ok || bad "FILE:LINE message: $(cat "$tmp/e.err")"
[ ! -e "$tmp/e.obj" ] && ok || bad "no output after errors"

printf 'A CSECT\n DC V(B)\n END A\n' > "$tmp/a.asm"
printf 'B CSECT\n DC A(B)\n END\n' > "$tmp/b.asm"
if "$ASM" -o "$tmp/a.obj" "$tmp/a.asm" && "$ASM" -o "$tmp/b.obj" "$tmp/b.asm" &&
   "$ASM" --link -o "$tmp/ab.bin" -m "$tmp/ab.map" --origin 2000 "$tmp/a.obj" "$tmp/b.obj"; then
    [ "$(hex "$tmp/ab.bin")" = "000020080000000000002008" ] && ok || bad "link image: $(hex "$tmp/ab.bin")"
    grep -q "^002008 SD B " "$tmp/ab.map" && ok || bad "link map: $(cat "$tmp/ab.map")"
else
    bad "link"
fi
[ $((($(wc -c < "$tmp/a.obj")) % 80)) -eq 0 ] && ok || bad "deck of 80-byte records"
echo "asm-cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
