// Where the wasm module's start-up goes: init() and the first check of the
// 2,000-character ad, each profiled in fresh Node processes with V8's
// sampling profiler. Prints the time of each phase and, per phase, the
// share of samples inside each part of the checker (inclusive: a sample
// inside the TOML parser called from the pack loader counts for both) and
// the code the samples were in (self time, by crate).
// Usage: node bench/init-profile.mjs [runs]   (after scripts/build-wasm.sh)
// It re-binds the cargo build's module (which keeps its function names;
// wasm-opt strips them) into target/bench/profile-pkg.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { root, ad } from './inputs.mjs';
import { median, fmt } from './stats.mjs';

const runs = Number(process.argv[2] ?? 7);
const target = process.env.CARGO_TARGET_DIR ?? path.join(root, 'target');
// FINLINT_WASM=file profiles another cargo build of the module.
const wasm = process.env.FINLINT_WASM ?? path.join(target, 'wasm32-unknown-unknown/wasm/finlint.wasm');
const out = path.join(root, 'target/bench/profile-pkg');
execFileSync('wasm-bindgen', [wasm, '--target', 'nodejs', '--out-dir', out, '--no-typescript']);

// The parts of start-up, by the functions that do them (inclusive time).
const PARTS = [
  ['rule packs: TOML parse', /toml|serde_spanned/],
  ['rule packs: build (RuleSet::build)', /RuleSet.*build/],
  ['regex compile', /regex_automata.*(Builder|build|compile|Compiler)|regex_syntax/],
  // regex-automata fills a 10,000-entry map for every NFA with a Unicode
  // class it compiles (upstream: rust-lang/regex#1386).
  ['regex compile: UTF-8 state map fill', /Utf8Compiler::new/],
  ['aho-corasick build', /aho_corasick.*(Builder|build|nfa::noncontiguous|dfa::Builder)/],
  ['segmenter dictionary', /finlint::segment|jieba_rs/],
  ['context and frames', /finlint::context::Context::builtin|finlint::frames/],
  ['profiles', /finlint::profile/],
  ['labels', /finlint::labels/],
  ['fold tables', /finlint::fold/],
];
// The code the samples were in (self time).
const CRATES = [
  ['toml', /toml|winnow|serde_spanned/], ['regex', /regex/], ['aho-corasick', /aho_corasick/],
  // The allocator proper; a leaf such as `Vec::extend_with` (filling a new
  // vector) is the caller's work, not the allocator's.
  ['serde', /serde/], ['allocator', /dlmalloc|__rdl_|__rust_(alloc|dealloc|realloc)|RawVec.*(allocate|grow)|memcpy|memmove|memset/],
  ['hashing (SipHash)', /sip::Hasher|hash::Hash/], ['fold tables', /finlint::fold/],
  ['segmenter', /finlint::segment|jieba/], ['finlint other', /finlint/],
];

const probe = `
  const inspector = require('node:inspector');
  const session = new inspector.Session();
  session.connect();
  const post = (m, p) => new Promise((ok, no) => session.post(m, p ?? {}, (e, r) => (e ? no(e) : ok(r))));
  (async () => {
    const m = require(${JSON.stringify(path.join(out, 'finlint.js'))});
    const text = require('fs').readFileSync(0, 'utf8');
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 50 });
    const phases = {};
    for (const [name, run] of [['init', () => m.init()], ['first check', () => m.check(text, null)]]) {
      await post('Profiler.start');
      const t = performance.now();
      run();
      const ms = performance.now() - t;
      const { profile } = await post('Profiler.stop');
      phases[name] = { ms, profile };
    }
    process.stdout.write(JSON.stringify(phases));
  })();`;

/** Milliseconds per label, inclusive (once per sample) and self. */
function attribute(profile) {
  const parent = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = {}, self = {};
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    const leaf = byId.get(id).callFrame.functionName;
    const crate = CRATES.find(([, re]) => re.test(leaf))?.[0] ?? (leaf.startsWith('(') ? leaf : 'other');
    self[crate] = (self[crate] ?? 0) + dt;
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const name = byId.get(n).callFrame.functionName;
      for (const [part, re] of PARTS) if (re.test(name)) seen.add(part);
    }
    for (const part of seen) inclusive[part] = (inclusive[part] ?? 0) + dt;
  });
  return { total, inclusive, self };
}

const input = ad(2000);
const results = Array.from({ length: runs }, () =>
  JSON.parse(execFileSync(process.execPath, ['-e', probe], { input, encoding: 'utf8', maxBuffer: 1 << 30 })));
for (const phase of Object.keys(results[0])) {
  const rows = results.map((r) => ({ ms: r[phase].ms, ...attribute(r[phase].profile) }));
  console.log(`\n## ${phase}: ${fmt(median(rows.map((r) => r.ms)))} ms (median of ${runs} fresh processes; profiled, so slower than unprofiled)`);
  for (const key of ['inclusive', 'self']) {
    const labels = [...new Set(rows.flatMap((r) => Object.keys(r[key])))];
    const share = (l) => median(rows.map((r) => (r[key][l] ?? 0) / r.total));
    console.log(`| ${key === 'inclusive' ? 'part (inclusive)' : 'code (self)'} | ms | share |\n|---|---:|---:|`);
    for (const l of labels.sort((a, b) => share(b) - share(a))) {
      console.log(`| ${l} | ${fmt(median(rows.map((r) => r[key][l] ?? 0)))} | ${(100 * share(l)).toFixed(1)}% |`);
    }
  }
}
fs.rmSync(out, { recursive: true, force: true });
