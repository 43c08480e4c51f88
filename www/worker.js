// The checker runs here, off the main thread, so typing never stalls.
// All rule logic lives in the wasm module; this file only relays messages.
import init, * as finlint from './pkg/finlint.js';

let ready = false;

async function start() {
  const t0 = performance.now();
  try {
    await init({ module_or_path: new URL('./pkg/finlint_bg.wasm', import.meta.url) });
    finlint.init();
    ready = true;
    postMessage({ type: 'ready', initMs: performance.now() - t0, version: finlint.version(), rules: finlint.rules() });
  } catch (e) {
    postMessage({ type: 'fatal', message: String(e && e.message || e) });
  }
}

const started = start();

onmessage = async (event) => {
  await started;
  const msg = event.data;
  if (!ready) return;
  try {
    if (msg.type === 'check') {
      const t0 = performance.now();
      const report = finlint.check(msg.text, { product: msg.product || null });
      postMessage({ type: 'result', id: msg.id, report, ms: performance.now() - t0 });
    } else if (msg.type === 'packs') {
      const version = finlint.setRulePacks(msg.sources);
      postMessage({ type: 'packs', id: msg.id, version, rules: finlint.rules() });
    }
  } catch (e) {
    postMessage({ type: 'error', id: msg.id, request: msg.type, message: String(e && e.message || e) });
  }
};
