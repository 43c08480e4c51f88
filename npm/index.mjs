// Node ES module entry: the synchronous Node build of the wasm module.
import { createRequire } from 'node:module';
import { createApi } from './api.mjs';

const wasm = createRequire(import.meta.url)('./pkg/node/finlint.js');
let ready = false;
const api = createApi(wasm, () => {
  if (!ready) {
    wasm.init();
    ready = true;
  }
});

export const { check, checkDocument, validate, rules, version, validateRulePack } = api;
export default api;
