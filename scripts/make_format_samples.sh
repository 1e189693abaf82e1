#!/usr/bin/env bash
# Makes the WebP, HEIF/HEIC, AVIF and TIFF samples under Samples/{webp,heif,tiff} from a synthetic
# "blocks" image (96x64, 16x16 flat colour blocks; see Samples/README.md), with the reference encoders:
# cwebp / img2webp (libwebp), heif-enc (libheif with x265 and aom), tiffcp (libtiff), exiftool.
#   apt-get install -y webp libheif-examples libtiff-tools libimage-exiftool-perl ; pip install pillow
#   bash scripts/make_format_samples.sh
# Outputs depend on the encoder versions; the tests check decoded block colours within a tolerance,
# never exact bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p Samples/webp Samples/heif Samples/tiff

python3 - "$work" <<'PY'
import sys
from PIL import Image
out = sys.argv[1]
P = [(200, 40, 40), (40, 180, 60), (30, 60, 200), (128, 128, 128), (250, 250, 250), (10, 10, 10)]
def blocks(shift=0, alpha=False):
    image = Image.new("RGBA" if alpha else "RGB", (96, 64))
    for r in range(4):
        for c in range(6):
            colour = P[(r * 6 + c + shift) % 6]
            if alpha:
                colour = colour + ((255 if c < 3 else 96),)
            for y in range(16 * r, 16 * r + 16):
                for x in range(16 * c, 16 * c + 16):
                    image.putpixel((x, y), colour)
    return image
blocks().save(f"{out}/blocks.png")
blocks(shift=1).save(f"{out}/blocks2.png")
blocks(alpha=True).save(f"{out}/blocks-alpha.png")
blocks().save(f"{out}/blocks.tif", compression="raw")
PY

# WebP
cwebp -quiet -q 92 "$work/blocks.png" -o Samples/webp/lossy.webp
cwebp -quiet -lossless -exact "$work/blocks-alpha.png" -o Samples/webp/lossless-alpha.webp
img2webp -lossless "$work/blocks.png" -d 100 "$work/blocks2.png" -o Samples/webp/animated.webp >/dev/null
cp Samples/webp/lossy.webp "$work/meta.webp"
exiftool -q -overwrite_original -Make="Provenant Test Camera Co." -Model="PTC-1" -Software="make_format_samples.sh" \
    -Orientation#=6 -XMP-dc:Creator="Provenant samples" -XMP-photoshop:Credit="Made with Google AI" "$work/meta.webp"
cp "$work/meta.webp" Samples/webp/exif-orientation6.webp

# HEIF / AVIF (heif-enc: x265 for HEIC, aom for AVIF)
heif-enc -q 90 "$work/blocks.png" -o Samples/heif/blocks.heic >/dev/null
heif-enc -A -q 90 "$work/blocks.png" -o Samples/heif/blocks.avif >/dev/null
heif-enc -A -q 90 "$work/blocks-alpha.png" -o Samples/heif/alpha.avif >/dev/null
cp Samples/heif/blocks.heic Samples/heif/exif-xmp.heic
exiftool -q -overwrite_original -Make="Provenant Test Camera Co." -Model="PTC-1" -XMP-dc:Creator="Provenant samples" Samples/heif/exif-xmp.heic

# TIFF: deflate with predictor (tiffcp), plus EXIF/XMP fields (exiftool)
tiffcp -s -c zip:2 "$work/blocks.tif" Samples/tiff/deflate.tif
exiftool -q -overwrite_original -Make="Provenant Test Camera Co." -Model="PTC-1" -XMP-dc:Creator="Provenant samples" Samples/tiff/deflate.tif
ls -l Samples/webp Samples/heif Samples/tiff
