#!/usr/bin/env python3
"""Make Provenant's small signed MP4 sample: Samples/c2pa/video_signed.mp4.

    python3 scripts/c2pa/make_video_sample.py [--out Samples/c2pa] [--pki Samples/c2pa/pki]

Needs: ffmpeg (Debian package `ffmpeg`), Python >= 3.10, c2pa-python 0.38.x, Pillow:
    pip install c2pa-python==0.38.1 pillow cryptography

What it does:
 1. draws the project's synthetic "AI" test scene (make_samples.ai_scene, the same drawing as
    b_ai_es256.png) at 480x360 and lets ffmpeg pan a 320x240 window across it: 2 s, 15 fps,
    libx264 CRF 30, yuv420p, no audio, single-threaded and bit-exact flags so the clip is the
    same on every run;
 2. signs the clip with c2pa-python's Builder and the es256 leaf of the project's test PKI
    (c2pa.created + trainedAlgorithmicMedia, claim generator "provenant-samples" 1.0, no
    thumbnail): c2pa-rs inserts the C2PA `uuid` box after `ftyp` and binds the file with
    `c2pa.hash.bmff.v3`;
 3. reads it back with c2pa-python (offline, without and with pki/trust_anchors.pem +
    pki/trust_config.cfg) and exits with status 1 unless the verdicts are Valid / Trusted.

The manifest label and the ECDSA signature are random, so each run changes the signed bytes
(not the verdicts). The result stays well under 200 KB.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import c2pa_reference as ref  # exits with an install hint when c2pa-python is missing
import make_samples as samples

MAX_BYTES = 200 * 1024


def make_clip(workdir: str) -> bytes:
    """A 2 s, 320x240 pan across the synthetic AI scene, H.264 in MP4."""
    still = os.path.join(workdir, "scene.png")
    samples.ai_scene(seed=23).resize((480, 360)).save(still)
    clip = os.path.join(workdir, "clip.mp4")
    subprocess.run([
        "ffmpeg", "-v", "error", "-y", "-loop", "1", "-framerate", "15", "-i", still,
        "-vf", "crop=320:240:x='t*80':y='t*60'", "-t", "2", "-r", "15",
        "-c:v", "libx264", "-preset", "medium", "-crf", "30", "-pix_fmt", "yuv420p", "-threads", "1",
        "-an", "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:v", "+bitexact", clip,
    ], check=True)
    with open(clip, "rb") as f:
        return f.read()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=samples.DEFAULT_OUT)
    parser.add_argument("--pki", default=os.path.join(samples.DEFAULT_OUT, "pki"))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as workdir:
        clip = make_clip(workdir)
    samples.MIME["mp4"] = "video/mp4"
    manifest = samples.created("video_signed.mp4", "trainedAlgorithmicMedia")
    signed = samples.sign(clip, "mp4", manifest, args.pki, "es256", "es256")
    if len(signed) > MAX_BYTES:
        print(f"video_signed.mp4 is {len(signed)} bytes, above {MAX_BYTES}", file=sys.stderr)
        return 1
    path = os.path.join(args.out, "video_signed.mp4")
    with open(path, "wb") as f:
        f.write(signed)
    status = 0
    for label, context, want in [
        ("default", ref.make_context(), "Valid"),
        ("trusted", ref.make_context(open(os.path.join(args.pki, "trust_anchors.pem")).read(),
                                     open(os.path.join(args.pki, "trust_config.cfg")).read()), "Trusted"),
    ]:
        record = ref.reference_record(path, context, rel_path="video_signed.mp4")
        print(label, json.dumps({k: record.get(k) for k in
                                 ("validation_state", "failure_codes", "success_codes", "digital_source_types")}))
        if record.get("validation_state") != want:
            print(f"video_signed.mp4: {label} state {record.get('validation_state')}, expected {want}", file=sys.stderr)
            status = 1
    print(f"wrote {path} ({len(signed)} bytes)")
    return status


if __name__ == "__main__":
    sys.exit(main())
