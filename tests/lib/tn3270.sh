# tn3270.sh - sourced by the TN3270 system tests: start build/s370 with
# decks/form3270.asm on a random free port, and drive s3270 co-processes.
# Needs $dir (a scratch directory), $S370, $ASM, and pids (cleanup list);
# the IPL deck is made by build/dasd370 (or $DASD370).

# start_machine EXTRA-CONFIG-LINES: sets $port and $s370; console on fd 4.
start_machine() {
    "$ASM" -f bin -o "$dir/form.bin" decks/form3270.asm || return 1
    "${DASD370:-build/dasd370}" deck "$dir/form.bin" "$dir/form.deck" --load 1000 || return 1
    printf 'ARCHMODE S/370\nMAINSIZE 1\n000C 3505 %s ebcdic\n00C0 3270\n00C1 3270\n%s\n' \
        "$dir/form.deck" "$1" > "$dir/m.cnf"
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
    pids="$pids $s370"
    for i in $(seq 1 50); do   # the message comes after the server's, once the console loop runs
        grep -q "IPL from 00C complete" "$dir/s370.out" && return 0
        sleep 0.1
    done
    return 1
}

stop_machine() {
    echo quit >&4
    exec 4>&-
    wait $s370
}

# start_s3270 NAME FD: an s3270 co-process reading actions from fd FD.
start_s3270() {
    rm -f "$dir/$1.in"
    mkfifo "$dir/$1.in"
    s3270 -model 3278-2 < "$dir/$1.in" > "$dir/$1.out" 2>&1 &
    pids="$pids $!"
    eval "s3270_$1=$!"
    eval "exec $2>\"\$dir/\$1.in\""
}
# act FD NAME ACTION: run one action, print its data lines.
act() {
    before=$(grep -c '^ok$\|^error$' "$dir/$2.out")
    echo "$3" >&"$1"
    for i in $(seq 1 100); do
        [ "$(grep -c '^ok$\|^error$' "$dir/$2.out")" -gt "$before" ] && break
        sleep 0.1
    done
    awk -v n="$before" '/^(ok|error)$/ { seen++; next } seen == n && /^data: / { print substr($0, 7) }' "$dir/$2.out"
}
screen() { act "$1" "$2" 'Ascii()'; }
# expect FD NAME TEXT WHAT: the screen shows TEXT.
expect() {
    s=$(screen "$1" "$2")
    case $s in *"$3"*) ok ;; *) bad "$4: want '$3' on the screen:"; printf '%s\n' "$s" ;; esac
}
# key FD NAME ACTION: an AID key, then wait for the program's answer.
key() {
    act "$1" "$2" "$3" > /dev/null
    act "$1" "$2" 'Wait(10,Unlock)' > /dev/null
}
