#!/usr/bin/env python3
"""Differential check of `provenant verify` against the reference (c2pa-python / c2pa-rs) on mutated stores.

    python3 scripts/c2pa/differential.py PROVENANT_BINARY [--out FOLDER] [--trusted] [--json REPORT.json]

Takes the project's own signed samples (Samples/c2pa, JPEG APP11 and PNG caBX), mutates their C2PA store at
the JUMBF/manifest level, writes each mutant to FOLDER (default: a temporary folder), and verifies every
mutant with both tools:

* byte flips in every box header (LBox, TBox, description label) and in the middle of every content box;
* structure: each assertion dropped and duplicated, the claim, the signature or the whole assertion store
  dropped, the manifest duplicated, two manifests swapped, the store truncated at several points;
* hashes: one byte of every `hash` value inside the claim's assertion references and inside the data-hash
  assertion flipped (found in the CBOR), the data hash's exclusion start and length shifted by one;
* signatures: the claim signature box swapped with another sample's.

It prints every case where Provenant is **more permissive** than the reference (Provenant `valid` or
`trusted` where the reference says `invalid` or cannot read the store) and every case where Provenant
says `absent` while the reference saw a manifest. With `--trusted` both run with the samples' test PKI as
trust anchors. Needs c2pa-python 0.38.x.
"""
from __future__ import annotations

import argparse
import json
import os
import struct
import subprocess
import sys
import tempfile
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from c2pa_reference import contract_state, make_context, reference_record  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMPLES = os.path.join(ROOT, "Samples", "c2pa")
VALID_SAMPLES = ["a_camera_es256.jpg", "a_camera_claimv1_es256.jpg", "b_ai_es256.jpg", "b_ai_es256.png",
                 "c_edit_of_camera.jpg", "c_composite_ai.jpg", "h_es384.jpg", "h_ps256.jpg", "h_ed25519.png"]


# --- carriers: the store bytes out of a JPEG or PNG, and back in -------------------------------------------

def jpeg_store(data: bytes) -> tuple[bytes, int, int] | None:
    """(store, start, end): the JUMBF store reassembled from APP11 segments, and the byte range they span."""
    pos, parts, first, last = 2, [], None, None
    while pos + 4 <= len(data) and data[pos] == 0xFF:
        marker = data[pos + 1]
        if marker == 0xDA:
            break
        length = struct.unpack(">H", data[pos + 2:pos + 4])[0]
        body = data[pos + 4:pos + 2 + length]
        if marker == 0xEB and body[:2] == b"JP":
            first = pos if first is None else first
            last = pos + 2 + length
            payload = body[8:]  # JP, box instance (2), sequence (4)
            parts.append(payload if not parts else payload[8:])  # continuations repeat LBox/TBox
        pos += 2 + length
    if not parts:
        return None
    return b"".join(parts), first, last


def jpeg_with_store(data: bytes, store: bytes, start: int, end: int) -> bytes:
    """The store split into APP11 segments again (same box instance number as the original's first one)."""
    header, body = store[:8], store[8:]
    instance = struct.unpack(">H", data[start + 6:start + 8])[0]
    chunk = 65535 - 2 - 8 - 8
    segments, seq = [], 1
    for offset in range(0, max(len(body), 1), chunk):
        payload = b"JP" + struct.pack(">HI", instance, seq) + header + body[offset:offset + chunk]
        segments.append(b"\xff\xeb" + struct.pack(">H", len(payload) + 2) + payload)
        seq += 1
    return data[:start] + b"".join(segments) + data[end:]


def png_store(data: bytes) -> tuple[bytes, int, int] | None:
    pos = 8
    while pos + 12 <= len(data):
        length = struct.unpack(">I", data[pos:pos + 4])[0]
        kind = data[pos + 4:pos + 8]
        if kind == b"caBX":
            return data[pos + 8:pos + 8 + length], pos, pos + 12 + length
        pos += 12 + length
    return None


def png_with_store(data: bytes, store: bytes, start: int, end: int) -> bytes:
    chunk = struct.pack(">I", len(store)) + b"caBX" + store + struct.pack(">I", zlib.crc32(b"caBX" + store) & 0xFFFFFFFF)
    return data[:start] + chunk + data[end:]


# --- JUMBF boxes ---------------------------------------------------------------------------------------

class Box:
    """A box: its type, and either raw content or (for `jumb`) a description box plus children."""

    def __init__(self, kind: bytes, content: bytes = b"", children: list | None = None, offset: int = 0):
        self.kind, self.content, self.children, self.offset = kind, content, children, offset

    @property
    def label(self) -> str:
        if self.kind != b"jumb" or not self.children or self.children[0].kind != b"jumd":
            return ""
        desc = self.children[0].content
        if len(desc) > 17 and desc[16] & 0x02:
            return desc[17:].split(b"\0", 1)[0].decode("utf-8", "replace")
        return ""

    @property
    def type_uuid(self) -> bytes:
        return self.children[0].content[:4] if self.children and self.children[0].kind == b"jumd" else b""

    def serialize(self) -> bytes:
        body = self.content if self.children is None else b"".join(c.serialize() for c in self.children)
        return struct.pack(">I", len(body) + 8) + self.kind + body


def parse_boxes(data: bytes, base: int = 0, depth: int = 0) -> list[Box]:
    boxes, pos = [], 0
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I", data[pos:pos + 4])[0], data[pos + 4:pos + 8]
        header = 8
        if length == 1:
            length, header = struct.unpack(">Q", data[pos + 8:pos + 16])[0], 16
        elif length == 0:
            length = len(data) - pos
        if length < header or pos + length > len(data):
            raise ValueError(f"bad box at {base + pos}")
        content = data[pos + header:pos + length]
        if kind == b"jumb" and depth < 16:
            boxes.append(Box(kind, children=parse_boxes(content, base + pos + header, depth + 1), offset=base + pos))
        else:
            boxes.append(Box(kind, content, offset=base + pos))
        pos += length
    return boxes


def walk(box: Box, path=()):
    yield path, box
    for index, child in enumerate(box.children or []):
        yield from walk(child, path + (index,))


def at(root: Box, path) -> Box:
    for index in path:
        root = root.children[index]
    return root


def clone(box: Box) -> Box:
    return Box(box.kind, box.content, None if box.children is None else [clone(c) for c in box.children], box.offset)


# --- mutations -----------------------------------------------------------------------------------------

def find_hash_values(cbor: bytes) -> list[int]:
    """Offsets of the first byte of every 32/48/64-byte CBOR byte string that follows a text key "hash"."""
    out, key = [], b"\x64hash"
    pos = cbor.find(key)
    while pos >= 0:
        value = pos + len(key)
        if value + 2 <= len(cbor) and cbor[value] == 0x58 and cbor[value + 1] in (32, 48, 64):
            out.append(value + 2)
        pos = cbor.find(key, pos + 1)
    return out


def mutants(store: bytes, other_signatures: list[bytes]):
    """(name, mutated store bytes) pairs."""
    root = parse_boxes(store)[0]
    # Byte flips: in every header and in the middle of every content box.
    for path, box in walk(root):
        offset = box.offset
        yield f"flip LBox {path}", flip(store, offset + 3)
        yield f"flip TBox {path}", flip(store, offset + 5)
        if box.children is None and box.content:
            yield f"flip content middle {path} {box.kind.decode(errors='replace')}", flip(store, offset + 8 + len(box.content) // 2)
        if box.kind == b"jumd" and len(box.content) > 18:
            yield f"flip label {path}", flip(store, offset + 8 + 18)
    manifests = [i for i, m in enumerate(root.children) if m.kind == b"jumb"]
    for mi in manifests:
        manifest = root.children[mi]
        for ci, part in enumerate(manifest.children):
            if part.kind != b"jumb":
                continue
            label = part.label
            if label == "c2pa.assertions":
                for ai, assertion in enumerate(part.children):
                    if assertion.kind != b"jumb":
                        continue
                    copy = clone(root)
                    del at(copy, (mi, ci)).children[ai]
                    yield f"drop assertion {assertion.label} (manifest {mi})", copy.serialize()
                    copy = clone(root)
                    at(copy, (mi, ci)).children.insert(ai, clone(assertion))
                    yield f"duplicate assertion {assertion.label} (manifest {mi})", copy.serialize()
                    if assertion.label.startswith("c2pa.hash.data"):
                        for child in assertion.children[1:]:
                            for h in find_hash_values(child.content):
                                yield f"alter data hash value (manifest {mi})", flip(store, child.offset + 8 + h)
                            yield from exclusion_shifts(store, child, mi)
            if label.startswith("c2pa.claim"):
                for child in part.children[1:]:
                    for n, h in enumerate(find_hash_values(child.content)):
                        yield f"alter claim's assertion hash #{n} (manifest {mi})", flip(store, child.offset + 8 + h)
            copy = clone(root)
            del at(copy, (mi,)).children[ci]
            yield f"drop {label or part.type_uuid} box (manifest {mi})", copy.serialize()
            if label == "c2pa.signature":
                for n, signature in enumerate(other_signatures):
                    copy = clone(root)
                    at(copy, (mi, ci)).children[1:] = [Box(b"cbor", signature)]
                    yield f"swap claim signature with sample #{n} (manifest {mi})", copy.serialize()
        copy = clone(root)
        copy.children.insert(mi, clone(manifest))
        yield f"duplicate manifest {mi}", copy.serialize()
    if len(manifests) >= 2:
        copy = clone(root)
        a, b = manifests[-1], manifests[-2]
        copy.children[a], copy.children[b] = copy.children[b], copy.children[a]
        yield "swap the last two manifests (another active manifest)", copy.serialize()
    for fraction in (0.25, 0.5, 0.9, 0.99):
        cut = max(9, int(len(store) * fraction))
        yield f"truncate store at {int(fraction * 100)}% (LBox kept)", store[:cut]
        yield f"truncate store at {int(fraction * 100)}% (LBox fixed)", struct.pack(">I", cut) + store[4:cut]


def exclusion_shifts(store: bytes, box: Box, mi: int):
    """The data-hash assertion's first exclusion `start` and `length` moved by one (CBOR uint values)."""
    for key in (b"\x65start", b"\x66length"):
        pos = box.content.find(key)
        if pos < 0:
            continue
        value = pos + len(key)
        head = box.content[value]
        size = {0x19: 2, 0x1A: 4}.get(head)
        if size is None:
            continue
        absolute = box.offset + 8 + value + size  # last byte of the integer
        yield f"data hash exclusion {key[1:].decode()} +1 (manifest {mi})", bump(store, absolute)


def flip(data: bytes, index: int) -> bytes:
    if index >= len(data):
        return data
    return data[:index] + bytes([data[index] ^ 0x01]) + data[index + 1:]


def bump(data: bytes, index: int) -> bytes:
    return data[:index] + bytes([(data[index] + 1) & 0xFF]) + data[index + 1:]


def signature_of(store: bytes) -> bytes | None:
    root = parse_boxes(store)[0]
    manifest = [m for m in root.children if m.kind == b"jumb"][-1]
    for part in manifest.children:
        if part.kind == b"jumb" and part.label == "c2pa.signature":
            return part.children[1].content
    return None


# --- running both verifiers ----------------------------------------------------------------------------

def provenant_states(binary: str, paths: list[str], trust: list[str]) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for start in range(0, len(paths), 200):
        batch = paths[start:start + 200]
        run = subprocess.run([binary, "verify", "--format", "jsonl", "--jobs", "1", *trust, *batch],
                             capture_output=True, text=True, timeout=600)
        for line in run.stdout.splitlines():
            report = json.loads(line)
            c2pa = ((report.get("provenance") or {}).get("c2pa")) or {}
            out[report["path"]] = {"state": c2pa.get("state") or ("error" if report.get("error") else "absent"),
                                   "failures": c2pa.get("failures") or [], "error": report.get("error")}
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("binary")
    parser.add_argument("--out")
    parser.add_argument("--trusted", action="store_true")
    parser.add_argument("--json")
    args = parser.parse_args()
    out = args.out or tempfile.mkdtemp(prefix="c2pa-differential-")
    os.makedirs(out, exist_ok=True)
    pki = os.path.join(SAMPLES, "pki")
    anchors, config = os.path.join(pki, "trust_anchors.pem"), os.path.join(pki, "trust_config.cfg")
    trust = ["--trust-anchors", anchors, "--trust-config", config] if args.trusted else []
    context = make_context(open(anchors).read(), open(config).read()) if args.trusted else make_context()

    carriers = {}
    for name in VALID_SAMPLES:
        data = open(os.path.join(SAMPLES, name), "rb").read()
        found = jpeg_store(data) if name.endswith(".jpg") else png_store(data)
        if found:
            carriers[name] = (data, *found)
    signatures = [s for s in (signature_of(store) for _, store, _, _ in carriers.values()) if s]

    cases: list[tuple[str, str, str]] = []  # (file, sample, mutation)
    for name, (data, store, start, end) in carriers.items():
        rewrap = jpeg_with_store if name.endswith(".jpg") else png_with_store
        others = [s for s in signatures if s != signature_of(store)][:2]
        for index, (mutation, mutated) in enumerate(mutants(store, others)):
            if mutated == store:
                continue
            path = os.path.join(out, f"{os.path.splitext(name)[0]}-m{index:03d}{os.path.splitext(name)[1]}")
            with open(path, "wb") as f:
                f.write(rewrap(data, mutated, start, end))
            cases.append((path, name, mutation))

    ours = provenant_states(args.binary, [c[0] for c in cases], trust)
    permissive, softer, rows = [], [], []
    for path, sample, mutation in cases:
        reference = reference_record(path, context)
        ref_state = contract_state(reference)
        mine = ours.get(path, {"state": "missing", "failures": []})
        row = {"sample": sample, "mutation": mutation, "file": os.path.basename(path), "provenant": mine["state"],
               "provenant_failures": mine["failures"], "reference": ref_state,
               "reference_failures": [c for c in reference.get("failure_codes") or [] if c != "signingCredential.untrusted"],
               "reference_error": reference.get("error")}
        rows.append(row)
        if mine["state"] in ("valid", "trusted") and ref_state not in ("valid", "trusted"):
            permissive.append(row)
        elif mine["state"] == "trusted" and ref_state == "valid":
            permissive.append(row)
        elif mine["state"] == "absent" and ref_state in ("invalid", "error"):
            softer.append(row)

    states: dict[tuple[str, str], int] = {}
    for row in rows:
        states[(row["provenant"], row["reference"])] = states.get((row["provenant"], row["reference"]), 0) + 1
    print(f"{len(rows)} mutants of {len(carriers)} samples ({'trusted' if args.trusted else 'no trust anchors'}); files in {out}")
    print("provenant state × reference state: " + ", ".join(f"{p}/{r} {n}" for (p, r), n in sorted(states.items())))
    print(f"more permissive than the reference: {len(permissive)}")
    for row in permissive:
        print(f"  {row['file']} ({row['sample']}: {row['mutation']}): provenant {row['provenant']}, "
              f"reference {row['reference']} {row['reference_failures'] or row['reference_error']}")
    print(f"provenant says absent, the reference saw a broken manifest: {len(softer)}")
    for row in softer:
        print(f"  {row['file']} ({row['sample']}: {row['mutation']}): reference {row['reference']} "
              f"{row['reference_failures'] or row['reference_error']}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=1)
    return 1 if permissive else 0


if __name__ == "__main__":
    sys.exit(main())
