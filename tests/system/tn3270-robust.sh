#!/bin/bash
# The TN3270 server under abuse: 200 connections at once, random bytes
# (before negotiation and inside a 3270 session), clients that vanish in
# the middle of a record or are killed in the middle of a session, one
# that stops reading. Afterwards the machine still runs and a normal s3270
# session on the same server works. bash for /dev/tcp.
S370=${S370:-build/s370}
ASM=${ASM370:-build/asm370}
pass=0; fail=0
ok()   { pass=$((pass + 1)); }
bad()  { fail=$((fail + 1)); echo "FAIL: $*"; }
if ! command -v s3270 >/dev/null; then echo "tn3270-robust: skipped (no s3270)"; exit 0; fi
dir=$(mktemp -d)
pids=""
cleanup() { for p in $pids; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT
. tests/lib/tn3270.sh

start_machine "0009 3215" && ok || bad "IPL: $(cat "$dir/s370.out")"

# A 3270 session in progress while the abuse goes on.
start_s3270 a 5
act 5 a "Connect(0C1@127.0.0.1:$port)" > /dev/null
act 5 a 'Wait(10,InputField)' > /dev/null
expect 5 a "FORM3270 ON DEVICE 0C1" "session before"

# Telnet bytes of a client that says it is an IBM-3278-2 asking for CUU
# and agrees to BINARY and EOR, without waiting for the questions.
IAC=$'\xff'
hello() {   # CUU
    printf '\xff\xfb\x18\xff\xfa\x18\x00IBM-3278-2@%s\xff\xf0' "$1"
    printf '\xff\xfb\x00\xff\xfd\x00\xff\xfb\x19\xff\xfd\x19'
}

# 200 connections at once, all silent.
fds=()
for i in $(seq 1 200); do
    exec {fd}<>/dev/tcp/127.0.0.1/$port || break
    fds+=("$fd")
done
[ ${#fds[@]} -eq 200 ] && ok || bad "only ${#fds[@]} of 200 connections opened"
expect 5 a "FORM3270 ON DEVICE 0C1" "session during 200 connections"
for fd in "${fds[@]}"; do exec {fd}>&-; done

# Random bytes from ten clients at once, then closed.
for i in $(seq 1 10); do
    (head -c 65536 /dev/urandom > /dev/tcp/127.0.0.1/$port) 2>/dev/null &
done
wait_bg() { for j in $(jobs -p); do case " $pids " in *" $j "*) ;; *) wait "$j" 2>/dev/null ;; esac; done; }
wait_bg

# Random bytes inside a 3270 session on 0C0: records with garbage AIDs are
# dropped, garbage after a valid AID reaches the program as a Read Modified
# answer; either way only this session sees it.
( hello 0C0; sleep 0.5; head -c 65536 /dev/urandom; printf '\x7d\x40\x40\x11\x40\x40garbage\xff\xef' ) \
    > /dev/tcp/127.0.0.1/$port 2>/dev/null
# A client that vanishes in the middle of a record.
( hello 0C0; sleep 0.5; printf '\x7d\x40\x40\x11' ) > /dev/tcp/127.0.0.1/$port 2>/dev/null
# A client that asks for 0C0, sends Enter and never reads what comes back.
exec {slow}<>/dev/tcp/127.0.0.1/$port
( hello 0C0; sleep 0.3; printf '\x7d\x40\x40\xff\xef' ) >&$slow
sleep 0.5
exec {slow}>&-
# An s3270 killed in the middle of its session.
start_s3270 k 7
act 7 k "Connect(127.0.0.1:$port)" > /dev/null
act 7 k 'Wait(10,InputField)' > /dev/null
act 7 k 'String("KILLED")' > /dev/null
echo 'Enter()' >&7
{ kill -9 $s3270_k; wait $s3270_k; } 2>/dev/null
exec 7>&-
sleep 0.5

kill -0 $s370 2>/dev/null && ok || bad "the machine ended: $(cat "$dir/s370.out")"
expect 5 a "FORM3270 ON DEVICE 0C1" "session after"
act 5 a 'String("STILL")' > /dev/null
key 5 a 'Enter()'
expect 5 a "LAST AID=ENTER FIELD=STILL" "the running session still works"

# A fresh s3270 gets 0C0 and works.
start_s3270 b 6
act 6 b "Connect(127.0.0.1:$port)" > /dev/null
act 6 b 'Wait(10,InputField)' > /dev/null
expect 6 b "FORM3270 ON DEVICE 0C0" "new session on 0C0"
act 6 b 'String("FRESH")' > /dev/null
key 6 b 'PF(3)'
expect 6 b "LAST AID=PF3   FIELD=FRESH" "new session works"

# Both displays are taken: a third client is told so, and the connection closes.
start_s3270 c 7
act 7 c "Connect(127.0.0.1:$port)" > /dev/null
act 7 c 'Wait(3,Output)' > /dev/null
s=$(screen 7 c)
case $s in *"No 3270 terminal is free on this system."*) ok ;; *) bad "no free device screen: $s" ;; esac
for i in $(seq 1 50); do
    case $(act 7 c 'Query(ConnectionState)') in not-connected*) break ;; esac
    sleep 0.1
done
case $(act 7 c 'Query(ConnectionState)') in not-connected*) ok ;; *) bad "no free device: still connected" ;; esac
echo 'Quit()' >&7
exec 7>&-

# The 3215 over plain telnet in line mode (a terminal type that is not a
# 3270): a greeting naming the console, and a typed line reaches it.
exec {tel}<>/dev/tcp/127.0.0.1/$port
printf '\xff\xfb\x18\xff\xfa\x18\x00XTERM\xff\xf0' >&$tel
IFS= read -r -t 3 line <&$tel
case $line in *"console 009 (3215)"*) ok ;; *) bad "3215 greeting: $line" ;; esac
printf 'hello 3215\r\n' >&$tel
for i in $(seq 1 50); do   # devlist until it shows the line (a loaded machine is slow)
    sleep 0.1
    echo devlist >&4
    grep -q "009 3215 console, input typed ahead" "$dir/s370.out" && break
done
grep -q "009 3215 console, input typed ahead" "$dir/s370.out" && ok || bad "3215 input: $(cat "$dir/s370.out")"
grep -q "0C0 3270 terminal connected from 127.0.0.1:" "$dir/s370.out" && ok || bad "devlist: $(cat "$dir/s370.out")"
# A second line-mode client finds the console taken.
exec {tel2}<>/dev/tcp/127.0.0.1/$port
printf '\xff\xfb\x18\xff\xfa\x18\x00VT100\xff\xf0' >&$tel2
IFS= read -r -t 3 line <&$tel2
case $line in *"no console (3215) is free"*) ok ;; *) bad "second 3215 client: $line" ;; esac
exec {tel}>&- {tel2}>&-

echo 'Quit()' >&5; echo 'Quit()' >&6
stop_machine && ok || bad "machine exit: $(cat "$dir/s370.out")"
exec 5>&- 6>&-
echo "tn3270-robust: $pass passed, $fail failed"
[ $fail -eq 0 ]
