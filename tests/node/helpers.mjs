// Shared helpers for the Node tests: the built wasm module, the native CLI,
// and the labelled corpora.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Scripts honour CARGO_TARGET_DIR (one target directory per worktree).
export const targetDir = process.env.CARGO_TARGET_DIR ? path.resolve(root, process.env.CARGO_TARGET_DIR) : path.join(root, 'target');
export const cliPath = path.join(targetDir, 'release/finlint');
// scripts/build-npm.sh packs into the target directory too.
export const tarballPath = path.join(targetDir, 'npm/finlint-0.1.0.tgz');
const require = createRequire(import.meta.url);

export function loadWasm() {
  const mod = require(path.join(root, 'www/pkg/node/finlint.js'));
  mod.init();
  return mod;
}

/** Run the native CLI; exit code 1 (findings) still returns its output. */
export function runCli(args, input) {
  try {
    return execFileSync(cliPath, args, { input, encoding: 'utf8', maxBuffer: 1 << 28 });
  } catch (e) {
    if (e.status === 1) return e.stdout;
    throw e;
  }
}

export function loadCorpus() {
  const dir = path.join(root, 'tests/corpus');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().map((f) => path.join(dir, f));
  const shared = path.join(root, '../shared/examples/corpus.jsonl');
  if (fs.existsSync(shared)) files.push(shared);
  return files.flatMap((f) => fs.readFileSync(f, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l)));
}
