#!/bin/sh
# System-level tests: scripts in tests/system/*.sh and the differential test
# against Hercules. Each prints its own "N passed, N failed" line.
status=0
for s in tests/system/*.sh tests/diff/run.sh; do
    [ -x "$s" ] || continue
    echo "== $s"
    "$s" || status=1
done
exit $status
