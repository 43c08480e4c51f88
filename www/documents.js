// Word and PowerPoint files in the page: drop or choose a .docx/.pptx, read it
// in the browser (never uploaded), show the extracted text with highlights and
// each finding's place in the document. Self-contained: it only reads the
// product selector of the main page.

const PANEL = `
  <h2>检查 Word / PowerPoint 文件</h2>
  <label id="doc-drop" class="doc-drop" tabindex="0">
    <span>将 .docx 或 .pptx 文件拖到此处，或点击选择文件</span>
    <input id="doc-file" type="file" accept=".docx,.pptx,.pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.presentationml.presentation">
  </label>
  <p class="muted">文件只在本机浏览器中读取和检查，不会上传。PDF 与海报图片请用命令行 <code>finlint check</code> 检查（图片需安装 Tesseract 文字识别）。</p>
  <div id="doc-result" hidden>
    <p id="doc-meta" class="doc-meta"></p>
    <p id="doc-verdict" class="verdict"></p>
    <ul id="doc-notices" class="doc-notices"></ul>
    <div class="doc-grid">
      <pre id="doc-text" class="doc-text" aria-label="提取的文字"></pre>
      <ol id="doc-findings" class="findings"></ol>
    </div>
    <details id="doc-hidden-box" hidden>
      <summary>读者看不到的部分：演讲者备注与批注（<span id="doc-hidden-count"></span> 项）</summary>
      <ol id="doc-hidden" class="findings"></ol>
    </details>
  </div>
  <p id="doc-status" class="muted" role="status" aria-live="polite"></p>`;

// Names of severities, formats and hidden parts: data/catalog.toml, sent by
// the worker with each result (the wasm module's catalog()).
const names = { severity: {}, format: {}, hidden: {} };
let worker = null;
let nextId = 1;

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text != null) e.textContent = text;
  return e;
}

function mount() {
  const host = document.getElementById('documents');
  if (!host) return;
  host.classList.add('card', 'doc-card');
  host.innerHTML = PANEL;
  const drop = document.getElementById('doc-drop');
  const input = document.getElementById('doc-file');
  input.addEventListener('change', () => input.files[0] && checkFile(input.files[0]));
  for (const type of ['dragenter', 'dragover']) {
    drop.addEventListener(type, (e) => { e.preventDefault(); drop.classList.add('over'); });
  }
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    const file = e.dataTransfer && e.dataTransfer.files[0];
    if (file) checkFile(file);
  });
}

function startWorker() {
  worker ??= new Worker(new URL('./documents-worker.js', import.meta.url), { type: 'module' });
  return worker;
}

async function checkFile(file) {
  const status = document.getElementById('doc-status');
  status.textContent = `正在读取 ${file.name}…`;
  const bytes = await file.arrayBuffer();
  const id = nextId++;
  const product = document.getElementById('product')?.value || '';
  const w = startWorker();
  w.onmessage = (e) => {
    if (e.data.id !== id) return;
    if (!e.data.ok) {
      document.getElementById('doc-result').hidden = true;
      status.textContent = e.data.message;
      status.classList.add('error-text');
      return;
    }
    status.classList.remove('error-text');
    status.textContent = `已检查 ${file.name}（${e.data.ms.toFixed(1)} ms）`;
    applyCatalog(e.data.catalog);
    render(e.data.result);
  };
  w.postMessage({ id, name: file.name, bytes, product }, [bytes]);
}

function applyCatalog(catalog) {
  const table = (list) => Object.fromEntries(list.map((e) => [e.id, e.name]));
  names.severity = table(catalog.severities);
  names.format = table(catalog.formats);
  names.hidden = table(catalog.hidden_parts);
}

function render(result) {
  const { report, text } = result;
  const doc = report.document;
  document.getElementById('doc-result').hidden = false;
  document.getElementById('doc-meta').textContent =
    `${doc.file} · ${names.format[doc.format] || doc.format} · ${(doc.bytes / 1024).toFixed(1)} KB · SHA-256 ${doc.sha256}`;
  const verdict = document.getElementById('doc-verdict');
  verdict.textContent = report.summary.verdict;
  verdict.className = `verdict ${report.summary.pass ? 'pass' : 'fail'}`;
  const notices = document.getElementById('doc-notices');
  notices.replaceChildren(...doc.notices.map((n) => el('li', null, n)));
  renderText(text, report.findings);
  renderList(document.getElementById('doc-findings'), report.findings, result.places);
  const hidden = doc.hidden;
  document.getElementById('doc-hidden-box').hidden = hidden.length === 0;
  document.getElementById('doc-hidden-count').textContent = String(hidden.length);
  renderList(document.getElementById('doc-hidden'), hidden, result.hiddenPlaces,
    (f) => names.hidden[f.part] || f.part);
}

/** The extracted text with each finding marked (UTF-16 spans, no overlaps). */
function renderText(text, findings) {
  const pre = document.getElementById('doc-text');
  const spans = findings.filter((f) => f.span).map((f, i) => ({ f, i }))
    .sort((a, b) => a.f.span.utf16_start - b.f.span.utf16_start);
  const parts = [];
  let at = 0;
  for (const { f, i } of spans) {
    const { utf16_start: s, utf16_end: e } = f.span;
    if (s < at) continue;
    parts.push(document.createTextNode(text.slice(at, s)));
    const mark = el('mark', f.severity, text.slice(s, e));
    mark.dataset.rule = f.rule;
    mark.dataset.index = String(i);
    parts.push(mark);
    at = e;
  }
  parts.push(document.createTextNode(text.slice(at)));
  pre.replaceChildren(...parts);
}

function renderList(list, findings, places, prefix) {
  list.replaceChildren(...findings.map((f, i) => {
    const li = el('li', f.severity);
    li.dataset.rule = f.rule;
    const head = el('div', 'head');
    head.append(el('span', `sev ${f.severity}`, names.severity[f.severity] || f.severity), ' ');
    if (prefix) head.append(el('span', 'part', `${prefix(f)} `));
    head.append(el('strong', null, f.text || '（全文）'), ' ', el('code', null, f.rule));
    li.append(head);
    const place = places[i];
    if (place) {
      const where = el('p', 'doc-place', `位置：${place}`);
      if (f.line) where.append(`（提取文字第 ${f.line} 行第 ${f.column} 列）`);
      li.append(where);
    }
    li.append(el('p', null, f.message));
    if (f.suggestion) li.append(el('p', 'muted', `建议：${f.suggestion}`));
    li.append(el('p', 'muted', `依据：${f.basis}`));
    return li;
  }));
}

mount();
