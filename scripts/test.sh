#!/usr/bin/env bash
# The one test command: formatting and lints, Rust unit and integration tests
# (including the corpus floors, known-error lists, snapshots and rule
# examples), then the wasm build, the Node tests and the headless-Chromium
# browser test. Honours CARGO_TARGET_DIR, as every script does.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cargo fmt --check
cargo clippy --all-targets -- -D warnings
cargo test --release
# The benchmarks are not run here (they take minutes), but they must build.
cargo bench --no-run
bash scripts/build-wasm.sh
node --test tests/node/ tests/browser/
