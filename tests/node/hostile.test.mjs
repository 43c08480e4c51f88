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
    assert.ok(!(e instanceof WebAssembly.RuntimeError), `trap: ${e.message}`);
    assert.match(e.code ?? '', /^FINLINT_[A-Z_]+$/, `error without a stable code: ${e.message}`);
    assert.match(e.message, /[\u4e00-\u9fff]/, `message not in Chinese: ${e.message}`);
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
  ['a number', () => wasm.check(12345, null), 'error'],
  ['an object', () => wasm.check({}, null), 'error'],
  ['a Symbol', () => wasm.check(Symbol('x'), null), 'error'],
  ['null text', () => wasm.check(null, null), 'error'],
  ['a number as pack', () => wasm.setRulePack(42), 'error'],
  ['an object as pack list', () => wasm.setRulePacks({ a: 1 }), 'error'],
  ['null pack to validate', () => wasm.validateRulePack(null), 'error'],
  ['a misspelt option', () => wasm.check('保本', { prodcut: 'wealth' }), 'error'],
  ['maxFindings of zero', () => wasm.check('保本', { maxFindings: 0 }), 'error'],
  ['a pack over 8 MiB', () => wasm.setRulePack(`# ${'x'.repeat(8 * 1024 * 1024)}`), 'error'],
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

test('wrong-typed arguments give the documented codes', () => {
  const code = (fn) => { try { fn(); } catch (e) { return e.code; } return 'no error'; };
  assert.equal(code(() => wasm.check(12345)), 'FINLINT_INVALID_ARGUMENT');
  assert.equal(code(() => wasm.check(null)), 'FINLINT_INVALID_ARGUMENT');
  assert.equal(code(() => wasm.check('')), 'FINLINT_EMPTY_INPUT');
  assert.equal(code(() => wasm.check('保本', { product: 'stocks' })), 'FINLINT_UNKNOWN_PRODUCT');
  assert.equal(code(() => wasm.check('保本', 'wealth')), 'FINLINT_INVALID_OPTIONS');
  assert.equal(code(() => wasm.setRulePack(42)), 'FINLINT_INVALID_ARGUMENT');
  assert.equal(code(() => wasm.setRulePack('[[rule]]\nid = 1')), 'FINLINT_INVALID_PACK');
  assert.equal(code(() => wasm.validateRulePack(null)), 'FINLINT_INVALID_ARGUMENT');
});

test('32 MiB + 1 byte is refused with the exact size, not a rounded one', () => {
  const text = 'a'.repeat(32 * 1024 * 1024 + 1);
  assert.throws(() => wasm.check(text), (e) => e.code === 'FINLINT_INPUT_TOO_LARGE' && e.message.includes('33554433 字节') && e.message.includes('33554432'));
});

test('a failed pack load keeps the packs in effect, and its error names the pack', () => {
  wasm.setRulePacks(['allow = ["鑫享第一"]'], ['org.toml']);
  assert.throws(() => wasm.setRulePacks(['alow = 1'], ['broken.txt']), (e) => e.message.includes('broken.txt'));
  assert.match(wasm.version().rules, /用户规则包|org\.toml/);
  assert.ok(!wasm.check('鑫享第一理财', { product: 'general' }).findings.some((f) => f.rule === 'absolute.first'), 'previous pack still applied');
  wasm.setRulePack(null);
});

// Issue 15 item 1: 32 MB of 保本 used to trap after 50 s and 3.7 GB, and left
// every later call failing ("RefCell already borrowed").
test('32 MB of 保本 gives a capped report inside wasm memory, and the module stays usable', () => {
  const text = '保本\n'.repeat(4793490);
  const t0 = performance.now();
  const r = wasm.check(text, { product: 'general' });
  const ms = performance.now() - t0;
  assert.equal(r.summary.truncated, true);
  assert.equal(r.summary.pass, false);
  assert.ok(r.findings.filter((f) => f.span).length <= 10000, `${r.findings.length} findings`);
  const mem = wasm.memoryBytes();
  assert.ok(mem < 2.5 * 1024 ** 3, `linear memory ${(mem / 2 ** 20).toFixed(0)} MiB`);
  console.log(`32 MB of 保本: ${ms.toFixed(0)} ms, linear memory ${(mem / 2 ** 20).toFixed(0)} MiB`);
  assert.ok(wasm.setRulePack(null));
  assert.ok(wasm.check('保本理财'.repeat(50000), null).findings.length > 0);
  stillWorks();
});

test('maxFindings caps per call; errors are kept before warnings', () => {
  const text = '错过再等十年！\n'.repeat(50) + '本产品保本。';
  const r = wasm.check(text, { product: 'general', maxFindings: 5 });
  assert.equal(r.summary.truncated, true);
  assert.equal(r.summary.pass, false);
  assert.ok(r.findings.some((f) => f.rule === 'guarantee.principal'));
  assert.equal(wasm.check(text, { product: 'general' }).summary.truncated, undefined);
});

test('independent checkers keep their own packs', () => {
  const a = new wasm.FinlintChecker(['allow = ["鑫享第一"]'], null);
  const b = new wasm.FinlintChecker(null, null);
  const text = '鑫享第一理财';
  assert.ok(!a.check(text, { product: 'general' }).findings.some((f) => f.rule === 'absolute.first'));
  assert.ok(b.check(text, { product: 'general' }).findings.some((f) => f.rule === 'absolute.first'));
  assert.ok(wasm.check(text, { product: 'general' }).findings.some((f) => f.rule === 'absolute.first'));
  a.free();
  b.free();
});

test('claims shown by a right-to-left override or under combining marks are caught, with UTF-16 spans', () => {
  for (const text of ['本产品\u202E本保\u202C，收益高', '本产品保\u0301本', '本产品保\u{E0100}本', '\uF9B2风险']) {
    const r = wasm.check(text, { product: 'general' });
    const f = r.findings.find((x) => x.span && /^guarantee\./.test(x.rule));
    assert.ok(f, `${JSON.stringify(text)}: ${r.findings.map((x) => x.rule)}`);
    assert.equal(text.slice(f.span.utf16_start, f.span.utf16_end), f.text);
  }
  const arabic = '\u200Fمرحبا بكم في البنك\u200F، \u2067שלום\u2069 9\u200E.';
  assert.deepEqual(wasm.check(arabic, { product: 'general' }).findings.filter((f) => f.span), []);
});
