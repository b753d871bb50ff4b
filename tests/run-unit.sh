#!/bin/sh
# Run each Check test program, print its summary, then one total line.
# Fails if any check failed or a program crashed.
pass=0; fail=0
for t in "$@"; do
    out=$(CK_FORK=yes "$t" 2>&1); rc=$?
    line=$(printf '%s\n' "$out" | grep -E '^[0-9]+%: Checks: ' | tail -1)
    read -r n f e <<EOT
$(printf '%s' "$line" | sed -n 's/.*Checks: \([0-9]*\), Failures: \([0-9]*\), Errors: \([0-9]*\).*/\1 \2 \3/p')
EOT
    n=${n:-0}; f=${f:-0}; e=${e:-0}
    if [ "$rc" -ne 0 ] || [ -z "$line" ]; then
        printf '%s\n' "$out" | grep -v '^Running suite' | tail -40
        if [ $((f + e)) -eq 0 ]; then fail=$((fail + 1)); fi
    fi
    pass=$((pass + n - f - e)); fail=$((fail + f + e))
    echo "$(basename "$t"): ${line:-no summary (exit $rc)}"
done
echo "unit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
