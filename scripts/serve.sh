#!/usr/bin/env bash
# Build everything and serve the web page on http://localhost:${PORT:-8000}/.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cargo build --release
bash scripts/build-wasm.sh
echo "finlint: http://localhost:${PORT:-8000}/  (Ctrl-C to stop)"
cd www && exec python3 -m http.server "${PORT:-8000}" --bind 127.0.0.1
