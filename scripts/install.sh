#!/usr/bin/env bash
# Builds provenant in release mode and installs it with everything it needs at run time:
#   PREFIX/bin/provenant                                   the executable (Swift runtime linked in statically)
#   PREFIX/share/provenant/Models/                         every model file in Models/ (found as "../share/provenant/Models")
#   PREFIX/share/provenant/trust/                          default C2PA trust files (anchors.pem, allowed-signers.pem,
#                                                          trust-config.cfg), empty until you add yours
#   PREFIX/share/man/man1/provenant*.1                     man pages generated from the ArgumentParser definitions
#   PREFIX/share/{bash-completion/completions,zsh/site-functions,fish/vendor_completions.d}/  shell completions
#
# Usage: scripts/install.sh [PREFIX]            (default: $PREFIX, else /usr/local)
#        DESTDIR="$PWD/stage" scripts/install.sh /usr   (staged install for packagers)
# Environment: SWIFT_BUILD_FLAGS adds flags to `swift build` (for example "--jobs 2").
set -euo pipefail
cd "$(dirname "$0")/.."

prefix="${1:-${PREFIX:-/usr/local}}"
dest="${DESTDIR:-}${prefix}"
# shellcheck disable=SC2086
swift build -c release --product provenant --static-swift-stdlib ${SWIFT_BUILD_FLAGS:-}
bin="$(swift build -c release --static-swift-stdlib --show-bin-path)"

install -d "$dest/bin" "$dest/share/provenant/Models" "$dest/share/provenant/trust" "$dest/share/man/man1" \
    "$dest/share/bash-completion/completions" "$dest/share/zsh/site-functions" "$dest/share/fish/vendor_completions.d"
install -m 0755 "$bin/provenant" "$dest/bin/provenant"
# Every model file together (detector JSON, weights, the model card), so discovery finds them as one directory.
find Models -maxdepth 1 -type f ! -name '.*' -exec install -m 0644 {} "$dest/share/provenant/Models/" \;
[ -e "$dest/share/provenant/trust/README" ] || cat > "$dest/share/provenant/trust/README" <<'TXT'
Default C2PA trust settings for provenant, used when no --trust-* option is given:
  anchors.pem           PEM bundle of trust anchors
  allowed-signers.pem   PEM bundle of signing certificates accepted as they are
  trust-config.cfg      accepted EKU OIDs, one per line, // comments
Each file is optional; a file that is present must hold at least one certificate.
`provenant doctor` shows which files were found.
TXT

"$dest/bin/provenant" --generate-completion-script bash > "$dest/share/bash-completion/completions/provenant"
"$dest/bin/provenant" --generate-completion-script zsh > "$dest/share/zsh/site-functions/_provenant"
"$dest/bin/provenant" --generate-completion-script fish > "$dest/share/fish/vendor_completions.d/provenant.fish"
scripts/make-man.sh "$dest/bin/provenant" "$dest/share/man/man1"

echo "installed provenant $("$dest/bin/provenant" --version) under $dest"
"$dest/bin/provenant" doctor >/dev/null || { echo "install.sh: provenant doctor found a problem:" >&2; "$dest/bin/provenant" doctor >&2; exit 1; }
