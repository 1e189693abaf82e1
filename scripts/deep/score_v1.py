"""Scores every training image under each condition with the landed v1 hand-crafted detector through
the project's own CLI (`provenant detect --format jsonl`), caching one JSON line per image so the job
resumes. The v1 probability is the `detector`/`statistical` signal's score (not the fused
ai_probability, which also contains watermark and metadata evidence); the deep stage is switched off
(`--deep never`), so only the hand-crafted detector runs.

usage: python3 scripts/deep/score_v1.py [--binary .build/release/provenant] COND [COND ...]
  COND: asis crop512_jpeg90 down512_jpeg75 webp_social aug0 aug1
Files: as-is = the original file (WebP originals: PNG of the decoded pixels, written by embed.py);
other conditions = the files embed.py wrote to CACHE/cond/<cond>/.
"""
import argparse
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
import common as C  # noqa: E402


def condition_file(it, cond):
    if cond == "asis" and it["format"] != "WEBP":
        return it["path"]
    for ext in ("jpg", "png"):
        p = os.path.join(C.CACHE, "cond", cond, f"{it['hash']}.{ext}")
        if os.path.exists(p):
            return p
    return None


def load_scores(cond):
    path = os.path.join(C.CACHE, "v1", cond + ".jsonl")
    out = {}
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                rec = json.loads(line)
                out[rec["hash"]] = rec
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=".build/release/provenant")
    ap.add_argument("--chunk", type=int, default=24)
    ap.add_argument("--follow", action="store_true",
                    help="score only images whose embedding for the condition exists, and keep polling until "
                         "the embedding job (CACHE/embed.log says 'finished' for the last phase) is done")
    ap.add_argument("conds", nargs="+")
    args = ap.parse_args()
    items = C.load_items()
    os.makedirs(os.path.join(C.CACHE, "v1"), exist_ok=True)
    while True:
        scored = run_once(args, items)
        if not args.follow or (embedding_done() and scored == 0):
            break
        if scored == 0:
            time.sleep(60)


def embedding_done():
    log = os.path.join(C.CACHE, "embed.log")
    return os.path.exists(log) and "aug1 finished" in open(log).read()


def run_once(args, items):
    """One pass: every (image, condition) not yet scored, image by image in the embedding job's
    round-robin order, all conditions of an image together so rows complete evenly."""
    from embed import round_robin
    have = {cond: load_scores(cond) for cond in args.conds}
    todo = []
    for it in round_robin(items):
        for cond in args.conds:
            if it["hash"] in have[cond]:
                continue
            f = condition_file(it, cond)
            if f and (not args.follow or os.path.exists(os.path.join(C.CACHE, "emb", "r224", cond, it["hash"] + ".npy"))):
                todo.append((it, cond, f))
    print(f"{len(todo)} (image, condition) pairs to score", flush=True)
    for i in range(0, len(todo), args.chunk):
        chunk = todo[i:i + args.chunk]
        proc = subprocess.run([args.binary, "detect", "--format", "jsonl", "--jobs", "1", "--deep", "never"]
                              + [f for _, _, f in chunk],
                              capture_output=True, text=True)
        lines = [json.loads(s) for s in proc.stdout.splitlines() if s.strip()]
        if len(lines) != len(chunk):
            print(f"  chunk {i}: {len(lines)} results for {len(chunk)} files (exit {proc.returncode}): "
                  f"{proc.stderr[:300]}", flush=True)
        by_path = {rec["path"]: rec for rec in lines}
        for it, cond, path in chunk:
            rec = by_path.get(path)
            if rec is None:
                continue
            det = [s for s in rec.get("signals") or [] if s.get("kind") == "detector" and s.get("name") == "statistical"]
            with open(os.path.join(C.CACHE, "v1", cond + ".jsonl"), "a") as f:
                f.write(json.dumps({
                    "hash": it["hash"], "key": it["key"],
                    "p_v1": det[0]["score"] if det else None,
                    "ai_probability": rec.get("ai_probability"), "verdict": rec.get("verdict"),
                    "error": rec.get("error"),
                }) + "\n")
        print(f"  {min(i + args.chunk, len(todo))}/{len(todo)}", flush=True)
    return len(todo)

if __name__ == "__main__":
    main()
