#!/usr/bin/env bash
# Measures what docs/performance.md reports as the server's footprint: `drover server` on its
# defaults (SQLite in a fresh directory, workers on) drains N noop jobs sent through the CLI, and
# the peak resident set size of the server process (VmHWM) is printed. Linux only (/proc).
set -euo pipefail

jobs=${1:-100000}
port=${PORT:-8099}
repo=$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

for ((i = 0; i < jobs; i++)); do
  printf '{"queue":"footprint","kind":"noop","payload":{"n":%d}}\n' "$i"
done > "$work/jobs.ndjson"

DROVER_DATA_DIR=$work/data "$repo/drover" server --port "$port" > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
  curl -sf "localhost:$port/health" > /dev/null && break
  sleep 0.5
done
# The launcher execs java, so the launcher's pid is the server's.
echo "footprint: server pid $server, RSS at start $(awk '/VmRSS/ {print $2 " " $3}' "/proc/$server/status")"

started=$(date +%s.%N)
"$repo/drover" enqueue --server "http://127.0.0.1:$port" --from "$work/jobs.ndjson" > /dev/null
until [ "$(curl -s "localhost:$port/api/v1/stats" | grep -o '"completed":[0-9]*' | cut -d: -f2)" = "$jobs" ]; do
  sleep 0.2
done
ended=$(date +%s.%N)

echo "footprint: $jobs jobs enqueued and completed in $(echo "$ended - $started" | bc) s"
echo "footprint: peak RSS $(awk '/VmHWM/ {print $2 " " $3}' "/proc/$server/status")"
