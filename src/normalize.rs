//! Normalisation: original input -> one searchable string plus an offset map.
//!
//! Steps: HTML scan (tags, entities, comments), bidi reordering of the lines
//! that a renderer shows in another order than they are stored (U+202E 本保
//! displays as 保本), per-character folding (invisible, compatibility form,
//! width, case, traditional), and collapsing of spacing, symbols or combining
//! marks that an evader inserted between two CJK characters (保 本, 零-风-险,
//! 保́本). Every normalised character remembers the byte range of the original
//! input it came from, so spans are always reported against what the user
//! pasted.

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
    /// Some line was put in visual order, so the original ranges of a run of
    /// normalised characters are no longer monotonic.
    reordered: bool,
}

/// Characters that evaders insert inside words; only dropped between CJK.
/// Emoji and pictographic symbols count too: 稳💰赚, 保✅本; so do combining
/// marks, which render as an accent on the character before (保́本).
fn is_joiner(c: char) -> bool {
    is_pictograph(c)
        || is_combining_mark(c)
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
                // Braille blank: renders as a space.
                | '\u{2800}'
        )
}

/// Combining marks: diacritics, their extensions and supplement, the marks
/// for symbols, half marks, and the ideographic tone marks and kana voicing
/// marks that sit on a CJK character.
fn is_combining_mark(c: char) -> bool {
    matches!(
        c,
        '\u{0300}'..='\u{036F}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{FE20}'..='\u{FE2F}'
            | '\u{302A}'..='\u{302F}'
            | '\u{3099}'..='\u{309A}'
    )
}

/// Can this character make a line display in another order than it is
/// stored? Only right-to-left letters and the controls that open a
/// right-to-left embedding, override or isolate can: without one, every
/// level is even and the visual order is the logical one. The range tests
/// keep the table lookup off the path of Latin and CJK text.
fn may_reorder(c: char) -> bool {
    use unicode_bidi::BidiClass::{AL, FSI, R, RLE, RLI, RLO};
    let cp = c as u32;
    if cp < 0x0590
        || (0x2E80..=0xD7FF).contains(&cp)
        || (0xF900..=0xFAFF).contains(&cp)
        || (0xFF00..=0xFFEF).contains(&cp)
        || (0x20000..=0x3FFFF).contains(&cp)
    {
        return false;
    }
    matches!(unicode_bidi::bidi_class(c), R | AL | RLE | RLO | RLI | FSI)
}

/// Paragraph separators of the bidi algorithm: each line is reordered alone.
fn is_paragraph_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{1C}'..='\u{1E}' | '\u{85}' | '\u{2029}')
}

/// Put every line that holds a right-to-left character or control into the
/// order a reader sees it (Unicode bidirectional algorithm, paragraph
/// direction from its first strong character as plain-text viewers and
/// `dir="auto"` do). Returns whether anything moved.
fn to_visual_order(units: &mut [Unit]) -> bool {
    if !units.iter().any(|u| may_reorder(u.ch)) {
        return false;
    }
    let mut moved = false;
    for line in units.split_mut(|u| is_paragraph_break(u.ch)) {
        if line.iter().any(|u| may_reorder(u.ch)) {
            moved |= reorder_line(line);
        }
    }
    moved
}

fn reorder_line(line: &mut [Unit]) -> bool {
    let text: String = line.iter().map(|u| u.ch).collect();
    let info = unicode_bidi::ParagraphBidiInfo::new(&text, None);
    if info.is_pure_ltr {
        return false;
    }
    let levels = info.reordered_levels_per_char(0..text.len());
    let order = unicode_bidi::ParagraphBidiInfo::reorder_visual(&levels);
    if order.iter().enumerate().all(|(i, &from)| i == from) {
        return false;
    }
    let logical = line.to_vec();
    for (slot, &from) in line.iter_mut().zip(&order) {
        *slot = logical[from];
    }
    true
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
        let mut scanned = html::scan(src);
        let reordered = to_visual_order(&mut scanned.units);
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
            reordered,
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
        // order; the covering range keeps the span valid. In a line put in
        // visual order any character of the run may lie outside its ends, so
        // all of them are looked at.
        let ends = [self.origin[first], self.origin[last]];
        let run: &[(u32, u32)] = if self.reordered {
            &self.origin[first.min(last)..=last.max(first)]
        } else {
            &ends
        };
        let start = run.iter().map(|r| r.0).min().unwrap_or(0);
        let end = run.iter().map(|r| r.1).max().unwrap_or(0);
        (start as usize, end as usize)
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
    fn right_to_left_override_is_read_in_visual_order() {
        // U+202E ... U+202C: stored 本保, displayed 保本.
        let src = "本产品\u{202E}本保\u{202C}，收益高";
        let n = Normalized::new(src);
        assert_eq!(n.text, "本产品保本,收益高");
        let start = n.text.find("保本").unwrap();
        let (s, e) = n.to_original(start, start + "保本".len());
        assert_eq!(&src[s..e], "本保");
        // An isolate or embedding keeps a CJK run in its order; a
        // right-to-left mark between two CJK characters in a right-to-left
        // embedding swaps them, as a renderer does.
        assert_eq!(norm("\u{2067}保本\u{2069}"), "保本");
        assert_eq!(norm("\u{202B}保本\u{202C}"), "保本");
        assert_eq!(norm("\u{202B}本\u{200F}保\u{202C}"), "保本");
        // A left-to-right override inside changes nothing for CJK.
        assert_eq!(norm("\u{202D}保本\u{202C}"), "保本");
    }

    #[test]
    fn combining_marks_inside_a_cjk_word_are_ignored() {
        assert_eq!(
            norm("保\u{0301}本，零\u{20DD}风\u{1AB0}险\u{FE20}"),
            "保本,零风险\u{FE20}"
        );
        // Outside CJK words they stay: café keeps its accent.
        assert_eq!(norm("cafe\u{0301}"), "cafe\u{0301}");
    }

    #[test]
    fn plain_text_is_not_reordered() {
        for s in ["保本理财 abc 123", "收益 5% — 年化", "a\u{200E}b"] {
            let n = Normalized::new(s);
            assert!(!n.reordered, "{s:?}");
        }
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
