#!/usr/bin/env bash
# Load test of `par-index serve` on loopback: POST /score?set=vn-district-2023 with the Duyên
# Hải sample, wrk with 2 threads and 16 connections for 10 s (bounded), latency percentiles.
# Needs wrk (apt-get install wrk) and a release build (cargo build --release -p par-index-cli).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=target/release/par-index
log="$(mktemp)"; lua="$(mktemp --suffix=.lua)"
"$bin" serve --bind 127.0.0.1:0 >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -f "$log" "$lua"' EXIT
for _ in $(seq 50); do grep -q 'http://' "$log" && break; sleep 0.1; done
url="$(grep -o 'http://[^ ]*' "$log" | head -n1)"
python3 - "$lua" <<'PY'
import json, sys
body = open("examples/data/duyen-hai-2023-q3.json", encoding="utf-8").read()
open(sys.argv[1], "w").write('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = [==[' + body + ']==]\n')
PY
curl -sf -X POST "${url}score?set=vn-district-2023" --data-binary @examples/data/duyen-hai-2023-q3.json | grep -o '"points":"45.87"' | head -n1
wrk -t2 -c"${CONNECTIONS:-16}" -d"${SECONDS_RUN:-10}"s --latency -s "$lua" "${url}score?set=vn-district-2023"
