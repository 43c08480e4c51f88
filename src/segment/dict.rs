//! The segmentation dictionary: a character trie of words with their log
//! probabilities, and the most probable route through a run of characters.

use std::collections::BTreeMap;

use super::Step;

const BASE_DICT: &str = include_str!("../../data/dict/base.txt");
const FINANCE_DICT: &str = include_str!("../../data/dict/finance.txt");

/// Marks a trie node that ends no word.
const NO_WORD: u32 = u32::MAX;

pub struct Dictionary {
    trie: Trie,
    /// Natural log of each word's frequency, by word id.
    log_freq: Vec<f64>,
    /// Natural log of the sum of all frequencies.
    log_total: f64,
}

impl Dictionary {
    /// The built-in base and finance dictionaries, plus `terms`.
    pub fn builtin(terms: &[String], term_freq: u64) -> Dictionary {
        Self::from_text(BASE_DICT, terms, term_freq)
    }

    /// `base` ("word freq" lines), then the finance dictionary, whose
    /// frequencies win for words in both, then every term of two or more
    /// characters that neither has, at `term_freq`.
    pub fn from_text(base: &str, terms: &[String], term_freq: u64) -> Dictionary {
        let mut words = BTreeMap::new();
        read_entries(base, &mut words);
        read_entries(FINANCE_DICT, &mut words);
        for term in terms {
            if term.chars().count() >= 2 {
                words.entry(term.as_str()).or_insert(term_freq);
            }
        }
        Self::from_sorted(words.into_iter())
    }

    fn from_sorted<'a>(words: impl Iterator<Item = (&'a str, u64)>) -> Dictionary {
        let mut builder = TrieBuilder::default();
        let mut log_freq = Vec::new();
        let mut total: u64 = 0;
        for (word, freq) in words {
            builder.insert(word, log_freq.len() as u32);
            log_freq.push((freq as f64).ln());
            total += freq;
        }
        Dictionary {
            trie: builder.freeze(),
            log_freq,
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
            self.trie
                .words_from(chars[i..].iter().map(|&(_, c)| c), |len, word| {
                    let end = i + len;
                    let log_prob =
                        self.log_freq[word as usize] - self.log_total + route[end].log_prob;
                    if best.is_none_or(|b| {
                        log_prob > b.log_prob || (log_prob == b.log_prob && end > b.end)
                    }) {
                        best = Some(Step { end, log_prob });
                    }
                });
            route[i] = best.unwrap_or(Step {
                end: i + 1,
                log_prob: unknown + route[i + 1].log_prob,
            });
        }
    }

    /// Number of words, for tests and measurements.
    pub fn len(&self) -> usize {
        self.log_freq.len()
    }

    pub fn is_empty(&self) -> bool {
        self.log_freq.is_empty()
    }
}

/// Add the well-formed "word freq [tag]" lines of `text`; a later line wins.
fn read_entries<'a>(text: &'a str, words: &mut BTreeMap<&'a str, u64>) {
    for line in text.lines() {
        let mut parts = line.split_whitespace();
        if let (Some(word), Some(Ok(freq))) = (parts.next(), parts.next().map(str::parse::<usize>))
        {
            words.insert(word, freq as u64);
        }
    }
}

/// A character trie in flat arrays: the children of node `n` are
/// `labels[first[n]..first[n + 1]]` (sorted) and the nodes at the same
/// indices of `targets`. Node 0 is the root.
struct Trie {
    first: Vec<u32>,
    labels: Vec<char>,
    targets: Vec<u32>,
    word: Vec<u32>,
}

impl Trie {
    fn child(&self, node: u32, c: char) -> Option<u32> {
        let from = self.first[node as usize] as usize;
        let to = self.first[node as usize + 1] as usize;
        let i = self.labels[from..to].binary_search(&c).ok()?;
        Some(self.targets[from + i])
    }

    /// Call `found(length in chars, word id)` for every word that is a
    /// prefix of `chars`, shortest first.
    fn words_from(&self, chars: impl Iterator<Item = char>, mut found: impl FnMut(usize, u32)) {
        let mut node = 0;
        for (len, c) in chars.enumerate() {
            match self.child(node, c) {
                Some(next) => node = next,
                None => return,
            }
            if self.word[node as usize] != NO_WORD {
                found(len + 1, self.word[node as usize]);
            }
        }
    }
}

/// Builds a trie from words inserted in sorted order, so that each node's
/// children arrive already sorted and only the last one can be shared.
#[derive(Default)]
struct TrieBuilder {
    children: Vec<Vec<(char, u32)>>,
    word: Vec<u32>,
}

impl TrieBuilder {
    fn node(&mut self) -> u32 {
        self.children.push(Vec::new());
        self.word.push(NO_WORD);
        (self.word.len() - 1) as u32
    }

    fn insert(&mut self, key: &str, id: u32) {
        if self.word.is_empty() {
            self.node();
        }
        let mut node = 0;
        for c in key.chars() {
            node = match self.children[node as usize].last() {
                Some(&(label, next)) if label == c => next,
                _ => {
                    let next = self.node();
                    self.children[node as usize].push((c, next));
                    next
                }
            };
        }
        self.word[node as usize] = id;
    }

    fn freeze(mut self) -> Trie {
        if self.word.is_empty() {
            self.node();
        }
        let mut first = Vec::with_capacity(self.children.len() + 1);
        let mut labels = Vec::new();
        let mut targets = Vec::new();
        for kids in &self.children {
            first.push(labels.len() as u32);
            labels.extend(kids.iter().map(|k| k.0));
            targets.extend(kids.iter().map(|k| k.1));
        }
        first.push(labels.len() as u32);
        Trie {
            first,
            labels,
            targets,
            word: self.word,
        }
    }
}
