//! Spans in the original input, in the three units its consumers use:
//! Unicode scalars (Python, the corpus), UTF-16 code units (JavaScript, DOM
//! ranges) and bytes (Rust).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub utf16_start: usize,
    pub utf16_end: usize,
    pub byte_start: usize,
    pub byte_end: usize,
}

/// Converts many byte offsets of one text in a single forward sweep, so that a
/// report with thousands of findings over a 10 MB input stays linear.
pub struct OffsetConverter;

/// Where a byte offset falls: scalar and UTF-16 offsets, and the 1-based line
/// and column (in scalars) for human output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub scalar: usize,
    pub utf16: usize,
    pub line: usize,
    pub column: usize,
}

impl OffsetConverter {
    /// Spans and start positions for byte ranges of `text`. Offsets must lie
    /// on char boundaries; the normaliser's map guarantees it.
    pub fn spans(text: &str, ranges: &[(usize, usize)]) -> Vec<(Span, Position)> {
        let mut wanted: Vec<usize> = ranges.iter().flat_map(|&(s, e)| [s, e]).collect();
        wanted.sort_unstable();
        wanted.dedup();
        let positions = sweep(text, &wanted);
        let lookup = |b: usize| positions[wanted.binary_search(&b).unwrap_or(0)];
        ranges
            .iter()
            .map(|&(s, e)| {
                let (ps, pe) = (lookup(s), lookup(e));
                let span = Span {
                    start: ps.scalar,
                    end: pe.scalar,
                    utf16_start: ps.utf16,
                    utf16_end: pe.utf16,
                    byte_start: s,
                    byte_end: e,
                };
                (span, ps)
            })
            .collect()
    }
}

fn sweep(text: &str, sorted_bytes: &[usize]) -> Vec<Position> {
    let mut out = Vec::with_capacity(sorted_bytes.len());
    let mut pos = Position {
        scalar: 0,
        utf16: 0,
        line: 1,
        column: 1,
    };
    let mut chars = text.char_indices().peekable();
    for &target in sorted_bytes {
        while let Some(&(b, c)) = chars.peek() {
            if b >= target {
                break;
            }
            pos.scalar += 1;
            pos.utf16 += c.len_utf16();
            if c == '\n' {
                pos.line += 1;
                pos.column = 1;
            } else {
                pos.column += 1;
            }
            chars.next();
        }
        out.push(pos);
    }
    out
}

pub fn ceil_char_boundary(text: &str, mut byte: usize) -> usize {
    byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte += 1;
    }
    byte
}

pub fn floor_char_boundary(text: &str, mut byte: usize) -> usize {
    byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    byte
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_astral_characters_as_two_utf16_units() {
        let text = "😀保本";
        let b = text.find("保本").unwrap();
        let spans = OffsetConverter::spans(text, &[(b, text.len())]);
        let (span, pos) = spans[0];
        assert_eq!(span.start, 1);
        assert_eq!(span.utf16_start, 2);
        assert_eq!(span.byte_start, 4);
        assert_eq!(span.end, 3);
        assert_eq!(span.utf16_end, 4);
        assert_eq!((pos.line, pos.column), (1, 2));
    }
}
