#!/bin/sh
# Behaviour old software relies on, checked with standalone programs
# (tests/compat/*.asm) IPLed on a configured machine:
# - IPL from tape starts at the tape's position: two IPLs from one AWS tape
#   load two consecutive programs;
# - the 3215 request key: a line typed while no read is pending presents
#   attention and is kept for the next read; an empty line answers a
#   pending read with no data.
S370=${S370:-build/s370}
ASM=${ASM370:-build/asm370}
here=$(dirname "$0")/../compat
pass=0; fail=0
ok()   { pass=$((pass + 1)); }
bad()  { fail=$((fail + 1)); echo "FAIL: $*"; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

for l in A B; do
    sed "s/@/$l/g" "$here/tapeprog.asm" > "$dir/prog$l.asm"
    "$ASM" -f bin -o "$dir/prog$l.bin" "$dir/prog$l.asm" || bad "assembling program $l"
done
"$ASM" -f bin -o "$dir/reqkey.bin" "$here/reqkey.asm" || bad "assembling reqkey.asm"
python3 "$here/awstape.py" "$dir/two.aws" "$dir/progA.bin" "$dir/progB.bin"
python3 "$here/awstape.py" "$dir/reqkey.aws" "$dir/reqkey.bin"
cat > "$dir/m.cnf" <<EOC
ARCHMODE S/370
MAINSIZE 2
0009 3215-C /
0180 3420 $dir/two.aws ro
0181 3420 $dir/reqkey.aws ro
EOC

# The console loop runs each command line as it comes: the pauses let each
# program run before the next line.
out=$({ echo "ipl 180"; sleep 1; echo "ipl 180"; sleep 1; echo "ipl 181"; sleep 1
        echo "/hello world"; sleep 1; echo "/"; sleep 1; } |
      "$S370" -f "$dir/m.cnf" --headless --deterministic 2>&1)
first=$(printf '%s\n' "$out" | grep -n "PROGRAM A" | cut -d: -f1)
second=$(printf '%s\n' "$out" | grep -n "PROGRAM B" | cut -d: -f1)
[ -n "$first" ] && ok || bad "first IPL from tape: $out"
[ -n "$second" ] && [ "${first:-0}" -lt "$second" ] && ok || bad "second IPL did not load the next program: $out"
case $out in *"PSW=00020000 00000AAA"*"PSW=00020000 00000BBB"*) ok ;; *) bad "wait PSWs A then B: $out" ;; esac
case $out in *READY*"GOT:hello world"*) ok ;; *) bad "text typed ahead not read after attention: $out" ;; esac
case $out in *"GOT:hello world"*EMPTY*) ok ;; *) bad "empty line did not answer the read with no data: $out" ;; esac
case $out in *"PSW=00020000 00000CCC"*) ok ;; *) bad "request key program end: $out" ;; esac

echo "compat-ipl: $pass passed, $fail failed"
[ $fail -eq 0 ]
