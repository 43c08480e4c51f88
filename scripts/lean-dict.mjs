// Choose the base dictionary by measurement. Segmentation only decides
// whether a rule term's edges are word boundaries (最近 vs 最, 确保本次 vs 保本)
// and which tokens precede a hit (negation), so the only general words that
// can change a result are those that straddle an edge of a rule term, plus
// the negation cues themselves. This script takes jieba's full dictionary,
// keeps those words, and scores the corpus at several frequency cut-offs.
//
//   node scripts/lean-dict.mjs            # measure: one eval row per cut-off
//   node scripts/lean-dict.mjs --write N  # write data/dict/base.txt at cut-off N
//
// Needs the release CLI (cargo build --release) and jieba-rs in the cargo
// registry (any cargo build fetches it).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Scripts honour CARGO_TARGET_DIR (one target directory per worktree).
const targetDir = process.env.CARGO_TARGET_DIR ? path.resolve(root, process.env.CARGO_TARGET_DIR) : path.join(root, 'target');
const cli = path.join(targetDir, 'release/finlint');
const CUTOFFS = [0, 100, 300, 1000, 1500, 2000, 3000];

function fullDictionary() {
  const meta = JSON.parse(execFileSync('cargo', ['metadata', '--format-version', '1'], { cwd: root, encoding: 'utf8', maxBuffer: 256 << 20 }));
  const jieba = meta.packages.find((p) => p.name === 'jieba-rs');
  const file = path.join(path.dirname(jieba.manifest_path), 'src/data/dict.txt');
  return fs.readFileSync(file, 'utf8').split('\n').map((l) => l.split(' ')).filter((p) => p.length >= 2)
    .map(([word, freq]) => ({ word, freq: Number(freq) }));
}

function ruleTerms() {
  const { rules } = JSON.parse(execFileSync(cli, ['rules', '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 << 20 }));
  return rules.flatMap((r) => r.definition?.terms ?? []).map((t) => t.toLowerCase());
}

/** The quoted strings of a `name = [ ... ]` array in data/context.toml. */
function contextCues(...names) {
  const toml = fs.readFileSync(path.join(root, 'data/context.toml'), 'utf8');
  return names.flatMap((name) => {
    const body = toml.match(new RegExp(`^${name}\\s*=\\s*\\[([\\s\\S]*?)^\\]`, 'm'))?.[1] ?? '';
    return [...body.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]);
  });
}

/** Does `word` straddle the start or end edge of some term, in some alignment? */
function straddlesTermEdge(word, terms, prefixes, suffixes) {
  const chars = Array.from(word);
  for (let k = 1; k < chars.length; k++) {
    const head = chars.slice(0, k).join('');
    const tail = chars.slice(k).join('');
    // Start edge: the word's tail runs into a term (or past its end).
    if (prefixes.has(tail) || startsWithAny(tail, terms)) return true;
    // End edge: the word's head ends a term (or the term ends inside it).
    if (suffixes.has(head) || endsWithAny(head, terms)) return true;
  }
  return false;
}
const startsWithAny = (s, terms) => Array.from(s).some((_, i, cs) => terms.has(cs.slice(0, i + 1).join('')));
const endsWithAny = (s, terms) => Array.from(s).some((_, i, cs) => terms.has(cs.slice(i).join('')));

function affixes(terms) {
  const prefixes = new Set(), suffixes = new Set();
  for (const t of terms) {
    const cs = Array.from(t);
    for (let i = 1; i <= cs.length; i++) prefixes.add(cs.slice(0, i).join(''));
    for (let i = 0; i < cs.length; i++) suffixes.add(cs.slice(i).join(''));
  }
  return { prefixes, suffixes };
}

function relevantWords() {
  const terms = new Set(ruleTerms());
  const cues = new Set(contextCues('negators', 'neutral'));
  const { prefixes, suffixes } = affixes(terms);
  return fullDictionary().filter(({ word }) =>
    terms.has(word) || cues.has(word) || straddlesTermEdge(word, terms, prefixes, suffixes));
}

const render = (words, cutoff) => words.filter((w) => w.freq >= cutoff).map((w) => `${w.word} ${w.freq}\n`).join('');

function evalRow(dictFile) {
  const corpus = [...fs.readdirSync(path.join(root, 'tests/corpus')).filter((f) => f.endsWith('.jsonl')).map((f) => path.join(root, 'tests/corpus', f))];
  const out = execFileSync(cli, ['eval', '--dict', dictFile, ...corpus], { encoding: 'utf8' });
  return ['recall', 'precision', 'label accuracy'].map((k) => out.match(new RegExp(`^${k}\\s+(\\S+ \\(\\S+\\))`, 'm'))?.[1]).join('  ');
}

const writeAt = process.argv.indexOf('--write');
if (writeAt > 0) {
  const cutoff = Number(process.argv[writeAt + 1]);
  const words = relevantWords();
  fs.writeFileSync(path.join(root, 'data/dict/base.txt'), render(words, cutoff));
  console.log(`data/dict/base.txt: ${words.filter((w) => w.freq >= cutoff).length} words (straddling words, freq >= ${cutoff})`);
} else {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'finlint-dict-'));
  const full = fullDictionary();
  const words = relevantWords();
  const fullFile = path.join(tmp, 'full.txt');
  fs.writeFileSync(fullFile, render(full, 0));
  console.log('| dictionary | words | recall | precision | label accuracy |\n|---|---:|---|---|---|');
  console.log(`| jieba full | ${full.length} | ${evalRow(fullFile).split('  ').join(' | ')} |`);
  for (const cutoff of CUTOFFS) {
    const file = path.join(tmp, `lean-${cutoff}.txt`);
    fs.writeFileSync(file, render(words, cutoff));
    console.log(`| straddling, freq >= ${cutoff} | ${words.filter((w) => w.freq >= cutoff).length} | ${evalRow(file).split('  ').join(' | ')} |`);
  }
  fs.rmSync(tmp, { recursive: true });
}
