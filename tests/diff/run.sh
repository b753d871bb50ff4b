#!/bin/sh
# Differential test: every table-generated program on build/s370 and on
# Hercules 3.13 in S/370 mode; prints "diff: N passed, M failed".
# Usage: tests/diff/run.sh [--keep] [-v] [NAME-PATTERN ...]   (docs/testing.md)
here=$(dirname "$0")
if ! command -v python3 >/dev/null 2>&1; then
    echo "diff: cannot run: python3 is missing"
    echo "diff: 0 passed, 1 failed"
    exit 1
fi
exec python3 "$here/difftest.py" "$@"
