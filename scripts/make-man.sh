#!/usr/bin/env bash
# Generates provenant's man pages from its ArgumentParser definitions (see make-man.py).
# Usage: scripts/make-man.sh PROVENANT_BINARY OUTPUT_DIR
set -euo pipefail
exec python3 "$(dirname "$0")/make-man.py" "$@"
