//! Word segmentation with jieba-rs, limited to the clauses that need it.
//!
//! The dictionary is the project's own (data/dict): a trimmed general
//! dictionary plus finance terms, so that 无风险利率, 确保/本次 and 第一季度
//! are whole words and a hit inside them fails the boundary check.

use std::collections::HashMap;
use std::io::BufReader;
use std::sync::{Arc, OnceLock};

use jieba_rs::Jieba;

const BASE_DICT: &str = include_str!("../data/dict/base.txt");
const FINANCE_DICT: &str = include_str!("../data/dict/finance.txt");

/// Frequency given to rule terms the dictionary lacks: enough for jieba to keep
/// the term whole, not so much that it beats an ordinary two-word reading.
const TERM_FREQ: usize = 20;

#[derive(Clone)]
pub struct Segmenter {
    jieba: Arc<Jieba>,
}

impl Segmenter {
    /// The shared segmenter over the built-in dictionaries and rule terms.
    pub fn builtin(terms: &[String]) -> Segmenter {
        static SHARED: OnceLock<Arc<Jieba>> = OnceLock::new();
        let jieba = SHARED.get_or_init(|| Arc::new(build(BASE_DICT, terms)));
        Segmenter {
            jieba: jieba.clone(),
        }
    }

    /// A segmenter built from scratch over the built-in dictionaries, for
    /// measuring start-up cost (the shared one is built once per process).
    pub fn fresh(terms: &[String]) -> Segmenter {
        Self::with_base_dict(BASE_DICT, terms)
    }

    /// A segmenter over another base dictionary, for measuring dictionary choices.
    pub fn with_base_dict(base: &str, terms: &[String]) -> Segmenter {
        Segmenter {
            jieba: Arc::new(build(base, terms)),
        }
    }

    /// Token boundaries (byte offsets into `text`) of `text[start..end]`.
    pub fn boundaries(&self, text: &str, start: usize, end: usize) -> Vec<usize> {
        let mut out = Vec::with_capacity((end - start) / 2 + 1);
        out.push(start);
        for token in self.jieba.cut(&text[start..end], false) {
            out.push(start + token.byte_end);
        }
        out
    }
}

fn build(base: &str, terms: &[String]) -> Jieba {
    let mut jieba = Jieba::empty();
    load_lenient(&mut jieba, base);
    load_lenient(&mut jieba, FINANCE_DICT);
    for term in terms {
        if term.chars().count() >= 2 && !jieba.has_word(term) {
            jieba.add_word(term, Some(TERM_FREQ), None);
        }
    }
    jieba
}

/// Load "word freq" lines, skipping malformed ones rather than failing start-up.
fn load_lenient(jieba: &mut Jieba, dict: &str) {
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
    let _ = jieba.load_dict(&mut BufReader::new(clean.as_bytes()));
}

/// Per-check cache: each clause is segmented at most once.
pub struct ClauseCache<'a> {
    segmenter: &'a Segmenter,
    text: &'a str,
    cache: HashMap<(usize, usize), Vec<usize>>,
}

impl<'a> ClauseCache<'a> {
    pub fn new(segmenter: &'a Segmenter, text: &'a str) -> Self {
        ClauseCache {
            segmenter,
            text,
            cache: HashMap::new(),
        }
    }

    pub fn boundaries(&mut self, clause: (usize, usize)) -> &[usize] {
        let (segmenter, text) = (self.segmenter, self.text);
        self.cache
            .entry(clause)
            .or_insert_with(|| segmenter.boundaries(text, clause.0, clause.1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let seg = Segmenter::builtin(&[]);
        let b = seg.boundaries(text, 0, text.len());
        b.windows(2).map(|w| text[w[0]..w[1]].to_string()).collect()
    }

    #[test]
    fn finance_terms_are_whole_words() {
        assert!(words("以无风险利率折现").contains(&"无风险利率".to_string()));
        assert!(!words("为确保本次活动公平").contains(&"保本".to_string()));
        assert!(words("第一季度报告").contains(&"第一季度".to_string()));
    }
}
