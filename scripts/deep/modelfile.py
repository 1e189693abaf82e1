"""Writes and checks Models/provenant-detector-v2.json (format "provenant-fused-detector", version 1 to 4;
version 2 names the probe's features, e.g. {"kind": "class_tokens", "layers": [5, 7, 9, 11]}; version 3 adds
"view_combination": "concatenate", each view's features concatenated in the views' order; version 4 adds
stack.handcrafted_model_sha256, the checksum of the hand-crafted model file the stack was fitted with).

The checksum mirrors v1's DetectorModelFile.canonicalPayload(): SHA-256 over one `key=value` line per
scoring parameter (numbers in shortest round-trip form: Python repr == Swift "\\(Double)"), lines
joined by "\\n" plus a final "\\n". Descriptive fields (training, report) are not covered.

usage: python3 scripts/deep/modelfile.py --payload FILE     print the canonical payload
       python3 scripts/deep/modelfile.py --check FILE       recompute and compare the checksum
       python3 scripts/deep/modelfile.py --set-weights WEIGHTS FILE
                                                            point the file at a weight file (name + SHA-256) and re-sign
"""
import hashlib
import json
import os
import sys

import numpy as np


def num(x):
    if isinstance(x, bool):
        raise TypeError("boolean where a number is expected")
    if isinstance(x, int):
        return str(x)
    if x == 0:
        return "0.0"  # either sign: JSON readers disagree on -0 (Python reads an int)
    return repr(float(x))


def nums(xs):
    return ",".join(num(float(x)) for x in xs)


def view_kind(v):
    return f"{v['kind']}:{v['count']}" if "count" in v else v["kind"]


def fused_scores(m, embeddings, handcrafted_logit):
    """What the file computes, as the Swift FusedDetector does: the probe logit of each feature row (the
    L2-normalised embedding, or the concatenated class tokens the file's "features" names) and the
    calibrated fused probability, given each image's handcrafted logit (clamp(logit p_v1, +-9.9); 0 where
    there is none)."""
    p, s, c = m["probe"], m["stack"], m["calibration"]
    zp = ((np.asarray(embeddings) - np.array(p["mean"])) / np.array(p["std"])) @ np.array(p["weights"]) + p["bias"]
    z = s["weights"][0] * zp + s["weights"][1] * np.asarray(handcrafted_logit, dtype=np.float64) + s["bias"]
    return zp, 1 / (1 + np.exp(-(c["a"] * z + c["b"])))


def features_text(f):
    if f["kind"] in ("class_tokens", "token_means", "token_moments"):
        return f["kind"] + ":" + ",".join(str(k) for k in f["layers"])
    return f["kind"]


def canonical_payload(m):
    e, p, s, c, t, k = m["embedding"], m["probe"], m["stack"], m["calibration"], m["thresholds"], m["cascade"]
    lines = [
        f"format={m['format']}",
        f"version={num(m['version'])}",
        f"model_version={m['model_version']}",
        f"embedding_model={e['model']}",
        f"weights_file={e['weights_file']}",
        f"weights_sha256={e['weights_sha256']}",
        f"dim={num(e['dim'])}",
        "views=" + ",".join(view_kind(v) for v in e["views"]),
    ] + ([f"features={features_text(e['features'])}"] if m["version"] >= 2 else []) + (
        [f"view_combination={e['view_combination']}"] if m["version"] >= 3 else []) + [
        f"probe_mean={nums(p['mean'])}",
        f"probe_std={nums(p['std'])}",
        f"probe_weights={nums(p['weights'])}",
        f"probe_bias={num(float(p['bias']))}",
        "stack_inputs=" + ",".join(s["inputs"]),
        f"stack_weights={nums(s['weights'])}",
        f"stack_bias={num(float(s['bias']))}",
    ] + ([f"stack_handcrafted_model_sha256={s['handcrafted_model_sha256']}"] if m["version"] >= 4 else []) + [
        f"calibration={c['method']},{num(float(c['a']))},{num(float(c['b']))}",
        f"thresholds={num(float(t['likely_ai']))},{num(float(t['likely_authentic']))}",
        f"cascade={num(float(k['skip_deep_below']))},{num(float(k['skip_deep_above']))}",
        f"min_short_side={num(int(m['min_short_side']))}",
    ]
    return "\n".join(lines) + "\n"


def sign(m):
    m["checksum"] = {"algorithm": "sha256", "value": ""}
    m["checksum"]["value"] = hashlib.sha256(canonical_payload(m).encode("utf-8")).hexdigest()
    return m


def write(m, path):
    sign(m)
    with open(path + ".tmp", "w") as f:
        json.dump(m, f, indent=1)
        f.write("\n")
    os.replace(path + ".tmp", path)


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--payload":
        sys.stdout.write(canonical_payload(json.load(open(sys.argv[2]))))
    elif len(sys.argv) == 3 and sys.argv[1] == "--check":
        m = json.load(open(sys.argv[2]))
        want = hashlib.sha256(canonical_payload(m).encode()).hexdigest()
        ok = m["checksum"]["value"] == want
        print("ok" if ok else f"checksum mismatch: file {m['checksum']['value']} computed {want}")
        sys.exit(0 if ok else 1)
    elif len(sys.argv) == 4 and sys.argv[1] == "--set-weights":
        m = json.load(open(sys.argv[3]))
        m["embedding"]["weights_file"] = os.path.basename(sys.argv[2])
        m["embedding"]["weights_sha256"] = sha256_file(sys.argv[2])
        write(m, sys.argv[3])
        print(m["checksum"]["value"])
    else:
        print(__doc__)
        sys.exit(64)
