// The 显示未标记原因 toggle: what the rules found but did not flag, with the
// reason, listed grey and apart from the findings, never counted in the
// verdict, and remembered across reloads. Screenshots at desktop and phone
// width go to tests/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startStaticServer } from './static-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const artifacts = path.join(root, 'tests/artifacts');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

const ANTI_FRAUD = '【反诈提醒】警惕理财骗局！\n骗子常说“保本高息，稳赚不赔”，请勿相信。\n本产品不保证收益，投资有风险。';

let server, browser, context, page;
const pageErrors = [];

before(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  server = await startStaticServer(path.join(root, 'www'));
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  context = await browser.newContext({ viewport: DESKTOP, colorScheme: 'light' });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function setText(text) {
  await page.fill('#editor', text);
  await page.waitForFunction((t) => document.querySelector('#editor').value === t
    && document.querySelector('#backdrop').dataset.fresh === 'true', text, { timeout: 15000 });
}

const shot = (name, opts = {}) => page.screenshot({ path: path.join(artifacts, name), ...opts });

test('a warning that sells nothing does not mark its missing labels as required', async () => {
  await setText(ANTI_FRAUD);
  const [cls, text, spoken] = await page.$eval('#labels li[data-label="risk_level"]',
    (li) => [li.className, li.textContent, li.getAttribute('aria-label')]);
  assert.match(cls, /missing/);
  assert.doesNotMatch(cls, /required/);
  assert.match(text, /本文不推介产品/);
  assert.match(spoken, /仅作提示/);
});

test('off by default: no list, and the findings are as before', async () => {
  await setText(ANTI_FRAUD);
  assert.equal(await page.isChecked('#explain'), false);
  assert.equal(await page.isHidden('#explained-box'), true);
});

test('on: each unflagged phrase is listed grey with its reason; the verdict does not change', async () => {
  const verdict = await page.textContent('#verdict');
  const counts = await page.textContent('#counts');
  await page.check('#explain');
  await page.waitForSelector('#explained li.explained', { timeout: 10000 });
  const items = await page.$$eval('#explained li.explained', (lis) => lis.map((li) => ({
    rule: li.dataset.rule, reason: li.dataset.reason, text: li.textContent.replace(/\s+/g, ' '),
  })));
  const find = (rule, reason) => items.find((i) => i.rule === rule && i.reason === reason);
  const cited = find('guarantee.principal', 'genre_citation');
  assert.ok(cited, JSON.stringify(items));
  assert.match(cited.text, /未标记·体裁引用/);
  assert.match(cited.text, /“保本高息”/);
  assert.match(cited.text, /风险警示或反诈类/);
  const negated = find('guarantee.returns', 'negation');
  assert.ok(negated, JSON.stringify(items));
  assert.match(negated.text, /否定词“不”/);
  assert.match(negated.text, /第3行第5列/);
  assert.match(await page.textContent('#genre-note'), /体裁：.*反诈/);
  assert.match(await page.textContent('#explained-box h3'), /不计入结论/);
  // Not counted: the verdict and counts are those without the toggle, and
  // nothing new is highlighted or listed among the findings.
  assert.equal(await page.textContent('#verdict'), verdict);
  assert.equal(await page.textContent('#counts'), counts);
  assert.equal(await page.$$eval('#findings li[data-rule="guarantee.principal"]', (l) => l.length), 0);
  // Grey: the badge and the border differ from every severity's colour.
  const [badge, border] = await page.$eval('#explained li.explained', (li) => [
    getComputedStyle(li.querySelector('.badge')).backgroundColor, getComputedStyle(li).borderLeftStyle]);
  assert.equal(badge, 'rgb(97, 97, 97)');
  assert.equal(border, 'dashed');
  await shot('explain-desktop.png', { fullPage: true });
});

test('clicking an explained phrase selects it in the editor', async () => {
  await page.click('#explained li[data-reason="negation"] .head');
  const selected = await page.$eval('#editor', (e) => e.value.slice(e.selectionStart, e.selectionEnd));
  assert.equal(selected, '保证收益');
});

test('the toggle is remembered across a reload, and turning it off hides the list', async () => {
  assert.equal(await page.evaluate(() => localStorage.getItem('finlint.explain')), '1');
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  assert.equal(await page.isChecked('#explain'), true);
  await page.waitForSelector('#explained li.explained', { timeout: 10000 });
  await page.setViewportSize(PHONE);
  await page.locator('.card', { has: page.locator('#explain') }).screenshot({ path: path.join(artifacts, 'explain-phone.png') });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no sideways scrolling on a phone (${overflow}px)`);
  await page.setViewportSize(DESKTOP);
  await page.uncheck('#explain');
  assert.equal(await page.isHidden('#explained-box'), true);
  assert.equal(await page.evaluate(() => localStorage.getItem('finlint.explain')), null);
});

test('a plain ad with nothing left unflagged says so', async () => {
  await page.check('#explain');
  await setText('保本保收益，零风险稳赚！');
  await page.waitForFunction(() => !document.querySelector('#explained-box').hidden);
  assert.equal(await page.textContent('#explained'), '无：规则找到的疑似用语均已标记。');
  assert.equal(await page.textContent('#explained-count'), '0 项');
  await page.uncheck('#explain');
  await page.evaluate(() => localStorage.clear());
});

test('no page errors', () => {
  assert.deepEqual(pageErrors, []);
});
