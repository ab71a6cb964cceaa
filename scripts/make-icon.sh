#!/usr/bin/env bash
# Draws the Journeylog app icon with ImageMagick, so the PNGs in src-tauri/icons can be
# regenerated and reviewed as code rather than as opaque binaries. The mark: a rounded
# square in a teal-to-indigo gradient with a white logbook carrying a check mark.
# Usage: scripts/make-icon.sh [OUT_DIR]   (default: src-tauri/icons)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-src-tauri/icons}"
mkdir -p "$out"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

S=1024 # drawn at 2x and scaled down, for clean anti-aliased edges
# Background: diagonal gradient clipped to a rounded square with a margin (as macOS icons).
convert -size ${S}x${S} xc: -sparse-color Barycentric "0,0 #0f8a80 $S,$S #3b2fa8" "$tmp/grad.png"
convert -size ${S}x${S} xc:none -fill white -draw "roundrectangle 64,64 960,960 200,200" "$tmp/mask.png"
convert "$tmp/grad.png" "$tmp/mask.png" -alpha off -compose CopyOpacity -composite "$tmp/bg.png"

# Glyph: a logbook (cover with a spine band and a bookmark ribbon) and a check mark.
convert -size ${S}x${S} xc:none \
  -fill white -draw "roundrectangle 292,232 752,800 56,56" \
  -fill '#1e3a8a2e' -draw "rectangle 352,232 376,800" \
  -fill '#f59e0b' -draw "polygon 612,232 684,232 684,372 648,340 612,372" \
  -stroke '#1d4e89' -strokewidth 58 -fill none -draw "stroke-linecap round stroke-linejoin round polyline 438,536 520,618 664,460" \
  "$tmp/glyph.png"

# A soft shadow under the book for depth.
convert "$tmp/glyph.png" -background black -shadow 40x18+0+14 "$tmp/shadow.png"
convert "$tmp/bg.png" \( "$tmp/shadow.png" \) -geometry -36-22 -compose over -composite \
  "$tmp/glyph.png" -compose over -composite "$tmp/full.png"

for size in 512:icon.png 32:32x32.png 128:128x128.png 256:128x128@2x.png; do
  px="${size%%:*}"; name="${size#*:}"
  convert "$tmp/full.png" -filter Lanczos -resize "${px}x${px}" -strip -define png:color-type=6 "PNG32:$out/$name"
done
# hello-tauri (the benchmark baseline) embeds the same icon, so both binaries carry equal weight.
if [[ $out == src-tauri/icons ]]; then cp "$out/icon.png" bench/hello-tauri/icons/icon.png; fi
echo "icons written to $out"
