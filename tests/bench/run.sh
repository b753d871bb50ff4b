#!/bin/sh
# Instruction-rate benchmark against Hercules (make bench; docs/bench.md).
# Usage: tests/bench/run.sh [--reps N] [--scale F] [--deterministic] [NAME-PATTERN ...]
here=$(dirname "$0")
if ! command -v python3 >/dev/null 2>&1; then
    echo "bench: cannot run: python3 is missing"
    exit 2
fi
exec python3 "$here/bench.py" "$@"
