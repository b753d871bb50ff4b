#!/bin/sh
# A standalone program assembled by asm370 (-f bin) runs on build/s370 run.
# The image starts at 0: a disabled-wait program new PSW at X'68' and the
# program at X'1000', which sums 5+4+3+2+1 with BCT, stores the sum, copies
# text with MVC and ends on X'0000' (an operation exception whose new PSW is
# the wait). The old PSW at X'28' then points just past that end marker.
# If the run stops earlier on an operation exception, the CPU of this build
# lacks an instruction the program uses: reported as skipped, not failed.
set -u
ASM=${ASM370:-build/asm370}
S370=${S370:-build/s370}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/run.asm" <<'SRC'
RUN      START 0
         ORG   RUN+X'68'
PGMNEW   DC    X'000A0000',A(X'EEE')     program new PSW: disabled wait
         ORG   RUN+X'1000'
BEGIN    BALR  12,0
         USING *,12
         L     1,=F'5'
         SR    2,2
LOOP     AR    2,1                       2 = 5+4+3+2+1
         BCT   1,LOOP
         ST    2,RESULT
         MVC   COPY,TEXT
         LR    3,2
         AR    3,3                       3 = 30
ENDMARK  DC    H'0'                      invalid opcode ends the run
RESULT   DS    F
TEXT     DC    C'ASM370OK'
COPY     DC    CL8' '
         LTORG
         END   BEGIN
SRC
if ! "$ASM" -f bin -o "$tmp/run.bin" "$tmp/run.asm"; then
    echo "asm-run: 0 passed, 1 failed (assembly failed)"
    exit 1
fi
out=$("$S370" run --load "$tmp/run.bin@0" --psw 0000000000001000 --deterministic --limit 10000 \
      --dump 28:8 --dump 1020:4 --dump 102C:8)
oldpsw=$(printf '%s\n' "$out" | sed -n 's/^STORAGE 000028 //p')
ia=$(printf '%s' "$oldpsw" | cut -c11-16)
code=$(printf '%s' "$oldpsw" | cut -c5-8)
if [ "$ia" != "00101E" ]; then
    if [ "$code" = "0001" ]; then
        echo "asm-run: skipped (this CPU build raised an operation exception before X'101E', at $ia)"
        exit 0
    fi
    printf '%s\n' "$out"
    echo "asm-run: 0 passed, 1 failed (stopped at $ia, code $code)"
    exit 1
fi
want="GR2 0000000F
GR3 0000001E
STORAGE 001020 0000000F
STORAGE 00102C C1E2D4F3F7F0D6D2"
fail=0
printf '%s\n' "$want" | while read -r line; do
    printf '%s\n' "$out" | grep -qx "$line" || { echo "missing: $line"; exit 1; }
done || fail=1
if [ $fail -eq 0 ]; then echo "asm-run: 1 passed, 0 failed"; else printf '%s\n' "$out"; echo "asm-run: 0 passed, 1 failed"; fi
exit $fail
