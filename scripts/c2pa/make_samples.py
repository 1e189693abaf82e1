#!/usr/bin/env python3
"""Make Provenant's own small signed C2PA samples and their reference verdicts.

    python3 scripts/c2pa/make_pki.py        # once (the PKI is committed; deterministic)
    python3 scripts/c2pa/make_samples.py [--out Samples/c2pa] [--pki Samples/c2pa/pki]

Needs: Python >= 3.10, c2pa-python 0.38.x (bundles c2pa-rs 0.91.x), Pillow,
cryptography:
    pip install c2pa-python==0.38.1 pillow cryptography

What it does, in one run (so the committed verdicts always describe the
committed bytes):
 1. draws small synthetic source images with Pillow (fixed seeds, 320x240);
 2. signs them with c2pa-python's Builder using the test PKI
    (claim generator "provenant-samples" 1.0, no time-stamp, no auto thumbnail);
 3. derives broken copies by editing bytes after signing (pixel data changed,
    claim-signature byte flipped, manifest stripped);
 4. reads every sample back with c2pa-python's Reader, offline, once without
    trust anchors (-> expected.jsonl) and once with pki/trust_anchors.pem and
    pki/trust_config.cfg (-> expected_trusted.jsonl), in the record format of
    ../shared/c2pa/expected.jsonl;
 5. writes samples.jsonl (what each file is meant to show) and checks that
    the reference verdicts match those intents (exit status 1 if not).

Pixels and the PKI are deterministic; manifest labels (UUIDs), instance ids
and ECDSA/PSS signatures are not, so every run changes the signed bytes:
commit the samples and the .jsonl files of the same run together.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import random
import struct
import sys
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

try:
    from PIL import Image, ImageDraw, ImageFilter
except ImportError:  # pragma: no cover - tooling message
    sys.exit("make_samples.py needs Pillow: pip install pillow")

import c2pa_reference as ref  # exits with an install hint when c2pa-python is missing
import make_pki
import c2pa

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_OUT = os.path.join(REPO_ROOT, "Samples", "c2pa")
IPTC = "http://cv.iptc.org/newscodes/digitalsourcetype/"
GENERATOR = [{"name": "provenant-samples", "version": "1.0"}]
MAX_BYTES = 60 * 1024
WIDTH, HEIGHT = 320, 240


# ---------------------------------------------------------------- source images

def _vertical_gradient(top, bottom, size=(WIDTH, HEIGHT)) -> Image.Image:
    w, h = size
    img = Image.new("RGB", size)
    draw = ImageDraw.Draw(img)
    for y in range(h):
        t = y / max(1, h - 1)
        draw.line([(0, y), (w, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom)))
    return img


def _add_signed(img: Image.Image, noise: Image.Image) -> Image.Image:
    """img + (noise - 128), clipped, per channel."""
    from PIL import ImageChops
    zero = Image.new("L", img.size, 128)
    plus = ImageChops.subtract(noise, zero)          # max(noise-128, 0)
    minus = ImageChops.subtract(zero, noise)         # max(128-noise, 0)
    out = []
    for c in img.split():
        out.append(ImageChops.subtract(ImageChops.add(c, plus), minus))
    return Image.merge("RGB", out)


def camera_scene(seed: int) -> Image.Image:
    """A 'photo': sky, hills, a sun, a tree line, mild sensor noise."""
    rng = random.Random(seed)
    img = _vertical_gradient((96, 150, 210), (200, 222, 240))
    draw = ImageDraw.Draw(img)
    draw.ellipse([230, 30, 280, 80], fill=(255, 236, 170))
    for i in range(3):
        base = 150 + i * 25
        pts = [(0, HEIGHT)] + [(x, base + round(12 * ((x * (i + 2) * 7 + rng.randrange(9)) % 23) / 23))
                               for x in range(0, WIDTH + 16, 16)] + [(WIDTH, HEIGHT)]
        draw.polygon(pts, fill=(60 + 20 * i, 110 + 15 * i, 60 + 5 * i))
    for _ in range(14):
        x = rng.randrange(0, WIDTH)
        y = rng.randrange(150, 200)
        draw.ellipse([x - 9, y - 22, x + 9, y], fill=(30, 80 + rng.randrange(30), 40))
        draw.rectangle([x - 1, y, x + 1, y + 8], fill=(70, 50, 30))
    img = img.filter(ImageFilter.GaussianBlur(0.6))
    return _add_signed(img, _noise(img.size, seed + 1, 6))


def _noise(size, seed: int, amplitude: int) -> Image.Image:
    rng = random.Random(seed)
    data = bytes(128 + rng.randint(-amplitude, amplitude) for _ in range(size[0] * size[1]))
    return Image.frombytes("L", size, data)


def ai_scene(seed: int) -> Image.Image:
    """A 'generated' illustration: flat posterised colour fields and glossy circles."""
    rng = random.Random(seed)
    img = _vertical_gradient((40, 20, 90), (230, 120, 160))
    draw = ImageDraw.Draw(img)
    for _ in range(6):
        r = rng.randrange(18, 60)
        x, y = rng.randrange(r, WIDTH - r), rng.randrange(r, HEIGHT - r)
        colour = (rng.randrange(80, 256), rng.randrange(80, 256), rng.randrange(80, 256))
        draw.ellipse([x - r, y - r, x + r, y + r], fill=colour)
        draw.ellipse([x - r // 2, y - r // 2, x - r // 5, y - r // 5], fill=(255, 255, 255))
    draw.rectangle([0, 200, WIDTH, HEIGHT], fill=(20, 10, 40))
    return img.quantize(colors=48, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).convert("RGB")


def encode(img: Image.Image, fmt: str) -> bytes:
    buf = io.BytesIO()
    if fmt == "jpeg":
        img.save(buf, "JPEG", quality=85, optimize=True)
    else:
        img.save(buf, "PNG", optimize=True)
    return buf.getvalue()


# ---------------------------------------------------------------- signing

MIME = {"jpeg": "image/jpeg", "png": "image/png"}


def load_signer(pki: str, name: str, alg: str):
    with open(os.path.join(pki, f"{name}.chain.pem"), "rb") as f:
        chain = f.read()
    with open(os.path.join(pki, f"{name}.key.pem"), "rb") as f:
        key = f.read()
    return c2pa.Signer.from_info(c2pa.C2paSignerInfo(alg, chain, key, None))


def builder_context(verify_after_sign: bool = True):
    return c2pa.Context.from_dict({
        "verify": {"remote_manifest_fetch": False, "ocsp_fetch": False,
                   "verify_after_sign": verify_after_sign},
        "builder": {"thumbnail": {"enabled": False}},
    })


def sign(source: bytes, fmt: str, manifest: dict, pki: str, signer_name: str, alg: str,
         ingredients=(), resources=()) -> bytes:
    """Sign `source` with a manifest definition; ingredients = [(json, fmt, bytes)]."""
    definition = {"claim_generator_info": GENERATOR, **manifest}
    with builder_context() as ctx, c2pa.Builder(definition, ctx) as builder, \
            load_signer(pki, signer_name, alg) as signer:
        for uri, data in resources:
            builder.add_resource(uri, io.BytesIO(data))
        for ing_json, ing_fmt, ing_bytes in ingredients:
            builder.add_ingredient(ing_json, MIME[ing_fmt], io.BytesIO(ing_bytes))
        out = io.BytesIO()
        builder.sign(signer, MIME[fmt], io.BytesIO(source), out)
        return out.getvalue()


def sign_with_expired(source: bytes, fmt: str, manifest: dict, pki: str, seed: str) -> bytes:
    """Sign with the expired leaf (valid 2020..2021).

    c2pa-rs refuses to sign with a certificate that is not valid now, so the
    claim is signed through a callback with a "twin" of the expired leaf: same
    key, subject, serial and DER length, but valid 2025..2040 (issued here
    from the re-derived intermediate CA key, never written to disk). The
    callback swaps the twin's DER for the expired leaf's DER inside the
    COSE Sig_structure before signing, and the same swap is applied to the
    signed file, so the embedded x5chain carries the expired leaf and the
    signature is genuine for it. The manifest store is excluded from the data
    hash, and the signature box is not covered by the claim, so nothing else
    changes.
    """
    import datetime as dt
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, utils

    with open(os.path.join(pki, "expired_es256.chain.pem"), "rb") as f:
        chain = x509.load_pem_x509_certificates(f.read())
    with open(os.path.join(pki, "expired_es256.key.pem"), "rb") as f:
        leaf_key = serialization.load_pem_private_key(f.read(), None)
    expired_der = chain[0].public_bytes(serialization.Encoding.DER)
    inter_key = make_pki.make_key(seed, "intermediate", "p384")
    if inter_key.public_key() != chain[1].public_key():
        sys.exit("the intermediate CA key does not match intermediate_ca.pem: pass make_pki.py's --seed")
    cn = chain[0].subject.get_attributes_for_oid(x509.oid.NameOID.COMMON_NAME)[0].value
    for extra_seconds in range(600):   # find a twin whose DER length equals the expired leaf's
        twin = make_pki._issue(cn, leaf_key, make_pki.INTERMEDIATE_CN, inter_key, ca=False,
                               not_after=make_pki.NOT_AFTER + dt.timedelta(seconds=extra_seconds))
        twin_der = twin.public_bytes(serialization.Encoding.DER)
        if len(twin_der) == len(expired_der):
            break
    else:
        sys.exit("could not make a same-length twin certificate")

    def swap(data: bytes) -> bytes:
        if data.count(twin_der) != 1:
            raise ValueError(f"twin certificate found {data.count(twin_der)} times")
        return data.replace(twin_der, expired_der)

    def callback(data: bytes) -> bytes:
        der = leaf_key.sign(swap(bytes(data)), ec.ECDSA(hashes.SHA256()))
        r, s = utils.decode_dss_signature(der)
        return r.to_bytes(32, "big") + s.to_bytes(32, "big")

    twin_chain = (twin.public_bytes(serialization.Encoding.PEM)
                  + chain[1].public_bytes(serialization.Encoding.PEM)).decode()
    definition = {"claim_generator_info": GENERATOR, **manifest}
    # the library's own check after signing would see the twin's Sig_structure: off
    with builder_context(verify_after_sign=False) as ctx, c2pa.Builder(definition, ctx) as builder, \
            c2pa.Signer.from_callback(callback, c2pa.C2paSigningAlg.ES256, twin_chain, None) as signer:
        out = io.BytesIO()
        builder.sign(signer, MIME[fmt], io.BytesIO(source), out)
    return swap(out.getvalue())


def created(title: str, source_type: str, **extra) -> dict:
    return {"title": title, "assertions": [{"label": "c2pa.actions", "data": {"actions": [
        {"action": "c2pa.created", "digitalSourceType": IPTC + source_type}]}}], **extra}


# ---------------------------------------------------------------- byte surgery

def jpeg_segments(data: bytes):
    """(marker, start, end) of every marker segment before the scan; then ('SOS', start, len)."""
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            raise ValueError(f"JPEG marker expected at {pos}")
        marker = data[pos + 1]
        length = struct.unpack(">H", data[pos + 2:pos + 4])[0]
        yield marker, pos, pos + 2 + length
        if marker == 0xDA:
            return
        pos += 2 + length


def jpeg_strip_app11(data: bytes) -> bytes:
    out, last = bytearray(data[:2]), 2
    for marker, start, end in jpeg_segments(data):
        if marker == 0xEB:
            out += data[last:start]
            last = end
    out += data[last:]
    return bytes(out)


def jpeg_tamper_scan(data: bytes) -> bytes:
    """Change one entropy-coded byte in the middle of the scan (no new markers)."""
    sos_end = [end for marker, _s, end in jpeg_segments(data) if marker == 0xDA][0]
    eoi = data.rindex(b"\xff\xd9")
    pos = sos_end + (eoi - sos_end) // 2
    while data[pos] == 0xFF or data[pos - 1] == 0xFF or (data[pos] ^ 0x24) == 0xFF:
        pos += 1
    out = bytearray(data)
    out[pos] ^= 0x24
    return bytes(out)


def png_chunks(data: bytes):
    pos = 8
    while pos + 12 <= len(data):
        length = struct.unpack(">I", data[pos:pos + 4])[0]
        ctype = data[pos + 4:pos + 8]
        yield ctype, pos, pos + 12 + length
        pos += 12 + length


def png_chunk(ctype: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + ctype + body + struct.pack(">I", zlib.crc32(ctype + body) & 0xFFFFFFFF)


def png_strip_cabx(data: bytes) -> bytes:
    return data[:8] + b"".join(data[s:e] for t, s, e in png_chunks(data) if t != b"caBX")


def png_tamper_pixels(data: bytes) -> bytes:
    """Decode the IDAT stream, change one sample value, re-encode as one IDAT in place."""
    chunks = list(png_chunks(data))
    idat = [(s, e) for t, s, e in chunks if t == b"IDAT"]
    raw = bytearray(zlib.decompress(b"".join(data[s + 8:e - 4] for s, e in idat)))
    ihdr = [data[s + 8:e - 4] for t, s, e in chunks if t == b"IHDR"][0]
    width = struct.unpack(">I", ihdr[:4])[0]
    stride = 1 + width * 3                      # 8-bit RGB (what encode() writes)
    row = HEIGHT // 2
    raw[row * stride + 1 + (width // 2) * 3] ^= 0x40
    new_idat = png_chunk(b"IDAT", zlib.compress(bytes(raw), 9))
    first, last = idat[0][0], idat[-1][1]
    return data[:first] + new_idat + data[last:]


def _cbor_head(buf: bytes, pos: int):
    initial = buf[pos]
    major, info = initial >> 5, initial & 0x1F
    pos += 1
    if info < 24:
        return major, info, pos
    size = {24: 1, 25: 2, 26: 4, 27: 8}.get(info)
    if size is None:
        raise ValueError("indefinite / reserved CBOR length not expected in COSE_Sign1")
    return major, int.from_bytes(buf[pos:pos + size], "big"), pos + size


def _cbor_skip(buf: bytes, pos: int) -> int:
    major, value, pos = _cbor_head(buf, pos)
    if major in (2, 3):
        return pos + value
    if major == 4:
        for _ in range(value):
            pos = _cbor_skip(buf, pos)
        return pos
    if major == 5:
        for _ in range(2 * value):
            pos = _cbor_skip(buf, pos)
        return pos
    if major == 6:
        return _cbor_skip(buf, pos)
    return pos  # 0, 1, 7: head only


def flip_claim_signature(data: bytes) -> bytes:
    """Flip one byte inside the COSE_Sign1 signature of the (single) c2pa.signature box."""
    label = data.index(b"c2pa.signature\x00")
    cbor_type = data.index(b"cbor", label)
    box_start = cbor_type - 4
    box_len = struct.unpack(">I", data[box_start:cbor_type])[0]
    body = data[cbor_type + 4:box_start + box_len]
    pos = 0
    major, value, pos = _cbor_head(body, pos)
    if major == 6:                                 # tag 18 = COSE_Sign1
        major, value, pos = _cbor_head(body, pos)
    if major != 4 or value != 4:
        raise ValueError("COSE_Sign1 array expected")
    for _ in range(3):                             # protected, unprotected, payload
        pos = _cbor_skip(body, pos)
    major, sig_len, pos = _cbor_head(body, pos)
    if major != 2 or sig_len == 0:
        raise ValueError("signature bstr expected")
    target = cbor_type + 4 + pos + sig_len // 2
    out = bytearray(data)
    out[target] ^= 0x01
    return bytes(out)


def relabel_source_type(data: bytes, old: str, new: str) -> bytes:
    """Overwrite a digitalSourceType term inside the signed actions assertion (same length)."""
    if len(old) != len(new):
        raise ValueError("same-length terms only: box and CBOR lengths must not change")
    label = data.index(b"c2pa.actions.v2\x00")
    pos = data.index((IPTC + old).encode(), label) + len(IPTC)
    return data[:pos] + new.encode() + data[pos + len(old):]


# ---------------------------------------------------------------- the sample set

def build_samples(pki: str, seed: str) -> list[dict]:
    """Every sample as {file, bytes, category, what, intents...}, in a fixed order."""
    cam = camera_scene(seed=11)
    cam_jpeg = encode(cam, "jpeg")
    ai = ai_scene(seed=23)
    ai_jpeg, ai_png = encode(ai, "jpeg"), encode(ai, "png")
    thumb = io.BytesIO()
    cam.resize((80, 60), Image.Resampling.LANCZOS).save(thumb, "JPEG", quality=70)

    samples: list[dict] = []

    def add(file, data, category, what, state, trusted, failures=(), ai_generated=False, dst=None):
        samples.append({"file": file, "data": data, "category": category, "what": what,
                        "intent_has_manifest": state != "absent", "intent_state_default": state,
                        "intent_state_trusted": trusted, "intent_failure_codes": list(failures),
                        "intent_digital_source_type": dst, "intent_ai_generated": ai_generated})

    camera = sign(cam_jpeg, "jpeg", created("a_camera.jpg", "digitalCapture",
                                            thumbnail={"format": "image/jpeg", "identifier": "thumbnail.jpg"}),
                  pki, "es256", "es256", resources=[("thumbnail.jpg", thumb.getvalue())])
    add("a_camera_es256.jpg", camera, "a_camera",
        "c2pa.created + digitalCapture, ES256, claim v2, 80x60 claim thumbnail", "valid", "trusted",
        dst="digitalCapture")

    camera_v1 = sign(cam_jpeg, "jpeg", created("a_camera_v1.jpg", "digitalCapture", claim_version=1),
                     pki, "es256", "es256")
    add("a_camera_claimv1_es256.jpg", camera_v1, "a_camera",
        "c2pa.created + digitalCapture, ES256, claim v1", "valid", "trusted", dst="digitalCapture")

    ai_signed_jpeg = sign(ai_jpeg, "jpeg", created("b_ai.jpg", "trainedAlgorithmicMedia"), pki, "es256", "es256")
    add("b_ai_es256.jpg", ai_signed_jpeg, "b_ai", "c2pa.created + trainedAlgorithmicMedia, ES256",
        "valid", "trusted", ai_generated=True, dst="trainedAlgorithmicMedia")
    ai_signed_png = sign(ai_png, "png", created("b_ai.png", "trainedAlgorithmicMedia"), pki, "es256", "es256")
    add("b_ai_es256.png", ai_signed_png, "b_ai", "c2pa.created + trainedAlgorithmicMedia, ES256, PNG caBX",
        "valid", "trusted", ai_generated=True, dst="trainedAlgorithmicMedia")

    # (c) an edit of the signed camera file, and a composite of camera + AI components
    edited = Image.eval(cam, lambda v: min(255, v * 9 // 8 + 6))
    edit = sign(encode(edited, "jpeg"), "jpeg", {
        "title": "c_edit_of_camera.jpg",
        "assertions": [{"label": "c2pa.actions", "data": {"actions": [
            {"action": "c2pa.opened", "parameters": {"ingredientIds": ["parent"]}},
            {"action": "c2pa.color_adjustments"}]}}]},
        pki, "es256", "es256",
        ingredients=[({"title": "a_camera_es256.jpg", "relationship": "parentOf", "label": "parent"},
                      "jpeg", camera)])
    add("c_edit_of_camera.jpg", edit, "c_ingredient",
        "c2pa.opened (parentOf a_camera_es256.jpg, signed) + c2pa.color_adjustments; no own source type",
        "valid", "trusted", dst=None)

    composite = cam.copy()
    composite.paste(ai.resize((128, 96), Image.Resampling.LANCZOS), (176, 128))
    comp = sign(encode(composite, "jpeg"), "jpeg", {
        "title": "c_composite_ai.jpg",
        "assertions": [{"label": "c2pa.actions", "data": {"actions": [
            {"action": "c2pa.created", "digitalSourceType": IPTC + "compositeWithTrainedAlgorithmicMedia"},
            {"action": "c2pa.placed", "parameters": {"ingredientIds": ["background"]}},
            {"action": "c2pa.placed", "parameters": {"ingredientIds": ["generated"]}}]}}]},
        pki, "es256", "es256",
        ingredients=[({"title": "a_camera_es256.jpg", "relationship": "componentOf", "label": "background"},
                      "jpeg", camera),
                     ({"title": "b_ai_es256.png", "relationship": "componentOf", "label": "generated"},
                      "png", ai_signed_png)])
    add("c_composite_ai.jpg", comp, "c_ingredient",
        "c2pa.created + compositeWithTrainedAlgorithmicMedia, two signed componentOf ingredients "
        "(camera JPEG, AI PNG)", "valid", "trusted", ai_generated=True,
        dst="compositeWithTrainedAlgorithmicMedia")

    # (d) pixels changed after signing
    add("d_tampered_pixels.jpg", jpeg_tamper_scan(camera), "d_tampered",
        "a_camera_es256.jpg with one entropy-coded scan byte changed after signing",
        "invalid", "invalid", ["assertion.dataHash.mismatch"], dst="digitalCapture")
    add("d_tampered_pixels.png", png_tamper_pixels(ai_signed_png), "d_tampered",
        "b_ai_es256.png with one pixel sample changed after signing (IDAT re-deflated, CRC valid)",
        "invalid", "invalid", ["assertion.dataHash.mismatch"], ai_generated=True, dst="trainedAlgorithmicMedia")

    # (e) claim signature byte flipped
    add("e_signature_flipped.jpg", flip_claim_signature(ai_signed_jpeg), "e_signature",
        "b_ai_es256.jpg with one byte of the COSE_Sign1 signature flipped",
        "invalid", "invalid", ["claimSignature.mismatch"], ai_generated=True, dst="trainedAlgorithmicMedia")

    # (f) assertion changed after signing: an AI label rewritten to a non-AI one
    add("f_assertion_relabelled.jpg",
        relabel_source_type(ai_signed_jpeg, "trainedAlgorithmicMedia", "algorithmicallyEnhanced"), "f_assertion",
        "b_ai_es256.jpg with the actions assertion's digitalSourceType rewritten to algorithmicallyEnhanced "
        "(same length) after signing; the reference reports the rewritten value",
        "invalid", "invalid", ["assertion.hashedURI.mismatch"], dst="algorithmicallyEnhanced")

    # (g) expired signer certificate (2020..2021), no time-stamp
    expired = sign_with_expired(cam_jpeg, "jpeg", created("g_expired.jpg", "digitalCapture"), pki, seed)
    add("g_expired_es256.jpg", expired, "g_certificate",
        "signed with a leaf valid 2020-01-01..2021-01-01, no time-stamp",
        "invalid", "invalid", ["signingCredential.expired"], dst="digitalCapture")

    # (h) other algorithms
    add("h_es384.jpg", sign(cam_jpeg, "jpeg", created("h_es384.jpg", "digitalCapture"), pki, "es384", "es384"),
        "h_algorithm", "ES384 (P-384) signer", "valid", "trusted", dst="digitalCapture")
    add("h_ps256.jpg", sign(ai_jpeg, "jpeg", created("h_ps256.jpg", "trainedAlgorithmicMedia"), pki, "ps256",
                            "ps256"),
        "h_algorithm", "PS256 (RSA-PSS 2048) signer", "valid", "trusted", ai_generated=True,
        dst="trainedAlgorithmicMedia")
    add("h_ed25519.png", sign(ai_png, "png", created("h_ed25519.png", "trainedAlgorithmicMedia"), pki, "ed25519",
                              "ed25519"),
        "h_algorithm", "Ed25519 signer, PNG", "valid", "trusted", ai_generated=True,
        dst="trainedAlgorithmicMedia")

    # (i) manifest removed
    add("i_stripped.jpg", jpeg_strip_app11(camera), "i_stripped",
        "a_camera_es256.jpg with its APP11 (JUMBF) segments removed", "absent", "absent")
    add("i_stripped.png", png_strip_cabx(ai_signed_png), "i_stripped",
        "b_ai_es256.png with its caBX chunk removed", "absent", "absent")
    return samples


# ---------------------------------------------------------------- main

def verify_only(out: str, pki: str) -> int:
    """Re-read the committed samples; compare with the committed expected*.jsonl (all fields but ms)."""
    anchors = ref.load_text(os.path.join(pki, "trust_anchors.pem"))
    trust_cfg = ref.load_text(os.path.join(pki, "trust_config.cfg"))
    bad = 0
    for name, ctx in (("expected.jsonl", ref.make_context()),
                      ("expected_trusted.jsonl", ref.make_context(anchors, trust_cfg))):
        with open(os.path.join(out, name), encoding="utf-8") as f:
            expected = [json.loads(line) for line in f if line.strip()]
        for exp in expected:
            got = ref.reference_record(os.path.join(out, exp["path"]), ctx, exp["path"], exp["category"])
            diffs = [k for k in ref.FIELDS if k != "ms" and got.get(k) != exp.get(k)]
            if diffs:
                bad += 1
                print(f"{name}: {exp['path']}: differs in {', '.join(diffs)}")
        print(f"{name}: {len(expected)} records checked")
    return 1 if bad else 0


def check_intent(sample: dict, rec: dict, trusted: bool) -> list[str]:
    problems = []
    want = sample["intent_state_trusted" if trusted else "intent_state_default"]
    got = ref.contract_state(rec)
    if got != want:
        problems.append(f"state {got} != intended {want}")
    for code in sample["intent_failure_codes"]:
        if code not in rec["failure_codes"]:
            problems.append(f"missing failure {code} (got {rec['failure_codes']})")
    dst = sample["intent_digital_source_type"]
    if (rec["digital_source_types"] or [None])[0] != dst and rec["has_manifest"]:
        problems.append(f"digital source type {rec['digital_source_types']} != {dst}")
    if rec["ai_generated"] != sample["intent_ai_generated"] and rec["has_manifest"]:
        problems.append(f"ai_generated {rec['ai_generated']} != {sample['intent_ai_generated']}")
    return problems


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Make Samples/c2pa: signed samples + reference verdicts.")
    ap.add_argument("--out", default=DEFAULT_OUT, help="output folder (default: %(default)s)")
    ap.add_argument("--pki", default=None, help="PKI folder from make_pki.py (default: OUT/pki)")
    ap.add_argument("--seed", default=make_pki.DEFAULT_SEED,
                    help="the seed make_pki.py used (re-derives the intermediate CA key for the expired case)")
    ap.add_argument("--verify-only", action="store_true",
                    help="write nothing: re-read the committed samples and compare with expected*.jsonl")
    args = ap.parse_args(argv)
    out = args.out
    pki = args.pki or os.path.join(out, "pki")
    if not os.path.exists(os.path.join(pki, "es256.chain.pem")):
        sys.exit(f"no PKI in {pki}: run scripts/c2pa/make_pki.py first")
    if args.verify_only:
        return verify_only(out, pki)
    os.makedirs(out, exist_ok=True)

    samples = build_samples(pki, args.seed)
    for s in samples:
        if len(s["data"]) > MAX_BYTES:
            sys.exit(f"{s['file']} is {len(s['data'])} bytes (limit {MAX_BYTES})")
        with open(os.path.join(out, s["file"]), "wb") as f:
            f.write(s["data"])

    anchors = ref.load_text(os.path.join(pki, "trust_anchors.pem"))
    trust_cfg = ref.load_text(os.path.join(pki, "trust_config.cfg"))
    runs = [("expected.jsonl", ref.make_context(), False),
            ("expected_trusted.jsonl", ref.make_context(anchors, trust_cfg), True)]
    problems = []
    records = {}
    for name, ctx, trusted in runs:
        lines = []
        for s in samples:
            rec = ref.reference_record(os.path.join(out, s["file"]), ctx, s["file"], s["category"])
            lines.append(ref.dumps(rec))
            records[(s["file"], trusted)] = rec
            problems += [f"{s['file']} ({'trusted' if trusted else 'default'}): {p}"
                         for p in check_intent(s, rec, trusted)]
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")

    with open(os.path.join(out, "samples.jsonl"), "w", encoding="utf-8") as f:
        for s in samples:
            f.write(json.dumps({k: v for k, v in s.items() if k != "data"}) + "\n")

    print(f"c2pa-python {ref.versions()['c2pa-python']} (c2pa-rs {ref.versions()['c2pa-rs']})")
    print(f"{'file':28} {'bytes':>6}  {'default':8} {'trusted':8} failures (default run)")
    for s in samples:
        d, t = records[(s["file"], False)], records[(s["file"], True)]
        print(f"{s['file']:28} {len(s['data']):6}  {ref.contract_state(d):8} {ref.contract_state(t):8} "
              f"{','.join(d['failure_codes'])}")
    if problems:
        print("\nreference verdicts differ from the intents:", file=sys.stderr)
        for p in problems:
            print("  " + p, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
