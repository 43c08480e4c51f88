// A/B comparison of wasm builds on a noisy shared machine: fresh Node
// processes alternate between the builds, round after round, so that load
// from other work falls on all of them alike. Each process loads one build,
// times init(), the first check of the 2,000-character ad (wall and CPU
// time), then the median
// of 200 more checks of it. Prints medians over the rounds, and the sizes.
// The naive JS checker (bench/naive.mjs) takes its turn in the interleaved
// checks, so each build's ratio to it is measured in the same run.
// Usage: node bench/ab.mjs [rounds] PKG_DIR...   (dirs as www/pkg after scripts/build-wasm.sh)
import fs from 'node:fs';
import zlib from 'node:zlib';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ad } from './inputs.mjs';
import { naiveChecker, builtinTerms } from './naive.mjs';
import { median, fmt, startupProbe } from './stats.mjs';

const args = process.argv.slice(2);
const rounds = /^\d+$/.test(args[0] ?? '') ? Number(args.shift()) : 9;
const pkgs = args;
if (!pkgs.length) throw new Error('usage: node bench/ab.mjs [rounds] PKG_DIR...');

// The median of 200 warm checks (the 101st fastest, as before).
const probe = (glue, input) => {
  const { warm, ...rest } = startupProbe(glue, input, 200);
  return { ...rest, check: [...warm].sort((a, b) => a - b)[100] };
};

const input = ad(2000);
const rows = pkgs.map(() => []);
for (let r = 0; r < rounds; r++) {
  pkgs.forEach((pkg, i) => {
    const glue = path.resolve(pkg, 'node/finlint.js');
    rows[i].push(probe(glue, input));
  });
}
// Warm checks, interleaved in one process: every build checks the ad in
// turn, 1,000 times, so that load drift falls on all alike.
const mods = pkgs.map((pkg) => createRequire(import.meta.url)(path.resolve(pkg, 'node/finlint.js')));
mods.forEach((m) => { m.init(); for (let i = 0; i < 20; i++) m.check(input, null); });
const naive = naiveChecker(builtinTerms());
for (let i = 0; i < 20; i++) naive(input);
const inter = pkgs.map(() => []);
const naiveTimes = [];
for (let r = 0; r < 1000; r++) {
  mods.forEach((m, i) => { const t = performance.now(); m.check(input, null); inter[i].push(performance.now() - t); });
  const t = performance.now(); naive(input); naiveTimes.push(performance.now() - t);
}
const naiveMedian = median(naiveTimes);
console.log(`| build | raw | gzip -9 | brotli | load | init() | init() CPU | first check | first check CPU | check, 2,000 chars | same, interleaved | vs naive JS |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|`);
pkgs.forEach((pkg, i) => {
  const raw = fs.readFileSync(path.join(pkg, 'finlint_bg.wasm'));
  const gz = zlib.gzipSync(raw, { level: 9 }).length;
  const br = zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const m = (k) => `${fmt(median(rows[i].map((x) => x[k])))} ms`;
  const checked = median(inter[i]);
  console.log(`| ${pkg} | ${raw.length} | ${gz} | ${br} | ${m('load')} | ${m('init')} | ${m('initCpu')} | ${m('first')} | ${m('firstCpu')} | ${m('check')} | ${fmt(checked)} ms | ${(checked / naiveMedian).toFixed(1)}× |`);
});
console.log(`| naive JS (bench/naive.mjs), interleaved | | | | | | | | ${fmt(naiveMedian)} ms | 1× |`);
console.log(`(medians of ${rounds} rounds; each round runs every build once, in a fresh process; interleaved: median of 1,000 checks per build in one process, taking turns)`);
