#!/usr/bin/env bash
# Video speed side by side (docs/benchmarks.md, "Video"): `provenant check` on a clip next to FFmpeg decoding
# every frame of the same clip (`ffmpeg -i CLIP -f null -`), each pinned to one core, best of N runs.
#
#   swift build -c release --product provenant
#   scripts/make_video_samples.sh --long scratch        # scratch/long-1080p.mp4 (git-ignored)
#   scripts/bench-video.sh scratch/long-1080p.mp4 [RUNS]
#
# Prints one Markdown table row per command: wall seconds (best and median of RUNS), user CPU seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
clip=${1:?usage: scripts/bench-video.sh CLIP [RUNS]}
runs=${2:-3}
bin=.build/release/provenant
[ -x "$bin" ] || { echo "build first: swift build -c release --product provenant" >&2; exit 1; }

measure() { # label, command...
    local label=$1
    shift
    local walls=() users=()
    for ((i = 0; i < runs; i++)); do
        local out
        out=$({ /usr/bin/time -f "%e %U" taskset -c 0 "$@" >/dev/null 2>/dev/null; } 2>&1 | tail -1)
        walls+=("${out% *}")
        users+=("${out#* }")
    done
    local sorted best median user
    sorted=$(printf '%s\n' "${walls[@]}" | sort -n)
    best=$(head -1 <<<"$sorted")
    median=$(sed -n "$(((runs + 1) / 2))p" <<<"$sorted")
    user=$(printf '%s\n' "${users[@]}" | sort -n | head -1)
    echo "| $label | $best | $median | $user |"
}

echo "clip: $clip ($(ffprobe -v error -select_streams v -show_entries stream=codec_name,width,height,nb_frames -show_entries format=duration -of csv=p=0 "$clip" | tr '\n' ' '))"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| command (one core, taskset -c 0) | best wall s | median wall s | user CPU s |"
echo "| --- | ---: | ---: | ---: |"
measure '`ffmpeg -threads 1 -i CLIP -f null -` (every frame)' ffmpeg -hide_banner -nostdin -threads 1 -i "$clip" -f null -
measure '`ffmpeg -i CLIP -f null -` (default threads)' ffmpeg -hide_banner -nostdin -i "$clip" -f null -
measure '`provenant check --deep never CLIP`' "$bin" check --quiet --deep never "$clip"
measure '`provenant check --deep auto CLIP`' "$bin" check --quiet --deep auto "$clip"
measure '`provenant check CLIP` (default: --deep always, 2 deep frames)' "$bin" check --quiet "$clip"
