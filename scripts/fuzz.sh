#!/usr/bin/env bash
# Long fuzzing runs (not part of the test command): the wasm API driver
# (tests/node/fuzz-wasm.mjs, JS-like values including huge strings) with a
# fresh seed, then each cargo-fuzz target for SECONDS (default 60) on nightly. New inputs go to fuzz/corpus/ (ignored);
# fuzz/seeds/ holds the committed starting points. A crash lands in
# fuzz/artifacts/<target>/: copy it into tests/fuzz_regressions/ so the normal
# test suite replays it for ever.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
bash scripts/build-wasm.sh
seed=${FUZZ_SEED:-$(date +%s)}
echo "== fuzzing the wasm API (seed $seed; rerun with FUZZ_SEED=$seed)"
node tests/node/fuzz-wasm.mjs --seed "$seed" --iterations "${FUZZ_WASM_ITERATIONS:-20000}"
node tests/node/fuzz-wasm.mjs --seed "$((seed + 1))" --iterations 300 --huge
rustup toolchain list | grep -q nightly || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
for target in check normalize pack docx pptx pdf; do
  mkdir -p "fuzz/corpus/$target"
  echo "== fuzzing $target for ${seconds}s"
  cargo +nightly fuzz run "$target" "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
    -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096
done
