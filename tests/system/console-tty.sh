#!/bin/sh
# The interactive console: build/s370 on a terminal (tmux), readline in
# front. Checks Tab completion of command names and device numbers, the Up
# arrow (history, also from ~/.s370_history of an earlier run), a machine
# message arriving while a line is being typed (the line survives, below
# the message), Ctrl-C dropping the line being typed without ending the
# run, Ctrl-D not ending it, and quit.
S370=${S370:-build/s370}
if ! command -v tmux >/dev/null 2>&1; then
    echo "console-tty: skipped (tmux is not installed)"
    exit 0
fi
pass=0; fail=0
ok()   { pass=$((pass + 1)); }
bad()  { fail=$((fail + 1)); echo "FAIL: $*"; }
dir=$(mktemp -d)
sock="s370-console-tty-$$"
T() { tmux -L "$sock" "$@" 2>/dev/null; }
trap 'T kill-server; rm -rf "$dir"' EXIT
mkdir "$dir/home"
printf 'MAINSIZE 1\n000C 3505 *\n0009 3215\n' > "$dir/m.cnf"
screen() { T capture-pane -p -t con; }
prompt() { screen | grep '^s370>' | tail -1; }
# Wait (up to 5 s) until the screen shows $1.
await() {
    i=0
    while [ $i -lt 50 ]; do
        screen | grep -qF -- "$1" && return 0
        sleep 0.1; i=$((i + 1))
    done
    return 1
}
start() {
    T new-session -d -s con -x 100 -y 30 "cd '$PWD' && HOME='$dir/home' TERM=xterm $S370 -f '$dir/m.cnf'; echo EXITED \$?; sleep 30"
    await "s370>" && ok || bad "no prompt: $(screen)"
}

start
T send-keys -t con 'gpr 3=ABCD' Enter
await "GR03=0000ABCD" && ok || bad "gpr: $(screen)"

# Completion: a unique command prefix, then device numbers after ipl.
T send-keys -t con 'devl' Tab
sleep 0.3
[ "$(prompt)" = "s370> devlist" ] && ok || bad "command completion: '$(prompt)'"
T send-keys -t con C-u 'ipl 00' Tab Tab
await "009  00C" && ok || bad "device completion list: $(screen)"
T send-keys -t con C-u 'detach 00' Tab
sleep 0.3
T send-keys -t con C
sleep 0.3
[ "$(prompt)" = "s370> detach 00C" ] && ok || bad "device completion: '$(prompt)'"

# History: Up brings back the last command.
T send-keys -t con C-u Up
sleep 0.3
[ "$(prompt)" = "s370> gpr 3=ABCD" ] && ok || bad "Up arrow: '$(prompt)'"

# Ctrl-C drops the line being typed; the run goes on.
# (the terminal flushes what is typed ahead of a Ctrl-C: let it arrive)
T send-keys -t con C-u 'bogus'
sleep 0.3
T send-keys -t con C-c
sleep 0.3
T send-keys -t con Enter 'psw' Enter
await "PSW=00000000 00000000" && ok || bad "after Ctrl-C: $(screen)"
screen | grep -q "unknown command bogus" && bad "Ctrl-C ran the line: $(screen)" || ok

# A program that counts down 64M and then loads a disabled wait PSW: its
# message arrives while "r 1" is being typed.
T send-keys -t con 'r 800=5810081046100804820008180000000004000000000000000002000000000BAD' Enter
T send-keys -t con 'r 0=0000000000000800' Enter 'restart' Enter 'r 1'
await "disabled wait state PSW=00020000 00000BAD" && ok || bad "no wait message: $(screen)"
[ "$(prompt)" = "s370> r 1" ] && ok || bad "the typed line after a message: '$(prompt)' in $(screen)"
T send-keys -t con Enter
await "R:000001 " && ok || bad "the typed line ran: $(screen)"

# Ctrl-D on an empty line does not end the run.
T send-keys -t con C-d
await "end of input ignored: quit ends the run" && ok || bad "Ctrl-D: $(screen)"
T send-keys -t con 'quit' Enter
await "EXITED 0" && ok || bad "quit: $(screen)"
grep -qx "gpr 3=ABCD" "$dir/home/.s370_history" && ok || bad "history file: $(cat "$dir/home/.s370_history")"
T kill-server
sleep 0.3

# A new run recalls the history of the last one.
sock="$sock-2"
start
T send-keys -t con Up Up
sleep 0.3
[ "$(prompt)" = "s370> r 1" ] && ok || bad "history from the file: '$(prompt)'"
T send-keys -t con C-u 'quit' Enter
await "EXITED 0" && ok || bad "quit 2: $(screen)"

echo "console-tty: $pass passed, $fail failed"
[ $fail -eq 0 ]
