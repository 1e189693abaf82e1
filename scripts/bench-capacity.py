#!/usr/bin/env python3
"""Capacity figures for docs/scale-out.md: CPU time per image and peak memory of one scan job slot, by
format and size class, with a release build of provenant.

For each format (JPEG, PNG, WebP) and size class (small 640x480, medium 1600x1200, large 4000x3000) the
script makes COUNT images from the photos under SOURCE (centre-cropped and resized with Pillow, so they
are real photos, not synthetic noise), then runs `provenant scan FOLDER --jobs 1` under /usr/bin/time -v
and records user+system CPU seconds, wall seconds and the maximum resident set size. The CPU time of a
scan of one tiny image (process start and model load) is measured the same way and subtracted, so the
figure is the steady-state cost per image on one core. CPU time, not wall time, is the figure to use on
a shared machine.

Photos enlarged beyond their own size are smoother than a camera's picture at that size, which makes them
compress better and decode faster than real photos; `--grain SIGMA` (default 3) adds Gaussian noise of
that standard deviation (8-bit levels, fixed seed) after resizing, the grain of a camera sensor, so the
file sizes and entropy-decoding costs of the larger classes are closer to real ones. `--grain 0` turns it off.

Reference in the same run: the CPU time Pillow (libjpeg-turbo, libpng/zlib, libwebp) takes to decode the same
files in this Python process, best of three passes; the ratio says how far the whole pipeline is from a
plain decode, and it moves less with the machine's load than either figure alone.

Memory per job slot: after the table, the large class of each format is scanned again with `--jobs 2`;
the difference of the two maximum resident set sizes is what one more slot costs.

Usage: python3 scripts/bench-capacity.py PROVENANT SOURCE [--count N] [--deep never|auto] [--grain S] [--work DIR]
Prints Markdown tables on standard output.
"""
import argparse
import os
import platform
import re
import subprocess
import sys
import tempfile
import time

import numpy
from PIL import Image

CLASSES = [("small", 640, 480), ("medium", 1600, 1200), ("large", 4000, 3000)]
FORMATS = [("jpeg", "jpg", {"quality": 90}), ("png", "png", {"compress_level": 6}), ("webp", "webp", {"quality": 85})]


def sources(root, limit):
    found = []
    for folder, _, names in sorted(os.walk(root)):
        for name in sorted(names):
            if name.lower().endswith((".jpg", ".jpeg", ".png")):
                found.append(os.path.join(folder, name))
    # Spread the picks over the whole set (it is grouped by source).
    step = max(1, len(found) // limit)
    return found[::step][:limit]


def make(paths, folder, width, height, fmt, ext, options, grain=0.0):
    os.makedirs(folder, exist_ok=True)
    noise = numpy.random.default_rng(7)
    for index, path in enumerate(paths):
        with Image.open(path) as image:
            image = image.convert("RGB")
            scale = max(width / image.width, height / image.height)
            resized = image.resize((max(width, round(image.width * scale)), max(height, round(image.height * scale))), Image.BICUBIC)
            left = (resized.width - width) // 2
            top = (resized.height - height) // 2
            picture = resized.crop((left, top, left + width, top + height))
            if grain > 0:
                pixels = numpy.asarray(picture).astype(numpy.float32)
                pixels += noise.normal(0.0, grain, pixels.shape).astype(numpy.float32)
                picture = Image.fromarray(numpy.clip(pixels.round(), 0, 255).astype(numpy.uint8))
            picture.save(os.path.join(folder, f"{index:04d}.{ext}"), fmt, **options)


def reference_decode_ms(folder):
    """CPU milliseconds per file for Pillow to decode every file in folder (best of three passes)."""
    names = sorted(os.listdir(folder))
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        for name in names:
            with Image.open(os.path.join(folder, name)) as image:
                image.load()
        best = min(best, time.process_time() - start)
    return best * 1000 / max(1, len(names))


def mean_file_kib(folder):
    sizes = [os.path.getsize(os.path.join(folder, name)) for name in os.listdir(folder)]
    return sum(sizes) / max(1, len(sizes)) / 1024


def timed_scan(provenant, folder, deep, jobs, output):
    command = ["/usr/bin/time", "-v", provenant, "scan", folder, "--jobs", str(jobs), "--deep", deep, "--quiet", "-o", output, "--force"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode not in (0, 1, 2):
        sys.exit(f"scan failed ({result.returncode}): {result.stderr[-2000:]}")
    text = result.stderr

    def field(name):
        match = re.search(re.escape(name) + r":\s*([0-9.:]+)", text)
        return match.group(1) if match else "0"

    cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
    wall_text = field("Elapsed (wall clock) time (h:mm:ss or m:ss)")
    wall = 0.0
    for part in wall_text.split(":"):
        wall = wall * 60 + float(part)
    rss_kb = int(field("Maximum resident set size (kbytes)"))
    with open(output) as handle:
        results = sum(1 for _ in handle)
    return cpu, wall, rss_kb, results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("provenant")
    parser.add_argument("source")
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--deep", default="never", choices=["never", "auto", "always"])
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--grain", type=float, default=3.0, help="noise added after resizing (standard deviation, 8-bit levels)")
    parser.add_argument("--work", default=None)
    args = parser.parse_args()

    work = args.work or tempfile.mkdtemp(prefix="provenant-capacity-")
    picks = sources(args.source, args.count)
    baseline_folder = os.path.join(work, "baseline")
    make(picks[:1], baseline_folder, 64, 48, "JPEG", "jpg", {"quality": 90})
    base_cpu, base_wall, base_rss, _ = timed_scan(args.provenant, baseline_folder, args.deep, args.jobs, os.path.join(work, "baseline.jsonl"))

    load = os.getloadavg()
    print(f"Run {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}: {platform.machine()}, nproc {os.cpu_count()}, "
          f"load average {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f}; {len(picks)} photos from {args.source}; "
          f"--deep {args.deep}, --jobs {args.jobs}, grain {args.grain}.")
    print()
    print(f"Start-up (process, model load, one 64×48 JPEG): {base_cpu:.2f} s CPU, {base_wall:.2f} s wall, max RSS {base_rss / 1024:.0f} MiB.")
    print()
    print("| format | size class | images | mean file KiB | CPU ms/image (start-up removed) | images/s per core | Pillow decode CPU ms/image (same run) | ratio | wall s | max RSS MiB |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    rss_one = {}
    for fmt, ext, options in FORMATS:
        for name, width, height in CLASSES:
            folder = os.path.join(work, f"{ext}-{name}")
            if not os.path.isdir(folder):
                make(picks, folder, width, height, fmt.upper(), ext, options, args.grain)
            cpu, wall, rss_kb, results = timed_scan(args.provenant, folder, args.deep, args.jobs, os.path.join(work, f"{ext}-{name}.jsonl"))
            rss_one[ext, name] = rss_kb
            per_image = max(0.0, cpu - base_cpu) / max(1, results)
            rate = 1 / per_image if per_image > 0 else float("inf")
            reference = reference_decode_ms(folder)
            print(f"| {fmt.upper()} | {name} {width}×{height} | {results} | {mean_file_kib(folder):.0f} | {per_image * 1000:.1f} | {rate:.1f} "
                  f"| {reference:.1f} | {per_image * 1000 / reference:.1f}× | {wall:.1f} | {rss_kb / 1024:.0f} |")
            sys.stdout.flush()

    if args.jobs == 1:
        print()
        print("Memory per job slot: the large class scanned again with `--jobs 2` (same images, same run).")
        print()
        print("| format | max RSS MiB, --jobs 1 | max RSS MiB, --jobs 2 | one more slot MiB |")
        print("| --- | ---: | ---: | ---: |")
        name = CLASSES[-1][0]
        for fmt, ext, _ in FORMATS:
            folder = os.path.join(work, f"{ext}-{name}")
            _, _, rss_two, _ = timed_scan(args.provenant, folder, args.deep, 2, os.path.join(work, f"{ext}-{name}-2.jsonl"))
            one = rss_one[ext, name]
            print(f"| {fmt.upper()} {name} | {one / 1024:.0f} | {rss_two / 1024:.0f} | {(rss_two - one) / 1024:.0f} |")
            sys.stdout.flush()
    load = os.getloadavg()
    print()
    print(f"Load average at the end: {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f}.")


if __name__ == "__main__":
    main()
