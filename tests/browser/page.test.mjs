// Drives the page in headless Chromium as its users would: highlights,
// findings, labels, editing with undo, rule packs that never vanish, phones,
// the printed report, accessibility, dark mode, and that no request leaves the
// machine. Screenshots go to tests/artifacts/ (desktop 1280x900, phone 390x844).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { runCli } from '../node/helpers.mjs';
import { chromium } from 'playwright-core';
import { startStaticServer } from './static-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const artifacts = path.join(root, 'tests/artifacts');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

let server, browser, context, page;
const foreignRequests = [];
const failedResponses = [];
const pageErrors = [];

before(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  server = await startStaticServer(path.join(root, 'www'));
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  context = await browser.newContext({ acceptDownloads: true, viewport: DESKTOP, colorScheme: 'light' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  page = await context.newPage();
  context.on('request', (req) => {
    const url = new URL(req.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && !['blob:', 'data:'].includes(url.protocol)) {
      foreignRequests.push(req.url());
    }
  });
  context.on('response', (res) => { if (res.status() >= 400) failedResponses.push(`${res.status()} ${res.url()}`); });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const AD = '鑫享理财“月月盈”预期收益率5%，保本保收益，零风险稳赚！全国第一的服务。风险等级：R2，封闭期180天。';
const CLEAN = '鑫享理财“月月盈”，业绩比较基准3.2%。本产品风险等级：R2（中低风险），封闭期180天。理财非存款、产品有风险、投资须谨慎。发布机构：诚信银行股份有限公司 2026年11月1日';

async function setText(text) {
  await page.fill('#editor', text);
  await page.waitForFunction((t) => document.querySelector('#editor').value === t
    && document.querySelector('#backdrop').dataset.fresh === 'true', text, { timeout: 15000 });
}

async function waitForFinding(rule, present = true) {
  await page.waitForFunction(([r, p]) => Boolean(document.querySelector(`#findings li[data-rule="${r}"]`)) === p, [rule, present], { timeout: 10000 });
}

const marks = () => page.$$eval('#backdrop mark', (ms) => ms.map((m) => m.textContent));
const shot = (name, opts = {}) => page.screenshot({ path: path.join(artifacts, name), ...opts });

test('pasted copy is highlighted and listed with message, suggestion and basis', async () => {
  await setText(AD);
  await waitForFinding('guarantee.principal');
  const texts = await marks();
  for (const t of ['预期收益率', '保本保收益', '零风险稳赚', '全国第一']) {
    assert.ok(texts.includes(t), `highlight for ${t}: ${JSON.stringify(texts)}`);
  }
  const first = await page.$eval('#findings li[data-rule="guarantee.principal"]', (li) => li.textContent);
  assert.match(first, /保本保收益/);
  assert.match(first, /建议/);
  assert.match(first, /《广告法》第二十五条/);
  assert.match(await page.textContent('#verdict'), /需修改/);
  await shot('page-desktop.png', { fullPage: true });
});

// Issue 12 item 1: a pass is not an approval.
test('a clean copy reads “未发现已知问题” with a pre-review caveat and what was checked', async () => {
  await page.selectOption('#product', 'wealth');
  await setText(CLEAN);
  const verdict = await page.textContent('#verdict');
  assert.equal(verdict, '未发现已知问题');
  assert.doesNotMatch(await page.textContent('#verdict-card'), /可发布/);
  const caveat = await page.locator('#verdict-card .caveat');
  assert.ok(await caveat.isVisible());
  assert.match(await caveat.textContent(), /预审.*复核/);
  const checked = await page.textContent('#checked');
  assert.match(checked, /产品类型理财（人工指定）/);
  assert.match(checked, /规则包finlint-core@/);
  for (const c of ['绝对化用语', '保本保收益承诺', '个人信息', '缺少必备信息']) assert.ok(checked.includes(c), `${c} in ${checked}`);
  const weight = await page.$eval('#verdict', (el) => getComputedStyle(el).fontWeight);
  assert.ok(Number(weight) < 600, `a pass is not shouted in bold (${weight})`);
  await shot('verdict-clean.png');
  await page.selectOption('#product', '');
});

test('the labels checklist shows present and missing labels with matched text', async () => {
  await setText(AD);
  const label = (k) => page.$eval(`#labels li[data-label="${k}"]`, (li) => [li.className, li.textContent, li.getAttribute('aria-label')]);
  const [riskCls, riskText] = await label('risk_level');
  assert.match(riskCls, /present/);
  assert.match(riskText, /风险等级：R2/);
  const [liqCls] = await label('liquidity');
  assert.match(liqCls, /present/);
  const [advCls, , advSpoken] = await label('advertiser');
  assert.match(advCls, /missing/);
  assert.match(advCls, /required/);
  assert.match(advSpoken, /缺失/);
});

test('clicking a finding selects its text in the editor', async () => {
  await page.click('#findings li[data-rule="absolute.first"] .head');
  const selected = await page.$eval('#editor', (e) => e.value.slice(e.selectionStart, e.selectionEnd));
  assert.equal(selected, '全国第一');
});

// Issue 12 item 3.
test('clicking a highlight in the text selects its finding in the list', async () => {
  const box = await page.$eval('#backdrop mark', () => {
    const m = [...document.querySelectorAll('#backdrop mark')].find((x) => x.textContent === '零风险稳赚');
    const r = m.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  });
  await page.mouse.click(box.x, box.y);
  const selected = await page.$eval('#findings li.selected', (li) => li.dataset.rule);
  assert.equal(selected, 'guarantee.risk_free');
  assert.equal(await page.$$eval('#backdrop mark.active', (ms) => ms.map((m) => m.textContent).join()), '零风险稳赚');
});

test('highlights stay while typing, move with the text, and never sit over changed text', async () => {
  await setText(AD);
  const before = await marks();
  await page.focus('#editor');
  await page.keyboard.press('Home');
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('【', { delay: 0 });
  // Straight after the keystroke, before the recheck: the marks are still there, shifted.
  const during = await page.evaluate(() => ({
    fresh: document.querySelector('#backdrop').dataset.fresh,
    marks: [...document.querySelectorAll('#backdrop mark')].map((m) => m.textContent),
    firstStart: document.querySelector('#backdrop').textContent.indexOf('预期收益率'),
  }));
  assert.equal(during.fresh, 'false');
  assert.deepEqual(during.marks, before);
  assert.equal(during.firstStart, AD.indexOf('预期收益率') + 1);
  await page.waitForSelector('#backdrop[data-fresh="true"]');
  // An edit inside a flagged phrase drops its highlight at once.
  await page.evaluate(() => {
    const e = document.querySelector('#editor');
    const at = e.value.indexOf('保本保收益') + 2;
    e.setSelectionRange(at, at);
  });
  await page.keyboard.type('X', { delay: 0 });
  const afterEdit = await marks();
  assert.ok(!afterEdit.some((t) => t.includes('保本X')) && !afterEdit.includes('保本保收益'), JSON.stringify(afterEdit));
  assert.ok(afterEdit.includes('全国第一'));
});

test('apply a suggestion, undo it with Ctrl+Z and the button, redo it; apply all; copy; clear', async () => {
  await setText(AD);
  await waitForFinding('misleading.expected_yield');
  await page.click('#findings li[data-rule="misleading.expected_yield"] .apply');
  await page.waitForFunction((t) => document.querySelector('#editor').value !== t, AD);
  // At once, before the recheck, no highlight covers the replaced text.
  assert.ok(!(await marks()).some((t) => t.includes('业绩比较基准')));
  await waitForFinding('misleading.expected_yield', false);
  assert.ok((await page.inputValue('#editor')).includes('业绩比较基准5%'));
  await page.focus('#editor');
  await page.keyboard.press('Control+z');
  assert.equal(await page.inputValue('#editor'), AD);
  await waitForFinding('misleading.expected_yield');
  await page.keyboard.press('Control+Shift+z');
  assert.ok((await page.inputValue('#editor')).includes('业绩比较基准5%'));
  await page.click('#undo');
  assert.equal(await page.inputValue('#editor'), AD);
  await page.click('#redo');
  assert.ok((await page.inputValue('#editor')).includes('业绩比较基准5%'));

  const many = '预期收益率5%，另一款预期收益率6%。' + AD;
  await setText(many);
  await page.waitForSelector('#apply-all:not([disabled])');
  await page.click('#apply-all');
  // The worker applies the fixes (src/fix.rs); wait for its answer.
  await page.waitForFunction((t) => document.querySelector('#editor').value !== t, many);
  const fixed = await page.inputValue('#editor');
  assert.ok(!fixed.includes('预期收益率'), fixed);
  assert.equal((fixed.match(/业绩比较基准/g) || []).length, 3);
  await page.keyboard.press('Control+z');
  assert.equal(await page.inputValue('#editor'), many, 'apply all is one undo step');

  await page.click('#copy');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), many);
  assert.match(await page.textContent('#edit-status'), /已复制/);

  assert.equal(await page.evaluate(() => localStorage.getItem('finlint.text')), many);
  await page.click('#clear');
  assert.equal(await page.inputValue('#editor'), '');
  assert.equal(await page.evaluate(() => localStorage.getItem('finlint.text')), null, 'clear removes the stored copy');
  assert.equal(await page.textContent('#verdict'), '等待输入');
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.inputValue('#editor'), '');
});

// Issue 11 item 6: fixes read well. The page applies them through the wasm
// module (src/fix.rs), never by splicing the replacement in itself.
test('应用建议 and 全部应用 leave grammatical text, offer no fix where none is safe, and undo restores', async () => {
  const ad = '限时抢购，仅限今天！数量有限，名额有限。本行荣获“最佳财富管理银行”称号，预期年化收益率高达8%。';
  await setText(ad);
  await waitForFinding('promotion.pressure');
  const item = (rule, text) => page.locator(`#findings li[data-rule="${rule}"]`, { hasText: text });
  // No one-click fix inside a quoted award title, nor for a rename that leaves 高达8%; the suggestion says why.
  for (const [rule, text] of [['absolute.superlative', '最佳'], ['misleading.expected_yield', '预期年化收益率']]) {
    assert.equal(await item(rule, text).locator('.apply').count(), 0, `${rule} offers no fix`);
    assert.match(await item(rule, text).locator('.no-fix').textContent(), /^不提供一键修改：.*请人工/);
  }
  assert.match(await item('absolute.superlative', '最佳').locator('.no-fix').textContent(), /引号/);

  await item('promotion.pressure', '仅限今天').locator('.apply').click();
  await page.waitForFunction((t) => document.querySelector('#editor').value !== t, ad);
  assert.equal(await page.inputValue('#editor'), '限时抢购！数量有限，名额有限。本行荣获“最佳财富管理银行”称号，预期年化收益率高达8%。');
  assert.match(await page.textContent('#edit-status'), /已应用 1 处/);
  await page.click('#undo');
  assert.equal(await page.inputValue('#editor'), ad);

  await page.waitForFunction(() => document.querySelector('#backdrop').dataset.fresh === 'true');
  await page.waitForSelector('#apply-all:not([disabled])');
  await page.click('#apply-all');
  await page.waitForFunction((t) => document.querySelector('#editor').value !== t, ad);
  const fixed = '限时抢购！数量有限。本行荣获“最佳财富管理银行”称号，预期年化收益率高达8%。';
  assert.equal(await page.inputValue('#editor'), fixed);
  assert.doesNotMatch(fixed, /[，、；：][，。！？]|“[^”]*$/);
  await waitForFinding('promotion.pressure', false);
  await shot('fixes-applied.png', { fullPage: true });
  await page.focus('#editor');
  await page.keyboard.press('Control+z');
  assert.equal(await page.inputValue('#editor'), ad, 'apply all is one undo step');
});

test('repeated explanations fold (×3) and findings group by category or severity', async () => {
  await setText('保本保息！保本保息！保本保息！全国第一。错过再等十年！');
  await waitForFinding('guarantee.principal');
  const folded = await page.$eval('#findings li[data-rule="guarantee.principal"]', (li) => li.textContent);
  assert.match(folded, /保本保息”×3/);
  assert.equal(await page.$$eval('#findings li[data-rule="guarantee.principal"]', (l) => l.length), 1);
  assert.equal(await page.$$eval('#findings li[data-rule="guarantee.principal"] .place', (l) => l.length), 3);
  await page.selectOption('#group-by', 'category');
  const cats = await page.$$eval('#findings .group-title', (hs) => hs.map((h) => h.textContent));
  assert.ok(cats.some((c) => c.startsWith('保本保收益承诺（3）')), JSON.stringify(cats));
  assert.ok(cats.some((c) => c.startsWith('绝对化用语')), JSON.stringify(cats));
  await page.selectOption('#group-by', 'severity');
  const sev = await page.$$eval('#findings .group-title', (hs) => hs.map((h) => h.textContent));
  assert.ok(sev[0].startsWith('错误') && sev.some((s) => s.startsWith('警告')), JSON.stringify(sev));
  await shot('findings-grouped.png');
  await page.selectOption('#group-by', 'position');
});

test('the menus and label names come from the catalog', async () => {
  const catalog = createRequire(import.meta.url)('../../www/pkg/node/finlint.js').catalog();
  const products = await page.$$eval('#product option', (os) => os.map((o) => [o.value, o.textContent]));
  assert.deepEqual(products, [['', '自动识别'], ...catalog.products.map((p) => [p.id, p.name])]);
  const categories = Object.fromEntries(catalog.categories.map((c) => [c.id, c.name]));
  const terms = await page.$$eval('#term-category option', (os) => os.map((o) => [o.value, o.textContent]));
  assert.deepEqual(terms.map(([id]) => id), ['guarantee', 'absolute', 'misleading', 'promotion', 'endorsement']);
  for (const [id, name] of terms) assert.equal(name, categories[id]);
  const labels = await page.$$eval('#labels li', (lis) => lis.map((li) => [li.dataset.label, li.querySelector('span:not(.mark)').textContent]));
  assert.deepEqual(labels, catalog.labels.map((l) => [l.id, l.name]));
});

test('switching the product changes which labels are required', async () => {
  await setText(AD);
  await page.selectOption('#product', 'loan');
  await page.waitForFunction(() => !document.querySelector('#labels li[data-label="risk_level"]').classList.contains('required'));
  // A label the profile does not require is not read out as missing.
  const spoken = await page.$$eval('#labels li.missing:not(.required)', (lis) => lis.map((li) => li.getAttribute('aria-label')));
  for (const s of spoken) assert.doesNotMatch(s, /缺失/);
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

test('an imported organisation pack gives the same result as the CLI', async () => {
  const packFile = path.join(root, 'examples/packs/chengxin-bank.toml');
  const text = '诚信银行金元宝理财，稳如泰山。';
  const cli = JSON.parse(runCli(['check', '--format', 'json', '--rules', packFile, '-'], text));
  await page.setInputFiles('#pack-file', packFile);
  await page.waitForFunction(() => document.querySelector('#custom-status').textContent.includes('诚信银行'));
  await setText(text);
  await waitForFinding('chengxin.retired_product');
  assert.equal(await page.textContent('#verdict'), `需修改：${cli.summary.errors} 个错误，${cli.summary.warnings} 个警告`);
  const rules = await page.$$eval('#findings li', (lis) => lis.map((li) => li.dataset.rule));
  assert.deepEqual(rules, [...new Set(cli.findings.map((f) => f.rule))]);
  assert.match(await page.textContent('#pack-current'), /chengxin-bank\.toml/);
});

// Issue 12 item 2.
test('a wrong file never replaces the good pack; errors name the file next to the verdict', async () => {
  const bad = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'finlint-page-')), '会议纪要.txt');
  fs.writeFileSync(bad, '这是一份会议纪要，不是规则包。\n第二行');
  await page.fill('#terms', '稳如泰山');
  await page.fill('#allow', '金元宝');
  await page.click('#save-custom');
  await page.setInputFiles('#pack-file', bad);
  await page.waitForSelector('#pack-errors:not([hidden])');
  const err = await page.textContent('#pack-errors');
  assert.match(err, /会议纪要\.txt/);
  assert.match(err, /仍在使用原规则包“chengxin-bank\.toml”/);
  assert.doesNotMatch(err, /用户规则包1/);
  const inCard = await page.$eval('#pack-errors', (el) => el.closest('#verdict-card') !== null);
  assert.ok(inCard, 'the error shows next to the verdict');
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot('pack-error.png');
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForSelector('#backdrop[data-fresh="true"]');
  assert.match(await page.textContent('#status'), /诚信银行/, 'the good pack is still applied after a reload');
  // Custom terms and the allow-list apply whatever happens to the pack: even a
  // stored pack that has become invalid.
  await page.evaluate(() => { localStorage.setItem('finlint.pack', 'alow = ['); localStorage.setItem('finlint.packName', '旧规则包.toml'); });
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForSelector('#pack-errors:not([hidden])');
  assert.match(await page.textContent('#pack-errors'), /旧规则包\.toml/);
  await setText('金元宝理财，稳如泰山。');
  await waitForFinding('user.terms');
  const flagged = await marks();
  assert.ok(flagged.includes('稳如泰山'), JSON.stringify(flagged));
  await page.click('#clear-custom');
  await page.waitForSelector('#pack-errors', { state: 'hidden' });
});

test('the JSON export and the print agree on the time (local, with offset) and carry the text hash', async () => {
  await setText(AD);
  await waitForFinding('guarantee.principal');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  const file = path.join(artifacts, 'report.json');
  await download.saveAs(file);
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(report.input, AD);
  assert.match(report.checked_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
  assert.equal(report.input_sha256, crypto.createHash('sha256').update(AD, 'utf8').digest('hex'));
  assert.ok(report.findings.some((f) => f.rule === 'guarantee.principal' && f.text === '保本保收益'));
  await page.evaluate(() => { window.print = () => {}; });
  await page.click('#print');
  const printed = await page.textContent('#print-area');
  assert.ok(printed.includes(report.checked_at), 'the print shows the same time as the export');
  assert.ok(printed.includes(report.input_sha256));
});

// Issue 12 item 5.
test('the printed report: Chinese product name, numbered marks keyed to findings, sign-off fields, compact', async () => {
  const para = '鑫享理财“月月盈”预期收益率5%，保本保收益，零风险稳赚！全国第一的服务，限时抢购，错过再等十年。'
    + '本产品由专业团队管理，投资范围包括债券、存款等固定收益类资产，历史业绩稳健，客户满意度高。\n';
  const post = para.repeat(Math.ceil(1500 / para.length)).slice(0, 1500);
  await page.selectOption('#product', 'wealth');
  await setText(post);
  await waitForFinding('guarantee.principal');
  await page.evaluate(() => { window.print = () => {}; });
  await page.click('#print');
  const area = await page.$eval('#print-area', (el) => ({
    text: el.textContent,
    marks: [...el.querySelectorAll('.copy mark')].map((m) => [m.textContent, m.nextElementSibling?.textContent]),
    rows: [...el.querySelectorAll('.findings-table tbody tr')].map((tr) => tr.cells[0].textContent),
    findings: 0,
  }));
  assert.match(area.text, /产品类型理财（人工指定）/);
  assert.doesNotMatch(area.text, /wealth/);
  assert.ok(area.marks.length > 10);
  assert.equal(area.marks[0][1], '1', 'each mark is followed by its finding number');
  const numbers = area.rows.map(Number);
  for (const [, n] of area.marks) assert.ok(numbers.includes(Number(n)), `mark ${n} has a row`);
  // Repeated findings are one row, keyed by one number.
  assert.ok(area.rows.length < area.marks.length / 3, `${area.rows.length} rows for ${area.marks.length} marks`);
  assert.match(area.text, /“保本保收益” ×\d+第1–\d+行/);
  for (const field of ['审核人', '审核结论', '签字', '审核日期']) assert.ok(area.text.includes(field), field);
  assert.match(area.text, /SHA-256/);
  // What the printed pages hold: the print stylesheet at A4's printable width (186 mm).
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 703, height: 1000 });
  await shot('print.png', { fullPage: true });
  await page.setViewportSize(DESKTOP);
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  await page.emulateMedia({ media: null });
  fs.writeFileSync(path.join(artifacts, 'print.pdf'), pdf);
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.ok(pages >= 1 && pages <= 2, `a 1,500-character post prints on ${pages} A4 pages`);
  console.log(`1,500-character post: ${pages} A4 pages`);
  await page.selectOption('#product', '');
});

// Issue 12 item 6.
test('the verdict is a live region; the status line is not; there is a favicon', async () => {
  const live = await page.$eval('#verdict', (el) => {
    const region = el.closest('[aria-live]');
    return region && { live: region.getAttribute('aria-live'), atomic: region.getAttribute('aria-atomic') };
  });
  assert.deepEqual(live, { live: 'polite', atomic: 'true' });
  assert.equal(await page.$eval('#status', (el) => el.closest('[aria-live]')), null, 'the character count is not announced');
  const icon = await page.$eval('link[rel="icon"]', (l) => l.href);
  const res = await page.request.get(icon);
  assert.equal(res.status(), 200);
});

test('dark mode follows the system setting', async () => {
  await setText(AD);
  await page.emulateMedia({ colorScheme: 'dark' });
  const bg = await page.$eval('body', (b) => getComputedStyle(b).backgroundColor);
  const [r, g, b] = bg.match(/\d+/g).map(Number);
  assert.ok(r + g + b < 150, `dark background, got ${bg}`);
  await shot('page-dark.png');
  await page.setViewportSize(PHONE);
  await shot('page-phone-dark.png');
  await page.setViewportSize(DESKTOP);
  await page.emulateMedia({ colorScheme: 'light' });
});

// Issue 12 item 4.
test('on a phone the verdict and counts come first and the page scrolls as one', async () => {
  await setText(AD);
  await waitForFinding('guarantee.principal');
  await page.setViewportSize(PHONE);
  await page.evaluate(() => window.scrollTo(0, 0));
  const layout = await page.evaluate(() => {
    const v = document.querySelector('#counts').getBoundingClientRect();
    const list = document.querySelector('#findings');
    return {
      countsBottom: v.bottom,
      verdictAboveEditor: document.querySelector('#verdict').getBoundingClientRect().top < document.querySelector('#editor').getBoundingClientRect().top,
      listScrolls: list.scrollHeight > list.clientHeight + 1 && getComputedStyle(list).overflowY !== 'visible',
      sideways: document.documentElement.scrollWidth - window.innerWidth,
    };
  });
  assert.ok(layout.countsBottom < PHONE.height, `counts end at ${layout.countsBottom}px`);
  assert.ok(layout.verdictAboveEditor);
  assert.equal(layout.listScrolls, false, 'the findings list is not a scroll box inside the page');
  assert.ok(layout.sideways <= 0, `the page scrolls sideways by ${layout.sideways}px`);
  await shot('page-phone.png');
  await shot('page-phone-full.png', { fullPage: true });
  await page.setViewportSize(DESKTOP);
});

test('a 20,000-character paste keeps the page responsive', async () => {
  const long = (AD + '\n').repeat(Math.ceil(20000 / (AD.length + 1)));
  await page.fill('#editor', long);
  const t0 = Date.now();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
  const frameMs = Date.now() - t0;
  await page.waitForFunction(() => document.querySelectorAll('#backdrop mark').length > 100, null, { timeout: 15000 });
  await page.waitForSelector('#backdrop[data-fresh="true"]', { timeout: 15000 });
  const status = await page.textContent('#status');
  assert.match(status, /本次检查 [\d.]+ ms/);
  assert.match(status, /引擎初始化 \d+ ms/, 'the status line keeps the initialisation time');
  assert.ok(frameMs < 2000, `a frame took ${frameMs} ms`);
  await page.focus('#editor');
  const t1 = Date.now();
  await page.keyboard.type('字');
  const keyMs = Date.now() - t1;
  assert.ok(keyMs < 500, `a keystroke took ${keyMs} ms`);
  await page.click('#clear');
});

test('no page errors, no failed request, nothing requested from any other host', () => {
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(failedResponses, []);
  assert.deepEqual(foreignRequests, []);
});
