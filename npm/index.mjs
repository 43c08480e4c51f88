// Node ES module entry. `await init()` builds the engine ahead of the first
// call; without it the first call does (synchronously).
import { createRequire } from 'node:module';
import { createApi } from './api.mjs';

const { createNodeBackend } = createRequire(import.meta.url)('./node-backend.cjs');
const api = createApi(createNodeBackend());

export const { init, check, checkDocument, validate, applyFixes, createChecker, rules, version, catalog, validateRulePack, ErrorCode } = api;
export default api;
