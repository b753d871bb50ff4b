#!/bin/sh
# build/term3270 end to end: the built-in terminal runs in a detached tmux
# session; keys go in with send-keys and the screen comes back with
# capture-pane.
#
# 1. Against our own machine: build/s370 IPLs decks/form3270.asm (as
#    tests/system/tn3270.sh does for s3270) and term3270 reads the form,
#    types into the field, presses Enter, PF3, PA1 and Clear, and finds the
#    program's echo of the field and the AID on the next screen; the
#    keyboard states, help, resize, device choice and the server going away.
# 2. make run: conf/run.sh unchanged with conf/default.cnf (a random port,
#    its files in a scratch directory): our greeting screen, Ctrl-] quits,
#    the machine stops cleanly.
# 3. Interoperability with Hercules' TN3270 server, when it is installed:
#    its logo screen, the -d device choice, X SYSTEM after an AID key.
# 4. Against a scripted host (build/tests/tnfake): the bytes term3270 sends,
#    compared with what s3270 sends for the same keys.
TERM3270=${TERM3270:-build/term3270}
S370=${S370:-build/s370}
ASM=${ASM370:-build/asm370}
pass=0; fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
if ! command -v tmux >/dev/null 2>&1; then
    echo "term3270: skipped: tmux is not installed"; exit 0
fi
dir=$(mktemp -d)
tm="tmux -L term3270-$$"
pids=
spid=
cleanup() {
    $tm kill-server 2>/dev/null
    [ -n "$spid" ] && stop_server
    for p in $pids; do kill "$p" 2>/dev/null; done
    wait 2>/dev/null
    rm -rf "$dir"
}
trap cleanup EXIT
. tests/lib/tn3270.sh

# Run term3270 with arguments in tmux session $1 (90x30 unless $3x$4).
term() {
    $tm new-session -d -s "$1" -x "${3:-90}" -y "${4:-30}" \
        "$TERM3270 $2; echo TERM3270-EXIT=\$?; sleep 60"
}
screen() { $tm capture-pane -p -t "$1"; }
# Wait until session $1's screen matches $2 (grep -E), up to 5 s.
wait_for() {
    for i in $(seq 50); do
        screen "$1" | grep -Eq "$2" && return 0
        sleep 0.1
    done
    return 1
}
check() {   # session pattern what
    if wait_for "$1" "$2"; then ok; else bad "$3"; screen "$1" | sed 's/^/  | /'; fi
}
# keys SESSION KEYS... : send keys, then wait until the keyboard is free
# again (the program's answer restored it).
keys() {
    s=$1; shift
    $tm send-keys -t "$s" "$@"
    wait_for "$s" "^ ONLINE +127" || true
}

# ---- 1. our machine with decks/form3270.asm ----
if start_machine ""; then ok; else bad "IPL of form3270: $(cat "$dir/s370.out")"; fi
PORT=$port
term a "127.0.0.1:$PORT"
check a "FORM3270 ON DEVICE 0C0" "the form on the first free device"
check a "LAST AID=NONE" "no AID yet"
check a "^ ONLINE .*127\.0\.0\.1:$PORT.* 003/009$" "status line, cursor in the input field"
keys a HELLO Enter
check a "LAST AID=ENTER FIELD=HELLO" "Enter echoes the field"
check a "^ ONLINE +127" "the program's write restores the keyboard"
keys a ABC F3
check a "LAST AID=PF3   FIELD=ABC" "PF3 echoes the field"
keys a XYZ C-p
check a "LAST AID=PA1   FIELD= *$" "PA1 is a short read (no field)"
keys a C-c
check a "LAST AID=CLEAR FIELD= *$" "Clear"
check a "FORM3270 ON DEVICE 0C0" "the form again after Clear"

# The title above the field is protected: typing locks the keyboard, Reset unlocks it.
$tm send-keys -t a Up x
check a "ONLINE +X PROT" "X PROT after typing on a protected field"
$tm send-keys -t a C-r
check a "^ ONLINE +127" "Reset unlocks"
$tm send-keys -t a Escape r
check a "^ ONLINE +127" "Esc r resets"

# Help screen and back.
$tm send-keys -t a Escape h
check a "term3270 keys" "help screen"
check a "Ctrl-\] +quit" "help names the quit key"
$tm send-keys -t a q
check a "FORM3270 ON DEVICE" "back from help"

# Resize: too small warns, large enough redraws the screen.
$tm resize-window -t a -x 60 -y 20
check a "needs 80x24" "too-small warning"
$tm resize-window -t a -x 90 -y 30
check a "LAST AID=CLEAR" "redrawn after resize"

# A second terminal chooses its device; model 4 negotiates too.
term b "-m 4 -d 00C1 127.0.0.1:$PORT"
check b "FORM3270 ON DEVICE 0C1" "device choice with -d"
keys b SECOND Enter
check b "LAST AID=ENTER FIELD=SECOND" "the second terminal works"

# Ctrl-] quits with status 0; the machine sees the terminal go.
$tm send-keys -t b C-]
check b "TERM3270-EXIT=0" "Ctrl-] quits cleanly"

# The server goes away: a clear message, status 1.
stop_machine && ok || bad "machine exit: $(tail -5 "$dir/s370.out")"
check a "connection to 127.0.0.1:$PORT closed" "message on server close"
check a "TERM3270-EXIT=1" "exit status on server close"
$tm kill-server 2>/dev/null

# ---- 2. make run: conf/run.sh and conf/default.cnf as they are ----
PORT=$((20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000))
mkdir "$dir/run"
cat > "$dir/make-run.sh" <<EOS
RUN_PORT=$PORT RUN_DIR='$dir/run' conf/run.sh
echo RUN-EXIT=\$?
sleep 60
EOS
$tm new-session -d -s r -x 90 -y 30 "sh $dir/make-run.sh"
check r "s370 System/370 on " "make run: our greeting screen"
check r "Terminal 0C0 \(3270\), connected from 127\.0\.0\.1" "make run: the greeting names the device"
check r "Waiting for the system to write" "make run: nothing IPLed yet"
$tm send-keys -t r C-]
check r "make run: machine stopped" "make run: machine stopped"
check r "RUN-EXIT=0" "make run: exit status"
if pgrep -f "conf/default.cnf --tn3270 127.0.0.1:$PORT" >/dev/null; then bad "make run: the machine still runs"; else ok; fi
if grep -qi "error\|warning\|cannot" "$dir/run/console.log"; then
    bad "make run: console log: $(cat "$dir/run/console.log")"
else ok; fi
$tm kill-server 2>/dev/null

# ---- 3. Hercules' TN3270 server ----
# Hercules 3.13 can hang in its shutdown after SIGTERM; its console "quit"
# is reliable.
start_server() {
    for try in 1 2 3 4 5; do
        PORT=$((20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000))
        printf 'ARCHMODE S/370\nNUMCPU 1\nMAINSIZE 2\nCNSLPORT 127.0.0.1:%s\n00C0 3270\n00C1 3270\n' \
            $PORT > "$dir/h.cnf"
        rm -f "$dir/cons"; mkfifo "$dir/cons"
        hercules -f "$dir/h.cnf" EXTERNALGUI < "$dir/cons" > "$dir/server.log" 2>&1 &
        spid=$!
        exec 4> "$dir/cons"
        for i in $(seq 50); do
            grep -q "Waiting for console connection on port" "$dir/server.log" 2>/dev/null && return 0
            kill -0 $spid 2>/dev/null || break
            sleep 0.1
        done
        stop_server
    done
    return 1
}
stop_server() {
    echo quit >&4
    for i in $(seq 50); do
        kill -0 $spid 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL $spid 2>/dev/null
    exec 4>&-
    wait $spid 2>/dev/null
    spid=
}
if ! command -v hercules >/dev/null 2>&1; then
    echo "term3270: Hercules part skipped: hercules is not installed"
elif start_server; then
    term h "127.0.0.1:$PORT"
    check h "Hercules Version" "Hercules: logo screen"
    check h "^ ONLINE .*127\.0\.0\.1:$PORT.* [0-9]{3}/[0-9]{3}$" "Hercules: status line"
    $tm send-keys -t h Enter
    check h "ONLINE +X SYSTEM" "Hercules: X SYSTEM after Enter (no program answers)"
    term i "-m 4 -d 00C1 127.0.0.1:$PORT"
    check i "Device number     : 00C1" "Hercules: device choice with -d"
    $tm send-keys -t i C-]
    check i "TERM3270-EXIT=0" "Hercules: Ctrl-] quits cleanly"
    stop_server
    check h "TERM3270-EXIT=1" "Hercules: exit status on server close"
    $tm kill-server 2>/dev/null
else
    bad "Hercules did not start: $(tail -3 "$dir/server.log")"
fi

# Against the scripted host (build/tests/tnfake): the bytes term3270 sends.
TNFAKE=${TNFAKE:-build/tests/tnfake}
fake() {    # start tnfake on a free port, log in $dir/fake.out
    for try in 1 2 3 4 5; do
        PORT=$((20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000))
        "$TNFAKE" $PORT > "$dir/fake.out" 2>&1 &
        fpid=$!
        for i in $(seq 20); do
            grep -q LISTENING "$dir/fake.out" && return 0
            kill -0 $fpid 2>/dev/null || break
            sleep 0.1
        done
        kill $fpid 2>/dev/null; wait $fpid 2>/dev/null
    done
    return 1
}
# Wait until tnfake logged a line matching $1, up to 5 s.
got() {
    for i in $(seq 50); do
        grep -Eq "$1" "$dir/fake.out" && return 0
        sleep 0.1
    done
    return 1
}
expect_in() {   # pattern what
    if got "$1"; then ok; else bad "$2: want $1"; sed 's/^/  > /' "$dir/fake.out"; fi
}
if [ -x "$TNFAKE" ] && fake; then
    term f "-m 3 127.0.0.1:$PORT"
    expect_in "^TTYPE IBM-3278-3$" "terminal type for -m 3"
    check f "TNFAKE FORM" "form shown"
    # Name, Tab, a password in the non-display field, Enter: Read Modified
    # with cursor 257 (C4C1), SBA 167 (C2E7) "alice", SBA 251 (C37B) "secret".
    $tm send-keys -t f alice Tab secret
    check f "NAME: alice" "typed text shown"
    if screen f | grep -q secret; then bad "non-display field shown"; else ok; fi
    $tm send-keys -t f Enter
    expect_in "^IN 7D C4 C1 11 C2 E7 81 93 89 83 85 11 C3 7B A2 85 83 99 85 A3$" "Enter: Read Modified bytes"
    check f "AID: 7D LEN 20" "host answer shown, keyboard restored"
    check f "^ ONLINE +127" "keyboard unlocked by the WCC"
    # PF keys: F5, shifted F1 = PF13, Esc 9 = PF9; PA1 and Clear are short
    # reads. Each AID locks the keyboard until the host's answer restores it.
    aid() {   # keys, the record tnfake must log, what
        keys=$1; want=$2; what=$3
        eval "\$tm send-keys -t f $keys"
        expect_in "$want" "$what"
        check f "^ ONLINE +127" "$what: keyboard restored"
    }
    aid F5 "^IN F5 C4 C1 11" "F5 = PF5"
    aid S-F1 "^IN C1 C4 C1 11" "Shift-F1 = PF13"
    aid "Escape 9" "^IN F9 C4 C1 11" "Esc 9 = PF9"
    aid C-p "^IN 6C$" "Ctrl-P = PA1, short read"
    aid "Escape b" "^IN 6E$" "Esc b = PA2, short read"
    # Home, two right, Erase EOF; Insert mode puts X in front.
    aid "Home Right Right C-e Home IC X Enter" "^IN 7D C2 E8 11 C2 E7 E7 81 93 11 C3 7B" \
        "Erase EOF and insert"
    check f "NAME: Xal$" "screen after Erase EOF and insert"
    # End goes after the field's text; Backspace erases the l.
    aid "End BSpace Enter" "^IN 7D C2 E9 11 C2 E7 E7 81 11" "End and Backspace"
    # Ctrl-U (Erase Input) empties both fields and resets their MDTs.
    aid "C-u Enter" "^IN 7D C2 E7$" "Erase Input: no modified fields"
    # Clear: short read, and the host sends the form again.
    aid C-c "^IN 6D$" "Ctrl-C = Clear"
    # A bad record from the host is reported on the status line.
    $tm send-keys -t f F12
    check f "data stream error at byte 2: unknown order X'3E'" "data stream error shown"
    $tm send-keys -t f C-]
    check f "TERM3270-EXIT=0" "quit from the form"
    kill $fpid 2>/dev/null; wait $fpid 2>/dev/null
else
    bad "tnfake did not start"
fi

# s3270 as the oracle: the same keys through s3270 against tnfake must send
# the same records as term3270 did above (Enter, PF13, PA1).
if command -v s3270 >/dev/null 2>&1 && cp "$dir/fake.out" "$dir/term.out" && fake; then
    printf 'Connect(127.0.0.1:%s)\nWait(5,InputField)\nString("alice")\nTab()\nString("secret")\nEnter()\nWait(5,Unlock)\nPF(13)\nWait(5,Unlock)\nPA(1)\nWait(5,Unlock)\nQuit()\n' \
        "$PORT" | timeout 30 s3270 -model 3278-2 > "$dir/s3270.out" 2>&1
    got "^IN 6C$" || true
    kill $fpid 2>/dev/null; wait $fpid 2>/dev/null
    grep '^IN' "$dir/fake.out" > "$dir/s3270.in"
    grep -E '^IN (7D C4 C1|C1|6C)' "$dir/term.out" | head -3 > "$dir/term.in"
    if [ -s "$dir/s3270.in" ] && cmp -s "$dir/s3270.in" "$dir/term.in"; then ok; else
        bad "s3270 and term3270 send different records"
        diff "$dir/s3270.in" "$dir/term.in" | sed 's/^/  /'
    fi
elif ! command -v s3270 >/dev/null 2>&1; then
    echo "term3270: s3270 comparison skipped: s3270 is not installed"
fi

# Nobody listening; bad arguments.
out=$("$TERM3270" "127.0.0.1:$PORT" 2>&1); rc=$?
case "$rc:$out" in 1:*"cannot connect to 127.0.0.1:$PORT: Connection refused"*) ok ;;
    *) bad "refused: $rc $out" ;; esac
out=$("$TERM3270" -m 7 2>&1); rc=$?
case "$rc:$out" in 2:*usage*) ok ;; *) bad "bad model: $rc $out" ;; esac
out=$("$TERM3270" nocolon 2>&1); rc=$?
case "$rc:$out" in 1:*"nocolon: expected HOST:PORT"*) ok ;; *) bad "bad target: $rc $out" ;; esac

echo "term3270: $pass passed, $fail failed"
[ $fail -eq 0 ]
