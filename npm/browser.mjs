// Browser and bundler entry. Call `await init()` once before anything else;
// it fetches and compiles the .wasm next to this file (no other host). After
// an internal error the engine is dropped: `await init()` again to reload it.
import * as firstInstance from './pkg/web/finlint.js';
import { createApi, finlintError, ErrorCode } from './api.mjs';

let wasm = null;
let instances = 0;

const backend = {
  load() {
    if (!wasm) throw finlintError(ErrorCode.NOT_READY, '检查引擎尚未加载：请先调用并等待 init()');
    return wasm;
  },
  unload() {
    wasm = null;
  },
  async init(wasmUrl) {
    if (wasm) return;
    // The static import serves the first load (bundlers see it); after a
    // trap a fresh copy of the module is imported, never the trapped one.
    instances += 1;
    const mod = instances === 1 ? firstInstance
      : await import(/* webpackIgnore: true */ `${new URL('./pkg/web/finlint.js', import.meta.url).href}?instance=${instances}`);
    await mod.default({ module_or_path: wasmUrl ?? new URL('./pkg/web/finlint_bg.wasm', import.meta.url) });
    mod.init();
    wasm = mod;
  },
};

const api = createApi(backend);
export const { init, check, checkDocument, validate, applyFixes, createChecker, rules, version, catalog, validateRulePack } = api;
export { ErrorCode };
export default api;
