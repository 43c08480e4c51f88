// The wasm module and the native CLI must give identical reports on the whole
// corpus: same findings, labels, profile and summary, and spans that agree
// once converted between UTF-16, scalar and byte offsets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCorpus, loadWasm, runCli } from './helpers.mjs';

const wasm = loadWasm();
const docs = loadCorpus();

function cliReports(items) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'finlint-parity-')), 'batch.jsonl');
  fs.writeFileSync(file, items.map((d) => JSON.stringify({ id: d.id, text: d.text, product: d.product })).join('\n'));
  const out = runCli(['check', '--jsonl', file]);
  return new Map(out.trim().split('\n').map((l) => JSON.parse(l)).map((r) => [r.id, r]));
}

function checkSpan(text, f) {
  const byUtf16 = text.slice(f.span.utf16_start, f.span.utf16_end);
  const byScalar = Array.from(text).slice(f.span.start, f.span.end).join('');
  const byBytes = Buffer.from(text, 'utf8').subarray(f.span.byte_start, f.span.byte_end).toString('utf8');
  assert.equal(byUtf16, f.text);
  assert.equal(byScalar, f.text);
  assert.equal(byBytes, f.text);
}

test(`wasm and CLI reports are identical on ${docs.length} corpus documents`, () => {
  assert.ok(docs.length >= 200);
  const native = cliReports(docs);
  for (const doc of docs) {
    const fromWasm = JSON.parse(JSON.stringify(wasm.check(doc.text, { product: doc.product })));
    const fromCli = native.get(doc.id);
    assert.ok(fromCli, `CLI report for ${doc.id}`);
    delete fromCli.id;
    assert.deepEqual(fromWasm, fromCli, doc.id);
    for (const f of fromWasm.findings.filter((x) => x.span)) checkSpan(doc.text, f);
    for (const l of Object.values(fromWasm.labels).filter((x) => x.present)) checkSpan(doc.text, l);
  }
});

test('astral-plane text gives spans that agree in all three units', () => {
  const text = '🎉𠀋😀保本理财，稳赚不赔👍';
  const report = wasm.check(text, { product: 'general' });
  const located = report.findings.filter((f) => f.span);
  assert.ok(located.length >= 2);
  for (const f of located) checkSpan(text, f);
  assert.equal(located[0].span.utf16_start, 6);
  assert.equal(located[0].span.start, 3);
});
