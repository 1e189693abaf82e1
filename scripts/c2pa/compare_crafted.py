#!/usr/bin/env python3
"""Puts the reference's verdict (c2pa-python) beside Provenant's on the fixtures the tests craft.

    python3 scripts/c2pa/compare_crafted.py [--folder DIR] [--no-export] [--markdown]

Needs: c2pa-python 0.38.x, and the test build (`swift build --build-tests`).

1. Runs `swift test --skip-build --filter StatusCodeCoverageTests/exportFixtures` with
   PROVENANT_EXPORT_FIXTURES=DIR: the suite writes each crafted fixture (one per status code, plus
   the update-manifest variants) and `ours.jsonl`, this verifier's verdict without trust anchors.
2. Reads every fixture with the reference (no anchors, the offline settings of
   ../shared/c2pa/README.md) and prints, per fixture, both states, whether the fixture's code is among
   each side's failures (active manifest, ingredient deltas, or the read error), and the failure
   codes that differ. `--markdown` prints the table for docs/c2pa-conformance.md.
Exit status 0 always: the differences are findings to record, not a test.
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

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def export(folder: str) -> None:
    env = dict(os.environ, PROVENANT_EXPORT_FIXTURES=folder)
    cmd = ["swift", "test", "--skip-build", "--filter", "StatusCodeCoverageTests/exportFixtures"]
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0 or not os.path.exists(os.path.join(folder, "ours.jsonl")):
        sys.stderr.write(done.stdout[-4000:] + done.stderr[-4000:])
        sys.exit("export failed: " + " ".join(cmd))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folder", help="where the fixtures go (default: a new temporary folder)")
    ap.add_argument("--no-export", action="store_true", help="reuse the fixtures already in --folder")
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = ap.parse_args(argv)
    folder = args.folder or tempfile.mkdtemp(prefix="provenant-crafted-")
    if not args.no_export:
        export(folder)
    ctx = ref.make_context(None, None)
    rows = []
    with open(os.path.join(folder, "ours.jsonl"), encoding="utf-8") as handle:
        for line in handle:
            ours = json.loads(line)
            rec = ref.reference_record(os.path.join(folder, ours["file"]), ctx)
            theirs_state = ref.contract_state(rec)
            theirs_codes = set(rec["failure_codes"]) | set(rec["ingredient_failure_codes"])
            if theirs_state == "error":
                theirs_codes.add("error: " + (rec.get("error") or "")[:80])
            our_codes = set(ours["failures"]) | set(ours["ingredient_failures"])
            code = ours["code"]
            rows.append({
                "fixture": ours["file"], "code": code,
                "ours": ours["state"] + ("" if ours["state"] != "error" else f" ({ours['error_code']})"),
                "reference": theirs_state,
                "ours_has": (code in our_codes) if code else None,
                "reference_has": (code in theirs_codes or any(code in c for c in theirs_codes)) if code else None,
                "only_ours": sorted(our_codes - theirs_codes - {"signingCredential.untrusted"}),
                "only_reference": sorted(theirs_codes - our_codes - {"signingCredential.untrusted"}),
            })
    if args.markdown:
        print("| fixture | Provenant | reference | code in ours / reference | codes only ours | codes only reference |")
        print("| --- | --- | --- | --- | --- | --- |")
        for r in rows:
            has = "—" if r["ours_has"] is None else f"{'yes' if r['ours_has'] else 'no'} / {'yes' if r['reference_has'] else 'no'}"
            print(f"| `{r['fixture']}` | {r['ours']} | {r['reference']} | {has} | "
                  f"{', '.join(r['only_ours']) or '—'} | {', '.join(r['only_reference']) or '—'} |")
    else:
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
    agree = sum(1 for r in rows if r["ours"].split(" ")[0] == r["reference"])
    print(f"# {agree}/{len(rows)} states agree; fixtures in {folder}; reference {ref.versions()}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
