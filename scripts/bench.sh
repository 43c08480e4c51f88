#!/usr/bin/env bash
# Every benchmark, printed: native (criterion), batch and memory, then wasm
# against the naive JS regex baseline. Medians of repeated runs throughout.
#   bash scripts/bench.sh          # the full run (about 5 minutes)
#   bash scripts/bench.sh --quick  # one pass of everything, for smoke tests
set -euo pipefail
cd "$(dirname "$0")/.."

quick=""
[ "${1:-}" = "--quick" ] && quick="--quick"

bash scripts/install-deps.sh
cargo build --release
bash scripts/build-wasm.sh
node bench/inputs.mjs
if [ -n "$quick" ]; then
  cargo bench --bench check -- --quick
  cargo bench --bench extract -- --quick
else
  cargo bench --bench check
  cargo bench --bench extract
fi
# Linear-time and large-list bounds (wall-clock ratios; fails when broken).
cargo bench --bench scaling
node bench/native.mjs $quick
node bench/wasm.mjs $quick
node bench/memory.mjs $quick
node bench/documents.mjs
