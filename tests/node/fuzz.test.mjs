// A short seeded run of the wasm API fuzz driver (tests/node/fuzz-wasm.mjs);
// scripts/fuzz.sh runs long ones with fresh seeds.
import { test } from 'node:test';
import { run } from './fuzz-wasm.mjs';

for (const seed of [1, 2, 3]) {
  test(`wasm API fuzz, seed ${seed}: no trap, coded Chinese errors, module keeps working`, () => {
    run({ seed, iterations: 600 });
  });
}

test('wasm API fuzz with huge strings, seed 11', () => {
  run({ seed: 11, iterations: 60, huge: true });
});
