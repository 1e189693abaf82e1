#!/usr/bin/env bash
# Load figures for `provenant serve` with wrk: POST /v1/check of one ~1 MP JPEG at concurrency 1, 8 and 64,
# then a soak at concurrency 8 while sampling the server's RSS every 5 s.
# Usage: scripts/bench-service.sh PROVENANT_BINARY JPEG [SECONDS_PER_RUN] [SOAK_SECONDS]
set -euo pipefail
binary=$1; image=$2; duration=${3:-20}; soak=${4:-120}
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
lua=$(mktemp --suffix=.lua)
cat > "$lua" <<LUA
local f = io.open("$image", "rb"); wrk.body = f:read("*a"); f:close()
wrk.method = "POST"; wrk.headers["Content-Type"] = "image/jpeg"
local counts = {}
response = function(status) counts[status] = (counts[status] or 0) + 1 end
done = function(summary, latency, requests)
  local parts = {}
  for status, n in pairs(counts) do parts[#parts + 1] = status .. ":" .. n end
  io.write(string.format("statuses %s\n", table.concat(parts, " ")))
end
LUA
"$binary" serve --port "$port" --log-level error "${@:5}" &
server=$!
trap 'kill -TERM $server 2>/dev/null; rm -f "$lua"' EXIT
until curl -fs "http://127.0.0.1:$port/readyz" >/dev/null; do sleep 0.2; done
echo "server pid $server, RSS after start: $(ps -o rss= -p $server) KiB"
for c in 1 8 64; do
  echo "== concurrency $c, ${duration}s"
  wrk -t $(( c < 2 ? 1 : 2 )) -c $c -d ${duration}s --timeout 30s --latency -s "$lua" "http://127.0.0.1:$port/v1/check" | grep -E "Requests/sec|50%|99%|requests in|Non-2xx|statuses|Socket errors"
  echo "RSS: $(ps -o rss= -p $server) KiB"
done
soak_out=$(mktemp)
echo "== soak: concurrency 8, ${soak}s, RSS every 5 s (KiB)"
wrk -t 2 -c 8 -d ${soak}s --timeout 30s --latency -s "$lua" "http://127.0.0.1:$port/v1/check" > "$soak_out" &
load=$!
samples=()
while kill -0 $load 2>/dev/null; do samples+=("$(ps -o rss= -p $server | tr -d ' ')"); sleep 5; done
grep -E "Requests/sec|50%|99%|requests in|Non-2xx|statuses" "$soak_out"
echo "RSS samples: ${samples[*]}"
