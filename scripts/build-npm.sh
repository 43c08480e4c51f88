#!/usr/bin/env bash
# Build the npm package into npm/ and pack it to $CARGO_TARGET_DIR/npm/finlint-<version>.tgz
# (target/npm/ without CARGO_TARGET_DIR).
# Install it anywhere with: npm install /path/to/finlint-<version>.tgz
set -euo pipefail
cd "$(dirname "$0")/.."

# Rebuild the module unless it is newer than every source and data file.
if [ ! -f www/pkg/finlint_bg.wasm ] || [ -n "$(find src data Cargo.toml -newer www/pkg/finlint_bg.wasm | head -1)" ]; then
  bash scripts/build-wasm.sh
fi
rm -rf npm/pkg
mkdir -p npm/pkg/web npm/pkg/node
cp www/pkg/finlint.js www/pkg/finlint_bg.wasm npm/pkg/web/
cp www/pkg/node/finlint.js www/pkg/node/finlint_bg.wasm npm/pkg/node/
# The Node build is CommonJS; mark its folder so the package's "type": "module" does not apply.
echo '{"type": "commonjs"}' > npm/pkg/node/package.json
# api.cjs is derived from the single source api.mjs, and the CommonJS types
# (index.d.cts) from index.d.ts: the same declarations, read as CommonJS.
{ sed 's/^export \(function\|const\) /\1 /' npm/api.mjs; echo 'module.exports = { createApi, ErrorCode, finlintError };'; } > npm/api.cjs
# The generated core types get a CommonJS twin the same way.
sed "s#'./types.generated.js'#'./types.generated.cjs'#" npm/index.d.ts > npm/index.d.cts
cp npm/types.generated.d.ts npm/types.generated.d.cts
out=$(realpath -m "${CARGO_TARGET_DIR:-target}/npm")
mkdir -p "$out"
(cd npm && npm pack --pack-destination "$out" --silent)
ls "$out"/*.tgz
