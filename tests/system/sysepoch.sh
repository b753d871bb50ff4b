#!/bin/sh
# SYSEPOCH, YROFFSET and TZOFFSET give the TOD clock Hercules gives: the
# same STCK program under the same statement on Hercules and on build/s370
# (tests/compat/sysepoch.py).
exec python3 "$(dirname "$0")/../compat/sysepoch.py" "${S370:-build/s370}"
