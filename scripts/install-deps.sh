#!/usr/bin/env bash
# Installs what Journeylog needs to build, run and test on a fresh Debian 12 machine:
# Debian packages (WebKitGTK dev files, Xvfb, WebKitWebDriver, PDF tools, Chromium,
# ImageMagick, fonts, PostgreSQL, D-Bus headers for the keychain, xdotool for the native
# save dialog in the e2e tests), tauri-driver, and the npm packages of ui/ and tests/e2e/.
# Idempotent: every step checks first, so a second run takes a couple of seconds.
# The Rust toolchain (cargo) is expected on the machine already.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[deps] %s\n' "$*"; }

APT_PACKAGES=(
  build-essential pkg-config libssl-dev libwebkit2gtk-4.1-dev libjavascriptcoregtk-4.1-dev
  libsoup-3.0-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev xvfb xauth
  webkit2gtk-driver curl file
  libdbus-1-dev poppler-utils qpdf chromium imagemagick fonts-inter postgresql xdotool
)

# --- Debian packages -------------------------------------------------------------------
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg -s "$pkg" 2>/dev/null | grep -q '^Status: install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]} == 0)); then
  say "apt: all ${#APT_PACKAGES[@]} packages present"
else
  say "apt: installing ${missing[*]}"
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
  say "apt: done"
fi

# --- Rust tools ------------------------------------------------------------------------
command -v cargo >/dev/null || { say "cargo not found: install the Rust toolchain first"; exit 1; }
export PATH="$HOME/.cargo/bin:$PATH"
if command -v tauri-driver >/dev/null; then
  say "tauri-driver: present ($(command -v tauri-driver))"
else
  say "tauri-driver: cargo install tauri-driver --locked (about a minute)"
  cargo install tauri-driver --locked --quiet
fi
if ! command -v cargo-nextest >/dev/null; then
  say "cargo-nextest: absent; tests will use cargo test"
fi

# --- npm packages ----------------------------------------------------------------------
# `npm install`, not `npm ci`: a lockfile made here can lack other platforms' optional
# @tauri-apps/cli-* entries, which npm ci rejects (NOTES.md).
npm_install() {
  local dir=$1
  if [[ ! -f $dir/package.json ]]; then
    say "npm: $dir/package.json not there yet; skipped"
    return
  fi
  local stale=0
  if [[ ! -d $dir/node_modules ]]; then
    stale=1
  else
    for f in "$dir/package.json" "$dir/package-lock.json"; do
      if [[ -f $f && $f -nt $dir/node_modules ]]; then stale=1; fi
    done
  fi
  if ((stale)); then
    say "npm: installing in $dir"
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error)
    touch "$dir/node_modules"
  else
    say "npm: $dir up to date"
  fi
}
npm_install ui
npm_install tests/e2e

say "all dependencies present"
