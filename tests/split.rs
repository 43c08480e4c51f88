//! A large document checked in parts on several threads (src/pipeline/split.rs)
//! must give the report one pass gives, byte for byte: the corpus texts
//! joined into long documents are checked whole and in parts, with margins
//! from none to the production one, and the JSON compared.

use finlint::{CheckOptions, Checker};

/// The corpus texts (tests/corpus and tests/independent), in file order.
fn corpus_texts() -> Vec<String> {
    let mut files: Vec<_> = ["tests/corpus", "tests/independent"]
        .iter()
        .flat_map(|d| std::fs::read_dir(d).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    files
        .iter()
        .flat_map(|f| {
            std::fs::read_to_string(f)
                .unwrap()
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| {
                    let v: serde_json::Value = serde_json::from_str(l).unwrap();
                    v["text"].as_str().unwrap().to_string()
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

fn json(report: &finlint::Report) -> String {
    serde_json::to_string_pretty(report).unwrap()
}

/// Documents of about 60 KB, each the corpus texts in turn joined by blank
/// lines or by single line breaks (so cuts fall mid-paragraph too).
fn documents() -> Vec<String> {
    let texts = corpus_texts();
    let mut docs = Vec::new();
    for (n, chunk) in texts.chunks(60).enumerate() {
        let sep = if n % 2 == 0 { "\n\n" } else { "\n" };
        docs.push(chunk.join(sep));
    }
    docs
}

#[test]
fn a_document_checked_in_parts_equals_one_pass() {
    let checker = Checker::shared();
    let docs = documents();
    assert!(docs.len() > 10, "the corpus should give many documents");
    for explain in [false, true] {
        let options = CheckOptions {
            explain,
            ..CheckOptions::default()
        };
        for (i, doc) in docs.iter().enumerate() {
            let whole = json(&checker.check(doc, &options).unwrap());
            for (parts, margin) in [(2, 16 * 1024), (3, 512), (7, 256)] {
                let split = json(
                    &checker
                        .check_in_parts(doc, &options, parts, margin)
                        .unwrap(),
                );
                assert!(
                    whole == split,
                    "document {i} (explain {explain}) in {parts} parts with margin {margin} differs"
                );
            }
        }
    }
}

/// With a user rule the order of candidates reaches the report, so the
/// check falls back to one pass; the result is still the same.
#[test]
fn with_user_rules_a_split_is_one_pass() {
    let pack = r#"
[pack]
name = "t"
[[rule]]
id = "user.steady"
category = "misleading"
severity = "warning"
message = "“{text}”需复核。"
suggestion = "删除"
basis = "内部规定"
terms = ["稳健"]
    "#;
    let checker = Checker::new(&[(pack, "t.toml")]).unwrap();
    let doc = documents().swap_remove(0);
    let options = CheckOptions::default();
    assert_eq!(
        json(&checker.check(&doc, &options).unwrap()),
        json(&checker.check_in_parts(&doc, &options, 4, 256).unwrap())
    );
}
