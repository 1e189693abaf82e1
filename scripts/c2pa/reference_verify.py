#!/usr/bin/env python3
"""The reference verifier (c2pa-python) behind the `provenant verify --format jsonl` contract.

    python3 scripts/c2pa/reference_verify.py [--trust-anchors PEM] [--trust-config CFG] FILE...

Needs: c2pa-python 0.38.x (pip install c2pa-python==0.38.1).

Prints one JSON line per file in the `verify` JSON contract of issue 3
({"path", "provenance": {"c2pa": {"state", "failures", "successes",
"digital_source_type", "signer", "claim_generator"}}, "error"}), computed from
c2pa-python's Reader with the offline settings of ../shared/c2pa/README.md.
Uses: a like-for-like process to time next to `provenant verify` in
bench_reference.py (--compare-cmd "python3 scripts/c2pa/reference_verify.py
{trust_args} {files}"), and a sanity check of the scorer
(../shared/tools/score_c2pa.py scores this output 1.000 against the expected files).
"""
from __future__ import annotations

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import c2pa_reference as ref  # exits with an install hint when c2pa-python is missing

IPTC = "http://cv.iptc.org/newscodes/digitalsourcetype/"


def contract_line(path: str, rec: dict) -> dict:
    state = ref.contract_state(rec)
    error = None
    if state == "error":
        error = {"code": rec.get("error_type") or "error", "message": rec.get("error") or ""}
    dst = rec["digital_source_types"][0] if rec["digital_source_types"] else None
    generator = rec.get("claim_generator") or (rec["claim_generators"][0] if rec["claim_generators"] else None)
    return {"path": path, "provenance": {"c2pa": {
        "state": state, "failures": rec["failure_codes"], "successes": rec["success_codes"],
        "digital_source_type": (IPTC + dst) if dst else None,
        "signer": rec.get("signer_common_name"), "claim_generator": generator}}, "error": error}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="c2pa-python verdicts in the provenant verify JSONL contract.")
    ap.add_argument("files", nargs="+")
    ap.add_argument("--trust-anchors", help="PEM bundle of trust anchors")
    ap.add_argument("--trust-config", help="accepted EKU OIDs, one per line, // comments")
    ap.add_argument("--format", default="jsonl", choices=["jsonl"], help="only jsonl")
    args = ap.parse_args(argv)
    ctx = ref.make_context(ref.load_text(args.trust_anchors), ref.load_text(args.trust_config))
    out = sys.stdout
    for path in args.files:
        try:
            rec = ref.reference_record(path, ctx)
            line = contract_line(path, rec)
        except OSError as exc:
            line = {"path": path, "provenance": None, "error": {"code": "ioError", "message": str(exc)}}
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
