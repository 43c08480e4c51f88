// Peak memory of the native CLI per input megabyte, for the input shapes
// that cost the most: the densest findings, a merged run, dense HTML, dense
// digits (personal-information patterns), realistic copy, and --jsonl
// batches of large documents. Each shape is measured at two sizes, so that
// the slope (MiB of peak RSS per input MiB) shows separately from the fixed
// cost of the rules and dictionary.
// Usage: node bench/memory.mjs [--quick]   (after `cargo build --release`)
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { root, corpusDocs } from './inputs.mjs';

const quick = process.argv.includes('--quick');
const target = process.env.CARGO_TARGET_DIR ?? path.join(root, 'target');
const cli = path.join(target, 'release/finlint');
const dir = path.join(target, 'bench/memory');
fs.mkdirSync(dir, { recursive: true });
const MiB = 1024 * 1024;

const repeatTo = (unit, bytes) => unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit)));

const shapes = {
  'dense claims (保本\\n)': (n) => repeatTo('保本\n', n),
  'one merged run (保本保本…)': (n) => repeatTo('保本', n),
  'dense HTML (<b>保</b>本<br>)': (n) => repeatTo('<b>保</b>本<br>', n),
  'dense digits (phone, card, id)': (n) => repeatTo('13912345678 6222021234567890128 110101199003077571\n', n),
  // One line of right-to-left overrides: the bidi algorithm runs over all of it.
  'RTL overrides, one line (\u202E本保\u202C)': (n) => repeatTo('\u202E本保\u202C', n),
  'realistic copy (corpus)': (n) => repeatTo(corpusDocs().map((d) => d.text).join('\n\n') + '\n\n', n),
};

/** Peak RSS in KiB and wall ms of one CLI run, output discarded. */
function peak(args) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cli, ...args], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0 && r.status !== 1) throw new Error(`finlint ${args.join(' ')}: ${r.stderr}`);
  const [secs, kb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { kb, ms: secs * 1000 };
}

const sizes = quick ? [2 * MiB, 8 * MiB] : [8 * MiB, 32 * MiB - 1024];
const base = peak(['rules']).kb / 1024;
console.log(`\n## native peak RSS per input MiB (fixed cost: \`finlint rules\` peaks at ${base.toFixed(0)} MiB)`);
console.log(`| shape | format | ${sizes.map((s) => `${(s / MiB).toFixed(0)} MiB input`).join(' | ')} | slope (MiB per input MiB) |`);
console.log(`|---|---|${sizes.map(() => '---:|').join('')}---:|`);
let worst = 0;
for (const [name, make] of Object.entries(shapes)) {
  const files = sizes.map((s, i) => {
    const f = path.join(dir, `${Object.keys(shapes).indexOf(name)}-${i}.txt`);
    fs.writeFileSync(f, make(s).slice(0, s));
    return f;
  });
  for (const format of ['json', 'text']) {
    const rs = files.map((f) => peak(['check', '--format', format, '--color', 'never', '--product', 'general', f]));
    const mb = rs.map((r) => r.kb / 1024);
    const inMb = files.map((f) => fs.statSync(f).size / MiB);
    const slope = (mb[1] - mb[0]) / (inMb[1] - inMb[0]);
    worst = Math.max(worst, slope);
    console.log(`| ${name} | ${format} | ${mb.map((m, i) => `${m.toFixed(0)} MiB (${(rs[i].ms / 1000).toFixed(1)} s)`).join(' | ')} | ${slope.toFixed(1)} |`);
  }
}

// --jsonl: memory must follow the chunk, not the documents' total size.
const docBytes = 24 * 1024;
const doc = repeatTo('保本\n', docBytes).slice(0, docBytes / 3);
const lines = (n) => Array.from({ length: n }, (_, i) => JSON.stringify({ id: i, text: doc })).join('\n') + '\n';
const counts = quick ? [200, 800] : [1000, 4000];
console.log(`\n## --jsonl of ${doc.length}-character documents of 保本\\n (peak RSS should not grow with the number of lines)`);
console.log('| documents | input | peak RSS | wall |\n|---:|---:|---:|---:|');
for (const n of counts) {
  const f = path.join(dir, `batch-${n}.jsonl`);
  fs.writeFileSync(f, lines(n));
  const r = peak(['check', '--jsonl', f]);
  console.log(`| ${n} | ${(fs.statSync(f).size / MiB).toFixed(0)} MiB | ${(r.kb / 1024).toFixed(0)} MiB | ${(r.ms / 1000).toFixed(1)} s |`);
}
console.log(`\nworst slope: ${worst.toFixed(1)} MiB of peak RSS per input MiB`);
