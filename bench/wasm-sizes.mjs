// What the wasm module's bytes are: code size per crate (from the function
// names the cargo build keeps; wasm-opt strips them) and the data segments.
// A small stand-in for `twiggy top`, which needs no install.
// Usage: node bench/wasm-sizes.mjs [file.wasm]
//   default: $CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm/finlint.wasm
import fs from 'node:fs';
import path from 'node:path';
import { root } from './inputs.mjs';

const target = process.env.CARGO_TARGET_DIR ?? path.join(root, 'target');
const file = process.argv[2] ?? path.join(target, 'wasm32-unknown-unknown/wasm/finlint.wasm');
const bytes = fs.readFileSync(file);

function leb(buf, pos) {
  let result = 0, shift = 0, b;
  do {
    b = buf[pos++];
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
  } while (b & 0x80);
  return [result, pos];
}

// Sections: code bodies (sizes by function index), data, and names.
let pos = 8, imports = 0;
const bodies = [], names = new Map(), sections = {};
while (pos < bytes.length) {
  const id = bytes[pos++];
  let size;
  [size, pos] = leb(bytes, pos);
  const end = pos + size;
  if (id === 2) {
    // Count imported functions: their indices come first.
    let n, p = pos;
    [n, p] = leb(bytes, p);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < 2; k++) { let len; [len, p] = leb(bytes, p); p += len; }
      const kind = bytes[p++];
      if (kind === 0) { [, p] = leb(bytes, p); imports++; }
      else if (kind === 1) { p += 1; const flags = bytes[p++]; [, p] = leb(bytes, p); if (flags & 1) [, p] = leb(bytes, p); }
      else if (kind === 2) { const flags = bytes[p++]; [, p] = leb(bytes, p); if (flags & 1) [, p] = leb(bytes, p); }
      else if (kind === 3) { p += 2; }
    }
  } else if (id === 10) {
    let n, p = pos;
    [n, p] = leb(bytes, p);
    for (let i = 0; i < n; i++) { let len; const at = p; [len, p] = leb(bytes, p); bodies.push(p + len - at); p += len; }
  } else if (id === 0) {
    let len, p = pos;
    [len, p] = leb(bytes, p);
    const name = bytes.subarray(p, p + len).toString();
    p += len;
    if (name === 'name') {
      while (p < end) {
        const sub = bytes[p++];
        let subSize; [subSize, p] = leb(bytes, p);
        if (sub === 1) {
          let n, q = p;
          [n, q] = leb(bytes, q);
          for (let i = 0; i < n; i++) {
            let idx, l; [idx, q] = leb(bytes, q); [l, q] = leb(bytes, q);
            names.set(idx, bytes.subarray(q, q + l).toString()); q += l;
          }
        }
        p += subSize;
      }
    }
    sections[`custom ${name}`] = size;
  }
  if (id !== 0) sections[id] = size;
  pos = end;
}

const GROUPS = [
  ['regex (regex, regex-automata, regex-syntax)', /regex/], ['toml + winnow', /toml|winnow/], ['serde + serde_json', /serde/],
  ['aho-corasick', /aho_corasick/], ['zip + flate2 + miniz_oxide', /zip|flate2|miniz/], ['quick-xml', /quick_xml/],
  ['wasm-bindgen / js-sys', /wasm_bindgen|js_sys/], ['unicode-bidi', /unicode_bidi/], ['sha2', /sha2/],
  ['std / core / alloc', /^(std|core|alloc|<(std|core|alloc))|dlmalloc|__rust|compiler_builtins/], ['finlint', /finlint/],
];
const total = bodies.reduce((a, b) => a + b, 0);
const byGroup = {};
bodies.forEach((size, i) => {
  const name = names.get(imports + i) ?? '';
  const group = GROUPS.find(([, re]) => re.test(name))?.[0] ?? 'other';
  byGroup[group] = (byGroup[group] ?? 0) + size;
});
console.log(`${path.relative(process.cwd(), file)}: ${bytes.length} B; code ${total} B, data ${sections[11] ?? 0} B`);
console.log('| code of | bytes | share of code | share of module |\n|---|---:|---:|---:|');
for (const [group, size] of Object.entries(byGroup).sort((a, b) => b[1] - a[1])) {
  console.log(`| ${group} | ${size} | ${(100 * size / total).toFixed(1)}% | ${(100 * size / bytes.length).toFixed(1)}% |`);
}
console.log(`| data segments (tables, strings, embedded data files) | ${sections[11] ?? 0} | | ${(100 * (sections[11] ?? 0) / bytes.length).toFixed(1)}% |`);
