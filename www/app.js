// The page: editor, highlights, findings, labels, custom rules, export, print.
// No rule logic lives here: every decision comes from the wasm module's report;
// this file only presents it.
import { sha256Hex } from './sha256.js';

const $ = (id) => document.getElementById(id);
const editor = $('editor');
const backdrop = $('backdrop');

// Names of labels, severities, categories and products: data/catalog.toml,
// read from the wasm module's catalog() when the worker is ready. Nothing
// here spells them.
const names = { labels: [], severity: {}, category: {}, categoryOrder: [], product: {}, reason: {} };
const SEVERITY_ORDER = ['error', 'warning', 'info'];
// The categories a user's own terms may be filed under, in menu order: the
// others are document-level (missing_label) or need validators.
const TERM_CATEGORIES = ['guarantee', 'absolute', 'misleading', 'promotion', 'endorsement'];
const STORE = {
  text: 'finlint.text', product: 'finlint.product', terms: 'finlint.terms', category: 'finlint.category',
  allow: 'finlint.allow', pack: 'finlint.pack', packName: 'finlint.packName', groupBy: 'finlint.groupBy',
  explain: 'finlint.explain',
};
const NO_FIX = '不提供一键修改：';
const CUSTOM_PACK_NAME = '本机自定义违规词与白名单';
const DEBOUNCE_MS = 250;
const HISTORY_PAUSE_MS = 600;
const HISTORY_LIMIT = 200;

const state = {
  worker: null,
  ready: false,
  initMs: 0,
  version: null,
  categories: [],
  report: null,
  reportText: '',
  checkedAt: null,
  lastMs: 0,
  nextId: 1,
  latestId: 0,
  pendingText: '',
  inFlight: false,
  queued: false,
  timer: null,
  packErrors: [],
  requests: new Map(),
  selected: -1,
};

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/** False when the browser refused (storage disabled or full); settings then last for the session. */
function store(key, value) {
  try {
    if (value) localStorage.setItem(key, value);
    else localStorage.removeItem(key);
    return true;
  } catch {
    return false;
  }
}

function load(key) {
  try { return localStorage.getItem(key) || ''; } catch { return ''; }
}

// ---- worker plumbing -------------------------------------------------------

function startWorker() {
  if (typeof WebAssembly !== 'object' || typeof Worker !== 'function') {
    $('loading').hidden = true;
    $('nowasm').hidden = false;
    return;
  }
  state.ready = false;
  state.inFlight = false;
  state.worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  state.worker.onmessage = (e) => onWorkerMessage(e.data);
  state.worker.onerror = (e) => showFatal(`检查引擎加载失败：${e.message || '未知错误'}`);
}

/** A trapped wasm module must not be reused: start a fresh worker and reapply the packs. */
function restartWorker(reason) {
  state.worker?.terminate();
  for (const { reject } of state.requests.values()) reject(new Error('检查引擎已重新启动'));
  state.requests.clear();
  editStatus(`检查引擎出错（${reason}），已自动重新启动。`);
  startWorker();
}

function request(msg) {
  const id = state.nextId++;
  return new Promise((resolve, reject) => {
    state.requests.set(id, { resolve, reject });
    state.worker.postMessage({ ...msg, id });
  });
}

function showFatal(message) {
  $('loading').hidden = true;
  $('fatal').hidden = false;
  $('fatal').textContent = message;
}

function onWorkerMessage(msg) {
  const pending = state.requests.get(msg.id);
  if (pending) {
    state.requests.delete(msg.id);
    if (msg.type === 'error') pending.reject(Object.assign(new Error(msg.message), { code: msg.code }));
    else pending.resolve(msg);
  }
  switch (msg.type) {
    case 'ready':
      applyCatalog(msg.catalog);
      state.ready = true;
      state.initMs = msg.initMs;
      state.version = msg.version;
      state.categories = msg.categories;
      $('loading').hidden = true;
      applyCustomRules(false).finally(() => {
        document.body.dataset.ready = 'true';
        scheduleCheck(0);
      });
      break;
    case 'fatal':
      showFatal(`检查引擎加载失败：${msg.message}`);
      break;
    case 'result':
      state.inFlight = false;
      if (msg.id === state.latestId) {
        state.report = msg.report;
        state.reportText = state.pendingText;
        state.checkedAt = new Date();
        state.lastMs = msg.ms;
        state.selected = -1;
        render();
      }
      if (state.queued) { state.queued = false; runCheck(); }
      break;
    case 'error':
      if (msg.request === 'check') {
        state.inFlight = false;
        showCheckError(msg.message);
        if (state.queued) { state.queued = false; runCheck(); }
      }
      break;
    case 'crashed':
      restartWorker(msg.message);
      break;
  }
}

function scheduleCheck(delay = DEBOUNCE_MS) {
  clearTimeout(state.timer);
  state.timer = setTimeout(runCheck, delay);
}

function runCheck() {
  if (!state.ready) return;
  if (state.inFlight) { state.queued = true; return; }
  const text = editor.value;
  if (!text.trim()) {
    state.report = null;
    state.reportText = '';
    render();
    return;
  }
  state.inFlight = true;
  state.latestId = state.nextId++;
  state.pendingText = text;
  state.worker.postMessage({ type: 'check', id: state.latestId, text, product: $('product').value, explain: $('explain').checked });
}

function showCheckError(message) {
  state.report = null;
  render();
  $('verdict').className = 'verdict fail';
  $('verdict').textContent = message;
}

// ---- spans against the current text ---------------------------------------

/** The changed region between the checked text and the current one. */
function changedRange(before, after) {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < max - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start, oldEnd: before.length - tail, delta: after.length - before.length };
}

/**
 * The located findings with their spans moved to the current text: those
 * before an edit stay, those after it shift, and those it touched are dropped,
 * so no highlight ever sits over text that changed.
 */
function currentSpans() {
  const report = state.report;
  if (!report) return [];
  const text = editor.value;
  const fresh = text === state.reportText;
  const change = fresh ? null : changedRange(state.reportText, text);
  const out = [];
  report.findings.forEach((f, index) => {
    if (!f.span) return;
    let start = f.span.utf16_start;
    let end = f.span.utf16_end;
    if (change) {
      if (start >= change.oldEnd) { start += change.delta; end += change.delta; }
      else if (end > change.start) return;
    }
    out.push({ f, index, start, end });
  });
  return out;
}

// ---- rendering -------------------------------------------------------------

function render() {
  const report = state.report;
  const fresh = Boolean(report) && editor.value === state.reportText;
  $('export-json').disabled = !report;
  $('print').disabled = !report;
  $('apply-all').disabled = !fresh || fixable(report).length === 0;
  renderHighlights();
  renderVerdict(report);
  renderChecked(report);
  renderLabels(report);
  renderFindings(report);
  renderStatus();
}

function renderHighlights() {
  const text = editor.value;
  const fresh = Boolean(state.report) && text === state.reportText;
  // Tests and assistive tools can tell whether the highlights match the text.
  backdrop.dataset.fresh = String(fresh);
  let html = '';
  let at = 0;
  for (const s of currentSpans()) {
    const start = Math.max(s.start, at);
    if (s.end <= start) continue;
    html += escapeHtml(text.slice(at, start));
    const active = s.index === state.selected ? ' active' : '';
    html += `<mark class="${s.f.severity}${fresh ? '' : ' stale'}${active}" data-index="${s.index}">${escapeHtml(text.slice(start, s.end))}</mark>`;
    at = s.end;
  }
  html += escapeHtml(text.slice(at));
  // A trailing newline keeps the backdrop's last line as tall as the textarea's.
  backdrop.innerHTML = html + '\n';
  backdrop.scrollTop = editor.scrollTop;
}

/** The verdict in words that do not claim an approval. */
function verdictText(summary) {
  if (!summary.pass) return `需修改：${summary.errors} 个错误，${summary.warnings} 个警告`;
  if (summary.warnings) return `未发现错误，${summary.warnings} 个警告需人工复核`;
  return '未发现已知问题';
}

function renderVerdict(report) {
  const el = $('verdict');
  if (!report) {
    el.className = 'verdict idle';
    el.textContent = '等待输入';
    $('counts').textContent = '';
    $('profile-info').textContent = '';
    return;
  }
  const s = report.summary;
  el.className = `verdict ${s.pass ? (s.warnings ? 'review' : 'clear') : 'fail'}`;
  el.textContent = verdictText(s);
  const parts = [`错误 ${s.errors}`, `警告 ${s.warnings}`, `提示 ${s.infos}`, `缺少必备信息 ${s.missing_labels.length} 项`];
  if (s.suppressed) parts.push(`按标记忽略 ${s.suppressed}`);
  $('counts').textContent = parts.join(' · ') + (s.truncated ? '（问题过多，只列出最严重的一部分）' : '');
  $('profile-info').textContent = report.profile.detected ? report.profile.reason : '';
}

function profileText(profile) {
  const name = names.product[profile.name] || profile.name;
  return profile.detected ? `${name}（自动识别：${profile.reason}）` : `${name}（人工指定）`;
}

function renderChecked(report) {
  const dl = $('checked');
  const rows = [];
  if (report) rows.push(['产品类型', profileText(report.profile)]);
  if (state.version) rows.push(['规则包', (report?.version ?? state.version).rules]);
  if (state.categories.length) {
    rows.push(['检查类别', [...new Set([...state.categories, 'missing_label'])].map((c) => names.category[c] || c).join('、')]);
  }
  dl.innerHTML = rows.map(([k, v]) => `<div><dt>${k}</dt><dd>${escapeHtml(v)}</dd></div>`).join('');
}

function labelState(status, softened) {
  if (status.present) return { mark: '✓', detail: `“${status.visible ?? status.text}”`, spoken: '已标注' };
  // A warning or education text that sells nothing gets its missing labels
  // as notes (severity info): they are not demanded of it.
  if (softened) return { mark: '–', detail: '未标注（本文不推介产品，仅作提示）', spoken: '未标注，本文不推介产品，仅作提示' };
  if (status.required) return { mark: '✗', detail: '缺失（本产品类型必备）', spoken: '缺失，本产品类型必备' };
  return { mark: '–', detail: '未标注（本产品类型非必备）', spoken: '未标注，本产品类型非必备' };
}

function renderLabels(report) {
  const ul = $('labels');
  ul.innerHTML = '';
  for (const [key, name] of names.labels) {
    const status = report ? report.labels[key] : { present: false, required: false };
    const li = document.createElement('li');
    li.dataset.label = key;
    const softened = report?.findings.some((f) => f.rule === `label.${key}` && f.severity === 'info');
    li.className = `${status.present ? 'present' : 'missing'}${status.required && !softened ? ' required' : ''}`;
    const ls = labelState(status, softened);
    li.innerHTML = `<span class="mark" aria-hidden="true">${ls.mark}</span><span>${name}</span><span class="detail">${report ? escapeHtml(ls.detail) : ''}</span>`;
    li.setAttribute('aria-label', report ? `${name}：${ls.spoken}` : name);
    ul.appendChild(li);
  }
}

/** Findings folded by rule and text: one explanation, several places. */
function foldFindings(report) {
  const groups = new Map();
  report.findings.forEach((f, index) => {
    const key = `${f.rule}\u0000${f.text}\u0000${f.severity}`;
    let g = groups.get(key);
    if (!g) { g = { f, indexes: [] }; groups.set(key, g); }
    g.indexes.push(index);
  });
  return [...groups.values()];
}

function fixable(report) {
  return report ? report.findings.map((f, index) => ({ f, index })).filter(({ f }) => f.span && typeof f.replacement === 'string') : [];
}

function findingItem(group, suppressed) {
  const { f, indexes } = group;
  const li = document.createElement('li');
  li.className = `finding ${f.severity}`;
  li.dataset.rule = f.rule;
  li.dataset.indexes = indexes.join(',');
  // The core appends why no one-click fix is offered; it reads as its own line.
  const [advice, noFix] = f.suggestion.split(NO_FIX);
  const times = indexes.length > 1 ? `<span class="times">×${indexes.length}</span>` : '';
  const where = f.span ? `<span class="quote">“${escapeHtml(f.text)}”</span>${times}` : `<span class="quote">${names.category[f.category] || ''}</span>`;
  li.innerHTML = `
    <button type="button" class="head" ${f.span && !suppressed ? '' : 'disabled'}>
      <span class="badge ${f.severity}">${names.severity[f.severity]}</span>${where}<span class="rule">${escapeHtml(f.rule)}</span>
    </button>
    <p class="message">${escapeHtml(f.message)}</p>
    ${advice ? `<p class="suggestion">建议：${escapeHtml(advice)}</p>` : ''}
    ${noFix ? `<p class="no-fix">${NO_FIX}${escapeHtml(noFix)}</p>` : ''}
    <p class="basis">依据：${escapeHtml(f.basis)}</p>
    ${suppressed ? `<p class="basis">忽略标记：${escapeHtml(suppressed)}</p>` : ''}`;
  if (f.span && !suppressed) {
    li.querySelector('.head').addEventListener('click', () => selectFinding(indexes[0]));
    if (indexes.length > 1) {
      const places = document.createElement('p');
      places.className = 'places';
      places.append('位置：');
      indexes.forEach((index, n) => {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'place';
        const at = state.report.findings[index];
        b.textContent = `第${at.line}行第${at.column}列`;
        b.setAttribute('aria-label', `第 ${n + 1} 处：第${at.line}行第${at.column}列`);
        b.addEventListener('click', () => selectFinding(index));
        places.appendChild(b);
      });
      li.appendChild(places);
    }
    if (typeof f.replacement === 'string') {
      const btn = document.createElement('button');
      btn.type = 'button';
      btn.className = 'apply';
      const what = f.replacement ? `改为“${f.replacement}”` : '删除该分句';
      btn.textContent = `应用建议：${what}${indexes.length > 1 ? `（${indexes.length} 处）` : ''}`;
      btn.addEventListener('click', () => applyFixes(indexes));
      li.appendChild(btn);
    }
  }
  return li;
}

function groupKey(groupBy, f) {
  if (groupBy === 'category') return [names.categoryOrder.indexOf(f.category), names.category[f.category] || f.category];
  if (groupBy === 'severity') return [SEVERITY_ORDER.indexOf(f.severity), names.severity[f.severity]];
  return [0, ''];
}

function renderFindings(report) {
  const box = $('findings');
  box.innerHTML = '';
  const supBox = $('suppressed-box');
  if (!report) {
    $('count').textContent = '';
    supBox.hidden = true;
    return;
  }
  if (!report.findings.length) {
    box.innerHTML = '<p class="muted">未发现问题。</p>';
  }
  const groupBy = $('group-by').value;
  const sections = new Map();
  for (const g of foldFindings(report)) {
    const [order, title] = groupKey(groupBy, g.f);
    if (!sections.has(title)) sections.set(title, { order, title, items: [] });
    sections.get(title).items.push(g);
  }
  for (const sec of [...sections.values()].sort((a, b) => a.order - b.order)) {
    if (sec.title) {
      const h = document.createElement('h3');
      h.className = 'group-title';
      h.textContent = `${sec.title}（${sec.items.reduce((n, g) => n + g.indexes.length, 0)}）`;
      box.appendChild(h);
    }
    const ol = document.createElement('ol');
    ol.className = 'finding-list';
    sec.items.forEach((g) => ol.appendChild(findingItem(g, null)));
    box.appendChild(ol);
  }
  const s = report.summary;
  $('count').textContent = `（错误 ${s.errors}，警告 ${s.warnings}）`;
  const sup = $('suppressed');
  sup.innerHTML = '';
  report.suppressed.forEach((f) => sup.appendChild(findingItem({ f, indexes: [-1] }, f.marker)));
  supBox.hidden = report.suppressed.length === 0;
  $('suppressed-count').textContent = String(report.suppressed.length);
  renderExplained(report);
  markSelected();
}

/** What the rules found but did not flag, and why: grey, apart, never counted. */
function renderExplained(report) {
  const box = $('explained-box');
  const list = report && $('explain').checked ? report.explained : null;
  box.hidden = !list;
  const ol = $('explained');
  ol.innerHTML = '';
  if (!list) return;
  $('explained-count').textContent = `${list.length} 项`;
  const note = $('genre-note');
  note.hidden = !report.genre;
  note.textContent = report.genre ? `体裁：${report.genre.reason}` : '';
  if (!list.length) {
    const li = document.createElement('li');
    li.className = 'muted';
    li.textContent = '无：规则找到的疑似用语均已标记。';
    ol.appendChild(li);
  }
  for (const e of list) ol.appendChild(explainedItem(e, report));
}

function explainedItem(e, report) {
  const li = document.createElement('li');
  li.className = 'finding explained';
  li.dataset.rule = e.rule;
  li.dataset.reason = e.reason;
  const at = e.line ? `<span class="rule">第${e.line}行第${e.column}列</span>` : '';
  li.innerHTML = `
    <button type="button" class="head">
      <span class="badge explained">未标记·${escapeHtml(names.reason[e.reason] || e.reason)}</span><span class="quote">“${escapeHtml(e.visible ?? e.text)}”</span><span class="rule">${escapeHtml(e.rule)}</span>${at}
    </button>
    <p class="message">${escapeHtml(e.detail)}</p>`;
  const head = li.querySelector('.head');
  if (e.span && report === state.report && editor.value === state.reportText) {
    head.addEventListener('click', () => {
      editor.focus();
      editor.setSelectionRange(e.span.utf16_start, e.span.utf16_end);
    });
  } else {
    head.disabled = true;
  }
  return li;
}

function renderStatus() {
  const parts = [];
  if (state.ready) parts.push(`引擎初始化 ${state.initMs.toFixed(0)} ms`);
  if (state.report) parts.push(`本次检查 ${state.lastMs.toFixed(1)} ms`);
  parts.push(`${editor.value.length} 字`);
  if (state.version) parts.push(`规则包 ${state.version.rules}`);
  $('status').textContent = parts.join(' · ');
}

function renderPackErrors() {
  const box = $('pack-errors');
  box.hidden = state.packErrors.length === 0;
  box.innerHTML = state.packErrors.map((e) => `<p>${escapeHtml(e)}</p>`).join('');
  const name = load(STORE.packName);
  $('pack-current').textContent = load(STORE.pack) ? `当前机构规则包：${name || '（未命名）'}` : '当前没有导入机构规则包。';
}

function editStatus(message) {
  $('edit-status').textContent = message;
}

// ---- selection between text and findings ----------------------------------

function markSelected() {
  document.querySelectorAll('#findings li.selected').forEach((li) => li.classList.remove('selected'));
  backdrop.querySelectorAll('mark.active').forEach((m) => m.classList.remove('active'));
  if (state.selected < 0) return;
  const li = [...document.querySelectorAll('#findings li[data-indexes]')]
    .find((x) => x.dataset.indexes.split(',').includes(String(state.selected)));
  li?.classList.add('selected');
  backdrop.querySelector(`mark[data-index="${state.selected}"]`)?.classList.add('active');
  return li;
}

function selectFinding(index) {
  const s = currentSpans().find((x) => x.index === index);
  if (!s) return;
  state.selected = index;
  editor.focus();
  editor.setSelectionRange(s.start, s.end);
  markSelected();
  const mark = backdrop.querySelector(`mark[data-index="${index}"]`);
  if (mark) {
    editor.scrollTop = Math.max(0, mark.offsetTop - editor.clientHeight / 3);
    backdrop.scrollTop = editor.scrollTop;
  }
}

/** A click in the text on a highlighted phrase selects its finding in the list. */
function selectAtCaret() {
  if (editor.selectionStart !== editor.selectionEnd) return;
  const at = editor.selectionStart;
  const hit = currentSpans().find((s) => s.start <= at && at < s.end) || currentSpans().find((s) => s.start < at && at === s.end);
  state.selected = hit ? hit.index : -1;
  const li = markSelected();
  if (li) li.scrollIntoView({ block: 'nearest' });
}

// ---- editing and history ----------------------------------------------------

const history = { stack: [], index: -1, timer: null };

function snapshot() {
  return { value: editor.value, start: editor.selectionStart, end: editor.selectionEnd };
}

function commitHistory() {
  clearTimeout(history.timer);
  const top = history.stack[history.index];
  if (top && top.value === editor.value) return;
  history.stack.splice(history.index + 1);
  history.stack.push(snapshot());
  if (history.stack.length > HISTORY_LIMIT) history.stack.shift();
  history.index = history.stack.length - 1;
  updateHistoryButtons();
}

function updateHistoryButtons() {
  const dirty = history.stack[history.index]?.value !== editor.value;
  $('undo').disabled = history.index <= 0 && !dirty;
  $('redo').disabled = history.index >= history.stack.length - 1 || dirty;
}

function restoreSnapshot(s) {
  editor.value = s.value;
  editor.setSelectionRange(s.start, s.end);
  textChanged(0);
}

function undo() {
  commitHistory();
  if (history.index <= 0) return;
  history.index -= 1;
  restoreSnapshot(history.stack[history.index]);
  editStatus('已撤销');
}

function redo() {
  if (history.index >= history.stack.length - 1) return;
  history.index += 1;
  restoreSnapshot(history.stack[history.index]);
  editStatus('已重做');
}

/** After any change of the text: keep it, move the highlights, recheck. */
function textChanged(delay = DEBOUNCE_MS) {
  store(STORE.text, editor.value);
  renderHighlights();
  $('apply-all').disabled = true;
  renderStatus();
  updateHistoryButtons();
  scheduleCheck(delay);
}

/** Replace the whole text with a fixed version, as one undo step. */
function replaceText(text, caret) {
  commitHistory();
  editor.value = text;
  editor.focus();
  editor.setSelectionRange(caret, caret);
  commitHistory();
  textChanged(0);
}

function staleReport() {
  if (editor.value === state.reportText) return false;
  editStatus('文案已改动，请等重新检查完成后再应用建议。');
  scheduleCheck(0);
  return true;
}

/**
 * The wasm module applies the fixes (src/fix.rs): it widens a deletion to the
 * claim's clause and tidies the punctuation at the seam, exactly as the CLI,
 * the npm package and the tests do. This page never splices text itself.
 */
async function applyFindings(findings, done) {
  if (staleReport()) return;
  const text = editor.value;
  let result;
  try {
    result = await request({ type: 'fix', text, findings });
  } catch (e) {
    editStatus(`应用建议失败：${e.message}`);
    return;
  }
  // Typing while the worker worked: the fixes were for the old text.
  if (editor.value !== text) { editStatus('文案已改动，请等重新检查完成后再应用建议。'); return; }
  if (!result.applied) { editStatus('没有可安全一键修改的建议。'); return; }
  replaceText(result.text, result.caret);
  editStatus(done(result.applied));
}

function applyFixes(indexes) {
  const findings = indexes.map((index) => state.report.findings[index]);
  applyFindings(findings, (n) => `已应用 ${n} 处建议，可用“撤销”或 Ctrl+Z 还原。`);
}

function applyAll() {
  const findings = fixable(state.report).map(({ f }) => f);
  if (!findings.length) return;
  applyFindings(findings, (n) => `已应用全部 ${n} 处可一键修改的建议，可用“撤销”或 Ctrl+Z 还原。`);
}

async function copyAll() {
  try {
    await navigator.clipboard.writeText(editor.value);
  } catch {
    // Without clipboard permission (or outside a secure context), fall back to a selection copy.
    editor.focus();
    editor.select();
    document.execCommand('copy');
  }
  editStatus(`已复制全文（${editor.value.length} 字）。`);
}

function clearAll() {
  commitHistory();
  editor.value = '';
  commitHistory();
  // Shared office computers: the copy must not stay in this browser's storage.
  store(STORE.text, '');
  state.report = null;
  state.reportText = '';
  render();
  updateHistoryButtons();
  editStatus('已清空，本机浏览器中保存的文案也已删除。');
}

// ---- custom rules and packs -------------------------------------------------

function customPack() {
  const lines = (v) => v.split('\n').map((s) => s.trim()).filter(Boolean);
  const terms = lines($('terms').value);
  const allow = lines($('allow').value);
  if (!terms.length && !allow.length) return null;
  const pack = { pack: { name: CUSTOM_PACK_NAME, version: '' }, allow, rule: [] };
  if (terms.length) {
    pack.rule.push({
      id: 'user.terms',
      category: $('term-category').value,
      severity: 'error',
      message: '“{text}”是您自定义的违规词。',
      suggestion: '请修改或删除该表述。',
      basis: '机构自定义规则',
      terms,
    });
  }
  return JSON.stringify(pack);
}

function packList() {
  const packs = [];
  const imported = load(STORE.pack);
  if (imported.trim()) packs.push({ name: load(STORE.packName) || '已导入的机构规则包', text: imported });
  const custom = customPack();
  if (custom) packs.push({ name: CUSTOM_PACK_NAME, text: custom });
  return packs;
}

/** Apply every pack that is valid; name the ones that are not, next to the verdict. */
async function applyCustomRules(save) {
  if (save) {
    store(STORE.terms, $('terms').value);
    store(STORE.category, $('term-category').value);
    store(STORE.allow, $('allow').value);
  }
  if (!state.ready) return;
  let result;
  try {
    result = await request({ type: 'packs', packs: packList() });
  } catch (e) {
    state.packErrors = [`规则未能应用：${e.message}`];
    renderPackErrors();
    return;
  }
  state.version = result.version;
  state.categories = result.categories;
  state.packErrors = result.errors.map((e) => `规则包“${e.name}”未能应用：${e.message}`);
  renderPackErrors();
  $('custom-status').textContent = `已应用：${result.version.rules}`;
  renderChecked(state.report);
  renderStatus();
  scheduleCheck(0);
}

async function importPack() {
  const input = $('pack-file');
  const file = input.files[0];
  if (!file) return;
  const text = await file.text();
  const previous = load(STORE.packName);
  try {
    await request({ type: 'validate', text, name: file.name });
  } catch (e) {
    // The previous good pack stays stored and applied.
    const kept = load(STORE.pack) ? `仍在使用原规则包“${previous || '已导入的机构规则包'}”。` : '当前没有机构规则包。';
    state.packErrors = [`未导入“${file.name}”：${e.message}。${kept}`];
    renderPackErrors();
    input.value = '';
    return;
  }
  input.value = '';
  if (!store(STORE.pack, text)) {
    state.packErrors = [`未导入“${file.name}”：本机浏览器无法保存该文件（存储空间已满或被禁用，通常上限约 5 MB），原规则包保持不变。`];
    renderPackErrors();
    return;
  }
  store(STORE.packName, file.name);
  await applyCustomRules(true);
}

// ---- export and print -------------------------------------------------------

/** Local time with its UTC offset, e.g. 2026-11-24T16:05:09+08:00: one string for JSON and print. */
function localIso(d) {
  const p = (n) => String(Math.abs(n)).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}${sign}${p(Math.trunc(off / 60))}:${p(off % 60)}`;
}

function reportMeta() {
  return { checkedAt: localIso(state.checkedAt), sha256: sha256Hex(state.reportText) };
}

function exportJson() {
  if (!state.report) return;
  const meta = reportMeta();
  const payload = { checked_at: meta.checkedAt, input_sha256: meta.sha256, input: state.reportText, ...state.report };
  const blob = new Blob([JSON.stringify(payload, null, 2)], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `finlint-report-${meta.checkedAt.slice(0, 19).replace(/[-:T]/g, '')}.json`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** The checked copy with each located finding marked with its row number in the list. */
function markedCopy(text, located) {
  let html = '';
  let at = 0;
  for (const { f, n } of located) {
    const start = Math.max(f.span.utf16_start, at);
    if (f.span.utf16_end <= start) continue;
    html += escapeHtml(text.slice(at, start));
    html += `<mark class="${f.severity}">${escapeHtml(text.slice(start, f.span.utf16_end))}</mark><sup>${n}</sup>`;
    at = f.span.utf16_end;
  }
  return html + escapeHtml(text.slice(at));
}

/** 1、2、3、5 -> "1–3、5": line lists of repeated findings stay short. */
function ranges(numbers) {
  const out = [];
  for (const n of [...new Set(numbers)].sort((a, b) => a - b)) {
    const last = out[out.length - 1];
    if (last && n === last[1] + 1) last[1] = n;
    else out.push([n, n]);
  }
  return out.map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`)).join('、');
}

/**
 * The report a reviewer files. Repeated findings are one numbered row (the
 * explanation printed once), and every mark in the copy carries that number.
 */
function buildPrint() {
  const r = state.report;
  const meta = reportMeta();
  const groups = foldFindings(r);
  const rowOf = new Map();
  groups.forEach((g, row) => g.indexes.forEach((i) => rowOf.set(i, row + 1)));
  const located = r.findings.map((f, i) => ({ f, n: rowOf.get(i) })).filter(({ f }) => f.span);
  const rows = groups.map((g, row) => {
    const f = g.f;
    const where = f.span
      ? `“${escapeHtml(f.text)}”${g.indexes.length > 1 ? ` ×${g.indexes.length}` : ''}<br><span class="muted">第${ranges(g.indexes.map((i) => r.findings[i].line))}行</span>`
      : '全文';
    return `<tr class="${f.severity}"><td>${row + 1}</td><td>${names.severity[f.severity]}<br><span class="muted">${names.category[f.category] || ''}</span></td><td>${where}</td>
      <td>${escapeHtml(f.message)}${f.suggestion ? `<br>建议：${escapeHtml(f.suggestion.split(NO_FIX)[0])}` : ''}</td><td class="basis">${escapeHtml(f.basis)}</td></tr>`;
  }).join('');
  const labels = names.labels.map(([k, name]) => `<li>${name}：${escapeHtml(labelState(r.labels[k]).detail)}</li>`).join('');
  const suppressed = r.suppressed.length
    ? `<p>另有 ${r.suppressed.length} 项按文内标记忽略：${r.suppressed.map((s) => `${escapeHtml(s.rule)}“${escapeHtml(s.text)}”`).join('；')}</p>` : '';
  return `
    <h1>金融营销文案合规预审报告</h1>
    <table class="meta">
      <tr><th>检查时间</th><td>${meta.checkedAt}</td><th>检查工具</th><td>finlint ${escapeHtml(r.version.engine)}（本机离线检查）</td></tr>
      <tr><th>产品类型</th><td>${escapeHtml(profileText(r.profile))}</td><th>规则包</th><td>${escapeHtml(r.version.rules)}</td></tr>
      <tr><th>文案 SHA-256</th><td colspan="3" class="hash">${meta.sha256}</td></tr>
    </table>
    <p class="print-verdict">预审结论：<strong>${escapeHtml(verdictText(r.summary))}</strong>（错误 ${r.summary.errors}，警告 ${r.summary.warnings}，提示 ${r.summary.infos}）</p>
    <p class="caveat">本报告为发布前自动预审，只能发现已知类型的问题，不构成合规审核结论；发布须经审核人员复核签字。</p>
    <h2>文案（共 ${state.reportText.length} 字；标注处的编号对应问题清单）</h2>
    <div class="copy">${markedCopy(state.reportText, located)}</div>
    <h2>必备信息</h2><ul class="print-labels">${labels}</ul>
    <h2>问题清单（${groups.length} 类，共 ${r.findings.length} 处）</h2>
    <table class="findings-table"><colgroup><col class="c-no"><col class="c-sev"><col class="c-text"><col class="c-msg"><col class="c-basis"></colgroup>
    <thead><tr><th>编号</th><th>级别</th><th>原文</th><th>说明与建议</th><th>依据</th></tr></thead><tbody>${rows}</tbody></table>
    ${suppressed}
    <h2>审核意见</h2>
    <table class="signoff">
      <tr><th>审核人</th><td></td><th>审核日期</th><td></td></tr>
      <tr><th>审核结论</th><td colspan="3">☐ 同意发布　☐ 修改后发布　☐ 不同意发布</td></tr>
      <tr><th>意见</th><td colspan="3" class="tall"></td></tr>
      <tr><th>签字</th><td colspan="3" class="tall"></td></tr>
    </table>`;
}

function preparePrint() {
  if (!state.report || state.printed === state.report) return;
  $('print-area').innerHTML = buildPrint();
  state.printed = state.report;
}

function printReport() {
  if (!state.report) return;
  preparePrint();
  window.print();
}

// ---- start -----------------------------------------------------------------

function fillSelect(select, entries) {
  for (const { id, name } of entries) {
    const option = document.createElement('option');
    option.value = id;
    option.textContent = name;
    select.appendChild(option);
  }
}

/** Build the menus and name tables from the catalog, then restore the saved choices into them. */
function applyCatalog(catalog) {
  names.labels = catalog.labels.map((l) => [l.id, l.name]);
  names.severity = Object.fromEntries(catalog.severities.map((s) => [s.id, s.name]));
  names.category = Object.fromEntries(catalog.categories.map((c) => [c.id, c.name]));
  names.categoryOrder = catalog.categories.map((c) => c.id);
  names.product = Object.fromEntries(catalog.products.map((p) => [p.id, p.name]));
  // Short names for `report.explained[].reason`; the full reason is in `detail`.
  names.reason = Object.fromEntries(catalog.explain_reasons.map((r) => [r.id, r.name]));
  fillSelect($('product'), catalog.products);
  fillSelect($('term-category'), TERM_CATEGORIES.map((id) => ({ id, name: names.category[id] })));
  $('product').value = load(STORE.product);
  const category = load(STORE.category);
  if (category) $('term-category').value = category;
  render();
}

function restore() {
  editor.value = load(STORE.text);
  $('terms').value = load(STORE.terms);
  $('allow').value = load(STORE.allow);
  const groupBy = load(STORE.groupBy);
  if (groupBy) $('group-by').value = groupBy;
  $('explain').checked = load(STORE.explain) === '1';
}

function onKeydown(e) {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
  const key = e.key.toLowerCase();
  if (key === 'z' && !e.shiftKey) { e.preventDefault(); undo(); }
  else if ((key === 'z' && e.shiftKey) || key === 'y') { e.preventDefault(); redo(); }
}

function wire() {
  editor.addEventListener('input', () => {
    clearTimeout(history.timer);
    history.timer = setTimeout(commitHistory, HISTORY_PAUSE_MS);
    textChanged();
  });
  editor.addEventListener('keydown', onKeydown);
  editor.addEventListener('click', selectAtCaret);
  editor.addEventListener('scroll', () => { backdrop.scrollTop = editor.scrollTop; });
  $('undo').addEventListener('click', undo);
  $('redo').addEventListener('click', redo);
  $('apply-all').addEventListener('click', applyAll);
  $('copy').addEventListener('click', copyAll);
  $('clear').addEventListener('click', clearAll);
  $('product').addEventListener('change', () => { store(STORE.product, $('product').value); scheduleCheck(0); });
  $('group-by').addEventListener('change', () => { store(STORE.groupBy, $('group-by').value); renderFindings(state.report); });
  $('explain').addEventListener('change', () => {
    store(STORE.explain, $('explain').checked ? '1' : '');
    // The report has the list only when asked for: check again to get it.
    if ($('explain').checked && state.report && !state.report.explained) scheduleCheck(0);
    else renderFindings(state.report);
  });
  $('save-custom').addEventListener('click', () => applyCustomRules(true));
  $('remove-pack').addEventListener('click', () => {
    store(STORE.pack, '');
    store(STORE.packName, '');
    applyCustomRules(true);
  });
  $('clear-custom').addEventListener('click', () => {
    $('terms').value = '';
    $('allow').value = '';
    $('pack-file').value = '';
    store(STORE.pack, '');
    store(STORE.packName, '');
    applyCustomRules(true);
  });
  $('pack-file').addEventListener('change', importPack);
  $('export-json').addEventListener('click', exportJson);
  $('print').addEventListener('click', printReport);
  // Ctrl+P prints the page's report too, not the editor.
  window.addEventListener('beforeprint', preparePrint);
}

restore();
wire();
commitHistory();
render();
renderPackErrors();
startWorker();
