#!/usr/bin/env bash
# Fails when the committed TypeScript bindings (ui/src/bindings) differ from what the
# Rust types generate now. Regenerate with `make bindings` and commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
TS_RS_EXPORT_DIR="$scratch" cargo test --quiet -p journeylog-core --test bindings >/dev/null
if ! diff -ru ui/src/bindings "$scratch"; then
  echo "bindings drift: ui/src/bindings is out of date with the Rust types; run 'make bindings' and commit" >&2
  exit 1
fi
echo "bindings: $(ls "$scratch" | wc -l) files match the Rust types"
