#!/usr/bin/env bash
# Decode time per format (WebP lossy/lossless, HEIC, AVIF, TIFF deflate) for docs/benchmarks.md, next to
# the reference command-line decoders on the same files: dwebp (no output file: decode only),
# heif-convert (to .y4m, the cheapest output it writes), tiffcp -c none (decode + uncompressed rewrite).
#
# Usage: scripts/bench-formats.sh [COUNT] [WIDTH] [HEIGHT]   (default 16 images of 1024x768 per format)
# Needs: webp, libheif-examples, libtiff-tools (apt), pillow (pip); builds Benchmarks/DecodeBench in release.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
count="${1:-16}"; width="${2:-1024}"; height="${3:-768}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "## machine"
lscpu | grep -E "Model name|^CPU\(s\)" | sed 's/  */ /g'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (shared machine: other builds were running)"
swift --version 2>&1 | head -1
for p in libwebp7 libheif1 libtiff6; do echo "$p $(dpkg-query -W -f='${Version}' $p 2>/dev/null)"; done

# Photo-like synthetic sources: smooth colour fields, edges and sensor-like noise (seeded).
python3 - "$work" "$count" "$width" "$height" <<'PY'
import sys, random, math
from PIL import Image, ImageDraw, ImageFilter
out, count, w, h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
for i in range(count):
    rnd = random.Random(i)
    img = Image.new("RGB", (w, h))
    px = img.load()
    a, b, c = rnd.random() * 6, rnd.random() * 6, rnd.random() * 6
    for y in range(h):
        for x in range(w):
            px[x, y] = (int(128 + 100 * math.sin(a + x / 97)), int(128 + 100 * math.sin(b + y / 71)), int(128 + 100 * math.sin(c + (x + y) / 131)))
    d = ImageDraw.Draw(img)
    for _ in range(30):
        x0, y0 = rnd.randrange(w), rnd.randrange(h)
        d.ellipse([x0, y0, x0 + rnd.randrange(20, 200), y0 + rnd.randrange(20, 200)], fill=tuple(rnd.randrange(256) for _ in range(3)))
    img = img.filter(ImageFilter.GaussianBlur(1.2))
    noise = Image.effect_noise((w, h), 6).convert("RGB")
    img = Image.blend(img, noise, 0.05)
    img.save(f"{out}/src{i:02d}.png")
    img.save(f"{out}/src{i:02d}.tif", compression="raw")
PY
mkdir -p "$work"/{webp_lossy,webp_lossless,heic,avif,tiff}
for src in "$work"/src*.png; do
  n=$(basename "$src" .png)
  cwebp -quiet -q 85 "$src" -o "$work/webp_lossy/$n.webp"
  cwebp -quiet -lossless "$src" -o "$work/webp_lossless/$n.webp"
  heif-enc -q 75 "$src" -o "$work/heic/$n.heic" >/dev/null
  heif-enc -A -q 75 "$src" -o "$work/avif/$n.avif" >/dev/null
  tiffcp -c zip:2 "$work/$n.tif" "$work/tiff/$n.tif"
done

(cd "$root/Benchmarks/DecodeBench" && swift build -c release >/dev/null)
bench="$root/Benchmarks/DecodeBench/.build/release/decode-bench"
TIMEFORMAT='%R %U %S'
for kind in webp_lossy webp_lossless heic avif tiff; do
  echo "## $kind: ImageDecoder (release, best of 3 per file)"
  "$bench" "$work/$kind" --repeat 3 | grep -E "^(format|all)"
  files=("$work/$kind"/*)
  for pass in 1 2 3; do
    case $kind in
      webp*) cmd=(dwebp -quiet) ;;
      heic|avif) cmd=(heif-convert -q 90) ;;
      tiff) cmd=(tiffcp -c none) ;;
    esac
    { time (for f in "${files[@]}"; do
        case $kind in
          webp*) dwebp -quiet "$f" ;;
          heic|avif) heif-convert "$f" "$work/out.y4m" >/dev/null ;;
          tiff) tiffcp -c none "$f" "$work/out.tif" ;;
        esac
      done) ; } 2>&1 | awk -v n=${#files[@]} -v tool="${cmd[0]}" '{printf "%s %d files (one process each): wall %.0f ms, CPU (user+sys) %.0f ms, CPU %.2f ms/file\n", tool, n, $1*1000, ($2+$3)*1000, ($2+$3)*1000/n}'
  done
done
