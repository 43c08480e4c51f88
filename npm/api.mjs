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

  function check(input, options = {}) {
    ensureReady();
    if (typeof input !== 'string') throw new TypeError('finlint: input must be a string (plain text or HTML)');
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

  return { check, validate, rules, version, validateRulePack };
}
