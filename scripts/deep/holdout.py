"""Out-of-sample check of a fused model file on training-share images it was not trained on: the images after
the first FIRST_MODEL_IMAGES of embed.py's round-robin order (phase "unseen"), scored from the embedding cache
(onnxruntime embeddings, as in training) with the file's probe, stack, Platt calibration and bands.

These images come from sources the model did see (other images of the same repositories), so this measures
generalisation to new images of known sources, not to new sources (that is what train.py's source-grouped CV
reports). Only images with an embedding in every requested condition are counted, so the conditions are
compared on the same images.

usage: python3 scripts/deep/holdout.py [--model Models/provenant-detector-v2.json] [--json OUT] [--min-n 10]
"""
import argparse
import json
import math
import os
import sys
from collections import defaultdict

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
import common as C  # noqa: E402
import embed  # noqa: E402
import learn as L  # noqa: E402
import score_v1  # noqa: E402

COND_LABEL = {
    "asis": "as-is pixels (= PNG of pixels)",
    "crop512_jpeg90": "centre crop 512 + JPEG 90",
    "down512_jpeg75": "downscale 512 + JPEG 75",
    "webp_social": "WebP social (720/1080 short side, WebP 75/80)",
}


def wilson(k, n, z=1.96):
    """95 % Wilson interval of a proportion k/n."""
    if n == 0:
        return (float("nan"), float("nan"))
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return (max(0.0, c - h), min(1.0, c + h))


def fused_probability(m, emb, p_v1):
    p = m["probe"]
    z = ((emb - np.array(p["mean"])) / np.array(p["std"])) @ np.array(p["weights"]) + p["bias"]
    h = L.logit(np.clip(p_v1, 0.00005, 0.99995), clamp=9.9)
    s = m["stack"]
    zs = s["weights"][0] * z + s["weights"][1] * h + s["bias"]
    return L.sigmoid(m["calibration"]["a"] * zs + m["calibration"]["b"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="Models/provenant-detector-v2.json")
    ap.add_argument("--conds", default="asis,crop512_jpeg90,down512_jpeg75,webp_social")
    ap.add_argument("--json", default=None)
    ap.add_argument("--min-n", type=int, default=10, help="families/sources with fewer images are not tabled")
    args = ap.parse_args()
    m = json.load(open(args.model))
    conds = args.conds.split(",")
    hi, lo = m["thresholds"]["likely_ai"], m["thresholds"]["likely_authentic"]
    items = embed.round_robin(C.load_items())[embed.FIRST_MODEL_IMAGES:]

    def emb_of(it, cond):
        path = embed.emb_path("r224", cond, it["hash"])
        if not os.path.exists(path):
            return None
        e = np.load(path).astype(np.float64).mean(axis=0)
        return e / np.linalg.norm(e)

    E = {c: [emb_of(it, c) for it in items] for c in conds}
    keep = [i for i in range(len(items)) if all(E[c][i] is not None for c in conds)]
    items = [items[i] for i in keep]
    y = np.array([it["label"] for it in items])
    content = np.array([it["content"] for it in items])
    fam = np.array([it["family"] for it in items])
    src = np.array([it["source"] for it in items])
    v1_weight = m["stack"]["weights"][1]
    out = {"model": m["model_version"], "checksum": m["checksum"]["value"], "n": len(items),
           "ai": int(y.sum()), "photos": int((content == "photo").sum()),
           "non_photos": int(((y == 0) & (content != "photo")).sum()),
           "sources": len(set(src)), "thresholds": [hi, lo], "conditions": {}}
    print(f"{len(items)} unseen images with all of {conds}: {out['ai']} AI, {out['photos']} real photos, "
          f"{out['non_photos']} human-made non-photos, {out['sources']} sources", flush=True)
    if not items:
        return
    lines = []
    lines.append("| condition | n | AUC | TPR@5%FPR | ECE | real photos flagged (95 % CI) | non-photos flagged (95 % CI) | AI caught (`likely_ai`) | AI at or below `likely_authentic` |")
    lines.append("|---|---|---|---|---|---|---|---|---|")
    fam_rows, type_rows, src_rows = defaultdict(dict), defaultdict(dict), defaultdict(dict)
    for c in conds:
        X = np.stack([E[c][i] for i in keep])
        if v1_weight != 0:
            sc = score_v1.load_scores(c)
            pv1 = np.array([sc.get(it["hash"], {}).get("p_v1") or np.nan for it in items], dtype=np.float64)
            if np.isnan(pv1).any():
                sys.exit(f"{c}: the model gives v1 weight {v1_weight}; {int(np.isnan(pv1).sum())} images lack a v1 score")
        else:
            pv1 = np.full(len(items), 0.5)  # weight 0: p_v1 does not enter the probability
        P = fused_probability(m, X, pv1)
        photo, non = (y == 0) & (content == "photo"), (y == 0) & (content != "photo")
        kp, kn = int((P[photo] >= hi).sum()), int((P[non] >= hi).sum())
        r = {"n": len(items), "auc": L.auc(P, y), "tpr_at_5fpr": L.tpr_at_fpr(P, y, 0.05), "ece": L.ece(P, y),
             "photos_flagged": kp / max(1, photo.sum()), "photos_flagged_ci": wilson(kp, int(photo.sum())),
             "nonphotos_flagged": kn / max(1, non.sum()), "nonphotos_flagged_ci": wilson(kn, int(non.sum())),
             "ai_caught": float(np.mean(P[y == 1] >= hi)), "ai_below_authentic": float(np.mean(P[y == 1] <= lo))}
        out["conditions"][c] = r
        ci_p, ci_n = r["photos_flagged_ci"], r["nonphotos_flagged_ci"]
        lines.append(f"| {COND_LABEL[c]} | {r['n']} | {r['auc']:.3f} | {r['tpr_at_5fpr']:.3f} | {r['ece']:.3f} | "
                     f"{100 * r['photos_flagged']:.1f} % ({100 * ci_p[0]:.1f}-{100 * ci_p[1]:.1f}) of {int(photo.sum())} | "
                     f"{100 * r['nonphotos_flagged']:.1f} % ({100 * ci_n[0]:.1f}-{100 * ci_n[1]:.1f}) of {int(non.sum())} | "
                     f"{100 * r['ai_caught']:.1f} % | {100 * r['ai_below_authentic']:.1f} % |")
        for f in sorted(set(fam[y == 1])):
            mk = (fam == f) & (y == 1)
            fam_rows[f][c] = (int(mk.sum()), float(np.mean(P[mk] >= hi)))
        for t in sorted(set(content[y == 0])):
            mk = (content == t) & (y == 0)
            type_rows[t][c] = (int(mk.sum()), float(np.mean(P[mk] >= hi)))
        for s_ in sorted(set(src[y == 0])):
            mk = (src == s_) & (y == 0)
            src_rows[s_][c] = (int(mk.sum()), float(np.mean(P[mk] >= hi)), str(content[mk][0]))
    out["families"], out["content_types"], out["real_sources"] = fam_rows, type_rows, src_rows

    def table(title, rows, first, min_n):
        lines.append("")
        lines.append(title)
        lines.append("")
        lines.append(f"| {first} | n | " + " | ".join(conds) + " |")
        lines.append("|---|---|" + "---|" * len(conds))
        for k in sorted(rows, key=lambda k: -rows[k][conds[0]][0]):
            n = rows[k][conds[0]][0]
            if n < min_n:
                continue
            lines.append(f"| {k} | {n} | " + " | ".join(f"{100 * rows[k][c][1]:.1f} %" for c in conds) + " |")

    table("Recall at `likely_ai` per generator family:", fam_rows, "family", args.min_n)
    table("Flagged `likely_ai` per content type (human-made):", type_rows, "content type", 1)
    table("Flagged `likely_ai` per real source:", src_rows, "source", args.min_n)
    print("\n".join(lines))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
