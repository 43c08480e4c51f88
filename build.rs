//! Builds the built-in segmentation dictionary (data/dict) into a trie at
//! compile time, written as Rust tables to OUT_DIR/dict_tables.rs, so that
//! start-up neither parses the word lists nor builds the trie
//! (src/segment/dict.rs includes the tables).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

#[allow(dead_code)]
#[path = "src/segment/trie.rs"]
mod trie;

const DICTS: [&str; 2] = ["data/dict/base.txt", "data/dict/finance.txt"];

fn main() {
    println!("cargo:rerun-if-changed=src/segment/trie.rs");
    let texts: Vec<String> = DICTS
        .iter()
        .map(|path| {
            println!("cargo:rerun-if-changed={path}");
            fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
        })
        .collect();
    // Later files win, as at run time: finance over base.
    let mut entries = BTreeMap::new();
    for text in &texts {
        trie::read_entries(text, &mut entries);
    }
    let t = trie::Trie::from_sorted(entries.keys().copied(), 0);
    let freq: Vec<u64> = entries.into_values().collect();

    let mut out = String::new();
    table(&mut out, "FIRST", "u32", t.first.iter().map(u32::to_string));
    table(
        &mut out,
        "LABELS",
        "char",
        t.labels.iter().map(|c| format!("'\\u{{{:x}}}'", *c as u32)),
    );
    table(
        &mut out,
        "TARGETS",
        "u32",
        t.targets.iter().map(u32::to_string),
    );
    table(&mut out, "WORD", "u32", t.word.iter().map(u32::to_string));
    table(&mut out, "FREQ", "u64", freq.iter().map(u64::to_string));
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("dict_tables.rs");
    fs::write(dest, out).unwrap();
}

fn table(out: &mut String, name: &str, ty: &str, items: impl Iterator<Item = String>) {
    let items: Vec<String> = items.collect();
    let _ = writeln!(out, "pub static {name}: &[{ty}] = &[{}];", items.join(","));
}
