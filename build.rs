//! Compile-time work on the built-in data, so that start-up (the wasm
//! module's `init()` above all) does less:
//! - the segmentation dictionary (data/dict) becomes a trie, written as Rust
//!   tables to OUT_DIR/dict_tables.rs (src/segment/dict.rs includes them);
//! - every built-in TOML file (data/*.toml, data/rules/*.toml) becomes JSON in
//!   OUT_DIR/data/ (src/compiled.rs includes it), which serde_json reads
//!   several times faster than the TOML parser. A TOML syntax error in a
//!   data file fails the build, naming the file and line.

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
    data_as_json();
}

/// Every `.toml` file in the built-in data directories, as JSON of the same
/// tree: what the TOML parser would hand serde, so the types deserialise
/// from it unchanged. New files are picked up (the directories are watched).
fn data_as_json() {
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("data");
    for dir in ["data", "data/rules"] {
        println!("cargo:rerun-if-changed={dir}");
        fs::create_dir_all(out.join(dir.trim_start_matches("data").trim_start_matches('/')))
            .unwrap();
        let mut files: Vec<_> = fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{dir}: {e}"))
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
        for path in files {
            let shown = path.display().to_string();
            println!("cargo:rerun-if-changed={shown}");
            let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{shown}: {e}"));
            let tree: toml::Table =
                toml::from_str(&text).unwrap_or_else(|e| panic!("{shown}: {e}"));
            let json = serde_json::to_string(&tree).unwrap_or_else(|e| panic!("{shown}: {e}"));
            let rel = path.strip_prefix("data").unwrap().with_extension("json");
            fs::write(out.join(rel), json).unwrap();
        }
    }
}

fn table(out: &mut String, name: &str, ty: &str, items: impl Iterator<Item = String>) {
    let items: Vec<String> = items.collect();
    let _ = writeln!(out, "pub static {name}: &[{ty}] = &[{}];", items.join(","));
}
