// The benchmark inputs, built the same way for every benchmark (criterion,
// wasm, batch and the naive baseline) so that their figures compare.
//   realistic: every corpus text, concatenated and repeated to >= 10 MB
//   clean:     bench/clean.txt (neutral prose, no claims) repeated to >= 10 MB
//   ad-N:      the first N characters of the long-copy corpus, repeated
//   batch:     the corpus as JSONL, repeated to >= 10 MB, for --jsonl
// Run directly, it writes them to target/bench/ for `cargo bench`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Scripts honour CARGO_TARGET_DIR (one target directory per worktree); the
// generated inputs live there too (benches/check.rs reads them from it).
export const targetDir = process.env.CARGO_TARGET_DIR ? path.resolve(root, process.env.CARGO_TARGET_DIR) : path.join(root, 'target');
export const TEN_MB = 10 * 1024 * 1024;
export const AD_LENGTHS = [500, 2000, 20000];

function readJsonl(file) {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}

export function corpusDocs() {
  const dir = path.join(root, 'tests/corpus');
  return fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().flatMap((f) => readJsonl(path.join(dir, f)));
}

function repeatTo(unit, bytes) {
  const unitBytes = Buffer.byteLength(unit);
  return unit.repeat(Math.ceil(bytes / unitBytes));
}

export function realisticText() {
  return repeatTo(corpusDocs().map((d) => d.text).join('\n\n') + '\n\n', TEN_MB);
}

export function cleanText() {
  return repeatTo(fs.readFileSync(path.join(root, 'bench/clean.txt'), 'utf8') + '\n', TEN_MB);
}

/** An ad of exactly `chars` Unicode characters cut from the long-copy corpus. */
export function ad(chars) {
  const long = readJsonl(path.join(root, 'tests/corpus/long_copy.jsonl')).map((d) => d.text).join('\n\n');
  const points = Array.from(long.repeat(Math.ceil(chars / long.length) + 1));
  return points.slice(0, chars).join('');
}

export function batchJsonl() {
  const docs = corpusDocs();
  const lines = [];
  let bytes = 0;
  for (let i = 0; bytes < TEN_MB; i++) {
    const d = docs[i % docs.length];
    const line = JSON.stringify({ id: `${d.id}-${i}`, text: d.text, product: d.product }) + '\n';
    lines.push(line);
    bytes += Buffer.byteLength(line);
  }
  return lines.join('');
}

export function writeAll(dir = path.join(targetDir, 'bench')) {
  fs.mkdirSync(dir, { recursive: true });
  const files = {
    'realistic.txt': realisticText(),
    'clean.txt': cleanText(),
    'batch.jsonl': batchJsonl(),
    ...Object.fromEntries(AD_LENGTHS.map((n) => [`ad-${n}.txt`, ad(n)])),
  };
  for (const [name, body] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), body);
  return dir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = writeAll();
  for (const f of fs.readdirSync(dir).sort()) console.log(`${path.join(dir, f)}: ${fs.statSync(path.join(dir, f)).size} bytes`);
}
