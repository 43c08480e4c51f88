// The npm package's browser entry (browser.mjs) in headless Chromium: calls
// before init() throw FINLINT_NOT_READY; after it, the same API as in Node.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startStaticServer } from './static-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let server, browser, page;

before(async () => {
  execFileSync('bash', [path.join(root, 'scripts/build-npm.sh')], { stdio: 'pipe' });
  server = await startStaticServer(path.join(root, 'npm'));
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  page = await browser.newPage();
  await page.goto(`${server.url}README.md`);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('browser entry: NOT_READY before init(), then checks with visible text, codes and independent checkers', async () => {
  const out = await page.evaluate(async () => {
    const finlint = await import('/browser.mjs');
    let before = null;
    try { finlint.check('保本'); } catch (e) { before = e.code; }
    await finlint.init();
    const { ok, report } = finlint.validate('<p>本产品<b>保本</b>保息</p>', null);
    let wrong = null;
    try { finlint.check(42); } catch (e) { wrong = e.code; }
    const org = finlint.createChecker({ rules: { allow: ['鑫享第一'] }, product: 'general' });
    const allowed = org.check('鑫享第一理财').findings.every((f) => f.rule !== 'absolute.first');
    const plain = finlint.check('鑫享第一理财', { product: 'general' }).findings.some((f) => f.rule === 'absolute.first');
    org.free();
    const f = report.findings.find((x) => x.span);
    return { before, ok, text: f.text, source: f.source, wrong, allowed, plain, same: finlint.default.check === finlint.check };
  });
  assert.deepEqual(out, { before: 'FINLINT_NOT_READY', ok: false, text: '保本保息', source: '保本</b>保息', wrong: 'FINLINT_INVALID_ARGUMENT', allowed: true, plain: true, same: true });
});
