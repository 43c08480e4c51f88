// A fuzz driver for the wasm API, fed JS-like values: numbers, objects,
// arrays, symbols, strings with lone surrogates, HTML fragments, huge strings.
// Every call must return a value or throw an Error with a Chinese message and
// a FINLINT_* code; never a trap; and the module must keep working.
//
//   node tests/node/fuzz-wasm.mjs [--iterations N] [--seed S] [--huge]
//
// tests/node/fuzz.test.mjs runs a short seeded run; scripts/fuzz.sh runs long ones.
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { loadWasm } from './helpers.mjs';

/** mulberry32: small, seedable and good enough to pick shapes. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (xs) => xs[int(xs.length)] };
}

const PIECES = ['保本', '保息', '零风险', '稳赚', '不赔', '全国第一', '年化收益率', '8%', '理财', '基金', '风险等级R2',
  '封闭期90天', '投资有风险', '<p>', '</p>', '<b>', '</b>', '<img alt="稳赚不赔">', '<a title=\'保本\'>', '&amp;', '&#26412;',
  '&#xFFFFFFFF;', '<!-- finlint-disable-line guarantee -->', '<!--', '-->', '<script>', '\u202e', '\u200b', '\u0301', '\uD800',
  '\uDC00', '😀', '𠀋', '\0', '\n', '\r\n', ' ', '，', '“', '”', '不', '非', '谨防', '所谓', 'ב', '\u{10FFFF}', '\uFFFF'];

function fragmentString(r, maxPieces) {
  let s = '';
  const n = 1 + r.int(maxPieces);
  for (let i = 0; i < n; i++) {
    s += r.next() < 0.8 ? r.pick(PIECES) : String.fromCharCode(r.int(0x10000));
  }
  return s;
}

function packText(r) {
  return r.pick([
    '', 'allow = ["鑫享第一"]', 'disable = ["promotion"]', '[pack]\nname = "测试"\nversion = "1"',
    `[[rule]]\nid = "t.x${r.int(9)}"\ncategory = "misleading"\nseverity = "warning"\nmessage = "“{text}”"\nbasis = "b"\nterms = [${JSON.stringify(fragmentString(r, 3))}]`,
    '{"allow": ["a"]}', '{"allow": [1]}', '[[rule]]\nid = 1', fragmentString(r, 6), '{"rule": [{"id": "x"}]}',
    `[[rule]]\nid = "t.p"\ncategory = "guarantee"\nseverity = "error"\nmessage = "m"\nbasis = "b"\npatterns = [${JSON.stringify(fragmentString(r, 2))}]`,
  ]);
}

/** A JS-like value of any type, strings most often. */
export function value(r, { huge = false } = {}) {
  switch (r.int(14)) {
    case 0: return r.pick([0, -1, 12345, NaN, Infinity, -0, 2 ** 53, 1.5]);
    case 1: return r.pick([null, undefined, true, false]);
    case 2: return Symbol('x');
    case 3: return 10n;
    case 4: return {};
    case 5: return { product: r.pick(['wealth', 'fund', 'stocks', '', 42, null, 'auto']), maxFindings: r.pick([undefined, 1, 0, -5, 2.5, 1e9, 'x']) };
    case 6: return [fragmentString(r, 4), 7];
    case 7: return () => '保本';
    case 8: return new Uint8Array(4);
    case 9: return huge && r.next() < 0.3 ? r.pick(PIECES).repeat(1 + r.int(2_000_000)) : fragmentString(r, 400);
    case 10: return { toString: () => '保本' };
    default: return fragmentString(r, 40);
  }
}

const CJK = /[\u4e00-\u9fff]/;

function expectOutcome(name, fn) {
  let out;
  try {
    out = fn();
  } catch (e) {
    assert.ok(e instanceof Error, `${name}: threw a non-Error ${String(e)}`);
    assert.ok(!(e instanceof WebAssembly.RuntimeError), `${name}: trap ${e.message}`);
    assert.match(e.code ?? '', /^FINLINT_[A-Z_]+$/, `${name}: error without a code: ${e.message}`);
    assert.match(e.message, CJK, `${name}: message not in Chinese: ${e.message}`);
    return { error: e };
  }
  return { out };
}

function checkReport(input, report) {
  assert.ok(Array.isArray(report.findings));
  assert.equal(typeof report.summary.pass, 'boolean');
  assert.equal(report.summary.pass, report.summary.errors === 0);
  const wellFormed = input.toWellFormed();
  for (const f of report.findings.filter((x) => x.span)) {
    assert.equal(wellFormed.slice(f.span.utf16_start, f.span.utf16_end), f.text, `span of ${f.rule}`);
    assert.ok(!/[<>]/.test(f.visible) || /[<>]/.test(wellFormed.replace(/<[^>]*>/g, '')), `markup in visible text ${JSON.stringify(f.visible)} of ${JSON.stringify(input)}`);
  }
}

export function run({ seed = 1, iterations = 200, huge = false, log = () => {} } = {}) {
  const wasm = loadWasm();
  const r = rng(seed);
  const sanity = () => {
    const rep = wasm.check('保本理财', { product: 'general' });
    assert.ok(rep.findings.some((f) => f.rule === 'guarantee.principal'), 'module unusable');
  };
  const calls = {
    check: () => { const input = value(r, { huge }); const res = expectOutcome('check', () => wasm.check(input, r.next() < 0.5 ? undefined : value(r))); if (res.out) checkReport(input, res.out); },
    checkString: () => { const input = fragmentString(r, 200); const res = expectOutcome('check', () => wasm.check(input, null)); if (res.out) checkReport(input, res.out); },
    setRulePack: () => expectOutcome('setRulePack', () => wasm.setRulePack(r.next() < 0.6 ? packText(r) : value(r))),
    setRulePacks: () => expectOutcome('setRulePacks', () => wasm.setRulePacks(r.next() < 0.6 ? [packText(r), packText(r)] : value(r), r.next() < 0.5 ? undefined : value(r))),
    validateRulePack: () => expectOutcome('validateRulePack', () => wasm.validateRulePack(r.next() < 0.6 ? packText(r) : value(r), value(r))),
    checker: () => {
      const res = expectOutcome('FinlintChecker', () => new wasm.FinlintChecker(r.next() < 0.6 ? [packText(r)] : value(r), value(r)));
      if (res.out) {
        const input = fragmentString(r, 50);
        const c = expectOutcome('FinlintChecker.check', () => res.out.check(input, value(r)));
        if (c.out) checkReport(input, c.out);
        res.out.free();
      }
    },
    rules: () => expectOutcome('rules', () => wasm.rules()),
  };
  const names = Object.keys(calls);
  // applyFixes draws from its own generator, so that adding it left the
  // sequence of the other calls for a given seed as it was.
  const f = rng(seed + 0x9e3779b9);
  const applyFixes = () => {
    const input = fragmentString(f, 200);
    const rep = expectOutcome('check', () => wasm.check(input, null));
    if (!rep.out) return;
    const shifted = (x) => (x.span ? { ...x, span: { ...x.span, byte_start: f.pick([f.int(input.length * 3 + 2), -1, 1.5, NaN]), byte_end: f.int(input.length * 3 + 2) } } : x);
    const findings = f.pick([rep.out.findings, rep.out.findings.map(shifted), value(f), [value(f)]]);
    const res = expectOutcome('applyFixes', () => wasm.applyFixes(f.next() < 0.8 ? input : value(f), findings));
    if (res.out) assert.equal(typeof res.out.text, 'string');
  };
  for (let i = 0; i < iterations; i++) {
    const name = r.pick(names);
    calls[name]();
    if (i % 4 === 0) applyFixes();
    if (i % 10 === 9) {
      wasm.setRulePack(null);
      sanity();
      log(`${i + 1}/${iterations}`);
    }
  }
  wasm.setRulePack(null);
  sanity();
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name, dflt) => { const i = process.argv.indexOf(name); return i >= 0 ? Number(process.argv[i + 1]) : dflt; };
  const seed = arg('--seed', Date.now() % 1e9);
  const iterations = arg('--iterations', 2000);
  console.log(`fuzzing the wasm API: seed ${seed}, ${iterations} iterations`);
  run({ seed, iterations, huge: process.argv.includes('--huge'), log: (m) => process.stdout.write(`\r${m}`) });
  console.log('\nno trap, every error had a code and a Chinese message');
}
