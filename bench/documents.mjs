// Document figures: extraction speed per format from criterion's medians
// (`cargo bench --bench extract`), in file MB/s and extracted-text MB/s, and
// what PDF support would add to the wasm module.
// Usage: node bench/documents.mjs [--no-wasm]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { root } from './inputs.mjs';

const target = process.env.CARGO_TARGET_DIR || path.join(root, 'target');
const mb = (bytes, ms) => bytes / 1048576 / (ms / 1000);

function extraction() {
  const sizesFile = path.join(target, 'bench/documents.json');
  if (!fs.existsSync(sizesFile)) return console.log('(no extraction results: run `cargo bench --bench extract`)');
  const sizes = JSON.parse(fs.readFileSync(sizesFile, 'utf8'));
  console.log('\n## extraction, one core (criterion medians)\n| format | file | text extracted | median | file MB/s | text MB/s |\n|---|---:|---:|---:|---:|---:|');
  for (const [id, s] of Object.entries(sizes)) {
    const est = path.join(target, 'criterion/extract', id, 'new/estimates.json');
    if (!fs.existsSync(est)) continue;
    const ms = JSON.parse(fs.readFileSync(est, 'utf8')).median.point_estimate / 1e6;
    console.log(`| ${id} | ${(s.file_bytes / 1024).toFixed(0)} KiB | ${(s.text_bytes / 1024).toFixed(1)} KiB | ${ms.toFixed(1)} ms | ${mb(s.file_bytes, ms).toFixed(1)} | ${mb(s.text_bytes, ms).toFixed(1)} |`);
  }
}

/** Size of a wasm-profile build after wasm-opt -O3, raw and gzip -9. */
function wasmSize(features) {
  execFileSync('cargo', ['build', '--lib', '--target', 'wasm32-unknown-unknown', '--profile', 'wasm', '--no-default-features', ...features], { cwd: root, stdio: 'inherit' });
  const raw = path.join(target, 'wasm32-unknown-unknown/wasm/finlint.wasm');
  const out = path.join(target, 'bench/size.wasm');
  const opt = path.join(root, 'node_modules/.bin/wasm-opt');
  execFileSync(opt, ['-O3', '--strip-debug', '--strip-producers', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext', '--enable-mutable-globals', raw, '-o', out]);
  const bytes = fs.readFileSync(out);
  return { raw: bytes.length, gz: zlib.gzipSync(bytes, { level: 9 }).length };
}

function wasmSizes() {
  const base = wasmSize([]);
  const pdf = wasmSize(['--features', 'pdf']);
  wasmSize([]); // leave the shipped build in place
  console.log('\n## wasm module size (cargo build, then wasm-opt -O3; before wasm-bindgen, so compare the difference)\n| build | raw | gzip -9 |\n|---|---:|---:|');
  console.log(`| shipped (text, .docx, .pptx) | ${base.raw} B | ${base.gz} B |`);
  console.log(`| with PDF (lopdf) | ${pdf.raw} B (+${pdf.raw - base.raw}) | ${pdf.gz} B (+${pdf.gz - base.gz}) |`);
}

extraction();
if (!process.argv.includes('--no-wasm')) wasmSizes();
