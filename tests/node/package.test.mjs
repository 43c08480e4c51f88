// The npm package as an integrator gets it: packed, installed from the
// tarball with no network, used from ESM, CommonJS and TypeScript.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { root, runCli, tarballPath } from './helpers.mjs';

let project;
let pkg;

before(() => {
  execFileSync('bash', [path.join(root, 'scripts/build-npm.sh')], { stdio: 'pipe' });
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'finlint-pkg-'));
  fs.writeFileSync(path.join(project, 'package.json'), '{"name":"cms","version":"1.0.0","private":true}');
  const tarball = tarballPath;
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: project, stdio: 'pipe' });
  pkg = createRequire(path.join(project, 'index.js'))('finlint');
});

test('CommonJS and ESM entries give the same report', async () => {
  const esm = await import(pathToFileURL(path.join(project, 'node_modules/finlint/index.mjs')));
  const text = '保本保收益，零风险稳赚！';
  assert.deepEqual(esm.check(text, { product: 'wealth' }), pkg.check(text, { product: 'wealth' }));
  const types = fs.readFileSync(path.join(project, 'node_modules/finlint/index.d.ts'), 'utf8');
  for (const name of ['interface Report', 'interface Finding', 'interface RulePack', 'function validate', 'function catalog']) {
    assert.ok(types.includes(name), `types declare ${name}`);
  }
  // Span and the other core types come from the generated file, which the package ships.
  const generated = fs.readFileSync(path.join(project, 'node_modules/finlint/types.generated.d.ts'), 'utf8');
  for (const name of ['type Span', 'type Catalog', 'type Product', 'type Report', 'type LabelStatus']) {
    assert.ok(generated.includes(name), `generated types declare ${name}`);
  }
});

test('validate gates on errors by default and on warnings when asked', () => {
  const withRules = '购买即可参与抽奖，活动规则详见官网。风险等级R2，封闭期90天，投资有风险，入市须谨慎。发布机构：诚信银行股份有限公司 2026年11月1日';
  const byError = pkg.validate(withRules, { product: 'general' });
  assert.equal(byError.report.summary.errors, 0);
  assert.equal(byError.ok, true);
  const byWarning = pkg.validate(withRules, { product: 'general', failOn: 'warning' });
  assert.equal(byWarning.ok, false);
  assert.equal(pkg.validate('保本理财', { product: 'general' }).ok, false);
  assert.throws(() => pkg.validate('x', { failOn: 'never' }), /failOn/);
  assert.throws(() => pkg.validate('x', { failOn: 'never' }), { code: 'FINLINT_INVALID_OPTIONS' });
  assert.throws(() => pkg.check(42), { code: 'FINLINT_INVALID_ARGUMENT', message: /字符串/ });
  assert.throws(() => pkg.check(''), { code: 'FINLINT_EMPTY_INPUT', message: /为空/ });
});

// Issue 11 item 6: the package applies fixes with the core's function, so
// it gives the page's sentence, not a spliced one (限时抢购，！).
test('applyFixes gives grammatical text and the same as the page', () => {
  const ad = '限时抢购，仅限今天！数量有限，名额有限。本行荣获“最佳财富管理银行”称号，预期年化收益率高达8%。';
  const report = pkg.check(ad, { product: 'wealth' });
  const fixed = pkg.applyFixes(ad, report.findings);
  assert.equal(fixed.text, '限时抢购！数量有限。本行荣获“最佳财富管理银行”称号，预期年化收益率高达8%。');
  assert.equal(fixed.applied, 2);
  const noFix = report.findings.filter((f) => f.rule === 'absolute.superlative' || f.rule === 'misleading.expected_yield');
  assert.equal(noFix.length, 2);
  for (const f of noFix) {
    assert.equal(f.replacement, undefined, f.rule);
    assert.match(f.suggestion, /不提供一键修改：/);
  }
  const one = pkg.applyFixes(ad, [report.findings.find((f) => f.source === '名额有限')]);
  assert.equal(one.text, ad.replace('，名额有限', ''));
  assert.equal(ad.slice(0, one.caret), '限时抢购，仅限今天！数量有限');
  assert.throws(() => pkg.applyFixes(ad, 'x'), { code: 'FINLINT_INVALID_ARGUMENT', message: /findings/ });
  assert.throws(() => pkg.applyFixes('短', report.findings), { code: 'FINLINT_INVALID_ARGUMENT', message: /位置/ });
});

test('spans point into the original HTML string', () => {
  const html = '<article><h1>年终<em>理财</em></h1><p>收益<b>稳赚</b>，<span style="color:red">保</span>本无忧&nbsp;😀</p></article>';
  const { report } = pkg.validate(html, { product: 'wealth' });
  const located = report.findings.filter((f) => f.span);
  assert.ok(located.length >= 2);
  for (const f of located) assert.equal(html.slice(f.span.utf16_start, f.span.utf16_end), f.source);
  const f = located.find((x) => x.source === '保</span>本无忧');
  assert.ok(f, JSON.stringify(located));
  assert.equal(f.text, '保本无忧');
});

// Issue 12 item 7: a CMS that shows messages as HTML must not get markup from the input.
test('text and messages are the visible text, never the raw HTML; the source slice is a separate field', () => {
  const html = '<p>本产品<strong>保本</strong>保息，收益&#39640;&#36798;8%，保<img src=x onerror=alert(1)>本</p>';
  const { report } = pkg.validate(html, { product: 'wealth' });
  const located = report.findings.filter((f) => f.span);
  const byText = Object.fromEntries(located.map((f) => [f.text, f]));
  assert.equal(byText['保本保息']?.source, '保本</strong>保息');
  assert.equal(byText['收益高达8%']?.source, '收益&#39640;&#36798;8%');
  assert.equal(byText['保本']?.source, '保<img src=x onerror=alert(1)>本');
  for (const f of [...report.findings, ...report.suppressed]) {
    assert.doesNotMatch(f.message, /[<>]|&#/, f.message);
    assert.doesNotMatch(f.text, /[<>]|&#/, f.text);
    assert.equal(f.visible, undefined, 'the core field is renamed, not duplicated');
  }
  for (const f of located) assert.equal(html.slice(f.span.utf16_start, f.span.utf16_end), f.source);
  // Labels too: the text a reader sees, the raw slice beside it.
  const labelled = pkg.check('<p>风险等级：<b>R2</b>，封闭期90天</p>', { product: 'wealth' }).labels.risk_level;
  assert.equal(labelled.present, true);
  assert.doesNotMatch(labelled.text, /[<>]/);
  assert.match(labelled.source, /<b>/);
});

// Issue 12 item 9: readers see alt and title texts.
test('alt and title attributes are checked, with spans inside the attribute', () => {
  const html = '<p>年终好礼<img src="gift.png" alt="稳赚不赔"><a href="/more" title="保本保息">了解详情</a></p>';
  const { ok, report } = pkg.validate(html, { product: 'general' });
  assert.equal(ok, false);
  for (const t of ['稳赚不赔', '保本保息']) {
    const f = report.findings.find((x) => x.text === t);
    assert.ok(f, `${t} in ${JSON.stringify(report.findings.map((x) => x.text))}`);
    assert.equal(html.slice(f.span.utf16_start, f.span.utf16_end), t);
  }
});

test('null options are no options, and wrong-typed calls throw coded Chinese errors', () => {
  assert.equal(pkg.validate('保本理财', null).ok, false);
  assert.equal(pkg.check('保本理财', null).summary.pass, false);
  assert.throws(() => pkg.validateRulePack(null), { code: 'FINLINT_INVALID_ARGUMENT', message: /规则包/ });
  assert.throws(() => pkg.validateRulePack(42), { code: 'FINLINT_INVALID_ARGUMENT' });
  assert.throws(() => pkg.check('保本', 'wealth'), { code: 'FINLINT_INVALID_OPTIONS' });
  assert.throws(() => pkg.check('保本', { product: 'stocks' }), { code: 'FINLINT_UNKNOWN_PRODUCT' });
  assert.throws(() => pkg.check('保本', { rules: [42] }), { code: 'FINLINT_INVALID_ARGUMENT' });
  assert.throws(() => pkg.validateRulePack('alow = 1', 'org-rules.toml'), (e) => e.code === 'FINLINT_INVALID_PACK' && e.message.includes('org-rules.toml'));
  assert.throws(() => pkg.createChecker({ rules: '[[rule]]\nid = 1' }), { code: 'FINLINT_INVALID_PACK' });
  for (const code of Object.values(pkg.ErrorCode)) assert.match(code, /^FINLINT_[A-Z_]+$/);
});

test('createChecker gives independent checkers; switching between them rebuilds nothing', () => {
  const toml = fs.readFileSync(path.join(root, 'examples/packs/chengxin-bank.toml'), 'utf8');
  const bank = pkg.createChecker({ rules: toml, product: 'general' });
  const plain = pkg.createChecker({ product: 'general' });
  const text = '诚信银行金元宝理财，稳如泰山。';
  assert.ok(bank.check(text).findings.some((f) => f.rule === 'chengxin.retired_product'));
  assert.ok(!plain.check(text).findings.some((f) => f.rule === 'chengxin.retired_product'));
  assert.match(bank.version().rules, /诚信银行/);
  // Building a pack costs tens of ms; alternating checks must not pay it.
  const t0 = performance.now();
  const build = pkg.createChecker({ rules: toml });
  const buildMs = performance.now() - t0;
  const short = '本产品稳如泰山，保本。';
  const t1 = performance.now();
  for (let i = 0; i < 20; i++) (i % 2 ? bank : plain).check(short);
  const perSwitch = (performance.now() - t1) / 20;
  assert.ok(perSwitch < buildMs, `a switch costs ${perSwitch.toFixed(1)} ms, a build ${buildMs.toFixed(1)} ms`);
  // The module-level calls keep a small cache of packs too.
  for (let i = 0; i < 4; i++) pkg.check(short, { product: 'general', rules: i % 2 ? toml : undefined });
  build.free();
  bank.free();
  plain.free();
});

test('after a trap the engine is dropped and rebuilt, and the error has a code', async () => {
  const { createApi } = await import(pathToFileURL(path.join(project, 'node_modules/finlint/api.mjs')));
  const real = createRequire(path.join(project, 'index.js'))(path.join(project, 'node_modules/finlint/pkg/node/finlint.js'));
  real.init();
  let loads = 0;
  let trapNext = true;
  const api = createApi({
    load() {
      loads += 1;
      // A stand-in for an instance that traps once, as an out-of-memory wasm module does.
      return trapNext ? { FinlintChecker: class { constructor() { trapNext = false; throw new WebAssembly.RuntimeError('unreachable'); } } } : real;
    },
    unload() {},
    init() {},
  });
  assert.throws(() => api.check('保本理财'), (e) => e.code === 'FINLINT_INTERNAL' && /重置/.test(e.message));
  assert.equal(api.check('保本理财', { product: 'general' }).summary.pass, false);
  assert.ok(loads >= 2);
});

test('rule packs: text or object, cached between calls, errors name the field and line', () => {
  const toml = fs.readFileSync(path.join(root, 'examples/packs/chengxin-bank.toml'), 'utf8');
  const json = JSON.parse(fs.readFileSync(path.join(root, 'examples/packs/chengxin-bank.json'), 'utf8'));
  const text = '诚信银行金元宝理财，稳如泰山。';
  const a = pkg.check(text, { product: 'general', rules: toml });
  const b = pkg.check(text, { product: 'general', rules: json });
  assert.deepEqual(a, b);
  assert.ok(a.findings.some((f) => f.rule === 'chengxin.retired_product'));
  assert.match(pkg.version({ rules: toml }).rules, /诚信银行@2026\.11/);
  assert.ok(!pkg.check(text, { product: 'general' }).findings.some((f) => f.rule === 'chengxin.retired_product'), 'packs do not leak into later calls');
  assert.throws(() => pkg.validateRulePack('allow = ["a"]\n[severity]\n"no.such" = "error"\n'), /no\.such/);
  assert.throws(() => pkg.validateRulePack('alow = ["a"]\n'), /第1行.*alow|alow/);
  assert.throws(() => pkg.validateRulePack('[[rule]]\nid = "x"\n\ncategory = "nope"\n'), /第\d+行/);
});

test('the CLI and the package give the same verdict with the same pack', () => {
  const packFile = path.join(root, 'examples/packs/chengxin-bank.toml');
  const texts = ['诚信银行金元宝理财，稳如泰山。', '诚信第一储蓄所开业。', '本产品风险等级R2，封闭期90天。理财非存款、产品有风险、投资须谨慎。发布机构：诚信银行股份有限公司 2026年11月1日'];
  for (const text of texts) {
    const cli = JSON.parse(runCli(['check', '--format', 'json', '--product', 'wealth', '--rules', packFile, '-'], text));
    const fromPkg = pkg.validate(text, { product: 'wealth', rules: fs.readFileSync(packFile, 'utf8') });
    assert.equal(fromPkg.ok, cli.summary.pass, text);
    // The package names the core's fields for integrators: text = visible text, source = raw slice.
    const asCore = ({ text: visible, source, ...rest }) => ({ ...rest, text: source, visible });
    const labels = Object.fromEntries(Object.entries(fromPkg.report.labels).map(([k, l]) => [k, l.present ? asCore(l) : l]));
    const core = { ...fromPkg.report, labels, findings: fromPkg.report.findings.map(asCore), suppressed: fromPkg.report.suppressed.map(asCore) };
    assert.deepEqual(JSON.parse(JSON.stringify(core)), cli, text);
  }
});

// Issue 12 item 8: runtime exports and types agree, checked by compiling with
// tsc --strict and running the output against the installed tarball.
test('TypeScript (ESM and CommonJS) compiles under --strict and runs', () => {
  const dir = path.join(project, 'ts');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'esm.mts'), `
import finlint, { init, check, validate, createChecker, catalog, ErrorCode, type Report, type FinlintError, type Span, type Catalog, type Product, type ExplainReason } from 'finlint';
await init();
const report: Report = check('保本保收益', { product: 'wealth' });
const names: Catalog = catalog();
const first: Product = names.products[0].id;
const byName: Report = check('保本保收益', { product: '理财' });
const span: Span | null = report.findings[0].span;
const viaDefault = finlint.validate('<p>保<b>本</b></p>', null);
const checker = createChecker({ rules: { allow: ['鑫享第一'] }, product: 'general' });
let code: string = '';
try { validate(42 as unknown as string); } catch (e) { code = (e as FinlintError).code; }
const why: ExplainReason | undefined = check('本产品不保证收益', { product: 'general', explain: true }).explained?.[0]?.reason;
console.log(JSON.stringify({ first, sameProfile: byName.profile.name === report.profile.name, spanStart: span?.start, errors: report.summary.errors, text: viaDefault.report.findings[0].text, source: viaDefault.report.findings[0].source,
  allowed: checker.check('鑫享第一理财').findings.every((f) => f.rule !== 'absolute.first'), code, same: code === ErrorCode.INVALID_ARGUMENT, why }));
`);
  fs.writeFileSync(path.join(dir, 'cjs.cts'), `
import finlint = require('finlint');
import { validate, type Finding } from 'finlint';
const f: Finding | undefined = validate('保本理财', { product: 'general' }).report.findings[0];
console.log(JSON.stringify({ rule: f?.rule, viaNamespace: finlint.check('稳赚不赔').summary.pass, viaDefault: typeof finlint.default.init }));
`);
  const tsc = path.join(root, 'node_modules/.bin/tsc');
  execFileSync(tsc, ['--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', 'false',
    '--outDir', path.join(dir, 'out'), path.join(dir, 'esm.mts'), path.join(dir, 'cjs.cts')], { cwd: project, stdio: 'pipe' });
  const esm = JSON.parse(execFileSync(process.execPath, [path.join(dir, 'out/esm.mjs')], { cwd: project, encoding: 'utf8' }));
  assert.deepEqual(esm, { first: 'wealth', sameProfile: true, spanStart: 0, errors: esm.errors, text: '保本', source: '保<b>本', allowed: true, code: 'FINLINT_INVALID_ARGUMENT', same: true, why: 'negation' });
  assert.ok(esm.errors > 0);
  const cjs = JSON.parse(execFileSync(process.execPath, [path.join(dir, 'out/cjs.cjs')], { cwd: project, encoding: 'utf8' }));
  assert.deepEqual(cjs, { rule: 'guarantee.principal', viaNamespace: false, viaDefault: 'function' });
});

test('the ESM default export and named exports are the same functions; init is async', async () => {
  const esm = await import(pathToFileURL(path.join(project, 'node_modules/finlint/index.mjs')));
  for (const name of ['init', 'check', 'validate', 'applyFixes', 'createChecker', 'rules', 'version', 'catalog', 'validateRulePack']) {
    assert.equal(typeof esm[name], 'function', name);
    assert.equal(esm.default[name], esm[name], name);
    assert.equal(typeof pkg[name], 'function', `CommonJS ${name}`);
  }
  const pending = esm.init();
  assert.ok(pending instanceof Promise);
  await pending;
  const t0 = performance.now();
  esm.check('本产品保本保收益，年化收益率8%。', { product: 'wealth' });
  assert.ok(performance.now() - t0 < 200, 'the first check after init does not build the engine');
});
