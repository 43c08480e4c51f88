// The checker runs here, off the main thread, so typing never stalls.
// All rule logic lives in the wasm module; this file only relays messages.
// After a trap (WebAssembly.RuntimeError) the module must not be reused: the
// worker reports `fatal` and the page starts a fresh worker.
import init, * as finlint from './pkg/finlint.js';

let ready = false;

function categories() {
  return [...new Set(finlint.rules().filter((r) => r.enabled).map((r) => r.category))];
}

async function start() {
  const t0 = performance.now();
  try {
    await init({ module_or_path: new URL('./pkg/finlint_bg.wasm', import.meta.url) });
    finlint.init();
    ready = true;
    postMessage({ type: 'ready', initMs: performance.now() - t0, version: finlint.version(), categories: categories(), catalog: finlint.catalog() });
  } catch (e) {
    postMessage({ type: 'fatal', message: String((e && e.message) || e) });
  }
}

const started = start();

// Packs are added one at a time, so that one bad pack (or two that clash)
// never takes the others, or the custom terms and allow-list, down with it.
function applyPacks(packs) {
  const good = [];
  const errors = [];
  let version = finlint.setRulePacks([], []);
  for (const p of packs) {
    const next = [...good, p];
    try {
      version = finlint.setRulePacks(next.map((x) => x.text), next.map((x) => x.name));
      good.push(p);
    } catch (e) {
      errors.push({ name: p.name, message: e.message, code: e.code });
    }
  }
  return { version, errors, applied: good.map((p) => p.name), categories: categories() };
}

onmessage = async (event) => {
  await started;
  const msg = event.data;
  if (!ready) return;
  try {
    if (msg.type === 'check') {
      const t0 = performance.now();
      const report = finlint.check(msg.text, { product: msg.product || null, explain: Boolean(msg.explain) });
      postMessage({ type: 'result', id: msg.id, report, ms: performance.now() - t0 });
    } else if (msg.type === 'packs') {
      postMessage({ type: 'packs', id: msg.id, ...applyPacks(msg.packs) });
    } else if (msg.type === 'fix') {
      postMessage({ type: 'fixed', id: msg.id, ...finlint.applyFixes(msg.text, msg.findings) });
    } else if (msg.type === 'validate') {
      finlint.validateRulePack(msg.text, msg.name);
      postMessage({ type: 'valid', id: msg.id });
    }
  } catch (e) {
    const trap = e instanceof WebAssembly.RuntimeError;
    if (trap) ready = false;
    postMessage({ type: trap ? 'crashed' : 'error', id: msg.id, request: msg.type, message: String((e && e.message) || e), code: e && e.code });
  }
};
