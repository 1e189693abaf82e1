"""Reference v2 probability for image files, from Models/provenant-detector-v2.json, onnxruntime features (the
embedding, or the class tokens, token means or token moments the file's "features" names) and a given p_v1 (default: run the v1 CLI). Gives
the Swift side known answers to compare with.

usage: python3 scripts/deep/predict.py [--model FILE] [--binary PROVENANT] IMAGE...
"""
import argparse
import json
import os
import subprocess
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
import common as C  # noqa: E402
import modelfile  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="Models/provenant-detector-v2.json")
    ap.add_argument("--binary", default=".build/release/provenant")
    ap.add_argument("images", nargs="+")
    args = ap.parse_args()
    m = json.load(open(args.model))
    f = m["embedding"].get("features", {"kind": "projected_embedding"})
    sess = C.make_session(layers=f["kind"] in ("class_tokens", "token_means", "token_moments"))
    out = subprocess.run([args.binary, "detect", "--format", "jsonl", "--jobs", "1"] + args.images,
                         capture_output=True, text=True).stdout.splitlines()
    pv1 = {}
    for line in out:
        rec = json.loads(line)
        det = [s for s in rec.get("signals") or [] if s.get("kind") == "detector" and s.get("name") == "statistical"]
        pv1[rec["path"]] = det[0]["score"] if det else None
    for path in args.images:
        im = C.decode_rgb(path)
        if f["kind"] == "class_tokens":
            e = C.layer_tokens(sess, C.resize224(im))[f["layers"], 0, :].astype(np.float64).reshape(-1)
        elif f["kind"] == "token_means":  # per block the class token, then the patch-token mean
            e = C.layer_tokens(sess, C.resize224(im))[f["layers"], :, :].astype(np.float64).reshape(-1)
        elif f["kind"] == "token_moments":  # per block the class token, the patch-token mean and deviation
            e = C.layer_moments(sess, C.resize224(im))[f["layers"], :, :].reshape(-1)
        else:
            e = C.embed(sess, C.resize224(im))
        p1 = pv1.get(path)
        h = float(np.clip(np.log(np.clip(p1, 5e-5, 1 - 5e-5) / (1 - np.clip(p1, 5e-5, 1 - 5e-5))), -9.9, 9.9)) if p1 is not None else 0.0
        zp, p = (float(x) for x in modelfile.fused_scores(m, e, h))
        t = m["thresholds"]
        small = min(im.size) < m["min_short_side"]
        verdict = "likely_ai" if p >= t["likely_ai"] and not small else ("likely_authentic" if p <= t["likely_authentic"] else "inconclusive")
        print(json.dumps({"path": path, "size": list(im.size), "probe_logit": round(zp, 6), "p_v1": p1,
                          "ai_probability": round(float(p), 6), "verdict": verdict, "small_image_caveat": small}))


if __name__ == "__main__":
    main()
