//! Both cores for one large document (native builds with the `parallel`
//! feature; the wasm module stays single-threaded): the candidates and the
//! context stage run on parts of the text in parallel, and the merge gives
//! exactly what one pass over the whole text gives.
//!
//! Why the output is identical:
//! - the document-level decisions (profile, genre, labels) are made on the
//!   whole text before or beside the scan, never on a part;
//! - candidates are found in a window around each part (the part plus a
//!   margin on both sides), and a part keeps those that start inside it, so
//!   a pattern whose match straddles a split (a `[^。]{0,20}` run across a
//!   line break) is found by the part it starts in, exactly as in one pass;
//! - the context checks of every part see the whole text, in the text's own
//!   offsets: sentences, clauses, windows and document-wide checks reach
//!   across a split as they always did;
//! - overlaps are resolved on the merged hits, in one place, as in one pass.
//!
//! Candidate order differs from one pass (part by part rather than kind by
//! kind). With built-in rules only, nothing downstream depends on it (the
//! overlap stage sorts, and only user rules produce the order-dependent
//! `covered` list), so a rule set with user rules is scanned in one pass.

use rayon::prelude::*;

use crate::explain::Unflagged;
use crate::kinds::Candidate;
use crate::pipeline::filter::{CheckCache, Reading, Scanner};
use crate::pipeline::hit::Hit;
use crate::pipeline::scan::Scanned;
use crate::profile::Profile;
use crate::span::{ceil_char_boundary, floor_char_boundary};

/// Normalised texts at least this long are split (smaller ones take longer
/// to hand to a second thread than to check).
pub(crate) const SPLIT_FROM: usize = 1024 * 1024;

/// A part is never shorter than this.
const MIN_PART: usize = 256 * 1024;

/// Bytes of text on each side of a part that its candidate search also
/// reads, so that a match starting in the part and running past its end is
/// found whole, and the regexes' search reaches the part in the state one
/// pass would have. The longest built-in pattern match is a few hundred bytes.
const MARGIN: usize = 16 * 1024;

/// How to split a text: into at most `parts` parts, each read with `margin`
/// bytes on both sides.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Split {
    pub parts: usize,
    pub margin: usize,
}

impl Split {
    /// The split for a text of `len` bytes on the current rayon pool; None
    /// when it is better checked in one pass.
    pub(crate) fn for_len(len: usize) -> Option<Split> {
        let threads = rayon::current_num_threads();
        let parts = threads.min(len / MIN_PART);
        (len >= SPLIT_FROM && parts > 1).then_some(Split {
            parts,
            margin: MARGIN,
        })
    }
}

/// Where the parts start: each cut just after a blank line (a paragraph
/// break) near an equal share of the text, else after a line break; a text
/// without line breaks there is not cut there.
pub(crate) fn cuts(text: &str, parts: usize) -> Vec<usize> {
    let mut cuts = vec![0];
    for k in 1..parts {
        let target = floor_char_boundary(text, text.len() * k / parts);
        // The byte after the last cut may sit inside a character: the next
        // part starts no earlier than the character after it.
        let from = ceil_char_boundary(text, target.max(*cuts.last().unwrap_or(&0) + 1));
        if from >= text.len() {
            break;
        }
        let rest = &text[from..];
        let reach = (text.len() / parts / 2).max(1);
        let cut = rest
            .get(..ceil_char_boundary(rest, reach.min(rest.len())))
            .and_then(|near| near.find("\n\n").map(|i| i + 2))
            .or_else(|| rest.find('\n').map(|i| i + 1))
            .map(|i| from + i);
        if let Some(cut) = cut.filter(|&c| c < text.len()) {
            cuts.push(cut);
        }
    }
    cuts
}

impl Scanner<'_> {
    /// `scan`, with the candidates and the context stage run on parts of
    /// the text in parallel (see the module's notes for why the result is
    /// the same).
    pub(crate) fn scan_split(
        &self,
        text: &str,
        profile: &Profile,
        reading: &Reading,
        explain: bool,
        split: Split,
    ) -> Scanned {
        let cuts = cuts(text, split.parts);
        let ranges: Vec<(usize, usize)> = cuts
            .iter()
            .zip(cuts.iter().skip(1).chain([&text.len()]))
            .map(|(&a, &b)| (a, b))
            .collect();
        let ((allowed, exceptions, bounds), candidates) = rayon::join(
            || {
                (
                    self.rules.allowed_spans(text),
                    self.rules.exception_spans(text),
                    self.context.text_bounds(text),
                )
            },
            || {
                ranges
                    .par_iter()
                    .map(|&r| self.part_candidates(text, r, split.margin))
                    .collect::<Vec<_>>()
            },
        );
        let kept: Vec<(Vec<Hit>, Vec<Unflagged>)> = candidates
            .par_iter()
            .map(|part| {
                let mut cache = CheckCache::new(self.segmenter, &bounds, text, reading);
                cache.allowed = allowed.clone();
                cache.exceptions = exceptions.clone();
                cache.explain = explain;
                self.keep_all(text, part, profile, &mut cache)
            })
            .collect();
        drop(candidates);
        let mut hits = Vec::with_capacity(kept.iter().map(|k| k.0.len()).sum());
        let mut unflagged = Vec::new();
        for (h, u) in kept {
            hits.extend(h);
            unflagged.extend(u);
        }
        self.settle_overlaps(text, hits, unflagged, explain)
    }

    /// The candidates that start in `a..b`, found in the part and a margin
    /// around it, in the whole text's offsets.
    fn part_candidates(&self, text: &str, (a, b): (usize, usize), margin: usize) -> Vec<Candidate> {
        let from = floor_char_boundary(text, a.saturating_sub(margin));
        let to = ceil_char_boundary(text, (b + margin).min(text.len()));
        let mut found = self.rules.candidates(&text[from..to]);
        found.retain_mut(|c| {
            c.start += from;
            c.end += from;
            (a..b).contains(&c.start)
        });
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_fall_after_paragraph_breaks() {
        let text = "甲".repeat(100) + "\n\n" + &"乙".repeat(100) + "\n" + &"丙".repeat(100);
        let cuts = cuts(&text, 3);
        assert_eq!(cuts[0], 0);
        assert!(cuts.len() > 1);
        for &c in &cuts[1..] {
            assert!(text[..c].ends_with('\n'), "cut at {c}");
        }
        assert!(cuts.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn cuts_close_together_fall_on_characters() {
        // Many parts of a short text: the byte after one cut is inside the
        // next character, and the next part must not start there.
        let text = "\n知\n知\n知\n知\n";
        for parts in 2..12 {
            let cuts = cuts(text, parts);
            assert!(cuts.iter().all(|&c| text.is_char_boundary(c)), "{cuts:?}");
            assert!(cuts.windows(2).all(|w| w[0] < w[1]), "{cuts:?}");
        }
    }

    #[test]
    fn a_text_without_line_breaks_is_not_cut() {
        assert_eq!(cuts(&"保本".repeat(1000), 4), vec![0]);
    }
}
