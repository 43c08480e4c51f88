#!/usr/bin/env bash
# Regenerate the files derived from the Rust types: the rule-pack JSON Schema
# (schema/rule-pack.schema.json) and the npm package's core TypeScript types
# (npm/types.generated.d.ts). `cargo test` fails while either is stale.
set -euo pipefail
cd "$(dirname "$0")/.."
FINLINT_REGENERATE=1 cargo test --lib generated:: --quiet
git status --short schema/rule-pack.schema.json npm/types.generated.d.ts
