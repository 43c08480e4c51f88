// Formats other tools read: SARIF 2.1.0 against the official schema (shipped
// in tests/data), GitHub workflow commands, and the rule-pack JSON Schema.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import { root, runCli as cli } from './helpers.mjs';

test('SARIF output validates against the official SARIF 2.1.0 schema', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(root, 'tests/data/sarif-2.1.0-rtm.5.json'), 'utf8'));
  const validate = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);
  const files = [path.join(root, 'tests/samples/wealth-ad.txt'), path.join(root, 'examples/cms-prepublish/post.json')];
  const sarif = JSON.parse(cli(['check', '--format', 'sarif', ...files]));
  assert.ok(validate(sarif), JSON.stringify(validate.errors, null, 2));
  assert.ok(sarif.runs[0].results.length > 5);
  assert.ok(sarif.runs[0].tool.driver.rules.some((r) => r.id === 'guarantee.principal'));
});

test('GitHub format prints one workflow command per finding', () => {
  const out = cli(['check', '--format', 'github', path.join(root, 'tests/samples/wealth-ad.txt')]);
  const lines = out.trim().split('\n');
  assert.ok(lines.length > 5);
  for (const l of lines) assert.match(l, /^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,title=[^:]+::.+/);
  assert.ok(lines.some((l) => l.includes('line=3,col=1') && l.includes('guarantee.principal')));
});

test('the example pack matches the rule-pack schema, and broken packs do not', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(root, 'schema/rule-pack.schema.json'), 'utf8'));
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  const pack = JSON.parse(fs.readFileSync(path.join(root, 'examples/packs/chengxin-bank.json'), 'utf8'));
  assert.ok(validate(pack), JSON.stringify(validate.errors));
  const rule = { id: 'x', category: 'absolute', severity: 'error', message: 'm', basis: 'b', terms: ['a'] };
  for (const bad of [{ alow: [] }, { rule: [{ ...rule, category: 'nope' }] }, { allow: [''] }, { severity: { x: 'fatal' } },
    // A context check takes no severity (the engine rejects it); only downgrade_if has one, and needs it.
    { rule: [{ ...rule, drop_if: { scope: 'sentence', patterns: ['x'], severity: 'info' } }] },
    { rule: [{ ...rule, downgrade_if: { scope: 'sentence', patterns: ['x'] } }] },
    { rule: [{ ...rule, terms: undefined }] }, { required_labels: { 股票: ['date'] } }]) {
    assert.equal(validate(bad), false, JSON.stringify(bad));
  }
  // Products by id or Chinese name (data/catalog.toml), as the engine accepts them.
  const good = { required_labels: { 贷款: ['date'], fund: ['risk_level'] }, rule: [{ ...rule, profiles: ['理财', 'loan'],
    downgrade_if: { scope: 'window', window: 20, patterns: ['x'], severity: 'info' } }] };
  assert.ok(validate(good), JSON.stringify(validate.errors));
  const packText = JSON.stringify(good);
  const goodPack = path.join(root, 'target', 'schema-good-pack.json');
  fs.mkdirSync(path.dirname(goodPack), { recursive: true });
  fs.writeFileSync(goodPack, packText);
  JSON.parse(cli(['check', '--format', 'json', '--rules', goodPack, '-'], '保本'));
  // The TOML and JSON forms of the example pack are the same pack to the checker.
  const text = '诚信银行金元宝理财，稳如泰山。';
  const a = cli(['check', '--format', 'json', '--rules', path.join(root, 'examples/packs/chengxin-bank.toml'), '-'], text);
  const b = cli(['check', '--format', 'json', '--rules', path.join(root, 'examples/packs/chengxin-bank.json'), '-'], text);
  assert.deepEqual(JSON.parse(a).findings, JSON.parse(b).findings);
});
