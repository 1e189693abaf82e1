#!/usr/bin/env bash
# Builds the libFuzzer targets of Fuzz/ (AddressSanitizer + coverage), runs each for a given time on a
# corpus seeded from the repository's own files, minimises every finding, and prints executions and
# coverage per target. Exits non-zero when a target crashed, timed out or ran out of memory.
#
# usage: scripts/fuzz.sh [-t SECONDS] [-n RUNS] [-m] [-x EXTRA_SEED_DIR] [TARGET ...]
#   -t SECONDS  fuzzing time per target (default 30)
#   -n RUNS     also stop a target after this many executions (for example 10000000)
#   -m          after fuzzing, merge the corpus into a minimal one (-merge=1) that keeps all coverage
#   -x DIR      extra whole-file seeds (for example ../shared/data/robustness), used locally only
#   TARGET      fuzz target names (default: all, see Fuzz/Package.swift)
# Environment: FUZZ_WORK (default .build-fuzz-work) holds corpora, findings and logs between runs;
#   FUZZ_SKIP_BUILD=1 reuses the binaries already built; FUZZ_MAX_LEN caps generated inputs (default 64 KiB);
#   FUZZ_TIMEOUT is libFuzzer's per-input time limit in seconds (default 10).
# Findings are written to $FUZZ_WORK/findings/<target>/ (crash-*, timeout-*, oom-*, and *.min minimised).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=30 runs=-1 merge=0 extra=()
while getopts "t:n:mx:" option; do
    case $option in
        t) seconds=$OPTARG ;;
        n) runs=$OPTARG ;;
        m) merge=1 ;;
        x) extra+=("$OPTARG") ;;
        *) sed -n '2,16p' "$0"; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
all_targets=(FuzzInflate FuzzJPEGContainer FuzzPNGContainer FuzzEXIF FuzzXMP FuzzJUMBF FuzzCBOR FuzzCOSE FuzzX509
    FuzzC2PAStore FuzzDecoders FuzzAnalyzer)
targets=("${@:-${all_targets[@]}}")

work=${FUZZ_WORK:-.build-fuzz-work}
mkdir -p "$work"
work=$(cd "$work" && pwd)

# SwiftPM hands swiftc `-sanitize=fuzzer -sanitize=address` as two options, and swiftc keeps only the
# last, so Swift code would get no coverage instrumentation; the coverage flags of libFuzzer are added
# explicitly (C targets are instrumented by clang, which accumulates both options).
build=(swift build --package-path Fuzz -c release --sanitize fuzzer --sanitize address
    -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table)
if [ "${FUZZ_SKIP_BUILD:-0}" != 1 ]; then
    # Builds every fuzz product at once (the shared modules compile once).
    "${build[@]}"
fi
bin=$("${build[@]}" --show-bin-path)

rm -rf "$work/seeds"
python3 scripts/fuzz_seeds.py "$work/seeds" "${extra[@]}" >/dev/null

# Leaks are checked by the sanitizer test job (docs/fuzzing.md); under libFuzzer the process-wide caches
# of the Swift runtime and Foundation would be reported as leaks of a single input.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1}

failed=0
printf '%-18s %12s %8s %8s %10s  %s\n' target executions cov ft corpus result >"$work/summary.txt"
for target in "${targets[@]}"; do
    corpus="$work/corpus/$target" findings="$work/findings/$target" log="$work/logs/$target.log"
    mkdir -p "$corpus" "$findings" "$(dirname "$log")" "$work/seeds/$target"
    status=0
    "$bin/$target" "$corpus" "$work/seeds/$target" -max_total_time="$seconds" -runs="$runs" -timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb=2048 \
        -max_len="${FUZZ_MAX_LEN:-65536}" -print_final_stats=1 -artifact_prefix="$findings/" >"$log" 2>&1 || status=$?
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    coverage=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -1 || true)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$coverage")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$coverage")
    result=ok
    if [ "$status" -ne 0 ]; then
        result="FAILED (exit $status, log $log)"
        failed=1
        for artifact in "$findings"/crash-* "$findings"/timeout-* "$findings"/oom-* "$findings"/leak-*; do
            [ -e "$artifact" ] && [[ $artifact != *.min ]] || continue
            "$bin/$target" "$artifact" -minimize_crash=1 -max_total_time=60 -timeout=10 \
                -exact_artifact_path="$artifact.min" >"$artifact.minimize.log" 2>&1 || true
            echo "finding: $artifact ($( [ -e "$artifact.min" ] && wc -c <"$artifact.min" || wc -c <"$artifact") bytes minimised)"
        done
        grep -m1 -E 'ERROR: (AddressSanitizer|libFuzzer)|Fatal error|SUMMARY' "$log" || true
    fi
    if [ "$merge" = 1 ]; then
        rm -rf "$corpus.merged" && mkdir -p "$corpus.merged"
        "$bin/$target" -merge=1 "$corpus.merged" "$corpus" "$work/seeds/$target" -timeout=10 >"$log.merge" 2>&1 \
            && rm -rf "$corpus" && mv "$corpus.merged" "$corpus"
    fi
    printf '%-18s %12s %8s %8s %10s  %s\n' "$target" "${executions:-0}" "${cov:-?}" "${ft:-?}" \
        "$(find "$corpus" -type f | wc -l)" "$result" | tee -a "$work/summary.txt"
done
echo "summary: $work/summary.txt"
exit "$failed"
