#!/bin/sh
# Encoding test: every mnemonic of s370/opcodes.def plus the extended branch
# mnemonics, assembled by build/asm370 and by GNU as (Debian
# binutils-s390x-linux-gnu, as -m31 -mesa -march=g5) from the same operand
# table, must give the same bytes. Opcodes GNU as does not know (S/370-only
# ones such as SIO or ISK) are given to it with .insn.
# Prints "asm-encoding: N passed, M failed".
set -u
ASM=${ASM370:-build/asm370}
GAS=s390x-linux-gnu-as
OBJCOPY=s390x-linux-gnu-objcopy
if ! command -v $GAS >/dev/null 2>&1; then
    echo "asm-encoding: skipped ($GAS not installed)"
    exit 0
fi
tmp=$(mktemp -d)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$tmp"' EXIT

# One row per instruction and operand set: MNEMONIC FORMAT CLASS CODE EXT SET
{
    sed -n 's/^OP(0x\([0-9A-F]*\), *\([A-Z]*\), *\([A-Z0-9_]*\), *\([A-Z]*\)).*/\2 \3 \4 \1 -/p' s370/opcodes.def
    sed -n 's/^OP2(0x\([0-9A-F]*\), *0x\([0-9A-F]*\), *\([A-Z]*\), *\([A-Z0-9_]*\), *\([A-Z]*\)).*/\3 \4 \5 \1 \2/p' s370/opcodes.def
    for m in B BH BL BE BNH BNL BNE BO BP BM BZ BNO BNP BNM BNZ NOP; do
        echo "$m BRX GEN 47 -"
        echo "${m}R BRR GEN 07 -"
    done
} | sort -u -k1,1 > "$tmp/rows"

# The operand table: two sets per format, registers chosen so that every
# field is non-zero and distinct. Register operands that may name an even-odd
# pair (MR, CDS, MVCL, SLDA...) are even; floating-point registers are 0-6.
operands() {  # format class set
    fp=$([ "$2" = FP ] && echo 1 || echo 0)
    case "$1.$3" in
    RR.1)    [ $fp = 1 ] && echo "4,0" || echo "2,4" ;;
    RR.2)    [ $fp = 1 ] && echo "0,4" || echo "14,12" ;;
    RR_R1.1) echo "1" ;;           RR_R1.2) echo "15" ;;
    RR_I.1)  echo "200" ;;         RR_I.2)  echo "1" ;;
    RR_M.1)  echo "8,2" ;;         RR_M.2)  echo "15,14" ;;
    RX.1)    [ $fp = 1 ] && echo "4,8(2,3)" || echo "2,8(5,3)" ;;
    RX.2)    [ $fp = 1 ] && echo "0,4095(15,14)" || echo "14,4095(13,11)" ;;
    RX_M.1)  echo "8,8(2,3)" ;;    RX_M.2)  echo "15,4095(14,13)" ;;
    RS.1)    echo "2,4,8(5)" ;;    RS.2)    echo "14,12,4095(13)" ;;
    RS_SH.1) echo "2,8(5)" ;;      RS_SH.2) echo "14,63(13)" ;;
    RS_M.1)  echo "1,5,8(4)" ;;    RS_M.2)  echo "15,15,4095(13)" ;;
    SI.1)    echo "8(4),200" ;;    SI.2)    echo "4095(15),1" ;;
    S.1)     echo "8(4)" ;;        S.2)     echo "4095(15)" ;;
    S0.*)    echo "" ;;
    SS_L.1)  echo "8(16,4),24(5)" ;;          SS_L.2)  echo "4095(256,15),0(1)" ;;
    SS_LL.1) echo "8(3,4),24(5,5)" ;;         SS_LL.2) echo "4095(16,15),1(1,1)" ;;
    SS_I.1)  echo "8(3,4),24(5),6" ;;         SS_I.2)  echo "4095(16,15),1(1),15" ;;
    BRX.1)   echo "8(2,3)" ;;      BRX.2)   echo "4095(14,13)" ;;
    BRR.1)   echo "2" ;;           BRR.2)   echo "15" ;;
    esac
}
len_of() { case "$1" in RR*|BRR) echo 2 ;; SS*) echo 6 ;; *) echo 4 ;; esac; }

# GNU as spelling: the same mnemonic, or .insn for opcodes it lacks.
insn_form() {  # format code ext operands
    op=$2; ext=$3; [ "$ext" = - ] && ext=00
    case "$1" in
    RR)    echo ".insn rr,0x${op}00,$4" ;;
    RX)    echo ".insn rx,0x${op}000000,$4" ;;
    RS)    echo ".insn rs,0x${op}000000,$4" ;;
    SI)    echo ".insn si,0x${op}000000,$4" ;;
    S)     echo ".insn s,0x${op}${ext}0000,$4" ;;
    *)     echo "" ;;
    esac
}

: > "$tmp/list"
{ echo "ENC      START 0"; } > "$tmp/a.asm"
: > "$tmp/probe.s"
while read -r mn fmt cls code ext; do
    for set in 1 2; do
        ops=$(operands "$fmt" "$cls" $set)
        echo "$mn $fmt $cls $code $ext $set $(len_of "$fmt") $ops" >> "$tmp/list"
        printf '         %-5s %s\n' "$mn" "$ops" >> "$tmp/a.asm"
        echo " $(echo "$mn" | tr 'A-Z' 'a-z') $ops" >> "$tmp/probe.s"
    done
done < "$tmp/rows"
echo "         END" >> "$tmp/a.asm"

# Which mnemonics does GNU as reject? Those lines become .insn.
$GAS -m31 -mesa -march=g5 "$tmp/probe.s" -o "$tmp/probe.o" 2> "$tmp/probe.err"
sed -n "s/.*Unrecognized opcode: \`\([a-z]*\)'.*/\1/p" "$tmp/probe.err" | sort -u > "$tmp/rejected"
: > "$tmp/g.s"
while read -r mn fmt cls code ext set len ops; do
    lower=$(echo "$mn" | tr 'A-Z' 'a-z')
    if grep -qx "$lower" "$tmp/rejected"; then
        line=$(insn_form "$fmt" "$code" "$ext" "$ops")
        [ -n "$line" ] || line=" $lower $ops"
        echo " $line" >> "$tmp/g.s"
    else
        echo " $lower $ops" >> "$tmp/g.s"
    fi
done < "$tmp/list"

fail=0; pass=0
if ! "$ASM" -f bin -o "$tmp/a.bin" "$tmp/a.asm" 2> "$tmp/a.err"; then
    cat "$tmp/a.err"
fi
if ! $GAS -m31 -mesa -march=g5 "$tmp/g.s" -o "$tmp/g.o" 2> "$tmp/g.err"; then
    cat "$tmp/g.err"
    echo "asm-encoding: 0 passed, 1 failed (GNU as rejected the reference input)"
    exit 1
fi
$OBJCOPY -O binary -j .text "$tmp/g.o" "$tmp/g.bin"
od -An -v -tx1 "$tmp/a.bin" | tr -s ' \n' '\n\n' | grep . > "$tmp/a.hex"
od -An -v -tx1 "$tmp/g.bin" | tr -s ' \n' '\n\n' | grep . > "$tmp/g.hex"
result=$(awk -v AH="$tmp/a.hex" -v GH="$tmp/g.hex" '
    BEGIN { n = 0; while ((getline b < AH) > 0) a[n++] = b; m = 0; while ((getline b < GH) > 0) g[m++] = b }
    { len = $7; x = ""; y = "";
      for (i = 0; i < len; i++) { x = x (off + i < n ? a[off + i] : "--"); y = y (off + i < m ? g[off + i] : "--") }
      if (x == y) pass++; else { fail++; printf "FAIL %s %s: asm370 %s, GNU as %s\n", $1, $8, x, y }
      off += len }
    END { printf "%d %d\n", pass, fail }' "$tmp/list")
printf '%s\n' "$result" | sed '$d'
set -- $(printf '%s\n' "$result" | tail -1)
pass=$1; fail=$2
echo "asm-encoding: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
