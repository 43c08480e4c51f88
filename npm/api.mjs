// The package's API over a wasm-bindgen module (Node or web build). This file
// is the single source; scripts/build-npm.sh derives api.cjs from it.
//
// `backend` owns the wasm instance:
//   load()       the module, loading it if the entry can do so synchronously;
//                throws FINLINT_NOT_READY when `await init()` is needed first
//   unload()     forget the instance after a trap, so the next load() starts
//                from a fresh one (a trapped instance must never be reused)
//   init()       Promise: load, build the engine and warm it up

const FAIL_ON = ['error', 'warning'];
const CACHED_CHECKERS = 8;

// Touches the common rules once, so that their regexes are compiled by init()
// and not by the first real check.
const WARM_UP = '年化收益率高达8%，保本保息、稳赚不赔，全国第一，限时抢购，专家推荐，90%的客户已选择。'
  + '咨询电话13800138000。风险等级R2，封闭期90天。理财非存款、产品有风险、投资须谨慎。发布机构：某银行 2026年11月1日';

export const ErrorCode = Object.freeze({
  INVALID_ARGUMENT: 'FINLINT_INVALID_ARGUMENT',
  INVALID_OPTIONS: 'FINLINT_INVALID_OPTIONS',
  EMPTY_INPUT: 'FINLINT_EMPTY_INPUT',
  INPUT_TOO_LARGE: 'FINLINT_INPUT_TOO_LARGE',
  UNKNOWN_PRODUCT: 'FINLINT_UNKNOWN_PRODUCT',
  INVALID_PACK: 'FINLINT_INVALID_PACK',
  NOT_READY: 'FINLINT_NOT_READY',
  INTERNAL: 'FINLINT_INTERNAL',
  INVALID_DOCUMENT: 'FINLINT_INVALID_DOCUMENT',
});

export function finlintError(code, message, cause) {
  const e = new Error(message, cause ? { cause } : undefined);
  e.code = code;
  return e;
}

function typeName(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return '数组';
  return { undefined: 'undefined（未传入）', number: '数字', bigint: '数字', boolean: '布尔值', symbol: 'Symbol', function: '函数', object: '对象', string: '字符串' }[typeof v];
}

/** Options may be omitted or null; anything else must be a plain object. */
function optionsObject(options, where) {
  if (options == null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw finlintError(ErrorCode.INVALID_OPTIONS, `选项无效：${where} 的 options 必须是对象，收到的是${typeName(options)}`);
  }
  return options;
}

/** Pack texts and their names (for error messages) from the `rules` option. */
function packList(rules) {
  const list = rules == null ? [] : Array.isArray(rules) ? rules : [rules];
  const texts = [];
  const names = [];
  list.forEach((p, i) => {
    if (typeof p === 'string') {
      texts.push(p);
      names.push(`规则包${i + 1}`);
    } else if (p && typeof p === 'object') {
      texts.push(JSON.stringify(p));
      names.push(typeof p.pack?.name === 'string' && p.pack.name ? p.pack.name : `规则包${i + 1}`);
    } else {
      throw finlintError(ErrorCode.INVALID_ARGUMENT, `规则包无效：rules 的第 ${i + 1} 项必须是 TOML 或 JSON 文本，或规则包对象，收到的是${typeName(p)}`);
    }
  });
  return { texts, names };
}

/** The report as integrators get it: `text` is what a reader sees, `source` the raw input slice. */
function isBytes(v) {
  return v instanceof Uint8Array || v instanceof ArrayBuffer;
}

function publicFinding(f) {
  const { visible, text, ...rest } = f;
  return { ...rest, text: visible ?? text, source: text };
}

function publicLabel(l) {
  if (!l.present) return l;
  const { visible, text, ...rest } = l;
  return { ...rest, text: visible ?? text, source: text };
}

function publicReport(r) {
  const labels = Object.fromEntries(Object.entries(r.labels).map(([k, l]) => [k, publicLabel(l)]));
  const out = { ...r, labels, findings: r.findings.map(publicFinding), suppressed: r.suppressed.map(publicFinding) };
  if (r.explained) out.explained = r.explained.map(publicFinding);
  return out;
}

export function createApi(backend) {
  let generation = 0;

  // Run a call into wasm. A trap (WebAssembly.RuntimeError) leaves the instance
  // unusable, so it is dropped and the next call gets a fresh one.
  function guarded(fn) {
    const wasm = backend.load();
    try {
      return fn(wasm);
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError || e instanceof RangeError) {
        backend.unload();
        generation += 1;
        initialising = null;
        throw finlintError(ErrorCode.INTERNAL, `检查引擎内部错误（引擎已重置，可重试）：${e.message}`, e);
      }
      throw e;
    }
  }

  // A wasm checker for a pack list, rebuilt if the instance was replaced.
  function handleFor(packs) {
    let handle = null;
    let builtIn = -1;
    return {
      get(wasm) {
        if (!handle || builtIn !== generation) {
          handle = new wasm.FinlintChecker(packs.texts, packs.names);
          builtIn = generation;
        }
        return handle;
      },
      free() {
        if (handle && builtIn === generation) handle.free();
        handle = null;
      },
    };
  }

  // Checkers for the module-level calls' `rules`, so that alternating packs
  // (two sites) does not rebuild the engine on every switch.
  const cache = new Map();
  function cachedHandle(rules) {
    const packs = packList(rules);
    const key = JSON.stringify(packs.texts);
    let entry = cache.get(key);
    if (entry) {
      cache.delete(key);
    } else {
      entry = handleFor(packs);
      guarded((wasm) => entry.get(wasm));
      if (cache.size >= CACHED_CHECKERS) {
        const [oldKey, oldest] = cache.entries().next().value;
        oldest.free();
        cache.delete(oldKey);
      }
    }
    cache.set(key, entry);
    return entry;
  }

  function wasmOptionsOf(options) {
    const wasmOptions = { product: options.product ?? null };
    if (options.maxFindings !== undefined) wasmOptions.maxFindings = options.maxFindings;
    if (options.explain !== undefined) wasmOptions.explain = options.explain;
    return wasmOptions;
  }

  function runCheck(handle, input, options, where) {
    if (isBytes(input)) return runDocument(handle, input, options, where).report;
    if (typeof input !== 'string') {
      throw finlintError(ErrorCode.INVALID_ARGUMENT, `输入无效：${where} 的第一个参数必须是字符串（纯文本或 HTML）或 .docx/.pptx 文件的字节，收到的是${typeName(input)}`);
    }
    return publicReport(guarded((wasm) => handle.get(wasm).check(input, wasmOptionsOf(options))));
  }

  // A .docx or .pptx as bytes, read inside the module and never sent anywhere.
  function runDocument(handle, bytes, options, where) {
    if (!isBytes(bytes)) {
      throw finlintError(ErrorCode.INVALID_ARGUMENT, `输入无效：${where} 的第一个参数必须是 .docx 或 .pptx 文件的字节（Uint8Array、Buffer 或 ArrayBuffer），收到的是${typeName(bytes)}`);
    }
    if (options.name != null && typeof options.name !== 'string') {
      throw finlintError(ErrorCode.INVALID_OPTIONS, `选项无效：name 必须是文件名字符串，收到的是${typeName(options.name)}`);
    }
    const data = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const result = guarded((wasm) => handle.get(wasm).checkDocument(data, options.name ?? '', wasmOptionsOf(options)));
    return { ...result, report: publicReport(result.report) };
  }

  function gate(report, failOn) {
    const { errors, warnings } = report.summary;
    return failOn === 'warning' ? errors + warnings === 0 : errors === 0;
  }

  function failOnOf(options) {
    const failOn = options.failOn ?? 'error';
    if (!FAIL_ON.includes(failOn)) {
      throw finlintError(ErrorCode.INVALID_OPTIONS, `选项无效：failOn 只能是 "error" 或 "warning"，收到的是 ${JSON.stringify(failOn) ?? typeName(failOn)}`);
    }
    return failOn;
  }

  function check(input, options) {
    const opts = optionsObject(options, 'check');
    return runCheck(cachedHandle(opts.rules), input, opts, 'check');
  }

  function validate(input, options) {
    const opts = optionsObject(options, 'validate');
    const failOn = failOnOf(opts);
    const report = runCheck(cachedHandle(opts.rules), input, opts, 'validate');
    return { ok: gate(report, failOn), report };
  }

  function checkDocument(bytes, options) {
    const opts = optionsObject(options, 'checkDocument');
    return runDocument(cachedHandle(opts.rules), bytes, opts, 'checkDocument');
  }

  function rules(options) {
    const opts = optionsObject(options, 'rules');
    const handle = cachedHandle(opts.rules);
    return guarded((wasm) => handle.get(wasm).rules());
  }

  function version(options) {
    const opts = optionsObject(options, 'version');
    const handle = cachedHandle(opts.rules);
    return guarded((wasm) => handle.get(wasm).version());
  }

  function catalog() {
    return guarded((wasm) => wasm.catalog());
  }

  function validateRulePack(pack, name) {
    if (pack == null || (typeof pack !== 'string' && typeof pack !== 'object') || Array.isArray(pack)) {
      throw finlintError(ErrorCode.INVALID_ARGUMENT, `规则包无效：必须是 TOML 或 JSON 文本，或规则包对象，收到的是${typeName(pack)}`);
    }
    const packs = packList(pack);
    return guarded((wasm) => wasm.validateRulePack(packs.texts[0], name ?? packs.names[0]));
  }

  // The one-click fixes of `findings` (from check(text)) applied to `text`,
  // by the same core function as the page and the CLI: deletions take the
  // claim's clause and the punctuation at the seam is tidied.
  function applyFixes(text, findings) {
    if (typeof text !== 'string') {
      throw finlintError(ErrorCode.INVALID_ARGUMENT, `输入无效：applyFixes 的第一个参数必须是检查过的文案字符串，收到的是${typeName(text)}`);
    }
    if (!Array.isArray(findings)) {
      throw finlintError(ErrorCode.INVALID_ARGUMENT, `输入无效：applyFixes 的第二个参数必须是 check 结果中的 findings 数组，收到的是${typeName(findings)}`);
    }
    return guarded((wasm) => wasm.applyFixes(text, findings));
  }

  function createChecker(config) {
    const opts = optionsObject(config, 'createChecker');
    const packs = packList(opts.rules);
    if (opts.names != null) {
      if (!Array.isArray(opts.names) || opts.names.some((n) => typeof n !== 'string')) {
        throw finlintError(ErrorCode.INVALID_OPTIONS, '选项无效：names 必须是字符串数组（每个规则包的名称，用于错误信息）');
      }
      opts.names.forEach((n, i) => { if (i < packs.names.length) packs.names[i] = n; });
    }
    const handle = handleFor(packs);
    guarded((wasm) => handle.get(wasm)); // pack errors surface here, not on the first check
    const defaults = { product: opts.product, failOn: opts.failOn, maxFindings: opts.maxFindings, explain: opts.explain };
    const merged = (options) => ({ ...defaults, ...optionsObject(options, 'checker') });
    return {
      check: (input, options) => runCheck(handle, input, merged(options), 'check'),
      checkDocument: (bytes, options) => runDocument(handle, bytes, merged(options), 'checkDocument'),
      validate(input, options) {
        const o = merged(options);
        const failOn = failOnOf(o);
        const report = runCheck(handle, input, o, 'validate');
        return { ok: gate(report, failOn), report };
      },
      rules: () => guarded((wasm) => handle.get(wasm).rules()),
      version: () => guarded((wasm) => handle.get(wasm).version()),
      free: () => handle.free(),
    };
  }

  let initialising = null;
  function init(...args) {
    initialising ??= Promise.resolve(backend.init(...args)).then(() => {
      guarded((wasm) => wasm.check(WARM_UP, { product: 'wealth' }));
    }).catch((e) => {
      initialising = null;
      throw e.code ? e : finlintError(ErrorCode.INTERNAL, `检查引擎加载失败：${e.message}`, e);
    });
    return initialising;
  }

  return { init, check, checkDocument, validate, applyFixes, createChecker, rules, version, catalog, validateRulePack, ErrorCode };
}
