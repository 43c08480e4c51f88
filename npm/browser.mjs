// Browser and bundler entry. Call `await init()` once before anything else;
// it fetches and compiles the .wasm next to this file (no other host).
import initWasm, * as wasm from './pkg/web/finlint.js';
import { createApi } from './api.mjs';

let ready = false;
let loading = null;

export function init(wasmUrl) {
  loading ??= initWasm({ module_or_path: wasmUrl ?? new URL('./pkg/web/finlint_bg.wasm', import.meta.url) }).then(() => {
    wasm.init();
    ready = true;
  });
  return loading;
}

const api = createApi(wasm, () => {
  if (!ready) throw new Error('finlint: call and await init() before checking');
});

export const { check, checkDocument, validate, rules, version, validateRulePack } = api;
export default { init, ...api };
