#!/usr/bin/env python3
"""Make Provenant's small signed MP4 samples: Samples/c2pa/video_signed.mp4 and two Merkle-tree variants.

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
 3. signs the same clip twice more with c2pa-rs's Merkle-tree BMFF hash (settings
    core.merkle_tree_chunk_size_in_kb / core.merkle_tree_max_proofs): video_merkle.mp4 (1 KiB
    blocks of the mdat, the tree's root stored, a proof in an auxiliary `merkle` box per block) and
    video_merkle_row.mp4 (2 KiB blocks, a row of two hashes stored, one-hash proofs);
 4. reads each back with c2pa-python (offline, without and with pki/trust_anchors.pem +
    pki/trust_config.cfg) and exits with status 1 unless the verdicts are Valid / Trusted; then
    changes one byte at the places VideoBindingTests changes (an mdat block, the mdat header bytes
    the file hash keeps, the moov, a proof hash) and requires the reference to say
    assertion.bmffHash.mismatch for each.

The manifest label and the ECDSA signature are random, so each run changes the signed bytes
(not the verdicts). The result stays well under 200 KB.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import struct
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


def sign_clip(clip: bytes, pki: str, chunk_kb: int | None = None, max_proofs: int = 5) -> bytes:
    """The clip signed as trainedAlgorithmicMedia; with `chunk_kb`, the BMFF hash carries a Merkle tree."""
    settings: dict = {"verify": {"remote_manifest_fetch": False, "ocsp_fetch": False, "verify_after_sign": True},
                      "builder": {"thumbnail": {"enabled": False}}}
    if chunk_kb is not None:
        settings["core"] = {"merkle_tree_chunk_size_in_kb": chunk_kb, "merkle_tree_max_proofs": max_proofs}
    definition = {"claim_generator_info": samples.GENERATOR,
                  **samples.created("video_signed.mp4", "trainedAlgorithmicMedia")}
    with samples.c2pa.Context.from_dict(settings) as ctx, samples.c2pa.Builder(definition, ctx) as builder, \
            samples.load_signer(pki, "es256", "es256") as signer:
        out = io.BytesIO()
        builder.sign(signer, "video/mp4", io.BytesIO(clip), out)
        return out.getvalue()


def top_level_boxes(data: bytes) -> list[tuple[str, int, int]]:
    """(type, start, end) of every top-level ISO BMFF box (32-bit sizes only, as ffmpeg writes these clips)."""
    boxes, position = [], 0
    while position + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[position:position + 8])
        boxes.append((kind.decode("latin-1"), position, position + size))
        position += size
    return boxes


def tamper_offsets(data: bytes) -> dict[str, int]:
    """The bytes VideoBindingTests changes: the same rules on both sides."""
    boxes = top_level_boxes(data)
    mdat = next(b for b in boxes if b[0] == "mdat")
    moov = next(b for b in boxes if b[0] == "moov")
    offsets = {"mdat block": mdat[1] + 16 + (mdat[2] - mdat[1] - 16) // 2, "mdat header": mdat[1] + 12,
               "moov": moov[1] + (moov[2] - moov[1]) // 2}
    merkle = [b for b in boxes if b[0] == "uuid" and data[b[1] + 28:b[1] + 35] == b"merkle\0"]
    if merkle:
        offsets["proof hash"] = merkle[0][2] - 10  # inside the last hash of the first proof
    return offsets


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=samples.DEFAULT_OUT)
    parser.add_argument("--pki", default=os.path.join(samples.DEFAULT_OUT, "pki"))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as workdir:
        clip = make_clip(workdir)
    with open(os.path.join(args.pki, "trust_anchors.pem")) as f:
        anchors = f.read()
    with open(os.path.join(args.pki, "trust_config.cfg")) as f:
        trust_config = f.read()
    status = 0
    for name, chunk_kb, max_proofs in [("video_signed.mp4", None, 0), ("video_merkle.mp4", 1, 5),
                                       ("video_merkle_row.mp4", 2, 1)]:
        signed = sign_clip(clip, args.pki, chunk_kb, max_proofs)
        if len(signed) > MAX_BYTES:
            print(f"{name} is {len(signed)} bytes, above {MAX_BYTES}", file=sys.stderr)
            return 1
        path = os.path.join(args.out, name)
        with open(path, "wb") as f:
            f.write(signed)
        for label, context, want in [("default", ref.make_context(), "Valid"),
                                     ("trusted", ref.make_context(anchors, trust_config), "Trusted")]:
            record = ref.reference_record(path, context, rel_path=name)
            print(name, label, json.dumps({k: record.get(k) for k in ("validation_state", "failure_codes")}))
            if record.get("validation_state") != want:
                print(f"{name}: {label} state {record.get('validation_state')}, expected {want}", file=sys.stderr)
                status = 1
        with tempfile.TemporaryDirectory() as workdir:
            for what, offset in tamper_offsets(signed).items():
                tampered = bytearray(signed)
                tampered[offset] ^= 0x01
                copy = os.path.join(workdir, "tampered.mp4")
                with open(copy, "wb") as f:
                    f.write(tampered)
                record = ref.reference_record(copy, ref.make_context())
                print(name, "tampered", what, record.get("failure_codes"))
                if "assertion.bmffHash.mismatch" not in (record.get("failure_codes") or []):
                    print(f"{name}: changing the {what} byte is not a BMFF hash mismatch", file=sys.stderr)
                    status = 1
        print(f"wrote {path} ({len(signed)} bytes)")
    return status


if __name__ == "__main__":
    sys.exit(main())
