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

use std::sync::OnceLock;

use crate::fold::{self, Folded};
use crate::html::{self, Comment, Unit};

#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    /// Where each stretch of `text` came from in the original, run-length
    /// coded: one entry per run of characters copied at the same length,
    /// not two per character (those were 12 bytes per character, more than
    /// the text itself).
    pieces: Vec<Piece>,
    pub comments: Vec<Comment>,
    /// Some line was put in visual order, so the original ranges of a run of
    /// normalised characters are no longer monotonic.
    reordered: bool,
    /// Each piece starts in the original at or after the end of the one
    /// before, so original offsets ascend with normalised ones.
    ascending: bool,
    /// For `from_original` when not `ascending`: each character's original
    /// start and normalised start, built on first use.
    per_char: OnceLock<Vec<(u32, u32)>>,
}

/// A stretch of the normalised text from byte `norm` to the next piece's
/// (or the end), and the original byte range `orig..end` it came from.
/// When both have the same length it is a run: each character stands for
/// the original character at the same distance from the start, of the same
/// length (a character folded to another of the same length, 穩 to 稳,
/// included). Otherwise it is one character (an entity, a tag's line break,
/// a full-width digit), which stands for the whole range.
#[derive(Debug, Clone, Copy)]
struct Piece {
    norm: u32,
    orig: u32,
    end: u32,
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
    /// One pass: the HTML scanner hands each visible character straight to
    /// the folding, which collapses joiner runs between CJK characters and
    /// appends to the text and the offset map. No per-character list: on a
    /// 10 MB input that was a hundred megabytes. A text with a character
    /// that may put a line in another visual order is scanned again into a
    /// list, which the bidi algorithm reorders line by line first.
    pub fn new(src: &str) -> Self {
        let mut out = Builder::new(src.len());
        let mut bidi = false;
        let comments = html::scan_into(src, |u| {
            if bidi || may_reorder(u.ch) {
                bidi = true;
            } else {
                out.fold(u);
            }
        });
        if !bidi {
            return out.finish(comments, false);
        }
        let mut scanned = html::scan(src);
        let reordered = to_visual_order(&mut scanned.units);
        let mut out = Builder::new(src.len());
        for &unit in &scanned.units {
            out.fold(unit);
        }
        out.finish(scanned.comments, reordered)
    }

    /// The index of the piece holding normalised byte `at`.
    fn piece_at(&self, at: usize) -> usize {
        let after = self.pieces.partition_point(|p| p.norm as usize <= at);
        after.saturating_sub(1)
    }

    /// Where piece `i` ends in the normalised text.
    fn piece_end(&self, i: usize) -> usize {
        self.pieces
            .get(i + 1)
            .map_or(self.text.len(), |p| p.norm as usize)
    }

    /// Is piece `i` a run (see [`Piece`])?
    fn is_run(&self, i: usize) -> bool {
        let p = self.pieces[i];
        (p.end - p.orig) as usize == self.piece_end(i) - p.norm as usize
    }

    /// The start of the character holding normalised byte `at`, or of the
    /// last character when `at` is past the end. The text is not empty.
    fn char_start(&self, at: usize) -> usize {
        let at = at.min(self.text.len() - 1);
        crate::span::floor_char_boundary(&self.text, at)
    }

    /// The original range of the character starting at normalised byte `at`.
    fn origin_of(&self, at: usize) -> (usize, usize) {
        let i = self.piece_at(at);
        let p = self.pieces[i];
        if !self.is_run(i) {
            return (p.orig as usize, p.end as usize);
        }
        let start = p.orig as usize + (at - p.norm as usize);
        let len = self.text[at..].chars().next().map_or(0, char::len_utf8);
        (start, start + len)
    }

    /// The smallest start and largest end of the original ranges of the
    /// characters starting from `first` to `last` (normalised bytes).
    fn covering(&self, first: usize, last: usize) -> (usize, usize) {
        let (mut start, mut end) = (usize::MAX, 0);
        for i in self.piece_at(first)..=self.piece_at(last) {
            let p = self.pieces[i];
            let (a, b) = if self.is_run(i) {
                let from = first.max(p.norm as usize);
                let to = self.char_start(last.min(self.piece_end(i) - 1));
                (self.origin_of(from).0, self.origin_of(to).1)
            } else {
                (p.orig as usize, p.end as usize)
            };
            start = start.min(a);
            end = end.max(b);
        }
        (start, end)
    }

    /// Map a byte range of the normalised text to a byte range of the original.
    pub fn to_original(&self, start: usize, end: usize) -> (usize, usize) {
        if self.pieces.is_empty() {
            return (0, 0);
        }
        let first = self.char_start(start);
        let last = self.char_start(end.saturating_sub(1).max(start));
        // Attribute text (alt, title) follows the visible text but comes from
        // earlier in the source, so a hit reaching into it has its ends out of
        // order; the covering range keeps the span valid. In a line put in
        // visual order any character of the run may lie outside its ends, so
        // all of them are looked at.
        if self.reordered {
            return self.covering(first.min(last), last.max(first));
        }
        let (a, b) = (self.origin_of(first), self.origin_of(last));
        (a.0.min(b.0), a.1.max(b.1))
    }

    /// The normalised byte offset at or after an original byte offset.
    pub fn from_original(&self, orig: usize) -> usize {
        if !self.ascending {
            let per_char = self.per_char.get_or_init(|| self.each_char());
            let idx = per_char.partition_point(|&(s, _)| (s as usize) < orig);
            return per_char
                .get(idx)
                .map_or(self.text.len(), |&(_, n)| n as usize);
        }
        // The first character whose original start is at or after `orig`.
        let k = self.pieces.partition_point(|p| (p.orig as usize) < orig);
        let next = |k: usize| {
            self.pieces
                .get(k)
                .map_or(self.text.len(), |p| p.norm as usize)
        };
        let Some(i) = k.checked_sub(1) else {
            return next(0);
        };
        let p = self.pieces[i];
        let at = p.norm as usize + (orig - p.orig as usize);
        if self.is_run(i) && at < self.piece_end(i) {
            return crate::span::ceil_char_boundary(&self.text, at);
        }
        next(k)
    }

    /// Each character's original start and normalised start.
    fn each_char(&self) -> Vec<(u32, u32)> {
        let chars = self.text.char_indices();
        chars
            .map(|(at, _)| (self.origin_of(at).0 as u32, at as u32))
            .collect()
    }
}

struct Builder {
    text: String,
    pieces: Vec<Piece>,
    ascending: bool,
    /// A run of joiners after a CJK character, held back until the next
    /// character shows whether they sit inside a CJK word (保*本, 零 风 险).
    joiners: Vec<Unit>,
    last: Option<char>,
}

impl Builder {
    fn new(capacity: usize) -> Builder {
        Builder {
            text: String::with_capacity(capacity),
            pieces: Vec::new(),
            ascending: true,
            joiners: Vec::new(),
            last: None,
        }
    }

    /// Fold one scanned character and take it, unless folding drops it.
    fn fold(&mut self, unit: Unit) {
        if let Folded::Keep(ch) = fold::fold_char(unit.ch) {
            self.push(Unit { ch, ..unit });
        }
    }

    fn finish(mut self, comments: Vec<Comment>, reordered: bool) -> Normalized {
        self.flush_joiners();
        self.pieces.shrink_to_fit();
        Normalized {
            text: self.text,
            pieces: self.pieces,
            comments,
            reordered,
            ascending: self.ascending,
            per_char: OnceLock::new(),
        }
    }

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

    /// Append one character: it extends the last piece when that is a run
    /// ending where this character starts in the original and the character
    /// keeps its length; otherwise it starts a piece.
    fn emit(&mut self, u: Unit) {
        let at = self.text.len();
        let same_length = u.end - u.start == u.ch.len_utf8();
        match self.pieces.last_mut() {
            Some(p)
                if same_length
                    && p.end as usize == u.start
                    && (p.end - p.orig) as usize == at - p.norm as usize =>
            {
                p.end = u.end as u32;
            }
            last => {
                if last.is_some_and(|p| (u.start as u32) < p.end) {
                    self.ascending = false;
                }
                self.pieces.push(Piece {
                    norm: at as u32,
                    orig: u.start as u32,
                    end: u.end as u32,
                });
            }
        }
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

    /// The offset map as it was before it was run-length coded: two entries
    /// per character, from the scanned list, joiners collapsed the same way.
    struct PerChar {
        text: String,
        norm_starts: Vec<u32>,
        origin: Vec<(u32, u32)>,
        reordered: bool,
    }

    impl PerChar {
        fn new(src: &str) -> PerChar {
            let mut scanned = html::scan(src);
            let reordered = to_visual_order(&mut scanned.units);
            let mut kept: Vec<Unit> = Vec::new();
            let mut joiners: Vec<Unit> = Vec::new();
            for unit in &scanned.units {
                let Folded::Keep(ch) = fold::fold_char(unit.ch) else {
                    continue;
                };
                let u = Unit { ch, ..*unit };
                let after_cjk =
                    !joiners.is_empty() || kept.last().is_some_and(|k| fold::is_cjk(k.ch));
                if is_joiner(u.ch) && after_cjk {
                    joiners.push(u);
                    continue;
                }
                if fold::is_cjk(u.ch) {
                    joiners.clear();
                } else {
                    kept.append(&mut joiners);
                }
                kept.push(u);
            }
            kept.append(&mut joiners);
            let mut out = PerChar {
                text: String::new(),
                norm_starts: Vec::new(),
                origin: Vec::new(),
                reordered,
            };
            for u in kept {
                out.norm_starts.push(out.text.len() as u32);
                out.origin.push((u.start as u32, u.end as u32));
                out.text.push(u.ch);
            }
            out
        }

        fn char_index(&self, norm_byte: usize) -> usize {
            match self.norm_starts.binary_search(&(norm_byte as u32)) {
                Ok(i) => i,
                Err(i) => i.saturating_sub(1),
            }
        }

        fn to_original(&self, start: usize, end: usize) -> (usize, usize) {
            if self.origin.is_empty() {
                return (0, 0);
            }
            let first = self.char_index(start).min(self.origin.len() - 1);
            let last = self
                .char_index(end.saturating_sub(1).max(start))
                .min(self.origin.len() - 1);
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

        fn normalised_at(&self, orig: usize) -> usize {
            let idx = self.origin.partition_point(|&(s, _)| (s as usize) < orig);
            self.norm_starts
                .get(idx)
                .map_or(self.text.len(), |&b| b as usize)
        }
    }

    /// The run-length map answers exactly as the per-character map did, for
    /// every range and original offset of inputs mixing markup, entities,
    /// attributes, folded and dropped characters, joiners and bidi controls.
    #[test]
    fn run_length_map_answers_as_the_per_character_map() {
        const PIECES: [&str; 26] = [
            "保",
            "本",
            " ",
            "*",
            "<b>",
            "</b>",
            "<p>",
            "&amp;",
            "&#x4E00;",
            "１",
            "Ａ",
            "穩",
            "\u{202E}",
            "\u{202C}",
            "<img alt=\"稳赚\" title='保本'>",
            "<!-- c -->",
            "a",
            "\n",
            "💰",
            "\u{0301}",
            "<script>x</script>",
            "&lt;",
            "\u{200B}",
            "9",
            "。",
            "\u{05D0}",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        let mut inputs: Vec<String> = vec![String::new(), "保本".into(), "<p>".into()];
        for _ in 0..400 {
            let len = 1 + next(14);
            inputs.push((0..len).map(|_| PIECES[next(PIECES.len())]).collect());
        }
        for src in &inputs {
            let new = Normalized::new(src);
            let old = PerChar::new(src);
            assert_eq!(new.text, old.text, "{src:?}");
            assert_eq!(new.reordered, old.reordered, "{src:?}");
            let bounds: Vec<usize> = (0..=new.text.len())
                .filter(|&b| new.text.is_char_boundary(b))
                .collect();
            for (k, &a) in bounds.iter().enumerate() {
                for &b in &bounds[k..] {
                    assert_eq!(
                        new.to_original(a, b),
                        old.to_original(a, b),
                        "{a}..{b} of {src:?}"
                    );
                }
            }
            for orig in 0..=src.len() + 1 {
                assert_eq!(
                    new.from_original(orig),
                    old.normalised_at(orig),
                    "{orig} in {src:?}"
                );
            }
        }
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
