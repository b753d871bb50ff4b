#!/bin/sh
# Hercules IPLs what dasd370 writes: hello from an IPL tape, cardio from an
# IPL card deck (with data cards, punched and printed back), and volid from
# a volume dasd370 made (it reads the VOL1 label through the channel and
# prints it). Then ovfltest writes a track overflow record on a fresh 3330
# on Hercules and on this machine: the two volumes must be the same, byte
# for byte. Hercules 3.13 runs one process for the four IPLs, from an .rc
# script, and is killed at the end whatever happens.
set -u
S370=${S370:-build/s370}
D=${DASD370:-build/dasd370}
DECKS=${DECKS:-build/decks}
if ! command -v hercules >/dev/null 2>&1; then
    echo "ipl-hercules: skipped (hercules not installed)"
    exit 0
fi
pass=0; fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
dir=$(mktemp -d); [ -n "${KEEP:-}" ] && echo "$dir"
hpid=
cleanup() {
    [ -n "$hpid" ] && kill -9 "$hpid" 2>/dev/null
    [ -n "${KEEP:-}" ] || rm -rf "$dir"
}
trap cleanup EXIT INT TERM

printf 'CARD ONE\nCARD TWO\n' > "$dir/cards.txt"
"$D" tape "$DECKS/hello.bin" "$dir/hello.aws" && ok || bad "dasd370 tape"
"$D" deck "$DECKS/cardio.bin" "$dir/cardio.deck" --data "$dir/cards.txt" && ok || bad "dasd370 deck"
"$D" init "$dir/ours.3330" 3330 OURVOL 2 && "$D" ipl "$dir/ours.3330" "$DECKS/volid.bin" && ok ||
    bad "dasd370 init/ipl"
sum_before=$(cksum < "$dir/ours.3330")
"$D" deck "$DECKS/ovfltest.bin" "$dir/ovfl.deck" && "$D" init "$dir/ovh.3330" 3330 OVFL 1 &&
    cp "$dir/ovh.3330" "$dir/ovo.3330" && ok || bad "ovfltest deck and volumes"
printf 'MAINSIZE 2\n000C 3505 %s/ovfl.deck ebcdic\n0131 3330 %s/ovo.3330\n' "$dir" "$dir" > "$dir/o.cnf"
out=$(echo "ipl 00C" | "$S370" -f "$dir/o.cnf" --headless --deterministic 2>&1)
case $out in *"disabled wait state PSW=00020000 00000000"*) ok ;; *) bad "ovfltest here: $out" ;; esac

cat > "$dir/h.cnf" <<EOC
ARCHMODE S/370
NUMCPU 1
MAINSIZE 2
000C 3505 $dir/cardio.deck ebcdic eof
000D 3525 $dir/punch.txt ascii
000E 1403 $dir/print.txt
0180 3420 $dir/hello.aws
0130 3330 $dir/ours.3330
0010 3505 $dir/ovfl.deck ebcdic
0131 3330 $dir/ovh.3330
EOC
cat > "$dir/h.rc" <<EOC
ipl 0180
pause 1
stop
pause 1
ipl 000C
pause 1
stop
pause 1
ipl 0130
pause 1
r 300.8
stop
pause 1
ipl 0010
pause 1
msgnoh IPLTEST-DONE
pause 1
quit
EOC
(cd "$dir" && HERCULES_RC=h.rc exec hercules -d -f h.cnf > log.txt 2>&1) &
hpid=$!
i=0
while kill -0 "$hpid" 2>/dev/null && [ $i -lt 30 ]; do sleep 1; i=$((i + 1)); done
kill -9 "$hpid" 2>/dev/null
wait "$hpid" 2>/dev/null
hpid=

# Four disabled waits, each the success PSW (Hercules shows the ILC in byte 4).
n=$(grep -A1 "HHCCP011I" "$dir/log.txt" | grep -cE "PSW=00020000 [0-9A-F]{2}000000")
[ "$n" -eq 4 ] && ok || bad "Hercules waits: $(grep -A1 HHCCP011I "$dir/log.txt")"
grep -q "R:00000300:K:..=D6E4D9E5 D6D30000" "$dir/log.txt" && ok || bad "volid's serial at 300: $(grep R:0 "$dir/log.txt")"
printf 'HELLO FROM A STANDALONE S/370 PROGRAM\nCARD ONE\nCARD TWO\n00002 CARDS\fVOLUME SERIAL OURVOL\n' > "$dir/want.txt"
tr -d '\r' < "$dir/print.txt" > "$dir/print.lf"
cmp -s "$dir/print.lf" "$dir/want.txt" && ok || bad "Hercules printed: $(od -c "$dir/print.txt" | head -20)"
cmp -s "$dir/punch.txt" "$dir/cards.txt" && ok || bad "Hercules punched: $(cat "$dir/punch.txt")"
cmp -s "$dir/ovh.3330" "$dir/ovo.3330" && ok || bad "track overflow volumes differ: $(cmp "$dir/ovh.3330" "$dir/ovo.3330")"
"$D" dump "$dir/ovo.3330" 0 1 | grep -q "^R1   count 0000 0001 01 00 32C8  (key 0, data 13000) track overflow" &&
    ok || bad "dump of a segment: $("$D" dump "$dir/ovo.3330" 0 1 | grep R1)"
# Hercules only read the volume.
[ "$(cksum < "$dir/ours.3330")" = "$sum_before" ] && ok || bad "the volume changed"

echo "ipl-hercules: $pass passed, $fail failed"
[ $fail -eq 0 ]
