// Node CommonJS entry. `await init()` builds the engine ahead of the first
// call; without it the first call does (synchronously).
const { createApi } = require('./api.cjs');
const { createNodeBackend } = require('./node-backend.cjs');

const api = createApi(createNodeBackend());
module.exports = { ...api, default: api };
