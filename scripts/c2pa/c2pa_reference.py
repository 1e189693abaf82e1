"""Reference C2PA verdicts from c2pa-python (shared by make_samples.py and bench_reference.py).

Needs: c2pa-python 0.38.x (pip install c2pa-python==0.38.1).

`reference_record(path, context)` reads one file with `c2pa.Reader.try_create`
and returns the record format of ../shared/c2pa/expected.jsonl (same field
names and meanings; see that folder's README, "Expected results").
"""
from __future__ import annotations

import json
import os
import re
import sys
import time

try:
    import c2pa
except ImportError:  # pragma: no cover - tooling message
    sys.exit("this script needs c2pa-python 0.38.x: pip install c2pa-python==0.38.1")

# Digital source types that mean "made (in part) by a trained model".
AI_SOURCE_TYPES = {"trainedAlgorithmicMedia", "compositeWithTrainedAlgorithmicMedia", "compositeSynthetic"}

FIELDS = [
    "path", "category", "format", "bytes", "has_manifest", "embedded", "remote_url",
    "active_manifest", "manifest_count", "claim_version", "claim_generator", "claim_generators",
    "title", "signer_issuer", "signer_common_name", "cert_serial", "signing_alg", "signing_time",
    "validation_state", "failure_codes", "success_codes", "informational_codes", "status_codes",
    "ingredient_failure_codes", "actions", "digital_source_types", "digital_source_types_history",
    "ai_generated", "ai_in_history", "ingredient_count", "ingredients", "error", "error_type", "ms",
]


def make_context(anchors_pem: str | None = None, trust_config: str | None = None):
    """A Reader context: offline (no remote manifests, no OCSP), optional trust settings."""
    settings: dict = {"verify": {"remote_manifest_fetch": False, "ocsp_fetch": False}}
    if anchors_pem is not None or trust_config is not None:
        trust: dict = {}
        if anchors_pem is not None:
            trust["trust_anchors"] = anchors_pem
        if trust_config is not None:
            trust["trust_config"] = trust_config
        settings["trust"] = trust
    return c2pa.Context.from_dict(settings)


def sniff_format(data: bytes) -> str | None:
    if data[:3] == b"\xff\xd8\xff":
        return "jpeg"
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return "png"
    return None


def _unique(seq):
    out = []
    for item in seq:
        if item not in out:
            out.append(item)
    return out


def _codes(entries) -> list[str]:
    return _unique([e.get("code") for e in entries or [] if isinstance(e, dict) and e.get("code")])


def _short_dst(value) -> str | None:
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not value:
        return None
    return re.split(r"[/#]", value.rstrip("/"))[-1]


def _find_namespaced_dst(obj, out: list) -> None:
    """Vendor keys such as parameters."com.adobe.digitalSourceType"."""
    if isinstance(obj, dict):
        for key, value in obj.items():
            if key.endswith(".digitalSourceType") and isinstance(value, str):
                out.append(value)
            else:
                _find_namespaced_dst(value, out)
    elif isinstance(obj, list):
        for value in obj:
            _find_namespaced_dst(value, out)


def _manifest_actions(manifest: dict) -> tuple[list[str], list[str]]:
    """(action names, short digital source types) of one manifest's actions assertions."""
    names, dsts = [], []
    for assertion in manifest.get("assertions") or []:
        label = assertion.get("label", "")
        if not re.fullmatch(r"c2pa\.actions(\.v2)?(__\d+)?", label):
            continue
        for action in (assertion.get("data") or {}).get("actions") or []:
            if not isinstance(action, dict):
                continue
            if action.get("action"):
                names.append(action["action"])
            raw = []
            if "digitalSourceType" in action:
                raw.append(action["digitalSourceType"])
            _find_namespaced_dst(action.get("parameters"), raw)
            for value in raw:
                short = _short_dst(value)
                if short:
                    dsts.append(short)
    return _unique(names), _unique(dsts)


def empty_record(path: str, category: str | None, data: bytes) -> dict:
    rec = {name: None for name in FIELDS}
    rec.update(path=path, category=category, format=sniff_format(data), bytes=len(data),
               has_manifest=False, manifest_count=0, claim_generators=[], failure_codes=[],
               success_codes=[], informational_codes=[], status_codes=[],
               ingredient_failure_codes=[], actions=[], digital_source_types=[],
               digital_source_types_history=[], ai_generated=False, ai_in_history=False,
               ingredient_count=0, ingredients=[])
    return rec


def fill_from_store(rec: dict, store: dict) -> None:
    manifests = store.get("manifests") or {}
    active_label = store.get("active_manifest")
    active = manifests.get(active_label) or {}
    rec["active_manifest"] = active_label
    rec["manifest_count"] = len(manifests)
    rec["claim_version"] = active.get("claim_version")
    rec["claim_generator"] = active.get("claim_generator")
    rec["claim_generators"] = [g.get("name") for g in active.get("claim_generator_info") or []
                               if isinstance(g, dict) and g.get("name")]
    rec["title"] = active.get("title")
    sig = active.get("signature_info") or {}
    rec["signer_issuer"] = sig.get("issuer")
    rec["signer_common_name"] = sig.get("common_name")
    rec["cert_serial"] = sig.get("cert_serial_number")
    rec["signing_alg"] = sig["alg"].lower() if isinstance(sig.get("alg"), str) else None
    rec["signing_time"] = sig.get("time")
    rec["validation_state"] = store.get("validation_state")

    results = store.get("validation_results") or {}
    am = results.get("activeManifest") or {}
    rec["failure_codes"] = _codes(am.get("failure"))
    rec["success_codes"] = _codes(am.get("success"))
    rec["informational_codes"] = _codes(am.get("informational"))
    rec["status_codes"] = _codes(store.get("validation_status"))
    ingredient_failures = []
    for delta in results.get("ingredientDeltas") or []:
        ingredient_failures += _codes(((delta or {}).get("validationDeltas") or {}).get("failure"))
    rec["ingredient_failure_codes"] = _unique(ingredient_failures)

    names, dsts = _manifest_actions(active)
    rec["actions"] = names
    rec["digital_source_types"] = dsts
    others = set()
    for label, manifest in manifests.items():
        if label != active_label:
            others.update(_manifest_actions(manifest)[1])
    # the active manifest's values first, then the other manifests' values sorted
    # (the library's manifest order varies between runs; the order is not significant)
    rec["digital_source_types_history"] = _unique(list(dsts) + sorted(others))
    rec["ai_generated"] = any(d in AI_SOURCE_TYPES for d in dsts)
    rec["ai_in_history"] = any(d in AI_SOURCE_TYPES for d in rec["digital_source_types_history"])

    ingredients = active.get("ingredients") or []
    rec["ingredient_count"] = len(ingredients)
    rec["ingredients"] = []
    for ing in ingredients:
        vr = (ing.get("validation_results") or {}).get("activeManifest") or {}
        failures = _codes(vr.get("failure")) if vr else _codes(ing.get("validation_status"))
        rec["ingredients"].append({
            "title": ing.get("title"),
            "relationship": ing.get("relationship"),
            "has_manifest": bool(ing.get("active_manifest")),
            "failure_codes": failures,
        })


def reference_record(path: str, context, rel_path: str | None = None,
                     category: str | None = None) -> dict:
    """Read `path` with c2pa-python and return one expected.jsonl record (ms = this read)."""
    with open(path, "rb") as f:
        data = f.read()
    rec = empty_record(rel_path or path, category, data)
    start = time.perf_counter()
    try:
        reader = c2pa.Reader.try_create(path, None, None, context)
        if reader is not None:
            with reader:
                store = json.loads(reader.json())
                embedded = reader.is_embedded()
                remote = reader.get_remote_url()
            rec["has_manifest"] = True
            rec["embedded"] = embedded
            rec["remote_url"] = remote
            fill_from_store(rec, store)
    except c2pa.C2paError as exc:
        message = str(exc)
        rec["has_manifest"] = True
        rec["error"] = message
        rec["error_type"] = message.split(":", 1)[0].strip() if ":" in message else type(exc).__name__
        match = re.match(r"Remote: must fetch remote manifests from url (\S+)", message)
        if match:
            rec["embedded"] = False
            rec["remote_url"] = match.group(1)
    rec["ms"] = round((time.perf_counter() - start) * 1000, 3)
    return rec


def contract_state(rec: dict) -> str:
    """The `verify` contract state of a reference record (see ../shared/c2pa/README.md)."""
    if rec.get("error") or rec.get("error_type"):
        return "error"
    if not rec.get("has_manifest"):
        return "absent"
    state = rec.get("validation_state")
    return {"Valid": "valid", "Trusted": "trusted", "Invalid": "invalid"}.get(state, "error")


def versions() -> dict:
    return {"c2pa-python": getattr(c2pa, "__version__", "unknown"), "c2pa-rs": c2pa.sdk_version(),
            "python": sys.version.split()[0]}


def dumps(rec: dict) -> str:
    return json.dumps({k: rec.get(k) for k in FIELDS}, ensure_ascii=False)


def load_text(path: str | None) -> str | None:
    if path is None:
        return None
    with open(path, encoding="utf-8") as f:
        return f.read()


def list_images(folder: str) -> list[str]:
    """Relative paths of every JPEG/PNG below `folder`, sorted."""
    out = []
    for root, _dirs, files in os.walk(folder):
        for name in files:
            if name.lower().endswith((".jpg", ".jpeg", ".png")):
                out.append(os.path.relpath(os.path.join(root, name), folder))
    return sorted(out)
