// Drops a .docx onto the page in headless Chromium: the text is read in the
// browser and shown with highlights and each finding's place in the document.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startStaticServer } from './static-server.mjs';
import { sampleDocx } from '../node/office.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const artifacts = path.join(root, 'tests/artifacts');
let server, browser, page;
const requests = [];

before(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  server = await startStaticServer(path.join(root, 'www'));
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  page.on('request', (r) => requests.push(r));
  page.on('pageerror', (e) => { throw e; });
  await page.goto(server.url);
  await page.waitForSelector('#doc-drop');
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function drop(name, bytes) {
  await page.evaluate(([n, b64]) => {
    const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bin], n));
    document.getElementById('doc-drop').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [name, Buffer.from(bytes).toString('base64')]);
}

test('a dropped .docx is highlighted with locations, and never uploaded', async () => {
  const posts = () => requests.filter((r) => r.method() !== 'GET').length;
  await drop('计划书.docx', sampleDocx());
  await page.waitForSelector('#doc-result:not([hidden]) #doc-text mark', { timeout: 30000 });
  const marks = await page.$$eval('#doc-text mark', (ms) => ms.map((m) => [m.className, m.textContent]));
  const texts = marks.map(([, t]) => t);
  for (const t of ['保本保息', '零风险', '全国第一']) assert.ok(texts.includes(t), `${t} in ${JSON.stringify(texts)}`);
  assert.ok(marks.every(([c]) => ['error', 'warning', 'info'].includes(c)));
  const items = await page.$$eval('#doc-findings li', (lis) => lis.map((li) => li.textContent));
  const item = (t) => items.find((i) => i.includes(t)) || '';
  assert.match(item('保本保息'), /位置：正文第2段/);
  assert.match(item('零风险'), /位置：表格1 第2行第2列/);
  assert.match(item('全国第一'), /位置：正文第3段/);
  const meta = await page.textContent('#doc-meta');
  assert.match(meta, /计划书\.docx · Word 文档/);
  assert.match(meta, /SHA-256 [0-9a-f]{64}/);
  assert.match(await page.textContent('#doc-verdict'), /需修改/);
  assert.equal(posts(), 0, 'nothing was sent');
  await page.locator('#documents').scrollIntoViewIfNeeded();
  await page.locator('#documents').screenshot({ path: path.join(artifacts, 'page-docx.png') });
});

test('a damaged file and a PDF get a plain message', async () => {
  await drop('坏文件.docx', sampleDocx().subarray(0, 200));
  await page.waitForFunction(() => document.getElementById('doc-status').textContent.includes('坏文件.docx：文件已损坏'));
  await drop('单页.pdf', Buffer.from('%PDF-1.7\n%%EOF\n'));
  await page.waitForFunction(() => document.getElementById('doc-status').textContent.includes('命令行'));
});
