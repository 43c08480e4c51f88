// Small statistics and timing helpers shared by the benchmark scripts.
import { execFileSync } from 'node:child_process';

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
export const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
/** Time `fn` `runs` times after `warmup` untimed calls; milliseconds. */
export function timeRuns(fn, runs, warmup = Math.min(20, runs)) {
  for (let i = 0; i < warmup; i++) fn();
  const out = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out;
}
export const mbps = (bytes, ms) => (bytes / 1048576) / (ms / 1000);
export const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3));

/**
 * Start-up in a fresh Node process, so that lazy work cannot hide: module
 * load, init(), the first check of `input`, then `warmRuns` more checks of it.
 * `glue` is the wasm-bindgen Node glue (PKG_DIR/node/finlint.js). Returns
 * milliseconds: { load, init, first, warm: [each warm check] }, and the
 * process's CPU time (user + system, all threads) for init() and the first
 * check, initCpu and firstCpu: on a loaded machine, wall time includes
 * waiting for a core, CPU time much less so.
 */
export function startupProbe(glue, input, warmRuns) {
  const probe = `
    const t0 = performance.now();
    const m = require(${JSON.stringify(glue)});
    const t1 = performance.now();
    const text = require('fs').readFileSync(0, 'utf8');
    const c1 = process.cpuUsage();
    const t1b = performance.now();
    m.init();
    const t2 = performance.now();
    const c2 = process.cpuUsage();
    m.check(text, null);
    const t3 = performance.now();
    const c3 = process.cpuUsage();
    const cpu = (a, b) => (b.user + b.system - a.user - a.system) / 1000;
    const warm = [];
    for (let i = 0; i < ${Number(warmRuns)}; i++) { const t = performance.now(); m.check(text, null); warm.push(performance.now() - t); }
    console.log(JSON.stringify({ load: t1 - t0, init: t2 - t1b, first: t3 - t2, initCpu: cpu(c1, c2), firstCpu: cpu(c2, c3), warm }));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', probe], { input, encoding: 'utf8' }));
}
