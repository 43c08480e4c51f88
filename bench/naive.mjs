// The baseline: how most online 极限词 checkers work. One big regex
// alternation over a term list, longest term first, no normalisation, no
// segmentation, no context and no labels.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { targetDir } from './inputs.mjs';

/** The lexicon terms of finlint's enabled built-in rules (via the native CLI). */
export function builtinTerms(cli = path.join(targetDir, 'release/finlint')) {
  const { rules } = JSON.parse(execFileSync(cli, ['rules', '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 << 20 }));
  return [...new Set(rules.filter((r) => r.enabled).flatMap((r) => r.definition?.terms ?? []))];
}

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function naiveChecker(terms) {
  const re = new RegExp([...terms].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'), 'g');
  return function check(text) {
    const hits = [];
    for (const m of text.matchAll(re)) hits.push({ term: m[0], start: m.index, end: m.index + m[0].length });
    return hits;
  };
}
