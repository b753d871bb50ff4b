#!/bin/sh
# The configured machine: build/s370 -f CONFIG with --ipl, the console on
# stdin, configuration errors, and a clean end on SIGTERM.
S370=${S370:-build/s370}
pass=0; fail=0
ok()   { pass=$((pass + 1)); }
bad()  { fail=$((fail + 1)); echo "FAIL: $*"; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# A one-card IPL deck: PSW X'0002000C 00000BAD' (disabled wait), then a NOP
# CCW at 8 that ends the IPL channel program; 80 bytes, EBCDIC.
printf '\000\002\000\000\000\000\013\255\003\000\000\000\000\000\000\001' > "$dir/ipl.deck"
head -c 64 /dev/zero >> "$dir/ipl.deck"
cat > "$dir/m.cnf" <<EOC
# a small machine
ARCHMODE S/370
MAINSIZE 1
000C 3505 $dir/ipl.deck ebcdic
000E 1403 $dir/print.txt
0009 3215
EOC

out=$(printf 'devlist\n' | "$S370" -f "$dir/m.cnf" --ipl 00C --headless --deterministic 2>&1)
case $out in *"IPL from 00C complete"*) ok ;; *) bad "ipl message: $out" ;; esac
case $out in *"disabled wait state PSW=0002000C 00000BAD"*) ok ;; *) bad "disabled wait: $out" ;; esac
case $out in *"00E 1403 $dir/print.txt"*) ok ;; *) bad "devlist: $out" ;; esac

out=$(printf 'r 0.10\nquit\n' | "$S370" -f "$dir/m.cnf" --headless 2>&1)
case $out in *"R:000000 00000000"*) ok ;; *) bad "storage display: $out" ;; esac

printf 'MAINSIZE 1\n000C 3505 %s/ipl.deck\n000D 3525\n' "$dir" > "$dir/bad.cnf"
out=$("$S370" -f "$dir/bad.cnf" </dev/null 2>&1); rc=$?
[ $rc -eq 3 ] && ok || bad "bad configuration exit $rc"
case $out in *"bad.cnf:3: 00D 3525: the punch needs an output file"*) ok ;; *) bad "message: $out" ;; esac

# SIGTERM while the console waits for commands: a clean end.
mkfifo "$dir/in"
"$S370" -f "$dir/m.cnf" --headless < "$dir/in" > "$dir/term.out" 2>&1 &
pid=$!
exec 3>"$dir/in"
sleep 1
kill -TERM $pid
wait $pid
exec 3>&-
grep -q "signal 15: devices flushed" "$dir/term.out" && ok || bad "SIGTERM: $(cat "$dir/term.out")"

echo "configured: $pass passed, $fail failed"
[ $fail -eq 0 ]
