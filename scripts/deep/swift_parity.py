"""Provenant's own probe features against the cached onnxruntime ones on the same training images (the
features the shipped Models/provenant-detector-v2.json reads: the embedding, or the class tokens of its
layers): cosine, the out-of-fold probe AUC on each (fold probes trained on the cache as train.py trains
them, all six copies, the model's lambda) and the shipped model's bands on each. Python tooling only.

usage: python3 scripts/deep/swift_parity.py --list N > list.txt     # the first N training images, round-robin
       tr '\n' '\0' < list.txt | xargs -0 .build/release/provenant embed --format jsonl \
           [--class-tokens 5,7,9,11] > swift.jsonl                      # what the model's "features" names
       python3 scripts/deep/swift_parity.py swift.jsonl [more.jsonl ...]
"""
import json, os, sys
import numpy as np
sys.path.insert(0, os.path.dirname(__file__))
import common as C, learn as L, modelfile, train as T
items = C.load_items(); n = len(items)
if sys.argv[1] == "--list":
    from embed import round_robin
    for it in [it for it in round_robin(items) if it["format"] != "WEBP"][:int(sys.argv[2])]:
        print(it["path"])
    sys.exit(0)
idx = {it["path"]: i for i, it in enumerate(items)}
y = np.array([it["label"] for it in items]); fold = L.grouped_folds([it["source"] for it in items], y, 5)
wi = T.item_weights(items)
m = json.load(open("Models/provenant-detector-v2.json"))
lam = m["training"]["lambda"]
f = m["embedding"].get("features", {"kind": "projected_embedding"})
features = modelfile.features_text(f)
key = "embedding" if f["kind"] == "projected_embedding" else "class_tokens"
S = {}
for name in sys.argv[1:]:
    for l in open(name):
        r = json.loads(l)
        if r.get(key):
            e = np.array(r[key], dtype=np.float64)
            S[idx[r["path"]]] = e / np.linalg.norm(e) if key == "embedding" else e
if not S:
    sys.exit(f"no {key!r} in the JSONL: the shipped model reads {features}")
rows = np.array(sorted(S))
conds = ["asis", "crop512_jpeg90", "down512_jpeg75", "webp_social", "aug0", "aug1"]
E = {c: T.load_features(items, c, features) for c in conds}
Xs = np.array([S[i] for i in rows]); Xp = E["asis"][rows]
cos = np.sum(Xs * Xp, axis=1) / np.linalg.norm(Xs, axis=1) / np.linalg.norm(Xp, axis=1)
print(f"{features}: n={len(rows)} cosine min {cos.min():.4f} median {np.median(cos):.4f} p5 {np.percentile(cos,5):.4f}")
zs, zp = np.zeros(len(rows)), np.zeros(len(rows))
for k in range(5):
    tr = fold != k
    X = np.concatenate([E[c][tr] for c in conds]); Y = np.concatenate([y[tr]] * len(conds)); W = np.concatenate([wi[tr]] * len(conds))
    pr = T.Probe(lam).fit(X, Y, W)
    sel = fold[rows] == k
    zs[sel] = pr.logit(Xs[sel]); zp[sel] = pr.logit(Xp[sel])
yy = y[rows]
print(f"OOF probe AUC: onnxruntime cache {L.auc(zp, yy):.4f}  Swift {L.auc(zs, yy):.4f}; |dz| median {np.median(abs(zs-zp)):.3f} p95 {np.percentile(abs(zs-zp),95):.3f}")
if m["stack"]["weights"][1] != 0:
    sys.exit("the shipped model gives the handcrafted score weight: compare through provenant detect and predict.py")
prob = lambda X: modelfile.fused_scores(m, X, 0.0)[1]  # the handcrafted logit has weight 0
hi, lo = m["thresholds"]["likely_ai"], m["thresholds"]["likely_authentic"]
band = lambda p: np.where(p >= hi, 2, np.where(p <= lo, 0, 1))
ps, pp = prob(Xs), prob(Xp)
print(f"shipped model: |dp| median {np.median(abs(ps-pp)):.4f} p95 {np.percentile(abs(ps-pp),95):.4f} max {abs(ps-pp).max():.4f}; "
      f"same band {np.mean(band(ps)==band(pp))*100:.1f} %; likely_ai Swift {np.sum(band(ps)==2)} vs cache {np.sum(band(pp)==2)}; "
      f"real flagged Swift {np.sum((band(ps)==2)&(yy==0))} cache {np.sum((band(pp)==2)&(yy==0))} of {np.sum(yy==0)}")
