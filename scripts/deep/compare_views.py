"""Measures the embedding view: "resize224" (one resized view) against native-resolution 224 crops
(centre crop alone, and the L2-normalised mean of 3 crops) on the comparison subset written by
`embed.py subset`, with source-grouped 5-fold CV of the probe (trained on as-is + downscale/JPEG rows).

usage: python3 scripts/deep/compare_views.py
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
import common as C  # noqa: E402
import learn as L  # noqa: E402
from train import Probe, item_weights  # noqa: E402

CONDS = ["asis", "down512_jpeg75"]


def load(items, view, cond):
    out = []
    for it in items:
        p = os.path.join(C.CACHE, "emb", view, cond, it["hash"] + ".npy")
        out.append(np.load(p).astype(np.float64) if os.path.exists(p) else None)
    return out


def main():
    items = C.load_items()
    raw = {(v, c): load(items, v, c) for v in ("r224", "nat3") for c in CONDS}
    keep = [i for i in range(len(items)) if all(raw[k][i] is not None for k in raw)]
    items = [items[i] for i in keep]
    y = np.array([it["label"] for it in items])
    print(f"images with every view: {len(items)} ({y.sum()} AI, {len(set(it['source'] for it in items))} sources)")

    def norm(a):
        return a / np.linalg.norm(a, axis=1, keepdims=True)

    views = {}
    for c in CONDS:
        r = [raw[("r224", c)][i] for i in keep]
        nt = [raw[("nat3", c)][i] for i in keep]
        views[("resize224", c)] = norm(np.stack([e[0] for e in r]))
        views[("native_centre", c)] = norm(np.stack([e[0] for e in nt]))
        views[("native_crops:3", c)] = norm(np.stack([norm(e).mean(axis=0) for e in nt]))
        views[("resize224+native3", c)] = norm(np.stack([np.concatenate([norm(r[j]), norm(e)]).mean(axis=0)
                                                          for j, e in enumerate(nt)]))
    w = item_weights(items)
    fold = L.grouped_folds([it["source"] for it in items], y, 5)
    for view in ("resize224", "native_centre", "native_crops:3", "resize224+native3"):
        for lam in (1e-3, 1e-2, 1e-1):
            res = {c: np.full(len(items), np.nan) for c in CONDS}
            for k in range(5):
                tr = fold != k
                X = np.concatenate([views[(view, c)][tr] for c in CONDS])
                yy = np.concatenate([y[tr]] * len(CONDS))
                ww = np.concatenate([w[tr]] * len(CONDS))
                pr = Probe(lam).fit(X, yy, ww)
                for c in CONDS:
                    res[c][fold == k] = pr.logit(views[(view, c)][fold == k])
            print(f"{view:20s} lambda {lam:g}: " + "  ".join(
                f"{c} AUC {L.auc(res[c], y):.4f} TPR@5%FPR {L.tpr_at_fpr(res[c], y):.3f}" for c in CONDS), flush=True)


if __name__ == "__main__":
    main()
