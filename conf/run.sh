#!/bin/sh
# conf/run.sh - what `make run` does: start the machine with the default
# configuration (conf/default.cnf) in the background, open the built-in
# terminal (build/term3270) on its TN3270 port, and stop the machine cleanly
# when the terminal ends.
#
#   RUN_PORT=N     the TN3270 port (default 3270, or a free random one if
#                  3270 is taken)
#   RUN_CONFIG=F   another configuration file
#   RUN_MODEL=M    3278 model for the terminal (2-5)
#   RUN_DIR=D      where the machine runs (its files, console log); build/run
#   RUN_MACHINE=C  the machine's command line (tests put another TN3270
#                  server here); $config and $port are set when it runs
root=$(cd "$(dirname "$0")/.." && pwd)
B=$root/build
config=${RUN_CONFIG:-$root/conf/default.cnf}
run=${RUN_DIR:-$B/run}
machine=${RUN_MACHINE:-'"$B/s370" -f "$config" --tn3270 "127.0.0.1:$port" --headless'}
mkdir -p "$run" || exit 1

# Is something listening on TCP port $1 (IPv4 or IPv6)?
listening() {
    awk -v p="$(printf ':%04X' "$1")" '$4 == "0A" && substr($2, length($2) - 4) == p { f = 1 }
        END { exit !f }' /proc/net/tcp /proc/net/tcp6 2>/dev/null
}
port=${RUN_PORT:-3270}
if [ -z "$RUN_PORT" ] && listening "$port"; then
    while :; do
        port=$((20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000))
        listening "$port" || break
    done
fi

# The console reads commands from a pipe we hold open; its output goes to a log.
rm -f "$run/console"
mkfifo "$run/console" || exit 1
(cd "$run" && eval "exec $machine") \
    < "$run/console" > "$run/console.log" 2>&1 &
pid=$!
exec 3> "$run/console"
echo "make run: machine started (console log: $run/console.log), TN3270 on 127.0.0.1:$port"

stop() {
    if kill -0 "$pid" 2>/dev/null; then
        echo quit >&3
        for i in 1 2 3 4 5 6 7 8 9 10; do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.5
        done
        kill -0 "$pid" 2>/dev/null && kill -TERM "$pid"
    fi
    exec 3>&-
    wait "$pid" 2>/dev/null
    rm -f "$run/console"
}
trap 'stop; exit 130' INT TERM HUP

# Wait (up to 20 s) until the machine listens; it may also end early.
for i in $(seq 100); do
    listening "$port" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
done
rc=1
if kill -0 "$pid" 2>/dev/null; then
    "$B/term3270" -w 2 ${RUN_MODEL:+-m "$RUN_MODEL"} "127.0.0.1:$port"
    rc=$?
fi
if ! kill -0 "$pid" 2>/dev/null; then
    echo "make run: the machine ended; the end of its console log:"
    tail -5 "$run/console.log"
fi
stop
echo "make run: machine stopped"
exit $rc
