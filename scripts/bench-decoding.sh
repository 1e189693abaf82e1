#!/usr/bin/env bash
# Decode timings for docs/benchmarks-decoding.md.
#
# Usage: scripts/bench-decoding.sh [DATA_DIR]   (default ../shared/data/detect)
# Needs: a release build of Benchmarks/DecodeBench (built here), djpeg (apt: libjpeg-turbo-progs).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${1:-$root/../shared/data/detect}"
[ -d "$data" ] || { echo "no data directory: $data" >&2; exit 1; }
command -v djpeg >/dev/null || { echo "djpeg missing: apt-get install -y libjpeg-turbo-progs" >&2; exit 1; }

echo "## machine"
lscpu | grep -E "Model name|^CPU\(s\)" | sed 's/  */ /g'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
swift --version 2>&1 | head -1
echo "libjpeg-turbo: $(dpkg-query -W -f='${Version}' libjpeg62-turbo 2>/dev/null), libpng: $(dpkg-query -W -f='${Version}' libpng16-16 2>/dev/null)"

(cd "$root/Benchmarks/DecodeBench" && swift build -c release >/dev/null)
bench="$root/Benchmarks/DecodeBench/.build/release/decode-bench"

echo "## ImageDecoder (release build, best of 3 per file)"
"$bench" "$data" --repeat 3
echo "## ImageDecoder at 1/8 scale"
"$bench" "$data" --repeat 3 --scale 8
echo "## JPEGCoefficientReader"
"$bench" "$data" --repeat 3 --coefficients 2>/dev/null

echo "## djpeg on the same JPEGs (one process per file, output discarded)"
mapfile -d '' jpegs < <(find "$data" -type f \( -iname '*.jpg' -o -iname '*.jpeg' \) -print0 | sort -z)
tiny="$(mktemp --suffix .jpg)"
trap 'rm -f "$tiny"' EXIT
printf 'P6\n1 1\n255\n\x80\x80\x80' | cjpeg -quality 90 > "$tiny"
TIMEFORMAT='%R %U %S'
for pass in 1 2 3; do
  { time (for f in "${jpegs[@]}"; do djpeg -dct int -outfile /dev/null "$f"; done) ; } 2>&1 | awk -v n=${#jpegs[@]} '{printf "djpeg %d files: wall %.0f ms, CPU (user+sys) %.0f ms\n", n, $1*1000, ($2+$3)*1000}'
  { time (for f in "${jpegs[@]}"; do djpeg -dct int -outfile /dev/null "$tiny"; done) ; } 2>&1 | awk -v n=${#jpegs[@]} '{printf "djpeg start-up only (%d runs on a 1x1 JPEG): wall %.0f ms, CPU %.0f ms\n", n, $1*1000, ($2+$3)*1000}'
done
