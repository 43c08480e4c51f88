// The package's API over a wasm-bindgen module (Node or web build). This file
// is the single source; scripts/build-npm.sh derives api.cjs from it.

const FAIL_ON = ['error', 'warning'];

export function createApi(wasm, ensureReady) {
  let loadedPacks = '[]';

  function packTexts(rules) {
    const list = rules == null ? [] : Array.isArray(rules) ? rules : [rules];
    return list.map((p) => {
      if (typeof p === 'string') return p;
      if (p && typeof p === 'object') return JSON.stringify(p);
      throw new TypeError('finlint: rules must be pack text (TOML or JSON) or a pack object');
    });
  }

  // Loading a pack rebuilds the automata, so it happens only when the packs change.
  function usePacks(rules) {
    const texts = packTexts(rules);
    const key = JSON.stringify(texts);
    if (key !== loadedPacks) {
      wasm.setRulePacks(texts);
      loadedPacks = key;
    }
  }

  // A .docx or .pptx as bytes (Uint8Array, Buffer or ArrayBuffer): read in
  // the module, never sent anywhere. Returns the report (findings carry
  // `location`, the report `document`) and the extracted texts.
  function checkDocument(bytes, options = {}) {
    ensureReady();
    const data = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes;
    if (!(data instanceof Uint8Array)) throw new TypeError('finlint: a document must be a Uint8Array, Buffer or ArrayBuffer');
    usePacks(options.rules);
    return wasm.checkDocument(data, options.name ?? '', { product: options.product ?? null });
  }

  function check(input, options = {}) {
    ensureReady();
    if (input instanceof Uint8Array || input instanceof ArrayBuffer) return checkDocument(input, options).report;
    if (typeof input !== 'string') throw new TypeError('finlint: input must be a string (plain text or HTML) or the bytes of a .docx/.pptx');
    usePacks(options.rules);
    return wasm.check(input, { product: options.product ?? null });
  }

  function validate(input, options = {}) {
    const failOn = options.failOn ?? 'error';
    if (!FAIL_ON.includes(failOn)) throw new TypeError(`finlint: failOn must be "error" or "warning", not ${JSON.stringify(failOn)}`);
    const report = check(input, options);
    const { errors, warnings } = report.summary;
    const ok = failOn === 'warning' ? errors + warnings === 0 : errors === 0;
    return { ok, report };
  }

  function rules(options = {}) {
    ensureReady();
    usePacks(options.rules);
    return wasm.rules();
  }

  function version(options = {}) {
    ensureReady();
    usePacks(options.rules);
    return wasm.version();
  }

  function validateRulePack(pack) {
    ensureReady();
    wasm.validateRulePack(packTexts(pack)[0]);
  }

  return { check, checkDocument, validate, rules, version, validateRulePack };
}
