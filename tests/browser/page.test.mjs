// Drives the page in headless Chromium: highlights, findings, labels, applying
// a suggestion, switching product, the allow-list, JSON export, and that no
// request leaves the machine. Saves a screenshot to tests/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../node/helpers.mjs';
import { chromium } from 'playwright-core';
import { startStaticServer } from './static-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const artifacts = path.join(root, 'tests/artifacts');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

let server, browser, page;
const foreignRequests = [];

before(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  server = await startStaticServer(path.join(root, 'www'));
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1366, height: 900 } });
  page = await context.newPage();
  context.on('request', (req) => {
    const url = new URL(req.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && !['blob:', 'data:'].includes(url.protocol)) {
      foreignRequests.push(req.url());
    }
  });
  page.on('pageerror', (e) => { throw e; });
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const AD = '鑫享理财“月月盈”预期收益率5%，保本保收益，零风险稳赚！全国第一的服务。风险等级：R2，封闭期180天。';

async function setText(text) {
  await page.fill('#editor', text);
  await page.waitForSelector('#backdrop[data-fresh="true"]', { timeout: 10000 });
}

async function waitForFinding(rule, present = true) {
  await page.waitForFunction(([r, p]) => Boolean(document.querySelector(`#findings li[data-rule="${r}"]`)) === p, [rule, present], { timeout: 10000 });
}

test('pasted copy is highlighted and listed with message, suggestion and basis', async () => {
  await setText(AD);
  await waitForFinding('guarantee.principal');
  const marks = await page.$$eval('#backdrop mark', (ms) => ms.map((m) => [m.className, m.textContent]));
  const texts = marks.map(([, t]) => t);
  for (const t of ['预期收益率', '保本保收益', '零风险稳赚', '全国第一']) {
    assert.ok(texts.includes(t), `highlight for ${t}: ${JSON.stringify(texts)}`);
  }
  assert.ok(marks.every(([cls]) => ['error', 'warning', 'info'].some((s) => cls.includes(s))));
  const first = await page.$eval('#findings li[data-rule="guarantee.principal"]', (li) => li.textContent);
  assert.match(first, /保本保收益/);
  assert.match(first, /建议/);
  assert.match(first, /《广告法》第二十五条/);
  assert.match(await page.textContent('#verdict'), /需修改/);
});

test('the labels checklist shows present and missing labels with matched text', async () => {
  const label = (k) => page.$eval(`#labels li[data-label="${k}"]`, (li) => [li.className, li.textContent]);
  const [riskCls, riskText] = await label('risk_level');
  assert.match(riskCls, /present/);
  assert.match(riskText, /风险等级：R2/);
  const [liqCls] = await label('liquidity');
  assert.match(liqCls, /present/);
  const [advCls] = await label('advertiser');
  assert.match(advCls, /missing/);
  assert.match(advCls, /required/);
});

test('clicking a finding selects its text in the editor', async () => {
  await page.click('#findings li[data-rule="absolute.first"] .head');
  const selected = await page.$eval('#editor', (e) => e.value.slice(e.selectionStart, e.selectionEnd));
  assert.equal(selected, '全国第一');
});

test('applying a suggestion rewrites the copy and clears the finding', async () => {
  await page.click('#findings li[data-rule="misleading.expected_yield"] .apply');
  await waitForFinding('misleading.expected_yield', false);
  const value = await page.inputValue('#editor');
  assert.ok(value.includes('业绩比较基准5%'), value);
});

test('switching the product changes which labels are required', async () => {
  await page.selectOption('#product', 'loan');
  await page.waitForFunction(() => !document.querySelector('#labels li[data-label="risk_level"]').classList.contains('required'));
  await page.selectOption('#product', 'wealth');
  await page.waitForFunction(() => document.querySelector('#labels li[data-label="risk_level"]').classList.contains('required'));
  await waitForFinding('label.wealth_not_deposit');
  await page.selectOption('#product', '');
});

test('an allow-listed term disappears and survives a reload', async () => {
  await setText('鑫享第一理财，专业服务。');
  await waitForFinding('absolute.first');
  await page.fill('#allow', '鑫享第一');
  await page.click('#save-custom');
  await waitForFinding('absolute.first', false);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.inputValue('#allow'), '鑫享第一');
  await page.waitForSelector('#backdrop[data-fresh="true"]');
  await waitForFinding('absolute.first', false);
  await page.fill('#terms', '稳如泰山');
  await page.click('#save-custom');
  await setText('本产品稳如泰山。');
  await waitForFinding('user.terms');
  await page.click('#clear-custom');
  await waitForFinding('user.terms', false);
});

test('an imported organisation pack gives the same verdict as the CLI', async () => {
  const packFile = path.join(root, 'examples/packs/chengxin-bank.toml');
  const text = '诚信银行金元宝理财，稳如泰山。';
  const cli = JSON.parse(runCli(['check', '--format', 'json', '--rules', packFile, '-'], text));
  await page.setInputFiles('#pack-file', packFile);
  await page.waitForFunction(() => document.querySelector('#custom-status').textContent.includes('诚信银行'));
  await setText(text);
  await waitForFinding('chengxin.retired_product');
  assert.equal(await page.textContent('#verdict'), cli.summary.verdict);
  const rules = await page.$$eval('#findings li', (lis) => lis.map((li) => li.dataset.rule));
  assert.deepEqual(rules, cli.findings.map((f) => f.rule));
  await page.click('#clear-custom');
  await waitForFinding('chengxin.retired_product', false);
});

test('the JSON export is the report with the input and the time of the check', async () => {
  await setText(AD);
  await waitForFinding('guarantee.principal');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  const file = path.join(artifacts, 'report.json');
  await download.saveAs(file);
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(report.input, AD);
  assert.ok(report.checked_at);
  assert.ok(report.findings.some((f) => f.rule === 'guarantee.principal' && f.text === '保本保收益'));
  assert.equal(typeof report.version.rules, 'string');
});

test('a 20,000-character paste keeps the page responsive', async () => {
  const long = (AD + '\n').repeat(Math.ceil(20000 / (AD.length + 1)));
  await page.fill('#editor', long);
  const t0 = Date.now();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
  const frameMs = Date.now() - t0;
  await page.waitForFunction(() => document.querySelectorAll('#backdrop mark').length > 100, null, { timeout: 15000 });
  const status = await page.textContent('#status');
  assert.match(status, /本次检查 [\d.]+ ms/);
  assert.match(status, /引擎初始化 \d+ ms/, 'the status line keeps the initialisation time');
  assert.ok(frameMs < 2000, `a frame took ${frameMs} ms`);
  await setText(AD);
  await waitForFinding('guarantee.principal');
  await page.screenshot({ path: path.join(artifacts, 'page.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways on a phone by ${overflow}px`);
  await page.screenshot({ path: path.join(artifacts, 'page-phone.png') });
  await page.setViewportSize({ width: 1366, height: 900 });
});

test('nothing was requested from any other host', () => {
  assert.deepEqual(foreignRequests, []);
});
