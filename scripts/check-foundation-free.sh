#!/usr/bin/env bash
# Fails when a Foundation-free module imports Foundation (or one of its parts: FoundationEssentials,
# FoundationInternationalization, FoundationNetworking, FoundationXML: any module named Foundation*),
# in any import form:
# `import Foundation`, `public import Foundation`, `@preconcurrency import struct Foundation.Data`, ...
# Usage: scripts/check-foundation-free.sh [module ...]   (default: ByteParsing ImageContainers)
set -euo pipefail
cd "$(dirname "$0")/.."

modules=("$@")
((${#modules[@]})) || modules=(ByteParsing ImageContainers)

pattern='^[[:space:]]*(@[[:alnum:]_]+([(][^)]*[)])?[[:space:]]+)*((public|package|internal|fileprivate|private)[[:space:]]+)?import[[:space:]]+((typealias|struct|class|enum|protocol|let|var|func)[[:space:]]+)?Foundation[[:alnum:]_]*([.[:space:];]|$)'

status=0
for module in "${modules[@]}"; do
    dir="Sources/$module"
    if [[ ! -d "$dir" ]]; then
        echo "check-foundation-free: no such module directory: $dir" >&2
        status=1
        continue
    fi
    rc=0
    matches=$(grep -rnE --include='*.swift' "$pattern" "$dir") || rc=$?
    if ((rc == 0)); then
        echo "check-foundation-free: $module must not import Foundation:" >&2
        echo "$matches" >&2
        status=1
    elif ((rc != 1)); then
        echo "check-foundation-free: grep failed on $dir" >&2
        status=1
    fi
done
if ((status == 0)); then echo "check-foundation-free: ${modules[*]} are Foundation-free"; fi
exit "$status"
