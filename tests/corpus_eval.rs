//! The labelled corpus is the checker's scoreboard. Floors only ever rise.

use std::fs;
use std::path::Path;

use finlint::eval::{evaluate, parse_corpus, CorpusDoc};
use finlint::Checker;

const RECALL_FLOOR: f64 = 0.97;
const PRECISION_FLOOR: f64 = 0.97;
const LABEL_FLOOR: f64 = 0.97;

fn load(dir: &Path) -> Vec<CorpusDoc> {
    let mut files: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    files
        .iter()
        .flat_map(|p| {
            parse_corpus(&fs::read_to_string(p).unwrap(), &p.display().to_string()).unwrap()
        })
        .collect()
}

fn assert_floors(name: &str, docs: &[CorpusDoc]) {
    let r = evaluate(Checker::shared(), docs);
    let report = r.render(true);
    println!("{name}\n{report}");
    assert!(
        r.errors.is_empty(),
        "{name}: unscorable documents\n{report}"
    );
    assert!(
        r.recall.value() >= RECALL_FLOOR,
        "{name}: recall below {RECALL_FLOOR}\n{report}"
    );
    assert!(
        r.precision.value() >= PRECISION_FLOOR,
        "{name}: precision below {PRECISION_FLOOR}\n{report}"
    );
    assert!(
        r.labels.value() >= LABEL_FLOOR,
        "{name}: label accuracy below {LABEL_FLOOR}\n{report}"
    );
}

#[test]
fn project_corpus_meets_the_floors() {
    let docs = load(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/corpus")
            .as_path(),
    );
    assert!(
        docs.len() >= 200,
        "the corpus must hold at least 200 documents, has {}",
        docs.len()
    );
    let products: std::collections::BTreeSet<_> =
        docs.iter().filter_map(|d| d.product.clone()).collect();
    assert_eq!(
        products.len(),
        7,
        "every product type must be covered: {products:?}"
    );
    assert_floors("tests/corpus", &docs);
}

/// The shared sample lives beside the repository (CI clones it there).
#[test]
fn shared_examples_meet_the_floors() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/examples/corpus.jsonl");
    let Ok(source) = fs::read_to_string(&path) else {
        eprintln!(
            "note: {} not found; shared sample not scored",
            path.display()
        );
        return;
    };
    assert_floors("shared/examples", &parse_corpus(&source, "shared").unwrap());
}
