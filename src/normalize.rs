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
/// Emoji and pictographic symbols count too: 稳💰赚, 保✅本.
fn is_joiner(c: char) -> bool {
    is_pictograph(c)
        || matches!(
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

/// Emoji, dingbats and other pictographs, plus the variation selector and
/// joiner that glue emoji sequences together.
fn is_pictograph(c: char) -> bool {
    matches!(
        c,
        '\u{1F000}'..='\u{1FAFF}'
            | '\u{2600}'..='\u{27BF}'
            | '\u{2B00}'..='\u{2BFF}'
            | '\u{2190}'..='\u{21FF}'
            | '\u{25A0}'..='\u{25FF}'
            | '\u{FE0F}'
            | '\u{200D}'
    )
}

impl Normalized {
    /// One pass over the scanned characters: fold each, collapse joiner runs
    /// between CJK characters, and append straight to the text and the offset
    /// map. No intermediate per-character vectors: on a 10 MB input those
    /// were hundreds of megabytes of allocation.
    pub fn new(src: &str) -> Self {
        let scanned = html::scan(src);
        let mut out = Builder {
            text: String::with_capacity(src.len()),
            norm_starts: Vec::with_capacity(scanned.units.len()),
            origin: Vec::with_capacity(scanned.units.len()),
            joiners: Vec::new(),
            last: None,
        };
        for unit in &scanned.units {
            if let Folded::Keep(ch) = fold::fold_char(unit.ch) {
                out.push(Unit { ch, ..*unit });
            }
        }
        out.flush_joiners();
        Normalized {
            text: out.text,
            norm_starts: out.norm_starts,
            origin: out.origin,
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
        // Attribute text (alt, title) follows the visible text but comes from
        // earlier in the source, so a hit reaching into it has its ends out of
        // order; the covering range keeps the span valid.
        let (a, b) = (self.origin[first], self.origin[last]);
        (a.0.min(b.0) as usize, a.1.max(b.1) as usize)
    }

    /// The normalised byte offset at or after an original byte offset.
    pub fn from_original(&self, orig: usize) -> usize {
        let idx = self.origin.partition_point(|&(s, _)| (s as usize) < orig);
        self.norm_starts
            .get(idx)
            .map_or(self.text.len(), |&b| b as usize)
    }
}

struct Builder {
    text: String,
    norm_starts: Vec<u32>,
    origin: Vec<(u32, u32)>,
    /// A run of joiners after a CJK character, held back until the next
    /// character shows whether they sit inside a CJK word (保*本, 零 风 险).
    joiners: Vec<Unit>,
    last: Option<char>,
}

impl Builder {
    fn push(&mut self, u: Unit) {
        let after_cjk = !self.joiners.is_empty() || self.last.is_some_and(fold::is_cjk);
        if is_joiner(u.ch) && after_cjk {
            self.joiners.push(u);
            return;
        }
        if fold::is_cjk(u.ch) {
            self.joiners.clear();
        } else {
            self.flush_joiners();
        }
        self.emit(u);
    }

    fn flush_joiners(&mut self) {
        let mut held = std::mem::take(&mut self.joiners);
        for u in held.drain(..) {
            self.emit(u);
        }
        // Hand the (now empty) buffer back so its allocation is reused.
        self.joiners = held;
    }

    fn emit(&mut self, u: Unit) {
        self.norm_starts.push(self.text.len() as u32);
        self.origin.push((u.start as u32, u.end as u32));
        self.text.push(u.ch);
        self.last = Some(u.ch);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        Normalized::new(s).text
    }

    #[test]
    fn emoji_between_cjk_characters_are_joiners() {
        assert_eq!(norm("稳💰赚💰不💰亏"), "稳赚不亏");
        assert_eq!(norm("保✅本"), "保本");
        assert_eq!(norm("保🛡️本"), "保本");
        // An emoji after the last word is kept.
        assert_eq!(norm("收益👍"), "收益👍");
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
