// WebAssembly benchmarks, with the naive JS regex checker measured in the
// same run on the same inputs. Prints size, start-up, per-ad latency,
// 10 MB throughput, peak memory and accuracy.
// Usage: node bench/wasm.mjs [--quick] [--only=size,startup,...]   (scripts/bench.sh builds first)
import fs from 'node:fs';
import zlib from 'node:zlib';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { root, targetDir, AD_LENGTHS, ad, realisticText, cleanText } from './inputs.mjs';
import { naiveChecker, builtinTerms } from './naive.mjs';
import { score } from './accuracy.mjs';
import { median, percentile, timeRuns, mbps, fmt, startupProbe } from './stats.mjs';

const quick = process.argv.includes('--quick');
// FINLINT_PKG=dir measures another build (e.g. a saved baseline) in the same session.
const pkg = process.env.FINLINT_PKG ?? path.join(root, 'www/pkg');
const glue = path.join(pkg, 'node/finlint.js');
const wasmFile = path.join(pkg, 'finlint_bg.wasm');
const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;

function sizes() {
  const raw = fs.readFileSync(wasmFile);
  const gz = zlib.gzipSync(raw, { level: 9 }).length;
  const br = zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  console.log(`\n## wasm module (${path.relative(root, wasmFile)})\nsize: ${raw.length} B raw (${kb(raw.length)}), ${gz} B gzip -9 (${kb(gz)}), ${br} B brotli (${kb(br)})`);
}

// A fresh Node process per run: module load, init(), then the first and a
// warm check of the 2,000-character ad, so that lazy work cannot hide.
function startup(runs) {
  const input = ad(2000);
  const rows = Array.from({ length: runs }, () => {
    const { warm, ...rest } = startupProbe(glue, input, 1);
    return { ...rest, warm: warm[0] };
  });
  const m = (k) => fmt(median(rows.map((r) => r[k])));
  console.log(`\n## start-up (median of ${runs} fresh Node processes)`);
  console.log(`module compile+instantiate: ${m('load')} ms`);
  console.log(`init(): ${m('init')} ms (CPU ${m('initCpu')} ms)`);
  console.log(`first check of the 2,000-char ad: ${m('first')} ms (CPU ${m('firstCpu')} ms); second: ${m('warm')} ms`);
}

function latency(m, naive, runs) {
  console.log(`\n## one check after init (median and p95 of ${runs} runs)`);
  console.log('| chars | finlint wasm median | p95 | naive JS median | p95 | finlint / naive |');
  console.log('|---:|---:|---:|---:|---:|---:|');
  for (const n of AD_LENGTHS) {
    const text = ad(n);
    const k = n > 5000 ? Math.ceil(runs / 4) : runs;
    const ours = timeRuns(() => m.check(text, null), k);
    const base = timeRuns(() => naive(text), k);
    console.log(`| ${n} | ${fmt(median(ours))} ms | ${fmt(percentile(ours, 95))} ms | ${fmt(median(base))} ms | ${fmt(percentile(base, 95))} ms | ${(median(ours) / median(base)).toFixed(2)}× |`);
  }
}

function throughput(m, naive, runs) {
  console.log(`\n## 10 MB throughput (one call on the whole text, median of ${runs} runs)`);
  console.log('| input | bytes | finlint wasm | naive JS | finlint / naive time |');
  console.log('|---|---:|---:|---:|---:|');
  for (const [name, text] of [['realistic', realisticText()], ['clean', cleanText()]]) {
    const bytes = Buffer.byteLength(text);
    const ours = median(timeRuns(() => m.check(text, null), runs, 1));
    const base = median(timeRuns(() => naive(text), runs, 1));
    console.log(`| ${name} | ${bytes} | ${fmt(ours)} ms (${mbps(bytes, ours).toFixed(1)} MB/s) | ${fmt(base)} ms (${mbps(bytes, base).toFixed(1)} MB/s) | ${(ours / base).toFixed(2)}× |`);
  }
}

// Peak memory in a child process that checks the realistic 10 MB text once.
function memory() {
  const file = path.join(targetDir, 'bench/realistic.txt');
  const probe = (body) => JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', body], { encoding: 'utf8' }));
  const ours = probe(`
    import { createRequire } from 'node:module';
    import fs from 'node:fs';
    const m = createRequire(import.meta.url)(${JSON.stringify(glue)});
    m.init();
    const text = fs.readFileSync(${JSON.stringify(file)}, 'utf8');
    const before = process.resourceUsage().maxRSS;
    const report = m.check(text, null);
    console.log(JSON.stringify({ rss: process.resourceUsage().maxRSS, before, wasm: m.memoryBytes(), findings: report.findings.length }));`);
  const base = probe(`
    import fs from 'node:fs';
    import { naiveChecker, builtinTerms } from ${JSON.stringify(path.join(root, 'bench/naive.mjs'))};
    const check = naiveChecker(builtinTerms());
    const text = fs.readFileSync(${JSON.stringify(file)}, 'utf8');
    const before = process.resourceUsage().maxRSS;
    const hits = check(text);
    console.log(JSON.stringify({ rss: process.resourceUsage().maxRSS, before, hits: hits.length }));`);
  console.log('\n## peak memory checking the realistic 10 MB text once (child process)');
  console.log(`finlint wasm: linear memory ${(ours.wasm / 1048576).toFixed(1)} MiB; process max RSS ${(ours.rss / 1024).toFixed(0)} MiB (${(ours.before / 1024).toFixed(0)} MiB before the check); ${ours.findings} findings`);
  console.log(`naive JS:     process max RSS ${(base.rss / 1024).toFixed(0)} MiB (${(base.before / 1024).toFixed(0)} MiB before the check); ${base.hits} hits`);
}

function accuracy(m, naive) {
  const ours = score((doc) => m.check(doc.text, { product: doc.product }).findings
    .filter((f) => f.span).map((f) => [f.span.utf16_start, f.span.utf16_end]));
  const base = score((doc) => naive(doc.text).map((h) => [h.start, h.end]));
  const row = (name, s) => `| ${name} | ${s.recall.toFixed(3)} | ${s.precision.toFixed(3)} | ${s.reported} |`;
  console.log(`\n## accuracy on tests/corpus (${base.flagged} flagged claims)\n| checker | recall | precision | findings |\n|---|---:|---:|---:|`);
  console.log(row('finlint wasm', ours));
  console.log(row('naive JS', base));
}

// --only=size,startup,latency,throughput,memory,accuracy runs those sections.
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const want = (section) => !only || only.includes(section);
const m = createRequire(import.meta.url)(glue);
m.init();
const naive = naiveChecker(builtinTerms());
if (want('size')) sizes();
if (want('startup')) startup(quick ? 3 : 9);
if (want('latency')) latency(m, naive, quick ? 40 : 400);
if (want('throughput')) throughput(m, naive, quick ? 1 : 5);
if (want('memory')) memory();
if (want('accuracy')) accuracy(m, naive);
