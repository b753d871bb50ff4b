#!/bin/sh
# The host console, headless: commands on stdin, replies on stdout. A small
# program (assembled by asm370 with a symbol map) is put into storage with
# r ADDR=HEX and started with restart; the script synchronises with
# waitstop. Checks storage and register display and alteration, the PSW,
# breakpoints, single step, the instruction trace with symbols, the
# interrupt key and restart (old PSWs at X'18' and X'08'), virtual storage
# through DAT tables, attach/detach/devinit, ipl while running, bad
# commands, and Ctrl-C (SIGINT), which ends nothing but the current command.
ASM=${ASM370:-build/asm370}
S370=${S370:-build/s370}
pass=0; fail=0
ok()   { pass=$((pass + 1)); }
bad()  { fail=$((fail + 1)); echo "FAIL: $*"; }
has()  { case $1 in *"$2"*) ok ;; *) bad "$3: want '$2' in:"; printf '%s\n' "$1" | sed 's/^/    /' ;; esac; }
hasnt(){ case $1 in *"$2"*) bad "$3: did not want '$2'" ;; *) ok ;; esac; }
dir=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$dir"' EXIT

cat > "$dir/p.asm" <<'SRC'
CONTEST  START 0
         DC    X'00000000',A(BEGIN)     restart new PSW
         ORG   CONTEST+X'58'
         DC    X'00020000',A(X'E58')    external new PSW: disabled wait
         ORG   CONTEST+X'68'
         DC    X'00020000',A(X'E68')    program new PSW: disabled wait
         ORG   CONTEST+X'1000'
BEGIN    BALR  12,0
         USING *,12
         LCTL  0,0,CR0                  only the interrupt key
         L     1,=F'5'
         SR    2,2
LOOP     AR    2,1                      2 = 5+4+3+2+1
         BCT   1,LOOP
         ST    2,RESULT
         LPSW  WAITPSW                  wait for the interrupt key
         DS    0D
WAITPSW  DC    X'01020000',A(X'BAD')
CR0      DC    X'00000040'
RESULT   DS    F
         LTORG
         END
SRC
if ! "$ASM" -f bin -o "$dir/p.bin" -m "$dir/p.map" "$dir/p.asm"; then
    echo "console: 0 passed, 1 failed (assembly failed)"
    exit 1
fi
# The image as r ADDR=HEX commands, 256 bytes each, all-zero ones left out.
od -An -v -tx1 "$dir/p.bin" | tr -d ' \n' | fold -w 512 |
    awk '{ if ($0 !~ /^0*$/) printf "r %X=%s\n", (NR - 1) * 256, $0 }' > "$dir/load.cmd"

# A one-card IPL deck as in configured.sh: PSW X'0002000C 00000BAD'.
printf '\000\002\000\000\000\000\013\255\003\000\000\000\000\000\000\001' > "$dir/ipl.deck"
head -c 64 /dev/zero >> "$dir/ipl.deck"
cat > "$dir/m.cnf" <<EOC
ARCHMODE S/370
MAINSIZE 1
000C 3505 $dir/ipl.deck ebcdic
0009 3215
EOC
run() { "$S370" -f "$dir/m.cnf" --headless --deterministic 2>&1; }

# --- breakpoint, step, trace with symbols, interrupt key, restart ---------
out=$( { cat "$dir/load.cmd"; cat <<EOF
sym $dir/p.map
r 1000.4
b 100C
restart
waitstop
gpr
s 2
waitstop
start
waitstop
b-
t+ $dir/trace.txt
start
waitstop
t-
r 102C.4
ext
waitstop
r 18.8
restart
waitstop
r 8.8
psw
quit
EOF
} | run)
has "$out" "6 symbols from $dir/p.map" "sym"
has "$out" "R:001000 05C0B700                            *.{..*" "r after alteration"
has "$out" "breakpoints: 00100C(LOOP)" "b lists with symbols"
has "$out" "breakpoint at 00100C LOOP: PSW=00000000 0000100C" "breakpoint stop"
has "$out" "GR00=00000000 GR01=00000005 GR02=00000000" "registers at the breakpoint"
has "$out" "00100C 1A21         AR      2,1                  LOOP" "step trace line"
has "$out" "00100E 4610C00A     BCT     1,10(0,12)           LOOP+X'2'" "step trace line 2"
has "$out" "stopped after 2 instructions; PSW=00000000 2000100C" "step end"
n=$(printf '%s\n' "$out" | grep -c "breakpoint at 00100C")
[ "$n" -eq 2 ] && ok || bad "start from a breakpoint stops there again after one loop ($n stops)"
has "$out" "instruction trace on to $dir/trace.txt" "t+ FILE"
has "$out" "R:00102C 0000000F" "the program ran to its end (sum 15)"
has "$out" "R:000018 01020040 00000BAD" "interrupt key: external old PSW, code 0040"
has "$out" "disabled wait state PSW=00020000 00000E58" "external new PSW"
has "$out" "R:000008 00020000 00000E58" "restart old PSW"
has "$out" "PSW=01020000 00000BAD" "after restart the program waits again"
trace=$(cat "$dir/trace.txt" 2>/dev/null)
has "$trace" "001012 5020C02A     ST      2,42(0,12)           LOOP+X'6'" "trace file: ST"
has "$trace" "001016 8200C01E     LPSW    30(12)               LOOP+X'A'" "trace file: LPSW"
n=$(printf '%s\n' "$trace" | wc -l)
[ "$n" -eq 8 ] && ok || bad "trace file has $n lines, want 8 (AR and BCT 3 times, ST, LPSW)"
hasnt "$out" "001012 5020" "no trace on the console with t+ FILE"

# --- registers, PSW, bad input ---------------------------------------------
out=$(run <<'EOF'
gpr 3=1234ABCD
gpr 16=1
gpr 3=123456789
cr 1=00ABCDEF
fpr 2=4110000000000000
fpr 3=1
r 1000000
r 100000
r 10-8
r 10=ABC
r FFFFF=0000
r 20=C1C2C3C4
r 20-2F
ipl 1000
ipl 0FF
b 1001
s 0
frob
detach 123
devinit 00C
help v
quit
EOF
)
has "$out" "GR03=1234ABCD" "gpr alter"
has "$out" "gpr: 16=1: want N=HEX with N from 0 to 15" "gpr bad register"
has "$out" "gpr: 123456789: want up to 8 hexadecimal digits" "gpr too long"
has "$out" "CR01=00ABCDEF" "cr alter"
has "$out" "FPR0=0000000000000000 FPR2=4110000000000000" "fpr alter"
has "$out" "fpr: 3: the floating-point registers are 0, 2, 4 and 6" "fpr odd"
has "$out" "r: 1000000: want ADDR" "r beyond 24 bits"
has "$out" "r: address 100000 beyond storage (main storage is 1M)" "r beyond storage"
has "$out" "r: 10-8: the end is below the start" "r range"
has "$out" "r: ABC: want an even number of hexadecimal digits" "r odd digits"
has "$out" "r: 0FFFFF.2 beyond storage (main storage is 1M)" "r alter beyond storage"
has "$out" "R:000020 C1C2C3C4 00000000 00000000 00000000 *ABCD............*" "r alter shows"
has "$out" "ipl: want a device address" "ipl bad address"
has "$out" "IPL device 0FF is not configured" "ipl missing device"
has "$out" "b: want an even instruction address" "b odd"
has "$out" "s: want a positive number" "s 0"
has "$out" "unknown command frob (try help)" "unknown command"
has "$out" "detach: device 123 is not configured" "detach missing"
has "$out" "devinit: want CUU FILE [options]" "devinit usage"
has "$out" "v ADDR[.LEN|-END]" "help v"

# --- virtual storage through DAT tables ------------------------------------
# 4K pages, 64K segments; segment table at 2000 (segment 0 valid, 1
# invalid), page table at 3000 (page 0 at real 5000, page 1 invalid).
out=$(run <<'EOF'
cr 0=00800000
cr 1=00002000
r 2000=F000300000000001
r 3000=00500008
r 5000=C1C2C3C4
r 0=050A000000000000
v 0.4
restart
waitstop
psw
v 0.4
v 1000.4
v 10000.4
v 100000.4
r 2000.8
quit
EOF
)
has "$out" "v: DAT is off: virtual addresses are real" "v with DAT off"
has "$out" "V:000000 R:000000 050A0000" "v with DAT off shows real"
has "$out" "PSW=050A0000 00000000" "DAT on in a wait"
has "$out" "V:000000 R:005000 C1C2C3C4" "v through the tables"
has "$out" "v: 001000: page-translation exception" "v invalid page"
has "$out" "v: 010000: segment-translation exception" "v invalid segment"
has "$out" "v: 100000: segment-translation exception" "v beyond the segment table"
has "$out" "R:002000 F0003000 00000001" "v changed no table"

# --- devices ----------------------------------------------------------------
printf 'HELLO\n' > "$dir/deck.txt"
out=$(run <<EOF
attach 00D 3525 $dir/punch.txt ascii
attach 00D 3525 $dir/other.txt
attach 010 9999
attach 011 3525
devlist
detach 00D
detach 00D
devinit 00C $dir/deck.txt
devinit 00C $dir/deck.txt ebcdic eof
devinit 00C $dir/missing.txt
devlist
quit
EOF
)
has "$out" "00D 3525 attached" "attach"
has "$out" "00D 3525 $dir/punch.txt ascii, 0 cards punched" "devlist after attach"
has "$out" "attach: device 00D exists (detach it first)" "attach twice"
has "$out" "attach: unknown device type 9999" "attach bad type"
has "$out" "attach 011 3525: the punch needs an output file" "attach bad arguments"
has "$out" "00D detached" "detach"
has "$out" "detach: device 00D is not configured" "detach twice"
has "$out" "00C: $dir/deck.txt loaded" "devinit reader"
has "$out" "00C: $dir/deck.txt initialized" "devinit with options"
has "$out" "00C 3505 $dir/deck.txt ebcdic" "devinit options took effect"
has "$out" "devinit 00C:" "devinit missing file"

# --- ipl while the CPU runs (a BC *-loop) -------------------------------------
out=$(run <<'EOF'
r 0=0000000000000800
r 800=47F00800
restart
psw
ipl 00C
waitstop
quit
EOF
)
has "$out" "IPL from 00C complete" "ipl while running"
has "$out" "disabled wait state PSW=0002000C 00000BAD" "ipl while running: the new program"

# --- Ctrl-C (SIGINT) cancels a step, the run goes on ------------------------
mkfifo "$dir/in"
"$S370" -f "$dir/m.cnf" --headless > "$dir/int.out" 2>&1 < "$dir/in" &
pid=$!
exec 3>"$dir/in"
printf 't+ /dev/null\nr 0=0000000000000800\nr 800=47F00800\nrestart\ns 100000000\n' >&3
sleep 0.3
kill -INT $pid
sleep 0.5
printf 'psw\nquit\n' >&3
exec 3>&-
wait $pid; rc=$?
pid=
out=$(cat "$dir/int.out")
has "$out" "step cancelled after" "SIGINT cancels the step"
has "$out" "interrupted (quit ends the run)" "SIGINT message"
has "$out" "PSW=00000000 00000800" "the run went on after SIGINT"
[ $rc -eq 0 ] && ok || bad "exit status $rc after SIGINT and quit"

echo "console: $pass passed, $fail failed"
[ $fail -eq 0 ]
