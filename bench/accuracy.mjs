// Span-level recall and precision on the labelled corpus, scored the way
// `finlint eval` scores them (a finding counts if it overlaps a flagged or
// optional span), for any checker that returns UTF-16 ranges.
import { corpusDocs } from './inputs.mjs';

function occurrences(text, needle) {
  const out = [];
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) out.push([i, i + needle.length]);
  return out;
}

const overlaps = (a, b) => a[0] < b[1] && b[0] < a[1];

/** `ranges(doc)` returns the checker's [start, end) UTF-16 ranges for one document. */
export function score(ranges, docs = corpusDocs()) {
  let flagged = 0, found = 0, reported = 0, correct = 0;
  for (const doc of docs) {
    const flags = doc.flags.map(([, sub, nth = 0]) => occurrences(doc.text, sub)[nth]).filter(Boolean);
    const optional = (doc.opt ?? []).flatMap((o) => occurrences(doc.text, o));
    const got = ranges(doc);
    flagged += flags.length;
    found += flags.filter((f) => got.some((g) => overlaps(g, f))).length;
    reported += got.length;
    correct += got.filter((g) => flags.some((f) => overlaps(g, f)) || optional.some((o) => overlaps(g, o))).length;
  }
  return { recall: found / flagged, precision: correct / reported, flagged, reported };
}
