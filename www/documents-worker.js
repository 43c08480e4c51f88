// Reads dropped .docx/.pptx files off the main thread. The bytes stay in this
// browser: the wasm module extracts and checks them here.
import init, * as finlint from './pkg/finlint.js';

const ready = init({ module_or_path: new URL('./pkg/finlint_bg.wasm', import.meta.url) }).then(() => finlint.init());

onmessage = async (event) => {
  const { id, name, bytes, product } = event.data;
  try {
    await ready;
    const t0 = performance.now();
    const result = finlint.checkDocument(new Uint8Array(bytes), name, { product: product || null });
    postMessage({ id, ok: true, result, ms: performance.now() - t0, catalog: finlint.catalog() });
  } catch (e) {
    postMessage({ id, ok: false, message: String((e && e.message) || e) });
  }
};
