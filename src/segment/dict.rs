//! The segmentation dictionary: the words with their log probabilities, and
//! the most probable route through a run of characters.

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::trie::{read_entries, Trie};
use super::Step;

const FINANCE_DICT: &str = include_str!("../../data/dict/finance.txt");

/// The built-in base and finance dictionaries as a trie, built by build.rs:
/// `FIRST`, `LABELS`, `TARGETS`, `WORD` (see `Trie`) and `FREQ` by word id.
mod builtin {
    include!(concat!(env!("OUT_DIR"), "/dict_tables.rs"));
}

/// Two tries: the dictionary's words, then the rule terms it lacks, which
/// the rules add at start-up. Word ids run on from the first to the second.
pub struct Dictionary {
    words: Trie,
    terms: Trie,
    /// Natural log of each word's frequency, by word id.
    log_freq: Vec<f64>,
    /// Natural log of the sum of all frequencies.
    log_total: f64,
}

impl Dictionary {
    /// The built-in base and finance dictionaries, plus `terms`.
    pub fn builtin(terms: &[String], term_freq: u64) -> Dictionary {
        let words = Trie {
            first: Cow::Borrowed(builtin::FIRST),
            labels: Cow::Borrowed(builtin::LABELS),
            targets: Cow::Borrowed(builtin::TARGETS),
            word: Cow::Borrowed(builtin::WORD),
        };
        Self::with_terms(words, builtin::FREQ.to_vec(), terms, term_freq)
    }

    /// `base` ("word freq" lines), then the finance dictionary, whose
    /// frequencies win for words in both, then the terms. Malformed lines
    /// are skipped.
    pub fn from_text(base: &str, terms: &[String], term_freq: u64) -> Dictionary {
        let mut entries = BTreeMap::new();
        read_entries(base, &mut entries);
        read_entries(FINANCE_DICT, &mut entries);
        let words = Trie::from_sorted(entries.keys().copied(), 0);
        Self::with_terms(words, entries.into_values().collect(), terms, term_freq)
    }

    /// Add every term of two or more characters that `words` lacks, at
    /// `term_freq`.
    fn with_terms(words: Trie, mut freq: Vec<u64>, terms: &[String], term_freq: u64) -> Dictionary {
        let missing: std::collections::BTreeSet<&str> = terms
            .iter()
            .map(String::as_str)
            .filter(|t| t.chars().count() >= 2 && words.get(t).is_none())
            .collect();
        let terms = Trie::from_sorted(missing.iter().copied(), freq.len() as u32);
        freq.extend(missing.iter().map(|_| term_freq));
        let total: u64 = freq.iter().sum();
        Dictionary {
            words,
            terms,
            log_freq: freq.iter().map(|&f| (f as f64).ln()).collect(),
            log_total: (total as f64).ln(),
        }
    }

    /// Fill `route[i]` with the best step from every character `i` of
    /// `chars` (`route[chars.len()]` is the end). Working from the last
    /// character back, each step takes the dictionary word starting there
    /// that maximises its own log probability plus that of the best route
    /// after it; ties go to the longer word. A character that starts no
    /// word is a word of frequency 1.
    pub(super) fn best_route(&self, chars: &[(usize, char)], route: &mut Vec<Step>) {
        let n = chars.len();
        route.clear();
        route.resize(
            n + 1,
            Step {
                end: n,
                log_prob: 0.0,
            },
        );
        let unknown = 0.0 - self.log_total;
        for i in (0..n).rev() {
            let mut best: Option<Step> = None;
            let mut consider = |len: usize, word: u32| {
                let end = i + len;
                let log_prob = self.log_freq[word as usize] - self.log_total + route[end].log_prob;
                if best.is_none_or(|b| {
                    log_prob > b.log_prob || (log_prob == b.log_prob && end > b.end)
                }) {
                    best = Some(Step { end, log_prob });
                }
            };
            let rest = || chars[i..].iter().map(|&(_, c)| c);
            self.words.words_from(rest(), &mut consider);
            self.terms.words_from(rest(), &mut consider);
            route[i] = best.unwrap_or(Step {
                end: i + 1,
                log_prob: unknown + route[i + 1].log_prob,
            });
        }
    }

    /// Number of words, rule terms included (the tests check the size).
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.log_freq.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// build.rs's tables are the trie that reading data/dict at run time builds.
    #[test]
    fn compiled_tables_match_the_dictionary_files() {
        let terms = [
            "保本保息".to_string(),
            "确保".to_string(),
            "无风险".to_string(),
        ];
        let compiled = Dictionary::builtin(&terms, 20);
        let read = Dictionary::from_text(include_str!("../../data/dict/base.txt"), &terms, 20);
        for (a, b) in [
            (&compiled.words, &read.words),
            (&compiled.terms, &read.terms),
        ] {
            assert_eq!(a.first, b.first);
            assert_eq!(a.labels, b.labels);
            assert_eq!(a.targets, b.targets);
            assert_eq!(a.word, b.word);
        }
        assert_eq!(compiled.log_freq, read.log_freq);
        assert_eq!(compiled.log_total, read.log_total);
        assert!(compiled.len() > 2000 && compiled.terms.get("保本保息").is_some());
    }
}
