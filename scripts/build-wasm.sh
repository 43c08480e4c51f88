#!/usr/bin/env bash
# Build the WebAssembly module and its JS glue into www/pkg (for the page and
# Node). Needs the wasm32 target and wasm-bindgen-cli of the crate's pinned
# version; scripts/install-deps.sh installs both.
set -euo pipefail
cd "$(dirname "$0")/.."

want=$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' Cargo.toml)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  echo "wasm-bindgen CLI $want is required (found '${have:-none}'); run scripts/install-deps.sh" >&2
  exit 1
fi

# The wasm profile (Cargo.toml) is release optimised for size.
cargo build --lib --target wasm32-unknown-unknown --profile wasm --no-default-features
wasm="${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/wasm/finlint.wasm"
rm -rf www/pkg
# One module for the page (ES module, used by the worker) and one for Node.
wasm-bindgen "$wasm" --target web --out-dir www/pkg --no-typescript
wasm-bindgen "$wasm" --target nodejs --out-dir www/pkg/node --no-typescript

# Shrink with binaryen's wasm-opt when the npm package is installed.
opt=node_modules/.bin/wasm-opt
if [ -x "$opt" ]; then
  for f in www/pkg/finlint_bg.wasm www/pkg/node/finlint_bg.wasm; do
    "$opt" -O3 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals "$f" -o "$f.opt" && mv "$f.opt" "$f"
  done
fi
raw=$(stat -c %s www/pkg/finlint_bg.wasm)
gz=$(gzip -9c www/pkg/finlint_bg.wasm | wc -c)
echo "www/pkg/finlint_bg.wasm: $raw bytes raw, $gz bytes gzip"
