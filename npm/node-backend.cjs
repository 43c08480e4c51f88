// The Node backend (CommonJS, shared by index.cjs and index.mjs): the
// synchronous Node build of the wasm module, loaded on first use or by
// `await init()`. After a trap the instance is dropped from require's cache,
// so the next call loads a fresh one.
const path = require('node:path');

const MODULE = path.join(__dirname, 'pkg/node/finlint.js');

function createNodeBackend() {
  let wasm = null;
  return {
    load() {
      if (!wasm) {
        const mod = require(MODULE);
        mod.init();
        wasm = mod;
      }
      return wasm;
    },
    unload() {
      wasm = null;
      delete require.cache[require.resolve(MODULE)];
    },
    // Yield once so that a caller's synchronous start-up finishes first, then
    // load; the engine build itself is a single synchronous step.
    init() {
      return new Promise((resolve, reject) => {
        setImmediate(() => {
          try {
            this.load();
            resolve();
          } catch (e) {
            reject(e);
          }
        });
      });
    },
  };
}

module.exports = { createNodeBackend };
