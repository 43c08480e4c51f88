// Hostile input across the wasm boundary: every call gives a report or throws
// a JS Error with a message, never a trap, and the module stays usable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadWasm } from './helpers.mjs';

const wasm = loadWasm();

function stillWorks() {
  const r = wasm.check('保本理财', { product: 'general' });
  assert.ok(r.findings.some((f) => f.rule === 'guarantee.principal'), 'module unusable after hostile input');
}

function reportOrError(fn) {
  try {
    return { report: fn() };
  } catch (e) {
    assert.ok(e instanceof Error, `threw a non-Error: ${e}`);
    assert.ok(e.message && !/unreachable|RuntimeError/.test(e.message), `trap-like error: ${e.message}`);
    return { error: e.message };
  }
}

const cases = [
  ['empty', () => wasm.check('', null), 'error'],
  ['whitespace only', () => wasm.check(' \n\t　', null), 'error'],
  ['lone high surrogate', () => wasm.check('保\uD800本理财', null), 'report'],
  ['lone low surrogate at end', () => wasm.check('零风险\uDC00', null), 'report'],
  ['NUL bytes', () => wasm.check('保\0本\0理财', null), 'report'],
  ['unknown product', () => wasm.check('保本', { product: 'stocks' }), 'error'],
  ['options of the wrong type', () => wasm.check('保本', { product: 42 }), 'error'],
  ['options not an object', () => wasm.check('保本', 'wealth'), 'error'],
  ['deep HTML', () => wasm.check('<div>'.repeat(100000) + '保本', null), 'report'],
  ['broken HTML', () => wasm.check('<div<span<b 保本 <!-- &#xFFFFFFFF; <script>', null), 'report'],
  ['RTL and combining marks', () => wasm.check('\u202E保本\u202C 零\u0301风险 ב', null), 'report'],
  ['emoji between CJK', () => wasm.check('保😀本，零🎉风险', null), 'report'],
  ['one long line', () => wasm.check('保本收益稳定'.repeat(200000), null), 'report'],
  ['over the 32 MB limit', () => wasm.check('字'.repeat(12 * 1024 * 1024), null), 'error'],
  ['invalid TOML pack', () => wasm.setRulePack('[[rule]]\nid = 1'), 'error'],
  ['pack with a duplicate id', () => wasm.setRulePack('[[rule]]\nid="guarantee.principal"\ncategory="guarantee"\nseverity="error"\nmessage="m"\nbasis="b"\nterms=["x"]'), 'error'],
  ['pack with an empty term', () => wasm.setRulePack('[[rule]]\nid="a.b"\ncategory="guarantee"\nseverity="error"\nmessage="m"\nbasis="b"\nterms=[""]'), 'error'],
  ['pack with a huge regex', () => wasm.setRulePack('[[rule]]\nid="a.b"\ncategory="guarantee"\nseverity="error"\nmessage="m"\nbasis="b"\npatterns=["(?:\\\\w{100}){100}"]'), 'error'],
  ['invalid JSON pack', () => wasm.setRulePacks(['{"allow": [1, 2]']), 'error'],
];

for (const [name, fn, expected] of cases) {
  test(`hostile input: ${name}`, () => {
    const outcome = reportOrError(fn);
    if (expected === 'error') {
      assert.ok(outcome.error, `${name} should throw`);
    } else {
      assert.ok(outcome.report, `${name} should give a report, threw ${outcome.error}`);
      if (outcome.report.findings) assert.ok(Array.isArray(outcome.report.findings));
    }
    wasm.setRulePack(null);
    stillWorks();
  });
}

test('lone surrogates keep UTF-16 spans aligned with the JS string', () => {
  const text = '\uD800保本\uDC00零风险';
  const r = wasm.check(text, { product: 'general' });
  const spans = r.findings.filter((f) => f.span);
  assert.ok(spans.length >= 2);
  for (const f of spans) {
    // The lone surrogates arrive as U+FFFD, one UTF-16 unit each, so offsets still index the JS string.
    assert.equal(text.slice(f.span.utf16_start, f.span.utf16_end), f.text);
  }
});

test('a pack with 100,000 terms loads and matches', () => {
  const terms = Array.from({ length: 100000 }, (_, i) => `"词条${i}"`).join(',');
  wasm.setRulePack(`[[rule]]\nid="org.big"\ncategory="misleading"\nseverity="warning"\nmessage="m"\nbasis="b"\nterms=[${terms}]`);
  const r = wasm.check('词条99999', null);
  assert.ok(r.findings.some((f) => f.rule === 'org.big'));
  wasm.setRulePack(null);
  stillWorks();
});
