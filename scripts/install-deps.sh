#!/usr/bin/env bash
# Install everything the build and the tests need, from nothing. Idempotent:
# each step is skipped when already satisfied.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null; then
  echo "Rust (cargo) is required: see https://rustup.rs" >&2
  exit 1
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
# The test command runs rustfmt and clippy.
for component in rustfmt clippy; do
  rustup component list --installed | grep -q "^$component" || rustup component add "$component"
done

# The CLI must match the wasm-bindgen crate version exactly.
want=$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' Cargo.toml)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  cargo install wasm-bindgen-cli --version "$want"
fi

need_apt=()
command -v node >/dev/null || need_apt+=(nodejs npm)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
# A CJK font, so that the browser test's screenshot shows readable Chinese.
fc-list :lang=zh 2>/dev/null | grep -q . || need_apt+=(fonts-wqy-zenhei)
# OCR for poster images: Tesseract and its simplified-Chinese model.
command -v tesseract >/dev/null || need_apt+=(tesseract-ocr)
[ -n "$(ls /usr/share/tesseract-ocr/*/tessdata/chi_sim.traineddata 2>/dev/null)" ] || need_apt+=(tesseract-ocr-chi-sim)
# GNU time reports the native benchmarks' peak memory (scripts/bench.sh).
[ -x /usr/bin/time ] || need_apt+=(time)
if [ ${#need_apt[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y --no-install-recommends "${need_apt[@]}"
fi

# Reinstall whenever the lockfile is newer than what npm last installed, so a
# dev dependency added later is never missing on a machine kept from before.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
