"""Background job: CLIP embeddings (onnxruntime, 1 thread) of every training image under each
condition, cached per image/condition/view as .npy so the job resumes; also writes each condition's
file for the v1 CLI scorer (scripts/deep/score_v1.py).

usage: python3 scripts/deep/embed.py PHASE [PHASE ...]
  EMBED_SHARD=i/n (environment, optional): this process takes every n-th image of each phase's order,
  starting at the i-th, so n single-threaded processes can share the work (they write disjoint files).
  phases (in priority order; each skips what is cached):
          subset   native-crop comparison subset, 4 images per source (asis + down512_jpeg75; resize224 and 3 native crops)
          main     all images: asis, down512_jpeg75, webp_social (resize224), sources round-robin
          unseen   the images the first v2 model was not trained on (round-robin order after its 692), in all
                   four evaluation conditions (unseen_asis: as-is only)
          asis, down, webp
                   the same one condition at a time (all images as-is first, then the next condition:
                   a run stopped early has whole conditions rather than a subset of images)
          crop2    the first two images of every source (round-robin ranks 0-1): crop512_jpeg90
          crop     all images: crop512_jpeg90
          aug0     all images: one augmented copy
          aug1     all images: a second augmented copy
          layers   all images, all six conditions above (asis, crop512_jpeg90, down512_jpeg75, webp_social, aug0,
                   aug1): per-block class and patch-mean tokens (common.layer_tokens) under CACHE/layers, what
                   train.py --features class_tokens:... reads
"""
import os
import sys
import time
from collections import defaultdict

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
import common as C  # noqa: E402


def subset(items, cap=4):
    by = defaultdict(list)
    for it in items:
        by[it["source"]].append(it)
    out = []
    for src in sorted(by):
        out += sorted(by[src], key=lambda it: it["hash"])[:cap]
    # random order (by hash) so that a run stopped early still covers every source evenly
    return sorted(out, key=lambda it: it["hash"])


def round_robin(items, max_rank=None):
    """Sources interleaved (each source's images in hash order), so that a run stopped at any point
    has covered every source about equally: the k-th image of every source comes before the
    (k+1)-th of any."""
    by = defaultdict(list)
    for it in items:
        by[it["source"]].append(it)
    for src in by:
        by[src].sort(key=lambda it: it["hash"])
    out = []
    for rank in range(max(len(v) for v in by.values()) if max_rank is None else max_rank):
        out += [by[src][rank] for src in sorted(by) if rank < len(by[src])]
    return out


# The first provenant-detector-v2.json was trained on the first 692 images of round_robin order (every
# source's 13-14 first images by hash; 294 AI, 203 real photos, 195 human-made non-photos): the images after
# them were never seen by it and give an out-of-sample check of that model.
FIRST_MODEL_IMAGES = 692
EVAL_CONDS = ["asis", "crop512_jpeg90", "down512_jpeg75", "webp_social"]

PHASES = {
    "subset": (lambda items: subset(items), ["asis", "down512_jpeg75"], ["r224", "nat3"]),
    "main": (round_robin, ["asis", "down512_jpeg75", "webp_social"], ["r224"]),
    "unseen": (lambda items: round_robin(items)[FIRST_MODEL_IMAGES:], EVAL_CONDS, ["r224"]),
    "unseen_asis": (lambda items: round_robin(items)[FIRST_MODEL_IMAGES:], ["asis"], ["r224"]),
    "asis": (round_robin, ["asis"], ["r224"]),
    "down": (round_robin, ["down512_jpeg75"], ["r224"]),
    "webp": (round_robin, ["webp_social"], ["r224"]),
    "crop2": (lambda items: round_robin(items, 2), ["crop512_jpeg90"], ["r224"]),
    "crop": (round_robin, ["crop512_jpeg90"], ["r224"]),
    "aug0": (round_robin, ["aug0"], ["r224"]),
    "aug1": (round_robin, ["aug1"], ["r224"]),
    "layers": (round_robin, EVAL_CONDS + ["aug0", "aug1"], ["layers"]),
}


def emb_path(view, cond, h):
    if view == "layers":
        return os.path.join(C.CACHE, "layers", cond, h + ".npy")
    return os.path.join(C.CACHE, "emb", view, cond, h + ".npy")


def cond_file(cond, h, ext):
    return os.path.join(C.CACHE, "cond", cond, f"{h}.{ext}")


def write_atomic(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def save_npy(path, arr):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp.npy"
    np.save(tmp, arr if arr.dtype == np.float16 else arr.astype(np.float32))
    os.replace(tmp, path)


def run_phase(session, name):
    select, conds, views = PHASES[name]
    items = select(C.load_items())
    shard = os.environ.get("EMBED_SHARD")
    if shard:
        i, n = (int(x) for x in shard.split("/"))
        items = items[i::n]
    t0 = time.time()
    done = 0
    stop_at = os.environ.get("SUBSET_STOP_AT") if name == "subset" else None  # e.g. "06:35" (UTC)
    for n, it in enumerate(items):
        if stop_at and time.strftime("%H:%M", time.gmtime()) >= stop_at:
            print(f"{name}: stopped at {stop_at} UTC after {done} images", flush=True)
            break
        todo = [(c, v) for c in conds for v in views if not os.path.exists(emb_path(v, c, it["hash"]))]
        if not todo:
            continue
        try:
            im = C.decode_rgb(it["path"])
        except Exception as e:  # noqa: BLE001 - logged and skipped; the trainer reports missing images
            print(f"DECODE-FAIL {it['key']}: {e}", flush=True)
            continue
        for cond in sorted({c for c, _ in todo}):
            px, data, ext = C.apply_condition(im, cond, it["hash"])
            if data is not None:
                write_atomic(cond_file(cond, it["hash"], ext), data)
            elif ext == "png" or (cond == "asis" and it["format"] == "WEBP"):
                p = cond_file(cond, it["hash"], "png")
                if not os.path.exists(p):
                    os.makedirs(os.path.dirname(p), exist_ok=True)
                    px.save(p + ".tmp.png", format="PNG", compress_level=1)
                    os.replace(p + ".tmp.png", p)
            for c, v in todo:
                if c != cond:
                    continue
                if v == "layers":
                    e = C.layer_tokens(session, C.resize224(px))
                elif v == "r224":
                    e = C.embed(session, C.resize224(px))[None]
                else:
                    e = np.stack([C.embed(session, cr) for cr in C.native_crops(px, 3)])
                save_npy(emb_path(v, cond, it["hash"]), e)
        done += 1
        if done % 25 == 0:
            el = time.time() - t0
            print(f"{name} {n + 1}/{len(items)} computed={done} {el:.0f}s {el / done:.2f}s/img", flush=True)
    print(f"{name} finished: {done} images in {time.time() - t0:.0f}s", flush=True)


if __name__ == "__main__":
    sess = C.make_session(layers="layers" in sys.argv[1:])
    for phase in sys.argv[1:]:
        run_phase(sess, phase)
