//! The labelled corpora are the checker's scoreboard. Floors only ever rise,
//! and every judgement error (miss, false positive, label or product
//! detection error) must be a known one: tests/known/<corpus>.txt lists
//! them, and any line that is not there fails, as does a listed one that is
//! gone (so a fixed error cannot come back unnoticed). After a deliberate
//! change in judgement, regenerate the lists with one command and review the
//! diff:
//!
//!     FINLINT_REGENERATE=1 cargo test --test corpus_eval
//!
//! The development set and the shared sample live beside the repository, in
//! ../shared (CI clones it there): a missing ../shared fails, it does not
//! pass silently.

use std::fs;
use std::path::{Path, PathBuf};

use finlint::eval::{evaluate, parse_corpus, CorpusDoc, EvalResult};
use finlint::Checker;

const RECALL_FLOOR: f64 = 0.97;
const PRECISION_FLOOR: f64 = 0.97;
const LABEL_FLOOR: f64 = 0.97;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}. The development set and the shared sample are a checkout of the shared \
             repository beside this one (../shared); CI clones it there. Clone it to run the \
             corpus tests.",
            path.display()
        )
    })
}

fn load_file(path: &Path) -> Vec<CorpusDoc> {
    parse_corpus(&read(path), &path.display().to_string()).unwrap()
}

fn load_dir(dir: &Path) -> Vec<CorpusDoc> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    files.iter().flat_map(|p| load_file(p)).collect()
}

/// Compare the corpus's judgement errors with its known list (a failure
/// message when they differ), or rewrite the list when FINLINT_REGENERATE
/// is set.
fn check_known(name: &str, r: &EvalResult) -> Option<String> {
    let path = root().join("tests/known").join(format!("{name}.txt"));
    let current = r.known_errors();
    let mut content = format!(
        "# Known judgement errors on {name}: misses, false positives, label and product-detection errors.\n\
         # Regenerate after a deliberate change: FINLINT_REGENERATE=1 cargo test --test corpus_eval\n"
    );
    for line in &current {
        content.push_str(line);
        content.push('\n');
    }
    if std::env::var_os("FINLINT_REGENERATE").is_some() {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, content).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        return None;
    }
    let committed = fs::read_to_string(&path).unwrap_or_default();
    let known: Vec<&str> = committed
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .collect();
    let new = minus(&current, &known);
    let gone = minus(&known, &current);
    (!new.is_empty() || !gone.is_empty()).then(|| {
        format!(
            "{name}: judgement differs from {}\nnew errors ({}):\n  {}\nno longer errors ({}):\n  {}\n\
             If the change is deliberate: FINLINT_REGENERATE=1 cargo test --test corpus_eval, and review the diff.",
            path.display(),
            new.len(),
            new.join("\n  "),
            gone.len(),
            gone.join("\n  "),
        )
    })
}

/// The lines of `a` not matched one for one by a line of `b` (the same
/// error twice in a corpus counts twice).
fn minus<'a>(a: &[&'a str], b: &[&str]) -> Vec<&'a str> {
    let mut left: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for l in b {
        *left.entry(l).or_default() += 1;
    }
    a.iter()
        .filter(|l| match left.get_mut(*l) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .copied()
        .collect()
}

/// Score `docs`: no unscorable document, each ratio at or above its floor
/// (0/0 fails), and no judgement error that is not known. Returns what
/// failed, so that every corpus is scored (and, when regenerating, every
/// list written) before a test fails.
fn score(name: &str, docs: &[CorpusDoc], floors: (f64, f64, f64)) -> Vec<String> {
    let r = evaluate(Checker::shared(), docs);
    let mut failures: Vec<String> = check_known(name, &r).into_iter().collect();
    let (recall, precision, labels) = floors;
    let checks = [
        (r.errors.is_empty(), "unscorable documents".to_string()),
        (r.recall.meets(recall), format!("recall below {recall}")),
        (
            r.precision.meets(precision),
            format!("precision below {precision}"),
        ),
        (
            r.labels.meets(labels),
            format!("label accuracy below {labels}"),
        ),
    ];
    for (ok, what) in checks {
        if !ok {
            failures.push(format!("{name}: {what}\n{}", r.render(true)));
        }
    }
    failures
}

fn assert_scores(name: &str, docs: &[CorpusDoc], floors: (f64, f64, f64)) {
    let failures = score(name, docs, floors);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn project_corpus_meets_the_floors() {
    let docs = load_dir(&root().join("tests/corpus"));
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
    assert_scores(
        "corpus",
        &docs,
        (RECALL_FLOOR, PRECISION_FLOOR, LABEL_FLOOR),
    );
}

/// The shared sample lives beside the repository (CI clones it there).
#[test]
fn shared_examples_meet_the_floors() {
    let docs = load_file(&root().join("../shared/examples/corpus.jsonl"));
    assert_scores(
        "shared-examples",
        &docs,
        (RECALL_FLOOR, PRECISION_FLOOR, LABEL_FLOOR),
    );
}

/// Regression floors for the batches written by people outside the rules
/// (tests/independent/README.md has their before-tuning scores). They sit
/// just under today's figures and only ever rise. Every batch here has been
/// tuned on; the untuned measurement is the next batch, scored before it
/// joins this list.
#[test]
fn independent_batches_keep_their_scores() {
    // (file, recall, precision, label accuracy)
    const FLOORS: &[(&str, f64, f64, f64)] = &[
        ("batch-a", 0.93, 0.89, 0.95),
        ("batch-b", 0.93, 0.99, 0.95),
        ("batch-c", 0.87, 0.83, 0.95),
        ("batch-d", 0.91, 0.83, 0.95),
        ("batch-e", 0.97, 0.94, 0.95),
        ("batch-f", 0.98, 0.99, 0.95),
        ("batch-g", 0.90, 0.94, 0.95),
        ("batch-h", 0.97, 0.98, 0.95),
        ("batch-i", 0.87, 0.86, 0.93),
        // 0.911 -> 0.907: 不影响以后买房 beside the gold 不上征信 is a claim of its own
        // (credit-record promise) that the batch leaves unflagged.
        ("batch-j", 0.83, 0.90, 0.95),
        ("batch-k", 0.95, 0.96, 0.95),
        ("batch-l", 0.91, 0.84, 0.93),
        ("batch-m", 0.64, 0.73, 0.94),
        ("batch-n", 0.62, 0.82, 0.93),
        ("batch-o", 0.82, 0.96, 0.96),
        // Scored once, untuned, at the end of the session that wrote it; not tuned on since.
        ("batch-p", 0.80, 0.88, 0.97),
        ("batch-q", 0.83, 0.79, 0.93),
        // Scored once, untuned, at the end of the session that wrote it; one quote cue (r-001) since.
        ("batch-r", 0.71, 0.84, 0.93),
        // Scored once before tuning (S 0.738 / 0.783, T 0.772 / 0.917 at a78755f), then tuned on.
        ("batch-s", 0.89, 0.85, 0.95),
        ("batch-t", 0.92, 0.93, 0.96),
        // Sealed until after the tuning on S and T, scored once (0.765 / 0.909), then tuned on.
        ("batch-u", 0.91, 0.91, 0.97),
        // Sealed until after the tuning on S, T and U, scored once (0.735 / 0.904), then tuned on.
        ("batch-v", 0.88, 0.91, 0.93),
    ];
    let dir = root().join("tests/independent");
    let failures: Vec<String> = FLOORS
        .iter()
        .flat_map(|(name, recall, precision, labels)| {
            let docs = load_file(&dir.join(format!("{name}.jsonl")));
            score(
                &format!("independent-{name}"),
                &docs,
                (*recall, *precision, *labels),
            )
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The development set written outside the team lives beside the repository.
#[test]
fn development_set_keeps_its_score() {
    let docs = load_file(&root().join("../shared/corpus/dev.jsonl"));
    assert_scores("shared-dev", &docs, (0.96, 0.94, 0.97));
}
