#!/usr/bin/env bash
# Video speed side by side (docs/benchmarks.md, "Video"): `provenant check` on a clip next to FFmpeg decoding
# every frame of the same clip (`ffmpeg -i CLIP -f null -`), each pinned to one core, best of N runs; then
# where the time of one default check goes, from the per-stage timings of `provenant serve`'s answer.
#
#   swift build -c release --product provenant
#   scripts/make_video_samples.sh --long scratch        # scratch/long-1080p.mp4 (git-ignored)
#   scripts/bench-video.sh scratch/long-1080p.mp4 [RUNS]
#   CORE=1 scripts/bench-video.sh ...                   # pin to another core (default 0)
#
# Prints one Markdown table row per command: wall seconds (best and median of RUNS) and CPU seconds
# (user + system; median and lowest of RUNS). On a shared machine the CPU columns are the ones to compare:
# a pinned process waits for its core while others use it, which inflates wall time but not CPU time.
# "Time to first verdict" is the wall time from starting the command to its report: `check` prints one
# report per clip, at the end. The service row is the same analysis in a warm process (model loaded).
set -euo pipefail
cd "$(dirname "$0")/.."
clip=${1:?usage: scripts/bench-video.sh CLIP [RUNS]}
runs=${2:-3}
core=${CORE:-0}
bin=.build/release/provenant
[ -x "$bin" ] || { echo "build first: swift build -c release --product provenant" >&2; exit 1; }

measure() { # label, command...
    local label=$1
    shift
    local walls=() cpus=()
    for ((i = 0; i < runs; i++)); do
        local out wall user sys
        out=$({ /usr/bin/time -f "%e %U %S" taskset -c "$core" "$@" >/dev/null 2>/dev/null; } 2>&1 | tail -1)
        read -r wall user sys <<<"$out"
        walls+=("$wall")
        cpus+=("$(python3 -c "print(f'{$user + $sys:.2f}')")")
    done
    local sorted best median cpu_sorted cpu_median cpu_best
    sorted=$(printf '%s\n' "${walls[@]}" | sort -n)
    best=$(head -1 <<<"$sorted")
    median=$(sed -n "$(((runs + 1) / 2))p" <<<"$sorted")
    cpu_sorted=$(printf '%s\n' "${cpus[@]}" | sort -n)
    cpu_best=$(head -1 <<<"$cpu_sorted")
    cpu_median=$(sed -n "$(((runs + 1) / 2))p" <<<"$cpu_sorted")
    echo "| $label | $best | $median | $cpu_median | $cpu_best |"
}

echo "clip: $clip ($(ffprobe -v error -select_streams v -show_entries stream=codec_name,width,height,nb_frames -show_entries format=duration -of csv=p=0 "$clip" | tr '\n' ' '))"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ), $runs runs each, pinned with taskset -c $core"
echo
echo "| command (one core, taskset -c $core) | best wall s | median wall s | median CPU s (user+sys) | lowest CPU s |"
echo "| --- | ---: | ---: | ---: | ---: |"
measure '`ffmpeg -threads 1 -i CLIP -f null -` (every frame)' ffmpeg -hide_banner -nostdin -threads 1 -i "$clip" -f null -
measure '`ffmpeg -i CLIP -f null -` (default threads)' ffmpeg -hide_banner -nostdin -i "$clip" -f null -
measure '`provenant check Samples/photo/lake-scene.jpg` (start-up, model loads, one small image)' "$bin" check --quiet Samples/photo/lake-scene.jpg
measure '`provenant check --deep never CLIP`' "$bin" check --quiet --deep never "$clip"
measure '`provenant check --deep auto CLIP`' "$bin" check --quiet --deep auto "$clip"
measure '`provenant check CLIP` (default: --deep always, 6 frames, deep stage on 2)' "$bin" check --quiet "$clip"
measure '`provenant check --max-frames 2 --max-deep-frames 1 CLIP`' "$bin" check --quiet --max-frames 2 --max-deep-frames 1 "$clip"
echo "load average at end of table: $(cut -d' ' -f1-3 /proc/loadavg)"

# Where the time goes: the service answers with per-stage timings (wall seconds inside the analysis,
# model already loaded). One warm-up request, then RUNS requests; the stage times of the fastest are shown.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
taskset -c "$core" "$bin" serve --port "$port" --concurrency 1 --timeout-s 600 --log-level error &
server=$!
trap 'kill -TERM $server 2>/dev/null || true' EXIT
until curl -fs "http://127.0.0.1:$port/readyz" >/dev/null; do sleep 0.2; done
answers=$(mktemp -d)
cpu_of_server() { awk '{print $14 + $15}' "/proc/$server/stat"; }  # utime + stime, clock ticks
ticks=$(getconf CLK_TCK)
for ((i = 0; i <= runs; i++)); do
    before=$(cpu_of_server)
    curl -fs -o "$answers/$i.json" -w '%{time_total}\n' --data-binary @"$clip" -H 'Content-Type: video/mp4' \
        "http://127.0.0.1:$port/v1/check?filename=$(basename "$clip")" > "$answers/$i.wall"
    after=$(cpu_of_server)
    python3 -c "print(($after - $before) / $ticks)" > "$answers/$i.cpu"
done
echo
echo "Warm service, one core (\`serve --concurrency 1\` pinned with taskset -c $core), POST /v1/check of the clip, default policy:"
python3 - "$answers" "$runs" <<'EOF'
import json, sys
folder, runs = sys.argv[1], int(sys.argv[2])
rows = []
for i in range(1, runs + 1):  # request 0 is the warm-up
    answer = json.load(open(f"{folder}/{i}.json"))
    rows.append((float(open(f"{folder}/{i}.wall").read()), float(open(f"{folder}/{i}.cpu").read()), answer))
rows.sort(key=lambda row: row[0])
walls = [row[0] for row in rows]
cpus = sorted(row[1] for row in rows)
wall, cpu, answer = rows[0]
print(f"request wall s (time to the answer): best {walls[0]:.2f}, median {walls[len(walls) // 2]:.2f}; "
      f"server CPU s per request: median {cpus[len(cpus) // 2]:.2f}, lowest {cpus[0]:.2f}")
frames = answer.get("frames") or {}
sampled = frames.get("sampled") or []
print(f"verdict {answer.get('verdict')}, ai_probability {answer.get('ai_probability')}, {len(sampled)} frames sampled "
      f"of {frames.get('total')}, deep stage on {sum(1 for f in sampled if f.get('deep_probability') is not None)}")
timings = answer.get("timings") or {}
total = sum(v for k, v in timings.items() if k != "total" and isinstance(v, (int, float))) or 1.0
print()
print("| stage (fastest request) | wall s | share |")
print("| --- | ---: | ---: |")
for name, seconds in timings.items():
    if isinstance(seconds, (int, float)) and name != "total":
        print(f"| {name} | {seconds:.3f} | {100 * seconds / total:.0f} % |")
if "total" in timings:
    print(f"| total | {timings['total']:.3f} | |")
EOF
rm -rf "$answers"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
