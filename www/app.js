// The page: editor, highlights, findings, labels, custom rules, export.
// No rule logic lives here: every decision comes from the wasm module's report.

const $ = (id) => document.getElementById(id);
const editor = $('editor');
const backdrop = $('backdrop');

const LABELS = [
  ['risk_level', '风险等级'],
  ['liquidity', '流动性'],
  ['advertiser', '广告主'],
  ['date', '发布日期'],
  ['risk_warning', '风险提示'],
];
const SEVERITY_ZH = { error: '错误', warning: '警告', info: '提示' };
const CATEGORY_ZH = {
  absolute: '绝对化用语', guarantee: '保本保收益承诺', misleading: '误导性内容', promotion: '促销诱导',
  endorsement: '推荐证明', unsourced_data: '数据无出处', personal_info: '个人信息', missing_label: '缺少必备信息',
};
const STORE = { text: 'finlint.text', product: 'finlint.product', terms: 'finlint.terms', category: 'finlint.category', allow: 'finlint.allow', pack: 'finlint.pack' };
const DEBOUNCE_MS = 250;

const state = {
  worker: null,
  ready: false,
  initMs: 0,
  version: null,
  report: null,
  reportText: '',
  checkedAt: null,
  lastMs: 0,
  nextId: 1,
  inFlight: false,
  queued: false,
  timer: null,
};

function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

function store(key, value) {
  try { localStorage.setItem(key, value); } catch { /* storage may be disabled; settings then last for the session */ }
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
  state.worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  state.worker.onmessage = (e) => onWorkerMessage(e.data);
  state.worker.onerror = (e) => showFatal(`检查引擎加载失败：${e.message || '未知错误'}`);
}

function showFatal(message) {
  $('loading').hidden = true;
  $('fatal').hidden = false;
  $('fatal').textContent = message;
}

function onWorkerMessage(msg) {
  switch (msg.type) {
    case 'ready':
      state.ready = true;
      state.initMs = msg.initMs;
      state.version = msg.version;
      $('loading').hidden = true;
      document.body.dataset.ready = 'true';
      applyCustomRules(false);
      scheduleCheck(0);
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
        render();
      }
      if (state.queued) { state.queued = false; runCheck(); }
      break;
    case 'packs':
      state.version = msg.version;
      $('custom-status').textContent = `已应用：${msg.version.rules}`;
      scheduleCheck(0);
      break;
    case 'error':
      if (msg.request === 'check') {
        state.inFlight = false;
        showCheckError(msg.message);
        if (state.queued) { state.queued = false; runCheck(); }
      } else {
        $('custom-status').textContent = `规则包无效：${msg.message}`;
      }
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
    render();
    return;
  }
  state.inFlight = true;
  state.latestId = state.nextId++;
  state.pendingText = text;
  state.worker.postMessage({ type: 'check', id: state.latestId, text, product: $('product').value });
}

function showCheckError(message) {
  $('verdict').className = 'verdict fail';
  $('verdict').textContent = message;
}

// ---- rendering -------------------------------------------------------------

function render() {
  const report = state.report;
  const hasReport = Boolean(report);
  $('export-json').disabled = !hasReport;
  $('print').disabled = !hasReport;
  renderHighlights(report);
  renderVerdict(report);
  renderLabels(report);
  renderFindings(report);
  renderStatus();
}

function spanFindings(report) {
  return report ? report.findings.filter((f) => f.span) : [];
}

function renderHighlights(report) {
  const text = editor.value;
  // Tests and assistive tools can tell whether the highlights match the text.
  backdrop.dataset.fresh = String(Boolean(report) && text === state.reportText);
  if (!report || text !== state.reportText) {
    backdrop.innerHTML = escapeHtml(text) + '\n';
    return;
  }
  let html = '';
  let at = 0;
  spanFindings(report).forEach((f, i) => {
    const start = Math.max(f.span.utf16_start, at);
    const end = f.span.utf16_end;
    if (end <= start) return;
    html += escapeHtml(text.slice(at, start));
    html += `<mark class="${f.severity}" data-index="${i}">${escapeHtml(text.slice(start, end))}</mark>`;
    at = end;
  });
  html += escapeHtml(text.slice(at));
  // A trailing newline keeps the backdrop's last line as tall as the textarea's.
  backdrop.innerHTML = html + '\n';
  backdrop.scrollTop = editor.scrollTop;
}

function renderVerdict(report) {
  const el = $('verdict');
  if (!report) {
    el.className = 'verdict idle';
    el.textContent = '等待输入';
    $('profile-info').textContent = '';
    return;
  }
  el.className = `verdict ${report.summary.pass ? 'pass' : 'fail'}`;
  el.textContent = report.summary.verdict;
  $('profile-info').textContent = report.profile.detected ? report.profile.reason : '';
}

function renderLabels(report) {
  const ul = $('labels');
  ul.innerHTML = '';
  for (const [key, name] of LABELS) {
    const status = report ? report.labels[key] : { present: false, required: false };
    const li = document.createElement('li');
    li.dataset.label = key;
    li.className = `${status.present ? 'present' : 'missing'}${status.required ? ' required' : ''}`;
    const mark = status.present ? '✓' : status.required ? '✗' : '–';
    const detail = !report ? '' : status.present ? `“${status.text}”` : status.required ? '缺失（本产品类型必备）' : '未标注（本产品类型非必备）';
    li.innerHTML = `<span class="mark" aria-hidden="true">${mark}</span><span>${name}</span><span class="detail">${escapeHtml(detail)}</span>`;
    li.setAttribute('aria-label', `${name}：${status.present ? '已标注' : '缺失'}`);
    ul.appendChild(li);
  }
}

function findingItem(f, index, suppressed) {
  const li = document.createElement('li');
  li.className = `finding ${f.severity}`;
  li.dataset.rule = f.rule;
  const where = f.span ? `<span class="quote">“${escapeHtml(f.text)}”</span>` : `<span class="quote">${CATEGORY_ZH[f.category] || ''}</span>`;
  li.innerHTML = `
    <button type="button" class="head" ${f.span ? '' : 'disabled'}>
      <span class="badge ${f.severity}">${SEVERITY_ZH[f.severity]}</span>${where}<span class="rule">${escapeHtml(f.rule)}</span>
    </button>
    <p class="message">${escapeHtml(f.message)}</p>
    ${f.suggestion ? `<p class="suggestion">建议：${escapeHtml(f.suggestion)}</p>` : ''}
    <p class="basis">依据：${escapeHtml(f.basis)}</p>
    ${suppressed ? `<p class="basis">忽略标记：${escapeHtml(suppressed)}</p>` : ''}`;
  if (f.span && !suppressed) {
    li.querySelector('.head').addEventListener('click', () => selectSpan(f, index));
    if (typeof f.replacement === 'string') {
      const btn = document.createElement('button');
      btn.type = 'button';
      btn.className = 'apply';
      btn.textContent = f.replacement ? `应用建议：改为“${f.replacement}”` : '应用建议：删除该表述';
      btn.addEventListener('click', () => applyReplacement(f));
      li.appendChild(btn);
    }
  }
  return li;
}

function renderFindings(report) {
  const ol = $('findings');
  ol.innerHTML = '';
  const box = $('suppressed-box');
  if (!report) {
    $('count').textContent = '';
    box.hidden = true;
    return;
  }
  const located = spanFindings(report);
  report.findings.forEach((f) => ol.appendChild(findingItem(f, located.indexOf(f), null)));
  const s = report.summary;
  $('count').textContent = `（错误 ${s.errors}，警告 ${s.warnings}）`;
  const sup = $('suppressed');
  sup.innerHTML = '';
  report.suppressed.forEach((f) => sup.appendChild(findingItem(f, -1, f.marker)));
  box.hidden = report.suppressed.length === 0;
  $('suppressed-count').textContent = String(report.suppressed.length);
}

function renderStatus() {
  const parts = [];
  if (state.ready) parts.push(`引擎初始化 ${state.initMs.toFixed(0)} ms`);
  if (state.report) parts.push(`本次检查 ${state.lastMs.toFixed(1)} ms`);
  parts.push(`${editor.value.length} 字`);
  if (state.version) parts.push(`规则包 ${state.version.rules}`);
  $('status').textContent = parts.join(' · ');
}

// ---- interaction -----------------------------------------------------------

function selectSpan(f, index) {
  editor.focus();
  editor.setSelectionRange(f.span.utf16_start, f.span.utf16_end);
  backdrop.querySelectorAll('mark.active').forEach((m) => m.classList.remove('active'));
  const mark = backdrop.querySelector(`mark[data-index="${index}"]`);
  if (mark) {
    mark.classList.add('active');
    editor.scrollTop = Math.max(0, mark.offsetTop - editor.clientHeight / 3);
    backdrop.scrollTop = editor.scrollTop;
  }
}

function applyReplacement(f) {
  const text = editor.value;
  if (text !== state.reportText) return; // the report is stale; the next check will refresh it
  editor.value = text.slice(0, f.span.utf16_start) + f.replacement + text.slice(f.span.utf16_end);
  const caret = f.span.utf16_start + f.replacement.length;
  editor.focus();
  editor.setSelectionRange(caret, caret);
  store(STORE.text, editor.value);
  scheduleCheck(0);
}

function customPackSources() {
  const sources = [];
  const imported = load(STORE.pack);
  if (imported.trim()) sources.push(imported);
  const lines = (v) => v.split('\n').map((s) => s.trim()).filter(Boolean);
  const terms = lines($('terms').value);
  const allow = lines($('allow').value);
  if (terms.length || allow.length) {
    const pack = { pack: { name: '本机自定义', version: '' }, allow, rule: [] };
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
    sources.push(JSON.stringify(pack));
  }
  return sources;
}

function applyCustomRules(save) {
  if (save) {
    store(STORE.terms, $('terms').value);
    store(STORE.category, $('term-category').value);
    store(STORE.allow, $('allow').value);
  }
  if (state.ready) state.worker.postMessage({ type: 'packs', id: state.nextId++, sources: customPackSources() });
}

function timestamp(d) {
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

function exportJson() {
  if (!state.report) return;
  const payload = { checked_at: state.checkedAt.toISOString(), input: state.reportText, ...state.report };
  const blob = new Blob([JSON.stringify(payload, null, 2)], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `finlint-report-${timestamp(state.checkedAt).replace(/[-: ]/g, '')}.json`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function printReport() {
  const r = state.report;
  if (!r) return;
  const rows = r.findings.map((f, i) => `<tr><td>${i + 1}</td><td>${SEVERITY_ZH[f.severity]}</td><td>${escapeHtml(f.rule)}<br>${CATEGORY_ZH[f.category] || ''}</td>
    <td>${f.span ? `“${escapeHtml(f.text)}”（第${f.line}行第${f.column}列）` : '—'}</td><td>${escapeHtml(f.message)}<br>建议：${escapeHtml(f.suggestion)}</td><td>${escapeHtml(f.basis)}</td></tr>`).join('');
  const labels = LABELS.map(([k, name]) => `<li>${name}：${r.labels[k].present ? `已标注“${escapeHtml(r.labels[k].text)}”` : r.labels[k].required ? '缺失（必备）' : '未标注'}</li>`).join('');
  $('print-area').innerHTML = `
    <h1>金融营销文案合规审查报告（预审）</h1>
    <p>检查时间：${timestamp(state.checkedAt)}　检查工具：finlint ${escapeHtml(r.version.engine)}　规则包：${escapeHtml(r.version.rules)}</p>
    <p>产品类型：${escapeHtml(r.profile.name)}（${escapeHtml(r.profile.reason)}）</p>
    <p>结论：<strong>${escapeHtml(r.summary.verdict)}</strong></p>
    <h2>文案原文</h2><pre>${escapeHtml(state.reportText)}</pre>
    <h2>必备信息</h2><ul>${labels}</ul>
    <h2>问题清单（${r.findings.length} 项）</h2>
    <table><thead><tr><th>#</th><th>级别</th><th>规则</th><th>原文位置</th><th>说明与建议</th><th>依据</th></tr></thead><tbody>${rows}</tbody></table>
    ${r.suppressed.length ? `<p>另有 ${r.suppressed.length} 项按文内标记忽略：${r.suppressed.map((s) => `${escapeHtml(s.rule)}“${escapeHtml(s.text)}”`).join('；')}</p>` : ''}
    <p>本报告由 finlint 在本机生成，供正式合规审查前预审参考。</p>`;
  window.print();
}

function restore() {
  editor.value = load(STORE.text);
  $('product').value = load(STORE.product);
  $('terms').value = load(STORE.terms);
  $('allow').value = load(STORE.allow);
  const category = load(STORE.category);
  if (category) $('term-category').value = category;
}

function wire() {
  editor.addEventListener('input', () => {
    store(STORE.text, editor.value);
    renderHighlights(state.report);
    renderStatus();
    scheduleCheck();
  });
  editor.addEventListener('scroll', () => { backdrop.scrollTop = editor.scrollTop; });
  $('product').addEventListener('change', () => { store(STORE.product, $('product').value); scheduleCheck(0); });
  $('save-custom').addEventListener('click', () => applyCustomRules(true));
  $('clear-custom').addEventListener('click', () => {
    $('terms').value = '';
    $('allow').value = '';
    $('pack-file').value = '';
    store(STORE.pack, '');
    applyCustomRules(true);
  });
  $('pack-file').addEventListener('change', async () => {
    const file = $('pack-file').files[0];
    if (!file) return;
    store(STORE.pack, await file.text());
    applyCustomRules(true);
  });
  $('export-json').addEventListener('click', exportJson);
  $('print').addEventListener('click', printReport);
}

restore();
wire();
render();
startWorker();
