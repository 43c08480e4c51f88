//! Normalisation: original input -> one searchable string plus an offset map.
//!
//! Steps: HTML scan (tags, entities, comments), per-character folding
//! (invisible, width, case, traditional), and collapsing of spacing or symbols
//! that an evader inserted between two CJK characters (保 本, 零-风-险).
//! Every normalised character remembers the byte range of the original input it
//! came from, so spans are always reported against what the user pasted.

use crate::fold::{self, Folded};
use crate::html::{self, Comment, Unit};

#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    /// Byte offset in `text` where each normalised character starts.
    norm_starts: Vec<u32>,
    /// Original byte range of each normalised character.
    origin: Vec<(u32, u32)>,
    pub comments: Vec<Comment>,
}

/// Characters that evaders insert inside words; only dropped between CJK.
fn is_joiner(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t'
            | '*'
            | '-'
            | '_'
            | '·'
            | '•'
            | '.'
            | '~'
            | '|'
            | '/'
            | '\\'
            | '+'
            | '#'
            | '='
            | '^'
            | '`'
            | '\''
            | '‧'
            | '・'
            | '—'
            | '–'
            | '～'
            | '＊'
            | '※'
            | '°'
            | '○'
            | '×'
    )
}

impl Normalized {
    pub fn new(src: &str) -> Self {
        let scanned = html::scan(src);
        let folded = fold_units(&scanned.units);
        let kept = collapse_joiners(&folded);
        let mut text = String::with_capacity(src.len());
        let mut norm_starts = Vec::with_capacity(kept.len());
        let mut origin = Vec::with_capacity(kept.len());
        for unit in kept {
            norm_starts.push(text.len() as u32);
            origin.push((unit.start as u32, unit.end as u32));
            text.push(unit.ch);
        }
        Normalized {
            text,
            norm_starts,
            origin,
            comments: scanned.comments,
        }
    }

    fn char_index(&self, norm_byte: usize) -> usize {
        match self.norm_starts.binary_search(&(norm_byte as u32)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Map a byte range of the normalised text to a byte range of the original.
    pub fn to_original(&self, start: usize, end: usize) -> (usize, usize) {
        if self.origin.is_empty() {
            return (0, 0);
        }
        let first = self.char_index(start).min(self.origin.len() - 1);
        let last = self
            .char_index(end.saturating_sub(1).max(start))
            .min(self.origin.len() - 1);
        (self.origin[first].0 as usize, self.origin[last].1 as usize)
    }

    /// The normalised byte offset at or after an original byte offset.
    pub fn from_original(&self, orig: usize) -> usize {
        let idx = self.origin.partition_point(|&(s, _)| (s as usize) < orig);
        self.norm_starts
            .get(idx)
            .map_or(self.text.len(), |&b| b as usize)
    }
}

fn fold_units(units: &[Unit]) -> Vec<Unit> {
    units
        .iter()
        .filter_map(|u| match fold::fold_char(u.ch) {
            Folded::Keep(ch) => Some(Unit { ch, ..*u }),
            Folded::Drop => None,
        })
        .collect()
}

/// Drop runs of joiners that sit between two CJK characters.
fn collapse_joiners(units: &[Unit]) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::with_capacity(units.len());
    let mut i = 0;
    while i < units.len() {
        let u = units[i];
        if is_joiner(u.ch) && out.last().is_some_and(|p| fold::is_cjk(p.ch)) {
            let run_end = (i..units.len())
                .find(|&j| !is_joiner(units[j].ch))
                .unwrap_or(units.len());
            let joins_cjk = units.get(run_end).is_some_and(|n| fold::is_cjk(n.ch));
            if joins_cjk {
                i = run_end;
                continue;
            }
            out.extend_from_slice(&units[i..run_end]);
            i = run_end;
            continue;
        }
        out.push(u);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        Normalized::new(s).text
    }

    #[test]
    fn collapses_spacing_and_symbols_inside_cjk_words() {
        assert_eq!(norm("零 风 险 理 财"), "零风险理财");
        assert_eq!(norm("保*本、零-风-险"), "保本、零风险");
        assert_eq!(norm("R2 级 2026-11-01"), "r2 级 2026-11-01");
    }

    #[test]
    fn maps_back_to_original_bytes_through_tags() {
        let src = "<i>保</i><b>本</b>无忧";
        let n = Normalized::new(src);
        let start = n.text.find("保本").unwrap();
        let (s, e) = n.to_original(start, start + "保本".len());
        assert_eq!(&src[s..e], "保</i><b>本");
    }

    #[test]
    fn maps_full_width_and_traditional_one_to_one() {
        let src = "穩賺１００％";
        let n = Normalized::new(src);
        assert_eq!(n.text, "稳赚100%");
        let (s, e) = n.to_original("稳".len(), n.text.len());
        assert_eq!(&src[s..e], "賺１００％");
    }
}
