// Quick wasm figures: module size, initialisation time in a fresh Node
// process (median of runs), and check time on a 2,000-character ad.
// Usage: node bench/wasm-quick.mjs   (after scripts/build-wasm.sh)
import fs from 'node:fs';
import zlib from 'node:zlib';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const wasmFile = path.join(root, 'www/pkg/finlint_bg.wasm');
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

const raw = fs.readFileSync(wasmFile);
console.log(`wasm size: ${raw.length} bytes raw, ${zlib.gzipSync(raw, { level: 9 }).length} gzip, ${zlib.brotliCompressSync(raw).length} brotli`);

const probe = `
const t0 = performance.now();
const m = require(${JSON.stringify(path.join(root, 'www/pkg/node/finlint.js'))});
const t1 = performance.now();
m.init();
const t2 = performance.now();
console.log(JSON.stringify({ load: t1 - t0, init: t2 - t1 }));`;
const runs = Array.from({ length: 7 }, () => JSON.parse(execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' })));
console.log(`module load (compile+instantiate): median ${median(runs.map((r) => r.load)).toFixed(1)} ms`);
console.log(`init() (dictionary, automata, regexes): median ${median(runs.map((r) => r.init)).toFixed(1)} ms over ${runs.length} fresh processes`);

const { createRequire } = await import('node:module');
const m = createRequire(import.meta.url)(path.join(root, 'www/pkg/node/finlint.js'));
m.init();
const corpus = fs.readFileSync(path.join(root, 'tests/corpus/long_copy.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).text).join('\n');
const ad = corpus.repeat(Math.ceil(2000 / corpus.length)).slice(0, 2000);
for (let i = 0; i < 20; i++) m.check(ad, null);
const times = Array.from({ length: 200 }, () => { const t = performance.now(); m.check(ad, null); return performance.now() - t; });
console.log(`check 2,000-character ad: median ${median(times).toFixed(3)} ms, p95 ${[...times].sort((a, b) => a - b)[189].toFixed(3)} ms`);
