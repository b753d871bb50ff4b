#!/bin/sh
# IPL of the standalone programs in decks/ from each device class (card
# reader, tape, DASD) on this machine, driven only by console commands on
# stdin (build/s370 -f CONF --headless); the card deck reads, punches and
# prints cards. Then the volumes dasd370 makes against Hercules' dasdinit,
# byte for byte, and a dasdinit volume read here.
set -u
S370=${S370:-build/s370}
D=${DASD370:-build/dasd370}
DECKS=${DECKS:-build/decks}
pass=0; fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# A machine with the unit record devices and one IPL device line ($1).
machine() {
    cat > "$dir/m.cnf" <<EOC
ARCHMODE S/370
MAINSIZE 2
000D 3525 $dir/punch.txt ascii
000E 1403 $dir/print.txt
0009 3215
$1
EOC
    rm -f "$dir/punch.txt" "$dir/print.txt"
}

hello='HELLO FROM A STANDALONE S/370 PROGRAM'
# IPL hello from CUU ($1) configured by line $2; the line appears on the
# printer and on the console (standard output), and the program ends in
# its success wait.
ipl_hello() {
    machine "$2"
    out=$(printf 'ipl %s\n' "$1" | "$S370" -f "$dir/m.cnf" --headless --deterministic 2>&1)
    case $out in *"IPL from $1 complete"*"$hello"*"disabled wait state PSW=00020000 00000000"*) ok ;;
        *) bad "IPL hello from $1: $out" ;; esac
    [ "$(cat "$dir/print.txt")" = "$hello" ] && ok || bad "hello from $1 printed: $(cat "$dir/print.txt")"
}

"$D" deck "$DECKS/hello.bin" "$dir/hello.deck" && ok || bad "dasd370 deck"
ipl_hello 00C "000C 3505 $dir/hello.deck ebcdic"
"$D" tape "$DECKS/hello.bin" "$dir/hello.aws" && ok || bad "dasd370 tape"
ipl_hello 180 "0180 3420 $dir/hello.aws ro"
"$D" init "$dir/hello.3380" 3380 HELLO1 1 && "$D" ipl "$dir/hello.3380" "$DECKS/hello.bin" && ok || bad "dasd370 ipl"
ipl_hello 190 "0190 3380 $dir/hello.3380"

# The card deck: the bootstrap and cardio, then three data cards. cardio
# reads them to the unit exception (eof), punches and prints each, and
# prints a trailer after a skip to channel 1.
printf 'FIRST CARD\n  SECOND, INDENTED\nTHIRD 0123456789\n' > "$dir/cards.txt"
"$D" deck "$DECKS/cardio.bin" "$dir/cardio.deck" --data "$dir/cards.txt" && ok || bad "dasd370 deck --data"
machine "000C 3505 $dir/cardio.deck ebcdic eof"
out=$(printf 'ipl 00C\n' | "$S370" -f "$dir/m.cnf" --headless --deterministic 2>&1)
case $out in *"disabled wait state PSW=00020000 00000000"*) ok ;; *) bad "cardio: $out" ;; esac
cmp -s "$dir/punch.txt" "$dir/cards.txt" && ok || bad "punched: $(cat "$dir/punch.txt")"
printf 'FIRST CARD\n  SECOND, INDENTED\nTHIRD 0123456789\n00003 CARDS\f' > "$dir/want.txt"
cmp -s "$dir/print.txt" "$dir/want.txt" && ok || bad "printed: $(od -c "$dir/print.txt" | head)"

# dasd370 init makes what dasdinit makes, byte for byte.
if command -v dasdinit >/dev/null 2>&1; then
    for t in 2314 3350; do
        (cd "$dir" && dasdinit -a "h.$t" $t V$t 1 >/dev/null 2>&1) || bad "dasdinit $t"
        "$D" init "$dir/o.$t" $t V$t 1 || bad "dasd370 init $t"
        cmp -s "$dir/h.$t" "$dir/o.$t" && ok || bad "dasd370 init $t differs from dasdinit"
    done
    # A dasdinit volume: show, dump, then IPL volid from it here.
    (cd "$dir" && dasdinit -a herc.3350 3350 HERC01 2 >/dev/null 2>&1)
    out=$("$D" show "$dir/herc.3350")
    case $out in *"type: 3350"*"cylinders: 2"*"heads: 30"*"track size: 19456"*"volser: HERC01"*) ok ;;
        *) bad "show: $out" ;; esac
    out=$("$D" dump "$dir/herc.3350" 0 0)
    case $out in *"R3   count 0000 0000 03 04 0050"*"key  0000 E5D6D3F1"*"VOL1HERC01"*"end of track at offset 305"*) ok ;;
        *) bad "dump: $out" ;; esac
    "$D" ipl "$dir/herc.3350" "$DECKS/volid.bin" && ok || bad "dasd370 ipl on a dasdinit volume"
    machine "0130 3350 $dir/herc.3350"
    out=$(printf 'ipl 130\n' | "$S370" -f "$dir/m.cnf" --headless --deterministic 2>&1)
    case $out in *"disabled wait state PSW=00020000 00000000"*) ok ;; *) bad "volid: $out" ;; esac
    [ "$(cat "$dir/print.txt")" = "VOLUME SERIAL HERC01" ] && ok || bad "volid printed: $(cat "$dir/print.txt")"
    "$D" show "$dir/herc.3350" | grep -qx "ipl psw: 00000000 00000400" && ok || bad "show ipl psw: $("$D" show "$dir/herc.3350")"
    # The records after the label are kept: VOL1 is still R3.
    "$D" dump "$dir/herc.3350" 0 0 | grep -q "VOL1HERC01" && ok || bad "VOL1 lost by dasd370 ipl"
else
    echo "ipl: dasdinit not installed: interchange part skipped"
fi

echo "ipl: $pass passed, $fail failed"
[ $fail -eq 0 ]
