#!/usr/bin/env bash
# The one test command: Rust unit and integration tests (including the corpus
# floors and rule examples), then the wasm build, the Node tests and the
# headless-Chromium browser test.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cargo test --release
# The benchmarks are not run here (they take minutes), but they must build.
cargo bench --bench check --no-run
bash scripts/build-wasm.sh
node --test tests/node/ tests/browser/
