//! Word segmentation over the project's own dictionary, limited to the
//! clauses that need it.
//!
//! The dictionary (data/dict) is a trimmed general dictionary plus finance
//! terms, so that 无风险利率, 确保/本次 and 第一季度 are whole words and a
//! hit inside them fails the boundary check.
//!
//! The algorithm is jieba's without its HMM: split the text into runs of
//! Han characters and ASCII word characters, build the graph of every
//! dictionary word in a run, and take the route with the highest product of
//! word probabilities. Characters outside the runs are tokens of their own.
//! It replaced jieba-rs, whose HMM tables (about 510 KB) the linker kept in
//! the wasm module although the checker never used them; tests/segment.rs
//! checks that both cut every corpus text at the same places.

mod dict;
mod trie;

use std::sync::{Arc, OnceLock};

use rustc_hash::FxHashMap;

pub use dict::Dictionary;

/// Frequency given to rule terms the dictionary lacks: enough to keep the
/// term whole, not so much that it beats an ordinary two-word reading.
const TERM_FREQ: u64 = 20;

#[derive(Clone)]
pub struct Segmenter {
    dict: Arc<Dictionary>,
}

impl Segmenter {
    /// The shared segmenter over the built-in dictionaries and rule terms.
    pub fn builtin(terms: &[String]) -> Segmenter {
        static SHARED: OnceLock<Arc<Dictionary>> = OnceLock::new();
        let dict = SHARED.get_or_init(|| Arc::new(Dictionary::builtin(terms, TERM_FREQ)));
        Segmenter { dict: dict.clone() }
    }

    /// A segmenter built from scratch over the built-in dictionaries, for
    /// measuring start-up cost (the shared one is built once per process).
    pub fn fresh(terms: &[String]) -> Segmenter {
        Segmenter {
            dict: Arc::new(Dictionary::builtin(terms, TERM_FREQ)),
        }
    }

    /// A segmenter over another base dictionary ("word freq" lines), for
    /// measuring dictionary choices. Malformed lines are skipped.
    pub fn with_base_dict(base: &str, terms: &[String]) -> Segmenter {
        Segmenter {
            dict: Arc::new(Dictionary::from_text(base, terms, TERM_FREQ)),
        }
    }

    /// Token boundaries (byte offsets into `text`) of `text[start..end]`:
    /// `start`, then the end of every token.
    pub fn boundaries(&self, text: &str, start: usize, end: usize) -> Vec<usize> {
        let mut out = Vec::with_capacity((end - start) / 2 + 1);
        out.push(start);
        let mut route = Vec::new();
        for (run_start, run) in runs(&text[start..end]) {
            let base = start + run_start;
            if is_word_char(run.chars().next().unwrap_or(' ')) {
                self.cut_word_run(run, base, &mut route, &mut out);
            } else {
                cut_other_run(run, base, &mut out);
            }
        }
        out
    }

    /// Cut a run of word characters along the most probable route, joining
    /// the ASCII letters and digits the route leaves single into one token.
    fn cut_word_run(&self, run: &str, base: usize, route: &mut Vec<Step>, out: &mut Vec<usize>) {
        let chars: Vec<(usize, char)> = run.char_indices().collect();
        self.dict.best_route(&chars, route);
        let byte_at = |i: usize| chars.get(i).map_or(run.len(), |&(b, _)| b);
        let mut i = 0;
        while i < chars.len() {
            let next = route[i].end;
            let joins_ascii = |k: usize| {
                k < chars.len() && route[k].end == k + 1 && chars[k].1.is_ascii_alphanumeric()
            };
            // Inside a run of single ASCII alphanumerics no boundary is cut.
            if !(joins_ascii(i) && joins_ascii(next)) {
                out.push(base + byte_at(next));
            }
            i = next;
        }
    }
}

/// Each character outside the word runs is a token, except that "\r\n"
/// stays one.
fn cut_other_run(run: &str, base: usize, out: &mut Vec<usize>) {
    let mut chars = run.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let mut end = i + c.len_utf8();
        if c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n') {
            chars.next();
            end += 1;
        }
        out.push(base + end);
    }
}

/// One step of the best route from a character: where the word taken there
/// ends (character index) and the log probability of the rest of the run.
#[derive(Clone, Copy)]
struct Step {
    end: usize,
    log_prob: f64,
}

/// The characters the dictionary route covers: CJK ideographs, ASCII
/// letters and digits, and the ASCII marks that occur inside names and
/// figures (C++, C#, AT&T, 3.5%, A-share).
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '&' | '.' | '_' | '%' | '-');
    }
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2A6DF}'
        | '\u{2A700}'..='\u{2EBEF}'
        | '\u{2F800}'..='\u{2FA1F}'
    )
}

/// Maximal runs of word or of other characters, with their byte offsets.
fn runs(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let rest = &text[pos..];
        let first = rest.chars().next()?;
        let kind = is_word_char(first);
        let len = rest
            .char_indices()
            .find(|&(_, c)| is_word_char(c) != kind)
            .map_or(rest.len(), |(i, _)| i);
        let start = pos;
        pos += len;
        Some((start, &text[start..pos]))
    })
}

/// Per-check cache: each clause is segmented at most once.
pub struct ClauseCache<'a> {
    segmenter: &'a Segmenter,
    text: &'a str,
    cache: FxHashMap<(usize, usize), Vec<usize>>,
}

impl<'a> ClauseCache<'a> {
    pub fn new(segmenter: &'a Segmenter, text: &'a str) -> Self {
        ClauseCache {
            segmenter,
            text,
            cache: FxHashMap::default(),
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

    #[test]
    fn ascii_runs_join_and_marks_stand_alone() {
        assert_eq!(
            words("确保3.5%，abc12\r\n好"),
            ["确保", "3", ".", "5", "%", "，", "abc12", "\r\n", "好"]
        );
    }

    #[test]
    fn a_clause_is_cut_at_its_own_offsets() {
        let text = "首先，保本保息。";
        let seg = Segmenter::builtin(&[]);
        let start = "首先，".len();
        let b = seg.boundaries(text, start, text.len());
        assert_eq!(b.first(), Some(&start));
        assert_eq!(b.last(), Some(&text.len()));
        assert!(seg.boundaries(text, 3, 3) == [3]);
    }
}
