//! The segmenter cuts every text exactly where jieba-rs (without HMM, over
//! the same dictionary and rule terms) cuts it: it replaced jieba-rs to drop
//! the HMM tables from the wasm module, and word boundaries decide findings.
//! jieba-rs is a dev-dependency for this test only.

use std::fs;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use finlint::normalize::Normalized;
use finlint::testing::{builtin_terms, Segmenter};
use jieba_rs::Jieba;
use proptest::prelude::*;

const BASE_DICT: &str = include_str!("../data/dict/base.txt");
const FINANCE_DICT: &str = include_str!("../data/dict/finance.txt");
/// The frequency src/segment.rs gives rule terms the dictionary lacks.
const TERM_FREQ: usize = 20;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn terms() -> Vec<String> {
    builtin_terms()
}

/// jieba-rs set up as src/segment.rs set it up before it was replaced.
fn reference(terms: &[String]) -> Jieba {
    reference_over(BASE_DICT, terms)
}

fn reference_over(base: &str, terms: &[String]) -> Jieba {
    let mut jieba = Jieba::empty();
    for dict in [base, FINANCE_DICT] {
        let clean: String = dict
            .lines()
            .filter(|l| {
                let mut parts = l.split_whitespace();
                matches!(
                    (parts.next(), parts.next().map(str::parse::<usize>)),
                    (Some(_), Some(Ok(_)))
                )
            })
            .flat_map(|l| [l, "\n"])
            .collect();
        jieba
            .load_dict(&mut BufReader::new(clean.as_bytes()))
            .unwrap();
    }
    for term in terms {
        if term.chars().count() >= 2 && !jieba.has_word(term) {
            jieba.add_word(term, Some(TERM_FREQ), None);
        }
    }
    jieba
}

fn jieba_boundaries(jieba: &Jieba, text: &str, start: usize, end: usize) -> Vec<usize> {
    std::iter::once(start)
        .chain(
            jieba
                .cut(&text[start..end], false)
                .iter()
                .map(|t| start + t.byte_end),
        )
        .collect()
}

fn jsonl_texts(path: &Path) -> Vec<String> {
    fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let doc: serde_json::Value = serde_json::from_str(l).unwrap();
            doc["text"].as_str().unwrap().to_string()
        })
        .collect()
}

fn jsonl_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    files
}

/// Every text the checker is measured on: the corpus, the independent
/// batches, the shared sets beside the repository (when present), and the
/// benchmark inputs' units (bench/inputs.mjs repeats these).
fn all_texts() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut corpus = Vec::new();
    for file in jsonl_files(&root().join("tests/corpus")) {
        corpus.extend(jsonl_texts(&file));
    }
    assert!(corpus.len() > 200, "the corpus is missing");
    out.push(("realistic bench unit".into(), corpus.join("\n\n") + "\n\n"));
    let long = jsonl_texts(&root().join("tests/corpus/long_copy.jsonl")).join("\n\n");
    out.push(("ad bench unit".into(), long));
    let clean = fs::read_to_string(root().join("bench/clean.txt")).unwrap() + "\n";
    out.push(("clean bench unit".into(), clean));
    out.extend(corpus.into_iter().map(|t| ("tests/corpus".into(), t)));
    for file in jsonl_files(&root().join("tests/independent")) {
        out.extend(
            jsonl_texts(&file)
                .into_iter()
                .map(|t| (file.display().to_string(), t)),
        );
    }
    for shared in [
        "../shared/corpus/dev.jsonl",
        "../shared/examples/corpus.jsonl",
    ] {
        let path = root().join(shared);
        if path.exists() {
            out.extend(
                jsonl_texts(&path)
                    .into_iter()
                    .map(|t| (shared.to_string(), t)),
            );
        } else {
            eprintln!("note: {} not found; not compared", path.display());
        }
    }
    out
}

/// Clauses as the checker cuts them, roughly: between sentence and clause
/// marks. Segmenting a clause alone differs from segmenting it in context.
fn clauses(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(
            c,
            '。' | '！' | '？' | '；' | '，' | '\n' | '!' | '?' | ';' | ','
        ) {
            out.push((start, i));
            start = i + c.len_utf8();
        }
    }
    out.push((start, text.len()));
    out
}

#[test]
fn cuts_every_corpus_and_bench_text_where_jieba_does() {
    let terms = terms();
    let ours = Segmenter::fresh(&terms);
    let jieba = reference(&terms);
    let (mut texts, mut cuts) = (0, 0);
    for (source, raw) in all_texts() {
        let normalized = Normalized::new(&raw).text;
        for text in [raw.as_str(), normalized.as_str()] {
            for (start, end) in std::iter::once((0, text.len())).chain(clauses(text)) {
                let expected = jieba_boundaries(&jieba, text, start, end);
                assert_eq!(
                    ours.boundaries(text, start, end),
                    expected,
                    "{source}: {:?}",
                    &text[start..end]
                );
                cuts += expected.len();
            }
            texts += 1;
        }
    }
    assert!(texts > 1000 && cuts > 100_000, "{texts} texts, {cuts} cuts");
}

/// Text made of dictionary words, their characters, ASCII word characters
/// and marks, and characters outside every run, in any order: ties between
/// routes, unknown characters, ASCII joins and "\r\n" all occur.
fn mixed_text() -> impl Strategy<Value = String> {
    let words: Vec<String> = BASE_DICT
        .lines()
        .chain(FINANCE_DICT.lines())
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_string)
        .collect();
    let pieces = prop_oneof![
        4 => proptest::sample::select(words.clone()),
        3 => proptest::sample::select(words).prop_flat_map(|w| {
            let chars: Vec<char> = w.chars().collect();
            proptest::sample::select(chars).prop_map(String::from)
        }),
        2 => "[a-zA-Z0-9+#&._%-]{1,4}",
        1 => proptest::sample::select(vec!["，", "。", " ", "\r\n", "\r", "\n", "“", "😀", "Ａ", "ゃ", "㐀", "保本", "刚兑"])
            .prop_map(String::from),
    ];
    proptest::collection::vec(pieces, 0..40).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn cuts_mixed_text_where_jieba_does(text in mixed_text()) {
        use std::sync::OnceLock;
        static BOTH: OnceLock<(Segmenter, Jieba)> = OnceLock::new();
        let (ours, jieba) = BOTH.get_or_init(|| {
            let terms = terms();
            (Segmenter::fresh(&terms), reference(&terms))
        });
        prop_assert_eq!(ours.boundaries(&text, 0, text.len()), jieba_boundaries(jieba, &text, 0, text.len()));
    }
}

/// A user base dictionary (`finlint eval --dict`) is read like jieba read
/// it: malformed lines skipped, later frequencies winning.
#[test]
fn a_user_dictionary_cuts_where_jieba_does() {
    let user = "保本 10\n本次 5000\n坏行\n确保 x\n确保 800\n风险 3 n\n无风险 9000\n";
    let jieba = reference_over(user, &[]);
    let ours = Segmenter::with_base_dict(user, &[]);
    for text in [
        "为确保本次活动公平，无风险保本",
        "确保本金无风险",
        "保本保息",
    ] {
        assert_eq!(
            ours.boundaries(text, 0, text.len()),
            jieba_boundaries(&jieba, text, 0, text.len()),
            "{text}"
        );
    }
}
