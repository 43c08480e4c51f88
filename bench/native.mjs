// Native figures that criterion does not give: its medians summarised as
// MB/s, `finlint check --jsonl` on one core and on all cores, and peak
// memory (GNU time's maximum resident set size).
// Usage: node bench/native.mjs [--quick] [--only=criterion,throughput,...]   (after `cargo bench --bench check`)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { targetDir } from './inputs.mjs';
import { median, fmt, mbps } from './stats.mjs';

const quick = process.argv.includes('--quick');
// FINLINT_CLI=path measures another build (e.g. a saved baseline) in the same session.
const cli = process.env.FINLINT_CLI ?? path.join(targetDir, 'release/finlint');
const benchDir = path.join(targetDir, 'bench');
const size = (f) => fs.statSync(path.join(benchDir, f)).size;

function criterionMedians() {
  const dir = path.join(targetDir, 'criterion');
  if (!fs.existsSync(dir)) return console.log('\n(no criterion results: run `cargo bench --bench check`)');
  const inputs = { 'ad/500': 'ad-500.txt', 'ad/2000': 'ad-2000.txt', 'ad/20000': 'ad-20000.txt', 'throughput/realistic': 'realistic.txt', 'throughput/clean': 'clean.txt' };
  console.log('\n## native check, one core (criterion medians)\n| benchmark | median | throughput |\n|---|---:|---:|');
  for (const id of ['startup/rules+dictionary', ...Object.keys(inputs)]) {
    const file = path.join(dir, id, 'new/estimates.json');
    if (!fs.existsSync(file)) continue;
    const ms = JSON.parse(fs.readFileSync(file, 'utf8')).median.point_estimate / 1e6;
    const rate = inputs[id] ? `${mbps(size(inputs[id]), ms).toFixed(1)} MB/s` : '';
    console.log(`| ${id} | ${fmt(ms)} ms | ${rate} |`);
  }
}

/** Run the CLI under GNU time; wall milliseconds and peak RSS in KiB. */
function timed(args) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0 && r.status !== 1) throw new Error(`finlint ${args.join(' ')} failed: ${r.stderr}`);
  const [secs, kb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { ms: secs * 1000, kb };
}

function batch(runs) {
  const file = path.join(benchDir, 'batch.jsonl');
  const bytes = size('batch.jsonl');
  const cores = os.availableParallelism();
  console.log(`\n## finlint check --jsonl (${bytes} B, ${execFileSync('wc', ['-l', file], { encoding: 'utf8' }).split(' ')[0]} documents; median of ${runs} runs)\n| workers | wall time | throughput | peak RSS |\n|---:|---:|---:|---:|`);
  const rows = {};
  for (const jobs of [...new Set([1, cores])]) {
    const rs = Array.from({ length: runs }, () => timed(['check', '--jsonl', file, '--jobs', String(jobs)]));
    rows[jobs] = median(rs.map((r) => r.ms));
    console.log(`| ${jobs} | ${fmt(rows[jobs])} ms | ${mbps(bytes, rows[jobs]).toFixed(1)} MB/s | ${(median(rs.map((r) => r.kb)) / 1024).toFixed(0)} MiB |`);
  }
  if (cores > 1) console.log(`speed-up on ${cores} cores: ${(rows[1] / rows[cores]).toFixed(2)}×`);
}

function memory() {
  console.log('\n## native peak memory, one check of a 10 MB file (JSON report to /dev/null)');
  for (const name of ['realistic', 'clean']) {
    const r = timed(['check', '--format', 'json', '--product', 'general', path.join(benchDir, `${name}.txt`)]);
    console.log(`${name}: peak RSS ${(r.kb / 1024).toFixed(0)} MiB, wall ${fmt(r.ms)} ms (includes reading and JSON output)`);
  }
}

/** The whole CLI run on each 10 MB input, report streamed to /dev/null. */
function throughput(runs) {
  console.log(`\n## finlint check, one 10 MB file, one core (median of ${runs} runs, start-up included)\n| input | format | wall time | throughput |\n|---|---|---:|---:|`);
  for (const name of ['realistic', 'clean']) {
    for (const format of ['jsonl', 'json']) {
      const file = path.join(benchDir, `${name}.txt`);
      const ms = median(Array.from({ length: runs }, () => timed(['check', '--format', format, '--product', 'general', '--jobs', '1', file]).ms));
      console.log(`| ${name} | ${format} | ${fmt(ms)} ms | ${mbps(size(`${name}.txt`), ms).toFixed(1)} MB/s |`);
    }
  }
}

// --only=criterion,throughput,batch,memory runs those sections.
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const want = (section) => !only || only.includes(section);
if (want('criterion')) criterionMedians();
if (want('throughput')) throughput(quick ? 1 : 5);
if (want('batch')) batch(quick ? 1 : 3);
if (want('memory')) memory();
