// The npm package and the wasm module take a .docx as bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadWasm } from './helpers.mjs';
import { createApi } from '../../npm/api.mjs';
import { sampleDocx } from './office.mjs';

const wasm = loadWasm();
// The package's API over the Node build, as npm/node-backend.cjs wires it.
const api = createApi({ load: () => wasm, unload() {}, init() {} });

test('validate() accepts a .docx as bytes and reports locations and the SHA-256', async () => {
  const bytes = sampleDocx();
  const { ok, report } = api.validate(bytes, { name: '计划书.docx' });
  assert.equal(ok, false);
  const principal = report.findings.find((f) => f.text === '保本保息');
  assert.deepEqual(principal.location, { kind: 'paragraph', paragraph: 2 });
  const risk = report.findings.find((f) => f.text === '零风险');
  assert.deepEqual(risk.location, { kind: 'table_cell', table: 1, row: 2, column: 2 });
  const { createHash } = await import('node:crypto');
  assert.equal(report.document.sha256, createHash('sha256').update(bytes).digest('hex'));
  assert.equal(report.document.file, '计划书.docx');
  // An ArrayBuffer and a nameless upload (format sniffed) give the same findings.
  const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
  assert.deepEqual(api.check(ab).findings.map((f) => f.rule), report.findings.map((f) => f.rule));
});

test('checkDocument returns the extracted text the spans point into', () => {
  const { report, text, places } = wasm.checkDocument(sampleDocx(), 'a.docx', {});
  const f = report.findings.find((x) => x.text === '零风险');
  assert.equal(text.slice(f.span.utf16_start, f.span.utf16_end), '零风险');
  assert.equal(places[report.findings.indexOf(f)], '表格1 第2行第2列');
});

test('bad documents throw a Chinese error naming the file, never a trap', () => {
  const bytes = sampleDocx();
  const damaged = (re) => (e) => e.code === 'FINLINT_INVALID_DOCUMENT' && re.test(e.message);
  assert.throws(() => api.validate(bytes.subarray(0, 100), { name: 'cut.docx' }), damaged(/cut\.docx：文件已损坏或不完整/));
  assert.throws(() => api.check(new Uint8Array([1, 2, 3]), { name: 'x.pptx' }), damaged(/x\.pptx：/));
  assert.throws(() => api.checkDocument('not bytes'), (e) => e.code === 'FINLINT_INVALID_ARGUMENT' && /Uint8Array/.test(e.message));
  assert.throws(() => api.check(Buffer.from('%PDF-1.7\n'), { name: 'a.pdf' }), /命令行/);
  // The module still works afterwards.
  assert.equal(api.validate(bytes, { name: 'a.docx' }).ok, false);
});
