#!/bin/sh
# The operator panel: build/s370 -f CONF --panel on a terminal (tmux).
# IPLs the hello deck (3215 output in the message log, the printer's
# counter), shows activity letters, then a counting loop: the status line's MIPS while it runs,
# the PSW and registers against psw and gpr once stopped, F2 (control
# registers), Page Up, the Up arrow, Tab, resizing (and a terminal too small),
# the command panel (to the line console and back), quit and SIGTERM
# putting the terminal back as it was.
S370=${S370:-build/s370}
D=${D:-build/dasd370}
DECKS=${DECKS:-build/decks}
if ! command -v tmux >/dev/null 2>&1; then
    echo "panel: skipped (tmux is not installed)"
    exit 0
fi
pass=0; fail=0
ok()   { pass=$((pass + 1)); }
bad()  { fail=$((fail + 1)); echo "FAIL: $*"; }
dir=$(mktemp -d)
sock="panel-$$"
T() { tmux -L "$sock" "$@" 2>/dev/null; }
trap 'T kill-server; rm -rf "$dir"' EXIT
mkdir "$dir/home"
"$D" deck "$DECKS/hello.bin" "$dir/hello.deck" >/dev/null || bad "dasd370 deck"
printf 'MAINSIZE 1\n000C 3505 %s ebcdic\n0009 3215\n000E 1403 %s\n' "$dir/hello.deck" "$dir/prt.txt" > "$dir/m.cnf"
screen() { T capture-pane -p -t pnl; }
# Wait (up to 5 s) until the screen shows $1.
await() {
    i=0
    while [ $i -lt 50 ]; do
        screen | grep -qF -- "$1" && return 0
        sleep 0.1; i=$((i + 1))
    done
    return 1
}
status() { screen | head -1; }
# Wait (up to 5 s) until the shell condition $1 holds.
wait_for() {
    i=0
    while [ $i -lt 50 ]; do
        eval "$1" && return 0
        sleep 0.1; i=$((i + 1))
    done
    return 1
}
bottom() { screen | sed -n "$(T display -p -t pnl '#{pane_height}')p"; }
# The shell around s370 notes the terminal modes before and after.
start() {
    T new-session -d -s pnl -x 100 -y 30 "cd '$PWD' && stty -g > '$dir/stty.before'; HOME='$dir/home' TERM=xterm sh -c 'echo \$\$ > \"$dir/pid\"; exec $S370 -f \"$dir/m.cnf\" --panel'; echo EXITED \$?; stty -g > '$dir/stty.after'; sleep 30"
    await "---- messages" && ok || bad "no panel: $(screen)"
}
restored() {
    await "EXITED $1" && ok || bad "$2: no exit $1: $(screen)"
    [ "$(T display -p -t pnl '#{alternate_on}')" = 0 ] && ok || bad "$2: still on the alternate screen"
    i=0; while [ ! -s "$dir/stty.after" ] && [ $i -lt 20 ]; do sleep 0.1; i=$((i + 1)); done
    cmp -s "$dir/stty.before" "$dir/stty.after" && ok || bad "$2: terminal modes not restored"
    screen | grep -q -- "---- devices" && bad "$2: the panel is still on the screen: $(screen)" || ok
    rm -f "$dir/stty.after"
}

start
# The device list, by address.
screen | grep -q "^  009 3215 console" && ok || bad "device 009: $(screen)"
screen | grep -q "^  00C 3505 .*hello.deck" && ok || bad "device 00C: $(screen)"
screen | grep -q "00E 1403 .*prt.txt" && ok || bad "device 00E: $(screen)"
status | grep -q "PSW=00000000 00000000  stopped" && ok || bad "initial status: $(status)"

# A command and its reply in the log; the register rows follow.
T send-keys -t pnl 'gpr 3=ABCD' Enter
await "s370> gpr 3=ABCD" && ok || bad "command not in the log: $(screen)"
[ "$(screen | grep -c '^GR00=00000000 GR01=00000000 GR02=00000000 GR03=0000ABCD$')" = 2 ] && ok ||
    bad "gpr reply and register row: $(screen)"

# IPL: the 3215 line in the log, the disabled wait in the status line,
# the printer's activity light.
T send-keys -t pnl 'ipl 00C' Enter
await "HELLO FROM A STANDALONE S/370 PROGRAM" && ok || bad "3215 output: $(screen)"
await "disabled wait state PSW=00020000 00000000" && ok || bad "wait message: $(screen)"
status | grep -q "PSW=00020000 00000000  disabled wait" && ok || bad "wait status: $(status)"
screen | grep -q "00E 1403 .*1 lines printed" && ok || bad "printer counter: $(screen)"

# The activity letters: B while a channel program runs (a NOP on 00C, the
# CPU in a disabled wait at once: nothing ends it), P for an interruption
# pending (a NOP on 00E that ends while the CPU loops, I/O disabled).
T send-keys -t pnl 'r 48=00000810' Enter
T send-keys -t pnl 'r 800=9C00000C8200081800000000000000000300000020000001000200000000B001' Enter
T send-keys -t pnl 'r 0=0000000000000800' Enter 'restart' Enter
await "disabled wait state PSW=00020000 0000B001" && ok || bad "SIO 00C: $(screen)"
wait_for 'screen | grep -q "^B 00C 3505"' && ok || bad "busy: $(screen)"
T send-keys -t pnl 'r 800=9C00000E41100FFF4610080882000818' Enter 'restart' Enter
await "disabled wait state PSW=00020000 0000B001" && ok || bad "SIO 00E: $(screen)"
wait_for 'screen | grep -q "^P 00E 1403"' && ok || bad "pending: $(screen)"
# the NOP on 00C ended while the CPU looped: pending too
screen | grep -q "^P 00C 3505" && ok || bad "00C pending: $(screen)"

# A loop that counts down from X'7FFFFFFF': the rate while it runs.
T send-keys -t pnl 'r 800=581008104610080482000818000000007FFFFFFF000000000002000000000BAD' Enter
T send-keys -t pnl 'r 0=0000000000000800' Enter 'restart' Enter
count() { status | sed -n 's/.*instructions \([0-9]*\).*/\1/p'; }
# The rate is taken over a second: a non-zero figure within 5 s.
wait_for 'status | grep -q "running *MIPS [0-9.]*[1-9]"' && ok || bad "MIPS while running: '$(status)'"
insns1=$(count)
wait_for '[ "$(count)" -gt "${insns1:-0}" ]' && ok || bad "count does not move: $insns1 $(count)"

# Stopped: the panel's PSW and registers are what psw and gpr say.
T send-keys -t pnl 'stop' Enter
await "CPU stopped; PSW=" && ok || bad "stop: $(screen)"
T send-keys -t pnl 'gpr' Enter
wait_for '[ "$(screen | grep -A4 "^s370> gpr$" | grep -c "^GR")" = 4 ]'
psw=$(screen | sed -n 's/^CPU stopped; PSW=\(.*\)$/\1/p' | tail -1)
status | grep -qF "PSW=$psw  stopped" && ok || bad "status PSW '$(status)' against '$psw'"
status | grep -q "MIPS 0.00" && ok || bad "MIPS when stopped: $(status)"
top=$(screen | sed -n 2,5p)
log=$(screen | grep -A4 '^s370> gpr$' | tail -4)
[ "$top" = "$log" ] && ok || bad "registers '$top' against gpr '$log'"
echo "$top" | grep -q "GR01=00000000" && bad "GR1 did not count: $top" || ok

# F2: control and floating-point registers, as cr shows them.
T send-keys -t pnl F2
await "CR00=" && ok || bad "F2: $(screen)"
T send-keys -t pnl 'cr' Enter
wait_for '[ "$(screen | grep -c "^CR00=.*CR03=")" = 2 ]' && ok || bad "cr and the CR rows: $(screen)"
screen | grep -q "^FPR0=0000000000000000 FPR2=" && ok || bad "FPR rows: $(screen)"
T send-keys -t pnl F2
wait_for '[ "$(screen | grep -c "^CR00=.*CR03=")" = 1 ]' && ok || bad "F2 again: $(screen)"

# Page Up scrolls the log back, Page Down forward.
T send-keys -t pnl 'help' Enter
await "quit                       flush every device and end" && ok || bad "help: $(screen)"
T send-keys -t pnl PPage
await "lines back (Page Down)" && ok || bad "Page Up: $(screen)"
T send-keys -t pnl NPage NPage NPage
wait_for '! screen | grep -q "lines back"' && ok || bad "Page Down: $(screen)"

# History: Up brings back the last command.
T send-keys -t pnl Up
wait_for '[ "$(bottom)" = "s370> help" ]' && ok || bad "Up arrow: '$(bottom)'"
T send-keys -t pnl C-u

# Tab completes on the bottom line; the choices go to the messages.
T send-keys -t pnl 'devl' Tab
wait_for '[ "$(bottom)" = "s370> devlist" ]' && ok || bad "completion: '$(bottom)'"
T send-keys -t pnl C-u 'ipl 00' Tab Tab
await "009  00C  00E" && ok || bad "completion list: $(screen)"
T send-keys -t pnl C-u

# Resizing redraws: the status line on top, the command line at the bottom.
T resize-window -t pnl -x 60 -y 20
wait_for '[ "$(screen | wc -l)" = 20 ] && [ "$(bottom)" = "s370>" ]' && ok || bad "bottom after resize: '$(bottom)'"
status | grep -q "^ PSW=" && ok || bad "status after resize: $(screen)"
[ "$(screen | wc -l)" = 20 ] && [ "$(bottom)" = "s370>" ] && ok || bad "bottom after resize: '$(bottom)'"
screen | grep -q -- "^---- messages -\{46\}$" && ok || bad "width after resize: $(screen)"
# A message wider than the screen wraps.
T send-keys -t pnl 'r 0.10' Enter
wait_for 'screen | grep -A1 "^R:000000 " | tail -1 | grep -q "^[^R].*\*$"'
row=$(screen | grep -A1 '^R:000000 ')
[ "$(echo "$row" | head -1 | tr -d '\n' | wc -c)" = 60 ] && echo "$row" | tail -1 | grep -q '^[^R].*\*$' && ok ||
    bad "wrapped message: '$row'"
T resize-window -t pnl -x 40 -y 10
await "terminal too small: 40x10" && ok || bad "too small: $(screen)"
T resize-window -t pnl -x 100 -y 30
await "---- devices (3)" && ok || bad "larger again: $(screen)"

# The command panel: the line console, then the panel again.
T send-keys -t pnl 'panel' Enter
wait_for '! screen | grep -q -- "---- devices"' && ok || bad "panel did not leave: $(screen)"
T send-keys -t pnl 'gpr 4=44' Enter
await "GR04=00000044" && ok || bad "line console after the panel: $(screen)"
[ "$(T display -p -t pnl '#{alternate_on}')" = 0 ] && ok || bad "line console on the alternate screen"
T send-keys -t pnl 'panel' Enter
await "---- devices (3)" && ok || bad "panel again: $(screen)"
screen | grep -q "^GR04=00000044 " && ok || bad "registers in the panel again: $(screen)"

# quit ends the run and gives the terminal back, with the last messages.
T send-keys -t pnl 'quit' Enter
restored 0 quit
screen | grep -q "^s370> quit" && ok || bad "last messages after quit: $(screen)"
grep -qx "gpr 3=ABCD" "$dir/home/.s370_history" && ok || bad "history file"
T kill-server
sleep 0.2

# SIGTERM ends it as cleanly.
sock="$sock-2"
start
kill -TERM "$(cat "$dir/pid")"
restored 0 SIGTERM
screen | grep -q "signal 15: devices flushed, ending" && ok || bad "SIGTERM message: $(screen)"

# A terminal curses cannot drive: the line console, and it says why.
T kill-server
sleep 0.2
sock="$sock-3"
T new-session -d -s pnl -x 100 -y 30 "cd '$PWD' && HOME='$dir/home' TERM=nosuchterm $S370 -f '$dir/m.cnf' --panel; echo EXITED \$?; sleep 30"
await "panel: no full-screen support for TERM=nosuchterm: the line console instead" && ok || bad "unknown TERM: $(screen)"
T send-keys -t pnl 'psw' Enter
await "PSW=00000000 00000000" && ok || bad "line console for an unknown TERM: $(screen)"
T send-keys -t pnl 'quit' Enter
await "EXITED 0" && ok || bad "quit with an unknown TERM: $(screen)"

# Not a terminal: no panel, the headless console, and it says so.
out=$(echo psw | "$S370" -f "$dir/m.cnf" --panel 2>&1)
case $out in *"--panel needs a terminal"*"PSW=00000000 00000000"*) ok ;; *) bad "--panel headless: $out" ;; esac

out=$(echo panel | "$S370" -f "$dir/m.cnf" --headless 2>&1)
case $out in *"panel: the panel needs the console on a terminal"*) ok ;; *) bad "panel command headless: $out" ;; esac

echo "panel: $pass passed, $fail failed"
[ $fail -eq 0 ]
