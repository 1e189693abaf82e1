#!/usr/bin/env bash
# Measures what the hostile files of docs/limits.md cost `provenant check` (and `verify` for the C2PA
# stores): CPU seconds (user + system, which a busy shared machine does not inflate the way it does
# wall time), wall seconds, peak RSS and the result, for one or two builds side by side.
#
# Usage:  scripts/limits-cost.sh [OUT_DIR]   (default .build/limits-cost, relative to the repository)
#   AFTER=path/to/provenant   the build to measure (default .build/release/provenant, else .build/debug/provenant)
#   BEFORE=path/to/provenant  optional older build measured on the same files in the same run
#   TIMEOUT=seconds           per command (default 300)
#   SECTIONS="hostile c2pa ordinary scan"  which tables to measure; HOSTILE="a.png b.jpg" which hostile files
# To build a "before" binary from an older commit:
#   git worktree add ../provenant-before <commit> && (cd ../provenant-before && swift build --product provenant)
#
# Needs Python 3 with Pillow (scripts/limits/make_hostile.py) and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-.build/limits-cost}
TIMEOUT=${TIMEOUT:-300}
if [[ -z "${AFTER:-}" ]]; then
    AFTER=.build/release/provenant
    [[ -x $AFTER ]] || AFTER=.build/debug/provenant
fi
MODEL=${MODEL:-Models/provenant-detector-v1.json}
python3 scripts/limits/make_hostile.py "$OUT/files" >&2

# run LABEL BINARY ARGS... : prints one Markdown row.
run() {
    local label=$1 binary=$2
    shift 2
    local timing=$OUT/time.txt result=$OUT/result.json
    set +e
    /usr/bin/time -o "$timing" -f "%U %S %e %M" timeout "$TIMEOUT" "$binary" "$@" --format json --jobs 1 >"$result" 2>/dev/null
    local status=$?
    set -e
    # GNU time writes "Command exited with non-zero status N" first when the command fails.
    read -r user system wall rss < <(tail -n 1 "$timing") || true
    local outcome
    outcome=$(python3 - "$result" "$status" <<'EOF'
import json, sys
path, status = sys.argv[1], int(sys.argv[2])
if status == 124:
    print("timed out"); sys.exit()
try:
    report = json.load(open(path))
    report = report[0] if isinstance(report, list) else report
except Exception:
    print("exit %d, no report" % status); sys.exit()
c2pa = (report.get("provenance") or {}).get("c2pa") or {}
if report.get("error"):
    print("`%s`" % report["error"]["code"])
elif c2pa.get("error_code"):
    print("c2pa `%s`" % c2pa["error_code"])
elif report.get("verdict"):
    print("verdict %s (%.2f)" % (report["verdict"], report["ai_probability"]))
else:
    print("c2pa %s, %d manifests" % (c2pa.get("state"), c2pa.get("manifest_count") or 0))
EOF
)
    printf '| %s | %s | %.2f | %.2f | %d | %s |\n' "$label" "$(basename "$binary")" "$(echo "$user + $system" | bc)" "$wall" $((rss / 1024)) "$outcome"
}

SECTIONS=${SECTIONS:-"hostile c2pa ordinary scan"}
echo "| file | build | CPU s | wall s | peak RSS MB | result |"
echo "| --- | --- | ---: | ---: | ---: | --- |"
HOSTILE=${HOSTILE:-"png-bomb-1mb.png png-bomb-8mb.png png-bomb-20mb.png png-interlaced-10k.png png-interlaced-rgba-10k.png
    jpeg-progressive-100mp.jpg jpeg-scans-5mp.jpg jpeg-content-free-100mp.jpg"}
[[ $SECTIONS == *hostile* ]] && for file in $HOSTILE; do
    for binary in ${BEFORE:-} $AFTER; do
        run "$file" "$binary" check --model "$MODEL" "$OUT/files/$file"
    done
done
[[ $SECTIONS == *c2pa* ]] && for copies in 1000 2000 4000; do
    file=c2pa-manifests-$copies.jpg
    for binary in ${BEFORE:-} $AFTER; do
        run "$file" "$binary" verify "$OUT/files/$file"
    done
    # The same store with the cap lifted: the verifier's own cost per manifest.
    run "$file (--max-manifests 100000)" "$AFTER" verify --max-manifests 100000 "$OUT/files/$file"
done

# Ordinary files: the cost per decoded pixel of the whole `check` pipeline (after build only).
[[ $SECTIONS == *ordinary* ]] && for file in ordinary-6mp.jpg ordinary-24mp.jpg ordinary-96mp.jpg ordinary-24mp.png; do
    run "$file" "$AFTER" check --model "$MODEL" "$OUT/files/$file"
done

# A scan of every hostile file with two jobs: its peak memory against the largest single file's.
if [[ $SECTIONS == *scan* ]]; then
    mkdir -p "$OUT/scan"
    for file in png-bomb-20mb.png png-interlaced-rgba-10k.png jpeg-progressive-100mp.jpg jpeg-scans-5mp.jpg \
        jpeg-content-free-100mp.jpg ordinary-96mp.jpg ordinary-24mp.png; do
        ln -f "$OUT/files/$file" "$OUT/scan/$file"
    done
    /usr/bin/time -o "$OUT/time.txt" -f "%U %S %e %M" timeout "$TIMEOUT" "$AFTER" scan "$OUT/scan" --jobs 2 \
        --model "$MODEL" --output "$OUT/scan.jsonl" >/dev/null 2>&1 || true
    read -r user system wall rss < <(tail -n 1 "$OUT/time.txt")
    printf '| scan of 7 files, --jobs 2 | %s | %.2f | %.2f | %d | %s |\n' "$(basename "$AFTER")" \
        "$(echo "$user + $system" | bc)" "$wall" $((rss / 1024)) "$(wc -l <"$OUT/scan.jsonl") reports"
fi
