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
        local times wall user sys
        times=$(mktemp)
        # -o: the command's own output goes to /dev/null, time's figures to the file (exit status ignored).
        /usr/bin/time -o "$times" -f "%e %U %S" taskset -c "$core" "$@" >/dev/null 2>/dev/null || true
        read -r wall user sys < <(tail -1 "$times")
        rm -f "$times"
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
measure '`provenant check --deep never Samples/photo/lake-scene.jpg` (start-up without the deep model, one small image)' "$bin" check --quiet --deep never Samples/photo/lake-scene.jpg
measure '`provenant check Samples/photo/lake-scene.jpg` (start-up, both models load, one small image, deep stage once)' "$bin" check --quiet Samples/photo/lake-scene.jpg
measure '`provenant check --deep never CLIP`' "$bin" check --quiet --deep never "$clip"
measure '`provenant check --deep auto CLIP`' "$bin" check --quiet --deep auto "$clip"
measure '`provenant check CLIP` (default: --deep always, 6 frames, deep stage on 2)' "$bin" check --quiet "$clip"
measure '`provenant check --max-frames 2 --max-deep-frames 1 CLIP`' "$bin" check --quiet --max-frames 2 --max-deep-frames 1 "$clip"
echo "load average at end of table: $(cut -d' ' -f1-3 /proc/loadavg)"

# Where the time goes: the service answers with per-stage timings (wall seconds inside the analysis,
# model already loaded) and the report's deep_stage.seconds. For the default policy and for deep=never:
# one warm-up request, then RUNS requests, each with the server's CPU time (/proc) it cost.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
taskset -c "$core" "$bin" serve --port "$port" --concurrency 1 --timeout-s 600 --log-level error &
server=$!
trap 'kill -TERM $server 2>/dev/null || true' EXIT
until curl -fs "http://127.0.0.1:$port/readyz" >/dev/null; do sleep 0.2; done
answers=$(mktemp -d)
cpu_of_server() { awk '{print $14 + $15}' "/proc/$server/stat"; }  # utime + stime, clock ticks
ticks=$(getconf CLK_TCK)
for mode in always never; do
    for ((i = 0; i <= runs; i++)); do
        before=$(cpu_of_server)
        curl -fs -o "$answers/$mode-$i.json" -w '%{time_total}\n' --data-binary @"$clip" -H 'Content-Type: video/mp4' \
            "http://127.0.0.1:$port/v1/check?deep=$mode&filename=$(basename "$clip")" > "$answers/$mode-$i.wall"
        after=$(cpu_of_server)
        python3 -c "print(($after - $before) / $ticks)" > "$answers/$mode-$i.cpu"
    done
done
echo
echo "Warm service, one core (\`serve --concurrency 1\` pinned with taskset -c $core), POST /v1/check of the clip (the whole file as the body, over loopback):"
python3 - "$answers" "$runs" <<'EOF'
import json, sys
folder, runs = sys.argv[1], int(sys.argv[2])
for mode in ("always", "never"):
    rows = []
    for i in range(1, runs + 1):  # request 0 is the warm-up
        answer = json.load(open(f"{folder}/{mode}-{i}.json"))
        rows.append((float(open(f"{folder}/{mode}-{i}.wall").read()), float(open(f"{folder}/{mode}-{i}.cpu").read()), answer))
    rows.sort(key=lambda row: row[0])
    walls = [row[0] for row in rows]
    cpus = sorted(row[1] for row in rows)
    wall, cpu, answer = rows[0]
    frames = answer.get("frames") or {}
    sampled = frames.get("sampled") or []
    print()
    print(f"deep={mode} ({'the default policy' if mode == 'always' else 'pixel statistics only'}): request wall s (time to the answer) "
          f"best {walls[0]:.2f}, median {walls[len(walls) // 2]:.2f}; server CPU s per request median {cpus[len(cpus) // 2]:.2f}, "
          f"lowest {cpus[0]:.2f}; verdict {answer.get('verdict')}, ai_probability {answer.get('ai_probability')}, "
          f"{len(sampled)} frames sampled of {frames.get('total')}, deep stage on "
          f"{sum(1 for f in sampled if f.get('deep_probability') is not None)}")
    timings = dict(answer.get("timings") or {})
    total = timings.pop("total", 0.0)
    if "deep" not in timings:
        timings["deep (deep_stage.seconds; not in timings)"] = (answer.get("deep_stage") or {}).get("seconds") or 0.0
    print()
    print("| stage (fastest request) | wall s | share of total |")
    print("| --- | ---: | ---: |")
    for name, seconds in sorted(timings.items(), key=lambda item: -item[1]):
        if seconds >= 0.0005:
            print(f"| {name} | {seconds:.3f} | {100 * seconds / (total or 1):.0f} % |")
    rest = total - sum(timings.values())
    print(f"| (not attributed) | {rest:.3f} | {100 * rest / (total or 1):.0f} % |")
    print(f"| total | {total:.3f} | |")
EOF
rm -rf "$answers"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
