//! A character trie in flat arrays, and the dictionary reader. build.rs
//! includes this file too: it builds the built-in dictionary's trie at
//! compile time, so start-up neither parses nor builds it.

use std::borrow::Cow;
use std::collections::BTreeMap;

/// Marks a trie node that ends no word.
pub const NO_WORD: u32 = u32::MAX;

/// The children of node `n` are `labels[first[n]..first[n + 1]]` (sorted)
/// and the nodes at the same indices of `targets`; `word[n]` is the id of
/// the word that ends at `n`, or `NO_WORD`. Node 0 is the root.
pub struct Trie {
    pub first: Cow<'static, [u32]>,
    pub labels: Cow<'static, [char]>,
    pub targets: Cow<'static, [u32]>,
    pub word: Cow<'static, [u32]>,
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
    pub fn words_from(&self, chars: impl Iterator<Item = char>, mut found: impl FnMut(usize, u32)) {
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

    /// The id of `word`, if the trie holds it.
    pub fn get(&self, word: &str) -> Option<u32> {
        let mut node = 0;
        for c in word.chars() {
            node = self.child(node, c)?;
        }
        Some(self.word[node as usize]).filter(|&id| id != NO_WORD)
    }

    /// A trie of `words` in sorted order, with ids `first_id`, `first_id + 1`, ...
    pub fn from_sorted<'a>(words: impl Iterator<Item = &'a str>, first_id: u32) -> Trie {
        let mut builder = TrieBuilder::default();
        builder.node();
        for (i, word) in words.enumerate() {
            builder.insert(word, first_id + i as u32);
        }
        builder.freeze()
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

    fn freeze(self) -> Trie {
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
            first: first.into(),
            labels: labels.into(),
            targets: targets.into(),
            word: self.word.into(),
        }
    }
}

/// Add the well-formed "word freq [tag]" lines of `text`; a later line wins.
pub fn read_entries<'a>(text: &'a str, words: &mut BTreeMap<&'a str, u64>) {
    for line in text.lines() {
        let mut parts = line.split_whitespace();
        if let (Some(word), Some(Ok(freq))) = (parts.next(), parts.next().map(str::parse::<usize>))
        {
            words.insert(word, freq as u64);
        }
    }
}
