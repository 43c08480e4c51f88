// A CMS pre-publish hook: reject a post whose title or body fails finlint.
//
//   node examples/cms-prepublish/hook.mjs post.json [--rules pack.toml] [--fail-on warning]
//
// post.json: { "title": "...", "body": "<p>HTML…</p>", "meta": { "product": "wealth", "publish_date": "2026-11-24" } }
// Exit code 0 publishes; 1 rejects with a readable reason list; 2 means bad input.
// In your own project: npm install finlint, then import from 'finlint'.
import fs from 'node:fs';
import { validate } from 'finlint';

/** Labels that the CMS supplies from its metadata rather than the copy. */
function metadataPack(meta = {}) {
  const disable = [];
  if (meta.publish_date) disable.push('label.date');
  if (meta.advertiser) disable.push('label.advertiser');
  return disable.length ? { pack: { name: 'CMS 元数据' }, disable } : null;
}

function where(field, f) {
  return f.span ? `${field}第${f.line}行第${f.column}列“${f.text}”` : field;
}

/**
 * Check a post. Returns { ok, reasons, reports }; reasons are readable lines,
 * and each report's spans point into the original title or body HTML.
 */
export function prepublish(post, { rules = [], failOn = 'error' } = {}) {
  if (!post || typeof post.body !== 'string' || typeof (post.title ?? '') !== 'string') {
    throw new TypeError('post 必须包含字符串字段 body（HTML）和 title');
  }
  const product = post.meta?.product ?? null;
  const extra = metadataPack(post.meta);
  const packs = [...(Array.isArray(rules) ? rules : [rules]), ...(extra ? [extra] : [])];
  // The title is a headline: it is checked for claims, not for disclosures.
  const titleRules = [...packs, { pack: { name: '标题' }, disable: ['label'] }];
  const reports = {
    title: post.title?.trim() ? validate(post.title, { product, rules: titleRules, failOn }) : { ok: true, report: null },
    body: validate(post.body, { product, rules: packs, failOn }),
  };
  const failing = (r) => r.severity === 'error' || (failOn === 'warning' && r.severity === 'warning');
  const reasons = [];
  for (const [field, name] of [['title', '标题'], ['body', '正文']]) {
    const report = reports[field].report;
    if (!report) continue;
    for (const f of report.findings.filter(failing)) {
      reasons.push(`${where(name, f)}：${f.message}（依据：${f.basis}）`);
    }
  }
  return { ok: reports.title.ok && reports.body.ok, reasons, reports: { title: reports.title.report, body: reports.body.report } };
}

function main(argv) {
  const [file, ...rest] = argv;
  const opt = (name) => { const i = rest.indexOf(name); return i >= 0 ? rest[i + 1] : undefined; };
  if (!file) {
    console.error('用法：node hook.mjs post.json [--rules pack.toml] [--fail-on warning]');
    return 2;
  }
  let post;
  try {
    post = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    console.error(`无法读取文章 ${file}：${e.message}`);
    return 2;
  }
  const rulesFile = opt('--rules');
  const rules = rulesFile ? [fs.readFileSync(rulesFile, 'utf8')] : [];
  const result = prepublish(post, { rules, failOn: opt('--fail-on') ?? 'error' });
  if (result.ok) {
    console.log(`可以发布：${result.reports.body.summary.verdict}`);
    return 0;
  }
  console.log(`不予发布（${result.reasons.length} 项问题）：`);
  result.reasons.forEach((r, i) => console.log(`${i + 1}. ${r}`));
  return 1;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main(process.argv.slice(2));
