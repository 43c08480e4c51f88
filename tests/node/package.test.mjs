// The npm package as an integrator gets it: packed, installed from the
// tarball with no network, used from ESM and CommonJS.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { root, runCli } from './helpers.mjs';

let project;
let pkg;

before(() => {
  execFileSync('bash', [path.join(root, 'scripts/build-npm.sh')], { stdio: 'pipe' });
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'finlint-pkg-'));
  fs.writeFileSync(path.join(project, 'package.json'), '{"name":"cms","version":"1.0.0","private":true}');
  const tarball = path.join(root, 'target/npm/finlint-0.1.0.tgz');
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: project, stdio: 'pipe' });
  pkg = createRequire(path.join(project, 'index.js'))('finlint');
});

test('CommonJS and ESM entries give the same report', async () => {
  const esm = await import(pathToFileURL(path.join(project, 'node_modules/finlint/index.mjs')));
  const text = '保本保收益，零风险稳赚！';
  assert.deepEqual(esm.check(text, { product: 'wealth' }), pkg.check(text, { product: 'wealth' }));
  const types = fs.readFileSync(path.join(project, 'node_modules/finlint/index.d.ts'), 'utf8');
  for (const name of ['interface Report', 'interface Finding', 'interface Span', 'interface RulePack', 'function validate']) {
    assert.ok(types.includes(name), `types declare ${name}`);
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
  assert.throws(() => pkg.check(42), /string/);
  assert.throws(() => pkg.check(''), /为空/);
});

test('spans point into the original HTML string', () => {
  const html = '<article><h1>年终<em>理财</em></h1><p>收益<b>稳赚</b>，<span style="color:red">保</span>本无忧&nbsp;😀</p></article>';
  const { report } = pkg.validate(html, { product: 'wealth' });
  const located = report.findings.filter((f) => f.span);
  assert.ok(located.length >= 2);
  for (const f of located) assert.equal(html.slice(f.span.utf16_start, f.span.utf16_end), f.text);
  assert.ok(located.some((f) => f.text === '保</span>本无忧'));
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
    assert.deepEqual(JSON.parse(JSON.stringify(fromPkg.report)), cli, text);
  }
});
