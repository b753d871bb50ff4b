#!/bin/sh
# Bad input around IPL devices and volumes: configuration lines naming an
# unknown device type, a missing image, a truncated or corrupt image
# header, an unreadable deck; dasd370 given bad images and arguments. Each
# gets a message naming the file (and the configuration line), a non-zero
# exit, and the image is not written (checksums before and after).
set -u
S370=${S370:-build/s370}
D=${DASD370:-build/dasd370}
DECKS=${DECKS:-build/decks}
pass=0; fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir" || exit 1
case $S370 in /*) ;; *) S370=$OLDPWD/$S370 ;; esac
case $D in /*) ;; *) D=$OLDPWD/$D ;; esac
case $DECKS in /*) ;; *) DECKS=$OLDPWD/$DECKS ;; esac

"$D" init good.3350 3350 GOOD 1 || bad "init"
head -c 100 good.3350 > trunc.3350                                   # header cut short
cp good.3350 magic.3350; printf 'XKD_P370' | dd of=magic.3350 conv=notrunc 2>/dev/null
cp good.3350 type.3350; printf '\060' | dd of=type.3350 bs=1 seek=16 conv=notrunc 2>/dev/null   # says 3330
cp good.3350 heads.3350; printf '\037' | dd of=heads.3350 bs=1 seek=8 conv=notrunc 2>/dev/null # 31 heads
"$D" init short.3350 3350 SHORT 2 && truncate -s -1000 short.3350   # last cylinder cut
mkdir adir
printf 'not an IPL deck\n' > text.deck
sums() { cksum good.3350 trunc.3350 magic.3350 type.3350 heads.3350 short.3350; }
before=$(sums)

# A configuration with line 3 = $1: exit 3 and a message with "c.cnf:3:" and $2.
config_error() {
    printf 'MAINSIZE 1\n000E 1403 p.txt\n%s\n' "$1" > c.cnf
    out=$(echo "ipl 130" | "$S370" -f c.cnf --headless 2>&1); rc=$?
    [ $rc -eq 3 ] || { bad "'$1': exit $rc"; return; }
    case $out in *"c.cnf:3: "*"$2"*) ok ;; *) bad "'$1': $out" ;; esac
}
config_error "0130 3351 good.3350" "unknown device type 3351"
config_error "0130 3350 missing.3350" "cannot open missing.3350: No such file or directory"
config_error "0130 3350 trunc.3350" "trunc.3350: too short for a CKD image"
config_error "0130 3350 magic.3350" "magic.3350: not a CKD image"
config_error "0130 3350 type.3350" "type.3350: the header names a 3330 but gives 30 heads"
config_error "0130 3350 heads.3350" "heads.3350: the header names a 3350 but gives 31 heads"
config_error "0130 3330 good.3350" "good.3350 is a 3350 volume, not a 3330"
config_error "000C 3505 missing.deck" "cannot open missing.deck"
config_error "000C 3505 adir" "cannot read adir: it is a directory"

# A deck that is not an IPL deck: the IPL fails with the CSW shown.
printf 'MAINSIZE 1\n000C 3505 text.deck ascii\n' > c.cnf
out=$(echo "ipl 00C" | "$S370" -f c.cnf --headless 2>&1)
case $out in *"IPL from 00C failed: CSW"*) ok ;; *) bad "text deck IPL: $out" ;; esac

# dasd370 refuses bad images, and writes nothing to them.
for f in trunc magic type heads; do
    out=$("$D" ipl $f.3350 "$DECKS/hello.bin" 2>&1); rc=$?
    case "$rc $out" in "1 dasd370: $f.3350"*) ok ;; *) bad "dasd370 ipl $f: $rc $out" ;; esac
    "$D" show $f.3350 >/dev/null 2>&1 && bad "dasd370 show $f succeeded" || ok
done
out=$("$D" ipl short.3350 "$DECKS/hello.bin" 2>&1); rc=$?
case "$rc $out" in *"1 dasd370: short.3350 is truncated"*) ok ;; *) bad "truncated image: $rc $out" ;; esac
out=$("$D" show short.3350 2>&1)
case $out in *"warning: "*"after the last whole cylinder"*) ok ;; *) bad "show truncated: $out" ;; esac
# A program too large for the volume, and a missing program.
head -c 600000 /dev/zero > big.bin
out=$("$D" ipl good.3350 big.bin --load 1000 2>&1); rc=$?
case "$rc $out" in *"1 dasd370: a program of 600000 bytes does not fit on this 1-cylinder 3350"*) ok ;;
    *) bad "big program: $rc $out" ;; esac
out=$("$D" ipl good.3350 nothing.bin 2>&1); rc=$?
case "$rc $out" in *"1 dasd370: cannot open nothing.bin"*) ok ;; *) bad "missing program: $rc $out" ;; esac
[ "$(sums)" = "$before" ] && ok || bad "an image changed: $(sums)"

# Track 0 damaged (R1's data length runs off the track): refused, unchanged.
cp good.3350 damaged.3350
printf '\377\377' | dd of=damaged.3350 bs=1 seek=$((512 + 5 + 16 + 6)) conv=notrunc 2>/dev/null
sum=$(cksum < damaged.3350)
out=$("$D" ipl damaged.3350 "$DECKS/hello.bin" 2>&1); rc=$?
case "$rc $out" in *"1 dasd370: cylinder 0 head 0 is damaged"*) ok ;; *) bad "damaged track 0: $rc $out" ;; esac
out=$("$D" dump damaged.3350 0 0 2>&1); rc=$?
case "$rc $out" in *"1 "*"the track is damaged"*) ok ;; *) bad "dump damaged: $rc $out" ;; esac
[ "$(cksum < damaged.3350)" = "$sum" ] && ok || bad "damaged image changed"

# Bad arguments: exit 2 with the usage; no file made for an unknown type.
"$D" frobnicate >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "unknown command"
"$D" init x.3350 3350 TOOLONGSER 1 >/dev/null 2>&1; [ $? -eq 2 ] && [ ! -e x.3350 ] && ok || bad "long volser"
out=$("$D" init x.3351 3351 VOL 1 2>&1); rc=$?
[ $rc -eq 1 ] && [ ! -e x.3351 ] && case $out in *"unknown DASD type 3351"*) true ;; *) false ;; esac && ok ||
    bad "unknown type: $rc $out"
out=$("$D" init good.3350 3350 NEW 1 2>&1); rc=$?
case "$rc $out" in *"1 dasd370: good.3350 exists"*) ok ;; *) bad "init over a file: $rc $out" ;; esac
"$D" dump good.3350 1 0 >/dev/null 2>&1; [ $? -eq 1 ] && ok || bad "dump beyond the volume"
"$D" deck "$DECKS/hello.bin" out.deck --load zz >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "bad --load"
"$D" tape "$DECKS/hello.bin" out.aws --psw 0123 >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "bad --psw"
[ "$(sums)" = "$before" ] && ok || bad "an image changed: $(sums)"

echo "ipl-errors: $pass passed, $fail failed"
[ $fail -eq 0 ]
