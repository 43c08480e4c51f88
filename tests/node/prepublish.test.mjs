// The pre-publish hook example, run as an integrator would: installed
// package, a CMS post with title, body HTML and metadata.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { root, tarballPath } from './helpers.mjs';

let project;
let hook;

before(async () => {
  execFileSync('bash', [path.join(root, 'scripts/build-npm.sh')], { stdio: 'pipe' });
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'finlint-cms-'));
  fs.writeFileSync(path.join(project, 'package.json'), '{"name":"cms","version":"1.0.0","private":true,"type":"module"}');
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', tarballPath], { cwd: project, stdio: 'pipe' });
  fs.copyFileSync(path.join(root, 'examples/cms-prepublish/hook.mjs'), path.join(project, 'hook.mjs'));
  hook = await import(pathToFileURL(path.join(project, 'hook.mjs')));
});

const post = JSON.parse(fs.readFileSync(path.join(root, 'examples/cms-prepublish/post.json'), 'utf8'));

test('a post with claims in the title and body is rejected with readable reasons', () => {
  const result = hook.prepublish(post);
  assert.equal(result.ok, false);
  assert.ok(result.reasons.some((r) => r.startsWith('标题') && r.includes('稳赚不赔')), result.reasons.join('\n'));
  assert.ok(result.reasons.some((r) => r.startsWith('正文') && r.includes('保本保收益') && r.includes('依据')), result.reasons.join('\n'));
  const f = result.reports.body.findings.find((x) => x.text === '保本保收益');
  assert.equal(post.body.slice(f.span.utf16_start, f.span.utf16_end), '保本保收益');
});

test('metadata supplies the publish date; a clean post is published', () => {
  const clean = { ...post, title: '鑫享理财·月月盈', body: post.body.replace('，保本保收益', '') };
  const result = hook.prepublish(clean);
  assert.deepEqual(result.reasons, []);
  assert.equal(result.ok, true);
  const withoutDate = hook.prepublish({ ...clean, meta: { product: 'wealth' } });
  assert.equal(withoutDate.ok, false);
  assert.ok(withoutDate.reasons.some((r) => r.includes('发布日期')));
});

test('the hook runs from the command line with exit codes', () => {
  const file = path.join(project, 'post.json');
  fs.writeFileSync(file, JSON.stringify(post));
  const rejected = spawnSync(process.execPath, ['hook.mjs', file], { cwd: project, encoding: 'utf8' });
  assert.equal(rejected.status, 1);
  assert.match(rejected.stdout, /不予发布/);
  const bad = spawnSync(process.execPath, ['hook.mjs', path.join(project, 'missing.json')], { cwd: project, encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.throws(() => hook.prepublish({ title: 'x' }), /body/);
});
