#!/bin/sh
# Hercules users' configuration files (tests/hercconf/*.cnf: VM/370, MVS
# 3.8, standalone utilities) start the machine unchanged. Every line marked
# #W gets a warning naming its file and line, no other line does (#W?: a
# 3270 line, either way), no line is an error, and --strict refuses them.
S370=${S370:-$(pwd)/build/s370}
case $S370 in /*) ;; *) S370=$(pwd)/$S370 ;; esac
src=$(cd "$(dirname "$0")/../hercconf" && pwd)
pass=0; fail=0
ok()   { pass=$((pass + 1)); }
bad()  { fail=$((fail + 1)); echo "FAIL: $*"; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp -r "$src"/* "$dir"
cd "$dir" || exit 1
# CNSLPORT 3270, as users write it, would listen on a port that other tests
# and users may hold: each run takes a port of its own.
port=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000 ))
sed -i "s/^CNSLPORT .*/CNSLPORT  $port/" *.cnf

# What the configurations name: volumes (Hercules' dasdinit), tapes, decks.
mkdir -p io dasd shadow tape pch prt util
echo "CARD 1" > io/reader.txt
head -c 160 /dev/zero > util/ickdsf.ipl
: > tape/install.aws; : > tape/100.aws; : > util/dump.aws; : > util/cart.aws; : > adrdmprs.rdr
vol() { dasdinit -a "$1" "$2" "$3" 2 >/dev/null 2>&1 || bad "dasdinit $1"; }
vol dasd/vm50-1.131 3350 VM5001; vol dasd/vm50-2.132 3350 VM5002; vol dasd/cmsvol.190 3330 CMS190
dasdinit -z -a dasd/mvsres.148 3350 MVSRES 2 >/dev/null 2>&1 || bad "dasdinit -z"   # TK4- ships CCKD
vol dasd/mvs000.149 3350 MVS000
vol dasd/pub00190.190 3330 PUB190; vol dasd/pub00191.191 3330 PUB191
vol util/scratch.3330 3330 SCRTCH; vol util/old.2314 2314 OLD231
before=$(cksum dasd/vm50-1.131)

for cnf in vm370.cnf mvs38.cnf standalone.cnf; do
    out=$(printf 'devlist\nquit\n' | "$S370" -f "$cnf" --headless 2>err.txt); rc=$?
    [ $rc -eq 0 ] && ok || bad "$cnf: exit $rc: $(cat err.txt)"
    grep -v -e ': warning: ' -e '^s370: TN3270 server listening on ' err.txt > errors.txt
    [ -s errors.txt ] && bad "$cnf: errors: $(cat errors.txt)" || ok
    # The lines that must warn, and those that may (in the file and its includes).
    files="$cnf"
    [ "$cnf" = mvs38.cnf ] && files="$cnf conf/local.cnf"
    : > want.txt; : > may.txt
    for f in $files; do
        grep -n '#W$' "$f" | cut -d: -f1 | sed "s|^|$f:|" >> want.txt
        grep -n '#W?$' "$f" | cut -d: -f1 | sed "s|^|$f:|" >> may.txt
    done
    sed -n 's/^\([^:]*:[0-9]*\): warning: .*/\1/p' err.txt | sort -u > got.txt
    missing=$(sort want.txt | comm -23 - got.txt)
    extra=$(cat want.txt may.txt | sort | comm -13 - got.txt)
    [ -z "$missing" ] && ok || bad "$cnf: no warning for $(echo $missing): $(cat err.txt)"
    [ -z "$extra" ] && ok || bad "$cnf: unexpected warning for $(echo $extra): $(cat err.txt)"
    # Each warning names the statement or device type of its line.
    grep ': warning: ' err.txt > errwarn.txt
    while IFS= read -r w; do
        loc=${w%%: warning:*}; f=${loc%:*}; n=${loc##*:}
        word=$(sed -n "${n}p" "$f" | awk '{ if ($1 ~ /^[0-9A-Fa-f:.,-]+$/ && NF > 1) print $2; else print $1 }')
        case $w in *"$word"*) ;; *) bad "$cnf: warning does not name $word: $w" ;; esac
    done < errwarn.txt
    printf 'quit\n' | "$S370" -f "$cnf" --headless --strict >/dev/null 2>&1
    [ $? -eq 3 ] && ok || bad "$cnf: --strict did not refuse the configuration"
    case $cnf in
    vm370.cnf)
        case $out in *"131 3350 dasd/vm50-1.131 sf=shadow/vm50-1_1.131"*) ok ;; *) bad "shadow file: $out" ;; esac
        case $out in *"190 3330 dasd/cmsvol.190 ro"*) ok ;; *) bad "enhanced symbol with default: $out" ;; esac
        case $out in *"480 3420 * (no tape mounted)"*) ok ;; *) bad "empty tape drive: $out" ;; esac ;;
    mvs38.cnf)
        case $out in *"191 3330 dasd/pub00191.191"*) ok ;; *) bad "group symbols: $out" ;; esac
        case $out in *"013 3525 pch/pch013.txt"*) ok ;; *) bad "INCLUDE and DEFSYM: $out" ;; esac
        case $out in *"149 3350 dasd/mvs000.149"*) ok ;; *) bad "device number without leading zero: $out" ;; esac
        case $out in *"148 3350 dasd/mvsres.148 (compressed)"*) ok ;; *) bad "compressed volume: $out" ;; esac ;;
    standalone.cnf)
        case $out in *"151 2314 util/old.2314"*) ok ;; *) bad "2314: $out" ;; esac ;;
    esac
done
[ "$(cksum dasd/vm50-1.131)" = "$before" ] && ok || bad "a base volume under a shadow file changed"

echo "hercconf: $pass passed, $fail failed"
[ $fail -eq 0 ]
