//! A list of cue words asked, in one automaton pass, which of them a text
//! contains: the answers `str::contains` per word gives, without a search
//! of the text per word (the genre's cue lists ran some 130 whole-text
//! searches per check, and a search per citation cue per sentence).

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

pub(crate) struct CueList {
    automaton: Option<AhoCorasick>,
    /// Per automaton pattern, the list positions holding that word (a word
    /// may be listed twice).
    owners: Vec<Vec<usize>>,
    /// The positions of empty words, which every text contains.
    empty: Vec<usize>,
    len: usize,
    /// The longest word, in bytes: how far back a longer word holding an
    /// occurrence can start.
    longest: usize,
}

impl CueList {
    pub(crate) fn new(words: &[String]) -> CueList {
        let mut distinct: Vec<&str> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        let mut empty = Vec::new();
        for (i, w) in words.iter().enumerate() {
            if w.is_empty() {
                empty.push(i);
            } else if let Some(k) = distinct.iter().position(|d| d == w) {
                owners[k].push(i);
            } else {
                distinct.push(w);
                owners.push(vec![i]);
            }
        }
        // Standard semantics so that an overlapping search reports every
        // word. A DFA: the lists are a few hundred short words, and the
        // default for more than a hundred (an NFA) ran the search over a
        // whole document slower than a substring search per word.
        let automaton = (!distinct.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::DFA))
                .build(&distinct)
                .expect("cue automaton within default limits")
        });
        CueList {
            longest: distinct.iter().map(|w| w.len()).max().unwrap_or(0),
            automaton,
            owners,
            empty,
            len: words.len(),
        }
    }

    /// Per listed word, whether `text` contains it.
    #[cfg(test)]
    pub(crate) fn contained(&self, text: &str) -> Vec<bool> {
        let mut found = vec![false; self.len];
        for &i in &self.empty {
            found[i] = true;
        }
        if let Some(ac) = &self.automaton {
            for m in ac.find_overlapping_iter(text) {
                for &i in &self.owners[m.pattern().as_usize()] {
                    found[i] = true;
                }
            }
        }
        found
    }

    /// Per listed word, whether `text` contains it outside every longer
    /// listed word: 靠不靠谱 holds 不靠谱, and one question must not count as
    /// two cues.
    pub(crate) fn contained_standalone(&self, text: &str) -> Vec<bool> {
        let mut found = vec![false; self.len];
        for &i in &self.empty {
            found[i] = true;
        }
        let Some(ac) = &self.automaton else {
            return found;
        };
        let mut matches: Vec<(usize, usize, usize)> = ac
            .find_overlapping_iter(text)
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        // By start: a word holding an occurrence starts at most `longest`
        // bytes before its end, so each look is a short window, not the
        // whole list (a long warning text has thousands of cue hits).
        matches.sort_unstable();
        for &(start, end, pattern) in &matches {
            let from = matches.partition_point(|m| m.0 < end.saturating_sub(self.longest));
            let inside_longer = matches[from..]
                .iter()
                .take_while(|m| m.0 <= start)
                .any(|&(s, e, _)| end <= e && e - s > end - start);
            if !inside_longer {
                for &i in &self.owners[pattern] {
                    found[i] = true;
                }
            }
        }
        found
    }

    /// The first listed word `text` contains, by its position in the list.
    pub(crate) fn first_contained(&self, text: &str) -> Option<usize> {
        let mut first = self.empty.first().copied();
        if let Some(ac) = &self.automaton {
            for m in ac.find_overlapping_iter(text) {
                let i = self.owners[m.pattern().as_usize()][0];
                first = Some(first.map_or(i, |f| f.min(i)));
            }
        }
        first
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_as_contains_per_word() {
        let words: Vec<String> = ["骗局", "谨防", "", "骗", "谨防", "诈骗", "防"]
            .map(String::from)
            .to_vec();
        let list = CueList::new(&words);
        for text in ["谨防诈骗骗局", "", "防", "无关的话", "诈骗"] {
            let each: Vec<bool> = words.iter().map(|w| text.contains(w.as_str())).collect();
            assert_eq!(list.contained(text), each, "{text:?}");
            let first = words.iter().position(|w| text.contains(w.as_str()));
            assert_eq!(list.first_contained(text), first, "{text:?}");
        }
        let none = CueList::new(&["骗局".to_string()]);
        assert_eq!(none.first_contained("谨防"), None);
    }

    #[test]
    fn a_word_inside_a_longer_word_is_not_standalone() {
        let words: Vec<String> = ["靠不靠谱", "不靠谱", "谨防"].map(String::from).to_vec();
        let list = CueList::new(&words);
        assert_eq!(
            list.contained_standalone("这个靠不靠谱？"),
            vec![true, false, false]
        );
        assert_eq!(
            list.contained_standalone("靠不靠谱？这种说法不靠谱，谨防上当"),
            vec![true, true, true]
        );
    }

    #[test]
    fn standalone_is_contained_when_nothing_overlaps() {
        let words: Vec<String> = ["骗局", "谨防"].map(String::from).to_vec();
        let list = CueList::new(&words);
        assert_eq!(
            list.contained_standalone("谨防骗局"),
            list.contained("谨防骗局")
        );
    }
}
