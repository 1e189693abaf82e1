#!/usr/bin/env bash
# Load figures for `provenant serve` with wrk (scripts/wrk-post-file.lua): POST /v1/check of one image at
# concurrency 1, 8 and 64, then a soak at concurrency 8 while sampling the server's RSS every 5 s; beside
# it, in the same run, `provenant check` on copies of the same file (the command-line reference).
# Before each load the script waits until the server reports nothing queued or in flight (/metrics).
# Each load prints the load average before it and the server's CPU time (user + system, /proc) spent on it,
# per 2xx answer: on a shared machine the CPU per answer is the figure that does not depend on the others.
# Analysis options for every request go in the query (QUERY, e.g. QUERY='deep=never'; default: none).
#
# Usage: scripts/bench-service.sh PROVENANT_BINARY IMAGE [SECONDS_PER_RUN] [SOAK_SECONDS] [SERVE OPTIONS...]
# Example: scripts/bench-service.sh .build/release/provenant scratch/photo-1mp.jpg 30 120 --concurrency 2 --queue-depth 8
set -euo pipefail
binary=$1; image=$2; duration=${3:-20}; soak=${4:-120}
here=$(cd "$(dirname "$0")" && pwd)
lua="$here/wrk-post-file.lua"
export BODY_FILE=$image CONTENT_TYPE=image/jpeg
query=${QUERY:-}
url_query=${query:+?$query}
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
copies=$(mktemp -d)

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "image: $image, $(stat -c %s "$image") bytes, $(python3 -c "import struct,sys
d=open(sys.argv[1],'rb').read(); i=2
while i < len(d):
    m=d[i+1]; n=struct.unpack('>H',d[i+2:i+4])[0]
    if m in (0xC0,0xC1,0xC2): print('%dx%d' % struct.unpack('>HH',d[i+5:i+9])[::-1]); break
    i+=2+n" "$image")"

# The command-line reference, in the same run: `provenant check` on 1 and on 11 copies of the image, one
# process each; the difference is 10 images' analysis without the process start and model loading.
for i in $(seq 1 11); do cp "$image" "$copies/copy$i.jpg"; done
# With QUERY=deep=never the reference runs with --deep never too.
cli_options=()
[[ $query == *deep=never* ]] && cli_options=(--deep never)
[[ $query == *deep=auto* ]] && cli_options=(--deep auto)
cli_seconds() {  # JOBS FILES... -> "wall cpu" (cpu = user + system)
  local jobs=$1; shift
  local times; times=$(mktemp)
  /usr/bin/time -o "$times" -f "%e %U %S" "$binary" check --format jsonl --jobs "$jobs" "${cli_options[@]}" "$@" > /dev/null 2>/dev/null || true
  python3 -c "w, u, s = map(float, open('$times').read().split('\n')[-2].split()); print(w, u + s)"
  rm -f "$times"
}
for jobs in 1 2; do
  read -r one one_cpu <<<"$(cli_seconds "$jobs" "$copies/copy1.jpg")"
  read -r eleven eleven_cpu <<<"$(cli_seconds "$jobs" "$copies"/copy*.jpg)"
  echo "cli reference: provenant check --jobs $jobs ${cli_options[*]}: 1 file $(printf %.2f "$one") s wall / $(printf %.2f "$one_cpu") s CPU," \
    "11 files $(printf %.2f "$eleven") s / $(printf %.2f "$eleven_cpu") s CPU;" \
    "beyond the first: $(python3 -c "print(f'{10 / max($eleven - $one, 1e-9):.2f} images/s wall, {1000 * ($eleven_cpu - $one_cpu) / 10:.0f} ms CPU per image')")"
done

"$binary" serve --port "$port" --log-level error "${@:5}" &
server=$!
trap 'kill -TERM $server 2>/dev/null; rm -rf "$copies"' EXIT
until curl -fs "http://127.0.0.1:$port/readyz" >/dev/null; do sleep 0.2; done
echo "server pid $server, RSS after start: $(ps -o rss= -p $server) KiB"

# Waits until /metrics shows nothing queued or in flight; prints how long that took.
settle() {
  local waited=0  # at most 300 s
  while true; do
    local metrics; metrics=$(curl -fs "http://127.0.0.1:$port/metrics")
    local queued; queued=$(awk '/^provenant_requests_queued / {print $2}' <<<"$metrics")
    local running; running=$(awk '/^provenant_requests_in_flight / {print $2}' <<<"$metrics")
    if [[ ${queued%.*} == 0 && ${running%.*} == 0 ]]; then echo "settled: nothing queued or in flight after ${waited}s"; return; fi
    sleep 1; waited=$((waited + 1)); if (( waited > 300 )); then echo "not settled after 300 s"; return; fi
  done
}

ticks=$(getconf CLK_TCK)
server_cpu() { awk '{print $14 + $15}' "/proc/$server/stat"; }  # utime + stime in clock ticks
# Prints the server's CPU seconds since BEFORE (ticks) and per 2xx answer, from wrk's output in FILE.
cpu_report() {  # BEFORE FILE
  local after ok; after=$(server_cpu)
  ok=$(awk '/^2xx per second/ {gsub(/\(/, "", $5); print $5}' "$2")
  python3 -c "c = ($after - $1) / $ticks; n = int('${ok:-0}' or 0); print(f'server CPU (user+sys): {c:.2f} s, ' + (f'{1000 * c / n:.0f} ms per 2xx answer' if n else 'no 2xx answer'))"
}
summary_lines="Requests/sec|50%|99%|requests in|Non-2xx|statuses|2xx per second|socket errors"

for c in 1 8 64; do
  settle
  echo "== concurrency $c, ${duration}s, POST /v1/check$url_query, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  out=$(mktemp); before=$(server_cpu)
  wrk -t $(( c < 2 ? 1 : 2 )) -c $c -d ${duration}s --timeout 30s --latency -s "$lua" "http://127.0.0.1:$port/v1/check$url_query" > "$out"
  grep -E "$summary_lines" "$out"
  cpu_report "$before" "$out"; rm -f "$out"
  echo "RSS: $(ps -o rss= -p $server) KiB"
done

settle
soak_out=$(mktemp)
echo "== soak: concurrency 8, ${soak}s, RSS every 5 s (KiB), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
before=$(server_cpu)
wrk -t 2 -c 8 -d ${soak}s --timeout 30s --latency -s "$lua" "http://127.0.0.1:$port/v1/check$url_query" > "$soak_out" &
load=$!
samples=()
while kill -0 $load 2>/dev/null; do samples+=("$(ps -o rss= -p $server | tr -d ' ')"); sleep 5; done
grep -E "$summary_lines" "$soak_out"
cpu_report "$before" "$soak_out"
rm -f "$soak_out"
echo "RSS samples: ${samples[*]}"
echo "RSS over the soak: start ${samples[0]} KiB, peak $(printf '%s\n' "${samples[@]}" | sort -n | tail -1) KiB, end ${samples[-1]} KiB"
echo "peak RSS since start (VmHWM, includes the concurrency-64 run): $(awk '/VmHWM/ {print $2, $3}' /proc/$server/status)"
settle
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
