#!/usr/bin/env python3
"""Generates the small sample images in Samples/ (development tooling only; the product never runs Python).

Usage:  python3 scripts/make_samples.py [--out Samples]
        python3 scripts/make_samples.py --check     # regenerate in a temporary folder and compare

Needs Pillow (`pip install pillow`) for the JPEGs with EXIF and CMYK, and `cjpeg` from the Debian
package libjpeg-turbo-progs for the arithmetic-coded JPEG. PNGs are written by the small encoder
below (zlib level 9), so their bytes do not depend on Pillow. Output is deterministic for a given
Pillow / libjpeg-turbo / zlib version; the pixel values listed in Samples/README.md hold for any
version (within the stated JPEG tolerance).
"""

import argparse
import math
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

from PIL import Image

# Flat colours used by the block images: 16x16 blocks, colour index = (row * columns + column) % 6.
BLOCK_PALETTE = [
    (200, 40, 40),
    (40, 180, 60),
    (30, 60, 200),
    (128, 128, 128),
    (250, 250, 250),
    (10, 10, 10),
]


def blocks_image(columns, rows):
    """RGB image of 16x16 flat blocks (JPEG-friendly: every 8x8 block is one colour)."""
    image = Image.new("RGB", (columns * 16, rows * 16))
    pixels = image.load()
    for y in range(rows * 16):
        for x in range(columns * 16):
            pixels[x, y] = BLOCK_PALETTE[((y // 16) * columns + (x // 16)) % len(BLOCK_PALETTE)]
    return image


def scene_image(width, height):
    """A smooth, photo-like synthetic landscape: sky gradient, sun, two hill ranges, a lake, mild texture."""
    image = Image.new("RGB", (width, height))
    pixels = image.load()
    state = 12345

    def noise():
        nonlocal state
        state = (1103515245 * state + 12345) & 0x7FFFFFFF
        return (state >> 16) % 7 - 3

    horizon = int(height * 0.62)
    for y in range(height):
        for x in range(width):
            fx, fy = x / width, y / height
            far_hill = horizon - int(height * (0.12 + 0.06 * math.sin(fx * 5.0 + 1.0)))
            near_hill = horizon - int(height * (0.04 + 0.05 * math.sin(fx * 9.0 + 2.5)))
            if y < far_hill:  # sky with a sun glow
                glow = max(0.0, 1.0 - math.hypot(fx - 0.75, fy - 0.2) * 4.0)
                r = 110 + 90 * fy + 140 * glow
                g = 160 + 60 * fy + 110 * glow
                b = 235 - 40 * fy + 20 * glow
            elif y < near_hill:  # distant hills, hazy blue-green
                shade = (y - far_hill) / max(1, near_hill - far_hill)
                r, g, b = 90 + 30 * shade, 120 + 20 * shade, 130 - 10 * shade
            elif y < horizon:  # nearer hills, green
                r, g, b = 60 + 20 * math.sin(fx * 40), 110 + 25 * math.sin(fx * 23 + fy * 17), 50
            else:  # lake reflecting the sky, darker with depth
                depth = (y - horizon) / (height - horizon)
                ripple = 8 * math.sin(y * 0.9 + 3 * math.sin(x * 0.05))
                r, g, b = 70 - 30 * depth + ripple, 110 - 30 * depth + ripple, 160 - 40 * depth + ripple
            n = noise()
            pixels[x, y] = tuple(max(0, min(255, int(round(c + n)))) for c in (r, g, b))
    return image


# ---------------------------------------------------------------------------------------------- PNG


def png_chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def png_bytes(width, height, bit_depth, color_type, rows, extra_chunks=(), plte=None, trns=None, interlace=False):
    """Builds a PNG. `rows` is a list of packed (unfiltered) scanlines for the full image.

    With interlace=True the image is re-packed into Adam7 passes (bit depth >= 8 only).
    """
    header = struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, 1 if interlace else 0)
    if interlace:
        channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[color_type]
        bpp = channels * bit_depth // 8
        raw = b""
        for x0, y0, dx, dy in [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]:
            xs = list(range(x0, width, dx))
            if not xs:
                continue
            for y in range(y0, height, dy):
                raw += b"\x00" + b"".join(rows[y][x * bpp:(x + 1) * bpp] for x in xs)
    else:
        raw = b"".join(b"\x00" + row for row in rows)
    out = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header)
    if plte is not None:
        out += png_chunk(b"PLTE", bytes(c for rgb in plte for c in rgb))
    if trns is not None:
        out += png_chunk(b"tRNS", trns)
    for kind, data in extra_chunks:
        out += png_chunk(kind, data)
    out += png_chunk(b"IDAT", zlib.compress(raw, 9))
    out += png_chunk(b"IEND", b"")
    return out


def text_chunks():
    """tEXt, zTXt and iTXt chunks, including an AUTOMATIC1111-style `parameters` chunk."""
    parameters = (
        "a quiet lake at sunset, mountains, golden hour, highly detailed\n"
        "Negative prompt: blurry, lowres\n"
        "Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1234567890, Size: 48x32, "
        "Model hash: 6ce0161689, Model: v1-5-pruned-emaonly, Version: v1.6.0"
    )
    itxt_description = "Synthetic sample made by Provenant's make_samples.py – not a real photograph."
    return [
        (b"tEXt", b"parameters\x00" + parameters.encode("latin-1")),
        (b"tEXt", b"Software\x00Provenant make_samples.py"),
        (b"zTXt", b"Comment\x00\x00" + zlib.compress(b"compressed comment: " + b"lorem ipsum " * 20, 9)),
        (b"iTXt", b"Description\x00\x00\x00en\x00Description\x00" + itxt_description.encode("utf-8")),
        (b"iTXt", b"Title\x00\x01\x00\x00\x00" + zlib.compress("Lake at sunset ☀".encode("utf-8"), 9)),
    ]


def rgb_rows(width, height, pixel):
    return [bytes(c for x in range(width) for c in pixel(x, y)) for y in range(height)]


def make_pngs(out):
    # RGB 8-bit with text chunks: r = x*5, g = y*7, b = 128.
    w, h = 48, 32
    rows = rgb_rows(w, h, lambda x, y: (x * 5, y * 7, 128))
    write(out, "png/text-chunks.png", png_bytes(w, h, 8, 2, rows, extra_chunks=text_chunks()))

    # RGB 16-bit: r = x*1024 + y, g = 65535 - x*1024, b = 0x1234 + y*256.
    w, h = 32, 16
    rows = [
        b"".join(struct.pack(">HHH", x * 1024 + y, 65535 - x * 1024, 0x1234 + y * 256) for x in range(w))
        for y in range(h)
    ]
    write(out, "png/rgb16.png", png_bytes(w, h, 16, 2, rows))

    # Gray + alpha 8-bit: gray = x*8, alpha = y*16 + 15.
    w, h = 32, 16
    rows = [bytes(v for x in range(w) for v in (x * 8, y * 16 + 15)) for y in range(h)]
    write(out, "png/gray-alpha.png", png_bytes(w, h, 8, 4, rows))

    # Palette, 2-bit, 4 colours, colour 3 fully transparent via tRNS; index = (x + y) % 4.
    w, h = 16, 8
    palette = [(255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 0)]
    rows = []
    for y in range(h):
        indices = [(x + y) % 4 for x in range(w)]
        rows.append(bytes((indices[i] << 6) | (indices[i + 1] << 4) | (indices[i + 2] << 2) | indices[i + 3] for i in range(0, w, 4)))
    write(out, "png/palette-trns.png", png_bytes(w, h, 2, 3, rows, plte=palette, trns=bytes([255, 255, 255, 0])))

    # Gray 1-bit checkerboard (8x8 cells) plus Adam7-interlaced RGB 8-bit (same pattern as text-chunks).
    w, h = 32, 16
    rows = []
    for y in range(h):
        bits = [((x // 8) + (y // 8)) % 2 for x in range(w)]
        rows.append(bytes(sum(bits[i + k] << (7 - k) for k in range(8)) for i in range(0, w, 8)))
    write(out, "png/gray1.png", png_bytes(w, h, 1, 0, rows))

    w, h = 33, 19
    rows = rgb_rows(w, h, lambda x, y: (x * 5, y * 7, 128))
    write(out, "png/interlaced.png", png_bytes(w, h, 8, 2, rows, interlace=True))


# --------------------------------------------------------------------------------------------- JPEG


def make_jpegs(out, cjpeg):
    image = blocks_image(6, 4)  # 96x64

    exif = Image.Exif()
    exif[0x010F] = "Provenant Test Camera Co."  # Make
    exif[0x0110] = "PTC-1"  # Model
    exif[0x0131] = "make_samples.py"  # Software
    exif[0x0132] = "2024:05:01 12:34:56"  # DateTime
    exif.get_ifd(0x8769)[0x9003] = "2024:05:01 12:34:56"  # DateTimeOriginal (EXIF sub-IFD)
    save_jpeg(out, "jpeg/baseline-exif.jpg", image, quality=95, subsampling=0, exif=exif.tobytes())
    save_jpeg(out, "jpeg/progressive.jpg", image, quality=95, subsampling=0, progressive=True)
    save_jpeg(out, "jpeg/subsampled-420.jpg", image, quality=90, subsampling=2)
    save_jpeg(out, "jpeg/grayscale.jpg", image.convert("L"), quality=95)

    # CMYK with an Adobe APP14 marker (Pillow stores Adobe-inverted CMYK). Blocks: white (no ink),
    # cyan, magenta, yellow, black, and C=M=Y=0,K=128 (mid gray).
    cmyk_colours = [(0, 0, 0, 0), (255, 0, 0, 0), (0, 255, 0, 0), (0, 0, 255, 0), (0, 0, 0, 255), (0, 0, 0, 128)]
    cmyk = Image.new("CMYK", (96, 16))
    pixels = cmyk.load()
    for y in range(16):
        for x in range(96):
            pixels[x, y] = cmyk_colours[x // 16]
    save_jpeg(out, "jpeg/cmyk-adobe.jpg", cmyk, quality=100)

    # Arithmetic-coded JPEG of the block image (cjpeg from libjpeg-turbo-progs).
    with tempfile.TemporaryDirectory() as temporary:
        ppm = os.path.join(temporary, "blocks.ppm")
        image.save(ppm)
        target = os.path.join(out, "jpeg/arithmetic.jpg")
        subprocess.run([cjpeg, "-arithmetic", "-quality", "95", "-sample", "1x1", "-outfile", target, ppm], check=True)

    # The photo-like sample used by the README's main command.
    save_jpeg(out, "photo/lake-scene.jpg", scene_image(320, 240), quality=88, subsampling=2)


def save_jpeg(out, name, image, **options):
    path = os.path.join(out, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    image.save(path, "JPEG", **options)


def write(out, name, data):
    path = os.path.join(out, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Samples"))
    parser.add_argument("--check", action="store_true", help="compare a fresh generation with --out; exit 1 on a difference")
    arguments = parser.parse_args()
    cjpeg = shutil.which("cjpeg")
    if cjpeg is None:
        sys.exit("cjpeg not found: apt-get install -y libjpeg-turbo-progs")
    out = os.path.abspath(arguments.out)
    if not arguments.check:
        make_pngs(out)
        make_jpegs(out, cjpeg)
        print("samples written to", out)
        return
    with tempfile.TemporaryDirectory() as fresh:
        make_pngs(fresh)
        make_jpegs(fresh, cjpeg)
        differences = []
        for folder, _, names in os.walk(fresh):
            for name in sorted(names):
                relative = os.path.relpath(os.path.join(folder, name), fresh)
                committed = os.path.join(out, relative)
                with open(os.path.join(fresh, relative), "rb") as a:
                    new_bytes = a.read()
                old_bytes = open(committed, "rb").read() if os.path.exists(committed) else None
                status = "same" if new_bytes == old_bytes else ("missing" if old_bytes is None else "differs")
                print(f"{status:8} {relative}")
                if status != "same":
                    differences.append(relative)
        if differences:
            print(f"{len(differences)} file(s) differ (JPEG bytes depend on the Pillow/libjpeg-turbo version)")
            sys.exit(1)


if __name__ == "__main__":
    main()
