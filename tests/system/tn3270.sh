#!/bin/sh
# End to end through a real TN3270 client: decks/form3270.asm, IPLed from
# cards on build/s370 with two 3270s, is driven by s3270: it connects, reads
# the form, types into the input field, presses Enter, PF3, PA1 and Clear,
# and reads the program's echo of the AID and the field after each, then
# PF12 makes it write a bad data stream (operation check); a
# second s3270 asks for device 0C1 by name (LU 0C1, sent as terminal type
# IBM-3278-2@0C1 in basic TN3270: N:). The first negotiates TN3270E (RFC
# 2355, s3270's default) and gets its device as LU name; a refused
# TN3270E device request makes s3270 fall back to basic TN3270, which shows
# the refusal screen. Two more 3270s take clients from 10.0.0.0/8 only: a
# client from 127.0.0.1 that names one is refused, and one that asks for
# any device, when 0C0 and 0C1 are taken, gets the no-free-device screen.
# Each run listens on a random free port.
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
. tests/lib/tn3270.sh

start_machine "00C2 3270 * 10.1.2.3
00C3 3270 MOD3 10.0.0.0 255.0.0.0" && ok || bad "IPL: $(cat "$dir/s370.out")"

start_s3270 a 5
act 5 a "Connect(127.0.0.1:$port)" > /dev/null
act 5 a 'Wait(10,InputField)' > /dev/null
expect 5 a "FORM3270 ON DEVICE 0C0" "form on the first free device"
expect 5 a "LAST AID=NONE" "no AID yet"
s=$(act 5 a 'Query(ConnectionState)'; act 5 a 'Query(LuName)')
case $(echo $s) in "connected-tn3270e 0C0") ok ;; *) bad "TN3270E with the device as LU name: $s" ;; esac
act 5 a 'String("HELLO")' > /dev/null
key 5 a 'Enter()'
expect 5 a "LAST AID=ENTER FIELD=HELLO" "Enter echoes the field"
act 5 a 'String("ABC")' > /dev/null
key 5 a 'PF(3)'
expect 5 a "LAST AID=PF3   FIELD=ABC" "PF3 echoes the field"
act 5 a 'String("XYZ")' > /dev/null
key 5 a 'PA(1)'
s=$(screen 5 a)
case $s in *"LAST AID=PA1   FIELD=    "*) ok ;; *) bad "PA1 is a short read (no field): $s" ;; esac
key 5 a 'Clear()'
expect 5 a "LAST AID=CLEAR FIELD= " "Clear"
s=$(act 5 a 'Query(Cursor)')
case $s in "2 8"*) ok ;; *) bad "cursor in the input field after the write: $s" ;; esac
# PF12: the program writes a bad data stream (SBA 4095); the device ends it
# with operation check and the operator console names device and problem.
act 5 a 'PF(12)' > /dev/null
for i in $(seq 1 50); do
    case $(screen 5 a) in *"LAST AID=PF12  FIELD=OPERATION CHECK"*) break ;; esac
    sleep 0.1
done
expect 5 a "LAST AID=PF12  FIELD=OPERATION CHECK" "bad data stream: unit check, sense X'01'"
grep -q "3270 0C0: bad data stream from the program, Write, data offset 2: SBA: buffer address 4095 beyond the screen (24x80 = 1920): unit check, operation check" \
    "$dir/s370.out" && ok || bad "operator message for the bad data stream: $(cat "$dir/s370.out")"

# A second client asks for 0C1 by name; a third asks for the busy 0C0.
start_s3270 b 6
act 6 b "Connect(N:0C1@127.0.0.1:$port)" > /dev/null
act 6 b 'Wait(10,InputField)' > /dev/null
expect 6 b "FORM3270 ON DEVICE 0C1" "named device 0C1"
s=$(act 6 b 'Query(ConnectionState)')
case $s in connected-3270) ok ;; *) bad "N: is basic TN3270: $s" ;; esac
act 6 b 'String("SECOND")' > /dev/null
key 6 b 'Enter()'
expect 6 b "LAST AID=ENTER FIELD=SECOND" "second session works"
expect 5 a "LAST AID=PF12" "first session undisturbed"

start_s3270 c 7
act 7 c "Connect(0C0@127.0.0.1:$port)" > /dev/null
act 7 c 'Wait(3,Output)' > /dev/null
s=$(screen 7 c)
case $s in *"Terminal 0C0 is in use"*) ok ;; *) bad "busy device named: $s" ;; esac
act 7 c 'Quit()' > /dev/null

# refused FD NAME TARGET TEXT WHAT: a client that connects to TARGET sees TEXT.
refused() {
    start_s3270 "$2" "$1"
    act "$1" "$2" "Connect($3)" > /dev/null
    for i in $(seq 1 30); do
        s=$(screen "$1" "$2")
        case $s in *"$4"*) break ;; esac
        sleep 0.1
    done
    case $s in *"$4"*) ok ;; *) bad "$5: $s" ;; esac
    act "$1" "$2" 'Quit()' > /dev/null
}
refused 7 e "0C2@127.0.0.1:$port" "Terminal 0C2 does not take clients from 127.0.0.1" "restricted device refused"
refused 7 f "127.0.0.1:$port" "No 3270 terminal is free" "only restricted devices left"
echo devlist >&4
sleep 0.2
grep -q "0C2 3270 no terminal" "$dir/s370.out" && grep -q "0C3 3270 no terminal" "$dir/s370.out" && ok ||
    bad "restricted devices stay free: $(tail -6 "$dir/s370.out")"

# The first client goes away and a new one gets 0C0 again, with the form.
act 5 a 'Disconnect()' > /dev/null
for i in $(seq 1 50); do   # until the server has seen the client go
    echo devlist >&4
    sleep 0.1
    tail -n 5 "$dir/s370.out" | grep -q "0C0 3270 no terminal" && break
done
start_s3270 d 8
act 8 d "Connect(127.0.0.1:$port)" > /dev/null
act 8 d 'Wait(10,InputField)' > /dev/null
expect 8 d "FORM3270 ON DEVICE 0C0" "reconnect gets 0C0 and a fresh form"

for fd in 5 6 8; do echo "Quit()" >&$fd; done
stop_machine && ok || bad "machine exit: $(cat "$dir/s370.out")"
exec 5>&- 6>&- 7>&- 8>&-
echo "tn3270: $pass passed, $fail failed"
[ $fail -eq 0 ]
