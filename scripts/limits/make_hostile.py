#!/usr/bin/env python3
"""Writes the hostile files behind docs/limits.md (development tooling; the product never runs Python).

Usage:  python3 scripts/limits/make_hostile.py OUT_DIR [--c2pa-source Samples/c2pa/a_camera_es256.jpg]

Every file is small on disk and expensive to process without the cost budgets:

  png-bomb-1mb.png, -8mb.png, -20mb.png   1x1 RGB PNG whose IDAT holds N MB of compressed zeros after the row
  png-interlaced-10k.png                  10000x10000 Adam7-interlaced RGB PNG (all zeros)
  png-interlaced-rgba-10k.png             the same in RGBA (the largest output per pixel)
  jpeg-progressive-100mp.jpg              10000x10000 4:4:4 progressive JPEG with 63 scans
  jpeg-scans-5mp.jpg                      2592x1944 progressive JPEG whose last scan repeats to 1,100 scans
  jpeg-content-free-100mp.jpg             10000x10000 baseline JPEG with 16 bytes of entropy-coded data
  c2pa-manifests-1000.jpg, -2000, -4000   a signed sample whose manifest store holds N copies of its manifest

and, to measure the cost per decoded pixel of ordinary files:

  ordinary-6mp.jpg, ordinary-24mp.jpg, ordinary-96mp.jpg   baseline 4:2:0 JPEGs of a textured gradient
  ordinary-24mp.png                                        the 24 MP image as an RGB PNG

Needs Pillow (for the JPEGs). Output is deterministic for a given Pillow / zlib version.
"""

import argparse
import io
import os
import struct
import sys
import zlib

from PIL import Image

ADLER = 65521


# MARK: PNG


def png_chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def png_file(width, height, color_type, interlace, idat, chunk_size=1 << 20):
    ihdr = struct.pack(">IIBBBBB", width, height, 8, color_type, 0, 0, interlace)
    out = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr)
    for start in range(0, len(idat), chunk_size):
        out += png_chunk(b"IDAT", idat[start:start + chunk_size])
    return out + png_chunk(b"IEND", b"")


def adler32_with_zeros(prefix, zeros):
    """Adler-32 of prefix followed by `zeros` zero bytes, without materialising the zeros."""
    value = zlib.adler32(prefix)
    a, b = value & 0xFFFF, value >> 16
    b = (b + a * (zeros % ADLER)) % ADLER
    return (b << 16) | a


def zero_unit(size):
    """A byte-aligned raw deflate fragment that inflates to `size` zeros when the window already holds zeros."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY, bytes(32768))
    return compressor.compress(bytes(size)) + compressor.flush(zlib.Z_FULL_FLUSH)


def zlib_prefix_then_zeros(prefix, zeros, unit_size=64 << 20):
    """A zlib stream of `prefix` followed by `zeros` zero bytes (prefix must end in 32 KiB of zeros
    for the repeated fragments to be valid; the caller pads it)."""
    head = zlib.compressobj(9, zlib.DEFLATED, -15)
    stream = b"\x78\xda" + head.compress(prefix) + head.flush(zlib.Z_FULL_FLUSH)
    remaining = zeros
    if remaining >= unit_size:
        unit = zero_unit(unit_size)
        count = remaining // unit_size
        stream += unit * count
        remaining -= count * unit_size
    if remaining:
        stream += zero_unit(remaining)
    stream += b"\x03\x00"  # final, empty fixed-Huffman block
    return stream + struct.pack(">I", adler32_with_zeros(prefix, zeros))


def png_bomb(megabytes):
    """1x1 RGB: the row (filter 0, one pixel) then zeros until the compressed stream is `megabytes` long."""
    row = bytes([0, 200, 100, 50])
    prefix = row + bytes(32768)
    unit_size = 64 << 20
    unit_bytes = len(zero_unit(unit_size))
    units = max(1, (megabytes << 20) // unit_bytes)
    return png_file(1, 1, 2, 0, zlib_prefix_then_zeros(prefix, units * unit_size))


def adam7_filtered_size(width, height, channels):
    starts = [(0, 0, 8, 8), (0, 4, 8, 8), (4, 0, 8, 4), (0, 2, 4, 4), (2, 0, 4, 2), (0, 1, 2, 2), (1, 0, 2, 1)]
    total = 0
    for row0, col0, row_step, col_step in starts:
        rows = (height - row0 + row_step - 1) // row_step if height > row0 else 0
        cols = (width - col0 + col_step - 1) // col_step if width > col0 else 0
        if rows and cols:
            total += rows * (1 + cols * channels)
    return total


def png_interlaced(width, height, color_type):
    channels = {2: 3, 6: 4}[color_type]
    size = adam7_filtered_size(width, height, channels)
    prefix = bytes(32768)
    return png_file(width, height, color_type, 1, zlib_prefix_then_zeros(prefix, size - len(prefix)))


# MARK: JPEG


def jpeg_segments(data):
    """Splits a JPEG into (marker, bytes) pieces; an SOS piece includes its entropy-coded data."""
    pieces = []
    pos = 2
    while pos < len(data):
        assert data[pos] == 0xFF, "marker expected at %d" % pos
        marker = data[pos + 1]
        if marker == 0xD9:
            pieces.append((marker, data[pos:pos + 2]))
            break
        length = struct.unpack(">H", data[pos + 2:pos + 4])[0]
        end = pos + 2 + length
        if marker == 0xDA:
            while not (data[end] == 0xFF and data[end + 1] not in (0x00,) and not 0xD0 <= data[end + 1] <= 0xD7):
                end += 1
        pieces.append((marker, data[pos:end]))
        pos = end
    return pieces


def encode_jpeg(image, **options):
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", **options)
    return buffer.getvalue()


def with_scans(jpeg, total_scans):
    """Repeats the smallest scan until the file has `total_scans` scans (libjpeg warns about the
    bogus progression and decodes every repeat: each one visits every block of its component)."""
    pieces = jpeg_segments(jpeg)
    scans = [index for index, piece in enumerate(pieces) if piece[0] == 0xDA]
    smallest = min(scans, key=lambda index: len(pieces[index][1]))
    extra = [pieces[smallest]] * (total_scans - len(scans))
    pieces = pieces[:smallest + 1] + extra + pieces[smallest + 1:]
    return b"\xff\xd8" + b"".join(piece for _, piece in pieces)


def progressive_100mp():
    image = Image.new("RGB", (10000, 10000), (120, 130, 140))
    return with_scans(encode_jpeg(image, quality=90, progressive=True, subsampling=0), 63)


def progressive_5mp_scans():
    image = Image.linear_gradient("L").resize((2592, 1944)).convert("RGB")
    return with_scans(encode_jpeg(image, quality=85, progressive=True), 1100)


def content_free_100mp():
    """A 16x16 baseline JPEG whose SOF says 10000x10000, keeping 16 bytes of entropy data."""
    small = encode_jpeg(Image.new("RGB", (16, 16), (90, 90, 90)), quality=90)
    out = b"\xff\xd8"
    for marker, piece in jpeg_segments(small):
        if marker == 0xC0:
            piece = piece[:5] + struct.pack(">HH", 10000, 10000) + piece[9:]
        if marker == 0xDA:
            header = 2 + struct.unpack(">H", piece[2:4])[0]
            piece = piece[:header] + bytes([0x55] * 16)
        out += piece
    return out


def textured(width, height):
    """A gradient with noise: compresses like a photograph, not like a flat colour."""
    noise = Image.effect_noise((width, height), 24).convert("RGB")
    gradient = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    return Image.blend(gradient, noise, 0.35)


def ordinary_jpeg(width, height):
    return encode_jpeg(textured(width, height), quality=90)


def ordinary_png(width, height):
    buffer = io.BytesIO()
    textured(width, height).save(buffer, "PNG", compress_level=6)
    return buffer.getvalue()


# MARK: C2PA


def app11_store(jpeg):
    """Reassembles the JUMBF manifest store of instance 1 from the APP11 segments."""
    packets = []
    header = None
    for marker, piece in jpeg_segments(jpeg):
        if marker != 0xEB or piece[4:6] != b"JP":
            continue
        sequence = struct.unpack(">I", piece[8:12])[0]
        box_header = piece[12:20]
        if header is None:
            header = box_header
        packets.append((sequence, piece[20:]))
    packets.sort()
    return header + b"".join(data for _, data in packets)


def boxes(payload):
    out = []
    pos = 0
    while pos < len(payload):
        length = struct.unpack(">I", payload[pos:pos + 4])[0]
        out.append(payload[pos:pos + length])
        pos += length
    return out


def app11_segments(store, chunk=65000):
    """Splits a store into APP11 segments (instance 1), repeating the box header in each."""
    header, body = store[:8], store[8:]
    segments = b""
    for sequence, start in enumerate(range(0, len(body), chunk), start=1):
        payload = b"JP" + struct.pack(">HI", 1, sequence) + header + body[start:start + chunk]
        segments += b"\xff\xeb" + struct.pack(">H", len(payload) + 2) + payload
    return segments


def many_manifests(source, copies):
    store = app11_store(source)
    description, *manifests = boxes(store[8:])
    body = description + manifests[-1] * copies
    new_store = struct.pack(">I", len(body) + 8) + store[4:8] + body
    out = b"\xff\xd8"
    inserted = False
    for marker, piece in jpeg_segments(source):
        if marker == 0xEB and piece[4:6] == b"JP":
            if not inserted:
                out += app11_segments(new_store)
                inserted = True
            continue
        out += piece
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--c2pa-source", default=os.path.join(os.path.dirname(__file__), "../../Samples/c2pa/a_camera_es256.jpg"))
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    files = {
        "png-bomb-1mb.png": lambda: png_bomb(1),
        "png-bomb-8mb.png": lambda: png_bomb(8),
        "png-bomb-20mb.png": lambda: png_bomb(20),
        "png-interlaced-10k.png": lambda: png_interlaced(10000, 10000, 2),
        "png-interlaced-rgba-10k.png": lambda: png_interlaced(10000, 10000, 6),
        "jpeg-progressive-100mp.jpg": progressive_100mp,
        "jpeg-scans-5mp.jpg": progressive_5mp_scans,
        "jpeg-content-free-100mp.jpg": content_free_100mp,
    }
    files["ordinary-6mp.jpg"] = lambda: ordinary_jpeg(3000, 2000)
    files["ordinary-24mp.jpg"] = lambda: ordinary_jpeg(6000, 4000)
    files["ordinary-96mp.jpg"] = lambda: ordinary_jpeg(12000, 8000)
    files["ordinary-24mp.png"] = lambda: ordinary_png(6000, 4000)
    with open(args.c2pa_source, "rb") as handle:
        source = handle.read()
    for copies in (1000, 2000, 4000):
        files["c2pa-manifests-%d.jpg" % copies] = lambda copies=copies: many_manifests(source, copies)
    for name, make in files.items():
        path = os.path.join(args.out, name)
        if not os.path.exists(path):
            data = make()
            with open(path, "wb") as handle:
                handle.write(data)
        print("%-32s %10d bytes" % (name, os.path.getsize(path)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
