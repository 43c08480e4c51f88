//! Patterns for numbers (a resident ID, a mobile or bank-card number) run
//! only where enough digits lie close together, found in one scan of the
//! text's digits, instead of over the whole text. Their literals are single
//! digits, far too common to place windows around: each ran over all of a
//! 10 MB input, a few percent of a check apiece.
//!
//! Every match of such a pattern holds at least `count` characters of `\d`
//! and is at most `longest` bytes long. So it lies within `longest` bytes
//! of a group of `count` consecutive digits of the text, and the windows
//! around every such group, merged, hold every match whole.

use std::sync::OnceLock;

use regex_syntax::hir::{Class, ClassUnicode, Hir, HirKind};

/// Below this many digits per match, the groups are as common as the
/// digits: the pattern is searched as before.
const MIN_DIGITS: usize = 6;

/// What the digit scan needs to know of a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DigitShape {
    /// Every match holds at least this many digits.
    pub count: usize,
    /// No match is longer than this, in bytes.
    pub longest: usize,
}

impl DigitShape {
    /// The shape of a pattern whose every match holds at least
    /// `MIN_DIGITS` digits and whose length is bounded; None otherwise.
    pub(crate) fn of(hir: &Hir) -> Option<DigitShape> {
        let longest = hir.properties().maximum_len()?;
        let count = min_digits(hir);
        (count >= MIN_DIGITS).then_some(DigitShape { count, longest })
    }

    /// The merged windows, ascending, that hold every match in `text`,
    /// given where its digits are (`positions`).
    pub(crate) fn windows(&self, text: &str, digits: &[u32]) -> Vec<(usize, usize)> {
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for group in digits.windows(self.count) {
            let first = group[0] as usize;
            let last = group[self.count - 1] as usize;
            let last_end = last + text[last..].chars().next().map_or(1, char::len_utf8);
            if last_end - first > self.longest {
                continue;
            }
            let from = last_end.saturating_sub(self.longest);
            let from = crate::span::floor_char_boundary(text, from);
            let to = (first + self.longest).min(text.len());
            let to = crate::span::ceil_char_boundary(text, to);
            match merged.last_mut() {
                Some(prev) if from <= prev.1 => prev.1 = prev.1.max(to),
                _ => merged.push((from, to)),
            }
        }
        merged
    }
}

/// Where the characters of `\d` are in `text`, ascending.
pub(crate) fn positions(text: &str) -> Vec<u32> {
    let class = digit_class();
    let mut out = Vec::new();
    for (i, c) in text.char_indices() {
        let digit = if c.is_ascii() {
            c.is_ascii_digit()
        } else {
            // No digit lies among the CJK characters and punctuation, most
            // of the text (a test checks); the others are looked up.
            !CJK.contains(&(c as u32)) && contains(class, c)
        };
        if digit {
            out.push(i as u32);
        }
    }
    out
}

/// U+3000 to U+9FFF: CJK punctuation, kana, radicals and ideographs.
const CJK: std::ops::RangeInclusive<u32> = 0x3000..=0x9FFF;

/// `\d` as the patterns compile it (Unicode decimal digits).
fn digit_class() -> &'static ClassUnicode {
    static CLASS: OnceLock<ClassUnicode> = OnceLock::new();
    CLASS.get_or_init(|| {
        let hir = regex_syntax::Parser::new()
            .parse(r"\d")
            .expect(r"\d parses");
        match hir.kind() {
            HirKind::Class(Class::Unicode(c)) => c.clone(),
            _ => ClassUnicode::empty(),
        }
    })
}

fn contains(class: &ClassUnicode, c: char) -> bool {
    let ranges = class.ranges();
    let at = ranges.partition_point(|r| r.end() < c);
    ranges.get(at).is_some_and(|r| r.start() <= c)
}

/// The fewest characters of `\d` a match of `hir` holds: a class counts
/// when it matches digits only.
fn min_digits(hir: &Hir) -> usize {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) | HirKind::Class(Class::Bytes(_)) => 0,
        HirKind::Literal(l) => std::str::from_utf8(&l.0).map_or(0, |s| {
            s.chars().filter(|&c| contains(digit_class(), c)).count()
        }),
        HirKind::Class(Class::Unicode(c)) => {
            let mut outside = c.clone();
            outside.difference(digit_class());
            usize::from(!c.ranges().is_empty() && outside.ranges().is_empty())
        }
        HirKind::Repetition(r) => (r.min as usize).saturating_mul(min_digits(&r.sub)),
        HirKind::Capture(c) => min_digits(&c.sub),
        HirKind::Concat(parts) => parts.iter().map(min_digits).fold(0, usize::saturating_add),
        HirKind::Alternation(alts) => alts.iter().map(min_digits).min().unwrap_or(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(pattern: &str) -> Option<DigitShape> {
        DigitShape::of(&regex_syntax::Parser::new().parse(pattern).unwrap())
    }

    #[test]
    fn counts_the_digits_every_match_holds() {
        let mobile = shape(r"(?:^|[^0-9])(?P<hit>1[3-9]\d(?:[- ]?\d{4}){2})(?:[^0-9]|$)");
        assert_eq!(mobile.map(|s| s.count), Some(11));
        let id = shape(r"(?P<hit>[1-9]\d{5}(?:18|19|20)\d{2}\d{7}[0-9x])");
        assert_eq!(id.map(|s| s.count), Some(17));
        assert_eq!(shape(r"\d+(?:\.\d+)?%"), None, "unbounded, and one digit");
        assert_eq!(
            shape(r"\d{6}|[a-z]{6}"),
            None,
            "an alternative without digits"
        );
    }

    #[test]
    fn no_digit_among_cjk_characters() {
        let class = digit_class();
        assert!(class
            .ranges()
            .iter()
            .all(|r| (r.end() as u32) < *CJK.start() || (r.start() as u32) > *CJK.end()));
        let text = "编号١٢٣4５";
        let each: Vec<u32> = text
            .char_indices()
            .filter(|&(_, c)| contains(class, c))
            .map(|(i, _)| i as u32)
            .collect();
        assert_eq!(positions(text), each);
        assert_eq!(each.len(), 5);
    }

    #[test]
    fn windows_hold_every_group_of_digits_within_reach() {
        let s = DigitShape {
            count: 3,
            longest: 5,
        };
        let text = "x123xxxxxxxx4xx5xx6";
        // 123 fits in 5 bytes, and its window reaches 5 bytes either way of
        // it; 4, 5 and 6 span 7 bytes.
        assert_eq!(s.windows(text, &positions(text)), vec![(0, 6)]);
        assert!(s.windows("1aa2aa3", &positions("1aa2aa3")).is_empty());
    }
}
