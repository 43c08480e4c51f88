// The `explain` option at the wasm boundary and through the npm API layer:
// the candidates found but not flagged, with the reason, equal to the CLI's
// `--explain`; absent unless asked for; checked as a boolean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createApi } from '../../npm/api.mjs';
import { loadWasm, runCli } from './helpers.mjs';

const wasm = loadWasm();
// The API layer over the same module, as index.mjs builds it.
const api = createApi({ load: () => wasm, unload() {}, init: async () => {} });

const ANTI_FRAUD = '【反诈提醒】警惕理财骗局！骗子常说“保本高息，稳赚不赔”，请勿相信。\n本产品不保证收益。';

test('wasm check with explain lists each unflagged candidate with its reason, as the CLI does', () => {
  const report = wasm.check(ANTI_FRAUD, { product: 'wealth', explain: true });
  const reasons = report.explained.map((e) => [e.rule, e.text, e.reason]);
  assert.deepEqual(reasons, [
    ['guarantee.principal', '保本高息', 'genre_citation'],
    ['guarantee.risk_free', '稳赚不赔', 'genre_citation'],
    ['guarantee.returns', '保证收益', 'negation'],
  ]);
  const negated = report.explained[2];
  assert.equal(negated.cue, '不');
  assert.match(negated.detail, /否定词“不”/);
  assert.equal(ANTI_FRAUD.slice(negated.span.utf16_start, negated.span.utf16_end), '保证收益');
  assert.equal(report.genre.kind, 'warning');
  const cli = JSON.parse(runCli(['check', '--explain', '--product', 'wealth', '--format', 'json', '-'], ANTI_FRAUD));
  assert.deepEqual(report.explained, cli.explained);
});

test('without explain (or with false) the report has no explained field and is unchanged', () => {
  const plain = wasm.check(ANTI_FRAUD, { product: 'wealth' });
  assert.equal('explained' in plain, false);
  assert.deepEqual(wasm.check(ANTI_FRAUD, { product: 'wealth', explain: false }), plain);
  const { explained, ...rest } = wasm.check(ANTI_FRAUD, { product: 'wealth', explain: true });
  assert.ok(Array.isArray(explained));
  assert.deepEqual(rest, plain);
});

test('explain must be a boolean, and the unknown-key message names it', () => {
  assert.throws(() => wasm.check('保本', { explain: 'yes' }), { code: 'FINLINT_INVALID_OPTIONS', message: /explain 必须是 true 或 false/ });
  assert.throws(() => wasm.check('保本', { explian: true }), { code: 'FINLINT_INVALID_OPTIONS', message: /explain/ });
  assert.equal(wasm.check('保本', { explain: null }).explained, undefined);
});

test('the npm API passes explain through check, validate and createChecker', () => {
  const checked = api.check('请问这款产品保本吗？', { product: 'wealth', explain: true });
  assert.equal(checked.explained[0].reason, 'question');
  // As for findings: text is what a reader sees, source the raw slice.
  const html = '<p>本产品不<b>保证</b>收益。</p>';
  const { ok, report } = api.validate(html, { product: 'general', explain: true });
  assert.equal(typeof ok, 'boolean');
  const e = report.explained.find((x) => x.reason === 'negation');
  assert.equal(e.text, '保证收益');
  assert.equal(e.source, html.slice(e.span.utf16_start, e.span.utf16_end));
  assert.equal('visible' in e, false);
  assert.equal('explained' in api.check(html, { product: 'general' }), false);

  const checker = api.createChecker({ rules: { allow: ['鑫享第一'] }, product: 'wealth', explain: true });
  const allowed = checker.check('鑫享第一理财，稳健之选。').explained.find((x) => x.reason === 'allow_list');
  assert.equal(allowed.cue, '鑫享第一');
  assert.equal('explained' in checker.check('保本理财', { explain: false }), false);
  checker.free();
});
