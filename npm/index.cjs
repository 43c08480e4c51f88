// Node CommonJS entry: the synchronous Node build of the wasm module.
const { createApi } = require('./api.cjs');
const wasm = require('./pkg/node/finlint.js');

let ready = false;
module.exports = createApi(wasm, () => {
  if (!ready) {
    wasm.init();
    ready = true;
  }
});
