#!/bin/sh
# End to end through a real TN3270 client: decks/form3270.asm, IPLed from
# cards on build/s370 with two 3270s, is driven by s3270: it connects, reads
# the form, types into the input field, presses Enter, PF3, PA1 and Clear,
# and reads the program's echo of the AID and the field after each; a
# second s3270 asks for device 0C1 by name (LU 0C1, sent as terminal type
# IBM-3278-2@0C1). Each run listens on a random free port.
S370=${S370:-build/s370}
ASM=${ASM370:-build/asm370}
pass=0; fail=0
ok()   { pass=$((pass + 1)); }
bad()  { fail=$((fail + 1)); echo "FAIL: $*"; }
if ! command -v s3270 >/dev/null; then echo "tn3270: skipped (no s3270)"; exit 0; fi
dir=$(mktemp -d)
pids=""
cleanup() { for p in $pids; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT
. tests/lib/ipldeck.sh

"$ASM" -f bin -o "$dir/form.bin" decks/form3270.asm || { echo "tn3270: 0 passed, 1 failed (assembly)"; exit 1; }
ipl_deck "$dir/form.bin" 1000 1000 > "$dir/form.deck"
cat > "$dir/m.cnf" <<EOC
ARCHMODE S/370
MAINSIZE 1
000C 3505 $dir/form.deck ebcdic
00C0 3270
00C1 3270
EOC

# Start the machine on a random port (another run may hold one: retry).
mkfifo "$dir/console"
for try in 1 2 3 4 5; do
    port=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000 ))
    "$S370" -f "$dir/m.cnf" --tn3270 127.0.0.1:$port --ipl 00C < "$dir/console" > "$dir/s370.out" 2>&1 &
    s370=$!
    exec 4>"$dir/console"
    for i in 1 2 3 4 5 6 7 8 9 10; do
        grep -q "listening\|cannot listen" "$dir/s370.out" && break
        sleep 0.2
    done
    grep -q listening "$dir/s370.out" && break
    exec 4>&-
    kill $s370 2>/dev/null; wait $s370 2>/dev/null
done
pids="$s370"
grep -q "IPL from 00C complete" "$dir/s370.out" && ok || bad "IPL: $(cat "$dir/s370.out")"

# s3270 as a co-process: one action a line; wait for its ok or error.
start_s3270() {   # NAME
    mkfifo "$dir/$1.in"
    s3270 -model 3278-2 < "$dir/$1.in" > "$dir/$1.out" 2>&1 &
    pids="$pids $!"
}
act() {   # FD NAME ACTION: run one action, print its data lines
    before=$(grep -c '^ok$\|^error$' "$dir/$2.out")
    echo "$3" >&"$1"
    for i in $(seq 1 100); do
        [ "$(grep -c '^ok$\|^error$' "$dir/$2.out")" -gt "$before" ] && break
        sleep 0.1
    done
    awk -v n="$before" '/^(ok|error)$/ { seen++; next } seen == n && /^data: / { print substr($0, 7) }' "$dir/$2.out"
}
screen() { act "$1" "$2" 'Ascii()'; }
expect() {   # FD NAME TEXT WHAT
    s=$(screen "$1" "$2")
    case $s in *"$3"*) ok ;; *) bad "$4: want '$3' on the screen:"; printf '%s\n' "$s" ;; esac
}

start_s3270 a
exec 5>"$dir/a.in"
act 5 a "Connect(127.0.0.1:$port)" > /dev/null
act 5 a 'Wait(10,InputField)' > /dev/null
expect 5 a "FORM3270 ON DEVICE 0C0" "form on the first free device"
expect 5 a "LAST AID=NONE" "no AID yet"
act 5 a 'String("HELLO")' > /dev/null
act 5 a 'Enter()' > /dev/null
act 5 a 'Wait(10,Unlock)' > /dev/null
expect 5 a "LAST AID=ENTER FIELD=HELLO" "Enter echoes the field"
act 5 a 'String("ABC")' > /dev/null
act 5 a 'PF(3)' > /dev/null
act 5 a 'Wait(10,Unlock)' > /dev/null
expect 5 a "LAST AID=PF3   FIELD=ABC" "PF3 echoes the field"
act 5 a 'String("XYZ")' > /dev/null
act 5 a 'PA(1)' > /dev/null
act 5 a 'Wait(10,Unlock)' > /dev/null
s=$(screen 5 a)
case $s in *"LAST AID=PA1   FIELD=    "*) ok ;; *) bad "PA1 is a short read (no field): $s" ;; esac
act 5 a 'Clear()' > /dev/null
act 5 a 'Wait(10,Unlock)' > /dev/null
expect 5 a "LAST AID=CLEAR FIELD= " "Clear"
s=$(act 5 a 'Query(Cursor)')
case $s in "2 8"*) ok ;; *) bad "cursor in the input field after the write: $s" ;; esac

# A second client asks for 0C1 by name; a third asks for the busy 0C0.
start_s3270 b
exec 6>"$dir/b.in"
act 6 b "Connect(0C1@127.0.0.1:$port)" > /dev/null
act 6 b 'Wait(10,InputField)' > /dev/null
expect 6 b "FORM3270 ON DEVICE 0C1" "named device 0C1"
act 6 b 'String("SECOND")' > /dev/null
act 6 b 'Enter()' > /dev/null
act 6 b 'Wait(10,Unlock)' > /dev/null
expect 6 b "LAST AID=ENTER FIELD=SECOND" "second session works"
expect 5 a "LAST AID=CLEAR" "first session undisturbed"

start_s3270 c
exec 7>"$dir/c.in"
act 7 c "Connect(0C0@127.0.0.1:$port)" > /dev/null
act 7 c 'Wait(3,Output)' > /dev/null
s=$(screen 7 c)
case $s in *"Terminal 0C0 is in use"*) ok ;; *) bad "busy device named: $s" ;; esac
act 7 c 'Quit()' > /dev/null

# The first client goes away and a new one gets 0C0 again, with the form.
act 5 a 'Disconnect()' > /dev/null
start_s3270 d
exec 8>"$dir/d.in"
sleep 0.3
act 8 d "Connect(127.0.0.1:$port)" > /dev/null
act 8 d 'Wait(10,InputField)' > /dev/null
expect 8 d "FORM3270 ON DEVICE 0C0" "reconnect gets 0C0 and a fresh form"

for fd in 5 6 8; do echo "Quit()" >&$fd; done
echo quit >&4
exec 4>&- 5>&- 6>&- 7>&- 8>&-
wait $s370
echo "tn3270: $pass passed, $fail failed"
[ $fail -eq 0 ]
